"""`reportgen check` rule pdf-layout: cards and table columns in the PDF run right to left, by text positions."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from projects import make_project

from reportgen import config as configmod
from reportgen.build import build
from reportgen.check import pdf_layout, run_checks
from reportgen.check.pdf_layout import Block, Group, reversed_pairs
from reportgen.present import render

# What the PDF looked like before: WeasyPrint's grid places the cards left to right whatever the direction,
# and a table told to run left to right puts its first column on the left.
LTR_PRINT = """
@media print {
  .cards { display: grid; grid-template-columns: repeat(3, 1fr); gap: 0.8rem; }
  .card { width: auto; margin: 0; }
  .sr-table table { direction: ltr; }
}
"""


def _groups(pdf: Path) -> list[tuple[int, Group]]:
    doc = pdfium.PdfDocument(pdf)
    try:
        return [(i + 1, g) for i in range(len(doc)) for g in pdf_layout.page_groups(doc[i])]
    finally:
        doc.close()


def test_the_real_pdf_passes_and_has_rows_to_compare(built, built_sample: Path) -> None:
    cfg, _ = built
    (pdf,) = built_sample.glob("*.pdf")
    assert run_checks(built_sample, cfg, kinds={"pdf-layout"}) == []
    groups = _groups(pdf)
    # Not vacuous: the first page has a row of cards side by side, and the chart's data table has rows.
    cards = [g for page, g in groups if page == 1 and g.kind == "list" and len(g.items) >= 3]
    assert cards and pdf_layout.side_by_side(cards[0].items[0].box, cards[0].items[1].box)
    assert cards[0].items[0].centre > cards[0].items[1].centre > cards[0].items[2].centre
    rows = [g for _, g in groups if g.kind == "row"]
    assert len(rows) >= 3
    assert all(g.items[0].centre > g.items[-1].centre for g in rows)


def test_a_left_to_right_pdf_fails(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", config="formats: [pdf]\n")
    (project / "templates" / "assets").mkdir(parents=True)
    css = render.find_asset(configmod.load(project), "style.css").read_text(encoding="utf-8")
    (project / "templates" / "assets" / "style.css").write_text(css + LTR_PRINT, encoding="utf-8")
    cfg = configmod.load(project)
    result = build(cfg)
    found = [p for p in result.problems if "[pdf-layout]" in p]
    assert result.exit_code == 1
    assert any("key-figure cards" in p and "run left to right" in p and "page 1" in p for p in found), found
    assert any("table columns run left to right" in p for p in found), found
    # The same verdict from `reportgen check` on the finished output.
    kinds = {p.what.split(":")[0] for p in run_checks(cfg.output_dir, cfg, kinds={"pdf-layout"})}
    assert kinds == {
        "items of a list laid out in a row (key-figure cards) run left to right",
        "table columns run left to right",
    }


def _block(left: float, bottom: float, width: float = 100, height: float = 40) -> Block:
    return Block((left, bottom, left + width, bottom + height), "")


def test_only_neighbours_on_one_line_are_compared() -> None:
    rtl_row = Group("list", (_block(400, 600), _block(250, 600), _block(100, 600), _block(400, 500)))
    assert reversed_pairs(rtl_row) == []  # the fourth item starts the next row on the right
    ltr_row = Group("list", (_block(100, 600), _block(250, 602)))
    assert len(reversed_pairs(ltr_row)) == 1
    stacked = Group("list", (_block(100, 600), _block(300, 500), _block(100, 400)))
    assert reversed_pairs(stacked) == []
    cells = Group("row", (_block(100, 600, height=10), _block(300, 600, height=10)))
    assert len(reversed_pairs(cells)) == 1
