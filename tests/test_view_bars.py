"""The briefing's bar chart shows figures as the article states them: never a sum it did not state."""

from __future__ import annotations

from pathlib import Path

from reportgen import config as config_mod
from reportgen import sources
from reportgen.extract import extract_article
from reportgen.model import Briefing
from reportgen.present.view import build_view

CFG = config_mod.load(Path(__file__).resolve().parent.parent)


def _bars(text: str) -> list[tuple[str, float]]:
    article = sources.parse(text, "seeds/x.txt")
    view = build_view(Briefing(article, extract_article(article, CFG)), CFG)
    return [(b.label, b.value) for b in view.bars]


def test_two_tolls_in_two_places_are_two_bars_not_their_sum() -> None:
    bars = _bars("قصف على حمص وحلب\n\nقتل 5 أشخاص في قصف على حمص. وفي حلب قتل 7 أشخاص في قصف آخر.\n")
    values = sorted(v for _, v in bars)
    assert 12 not in values
    assert values == [5, 7]


def test_a_headline_repeating_the_bodys_toll_is_one_bar() -> None:
    bars = _bars("مقتل 20 شخصا في انفجار\n\nقتل 20 شخصا في انفجار سيارة مفخخة وسط المدينة.\n")
    assert [v for _, v in bars] == [20]


def test_a_chart_needs_two_bars_to_compare() -> None:
    """One figure or one place: the card or the list says it; no chart of a single bar."""
    from reportgen.present import charts

    def slots(text: str) -> dict[str, int]:
        article = sources.parse(text, "seeds/x.txt")
        view = build_view(Briefing(article, extract_article(article, CFG)), CFG)
        return {c.slot: len(c.bars(view, CFG)) for c in charts.BRIEFING_CHARTS.values()}

    assert slots("قصف على حمص\n\nقتل 5 أشخاص في قصف على حمص.\n") == {"chart": 0, "mentions": 0}
    two = slots("قصف على حمص وحلب\n\nقتل 5 أشخاص في قصف على حمص. وفي حلب قتل 7 أشخاص في قصف آخر.\n")
    assert two == {"chart": 2, "mentions": 2}


def test_a_chart_of_an_article_dense_with_figures_draws_its_largest_bars() -> None:
    # A casualty list of hundreds of tolls: every figure keeps its card, the chart and its table the largest.
    from reportgen.present import charts

    for count in (13, 40, 300):
        text = "حصيلة القصف\n\n" + "\n\n".join(f"قتل {i} شخصا في الحي رقم {i + 1000}." for i in range(1, count + 1))
        article = sources.parse(text, "seeds/x.txt")
        view = build_view(Briefing(article, extract_article(article, CFG)), CFG)
        assert len(view.cards) >= count
        chart = charts.key_figures(view.bars, CFG)
        assert chart is not None
        assert [b.value for b in chart.bars] == list(range(count, count - charts.KEY_FIGURE_BARS, -1))
        assert chart.title == f"أكبر {charts.KEY_FIGURE_BARS} عددًا حسب الفئة"
        assert all(str(v) in chart.alt for v in range(count, count - charts.KEY_FIGURE_BARS, -1))
    few = charts.key_figures(view.bars[: charts.KEY_FIGURE_BARS], CFG)
    assert few is not None and few.title == "الأعداد حسب الفئة" and len(few.bars) == charts.KEY_FIGURE_BARS
