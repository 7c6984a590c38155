"""Plain records shared by every stage (sources → extract → model → charts/render → site/pdf).

Every extracted item carries `start`/`end`: Python string indices into the article's *original decoded
text* (`Article.text`), so `article.text[item.start:item.end] == item.text` always holds. Nothing here
imports from another reportgen module, so any stage may depend on it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

EntityType = Literal["place", "organization", "person"]


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Number:
    """Any numeric expression in the text, years included."""

    value: float | int
    text: str
    start: int
    end: int
    rule: str = ""


Qualifier = Literal["approx", "over", "at_least", "under", "up_to"]
QUALIFIERS: tuple[str, ...] = ("approx", "over", "at_least", "under", "up_to")
# Who vouches for a figure: the engine alone, an editor as extracted, an editor's correction, an editor's addition
# (see reportgen.corrections).
Review = Literal["machine", "approved", "corrected", "added"]
REVIEWS: tuple[str, ...] = ("machine", "approved", "corrected", "added")
# The fields of a figure's reading that an editor may correct; a corrected figure keeps the machine's in `machine`.
READING: tuple[str, ...] = ("value", "low", "high", "unit", "noun", "category", "qualifier")


# kw_only: the field order is the shared schema's, and every caller names its fields, so adding one later
# cannot silently shift positional arguments.
@dataclass(frozen=True, slots=True, kw_only=True)
class Figure:
    """A key figure: a number together with what it counts or measures.

    `value` is the number as stated; for a range («بين 10 و20») value = low = 10 and high = 20, for a single
    number low = high = None. `qualifier` is the hedge the source put on it («نحو» approx, «أكثر من» over,
    «ما لا يقل عن» at_least, «أقل من» under, «حتى» up_to) or None when the number is stated plainly.
    """

    value: float | int | None
    low: float | int | None = None
    high: float | int | None = None
    unit: str | None = None
    noun: str | None = None
    category: str | None = None
    qualifier: Qualifier | None = None
    text: str
    start: int
    end: int
    # The sentence the figure came from, for provenance (indices into the same original text).
    sentence_start: int = 0
    sentence_end: int = 0
    rule: str = ""
    # The sentence's original text (stripped), kept so the figure's JSON needs no access to the article.
    sentence: str = ""
    review: Review = "machine"
    # For a corrected figure: the engine's reading (the READING fields) before the editor's correction.
    machine: dict[str, Any] | None = field(default=None, hash=False)

    def to_dict(self) -> dict[str, Any]:
        """The one JSON shape of a figure, shared by `reportgen extract --format jsonl`, exports and templates."""
        return {
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "unit": self.unit,
            "noun": self.noun,
            "category": self.category,
            "qualifier": self.qualifier,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
            "rule": self.rule,
            "review": self.review,
            **({"machine": dict(self.machine)} if self.machine is not None else {}),
        }


@dataclass(frozen=True, slots=True)
class Entity:
    type: EntityType
    text: str
    start: int
    end: int
    # The gazetteer's canonical name, so «الانبار» and «الأنبار» count as one place.
    name: str = ""
    rule: str = ""


@dataclass(frozen=True, slots=True)
class Quote:
    speaker: str | None
    text: str
    start: int
    end: int
    rule: str = ""


@dataclass(frozen=True, slots=True)
class DateMention:
    text: str
    start: int
    end: int
    # ISO date when it could be resolved (absolute, or relative to the article's date).
    value: str | None = None
    kind: str = "date"
    rule: str = ""
    # A Hijri date as stated («1445-02-10»); `value` is then its Gregorian date, so both calendars can be shown.
    hijri: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class TimeMention:
    """A time expression: «منذ أسبوعين», «خلال ثلاثة أيام», «قبل عامين», «14 يوماً». Not a key figure.

    `amount` and `unit` (day, week, month, year, hour, minute, second) as stated; `duration` in ISO 8601 («P2W»);
    `relation` ago | since | in | duration; `value` the ISO date it points to (ago/since/in, or the start of a past
    period), resolved against the article's date, else None.
    """

    text: str
    start: int
    end: int
    amount: float | int | None
    unit: str
    duration: str | None
    relation: str = "duration"
    value: str | None = None
    qualifier: str | None = None
    rule: str = ""


@dataclass(frozen=True, slots=True)
class Extraction:
    figures: tuple[Figure, ...] = ()
    numbers: tuple[Number, ...] = ()
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    dates: tuple[DateMention, ...] = ()
    times: tuple[TimeMention, ...] = ()
    warnings: tuple[str, ...] = ()  # e.g. the article had more numbers than extraction reads (file:line)

    def contract(self) -> dict[str, Any]:
        return {
            "figures": [f.to_dict() for f in self.figures],
            "numbers": [{"value": n.value, "text": n.text, "start": n.start, "end": n.end} for n in self.numbers],
            "entities": [{"type": e.type, "text": e.text, "start": e.start, "end": e.end} for e in self.entities],
            "quotes": [{"speaker": q.speaker, "text": q.text, "start": q.start, "end": q.end} for q in self.quotes],
            "dates": [asdict(d) for d in self.dates],
            "times": [asdict(t) for t in self.times],
        }


@dataclass(frozen=True, slots=True)
class Article:
    """One ingested article. `text` is the decoded file exactly as read (BOM removed, line ends kept)."""

    source: str
    slug: str
    text: str
    title: Span
    body: Span
    date: date | None = None
    source_name: str | None = None
    url: str | None = None
    warnings: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Briefing:
    """An article and what was extracted from it: everything a template needs."""

    article: Article
    extraction: Extraction
