from __future__ import annotations

from pathlib import Path

import pytest

from reportgen import config, sources
from reportgen.errors import SourceError

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "seeds" / "rutba-karbala-operation.txt"
BOILERPLATE = config.bundled_defaults()["boilerplate"]


def test_sample_title_body_and_dropped_boilerplate() -> None:
    art = sources.read(SAMPLE, "seeds/x.txt", BOILERPLATE)
    assert art.title.text == "عمليّة تطهير في الصحراء الممتدّة من الرطبة إلى حدود كربلاء"
    assert art.text[art.title.start : art.title.end] == art.title.text
    assert art.body.text.startswith("دخل التحالف الرباعي")
    assert art.body.text.endswith("المقاتلين المتطرفين.")
    assert "Privacy" not in art.body.text and "تنويه" not in art.body.text
    # The original text is kept whole: boilerplate is excluded by span, not deleted.
    assert art.text == SAMPLE.read_text(encoding="utf-8")


def test_bom_and_crlf_keep_spans_into_the_decoded_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffالعنوان\r\n\r\nالنص الأول\r\nالنص الثاني\r\n".encode())
    art = sources.read(path, "a.txt")
    assert art.title.text == "العنوان"
    assert art.text[art.body.start : art.body.end] == "النص الأول\r\nالنص الثاني"
    assert not art.text.startswith("\ufeff")


def test_front_matter_sets_metadata_and_title(tmp_path: Path) -> None:
    text = "---\ntitle: عنوان من البيانات\ndate: 2017-11-04\nsource: المدى\nurl: https://example.org/a\n---\nالنص.\n"
    art = sources.parse(text, "a.txt")
    assert art.title.text == "عنوان من البيانات"
    assert text[art.title.start : art.title.end] == art.title.text
    assert art.date is not None and art.date.isoformat() == "2017-11-04"
    assert art.source_name == "المدى" and art.url == "https://example.org/a"
    assert art.body.text == "النص."


def test_front_matter_must_be_a_mapping() -> None:
    with pytest.raises(SourceError) as info:
        sources.parse("---\n- a\n- b\n---\nنص\n", "seeds/a.txt")
    assert str(info.value).startswith("seeds/a.txt:2: front matter must be a mapping")


def test_unknown_front_matter_key_suggests(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as info:
        sources.parse("---\ntitel: x\n---\nنص\n", "a.txt")
    assert "unknown front matter key 'titel'" in str(info.value)
    assert "did you mean 'title'?" in str(info.value)


def test_windows_1256_is_detected_and_named(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes("عنوان المقال\nقتل 12 شخصاً في الهجوم\n".encode("cp1256"))
    article = sources.read(path, "seeds/old.txt")
    assert article.title.text == "عنوان المقال"
    assert any("decoded as Windows-1256" in w for w in article.warnings)


def test_empty_article_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="the article is empty"):
        sources.parse("  \n\n \t\n", "a.txt")


def test_line_col_counts_crlf_as_one_break() -> None:
    text = "ab\r\ncd\ne"
    assert sources.line_col(text, text.index("d")) == (2, 2)
    assert sources.line_col(text, text.index("e")) == (3, 1)
