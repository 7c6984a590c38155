"""Issue 15 (6): words that only look like numbers are not numbers; ordinals are not cardinals."""

from __future__ import annotations

import pytest

from reportgen.extract import extract


@pytest.mark.parametrize(
    "text",
    [
        "أعلنت حركة طالبان سيطرتها",
        "وصل يوم الاثنين",
        "الاثنين الماضي",
        "يوم الثلاثاء",
        "الأربعاء المقبل",
        "الأحد",
        "الفصل الثالث",
        "المرة الخامسة",
        "الدورة العاشرة",
        "في الذكرى الخمسين",
        "القرن العشرين",
        "بلغت نسبة المئة",
    ],
)
def test_no_number(text: str, cfg) -> None:  # type: ignore[no-untyped-def]
    x = extract(text, cfg)
    assert x.numbers == () and x.figures == (), (x.numbers, x.figures)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("الأرقام 3، 4", [3, 4]),  # an Arabic comma between digits is a list
        ("بين 10 -5 و20", [10, 5, 20]),  # the dash of a range is no minus sign
        ("24/7", [24, 7]),  # not a fraction
        ("فاز 3-1", [3, 1]),
    ],
)
def test_separators_that_are_not_decimals_or_signs(text: str, values: list[int], cfg) -> None:  # type: ignore[no-untyped-def]
    assert [n.value for n in extract(text, cfg).numbers] == values


def test_magnitude_bounds_are_documented_and_value_stays_null(cfg) -> None:  # type: ignore[no-untyped-def]
    (f,) = extract("نزح مئات الآلاف من السكان", cfg).figures
    assert (f.value, f.low, f.high, f.qualifier) == (None, 200000, 999999, "approx")


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("بين 60 ألفًا و80 ألف شخص", [60000, 80000]),  # the second has its own scale: two numbers
        ("بين مليونين و3 ملايين", [2000000, 3000000]),
        ("ما بين 4 آلاف و5 آلاف", [4000, 5000]),
        ("مليون و200 ألف نسمة", [1200000]),  # a smaller scale after «و» is the rest of one number
        ("31 مليون و719 ألف و224 دينار", [31719224]),
        ("60 ألفا و80 شخصا", [60080]),  # no scale after the second: one number
    ],
)
def test_and_before_a_number_with_its_own_scale(text: str, values: list[int], cfg) -> None:  # type: ignore[no-untyped-def]
    assert [n.value for n in extract(text, cfg).numbers] == values


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("أربع مئة وعشرة آلاف مليون ريال", 410_000_000_000),  # thousands of millions (Gulf budgets)
        ("أربع مئة وخمسة وسبعين ألف مليون ريال", 475_000_000_000),
        ("ألف مليون دولار", 1_000_000_000),
        ("ثلاثة آلاف", 3000),
    ],
)
def test_thousand_million(text: str, value: int, cfg) -> None:  # type: ignore[no-untyped-def]
    assert [n.value for n in extract(text, cfg).numbers] == [value]
