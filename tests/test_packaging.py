"""The installed package carries the default theme, the bundled config and the sample, not just the code."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

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


SCRIPT = Path(__file__).resolve().parent.parent / "packaging" / "install-system-deps.sh"


def _stubbed_machine(
    tmp_path: Path, *, installed: set[str], root: bool, sudo: bool, unknown: set[str]
) -> dict[str, str]:
    """A PATH whose dpkg-query, id, apt-get (and sudo) are stubs: which packages are installed, who runs
    the script, and which packages this release's apt does not have. apt-get logs its calls."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "apt.log"
    stubs = {
        "dpkg-query": f'for p in {" ".join(sorted(installed)) or "NONE"}; do [ "$p" = "${{@: -1}}" ] && '
        'echo "install ok installed" && exit 0; done; exit 1',
        "id": f"echo {0 if root else 1000}",
        "apt-get": f'echo "$*" >> {log}; for p in {" ".join(sorted(unknown)) or "NONE"}; do '
        'case " $* " in *" $p "*) echo "E: Unable to locate package $p" >&2; exit 100;; esac; done; exit 0',
    }
    if sudo:
        stubs["sudo"] = 'if [ "$1" = "-n" ]; then echo "sudo: a password is required" >&2; exit 1; fi; "$@"'
    for name, body in stubs.items():
        path = bin_dir / name
        path.write_text(f"#!/bin/bash\n{body}\n", encoding="utf-8")
        path.chmod(0o755)
    # Only the stubs and the shell's own tools: no real sudo or apt-get can be reached.
    tools = tmp_path / "tools"
    tools.mkdir()
    for tool in ("bash", "grep", "dirname", "cat"):
        (tools / tool).symlink_to(
            subprocess.run(
                ["bash", "-c", f"command -v {tool}"], capture_output=True, text=True, check=True
            ).stdout.strip()
        )
    return {"PATH": f"{bin_dir}:{tools}"}


RUNTIME = {"libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz0b", "fontconfig"}


def _install(tmp_path: Path, **machine: object) -> tuple[subprocess.CompletedProcess[str], str]:
    env = _stubbed_machine(tmp_path, **machine)  # type: ignore[arg-type]
    done = subprocess.run(["bash", str(SCRIPT)], env=env, capture_output=True, text=True, timeout=60, check=False)
    log = tmp_path / "apt.log"
    return done, log.read_text(encoding="utf-8") if log.exists() else ""


@pytest.mark.parametrize("sudo", [False, True], ids=["no-sudo", "sudo-asks-for-a-password-not-used"])
def test_only_optional_packages_missing_and_no_root_is_a_note_not_a_failure(tmp_path: Path, sudo: bool) -> None:
    # The fresh machine: Pango and HarfBuzz installed, libharfbuzz-subset0 not, and no root.
    done, apt = _install(tmp_path, installed=RUNTIME, root=False, sudo=sudo, unknown=set())
    assert done.returncode == 0, done.stderr
    assert "note: optional system packages not installed (libharfbuzz-subset0)" in done.stderr
    if not sudo:
        assert apt == ""


def test_an_optional_package_this_release_lacks_does_not_fail_the_install(tmp_path: Path) -> None:
    done, apt = _install(tmp_path, installed=set(), root=True, sudo=False, unknown={"libharfbuzz-subset0"})
    assert done.returncode == 0, done.stderr
    assert "could not install it on this release" in done.stderr
    installs = [line for line in apt.splitlines() if line.startswith("install")]
    assert "libpango-1.0-0" in installs[0] and "libharfbuzz-subset0" not in installs[0]  # required ones first


def test_missing_required_packages_without_root_fail_with_the_command_to_run(tmp_path: Path) -> None:
    done, apt = _install(tmp_path, installed={"fontconfig"}, root=False, sudo=False, unknown=set())
    assert done.returncode == 1
    assert "run as root: apt-get update && apt-get install -y" in done.stderr and "libpango-1.0-0" in done.stderr
    assert apt == ""


def test_everything_present_installs_nothing(tmp_path: Path) -> None:
    done, apt = _install(tmp_path, installed=RUNTIME | {"libharfbuzz-subset0"}, root=False, sudo=False, unknown=set())
    assert done.returncode == 0 and "all 5 present" in done.stdout
    assert apt == ""
