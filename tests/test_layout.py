"""Repository layout: no symlinks (they break in sdists, Windows checkouts and CI caches), and the repo root's
example project (config.yaml, seeds/) is a real copy of what the package bundles."""

from __future__ import annotations

import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "reportgen"


def _tracked() -> list[tuple[str, str]]:
    """(git mode, path) of every tracked file; mode 120000 is a symlink."""
    out = subprocess.run(["git", "ls-files", "-s"], cwd=REPO, check=True, capture_output=True, text=True).stdout
    rows = []
    for line in out.splitlines():
        meta, path = line.split("\t", 1)
        rows.append((meta.split()[0], path))
    return rows


def test_repo_has_no_symlinks() -> None:
    tracked = [path for mode, path in _tracked() if mode == "120000"]
    assert tracked == []
    # The checkout too, not only the index: an untracked link would still reach a wheel built from the tree.
    on_disk = [p for p in REPO.rglob("*") if p.is_symlink() and ".git" not in p.parts]
    assert on_disk == []


def test_root_project_matches_package_copies() -> None:
    assert (REPO / "config.yaml").read_bytes() == (PACKAGE / "data" / "config.yaml").read_bytes()
    samples = sorted(p.name for p in (PACKAGE / "data" / "sample").iterdir())
    assert samples
    for name in samples:
        assert (REPO / "seeds" / name).read_bytes() == (PACKAGE / "data" / "sample" / name).read_bytes()


def test_theme_is_package_data() -> None:
    theme = PACKAGE / "theme"
    for name in ("base.html", "briefing.html", "index.html", "figures.html", "assets/style.css"):
        path = theme / name
        assert path.is_file() and not path.is_symlink(), name


def test_no_code_outside_outputs_tests_a_format_name() -> None:
    """Formats are a registry (reportgen.outputs): the rest of the code asks it, never `"pdf" in formats`."""
    import re

    from reportgen import outputs

    names = "|".join(outputs.registered())
    # `"pdf" in config.formats`, `fmt == "docx"`, `format_name != 'html'`...
    in_formats = rf"""["']({names})["']\s+(not\s+)?in\s+[\w.]*formats"""
    compared = rf"""(fmt|format\w*|name)\s*[!=]=\s*["']({names})["']"""
    test = re.compile(f"{in_formats}|{compared}")
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "outputs" in path.relative_to(PACKAGE).parts:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if test.search(line):
                offenders.append(f"{path.relative_to(REPO)}:{n}: {line.strip()}")
    assert offenders == []
    assert outputs.registered()[:3] == ("html", "pdf", "docx")
