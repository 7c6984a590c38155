"""Compose output files: briefing pages, PDFs, the index and shared assets.

Everything is rendered to bytes first and written atomically (see `fsutil`), so an interrupted build
leaves the previous complete outputs in place.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import struct
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportgen import __version__, fonts, fsutil, outputs, pdf, render
from reportgen.charts import PNG_DPI, Chart
from reportgen.config import Config
from reportgen.model import Briefing
from reportgen.view import BriefingView

ASSETS = "assets"
THEME_ASSETS = ("style.css", "search.js")


@dataclass(slots=True)
class PageSet:
    """What one briefing produced, ready to write: relative output path → bytes."""

    slug: str
    files: dict[str, bytes] = field(default_factory=dict)
    summary: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    pdf_html: str | None = None  # with `render_briefing(defer_pdf=True)`: what the PDF is to be made from
    pdf_attachments: tuple[tuple[str, bytes], ...] = ()  # the data files the PDF carries


def fonts_css(config: Config, url_for: Any) -> str:
    """@font-face rules for the configured bundled families, and the rules that use them."""
    rules = []
    for family in dict.fromkeys((config.font_body, config.font_heading)):
        for face in fonts.faces(family):
            rules.append(
                f'@font-face {{ font-family: "{family}"; src: url("{url_for(face)}") format("truetype"); '
                f"font-weight: {face.weight}; font-style: normal; font-display: swap; }}"
            )
    # Only bundled families are named: a missing glyph must show up in `reportgen check`, not be
    # silently drawn from whatever fonts the machine has.
    # Page margin boxes (running header, page numbers) inherit from @page, not from body.
    rules.append(f'@page {{ font-family: "{config.font_body}"; }}')
    rules.append(f'body {{ font-family: "{config.font_body}"; }}')
    rules.append(f'h1, h2, h3, .card-value, .site-title {{ font-family: "{config.font_heading}"; }}')
    return "\n".join(rules) + "\n"


def site_context(config: Config) -> dict[str, Any]:
    return {"site": {"title": config.title, "digits": config.digits}, "version": __version__}


def chart_context(
    chart: Chart | None, src: str, heads: tuple[str, ...] | None = None, rows: list[list[str]] | None = None
) -> dict[str, Any] | None:
    """What `_macros.chart_figure` shows: the image, its alt text, and its data as a table (bars by default)."""
    if chart is None:
        return None
    width, height = _css_size(chart)
    if heads is None:
        heads = ("الاسم", "عدد مرات الذكر") if chart.name == "mentions" else ("الفئة", "القيمة")
    if rows is None:
        rows = [[bar.label, bar.shown] for bar in chart.bars]
    return {
        "name": chart.name,
        "title": chart.title,
        "alt": chart.alt,
        "src": src,
        "width": width,
        "height": height,
        "heads": heads,
        "rows": rows,
    }


def chart_files(slug: str, chart: Chart) -> dict[str, bytes]:
    """A chart's SVG (shown), its PNG rendering (fallback image) and the label manifest `reportgen check` reads."""
    return {
        f"{slug}/{chart.name}.svg": chart.svg,
        f"{slug}/{chart.png_name}": chart.png,
        f"{slug}/{chart.name}.labels.json": chart.manifest(),
    }


def _css_size(chart: Chart) -> tuple[int, int]:
    """The chart's size in CSS pixels, read from its PNG header (IHDR width and height)."""
    width, height = struct.unpack(">II", chart.png[16:24])
    return round(width * 96 / PNG_DPI), round(height * 96 / PNG_DPI)


def briefing_html(
    env: Any, config: Config, view: BriefingView, chart: Chart | None, mentions: Chart | None = None
) -> bytes:
    root = "../"
    context = {
        **site_context(config),
        "page": {"title": view.title, "lang": "ar", "root": root, "pdf": False, "description": view.lead[:200]},
        "asset": lambda name: f"{root}{ASSETS}/{name}",
        "b": view,
        "chart": chart_context(chart, f"{chart.name}.svg" if chart else ""),
        "mentions": chart_context(mentions, f"{mentions.name}.svg" if mentions else ""),
        "pdf_href": f"{root}{view.slug}.pdf" if "pdf" in config.formats else None,
        "exports": {"json": "figures.json", "csv": "figures.csv"} if view.cards else None,
    }
    return render.render(env, "briefing.html", context).encode("utf-8")


def pdf_roots(config: Config) -> tuple[Path, ...]:
    """The only directories WeasyPrint may read: the theme's and the bundled font packages'."""
    return (*render.theme_dirs(config), *fonts.font_dirs((config.font_body, config.font_heading)))


def _pdf_asset(config: Config, name: str) -> str:
    """An asset as WeasyPrint fetches it: a file of the theme, or fonts.css inline naming the font files."""
    if name == "fonts.css":
        css = fonts_css(config, lambda face: face.path.resolve().as_uri())
        return "data:text/css;base64," + base64.b64encode(css.encode()).decode()
    return render.find_asset(config, name).resolve().as_uri()


def briefing_pdf_html(
    env: Any, config: Config, view: BriefingView, chart: Chart | None, mentions: Chart | None = None
) -> str:
    """The same briefing template, with assets addressed as files of the theme and fonts packages."""

    def data_uri(c: Chart | None) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(c.svg).decode() if c is not None else ""

    context = {
        **site_context(config),
        "page": {"title": view.title, "lang": "ar", "root": "", "pdf": True, "description": view.lead[:200]},
        "asset": lambda name: _pdf_asset(config, name),
        "b": view,
        "chart": chart_context(chart, data_uri(chart)),
        "mentions": chart_context(mentions, data_uri(mentions)),
        "pdf_href": None,
        "exports": None,
    }
    return render.render(env, "briefing.html", context)


def pdf_attachments(view: BriefingView, records: list[dict[str, Any]]) -> tuple[tuple[str, bytes], ...]:
    """The figures a PDF carries as data files, so an archive keeps them with the briefing."""
    if not records:
        return ()
    return (("figures.json", figures_json(view, records)), ("figures.csv", figures_csv(records)))


def briefing_pdf(
    env: Any,
    config: Config,
    view: BriefingView,
    chart: Chart | None,
    mentions: Chart | None = None,
    attachments: tuple[tuple[str, bytes], ...] = (),
) -> tuple[bytes, list[str]]:
    """The briefing's PDF, and the problems WeasyPrint met making it."""
    html = briefing_pdf_html(env, config, view, chart, mentions)
    return pdf.render_pdf(html, config.root, pdf_roots(config), attachments=attachments)


def warm_up_pdf(config: Config) -> None:
    """Typeset a small page in the configured fonts and stylesheets, so the first briefing does not pay for it.

    It loads WeasyPrint, Pango and the bundled font files into this process's reused font configuration
    (see `pdf.font_configuration`); the PDF it makes is thrown away.
    """
    links = "".join(f'<link rel="stylesheet" href="{_pdf_asset(config, n)}">' for n in ("fonts.css", "style.css"))
    html = (
        f'<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">{links}</head>'
        "<body><h1>موجز ١٢٣</h1><p>تجربة <b>الخط</b> 123</p></body></html>"
    )
    pdf.render_pdf(html, config.root, pdf_roots(config))


EXPORT_FIELDS = (
    "id",
    "category",
    "label",
    "value",
    "unit",
    "shown",
    "qualifier",
    "low",
    "high",
    "text",
    "sentence",
    "start",
    "end",
    "link",
    "review",
)


def figure_records(view: BriefingView, briefing: Briefing | None) -> list[dict[str, Any]]:
    """One record per key figure: what the page shows, the raw value and unit, and where it came from."""
    figures = briefing.extraction.figures if briefing is not None else ()
    out = []
    for i, card in enumerate(view.cards):
        fig = figures[i] if i < len(figures) else None
        out.append(
            {
                "id": card.id,
                "category": card.category,
                "label": card.label,
                "value": fig.value if fig is not None else None,
                "unit": fig.unit if fig is not None else None,
                "shown": card.shown,
                "qualifier": card.qualifier,
                "low": fig.low if fig is not None else None,
                "high": fig.high if fig is not None else None,
                "text": card.text,
                "sentence": card.sentence,
                "start": fig.start if fig is not None else None,
                "end": fig.end if fig is not None else None,
                "link": f"index.html#fig-{card.id}",
                "review": card.review,
            }
        )
        if fig is not None and fig.machine is not None:  # a corrected figure: the engine's reading, for audit
            out[-1]["machine"] = dict(fig.machine)
    return out


def figures_json(view: BriefingView, records: list[dict[str, Any]]) -> bytes:
    data = {"slug": view.slug, "title": view.title, "date": view.date, "source": view.source_file, "figures": records}
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def figures_csv(records: list[dict[str, Any]]) -> bytes:
    """UTF-8 with a byte-order mark (spreadsheet programs need it to read Arabic), CRLF rows as RFC 4180 says."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=EXPORT_FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for rec in records:
        writer.writerow({k: "" if rec[k] is None else rec[k] for k in EXPORT_FIELDS})
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def render_briefing(
    env: Any,
    config: Config,
    view: BriefingView,
    chart: Chart | None,
    mentions: Chart | None = None,
    briefing: Briefing | None = None,
    timings: dict[str, float] | None = None,
    defer_pdf: bool = False,
) -> PageSet:
    """A briefing's files (HTML page, chart files, exports, PDF). `timings` gets html/pdf seconds added.

    With `defer_pdf`, the PDF is left out and the HTML to typeset it from is in `pdf_html`.
    """
    pages = PageSet(view.slug)
    start = time.perf_counter()
    records = figure_records(view, briefing)
    if "html" in config.formats:
        pages.files[f"{view.slug}/index.html"] = briefing_html(env, config, view, chart, mentions)
        for c in (chart, mentions):
            if c is not None:
                pages.files.update(chart_files(view.slug, c))
        pages.files[f"{view.slug}/figures.json"] = figures_json(view, records)
        pages.files[f"{view.slug}/figures.csv"] = figures_csv(records)
    middle = time.perf_counter()
    if "pdf" in config.formats:
        pages.pdf_attachments = pdf_attachments(view, records)
        if defer_pdf:
            pages.pdf_html = briefing_pdf_html(env, config, view, chart, mentions)
        else:
            data, refused = briefing_pdf(env, config, view, chart, mentions, pages.pdf_attachments)
            pages.files[f"{view.slug}.pdf"] = data
            pages.problems = refused
    for name in config.formats:
        if name in outputs.registered():
            fmt = outputs.get(name)
            pages.files[fmt.path(view.slug)] = fmt.render(view, records, config)
    if timings is not None:
        end = time.perf_counter()
        timings["html"] = timings.get("html", 0.0) + middle - start
        timings["pdf"] = timings.get("pdf", 0.0) + end - middle
    pages.summary = {
        "slug": view.slug,
        "title": view.title,
        "date": view.date,
        "date_shown": view.date_shown,
        "source_name": view.source_name,
        "href": f"{view.slug}/index.html" if "html" in config.formats else f"{view.slug}.pdf",
        "pdf_href": f"{view.slug}.pdf" if "pdf" in config.formats else None,
        "top": [{"shown": c.shown, "label": c.label} for c in view.cards[:4]],
        "lead": view.lead,
        "url": view.url,
        "places": [p.name for p in view.places],
        "categories": sorted({c.category for c in view.cards if c.category}),
        "figures": [
            {k: r[k] for k in ("id", "category", "label", "value", "unit", "shown", "text", "review")} for r in records
        ],
        "text": briefing.article.body.text if briefing is not None else view.lead,
    }
    return pages


def index_html(env: Any, config: Config, summaries: list[dict[str, Any]], extra: dict[str, Any] | None = None) -> bytes:
    ordered = sorted(summaries, key=lambda s: (s["date"] or "", s["slug"]), reverse=True)
    context = {
        **site_context(config),
        "page": {"title": config.title, "lang": "ar", "root": "", "pdf": False, "description": config.title},
        "asset": lambda name: f"{ASSETS}/{name}",
        "briefings": ordered,
        **(extra or {}),
    }
    return render.render(env, "index.html", context).encode("utf-8")


def asset_files(config: Config) -> dict[str, bytes]:
    """Shared assets, copied once for the whole site: theme CSS, fonts.css and the font files."""
    files: dict[str, bytes] = {}
    for name in THEME_ASSETS:
        files[f"{ASSETS}/{name}"] = render.find_asset(config, name).read_bytes()
    seen = set()
    for family in (config.font_body, config.font_heading):
        for face in fonts.faces(family):
            if face.path not in seen:
                seen.add(face.path)
                files[f"{ASSETS}/fonts/{face.filename}"] = face.path.read_bytes()
    files[f"{ASSETS}/fonts.css"] = fonts_css(config, lambda face: f"fonts/{face.filename}").encode()
    return files


def write_all(out: Path, files: dict[str, bytes]) -> list[str]:
    """Write files under `out`; returns the paths whose content changed."""
    changed = []
    for rel, data in sorted(files.items()):
        if fsutil.write_bytes(out / rel, data):
            changed.append(rel)
    return changed
