"""The site on a phone and in dark mode, in a real headless Chromium: no sideways scroll, readable chart labels,
dark pages and charts, contents for a long briefing, and a print stylesheet.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from projects import make_project
from test_browser import base_url, browser  # noqa: F401  (fixtures)

from reportgen import config as configmod
from reportgen.build import build
from reportgen.config import Theme
from reportgen.present import charts

pytestmark = pytest.mark.browser

PAGES = ("index.html", "rutba-karbala-operation/index.html", "figures/index.html")

# Two reports of one toll on two days: the figures page draws its figures-over-time chart.
TREND = {
    "toll-day1.txt": "---\ntitle: قصف على الرطبة\ndate: 2017-11-06\nsource: وكالة الأنباء\n---\n"
    "قتل 10 أشخاص في الرطبة جراء القصف.\n",
    "toll-day2.txt": "---\ntitle: ارتفاع الحصيلة في الرطبة\ndate: 2017-11-07\nsource: وكالة الأنباء\n---\n"
    "ارتفعت الحصيلة إلى مقتل 14 شخصا في الرطبة.\n",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample, two small dated articles and a toll reported on two days (so every page has a chart)."""
    project = make_project(tmp_path_factory.mktemp("phone") / "p", extra=True)
    for name, text in TREND.items():
        (project / "seeds" / name).write_text(text, encoding="utf-8")
    assert build(configmod.load(project)).exit_code == 0
    assert list((project / "reports" / "figures").glob("*-narrow.svg")), "the figures page has no chart"
    return project / "reports"


PHONES = (360, 390)
MIN_LABEL_PX = 11


@pytest.fixture(scope="module")
def contexts(browser: Any) -> Iterator[dict[tuple[int, str], Any]]:  # noqa: F811
    made = {
        (width, scheme): browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
        for width in (*PHONES, 1280)
        for scheme in ("light", "dark")
    }
    yield made
    for ctx in made.values():
        ctx.close()


def _open(contexts: dict[tuple[int, str], Any], width: int, scheme: str, url: str) -> Any:
    page = contexts[(width, scheme)].new_page()
    page.goto(url)
    page.wait_for_load_state("load")
    return page


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", PHONES)
def test_no_page_scrolls_sideways_on_a_phone(contexts: Any, base_url: str, width: int, scheme: str) -> None:  # noqa: F811
    for rel in PAGES:
        page = _open(contexts, width, scheme, base_url + rel)
        scroll, inner = page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
        page.close()
        assert scroll <= inner, f"{rel} at {width}px ({scheme}) scrolls sideways: {scroll} > {inner}"


def _label_px(page: Any) -> list[tuple[str, float]]:
    """Each chart's smallest text in CSS px as drawn: its point size scaled as the image is (SVG units are pt)."""
    smallest_pt = Theme().font_size * charts.SMALLEST_TEXT
    sizes = page.locator(".chart img").evaluate_all(
        "imgs => imgs.map(i => [i.currentSrc, i.getBoundingClientRect().width, i.naturalWidth])"
    )
    assert sizes, "no chart on the page"
    return [(src, smallest_pt * 96 / 72 * shown / natural) for src, shown, natural in sizes]


@pytest.mark.parametrize("width", [*PHONES, 1280])
def test_chart_labels_are_at_least_11px(contexts: Any, base_url: str, width: int) -> None:  # noqa: F811
    for rel in PAGES[1:]:
        page = _open(contexts, width, "light", base_url + rel)
        for src, px in _label_px(page):
            assert px >= MIN_LABEL_PX, f"{rel} at {width}px: {src} draws labels at {px:.1f}px"
            assert src.endswith("-narrow.svg") == (width in PHONES), src
        page.close()


def _luminance(png: bytes) -> tuple[float, float]:
    """Mean luminance (0–255) of an image, and the share of its pixels brighter than 180."""
    import numpy as np
    from PIL import Image

    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("L"), dtype=np.float64)
    return float(pixels.mean()), float((pixels > 180).mean())


def test_dark_mode_darkens_pages_and_charts(contexts: Any, base_url: str) -> None:  # noqa: F811
    for rel in PAGES:
        light = _open(contexts, 390, "light", base_url + rel)
        dark = _open(contexts, 390, "dark", base_url + rel)
        bg = "() => getComputedStyle(document.body).backgroundColor"
        assert light.evaluate(bg) == "rgb(255, 255, 255)"
        assert dark.evaluate(bg) == "rgb(20, 24, 29)", rel
        if rel != "index.html":
            chart_light = _luminance(light.locator(".chart img").first.screenshot())
            chart_dark = _luminance(dark.locator(".chart img").first.screenshot())
            assert chart_light[0] > 200, f"{rel}: light chart mean luminance {chart_light[0]:.0f}"
            # Dark background, and light text and axes drawn on it (not a white box).
            assert chart_dark[0] < 90 and chart_dark[1] > 0.002, f"{rel}: dark chart {chart_dark}"
        light.close()
        dark.close()


def test_long_briefing_has_contents_and_short_one_not(contexts: Any, base_url: str) -> None:  # noqa: F811
    page = _open(contexts, 390, "light", base_url + "rutba-karbala-operation/index.html")
    links = page.locator("nav.toc a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert links[0] == "#h-figures" and links[-1] == "#h-text" and len(links) >= 4
    for href in links:
        assert page.locator(href).count() == 1, href
    page.close()
    short = _open(contexts, 390, "light", base_url + "qaim-villages/index.html")
    assert short.locator("nav.toc").count() == 0
    short.close()


def test_print_stylesheet(contexts: Any, base_url: str) -> None:  # noqa: F811
    page = _open(contexts, 1280, "dark", base_url + "rutba-karbala-operation/index.html")
    page.emulate_media(media="print")
    shown = "sel => getComputedStyle(document.querySelector(sel)).display"
    for hidden in (".site-header", ".site-footer", "nav.toc"):
        assert page.evaluate(shown, hidden) == "none", hidden
    assert page.evaluate(shown, ".sr-table table") == "table"
    assert page.evaluate("() => getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
    page.close()


def test_exact_value_beside_compact_money(tmp_path: Path, browser: Any) -> None:  # noqa: F811
    project = make_project(
        tmp_path / "p",
        seeds={"money.txt": "موازنة الإعمار\n\nأعلنت الوزارة تخصيص 25 مليار دينار لإعمار المناطق المحررة.\n"},
        config="formats: [html]\n",
    )
    assert build(configmod.load(project)).exit_code == 0
    page = browser.new_page()
    page.goto((project / "reports" / "money" / "index.html").as_uri())
    assert page.locator(".card-value").first.inner_text() == "25 مليار دينار عراقي"
    assert page.locator(".card-exact").first.inner_text() == "25,000,000,000 دينار عراقي"
    page.close()
