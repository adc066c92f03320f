"""``--format html``: a self-contained review report, escaped, with the findings marked in the draft."""

from __future__ import annotations

from html.parser import HTMLParser

from conftest import run_cli
from docx_factory import NOTICE, make_docx

DRAFT = (
    "件名：会員情報の流出に関するお詫び\n"
    "\n"
    "会員の皆様\n"
    "\n"
    '当社サイトで「<script>alert("x")</script>」という文字列を含む不正な入力があり、お客様の氏名が流出しました！\n'
    "深くお詫び申し上げます。\n"
)


class _Page(HTMLParser):
    """Collects the tags, the text of the draft (without finding numbers) and the marks."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.draft: list[str] = []
        self.marks: list[tuple[str, str, str]] = []  # class, text, title
        self._in_pre = self._in_sup = False
        self._mark: tuple[str, str] | None = None

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "pre":
            self._in_pre = True
        elif tag == "sup":
            self._in_sup = True
        elif tag == "mark":
            self._mark = (attributes["class"], attributes["title"])
            self.marks.append((attributes["class"], "", attributes["title"]))

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if tag == "pre":
            self._in_pre = False
        elif tag == "sup":
            self._in_sup = False
        elif tag == "mark":
            self._mark = None

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        if self._in_pre and not self._in_sup:
            self.draft.append(data)
            if self._mark is not None:
                cls, text, title = self.marks[-1]
                self.marks[-1] = (cls, text + data, title)


def _render(tmp_path, name: str, data: bytes, *extra: str) -> tuple[int, str, str]:
    path = tmp_path / name
    path.write_bytes(data)
    proc = run_cli("--format", "html", str(path), *extra)
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")


def test_a_draft_with_markup_renders_as_text(tmp_path) -> None:
    code, html, _ = _render(tmp_path, "draft.txt", DRAFT.encode())
    assert code == 1
    page = _Page()
    page.feed(html)
    assert "script" not in {tag for tag, _ in page.tags}
    assert "".join(page.draft) == DRAFT  # the whole draft, character for character
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_findings_are_marked_by_severity_with_the_message(tmp_path) -> None:
    _, html, _ = _render(tmp_path, "draft.txt", DRAFT.encode())
    page = _Page()
    page.feed(html)
    exclamation = [m for m in page.marks if m[1] == "！"]
    assert exclamation and exclamation[0][0] == "warning"
    assert "[emotional-expression] お詫びの文書に「！」は使いません。" in exclamation[0][2]
    # The missing elements are listed in the checklist with their message, not painted over the text.
    assert all("missing-" not in title for _, _, title in page.marks)
    assert (
        '<li class="missing">対応・再発防止策：足りません（<span class="sev error">エラー</span>）'
        '<span class="note">具体的な再発防止策を書いてください'
    ) in html
    assert '<li class="found">お詫び（6 行目）</li>' in html


def test_the_report_is_one_file_that_requests_nothing(tmp_path) -> None:
    _, html, _ = _render(tmp_path, "draft.txt", DRAFT.encode())
    page = _Page()
    page.feed(html)
    csp = [a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp == ["default-src 'none'; style-src 'unsafe-inline'"]
    for tag, attributes in page.tags:
        assert "src" not in attributes, tag
        assert tag != "link"
        assert attributes.get("href", "#").startswith("#"), attributes


def test_word_drafts_and_unreadable_files_in_one_report(tmp_path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not a zip")
    code, html, err = _render(tmp_path, "notice.docx", make_docx(NOTICE), str(broken))
    assert code == 2
    assert err.startswith(f"owabilint: error: {broken}: ")
    assert f"<h2>{tmp_path / 'notice.docx'}</h2>" in html
    assert "行は Word 文書の段落（表のセルは「項目：内容」の 1 行）、列はその中の文字の位置です。" in html
    assert '<span class="sev warning">警告</span> 5 行 54 列 <span class="rule">[emotional-expression]</span>' in html
    assert '<p class="error-line">読み込めませんでした：Word 文書（.docx）として読み込めません。' in html
