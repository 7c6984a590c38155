"""Charts for briefings, drawn with matplotlib for right-to-left readers.

Labels are handed to matplotlib through `textprep.for_renderer(..., "matplotlib")`: logical Unicode on
matplotlib >= 3.11 (it shapes with libraqm), pre-shaped visual text on older versions. Output is
deterministic (fixed SVG hash salt, no dates in metadata) so rebuilds are byte-identical.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportgen import display, fonts, textprep
from reportgen.config import Config

PNG_DPI = 200


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


def _setup() -> None:
    import matplotlib

    matplotlib.use("Agg", force=True)
    matplotlib.rcParams.update(
        {
            "svg.hashsalt": "reportgen",
            "svg.fonttype": "path",
            "pdf.fonttype": 42,
            "axes.unicode_minus": False,
        }
    )


def bar_chart(name: str, title: str, bars: Sequence[Bar], config: Config) -> Chart:
    """Horizontal bars growing leftwards from a value axis on the right, category labels on the right."""
    _setup()
    import matplotlib.pyplot as plt
    from matplotlib import font_manager
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    theme = config.theme
    font_path = fonts.regular(config.font_body)
    prop = font_manager.FontProperties(fname=str(font_path), size=11)
    prep = lambda s: textprep.for_renderer(s, "matplotlib")  # noqa: E731

    height = min(max(1.6, 0.55 * len(bars) + 0.9), theme.chart_height * 3)
    fig, ax = plt.subplots(figsize=(theme.chart_width, height), dpi=100)
    try:
        ordered = list(bars)[::-1]  # first bar on top
        ys = range(len(ordered))
        ax.barh(list(ys), [b.value for b in ordered], color=theme.bar, height=0.6)
        ax.set_yticks(list(ys), [prep(b.label) for b in ordered], fontproperties=prop)
        # Right-to-left: bars grow leftwards from zero on the right; labels sit on the right.
        ax.invert_xaxis()
        ax.yaxis.tick_right()
        ax.tick_params(axis="y", length=0, pad=8)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: display.number(int(v), config.digits)))
        for label in ax.get_xticklabels():
            label.set_fontproperties(prop)
        for spine in ("top", "left", "bottom"):
            ax.spines[spine].set_visible(False)
        ax.grid(axis="x", color="#dddddd", linewidth=0.8)
        ax.set_axisbelow(True)
        top = max((b.value for b in ordered), default=1) or 1
        ax.set_xlim(top * 1.18, 0)
        for y, bar in zip(ys, ordered, strict=True):
            ax.text(
                bar.value + top * 0.015,
                y,
                prep(bar.shown),
                va="center",
                ha="right",
                fontproperties=prop,
                color=theme.text,
            )
        # The page's heading titles the chart; the image itself carries no duplicate title.
        fig.tight_layout()

        svg = io.BytesIO()
        fig.savefig(svg, format="svg", metadata={"Date": None})
        png = io.BytesIO()
        fig.savefig(png, format="png", dpi=PNG_DPI, metadata={"Software": None})
        logical = {prep(s): s for s in [title, *(b.label for b in bars), *(b.shown for b in bars)]}
        labels = _label_boxes(fig, ax, PNG_DPI, logical)
    finally:
        plt.close(fig)
    alt = title + ": " + "، ".join(f"{b.label} {b.shown}" for b in bars)
    return Chart(name, title, alt, tuple(bars), svg.getvalue(), png.getvalue(), labels)


def _label_boxes(fig, ax, dpi: int, logical: dict[str, str]) -> tuple[Label, ...]:  # type: ignore[no-untyped-def]
    """Where each Arabic label landed in the PNG, so checks can compare its pixels with a reference."""
    fig.set_dpi(dpi)
    renderer = fig.canvas.get_renderer()
    height = fig.bbox.height
    out = []
    texts = [*ax.get_yticklabels(), *ax.texts]
    for t in texts:
        s = t.get_text()
        if not s or not any("\u0600" <= c <= "\u06ff" for c in s):
            continue
        bb = t.get_window_extent(renderer)
        box = (int(bb.x0), int(height - bb.y1), int(bb.x1 + 0.999), int(height - bb.y0 + 0.999))
        out.append(Label(logical.get(s, s), box, t.get_fontsize() * dpi / 72))
    return tuple(out)


def key_figures(bars: Sequence[Bar], config: Config) -> Chart | None:
    if not bars:
        return None
    return bar_chart("key-figures", "الأعداد حسب الفئة", bars, config)


def line_chart(name: str, title: str, series: dict[str, list[tuple[str, float]]], config: Config) -> Chart:
    """Values over time, one line per series label (ISO dates on the x axis); deterministic like `bar_chart`."""
    _setup()
    from datetime import date

    import matplotlib.pyplot as plt
    from matplotlib import font_manager

    theme = config.theme
    prop = font_manager.FontProperties(fname=str(fonts.regular(config.font_body)), size=10)
    prep = lambda s: textprep.for_renderer(s, "matplotlib")  # noqa: E731
    fig, ax = plt.subplots(figsize=(theme.chart_width, theme.chart_height), dpi=100)
    try:
        for label in sorted(series):
            points = sorted(series[label])
            xs = [date.fromisoformat(d) for d, _ in points]
            ax.plot(xs, [v for _, v in points], marker="o", linewidth=1.6, label=prep(label))
        # Ticks at the dates that have data (thinned to at most 7), labelled in the configured digits.
        days = sorted({d for points in series.values() for d, _ in points})
        step = max(1, -(-len(days) // 7))
        ticks = days[::step]
        ax.set_xticks([date.fromisoformat(d) for d in ticks], [display.digits(d, config.digits) for d in ticks])
        ax.yaxis.tick_right()
        for tick in [*ax.get_xticklabels(), *ax.get_yticklabels()]:
            tick.set_fontproperties(prop)
        for spine in ("top", "left"):
            ax.spines[spine].set_visible(False)
        ax.grid(axis="y", color="#dddddd", linewidth=0.8)
        if series:
            ax.legend(prop=prop, frameon=False, loc="upper left")
        fig.autofmt_xdate()
        fig.tight_layout()
        svg = io.BytesIO()
        fig.savefig(svg, format="svg", metadata={"Date": None})
        png = io.BytesIO()
        fig.savefig(png, format="png", dpi=PNG_DPI, metadata={"Software": None})
    finally:
        plt.close(fig)
    alt = (
        title
        + ": "
        + "، ".join(
            f"{label} " + " ".join(f"{d}: {display.number(v, config.digits)}" for d, v in sorted(series[label]))
            for label in sorted(series)
        )
    )
    return Chart(name, title, alt, (), svg.getvalue(), png.getvalue(), ())
