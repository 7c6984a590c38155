"""Issue 15 (4): a dateline sets the article's date when front matter has none; Hijri dates in both calendars."""

from __future__ import annotations

from datetime import date

import pytest

from reportgen import sources
from reportgen.extract import extract, extract_article
from reportgen.present import display


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("بغداد - 12 أيار 2024 - قتل 5 أشخاص في انفجار.\n", date(2024, 5, 12)),
        ("عنوان الخبر\nالفاشر، 11 فبراير 2025 – شنت قوات الدعم السريع هجوماً.\n", date(2025, 2, 11)),
        ("القاهرة (رويترز) - 3 مارس 2022 قال مسؤول إن 4 أشخاص قتلوا.\n", date(2022, 3, 3)),
        ("جنيف في 6 يوليو 2023 /أ ش أ/ ذكرت المنظمة أن 3 ملايين نزحوا.\n", date(2023, 7, 6)),
        # No year in the dateline: the latest year written in the article.
        ("بغداد - 12 أيار\nقتل 5 أشخاص في عام 2023، بعد هجمات بدأت في 2021.\n", date(2023, 5, 12)),
    ],
)
def test_dateline_sets_the_article_date(text: str, want: date) -> None:
    assert sources.parse(text, "a.txt").date == want


@pytest.mark.parametrize(
    "text",
    [
        "قتل 5 أشخاص في 12 أيار 2024 في بغداد.\n",  # a date in the sentence is not a dateline
        "بغداد - قتل 5 أشخاص\n",
        "بغداد - 12 أيار\nقتل 5 أشخاص.\n",  # no year anywhere: unknown
    ],
)
def test_no_dateline_no_date(text: str) -> None:
    assert sources.parse(text, "a.txt").date is None


def test_front_matter_date_wins_over_dateline() -> None:
    text = "---\ntitle: خبر\ndate: 2020-01-01\n---\nبغداد - 12 أيار 2024 - نص.\n"
    assert sources.parse(text, "a.txt").date == date(2020, 1, 1)


def test_dateline_date_resolves_relative_times(cfg) -> None:  # type: ignore[no-untyped-def]
    art = sources.parse("بغداد - 12 أيار 2024 - نزح 300 شخص منذ أسبوعين.\n", "a.txt")
    (t,) = extract_article(art, cfg).times
    assert (t.text, t.value) == ("منذ أسبوعين", "2024-04-28")


@pytest.mark.parametrize(
    ("text", "hijri", "gregorian"),
    [
        ("وفي 10 صفر 1445 هـ قتل 5 أشخاص", "1445-02-10", "2023-08-26"),
        ("في 27 رمضان 1444", "1444-09-27", "2023-04-18"),
        ("الموافق 1 محرم 1446هـ", "1446-01-01", "2024-07-07"),
        ("يوم 15 ذي الحجة 1445 هـ", "1445-12-15", "2024-06-21"),
        ("في 3 ربيع الأول 1440 هـ", "1440-03-03", "2018-11-11"),
    ],
)
def test_hijri_dates_are_converted(text: str, hijri: str, gregorian: str, cfg) -> None:  # type: ignore[no-untyped-def]
    (d,) = [d for d in extract(text, cfg).dates if d.rule == "dates.hijri"]
    assert (d.hijri, d.value) == (hijri, gregorian)


def test_hijri_without_year_is_not_converted(cfg) -> None:  # type: ignore[no-untyped-def]
    (d,) = extract("يوم 15 رمضان الماضي", cfg).dates
    assert (d.hijri, d.value) == (None, None)


def test_both_calendars_shown() -> None:
    assert display.both_calendars("1445-02-10", "2023-08-26") == "10 صفر 1445 هـ (26 آب/أغسطس 2023)"
    assert display.both_calendars("1445-02-10", "2023-08-26", "arabic-indic") == "١٠ صفر ١٤٤٥ هـ (٢٦ آب/أغسطس ٢٠٢٣)"
