from __future__ import annotations

import pytest

from reportgen.site.search import normalize

CASES = [
    ("أحمد", "احمد"),
    ("إبراهيم", "ابراهيم"),
    ("آلاف", "الاف"),
    ("ٱلله", "الله"),
    ("قرية", "قريه"),
    ("مستشفى", "مستشفي"),
    ("قَرْيَةٌ", "قريه"),
    ("تـــدمير", "تدمير"),
    ("٤٠ قرية", "40 قريه"),
    ("۱۵ معسکر", "15 معسکر"),
    ("مسؤول", "مسوول"),
    ("  Hello\n World ", "hello world"),
]


@pytest.mark.parametrize(("raw", "folded"), CASES)
def test_normalize_folds_arabic_variants(raw: str, folded: str) -> None:
    assert normalize(raw) == folded


def test_variants_meet_in_one_form() -> None:
    assert normalize("القرية") == normalize("القريه") == normalize("ألقريَة")
    assert normalize("40") == normalize("٤٠") == normalize("۴۰")
