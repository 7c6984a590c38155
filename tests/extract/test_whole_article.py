"""Issue 15 (1): the whole article is read — headline line, lead and body — with spans into the original text."""

from __future__ import annotations

import pytest

from reportgen import sources
from reportgen.extract import article_region, extract_article


def _figs(text: str, cfg) -> list[tuple[object, str]]:  # type: ignore[no-untyped-def]
    art = sources.parse(text, "a.txt")
    x = extract_article(art, cfg)
    for f in x.figures:
        assert text[f.start : f.end] == f.text
    return [(f.value, f.text) for f in x.figures]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("قتل 178 شخصاً في قصف على المدينة وأصيب 20 آخرون.\n", [178, 20]),
        ("أعلنت الوزارة نزوح 3500 عائلة من القرى الحدودية خلال الليل", [3500]),
        ("\ufeffوصل عدد المفقودين إلى 40 شخصا بعد الفيضانات.\r\n", [40]),
    ],
)
def test_one_paragraph_file_gives_figures(text: str, values: list[int], cfg) -> None:  # type: ignore[no-untyped-def]
    assert [v for v, _ in _figs(text, cfg)] == values


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("مقتل 12 شخصا في انفجار ببغداد\nوقالت الشرطة إن 30 آخرين أصيبوا.\n", [12, 30]),
        ("اعتقال 9 مشتبهين في البصرة\n\nأعلنت الشرطة ضبط 4 سيارات مفخخة.\n", [9, 4]),
        ("  عنوان بلا أرقام\nوأصيب 5 أشخاص.\n", [5]),
    ],
)
def test_headline_line_is_extracted(text: str, values: list[int], cfg) -> None:  # type: ignore[no-untyped-def]
    assert [v for v, _ in _figs(text, cfg)] == values


def test_front_matter_title_is_metadata_and_body_first_line_is_read(cfg) -> None:  # type: ignore[no-untyped-def]
    text = "---\ntitle: عنوان فيه 5 قتلى\ndate: 2024-01-02\n---\nسقط 7 قتلى في الهجوم.\nوأصيب 3 آخرون.\n"
    art = sources.parse(text, "a.txt")
    assert art.title.text == "عنوان فيه 5 قتلى"
    s, _ = article_region(art)
    assert s == text.index("سقط")
    assert [v for v, _ in _figs(text, cfg)] == [7, 3]


def test_region_covers_title_line_without_front_matter() -> None:
    text = "العنوان هنا\nالنص.\n"
    art = sources.parse(text, "a.txt")
    assert article_region(art) == (0, text.index("النص.") + len("النص."))
