"""The one place that prepares text for a renderer. Nothing else in reportgen shapes or reorders text.

A *shaping* renderer (WeasyPrint via Pango/HarfBuzz, matplotlib >= 3.11 via libraqm, Pillow with raqm)
must receive logical Unicode: pre-shaping for it reverses or double-shapes the text. A renderer that
does not shape (matplotlib < 3.11, Pillow without raqm, most terminals) needs the glyphs joined by
arabic-reshaper and reordered into visual order by python-bidi. Which one applies is decided at run
time, per renderer, and cached.
"""

from __future__ import annotations

import functools
import os
import sys
import unicodedata
from typing import Literal, TextIO

Renderer = Literal["weasyprint", "matplotlib", "pillow", "terminal"]


@functools.cache
def matplotlib_shapes() -> bool:
    """True when matplotlib lays out text with libraqm (3.11+), i.e. shapes and applies bidi itself."""
    import matplotlib
    from matplotlib import ft2font

    major, minor = (int(p) for p in matplotlib.__version__.split(".")[:2])
    # The version says what the API promises; `_layout` is the raqm entry point actually compiled in.
    return (major, minor) >= (3, 11) and hasattr(ft2font.FT2Font, "_layout")


@functools.cache
def pillow_shapes() -> bool:
    from PIL import features

    return bool(features.check("raqm"))


def renderer_shapes(renderer: Renderer) -> bool:
    if renderer == "weasyprint":
        return True
    if renderer == "matplotlib":
        return matplotlib_shapes()
    if renderer == "pillow":
        return pillow_shapes()
    return False


@functools.cache
def _reshaper():  # type: ignore[no-untyped-def]
    import arabic_reshaper

    # Keep harakat (the default deletes them) and keep lam-alef ligatures on.
    return arabic_reshaper.ArabicReshaper(
        configuration={"delete_harakat": False, "support_ligatures": True, "shift_harakat_position": False}
    )


def to_visual(text: str, base_dir: Literal["L", "R"] | None = "R") -> str:
    """Shape with arabic-reshaper and reorder with the bidi algorithm: for renderers that do neither."""
    from bidi import get_display

    return get_display(_reshaper().reshape(text), base_dir=base_dir)


def reorder(text: str, base_dir: Literal["L", "R"] = "R") -> str:
    """Bidi reordering only (no shaping): the visual order of `text`'s characters."""
    from bidi import get_display

    return get_display(text, base_dir=base_dir)


RLM = "\u200f"


def rtl_base(text: str) -> str:
    """`text` laid out as a right-to-left paragraph, as the page around it is.

    A shaping engine takes the paragraph direction from the first strong character, so «F-16 في القائم»
    would be laid out left to right, «F-16» on the left. A leading RIGHT-TO-LEFT MARK (invisible, no glyph)
    makes the direction right to left without touching the characters a reader sees.
    """
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return text
        if kind == "L":
            return RLM + text
    return text


def for_renderer(text: str, renderer: Renderer) -> str:
    """Text ready to hand to `renderer` in a right-to-left layout: logical if it shapes, visual otherwise.

    WeasyPrint gets its direction from the HTML (`dir="rtl"`), so only charts and images need `rtl_base`.
    """
    if not renderer_shapes(renderer):
        return to_visual(text)
    return text if renderer == "weasyprint" else rtl_base(text)


def terminal_wants_visual(stream: TextIO | None = None, force: bool | None = None) -> bool:
    """Whether to print visual-order text: forced by --bidi/--no-bidi, else when writing to a terminal.

    Most terminal emulators do not run the bidi algorithm, so Arabic comes out reversed unless reordered.
    Set REPORTGEN_TERMINAL_BIDI=1 for a terminal that does (e.g. mlterm, Konsole with bidi on).
    """
    if force is not None:
        return force
    stream = stream or sys.stdout
    if os.environ.get("REPORTGEN_TERMINAL_BIDI") == "1":
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


def for_terminal(text: str, visual: bool, base_dir: Literal["L", "R"] = "R") -> str:
    """Text for a terminal. Log lines (English frame, Arabic inside) pass base_dir="L" so the frame stays put."""
    if not visual:
        return text
    from bidi import get_display

    # Terminals draw glyphs from the font's isolated forms; join them for readability as well.
    return get_display(_reshaper().reshape(text), base_dir=base_dir)
