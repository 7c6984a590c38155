"""Issue 18: long paragraphs and long card lists are cut for WeasyPrint, whose layout time is superlinear in them.

Only the HTML given to WeasyPrint changes, and only past the limits: ordinary briefings are typeset from
exactly the HTML they were before (their PDFs stay byte-identical, see test_reproducible).
"""

from __future__ import annotations

import re
import unicodedata

import pytest

from reportgen.outputs.pdf import PDF_CARDS, PDF_PARAGRAPH, layout_pieces, split_card_lists

MARKED = (
    '<span class="source-sentence" id="s-1">قتل <a class="figure-mark" href="#card-1"><mark>12</mark></a> شخصا</span>'
)


@pytest.mark.parametrize(
    "paragraph",
    [
        "قتل 12 شخصا في القائم. " * 400,  # sentences
        "ذهب الولد الى المدرسة " * 500,  # words, no full stop
        "ع" * 20_000,  # no space at all
        "عَ" * 9_000,  # letters with a combining mark after each
        "x &amp; y&lt;" * 2_000,  # entities
        (MARKED + " و ") * 300,  # marked sentences with a little text between them
        MARKED * 300,  # elements back to back: cut only between them
        "\u0644\u200d" * 8_000,  # joiners
    ],
    ids=["sentences", "words", "no-space", "combining", "entities", "marked", "adjacent-elements", "joiners"],
)
def test_a_long_paragraph_is_cut_only_where_no_element_is_open(paragraph: str) -> None:
    pieces = layout_pieces(paragraph)
    assert "".join(pieces) == paragraph
    assert len(pieces) > 1
    for piece in pieces:
        assert len(piece) <= PDF_PARAGRAPH or piece.count("<span") == 1
        opened = len(re.findall(r"<(?!/)", piece))
        assert opened == len(re.findall(r"</", piece)), "a piece closes what it opens"
        assert not re.search(r"&[a-z]*$", piece), "cut inside an entity"
        assert not unicodedata.combining(piece[0]) and piece[0] != "\u200d", "a mark was cut from its letter"


def test_a_paragraph_within_the_limit_is_left_as_it_is() -> None:
    for paragraph in ("", "قتل 12 شخصا.", MARKED * 10, "ع" * PDF_PARAGRAPH):
        assert layout_pieces(paragraph) == [paragraph]


def _cards(n: int) -> str:
    items = "".join(f'\n<li class="card" id="card-{i}"><span>{i}</span></li>' for i in range(1, n + 1))
    return f'<p>x</p><ol class="cards">{items}\n</ol><ol><li>toc</li></ol>'


@pytest.mark.parametrize("n", [1, PDF_CARDS, PDF_CARDS + 1, 3 * PDF_CARDS, 100])
def test_a_long_card_list_becomes_lists_of_at_most_pdf_cards(n: int) -> None:
    html = _cards(n)
    out = split_card_lists(html)
    lists = re.findall(r'<ol class="cards">(.*?)</ol>', out, re.S)
    assert len(lists) == -(-n // PDF_CARDS)
    assert all(body.count("<li") <= PDF_CARDS for body in lists)
    assert re.findall(r'id="card-(\d+)"', out) == [str(i) for i in range(1, n + 1)]
    assert out.endswith("<ol><li>toc</li></ol>")
    if n <= PDF_CARDS:
        assert out == html
