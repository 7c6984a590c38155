"""The build: sources → extract → view → charts → pages → site, one article at a time.

One bad article never stops the others: its error is recorded with its location, it is left out of the
index, and the build's exit code says that something failed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reportgen import fsutil, sources
from reportgen.config import Config
from reportgen.errors import BuildError, Location, SourceError, UsageError
from reportgen.model import Briefing

Progress = Callable[[str, str], None]


@dataclass(slots=True)
class Outcome:
    source: str
    slug: str | None = None
    ok: bool = False
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)


@dataclass(slots=True)
class BuildResult:
    outcomes: list[Outcome] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    # What `reportgen check` found in the finished build (empty when not verified).
    problems: list[str] = field(default_factory=list)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.ok]

    @property
    def exit_code(self) -> int:
        return 1 if self.failed or self.problems else 0


def discover(config: Config) -> list[tuple[Path, str]]:
    """Article files matched by the sources glob, sorted, with their project-relative display names."""
    root = config.root
    matches = sorted(p for p in root.glob(config.sources) if p.is_file())
    if not matches:
        raise UsageError(
            f"Config value 'sources': {config.sources!r} matches no files under {root}; "
            "add articles there or change 'sources' in config.yaml"
        )
    return [(p, str(p.relative_to(root)) if p.is_relative_to(root) else str(p)) for p in matches]


def load_briefing(path: Path, display: str, config: Config) -> Briefing:
    from reportgen.extract import extract_article

    article = sources.read(path, display, config.boilerplate, config.max_article_bytes)
    return Briefing(article, extract_article(article, config))


def build(config: Config, progress: Progress | None = None, verify: bool = True) -> BuildResult:
    from reportgen import charts, render, site
    from reportgen.view import build_view

    progress = progress or (lambda _kind, _msg: None)
    out = config.output_dir
    fsutil.remove_stale_temps(out)
    env = render.environment(config)
    result = BuildResult()
    summaries = []
    slugs: dict[str, str] = {}
    for path, display in discover(config):
        outcome = Outcome(display)
        result.outcomes.append(outcome)
        try:
            briefing = load_briefing(path, display, config)
            slug = briefing.article.slug
            if slug in slugs:
                raise SourceError(
                    Location(display),
                    f"slug {slug!r} is already used by {slugs[slug]}",
                    "rename one of the files (the slug comes from the file name)",
                )
            slugs[slug] = display
            outcome.slug = slug
            outcome.warnings.extend(briefing.article.warnings)
            view = build_view(briefing, config)
            chart = charts.key_figures(view.bars, config)
            mentions = charts.mentions_chart(charts.mention_bars(view.places, view.organizations, config), config)
            pages = site.render_briefing(env, config, view, chart, mentions)
            outcome.warnings.extend(f"PDF: {p}" for p in pages.problems)
            outcome.written = site.write_all(out, pages.files)
            summaries.append(pages.summary)
            outcome.ok = True
            progress("built", f"{display} → {slug} ({len(view.cards)} figures)")
        except BuildError as exc:
            outcome.error = str(exc)
            progress("failed", str(exc))
        for warning in outcome.warnings:
            progress("warning", f"{display}: {warning}")
        result.written.extend(outcome.written)

    if "html" in config.formats:
        files = site.asset_files(config)
        files["index.html"] = site.index_html(env, config, summaries)
        result.written.extend(site.write_all(out, files))
    if verify:
        from reportgen.check import run_checks

        result.problems = [str(p) for p in run_checks(out, config)]
        for problem in result.problems:
            progress("problem", problem)
    return result
