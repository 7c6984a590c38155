"""Charts for briefings, drawn with matplotlib for right-to-left readers.

Labels are handed to matplotlib through `textprep.for_renderer(..., "matplotlib")`: logical Unicode on
matplotlib >= 3.11 (it shapes with libraqm), pre-shaped visual text on older versions. Output is
deterministic (fixed SVG hash salt, no dates in metadata) so rebuilds are byte-identical.
"""

from __future__ import annotations

import functools
import io
import json
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from reportgen.config import Config
from reportgen.present import display, fonts, textprep
from reportgen.registry import Registry

PNG_DPI = 200
MANIFEST_VERSION = 1
# Inches: the chart redrawn for phones. A 7-inch chart shrunk to a 320 px screen draws 11 pt text at ~7 CSS px;
# at this width it is shown near its natural size (11 pt ≈ 14.7 px, ×0.92 at 360 px wide).
NARROW_WIDTH = 3.6
# The smallest text a chart draws, as a fraction of theme.font_size (the line chart's tick labels).
SMALLEST_TEXT = 0.9

# Arabic letters in logical form, and the presentation forms a pre-shaped (visual) string is made of.
_ARABIC_RANGES = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))


def has_arabic(text: str) -> bool:
    return any(lo <= ord(c) <= hi for c in text for lo, hi in _ARABIC_RANGES)


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: float
    shown: str


@dataclass(frozen=True, slots=True)
class Label:
    """A text drawn on a chart and its pixel box in the PNG (left, top, right, bottom; origin top-left)."""

    text: str
    box: tuple[int, int, int, int]
    size_px: float


@dataclass(frozen=True, slots=True)
class Chart:
    name: str
    title: str
    alt: str
    bars: tuple[Bar, ...]
    svg: bytes
    png: bytes
    labels: tuple[Label, ...]
    # The bundled family the labels are drawn in (regular weight), for the label check's reference rendering.
    font: str = ""
    # The same chart laid out NARROW_WIDTH inches wide, for phones (the page picks it by media query).
    narrow_svg: bytes = b""

    @property
    def narrow_name(self) -> str:
        return f"{self.name}-narrow.svg"

    @property
    def png_name(self) -> str:
        return f"{self.name}.png"

    def manifest(self) -> bytes:
        """`<name>.labels.json`: where each Arabic label is in `<name>.png`, as logical text, for `reportgen check`."""
        import matplotlib

        data = {
            "version": MANIFEST_VERSION,
            "png": self.png_name,
            "dpi": PNG_DPI,
            "font": {"family": self.font, "weight": 400},
            "renderer": {
                "name": "matplotlib",
                "version": matplotlib.__version__,
                "shapes": textprep.matplotlib_shapes(),
            },
            "labels": [{"text": lb.text, "box": list(lb.box), "size_px": round(lb.size_px, 3)} for lb in self.labels],
        }
        return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


_READY = False


def setup() -> None:
    """matplotlib's settings for deterministic output (once per process; no pyplot, no GUI backend)."""
    global _READY
    if _READY:
        return
    import matplotlib

    if "matplotlib.pyplot" in sys.modules:
        matplotlib.use("Agg", force=True)
    else:
        matplotlib.rcParams["backend"] = "Agg"  # for anyone who imports pyplot later; we never need it
    matplotlib.rcParams.update(
        {
            "svg.hashsalt": "reportgen",
            "svg.fonttype": "path",
            "pdf.fonttype": 42,
            "axes.unicode_minus": False,
        }
    )
    _READY = True


def warm_up() -> None:
    """Import what drawing a chart needs (matplotlib's figure, Agg and SVG backends), draw nothing."""
    setup()
    import matplotlib.backends.backend_agg
    import matplotlib.backends.backend_svg
    import matplotlib.figure
    import matplotlib.image
    import matplotlib.ticker  # noqa: F401


@functools.cache
def _prop_for(path: str, size: float):  # type: ignore[no-untyped-def]
    from matplotlib import font_manager

    return font_manager.FontProperties(fname=path, size=size)


def _prop(config: Config, scale: float = 1.0):  # type: ignore[no-untyped-def]
    # One FontProperties per font and size for the whole process (matplotlib caches the FT2Font by path).
    return _prop_for(str(fonts.regular(config.font_body)), config.theme.font_size * scale)


def _figure(width: float, height: float):  # type: ignore[no-untyped-def]
    """A bare figure and its axes: no pyplot (no figure manager, no backend switch, nothing to close)."""
    setup()
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100)
    return fig, fig.subplots()


def _prep(text: str) -> str:
    return textprep.for_renderer(text, "matplotlib")


def _digits_formatter(config: Config):  # type: ignore[no-untyped-def]
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda v, _pos: display.number(int(v) if float(v).is_integer() else v, config.digits))


def _render(fig, name: str, title: str, alt: str, bars: Sequence[Bar], logical: Sequence[str], config: Config) -> Chart:  # type: ignore[no-untyped-def]
    """Lay the figure out once, then draw it once per format: SVG, and PNG on the Agg canvas.

    `savefig` would draw each format twice (after `tight_layout` the figure keeps a layout engine, so it
    draws once more beforehand); the PNG's Agg renderer is also the one the label boxes are measured with.
    The bytes are those `savefig(format=..., metadata=...)` writes.
    """
    import matplotlib.image
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.backends.backend_svg import FigureCanvasSVG

    fig.tight_layout()
    dpi = fig.dpi
    svg = io.BytesIO()
    FigureCanvasSVG(fig).print_svg(svg, metadata={"Date": None})  # leaves fig.dpi at 72
    fig.dpi = PNG_DPI
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    png = io.BytesIO()
    matplotlib.image.imsave(
        png, canvas.buffer_rgba(), format="png", origin="upper", dpi=PNG_DPI, metadata={"Software": None}
    )
    labels = _label_boxes(fig, canvas.get_renderer(), PNG_DPI, {_prep(s): s for s in logical})
    fig.dpi = dpi
    # The phone layout: same drawing, narrower figure, laid out again (labels keep their point size).
    narrow = io.BytesIO()
    fig.set_dpi(100)
    height = fig.get_size_inches()[1]
    for ax in fig.axes:
        legend = ax.get_legend()
        if legend is not None:
            # On a phone a legend inside the plot would cover the lines: move it under the axes, right-aligned.
            legend.set_loc("upper right")
            legend.set_bbox_to_anchor((1.0, -0.16), transform=ax.transAxes)
            height += 0.2 * len(legend.get_texts())
    fig.set_size_inches(min(NARROW_WIDTH, config.theme.chart_width), height)
    fig.tight_layout()
    FigureCanvasSVG(fig).print_svg(narrow, metadata={"Date": None})
    return Chart(
        name, title, alt, tuple(bars), svg.getvalue(), png.getvalue(), labels, config.font_body, narrow.getvalue()
    )


# Colours the drawing uses for text, axes, grid and background, and the CSS variables the site's copy of an SVG
# uses instead, so the chart follows the reader's light or dark scheme (an <img> SVG cannot inherit the page's
# colours; its own media query sees the scheme). The PDF keeps the plain SVG.
_DARK = {"ink": "#e3e6ea", "axis": "#aab3bd", "grid": "#3a434d"}


def themable_svg(svg: bytes, theme) -> bytes:  # type: ignore[no-untyped-def]
    """The chart SVG with its text, axis and grid colours as CSS variables, a dark scheme and no white background."""
    text = svg.decode("utf-8")
    swaps = {
        f"fill: {theme.text}": "fill: var(--ink)",
        f"stroke: {theme.text}": "stroke: var(--ink)",
        "stroke: #000000": "stroke: var(--axis)",
        f"stroke: {theme.grid}": "stroke: var(--grid)",
        "fill: #ffffff": "fill: none",
    }
    for old, new in swaps.items():
        text = text.replace(f'style="{old}', f'style="{new}').replace(f"; {old}", f"; {new}")
    style = (
        f"svg {{ --ink: {theme.text}; --axis: #000000; --grid: {theme.grid}; }} "
        "@media (prefers-color-scheme: dark) { svg { " + " ".join(f"--{k}: {v};" for k, v in _DARK.items()) + " } }"
    )
    text = text.replace('<defs>\n  <style type="text/css">', f'<defs>\n  <style type="text/css">{style} ', 1)
    return text.encode("utf-8")


def bar_chart(name: str, title: str, bars: Sequence[Bar], config: Config, color: str | None = None) -> Chart:
    """Horizontal bars growing leftwards from a value axis on the right, category labels on the right."""
    from matplotlib.ticker import MaxNLocator

    theme = config.theme
    prop = _prop(config)

    height = min(max(1.6, 0.55 * len(bars) + 0.9), theme.chart_height * 3)
    fig, ax = _figure(theme.chart_width, height)
    ordered = list(bars)[::-1]  # first bar on top
    ys = range(len(ordered))
    ax.barh(list(ys), [b.value for b in ordered], color=color or theme.bar, height=0.6)
    ax.set_yticks(list(ys), [_prep(b.label) for b in ordered], fontproperties=prop, color=theme.text)
    # Right-to-left: bars grow leftwards from zero on the right; labels sit on the right.
    ax.invert_xaxis()
    ax.yaxis.tick_right()
    ax.tick_params(axis="y", length=0, pad=8)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
    ax.xaxis.set_major_formatter(_digits_formatter(config))
    for label in ax.get_xticklabels():
        label.set_fontproperties(prop)
        label.set_color(theme.text)
    for spine in ("top", "left", "bottom"):
        ax.spines[spine].set_visible(False)
    ax.grid(axis="x", color=theme.grid, linewidth=0.8)
    ax.set_axisbelow(True)
    top = max((b.value for b in ordered), default=1) or 1
    ax.set_xlim(top * 1.18, 0)
    for y, bar in zip(ys, ordered, strict=True):
        ax.text(
            bar.value + top * 0.015,
            y,
            _prep(bar.shown),
            va="center",
            ha="right",
            fontproperties=prop,
            color=theme.text,
        )
    # The page's heading titles the chart; the image itself carries no duplicate title.
    logical = [title, *(b.label for b in bars), *(b.shown for b in bars)]
    alt = title + ": " + "، ".join(f"{b.label} {b.shown}" for b in bars)
    return _render(fig, name, title, alt, bars, logical, config)


def _date_label(iso: str, style: str) -> str:
    # Arabic-Indic digits joined by «/» (a common separator, so the bidi algorithm keeps the date in one
    # piece); a «-» between Arabic-Indic numbers would let an RTL line reorder year, month and day.
    return display.digits(iso, style) if style == "western" else display.digits(iso.replace("-", "/"), style)


def line_chart(name: str, title: str, series: Mapping[str, Sequence[tuple[str, float]]], config: Config) -> Chart:
    """Values over time, one line per series (label → [(ISO date, value)]), laid out for right-to-left readers.

    Time runs from right to left (the earliest date on the right), the value axis is on the right and the
    legend is right-aligned with its markers on the right of the labels. `bars` of the result holds one row
    per (series, date) for the page's data table: label «series — date», the value and its display form.
    """
    import datetime as dt

    from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator

    theme = config.theme
    prop = _prop(config)
    small = _prop(config, 0.9)
    palette = [theme.bar, *theme.series, theme.accent]
    dates = sorted({d for points in series.values() for d, _ in points})
    ordinal = {d: dt.date.fromisoformat(d).toordinal() for d in dates}
    fig, ax = _figure(theme.chart_width, theme.chart_height)
    rows: list[Bar] = []
    for i, (label, points) in enumerate(series.items()):
        pts = sorted(points)
        ax.plot(
            [ordinal[d] for d, _ in pts],
            [v for _, v in pts],
            marker="o",
            markersize=4,
            linewidth=2,
            color=palette[i % len(palette)],
            label=_prep(label),
        )
        rows.extend(
            Bar(f"{label} — {_date_label(d, config.digits)}", v, display.number(v, config.digits)) for d, v in pts
        )
    if len(dates) > 1:
        ax.set_xlim(ordinal[dates[-1]] + 0.5, ordinal[dates[0]] - 0.5)  # mirrored: time flows leftwards
    else:
        ax.invert_xaxis()
    shown = dates if len(dates) <= 6 else dates[:: max(1, len(dates) // 5)]
    ax.xaxis.set_major_locator(FixedLocator([ordinal[d] for d in shown]))
    by_ordinal = {v: k for k, v in ordinal.items()}
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: _date_label(by_ordinal.get(round(v), ""), config.digits)))
    ax.yaxis.tick_right()
    ax.yaxis.set_label_position("right")
    ax.yaxis.set_major_locator(MaxNLocator(nbins=5))
    ax.yaxis.set_major_formatter(_digits_formatter(config))
    for tick in [*ax.get_xticklabels(), *ax.get_yticklabels()]:
        tick.set_fontproperties(small)
        tick.set_color(theme.text)
    for spine in ("top", "left"):
        ax.spines[spine].set_visible(False)
    ax.grid(axis="y", color=theme.grid, linewidth=0.8)
    ax.set_axisbelow(True)
    ax.set_ylim(bottom=0)
    # Above the plot, not in it: inside the axes a legend covers whichever lines pass under it. Right-aligned,
    # markers on the right of the labels, as a right-to-left reader scans it.
    legend = ax.legend(
        loc="lower right",
        bbox_to_anchor=(1.0, 1.02),
        borderaxespad=0.0,
        prop=prop,
        frameon=False,
        markerfirst=False,
        alignment="right",
    )
    for text in legend.get_texts():
        text.set_color(theme.text)
    fig.set_size_inches(theme.chart_width, theme.chart_height + 0.25 * len(series))
    alt = (
        title
        + ": "
        + "؛ ".join(
            f"{label}: "
            + "، ".join(
                f"{_date_label(d, config.digits)} {display.number(v, config.digits)}" for d, v in sorted(points)
            )
            for label, points in series.items()
        )
    )
    return _render(fig, name, title, alt, rows, [title, *series], config)


def _label_boxes(fig, renderer, dpi: int, logical: dict[str, str]) -> tuple[Label, ...]:  # type: ignore[no-untyped-def]
    """Where each Arabic text landed in the PNG, so checks can compare its pixels with a reference."""
    from matplotlib.text import Text

    height = fig.bbox.height
    # Tick labels outside the view limits keep their text but are not drawn: where they would be may be inside
    # the figure (above the axes, under a legend), so their ticks are asked, not their boxes.
    undrawn: set[int] = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            lo, hi = sorted(axis.get_view_interval())
            slack = (hi - lo) * 1e-9
            for tick in axis.get_major_ticks():  # no minor ticks are drawn
                if not lo - slack <= tick.get_loc() <= hi + slack:
                    undrawn.update((id(tick.label1), id(tick.label2)))
    out = []
    for t in fig.findobj(Text):
        s = t.get_text()
        if not t.get_visible() or not s or not has_arabic(s) or id(t) in undrawn:
            continue
        bb = t.get_window_extent(renderer)
        box = (int(bb.x0), int(height - bb.y1), int(bb.x1 + 0.999), int(height - bb.y0 + 0.999))
        if box[0] < 0 or box[1] < 0 or box[2] > fig.bbox.width or box[3] > height:
            continue  # not drawn: a tick label outside the view limits
        out.append(Label(logical.get(s, s), box, t.get_fontsize() * dpi / 72))
    return tuple(out)


# Most bars a key-figures chart draws. An article dense with figures (a casualty list, a table pasted as
# text) has hundreds: drawn all, their labels pile up unreadably, and matplotlib and the label checks spend
# minutes on them. The chart (and its data table) shows the largest; every figure still has its card.
KEY_FIGURE_BARS = 12


def key_figures(bars: Sequence[Bar], config: Config, limit: int = KEY_FIGURE_BARS) -> Chart | None:
    """The article's counted figures as bars, largest first; the `limit` largest if it has more."""
    if not bars:
        return None
    title = "الأعداد حسب الفئة"
    if len(bars) > limit:
        bars = sorted(bars, key=lambda b: -b.value)[:limit]
        title = f"أكبر {display.number(limit, config.digits)} عددًا حسب الفئة"
    return bar_chart("key-figures", title, bars, config)


def mentions_chart(bars: Sequence[Bar], config: Config, limit: int = 8) -> Chart | None:
    """How often places and organisations are mentioned (the most mentioned first)."""
    if not bars:
        return None
    top = sorted(bars, key=lambda b: -b.value)[:limit]
    return bar_chart("mentions", "الأماكن والجهات الأكثر ذكرًا", top, config, color=config.theme.mentions)


def mention_bars(places: Sequence, organizations: Sequence, config: Config) -> list[Bar]:  # type: ignore[type-arg]
    """Bars for `mentions_chart` from entity counts (objects with `name` and `count`)."""
    return [Bar(e.name, e.count, display.number(e.count, config.digits)) for e in [*places, *organizations]]


# --- the charts a briefing shows ----------------------------------------------------------------------
# A briefing chart is one entry here: where its bars come from (the view; cheap, no matplotlib) and how
# it is drawn (imports matplotlib). The build draws each entry once per changed article and caches it by
# its bars and the chart config; every format receives the drawn charts by slot, in this order.


@dataclass(frozen=True, slots=True)
class BriefingChart:
    # The template variable that holds it, also its cache kind (kept stable: cached charts stay valid).
    slot: str
    bars: Callable[[Any, Config], list[Bar]]  # (view, config) -> the bars to draw; none: no chart
    draw: Callable[[Sequence[Bar], Config], Chart | None]
    # Column heads of the data table that accompanies the image (its text alternative).
    heads: tuple[str, str] = ("الفئة", "القيمة")


BRIEFING_CHARTS: Registry[BriefingChart] = Registry("briefing chart", lambda chart: chart.slot)
register = BRIEFING_CHARTS.register


def _compared(bars: list[Bar]) -> list[Bar]:
    """A bar chart compares: one bar says no more than its card or list entry, and costs half a PDF page."""
    return bars if len(bars) > 1 else []


register(BriefingChart("chart", lambda view, config: _compared(list(view.bars)), key_figures))
register(
    BriefingChart(
        "mentions",
        lambda view, config: _compared(mention_bars(view.places, view.organizations, config)),
        mentions_chart,
        heads=("الاسم", "عدد مرات الذكر"),
    )
)
