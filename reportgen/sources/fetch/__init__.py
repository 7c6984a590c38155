"""`reportgen fetch`: RSS/Atom feeds and article pages into the project's sources folder."""

from reportgen.sources.fetch.extract import Page, article_file, canonical_url, decode_html, extract, text_hash
from reportgen.sources.fetch.http import FetchError, Limits, get
from reportgen.sources.fetch.run import STATE_FILE, Summary, run, sources_dir

__all__ = [
    "STATE_FILE",
    "FetchError",
    "Limits",
    "Page",
    "Summary",
    "article_file",
    "canonical_url",
    "decode_html",
    "extract",
    "get",
    "run",
    "sources_dir",
    "text_hash",
]
