"""Issue 18, "Checked by": a broken template, a binary seed, a build outside a project, `check` on no site.

Each attack is a family: several inputs that fail the same way, each checked for the same guarantees
(non-zero exit, a message naming the template line and the article, every earlier output unchanged,
exact counts, no traceback).
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from projects import make_project, run_cli, snapshot

from reportgen.present.render import THEME_DIR

LOCK = ".reportgen.lock"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A good build of the sample and two more articles (Amiri headings: not the default font)."""
    project = make_project(tmp_path_factory.mktemp("good") / "p", extra=True)
    config = project / "config.yaml"
    text, count = re.subn(r"(?m)^  heading: .*$", '  heading: "Amiri"', config.read_text(encoding="utf-8"))
    assert count == 1
    config.write_text(text, encoding="utf-8")
    done = run_cli("build", cwd=project)
    assert done.returncode == 0, done.stderr
    return project


def _copy(project: Path, dest: Path) -> Path:
    shutil.copytree(project, dest, symlinks=True)
    return dest


def _files(reports: Path) -> dict[str, bytes]:
    return {k: v for k, v in snapshot(reports).items() if k != LOCK}


def _links(reports: Path) -> list[str]:
    return re.findall(r'href="([^"]+\.html)"', (reports / "index.html").read_text(encoding="utf-8"))


BRIEFING = (THEME_DIR / "briefing.html").read_text(encoding="utf-8").splitlines(keepends=True)


def _with_line(line: str) -> str:
    """The theme's briefing.html with `line` as line 6, inside its main block."""
    return "".join([*BRIEFING[:5], line + "\n", *BRIEFING[5:]])


TYPOS = {
    "syntax": (_with_line("{% if %}"), "briefing.html:6", "syntax error"),
    "unknown-filter": (_with_line("{{ b.title|nosuchfilter }}"), "briefing.html:6", "nosuchfilter"),
    "unknown-filter-runtime": (
        _with_line("{% if b.title %}{{ b.title|nosuch }}{% endif %}"),
        "briefing.html:6",
        "nosuch",
    ),
    "zero-division": (_with_line("{{ 1 // 0 }}"), "briefing.html:6", "ZeroDivisionError"),
    "undefined-attribute": (_with_line("{{ b.titel }}"), "briefing.html:6", "did you mean 'title'?"),
    "bad-call": (_with_line("{{ b.title(3) }}"), "briefing.html:6", "TypeError"),
    "recursive-macro": (
        _with_line("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}"),
        "briefing.html",
        "recurses without end",
    ),
    "extends-itself": ('{% extends "briefing.html" %}\n', "briefing.html", "recurses without end"),
}


# Every typo in this process; two of them on the worker pool too (where a worker's error crosses a process).
TYPO_RUNS = [(t, "1") for t in sorted(TYPOS)] + [("syntax", "2"), ("zero-division", "2")]


@pytest.mark.parametrize(("typo", "jobs"), TYPO_RUNS, ids=[f"{t}-j{j}" for t, j in TYPO_RUNS])
def test_template_typo_after_a_good_build_loses_nothing(built: Path, tmp_path: Path, typo: str, jobs: str) -> None:
    project = _copy(built, tmp_path / "p")
    reports = project / "reports"
    before, links = _files(reports), _links(reports)
    source, where, what = TYPOS[typo]
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates" / "briefing.html").write_text(source, encoding="utf-8")
    for attempt in (1, 2):  # the second failing build must keep them too (it retries the failed articles)
        broken = run_cli("build", "--jobs", jobs, cwd=project)
        out = broken.stdout + broken.stderr
        assert broken.returncode == 1, out
        assert "Traceback" not in out and "internal error" not in out, out
        for article in ("seeds/karbala-hideouts.txt", "seeds/qaim-villages.txt", "seeds/rutba-karbala-operation.txt"):
            line = next(ln for ln in out.splitlines() if ln.startswith(f"failed: {article}"))
            assert where in line and what in line, (attempt, line)
        assert "0 of 3 briefings built" in out and "(0 rebuilt, 0 up to date); 3 failed" in out, out
        assert _files(reports) == before, f"attempt {attempt}: outputs changed"
        assert _links(reports) == links
    (project / "templates" / "briefing.html").unlink()
    fixed = run_cli("build", "--jobs", jobs, cwd=project)
    out = fixed.stdout + fixed.stderr
    assert fixed.returncode == 0, out
    assert "3 of 3 briefings built" in out and "(3 rebuilt, 0 up to date)" in out, out
    assert out.count("its last rebuild failed") == 3, out
    assert _files(reports) == before  # the same inputs as the good build: the same bytes


@pytest.mark.parametrize("failure", ["render", "typesetter-died"])
def test_single_article_pdf_failure_keeps_the_last_good_pdf_and_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: str
) -> None:
    """One stale article goes through the typesetter (`_finish_pdf`): a failed PDF keeps the old files."""
    from reportgen import build as buildmod
    from reportgen import config as configmod
    from reportgen.build import typesetter
    from reportgen.errors import RenderError
    from reportgen.outputs import pdf

    project = make_project(tmp_path / "p")
    cfg = configmod.load(project)
    assert buildmod.build(cfg, jobs=1).exit_code == 0
    reports = project / "reports"
    before = _files(reports)
    article = next((project / "seeds").glob("*.txt"))
    article.write_text(article.read_text(encoding="utf-8") + "\nسطر جديد في آخر الخبر.\n", encoding="utf-8")

    def broken(*args: object, **kwargs: object) -> object:
        raise RenderError("WeasyPrint failed: planted")

    monkeypatch.setattr(pdf, "render_pdf", broken)
    # The typesetter's own process would not see the monkeypatch: make it typeset in this one.
    monkeypatch.setattr(typesetter.subprocess, "Popen", _no_process)
    monkeypatch.setattr(buildmod, "_typesetter", lambda config, stale, jobs: typesetter.Typesetter(config))
    lines: list[str] = []
    result = buildmod.build(cfg, lambda kind, msg: lines.append(f"{kind}: {msg}"), jobs=2)
    assert result.exit_code == 1
    assert [o.source for o in result.failed] == [f"seeds/{article.name}"]
    assert any("planted" in ln and "last good outputs are kept" in ln for ln in lines), lines
    assert _files(reports) == before
    assert not list(reports.rglob(".*.tmp"))
    monkeypatch.undo()
    again = buildmod.build(configmod.load(project), jobs=1)
    assert again.exit_code == 0 and [o.source for o in again.rebuilt] == [f"seeds/{article.name}"]


def _no_process(*args: object, **kwargs: object) -> object:
    raise OSError("no typesetter process in this test")


def _zip(names: dict[str, str], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, text in names.items():
            z.writestr(name, text)
    return buf.getvalue()


BINARY_SEEDS = {
    "x.txt": (_zip({"a.txt": "عنوان\nنص الخبر " * 50}), "ZIP archive"),
    "stored.txt": (_zip({"a.txt": "plain words " * 80}, zipfile.ZIP_STORED), "ZIP archive"),
    "docx.txt": (_zip({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"}), ".docx"),
    "image.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "PNG image"),
    "photo.txt": (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)), "JPEG image"),
    "doc.txt": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "PDF document"),
    "packed.txt": (b"\x1f\x8b\x08\x00" + bytes(range(200)), "gzip archive"),
    "noise.txt": (bytes(range(256)) * 8, "binary file"),
    # Short files with few control bytes, known only by their signature (some after a first field).
    "webp.txt": (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "WebP image"),
    "clip.txt": (b"\x00\x00\x00\x18ftypmp42", "MP4"),
    "sound.txt": (b"OggS\x00\x02", "Ogg audio"),
    "icon.txt": (b"\x00\x00\x01\x00\x01\x00", "icon"),
    "font.txt": (b"wOF2\x00\x01\x00\x00", "web font"),
    "bundle.txt": (b"notes.txt".ljust(100, b"\x00") + bytes(157) + b"ustar\x0000" + b"x" * 30, "tar archive"),
    "packed2.txt": (b"\x28\xb5\x2f\xfd\x04\x00", "Zstandard"),
}


def test_binary_files_posing_as_articles_are_refused_by_name(tmp_path: Path) -> None:
    seeds: dict[str, str | bytes] = {name: data for name, (data, _) in BINARY_SEEDS.items()}
    seeds["good.txt"] = "عنوان الخبر الجيد\nأعلنت القوات تحرير 3 قرى.\n"
    # UTF-16 without a byte-order mark is text: decoded (the whole file decodes cleanly), with a warning.
    seeds["utf16le.txt"] = "عنوان بترميز آخر\nنص الخبر هنا.\n".encode("utf-16-le")
    seeds["utf16be.txt"] = "عنوان بترتيب آخر\nنص الخبر هناك.\n".encode("utf-16-be")
    project = make_project(tmp_path / "p", seeds=seeds)
    (project / "config.yaml").write_text("formats: [html]\n", encoding="utf-8")
    done = run_cli("build", "--jobs", "1", cwd=project)
    out = done.stdout + done.stderr
    assert done.returncode == 1, out
    assert "Traceback" not in out
    reports = project / "reports"
    index = (reports / "index.html").read_text(encoding="utf-8")
    for name, (_, kind) in BINARY_SEEDS.items():
        line = next(ln for ln in out.splitlines() if ln.startswith(f"failed: seeds/{name}"))
        assert kind in line and "not a text article" in line, line
        slug = Path(name).stem
        assert not (reports / slug).exists() and not (reports / f"{slug}.pdf").exists()
        assert f"{slug}/" not in index
    for name in ("good", "utf16le", "utf16be"):
        assert (reports / name / "index.html").is_file()
    assert "decoded as UTF-16LE without a byte-order mark" in out
    assert "decoded as UTF-16BE without a byte-order mark" in out
    assert f"3 of {len(seeds)} briefings built" in out and f"{len(BINARY_SEEDS)} failed" in out


def _tree(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*"))


@pytest.mark.parametrize(
    "layout",
    [{}, {"notes.md": "my notes\n"}, {"seeds/readme.md": "not an article\n"}, {"src/main.py": "print(1)\n"}],
    ids=["empty", "a-file", "seeds-without-articles", "some-other-project"],
)
def test_build_outside_a_project_creates_nothing_and_says_what_to_do(tmp_path: Path, layout: dict[str, str]) -> None:
    for rel, text in layout.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    before = _tree(tmp_path)
    for args in (("build",), ("build", "--check"), ("build", "--clean")):
        done = run_cli(*args, cwd=tmp_path)
        assert done.returncode == 2, done.stderr
        assert "reportgen init" in done.stderr and "-C DIR" in done.stderr, done.stderr
        assert "Traceback" not in done.stderr
        assert _tree(tmp_path) == before


@pytest.mark.parametrize("command", ["build", "check", "extract"])
def test_missing_project_directory_is_an_error_and_is_not_created(tmp_path: Path, command: str) -> None:
    missing = tmp_path / "no" / "such" / "project"
    done = run_cli(command, "-C", str(missing), cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert "does not exist" in done.stderr and not (tmp_path / "no").exists()


@pytest.mark.parametrize("name", ["confg.yaml", "config.yml", "missing/config.yaml"])
def test_mistyped_config_file_is_an_error(built: Path, tmp_path: Path, name: str) -> None:
    project = _copy(built, tmp_path / "p")
    before = _files(project / "reports")
    done = run_cli("build", "--config", str(project / name), cwd=project)
    assert done.returncode == 2 and "no such file" in done.stderr, done.stderr
    assert _files(project / "reports") == before


@pytest.mark.parametrize("layout", ["empty", "empty-reports", "other-files"])
def test_check_without_a_site_fails(tmp_path: Path, layout: str) -> None:
    if layout == "empty-reports":
        (tmp_path / "reports").mkdir()
    if layout == "other-files":
        (tmp_path / "reports").mkdir()
        (tmp_path / "reports" / "notes.txt").write_text("hello\n", encoding="utf-8")
    for args in (("check",), ("check", str(tmp_path / "reports")), ("check", str(tmp_path))):
        done = run_cli(*args, cwd=tmp_path)
        assert done.returncode != 0, (args, done.stdout)
        assert "OK" not in done.stdout and "Traceback" not in done.stderr
        assert "reportgen build" in done.stderr, done.stderr


def test_check_dir_works_from_any_directory(built: Path, tmp_path: Path) -> None:
    """Amiri headings: checked with the default config instead, every Amiri font would be a false error."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for cwd in (elsewhere, built, built / "seeds", Path("/")):
        done = run_cli("check", str(built / "reports"), cwd=cwd)
        assert done.returncode == 0, (cwd, done.stdout + done.stderr)
        assert done.stdout.startswith("OK:")


BUDGET_BUSTERS = {
    "nested-loops": "{% for a in range(99999) %}{% for b in range(99999) %}x{% endfor %}{% endfor %}",
    "silent-loop": "{% for a in range(99999) %}{% for b in range(99999) %}{% set c = a %}{% endfor %}{% endfor %}",
    "huge-string": '{{ "x" * 1000000000 }}',
    "huge-list": "{{ ([1] * 900000000) | length }}",
    "huge-power": "{{ 10 ** 100000000 }}",
    "wide-output": "{% for a in range(99999) %}{{ b.title * 50 }}{% endfor %}",
}


@pytest.mark.parametrize("buster", sorted(BUDGET_BUSTERS))
def test_a_template_over_its_time_or_size_budget_fails_its_article_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, buster: str
) -> None:
    from reportgen import build as buildmod
    from reportgen import config as configmod
    from reportgen.present import budget

    project = make_project(tmp_path / "p", seeds={"a.txt": "عنوان الخبر\nأعلنت القوات تحرير 12 قرية.\n"})
    (project / "config.yaml").write_text("formats: [html]\n", encoding="utf-8")
    assert buildmod.build(configmod.load(project), jobs=1).exit_code == 0
    before = _files(project / "reports")
    monkeypatch.setattr(budget, "MAX_SECONDS", 2.0)
    monkeypatch.setattr(budget, "MAX_CHARS", 5_000_000)
    (project / "templates").mkdir()
    (project / "templates" / "briefing.html").write_text(_with_line(BUDGET_BUSTERS[buster]), encoding="utf-8")
    result = buildmod.build(configmod.load(project), jobs=1)
    [failed] = result.failed
    assert failed.error is not None and "over its budget" in failed.error and "briefing.html" in failed.error
    assert failed.error.startswith("seeds/a.txt: ")
    assert _files(project / "reports") == before
