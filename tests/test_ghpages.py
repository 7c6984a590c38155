"""`reportgen publish gh-pages` against a local bare repository."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from reportgen import fsutil
from reportgen.site.ghpages import pages_address

ROOT = Path(__file__).resolve().parent.parent
ENV = {
    "PYTHONPATH": str(ROOT),
    "PATH": "/usr/bin:/bin",
    "HOME": os.environ.get("HOME", "/tmp"),
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@t",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@t",
}


def _run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), capture_output=True, text=True, cwd=cwd, env=ENV, timeout=120)


def _rg(*args: str) -> subprocess.CompletedProcess[str]:
    return _run(sys.executable, "-m", "reportgen", *args)


def test_publish_pushes_site_to_gh_pages_once_and_refuses_stale(tmp_path: Path) -> None:
    project, bare = tmp_path / "p", tmp_path / "site.git"
    assert _rg("init", str(project)).returncode == 0
    _run("git", "init", "-q", "--bare", str(bare))
    _run("git", "init", "-q", str(project))
    _run("git", "remote", "add", "origin", str(bare), cwd=project)

    stale = _rg("publish", "gh-pages", "-C", str(project))
    assert stale.returncode != 0 and "reportgen build" in stale.stderr

    built = _rg("build", "-C", str(project), "--no-verify", "-j", "1")
    assert built.returncode == 0, built.stderr
    first = _rg("publish", "gh-pages", "-C", str(project))
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("published")
    files = _run("git", "ls-tree", "-r", "--name-only", "gh-pages", cwd=bare).stdout.split()
    assert ".nojekyll" in files and "index.html" in files
    out = project / "reports"
    # The build's own dotfiles (its list of owned paths) are not part of the site.
    site = {str(p.relative_to(out)) for p in out.rglob("*") if p.is_file() and fsutil.reader_file(p.relative_to(out))}
    assert (out / ".reportgen-owned").is_file()
    assert set(files) == site | {".nojekyll"}
    head = _run("git", "rev-parse", "gh-pages", cwd=bare).stdout

    second = _rg("publish", "gh-pages", "-C", str(project))
    assert second.returncode == 0, second.stderr
    assert second.stdout.startswith("unchanged")
    assert _run("git", "rev-parse", "gh-pages", cwd=bare).stdout == head
    # The user's own branch and working tree are untouched.
    assert _run("git", "status", "--porcelain", "--", "reports", cwd=project).stdout.strip().startswith("??")


def test_pages_address() -> None:
    assert pages_address("git@github.com:Owner/news.git") == "https://owner.github.io/news/"
    assert pages_address("https://github.com/o/r") == "https://o.github.io/r/"
    assert pages_address("/srv/site.git") is None
