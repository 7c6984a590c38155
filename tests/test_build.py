"""The bundled sample, built end to end: what a reader of the PDF and the site gets."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pypdf
import pytest

SLUG = "rutba-karbala-operation"
TITLE = "عمليّة تطهير في الصحراء الممتدّة من الرطبة إلى حدود كربلاء"


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def test_outputs_exist(built_sample: Path) -> None:
    for rel in ("index.html", f"{SLUG}/index.html", f"{SLUG}.pdf", "assets/style.css", "assets/fonts.css"):
        assert (built_sample / rel).is_file(), rel
    assert list((built_sample / "assets" / "fonts").glob("*.ttf"))
    assert not list(built_sample.rglob("*.tmp"))


def test_pdf_reads_back_title_and_figures_in_logical_order(built_sample: Path) -> None:
    text = pdf_text(built_sample / f"{SLUG}.pdf")
    assert TITLE in text
    for words in ("معسكرات مدمرة", "قرى محررة", "مساحة محررة", "الأرقام الرئيسية"):
        assert words in text, words
        assert words[::-1] not in text
    # Presentation forms in extracted text would mean the text was shaped before WeasyPrint saw it.
    assert not re.search("[\ufb50-\ufdff\ufe70-\ufeff]", text)


def test_pdf_metadata_and_fonts(built_sample: Path) -> None:
    reader = pypdf.PdfReader(built_sample / f"{SLUG}.pdf")
    assert reader.metadata is not None and reader.metadata.title == TITLE
    assert reader.trailer["/Root"]["/Lang"] == "ar"
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    assert fonts and all(name.startswith("IBM-Plex-Sans-Arabic") for name in fonts), fonts


def test_pdf_page_numbers_are_arabic_indic(built_sample: Path) -> None:
    reader = pypdf.PdfReader(built_sample / f"{SLUG}.pdf")
    last = reader.pages[-1].extract_text()
    n = len(reader.pages)
    indic = str(n).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert re.search(rf"{indic}\s*/\s*{indic}", last), last[-80:]


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.ids: set[str] = set()
        self.html_attrs: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        d = dict(attrs)
        if tag == "html":
            self.html_attrs = d
        if d.get("id"):
            self.ids.add(d["id"] or "")
        for key in ("href", "src"):
            if d.get(key):
                self.refs.append(d[key] or "")


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_link_and_asset_resolves(built_sample: Path) -> None:
    pages = sorted(built_sample.rglob("*.html"))
    assert len(pages) >= 2
    checked = 0
    for page in pages:
        parsed = _parse(page)
        assert parsed.html_attrs.get("lang") == "ar" and parsed.html_attrs.get("dir") == "rtl", page
        for ref in parsed.refs:
            parts = urlsplit(ref)
            assert not parts.scheme and not parts.netloc, f"{page}: non-relative link {ref}"
            assert not parts.path.startswith("/"), f"{page}: absolute path {ref}"
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            assert target.is_file(), f"{page}: {ref} → {target} missing"
            assert target.is_relative_to(built_sample.resolve())
            if parts.fragment:
                assert parts.fragment in _parse(target).ids, f"{page}: #{parts.fragment} missing in {target}"
            checked += 1
    assert checked > 10


def test_css_fonts_are_bundled_and_relative(built_sample: Path) -> None:
    css = (built_sample / "assets" / "fonts.css").read_text()
    urls = re.findall(r'url\("([^"]+)"\)', css)
    assert urls and all((built_sample / "assets" / u).is_file() for u in urls)


def test_briefing_links_each_card_to_its_highlighted_source(built_sample: Path) -> None:
    html = (built_sample / SLUG / "index.html").read_text(encoding="utf-8")
    cards = re.findall(r'id="card-(\d+)"', html)
    assert len(cards) >= 3
    for n in cards:
        assert f'href="#fig-{n}"' in html
        mark = re.search(rf'id="fig-{n}" href="#card-{n}"><mark>([^<]+)</mark>', html)
        assert mark, n
    assert "<mark>15 معسكراً</mark>" in html
    assert "<mark>40 قرية</mark>" in html
    assert "20,000 كم²" in html


@pytest.mark.parametrize("name", ["index.html", f"{SLUG}/index.html"])
def test_no_network_references(built_sample: Path, name: str) -> None:
    html = (built_sample / name).read_text(encoding="utf-8")
    assert not re.search(r'(?:src|href)="(?:https?:)?//', html)
