"""Compose output files: briefing pages, PDFs, the index and shared assets.

Everything is rendered to bytes first and written atomically (see `fsutil`), so an interrupted build
leaves the previous complete outputs in place.
"""

from __future__ import annotations

import base64
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportgen import __version__, fonts, fsutil, pdf, render
from reportgen.charts import PNG_DPI, Chart
from reportgen.config import Config
from reportgen.view import BriefingView

ASSETS = "assets"
THEME_ASSETS = ("style.css",)


@dataclass(slots=True)
class PageSet:
    """What one briefing produced, ready to write: relative output path → bytes."""

    slug: str
    files: dict[str, bytes] = field(default_factory=dict)
    summary: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


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


def _site_context(config: Config) -> dict[str, Any]:
    return {"site": {"title": config.title, "digits": config.digits}, "version": __version__}


_TABLE_HEADS = {"mentions": ("الاسم", "عدد مرات الذكر")}


def _chart_context(chart: Chart | None, src: str) -> dict[str, Any] | None:
    if chart is None:
        return None
    width, height = _css_size(chart)
    heads = _TABLE_HEADS.get(chart.name, ("الفئة", "القيمة"))
    return {
        "name": chart.name,
        "title": chart.title,
        "alt": chart.alt,
        "bars": chart.bars,
        "src": src,
        "width": width,
        "height": height,
        "heads": heads,
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
        **_site_context(config),
        "page": {"title": view.title, "lang": "ar", "root": root, "pdf": False, "description": view.lead[:200]},
        "asset": lambda name: f"{root}{ASSETS}/{name}",
        "b": view,
        "chart": _chart_context(chart, f"{chart.name}.svg" if chart else ""),
        "mentions": _chart_context(mentions, f"{mentions.name}.svg" if mentions else ""),
        "pdf_href": f"{root}{view.slug}.pdf" if "pdf" in config.formats else None,
    }
    return render.render(env, "briefing.html", context).encode("utf-8")


def briefing_pdf(
    env: Any, config: Config, view: BriefingView, chart: Chart | None, mentions: Chart | None = None
) -> tuple[bytes, list[str]]:
    """The same briefing template, with assets addressed as files of the theme and fonts packages."""
    theme_dirs = tuple(render.theme_dirs(config))
    font_dirs = fonts.font_dirs((config.font_body, config.font_heading))

    def asset(name: str) -> str:
        if name == "fonts.css":
            return (
                "data:text/css;base64,"
                + base64.b64encode(fonts_css(config, lambda face: face.path.resolve().as_uri()).encode()).decode()
            )
        return render.find_asset(config, name).resolve().as_uri()

    def data_uri(c: Chart | None) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(c.svg).decode() if c is not None else ""

    context = {
        **_site_context(config),
        "page": {"title": view.title, "lang": "ar", "root": "", "pdf": True, "description": view.lead[:200]},
        "asset": asset,
        "b": view,
        "chart": _chart_context(chart, data_uri(chart)),
        "mentions": _chart_context(mentions, data_uri(mentions)),
        "pdf_href": None,
    }
    html = render.render(env, "briefing.html", context)
    return pdf.render_pdf(html, config.root, roots=(*theme_dirs, *font_dirs), title=view.title)


def render_briefing(
    env: Any, config: Config, view: BriefingView, chart: Chart | None, mentions: Chart | None = None
) -> PageSet:
    pages = PageSet(view.slug)
    if "html" in config.formats:
        pages.files[f"{view.slug}/index.html"] = briefing_html(env, config, view, chart, mentions)
    for c in (chart, mentions):
        if c is not None:
            pages.files.update(chart_files(view.slug, c))
    if "pdf" in config.formats:
        data, refused = briefing_pdf(env, config, view, chart, mentions)
        pages.files[f"{view.slug}.pdf"] = data
        pages.problems = refused
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
    }
    return pages


def index_html(env: Any, config: Config, summaries: list[dict[str, Any]]) -> bytes:
    ordered = sorted(summaries, key=lambda s: (s["date"] or "", s["slug"]), reverse=True)
    context = {
        **_site_context(config),
        "page": {"title": config.title, "lang": "ar", "root": "", "pdf": False, "description": config.title},
        "asset": lambda name: f"{ASSETS}/{name}",
        "briefings": ordered,
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
