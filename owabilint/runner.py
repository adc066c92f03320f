"""Linting many inputs: read each one, lint it, keep going after a bad one.

With more than one worker and enough input to be worth it, ``run_plan`` lints the files
in worker processes (one per core by default). Nothing of Sudachi pickles, so each worker
builds its own tokenizer in its initializer; the :class:`Batch` (each input with its
rules and settings, and how to read inputs) is prepared in the parent, lexicon terms
folded, and reaches the workers through fork.
Reports come back in input order and a file's error is reported exactly as in the
serial path.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from owabilint.discovery import expand_paths
from owabilint.engine import Settings, lint_text
from owabilint.errors import InputError
from owabilint.inputs.source import DEFAULT_MAX_BYTES, STDIN, Source, read_source
from owabilint.model import FileReport, Report
from owabilint.ruleset.loader import Rule

if TYPE_CHECKING:  # pragma: no cover
    from owabilint.cache.caches import Caches
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
            line_roles=source.line_roles,
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


@dataclass(frozen=True)
class ReadOptions:
    """How every input of a run is read: a forced codec, and the size above which it is refused."""

    encoding: str | None = None
    max_bytes: int | None = DEFAULT_MAX_BYTES


@dataclass
class Batch:
    """The inputs of one run and how to read them: what each worker process inherits."""

    jobs: list[Job | InputError | tuple[Source, list[Rule], Settings]]
    read: ReadOptions = field(default_factory=ReadOptions)

    def run(self, index: int) -> FileReport:
        """Lint the input at ``index`` (in whichever process holds this batch)."""
        return _run_job(self.jobs[index], self.read)


def run_plan(
    jobs: list[Job | InputError],
    workers: int | None = 1,
    *,
    read: ReadOptions | None = None,
    caches: Caches | None = None,
) -> Report:
    """Lint a plan in order; ``workers=None`` means one worker process per core.

    ``read`` says how inputs are read (default: detected codec, default size limit).
    With ``caches``, each rule set's lexicon terms are folded through its fold cache
    first; the caller saves the caches at the end of its run.
    """
    batch = Batch(list(jobs), read or ReadOptions())
    report = Report()
    n = _workers_for(jobs, default_workers() if workers is None else workers)
    if caches is not None or n > 1:
        prepare_jobs(batch.jobs, caches)
    if n > 1:
        report.files.extend(_run_parallel(batch, n))
    else:
        report.files.extend(batch.run(i) for i in range(len(batch.jobs)))
    return report


def prepare_jobs(jobs: Sequence[Job | InputError | tuple[Source, list[Rule], Settings]], caches: Caches | None) -> None:
    """Fold each distinct rule set's lexicon terms once (before any worker forks)."""
    from owabilint.ruleset.loader import prepare_rules

    prepared: set[int] = set()
    for job in jobs:
        if isinstance(job, InputError) or id(job[1]) in prepared:
            continue
        if caches is None:
            prepare_rules(job[1])
        else:
            caches.prepare(job[1])
        prepared.add(id(job[1]))


def _run_job(job: Job | InputError | tuple[Source, list[Rule], Settings], read: ReadOptions) -> FileReport:
    if isinstance(job, InputError):
        return FileReport(path=job.path, error=job.problem)
    item, rules, settings = job
    if isinstance(item, Source):
        file_report = lint_source(item, rules, settings)
    else:
        file_report = lint_source_path(item, rules, settings, encoding=read.encoding, max_bytes=read.max_bytes)
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


def _init_worker() -> None:
    """Runs once in each worker: a tokenizer of its own."""
    from owabilint.document import tokenizer

    tokenizer.reset()  # never use a Sudachi object created in another process
    tokenizer.get_tokenizer()


def _run_parallel(batch: Batch, workers: int) -> list[FileReport]:
    from owabilint.worker_pool import LOST, run_indexed

    for index, job in enumerate(batch.jobs):
        if not isinstance(job, InputError) and job[0] == STDIN:  # only the parent can read stdin
            try:
                source = read_source(STDIN, encoding=batch.read.encoding, max_bytes=batch.read.max_bytes)
                batch.jobs[index] = (source, job[1], job[2])
            except InputError as exc:
                batch.jobs[index] = InputError("<stdin>", exc.problem)
    results = run_indexed(batch.run, len(batch.jobs), workers, _init_worker)
    return [_lost(job) if result is LOST else result for job, result in zip(batch.jobs, results, strict=True)]


def _lost(job: Job | InputError | tuple[Source, list[Rule], Settings]) -> FileReport:
    """The report of an input whose worker process died (killed, out of memory): exit 2, never a hang."""
    path = job.path if isinstance(job, InputError) else job[0]
    shown = path.display_path if isinstance(path, Source) else ("<stdin>" if path == STDIN else path)
    problem = "検査中に作業プロセスが異常終了しました（メモリ不足や強制終了など）。このファイルは検査されていません"
    return FileReport(path=shown, error=problem)
