"""The build runs the checks: the sample passes; a build with the tutorial recipe on matplotlib 3.11 fails."""

from __future__ import annotations

from unittest import mock

from click.testing import CliRunner

from reportgen import config as config_mod
from reportgen.build import build
from reportgen.check import run_checks
from reportgen.cli import cli
from reportgen.present import textprep


def test_sample_build_passes_every_check(built):  # type: ignore[no-untyped-def]
    cfg, result = built
    assert result.problems == [] and result.exit_code == 0
    assert run_checks(cfg.output_dir, cfg) == []
    slug = cfg.output_dir / "rutba-karbala-operation"
    for name in ("key-figures", "mentions"):
        assert (slug / f"{name}.png").read_bytes().startswith(b"\x89PNG")
    page = (slug / "index.html").read_text(encoding="utf-8")
    assert 'id="h-chart-mentions"' in page and "عدد مرات الذكر" in page and 'alt="الأماكن والجهات الأكثر ذكرًا: ' in page


def test_build_with_double_shaped_charts_fails_and_no_verify_skips(cfg):  # type: ignore[no-untyped-def]
    with mock.patch.object(textprep, "matplotlib_shapes", lambda: False):
        result = build(cfg)
        skipped = build(config_mod.load(cfg.root), verify=False)
    assert result.exit_code == 1
    assert result.problems and all("[chart-labels]" in p and "reversed rendering" in p for p in result.problems)
    assert skipped.problems == [] and skipped.exit_code == 0


def test_check_command(built, tmp_path):  # type: ignore[no-untyped-def]
    cfg, _ = built
    runner = CliRunner()
    ok = runner.invoke(cli, ["check", str(cfg.output_dir), "-C", str(cfg.root)])
    assert ok.exit_code == 0 and ok.output.startswith("OK:")
    (tmp_path / "index.html").write_text("<html><body>x</body></html>", encoding="utf-8")
    bad = runner.invoke(cli, ["check", str(tmp_path), "-C", str(cfg.root)])
    assert bad.exit_code == 1
    lines = [ln for ln in bad.output.splitlines() if ln.startswith("index.html")]
    assert len(lines) == 2 and "lang" in lines[0] and "dir" in lines[1]


def test_textprep_keeps_harakat_and_lam_alef() -> None:
    visual = textprep.to_visual("لا مُحَرَّرَة")
    assert "\u064f" in visual and "\u0651" in visual  # damma, shadda kept
    assert "\ufefb" in visual  # lam-alef isolated ligature


def test_build_log_lines_keep_their_frame() -> None:
    line = "failed: seeds/a.txt: عنوان"
    shown = textprep.for_terminal(line, True, base_dir="L")
    assert shown.startswith("failed: seeds/a.txt: ") and shown != line


def test_select_files_with_paths_reads_those_paths_only(tmp_path):  # type: ignore[no-untyped-def]
    from reportgen.check.problem import select_files

    for name in ("a.pdf", "b/c.pdf", "b/c.labels.json", "d/e.PDF", "f.pdf/g.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    (tmp_path.parent / "outside.pdf").write_bytes(b"x")
    only = {"b/c.pdf", "a.pdf", "b/c.labels.json", "d/e.PDF", "gone.pdf", "../outside.pdf", "f.pdf"}

    class Only:  # a Container that cannot be iterated: the tree is walked
        def __contains__(self, name: object) -> bool:
            return name in only

    walked = select_files(tmp_path, "*.pdf", Only())
    assert (
        select_files(tmp_path, "*.pdf", only)
        == walked
        == [tmp_path / "a.pdf", tmp_path / "b/c.pdf", tmp_path / "f.pdf"]
    )
    assert select_files(tmp_path, "*.labels.json", only) == [tmp_path / "b/c.labels.json"]
    assert select_files(tmp_path, "*.pdf", None) == [tmp_path / "a.pdf", tmp_path / "b/c.pdf", tmp_path / "f.pdf"]
