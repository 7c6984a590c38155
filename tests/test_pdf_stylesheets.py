"""The PDF renderer parses each briefing stylesheet once per process; the PDFs and their problems are unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest
from projects import REPO

from reportgen import config as configmod
from reportgen.outputs import pdf

BODY = "<body><h1>موجز العمليات</h1><p>تحرير <b>40</b> قرية و 15 معسكراً.</p><table><tr><td>١٢</td></tr></table></body>"


def _page(*hrefs: str) -> str:
    links = "".join(f'<link rel="stylesheet" href="{h}">' for h in hrefs)
    head = '<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>t</title>'
    return f"{head}\n{links}\n</head>{BODY}</html>"


@pytest.fixture(autouse=True)
def _fresh_cache():  # type: ignore[no-untyped-def]
    pdf._SHEETS.clear()
    yield
    pdf._SHEETS.clear()


def test_cached_stylesheets_give_the_bytes_of_linked_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    config = configmod.load(REPO)
    roots = pdf.pdf_roots(config)
    html = _page(pdf.pdf_asset(config, "fonts.css"), pdf.pdf_asset(config, "style.css"))
    first, _ = pdf.render_pdf(html, REPO, roots)
    assert len(pdf._SHEETS) == 2  # both parsed once, kept for the next document
    second, _ = pdf.render_pdf(html, REPO, roots)
    assert len(pdf._SHEETS) == 2
    # WeasyPrint reading the <link> elements itself, as before the cache.
    monkeypatch.setattr(pdf, "_parsed_stylesheets", lambda _wp, page, *_a: (page, []))
    linked, _ = pdf.render_pdf(html, REPO, roots)
    assert first == second == linked


def test_each_document_reports_what_its_stylesheets_logged_or_refused(tmp_path: Path) -> None:
    css = tmp_path / "style.css"
    css.write_text('@import url("https://example.com/x.css");\np { color: blue; frobnicate: 3 }\n', encoding="utf-8")
    html = _page(css.as_uri())
    results = [pdf.render_pdf(html, tmp_path, (tmp_path,))[1] for _ in range(2)]
    assert len(pdf._SHEETS) == 1
    for problems in results:
        assert any("frobnicate" in p for p in problems), problems
        assert any("refused to fetch https://example.com/x.css" in p for p in problems), problems
    assert results[0] == results[1]


def test_an_edited_stylesheet_is_parsed_again(tmp_path: Path) -> None:
    css = tmp_path / "style.css"
    css.write_text("p { color: blue }\n", encoding="utf-8")
    html = _page(css.as_uri())
    blue, _ = pdf.render_pdf(html, tmp_path, (tmp_path,))
    css.write_text("p { color: red }\n", encoding="utf-8")
    red, _ = pdf.render_pdf(html, tmp_path, (tmp_path,))
    assert red != blue
    assert len(pdf._SHEETS) == 2


def test_a_page_with_its_own_style_keeps_its_links(tmp_path: Path) -> None:
    css = tmp_path / "style.css"
    css.write_text("p { color: blue }\n", encoding="utf-8")
    html = _page(css.as_uri()).replace("</head>", "<style>p { color: red }</style></head>")
    pdf.render_pdf(html, tmp_path, (tmp_path,))
    assert pdf._SHEETS == {}


def test_the_bundled_stylesheets_give_weasyprint_nothing_to_warn_about() -> None:
    """A warning about our own theme would be printed for every article of every build: there must be none."""
    config = configmod.load(REPO)
    html = _page(pdf.pdf_asset(config, "fonts.css"), pdf.pdf_asset(config, "style.css"))
    _, problems = pdf.render_pdf(html, REPO, pdf.pdf_roots(config))
    assert problems == []


@pytest.mark.parametrize("jobs", ["1", "2"])  # in the build's process, and in the typesetter's
def test_a_refused_url_is_reported_once_with_its_article_and_never_raw(tmp_path: Path, jobs: str) -> None:
    from projects import SAMPLE, make_project, run_cli

    project = make_project(tmp_path / "p")
    assets = project / "templates" / "assets"
    assets.mkdir(parents=True)
    hostile = ["file:///etc/passwd", "http://169.254.169.254/latest/meta-data/", "https://example.com/t.png"]
    css = (REPO / "reportgen" / "theme" / "assets" / "style.css").read_text(encoding="utf-8")
    # On elements every briefing has (WeasyPrint fetches only what something on the page uses); the first
    # URL twice, and once more as an image: still one line.
    css += "".join(
        f'\n{sel} {{ background-image: url("{u}"); }}' for sel, u in zip(("body", "h1", "p"), hostile, strict=True)
    )
    css += f'\nh2 {{ background-image: url("{hostile[0]}"); }}\nh2::after {{ content: url("{hostile[0]}"); }}\n'
    (assets / "style.css").write_text(css, encoding="utf-8")

    done = run_cli("build", "-C", str(project), "--jobs", jobs)

    lines = done.stderr.splitlines()
    assert "Traceback" not in done.stderr
    assert not [ln for ln in lines if ln.startswith("refused to fetch")], done.stderr  # no raw log record
    for url in hostile:
        said = [ln for ln in lines if url in ln]
        assert said == [f"warning: seeds/{SAMPLE.name}: PDF: refused to fetch {url}"], done.stderr
