"""Figures: a number together with what it counts (noun) or measures (unit, currency, percent),
with hedges (approximate), ranges, duals and categories from config (nouns/context as data).

Decisions (see tests/extract/eval/news.yaml for the labelled evidence):
- Approximate plurals («عشرات القرى», «العشرات», «عشرات الآلاف») are figures with value null, qualifier approx,
  and low/high bounding the magnitude: a plural of a unit means at least two of it and fewer than the next
  magnitude word, so «عشرات» is 20–99, «مئات» 200–999, «آلاف» 2,000–9,999, «عشرات الآلاف» 20,000–99,999.
- Shares of a whole («ربع المدينة», «ثلاثة أرباع الموازنة», «3/4 السكان») are figures: the fraction and the whole.
- Degrees are temperatures (degree_c) or earthquake magnitudes (magnitude) by the sentence; else counted.
- Durations and relative times are not figures but time expressions (extract/times.py).
- Not figures: earthquake magnitudes and temperatures («درجات»), index points and basis points («نقطة»),
  rainfall in mm, sports scores («3-1», «بثلاثة أهداف مقابل هدف»), rates («واحد من كل خمسة»), relative times
  («قبل شهرين»), ranks («المرتبة 25»), ages, years, dates, clock times, ordinals and identifiers.
- Units outside the contract's codes are converted (week → 7 days, g → kg, dunum → 1000 m²) or kept as the
  counted noun with no unit (megawatt, m³). A bare currency name takes the nearest named country's currency.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from decimal import Decimal

from reportgen.config import Category, Config
from reportgen.extract import events as _events
from reportgen.extract import qualifiers as _qualifiers
from reportgen.extract.lexicon import alternation, lexicon
from reportgen.extract.normalize import ARABIC_LETTERS, norm
from reportgen.extract.numbers import NumHit
from reportgen.extract.rules import register

LEX = lexicon()
_AR = ARABIC_LETTERS
_NOT_AR = rf"(?![{_AR}])"

_UNIT_ALT = alternation(list(LEX.units) + list(LEX.currencies))
# A number in parentheses may come first: «(1.250.000) نسمة».
UNIT = re.compile(rf"\)?[ \t]*(?:ال)?(?P<u>{_UNIT_ALT}){_NOT_AR}")
UNIT_TIGHT = re.compile(rf"\)?[ \t]*(?P<u>{_UNIT_ALT}){_NOT_AR}")
NOUN = re.compile(rf"\)?(?:[ \t]+|(?<=\d)(?=[{_AR}]))(?:(?P<min>من)[ \t]+)?(?P<n>[{_AR}]{{2,}})")
# «ارتفعت حصيلة الوفيات بعد غرق المركب قبالة السواحل إلى 46»: a count reaching its number.
REACH_BEFORE = re.compile(rf"(?<![{_AR}])[وفل]?(?:ارتفع|ارتفعت|بلغ|بلغت|وصل|وصلت|تجاوز|تجاوزت)(?:\s+الي)?\s*$")
# «بقوة 6.2 درجات على مقياس ريختر» is a magnitude; «52 درجة مئوية» a temperature.
QUAKE = re.compile(r"ريختر|زلزال|الزلزال|هزه|الهزه|بقوه")
HEAT = re.compile(r"مئويه|حراره|الحراره|الطقس|الحر\b|سيلزيوس|تحت الصفر|الصغري|العظمي")
BELOW_ZERO = re.compile(r"[ \t]+تحت[ \t]+الصفر")
RANGE_DASH = re.compile(r"[ \t]*[-–—][ \t]*(?=\d)")
RANGE_TO = re.compile(r"[ \t]*(?:الي|حتي)[ \t]+")
RANGE_AND = re.compile(r"[ \t]*و[ \t]*")
UNIT_OR_NOUN_AFTER = re.compile(rf"[ \t]+(?!الي|حتي|و)[{_AR}]{{2,}}")
BEFORE_BETWEEN = re.compile(r"(?:^|[\s])(?:ما\s+)?بين\s*$")
BEFORE_FROM = re.compile(r"(?:^|[\s])من\s*$")
HEDGE = re.compile(rf"(?<![{_AR}])[وفبل]{{0,2}}(?:{alternation(LEX.hedges)})\s*$")
HEDGE_AFTER = re.compile(r"[ \t]*[،,]?[ \t]*(?:تقريبا|علي\s+الاقل|او\s+اكثر|علي\s+اقل\s+تقدير)")
DOLLAR_BEFORE = re.compile(r"[$€£]\s*$")
ORDINAL_BEFORE = re.compile(rf"(?<![{_AR}])ال$")
AGE_BEFORE = re.compile(rf"(?<![{_AR}])[وفب]?(?:{alternation(LEX.age_words)})(?:\s+من\s+العمر)?\s*$")
AGE_PAREN = re.compile(r"[(،,]\s*$")
AGE_PAREN_AFTER = re.compile(r"\s*[)،,]")
COUNT_HEAD = re.compile(rf"(?<![{_AR}])[وبل]?(?:{alternation(LEX.count_heads)})\s+(?P<n>ال[{_AR}]+)")
AREA = re.compile(r"مساح")
EVERY_BEFORE = re.compile(rf"(?<![{_AR}])[وفب]?كل\s*$")  # «واحد من كل خمسة أطفال», «كل 3 أيام»: a rate
# «العمال الـ41»: a definite plural noun before «الـN» makes N a count of it, not an ordinal.
DEF_PLURAL_BEFORE = re.compile(rf"(?<![{_AR}])[وفبل]?(?P<n>ال[{_AR}]{{2,}})\s+ال$")
# «موظفين اثنين»: the number 2 (a word) agrees after a dual noun.
DUAL_NOUN_BEFORE = re.compile(rf"(?<![{_AR}])[وفبل]?(?P<n>[{_AR}]{{2,}}(?:ين|ان))\s+$")
COUNT_VERB_BEFORE = re.compile(
    rf"(?<![{_AR}])[وف]?(?:{alternation(LEX.count_verbs)})(?:\s+(?:{alternation(LEX.hedges)}))?\s*$"
)
# «بثلاثة أهداف مقابل هدف», «3 أهداف لهدف»: a score, not a count.
SCORE_AFTER = re.compile(rf"\s+(?:مقابل|ل)\s*(?:\d|هدف|[{_AR}]+\s+اهداف|لا\s+شيء)")
PARTITIVE = {"منهم", "منهن", "منهما"}
UNIT_BEFORE = re.compile(rf"(?<![{_AR}])(?P<u>{_UNIT_ALT})\s+$")  # «يوماً واحداً», «ساعة واحدة»
_ONE_WORDS = {norm(w) for w in ("واحد", "واحدا", "واحدة")}
_TWO_WORDS = {norm(w) for w in ("اثنين", "اثنان", "اثنتين", "اثنتان")}
DUAL = re.compile(
    rf"(?<![{_AR}\w])[وفبل]?"
    rf"(?P<w>[{_AR}]{{2,}}(?:تين|تان|ين|ان)|[{_AR}]{{2,}}(?:تي|تا)(?=[ \t]+(?!ال)[{_AR}]))(?![{_AR}\w])"
)  # «سيارتين», «يومين»; the feminine dual in construct before an indefinite noun: «حالتي وفاة»
_AFTER_UNIT_NOUN_OK = {"km2", "km", "m2", "m", "ha", "dunum", "kg", "ton", "l", "barrel", "m3", "g"}
# Figures in these units are time expressions (extract/times.py), not key figures: «منذ أسبوعين», «14 يوماً».
TIME_UNITS = frozenset({"day", "hour", "minute", "week", "month", "year"})
_BROKEN = {
    lemma for form, lemma in LEX.noun_forms.items() if form != lemma and not form.endswith(("ين", "ون", "ات", "ا"))
}
_PLURAL_FORMS = {form for form, lemma in LEX.noun_forms.items() if form != lemma}
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
    unit: str | None
    noun_s: int | None
    noun_e: int | None
    lemma: str | None
    category: str | None
    approximate: bool
    range: tuple[int | float, int | float] | None
    rule: str
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


def find_figures(
    text: str, nums: list[NumHit], blocked: list[tuple[int, int]], sentences: list[tuple[int, int]], config: Config
) -> tuple[list[FigHit], set[int]]:
    """Figures from number hits. Returns figures and the starts of numbers judged to be years."""
    _, known = _categories(config)
    figs: list[FigHit] = []
    years: set[int] = set()
    used: set[int] = set()
    si = 0

    def sentence_of(p: int) -> tuple[int, int]:
        nonlocal si
        while si < len(sentences) - 1 and sentences[si][1] <= p:
            si += 1
        return sentences[si] if sentences else (0, len(text))

    for idx, h in enumerate(nums):
        if idx in used or any(a <= h.s < b for a, b in blocked):
            continue
        sent = sentence_of(h.s)
        before = text[max(sent[0], h.s - 40) : h.s]
        if EVERY_BEFORE.search(before):
            continue
        start, end = h.s, h.e
        pre_noun: tuple[int, int, str] | None = None
        if h.value is not None and not h.words and ORDINAL_BEFORE.search(before):
            dm = DEF_PLURAL_BEFORE.search(before)
            w = dm.group("n")[2:] if dm else ""
            lem = lemma_of(w, known) if w in _PLURAL_FORMS or w.endswith(("ين", "ون", "ات")) else None
            if dm is None or lem is None:
                # «الـ15»: an ordinal / reference — unless a unit or an accusative counted noun follows
                # («الـ70 دولاراً», «الـ20 مواطناً»: the count named before).
                nxt = NOUN.match(text, h.e)
                counted_after = nxt is not None and nxt.group("n").endswith("ا") and not nxt.group("n").startswith("ال")
                if not (UNIT_TIGHT.match(text, h.e) or counted_after):
                    continue
            else:
                off = h.s - len(before)
                pre_noun = (off + dm.start("n"), off + dm.end("n"), lem)  # «العمال الـ41»
        elif h.words and h.value == 1 and text[h.s : h.e] in _ONE_WORDS:
            um1 = UNIT_BEFORE.search(before)
            if um1 is not None and not _unit_code(um1.group("u"))[1]:
                code0 = _unit_code(um1.group("u"))[0]
                # Time units keep their own unit: «أسبوعاً واحداً» is a time expression of one week.
                code, factor = (code0, 1) if code0 in TIME_UNITS else LEX.unit_conversions.get(code0, (code0, 1))
                off = h.s - len(before)
                figs.append(
                    FigHit(
                        off + um1.start("u"),
                        h.e,
                        _scaled(1, factor),
                        code,
                        None,
                        None,
                        None,
                        None,
                        bool(HEDGE.search(before[: um1.start("u")])),
                        None,
                        "figures.unit",
                    )
                )
            continue
        elif h.words and h.value == 2 and text[h.s : h.e] in _TWO_WORDS:
            dm = DUAL_NOUN_BEFORE.search(before)
            if dm and dm.group("n") not in LEX.not_nouns:
                off = h.s - len(before)
                pre_noun = (off + dm.start("n"), off + dm.end("n"), lemma_of(dm.group("n"), known) or "")
        value = h.value
        rng = None
        approximate = h.approx
        rule = "figures.approximate" if h.approx else "figures.counted"
        # Ranges: «10-15», «بين 10 و15», «من 10 إلى 15».
        if h.value is not None and idx + 1 < len(nums):
            nxt = nums[idx + 1]
            m = RANGE_DASH.match(text, h.e)
            if not m and BEFORE_BETWEEN.search(before):
                m = RANGE_AND.match(text, h.e)
            if not m and BEFORE_FROM.search(before):
                m = RANGE_TO.match(text, h.e)
            if not m and UNIT_OR_NOUN_AFTER.match(text, nxt.e) and not UNIT_OR_NOUN_AFTER.match(text, h.e):
                m = RANGE_TO.match(text, h.e)  # «5 إلى 6 درجات»: both ends share what follows the second
            nxt_free = not any(a <= nxt.s < b for a, b in blocked)
            if m and m.end() == nxt.s and nxt.value is not None and nxt_free:
                lo, hi = h.value, nxt.value
                if h.scale == 1 and nxt.scale > 1 and lo * nxt.scale <= hi * 10:
                    lo = lo * nxt.scale
                    if isinstance(lo, float) and lo.is_integer():
                        lo = int(lo)
                if lo <= hi:
                    rng = (lo, hi)
                    value = None
                    end = nxt.e
                    used.add(idx + 1)
                    rule = "figures.range"
        # What follows: unit/currency/percent, else a counted noun.
        unit = None
        lemma = None
        noun_s = noun_e = None
        # «ربع», «ثلاثة أرباع», «3/4»: a fraction below one is a share of what follows it.
        share = h.rule == "numbers.fraction" or (isinstance(h.value, float) and 0 < h.value < 1)
        is_money = False
        um = (UNIT if h.approx or h.scale > 1 else UNIT_TIGHT).match(text, end)
        if pre_noun is not None:
            um = None
        if um:
            unit, is_money = _unit_code(um.group("u"))
            if is_money:
                unit = currency_in_context(text, h.s, re.sub(r"\s+", " ", um.group("u")), unit)
            near = (max(sent[0], h.s - HEAD_WINDOW), min(sent[1], end + HEAD_WINDOW))
            if unit == "km" and um.group("u") == "كم" and AREA.search(text, *near):
                unit = "km2"
            if unit in LEX.unit_conversions and unit not in TIME_UNITS:
                unit, factor = LEX.unit_conversions[unit]
                value = _scaled(value, factor)
                rng = (_scaled(rng[0], factor), _scaled(rng[1], factor)) if rng else None  # type: ignore[assignment]
            elif unit in LEX.noun_units:
                unit, noun_s, noun_e = None, um.start("u"), um.end("u")  # «1,200 ميغاواط»: counted, no unit code
            end = um.end()
        elif DOLLAR_BEFORE.search(before):
            unit, is_money = "USD", True
            start = before.rfind("$") + h.s - len(before) if "$" in before else start
        partitive = False
        if noun_s is not None:
            pass
        elif pre_noun is not None:
            noun_s, noun_e, lemma = pre_noun[0], pre_noun[1], pre_noun[2] or None
            start = noun_s
            rule = "figures.noun_before"
        elif unit is None:
            nm = NOUN.match(text, end) if text[end : end + 1] != ")" or text[h.s - 1 : h.s] == "(" else None
            if nm and nm.group("n") in PARTITIVE and not nm.group("min"):
                partitive, end, rule = True, nm.end("n"), "figures.partitive"  # «قتل 5 منهم»
            elif nm:
                w = nm.group("n")
                definite_ok = bool(nm.group("min")) or h.approx or h.scale > 1 or share
                lem = lemma_of(w, known) if (definite_ok or not w.startswith("ال") or w in LEX.noun_forms) else None
                if lem is not None:
                    lemma, noun_s, noun_e = lem, nm.start("n"), nm.end("n")
                elif (not w.startswith("ال") or definite_ok) and _open_noun(w):
                    lemma, noun_s, noun_e = None, nm.start("n"), nm.end("n")
                    rule = "figures.open_noun" if rule == "figures.counted" else rule
        year_like = isinstance(h.value, int) and 1900 <= h.value <= 2099 and not h.words and rng is None
        if year_like and lemma is None and (unit is None or unit in TIME_UNITS):
            years.add(h.s)
            continue
        if share and unit is None:
            pronoun = text[h.s : h.e].split()[-1] in LEX.pronoun_fractions  # «نصفهم»
            if (noun_s is None and not pronoun) or (noun_s is not None and text[noun_s:noun_e] in LEX.not_shares):
                continue  # a bare «نصف»; «ربع النهائي» (the quarter-final)
            partitive = partitive or (noun_s is None and pronoun)  # «ربعهم»: a share of those just named
            rule = "figures.share"  # «ربع المدينة», «ثلاثة أرباع الموازنة»: a share of a whole
        # «العشرات», «عشرات الآلاف» with nothing counted after them still count people or things.
        bare_approx = h.approx and (text.startswith("ال", h.s - 2) or " " in text[h.s : h.e])
        if (
            unit is None
            and noun_s is None
            and not partitive
            and h.value is not None
            and COUNT_VERB_BEFORE.search(before)
        ):
            partitive, rule = True, "figures.count_verb"  # «قتل 3 وأصيب 5»
        if lemma == "هدف" and noun_e is not None and SCORE_AFTER.match(text, noun_e):
            continue  # a score
        if unit is None and noun_s is None and not partitive and not bare_approx:
            # «بلغ عدد القتلى 15»: the counted noun comes before the number.
            # A bare number listing the parts of the figure before it («توزعت في حلب 31») is a part, not a count.
            listed = h.value is not None and bool(figs) and _list_item(text, sent, _list_head(figs), h.s, end)
            # The head must be within a few words: looking back HEAD_WINDOW characters keeps this linear in
            # long sentences.
            heads = list(COUNT_HEAD.finditer(text, max(sent[0], h.s - HEAD_WINDOW), h.s)) if not listed else []
            if heads and h.value is not None:
                hm = heads[-1]
                lem = lemma_of(hm.group("n"), known) or _events.event_noun(hm.group("n"))
                reach = 12 if REACH_BEFORE.search(before) else 6
                if lem is not None and len(text[hm.end() : h.s].split()) <= reach:
                    lemma, rule = lem, "figures.count_of"
            if lemma is None and not listed and h.value is not None and COUNT_END.match(text, end):
                ev = _events.event_noun_before(text, max(sent[0], h.s - 60), h.s)
                if ev is not None:
                    lemma, rule = ev, "figures.count_of"  # «العدد الإجمالي للوفيات بمرض الكوليرا 36،»
            if lemma is not None:
                pass
            elif listed:
                rule = "figures.list_item"  # «توزعت في حلب 346، ودير الزور 72»
            elif h.value is not None and h.words and h.scale >= 1000:
                rule = "figures.scaled"  # «2.3 مليون», «3 ملايين نزحوا»: a scaled number is a quantity
                prev = figs[-1] if figs else None
                if prev is not None and prev.s >= sent[0] and prev.unit in _CURRENCY_CODES:
                    unit, is_money = prev.unit, True  # «5.5 مليارات دولار، منها 3.2 مليارات»: the same currency
            elif lemma is None and h.value is not None and _events.verb_follows(text, end):
                rule = "figures.count_verb"  # «36 لقوا حتفهم»
            elif lemma is None:
                continue
        if unit == "year" and (
            AGE_BEFORE.search(before) or (AGE_PAREN.search(before) and AGE_PAREN_AFTER.match(text, end))
        ):
            continue  # an age
        if h.value is None and unit is None and lemma is None and rule != "figures.open_noun" and not bare_approx:
            continue
        if noun_s is not None and pre_noun is None:
            end = noun_e
        if bare_approx and noun_s is None and text.startswith("ال", h.s - 2):
            start = h.s - 2  # «العشرات»
        if text[start - 1 : start] == "(" and text[h.e : h.e + 1] == ")":
            start -= 1  # «(1.250.000) نسمة»
        qualifier = _qualifiers.before(before)
        if qualifier is None:
            qa = _qualifiers.after(text, end)
            qualifier = qa[0] if qa else None
        if qualifier is None and approximate:
            qualifier = "approx"  # «عشرات القرى»: a magnitude, not a count
        if HEDGE.search(before) or HEDGE_AFTER.match(text, end) or qualifier is not None:
            approximate = True
        if h.value is None and unit is None and noun_s is None and not bare_approx:
            continue
        if unit == "degree":
            if QUAKE.search(text, sent[0], sent[1]):
                unit = "magnitude"
            elif HEAT.search(text, sent[0], sent[1]) or "مئوي" in text[um.start("u") : um.end("u") + 8]:
                unit = "degree_c"
                bz = BELOW_ZERO.match(text, end)
                if bz is not None and isinstance(value, int | float) and value > 0:
                    value, end = -value, bz.end()  # «5 درجات تحت الصفر»
            else:
                unit, noun_s, noun_e = None, um.start("u"), um.end("u")  # «7 درجات»: degrees of what is unsaid
        if unit is not None:
            rule = (
                {"percent": "figures.percent"}.get(unit, "figures.money" if is_money else "figures.unit")
                if rule not in ("figures.range", "figures.approximate")
                else rule
            )
        if value == 1 and unit is None and lemma is None and rule != "figures.list_item":
            continue
        mag = h.scale if h.approx and h.value is None else None
        figs.append(
            FigHit(start, end, value, unit, noun_s, noun_e, lemma, None, approximate, rng, rule, qualifier, mag)
        )
    return figs, years


COUNT_END = re.compile(r"\s*(?:[،,.؛;:)]|$|\s+و)")
LIST_MARKER = re.compile(rf"(?<![{_AR}])(?:{alternation(LEX.list_markers)})(?![{_AR}])")
LIST_ITEM_AFTER = re.compile(rf"\s*(?:[،,.؛;]|و\s*[{_AR}]|في\s|$)")
LIST_ITEM_BEFORE = re.compile(rf"(?:[{_AR}]{{2,}}|[،,]|(?<![{_AR}])و)\s*$")


def _list_head(figs: list[FigHit]) -> FigHit:
    """The figure a list of bare numbers belongs to: the last one that is not itself a list item."""
    for f in reversed(figs):
        if f.rule != "figures.list_item":
            return f
    return figs[-1]


def _list_item(text: str, sent: tuple[int, int], head: FigHit, s: int, e: int) -> bool:
    """A bare number in a list after a marker that follows a figure in the same sentence («هي 11 في حلب»)."""
    if head.s < sent[0]:
        return False
    mk = None
    # Bounded: the marker stands just before or after the head figure (run-on text stays linear).
    for found in LIST_MARKER.finditer(text, max(sent[0], head.s - 100), min(s, head.e + 300)):
        mk = found
    if mk is None or len(text[mk.end() : s].split()) > 40:
        return False
    before = text[max(mk.end(), s - 30) : s]
    return bool(LIST_ITEM_BEFORE.search(before) or not before.strip()) and bool(LIST_ITEM_AFTER.match(text, e))


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
    if w[0] in "يت" and len(w) >= 4 and w.endswith(("ون", "ان")):
        return False  # imperfect verbs «يقاتلون»
    if w[0] in "بل" and (w[1:] in LEX.noun_forms or lemma_of(w[1:], frozenset()) is not None):
        return False  # «بحالات»: a preposition on a known noun
    if len(w) > 4 and w.startswith(("لل", "بال", "فال")):
        return False  # «للمطالبة»: a prepositional phrase, not a counted noun
    return not w.endswith(("وا",))


def find_duals(text: str, taken: list[tuple[int, int]], config: Config) -> list[FigHit]:
    """«سيارتين», «شخصين»: a dual of a counted noun is the figure 2."""
    cats, _ = _categories(config)
    cat_lemmas = {lem for c in cats for lem, _ in c.nouns} | set(LEX.lemma_display)
    out = []
    for m in DUAL.finditer(text):
        w = m.group("w")
        if w.startswith("ال") or w in _PLURAL_FORMS or any(a <= m.start("w") < b for a, b in taken):
            continue
        if w in LEX.not_duals:
            continue  # «طالبان», «رمضان»: names, not duals
        before = text[max(0, m.start() - 40) : m.start()]
        if w in LEX.unit_duals:
            code0 = LEX.unit_duals[w]
            code, factor = (code0, 1) if code0 in TIME_UNITS else LEX.unit_conversions.get(code0, (code0, 1))
            out.append(
                FigHit(
                    m.start("w"),
                    m.end("w"),
                    _scaled(2, factor),
                    code,
                    None,
                    None,
                    None,
                    None,
                    bool(HEDGE.search(before)),
                    None,
                    "figures.dual",
                    _qualifiers.before(before),
                )
            )
            continue
        if w.endswith(("تين", "تان")):
            stem = w[:-3] + "ه"
            fem = True
        elif w.endswith(("تي", "تا")):
            stem = w[:-2] + "ه"
            fem = True
        else:
            stem = w[:-2]
            fem = False
        if stem not in cat_lemmas or len(stem) < 3:
            continue
        if not fem and w.endswith("ين") and stem not in _BROKEN:
            continue  # «مسلحين» is a plural, not a dual
        if stem == "هدف" and (
            SCORE_AFTER.match(text, m.end("w"))
            or text[m.start() : m.start("w")].endswith("ل")
            or before.endswith("مقابل ")
        ):
            continue  # «بهدفين لهدف», «3 أهداف لهدفين»: a score
        if out and not text[out[-1].e : m.start("w")].strip():
            continue  # «طائرتين مسيرتين»: an agreeing dual adjective, not a second figure
        approx = bool(HEDGE.search(before))
        out.append(
            FigHit(
                m.start("w"),
                m.end("w"),
                2,
                None,
                m.start("w"),
                m.end("w"),
                stem,
                None,
                approx,
                None,
                "figures.dual",
                _qualifiers.before(before),
            )
        )
    return out


register("figures.counted", "figures", NOUN, lemma_of, "A number and the counted noun after it: «15 معسكراً»")
register(
    "figures.open_noun",
    "figures",
    NOUN,
    lambda w: None,
    "A number and an unknown noun after it (category null): «12 طائرة»",
)
register("figures.unit", "figures", UNIT, _unit_code, "A number and a unit: «20000 كم», «5 أطنان»")
register("figures.money", "figures", UNIT, _unit_code, "Money: «2.3 مليار دولار» → 2300000000 USD")
register("figures.percent", "figures", UNIT, _unit_code, "Percentages: «85%», «40 في المئة»")
register(
    "figures.range", "figures", RANGE_DASH, lambda lo, hi: (lo, hi), "Ranges: «10-15», «بين 10 و15», «من 10 إلى 15»"
)
register("figures.approximate", "figures", None, lambda m: None, "«عشرات القرى»: approximate, value null")
register("figures.dual", "figures", DUAL, lambda w: 2, "A dual counted noun or unit: «سيارتين» = 2, «يومين» = 2 days")
register(
    "figures.noun_before",
    "figures",
    DEF_PLURAL_BEFORE,
    lemma_of,
    "The noun before the number: «العمال الـ41» (a count, not an ordinal), «موظفين اثنين»",
)
register(
    "figures.count_verb",
    "figures",
    COUNT_VERB_BEFORE,
    lambda m: None,
    "«قتل 3 وأصيب 5»: a bare number right after a casualty/vote verb counts people",
)
register("figures.partitive", "figures", None, lambda m: None, "«قتل 5 منهم»: a count of people named before")
register("figures.count_of", "figures", COUNT_HEAD, lemma_of, "«بلغ عدد القتلى 15»: noun before the number")
