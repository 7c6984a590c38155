"""Issue 18, faults: unreadable seed, read-only output, full disk, concurrent builds, serve, lasting exit status.

Running as root, chmod cannot make a file unreadable, so the OS errors are planted with monkeypatch at
the call that meets them (opening, creating the temp file, fsync), with the errno the kernel would give.
"""

from __future__ import annotations

import errno
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from projects import REPO, make_project, snapshot

from reportgen import build, config, fsutil
from reportgen.build import lock
from reportgen.errors import BuildError, UsageError

HTML_ONLY = "formats: [html]\n"
GOOD = "عنوان الخبر\nأعلنت القوات تحرير 12 قرية قرب القائم.\n"


def _files(root: Path) -> dict[str, bytes]:
    return {k: v for k, v in snapshot(root).items() if k != lock.LOCK_NAME}


@pytest.mark.parametrize("err", [errno.EACCES, errno.EIO, errno.EPERM])
def test_an_unreadable_seed_fails_only_its_own_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, err: int
) -> None:
    project = make_project(tmp_path / "p", config=HTML_ONLY, seeds={"good.txt": GOOD, "locked.txt": GOOD + "x\n"})
    real_open = Path.open

    def fake_open(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if self.name == "locked.txt":
            raise OSError(err, os.strerror(err))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", fake_open)
    result = build.build(config.load(project), jobs=1)
    by = {o.source: o for o in result.outcomes}
    assert by["seeds/good.txt"].ok
    assert not by["seeds/locked.txt"].ok and f"cannot read: {os.strerror(err)}" in (by["seeds/locked.txt"].error or "")
    assert result.exit_code == 1
    monkeypatch.undo()
    again = build.build(config.load(project), jobs=1)
    assert not again.failed and {o.source for o in again.rebuilt} == {"seeds/locked.txt"}


@pytest.mark.parametrize(
    ("where", "err", "says"),
    [
        ("fsync", errno.ENOSPC, "free some disk space"),
        ("fsync", errno.EDQUOT, "quota"),
        ("mkstemp", errno.EROFS, "read-only"),
        ("mkstemp", errno.EACCES, "make the folder writable"),
        ("replace", errno.ENOSPC, "free some disk space"),
    ],
)
def test_a_full_disk_or_read_only_output_is_a_message_and_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str, err: int, says: str
) -> None:
    project = make_project(tmp_path / "p", config=HTML_ONLY, seeds={"good.txt": GOOD})
    assert build.build(config.load(project), jobs=1).exit_code == 0
    reports = project / "reports"
    before = _files(reports)
    (project / "seeds" / "good.txt").write_text(GOOD + "وأضاف المتحدث أن 3 جسور دمرت.\n", encoding="utf-8")

    def boom(*args: object, **kwargs: object) -> None:
        raise OSError(err, os.strerror(err))

    if where == "fsync":
        monkeypatch.setattr(fsutil.os, "fsync", boom)
    elif where == "mkstemp":
        monkeypatch.setattr(fsutil.tempfile, "mkstemp", boom)
    else:
        monkeypatch.setattr(Path, "replace", boom)
    with pytest.raises(BuildError) as info:
        build.build(config.load(project), jobs=1)
    assert "cannot write" in str(info.value) and says in str(info.value)
    assert _files(reports) == before, "a failed write changed or left files"
    assert not list(reports.rglob("*.tmp"))
    monkeypatch.undo()
    fixed = build.build(config.load(project), jobs=1)
    assert fixed.exit_code == 0 and [o.source for o in fixed.rebuilt] == ["seeds/good.txt"]


def test_a_build_while_serve_rebuilds_is_refused_and_the_other_way_round(tmp_path: Path) -> None:
    from reportgen.cli.serve import serve

    project = make_project(tmp_path / "p", config=HTML_ONLY, seeds={"good.txt": GOOD})
    with lock.build_lock(project / "reports"), pytest.raises(lock.BuildLocked, match="another reportgen build"):
        serve(project, None, "127.0.0.1", 0, lambda k, m: None, stop=threading.Event(), announce=lambda t: None)


def test_serve_on_a_busy_port_is_a_message(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", config=HTML_ONLY, seeds={"good.txt": GOOD})
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        from reportgen.cli.serve import serve

        with pytest.raises(UsageError, match=f"cannot listen on 127.0.0.1:{port}.*--port"):
            serve(project, None, "127.0.0.1", port, lambda k, m: None, stop=threading.Event())
        done = subprocess.run(
            [sys.executable, "-m", "reportgen", "serve", "-C", str(project), "--port", str(port)],
            env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert done.returncode == 2 and "cannot listen" in done.stderr and "Traceback" not in done.stderr
    assert not (project / "reports").exists(), "nothing is built when the port is taken"


@pytest.fixture
def served(tmp_path: Path):  # type: ignore[no-untyped-def]
    from reportgen.cli.serve import serve

    project = make_project(tmp_path / "p", config=HTML_ONLY, seeds={"good.txt": GOOD})
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET\n", encoding="utf-8")
    stop = threading.Event()
    urls: list[str] = []
    thread = threading.Thread(
        target=serve,
        args=(project, None, "127.0.0.1", 0, lambda k, m: None),
        kwargs={"stop": stop, "announce": urls.append},
        daemon=True,
    )
    thread.start()
    deadline = time.monotonic() + 120
    while not urls and time.monotonic() < deadline:
        time.sleep(0.1)
    assert urls, "serve never announced itself"
    (project / "reports" / "leak.txt").symlink_to(secret)
    (project / "reports" / ".deploy-state").write_text("token\n", encoding="utf-8")
    base = urls[0].split(" at ", 1)[1].split("/ ", 1)[0]
    yield base
    stop.set()
    thread.join(timeout=10)


def _status(url: str, method: str = "GET") -> int:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method=method), timeout=5) as resp:
            return resp.status
    except urllib.error.HTTPError as exc:
        return exc.code


def _raw(base: str, path: str, method: str) -> tuple[int, bytes]:
    """Status and body for a request line sent as written (no client-side normalising of the path)."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        sock.sendall(f"{method} {path} HTTP/1.0\r\nHost: {host}\r\n\r\n".encode("latin-1"))
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


@pytest.mark.parametrize("method", ["GET", "HEAD"])
@pytest.mark.parametrize(
    "path",
    [
        "/.reportgen.lock",
        "/.deploy-state",
        "/.reportgen-owned",
        "/%2ereportgen-owned",
        "/%2Edeploy-state",
        "/assets/%2e%2e/.deploy-state",
        "//.deploy-state",
        "///.deploy-state",
        "//etc/passwd",
        "/../config.yaml",
        "/%2e%2e/config.yaml",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/..%2fconfig.yaml",
        "/good%2f..%2f..%2fconfig.yaml",
        "/good/../../seeds/good.txt",
        "/assets//..//..//config.yaml",
        "/leak.txt",
        "/assets/..%5c..%5cconfig.yaml",
        "/assets\\..\\..\\config.yaml",
        "/%5c.deploy-state",
        "/index.html%00.txt",
        "/assets/",
        # Names the filesystem refuses (ENAMETOOLONG): a 404, not a traceback and a dropped connection.
        "/" + "a" * 300,
        "/assets/" + "b" * 5000,
        "/" + "/".join(["c" * 200] * 30),
        "/" + "%d8%b9" * 200,
    ],
)
def test_serve_serves_only_the_site(served: str, path: str, method: str) -> None:
    assert served.startswith("http://127.0.0.1:")  # local only by default
    assert _status(served + "/index.html", method) == 200
    assert _status(served + "/good/", method) == 200
    status, body = _raw(served, path, method)
    assert status == 404, (path, status)
    assert b"SECRET" not in body and b"token" not in body and b"formats" not in body


@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_serve_answers_head_as_it_answers_get(served: str, method: str) -> None:
    for path in ("/index.html", "/good/", "/feed.xml", "/assets/style.css"):
        assert _raw(served, path, method)[0] == 200, path
    status, body = _raw(served, "/good", method)
    assert status == 301
    if method == "HEAD":
        assert body == b""


def test_serve_exits_0_on_ctrl_c(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", config=HTML_ONLY, seeds={"good.txt": GOOD})
    proc = subprocess.Popen(
        [sys.executable, "-m", "reportgen", "serve", "-C", str(project), "--port", "0"],
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert "serving" in line and "127.0.0.1" in line
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "Traceback" not in err


def test_exit_status_stays_non_zero_while_check_finds_a_problem(tmp_path: Path) -> None:
    """A character no bundled font has (check: no glyph) fails the build, and every build until fixed."""
    article = "عنوان الخبر\nأعلنت القوات تحرير 12 قرية 漢字 قرب القائم.\n"
    project = make_project(tmp_path / "p", config=HTML_ONLY, seeds={"good.txt": article})
    first = build.build(config.load(project), jobs=1)
    assert first.problems and first.exit_code == 1
    for _ in range(2):
        again = build.build(config.load(project), jobs=1)
        assert not again.rebuilt and again.exit_code == 1 and again.problems == first.problems
    (project / "seeds" / "good.txt").write_text(article.replace(" 漢字", ""), encoding="utf-8")
    fixed = build.build(config.load(project), jobs=1)
    assert fixed.exit_code == 0 and not fixed.problems, fixed.problems
    assert build.build(config.load(project), jobs=1).exit_code == 0
