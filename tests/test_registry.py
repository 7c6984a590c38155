"""Registries: formats, checks and briefing charts register themselves, once, in a meaningful order."""

from __future__ import annotations

import pytest

from reportgen import PACKAGE_DIR, check, outputs
from reportgen.present import charts
from reportgen.registry import Registry


def test_order_is_kept_and_a_name_registers_once() -> None:
    reg: Registry[tuple[str, int]] = Registry("thing", lambda t: t[0])
    for entry in (("b", 1), ("a", 2), ("c", 3)):
        reg.register(entry)
    assert reg.names() == ("b", "a", "c") and reg["a"] == ("a", 2) and "c" in reg
    with pytest.raises(ValueError, match="thing 'a' registered twice"):
        reg.register(("a", 9))


def _modules(package: str, besides: set[str]) -> set[str]:
    return {p.stem for p in (PACKAGE_DIR / package).glob("*.py")} - besides - {"__init__"}


def test_every_check_module_registers_its_check() -> None:
    """A check module whose import line was forgotten would silently never run."""
    modules = _modules("check", {"problem"})
    assert {c.run.__module__.rsplit(".", 1)[1] for c in check.CHECKS.values()} == modules


def test_every_format_module_registers_its_format() -> None:
    modules = _modules("outputs", {"fontsubset"})
    assert {f.render.__module__.rsplit(".", 1)[1] for f in outputs.FORMATS.values()} == modules


def test_briefing_charts_draw_with_the_chart_module() -> None:
    assert charts.BRIEFING_CHARTS.names() == ("chart", "mentions")
    for kind in charts.BRIEFING_CHARTS.values():
        assert kind.draw.__module__ == charts.__name__ and len(kind.heads) == 2
