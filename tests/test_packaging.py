"""The installed package carries the default theme, the bundled config and the sample, not just the code."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_wheel_ships_theme_config_and_sample(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(REPO),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    [wheel] = tmp_path.glob("reportgen_ar-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    theme = {
        f"reportgen/theme/{p.relative_to(REPO / 'reportgen' / 'theme')}"
        for p in (REPO / "reportgen" / "theme").rglob("*")
        if p.is_file()
    }
    assert theme and theme <= names
    for data in ("config.yaml", "lexicon.yaml", "gazetteer.yaml", "sample/rutba-karbala-operation.txt"):
        assert f"reportgen/data/{data}" in names
    # The packaged copies are the files themselves, not dangling links.
    with zipfile.ZipFile(wheel) as zf:
        assert zf.read("reportgen/data/config.yaml") == (REPO / "config.yaml").read_bytes()
        assert zf.read("reportgen/theme/base.html") == (REPO / "reportgen" / "theme" / "base.html").read_bytes()


def test_no_output_or_doc_points_readers_at_the_unrelated_reportgen_package() -> None:
    """`reportgen` on the public index is an unrelated 2018 package; ours is `reportgen-ar`."""
    wrong = re.compile(r"pypi\.org/project/reportgen/|pip install reportgen(?![-\w])")
    offenders = []
    for path in [*sorted((REPO / "reportgen").rglob("*")), REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]:
        if path.is_file() and path.suffix in (".py", ".html", ".md", ".yml", ".yaml", ".txt"):
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if wrong.search(line) and "Do not" not in line and "unrelated" not in line:
                    offenders.append(f"{path.relative_to(REPO)}:{n}")
    assert offenders == []


def test_every_library_the_package_imports_is_a_declared_dependency() -> None:
    """A fresh `pip install .` must give every import; a library present here only by accident fails there."""
    import ast
    import tomllib

    declared = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = " ".join(declared["dependencies"] + [d for ds in declared["optional-dependencies"].values() for d in ds])
    # Import name → distribution name, where they differ; and libraries our dependencies guarantee.
    dist = {
        "PIL": "pillow",
        "bidi": "python-bidi",
        "docx": "python-docx",
        "yaml": "pyyaml",
        "fontTools": "fonttools",
        "ruamel": "ruamel.yaml",
        "charset_normalizer": "charset-normalizer",
        "distributed": "dask[distributed]",
    }
    implied = {"markupsafe": "jinja2", "lxml": "trafilatura"}
    imported = set()
    for path in (REPO / "reportgen").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                imported.add(node.module.split(".")[0])
    third_party = {m for m in imported if m not in sys.stdlib_module_names and m != "reportgen"}
    missing = sorted(
        m
        for m in third_party
        if (implied.get(m) or dist.get(m, m)).replace("_", "-").lower() not in names.replace("_", "-").lower()
    )
    assert missing == []
