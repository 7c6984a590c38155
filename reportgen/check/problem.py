from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass
from pathlib import Path


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
    """Files under `out_dir` matching `pattern`, restricted to `only` (output-relative paths) when given."""
    return [p for p in sorted(out_dir.rglob(pattern)) if only is None or str(p.relative_to(out_dir)) in only]
