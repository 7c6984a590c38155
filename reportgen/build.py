"""The build: sources → extract → view → charts → pages → site, redoing only what changed.

Each article's outputs are rebuilt only when one of the things they were made from changed: the
article's bytes, a config section the stages read, a template or asset the briefing is rendered from,
or reportgen itself (see `cache`), or when an output is missing or was modified. The log says which.
Intermediate results are cached by content too, so a template edit re-renders pages without
re-extracting, and a config change that leaves a chart's data alone does not redraw it. The site-wide
files (index, search index, feed, figures page) are regenerated from the cached per-article summaries
and written only where their bytes changed. A no-op rebuild imports neither matplotlib nor WeasyPrint.

One bad article never stops the others: its error is recorded with its location, it is left out of the
index, and the build's exit code says that something failed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportgen import cache as cachemod
from reportgen import display as shown
from reportgen import fsutil, sources
from reportgen.cache import Cache, Entry, Manifest, config_hashes, digest
from reportgen.charts import Bar
from reportgen.config import Config
from reportgen.errors import BuildError, Location, SourceError, UsageError
from reportgen.model import Briefing
from reportgen.view import BriefingView

Progress = Callable[[str, str], None]


@dataclass(slots=True)
class Outcome:
    source: str
    slug: str | None = None
    ok: bool = False
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)  # why it was (or, with --check, would be) rebuilt
    rebuilt: bool = False


@dataclass(slots=True)
class BuildResult:
    outcomes: list[Outcome] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # sources whose outputs were (or would be) removed
    deleted: list[str] = field(default_factory=list)  # output files deleted
    stale_site: list[str] = field(default_factory=list)  # site-wide files that are (or were) out of date
    check: bool = False
    # What `reportgen check` found in the files this build wrote (empty when not verified).
    problems: list[str] = field(default_factory=list)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.ok]

    @property
    def rebuilt(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.rebuilt]

    @property
    def stale(self) -> bool:
        return bool(self.rebuilt or self.removed or self.stale_site)

    @property
    def exit_code(self) -> int:
        if self.check:
            return 1 if self.stale else 0
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
    return [(p, p.relative_to(root).as_posix() if p.is_relative_to(root) else str(p)) for p in matches]


def load_briefing(path: Path, display: str, config: Config) -> Briefing:
    from reportgen.extract import extract_article

    article = sources.read(path, display, config.boilerplate, config.max_article_bytes)
    return Briefing(article, extract_article(article, config))


@dataclass(slots=True)
class _Item:
    path: Path
    display: str
    slug: str
    data: bytes
    deps: dict[str, str]
    old: Entry | None
    reasons: list[str]


def _plan(config: Config, manifest: Manifest) -> tuple[list[_Item], list[str]]:
    """Every article with its current dependency hashes and the reasons it must be rebuilt (none if fresh)."""
    out = config.output_dir
    shared = {
        **config_hashes(config, sorted(set(cachemod.EXTRACT_SECTIONS + cachemod.PAGE_SECTIONS))),
        **cachemod.template_hashes(config, cachemod.BRIEFING_TEMPLATES, cachemod.BRIEFING_ASSETS),
        "reportgen:version": cachemod.code_version(),
    }
    items = []
    for path, display in discover(config):
        data = path.read_bytes()
        deps = {"article": digest(data)[:16], **shared}
        old = manifest.entries.get(display)
        reasons = cachemod.why(old.deps if old else None, deps)
        if not reasons and old is not None:
            problem = cachemod.output_problem(out, old.outputs)
            if problem:
                reasons = [problem]
        slug = sources.slugify(Path(display).stem)
        items.append(_Item(path, display, slug, data, deps, old, reasons))
    current = {i.display for i in items}
    removed = sorted(k for k in manifest.entries if k not in current)
    return items, removed


class _Builder:
    """Builds stale articles, importing the heavy renderers only when the first one needs them."""

    def __init__(self, config: Config, cache: Cache) -> None:
        self.config = config
        self.cache = cache
        self._env: Any = None
        self.extract_deps = config_hashes(config, cachemod.EXTRACT_SECTIONS)
        self.chart_deps = config_hashes(config, cachemod.CHART_SECTIONS)
        self.keys: set[str] = set()

    @property
    def env(self) -> Any:
        if self._env is None:
            from reportgen import render

            self._env = render.environment(self.config)
        return self._env

    def briefing(self, item: _Item) -> tuple[Briefing, bool]:
        key = cachemod.object_key(item.display, item.deps["article"], self.extract_deps)
        self.keys.add(f"extract-{key}")
        cached = self.cache.get("extract", key)
        if isinstance(cached, Briefing):
            return cached, True
        briefing = load_briefing(item.path, item.display, self.config)
        self.cache.put("extract", key, briefing)
        return briefing, False

    def _chart(self, kind: str, bars: list[Bar], draw: Callable[[Any, list[Bar]], Any]) -> Any:
        """A chart from the cache when its bars and look are unchanged, else drawn (importing matplotlib)."""
        if not bars or not ("html" in self.config.formats or "pdf" in self.config.formats):
            return None
        key = cachemod.object_key(bars, self.chart_deps)
        self.keys.add(f"{kind}-{key}")
        cached = self.cache.get(kind, key)
        if cached is not None:
            return cached
        from reportgen import charts

        chart = draw(charts, bars)
        self.cache.put(kind, key, chart)
        return chart

    def chart(self, bars: list[Bar]) -> Any:
        return self._chart("chart", bars, lambda charts, b: charts.key_figures(b, self.config))

    def mentions(self, view: BriefingView) -> Any:
        entities = [*view.places, *view.organizations]
        bars = [Bar(e.name, e.count, shown.number(e.count, self.config.digits)) for e in entities]
        return self._chart("mentions", bars, lambda charts, b: charts.mentions_chart(b, self.config))

    def build(self, item: _Item, outcome: Outcome) -> Entry:
        from reportgen import site
        from reportgen.view import build_view

        self.keys = set()

        briefing, reused = self.briefing(item)
        if reused:
            outcome.reasons.append("extraction reused")
        outcome.warnings.extend(briefing.article.warnings)
        view = build_view(briefing, self.config)
        chart = self.chart(view.bars)
        mentions = self.mentions(view)
        pages = site.render_briefing(self.env, self.config, view, chart, mentions, briefing)
        outcome.warnings.extend(f"PDF: {p}" for p in pages.problems)
        outcome.written = site.write_all(self.config.output_dir, pages.files)
        outputs = {rel: digest(data) for rel, data in sorted(pages.files.items())}
        objects = sorted(self.keys)
        return Entry(item.display, item.slug, item.deps, outputs, pages.summary, None, list(outcome.warnings), objects)


def _delete_outputs(out: Path, rels: list[str]) -> list[str]:
    deleted = []
    for rel in sorted(rels):
        path = out / rel
        if path.is_file():
            path.unlink()
            deleted.append(rel)
        parent = path.parent
        while parent != out and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
    return deleted


def build(
    config: Config,
    progress: Progress | None = None,
    *,
    clean: bool = False,
    check: bool = False,
    verify: bool = True,
) -> BuildResult:
    """Bring `config.output_dir` up to date. With `check`, only find out what is stale: nothing is written.

    With `verify`, the typesetting and link checks of `reportgen check` run on every file this build wrote,
    and their problems make the build fail.
    """
    progress = progress or (lambda _kind, _msg: None)
    out = config.output_dir
    cache = Cache(config)
    manifest = cache.load()
    previous_outputs = {rel for e in manifest.entries.values() for rel in e.outputs} | set(
        manifest.site.get("outputs", {})
    )
    if clean and not check:
        cache.clear()
        manifest = Manifest()
    items, removed = _plan(config, manifest)
    result = BuildResult(check=check)

    if not check:
        fsutil.remove_stale_temps(out)
    for display in removed:
        result.removed.append(display)
        if check:
            progress("stale", f"{display}: article removed; its outputs would be deleted")
            continue
        old = manifest.entries.pop(display)
        result.deleted.extend(_delete_outputs(out, list(old.outputs)))
        progress("removed", f"{display} → {old.slug}: article removed, outputs deleted")

    builder = _Builder(config, cache)
    slugs: dict[str, str] = {}
    for item in items:
        outcome = Outcome(item.display, item.slug)
        result.outcomes.append(outcome)
        clash = slugs.get(item.slug)
        slugs.setdefault(item.slug, item.display)
        if not item.reasons and item.old is not None and not clash:
            outcome.ok = item.old.error is None
            outcome.error = item.old.error
            outcome.warnings = list(item.old.warnings)
            if item.old.error:
                progress("failed", f"{item.old.error} (unchanged since the last build)")
            continue
        outcome.rebuilt = True
        outcome.reasons = list(item.reasons) or ["slug clash"]
        if check:
            progress("stale", f"{item.display}: {', '.join(outcome.reasons)}")
            continue
        old_outputs = set(item.old.outputs) if item.old else set()
        try:
            if clash:
                raise SourceError(
                    Location(item.display),
                    f"slug {item.slug!r} is already used by {clash}",
                    "rename one of the files (the slug comes from the file name)",
                )
            entry = builder.build(item, outcome)
            outcome.ok = True
            progress("rebuilt", f"{item.display} → {item.slug}: {', '.join(outcome.reasons)}")
        except BuildError as exc:
            outcome.error = str(exc)
            entry = Entry(item.display, item.slug, item.deps, {}, None, str(exc), list(outcome.warnings))
            progress("failed", str(exc))
        result.deleted.extend(_delete_outputs(out, sorted(old_outputs - set(entry.outputs))))
        manifest.entries[item.display] = entry
        for warning in outcome.warnings:
            progress("warning", f"{item.display}: {warning}")
        result.written.extend(outcome.written)

    _site(config, cache, manifest, items, result, builder, progress)
    if check:
        return result
    # Outputs an earlier build made that nothing claims any more (e.g. after --clean or a format change).
    claimed = {rel for e in manifest.entries.values() for rel in e.outputs} | set(manifest.site.get("outputs", {}))
    result.deleted.extend(_delete_outputs(out, sorted(previous_outputs - claimed)))
    cache.save(manifest)
    keep = {k for e in manifest.entries.values() for k in e.objects} | set(manifest.site.get("objects", []))
    cache.prune(keep)
    if verify and result.written:
        from reportgen.check import run_checks

        result.problems = [str(p) for p in run_checks(out, config, only=set(result.written))]
        for problem in result.problems:
            progress("problem", problem)
    return result


def _site(
    config: Config,
    cache: Cache,
    manifest: Manifest,
    items: list[_Item],
    result: BuildResult,
    builder: _Builder,
    progress: Progress,
) -> None:
    """Regenerate the site-wide files from the cached summaries; write (or, with --check, list) what changed."""
    from reportgen import publish, site

    out = config.output_dir
    if result.check and (result.rebuilt or result.removed):
        result.stale_site.append("site-wide pages (index, search index, feed, figures)")
        progress("stale", "site-wide pages: briefings changed")
        return
    summaries = []
    for item in items:
        entry = manifest.entries.get(item.display)
        if entry is not None and entry.summary is not None and entry.error is None:
            summaries.append(entry.summary)

    # The figures-over-time chart needs matplotlib: redraw it only when its data or look changed.
    chart_ctx = None
    chart_file: dict[str, bytes] = {}
    series = publish.series(summaries, config)
    if series and "html" in config.formats:
        key = cachemod.object_key(series, builder.chart_deps)
        rel = f"{publish.FIGURES_DIR}/{publish.FIGURES_CHART}.svg"
        cached = cache.get("linechart", key)
        if cached is None:
            if result.check:
                result.stale_site.append(rel)
                progress("stale", f"{rel}: figures over time changed")
                return
            from reportgen import charts

            cached = charts.line_chart(publish.FIGURES_CHART, "الأرقام عبر الزمن", series, config)
            cache.put("linechart", key, cached)
        rows = [
            [label, shown.digits(day, config.digits), shown.number(value, config.digits)]
            for label, points in series.items()
            for day, value in points
        ]
        chart_ctx = site.chart_context(
            cached, f"{publish.FIGURES_CHART}.svg", heads=("الفئة", "التاريخ", "القيمة"), rows=rows
        )
        chart_file[rel] = cached.svg

    files = {**publish.site_files(builder.env, config, summaries, chart_ctx), **chart_file}
    if result.check:
        for rel, data in sorted(files.items()):
            path = out / rel
            if not path.is_file() or path.read_bytes() != data:
                result.stale_site.append(rel)
                progress("stale", f"{rel}: {'missing' if not path.is_file() else 'out of date'}")
        for rel in sorted(set(manifest.site.get("outputs", {})) - set(files)):
            if (out / rel).exists():
                result.stale_site.append(rel)
                progress("stale", f"{rel}: no longer produced")
        return
    written = site.write_all(out, files)
    if written:
        progress("rebuilt", f"site: {', '.join(written)}")
    result.stale_site.extend(written)
    result.written.extend(written)
    manifest.site = {
        "outputs": {rel: digest(data) for rel, data in sorted(files.items())},
        "objects": [f"linechart-{key}"] if chart_ctx is not None else [],
    }
