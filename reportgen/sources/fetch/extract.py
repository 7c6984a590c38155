"""Main text and metadata of an article page, and the text file `reportgen build` reads.

trafilatura finds the main text (it drops navigation, related links, share buttons and footers by
structure and link density, which works on Arabic pages as on any other, since it does not rely on
language-specific word lists) and the metadata (title, date, author, site name, canonical URL).
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
import unicodedata
import urllib.parse
from dataclasses import dataclass

import yaml

from reportgen.sources.fetch.http import rules

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


@dataclass(frozen=True, slots=True)
class Page:
    url: str
    title: str
    text: str
    date: str | None = None
    source: str | None = None


def canonical_url(url: str) -> str:
    """The URL used for dedupe: lower-case scheme and host, no default port, no fragment, no tracking parameters."""
    parts = urllib.parse.urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    tracking = rules()["tracking_parameters"]

    def tracked(name: str) -> bool:
        name = name.lower()
        return any(name.startswith(t[:-1]) if t.endswith("*") else name == t for t in tracking)

    query = [(k, v) for k, v in urllib.parse.parse_qsl(parts.query, keep_blank_values=True) if not tracked(k)]
    path = parts.path or "/"
    return urllib.parse.urlunsplit((scheme, host, path, urllib.parse.urlencode(sorted(query)), ""))


def text_hash(text: str) -> str:
    """Hash of the text for dedupe; whitespace and Unicode form are normalised for matching only."""
    norm = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def decode_html(data: bytes, content_type: str = "") -> str:
    """Decode a page: the HTTP charset, else the <meta> charset, else UTF-8, else charset detection."""
    candidates = []
    m = re.search(r"charset\s*=\s*\"?([A-Za-z0-9_.:-]+)", content_type, re.I)
    if m:
        candidates.append(m.group(1))
    m2 = _META_CHARSET.search(data[:4096])
    if m2:
        candidates.append(m2.group(1).decode("ascii", "replace"))
    candidates.append("utf-8")
    for name in candidates:
        try:
            codecs.lookup(name)
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    from charset_normalizer import from_bytes  # a trafilatura dependency

    best = from_bytes(data).best()
    return str(best) if best is not None else data.decode("utf-8", errors="replace")


def extract(html: str, url: str | None = None) -> Page | None:
    """The main text and metadata of a page, or None if no article text was found."""
    import trafilatura

    raw = trafilatura.extract(
        html,
        url=url,
        output_format="json",
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_links=False,
        include_images=False,
        favor_precision=True,
        # Not trafilatura's deduplication: it remembers paragraphs across every page of the process and,
        # from a paragraph's fourth sighting on, drops it, so a background paragraph shared by a site's
        # articles («وكانت الحرب قد اندلعت … مقتل الآلاف») vanished from later ones, depending on what
        # else was fetched in the same run. Whole articles are deduplicated by their text hash instead.
        deduplicate=False,
    )
    if not raw:
        return None
    data = json.loads(raw)
    text = (data.get("text") or "").strip()
    if not text:
        return None
    title = (data.get("title") or "").strip() or text.splitlines()[0][:120]
    date = data.get("date") or None
    source = data.get("author") or data.get("sitename") or data.get("hostname") or None
    page_url = data.get("source") or url or ""
    return Page(url=page_url, title=title, text=text, date=date, source=source)


def article_file(page: Page, url: str | None, date: str | None = None, source: str | None = None) -> str:
    """The article as `reportgen build` reads it: YAML front matter (title, date, url, source), then the text."""
    meta: dict[str, str] = {"title": " ".join(page.title.split())}
    when = date or page.date
    if when and re.match(r"\d{4}-\d{2}-\d{2}", when):
        meta["date"] = when[:10]
    if url and re.match(r"(?i)https?://\S+$", url):
        meta["url"] = url
    who = source or page.source
    if who:
        meta["source"] = " ".join(who.split())
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{front}---\n{page.text}\n"
