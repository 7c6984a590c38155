from __future__ import annotations

from dataclasses import dataclass


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
