"""Which files to lint: explicit paths as given, directories walked for drafts.

A directory argument yields the drafts (.txt, .md, .markdown, .eml) under it, sorted,
skipping hidden files and folders, anything a ``.gitignore`` ignores (the .gitignore
files from the repository root down to each folder count, with git's precedence: the
deepest file with an opinion wins) and anything matching an ``exclude`` pattern
(gitignore syntax, relative to ``exclude_base``, default the directory argument).
Files named explicitly are always linted.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from owabilint.errors import InputError
from owabilint.inputs.registry import DRAFT_SUFFIXES
from owabilint.inputs.source import STDIN
from owabilint.safe_read import MAX_SETTINGS_BYTES, read_regular

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec


class _Ignores:
    """The .gitignore files in force for one folder, outermost first."""

    def __init__(self, specs: list[tuple[Path, object]]) -> None:
        self.specs = specs

    def with_folder(self, folder: Path) -> _Ignores:
        spec = _load_gitignore(folder / ".gitignore")
        return _Ignores([*self.specs, (folder, spec)]) if spec is not None else self

    def ignored(self, path: Path, is_dir: bool) -> bool:
        for base, spec in reversed(self.specs):  # deepest .gitignore with an opinion decides
            try:
                rel = path.relative_to(base).as_posix()
            except ValueError:
                continue
            result = spec.check_file(rel + "/" if is_dir else rel)  # type: ignore[attr-defined]
            if result.include is not None:
                return bool(result.include)
        return False


def _load_gitignore(path: Path) -> GitIgnoreSpec | None:
    import pathspec

    try:
        lines = read_regular(path, MAX_SETTINGS_BYTES).decode("utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return pathspec.GitIgnoreSpec.from_lines(lines)


def _repository_root(folder: Path) -> Path | None:
    from owabilint.config.trust import repository_root

    return repository_root(folder)


def _outer_ignores(folder: Path) -> _Ignores:
    """The .gitignore files above ``folder`` up to its repository root (none outside a repository).

    A folder the user names although it is ignored (``owabilint build/drafts``) is walked
    without the outer files: naming it is asking for it.
    """
    ignores = _Ignores([])
    root = _repository_root(folder)
    if root is None:
        return ignores
    for ancestor in reversed(folder.parents):
        if ancestor == root or root in ancestor.parents:
            ignores = ignores.with_folder(ancestor)
    if folder != root and ignores.ignored(folder, True):
        return _Ignores([])
    return ignores


def _exclude_spec(patterns: Sequence[str]) -> GitIgnoreSpec | None:
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(list(patterns)) if patterns else None


def _excluded(spec: GitIgnoreSpec | None, path: Path, bases: tuple[Path, ...], is_dir: bool) -> bool:
    if spec is None:
        return False
    for base in bases:
        try:
            rel = path.relative_to(base).as_posix()
        except ValueError:
            continue
        return spec.match_file(rel + "/" if is_dir else rel)
    return False


def drafts_under(folder: Path, exclude: Sequence[str] = (), exclude_base: Path | None = None) -> list[Path]:
    """The draft files under ``folder``, sorted, honouring .gitignore and ``exclude``."""
    return [p for p in walk_drafts(folder, exclude, exclude_base) if isinstance(p, Path)]


def walk_drafts(folder: Path, exclude: Sequence[str] = (), exclude_base: Path | None = None) -> list[Path | InputError]:
    """Like :func:`drafts_under`, with an InputError for each sub-folder that could not be
    read and each link that loops back to a folder above it (nothing is skipped in silence).

    Links to folders are not followed (a repository cannot make owabilint read outside it).
    """
    folder = folder.absolute()
    problems: list[InputError] = []
    spec = _exclude_spec(exclude)
    bases = tuple(b for b in (exclude_base.absolute() if exclude_base else None, folder) if b is not None)
    found: list[Path] = []
    stack = [(folder, _outer_ignores(folder))]
    while stack:
        current, ignores = stack.pop()
        ignores = ignores.with_folder(current)
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError as exc:
            if current != folder:  # the folder named on the command line is reported by the caller
                problems.append(InputError(str(current), f"フォルダーを読み込めません: {exc.strerror or exc}"))
            continue
        for entry in entries:
            # Hidden files, and the "~$name.docx" lock files Word leaves beside an open document.
            if entry.name.startswith((".", "~$")):
                continue
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir()
            except OSError:  # a link to itself (ELOOP)
                is_dir = False
            if ignores.ignored(path, is_dir) or _excluded(spec, path, bases, is_dir):
                continue
            if is_dir:
                if not entry.is_symlink():
                    stack.append((path, ignores))
                elif _loops(path):
                    problems.append(InputError(str(path), _LOOP))
            elif entry.is_symlink() and _loops(path):  # a link to itself is neither file nor folder
                problems.append(InputError(str(path), _LOOP))
            elif path.suffix.lower() in DRAFT_SUFFIXES:
                found.append(path)
    return sorted([*found, *problems], key=lambda p: str(p.path) if isinstance(p, InputError) else str(p))


_LOOP = "自分自身または上位のフォルダーを指す循環したリンクです。たどらずに飛ばしました"


def _loops(link: Path) -> bool:
    """True when a link points at itself, or at the folder holding it or one above."""
    import errno

    try:
        target = link.resolve(strict=True)
    except RuntimeError:
        return True
    except OSError as exc:
        return exc.errno == errno.ELOOP  # a dangling link does not loop (a draft name is reported when read)
    holder = link.parent.resolve()
    return target == holder or target in holder.parents


def expand_paths(
    paths: Sequence[str], exclude: Sequence[str] = (), exclude_base: str | Path | None = None
) -> list[str | InputError]:
    """Files to lint, in order: directories become the drafts under them."""
    out: list[str | InputError] = []
    base = Path(exclude_base) if exclude_base is not None else None
    for path in paths:
        p = Path(path)
        if path != STDIN and p.is_dir():
            if not os.access(p, os.R_OK | os.X_OK):
                out.append(InputError(path, "フォルダーを読み込む権限がありません"))
                continue
            drafts = walk_drafts(p, exclude, base)
            if not any(isinstance(d, Path) for d in drafts):
                out.append(InputError(path, "下書き（.txt / .md / .eml）が見つからないディレクトリです"))
            out.extend(_shown(d, p) if isinstance(d, Path) else _shown_error(d, p) for d in drafts)
        else:
            out.append(path)
    return out


def _shown_error(problem: InputError, argument: Path) -> InputError:
    return InputError(_shown(Path(problem.path), argument), problem.problem)


def _shown(draft: Path, argument: Path) -> str:
    """The draft's path spelled from the directory argument the user typed."""
    return str(argument / draft.relative_to(argument.absolute()))
