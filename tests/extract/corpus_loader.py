"""Loads the example corpora (YAML) that double as the extraction test tables."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).resolve().parent / "corpus"


def load_corpus(name: str):  # type: ignore[no-untyped-def]
    with (CORPUS / name).open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)
