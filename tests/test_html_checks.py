from __future__ import annotations

from reportgen.check import html_site

GOOD = """<!DOCTYPE html><html lang="ar" dir="rtl"><head><link rel="stylesheet" href="style.css"></head>
<body><h1 id="top">عنوان</h1><p>نص <a href="#top">أعلى</a> <a href="https://example.org/x">خارج</a></p></body></html>"""


def write(tmp, html: str) -> None:  # type: ignore[no-untyped-def]
    (tmp / "style.css").write_text("body { color: black; }", encoding="utf-8")
    (tmp / "index.html").write_text(html, encoding="utf-8")


def test_good_page_passes(cfg, tmp_path):  # type: ignore[no-untyped-def]
    write(tmp_path, GOOD)
    assert html_site.check(tmp_path, cfg) == []


def test_missing_lang_and_dir(cfg, tmp_path):  # type: ignore[no-untyped-def]
    write(tmp_path, GOOD.replace(' lang="ar" dir="rtl"', ""))
    problems = html_site.check(tmp_path, cfg)
    assert sorted(p.what.split()[2] for p in problems) == ["dir", "lang"], [str(p) for p in problems]


def test_missing_asset_and_anchor(cfg, tmp_path):  # type: ignore[no-untyped-def]
    write(tmp_path, GOOD.replace("style.css", "gone.css").replace("#top", "#nowhere"))
    problems = html_site.check(tmp_path, cfg)
    assert {p.what for p in problems} == {"points to a missing file", "no element with id 'nowhere'"}
    assert any("gone.css" in p.where for p in problems)


def test_missing_glyph_in_text(cfg, tmp_path):  # type: ignore[no-untyped-def]
    write(tmp_path, GOOD.replace("<p>نص", "<p>نص 漢"))
    problems = html_site.check(tmp_path, cfg)
    assert len(problems) == 1 and "U+6F22" in problems[0].what, [str(p) for p in problems]


def test_missing_css_url(cfg, tmp_path):  # type: ignore[no-untyped-def]
    write(tmp_path, GOOD)
    (tmp_path / "style.css").write_text('@font-face { src: url("fonts/x.ttf"); }', encoding="utf-8")
    problems = html_site.check(tmp_path, cfg)
    assert len(problems) == 1 and "x.ttf" in problems[0].where


def test_missing_phone_layout_in_srcset(cfg, tmp_path):  # type: ignore[no-untyped-def]
    (tmp_path / "c.svg").write_text("<svg/>", encoding="utf-8")
    picture = '<picture><source media="(max-width: 40rem)" srcset="c-narrow.svg"><img src="c.svg" alt="رسم"></picture>'
    write(tmp_path, GOOD.replace("</p>", "</p>" + picture))
    problems = html_site.check(tmp_path, cfg)
    assert [(p.what, "c-narrow.svg" in p.where) for p in problems] == [("points to a missing file", True)]
    (tmp_path / "c-narrow.svg").write_text("<svg/>", encoding="utf-8")
    assert html_site.check(tmp_path, cfg) == []
