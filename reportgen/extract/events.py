"""Categories of human tolls from the event word that governs the figure in its own clause.

Data: `data/ar/events.yaml` (event verbs, masdars, counted nouns, blockers, people nouns, clause markers).

How a figure that counts people gets its category (killed, wounded, displaced, arrests, missing):
1. Its counted noun is a toll itself («30 قتيلاً», «عدد الجرحى 12»): that noun's category.
2. Else the nearest event word before it in its clause governs it («مقتل 15 شخصاً», «أصيب 20 آخرون»), unless another
   figure stands between them, or the word is itself another figure's noun.
3. Else it continues the figure just before it: «و» («مقتل 5 جنود و3 مدنيين») or a subset word («بينهم 9 أطفال»).
4. Else an event verb right after its noun governs it («23 فلسطينياً استشهدوا», «العشرات في عداد المفقودين»).
5. A blocker in the sentence («بفيروس», «الإفراج عن») or none of the above: no category. A toll under the wrong
   category is worse than a toll with none.

Strong evidence only (issue 15, zero wrong tolls):
- Neutral states (`neutral`: survivors, rescued, on board, stranded, affected, returned, released) are read like
  event words; when one governs the figure (nearest before it, or the verb after its noun) it gets no category.
- An event word negated, feared, threatened, attempted or forecast («لم يسفر عن مقتل», «خشية نزوح», «هدد بقتل»,
  «قد يؤدي إلى نزوح»: `negators`, `hypothetical` within `modal_reach` words before it) governs as neutral.
- A toll update («ارتفعت حصيلة ضحايا الزلزال الذي ضرب …، إلى 11200») reaches its figure across commas and
  relative clauses of its sentence (`update_verbs`), since the head is unambiguous.
- Weak counted nouns («ضحايا») and event masdars that are also infections («إصابة») need a word of their toll
  in the sentence (`counted_needs`).

Clauses split a sentence at ؛ : ، (not «، و3» which continues a list), at markers («فيما», «بينما», «في حين»,
relative pronouns…) and at «و» + an event word («وأصيب», «والجرحى»). Matching runs on the normalised text.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from reportgen.extract.lexicon import alternation, load_data
from reportgen.extract.normalize import ARABIC_LETTERS, norm
from reportgen.extract.spans import Cover

_AR = ARABIC_LETTERS
TOKEN = re.compile(rf"[{_AR}]+")
# Clitics before a word: conjunction, preposition, article. Verbs take only و/ف.
_NOUN_PREFIXES = ("", "و", "ف", "ب", "ل", "ال", "وال", "فال", "بال", "لل", "ولل", "وب", "ول", "فب", "فل", "وبال")
_VERB_PREFIXES = ("", "و", "ف")


@dataclass(frozen=True, slots=True)
class Mention:
    s: int
    e: int
    category: str
    kind: str  # verb | masdar | counted | after (the end of a split verb: governs only the figure before it)
    waw: bool  # introduced by «و» or «ف» (starts a new clause)
    mixed: bool = False  # «مقتل وإصابة 21 شخصاً», «بين قتيل وجريح»: two tolls joined, neither can be told
    # Not a toll: a neutral state («نجا», «على متنه», «عودة») or an event negated, feared or threatened
    # («لم يسفر عن مقتل», «خشية نزوح», «هدد بقتل»). It governs like an event word, and gives no category.
    neutral: bool = False
    weak: bool = False  # a weak counted noun («ضحايا»): a toll only beside one of its category's needs


@dataclass(frozen=True, slots=True)
class EventData:
    forms: dict[str, tuple[str, str]]  # normalised word (no clitics) → (category, kind)
    masdar_forms: frozenset[str]
    masdar_bare: frozenset[str]  # masdars without a suffix («وفاه», not «وفاتهم», «اصابات»)
    phrase_first: frozenset[str]
    max_phrase: int
    reach_re: re.Pattern[str]
    shelter_re: re.Pattern[str]  # «في الملاجئ» right after a figure of people: they are displaced
    masdar_after: frozenset[str]
    short: frozenset[str]  # forms of stems under three letters: no clitic («وفر» is not و + «فر»)
    phrases: dict[tuple[str, ...], str]  # normalised words → category
    counted: dict[str, str]  # normalised counted noun → category
    blocked: dict[str, frozenset[str]]
    not_counting: dict[str, frozenset[str]]  # category → lemmas it never counts
    block_scope: dict[str, str]  # category → clause | sentence | paragraph
    counted_needs: dict[str, frozenset[str]]
    weak_needs: dict[str, frozenset[str]]  # category → one of these must be in the sentence of a weak word
    transitive: frozenset[str]  # verb stems that also read as active («4 رجال قتلوا امرأة»)
    coord_re: re.Pattern[str]
    people: frozenset[str]
    subset_re: re.Pattern[str]
    boundary_re: re.Pattern[str]
    categories: tuple[str, ...]
    weak: frozenset[str]  # weak counted nouns (normalised)
    negators: frozenset[str]
    not_negation_after: frozenset[str]
    hypothetical: frozenset[str]
    modal_reach: int
    update_verbs: frozenset[str]
    update_to_re: re.Pattern[str]  # the text before a figure ends with «إلى» or an update verb (hedge aside)
    update_reach: int
    copulas: frozenset[str]
    composition_re: re.Pattern[str]  # the text before a figure ends with a word of composition


NEUTRAL = "neutral"  # the pseudo-category of words of a state that is not a toll (events.yaml `neutral`)


@functools.cache
def data() -> EventData:
    raw = load_data("ar/events.yaml")
    verb_suffixes = [norm(s) for s in raw["verb_suffixes"]]
    masdar_suffixes = [norm(s) for s in raw["masdar_suffixes"]]
    forms: dict[str, tuple[str, str]] = {}
    phrases: dict[tuple[str, ...], str] = {}
    counted: dict[str, str] = {}
    blocked: dict[str, set[str]] = {}
    short: set[str] = set()
    masdar_forms: set[str] = set()
    masdar_bare: set[str] = set()
    weak: set[str] = set()
    cats = [k for k, v in raw.items() if isinstance(v, dict) and "masdars" in v and k != NEUTRAL]
    # Toll categories first: a word in both keeps its toll reading.
    for cat in [*cats, NEUTRAL]:
        spec = raw[cat]
        for w in spec.get("counted") or []:
            n = norm(w)
            forms.setdefault(n, (cat, "counted"))
            counted.setdefault(n, cat)
        for w in spec.get("weak_verbs") or []:
            for suf in verb_suffixes:
                if forms.setdefault(norm(w) + suf, (cat, "verb")) == (cat, "verb"):
                    weak.add(norm(w) + suf)
                if len(norm(w)) < 3:
                    short.add(norm(w) + suf)
        for w in spec.get("weak_masdars") or []:
            for suf in masdar_suffixes:
                if forms.setdefault(norm(w) + suf, (cat, "masdar")) == (cat, "masdar"):
                    masdar_forms.add(norm(w) + suf)
                    weak.add(norm(w) + suf)
        for w in spec.get("weak_counted") or []:
            n = norm(w)
            if forms.setdefault(n, (cat, "counted")) == (cat, "counted"):
                counted.setdefault(n, cat)
                weak.add(n)
        # A form that is both a verb and a masdar («قتل», «جرح») is read as the verb.
        for w in spec.get("verbs") or []:
            for suf in verb_suffixes:
                forms.setdefault(norm(w) + suf, (cat, "verb"))
                if len(norm(w)) < 3:
                    short.add(norm(w) + suf)
        for w in spec.get("masdars") or []:
            words = norm(w).split()
            if len(words) > 1:
                phrases.setdefault(tuple(words), cat)
                continue
            masdar_bare.add(words[0])
            for suf in masdar_suffixes:
                forms.setdefault(words[0] + suf, (cat, "masdar"))
                masdar_forms.add(words[0] + suf)
            if words[0].endswith("ه"):
                for suf in masdar_suffixes[1:]:
                    forms.setdefault(words[0][:-1] + "ت" + suf, (cat, "masdar"))  # «وفاتهم»
        for w in spec.get("after_noun") or []:
            forms[norm(w)] = (cat, "after")
        for w in spec.get("phrases") or []:
            words = tuple(norm(w).split())
            if len(words) == 1:
                forms.setdefault(words[0], (cat, "verb"))  # «لجؤوا»: a spelling no suffix rule makes
            else:
                phrases.setdefault(words, cat)
        for w in spec.get("blocked_by") or []:
            blocked.setdefault(norm(w), set()).add(cat)
    not_counting = {c: frozenset(norm(w) for w in raw[c].get("not_counting") or []) for c in cats}
    not_counting[NEUTRAL] = frozenset(norm(w) for w in raw["not_people"])
    people = frozenset(norm(w) for w in [*raw["people"], *raw["people_plurals"]])
    subset = alternation([norm(w) for w in raw["subset"]])
    markers = alternation([norm(w) for w in raw["clause_markers"]])
    # A comma before a digit («1,250», «، و3 مدنيين») is not a boundary.
    # … nor is one that opens an aside of time closed by a comma right before a number: «اعتقل جيش الاحتلال، خلال
    # ساعات ليل الثلاثاء، 19 فلسطينياً» (the verb governs the figure across the aside).
    asides = alternation([norm(w) for w in raw["time_asides"]])
    aside = rf"\s*(?:{asides})(?![{_AR}])[^،,.؛;:\n]{{0,40}}[،,]\s*\d"
    boundary = re.compile(rf"[؛;:\n]|[،,](?!\s*و?\s*\d)(?!{aside})|(?<![{_AR}])(?:{markers})(?![{_AR}])")
    return EventData(
        forms=forms,
        short=frozenset(short),
        masdar_forms=frozenset(masdar_forms),
        masdar_bare=frozenset(masdar_bare),
        phrase_first=frozenset(p[0] for p in phrases),
        max_phrase=max((len(p) for p in phrases), default=1),
        reach_re=re.compile(
            rf"(?<![{_AR}])[وف]?(?:{alternation([norm(w) for w in raw['reach_verbs']])})"
            rf"(?:\s+(?:{alternation(list(_qualifier_words()))}))?\s*$"
        ),
        shelter_re=re.compile(
            rf"\s+(?:[{_AR}]+\s+)?(?:في|داخل|ب)\s*(?:{alternation([norm(w) for w in raw['shelters']])})(?![{_AR}])"
        ),
        masdar_after=frozenset(norm(w) for w in raw["masdar_after"]),
        block_scope={c: raw[c].get("block_scope", "clause") for c in cats},
        counted_needs={c: frozenset(norm(w) for w in raw[c].get("counted_needs") or []) for c in cats},
        weak_needs={c: frozenset(norm(w) for w in raw[c].get("weak_needs") or []) for c in cats},
        transitive=frozenset(norm(w) for w in raw["transitive_verbs"]),
        coord_re=re.compile(rf"^\s*[،,]?\s*(?:و\s*)?(?:{alternation([norm(w) for w in raw['coordinators']])})\s*$"),
        phrases=phrases,
        counted=counted,
        blocked={w: frozenset(c) for w, c in blocked.items()},
        not_counting=not_counting,
        people=people,
        subset_re=re.compile(rf"^\s*[،,]?\s*(?:و\s*)?(?:{subset})\s*$"),
        boundary_re=boundary,
        categories=tuple(cats),
        weak=frozenset(weak),
        negators=frozenset(norm(w) for w in raw["negators"]),
        not_negation_after=frozenset(norm(w) for w in raw["not_negation_after"]),
        hypothetical=frozenset(norm(w) for w in raw["hypothetical"]),
        modal_reach=int(raw["modal_reach"]),
        update_verbs=frozenset(norm(w) for w in raw["update_verbs"]),
        update_to_re=re.compile(
            rf"(?<![{_AR}])(?:[وفل]?الي|[وفل]?(?:{alternation([norm(w) for w in raw['update_verbs']])}))\s*(?:ال)?$"
        ),
        update_reach=int(raw["update_reach"]),
        copulas=frozenset(norm(w) for w in raw["copulas"]),
        composition_re=re.compile(
            rf"(?<![{_AR}])(?:{alternation([norm(w) for w in raw['composition']])})(?:\s+من)?\s*$"
        ),
    )


def categories() -> tuple[str, ...]:
    """The category keys decided by events (their config entries need only a label)."""
    return data().categories


def _lookup(tok: str, d: EventData) -> tuple[str, str, bool] | None:
    """(category, kind, introduced by و) of a token with its clitics, or None."""
    for prefix in _NOUN_PREFIXES:
        if not tok.startswith(prefix):
            continue
        rest = tok[len(prefix) :]
        if prefix and len(rest) < 3:
            continue
        hit = d.forms.get(rest)
        if hit is None:
            continue
        if hit[1] == "verb" and (prefix not in _VERB_PREFIXES or (prefix and rest in d.short)):
            continue
        return hit[0], hit[1], prefix[:1] in ("و", "ف")
    return None


def _event_lookup(tok: str, d: EventData) -> tuple[str, str, bool] | None:
    """`_lookup` for an event of a toll only (not a neutral state)."""
    hit = _lookup(tok, d)
    return None if hit is None or hit[0] == NEUTRAL else hit


def _strip(tok: str, d: EventData, table: dict[str, object]) -> str | None:
    for prefix in _NOUN_PREFIXES:
        if tok.startswith(prefix) and (not prefix or len(tok) - len(prefix) >= 3) and tok[len(prefix) :] in table:
            return tok[len(prefix) :]
    return None


class _Fig(Protocol):
    s: int
    e: int
    unit: str | None
    noun_s: int | None
    noun_e: int | None
    lemma: str | None
    rule: str
    value: object


@dataclass(slots=True)
class Scan:
    """Event mentions, blockers and clause boundaries of one normalised text, found once (linear)."""

    tokens: list[tuple[int, int, str]]
    tok_starts: list[int]
    mentions: list[Mention]
    m_starts: list[int]
    blocks: list[tuple[int, frozenset[str]]]
    b_starts: list[int]
    bounds: list[int]


@functools.lru_cache(maxsize=65536)
def _classify(tok: str) -> tuple[frozenset[str] | None, tuple[str, str, bool] | None, bool, bool]:
    """Per distinct token (cached: news repeats its words): the categories it blocks, its event reading,
    whether it may open a phrase, and whether it is a verb that reads as a masdar after a preposition."""
    d = data()
    b = _strip(tok, d, d.blocked)  # type: ignore[arg-type]
    opens = any(tok.startswith(p) and tok[len(p) :] in d.phrase_first for p in _VERB_PREFIXES)
    as_masdar = any(tok.startswith(p) and tok[len(p) :] in d.masdar_forms for p in _VERB_PREFIXES)
    return (d.blocked[b] if b is not None else None), _lookup(tok, d), opens, as_masdar


def scan(text: str) -> Scan:
    d = data()
    tokens = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]
    mentions: list[Mention] = []
    blocks: list[tuple[int, frozenset[str]]] = []
    max_phrase = d.max_phrase
    i = 0
    while i < len(tokens):
        s, e, tok = tokens[i]
        blocked, hit, opens, as_masdar = _classify(tok)
        if blocked is not None:
            blocks.append((s, blocked))
        # Multi-word phrases first (longest), the first word may carry و/ف.
        found = False
        for n in range(min(max_phrase, len(tokens) - i), 1, -1) if opens else ():
            words = [t[2] for t in tokens[i : i + n]]
            if any(text[a[1] : b[0]].strip() for a, b in itertools.pairwise(tokens[i : i + n])):
                continue  # only spaces between the words of a phrase
            for prefix in _VERB_PREFIXES:
                if not words[0].startswith(prefix):
                    continue
                key = (words[0][len(prefix) :], *words[1:])
                cat = d.phrases.get(key)
                if cat is not None:
                    mentions.append(Mention(s, tokens[i + n - 1][1], cat, "verb", prefix in ("و", "ف")))
                    i += n
                    found = True
                    break
            if found:
                break
        if found:
            continue
        if hit is not None:
            kind = hit[1]
            # «استشهد مدنيان و أصيب 24»: a detached «و» opens the clause as an attached one does («مقتل و إصابة
            # 21» is still a mixed pair: _joined).
            detached = i > 0 and tokens[i - 1][2] in ("و", "ف") and text[tokens[i - 1][1] : s].isspace()
            if detached and not hit[2]:
                hit = (hit[0], hit[1], True)
            if kind == "verb" and as_masdar and i > 0 and tokens[i - 1][2] in d.masdar_after:
                kind = "masdar"  # «بعد غرق مركب»
            # «فرق الإنقاذ 20 جثة»: a definite neutral masdar names a thing (rescue teams), it governs nothing;
            # «ما لا يقل عن 20» is a hedge, not «يقل» (carrying).
            definite = hit[0] == NEUTRAL and kind == "masdar" and _bare(tok) != tok and "ال" in tok[:4]
            hedge = hit[0] == NEUTRAL and i > 0 and tokens[i - 1][2] in ("لا", "ما")
            if not (definite or hedge):
                weak = _strip(tok, d, d.forms) in d.weak  # type: ignore[arg-type]
                mentions.append(Mention(s, e, hit[0], kind, hit[2], weak=weak))
        i += 1
    punct = [m.start() for m in d.boundary_re.finditer(text)]
    tok_starts = [t[0] for t in tokens]
    for k, m in enumerate(mentions):
        prev_end = mentions[k - 1].e if k else 0
        modal = m.kind in ("verb", "masdar") and _modal_before(text, tokens, tok_starts, punct, m, prev_end, d)
        if m.category == NEUTRAL or modal:
            mentions[k] = dataclasses.replace(m, neutral=True)
    for k in range(1, len(mentions)):
        a, b = mentions[k - 1], mentions[k]
        if a.category == NEUTRAL or b.category == NEUTRAL:
            continue
        # «مقتل وإصابة», «قتل وأصيب 25», «مقتل وجرح», «بين قتيل وجريح», «40 قتيلاً وجريحاً» — not «41 شهيداً
        # وإصابة 124» (a counted noun, then a new event).
        # Verb pairs («قتل وأصيب 25») are told in categorise: «3 قتلوا وأصيب 9» is two clauses.
        paired = a.kind in ("masdar", "counted") and b.kind != "after"
        paired = paired and not (a.kind == "counted" and b.kind != "counted")
        if paired and b.waw and a.category != b.category and _joined(text, a, b):
            mentions[k - 1] = dataclasses.replace(a, mixed=True)
            mentions[k] = dataclasses.replace(b, mixed=True)
    bounds = punct
    # «مقتل وإصابة 21»: the second word of a mixed pair does not open a clause of its own.
    mixed_starts = {m.s for m in mentions if m.mixed}
    bounds += [m.s for m in mentions if m.waw and m.s not in mixed_starts]
    bounds.sort()
    return Scan(
        tokens=tokens,
        tok_starts=tok_starts,
        mentions=mentions,
        m_starts=[m.s for m in mentions],
        blocks=blocks,
        b_starts=[b[0] for b in blocks],
        bounds=bounds,
    )


def _bare(tok: str) -> str:
    """A token without one conjunction/preposition clitic and the article, when three letters remain."""
    for prefix in ("وال", "فال", "بال", "لل", "ال", "و", "ف", "ب", "ل"):
        if tok.startswith(prefix) and len(tok) - len(prefix) >= 2:
            return tok[len(prefix) :]
    return tok


def _modal_before(
    text: str,
    tokens: list[tuple[int, int, str]],
    tok_starts: list[int],
    punct: list[int],
    m: Mention,
    prev_end: int,
    d: EventData,
) -> bool:
    """Is the event word `m` negated, feared, threatened, forecast or attempted: one of the negators (not
    «لا يزال») or hypothetical words among the `modal_reach` words before it, in its clause? A count head
    («عدد القتلى», «حصيلة الوفيات») is not an event, so a forecast of a toll stays a toll."""
    if _COUNT_HEAD_BEFORE.search(text, max(0, m.s - 12), m.s):
        return False
    i = bisect.bisect_left(tok_starts, m.s)
    b = bisect.bisect_right(punct, m.s) - 1
    lo = max(punct[b] if b >= 0 else 0, prev_end)
    for j in range(i - 1, max(-1, i - 1 - d.modal_reach), -1):
        s, _, tok = tokens[j]
        if s < lo:
            break
        for w in {tok, _bare(tok)}:
            if w in d.hypothetical:
                return True
            if w in d.negators:
                nxt = tokens[j + 1][2] if j + 1 < len(tokens) else ""
                if nxt not in d.not_negation_after:
                    return True
    return False


def clause_of(sc: Scan, pos: int, sent: tuple[int, int]) -> tuple[int, int]:
    """The clause around `pos` inside sentence `sent`."""
    i = bisect.bisect_right(sc.bounds, pos) - 1
    lo = max(sent[0], sc.bounds[i]) if i >= 0 else sent[0]
    hi = sc.bounds[i + 1] if i + 1 < len(sc.bounds) else sent[1]
    return lo, min(hi, sent[1])


def _blocked(sc: Scan, clause: tuple[int, int], cat: str) -> bool:
    a = bisect.bisect_left(sc.b_starts, clause[0])
    b = bisect.bisect_left(sc.b_starts, clause[1])
    return any(cat in cats for _, cats in sc.blocks[a:b])


def _noun_word(text: str, f: _Fig) -> str | None:
    if f.noun_s is None or f.noun_e is None:
        return None
    return text[f.noun_s : f.noun_e]


# «ي»: the construct plural («8 من مسلحي العشائر», «7 من مقاتلي الفصيل»).
_PEOPLE_SUFFIXES = ("", "ا", "ين", "ون", "ات", "ان", "ه", "يا", "يين", "يون", "ي")


def _person_word(w: str, d: EventData) -> bool:
    for suf in _PEOPLE_SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= 2:
            stem = w[: len(w) - len(suf)] if suf else w
            if stem in d.people or stem in d.counted or (suf == "ات" and stem + "ه" in d.people):
                return True
    return False


def is_people(text: str, f: _Fig) -> bool:
    """Does the figure count people (or name no noun, so the clause's verb says what it counts)?"""
    d = data()
    if f.unit is not None:
        return False
    if f.lemma is not None and (f.lemma in d.people or f.lemma in d.counted):
        return True
    if f.rule == "figures.count_of" and f.lemma is not None and (hit := _lookup(f.lemma, d)) and hit[1] == "masdar":
        return True  # «عدد الوفيات 36»: a count of an event
    w = _noun_word(text, f)
    if w is None and f.rule == "figures.scaled":
        # «3.2 مليارات للاجئين» is money; «3 ملايين نزحوا», «نزوح 3 ملايين» count people.
        return verb_follows(text, f.e) or _event_just_before(text, f.s) or _masdar_to_follows(text, f.e)
    if w is None:
        return f.lemma is None  # «قتل 5 منهم», «أصيب العشرات», «قتل 3 وأصيب 5»
    if w.startswith("ال"):
        w = w[2:]
    if _person_word(w, d):
        return True
    hit = _lookup(w, d)
    if hit is not None and hit[1] in ("masdar", "after"):
        return True  # «40 وفاة»: the event itself is counted; «45 ألفاً حتفهم»: the end of «لقي … حتفهم»
    if f.lemma is not None or w in d.not_counting[NEUTRAL]:
        return False  # «70 مأوى», «6000 مبنى» (ى is normalised to ي), «5 خلايا», «30 عمليات»
    # Nisba nouns of people: «16 فلسطينياً», «سوريين», «لبنانيون», «عراقيات»; after 11 and more the noun is
    # singular: «1.3 مليون سوري».
    if len(w) >= 5 and w.endswith(("يا", "يين", "يون", "يات")):
        return True
    big = isinstance(f.value, int | float) and f.value >= 11
    return big and len(w) >= 4 and w.endswith("ي")


_TO_MASDAR = re.compile(rf"[ \t]+(?:الي|علي)[ \t]+(?P<t>[{_AR}]+)")


def _masdar_to_follows(text: str, pos: int) -> bool:
    """«أجبرت أكثر من 300 ألف على الفرار»: a figure forced into an event."""
    m = _TO_MASDAR.match(text, pos)
    hit = _event_lookup(m.group("t"), data()) if m else None
    return hit is not None and hit[1] == "masdar"


def _event_just_before(text: str, pos: int) -> bool:
    """Is the word right before `pos` (a hedge aside) an event word?"""
    from reportgen.extract import qualifiers

    before = text[max(0, pos - 40) : pos]
    q = qualifiers.table().before_re.search(before)
    if q is not None:
        before = before[: q.start()]
    words = TOKEN.findall(before)
    return bool(words) and _event_lookup(words[-1], data()) is not None


def _words_between(sc: Scan, a: int, b: int) -> int:
    return bisect.bisect_left(sc.tok_starts, b) - bisect.bisect_left(sc.tok_starts, a)


MAX_GAP_WORDS = 8  # between a governing event word and the figure after it
MAX_HEAD_GAP_WORDS = 12  # between the head of a count («عدد حالات الاعتقال … بلغ») and its figure
MAX_AFTER_WORDS = (
    3  # between the counted noun and a governing verb after it («20 مهاجرا إفريقيا على الأقل لقوا مصرعهم»)
)
_TO_BEFORE = re.compile(r"(?:الي|علي)\s*$")
_ELIDED = re.compile(rf"\s*(?:(?:في|من)\s+[{_AR}]+(?:\s+[{_AR}]+)?\s*)?[،,]?\s*و\s*(?:نحو|حوالي|قرابه)?\s*")
_PP_AND = re.compile(
    rf"(?:\s+ال[{_AR}]+)?(?:\s+(?:من|في)\s+(?:ال)?[{_AR}]+)?\s*[،,]?\s*و\s*(?:نحو|حوالي|قرابه|اكثر\s+من)?\s*"
)
_AND = re.compile(r"\s*[،,]?\s*و\s*(?:نحو|حوالي|قرابه|اكثر\s+من|اقل\s+من)?\s*")


def _paragraph(text: str, pos: int) -> tuple[int, int]:
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    return a, len(text) if b < 0 else b


_COUNT_HEAD_BEFORE = re.compile(r"(?:عدد|حصيله|اجمالي|مجموع)\s+(?:حالات\s+)?(?:ال)?$")


@functools.cache
def _qualifier_words() -> tuple[str, ...]:
    from reportgen.extract import qualifiers

    return tuple(qualifiers.table().before)


def _gap_ok(text: str, sc: Scan, m: Mention, f: _Fig) -> bool:
    """Can event word `m` govern figure `f` after it? A verb may have its subject or an adverbial between
    («قتل في الهجوم 5 أشخاص»); a masdar or noun takes its figure at once, a hedge aside («مقتل ما لا يقل عن
    15»), unless it heads a count («ارتفعت حصيلة القتلى جراء الانهيار إلى 45»)."""
    from reportgen.extract import qualifiers

    words = _words_between(sc, m.e, f.s)
    if m.kind == "verb":
        return words <= MAX_GAP_WORDS
    head = f.rule == "figures.count_of" or _COUNT_HEAD_BEFORE.search(text, max(0, m.s - 12), m.s) is not None
    if head:
        return words <= MAX_HEAD_GAP_WORDS
    gap = text[m.e : f.s]
    q = qualifiers.table().before_re.search(gap)
    if q is not None:
        gap = gap[: q.start()]
    words = TOKEN.findall(gap)
    # One word («مقتل نحو 30»), or the masdar's definite agent («باعتقال الجيش الإسرائيلي أكثر من 100»).
    return len(words) <= 1 or (len(words) <= 3 and all(w.startswith("ال") for w in words))


def _active_use(text: str, sc: Scan, m: Mention, d: EventData) -> bool:
    """Is the verb `m` (after a figure) active, with an object of its own: a number or a person right after
    it («قتلوا 5», «قتلوا امرأة», «اعتقلوا الناشط»)? Unvocalised «قتلوا» is both «were killed» and «killed»."""
    tok = text[m.s : m.e].split()[0] if text[m.s : m.e].strip() else ""
    if tok[:1] in ("و", "ف") and tok[1:] and _lookup(tok[1:], d) is not None:
        tok = tok[1:]
    stem = next((tok[: len(tok) - len(x)] for x in ("وا", "ت", "ا", "ن", "و") if tok.endswith(x)), tok)
    if stem not in d.transitive and tok not in d.transitive:
        return False
    k = bisect.bisect_left(sc.tok_starts, m.e)
    nxt_s = sc.tokens[k][0] if k < len(sc.tokens) else len(text)
    if re.search(r"\d", text[m.e : nxt_s]):
        return True
    if k >= len(sc.tokens):
        return False
    w = sc.tokens[k][2]
    return _person_word(w[2:] if w.startswith("ال") else w, d)


def _joined(text: str, a: Mention, b: Mention) -> bool:
    """Nothing but spaces, or a detached «و»/«ف», between two mentions («مقتل وإصابة», «مقتل و إصابة»)."""
    return text[a.e : b.s].strip() in ("", "و", "ف")


def _verb_pair(text: str, sc: Scan, j: int, fig_ends: list[int], sent: tuple[int, int]) -> bool:
    """«قتل وأصيب 25 شخصاً», «استشهد وأصيب 12»: two event verbs of different tolls joined by «و» govern one
    figure, which mixes them — unless the first closes a clause of its own figure («3 قتلوا وأصيب 9»)."""
    if j < 1:
        return False
    a, b = sc.mentions[j - 1], sc.mentions[j]
    if a.kind != "verb" or b.kind != "verb" or not b.waw or a.category == b.category or a.neutral:
        return False
    if not _joined(text, a, b):
        return False
    k = bisect.bisect_right(fig_ends, a.s) - 1
    own = k >= 0 and fig_ends[k] >= sent[0] and _words_between(sc, fig_ends[k], a.s) <= MAX_AFTER_WORDS
    own = own and not re.search(r"[،,؛;:.]", text[fig_ends[k] : a.s])
    return not own


_FOLLOWER = re.compile(rf"\s+(\d|[{_AR}]+)")


def _in_construct(text: str, m: Mention, d: EventData) -> bool:
    """An indefinite masdar with no pronoun, right before a noun or a number, names its own object: in «تسبب
    حادث لعائلة مكونة من ستة أشخاص إلى وفاة أم وطفليها» the dead are «أم وطفليها», not the six before «إلى»
    («أجبر 8.6 ملايين شخص على الفرار», «أدى إلى وفاتهم» have no object of their own)."""
    tok = text[m.s : m.e]
    if not any(tok.startswith(p) and "ال" not in p and tok[len(p) :] in d.masdar_bare for p in _NOUN_PREFIXES):
        return False
    nxt = _FOLLOWER.match(text, m.e)
    if nxt is None:
        return False
    w = nxt.group(1)
    return w.isdigit() or (w not in d.masdar_after and not w.startswith(("ب", "ل")))


def mention_before(sc: Scan, pos: int) -> Mention | None:
    """The last event word that ends at or before `pos` (mentions are sorted by start)."""
    j = bisect.bisect_right(sc.m_starts, pos) - 1
    while j >= 0 and sc.mentions[j].e > pos:
        j -= 1
    return sc.mentions[j] if j >= 0 else None


def _composition_head(text: str, sc: Scan, f: _Fig, sent: tuple[int, int], d: EventData) -> Mention | None:
    """The event governing the group a figure counts the members of: the text before the figure (a hedge aside)
    ends with a word of composition («مؤلفة من», «وعددهم»), and the nearest event word before that, in the
    sentence and within reach, is a verb or masdar (not neutral)."""
    from reportgen.extract import qualifiers

    before = text[max(sent[0], f.s - 40) : f.s]
    q = qualifiers.table().before_re.search(before)
    if q is not None:
        before = before[: q.start()]
    c = d.composition_re.search(before)
    if c is None:
        return None
    at = f.s - len(before) + c.start()
    m = mention_before(sc, at)
    if m is None:
        return None
    if m.s < sent[0] or m.neutral or m.kind not in ("verb", "masdar") or m.category == NEUTRAL:
        return None
    return m if _words_between(sc, m.e, at) <= MAX_GAP_WORDS else None


def _copula_head(text: str, sc: Scan, f: _Fig, sent: tuple[int, int], d: EventData) -> Mention | None:
    """The toll a breakdown lists: the nearest event word before the figure in its sentence is a counted noun
    or masdar followed at once by a copula («القتلى هم …», «عدد الجرحى هم 8 … و7 …»), within reach."""
    m = mention_before(sc, f.s)
    if m is None:
        return None
    if m.s < sent[0] or m.neutral or m.kind not in ("counted", "masdar"):
        return None
    k = bisect.bisect_left(sc.tok_starts, m.e)
    if k >= len(sc.tokens) or sc.tokens[k][2] not in d.copulas or sc.tokens[k][0] >= f.s:
        return None
    return m if _words_between(sc, m.e, f.s) <= d.update_reach else None


def _mixed_at(sc: Scan, pos: int | None) -> bool:
    """Is the event word at `pos` one of a mixed pair («40 قتيلاً وجريحاً»)?"""
    if pos is None:
        return False
    j = bisect.bisect_left(sc.m_starts, pos)
    return j < len(sc.mentions) and sc.mentions[j].s == pos and sc.mentions[j].mixed


_BREAKDOWN = re.compile(r"\s+(?:ما\s+)?(?:بين|من)\s+")


def _mixed_breakdown(text: str, sc: Scan, pos: int | None) -> bool:
    """«100 ألف ضحية بين قتيل ومفقود»: the figure is broken down into two tolls right after its noun."""
    m = _BREAKDOWN.match(text, pos) if pos is not None else None
    return m is not None and _mixed_at(sc, m.end())


def _update_head(
    text: str,
    sc: Scan,
    f: _Fig,
    idx: int,
    fig_starts: list[int],
    sent: tuple[int, int],
    in_noun: Cover,
    d: EventData,
) -> Mention | None:
    """The toll head of an update that figure `f` completes («حصيلة القتلى … إلى 45», «ضحايا الفيضانات ارتفع
    إلى 3000»): the nearest event word before it in its sentence, a counted noun or masdar heading a count
    (after «عدد/حصيلة» or right before an update verb), with no figure between, when the figure follows «إلى»
    or an update verb. Returns a neutral mention as is (the caller gives no category)."""
    from reportgen.extract import qualifiers

    before = text[max(sent[0], f.s - 40) : f.s]
    q = qualifiers.table().before_re.search(before)
    if q is not None:
        before = before[: q.start()]
    if not d.update_to_re.search(before.rstrip()):
        return None
    m = mention_before(sc, f.s)
    if m is None:
        return None
    if m.s < sent[0] or in_noun(m.s) or bisect.bisect_left(fig_starts, m.e) < idx:
        return None
    if m.neutral:
        return m
    if m.kind not in ("counted", "masdar") or _words_between(sc, m.e, f.s) > d.update_reach:
        return None
    if _COUNT_HEAD_BEFORE.search(text, max(0, m.s - 12), m.s):
        return m
    k = bisect.bisect_left(sc.tok_starts, m.e)
    after = [_bare(t[2]) for t in sc.tokens[k : k + 3] if t[0] < f.s]
    return m if any(w in d.update_verbs for w in after) else None


def _has_word(sc: Scan, span: tuple[int, int], words: frozenset[str]) -> bool:
    a = bisect.bisect_left(sc.tok_starts, span[0])
    b = bisect.bisect_left(sc.tok_starts, span[1])
    for _, _, tok in sc.tokens[a:b]:
        for prefix in _NOUN_PREFIXES:
            if tok.startswith(prefix) and tok[len(prefix) :] in words:
                return True
    return False


def categorise(text: str, sc: Scan, figs: Sequence[_Fig], sentences: Sequence[tuple[int, int]]) -> list[str | None]:
    """An event category (or None) for each figure in `figs` (sorted by start)."""
    d = data()
    out: list[str | None] = [None] * len(figs)
    governed: list[bool] = [False] * len(figs)  # category came from an event word (may pass on by «و»)
    people: list[bool] = [False] * len(figs)
    # The toll a household figure stood in («الضحايا من ثلاث عائلات»): not its own category (households are no
    # count of the dead), but the members listed after it («بينهم 10 أطفال») are still that toll.
    members_of: list[str | None] = [None] * len(figs)
    fig_starts = [f.s for f in figs]
    fig_ends = sorted(max(f.e, f.noun_e or 0) for f in figs)
    seen: dict[tuple[int, int, int], bool] = {}

    def has_word(span: tuple[int, int], words: frozenset[str]) -> bool:
        # Once per scope and word list: many figures of one long paragraph ask the same question.
        key = (span[0], span[1], id(words))
        if key not in seen:
            seen[key] = _has_word(sc, span, words)
        return seen[key]

    in_noun = Cover([(f.noun_s, f.noun_e) for f in figs if f.noun_s is not None and f.noun_e is not None])
    si = 0
    for idx, f in enumerate(figs):
        while si < len(sentences) - 1 and sentences[si][1] <= f.s:
            si += 1
        sent = sentences[si] if sentences else (0, len(text))
        if not is_people(text, f):
            continue
        people[idx] = True
        clause = clause_of(sc, f.s, sent)
        cat: str | None = None
        gov = False
        by_masdar = False  # the governing word is a masdar («إصابة»), which may need a word of violence nearby
        by_weak = False  # … or a weak counted noun («ضحايا»)
        neutral = False  # governed by a word of a state that is not a toll, or by a negated/feared event
        mixed = False
        subset = False
        # 1. The counted noun is the toll («30 قتيلاً», «40 وفاة»).
        w = _noun_word(text, f)
        noun = _strip(w, d, d.counted) if w is not None else None  # type: ignore[arg-type]
        if noun is None and f.lemma in d.counted and f.rule != "figures.count_of":
            noun = f.lemma  # «عدد القتلى 15» is left to rule 2: the head must be in the figure's clause
        if noun is not None:
            cat = d.counted[noun]
            by_weak = noun in d.weak
            mixed = _mixed_at(sc, f.noun_s) or _mixed_breakdown(text, sc, f.noun_e)
            if cat == NEUTRAL:
                cat, neutral = None, True  # «انتشال 5 ناجين», «200 شخص عالقين»
        elif w is not None and (hit := _event_lookup(w, d)) is not None and hit[1] == "masdar":
            cat = hit[0]
            by_masdar = True
            by_weak = (_strip(w, d, d.forms) or w) in d.weak  # type: ignore[arg-type]  # «3200 إجلاء صحي»
            mixed = _mixed_at(sc, f.noun_s)
        elif w is not None and (hit := _event_lookup(w, d)) is not None and hit[1] == "after":
            cat, gov = hit[0], True  # «لقي أكثر من 45 ألفاً حتفهم»: the end of the split verb is the figure's noun
        end = f.noun_e if f.noun_e is not None else f.e
        before_cat: str | None = None
        next_fig = fig_starts[idx + 1] if idx + 1 < len(figs) else len(text)
        # 2. The nearest event word before the figure in its clause; it wins over a counted noun of another
        #    toll («مقتل عشرات النازحين» are killed, «اعتقال 5 جرحى» arrests).
        j = bisect.bisect_right(sc.m_starts, f.s) - 1
        while j >= 0 and sc.mentions[j].e > f.s:
            j -= 1
        if j >= 0:
            m = sc.mentions[j]
            between_fig = bisect.bisect_left(fig_starts, m.e) < idx
            if (
                m.kind != "after"
                and not (m.weak and noun is not None)  # «إجلاء 50 جريحاً» are wounded: a weak word never overrides
                and m.s >= (sent[0] if f.rule == "figures.count_of" else clause[0])
                and not in_noun(m.s)
                and not between_fig
                and _gap_ok(text, sc, m, f)
            ):
                cat, gov = m.category, True
                before_cat = cat
                by_masdar = m.kind == "masdar"
                by_weak = m.weak
                mixed = mixed or m.mixed or _verb_pair(text, sc, j, fig_ends, sent)
                if m.neutral:
                    cat, gov, neutral = None, False, True
        if not neutral and (cat is None or before_cat is not None):
            # 3. An event verb right after the counted noun: «23 فلسطينياً استشهدوا», «34 مهاجراً مفقودون»,
            #    «أجبر 8.6 ملايين شخص على الفرار».
            j = bisect.bisect_left(sc.m_starts, end)
            if j < len(sc.mentions):
                m = sc.mentions[j]
                lead_in = text[max(end, m.s - 8) : m.s]
                # «اضطر 200 ألف شخص في وسط الصومال إلى الفرار»: the «إلى/على» of a masdar (phrase) after the
                # noun is part of the verb it completes, not one of the words between.
                to = 1 if m.kind in ("masdar", "verb") and _TO_BEFORE.search(lead_in) else 0
                gap = _words_between(sc, end, m.s) - to
                near = gap <= MAX_AFTER_WORDS and m.s < next_fig and m.s < clause[1]
                tok = text[m.s : m.e]
                if near and (
                    m.kind in ("verb", "after")
                    or (m.kind == "counted" and not tok.lstrip("وف").startswith("ال"))
                    or (m.kind == "masdar" and _TO_BEFORE.search(lead_in) and not _in_construct(text, m, d))
                    or (m.kind == "masdar" and f.lemma is not None and f.lemma == norm("حالة"))
                ):
                    if m.kind == "verb" and _active_use(text, sc, m, d):
                        pass  # «4 رجال قتلوا امرأة», «20 مسلحاً قتلوا 5»: the figure did it, it is not the toll
                    elif m.neutral and before_cat is not None and m.category != NEUTRAL:
                        pass  # «اعتقلت 3 أشخاص بتهمة قتل …»: a feared or alleged event after does not undo the arrest
                    elif m.neutral:
                        cat, gov, neutral = None, False, True  # «43 ألف لاجئ عادوا»
                    elif before_cat is not None and m.category != before_cat:
                        cat, gov = None, False  # governed both ways, differently: too unclear to publish
                    else:
                        cat, gov = m.category, True
                        by_masdar = m.kind == "masdar"
                        by_weak = m.weak
                        mixed = mixed or m.mixed
        if neutral:
            out[idx], governed[idx] = None, False
            continue
        if cat is None and (hm := _update_head(text, sc, f, idx, fig_starts, sent, in_noun, d)) is not None:
            # 2b. A toll update: «ارتفعت حصيلة ضحايا الزلزال الذي ضرب …، إلى أكثر من 11200 شخص».
            if hm.neutral:
                out[idx], governed[idx] = None, False
                continue
            cat, gov, by_masdar, by_weak, mixed = hm.category, True, hm.kind == "masdar", hm.weak, hm.mixed
        if cat is None:
            # 4. «و3 مدنيين» or «بالإضافة إلى 34 عنصراً» after a governed figure; «بينهم 9 أطفال» after any toll.
            k = idx - 1
            while k >= 0 and not people[k] and figs[k].s >= sent[0]:
                k -= 1
            if k >= 0 and (out[k] or members_of[k]) is not None and figs[k].s >= sent[0]:
                gap = text[figs[k].e : f.s]
                lead = text[max(clause[0], figs[k].e) : f.s]
                # «أصيب 15 عنصراً من الشرطة و3 مدنيين»: a short «من/في» phrase after the first noun.
                pe = max(figs[k].e, figs[k].noun_e or 0)
                after_pp = k == idx - 1 and f.noun_s is not None and _PP_AND.fullmatch(text, pe, f.s) is not None
                coordinated = governed[k] and (
                    (k == idx - 1 and _AND.fullmatch(gap)) or d.coord_re.match(lead) or after_pp
                )
                # «100 ألف لاجئ في الأردن و70 ألفاً في تركيا»: the noun is left out, the toll is the same.
                elided = f.noun_s is None and f.lemma is None and k == idx - 1 and _ELIDED.fullmatch(gap)
                coordinated = coordinated or bool(elided)
                if out[k] is None:
                    if d.subset_re.match(lead):
                        cat, gov, subset = members_of[k], True, True  # «من ثلاث عائلات بينهم 10 أطفال»
                elif coordinated or d.subset_re.match(lead) or f.rule == "figures.list_item":
                    cat, gov, subset = out[k], True, True  # a list item is a part of the figure it lists
        if cat is None and d.shelter_re.match(text, end) is not None and not _blocked(sc, clause, "displaced"):
            cat, gov = "displaced", True  # 3b. «يقيم أكثر من 25 ألف شخص في الملاجئ»: the place of the displaced
        if cat is None and (hm := _composition_head(text, sc, f, sent, d)) is not None:
            # 4a. The members of a group the event governs: «القبض على عصابة مؤلفة من ثلاثة أشخاص».
            cat, gov, by_masdar, by_weak, mixed = hm.category, True, hm.kind == "masdar", hm.weak, hm.mixed
        if cat is None and (hm := _copula_head(text, sc, f, sent, d)) is not None:
            # 4b. A breakdown after a toll and a copula: «القتلى هم مدنيون (…) و19 من مسلحي العشائر و8 من قسد».
            cat, gov, by_masdar, by_weak, mixed = hm.category, True, hm.kind == "masdar", hm.weak, hm.mixed
        if cat is None:
            # 5. «حملة اعتقالات واسعة، طالت 60 فلسطينياً»: the event masdar before a verb of reach.
            rm = d.reach_re.search(text, max(sent[0], f.s - 40), f.s)
            if rm is not None:
                j = bisect.bisect_left(sc.m_starts, rm.start()) - 1
                if j >= 0:
                    m = sc.mentions[j]
                    no_fig = bisect.bisect_left(fig_starts, m.e) >= idx
                    near = m.s >= sent[0] and no_fig and _words_between(sc, m.e, rm.start()) <= 10
                    if m.kind == "masdar" and not m.neutral and m.category != NEUTRAL and near:
                        cat, gov, by_masdar, mixed = m.category, True, True, m.mixed
        if mixed:
            cat, gov = None, False
        needs = d.counted_needs.get(cat or "")
        where = d.block_scope.get(cat or "", "clause")
        needs_scope = _paragraph(text, f.s) if where == "paragraph" else sent
        if cat is not None and by_masdar and needs and not has_word(needs_scope, needs):
            cat, gov = None, False  # «توزع الإصابات هو 153 إصابة»: with no violence in the sentence, infections
        needs = d.weak_needs.get(cat or "")
        if cat is not None and by_weak and needs and not has_word(sent, needs):
            cat, gov = None, False  # «ضحايا الاتجار بالبشر», «فر 300 سجين»: a weak word with nothing of its toll
        if cat is not None:
            where = d.block_scope.get(cat, "clause")
            scope = _paragraph(text, f.s) if where == "paragraph" else sent if where == "sentence" else clause
            not_counted = not subset and (f.lemma or "") in d.not_counting.get(cat, ())
            if not_counted and not _blocked(sc, scope, cat):
                members_of[idx] = cat
            if _blocked(sc, scope, cat) or not_counted:
                cat, gov = None, False
        out[idx] = cat
        governed[idx] = gov
    return out


def event_noun(word: str) -> str | None:
    """The word itself, normalised without clitics, when it is an event masdar or counted noun («الوفيات»)."""
    d = data()
    hit = _event_lookup(word, d)
    if hit is None or hit[1] not in ("masdar", "counted"):
        return None
    return _strip(word, d, d.forms) or word  # type: ignore[arg-type]


_NEXT_TOKEN = re.compile(rf"[ \t]+(?P<t>[{_AR}]+)")


def verb_follows(text: str, pos: int) -> bool:
    """Is the word after `pos` an event verb («36 لقوا حتفهم», «3 ملايين نزحوا»)?"""
    m = _NEXT_TOKEN.match(text, pos)
    if m is None:
        return False
    d = data()
    hit = _event_lookup(m.group("t"), d)
    if hit is not None and hit[1] == "verb":
        return True
    words = TOKEN.findall(text, m.start("t"), min(len(text), m.start("t") + 60))
    return any(tuple(words[: len(p)]) == p for p, c in d.phrases.items() if c != NEUTRAL)


def event_noun_before(text: str, lo: int, pos: int) -> str | None:
    """An event masdar or counted noun among the last words before `pos` («للوفيات بمرض الكوليرا 36»)."""
    d = data()
    for tok in reversed(TOKEN.findall(text, lo, pos)[-6:]):
        hit = _event_lookup(tok, d)
        if hit is not None and hit[1] in ("masdar", "counted"):
            return _strip(tok, d, d.forms) or tok  # type: ignore[arg-type]
    return None
