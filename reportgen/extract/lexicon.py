"""The extraction lexicon (`reportgen/data/lexicon.yaml` and `gazetteer.yaml`), loaded once and
normalised with the same function as the text, so spelling variants meet in one form."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from reportgen.extract.normalize import norm

DATA = Path(__file__).resolve().parent.parent / "data"


def alternation(words: list[str] | set[str]) -> str:
    """A regex alternation, longest first, spaces matching any run of spaces."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


@dataclass(frozen=True, slots=True)
class Lexicon:
    number_words: dict[str, tuple[str, float]]  # normalised word → (kind, value)
    plural_scale: frozenset[str]
    approximate: dict[str, int]
    fractions: dict[str, float]
    hedges: tuple[str, ...]
    units: dict[str, str]  # normalised spelling → unit code
    currencies: dict[str, str]  # normalised spelling → ISO 4217
    noun_forms: dict[str, str]  # normalised form → normalised lemma
    lemma_display: dict[str, str]  # normalised lemma → lemma as written
    not_nouns: frozenset[str]
    identifier_words: tuple[str, ...]
    age_words: tuple[str, ...]
    count_heads: tuple[str, ...]
    currency_by_country: dict[str, dict[str, tuple[str, ...]]]  # default code → {code: normalised names}
    unit_duals: dict[str, str]  # normalised dual form → unit code
    unit_conversions: dict[str, tuple[str, float]]  # non-contract unit → (contract unit, factor)
    noun_units: frozenset[str]
    count_verbs: tuple[str, ...]
    not_duals: frozenset[str]
    pronoun_fractions: frozenset[str]
    not_shares: frozenset[str]
    list_markers: tuple[str, ...]


# libyaml's safe loader when PyYAML was built with it: the same data, 8x faster (0.1 s of every start-up).
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_data(name: str) -> dict[str, Any]:
    """A word-list file of reportgen/data (e.g. "ar/events.yaml"), read with the fast safe loader."""
    with (DATA / name).open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_SAFE_LOADER)


@functools.cache
def lexicon() -> Lexicon:
    data = load_data("lexicon.yaml")
    nums = data["numbers"]
    words: dict[str, tuple[str, float]] = {}
    for kind in ("unit", "ten", "tens", "hundred", "scale", "dual", "fraction_of"):
        for w, v in nums[kind].items():
            words[norm(w)] = (kind, v)
    pronoun_fractions: set[str] = set()
    for w, v in nums["fraction"].items():
        if " " not in w:
            words[norm(w)] = ("fraction", v)
            for suffix in nums["fraction_pronouns"]:
                if norm(w + suffix) not in words:
                    words[norm(w + suffix)] = ("fraction", v)
                    pronoun_fractions.add(norm(w + suffix))
    units = {norm(s): code for code, spellings in data["units"].items() for s in spellings}
    currencies = {norm(s): code for code, spellings in data["currencies"].items() for s in spellings}
    forms: dict[str, str] = {}
    display: dict[str, str] = {}
    for lemma, variants in data["nouns"].items():
        n = norm(lemma)
        display[n] = lemma
        forms[n] = n
        for v in variants:
            forms[norm(v)] = n
    return Lexicon(
        number_words=words,
        plural_scale=frozenset(norm(w) for w in nums["plural_scale"]),
        approximate={norm(w): v for w, v in nums["approximate"].items()},
        fractions={norm(w): v for w, v in nums["fraction"].items()},
        hedges=tuple(norm(h) for h in data["hedges"]),
        units=units,
        currencies=currencies,
        noun_forms=forms,
        lemma_display=display,
        not_nouns=frozenset(norm(w) for w in data["not_nouns"]),
        identifier_words=tuple(norm(w) for w in data["identifier_words"]),
        age_words=tuple(norm(w) for w in data["age_words"]),
        count_heads=tuple(norm(w) for w in data["count_heads"]),
        currency_by_country={
            default: {code: tuple(norm(n) for n in names) for code, names in table.items()}
            for default, table in data["currency_by_country"].items()
        },
        unit_duals={norm(f): code for code, forms in data["unit_duals"].items() for f in forms},
        unit_conversions={u: (t, f) for u, (t, f) in data["unit_conversions"].items()},
        noun_units=frozenset(data["noun_units"]),
        count_verbs=tuple(norm(w) for w in data["count_verbs"]),
        not_duals=frozenset(norm(w) for w in data["not_duals"]),
        pronoun_fractions=frozenset(pronoun_fractions),
        not_shares=frozenset(norm(w) for w in data["not_shares"]),
        list_markers=tuple(norm(w) for w in data["list_markers"]),
    )


@functools.cache
def gazetteer_data() -> dict[str, Any]:
    return load_data("gazetteer.yaml")
