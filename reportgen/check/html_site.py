"""The static site: `lang`/`dir` on every page, no missing asset or link, a glyph for every character.

Local references (`src`, `href`, `srcset`, CSS `url()`) must exist in the output; fragment links
(`#card-1`) must name an element of their page. Page text is checked against the cmap of the configured
fonts (headings against the heading family): a browser would draw a missing character from whatever font
it has.
"""

from __future__ import annotations

import html
import html.parser
import re
from collections.abc import Callable, Container
from pathlib import Path
from urllib.parse import unquote, urlsplit

from reportgen.check import Check, register
from reportgen.check.problem import Problem, rel, select_files
from reportgen.config import Config
from reportgen.present import fonts

NAME = "html-site"
_HEADING_TAGS = {"h1", "h2", "h3"}
_HEADING_CLASSES = {"card-value", "site-title"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


class _Page(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.html_attrs: dict[str, str | None] | None = None
        self.refs: list[tuple[str, str, int]] = []  # (tag, url, line)
        self.ids: set[str] = set()
        self.body_text: list[str] = []
        self.heading_text: list[str] = []
        self._stack: list[tuple[str, bool]] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html" and self.html_attrs is None:
            self.html_attrs = a
        for key in ("id", "name"):
            if a.get(key) and (key == "id" or tag == "a"):
                self.ids.add(a[key] or "")
        for key in ("src", "href"):
            if a.get(key) is not None:
                self.refs.append((tag, a[key] or "", self.getpos()[0]))
        # `<source srcset="a.svg 1x, b.svg 2x">`: each candidate's URL (a phone layout of a chart).
        for candidate in (a.get("srcset") or "").split(","):
            if candidate.strip():
                self.refs.append((tag, candidate.split()[0], self.getpos()[0]))
        if tag in ("script", "style", "title"):
            self._skip += 1
        if tag not in _VOID:
            heading = tag in _HEADING_TAGS or bool(set((a.get("class") or "").split()) & _HEADING_CLASSES)
            self._stack.append((tag, heading or (bool(self._stack) and self._stack[-1][1])))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "title"):
            self._skip = max(0, self._skip - 1)
        for i in range(len(self._stack) - 1, -1, -1):
            if self._stack[i][0] == tag:
                del self._stack[i:]
                break

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        in_heading = bool(self._stack) and self._stack[-1][1]
        (self.heading_text if in_heading else self.body_text).append(data)


def _local_target(base: Path, url: str) -> tuple[Path | None, str]:
    """The file a relative URL names (None for external/data URLs) and its fragment."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith("//"):
        return None, ""
    if not parts.path:
        return base, parts.fragment
    return (base.parent / unquote(parts.path)).resolve(), parts.fragment


def _glyph_problems(name: str, text: str, family: str, role: str) -> list[Problem]:
    missing = fonts.missing_glyphs(text, family)
    if not missing:
        return []
    shown = ", ".join(f"U+{ord(c):04X} {c!r}" for c in missing[:8])
    return [
        Problem(
            name,
            role,
            f"{len(missing)} character(s) have no glyph in {family}: {shown}",
            "replace them in the source or configure a font family that has them",
            NAME,
        )
    ]


def check_page(
    path: Path, root: Path, config: Config, ids_of: Callable[[Path], set[str]], pending: Container[str] = ()
) -> list[Problem]:
    name = rel(path, root)
    page = _Page()
    page.feed(path.read_text(encoding="utf-8", errors="replace"))
    page.close()
    problems = []
    attrs = page.html_attrs
    if attrs is None:
        problems.append(Problem(name, "<html>", "no <html> element", "render pages from base.html", NAME))
    else:
        for key, hint in (("lang", 'lang="ar"'), ("dir", 'dir="rtl"')):
            if not (attrs.get(key) or "").strip():
                problems.append(
                    Problem(
                        name,
                        "<html>",
                        f"missing the {key} attribute (screen readers, fonts and line breaking depend on it)",
                        f"add {hint} to the <html> element of the template",
                        NAME,
                    )
                )
    out_root = root.resolve()
    for tag, url, line in page.refs:
        target, fragment = _local_target(path.resolve(), url)
        if target is None:
            continue
        where = f"line {line} <{tag}> {url!r}"
        if not target.is_relative_to(out_root):
            problems.append(Problem(name, where, "points outside the output directory", "link within the site", NAME))
        elif not target.exists() and rel(target, out_root) not in pending:
            problems.append(Problem(name, where, "points to a missing file", "build it or fix the link", NAME))
        elif fragment and target.suffix == ".html" and fragment not in ids_of(target):
            problems.append(Problem(name, where, f"no element with id {fragment!r}", "fix the anchor", NAME))
    problems += _glyph_problems(name, "".join(page.body_text), config.font_body, "text")
    problems += _glyph_problems(name, "".join(page.heading_text), config.font_heading, "headings")
    return problems


def check_css(path: Path, root: Path) -> list[Problem]:
    problems = []
    for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
        for url in _CSS_URL.findall(line):
            target, _ = _local_target(path.resolve(), url)
            if target is not None and not target.exists():
                problems.append(
                    Problem(rel(path, root), f"line {number} url({url})", "points to a missing file", "fix it", NAME)
                )
    return problems


_ID_ATTR = re.compile(r"""<[a-zA-Z][^>]*?\sid\s*=\s*["']([^"']*)["']""")
_NAME_ATTR = re.compile(r"""<a\s[^>]*?\bname\s*=\s*["']([^"']*)["']""")


def check(
    out_dir: Path, config: Config, only: Container[str] | None = None, pending: Container[str] = ()
) -> list[Problem]:
    """Pages and stylesheets (all, or those in `only`); links to `pending` files count as present (being made)."""
    cache: dict[Path, set[str]] = {}

    def ids_of(target: Path) -> set[str]:
        # Anchor targets only need the ids: a regex over the page is ~10x faster than parsing it, which
        # matters for the figures page, whose links point into every briefing.
        if target not in cache:
            text = target.read_text(encoding="utf-8", errors="replace")
            cache[target] = {html.unescape(m) for m in _ID_ATTR.findall(text)} | {
                html.unescape(m) for m in _NAME_ATTR.findall(text)
            }
        return cache[target]

    problems = []
    for path in select_files(out_dir, "*.html", only):
        problems += check_page(path, out_dir, config, ids_of, pending)
    for path in select_files(out_dir, "*.css", only):
        problems += check_css(path, out_dir)
    return problems


register(
    Check(
        NAME,
        check,
        article=False,
        describe="pages declare lang and dir, local links exist, every character has a glyph",
    )
)
