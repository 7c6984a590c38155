"""Issue 15 (3): every figure's qualifier, as data, and every output says it in Arabic with the source's meaning."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from reportgen import sources
from reportgen.cli.extract import run
from reportgen.extract import extract, extract_article
from reportgen.model import Briefing
from reportgen.present.view import build_view

FAMILIES = {
    "approx": [
        "ناهز عدد النواب 30 نائبا",
        "قتل نحو 30 شخصاً",
        "قتل حوالي 30 شخصاً",
        "قتل قرابة 30 شخصاً",
        "قتل زهاء 30 شخصاً",
        "قتل ما يقارب 30 شخصاً",
        "قتل 30 شخصاً تقريباً",
        "نزح ما يناهز 30 شخصاً",
    ],
    "over": [
        "قتل أكثر من 30 شخصاً",
        "قتل ما يزيد على 30 شخصاً",
        "قتل ما يزيد عن 30 شخصاً",
        "تجاوز عدد القتلى 30",
        "فاق عدد النازحين 30 ألف شخص",
        "قتل 30 شخصاً أو أكثر",
        "يفوق 30 شخصاً",
        "قال إن عدد الوفيات تجاوز الـ 30 شخصاً",
        "تجاوزت نسبة المشاركة 30%",
        "سجلت الكويت فوق 30 درجة مئوية",
        "صعد برنت مرتفعا فوق 30 دولارا للبرميل",
    ],
    "at_least": [
        "قتل ما لا يقل عن 30 شخصاً",
        "قتل 30 شخصاً على الأقل",
        "قتل على الأقل 30 شخصاً",
        "حصة نسائية لا تقل عن 30%",
        "لقي 30 مهاجراً إفريقياً على الأقل حتفهم",
    ],
    "under": ["قتل أقل من 30 شخصاً", "نزح دون 30 شخصاً", "ما يقل عن 30 شخصاً"],
    "up_to": [
        "قد يصل العدد إلى حتى 30 شخصاً",
        "ما يصل إلى 30 شخصاً",
        "لا يتجاوز عدد النازحين 30 شخصاً",
        # a forecast or a ceiling in the present tense
        "درجات الحرارة على القاهرة تصل إلى 30 درجة مئوية اليوم",
        "يعاقب المخالف بغرامة تصل إلى 30 دينارا",
        "بطاقة إنتاجية يصل إلى 30 ميغاواط",
    ],
    None: [
        "قتل 30 شخصاً",
        "أكثر الناس تضرراً 30 شخصاً",
        "وصل 30 شخصاً إلى المدينة",
        "ارتفع الخام ليصل إلى 30 دولاراً للبرميل",
        "ارتفعت الحصيلة لتصل إلى 30 قتيلا",
        "وصل عدد القتلى إلى 30 شخصاً",
    ],
}


@pytest.mark.parametrize(("text", "want"), [(t, q) for q, ts in FAMILIES.items() for t in ts], ids=str)
def test_qualifier(text: str, want: str | None, cfg) -> None:  # type: ignore[no-untyped-def]
    figs = extract(text, cfg).figures
    assert len(figs) == 1, figs
    assert figs[0].qualifier == want


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("قتل أكثر من 200 شخص في القصف.", "أكثر من 200"),
        ("قتل نحو 200 شخص في القصف.", "نحو 200"),
        ("قتل ما لا يقل عن 200 شخص في القصف.", "ما لا يقل عن 200"),
        ("نزح أقل من 200 شخص من القرية.", "أقل من 200"),
        ("قتل 200 شخص في القصف.", "200"),
    ],
)
def test_cards_and_bars_say_the_source_hedge(text: str, shown: str, cfg) -> None:  # type: ignore[no-untyped-def]
    art = sources.parse(text + "\n", "a.txt")
    view = build_view(Briefing(art, extract_article(art, cfg)), cfg)
    assert [c.shown for c in view.cards] == [shown]
    assert [b.shown for b in view.bars] == [shown]


def test_table_output_says_the_hedge_in_arabic(tmp_path: Path, cfg) -> None:  # type: ignore[no-untyped-def]
    p = tmp_path / "a.txt"
    p.write_text("قتل أكثر من 200 شخص في القصف.\n", encoding="utf-8")
    out = io.StringIO()
    assert run([str(p)], "table", cfg, False, out, io.StringIO()) == 0
    assert "أكثر من 200" in out.getvalue()
    assert "نحو 200" not in out.getvalue() and "≈" not in out.getvalue()
