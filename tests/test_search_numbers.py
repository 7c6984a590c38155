"""Searching the site for a number finds that exact number: «120» never matches 1200, 12 or 2120."""

from __future__ import annotations

from typing import Any

import pytest
from projects import make_project
from test_browser import browser  # noqa: F401  (fixture)

from reportgen import config as configmod
from reportgen.build import build
from reportgen.site.search import normalize, number_key, numbers_in

ARTICLES = {
    "arrests.txt": "حملة اعتقالات في الأنبار\n\nأكد مسؤول محلي اعتقال 120 مشتبهاً بهم في عمليات تفتيش.\n",
    "houses.txt": "إعادة إعمار المنازل\n\nأعلنت الوزارة إعادة بناء 1200 منزل في المناطق المحررة.\n",
    "villages.txt": "تحرير قرى جديدة\n\nأعلنت القوات تحرير 12 قرية وإعادة 2120 عائلة إلى منازلها.\n",
    "mention.txt": "إغلاق الطريق ١٢٠ قرب المعبر\n\nذكر التقرير أن 30 آلية عبرت المعبر أمس قبل إغلاق الطريق.\n",
}


def test_number_keys_agree_whatever_the_spelling() -> None:
    assert number_key("20,000") == number_key(20000.0) == number_key(20000) == "20000"
    assert number_key("1.70") == number_key(1.7) == "1.7"
    assert numbers_in(normalize("بين ١٢٠ و1200 و12 و٢٥٫٥ و20,000")) == ["120", "1200", "12", "25.5", "20000"]


@pytest.fixture(scope="module")
def index_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    project = make_project(tmp_path_factory.mktemp("numbers") / "p", seeds=ARTICLES, config="formats: [html]\n")
    assert build(configmod.load(project)).exit_code == 0
    return (project / "reports" / "index.html").as_uri()


def _results(page: Any, query: str) -> list[tuple[str, str]]:
    page.fill("#search-input", query)
    page.locator("#search-status").wait_for(state="visible")
    return page.locator("#search-results li h2 a").evaluate_all(
        "as => as.map(a => [a.textContent, a.getAttribute('href')])"
    )


@pytest.mark.parametrize("query", ["120", "١٢٠"])
def test_exact_number_matches_only_that_number(browser: Any, index_url: str, query: str) -> None:  # noqa: F811
    page = browser.new_page()
    page.goto(index_url)
    found = _results(page, query)
    titles = [t for t, _ in found]
    # The figure with the value 120 first (linked to its card), then the article with 120 only in its title.
    assert titles == ["حملة اعتقالات في الأنبار", "إغلاق الطريق ١٢٠ قرب المعبر"], found
    assert found[0][1].endswith("#card-1")
    assert _results(page, "1200") == [["إعادة إعمار المنازل", "houses/index.html#card-1"]]
    assert [t for t, _ in _results(page, "12 قرية")] == ["تحرير قرى جديدة"]
    assert _results(page, "121") == []
    page.close()
