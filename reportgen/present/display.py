"""How values are shown to readers: digits per the configured style, Arabic unit names.

Display only: extraction and matching never see these strings.
"""

from __future__ import annotations

_TO_ARABIC_INDIC = str.maketrans("0123456789.,%", "٠١٢٣٤٥٦٧٨٩٫٬٪")

UNIT_LABELS: dict[str, str] = {
    "km2": "كم²",
    "m2": "م²",
    "km": "كم",
    "m": "م",
    "ha": "هكتار",
    "kg": "كغ",
    "ton": "طن",
    "l": "لتر",
    "barrel": "برميل",
    "percent": "٪",
    "degree_c": "°م",
    "magnitude": "درجات على مقياس ريختر",
    "day": "يوم",
    "hour": "ساعة",
    "minute": "دقيقة",
    "second": "ثانية",
    "month": "شهر",
    "year": "سنة",
    "USD": "دولار",
    "EUR": "يورو",
    "IQD": "دينار عراقي",
    "SYP": "ليرة سورية",
    "SAR": "ريال سعودي",
    "EGP": "جنيه مصري",
    "AED": "درهم إماراتي",
    "JOD": "دينار أردني",
    "LBP": "ليرة لبنانية",
    "KWD": "دينار كويتي",
    "QAR": "ريال قطري",
    "GBP": "جنيه إسترليني",
    "TRY": "ليرة تركية",
    "IRR": "ريال إيراني",
}


# How a figure an editor checked is marked for readers (its `review`; see reportgen.corrections): a word
# under the card and a longer tooltip. Machine-read figures are not marked.
REVIEW_MARKS: dict[str, tuple[str, str]] = {
    "approved": ("راجعه محرر", "تحقّق محرر من هذا الرقم كما استُخرج من النص"),
    "corrected": ("صحّحه محرر", "صحّح محرر هذا الرقم؛ القراءة الآلية الأصلية محفوظة في ملف البيانات"),
    "added": ("أضافه محرر", "أضاف محرر هذا الرقم من نص المقال"),
}


def digits(text: str, style: str) -> str:
    return text.translate(_TO_ARABIC_INDIC) if style == "arabic-indic" else text


def number(value: float | int | None, style: str = "western") -> str:
    if value is None:
        return "—"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = f"{value:,}" if isinstance(value, int) else f"{value:,.2f}".rstrip("0").rstrip(".")
    return digits(text, style)


def unit(code: str | None) -> str:
    if code is None:
        return ""
    return UNIT_LABELS.get(code, code)


CURRENCIES = frozenset(
    {"USD", "EUR", "IQD", "SYP", "SAR", "EGP", "AED", "JOD", "LBP", "KWD", "QAR", "GBP", "TRY", "IRR"}
)

# Scale words, largest first: (size, singular, plural for 3–10). «25 مليار», «1.7 مليون», «3 ملايين», «350 ألف».
SCALES = ((10**9, "مليار", "مليارات"), (10**6, "مليون", "ملايين"), (10**3, "ألف", "آلاف"))


def compact(value: float | int, style: str = "western", thousands: bool = True) -> str | None:
    """A large number in words as Arabic newspapers write it («25 مليار»), or None when digits read better.

    A scale is used only when the number is a whole multiple of it to two decimals («1.7 مليون»): an amount
    like 1,234,567 keeps its digits rather than be rounded. `thousands` allows «ألف» (amounts of money);
    counts and measures only use مليون and مليار. The scale word is plural after 3 to 10 («3 ملايين»).
    """
    magnitude = abs(value)
    for size, singular, plural in SCALES:
        if size == 10**3 and (not thousands or magnitude < 10**4):
            continue
        if magnitude < size:
            continue
        scaled = value / size
        if abs(round(scaled, 2) - scaled) > 1e-9 * abs(scaled) or abs(scaled) >= 1000:
            return None
        scaled = round(scaled, 2)
        word = plural if float(scaled).is_integer() and 3 <= abs(scaled) <= 10 else singular
        return f"{number(scaled, style)} {word}"
    return None


def quantity(value: float | int | None, code: str | None, style: str = "western") -> str:
    """«20,000 كم²», «85٪», «25 مليار دينار عراقي»: number then unit, as Arabic newspapers write it."""
    shown = number(value, style)
    if code == "percent":
        return shown + ("٪" if style == "arabic-indic" else "%")
    if value is not None:
        shown = compact(value, style, thousands=code in CURRENCIES) or shown
    return f"{shown} {unit(code)}".strip()


def exact(value: float | int | None, code: str | None, style: str = "western") -> str:
    """The quantity in full digits («25,000,000,000 دينار عراقي»), for a tooltip beside the compact form."""
    shown = number(value, style)
    if code == "percent":
        return shown + ("٪" if style == "arabic-indic" else "%")
    return f"{shown} {unit(code)}".strip()


GREGORIAN_MONTHS = (
    "كانون الثاني/يناير",
    "شباط/فبراير",
    "آذار/مارس",
    "نيسان/أبريل",
    "أيار/مايو",
    "حزيران/يونيو",
    "تموز/يوليو",
    "آب/أغسطس",
    "أيلول/سبتمبر",
    "تشرين الأول/أكتوبر",
    "تشرين الثاني/نوفمبر",
    "كانون الأول/ديسمبر",
)
HIJRI_MONTHS = (
    "محرم",
    "صفر",
    "ربيع الأول",
    "ربيع الآخر",
    "جمادى الأولى",
    "جمادى الآخرة",
    "رجب",
    "شعبان",
    "رمضان",
    "شوال",
    "ذو القعدة",
    "ذو الحجة",
)


def gregorian(iso: str | None, style: str = "western") -> str:
    """«26 آب/أغسطس 2023» from «2023-08-26» (a month «2023-08» or a year «2023» too)."""
    if not iso:
        return ""
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        return digits(f"{parts[2]} {GREGORIAN_MONTHS[parts[1] - 1]} {parts[0]}", style)
    if len(parts) == 2:
        return digits(f"{GREGORIAN_MONTHS[parts[1] - 1]} {parts[0]}", style)
    return digits(str(parts[0]), style)


def hijri(iso: str | None, style: str = "western") -> str:
    """«10 صفر 1445 هـ» from «1445-02-10»."""
    if not iso:
        return ""
    y, m, d = (int(p) for p in iso.split("-"))
    return digits(f"{d} {HIJRI_MONTHS[m - 1]} {y} هـ", style)


def both_calendars(hijri_iso: str | None, gregorian_iso: str | None, style: str = "western") -> str:
    """A Hijri date shown in both calendars: «10 صفر 1445 هـ (26 آب/أغسطس 2023)»."""
    h, g = hijri(hijri_iso, style), gregorian(gregorian_iso, style)
    return f"{h} ({g})" if h and g else h or g


def label_after(shown: str, label: str) -> str:
    """What follows a figure in running text: its label, unless the shown value already says it.

    A figure labelled only by its unit («14 يوم» labelled «يوم») would read «14 يوم يوم»; it reads «14 يوم».
    """
    words = set(shown.split())
    return "" if label and all(w in words for w in label.split()) else label
