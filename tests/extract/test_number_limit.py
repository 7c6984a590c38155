"""An article with more numbers than extraction reads: the first MAX_NUMBERS are kept, one warning names file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen import config, sources
from reportgen.extract import MAX_NUMBERS, extract_article


@pytest.mark.parametrize(("unit", "extra"), [("5%", 1), ("5%", 700), ("5% ", 3)])
def test_a_line_of_figures_beyond_the_limit_keeps_the_limit_and_warns_once(unit: str, extra: int) -> None:
    text = "عنوان\nسطر أول.\n" + unit * (MAX_NUMBERS + extra) + "\n"
    article = sources.parse(text, "seeds/many.txt")
    x = extract_article(article, config.load(Path("/nonexistent")))
    assert len(x.figures) == MAX_NUMBERS
    assert len(x.numbers) == MAX_NUMBERS
    assert all(f.unit == "percent" for f in x.figures)
    (warning,) = x.warnings
    assert warning.startswith("seeds/many.txt:3: ")
    assert f"{MAX_NUMBERS:,}" in warning


def test_an_article_at_the_limit_has_no_warning() -> None:
    text = "عنوان\n" + "5%" * MAX_NUMBERS + "\n"
    x = extract_article(sources.parse(text, "seeds/ok.txt"), config.load(Path("/nonexistent")))
    assert len(x.figures) == MAX_NUMBERS
    assert x.warnings == ()


# Extraction stops reading numbers just past the limit (a line of nothing but numbers was 60% number scanning):
# what it keeps must be exactly what reading them all and cutting gives. MAX_NUMBERS is lowered to keep it quick.
LIMIT = 40
NEAR_THE_CUT = [
    "5%" * (LIMIT + 30),
    "1," * (LIMIT * 3),
    "قتل 12 شخصا في القائم، " * (LIMIT + 5),
    "الساعة 10:30 قتل 3 " * (3 * LIMIT),  # clock times are not numbers: they do not count
    "في 10 صفر 1445 هـ قتل 4، " * LIMIT,  # Hijri dates: صفر is a month, not zero
    "بلغت الحرارة ناقص 5 درجات، " * (LIMIT + 3),  # a number that starts at its minus word
    "قتل عشرات و5 آخرون، " * LIMIT,  # approximations count with the numbers
    "خمسة وعشرون ألفا و" * (LIMIT + 2),  # compounds of words
    "5%" * (LIMIT - 1),  # under the limit: no cut
]


@pytest.mark.parametrize("body", NEAR_THE_CUT, ids=range(len(NEAR_THE_CUT)))
def test_reading_stops_past_the_limit_with_the_same_result(body: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import reportgen.extract as extract_mod
    from reportgen.extract import numbers

    cfg = config.load(Path("/nonexistent"))
    article = sources.parse("عنوان\n" + body + "\n", "seeds/many.txt")
    monkeypatch.setattr(extract_mod, "MAX_NUMBERS", LIMIT)
    read = []
    real = numbers.iter_numbers

    def counted(text: str):  # type: ignore[no-untyped-def]
        for hit in real(text):
            read.append(hit)
            yield hit

    monkeypatch.setattr(numbers, "iter_numbers", counted)
    early = extract_article(article, cfg)
    stopped_after = len(read)
    monkeypatch.setattr(extract_mod, "_READ_PAST", 10**9)  # read every number, then cut
    read.clear()
    full = extract_article(article, cfg)
    assert early == full
    assert len(early.warnings) == (body != NEAR_THE_CUT[-1]), "each input but the last reaches the cut"
    if len(read) > 3 * LIMIT:
        assert stopped_after <= len(read) // 2, "reading went on past the limit"
