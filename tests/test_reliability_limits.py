"""Issue 18, limits: inputs built to be slow or huge finish or are refused with a message, never a traceback.

No timings here (they belong in benchmarks/bench_limits.py); these check the behaviour at sizes large
enough to have failed before (a traceback at 4,301 digits, a quadratic scan, unbounded reads).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from projects import make_project, run_cli

from reportgen import build, config, sources
from reportgen.extract import extract_article

HTML_ONLY = "formats: [html]\n"


@pytest.mark.parametrize(
    "body",
    [
        "1" * 100_000,
        "٣" * 100_000,  # Arabic-Indic digits
        "1," * 50_000,
        "قتل " + "9" * 5_000 + " شخصا",
        ("1" * 30 + " ") * 1_000,
        "١٢٫" * 30_000,
    ],
    ids=["digits", "arabic-digits", "comma-list", "5000-digit-figure", "30-digit-numbers", "decimals"],
)
def test_long_digit_runs_extract_without_a_traceback(body: str) -> None:
    article = sources.parse("عنوان\n" + body + "\n", "seeds/x.txt")
    extraction = extract_article(article, config.load(Path("/nonexistent")))
    for figure in extraction.figures:
        assert figure.value is None or abs(figure.value) < 10**25
    json.dumps(extraction.contract(), ensure_ascii=False)  # what `extract` prints: must be printable


@pytest.mark.parametrize(
    "text",
    [
        "ع" * 200_000,
        "عنوان\n" + "x" * 400_000,
        "قتل 12 شخصا " * 15_000,  # 180 KB, one line, no full stop
        # An identifier («x-5», «x1.5») every 3 or 4 characters: each was checked against every earlier
        # one (100 KB took 70 s, 150 KB some 160 s; now under a second).
        "عنوان\n" + "x-5" * 50_000,
        "عنوان\n" + "x1.5" * 37_500,
    ],
    ids=["arabic-no-space", "ascii-no-space", "one-line-of-words", "identifier-every-3", "identifier-every-4"],
)
def test_one_huge_line_builds_with_a_short_title(tmp_path: Path, text: str) -> None:
    project = make_project(tmp_path / "p", config=HTML_ONLY, seeds={"long.txt": text})
    result = build.build(config.load(project), jobs=1)
    [outcome] = result.outcomes
    assert outcome.ok, outcome.error
    page = (project / "reports" / "long" / "index.html").read_text(encoding="utf-8")
    title = page.split("<title>", 1)[1].split("</title>", 1)[0]
    assert len(title) < 400
    if "\n" not in text:
        assert any("is the title" in w or "are the title" in w for w in outcome.warnings), outcome.warnings


def test_figures_keep_a_bounded_sentence(tmp_path: Path) -> None:
    article = sources.parse("عنوان\n" + "قتل 12 شخصا في القائم " * 20_000, "seeds/x.txt")
    extraction = extract_article(article, config.load(tmp_path))
    assert extraction.figures
    assert max(len(f.sentence) for f in extraction.figures) <= 700


@pytest.fixture
def small_limit(tmp_path: Path) -> Path:
    return make_project(tmp_path / "p", config=HTML_ONLY + "max_article_bytes: 10000\n", seeds={"a.txt": "عنوان\nنص\n"})


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_extract_of_an_endless_file_stops_at_the_limit(small_limit: Path, device: str) -> None:
    done = run_cli("extract", "-C", str(small_limit), device)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert "over the limit of 10,000 bytes" in done.stderr


@pytest.mark.parametrize("size", [10_001, 50_000, 1_000_000])
def test_extract_from_stdin_is_size_limited(small_limit: Path, size: int, tmp_path: Path) -> None:
    import subprocess
    import sys

    from projects import REPO

    data = ("عنوان\n" + "كلمة " * size)[:size].encode()[:size]
    done = subprocess.run(
        [sys.executable, "-m", "reportgen", "extract", "-C", str(small_limit)],
        input=data,
        capture_output=True,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert b"standard input is over the limit of 10,000 bytes" in done.stderr


def test_a_seed_that_is_a_fifo_or_device_fails_alone(tmp_path: Path) -> None:
    import os

    project = make_project(
        tmp_path / "p", config=HTML_ONLY + "max_article_bytes: 10000\n", seeds={"good.txt": "عنوان\nنص الخبر\n"}
    )
    (project / "seeds" / "zero.txt").symlink_to(Path("/dev/zero"))  # outside the project: refused unread
    os.mkfifo(project / "seeds" / "pipe.txt")
    result = build.build(config.load(project), jobs=1)
    by = {o.source: o for o in result.outcomes}
    assert by["seeds/good.txt"].ok
    assert not by["seeds/zero.txt"].ok and "outside the project" in (by["seeds/zero.txt"].error or "")
    assert not by["seeds/pipe.txt"].ok and "not a regular file" in (by["seeds/pipe.txt"].error or "")


def _bomb() -> str:
    lines = ["l0: &l0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 10)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("yaml_text", "what"),
    [
        (_bomb(), "alias"),
        ("x: " + "[" * 100_000 + "]" * 100_000 + "\n", "nested more than"),
        ("x: " + "{a: " * 10_000 + "1" + "}" * 10_000 + "\n", "nested more than"),
        ("title: a\nformats: [html]\ntitle: b\n", "duplicate key 'title'"),
    ],
    ids=["alias-bomb", "deep-list", "deep-map", "duplicate"],
)
def test_config_yaml_attacks_end_in_a_message(tmp_path: Path, yaml_text: str, what: str) -> None:
    project = make_project(tmp_path / "p", config=yaml_text, seeds={"a.txt": "عنوان\nنص\n"})
    done = run_cli("build", cwd=project)
    assert done.returncode == 2, done.stderr
    assert what in done.stderr and "config.yaml:" in done.stderr
    assert "Traceback" not in done.stderr and "MemoryError" not in done.stderr
    assert not (project / "reports").exists()
