"""An editor's corrections (corrections.yaml), the review state of every figure, the review gate, `reportgen review`."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from projects import make_project, run_cli, snapshot

from reportgen import config as configmod
from reportgen import corrections, sources
from reportgen.build import build
from reportgen.errors import ConfigError
from reportgen.extract import extract_article
from reportgen.model import Briefing

SAMPLE = "seeds/rutba-karbala-operation.txt"
SLUG = "rutba-karbala-operation"
# The same figure text twice: the second attack's «5 أشخاص» is occurrence 2.
TWO = (
    "حصيلة يوم دام\n\nأسفر الهجوم الأول عن مقتل 5 أشخاص في السوق.\n"
    "وأسفر الهجوم الثاني عن مقتل 5 أشخاص قرب المسجد، وإصابة 12 جريحا.\n"
)


def _html_only(project: Path) -> Path:
    cfg = project / "config.yaml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("formats: [html, pdf]", "formats: [html]"), "utf-8")
    return project


def _figures(project: Path, slug: str = SLUG) -> list[dict]:
    return json.loads((project / "reports" / slug / "figures.json").read_text(encoding="utf-8"))["figures"]


def _briefing(cfg: configmod.Config, text: str, name: str = "seeds/two.txt") -> Briefing:
    article = sources.parse(text, name, cfg.boilerplate)
    return Briefing(article, extract_article(article, cfg))


def _parse(text: str, cfg: configmod.Config) -> corrections.Corrections:
    return corrections.parse(text, "corrections.yaml", [c.key for c in cfg.categories])


def _problems(text: str, cfg: configmod.Config) -> list[str]:
    with pytest.raises(ConfigError) as info:
        _parse(text, cfg)
    return info.value.problems


# --- validation -----------------------------------------------------------------------------------------


def test_unknown_key_names_line_and_suggests(cfg: configmod.Config) -> None:
    [message] = _problems(f"{SAMPLE}:\n  - text: 10 أوكار\n    categroy: arrests\n", cfg)
    assert message.startswith("corrections.yaml:3: ")
    assert "unknown key 'categroy' (did you mean 'category'?)" in message


def test_unknown_category_suggests_a_configured_one(cfg: configmod.Config) -> None:
    [message] = _problems(f"{SAMPLE}:\n  - text: 10 أوكار\n    category: arrest\n", cfg)
    assert message.startswith("corrections.yaml:3: ")
    assert "unknown category 'arrest' (did you mean 'arrests'?)" in message


def test_wrong_types_are_each_reported_with_their_line(cfg: configmod.Config) -> None:
    text = (
        f"{SAMPLE}:\n"
        "  - text: 10 أوكار\n"
        "    value: '12'\n"  # 3: a string, not a number
        "  - text: 40 قرية\n"
        "    drop: yes please\n"  # 5: not a boolean
        "  - text: 15 معسكراً\n"
        "    occurrence: 0\n"  # 7
        "  - add: {value: 3}\n"  # 8: no text
        "  - text: 20000 كم\n"
        "    unit: kmm2\n"  # 10
    )
    found = _problems(text, cfg)
    assert [p.split(":")[1] for p in found] == ["3", "5", "7", "8", "10"], found
    assert "'value' must be a number — got str '12'" in found[0]
    assert "'drop' must be true or false" in found[1]
    assert "'occurrence' must be a whole number from 1" in found[2]
    assert "needs 'text'" in found[3]
    assert "unknown unit 'kmm2' (did you mean 'km2'?)" in found[4]


def test_contradictory_and_duplicate_entries_are_errors(cfg: configmod.Config) -> None:
    found = _problems(
        f"{SAMPLE}:\n  - text: 10 أوكار\n    drop: true\n    category: arrests\n"
        "  - text: 40 قرية\n  - text: 40 قرية\n    approved: true\n",
        cfg,
    )
    assert "'drop' cannot be combined with a correction" in found[0] and found[0].startswith("corrections.yaml:2:")
    assert found[1].startswith("corrections.yaml:6:") and "the first is at line 5" in found[1]


def test_python_tags_are_refused(cfg: configmod.Config) -> None:
    [message] = _problems(f"{SAMPLE}:\n  - text: !!python/object/apply:os.system ['echo hi']\n", cfg)
    assert message.startswith("corrections.yaml:2:") and "not valid YAML" in message


def test_invalid_file_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    project = _html_only(make_project(tmp_path))
    (project / "corrections.yaml").write_text(f"{SAMPLE}:\n  - text: 10 أوكار\n    qualifer: approx\n", "utf-8")
    done = run_cli("build", "-C", str(project))
    assert done.returncode == 2, done.stderr
    assert "corrections.yaml:3:" in done.stderr and "(did you mean 'qualifier'?)" in done.stderr
    assert not (project / "reports").exists()


# --- matching ---------------------------------------------------------------------------------------------


def test_occurrence_picks_the_nth_figure_with_that_text(cfg: configmod.Config) -> None:
    briefing = _briefing(cfg, TWO)
    assert [f.text for f in briefing.extraction.figures] == ["5 أشخاص", "5 أشخاص", "12 جريحا"]
    fixes = _parse("seeds/two.txt:\n  - text: 5 أشخاص\n    occurrence: 2\n    value: 6\n", cfg)
    out, review = corrections.apply(briefing, fixes.get("seeds/two.txt"))
    first, second, third = out.extraction.figures
    assert (first.value, first.review, first.machine) == (5, "machine", None)
    assert (second.value, second.review) == (6, "corrected")
    assert second.machine == {
        "value": 5,
        "low": None,
        "high": None,
        "unit": None,
        "noun": "أشخاص",
        "category": "killed",
        "qualifier": None,
    }
    assert second.start > first.start and review.stale == []
    assert third.review == "machine"


def test_without_occurrence_the_first_is_meant(cfg: configmod.Config) -> None:
    fixes = _parse("seeds/two.txt:\n  - text: 5 أشخاص\n    drop: true\n", cfg)
    out, review = corrections.apply(_briefing(cfg, TWO), fixes.get("seeds/two.txt"))
    assert [f.text for f in out.extraction.figures] == ["5 أشخاص", "12 جريحا"]
    assert out.extraction.figures[0].start == TWO.rindex("5 أشخاص") and review.dropped == 1


def test_stale_entries_never_apply_to_another_figure(cfg: configmod.Config) -> None:
    briefing = _briefing(cfg, TWO)
    fixes = _parse(
        "seeds/two.txt:\n"
        "  - text: 5 أشخاص\n    occurrence: 3\n    drop: true\n"  # only two such figures
        "  - text: 7 أشخاص\n    category: wounded\n"  # the article changed: 7 is gone
        "  - text: السوق\n    approved: true\n"  # in the text, but not a figure
        "  - text: 9 قتلى\n    add: {value: 9, category: killed}\n",  # not in the article
        cfg,
    )
    out, review = corrections.apply(briefing, fixes.get("seeds/two.txt"))
    assert out.extraction.figures == briefing.extraction.figures  # nothing applied to anything
    assert [i for i, _ in review.stale] == [0, 1, 2, 3]
    messages = [m for _, m in review.stale]
    assert "only 2 figure(s) with this text" in messages[0]
    assert "no longer in the article" in messages[1] and "(did you mean '5 أشخاص'?)" in messages[1]
    assert "no figure has this text" in messages[2] and "use add:" in messages[2]
    assert "add «9 قتلى»" in messages[3]


def test_an_occurrence_that_moved_to_another_sentence_is_stale(cfg: configmod.Config) -> None:
    """The first attack's sentence is cut from the article: «occurrence 1» would now be the second attack's."""
    fixes = _parse("seeds/two.txt:\n  - text: 5 أشخاص\n    sentence: الأول عن مقتل 5 أشخاص\n    value: 6\n", cfg)
    entries = fixes.get("seeds/two.txt")
    out, review = corrections.apply(_briefing(cfg, TWO), entries)
    assert [f.value for f in out.extraction.figures] == [6, 5, 12] and review.stale == []
    edited = TWO.replace("أسفر الهجوم الأول عن مقتل 5 أشخاص في السوق.\n", "")
    out, review = corrections.apply(_briefing(cfg, edited), entries)
    assert [(f.value, f.review) for f in out.extraction.figures] == [(5, "machine"), (12, "machine")]
    [(index, message)] = review.stale
    assert index == 0 and "no longer in the sentence with «الأول عن مقتل 5 أشخاص»" in message


def test_add_takes_its_span_from_the_original_text(cfg: configmod.Config) -> None:
    briefing = _briefing(cfg, TWO)
    fixes = _parse("seeds/two.txt:\n  - text: الهجوم\n    occurrence: 2\n    add: {value: 2, noun: هجوم}\n", cfg)
    out, review = corrections.apply(briefing, fixes.get("seeds/two.txt"))
    [added] = [f for f in out.extraction.figures if f.review == "added"]
    start = TWO.index("الهجوم", TWO.index("الهجوم") + 1)
    assert (added.start, added.end, added.value, added.noun) == (start, start + len("الهجوم"), 2, "هجوم")
    assert briefing.article.text[added.start : added.end] == "الهجوم"
    assert added.sentence.startswith("وأسفر الهجوم الثاني") and added.rule == "corrections.add"
    assert [f.start for f in out.extraction.figures] == sorted(f.start for f in out.extraction.figures)
    assert review.stale == []


def test_to_dict_always_says_review_and_keeps_machine_only_when_corrected(cfg: configmod.Config) -> None:
    fixes = _parse("seeds/two.txt:\n  - text: 12 جريحا\n    approved: true\n  - text: 5 أشخاص\n    value: 4\n", cfg)
    out, _ = corrections.apply(_briefing(cfg, TWO), fixes.get("seeds/two.txt"))
    dicts = [f.to_dict() for f in out.extraction.figures]
    assert [d["review"] for d in dicts] == ["corrected", "machine", "approved"]
    assert [("machine" in d) for d in dicts] == [True, False, False]
    assert dicts[0]["machine"]["value"] == 5 and dicts[0]["value"] == 4


def test_gate_holds_back_unchecked_figures(cfg: configmod.Config) -> None:
    fixes = _parse("seeds/two.txt:\n  - text: 12 جريحا\n    approved: true\n", cfg)
    out, review = corrections.apply(_briefing(cfg, TWO), fixes.get("seeds/two.txt"), required=True)
    assert [f.text for f in out.extraction.figures] == ["12 جريحا"]
    assert [f.text for f in review.held] == ["5 أشخاص", "5 أشخاص"]
    assert (
        review.summary(out.extraction.figures)["held"][0]["sentence"] == "أسفر الهجوم الأول عن مقتل 5 أشخاص في السوق."
    )


def test_ids_are_stable_and_distinct_for_repeated_text(cfg: configmod.Config) -> None:
    items = corrections.pending("seeds/two.txt", _briefing(cfg, TWO), ())
    ids = [i.id for i in items]
    assert len(set(ids)) == 3
    assert ids[1] == corrections.figure_id("5 أشخاص", 2)
    # Dropping the first figure does not change the others' ids.
    fixes = _parse("seeds/two.txt:\n  - text: 12 جريحا\n    drop: true\n", cfg)
    assert [i.id for i in corrections.pending("seeds/two.txt", _briefing(cfg, TWO), fixes.get("seeds/two.txt"))] == ids[
        :2
    ]


# --- the build --------------------------------------------------------------------------------------------

CHECKED_BY = f"""\
# The editor's file: comments stay when `reportgen review approve` edits it.
{SAMPLE}:
  - text: 15 معسكراً
    drop: true          # a duplicate of another report
  - text: 10 أوكار
    category: vehicles_destroyed
  - text: قوات الحشد
    add: {{value: 3, noun: فوج, category: arrests}}
  - text: 77 دبابة      # line 9: not in the article
    approved: true
"""


def test_checked_by_scenario_end_to_end(tmp_path: Path) -> None:
    """The issue's acceptance scenario, through the command line, on the sample (HTML and PDF)."""
    project = make_project(tmp_path)
    (project / "corrections.yaml").write_text(CHECKED_BY, encoding="utf-8")
    done = run_cli("build", "-C", str(project))
    assert done.returncode == 0, done.stderr
    assert f"corrections.yaml:9: {SAMPLE}: «77 دبابة»: the text is no longer in the article" in done.stderr
    figures = {f["text"]: f for f in _figures(project)}
    assert "15 معسكراً" not in figures
    assert figures["10 أوكار"]["review"] == "corrected"
    assert figures["10 أوكار"]["category"] == "vehicles_destroyed"
    assert figures["10 أوكار"]["machine"]["category"] == "hideouts_destroyed"
    assert figures["قوات الحشد"]["review"] == "added" and figures["قوات الحشد"]["value"] == 3
    assert figures["40 قرية"]["review"] == "machine" and "machine" not in figures["40 قرية"]
    rows = list(csv.DictReader(io.StringIO((project / "reports" / SLUG / "figures.csv").read_text("utf-8-sig"))))
    assert {r["text"]: r["review"] for r in rows} == {t: f["review"] for t, f in figures.items()}
    page = (project / "reports" / SLUG / "index.html").read_text(encoding="utf-8")
    assert page.count('class="review-badge') == 2 and "صحّحه محرر" in page and "أضافه محرر" in page
    index = json.loads((project / "reports" / "search-index.json").read_text(encoding="utf-8"))
    assert sorted(f["review"] for f in index["documents"][0]["figures"]) == ["added", "corrected", "machine", "machine"]
    import pypdf

    pdf = "".join(p.extract_text() for p in pypdf.PdfReader(project / "reports" / f"{SLUG}.pdf").pages)
    assert "محرر" in pdf

    # --strict turns the stale entry into a failure (nothing else changed, nothing rebuilt).
    strict = run_cli("build", "-C", str(project), "--strict")
    assert strict.returncode == 1 and "corrections.yaml:9:" in strict.stderr

    # The gate, with nothing approved yet: no figure reaches readers; the summary lists and counts them.
    (project / "corrections.yaml").write_text("# nothing checked yet\n", encoding="utf-8")
    cfg = project / "config.yaml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("review: optional", "review: required"), "utf-8")
    gated = run_cli("build", "-C", str(project))
    assert gated.returncode == 0, gated.stderr
    assert _figures(project) == []
    assert "4 unchecked figure(s) held back for review" in gated.stderr
    assert f"held: {SAMPLE}: «40 قرية» — " in gated.stderr
    assert "قيد مراجعة المحرر" in (project / "reports" / SLUG / "index.html").read_text(encoding="utf-8")

    approved = run_cli("review", "approve", SAMPLE, "-C", str(project))
    assert approved.returncode == 0, approved.stderr
    text = (project / "corrections.yaml").read_text(encoding="utf-8")
    assert text.startswith("# nothing checked yet\n") and text.count("approved: true") == 4
    after = run_cli("build", "-C", str(project))
    assert after.returncode == 0, after.stderr
    assert "held back" not in after.stderr
    assert [f["review"] for f in _figures(project)] == ["approved"] * 4


def test_changing_one_articles_corrections_rebuilds_only_it(tmp_path: Path) -> None:
    project = _html_only(make_project(tmp_path, extra=True))
    assert build(configmod.load(project)).exit_code == 0
    before = snapshot(project / "reports")
    (project / "corrections.yaml").write_text(
        "# checked\nseeds/qaim-villages.txt:\n  - text: 22 قرية\n    value: 21\n", encoding="utf-8"
    )
    result = build(configmod.load(project))
    assert {o.source: o.reasons for o in result.rebuilt} == {
        "seeds/qaim-villages.txt": ["corrections changed", "extraction reused"]
    }
    changed = {rel for rel, data in snapshot(project / "reports").items() if before.get(rel) != data}
    assert {rel.split("/")[0] for rel in changed if "/" in rel} <= {"qaim-villages", "figures"}
    assert {"index.html", "figures/index.html", "feed.xml", "search-index.json"} <= changed
    assert not any(rel.startswith(("karbala-hideouts/", f"{SLUG}/")) for rel in changed)
    assert "21" in (project / "reports/figures/index.html").read_text(encoding="utf-8")
    assert "21 قرى محررة" in (project / "reports/feed.xml").read_text(encoding="utf-8")

    # Entries for another article added above it move its lines, not its key: still nothing else rebuilt.
    (project / "corrections.yaml").write_text(
        "# checked\nseeds/karbala-hideouts.txt:\n  - text: 7 أوكار\n    approved: true\n"
        "seeds/qaim-villages.txt:\n  - text: 22 قرية\n    value: 21\n",
        encoding="utf-8",
    )
    assert [o.source for o in build(configmod.load(project)).rebuilt] == ["seeds/karbala-hideouts.txt"]
    assert build(configmod.load(project)).rebuilt == []


def test_stale_warning_repeats_on_every_build_and_strict_fails(tmp_path: Path) -> None:
    project = _html_only(make_project(tmp_path))
    (project / "corrections.yaml").write_text(
        f"{SAMPLE}:\n  - text: 40 قرية\n    approved: true\n  - text: 41 قرية\n    approved: true\n"
        "seeds/gone.txt:\n  - text: 1 قرية\n    drop: true\n",
        encoding="utf-8",
    )
    for strict in (False, True, False):  # the second and third builds rebuild nothing and still know
        log: list[tuple[str, str]] = []
        result = build(configmod.load(project), lambda k, m, log=log: log.append((k, m)), strict=strict)
        assert result.exit_code == (1 if strict else 0)
        kind = "failed" if strict else "warning"
        assert [m.split(": ")[0] for k, m in log if k == kind] == ["corrections.yaml:6", "corrections.yaml:4"]
    assert "'seeds/gone.txt' is not an article of this project" in result.stale_corrections[0]
    assert [f["review"] for f in _figures(project)].count("approved") == 1


def test_figures_page_marks_what_an_editor_checked(tmp_path: Path) -> None:
    """The site-wide figures page and its exports say who vouches for a value, as the briefing does."""
    project = _html_only(make_project(tmp_path))
    (project / "corrections.yaml").write_text(
        f"{SAMPLE}:\n  - text: 40 قرية\n    value: 41\n  - text: 10 أوكار\n    approved: true\n", encoding="utf-8"
    )
    assert build(configmod.load(project)).exit_code == 0
    page = (project / "reports" / "figures" / "index.html").read_text(encoding="utf-8")
    latest = page.split('id="h-by-briefing"')[0]
    assert latest.count("review-badge review-corrected") == 1 and latest.count("review-badge review-approved") == 1
    per_briefing = page.split('id="h-by-briefing"')[1]
    assert "صحّحه محرر" in per_briefing and "راجعه محرر" in per_briefing
    assert page.count('class="review-badge') == 4  # the two machine-read figures are not marked
    groups = json.loads((project / "reports" / "figures" / "figures.json").read_text(encoding="utf-8"))["groups"]
    reviews = {g["shown"]: g["review"] for g in groups}
    assert reviews["41"] == "corrected" and list(reviews.values()).count("machine") == len(groups) - 2
    rows = list(csv.DictReader(io.StringIO((project / "reports/figures/figures.csv").read_text("utf-8-sig"))))
    assert sorted(r["review"] for r in rows) == sorted(g["review"] for g in groups)


def test_build_check_reports_stale_corrections_and_strict_fails(tmp_path: Path) -> None:
    """`build --check` writes nothing but still names the entries that no longer find their figure."""
    project = _html_only(make_project(tmp_path))
    (project / "corrections.yaml").write_text(
        f"{SAMPLE}:\n  - text: 40 قرية\n    approved: true\n  - text: 41 قرية\n    approved: true\n",
        encoding="utf-8",
    )
    assert build(configmod.load(project)).exit_code == 0
    before = snapshot(project / "reports")
    log: list[tuple[str, str]] = []
    result = build(configmod.load(project), lambda k, m: log.append((k, m)), check=True)
    assert result.exit_code == 0 and not result.stale  # up to date: only the editor has something to fix
    assert [m.split(": ")[0] for k, m in log if k == "stale"] == ["corrections.yaml:4"]
    assert build(configmod.load(project), check=True, strict=True).exit_code == 1
    done = run_cli("build", "--check", "-C", str(project))
    assert done.returncode == 0 and "1 stale correction(s)" in done.stderr + done.stdout
    assert snapshot(project / "reports") == before

    # An article that would be rebuilt is judged when it is built, not from its old summary.
    (project / SAMPLE).write_text((project / SAMPLE).read_text(encoding="utf-8") + "\n41 قرية\n", "utf-8")
    assert build(configmod.load(project), check=True).stale_corrections == []


def test_review_lists_unchecked_figures(tmp_path: Path) -> None:
    project = make_project(tmp_path, seeds={"two.txt": TWO})
    (project / "corrections.yaml").write_text("seeds/two.txt:\n  - text: 12 جريحا\n    approved: true\n", "utf-8")
    done = run_cli("review", "-C", str(project), "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [(r["text"], r["occurrence"], r["category"]) for r in rows] == [
        ("5 أشخاص", 1, "killed"),
        ("5 أشخاص", 2, "killed"),
    ]
    assert set(rows[0]) >= {"id", "value", "category", "qualifier", "text", "sentence"}
    table = run_cli("review", "two", "-C", str(project), "--no-bidi")
    assert table.returncode == 0
    assert table.stdout.splitlines()[0] == "seeds/two.txt"
    assert rows[1]["id"] in table.stdout and "5 أشخاص (#2)" in table.stdout
    unknown = run_cli("review", "seeds/tow.txt", "-C", str(project))
    assert unknown.returncode == 2 and "did you mean 'seeds/two.txt'" in unknown.stderr


def test_approving_after_a_drop_counts_occurrences_as_matching_does(tmp_path: Path) -> None:
    project = make_project(tmp_path, seeds={"two.txt": TWO})
    (project / "corrections.yaml").write_text("seeds/two.txt:\n  - text: 5 أشخاص\n    drop: true\n", "utf-8")
    cfg = configmod.load(project)
    [first, _] = corrections.list_pending(cfg, ["two"])
    assert (first.figure.text, first.occurrence, first.id) == ("5 أشخاص", 2, corrections.figure_id("5 أشخاص", 2))
    corrections.approve(cfg, "two", [first.id])
    fixes = corrections.load(cfg).get("seeds/two.txt")
    assert [(c.text, c.occurrence, c.drop, c.approved) for c in fixes] == [
        ("5 أشخاص", 1, True, False),
        ("5 أشخاص", 2, False, True),
    ]
    out, review = corrections.apply(_briefing(cfg, TWO), fixes)
    assert [(f.text, f.review) for f in out.extraction.figures] == [("5 أشخاص", "approved"), ("12 جريحا", "machine")]
    assert out.extraction.figures[0].start == TWO.rindex("5 أشخاص") and review.stale == []


def test_approve_keeps_comments_and_order(tmp_path: Path) -> None:
    project = make_project(tmp_path, seeds={"two.txt": TWO, "other.txt": "عنوان\n\nتدمير 3 أوكار.\n"})
    original = (
        "# Corrections, checked by the night desk.\n"
        "seeds/other.txt:   # first, on purpose\n"
        "  - text: 3 أوكار\n"
        "    drop: true    # duplicate report\n"
        "seeds/two.txt:\n"
        "  - text: 12 جريحا\n"
        "    approved: false   # unsure\n"
    )
    (project / "corrections.yaml").write_text(original, encoding="utf-8")
    cfg = configmod.load(project)
    second = corrections.figure_id("5 أشخاص", 2)
    done = corrections.approve(cfg, "seeds/two.txt", [second, corrections.figure_id("12 جريحا", 1)])
    assert [(d.figure.text, d.occurrence) for d in done] == [("5 أشخاص", 2), ("12 جريحا", 1)]
    text = (project / "corrections.yaml").read_text(encoding="utf-8")
    assert text == (
        "# Corrections, checked by the night desk.\n"
        "seeds/other.txt:   # first, on purpose\n"
        "  - text: 3 أوكار\n"
        "    drop: true    # duplicate report\n"
        "seeds/two.txt:\n"
        "  - text: 12 جريحا\n"
        "    approved: true    # unsure\n"  # the comment keeps its column
        "  - text: 5 أشخاص\n"
        "    occurrence: 2\n"
        "    sentence: الثاني عن مقتل 5 أشخاص قرب المسجد، وإصابة\n"  # a repeated text gets an anchor
        "    approved: true\n"
    )
    remaining = corrections.list_pending(cfg, ["seeds/two.txt"])
    assert [(p.figure.text, p.occurrence) for p in remaining] == [("5 أشخاص", 1)]
    with pytest.raises(Exception, match="no unchecked figure with id nothex"):
        corrections.approve(cfg, "seeds/two.txt", ["nothex"])
    assert corrections.approve(cfg, "two", []) and corrections.list_pending(cfg, ["two"]) == []


def test_serve_rebuilds_when_corrections_change(tmp_path: Path) -> None:
    from reportgen.cli.serve import _watch_filter

    project = make_project(tmp_path)
    cfg = configmod.load(project)
    accept = _watch_filter(
        project, project / "config.yaml", cfg.sources, cfg.templates_dir, (cfg.output_dir,), (cfg.corrections_path,)
    )
    assert accept(None, str(project / "corrections.yaml"))
    assert not accept(None, str(project / "notes.yaml"))


def test_docx_says_which_figures_an_editor_checked(cfg: configmod.Config) -> None:
    import docx

    from reportgen.outputs import docx as docx_format
    from reportgen.present import exports
    from reportgen.present.view import build_view

    fixes = _parse("seeds/two.txt:\n  - text: 12 جريحا\n    approved: true\n  - text: 5 أشخاص\n    value: 4\n", cfg)
    briefing, _ = corrections.apply(_briefing(cfg, TWO), fixes.get("seeds/two.txt"))
    view = build_view(briefing, cfg)
    data = docx_format.render(view, exports.figure_records(view, briefing), cfg)
    [table] = docx.Document(io.BytesIO(data)).tables
    labels = [row.cells[1].text for row in table.rows[1:]]
    assert labels == ["قتلى (صحّحه محرر)", "قتلى", "جرحى (راجعه محرر)"]


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ("    value: .nan\n", "'value' must be a finite number"),
        ("    value: .inf\n", "'value' must be a finite number"),
        ("    value: -.inf\n", "'value' must be a finite number"),
        ("    value: 1.0e+300\n", "'value' must be a finite number of at most 1e+18"),
        ("    low: .nan\n    high: 5\n", "'low' must be a finite number"),
        ("    low: 50\n    high: 10\n", "'low' (50) is above 'high' (10)"),
        ("    add: {value: .inf, noun: قرية}\n", "add: 'value' must be a finite number"),
    ],
)
def test_values_no_figure_can_have_are_refused_with_their_line(
    cfg: configmod.Config, entry: str, expected: str
) -> None:
    # .nan and .inf reached the bar chart's axis limits and ended the build in a traceback.
    [message] = _problems(f"{SAMPLE}:\n  - text: 40 قرية\n{entry}", cfg)
    assert message.startswith("corrections.yaml:"), message
    assert expected in message, message
