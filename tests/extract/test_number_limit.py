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
