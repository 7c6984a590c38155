"""The published site: index order and filters, exports, feed, sitemap, search index, figures page."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from projects import make_project

from reportgen import config as configmod
from reportgen.build import build
from reportgen.site.search import normalize

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("site") / "p", extra=True)
    cfg = project / "config.yaml"
    cfg.write_text(cfg.read_text(encoding="utf-8") + "\nsite_url: https://example.org/briefs\n", encoding="utf-8")
    assert build(configmod.load(project)).exit_code == 0
    return project / "reports"


def test_index_lists_newest_first_with_filters(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    order = [html.index(f'data-slug="{s}"') for s in ("karbala-hideouts", "qaim-villages", "rutba-karbala-operation")]
    assert order == sorted(order)
    assert '<option value="villages_liberated">قرى محررة</option>' in html
    assert '<option value="الرطبة">الرطبة</option>' in html
    assert 'src="search-index.js"' in html and 'src="assets/search.js"' in html
    assert "__reload" not in html  # the live-reload snippet exists only in `reportgen serve` responses
    assert "http" not in html.split("<body")[1].replace("http://www.w3.org", "")  # relative links, no CDN


def test_figure_exports(site: Path) -> None:
    data = json.loads((site / "qaim-villages/figures.json").read_text(encoding="utf-8"))
    first = data["figures"][0]
    assert (first["value"], first["category"], first["link"]) == (22, "villages_liberated", "index.html#fig-1")
    rows = list(csv.DictReader(io.StringIO((site / "qaim-villages/figures.csv").read_bytes().decode("utf-8-sig"))))
    assert [r["value"] for r in rows] == [str(f["value"]) for f in data["figures"]]
    assert rows[0]["sentence"].startswith("أعلنت القوات")


def test_feed_and_sitemap(site: Path) -> None:
    feed = ET.parse(site / "feed.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}updated") for e in entries][:2] == ["2017-11-09T00:00:00Z", "2017-11-05T00:00:00Z"]
    assert feed.findtext(f"{ATOM}updated") == "2017-11-09T00:00:00Z"
    links = [e.find(f"{ATOM}link").get("href") for e in entries]  # type: ignore[union-attr]
    assert links[0] == "https://example.org/briefs/karbala-hideouts/index.html"
    sitemap = ET.parse(site / "sitemap.xml").getroot()
    locs = [u.findtext("{http://www.sitemaps.org/schemas/sitemap/0.9}loc") for u in sitemap]
    assert "https://example.org/briefs/qaim-villages/index.html" in locs


def test_no_sitemap_without_site_url(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", extra=False)
    build(configmod.load(project))
    assert not (project / "reports" / "sitemap.xml").exists()
    assert (project / "reports" / "feed.xml").is_file()


def test_search_index_json_and_js_agree(site: Path) -> None:
    data = json.loads((site / "search-index.json").read_text(encoding="utf-8"))
    js = (site / "search-index.js").read_text(encoding="utf-8")
    prefix = "window.REPORTGEN_SEARCH_INDEX = "
    assert js.startswith(prefix)
    assert json.loads(js[len(prefix) :].rstrip().rstrip(";")) == data
    doc = next(d for d in data["documents"] if d["slug"] == "rutba-karbala-operation")
    assert normalize("قرية") in " ".join(doc["n"]["figures"])
    assert doc["figures"][1]["anchor"] == "card-2"


def test_figures_page_latest_values_and_chart(site: Path) -> None:
    html = (site / "figures/index.html").read_text(encoding="utf-8")
    # 22 villages west of al-Qaim, 5 near Karbala, 40 near al-Rutba: three events, never one total of 67.
    row = html.split('id="latest-villages_liberated-القائم"')[1].split("</tr>")[0]
    assert '<td class="num latest-value">22</td>' in row and 'datetime="2017-11-05"' in row
    assert ">67<" not in html
    # Each event was reported on one day only: no line over time to draw (one chart per category otherwise).
    assert not list((site / "figures").glob("*.svg")) and "chart-figures-over-time" not in html


def test_site_url_must_be_absolute(tmp_path: Path) -> None:
    with pytest.raises(configmod.ConfigError, match="site_url"):
        configmod.parse("site_url: example.org\n", tmp_path)
