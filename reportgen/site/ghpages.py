"""`reportgen publish gh-pages`: commit the built site to the `gh-pages` branch and push it.

Plain git rather than ghp-import: ghp-import commits every time it runs, and publishing the same site
twice must make no new commit. Here the site is written into a temporary index (the working tree and the
user's index are never touched), and a commit is made only when its tree differs from the branch's.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from pathlib import Path

from reportgen.errors import ReportgenError, UsageError

# Pathspecs leaving out every hidden file and everything under a hidden directory, at any depth.
HIDDEN = (":(exclude,glob)**/.*", ":(exclude,glob)**/.*/**")


class PublishError(ReportgenError):
    exit_code = 1


def _git(repo: Path, *args: str, env: dict[str, str] | None = None, check: bool = True) -> str:
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, env=env)
    if check and done.returncode != 0:
        raise PublishError(f"git {' '.join(args)}: {done.stderr.strip() or done.stdout.strip()}")
    return done.stdout.strip() if done.returncode == 0 else ""


def pages_address(remote_url: str) -> str | None:
    """https://OWNER.github.io/REPO/ for a GitHub remote, else None."""
    m = re.search(r"github\.com[:/]([^/]+)/([^/]+?)(?:\.git)?/?$", remote_url)
    return f"https://{m.group(1).lower()}.github.io/{m.group(2)}/" if m else None


def publish(
    repo: Path, site: Path, branch: str = "gh-pages", remote: str = "origin", push: bool = True
) -> tuple[bool, str]:
    """Commit SITE (plus .nojekyll) as the tree of BRANCH; push it. Returns (new commit made, where)."""
    if not site.is_dir() or not any(site.iterdir()):
        raise UsageError(f"{site} is empty or missing: run `reportgen build` first")
    top = Path(_git(repo, "rev-parse", "--show-toplevel"))
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "GIT_INDEX_FILE": str(Path(tmp) / "index")}
        # Reader files only (see `fsutil.reader_file`): no hidden file or directory (temp files, locks).
        _git(top, f"--work-tree={site}", "add", "-A", "-f", "--", ".", *HIDDEN, env=env)
        blob = subprocess.run(
            ["git", "-C", str(top), "hash-object", "-w", "--stdin"], input="", capture_output=True, text=True
        ).stdout.strip()
        _git(top, "update-index", "--add", "--cacheinfo", f"100644,{blob},.nojekyll", env=env)
        tree = _git(top, "write-tree", env=env)
    parent = _git(top, "rev-parse", "--verify", "-q", f"refs/heads/{branch}", check=False)
    made = False
    if not parent or _git(top, "rev-parse", f"{parent}^{{tree}}") != tree:
        ident = {**os.environ}
        ident.setdefault("GIT_AUTHOR_NAME", "reportgen")
        ident.setdefault("GIT_AUTHOR_EMAIL", "reportgen@localhost")
        ident.setdefault("GIT_COMMITTER_NAME", ident["GIT_AUTHOR_NAME"])
        ident.setdefault("GIT_COMMITTER_EMAIL", ident["GIT_AUTHOR_EMAIL"])
        args = ["commit-tree", tree, "-m", "reportgen publish"] + (["-p", parent] if parent else [])
        commit = _git(top, *args, env=ident)
        _git(top, "update-ref", f"refs/heads/{branch}", commit, *([parent] if parent else []))
        made = True
    where = f"branch {branch}"
    if push:
        url = _git(top, "remote", "get-url", remote)
        _git(top, "push", remote, f"refs/heads/{branch}:refs/heads/{branch}")
        where = pages_address(url) or f"{url} ({branch})"
    return made, where
