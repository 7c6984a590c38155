"""The real-news scorer (benchmarks/eval_realnews.py) counts what it says it counts.

Scored on hand-made predictions, not on the extractor, so these tests pin the metric definitions:
matching by overlapping span and equal value, accuracies on matched figures, vague magnitudes left out,
and wrong tolls (the worst error) counted on every prediction.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("eval_realnews", ROOT / "benchmarks" / "eval_realnews.py")
assert _spec and _spec.loader
ev = importlib.util.module_from_spec(_spec)
sys.modules["eval_realnews"] = ev  # dataclasses look their module up
_spec.loader.exec_module(ev)

TEXT = "قتل 178 شخصاً وأصيب 20 آخرون، فيما تجاوز عدد النازحين 1.7 مليون شخص وأصيب العشرات."


def fig(text: str, value, category=None, unit=None, qualifier=None, nth: int = 1, **kw) -> dict:  # type: ignore[no-untyped-def]
    start = -1
    for _ in range(nth):
        start = TEXT.index(text, start + 1)
    f = {"value": value, "low": None, "high": None, "unit": unit, "noun": kw.get("noun"), "category": category}
    return f | {"qualifier": qualifier, "text": text, "start": start, "end": start + len(text)} | kw


GOLD = [
    fig("178", 178, "killed"),
    fig("20", 20, "wounded"),
    fig("1.7 مليون", 1700000, "displaced", qualifier="over"),
    fig("العشرات", None, "wounded", qualifier="approx", vague=True),
]
PARA = {"id": "p1", "text": TEXT, "figures": GOLD}


def test_perfect_prediction_scores_one_and_no_wrong_toll() -> None:
    pred = [dict(g) for g in GOLD if not g.get("vague")]
    t = ev.score([PARA], {"p1": pred}).table()
    assert (t["precision"], t["recall"], t["f1"]) == (1.0, 1.0, 1.0)
    assert (t["unit_acc"], t["category_acc"], t["qualifier_acc"]) == (1.0, 1.0, 1.0)
    assert t["wrong_toll"] == 0 and t["gold"] == 3 and t["vague_gold"] == 1


def test_the_issue_example_is_a_wrong_toll_and_a_category_error() -> None:
    # «تجاوز عدد النازحين 1.7 مليون شخص» published as killed, with its «over» lost.
    pred = [fig("178", 178, "killed"), fig("20", 20, "wounded"), fig("1.7 مليون شخص", 1700000, "killed")]
    s = ev.score([PARA], {"p1": pred})
    t = s.table()
    assert t["tp"] == 3 and t["wrong_toll"] == 1 and t["wrong_toll_matched_span"] == 1
    assert t["category_acc"] == round(2 / 3, 3) and t["qualifier_acc"] == round(2 / 3, 3)
    assert any("WRONG-TOLL gold displaced got killed" in e for e in s.errors)


def test_wrong_value_is_a_miss_and_a_spurious_and_casualties_is_killed() -> None:
    pred = [fig("178", 17.8, "killed"), fig("20", 20, "casualties")]
    t = ev.score([PARA], {"p1": pred}).table()
    assert (t["tp"], t["fp"], t["fn"]) == (1, 1, 2)
    # `casualties` («قتلى») on a wounded figure is a wrong toll; on a killed one it would be right.
    assert t["wrong_toll"] == 1


def test_vague_magnitudes_are_neither_hits_nor_false_alarms() -> None:
    pred = [fig("العشرات", None, "wounded")]
    t = ev.score([PARA], {"p1": pred}).table()
    assert (t["tp"], t["fp"], t["fn"]) == (0, 0, 3) and t["vague_span_recall"] == 1.0
    t = ev.score([PARA], {"p1": [fig("العشرات", None, "killed")]}).table()
    assert t["wrong_toll"] == 1


def test_a_toll_category_where_gold_has_no_figure_is_a_wrong_toll() -> None:
    pred = [fig("عدد", 1, "killed"), fig("عدد", 1, "money")]
    t = ev.score([PARA], {"p1": pred}).table()
    assert t["spurious_toll"] == 1 and t["wrong_toll"] == 1 and t["fp"] == 2


def test_each_prediction_matches_one_gold_figure_only() -> None:
    para = {"id": "p2", "text": "5 و5", "figures": [{**fig("178", 5), "start": 0, "end": 1, "text": "5"}]}
    pred = [{**fig("178", 5), "start": 0, "end": 4, "text": "5 و5"}] * 2
    t = ev.score([para], {"p2": pred}).table()
    assert (t["tp"], t["fp"], t["fn"]) == (1, 1, 0)


def test_cross_validation_folds_split_pages_independently_of_the_test_split() -> None:
    import hashlib

    urls = [f"https://example.org/news/{i}" for i in range(200)]
    folds = {u: ev.fold_of(u) for u in urls}
    assert set(folds.values()) == {"a", "b"}
    for u, f in folds.items():
        assert f == ("a" if hashlib.sha256(u.encode()).digest()[1] % 2 == 0 else "b")
    # Both folds hold dev pages (first byte not divisible by 3) and the test split is not one of them.
    dev = [u for u in urls if hashlib.sha256(u.encode()).digest()[0] % 3 != 0]
    assert {folds[u] for u in dev} == {"a", "b"}
