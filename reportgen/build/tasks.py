"""The per-article task: one stale article in, its outputs written (or returned) and a small summary out.

The same function runs in the build process (`--jobs 1`), in a worker of the local process pool and on a
Dask worker, so the bytes of a briefing never depend on which executor made them. Its inputs are plain
data (the config, the article's bytes and dependency hashes); it returns an `ArticleResult`: the cache
`Entry` (output hashes and the summary the site-wide pages are built from), warnings, the files written,
and per-stage timings. Nothing bulky is kept: outputs are staged by the worker itself (local executors
share the project directory; the build publishes them, see `staging`) or, with `return_files`, handed
back as bytes for the caller to stage (a Dask cluster need not share a filesystem with the client).

Heavy state (the Jinja environment, matplotlib, WeasyPrint's fonts) lives in `_WorkerState`, created
once per process and reused for every article that process builds.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Protocol

from reportgen import outputs, sources
from reportgen.build import cache as cachemod
from reportgen.build import cachecodec, staging
from reportgen.build.cache import Entry, digest
from reportgen.build.typesetter import Request, Typesetter
from reportgen.config import Config
from reportgen.errors import BuildError, RenderError
from reportgen.model import Briefing
from reportgen.present.charts import BRIEFING_CHARTS
from reportgen.present.view import BriefingView

# Per-stage timings: each selected format is a stage of its own, named after it. "import": loading
# matplotlib and WeasyPrint the first time a process draws or typesets (not counted in charts or pdf).
STAGES = ("ingest", "extract", "import", "charts", *outputs.registered(), "write")


class Store(Protocol):
    def get(self, kind: str, key: str) -> Any | None: ...
    def put(self, kind: str, key: str, value: Any) -> None: ...


class MemoryStore:
    """A cache for workers that may not see the project directory: preloaded objects in, new objects out."""

    def __init__(self, preloaded: dict[str, bytes] | None = None) -> None:
        self.objects = dict(preloaded or {})
        self.new: dict[str, bytes] = {}

    def get(self, kind: str, key: str) -> Any | None:
        data = self.objects.get(f"{kind}-{key}")
        if data is None:
            return None
        try:
            return cachecodec.decode(kind, data)
        except cachecodec.Invalid:
            return None

    def put(self, kind: str, key: str, value: Any) -> None:
        data = cachecodec.encode(kind, value)
        self.objects[f"{kind}-{key}"] = data
        self.new[f"{kind}-{key}"] = data


@dataclass(slots=True)
class ArticleTask:
    display: str
    slug: str
    data: bytes
    deps: dict[str, str]
    code: str = ""  # reportgen's code fingerprint on the side that planned the build
    verify: bool = False  # run the per-briefing checks (PDF fonts and text, chart labels) where it is built
    corrections: tuple[Any, ...] = ()  # the editor's entries for this article (reportgen.corrections.Correction)


@dataclass(slots=True)
class ArticleResult:
    display: str
    entry: Entry
    ok: bool
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # extra reasons for the log ("extraction reused")
    timings: dict[str, float] = field(default_factory=dict)
    files: dict[str, bytes] | None = None  # with return_files: the outputs, for the caller to write
    objects: dict[str, bytes] | None = None  # with a MemoryStore: new cache objects, encoded (cachecodec)
    verified: bool = False  # the per-briefing checks ran on `entry.outputs`; their findings are in `problems`
    problems: list[str] = field(default_factory=list)
    # A PDF still being typeset by `WorkerState.typesetter`: not yet in `entry.outputs` nor `written`.
    pending: Request | None = None


class _Timer:
    """Seconds per stage; a stage timed inside another is not counted in the outer one as well."""

    def __init__(self) -> None:
        self.times: dict[str, float] = {}
        self.open: list[str] = []

    def add(self, stage: str, seconds: float) -> None:
        self.times[stage] = self.times.get(stage, 0.0) + seconds

    def stage(self, name: str) -> _Stage:
        return _Stage(self, name)


class _Stage:
    def __init__(self, timer: _Timer, name: str) -> None:
        self.timer, self.name = timer, name

    def __enter__(self) -> None:
        self.timer.open.append(self.name)
        self.start = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        seconds = time.perf_counter() - self.start
        self.timer.open.pop()
        self.timer.add(self.name, seconds)
        if self.timer.open:
            self.timer.add(self.timer.open[-1], -seconds)


class WorkerState:
    """What a process reuses across articles of one build: the Jinja environment and config hashes.

    Keyed by the config and the template hashes, so a long-lived worker (Dask) never renders with a
    stale template or config.
    """

    def __init__(self, config: Config, key: str = "") -> None:
        self.config = config
        self.key = key
        self._env: Any = None
        # When set, PDFs are made by this other process (see `typesetter`) and the results say so.
        self.typesetter: Typesetter | None = None
        self.extract_deps = cachemod.config_hashes(config, cachemod.EXTRACT_SECTIONS)
        self.chart_deps = cachemod.config_hashes(config, cachemod.CHART_SECTIONS)

    @property
    def env(self) -> Any:
        if self._env is None:
            from reportgen.present import render

            self._env = render.environment(self.config)
        return self._env


_STATE: WorkerState | None = None


def state_for(config: Config, deps: dict[str, str]) -> WorkerState:
    """This process's state for `config` and the templates named in `deps`, made when either changes."""
    global _STATE
    key = cachemod.stable_json([config, {k: v for k, v in deps.items() if k.startswith("template:")}])
    if _STATE is None or _STATE.key != key:
        _STATE = WorkerState(config, key)
    return _STATE


def warm_up(config: Config | None = None) -> None:
    """Import the renderers (matplotlib with its backend set, WeasyPrint) before the first article needs them."""
    from reportgen import check, extract
    from reportgen.outputs import pdf
    from reportgen.present import charts

    extract.warm_up()  # the matchers compile their patterns on import (extract imports them lazily)
    charts.warm_up()
    pdf.warm_up()
    check.warm_up(config)
    if config is not None:
        WorkerState(config).env  # noqa: B018  (imports jinja2 and compiles nothing yet)


def build_article(
    config: Config,
    task: ArticleTask,
    store: Store,
    *,
    return_files: bool = False,
    state: WorkerState | None = None,
) -> ArticleResult:
    """Extract, chart, render and write one article. A `BuildError` becomes a failed result, not an exception."""
    st = state if state is not None else state_for(config, task.deps)
    timer = _Timer()
    keys: set[str] = set()
    warnings: list[str] = []
    notes: list[str] = []
    try:
        if task.code and task.code != cachemod.code_version():
            raise RenderError(
                f"{task.display}: this worker runs reportgen {cachemod.code_version()}, the build "
                f"{task.code}; install the same reportgen on every worker"
            )
        briefing = _briefing(st, task, store, keys, timer, notes)
        warnings.extend(briefing.article.warnings)
        warnings.extend(briefing.extraction.warnings)
        from reportgen import corrections, site
        from reportgen.present.view import build_view

        with timer.stage("extract"):
            briefing, review = corrections.apply(briefing, task.corrections, required=config.review == "required")
            view = build_view(briefing, config)
            view.held = len(review.held)
        with timer.stage("charts"):
            drawn = _charts(st, store, keys, timer, view)
        deferred = st.typesetter is not None and not return_files
        pages = site.render_briefing(st.env, config, view, drawn, briefing, timings=timer.times, defer=deferred)
        warnings.extend(f"PDF: {p}" for p in pages.problems)
        pages.summary["review"] = review.summary(briefing.extraction.figures)
        files = pages.files
        pending = None
        if pages.deferred and st.typesetter is not None:
            # Typeset in the other process while this one goes on; `build` collects the outcome.
            (job,) = pages.deferred
            pending = Request(task.display, job.rel, job.html, task.verify, job.attachments, job.format)
            st.typesetter.submit(pending)
        written: list[str] = []
        if not return_files:
            with timer.stage("write"):
                written = staging.stage(config, files)  # published by the build once everything is made
        problems: list[str] = []
        verified = task.verify and not return_files
        if verified and written:
            # Here, in the worker, so the expensive checks run in parallel like the rendering they check.
            # On the staged files: those unchanged were checked when they were made.
            from reportgen.check import article_checks, run_checks

            with timer.stage("verify"):
                area = staging.staging_dir(config)
                problems = [str(p) for p in run_checks(area, config, set(written), article_checks())]
        outputs = {rel: digest(data) for rel, data in sorted(files.items())}
        entry = Entry(task.display, task.slug, task.deps, outputs, pages.summary, None, list(warnings), sorted(keys))
        return ArticleResult(
            task.display,
            entry,
            True,
            None,
            warnings,
            written,
            notes,
            timer.times,
            files if return_files else None,
            _new_objects(store),
            verified,
            problems,
            pending,
        )
    except BuildError as exc:
        message = str(exc)
        if not message.startswith(task.display):  # a template or renderer error: say which article it was
            message = f"{task.display}: while rendering this article: {message}"
        entry = Entry(task.display, task.slug, task.deps, {}, None, message, list(warnings))
        return ArticleResult(task.display, entry, False, message, warnings, [], notes, timer.times, None, None)


def failed(task: ArticleTask, message: str) -> ArticleResult:
    """The result of an article whose task died outside `build_article`'s control (crash, lost worker)."""
    entry = Entry(task.display, task.slug, task.deps, {}, None, message, [])
    return ArticleResult(task.display, entry, False, message)


def _new_objects(store: Store) -> dict[str, bytes] | None:
    return dict(store.new) if isinstance(store, MemoryStore) else None


def extraction_key(st: WorkerState, display: str, article_hash: str, slug: str) -> str:
    return cachemod.object_key(display, article_hash, slug, st.extract_deps)


def _briefing(
    st: WorkerState, task: ArticleTask, store: Store, keys: set[str], timer: _Timer, notes: list[str]
) -> Briefing:
    key = extraction_key(st, task.display, task.deps["article"], task.slug)
    keys.add(f"extract-{key}")
    cached = store.get("extract", key)
    if isinstance(cached, Briefing):
        notes.append("extraction reused")
        return cached
    from reportgen.extract import extract_article

    config = st.config
    with timer.stage("ingest"):
        article = sources.read_bytes(
            task.data, task.display, config.boilerplate, config.max_article_bytes, slug=task.slug
        )
    with timer.stage("extract"):
        briefing = Briefing(article, extract_article(article, config))
    store.put("extract", key, briefing)
    return briefing


def _charts(st: WorkerState, store: Store, keys: set[str], timer: _Timer, view: BriefingView) -> dict[str, Any]:
    """The briefing's charts by slot: from the cache when their bars and look are unchanged, else drawn."""
    config = st.config
    if not outputs.needs_charts(config):
        return {}
    drawn = {}
    for slot, kind in BRIEFING_CHARTS.items():
        bars = kind.bars(view, config)
        if not bars:
            continue
        key = cachemod.object_key(bars, st.chart_deps)
        keys.add(f"{slot}-{key}")
        chart = store.get(slot, key)
        if chart is None:
            from reportgen.present import charts

            with timer.stage("import"):
                charts.warm_up()  # matplotlib, once per process
            chart = kind.draw(bars, config)
            store.put(slot, key, chart)
        if chart is not None:
            drawn[slot] = chart
    return drawn
