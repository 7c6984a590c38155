"""Fetched articles build into briefings: loopback feed -> `reportgen fetch` -> `reportgen build`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.fetch_server import ARTICLES, serve

ROOT = Path(__file__).resolve().parent.parent
ENV = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}


def _rg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reportgen", *args], capture_output=True, text=True, cwd=ROOT, env=ENV, timeout=120
    )


def test_two_fetched_articles_become_two_more_briefings(tmp_path: Path) -> None:
    assert _rg("init", str(tmp_path)).returncode == 0  # one sample article
    with serve() as (base, _log):
        fetched = _rg("fetch", "-C", str(tmp_path), f"{base}/rss")
    assert fetched.returncode == 0, fetched.stderr
    built = _rg("build", "-C", str(tmp_path), "--no-verify", "-j", "1")
    assert built.returncode == 0, built.stderr
    assert "3 of 3 briefings built" in built.stderr
    for key in ("dam", "clinics"):
        page = tmp_path / "reports" / key / "index.html"
        assert page.is_file(), f"no briefing for {key}"
        text = page.read_text(encoding="utf-8")
        assert ARTICLES[key][0] in text  # the fetched title
        assert ARTICLES[key][2][1][:25] in text  # a paragraph of its main text
