"""Jinja2 rendering: a sandboxed, autoescaped environment over the project's templates and the theme.

A project's `templates/` overrides the bundled theme file by file. Templates are user-editable code,
so they run in Jinja's sandbox, and an undefined variable is an error (StrictUndefined), reported as
`template:line: message`.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from reportgen import PACKAGE_DIR
from reportgen.config import Config
from reportgen.errors import TemplateError
from reportgen.present import display

THEME_DIR = PACKAGE_DIR / "theme"


def theme_dirs(config: Config) -> list[Path]:
    """Template search path: the project's overrides first, then the bundled theme."""
    dirs = []
    project = config.templates_dir
    if project.is_dir() and project.resolve() != THEME_DIR.resolve():
        dirs.append(project)
    dirs.append(THEME_DIR)
    return dirs


def find_asset(config: Config, name: str) -> Path:
    """An asset file (CSS, JS, images) from the project's templates/assets, else the theme's."""
    for base in theme_dirs(config):
        path = base / "assets" / name
        if path.is_file():
            return path
    raise TemplateError(f"asset {name!r} not found in {', '.join(str(d / 'assets') for d in theme_dirs(config))}")


def environment(config: Config) -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader([str(d) for d in theme_dirs(config)]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["num"] = lambda v: display.number(v, config.digits)
    env.filters["digits"] = lambda s: display.digits(str(s), config.digits)
    env.filters["quantity"] = lambda v, unit=None: display.quantity(v, unit, config.digits)
    return env


def render(env: SandboxedEnvironment, name: str, context: Mapping[str, Any]) -> str:
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as exc:
        where = f"{exc.filename or exc.name or name}:{exc.lineno}"
        raise TemplateError(f"{where}: template syntax error: {exc.message}") from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"template {exc.name!r} not found (looked in {env.loader.searchpath})") from None  # type: ignore[union-attr]
    except (jinja2.UndefinedError, jinja2.exceptions.SecurityError, TypeError, ValueError) as exc:
        raise TemplateError(f"{_template_location(exc, name)}: {type(exc).__name__}: {exc}") from None


def _template_location(exc: BaseException, fallback: str) -> str:
    """The innermost template frame of a rendering error, as `file:line`."""
    tb = exc.__traceback__
    where = fallback
    while tb is not None:
        frame = tb.tb_frame
        filename = frame.f_code.co_filename
        if frame.f_globals.get("__jinja_template__") is not None or filename.endswith((".html", ".xml", ".css", ".j2")):
            template = frame.f_globals.get("__jinja_template__")
            line = template.get_corresponding_lineno(tb.tb_lineno) if template else tb.tb_lineno
            where = f"{Path(filename).name if filename else fallback}:{line}"
        tb = tb.tb_next
    return where
