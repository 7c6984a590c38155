"""`reportgen serve`: serves the built site, rebuilds on a seed edit, and the page changes."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from projects import REPO, make_project


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as resp:
        return resp.read().decode("utf-8")


def _wait_for(predicate, timeout: float = 90.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def test_serve_rebuilds_when_a_seed_changes(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", extra=True)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen(
        [sys.executable, "-m", "reportgen", "serve", "-C", str(project), "--port", str(port)],
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert _wait_for(lambda: "تحرير ٢٢ قرية" in _get(f"{base}/qaim-villages/index.html")), "server never came up"
        page = _get(f"{base}/qaim-villages/index.html")
        assert "/__reload" in page  # injected into served pages ...
        assert "/__reload" not in (project / "reports/qaim-villages/index.html").read_text(encoding="utf-8")  # only
        generation = json.loads(_get(f"{base}/__reload"))["generation"]

        seed = project / "seeds" / "qaim-villages.txt"
        seed.write_text(seed.read_text(encoding="utf-8").replace("تحرير ٢٢ قرية", "تحرير ثلاثين قرية"), "utf-8")
        assert _wait_for(lambda: "تحرير ثلاثين قرية" in _get(f"{base}/qaim-villages/index.html"))
        assert _wait_for(lambda: json.loads(_get(f"{base}/__reload"))["generation"] > generation)
        assert "تحرير ثلاثين قرية" in _get(f"{base}/index.html")
    finally:
        proc.terminate()
        try:
            out, err = proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
    assert "serving" in out, err
    assert "rebuilt: seeds/qaim-villages.txt → qaim-villages: article changed" in err
