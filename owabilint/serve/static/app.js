// The review page: lint as you type, show findings, apply fixes, open and save drafts.
// Everything goes to this page's own server; nothing is stored in the browser.
"use strict";

(function () {
  const LABELS = { error: "エラー", warning: "警告", info: "情報" };
  const DEBOUNCE_MS = 300;
  const $ = (id) => document.getElementById(id);
  const draft = $("draft");
  const preview = $("preview");
  const backdrop = $("backdrop");
  const state = {
    kind: "text",          // "markdown" for a .md file, else "text"
    styledLines: [],       // Word heading/list styles, by line text
    fileName: null,        // the opened file's name (for the saved file's name)
    keptText: "",          // the text as last opened, saved or copied: nothing of it can be lost
    report: null,          // the last report …
    reportText: null,      // … and the text it belongs to
    seq: 0,
    timer: null,
  };

  function setStatus(message) { $("status").textContent = message; }
  function showError(message) {
    const alert = $("alert");
    alert.textContent = message;
    alert.hidden = !message;
  }

  async function post(path, body, contentType) {
    const response = await fetch(path, {
      method: "POST",
      headers: { "Content-Type": contentType || "application/json" },
      body: contentType ? body : JSON.stringify(body),
      credentials: "same-origin",
      cache: "no-store",
    });
    let data = null;
    try { data = await response.json(); } catch (e) { data = null; }
    if (!response.ok) {
      throw new Error((data && data.error) || "チェックできませんでした（" + response.status + "）。");
    }
    return data;
  }

  function draftBody(text) {
    return { text: text, kind: state.kind, profile: $("profile").value, styled_lines: state.styledLines };
  }

  // ------------------------------------------------------------------ linting
  function scheduleLint() {
    clearTimeout(state.timer);
    state.timer = setTimeout(lintNow, DEBOUNCE_MS);
  }

  async function lintNow() {
    clearTimeout(state.timer);
    const text = draft.value;
    const seq = ++state.seq;
    if (!text.trim()) {
      state.report = null; state.reportText = text;
      state.kind = "text"; state.styledLines = []; state.fileName = null; // an emptied page starts afresh
      render();
      setStatus("");
      return;
    }
    setStatus("チェックしています…");
    try {
      const report = await post("/api/lint", draftBody(text));
      if (seq !== state.seq) return; // an older answer: a newer request is on its way
      state.report = report; state.reportText = text;
      showError("");
      render();
      setStatus(summaryText(report));
    } catch (e) {
      if (seq === state.seq) { showError(e.message); setStatus(""); }
    }
  }

  function summaryText(report) {
    const s = report.summary;
    const total = s.error + s.warning + s.info;
    if (!total) return "チェックしました。指摘はありません。";
    return "チェックしました：エラー " + s.error + " 件、警告 " + s.warning + " 件、情報 " + s.info + " 件。";
  }

  // ------------------------------------------------------------------ rendering
  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === "text") node.textContent = value;
      else if (key === "class") node.className = value;
      else node.setAttribute(key, value);
    }
    for (const child of children || []) node.append(child);
    return node;
  }

  function render() {
    const report = state.report;
    renderPreview(report);
    paintBackdrop();
    renderChecklist(report);
    renderFindings(report);
    const fixable = report ? report.diagnostics.filter((d) => d.fix).length : 0;
    $("fix-all").disabled = !fixable;
    $("fix-all").textContent = fixable ? "自動修正をすべて適用（" + fixable + " 件）" : "自動修正をすべて適用";
  }

  // The findings to paint: every span, except the places where a missing element should be added.
  function markedFindings(report) {
    return report.diagnostics
      .map((d, i) => ({ d: d, n: i + 1 }))
      .filter((x) => !x.d.anchor && x.d.end16 > x.d.start16);
  }

  // Fill ``container`` with ``text``, each finding's span in a <mark> (overlaps: the most
  // severe wins). With ``tips`` the marks can be focused and show their messages.
  function paint(container, text, report, tips) {
    container.replaceChildren();
    const marked = report ? markedFindings(report) : [];
    const cuts = new Set([0, text.length]);
    for (const x of marked) { cuts.add(x.d.start16); cuts.add(x.d.end16); }
    const points = Array.from(cuts).sort((a, b) => a - b);
    const rank = { error: 3, warning: 2, info: 1 };
    for (let i = 0; i + 1 < points.length; i++) {
      const start = points[i], end = points[i + 1];
      const piece = text.slice(start, end);
      const covering = marked.filter((x) => x.d.start16 <= start && end <= x.d.end16);
      if (!covering.length) { container.append(piece); continue; }
      const worst = covering.reduce((a, b) => (rank[b.d.severity] > rank[a.d.severity] ? b : a));
      const mark = el("mark", { class: "sev-" + worst.d.severity, "data-finding": String(worst.n) }, [piece]);
      if (tips) {
        mark.tabIndex = 0;
        const tip = covering.map((x) => LABELS[x.d.severity] + "：" + x.d.message + "［" + x.d.rule + "］").join("\n");
        mark.append(el("span", { class: "tip", role: "tooltip", text: tip }));
      }
      container.append(mark);
    }
    if (!tips) container.append("\u200b"); // keeps a final empty line as tall as in the textarea
  }

  function renderPreview(report) {
    if (!report) { preview.replaceChildren(); return; }
    paint(preview, state.reportText || "", report, true);
  }

  function paintBackdrop() {
    const text = draft.value;
    paint(backdrop, text, text === state.reportText ? state.report : null, false);
    backdrop.scrollTop = draft.scrollTop;
  }

  function renderChecklist(report) {
    const list = $("checklist");
    list.replaceChildren();
    if (!report) return;
    const byRule = new Map();
    report.diagnostics.forEach((d, i) => { if (d.element) byRule.set(d.rule, [d, i + 1]); });
    const ordered = report.checklist.filter((c) => c.found).concat(report.checklist.filter((c) => !c.found));
    for (const item of ordered) {
      const li = el("li", { class: item.found ? "found" : "missing" });
      if (item.found) {
        li.append(item.element + " ", el("span", { class: "where", text: "（" + item.line + " 行目）" }));
      } else if (byRule.has(item.rule)) {
        const [d, n] = byRule.get(item.rule);
        li.append(findingButton(d, n, item.element + "が足りません"));
      } else {
        li.append(item.element + " ", el("span", { class: "state", text: "足りません" }));
      }
      list.append(li);
    }
  }

  function findingButton(d, n, title) {
    const children = [el("span", { class: "badge sev-" + d.severity, text: LABELS[d.severity] })];
    if (title) children.push(el("strong", { text: title }), el("br"));
    else children.push(el("span", { class: "where", text: d.line + " 行 " + d.column + " 列" }));
    children.push(d.message + " ", el("span", { class: "rule", text: "［" + d.rule + "］" }));
    const button = el("button", { type: "button", class: "jump", "data-finding": String(n) }, children);
    button.addEventListener("click", () => jumpTo(d, n));
    return button;
  }

  function renderFindings(report) {
    const list = $("findings");
    list.replaceChildren();
    const findings = report ? report.diagnostics.map((d, i) => [d, i + 1]).filter(([d]) => !d.element) : [];
    $("count").textContent = report ? "（" + findings.length + " 件）" : "";
    if (!report) return;
    if (!findings.length) {
      list.append(el("li", { class: "empty", text: "表現の指摘はありません。" }));
      return;
    }
    for (const [d, n] of findings) {
      const li = el("li", {}, [findingButton(d, n)]);
      if (d.fix) {
        const label = d.fix.replacement
          ? "「" + d.fix.original + "」を「" + d.fix.replacement + "」に直す"
          : "「" + d.fix.original + "」を削除する";
        const fix = el("button", { type: "button", class: "fix", text: label });
        fix.addEventListener("click", () => applyFix(d));
        li.append(fix);
      }
      list.append(li);
    }
  }

  function jumpTo(d, n) {
    draft.focus();
    draft.setSelectionRange(d.start16, Math.max(d.start16, d.end16));
    const before = draft.value.slice(0, d.start16).split("\n").length - 1;
    const lineHeight = parseFloat(getComputedStyle(draft).lineHeight) || 24;
    draft.scrollTop = Math.max(0, before * lineHeight - draft.clientHeight / 3);
    const mark = preview.querySelector('mark[data-finding="' + n + '"]');
    if (mark) {
      mark.scrollIntoView({ block: "nearest" });
      mark.classList.add("flash");
      setTimeout(() => mark.classList.remove("flash"), 1200);
    }
  }

  // ------------------------------------------------------------------ fixes
  async function applyFix(d) {
    let target = d;
    if (draft.value !== state.reportText) {
      // The draft changed since this finding was reported: check again, then find the same fix.
      await lintNow();
      const same = (state.report ? state.report.diagnostics : []).filter((x) =>
        x.rule === d.rule && x.fix && x.fix.original === d.fix.original && x.fix.replacement === d.fix.replacement);
      same.sort((a, b) => Math.abs(a.start16 - d.start16) - Math.abs(b.start16 - d.start16));
      target = same[0];
      if (!target || draft.value !== state.reportText) {
        setStatus("文章が変わったため、この修正は適用しませんでした。もう一度お試しください。");
        return;
      }
    }
    draft.setRangeText(target.fix.replacement, target.fix.start16, target.fix.end16, "end");
    paintBackdrop();
    setStatus("1 件を修正しました。");
    lintNow();
  }

  async function fixAll() {
    const text = draft.value;
    try {
      const result = await post("/api/fix", draftBody(text));
      if (draft.value !== text) { lintNow(); return; }
      draft.value = result.text;
      state.report = result.report; state.reportText = result.text;
      render();
      setStatus(result.applied + " 件を自動修正しました。" + summaryText(result.report));
    } catch (e) { showError(e.message); }
  }

  // ------------------------------------------------------------------ files
  function unsaved() {
    return draft.value.trim() !== "" && draft.value !== state.keptText;
  }

  async function openFile(file) {
    if (!file) return;
    if (unsaved() && !window.confirm("入力中の下書きは保存もコピーもされていません。" + file.name + " の内容で置き換えますか？")) {
      setStatus(file.name + " は開きませんでした。入力中の下書きはそのままです。");
      return;
    }
    setStatus(file.name + " を開いています…");
    try {
      const data = await file.arrayBuffer();
      const opened = await post("/api/open?name=" + encodeURIComponent(file.name), data, "application/octet-stream");
      draft.value = opened.text;
      state.keptText = opened.text;
      state.kind = opened.kind;
      state.styledLines = opened.styled_lines;
      state.fileName = opened.name;
      showError("");
      await lintNow();
      setStatus(opened.name + " を開きました。" + $("status").textContent);
    } catch (e) { showError(e.message); setStatus(""); }
  }

  function savedName() {
    if (!state.fileName) return "お詫び文_修正版.txt";
    const base = state.fileName.replace(/\.[^.]+$/, "");
    return base + "_修正版" + (state.kind === "markdown" ? ".md" : ".txt");
  }

  function download() {
    state.keptText = draft.value;
    const blob = new Blob([draft.value], { type: "text/plain;charset=utf-8" });
    const link = el("a", { href: URL.createObjectURL(blob), download: savedName() });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    setStatus(savedName() + " として保存しました（ブラウザーの「ダウンロード」フォルダー）。");
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(draft.value);
    } catch (e) {
      draft.select();
      document.execCommand("copy");
    }
    state.keptText = draft.value;
    setStatus("本文をクリップボードにコピーしました。");
  }

  // ------------------------------------------------------------------ wiring
  draft.addEventListener("input", () => { paintBackdrop(); scheduleLint(); });
  draft.addEventListener("scroll", () => { backdrop.scrollTop = draft.scrollTop; });
  $("profile").addEventListener("change", lintNow);
  $("fix-all").addEventListener("click", fixAll);
  $("download").addEventListener("click", download);
  $("copy").addEventListener("click", copy);
  $("file").addEventListener("change", (event) => { openFile(event.target.files[0]); event.target.value = ""; });
  const drop = $("drop");
  ["dragenter", "dragover"].forEach((type) => drop.addEventListener(type, (event) => {
    event.preventDefault(); drop.classList.add("over");
  }));
  ["dragleave", "drop"].forEach((type) => drop.addEventListener(type, () => drop.classList.remove("over")));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    if (event.dataTransfer.files.length) openFile(event.dataTransfer.files[0]);
  });
  // Closing or reloading the page would lose a draft that was neither saved nor copied.
  window.addEventListener("beforeunload", (event) => {
    if (unsaved()) { event.preventDefault(); event.returnValue = ""; }
  });
  fetch("/api/settings", { cache: "no-store" })
    .then((r) => r.json())
    .then((s) => { $("profile").value = s.profile; })
    .catch(() => {});
  if (draft.value.trim()) lintNow();
})();
