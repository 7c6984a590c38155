"""Load and validate `config.yaml`.

Like mkdocs, every option is declared once (name, type check, default, what it means); loading collects
*every* problem, each printed as ``Config value 'x': …`` with its line in the file, then aborts once.
Cross-field checks run after the single-field ones.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from reportgen import PACKAGE_DIR, safeyaml, textclean
from reportgen.errors import ConfigError

CONFIG_NAME = "config.yaml"
# The allowed formats are the ones registered in reportgen.outputs (checked in `_formats`).
DEFAULT_FORMATS = ("html", "pdf")
DIGIT_STYLES = ("western", "arabic-indic")
FONT_FAMILIES = ("IBM Plex Sans Arabic", "Amiri")
EXECUTORS = ("local", "dask")
REVIEW_MODES = ("optional", "required")

# Options whose default is the bundled config.yaml's value (data, not code): a project that leaves
# them out still gets working figure categories and boilerplate patterns.
INHERITED = ("categories", "boilerplate")
BUNDLED_CONFIG = PACKAGE_DIR / "data" / "config.yaml"


@dataclass(frozen=True, slots=True)
class Category:
    """A figure category as data: the counted nouns (lemmas) and optional context words that select it."""

    key: str
    label: str
    nouns: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    units: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Theme:
    accent: str = "#1f5f8b"
    bar: str = "#2e7bb4"
    text: str = "#1d1d1f"
    grid: str = "#dddddd"
    mentions: str = "#5b8c5a"
    chart_width: float = 7.0
    chart_height: float = 3.2
    # Chart text size in points.
    font_size: float = 11
    # Extra line colours after `bar` and `accent`, for charts with more series.
    series: tuple[str, ...] = ("#c0392b", "#8e44ad", "#d68910", "#16a085")


@dataclass(frozen=True, slots=True)
class Config:
    root: Path
    title: str = "موجز الأخبار العربية"
    sources: str = "seeds/*.txt"
    output: str = "reports"
    formats: tuple[str, ...] = DEFAULT_FORMATS
    templates: str = "templates"
    font_body: str = "IBM Plex Sans Arabic"
    font_heading: str = "IBM Plex Sans Arabic"
    digits: str = "western"
    boilerplate: tuple[str, ...] = ()
    categories: tuple[Category, ...] = ()
    gazetteer: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    theme: Theme = field(default_factory=Theme)
    site_url: str | None = None
    max_article_bytes: int = 5_000_000
    # How stale articles are built (none of these change what is built, so no cache key depends on them).
    jobs: int | None = None  # worker processes; None: one per CPU core
    executor: str = "local"
    scheduler: str | None = None  # Dask scheduler address, with executor: dask
    feeds: tuple[str, ...] = ()  # what `reportgen fetch` reads with no URL given (never part of a cache key)
    # An editor's corrections (see reportgen.corrections) and whether unchecked figures are published.
    corrections: str = "corrections.yaml"
    review: str = "optional"

    @property
    def output_dir(self) -> Path:
        return (self.root / self.output).resolve()

    @property
    def corrections_path(self) -> Path:
        return (self.root / self.corrections).resolve()

    @property
    def templates_dir(self) -> Path:
        return (self.root / self.templates).resolve()

    def category(self, key: str | None) -> Category | None:
        return next((c for c in self.categories if c.key == key), None)

    def section(self, name: str) -> Any:
        """The value a cache key depends on, by config section name."""
        return getattr(self, name)


# --- single-field checks -------------------------------------------------------------------------------

Check = Callable[[str, Any], tuple[Any, str | None]]


def _string(name: str, value: Any) -> tuple[Any, str | None]:
    if isinstance(value, str) and value.strip():
        bad = next((c for c in value if textclean.strip(c) != c), None)
        if bad is not None:  # it would reach pages, the feed and the log
            return None, f"contains the control character {textclean.describe(bad)} — got {value!r}"
        return value, None
    return None, f"expected a non-empty string — got {value!r}"


def _one_of(*allowed: str) -> Check:
    def check(name: str, value: Any) -> tuple[Any, str | None]:
        if value in allowed:
            return value, None
        return None, f"expected one of {', '.join(allowed)} — got {value!r}"

    return check


def _list_of(*allowed: str) -> Check:
    def check(name: str, value: Any) -> tuple[Any, str | None]:
        if isinstance(value, str):
            value = [value]
        if (
            isinstance(value, list)
            and value
            and all(isinstance(v, str) and v in allowed for v in value)
            and len(set(value)) == len(value)
        ):
            return tuple(value), None
        return None, f"expected a list of {', '.join(allowed)} — got {value!r}"

    return check


def _formats(name: str, value: Any) -> tuple[Any, str | None]:
    # The registry is imported when a config is checked, not when this module is imported: formats render
    # from the view, downstream of config, and import config themselves.
    from reportgen import outputs

    return _list_of(*outputs.registered())(name, value)


def _patterns(name: str, value: Any) -> tuple[Any, str | None]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return None, f"expected a list of regular expressions — got {value!r}"
    for pattern in value:
        try:
            re.compile(pattern)
        except re.error as exc:
            return None, f"{pattern!r} is not a valid regular expression ({exc})"
    return tuple(value), None


_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f/?#\"'<>\\^`{|}]+(/[^\s\x00-\x1f\x7f?#\"'<>\\^`{|}]*)?")


def _site_url(name: str, value: Any) -> tuple[Any, str | None]:
    """An absolute http(s) URL; stored with a trailing slash so page paths can be appended."""
    # No quotes, angle brackets or spaces: the URL is written into feed.xml, sitemap.xml and page links.
    if not isinstance(value, str) or not _URL.fullmatch(value.strip()):
        return None, f"expected an absolute http(s) URL like 'https://example.org/briefings/' — got {value!r}"
    value = value.strip()
    return (value if value.endswith("/") else value + "/"), None


def _positive_int(most: int, unit: str = "") -> Check:
    """A whole number from 1 to `most`: a limit nobody needs beyond it, which the machine could not honour."""

    def check(name: str, value: Any) -> tuple[Any, str | None]:
        if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= most:
            return value, None
        if isinstance(value, int) and not isinstance(value, bool) and value > most:
            return None, f"at most {most:,}{unit} — got {value:,}"
        return None, f"expected a positive whole number — got {value!r}"

    return check


# Extraction holds about 200 bytes per byte of a run-on article (benchmarks/bench_limits.py): beyond 100 MB
# an article would need tens of gigabytes. More worker processes than this only divide memory further.
MAX_ARTICLE_BYTES_LIMIT = 100_000_000
MAX_JOBS = 256


def parse_scheduler(name: str, value: Any) -> tuple[Any, str | None]:
    if isinstance(value, str) and re.fullmatch(r"(tcp|tls|ws|wss|ucx)://[^\s/]+:\d{1,5}/?", value.strip()):
        return value.strip().rstrip("/"), None
    return None, f"expected a Dask scheduler address like 'tcp://10.0.0.5:8786' — got {value!r}"


def _fonts(name: str, value: Any) -> tuple[Any, str | None]:
    if not isinstance(value, dict):
        return None, f"expected a mapping with 'body' and/or 'heading' — got {value!r}"
    unknown = set(value) - {"body", "heading"}
    if unknown:
        return None, f"unknown key {sorted(unknown)[0]!r}; allowed: body, heading"
    for key, family in value.items():
        if family not in FONT_FAMILIES:
            return None, f"'{key}' must be one of {', '.join(FONT_FAMILIES)} (bundled fonts) — got {family!r}"
    return value, None


def _event_categories() -> tuple[str, ...]:
    """Categories decided by event words (killed, wounded, …): their entry needs only a label."""
    from reportgen.extract.events import categories

    return categories()


def _categories(name: str, value: Any) -> tuple[Any, str | None]:
    if not isinstance(value, dict):
        return None, f"expected a mapping of category key → {{label, nouns, context}} — got {value!r}"
    out = []
    for key, spec in value.items():
        if not isinstance(key, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", key):
            return None, f"category key {key!r} must be lower_snake_case ASCII"
        if not isinstance(spec, dict) or not isinstance(spec.get("label"), str):
            return None, f"category {key!r} needs a 'label' (the Arabic text shown to readers)"
        unknown = set(spec) - {"label", "nouns", "context", "units"}
        if unknown:
            bad = sorted(unknown)[0]
            return (
                None,
                f"category {key!r}: unknown key {bad!r}{_did_you_mean(bad, ['label', 'nouns', 'context', 'units'])}",
            )
        lists = {}
        for part in ("nouns", "context", "units"):
            items = spec.get(part, [])
            if not isinstance(items, list) or not all(isinstance(i, str) and i for i in items):
                return None, f"category {key!r}: '{part}' must be a list of words — got {items!r}"
            lists[part] = tuple(items)
        if not lists["nouns"] and not lists["units"] and key not in _event_categories():
            return None, f"category {key!r} needs at least one of 'nouns' or 'units'"
        out.append(Category(key=key, label=spec["label"], **lists))
    return tuple(out), None


def _gazetteer(name: str, value: Any) -> tuple[Any, str | None]:
    if not isinstance(value, dict):
        return None, f"expected a mapping with places, organizations, people — got {value!r}"
    allowed = ("places", "organizations", "people")
    out: dict[str, tuple[str, ...]] = {}
    for key, names in value.items():
        if key not in allowed:
            return None, f"unknown key {key!r}{_did_you_mean(key, allowed)}; allowed: {', '.join(allowed)}"
        if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
            return None, f"'{key}' must be a list of names — got {names!r}"
        out[key] = tuple(names)
    return out, None


def _theme(name: str, value: Any) -> tuple[Any, str | None]:
    if not isinstance(value, dict):
        return None, f"expected a mapping — got {value!r}"
    fields = Theme.__dataclass_fields__
    kwargs = {}
    for key, item in value.items():
        if key not in fields:
            return None, f"unknown key {key!r}{_did_you_mean(key, list(fields))}"
        default = fields[key].default
        if isinstance(default, tuple):
            if not isinstance(item, list) or not all(
                isinstance(i, str) and re.fullmatch(r"#[0-9a-fA-F]{6}", i) for i in item
            ):
                return None, f"'{key}' must be a list of colours like '#1f5f8b' — got {item!r}"
            item = tuple(item)
        elif isinstance(default, str):
            if not isinstance(item, str) or not re.fullmatch(r"#[0-9a-fA-F]{6}", item):
                return None, f"'{key}' must be a colour like '#1f5f8b' — got {item!r}"
        elif not isinstance(item, int | float) or isinstance(item, bool) or not 1 <= item <= 30:
            unit = "points" if key == "font_size" else "inches"
            return None, f"'{key}' must be a size in {unit} between 1 and 30 — got {item!r}"
        kwargs[key] = item
    return Theme(**kwargs), None


def _feeds(name: str, value: Any) -> tuple[Any, str | None]:
    if isinstance(value, list) and all(isinstance(v, str) and re.match(r"(?i)https?://\S+$", v) for v in value):
        return tuple(value), None
    return None, f"expected a list of http(s) feed or article URLs — got {value!r}"


@dataclass(frozen=True, slots=True)
class Option:
    check: Check
    help: str
    # What a change to it makes stale in the build cache: "extract" (every article's figures), "charts"
    # (every chart), "pages" (every briefing's files). Empty for options about how a build runs (jobs,
    # executor) or that only site-wide pages read (those are regenerated on every build).
    affects: frozenset[str] = frozenset()


EXTRACT, CHARTS, PAGES = "extract", "charts", "pages"


def affecting(stage: str) -> tuple[str, ...]:
    """The config.yaml keys a stage's cached results depend on: the one place cache keys come from."""
    return tuple(name for name, option in OPTIONS.items() if stage in option.affects)


OPTIONS: dict[str, Option] = {
    "title": Option(_string, "Site title shown on the index and in the PDF metadata.", frozenset({PAGES})),
    "sources": Option(_string, "Glob of article files, relative to the project (default seeds/*.txt)."),
    "output": Option(_string, "Output directory, relative to the project (default reports)."),
    "formats": Option(
        _formats,
        "Which outputs to build: html, pdf, docx (formats registered in reportgen.outputs).",
        frozenset({PAGES}),
    ),
    "templates": Option(_string, "Directory of template overrides; missing files come from the default theme."),
    "fonts": Option(_fonts, "Bundled font families for body and headings.", frozenset({CHARTS, PAGES})),
    "digits": Option(
        _one_of(*DIGIT_STYLES),
        "How numbers are displayed: western (0-9) or arabic-indic (٠-٩).",
        frozenset({CHARTS, PAGES}),
    ),
    "boilerplate": Option(
        _patterns, "Regular expressions; trailing article lines matching them are dropped.", frozenset({EXTRACT})
    ),
    "categories": Option(
        _categories, "Figure categories: key → label, counted nouns, context words.", frozenset({EXTRACT, PAGES})
    ),
    "gazetteer": Option(_gazetteer, "Extra places, organizations and people to recognise.", frozenset({EXTRACT})),
    "theme": Option(_theme, "Colours and chart sizes.", frozenset({CHARTS, PAGES})),
    "site_url": Option(_site_url, "Public URL of the site (enables sitemap.xml and absolute feed links)."),
    "max_article_bytes": Option(
        _positive_int(MAX_ARTICLE_BYTES_LIMIT, " bytes"),
        "Articles larger than this are refused (default 5 MB, at most 100 MB).",
        frozenset({EXTRACT}),
    ),
    "jobs": Option(
        _positive_int(MAX_JOBS), "Worker processes for a build (default: one per CPU core; 1 builds in-process)."
    ),
    "executor": Option(_one_of(*EXECUTORS), "Where articles are built: local (process pool) or dask (a cluster)."),
    "feeds": Option(_feeds, "RSS/Atom feeds or article pages that `reportgen fetch` reads when given no URL."),
    "scheduler": Option(parse_scheduler, "Dask scheduler address (tcp://HOST:PORT), used with executor: dask."),
    "corrections": Option(_string, "An editor's corrections file, relative to the project (default corrections.yaml)."),
    # The gate decides which figures a briefing shows; the corrections themselves are keyed per article.
    "review": Option(
        _one_of(*REVIEW_MODES),
        "optional: every figure is published; required: only figures an editor approved, corrected or added.",
        frozenset({PAGES}),
    ),
}


def _did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that remembers the line of each top-level key, for error messages."""


def _key_lines(text: str) -> dict[str, int]:
    try:
        node = yaml.compose(text, Loader=_LineLoader)
    except yaml.YAMLError:
        return {}
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {k.value: k.start_mark.line + 1 for k, _ in node.value if isinstance(k, yaml.ScalarNode)}


@functools.cache
def bundled_defaults() -> dict[str, Any]:
    """The checked values of the INHERITED options in the bundled config.yaml."""
    data = yaml.safe_load(BUNDLED_CONFIG.read_text(encoding="utf-8"))
    out = {}
    for key in INHERITED:
        value, error = OPTIONS[key].check(key, data[key])
        assert error is None, f"bundled config.yaml: {key}: {error}"
        out[key] = value
    return out


def parse(text: str, root: Path, path: str = CONFIG_NAME, *, allow_outside: bool = False) -> Config:
    try:
        data = safeyaml.load(text) if text.strip() else {}
    except yaml.YAMLError as exc:
        line, column, problem = safeyaml.located(exc)
        where = f"{path}:{line + 1}:{(column or 0) + 1}" if line is not None else path
        raise ConfigError([f"{where}: not valid YAML: {problem}"]) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError([f"{path}: expected a mapping of options at the top level — got {type(data).__name__}"])

    lines = _key_lines(text)
    problems: list[str] = []
    values: dict[str, Any] = {}

    def report(key: str, message: str) -> None:
        line = lines.get(key)
        where = f"{path}:{line}" if line else path
        problems.append(f"{where}: Config value '{key}': {message}")

    for key, raw in data.items():
        option = OPTIONS.get(key) if isinstance(key, str) else None
        if option is None:
            report(str(key), f"unknown option{_did_you_mean(str(key), list(OPTIONS))}")
            continue
        value, error = option.check(key, raw)
        if error:
            report(key, error)
        else:
            values[key] = value

    for key, value in bundled_defaults().items():
        values.setdefault(key, value)
    fonts = values.pop("fonts", {})
    kwargs: dict[str, Any] = {k: v for k, v in values.items()}
    if "body" in fonts:
        kwargs["font_body"] = fonts["body"]
    if "heading" in fonts:
        kwargs["font_heading"] = fonts["heading"]
    config = Config(root=root.resolve(), **kwargs)

    # Cross-field checks, once every field is known to be well-formed.
    if not problems:
        out = config.output_dir
        project = config.root
        seeds_dir = (project / config.sources.split("*", 1)[0]).resolve()
        cache_dir = project / ".reportgen-cache"
        pattern = Path(config.sources)
        if pattern.is_absolute() or ".." in pattern.parts:
            report(
                "sources",
                f"{config.sources!r} must be a glob inside the project, relative to it (like 'seeds/*.txt'); "
                "copy articles from elsewhere into the project",
            )
        if out.exists() and not out.is_dir():
            report("output", f"{out} exists and is not a directory")
        elif out == project:
            report("output", "must not be the project directory itself (a build would overwrite your sources)")
        elif out == cache_dir or out.is_relative_to(cache_dir):
            report("output", "must not be the build cache (.reportgen-cache): it would be published")
        elif project.is_relative_to(out):
            report("output", "must not contain the project directory")
        elif out == seeds_dir or (seeds_dir.is_relative_to(out) and seeds_dir != project):
            report("output", f"must not be or contain the sources directory {config.sources!r}")
        elif config.templates_dir == out or config.templates_dir.is_relative_to(out):
            report("output", f"must not be or contain the templates directory {config.templates!r}")
        elif not out.is_relative_to(project) and not allow_outside:
            report("output", f"{out} is outside the project; pass --allow-outside if that is intended")
        if config.executor == "dask" and config.scheduler is None:
            report("executor", "dask needs a 'scheduler' address (tcp://HOST:PORT) in config.yaml or --scheduler")
        if config.scheduler is not None and config.executor != "dask":
            report("scheduler", "is only used with 'executor: dask'; set that too, or remove 'scheduler'")
    if problems:
        raise ConfigError(problems)
    return config


def load(root: Path, path: Path | None = None, *, allow_outside: bool = False) -> Config:
    """Load `config.yaml` from a project directory; a missing file means all defaults."""
    path = path or root / CONFIG_NAME
    if not path.exists():
        return parse("", root, path.name, allow_outside=allow_outside)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError([f"{path}: config must be UTF-8 ({exc.reason} at byte {exc.start})"]) from None
    display = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
    return parse(text, root, display, allow_outside=allow_outside)
