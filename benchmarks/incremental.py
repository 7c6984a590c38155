"""Incremental-build benchmark (run on demand, not part of the test suite).

    PYTHONPATH=. python benchmarks/incremental.py [--articles 100] [--dir benchmarks/out]

Generates N articles from the sample (distinct titles, dates, numbers and places), then times, each in
a fresh `python -m reportgen build` process as a user would run it: a cold build (--clean), no-op
rebuilds, and rebuilds after editing one article, each preceded by `build --check`. The small builds are
repeated (--repeat) because a shared machine's timings vary by ±20%; medians are compared. Prints a
table; targets from the issue: no-op < 3% of cold, one article changed < 5% of cold.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PLACES = ["الرطبة", "كربلاء", "القائم", "البوكمال", "الباغوز", "حصيبة"]


def make_project(root: Path, n: int) -> None:
    if root.exists():
        shutil.rmtree(root)
    (root / "seeds").mkdir(parents=True)
    shutil.copy(REPO / "config.yaml", root / "config.yaml")
    sample = (REPO / "seeds" / "rutba-karbala-operation.txt").read_text(encoding="utf-8")
    title, body = sample.split("\n", 1)
    for i in range(n):
        text = re.sub(r"\b15\b", str(10 + i % 17), body)
        text = re.sub(r"\b40\b", str(20 + i % 31), text)
        day = f"2017-{1 + i % 12:02d}-{1 + i % 28:02d}"
        place = PLACES[i % len(PLACES)]
        front = f"---\ntitle: {title} ({i + 1}) في {place}\ndate: {day}\nsource: مصدر {i % 5}\n---\n"
        (root / "seeds" / f"article-{i:03d}.txt").write_text(front + text, encoding="utf-8")


def run(root: Path, *args: str) -> tuple[float, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "reportgen", "build", "-C", str(root), *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1) or (proc.returncode == 1 and "--check" not in args):
        sys.exit(f"build {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return elapsed, proc.stderr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--dir", type=Path, default=REPO / "benchmarks" / "out")
    parser.add_argument("--repeat", type=int, default=7, help="runs of each small build (medians are compared)")
    parser.add_argument("--cold-repeat", type=int, default=1, help="cold builds (each takes a minute or more)")
    args = parser.parse_args()
    root = args.dir.resolve() / "project"
    make_project(root, args.articles)

    rows = []
    colds = [run(root, "--clean")[0] for _ in range(args.cold_repeat)]
    cold = statistics.median(colds)
    rows.append(("cold build (--clean)", colds, f"{args.articles} rebuilt"))
    noops, log = [], ""
    for _ in range(args.repeat):
        seconds, log = run(root)
        noops.append(seconds)
    rows.append(("no-op rebuild", noops, log.strip().splitlines()[-1]))
    target = root / "seeds" / "article-042.txt"
    checks, ones, rebuilt = [], [], []
    for i in range(args.repeat):
        # Alternate between two edits, so every run really changes the article.
        old, new = ("تدمير 10 أوكار", "تدمير 11 أوكار") if i % 2 == 0 else ("تدمير 11 أوكار", "تدمير 10 أوكار")
        target.write_text(target.read_text(encoding="utf-8").replace(old, new), "utf-8")
        checks.append(run(root, "--check")[0])
        seconds, log = run(root)
        ones.append(seconds)
        rebuilt = [ln for ln in log.splitlines() if ln.startswith("rebuilt: seeds/")]
        if len(rebuilt) != 1:
            sys.exit(f"expected one rebuilt article, got {len(rebuilt)}:\n{log}")
    rows.append(("build --check (1 stale)", checks, "exit 1, nothing written"))
    rows.append(("one article changed", ones, f"{len(rebuilt)} rebuilt: {rebuilt[0][9:] if rebuilt else '-'}"))
    noop, one = statistics.median(noops), statistics.median(ones)

    print(f"\n{args.articles} articles, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}\n")
    print(f"{'build':<26} {'median s':>8} {'% of cold':>10} {'runs':>4} {'min-max s':>12}  notes")
    print("-" * 110)
    for name, runs, note in rows:
        median = statistics.median(runs)
        spread = f"{min(runs):.2f}-{max(runs):.2f}"
        print(f"{name:<26} {median:8.2f} {100 * median / cold:9.1f}% {len(runs):4d} {spread:>12}  {note}")
    print()
    ok_noop, ok_one = noop < 0.03 * cold, one < 0.05 * cold and len(rebuilt) == 1
    verdict = {True: "PASS", False: "FAIL"}
    print(f"no-op < 3% of cold: {verdict[ok_noop]}; one article < 5% of cold: {verdict[ok_one]}")
    sys.exit(0 if ok_noop and ok_one else 1)


if __name__ == "__main__":
    main()
