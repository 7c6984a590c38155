from __future__ import annotations

from collections.abc import Container, Iterable
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a finished build: which file, where in it, what is wrong and what to do."""

    file: str
    where: str
    what: str
    fix: str
    check: str = ""

    def __str__(self) -> str:
        where = f" ({self.where})" if self.where else ""
        tag = f"[{self.check}] " if self.check else ""
        return f"{self.file}{where}: {tag}{self.what} — {self.fix}"


def rel(path, root) -> str:  # type: ignore[no-untyped-def]
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def select_files(out_dir: Path, pattern: str, only: Container[str] | None) -> list[Path]:
    """Files under `out_dir` matching `pattern`, restricted to `only` (output-relative paths) when given.

    With `only` a set of paths (what a build just wrote), those paths are looked at and the output tree is not
    walked: a build checks each briefing's files as it writes them, and walking a 400-briefing tree for every
    check of every briefing cost more than some of the checks themselves.
    """
    if only is None or not isinstance(only, Iterable):
        return [p for p in sorted(out_dir.rglob(pattern)) if only is None or str(p.relative_to(out_dir)) in only]
    found = []
    for name in only:
        parts = PurePosixPath(name)
        if parts.is_absolute() or ".." in parts.parts or not fnmatchcase(parts.name, pattern):
            continue
        path = out_dir.joinpath(*parts.parts)
        if path.exists():
            found.append(path)
    return sorted(found)
