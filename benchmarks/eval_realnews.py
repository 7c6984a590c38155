"""Figure quality on REAL published Arabic news (benchmarks/realnews/, issue 15 deliverable 7).

    PYTHONPATH=. python benchmarks/eval_realnews.py [--split dev|test] [--errors] [--mode body|raw] [--json]
    PYTHONPATH=. python benchmarks/eval_realnews.py --split dev --batch b17   # one new batch, scored unseen

Runs the real contract, `reportgen extract --format jsonl FILE...`, in one process over one file per
paragraph, and compares its figures with the hand labels (benchmarks/realnews/README.md).

- body mode (default): each file is front matter with a title, then the paragraph, so the paragraph is
  the article body (this isolates figure extraction from how a file's first line is treated).
- raw mode: each file is the paragraph alone, as a one-paragraph article saved by a user would be.

A prediction matches a gold figure when their spans overlap and their values are equal (relative
tolerance 1e-6); each side matches at most once. On matched figures we score unit, category and
qualifier. Gold «vague» magnitudes (العشرات، مئات، آلاف: value null) are left out of P/R: a prediction
overlapping one is neither right nor wrong, and their span recall is printed on its own line.

wrong-toll: a human-toll category (killed, wounded, displaced, arrests, missing) is involved, the
prediction has a non-null category, and it differs from the gold figure its span overlaps (vague ones
included). A prediction with a toll category whose span overlaps no gold figure at all is a wrong toll
too (counted as «spurious toll» in the breakdown). This is the error a newsroom must never publish.

The test split (test-heldout.jsonl) is held out: run it to report, never to tune.

Cross-validation on dev (`--fold a|b`): dev pages fall in two folds by the second byte of sha256(URL)
(fold a: even, fold b: odd; the first byte decides the dev/test split, so the folds are independent of
it). Tune by reading fold a's errors only, then score fold b to see whether the change generalises.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "benchmarks" / "realnews"
FILES = {"dev": DATA / "dev.jsonl", "test": DATA / "test-heldout.jsonl"}
TOLL = {"killed", "wounded", "displaced", "arrests", "missing"}
# The bundled config has two categories labelled «قتلى»: `casualties` (by noun: قتيل، شهيد، ضحية) and
# `killed` (by context verb). Readers see the same label, so they are the same category here.
ALIASES = {"casualties": "killed"}


def load(split: str) -> list[dict]:
    with FILES[split].open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def batch_texts(name: str) -> set[str]:
    """The paragraph texts of one labelled batch file, raw/NAME.txt."""
    sys.path.insert(0, str(DATA))
    import build  # benchmarks/realnews/build.py, the parser of the batch files

    return {p["text"] for p in build.parse(DATA / "raw" / f"{name}.txt")}


def fold_of(url: str) -> str:
    """Cross-validation fold of a dev page: «a» when the second byte of sha256(url) is even, else «b»."""
    return "a" if hashlib.sha256(url.encode("utf-8")).digest()[1] % 2 == 0 else "b"


def _cat(c: str | None) -> str | None:
    return ALIASES.get(c, c) if c else None


def _same(a: float | int | None, b: float | int | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-6 * max(1.0, abs(a))


def _overlap(a: dict, b: dict) -> int:
    return min(a["end"], b["end"]) - max(a["start"], b["start"])


def predict(paras: list[dict], mode: str) -> dict[str, list[dict]]:
    """Run `reportgen extract --format jsonl` once over one file per paragraph; figures re-based onto the
    paragraph's own offsets (figures outside it, e.g. in the title line, are dropped)."""
    out: dict[str, list[dict]] = {}
    with tempfile.TemporaryDirectory(prefix="realnews-") as tmp:
        paths, prefix = [], {}
        for i, p in enumerate(paras):
            head = f"---\ntitle: فقرة {i + 1}\n---\n" if mode == "body" else ""
            path = Path(tmp) / f"p{i:04d}.txt"
            path.write_text(head + p["text"] + "\n", encoding="utf-8")
            paths.append(str(path))
            prefix[str(path)] = (p, len(head))
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        cmd = [sys.executable, "-m", "reportgen", "extract", "--format", "jsonl", *paths]
        res = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8")
        if res.returncode not in (0, 1) or not res.stdout.strip():
            raise SystemExit(f"reportgen extract failed ({res.returncode}):\n{res.stderr[-2000:]}")
        for line in res.stdout.splitlines():
            rec = json.loads(line)
            para, shift = prefix[rec["source"]]
            figs = []
            for f in rec.get("figures", []):
                start, end = f["start"] - shift, f["end"] - shift
                if start < 0 or end > len(para["text"]):
                    continue
                figs.append({**f, "start": start, "end": end})
            out[para["id"]] = figs
    return out


@dataclass
class Score:
    paragraphs: int = 0
    gold: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    unit_ok: int = 0
    cat_ok: int = 0
    qual_ok: int = 0
    vague: int = 0
    vague_found: int = 0
    wrong_toll: int = 0
    spurious_toll: int = 0
    errors: list[str] = field(default_factory=list)
    # per gold category: [gold figures, matched, matched with the right category]
    by_category: dict[str, list[int]] = field(default_factory=dict)

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def table(self) -> dict[str, float | int]:
        p, r, f = self.prf()
        acc = lambda n: round(n / self.tp, 3) if self.tp else 0.0  # noqa: E731
        return {
            "paragraphs": self.paragraphs,
            "gold": self.gold,
            "precision": round(p, 3),
            "recall": round(r, 3),
            "f1": round(f, 3),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "unit_acc": acc(self.unit_ok),
            "category_acc": acc(self.cat_ok),
            "qualifier_acc": acc(self.qual_ok),
            "wrong_toll": self.wrong_toll + self.spurious_toll,
            "wrong_toll_matched_span": self.wrong_toll,
            "spurious_toll": self.spurious_toll,
            "vague_gold": self.vague,
            "vague_span_recall": round(self.vague_found / self.vague, 3) if self.vague else 0.0,
        }


def _show(f: dict) -> str:
    v = f.get("value")
    if f.get("high") is not None:
        v = f"{f.get('low')}–{f['high']}"
    what = f.get("unit") or f.get("noun") or "-"
    return f"{v} {what} cat={f.get('category')} q={f.get('qualifier')} «{f.get('text')}»"


def score(paras: list[dict], preds: dict[str, list[dict]]) -> Score:
    s = Score(paragraphs=len(paras))
    for para in paras:
        pid = para["id"]
        gold = para["figures"]
        pred = preds.get(pid, [])
        used: set[int] = set()
        ignored: set[int] = set()
        for g in gold:
            if g.get("vague"):
                s.vague += 1
                hits = [i for i, f in enumerate(pred) if _overlap(f, g) > 0]
                s.vague_found += bool(hits)
                ignored.update(hits)
                continue
            s.gold += 1
            row = s.by_category.setdefault(g["category"] or "-", [0, 0, 0])
            row[0] += 1
            cands = [
                i for i, f in enumerate(pred) if i not in used and _overlap(f, g) > 0 and _same(f["value"], g["value"])
            ]
            if not cands:
                s.fn += 1
                near = [_show(f) for f in pred if _overlap(f, g) > 0]
                s.errors.append(f"{pid} MISSED {_show(g)}" + (f"; overlapping: {'; '.join(near)}" if near else ""))
                continue
            i = max(cands, key=lambda j: _overlap(pred[j], g))
            used.add(i)
            f = pred[i]
            s.tp += 1
            row[1] += 1
            row[2] += _cat(f.get("category")) == g["category"]
            if f.get("unit") == g["unit"]:
                s.unit_ok += 1
            else:
                s.errors.append(f"{pid} UNIT gold {g['unit']} got {f.get('unit')}: {_show(f)}")
            if _cat(f.get("category")) == g["category"]:
                s.cat_ok += 1
            else:
                s.errors.append(f"{pid} CATEGORY gold {g['category']} got {f.get('category')}: {_show(f)}")
            if f.get("qualifier") == g["qualifier"]:
                s.qual_ok += 1
            else:
                s.errors.append(f"{pid} QUALIFIER gold {g['qualifier']} got {f.get('qualifier')}: {_show(f)}")
        for i, f in enumerate(pred):
            if i not in used and i not in ignored:
                s.fp += 1
                s.errors.append(f"{pid} SPURIOUS {_show(f)}")
        # Wrong tolls: judged on every prediction against the gold figures its span overlaps.
        for f in pred:
            pc = _cat(f.get("category"))
            if pc is None:
                continue
            over = [g for g in gold if _overlap(f, g) > 0]
            if not over:
                if pc in TOLL:
                    s.spurious_toll += 1
                    s.errors.append(f"{pid} WRONG-TOLL (no gold figure here) {_show(f)}")
                continue
            g = max(over, key=lambda g: _overlap(f, g))
            if pc != g["category"] and (pc in TOLL or g["category"] in TOLL):
                s.wrong_toll += 1
                s.errors.append(f"{pid} WRONG-TOLL gold {g['category']} got {pc}: {_show(f)} | gold {_show(g)}")
    return s


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", default="dev", choices=sorted(FILES))
    ap.add_argument("--mode", default="body", choices=["body", "raw"])
    ap.add_argument("--fold", choices=["a", "b"], help="only the dev pages of this cross-validation fold")
    ap.add_argument("--errors", action="store_true", help="list every error (use on dev, not on test)")
    ap.add_argument("--json", action="store_true", help="print the table as JSON")
    ap.add_argument("--by-category", action="store_true", help="recall and category accuracy per gold category")
    ap.add_argument("--batch", help="only the paragraphs of one labelled batch, e.g. b17 (raw/b17.txt)")
    args = ap.parse_args(argv)
    paras = load(args.split)
    if args.batch:
        # A new batch is scored on its own before any change is made for it: the honest «unseen» number.
        paras = [p for p in paras if p["text"] in batch_texts(args.batch)]
    if args.fold:
        if args.split != "dev":
            ap.error("--fold is for cross-validation on dev only")
        paras = [p for p in paras if fold_of(p["url"]) == args.fold]
    s = score(paras, predict(paras, args.mode))
    t = s.table()
    if args.json:
        print(
            json.dumps(
                {"split": args.split, "fold": args.fold, "batch": args.batch, "mode": args.mode, **t},
                ensure_ascii=False,
            )
        )
    else:
        fold = (f" fold={args.fold}" if args.fold else "") + (f" batch={args.batch}" if args.batch else "")
        print(f"split={args.split}{fold} mode={args.mode}: {t['paragraphs']} paragraphs, {t['gold']} gold figures")
        print(
            f"{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>5}{'FN':>5}{'unit':>7}{'categ':>7}{'qual':>7}{'wrong-toll':>12}"
        )
        print(
            f"{t['precision']:>7.3f}{t['recall']:>7.3f}{t['f1']:>7.3f}{t['tp']:>6}{t['fp']:>5}{t['fn']:>5}"
            f"{t['unit_acc']:>7.3f}{t['category_acc']:>7.3f}{t['qualifier_acc']:>7.3f}{t['wrong_toll']:>12}"
        )
        print(
            f"wrong-toll = {t['wrong_toll_matched_span']} on a gold figure + {t['spurious_toll']} spurious toll; "
            f"vague magnitudes: {t['vague_gold']} gold, span recall {t['vague_span_recall']:.3f}"
        )
    if args.by_category:
        print(f"{'gold category':<20}{'gold':>6}{'recall':>8}{'categ':>8}")
        for cat, (n, hit, ok) in sorted(s.by_category.items(), key=lambda kv: -kv[1][0]):
            print(f"{cat:<20}{n:>6}{hit / n:>8.3f}{(ok / hit if hit else 0.0):>8.3f}")
    if args.errors:
        for e in s.errors:
            print("  " + e)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
