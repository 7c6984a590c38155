"""On matplotlib 3.10 (no libraqm layout) textprep must pre-shape, and the label check must agree.

Needs a separate interpreter: set REPORTGEN_MPL310_PYTHON to its python, e.g.
    python -m venv /tmp/mpl310 && /tmp/mpl310/bin/pip install 'matplotlib==3.10.*' pillow pyyaml jinja2 \\
        arabic-reshaper python-bidi fontpkg fontpkg-ibm-plex-sans-arabic
    REPORTGEN_MPL310_PYTHON=/tmp/mpl310/bin/python pytest -m mpl310
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from reportgen.check import chart_labels

ROOT = Path(__file__).resolve().parent.parent
PYTHON = os.environ.get("REPORTGEN_MPL310_PYTHON")

SCRIPT = r"""
import sys, json
from pathlib import Path
from unittest import mock
import matplotlib
from reportgen.present import charts, textprep
from reportgen import config
from reportgen.present.charts import Bar

out = Path(sys.argv[1])
cfg = config.load(Path(sys.argv[2]))
bars = [Bar("إطلاق صاروخ Scud-B من H3", 30, "30"), Bar("معسكرات مدمرة", 15, "15")]
def save(chart, name):
    (out / name).mkdir()
    (out / name / chart.png_name).write_bytes(chart.png)
    (out / name / f"{chart.name}.labels.json").write_bytes(chart.manifest())
save(charts.bar_chart("c", "t", bars, cfg), "prepared")
with mock.patch.object(textprep, "for_renderer", lambda s, r: s):
    save(charts.bar_chart("c", "t", bars, cfg), "logical")
print(json.dumps({"version": matplotlib.__version__, "shapes": textprep.matplotlib_shapes()}))
"""


@pytest.mark.mpl310
@pytest.mark.skipif(not PYTHON, reason="set REPORTGEN_MPL310_PYTHON to a python with matplotlib 3.10 (see module doc)")
def test_matplotlib_310_needs_and_gets_pre_shaping(tmp_path):  # type: ignore[no-untyped-def]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MPLBACKEND": "Agg"}
    run = subprocess.run(
        [str(PYTHON), "-c", SCRIPT, str(tmp_path), str(ROOT)], capture_output=True, text=True, env=env, check=False
    )
    assert run.returncode == 0, run.stderr
    info = json.loads(run.stdout.strip().splitlines()[-1])
    assert info["version"].startswith("3.10.") and info["shapes"] is False
    # textprep pre-shaped the labels: the pixels read correctly.
    assert chart_labels.check_manifest(tmp_path / "prepared" / "c.labels.json", tmp_path) == []
    # Logical text on a matplotlib that does not shape: isolated letters, left to right. Caught.
    problems = chart_labels.check_manifest(tmp_path / "logical" / "c.labels.json", tmp_path)
    assert len(problems) == 2 and all("unshaped rendering" in p.what for p in problems), [str(p) for p in problems]
