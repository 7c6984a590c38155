"""Font subsetting for the PDF, the same on every machine: HarfBuzz from the `uharfbuzz` wheel.

WeasyPrint subsets each embedded font with the system's libharfbuzz-subset when it can load it, else
with fontTools. The two give different bytes, the system library's output changes with its version
(Debian 12 ships HarfBuzz 6, Ubuntu 24.04 HarfBuzz 8), and fontTools stamps the current time into the
font's `head.modified`. So the same build gave different PDFs on different machines, and even on one
machine from run to run. We route WeasyPrint's `Font.subset` through the HarfBuzz that the pinned
`uharfbuzz` wheel bundles, with the flags WeasyPrint itself uses: one subsetter, one version, no clock,
whatever the machine has installed. It is also the fast path (HarfBuzz subsetting is ~2× fontTools).

`head.created`/`head.modified` are then pinned to a fixed value as well, so nothing in a font depends on
when it was made, even if a font file itself was saved by a tool that stamps the time.

Whether the *system* has libharfbuzz-subset0 no longer changes our output; WeasyPrint still warns on
import that future versions will require it. `system_subsetter_missing()` lets the build print that
once, naming the package, instead of once per article.
"""

from __future__ import annotations

import ctypes.util
import functools
import struct
import warnings
from typing import Any

# 1904-01-01 (the OpenType epoch) + 0 s would read as "no date"; 2000-01-01T00:00:00Z is a neutral,
# valid timestamp that is the same for every build.
_PINNED_TIMESTAMP = 3029529600
# The tables WeasyPrint drops when it subsets with HarfBuzz (text layout is already done by Pango).
_DROP_TABLES = ("BASE", "DSIG", "EBDT", "EBLC", "EBSC", "GPOS", "GSUB", "JSTF", "LTSH", "PCLT", "SVG ")
HARFBUZZ_SUBSET_WARNING = "HarfBuzz-Subset will be required by future versions of WeasyPrint"


@functools.cache
def system_subsetter_missing() -> bool:
    """True when the machine has no libharfbuzz-subset (WeasyPrint would fall back to fontTools)."""
    return ctypes.util.find_library("harfbuzz-subset") is None


def import_weasyprint() -> Any:
    """Import WeasyPrint without its import-time notice about HarfBuzz-Subset; install our subsetter.

    The notice is about a library we do not need (see the module docstring); the build prints its own,
    once per build. Every other warning passes through.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=HARFBUZZ_SUBSET_WARNING, category=DeprecationWarning)
        import weasyprint
        from weasyprint.pdf import fonts
    install(fonts.Font)
    return weasyprint


def install(font_class: Any) -> None:
    """Make `font_class.subset` (WeasyPrint's `pdf.fonts.Font`) use `subset_font`. Idempotent."""
    if getattr(font_class.subset, "__reportgen__", False):
        return

    def subset(self: Any, to_unicode: dict[int, str], hinting: bool) -> None:
        if not to_unicode:
            return
        self.file_content = subset_font(self.file_content, self.index, set(to_unicode), hinting, bool(self.missing))

    subset.__reportgen__ = True  # type: ignore[attr-defined]
    font_class.subset = subset


def subset_font(data: bytes, index: int, glyphs: set[int], hinting: bool, notdef_outline: bool) -> bytes:
    """Keep only `glyphs` (glyph ids, kept at their ids) of the font `data`; the same two passes as WeasyPrint.

    The first pass drops unused glyphs while retaining glyph ids (the PDF's content streams refer to
    them); the second trims the empty glyphs after the last one used. On a font HarfBuzz cannot subset
    the font is embedded whole, which is still deterministic.
    """
    import uharfbuzz as hb

    face = hb.Face(hb.Blob(data), index)
    flags = hb.SubsetFlags.RETAIN_GIDS | hb.SubsetFlags.PASSTHROUGH_UNRECOGNIZED | hb.SubsetFlags.DESUBROUTINIZE
    if notdef_outline:
        flags |= hb.SubsetFlags.NOTDEF_OUTLINE
    first = _subset(hb, face, sorted(glyphs), flags, drop=True)
    if first is None:
        return pin_timestamps(data)
    flags = hb.SubsetFlags.PASSTHROUGH_UNRECOGNIZED | hb.SubsetFlags.DESUBROUTINIZE
    if not hinting:
        flags |= hb.SubsetFlags.NO_HINTING
    if notdef_outline:
        flags |= hb.SubsetFlags.NOTDEF_OUTLINE
    second = _subset(hb, first, range(max(glyphs) + 1), flags, drop=False)
    out = second if second is not None else first
    return pin_timestamps(out.blob.data)


def _subset(hb: Any, face: Any, gids: Any, flags: Any, *, drop: bool) -> Any:
    inp = hb.SubsetInput()
    for gid in gids:
        inp.glyph_set.add(gid)
    inp.flags = flags
    if drop:
        for tag in _DROP_TABLES:
            inp.sets(hb.SubsetInputSets.DROP_TABLE_TAG).add(_tag(tag))
    try:
        result = hb.subset(face, inp)
    except Exception:  # uharfbuzz raises a plain RuntimeError when a font cannot be subset
        return None
    if result is None or not result.blob.data:
        return None
    return result


def _tag(name: str) -> int:
    return int.from_bytes(name.encode("ascii"), "big")


def pin_timestamps(data: bytes) -> bytes:
    """`data` with the `head` table's created/modified dates set to a fixed time, checksums kept valid."""
    if len(data) < 12 or data[:4] not in (b"\x00\x01\x00\x00", b"OTTO", b"true"):
        return data
    num_tables = struct.unpack_from(">H", data, 4)[0]
    buf = bytearray(data)
    for i in range(num_tables):
        record = 12 + 16 * i
        tag, _checksum, offset, length = struct.unpack_from(">4sIII", buf, record)
        if tag != b"head" or length < 36:
            continue
        struct.pack_into(">qq", buf, offset + 20, _PINNED_TIMESTAMP, _PINNED_TIMESTAMP)
        # The whole-font adjustment is computed with checkSumAdjustment itself read as 0.
        struct.pack_into(">I", buf, offset + 8, 0)
        struct.pack_into(">I", buf, record + 4, _table_checksum(buf[offset : offset + length]))
        adjustment = (0xB1B0AFBA - _table_checksum(buf)) & 0xFFFFFFFF
        struct.pack_into(">I", buf, offset + 8, adjustment)
        break
    return bytes(buf)


def _table_checksum(data: bytes | bytearray) -> int:
    padded = bytes(data) + b"\0" * (-len(data) % 4)
    return sum(struct.unpack(f">{len(padded) // 4}I", padded)) & 0xFFFFFFFF
