"""`reportgen check`: verify a finished build the way a reader who cannot read Arabic never could.

One module per concern; each registers a `Check` (name, runner, whether it looks at one briefing only):

- `pdf_fonts`: every font a PDF embeds is one of the configured bundled families (no silent fallback),
  and no glyph was drawn as .notdef.
- `pdf_text`: the PDF's text has no Arabic presentation forms (double shaping) and reads back in logical
  order (its words are found in the page's source text, not their reversal).
- `pdf_layout`: in the PDF's tagged structure, list items laid out in a row (the key-figure cards) and
  table columns run right to left, by the positions of their text.
- `chart_labels`: each Arabic chart label's pixels match a reference rendering of the logical string better
  than the reversed or unshaped renderings.
- `docx_rtl`: every Word paragraph, run and table is right to left, with the text as written.
- `html_site`: every page declares `lang` and `dir`, every local link/asset exists, and every character
  of the text has a glyph in the configured fonts.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Container
from dataclasses import dataclass
from pathlib import Path

from reportgen.check.problem import Problem
from reportgen.config import Config
from reportgen.registry import Registry

# pypdf logs what it works around in a damaged PDF («EOF marker not found»), unprefixed, on every read of
# it; the PDF checks report a PDF they cannot read as a problem that names the file, so only pypdf's
# errors are let through.
logging.getLogger("pypdf").setLevel(logging.ERROR)

__all__ = ["CHECKS", "Check", "Problem", "article_checks", "register", "registered", "run_checks", "warm_up"]

Runner = Callable[[Path, Config, Container[str] | None, Container[str]], list[Problem]]


@dataclass(frozen=True, slots=True)
class Check:
    """One check of `reportgen check`: run(out_dir, config, only, pending) -> problems."""

    name: str
    run: Runner
    # It looks at one briefing's own files (its PDF, its charts), so a build can run it in the worker
    # that made the briefing; the others follow links across pages and run once at the end.
    article: bool
    describe: str = ""


CHECKS: Registry[Check] = Registry("check", lambda check: check.name)
register = CHECKS.register
registered = CHECKS.names


def article_checks() -> frozenset[str]:
    return frozenset(name for name, c in CHECKS.items() if c.article)


def warm_up(config: Config | None = None, *, images: bool = True) -> None:
    """Import what the per-briefing checks use (pypdf, pdfium; with `images`, Pillow and numpy for the chart
    labels) and, with `config`, read the configured fonts' names, so the first briefing's checks do not pay
    for it (e.g. while WeasyPrint waits)."""
    if images:
        import numpy  # noqa: F401
        import PIL.Image  # noqa: F401
    import pypdf  # noqa: F401
    import pypdfium2  # noqa: F401

    from reportgen.check import pdf_fonts

    if config is not None:
        for family in dict.fromkeys((config.font_body, config.font_heading)):
            pdf_fonts.postscript_names(family)


def run_checks(
    out_dir: Path,
    config: Config,
    only: Container[str] | None = None,
    kinds: Container[str] | None = None,
    pending: Container[str] = (),
) -> list[Problem]:
    """Run the checks (all, or those named in `kinds`); with `only` (output-relative paths), on just those files.

    Links to `pending` files (another process is writing them now) are not reported as broken.
    """
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        return [Problem(str(out_dir), "", "the build output directory does not exist", "run `reportgen build` first")]
    problems: list[Problem] = []
    for check in CHECKS.values():
        if kinds is None or check.name in kinds:
            problems.extend(check.run(out_dir, config, only, pending))
    return problems


# Importing a check module registers it; the order here is the order problems are reported in.
# isort: off
from reportgen.check import pdf_fonts as _pdf_fonts  # noqa: E402,F401
from reportgen.check import pdf_text as _pdf_text  # noqa: E402,F401
from reportgen.check import pdf_layout as _pdf_layout  # noqa: E402,F401
from reportgen.check import chart_labels as _chart_labels  # noqa: E402,F401
from reportgen.check import docx_rtl as _docx_rtl  # noqa: E402,F401
from reportgen.check import html_site as _html_site  # noqa: E402,F401
# isort: on
