"""Every figure rule's examples (reportgen/data/ar/figure_rules.yaml) run as tests, and every rule is needed:
with the rule taken out of the engine, at least one of its own examples must fail."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from reportgen import config as config_mod
from reportgen.extract import extract
from reportgen.extract import figures as figures_mod
from reportgen.extract import rules as rules_mod
from reportgen.extract.normalize import norm

CFG = config_mod.load(Path(__file__).resolve().parents[2])
RULES = figures_mod.RULES
# Fields every expected figure states (an unstated one must be null); `rule` and `text` only when given.
READING = ("value", "low", "high", "unit", "noun", "qualifier")


def _mismatch(example: dict[str, Any]) -> str | None:
    """Why the extractor's output differs from the example, or None when it matches."""
    x = extract(example["text"], CFG)
    want = example["expect"]
    got = x.figures
    if len(got) != len(want):
        return f"{len(got)} figures, expected {len(want)}: {[f.to_dict() for f in got]}"
    for f, w in zip(got, want, strict=True):
        for key in (*READING, *(k for k in ("rule", "text") if k in w)):
            if getattr(f, key) != w.get(key):
                return f"{key}: got {getattr(f, key)!r}, expected {w.get(key)!r} in {f.to_dict()} ({f.rule})"
    if "times" in example:
        times = [{"amount": t.amount, "unit": t.unit} for t in x.times]
        if times != example["times"]:
            return f"times: got {times}, expected {example['times']}"
    return None


CASES = [pytest.param(ex, id=f"{r.name}:{i}:{ex['text'][:30]}") for r in RULES for i, ex in enumerate(r.examples)]


@pytest.mark.parametrize("example", CASES)
def test_rule_example(example: dict[str, Any]) -> None:
    assert _mismatch(example) is None, _mismatch(example)


def test_every_rule_has_examples_and_is_registered() -> None:
    assert RULES and all(r.examples for r in RULES), [r.name for r in RULES if not r.examples]
    registered = {r.name for r in rules_mod.REGISTRY}
    assert {r.name for r in RULES} <= registered
    assert {r.marks for r in RULES} <= registered  # what a figure records as its rule is a rule
    known = {"text", "expect", "times"}
    assert all(set(ex) <= known for r in RULES for ex in r.examples)


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_rule_is_needed_by_its_examples(rule: rules_mod.Rule, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(figures_mod, "RULES", tuple(r for r in RULES if r is not rule))
    failing = [ex["text"] for ex in rule.examples if _mismatch(ex) is not None]
    assert failing, f"{rule.name}: every example still passes without the rule (a dead rule or weak examples)"


def test_engine_runs_the_rules_in_their_order(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    steps = []
    for r in RULES:

        def spy(*args: Any, _r: rules_mod.Rule = r, _f: Any = r.produce) -> Any:
            seen.append(_r.name)
            return _f(*args)

        steps.append(
            rules_mod.Rule(r.name, r.kind, r.pattern, spy, r.doc, r.patterns, r.words, r.params, r.marks, r.scan)
        )
    monkeypatch.setattr(figures_mod, "RULES", tuple(steps))
    # «15 معسكراً» passes every number rule (none rejects it); then the text rule (duals) runs.
    extract("تدمير 15 معسكراً", CFG)
    assert seen == [r.name for r in RULES if r.scan == "number"] + [r.name for r in RULES if r.scan == "text"]


def _load(spec: dict[str, Any], data: dict[str, Any] | None = None) -> None:
    rules_mod.load("figures", {"rules": [spec], **(data or {})}, figures_mod.STEPS, {"AR": "ا-ي"}, norm)


@pytest.mark.parametrize(
    ("spec", "data", "error"),
    [
        ({"name": "figures.t1", "step": "nope"}, None, "unknown step"),
        ({"name": "figures.t2", "step": "span", "colour": 1}, None, "unknown fields"),
        ({"name": "figures.t3", "step": "span", "patterns": {"p": "[{XX}]"}}, None, "unknown placeholder"),
        ({"name": "figures.t4", "step": "span", "uses": ["missing"]}, None, "unknown pattern"),
        ({"name": "figures.t5", "step": "span", "scan": "page"}, None, "scan must be"),
        ({"name": "figures.t6", "step": "span"}, {"patterns": {"unused": "x"}}, "no rule uses"),
    ],
)
def test_rule_data_mistakes_fail_loudly(spec: dict[str, Any], data: dict[str, Any] | None, error: str) -> None:
    before = len(rules_mod.REGISTRY)
    with pytest.raises(ValueError, match=error):
        _load(spec, data)
    assert len(rules_mod.REGISTRY) == before  # nothing half-registered


def test_placeholders_fill_but_counts_stay() -> None:
    rule = next(r for r in RULES if r.name == "figures.ordinal")
    pattern = rule.patterns["def_plural_before"].pattern
    assert "{AR}" not in pattern and "{2,}" in pattern
