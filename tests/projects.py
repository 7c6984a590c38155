"""Throwaway projects for tests (a module, not conftest, so test files can import it by a unique name)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "seeds" / "rutba-karbala-operation.txt"


# Two small dated articles next to the undated sample, so the index order, feed dates, filters and the
# figures-over-time chart have something to show.
EXTRA_ARTICLES = {
    "qaim-villages.txt": """---
title: تحرير ٢٢ قرية غرب القائم
date: 2017-11-05
source: وكالة الأنباء
---
أعلنت القوات المشتركة تحرير 22 قرية غرب القائم بعد معارك استمرت يومين.
وأكد المتحدث تدمير 4 معسكرات للإرهابيين في الصحراء قرب الرطبة.
""",
    "karbala-hideouts.txt": """---
title: تدمير أوكار في صحراء كربلاء
date: 2017-11-09
source: مراسلنا
---
نفذت القوات عملية تفتيش في صحراء كربلاء أسفرت عن تدمير 7 أوكار تستخدم لشن الهجمات.
كما جرى تحرير 5 قرى على الطريق الدولي.
""",
}


def make_project(
    root: Path, seeds: dict[str, str | bytes] | None = None, config: str | None = None, *, extra: bool = False
) -> Path:
    """A throwaway project: the repo's config.yaml (or `config`) and the sample article (or `seeds`).

    With `extra`, two small dated articles join the sample (index order, feed dates, figures over time).
    """
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
    if extra:
        for name, text in EXTRA_ARTICLES.items():
            (root / "seeds" / name).write_text(text, encoding="utf-8")
    return root


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m reportgen ARGS` in a fresh interpreter, with this checkout first on the path."""
    full_env = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "reportgen", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under `root` (relative path → bytes)."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def processes_mentioning(text: str) -> list[int]:
    """Pids of the running processes whose command line contains `text` (e.g. a test's temp dir)."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if text.encode() in (proc / "cmdline").read_bytes():
                found.append(int(proc.name))
        except OSError:
            pass
    return found
