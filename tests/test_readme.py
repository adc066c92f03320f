"""README's commands and snippets, run as a reader would run them.

Every fenced block of README.md is checked by one of the tests below
(test_every_readme_block_is_checked fails when a block is added that none of them
handles). The two quick-start commands install into a fresh virtual environment; CI
runs them (.ci/run), so here they are only recognised.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import ROOT, SAMPLES, run_cli

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = [(m.group(1), m.group(2)) for m in re.finditer(r"^```(\w*)\n(.*?)^```", README, re.DOTALL | re.MULTILINE)]
QUICK_START = re.compile(r"^python3 -m venv \.venv && ")
# The development checks CI runs on the checkout (not in a draft folder).
CODE_CHECKS = re.compile(r"^\.venv/bin/ruff check ")
BIN = Path(sys.executable).parent
SERVE = re.compile(r"owabilint serve\b")


def blocks(lang: str) -> list[str]:
    return [body for kind, body in BLOCKS if kind == lang]


def shell_commands() -> list[str]:
    out = []
    for body in blocks("sh"):
        for line in body.splitlines():
            command = re.split(r"\s{2,}#", line)[0].strip()
            if (
                command
                and not QUICK_START.match(command)
                and not SERVE.search(command)
                and not CODE_CHECKS.match(command)
            ):
                out.append(command)
    return out


def serve_commands() -> list[str]:
    """README's ``owabilint serve`` commands: they run until stopped (test_serve_command_starts_the_page)."""
    return [line for body in blocks("sh") for line in body.splitlines() if SERVE.search(line)]


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A folder with the files README's commands name."""
    emotional = (SAMPLES / "ng" / "emotional.txt").read_text(encoding="utf-8")
    (tmp_path / "draft.txt").write_text(emotional, encoding="utf-8")
    (tmp_path / "old.txt").write_bytes(emotional.encode("cp932"))
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    shutil.copy(SAMPLES / "good" / "web-notice.md", drafts / "notice.md")
    shutil.copy(SAMPLES / "ng" / "placeholders-left.txt", drafts / "placeholders.txt")
    from docx_factory import NOTICE, make_docx

    (tmp_path / "notice.docx").write_bytes(make_docx(NOTICE))
    pack = tmp_path / "house-rules"
    pack.mkdir()
    (pack / "internal-codename.toml").write_text(blocks("toml")[1], encoding="utf-8")
    return tmp_path


def shell(command: str, cwd: Path, stdin: bytes = b"") -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "NO_COLOR": "1"}
    return subprocess.run(
        ["bash", "-c", command], check=False, cwd=cwd, env=env, input=stdin, capture_output=True, timeout=120
    )


def test_quick_start_has_exactly_the_two_commands_ci_runs() -> None:
    starts = [line for body in blocks("sh") for line in body.splitlines() if QUICK_START.match(line)]
    assert starts == [
        "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/owabilint samples/ng/emotional.txt",
        "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/python -m pytest",
    ]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").replace("pip install --quiet ", "pip install ")
    assert all(line in ci for line in starts)


def test_code_checks_are_the_ones_ci_runs_and_pass() -> None:
    (command,) = [line for body in blocks("sh") for line in body.splitlines() if CODE_CHECKS.match(line)]
    assert command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    proc = shell(command.replace(".venv/bin/", ""), ROOT)
    assert proc.returncode == 0, proc.stdout.decode() + proc.stderr.decode()


def test_every_shell_command_runs(workspace: Path) -> None:
    commands = shell_commands()
    assert len(commands) >= 15
    for command in commands:
        proc = shell(command, workspace)
        err = proc.stderr.decode()
        # 0: nothing to report, 1: findings (the sample drafts have some); never a usage error.
        assert proc.returncode in (0, 1), f"{command}\n{err}"
        assert "Traceback" not in err and "error:" not in err, f"{command}\n{err}"


def test_serve_command_starts_the_page(tmp_path: Path) -> None:
    (command,) = [re.split(r"\s{2,}#", line)[0].strip() for line in serve_commands()]
    assert command == ".venv/bin/owabilint serve --open"
    help_text = run_cli("serve", "--help").stdout.decode()
    assert "--open" in help_text
    # As README says, minus opening a browser here, on a free port instead of 8765.
    argv = [str(BIN / "owabilint"), "serve", "--port", "0", "--no-config"]
    proc = subprocess.Popen(argv, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = proc.stdout.readline()
    finally:
        proc.terminate()
        proc.communicate(timeout=30)
    assert re.match(r"owabilint: お詫び文チェックのページを開いています: http://127\.0\.0\.1:\d+/$", first.strip()), (
        first
    )
    assert "http://127.0.0.1:8765/" in README  # the default address README names


def test_text_and_github_examples_match_real_output(workspace: Path) -> None:
    examples = [body for kind, body in BLOCKS if kind == "" and ("warning[" in body or "::warning" in body)]
    text = run_cli("--format", "text", "samples/ng/emotional.txt").stdout.decode().splitlines()
    github = shell("owabilint --format github draft.txt", workspace).stdout.decode().splitlines()
    (workspace / "oshirase.txt").write_text((workspace / "draft.txt").read_text(encoding="utf-8"), encoding="utf-8")
    hook = shell("owabilint check --force-exclude oshirase.txt", workspace).stdout.decode().splitlines()
    checked = 0
    for body in examples:
        for line in body.splitlines():
            if re.match(r"^\S+:\d+:\d+: \w+\[", line):
                assert line in (text if line.startswith("samples/") else hook), line
                checked += 1
            elif line.startswith("::"):
                assert any(real.startswith(line.rstrip("…")) for real in github), line
                checked += 1
    assert checked >= 4


def test_rich_summary_example_matches_real_output() -> None:
    (example,) = [body for kind, body in BLOCKS if kind == "" and "ファイル（" in body]
    proc = run_cli("--format", "rich", "samples/ng/emotional.txt", "samples/good/formal-mail.txt")
    assert proc.stdout.decode().endswith(example)


def test_json_report_example_is_valid_and_matches_real_output() -> None:
    example = json.loads(blocks("json")[0])
    schema = json.loads((ROOT / "owabilint" / "schemas" / "report-v1.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(example, schema)
    real = json.loads(run_cli("--format", "json", "samples/ng/emotional.txt").stdout)
    (shown,) = example["files"][0]["diagnostics"]
    assert shown in real["files"][0]["diagnostics"]
    assert example["files"][0]["checklist"][0] in real["files"][0]["checklist"]


def test_bad_configuration_example_is_the_real_message(tmp_path: Path) -> None:
    (example,) = [body.strip() for kind, body in BLOCKS if kind == "" and "owabilint: error:" in body]
    config = tmp_path / "owabilint.toml"
    config.write_text('ignore = ["missing-prevension"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("お詫び\n", encoding="utf-8")
    proc = run_cli("a.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.decode().strip() == example.replace("/work/team/owabilint.toml", str(config.resolve()))


def test_configuration_example_loads(workspace: Path) -> None:
    (workspace / "owabilint.toml").write_text(blocks("toml")[0], encoding="utf-8")
    proc = shell("owabilint config", workspace)
    assert proc.returncode == 0, proc.stderr.decode()
    assert 'profile = "strict"' in proc.stdout.decode()
    assert shell("owabilint drafts/", workspace).returncode in (0, 1)


def test_rule_pack_example_passes_its_own_examples(workspace: Path) -> None:
    proc = shell("owabilint rules --check house-rules/", workspace)
    assert proc.returncode == 0, proc.stdout.decode() + proc.stderr.decode()


def test_token_pattern_snippet_works_in_a_rule(tmp_path: Path) -> None:
    snippet = blocks("toml")[2]
    assert tomllib.loads(snippet)["matcher"]["patterns"][0]["tokens"]
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "casual-kedo.toml").write_text(
        'id = "casual-kedo"\nseverity = "warning"\ncategory = "tone"\nsummary = "くだけた接続"\n'
        'message = "「けど」は「が」に改めてください。"\nrationale = "書き言葉にします。"\n\n'
        '[matcher]\nkind = "phrase"\n\n' + snippet + "\n"
        '[examples]\nvalid = ["対応いたしましたが、続報をお待ちください。"]\ninvalid = ["対応したけど、まだです。"]\n',
        encoding="utf-8",
    )
    proc = run_cli("rules", "--check", str(pack))
    assert proc.returncode == 0, proc.stdout.decode() + proc.stderr.decode()


def test_suppression_example_passes_the_lint(tmp_path: Path) -> None:
    (example,) = blocks("markdown")
    path = tmp_path / "draft.md"
    path.write_text(example, encoding="utf-8")
    rules = "missing-record-count,emotional-expression,invalid-directive,unused-directive"
    proc = run_cli("--format", "text", "--select", rules, str(path))
    assert (proc.returncode, proc.stdout) == (0, b"")
    # Without its directives the same text has the findings they suppress.
    path.write_text(re.sub(r"<!--.*?-->", "", example), encoding="utf-8")
    out = run_cli("--format", "text", "--select", rules, str(path)).stdout.decode()
    assert "missing-record-count" in out and "emotional-expression" in out


def test_pre_commit_snippet_lints_only_the_drafts() -> None:
    (config,) = [yaml.safe_load(b) for b in blocks("yaml") if "hooks" in b and "repos" in b]
    (hook,) = config["repos"][0]["hooks"]
    assert hook["id"] == "owabilint" and hook["files"] == "^drafts/"
    ours = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert any(h["id"] == "owabilint" for h in ours)
    assert re.match(hook["files"], "drafts/notice.md") and not re.match(hook["files"], "README.md")


def test_github_actions_job_installs_from_a_clone_and_its_commands_run(workspace: Path) -> None:
    (workflow,) = [yaml.safe_load(b) for b in blocks("yaml") if "jobs" in b]
    steps = workflow["jobs"]["owabilint"]["steps"]
    installs = [s["run"] for s in steps if "pip install" in s.get("run", "")]
    assert installs == ["pip install ./.owabilint"]
    clone = next(s for s in steps if s.get("with", {}).get("path") == ".owabilint")
    assert clone["uses"].startswith("actions/checkout@")
    for step in steps:
        command = step.get("run", "")
        if command.startswith("owabilint"):
            proc = shell(command, workspace)
            assert proc.returncode == 1, proc.stderr.decode()  # the drafts have findings
    sarif = json.loads((workspace / "owabilint.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"]
    inline = re.search(r"`run: (owabilint --format github drafts/)`", README).group(1)
    assert shell(inline, workspace).stdout.decode().startswith("::")


def test_editor_configurations_start_the_language_server() -> None:
    vscode = json.loads(blocks("json")[1])
    assert [vscode["glspc.server.command"], *vscode["glspc.server.commandArguments"]] == ["owabilint", "lsp"]
    assert '{ "owabilint", "lsp" }' in blocks("lua")[0]
    assert '("owabilint" "lsp")' in blocks("elisp")[0]
    # The command they name answers an LSP initialize request.
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}})
    message = f"Content-Length: {len(body.encode())}\r\n\r\n{body}".encode()
    proc = shell("owabilint lsp", ROOT, stdin=message)
    assert b'"id": 1' in proc.stdout or b'"id":1' in proc.stdout


def test_python_snippets_run(workspace: Path) -> None:
    for snippet in blocks("python"):
        proc = subprocess.run(
            [sys.executable, "-c", snippet], check=False, cwd=workspace, capture_output=True, timeout=120
        )
        assert proc.returncode == 0, snippet + proc.stderr.decode()
    out = subprocess.run(
        [sys.executable, "-c", blocks("python")[-1]], check=False, cwd=workspace, capture_output=True, text=True
    )
    assert "emotional-expression" in out.stdout


def test_every_readme_block_is_checked() -> None:
    kinds = sorted(kind or "text" for kind, _ in BLOCKS)
    assert kinds == sorted(
        ["sh"] * 6
        + ["text"] * 5
        + ["json"] * 2
        + ["yaml"] * 2
        + ["lua", "elisp", "markdown", "python", "python"]
        + ["toml"] * 3
    ), "a README block was added or removed: check it in tests/test_readme.py"
