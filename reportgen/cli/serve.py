"""`reportgen serve`: build, serve the output on localhost, rebuild what changed, reload the browser.

The files on disk are exactly what `reportgen build` writes: the live-reload script is added to HTML
responses by this server as they are sent, never to the built files. Pages poll `/__reload`, which
answers with a build generation number; when it changes, they reload.
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Callable
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from reportgen import fsutil
from reportgen.errors import ReportgenError, UsageError

RELOAD_PATH = "/__reload"
RELOAD_SNIPPET = (
    "<script>/* reportgen serve: live reload (not part of the built site) */"
    "(function(){var seen=null;function poll(){fetch('" + RELOAD_PATH + "',{cache:'no-store'})"
    ".then(function(r){return r.json();}).then(function(d){if(seen===null){seen=d.generation;}"
    "else if(d.generation!==seen){location.reload();return;}setTimeout(poll,600);})"
    ".catch(function(){setTimeout(poll,1500);});}poll();})();</script>"
).encode()

Progress = Callable[[str, str], None]


class State:
    def __init__(self) -> None:
        self.generation = 0
        self.lock = threading.Lock()

    def bump(self) -> int:
        with self.lock:
            self.generation += 1
            return self.generation


def inject(html: bytes) -> bytes:
    marker = html.rfind(b"</body>")
    if marker < 0:
        return html + RELOAD_SNIPPET
    return html[:marker] + RELOAD_SNIPPET + html[marker:]


class _Handler(SimpleHTTPRequestHandler):
    state: State

    def __init__(self, *args: Any, state: State, **kwargs: Any) -> None:
        self.state = state
        super().__init__(*args, **kwargs)

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def do_GET(self) -> None:
        self._answer(body=True)

    def _answer(self, *, body: bool) -> None:
        """GET and HEAD alike: the same checks, the same status and headers; HEAD sends no body."""
        try:
            self._answer_checked(body=body)
        except (BrokenPipeError, ConnectionResetError):
            return  # the reader went away
        except OSError:  # a name too long for the filesystem, a file gone meanwhile: not the site's to give
            with contextlib.suppress(OSError):
                self.send_error(404, "not found")

    def _answer_checked(self, *, body: bool) -> None:
        path = unquote(self.path.split("?", 1)[0].split("#", 1)[0])
        if path == RELOAD_PATH:
            self._send(json.dumps({"generation": self.state.generation}).encode(), "application/json", body)
            return
        fs_path = self._site_file(path)
        if fs_path is None:
            self.send_error(404, "not found")
            return
        if fs_path.is_dir():
            if not path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            fs_path = fs_path / "index.html"
            if not fs_path.is_file():  # no directory listings: they would name files readers are not given
                self.send_error(404, "not found")
                return
        if fs_path.suffix == ".html" and fs_path.is_file():
            self._send(inject(fs_path.read_bytes()), "text/html; charset=utf-8", body)
            return
        if body:
            super().do_GET()
        else:
            super().do_HEAD()

    def _site_file(self, path: str) -> Path | None:
        """The file of the site `path` (decoded) names, or None if it is not the site's to give.

        Only the site: not the build's own files (temp, lock), no dotfiles (a deploy tool's state), no `..`
        (plain or encoded), no backslashes, no symlink out of the site. Decided on the URL's segments and
        again on the file it maps to, so `//.git/x` (which a URL parser reads as a host) is refused too.
        """
        if "\\" in path or "\x00" in path or not fsutil.reader_file(path.lstrip("/")):
            return None
        if any(part.startswith(".") for part in path.split("/")):
            return None
        root = Path(self.directory).resolve()
        fs_path = Path(self.translate_path(self.path))
        try:
            rel = fs_path.relative_to(self.directory)
        except ValueError:
            return None
        if not fsutil.reader_file(rel) or not fs_path.resolve().is_relative_to(root):
            return None
        return fs_path

    def _send(self, data: bytes, kind: str, body: bool = True) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()  # adds Cache-Control: no-store
        if body:
            self.wfile.write(data)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # quiet: the build log is what matters
        pass


def _watch_filter(
    root: Path,
    config_file: Path,
    sources_glob: str,
    templates: Path,
    ignore: tuple[Path, ...],
    files: tuple[Path, ...] = (),
):  # type: ignore[no-untyped-def]
    seeds = (root / sources_glob.split("*", 1)[0]).resolve()

    def accept(_change: Any, raw: str) -> bool:
        path = Path(raw).resolve()
        if any(path == d or path.is_relative_to(d) for d in ignore):
            return False
        if path.name.startswith(".") and path.name.endswith(".tmp"):
            return False
        return path == config_file or path in files or path.is_relative_to(seeds) or path.is_relative_to(templates)

    return accept


def serve(
    project: Path,
    config_path: Path | None,
    host: str,
    port: int,
    progress: Progress,
    *,
    stop: threading.Event | None = None,
    announce: Callable[[str], None] | None = None,
) -> None:
    import watchfiles

    from reportgen import config as configmod
    from reportgen.build import build
    from reportgen.build.cache import CACHE_DIR
    from reportgen.build.lock import build_lock

    project = project.resolve()
    cfg = configmod.load(project, config_path)
    state = State()
    out = cfg.output_dir
    try:  # the port first: a second `serve` on a busy port says so before building anything
        server = ThreadingHTTPServer((host, port), partial(_Handler, state=state, directory=str(out)))
    except OSError as exc:
        raise UsageError(
            f"cannot listen on {host}:{port} ({exc.strerror}); is another `reportgen serve` running? "
            "pass --port N for another port (--port 0: any free one)"
        ) from None
    try:
        with build_lock(out):  # a `reportgen build` at the same time is refused, and the other way round
            build(cfg, progress)
    except ReportgenError:
        server.server_close()
        raise
    state.bump()
    stop = stop or threading.Event()
    config_file = (config_path or project / configmod.CONFIG_NAME).resolve()

    def watch() -> None:
        nonlocal cfg
        # corrections.yaml too: an editor's change rebuilds the articles it names.
        ignore = (out, project / CACHE_DIR)
        accept = _watch_filter(project, config_file, cfg.sources, cfg.templates_dir, ignore, (cfg.corrections_path,))
        for changes in watchfiles.watch(project, watch_filter=accept, stop_event=stop, debounce=200):
            names = sorted({Path(p).relative_to(project).as_posix() for _, p in changes})
            progress("changed", ", ".join(names))
            try:
                cfg = configmod.load(project, config_path)
                with build_lock(cfg.output_dir):
                    build(cfg, progress)
            except ReportgenError as exc:
                progress("failed", str(exc))
            progress("reload", f"generation {state.bump()}")

    watcher = threading.Thread(target=watch, name="reportgen-watch", daemon=True)
    watcher.start()
    announce = announce or (lambda text: print(text, flush=True))
    announce(f"serving {out} at http://{host}:{server.server_address[1]}/ (Ctrl-C to stop)")
    stopper = threading.Thread(target=lambda: (stop.wait(), server.shutdown()), daemon=True)
    stopper.start()
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
        with contextlib.suppress(RuntimeError):
            watcher.join(timeout=5)
