"""Numbers as readers write them, in every output: large amounts in words, the source's own qualifier, no
doubled unit word."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from projects import make_project

from reportgen import config as configmod
from reportgen.build import build
from reportgen.present import display

ARTICLE = """موازنة الإعمار ومساعدات النازحين

أعلنت وزارة التخطيط تخصيص 25 مليار دينار لإعادة إعمار المناطق المحررة في الأنبار.
وقال المتحدث إن أكثر من 200 عائلة نزحت من منازلها خلال 14 يوماً.
وأضاف أن المنحة الدولية بلغت 1.7 مليون دولار، فيما بلغت كلفة المرحلة الأولى 350 ألف دولار.
وأكد مسؤول محلي اعتقال نحو 120 مشتبهاً بهم في عمليات تفتيش متفرقة.
"""


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (25_000_000_000, "IQD", "25 مليار دينار عراقي"),
        (1_700_000, "USD", "1.7 مليون دولار"),
        (350_000, "USD", "350 ألف دولار"),
        (3_000_000, "USD", "3 ملايين دولار"),
        (5_000_000_000, "EUR", "5 مليارات يورو"),
        (10_000, "USD", "10 آلاف دولار"),
        (12_500_000_000, "USD", "12.5 مليار دولار"),
        (2_000_000, None, "2 مليون"),
        # Digits read better: a small amount, an amount that would need rounding, thousands of a measure.
        (5_000, "USD", "5,000 دولار"),
        (1_234_567, "USD", "1,234,567 دولار"),
        (20_000, "km2", "20,000 كم²"),
        (120, None, "120"),
    ],
)
def test_large_amounts_in_words(value: float, unit: str | None, shown: str) -> None:
    assert display.quantity(value, unit) == shown


def test_arabic_indic_digits_in_words() -> None:
    assert display.quantity(1_700_000, "USD", "arabic-indic") == "١٫٧ مليون دولار"
    assert display.quantity(25_000_000_000, "IQD", "arabic-indic") == "٢٥ مليار دينار عراقي"


def test_label_after_a_value_is_not_repeated() -> None:
    assert display.label_after("14 يوم", "يوم") == ""
    assert display.label_after("7", "أوكار مدمرة") == "أوكار مدمرة"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(
        tmp_path_factory.mktemp("words") / "p", seeds={"budget.txt": ARTICLE}, config="formats: [html, docx]\n"
    )
    assert build(configmod.load(project)).exit_code == 0
    return project / "reports"


def _docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return re.sub(r"<[^>]+>", "", z.read("word/document.xml").decode("utf-8"))


def _outputs(site: Path) -> dict[str, str]:
    return {
        "page": (site / "budget" / "index.html").read_text(encoding="utf-8"),
        "index": (site / "index.html").read_text(encoding="utf-8"),
        "figures page": (site / "figures" / "index.html").read_text(encoding="utf-8"),
        "feed": (site / "feed.xml").read_text(encoding="utf-8"),
        "search index": (site / "search-index.json").read_text(encoding="utf-8"),
        "figures.json": (site / "budget" / "figures.json").read_text(encoding="utf-8"),
        "figures.csv": (site / "budget" / "figures.csv").read_text(encoding="utf-8-sig"),
        "docx": _docx_text(next(site.glob("*.docx"))),
    }


def test_every_output_keeps_the_sources_qualifier(site: Path) -> None:
    for name, text in _outputs(site).items():
        assert "أكثر من 200" in text, name
        assert "نحو 200" not in text, name
        if name not in ("figures page", "index", "feed", "search index"):  # these show the first figures only
            assert "نحو 120" in text, name
    # The chart's data (table and alt text) keeps it too.
    data = json.loads((site / "budget" / "key-figures.labels.json").read_text(encoding="utf-8"))
    assert "أكثر من 200" in [label["text"] for label in data["labels"]]


def test_money_in_words_with_the_exact_value_beside_it(site: Path) -> None:
    page = (site / "budget" / "index.html").read_text(encoding="utf-8")
    assert '<span class="card-value">25 مليار دينار عراقي</span>' in page
    assert '<span class="card-exact">25,000,000,000 دينار عراقي</span>' in page
    for name, text in _outputs(site).items():
        if name not in ("figures.json", "figures.csv"):  # the data files keep the raw value too
            assert "25,000,000,000" not in text.replace('card-exact">25,000,000,000', ""), name


def test_feed_does_not_double_the_unit_word(site: Path) -> None:
    """A figure labelled by its unit alone must not read «14 يوم يوم»: no word is doubled in the feed or index.

    («14 يوماً» itself is a time expression, not a key figure, so it is not in the feed at all.)"""
    for name in ("feed.xml", "index.html"):
        text = re.sub(r"<[^>]+>", " ", (site / name).read_text(encoding="utf-8"))
        doubled = re.search(r"(?<!\S)([\u0600-\u06ff]+)\s+\1(?!\S)", text)  # an Arabic word twice
        assert doubled is None, (name, doubled and doubled.group(0))
    assert "14 يوم" not in (site / "feed.xml").read_text(encoding="utf-8")
