"""Issue 18, text: control characters, markup in articles, CSV formulas, terminal markup, encodings, YAML.

Every attack is a family of inputs; every XML output is parsed, never eyeballed.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from projects import make_project, run_cli

from reportgen import build, config, sources
from reportgen.errors import ConfigError, SourceError
from reportgen.present.exports import csv_cell, figures_csv

BODY = "أعلنت القوات تحرير 12 قرية قرب القائم وتدمير 3 معسكرات في الرطبة.\n"  # two figures: a chart is drawn
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u2028\u2029]")

# name → (file content, the file:line:col a warning must name, or None when only front matter is hit)
CONTROLS: dict[str, tuple[str, str | None]] = {
    "esc.txt": ("عنوان \x1b[31mأحمر\x1b[0m\n" + BODY, "seeds/esc.txt:1:7"),
    "vt-bs.txt": ("عنوان الخبر\n" + "نص\x0b مع\x08 حروف\n" + BODY, "seeds/vt-bs.txt:2:3"),
    "nul.txt": ("عنوان\x00 الخبر\n" + BODY, "seeds/nul.txt:1:6"),
    "bel-del.txt": ("عنوان الخبر\n" + BODY + "سطر\x07ثالث\x7f\n", "seeds/bel-del.txt:3:4"),
    "c1.txt": ("عنوان\x85 الخبر\x9b\n" + BODY, "seeds/c1.txt:1:6"),
    "osc-title.txt": ("عنوان\x1b]0;pwned\x07 الخبر\n" + BODY, "seeds/osc-title.txt:1:6"),
    "ps.txt": ("عنوان الخبر\n" + "الفقرة الأولى.\u2029الفقرة الثانية.\u2028سطر\n" + BODY, None),
    "yaml-escapes.txt": (
        '---\ntitle: "عنوان\\x1b[2J مع\\0 هروب\\a"\nsource: "وكالة\\x0b"\n---\n' + BODY,
        "seeds/yaml-escapes.txt:2",
    ),
}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, build.BuildResult]:
    seeds: dict[str, str | bytes] = {name: text for name, (text, _) in CONTROLS.items()}
    seeds.update(MARKUP)
    root = make_project(tmp_path_factory.mktemp("hostile") / "p", seeds=seeds)
    cfg = (root / "config.yaml").read_text(encoding="utf-8")
    cfg = re.sub(r"(?m)^formats:.*$", "formats: [html, pdf]", cfg) if "formats:" in cfg else cfg
    (root / "config.yaml").write_text(cfg + "\nsite_url: https://example.org/briefings/\n", encoding="utf-8")
    result = build.build(config.load(root), jobs=2)
    return root, result


def test_control_characters_are_removed_with_a_located_warning(hostile_site: tuple[Path, build.BuildResult]) -> None:
    root, result = hostile_site
    by_source = {o.source: o for o in result.outcomes}
    reports = root / "reports"
    for name, (_, where) in CONTROLS.items():
        outcome = by_source[f"seeds/{name}"]
        assert outcome.ok, outcome.error
        if where is not None:
            assert any(w.startswith(where) and "removed control character" in w for w in outcome.warnings), (
                name,
                outcome.warnings,
            )
        page = (reports / Path(name).stem / "index.html").read_text(encoding="utf-8")
        assert not FORBIDDEN.search(page), (name, FORBIDDEN.findall(page))
        assert "pwned" not in page or "]0;" not in page  # the OSC title sequence went whole
    ps = (reports / "ps" / "index.html").read_text(encoding="utf-8")
    assert "الفقرة الأولى." in ps and "الفقرة الثانية." in ps
    assert (reports / "ps.pdf").is_file(), "U+2029 must not drop the briefing's PDF"


def test_every_xml_and_json_output_parses(hostile_site: tuple[Path, build.BuildResult]) -> None:
    root, _ = hostile_site
    reports = root / "reports"
    feed = ET.parse(reports / "feed.xml").getroot()
    titles = [e.text or "" for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert any("]]>" in t for t in titles) and any("</script>" in t for t in titles)
    assert not any(FORBIDDEN.search(t) for t in titles)
    ET.parse(reports / "sitemap.xml")
    svgs = list(reports.rglob("*.svg"))
    assert svgs
    for svg in svgs:
        ET.parse(svg)
    for path in [reports / "search-index.json", *reports.rglob("figures.json"), *reports.rglob("*.labels.json")]:
        json.loads(path.read_text(encoding="utf-8"))


MARKUP: dict[str, str] = {
    "cdata.txt": "عنوان ]]> و <![CDATA[ x ]]>\n" + BODY,
    "script.txt": "عنوان </script><script>alert(1)</script>\n" + BODY,
    "jinja.txt": "عنوان {{ 7*7 }} و {% raw %}\n" + "{{ config.__class__ }} " + BODY,
    "entities.txt": "عنوان &amp; &lt; \"مقتبس\" 'x' <!-- c -->\n" + BODY,
}


def test_markup_in_articles_is_text_everywhere(hostile_site: tuple[Path, build.BuildResult]) -> None:
    root, result = hostile_site
    reports = root / "reports"
    assert all(o.ok for o in result.outcomes if o.source.removeprefix("seeds/") in MARKUP)
    script = (reports / "script" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in script and "&lt;/script&gt;&lt;script&gt;alert(1)" in script
    jinja = (reports / "jinja" / "index.html").read_text(encoding="utf-8")
    assert "{{ 7*7 }}" in jinja and ">49<" not in jinja and "{% raw %}" in jinja
    index = (reports / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in index
    js = (reports / "search-index.js").read_text(encoding="utf-8")
    assert "</script>" in js  # a separate .js file, never inlined in a page: harmless there
    data = json.loads(js.split("=", 1)[1].rstrip().rstrip(";"))
    assert any("</script>" in d["title"] for d in data["documents"] if "title" in d) or data


@pytest.mark.parametrize(
    "url",
    ['https://example.org/a"b/', "https://example.org/<x>/", "https://example.org/a b/", "https://ex\x1bample.org/"],
)
def test_a_site_url_that_would_break_the_feed_is_refused(tmp_path: Path, url: str) -> None:
    with pytest.raises(ConfigError, match="site_url"):
        config.parse(f"site_url: {json.dumps(url)}\n", tmp_path)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("  =1+1", "'  =1+1"),
        ("＝1+1", "'＝1+1"),
        ("قتل 12 شخصاً", "قتل 12 شخصاً"),
        (-5, -5),
        (3.5, 3.5),
        (None, ""),
    ],
)
def test_csv_cells_that_look_like_formulas_are_neutralised(value: object, shown: object) -> None:
    assert csv_cell(value) == shown


def test_figures_csv_and_extract_csv_never_start_a_cell_with_a_formula(tmp_path: Path) -> None:
    from reportgen.present.exports import EXPORT_FIELDS

    record = dict.fromkeys(EXPORT_FIELDS, "=1+1")
    rows = list(csv.reader(io.StringIO(figures_csv([record]).decode("utf-8-sig"))))
    assert all(cell.startswith("'=") for cell in rows[1])
    for name in ("=HYPERLINK(1).txt", "+1.txt", "-1.txt", "@x.txt"):
        (tmp_path / name).write_text("عنوان\nأعلنت القوات تحرير 12 قرية.\n", encoding="utf-8")
        done = run_cli("extract", "--format", "csv", "--", name, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        data = list(csv.reader(io.StringIO(done.stdout)))[1:]
        assert data and all(row[0] == "'" + name for row in data), data


TERMINAL = ["[/x]", "[bold red]تحذير[/]", "[link=http://evil]x[/link]", "\x1b[2J\x1b[H", "[/]"]


@pytest.mark.parametrize("text", TERMINAL)
def test_article_text_is_never_terminal_markup(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rich prints the build log on a terminal: a message is shown as written, escapes made visible."""
    from rich.console import Console

    import reportgen.cli as cli

    buf = io.StringIO()
    monkeypatch.setenv("REPORTGEN_TERMINAL_BIDI", "1")  # a terminal that does bidi: the text stays logical
    monkeypatch.setattr(cli, "_console", lambda: Console(file=buf, force_terminal=True, width=200))
    monkeypatch.setattr("sys.stderr.isatty", lambda: True, raising=False)
    progress = cli._progress_printer()
    progress("failed", f"seeds/{text}.txt:1: {text}")
    progress("warning", text)
    out = re.sub(r"\x1b\[[0-9;]*m", "", buf.getvalue())  # rich's own colours
    shown = text.replace("\x1b", "\\x1b")
    assert out.count(shown) >= 3, out
    assert "\x1b[2J" not in buf.getvalue()


@pytest.mark.parametrize("text", TERMINAL)
def test_extract_table_prints_markup_in_articles_as_written(tmp_path: Path, text: str) -> None:
    (tmp_path / "a.txt").write_text(f"عنوان {text}\nقتل 12 شخصاً {text} في الهجوم.\n", encoding="utf-8")
    done = run_cli("extract", "--format", "table", "--no-bidi", "a.txt", cwd=tmp_path)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    if "\x1b" not in text:
        assert text in done.stdout
    assert "\x1b[2J" not in done.stdout


def test_a_log_line_with_escapes_in_a_file_name_is_made_visible(tmp_path: Path) -> None:
    name = "\x1b[31mred\x1b[0m.txt"
    project = make_project(tmp_path / "p", config="formats: [html]\n", seeds={name: "", "ok.txt": "عنوان\n" + BODY})
    done = run_cli("build", "--jobs", "1", cwd=project)
    assert done.returncode == 1
    assert "\x1b" not in done.stderr and "\\x1b[31mred\\x1b[0m.txt" in done.stderr, done.stderr


# --- encodings ----------------------------------------------------------------------------------------

ARABIC = "عنوان الخبر\nأعلنت القوات تحرير 12 قرية قرب القائم بعد معارك.\n"


@pytest.mark.parametrize(
    ("data", "where"),
    [
        (ARABIC.encode() + b"\xe9\n", ["3:1 (0xe9)"]),
        (b"\xff" + ARABIC.encode(), ["1:1 (0xff)"]),
        (
            "عنوان".encode() + b"\xd8" + " الخبر\n".encode() + ARABIC.encode() + b"\x80\x80",
            ["1:6 (0xd8)", "4:1 (0x80)", "4:2 (0x80)"],
        ),
        (ARABIC.encode() + "كلمة".encode("cp1256") + b"\n", ["3:1 (0xdf)"]),  # one cp1256 word in UTF-8
        ("café\n".encode("latin-1") + ARABIC.encode(), ["1:4 (0xe9)"]),
    ],
    ids=["end", "start", "three", "mixed-1256", "latin1-word"],
)
def test_a_mostly_utf8_file_is_refused_at_each_bad_byte(data: bytes, where: list[str]) -> None:
    with pytest.raises(SourceError) as info:
        sources.decode(data, "seeds/x.txt")
    message = str(info.value)
    assert message.startswith(f"seeds/x.txt:{where[0].split(' ')[0]}: not valid UTF-8")
    for place in where:
        assert place in message
    assert "iconv" not in message and "Windows-1256" not in message  # following that hint would garble it


@pytest.mark.parametrize(
    ("data", "warning"),
    [
        (ARABIC.encode("cp1256"), "Windows-1256"),
        (("عنوان\r\n" + "نص الخبر عن 12 قرية\r\n").encode("cp1256"), "Windows-1256"),
        (ARABIC.encode("utf-16-le"), "UTF-16LE without a byte-order mark"),
        (ARABIC.encode("utf-16-be"), "UTF-16BE without a byte-order mark"),
        ("\ufeff".encode("utf-16-le") + ARABIC.encode("utf-16-le"), "UTF-16 (byte-order mark found)"),
        ("\ufeff".encode("utf-32-le") + ARABIC.encode("utf-32-le"), "UTF-32 (byte-order mark found)"),
    ],
    ids=["cp1256", "cp1256-crlf", "utf16le", "utf16be", "utf16-bom", "utf32-bom"],
)
def test_another_encoding_is_decoded_only_when_the_whole_file_is_clean_in_it(data: bytes, warning: str) -> None:
    text, warnings = sources.decode(data, "seeds/x.txt")
    assert "عنوان" in text and "12" in text
    assert any(warning in w for w in warnings), warnings


@pytest.mark.parametrize(
    "data",
    [
        "latin text only, café".encode("latin-1"),  # decodes in 1256 but is not Arabic
        ARABIC.encode("utf-16-le")[:-1],  # odd length
        ARABIC.encode("utf-16-le") + "\x1b".encode("utf-16-le") * 3 + b"\x00\xd8",  # unpaired surrogate
    ],
    ids=["latin1", "utf16-odd", "utf16-bad"],
)
def test_text_that_decodes_cleanly_in_no_encoding_is_refused(data: bytes) -> None:
    with pytest.raises(SourceError):
        sources.decode(data, "seeds/x.txt")


# --- YAML in config.yaml and front matter ---------------------------------------------------------------


def _bomb(levels: int, width: int) -> str:
    lines = ["a0: &a0 [" + ", ".join(["x"] * width) + "]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


YAML_ATTACKS = {
    "billion-laughs": (_bomb(9, 9), "alias"),
    "wide-bomb": (_bomb(4, 60), "alias"),
    "deep-flow": ("x: " + "[" * 5000 + "]" * 5000 + "\n", "nested more than"),
    "deep-block": ("".join("  " * i + f"k{i}:\n" for i in range(80)) + "  " * 80 + "v\n", "nested more than"),
    "recursive": ("x: &a [*a]\n", "recursive"),
}


@pytest.mark.parametrize("attack", sorted(YAML_ATTACKS))
def test_yaml_bombs_in_config_are_refused_quickly(tmp_path: Path, attack: str) -> None:
    text, what = YAML_ATTACKS[attack]
    with pytest.raises(ConfigError, match=what):
        config.parse(text, tmp_path)


@pytest.mark.parametrize("attack", sorted(YAML_ATTACKS))
def test_yaml_bombs_in_front_matter_are_refused_quickly(attack: str) -> None:
    text, what = YAML_ATTACKS[attack]
    with pytest.raises(SourceError, match=what) as info:
        sources.parse("---\n" + text + "---\nعنوان\nنص\n", "seeds/x.txt")
    assert str(info.value).startswith("seeds/x.txt:")


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("title: a\ntitle: b\n", 2),
        ("title: a\nformats: [html]\nsite_url: https://x.org/\nformats: [pdf]\n", 4),
        ("theme:\n  bar: '#000000'\n  bar: '#ffffff'\n", 3),
    ],
)
def test_duplicate_keys_in_config_are_rejected_with_their_line(tmp_path: Path, text: str, line: int) -> None:
    with pytest.raises(ConfigError, match=rf"config\.yaml:{line}:\d+: not valid YAML: duplicate key"):
        config.parse(text, tmp_path)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("title: x\nformats: [html\nsources: 'a'\n", "config.yaml:2:10"),
        ('title: "unterminated\nformats: [html]\n', "config.yaml:1:8"),
        ("title: {a: 1\n\n\nformats: b\n", "config.yaml:1:8"),
        ("title: x\n  bad: indent\n", "config.yaml:2:6"),
        ("x:\n\t- tab\n", "config.yaml:2:1"),
        ("a:\n  - x\n b: y\n", "config.yaml:3:2"),
        ("title: 'x\n", "config.yaml:1:8"),
    ],
)
def test_yaml_errors_point_at_the_line_of_the_mistake(tmp_path: Path, text: str, where: str) -> None:
    with pytest.raises(ConfigError) as info:
        config.parse(text, tmp_path)
    assert str(info.value).startswith(f"{where}: not valid YAML"), str(info.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("---\n---\nعنوان\nنص\n", None),
        ("---\n\n---\nعنوان\nنص\n", None),
        ("---\ntitle: x\nعنوان\nنص\n", "never closed"),
        ("---\n", "never closed"),
        ("---\r\ntitle: x\r\n", "never closed"),
    ],
)
def test_empty_and_unterminated_front_matter(text: str, message: str | None) -> None:
    if message is None:
        article = sources.parse(text, "seeds/x.txt")
        assert article.title.text == "عنوان"
    else:
        with pytest.raises(SourceError, match=message):
            sources.parse(text, "seeds/x.txt")


@pytest.mark.parametrize(
    ("escaped", "outcome"),
    [
        ("\\ud800", "refused"),  # a lone surrogate cannot be UTF-8: the YAML escape is refused, located
        ("\\udfff", "refused"),
        ("\\x00", "U+0000 (NUL)"),
        ("\\x1b[31m", "U+001B (ESC)"),
        ("\\u2029", "U+2029"),
        ("\\x85", "U+0085"),
    ],
)
def test_yaml_escapes_in_front_matter_cannot_smuggle_control_characters(escaped: str, outcome: str) -> None:
    text = f'---\ntitle: "عنوان{escaped}الخبر"\n---\nنص الخبر\n'
    if outcome == "refused":
        with pytest.raises(SourceError, match=r"^seeds/x\.txt:2:\d+: front matter is not valid YAML"):
            sources.parse(text, "seeds/x.txt")
        return
    article = sources.parse(text, "seeds/x.txt")
    assert not FORBIDDEN.search(article.title.text) and "عنوان" in article.title.text
    assert any(w.startswith("seeds/x.txt:2:") and outcome in w for w in article.warnings), article.warnings
