"""`reportgen check`: verify a finished build the way a reader who cannot read Arabic never could.

One module per concern; each exposes `check(out_dir, config) -> list[Problem]`:

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

from collections.abc import Container
from pathlib import Path

from reportgen.check.problem import Problem
from reportgen.config import Config

__all__ = ["ARTICLE_CHECKS", "Problem", "run_checks"]


# Checks that look at one briefing's own files (its PDF, its charts), so a build can run them in the
# worker that made the briefing; the site check follows links across pages and runs once at the end.
ARTICLE_CHECKS = frozenset({"pdf-fonts", "pdf-text", "pdf-layout", "chart-labels", "docx-rtl"})


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
    from reportgen.check import chart_labels, docx_rtl, html_site, pdf_fonts, pdf_layout, pdf_text

    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        return [Problem(str(out_dir), "", "the build output directory does not exist", "run `reportgen build` first")]
    problems: list[Problem] = []
    for module in (pdf_fonts, pdf_text, pdf_layout, chart_labels, docx_rtl, html_site):
        if kinds is None or module.NAME in kinds:
            if module is html_site:
                problems.extend(html_site.check(out_dir, config, only, pending))
            else:
                problems.extend(module.check(out_dir, config, only))
    return problems
