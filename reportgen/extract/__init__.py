"""Extraction: figures, numbers, entities, quotes and dates from an article's original text.

Minimal placeholder engine (the [extraction] issue replaces it). Public interface:
`extract(text, config, region=..., reference_date=...)` and `extract_article(article, config)`.
"""

from __future__ import annotations

import re
from datetime import date

from reportgen.config import Config
from reportgen.model import Article, Entity, Extraction, Figure, Number

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_NUM = re.compile(r"[0-9٠-٩]+")
_WORD = re.compile(r"[\u0621-\u064a\u0640\u064b-\u0652]+")
_SENT = re.compile(r"[^.!؟?\n]+[.!؟?]?")


def _norm(word: str) -> str:
    word = re.sub("[\u064b-\u0652\u0640]", "", word)
    word = re.sub("[أإآ]", "ا", word)
    return word.replace("ة", "ه").replace("ى", "ي")


def _sentence(text: str, pos: int, lo: int, hi: int) -> tuple[int, int]:
    for m in _SENT.finditer(text, lo, hi):
        if m.start() <= pos < m.end():
            return m.start(), m.end()
    return lo, hi


def extract(text: str, config: Config, *, region: tuple[int, int] | None = None,
            reference_date: date | None = None) -> Extraction:
    lo, hi = region or (0, len(text))
    figures: list[Figure] = []
    numbers: list[Number] = []
    for m in _NUM.finditer(text, lo, hi):
        value = int(m.group().translate(_DIGITS))
        numbers.append(Number(value, m.group(), m.start(), m.end(), "digits"))
        s_start, s_end = _sentence(text, m.start(), lo, hi)
        sentence = _norm(text[s_start:s_end])
        after = _WORD.search(text, m.end(), min(hi, m.end() + 30))
        noun = after.group() if after else None
        unit = None
        if noun and _norm(noun) in {"كم", "كيلومتر"}:
            unit = "km2" if "مساحه" in sentence else "km"
        category = None
        for cat in config.categories:
            if unit and unit in cat.units:
                category = cat.key
                break
            if noun and any(_norm(noun).startswith(_norm(n)[:4]) for n in cat.nouns) and (
                not cat.context or any(_norm(c) in sentence for c in cat.context)
            ):
                category = cat.key
                break
        if category is None:
            continue
        end = after.end() if after else m.end()
        figures.append(Figure(value, unit, None if unit else noun, category, text[m.start():end], m.start(), end,
                              rule="placeholder", sentence_start=s_start, sentence_end=s_end))
    entities: list[Entity] = []
    kinds = {"places": "place", "organizations": "organization", "people": "person"}
    for key, names in config.gazetteer.items():
        for name in names:
            for m in re.finditer(re.escape(name), text[lo:hi]):
                entities.append(Entity(kinds[key], name, lo + m.start(), lo + m.end(), name, "gazetteer"))  # type: ignore[arg-type]
    entities.sort(key=lambda e: (e.start, -e.end))
    return Extraction(figures=tuple(figures), numbers=tuple(numbers), entities=tuple(entities))


def extract_article(article: Article, config: Config) -> Extraction:
    return extract(article.text, config, region=(article.body.start, article.body.end),
                   reference_date=article.date)
