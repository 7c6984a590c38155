"""Entities (gazetteer + title/organisation patterns) and quotes with their speakers."""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass

from reportgen.extract.lexicon import alternation, gazetteer_data
from reportgen.extract.normalize import ARABIC_LETTERS, norm
from reportgen.extract.rules import register
from reportgen.extract.spans import Cover

_AR = ARABIC_LETTERS
_CLITIC = r"(?:[وف]?[بكل]?)"

TITLES = [
    "الفريق اول الركن",
    "الفريق اول ركن",
    "الفريق الركن",
    "اللواء الركن",
    "العميد الركن",
    "العقيد الركن",
    "الفريق",
    "اللواء",
    "العميد",
    "العقيد",
    "المقدم",
    "الرائد",
    "النقيب",
    "الملازم",
    "الكولونيل",
    "الجنرال",
    "الأدميرال",
    "الرقيب",
    "الرئيس",
    "رئيس الوزراء",
    "رئيس الحكومة",
    "الوزير",
    "النائب",
    "الشيخ",
    "السيد",
    "السيدة",
    "الدكتور",
    "الدكتورة",
    "السفير",
    "المبعوث",
    "المحافظ",
    "الملك",
    "الأمير",
    "ولي العهد",
    "الأمين العام",
    "القاضي",
    "المستشار",
    "الناشط",
    "الصحفي",
    "الإعلامي",
    "المتحدث",
    "الناطق",
    "المسؤول",
    "القيادي",
    "الزعيم",
    "المرشد",
    "آية الله",
    "وزير الخارجية",
    "وزير الدفاع",
    "وزير الداخلية",
    "وزير النفط",
    "وزير المالية",
    "وزير",
    "رئيس",
]
_TITLE_ALT = alternation([norm(t) for t in TITLES])
# Words after a title that are not names (nationality/portfolio adjectives are skipped, these stop).
_STOP = {
    norm(w)
    for w in [
        "إن",
        "أن",
        "ان",
        "في",
        "من",
        "إلى",
        "الى",
        "على",
        "عن",
        "مع",
        "أو",
        "ثم",
        "حتى",
        "منذ",
        "بعد",
        "قبل",
        "خلال",
        "عند",
        "لدى",
        "حيث",
        "التي",
        "الذي",
        "الذين",
        "قال",
        "قالت",
        "أكد",
        "أكدت",
        "أوضح",
        "أضاف",
        "أشار",
        "ذكر",
        "نقل",
        "صرح",
        "أفاد",
        "بين",
        "كما",
        "لكن",
        "هذا",
        "هذه",
        "ذلك",
        "يوم",
        "اليوم",
        "أمس",
        "الجمعة",
        "السبت",
        "الأحد",
        "الاثنين",
        "الثلاثاء",
        "الأربعاء",
        "الخميس",
        "المتحدث",
        "الناطق",
        "باسم",
        "قائد",
        "رئيس",
        "وزير",
        "مساء",
        "صباح",
        "لـ",
        "له",
        "لها",
        "بأن",
        "وأن",
        "وقال",
        "وأكد",
        "خلال",
        "عبر",
        "للصحفيين",
        "لوكالة",
        "لقناة",
        "لصحيفة",
        "في",
    ]
}
PERSON = re.compile(
    rf"(?<![{_AR}])[وفل]?(?P<t>{_TITLE_ALT})(?:\s+(?:ال[{_AR}]+ي|ال[{_AR}]+يه|الركن|الاسبق|السابق)){{0,3}}"
    rf"\s+(?P<n>(?:عبد\s+ال[{_AR}]+|ابو\s+[{_AR}]+|[{_AR}]{{2,}})(?:\s+(?:عبد\s+ال[{_AR}]+|ابو\s+[{_AR}]+|[{_AR}]{{2,}})){{0,3}})"
)
SPOKESMAN = re.compile(
    rf"(?<![{_AR}])[وفل]?(?:ال)?(?:متحدث|ناطق|متحدثه|ناطقه)(?:\s+الرسمي)?\s+باسم\s+"
    rf"(?P<o>[{_AR}]+(?:\s+[{_AR}]+){{0,5}}?)(?=\s*[،,.(:\n]|\s+(?:ان|إن|قال|في|لـ?|ل[{_AR}]))"
)
# The person span is the name without its title: «وأكد العميد يحيى رسول، المتحدث» → «يحيى رسول».
NAME_BEFORE_SPOKESMAN = re.compile(
    rf"(?:قال|اكد|اوضح|اضاف|اشار|ذكر|صرح|افاد|اعلن|كشف)ت?\s+(?:(?:{_TITLE_ALT})(?:\s+(?:الركن|ركن))?\s+)?"
    rf"(?P<n>[{_AR}]{{2,}}(?:\s+[{_AR}]{{2,}}){{0,2}})"
    rf"\s*[،,]\s*(?:ال)?(?:متحدث|ناطق)"
)
ORG = re.compile(
    rf"(?<![{_AR}])[وفبل]?(?P<o>(?:وكاله|قياده|وزاره|منظمه|هيئه|مجلس|حركه|حزب|جبهه|مفوضيه|صندوق|بنك|مصرف|"
    rf"جامعه|شركه|قناه|صحيفه|خليه|مديريه|شرطه|كتائب|تحالف|ائتلاف)"
    rf"(?:\s+(?!ال)(?!(?:في|من|علي|الي|عن|مع|ان|او|ثم)(?![{_AR}]))[{_AR}]{{3,}}(?=\s+ال))?(?:\s+ال[{_AR}]{{2,}}){{1,3}})"
    rf"(?![{_AR}])"
)
SPEECH_VERB = re.compile(
    rf"(?<![{_AR}])[وف]?(?:قال|اكد|اوضح|اضاف|اشار|ذكر|نقل|صرح|افاد|بين|تابع|لفت|شدد|اعلن|كشف|اعتبر|"
    rf"مبينا|مشيرا|مضيفا|موضحا|مؤكدا|لافتا|متابعا|قائلا)(?:ت)?(?![{_AR}])"
)
QUOTE = re.compile(r"(?P<o>[«“”\"])(?P<q>[^«»“”\"\n]{2,}?)(?P<c>[»“”\"])")
SPEAKER_NOUN = re.compile(
    rf"\s+(?P<n>ال[{_AR}]{{3,}}(?:\s+ال[{_AR}]+ي)?)"
    rf"(?=\s*[،,]|\s+(?:ال)?[{_AR}]*(?:ان|إن|أن)(?![{_AR}]))"
)
# «وأشار قائد عمليات غرب الانبار الى ان”…”», «قال مصدر أمني إن …»: a role phrase speaks.
ROLE_SPEAKER = re.compile(
    rf"\s+(?P<n>(?:قائد|رئيس|مدير|وزير|محافظ|سفير|مسؤول|مصدر|قائممقام|امين|نائب|مستشار|عضو|مصادر|المصدر|مسؤولون)"
    rf"(?:\s+(?!(?:الي|ان|بان|في|لـ?|عن|من)(?![{_AR}]))[{_AR}]+){{1,6}}?)"
    rf"(?=\s*[،,]|\s+(?:الي\s+)?(?:ان|بان)(?![{_AR}])|\s+ل[{_AR}]*\s*\(?)"
)
# Indirect speech: «قال X إن قواته …» with no quote marks → from after إن to the end of the sentence.
INDIRECT = re.compile(
    rf"(?<![{_AR}])[وف]?(?:قال|اكد|اوضح|اضاف|اشار|ذكر|صرح|افاد|اعلن|كشف|بين|لفت|شدد|اعتبر|تابع)(?:ت)?(?![{_AR}])"
    rf"(?P<mid>[^.!؟?\n«»“”\"]{{0,150}}?)(?<![{_AR}])(?:الي\s+)?(?:ان|بان)\s+(?=[{_AR}\d])"
)
_SENT_END = re.compile(r"(?:[^.!؟?\n«»“”\"]|(?<=\d)\.(?=\d))+")
REPORTED_BY = re.compile(rf"عن\s+(?P<n>[{_AR}]+(?:\s+[{_AR}]+){{0,4}})\s+(?:قوله|قولها)\s*(?:ان|إن)?\s*$")


@dataclass(slots=True)
class EntHit:
    s: int
    e: int
    type: str
    name: str
    rule: str


@functools.cache
def _gazetteer(
    extra: tuple[tuple[str, tuple[str, ...]], ...],
) -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    kinds = {"places": "place", "organizations": "organization", "people": "person"}
    table: dict[str, tuple[str, str]] = {}
    data = gazetteer_data()
    for key, entries in [*data.items(), *extra]:
        for entry in entries:
            names = [n.strip() for n in entry.split("|") if n.strip()]
            for n in names:
                table.setdefault(re.sub(r"\s+", " ", norm(n)), (kinds[key], names[0]))
    alts = []
    for n in table:
        alts.append(re.escape(n).replace(r"\ ", r"\s+"))
        if n.startswith("ال"):
            alts.append("(?<=ل)" + re.escape(n[1:]).replace(r"\ ", r"\s+"))  # «للرطبة» = ل + الرطبة
    alts.sort(key=lambda a: -len(a))
    pattern = re.compile(rf"(?<![{_AR}\w]){_CLITIC}(?P<g>{'|'.join(alts)})(?![{_AR}\w])")
    return pattern, table


def scan_entities(text: str, gazetteer: Mapping[str, tuple[str, ...]]) -> list[EntHit]:
    pattern, table = _gazetteer(tuple(sorted((k, tuple(v)) for k, v in gazetteer.items())))
    hits: list[EntHit] = []
    for m in pattern.finditer(text):
        g = re.sub(r"\s+", " ", m.group("g"))
        if g not in table and g.startswith("ل"):
            g = "ا" + g
        kind, name = table[g]
        hits.append(EntHit(m.start("g"), m.end("g"), kind, name, "entities.gazetteer"))
    gaz = [(h.s, h.e) for h in hits]

    def overlaps(s: int, e: int) -> bool:
        return any(s < b and a < e for a, b in gaz)

    for m in PERSON.finditer(text):
        words = m.group("n").split()
        keep: list[str] = []
        for w in words:
            if w in _STOP or (keep and w.startswith("و")):
                break
            keep.append(w)
        if not keep or keep[0].startswith("ال"):
            continue
        s = m.start("n")
        e = s + len(" ".join(keep))
        e = _real_end(text, s, len(keep))
        if not overlaps(s, e):
            hits.append(EntHit(s, e, "person", "", "entities.title_person"))
    for m in NAME_BEFORE_SPOKESMAN.finditer(text):
        s, e = m.span("n")
        hits[:] = [h for h in hits if not (h.rule == "entities.title_person" and h.s == s)]
        if not overlaps(s, e) and not any(h.s <= s < h.e for h in hits):
            hits.append(EntHit(s, e, "person", "", "entities.spokesman_person"))
    for m in SPOKESMAN.finditer(text):
        s, e = m.span("o")
        if not any(h.s == s and h.e >= e for h in hits):
            hits.append(EntHit(s, e, "organization", "", "entities.spokesman_org"))
    for m in ORG.finditer(text):
        s, e = m.span("o")
        if not any(h.s <= s and e <= h.e for h in hits):
            hits.append(EntHit(s, e, "organization", "", "entities.org_pattern"))
    # Surnames of people already found («وأضاف يارالله») refer back to the full name.
    names: dict[str, tuple[str, str]] = {}
    for h in hits:
        if h.type == "person":
            words = text[h.s : h.e].split()
            if len(words) >= 3 and words[-1] == "الله":
                words = [*words[:-2], words[-2] + "الله"]  # «يار الله» → «يارالله»
            if len(words) >= 2 and len(words[-1]) >= 3:
                names.setdefault(words[-1], (h.name or "", text[h.s : h.e]))
    if names:
        # «يارالله» and «يار الله» are one surname.
        alts = sorted(
            (re.escape(k[:-4]) + r"\s*الله" if k.endswith("الله") and len(k) > 4 else re.escape(k) for k in names),
            key=len,
            reverse=True,
        )
        sur = re.compile(rf"(?<![{_AR}\w]){_CLITIC}(?P<g>{'|'.join(alts)})(?![{_AR}\w])")
        covered = Cover([(h.s, h.e) for h in hits])
        for m in sur.finditer(text):
            s, e = m.span("g")
            if not covered(s):
                canonical, full = names[re.sub(r"\s+", "", m.group("g"))]
                hits.append(EntHit(s, e, "person", canonical or "=" + full, "entities.surname"))
    hits.sort(key=lambda h: (h.s, -h.e))
    out: list[EntHit] = []
    for h in hits:
        if out and h.s < out[-1].e and h.type == out[-1].type:
            continue
        out.append(h)
    return out


def _real_end(text: str, s: int, nwords: int) -> int:
    m = re.compile(rf"[{_AR}]+(?:\s+[{_AR}]+){{{nwords - 1}}}").match(text, s)
    return m.end() if m else s


@dataclass(slots=True)
class QuoteHit:
    s: int
    e: int
    speaker_span: tuple[int, int] | None
    speaker_name: str | None
    rule: str


def scan_quotes(text: str, entities: list[EntHit]) -> list[QuoteHit]:
    """Quoted speech with mismatched marks allowed; speaker = the person (or organisation) named after the
    speech verb before the quote, else the nearest preceding person."""
    out = []
    persons = [h for h in entities if h.type == "person"]
    speakers = [h for h in entities if h.type in ("person", "organization")]
    for m in QUOTE.finditer(text):
        q = m.group("q")
        if len(q.split()) < 2 or not q.strip():
            continue
        s, e = m.start("q"), m.end("q")
        lo = max(0, text.rfind("\n", 0, m.start()) + 1)
        verbs = list(SPEECH_VERB.finditer(text, lo, m.start()))
        speaker: EntHit | None = None
        rule = "quotes.marked"
        name: str | None = None
        span: tuple[int, int] | None = None
        if verbs:
            v = verbs[-1]
            after = [h for h in persons if v.end() <= h.s < m.start()]
            after = after or [h for h in speakers if v.end() <= h.s < m.start()]
            rep = REPORTED_BY.search(text, v.end(), m.start())
            noun = SPEAKER_NOUN.match(text, v.end())
            role = ROLE_SPEAKER.match(text, v.end())
            if after:
                speaker = after[0]
                rule = "quotes.speech_verb"
            elif rep:
                span, name, rule = rep.span("n"), rep.group("n"), "quotes.reported"
            elif role and role.end() <= m.start():
                span, name, rule = role.span("n"), role.group("n"), "quotes.role"
            elif noun and noun.group("n") not in _STOP:
                span, name, rule = noun.span("n"), noun.group("n"), "quotes.speech_verb"
        if speaker is None and span is None and verbs and verbs[-1].group().endswith("ا") and out and out[-1].e >= lo:
            span, name, rule = out[-1].speaker_span, out[-1].speaker_name, "quotes.continued"
        if speaker is None and span is None:
            before = [h for h in persons if m.start() - 1500 <= h.e <= m.start()]
            if before:
                speaker = before[-1]
                rule = "quotes.nearest_person"
        if speaker is not None:
            span = (speaker.s, speaker.e)
            name = speaker.name or None
        out.append(QuoteHit(s, e, span, name, rule))
    out.extend(_indirect(text, persons, speakers, [(q.s, q.e) for q in out]))
    out.sort(key=lambda q: q.s)
    return out


_ADDRESSEE = re.compile(rf"(?:ل|لـ|ل[{_AR}]+\s+)\(?\s*$")


def _addressee(text: str, s: int) -> bool:
    return bool(_ADDRESSEE.search(text, max(0, s - 12), s))


def _indirect(
    text: str, persons: list[EntHit], speakers: list[EntHit], marked: list[tuple[int, int]]
) -> list[QuoteHit]:
    """«قال X، …، إن قواته …» without quote marks: the reported content up to the end of the sentence."""
    out = []
    persons = sorted(persons, key=lambda h: h.s)
    speakers = sorted(speakers, key=lambda h: h.s)
    p_starts = [h.s for h in persons]
    s_starts = [h.s for h in speakers]
    marked = sorted(marked)
    marked_starts = [a for a, _ in marked]
    marked_ends = list(itertools.accumulate((b for _, b in marked), max))
    for m in INDIRECT.finditer(text):
        s = m.end()
        se = _SENT_END.match(text, s, min(len(text), s + 2000))  # bounded: linear on run-on text
        if se is None:
            continue
        e = se.end()
        if e < len(text) and text[e] in '«»“”"':
            continue  # a marked quote follows inside the sentence: that quote is the speech
        e = len(text[s:e].rstrip(" \t،,:;")) + s
        k = bisect.bisect_left(marked_starts, e)
        if len(text[s:e].split()) < 3 or (k > 0 and marked_ends[k - 1] > s):
            continue
        lo, hi = m.start("mid"), m.end("mid")
        span: tuple[int, int] | None = None
        name: str | None = None
        who = persons[bisect.bisect_left(p_starts, lo) : bisect.bisect_left(p_starts, hi)]
        role = ROLE_SPEAKER.match(text, lo)
        # An organisation right after «ل» is the addressee («لوكالة فرانس برس»), not the speaker.
        near = speakers[bisect.bisect_left(s_starts, lo) : bisect.bisect_left(s_starts, hi)]
        orgs = [h for h in near if not _addressee(text, h.s)]
        if who:
            span, name = (who[0].s, who[0].e), who[0].name or None
        elif role and role.end() <= hi + 1:
            span, name = role.span("n"), role.group("n")
        elif orgs:
            span, name = (orgs[0].s, orgs[0].e), orgs[0].name or None
        out.append(QuoteHit(s, e, span, name, "quotes.indirect"))
    return out


register(
    "entities.gazetteer",
    "entities",
    None,
    lambda name: name,
    "Places/organisations/people from reportgen/data/gazetteer.yaml + config, clitics stripped",
)
register(
    "entities.title_person",
    "entities",
    PERSON,
    lambda m: m.group("n"),
    "A title (العميد، الفريق الركن، الكولونيل، الوزير…) followed by a name",
)
register(
    "entities.spokesman_person",
    "entities",
    NAME_BEFORE_SPOKESMAN,
    lambda m: m.group("n"),
    "«قال جعفر الحسيني، المتحدث باسم …»: the name before the spokesman phrase",
)
register(
    "entities.spokesman_org", "entities", SPOKESMAN, lambda m: m.group("o"), "«المتحدث باسم X»: X is an organisation"
)
register(
    "entities.surname",
    "entities",
    None,
    lambda name: name,
    "A lone surname of a person named earlier («وأضاف يارالله») refers to that person",
)
register(
    "entities.org_pattern",
    "entities",
    ORG,
    lambda m: m.group("o"),
    "«وكالة X», «قيادة X», «وزارة X» … are organisations",
)
register(
    "quotes.speech_verb", "quotes", SPEECH_VERB, lambda m: m.group(), "A quote after قال/أكد/أوضح… and a named speaker"
)
register("quotes.role", "quotes", ROLE_SPEAKER, lambda m: m.group("n"), "«وأشار قائد عمليات غرب الانبار الى ان”…”»")
register(
    "quotes.indirect",
    "quotes",
    INDIRECT,
    lambda m: m.group("mid"),
    "Indirect speech without quote marks: «قال X إن قواته …» → the content after إن to the end of the sentence",
)
register("quotes.reported", "quotes", REPORTED_BY, lambda m: m.group("n"), "«نقلت الوكالة عن X قوله إن…»")
register(
    "quotes.nearest_person",
    "quotes",
    QUOTE,
    lambda m: m.group("q"),
    "A quote whose speaker is the nearest preceding person",
)
register(
    "quotes.continued",
    "quotes",
    SPEECH_VERB,
    lambda m: m.group(),
    "«…، مبيناً أن”…”»: a participle continues the previous quote's speaker",
)
register(
    "quotes.marked",
    "quotes",
    QUOTE,
    lambda m: m.group("q"),
    'Any text in «» “” ”” "" (mismatched marks allowed) without a known speaker',
)
