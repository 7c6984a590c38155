"""One build at a time per output directory: a second concurrent build stops with a clear message.

`flock` is released by the kernel when the holder dies (even by SIGKILL), so a crashed build never
leaves a stale lock behind.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from reportgen.errors import BuildError

LOCK_NAME = ".reportgen.lock"


class BuildLocked(BuildError):
    pass


def lock_path(out_dir: Path) -> Path:
    """Outside the output directory (everything in it gets published) and outside the project (a CI job
    commits the project): a file per output directory in this user's temporary directory.

    `flock` locks are local to the machine, as is every build that writes the same directory.
    """
    key = hashlib.sha256(str(out_dir.resolve()).encode()).hexdigest()[:20]
    base = Path(os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir()) / f"reportgen-{os.getuid()}"
    base.mkdir(mode=0o700, exist_ok=True)
    return base / f"{key}.lock"


@contextlib.contextmanager
def build_lock(out_dir: Path) -> Iterator[None]:
    out_dir = out_dir.resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    # Older versions kept the lock inside the output directory, where it was published with the site.
    (out_dir / LOCK_NAME).unlink(missing_ok=True)
    path = lock_path(out_dir)
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
