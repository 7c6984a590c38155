"""Issue 13's speed figures: our builds beside the libraries' own floor (run on demand, not in the test suite).

    PYTHONPATH=. python benchmarks/bench_build.py [--runs 3] [--sizes 40] [--large] [--dir /tmp/bench-build]

Every figure is measured on fresh processes, as a user runs them: wall time (median of --runs) and the CPU
seconds of the whole process tree (user + system, from wait4, so a busy shared machine shows as wall time
above CPU time). The load average (os.getloadavg) is printed before and after each table.

1. One-article cold build of the sample (`reportgen build --clean --timings`), with libharfbuzz-subset
   available and with it hidden the way the tests hide it (tests/fakeenv, REPORTGEN_HIDE_HARFBUZZ_SUBSET=1),
   beside the floor made of the same outputs by the libraries alone:
   - WeasyPrint: `weasyprint.HTML(string=<our briefing's print HTML>, base_url=...).write_pdf(...)`, the very
     HTML string our build typesets (captured from a build), so the same fonts, CSS and chart SVGs; once
     with WeasyPrint's HarfBuzz subsetting, once with its fontTools fallback (libharfbuzz-subset hidden);
   - matplotlib: our build's charts (same bars, labels, font file, sizes and colours, captured from a
     build) drawn with plain pyplot and `savefig` once each (SVG); and, as a second floor, every chart file
     our build writes (the SVG, a 200 dpi PNG, the SVG laid out for phones: three savefig calls);
   - `python -c "import reportgen"`; the floor total counts one interpreter start.
   Targets: cold build <= 1.5 s, overhead over the floor <= 15%. The per-stage split of our build and the
   in-process times of each floor (library import, then the work) are printed below the table.
2. Scaling: corpora of --sizes articles (variants of the sample seed with other numbers, see
   make_corpus.sample_corpus), each built cold with --jobs 1 and --jobs 2. Targets: --jobs 2 time <= 50%
   of --jobs 1, cost per article with --jobs 1 <= 0.6 s, and (with 400 in --sizes, e.g. --large) peak RSS
   of the 400-article build within 20% of the 40-article build. --large adds 400 to the sizes (about ten
   minutes on 2 cores); the default run takes about two. Beside them, the floor per article of the smallest
   corpus: WeasyPrint typesetting its print HTML and matplotlib drawing its chart files, each in one warm
   process (work after the import, divided by the number of articles).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_corpus import SAMPLE, sample_corpus

REPO = Path(__file__).resolve().parents[1]
FAKEENV = REPO / "tests" / "fakeenv"
ENV = {**os.environ, "PYTHONPATH": str(REPO)}
# As tests/test_reproducible.py does: this process cannot load libharfbuzz-subset (WeasyPrint -> fontTools).
NO_HB = {**os.environ, "PYTHONPATH": os.pathsep.join([str(FAKEENV), str(REPO)]), "REPORTGEN_HIDE_HARFBUZZ_SUBSET": "1"}
STAGES = ("ingest", "extract", "import", "charts", "html", "pdf", "write", "site", "verify")

# Runs a serial in-process build with spies on the two renderers; writes what they were given.
CAPTURE = r"""
import json, sys
from pathlib import Path
from reportgen import config
from reportgen.build import build
from reportgen.outputs import pdf
from reportgen.present import charts

root, out = Path(sys.argv[1]), Path(sys.argv[2])
cfg = config.load(root)
spec = {"charts": [], "pdfs": []}
font = str(charts.fonts.regular(cfg.font_body))
theme = cfg.theme
real_bar, real_line, real_pdf = charts.bar_chart, charts.line_chart, pdf.render_pdf

def bar_chart(name, title, bars, config, color=None):
    chart = real_bar(name, title, bars, config, color)
    spec["charts"].append({
        "kind": "bar", "name": name, "font": font, "size": theme.font_size, "color": color or theme.bar,
        "text": theme.text, "grid": theme.grid, "width": theme.chart_width,
        "height": min(max(1.6, 0.55 * len(bars) + 0.9), theme.chart_height * 3),
        "bars": [[charts._prep(b.label), b.value, charts._prep(b.shown)] for b in bars],
    })
    return chart

def line_chart(name, title, series, config):
    chart = real_line(name, title, series, config)
    spec["charts"].append({
        "kind": "line", "name": name, "font": font, "size": theme.font_size, "text": theme.text,
        "grid": theme.grid, "width": theme.chart_width, "height": theme.chart_height,
        "palette": [theme.bar, *theme.series, theme.accent],
        "series": {charts._prep(k): sorted(v) for k, v in series.items()},
    })
    return chart

def render_pdf(html, base_dir, roots, *args, **kwargs):
    n = len(spec["pdfs"])
    (out / f"print-{n}.html").write_text(html, encoding="utf-8")
    spec["pdfs"].append({"html": str(out / f"print-{n}.html"), "base_url": base_dir.resolve().as_uri() + "/"})
    return real_pdf(html, base_dir, roots, *args, **kwargs)

charts.bar_chart, charts.line_chart, pdf.render_pdf = bar_chart, line_chart, render_pdf
result = build(cfg, clean=True, jobs=1)
assert not result.failed, [o.error for o in result.failed]
(out / "spec.json").write_text(json.dumps(spec, ensure_ascii=False, indent=1), encoding="utf-8")
"""

# The WeasyPrint floor: our print HTML, plain write_pdf (WeasyPrint's own subsetting and font configuration).
WEASY = r"""
import json, sys, time
t0 = time.perf_counter()
import weasyprint
from weasyprint.text import ffi
t1 = time.perf_counter()
for doc in json.load(open(sys.argv[1], encoding="utf-8"))["pdfs"]:
    html = open(doc["html"], encoding="utf-8").read()
    weasyprint.HTML(string=html, base_url=doc["base_url"]).write_pdf(sys.argv[2])
t2 = time.perf_counter()
subsetter = "fontTools" if ffi.harfbuzz_subset is None else "HarfBuzz"
print(json.dumps({"import": t1 - t0, "work": t2 - t1, "subsetter": subsetter}))
"""

# The matplotlib floor: the same charts with plain pyplot calls, one savefig (SVG) each.
MPL = r"""
import datetime, io, json, sys, time
t0 = time.perf_counter()
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib import font_manager
t1 = time.perf_counter()
ALL = len(sys.argv) > 2
for c in json.load(open(sys.argv[1], encoding="utf-8"))["charts"]:
    prop = font_manager.FontProperties(fname=c["font"], size=c["size"])
    fig, ax = plt.subplots(figsize=(c["width"], c["height"]), dpi=100)
    if c["kind"] == "bar":
        bars = c["bars"][::-1]
        ys = list(range(len(bars)))
        ax.barh(ys, [b[1] for b in bars], color=c["color"], height=0.6)
        ax.set_yticks(ys, [b[0] for b in bars], fontproperties=prop, color=c["text"])
        ax.invert_xaxis()
        ax.yaxis.tick_right()
        top = max((b[1] for b in bars), default=1) or 1
        ax.set_xlim(top * 1.18, 0)
        for y, b in zip(ys, bars):
            ax.text(b[1] + top * 0.015, y, b[2], va="center", ha="right", fontproperties=prop, color=c["text"])
    else:
        for i, (label, points) in enumerate(c["series"].items()):
            xs = [datetime.date.fromisoformat(d).toordinal() for d, _ in points]
            ax.plot(xs, [v for _, v in points], marker="o", label=label, color=c["palette"][i % len(c["palette"])])
        ax.invert_xaxis()
        ax.legend(prop=prop)
    for t in ax.get_xticklabels():
        t.set_fontproperties(prop)
    ax.grid(axis="x" if c["kind"] == "bar" else "y", color=c["grid"])
    fig.tight_layout()
    fig.savefig(io.BytesIO(), format="svg")
    if ALL:  # what our build also writes for every chart: a 200 dpi PNG, and the SVG laid out for phones
        fig.savefig(io.BytesIO(), format="png", dpi=200)
        fig.set_size_inches(min(3.6, c["width"]), fig.get_size_inches()[1])
        fig.tight_layout()
        fig.savefig(io.BytesIO(), format="svg")
    plt.close(fig)
t2 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "work": t2 - t1, "charts": len(json.load(open(sys.argv[1]))["charts"])}))
"""


@dataclass
class Run:
    wall: float
    cpu: float  # user + system seconds of the whole process tree (wait4; with sampling, pool workers too)
    rss_mb: float  # largest single process of the tree (ru_maxrss)
    tree_mb: float  # largest sum over the tree (psutil samples every 50 ms; 0 without psutil)
    out: str
    stages: dict[str, float] = field(default_factory=dict)


def _sample_tree(pid: int, stop: threading.Event, peak: list[int], cpu: dict[int, float]) -> None:
    """Every 50 ms: the tree's summed RSS (its peak in `peak[0]`) and each process's own CPU seconds so far
    (in `cpu`, by pid). Pool workers are children of multiprocessing's forkserver, which the build never
    waits for, so wait4's rusage leaves their CPU out; these samples do not (less each one's last 50 ms)."""
    try:
        import psutil
    except ImportError:
        return
    try:
        root = psutil.Process(pid)
        while not stop.is_set():
            total = 0
            for p in [root, *root.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):
                    total += p.memory_info().rss
                    times = p.cpu_times()
                    cpu[p.pid] = times.user + times.system
            peak[0] = max(peak[0], total)
            stop.wait(0.05)
    except psutil.Error:
        return


def run_once(cmd: list[str], env: dict[str, str], sample: bool = False) -> Run:
    start = time.perf_counter()
    # From the repository: `python -m` puts the working directory first on sys.path, before PYTHONPATH, so run
    # from another checkout it would time that checkout's reportgen.
    proc = subprocess.Popen(cmd, env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stop, peak, cpu = threading.Event(), [0], {}
    sampler = threading.Thread(target=_sample_tree, args=(proc.pid, stop, peak, cpu), daemon=True)
    if sample:
        sampler.start()
    # Read the pipes in threads so a chatty child cannot block; reap with wait4 for the tree's rusage.
    chunks: dict[str, str] = {}
    readers = [
        threading.Thread(target=lambda k=k, s=s: chunks.__setitem__(k, s.read()), daemon=True)
        for k, s in (("out", proc.stdout), ("err", proc.stderr))
    ]
    for r in readers:
        r.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    for r in readers:
        r.join()
    stop.set()
    if sample:
        sampler.join()
    out = chunks.get("out", "") + chunks.get("err", "")
    if proc.returncode != 0:
        sys.exit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{out[-3000:]}")
    stages = {}
    for line in out.splitlines():
        m = re.match(r"(\w+)\s+([\d.]+)\s", line)
        if m and m.group(1) in STAGES:
            stages[m.group(1)] = float(m.group(2))
    reaped = usage.ru_utime + usage.ru_stime
    return Run(wall, max(reaped, sum(cpu.values())), usage.ru_maxrss / 1024, peak[0] / 2**20, out, stages)


def median_runs(cmds: dict[str, tuple[list[str], dict[str, str]]], runs: int) -> dict[str, Run]:
    """Each command `runs` times, in rounds (one of each per round, so a busy spell of the machine hits all
    of them alike); per command the median wall and CPU time, the largest RSS, the last run's output."""
    done: dict[str, list[Run]] = {name: [] for name in cmds}
    for _ in range(runs):
        for name, (cmd, env) in cmds.items():
            done[name].append(run_once(cmd, env))
    return {name: _median(rs) for name, rs in done.items()}


def _median(done: list[Run]) -> Run:
    last = done[-1]
    return Run(
        statistics.median(r.wall for r in done),
        statistics.median(r.cpu for r in done),
        max(r.rss_mb for r in done),
        0.0,
        last.out,
        last.stages,
    )


def load() -> str:
    return "load average " + " / ".join(f"{x:.2f}" for x in os.getloadavg()) + " (1 / 5 / 15 min)"


def verdict(ok: bool | None) -> str:
    return "" if ok is None else ("pass" if ok else "FAIL")


def print_table(title: str, rows: list[tuple[str, str, str, str, bool | None]]) -> None:
    print(f"\n{title}")
    print(f"{'measure':50} {'wall':>9} {'cpu':>8}  {'target':12} result")
    for name, wall, cpu, target, ok in rows:
        print(f"{name:50} {wall:>9} {cpu:>8}  {target:12} {verdict(ok)}")


def floors(root: Path, runs: int) -> None:
    py = sys.executable
    print(f"== one article, cold: {SAMPLE.name}; {runs} runs each; {os.cpu_count()} cores; {load()}")
    shutil.rmtree(root, ignore_errors=True)
    (root / "seeds").mkdir(parents=True)
    shutil.copy(REPO / "config.yaml", root / "config.yaml")
    shutil.copy(SAMPLE, root / "seeds" / SAMPLE.name)
    cap = root.parent / f"{root.name}-capture"
    shutil.rmtree(cap, ignore_errors=True)
    cap.mkdir(parents=True)
    run_once([py, "-c", CAPTURE, str(root), str(cap)], ENV)  # also warms the disk cache
    spec = cap / "spec.json"
    charts = json.loads(spec.read_text(encoding="utf-8"))["charts"]

    build = [py, "-m", "reportgen", "build", "-C", str(root), "--clean", "--timings"]
    run_once(build, ENV)
    pdfs = {p.name: p.read_bytes() for p in (root / "reports").glob("*.pdf")}
    run_once(build, NO_HB)
    same = pdfs == {p.name: p.read_bytes() for p in (root / "reports").glob("*.pdf")}
    floor_pdf = str(cap / "floor.pdf")
    got = median_runs(
        {
            "cold": (build, ENV),
            "cold_nohb": (build, NO_HB),
            "noop": ([py, "-m", "reportgen", "build", "-C", str(root)], ENV),
            "weasy": ([py, "-c", WEASY, str(spec), floor_pdf], ENV),
            "weasy_ft": ([py, "-c", WEASY, str(spec), floor_pdf], NO_HB),
            "mpl": ([py, "-c", MPL, str(spec)], ENV),
            "mpl_all": ([py, "-c", MPL, str(spec), "all"], ENV),
            "bare": ([py, "-c", "import reportgen"], ENV),
            "interp": ([py, "-c", "pass"], ENV),
        },
        runs,
    )
    cold, cold_nohb, noop, weasy, weasy_ft = (got[k] for k in ("cold", "cold_nohb", "noop", "weasy", "weasy_ft"))
    mpl, mpl_all, bare, interp = got["mpl"], got["mpl_all"], got["bare"], got["interp"]

    def total(w: Run, field: str) -> float:
        return sum(getattr(r, field) for r in (w, mpl, bare)) - 2 * getattr(interp, field)

    floor_hb, floor_ft = total(weasy, "wall"), total(weasy_ft, "wall")
    cpu_hb, cpu_ft = total(weasy, "cpu"), total(weasy_ft, "cpu")
    over_hb, over_ft = cold.wall / floor_hb - 1, cold_nohb.wall / floor_ft - 1
    sub = [json.loads(r.out.strip().splitlines()[-1])["subsetter"] for r in (weasy, weasy_ft)]
    s, pct = "{:.2f}s".format, "{:+.0%}".format
    rows = [
        ("cold build, libharfbuzz-subset present", s(cold.wall), s(cold.cpu), "<= 1.5 s", cold.wall <= 1.5),
        (
            "cold build, libharfbuzz-subset hidden",
            s(cold_nohb.wall),
            s(cold_nohb.cpu),
            "<= 1.5 s",
            cold_nohb.wall <= 1.5,
        ),
        ("no-op rebuild", s(noop.wall), s(noop.cpu), "", None),
        (f"floor: WeasyPrint our print HTML ({sub[0]})", s(weasy.wall), s(weasy.cpu), "", None),
        (f"floor: WeasyPrint our print HTML ({sub[1]})", s(weasy_ft.wall), s(weasy_ft.cpu), "", None),
        (f"floor: matplotlib our {len(charts)} charts, savefig once", s(mpl.wall), s(mpl.cpu), "", None),
        (
            f"floor: matplotlib, {len(charts)} charts x (SVG, PNG, phone SVG)",
            s(mpl_all.wall),
            s(mpl_all.cpu),
            "",
            None,
        ),
        ('floor: python -c "import reportgen"', s(bare.wall), s(bare.cpu), "", None),
        (f"floor total, {sub[0]} (one interpreter start)", s(floor_hb), s(cpu_hb), "", None),
        (f"floor total, {sub[1]}", s(floor_ft), s(cpu_ft), "", None),
        (f"overhead over floor, {sub[0]}", pct(over_hb), pct(cold.cpu / cpu_hb - 1), "<= 15%", over_hb <= 0.15),
        (f"overhead over floor, {sub[1]}", pct(over_ft), pct(cold_nohb.cpu / cpu_ft - 1), "<= 15%", over_ft <= 0.15),
        (
            f"floor total, {sub[0]}, every chart file",
            s(floor_hb + mpl_all.wall - mpl.wall),
            s(cpu_hb + mpl_all.cpu - mpl.cpu),
            "",
            None,
        ),
        (
            f"overhead over that floor, {sub[0]}",
            pct(cold.wall / (floor_hb + mpl_all.wall - mpl.wall) - 1),
            pct(cold.cpu / (cpu_hb + mpl_all.cpu - mpl.cpu) - 1),
            "",
            None,
        ),
    ]
    print_table("whole processes (overhead: wall and CPU of our build over the floor's)", rows)
    print(f"our PDF is byte-identical with and without libharfbuzz-subset: {same}")
    print(f"after: {load()}")
    print("\nin-process split (seconds; our build's from --timings, the floors' measured inside them):")
    by = next((ln for ln in cold.out.splitlines() if ln.startswith("articles built by")), "")
    print(f"  ours ({by})")
    print("   " + "  ".join(f"{k} {v:.2f}" for k, v in cold.stages.items()))
    measured = (("WeasyPrint, " + sub[0], weasy), ("WeasyPrint, " + sub[1], weasy_ft), ("matplotlib", mpl))
    for name, r in (*measured, ("matplotlib, every chart file", mpl_all)):
        d = json.loads(r.out.strip().splitlines()[-1])
        print(f"  floor {name}: import {d['import']:.2f}  work {d['work']:.2f}")


def article_floor(root: Path, n: int) -> tuple[float, float]:
    """Seconds per article the libraries need for this corpus's PDFs and chart files, in one warm process each.

    The spec of every print HTML and chart is captured from a serial build, as for the one-article floor;
    WeasyPrint then typesets each print HTML and matplotlib draws every chart file, and only their work
    after the import is counted: the cost per article no build can go below with these libraries.
    """
    py = sys.executable
    cap = root.parent / f"{root.name}-capture"
    shutil.rmtree(cap, ignore_errors=True)
    cap.mkdir(parents=True)
    work = root.parent / f"{root.name}-floor"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(root, work, ignore=shutil.ignore_patterns("reports", ".reportgen-cache"))
    run_once([py, "-c", CAPTURE, str(work), str(cap)], ENV)
    spec = str(cap / "spec.json")
    weasy = json.loads(run_once([py, "-c", WEASY, spec, str(cap / "floor.pdf")], ENV).out.splitlines()[-1])
    mpl = json.loads(run_once([py, "-c", MPL, spec, "all"], ENV).out.splitlines()[-1])
    return weasy["work"] / n, mpl["work"] / n


def scaling(base: Path, sizes: list[int]) -> None:
    print(f"\n== scaling: variants of the sample seed, cold builds; {load()}")
    py = sys.executable
    runs: dict[tuple[int, int], Run] = {}
    for n in sizes:
        root = sample_corpus(base / f"corpus-{n}", n)
        for jobs in (1, 2):
            shutil.rmtree(root / "reports", ignore_errors=True)
            cmd = [py, "-m", "reportgen", "build", "-C", str(root), "--clean", "--timings", "--jobs", str(jobs)]
            runs[(n, jobs)] = r = run_once(cmd, ENV, sample=True)
            print(
                f"  {n} articles, --jobs {jobs}: {r.wall:.1f} s wall, {r.cpu:.1f} s CPU, largest process "
                f"{r.rss_mb:.0f} MB, tree {r.tree_mb:.0f} MB; {load()}",
                file=sys.stderr,
                flush=True,
            )
    print(
        f"{'run':24} {'wall':>8} {'cpu':>8} {'s/article':>9} {'cpu/art':>8} {'max proc':>9} {'tree':>8}  "
        + " ".join(f"{s:>7}" for s in STAGES)
    )
    for (n, jobs), r in runs.items():
        cells = " ".join(f"{r.stages.get(s, 0.0) / n:7.3f}" for s in STAGES)
        print(
            f"{f'{n} articles, --jobs {jobs}':24} {r.wall:7.1f}s {r.cpu:7.1f}s {r.wall / n:8.3f}s {r.cpu / n:7.3f}s "
            f"{r.rss_mb:7.0f}MB {r.tree_mb:6.0f}MB  {cells}"
        )
    print("(s/article: wall time per article; cpu/art: CPU seconds of the process tree per article; stage columns:")
    print(" seconds per article, summed over workers, wall time inside each stage)")
    rows: list[tuple[str, str, str, str, bool | None]] = []
    floor_n = sizes[0]
    floor = article_floor(base / f"corpus-{floor_n}", floor_n)
    for n in sizes:
        one, two = runs[(n, 1)], runs[(n, 2)]
        ratio = two.wall / one.wall
        rows.append((f"{n} articles: --jobs 2 / --jobs 1", f"{ratio:.0%}", "", "<= 50%", ratio <= 0.50))
        rows.append(
            (
                f"{n} articles: cost per article, --jobs 1",
                f"{one.wall / n:.2f}s",
                f"{one.cpu / n:.2f}s",
                "<= 0.6 s",
                one.wall / n <= 0.6,
            )
        )
        rows.append(
            (f"{n} articles: cost per article, --jobs 2", f"{two.wall / n:.2f}s", f"{two.cpu / n:.2f}s", "", None)
        )
        if n == floor_n:
            weasy, mpl = floor
            rows.append((f"{n} articles: floor per article, WeasyPrint", f"{weasy:.2f}s", "", "", None))
            rows.append((f"{n} articles: floor per article, matplotlib", f"{mpl:.2f}s", "", "", None))
            over = one.wall / n / (weasy + mpl) - 1
            rows.append((f"{n} articles: --jobs 1 per article over that floor", f"{over:+.0%}", "", "", None))
    if 40 in sizes and 400 in sizes:
        for jobs in (1, 2):
            small, big = runs[(40, jobs)], runs[(400, jobs)]
            grow = big.rss_mb / small.rss_mb - 1
            rows.append(
                (
                    f"peak RSS 400 vs 40 articles, --jobs {jobs} (largest process)",
                    f"{grow:+.0%}",
                    "",
                    "<= +20%",
                    grow <= 0.20,
                )
            )
            if small.tree_mb and big.tree_mb:
                tgrow = big.tree_mb / small.tree_mb - 1
                rows.append(
                    (
                        f"peak RSS 400 vs 40 articles, --jobs {jobs} (process tree)",
                        f"{tgrow:+.0%}",
                        "",
                        "<= +20%",
                        tgrow <= 0.20,
                    )
                )
        one, two = runs[(400, 1)], runs[(40, 1)]
        marginal = (one.wall - two.wall) / 360
        rows.append(
            (
                "marginal cost per article 40 -> 400, --jobs 1",
                f"{marginal:.2f}s",
                f"{(one.cpu - two.cpu) / 360:.2f}s",
                "<= 0.6 s",
                marginal <= 0.6,
            )
        )
    else:
        rows.append(("peak RSS 400 vs 40 articles", "-", "", "<= +20%", None))
        print("(peak RSS at 400 articles: run with --large)")
    print_table("targets", rows)
    print(f"after: {load()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="fresh processes per one-article figure (median)")
    parser.add_argument("--sizes", default="40", help="corpus sizes for the scaling table (comma-separated; 0: none)")
    parser.add_argument("--large", action="store_true", help="also 400 articles (about ten minutes on 2 cores)")
    parser.add_argument("--dir", type=Path, default=Path("/tmp/bench-build"))
    args = parser.parse_args()
    sizes = [int(x) for x in args.sizes.split(",") if int(x) > 0]
    if args.large and 400 not in sizes:
        sizes = sorted({*sizes, 40, 400})
    floors(args.dir / "sample", args.runs)
    if sizes:
        scaling(args.dir, sizes)


if __name__ == "__main__":
    main()
