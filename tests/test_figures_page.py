"""The figures page never adds figures across articles: latest value per category, event and unit, with its
date, its source sentence and the range when sources disagree (issue 15, deliverable 5)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from projects import make_project

from reportgen import config as configmod
from reportgen.build import build
from reportgen.site import figures_page

DAY1 = """---
title: قصف على غزة
date: 2026-01-01
source: وكالة الأنباء
---
قتل 100 شخص في غزة جراء القصف.
وقدرت الخسائر بنحو 5 ملايين دولار.
"""

DAY2 = """---
title: ارتفاع الحصيلة في غزة
date: 2026-01-02
source: وكالة الأنباء
---
ارتفعت الحصيلة إلى مقتل أكثر من 120 شخصا في غزة.
وقدرت الخسائر بنحو 3 ملايين يورو.
ونزح 1.7 مليون شخص.
"""


def _row(html: str, row_id: str) -> str:
    return html.split(f'<tr id="{row_id}">')[1].split("</tr>")[0]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("figpage") / "p", seeds={"day1.txt": DAY1, "day2.txt": DAY2})
    result = build(configmod.load(project))
    assert result.exit_code == 0, [o.error for o in result.failed] + result.problems
    return project / "reports"


def test_latest_toll_with_date_and_range_never_the_sum(site: Path) -> None:
    html = (site / "figures/index.html").read_text(encoding="utf-8")
    row = _row(html, "latest-killed-غزة")
    assert '<td class="num latest-value">أكثر من 120</td>' in row  # the source's «أكثر من», not «نحو»
    assert '<time datetime="2026-01-02">2026-01-02</time>' in row
    assert '<td class="num range">100–120</td>' in row
    assert '<td class="num">2 في 2 موجزات</td>' in row
    assert "220" not in html.split('id="h-by-briefing"')[0]
    assert "1,700,000" not in row and "1.7 مليون" not in row and "1,700,1" not in html  # displaced: not killed or added


def test_currencies_are_separate_rows_never_summed(site: Path) -> None:
    html = (site / "figures/index.html").read_text(encoding="utf-8")
    usd = _row(html, "latest-money-USD-غزة")
    eur = _row(html, "latest-money-EUR-غزة")
    # Amounts in words, as Arabic newspapers write them («نحو 5 ملايين دولار», not «نحو 5,000,000 دولار»).
    assert "نحو 5 ملايين دولار" in usd and "2026-01-01" in usd
    assert "نحو 3 ملايين يورو" in eur and "2026-01-02" in eur
    for row in (usd, eur):  # one report each: no range across the two currencies
        assert '<td class="num range">—</td>' in row
    assert "8,000,000" not in html and "8 ملايين" not in html


def test_every_link_lands_on_the_source_sentence(site: Path) -> None:
    html = (site / "figures/index.html").read_text(encoding="utf-8")
    table = html.split('id="h-latest"')[1].split("</table>")[0]
    links = re.findall(r'<a href="\.\./([^"#]+)#([^"]+)"', table)
    assert len(links) >= 3  # killed, USD, EUR (and the displaced, once the extractor names them)
    for page, anchor in links:
        briefing = (site / page).read_text(encoding="utf-8")
        assert f'id="{anchor}"' in briefing
    page, anchor = links[0]
    assert (page, anchor) == ("day2/index.html", "fig-1")
    sentence = (site / page).read_text(encoding="utf-8").split(f'id="{anchor}"')[0].rsplit("<span", 1)[1]
    assert 'class="source-sentence"' in sentence  # the figure mark sits inside its sentence


def test_site_exports_follow_the_same_rule(site: Path) -> None:
    data = json.loads((site / "figures/figures.json").read_text(encoding="utf-8"))
    killed = next(g for g in data["groups"] if g["category"] == "killed")
    assert (killed["value"], killed["qualifier_ar"], killed["date"]) == (120, "أكثر من", "2026-01-02")
    assert (killed["range_low"], killed["range_high"], killed["reports"]) == (100, 120, 2)
    assert [h["value"] for h in killed["history"]] == [120, 100]
    assert killed["link"] == "../day2/index.html#fig-1"
    rows = list(csv.DictReader(io.StringIO((site / "figures/figures.csv").read_bytes().decode("utf-8-sig"))))
    assert [(r["category"], r["unit"], r["value"]) for r in rows if r["category"] in ("killed", "money")] == [
        ("killed", "", "120"),
        ("money", "EUR", "3000000"),
        ("money", "USD", "5000000"),
    ]


def test_chart_shows_latest_values_not_sums(site: Path) -> None:
    html = (site / "figures/index.html").read_text(encoding="utf-8")
    assert html.count('<section class="chart ') == 1  # the money has no chart, each currency is one point
    chart = html.split('class="chart chart-figures-over-time-killed"')[1].split("</section>")[0]
    assert re.findall(r"<tr><th scope=\"row\">([^<]+)</th><td>([^<]+)</td><td>([^<]+)</td></tr>", chart) == [
        ("قتلى — غزة", "2026-01-01", "100"),
        ("قتلى — غزة", "2026-01-02", "120"),
    ]


def test_rebuild_is_byte_identical(site: Path, tmp_path: Path) -> None:
    again = make_project(tmp_path / "p", seeds={"day2.txt": DAY2, "day1.txt": DAY1})
    assert build(configmod.load(again)).exit_code == 0
    for name in ("index.html", "figures.json", "figures.csv", "figures-over-time-killed.svg"):
        assert (again / "reports/figures" / name).read_bytes() == (site / "figures" / name).read_bytes(), name


# --- the grouping itself, on summaries (independent of what the extractor finds) -------------------------


def _summary(slug: str, date: str | None, *figures: dict[str, Any]) -> dict[str, Any]:
    figs = []
    for i, f in enumerate(figures, 1):
        figs.append(
            {
                "id": str(i),
                "category": None,
                "label": "رقم",
                "unit": None,
                "shown": str(f["value"]),
                "text": str(f["value"]),
                "qualifier": None,
                "low": None,
                "high": None,
                "places": [],
                "anchor": f"fig-{i}",
                **f,
            }
        )
    href = f"{slug}/index.html"
    return {"slug": slug, "title": slug, "date": date, "date_shown": date, "href": href, "figures": figs}


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> configmod.Config:
    return configmod.load(make_project(tmp_path_factory.mktemp("cfg") / "p"))


KILLED_100 = {"category": "killed", "value": 100, "places": ["غزة"]}
KILLED_120 = {"category": "killed", "value": 120, "places": ["غزة"]}


def test_cumulative_tolls_keep_the_latest(config: configmod.Config) -> None:
    day1, day2 = _summary("a-day1", "2026-01-01", KILLED_100), _summary("b-day2", "2026-01-02", KILLED_120)
    (group,) = figures_page.groups([day2, day1], config)
    assert (group.latest.value, group.latest.date, group.low, group.high) == (120, "2026-01-02", 100, 120)
    (row,) = figures_page.rows([group], config)
    assert (row["shown"], row["range"], row["reports"], row["briefings"]) == ("120", "100–120", 2, 2)
    assert figures_page.charts([day1, day2], config) == [
        (
            "figures-over-time-killed",
            "قتلى: آخر رقم معلن عبر الزمن",
            {"قتلى — غزة": [("2026-01-01", 100), ("2026-01-02", 120)]},
        )
    ]


def test_an_older_article_read_later_does_not_win(config: configmod.Config) -> None:
    # The newer article's slug sorts last and it comes first in the list: the date decides, not the order.
    old, new = _summary("z-old", "2026-01-01", KILLED_120), _summary("a-new", "2026-01-05", KILLED_100)
    (group,) = figures_page.groups([new, old], config)
    assert (group.latest.slug, group.latest.value) == ("a-new", 100)


def test_same_day_tie_is_deterministic(config: configmod.Config) -> None:
    a, b = _summary("alpha", "2026-01-02", KILLED_100), _summary("beta", "2026-01-02", KILLED_120)
    orders = [figures_page.rows(figures_page.groups(s, config), config) for s in ([a, b], [b, a])]
    assert orders[0] == orders[1]
    assert orders[0][0]["link"] == "alpha/index.html#fig-1"  # same date: the slug sorting first
    assert figures_page.series(figures_page.groups([b, a], config), config) == {"قتلى — غزة": [("2026-01-02", 100)]}
    assert figures_page.charts([b, a], config) == []  # one day is no trend: no chart


def test_undated_reports_are_older_than_dated_ones(config: configmod.Config) -> None:
    undated, dated = _summary("a", None, KILLED_120), _summary("b", "2020-01-01", KILLED_100)
    (group,) = figures_page.groups([undated, dated], config)
    assert group.latest.slug == "b"


def test_units_and_currencies_are_never_added_or_compared(config: configmod.Config) -> None:
    usd = {"category": "money", "unit": "USD", "value": 5_000_000}
    eur = {"category": "money", "unit": "EUR", "value": 3_000_000}
    found = figures_page.groups([_summary("a", "2026-01-01", usd), _summary("b", "2026-01-02", eur)], config)
    assert [(g.unit, g.latest.value, g.low, g.high, len(g.reports)) for g in found] == [
        ("EUR", 3_000_000, 3_000_000, 3_000_000, 1),
        ("USD", 5_000_000, 5_000_000, 5_000_000, 1),
    ]
    money = figures_page.groups([_summary("a", "2026-01-01", usd), _summary("b", "2026-01-02", usd)], config)
    assert figures_page.series(money, config) == {}  # the charts plot counts only


def test_figures_without_category_count_under_no_toll(config: configmod.Config) -> None:
    displaced_unsure = {"category": None, "value": 1_700_000, "places": ["غزة"]}
    killed = {"category": "killed", "value": 178, "places": ["غزة"]}
    found = figures_page.groups([_summary("a", "2026-01-01", killed, displaced_unsure)], config)
    assert [(g.category, g.latest.value, g.high) for g in found] == [("killed", 178, 178)]
    data = figures_page.export_json(found).decode()
    assert "1700000" not in data and "1700178" not in data


def test_events_are_category_and_place(config: configmod.Config) -> None:
    gaza = _summary("a", "2026-01-02", {"category": "killed", "value": 30, "places": ["غزة"]})
    khartoum = _summary("b", "2026-01-03", {"category": "killed", "value": 12, "places": ["الخرطوم"]})
    nowhere = _summary("c", "2026-01-04", {"category": "killed", "value": 7})
    found = figures_page.groups([gaza, khartoum, nowhere], config)
    assert [(g.places, g.latest.value) for g in found] == [((), 7), (("الخرطوم",), 12), (("غزة",), 30)]
    assert {g.id for g in found} == {"latest-killed", "latest-killed-الخرطوم", "latest-killed-غزة"}


def test_a_stated_range_widens_the_range(config: configmod.Config) -> None:
    ranged = {"category": "killed", "value": 90, "low": 90, "high": 110, "places": ["غزة"], "shown": "90–110"}
    found = figures_page.groups([_summary("a", "2026-01-01", ranged), _summary("b", "2026-01-02", KILLED_100)], config)
    assert (found[0].low, found[0].high, found[0].latest.value) == (90, 110, 100)


def test_each_place_goes_to_its_nearest_figure(config: configmod.Config) -> None:
    from reportgen.extract import extract_article
    from reportgen.model import Briefing
    from reportgen.sources import read_bytes

    text = "---\ntitle: حصيلة\ndate: 2026-01-03\n---\nقتل نحو 118 شخصا في غزة، فيما قتل 12 شخصا في الخرطوم.\n"
    article = read_bytes(text.encode(), "day3.txt", config.boilerplate, config.max_article_bytes)
    briefing = Briefing(article, extract_article(article, config))
    killed = [(f.value, i) for i, f in enumerate(briefing.extraction.figures) if f.category == "killed"]
    assert [v for v, _ in killed] == [118, 12]
    places = figures_page.event_places(briefing)
    assert [places[i] for _, i in killed] == [["غزة"], ["الخرطوم"]]


def test_link_falls_back_to_the_card_that_quotes_the_sentence() -> None:
    # A figure outside the marked body text (e.g. in the title) has no `fig-N`; its card quotes the sentence.
    assert figures_page.anchor_for("3", {"fig-3", "card-3"}) == "fig-3"
    assert figures_page.anchor_for("3", {"card-3", "fig-1"}) == "card-3"
    assert figures_page.anchor_for("3", {"fig-1"}) is None


def test_an_article_is_one_report_of_its_largest_figure(config: configmod.Config) -> None:
    """One source, one report: a repeated headline toll, and a smaller figure of the same event (an earlier
    count, or a part such as «بينهم 9 أطفال»), never make the article disagree with itself."""
    headline_and_body = _summary("a", "2026-01-02", KILLED_100, KILLED_120, KILLED_120)
    (group,) = figures_page.groups([headline_and_body], config)
    assert [(r.value, r.index) for r in group.reports] == [(120, 1)]
    assert not group.disagree
