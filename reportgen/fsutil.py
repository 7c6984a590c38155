"""File writes that never leave a half-written output behind: write a temp file, fsync, rename."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
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


# What `write_bytes` names its temp files: "." + the target's name + "." + mkstemp's 8 random characters.
_TEMP = re.compile(r"^\.(?P<target>.+)\.[a-z0-9_]{8}\.tmp$")


def remove_stale_temps(root: Path, ours: Callable[[str], bool]) -> int:
    """Delete temp files an interrupted build left behind, and only those: a temp of a file this build
    writes (`ours(path relative to root)`). A user's own `.notes.tmp` is left alone."""
    count = 0
    if root.is_dir():
        for tmp in root.rglob(".*.tmp"):
            m = _TEMP.match(tmp.name)
            if m is None or not tmp.is_file():
                continue
            target = (tmp.parent / m.group("target")).relative_to(root).as_posix()
            if ours(target):
                tmp.unlink(missing_ok=True)
                count += 1
    return count
