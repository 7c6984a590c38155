"""Issue 18: on an article dense with figures, every card, figures-page and export link names an anchor.

A run-on line's sentences are windows around each figure (extract), so they overlap; overlapping sentences
used to be skipped when the text was marked, and their cards linked to a `fig-N` the page lacked
(`reportgen check`: 356 problems on 13 KB of «قتل 12 شخصا في القائم», 520 on 8 KB in the issue's run).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from projects import make_project

from reportgen import build, config
from reportgen.check import html_site

HTML_ONLY = "formats: [html]\n"
SENTENCE = "قتل 12 شخصا في القائم"


@pytest.mark.parametrize(
    "body",
    [
        (SENTENCE + " ") * 370,  # one line, no full stop: overlapping sentence windows
        (SENTENCE + ". ") * 370,  # full stops: one sentence per figure
        " ".join(f"قتل {n} شخصا وجرح {n + 1} آخرين" for n in range(2, 300)),  # many different figures
    ],
    ids=["no-full-stop", "sentences", "many-figures"],
)
def test_every_figure_link_of_a_dense_article_names_an_anchor(tmp_path: Path, body: str) -> None:
    project = make_project(tmp_path / "p", config=HTML_ONLY, seeds={"dense.txt": "عنوان\n" + body + "\n"})
    cfg = config.load(project)
    [outcome] = build.build(cfg, jobs=1).outcomes
    assert outcome.ok, outcome.error
    out = project / "reports"
    assert [str(p) for p in html_site.check(out, cfg)] == []

    page = (out / "dense" / "index.html").read_text(encoding="utf-8")
    ids = set(re.findall(r' id="([^"]+)"', page))
    cards = re.findall(r'<li class="card" id="card-(\d+)">\s*<a class="card-link" href="#([^"]+)"', page)
    assert len(cards) > 250
    # Every figure is in the body, so every card links to its figure marked in the text, never to itself.
    assert [href for _, href in cards] == [f"fig-{n}" for n, _ in cards]
    assert {f"fig-{n}" for n, _ in cards} <= ids
    marks = re.findall(r'id="fig-(\d+)" href="#card-(\d+)"><mark>([^<]+)</mark>', page)
    assert [a for a, b, _ in marks if a != b] == [] and len(marks) == len(cards)
    assert all(re.search(r"\d", text) for _, _, text in marks)

    records = json.loads((out / "dense" / "figures.json").read_text(encoding="utf-8"))["figures"]
    assert {r["link"].split("#", 1)[1] for r in records} <= ids
    figures_page = (out / "figures" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="\.\./dense/index\.html#([^"]+)"', figures_page)
    assert links and set(links) <= ids
