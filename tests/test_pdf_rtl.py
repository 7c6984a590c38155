"""Key-figure cards in the PDF run right to left: the first card of a row is the rightmost."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path


def test_first_row_of_cards_runs_right_to_left(built_sample: Path) -> None:
    (pdf_path,) = built_sample.glob("*.pdf")
    data = json.loads((built_sample / pdf_path.stem / "figures.json").read_text(encoding="utf-8"))
    figures = data["figures"] if isinstance(data, dict) else data
    xml = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf_path), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = [(float(x), float(y), w) for x, y, w in re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<', xml)]
    # A card's value is its first word in large type; the first occurrence of each value on page 1 is its card.
    firsts = []
    for fig in figures[:3]:
        head = fig["shown"].split()[0]
        hits = [(x, y) for x, y, w in words if w == head]
        assert hits, f"card value {head!r} not found on page 1"
        firsts.append(hits[0])
    row = [x for x, y in firsts if abs(y - firsts[0][1]) < 5]
    assert len(row) >= 2, "the first cards are not on one row"
    assert row == sorted(row, reverse=True), f"cards run left to right: x = {row}"


def test_readers_never_see_the_project_path_of_the_article(built_sample: Path) -> None:
    (pdf_path,) = built_sample.glob("*.pdf")
    page = (built_sample / pdf_path.stem / "index.html").read_text(encoding="utf-8")
    text = subprocess.run(["pdftotext", str(pdf_path), "-"], capture_output=True, text=True, check=True).stdout
    assert "seeds/" not in page
    assert "seeds/" not in text


def _words(pdf_path: Path) -> list[tuple[int, float, float, str]]:
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf_path), "-"], capture_output=True, text=True, check=True).stdout
    out = []
    for number, page in enumerate(xml.split("<page ")[1:], start=1):
        for x, y, w in re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<', page):
            # pdftotext writes Arabic words in visual order (reversed letters); compare them as written.
            out.append((number, float(x), float(y), w[::-1] if any("\u0600" <= c <= "\u06ff" for c in w) else w))
    return out


def test_chart_data_table_reads_right_to_left_under_its_chart(built_sample: Path) -> None:
    # The key-figures chart's data table: heads «الفئة | القيمة», first column on the right, and it follows
    # the chart's heading on the same page (heading, drawing, then the table as its caption).
    (pdf_path,) = built_sample.glob("*.pdf")
    words = _words(pdf_path)
    heading = next((p, y) for p, x, y, w in words if w == "حسب")  # «الأعداد حسب الفئة»
    head = [(p, x, y) for p, x, y, w in words if w in ("الفئة", "القيمة") and p == heading[0] and y > heading[1]]
    by_word = {w: (x, y) for p, x, y, w in words if p == heading[0] and y > heading[1] and w in ("الفئة", "القيمة")}
    assert len(head) >= 2, "the chart's data table is not printed under it"
    (cat_x, cat_y), (val_x, val_y) = by_word["الفئة"], by_word["القيمة"]
    assert abs(cat_y - val_y) < 3
    assert cat_x > val_x, f"table columns run left to right: الفئة at x={cat_x}, القيمة at x={val_x}"
