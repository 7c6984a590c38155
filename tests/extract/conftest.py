from __future__ import annotations

import pytest
from corpus_loader import ROOT

from reportgen import config as config_mod


@pytest.fixture(scope="session")
def cfg() -> config_mod.Config:
    return config_mod.load(ROOT)
