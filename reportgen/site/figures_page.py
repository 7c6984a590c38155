"""The figures page's numbers: the latest reported value per category, event and unit, never a sum.

Successive articles repeat and update the same tolls (100 killed on day 1, 120 on day 2), so adding their
figures counts the same people twice. Nothing here adds figures: each *group* of reports shows its latest
value, and the range of values when sources disagree.

Group
    A figure's group is (category, event, unit). Figures with no category (the extractor was unsure) or
    no numeric value belong to no group: they are never counted under any toll.
Event
    Kept simple and stated, not guessed: the places (gazetteer canonical names) named in the figure's own
    sentence, each place going to the categorised figure of the sentence nearest to it (so «قتل 118 في
    غزة، فيما قتل 12 في الخرطوم» are two events); a figure given no place takes the article's place when
    the article names exactly one; else it has no place. «قتل 100 شخص في غزة» and «ارتفع عدد القتلى في
    غزة إلى 120» are one event; a toll with no place stays in its category's place-less row rather than
    being attached to a place by guesswork.
Unit
    Part of the group: dollars, euros, kilometres and plain counts are separate rows, never added or
    compared.
Latest
    The report from the most recent article date. Ties (same date) go to the article whose slug sorts first,
    then to the figure the article states first. Undated articles count as older than every dated one.
Reports
    One per article: an article is one source, so its figures of one group are one report, the largest
    it states. «23 استشهدوا … بينهم 9 أطفال و4 نساء» is a toll of 23 whose parts are 9 and 4, not three
    reports disagreeing from 4 to 23; a headline repeating the body's toll is the same report.
Range
    Lowest to highest value over all the group's reports (a stated range «بين 10 و20» contributes both
    ends), shown only when they differ, with how many reports and briefings it covers.

Everything is read from the per-briefing summaries the cache keeps (`report_fields` adds what is needed
when the briefing is rendered), and every ordering is total, so the page and exports are byte-identical
across builds.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from reportgen.config import Config
from reportgen.extract import qualifiers
from reportgen.model import Briefing, Figure
from reportgen.present import display, exports

DIR = "figures"
JSON_NAME = "figures.json"
CSV_NAME = "figures.csv"
_ID = re.compile(r'\sid="([^"]+)"')


# --- per briefing: what the summary keeps of each figure --------------------------------------------------


def anchor_for(card_id: str, html_ids: set[str]) -> str | None:
    """Where on the briefing page a figure's source sentence is: the figure marked in the full text
    (`fig-N`), else its card, which quotes the sentence (`card-N`); None if the page has neither."""
    for candidate in (f"fig-{card_id}", f"card-{card_id}"):
        if candidate in html_ids:
            return candidate
    return None


def report_fields(records: list[dict[str, Any]], briefing: Briefing | None, html: bytes | None) -> list[dict[str, Any]]:
    """The summary's figures: what the index and search show, plus what the figures page groups by.

    `records` are `site.figure_records` (one per card, in the article's order); `html` is the rendered
    briefing page, whose ids the links are checked against, so a link never points at a missing anchor.
    """
    ids = set(_ID.findall(html.decode("utf-8"))) if html is not None else set()
    places = event_places(briefing) if briefing is not None else {}
    out = []
    for i, rec in enumerate(records):
        out.append(
            {
                **{k: rec[k] for k in ("id", "category", "label", "value", "unit", "shown", "text")},
                # What follows the value in running text: the label, unless the value says it («14 يوم»).
                "after": display.label_after(rec["shown"], rec["label"]),
                "qualifier": rec.get("qualifier"),
                "low": rec.get("low"),
                "high": rec.get("high"),
                "places": places.get(i, []),
                "anchor": anchor_for(rec["id"], ids),
                "review": rec.get("review", "machine"),  # who vouches for it (reportgen.corrections)
            }
        )
    return out


def _sentence(fig: Figure) -> tuple[int, int]:
    return (fig.sentence_start, fig.sentence_end) if fig.sentence_end > fig.sentence_start else (fig.start, fig.end)


def _gap(fig: Figure, start: int, end: int) -> tuple[int, int]:
    """Characters between a figure and a place; on a tie the figure before the place wins («قتل 5 في غزة»)."""
    return (start - fig.end, 0) if start >= fig.end else (max(0, fig.start - end), 1)


def event_places(briefing: Briefing) -> dict[int, list[str]]:
    """Figure index → the places of its event (canonical names, sorted); see the module docstring.

    Each place named in a sentence belongs to the categorised figure of that sentence nearest to it, so
    «قتل 118 في غزة، فيما قتل 12 في الخرطوم» gives غزة to 118 and الخرطوم to 12. A figure given no place
    takes the article's place when the article names exactly one.
    """
    figures = briefing.extraction.figures
    places = [e for e in briefing.extraction.entities if e.type == "place"]
    article = sorted({e.name or e.text for e in places})
    named: dict[int, set[str]] = {}
    for e in places:
        near = [
            (_gap(f, e.start, e.end), i)
            for i, f in enumerate(figures)
            if f.category and _sentence(f)[0] <= e.start and e.end <= _sentence(f)[1]
        ]
        if near:
            named.setdefault(min(near)[1], set()).add(e.name or e.text)
    fallback = article if len(article) == 1 else []
    return {i: sorted(named[i]) if i in named else list(fallback) for i, f in enumerate(figures) if f.category}


# --- site-wide: groups of reports -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Report:
    """One figure of one briefing, as the figures page cites it."""

    slug: str
    title: str
    date: str | None
    date_shown: str | None
    href: str  # the briefing page, relative to the site root
    anchor: str | None
    index: int  # position of the figure in its article
    value: float | int
    low: float | int
    high: float | int
    shown: str
    qualifier: str | None
    text: str
    review: str = "machine"  # who vouches for it: machine, approved, corrected, added (reportgen.corrections)

    @property
    def link(self) -> str:
        return f"{self.href}#{self.anchor}" if self.anchor else self.href

    def latest_key(self) -> tuple[Any, ...]:
        """Sorts the latest report first: newest date (undated last), then slug, then order in the article."""
        newest = -date.fromisoformat(self.date).toordinal() if self.date else 0
        return (0 if self.date else 1, newest, self.slug, self.index)


@dataclass(frozen=True, slots=True)
class Group:
    category: str
    label: str  # the category's label
    places: tuple[str, ...]
    unit: str | None
    reports: tuple[Report, ...]  # latest first

    @property
    def latest(self) -> Report:
        return self.reports[0]

    @property
    def low(self) -> float | int:
        return min(r.low for r in self.reports)

    @property
    def high(self) -> float | int:
        return max(r.high for r in self.reports)

    @property
    def disagree(self) -> bool:
        return self.low != self.high

    @property
    def briefings(self) -> int:
        return len({r.slug for r in self.reports})

    @property
    def event(self) -> str:
        return "، ".join(self.places)

    @property
    def id(self) -> str:
        """A stable HTML id: category, unit and places (spaces folded), e.g. `latest-killed-غزة`."""
        parts = [self.category, *([self.unit] if self.unit else []), *self.places]
        return "latest-" + "-".join(re.sub(r"\s+", "_", p) for p in parts)


def _category_label(config: Config, key: str, fallback: str) -> str:
    cat = config.category(key)
    return cat.label if cat else fallback


def groups(summaries: Iterable[Mapping[str, Any]], config: Config) -> list[Group]:
    """Every (category, event, unit) group with its reports, in config category order, then by key."""
    found: dict[tuple[str, tuple[str, ...], str], list[Report]] = {}
    labels: dict[str, str] = {}
    per_article: dict[tuple[Any, ...], Report] = {}
    for s in summaries:
        for i, f in enumerate(s["figures"]):
            if not f.get("category") or f.get("value") is None:
                continue
            low = f.get("low") if f.get("low") is not None else f["value"]
            high = f.get("high") if f.get("high") is not None else f["value"]
            report = Report(
                slug=s["slug"],
                title=s["title"],
                date=s["date"],
                date_shown=s.get("date_shown"),
                href=s["href"],
                anchor=f.get("anchor"),
                index=i,
                value=f["value"],
                low=low,
                high=high,
                shown=f["shown"],
                qualifier=f.get("qualifier"),
                text=f["text"],
                review=f.get("review", "machine"),
            )
            key = (f["category"], tuple(f.get("places") or ()), f.get("unit") or "")
            kept = per_article.get((s["slug"], key))
            if kept is None or report.high > kept.high:  # the article's largest (first, on a tie)
                per_article[(s["slug"], key)] = report
            labels.setdefault(f["category"], _category_label(config, f["category"], f["label"]))
    for (_slug, key), report in per_article.items():
        found.setdefault(key, []).append(report)
    order = {c.key: i for i, c in enumerate(config.categories)}
    out = []
    for (cat, places, unit), reports in sorted(found.items(), key=lambda kv: (order.get(kv[0][0], len(order)), kv[0])):
        reports.sort(key=Report.latest_key)
        out.append(Group(cat, labels[cat], places, unit or None, tuple(reports)))
    return out


def _range_shown(group: Group, digits: str) -> str:
    return f"{display.number(group.low, digits)}–{display.quantity(group.high, group.unit, digits)}"


def rows(found: list[Group], config: Config, root: str = "") -> list[dict[str, Any]]:
    """What `figures.html` shows per group; links are relative to `root` (the page's way to the site root)."""
    out = []
    seen: set[str] = set()
    for g in found:
        r = g.latest
        row_id = g.id
        while row_id in seen:  # places with «-» in their names could make two ids alike
            row_id += "_"
        seen.add(row_id)
        out.append(
            {
                "id": row_id,
                "category": g.category,
                "label": g.label,
                "event": g.event,
                "unit": g.unit,
                "shown": r.shown,
                "qualifier": r.qualifier,
                # The latest value says who vouches for it, as its card does on the briefing page.
                "review": r.review,
                "review_label": display.REVIEW_MARKS.get(r.review, (None, None))[0],
                "review_title": display.REVIEW_MARKS.get(r.review, (None, None))[1],
                "date": r.date,
                "date_shown": r.date_shown,
                "title": r.title,
                "link": root + r.link,
                "range": _range_shown(g, config.digits) if g.disagree else None,
                "reports": len(g.reports),
                "briefings": g.briefings,
            }
        )
    return out


# --- the charts: latest value per day, never a daily sum ----------------------------------------------------


def _series_label(g: Group) -> str:
    return f"{g.label} — {g.event}" if g.places else g.label


def series(found: list[Group], config: Config) -> dict[str, list[tuple[str, float | int]]]:
    """Counted groups (no unit) of dated reports: per day, the value that day's latest report gave.

    At most as many lines as the theme has colours (`bar`, `series`, `accent`), those with the most dated
    reports first; the table on the page lists every group.
    """
    lines: list[tuple[int, int, str, list[tuple[str, float | int]]]] = []
    used: set[str] = set()
    for n, g in enumerate(found):
        if g.unit is not None:
            continue
        per_day: dict[str, float | int] = {}
        for r in g.reports:  # latest first, so the first report of each day wins
            if r.date is not None:
                per_day.setdefault(r.date, r.value)
        if not per_day:
            continue
        label = _series_label(g)
        if label in used:  # two categories may share a label: keep their lines apart
            label = f"{label} ({g.category})"
        used.add(label)
        lines.append((-len(per_day), n, label, sorted(per_day.items())))
    limit = 2 + len(config.theme.series)
    return {label: points for _, _, label, points in sorted(lines)[:limit]}


CHART_PREFIX = "figures-over-time"


def charts(summaries: Iterable[Mapping[str, Any]], config: Config) -> list[tuple[str, str, dict[str, Any]]]:
    """One chart per category (name, title, series): killed and displaced differ too much in scale to share
    an axis. Only categories where some event was reported on two days or more: a lone point is no trend."""
    by_category: dict[str, list[Group]] = {}
    for g in groups(summaries, config):
        by_category.setdefault(g.category, []).append(g)
    out = []
    for category, found in by_category.items():  # groups() is in config order already
        data = series(found, config)
        if any(len(points) > 1 for points in data.values()):
            out.append((f"{CHART_PREFIX}-{category}", f"{found[0].label}: آخر رقم معلن عبر الزمن", data))
    return out


def chart_rows(data: Mapping[str, list[tuple[str, float | int]]], config: Config) -> list[list[str]]:
    """The chart's data table: one row per line and day."""
    return [
        [label, display.digits(day, config.digits), display.number(value, config.digits)]
        for label, points in data.items()
        for day, value in points
    ]


# --- site-wide exports ------------------------------------------------------------------------------------

EXPORT_FIELDS = (
    "id",
    "category",
    "label",
    "places",
    "unit",
    "value",
    "low",
    "high",
    "qualifier",
    "qualifier_ar",
    "review",
    "shown",
    "date",
    "slug",
    "title",
    "link",
    "range_low",
    "range_high",
    "reports",
    "briefings",
)


def _export_record(g: Group) -> dict[str, Any]:
    r = g.latest
    return {
        "id": g.id,
        "category": g.category,
        "label": g.label,
        "places": list(g.places),
        "unit": g.unit,
        "value": r.value,
        "low": r.low if r.low != r.high else None,
        "high": r.high if r.low != r.high else None,
        "qualifier": r.qualifier,
        "qualifier_ar": qualifiers.label(r.qualifier) or None,
        "review": r.review,
        "shown": r.shown,
        "date": r.date,
        "slug": r.slug,
        "title": r.title,
        "link": "../" + r.link,  # relative to figures/, like each briefing's own figures.json
        "range_low": g.low,
        "range_high": g.high,
        "reports": len(g.reports),
        "briefings": g.briefings,
    }


def export_json(found: list[Group]) -> bytes:
    """Every group's latest value, range and reports (each with its date, value and link)."""
    data = {
        "rule": "latest reported value per category, event (places) and unit; figures are never added",
        "groups": [
            {
                **_export_record(g),
                "history": [
                    {
                        "date": r.date,
                        "slug": r.slug,
                        "value": r.value,
                        "shown": r.shown,
                        "qualifier": r.qualifier,
                        "review": r.review,
                        "link": "../" + r.link,
                    }
                    for r in g.reports
                ],
            }
            for g in found
        ],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def export_csv(found: list[Group]) -> bytes:
    """One row per group (UTF-8 with BOM, CRLF, as the per-briefing CSV); places joined with « | »."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=EXPORT_FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for g in found:
        rec = _export_record(g)
        rec["places"] = " | ".join(rec["places"])
        writer.writerow({k: exports.csv_cell(rec[k]) for k in EXPORT_FIELDS})  # never a formula
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
