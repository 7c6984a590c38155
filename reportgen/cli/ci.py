"""`reportgen init --ci github`: the scheduled workflow that fetches, builds and deploys to GitHub Pages.

The workflow is one template (reportgen/data/ci/github.yml) filled in with the running version, so the
distribution it installs is pinned to the reportgen that wrote it, and with the system packages of
packaging/apt.txt (kept in the package as data/apt.txt when installed from a wheel).
"""

from __future__ import annotations

from pathlib import Path

from reportgen import PACKAGE_DIR, __version__
from reportgen.errors import UsageError

TEMPLATE = PACKAGE_DIR / "data" / "ci" / "github.yml"
WORKFLOW = Path(".github") / "workflows" / "reportgen.yml"
CI_PROVIDERS = ("github",)

# The runtime half of packaging/apt.txt (not the [test] section). A test keeps the two lists equal.
APT_PACKAGES = ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz0b", "fontconfig", "libharfbuzz-subset0")


def apt_packages(apt_txt: Path) -> list[str]:
    """The packages of an apt.txt before its "[test]" line (required and optional), comments and blanks dropped."""
    out = []
    for line in apt_txt.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line == "[test]":
            break
        if line and not line.startswith("["):
            out.append(line)
    return out


def github_workflow(version: str = __version__) -> str:
    """The text of .github/workflows/reportgen.yml for this reportgen version."""
    return TEMPLATE.read_text(encoding="utf-8").format(version=version, apt_packages=" ".join(APT_PACKAGES))


def write_workflow(directory: Path, provider: str) -> Path:
    if provider not in CI_PROVIDERS:
        raise UsageError(f"Invalid value for '--ci': {provider!r} is not one of {', '.join(map(repr, CI_PROVIDERS))}")
    path = directory / WORKFLOW
    if path.exists():
        raise UsageError(f"{path} already exists; refusing to overwrite it")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(github_workflow(), encoding="utf-8")
    return path
