"""The site in a real headless Chromium (Debian's package, driven by Playwright with the system binary).

Skips only outside CI when Chromium or Playwright is missing; with CI set, their absence is a failure.
Needs: `apt-get install -y chromium` and `pip install playwright` (never `playwright install`).
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from projects import make_project
from test_search import CASES

from reportgen import config as configmod
from reportgen.build import build
from reportgen.site.search import normalize

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HIGHLIGHT = "rgb(251, 231, 161)"  # .source-sentence highlight (#fbe7a1) in style.css


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else None


def _unavailable(why: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{why}; CI must provide it (apt-get install -y chromium; pip install playwright)")
    pytest.skip(f"{why} (not in CI)")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = _chromium()
    if executable is None:
        _unavailable("no chromium binary found")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("browser") / "p", extra=True)
    assert build(configmod.load(project)).exit_code == 0
    return project / "reports"


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def _search_open_and_follow(page: Any, index_url: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    requests: list[str] = []
    page.on("request", lambda req: requests.append(req.url))
    page.goto(index_url)
    page.fill("#search-input", "قرية")
    results = page.locator("#search-results li")
    results.first.wait_for(state="visible", timeout=5000)
    assert results.count() >= 2
    first = results.first.locator("h2 a")
    href = first.get_attribute("href")
    assert href is not None and "/index.html#card-" in href
    first.click()
    page.wait_for_url("**#card-*")
    card_id = page.url.rsplit("#card-", 1)[1]
    card = page.locator(f"#card-{card_id}")
    assert "قر" in card.inner_text()
    card.locator("a.card-link").click()
    page.wait_for_url(f"**#fig-{card_id}")
    mark = page.locator(f"#fig-{card_id}")
    assert mark.is_visible()
    sentence_bg = mark.evaluate("el => getComputedStyle(el.closest('.source-sentence')).backgroundColor")
    assert sentence_bg == HIGHLIGHT
    other = page.locator(".source-sentence").evaluate_all(
        "els => els.filter(e => getComputedStyle(e).backgroundColor === '" + HIGHLIGHT + "').length"
    )
    assert other == 1
    assert errors == []
    assert all(u.startswith(index_url.split("index.html")[0].rsplit("/", 1)[0]) for u in requests), requests


def test_search_open_result_and_follow_provenance_over_http(browser: Any, base_url: str) -> None:
    page = browser.new_page()
    _search_open_and_follow(page, base_url + "index.html")
    page.close()


def test_same_flow_from_disk(browser: Any, site: Path) -> None:
    page = browser.new_page()
    _search_open_and_follow(page, (site / "index.html").as_uri())
    page.close()


def test_search_folds_variants_like_python(browser: Any, base_url: str) -> None:
    page = browser.new_page()
    page.goto(base_url + "index.html")
    folded = page.evaluate("cases => cases.map(c => window.reportgenNormalize(c))", [raw for raw, _ in CASES])
    assert folded == [normalize(raw) for raw, _ in CASES]
    for query in ("قريه", "قرى", "٤٠ قرية", "الرَّطبة", "تـدمير"):
        page.fill("#search-input", query)
        page.locator("#search-status").wait_for(state="visible")
        assert page.locator("#search-results li").count() >= 1, query
    page.close()


def test_category_and_place_filters(browser: Any, base_url: str) -> None:
    page = browser.new_page()
    page.goto(base_url + "index.html")
    visible = "#briefing-list > li:not([hidden])"
    assert page.locator(visible).count() == 3
    page.select_option("#filter-category", "camps_destroyed")
    assert page.locator(visible).count() == 2
    page.select_option("#filter-category", "")
    page.select_option("#filter-place", "كربلاء")
    slugs = page.locator(visible).evaluate_all("els => els.map(e => e.dataset.slug)")
    assert "rutba-karbala-operation" in slugs and "qaim-villages" not in slugs
    page.close()


HOSTILE = """<script>window.__pwned = 1</script> عنوان فيه شيفرة
نص المقال <img src=x onerror="window.__pwned = 2"> وتدمير 15 معسكراً <a href="javascript:window.__pwned=3">رابط</a>
"""


def test_markup_in_an_article_is_shown_as_text_never_run(browser: Any, tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", seeds={"hostile.txt": HOSTILE}, config="formats: [html]\n")
    assert build(configmod.load(project)).exit_code == 0
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    for url in (
        (project / "reports" / "index.html").as_uri(),
        (project / "reports" / "hostile" / "index.html").as_uri(),
    ):
        page.goto(url)
        assert page.evaluate("() => window.__pwned") is None
        assert page.locator("img[src=x]").count() == 0 and page.locator("a[href^=javascript]").count() == 0
        assert "<script>window.__pwned = 1</script>" in page.locator("body").inner_text()
    page.locator("a.card-link").first.click()
    assert page.evaluate("() => window.__pwned") is None
    assert errors == []
    page.close()
