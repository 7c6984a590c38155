"""A PDF's text: no Arabic presentation forms (double shaping), and it reads back in logical order.

Text handed to WeasyPrint already reshaped (the `get_display(reshape(s))` recipe) ends up in the PDF as
presentation-form characters (U+FB50–U+FDFF, U+FE70–U+FEFF) in reversed order: it may look right on
screen, but search, copy/paste and screen readers get reversed text. We look for presentation forms in
the fonts' ToUnicode maps (what a text extractor returns; pdfium would normalise them away), and compare
the words pdfium extracts with the logical source text: the HTML page of the same briefing when it was
built, and the PDF's title.
"""

from __future__ import annotations

import html
import re
from collections.abc import Container
from pathlib import Path

from reportgen.check import Check, register
from reportgen.check.pdf_fonts import read_fonts
from reportgen.check.problem import Problem, rel, select_files
from reportgen.config import Config

NAME = "pdf-text"
_MARKS = re.compile("[\u0640\u064b-\u065f\u0670\u06d6-\u06ed]")
_WORD = re.compile("[\u0621-\u064a\u0671-\u06d3]{3,}")
_TAGS = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S | re.I)


def is_presentation_form(c: str) -> bool:
    o = ord(c)
    return 0xFB50 <= o <= 0xFDFF or (0xFE70 <= o <= 0xFEFF and o != 0xFEFF)  # U+FEFF is ZWNBSP


def words(text: str) -> list[str]:
    return _WORD.findall(_MARKS.sub("", text))


def source_words(pdf: Path, title: str) -> set[str]:
    """Logical words the PDF should contain: its title, and its HTML twin `<stem>/index.html` if built."""
    vocab = set(words(title))
    page = pdf.with_suffix("") / "index.html"
    if page.is_file():
        vocab.update(words(html.unescape(_TAGS.sub(" ", page.read_text(encoding="utf-8", errors="replace")))))
    return vocab


def reading_order(page_words: list[str], vocab: set[str]) -> tuple[int, int, tuple[str, str] | None]:
    """(words found as written, words found only reversed, an example of a reversed one)."""
    forward = backward = 0
    example = None
    for w in page_words:
        if w in vocab:
            forward += 1
        elif w[::-1] in vocab:
            backward += 1
            example = example or (w, w[::-1])
    return forward, backward, example


def check_pdf(path: Path, root: Path) -> list[Problem]:
    import pypdfium2 as pdfium

    name = rel(path, root)
    problems = []
    try:
        title, used = read_fonts(path)
        shaped: dict[int, set[str]] = {}
        for font in used:
            forms = {c for text in font.to_unicode.values() for c in text if is_presentation_form(c)}
            if forms:
                shaped.setdefault(font.page, set()).update(forms)
        doc = pdfium.PdfDocument(path)
        try:
            texts = []
            for i in range(len(doc)):
                page = doc[i]
                textpage = page.get_textpage()
                texts.append(textpage.get_text_range())
                textpage.close()
                page.close()
        finally:
            doc.close()
    except Exception as exc:  # both libraries raise many types on a damaged file
        return [Problem(name, "", f"cannot read the PDF's text ({type(exc).__name__}: {exc})", "rebuild it", NAME)]
    if any(is_presentation_form(c) for c in title):
        shaped.setdefault(0, set()).update(c for c in title if is_presentation_form(c))
    for page, forms in sorted(shaped.items()):
        sample = " ".join(f"U+{ord(c):04X}" for c in sorted(forms)[:5])
        problems.append(
            Problem(
                name,
                f"page {page}" if page else "metadata title",
                f"text contains {len(forms)} Arabic presentation form(s) ({sample}…): it was shaped before "
                "WeasyPrint shaped it again (double shaping); copy/paste and search get reversed, unjoined text",
                "pass logical Unicode to WeasyPrint: textprep.for_renderer(text, 'weasyprint') returns it unchanged",
                NAME,
            )
        )
    vocab = source_words(path, title)
    if not vocab:
        return problems
    for number, text in enumerate(texts, start=1):
        forward, backward, example = reading_order(words(text), vocab)
        if backward > forward and backward >= 2:
            assert example is not None
            problems.append(
                Problem(
                    name,
                    f"page {number}",
                    f"text reads back reversed: {backward} Arabic word(s) are reversals of the source's words "
                    f"and only {forward} match it (e.g. {example[0]!r} for {example[1]!r})",
                    "pass logical Unicode to WeasyPrint (no arabic-reshaper or bidi reordering before it)",
                    NAME,
                )
            )
    return problems


def check(
    out_dir: Path, config: Config, only: Container[str] | None = None, pending: Container[str] = ()
) -> list[Problem]:
    return [p for path in select_files(out_dir, "*.pdf", only) for p in check_pdf(path, out_dir)]


register(
    Check(
        NAME,
        check,
        article=True,
        describe="a PDF's text has no presentation forms and reads back in logical order",
    )
)
