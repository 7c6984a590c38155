"""Throwaway projects for tests (a module, not conftest, so test files can import it by a unique name)."""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "seeds" / "rutba-karbala-operation.txt"


def make_project(root: Path, seeds: dict[str, str | bytes] | None = None, config: str | None = None) -> Path:
    """A throwaway project: the repo's config.yaml (or `config`) and the sample article (or `seeds`)."""
    (root / "seeds").mkdir(parents=True, exist_ok=True)
    if config is None:
        shutil.copy(REPO / "config.yaml", root / "config.yaml")
    else:
        (root / "config.yaml").write_text(config, encoding="utf-8")
    if seeds is None:
        shutil.copy(SAMPLE, root / "seeds" / SAMPLE.name)
    else:
        for name, content in seeds.items():
            path = root / "seeds" / name
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
    return root
