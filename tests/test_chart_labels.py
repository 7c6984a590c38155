"""Chart labels must read right to a reader of Arabic: joined letters, right-to-left order.

A reversed or unjoined label still "looks Arabic", so each label's pixels are compared with reference
renderings by a shaping engine (Pillow + libraqm) of the logical string, of the string a double-shaping
pipeline would draw, and of the unshaped string; the logical one must match best.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont, features

from reportgen import charts, config, fonts, textprep
from reportgen.charts import Bar

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(not features.check("raqm"), reason="reference shaper needs Pillow with libraqm")


def ink(img: Image.Image) -> np.ndarray:
    """Grey ink profile cropped to its bounding box and scaled to a fixed height, aspect kept."""
    a = 255 - np.asarray(img.convert("L"), dtype=np.float64)
    ys, xs = np.nonzero(a > 60)
    a = a[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]
    h = 48
    w = max(1, round(a.shape[1] * h / a.shape[0]))
    return np.asarray(Image.fromarray(a.astype(np.uint8)).resize((w, h), Image.Resampling.LANCZOS), dtype=np.float64)


def render(text: str, size: float, engine: ImageFont.Layout) -> np.ndarray:
    font = ImageFont.truetype(str(fonts.regular("IBM Plex Sans Arabic")), size=round(size), layout_engine=engine)
    left, top, right, bottom = font.getbbox(text)
    img = Image.new("L", (right - left + 20, bottom - top + 20), 255)
    ImageDraw.Draw(img).text((10 - left, 10 - top), text, font=font, fill=0)
    return ink(img)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    w = min(a.shape[1], b.shape[1])
    if max(a.shape[1], b.shape[1]) > 1.25 * w:
        return -1.0  # widths disagree by more than rendering differences explain
    a = np.asarray(Image.fromarray(a.astype(np.uint8)).resize((w, 48)), dtype=np.float64).ravel()
    b = np.asarray(Image.fromarray(b.astype(np.uint8)).resize((w, 48)), dtype=np.float64).ravel()
    a, b = a - a.mean(), b - b.mean()
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b) + 1e-9))


def scores(chart: charts.Chart) -> dict[str, dict[str, float]]:
    png = Image.open(io.BytesIO(chart.png))
    out = {}
    for label in chart.labels:
        pad = 4
        box = (label.box[0] - pad, label.box[1] - pad, label.box[2] + pad, label.box[3] + pad)
        drawn = ink(png.crop(box))
        out[label.text] = {
            "logical": similarity(drawn, render(label.text, label.size_px, ImageFont.Layout.RAQM)),
            "double-shaped": similarity(
                drawn, render(textprep.to_visual(label.text), label.size_px, ImageFont.Layout.RAQM)
            ),
            "unshaped": similarity(drawn, render(label.text, label.size_px, ImageFont.Layout.BASIC)),
        }
    return out


BARS = [Bar("قرى محررة", 40, "40"), Bar("معسكرات مدمرة", 15, "15"), Bar("إطلاق صاروخ Scud-B من H3", 2, "2")]


def test_chart_labels_match_the_logical_shaping_best() -> None:
    cfg = config.load(REPO)
    chart = charts.bar_chart("t", "عنوان", BARS, cfg)
    found = scores(chart)
    assert set(found) == {b.label for b in BARS}
    for text, s in found.items():
        assert s["logical"] > 0.8, (text, s)
        assert s["logical"] > s["double-shaped"] + 0.05 and s["logical"] > s["unshaped"] + 0.05, (text, s)


def test_a_reversed_label_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    """Feeding the old tutorial recipe to a shaping matplotlib reverses labels; the comparison sees it."""
    cfg = config.load(REPO)
    monkeypatch.setattr(textprep, "for_renderer", lambda s, renderer: textprep.to_visual(s))
    chart = charts.bar_chart("t", "عنوان", BARS[:2], cfg)
    for text, s in scores(chart).items():
        assert max(s["double-shaped"], s["unshaped"]) > s["logical"], (text, s)
