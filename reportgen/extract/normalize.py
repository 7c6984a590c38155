"""Length-tracking normalisation: a matching copy of the text plus a map back to original indices.

Matching runs on the normalised copy (Western digits, no diacritics/tatweel/format marks, one alef,
ة→ه, ى→ي). Every match is mapped back through `span()` so callers only ever show original substrings.
"""

from __future__ import annotations

import re

# The Arabic letters (hamza to yeh), for "not inside an Arabic word" look-arounds in every rule module.
ARABIC_LETTERS = "\u0621-\u064a"

# Characters dropped from the matching copy: harakat and tanween, superscript alef, tatweel, Quranic
# marks, and invisible format controls (ZWSP/ZWNJ/ZWJ/LRM/RLM, embeddings, isolates, ALM, BOM, SHY).
_DROP = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff\u00ad"
DROP_RE = re.compile(f"[{_DROP}]")
# Diacritic-like marks that belong to the preceding letter (kept inside a span that ends there).
_MARK = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")

_MAP = {
    **{c: "ا" for c in "أإآٱ"},
    "ة": "ه",
    "ى": "ي",
    "ی": "ي",  # Persian yeh
    "ک": "ك",  # Persian keheh
    "ٮ": "ب",
    "٪": "%",
    "\u00a0": " ",
    "\u202f": " ",
    "\u2009": " ",
    **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic digits
    **{chr(0x06F0 + i): str(i) for i in range(10)},  # Persian digits
}
_TABLE = str.maketrans(_MAP)
_DROP_CHARS = [
    *range(0x0610, 0x061B),
    *range(0x064B, 0x0660),
    0x0670,
    *range(0x06D6, 0x06EE),
    0x0640,
    *range(0x200B, 0x2010),
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
    0x061C,
    0xFEFF,
    0x00AD,
]
_TABLE_DROP = str.maketrans({**_MAP, **{chr(c): None for c in _DROP_CHARS}})


def norm(word: str) -> str:
    """Normalise a lexicon word the same way as the text (for building lookup tables)."""
    return word.translate(_TABLE_DROP)


class Normalized:
    """A normalised copy of `text[offset:offset+len(part)]` with a map back to original indices."""

    __slots__ = ("_ends", "_starts", "norm", "offset", "text")

    def __init__(self, text: str, lo: int = 0, hi: int | None = None) -> None:
        hi = len(text) if hi is None else hi
        part = text[lo:hi]
        self.text = text
        self.offset = lo
        if not DROP_RE.search(part):
            # Fast path: a one-to-one translation, the map is the identity.
            self.norm = part.translate(_TABLE)
            self._starts = None
            self._ends = None
            return
        chars: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        mark = _MARK.match
        prev = 0
        # Kept runs between dropped characters are copied whole (no per-character Python loop).
        for m in DROP_RE.finditer(part):
            i = m.start()
            if i > prev:
                chars.append(part[prev:i])
                starts.extend(range(prev, i))
                ends.extend(range(prev + 1, i + 1))
            # A diacritic or tatweel right after a kept letter extends that letter's end.
            if ends and ends[-1] == i and mark(part, i):
                ends[-1] = i + 1
            prev = i + 1
        if prev < len(part):
            chars.append(part[prev:])
            starts.extend(range(prev, len(part)))
            ends.extend(range(prev + 1, len(part) + 1))
        self.norm = "".join(chars).translate(_TABLE)
        self._starts = starts
        self._ends = ends

    def start(self, i: int) -> int:
        """Original index of normalised index `i` (a span start)."""
        if self._starts is None:
            return self.offset + i
        if i >= len(self._starts):
            return self.offset + (self._ends[-1] if self._ends else 0)
        return self.offset + self._starts[i]

    def end(self, i: int) -> int:
        """Original index just after normalised index `i - 1` (a span end), marks included."""
        if self._ends is None:
            return self.offset + i
        if i <= 0:
            return self.offset + (self._starts[0] if self._starts else 0)
        return self.offset + self._ends[i - 1]

    def span(self, s: int, e: int) -> tuple[int, int]:
        if e <= s:
            o = self.start(s)
            return o, o
        return self.start(s), self.end(e)

    def original(self, s: int, e: int) -> str:
        a, b = self.span(s, e)
        return self.text[a:b]
