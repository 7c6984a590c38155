"""The HTML briefing page: the theme's briefing.html, its charts as SVG (PNG fallback) and the exports."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportgen import outputs
from reportgen.outputs import Format, Job, Rendered, register
from reportgen.present import exports, render
from reportgen.present.page import ASSETS, charts_context, site_context

if TYPE_CHECKING:
    from reportgen.present.charts import Chart


def chart_files(slug: str, chart: Chart) -> dict[str, bytes]:
    """A chart's SVG (shown), its PNG rendering (fallback image) and the label manifest `reportgen check` reads."""
    return {
        f"{slug}/{chart.name}.svg": chart.svg,
        f"{slug}/{chart.png_name}": chart.png,
        f"{slug}/{chart.name}.labels.json": chart.manifest(),
    }


def briefing_html(job: Job) -> bytes:
    root = "../"
    view = job.view
    downloads = {n: f"{root}{p}" for n, p in outputs.links(job.config, view.slug).items() if n != FORMAT.name}
    context = {
        **site_context(job.config),
        "page": {"title": view.title, "lang": "ar", "root": root, "pdf": False, "description": view.lead[:200]},
        "asset": lambda name: f"{root}{ASSETS}/{name}",
        "b": view,
        **charts_context(job, lambda c: f"{c.name}.svg"),
        "pdf_href": downloads.get("pdf"),
        "exports": {"json": "figures.json", "csv": "figures.csv"} if view.cards else None,
    }
    return render.render(job.env, "briefing.html", context).encode("utf-8")


def render_files(job: Job) -> Rendered:
    slug = job.view.slug
    files = {f"{slug}/index.html": briefing_html(job)}
    for c in job.charts.values():
        files.update(chart_files(slug, c))
    files[f"{slug}/figures.json"] = exports.figures_json(job.view, job.records)
    files[f"{slug}/figures.csv"] = exports.figures_csv(job.records)
    return Rendered(files)


FORMAT = register(
    Format(
        name="html",
        path=lambda slug: f"{slug}/index.html",
        render=render_files,
        describe="static site pages",
        page=True,
        site=True,
    )
)
