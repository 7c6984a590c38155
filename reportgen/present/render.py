"""Jinja2 rendering: a sandboxed, autoescaped environment over the project's templates and the theme.

A project's `templates/` overrides the bundled theme file by file. Templates are user-editable code,
so they run in Jinja's sandbox, and an undefined variable is an error (StrictUndefined), reported as
`template:line: message`.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from reportgen import PACKAGE_DIR
from reportgen.config import Config
from reportgen.errors import TemplateError
from reportgen.present import budget, display

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
            outside(path, (base, config.root))
            return path
    raise TemplateError(f"asset {name!r} not found in {', '.join(str(d / 'assets') for d in theme_dirs(config))}")


def outside(path: Path, allowed: tuple[Path, ...]) -> None:
    """Refuse a template or asset that is (through a symlink) a file outside its folder and the project."""
    real = path.resolve()
    if not any(real.is_relative_to(base.resolve()) for base in allowed):
        raise TemplateError(
            f"{path} is a symbolic link to {real}, outside the project; refused (copy the file instead)"
        )


class _ContainedLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader that will not follow a symlink out of the template folders and the project."""

    def __init__(self, dirs: list[Path], root: Path) -> None:
        super().__init__([str(d) for d in dirs])
        self.allowed = (*dirs, root)

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        source, filename, uptodate = super().get_source(environment, template)
        outside(Path(filename), self.allowed)
        return source, filename, uptodate


def environment(config: Config) -> SandboxedEnvironment:
    env = _BudgetedEnvironment(
        loader=_ContainedLoader(theme_dirs(config), config.root),
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


class _BudgetedEnvironment(SandboxedEnvironment):
    """The sandbox, with `*` and `**` checked against the size budget before they run (see `budget`)."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        budget.check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)


def render(env: SandboxedEnvironment, name: str, context: Mapping[str, Any]) -> str:
    try:
        template = env.get_template(name)
        return budget.collect(template.generate(context))
    except budget.Exceeded as exc:
        where = _template_location(exc, name)
        raise TemplateError(f"{where}: over its budget: {exc}; that article's last good outputs are kept") from None
    except jinja2.TemplateSyntaxError as exc:
        where = f"{exc.filename or exc.name or name}:{exc.lineno}"
        raise TemplateError(f"{where}: template syntax error: {exc.message}") from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"template {exc.name!r} not found (looked in {env.loader.searchpath})") from None  # type: ignore[union-attr]
    except jinja2.TemplateError as exc:
        hint = _did_you_mean(exc, context) if isinstance(exc, jinja2.UndefinedError) else ""
        raise TemplateError(f"{_template_location(exc, name)}: {type(exc).__name__}: {exc}{hint}") from None
    except RecursionError:
        raise TemplateError(
            f"{name}: the template recurses without end "
            "(a macro that calls itself, or a template that extends or includes itself)"
        ) from None
    except (ArithmeticError, LookupError, TypeError, ValueError, AttributeError, MemoryError) as exc:
        # A template is user code: whatever it raises while rendering is its error, named with its line.
        raise TemplateError(f"{_template_location(exc, name)}: {type(exc).__name__}: {exc}") from None


_UNDEFINED = re.compile(r"^'(?P<name>[^']+)' is undefined$|has no attribute '(?P<attr>[^']+)'$")


def _names(value: Any) -> list[str]:
    if isinstance(value, Mapping):
        return [k for k in value if isinstance(k, str)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [f.name for f in dataclasses.fields(value)] + [
            n for n, v in vars(type(value)).items() if isinstance(v, property)
        ]
    return []


def _did_you_mean(exc: BaseException, context: Mapping[str, Any]) -> str:
    """A suggestion from the names the template actually receives: variables, and their attributes."""
    m = _UNDEFINED.search(str(exc))
    if m is None:
        return ""
    if m.group("name"):
        wanted, choices = m.group("name"), list(context)
    else:
        wanted = m.group("attr")
        choices = sorted({n for v in context.values() for n in _names(v)})
    close = difflib.get_close_matches(wanted, choices, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


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
            where = f"{filename or fallback}:{line}"
        tb = tb.tb_next
    return where
