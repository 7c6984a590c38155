"""Issue 15 (4): the briefing view and its JSON export carry times apart from key figures."""

from __future__ import annotations

import json
from pathlib import Path

from reportgen import config as config_mod
from reportgen import sources
from reportgen.extract import extract_article
from reportgen.model import Briefing
from reportgen.present.exports import figures_json
from reportgen.present.view import build_view

ROOT = Path(__file__).resolve().parents[1]


def test_times_and_hijri_dates_in_view_and_json() -> None:
    cfg = config_mod.load(ROOT)
    text = "بغداد - 12 أيار 2024 - نزح 300 شخص منذ أسبوعين، وفي 10 صفر 1445 هـ قتل 5 أشخاص خلال ثلاثة أيام.\n"
    art = sources.parse(text, "a.txt")
    view = build_view(Briefing(art, extract_article(art, cfg)), cfg)
    assert [c.shown for c in view.cards] == ["300", "5"]
    assert [t["shown"] for t in view.times] == ["منذ أسبوعين (28 نيسان/أبريل 2024)", "خلال ثلاثة أيام"]
    assert [d["shown"] for d in view.hijri_dates] == ["10 صفر 1445 هـ (26 آب/أغسطس 2023)"]
    data = json.loads(figures_json(view, []))
    assert [t["value"] for t in data["times"]] == ["2024-04-28", None]
    assert data["hijri_dates"][0]["gregorian"] == "2023-08-26"
