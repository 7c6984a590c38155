"""Command line: `reportgen build | serve | extract | review | check | fetch | init | publish`.

Exit codes: 0 success; 1 build errors (some input or check failed; the rest was still built), or with
`build --check`, outputs are stale; 2 usage or configuration errors (nothing was built).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
from pathlib import Path

import click

from reportgen import __version__
from reportgen.errors import EXIT_USAGE, BuildError, ReportgenError, UsageError


def _console():  # type: ignore[no-untyped-def]
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def _fail(exc: ReportgenError) -> None:
    from reportgen.cli.terminal import markup_safe, visible

    if sys.stderr.isatty():
        _console().print(f"[bold red]error:[/] {markup_safe(str(exc))}", markup=True)
    else:
        print(f"error: {visible(str(exc))}", file=sys.stderr)
    sys.exit(exc.exit_code)


def _load_config(project: Path, config_path: Path | None, allow_outside: bool = False):  # type: ignore[no-untyped-def]
    from reportgen import config

    if not project.is_dir():
        what = "is not a directory" if project.exists() else "does not exist"
        raise UsageError(f"-C {project}: {what} (nothing was created); pass -C the folder that holds config.yaml")
    if config_path is not None and not config_path.is_file():
        raise UsageError(f"--config {config_path}: no such file; check its name (the default is PROJECT/config.yaml)")
    return config.load(project, config_path, allow_outside=allow_outside)


def _project_of(out_dir: Path) -> Path:
    """The nearest folder at or above `out_dir` holding a config.yaml (else the current directory)."""
    from reportgen.config import CONFIG_NAME

    for folder in [out_dir.resolve(), *out_dir.resolve().parents]:
        if (folder / CONFIG_NAME).is_file():
            return folder
    return Path()


def _require_project(cfg, config_path: Path | None) -> None:  # type: ignore[no-untyped-def]
    """Before anything is written: a project has a config.yaml or articles where `sources` points."""
    from reportgen.build import discover
    from reportgen.config import CONFIG_NAME

    has_config = config_path is not None or (cfg.root / CONFIG_NAME).is_file()
    try:
        discover(cfg)
    except UsageError:
        if has_config:
            raise
        raise UsageError(
            f"{cfg.root} is not a reportgen project (no {CONFIG_NAME}, no articles in "
            f"{cfg.sources!r}); nothing was created. Run `reportgen init DIR` to start one, or "
            "`reportgen build -C DIR` to build the project in DIR"
        ) from None


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
bidi_option = click.option(
    "--bidi/--no-bidi",
    default=None,
    help="Reorder Arabic for terminals without bidi support (default: when stdout is a terminal).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reportgen")
def cli() -> None:
    """Arabic news articles in, HTML and PDF briefings out."""


def _progress_printer():  # type: ignore[no-untyped-def]
    from reportgen.cli.terminal import markup_safe, visible
    from reportgen.present.textprep import for_terminal, terminal_wants_visual

    tty = sys.stderr.isatty()
    console = _console() if tty else None  # rich only for people: CI logs get plain lines, faster
    visual = terminal_wants_visual(sys.stderr)
    styles = {
        "rebuilt": "green",
        "failed": "bold red",
        "warning": "yellow",
        "stale": "yellow",
        "removed": "cyan",
        "problem": "bold red",
    }

    def progress(kind: str, message: str) -> None:
        # Most terminals do not run the bidi algorithm: reorder Arabic for them (the log stays logical in CI).
        message = for_terminal(message, visual, base_dir="L")
        if console is not None:  # the message is text to show: never rich markup, never terminal escapes
            console.print(f"[{styles.get(kind, '')}]{kind:>8}[/] {markup_safe(message)}", markup=True)
        else:
            print(f"{kind}: {visible(message)}", file=sys.stderr, flush=True)

    return progress


def _summary(result, cfg) -> str:  # type: ignore[no-untyped-def]
    total = len(result.outcomes)
    if result.check:
        corrections = f"; {len(result.stale_corrections)} stale correction(s)" if result.stale_corrections else ""
        if not result.stale:
            return f"up to date: {total} briefings in {cfg.output_dir}{corrections}"
        return (
            f"stale: {len(result.rebuilt)} of {total} briefings would be rebuilt, "
            f"{len(result.removed)} removed, {len(result.stale_site)} site files out of date (nothing written)"
            f"{corrections}"
        )
    ok = total - len(result.failed)
    built = sum(1 for o in result.rebuilt if o.ok)  # a failed rebuild is counted as failed, not rebuilt
    text = f"{ok} of {total} briefings built into {cfg.output_dir} ({built} rebuilt"
    text += f", {total - len(result.rebuilt)} up to date"
    if result.removed:
        text += f", {len(result.removed)} removed"
    text += ")"
    if result.failed:
        text += f"; {len(result.failed)} failed"
    if result.problems:
        text += f"; `reportgen check` found {len(result.problems)} problem(s)"
    if result.held:
        text += f"; {len(result.held)} unchecked figure(s) held back for review"
    if result.stale_corrections:
        text += f"; {len(result.stale_corrections)} stale correction(s)"
    return text


@cli.command()
@project_option
@config_option
@click.option("--clean", is_flag=True, help="Ignore and delete the build cache: rebuild everything.")
@click.option(
    "--check",
    is_flag=True,
    help="Write nothing; list what is stale and exit 1 if anything is (0 when reports/ is up to date).",
)
@click.option(
    "--verify/--no-verify",
    default=True,
    show_default=True,
    help="Run the checks of `reportgen check` on the files this build wrote (exit 1 on a problem).",
)
@click.option("--allow-outside", is_flag=True, help="Allow an output directory outside the project.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1, max=256),
    default=None,
    help="Worker processes for stale articles (default: 'jobs' in config.yaml, else one per CPU core; 1: in-process).",
)
@click.option(
    "--executor",
    type=click.Choice(["local", "dask"]),
    default=None,
    help="Where articles are built: local processes, or a Dask cluster (default: 'executor' in config.yaml).",
)
@click.option("--scheduler", default=None, help="Dask scheduler address, tcp://HOST:PORT (implies --executor dask).")
@click.option("--timings", is_flag=True, help="Print the seconds per stage (ingest, extract, charts, each format).")
@click.option(
    "--strict", is_flag=True, help="Fail (exit 1) when a correction in corrections.yaml no longer finds its figure."
)
def build(
    project: Path,
    config_path: Path | None,
    clean: bool,
    check: bool,
    verify: bool,
    allow_outside: bool,
    jobs: int | None,
    executor: str | None,
    scheduler: str | None,
    timings: bool,
    strict: bool,
) -> None:
    """Build reports/ (a PDF per briefing and a static site) from the project's articles.

    Only what changed is rebuilt; the log says why. Exit codes: 0 success (with --check: up to date);
    1 some article failed (with --check: something is stale); 2 usage or configuration error.
    """
    if clean and check:
        _fail(UsageError("--clean and --check cannot be combined (--check writes nothing)"))
    try:
        cfg = _load_config(project, config_path, allow_outside=allow_outside)
        cfg = _with_executor(cfg, jobs, executor, scheduler)
        _require_project(cfg, config_path)
        from reportgen.build import build as run_build
        from reportgen.build.lock import build_lock
        from reportgen.corrections import load as load_corrections

        load_corrections(cfg)  # an invalid corrections.yaml is a usage error: nothing written, not even the lock
        progress = _progress_printer()
        with build_lock(cfg.output_dir):
            result = run_build(cfg, progress, clean=clean, check=check, verify=verify, strict=strict)
    except ReportgenError as exc:
        _fail(exc)
        return
    if timings:
        print(_timings(result), file=sys.stderr)
    for held in result.held:  # `review: required`: what readers do not see until an editor has looked
        progress("held", f"{held['article']}: «{held['text']}» — {held['sentence']}")
    print(_summary(result, cfg), file=sys.stderr)
    _subsetting_notice(result, cfg)
    sys.exit(result.exit_code)


def _subsetting_notice(result, cfg) -> None:  # type: ignore[no-untyped-def]
    """Once per build that typeset a PDF: the system lacks a library WeasyPrint will require later.

    Our PDFs do not depend on it (reportgen.outputs.fontsubset), so this is a notice, never an error or a warning
    that a test could turn into a failure.
    """
    from reportgen import outputs
    from reportgen.outputs import fontsubset

    if result.rebuilt and outputs.needs_typesetter(cfg) and fontsubset.system_subsetter_missing():
        print(
            "note: libharfbuzz-subset0 is not installed; future WeasyPrint versions will require it "
            "(bash packaging/install-system-deps.sh, or apt-get install libharfbuzz-subset0)",
            file=sys.stderr,
        )


def _with_executor(cfg, jobs: int | None, executor: str | None, scheduler: str | None):  # type: ignore[no-untyped-def]
    """The config with the command line's --jobs/--executor/--scheduler applied (they win over config.yaml)."""
    import dataclasses

    from reportgen.config import parse_scheduler

    changes: dict[str, object] = {}
    if jobs is not None:
        changes["jobs"] = jobs
    if scheduler is not None:
        value, error = parse_scheduler("scheduler", scheduler)
        if error:
            raise UsageError(f"--scheduler: {error}")
        changes["scheduler"] = value
        changes["executor"] = executor or "dask"
    if executor is not None:
        changes["executor"] = executor
    cfg = dataclasses.replace(cfg, **changes)
    if cfg.executor == "dask" and cfg.scheduler is None:
        raise UsageError("--executor dask needs --scheduler tcp://HOST:PORT (or 'scheduler' in config.yaml)")
    return cfg


def _timings(result) -> str:  # type: ignore[no-untyped-def]
    """Seconds per stage: per-article stages are summed over workers (CPU-seconds), site/verify are wall time."""
    from reportgen.build.tasks import STAGES

    order = [*STAGES, "site", "verify"]
    rows = [(k, result.timings[k]) for k in order if k in result.timings]
    total = sum(v for k, v in rows if k in STAGES) or 1.0
    lines = ["stage     seconds  share of article work"]
    for name, seconds in rows:
        share = f"{100 * seconds / total:5.1f}%" if name in STAGES else "     -"
        lines.append(f"{name:<8} {seconds:8.2f}  {share}")
    lines.append(f"articles built by: {result.executor}")
    return "\n".join(lines)


@cli.command()
@project_option
@config_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (local only by default).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port (0: any free).")
def serve(project: Path, config_path: Path | None, host: str, port: int) -> None:
    """Build, serve reports/ locally, and rebuild + reload the browser when seeds, templates or config change."""
    try:
        from reportgen.cli.serve import serve as run_serve

        run_serve(project, config_path, host, port, _progress_printer())
    except ReportgenError as exc:
        _fail(exc)
    except KeyboardInterrupt:  # Ctrl-C is how a server is stopped: a normal end (a build it cut is intact)
        print("stopped", file=sys.stderr)


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table", "csv"]), default="jsonl", show_default=True)
@bidi_option
@project_option
@config_option
def extract(paths: tuple[str, ...], fmt: str, bidi: bool | None, project: Path, config_path: Path | None) -> None:
    """Extract figures, entities, quotes and dates from articles (PATH '-' or none reads stdin)."""
    try:
        cfg = _load_config(project, config_path)
        from reportgen.cli.extract import run

        code = run(list(paths), fmt, cfg, bidi, sys.stdout, sys.stdin)
    except ReportgenError as exc:
        _fail(exc)
        return
    sys.exit(code)


@cli.command()
@click.argument("args", nargs=-1, metavar="[ARTICLE]... | approve ARTICLE [ID]...")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "jsonl"]), default=None, help="Listing format (default: table)."
)
@bidi_option
@project_option
@config_option
def review(args: tuple[str, ...], fmt: str | None, bidi: bool | None, project: Path, config_path: Path | None) -> None:
    """List the figures nobody has checked yet, or approve them into corrections.yaml.

    `reportgen review [ARTICLE]...` prints each unchecked figure's id, value, category, qualifier, text and
    sentence (all articles when none is named). `reportgen review approve ARTICLE [ID]...` writes
    `approved: true` for those figures (all of the article's unchecked figures when no id is given),
    keeping corrections.yaml's comments and order. ARTICLE is its path in the project (seeds/x.txt) or slug.
    """
    try:
        cfg = _load_config(project, config_path)
        from reportgen import corrections

        if args and args[0] == "approve":
            if len(args) < 2:
                raise UsageError("usage: reportgen review approve ARTICLE [ID]...")
            if fmt is not None:
                raise UsageError("--format is for listing, not for approve")
            done = corrections.approve(cfg, args[1], args[2:])
            where = corrections.display_path(cfg, cfg.corrections_path)
            for item in done:
                print(f"approved {item.id} «{item.figure.text}»", file=sys.stderr)
            print(f"{len(done)} figure(s) of {args[1]} approved in {where}" if done else "nothing to approve")
            return
        items = corrections.list_pending(cfg, list(args))
        from reportgen.present.textprep import terminal_wants_visual

        visual = terminal_wants_visual(sys.stdout, bidi)
        corrections.print_pending(items, fmt or "table", sys.stdout, visual=visual)
        print(f"{len(items)} unchecked figure(s)", file=sys.stderr)
    except ReportgenError as exc:
        _fail(exc)


@cli.command()
@click.argument("out_dir", required=False, type=click.Path(file_okay=False, path_type=Path))
@project_option
@config_option
def check(out_dir: Path | None, project: Path, config_path: Path | None) -> None:
    """Verify a finished build (default: the configured output directory): fonts, glyphs, shaping, links.

    `reportgen build` runs the same checks unless given --no-verify.
    """
    try:
        if out_dir is not None and project == Path() and config_path is None:
            project = _project_of(out_dir)  # `check DIR` from anywhere reads DIR's own project config
        cfg = _load_config(project, config_path)
        from reportgen.check import run_checks

        target = out_dir or cfg.output_dir
        if not (target / "index.html").is_file():
            raise BuildError(
                f"{target}: no site here (no index.html); run `reportgen build` first, or pass the output "
                "directory of a built project: `reportgen check DIR`"
            )
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
@click.argument("urls", nargs=-1)
@project_option
@config_option
def fetch(urls: tuple[str, ...], project: Path, config_path: Path | None) -> None:
    """Fetch RSS/Atom feeds or article pages (default: 'feeds' in config.yaml) into the sources folder.

    Exit codes: 0 every URL was read (new articles or none); 1 some feed or page failed (the rest is kept);
    2 usage or configuration error.
    """
    try:
        cfg = _load_config(project, config_path)
        targets = list(urls) or list(cfg.feeds)
        if not targets:
            raise UsageError("no URL given and no 'feeds:' in config.yaml")
        from reportgen.sources.fetch import run as run_fetch

        summary = run_fetch(cfg.root, cfg.sources, targets, lambda line: print(line, file=sys.stderr, flush=True))
    except ReportgenError as exc:
        _fail(exc)
        return
    print(summary.line(), file=sys.stderr)
    sys.exit(summary.exit_code)


@cli.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--ci",
    type=click.Choice(["github"]),
    default=None,
    help="Also write a scheduled workflow: github = .github/workflows/reportgen.yml (fetch, build, deploy to Pages).",
)
def init(directory: Path, ci: str | None) -> None:
    """Create a new project: config.yaml (commented), seeds/ with a sample article, templates/ for overrides.

    With --ci and an existing project, only the workflow is written.
    """
    from reportgen.cli.project import init_project

    try:
        created = []
        if ci is None or not (directory / "config.yaml").exists():
            created = init_project(directory)
        if ci is not None:
            from reportgen.cli.ci import write_workflow

            created.append(write_workflow(directory.resolve(), ci))
    except ReportgenError as exc:
        _fail(exc)
        return
    for path in created:
        print(f"created {path}")
    if ci is not None:
        print("next: add 'feeds:' to config.yaml, push, and set Settings > Pages > Source to GitHub Actions")
    print(f"next: cd {directory} && reportgen build")


@cli.command()
@click.argument("target", type=click.Choice(["gh-pages"]))
@project_option
@config_option
@click.option("--remote", default="origin", show_default=True, help="Git remote to push the branch to.")
@click.option("--branch", default="gh-pages", show_default=True, help="Branch that holds the site.")
@click.option("--no-push", is_flag=True, help="Commit the branch locally, do not push.")
def publish(target: str, project: Path, config_path: Path | None, remote: str, branch: str, no_push: bool) -> None:
    """Commit the built site to the gh-pages branch (with .nojekyll), push it and print its address.

    Refuses a build that is stale or failed (run `reportgen build`); the same site twice makes no new commit.
    """
    try:
        cfg = _load_config(project, config_path)
        from reportgen.build import build as run_build
        from reportgen.site.ghpages import PublishError
        from reportgen.site.ghpages import publish as run_publish

        if not cfg.output_dir.is_dir():
            raise UsageError(f"{cfg.output_dir} does not exist: run `reportgen build` first")
        state = run_build(cfg, lambda kind, message: None, check=True, verify=False)
        if state.stale or state.failed:
            raise PublishError(f"{cfg.output_dir} is stale or a build failed: run `reportgen build` first")
        made, where = run_publish(cfg.root, cfg.output_dir, branch, remote, push=not no_push)
    except ReportgenError as exc:
        _fail(exc)
        return
    print(("published " if made else "unchanged, nothing committed: ") + where)


def main() -> None:
    # Not click's standalone mode: it turns Ctrl-C into "Aborted!" and exit status 1, where shells and CI
    # expect 130, and it would leave through sys.exit rather than `_exit`.
    try:
        code = cli.main(standalone_mode=False)
    except (KeyboardInterrupt, click.Abort):
        print("\ninterrupted; previous outputs are intact", file=sys.stderr)
        _exit(130)
    except click.ClickException as exc:
        exc.show()
        _exit(exc.exit_code)
    except SystemExit as exc:
        _exit(exc.code)
    _exit(code if isinstance(code, int) else 0)


def _exit(code: object) -> None:
    """Leave now: run the atexit handlers and flush, but skip tearing the interpreter down.

    With matplotlib, numpy and WeasyPrint loaded, the teardown (freeing every module's objects) takes
    0.3–0.6 s, more than the build of one changed article itself. Everything the build writes is
    already on disk (atomic renames); the atexit handlers still remove temporary font copies.
    """
    if isinstance(code, str):
        print(code, file=sys.stderr)
        code = 1
    status = code if isinstance(code, int) else 0
    run_exitfuncs = getattr(atexit, "_run_exitfuncs", None)
    if run_exitfuncs is None:  # not CPython: exit the ordinary way
        sys.exit(status)
    run_exitfuncs()  # includes logging.shutdown and multiprocessing's finalizers
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nobody is left to tell
            stream.flush()
    os._exit(status)


if __name__ == "__main__":
    main()

__all__ = ["EXIT_USAGE", "cli", "main"]
