"""One changed article on a multi-core machine: its PDF is typeset by a second process (`reportgen.build.typesetter`).

The outputs must be the bytes an in-process build makes; a typesetter that dies must cost nothing but
time; a PDF that cannot be made must fail only its article, and keep it out of the index.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from projects import REPO, SAMPLE, make_project, run_cli, snapshot

from reportgen import config as configmod
from reportgen.build import build

EDITED = "karbala-hideouts"


def _edit(project: Path) -> None:
    path = project / "seeds" / f"{EDITED}.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("7 أوكار", "9 أوكار"), encoding="utf-8")


def test_typeset_pdf_is_byte_identical_to_an_in_process_build(tmp_path: Path) -> None:
    first = make_project(tmp_path / "a", extra=True)
    assert build(configmod.load(first), jobs=1).exit_code == 0
    second = tmp_path / "b"
    shutil.copytree(first, second)
    # The cache records absolute paths nowhere; a copy is a second checkout with a warm cache.
    for project in (first, second):
        _edit(project)

    # Fresh processes, as a user runs them: this test process has loaded WeasyPrint already, and a
    # process that has is faster typesetting itself (so `reportgen serve` never starts the typesetter).
    serial = run_cli("build", "-C", str(first), "--jobs", "1", "--timings")
    split = run_cli("build", "-C", str(second), "--jobs", "2", "--timings")

    assert "articles built by: serial\n" in serial.stderr + "\n"
    assert "articles built by: serial + typesetter" in split.stderr
    for done in (serial, split):
        assert done.returncode == 0, done.stderr
        rebuilt = [line for line in done.stderr.splitlines() if line.startswith("rebuilt: seeds/")]
        assert rebuilt == [f"rebuilt: seeds/{EDITED}.txt → {EDITED}: article changed"]
        assert "problem" not in done.stderr
    a, b = snapshot(first / "reports"), snapshot(second / "reports")
    assert sorted(a) == sorted(b)
    assert [rel for rel in a if a[rel] != b[rel]] == []
    assert build(configmod.load(second), jobs=2).rebuilt == []  # the manifest knows the new PDF


def test_a_process_that_has_weasyprint_typesets_itself(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", extra=True)
    assert build(configmod.load(project), jobs=1).exit_code == 0  # loads WeasyPrint in this process
    _edit(project)
    result = build(configmod.load(project), jobs=2)
    assert result.exit_code == 0
    assert result.executor == "serial"
    assert [o.source for o in result.rebuilt] == [f"seeds/{EDITED}.txt"]


def _with_hooks(tmp_path: Path, hooks: str) -> tuple[Path, dict[str, str]]:
    """A built project, and an environment that runs `hooks` first in every Python process it starts."""
    project = make_project(tmp_path / "p", extra=True)
    assert build(configmod.load(project), jobs=1).exit_code == 0
    folder = tmp_path / "hooks"
    folder.mkdir()
    (folder / "sitecustomize.py").write_text(textwrap.dedent(hooks), encoding="utf-8")
    return project, {"PYTHONPATH": os.pathsep.join([str(folder), str(REPO)])}


def test_a_dead_typesetter_costs_only_time(tmp_path: Path) -> None:
    # Only the typesetter process warms WeasyPrint up this way: make it die there.
    project, env = _with_hooks(
        tmp_path,
        """
        import os
        from reportgen.outputs import pdf
        pdf.warm_up_fonts = lambda config: os._exit(9)
        """,
    )
    before = (project / "reports" / f"{EDITED}.pdf").read_bytes()
    _edit(project)

    done = run_cli("build", "-C", str(project), "--jobs", "2", "--timings", env=env)

    assert done.returncode == 0, done.stderr
    assert "the typesetter process died; typesetting in the build process instead" in done.stderr
    assert "articles built by: serial + typesetter" in done.stderr
    after = (project / "reports" / f"{EDITED}.pdf").read_bytes()
    assert after.startswith(b"%PDF-") and after != before


def test_the_build_goes_on_while_the_typesetter_warms_up(tmp_path: Path) -> None:
    # The typesetter reads its request only once warmed up, and a briefing's print HTML (charts inline; the
    # sample's is over 100 KB) is larger than a pipe's buffer: handing it over must not hold the build up
    # until then. Here the warm-up waits until the build has staged the article's page, which the build
    # does only after handing over the request; a build that waited for the typesetter to read would never
    # get there, and the typesetter gives up (dies) after a while, which the build reports.
    project, env = _with_hooks(
        tmp_path,
        f"""
        import os, time
        from pathlib import Path
        from reportgen.outputs import pdf
        warm = pdf.warm_up_fonts

        def wait_for_the_build(config):
            page = Path(config.root) / ".reportgen-cache" / "staging" / "{SAMPLE.stem}" / "index.html"
            for _ in range(300):
                if page.exists():
                    return warm(config)
                time.sleep(0.1)
            os._exit(9)

        pdf.warm_up_fonts = wait_for_the_build
        """,
    )
    sample = project / "seeds" / SAMPLE.name
    sample.write_text(sample.read_text(encoding="utf-8").replace("40 قرية", "41 قرية"), encoding="utf-8")

    done = run_cli("build", "-C", str(project), "--jobs", "2", "--timings", env=env)

    assert done.returncode == 0, done.stderr
    assert "articles built by: serial + typesetter" in done.stderr
    assert "typesetter process died" not in done.stderr
    assert (project / "reports" / f"{SAMPLE.stem}.pdf").read_bytes().startswith(b"%PDF-")


def test_a_pdf_that_cannot_be_made_fails_only_its_article(tmp_path: Path) -> None:
    project, env = _with_hooks(
        tmp_path,
        """
        from reportgen.outputs import pdf
        from reportgen.errors import RenderError
        _render = pdf.render_pdf
        def render_pdf(html, *args, **kwargs):
            if "9 أوكار" in html:
                raise RenderError("WeasyPrint failed: injected")
            return _render(html, *args, **kwargs)
        pdf.render_pdf = render_pdf
        """,
    )
    out = project / "reports"
    pdf_before = (out / f"{EDITED}.pdf").read_bytes()
    page_before = (out / EDITED / "index.html").read_bytes()
    _edit(project)

    done = run_cli("build", "-C", str(project), "--jobs", "2", "--timings", env=env)

    assert done.returncode == 1
    assert "articles built by: serial + typesetter" in done.stderr
    assert f"failed: seeds/{EDITED}.txt: WeasyPrint failed: injected" in done.stderr
    # Issue 18: the article's last good PDF and page are kept (the page just written is put back), and
    # the index still links to them.
    assert (out / f"{EDITED}.pdf").read_bytes() == pdf_before
    assert (out / EDITED / "index.html").read_bytes() == page_before
    index = (out / "index.html").read_text(encoding="utf-8")
    assert f"{EDITED}/" in index
    assert "qaim-villages/" in index
    # The failure is remembered: the next build retries the article and fails again, not silently passing.
    again = run_cli("build", "-C", str(project), "--jobs", "2", env=env)
    assert again.returncode == 1 and "WeasyPrint failed: injected" in again.stderr


def _gone(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return True
    return "\nState:\tZ" in status  # exited, waiting for a parent to reap it


def test_a_killed_build_leaves_no_typesetter_writing_behind_it(tmp_path: Path) -> None:
    marker = tmp_path / "typesetting"
    project, env = _with_hooks(
        tmp_path,
        f"""
        import os, time
        from reportgen.outputs import pdf
        _render = pdf.render_pdf
        def render_pdf(html, *args, **kwargs):
            if "9 أوكار" in html:  # the edited article's PDF, not the warm-up page
                with open({str(marker)!r}, "w") as fh:
                    fh.write(str(os.getpid()))
                time.sleep(3)  # the build is killed meanwhile
            return _render(html, *args, **kwargs)
        pdf.render_pdf = render_pdf
        """,
    )
    before = snapshot(project / "reports")
    _edit(project)
    proc = subprocess.Popen(
        [sys.executable, "-m", "reportgen", "build", "-C", str(project), "--jobs", "2"],
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while not marker.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert marker.exists(), "the typesetter never started the PDF"
    child = int(marker.read_text() or 0)
    assert child and child != proc.pid  # the PDF is being made in the other process
    proc.kill()
    proc.wait()
    deadline = time.monotonic() + 30
    while not _gone(child) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _gone(child), "the typesetter outlived the build"
    after = snapshot(project / "reports")
    pdf = f"{EDITED}.pdf"
    assert after[pdf] == before[pdf]  # not replaced behind the dead build's back
    assert not [p for p in (project / "reports").rglob(".*.tmp")]
