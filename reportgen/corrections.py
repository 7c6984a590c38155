"""An editor's corrections to the extracted figures, and the review state every published figure carries.

`corrections.yaml` (at the project root; `corrections:` in config.yaml moves it) maps article paths to a
list of entries. Each entry finds one figure by its `text` exactly as it appears in the article, and
`occurrence: N` (1-based, counted among the figures with that text, in document order) when the text
appears more than once (plus, optionally, `sentence:` — words around it that its sentence must still
contain, so that an edit removing an earlier same-text figure cannot shift the entry onto another one):

    seeds/rutba-karbala-operation.txt:
      - text: 15 معسكراً
        approved: true            # checked as extracted      → review: approved
      - text: 10 أوكار
        category: vehicles_destroyed   # any of value, low, high, unit, noun, category, qualifier
                                  #                           → review: corrected (machine reading kept)
      - text: 40 قرية
        drop: true                # not published
      - text: 3 عجلات
        add: {value: 3, noun: عجلة, category: vehicles_destroyed}   # a figure the engine missed
                                  #                           → review: added (span from the article's text)

Corrections are applied after extraction and before the view (`apply`), so every output — pages, PDF,
JSON, CSV, search index, figures page, feed — shows the corrected figures. An entry that no longer
finds its figure (the article changed) never applies to another one: it is reported as *stale* with
its line (`corrections.yaml:LINE: …`), and `build --strict` fails on it. The file is validated like
config.yaml before anything is built: unknown keys, unknown categories and wrong types are errors with
file:line and a did-you-mean.

With `review: required` in config.yaml only approved, corrected and added figures are published; the
others are held back and listed in the build's summary. `reportgen review` lists the unchecked figures
and `reportgen review approve` appends `approved: true` entries, keeping the file's comments and order.
"""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import yaml

from reportgen.config import Config
from reportgen.errors import ConfigError, UsageError
from reportgen.model import QUALIFIERS, READING, Briefing, Figure
from reportgen.present import display

ENTRY_KEYS = ("text", "occurrence", "sentence", "drop", "approved", "add", "note", *READING)
ADD_KEYS = READING
ADD_RULE = "corrections.add"
# Largest magnitude a corrected or added value may have: larger than any count or amount news reports
# (world output is about 1e14 dollars), and small enough for every format and chart to show.
MAX_VALUE = 1e18


# --- the parsed file ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Correction:
    """One entry of corrections.yaml. `line` is where it starts (only for messages: never part of a key)."""

    text: str
    line: int
    occurrence: int = 1
    drop: bool = False
    approved: bool = False
    changes: tuple[tuple[str, Any], ...] = ()  # overridden READING fields, in file order
    add: tuple[tuple[str, Any], ...] | None = None
    note: str | None = None
    # Words around the figure that its sentence must still contain: when an earlier figure with the same text
    # disappears from an edited article, occurrence N points at another figure, and this catches it.
    sentence: str | None = None

    def key(self) -> dict[str, Any]:
        """What the entry does, without where it is: the input of the article's cache key."""
        return {
            "text": self.text,
            "occurrence": self.occurrence,
            "drop": self.drop,
            "approved": self.approved,
            "changes": [list(c) for c in self.changes],
            "add": [list(a) for a in self.add] if self.add is not None else None,
            "sentence": self.sentence,
        }


@dataclass(frozen=True, slots=True)
class Corrections:
    path: str  # as shown in messages: project-relative when inside the project
    articles: Mapping[str, tuple[Correction, ...]] = field(default_factory=dict)
    lines: Mapping[str, int] = field(default_factory=dict)  # line of each article key

    def get(self, article: str) -> tuple[Correction, ...]:
        return self.articles.get(article, ())

    def digest(self, article: str) -> str | None:
        """The article's share of the cache key (None when the file says nothing about it)."""
        entries = self.get(article)
        if not entries:
            return None
        data = json.dumps([e.key() for e in entries], ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]

    def where(self, article: str, index: int | None = None) -> str:
        """`corrections.yaml:LINE` of an article's key, or of its entry number `index`."""
        entries = self.get(article)
        line = entries[index].line if index is not None and index < len(entries) else self.lines.get(article)
        return f"{self.path}:{line}" if line else self.path

    def unknown_articles(self, known: Iterable[str]) -> list[str]:
        """Stale-article messages: keys that name no article of the project (each with its line)."""
        known = sorted(known)
        out = []
        for article in self.articles:
            if article not in known:
                out.append(
                    f"{self.where(article)}: {article!r} is not an article of this project"
                    f"{_did_you_mean(article, known)}; its corrections are not applied"
                )
        return out


def _did_you_mean(word: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _kind(value: Any) -> str:
    return "nothing (null)" if value is None else f"{type(value).__name__} {value!r}"


class _Reader:
    """Walks the composed YAML (node line numbers) and collects every problem before giving up."""

    def __init__(self, path: str, categories: Sequence[str]) -> None:
        self.path = path
        self.categories = list(categories)
        self.problems: list[str] = []
        self.loader = yaml.SafeLoader("")

    def problem(self, node: yaml.Node, message: str) -> None:
        self.problems.append(f"{self.path}:{node.start_mark.line + 1}: {message}")

    def value(self, node: yaml.Node) -> Any:
        try:
            return self.loader.construct_object(node, deep=True)
        except yaml.YAMLError as exc:  # e.g. a !!python tag: safe loading refuses it
            where = f"{self.path}:{node.start_mark.line + 1}"
            raise ConfigError([f"{where}: not valid YAML here: {getattr(exc, 'problem', exc)}"]) from None

    def mapping(self, node: yaml.MappingNode, what: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            key = self.value(key_node)
            if not isinstance(key, str):
                self.problem(key_node, f"{what}: keys must be names — got {_kind(key)}")
                continue
            if key in out:
                line = out[key][0].start_mark.line + 1
                self.problem(key_node, f"{what}: {key!r} is given twice (also at line {line})")
                continue
            out[key] = (key_node, value_node)
        return out

    def reading(self, key: str, node: yaml.Node, value: Any, where: str) -> tuple[bool, Any]:
        """Check one READING field; (ok, value)."""
        if key in ("value", "low", "high"):
            if key != "value" and value is None:
                return True, None
            if isinstance(value, int | float) and not isinstance(value, bool):
                if math.isfinite(value) and abs(value) <= MAX_VALUE:
                    return True, value
                # .nan/.inf reached the chart's axis limits as a traceback; no news figure is this large.
                self.problem(node, f"{where}'{key}' must be a finite number of at most {MAX_VALUE:.0e} — got {value!r}")
                return False, None
            self.problem(node, f"{where}'{key}' must be a number — got {_kind(value)}")
        elif key == "category":
            if value is None or value in self.categories:
                return True, value
            if isinstance(value, str):
                hint = _did_you_mean(value, self.categories)
                self.problem(node, f"{where}unknown category {value!r}{hint}; categories come from config.yaml")
            else:
                self.problem(node, f"{where}'category' must be a category key — got {_kind(value)}")
        elif key == "qualifier":
            if value is None or value in QUALIFIERS:
                return True, value
            hint = _did_you_mean(str(value), QUALIFIERS)
            self.problem(node, f"{where}'qualifier' must be one of {', '.join(QUALIFIERS)} or null{hint}")
        elif key == "unit":
            if value is None or value in display.UNIT_LABELS:
                return True, value
            codes = list(display.UNIT_LABELS)
            labels = {v: k for k, v in display.UNIT_LABELS.items()}
            if isinstance(value, str) and value in labels:
                self.problem(node, f"{where}'unit' takes the unit's code: {labels[value]!r}, not {value!r}")
            else:
                hint = _did_you_mean(str(value), codes)
                self.problem(node, f"{where}unknown unit {value!r}{hint}; units: {', '.join(codes)}")
        elif key == "noun":
            if value is None or (isinstance(value, str) and value.strip()):
                return True, value
            self.problem(node, f"{where}'noun' must be a word — got {_kind(value)}")
        return False, None

    def entry(self, node: yaml.Node, article: str, number: int) -> Correction | None:
        where = f"{article}, correction {number}: "
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"{where}expected a mapping with 'text' and what to do — got {_kind(self.value(node))}")
            return None
        before = len(self.problems)
        items = self.mapping(node, f"{article}, correction {number}")
        fields: dict[str, Any] = {}
        changes: list[tuple[str, Any]] = []
        add: list[tuple[str, Any]] | None = None
        for key, (key_node, value_node) in items.items():
            if key not in ENTRY_KEYS:
                self.problem(
                    key_node,
                    f"{where}unknown key {key!r}{_did_you_mean(key, ENTRY_KEYS)}; allowed: {', '.join(ENTRY_KEYS)}",
                )
                continue
            value = self.value(value_node)
            if key == "text":
                if isinstance(value, str) and value.strip():
                    fields["text"] = value
                else:
                    self.problem(
                        value_node, f"{where}'text' must be the figure's text as in the article — got {_kind(value)}"
                    )
            elif key == "occurrence":
                if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
                    fields["occurrence"] = value
                else:
                    self.problem(value_node, f"{where}'occurrence' must be a whole number from 1 — got {_kind(value)}")
            elif key in ("drop", "approved"):
                if isinstance(value, bool):
                    fields[key] = value
                else:
                    self.problem(value_node, f"{where}'{key}' must be true or false — got {_kind(value)}")
            elif key == "note":
                if isinstance(value, str):
                    fields["note"] = value
                else:
                    self.problem(value_node, f"{where}'note' must be text — got {_kind(value)}")
            elif key == "sentence":
                if isinstance(value, str) and value.strip():
                    fields["sentence"] = value
                else:
                    self.problem(
                        value_node, f"{where}'sentence' must be words of the figure's sentence — got {_kind(value)}"
                    )
            elif key == "add":
                add = self.added(value_node, where)
            else:
                ok, checked = self.reading(key, value_node, value, where)
                if ok:
                    changes.append((key, checked))
        if "text" not in fields and "text" in items:
            return None
        if "text" not in items:
            self.problem(node, f"{where}needs 'text': the figure's text exactly as it appears in the article")
        if len(self.problems) > before:
            return None
        acts = [
            name
            for name, on in (("drop", fields.get("drop")), ("add", add is not None), ("a correction", changes))
            if on
        ]
        if len(acts) > 1:
            self.problem(node, f"{where}'{acts[0]}' cannot be combined with {' or '.join(acts[1:])}")
            return None
        bounds = dict(changes)
        if bounds.get("low") is not None and bounds.get("high") is not None and bounds["low"] > bounds["high"]:
            self.problem(node, f"{where}'low' ({bounds['low']}) is above 'high' ({bounds['high']}); swap them")
            return None
        return Correction(
            text=fields["text"],
            line=node.start_mark.line + 1,
            occurrence=fields.get("occurrence", 1),
            drop=fields.get("drop", False),
            approved=fields.get("approved", False),
            changes=tuple(changes),
            add=tuple(add) if add is not None else None,
            note=fields.get("note"),
            sentence=fields.get("sentence"),
        )

    def added(self, node: yaml.Node, where: str) -> list[tuple[str, Any]] | None:
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"{where}'add' must be a mapping like {{value: 3, noun: …, category: …}}")
            return None
        out: list[tuple[str, Any]] = []
        items = self.mapping(node, f"{where}add")
        for key, (key_node, value_node) in items.items():
            if key not in ADD_KEYS:
                self.problem(
                    key_node,
                    f"{where}add: unknown key {key!r}{_did_you_mean(key, ADD_KEYS)}; allowed: {', '.join(ADD_KEYS)}",
                )
                continue
            ok, checked = self.reading(key, value_node, self.value(value_node), f"{where}add: ")
            if ok:
                out.append((key, checked))
        given = dict(out)
        if "value" not in items:
            self.problem(node, f"{where}add: needs 'value' (the number as stated)")
        if ("low" in given) != ("high" in given) or (
            given.get("low") is not None and given.get("high") is not None and given["low"] > given["high"]
        ):
            self.problem(node, f"{where}add: a range needs both 'low' and 'high', low ≤ high")
        return out


def parse(text: str, path: str, categories: Sequence[str]) -> Corrections:
    """Validate corrections.yaml's text; every problem is collected into one ConfigError (exit 2)."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader) if text.strip() else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else path
        raise ConfigError([f"{where}: not valid YAML: {getattr(exc, 'problem', exc)}"]) from None
    if root is None or (isinstance(root, yaml.ScalarNode) and root.value in ("", "~", "null")):
        return Corrections(path)
    reader = _Reader(path, categories)
    if not isinstance(root, yaml.MappingNode):
        raise ConfigError([f"{path}:1: expected a mapping of article paths (seeds/x.txt) to lists of corrections"])
    articles: dict[str, tuple[Correction, ...]] = {}
    lines: dict[str, int] = {}
    for article, (key_node, value_node) in reader.mapping(root, "articles").items():
        lines[article] = key_node.start_mark.line + 1
        if isinstance(value_node, yaml.ScalarNode) and reader.value(value_node) is None:
            continue  # an article listed with nothing under it yet
        if not isinstance(value_node, yaml.SequenceNode):
            reader.problem(value_node, f"{article}: expected a list of corrections (lines starting with '- ')")
            continue
        entries = [reader.entry(item, article, n) for n, item in enumerate(value_node.value, 1)]
        seen: dict[tuple[str, int, bool], int] = {}
        for entry in entries:
            if entry is None:
                continue
            ident = (entry.text, entry.occurrence, entry.add is not None)
            if ident in seen:
                reader.problems.append(
                    f"{path}:{entry.line}: {article}: a second correction for «{entry.text}» occurrence "
                    f"{entry.occurrence} (the first is at line {seen[ident]}); merge them"
                )
            seen.setdefault(ident, entry.line)
        articles[article] = tuple(e for e in entries if e is not None)
    if reader.problems:
        raise ConfigError(reader.problems)
    return Corrections(path, {k: v for k, v in articles.items() if v}, lines)


def display_path(config: Config, path: Path) -> str:
    return path.relative_to(config.root).as_posix() if path.is_relative_to(config.root) else str(path)


def load(config: Config) -> Corrections:
    """The project's corrections (none when the file does not exist), validated against its categories."""
    path = config.corrections_path
    shown = display_path(config, path)
    if not path.is_file():
        return Corrections(shown)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError([f"{shown}: must be UTF-8 ({exc.reason} at byte {exc.start})"]) from None
    return parse(text, shown, [c.key for c in config.categories])


# --- applying them ------------------------------------------------------------------------------------


@dataclass(slots=True)
class Review:
    """What applying an article's corrections (and the review gate) did."""

    held: list[Figure] = field(default_factory=list)  # unchecked figures left out by `review: required`
    stale: list[tuple[int, str]] = field(default_factory=list)  # (entry index, message without the location)
    dropped: int = 0

    def summary(self, published: Sequence[Figure]) -> dict[str, Any]:
        """Plain data for the cache's per-article summary (the build's report reads it back)."""
        counts = {k: 0 for k in ("machine", "approved", "corrected", "added")}
        for fig in published:
            counts[fig.review] += 1
        return {
            "counts": counts,
            "dropped": self.dropped,
            "held": [{"text": f.text, "sentence": f.sentence} for f in self.held],
            "stale": [[i, m] for i, m in self.stale],
        }


def occurrences(figures: Sequence[Figure]) -> list[int]:
    """Each figure's occurrence number among the figures with the same text, in document order."""
    order = sorted(range(len(figures)), key=lambda i: (figures[i].start, figures[i].end))
    seen: dict[str, int] = {}
    out = [0] * len(figures)
    for i in order:
        seen[figures[i].text] = seen.get(figures[i].text, 0) + 1
        out[i] = seen[figures[i].text]
    return out


def figure_id(text: str, occurrence: int) -> str:
    """A short id that stays the same while the figure's text and occurrence do (not its list position)."""
    return hashlib.sha256(f"{text}\0{occurrence}".encode()).hexdigest()[:6]


def reading(fig: Figure) -> dict[str, Any]:
    return {k: getattr(fig, k) for k in READING}


def _nth(text: str, needle: str, n: int) -> int | None:
    pos = -1
    for _ in range(n):
        pos = text.find(needle, pos + 1)
        if pos < 0:
            return None
    return pos


_END = re.compile(r"[.!؟?\n]")


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around a span: from after the previous . ! ? ؟ or line break to the next one (kept)."""
    lo = max((m.end() for m in _END.finditer(text, 0, start)), default=0)
    m = _END.search(text, end)
    hi = m.end() if m and text[m.start()] != "\n" else (m.start() if m else len(text))
    return lo, hi


def _stale_message(article: str, entry: Correction, figures: Sequence[Figure], text: str) -> str:
    shown = f"«{entry.text}»" + (f" (occurrence {entry.occurrence})" if entry.occurrence > 1 else "")
    if entry.add is not None:
        count = text.count(entry.text)
        if count:
            return f"{article}: add {shown}: the text occurs only {count} time(s) in the article; not applied"
        return f"{article}: add {shown}: the text is no longer in the article; not applied"
    same = [f for f in figures if f.text == entry.text]
    if same:
        return f"{article}: {shown}: the article has only {len(same)} figure(s) with this text; not applied"
    hint = _did_you_mean(entry.text, sorted({f.text for f in figures}))
    if entry.text in text:
        return (
            f"{article}: {shown}: no figure has this text any more{hint} (to publish it anyway, use add:); not applied"
        )
    return f"{article}: {shown}: the text is no longer in the article{hint}; not applied"


def _moved_message(article: str, entry: Correction) -> str:
    return (
        f"{article}: «{entry.text}» (occurrence {entry.occurrence}) is no longer in the sentence with "
        f"«{entry.sentence}» (the article changed; check the occurrence); not applied"
    )


def _corrected(fig: Figure, changes: Mapping[str, Any]) -> Figure:
    new = dict(changes)
    # A new single value replaces a range unless the range is corrected too; a new range sets value = low.
    if "value" in new and "low" not in new and "high" not in new:
        new["low"] = new["high"] = None
    elif ("low" in new or "high" in new) and "value" not in new:
        low = new.get("low", fig.low)
        if low is not None:
            new["value"] = low
    return dataclasses.replace(fig, **new, review="corrected", machine=reading(fig))


def _added(briefing: Briefing, entry: Correction, start: int) -> Figure:
    text = briefing.article.text
    end = start + len(entry.text)
    ss, se = _sentence(text, start, end)
    values = dict(entry.add or ())
    if values.get("low") is not None and "value" not in values:
        values["value"] = values["low"]
    return Figure(
        value=values.get("value"),
        low=values.get("low"),
        high=values.get("high"),
        unit=values.get("unit"),
        noun=values.get("noun"),
        category=values.get("category"),
        qualifier=values.get("qualifier"),
        text=entry.text,
        start=start,
        end=end,
        sentence_start=ss,
        sentence_end=se,
        rule=ADD_RULE,
        sentence=text[ss:se].strip(),
        review="added",
    )


def corrected_figures(briefing: Briefing, entries: Sequence[Correction]) -> tuple[list[Figure], Review]:
    """The article's figures with its corrections applied (document order), and what happened."""
    figures = list(briefing.extraction.figures)
    text = briefing.article.text
    occ = occurrences(figures)
    index = {(f.text, n): i for i, (f, n) in enumerate(zip(figures, occ, strict=True))}
    out: list[Figure | None] = list(figures)
    review = Review()
    added: list[Figure] = []
    for n, entry in enumerate(entries):
        if entry.add is not None:
            start = _nth(text, entry.text, entry.occurrence)
            if start is None:
                review.stale.append((n, _stale_message(briefing.article.source, entry, figures, text)))
                continue
            fig = _added(briefing, entry, start)
            if entry.sentence is not None and entry.sentence not in fig.sentence:
                review.stale.append((n, _moved_message(briefing.article.source, entry)))
                continue
            same = next((i for i, f in enumerate(figures) if (f.start, f.end) == (fig.start, fig.end)), None)
            if same is not None:  # the engine found it since: the editor's reading wins, no duplicate
                out[same] = fig
            else:
                added.append(fig)
            continue
        i = index.get((entry.text, entry.occurrence))
        if i is None:
            review.stale.append((n, _stale_message(briefing.article.source, entry, figures, text)))
            continue
        if entry.sentence is not None and entry.sentence not in figures[i].sentence:
            review.stale.append((n, _moved_message(briefing.article.source, entry)))
            continue
        if entry.drop:
            out[i] = None
            review.dropped += 1
        elif entry.changes:
            out[i] = _corrected(figures[i], dict(entry.changes))
        elif entry.approved:
            out[i] = dataclasses.replace(figures[i], review="approved")
    kept = [f for f in out if f is not None] + added
    kept.sort(key=lambda f: (f.start, f.end))
    return kept, review


def apply(briefing: Briefing, entries: Sequence[Correction], *, required: bool = False) -> tuple[Briefing, Review]:
    """The briefing as readers get it: corrections applied and, with `required`, unchecked figures held back."""
    figures, review = corrected_figures(briefing, entries)
    if required:
        review.held = [f for f in figures if f.review == "machine"]
        figures = [f for f in figures if f.review != "machine"]
    if tuple(figures) == briefing.extraction.figures:
        return briefing, review
    extraction = dataclasses.replace(briefing.extraction, figures=tuple(figures))
    return Briefing(briefing.article, extraction), review


# --- `reportgen review` -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Pending:
    """A figure nobody has checked yet, as `reportgen review` lists it."""

    article: str
    id: str
    occurrence: int
    figure: Figure
    anchor: str | None = None  # for a text that is a figure more than once: words around it (entry `sentence:`)

    def record(self) -> dict[str, Any]:
        f = self.figure
        return {
            "article": self.article,
            "id": self.id,
            "value": f.value,
            "low": f.low,
            "high": f.high,
            "unit": f.unit,
            "category": f.category,
            "qualifier": f.qualifier,
            "text": f.text,
            "occurrence": self.occurrence,
            "sentence": f.sentence,
        }


def pending(article: str, briefing: Briefing, entries: Sequence[Correction]) -> list[Pending]:
    """The article's figures still as the machine read them (corrections applied, no gate)."""
    figures, _ = corrected_figures(briefing, entries)
    # Occurrences count among the machine's figures, as corrections match them (a dropped one still counts).
    machine = briefing.extraction.figures
    occ = {(f.start, f.end): n for f, n in zip(machine, occurrences(machine), strict=True)}
    repeated = {f.text for f, n in zip(machine, occurrences(machine), strict=True) if n > 1}
    text = briefing.article.text
    return [
        Pending(
            article,
            figure_id(f.text, occ[f.start, f.end]),
            occ[f.start, f.end],
            f,
            _anchor(text, f) if f.text in repeated else None,
        )
        for f in figures
        if f.review == "machine"
    ]


ANCHOR = 20  # characters of context on each side of a repeated figure


def _anchor(text: str, fig: Figure) -> str:
    """The figure with a few words either side, cut at spaces, within its sentence (a substring of it)."""
    lo = max(fig.sentence_start, fig.start - ANCHOR)
    hi = min(fig.sentence_end, fig.end + ANCHOR)
    if lo > fig.sentence_start:
        lo = text.find(" ", lo, fig.start) + 1 or lo
    if hi < fig.sentence_end:
        cut = text.rfind(" ", fig.end, hi)
        hi = cut if cut > 0 else hi
    window = text[lo:hi].strip()
    return window if window in fig.sentence else fig.text


def resolve_article(config: Config, name: str, articles: Sequence[tuple[Path, str]]) -> str:
    """An ARTICLE argument (project-relative path, path from here, or slug) → its project-relative name."""
    from reportgen import sources

    for path, shown in articles:
        if name == shown or sources.slugify(path.stem) == name:
            return shown
        if Path(name).resolve() == path.resolve() or (config.root / name).resolve() == path.resolve():
            return shown
    names = [shown for _, shown in articles]
    raise UsageError(
        f"{name!r} is not an article of this project{_did_you_mean(name, names)}; articles: {', '.join(names)}"
    )


def _briefing(config: Config, path: Path, shown: str) -> Briefing:
    from reportgen import sources
    from reportgen.extract import extract_article

    article = sources.read(path, shown, config.boilerplate, config.max_article_bytes)
    return Briefing(article, extract_article(article, config))


def list_pending(config: Config, names: Sequence[str]) -> list[Pending]:
    from reportgen.build import discover

    corrections = load(config)
    articles = discover(config)
    wanted = {resolve_article(config, n, articles) for n in names} if names else None
    out: list[Pending] = []
    for path, shown in articles:
        if wanted is None or shown in wanted:
            out.extend(pending(shown, _briefing(config, path, shown), corrections.get(shown)))
    return out


def print_pending(items: Sequence[Pending], fmt: str, out: TextIO, *, visual: bool = False) -> None:
    if fmt == "jsonl":
        for item in items:
            out.write(json.dumps(item.record(), ensure_ascii=False) + "\n")
        return
    from reportgen.present.textprep import for_terminal

    heads = ("id", "value", "category", "qualifier", "text", "sentence")
    by_article: dict[str, list[tuple[str, ...]]] = {}
    for item in items:
        f = item.figure
        value = display.number(f.value) if f.high is None else f"{display.number(f.low)}–{display.number(f.high)}"
        value += f" {f.unit}" if f.unit else ""
        text = f.text + (f" (#{item.occurrence})" if item.occurrence > 1 else "")
        sentence = f.sentence if len(f.sentence) <= 90 else f.sentence[:89] + "…"
        row = (item.id, value, f.category or "-", f.qualifier or "-", text, sentence)
        by_article.setdefault(item.article, []).append(tuple(for_terminal(c, visual, base_dir="L") for c in row))
    for article, rows in by_article.items():
        widths = [max(len(r[i]) for r in (heads, *rows)) for i in range(len(heads) - 1)]
        out.write(f"{article}\n")
        for row in (heads, *rows):
            out.write("  " + "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=False)) + "  " + row[-1] + "\n")


def approve(config: Config, name: str, ids: Sequence[str]) -> list[Pending]:
    """Write `approved: true` for the article's unchecked figures (those with `ids`, or all) into corrections.yaml.

    The file is edited round-trip (ruamel.yaml): comments, order and the other articles' entries stay as they
    were; an existing entry for the figure gets `approved: true`, else a new entry is appended.
    """
    from reportgen.build import discover

    corrections = load(config)  # refuses an invalid file before touching it
    articles = discover(config)
    shown = resolve_article(config, name, articles)
    path = next(p for p, s in articles if s == shown)
    items = pending(shown, _briefing(config, path, shown), corrections.get(shown))
    if ids:
        by_id = {item.id: item for item in items}
        unknown = [i for i in ids if i not in by_id]
        if unknown:
            known = ", ".join(by_id) or "none"
            raise UsageError(
                f"{shown}: no unchecked figure with id {', '.join(unknown)}{_did_you_mean(unknown[0], list(by_id))} "
                f"(unchecked: {known}; `reportgen review {shown}` lists them)"
            )
        items = [by_id[i] for i in dict.fromkeys(ids)]
    if items:
        _write_approvals(config.corrections_path, shown, items)
        load(config)  # what was written must still be a valid file
    return items


def _write_approvals(path: Path, article: str, items: Sequence[Pending]) -> None:
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.util import load_yaml_guess_indent

    from reportgen import fsutil

    text = path.read_text(encoding="utf-8-sig") if path.is_file() else ""
    rt = YAML(typ="rt")
    rt.width = 4096  # never fold a long Arabic text onto a second line
    rt.preserve_quotes = True
    data = rt.load(text) if text.strip() else None
    prefix = ""  # a file of comments only: ruamel keeps nothing of it, so it is kept here
    if data is None:
        data = CommentedMap()
        if text.strip():
            prefix = text if text.endswith("\n") else text + "\n"
        else:
            data.yaml_set_start_comment(
                "An editor's corrections to the extracted figures (see the README: Checking figures).\n"
                "Per article: text (as in the article), occurrence, then drop / approved / add / corrected fields."
            )
    _, indent, block_seq_indent = (
        load_yaml_guess_indent(text) if isinstance(data, CommentedMap) and data else (0, None, None)
    )
    if indent is None or not any(isinstance(v, CommentedSeq) and v for v in data.values()):
        rt.indent(mapping=2, sequence=4, offset=2)  # «  - text: …» under each article
    else:  # keep the file's own style: how far entries' dashes and keys are indented under an article
        rt.indent(mapping=2, sequence=indent, offset=block_seq_indent or 0)
    entries = data.get(article)
    if entries is None:
        entries = CommentedSeq()
        data[article] = entries
    for item in items:
        existing = next(
            (
                e
                for e in entries
                if isinstance(e, Mapping)
                and e.get("text") == item.figure.text
                and e.get("occurrence", 1) == item.occurrence
                and "add" not in e
            ),
            None,
        )
        if existing is not None:
            existing["approved"] = True
            continue
        entry = CommentedMap()
        entry["text"] = item.figure.text
        if item.occurrence > 1:
            entry["occurrence"] = item.occurrence
        if item.anchor is not None:
            entry["sentence"] = item.anchor
        entry["approved"] = True
        entries.append(entry)
    import io

    buf = io.StringIO()
    rt.dump(data, buf)
    fsutil.write_text(path, prefix + buf.getvalue())


# --- the build's report -------------------------------------------------------------------------------


def report(
    corrections: Corrections, summaries: Mapping[str, Mapping[str, Any] | None]
) -> tuple[list[dict[str, str]], list[str]]:
    """From the per-article summaries the cache keeps (article → summary): the figures the review gate held
    back (article, text, sentence), and every stale correction as `corrections.yaml:LINE: …`."""
    held: list[dict[str, str]] = []
    stale = corrections.unknown_articles(summaries)
    for article, summary in summaries.items():
        state = (summary or {}).get("review") or {}
        held.extend({"article": article, **h} for h in state.get("held", []))
        stale.extend(f"{corrections.where(article, i)}: {message}" for i, message in state.get("stale", []))
    return held, stale
