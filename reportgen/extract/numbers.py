"""Numbers: digits (Western, Arabic-Indic, Persian, with thousands/decimal separators told apart by
context), number words with compounds, duals, scales and clitics, fractions, and approximate plurals.

Everything works on the normalised text (see normalize.py); hits carry normalised offsets.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from decimal import Decimal

from reportgen.extract.lexicon import alternation, lexicon
from reportgen.extract.rules import register

LEX = lexicon()
_AR = "\u0621-\u064a"
_WORDS = alternation(list(LEX.number_words))
_SCALE_AFTER = alternation([w for w, (k, _) in LEX.number_words.items() if k in ("scale", "dual")])
# Words only valid as the first half of a teen («أحد عشر», «اثنا عشر»), never alone.
_TEEN_ONLY = {"احد", "احدي", "اثنا", "اثني", "اثنتا", "اثنتي"}

DIGITS = re.compile(r"(?<![\d])\d+(?:[,،٬.٫]\d+)*(?!\d)")
# A number word with optional clitics (و/ف then ب/ل/ك); group w is the word itself.
# The clitics are lazy so a word that starts with و/ب/ل/ك is read whole first («واحد» is not و + «احد»).
WORD = re.compile(rf"(?<![{_AR}\w])(?:[وف]??[بلك]??)(?P<w>{_WORDS})(?![{_AR}\w])")
SEED = re.compile(
    rf"(?P<d>(?<![\d])\d+(?:[,،٬.٫]\d+)*(?!\d))"
    rf"|(?<![{_AR}\w])(?:[وف]??[بلك]??)(?P<w>{_WORDS})(?![{_AR}\w])"
)
NEXT = re.compile(rf"[ \t]*(?P<waw>و[ \t]*)?(?:(?P<d>\d+(?:[,،٬.٫]\d+)*(?!\d))|(?P<w>{_WORDS})(?![{_AR}\w]))")
# A scale word or a percent after digits: «1.500 مليون» is 1.5 million, «2,5 مليار» 2.5 billion, «6,5%» 6.5%.
_SCALE_NEXT = re.compile(rf"\s*(?:(?:{_SCALE_AFTER})(?![{_AR}])|%|(?:في|ب)\s*ال(?:مئه|مائه|ميه))")
# «ونصف المليون»: the scale repeated with the article after a fraction is part of the number.
_DEF_SCALE_AFTER = re.compile(rf"[ \t]+ال(?:{_SCALE_AFTER})(?![{_AR}])")
_APPROX_WORDS = alternation(list(LEX.approximate))
_PLURAL_SCALES = alternation(["الاف", "الوف", "ملايين", "مليارات", "بلايين"])
APPROX = re.compile(
    rf"(?<![{_AR}\w])(?:[وفبل]|ال|وال|بال|فال)?(?P<a>{_APPROX_WORDS})"
    rf"(?:\s+(?:من\s+)?(?:ال)?(?P<b>{_PLURAL_SCALES}))?(?![{_AR}])"
)


@dataclass(slots=True)
class NumHit:
    """A number found in the normalised text: [s, e) offsets, value, producing rule."""

    s: int
    e: int
    value: int | float | None
    rule: str
    scale: int = 1  # the largest scale word used (1000, 10**6 ...), for «بين 2 و3 ملايين»
    approx: bool = False
    words: bool = False


class Cover:
    """Is a position inside any of these spans? O(log n) per question (spans may overlap), so scans stay
    linear-ish on long run-on text instead of checking every span for every match."""

    __slots__ = ("_ends", "_starts")

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self._starts = [a for a, _ in spans]
        self._ends = list(itertools.accumulate((b for _, b in spans), max))

    def __call__(self, pos: int) -> bool:
        i = bisect.bisect_right(self._starts, pos) - 1
        return i >= 0 and self._ends[i] > pos


def to_number(d: Decimal) -> int | float:
    if d == d.to_integral_value():
        return int(d)
    return float(d)


# --- digits ----------------------------------------------------------------------------------------------

_SEP = re.compile(r"[,،٬.٫]")
MAX_DIGITS = 24
_TOO_LONG = re.compile(rf"\d{{{MAX_DIGITS + 1}}}")


def digit_groups(raw: str, scale_follows: bool) -> list[tuple[int, int, Decimal]]:
    """Split a run of digits and separators into numbers: [(start, end, value)] relative to `raw`.

    «43،552» → 43552; «1,234.5» → 1234.5; «2.5» → 2.5; «1.500.000» → 1500000; «1.500» is 1500
    unless a scale word follows («1.500 مليون» is 1.5 million); «3،4» (no 3-digit groups) → 3 and 4.
    """
    if _TOO_LONG.search(raw):
        return []  # 25 digits or more in a row: no quantity anyone reports (and int() has a size limit)
    seps = _SEP.findall(raw)
    if not seps:
        return [(0, len(raw), Decimal(raw))]
    parts = _SEP.split(raw)
    # Thousands with , ، ٬ (optionally a final . or ٫ decimal part).
    thousands = set(seps[:-1]) if seps[-1] in ".٫" and len(seps) > 1 else set(seps)
    body = parts[:-1] if seps[-1] in ".٫" and len(seps) > 1 else parts
    if (
        len(thousands) == 1
        and thousands <= {",", "،", "٬"}
        and 1 <= len(body[0]) <= 3
        and all(len(p) == 3 for p in body[1:])
    ):
        value = Decimal("".join(body))
        if len(body) < len(parts):
            value += Decimal("0." + parts[-1])
        return [(0, len(raw), value)]
    if (
        set(seps) == {"."}
        and 1 <= len(parts[0]) <= 3
        and all(len(p) == 3 for p in parts[1:])
        and (len(parts) > 2 or not scale_follows)
    ):
        return [(0, len(raw), Decimal("".join(parts)))]
    if len(seps) == 1 and (seps[0] in ".٫" or (scale_follows and len(parts[1]) <= 2)):
        return [(0, len(raw), Decimal(parts[0] + "." + parts[1]))]  # «2.5», «2,5 مليار» (comma decimal)
    # Anything else is a list («3،4», «1.2.3»): each digit run on its own.
    out = []
    for m in re.finditer(r"\d+", raw):
        out.append((m.start(), m.end(), Decimal(m.group())))
    return out


register(
    "numbers.digits",
    "numbers",
    DIGITS,
    digit_groups,
    "Digits with thousands separators , ، ٬ . and decimals . ٫ told apart by group sizes and context",
)


# --- words -----------------------------------------------------------------------------------------------


class _Chain:
    """Accumulates a compound number: «ثلاثة آلاف وتسع مئة وسبعة عشر», «31 مليون و719 ألف و224»."""

    __slots__ = ("current", "has_digits", "has_words", "last_kind", "last_mult", "last_value", "scale", "total")

    def __init__(self) -> None:
        self.total = Decimal(0)
        self.current = Decimal(0)
        self.last_kind = ""
        self.last_value = Decimal(0)
        self.last_mult = Decimal(10**15)
        self.scale = 1
        self.has_words = False
        self.has_digits = False

    def value(self) -> Decimal:
        return self.total + self.current

    def accept(self, kind: str, value: Decimal, word: str, waw: bool) -> bool:
        """Add one piece if it continues the number; False (and no change) if it starts a new one."""
        first = not self.last_kind
        last = self.last_kind
        if first:
            if kind in ("ten", "tens", "hundred", "digits") or (kind == "unit" and word not in _TEEN_ONLY):
                self.current = value
            elif kind in ("scale", "dual"):
                if word in LEX.plural_scale:
                    return False
                self.total = value
                self.last_mult = value if kind == "scale" else value / 2
                self.scale = int(self.last_mult)
            elif kind == "fraction" or kind == "unit":
                self.current = value
            else:
                return False
            self.last_kind = kind
            self.last_value = value
            return True
        if not waw:
            if (
                kind == "scale"
                and last in ("digits", "unit", "ten", "tens", "hundred", "fraction", "teen")
                and self.current > 0
                and value > self.current
                and value < self.last_mult
            ):
                if word in LEX.plural_scale and last == "fraction":
                    return False
                self.total += self.current * value
                self.current = Decimal(0)
                self.last_mult = value
                self.scale = max(self.scale, int(value))
            elif kind == "fraction_of" and last == "unit" and self.current == self.last_value:
                self.current = self.last_value * value  # «ثلاثة أرباع» = 0.75
                kind = "fraction"
            elif kind == "ten" and last == "unit" and self.last_value < 10:
                self.current += 10
                kind = "teen"
            elif kind == "hundred" and value == 100 and last == "unit" and 3 <= self.last_value <= 9:
                self.current += self.last_value * 99
                value = self.last_value * 100
            else:
                return False
        else:
            if last == "unit" and kind == "tens" and self.last_value < 10:
                self.current += value
            elif last in ("scale", "dual") and kind == "fraction" and self.current == 0 and value < 1:
                self.current = value * self.last_mult  # «مليون ونصف», «ثلاثة آلاف وربع»
            elif last in ("scale", "dual", "hundred") and kind in ("unit", "ten", "tens", "hundred", "digits"):
                limit = self.last_mult if last in ("scale", "dual") else Decimal(100)
                if value >= limit:
                    return False
                self.current += value
            else:
                return False
        self.last_kind = kind
        self.last_value = value
        return True


def _piece(m: re.Match[str], text: str) -> tuple[str, Decimal, str] | None:
    if m.group("d") is not None:
        groups = digit_groups(m.group("d"), bool(_SCALE_NEXT.match(text, m.end("d"))))
        if len(groups) != 1:
            return None
        return "digits", groups[0][2], ""
    w = m.group("w")
    kind, value = LEX.number_words[w]
    return kind, Decimal(str(value)), w


def scan_numbers(text: str) -> list[NumHit]:
    """All numbers in normalised `text`, left to right, compounds joined."""
    hits: list[NumHit] = []
    pos = 0
    n = len(text)
    while pos < n:
        m = SEED.search(text, pos)
        if not m:
            break
        if m.group("d") is not None:
            raw = m.group("d")
            parts = digit_groups(raw, bool(_SCALE_NEXT.match(text, m.end())))
            if len(parts) != 1:
                for a, b, v in parts:
                    hits.append(NumHit(m.start() + a, m.start() + b, to_number(v), "numbers.digits"))
                pos = m.end()
                continue
            start = m.start("d")
            kind, value, word = "digits", parts[0][2], ""
        else:
            start = m.start("w")
            kind, value, word = _piece(m, text)  # type: ignore[misc]
        chain = _Chain()
        if not chain.accept(kind, value, word, False):
            pos = m.end()
            continue
        chain.has_digits = kind == "digits"
        chain.has_words = kind != "digits"
        end = m.end("d") if kind == "digits" else m.end("w")
        pieces = 1
        while True:
            nm = NEXT.match(text, end)
            if not nm:
                break
            piece = _piece(nm, text)
            if piece is None or not chain.accept(piece[0], piece[1], piece[2], nm.group("waw") is not None):
                break
            chain.has_digits |= piece[0] == "digits"
            chain.has_words |= piece[0] != "digits"
            end = nm.end()
            pieces += 1
            if piece[0] == "fraction" and chain.last_kind == "fraction":
                dm = _DEF_SCALE_AFTER.match(text, end)
                end = dm.end() if dm else end
        if chain.last_kind == "unit" and word in _TEEN_ONLY and pieces == 1:
            pos = end
            continue
        if pieces == 1 and kind == "fraction":
            rule = "numbers.fraction"
        elif chain.has_digits and chain.has_words:
            rule = "numbers.mixed"
        elif chain.has_digits:
            rule = "numbers.digits"
        else:
            rule = "numbers.words"
        hits.append(NumHit(start, end, to_number(chain.value()), rule, chain.scale, words=chain.has_words))
        pos = end
    return hits


def scan_approximate(text: str, taken: list[tuple[int, int]]) -> list[NumHit]:
    """«عشرات», «مئات الآلاف», «آلاف»: approximate quantities without a value."""
    out = []
    covered = Cover(taken)
    for m in APPROX.finditer(text):
        s = m.start("a")
        if covered(s):
            continue
        mag = LEX.approximate[m.group("a")]
        if m.group("b"):
            mag *= LEX.approximate.get(m.group("b"), 1)
        out.append(NumHit(s, m.end(), None, "numbers.approximate", int(mag), approx=True, words=True))
    return out


def _words_value(words: str) -> int | float | None:
    hits = scan_numbers(words)
    return hits[0].value if len(hits) == 1 else None


register(
    "numbers.words",
    "numbers",
    WORD,
    _words_value,
    "Number words and compounds: units, teens, tens, hundreds, scales, duals (ألفين), clitics و/ب/ل",
)
register(
    "numbers.mixed", "numbers", NEXT, _words_value, "Digits with scale words: «2.3 مليون», «31 مليون و719 ألف و224»"
)
register("numbers.fraction", "numbers", WORD, _words_value, "Fractions: نصف، ثلث، ربع، ثلثي")
register(
    "numbers.approximate",
    "numbers",
    APPROX,
    lambda m: None,
    "Approximate plurals with no value: عشرات، مئات، آلاف، عشرات الآلاف",
)
