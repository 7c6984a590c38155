"""Right-to-left Word (DOCX) briefings, written with python-docx.

Word lays Arabic out right to left only when told so at every level: the section (`w:bidi`), each
paragraph (`w:bidi`), each run (`w:rtl`, complex-script font and language) and each table
(`w:bidiVisual`, so the first column is on the right). python-docx has no API for these, so we add the
elements to its XML. Text keeps its original Unicode (Word shapes it; never pre-reshape).

The file is made byte-identical across machines and clocks: core properties get fixed dates and the
zip entries a fixed timestamp and order.
"""

from __future__ import annotations

import contextlib
import io
import zipfile
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from reportgen.outputs import Format, Job, Rendered, register

if TYPE_CHECKING:
    from reportgen.present.view import BriefingView

# The zip format cannot store dates before 1980; every entry gets this one.
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def _plain(text: Any) -> str:
    # Paragraphs in the view are HTML (highlighted figures); Word gets their text.
    striptags = getattr(text, "striptags", None)
    return striptags() if striptags is not None else str(text)


def _rtl_run(run: Any, font: str, bold: bool = False) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rpr = run._r.get_or_add_rPr()
    fonts = OxmlElement("w:rFonts")
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), font)
    rpr.insert(0, fonts)
    if bold:
        rpr.append(OxmlElement("w:b"))
        rpr.append(OxmlElement("w:bCs"))
    rpr.append(OxmlElement("w:rtl"))
    lang = OxmlElement("w:lang")
    lang.set(qn("w:bidi"), "ar-SA")
    rpr.append(lang)


def _rtl_paragraph(paragraph: Any) -> None:
    from docx.oxml import OxmlElement

    ppr = paragraph._p.get_or_add_pPr()
    ppr.insert(0, OxmlElement("w:bidi"))


def _add(doc: Any, text: str, font: str, style: str | None = None, bold: bool = False) -> Any:
    paragraph = doc.add_paragraph(style=style)
    _rtl_paragraph(paragraph)
    _rtl_run(paragraph.add_run(text), font, bold)
    return paragraph


def _cell(cell: Any, text: str, font: str, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    _rtl_paragraph(paragraph)
    _rtl_run(paragraph.add_run(text), font, bold)


def _pinned_zip(data: bytes) -> bytes:
    """The same package with every entry's timestamp fixed, in the order python-docx wrote them."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


def render_briefing(job: Job) -> Rendered:
    return Rendered({FORMAT.path(job.view.slug): render(job.view, job.records, job.config, tuple(job.charts.values()))})


def render(view: BriefingView, records: list[dict[str, Any]], config: Any, charts: tuple[Any, ...] = ()) -> bytes:
    import docx
    from docx.oxml import OxmlElement
    from docx.shared import Cm

    font = config.font_body
    doc = docx.Document()
    section = doc.sections[0]
    section._sectPr.append(OxmlElement("w:bidi"))

    _add(doc, view.title, font, style="Title")
    meta = " · ".join(x for x in (view.date_shown, view.source_name) if x)
    if meta:
        _add(doc, meta, font)
    if view.url:
        _add(doc, view.url, font)

    if records:
        _add(doc, "الأرقام الرئيسية", font, style="Heading 1")
        table = doc.add_table(rows=1, cols=3)
        table.style = "Table Grid"
        table._tbl.tblPr.append(OxmlElement("w:bidiVisual"))
        for cell, head in zip(table.rows[0].cells, ("الرقم", "المعنى", "الجملة"), strict=True):
            _cell(cell, head, font, bold=True)
        marks = {card.id: card.review_label for card in view.cards}
        excerpts = {card.id: card.sentence for card in view.cards}  # as the page's card shows it
        for rec in records:
            row = table.add_row().cells
            _cell(row[0], rec["shown"], font, bold=True)
            mark = marks.get(rec["id"])  # a figure an editor checked says so, as on the page
            _cell(row[1], f"{rec['label']} ({mark})" if mark else rec["label"], font)
            _cell(row[2], excerpts.get(rec["id"], rec["sentence"]), font)

    for chart in charts:
        # The chart's PNG rendering (its labels are shaped by matplotlib), then its title as the caption
        # beneath it, as on the page. Word keeps the picture's paragraph right to left like the rest.
        doc.add_picture(io.BytesIO(chart.png), width=Cm(15))
        picture = doc.paragraphs[-1]
        _rtl_paragraph(picture)
        picture.paragraph_format.keep_with_next = True  # never a page break between chart and caption
        _add(doc, chart.title, font, style="Caption")

    if view.places:
        _add(doc, "الأماكن", font, style="Heading 1")
        for place in view.places:
            _add(doc, f"{place.name} ({place.count})", font, style="List Bullet")

    if view.quotes:
        _add(doc, "اقتباسات", font, style="Heading 1")
        for quote in view.quotes:
            speaker = f"{quote['speaker']}: " if quote.get("speaker") else ""
            _add(doc, f"{speaker}«{quote['text']}»", font)

    _add(doc, "النص", font, style="Heading 1")
    for paragraph in view.paragraphs:
        _add(doc, _plain(paragraph), font)

    props = doc.core_properties
    props.title = view.title
    props.language = "ar"
    props.author = view.source_name or ""
    props.revision = 1
    when = _EPOCH
    if view.date:
        with contextlib.suppress(ValueError):
            when = datetime.fromisoformat(view.date).replace(tzinfo=UTC)
    props.created = when
    props.modified = when
    props.last_printed = when
    buf = io.BytesIO()
    doc.save(buf)
    return _pinned_zip(buf.getvalue())


FORMAT = register(
    Format(
        name="docx",
        path=lambda slug: f"{slug}.docx",
        render=render_briefing,
        describe="Word, right to left",
        download="Word",
    )
)
