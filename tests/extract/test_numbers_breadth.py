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
