"""Bundled fonts: resolved from their pip packages, never from the machine's font directories."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import fontpkg

from reportgen.errors import UsageError

# The weights the theme uses; a family must provide them (nearest weight otherwise).
WEIGHTS = (400, 700)


@dataclass(frozen=True, slots=True)
class FontFace:
    family: str
    weight: int
    path: Path

    @property
    def filename(self) -> str:
        return self.path.name


@functools.cache
def faces(family: str) -> tuple[FontFace, ...]:
    try:
        return tuple(FontFace(family, w, Path(fontpkg.path(family, weight=w, nearest=True))) for w in WEIGHTS)
    except fontpkg.FontpkgError as exc:
        raise UsageError(
            f"font family {family!r} is not installed ({exc}); reinstall reportgen so its font packages come along"
        ) from None


def regular(family: str) -> Path:
    return faces(family)[0].path


def font_dirs(families: tuple[str, ...]) -> tuple[Path, ...]:
    """Directories a renderer may read fonts from: those of the configured families only."""
    return tuple(sorted({face.path.parent.resolve() for fam in families for face in faces(fam)}))


@functools.cache
def cmap(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


def missing_glyphs(text: str, family: str) -> list[str]:
    """Characters of `text` the family cannot draw (format controls such as RLM need no glyph)."""
    import unicodedata

    have = cmap(regular(family))
    return sorted(
        c for c in set(text) if ord(c) not in have and not c.isspace() and unicodedata.category(c) not in ("Cf", "Cc")
    )
