"""Shared fixtures: throwaway projects copied from the repository's sample, never the repo's reports/."""

from __future__ import annotations

from pathlib import Path

import pytest
from projects import REPO, SAMPLE, make_project, run_cli, snapshot

from reportgen import config as config_mod

ROOT = REPO
__all__ = ["REPO", "ROOT", "SAMPLE", "make_project", "run_cli", "snapshot"]


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The sample project built once (with verification), shared read-only by the tests."""
    from reportgen.build import build

    project = make_project(tmp_path_factory.mktemp("sample"))
    cfg = config_mod.load(project)
    result = build(cfg)
    return cfg, result


@pytest.fixture(scope="session")
def built_sample(built) -> Path:  # type: ignore[no-untyped-def]
    """The output directory of the sample build, which must have succeeded."""
    cfg, result = built
    assert result.exit_code == 0, [o.error for o in result.failed] + [str(p) for p in result.problems]
    return cfg.output_dir


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project", extra=True)


@pytest.fixture
def cfg(tmp_path: Path):  # type: ignore[no-untyped-def]
    return config_mod.load(make_project(tmp_path))
