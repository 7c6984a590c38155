"""The HTML briefing page: the theme's briefing.html, its charts as SVG (PNG fallback) and the exports."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportgen import outputs
from reportgen.config import Config
from reportgen.outputs import Format, Job, Rendered, register
from reportgen.present import charts, exports, render
from reportgen.present.page import ASSETS, charts_context, site_context

if TYPE_CHECKING:
    from reportgen.present.charts import Chart


def chart_svgs(prefix: str, chart: Chart, config: Config) -> dict[str, bytes]:
    """The site's copies of a chart: SVG for wide and for narrow screens, colours following light/dark."""
    files = {f"{prefix}{chart.name}.svg": charts.themable_svg(chart.svg, config.theme)}
    if chart.narrow_svg:
        files[f"{prefix}{chart.narrow_name}"] = charts.themable_svg(chart.narrow_svg, config.theme)
    return files


def chart_files(slug: str, chart: Chart, config: Config) -> dict[str, bytes]:
    """A chart's SVGs (shown), its PNG rendering (fallback image) and the label manifest `reportgen check` reads."""
    return {
        **chart_svgs(f"{slug}/", chart, config),
        f"{slug}/{chart.png_name}": chart.png,
        f"{slug}/{chart.name}.labels.json": chart.manifest(),
    }


# A briefing whose article has at least this many paragraphs gets a table of contents under its title.
TOC_MIN_PARAGRAPHS = 6


def contents(job: Job) -> list[dict[str, str]] | None:
    """The briefing's sections as (href, title) for its table of contents; None for a short briefing."""
    view = job.view
    if len(view.paragraphs) < TOC_MIN_PARAGRAPHS:
        return None
    items = [{"href": "#h-figures", "title": "الأرقام الرئيسية"}]
    items += [{"href": f"#h-chart-{c.name}", "title": c.title} for c in job.charts.values()]
    if view.places or view.organizations or view.people:
        items.append({"href": "#h-entities", "title": "أماكن وجهات وأشخاص"})
    if view.quotes:
        items.append({"href": "#h-quotes", "title": "تصريحات"})
    items.append({"href": "#h-text", "title": "النص الكامل"})
    return items


def briefing_html(job: Job) -> bytes:
    root = "../"
    view = job.view
    downloads = {n: f"{root}{p}" for n, p in outputs.links(job.config, view.slug).items() if n != FORMAT.name}
    context = {
        **site_context(job.config),
        "page": {"title": view.title, "lang": "ar", "root": root, "pdf": False, "description": view.lead[:200]},
        "asset": lambda name: f"{root}{ASSETS}/{name}",
        "b": view,
        **charts_context(job, lambda c: f"{c.name}.svg", narrow=lambda c: c.narrow_name),
        "pdf_href": downloads.get("pdf"),
        "exports": {"json": "figures.json", "csv": "figures.csv"} if view.cards else None,
        "toc": contents(job),
    }
    return render.render(job.env, "briefing.html", context).encode("utf-8")


def render_files(job: Job) -> Rendered:
    slug = job.view.slug
    files = {f"{slug}/index.html": briefing_html(job)}
    for c in job.charts.values():
        files.update(chart_files(slug, c, job.config))
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
