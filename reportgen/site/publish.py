"""Site-wide outputs, made from the per-briefing summaries the cache keeps: no article is re-read here.

    index.html             briefings newest first, category/place filters, search box
    figures/index.html     latest reported value per category, event and unit (never a sum), over time
    figures/figures.json   the same groups as data (and figures.csv), each with its reports and links
    search-index.json      the prebuilt search index (and search-index.js, the same data for file:// use)
    feed.xml               Atom feed
    sitemap.xml            only when `site_url` is configured (a sitemap needs absolute URLs)

Nothing here reads a clock: dates come from the articles, else from SOURCE_DATE_EPOCH, else the epoch.
Only Jinja is imported; the figures-over-time charts are drawn by the build (and cached) when their data change.
"""

from __future__ import annotations

import json
import os
import uuid
from datetime import UTC, datetime
from typing import Any
from xml.sax.saxutils import escape

from reportgen import outputs, textclean
from reportgen.config import Config
from reportgen.present import display, render
from reportgen.present.page import ASSETS, site_context
from reportgen.site import asset_files, figures_page, index_html, search

FIGURES_DIR = "figures"
SEARCH_JSON = "search-index.json"
SEARCH_JS = "search-index.js"


def ordered(summaries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Newest first; undated briefings last; ties broken by slug so the order never depends on the filesystem."""
    return sorted(summaries, key=lambda s: (s["date"] or "", s["slug"]), reverse=True)


def fallback_timestamp() -> str:
    """The time for things with no article date: SOURCE_DATE_EPOCH when set, else the Unix epoch."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    seconds = int(raw) if raw.isdigit() else 0
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _category_label(config: Config, key: str, fallback: str) -> str:
    cat = config.category(key)
    return cat.label if cat else fallback


def filters(summaries: list[dict[str, Any]], config: Config) -> dict[str, Any]:
    cats = sorted(
        {c for s in summaries for c in s["categories"]},
        key=lambda k: ([c.key for c in config.categories] + [k]).index(k),
    )
    labels = {}
    for s in summaries:
        for f in s["figures"]:
            if f["category"]:
                labels.setdefault(f["category"], _category_label(config, f["category"], f["label"]))
    places = sorted({p for s in summaries for p in s["places"]})
    return {"categories": [{"key": k, "label": labels[k]} for k in cats], "places": places}


def search_index(summaries: list[dict[str, Any]]) -> dict[str, Any]:
    return {"version": 1, "documents": [search.index_document(s) for s in ordered(summaries)]}


def figures_html(env: Any, config: Config, summaries: list[dict[str, Any]], charts: list[dict[str, Any]]) -> bytes:
    """The latest reported value per category, event and unit (see `figures_page`): figures are never added."""
    root = "../"
    found = figures_page.groups(summaries, config)
    context = {
        **site_context(config),
        "page": {
            "title": "الأرقام عبر الموجزات",
            "lang": "ar",
            "root": root,
            "pdf": False,
            "description": config.title,
        },
        "asset": lambda name: f"{root}{ASSETS}/{name}",
        "latest": figures_page.rows(found, config, root),
        "charts": charts,
        "exports": {"json": figures_page.JSON_NAME, "csv": figures_page.CSV_NAME} if found else None,
        "briefings": [s for s in ordered(summaries) if s["figures"]],
        "review_marks": display.REVIEW_MARKS,  # label and tooltip per `review` of a checked figure
    }
    return render.render(env, "figures.html", context).encode("utf-8")


def _absolute(config: Config, rel: str) -> str:
    return (config.site_url or "") + rel


def _entry_time(date: str | None) -> str:
    return f"{date}T00:00:00Z" if date else fallback_timestamp()


def xml_escape(text: str) -> str:
    """Text or attribute value for XML: & < > " escaped, and characters XML 1.0 forbids removed."""
    return escape(textclean.strip(text), {'"': "&quot;"})


def feed_xml(config: Config, summaries: list[dict[str, Any]]) -> bytes:
    """Atom 1.0. Links are absolute when `site_url` is set, else relative to the feed (valid Atom IRIs)."""
    items = ordered(summaries)
    updated = max((_entry_time(s["date"]) for s in items), default=fallback_timestamp())
    base = config.site_url
    feed_id = base or f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'reportgen:' + config.title)}"
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ar">',
        f"  <title>{xml_escape(config.title)}</title>",
        f"  <id>{xml_escape(feed_id)}</id>",
        f"  <updated>{updated}</updated>",
        f'  <link rel="alternate" type="text/html" href="{xml_escape(_absolute(config, "index.html"))}"/>',
        f'  <link rel="self" type="application/atom+xml" href="{xml_escape(_absolute(config, "feed.xml"))}"/>',
        "  <author><name>reportgen</name></author>",
        '  <generator uri="https://pypi.org/project/reportgen-ar/">reportgen</generator>',
    ]
    for s in items:
        href = _absolute(config, s["href"])
        entry_id = href if base else f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'reportgen:' + s['slug'])}"
        figures = "، ".join(
            f"{f['shown']} {display.label_after(f['shown'], f['label'])}".strip() for f in s["figures"][:6]
        )
        summary = s["lead"][:400] + (f" — {figures}" if figures else "")
        lines += [
            "  <entry>",
            f"    <title>{xml_escape(s['title'])}</title>",
            f"    <id>{xml_escape(entry_id)}</id>",
            f"    <updated>{_entry_time(s['date'])}</updated>",
            f'    <link rel="alternate" type="text/html" href="{xml_escape(href)}"/>',
        ]
        if s["source_name"]:
            lines.append(f"    <source><title>{xml_escape(s['source_name'])}</title></source>")
        lines += [f"    <summary>{xml_escape(summary)}</summary>", "  </entry>"]
    lines.append("</feed>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def sitemap_xml(config: Config, summaries: list[dict[str, Any]]) -> bytes:
    assert config.site_url
    urls = [("index.html", None), (f"{FIGURES_DIR}/index.html", None)]
    urls += [(s["href"], s["date"]) for s in ordered(summaries) if s["href"].endswith(".html")]
    lines = ['<?xml version="1.0" encoding="utf-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for rel, date in urls:
        lastmod = f"<lastmod>{date}</lastmod>" if date else ""
        lines.append(f"  <url><loc>{xml_escape(_absolute(config, rel))}</loc>{lastmod}</url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def site_files(
    env: Any, config: Config, summaries: list[dict[str, Any]], charts: list[dict[str, Any]]
) -> dict[str, bytes]:
    """Every site-wide file, rendered in memory; the caller writes only those whose bytes changed."""
    files: dict[str, bytes] = {}
    if not outputs.builds_site(config):
        return files
    files.update(asset_files(config))
    extra = {
        "filters": filters(summaries, config),
        "search": {"index_js": SEARCH_JS, "script": f"{ASSETS}/search.js"},
        "figures_href": f"{FIGURES_DIR}/index.html",
        "feed_href": "feed.xml",
    }
    files["index.html"] = index_html(env, config, summaries, extra)
    files[f"{FIGURES_DIR}/index.html"] = figures_html(env, config, summaries, charts)
    found = figures_page.groups(summaries, config)
    if found:
        files[f"{FIGURES_DIR}/{figures_page.JSON_NAME}"] = figures_page.export_json(found)
        files[f"{FIGURES_DIR}/{figures_page.CSV_NAME}"] = figures_page.export_csv(found)
    data = json.dumps(search_index(summaries), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    files[SEARCH_JSON] = (data + "\n").encode("utf-8")
    # The same data as a script: pages opened from disk (file://) cannot fetch() a local JSON file.
    files[SEARCH_JS] = f"window.REPORTGEN_SEARCH_INDEX = {data};\n".encode()
    files["feed.xml"] = feed_xml(config, summaries)
    if config.site_url:
        files["sitemap.xml"] = sitemap_xml(config, summaries)
    return files
