"""Issue 7: --jobs process pool and the Dask executor build the same bytes as a serial build; failures stay local."""

from __future__ import annotations

import os
import subprocess
import textwrap
from pathlib import Path

import pytest
from projects import REPO, make_project, processes_mentioning, run_cli, snapshot

from reportgen import config as configmod
from reportgen.build import build
from reportgen.errors import ConfigError
from reportgen.outputs import pdf


def _outputs(root: Path) -> dict[str, bytes]:
    return {k: v for k, v in snapshot(root).items() if k != ".reportgen.lock"}


def _fresh_font_configuration(roots):  # type: ignore[no-untyped-def]
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def test_pool_build_matches_a_serial_build_with_fresh_font_configs(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # Reference: in-process, a new WeasyPrint FontConfiguration for every document (what reportgen did before).
    serial = make_project(tmp_path / "serial", extra=True)
    monkeypatch.setattr(pdf, "font_configuration", _fresh_font_configuration)
    result = build(configmod.load(serial), jobs=1)
    assert result.exit_code == 0, [o.error for o in result.failed] + result.problems
    monkeypatch.undo()
    # --jobs 2: two worker processes, each reusing one FontConfiguration for all its documents.
    pooled = make_project(tmp_path / "pooled", extra=True)
    done = run_cli("build", "-C", str(pooled), "--jobs", "2", "--timings")
    assert done.returncode == 0, done.stderr
    assert "pdf" in done.stderr and "stage" in done.stderr  # the --timings table
    first, second = _outputs(serial / "reports"), _outputs(pooled / "reports")
    assert sorted(first) == sorted(second)
    assert [p for p in first if first[p] != second[p]] == []
    # Progress: one line per briefing, in source order (not completion order).
    rebuilt = [line for line in done.stderr.splitlines() if line.startswith("rebuilt: seeds/")]
    assert rebuilt == sorted(rebuilt) and len(rebuilt) == 3


# Loaded by every interpreter of the failing build (parent, forkserver, workers) through PYTHONPATH.
FAULTS = """
import os
from reportgen import site

_render = site.render_briefing


def render_briefing(env, config, view, *args, **kwargs):
    if view.slug == "qaim-villages":
        raise RuntimeError("injected bug")
    if view.slug == "karbala-hideouts":
        os._exit(7)  # the worker dies, as on a segfault or an OOM kill
    return _render(env, config, view, *args, **kwargs)


site.render_briefing = render_briefing
"""


def _build_with_hooks(tmp_path: Path, hooks: str) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """`reportgen build --jobs 2` with `hooks` run first in every process (as sitecustomize), pool workers too."""
    project = make_project(tmp_path / "p", extra=True)
    folder = tmp_path / "hooks"
    folder.mkdir()
    (folder / "sitecustomize.py").write_text(textwrap.dedent(hooks), encoding="utf-8")
    env = {"PYTHONPATH": os.pathsep.join([str(folder), str(REPO)])}
    return project, run_cli("build", "-C", str(project), "--jobs", "2", env=env)


def test_worker_exception_and_crash_fail_only_their_article(tmp_path: Path) -> None:
    project, done = _build_with_hooks(tmp_path, FAULTS)
    assert done.returncode == 1, done.stderr
    assert "seeds/qaim-villages.txt: internal error: RuntimeError: injected bug" in done.stderr
    assert "seeds/karbala-hideouts.txt: the worker process building it died" in done.stderr
    out = project / "reports"
    assert (out / "rutba-karbala-operation.pdf").is_file()
    assert (out / "rutba-karbala-operation" / "index.html").is_file()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "rutba-karbala-operation/index.html" in index and "qaim-villages/" not in index
    assert "1 of 3 briefings built" in done.stderr and "2 failed" in done.stderr


# Ctrl-C after every article is built, while the site pages are made: the pool's generator is still
# suspended at its last `yield`, so nothing but the build closing it shuts the workers down.
INTERRUPT_IN_SITE = """
from reportgen import build

def _site(*args, **kwargs):
    raise KeyboardInterrupt

build._site = _site
"""


def test_ctrl_c_after_the_articles_leaves_no_worker_behind(tmp_path: Path) -> None:
    _, done = _build_with_hooks(tmp_path, INTERRUPT_IN_SITE)
    assert done.returncode == 130, done.stderr
    assert "interrupted; previous outputs are intact" in done.stderr
    # The pool's workers (forked from the forkserver) were shut down, not left for the watchdog.
    assert processes_mentioning(str(tmp_path / "hooks")) == []


NOOP = """
import multiprocessing, sys
from reportgen.cli import cli
try:
    cli.main(["build", "-C", sys.argv[1], "--jobs", "2"], standalone_mode=False)
except SystemExit as exc:
    assert not exc.code, exc.code
heavy = sorted(m for m in ("matplotlib", "weasyprint", "reportgen.build.executors", "concurrent.futures.process")
               if m in sys.modules)
print("heavy:", heavy, "children:", len(multiprocessing.active_children()))
"""


def test_noop_rebuild_starts_no_pool_and_imports_no_renderer(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", extra=True)
    first = run_cli("build", "-C", str(project), "--jobs", "2")
    assert first.returncode == 0, first.stderr
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", NOOP, str(project)],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "heavy: [] children: 0" in done.stdout, done.stdout + done.stderr
    assert "3 of 3 briefings built" in done.stderr and "0 rebuilt" in done.stderr


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("jobs: 0\n", "Config value 'jobs': expected a positive whole number"),
        ("jobs: two\n", "Config value 'jobs': expected a positive whole number"),
        ("executor: spark\n", "Config value 'executor': expected one of local, dask"),
        ("executor: dask\n", "Config value 'executor': dask needs a 'scheduler' address"),
        ("scheduler: localhost\n", "Config value 'scheduler': expected a Dask scheduler address"),
        ("scheduler: tcp://127.0.0.1:8786\n", "Config value 'scheduler': is only used with 'executor: dask'"),
    ],
)
def test_executor_config_is_validated(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises(ConfigError) as info:
        configmod.parse(text, tmp_path)
    assert any(expected in p for p in info.value.problems), info.value.problems


def test_executor_config_values(tmp_path: Path) -> None:
    cfg = configmod.parse("jobs: 3\nexecutor: dask\nscheduler: tcp://10.0.0.5:8786\n", tmp_path)
    assert (cfg.jobs, cfg.executor, cfg.scheduler) == (3, "dask", "tcp://10.0.0.5:8786")
    assert configmod.parse("", tmp_path).executor == "local"


def test_cli_dask_without_scheduler_is_a_usage_error(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    done = run_cli("build", "-C", str(project), "--executor", "dask")
    assert done.returncode == 2
    assert "--executor dask needs --scheduler" in done.stderr
    bad = run_cli("build", "-C", str(project), "--scheduler", "nowhere")
    assert bad.returncode == 2 and "--scheduler: expected a Dask scheduler address" in bad.stderr


def test_dask_local_cluster_builds_the_same_bytes(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed", reason="dask[distributed] is not installed (the 'dask' extra)")
    local = make_project(tmp_path / "local", extra=True)
    remote = make_project(tmp_path / "remote", extra=True)
    done = run_cli("build", "-C", str(local), "--jobs", "1")
    assert done.returncode == 0, done.stderr
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        done = run_cli("build", "-C", str(remote), "--scheduler", cluster.scheduler_address)
        assert done.returncode == 0, done.stderr
        # A rebuild after an edit reuses the cached extraction of the others, as a local build does.
        again = run_cli("build", "-C", str(remote), "--scheduler", cluster.scheduler_address)
        assert again.returncode == 0 and "0 rebuilt" in again.stderr, again.stderr
    first, second = snapshot(local / "reports"), snapshot(remote / "reports")
    assert sorted(first) == sorted(second)
    assert [p for p in first if first[p] != second[p]] == []
    assert (
        snapshot(local / ".reportgen-cache" / "objects").keys()
        == snapshot(remote / ".reportgen-cache" / "objects").keys()
    )


REVERSED = """
# Every process (including pool workers) hands matplotlib the old tutorial recipe: labels come out reversed.
from reportgen.present import textprep
textprep.matplotlib_shapes = lambda: False
"""


def test_checks_run_in_pool_workers_and_fail_the_build(tmp_path: Path) -> None:
    _, done = _build_with_hooks(tmp_path, REVERSED)
    assert done.returncode == 1, done.stderr
    problems = [line for line in done.stderr.splitlines() if "[chart-labels]" in line]
    slugs = {line.split("/", 1)[0].split()[-1] for line in problems}
    assert {"rutba-karbala-operation", "qaim-villages", "karbala-hideouts"} <= slugs, problems
    assert all("reversed rendering" in line for line in problems), problems


def test_the_pools_forkserver_preloads_the_matchers_with_the_renderers() -> None:
    # reportgen.extract imports its matchers on first use; the forkserver's preload must still compile them
    # once, before it forks, or every worker compiles its own copy (time and unshared memory per worker).
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import reportgen.build.preload\n"
        "need = ('matplotlib', 'weasyprint', 'reportgen.extract.figures', 'reportgen.extract.dates',"
        " 'reportgen.extract.numbers', 'reportgen.extract.entities', 'reportgen.extract.times')\n"
        "print('missing:', [m for m in need if m not in sys.modules])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    assert "missing: []" in done.stdout, done.stdout
