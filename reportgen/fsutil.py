"""File writes that never leave a half-written output behind: write a temp file, fsync, rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_bytes(path: Path, data: bytes) -> bool:
    """Atomically replace `path` with `data`. Returns False (and writes nothing) if it already holds it."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        Path(tmp).chmod(0o644)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def write_text(path: Path, text: str) -> bool:
    return write_bytes(path, text.encode("utf-8"))


def remove_stale_temps(root: Path) -> int:
    """Delete temp files an interrupted build left behind (they are never referenced by outputs)."""
    count = 0
    if root.is_dir():
        for tmp in root.rglob(".*.tmp"):
            tmp.unlink(missing_ok=True)
            count += 1
    return count


def reader_file(rel: str | Path) -> bool:
    """Whether a file of the output directory is for readers: not hidden (no part starts with «.»).

    Hidden files are the build's own: temp files of an atomic write (`.name.xyz.tmp`), a lock file, editor
    or OS droppings. `publish gh-pages` and `serve` leave them out.
    """
    return not any(part.startswith(".") for part in Path(rel).parts)
