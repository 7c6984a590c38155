"""`reportgen init`: lay out a new project that builds out of the box."""

from __future__ import annotations

from pathlib import Path

from reportgen import PACKAGE_DIR
from reportgen.errors import UsageError

PACKAGE = PACKAGE_DIR
SAMPLE = "rutba-karbala-operation.txt"

# Every file of the default theme (reportgen/theme/) and what it gets; tests/test_cli.py checks the list is complete.
TEMPLATES: dict[str, str] = {
    "base.html": (
        "the page frame every page extends: <html lang dir=rtl>, head, site header and footer.\n"
        "Blocks: head, body_class, main, scripts. Gets what the page gets, at least: site (title, digits),\n"
        "version, page (title, lang, root: prefix to the site root, pdf: true when typesetting the PDF,\n"
        "description), asset(name) → URL of an asset file."
    ),
    "_macros.html": (
        "chart_figure(c): a chart with its alt text and its data as a <table> caption. c has name, title, alt,\n"
        "src, width, height, narrow (phone layout: src, width, height, media; or none), heads, rows."
    ),
    "briefing.html": (
        "one briefing's page, and its PDF (page.pdf is true then). b: the briefing (title, source_name, url,\n"
        "date, date_shown, cards: id, label, shown, exact, text, sentence, qualifier, category; places,\n"
        "organizations, people: name, count; quotes: speaker, text; paragraphs: marked-up article), charts\n"
        "(the drawn ones, each for chart_figure), chart and mentions (by slot, or none), pdf_href, exports\n"
        "(json, csv, or none), toc (href, title; none for a short briefing)."
    ),
    "index.html": (
        "the site's front page. briefings: newest first, each slug, title, href, date, date_shown,\n"
        "source_name, pdf_href, top (shown, label, after), lead, places, categories; filters (categories: key,\n"
        "label; places), search (index_js, script), figures_href, feed_href."
    ),
    "figures.html": (
        "figures across briefings (figures/index.html), never added up. latest: the latest reported value per\n"
        "category, event and unit (id, label, event, shown, review, review_label, review_title, date,\n"
        "date_shown, link, title, range, reports, briefings); charts (figures over time, each for\n"
        "chart_figure); exports (json, csv, or none); briefings: as on the index, with figures (id, label,\n"
        "shown, after, value, unit, review); review_marks: review → (label, tooltip) of a checked figure."
    ),
    "assets/style.css": "the one stylesheet for screen (light and dark), phones and print/PDF.",
    "assets/search.js": "the site search and filters on the index (no network; reads search-index.js).",
}

TEMPLATES_README = """\
Template overrides for this project.

Any file placed here replaces the file of the same name in reportgen's default theme; files you do not
place here come from the theme. Copy one from the theme to start:

    python -c "import reportgen.present.render as r; print(r.THEME_DIR)"

Templates are Jinja2, autoescaped and sandboxed; an undefined variable is an error. Filters: num (a
number in the configured digits), digits (a string's digits), quantity(unit) (a number with its unit,
large amounts in words: «25 مليار دينار»).

The theme's files and the variables each gets:

""" + "\n".join(f"{name}\n    " + text.replace("\n", "\n    ") + "\n" for name, text in TEMPLATES.items())


def init_project(directory: Path) -> list[Path]:
    directory = directory.resolve()
    config = directory / "config.yaml"
    if config.exists():
        raise UsageError(f"{config} already exists; refusing to overwrite an existing project")
    created = []
    (directory / "seeds").mkdir(parents=True, exist_ok=True)
    (directory / "templates").mkdir(exist_ok=True)
    config.write_text((PACKAGE / "data" / "config.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    created.append(config)
    sample = directory / "seeds" / SAMPLE
    if not sample.exists():
        sample.write_bytes((PACKAGE / "data" / "sample" / SAMPLE).read_bytes())
        created.append(sample)
    readme = directory / "templates" / "README.txt"
    if not readme.exists():  # a user's own notes there stay as they are
        readme.write_text(TEMPLATES_README, encoding="utf-8")
        created.append(readme)
    return created
