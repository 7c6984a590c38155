"""Scaling benchmark for issue 7 (run on demand, not part of the test suite).

    PYTHONPATH=. python benchmarks/scale.py [--sizes 1,40,400] [--jobs 1,2] [--repeat N] [--dask] [--dir /tmp/rg-scale]

For each corpus size (benchmarks/make_corpus.py) and each --jobs value: a cold `reportgen build --clean
--timings` in a fresh process, timed, with peak RSS (the build process and, separately, the sum over the
whole process tree, sampled every 50 ms with psutil when available; ru_maxrss of the largest child
otherwise). Prints the per-stage seconds of each build (article stages summed over workers), the speed-up
of the largest --jobs over --jobs 1, extraction-only throughput, and with --dask, a Dask LocalCluster with
2 single-threaded workers against --jobs 2 on the same corpus, checking the outputs are byte-identical.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import contextlib

from make_corpus import make_corpus

REPO = Path(__file__).resolve().parents[1]
STAGES = ("ingest", "extract", "charts", "html", "pdf", "write", "site", "verify")


def _tree_rss(pid: int, stop: threading.Event, peak: list[int]) -> None:
    try:
        import psutil
    except ImportError:
        return
    try:
        proc = psutil.Process(pid)
        while not stop.is_set():
            total = 0
            for p in [proc, *proc.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):
                    total += p.memory_info().rss
            peak[0] = max(peak[0], total)
            time.sleep(0.05)
    except psutil.Error:
        return


def build(root: Path, *args: str) -> dict[str, float | str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    # Truly cold: with the old outputs present, unchanged files are not rewritten and so not verified.
    shutil.rmtree(root / "reports", ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "reportgen", "build", "-C", str(root), "--clean", "--timings", *args],
        env=env,
        cwd=REPO,  # `python -m` puts the working directory before PYTHONPATH on sys.path
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    stop, peak = threading.Event(), [0]
    sampler = threading.Thread(target=_tree_rss, args=(proc.pid, stop, peak), daemon=True)
    sampler.start()
    _, err = proc.communicate()
    elapsed = time.perf_counter() - start
    stop.set()
    sampler.join()
    if proc.returncode != 0:
        sys.exit(f"build {' '.join(args)} failed ({proc.returncode}):\n{err[-3000:]}")
    row: dict[str, float | str] = {"wall": elapsed, "tree_rss_mb": peak[0] / 2**20}
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    row["max_proc_rss_mb"] = max(after, before) / 1024  # largest single process reaped so far (KB on Linux)
    for line in err.splitlines():
        m = re.match(r"(\w+)\s+([\d.]+)\s", line)
        if m and m.group(1) in STAGES:
            row[m.group(1)] = float(m.group(2))
    return row


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != ".reportgen.lock"
    }


def extraction_throughput(root: Path) -> tuple[int, float]:
    code = (
        "import sys, time; from pathlib import Path; from reportgen import config, sources;"
        "from reportgen.extract import extract_article;"
        "cfg = config.load(Path(sys.argv[1])); paths = sorted(Path(sys.argv[1]).glob('seeds/*.txt'));"
        "arts = [sources.read(p, p.name, cfg.boilerplate) for p in paths];"
        "extract_article(arts[0], cfg); t = time.perf_counter();"
        "[extract_article(a, cfg) for a in arts]; print(len(arts), time.perf_counter() - t)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(root)],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return int(out[0]), float(out[1])


def table(rows: list[tuple[str, dict[str, float | str]]]) -> None:
    cols = ["wall", *STAGES, "tree_rss_mb", "max_proc_rss_mb"]
    print(f"{'run':<24}" + "".join(f"{c:>12}" for c in cols))
    for name, row in rows:
        cells = "".join(f"{row[c]:>12.2f}" if isinstance(row.get(c), float) else f"{'-':>12}" for c in cols)
        print(f"{name:<24}{cells}")
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,40,400")
    parser.add_argument("--jobs", default="1,2")
    parser.add_argument("--dask", action="store_true", help="also compare a Dask LocalCluster with --jobs 2")
    parser.add_argument("--dir", type=Path, default=Path("/tmp/rg-scale"))
    parser.add_argument("--repeat", type=int, default=1, help="rounds per size (the table shows the first)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    jobs = [int(j) for j in args.jobs.split(",")]
    rows: list[tuple[str, dict[str, float | str]]] = []
    walls: dict[tuple[int, int], list[float]] = {}
    for n in sizes:
        root = make_corpus(args.dir / f"corpus-{n}", n)
        # Rounds alternate the --jobs values, so a slow spell of a shared machine hits all of them alike.
        for _ in range(args.repeat):
            for j in jobs:
                row = build(root, "--jobs", str(j))
                walls.setdefault((n, j), []).append(float(row["wall"]))
                if len(walls[(n, j)]) == 1:
                    rows.append((f"{n} articles, --jobs {j}", row))
                print(f"done: {n} articles, --jobs {j}: {row['wall']:.1f} s", file=sys.stderr)
        count, seconds = extraction_throughput(root)
        print(f"extraction only, {count} articles: {seconds:.2f} s = {count / seconds:.0f} articles/s", file=sys.stderr)
    if args.dask:
        from distributed import LocalCluster

        n = 40 if 40 in sizes else sizes[-1]
        root = args.dir / f"corpus-{n}"
        local = snapshot(root / "reports")  # the last local build of this corpus
        with LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
        ) as cluster:
            rows.append((f"{n} articles, dask x2", build(root, "--scheduler", cluster.scheduler_address)))
        same = snapshot(root / "reports") == local
        print(f"dask outputs byte-identical to the local build: {same}", file=sys.stderr)
    print()
    table(rows)
    top = max(jobs)
    for n in sizes:
        one, many = walls.get((n, 1)), walls.get((n, top))
        if one and many and top > 1:
            ratios = ", ".join(f"{a / b:.2f}x" for a, b in zip(one, many, strict=True))
            print(
                f"{n} articles: --jobs {top} is {statistics.median(one) / statistics.median(many):.2f}x --jobs 1 "
                f"(median {statistics.median(one):.1f} s / {statistics.median(many):.1f} s; per round: {ratios})"
            )


if __name__ == "__main__":
    main()
