"""The site stage: a briefing's files in every selected format, the index and the shared assets.

Everything is rendered to bytes first and written atomically (see `fsutil`), so an interrupted build
leaves the previous complete outputs in place. Which files a briefing gets is the business of the
formats registered in `reportgen.outputs`; this module never tests a format's name.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportgen import fsutil, outputs
from reportgen.config import Config
from reportgen.model import Briefing
from reportgen.present import display, exports, fonts, render
from reportgen.present.charts import Chart
from reportgen.present.page import ASSETS, fonts_css, site_context
from reportgen.present.view import BriefingView
from reportgen.site import figures_page

THEME_ASSETS = ("style.css", "search.js")


@dataclass(slots=True)
class PageSet:
    """What one briefing produced, ready to write: relative output path → bytes."""

    slug: str
    files: dict[str, bytes] = field(default_factory=dict)
    summary: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    # With `render_briefing(defer=True)`: what formats left for the typesetter process (outputs.pdf.Deferred).
    deferred: list[Any] = field(default_factory=list)


def render_briefing(
    env: Any,
    config: Config,
    view: BriefingView,
    charts: Mapping[str, Chart],
    briefing: Briefing | None = None,
    timings: dict[str, float] | None = None,
    defer: bool = False,
) -> PageSet:
    """A briefing's files in every selected format. `timings` gets each format's seconds added.

    With `defer`, a format that can be typeset in another process leaves its request in `deferred`.
    """
    pages = PageSet(view.slug)
    job = outputs.Job(env, config, view, exports.figure_records(view, briefing), charts, defer)
    for fmt in outputs.selected(config):
        if fmt.warm_up is not None and not (defer and fmt.typeset):
            start = time.perf_counter()
            fmt.warm_up()
            if timings is not None:
                timings["import"] = timings.get("import", 0.0) + time.perf_counter() - start
        start = time.perf_counter()
        made = fmt.render(job)
        pages.files.update(made.files)
        pages.problems.extend(made.problems)
        if made.deferred is not None:
            pages.deferred.append(made.deferred)
        if timings is not None:
            timings[fmt.name] = timings.get(fmt.name, 0.0) + time.perf_counter() - start
    links = outputs.links(config, view.slug)
    records = job.records
    page_rel = outputs.page_link(config, view.slug)
    page = pages.files.get(page_rel)  # the figures page links into it: only to ids it really has
    pages.summary = {
        "slug": view.slug,
        "title": view.title,
        "date": view.date,
        "date_shown": view.date_shown,
        "source_name": view.source_name,
        "href": page_rel,
        "pdf_href": links.get("pdf"),
        "top": [
            {"shown": c.shown, "label": c.label, "after": display.label_after(c.shown, c.label)} for c in view.cards[:4]
        ],
        "lead": view.lead,
        "url": view.url,
        "places": [p.name for p in view.places],
        "categories": sorted({c.category for c in view.cards if c.category}),
        "figures": figures_page.report_fields(records, briefing, page if page_rel.endswith(".html") else None),
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
