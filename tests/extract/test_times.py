"""Issue 15 (4): durations and relative times are time expressions, exported apart from key figures."""

from __future__ import annotations

from datetime import date

import pytest
from corpus_loader import load_corpus

from reportgen.extract import extract

REF = date(2024, 3, 31)


def _cases():  # type: ignore[no-untyped-def]
    for group in load_corpus("times.yaml"):
        for text in group["texts"]:
            yield pytest.param(text, group["expect"], id=text)


@pytest.mark.parametrize(("text", "expect"), list(_cases()))
def test_time_corpus(text: str, expect: dict, cfg) -> None:  # type: ignore[no-untyped-def]
    x = extract(text, cfg, reference_date=REF)
    assert x.figures == (), x.figures
    assert len(x.times) == 1, x.times
    t = x.times[0]
    assert text[t.start : t.end] == t.text
    for key, want in expect.items():
        got = getattr(t, key)
        assert got == (pytest.approx(want) if isinstance(want, float) else want), (key, t)
    assert t.rule == f"times.{t.relation}"


def test_relative_times_need_the_article_date(cfg) -> None:  # type: ignore[no-untyped-def]
    x = extract("منذ أسبوعين", cfg)
    assert [(t.duration, t.value) for t in x.times] == [("P2W", None)]


def test_times_sit_beside_figures(cfg) -> None:  # type: ignore[no-untyped-def]
    x = extract("قتل 5 أشخاص منذ أسبوعين وأصيب 7 آخرون خلال ثلاثة أيام", cfg, reference_date=REF)
    assert [(f.value, f.category) for f in x.figures] == [(5, "killed"), (7, "wounded")]
    assert [t.text for t in x.times] == ["منذ أسبوعين", "خلال ثلاثة أيام"]


@pytest.mark.parametrize("text", ["قبل 1500 عام", "عن عمر ناهز 60 عاماً", "في عام 2020", "البالغ 30 عاما"])
def test_not_times_or_figures(text: str, cfg) -> None:  # type: ignore[no-untyped-def]
    x = extract(text, cfg, reference_date=REF)
    assert x.figures == ()


def test_contract_has_times(cfg) -> None:  # type: ignore[no-untyped-def]
    c = extract("قبل عامين", cfg, reference_date=REF).contract()
    assert c["times"] == [
        {
            "text": "قبل عامين",
            "start": 0,
            "end": 9,
            "amount": 2,
            "unit": "year",
            "duration": "P2Y",
            "relation": "ago",
            "value": "2022-03-31",
            "qualifier": None,
            "rule": "times.ago",
        }
    ]
