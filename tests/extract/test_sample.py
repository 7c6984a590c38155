"""The bundled sample article gives the expected figures, entities and quotes."""

from __future__ import annotations

from pathlib import Path

from reportgen import sources
from reportgen.extract import extract_article

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "seeds" / "rutba-karbala-operation.txt"


def _sample(cfg):  # type: ignore[no-untyped-def]
    article = sources.read(SAMPLE, "sample", cfg.boilerplate)
    return article, extract_article(article, cfg)


def test_sample_figures(cfg) -> None:  # type: ignore[no-untyped-def]
    article, x = _sample(cfg)
    got = [(f.value, f.unit, f.category) for f in x.figures]
    assert got == [
        (15, None, "camps_destroyed"),
        (10, None, "hideouts_destroyed"),
        (40, None, "villages_liberated"),
        (20000, "km2", "area_liberated"),
    ]
    assert [f.noun for f in x.figures[:3]] == ["معسكراً", "أوكار", "قرية"]
    for f in x.figures:
        assert article.text[f.start : f.end] == f.text
        assert f.sentence_start <= f.start < f.end <= f.sentence_end


def test_sample_entities(cfg) -> None:  # type: ignore[no-untyped-def]
    article, x = _sample(cfg)
    people = {e.text for e in x.entities if e.type == "person"}
    assert {"يحيى رسول", "عبد الامير رشيد يارالله", "راين ديلون", "جعفر الحسيني"} <= people
    # Title-found person spans never include the title.
    assert not any(p.startswith(("العميد", "الكولونيل", "الفريق")) for p in people)
    # «يار الله» (two words) is the same person as «يارالله».
    assert any(e.text == "يار الله" and e.name == "عبد الامير رشيد يارالله" for e in x.entities)
    places = {e.name for e in x.entities if e.type == "place"}
    assert {"الرطبة", "كربلاء", "القائم", "البوكمال", "الأنبار", "دير الزور"} <= places
    orgs = {e.name for e in x.entities if e.type == "organization"}
    assert {"داعش", "الحشد الشعبي", "كتائب حزب الله", "التحالف الدولي"} <= orgs
    # «بالرطبة»: the span is the name without its clitic.
    assert all(not e.text.startswith(("بال", "وال")) for e in x.entities if e.name == "الرطبة")
    for e in x.entities:
        assert article.text[e.start : e.end] == e.text


def test_sample_quotes(cfg) -> None:  # type: ignore[no-untyped-def]
    article, x = _sample(cfg)
    texts = [q.text for q in x.quotes]
    assert any(t.startswith("التنسيق موجود") for t in texts)  # opened with U+201D
    assert "يختبئون في صحراء" in texts
    by_start = {q.text.split()[0]: q.speaker for q in x.quotes}
    assert by_start["قيادات"] == "راين ديلون"
    assert by_start["العملية"] == "قائد عمليات غرب الانبار"  # a role phrase speaks
    # Indirect speech (no quote marks): from after إن to the end of the sentence, speaker resolved.
    indirect = [q for q in x.quotes if q.rule == "quotes.indirect"]
    assert any(q.text.startswith("قواته التي تقاتل") and q.text.endswith("الحدودية") for q in indirect)
    assert {q.speaker for q in indirect if q.text.startswith(("قواته", "قوات المقاومة"))} == {"جعفر الحسيني"}
    assert by_start["جميع"] == "عبد الامير رشيد يارالله"
    for q in x.quotes:
        assert article.text[q.start : q.end] == q.text


def test_sample_items_sorted(cfg) -> None:  # type: ignore[no-untyped-def]
    _, x = _sample(cfg)
    for items in (x.figures, x.numbers, x.entities, x.quotes, x.dates):
        starts = [i.start for i in items]
        assert starts == sorted(starts)
