"""One build at a time per output directory: a second concurrent build stops with a clear message.

`flock` is released by the kernel when the holder dies (even by SIGKILL), so a crashed build never
leaves a stale lock behind.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from reportgen.errors import BuildError

LOCK_NAME = ".reportgen.lock"


class BuildLocked(BuildError):
    pass


@contextlib.contextmanager
def build_lock(out_dir: Path) -> Iterator[None]:
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildLocked(
                f"another reportgen build is writing {out_dir}; wait for it to finish and run again"
            ) from None
        yield
    finally:
        os.close(fd)
