"""Fonts a PDF embeds: only the configured bundled families, and no glyph drawn as .notdef.

Like `pdffonts`, but compared with the configuration: WeasyPrint falls back silently to any font
fontconfig finds when a character is missing from the configured ones, so a foreign font in the PDF
means some text is not drawn in the theme's font (or, for a font without Arabic, is drawn in a random
system font). A character no font has at all is drawn as .notdef: WeasyPrint then gives the font an
`Encoding` CMap that maps those glyph ids to glyph 0, which is what we look for.
"""

from __future__ import annotations

import functools
import hashlib
import io
import re
from collections.abc import Container, Iterator
from dataclasses import dataclass
from pathlib import Path

from reportgen.check import Check, register
from reportgen.check.problem import Problem, rel, select_files
from reportgen.config import Config
from reportgen.present import fonts

NAME = "pdf-fonts"
_STYLE = re.compile(
    r"(regular|bold|italic|oblique|medium|semibold|demibold|light|extralight|thin|extrabold|black|heavy|book|normal|\d+)*"
)
_SUBSET = re.compile(r"^[A-Z]{6}\+")


def _squash(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


@functools.cache
def postscript_names(family: str) -> frozenset[str]:
    from fontTools.ttLib import TTFont

    names = set()
    for face in fonts.faces(family):
        with TTFont(face.path, lazy=True) as font:
            ps = font["name"].getDebugName(6)
            if ps:
                names.add(ps)
    return frozenset(names)


def allowed(font_name: str, families: tuple[str, ...]) -> bool:
    """Whether a PDF font name (subset prefix stripped) names one of `families`.

    Accepts the fonts' PostScript names (`IBMPlexSansArabic-Bold`) and the family name with a style
    suffix, which is how WeasyPrint names fonts (`IBM-Plex-Sans-Arabic-Bold`).
    """
    name = _squash(_SUBSET.sub("", font_name))
    for family in families:
        if name in {_squash(ps) for ps in postscript_names(family)}:
            return True
        fam = _squash(family)
        if name.startswith(fam) and _STYLE.fullmatch(name[len(fam) :]):
            return True
    return False


def _resolve(obj):  # type: ignore[no-untyped-def]
    return obj.get_object() if obj is not None and hasattr(obj, "get_object") else obj


def iter_fonts(reader) -> Iterator[tuple[int, object]]:  # type: ignore[no-untyped-def]
    """(page number from 1, font dictionary) for every font used on a page, in Form XObjects too."""
    for number, page in enumerate(reader.pages, start=1):
        seen: set[int] = set()
        stack = [_resolve(page.get("/Resources"))]
        while stack:
            resources = stack.pop()
            if not resources or id(resources) in seen:
                continue
            seen.add(id(resources))
            for ref in (_resolve(resources.get("/Font")) or {}).values():
                yield number, _resolve(ref)
            for ref in (_resolve(resources.get("/XObject")) or {}).values():
                xobj = _resolve(ref)
                if xobj.get("/Subtype") == "/Form":
                    stack.append(_resolve(xobj.get("/Resources")))


def font_name(font) -> str:  # type: ignore[no-untyped-def]
    target = font
    if font.get("/Subtype") == "/Type0":
        target = _resolve(_resolve(font["/DescendantFonts"])[0])
    descriptor = _resolve(target.get("/FontDescriptor"))
    name = (descriptor or {}).get("/FontName") or font.get("/BaseFont") or font.get("/Name") or "(unnamed)"
    return str(name).lstrip("/")


_HEX = re.compile(r"<([0-9A-Fa-f]+)>")


def to_unicode(font) -> dict[int, str]:  # type: ignore[no-untyped-def]
    """The font's ToUnicode CMap as {character code: text} (bfchar and bfrange entries)."""
    stream = _resolve(font.get("/ToUnicode"))
    if stream is None:
        return {}
    data = stream.get_data().decode("latin-1")
    out: dict[int, str] = {}

    def text(hexstr: str) -> str:
        raw = bytes.fromhex(hexstr)
        return raw.decode("utf-16-be", errors="replace")

    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            out[int(src, 16)] = text(dst)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, rest in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]*>)", block):
            lo_i, hi_i = int(lo, 16), int(hi, 16)
            if rest.startswith("["):
                for i, item in enumerate(_HEX.findall(rest)):
                    out[lo_i + i] = text(item)
            else:
                start = bytes.fromhex(rest[1:-1])
                base = int.from_bytes(start, "big")
                for i in range(hi_i - lo_i + 1):
                    out[lo_i + i] = (base + i).to_bytes(len(start), "big").decode("utf-16-be", errors="replace")
    return out


def notdef_codes(font) -> list[int]:  # type: ignore[no-untyped-def]
    """Character codes a Type0 font maps to glyph 0 (.notdef) through an embedded Encoding CMap."""
    encoding = _resolve(font.get("/Encoding"))
    if encoding is None or not hasattr(encoding, "get_data"):
        return []
    data = encoding.get_data().decode("latin-1")
    codes = []
    for block in re.findall(r"begincidchar(.*?)endcidchar", data, re.S):
        for src, cid in re.findall(r"<([0-9A-Fa-f]+)>\s*(\d+)", block):
            if int(cid) == 0:
                codes.append(int(src, 16))
    return codes


@dataclass(frozen=True, slots=True)
class PageFont:
    """A font a page uses, as the checks need it: its name, ToUnicode map and the codes drawn as .notdef."""

    page: int
    name: str
    to_unicode: dict[int, str]
    notdef: tuple[int, ...]


# The last PDF read (content digest → title and fonts): pdf-fonts and pdf-text look at the same file one after
# the other, and parsing it (pypdf reads a whole object stream at once) was most of both checks' time.
_READ: dict[bytes, tuple[str, tuple[PageFont, ...]]] = {}


def read_fonts(path: Path) -> tuple[str, tuple[PageFont, ...]]:
    """The PDF's metadata title and every (page, font) it uses; parsed once per content. Raises what pypdf raises."""
    import pypdf

    data = path.read_bytes()
    key = hashlib.sha256(data).digest()
    cached = _READ.get(key)
    if cached is not None:
        return cached
    reader = pypdf.PdfReader(io.BytesIO(data))
    title = str((reader.metadata or {}).get("/Title") or "")
    seen: dict[object, PageFont] = {}
    used = []
    for page, font in iter_fonts(reader):
        ref = getattr(font, "indirect_reference", None)
        known = seen.get(ref) if ref is not None else None
        if known is None:
            known = PageFont(page, font_name(font), to_unicode(font), tuple(notdef_codes(font)))
            if ref is not None:
                seen[ref] = known
        used.append(known if known.page == page else PageFont(page, known.name, known.to_unicode, known.notdef))
    result = (title, tuple(used))
    _READ.clear()
    _READ[key] = result
    return result


def check_pdf(path: Path, config: Config, root: Path) -> list[Problem]:
    families = tuple(dict.fromkeys((config.font_body, config.font_heading)))
    name = rel(path, root)
    try:
        _, used = read_fonts(path)
    except Exception as exc:  # pypdf raises many types on a damaged file
        return [Problem(name, "", f"cannot read the PDF ({type(exc).__name__}: {exc})", "rebuild it", NAME)]
    problems = []
    reported: set[tuple[str, str]] = set()
    for font in used:
        page, fname = font.page, font.name
        key = ("font", fname)
        if not allowed(fname, families) and key not in reported:
            reported.add(key)
            sample = "".join(sorted(set("".join(font.to_unicode.values()))))[:30]
            problems.append(
                Problem(
                    name,
                    f"page {page}",
                    f"embeds font {_SUBSET.sub('', fname)!r}, not one of the configured families "
                    f"{', '.join(families)} (silent fallback; it draws: {sample!r})",
                    "name only the configured families in templates/CSS, and replace characters they lack "
                    "(or configure a family that has them)",
                    NAME,
                )
            )
        missing = font.notdef
        if missing:
            cmap = font.to_unicode
            chars = sorted({cmap.get(c, "") for c in missing} - {""})
            key = ("notdef", fname + "".join(chars))
            if key not in reported:
                reported.add(key)
                shown = ", ".join(f"U+{ord(c[0]):04X} {c!r}" for c in chars) or f"{len(missing)} character(s)"
                problems.append(
                    Problem(
                        name,
                        f"page {page}",
                        f"no font has a glyph for {shown}: drawn as .notdef (a blank box) "
                        f"in {_SUBSET.sub('', fname)!r}",
                        "remove or replace the character, or configure a font that has it",
                        NAME,
                    )
                )
    return problems


def check(
    out_dir: Path, config: Config, only: Container[str] | None = None, pending: Container[str] = ()
) -> list[Problem]:
    return [p for path in select_files(out_dir, "*.pdf", only) for p in check_pdf(path, config, out_dir)]


register(
    Check(
        NAME,
        check,
        article=True,
        describe="every font a PDF embeds is a configured bundled family; no .notdef glyphs",
    )
)
