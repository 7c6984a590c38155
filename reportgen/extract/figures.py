"""Figures: a number together with what it counts (noun) or measures (unit, currency, percent),
with qualifiers, ranges, duals and categories from config (nouns/context as data).

How a number becomes a figure is a list of rules, as data: `data/ar/figure_rules.yaml` (each with its
examples, run as tests by tests/extract/test_figure_rules.py). This module is the engine that runs them
in order (`find_figures`, `find_text_figures`), the steps they name (`STEPS`: the code for what needs
code) and the categorisation of a figure by the config's nouns, units and context words (`categorise`).

Decisions (see tests/extract/eval/news.yaml for the labelled evidence):
- Approximate plurals («عشرات القرى», «العشرات», «عشرات الآلاف») are figures with value null, qualifier approx,
  and low/high bounding the magnitude: a plural of a unit means at least two of it and fewer than the next
  magnitude word, so «عشرات» is 20–99, «مئات» 200–999, «آلاف» 2,000–9,999, «عشرات الآلاف» 20,000–99,999.
- Shares of a whole («ربع المدينة», «ثلاثة أرباع الموازنة», «3/4 السكان») are figures: the fraction and the whole.
- Degrees are temperatures (degree_c) or earthquake magnitudes (magnitude) by the sentence; else counted.
  Index and basis points («25 نقطة») are counted figures.
- Durations and relative times are not figures but time expressions (extract/times.py).
- Not figures: rainfall in mm, sports scores («3-1», «بثلاثة أهداف مقابل هدف»), rates («واحد من كل خمسة»),
  relative times («قبل شهرين»), ranks («المرتبة 25»), ages, years, dates, clock times, ordinals and
  identifiers.
- Units outside the contract's codes are converted (week → 7 days, g → kg, dunum → 1000 m²) or kept as the
  counted noun with no unit (megawatt, m³). A bare currency name takes the nearest named country's currency.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from reportgen.config import Category, Config
from reportgen.extract import events as _events
from reportgen.extract import qualifiers as _qualifiers
from reportgen.extract.dates import MONTH_ALT
from reportgen.extract.lexicon import alternation, lexicon, load_data
from reportgen.extract.normalize import ARABIC_LETTERS, norm
from reportgen.extract.numbers import NumHit
from reportgen.extract.rules import Rule, load

LEX = lexicon()
_AR = ARABIC_LETTERS

# Figures in these units are time expressions (extract/times.py), not key figures: «منذ أسبوعين», «14 يوماً».
TIME_UNITS = frozenset({"day", "hour", "minute", "second", "week", "month", "year"})
_BROKEN = {
    lemma for form, lemma in LEX.noun_forms.items() if form != lemma and not form.endswith(("ين", "ون", "ات", "ا"))
}
_PLURAL_FORMS = {form for form, lemma in LEX.noun_forms.items() if form != lemma}
# Lemmas whose plural is in «ات» only («مخيم» → «مخيمات»): their «ين» form is a dual, not a plural.
_FEM_PLURAL = {lemma for form, lemma in LEX.noun_forms.items() if form.endswith("ات") and form != lemma} - {
    lemma for form, lemma in LEX.noun_forms.items() if form.endswith(("ين", "ون")) and form != lemma
}
_CURRENCY_CODES = frozenset(LEX.currencies.values())
_BARE_CURRENCY = {
    spelling: code
    for spelling, code in LEX.currencies.items()
    if " " not in spelling and code in LEX.currency_by_country
}


@functools.cache
def _country_pattern(default: str) -> tuple[re.Pattern[str], dict[str, str]]:
    names = {n: code for code, ns in LEX.currency_by_country[default].items() for n in ns}
    pat = re.compile(rf"(?<![{_AR}])[وفبلك]{{0,2}}(?P<c>{alternation(list(names))})(?![{_AR}])")
    return pat, {re.sub(r"\s+", " ", n): c for n, c in names.items()}


def currency_in_context(text: str, pos: int, spelling: str, code: str) -> str:
    """A bare currency name («دينار») takes the currency of the country named nearest to the amount."""
    if spelling not in _BARE_CURRENCY:
        return code
    pat, names = _country_pattern(code)
    best: tuple[int, str] | None = None
    for m in pat.finditer(text, max(0, pos - CONTEXT_WINDOW), min(len(text), pos + CONTEXT_WINDOW)):
        d = abs(m.start() - pos)
        if best is None or d < best[0]:
            best = (d, names[re.sub(r"\s+", " ", m.group("c"))])
    return best[1] if best else code


@dataclass(slots=True)
class FigHit:
    s: int
    e: int
    value: int | float | None
    rule: str
    unit: str | None = None
    noun_s: int | None = None
    noun_e: int | None = None
    lemma: str | None = None
    category: str | None = None
    hedged: bool = False  # a hedge word stands by it («نحو»), whether or not it names a qualifier
    low: int | float | None = None  # a stated range («بين 10 و15»): its ends
    high: int | float | None = None
    qualifier: str | None = None
    magnitude: int | None = None  # «عشرات» 10, «مئات الآلاف» 100000: an approximate plural's order of size


def lemma_of(word: str, known: frozenset[str]) -> str | None:
    """The lemma of a normalised noun form via the lexicon table and suffix stripping, or None."""
    forms = LEX.noun_forms
    cands = [word]
    if word.startswith("ال") and len(word) > 3:
        cands.append(word[2:])
    for w in cands:
        if w in forms:
            return forms[w]
        if w in known:
            return w
        for suffix, repl in (
            ("ا", ""),
            ("ات", "ه"),
            ("ات", ""),
            ("ين", ""),
            ("ون", ""),
            ("ان", ""),
            ("تين", "ه"),
            ("تان", "ه"),
            ("يين", "ي"),
            ("يون", "ي"),
            ("ه", ""),
        ):
            if w.endswith(suffix) and len(w) - len(suffix) >= 2:
                c = w[: -len(suffix)] + repl
                if c in forms:
                    return forms[c]
                if c in known:
                    return c
    return None


@dataclass(frozen=True, slots=True)
class _Cat:
    key: str
    nouns: tuple[tuple[str, str], ...]  # (lemma of first word, rest normalised)
    units: frozenset[str]
    context: re.Pattern[str] | None


@functools.cache
def _categories_of(categories: tuple[Category, ...]) -> tuple[tuple[_Cat, ...], frozenset[str]]:
    cats = []
    known: set[str] = set(LEX.noun_forms.values())
    for c in categories:
        nouns = []
        for n in c.nouns:
            words = norm(n).split()
            first = words[0]
            lem = LEX.noun_forms.get(first, first)
            known.add(lem)
            nouns.append((lem, " ".join(words[1:])))
        ctx = None
        if c.context:
            words = alternation([norm(w) for w in c.context])
            ctx = re.compile(rf"(?<![{_AR}])(?:[وفبل]|ال|وال|بال|لل)?(?:{words})")
        cats.append(_Cat(c.key, tuple(nouns), frozenset(c.units), ctx))
    return tuple(cats), frozenset(known)


_LAST_CATEGORIES: list[tuple[tuple[Category, ...], tuple[tuple[_Cat, ...], frozenset[str]]]] = []


def _categories(config: Config) -> tuple[tuple[_Cat, ...], frozenset[str]]:
    # The same config object is asked once per figure: skip hashing its categories every time.
    if _LAST_CATEGORIES and _LAST_CATEGORIES[0][0] is config.categories:
        return _LAST_CATEGORIES[0][1]
    got = _categories_of(config.categories)
    _LAST_CATEGORIES[:] = [(config.categories, got)]
    return got


# How far (characters) a bare currency name looks for the country whose currency it is.
CONTEXT_WINDOW = 300


class ContextIndex:
    """Where each category's context words occur in one text, found once, so a figure's clause is checked by
    bisection instead of rescanning the clause per figure (long run-on clauses stay linear)."""

    __slots__ = ("_pos", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._pos: dict[str, list[int]] = {}

    def positions(self, cat: _Cat) -> list[int]:
        got = self._pos.get(cat.key)
        if got is None:
            got = [m.start() for m in cat.context.finditer(self._text)] if cat.context else []
            self._pos[cat.key] = got
        return got


def categorise(
    config: Config,
    text: str,
    clause: tuple[int, int],
    pos: int,
    lemma: str | None,
    unit: str | None,
    noun_end: int,
    index: ContextIndex | None = None,
) -> str | None:
    """First config category whose noun/unit matches and whose context (if any) is in the figure's clause;
    when several need context, the one whose context word is nearest the number wins. Human tolls (killed,
    wounded, …) are not decided here but by the event word governing the figure (events.py)."""
    cats, _ = _categories(config)
    best: tuple[int, str] | None = None
    index = index or ContextIndex(text)
    event_keys = _events.categories()
    for c in cats:
        if c.key in event_keys:
            continue
        if unit is not None:
            ok = unit in c.units
        elif lemma is not None:
            ok = any(
                lem == lemma
                and (not rest or text.startswith(rest, noun_end + 1) or text.startswith("ال" + rest, noun_end + 1))
                for lem, rest in c.nouns
            )
        else:
            ok = False
        if not ok:
            continue
        if c.context is None:
            if best is None:
                return c.key
            continue
        ps = index.positions(c)
        i = bisect.bisect_left(ps, clause[0])
        dist = None
        while i < len(ps) and ps[i] < clause[1]:
            d = abs(ps[i] - pos)
            dist = d if dist is None else min(dist, d)
            i += 1
        if dist is not None and (best is None or dist < best[0]):
            best = (dist, c.key)
    return best[1] if best else None


def _unit_code(u: str) -> tuple[str, bool]:
    u = re.sub(r"\s+", " ", u)
    if u in LEX.currencies:
        return LEX.currencies[u], True
    return LEX.units[u], False


HEAD_WINDOW = 300  # characters around a number searched for what it counts (sentences may be megabytes)


# ---------------------------------------------------------------------------------------------------- engine
# The figure rules are data (data/ar/figure_rules.yaml); each names one of the steps below. A step gets the
# candidate figure being built for one number, the scan's shared state and its rule (patterns, words,
# params), refines the candidate and returns True to reject the number ("not a figure").


class _Scan:
    """What every step of one text's scan shares: the text, the numbers, the figures so far."""

    __slots__ = ("blocked", "figs", "known", "nums", "text", "used", "years")

    def __init__(self, text: str, nums: list[NumHit], blocked: list[tuple[int, int]], known: frozenset[str]):
        self.text, self.nums, self.blocked, self.known = text, nums, blocked, known
        self.figs: list[FigHit] = []
        self.years: set[int] = set()  # starts of numbers judged to be years
        self.used: set[int] = set()  # indices of numbers taken by an earlier figure (a range's high end)


class _Cand:
    """The figure being built for one number: its span, reading and what the rules found so far."""

    __slots__ = (
        "_nm",
        "bare_approx",
        "before",
        "end",
        "h",
        "hedged",
        "idx",
        "is_money",
        "lemma",
        "noun_e",
        "noun_s",
        "partitive",
        "pre_noun",
        "qualifier",
        "resolved",
        "rng",
        "rule",
        "sent",
        "share",
        "start",
        "um",
        "unit",
        "value",
    )

    def __init__(self, h: NumHit, idx: int, sent: tuple[int, int], text: str) -> None:
        self.h, self.idx, self.sent = h, idx, sent
        self.before = text[max(sent[0], h.s - 40) : h.s]
        self.start, self.end = h.s, h.e
        self.value: int | float | None = h.value
        self.rng: tuple[int | float, int | float] | None = None
        self.hedged = h.approx
        self.rule = ""
        self.unit: str | None = None
        self.is_money = False
        self.um: re.Match[str] | None = None  # the unit after the number
        self.lemma: str | None = None
        self.noun_s: int | None = None
        self.noun_e: int | None = None
        self.pre_noun: tuple[int, int, str] | None = None  # a counted noun found before the number
        self.partitive = False  # counts people named elsewhere («منهم», «قتل 3»)
        # «ربع», «ثلاثة أرباع», «3/4»: a fraction below one is a share of what follows it.
        self.share = h.rule == "numbers.fraction" or (isinstance(h.value, float) and 0 < h.value < 1)
        # «العشرات», «عشرات الآلاف» with nothing counted after them still count people or things.
        self.bare_approx = h.approx and (text.startswith("ال", h.s - 2) or " " in text[h.s : h.e])
        self.resolved = False  # what a bare number counts is settled
        self.qualifier: str | None = None
        self._nm: tuple[int, re.Match[str] | None] | None = None

    def noun_after(self, text: str, noun: re.Pattern[str]) -> re.Match[str] | None:
        """The word after the number (or after «(N)» only when the number opened the parenthesis)."""
        if self._nm is None or self._nm[0] != self.end:
            e, h = self.end, self.h
            ok = text[e : e + 1] != ")" or text[h.s - 1 : h.s] == "("
            self._nm = (e, noun.match(text, e) if ok else None)
        return self._nm[1]

    def uncounted(self) -> bool:
        """Nothing found yet that the number counts or measures."""
        return (
            self.unit is None
            and self.noun_s is None
            and not self.partitive
            and not self.bare_approx
            and not self.resolved
        )

    def hit(self) -> FigHit:
        h = self.h
        mag = h.scale if h.approx and h.value is None else None
        low, high = self.rng if self.rng is not None else (None, None)
        return FigHit(
            self.start,
            self.end,
            self.value,
            self.rule,
            unit=self.unit,
            noun_s=self.noun_s,
            noun_e=self.noun_e,
            lemma=self.lemma,
            hedged=self.hedged,
            low=low,
            high=high,
            qualifier=self.qualifier,
            magnitude=mag,
        )


_STEPS_OF: list[tuple[tuple[Rule, ...], list[tuple[Callable[..., Any], Rule]]]] = []


def _number_steps(rules: tuple[Rule, ...]) -> list[tuple[Callable[..., Any], Rule]]:
    """The number rules' (step, rule) pairs, made once per rule list (a test may swap the list)."""
    if not _STEPS_OF or _STEPS_OF[0][0] is not rules:
        _STEPS_OF[:] = [(rules, [(r.produce, r) for r in rules if r.scan == "number"])]
    return _STEPS_OF[0][1]


def find_figures(
    text: str, nums: list[NumHit], blocked: list[tuple[int, int]], sentences: list[tuple[int, int]], config: Config
) -> tuple[list[FigHit], set[int]]:
    """Figures from number hits: the `number` rules, in order, on each number. Returns figures and the starts
    of numbers judged to be years."""
    _, known = _categories(config)
    steps = _number_steps(RULES)
    x = _Scan(text, nums, blocked, known)
    si = 0
    for idx, h in enumerate(nums):
        if idx in x.used or any(a <= h.s < b for a, b in blocked):
            continue
        while si < len(sentences) - 1 and sentences[si][1] <= h.s:
            si += 1
        c = _Cand(h, idx, sentences[si] if sentences else (0, len(text)), text)
        for step, r in steps:
            if step(c, x, r):
                break
        else:
            x.figs.append(c.hit())
    return x.figs, x.years


def find_text_figures(text: str, taken: list[tuple[int, int]], config: Config) -> list[FigHit]:
    """Figures found in the whole text rather than at a number: the `text` rules (duals)."""
    out: list[FigHit] = []
    for r in RULES:
        if r.scan == "text":
            out += r.produce(text, taken, config, r)
    return out


def _approximate(c: _Cand, x: _Scan, r: Rule) -> bool:
    c.rule = r.marks if c.h.approx else r.params["otherwise"]
    return False


def _reject_before(c: _Cand, x: _Scan, r: Rule) -> bool:
    before, after = r.patterns.get("before"), r.patterns.get("after")
    return (before is not None and before.search(c.before) is not None) or (
        after is not None and after.match(x.text, c.end) is not None
    )


def _ordinal(c: _Cand, x: _Scan, r: Rule) -> bool:
    h, p = c.h, r.patterns
    if h.value is None or h.words or not p["article_before"].search(c.before):
        return False
    dm = p["def_plural_before"].search(c.before)
    w = dm.group("n")[2:] if dm else ""
    lem = lemma_of(w, x.known) if w in _PLURAL_FORMS or w.endswith(r.params["plural_endings"]) else None
    if dm is None or lem is None:
        # «الـ15»: an ordinal / reference — unless a unit or an accusative counted noun follows
        # («الـ70 دولاراً», «الـ20 مواطناً»: the count named before). The noun must be one the lexicon or
        # the config knows: an accusative adverb or adjective («مباراته الـ100 دوليا», «ميلاده الـ80 غدا»)
        # looks the same and leaves the number an ordinal.
        nxt = p["noun"].match(x.text, h.e)
        after = nxt.group("n") if nxt is not None else ""
        counted_after = after.endswith("ا") and not after.startswith("ال") and lemma_of(after, x.known) is not None
        return not (p["unit_tight"].match(x.text, h.e) or counted_after)
    off = h.s - len(c.before)
    c.pre_noun = (off + dm.start("n"), off + dm.end("n"), lem)  # «العمال الـ41»
    return False


def _one_after_noun(c: _Cand, x: _Scan, r: Rule) -> bool:
    h = c.h
    if h.words and h.value == 1 and x.text[h.s : h.e] in r.words:
        nm = r.patterns["noun_before"].search(c.before)
        if nm is not None:
            w, ws = nm.group("n"), nm.start("n")
            lem = lemma_of(w, x.known) if w not in LEX.not_nouns else None
            if lem is None and w[0] in "وفبل" and w[1:] not in LEX.not_nouns:
                lem, ws = lemma_of(w[1:], x.known), ws + 1  # «وعائلة واحدة»: a clitic on the noun
            if lem is not None:
                off = h.s - len(c.before)
                c.pre_noun = (off + ws, off + nm.end("n"), lem)
    return False


def _one_after_unit(c: _Cand, x: _Scan, r: Rule) -> bool:
    h, before = c.h, c.before
    if c.pre_noun is not None or not (h.words and h.value == 1 and x.text[h.s : h.e] in r.words):
        return False  # «شخص واحد»: figures.one_after_noun found what it counts
    um1 = r.patterns["unit_before"].search(before)
    if um1 is None and r.patterns["and_before"].search(before):
        return False  # «3 حالات بكركوك وواحدة بديالى»: perhaps the next item of a list; the rules after decide
    if um1 is not None and not _unit_code(um1.group("u"))[1]:
        code0 = _unit_code(um1.group("u"))[0]
        # Time units keep their own unit: «أسبوعاً واحداً» is a time expression of one week.
        code, factor = (code0, 1) if code0 in TIME_UNITS else LEX.unit_conversions.get(code0, (code0, 1))
        off = h.s - len(before)
        hedged = bool(r.patterns["hedge"].search(before[: um1.start("u")]))
        x.figs.append(FigHit(off + um1.start("u"), h.e, _scaled(1, factor), r.marks, unit=code, hedged=hedged))
    return True


def _two_after_dual(c: _Cand, x: _Scan, r: Rule) -> bool:
    h = c.h
    if h.words and h.value == 2 and x.text[h.s : h.e] in r.words:
        dm = r.patterns["dual_noun_before"].search(c.before)
        if dm and dm.group("n") not in LEX.not_nouns:
            off = h.s - len(c.before)
            c.pre_noun = (off + dm.start("n"), off + dm.end("n"), lemma_of(dm.group("n"), x.known) or "")
    return False


def _range(c: _Cand, x: _Scan, r: Rule) -> bool:
    h, text, p, idx = c.h, x.text, r.patterns, c.idx
    if h.value is None or idx + 1 >= len(x.nums):
        return False
    nxt = x.nums[idx + 1]
    m = p["dash"].match(text, h.e)
    if not m and p["between_before"].search(c.before):
        m = p["and"].match(text, h.e)
    if not m and p["from_before"].search(c.before):
        m = p["to"].match(text, h.e)
    if not m and p["unit_or_noun_after"].match(text, nxt.e) and not p["unit_or_noun_after"].match(text, h.e):
        m = p["to"].match(text, h.e)  # «5 إلى 6 درجات»: both ends share what follows the second
    nxt_free = not any(a <= nxt.s < b for a, b in x.blocked)
    if m and m.end() == nxt.s and nxt.value is not None and nxt_free:
        lo, hi = h.value, nxt.value
        if h.scale == 1 and nxt.scale > 1 and lo * nxt.scale <= hi * 10:
            lo = lo * nxt.scale
            if isinstance(lo, float) and lo.is_integer():
                lo = int(lo)
        if lo <= hi:
            c.rng, c.value, c.end, c.rule = (lo, hi), None, nxt.e, r.marks
            x.used.add(idx + 1)
    return False


def _unit_after(c: _Cand, x: _Scan, r: Rule) -> bool:
    h, text, p = c.h, x.text, r.patterns
    if c.pre_noun is not None:
        return False
    um = (p["unit"] if h.approx or h.scale > 1 else p["unit_tight"]).match(text, c.end)
    if um is None:
        return False
    c.um = um
    unit, c.is_money = _unit_code(um.group("u"))
    if c.is_money:
        unit = currency_in_context(text, h.s, re.sub(r"\s+", " ", um.group("u")), unit)
    near = (max(c.sent[0], h.s - HEAD_WINDOW), min(c.sent[1], c.end + HEAD_WINDOW))
    area = r.params["area"]  # «مساحة 20 كم»: the abbreviation of km is km² when the sentence speaks of area
    if unit == area["unit"] and um.group("u") in area["spellings"] and p["area"].search(text, *near):
        unit = area["becomes"]
    if unit in LEX.unit_conversions and unit not in TIME_UNITS:
        unit, factor = LEX.unit_conversions[unit]
        c.value = _scaled(c.value, factor)
        rng = c.rng
        c.rng = (_scaled(rng[0], factor), _scaled(rng[1], factor)) if rng else None  # type: ignore[assignment]
    elif unit in LEX.noun_units:
        unit, c.noun_s, c.noun_e = None, um.start("u"), um.end("u")  # «1,200 ميغاواط»: counted, no unit code
    c.unit = unit
    c.end = um.end()
    return False


def _currency_sign(c: _Cand, x: _Scan, r: Rule) -> bool:
    m = r.patterns["before"].search(c.before) if c.um is None else None
    if m is not None:  # «$85», «€40 مليون», «£ 120»: the sign names the currency and starts the figure
        c.unit, c.is_money = r.params["units"][m.group("sign")], True
        c.start = c.h.s - len(c.before) + m.start("sign")
    return False


def _noun_before(c: _Cand, x: _Scan, r: Rule) -> bool:
    if c.noun_s is None and c.pre_noun is not None:
        c.noun_s, c.noun_e, c.lemma = c.pre_noun[0], c.pre_noun[1], c.pre_noun[2] or None
        c.start = c.noun_s
        c.rule = r.marks
    return False


def _noun_slot(c: _Cand) -> bool:
    """The word after the number may be its counted noun: nothing counted or measured found yet."""
    return c.noun_s is None and c.pre_noun is None and c.unit is None and not c.partitive


def _partitive(c: _Cand, x: _Scan, r: Rule) -> bool:
    if _noun_slot(c):
        nm = c.noun_after(x.text, r.patterns["noun"])
        if nm and nm.group("n") in r.words and not nm.group("min"):
            c.partitive, c.end, c.rule = True, nm.end("n"), r.marks  # «قتل 5 منهم»
    return False


def _definite_ok(c: _Cand, nm: re.Match[str]) -> bool:
    """«من الجنود», «عشرات القرى», «3 آلاف الأسر», «ربع المدينة»: where a definite noun is counted."""
    return bool(nm.group("min")) or c.h.approx or c.h.scale > 1 or c.share


def _counted(c: _Cand, x: _Scan, r: Rule) -> bool:
    if _noun_slot(c):
        nm = c.noun_after(x.text, r.patterns["noun"])
        if nm:
            w = nm.group("n")
            known_form = _definite_ok(c, nm) or not w.startswith("ال") or w in LEX.noun_forms
            lem = lemma_of(w, x.known) if known_form else None
            if lem is not None:
                c.lemma, c.noun_s, c.noun_e = lem, nm.start("n"), nm.end("n")
    return False


def _open_noun_step(c: _Cand, x: _Scan, r: Rule) -> bool:
    if _noun_slot(c):
        nm = c.noun_after(x.text, r.patterns["noun"])
        if nm:
            w = nm.group("n")
            if (not w.startswith("ال") or _definite_ok(c, nm)) and _open_noun(w):
                c.lemma, c.noun_s, c.noun_e = None, nm.start("n"), nm.end("n")
                c.rule = r.marks if c.rule == r.params["unless_rule"] else c.rule
    return False


def _not_year(c: _Cand, x: _Scan, r: Rule) -> bool:
    h = c.h
    year_like = isinstance(h.value, int) and r.params["first"] <= h.value <= r.params["last"]
    if year_like and not h.words and c.rng is None and c.lemma is None and (c.unit is None or c.unit in TIME_UNITS):
        x.years.add(h.s)
        return True
    return False


def _share(c: _Cand, x: _Scan, r: Rule) -> bool:
    if not c.share or c.unit is not None:
        return False
    text, h = x.text, c.h
    pronoun = text[h.s : h.e].split()[-1] in LEX.pronoun_fractions  # «نصفهم»
    if (c.noun_s is None and not pronoun) or (c.noun_s is not None and text[c.noun_s : c.noun_e] in LEX.not_shares):
        return True  # a bare «نصف»; «ربع النهائي» (the quarter-final)
    c.partitive = c.partitive or (c.noun_s is None and pronoun)  # «ربعهم»: a share of those just named
    c.rule = r.marks
    return False


def _count_verb_before(c: _Cand, x: _Scan, r: Rule) -> bool:
    if c.unit is not None or c.noun_s is not None or c.partitive or c.h.value is None:
        return False
    if r.patterns["before"].search(c.before):
        c.partitive, c.rule = True, r.marks  # «قتل 3 وأصيب 5»
    return False


def _not_score(c: _Cand, x: _Scan, r: Rule) -> bool:
    return (
        c.lemma == r.params["lemma"]
        and c.noun_e is not None
        and bool(r.patterns["score_after"].match(x.text, c.noun_e))
    )


def _list_item_step(c: _Cand, x: _Scan, r: Rule) -> bool:
    if not c.uncounted() or c.h.value is None or not x.figs:
        return False
    if _list_item(x.text, c.sent, _list_head(x.figs), c.h.s, c.end, r):
        c.resolved = True
        c.rule = r.marks
    return False


def _count_of(c: _Cand, x: _Scan, r: Rule) -> bool:
    h, text, sent = c.h, x.text, c.sent
    if not c.uncounted() or h.value is None:
        return False
    # The head must be within a few words: looking back HEAD_WINDOW characters keeps this linear in long
    # sentences.
    heads = list(r.patterns["head"].finditer(text, max(sent[0], h.s - HEAD_WINDOW), h.s))
    if heads:
        hm = heads[-1]
        n = hm.group("n")
        n = "ال" + n[2:] if n.startswith("لل") else n  # «للشهداء» = ل + «الشهداء»
        lem = lemma_of(n, x.known) or _events.event_noun(n)
        rb = r.patterns["reach_before"]
        # «بلغ عدد القتلى … 15» or «ارتفعت حصيلة القتلى … إلى 45»: the verb before the head or the number
        reached = rb.search(c.before) or rb.search(text, max(sent[0], hm.start() - 20), hm.start())
        reach = r.params["words_between_after_reach"] if reached else None
        if lem is not None and len(text[hm.end() : h.s].split()) <= (reach or r.params["words_between"]):
            c.lemma, c.rule, c.resolved = lem, r.marks, True
            return False
    if r.patterns["count_end"].match(text, c.end):
        ev = _events.event_noun_before(text, max(sent[0], h.s - r.params["event_window"]), h.s)
        if ev is not None:
            c.lemma, c.rule, c.resolved = ev, r.marks, True  # «العدد الإجمالي للوفيات بمرض الكوليرا 36،»
    return False


def _scaled_step(c: _Cand, x: _Scan, r: Rule) -> bool:
    h = c.h
    if c.uncounted() and h.value is not None and h.words and h.scale >= r.params["min_scale"]:
        c.rule, c.resolved = r.marks, True
        prev = x.figs[-1] if x.figs else None
        if prev is not None and prev.s >= c.sent[0] and prev.unit in _CURRENCY_CODES:
            c.unit, c.is_money = prev.unit, True  # «5.5 مليارات دولار، منها 3.2 مليارات»: the same currency
    return False


def _count_verb_after(c: _Cand, x: _Scan, r: Rule) -> bool:
    if c.uncounted() and c.h.value is not None and _events.verb_follows(x.text, c.end):
        c.rule, c.resolved = r.marks, True  # «36 لقوا حتفهم»
    return False


def _part_of(c: _Cand, x: _Scan, r: Rule) -> bool:
    if not c.uncounted() or c.h.value is None:
        return False
    p = r.patterns
    if p["own"].search(c.before):
        c.rule, c.resolved = r.marks, True  # «البالغ عددهم 13»
        return False
    prev = x.figs[-1] if x.figs else None
    if prev is None or prev.s < c.sent[0] or prev.value is None or prev.unit is not None:
        return False
    if prev.lemma is None and prev.noun_s is None and prev.rule not in r.params["heads"]:
        return False
    if p["before"].search(c.before):
        c.rule, c.resolved = r.marks, True  # «273 نائبا، من بينهم 213», «33 حريقا من أصل 40»
    return False


def _quake_strength(c: _Cand, x: _Scan, r: Rule) -> bool:
    v, q, p = c.h.value, r.params, r.patterns
    if c.unit is not None or not isinstance(v, int | float) or not q["low"] <= v <= q["high"]:
        return False
    if p["before"].search(c.before) and p["quake"].search(x.text, c.sent[0], c.sent[1]):
        c.unit, c.rule = q["unit"], r.marks  # «زلزال بقوة 7.4 فجر اليوم»: a magnitude with no «درجة»
    return False


def _parallel(c: _Cand, x: _Scan, r: Rule) -> bool:
    if not c.uncounted() or not isinstance(c.h.value, int) or c.h.value < (1 if c.h.words else 2):
        return False
    prev = x.figs[-1] if x.figs else None
    if prev is None or prev.s < c.sent[0] or prev.unit is not None or not isinstance(prev.value, int):
        return False
    if prev.lemma is None and prev.noun_s is None and prev.rule not in r.params["heads"]:
        return False
    p = r.patterns
    if p["before"].search(c.before) and p["after"].match(x.text, c.end):
        c.rule, c.resolved = r.marks, True  # «تقدم 15365 طالبًا، وحضر 15355، ونجح 13975»
    return False


def _rate_percent(c: _Cand, x: _Scan, r: Rule) -> bool:
    if c.unit is None and c.h.value is not None and r.patterns["before"].search(c.before):
        c.unit = r.params["unit"]  # «بنسبة 0.4 من 44.66»: a rate, whatever word follows
    return False


def _compared(c: _Cand, x: _Scan, r: Rule) -> bool:
    if not c.uncounted() or c.h.value is None:
        return False
    prev = x.figs[-1] if x.figs else None
    if prev is None or prev.s < c.sent[0] or prev.unit is None or prev.unit in TIME_UNITS:
        return False
    m = r.patterns["before"].search(c.before)
    if m is not None and c.h.s - len(c.before) + m.start() - prev.e <= r.params["gap"]:
        c.unit, c.is_money, c.resolved = prev.unit, prev.unit in _CURRENCY_CODES, True  # «244.68% مقابل 225.37»
        c.rule = r.marks
    return False


def _same_unit(c: _Cand, x: _Scan, r: Rule) -> bool:
    v, q = c.h.value, r.params
    if not c.uncounted() or not isinstance(v, int | float) or not q["low"] <= v <= q["high"]:
        return False
    prev = x.figs[-1] if x.figs else None
    if prev is None or prev.s < c.sent[0] or prev.e > c.h.s or prev.unit not in q["units"]:
        return False  # «5 درجات تحت الصفر»: «الصفر» is part of the figure before
    if r.patterns["after"].match(x.text, c.end):
        c.unit, c.rule, c.resolved = prev.unit, r.marks, True  # «52.6 درجة في الجنوب، والكويت فوق 50»
    return False


def _not_counted(c: _Cand, x: _Scan, r: Rule) -> bool:
    return c.uncounted()


def _not_age(c: _Cand, x: _Scan, r: Rule) -> bool:
    if c.unit != r.params["unit"]:
        return False
    p = r.patterns
    return bool(
        p["before"].search(c.before) or (p["paren_before"].search(c.before) and p["paren_after"].match(x.text, c.end))
    )


def _not_valueless(c: _Cand, x: _Scan, r: Rule) -> bool:
    if c.h.value is not None or c.unit is not None or c.bare_approx:
        return False
    return (c.lemma is None and c.rule != r.params["unless_rule"]) or c.noun_s is None


def _span(c: _Cand, x: _Scan, r: Rule) -> bool:
    text, h = x.text, c.h
    if c.noun_s is not None and c.pre_noun is None:
        c.end = c.noun_e  # type: ignore[assignment]
    if c.bare_approx and c.noun_s is None and text.startswith("ال", h.s - 2):
        c.start = h.s - 2  # «العشرات»
    if text[c.start - 1 : c.start] == "(" and text[h.e : h.e + 1] == ")":
        c.start -= 1  # «(1.250.000) نسمة»
    return False


def _qualifier(c: _Cand, x: _Scan, r: Rule) -> bool:
    qualifier = _qualifiers.before(c.before)
    if qualifier is None:
        qa = _qualifiers.after(x.text, c.end)
        qualifier = qa[0] if qa else None
    if qualifier is None and c.hedged:
        qualifier = "approx"  # «عشرات القرى»: a magnitude, not a count
    if r.patterns["hedge"].search(c.before) or r.patterns["hedge_after"].match(x.text, c.end) or qualifier is not None:
        c.hedged = True
    c.qualifier = qualifier
    return False


def _degree(c: _Cand, x: _Scan, r: Rule) -> bool:
    if c.unit != r.params["unit"] or c.um is None:
        return False
    text, sent, um, p = x.text, c.sent, c.um, r.patterns
    if p["quake"].search(text, sent[0], sent[1]):
        c.unit = "magnitude"
    elif p["heat"].search(text, sent[0], sent[1]) or any(w in text[um.start("u") : um.end("u") + 8] for w in r.words):
        c.unit = "degree_c"
        bz = p["below_zero"].match(text, c.end)
        if bz is not None and isinstance(c.value, int | float) and c.value > 0:
            c.value, c.end = -c.value, bz.end()  # «5 درجات تحت الصفر»
    else:
        c.unit, c.noun_s, c.noun_e = None, um.start("u"), um.end("u")  # «7 درجات»: degrees of what is unsaid
    return False


def _mark_unit(c: _Cand, x: _Scan, r: Rule) -> bool:
    if c.unit == r.params["unit"] and c.rule not in r.params["unless_rule"]:
        c.rule = r.marks
    return False


def _mark_money(c: _Cand, x: _Scan, r: Rule) -> bool:
    if (
        c.unit is not None
        and c.is_money
        and c.unit != r.params["unless_unit"]
        and c.rule not in r.params["unless_rule"]
    ):
        c.rule = r.marks
    return False


def _mark_other_unit(c: _Cand, x: _Scan, r: Rule) -> bool:
    p = r.params
    if c.unit is not None and not c.is_money and c.unit != p["unless_unit"] and c.rule not in p["unless_rule"]:
        c.rule = r.marks
    return False


def _not_one(c: _Cand, x: _Scan, r: Rule) -> bool:
    return c.value == 1 and c.unit is None and c.lemma is None and c.rule not in r.params["unless_rule"]


def _list_head(figs: list[FigHit]) -> FigHit:
    """The figure a list of bare numbers belongs to: the last one that is not itself a list item."""
    for f in reversed(figs):
        if f.rule != "figures.list_item":
            return f
    return figs[-1]


def _list_item(text: str, sent: tuple[int, int], head: FigHit, s: int, e: int, r: Rule) -> bool:
    """A bare number in a list after a marker that follows a figure in the same sentence («هي 11 في حلب»)."""
    if head.s < sent[0]:
        return False
    p, q = r.patterns, r.params
    mk = None
    # Bounded: the marker stands just before or after the head figure (run-on text stays linear).
    lo, hi = max(sent[0], head.s - q["marker_before"]), min(s, head.e + q["marker_after"])
    for found in p["marker"].finditer(text, lo, hi):
        mk = found
    if mk is None or len(text[mk.end() : s].split()) > q["max_words"]:
        return False
    before = text[max(mk.end(), s - q["look_back"]) : s]
    return bool(p["item_before"].search(before) or not before.strip()) and bool(p["item_after"].match(text, e))


def _scaled(v: int | float | None, factor: float) -> int | float | None:
    if v is None:
        return None
    d = Decimal(str(v)) * Decimal(str(factor))
    return int(d) if d == d.to_integral_value() else float(d)


def _open_noun(w: str) -> bool:
    """An unknown word after a number counts as its noun unless it is a particle, verb-like or a date."""
    if w in LEX.not_nouns or len(w) < 3:
        return False
    if w[0] == "و" and (w[1:] in LEX.not_nouns or w[1:] in LEX.noun_forms or w[1] in "اي"):
        return False
    if w[0] == "و" and w[1:] in LEX.number_words:
        return False  # «2 وواحدة في حمص»: the next number of a list
    if w[0] in "يت" and len(w) >= 4 and w.endswith(("ون", "ان")):
        return False  # imperfect verbs «يقاتلون»
    if w[0] in "بل" and (w[1:] in LEX.noun_forms or lemma_of(w[1:], frozenset()) is not None):
        return False  # «بحالات»: a preposition on a known noun
    if w[0] in "بل" and LEX.units.get(w[1:]) in TIME_UNITS:
        return False  # «225.37 لشهر نوفمبر»: a preposition on a time word, not a counted noun
    if len(w) > 4 and w.startswith(("لل", "بال", "فال")):
        return False  # «للمطالبة»: a prepositional phrase, not a counted noun
    return not w.endswith(("وا",))


def _dual_stem(w: str, cat_lemmas: set[str]) -> tuple[str, bool] | None:
    """The lemma a dual form counts and whether it is feminine, or None when it is no known noun's dual."""
    if w.endswith(("تين", "تان")):
        stem, fem = w[:-3] + "ه", True
    elif w.endswith(("تي", "تا")):
        stem, fem = w[:-2] + "ه", True
    else:
        stem, fem = w[:-2], False
    if stem not in cat_lemmas and fem:
        # «سيدتان»: a listed form of a lemma («سيدة» → امرأة); «طفلتان»: the feminine of a known lemma
        stem = LEX.noun_forms.get(stem) or (w[: len(stem) - 1] if w[: len(stem) - 1] in cat_lemmas else stem)
    if stem not in cat_lemmas or len(stem) < 3:
        return None
    return stem, fem


def _duals(text: str, taken: list[tuple[int, int]], config: Config, r: Rule) -> list[FigHit]:
    """«سيارتين», «شخصين»: a dual of a counted noun is the figure 2."""
    cats, _ = _categories(config)
    cat_lemmas = {lem for c in cats for lem, _ in c.nouns} | set(LEX.lemma_display)
    hedge, score_after = r.patterns["hedge"], r.patterns["score_after"]
    out: list[FigHit] = []
    for m in r.patterns["dual"].finditer(text):
        w = m.group("w")
        if w.startswith("ال") or w in _PLURAL_FORMS or any(a <= m.start("w") < b for a, b in taken):
            continue
        if w in LEX.not_duals:
            continue  # «طالبان», «رمضان»: names, not duals
        before = text[max(0, m.start() - 40) : m.start()]
        if w in LEX.unit_duals:
            code0 = LEX.unit_duals[w]
            code, factor = (code0, 1) if code0 in TIME_UNITS else LEX.unit_conversions.get(code0, (code0, 1))
            qualifier = _qualifiers.before(before)
            out.append(
                FigHit(
                    m.start("w"),
                    m.end("w"),
                    _scaled(2, factor),
                    r.marks,
                    unit=code,
                    hedged=bool(hedge.search(before)),
                    qualifier=qualifier,
                )
            )
            continue
        ds = _dual_stem(w, cat_lemmas)
        ws = m.start("w")
        if ds is None and ws > m.start():
            w, ws = text[m.start() : m.end("w")], m.start()  # «ولايتين»: the «و» is the word's own letter
            ds = _dual_stem(w, cat_lemmas)
        if ds is None:
            continue
        stem, fem = ds
        if not fem and w.endswith("ين") and stem not in _BROKEN and stem not in _FEM_PLURAL:
            continue  # «مسلحين» is a plural, not a dual («مخيمين» is a dual: the plural is «مخيمات»)
        if fem and w.endswith(("تي", "تا")) and r.patterns["named_pair"].match(text, m.end("w")):
            continue  # «مدينتي تل أبيض ورأس العين»: two places named, not a count
        if stem == r.params["lemma_score"] and (
            score_after.match(text, m.end("w")) or text[m.start() : ws].endswith("ل") or before.endswith("مقابل ")
        ):
            continue  # «بهدفين لهدف», «3 أهداف لهدفين»: a score
        if out and not text[out[-1].e : ws].strip():
            continue  # «طائرتين مسيرتين»: an agreeing dual adjective, not a second figure
        approx = bool(hedge.search(before))
        out.append(
            FigHit(
                ws,
                m.end("w"),
                2,
                r.marks,
                noun_s=ws,
                noun_e=m.end("w"),
                lemma=stem,
                hedged=approx,
                qualifier=_qualifiers.before(before),
            )
        )
    return out


STEPS: dict[str, Callable[..., Any]] = {
    "approximate": _approximate,
    "reject_before": _reject_before,
    "ordinal": _ordinal,
    "one_after_noun": _one_after_noun,
    "one_after_unit": _one_after_unit,
    "two_after_dual": _two_after_dual,
    "range": _range,
    "unit_after": _unit_after,
    "currency_sign": _currency_sign,
    "noun_before": _noun_before,
    "partitive": _partitive,
    "counted": _counted,
    "open_noun": _open_noun_step,
    "not_year": _not_year,
    "share": _share,
    "count_verb_before": _count_verb_before,
    "not_score": _not_score,
    "list_item": _list_item_step,
    "count_of": _count_of,
    "scaled": _scaled_step,
    "count_verb_after": _count_verb_after,
    "part_of": _part_of,
    "quake_strength": _quake_strength,
    "parallel": _parallel,
    "rate_percent": _rate_percent,
    "compared": _compared,
    "same_unit": _same_unit,
    "not_counted": _not_counted,
    "not_age": _not_age,
    "not_valueless": _not_valueless,
    "span": _span,
    "qualifier": _qualifier,
    "degree": _degree,
    "mark_unit": _mark_unit,
    "mark_money": _mark_money,
    "mark_other_unit": _mark_other_unit,
    "not_one": _not_one,
    "duals": _duals,
}

# The figure rules, in the order the engine runs them (data/ar/figure_rules.yaml).
RULES: tuple[Rule, ...] = load(
    "figures",
    load_data("ar/figure_rules.yaml"),
    STEPS,
    {
        "AR": _AR,
        "units": alternation(list(LEX.units) + list(LEX.currencies)),
        "hedges": alternation(LEX.hedges),
        "count_heads": alternation(LEX.count_heads),
        "age_words": alternation(LEX.age_words),
        "count_verbs": alternation(LEX.count_verbs),
        "list_markers": alternation(LEX.list_markers),
        "months": MONTH_ALT,
    },
    norm,
)
