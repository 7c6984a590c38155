"""File writes that never leave a half-written output behind: write a temp file, fsync, rename."""

from __future__ import annotations

import errno
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from reportgen.errors import BuildError


def write_bytes(path: Path, data: bytes) -> bool:
    """Atomically replace `path` with `data`. Returns False (and writes nothing) if it already holds it."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except OSError:
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise WriteError(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        Path(tmp).chmod(0o644)
        Path(tmp).replace(path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)  # never a partial file: the old one stays as it was
        if isinstance(exc, OSError):
            raise WriteError(path, exc) from None
        raise
    return True


class WriteError(BuildError):
    """A file could not be written (read-only folder, full disk, quota): named, with what to do."""

    def __init__(self, path: Path, exc: OSError) -> None:
        reason = exc.strerror or str(exc)
        hint = {
            errno.ENOSPC: "free some disk space and build again",
            errno.EDQUOT: "free some space within your quota and build again",
            errno.EACCES: "make the folder writable (chmod u+w) or choose another 'output'",
            errno.EROFS: "the file system is read-only; choose another 'output'",
            errno.EPERM: "make the folder writable or choose another 'output'",
        }.get(exc.errno or 0, "check the folder and build again")
        super().__init__(f"cannot write {path}: {reason}; {hint} (the previous files are unchanged)")
        self.path = path
        self.errno = exc.errno


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


def reader_file(rel: str | Path) -> bool:
    """Whether a file of the output directory is for readers: not hidden (no part starts with «.»).

    Hidden files are the build's own: temp files of an atomic write (`.name.xyz.tmp`), a lock file, editor
    or OS droppings. `publish gh-pages` and `serve` leave them out.
    """
    return not any(part.startswith(".") for part in Path(rel).parts)
