from __future__ import annotations

import dataclasses

from reportgen.check import chart_labels
from reportgen.present import charts


def test_line_chart_two_series_rtl(cfg, tmp_path):  # type: ignore[no-untyped-def]
    cfg = dataclasses.replace(cfg, digits="arabic-indic")
    series = {
        "قتلى": [("2017-11-03", 12), ("2017-11-05", 30), ("2017-11-04", 18)],
        "قرى محررة": [("2017-11-03", 5), ("2017-11-05", 40)],
    }
    chart = charts.line_chart("over-time", "الأرقام عبر الزمن", series, cfg)
    (tmp_path / "over-time.png").write_bytes(chart.png)
    (tmp_path / "over-time.labels.json").write_bytes(chart.manifest())
    texts = [lb.text for lb in chart.labels]
    # Legend entries and Arabic-Indic tick labels are all recorded and pass the pixel check.
    assert "قتلى" in texts and "قرى محررة" in texts
    assert "٢٠١٧/١١/٠٣" in texts and "٢٠١٧/١١/٠٥" in texts
    assert not any(c.isascii() and c.isdigit() for t in texts for c in t)
    assert chart_labels.check_manifest(tmp_path / "over-time.labels.json", tmp_path) == []
    # Time runs right to left: the earliest date's tick is right of the latest one's.
    box = {lb.text: lb.box for lb in chart.labels}
    assert box["٢٠١٧/١١/٠٣"][0] > box["٢٠١٧/١١/٠٥"][0]
    # The legend is at the right, above the plot (inside it, it covered lines): each entry ends above the top
    # value tick's middle, the axes' top edge. The data table has one row per point.
    dates = [b for t, b in box.items() if t.startswith("٢٠١٧")]
    ticks = [b for t, b in box.items() if t not in ("قتلى", "قرى محررة") and b not in dates and t != chart.title]
    top_tick = min(ticks, key=lambda b: b[1])
    for entry in ("قتلى", "قرى محررة"):
        assert box[entry][3] < (top_tick[1] + top_tick[3]) / 2, (box[entry], top_tick)
        assert box[entry][2] > max(b[2] for b in dates)  # right of every date label: right-aligned
    assert len(chart.bars) == 5 and chart.bars[0].label == "قتلى — ٢٠١٧/١١/٠٣"
    assert chart.alt.startswith("الأرقام عبر الزمن: قتلى: ٢٠١٧/١١/٠٣ ١٢")
