"""Two builds of the same inputs, in different directories and hash seeds, are byte-identical."""

from __future__ import annotations

from pathlib import Path

from projects import REPO, make_project, run_cli, snapshot


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    a = make_project(tmp_path / "first", extra=True)
    b = make_project(tmp_path / "elsewhere" / "second", extra=True)
    ra = run_cli("build", "-C", str(a), env={"PYTHONHASHSEED": "1", "TZ": "UTC"})
    rb = run_cli("build", "-C", str(b), env={"PYTHONHASHSEED": "4242", "TZ": "Asia/Baghdad"})
    assert ra.returncode == 0, ra.stderr
    assert rb.returncode == 0, rb.stderr
    first, second = snapshot(a / "reports"), snapshot(b / "reports")
    kinds = {Path(p).suffix for p in first}
    assert {".html", ".svg", ".pdf", ".json", ".csv", ".xml", ".js"} <= kinds
    assert sorted(first) == sorted(second)
    differ = [p for p in first if first[p] != second[p]]
    assert differ == []
    # No absolute path of the project leaks into any output.
    assert not [p for p, data in first.items() if str(a).encode() in data]


def test_feed_time_comes_from_articles_or_source_date_epoch(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", extra=False)
    done = run_cli("build", "-C", str(project), env={"SOURCE_DATE_EPOCH": "1510000000"})
    assert done.returncode == 0, done.stderr
    feed = (project / "reports" / "feed.xml").read_text(encoding="utf-8")
    assert "<updated>2017-11-06T20:26:40Z</updated>" in feed  # the sample has no date of its own


FAKEENV = Path(__file__).resolve().parent / "fakeenv"


def test_same_bytes_with_another_clock_and_no_harfbuzz_subset(tmp_path: Path) -> None:
    """Two directories, two clocks a year apart, one build unable to load libharfbuzz-subset: same files.

    Without HarfBuzz subsetting WeasyPrint would subset with fontTools, which writes the current time into
    each embedded font; reportgen subsets with uharfbuzz's bundled HarfBuzz, so neither matters.
    """
    import os

    a = make_project(tmp_path / "one", extra=False)
    b = make_project(tmp_path / "two" / "deeper", extra=False)
    path = os.pathsep.join([str(FAKEENV), str(REPO)])
    ra = run_cli("build", "-C", str(a), env={"PYTHONPATH": path, "REPORTGEN_FAKE_CLOCK_OFFSET": "-20000000"})
    rb = run_cli(
        "build",
        "-C",
        str(b),
        env={"PYTHONPATH": path, "REPORTGEN_FAKE_CLOCK_OFFSET": "31536000", "REPORTGEN_HIDE_HARFBUZZ_SUBSET": "1"},
    )
    assert ra.returncode == 0, ra.stderr
    assert rb.returncode == 0, rb.stderr
    # One notice per build names the missing package; WeasyPrint's per-font fallback warning never shows.
    assert rb.stderr.count("note: libharfbuzz-subset0") == 1, rb.stderr
    assert ra.stderr.count("note: libharfbuzz-subset0") <= 1, ra.stderr
    assert "fontTools" not in rb.stderr
    first, second = snapshot(a / "reports"), snapshot(b / "reports")
    assert any(p.endswith(".pdf") for p in first)
    assert sorted(first) == sorted(second)
    assert [p for p in first if first[p] != second[p]] == []
