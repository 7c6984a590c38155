"""Each config option is declared once (config.OPTIONS): validation, documentation and cache keys follow from it."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import yaml

from reportgen import config as config_mod
from reportgen.build import cache

BUNDLED = config_mod.BUNDLED_CONFIG.read_text(encoding="utf-8")


def _documented_keys() -> set[str]:
    """Top-level keys of the bundled config.yaml, set or shown commented out (`# key: value`)."""
    return set(yaml.safe_load(BUNDLED)) | set(re.findall(r"(?m)^#\s?(\w+):", BUNDLED))


def test_every_option_is_documented_in_the_bundled_config() -> None:
    assert set(config_mod.OPTIONS) <= _documented_keys()
    assert set(yaml.safe_load(BUNDLED)) <= set(config_mod.OPTIONS)


def test_every_config_field_is_an_option() -> None:
    fields = {f.name for f in dataclasses.fields(config_mod.Config)} - {"root"}
    # `fonts: {body, heading}` is one option filling two fields.
    assert fields - {"font_body", "font_heading"} <= set(config_mod.OPTIONS)


def test_the_documented_values_are_the_defaults(tmp_path: Path) -> None:
    """A project whose config.yaml only names its sample-specific lists gets what the bundled file documents."""
    data = yaml.safe_load(BUNDLED)
    (tmp_path / "config.yaml").write_text("digits: western\n", encoding="utf-8")
    default = config_mod.load(tmp_path)
    for key, value in data.items():
        if key in ("fonts", "gazetteer", "categories", "theme", "boilerplate"):
            continue  # structured sections: parsed, compared below or sample-specific (gazetteer)
        got = getattr(default, key)
        assert got == (tuple(value) if isinstance(value, list) else value), key
    assert (default.font_body, default.font_heading) == (data["fonts"]["body"], data["fonts"]["heading"])
    for key, value in data["theme"].items():
        assert getattr(default.theme, key) == value, f"theme.{key}"


def test_cache_keys_come_from_the_options() -> None:
    for stage, sections in (
        (config_mod.EXTRACT, cache.EXTRACT_SECTIONS),
        (config_mod.CHARTS, cache.CHART_SECTIONS),
        (config_mod.PAGES, cache.PAGE_SECTIONS),
    ):
        assert sections == tuple(n for n, o in config_mod.OPTIONS.items() if stage in o.affects)
    # What extraction reads must rebuild figures; how a build runs must never invalidate anything.
    assert {"categories", "gazetteer", "boilerplate"} <= set(cache.EXTRACT_SECTIONS)
    for name in ("jobs", "executor", "scheduler", "feeds"):
        assert not config_mod.OPTIONS[name].affects, name
