"""The body of `reportgen extract [PATH ...]`: jsonl (the machine contract), table (people), csv (figures)."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import TextIO

from reportgen import sources
from reportgen.config import Config
from reportgen.errors import SourceError
from reportgen.extract import extract_article, qualifiers
from reportgen.model import Article, Extraction
from reportgen.present import textprep
from reportgen.present.exports import csv_cell

FORMATS = ("jsonl", "table", "csv")
CSV_FIELDS = (
    "source",
    "value",
    "unit",
    "noun",
    "category",
    "qualifier",
    "low",
    "high",
    "text",
    "start",
    "end",
    "rule",
    "sentence",
)


def _read(path: str, config: Config, stdin: TextIO) -> Article:
    if path == "-":
        limit = config.max_article_bytes
        if hasattr(stdin, "buffer"):
            data = sources.read_stream(stdin.buffer, "-", limit)
        else:
            data = stdin.read(limit + 1).encode("utf-8")
            sources.check_size("-", len(data), limit)
        text, warnings = sources.decode(data, "-")
        return sources.parse(text, "-", config.boilerplate, warnings=warnings)
    return sources.read(Path(path), path, config.boilerplate, config.max_article_bytes)


def record(article: Article, extraction: Extraction, source: str) -> dict[str, object]:
    return {"source": source, "title": article.title.text, **extraction.contract()}


def run(
    paths: list[str],
    fmt: str,
    config: Config,
    bidi: bool | None,
    stdout: TextIO,
    stdin: TextIO,
    stderr: TextIO | None = None,
) -> int:
    """Extract from each path (``-`` or none: stdin) and print in `fmt`. Bad files are reported as
    ``path:line:col: message`` on stderr and skipped; the exit code is 1 if any failed."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    err = stderr if stderr is not None else sys.stderr
    status = 0
    results: list[tuple[str, Article, Extraction]] = []
    writer = csv.writer(stdout, lineterminator="\n") if fmt == "csv" else None
    if writer is not None:
        writer.writerow(CSV_FIELDS)
    for path in paths or ["-"]:
        try:
            article = _read(path, config, stdin)
        except SourceError as exc:
            print(f"{exc.location}: {exc.message}", file=err)
            status = 1
            continue
        extraction = extract_article(article, config)
        for warning in extraction.warnings:
            print(f"warning: {warning}", file=err)
        if fmt == "jsonl":
            stdout.write(json.dumps(record(article, extraction, path), ensure_ascii=False) + "\n")
        elif writer is not None:
            for f in extraction.figures:
                writer.writerow(
                    csv_cell(cell)
                    for cell in (
                        path,
                        "" if f.value is None else f.value,
                        f.unit or "",
                        f.noun or "",
                        f.category or "",
                        f.qualifier or "",
                        "" if f.low is None else f.low,
                        "" if f.high is None else f.high,
                        f.text,
                        f.start,
                        f.end,
                        f.rule,
                        article.text[f.sentence_start : f.sentence_end].strip(),
                    )
                )
        else:
            results.append((path, article, extraction))
    if fmt == "table":
        _table(results, config, bidi, stdout)
    return status


def _table(results: list[tuple[str, Article, Extraction]], config: Config, bidi: bool | None, stdout: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from reportgen.cli.terminal import visible

    visual = textprep.terminal_wants_visual(stdout, bidi)

    def t(s: str | None) -> str:
        return visible(textprep.for_terminal(s or "", visual))

    # markup=False: article text like «[/x]» or «[bold]» is printed as written, never parsed as rich markup.
    console = Console(file=stdout, highlight=False, soft_wrap=False, width=120, markup=False)
    for path, article, x in results:
        table = Table(title=f"{visible(path)} — {t(article.title.text)}", show_lines=False)
        for col in ("value", "unit", "noun", "category", "text", "rule"):
            table.add_column(col)
        for f in x.figures:
            cat = config.category(f.category)
            value = "—" if f.value is None else f"{f.value:,}"
            if f.low is not None and f.high is not None:
                value = f"{f.low:,}–{f.high:,}"
            # The source's hedge in Arabic words, as every output shows it («أكثر من 200», never «نحو 200»).
            value = " ".join(x for x in (qualifiers.label(f.qualifier), value) if x)
            # Text cells: article text is never read as console markup («[/x]» would crash the table).
            cells = (t(value), f.unit or "", t(f.noun), t(cat.label if cat else ""), t(f.text), f.rule)
            table.add_row(*(Text(c) for c in cells))
        console.print(table)
        people = sorted({e.name for e in x.entities if e.type == "person"})
        places = sorted({e.name for e in x.entities if e.type == "place"})
        orgs = sorted({e.name for e in x.entities if e.type == "organization"})
        for label, names in (("people", people), ("places", places), ("organizations", orgs)):
            console.print(f"{label}: " + t("، ".join(names)))
        console.print(f"quotes: {len(x.quotes)}  dates: {len(x.dates)}  numbers: {len(x.numbers)}")
