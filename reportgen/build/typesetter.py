"""Typeset PDFs in a second process, for rebuilds of fewer articles than there are cores.

A rebuild of one article does not start the worker pool: its forkserver would import everything before
the first fork, which costs more than it saves. Done in one process, though, the PDF is the last and
longest step, and WeasyPrint's import (about 0.8 s, mostly its cffi bindings to Pango) and its first
document come after matplotlib's import and the charts. Here a child process imports WeasyPrint and
typesets a small page in the configured fonts while the build extracts and charts the article; it then
typesets, writes and checks the article's PDF from the same HTML WeasyPrint would have got in-process,
while the build writes the site-wide pages. The PDF bytes are the same either way (tests check).

The child is `python -m reportgen.build.typesetter`, not a multiprocessing child: spawn would re-run a calling
script that lacks a `__main__` guard, and fork would copy whatever threads the caller has. Requests and
replies are pickles on its stdin and a private copy of its stdout (the child and the build trust each
other: same user, same code). If the child cannot start or dies, the PDF is made in the build's process.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import queue
import struct
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from reportgen.config import Config
from reportgen.errors import BuildError

log = logging.getLogger("reportgen.build.typesetter")


@dataclass(slots=True)
class Request:
    source: str  # the article, as errors name it
    rel: str  # the PDF's path in the output directory
    html: str
    verify: bool  # run the PDF checks of `reportgen check` on it once written
    attachments: tuple[tuple[str, bytes], ...] = ()  # data files the PDF carries (name, bytes)
    format: str = ""  # the output format it belongs to, for per-format timings


@dataclass(slots=True)
class Typeset:
    """What became of a `Request`: the PDF's digest, whether its file changed, and what was found."""

    rel: str
    digest: str | None = None  # None: it failed, see `error`
    written: bool = False
    warnings: list[str] = field(default_factory=list)  # WeasyPrint's (refused URLs, unsupported CSS)
    problems: list[str] = field(default_factory=list)  # the checks' findings
    seconds: float = 0.0  # typesetting only, as the `pdf` stage counts it elsewhere
    error: str | None = None
    checked: float = 0.0  # seconds of the checks (the `verify` stage)


def make(config: Config, request: Request, wanted: Callable[[], bool] = lambda: True) -> Typeset | None:
    """Typeset, write and (optionally) check one PDF. Runs in the child, or in the build as the fallback.

    None, with nothing written, if `wanted()` says the build that asked has gone meanwhile: a later
    build may already be writing this PDF, and must not have it replaced by an older one.
    """
    from reportgen.build import staging
    from reportgen.build.cache import digest
    from reportgen.outputs import pdf

    started = time.perf_counter()
    try:
        data, warnings = pdf.render_pdf(
            request.html, config.root, pdf.pdf_roots(config), attachments=request.attachments
        )
    except BuildError as exc:
        error = f"{request.source}: {exc}"
        return Typeset(request.rel, error=error, seconds=time.perf_counter() - started)
    seconds = time.perf_counter() - started
    if not wanted():
        return None
    written = bool(staging.stage(config, {request.rel: data}))  # the build publishes it with the rest
    problems: list[str] = []
    started = time.perf_counter()
    if request.verify and written:
        from reportgen.check import article_checks, run_checks

        area = staging.staging_dir(config)
        problems = [str(p) for p in run_checks(area, config, {request.rel}, article_checks())]
    checked = time.perf_counter() - started
    return Typeset(request.rel, digest(data), written, warnings, problems, seconds, checked=checked)


def _send(stream: BinaryIO, obj: object) -> None:
    blob = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(struct.pack(">Q", len(blob)) + blob)
    stream.flush()


def _receive(stream: BinaryIO) -> Any:
    head = stream.read(8)
    if len(head) < 8:
        raise EOFError("the typesetter process closed its pipe")
    (size,) = struct.unpack(">Q", head)
    blob = stream.read(size)
    if len(blob) < size:
        raise EOFError("the typesetter process closed its pipe")
    return pickle.loads(blob)


class Typesetter:
    """A warmed-up child process making PDFs in request order; `result()` collects them in that order."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self._queue: deque[Request] = deque()  # sent, not yet collected
        self._proc: subprocess.Popen[bytes] | None
        # Requests are written by a thread: the child reads its next request only once it has warmed up
        # (about a second), and a briefing's HTML is larger than a pipe's buffer, so writing it here would
        # hold the build up for that long instead of letting it check the briefing and write the site.
        self._outbox: queue.SimpleQueue[Request | None] = queue.SimpleQueue()
        self._writer: threading.Thread | None = None
        try:
            self._proc = subprocess.Popen(
                [sys.executable, "-m", "reportgen.build.typesetter"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
            )
            assert self._proc.stdin is not None
            _send(self._proc.stdin, config)
        except OSError as exc:
            log.warning("could not start the typesetter process (%s); typesetting in the build process", exc)
            self._proc = None
            return
        self._writer = threading.Thread(target=self._write, args=(self._proc.stdin,), daemon=True)
        self._writer.start()

    def _write(self, stream: BinaryIO) -> None:
        # A broken pipe ends the writing; `result()` then finds the child gone and typesets in the build.
        while (request := self._outbox.get()) is not None:
            try:
                _send(stream, request)
            except (OSError, ValueError):  # ValueError: the stream was closed by `close()`
                return

    def submit(self, request: Request) -> None:
        self._queue.append(request)
        if self._proc is not None:
            self._outbox.put(request)

    def result(self) -> Typeset:
        """The oldest submitted request's outcome (typeset here instead if the child is gone)."""
        request = self._queue.popleft()
        if self._proc is not None:
            try:
                assert self._proc.stdout is not None
                reply = _receive(self._proc.stdout)
                if isinstance(reply, Typeset) and reply.rel == request.rel:
                    return reply
            except Exception:  # a dead child, a torn pipe or a garbled reply: make it here instead
                pass
            self._lost()
        made = make(self.config, request)
        assert made is not None
        return made

    def _lost(self) -> None:
        log.warning("the typesetter process died; typesetting in the build process instead")
        self.close()

    def close(self) -> None:
        """Let the child go: it exits at once when idle; work nobody will collect (the build failed) is killed."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if self._queue:
            proc.kill()
        writer, self._writer = self._writer, None
        if writer is not None:
            self._outbox.put(None)
            writer.join(timeout=1)
            if writer.is_alive():  # stuck writing to a child that no longer reads: that write fails once it dies
                proc.kill()
                writer.join()
        for stream in (proc.stdin, proc.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _serve() -> None:
    # Replies go on a private copy of stdout; fd 1 becomes stderr, so stray prints cannot corrupt them.
    replies = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    requests = sys.stdin.buffer
    build = os.getppid()
    config: Config = _receive(requests)
    from reportgen import check
    from reportgen.outputs import pdf

    pdf.warm_up_fonts(config)
    check.warm_up(config, images=False)  # the PDF's checks follow its typesetting on the critical path
    while True:
        try:
            request = _receive(requests)
        except EOFError:
            break
        # A killed build's pipe only closes on our next read; until then, ask whether it is still our parent.
        made = make(config, request, lambda: os.getppid() == build)
        if made is None:
            break
        _send(replies, made)
    pdf.drop_font_configurations()  # their temp dirs of font copies; os._exit skips finalizers
    replies.close()
    # The interpreter's teardown (Pango, fontconfig, thousands of objects) takes longer than the PDF work
    # it follows and nobody waits for its result.
    os._exit(0)


if __name__ == "__main__":
    # Through the package, so replies pickle as reportgen.build.typesetter.Typeset, not __main__.Typeset.
    from reportgen.build.typesetter import _serve as serve

    serve()
