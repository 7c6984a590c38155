"""Extraction: figures, numbers, entities, quotes and dates from an article's original text.

Pipeline (all matching on a normalised copy, see normalize.py; every span mapped back to the original):
dates/blocked spans → numbers → figures (the rules of data/ar/figure_rules.yaml, in order; then categories)
→ entities → quotes. Every rule is a named record in `rules.REGISTRY`; every item records the rule that
produced it.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any

from reportgen.config import Config
from reportgen.extract.normalize import Normalized
from reportgen.extract.spans import Disjoint
from reportgen.model import Article, DateMention, Entity, Extraction, Figure, Number, Quote, TimeMention

if TYPE_CHECKING:
    from reportgen.extract import figures as _figures
    from reportgen.extract import numbers as _numbers
    from reportgen.extract.rules import REGISTRY

__all__ = ["REGISTRY", "article_region", "extract", "extract_article", "warm_up"]


def __getattr__(name: str) -> Any:
    # The matchers compile their patterns when imported (about 0.2 s). They are imported on first use, not
    # with the package: loading a config, planning a build or a no-op rebuild needs only the small modules
    # (events' category names, qualifiers), and a one-article build starts its typesetter that much sooner.
    if name == "REGISTRY":
        _matchers()
        from reportgen.extract.rules import REGISTRY

        return REGISTRY
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def warm_up() -> None:
    """Import (and so compile) every matcher now: in a process that forks workers, they share the result."""
    _matchers()


def _matchers() -> Any:
    """Every matcher module, imported (and so its rules registered in `rules.REGISTRY`)."""
    from reportgen.extract import dates, entities, events, figures, numbers, times

    return dates, entities, events, figures, numbers, times


# Sentence: up to . ! ? ؟ or a line break; a dot between digits is a decimal point, not an end.
_SENT = re.compile(r"(?:[^.!؟?\n]|(?<=\d)\.(?=\d))+(?:[.!؟?]+|\n|$)|\n")


# Longest sentence a figure keeps as its context (an article with no full stops is one "sentence").
MAX_SENTENCE = 600

# Most number mentions one article is read for (a long report has hundreds). Beyond it extraction stops
# reading numbers, and the article gets one warning: a line of nothing but numbers («1,1,1,…», «5%5%…»)
# would otherwise cost ~20 s CPU per MB and ~1 KB per figure (its sentence window), 3.3 GB at 4 MB.
MAX_NUMBERS = 10_000


# How far past the (MAX_NUMBERS + 1)-th number `_read_numbers` reads: more than a number's start can move
# back («ناقص 5» starts at its minus word, at most 12 characters before the digits).
_READ_PAST = 16


def _read_numbers(t: str, non_numbers: Disjoint, hijri: Disjoint) -> list[_numbers.NumHit]:
    """The numbers of `t`, left to right, less clock times, identifiers and Hijri month names («صفر»).

    Reading stops just past the (MAX_NUMBERS + 1)-th: extraction keeps only the numbers before the
    (MAX_NUMBERS + 1)-th of numbers and approximations together, which is at or before that one, so the
    rest of a line of nothing but numbers need not be scanned (60% of its extraction time). The numbers
    kept, the cut and its warning are the same as from reading them all.
    """
    from reportgen.extract import numbers

    nums: list[_numbers.NumHit] = []
    stop = len(t) + 1
    for h in numbers.iter_numbers(t):
        if h.s >= stop:
            break
        if non_numbers.holds(h.s) or (h.words and hijri.holds(h.s)):
            continue
        nums.append(h)
        if len(nums) == MAX_NUMBERS + 1:
            stop = h.s + _READ_PAST
    return nums


def _sentences(norm: str) -> list[tuple[int, int]]:
    return [m.span() for m in _SENT.finditer(norm) if m.end() > m.start()] or [(0, len(norm))]


def _categorise(config: Config, t: str, fig_hits: list[_figures.FigHit], sentences: list[tuple[int, int]]) -> None:
    """Human tolls from the event word governing each figure in its clause; everything else from the config's
    nouns/units and context words in the same clause."""
    if not fig_hits:
        return
    from reportgen.extract import events as _events
    from reportgen.extract import figures as _figures

    scan = _events.scan(t)
    human = _events.categorise(t, scan, fig_hits, sentences)
    index = _figures.ContextIndex(t)
    si = 0
    for f, cat in zip(fig_hits, human, strict=True):
        while si < len(sentences) - 1 and sentences[si][1] <= f.s:
            si += 1
        if cat is not None and config.category(cat) is not None:
            f.category = cat
            continue
        clause = _events.clause_of(scan, f.s, sentences[si] if sentences else (0, len(t)))
        f.category = _figures.categorise(config, t, clause, f.s, f.lemma, f.unit, f.noun_e or f.e, index)


def extract(
    text: str,
    config: Config,
    *,
    region: tuple[int, int] | None = None,
    reference_date: date | None = None,
    source: str = "<text>",
) -> Extraction:
    lo, hi = region if region is not None else (0, len(text))
    lo, hi = max(0, min(lo, len(text))), max(0, min(hi, len(text)))
    if hi < lo:
        lo, hi = hi, lo
    from reportgen.extract import dates as _dates
    from reportgen.extract import entities as _entities
    from reportgen.extract import figures as _figures
    from reportgen.extract import numbers as _numbers
    from reportgen.extract import times as _times

    n = Normalized(text, lo, hi)
    t = n.norm
    sentences = _sentences(t)

    date_hits, blocked = _dates.scan_dates(t, reference_date)
    # Clock times, phone numbers and identifiers are not numbers; dates and years are.
    # (Spans in a `Disjoint`: blocked spans never overlap, and looking each number up must not scan them all.)
    dated = {(h.s, h.e) for h in date_hits}
    non_numbers = Disjoint([(h.s, h.e) for h in date_hits if h.kind == "time"] + [b for b in blocked if b not in dated])
    # «10 صفر 1445 هـ»: the month صفر is not the number zero.
    hijri = Disjoint((h.s, h.e) for h in date_hits if h.rule == "dates.hijri")
    nums = _read_numbers(t, non_numbers, hijri)
    approx = _numbers.scan_approximate(t, [(h.s, h.e) for h in nums])
    hits = sorted(nums + approx, key=lambda h: h.s)
    warnings: list[str] = []
    cut = len(t)  # where extraction stops reading numbers and figures
    if len(hits) > MAX_NUMBERS:
        cut = hits[MAX_NUMBERS].s
        hits = hits[:MAX_NUMBERS]
        nums = [h for h in nums if h.s < cut]
        at = n.span(cut, cut)[0]
        warnings.append(
            f"{source}:{text.count(chr(10), 0, at) + 1}: more than {MAX_NUMBERS:,} numbers in this article; "
            f"only the first {MAX_NUMBERS:,} were read (figures after this point are not extracted)"
        )
    fig_hits, years = _figures.find_figures(t, hits, blocked, sentences, config)
    taken = [(f.s, f.e) for f in fig_hits] + blocked
    fig_hits += [f for f in _figures.find_text_figures(t, taken, config) if f.s < cut]
    fig_hits.sort(key=lambda f: (f.s, f.e))
    # Durations and relative times are time expressions, not key figures.
    time_hits = [f for f in fig_hits if f.unit in _figures.TIME_UNITS]
    fig_hits = [f for f in fig_hits if f.unit not in _figures.TIME_UNITS]
    _categorise(config, t, fig_hits, sentences)

    # Bare years become date mentions too.
    mentioned = Disjoint((d.s, d.e) for d in date_hits)
    for h in nums:
        if h.s in years and not mentioned.holds(h.s):
            date_hits.append(_dates.DateHit(h.s, h.e, str(h.value), "year", "dates.year_bare"))

    figures = []
    by_sentence = Disjoint(sentences)
    for f in fig_hits:
        s, e = n.span(f.s, f.e)
        found = by_sentence.find(f.s)
        sent = sentences[found] if found >= 0 else (0, len(t))
        ss, se = n.span(*sent)
        if se - ss > MAX_SENTENCE:  # a "sentence" with no full stop for pages: keep the figure's surroundings
            ss, se = max(ss, s - MAX_SENTENCE // 2), min(se, e + MAX_SENTENCE // 2)
        noun = n.original(f.noun_s, f.noun_e) if f.noun_s is not None else None
        low, high = f.low, f.high
        if f.value is None and f.high is None and f.magnitude:
            low, high = 2 * f.magnitude, 10 * f.magnitude - 1  # «عشرات» 20–99 (documented in figures.py)
        figures.append(
            Figure(
                # A range's value is its low end, as stated («بين 10 و20» → 10).
                value=low if f.high is not None else f.value,
                low=low,
                high=high,
                unit=f.unit,
                noun=noun,
                category=f.category,
                qualifier=f.qualifier or ("approx" if f.hedged else None),  # type: ignore[arg-type]
                text=text[s:e],
                start=s,
                end=e,
                rule=f.rule,
                sentence_start=ss,
                sentence_end=se,
                sentence=text[ss:se].strip(),
            )
        )
    numbers = []
    for h in nums:
        s, e = n.span(h.s, h.e)
        numbers.append(Number(value=h.value, text=text[s:e], start=s, end=e, rule=h.rule))  # type: ignore[arg-type]

    ent_hits = _entities.scan_entities(t, config.gazetteer)
    entities = []
    written: dict[str, str] = {}  # an entity's normalised text → its text as written (the first seen)
    for h in ent_hits:
        s, e = n.span(h.s, h.e)
        name = h.name
        if name.startswith("="):  # a surname names the person found earlier by their normalised text
            name = written.get(name[1:], name[1:])
        written.setdefault(t[h.s : h.e], text[s:e])
        entities.append(
            Entity(
                type=h.type,
                text=text[s:e],
                start=s,
                end=e,  # type: ignore[arg-type]
                name=name or text[s:e],
                rule=h.rule,
            )
        )
    by_span = {(h.s, h.e): ent for h, ent in zip(ent_hits, entities, strict=True)}
    quotes = []
    for q in _entities.scan_quotes(t, ent_hits):
        s, e = n.span(q.s, q.e)
        speaker = None
        if q.speaker_span is not None:
            ent = by_span.get(q.speaker_span)
            speaker = ent.name if ent is not None else n.original(*q.speaker_span)
        quotes.append(Quote(speaker=speaker, text=text[s:e], start=s, end=e, rule=q.rule))
    dates = []
    for d in date_hits:
        s, e = n.span(d.s, d.e)
        dates.append(
            DateMention(text=text[s:e], start=s, end=e, value=d.value, kind=d.kind, rule=d.rule, hijri=d.hijri)
        )

    times = []
    for f in time_hits:
        rel, rs = _times.relation(t, f.s, f.e)
        s, e = n.span(rs, f.e)
        amount = f.value if f.high is None else f.low
        times.append(
            TimeMention(
                text=text[s:e],
                start=s,
                end=e,
                amount=amount,
                unit=f.unit or "day",
                duration=_times.iso_duration(amount, f.unit or "day"),
                relation=rel,
                value=_times.resolve(rel, amount, f.unit or "day", reference_date, t, f.e),
                qualifier=f.qualifier,
                rule=f"times.{rel}",
            )
        )

    def key(x: Figure | Number | Entity | Quote | DateMention | TimeMention) -> tuple[int, int]:
        return (x.start, x.end)

    return Extraction(
        figures=tuple(sorted(figures, key=key)),
        numbers=tuple(sorted(numbers, key=key)),
        entities=tuple(sorted(entities, key=key)),
        quotes=tuple(sorted(quotes, key=key)),
        dates=tuple(sorted(dates, key=key)),
        times=tuple(sorted(times, key=key)),
        warnings=tuple(warnings),
    )


_FRONT_CLOSE = re.compile(r"^---[ \t]*$", re.M)


def article_region(article: Article) -> tuple[int, int]:
    """The whole article: headline (the first line, when the title is not from front matter), lead and body.

    A headline's figures are the article's figures too, and a one-paragraph file is all headline."""
    title, body = article.title, article.body
    in_text = title.end <= body.start and not _FRONT_CLOSE.search(article.text, title.end, body.start)
    start = title.start if in_text and title.end > title.start else body.start
    end = max(body.end, title.end) if in_text else body.end
    return start, end


def extract_article(article: Article, config: Config) -> Extraction:
    return extract(
        article.text, config, region=article_region(article), reference_date=article.date, source=article.source
    )
