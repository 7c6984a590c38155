"""`reportgen init` writes templates/README.txt listing every file of the default theme and what it gets."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
from jinja2 import meta

from reportgen.cli.project import TEMPLATES, init_project
from reportgen.present.render import THEME_DIR


def _sections(readme: str) -> dict[str, str]:
    """README entries: a theme file's name alone on a line, then its indented description."""
    return {m.group(1): m.group(2) for m in re.finditer(r"^(\S+\.(?:html|css|js))\n((?:    .*\n?)+)", readme, re.M)}


def test_readme_lists_every_theme_file(tmp_path: Path) -> None:
    init_project(tmp_path / "p")
    readme = (tmp_path / "p" / "templates" / "README.txt").read_text(encoding="utf-8")
    theme = sorted(p.relative_to(THEME_DIR).as_posix() for p in THEME_DIR.rglob("*") if p.is_file())
    assert len(theme) >= 7
    assert sorted(_sections(readme)) == theme
    assert sorted(TEMPLATES) == theme


def test_readme_names_every_variable_a_template_uses(tmp_path: Path) -> None:
    init_project(tmp_path / "p")
    sections = _sections((tmp_path / "p" / "templates" / "README.txt").read_text(encoding="utf-8"))
    env = jinja2.Environment()
    env.filters.update({"num": str, "digits": str, "quantity": str})
    for name, text in sections.items():
        if not name.endswith(".html"):
            continue
        tree = env.parse((THEME_DIR / name).read_text(encoding="utf-8"))
        # A name the template sets itself ({% set %}, loop targets) is not something it receives, even where
        # Jinja cannot prove it is set before use (a {% set %} inside an {% if %}).
        local = {n.name for n in tree.find_all(jinja2.nodes.Name) if n.ctx == "store"}
        used = meta.find_undeclared_variables(tree) - local
        if name != "base.html":
            used -= {"site", "version", "page", "asset"}  # documented once, under base.html
        words = set(re.findall(r"\w+", text))
        assert used <= words, f"{name}: README does not mention {sorted(used - words)}"
