"""Every export of a figure speaks the one figure schema, and no CSV cell can run as a spreadsheet formula."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from projects import make_project, run_cli

from reportgen import config as configmod
from reportgen.build import build

ARTICLE = """---
title: "=HYPERLINK(\\"http://example.invalid\\",\\"x\\")"
date: 2026-01-02
---
قتل 12 شخصا في قصف على الموصل، وأصيب 30 آخرون.
وقالت الوزارة إن أكثر من 200 عائلة نزحت من المدينة.
"""


def _site(tmp_path: Path) -> Path:
    project = make_project(tmp_path / "p", seeds={"x.txt": ARTICLE}, config="formats: [html]\n")
    assert build(configmod.load(project), jobs=1).exit_code == 0
    return project


def test_figures_json_records_carry_the_extract_contract(tmp_path: Path) -> None:
    project = _site(tmp_path)
    records = json.loads((project / "reports" / "x" / "figures.json").read_text(encoding="utf-8"))["figures"]
    done = run_cli("extract", "--format", "jsonl", str(project / "seeds" / "x.txt"), cwd=project)
    assert done.returncode == 0, done.stderr
    contract = json.loads(done.stdout.splitlines()[0])["figures"]
    assert len(records) == len(contract) >= 3
    for record, figure in zip(records, contract, strict=True):
        # The same keys with the same values: one schema, not a second record type beside it.
        assert {k: record[k] for k in figure} == figure
        assert {"id", "label", "shown", "link"} <= set(record)


def test_no_csv_cell_starts_like_a_formula(tmp_path: Path) -> None:
    project = _site(tmp_path)
    out = project / "reports"
    tables = [out / "x" / "figures.csv", out / "figures" / "figures.csv"]
    assert all(t.is_file() for t in tables)
    for table in tables:
        rows = list(csv.reader(io.StringIO(table.read_text(encoding="utf-8-sig"))))
        assert len(rows) > 1, table
        cells = [c for row in rows for c in row]
        assert not [c for c in cells if c[:1] in ("=", "+", "@")], table
    titles = [c for c in csv.reader(io.StringIO((out / "figures" / "figures.csv").read_text(encoding="utf-8-sig")))]
    assert any(c.startswith("'=HYPERLINK") for row in titles for c in row)  # the title, kept as text
