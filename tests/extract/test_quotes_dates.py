"""Indirect speech, role-phrase speakers and Hijri dates."""

from __future__ import annotations

from reportgen.extract import extract


def test_indirect_speech_quote(cfg) -> None:  # type: ignore[no-untyped-def]
    text = "وقال مصدر أمني لوكالة فرانس برس إن المسلحين هاجموا نقطة تفتيش قرب المدينة. وانتهى الأمر."
    x = extract(text, cfg)
    (q,) = x.quotes
    assert q.rule == "quotes.indirect"
    assert q.text == "المسلحين هاجموا نقطة تفتيش قرب المدينة"
    assert q.speaker == "مصدر أمني"
    assert text[q.start : q.end] == q.text


def test_indirect_speech_named_person(cfg) -> None:  # type: ignore[no-untyped-def]
    text = "وأكد العميد يحيى رسول أن القوات حررت المنطقة بالكامل."
    (q,) = extract(text, cfg).quotes
    assert (q.speaker, q.text) == ("يحيى رسول", "القوات حررت المنطقة بالكامل")


def test_marked_quote_is_not_also_indirect(cfg) -> None:  # type: ignore[no-untyped-def]
    x = extract("وقال الوزير إن «القوات حررت المنطقة بالكامل».", cfg)
    assert [q.rule for q in x.quotes] != [] and all(q.rule != "quotes.indirect" for q in x.quotes)


def test_role_phrase_speaker(cfg) -> None:  # type: ignore[no-untyped-def]
    x = extract("وأشار قائد عمليات غرب الانبار الى ان”العملية أسفرت عن تدمير 15 معسكراً”.", cfg)
    (q,) = x.quotes
    assert q.speaker == "قائد عمليات غرب الانبار"


def test_hijri_dates_are_dates_not_figures(cfg) -> None:  # type: ignore[no-untyped-def]
    for text, span in [
        ("وفي 10 صفر 1445 هـ قتل 5 أشخاص", "10 صفر 1445 هـ"),
        ("يوم 15 رمضان الماضي", "15 رمضان"),
        ("عام 1445هـ", "1445هـ"),
        ("في 3 ذي الحجة", "3 ذي الحجة"),
    ]:
        x = extract(text, cfg)
        assert span in [d.text for d in x.dates], x.dates
        assert [f.value for f in x.figures] == ([5] if "أشخاص" in text else [])
        assert 0 not in [n.value for n in x.numbers]  # the month صفر is not zero
