"""Corpus-driven tests: the YAML files under corpus/ are the test table (like Duckling's Corpus.hs)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from corpus_loader import load_corpus

from reportgen import config as config_mod
from reportgen.extract import extract

CFG = config_mod.load(Path(__file__).resolve().parents[2])
REF = date(2017, 11, 18)


def _cases(name: str, key: str):  # type: ignore[no-untyped-def]
    for group in load_corpus(name):
        for text in group["texts"]:
            yield pytest.param(text, group[key], id=f"{text}")


@pytest.mark.parametrize(("text", "value"), list(_cases("numbers.yaml", "value")))
def test_number_corpus(text: str, value: float) -> None:
    x = extract(text, CFG)
    assert [n.value for n in x.numbers] == [pytest.approx(value)], x.numbers
    n = x.numbers[0]
    assert text[n.start : n.end] == n.text
    assert n.rule.startswith("numbers.")


@pytest.mark.parametrize(("text", "expect"), list(_cases("figures.yaml", "expect")))
def test_figure_corpus(text: str, expect: dict) -> None:
    x = extract(text, CFG)
    assert len(x.figures) == 1, x.figures
    f = x.figures[0]
    got = f.to_dict()
    # The corpus states ranges as [lo, hi] and hedges as approximate: compare against the schema's fields.
    got["range"] = [f.low, f.high] if f.high is not None else None
    got["approximate"] = f.qualifier is not None
    for key, want in expect.items():
        if key == "value" and want is not None and (f.high is None or f.value is None):
            assert got["value"] == pytest.approx(want), (key, got)
        elif key == "value" and f.high is not None and f.value is not None:
            assert got["value"] == got["low"], got
        else:
            assert got[key] == want, (key, got)
    assert text[f.start : f.end] == f.text
    assert f.rule.startswith("figures.")


def _negatives():  # type: ignore[no-untyped-def]
    for kind, texts in load_corpus("negative.yaml").items():
        for text in texts:
            yield pytest.param(text, id=f"{kind}:{text}")


@pytest.mark.parametrize("text", list(_negatives()))
def test_negative_corpus(text: str) -> None:
    x = extract(text, CFG, reference_date=REF)
    assert x.figures == (), x.figures


@pytest.mark.parametrize("case", load_corpus("entities.yaml"), ids=lambda c: c["text"])
def test_entity_corpus(case: dict) -> None:
    x = extract(case["text"], CFG)
    found = [(e.type, e.text, e.name) for e in x.entities]
    match = [e for e in found if e[0] == case["type"] and e[1] == case["span"]]
    assert match, found
    if "name" in case:
        assert match[0][2] == case["name"]


@pytest.mark.parametrize("case", load_corpus("dates.yaml"), ids=lambda c: c["text"])
def test_date_corpus(case: dict) -> None:
    x = extract(case["text"], CFG, reference_date=REF)
    found = [(d.text, d.value, d.kind) for d in x.dates]
    assert (case["span"], case["value"], case["kind"]) in found, found


def test_years_are_numbers_but_not_figures() -> None:
    x = extract("في عام 2017 قتل 5 أشخاص", CFG)
    assert [n.value for n in x.numbers] == [2017, 5]
    assert [f.value for f in x.figures] == [5]
    assert any(d.kind == "year" and d.value == "2017" for d in x.dates)


def test_list_with_arabic_comma_is_two_numbers() -> None:
    x = extract("الأرقام 3، 4 و43،552", CFG)
    assert [n.value for n in x.numbers] == [3, 4, 43552]


def test_region_limits_matching_but_keeps_full_offsets() -> None:
    text = "مقتل 5 أشخاص. تدمير 15 معسكراً"
    x = extract(text, CFG, region=(14, len(text)))
    assert [f.value for f in x.figures] == [15]
    f = x.figures[0]
    assert text[f.start : f.end] == f.text == "15 معسكراً"


def test_spans_survive_diacritics_and_tatweel() -> None:
    text = "تدميـر ١٥ مُعَسْكَراً للإرهابيين بـ15 آليّة"
    x = extract(text, CFG)
    for item in (*x.figures, *x.numbers, *x.entities, *x.quotes, *x.dates):
        assert text[item.start : item.end] == item.text
    assert x.figures[0].text == "١٥ مُعَسْكَراً"
    assert x.figures[0].category == "camps_destroyed"
