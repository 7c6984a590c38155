"""Time expressions: a number of days, weeks, months, years, hours, minutes or seconds is a time, not a figure.

Words as data (`data/ar/times.yaml`). «منذ أسبوعين» is `since` (value: the date two weeks before the article's
date), «قبل عامين» `ago`, «بعد ثلاثة أيام» `in`, anything else a `duration` («خلال ثلاثة أيام», «14 يوماً»);
a duration followed by «الماضية» is a past period (value: its first day).
"""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from reportgen.extract.lexicon import alternation, load_data
from reportgen.extract.normalize import ARABIC_LETTERS, norm
from reportgen.extract.rules import register

_AR = ARABIC_LETTERS
_ISO = {"day": "D", "week": "W", "month": "M", "year": "Y", "hour": "H", "minute": "M", "second": "S"}


@dataclass(frozen=True, slots=True)
class _Table:
    before: re.Pattern[str]
    rel: dict[str, str]
    past_after: re.Pattern[str]
    future_after: re.Pattern[str]


@functools.cache
def table() -> _Table:
    raw = load_data("ar/times.yaml")
    rel = {re.sub(r"\s+", " ", norm(w)): r for r, ws in raw["relations"].items() for w in ws}
    after = r"[ \t]+(?:ال)?(?:{})(?![{}])"
    return _Table(
        before=re.compile(rf"(?<![{_AR}])[وفبل]?(?P<r>{alternation(list(rel))})\s*$"),
        rel=rel,
        past_after=re.compile(after.format(alternation([norm(w) for w in raw["past_after"]]), _AR)),
        future_after=re.compile(after.format(alternation([norm(w) for w in raw["future_after"]]), _AR)),
    )


def iso_duration(amount: float | int | None, unit: str) -> str | None:
    """ISO 8601: «P2W», «P14D», «PT48H», «PT30M», «P1.5Y»."""
    if amount is None:
        return None
    n = Decimal(str(amount)).normalize()
    shown = format(n, "f")
    return f"PT{shown}{_ISO[unit]}" if unit in ("hour", "minute", "second") else f"P{shown}{_ISO[unit]}"


def _add_months(d: date, months: int) -> date:
    m = d.month - 1 + months
    y, m = d.year + m // 12, m % 12 + 1
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def shift(ref: date, amount: float | int, unit: str, sign: int) -> str | None:
    """The date `amount` `unit`s after (sign 1) or before (sign -1) `ref`, ISO; hours and minutes keep the day."""
    try:
        if unit == "day":
            return (ref + timedelta(days=sign * float(amount))).isoformat()
        if unit == "week":
            return (ref + timedelta(days=sign * 7 * float(amount))).isoformat()
        if unit in ("month", "year"):
            months = amount * (12 if unit == "year" else 1)
            if float(months).is_integer():
                return _add_months(ref, sign * int(months)).isoformat()
            return (ref + timedelta(days=sign * 30.4375 * float(months))).isoformat()
        if unit in ("hour", "minute", "second"):
            per_day = {"hour": 24, "minute": 24 * 60, "second": 24 * 3600}[unit]
            return (ref + timedelta(days=sign * int(float(amount) // per_day))).isoformat()
    except (OverflowError, ValueError):
        return None
    return None


def relation(text: str, s: int, e: int) -> tuple[str, int]:
    """(relation, start of the relation word or s) for a time expression at normalised [s, e)."""
    t = table()
    m = t.before.search(text, max(0, s - 30), s)
    if m is not None:
        r = t.rel[re.sub(r"\s+", " ", m.group("r"))]
        return r, m.start("r")
    return "duration", s


def resolve(rel: str, amount: float | int | None, unit: str, ref: date | None, text: str, e: int) -> str | None:
    """The ISO date a time expression points to, given the article's date."""
    if ref is None or amount is None:
        return None
    if rel in ("ago", "since"):
        return shift(ref, amount, unit, -1)
    if rel == "in":
        return shift(ref, amount, unit, 1)
    t = table()
    if t.past_after.match(text, e):
        return shift(ref, amount, unit, -1)  # «خلال الأيام 3 الماضية»: the period began then
    if t.future_after.match(text, e):
        return ref.isoformat()
    return None


for _rel, _doc in (
    ("ago", "«قبل عامين»: that long before the article's date"),
    ("since", "«منذ أسبوعين»: from that long before the article's date"),
    ("in", "«بعد ثلاثة أيام»: that long after the article's date"),
    ("duration", "«خلال ثلاثة أيام», «لمدة 14 يوماً»: a length of time, not a key figure"),
):
    register(f"times.{_rel}", "times", None, relation, _doc)
