"""Command line: `reportgen build | extract | init | check`.

Exit codes: 0 success; 1 build errors (some input or check failed; the rest was still built);
2 usage or configuration errors (nothing was built).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from reportgen import __version__
from reportgen.errors import EXIT_USAGE, ReportgenError


def _console():  # type: ignore[no-untyped-def]
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def _fail(exc: ReportgenError) -> None:
    _console().print(f"[bold red]error:[/] {exc}", markup=True) if sys.stderr.isatty() else print(
        f"error: {exc}", file=sys.stderr
    )
    sys.exit(exc.exit_code)


def _load_config(project: Path, config_path: Path | None, allow_outside: bool = False):  # type: ignore[no-untyped-def]
    from reportgen import config

    return config.load(project, config_path, allow_outside=allow_outside)


project_option = click.option(
    "-C",
    "--project",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path(),
    show_default=True,
    help="Project directory (holds config.yaml).",
)
config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Config file (default: PROJECT/config.yaml).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reportgen")
def cli() -> None:
    """Arabic news articles in, HTML and PDF briefings out."""


@cli.command()
@project_option
@config_option
@click.option("--allow-outside", is_flag=True, help="Allow an output directory outside the project.")
@click.option(
    "--verify/--no-verify",
    default=True,
    show_default=True,
    help="Run the typesetting and link checks of `reportgen check` on the finished build (exit 1 on a problem).",
)
def build(project: Path, config_path: Path | None, allow_outside: bool, verify: bool) -> None:
    """Build reports/ (a PDF per briefing and a static site) from the project's articles."""
    try:
        cfg = _load_config(project, config_path, allow_outside=allow_outside)
        from reportgen.build import build as run_build
        from reportgen.lock import build_lock

        tty = sys.stderr.isatty()
        console = _console()
        styles = {"built": "green", "failed": "bold red", "warning": "yellow", "problem": "bold red"}
        from reportgen.textprep import for_terminal, terminal_wants_visual

        visual = terminal_wants_visual(sys.stderr)

        def progress(kind: str, message: str) -> None:
            message = for_terminal(message, visual, base_dir="L")
            if tty:
                console.print(f"[{styles.get(kind, '')}]{kind:>8}[/] {message}", markup=True)
            else:
                print(f"{kind}: {message}", file=sys.stderr, flush=True)

        with build_lock(cfg.output_dir):
            result = run_build(cfg, progress, verify=verify)
    except ReportgenError as exc:
        _fail(exc)
        return
    ok = len(result.outcomes) - len(result.failed)
    summary = f"{ok} of {len(result.outcomes)} briefings built into {cfg.output_dir}"
    if result.failed:
        summary += f"; {len(result.failed)} failed"
    if result.problems:
        summary += f"; `reportgen check` found {len(result.problems)} problem(s)"
    print(summary, file=sys.stderr)
    sys.exit(result.exit_code)


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table", "csv"]), default="jsonl", show_default=True)
@click.option(
    "--bidi/--no-bidi",
    default=None,
    help="Reorder Arabic for terminals without bidi support (default: when stdout is a terminal).",
)
@project_option
@config_option
def extract(paths: tuple[str, ...], fmt: str, bidi: bool | None, project: Path, config_path: Path | None) -> None:
    """Extract figures, entities, quotes and dates from articles (PATH '-' or none reads stdin)."""
    try:
        cfg = _load_config(project, config_path)
        from reportgen.extract.output import run

        code = run(list(paths), fmt, cfg, bidi, sys.stdout, sys.stdin)
    except ReportgenError as exc:
        _fail(exc)
        return
    sys.exit(code)


@cli.command()
@click.argument("out_dir", required=False, type=click.Path(file_okay=False, path_type=Path))
@project_option
@config_option
def check(out_dir: Path | None, project: Path, config_path: Path | None) -> None:
    """Verify a finished build (default: the configured output directory): fonts, glyphs, shaping, links.

    `reportgen build` runs the same checks unless given --no-verify.
    """
    try:
        cfg = _load_config(project, config_path)
        from reportgen.check import run_checks

        target = out_dir or cfg.output_dir
        problems = run_checks(target, cfg)
    except ReportgenError as exc:
        _fail(exc)
        return
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in {target}", file=sys.stderr)
        sys.exit(1)
    print(f"OK: {target} passed the font, glyph, shaping, chart-label and link checks")


@cli.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def init(directory: Path) -> None:
    """Create a new project: config.yaml (commented), seeds/ with a sample article, templates/ for overrides."""
    from reportgen.project import init_project

    try:
        created = init_project(directory)
    except ReportgenError as exc:
        _fail(exc)
        return
    for path in created:
        print(f"created {path}")
    print(f"next: cd {directory} && reportgen build")


def main() -> None:
    try:
        cli.main(standalone_mode=True)
    except KeyboardInterrupt:
        print("interrupted; previous outputs are intact", file=sys.stderr)
        sys.exit(130)


if __name__ == "__main__":
    main()

__all__ = ["EXIT_USAGE", "cli", "main"]
