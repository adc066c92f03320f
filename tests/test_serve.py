"""``owabilint serve``: the review page's API and each of its protections."""

from __future__ import annotations

import gc
import json
import os
import re
import subprocess
import sys
import urllib.request
from email.message import EmailMessage
from pathlib import Path

import pytest
from conftest import ROOT, modules_loaded_by_cli, run_cli
from docx_factory import make_docx
from starlette.testclient import TestClient

from owabilint.config import ResolverOptions
from owabilint.serve.app import STATIC, create_app
from owabilint.serve.linting import Linter

BASE = "http://127.0.0.1:8765"
ORIGIN = {"Origin": BASE}
DRAFT = "件名：お詫び\n\n会員サイトでお客様の氏名が流出しました！\n深くお詫び申し上げます。\n"


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(ResolverOptions(no_config=True))


@pytest.fixture(scope="module")
def client(linter):  # type: ignore[no-untyped-def]
    with TestClient(create_app(linter, host="127.0.0.1", port=8765, max_body=60_000), base_url=BASE) as c:
        yield c


def lint(client, text: str, **extra):  # type: ignore[no-untyped-def]
    return client.post("/api/lint", json={"text": text, "kind": "text", **extra}, headers=ORIGIN)


# ---------------------------------------------------------------------- the API
def test_lint_answers_findings_checklist_and_positions(client) -> None:
    response = lint(client, DRAFT)
    assert response.status_code == 200
    report = response.json()
    (exclamation,) = [d for d in report["diagnostics"] if d["rule"] == "emotional-expression"]
    assert (exclamation["line"], exclamation["column"], exclamation["offset"]) == (3, 20, 27)
    assert (exclamation["start16"], exclamation["end16"]) == (27, 28)
    assert exclamation["fix"] == {
        "offset": 27,
        "end_offset": 28,
        "replacement": "。",
        "start16": 27,
        "end16": 28,
        "original": "！",
    }
    assert exclamation["element"] is False
    checklist = {c["element"]: c for c in report["checklist"]}
    assert checklist["お詫び"] == {
        "element": "お詫び",
        "found": True,
        "line": 4,
        "rule": "missing-apology",
        "message": None,
    }
    assert checklist["窓口"]["found"] is False
    assert checklist["窓口"]["message"].startswith("問い合わせ窓口の連絡先")
    assert report["summary"]["warning"] >= 1


def test_positions_in_utf16_units_for_characters_outside_the_bmp(client) -> None:
    report = lint(client, "件名：お詫び\n\n𠮷野家の会員情報が流出しました！\n").json()
    (exclamation,) = [d for d in report["diagnostics"] if d["rule"] == "emotional-expression"]
    assert exclamation["offset"] == 23 and exclamation["start16"] == 24  # 𠮷 is two UTF-16 units


def test_fix_applies_every_safe_fix_and_reports_what_is_left(client) -> None:
    response = client.post("/api/fix", json={"text": DRAFT.replace("！", "！！"), "kind": "text"}, headers=ORIGIN)
    assert response.status_code == 200
    result = response.json()
    assert result["text"] == DRAFT.replace("！", "。")
    assert result["applied"] >= 1
    assert not [d for d in result["report"]["diagnostics"] if d["fix"]]


def test_profile_changes_severities(client) -> None:
    def severity(profile: str) -> str:
        report = lint(client, DRAFT, profile=profile).json()
        return next(d["severity"] for d in report["diagnostics"] if d["rule"] == "missing-record-count")

    assert (severity("strict"), severity("concise"), severity("recommended")) == ("error", "info", "error")
    bad = lint(client, DRAFT, profile="lenient")
    assert bad.status_code == 400
    assert bad.json() == {"error": "プロファイル 'lenient' は使えません（recommended | strict | concise）。"}


def test_settings_lists_the_profiles(client) -> None:
    assert client.get("/api/settings").json() == {
        "profiles": ["recommended", "strict", "concise"],
        "profile": "recommended",
        "max_bytes": 60_000,
    }


def test_open_a_word_draft_keeps_its_heading_styles(client) -> None:
    data = make_docx([("p", "会員の皆様"), ("h1", "流出の経緯！"), ("p", "深くお詫び申し上げます。")])
    response = client.post("/api/open?name=%E4%B8%8B%E6%9B%B8%E3%81%8D.docx", content=data, headers=ORIGIN)
    assert response.status_code == 200
    opened = response.json()
    assert opened["name"] == "下書き.docx"
    assert opened["text"] == "会員の皆様\n流出の経緯！\n深くお詫び申し上げます。\n"
    assert opened["styled_lines"] == [{"text": "流出の経緯！", "kind": "heading"}]
    # The style follows the line's text, even after a line is added above it.
    edited = "件名：お詫び\n" + opened["text"]
    report = lint(client, edited, styled_lines=opened["styled_lines"]).json()
    (exclamation,) = [d for d in report["diagnostics"] if d["rule"] == "emotional-expression"]
    assert exclamation["line"] == 3 and exclamation["message"].startswith("件名や見出しに「！」は使いません")


def test_open_a_mail_and_a_markdown_draft(client) -> None:
    mail = EmailMessage()
    mail["Subject"] = "お詫び"
    mail.set_content("会員の皆様\n", charset="iso-2022-jp", cte="7bit")
    opened = client.post("/api/open?name=m.eml", content=mail.as_bytes(), headers=ORIGIN).json()
    assert opened["text"] == "件名：お詫び\n\n会員の皆様\n" and opened["kind"] == "text"
    md = client.post("/api/open?name=n.md", content="# お詫び\n".encode(), headers=ORIGIN).json()
    assert md["kind"] == "markdown" and md["text"] == "# お詫び\n"
    cp932 = client.post(
        "/api/open?name=old.txt", content="深くお詫び申し上げます。\n".encode("cp932"), headers=ORIGIN
    ).json()
    assert cp932["text"] == "深くお詫び申し上げます。\n" and cp932["encoding"] == "cp932"


def test_open_refuses_broken_and_unknown_files_in_japanese(client) -> None:
    broken = client.post("/api/open?name=broken.docx", content=b"PK\x03\x04 cut short", headers=ORIGIN)
    assert broken.status_code == 422
    assert broken.json() == {
        "error": "broken.docx: Word 文書（.docx）として読み込めません。ファイルが壊れているか、.docx ではありません"
    }
    other = client.post("/api/open?name=photo.png", content=b"\x89PNG", headers=ORIGIN)
    assert other.status_code == 400
    assert other.json() == {"error": "photo.png: 開けるのは .txt、.md、.eml、.docx のファイルです。"}


def test_bad_requests_get_japanese_errors(client) -> None:
    garbage = client.post("/api/lint", content=b"{not json", headers={**ORIGIN, "Content-Type": "application/json"})
    assert (
        garbage.status_code == 400
        and garbage.json()["error"] == "送信された内容を読み取れません。ページを再読み込みしてください。"
    )
    no_text = client.post("/api/lint", json={"kind": "text"}, headers=ORIGIN)
    assert no_text.status_code == 400 and no_text.json()["error"] == "下書きの本文がありません。"
    kind = lint(client, "x", kind="html")
    assert kind.status_code == 400 and "形式 'html' には対応していません" in kind.json()["error"]


# ---------------------------------------------------------------------- protections
@pytest.mark.parametrize("host", ["evil.example:8765", "127.0.0.1:9999", "attacker.test", "127.0.0.1.nip.io:8765"])
def test_foreign_host_headers_are_refused(client, host) -> None:
    """DNS rebinding: a page on another name resolving to 127.0.0.1 sends its own Host."""
    for response in (
        client.get("/", headers={"Host": host}),
        client.post("/api/lint", json={"text": DRAFT}, headers={"Host": host, "Origin": f"http://{host}"}),
    ):
        assert response.status_code == 421
        assert response.json() == {
            "error": "このアドレスからは利用できません。owabilint serve が表示したアドレスを開いてください。"
        }


def test_loopback_names_of_the_bound_port_are_accepted(client) -> None:
    for host in ("127.0.0.1:8765", "localhost:8765", "[::1]:8765"):
        assert client.get("/", headers={"Host": host}).status_code == 200
        posted = client.post("/api/lint", json={"text": DRAFT}, headers={"Host": host, "Origin": f"http://{host}"})
        assert posted.status_code == 200


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Origin": "http://evil.example"},
        {"Origin": "null"},
        {"Origin": "http://localhost:8765"},
        {**ORIGIN, "Sec-Fetch-Site": "cross-site"},
    ],
)
def test_cross_origin_posts_are_refused(client, headers) -> None:
    response = client.post("/api/lint", json={"text": DRAFT}, headers=headers)
    assert response.status_code == 403
    assert response.json() == {"error": "ほかのサイトからの送信は受け付けません。"}


def test_every_response_forbids_outside_requests(client) -> None:
    responses = [
        client.get("/"),
        client.get("/static/app.js"),
        client.get("/static/style.css"),
        lint(client, DRAFT),
        client.get("/", headers={"Host": "evil.example"}),
        client.post("/api/lint", json={"text": DRAFT}),
        client.get("/static/missing.js"),
    ]
    for response in responses:
        csp = dict(part.strip().split(" ", 1) for part in response.headers["content-security-policy"].split(";"))
        assert csp["default-src"] == "'none'"
        assert csp["connect-src"] == csp["script-src"] == csp["style-src"] == "'self'"
        assert csp["form-action"] == csp["frame-ancestors"] == "'none'"
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["cache-control"] == "no-store"


def test_the_page_loads_nothing_from_outside() -> None:
    for name in ("index.html", "app.js", "style.css"):
        text = STATIC.joinpath(name).read_text(encoding="utf-8")
        assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/|@import|url\(", text), name
    page = STATIC.joinpath("index.html").read_text(encoding="utf-8")
    assert re.findall(r'(?:src|href)="([^"#]*)"', page) == ["data:,", "/static/style.css", "/static/app.js"]


def test_oversized_drafts_are_refused_with_a_japanese_message(client) -> None:
    expected = {
        "error": "下書きが大きすぎます（上限 60,000 バイト）。お詫び文の下書きだけを貼り付けるか、ファイルを分けてください。"
    }
    big = lint(client, "あ" * 20_001)  # 60,003 bytes of UTF-8
    assert big.status_code == 413 and big.json() == expected

    def chunks():  # no Content-Length: the limit applies while the body streams in
        for _ in range(61):
            yield b"x" * 1000

    streamed = client.post("/api/open?name=big.txt", content=chunks(), headers=ORIGIN)
    assert streamed.status_code == 413 and streamed.json() == expected
    assert lint(client, "あ" * 19_000).status_code == 200


def test_nothing_of_a_draft_stays_in_the_server_process(client, linter) -> None:
    marker = "ﾏｰｶｰ" + "識別用の下書き本文" * 3
    assert lint(client, f"件名：お詫び\n\n{marker}が流出しました！\n").status_code == 200
    assert client.post("/api/fix", json={"text": f"{marker}！"}, headers=ORIGIN).status_code == 200
    gc.collect()
    holders = [
        type(obj).__name__
        for obj in gc.get_objects()
        if isinstance(obj, (dict, list, tuple, set))
        and any(isinstance(v, str) and marker in v for v in (obj.values() if isinstance(obj, dict) else obj))
    ]
    assert holders == []


def test_a_real_server_writes_and_logs_nothing_of_the_draft(tmp_path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "OWABILINT_CACHE_DIR": str(tmp_path / "cache"),
        "TMPDIR": str(tmp_path / "tmp"),
        "PYTHONUNBUFFERED": "1",
    }
    (tmp_path / "tmp").mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-m", "owabilint", "serve", "--port", "0", "--no-config"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first = proc.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", first)
        assert match, first + proc.stderr.read()
        url = match.group(0)
        marker = "識別用の本文ﾃｽﾄ" * 4
        for path in ("api/lint", "api/fix"):
            request = urllib.request.Request(
                url + path,
                data=json.dumps({"text": f"件名：お詫び\n\n{marker}！\n"}).encode(),
                headers={"Origin": url.rstrip("/"), "Content-Type": "application/json"},
            )
            with urllib.request.urlopen(request, timeout=60) as response:
                assert response.status == 200
    finally:
        proc.terminate()
        out, err = proc.communicate(timeout=30)
    assert marker not in first + out + err
    needle = marker.encode("utf-8")
    written = [p for p in tmp_path.rglob("*") if p.is_file() and needle in p.read_bytes()]
    assert written == []


# ---------------------------------------------------------------------- command line
def test_binding_elsewhere_needs_a_flag() -> None:
    proc = run_cli("serve", "--host", "0.0.0.0")
    assert proc.returncode == 2
    assert proc.stderr.decode().splitlines() == [
        (
            "owabilint: error: --host: 0.0.0.0 で待ち受けると、ほかのコンピューターから下書きを送れるようになります。"
            "意図している場合は --allow-remote を付けてください"
        )
    ]


def test_binding_elsewhere_with_the_flag_prints_a_warning() -> None:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "owabilint",
            "serve",
            "--host",
            "0.0.0.0",
            "--allow-remote",
            "--port",
            "0",
            "--no-config",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        warning = proc.stderr.readline()
        address = proc.stdout.readline()
    finally:
        proc.terminate()
        proc.communicate(timeout=30)
    assert warning.startswith("owabilint: 警告: 0.0.0.0 で待ち受けています。")
    assert re.match(r"owabilint: お詫び文チェックのページを開いています: http://127\.0\.0\.1:\d+/$", address.strip())


def test_bad_port_and_broken_configuration_are_one_line_errors(tmp_path) -> None:
    proc = run_cli("serve", "--port", "70000")
    assert (
        proc.returncode == 2 and proc.stderr.decode() == "owabilint: error: --port: '70000' は使えません（0〜65535）\n"
    )
    (tmp_path / "owabilint.toml").write_text('profile = "lenient"\n', encoding="utf-8")
    proc = run_cli("serve", "--port", "0", cwd=tmp_path)
    assert proc.returncode == 2
    (line,) = proc.stderr.decode().splitlines()
    assert line.startswith("owabilint: error: ") and "owabilint.toml" in line and "profile" in line


def test_help_does_not_load_the_server_stack() -> None:
    out, loaded = modules_loaded_by_cli(
        [["--help"], ["serve", "--help"]], ("starlette", "uvicorn", "docx", "sudachipy")
    )
    assert "--allow-remote" in out and loaded == []


def test_static_assets_ship_in_the_package() -> None:
    assert {p.name for p in Path(str(STATIC)).iterdir()} >= {"index.html", "app.js", "style.css"}
