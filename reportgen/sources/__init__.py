"""Read article files into `Article` records.

The decoded text is kept exactly as read (BOM removed, CRLF kept) because every span downstream indexes
into it. Front matter, title and trailing site boilerplate are located as spans, never cut out.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

import yaml

from reportgen import safeyaml, textclean
from reportgen.errors import Location, SourceError
from reportgen.model import Article, Span
from reportgen.sources import encoding

FRONT_MATTER_KEYS = ("title", "date", "source", "url")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_FRONT = re.compile(r"\A---[ \t]*\r?\n(?:(.*?)\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.S)
_FRONT_OPEN = re.compile(r"\A---[ \t]*\r?\n")


def decode(data: bytes, path: str) -> tuple[str, list[str]]:
    """Decode an article's bytes (see `encoding`) and remove control characters (see `textclean`).

    Anything that is not text is an error that says what the file looks like and how to fix it.
    """
    text, warnings = encoding.decode(data, path)
    text, removed = textclean.clean(text, path)
    return text, warnings + removed


def _lines(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Lines of text[start:end] as spans without their line terminators."""
    end = len(text) if end is None else end
    out = []
    for m in _LINE.finditer(text, start, end):
        if m.start() == m.end():
            break
        content = m.group(0).rstrip("\r\n")
        out.append(Span(m.start(), m.start() + len(content), content))
    return out


def line_col(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a string index, counting CRLF as one line break."""
    before = text[:index]
    line = before.count("\n") + before.count("\r") - before.count("\r\n") + 1
    last = max(before.rfind("\n"), before.rfind("\r"))
    return line, index - last


def _strip_span(text: str, span: Span) -> Span:
    s, e = span.start, span.end
    while s < e and (text[s].isspace() or unicodedata.category(text[s]) == "Cf"):
        s += 1
    while e > s and (text[e - 1].isspace() or unicodedata.category(text[e - 1]) == "Cf"):
        e -= 1
    return Span(s, e, text[s:e])


def _parse_date(value: object, path: str, line: int) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    raise SourceError(Location(path, line), f"front matter 'date' must be YYYY-MM-DD — got {value!r}")


def _dateline(text: str, title: Span, body: Span, meta: dict[str, object]) -> date | None:
    """With no date in front matter, a dateline at the article's start («بغداد - 12 أيار 2024») gives it."""
    from reportgen.extract.dates import dateline

    start = title.start if meta.get("title") is None else body.start
    return dateline(text, start, max(body.end, title.end))


MAX_SLUG = 100
MAX_TITLE = 200  # characters


def slugify(stem: str) -> str:
    """A URL-safe slug from a file name: keeps ASCII letters, digits and dashes; Arabic names hash."""
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    tag = hashlib.sha1(stem.encode("utf-8", "surrogateescape")).hexdigest()[:8]
    if len(slug) > MAX_SLUG:  # a 255-byte file name: its outputs' (and temp files') names must still fit
        return f"{slug[: MAX_SLUG - 9].rstrip('-')}-{tag}"
    return slug or f"article-{tag}"


def parse(
    text: str, path: str, boilerplate: tuple[str, ...] = (), slug: str | None = None, warnings: list[str] | None = None
) -> Article:
    warnings = list(warnings or [])
    meta: dict[str, object] = {}
    body_start = 0
    m = _FRONT.match(text)
    if m:
        try:
            loaded = safeyaml.load(m.group(1)) if m.group(1) and m.group(1).strip() else {}
        except yaml.YAMLError as exc:
            line0, col0, problem = safeyaml.located(exc)
            line, col = (line0 + 2, (col0 or 0) + 1) if line0 is not None else (2, None)
            raise SourceError(
                Location(path, line, col),
                f"front matter is not valid YAML: {problem}",
                "front matter is `---`, then `key: value` lines, then `---`",
            ) from None
        if not isinstance(loaded, dict):
            raise SourceError(
                Location(path, 2),
                "front matter must be a mapping of key: value lines",
                f"allowed keys: {', '.join(FRONT_MATTER_KEYS)}",
            )
        for key in loaded:
            if key not in FRONT_MATTER_KEYS:
                line = next((i + 2 for i, ln in enumerate(m.group(1).splitlines()) if ln.startswith(f"{key}:")), 2)
                close = difflib.get_close_matches(str(key), FRONT_MATTER_KEYS, n=1)
                hint = f"did you mean {close[0]!r}?" if close else f"allowed keys: {', '.join(FRONT_MATTER_KEYS)}"
                raise SourceError(Location(path, line), f"unknown front matter key {key!r}", hint)
        meta = _clean_meta(loaded, m.group(1) or "", path, warnings)
        body_start = m.end()
    elif _FRONT_OPEN.match(text):
        raise SourceError(
            Location(path, 1),
            "front matter is opened with `---` but never closed",
            "end the `key: value` lines with a line holding only `---` (or remove the first `---`)",
        )

    lines = [ln for ln in _lines(text, body_start) if ln.text.strip()]
    if not lines:
        raise SourceError(Location(path, 1), "the article is empty", "an article needs a title line and a body")

    # Trailing boilerplate: drop matching lines from the end, stopping at the first real line.
    compiled = [re.compile(p) for p in boilerplate]
    while lines and any(p.search(lines[-1].text.strip()) for p in compiled):
        lines.pop()
    if not lines:
        raise SourceError(Location(path, 1), "the article holds only site boilerplate")

    title_meta = meta.get("title")
    if title_meta is not None:
        if not isinstance(title_meta, str) or not title_meta.strip():
            raise SourceError(Location(path, 2), "front matter 'title' must be a non-empty string")
        # The title lives in the front matter; its span points there so provenance still holds.
        idx = text.find(title_meta.strip(), 0, body_start)
        if idx < 0:  # written with YAML escapes or cleaned of control characters: point at its line
            idx = max(text.find("title:", 0, body_start), 0)
        title = Span(idx, idx + len(title_meta.strip()), title_meta.strip())
        body_lines = lines
    else:
        title = _strip_span(text, lines[0])
        body_lines = lines[1:]
        if len(title.text) > MAX_TITLE:
            # No line breaks (or a first line that is a paragraph): the title is its first words, the
            # rest is body, so a page does not get a heading of megabytes.
            cut = title.text.rfind(" ", 0, MAX_TITLE)
            cut = cut if cut > MAX_TITLE // 2 else MAX_TITLE
            rest = _strip_span(text, Span(title.start + cut, title.end, ""))
            title = _strip_span(text, Span(title.start, title.start + cut, ""))
            body_lines = [rest, *body_lines] if rest.text else body_lines
            warnings.append(
                f"the first line is {len(text[lines[0].start : lines[0].end]):,} characters long: "
                f"its first {len(title.text)} are the title; put the title on a line of its own"
            )
    if body_lines:
        body = Span(body_lines[0].start, body_lines[-1].end, text[body_lines[0].start : body_lines[-1].end])
    else:
        body = Span(title.end, title.end, "")
        warnings.append("the article has a title but no body")

    line_of_date = next((i + 2 for i, ln in enumerate(text[:body_start].splitlines()[1:]) if ln.startswith("date:")), 2)
    for key in ("source", "url"):
        if key in meta and not isinstance(meta[key], str):
            raise SourceError(Location(path, 2), f"front matter {key!r} must be a string — got {meta[key]!r}")
    url = meta.get("url")
    if isinstance(url, str) and not re.match(r"(?i)https?://[^\s]+$", url.strip()):
        # The URL becomes a link in the briefing: a javascript: or data: URL there would run in readers' browsers.
        raise SourceError(Location(path, 2), f"front matter 'url' must be an http(s) URL — got {url!r}")
    return Article(
        source=path,
        slug=slug or slugify(Path(path).stem),
        text=text,
        title=title,
        body=body,
        date=_parse_date(meta.get("date"), path, line_of_date) or _dateline(text, title, body, meta),
        source_name=meta.get("source"),  # type: ignore[arg-type]
        url=meta.get("url"),  # type: ignore[arg-type]
        warnings=tuple(warnings),
    )


def _clean_meta(loaded: dict[object, object], block: str, path: str, warnings: list[str]) -> dict[str, object]:
    """Front-matter strings without control characters (YAML escapes like "\\x1b" can put them there)."""
    out: dict[str, object] = {}
    for key, value in loaded.items():
        if isinstance(value, str) and textclean.has_bad(value):
            line = next((i + 2 for i, ln in enumerate(block.splitlines()) if ln.startswith(f"{key}:")), 2)
            bad = sorted({textclean.describe(c) for c in value if textclean.strip(c) != c})
            warnings.append(f"{path}:{line}: removed control character(s) {', '.join(bad)} from front matter {key!r}")
            value = textclean.strip(value)
        out[str(key)] = value
    return out


def check_size(display: str, size: int, max_bytes: int) -> None:
    """Refuse an article by its size alone, before anything reads it into memory."""
    if size > max_bytes:
        raise SourceError(
            Location(display),
            f"the article is {size:,} bytes, over the limit of {max_bytes:,}",
            "raise 'max_article_bytes' in config.yaml if this is really one article",
        )


def read(path: Path, display: str, boilerplate: tuple[str, ...] = (), max_bytes: int = 5_000_000) -> Article:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise SourceError(Location(display), f"cannot read: {exc.strerror}") from None
    check_size(display, size, max_bytes)
    return read_bytes(read_limited(path, display, max_bytes), display, boilerplate, max_bytes)


def read_limited(path: Path, display: str, max_bytes: int) -> bytes:
    """At most `max_bytes` of a file, refused past that: /dev/zero, a FIFO or a growing file report size 0."""
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise SourceError(Location(display), f"cannot read: {exc.strerror}") from None
    if len(data) > max_bytes:
        raise SourceError(
            Location(display),
            f"the article is over the limit of {max_bytes:,} bytes (reading stopped there)",
            "raise 'max_article_bytes' in config.yaml if this is really one article",
        )
    return data


def read_stream(stream: BinaryIO, display: str, max_bytes: int) -> bytes:
    """Standard input, read up to the same limit as a file."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise SourceError(
            Location(display),
            f"standard input is over the limit of {max_bytes:,} bytes (reading stopped there)",
            "raise 'max_article_bytes' in config.yaml, or split the input",
        )
    return data


def read_bytes(
    data: bytes, display: str, boilerplate: tuple[str, ...] = (), max_bytes: int = 5_000_000, slug: str | None = None
) -> Article:
    """An article from bytes already read (a worker of a remote executor need not see the file)."""
    check_size(display, len(data), max_bytes)
    if display.lower().endswith((".html", ".htm")):
        return parse(html_article(data, display), display, boilerplate, slug=slug)
    text, warnings = decode(data, display)
    return parse(text, display, boilerplate, slug=slug, warnings=warnings)


def html_article(data: bytes, display: str) -> str:
    """A saved web page as article text: main text and metadata, read as `reportgen fetch` reads pages.

    Spans index into this text (front matter and main text), which is what the briefing shows and cites.
    """
    from reportgen.sources.fetch import article_file, decode_html, extract

    page = extract(decode_html(data), None)
    if page is None:
        raise SourceError(Location(display), "no article text found in the HTML page", "is this an article page?")
    return article_file(page, page.url or None)
