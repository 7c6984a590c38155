"""Turn a `Briefing` into the plain data a template shows: cards, bars, entity lists, marked-up article.

No Jinja here and no file I/O: templates receive ready values, and every piece of article text that
becomes HTML is escaped here, in one place, before any markup is added around it.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from reportgen.config import Config
from reportgen.extract import article_region, qualifiers
from reportgen.model import Briefing, Figure, TimeMention
from reportgen.present import display
from reportgen.present.charts import Bar

_LINE = re.compile(r"[^\r\n]+")


@dataclass(frozen=True, slots=True)
class Card:
    id: str
    label: str
    shown: str
    text: str
    sentence: str
    qualifier: str | None
    category: str | None
    exact: str = ""  # the value in full digits when `shown` says it in words («25 مليار دينار»), else ""
    review: str = "machine"  # machine, approved, corrected or added (see reportgen.corrections)
    review_label: str | None = None  # how a checked figure is marked (display.REVIEW_MARKS); None: not marked
    review_title: str | None = None
    # Where the card links: its figure marked in the article (`fig-N`), else the card itself (`card-N`,
    # which quotes the sentence) when the figure is not in the text shown (the title, say).
    anchor: str = ""
    # The sentence cut to a narrower window around the figure (PRINT_EXCERPT characters each side), which
    # the PDF's cards quote in a figure-dense article (see outputs.pdf.print_view).
    short_sentence: str = ""


@dataclass(frozen=True, slots=True)
class EntityCount:
    name: str
    count: int


@dataclass(slots=True)
class BriefingView:
    slug: str
    title: str
    source_file: str
    source_name: str | None
    url: str | None
    date: str | None
    date_shown: str | None
    cards: list[Card]
    bars: list[Bar]
    places: list[EntityCount]
    organizations: list[EntityCount]
    people: list[EntityCount]
    quotes: list[dict[str, Any]]
    paragraphs: list[Markup]
    lead: str
    held: int = 0  # unchecked figures left out by `review: required`
    # Time expressions (not key figures) and Hijri dates, shown with what they resolve to.
    times: list[dict[str, Any]] = field(default_factory=list)
    hijri_dates: list[dict[str, Any]] = field(default_factory=list)


def figure_label(fig: Figure, config: Config) -> str:
    cat = config.category(fig.category)
    if cat:
        return cat.label
    if fig.noun:
        return fig.noun
    return display.unit(fig.unit) or "رقم"


def _exact(fig: Figure, config: Config) -> str:
    """The figure in full digits, shown on hover when the card says it in words («25 مليار»)."""
    if fig.low is not None and fig.high is not None:
        return f"{display.number(fig.low, config.digits)}–{display.exact(fig.high, fig.unit, config.digits)}"
    return display.exact(fig.value, fig.unit, config.digits) if fig.value is not None else fig.text


def _shown(fig: Figure, config: Config) -> str:
    if fig.value is None:
        text = fig.text  # «عشرات القرى»: the source's own words for a magnitude
    elif fig.low is not None and fig.high is not None:
        low = display.compact(fig.low, config.digits, fig.unit in display.CURRENCIES) or display.number(
            fig.low, config.digits
        )
        text = f"{low}–{display.quantity(fig.high, fig.unit, config.digits)}"
    else:
        text = display.quantity(fig.value, fig.unit, config.digits)
    # The source's own hedge in Arabic: «أكثر من 200» stays «أكثر من», never «نحو».
    words = qualifiers.label(fig.qualifier)
    return f"{words} {text}" if words and fig.value is not None else text


def _bars(figs: list[Figure], config: Config) -> list[Bar]:
    """One bar per figure of *counted* things, as the source stated it, largest first.

    Never a sum: «قتل 5 في حمص و7 في حلب» is two bars, not a 12 the article never stated, and a headline
    repeating the body's toll is one bar. Quantities with units differ in scale and stay in cards.
    """
    seen: set[tuple[str, float, str | None]] = set()
    bars = []
    for fig in figs:
        if fig.unit is not None or fig.value is None or fig.category is None:
            continue
        key = (fig.category, fig.value, fig.qualifier)
        if key in seen:
            continue
        seen.add(key)
        text = display.number(fig.value, config.digits)
        words = qualifiers.label(fig.qualifier)  # the source's hedge («أكثر من 200»), never «نحو»
        bars.append(Bar(figure_label(fig, config), fig.value, f"{words} {text}" if words else text))
    return sorted(bars, key=lambda b: -b.value)


def _marked_paragraphs(briefing: Briefing, config: Config) -> tuple[list[Markup], set[int]]:
    """The article body, escaped, with each key figure's sentence and number marked for provenance.

    Also returns the indexes of the figures marked (`fig-N` exists for them), so no card links to an
    anchor the page lacks. Every figure inside the body is marked, also where sentences overlap (a run-on
    line's sentences are windows around each figure, see extract): a sentence that starts inside the one
    before is marked from where that one ends, and a sentence boundary never cuts a figure's mark.
    """
    art = briefing.article
    text = art.text
    figs = list(enumerate(briefing.extraction.figures))
    sentences: dict[tuple[int, int], list[tuple[int, Figure]]] = {}
    for i, f in figs:
        key = (f.sentence_start, f.sentence_end) if f.sentence_end > f.sentence_start else (f.start, f.end)
        sentences.setdefault(key, []).append((i, f))
    ordered = sorted(sentences.items())
    by_start = sorted((f.start, f.end, i) for i, f in figs if f.end > f.start)
    out: list[Markup] = []
    marked: set[int] = set()
    # A one-paragraph file is all headline: show that paragraph (its figures are marked in it).
    lo, hi = (art.body.start, art.body.end) if art.body.end > art.body.start else article_region(art)
    for m in _LINE.finditer(text, lo, hi):
        a, b = m.start(), m.end()
        if not text[a:b].strip():
            continue
        # The figures of this line, left to right, none overlapping the one before (that one is marked).
        marks: list[tuple[int, int, int]] = []
        for f0, f1, i in by_start[bisect.bisect_left(by_start, (a,)) :]:
            if f0 >= b:
                break
            if f1 <= b and (not marks or f0 >= marks[-1][1]):
                marks.append((f0, f1, i))
        starts = [mk[0] for mk in marks]

        def outside(x: int, marks: list[tuple[int, int, int]] = marks, starts: list[int] = starts) -> int:
            """`x`, or the end of the mark `x` falls inside: a boundary is never within a mark."""
            k = bisect.bisect_right(starts, x) - 1
            return marks[k][1] if k >= 0 and marks[k][0] < x < marks[k][1] else x

        segments: list[tuple[int, int, int]] = []
        pos = a
        for (s_start, s_end), members in ordered:
            if s_start >= b:
                break
            if s_end <= a:
                continue
            s0, s1 = max(outside(max(s_start, a)), pos), outside(min(s_end, b))
            if s0 >= s1:
                continue
            segments.append((s0, s1, members[0][0]))
            pos = s1
        parts: list[str] = []
        k = 0

        def plain(x: int, y: int, marks: list[tuple[int, int, int]] = marks, parts: list[str] = parts) -> None:
            nonlocal k
            while k < len(marks) and marks[k][1] <= y:
                f0, f1, i = marks[k]
                parts.append(str(escape(text[x:f0])))
                mark = escape(text[f0:f1])
                parts.append(f'<a class="figure-mark" id="fig-{i + 1}" href="#card-{i + 1}"><mark>{mark}</mark></a>')
                marked.add(i)
                x = f1
                k += 1
            parts.append(str(escape(text[x:y])))

        pos = a
        for s0, s1, first in segments:
            plain(pos, s0)
            parts.append(f'<span class="source-sentence" id="s-{first + 1}">')
            plain(s0, s1)
            parts.append("</span>")
            pos = s1
        plain(pos, b)
        out.append(Markup("".join(parts)))
    return out, marked


# Characters of context each side of the figure in a card's quote: on the page, and in a figure-dense PDF.
EXCERPT = 160
PRINT_EXCERPT = 60
# How far a cut may move to keep combining marks (harakat) and joiners with their letter.
_MARK_RUN = 8


def _attached(c: str) -> bool:
    return bool(unicodedata.combining(c)) or c in "\u200c\u200d"


def _excerpt(text: str, fig: Figure, width: int = EXCERPT) -> str:
    """The figure's sentence for its card; a run-on sentence is cut to a window of about `width` characters
    each side of the figure, at a space where there is one, marked with an ellipsis where it was cut.

    The figure itself is always inside the window, and a cut within a run of letters never parts a
    combining mark or a joiner from the letter before it.
    """
    start, end = (
        (fig.sentence_start, fig.sentence_end) if fig.sentence_end > fig.sentence_start else (fig.start, fig.end)
    )
    lo, hi = max(start, fig.start - width), min(end, fig.end + width)
    if lo > start:
        lo = text.find(" ", lo, fig.start) + 1 or lo
        floor = max(start, lo - _MARK_RUN)
        while lo > floor and _attached(text[lo]):
            lo -= 1
    if hi < end:
        hi = text.rfind(" ", fig.end, hi) if text.rfind(" ", fig.end, hi) > 0 else hi
        ceiling = min(end, hi + _MARK_RUN)
        while hi < ceiling and _attached(text[hi]):
            hi += 1
    return ("… " if lo > start else "") + text[lo:hi].strip() + (" …" if hi < end else "")


def _counts(names: list[str]) -> list[EntityCount]:
    counts = Counter(names)
    return [EntityCount(n, c) for n, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def build_view(briefing: Briefing, config: Config) -> BriefingView:
    art, ex = briefing.article, briefing.extraction
    text = art.text
    paragraphs, marked = _marked_paragraphs(briefing, config)
    cards = [
        Card(
            id=str(i + 1),
            label=figure_label(f, config),
            shown=_shown(f, config),
            text=f.text,
            sentence=_excerpt(text, f),
            short_sentence=_excerpt(text, f, PRINT_EXCERPT),
            qualifier=f.qualifier,
            category=f.category,
            exact=_exact(f, config) if _exact(f, config) not in _shown(f, config) else "",
            review=f.review,
            review_label=display.REVIEW_MARKS.get(f.review, (None, None))[0],
            review_title=display.REVIEW_MARKS.get(f.review, (None, None))[1],
            anchor=f"fig-{i + 1}" if i in marked else f"card-{i + 1}",
        )
        for i, f in enumerate(ex.figures)
    ]
    by_type: dict[str, list[str]] = {"place": [], "organization": [], "person": []}
    for e in ex.entities:
        by_type[e.type].append(e.name or e.text)
    first_para = next(
        (ln.group() for ln in _LINE.finditer(text, art.body.start, art.body.end) if ln.group().strip()), ""
    )
    return BriefingView(
        slug=art.slug,
        title=art.title.text,
        source_file=art.source,
        source_name=art.source_name,
        url=art.url,
        date=art.date.isoformat() if art.date else None,
        date_shown=display.digits(art.date.isoformat(), config.digits) if art.date else None,
        cards=cards,
        bars=_bars(list(ex.figures), config),
        places=_counts(by_type["place"]),
        organizations=_counts(by_type["organization"]),
        people=_counts(by_type["person"]),
        quotes=[{"speaker": q.speaker, "text": q.text} for q in ex.quotes],
        paragraphs=paragraphs,
        lead=first_para.strip(),
        times=[_time(t, config) for t in ex.times],
        hijri_dates=[
            {
                "text": d.text,
                "hijri": d.hijri,
                "gregorian": d.value,
                "shown": display.both_calendars(d.hijri, d.value, config.digits),
            }
            for d in ex.dates
            if d.hijri is not None
        ],
    )


def _time(t: TimeMention, config: Config) -> dict[str, Any]:
    """«منذ أسبوعين (28 نيسان/أبريل 2024)»: the time as the source says it, and the date it points to."""
    shown = display.digits(t.text, config.digits)
    if t.value:
        shown += f" ({display.gregorian(t.value, config.digits)})"
    return {
        "text": t.text,
        "shown": shown,
        "relation": t.relation,
        "duration": t.duration,
        "value": t.value,
        "start": t.start,
        "end": t.end,
    }
