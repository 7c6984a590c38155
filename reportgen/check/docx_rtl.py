"""Word briefings are right to left at every level and carry the text as written (never pre-shaped).

Word only lays a paragraph out right to left when the paragraph says so (`w:bidi`), and only puts a
table's first column on the right when the table says so (`w:bidiVisual`); a DOCX missing either opens
with Arabic sentences and figure tables in left-to-right order, which no font check would notice.
"""

from __future__ import annotations

import zipfile
from collections.abc import Container
from pathlib import Path

from reportgen.check import Check, register
from reportgen.check.pdf_text import is_presentation_form
from reportgen.check.problem import Problem, rel, select_files
from reportgen.config import Config

NAME = "docx-rtl"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def check_docx(path: Path, root: Path) -> list[Problem]:
    from lxml import etree

    name = rel(path, root)

    def problem(where: str, what: str, fix: str) -> Problem:
        return Problem(name, where, what, fix, NAME)

    try:
        with zipfile.ZipFile(path) as z:
            doc = etree.fromstring(z.read("word/document.xml"))
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError) as e:
        return [problem("", f"not a readable Word document ({e})", "rebuild it with `reportgen build --clean`")]
    problems = []
    if doc.find(f"{_W}body/{_W}sectPr/{_W}bidi") is None:
        problems.append(problem("section", "the page is laid out left to right", "set w:bidi on the section"))
    ltr = [p for p in doc.iter(f"{_W}p") if p.find(f".//{_W}t") is not None and p.find(f"{_W}pPr/{_W}bidi") is None]
    if ltr:
        text = "".join(ltr[0].itertext())[:40]
        problems.append(problem(f"paragraph «{text}»", f"{len(ltr)} paragraphs run left to right", "set w:bidi"))
    for i, table in enumerate(doc.iter(f"{_W}tbl"), 1):
        if table.find(f"{_W}tblPr/{_W}bidiVisual") is None:
            problems.append(problem(f"table {i}", "columns run left to right", "set w:bidiVisual on the table"))
    forms = sorted({c for c in "".join(doc.itertext()) if is_presentation_form(c)})
    if forms:
        what = f"Arabic presentation forms {''.join(forms[:5])!r}"
        problems.append(problem("text", what, "write the original text; Word shapes it"))
    return problems


def check(
    out_dir: Path, config: Config, only: Container[str] | None = None, pending: Container[str] = ()
) -> list[Problem]:
    return [p for path in select_files(out_dir, "*.docx", only) for p in check_docx(path, out_dir)]


register(
    Check(
        NAME,
        check,
        article=True,
        describe="every Word paragraph, run and table is right to left",
    )
)
