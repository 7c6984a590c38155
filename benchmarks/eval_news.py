"""Figure quality on the hand-labelled Arabic news set (tests/extract/eval/news.yaml).

    PYTHONPATH=. python benchmarks/eval_news.py [--split dev|holdout|all] [--quiet]

Prints precision/recall/F1 for value match and value+unit match, the share of matched figures whose
approximate flag is right, and every error (missed gold figure, spurious prediction) per paragraph.
A figure's "value" is its value, or its range [lo, hi] when it is a range; null matches null.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT / "tests" / "extract" / "eval" / "news.yaml"


def load(split: str = "dev") -> list[dict]:
    with EVAL.open(encoding="utf-8") as fh:
        paras = yaml.safe_load(fh)["paragraphs"]
    return [p for p in paras if split == "all" or p.get("split", "dev") == split]


def _key(value, rng):  # type: ignore[no-untyped-def]
    return tuple(rng) if rng else value


def _stated_range(f):  # type: ignore[no-untyped-def]
    """A stated range («بين 10 و15») as (low, high); a magnitude («عشرات», value null) is not one."""
    return (f.low, f.high) if f.value is not None and f.low is not None and f.high is not None else None


def _same(a, b) -> bool:  # type: ignore[no-untyped-def]
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, tuple) or isinstance(b, tuple):
        return isinstance(a, tuple) and isinstance(b, tuple) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return abs(a - b) <= 1e-6 * max(1.0, abs(a))


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    approx_ok: int = 0
    errors: list[str] = field(default_factory=list)

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(paras: list[dict], units: bool) -> Score:
    from reportgen import config
    from reportgen.extract import extract

    cfg = config.load(ROOT)
    score = Score()
    for para in paras:
        x = extract(para["text"], cfg)
        gold = [
            (_key(g.get("v"), g.get("r")), g.get("u"), bool(g.get("a", False)), g.get("n")) for g in para["figures"]
        ]
        left = list(gold)
        for f in x.figures:
            key = _key(f.value, _stated_range(f))
            hit = next(
                (i for i, g in enumerate(left) if _same(g[0], key) and (not units or g[1] == f.unit)),
                None,
            )
            if hit is None:
                score.fp += 1
                score.errors.append(f"{para['id']} SPURIOUS {key} {f.unit} «{f.text}» ({f.rule})")
            else:
                score.tp += 1
                score.approx_ok += left[hit][2] == (f.qualifier is not None)
                left.pop(hit)
        for g in left:
            score.fn += 1
            got = ", ".join(f"{_key(f.value, _stated_range(f))} {f.unit} «{f.text}»" for f in x.figures)
            score.errors.append(f"{para['id']} MISSED {g[0]} {g[1]} (noun {g[3]}); got: {got}")
    return score


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="dev", choices=["dev", "holdout", "all"])
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    paras = load(args.split)
    n_gold = sum(len(p["figures"]) for p in paras)
    print(f"split={args.split}: {len(paras)} paragraphs, {n_gold} gold figures")
    print(f"{'match':<14}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>5}{'FN':>5}{'approx ok':>11}")
    for name, units in (("value", False), ("value+unit", True)):
        s = evaluate(paras, units)
        p, r, f = s.prf()
        print(f"{name:<14}{p:>7.3f}{r:>7.3f}{f:>7.3f}{s.tp:>6}{s.fp:>5}{s.fn:>5}{s.approx_ok:>6}/{s.tp}")
    if not args.quiet:
        for e in evaluate(paras, True).errors:
            print("  " + e)


if __name__ == "__main__":
    main()
