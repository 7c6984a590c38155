"""The real-style news evaluation set (tests/extract/eval/news.yaml) must stay above its quality bar."""

from __future__ import annotations

import importlib.util
import sys

import pytest
from corpus_loader import ROOT

_spec = importlib.util.spec_from_file_location("eval_news", ROOT / "benchmarks" / "eval_news.py")
assert _spec is not None and _spec.loader is not None
eval_news = importlib.util.module_from_spec(_spec)
sys.modules["eval_news"] = eval_news
_spec.loader.exec_module(eval_news)


@pytest.mark.parametrize("units", [False, True], ids=["value", "value+unit"])
@pytest.mark.parametrize("split", ["dev", "holdout"])
def test_split_f1(split: str, units: bool) -> None:
    score = eval_news.evaluate(eval_news.load(split), units)
    assert score.prf()[2] >= 0.95, score.errors


def test_eval_set_is_well_formed() -> None:
    paras = eval_news.load("all")
    assert len(paras) >= 120
    assert len({p["id"] for p in paras}) == len(paras)
    assert sum(p.get("split") == "holdout" for p in paras) == 30
    for p in paras:
        for g in p["figures"]:
            assert set(g) <= {"v", "u", "a", "r", "n"}, (p["id"], g)


def test_scorer_counts_misses_and_spurious() -> None:
    para = {"id": "x", "text": "قتل 5 أشخاص في عام 2020", "figures": [{"v": 5}, {"v": 7, "u": "percent"}]}
    s = eval_news.evaluate([para], True)
    assert (s.tp, s.fp, s.fn) == (1, 0, 1)


CONTRACT_UNITS = {"km2", "km", "m", "m2", "ha", "kg", "ton", "l", "barrel", "percent", "day", "hour", "minute", "month"}
CONTRACT_UNITS |= {"year", "degree_c", "magnitude"}
TIME_UNITS = {"day", "hour", "minute", "second", "week", "month", "year"}


def test_every_lexicon_unit_maps_to_a_contract_code(cfg) -> None:  # type: ignore[no-untyped-def]
    import yaml

    from reportgen.extract import extract

    data = yaml.safe_load((ROOT / "reportgen" / "data" / "lexicon.yaml").read_text(encoding="utf-8"))
    for code, spellings in data["units"].items():
        for sp in spellings:
            x = extract(f"تم نقل 7 {sp} أمس", cfg)
            if code in TIME_UNITS:  # a time expression, not a key figure (issue 15.4)
                assert x.figures == () and [t.unit for t in x.times] == [code], (code, sp, x.times)
                continue
            assert len(x.figures) == 1, (code, sp, x.figures)
            unit = x.figures[0].unit
            assert unit is None or unit in CONTRACT_UNITS, (code, sp, unit)
    for code in data["currencies"]:
        assert len(code) == 3 and code.isupper()
