"""PDF checks: foreign fonts, .notdef glyphs, presentation forms, reversed reading order."""

from __future__ import annotations

from pathlib import Path

import matplotlib
import weasyprint

from reportgen.check import pdf_fonts, pdf_text
from reportgen.present import fonts, textprep
from reportgen.present.page import fonts_css

TITLE = "عملية تطهير في الصحراء الممتدة من الرطبة إلى حدود كربلاء"
BODY = "وأعلن قائد العمليات تحرير أربعين قرية ومطار الرطبة الجنوبي وتدمير خمسة عشر معسكرا للإرهابيين"


def pdf(tmp: Path, cfg, body: str, css: str | None = None, title: str = TITLE) -> Path:  # type: ignore[no-untyped-def]
    css = css if css is not None else fonts_css(cfg, lambda face: face.path.resolve().as_uri())
    html = (
        f'<html lang="ar" dir="rtl"><head><title>{title}</title><style>{css}</style></head><body>{body}</body></html>'
    )
    path = tmp / "b.pdf"
    path.write_bytes(weasyprint.HTML(string=html).write_pdf())
    return path


def test_logical_text_in_configured_font_passes(cfg, tmp_path):  # type: ignore[no-untyped-def]
    path = pdf(tmp_path, cfg, f"<h1>{TITLE}</h1><p>{BODY}</p>")
    assert pdf_fonts.check_pdf(path, cfg, tmp_path) == []
    assert pdf_text.check_pdf(path, tmp_path) == []


def test_font_without_arabic_is_caught(cfg, tmp_path):  # type: ignore[no-untyped-def]
    # A Latin-only font first in the stack: Pango silently takes Arabic from some system font.
    cmr = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "cmr10.ttf"
    assert 0x0627 not in fonts.cmap(cmr)
    css = (
        f'@font-face {{ font-family: "Latin Only"; src: url("{cmr.as_uri()}"); }} body {{ font-family: "Latin Only"; }}'
    )
    path = pdf(tmp_path, cfg, f"<p>Report {BODY}</p>", css)
    problems = pdf_fonts.check_pdf(path, cfg, tmp_path)
    assert len(problems) == 2, [str(p) for p in problems]
    assert "'Latin-Only'" in problems[0].what or "'Latin-Only'" in problems[1].what
    # The other one is the system font Pango fell back to for the Arabic letters.
    assert any("silent fallback" in p.what and "ا" in p.what.split("draws:")[1] for p in problems)


def test_configured_names_are_recognised() -> None:
    families = ("IBM Plex Sans Arabic",)
    assert pdf_fonts.allowed("GUQHXV+IBM-Plex-Sans-Arabic-Bold", families)
    assert pdf_fonts.allowed("ABCDEF+IBMPlexSansArabic-Regular", families)
    assert not pdf_fonts.allowed("ABCDEF+DejaVu-Sans", families)
    assert not pdf_fonts.allowed("ABCDEF+Amiri", families)
    assert not pdf_fonts.allowed("ABCDEF+IBM-Plex-Sans-Arabic-Condensed-Extra", families)


def test_missing_glyph_is_drawn_as_notdef_and_caught(cfg, tmp_path):  # type: ignore[no-untyped-def]
    path = pdf(tmp_path, cfg, f"<p>{BODY} \U0001fbf0</p>")
    problems = pdf_fonts.check_pdf(path, cfg, tmp_path)
    assert any("U+1FBF0" in p.what and ".notdef" in p.what for p in problems), [str(p) for p in problems]


def test_pre_reshaped_pdf_is_caught(cfg, tmp_path):  # type: ignore[no-untyped-def]
    path = pdf(tmp_path, cfg, f"<h1>{textprep.to_visual(TITLE)}</h1><p>{textprep.to_visual(BODY)}</p>")
    problems = pdf_text.check_pdf(path, tmp_path)
    assert any("presentation form" in p.what and p.where == "page 1" for p in problems), [str(p) for p in problems]


def test_reversed_reading_order_is_caught(cfg, tmp_path):  # type: ignore[no-untyped-def]
    # Visual order without shaping: no presentation forms, but WeasyPrint's bidi reverses it once more.
    from bidi import get_display

    path = pdf(tmp_path, cfg, f"<h1>{get_display(TITLE)}</h1><p>{get_display(BODY)}</p>")
    problems = pdf_text.check_pdf(path, tmp_path)
    assert len(problems) == 1 and "reads back reversed" in problems[0].what, [str(p) for p in problems]
    assert "presentation form" not in problems[0].what


def test_a_damaged_pdf_is_a_problem_named_by_each_check_and_nothing_raw(tmp_path: Path) -> None:
    from projects import SAMPLE, make_project, run_cli

    project = make_project(tmp_path / "p")
    assert run_cli("build", "-C", str(project)).returncode == 0
    target = project / "reports" / f"{SAMPLE.stem}.pdf"
    good = target.read_bytes()
    shapes = {
        "truncated": good[:2000],
        "no-eof": good[: len(good) - 40],
        "empty": b"",
        "noise": bytes(range(256)) * 16,
        "html": b"<!doctype html><html><body>not a pdf</body></html>",
    }
    for name, data in shapes.items():
        target.write_bytes(data)
        done = run_cli("check", str(project / "reports"))
        out = done.stdout + done.stderr
        assert done.returncode == 1, (name, out)
        assert "Traceback" not in out, name
        lines = [ln for ln in out.splitlines() if ln.strip()]
        # Every line is ours: a problem naming a file, or the count; no library's log record in between.
        raw = [ln for ln in lines if not ln.startswith(f"{target.name}:") and "problem(s) in" not in ln]
        assert raw == [], (name, raw)
        if name != "no-eof":  # pypdf reads a PDF with a cut trailer; whatever it cannot read is said by name
            assert f"{target.name}: [pdf-fonts] cannot read the PDF" in out, (name, out)
