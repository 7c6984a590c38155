"""What every page shares, whatever the output: the site context, font rules and chart context.

Site pages (reportgen.site) and briefing formats (reportgen.outputs) both render the theme's templates
with this context, so it lives here, upstream of both.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from reportgen import __version__
from reportgen.config import Config
from reportgen.present import fonts
from reportgen.present.charts import PNG_DPI

if TYPE_CHECKING:
    from reportgen.present.charts import Chart

ASSETS = "assets"


def site_context(config: Config) -> dict[str, Any]:
    return {"site": {"title": config.title, "digits": config.digits}, "version": __version__}


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


def css_size(chart: Chart) -> tuple[int, int]:
    """The chart's size in CSS pixels, read from its PNG header (IHDR width and height)."""
    width, height = struct.unpack(">II", chart.png[16:24])
    return round(width * 96 / PNG_DPI), round(height * 96 / PNG_DPI)


# Below this width a page shows a chart's narrow layout (`Chart.narrow_svg`), whose labels stay >= 11 CSS px
# on a phone.
NARROW_MEDIA = "(max-width: 40rem)"


def svg_size(svg: bytes) -> tuple[int, int]:
    """An SVG's width and height in CSS pixels, from matplotlib's `width="…pt" height="…pt"`."""
    m = re.search(rb'<svg[^>]*\swidth="([\d.]+)pt" height="([\d.]+)pt"', svg)
    if m is None:
        return 0, 0
    return round(float(m.group(1)) * 96 / 72), round(float(m.group(2)) * 96 / 72)


def chart_context(
    chart: Chart | None,
    src: str,
    heads: tuple[str, ...] | None = None,
    rows: list[list[str]] | None = None,
    narrow: str | None = None,
) -> dict[str, Any] | None:
    """What `_macros.chart_figure` shows: the image, its alt text, and its data as a table (bars by default).

    `narrow` is the address of the phone layout, shown below NARROW_MEDIA; none in PDFs.
    """
    if chart is None:
        return None
    width, height = css_size(chart)
    narrow_size = svg_size(chart.narrow_svg) if narrow and chart.narrow_svg else None
    if heads is None:
        heads = ("الفئة", "القيمة")
    if rows is None:
        rows = [[bar.label, bar.shown] for bar in chart.bars]
    return {
        "name": chart.name,
        "title": chart.title,
        "alt": chart.alt,
        "src": src,
        "width": width,
        "height": height,
        "narrow": {"src": narrow, "width": narrow_size[0], "height": narrow_size[1], "media": NARROW_MEDIA}
        if narrow_size
        else None,
        "heads": heads,
        "rows": rows,
    }


def charts_context(
    job: Any, src: Callable[[Chart], str], narrow: Callable[[Chart], str] | None = None
) -> dict[str, Any]:
    """The template variables of a briefing's charts: each by its slot (`chart`, `mentions`, ...; None when
    not drawn, so templates can test them) and `charts`, the drawn ones in registry order. `narrow` gives
    the address of a chart's phone layout (pages only)."""
    from reportgen.present.charts import BRIEFING_CHARTS

    def one(chart: Chart, heads: tuple[str, ...] | None) -> dict[str, Any] | None:
        return chart_context(chart, src(chart), heads, narrow=narrow(chart) if narrow else None)

    by_slot = {
        slot: one(job.charts[slot], kind.heads) if slot in job.charts else None
        for slot, kind in BRIEFING_CHARTS.items()
    }
    return {**by_slot, "charts": [c for c in by_slot.values() if c is not None]}
