"""Search normalisation shared by the prebuilt index (here) and the browser (`assets/search.js`).

Both sides must fold text identically, so the rules are few and spelled out in both files:
NFKC; drop diacritics (U+064B–U+065F, U+0670) and tatweel; أ إ آ ٱ → ا, ؤ → و, ئ → ي; ة → ه; ى → ي;
Arabic-Indic and Persian digits → 0-9; lower case; runs of whitespace → one space.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ؤ": "و",
        "ئ": "ي",
        "ة": "ه",
        "ى": "ي",
        **{chr(0x0660 + i): str(i) for i in range(10)},
        **{chr(0x06F0 + i): str(i) for i in range(10)},
    }
)
_DROP = re.compile("[\u064b-\u065f\u0670\u0640]")
_SPACE = re.compile(r"\s+")
# A number in folded text: digits, thousands separators («,» or Arabic «٬») and a decimal part («.» or «٫»).
NUMBER = re.compile(r"(?<![\d.,\u066b\u066c])\d+(?:[,\u066c]\d{3})*(?:[.\u066b]\d+)?(?![\d\u066b\u066c])")


def normalize(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = _DROP.sub("", text).translate(_FOLD).lower()
    return _SPACE.sub(" ", text).strip()


def number_key(value: float | int | str) -> str:
    """One spelling per number, shared with `assets/search.js`: «20,000», «20000» and 20000.0 → "20000"; 1.70 → "1.7".

    A query that is a number matches only this exact number (never «1200» or «12» for «120»).
    """
    if isinstance(value, str):
        value = float(value.replace(",", "").replace("\u066c", "").replace("\u066b", "."))
    number = float(value)
    return str(int(number)) if number.is_integer() else repr(number)


def numbers_in(text: str) -> list[str]:
    """The numbers written in a (folded) text, as `number_key`s, each once, in order of appearance."""
    return list(dict.fromkeys(number_key(m.group()) for m in NUMBER.finditer(text)))


def index_document(summary: dict[str, Any]) -> dict[str, Any]:
    """One briefing's entry in `search-index.json`: what results show, and the folded text to match."""
    return {
        "slug": summary["slug"],
        "title": summary["title"],
        "href": summary["href"],
        "date": summary["date"],
        "source": summary["source_name"],
        "lead": summary["lead"][:240],
        "places": summary["places"],
        "figures": [
            {
                "anchor": f"card-{f['id']}",
                "shown": f["shown"],
                "label": f.get("after", f["label"]),
                "review": f.get("review", "machine"),
            }
            for f in summary["figures"]
        ],
        "n": {
            "title": normalize(summary["title"]),
            "source": normalize(summary["source_name"] or ""),
            "places": normalize(" | ".join(summary["places"])),
            "figures": [normalize(f"{f['text']} {f['label']} {f['shown']}") for f in summary["figures"]],
            "text": normalize(summary["text"]),
            # Exact numbers: each figure's value (and the numbers it was written with), the title's, the text's.
            "values": [
                list(
                    dict.fromkeys(
                        [
                            *([number_key(f["value"])] if f["value"] is not None else []),
                            *numbers_in(normalize(f["text"])),
                        ]
                    )
                )
                for f in summary["figures"]
            ],
            "title_numbers": numbers_in(normalize(summary["title"])),
            "numbers": numbers_in(normalize(summary["text"])),
        },
    }
