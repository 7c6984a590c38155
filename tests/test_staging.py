"""Issue 18, deliverable 1: a build stages its outputs and publishes only what it built well, all at once.

Faults are real where they can be: a build process killed with SIGKILL while it builds, or while it renames
its files into place (a wrapper ends the process from inside `Path.replace`, at the Nth rename into the
output directory). The next build must then leave exactly what a build from scratch makes.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from projects import REPO, SAMPLE, make_project, processes_mentioning, snapshot

from reportgen import build, config
from reportgen.build import lock, staging
from reportgen.errors import BuildError

SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")
HTML_PDF = "formats: [html, pdf]\n"
HTML_ONLY = "formats: [html]\n"
NAMES = [f"a{i}.txt" for i in range(4)]


def _files(reports: Path) -> dict[str, bytes]:
    return {k: v for k, v in snapshot(reports).items() if k != lock.LOCK_NAME and not k.endswith(".tmp")}


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO), "SOURCE_DATE_EPOCH": "1700000000"}


def _build(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "reportgen", "build", "-C", str(project), *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=600, env=_env(), check=False)


def _edited(text: str, n: int) -> str:
    return text.replace("40 قرية", f"{40 + n} قرية")


def _reference(tmp_path: Path, cfg: str, seeds: dict[str, str]) -> dict[str, bytes]:
    """What a build from scratch of `seeds` publishes: the only correct outcome."""
    ref = make_project(tmp_path / "reference", config=cfg, seeds=seeds)
    done = _build(ref)
    assert done.returncode == 0, done.stderr
    return _files(ref / "reports")


@pytest.mark.parametrize("jobs", ["1", "2"], ids=["serial", "pool"])
def test_a_build_killed_mid_way_publishes_nothing_and_the_next_build_is_correct(tmp_path: Path, jobs: str) -> None:
    project = make_project(tmp_path / "p", config=HTML_PDF, seeds={n: SAMPLE_TEXT for n in NAMES})
    assert _build(project).returncode == 0
    reports = project / "reports"
    before = _files(reports)
    new = {n: _edited(SAMPLE_TEXT, i + 1) for i, n in enumerate(NAMES)}
    for n, text in new.items():
        (project / "seeds" / n).write_text(text, encoding="utf-8")
    cmd = [sys.executable, "-m", "reportgen", "build", "-C", str(project), "--jobs", jobs]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, env=_env())
    assert proc.stderr is not None
    line = proc.stderr.readline()  # one briefing is built (in the old way, already in reports/), others are not
    assert line.startswith("rebuilt:"), line
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stderr.close()
    deadline = time.monotonic() + 20
    while processes_mentioning(str(project)) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert _files(reports) == before, "a killed build changed the published site"
    done = _build(project)
    assert done.returncode == 0, done.stderr
    assert _files(reports) == _reference(tmp_path, HTML_PDF, new)
    assert not (staging.staging_dir(config.load(project))).exists()
    assert _build(project, "--check").returncode == 0


WRAPPER = """
import os, sys
from pathlib import Path
reports, limit = sys.argv[1], int(sys.argv[2])
real, count = Path.replace, [0]
def replace(self, target):
    if str(target).startswith(reports):
        count[0] += 1
        if count[0] > limit:
            os._exit(9)  # as SIGKILL would: no cleanup, no exception handler runs
    return real(self, target)
Path.replace = replace
from reportgen.cli import main
sys.argv = ["reportgen", "build", "-C", sys.argv[3], "--jobs", "1"]
main()
"""


@pytest.mark.parametrize("renames", [0, 1, 3, 7])
def test_a_build_killed_while_it_publishes_is_finished_by_the_next_build(tmp_path: Path, renames: int) -> None:
    project = make_project(tmp_path / "p", config=HTML_ONLY, seeds={n: SAMPLE_TEXT for n in NAMES})
    assert _build(project).returncode == 0
    reports = project / "reports"
    new = {n: _edited(SAMPLE_TEXT, i + 1) for i, n in enumerate(NAMES)}
    new["late.txt"] = _edited(SAMPLE_TEXT, 9)  # a new briefing too: its paths are not in the old manifest
    for n, text in new.items():
        (project / "seeds" / n).write_text(text, encoding="utf-8")
    (project / "seeds" / NAMES[0]).unlink()  # and a removed one: its files are deleted by the publish
    del new[NAMES[0]]
    cmd = [sys.executable, "-c", WRAPPER, str(reports) + "/", str(renames), str(project)]
    killed = subprocess.run(cmd, capture_output=True, text=True, timeout=600, env=_env(), check=False)
    assert killed.returncode == 9, killed.stderr
    assert (project / ".reportgen-cache" / staging.JOURNAL).is_file()
    done = _build(project)
    assert done.returncode == 0, done.stderr
    assert "interrupted while it published" in done.stderr
    assert "not written by reportgen" not in done.stderr
    assert _files(reports) == _reference(tmp_path, HTML_ONLY, new)
    assert not (project / ".reportgen-cache" / staging.JOURNAL).exists()
    assert _build(project, "--check").returncode == 0


def test_a_failing_format_keeps_the_old_files_and_the_index_lists_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(tmp_path / "p", config=HTML_PDF, seeds={n: SAMPLE_TEXT for n in NAMES[:3]})
    assert build.build(config.load(project), jobs=1).exit_code == 0
    reports = project / "reports"
    before = _files(reports)
    for i, n in enumerate(NAMES[:3]):
        (project / "seeds" / n).write_text(_edited(SAMPLE_TEXT, i + 1), encoding="utf-8")
    from reportgen.outputs import pdf

    real = pdf.render_pdf

    def fails_for_a1(html: str, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if "41 قرية" in html:
            raise BuildError("WeasyPrint failed: planted")
        return real(html, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pdf, "render_pdf", fails_for_a1)
    result = build.build(config.load(project), jobs=1)
    assert result.exit_code == 1
    by = {o.source: o for o in result.outcomes}
    assert not by["seeds/a0.txt"].ok and "planted" in (by["seeds/a0.txt"].error or "")
    after = _files(reports)
    for rel in ("a0/index.html", "a0.pdf"):
        assert after[rel] == before[rel], f"{rel}: the last good file was not kept"
    for rel in ("a1/index.html", "a1.pdf", "a2/index.html", "a2.pdf"):
        assert after[rel] != before[rel], f"{rel}: the others must be published"
    index = after["index.html"].decode()
    assert all(f'href="a{i}/index.html"' in index for i in range(3)), "the index dropped a briefing"
    monkeypatch.undo()
    fixed = build.build(config.load(project), jobs=1)
    assert fixed.exit_code == 0 and [o.source for o in fixed.rebuilt] == ["seeds/a0.txt"]
    assert _files(reports)["a0/index.html"] not in (before["a0/index.html"], after["a0/index.html"])


# --- files a user put in reports/ by hand, at a path the build writes -------------------------------------

HAND = b"<p>my own page, made by hand</p>\n"


@pytest.mark.parametrize(
    "rel", ["index.html", "feed.xml", "search-index.json", "figures/index.html", "assets/style.css"]
)
def test_a_hand_made_file_at_a_site_path_stops_the_build_and_is_kept(tmp_path: Path, rel: str) -> None:
    project = make_project(tmp_path / "p", config=HTML_ONLY, seeds={"a0.txt": SAMPLE_TEXT})
    (project / "reports" / rel).parent.mkdir(parents=True, exist_ok=True)
    (project / "reports" / rel).write_bytes(HAND)
    done = _build(project)
    assert done.returncode != 0
    assert f"reports/{rel}: this file was not written by reportgen" in done.stderr
    assert "Move it out of reports/" in done.stderr and "Traceback" not in done.stderr
    assert _files(project / "reports") == {rel: HAND}, "nothing may be published, the file must be kept"
    (project / "reports" / rel).unlink()
    assert _build(project).returncode == 0


@pytest.mark.parametrize("rel", ["late/index.html", "late.pdf", "late/figures.csv"])
def test_a_hand_made_file_at_a_briefing_path_fails_only_that_article(tmp_path: Path, rel: str) -> None:
    project = make_project(tmp_path / "p", config=HTML_PDF, seeds={"a0.txt": SAMPLE_TEXT})
    assert _build(project).returncode == 0
    before = _files(project / "reports")
    (project / "seeds" / "late.txt").write_text(_edited(SAMPLE_TEXT, 5), encoding="utf-8")
    produced = _reference(tmp_path, HTML_PDF, {"late.txt": _edited(SAMPLE_TEXT, 5)})
    if rel not in produced:
        pytest.fail(f"{rel} is not an output of the build (outputs: {sorted(produced)})")
    (project / "reports" / rel).parent.mkdir(parents=True, exist_ok=True)
    (project / "reports" / rel).write_bytes(HAND)
    done = _build(project)
    assert done.returncode == 1, done.stderr
    assert f"reports/{rel}: this file was not written by reportgen, and seeds/late.txt would replace it" in done.stderr
    after = _files(project / "reports")
    assert after[rel] == HAND
    assert not [r for r in after if r.startswith("late") and r != rel], "a part of the briefing was published"
    assert 'href="late/index.html"' not in after["index.html"].decode()
    assert {r: after[r] for r in before} == before  # the rest is as it was (the index was regenerated alike)


def test_files_the_build_wrote_are_still_its_own_after_a_hand_edit_or_a_lost_cache(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", config=HTML_ONLY, seeds={"a0.txt": SAMPLE_TEXT})
    assert _build(project).returncode == 0
    built = _files(project / "reports")
    (project / "reports" / "index.html").write_bytes(HAND)  # edited by hand: ours, so rebuilt
    done = _build(project)
    assert done.returncode == 0, done.stderr
    assert _files(project / "reports") == built
    import shutil

    shutil.rmtree(project / ".reportgen-cache")  # the manifest is gone; reports/ still says what is ours
    (project / "seeds" / "a0.txt").write_text(_edited(SAMPLE_TEXT, 2), encoding="utf-8")
    done = _build(project)
    assert done.returncode == 0, done.stderr
    owned = json.loads((project / "reports" / staging.OWNED).read_text(encoding="utf-8"))["paths"]
    assert "index.html" in owned and "a0/index.html" in owned
