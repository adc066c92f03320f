"""The command line as a user runs it: exit codes, formats, stdin, bad input."""

from __future__ import annotations

import gc
import json
import subprocess
import sys

from conftest import SAMPLES, modules_loaded_by_cli, run_cli, run_json

from owabilint import collector

GOOD = str(SAMPLES / "good" / "formal-mail.txt")
NG = str(SAMPLES / "ng" / "emotional.txt")


def test_version_and_help_do_not_load_sudachi_or_rich() -> None:
    out, loaded = modules_loaded_by_cli(
        [["--version"], ["--help"], ["check", "--help"], ["rules", "--help"]],
        ("sudachipy", "rich", "pygments", "markdown_it", "pydantic", "owabilint.engine"),
    )
    assert loaded == []
    assert "owabilint" in out and "使い方: owabilint check" in out


def test_linting_does_not_load_typers_validation_layer() -> None:
    """typer would validate every option with pydantic (about 0.1 s); owabilint's are plain strings."""
    _, loaded = modules_loaded_by_cli(
        [["--format", "json", "--select", "emotional-expression,missing-apology", "--jobs", "1", GOOD]],
        ("pydantic", "rich"),
    )
    assert loaded == []


def test_linting_plain_text_does_not_load_the_other_input_readers() -> None:
    """Each input format's reader is imported when a file of that format is read."""
    _, loaded = modules_loaded_by_cli(
        [["--format", "text", GOOD]],
        ("owabilint.inputs.docx", "owabilint.inputs.email", "owabilint.inputs.markdown", "zipfile", "docx"),
    )
    assert loaded == []


def test_version() -> None:
    proc = run_cli("--version")
    assert proc.returncode == 0
    assert proc.stdout.decode().startswith("owabilint ")


def test_good_draft_exits_0_and_bad_draft_exits_1() -> None:
    assert run_cli(GOOD).returncode == 0
    proc = run_cli(NG)
    assert proc.returncode == 1
    assert "warning[emotional-expression]" in proc.stdout.decode()


def test_text_format_line_shape() -> None:
    proc = run_cli("--format", "text", "--select", "emotional-expression", NG)
    first = proc.stdout.decode().splitlines()[0]
    path, line, col, rest = first.split(":", 3)
    assert path == NG and line.isdigit() and col.isdigit()
    assert rest.startswith(" warning[emotional-expression] ")


def test_fail_on_levels() -> None:
    # emotional.txt only has warnings
    assert run_cli("--fail-on", "error", NG).returncode == 0
    assert run_cli("--fail-on", "warning", NG).returncode == 1
    assert run_cli("--fail-on", "info", NG).returncode == 1
    proc = run_cli("--fail-on", "fatal", NG)
    assert proc.returncode == 2
    assert "--fail-on" in proc.stderr.decode()


def test_json_shape() -> None:
    code, data = run_json(NG, GOOD)
    assert code == 1
    assert set(data) == {"version", "files", "summary"}
    assert data["version"] == 1
    assert [f["path"] for f in data["files"]] == [NG, GOOD]
    for f in data["files"]:
        assert set(f) == {"path", "encoding", "position_base", "diagnostics", "checklist", "error"}
        assert f["encoding"] == "utf-8" and f["position_base"] == "file"
        for d in f["diagnostics"]:
            assert set(d) == {
                "rule",
                "severity",
                "message",
                "line",
                "column",
                "end_line",
                "end_column",
                "offset",
                "end_offset",
                "fix",
                "related",
            }
            assert d["severity"] in ("error", "warning", "info")
            assert d["fix"] is None or set(d["fix"]) == {"offset", "end_offset", "replacement"}
        for item in f["checklist"]:
            assert set(item) == {"element", "found", "line"}
    assert set(data["summary"]) == {"files", "errors", "warnings", "infos"}
    assert data["summary"]["files"] == 2
    assert data["summary"]["warnings"] == sum(
        1 for f in data["files"] for d in f["diagnostics"] if d["severity"] == "warning"
    )


def test_stdin() -> None:
    code, data = run_json("-", stdin="〇〇様\n")
    assert data["files"][0]["path"] == "<stdin>"
    assert any(d["rule"] == "unfilled-placeholder" for d in data["files"][0]["diagnostics"])
    assert code == 1


def test_missing_file_is_reported_and_other_files_still_linted(tmp_path) -> None:
    missing = str(tmp_path / "nope.txt")
    proc = run_cli("--format", "json", missing, NG)
    assert proc.returncode == 2
    err = proc.stderr.decode().strip().splitlines()
    assert len(err) == 1 and missing in err[0] and "見つかりません" in err[0]
    data = json.loads(proc.stdout)
    assert data["files"][0]["error"]
    assert data["files"][1]["diagnostics"]


def test_binary_and_undecodable_files(tmp_path) -> None:
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\x00\x00\x01")
    broken = tmp_path / "broken.txt"
    broken.write_bytes("お詫び".encode()[:-1] + b"\xff\xfe\xfa")
    proc = run_cli(str(binary), str(broken), GOOD)
    assert proc.returncode == 2
    lines = proc.stderr.decode().strip().splitlines()
    assert len(lines) == 2
    assert str(binary) in lines[0] and "バイナリ" in lines[0]
    assert str(broken) in lines[1] and "UTF-8" in lines[1]


def test_directory_without_drafts(tmp_path) -> None:
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    proc = run_cli(str(tmp_path))
    assert proc.returncode == 2
    assert str(tmp_path) in proc.stderr.decode()


def test_directory_with_drafts_lints_each(tmp_path) -> None:
    (tmp_path / "a.txt").write_text("〇〇様\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# お詫び\n\n××様\n", encoding="utf-8")
    code, data = run_json("--select", "unfilled-placeholder", str(tmp_path))
    assert code == 1
    assert sorted(f["path"].rsplit("/", 1)[-1] for f in data["files"]) == ["a.txt", "b.md"]


def test_select_and_ignore() -> None:
    _, data = run_json("--select", "emotional-expression", NG)
    assert {d["rule"] for d in data["files"][0]["diagnostics"]} == {"emotional-expression"}
    _, data = run_json("--ignore", "emotional-expression,missing-contact", NG)
    assert "emotional-expression" not in {d["rule"] for d in data["files"][0]["diagnostics"]}


def test_unknown_rule_id_suggests_a_close_one() -> None:
    proc = run_cli("--select", "emotional-expresion", NG)
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert "emotional-expresion" in err and "emotional-expression" in err


def test_rich_report_without_color() -> None:
    proc = run_cli("--format", "rich", NG)
    out = proc.stdout.decode()
    assert "\x1b[" not in out
    assert "必須要素チェックリスト" in out
    assert "[emotional-expression]" in out
    assert "エラー" in out and "警告" in out


def test_rich_underline_is_aligned_by_display_width() -> None:
    proc = run_cli("--format", "rich", "--select", "unfilled-placeholder", "-", stdin="全角の文［顧客名］様\n")
    lines = proc.stdout.decode().splitlines()
    src = next(i for i, line in enumerate(lines) if "全角の文" in line)
    source_line, marker_line = lines[src], lines[src + 1]
    bar = source_line.index("│")
    assert marker_line.index("│") == bar
    # 4 full-width characters before the span take 8 columns; the span takes 10.
    caret_start = marker_line.index("^")
    assert caret_start - (bar + 2) == 8
    assert marker_line.count("^") == 10


def test_rules_and_rule_commands() -> None:
    proc = run_cli("rules")
    assert proc.returncode == 0
    assert "missing-apology" in proc.stdout.decode()
    proc = run_cli("rule", "emotional-expression")
    assert proc.returncode == 0
    out = proc.stdout.decode()
    assert "良い例" in out and "悪い例" in out
    proc = run_cli("rule", "missing-apolgy")
    assert proc.returncode == 2
    assert "missing-apology" in proc.stderr.decode()


def test_no_arguments_prints_the_japanese_help_and_exits_2() -> None:
    proc = run_cli()
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert err.startswith("使い方: owabilint [OPTIONS] COMMAND [ARGS]...")
    for command in ("check", "config", "rules", "rule", "lsp", "serve"):
        assert f"\n  {command} " in err


def test_file_arguments_default_to_the_check_command() -> None:
    short = run_cli("--format", "text", NG)
    explicit = run_cli("check", "--format", "text", NG)
    assert short.returncode == explicit.returncode == 1
    assert short.stdout == explicit.stdout and short.stdout


def test_mistyped_command_suggests_the_command(tmp_path) -> None:
    proc = run_cli("rulse", cwd=tmp_path)
    assert proc.returncode == 2
    assert (
        proc.stderr.decode() == "owabilint: error: 'rulse' というコマンドもファイルもありません（もしかして: rules）\n"
    )
    # A draft that happens to be called like a typo is linted, not refused.
    (tmp_path / "rulse").write_text("〇〇様\n", encoding="utf-8")
    proc = run_cli("--format", "text", "--select", "unfilled-placeholder", "rulse", cwd=tmp_path)
    assert proc.returncode == 1 and "rulse:1:1: error[unfilled-placeholder]" in proc.stdout.decode()


def test_usage_errors_are_one_japanese_line() -> None:
    cases = {
        (
            "--frmat",
            "json",
            NG,
        ): "不明なオプション '--frmat' です（もしかして: --format）。使い方は owabilint check --help で確認できます",
        ("rule",): "RULE_ID を指定してください。使い方は owabilint rule --help で確認できます",
        ("rule", "a", "b"): "余分な引数 b があります。使い方は owabilint rule --help で確認できます",
        ("check", NG, "--format"): "--format には値を指定してください。使い方は owabilint check --help で確認できます",
        ("--jobs", "two", NG): "--jobs: 'two' は整数ではありません（1 以上の整数）",
    }
    for args, message in cases.items():
        proc = run_cli(*args)
        assert proc.returncode == 2, args
        assert proc.stdout == b""
        assert proc.stderr.decode() == f"owabilint: error: {message}\n", args


def test_init_writes_a_commented_configuration_and_never_overwrites(tmp_path) -> None:
    proc = run_cli("init", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    config = tmp_path / "owabilint.toml"
    text = config.read_text(encoding="utf-8")
    assert text.startswith("# owabilint の設定ファイルです")
    assert 'profile = "recommended"' in text and "# ignore = " in text
    # The file loads and takes effect: `config` names it as the source of the profile.
    shown = run_cli("config", cwd=tmp_path).stdout.decode()
    assert f"{config}: profile" in shown
    # Uncommenting an example line gives a valid setting too.
    config.write_text(text.replace('# ignore = ["long-sentence"]', 'ignore = ["long-sentence"]'), encoding="utf-8")
    assert run_cli("config", cwd=tmp_path).returncode == 0
    edited = config.read_bytes()
    proc = run_cli("init", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.decode() == (
        "owabilint: error: owabilint.toml: 既にあるため上書きしません（内容は owabilint config で確認できます）\n"
    )
    assert config.read_bytes() == edited


def test_select_and_ignore_take_a_category() -> None:
    _, data = run_json("--select", "tone", NG)
    rules = {d["rule"] for d in data["files"][0]["diagnostics"]}
    assert rules == {"emotional-expression"}
    _, data = run_json("--ignore", "content,tone", NG)
    assert data["files"][0]["diagnostics"] == []
    proc = run_cli("--select", "tonne", NG)
    assert proc.returncode == 2
    assert proc.stderr.decode() == "owabilint: error: --select: 不明なルール ID 'tonne' です（もしかして: tone）\n"


def test_exit_zero_keeps_input_errors_at_2(tmp_path) -> None:
    assert run_cli("--exit-zero", NG).returncode == 0
    assert run_cli("--exit-zero", "--diff", NG).returncode == 0
    assert run_cli("--exit-zero", str(tmp_path / "missing.txt"), NG).returncode == 2


def test_statistics_counts_findings_per_rule_most_frequent_first() -> None:
    proc = run_cli("--statistics", NG)
    assert proc.returncode == 1
    assert proc.stdout.decode().splitlines() == [
        "    6  emotional-expression       警告  [*] 2 件は --fix で自動修正可",
        "    1  missing-customer-guidance  情報",
        "    1  missing-followup           警告",
        "    1  missing-impact             警告",
    ]
    proc = run_cli("--statistics", "--format", "json", NG, GOOD)
    rows = json.loads(proc.stdout)
    assert rows[0] == {"rule": "emotional-expression", "severity": "warning", "count": 6, "fixable": 2}
    assert [r["count"] for r in rows] == sorted((r["count"] for r in rows), reverse=True)


def test_output_file_receives_the_report(tmp_path) -> None:
    target = tmp_path / "report.txt"
    proc = run_cli("--output-file", str(target), NG)
    assert proc.returncode == 1 and proc.stdout == b""
    assert target.read_bytes() == run_cli(NG).stdout
    proc = run_cli("--output-file", str(tmp_path / "no" / "such" / "dir.txt"), NG)
    assert proc.returncode == 2
    assert "--output-file" in proc.stderr.decode() and "書き込めません" in proc.stderr.decode()


def test_stdin_filename_gives_stdin_the_kind_and_configuration_of_that_name(tmp_path) -> None:
    sub = tmp_path / "notes"
    sub.mkdir()
    (sub / "owabilint.toml").write_text('ignore = ["unfilled-placeholder"]\n', encoding="utf-8")
    draft = "# お知らせ\n\n`〇〇` はコードです。××様、本当に申し訳ございません！\n"
    select = "--select=unfilled-placeholder,emotional-expression"
    plain = run_cli("--format", "text", select, "-", stdin=draft, cwd=tmp_path).stdout.decode()
    assert "<stdin>:3:2: error[unfilled-placeholder]" in plain  # 〇〇 in plain text
    named = run_cli("--format", "text", select, "--stdin-filename", "notes/a.md", stdin=draft, cwd=tmp_path)
    lines = named.stdout.decode().splitlines()
    # Markdown: inline code is not linted; notes/owabilint.toml ignores unfilled-placeholder (××様).
    assert [line.split(" ", 1)[0] for line in lines] == ["notes/a.md:3:17:", "notes/a.md:3:29:"]
    assert all("warning[emotional-expression]" in line for line in lines)
    proc = run_cli("--stdin-filename", "a.md", GOOD)
    assert proc.returncode == 2 and "--stdin-filename" in proc.stderr.decode()


def test_config_profile_shows_that_profile() -> None:
    proc = run_cli("config", "--profile", "strict", "--no-config")
    assert proc.returncode == 0
    out = proc.stdout.decode()
    assert 'profile = "strict"' in out and "コマンドライン --profile" in out
    assert 'missing-cause = "error"' in out
    proc = run_cli("config", "--profile", "strik")
    assert proc.returncode == 2
    assert "（もしかして: strict）" in proc.stderr.decode()


def test_the_cycle_collector_is_paused_for_start_up_only() -> None:
    """Start-up's objects are frozen once the rules are ready; linting runs with the collector on."""
    code = (
        "import gc, json, sys\n"
        "from owabilint import engine\n"
        "from owabilint.__main__ import main\n"
        "seen = []\n"
        "lint_document = engine.lint_document\n"
        "def spy(*args, **kwargs):\n"
        "    seen.append((gc.isenabled(), gc.get_freeze_count() > 0))\n"
        "    return lint_document(*args, **kwargs)\n"
        "engine.lint_document = spy\n"
        "sys.argv = ['owabilint', '--format', 'text', sys.argv[1]]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(json.dumps(seen))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, GOOD], capture_output=True, text=True, check=True)
    assert json.loads(proc.stdout.splitlines()[-1]) == [[True, True]]


def test_resuming_without_a_pause_leaves_the_collector_alone() -> None:
    frozen = gc.get_freeze_count()
    collector.resume()
    assert gc.isenabled() and gc.get_freeze_count() == frozen
