"""Dates, years, clock times, phone numbers and identifiers: what must NOT become a figure.

Absolute dates («15 تشرين الثاني 2017», «2017/11/15», «15 نوفمبر»), years («عام 2017»), relative dates
resolved against the article's date (أمس، اليوم، يوم الجمعة، الأسبوع الماضي), clock times, phone numbers
and identifiers («القرار 2254», «H3», «F-16»).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from reportgen.extract.lexicon import alternation, lexicon
from reportgen.extract.normalize import ARABIC_LETTERS, norm
from reportgen.extract.rules import register
from reportgen.extract.spans import Disjoint

_AR = ARABIC_LETTERS
_B = rf"(?<![{_AR}\w])"  # word start
_E = rf"(?![{_AR}\w])"  # word end

MONTHS = {
    # Levantine / Iraqi
    "كانون الثاني": 1,
    "شباط": 2,
    "آذار": 3,
    "نيسان": 4,
    "أيار": 5,
    "حزيران": 6,
    "تموز": 7,
    "آب": 8,
    "أيلول": 9,
    "تشرين الأول": 10,
    "تشرين الثاني": 11,
    "كانون الأول": 12,
    # Egyptian / Gulf
    "يناير": 1,
    "فبراير": 2,
    "مارس": 3,
    "أبريل": 4,
    "إبريل": 4,
    "ابريل": 4,
    "مايو": 5,
    "يونيو": 6,
    "يونيه": 6,
    "يوليو": 7,
    "يوليه": 7,
    "أغسطس": 8,
    "اغسطس": 8,
    "سبتمبر": 9,
    "أكتوبر": 10,
    "نوفمبر": 11,
    "ديسمبر": 12,
    # Maghreb
    "جانفي": 1,
    "فيفري": 2,
    "أفريل": 4,
    "ماي": 5,
    "جوان": 6,
    "جويلية": 7,
    "أوت": 8,
    # Morocco
    "يوليوز": 7,
    "غشت": 8,
    "شتنبر": 9,
    "نونبر": 11,
    "دجنبر": 12,
}
_MONTH = {norm(k): v for k, v in MONTHS.items()}
MONTH_ALT = alternation(list(_MONTH))
_M1 = rf"(?P<m>{MONTH_ALT})(?:\s*[/(]\s*(?:{MONTH_ALT})\s*\)?)?"
_YEAR = r"(?P<y>(?:1[89]|20|21)\d\d)"

DATE_DMY = re.compile(
    rf"(?<![\d.,])(?P<d>[0-3]?\d)\s*(?:من\s+)?(?:شهر\s+)?{_M1}{_E}"
    rf"(?:\s*(?:من\s+)?(?:عام\s+|العام\s+|سنه\s+)?{_YEAR}(?!\d))?"
)
DATE_MY = re.compile(rf"{_B}(?:شهر\s+)?{_M1}\s*(?:من\s+)?(?:عام\s+|العام\s+|سنه\s+)?{_YEAR}(?!\d)")
DATE_YMD = re.compile(r"(?<![\d/.-])(?P<y>\d{4})[/.-](?P<m>\d{1,2})[/.-](?P<d>\d{1,2})(?![\d/])")
DATE_DMY_NUM = re.compile(r"(?<![\d/.-])(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4}|\d{2})(?![\d/])")
YEAR_KW = re.compile(
    rf"{_B}(?:[وفبل]?(?:ال)?(?:عام|سنه|عامي)|منذ|حتي|مطلع|اواخر|اوائل|منتصف|نهايه|بدايه|خلال)\s+"
    rf"(?P<y>(?:1[89]|20)\d\d)(?:\s*(?:-|و|الى)\s*(?:(?:1[89]|20)\d\d))?(?![\d%])"
)
DAY_OF_MONTH = re.compile(
    rf"(?:{_B}(?:[وفبل]?يوم)\s+(?P<d1>[0-3]?\d)(?!\d)(?!\s*(?:يوما|ايام|ساعه)))"
    rf"|(?<![\d.,])(?P<d2>[0-3]?\d)\s+(?:من\s+)?(?:الشهر\s+)?(?:الجاري|الحالي|المنصرم|الفائت){_E}"
)
HIJRI_MONTHS = [
    "محرم",
    "صفر",
    "ربيع الأول",
    "ربيع الآخر",
    "ربيع الثاني",
    "جمادى الأولى",
    "جمادى الآخرة",
    "جمادى الثانية",
    "جمادى الأول",
    "جمادى الآخر",
    "رجب",
    "شعبان",
    "رمضان",
    "شوال",
    "ذو القعدة",
    "ذي القعدة",
    "ذو الحجة",
    "ذي الحجة",
]
# Month number of each Hijri month name (for the conversion with hijridate).
HIJRI_MONTH_NUMBER = {
    norm(k): v
    for k, v in {
        "محرم": 1,
        "صفر": 2,
        "ربيع الأول": 3,
        "ربيع الآخر": 4,
        "ربيع الثاني": 4,
        "جمادى الأولى": 5,
        "جمادى الأول": 5,
        "جمادى الآخرة": 6,
        "جمادى الثانية": 6,
        "جمادى الآخر": 6,
        "رجب": 7,
        "شعبان": 8,
        "رمضان": 9,
        "شوال": 10,
        "ذو القعدة": 11,
        "ذي القعدة": 11,
        "ذو الحجة": 12,
        "ذي الحجة": 12,
    }.items()
}
_HIJRI_ALT = alternation([norm(m) for m in HIJRI_MONTHS])
_AH = r"(?:\s*(?:هـ|ه)(?![\u0621-\u064a]))"
# Hijri dates are dates (never figures); a full day-month-year one is converted to the Gregorian calendar.
HIJRI = re.compile(
    rf"(?<![\d.,])(?P<d>[0-3]?\d)\s*(?:من\s+)?(?:شهر\s+)?(?P<hm>{_HIJRI_ALT}){_E}"
    rf"(?:\s*(?:من\s+)?(?:عام\s+|العام\s+|سنه\s+)?(?P<y>1[34]\d\d)(?!\d){_AH}?)?"
    rf"|{_B}(?:شهر\s+)?(?:{_HIJRI_ALT})\s+(?:من\s+)?(?:عام\s+|العام\s+|سنه\s+)?1[34]\d\d(?!\d){_AH}?"
    rf"|(?<![\d.,])1[34]\d\d{_AH}"
)
_HIJRI_PLAIN = tuple(norm(m) for m in HIJRI_MONTHS)
_AH_HINT = re.compile(r"1[34]\d\d\s*ه")


def _maybe_hijri(text: str) -> bool:
    """Cheap substring pre-check so the Hijri pattern only runs over texts that can contain one."""
    return any(w in text for w in _HIJRI_PLAIN) or _AH_HINT.search(text) is not None


_WEEKDAYS = {"الاحد": 6, "الاثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعه": 4, "السبت": 5}
RELATIVE = re.compile(
    rf"{_B}[وفل]?(?P<r>اول\s+(?:من\s+)?امس|امس|البارحه|اليوم|غدا|بعد\s+غد"
    rf"|(?:يوم\s+)(?:{'|'.join(_WEEKDAYS)})(?:\s+(?:الماضي|المقبل|القادم))?"
    rf"|(?:الاحد|الثلاثاء|الاربعاء|الخميس|الجمعه|السبت)(?:\s+(?:الماضي|المقبل|القادم))?"
    rf"|الاثنين\s+(?:الماضي|المقبل|القادم)"
    rf"|(?:الاسبوع|الشهر|العام|السنه)\s+(?:الماضي|الماضيه|المقبل|المقبله|القادم|القادمه|الجاري|الحالي|المنصرم))"
    rf"{_E}"
)
CLOCK = re.compile(
    r"(?<![\d:.,])(?P<h>[0-2]?\d):(?P<min>[0-5]\d)(?![\d:])"
    rf"|{_B}[وفبل]?الساعه\s+(?P<h2>[0-2]?\d)(?:[:.](?P<min2>[0-5]\d))?(?!\d)"
    rf"|(?<![\d.,])(?P<h3>[0-2]?\d)\s+(?:صباحا|مساء|ظهرا|فجرا|ليلا|عصرا|صباح|مساء)(?![{_AR}])"
)
PHONE = re.compile(
    r"(?<![\w+])(?:\+|00)\d{1,3}[\s-]?\d{2,4}(?:[\s-]?\d{2,4}){1,4}(?!\d)"
    r"|(?<![\d.,])0\d{2,3}[\s-]\d{3}[\s-]?\d{3,4}(?!\d)"
    r"|(?<![\d.,])0\d{7,}(?!\d)"
)
_ID_WORDS = alternation(lexicon().identifier_words)
IDENTIFIER = re.compile(
    r"(?<=م)[23](?!\d)"  # the exponent of «كم2», «م3» is part of the unit, not a number
    # Each alternative starts at the start of its run (lookbehind): from the middle of a long run it
    # would rescan the rest of it at every position (quadratic on a 400 KB "word").
    r"|(?<![A-Za-z])[A-Za-z]+[-‐]?\d+[A-Za-z\d]*|(?<![\d.,])\d+[A-Za-z]+\d*"
    rf"|{_B}[{_AR}]+-\d+(?!\d)"
    rf"|{_B}[وفبل]?(?:{_ID_WORDS})(?:\s+مجلس\s+الامن(?:\s+الدولي)?)?\s+(?:رقم\s+)?(?:ال)?\d+(?:/\d+)?(?!\d)"
)


@dataclass(slots=True)
class DateHit:
    s: int
    e: int
    value: str | None
    kind: str
    rule: str
    hijri: str | None = None  # the Hijri date as stated, when the mention is one («1445-02-10»)


def _iso(y: int, m: int, d: int | None) -> str | None:
    try:
        return date(y, m, d).isoformat() if d else f"{y:04d}-{m:02d}"
    except ValueError:
        return None


def _dmy(m: re.Match[str], ref: date | None) -> str | None:
    month = _MONTH[re.sub(r"\s+", " ", m.group("m"))]
    year = int(m.group("y")) if m.group("y") else (ref.year if ref else None)
    return _iso(year, month, int(m.group("d"))) if year else None


def _my(m: re.Match[str], ref: date | None) -> str | None:
    return _iso(int(m.group("y")), _MONTH[re.sub(r"\s+", " ", m.group("m"))], None)


def _ymd(m: re.Match[str], ref: date | None) -> str | None:
    return _iso(int(m.group("y")), int(m.group("m")), int(m.group("d")))


def _dmy_num(m: re.Match[str], ref: date | None) -> str | None:
    y = int(m.group("y"))
    if y < 100:
        y += 2000
    return _iso(y, int(m.group("m")), int(m.group("d")))


def _year(m: re.Match[str], ref: date | None) -> str | None:
    return m.group("y")


def _day(m: re.Match[str], ref: date | None) -> str | None:
    d = int(m.group("d1") or m.group("d2"))
    return _iso(ref.year, ref.month, d) if ref and 1 <= d <= 31 else None


def _relative(m: re.Match[str], ref: date | None) -> str | None:
    if ref is None:
        return None
    r = re.sub(r"\s+", " ", m.group("r"))
    if r.startswith("اول"):
        return (ref - timedelta(days=2)).isoformat()
    if r in ("امس", "البارحه"):
        return (ref - timedelta(days=1)).isoformat()
    if r == "اليوم":
        return ref.isoformat()
    if r == "غدا":
        return (ref + timedelta(days=1)).isoformat()
    if r.startswith("بعد"):
        return (ref + timedelta(days=2)).isoformat()
    words = r.split()
    if words[0] == "يوم":
        words = words[1:]
    if words[0] in _WEEKDAYS:
        target = _WEEKDAYS[words[0]]
        if len(words) > 1 and words[1] in ("المقبل", "القادم"):
            delta = (target - ref.weekday()) % 7 or 7
            return (ref + timedelta(days=delta)).isoformat()
        delta = (ref.weekday() - target) % 7
        if len(words) > 1 and delta == 0:
            delta = 7
        return (ref - timedelta(days=delta)).isoformat()
    future = words[1] in ("المقبل", "المقبله", "القادم", "القادمه")
    past = words[1] in ("الماضي", "الماضيه", "المنصرم")
    step = 1 if future else -1 if past else 0
    if words[0] == "الاسبوع":
        return (ref + timedelta(days=7 * step)).isoformat()
    if words[0] == "الشهر":
        month = ref.month + step
        year = ref.year + (month - 1) // 12
        return f"{year:04d}-{(month - 1) % 12 + 1:02d}"
    return f"{ref.year + step:04d}"


def hijri_of(m: re.Match[str]) -> str | None:
    """The Hijri date as stated, «1445-02-10», when day, month and year are all given."""
    if m.groupdict().get("hm") is None or m.group("y") is None:
        return None
    month = HIJRI_MONTH_NUMBER.get(re.sub(r"\s+", " ", m.group("hm")))
    return f"{int(m.group('y')):04d}-{month:02d}-{int(m.group('d')):02d}" if month else None


def hijri_to_gregorian(m: re.Match[str], ref: date | None) -> str | None:
    """The Gregorian ISO date of a full Hijri date (Umm al-Qura, via hijridate), or None."""
    h = hijri_of(m)
    if h is None:
        return None
    from hijridate import Hijri

    y, mo, d = (int(p) for p in h.split("-"))
    try:
        return Hijri(y, mo, d).to_gregorian().isoformat()
    except (OverflowError, ValueError):
        return None


def _clock(m: re.Match[str], ref: date | None) -> str | None:
    h = m.group("h") or m.group("h2") or m.group("h3")
    mins = m.group("min") or m.group("min2") or "00"
    return f"{int(h):02d}:{mins}" if int(h) <= 24 else None


# (rule name, pattern, produce, kind) in priority order: earlier rules win overlaps.
DATE_RULES = [
    register("dates.ymd_numeric", "dates", DATE_YMD, _ymd, "2017/11/15, 2017-11-15"),
    register("dates.dmy_numeric", "dates", DATE_DMY_NUM, _dmy_num, "15/11/2017, 15-11-2017"),
    register("dates.day_month_year", "dates", DATE_DMY, _dmy, "15 تشرين الثاني 2017, 15 نوفمبر, 3 آب/أغسطس"),
    register("dates.month_year", "dates", DATE_MY, _my, "تشرين الثاني 2017, نوفمبر/تشرين الثاني 2017"),
    register(
        "dates.hijri",
        "dates",
        HIJRI,
        lambda m, ref: hijri_to_gregorian(m, ref),
        "Hijri: 10 صفر 1445 هـ → 2023-08-26 (hijridate); 15 رمضان and 1445هـ alone stay unconverted",
    ),
    register("dates.clock", "dates", CLOCK, _clock, "10:30, الساعة 10, 9 صباحا"),
    register("dates.year_keyword", "dates", YEAR_KW, _year, "عام 2017, منذ 2014, خلال 2016-2017"),
    register("dates.day_of_month", "dates", DAY_OF_MONTH, _day, "يوم 15, 15 الجاري"),
    register("dates.relative", "dates", RELATIVE, _relative, "أمس، اليوم، يوم الجمعة، الأسبوع الماضي"),
]
KINDS = {
    "dates.clock": "time",
    "dates.year_keyword": "year",
    "dates.relative": "relative",
    "dates.month_year": "month",
    "dates.day_of_month": "date",
}
BLOCK_RULES = [
    register("dates.phone", "dates", PHONE, lambda m, ref: None, "+964 770 123 4567, 07701234567 (not a figure)"),
    register(
        "dates.identifier",
        "dates",
        IDENTIFIER,
        lambda m, ref: None,
        "القرار 2254, H3, F-16, كوفيد-19, اللواء 52 (not a figure)",
    ),
]
# No pattern of its own: the figure rules decide which numbers are years (data/ar/figure_rules.yaml), and
# the engine records each as a date mention under this rule's name (reportgen/extract/__init__.py).
YEAR_BARE_RULE = register(
    "dates.year_bare",
    "dates",
    None,
    lambda m, ref: None,
    "A lone 1900–2099 number with nothing counted after it is a year",
)


def scan_dates(text: str, ref: date | None) -> tuple[list[DateHit], list[tuple[int, int]]]:
    """Date mentions and the spans (phones, identifiers, dates, times) that block figures."""
    hits: list[DateHit] = []
    # The spans earlier rules took. One rule's own matches never overlap (finditer), so each rule checks
    # against the earlier rules' spans only, and its spans join them when it is done.
    taken = Disjoint()
    blocked: list[tuple[int, int]] = []

    for rule in BLOCK_RULES:
        new = [m.span() for m in rule.pattern.finditer(text) if not taken.overlaps(*m.span())]  # type: ignore[union-attr]
        taken.extend(new)
        blocked.extend(new)
    for rule in DATE_RULES:
        if rule.name == "dates.hijri" and not _maybe_hijri(text):
            continue
        new = []
        for m in rule.pattern.finditer(text):  # type: ignore[union-attr]
            s, e = m.span()
            if taken.overlaps(s, e):
                continue
            value = rule.produce(m, ref)
            # A day and month without a year and no reference date is still a date (value unknown).
            if value is None and rule.name not in (
                "dates.relative",
                "dates.day_of_month",
                "dates.day_month_year",
                "dates.hijri",
            ):
                continue
            new.append((s, e))
            blocked.append((s, e))
            hijri = hijri_of(m) if rule.name == "dates.hijri" else None
            hits.append(DateHit(s, e, value, KINDS.get(rule.name, "date"), rule.name, hijri))
        taken.extend(new)
    return hits, blocked


# A dateline opens an article's first lines: «بغداد - 12 أيار 2024 -», «الفاشر، 11 فبراير 2025 –»,
# «جنيف في 6 يوليو/أ ش أ/», «القاهرة (رويترز) - 3 مارس»: up to three place words, a separator, then a date.
DATELINE = re.compile(
    rf"^[ \t]*(?:[{_AR}]+(?:[ \t]+[{_AR}]+){{0,2}}[ \t]*(?:\([^)\n]{{0,30}}\)[ \t]*)?"
    rf"(?:[-–—،,:/]|[ \t]في)[ \t]*)"
    rf"(?:(?:يوم[ \t]+)?(?:{'|'.join(_WEEKDAYS)})[ \t]*[،,]?[ \t]*)?"
    rf"(?P<date>(?P<d>[0-3]?\d)[ \t]*(?:من[ \t]+)?{_M1}{_E}(?:[ \t]*(?:عام[ \t]+)?{_YEAR}(?!\d))?)"
)
YEAR_ANY = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def dateline(text: str, start: int, end: int) -> date | None:
    """The article's date from a dateline at the start of its first lines («بغداد - 12 أيار 2024»).

    Without a year in the dateline, the latest year written in the article (up to 2099) is taken; with none,
    the date is unknown (None)."""
    from reportgen.extract.normalize import Normalized

    head_end = min(end, start + 200)
    n = Normalized(text, start, head_end)
    for line in re.finditer(r"[^\n]+", n.norm):
        m = DATELINE.match(line.group())
        if m is None:
            continue
        month = _MONTH[re.sub(r"\s+", " ", m.group("m"))]
        if m.group("y"):
            year = int(m.group("y"))
        else:
            years = [int(y) for y in YEAR_ANY.findall(Normalized(text, start, end).norm)]
            if not years:
                return None
            year = max(years)
        try:
            return date(year, month, int(m.group("d")))
        except ValueError:
            return None
    return None
