"""The command line as users and CI meet it: exit codes, messages, isolation of bad articles."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from projects import SAMPLE, make_project


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reportgen", *args], cwd=cwd, capture_output=True, text=True, timeout=300
    )


def test_config_error_exits_2_and_builds_nothing(tmp_path: Path) -> None:
    make_project(tmp_path, config="formats: [odt]\n")
    proc = run("build", cwd=tmp_path)
    assert proc.returncode == 2
    assert "config.yaml:1: Config value 'formats': expected a list of html, pdf, docx — got ['odt']" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "reports").exists()


def test_bad_article_is_reported_others_still_built(tmp_path: Path) -> None:
    make_project(
        tmp_path,
        config="formats: [html]\n",
        seeds={
            "good.txt": SAMPLE.read_text(encoding="utf-8"),
            "broken.txt": "---\ntitle: [unclosed\n---\nنص\n",
            # Mostly UTF-8 with one stray byte: refused at the byte (converting the file would garble it).
            "legacy.txt": "عنوان\nنص المقال".encode() + b"\xe1\n",
        },
    )
    proc = run("build", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert "seeds/broken.txt:2" in proc.stderr and "front matter is not valid YAML" in proc.stderr
    assert "seeds/legacy.txt:2:10: not valid UTF-8: 1 bad byte(s) at line:column 2:10 (0xe1)" in proc.stderr
    assert "1 of 3 briefings built" in proc.stderr
    index = (tmp_path / "reports" / "index.html").read_text(encoding="utf-8")
    assert 'href="good/index.html"' in index
    assert "broken" not in index and "legacy" not in index
    assert (tmp_path / "reports" / "good" / "index.html").is_file()


def test_sources_glob_matching_nothing_is_a_usage_error(tmp_path: Path) -> None:
    make_project(tmp_path, seeds={})
    proc = run("build", cwd=tmp_path)
    assert proc.returncode == 2
    assert "Config value 'sources': 'seeds/*.txt' matches no files" in proc.stderr


def test_init_creates_a_project_that_builds(tmp_path: Path) -> None:
    target = tmp_path / "newsdesk"
    proc = run("init", str(target), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (target / "config.yaml").read_text(encoding="utf-8").startswith("# reportgen project configuration")
    assert (target / "seeds" / SAMPLE.name).read_bytes() == SAMPLE.read_bytes()
    assert (target / "templates").is_dir()
    again = run("init", str(target), cwd=tmp_path)
    assert again.returncode == 2 and "already exists" in again.stderr


def test_project_template_overrides_theme_file_by_file(tmp_path: Path) -> None:
    make_project(tmp_path, config="formats: [html]\n")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "index.html").write_text(
        '{% extends "base.html" %}{% block main %}<p id="custom">{{ briefings|length }} موجز</p>{% endblock %}',
        encoding="utf-8",
    )
    proc = run("build", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    index = (tmp_path / "reports" / "index.html").read_text(encoding="utf-8")
    assert '<p id="custom">1 موجز</p>' in index
    # Files not overridden still come from the default theme.
    assert "card-1" in (tmp_path / "reports" / "rutba-karbala-operation" / "index.html").read_text(encoding="utf-8")


def test_template_error_names_file_and_line(tmp_path: Path) -> None:
    make_project(tmp_path, config="formats: [html]\n")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "index.html").write_text(
        '{% extends "base.html" %}\n{% block main %}\n{{ no_such_variable }}\n{% endblock %}\n', encoding="utf-8"
    )
    proc = run("build", cwd=tmp_path)
    assert proc.returncode == 1
    assert "index.html:3" in proc.stderr and "no_such_variable" in proc.stderr


def test_version_and_help(tmp_path: Path) -> None:
    assert run("--version", cwd=tmp_path).stdout.startswith("reportgen, version")
    assert "build" in run("--help", cwd=tmp_path).stdout
