"""The figure records every export shares: figures.json and figures.csv, the PDF's attachments, DOCX.

One record per key figure: what the page shows, the raw value and unit, and where it came from.
"""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Any

from reportgen.model import Briefing

if TYPE_CHECKING:
    from reportgen.present.view import BriefingView

# The CSV's columns: the shared figure schema (model.Figure.to_dict, also `reportgen extract --format jsonl`)
# between what the page shows (id, label, shown) and where it shows it (link).
EXPORT_FIELDS = (
    "id",
    "label",
    "shown",
    "value",
    "low",
    "high",
    "unit",
    "noun",
    "category",
    "qualifier",
    "text",
    "start",
    "end",
    "sentence",
    "rule",
    "review",
    "link",
)


def figure_records(view: BriefingView, briefing: Briefing | None) -> list[dict[str, Any]]:
    """One record per key figure: the figure in the shared schema, plus what the page shows and where.

    Cards are made one per figure, in order (present.view), so card i is figure i. Without the briefing
    (a view made by hand), the record has what the card knows and nulls for the rest.
    """
    figures = briefing.extraction.figures if briefing is not None else ()
    out = []
    for i, card in enumerate(view.cards):
        if i < len(figures):
            schema = figures[i].to_dict()  # with `machine: {...}` for a corrected figure, for audit
        else:
            known = {"text": card.text, "category": card.category, "qualifier": card.qualifier, "review": card.review}
            schema = {k: known.get(k) for k in EXPORT_FIELDS if k not in ("id", "label", "shown", "link")}
        out.append(
            {
                "id": card.id,
                "label": card.label,
                "shown": card.shown,
                **schema,
                "link": f"index.html#{card.anchor or 'fig-' + card.id}",
            }
        )
    return out


def figures_json(view: BriefingView, records: list[dict[str, Any]]) -> bytes:
    data = {
        "slug": view.slug,
        "title": view.title,
        "date": view.date,
        "source": view.source_file,
        "figures": records,
        # Times are not key figures («منذ أسبوعين»): exported beside them, resolved against the article date.
        "times": view.times,
        "hijri_dates": view.hijri_dates,
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def csv_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text: a string starting like a formula (= + - @, also after a tab
    or CR, or their full-width forms) gets a leading apostrophe, as OWASP advises. Numbers stay numbers."""
    if value is None:
        return ""
    if isinstance(value, str) and value.lstrip(" ").startswith(_FORMULA_START):
        return "'" + value
    return value


def figures_csv(records: list[dict[str, Any]]) -> bytes:
    """UTF-8 with a byte-order mark (spreadsheet programs need it to read Arabic), CRLF rows as RFC 4180 says."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=EXPORT_FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for rec in records:
        writer.writerow({k: csv_cell(rec[k]) for k in EXPORT_FIELDS})
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def attachments(view: BriefingView, records: list[dict[str, Any]]) -> tuple[tuple[str, bytes], ...]:
    """The figures a document carries as data files, so an archive keeps them with the briefing."""
    if not records:
        return ()
    return (("figures.json", figures_json(view, records)), ("figures.csv", figures_csv(records)))
