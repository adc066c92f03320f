"""The review page in a real browser: type, see highlights and the checklist, fix, save, open Word drafts."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from browser import ARTIFACTS, LAUNCH_ARGS, chromium_path, unavailable
from docx_factory import NOTICE, make_docx

pytestmark = pytest.mark.browser

DRAFT = (
    "件名：会員サイトにおける個人情報の流出に関するお詫び\n"
    "\n"
    "会員の皆様\n"
    "\n"
    "このたび、当社の会員サイトにおいて、お客様の氏名とメールアドレスが外部から閲覧できる状態になっていたことが判明しました！\n"
    "お客様には多大なご迷惑とご心配をおかけし、深くお詫び申し上げます。\n"
)


@pytest.fixture(scope="module")
def server(tmp_path_factory):  # type: ignore[no-untyped-def]
    """A real ``owabilint serve`` on a free port."""
    folder = tmp_path_factory.mktemp("serve")
    proc = subprocess.Popen(
        [sys.executable, "-m", "owabilint", "serve", "--port", "0", "--no-config"],
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    line = proc.stdout.readline()
    match = re.search(r"http://127\.0\.0\.1:\d+/", line)
    if not match:
        proc.kill()
        pytest.fail(f"owabilint serve did not start: {line}{proc.stderr.read()}")
    yield match.group(0)
    proc.terminate()
    proc.communicate(timeout=30)


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the Python package playwright is not installed")
    executable = chromium_path()
    if executable is None:
        unavailable("Chromium is not installed (apt-get install chromium)")
    with sync_playwright() as playwright:
        try:
            instance = playwright.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)
        except Exception as exc:  # noqa: BLE001 - any launch failure means no browser
            unavailable(f"Chromium at {executable} does not start ({type(exc).__name__}: {str(exc).splitlines()[0]})")
        yield instance
        instance.close()


@pytest.fixture
def page(browser, server):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True, locale="ja-JP")
    page = context.new_page()
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith((server, "data:", "blob:")) else outside.append(r.url))
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    # Answers with an error status (a refused file) are part of the tests; script errors never are.
    page.on(
        "console",
        lambda m: errors.append(m.text) if m.type == "error" and "Failed to load resource" not in m.text else None,
    )
    page.goto(server)
    yield page
    context.close()
    assert outside == []  # the page never asks anything of another address
    assert errors == []


def type_draft(page, text: str) -> None:  # type: ignore[no-untyped-def]
    """Paste most of the draft and type its end, as a writer would; wait for the answer to the whole text."""
    page.fill("#draft", text[:-12])
    page.locator("#draft").press("End")
    page.keyboard.press("Control+End")
    page.keyboard.type(text[-12:], delay=15)
    # Findings are painted under the text only when they belong to the text as it is now.
    page.wait_for_function(
        """() => {
            const backdrop = document.getElementById('backdrop');
            return backdrop.querySelector('mark') && backdrop.textContent.replace(/\u200b$/, '') === document.getElementById('draft').value;
        }"""
    )


def test_typing_shows_highlights_checklist_and_findings(page) -> None:
    text = DRAFT + "今後ともご愛顧を賜りますよう、お願い申し上げます！\n"  # a second finding, further down
    type_draft(page, text)
    mark = page.locator("#preview mark.sev-warning", has_text="！").first
    mark.wait_for()
    # Under the text being typed, the same span is painted, and the painted copy is the draft itself.
    assert page.locator("#backdrop mark.sev-warning").all_inner_texts() == ["！", "！"]
    assert page.evaluate("() => document.getElementById('backdrop').textContent.replace(/\u200b$/, '')") == text
    painted = page.locator("#backdrop mark.sev-warning").first.bounding_box()
    assert 0 < painted["x"] and 0 < painted["y"] < 800
    # The message appears when the highlighted text gets the keyboard focus.
    mark.focus()
    tip = mark.locator(".tip")
    assert tip.is_visible()
    assert "お詫びの文書に「！」は使いません。" in tip.inner_text()
    # Checklist: found elements with their line, missing ones with their message.
    assert "（6 行目）" in page.locator("#checklist li.found", has_text="お詫び").inner_text()
    missing = page.locator("#checklist li.missing", has_text="窓口が足りません")
    assert "問い合わせ窓口の連絡先" in missing.inner_text()
    # Findings in reading order; a click selects the span in the draft.
    places = [
        tuple(int(n) for n in re.findall(r"(\d+) 行 (\d+) 列", text)[0])
        for text in page.locator("#findings .jump .where").all_inner_texts()
    ]
    assert len(places) == 2 and places == sorted(places)
    page.locator("#findings .jump", has_text="お詫びの文書に「！」は使いません").last.click()
    selection = page.evaluate(
        "() => { const t = document.getElementById('draft'); return [t.selectionStart, t.selectionEnd]; }"
    )
    assert selection == [len(text) - 2, len(text) - 1]  # the second 「！」, at the end of the last line
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "review-page-1280x800.png"))


def test_apply_one_fix_then_download_the_corrected_text(page) -> None:
    type_draft(page, DRAFT)
    page.locator("#preview mark.sev-warning", has_text="！").wait_for()
    page.get_by_role("button", name="「！」を「。」に直す").click()
    expected = DRAFT.replace("判明しました！", "判明しました。")
    page.wait_for_function("() => !document.querySelector('#findings .fix')")
    assert page.input_value("#draft") == expected
    assert page.locator("#preview mark", has_text="！").count() == 0
    with page.expect_download() as info:
        page.click("#download")
    download = info.value
    assert download.suggested_filename == "お詫び文_修正版.txt"
    assert Path(download.path()).read_text(encoding="utf-8") == expected


def test_a_fix_clicked_right_after_an_edit_still_lands_on_its_text(page) -> None:
    type_draft(page, DRAFT)
    page.locator("#draft").press("Control+Home")
    page.keyboard.type("再送：")  # the findings on screen now point three characters too early
    page.get_by_role("button", name="「！」を「。」に直す").click()
    expected = "再送：" + DRAFT.replace("判明しました！", "判明しました。")
    page.wait_for_function("(text) => document.getElementById('draft').value === text", arg=expected)


def test_copy_puts_the_draft_on_the_clipboard(page, server) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.rstrip("/"))
    type_draft(page, DRAFT)
    page.click("#copy")
    page.wait_for_function("() => document.getElementById('status').textContent.includes('コピーしました')")
    assert page.evaluate("() => navigator.clipboard.readText()") == DRAFT


def test_fix_all_and_profiles(page) -> None:
    type_draft(page, DRAFT.replace("！", "！！"))
    page.locator("#fix-all:not([disabled])").wait_for()
    page.click("#fix-all")
    page.wait_for_function("() => document.getElementById('fix-all').disabled")
    assert page.input_value("#draft") == DRAFT.replace("！", "。")
    count = page.locator("#checklist li.missing", has_text="件数が足りません")
    assert count.locator(".badge").inner_text() == "エラー"
    page.select_option("#profile", "concise")
    page.wait_for_function(
        "() => [...document.querySelectorAll('#checklist li.missing')].some(li => li.textContent.includes('件数が足りません') && li.querySelector('.badge').textContent === '情報')"
    )


def test_open_a_word_draft(page, tmp_path) -> None:
    page.set_input_files(
        "#file",
        files=[
            {
                "name": "お詫び文.docx",
                "mimeType": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "buffer": make_docx(NOTICE),
            }
        ],
    )
    page.wait_for_function(
        "() => document.getElementById('draft').value.startsWith('件名：会員情報の流出に関するお詫びとご報告')"
    )
    page.locator("#preview mark.sev-warning", has_text="！").wait_for()
    assert page.locator("#checklist li.missing").count() == 0
    assert "お詫び文.docx を開きました。" in page.inner_text("#status")
    item = page.locator("#findings .jump")
    assert item.count() == 1 and "5 行 54 列" in item.inner_text()
    with page.expect_download() as info:
        page.click("#download")
    assert info.value.suggested_filename == "お詫び文_修正版.txt"


def test_opening_a_file_never_silently_replaces_an_unsaved_draft(page) -> None:
    type_draft(page, DRAFT)
    asked: list[str] = []

    def answer(dialog, accept: bool) -> None:  # type: ignore[no-untyped-def]
        asked.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    other = {"name": "別の下書き.txt", "mimeType": "text/plain", "buffer": "件名：別の下書き\n".encode()}
    page.once("dialog", lambda dialog: answer(dialog, False))
    page.set_input_files("#file", files=[other])
    page.wait_for_function("() => document.getElementById('status').textContent.includes('開きませんでした')")
    assert page.input_value("#draft") == DRAFT
    assert asked == ["入力中の下書きは保存もコピーもされていません。別の下書き.txt の内容で置き換えますか？"]
    page.once("dialog", lambda dialog: answer(dialog, True))
    page.set_input_files("#file", files=[other])
    page.wait_for_function("() => document.getElementById('draft').value === '件名：別の下書き\\n'")


def test_a_broken_word_draft_gets_one_japanese_message(page) -> None:
    page.set_input_files(
        "#file", files=[{"name": "壊れた.docx", "mimeType": "application/octet-stream", "buffer": b"PK\x03\x04 cut"}]
    )
    alert = page.locator("#alert")
    alert.wait_for()
    assert (
        alert.inner_text()
        == "壊れた.docx: Word 文書（.docx）として読み込めません。ファイルが壊れているか、.docx ではありません"
    )


def test_drop_a_shift_jis_text_file(page) -> None:
    data = list(DRAFT.encode("cp932"))
    page.evaluate(
        """(bytes) => {
            const file = new File([new Uint8Array(bytes)], "下書き.txt", { type: "text/plain" });
            const transfer = new DataTransfer();
            transfer.items.add(file);
            document.getElementById("drop").dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
        }""",
        data,
    )
    page.wait_for_function("(draft) => document.getElementById('draft').value === draft", arg=DRAFT)
    page.locator("#preview mark.sev-warning", has_text="！").wait_for()


def test_keyboard_only(page) -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    # From the top of the page: the skip link, then the file chooser (Space opens it).
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className") == "skip"
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "file"
    chooser = None
    for _ in range(3):  # on a loaded machine Chromium now and then drops the first keypress
        try:
            with page.expect_file_chooser(timeout=5_000) as opened:
                page.keyboard.press("Space")
            chooser = opened
            break
        except PlaywrightTimeout:
            assert page.evaluate("() => document.activeElement.id") == "file"
    assert chooser is not None, "Space on the focused file input never opened the file chooser"
    chooser.value.set_files(files=[{"name": "draft.txt", "mimeType": "text/plain", "buffer": DRAFT.encode()}])
    page.wait_for_function("(text) => document.getElementById('draft').value === text", arg=DRAFT)
    page.locator("#findings .jump").first.wait_for()
    page.focus("#draft")
    # From the draft, Tab reaches the highlighted text, then the checklist and the findings.
    reached = []
    for _ in range(40):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("() => document.activeElement.tagName + '.' + document.activeElement.className"))
        if reached[-1].startswith("BUTTON.jump") and "findings" in page.evaluate(
            "() => document.activeElement.closest('ol,ul')?.id || ''"
        ):
            break
    assert any(r.startswith("MARK.") for r in reached)
    assert reached[-1].startswith("BUTTON.jump")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "draft"


def test_readable_in_a_narrow_window(browser, server) -> None:
    context = browser.new_context(viewport={"width": 420, "height": 800})
    page = context.new_page()
    page.goto(server)
    page.fill("#draft", DRAFT)
    page.locator("#preview mark.sev-warning").first.wait_for()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 420
    draft_box = page.locator("#draft").bounding_box()
    results_box = page.locator(".results").bounding_box()
    assert results_box["y"] > draft_box["y"] + draft_box["height"]  # one column: results below the draft
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "review-page-420-narrow.png"), full_page=True)
    context.close()


def test_the_browser_itself_stops_requests_to_other_addresses(browser, server) -> None:
    context = browser.new_context()
    page = context.new_page()
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    response = page.goto(server)
    assert "default-src 'none'" in response.headers["content-security-policy"]
    # Another origin on this machine (another port): a script of the page may not reach it.
    other = "http://127.0.0.1:9/"
    assert (
        page.evaluate("(url) => fetch(url, {mode: 'no-cors'}).then(() => 'sent', () => 'blocked')", other) == "blocked"
    )
    assert any("connect-src 'self'" in v for v in violations)
    context.close()
