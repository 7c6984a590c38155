"""One registry of named extraction rules, like Duckling's: each rule is data (name, kind, patterns, word
lists, parameters, examples) plus a pure function that applies it. Every extracted item records the rule
that made it.

Figure rules are written as data in `data/ar/figure_rules.yaml` and loaded with `load`: the engine in
figures.py runs them in order, and tests/extract/test_figure_rules.py runs every rule's examples.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

KINDS = ("numbers", "figures", "entities", "quotes", "dates", "times")


@dataclass(frozen=True, slots=True, eq=False)
class Rule:
    name: str
    kind: str
    pattern: re.Pattern[str] | None
    produce: Callable[..., Any]
    doc: str = ""
    # Rules loaded from data (see `load`): their named patterns, words (normalised), parameters and examples.
    patterns: Mapping[str, re.Pattern[str]] = field(default_factory=dict)
    words: frozenset[str] = frozenset()
    params: Mapping[str, Any] = field(default_factory=dict)
    marks: str = ""  # the rule name an item made by this rule records (default: the rule's own)
    scan: str = ""  # what the engine runs the rule on (figures: "number" or "text")
    examples: tuple[Mapping[str, Any], ...] = ()


REGISTRY: list[Rule] = []
_NAMES: set[str] = set()


def register(
    name: str,
    kind: str,
    pattern: re.Pattern[str] | str | None,
    produce: Callable[..., Any],
    doc: str = "",
    **data: Any,
) -> Rule:
    if kind not in KINDS:
        raise ValueError(f"rule {name!r}: unknown kind {kind!r}")
    if not name.startswith(kind.rstrip("s") + ".") and not name.startswith(kind + "."):
        raise ValueError(f"rule {name!r} must be named '<kind>.<rule>'")
    if name in _NAMES:
        raise ValueError(f"rule {name!r} registered twice")
    compiled = re.compile(pattern) if isinstance(pattern, str) else pattern
    rule = Rule(name, kind, compiled, produce, doc, **data)
    REGISTRY.append(rule)
    _NAMES.add(name)
    return rule


_FIELDS = {"name", "step", "doc", "uses", "patterns", "words", "params", "marks", "scan", "examples"}
_PLACEHOLDER = re.compile(r"\{([A-Za-z_]+)\}")  # «{AR}», «{units}»; regex counts like {2,} are left alone


def _frozen(value: Any) -> Any:
    """Parameters as read-only values: lists become tuples (so `str.endswith` and `in` take them)."""
    if isinstance(value, dict):
        return {k: _frozen(v) for k, v in value.items()}
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    return value


def load(
    kind: str,
    data: Mapping[str, Any],
    steps: Mapping[str, Callable[..., Any]],
    placeholders: Mapping[str, str],
    normalise: Callable[[str], str],
    *,
    scans: tuple[str, ...] = ("number", "text"),
) -> tuple[Rule, ...]:
    """Register the rules of one data file, in its order: `{patterns: {name: regex}, rules: [...]}`.

    Each rule names its `step` (a function in `steps`), the shared patterns it `uses`, its own `patterns`,
    `words`, `params`, `marks`, `scan` and `examples`. A regex may hold `{placeholder}`s, filled from
    `placeholders` (the Arabic letters, lexicon alternations). Mistakes fail at import, naming the rule."""

    def compile_(where: str, regex: str) -> re.Pattern[str]:
        def fill(m: re.Match[str]) -> str:
            if m.group(1) not in placeholders:
                raise ValueError(f"{where}: unknown placeholder {m.group(0)}")
            return placeholders[m.group(1)]

        return re.compile(_PLACEHOLDER.sub(fill, regex))

    shared = {n: compile_(f"pattern {n!r}", p) for n, p in (data.get("patterns") or {}).items()}
    unused = set(shared) - {n for spec in data["rules"] for n in spec.get("uses") or ()}
    if unused:
        raise ValueError(f"shared patterns no rule uses: {sorted(unused)}")
    out = []
    for spec in data["rules"]:
        name = spec.get("name", "?")
        if set(spec) - _FIELDS:
            raise ValueError(f"rule {name!r}: unknown fields {sorted(set(spec) - _FIELDS)}")
        if spec.get("step") not in steps:
            raise ValueError(f"rule {name!r}: unknown step {spec.get('step')!r}")
        scan = spec.get("scan", scans[0])
        if scan not in scans:
            raise ValueError(f"rule {name!r}: scan must be one of {scans}")
        patterns: dict[str, re.Pattern[str]] = {}
        for n in spec.get("uses") or ():
            if n not in shared:
                raise ValueError(f"rule {name!r}: uses unknown pattern {n!r}")
            patterns[n] = shared[n]
        for n, p in (spec.get("patterns") or {}).items():
            patterns[n] = compile_(f"rule {name!r} pattern {n!r}", p)
        out.append(
            register(
                name,
                kind,
                next(iter(patterns.values()), None),
                steps[spec["step"]],
                " ".join(str(spec.get("doc", "")).split()),
                patterns=patterns,
                words=frozenset(normalise(w) for w in spec.get("words") or ()),
                params=_frozen(spec.get("params") or {}),
                marks=spec.get("marks", name),
                scan=scan,
                examples=tuple(spec.get("examples") or ()),
            )
        )
    return tuple(out)
