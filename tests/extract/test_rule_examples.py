"""Every registered rule that is not a figure rule has examples as data (reportgen/data/ar/rule_examples.yaml),
and they run as tests through the public extractor: each example must yield an item made by its rule with the
expected fields. Where a rule can be switched off cheaply, each of its examples must fail without it.

Figure rules keep their examples in figure_rules.yaml (tests/extract/test_figure_rules.py)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from reportgen import config as config_mod
from reportgen.extract import dates as dates_mod
from reportgen.extract import entities as entities_mod
from reportgen.extract import extract
from reportgen.extract import numbers as numbers_mod
from reportgen.extract import rules as rules_mod
from reportgen.extract.lexicon import load_data

CFG = config_mod.load(Path(__file__).resolve().parents[2])
EXAMPLES: dict[str, list[dict[str, Any]]] = load_data("ar/rule_examples.yaml")
RULES = [r for r in rules_mod.REGISTRY if r.kind != "figures"]
BY_NAME = {r.name: r for r in RULES}
# Fields an expected item may state, by the output list it is found in.
FIELDS = {
    "numbers": {"text", "value"},
    "dates": {"text", "value", "kind", "hijri"},
    "entities": {"text", "type", "name"},
    "quotes": {"text", "speaker"},
    "times": {"text", "amount", "unit", "relation", "duration", "value"},
    "figures": {"text", "value", "low", "high", "unit", "noun", "qualifier"},
}
NEVER = re.compile(r"(?P<g>(?!))")  # a pattern that matches nothing (group g for the gazetteer's users)


def _mismatch(name: str, example: dict[str, Any]) -> str | None:
    """Why the extractor's output differs from the example, or None when it matches."""
    ref = date.fromisoformat(example["date"]) if example.get("date") else None
    text = example["text"]
    x = extract(text, CFG, reference_date=ref)
    if "blocks" in example:
        s = text.index(example["blocks"])
        e = s + len(example["blocks"])
        inside = [i.text for i in (*x.numbers, *x.figures) if s <= i.start < e]
        return f"numbers or figures inside the blocked span: {inside}" if inside else None
    where = example.get("in", BY_NAME[name].kind)
    want = example["expect"]
    items = getattr(x, where)
    # A rule's own items record its name; approximate numbers are only seen as the figures they make.
    mine = [i for i in items if where != BY_NAME[name].kind or i.rule == name]
    same = [i for i in mine if i.text == want["text"]]
    if not same:
        return f"no {where} item {want['text']!r} by {name}; got {[(i.text, i.rule) for i in items]}"
    for key, value in want.items():
        if getattr(same[0], key) != value:
            return f"{key}: got {getattr(same[0], key)!r}, expected {value!r} in {same[0]}"
    return None


CASES = [
    pytest.param(name, ex, id=f"{name}:{i}:{ex['text'][:30]}")
    for name, exs in EXAMPLES.items()
    for i, ex in enumerate(exs)
]


def test_every_registered_rule_has_examples() -> None:
    missing = sorted(set(BY_NAME) - set(EXAMPLES))
    assert not missing, f"rules without examples in rule_examples.yaml: {missing}"
    unknown = sorted(set(EXAMPLES) - set(BY_NAME))
    assert not unknown, f"examples of rules that are not registered (or are figure rules): {unknown}"
    assert all(EXAMPLES[n] for n in BY_NAME), [n for n in BY_NAME if not EXAMPLES[n]]


def test_examples_are_well_formed() -> None:
    for name, exs in EXAMPLES.items():
        for ex in exs:
            assert set(ex) <= {"text", "date", "expect", "in", "blocks"}, (name, ex)
            assert ("expect" in ex) != ("blocks" in ex), (name, ex)
            if "blocks" in ex:
                assert ex["blocks"] in ex["text"], (name, ex)
                continue
            where = ex.get("in", BY_NAME[name].kind)
            assert "text" in ex["expect"] and set(ex["expect"]) <= FIELDS[where], (name, ex)


@pytest.mark.parametrize(("name", "example"), CASES)
def test_rule_example(name: str, example: dict[str, Any]) -> None:
    problem = _mismatch(name, example)
    assert problem is None, problem


def _switch_off(rule: rules_mod.Rule, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Take one rule out of the extractor, if that is cheap; False when it is not."""
    if rule in dates_mod.DATE_RULES or rule in dates_mod.BLOCK_RULES:
        monkeypatch.setattr(dates_mod, "DATE_RULES", [r for r in dates_mod.DATE_RULES if r is not rule])
        monkeypatch.setattr(dates_mod, "BLOCK_RULES", [r for r in dates_mod.BLOCK_RULES if r is not rule])
        return True
    if rule.name == "entities.gazetteer":
        monkeypatch.setattr(entities_mod, "_gazetteer", lambda extra: (NEVER, {}))
        return True
    if rule.name == "numbers.approximate":
        monkeypatch.setattr(numbers_mod, "APPROX", NEVER)
        return True
    # Entity and quote rules are module patterns; two quote rules share one (switching it off drops both).
    attrs = [a for a, v in vars(entities_mod).items() if rule.pattern is not None and v is rule.pattern]
    for attr in attrs:
        monkeypatch.setattr(entities_mod, attr, NEVER)
    return bool(attrs)


# Rules the extractor cannot run without cheaply: the number rules name the kind of number one scan found
# (numbers.py), dates.year_bare is a number figures.py reads as a year, entities.surname refers back to the
# people other rules found, and the times rules are the relation of one time expression (times.py). For these
# the rule name an item records is the evidence the rule made it.
NOT_SWITCHABLE = {
    "numbers.digits",
    "numbers.words",
    "numbers.mixed",
    "numbers.fraction",
    "dates.year_bare",
    "entities.surname",
    "times.ago",
    "times.since",
    "times.in",
    "times.duration",
}


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_examples_need_their_rule(rule: rules_mod.Rule, monkeypatch: pytest.MonkeyPatch) -> None:
    if rule.name in NOT_SWITCHABLE:
        with monkeypatch.context() as m:
            assert not _switch_off(rule, m), f"{rule.name} can be switched off now: drop it from NOT_SWITCHABLE"
        return
    assert _switch_off(rule, monkeypatch), f"{rule.name}: no way to switch it off; add one or list it in NOT_SWITCHABLE"
    passing = [ex["text"] for ex in EXAMPLES[rule.name] if _mismatch(rule.name, ex) is None]
    assert not passing, f"{rule.name}: these examples still pass without the rule: {passing}"
