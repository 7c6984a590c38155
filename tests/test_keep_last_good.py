"""A template typo after a good build loses nothing: last good outputs and index links are kept (issue 18)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from projects import make_project, run_cli

from reportgen.present.render import THEME_DIR


def test_template_typo_keeps_last_good_outputs(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", extra=True)
    first = run_cli("build", "--jobs", "1", cwd=project)
    assert first.returncode == 0, first.stderr
    reports = project / "reports"
    before = {p.relative_to(reports).as_posix() for p in reports.rglob("*") if p.is_file()}
    links = re.findall(r'href="([^"]+\.html)"', (reports / "index.html").read_text(encoding="utf-8"))
    (project / "templates").mkdir(exist_ok=True)
    template = project / "templates" / "briefing.html"
    shutil.copy(THEME_DIR / "briefing.html", template)
    good = template.read_text(encoding="utf-8")
    template.write_text("{% if %}\n" + good, encoding="utf-8")
    broken = run_cli("build", "--jobs", "1", cwd=project)
    out = broken.stdout + broken.stderr
    assert broken.returncode != 0
    assert "briefing.html:1" in out
    assert "0 rebuilt" in out and "3 failed" in out
    after = {p.relative_to(reports).as_posix() for p in reports.rglob("*") if p.is_file()}
    assert before <= after
    assert re.findall(r'href="([^"]+\.html)"', (reports / "index.html").read_text(encoding="utf-8")) == links
    template.write_text(good, encoding="utf-8")
    fixed = run_cli("build", "--jobs", "1", cwd=project)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert "3 rebuilt" in fixed.stdout + fixed.stderr
