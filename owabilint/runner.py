"""Linting many inputs: read each one, lint it, keep going after a bad one.

With more than one worker and enough input to be worth it, ``run_plan`` lints the files
in worker processes (one per core by default). Nothing of Sudachi pickles, so each worker
builds its own tokenizer in its initializer; the plan (paths, rules, settings) is
prepared in the parent, lexicon terms folded, and reaches the workers through fork.
Reports come back in input order and a file's error is reported exactly as in the
serial path.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from owabilint.discovery import expand_paths
from owabilint.engine import Settings, lint_text
from owabilint.errors import InputError
from owabilint.inputs.source import DEFAULT_MAX_BYTES, STDIN, Source, read_source
from owabilint.model import FileReport, Report
from owabilint.ruleset.loader import Rule

if TYPE_CHECKING:  # pragma: no cover
    from owabilint.config import ConfigResolver


def lint_source_path(
    path: str,
    rules: list[Rule],
    settings: Settings,
    *,
    encoding: str | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
) -> FileReport:
    """Read and lint one input; any failure becomes that file's error, never a traceback."""
    try:
        source = read_source(path, encoding=encoding, max_bytes=max_bytes)
    except InputError as exc:
        return FileReport(path=exc.path if path != STDIN else "<stdin>", error=exc.problem)
    except Exception as exc:  # noqa: BLE001 - one draft's crash is its own error, the others are linted
        return _crashed(path, exc)
    return lint_source(source, rules, settings)


def lint_source(source: Source, rules: list[Rule], settings: Settings) -> FileReport:
    """Lint a decoded input; the report says how it was read (encoding, position base)."""
    try:
        report = lint_text(
            source.text,
            path=source.display_path,
            format=source.format,
            rules=rules,
            settings=settings,
            line_kinds=source.line_kinds,
        )
    except Exception as exc:  # noqa: BLE001 - as above
        return _crashed(source.path, exc)
    report.encoding = source.encoding_label
    report.position_base = source.position_base.value
    return report


def _crashed(path: str, exc: Exception) -> FileReport:
    """A bug must cost one file, not the whole batch: the file gets an error line (exit 2)."""
    shown = "<stdin>" if path == STDIN else path
    if isinstance(exc, RecursionError):
        problem = "入れ子が深すぎて検査できませんでした"
    elif isinstance(exc, MemoryError):
        problem = "メモリが足りず検査できませんでした。--max-bytes で上限を下げてください"
    else:
        problem = (
            f"内部エラーで検査できませんでした（{type(exc).__name__}: {exc}）。owabilint の不具合として報告してください"
        )
    return FileReport(path=shown, error=problem)


def lint_paths(
    paths: Iterable[str],
    rules: list[Rule],
    settings: Settings,
    *,
    encoding: str | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    exclude: Sequence[str] = (),
    exclude_base: str | None = None,
) -> Report:
    """Lint with one rule set and one Settings for every file (no configuration files).

    ``exclude``: gitignore-style patterns skipped when walking directories.
    """
    report = Report()
    for item in expand_paths(list(paths), exclude, exclude_base):
        if isinstance(item, InputError):
            report.files.append(FileReport(path=item.path, error=item.problem))
        else:
            report.files.append(lint_source_path(item, rules, settings, encoding=encoding, max_bytes=max_bytes))
    return report


Job = tuple[str, list[Rule], Settings]


def plan(paths: Iterable[str], resolver: ConfigResolver) -> list[Job | InputError]:
    """Each input with its rules and settings, every configuration resolved up front.

    Raises ConfigError/RuleError before anything is linted, so a bad configuration
    never lints some files with a half-read configuration. A directory is walked with
    the ``exclude`` patterns of its configuration, and each draft found is also checked
    against the ``exclude`` of its own (possibly nearer) configuration. Files named
    explicitly are linted unless ``force-exclude`` is on (for pre-commit, which names
    every staged file).
    """
    from pathlib import Path

    jobs: list[Job | InputError] = []
    for path in paths:
        walked = path != STDIN and Path(path).is_dir()
        if walked:
            top = resolver.for_folder(path)
            base = str(top.config.root) if top.config else None
            items = expand_paths([path], top.exclude, base)
        else:
            items = [path]
        for item in items:
            if isinstance(item, InputError):
                jobs.append(item)
                continue
            resolved = resolver.for_path(item)
            if item != STDIN and (walked or resolved.force_exclude) and resolved.excludes(item):
                continue
            jobs.append((item, resolved.rules, resolved.settings))
    return jobs


def run_plan(
    jobs: list[Job | InputError],
    workers: int | None = 1,
    *,
    encoding: str | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
) -> Report:
    """Lint a plan in order; ``workers=None`` means one worker process per core.

    ``encoding`` forces a codec for every input; inputs above ``max_bytes`` are refused.
    """
    global _read_options
    _read_options = {"encoding": encoding, "max_bytes": max_bytes}
    report = Report()
    n = _workers_for(jobs, default_workers() if workers is None else workers)
    if n > 1:
        report.files.extend(_run_parallel(jobs, n))
    else:
        report.files.extend(_run_job(job) for job in jobs)
    return report


def _run_job(job: Job | InputError | tuple[Source, list[Rule], Settings]) -> FileReport:
    if isinstance(job, InputError):
        return FileReport(path=job.path, error=job.problem)
    item, rules, settings = job
    if isinstance(item, Source):
        file_report = lint_source(item, rules, settings)
    else:
        file_report = lint_source_path(item, rules, settings, **_read_options)
    file_report.fail_on = settings.fail_on
    return file_report


# ---------------------------------------------------------------------- workers
# Below this much input (UTF-8 bytes, ~16 drafts) starting workers costs more than it
# saves: each worker loads Sudachi's dictionary (~0.04 s of CPU) before linting anything.
PARALLEL_MIN_BYTES = 48_000


def default_workers() -> int:
    """The number of cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _workers_for(jobs: list[Job | InputError], workers: int) -> int:
    paths = [job[0] for job in jobs if not isinstance(job, InputError) and job[0] != STDIN]
    if workers <= 1 or len(paths) < 2:
        return 1
    size = 0
    for path in paths:
        try:
            size += os.stat(path).st_size
        except OSError:
            continue
        if size >= PARALLEL_MIN_BYTES:
            import multiprocessing

            if "fork" not in multiprocessing.get_all_start_methods():
                return 1  # pragma: no cover - workers inherit the plan through fork
            return min(workers, len(paths))
    return 1


_plan: list | None = None  # the jobs, as the workers inherit them
_read_options: dict = {"encoding": None, "max_bytes": DEFAULT_MAX_BYTES}  # from run_plan; workers inherit them


def _init_worker() -> None:
    """Runs once in each worker: a tokenizer of its own."""
    from owabilint.document import tokenizer

    tokenizer.reset()  # never use a Sudachi object created in another process
    tokenizer.get_tokenizer()


def _run_index(index: int) -> FileReport:
    assert _plan is not None
    return _run_job(_plan[index])


def _run_parallel(jobs: list[Job | InputError], workers: int) -> list[FileReport]:
    from owabilint.ruleset.loader import prepare_rules
    from owabilint.worker_pool import LOST, run_indexed

    global _plan
    prepared: set[int] = set()
    plan_: list = []
    for job in jobs:
        if not isinstance(job, InputError):
            item, rules, settings = job
            if id(rules) not in prepared:
                prepare_rules(rules)  # fold lexicon terms once, before the workers fork
                prepared.add(id(rules))
            if item == STDIN:  # only the parent can read stdin; workers get its text
                try:
                    job = (read_source(STDIN, **_read_options), rules, settings)
                except InputError as exc:
                    job = InputError("<stdin>", exc.problem)
        plan_.append(job)
    _plan = plan_
    try:
        results = run_indexed(_run_index, len(plan_), workers, _init_worker)
    finally:
        _plan = None
    return [_lost(job) if result is LOST else result for job, result in zip(plan_, results, strict=True)]


def _lost(job: Job | InputError | tuple[Source, list[Rule], Settings]) -> FileReport:
    """The report of an input whose worker process died (killed, out of memory): exit 2, never a hang."""
    path = job.path if isinstance(job, InputError) else job[0]
    shown = path.display_path if isinstance(path, Source) else ("<stdin>" if path == STDIN else path)
    problem = "検査中に作業プロセスが異常終了しました（メモリ不足や強制終了など）。このファイルは検査されていません"
    return FileReport(path=shown, error=problem)
