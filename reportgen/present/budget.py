"""Time and size budgets for rendering a template: user code must not hang a build or fill its memory.

Three guards, all turning into a `TemplateError` that names the template, so that article fails alone:

* output is produced chunk by chunk (`Template.generate`); past `MAX_CHARS` characters or
  `MAX_SECONDS`, rendering stops;
* in the main thread (the in-process build, every pool worker), a SIGALRM timer stops a loop that
  produces no output at all;
* `*` and `**` on strings, lists and numbers are checked before they run: `{{ "x" * 10**9 }}` would
  allocate a gigabyte in one step, before any chunk could be counted.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections.abc import Iterable, Iterator
from typing import Any

MAX_SECONDS = 30.0
MAX_CHARS = 50_000_000


class Exceeded(Exception):
    """A template went over its budget."""


def check_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse `*`/`**` whose result would be over the size budget."""
    if operator == "*":
        for seq, times in ((left, right), (right, left)):
            if isinstance(seq, str | list | tuple) and isinstance(times, int) and len(seq) * times > MAX_CHARS:
                raise Exceeded(f"would make a value of {len(seq) * times:,} items (the limit is {MAX_CHARS:,})")
    numbers = isinstance(left, int | float) and isinstance(right, int | float)
    if operator == "**" and numbers and abs(right) > 10_000 and abs(left) > 1:
        raise Exceeded(f"{left} ** {right} is too large to compute")


@contextlib.contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    usable = threading.current_thread() is threading.main_thread() and signal.getitimer(signal.ITIMER_REAL)[0] == 0
    if not usable:  # another thread (serve's rebuilds), or someone else's timer: the chunk checks remain
        yield
        return

    def expired(signum: int, frame: object) -> None:
        raise Exceeded(f"took more than {seconds:g} s (a loop without end?)")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def collect(chunks: Iterable[str]) -> str:
    """Join a template's output, stopping it when it goes over `MAX_SECONDS` or `MAX_CHARS`."""
    seconds, limit = MAX_SECONDS, MAX_CHARS
    deadline = time.monotonic() + seconds
    parts: list[str] = []
    size = 0
    with _alarm(seconds):
        for chunk in chunks:
            size += len(chunk)
            if size > limit:
                raise Exceeded(f"rendered more than {limit:,} characters")
            if time.monotonic() > deadline:
                raise Exceeded(f"took more than {seconds:g} s (a loop without end?)")
            parts.append(chunk)
    return "".join(parts)
