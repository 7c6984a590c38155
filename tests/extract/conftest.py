from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from reportgen import config as config_mod

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).resolve().parent / "corpus"


def load_corpus(name: str):  # type: ignore[no-untyped-def]
    with (CORPUS / name).open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@pytest.fixture(scope="session")
def cfg() -> config_mod.Config:
    return config_mod.load(ROOT)
