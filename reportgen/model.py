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


@dataclass(frozen=True, slots=True)
class Figure:
    """A key figure: a number together with what it counts or measures."""

    value: float | int | None
    unit: str | None
    noun: str | None
    category: str | None
    text: str
    start: int
    end: int
    approximate: bool = False
    range: tuple[float | int, float | int] | None = None
    rule: str = ""
    # The sentence the figure came from, for provenance (indices into the same original text).
    sentence_start: int = 0
    sentence_end: int = 0

    def contract(self) -> dict[str, Any]:
        """The `reportgen extract --format jsonl` shape of this figure (no more, no less)."""
        return {
            "value": self.value,
            "unit": self.unit,
            "noun": self.noun,
            "category": self.category,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "approximate": self.approximate,
            "range": list(self.range) if self.range is not None else None,
            "rule": self.rule,
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


@dataclass(frozen=True, slots=True)
class Extraction:
    figures: tuple[Figure, ...] = ()
    numbers: tuple[Number, ...] = ()
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    dates: tuple[DateMention, ...] = ()

    def contract(self) -> dict[str, Any]:
        return {
            "figures": [f.contract() for f in self.figures],
            "numbers": [{"value": n.value, "text": n.text, "start": n.start, "end": n.end} for n in self.numbers],
            "entities": [{"type": e.type, "text": e.text, "start": e.start, "end": e.end} for e in self.entities],
            "quotes": [{"speaker": q.speaker, "text": q.text, "start": q.start, "end": q.end} for q in self.quotes],
            "dates": [asdict(d) for d in self.dates],
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
