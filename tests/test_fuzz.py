"""Arbitrary Unicode through ingest → extract → HTML: no unhandled exception, valid spans, well-formed HTML."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportgen import config, outputs, sources
from reportgen.errors import SourceError
from reportgen.extract import extract_article
from reportgen.model import Briefing
from reportgen.outputs.html import briefing_html
from reportgen.present import render
from reportgen.present.view import build_view

REPO = Path(__file__).resolve().parent.parent
CFG = config.load(REPO)
ENV = render.environment(CFG)

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

# Text that exercises the hard parts: Arabic letters and digits, separators, quote marks, bidi controls,
# markup characters, line breaks of every kind, and front-matter fences.
PIECES = st.sampled_from(
    [
        "تدمير 15 معسكراً",
        "٤٠ قرية",
        "20000 كم",
        "ألفي",
        "«",
        "»",
        "”",
        "“",
        '"',
        "<",
        ">",
        "&",
        "<script>",
        "</p>",
        "\u200f",
        "\u200e",
        "\u202b",
        "\u202c",
        "\u200d",
        "\r\n",
        "\r",
        "\n",
        "---\n",
        "title: x\n",
        "، ",
        "٫",
        "٬",
        "%",
        "٪",
        " ",
        "قال العميد يحيى رسول إن",
        "بين 10 و15",
        "عام 2017",
    ]
)
TEXT = st.one_of(st.text(max_size=300), st.lists(st.one_of(PIECES, st.text(max_size=5)), max_size=40).map("".join))


class WellFormed(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_any_text_ingests_extracts_and_renders_well_formed_html(text: str) -> None:
    try:
        article = sources.parse(text, "seeds/fuzz.txt", CFG.boilerplate)
    except SourceError as exc:
        assert str(exc).startswith("seeds/fuzz.txt")  # a located, explained refusal is fine
        return
    extraction = extract_article(article, CFG)
    for kind in ("figures", "numbers", "entities", "quotes", "dates"):
        for item in getattr(extraction, kind):
            assert article.text[item.start : item.end] == item.text, (kind, item)
    view = build_view(Briefing(article, extraction), CFG)
    html = briefing_html(outputs.Job(ENV, CFG, view, [])).decode("utf-8")
    parser = WellFormed()
    parser.feed(html)
    parser.close()
    assert not parser.errors and parser.stack == [], (parser.errors, parser.stack)
    # The briefing template has no scripts, so any <script in the page came from the article unescaped.
    assert "<script" not in html


@pytest.mark.parametrize("text", ["<script>alert(1)</script>\nنص", "عنوان\n</p></main><script>x</script>"])
def test_markup_in_articles_is_text(text: str) -> None:
    article = sources.parse(text, "a.txt")
    view = build_view(Briefing(article, extract_article(article, CFG)), CFG)
    html = briefing_html(outputs.Job(ENV, CFG, view, [])).decode("utf-8")
    body = html.split("<body", 1)[1]
    assert "<script>alert" not in body and "<script>x" not in body
    assert "&lt;script&gt;" in body
