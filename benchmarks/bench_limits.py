"""Time and peak memory for the hostile inputs of issue 18: huge lines, digit runs, YAML bombs, /dev/zero.

Each case runs in its own process (peak RSS is per process), with a time limit. Extraction is measured
at several sizes so its growth can be read off: a ratio of about 2 per doubling is linear. A case passes
when it finishes (or is refused with a message) within its limit of time and memory.

    PYTHONPATH=. python benchmarks/bench_limits.py            # full sizes (up to 5 MB), a few minutes
    PYTHONPATH=. python benchmarks/bench_limits.py --quick    # up to 1 MB
    PYTHONPATH=. python benchmarks/bench_limits.py --pdf-only # the PDF of figure-dense lines, 1-2 minutes

The PDF cases build a project (`reportgen init`, one article, `build -j 1 --timings`) and report the pdf stage:
lines dense with figures made hundreds of key-figure cards, which WeasyPrint laid out at about 0.1 s each.
One run each on the shared 2-core machine, before at load 0.2 (pdf stage seconds at 2/4/8/16 KB; a rerun at load 3
took 2.1-7.7 s; docs/reliability.md row 55):
  tolls       before 5.3/11.0/22.4/43.7 (about 50 cards per 2 KB)  after 2.0/2.3/3.6/4.6 (32 KB: 6.1)
  mixed       before 12.7/27.0/57.2/-                              after 2.0/2.6/4.8/9.5
  paragraphs  before -/-/9.8/-                                     after -/-/2.7/4.3
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

# Figure-dense text for the PDF cases: one line of tolls, one of mixed tolls and damage (three figures in 28
# characters), and many short paragraphs each with figures.
PDF_UNITS = {
    "tolls": "قتل 12 شخصا في القائم، ",
    "mixed": "أصيب 7 وقتل 3 ودمرت 4 آليات، ",
    "paragraphs": "أصيب 7 وقتل 3 ودمرت 4 آليات في القائم.\n",
}


def _pdf_stage(unit: str, size: int, limit: float) -> dict[str, object]:
    """The pdf stage's seconds (and the article's figures) for `size` bytes of `unit` repeated, in a new project."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "p"
        cmd = [sys.executable, "-m", "reportgen"]
        subprocess.run([*cmd, "init", str(project)], capture_output=True, env=env, check=True)
        for seed in (project / "seeds").iterdir():
            seed.unlink()
        text = "عنوان الخبر\n" + unit * (size // len(unit.encode())) + "\n"
        (project / "seeds" / "dense.txt").write_text(text, encoding="utf-8")
        done = _within([*cmd, "build", "-C", str(project), "-j", "1", "--timings"], limit)
        if done is None:
            return {"outcome": f"TIMEOUT after {limit:.0f} s"}
        stage = [line.split() for line in done.stderr.splitlines() if line.startswith("pdf ")]
        if done.returncode != 0 or not stage:
            return {"outcome": f"exit {done.returncode}: " + (done.stderr.strip().splitlines() or ["?"])[-1][:100]}
        exported = json.loads((project / "reports" / "dense" / "figures.json").read_text(encoding="utf-8"))
        return {"seconds": float(stage[0][1]), "figures": len(exported["figures"])}


def pdf_cases(sizes: list[int], limit: float = 300) -> int:
    """Print the pdf stage per shape and size; return how many took longer than `limit` or failed."""
    print("pdf stage of figure-dense text (seconds, the article's figures, growth per doubling)")
    print(f"  (load average {os.getloadavg()[0]:.1f} at the start)")
    failures = 0
    for kind, unit in PDF_UNITS.items():
        previous = None
        for size in sizes:
            r = _pdf_stage(unit, size, limit)
            seconds = r.get("seconds")
            growth = f"x{float(seconds) / previous:.1f}" if previous and seconds else "-"  # type: ignore[arg-type]
            shown = f"{float(seconds):6.2f} s" if seconds is not None else "     - s"  # type: ignore[arg-type]
            print(
                f"  {kind:<11} {size // 1024:3d} KB {shown} {r.get('figures', '-'):>5} figures {growth:>5}  "
                f"{r.get('outcome', 'ok')}"
            )
            previous = float(seconds) if seconds else None  # type: ignore[arg-type]
            failures += "outcome" in r
    return failures


def _within(cmd: list[str], limit: float, stdin: str = "") -> subprocess.CompletedProcess[str] | None:
    """`cmd` run with this checkout's reportgen, or None if it took longer than `limit` seconds."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    try:
        return subprocess.run(cmd, input=stdin, capture_output=True, text=True, env=env, timeout=limit, check=False)
    except subprocess.TimeoutExpired:
        return None


def _run(code: str, args: list[str], stdin: str = "", limit: float = 300) -> dict[str, object]:
    started = time.perf_counter()
    done = _within([sys.executable, "-c", code, *args], limit, stdin)
    if done is None:
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
    parser.add_argument("--no-yaml", action="store_true", help="only the extraction (and PDF) cases")
    parser.add_argument("--no-pdf", action="store_true", help="leave out the PDF of figure-dense text")
    parser.add_argument("--pdf-only", action="store_true", help="only the PDF of figure-dense text")
    args = parser.parse_args()
    pdf_sizes = [2048, 4096, 8192] if args.quick else [2048, 4096, 8192, 16384]
    if args.pdf_only:
        failures = pdf_cases(pdf_sizes)
        print(f"{failures} PDF case(s) failed or over 300 s")
        return 1 if failures else 0
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
    if not args.no_pdf:
        failures += pdf_cases(pdf_sizes, limit_s)
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
