"""The build: sources → extract → view → charts → pages → site, redoing only what changed.

Each article's outputs are rebuilt only when one of the things they were made from changed: the
article's bytes, a config section the stages read, a template or asset the briefing is rendered from,
or reportgen itself (see `cache`), or when an output is missing or was modified. The log says which.
Intermediate results are cached by content too, so a template edit re-renders pages without
re-extracting, and a config change that leaves a chart's data alone does not redraw it. The site-wide
files (index, search index, feed, figures page) are regenerated from the cached per-article summaries
and written only where their bytes changed. A no-op rebuild imports neither matplotlib nor WeasyPrint.

One bad article never stops the others: its error is recorded with its location, its last good outputs
are kept (and stay in the index), and the build's exit code says that something failed.

Nothing is written into the output directory while the build runs: every output goes to a staging area
and is published at the end by renames, with the manifest, in one journaled step (see `staging`). A build
that fails or is killed leaves the published site as it was; a file a user put at a path the build would
write is never replaced (the article, or the whole build for a site-wide file, fails naming it).
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen import corrections as corrmod
from reportgen import fsutil, outputs, sources
from reportgen.build import cache as cachemod
from reportgen.build import staging
from reportgen.build.cache import Cache, Entry, Manifest, config_hashes, digest
from reportgen.config import Config
from reportgen.errors import Location, SourceError, UsageError

if TYPE_CHECKING:
    from reportgen.build.tasks import ArticleResult
    from reportgen.build.typesetter import Request, Typesetter

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
    # Outputs whose per-briefing checks already ran where they were made (a worker, the typesetter).
    verified: set[str] = field(default_factory=set)
    html_checked: set[str] = field(default_factory=set)  # pages and stylesheets the site check has seen
    # Seconds per stage, summed over the articles built (ingest … write), plus site and verify.
    timings: dict[str, float] = field(default_factory=dict)
    executor: str = "none"  # what built the stale articles: none, serial, serial + typesetter, pool (N), dask
    # The editor's side (see reportgen.corrections): figures `review: required` held back, stale corrections.
    held: list[dict[str, str]] = field(default_factory=list)
    stale_corrections: list[str] = field(default_factory=list)
    strict: bool = False  # stale corrections fail the build
    # Until the build publishes: the staged files per article ("" for the site-wide ones), the published
    # files to delete, and the output paths earlier builds wrote (a file at any other path is a user's).
    staged: dict[str, list[str]] = field(default_factory=dict)
    doomed: set[str] = field(default_factory=set)
    ours: set[str] = field(default_factory=set)

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
            return 1 if self.stale or (self.strict and self.stale_corrections) else 0
        return 1 if self.failed or self.problems or (self.strict and self.stale_corrections) else 0


def discover(config: Config) -> list[tuple[Path, str]]:
    """Article files matched by the sources glob, sorted, with their project-relative display names."""
    root = config.root
    # Not folders; but devices, pipes and dangling links are listed, to be refused by name.
    matches = sorted(p for p in root.glob(config.sources) if not p.is_dir())
    if not matches:
        raise UsageError(
            f"Config value 'sources': {config.sources!r} matches no files under {root}; "
            "add articles there or change 'sources' in config.yaml"
        )
    return [(p, p.relative_to(root).as_posix() if p.is_relative_to(root) else str(p)) for p in matches]


@dataclass(slots=True)
class _Item:
    path: Path
    display: str
    slug: str
    data: bytes
    deps: dict[str, str]
    old: Entry | None
    reasons: list[str]
    refused: SourceError | None = None  # known bad before any worker sees it (e.g. too large to read)
    corrections: tuple[corrmod.Correction, ...] = ()


# Slugs an article may not have: the site's own folders (a seed named figures.txt must not be overwritten
# by the figures page, nor overwrite it).
RESERVED_SLUGS = frozenset({"assets", "figures"})
SITE_FILES = frozenset({"index.html", "feed.xml", "sitemap.xml", "search-index.json", "search-index.js"})


def unique_slugs(displays: list[str]) -> dict[str, str]:
    """A distinct slug per article (in sorted order): `a b.txt` and `a-b.txt` become `a-b` and `a-b-2`."""
    used: set[str] = set(RESERVED_SLUGS)
    out: dict[str, str] = {}
    for display in sorted(displays):
        base = sources.slugify(Path(display).stem)
        slug, n = base, 1
        while slug in used:
            n += 1
            slug = f"{base}-{n}"
        used.add(slug)
        out[display] = slug
    return out


def _read_article(config: Config, path: Path, display: str) -> tuple[bytes, str, SourceError | None]:
    """The article's bytes and hash, or why it is refused before any worker sees it (hash still known)."""
    root = config.root
    real = path.resolve()
    if not real.is_relative_to(root):
        # Never read: its bytes would be published. The hash of where it points still notices a change.
        refused = SourceError(
            Location(display),
            f"is a symbolic link to {real}, outside the project; refused",
            "copy the article into the project instead of linking to it",
        )
        return b"", digest(f"outside:{real}"), refused
    if not path.is_file():  # opening a FIFO would wait for a writer forever
        what = "a dangling symbolic link" if not path.exists() else "not a regular file (a device or pipe)"
        return b"", digest(f"special:{what}"), SourceError(Location(display), f"is {what}; refused")
    try:
        sources.check_size(display, path.stat().st_size, config.max_article_bytes)
        data = sources.read_limited(path, display, config.max_article_bytes)
        return data, digest(data), None
    except SourceError as exc:
        try:
            # Hashed in chunks, never held: a 50 MB article costs no memory, yet editing it still counts.
            with path.open("rb") as fh:
                return b"", hashlib.file_digest(fh, "sha256").hexdigest(), exc
        except OSError as err:  # unreadable: fails alone; the next build retries it
            return b"", digest(f"unreadable:{err.strerror}:{path.stat().st_mtime_ns}"), exc
    except OSError as exc:
        return b"", digest(f"unreadable:{exc.strerror}"), SourceError(Location(display), f"cannot read: {exc.strerror}")


def _plan(
    config: Config, manifest: Manifest, corrections: corrmod.Corrections | None = None
) -> tuple[list[_Item], list[str]]:
    """Every article with its current dependency hashes and the reasons it must be rebuilt (none if fresh)."""
    out = config.output_dir
    shared = {
        **config_hashes(config, sorted(set(cachemod.EXTRACT_SECTIONS + cachemod.PAGE_SECTIONS))),
        **cachemod.template_hashes(config, cachemod.BRIEFING_TEMPLATES, cachemod.BRIEFING_ASSETS),
        "reportgen:version": cachemod.code_version(),
    }
    items = []
    found = discover(config)
    slugs = unique_slugs([display for _, display in found])
    for path, display in found:
        data, article_hash, refused = _read_article(config, path, display)
        deps = {"article": article_hash[:16], **shared, "slug": slugs[display]}
        corrected = corrections.digest(display) if corrections is not None else None
        if corrected is not None:  # the editor's entries for this article: part of its key, of no other's
            deps["corrections"] = corrected
        old = manifest.entries.get(display)
        reasons = cachemod.why(old.deps if old else None, deps)
        if not reasons and old is not None and old.error is not None and old.outputs:
            reasons = ["its last rebuild failed (the outputs on disk are from the build before)"]
        if not reasons and old is not None:
            problem = cachemod.output_problem(out, old.outputs)
            if problem:
                reasons = [problem]
        entries = corrections.get(display) if corrections is not None else ()
        items.append(_Item(path, display, slugs[display], data, deps, old, reasons, refused, entries))
    current = {i.display for i in items}
    removed = sorted(k for k in manifest.entries if k not in current)
    return items, removed


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _execute(
    config: Config,
    cache: Cache,
    stale: list[_Item],
    jobs: int | None,
    verify: bool,
    typesetter: Typesetter | None,
    result: BuildResult,
) -> Iterator[ArticleResult]:
    """Results for the stale articles, in their order. No stale article: no pool, no heavy import."""
    if not stale:
        return iter(())
    from reportgen.build import executors
    from reportgen.build.tasks import ArticleTask

    code = cachemod.code_version()
    todo = [ArticleTask(i.display, i.slug, i.data, i.deps, code, verify, i.corrections) for i in stale]
    if config.executor == "dask":
        assert config.scheduler is not None
        result.executor = "dask"
        return executors.run_dask(config, todo, cache, config.scheduler)
    workers = min(jobs or config.jobs or default_jobs(), len(todo))
    if workers <= 1:
        result.executor = "serial + typesetter" if typesetter is not None else "serial"
        return executors.run_serial(config, todo, cache, typesetter)
    result.executor = f"pool ({workers})"
    return executors.run_pool(config, todo, workers)


def build(
    config: Config,
    progress: Progress | None = None,
    *,
    clean: bool = False,
    check: bool = False,
    verify: bool = True,
    jobs: int | None = None,
    strict: bool = False,
) -> BuildResult:
    """Bring `config.output_dir` up to date. With `check`, only find out what is stale: nothing is written.

    With `verify`, the typesetting and link checks of `reportgen check` run on every file this build wrote,
    and their problems make the build fail. With `strict`, so do corrections that no longer find their
    figure (they are warnings otherwise). Stale articles are built by `jobs` worker processes (default:
    `config.jobs`, else one per CPU core; 1 builds in this process), or on Dask with `executor: dask`.
    """
    progress = progress or (lambda _kind, _msg: None)
    out = config.output_dir
    corrections = corrmod.load(config)  # an invalid file stops the build before anything is written
    cache = Cache(config)
    if not check:
        if staging.recover(config):  # a build killed while it published: finish that first
            progress("warning", "the last build was interrupted while it published its files; finished that")
        staging.clear(config)
    manifest = cache.load()
    previous_outputs = {rel for e in manifest.entries.values() for rel in e.outputs} | set(
        manifest.site.get("outputs", {})
    )
    old_problems = [] if clean else list(manifest.site.get("problems", []))
    if clean and not check:
        cache.clear()
        manifest = Manifest()
    items, removed = _plan(config, manifest, corrections)
    result = BuildResult(check=check, strict=strict, ours=previous_outputs | staging.owned(config))

    if not check:
        # Only temps of files we write: those in the manifest, and those of an article's or the site's files.
        slugs = {i.slug for i in items}

        def ours(rel: str) -> bool:
            head = rel.split("/", 1)[0]
            return (
                rel in previous_outputs
                or head in slugs
                or head.rsplit(".", 1)[0] in slugs
                or head in RESERVED_SLUGS
                or head in SITE_FILES
            )

        fsutil.remove_stale_temps(out, ours)
    for display in removed:
        result.removed.append(display)
        if check:
            progress("stale", f"{display}: article removed; its outputs would be deleted")
            continue
        old = manifest.entries.pop(display)
        result.doomed.update(old.outputs)
        progress("removed", f"{display} → {old.slug}: article removed, outputs deleted")

    slugs: dict[str, str] = {}
    clashes: dict[str, str] = {}
    stale: list[_Item] = []
    for item in items:
        clash = slugs.get(item.slug)
        slugs.setdefault(item.slug, item.display)
        if clash:
            clashes[item.display] = clash
        elif item.refused is not None:
            pass  # reported below without a worker
        elif item.reasons or item.old is None:
            stale.append(item)
    typesetter = None if check else _typesetter(config, stale, jobs)
    try:
        _build_stale(config, cache, manifest, items, stale, clashes, result, progress, jobs, verify, typesetter)
    finally:
        if typesetter is not None:
            typesetter.close()
    if check:
        # Stale corrections are the editor's to fix whether or not anything would be rebuilt; an article that
        # would be rebuilt is judged when it is (its corrections are part of why it is stale).
        rebuilt = {o.source for o in result.rebuilt}
        summaries = {
            i.display: e.summary if (e := manifest.entries.get(i.display)) and i.display not in rebuilt else None
            for i in items
        }
        result.held, result.stale_corrections = corrmod.report(corrections, summaries)
        for message in result.stale_corrections:
            progress("failed" if strict else "stale", message)
        return result
    # Outputs an earlier build made that nothing claims any more (e.g. after --clean or a format change).
    claimed = {rel for e in manifest.entries.values() for rel in e.outputs} | set(manifest.site.get("outputs", {}))
    result.doomed |= previous_outputs - claimed
    manifest.site["problems"] = old_problems  # until this build's checks have run
    moves = [rel for rels in result.staged.values() for rel in rels]
    result.deleted.extend(staging.publish(config, moves, result.doomed - claimed, cache.dumps(manifest), result.ours))
    staging.clear(config)
    if verify and result.written:
        _verify(config, result)
    if verify:
        # What an earlier build's checks found in files this build left alone is still wrong: keep failing.
        rewritten = set(result.written) | set(result.deleted)
        still = [p for p in old_problems if _problem_file(p) not in rewritten and (out / _problem_file(p)).exists()]
        result.problems[:0] = [p for p in still if p not in result.problems]
    manifest.site["problems"] = list(result.problems) if verify else old_problems
    cache.save(manifest)
    keep = {k for e in manifest.entries.values() for k in e.objects} | set(manifest.site.get("objects", []))
    cache.prune(keep)
    for problem in result.problems:
        progress("problem", problem)
    summaries = {i.display: e.summary if (e := manifest.entries.get(i.display)) else None for i in items}
    result.held, result.stale_corrections = corrmod.report(corrections, summaries)
    for message in result.stale_corrections:  # on every build, until the editor fixes the entry
        progress("failed" if strict else "warning", message)
    return result


def _problem_file(problem: str) -> str:
    """The output file a `reportgen check` problem is about (its text starts with it)."""
    return re.split(r" \(|: ", problem, maxsplit=1)[0]


def _verify(config: Config, result: BuildResult, pending: frozenset[str] = frozenset()) -> None:
    """Run `reportgen check` on what this build wrote and has not checked yet (links to `pending` files allowed)."""
    from reportgen.check import article_checks, run_checks

    started = time.perf_counter()
    written = set(result.written)
    out = config.output_dir
    found = run_checks(out, config, written - result.html_checked, {"html-site"}, pending)
    # Outputs no worker checked (a Dask client wrote them, or the site-wide files): the rest here.
    found += run_checks(out, config, written - result.verified, article_checks())
    result.html_checked |= written
    result.verified |= written
    result.problems.extend(str(p) for p in found)
    result.timings["verify"] = result.timings.get("verify", 0.0) + time.perf_counter() - started


def _typesetter(config: Config, stale: list[_Item], jobs: int | None) -> Typesetter | None:
    """A PDF process when one article is rebuilt on a machine with cores to spare (see `typesetter`).

    Not when this process has WeasyPrint loaded already (`reportgen serve` after its first build): it
    typesets sooner itself than a new process can import WeasyPrint.
    """
    allowed = jobs or config.jobs or default_jobs()
    if len(stale) != 1 or allowed < 2 or config.executor != "local" or not outputs.needs_typesetter(config):
        return None
    if "weasyprint" in sys.modules:
        return None
    from reportgen.build.typesetter import Typesetter

    return Typesetter(config)


def _build_stale(
    config: Config,
    cache: Cache,
    manifest: Manifest,
    items: list[_Item],
    stale: list[_Item],
    clashes: dict[str, str],
    result: BuildResult,
    progress: Progress,
    jobs: int | None,
    verify: bool,
    typesetter: Typesetter | None,
) -> None:
    """Build the stale articles and then the site-wide pages, recording everything in `manifest` and `result`."""
    check = result.check
    results = iter(()) if check else _execute(config, cache, stale, jobs, verify, typesetter, result)
    pending: list[tuple[Outcome, ArticleResult, Request, list[str]]] = []  # PDFs the typesetter is making

    try:
        for item in items:
            outcome = Outcome(item.display, item.slug)
            deferred = False  # its PDF is still being made: report it once collected
            result.outcomes.append(outcome)
            clash = clashes.get(item.display)
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
            if clash or item.refused is not None:
                exc = item.refused or SourceError(
                    Location(item.display),
                    f"slug {item.slug!r} is already used by {clash}",
                    "rename one of the files (the slug comes from the file name)",
                )
                outcome.error = str(exc)
                entry = Entry(item.display, item.slug, item.deps, {}, None, str(exc), [])
                progress("failed", str(exc))
            else:
                done = next(results)
                assert done.display == item.display, (done.display, item.display)
                entry = done.entry
                outcome.reasons.extend(done.notes)
                outcome.warnings = list(done.warnings)
                outcome.written = list(done.written)
                outcome.ok, outcome.error = done.ok, done.error
                if done.verified:
                    result.verified.update(entry.outputs)
                    result.problems.extend(done.problems)
                for stage, seconds in done.timings.items():
                    result.timings[stage] = result.timings.get(stage, 0.0) + seconds
                if done.pending is not None:
                    deferred = True
                    pending.append((outcome, done, done.pending, item.old))
                    old_outputs.clear()  # what the old build made goes, or comes back, once its PDF is known
                elif done.ok and (theirs := staging.not_ours(config, outcome.written, result.ours)):
                    outcome.ok, outcome.error = False, str(staging.NotOurs(config, theirs, item.display))
                    outcome.written = []
                    entry = _keep_last_good(item.old, _failed_entry(entry, outcome.error))
                    progress("failed", outcome.error)
                elif done.ok:
                    progress("rebuilt", f"{item.display} → {item.slug}: {', '.join(outcome.reasons)}")
                else:
                    entry = _keep_last_good(item.old, entry)
                    kept = " (its last good outputs are kept)" if entry.outputs else ""
                    progress("failed", f"{done.error}{kept}")
            result.doomed.update(old_outputs - set(entry.outputs))
            manifest.entries[item.display] = entry
            result.written.extend(outcome.written)
            result.staged[item.display] = list(outcome.written)
            if not deferred:
                for warning in outcome.warnings:
                    progress("warning", f"{item.display}: {warning}")
    finally:
        # Now, not when the generator is garbage-collected: a worker pool must be shut down before the
        # process exits (the CLI leaves through os._exit), also when Ctrl-C lands between two results.
        close = getattr(results, "close", None)
        if close is not None:
            close()

    started = time.perf_counter()
    # While the typesetter makes the PDFs, the site-wide pages are written here: they need only summaries.
    _site(config, cache, manifest, items, result, progress)
    result.timings["site"] = time.perf_counter() - started
    if pending:
        assert typesetter is not None
        failed = [_finish_pdf(config, typesetter, manifest, result, progress, *p) for p in pending]
        if any(failed):  # the index must not list a briefing whose PDF could not be made
            _site(config, cache, manifest, items, result, progress)
            result.html_checked.clear()


def _keep_last_good(old: Entry | None, failed: Entry) -> Entry:
    """A failed rebuild of an article that was built well before keeps that build's outputs and summary.

    The entry keeps the old dependency hashes, so the next build still sees (and names) what changed since
    the outputs on disk were made, and retries; the error is recorded so the build keeps failing until then.
    """
    # `old` may itself be a kept entry of an earlier failed rebuild: its outputs are still the last good ones.
    if old is None or old.summary is None or not old.outputs:
        return failed
    return Entry(
        old.source, old.slug, dict(old.deps), dict(old.outputs), old.summary, failed.error, failed.warnings, old.objects
    )


def _failed_entry(entry: Entry, error: str) -> Entry:
    return Entry(entry.source, entry.slug, entry.deps, {}, None, error, list(entry.warnings))


def _roll_back(done: ArticleResult, result: BuildResult) -> None:
    """Forget what a rebuild staged for an article whose PDF then failed: its published files stay."""
    result.staged.pop(done.display, None)
    result.written[:] = [rel for rel in result.written if rel not in done.entry.outputs]


def _finish_pdf(
    config: Config,
    typesetter: Typesetter,
    manifest: Manifest,
    result: BuildResult,
    progress: Progress,
    outcome: Outcome,
    done: ArticleResult,
    request: Request,
    old: Entry | None,
) -> bool:
    """Collect an article's PDF from the typesetter; complete its entry (True if the PDF failed)."""
    made = typesetter.result()
    assert made.rel == request.rel
    entry = done.entry
    result.timings[request.format] = result.timings.get(request.format, 0.0) + made.seconds
    if made.checked:
        result.timings["verify"] = result.timings.get("verify", 0.0) + made.checked
    error = made.error
    theirs = staging.not_ours(config, [*outcome.written, *([made.rel] if made.written else [])], result.ours)
    if made.digest is not None and theirs:
        error = str(staging.NotOurs(config, theirs, outcome.source))
    if made.digest is None or theirs:
        assert error is not None
        outcome.ok, outcome.error = False, error
        outcome.rebuilt = True
        kept = _keep_last_good(old, Entry(entry.source, entry.slug, entry.deps, {}, None, error, []))
        manifest.entries[outcome.source] = kept
        _roll_back(done, result)
        outcome.written = []
        note = " (its last good outputs are kept)" if kept.outputs else ""
        progress("failed", f"{error}{note}")
        return True
    entry.outputs = dict(sorted({**entry.outputs, made.rel: made.digest}.items()))
    if old is not None:
        result.doomed.update(set(old.outputs) - set(entry.outputs))
    outcome.warnings.extend(f"PDF: {w}" for w in made.warnings)
    entry.warnings = list(outcome.warnings)
    if made.written:
        outcome.written.append(made.rel)
        result.written.append(made.rel)
        result.staged.setdefault(outcome.source, []).append(made.rel)
    if done.verified:
        result.verified.add(made.rel)
        result.problems.extend(made.problems)
    progress("rebuilt", f"{outcome.source} → {outcome.slug}: {', '.join(outcome.reasons)}")
    for warning in outcome.warnings:
        progress("warning", f"{outcome.source}: {warning}")
    return False


def _site(
    config: Config,
    cache: Cache,
    manifest: Manifest,
    items: list[_Item],
    result: BuildResult,
    progress: Progress,
) -> None:
    """Regenerate the site-wide files from the cached summaries; write (or, with --check, list) what changed."""
    from reportgen.present import page
    from reportgen.site import figures_page, publish

    out = config.output_dir
    if result.check and (result.rebuilt or result.removed):
        result.stale_site.append("site-wide pages (index, search index, feed, figures)")
        progress("stale", "site-wide pages: briefings changed")
        return
    summaries = []
    for item in items:
        entry = manifest.entries.get(item.display)
        if entry is not None and entry.summary is not None:  # a failed rebuild keeps its last good summary
            summaries.append(entry.summary)

    # The figures-over-time charts need matplotlib: redraw one only when its data or look changed.
    chart_ctx = []
    chart_file: dict[str, bytes] = {}
    objects = []
    for name, title, series in figures_page.charts(summaries, config) if outputs.builds_site(config) else ():
        # Latest value per day and event, never a sum (see figures_page).
        key = cachemod.object_key(name, title, series, config_hashes(config, cachemod.CHART_SECTIONS))
        rel = f"{publish.FIGURES_DIR}/{name}.svg"
        cached = cache.get("linechart", key)
        if cached is None:
            if result.check:
                result.stale_site.append(rel)
                progress("stale", f"{rel}: figures over time changed")
                return
            from reportgen.present import charts

            cached = charts.line_chart(name, title, series, config)
            cache.put("linechart", key, cached)
        chart_ctx.append(
            page.chart_context(
                cached,
                f"{name}.svg",
                heads=("الحدث", "التاريخ", "آخر رقم معلن"),
                rows=figures_page.chart_rows(series, config),
                narrow=cached.narrow_name,
            )
        )
        from reportgen.outputs.html import chart_svgs

        chart_file.update(chart_svgs(f"{publish.FIGURES_DIR}/", cached, config))
        objects.append(f"linechart-{key}")

    from reportgen.present import render

    files = {**publish.site_files(render.environment(config), config, summaries, chart_ctx), **chart_file}
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
    written = staging.stage(config, files)
    theirs = staging.not_ours(config, written, result.ours)
    if theirs:  # nothing is published: the index must not link to briefings it cannot show
        raise staging.NotOurs(config, theirs, "the site's pages")
    result.staged[""] = written
    if written:
        progress("rebuilt", f"site: {', '.join(written)}")
    result.stale_site.extend(written)
    result.written.extend(written)
    manifest.site = {
        "outputs": {rel: digest(data) for rel, data in sorted(files.items())},
        "objects": objects,
    }
