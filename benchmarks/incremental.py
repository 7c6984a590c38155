"""Incremental-build benchmark (run on demand, not part of the test suite).

    PYTHONPATH=. python benchmarks/incremental.py [--articles 100] [--dir benchmarks/out]

Generates N articles from the sample (distinct titles, dates, numbers and places), then times, each in
a fresh `python -m reportgen build` process as a user would run it: a cold build (--clean), a no-op
rebuild, a rebuild after editing one article, and `build --check`. Prints a table; targets from the
issue: no-op < 3% of cold, one article changed < 5% of cold.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
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
    args = parser.parse_args()
    root = args.dir.resolve() / "project"
    make_project(root, args.articles)

    rows = []
    cold, _ = run(root, "--clean")
    rows.append(("cold build (--clean)", cold, f"{args.articles} rebuilt"))
    noop, log = run(root)
    rows.append(("no-op rebuild", noop, log.strip().splitlines()[-1]))
    target = root / "seeds" / "article-042.txt"
    target.write_text(target.read_text(encoding="utf-8").replace("تدمير 10 أوكار", "تدمير 11 أوكار"), "utf-8")
    check, _ = run(root, "--check")
    rows.append(("build --check (1 stale)", check, "exit 1, nothing written"))
    one, log = run(root)
    rebuilt = [ln for ln in log.splitlines() if ln.startswith("rebuilt: seeds/")]
    rows.append(("one article changed", one, f"{len(rebuilt)} rebuilt: {rebuilt[0][9:] if rebuilt else '-'}"))

    print(f"\n{args.articles} articles, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}\n")
    print(f"{'build':<26} {'seconds':>8} {'% of cold':>10}  notes")
    print("-" * 90)
    for name, secs, note in rows:
        print(f"{name:<26} {secs:8.2f} {100 * secs / cold:9.1f}%  {note}")
    print()
    ok_noop, ok_one = noop < 0.03 * cold, one < 0.05 * cold and len(rebuilt) == 1
    verdict = {True: "PASS", False: "FAIL"}
    print(f"no-op < 3% of cold: {verdict[ok_noop]}; one article < 5% of cold: {verdict[ok_one]}")
    sys.exit(0 if ok_noop and ok_one else 1)


if __name__ == "__main__":
    main()
