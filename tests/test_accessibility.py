"""Accessibility in a real headless Chromium: axe-core (axe-playwright-python) finds no serious or critical
violation on the index, a briefing and the figures page, in light and dark, on a phone and a desktop; and
every chart carries its data as text (alt text and a table with every bar's label and value).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from test_browser import base_url, browser  # noqa: F401  (fixtures)
from test_phone_dark import site  # noqa: F401  (every page of this site has a chart)

pytestmark = pytest.mark.browser

PAGES = ("index.html", "rutba-karbala-operation/index.html", "figures/index.html")
BLOCKING = ("serious", "critical")


@pytest.fixture(scope="module")
def axe() -> Any:
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        from test_browser import _unavailable

        _unavailable("axe-playwright-python is not installed")
    return Axe()


@pytest.fixture(scope="module")
def contexts(browser: Any) -> Iterator[dict[tuple[int, str], Any]]:  # noqa: F811
    made = {
        (width, scheme): browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
        for width in (390, 1280)
        for scheme in ("light", "dark")
    }
    yield made
    for ctx in made.values():
        ctx.close()


def _blocking(axe: Any, page: Any) -> list[str]:
    response = axe.run(page).response
    assert response["passes"], "axe-core ran no rule"
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:3]]}"
        for v in response["violations"]
        if v["impact"] in BLOCKING
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_no_serious_axe_violation(axe: Any, contexts: Any, base_url: str, width: int, scheme: str) -> None:  # noqa: F811
    for rel in PAGES:
        page = contexts[(width, scheme)].new_page()
        page.goto(base_url + rel)
        assert _blocking(axe, page) == [], f"{rel} at {width}px, {scheme}"
        page.close()


def test_search_results_are_accessible_too(axe: Any, contexts: Any, base_url: str) -> None:  # noqa: F811
    page = contexts[(390, "dark")].new_page()
    page.goto(base_url + "index.html")
    page.fill("#search-input", "قرية")
    page.locator("#search-results li").first.wait_for(state="visible")
    assert _blocking(axe, page) == []
    page.close()


def test_the_harness_sees_a_violation(axe: Any, contexts: Any, base_url: str) -> None:  # noqa: F811
    # Control: the same check reports an image without a text alternative once one is on the page.
    page = contexts[(390, "light")].new_page()
    page.goto(base_url + "rutba-karbala-operation/index.html")
    page.evaluate("() => document.querySelector('.chart img').removeAttribute('alt')")
    assert any(v.startswith("image-alt (critical)") for v in _blocking(axe, page))
    page.close()


def test_every_chart_gives_its_data_as_text(contexts: Any, base_url: str) -> None:  # noqa: F811
    page = contexts[(1280, "light")].new_page()
    for rel in PAGES[1:]:
        page.goto(base_url + rel)
        figures = page.locator(".chart figure")
        assert figures.count() >= 1, rel
        for i in range(figures.count()):
            fig = figures.nth(i)
            alt = fig.locator("img").get_attribute("alt") or ""
            rows = fig.locator("tbody tr").evaluate_all(
                "trs => trs.map(tr => [...tr.children].map(c => c.textContent.trim()))"
            )
            assert rows, f"{rel}: chart {i} has no data table"
            # The table is the figure's caption: a screen reader announces it with the image.
            assert fig.locator("figcaption table").count() == 1
            for row in rows:
                label, value = row[0], row[-1]
                assert label.split(" — ")[0] in alt and value in alt, f"{rel}: alt text lacks {row}: {alt}"
    page.close()
