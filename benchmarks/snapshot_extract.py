"""Extraction snapshot: the proof that a refactor of the extractor changed nothing (issue 14).

    PYTHONPATH=. python benchmarks/snapshot_extract.py save DIR     # before: write DIR/<group>.jsonl
    PYTHONPATH=. python benchmarks/snapshot_extract.py check DIR    # after: compare, exit 1 on a change
    PYTHONPATH=. python benchmarks/snapshot_extract.py time [--repeat 5]  # in-process extract CPU time

Runs the real contract, `reportgen extract --format jsonl`, in ONE process over one file per text from:
- realnews-dev / realnews-test: every paragraph of benchmarks/realnews/{dev,test-heldout}.jsonl, in the
  eval's body mode (front matter, then the paragraph) and raw mode (the paragraph alone);
- corpus: every Arabic string in tests/extract/corpus/*.yaml and tests/extract/eval/news.yaml;
- articles: seeds/ and the bundled sample (reportgen/data/sample/);
- generated: the 1,000 generated paragraphs of benchmarks/extract_vs_duckling.py.

Files are written under a fixed relative layout, so each record's `source` is the same on every run.
`check` prints, per group, whether the output is byte-identical and how many records differ; it shows the
differing records only for groups that are not held out (the test split is compared mechanically: its
paragraphs and errors are never printed). It also prints the extract process's CPU time.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HELD_OUT = {"realnews-test"}
_AR = range(0x0600, 0x0700)


def _arabic(s: str) -> bool:
    return any(ord(c) in _AR for c in s)


def _strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node] if _arabic(node) else []
    if isinstance(node, dict):
        return [s for v in node.values() for s in _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


def inputs() -> dict[str, list[tuple[str, str]]]:
    """group → [(relative file name, file text)], in a fixed order."""
    import yaml

    groups: dict[str, list[tuple[str, str]]] = {}
    for group, name in (("realnews-dev", "dev.jsonl"), ("realnews-test", "test-heldout.jsonl")):
        with (ROOT / "benchmarks" / "realnews" / name).open(encoding="utf-8") as fh:
            paras = [json.loads(line) for line in fh if line.strip()]
        files = []
        for i, p in enumerate(paras):
            files.append((f"{group}/body/p{i:04d}.txt", f"---\ntitle: فقرة {i + 1}\n---\n{p['text']}\n"))
            files.append((f"{group}/raw/p{i:04d}.txt", p["text"] + "\n"))
        groups[group] = files
    texts: list[str] = []
    corpora = sorted((ROOT / "tests" / "extract" / "corpus").glob("*.yaml"))
    for path in [*corpora, ROOT / "tests" / "extract" / "eval" / "news.yaml"]:
        with path.open(encoding="utf-8") as fh:
            texts += _strings(yaml.safe_load(fh))
    seen: set[str] = set()
    uniq = [t for t in texts if not (t in seen or seen.add(t))]  # type: ignore[func-returns-value]
    groups["corpus"] = [(f"corpus/c{i:05d}.txt", t + "\n") for i, t in enumerate(uniq)]
    arts = sorted((ROOT / "seeds").glob("*")) + sorted((ROOT / "reportgen" / "data" / "sample").glob("*"))
    groups["articles"] = [(f"articles/{i:02d}-{p.name}", p.read_text(encoding="utf-8")) for i, p in enumerate(arts)]
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from extract_vs_duckling import paragraphs

    groups["generated"] = [(f"generated/g{i:04d}.txt", t + "\n") for i, t in enumerate(paragraphs(1000))]
    return groups


def run() -> tuple[dict[str, list[str]], float, float]:
    """group → output lines; and the extract process's CPU and wall seconds."""
    groups = inputs()
    with tempfile.TemporaryDirectory(prefix="snapshot-") as tmp:
        order: list[str] = []
        group_of: dict[str, str] = {}
        for group, files in groups.items():
            for rel, text in files:
                p = Path(tmp) / rel
                p.parent.mkdir(parents=True, exist_ok=True)
                p.write_text(text, encoding="utf-8")
                order.append(rel)
                group_of[rel] = group
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        cmd = [sys.executable, "-m", "reportgen", "extract", "-C", str(ROOT), "--format", "jsonl", *order]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        res = subprocess.run(cmd, cwd=tmp, env=env, capture_output=True, text=True, encoding="utf-8")
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if res.returncode not in (0, 1) or not res.stdout.strip():
        raise SystemExit(f"reportgen extract failed ({res.returncode}):\n{res.stderr[-2000:]}")
    out: dict[str, list[str]] = {g: [] for g in groups}
    for line in res.stdout.splitlines():
        out[group_of[json.loads(line)["source"]]].append(line)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return out, cpu, wall


def timing(repeat: int) -> None:
    """CPU seconds of `extract_article` over every snapshot text, in process (start-up and I/O excluded);
    the best of `repeat` passes, as the least disturbed by other processes on a shared machine."""
    from reportgen import config as _config
    from reportgen import sources
    from reportgen.extract import extract_article

    config = _config.load(ROOT)
    articles = [sources.parse(text, rel, config.boilerplate) for files in inputs().values() for rel, text in files]
    best = []
    for _ in range(repeat):
        t0 = time.process_time()
        for a in articles:
            extract_article(a, config)
        best.append(time.process_time() - t0)
    runs = " ".join(f"{b:.2f}" for b in best)
    print(f"extract_article x{len(articles)}: best {min(best):.3f}s cpu (runs {runs}), load {os.getloadavg()[0]:.2f}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("action", choices=["save", "check", "time"])
    ap.add_argument("dir", type=Path, nargs="?")
    ap.add_argument("--show", type=int, default=5, help="differing records shown per (non-held-out) group")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    if args.action == "time":
        timing(args.repeat)
        return 0
    if args.dir is None:
        ap.error("save and check need DIR")
    out, cpu, wall = run()
    load = os.getloadavg()[0]
    print(f"extract: {sum(map(len, out.values()))} files, cpu {cpu:.2f}s, wall {wall:.2f}s, load {load:.2f}")
    changed = False
    for group, lines in out.items():
        data = "".join(line + "\n" for line in lines).encode("utf-8")
        digest = hashlib.sha256(data).hexdigest()[:16]
        path = args.dir / f"{group}.jsonl"
        if args.action == "save":
            args.dir.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            print(f"{group:14} {len(lines):5} records  sha256 {digest}  saved")
            continue
        old = path.read_bytes().decode("utf-8").splitlines()
        diff = [i for i, (a, b) in enumerate(zip(old, lines, strict=False)) if a != b]
        diff += list(range(min(len(old), len(lines)), max(len(old), len(lines))))
        same = path.read_bytes() == data
        changed |= not same
        print(f"{group:14} {len(lines):5} records  sha256 {digest}  {'IDENTICAL' if same else f'{len(diff)} DIFFER'}")
        if not same and group not in HELD_OUT:
            for i in diff[: args.show]:
                print(f"  - {old[i] if i < len(old) else '(none)'}\n  + {lines[i] if i < len(lines) else '(none)'}")
    return 1 if changed else 0


if __name__ == "__main__":
    raise SystemExit(main())
