"""A PDF's blocks run right to left: items of a list laid out in a row (the key-figure cards), and table columns.

WeasyPrint ignores `direction` in some layouts (CSS grid places cards left to right), and a page can look
tidy while an Arabic reader meets the cards, or a table's columns, in reverse order. The PDF is tagged, so
its structure tree says which text belongs to which list item and table cell; pdfium gives each marked
text object's position. Two neighbouring items of one list that sit side by side (their boxes overlap
vertically) must have the first on the right; in each table row, every cell must be to the left of the one
before it. Lists stacked vertically and untagged PDFs have nothing to compare and pass.
"""

from __future__ import annotations

import ctypes
from collections.abc import Container, Iterator
from dataclasses import dataclass
from pathlib import Path

from reportgen.check import Check, register
from reportgen.check.problem import Problem, rel, select_files
from reportgen.config import Config

NAME = "pdf-layout"
# Points: how far a later item's centre may sit to the right of the earlier one's before it counts as LTR
# (kerning and rounding move centres by fractions of a point; a reversed row moves them by a card width).
TOLERANCE = 2.0

Box = tuple[float, float, float, float]  # left, bottom, right, top (PDF points, origin bottom-left)


@dataclass(frozen=True, slots=True)
class Block:
    """One list item or table cell on a page: where its text is, and what it says."""

    box: Box
    text: str

    @property
    def centre(self) -> float:
        return (self.box[0] + self.box[2]) / 2


@dataclass(frozen=True, slots=True)
class Group:
    """The children of one list (`L`) or table row (`TR`) on one page, in reading (structure) order."""

    kind: str  # "list" or "row"
    items: tuple[Block, ...]


def _union(boxes: list[Box]) -> Box:
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def side_by_side(a: Box, b: Box) -> bool:
    """The boxes share a line: they overlap vertically by at least half the lower one's height."""
    overlap = min(a[3], b[3]) - max(a[1], b[1])
    return overlap > 0.5 * min(a[3] - a[1], b[3] - b[1])


def reversed_pairs(group: Group) -> list[tuple[Block, Block]]:
    """Neighbours that run left to right: on one line, the later one's centre to the right of the earlier one's."""
    out = []
    for a, b in zip(group.items, group.items[1:], strict=False):
        same_line = group.kind == "row" or side_by_side(a.box, b.box)
        if same_line and b.centre > a.centre + TOLERANCE:
            out.append((a, b))
    return out


def _struct_type(raw, element) -> str:  # type: ignore[no-untyped-def]
    size = raw.FPDF_StructElement_GetType(element, None, 0)
    if size <= 0:
        return ""
    buf = ctypes.create_string_buffer(size)
    raw.FPDF_StructElement_GetType(element, buf, size)
    return buf.raw.decode("utf-16-le").rstrip("\x00")


def _children(raw, element) -> Iterator[object]:  # type: ignore[no-untyped-def]
    for k in range(raw.FPDF_StructElement_CountChildren(element)):
        child = raw.FPDF_StructElement_GetChildAtIndex(element, k)
        if child:
            yield child


def _mcids(raw, element) -> list[int]:  # type: ignore[no-untyped-def]
    """The marked-content ids of an element and all its descendants, in order."""
    own = max(raw.FPDF_StructElement_GetMarkedContentIdCount(element), 0)
    out = [m for m in (raw.FPDF_StructElement_GetMarkedContentIdAtIndex(element, k) for k in range(own)) if m >= 0]
    for child in _children(raw, element):
        out += _mcids(raw, child)
    return out


def _text_boxes(raw, page) -> dict[int, list[Box]]:  # type: ignore[no-untyped-def]
    """Marked-content id → the boxes of the page's text objects carrying it."""
    boxes: dict[int, list[Box]] = {}
    for i in range(raw.FPDFPage_CountObjects(page)):
        obj = raw.FPDFPage_GetObject(page, i)
        if raw.FPDFPageObj_GetType(obj) != raw.FPDF_PAGEOBJ_TEXT:
            continue
        mcid = raw.FPDFPageObj_GetMarkedContentID(obj)
        if mcid < 0:
            continue
        left, bottom, right, top = (ctypes.c_float() for _ in range(4))
        if raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            boxes.setdefault(mcid, []).append((left.value, bottom.value, right.value, top.value))
    return boxes


def page_groups(page) -> list[Group]:  # type: ignore[no-untyped-def]
    """The lists and table rows of one pdfium page, each child with the box and text of its marked content."""
    import pypdfium2.raw as raw

    boxes = _text_boxes(raw, page.raw)
    textpage = page.get_textpage()
    groups: list[Group] = []

    def block(element) -> Block | None:  # type: ignore[no-untyped-def]
        mine = [b for m in _mcids(raw, element) for b in boxes.get(m, ())]
        if not mine:
            return None
        first = mine[0]
        return Block(_union(mine), textpage.get_text_bounded(*first).strip())

    def walk(element) -> None:  # type: ignore[no-untyped-def]
        kind = _struct_type(raw, element)
        if kind in ("L", "TR"):
            # A list's items may be wrapped (WeasyPrint puts a row of flex items in a Div).
            kids = list(_children(raw, element))
            items = [k for k in kids if _struct_type(raw, k) in ("LI", "TH", "TD")]
            if kind == "L" and not items:
                items = [g for k in kids for g in _children(raw, k) if _struct_type(raw, g) == "LI"]
            found = [b for b in (block(k) for k in items) if b is not None]
            if len(found) >= 2:
                groups.append(Group("list" if kind == "L" else "row", tuple(found)))
        for child in _children(raw, element):
            walk(child)

    tree = raw.FPDF_StructTree_GetForPage(page.raw)
    try:
        for k in range(raw.FPDF_StructTree_CountChildren(tree)):
            child = raw.FPDF_StructTree_GetChildAtIndex(tree, k)
            if child:
                walk(child)
    finally:
        raw.FPDF_StructTree_Close(tree)
        textpage.close()
    return groups


def _sample(text: str) -> str:
    return text if len(text) <= 30 else text[:30] + "…"


def check_pdf(path: Path, root: Path) -> list[Problem]:
    import pypdfium2 as pdfium

    name = rel(path, root)
    problems = []
    try:
        doc = pdfium.PdfDocument(path)
    except Exception as exc:  # pdfium raises PdfiumError and OSError subclasses on a damaged file
        return [Problem(name, "", f"cannot read the PDF ({type(exc).__name__}: {exc})", "rebuild it", NAME)]
    try:
        for number in range(1, len(doc) + 1):
            page = doc[number - 1]
            try:
                groups = page_groups(page)
            finally:
                page.close()
            lists = rows = 0
            for group in groups:
                bad = reversed_pairs(group)
                if not bad:
                    continue
                a, b = bad[0]
                detail = f"«{_sample(a.text)}» at x={a.centre:.0f} comes before «{_sample(b.text)}» at x={b.centre:.0f}"
                if group.kind == "list":
                    lists += 1
                    if lists > 1:
                        continue
                    what = f"items of a list laid out in a row (key-figure cards) run left to right: {detail}"
                    fix = "lay the row out with flex and direction: rtl (WeasyPrint's grid ignores direction)"
                else:
                    rows += 1
                    if rows > 1:
                        continue
                    what = f"table columns run left to right: {detail}"
                    fix = "give the table direction: rtl so its first column is on the right"
                problems.append(Problem(name, f"page {number}", what, fix, NAME))
    finally:
        doc.close()
    return problems


def check(
    out_dir: Path, config: Config, only: Container[str] | None = None, pending: Container[str] = ()
) -> list[Problem]:
    return [p for path in select_files(out_dir, "*.pdf", only) for p in check_pdf(path, out_dir)]


register(
    Check(
        NAME,
        check,
        article=True,
        describe="in a PDF, cards laid out in a row and table columns run right to left",
    )
)
