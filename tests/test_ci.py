"""`reportgen init --ci github`: the workflow it writes validates, deploys to Pages, and installs our name."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from reportgen import __version__
from reportgen.cli.ci import APT_PACKAGES, apt_packages, github_workflow

ROOT = Path(__file__).resolve().parent.parent


def _init(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reportgen", "init", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        timeout=60,
    )


def test_init_ci_github_writes_a_valid_pages_workflow(tmp_path: Path) -> None:
    project = tmp_path / "news"
    done = _init(str(project), "--ci", "github")
    assert done.returncode == 0, done.stderr
    path = project / ".github" / "workflows" / "reportgen.yml"
    assert (project / "config.yaml").exists()
    schema = subprocess.run(
        ["check-jsonschema", "--builtin-schema", "vendor.github-workflows", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert schema.returncode == 0, schema.stdout + schema.stderr

    wf = yaml.safe_load(path.read_text(encoding="utf-8"))
    triggers = wf[True]  # YAML 1.1 reads the key `on` as a boolean
    assert "schedule" in triggers and "workflow_dispatch" in triggers
    assert wf["permissions"]["pages"] == "write" and wf["permissions"]["id-token"] == "write"
    assert wf["concurrency"]["group"]
    build = [s.get("run", "") + " " + s.get("uses", "") for s in wf["jobs"]["build"]["steps"]]
    text = "\n".join(build)
    assert f"pip install 'reportgen-ar=={__version__}'" in text
    assert "pip install reportgen " not in text and "pip install 'reportgen=" not in text
    assert all(pkg in text for pkg in APT_PACKAGES)
    fetch = next(i for i, s in enumerate(build) if s.strip().startswith("reportgen fetch"))
    make = next(i for i, s in enumerate(build) if s.strip().startswith("reportgen build"))
    upload = next(i for i, s in enumerate(build) if "actions/upload-pages-artifact" in s)
    assert fetch < make < upload
    # No step swallows an exit status: no `|| true`, no `set +e`, no continue-on-error.
    assert "|| true" not in text and "set +e" not in text
    assert not any(s.get("continue-on-error") for s in wf["jobs"]["build"]["steps"])
    deploy = wf["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")


def test_init_ci_on_existing_project_writes_only_the_workflow_and_never_overwrites(tmp_path: Path) -> None:
    assert _init(str(tmp_path)).returncode == 0
    config = (tmp_path / "config.yaml").read_bytes()
    again = _init(str(tmp_path), "--ci", "github")
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "config.yaml").read_bytes() == config
    third = _init(str(tmp_path), "--ci", "github")
    assert third.returncode == 2 and "already exists" in third.stderr
    bad = _init(str(tmp_path), "--ci", "gitlab")
    assert bad.returncode == 2 and "gitlab" in bad.stderr


def test_example_workflow_is_what_init_writes() -> None:
    example = ROOT / "examples" / "github-actions" / "reportgen.yml"
    assert example.read_text(encoding="utf-8") == github_workflow(), (
        "regenerate it: python -c 'from reportgen.cli.ci import github_workflow; print(github_workflow(), end=\"\")'"
        " > examples/github-actions/reportgen.yml"
    )


def test_workflow_installs_the_runtime_packages_of_apt_txt() -> None:
    assert list(APT_PACKAGES) == apt_packages(ROOT / "packaging" / "apt.txt")
