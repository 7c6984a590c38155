from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reportgen import config as config_mod

ROOT = Path(__file__).resolve().parent.parent


def make_project(tmp: Path) -> Path:
    shutil.copy(ROOT / "config.yaml", tmp / "config.yaml")
    shutil.copytree(ROOT / "seeds", tmp / "seeds")
    return tmp


@pytest.fixture(scope="session")
def built(tmp_path_factory):  # type: ignore[no-untyped-def]
    """The sample project built once (with verification), shared read-only by the tests."""
    from reportgen.build import build

    project = make_project(tmp_path_factory.mktemp("sample"))
    cfg = config_mod.load(project)
    result = build(cfg)
    return cfg, result


@pytest.fixture
def cfg(tmp_path):  # type: ignore[no-untyped-def]
    return config_mod.load(make_project(tmp_path))
