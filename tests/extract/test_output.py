"""`reportgen extract` body: the jsonl contract exactly, csv and table, stdin and bad files."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from reportgen.cli.extract import CSV_FIELDS, run

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = str(ROOT / "seeds" / "rutba-karbala-operation.txt")

FIGURE_KEYS = {
    "value": (int, float, type(None)),
    "low": (int, float, type(None)),
    "high": (int, float, type(None)),
    "qualifier": (str, type(None)),
    "sentence": (str,),
    "unit": (str, type(None)),
    "noun": (str, type(None)),
    "category": (str, type(None)),
    "text": (str,),
    "start": (int,),
    "end": (int,),
    "rule": (str,),
    # Who vouches for it: always "machine" here (an editor's corrections apply in the build, not in extract).
    "review": (str,),
}


TIME_KEYS = {"text", "start", "end", "amount", "unit", "duration", "relation", "value", "qualifier", "rule"}


class _Stdin(io.StringIO):
    def __init__(self, data: bytes) -> None:
        super().__init__()
        self.buffer = io.BytesIO(data)


def _check_record(rec: dict, source: str, text: str) -> None:
    assert list(rec) == ["source", "title", "figures", "numbers", "entities", "quotes", "dates", "times"]
    assert rec["source"] == source
    assert isinstance(rec["title"], str) and rec["title"]
    for f in rec["figures"]:
        assert set(f) == set(FIGURE_KEYS)
        assert f["review"] == "machine"
        for k, types in FIGURE_KEYS.items():
            assert isinstance(f[k], types), (k, f[k])
        assert text[f["start"] : f["end"]] == f["text"]
    for n in rec["numbers"]:
        assert set(n) == {"value", "text", "start", "end"}
        assert isinstance(n["value"], int | float) and text[n["start"] : n["end"]] == n["text"]
    for e in rec["entities"]:
        assert set(e) == {"type", "text", "start", "end"}
        assert e["type"] in ("place", "organization", "person")
        assert text[e["start"] : e["end"]] == e["text"]
    for q in rec["quotes"]:
        assert set(q) == {"speaker", "text", "start", "end"}
        assert isinstance(q["speaker"], str | None) and text[q["start"] : q["end"]] == q["text"]
    for t in rec["times"]:
        assert set(t) == TIME_KEYS
        assert text[t["start"] : t["end"]] == t["text"]
    for d in rec["dates"]:
        assert set(d) == {"text", "start", "end", "value", "kind", "rule", "hijri"}
        assert text[d["start"] : d["end"]] == d["text"]


def test_jsonl_contract_on_sample_and_stdin(cfg) -> None:  # type: ignore[no-untyped-def]
    text = Path(SAMPLE).read_text(encoding="utf-8")
    stdin_text = "---\ndate: 2017-11-18\n---\nعنوان\nقتل 5 أشخاص أمس في الرمادي.\n"
    out, err = io.StringIO(), io.StringIO()
    code = run([SAMPLE, "-"], "jsonl", cfg, None, out, _Stdin(stdin_text.encode()), err)
    assert code == 0 and err.getvalue() == ""
    lines = out.getvalue().splitlines()
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    _check_record(first, SAMPLE, text)
    assert [(f["value"], f["unit"]) for f in first["figures"]] == [(15, None), (10, None), (40, None), (20000, "km2")]
    assert "معسكراً" in lines[0]  # ensure_ascii=False
    _check_record(second, "-", stdin_text)
    assert second["title"] == "عنوان"
    assert [f["value"] for f in second["figures"]] == [5]
    assert {"text": "أمس", "value": "2017-11-17", "kind": "relative"}.items() <= second["dates"][0].items()


def test_bad_file_is_reported_and_others_continue(cfg, tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.txt"
    bad.write_bytes("عنوان\nنص".encode() + b"\xff")  # mostly UTF-8, one bad byte: refused at it
    out, err = io.StringIO(), io.StringIO()
    code = run([str(bad), SAMPLE], "jsonl", cfg, None, out, io.StringIO(), err)
    assert code == 1
    assert err.getvalue().startswith(f"{bad}:2:3:")
    assert len(out.getvalue().splitlines()) == 1


def test_csv_one_row_per_figure(cfg) -> None:  # type: ignore[no-untyped-def]
    out = io.StringIO()
    assert run([SAMPLE], "csv", cfg, None, out, io.StringIO(), io.StringIO()) == 0
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == CSV_FIELDS
    assert [r[1] for r in rows[1:]] == ["15", "10", "40", "20000"]
    assert rows[4][2] == "km2" and "المساحة" in rows[4][-1]


def test_table_logical_and_visual(cfg) -> None:  # type: ignore[no-untyped-def]
    logical, visual = io.StringIO(), io.StringIO()
    run([SAMPLE], "table", cfg, False, logical, io.StringIO(), io.StringIO())
    run([SAMPLE], "table", cfg, True, visual, io.StringIO(), io.StringIO())
    assert "معسكرات مدمرة" in logical.getvalue()
    assert "معسكرات مدمرة" not in visual.getvalue()
    assert "20,000" in visual.getvalue()
