"""Time the checks add to a build of the sample project (not part of the test suite).

    PYTHONPATH=. python benchmarks/check_overhead.py [--runs 5]

Builds a copy of the project into benchmarks/out/ with `verify=False`, then runs the checks on the
result, several times each (after one warm-up of both, so imports and font caches are not counted for
either), and prints the median of each, per check module, and the overhead as a share of the build.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from reportgen import config
    from reportgen.build import build
    from reportgen.check import chart_labels, html_site, pdf_fonts, pdf_text, run_checks

    project = ROOT / "benchmarks" / "out" / "project"
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir(parents=True)
    shutil.copy(ROOT / "config.yaml", project / "config.yaml")
    shutil.copytree(ROOT / "seeds", project / "seeds")
    cfg = config.load(project)

    def timed(fn) -> float:  # type: ignore[no-untyped-def]
        t0 = time.perf_counter()
        fn()
        return time.perf_counter() - t0

    builds, checks = [], []
    parts: dict[str, list[float]] = {m.NAME: [] for m in (pdf_fonts, pdf_text, chart_labels, html_site)}
    for run in range(args.runs + 1):
        # clean: every run is a full build (the incremental cache would make repeats no-ops).
        b = timed(lambda: build(cfg, verify=False, clean=True))
        problems: list = []
        c = timed(lambda problems=problems: problems.extend(run_checks(cfg.output_dir, cfg)))
        assert not problems, problems
        per = {
            m.NAME: timed(lambda m=m: m.check(cfg.output_dir, cfg))
            for m in (pdf_fonts, pdf_text, chart_labels, html_site)
        }
        if run == 0:
            continue  # warm-up
        builds.append(b)
        checks.append(c)
        for k, v in per.items():
            parts[k].append(v)

    build_s, check_s = statistics.median(builds), statistics.median(checks)
    print(f"sample: {len(list(cfg.root.glob(cfg.sources)))} briefing(s), {args.runs} runs, medians")
    print(f"{'step':<28}{'seconds':>10}{'% of build':>12}")
    print(f"{'build (--no-verify)':<28}{build_s:>10.3f}{100:>11.1f}%")
    for name, values in parts.items():
        m = statistics.median(values)
        print(f"{'  check ' + name:<28}{m:>10.3f}{100 * m / build_s:>11.1f}%")
    print(f"{'all checks (run_checks)':<28}{check_s:>10.3f}{100 * check_s / build_s:>11.1f}%")
    print(f"target: under 15% -> {'met' if check_s / build_s < 0.15 else 'NOT met'}")


if __name__ == "__main__":
    main()
