"""`reportgen fetch`: feeds and article pages into the sources folder, once each.

State (what was fetched, ETag/Last-Modified per URL) is a small JSON file in the project,
`.reportgen-fetch.json`, outside reports/ so a build never publishes it.
"""

from __future__ import annotations

import json
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.sources import slugify
from reportgen.sources.fetch.extract import Page, article_file, canonical_url, decode_html, extract, text_hash
from reportgen.sources.fetch.http import FetchError, Limits, Response, get

STATE_FILE = ".reportgen-fetch.json"
Progress = Callable[[str], None]


@dataclass
class Summary:
    new: list[Path] = field(default_factory=list)
    unchanged: int = 0
    failed: list[str] = field(default_factory=list)  # one-line error messages

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0

    def line(self) -> str:
        if not self.new and not self.failed:
            return f"nothing new: 0 new, {self.unchanged} unchanged, 0 failed"
        return f"{len(self.new)} new, {self.unchanged} unchanged, {len(self.failed)} failed"


class State:
    def __init__(self, path: Path) -> None:
        self.path = path
        data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        self.articles: dict[str, dict[str, str]] = data.get("articles", {})
        self.hashes: dict[str, str] = data.get("hashes", {})
        self.http: dict[str, dict[str, str]] = data.get("http", {})

    def save(self) -> None:
        data = {"version": 1, "articles": self.articles, "hashes": self.hashes, "http": self.http}
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        tmp.replace(self.path)  # atomic: an interrupted fetch leaves the previous state

    def conditional(self, url: str) -> dict[str, str | None]:
        entry = self.http.get(url, {})
        return {"etag": entry.get("etag"), "last_modified": entry.get("last_modified")}

    def remember_http(self, url: str, resp: Response) -> None:
        entry = {
            k: v
            for k, v in (("etag", resp.headers.get("etag")), ("last_modified", resp.headers.get("last-modified")))
            if v
        }
        if entry:
            self.http[url] = entry


def _is_feed(resp: Response) -> bool:
    ctype = resp.content_type.lower()
    if any(t in ctype for t in ("rss", "atom", "/xml", "+xml")):
        return True
    head = resp.body[:512].lstrip().lower()
    return head.startswith((b"<?xml", b"<rss", b"<feed")) and b"<html" not in head


class Fetcher:
    def __init__(self, sources_dir: Path, state_path: Path, progress: Progress, limits: Limits | None = None) -> None:
        self.dir = sources_dir
        self.state = State(state_path)
        self.progress = progress
        self.limits = limits or Limits.default()
        self.summary = Summary()

    # --- one URL the user named ------------------------------------------------------------------------

    def fetch(self, url: str) -> None:
        host = (urllib.parse.urlsplit(url).hostname or "").lower()
        before_new, before_same, before_failed = len(self.summary.new), self.summary.unchanged, len(self.summary.failed)
        if canonical_url(url) in self.state.articles:
            self.summary.unchanged += 1
            self.progress(f"{url}: already fetched")
            return
        try:
            resp = get(url, trusted_host=host, limits=self.limits, **self.state.conditional(url))
        except FetchError as exc:
            self._failed(exc)
            return
        if resp.not_modified:
            self.summary.unchanged += 1
            self.progress(f"{url}: not modified since the last fetch")
            return
        if _is_feed(resp):
            self._feed(url, host, resp)
            self.state.remember_http(url, resp)
            new = len(self.summary.new) - before_new
            same = self.summary.unchanged - before_same
            failed = len(self.summary.failed) - before_failed
            self.progress(f"feed {url}: {new} new, {same} unchanged, {failed} failed")
        else:
            self._page(url, resp)
        self.state.save()

    def _failed(self, exc: FetchError) -> None:
        self.summary.failed.append(str(exc))
        self.progress(f"error: {exc}")

    def _feed(self, url: str, host: str, resp: Response) -> None:
        import feedparser

        # Always bytes: given a string, feedparser would treat it as a URL or path and open it itself.
        parsed = feedparser.parse(resp.body, response_headers={"content-type": resp.content_type})
        if not parsed.version and not parsed.entries:
            self._failed(FetchError(url, "not an RSS or Atom feed"))
            return
        for entry in parsed.entries:
            link = entry.get("link")
            if not link:
                continue
            link = urllib.parse.urljoin(resp.url, link)
            if canonical_url(link) in self.state.articles:
                self.summary.unchanged += 1
                continue
            stamp = entry.get("published_parsed") or entry.get("updated_parsed")
            date = time.strftime("%Y-%m-%d", stamp) if stamp else None
            try:
                # A link inside a feed is not something the user named: only the feed's own host is trusted.
                page_resp = get(link, trusted_host=host, limits=self.limits)
            except FetchError as exc:
                self._failed(exc)
                continue
            self._page(link, page_resp, title=entry.get("title"), date=date, source=entry.get("author"))
            self.state.save()  # keep what was fetched even if a later entry fails or we are interrupted

    def _page(
        self, url: str, resp: Response, title: str | None = None, date: str | None = None, source: str | None = None
    ) -> None:
        page = extract(decode_html(resp.body, resp.content_type), resp.url)
        if page is None:
            self._failed(FetchError(url, "no article text found on the page"))
            return
        if title and title.strip():
            page = Page(page.url, title.strip(), page.text, page.date, page.source)
        self.add(page, resp.url, [url, resp.url, page.url], date=date, source=source)

    def add(self, page: Page, url: str, aliases: list[str], date: str | None = None, source: str | None = None) -> None:
        canon = canonical_url(url)
        digest = text_hash(page.text)
        if digest in self.state.hashes:
            self.summary.unchanged += 1
            self.state.articles.setdefault(
                canon, {"file": self.state.articles.get(self.state.hashes[digest], {}).get("file", ""), "hash": digest}
            )
            return
        path = self._path_for(canon)
        self.dir.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(article_file(page, canon, date, source), encoding="utf-8")
        tmp.replace(path)
        record = {"file": path.name, "hash": digest}
        for alias in {canon, *(canonical_url(a) for a in aliases if a)}:
            self.state.articles[alias] = record
        self.state.hashes[digest] = canon
        self.summary.new.append(path)
        self.progress(f"new: {path.name} ({canon})")

    def _path_for(self, canon: str) -> Path:
        segment = urllib.parse.unquote(urllib.parse.urlsplit(canon).path.rstrip("/").rsplit("/", 1)[-1])
        stem = segment.rsplit(".", 1)[0] if segment.endswith((".html", ".htm", ".php", ".aspx")) else segment
        slug = slugify(stem or urllib.parse.urlsplit(canon).hostname or "article")
        path = self.dir / f"{slug}.txt"
        if path.exists():
            import hashlib

            path = self.dir / f"{slug}-{hashlib.sha1(canon.encode()).hexdigest()[:8]}.txt"
        return path


def sources_dir(root: Path, sources_glob: str) -> Path:
    """The directory of the first `sources:` glob: the part before the first wildcard."""
    head = sources_glob.split(",")[0].strip()
    parts = Path(head).parts
    fixed = [p for p in parts[: next((i for i, p in enumerate(parts) if any(c in p for c in "*?[")), len(parts))]]
    return root.joinpath(*fixed) if fixed else root


def run(root: Path, sources_glob: str, urls: list[str], progress: Progress, limits: Limits | None = None) -> Summary:
    fetcher = Fetcher(sources_dir(root, sources_glob), root / STATE_FILE, progress, limits)
    for url in urls:
        fetcher.fetch(url)
    fetcher.state.save()
    return fetcher.summary
