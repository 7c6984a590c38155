"""Only reader files are published: the build lock lives outside reports/ (and the project), publish/serve skip
hidden files."""

from __future__ import annotations

import functools
import subprocess
import threading
import urllib.error
import urllib.request
from http.server import ThreadingHTTPServer
from pathlib import Path

from projects import make_project, run_cli

from reportgen import fsutil
from reportgen.build import lock
from reportgen.cli.serve import State, _Handler
from reportgen.site import ghpages

HIDDEN = (".reportgen.lock", "assets/.style.css.k3j2.tmp", ".cache/state", "qaim/.DS_Store")


def test_the_lock_is_kept_beside_the_output_directory(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", config="formats: [html]\n")
    (project / "reports").mkdir()
    (project / "reports" / ".reportgen.lock").write_text("")  # left by an older version
    done = run_cli("build", "-C", str(project))
    assert done.returncode == 0, done.stderr
    assert not [p for p in (project / "reports").rglob("*") if p.name.endswith(".lock")]
    held = lock.lock_path(project / "reports")
    assert held.is_file() and not held.is_relative_to(project.resolve())
    assert not [p for p in project.rglob("*") if p.name.endswith(".lock")]


def test_reader_files() -> None:
    assert fsutil.reader_file("index.html") and fsutil.reader_file("assets/fonts/x.ttf")
    assert not any(fsutil.reader_file(rel) for rel in HIDDEN)


def _site(root: Path) -> Path:
    site = root / "reports"
    for rel in ("index.html", "assets/style.css", "qaim/index.html", *HIDDEN):
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(rel, encoding="utf-8")
    return site


def test_publish_leaves_out_hidden_files(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    site = _site(repo)
    made, _ = ghpages.publish(repo, site, push=False)
    assert made
    files = subprocess.run(
        ["git", "-C", str(repo), "ls-tree", "-r", "--name-only", "gh-pages"], capture_output=True, text=True
    ).stdout.split()
    assert sorted(files) == [".nojekyll", "assets/style.css", "index.html", "qaim/index.html"]


def test_serve_answers_404_for_hidden_files(tmp_path: Path) -> None:
    site = _site(tmp_path)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, state=State(), directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with urllib.request.urlopen(base + "assets/style.css") as resp:
            assert resp.status == 200
        for rel in HIDDEN:
            for method in ("GET", "HEAD"):
                try:
                    urllib.request.urlopen(urllib.request.Request(base + rel, method=method))
                except urllib.error.HTTPError as exc:
                    assert exc.code == 404, rel
                else:
                    raise AssertionError(f"{method} {rel} was served")
    finally:
        server.shutdown()
        server.server_close()
