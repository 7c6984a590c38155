"""Issue 18: long paragraphs and long card lists are cut for WeasyPrint, whose layout time is superlinear in them,
and a figure-dense article's PDF lists a bounded number of cards with short quotes (the rest: a note says where).

Only the HTML given to WeasyPrint changes, and only past the limits: ordinary briefings are typeset from
exactly the HTML they were before (their PDFs stay byte-identical, see test_reproducible).
"""

from __future__ import annotations

import html as htmllib
import re
import unicodedata
from pathlib import Path

import pytest

from reportgen import config, outputs, sources
from reportgen.extract import extract_article
from reportgen.model import Briefing, Figure
from reportgen.outputs.pdf import (
    NOTE_ID,
    PDF_CARDS,
    PDF_MAX_CARDS,
    PDF_PARAGRAPH,
    add_cards_note,
    briefing_pdf_html,
    cards_note,
    layout_pieces,
    print_view,
    split_card_lists,
)
from reportgen.present import display, render
from reportgen.present.view import _MARK_RUN, PRINT_EXCERPT, _attached, _excerpt, build_view

REPO = Path(__file__).resolve().parent.parent
CFG = config.load(REPO)

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
    lists = re.findall(r'<ol class="(cards[^"]*)">(.*?)</ol>', out, re.S)
    assert len(lists) == -(-n // PDF_CARDS)
    # Lists cut from a long one are laid out without flex in print (style.css), an ordinary one as it was.
    assert {cls for cls, _ in lists} == ({"cards"} if n <= PDF_CARDS else {"cards cards-many"})
    lists = [body for _, body in lists]
    assert all(body.count("<li") <= PDF_CARDS for body in lists)
    assert re.findall(r'id="card-(\d+)"', out) == [str(i) for i in range(1, n + 1)]
    assert out.endswith("<ol><li>toc</li></ol>")
    if n <= PDF_CARDS:
        assert out == html


# A figure-dense article's cards: a short quote around the figure, at most PDF_MAX_CARDS, and a note.

DENSE = "قتل 12 شخصا في القائم، " * 200
MIXED = "أصيب 7 وقتل 3 ودمرت 4 آليات، " * 150


def _figure(text: str, at: int, digits: str = "12") -> Figure:
    """A figure `digits` found at `at` in `text`, its sentence the whole text (a line with no full stop)."""
    assert text[at : at + len(digits)] == digits
    return Figure(
        value=int(digits), text=digits, start=at, end=at + len(digits), sentence_start=0, sentence_end=len(text)
    )


def _in_the_middle(text: str, digits: str) -> int:
    return text.index(digits, len(text) // 2)


NO_SPACE = "ع" * 1000 + "12" + "ع" * 1000
# A fatha (a joiner) after every letter: a cut must keep it with its letter. With one letter more before the
# figure, the window's edges fall on the marks rather than on the letters.
HARAKAT = "عَ" * 500 + "12" + "عَ" * 500
HARAKAT_ODD = "عَ" * 500 + "ب12ب" + "عَ" * 500
JOINERS = "\u0644\u200d" * 500 + "12" + "\u0644\u200d" * 500
JOINERS_ODD = "\u0644\u200d" * 500 + "ب12ب" + "\u0644\u200d" * 500
SHORT = "قتل 12 شخصا في القائم."


@pytest.mark.parametrize(
    ("text", "at"),
    [
        (DENSE, _in_the_middle(DENSE, "12")),
        (DENSE, DENSE.index("12")),  # the first figure: nothing cut before it
        (DENSE, DENSE.rindex("12")),  # the last: nothing cut after it
        (MIXED, _in_the_middle(MIXED, "3")),
        (NO_SPACE, NO_SPACE.index("12")),
        (HARAKAT, HARAKAT.index("12")),
        (HARAKAT_ODD, HARAKAT_ODD.index("12")),
        (JOINERS, JOINERS.index("12")),
        (JOINERS_ODD, JOINERS_ODD.index("12")),
        (SHORT, SHORT.index("12")),  # shorter than the window: the whole sentence, no ellipsis
    ],
    ids=[
        "dense",
        "dense-first",
        "dense-last",
        "mixed",
        "no-space",
        "harakat",
        "harakat-odd",
        "joiners",
        "joiners-odd",
        "short",
    ],
)
def test_a_print_excerpt_is_bounded_and_keeps_its_figure_in_the_original_text(text: str, at: int) -> None:
    fig = _figure(text, at, "3" if text is MIXED else "12")
    excerpt = _excerpt(text, fig, PRINT_EXCERPT)
    core = excerpt.removeprefix("… ").removesuffix(" …")
    assert len(core) <= 2 * PRINT_EXCERPT + len(fig.text) + 2 * _MARK_RUN
    # The quote is the article's own text (same code points) around the figure, not a normalised copy.
    begin = text.find(core, max(0, fig.end - len(core)))
    assert 0 <= begin <= fig.start and begin + len(core) >= fig.end, "the figure is inside its quote"
    cut_before, cut_after = text[:begin].strip() != "", text[begin + len(core) :].strip() != ""
    assert excerpt.startswith("… ") == cut_before and excerpt.endswith(" …") == cut_after, "an ellipsis marks a cut"
    assert not _attached(core[0]), "a mark or joiner was parted from its letter"
    if cut_after:
        assert not _attached(text[begin + len(core)]), "a mark or joiner was parted from its letter"


@pytest.mark.parametrize("text", [DENSE, MIXED, "قتل 12 شخصا في القائم.\n" * 60], ids=["dense", "mixed", "paragraphs"])
def test_every_card_of_a_dense_article_has_a_short_quote_with_its_figure(text: str) -> None:
    article = sources.parse("عنوان الخبر\n" + text, "seeds/x.txt")
    view = build_view(Briefing(article, extract_article(article, CFG)), CFG)
    assert len(view.cards) > PDF_CARDS
    for card in view.cards:
        core = card.short_sentence.removeprefix("… ").removesuffix(" …")
        assert card.text in core and core in article.text
        assert len(core) <= 2 * PRINT_EXCERPT + len(card.text) + 2 * _MARK_RUN
        assert len(card.short_sentence) <= len(card.sentence)


def _job(n: int) -> outputs.Job:
    """A briefing with `n` key figures: «قتل 1 شخصا في القائم، قتل 2 …» on one line."""
    text = "عنوان الخبر\n" + "".join(f"قتل {i} شخصا في القائم، " for i in range(1, n + 1))
    article = sources.parse(text, "seeds/x.txt")
    view = build_view(Briefing(article, extract_article(article, CFG)), CFG)
    assert len(view.cards) == n
    return outputs.Job(render.environment(CFG), CFG, view, [])


@pytest.mark.parametrize("n", [3, PDF_CARDS])
def test_an_ordinary_article_is_printed_from_its_view_as_it_is(n: int) -> None:
    job = _job(n)
    assert print_view(job.view) == (job.view, 0)
    html = briefing_pdf_html(job)
    assert NOTE_ID not in html and "cards-many" not in html
    assert [htmllib.unescape(q) for q in re.findall(r'<blockquote class="card-source">(.*?)</blockquote>', html)] == [
        c.sentence for c in job.view.cards
    ]


@pytest.mark.parametrize("n", [PDF_CARDS + 1, PDF_MAX_CARDS, PDF_MAX_CARDS + 1, 3 * PDF_MAX_CARDS, 400])
def test_a_dense_pdf_lists_at_most_pdf_max_cards_and_says_how_many_more(n: int) -> None:
    job = _job(n)
    html = briefing_pdf_html(job)
    shown = min(n, PDF_MAX_CARDS)
    assert re.findall(r'<li class="card" id="card-(\d+)"', html) == [str(i) for i in range(1, shown + 1)]
    quotes = [htmllib.unescape(q) for q in re.findall(r'<blockquote class="card-source">(.*?)</blockquote>', html)]
    assert quotes == [c.short_sentence for c in job.view.cards[:shown]]
    notes = re.findall(rf'<p class="review-note cards-more" id="{NOTE_ID}">(.*?)</p>', html)
    if n <= PDF_MAX_CARDS:
        assert notes == []
    else:
        assert len(notes) == 1
        for count in (n, shown, n - shown):
            assert display.number(count) in notes[0]
        assert "figures.csv" in notes[0] and html.rindex("</ol>", 0, html.index(NOTE_ID)) > html.rindex("card-source")
    # Every link in the PDF has its anchor: marks of figures left out point at the note.
    anchors = set(re.findall(r'id="([^"]+)"', html))
    assert {h for h in re.findall(r'href="#([^"]+)"', html)} <= anchors
    assert html.count("<mark>") == n, "the full text keeps every figure marked"


@pytest.mark.parametrize("digits", ["western", "arabic-indic"])
@pytest.mark.parametrize(("shown", "total"), [(48, 49), (48, 400), (48, 12_345)])
def test_the_cards_note_names_the_counts_in_the_configured_digits(digits: str, shown: int, total: int) -> None:
    note = cards_note(shown, total, digits)
    for count in (total, shown, total - shown):
        assert display.number(count, digits) in note
    if digits == "arabic-indic":
        assert not re.search(r"[0-9]", note.replace("figures.", ""))


@pytest.mark.parametrize(
    ("page", "before"),
    [
        (
            '<main><ol class="cards"><li>1</li></ol><p>x</p>'
            '<ol class="cards cards-many"><li>2</li></ol><p>y</p></main>',
            "<p>y",
        ),
        ("<body><main><div>cards of my own</div></main></body>", "</main>"),
        ("<body><div>no main</div></body>", "</body>"),
        ("<div>no body</div>", ""),
    ],
    ids=["after-the-last-list", "own-template", "no-main", "fragment"],
)
def test_the_cards_note_is_never_lost(page: str, before: str) -> None:
    out = add_cards_note(page, "<p>NOTE</p>")
    assert out.count("<p>NOTE</p>") == 1 and out.replace("<p>NOTE</p>", "") == page
    assert out.endswith("<p>NOTE</p>" + page[page.rindex(before) :] if before else "<p>NOTE</p>")
