from __future__ import annotations

from pathlib import Path

import pytest

from reportgen import config
from reportgen.errors import ConfigError

REPO = Path(__file__).resolve().parent.parent


def problems(text: str, root: Path) -> list[str]:
    with pytest.raises(ConfigError) as info:
        config.parse(text, root)
    return info.value.problems


def test_bundled_config_loads_with_categories(tmp_path: Path) -> None:
    cfg = config.load(REPO)
    assert cfg.formats == ("html", "pdf")
    assert cfg.digits == "western"
    keys = [c.key for c in cfg.categories]
    assert {"camps_destroyed", "villages_liberated", "area_liberated", "money", "percentages"} <= set(keys)
    assert all(c.label for c in cfg.categories)
    assert len(keys) == len(set(keys))


def test_missing_config_means_defaults(tmp_path: Path) -> None:
    cfg = config.load(tmp_path)
    assert cfg.sources == "seeds/*.txt"
    assert cfg.output_dir == (tmp_path / "reports").resolve()


def test_wrong_format_names_key_allowed_values_and_value(tmp_path: Path) -> None:
    [message] = problems("formats: odt\n", tmp_path)
    assert "Config value 'formats': expected a list of html, pdf, docx — got ['odt']" in message
    assert message.startswith("config.yaml:1:")


def test_unknown_key_suggests_the_close_one(tmp_path: Path) -> None:
    [message] = problems("title: x\nformat: [html]\n", tmp_path)
    assert message == "config.yaml:2: Config value 'format': unknown option (did you mean 'formats'?)"


def test_all_problems_are_collected_before_aborting(tmp_path: Path) -> None:
    found = problems("digits: hindi\nformats: []\ncolour: red\n", tmp_path)
    assert len(found) == 3
    assert any("'digits': expected one of western, arabic-indic — got 'hindi'" in p for p in found)


def test_category_needs_a_label(tmp_path: Path) -> None:
    [message] = problems("categories:\n  camps:\n    nouns: [معسكر]\n", tmp_path)
    assert "category 'camps' needs a 'label'" in message


def test_python_tags_are_refused(tmp_path: Path) -> None:
    [message] = problems("title: !!python/object/apply:os.system ['echo hi']\n", tmp_path)
    assert "not valid YAML" in message


@pytest.mark.parametrize("output", [".", "..", "seeds"])
def test_output_may_not_overwrite_sources(tmp_path: Path, output: str) -> None:
    [message] = problems(f"output: '{output}'\n", tmp_path)
    assert "Config value 'output'" in message


def test_categories_and_boilerplate_default_to_the_bundled_data(tmp_path: Path) -> None:
    cfg = config.parse("formats: [html]\n", tmp_path)
    bundled = config.load(REPO)
    assert cfg.categories == bundled.categories and cfg.categories
    assert cfg.boilerplate == bundled.boilerplate and cfg.boilerplate
    own = config.parse("categories:\n  fish:\n    label: أسماك\n    nouns: [سمكة]\n", tmp_path)
    assert [c.key for c in own.categories] == ["fish"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("max_article_bytes: 99999999999999999999\n", "'max_article_bytes': at most 100,000,000 bytes"),
        ("max_article_bytes: 100000001\n", "'max_article_bytes': at most 100,000,000 bytes"),
        ("max_article_bytes: 0\n", "'max_article_bytes': expected a positive whole number"),
        ("max_article_bytes: 1.5e6\n", "'max_article_bytes': expected a positive whole number"),
        ("max_article_bytes: true\n", "'max_article_bytes': expected a positive whole number"),
        ("jobs: 100000\n", "'jobs': at most 256"),
        ("jobs: -3\n", "'jobs': expected a positive whole number"),
    ],
)
def test_limits_beyond_what_a_machine_can_honour_are_refused(tmp_path: Path, text: str, expected: str) -> None:
    # A huge max_article_bytes used to reach read() and end in OverflowError; a huge jobs, one process each.
    [message] = problems(text, tmp_path)
    assert expected in message, message
    assert message.startswith("config.yaml:1")


def test_limits_at_their_bounds_are_accepted(tmp_path: Path) -> None:
    cfg = config.parse("max_article_bytes: 100000000\njobs: 256\n", tmp_path)
    assert (cfg.max_article_bytes, cfg.jobs) == (100_000_000, 256)
