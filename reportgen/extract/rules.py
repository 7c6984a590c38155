"""One registry of named extraction rules, like Duckling's: each rule is data (name, kind, pattern) plus
a pure function that turns a match into a value. Every extracted item records the rule that made it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

KINDS = ("numbers", "figures", "entities", "quotes", "dates", "times")


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    kind: str
    pattern: re.Pattern[str] | None
    produce: Callable[..., Any]
    doc: str = ""


REGISTRY: list[Rule] = []
_BY_NAME: dict[str, Rule] = {}


def register(
    name: str, kind: str, pattern: re.Pattern[str] | str | None, produce: Callable[..., Any], doc: str = ""
) -> Rule:
    if kind not in KINDS:
        raise ValueError(f"rule {name!r}: unknown kind {kind!r}")
    if not name.startswith(kind.rstrip("s") + ".") and not name.startswith(kind + "."):
        raise ValueError(f"rule {name!r} must be named '<kind>.<rule>'")
    if name in _BY_NAME:
        raise ValueError(f"rule {name!r} registered twice")
    compiled = re.compile(pattern) if isinstance(pattern, str) else pattern
    rule = Rule(name, kind, compiled, produce, doc)
    REGISTRY.append(rule)
    _BY_NAME[name] = rule
    return rule


def get(name: str) -> Rule:
    return _BY_NAME[name]
