"""Cold one-article build beside the libraries' own floor (run on demand, not part of the test suite).

    PYTHONPATH=. python benchmarks/bench_build.py [--runs 5] [--dir /tmp/bench-build]

Every figure is the median wall time of N fresh processes (subprocess), as a user would run them:
- `reportgen build --clean` of the sample article (the cold build);
- the floor: WeasyPrint alone writing the built article's HTML to PDF, matplotlib alone drawing the same
  number of bar charts (SVG + PNG), and `python -c "import reportgen"`;
- the per-stage split from the last cold build's `--timings`.
Targets from issue 13 are printed as pass/fail: cold sample <= 1.5 s, overhead over the floor <= 15%.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "seeds" / "rutba-karbala-operation.txt"
ENV = {**os.environ, "PYTHONPATH": str(REPO)}

WEASY = """
import sys, weasyprint
html = sys.argv[1]
weasyprint.HTML(filename=html).write_pdf(sys.argv[2])
"""

MPL = """
import io, json, sys
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
for n in json.loads(sys.argv[1]):
    fig, ax = plt.subplots(figsize=(6, 0.55 * n + 0.9), dpi=100)
    ax.barh(range(n), range(1, n + 1))
    ax.set_yticks(range(n), [f"label {i}" for i in range(n)])
    fig.tight_layout()
    fig.savefig(io.BytesIO(), format="svg")
    fig.savefig(io.BytesIO(), format="png", dpi=150)
    plt.close(fig)
"""


def timed(cmd: list[str], runs: int) -> tuple[float, str]:
    times, out = [], ""
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(cmd, env=ENV, capture_output=True, text=True, check=False)
        times.append(time.perf_counter() - start)
        if proc.returncode != 0:
            sys.exit(f"failed: {' '.join(cmd)}\n{proc.stderr}")
        out = proc.stdout + proc.stderr
    return statistics.median(times), out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/bench-build"))
    args = parser.parse_args()
    root = args.dir
    shutil.rmtree(root, ignore_errors=True)
    (root / "seeds").mkdir(parents=True)
    shutil.copy(REPO / "config.yaml", root / "config.yaml")
    shutil.copy(SAMPLE, root / "seeds" / SAMPLE.name)
    py = sys.executable

    build = [py, "-m", "reportgen", "build", "-C", str(root), "--clean", "--timings"]
    cold, out = timed(build, args.runs)
    noop, _ = timed([py, "-m", "reportgen", "build", "-C", str(root)], args.runs)
    article = root / "reports" / SAMPLE.stem
    charts = [
        len(json.loads(p.read_text(encoding="utf-8")).get("labels", [])) // 2 or 3
        for p in sorted(article.glob("*.labels.json"))
    ]
    weasy, _ = timed([py, "-c", WEASY, str(article / "index.html"), str(root / "floor.pdf")], args.runs)
    mpl, _ = timed([py, "-c", MPL, json.dumps(charts)], args.runs)
    bare, _ = timed([py, "-c", "import reportgen"], args.runs)
    interp, _ = timed([py, "-c", "pass"], args.runs)
    # Each floor process pays the interpreter start once; the build pays it once too.
    floor = weasy + mpl + bare - 2 * interp
    over = cold / floor - 1

    rows = [
        ("cold build, sample (whole process)", cold, "<= 1.5 s", cold <= 1.5),
        ("no-op rebuild (whole process)", noop, "", None),
        ("floor: WeasyPrint HTML -> PDF alone", weasy, "", None),
        (f"floor: matplotlib {len(charts)} charts alone", mpl, "", None),
        ('floor: python -c "import reportgen"', bare, "", None),
        ("floor total (one interpreter start)", floor, "", None),
        ("overhead over floor", over, "<= 15%", over <= 0.15),
    ]
    print(f"median of {args.runs} runs each, {os.cpu_count()} cores\n")
    print(f"{'measure':42} {'value':>9}  {'target':9} result")
    for name, value, target, ok in rows:
        shown = f"{value * 100:8.0f}%" if name.startswith("overhead") else f"{value:8.2f}s"
        print(f"{name:42} {shown:>9}  {target:9} {'' if ok is None else ('pass' if ok else 'FAIL')}")
    print("\nper-stage split of the last cold build (reportgen build --timings):")
    start = out.find("stage")
    print(out[start:].rstrip() if start >= 0 else "(no --timings table)")


if __name__ == "__main__":
    main()
