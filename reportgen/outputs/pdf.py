"""PDF output through WeasyPrint, with a URL fetcher that reads only what it is allowed to.

WeasyPrint shapes Arabic itself (Pango + HarfBuzz), so it receives logical text. Its default fetcher
would follow any URL a template or article puts in front of it (network, /etc/passwd, cloud metadata
endpoints); ours allows `data:` URLs and files under an explicit list of directories, nothing else.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import logging
import mimetypes
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from html import unescape
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urljoin, urlsplit

from markupsafe import Markup

from reportgen.config import Config
from reportgen.errors import RenderError
from reportgen.outputs import Format, Job, Rendered, fontsubset, register
from reportgen.present import display, exports, fonts, render
from reportgen.present.page import charts_context, fonts_css, site_context

if TYPE_CHECKING:
    from reportgen.present.charts import Chart
    from reportgen.present.view import BriefingView

log = logging.getLogger("reportgen.outputs.pdf")


def _fetcher_class():  # type: ignore[no-untyped-def]
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class SafeFetcher(URLFetcher):
        """Serves `data:` URLs and files inside `roots`; refuses and logs everything else."""

        def __init__(self, roots: tuple[Path, ...]) -> None:
            super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False, timeout=1)
            self.roots = tuple(r.resolve() for r in roots)
            self.refused: list[str] = []

        def fetch(self, url: str, headers=None):  # type: ignore[no-untyped-def,override]
            parts = urlsplit(url)
            if parts.scheme == "data":
                return super().fetch(url, headers)
            if parts.scheme == "file" and parts.netloc in ("", "localhost"):
                path = Path(unquote(parts.path)).resolve()
                if any(path.is_relative_to(root) for root in self.roots) and path.is_file():
                    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, path.read_bytes(), headers={"Content-Type": kind})
            # Reported with the article that asked for it (`render_pdf`'s problems, then the build's warning
            # line); a log record here would also reach the terminal raw, once per process and page.
            self.refused.append(url)
            log.debug("refused to fetch %s (only bundled assets, fonts and data: URLs are allowed)", url)
            raise ValueError(f"reportgen refuses to fetch {url}")

    return SafeFetcher


_FONT_CONFIGS: dict[tuple[Path, ...], object] = {}


def font_configuration(roots: tuple[Path, ...]):  # type: ignore[no-untyped-def]
    """WeasyPrint's font configuration, made once per process and reused for every document.

    Making one scans the system's fonts (FcInitLoadConfigAndFonts); reuse is safe because WeasyPrint
    registers an @font-face once per distinct descriptor set (family, weight, src URL: our bundled font
    files), so later documents find the faces already there and nothing accumulates. Output bytes are the
    same as with a fresh configuration per document (tests/test_scale.py checks it). Keyed by the fetch
    roots, so a process that builds projects with different fonts or themes does not mix them.
    """
    from weasyprint.text.fonts import FontConfiguration

    key = tuple(roots)
    config = _FONT_CONFIGS.get(key)
    if config is None:
        if not _FONT_CONFIGS:
            # Drop them while the interpreter is intact (their __del__ removes a temp dir of font copies):
            # multiprocessing runs these finalizers at exit in the main process and in pool workers alike,
            # which leave through os._exit and would skip atexit.
            from multiprocessing import util

            util.Finalize(None, drop_font_configurations, exitpriority=10)
        if len(_FONT_CONFIGS) >= 4:
            drop_font_configurations()
        config = _FONT_CONFIGS[key] = FontConfiguration()
    return config


def drop_font_configurations() -> None:
    """Forget the cached configurations and delete their temp dirs of font copies now (not at GC time)."""
    import shutil

    for config in _FONT_CONFIGS.values():
        folder = getattr(config, "_folder", None)
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
            config._folder = None  # type: ignore[attr-defined]
    _FONT_CONFIGS.clear()


# PDF/A-3 is the archival PDF that may carry data files (the briefing's figures as JSON and CSV).
PDF_VARIANT = "pdf/a-3b"
# Embedded files must be dated; a fixed date keeps the PDF byte-identical across clocks.
ATTACHMENT_DATE = datetime(2000, 1, 1, tzinfo=UTC)


def warm_up() -> None:
    """Import WeasyPrint (and its Pango/HarfBuzz bindings) now, e.g. in a worker's initializer."""
    fontsubset.import_weasyprint()


def render_pdf(
    html: str,
    base_dir: Path,
    roots: tuple[Path, ...],
    attachments: tuple[tuple[str, bytes], ...] = (),
) -> tuple[bytes, list[str]]:
    """HTML string → PDF bytes. Returns the PDF and the problems WeasyPrint met (refused URLs, bad CSS).

    The PDF is archivable: PDF/A-3b with a structure tree (tags, /Lang from the page's `lang`,
    MarkInfo) so screen readers and archives can use it, and `attachments` (name, bytes) embedded as
    data files of the document (AFRelationship /Data), dated at a fixed time so the bytes never
    depend on the clock.
    """
    weasyprint = fontsubset.import_weasyprint()

    fetcher = _fetcher_class()(roots)
    font_config = font_configuration(roots)
    captured = _Capture()
    wlog = logging.getLogger("weasyprint")
    wlog.addHandler(captured)
    base_url = base_dir.resolve().as_uri() + "/"
    try:
        html, sheets = _parsed_stylesheets(weasyprint, html, base_url, roots, font_config, captured, fetcher)
        document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher)
        files = [
            weasyprint.Attachment(
                string=data,
                name=name,
                description=name,
                created=ATTACHMENT_DATE,
                modified=ATTACHMENT_DATE,
                relationship="Data",
            )
            for name, data in attachments
        ]
        pdf = document.write_pdf(
            stylesheets=sheets,
            font_config=font_config,
            pdf_identifier=b"reportgen",
            uncompressed_pdf=False,
            pdf_variant=PDF_VARIANT,
            pdf_tags=True,
            attachments=files,
        )
    except Exception as exc:  # WeasyPrint raises many unrelated types; none of them is the user's fault alone
        raise RenderError(f"WeasyPrint failed: {type(exc).__name__}: {exc}") from exc
    finally:
        wlog.removeHandler(captured)
    assert pdf is not None
    # WeasyPrint also says it could not load what we refused: one line per URL is enough.
    echoes = tuple(f"Failed to load image at '{u}'" for u in fetcher.refused)
    problems = [
        *(f"refused to fetch {u}" for u in fetcher.refused),
        *(m for m in captured.messages if not m.startswith(echoes)),
    ]
    return pdf, problems


# Consecutive <link rel="stylesheet"> elements in <head>, as the theme's base.html writes them.
_LINKS = re.compile(r'((?:<link rel="stylesheet" href="[^"<>]+">\s*)+)')
_HREF = re.compile(r'href="([^"]+)"')
# Parsed stylesheets by (URL, content, fonts): (CSS, WeasyPrint's messages, refused URLs) of their parsing.
_SHEETS: dict[tuple[str, str, int], tuple[object, list[str], list[str]]] = {}


def _parsed_stylesheets(weasyprint, html, base_url, roots, font_config, captured, fetcher):  # type: ignore[no-untyped-def]
    """`html` without its leading stylesheet links, and those stylesheets parsed once per process.

    Every briefing links the same fonts.css and style.css; WeasyPrint would parse them for every document.
    Handed over as `stylesheets` in the same order, with nothing before them in the cascade, they give the
    same PDF bytes (tests/test_typesetter.py compares). What parsing them logged or refused is replayed for
    every document, so each briefing reports the same problems whichever process made it and in what order.
    A page with its own <style> elements or other stylesheets keeps its links (the order would change).
    """
    found = _LINKS.search(html, 0, html.find("</head>") + 1 or len(html))
    if found is None or "<style" in html or html.count('rel="stylesheet"') != found.group(1).count("<link"):
        return html, []
    urls = [urljoin(base_url, unescape(href)) for href in _HREF.findall(found.group(1))]
    contents = [_sheet_content(url, roots) for url in urls]
    if None in contents:  # not one of ours: WeasyPrint fetches (or our fetcher refuses) it as usual
        return html, []
    sheets = []
    for url, content in zip(urls, contents, strict=True):
        key = (url, str(content), id(font_config))
        cached = _SHEETS.get(key)
        if cached is None:
            own, sheet_fetcher = _Capture(), _fetcher_class()(roots)
            wlog = logging.getLogger("weasyprint")
            wlog.addHandler(own)
            wlog.removeHandler(captured)
            try:
                css = weasyprint.CSS(url=url, font_config=font_config, url_fetcher=sheet_fetcher)
            finally:
                wlog.removeHandler(own)
                wlog.addHandler(captured)
            if len(_SHEETS) >= 64:
                _SHEETS.clear()
            cached = _SHEETS[key] = (css, own.messages, sheet_fetcher.refused)
        css, messages, refused = cached
        captured.messages.extend(messages)
        fetcher.refused.extend(refused)
        sheets.append(css)
    return html[: found.start(1)] + html[found.end(1) :], sheets


def _sheet_content(url: str, roots: tuple[Path, ...]) -> str | None:
    """What a stylesheet URL holds, for the cache key: a data: URL is its own content; a file under `roots`
    is hashed (a long-lived process sees template edits); anything else is None."""
    parts = urlsplit(url)
    if parts.scheme == "data":
        return ""
    if parts.scheme == "file" and parts.netloc in ("", "localhost"):
        path = Path(unquote(parts.path)).resolve()
        if any(path.is_relative_to(r.resolve()) for r in roots) and path.is_file():
            return hashlib.sha256(path.read_bytes()).hexdigest()
    return None


class _Capture(logging.Handler):
    """Collects WeasyPrint's warnings (unsupported CSS, failed fetches) so the build can report them."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if not message.startswith("reportgen refuses"):
            self.messages.append(message)


# The PDF briefing: the same briefing template as the HTML page, with assets addressed as files of the
# theme and font packages (the only places the fetcher may read), charts inline as SVG data URIs, and
# the figure exports attached.


@dataclass(frozen=True, slots=True)
class Deferred:
    """A PDF left for the typesetter process: the file it becomes, what to typeset, what to attach."""

    rel: str
    html: str
    attachments: tuple[tuple[str, bytes], ...] = ()
    format: str = "pdf"


def pdf_roots(config: Config) -> tuple[Path, ...]:
    """The only directories WeasyPrint may read: the theme's and the bundled font packages'."""
    return (*render.theme_dirs(config), *fonts.font_dirs((config.font_body, config.font_heading)))


def pdf_asset(config: Config, name: str) -> str:
    """An asset as WeasyPrint fetches it: a file of the theme, or fonts.css inline naming the font files."""
    if name == "fonts.css":
        css = fonts_css(config, lambda face: face.path.resolve().as_uri())
        return "data:text/css;base64," + base64.b64encode(css.encode()).decode()
    return render.find_asset(config, name).resolve().as_uri()


# The longest paragraph WeasyPrint is given, in characters of its HTML. Its line breaking is superlinear in
# a paragraph's length (one line of 20 KB with a marked figure every 22 characters: over 200 s; 40 KB with
# no space: 46 s), so a longer paragraph is typeset as several, cut between words (see `layout_pieces`).
PDF_PARAGRAPH = 3000
_TAG = re.compile(r"<[^>]*>")
_PUNCT = re.compile(r"[.!?؟؛]\s")


def layout_pieces(paragraph: str, limit: int = PDF_PARAGRAPH) -> list[str]:
    """A paragraph's HTML cut into pieces of at most about `limit` characters, only where no element is open.

    Cut after a sentence's end if there is one in the second half of the window, else after a space, else
    (a run with no space) between two characters, never inside an entity or before a combining mark. A
    piece is longer than `limit` only when one element (a marked sentence, at most about 1,300 characters)
    is. Paragraphs within the limit, all of those of ordinary articles, are returned as they are.
    """
    if len(paragraph) <= limit:
        return [paragraph]
    # Where the HTML is at the top level: the text between tags, and the boundaries of top-level elements.
    free: list[tuple[int, int]] = []
    depth, pos = 0, 0
    for m in _TAG.finditer(paragraph):
        if depth == 0:
            free.append((pos, m.start()))
        depth += -1 if m.group().startswith("</") else 1
        depth = max(depth, 0)
        pos = m.end()
    if depth == 0:
        free.append((pos, len(paragraph)))
    pieces, start, before = [], 0, 0  # `before`: where the last element before this stretch began
    for a, b in free:
        while b - start > limit:
            if a > start + limit:  # the elements since `before` reach past the limit: cut before them
                cut = before if before > start else a
            else:
                lo, hi = max(a, start + 1), min(b, start + limit)
                cut = _cut(paragraph, max(lo, min(hi, start + limit // 2)), hi)
                if cut <= start:
                    cut = hi
            pieces.append(paragraph[start:cut])
            start = cut
        before = b
    pieces.append(paragraph[start:])
    return [p for p in pieces if p]


def _cut(html: str, lo: int, hi: int) -> int:
    """Where to cut `html` in [lo, hi] (top-level text): after a sentence's end, else after a space, else
    between two characters (not inside an entity like «&amp;», not before a combining mark or a joiner)."""
    window = html[lo:hi]
    punct = [m.end() for m in _PUNCT.finditer(window)]
    if punct:
        return lo + punct[-1]
    space = max(window.rfind(" "), window.rfind("\n"))
    if space >= 0:
        return lo + space + 1
    cut = hi
    amp = html.rfind("&", lo, hi)
    if amp >= 0 and html.find(";", amp, hi + 12) >= hi:
        cut = amp
    while cut > lo and cut < len(html) and (unicodedata.combining(html[cut]) or html[cut] in "\u200c\u200d"):
        cut -= 1
    return cut


# The most key-figure cards one flex container holds in a PDF. WeasyPrint lays a flex container out again
# on every page it spans, so its time grows with cards x pages: 360 cards (8 KB of «قتل 12 شخصا في القائم»
# repeated) took 256 of 268 s in flex_layout. A longer list is typeset as several lists of this many, marked
# `cards-many`: the print stylesheet lays those out as inline blocks, not flex (see style.css).
PDF_CARDS = 24
_CARD_LIST = re.compile(r'(<ol class="cards">)(.*?)(</ol>)', re.S)
MANY = '<ol class="cards cards-many">'


def split_card_lists(html: str, per: int = PDF_CARDS) -> str:
    """`html` with each card list of more than `per` cards cut into consecutive lists of `per` (PDF only),
    each of class `cards cards-many`. A list of at most `per` cards is left as it is."""

    def cut(m: re.Match[str]) -> str:
        items = m.group(2).split("</li>")
        if len(items) - 1 <= per:
            return m.group()
        closed = [item + "</li>" for item in items[:-1]]
        lists = ["".join(closed[i : i + per]) for i in range(0, len(closed), per)]
        lists[-1] += items[-1]
        return "".join(f"{MANY}{body}{m.group(3)}" for body in lists)

    return _CARD_LIST.sub(cut, html)


# The most key-figure cards a PDF lists. A figure-dense article (a line of tolls: «قتل 12 شخصا في القائم، »
# repeated has a figure every 23 characters) has hundreds; printed, they are pages of near-identical cards
# before the text, and each cost WeasyPrint about 0.1 s (8 KB: 210 cards, 22 s). The PDF lists the first
# PDF_MAX_CARDS in the article's order and says how many more there are and where all of them are: the HTML
# page, and the figures.csv and figures.json attached to the PDF itself; the full text keeps every figure
# marked. The 572 real articles of benchmarks/realnews have at most 17 figures, so none is capped.
PDF_MAX_CARDS = 48
NOTE_ID = "cards-more"
_CARD_HREF = re.compile(r'href="#card-([^"]*)"')
_CARDS_END = re.compile(r'<ol class="cards[^"]*">.*?</ol>', re.S)


def print_view(view: BriefingView) -> tuple[BriefingView, int]:
    """The view a PDF is typeset from, and how many of its cards the PDF leaves out.

    A view of at most PDF_CARDS cards (every ordinary article) is returned as it is, so its PDF is typeset
    from the same HTML as before. Beyond that (a figure-dense article) each card quotes its short sentence
    (PRINT_EXCERPT characters each side of the figure, not EXCERPT: the windows of figures a few words apart
    overlap, so the long quotes printed the article's text about 15 times over), at most PDF_MAX_CARDS cards
    are listed, and the article's marks of the figures left out link to the note that says where they are.
    """
    if len(view.cards) <= PDF_CARDS:
        return view, 0
    cards = [dataclasses.replace(c, sentence=c.short_sentence or c.sentence) for c in view.cards[:PDF_MAX_CARDS]]
    omitted = len(view.cards) - len(cards)
    if omitted:
        kept = {c.id for c in cards}

        def retarget(m: re.Match[str]) -> str:
            return m.group() if m.group(1) in kept else f'href="#{NOTE_ID}"'

        paragraphs = [Markup(_CARD_HREF.sub(retarget, str(p))) for p in view.paragraphs]
        return dataclasses.replace(view, cards=cards, paragraphs=paragraphs), omitted
    return dataclasses.replace(view, cards=cards), 0


def cards_note(shown: int, total: int, digits: str = "western") -> str:
    """The note under a capped card list: how many figures the article has, how many the PDF lists, and where
    the rest are. Worded without a counted noun, so it reads right for any number."""

    def n(value: int) -> str:
        return display.number(value, digits)

    return (
        f'<p class="review-note cards-more" id="{NOTE_ID}">عدد أرقام هذا المقال {n(total)}، يعرض هذا الملف أول '
        f"{n(shown)} منها. الباقي ({n(total - shown)}) في صفحة الموجز على الموقع، وكلها في الملفين المرفقين "
        "بهذا الملف: figures.csv وfigures.json.</p>"
    )


def add_cards_note(html: str, note: str) -> str:
    """`html` with `note` after its last card list; without one (a template of the user's own), at the end
    of <main>, else of <body>, so a PDF that leaves cards out always says so."""
    ends = [m.end() for m in _CARDS_END.finditer(html)]
    if ends:
        return html[: ends[-1]] + note + html[ends[-1] :]
    for end in ("</main>", "</body>"):
        at = html.rfind(end)
        if at >= 0:
            return html[:at] + note + html[at:]
    return html + note


def briefing_pdf_html(job: Job) -> str:
    """The briefing template rendered for print: long paragraphs cut for layout (see `layout_pieces`), and in
    a figure-dense article short card quotes and at most PDF_MAX_CARDS cards (see `print_view`)."""

    def data_uri(c: Chart) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(c.svg).decode()

    config = job.config
    view, omitted = print_view(job.view)
    if any(len(p) > PDF_PARAGRAPH for p in view.paragraphs):
        pieces = [Markup(piece) for p in view.paragraphs for piece in layout_pieces(str(p))]
        view = dataclasses.replace(view, paragraphs=pieces)
    context = {
        **site_context(config),
        "page": {"title": view.title, "lang": "ar", "root": "", "pdf": True, "description": view.lead[:200]},
        "asset": lambda name: pdf_asset(config, name),
        "b": view,
        **charts_context(job, data_uri),
        "pdf_href": None,
        "exports": None,
        "toc": None,
    }
    html = split_card_lists(render.render(job.env, "briefing.html", context))
    if omitted:
        html = add_cards_note(html, cards_note(len(view.cards), len(job.view.cards), config.digits))
    return html


def render_briefing(job: Job) -> Rendered:
    rel = FORMAT.path(job.view.slug)
    html = briefing_pdf_html(job)
    attached = exports.attachments(job.view, job.records)
    if job.defer:
        return Rendered(deferred=Deferred(rel, html, attached))
    data, problems = render_pdf(html, job.config.root, pdf_roots(job.config), attachments=attached)
    return Rendered({rel: data}, problems)


def warm_up_fonts(config: Config) -> None:
    """Typeset a small page in the configured fonts and stylesheets, so the first briefing does not pay for it.

    It loads WeasyPrint, Pango and the bundled font files into this process's reused font configuration
    (see `font_configuration`); the PDF it makes is thrown away.
    """
    links = "".join(f'<link rel="stylesheet" href="{pdf_asset(config, n)}">' for n in ("fonts.css", "style.css"))
    html = (
        f'<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">{links}</head>'
        "<body><h1>موجز ١٢٣</h1><p>تجربة <b>الخط</b> 123</p></body></html>"
    )
    render_pdf(html, config.root, pdf_roots(config))


FORMAT = register(
    Format(
        name="pdf",
        path=lambda slug: f"{slug}.pdf",
        render=render_briefing,
        describe="one PDF per briefing (PDF/A-3b, tagged)",
        page=True,
        download="PDF",
        typeset=True,
        warm_up=warm_up,
    )
)
