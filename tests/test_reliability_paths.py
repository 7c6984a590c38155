"""Issue 18, paths and names: symlinks out of the project, output folders, user files, slugs, globs, init."""

from __future__ import annotations

from pathlib import Path

import pytest
from projects import SAMPLE, make_project, run_cli, snapshot

from reportgen import build, config
from reportgen.cli.project import init_project
from reportgen.errors import ConfigError

HTML_ONLY = "formats: [html]\n"
GOOD = "عنوان الخبر الجيد\nأعلنت القوات تحرير 12 قرية قرب القائم.\n"
SECRET = "root:x:0:0:SECRET-LINE-FROM-OUTSIDE:/root:/bin/bash\n"


def _published(reports: Path) -> str:
    return "\n".join(data.decode("utf-8", "replace") for data in snapshot(reports).values())


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    secret = tmp_path / "outside" / "passwd"
    secret.parent.mkdir()
    secret.write_text(SECRET, encoding="utf-8")
    return secret


@pytest.mark.parametrize("how", ["file-link", "relative-link", "link-chain", "linked-folder", "etc-passwd"])
def test_a_seed_linking_outside_the_project_is_refused_by_name(tmp_path: Path, outside: Path, how: str) -> None:
    project = make_project(tmp_path / "p", config=HTML_ONLY, seeds={"good.txt": GOOD})
    seeds = project / "seeds"
    name = "seeds/leak.txt"
    if how == "file-link":
        (seeds / "leak.txt").symlink_to(outside)
    elif how == "relative-link":
        (seeds / "leak.txt").symlink_to(Path("../../outside/passwd"))
    elif how == "link-chain":
        (project / "inside.txt").symlink_to(outside)
        (seeds / "leak.txt").symlink_to(project / "inside.txt")
    elif how == "linked-folder":
        (seeds / "more").symlink_to(outside.parent)
        (seeds / "local").mkdir()
        (seeds / "good.txt").rename(seeds / "local" / "good.txt")
        (project / "config.yaml").write_text(HTML_ONLY + "sources: seeds/*/*\n", encoding="utf-8")
        name = "seeds/more/passwd"
    else:
        (seeds / "leak.txt").symlink_to("/etc/passwd")
    done = run_cli("build", "--jobs", "1", cwd=project)
    out = done.stdout + done.stderr
    assert done.returncode == 1, out
    line = next(ln for ln in out.splitlines() if ln.startswith(f"failed: {name}"))
    assert "symbolic link" in line and "outside the project; refused" in line
    published = _published(project / "reports")
    assert "SECRET-LINE" not in published and "root:x:0:0" not in published
    assert (project / "reports" / "good" / "index.html").is_file()


def test_a_symlink_that_stays_inside_the_project_is_fine(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", config=HTML_ONLY, seeds={"good.txt": GOOD})
    (project / "drafts").mkdir()
    (project / "drafts" / "real.txt").write_text(GOOD.replace("الجيد", "الآخر"), encoding="utf-8")
    (project / "seeds" / "alias.txt").symlink_to(Path("../drafts/real.txt"))
    result = build.build(config.load(project), jobs=1)
    assert not result.failed and {o.slug for o in result.outcomes} == {"good", "alias"}


@pytest.mark.parametrize("target", ["briefing.html", "_macros.html", "assets/style.css", "assets/search.js"])
def test_a_template_or_asset_linking_outside_is_refused(tmp_path: Path, outside: Path, target: str) -> None:
    project = make_project(tmp_path / "p", config=HTML_ONLY, seeds={"good.txt": GOOD})
    link = project / "templates" / target
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(outside)
    done = run_cli("build", "--jobs", "1", cwd=project)
    out = done.stdout + done.stderr
    assert done.returncode != 0, out
    assert "Traceback" not in out
    assert f"templates/{target} is a symbolic link to {outside}" in out, out
    reports = project / "reports"
    assert not reports.exists() or "SECRET-LINE" not in _published(reports)


@pytest.mark.parametrize(
    ("output", "why"),
    [
        (".", "project directory itself"),
        ("..", "must not contain the project"),
        ("/", "must not contain the project"),
        ("{root}", "project directory itself"),
        ("seeds", "sources directory"),
        ("templates", "templates directory"),
        (".reportgen-cache", "build cache"),
        (".reportgen-cache/site", "build cache"),
        ("{outside}", "outside the project"),
        ("../elsewhere", "outside the project"),
        ("notes.txt", "is not a directory"),
    ],
)
def test_an_output_folder_that_would_overwrite_or_leak_is_refused(tmp_path: Path, output: str, why: str) -> None:
    project = make_project(tmp_path / "p", config=HTML_ONLY, seeds={"good.txt": GOOD})
    (project / "templates").mkdir()
    (project / "notes.txt").write_text("mine\n", encoding="utf-8")
    value = output.format(root=project, outside=tmp_path / "site")
    (project / "config.yaml").write_text(HTML_ONLY + f"output: {value!r}\n", encoding="utf-8")
    before = sorted(p.as_posix() for p in tmp_path.rglob("*"))
    done = run_cli("build", cwd=project)
    assert done.returncode == 2, done.stderr
    assert "Config value 'output'" in done.stderr and why in done.stderr, done.stderr
    assert sorted(p.as_posix() for p in tmp_path.rglob("*")) == before  # nothing created, nothing deleted


@pytest.mark.parametrize("sources", ["/etc/*", "../*.txt", "seeds/../../*.txt", "../p/seeds/*.txt", "/tmp/**/*.txt"])
def test_sources_outside_the_project_are_refused_with_a_message(tmp_path: Path, sources: str) -> None:
    project = make_project(tmp_path / "p", config=HTML_ONLY, seeds={"good.txt": GOOD})
    (project / "config.yaml").write_text(HTML_ONLY + f"sources: {sources!r}\n", encoding="utf-8")
    done = run_cli("build", cwd=project)
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert "Config value 'sources'" in done.stderr and "inside the project" in done.stderr
    assert not (project / "reports").exists()


USER_FILES = {
    "notes.txt": "my notes\n",
    ".deploy-state": "deployed abc123\n",
    ".mine.tmp": "a user's temp file\n",
    ".notes.abcd1234.tmp": "named like our temps, but of no file we write\n",
    "good/my-comment.txt": "next to a briefing\n",
    "assets/extra.css": "body{}\n",
    "CNAME": "news.example.org\n",
}


def test_files_a_user_put_in_reports_are_never_deleted(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", config=HTML_ONLY, seeds={"good.txt": GOOD, "other.txt": GOOD})
    reports = project / "reports"
    for rel, text in USER_FILES.items():
        (reports / rel).parent.mkdir(parents=True, exist_ok=True)
        (reports / rel).write_text(text, encoding="utf-8")
    cfg = config.load(project)
    steps = [
        lambda: None,  # first build
        lambda: (project / "seeds" / "other.txt").write_text(GOOD + "سطر آخر.\n", encoding="utf-8"),
        lambda: (project / "seeds" / "good.txt").unlink(),  # its briefing folder goes, the user's file stays
        lambda: (project / "config.yaml").write_text("formats: [html, docx]\n", encoding="utf-8"),
    ]
    for step in steps:
        step()
        build.build(config.load(project), jobs=1)
    build.build(cfg, jobs=1, clean=True)
    for rel, text in USER_FILES.items():
        assert (reports / rel).read_text(encoding="utf-8") == text, rel
    assert not (reports / "good" / "index.html").exists()


def test_our_own_stale_temp_files_are_still_cleaned(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", config=HTML_ONLY, seeds={"good.txt": GOOD})
    build.build(config.load(project), jobs=1)
    reports = project / "reports"
    ours = [reports / ".index.html.k2j4h5g6.tmp", reports / "good" / ".index.html.a1b2c3d4.tmp"]
    for tmp in ours:
        tmp.write_text("half", encoding="utf-8")
    build.build(config.load(project), jobs=1)
    assert not any(t.exists() for t in ours)


@pytest.mark.parametrize(
    "names",
    [
        ("a b.txt", "a-b.txt", "A_B.txt"),
        ("figures.txt", "good.txt"),
        ("assets.txt", "good.txt"),
        ("x.txt", "x.md.txt", "X.txt"),
    ],
    ids=["three-ways", "figures", "assets", "case"],
)
def test_colliding_slugs_are_all_published_under_distinct_names(tmp_path: Path, names: tuple[str, ...]) -> None:
    seeds: dict[str, str | bytes] = {n: GOOD.replace("الجيد", f"رقم {i}") for i, n in enumerate(names)}
    project = make_project(tmp_path / "p", config=HTML_ONLY, seeds=seeds)
    result = build.build(config.load(project), jobs=1)
    assert not result.failed, [o.error for o in result.failed]
    slugs = [o.slug for o in result.outcomes]
    assert len(set(slugs)) == len(names) and not {"figures", "assets"} & set(slugs)
    reports = project / "reports"
    index = (reports / "index.html").read_text(encoding="utf-8")
    for outcome in result.outcomes:
        i = names.index(Path(outcome.source).name)
        assert f'href="{outcome.slug}/index.html"' in index
        assert f"رقم {i}" in (reports / str(outcome.slug) / "index.html").read_text(encoding="utf-8")
    assert "الأرقام" in (reports / "figures" / "index.html").read_text(encoding="utf-8")
    again = build.build(config.load(project), jobs=1)
    assert not again.rebuilt and not again.stale_site  # up to date: no clash makes it stale forever


@pytest.mark.parametrize(
    "stem",
    ["a" * 251, "ع" * 125, "x-" * 120 + "end", "تقرير " * 40 + "x" * 11],
    ids=["ascii", "arabic", "dashes", "mixed"],
)
def test_a_255_byte_file_name_builds(tmp_path: Path, stem: str) -> None:
    name = stem.encode()[:251].decode("utf-8", "ignore") + ".txt"
    assert len(name.encode()) <= 255
    project = make_project(tmp_path / "p", config=HTML_ONLY, seeds={name: GOOD})
    result = build.build(config.load(project), jobs=1)
    assert not result.failed, result.failed[0].error
    [outcome] = result.outcomes
    assert len(outcome.slug or "") <= 100
    assert (project / "reports" / str(outcome.slug) / "index.html").is_file()


@pytest.mark.parametrize("existing", ["templates/README.txt", "seeds/rutba-karbala-operation.txt"])
def test_init_never_overwrites_a_users_file(tmp_path: Path, existing: str) -> None:
    mine = tmp_path / existing
    mine.parent.mkdir(parents=True)
    mine.write_text("my own words\n", encoding="utf-8")
    created = init_project(tmp_path)
    assert mine.read_text(encoding="utf-8") == "my own words\n"
    assert mine not in created
    with pytest.raises(Exception, match="already exists"):
        init_project(tmp_path)  # config.yaml is there now


def test_init_into_an_existing_project_changes_nothing(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", seeds={SAMPLE.name: GOOD})
    before = snapshot(project)
    done = run_cli("init", str(project))
    assert done.returncode == 2 and "already exists" in done.stderr
    assert snapshot(project) == before


def test_config_errors_for_paths_are_collected(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        config.parse("sources: /abs/*.txt\noutput: .reportgen-cache\n", tmp_path)
    text = str(info.value)
    assert "'sources'" in text and "'output'" in text
