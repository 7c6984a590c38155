"""Output formats: each format is one module that registers itself here.

A format names itself, says which file a briefing gets, what it needs from the build (the Jinja
environment, the charts), and renders its files from one `Job`. The site stage and the build ask the
registry which formats the configuration selects instead of testing format names themselves, so a new
format is one new module (see docs/architecture.md).

Registration order is display order: it decides which file an index entry links to (the first selected
format that a reader opens, `page=True`) and the order of download links.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from reportgen.registry import Registry

if TYPE_CHECKING:
    from reportgen.config import Config
    from reportgen.present.charts import Chart
    from reportgen.present.view import BriefingView


@dataclass(frozen=True, slots=True)
class Job:
    """Everything a format may render a briefing from. Formats take what they need and ignore the rest."""

    env: Any  # the sandboxed Jinja environment (reportgen.present.render)
    config: Config
    view: BriefingView
    records: list[dict[str, Any]]  # the figure records shared by every export (reportgen.present.exports)
    # The briefing's drawn charts by slot (reportgen.present.charts.BRIEFING_CHARTS), in registry order.
    charts: Mapping[str, Chart] = field(default_factory=dict)
    # The build may typeset in a second process: a format that supports it puts its input in
    # `Rendered.deferred` instead of rendering the file now.
    defer: bool = False


@dataclass(slots=True)
class Rendered:
    """A format's files for one briefing, relative to the output directory."""

    files: dict[str, bytes] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # what the renderer refused or could not do
    deferred: Any = None  # with Job.defer: the request for the typesetter (reportgen.build.typesetter)


@dataclass(frozen=True, slots=True)
class Format:
    """One output format of a briefing."""

    name: str
    # The briefing's main file in this format, relative to the output directory.
    path: Callable[[str], str]
    render: Callable[[Job], Rendered]
    describe: str = ""
    # A reader opens it on the site (the index links to the first selected one); the others are downloads.
    page: bool = False
    # Label of its download link on the briefing page, in Arabic.
    download: str = ""
    # Rendered through WeasyPrint, so a one-article rebuild may hand it to the typesetter process.
    typeset: bool = False
    # Shows the briefing's charts, so the build draws them (matplotlib) when this format is selected.
    charts: bool = True
    # Its briefings form a browsable site: the build adds the index, search, feed and figures page.
    site: bool = False
    # Imports its renderer (once per process); `--timings` counts it as "import", not as this format.
    warm_up: Callable[[], None] | None = None


FORMATS: Registry[Format] = Registry("output format", lambda fmt: fmt.name)
register = FORMATS.register
get = FORMATS.__getitem__
registered = FORMATS.names


def selected(config: Config) -> list[Format]:
    """The configured formats, in registry order."""
    return [fmt for name, fmt in FORMATS.items() if name in config.formats]


def links(config: Config, slug: str) -> dict[str, str]:
    """The briefing's file in each selected format, by format name, in registry order."""
    return {fmt.name: fmt.path(slug) for fmt in selected(config)}


def page_link(config: Config, slug: str) -> str:
    """What the index links a briefing to: its file in the first selected format a reader opens."""
    pages = [fmt for fmt in selected(config) if fmt.page] or selected(config)
    return pages[0].path(slug)


def needs_typesetter(config: Config) -> bool:
    return any(fmt.typeset for fmt in selected(config))


def needs_charts(config: Config) -> bool:
    return any(fmt.charts for fmt in selected(config))


def builds_site(config: Config) -> bool:
    return any(fmt.site for fmt in selected(config))


# Importing a format module registers it; the order here is the registry order (kept out of import sorting).
# isort: off
from reportgen.outputs import html as _html  # noqa: E402,F401
from reportgen.outputs import pdf as _pdf  # noqa: E402,F401
from reportgen.outputs import docx as _docx  # noqa: E402,F401
# isort: on
