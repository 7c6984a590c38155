"""Time and peak memory for the hostile inputs of issue 18: huge lines, digit runs, YAML bombs, /dev/zero.

Each case runs in its own process (peak RSS is per process), with a time limit. Extraction is measured
at several sizes so its growth can be read off: a ratio of about 2 per doubling is linear. A case passes
when it finishes (or is refused with a message) within its limit of time and memory.

    PYTHONPATH=. python benchmarks/bench_limits.py            # full sizes (up to 5 MB), a few minutes
    PYTHONPATH=. python benchmarks/bench_limits.py --quick    # up to 1 MB
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

EXTRACT = """
import json, resource, sys, time
from pathlib import Path
from reportgen import config, sources
from reportgen.extract import extract_article
kind, n = sys.argv[1], int(sys.argv[2])
unit = {
    "no-space": "ع", "digits": "1", "digit-list": "1,", "words": "قتل 12 شخصا في القائم ",
    "x5": "x5", "x-5": "x-5", "x1.5": "x1.5", "percent": "5%",
}[kind]
text = "عنوان\\n" + (unit * (n // len(unit.encode())))
cfg = config.load(Path("/nonexistent"))
t, cpu = time.perf_counter(), time.process_time()
article = sources.parse(text, "x.txt")
x = extract_article(article, cfg)
seconds, cpu = time.perf_counter() - t, time.process_time() - cpu
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "cpu": cpu, "rss_mb": rss, "figures": len(x.figures)}))
"""

YAML = """
import json, resource, sys, time
from pathlib import Path
from reportgen import config
from reportgen.errors import ConfigError
text = sys.stdin.read()
t = time.perf_counter()
try:
    config.parse(text, Path("/tmp"))
    outcome = "accepted"
except ConfigError as exc:
    outcome = str(exc).splitlines()[0][:100]
seconds = time.perf_counter() - t
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "rss_mb": rss, "outcome": outcome}))
"""


KINDS = ("no-space", "digits", "digit-list", "words", "x5", "x-5", "x1.5", "percent")


def _run(code: str, args: list[str], stdin: str = "", limit: float = 300) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, "-c", code, *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=env,
            timeout=limit,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return {"seconds": time.perf_counter() - started, "outcome": f"TIMEOUT after {limit:.0f} s"}
    if done.returncode != 0:
        return {"outcome": "CRASH: " + (done.stderr.strip().splitlines() or ["?"])[-1][:120]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def _bomb(levels: int = 9, width: int = 9) -> str:
    lines = ["l0: &l0 [" + ", ".join(["x"] * width) + "]"]
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * width) + "]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="sizes up to 1 MB")
    parser.add_argument("--kinds", default=",".join(KINDS), help=f"comma-separated, of {', '.join(KINDS)}")
    parser.add_argument("--no-yaml", action="store_true", help="only the extraction cases")
    args = parser.parse_args()
    sizes = [250_000, 500_000, 1_000_000] if args.quick else [1_000_000, 2_000_000, 4_000_000]
    limit_s, limit_mb = 300.0, 2048.0
    failures = 0
    print("extraction: one line, no full stop (wall and CPU seconds, peak RSS MB, CPU growth per doubling)")
    print(f"  (load average {os.getloadavg()[0]:.1f} at the start)")
    for kind in args.kinds.split(","):
        previous = None
        for size in sizes:
            r = _run(EXTRACT, [kind, str(size)], limit=limit_s)
            seconds = r.get("cpu", r.get("seconds"))
            ok = "outcome" not in r and float(r["rss_mb"]) < limit_mb  # type: ignore[arg-type]
            growth = f"x{float(seconds) / previous:.1f}" if previous and seconds else "-"  # type: ignore[arg-type]
            mem = f"{float(r['rss_mb']):7.0f}" if "rss_mb" in r else "      -"  # type: ignore[arg-type]
            wall = f"{float(r['seconds']):7.2f}" if "seconds" in r else "      -"  # type: ignore[arg-type]
            shown = f"{float(seconds):7.2f}" if seconds is not None else "      -"  # type: ignore[arg-type]
            outcome = r.get("outcome", "ok")
            print(f"  {kind:<11} {size / 1e6:4.2f} MB {wall} s {shown} s CPU {mem} MB  {growth:>5}  {outcome}")
            previous = float(seconds) if seconds else None  # type: ignore[arg-type]
            failures += not ok
    if args.no_yaml:
        print(f"{failures} case(s) over their limits ({limit_s:.0f} s, {limit_mb:.0f} MB)")
        return 1 if failures else 0
    print("config.yaml attacks (seconds, peak RSS MB, outcome)")
    attacks = {
        "alias bomb 9^9": _bomb(),
        "alias bomb 60^4": _bomb(4, 60),
        "nesting 100k [": "x: " + "[" * 100_000 + "]" * 100_000 + "\n",
        "nesting 10k {": "x: " + "{a: " * 10_000 + "1" + "}" * 10_000 + "\n",
        "duplicate key": "title: a\ntitle: b\n",
    }
    for name, text in attacks.items():
        r = _run(YAML, [], stdin=text, limit=60)
        refused = "accepted" not in str(r.get("outcome")) and "CRASH" not in str(r.get("outcome"))
        failures += not refused
        print(
            f"  {name:<16} {float(r.get('seconds', 0)):6.3f} s {float(r.get('rss_mb', 0)):6.0f} MB  {r.get('outcome')}"
        )  # type: ignore[arg-type]
    print("extract of endless input (max_article_bytes 5 MB)")
    with tempfile.TemporaryDirectory() as tmp:
        for what, cmd, stdin in (
            ("/dev/zero", ["extract", "-C", tmp, "/dev/zero"], None),
            ("stdin 6 MB", ["extract", "-C", tmp], b"x" * 6_000_000),
        ):
            started = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "reportgen", *cmd],
                input=stdin,
                capture_output=True,
                env={**os.environ, "PYTHONPATH": str(REPO)},
                timeout=120,
                check=False,
            )
            refused = done.returncode == 1 and b"over the limit" in done.stderr
            failures += not refused
            last = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1][:90]
            print(f"  {what:<11} {time.perf_counter() - started:6.2f} s  exit {done.returncode}  {last}")
    print(f"{failures} case(s) over their limits ({limit_s:.0f} s, {limit_mb:.0f} MB)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
