"""The chart-label check: correct labels pass; reversed, unshaped and wrong-font labels fail."""

from __future__ import annotations

import json
from pathlib import Path
from unittest import mock

import pytest
from PIL import Image, ImageDraw, ImageFont

from reportgen.check import chart_labels
from reportgen.present import charts, fonts, textprep
from reportgen.present.charts import Bar

MADE_UP = [
    "إطلاق صاروخ Scud-B من H3",
    "قرى محررة",
    "20,000 كم²",
    "٢٠٬٠٠٠ كم²",
    "كتائب حزب الله",
    "لا إله إلا الله",
    "مُحَرَّرَةٌ",
    "طائرة F-16 في 2017",
    "الحشد الشعبي",
    "F-16 في القائم",
]


def write_chart(out: Path, chart: charts.Chart) -> Path:
    (out / chart.png_name).write_bytes(chart.png)
    manifest = out / f"{chart.name}.labels.json"
    manifest.write_bytes(chart.manifest())
    return manifest


def made_up_chart(cfg, labels=MADE_UP) -> charts.Chart:  # type: ignore[no-untyped-def]
    bars = [Bar(label, 10 * (i + 1), str(10 * (i + 1))) for i, label in enumerate(labels)]
    return charts.bar_chart("made-up", "عنوان", bars, cfg)


def test_correct_labels_pass_with_clear_margin(cfg, tmp_path):  # type: ignore[no-untyped-def]
    chart = made_up_chart(cfg)
    assert {lb.text for lb in chart.labels} >= set(MADE_UP)
    manifest = write_chart(tmp_path, chart)
    assert chart_labels.check_manifest(manifest, tmp_path) == []
    ink = chart_labels._ink(Image.open(tmp_path / chart.png_name))
    path = fonts.regular(cfg.font_body)
    for label in chart.labels:
        left, top, right, bottom = label.box
        verdict = chart_labels.judge(ink[top - 8 : bottom + 8, left - 3 : right + 3], label.text, path, label.size_px)
        assert verdict is not None and verdict.ok, verdict
        assert verdict.scores["correct"] > verdict.best_wrong[1] + 0.3, verdict


def test_pre_shaped_labels_on_a_shaping_matplotlib_fail_as_reversed(cfg, tmp_path):  # type: ignore[no-untyped-def]
    # The tutorial recipe (get_display(reshape(s))) handed to matplotlib 3.11, which shapes again.
    assert textprep.matplotlib_shapes()
    with mock.patch.object(textprep, "matplotlib_shapes", lambda: False):
        chart = made_up_chart(cfg)
    problems = chart_labels.check_manifest(write_chart(tmp_path, chart), tmp_path)
    failed = {p.where.split(" ", 2)[2].strip("'") for p in problems}
    assert failed == set(MADE_UP) - {"20,000 كم²"} or failed == set(MADE_UP)
    assert all("reversed rendering" in p.what for p in problems), [str(p) for p in problems]


def test_number_first_label_reversed_is_caught(cfg, tmp_path):  # type: ignore[no-untyped-def]
    with mock.patch.object(textprep, "matplotlib_shapes", lambda: False):
        chart = made_up_chart(cfg, ["20,000 كم²", "قرى محررة"])
    problems = chart_labels.check_manifest(write_chart(tmp_path, chart), tmp_path)
    assert len(problems) == 2


def _draw_manifest(tmp_path: Path, text: str, family: str, engine, drawn_font: Path, string: str) -> Path:  # type: ignore[no-untyped-def]
    size = 30.0
    font = ImageFont.truetype(str(drawn_font), size, layout_engine=engine)
    img = Image.new("RGB", (700, 120), "white")
    ImageDraw.Draw(img).text((650, 40), string, font=font, fill="#1d1d1f", anchor="rs")
    left, top, right, bottom = (int(v) for v in ImageDraw.Draw(img).textbbox((650, 40), string, font=font, anchor="rs"))
    img.save(tmp_path / "c.png")
    manifest = tmp_path / "c.labels.json"
    manifest.write_text(
        json.dumps(
            {
                "png": "c.png",
                "font": {"family": family},
                "labels": [{"text": text, "box": [left, top, right, bottom], "size_px": size}],
            }
        ),
        encoding="utf-8",
    )
    return manifest


@pytest.mark.parametrize("text", ["معسكرات مدمرة", "إطلاق صاروخ Scud-B من H3"])
def test_unshaped_label_fails(tmp_path, text):  # type: ignore[no-untyped-def]
    # A renderer without shaping given logical text: isolated letters, left to right.
    plex = fonts.regular("IBM Plex Sans Arabic")
    manifest = _draw_manifest(tmp_path, text, "IBM Plex Sans Arabic", ImageFont.Layout.BASIC, plex, text)
    problems = chart_labels.check_manifest(manifest, tmp_path)
    assert len(problems) == 1 and "unshaped rendering" in problems[0].what, problems


def test_same_drawing_with_raqm_passes(tmp_path):  # type: ignore[no-untyped-def]
    plex = fonts.regular("IBM Plex Sans Arabic")
    text = "إطلاق صاروخ Scud-B من H3"
    manifest = _draw_manifest(tmp_path, text, "IBM Plex Sans Arabic", ImageFont.Layout.RAQM, plex, text)
    assert chart_labels.check_manifest(manifest, tmp_path) == []


def test_label_drawn_in_another_font_fails(tmp_path):  # type: ignore[no-untyped-def]
    amiri = fonts.regular("Amiri")
    text = "معسكرات مدمرة في الصحراء"
    manifest = _draw_manifest(tmp_path, text, "IBM Plex Sans Arabic", ImageFont.Layout.RAQM, amiri, text)
    problems = chart_labels.check_manifest(manifest, tmp_path)
    assert len(problems) == 1 and "do not look like" in problems[0].what, [str(p) for p in problems]


def test_sample_charts_pass(built):  # type: ignore[no-untyped-def]
    cfg, _ = built
    manifests = sorted(cfg.output_dir.rglob("*.labels.json"))
    assert {m.name for m in manifests} == {"key-figures.labels.json", "mentions.labels.json"}
    for manifest in manifests:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        assert data["labels"], manifest
        assert chart_labels.check_manifest(manifest, cfg.output_dir) == []


def test_latin_first_label_laid_out_left_to_right_is_caught(cfg, tmp_path):  # type: ignore[no-untyped-def]
    """«F-16 في القائم» starts with a Latin letter: without a right-to-left base it reads «القائم» last."""
    with mock.patch.object(textprep, "rtl_base", lambda s: s):
        chart = made_up_chart(cfg, ["F-16 في القائم", "قرى محررة"])
    problems = chart_labels.check_manifest(write_chart(tmp_path, chart), tmp_path)
    assert [p.where.split(" ", 2)[2].strip("'") for p in problems] == ["F-16 في القائم"], [str(p) for p in problems]
    assert "left-to-right" in problems[0].what
