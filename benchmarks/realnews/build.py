"""Build benchmarks/realnews/{dev,test-heldout}.jsonl from the hand-labelled batches in raw/*.txt.

    python benchmarks/realnews/build.py          # rewrite the two JSONL files
    python benchmarks/realnews/build.py --check  # exit 1 if they are not what raw/ gives

Batch format (one record per line, UTF-8; see README.md for the labelling guidelines):

    URL https://…            a page; the paragraphs below come from it
    TITLE …                  its headline, when known
    OUTLET …                 who published it
    P …                      one paragraph, exactly as published
    F span | value | unit-or-noun | category | qualifier     one key figure of the paragraph above

`span` is the figure as written (add «#2» for its second occurrence in the paragraph); `value` is a
number, `lo~hi` for a range, or `?` for a vague magnitude («العشرات», «مئات»); the third field is a unit
code from UNITS or else the counted noun as written; `-` is null. A paragraph with no F lines is a negative.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
RAW = HERE / "raw"
SPLITS = {"dev": HERE / "dev.jsonl", "test": HERE / "test-heldout.jsonl"}

# reportgen's unit vocabulary (reportgen/data/lexicon.yaml: units + currencies), plus the measures this set
# needs that reportgen has no code for yet: degree_c (temperature), magnitude (earthquake scale).
UNITS = {
    "km2", "km", "m2", "m3", "m", "ha", "dunum", "kg", "ton", "l", "barrel", "megawatt", "percent",
    "USD", "EUR", "GBP", "EGP", "SDG", "IQD", "JOD", "KWD", "BHD", "LYD", "TND", "DZD", "SYP", "LBP", "TRY",
    "SAR", "QAR", "OMR", "YER", "IRR", "AED", "MAD", "CNY", "RUB", "JPY", "INR", "PKR", "ILS",
    "degree_c", "magnitude", "cm", "mm", "km_h",
}  # fmt: skip
CATEGORIES = {
    "killed", "wounded", "displaced", "arrests", "missing", "camps_destroyed", "hideouts_destroyed",
    "vehicles_destroyed", "villages_liberated", "area_liberated", "airstrikes", "money", "percentages",
    "distances",
}  # fmt: skip
QUALIFIERS = {"approx", "over", "at_least", "under", "up_to"}


def split_of(url: str) -> str:
    """Deterministic: the first byte of sha256(url); a third of the byte range is the held-out test split."""
    return "test" if hashlib.sha256(url.encode("utf-8")).digest()[0] % 3 == 0 else "dev"


def _num(s: str) -> int | float:
    v = float(s)
    return int(v) if v.is_integer() else v


CLITICS = "وبلفك"
SEPARATORS = ".,٫٬"


def _word_at(text: str, start: int, end: int) -> bool:
    """The span is a whole token. A span edge that is a digit must not touch another digit («10» is not in
    «100»; «167قطعة» is fine); an edge that is a letter must not touch another letter, except at most one
    clitic (و ب ل ف ك) that starts the word («و14», «بـ5»; «العشرات» does not contain «عشرات»)."""

    def glued(edge: str, other: str) -> bool:
        return other.isdigit() if edge.isdigit() else edge.isalpha() and other.isalpha()

    if end < len(text) and glued(text[end - 1], text[end]):
        return False
    # «7» is not in «6.7» or «7,5» either: a digit edge next to a separator and another digit.
    if text[end - 1].isdigit() and end + 1 < len(text) and text[end] in SEPARATORS and text[end + 1].isdigit():
        return False
    if text[start].isdigit() and start >= 2 and text[start - 1] in SEPARATORS and text[start - 2].isdigit():
        return False
    if start == 0 or not glued(text[start], text[start - 1]):
        return True
    return text[start - 1] in CLITICS and (start == 1 or not text[start - 2].isalnum())


def _figure(line: str, text: str, where: str) -> dict:
    parts = [p.strip() for p in line.split("|")]
    if len(parts) != 5:
        raise ValueError(f"{where}: a figure needs 5 fields, got {len(parts)}: {line!r}")
    span, value, what, cat, qual = parts
    nth = 1
    m = re.fullmatch(r"(.+)#(\d+)", span)
    if m:
        span, nth = m.group(1), int(m.group(2))
    starts = [i.start() for i in re.finditer(re.escape(span), text) if _word_at(text, i.start(), i.end())]
    if len(starts) < nth:
        raise ValueError(f"{where}: span {span!r} occurs {len(starts)} times, wanted occurrence {nth}")
    if len(starts) > 1 and not m:
        raise ValueError(f"{where}: span {span!r} occurs {len(starts)} times; say which with #N")
    start = starts[nth - 1]
    low = high = None
    vague = value == "?"
    if vague:
        val = None
    elif "~" in value:
        lo, hi = value.split("~")
        val = low = _num(lo)
        high = _num(hi)
    else:
        val = _num(value)
    unit = what if what in UNITS else None
    noun = None if unit or what == "-" else what
    category = None if cat == "-" else cat
    qualifier = None if qual == "-" else qual
    if category is not None and category not in CATEGORIES:
        raise ValueError(f"{where}: unknown category {category!r}")
    if qualifier is not None and qualifier not in QUALIFIERS:
        raise ValueError(f"{where}: unknown qualifier {qualifier!r}")
    fig = {"value": val, "low": low, "high": high, "unit": unit, "noun": noun, "category": category}
    fig |= {"qualifier": qualifier, "text": span, "start": start, "end": start + len(span)}
    if vague:
        fig["vague"] = True
    return fig


def parse(path: Path) -> list[dict]:
    out: list[dict] = []
    page: dict = {}
    for no, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.rstrip()
        if not line or line.startswith("#"):
            continue
        key, _, rest = line.partition(" ")
        where = f"{path.name}:{no}"
        if key == "URL":
            page = {"url": rest.strip(), "title": None, "outlet": None}
        elif key in ("TITLE", "OUTLET"):
            page[key.lower()] = rest.strip()
        elif key == "P":
            if not page.get("url"):
                raise ValueError(f"{where}: paragraph before any URL")
            out.append({**page, "text": rest, "figures": [], "_where": where})
        elif key == "F":
            out[-1]["figures"].append(_figure(rest, out[-1]["text"], where))
        else:
            raise ValueError(f"{where}: unknown line {key!r}")
    return out


def build() -> dict[str, list[dict]]:
    paras = [p for f in sorted(RAW.glob("*.txt")) for p in parse(f)]
    seen: set[str] = set()
    per_url: dict[str, int] = {}
    result: dict[str, list[dict]] = {"dev": [], "test": []}
    for p in paras:
        if p["text"] in seen:
            raise ValueError(f"{p['_where']}: duplicate paragraph")
        seen.add(p["text"])
        n = per_url[p["url"]] = per_url.get(p["url"], 0) + 1
        slug = hashlib.sha256(p["url"].encode("utf-8")).hexdigest()[:8]
        split = split_of(p["url"])
        rec = {"id": f"{slug}-{n}", "split": split, "url": p["url"], "title": p["title"], "outlet": p["outlet"]}
        rec |= {"text": p["text"], "figures": p["figures"]}
        result[split].append(rec)
    return result


def dumps(records: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    result = build()
    stale = False
    for split, path in SPLITS.items():
        text = dumps(result[split])
        if args.check:
            stale |= not path.exists() or path.read_text(encoding="utf-8") != text
        else:
            path.write_text(text, encoding="utf-8")
        n = len(result[split])
        print(f"{split}: {n} paragraphs, {sum(len(r['figures']) for r in result[split])} figures -> {path.name}")
    if stale:
        print("JSONL files are stale: run python benchmarks/realnews/build.py", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
