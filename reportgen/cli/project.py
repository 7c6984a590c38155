"""`reportgen init`: lay out a new project that builds out of the box."""

from __future__ import annotations

from pathlib import Path

from reportgen import PACKAGE_DIR
from reportgen.errors import UsageError

PACKAGE = PACKAGE_DIR
SAMPLE = "rutba-karbala-operation.txt"

TEMPLATES_README = """\
Template overrides for this project.

Any file placed here replaces the file of the same name in reportgen's default theme
(base.html, briefing.html, index.html, assets/style.css). Copy one from the theme to start:

    python -c "import reportgen.present.render as r; print(r.THEME_DIR)"

Templates are Jinja2, autoescaped and sandboxed; an undefined variable is an error.
"""


def init_project(directory: Path) -> list[Path]:
    directory = directory.resolve()
    config = directory / "config.yaml"
    if config.exists():
        raise UsageError(f"{config} already exists; refusing to overwrite an existing project")
    created = []
    (directory / "seeds").mkdir(parents=True, exist_ok=True)
    (directory / "templates").mkdir(exist_ok=True)
    config.write_text((PACKAGE / "data" / "config.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    created.append(config)
    sample = directory / "seeds" / SAMPLE
    if not sample.exists():
        sample.write_bytes((PACKAGE / "data" / "sample" / SAMPLE).read_bytes())
        created.append(sample)
    readme = directory / "templates" / "README.txt"
    readme.write_text(TEMPLATES_README, encoding="utf-8")
    created.append(readme)
    return created
