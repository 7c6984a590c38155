"""Numbers: digits (Western, Arabic-Indic, Persian, with thousands/decimal separators told apart by
context), number words with compounds, duals, scales and clitics, fractions, and approximate plurals.

Everything works on the normalised text (see normalize.py); hits carry normalised offsets.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from reportgen.extract.lexicon import alternation, lexicon
from reportgen.extract.normalize import ARABIC_LETTERS
from reportgen.extract.rules import register
from reportgen.extract.spans import Cover

LEX = lexicon()
_AR = ARABIC_LETTERS
_WORDS = alternation(list(LEX.number_words))
_SCALE_AFTER = alternation([w for w, (k, _) in LEX.number_words.items() if k in ("scale", "dual")])
# Words only valid as the first half of a teen («أحد عشر», «اثنا عشر»), never alone.
_TEEN_ONLY = {"احد", "احدي", "اثنا", "اثني", "اثنتا", "اثنتي"}

# «ر» between digit groups is the separator of Saudi wire copy, written with its groups in reverse order:
# «000ر000ر410» is 410,000,000 and «1ر13» is 13.1 (see digit_groups).
DIGITS = re.compile(r"(?<![\d])\d+(?:[,،٬.٫ر]\d+)*(?!\d)")
# A number word with optional clitics (و/ف then ب/ل/ك); group w is the word itself.
# The clitics are lazy so a word that starts with و/ب/ل/ك is read whole first («واحد» is not و + «احد»).
WORD = re.compile(rf"(?<![{_AR}\w])(?:[وف]??[بلك]??)(?P<w>{_WORDS})(?![{_AR}\w])")
# Seeds may carry the article («التسعة في المئة», «الثلاثة آلاف»): group `al` (checked in scan_numbers).
SEED = re.compile(
    rf"(?P<d>(?<![\d])\d+(?:[,،٬.٫ر]\d+)*(?!\d))"
    rf"|(?<![{_AR}\w])(?:[وف]??(?:(?P<al>ال|بال|لل|فال|كال)|[بلك])??)(?P<w>{_WORDS})(?![{_AR}\w])"
)
# Kinds of number words that may take the article, and the words that may not («الاثنين» is Monday).
_AL_KINDS = ("unit", "ten", "tens", "hundred")
_AL_NEVER = {"اثنين", "اثنان", "اثنتين", "اثنتان", "احد", "احدي", "اثنا", "اثني", "اثنتا", "اثنتي", "مئه", "مائه"}
_DEFINITE_BEFORE = re.compile(rf"(?<![{_AR}])ال[{_AR}]{{2,}}\s+$")
# «ثلاثة فاصلة خمسة» = 3.5; «-5 درجات», «سالب 3», «ناقص 2» are negative; «3/4» is a fraction.
_POINT = re.compile(rf"\s+فاصله\s+(?=\d|[{_AR}])")
_MINUS_WORD = re.compile(rf"(?<![{_AR}])(?:سالب|ناقص)\s+$")
_MINUS_SIGN = re.compile(r"(?:^|(?<=[\s(]))[-−–](?=\d)")
_SLASH_FRACTION = re.compile(r"/(?P<den>\d{1,2})(?![\d/])")
NEXT = re.compile(rf"[ \t]*(?P<waw>و[ \t]*)?(?:(?P<d>\d+(?:[,،٬.٫ر]\d+)*(?!\d))|(?P<w>{_WORDS})(?![{_AR}\w]))")
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


def to_number(d: Decimal) -> int | float:
    if d == d.to_integral_value():
        return int(d)
    return float(d)


# --- digits ----------------------------------------------------------------------------------------------

_SEP = re.compile(r"[,،٬.٫ر]")
MAX_DIGITS = 24
_TOO_LONG = re.compile(rf"\d{{{MAX_DIGITS + 1}}}")


def digit_groups(raw: str, scale_follows: bool) -> list[tuple[int, int, Decimal]]:
    """Split a run of digits and separators into numbers: [(start, end, value)] relative to `raw`.

    «43،552» → 43552; «1,234.5» → 1234.5; «2.5» → 2.5; «3,5» → 3.5; «1.500.000» → 1500000; «1.500» is 1500
    unless a scale word follows («1.500 مليون» is 1.5 million); «3،4» (no 3-digit groups) → 3 and 4.
    """
    if _TOO_LONG.search(raw):
        return []  # 25 digits or more in a row: no quantity anyone reports (and int() has a size limit)
    seps = _SEP.findall(raw)
    if not seps:
        return [(0, len(raw), Decimal(raw))]
    parts = _SEP.split(raw)
    if "ر" in seps:
        groups = parts[::-1]
        if set(seps) == {"ر"} and all(len(g) == 3 for g in groups[1:]) and len(groups[0]) <= 3 and len(groups) > 2:
            return [(0, len(raw), Decimal("".join(groups)))]
        if set(seps) == {"ر"} and len(groups) == 2:
            if len(groups[1]) == 3 and scale_follows is False and len(groups[0]) <= 3 and groups[1] == "000":
                return [(0, len(raw), Decimal("".join(groups)))]
            return [(0, len(raw), Decimal(groups[0] + "." + groups[1]))]
        return [(m.start(), m.end(), Decimal(m.group())) for m in re.finditer(r"\d+", raw)]
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
    # A Latin comma before one or two digits is a decimal comma («3,5»); an Arabic comma only before a scale.
    decimal_comma = seps[0] == "," and len(parts[1]) <= 2
    if len(seps) == 1 and (seps[0] in ".٫" or decimal_comma or (scale_follows and len(parts[1]) <= 2)):
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
            elif (
                kind == "scale"
                and last == "scale"
                and self.current == 0
                and self.total > 0
                and value > self.last_mult
                and word not in LEX.plural_scale
            ):
                self.total *= value  # «أربع مئة وعشرة آلاف مليون» = 410 000 million (Gulf budgets)
                self.last_mult = self.last_mult * value
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
            elif last in ("digits", "unit", "ten", "tens", "teen", "hundred") and kind == "fraction" and value < 1:
                if self.current < 1 or self.current != self.current.to_integral_value():
                    return False
                self.current += value  # «2 ونصف في المئة», «ثلاثة ونصف»
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
    return list(iter_numbers(text))


def iter_numbers(text: str) -> Iterator[NumHit]:
    """The numbers of `scan_numbers` one at a time, so a reader that has enough can stop (MAX_NUMBERS)."""
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
                for a, b, v in parts:  # one at a time: «1,1,1,…» is one run of 500,000 groups per MB
                    yield NumHit(m.start() + a, m.start() + b, to_number(v), "numbers.digits")
                pos = m.end()
                continue
            start = m.start("d")
            kind, value, word = "digits", parts[0][2], ""
        else:
            start = m.start("w")
            kind, value, word = _piece(m, text)  # type: ignore[misc]
            if m.group("al") is not None and (
                kind not in _AL_KINDS
                or word in _AL_NEVER
                or _DEFINITE_BEFORE.search(text, max(0, m.start() - 30), m.start())
            ):
                pos = m.end()  # «الاثنين» (Monday), «المليون», «الذكرى الخمسين» (an ordinal adjective)
                continue
            if m.group("al") is not None:
                start = m.start("al")
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
            if piece is None or _own_scale(nm, piece, chain, text):
                break
            if not chain.accept(piece[0], piece[1], piece[2], nm.group("waw") is not None):
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
        value = chain.value()
        pm = _POINT.match(text, end)
        if pm is not None:
            frac = _decimals(text, pm.end())
            if frac is not None and value == value.to_integral_value():
                value, end = value + frac[0], frac[1]  # «ثلاثة فاصلة خمسة»
        if kind == "digits" and pieces == 1 and chain.value() == chain.value().to_integral_value():
            fm = _SLASH_FRACTION.match(text, end)
            if fm is not None and 0 < chain.value() < int(fm.group("den")) <= 12:
                value, end, kind = chain.value() / int(fm.group("den")), fm.end(), "fraction"  # «3/4»
        minus = _MINUS_WORD.search(text, max(0, start - 12), start)
        if minus is not None:
            value, start = -value, minus.start()
        elif (
            kind == "digits"
            and start > 0
            and _MINUS_SIGN.match(text, start - 1)
            and not re.search(r"\d[ \t]*$", text[max(0, start - 6) : start - 1])
        ):
            value, start = -value, start - 1  # «-5 درجات» (not the dash of a range «10 -5»)
        if pieces == 1 and kind == "fraction":
            rule = "numbers.fraction"
        elif chain.has_digits and chain.has_words:
            rule = "numbers.mixed"
        elif chain.has_digits:
            rule = "numbers.digits"
        else:
            rule = "numbers.words"
        yield NumHit(start, end, to_number(value), rule, chain.scale, words=chain.has_words)
        pos = end


def _own_scale(nm: re.Match[str], piece: tuple[str, Decimal, str], chain: _Chain, text: str) -> bool:
    """«60 ألفا و80 ألف»: after a scale, «و» and a number with its own scale, as large or larger, start a
    second number (a range or a list), not the remainder of the first («مليون و200 ألف» is one)."""
    if nm.group("waw") is None or chain.last_kind not in ("scale", "dual") or piece[0] in ("scale", "dual"):
        return False
    nxt = NEXT.match(text, nm.end())
    if nxt is None or nxt.group("waw") is not None or nxt.group("w") is None:
        return False
    after = _piece(nxt, text)
    if after is None or after[0] not in ("scale", "dual"):
        return False
    return (after[1] if after[0] == "scale" else after[1] / 2) >= chain.last_mult


def _decimals(text: str, pos: int) -> tuple[Decimal, int] | None:
    """The digits after «فاصلة» as a fraction: «خمسة» → 0.5, «خمسة وعشرون» → 0.25, «05» → 0.05."""
    m = DIGITS.match(text, pos)
    if m is not None and m.group().isdigit():
        return Decimal("0." + m.group()), m.end()
    hits = scan_numbers(text[pos : pos + 60])
    if not hits or hits[0].s != 0 or not isinstance(hits[0].value, int) or hits[0].value < 0:
        return None
    digits = str(hits[0].value)
    return Decimal("0." + digits), pos + hits[0].e


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
