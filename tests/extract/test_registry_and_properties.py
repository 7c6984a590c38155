"""Rule registry invariants and a property test: extract never crashes and every span holds."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportgen import config as config_mod
from reportgen.extract import REGISTRY, extract
from reportgen.extract.rules import KINDS

CFG = config_mod.load(Path(__file__).resolve().parents[2])


def test_every_rule_registered_once_with_unique_name() -> None:
    names = Counter(r.name for r in REGISTRY)
    assert names and all(c == 1 for c in names.values()), [n for n, c in names.items() if c > 1]
    for r in REGISTRY:
        assert r.kind in KINDS
        assert r.name.split(".")[0] == r.kind
        assert callable(r.produce)
    assert {r.kind for r in REGISTRY} == set(KINDS)


def test_every_item_names_a_registered_rule() -> None:
    names = {r.name for r in REGISTRY}
    text = (
        "وقال العميد يحيى رسول أمس إن”تدمير 15 معسكراً و3 آلاف كم في الأنبار عام 2017”، "
        "ونزوح عشرات العائلات بكلفة 2.3 مليار دولار و85% بين 10 و15 قتيلا وتدمير سيارتين"
    )
    x = extract(text, CFG)
    items = [*x.figures, *x.numbers, *x.entities, *x.quotes, *x.dates]
    assert items
    for item in items:
        assert item.rule in names, item


_CHARS = list("ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآةى٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹0123456789")
_CHARS += list(' ،,.٫٬%٪-/:()«»“”"\n\u064b\u064e\u0651\u0640\u200f')
_CHARS += [
    "ثلاثة",
    " آلاف",
    " و",
    "عشر",
    "مليون",
    " قتيلا",
    " كم",
    " دولار",
    "بين ",
    " إلى ",
    "الرطبة",
    "بالرطبة",
    "العميد ",
    "قال ",
    "إن”",
    "أمس",
    "عام ",
    "2017",
    "تشرين الثاني",
    " في المئة",
    "نحو ",
    "عشرات ",
]
_ARABIC = st.sampled_from(_CHARS)
TEXT = st.one_of(st.text(max_size=200), st.lists(_ARABIC, max_size=60).map("".join))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, st.data())
def test_extract_never_crashes_and_spans_hold(text: str, data: st.DataObject) -> None:
    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    for region in (None, (lo, hi)):
        x = extract(text, CFG, region=region)
        for item in (*x.figures, *x.numbers, *x.entities, *x.quotes, *x.dates):
            assert text[item.start : item.end] == item.text
            if region is not None:
                assert lo <= item.start <= item.end <= hi
        for items in (x.figures, x.numbers, x.entities, x.quotes, x.dates):
            assert [i.start for i in items] == sorted(i.start for i in items)
