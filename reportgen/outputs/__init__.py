"""Output formats: each format is one module that registers itself here.

A format names itself, says which file it writes for a briefing, and renders that file from the
briefing's view. The site stage asks the registry which formats the configuration selects instead of
testing format names itself, so a new format is one new module (see docs/architecture.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reportgen.present.view import BriefingView


@dataclass(frozen=True)
class Format:
    """One output format of a briefing."""

    name: str
    # The file this format writes for a briefing, relative to the output directory.
    path: Callable[[str], str]
    # Renders the briefing's file: (view, figure records, config) -> bytes. Imported lazily by each
    # format so that a build that does not select it never pays for its library.
    render: Callable[[BriefingView, list[dict[str, Any]], Any], bytes]
    describe: str = ""


_REGISTRY: dict[str, Format] = {}


def register(fmt: Format) -> Format:
    if fmt.name in _REGISTRY:
        raise ValueError(f"output format {fmt.name!r} registered twice")
    _REGISTRY[fmt.name] = fmt
    return fmt


def get(name: str) -> Format:
    return _REGISTRY[name]


def registered() -> tuple[str, ...]:
    return tuple(_REGISTRY)


# Formats rendered from the view alone (html and pdf still go through the site stage: they share the
# theme templates, charts and the typesetter process).
from reportgen.outputs import docx as _docx  # noqa: E402,F401  (registers "docx")
