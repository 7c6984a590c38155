"""The exceptions reportgen raises on purpose.

    ReportgenError                 base; the CLI turns any of these into a message and an exit code
    ├── UsageError                 exit 2: the command line, the config or the project layout is wrong
    │   └── ConfigError            one or more `Config value 'x': …` problems, collected before aborting
    └── BuildError                 exit 1: something in one input or template could not be built
        ├── SourceError            an article cannot be read or parsed (names file:line:col)
        ├── TemplateError          a Jinja template fails to compile or render (names template:line)
        └── RenderError            WeasyPrint or matplotlib failed on an otherwise valid briefing

A finished build that fails `reportgen check` is not an exception: its problems are collected and
reported, and the exit code is 1.

Anything else escaping to the CLI is a bug in reportgen and is shown with its traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

EXIT_OK = 0
EXIT_BUILD = 1
EXIT_USAGE = 2


class ReportgenError(Exception):
    exit_code = EXIT_BUILD


class UsageError(ReportgenError):
    exit_code = EXIT_USAGE


class ConfigError(UsageError):
    """All problems found in a config file, reported together."""

    def __init__(self, problems: list[str], path: Path | str | None = None) -> None:
        self.problems = problems
        self.path = path
        where = f"{path}: " if path else ""
        super().__init__(where + ("\n" + " " * len(where)).join(problems))


class BuildError(ReportgenError):
    exit_code = EXIT_BUILD


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a file, printed as `path:line:col` like a compiler would."""

    path: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


class SourceError(BuildError):
    def __init__(self, location: Location, message: str, hint: str | None = None) -> None:
        self.location = location
        self.message = message
        self.hint = hint
        text = f"{location}: {message}"
        if hint:
            text += f"\n  hint: {hint}"
        super().__init__(text)


class TemplateError(BuildError):
    pass


class RenderError(BuildError):
    pass
