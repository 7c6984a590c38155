"""Qualifiers («نحو», «أكثر من», «ما لا يقل عن», «أقل من», «حتى») as data: `data/ar/qualifiers.yaml`.

The code a figure carries (approx | over | at_least | under | up_to) and the Arabic label every output shows,
so «أكثر من 200» is never rendered «نحو 200».
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from reportgen.extract.lexicon import alternation, load_data
from reportgen.extract.normalize import ARABIC_LETTERS, norm

_AR = ARABIC_LETTERS


@dataclass(frozen=True, slots=True)
class Qualifiers:
    labels: dict[str, str]
    symbols: dict[str, str]
    before: dict[str, str]  # normalised phrase → code
    after: dict[str, str]
    before_re: re.Pattern[str]
    after_re: re.Pattern[str]
    reached: frozenset[str]  # phrases that state a level reached, not a hedge, after «ل» («ليصل إلى»)


@functools.cache
def table() -> Qualifiers:
    data = load_data("ar/qualifiers.yaml")
    before = {re.sub(r"\s+", " ", norm(w)): code for code, q in data.items() for w in q["before"]}
    after = {re.sub(r"\s+", " ", norm(w)): code for code, q in data.items() for w in q["after"]}
    # Anchored at the number (end of the text before it); a conjunction/preposition clitic may precede.
    # «تجاوز الـ5300»: the article of a definite number may follow the qualifier.
    before_re = re.compile(rf"(?<![{_AR}])(?P<c>[وفبل]{{0,2}})(?P<q>{alternation(list(before))})(?:\s+ال)?\s*$")
    # «20 مهاجراً إفريقياً على الأقل»: one adjective may stand between the counted noun and the qualifier.
    after_re = re.compile(
        rf"(?:[ \t]+[{_AR}]{{3,}}(?:يا|يه|ي|يين|يون)(?=[ \t]))?"
        rf"[ \t]*[،,]?[ \t]*(?P<q>{alternation(list(after))})(?![{_AR}])"
    )
    return Qualifiers(
        labels={code: q["label"] for code, q in data.items()},
        symbols={code: q["symbol"] for code, q in data.items()},
        before=before,
        after=after,
        before_re=before_re,
        after_re=after_re,
        reached=frozenset(
            re.sub(r"\s+", " ", norm(w)) for q in data.values() for w in q.get("reached_after_lam") or []
        ),
    )


def codes() -> tuple[str, ...]:
    return tuple(table().labels)


def label(code: str | None) -> str:
    """The Arabic words an output puts before the number («أكثر من»), or "" for a plain figure."""
    return table().labels.get(code or "", "")


def symbol(code: str | None) -> str:
    return table().symbols.get(code or "", "")


# «تجاوز عدد القتلى 200»: the qualifying verb governs the number through a count head («عدد القتلى»).
_COUNT_HEAD = re.compile(rf"[ \t]+(?:عدد|حصيله|اجمالي|مجموع|نسبه|سعر|اسعار|قيمه)(?:[ \t]+[{_AR}]+){{1,3}}[ \t]*$")


def before(text_before: str) -> str | None:
    """The qualifier introduced right before a number, given the normalised text that precedes it."""
    t = table()
    m = t.before_re.search(text_before)
    if m is None:
        h = _COUNT_HEAD.search(text_before)
        if h is not None:
            m = t.before_re.search(text_before, 0, h.start())
    if m is None:
        return None
    q = re.sub(r"\s+", " ", m.group("q"))
    if q in t.reached and "ل" in m.group("c"):
        return None  # «ليصل إلى 27.43 مليون برميل»: the level reached
    return t.before[q]


def after(text: str, pos: int) -> tuple[str, int] | None:
    """The qualifier that follows a figure at `pos` («15 شخصاً على الأقل») and where it ends."""
    m = table().after_re.match(text, pos)
    return (table().after[re.sub(r"\s+", " ", m.group("q"))], m.end()) if m else None
