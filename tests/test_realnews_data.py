"""The real-news evaluation set (benchmarks/realnews/) is well-formed and split as declared.

These check the data, not the extractor: every labelled span is verbatim in its paragraph at its
offsets, every paragraph has an http(s) source URL, the split is the URL-hash one, paragraphs of a page
stay in one split, and the JSONL files are exactly what the labelled batches in raw/ build.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "benchmarks" / "realnews"
FILES = {"dev": DATA / "dev.jsonl", "test": DATA / "test-heldout.jsonl"}
FIELDS = {"value", "low", "high", "unit", "noun", "category", "qualifier", "text", "start", "end"}


def _build():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("realnews_build", DATA / "build.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


build = _build()


def _records(split: str) -> list[dict]:
    with FILES[split].open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


RECORDS = {split: _records(split) for split in FILES}
ALL = [r for rs in RECORDS.values() for r in rs]


def test_sizes_and_negatives() -> None:
    assert len(ALL) >= 300  # issue 15: at least 300 paragraphs of real news
    # Roughly a third held out (split by URL, so not exact), and some paragraphs with no key figure.
    assert 0.2 <= len(RECORDS["test"]) / len(ALL) <= 0.45
    assert sum(not r["figures"] for r in ALL) >= 0.05 * len(ALL)


@pytest.mark.parametrize("split", sorted(FILES))
def test_records_and_spans(split: str) -> None:
    ids = set()
    for r in RECORDS[split]:
        assert r["id"] not in ids
        ids.add(r["id"])
        assert r["split"] == split
        assert r["url"].startswith(("http://", "https://")), r["id"]
        assert r["text"] and r["text"] == r["text"].strip()
        for f in r["figures"]:
            assert set(f) >= FIELDS, (r["id"], f)
            assert r["text"][f["start"] : f["end"]] == f["text"], (r["id"], f["text"])
            assert f["category"] is None or f["category"] in build.CATEGORIES
            assert f["qualifier"] is None or f["qualifier"] in build.QUALIFIERS
            assert f["unit"] is None or f["unit"] in build.UNITS
            assert f["unit"] is None or f["noun"] is None
            if f["high"] is not None:
                assert f["value"] == f["low"] < f["high"], (r["id"], f)
            assert (f["value"] is None) == bool(f.get("vague")), (r["id"], f)


def test_split_is_the_declared_hash_split() -> None:
    split_of_url: dict[str, str] = {}
    for r in ALL:
        assert build.split_of(r["url"]) == r["split"], r["id"]
        assert split_of_url.setdefault(r["url"], r["split"]) == r["split"]
    assert build.split_of("https://example.org/a") in {"dev", "test"}


def test_no_paragraph_in_both_splits() -> None:
    dev = {r["text"] for r in RECORDS["dev"]}
    assert not dev & {r["text"] for r in RECORDS["test"]}


def test_jsonl_is_what_the_labelled_batches_build() -> None:
    built = build.build()
    for split, path in FILES.items():
        assert path.read_text(encoding="utf-8") == build.dumps(built[split]), f"run {DATA / 'build.py'}"


def test_span_checker_rejects_a_span_that_is_not_a_whole_token() -> None:
    # «عشرات» inside «العشرات» and «10» inside «100» are not spans; «و14» and «167قطعة» are.
    with pytest.raises(ValueError):
        build._figure("عشرات | ? | - | wounded | approx", "وإصابة العشرات", "t")
    with pytest.raises(ValueError):
        build._figure("10 | 10 | - | - | -", "قتل 100 شخص", "t")
    with pytest.raises(ValueError):
        build._figure("7 درجات | 7 | magnitude | - | -", "بقوة 6.7 درجات", "t")
    assert build._figure("14 | 14 | حالة | killed | -", "و14 حالة", "t")["start"] == 1
    assert build._figure("167 | 167 | قطعة | - | -", "ضبط 167قطعة", "t")["end"] == 7
