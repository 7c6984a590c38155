"""Incremental builds: only what changed is rebuilt, for the stated reason; removal; --clean; --check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from projects import REPO, make_project, run_cli, snapshot

from reportgen import config as configmod
from reportgen.build import build
from reportgen.build import cache as cachemod

SAMPLE = "seeds/rutba-karbala-operation.txt"


def _build(project: Path, **kw):  # type: ignore[no-untyped-def]
    log: list[tuple[str, str]] = []
    result = build(configmod.load(project), lambda kind, msg: log.append((kind, msg)), **kw)
    return result, log


def _reasons(result) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    return {o.source: o.reasons for o in result.rebuilt}


@pytest.fixture
def built(project: Path) -> Path:
    result, _ = _build(project)
    assert result.exit_code == 0
    assert len(result.rebuilt) == 3
    return project


def test_noop_rebuild_rebuilds_and_writes_nothing(built: Path) -> None:
    before = snapshot(built / "reports")
    result, log = _build(built)
    assert result.rebuilt == []
    assert result.written == []
    assert not [m for k, m in log if k == "rebuilt"]
    assert snapshot(built / "reports") == before


def test_editing_one_article_rebuilds_only_it(built: Path) -> None:
    path = built / "seeds" / "qaim-villages.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("22 قرية", "23 قرية"), encoding="utf-8")
    result, log = _build(built)
    assert _reasons(result) == {"seeds/qaim-villages.txt": ["article changed"]}
    assert ("rebuilt", "seeds/qaim-villages.txt → qaim-villages: article changed") in log
    figures = json.loads((built / "reports/qaim-villages/figures.json").read_text(encoding="utf-8"))
    assert 23 in [f["value"] for f in figures["figures"]]
    assert "23" in (built / "reports/index.html").read_text(encoding="utf-8")


def test_template_change_rerenders_without_reextracting(built: Path) -> None:
    (built / "templates").mkdir()
    source = (REPO / "reportgen" / "theme" / "briefing.html").read_text(encoding="utf-8")
    (built / "templates" / "briefing.html").write_text(source.replace("الأرقام الرئيسية", "أهم الأرقام"), "utf-8")
    result, _ = _build(built)
    reasons = _reasons(result)
    assert len(reasons) == 3
    for why in reasons.values():
        assert why == ["template briefing.html changed", "extraction reused"]
    assert "أهم الأرقام" in (built / "reports/qaim-villages/index.html").read_text(encoding="utf-8")


def test_config_section_change_is_named(built: Path) -> None:
    cfg = built / "config.yaml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("label: قرى محررة", "label: قرى مستعادة"), "utf-8")
    result, _ = _build(built)
    for why in _reasons(result).values():
        assert why[0] == "config section categories changed"
    assert "قرى مستعادة" in (built / "reports/figures/index.html").read_text(encoding="utf-8")


def test_missing_output_is_rebuilt(built: Path) -> None:
    (built / "reports/qaim-villages/figures.csv").unlink()
    result, _ = _build(built)
    expected = ["output qaim-villages/figures.csv missing", "extraction reused"]
    assert _reasons(result) == {"seeds/qaim-villages.txt": expected}
    assert (built / "reports/qaim-villages/figures.csv").is_file()


def test_version_or_cache_format_change_rebuilds_everything(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cachemod, "code_version", lambda: "99.0.0+test")
    result, _ = _build(built)
    assert len(result.rebuilt) == 3
    assert all(r[0].startswith("reportgen version changed") for r in _reasons(result).values())
    monkeypatch.setattr(cachemod, "CACHE_FORMAT", cachemod.CACHE_FORMAT + 1)
    result, _ = _build(built)
    assert {tuple(r) for r in _reasons(result).values()} == {("new article",)}


def test_removing_an_article_removes_its_outputs_and_entries(built: Path) -> None:
    (built / "seeds" / "qaim-villages.txt").unlink()
    result, _ = _build(built)
    assert result.removed == ["seeds/qaim-villages.txt"]
    assert result.rebuilt == []
    out = built / "reports"
    assert not (out / "qaim-villages").exists()
    assert not (out / "qaim-villages.pdf").exists()
    assert "qaim-villages" not in (out / "index.html").read_text(encoding="utf-8")
    index = json.loads((out / "search-index.json").read_text(encoding="utf-8"))
    assert [d["slug"] for d in index["documents"]] == ["karbala-hideouts", "rutba-karbala-operation"]
    assert "qaim-villages" not in (out / "feed.xml").read_text(encoding="utf-8")


def test_clean_rebuilds_everything(built: Path) -> None:
    result, _ = _build(built, clean=True)
    assert len(result.rebuilt) == 3
    assert all(o.reasons == ["new article"] for o in result.rebuilt)


def test_check_reports_stale_and_writes_nothing(built: Path) -> None:
    ok = run_cli("build", "--check", "-C", str(built))
    assert ok.returncode == 0, ok.stderr
    assert "up to date" in ok.stderr

    path = built / "seeds" / "karbala-hideouts.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nوأصيب 3 جنود.\n", encoding="utf-8")
    (built / "seeds" / "qaim-villages.txt").unlink()
    before = snapshot(built)
    stale = run_cli("build", "--check", "-C", str(built))
    assert stale.returncode == 1, stale.stderr
    assert "stale: seeds/karbala-hideouts.txt: article changed" in stale.stderr
    assert "stale: seeds/qaim-villages.txt: article removed" in stale.stderr
    assert snapshot(built) == before  # neither outputs nor cache were touched

    fixed = run_cli("build", "-C", str(built))
    assert fixed.returncode == 0, fixed.stderr
    assert run_cli("build", "--check", "-C", str(built)).returncode == 0


def test_check_sees_a_modified_site_page(built: Path) -> None:
    (built / "reports/index.html").write_text("tampered", encoding="utf-8")
    result, _ = _build(built, check=True)
    assert result.exit_code == 1
    assert result.stale_site == ["index.html"]
    assert (built / "reports/index.html").read_text(encoding="utf-8") == "tampered"


def test_noop_rebuild_imports_no_renderer(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", extra=True)
    assert run_cli("build", "-C", str(project)).returncode == 0
    code = (
        "import sys, pathlib\n"
        "from reportgen import config\n"
        "from reportgen.build import build\n"
        f"r = build(config.load(pathlib.Path({str(project)!r})))\n"
        "assert r.rebuilt == [], r.rebuilt\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('matplotlib', 'weasyprint'))\n"
        "print('heavy:', heavy)\n"
    )
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-c", code],
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "heavy: []" in proc.stdout


# `python -m reportgen build --timings` as a user runs it; the report runs among the CLI's own atexit
# handlers (it leaves through os._exit), registered first so it runs after them, when nothing is left to load.
NOOP_CLI = """
import atexit, runpy, sys
HEAVY = ("matplotlib", "weasyprint", "pypdf", "pypdfium2", "PIL", "numpy", "fontTools")
# Extraction's matchers compile their patterns on import; nothing is extracted in a no-op rebuild.
MATCHERS = {f"reportgen.extract.{m}" for m in ("dates", "entities", "figures", "numbers", "times")}
atexit.register(lambda: print("heavy:", sorted({m.split(".")[0] for m in sys.modules} & set(HEAVY)), flush=True))
atexit.register(lambda: print("matchers:", sorted(set(sys.modules) & MATCHERS), flush=True))
sys.argv = ["reportgen", "build", "-C", sys.argv[1], "--timings"]
runpy.run_module("reportgen", run_name="__main__")
"""


def test_noop_rebuild_from_the_command_line_loads_no_renderer_nor_checker(tmp_path: Path) -> None:
    import subprocess
    import sys

    project = make_project(tmp_path / "p", extra=True)
    assert run_cli("build", "-C", str(project)).returncode == 0
    proc = subprocess.run(
        [sys.executable, "-c", NOOP_CLI, str(project)],
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "0 rebuilt" in proc.stderr, proc.stderr
    assert "articles built by: none" in proc.stderr, proc.stderr
    assert "heavy: []" in proc.stdout, proc.stdout
    assert "matchers: []" in proc.stdout, proc.stdout
