"""Chart labels: do the pixels read as the logical string, or as its reversed or unshaped rendering?

For each `<chart>.labels.json` the build writes next to `<chart>.png`, every Arabic label's box is cropped
from the PNG and compared with reference renderings made by Pillow in the same bundled font and size:

- correct:  the logical string laid out by libraqm (HarfBuzz shaping + FriBiDi reordering);
- reversed: what a renderer that shapes produces from pre-shaped visual text (`get_display(reshape(s))`
            drawn by libraqm again): joined letters in reversed order;
- unshaped: the logical string with Pillow's BASIC layout (no shaping, no bidi): isolated letters,
            left to right, i.e. what a non-shaping renderer draws from logical text;
- unjoined: bidi-reordered but not shaped (isolated letters in the right order).

Each rendering and the crop are cut to their ink, resized to a common grid, and compared by normalised
cross-correlation. The label fails when a wrong rendering matches better than the correct one, or when
even the correct one matches poorly (a fallback font, or a label drawn somewhere else than recorded).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Container
from dataclasses import dataclass
from pathlib import Path

from reportgen.check import Check, register
from reportgen.check.problem import Problem, rel, select_files
from reportgen.config import Config
from reportgen.present import fonts, textprep

NAME = "chart-labels"
GRID_HEIGHT = 32
# Correct renderings of the sample's and test labels score 0.87–1.0; wrong ones 0.05–0.45.
MIN_SCORE = 0.6
MARGIN = 0.02
_INK = 60  # 0–255 darkness above which a pixel counts as ink (antialiasing fringes and grid lines do not)


@dataclass(frozen=True, slots=True)
class Verdict:
    text: str
    scores: dict[str, float]

    @property
    def best_wrong(self) -> tuple[str, float]:
        wrong = [(k, v) for k, v in self.scores.items() if k != "correct"]
        return max(wrong, key=lambda kv: kv[1]) if wrong else ("none", -1.0)

    @property
    def ok(self) -> bool:
        _, score = self.best_wrong
        return self.scores["correct"] >= MIN_SCORE and self.scores["correct"] + MARGIN >= score


def _ink(img):  # type: ignore[no-untyped-def]
    import numpy as np

    return 255.0 - np.asarray(img.convert("L"), dtype=np.float32)


def _normalise(ink, width: int):  # type: ignore[no-untyped-def]
    import numpy as np
    from PIL import Image

    ys, xs = np.nonzero(ink > _INK)
    if len(ys) == 0:
        return None
    cut = ink[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]
    img = Image.fromarray(np.clip(cut, 0, 255).astype(np.uint8)).resize((width, GRID_HEIGHT), Image.Resampling.BILINEAR)
    v = np.asarray(img, dtype=np.float32)
    v = v - v.mean()
    n = float(np.linalg.norm(v))
    return v / n if n else v


def _aspect(ink) -> float:  # type: ignore[no-untyped-def]
    import numpy as np

    ys, xs = np.nonzero(ink > _INK)
    return (xs.max() - xs.min() + 1) / (ys.max() - ys.min() + 1)


@functools.lru_cache(maxsize=512)
def _reference(text: str, font_path: str, size: float, engine: str):  # type: ignore[no-untyped-def]
    from PIL import Image, ImageDraw, ImageFont

    layout = ImageFont.Layout.RAQM if engine == "raqm" else ImageFont.Layout.BASIC
    font = ImageFont.truetype(font_path, size, layout_engine=layout)
    left, top, right, bottom = font.getbbox(text)
    img = Image.new("L", (int(right - left) + 20, int(bottom - top) + 20), 255)
    ImageDraw.Draw(img).text((10 - left, 10 - top), text, font=font, fill=0)
    return _ink(img)


def candidates(text: str) -> dict[str, tuple[str, str]]:
    """The renderings to compare: kind → (string to draw, layout engine).

    A wrong rendering that would draw the same glyphs in the same order as the correct one (digits only,
    Latin only, a single unjoined letter…) is left out: the pixels cannot tell them apart.
    """
    visual = textprep.to_visual(text)  # the glyphs, left to right, that a correct rendering shows
    # The chart lays labels out right to left (textprep.rtl_base); so must the reference.
    out = {"correct": (textprep.rtl_base(text), "raqm")}
    wrong = {
        "reversed": (visual, "raqm", textprep.reorder(visual)),
        "unshaped": (text, "basic", text),
        "unjoined": (textprep.reorder(text), "basic", textprep.reorder(text)),
    }
    if textprep.rtl_base(text) != text:
        # Starts with a Latin letter: left to itself a shaper lays it out left to right («F-16» on the left).
        wrong["left-to-right"] = (text, "raqm", textprep.to_visual(text, base_dir="L"))
    for kind, (string, engine, drawn) in wrong.items():
        if drawn != visual:
            out[kind] = (string, engine)
    return out


def judge(crop_ink, text: str, font_path: Path, size_px: float) -> Verdict | None:  # type: ignore[no-untyped-def]
    """Scores of each rendering of `text` against the label's pixels; None when the crop has no ink."""
    import numpy as np

    if crop_ink.size == 0 or not (crop_ink > _INK).any():
        return None
    width = max(8, round(GRID_HEIGHT * _aspect(crop_ink)))
    target = _normalise(crop_ink, width)
    scores = {}
    for kind, (string, engine) in candidates(text).items():
        ref = _normalise(_reference(string, str(font_path), float(size_px), engine), width)
        scores[kind] = float(np.sum(target * ref)) if ref is not None else 0.0
    return Verdict(text, scores)


def check_manifest(manifest: Path, root: Path) -> list[Problem]:
    from PIL import Image

    name = rel(manifest, root)
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        png = manifest.parent / data["png"]
        family = data["font"]["family"]
        labels = data["labels"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return [Problem(name, "", f"unreadable label manifest ({exc})", "rebuild the site", NAME)]
    if not png.is_file():
        return [Problem(rel(png, root), "", "chart PNG named by the label manifest is missing", "rebuild", NAME)]
    try:
        font_path = fonts.regular(family)
    except Exception as exc:  # UsageError for an unknown family
        return [Problem(name, "", f"label font {family!r} is not available ({exc})", "rebuild the site", NAME)]
    ink = _ink(Image.open(png))
    problems = []
    for i, label in enumerate(labels):
        text = label["text"]
        left, top, right, bottom = label["box"]
        where = f"label {i + 1} {text!r}"
        # Text extents are layout boxes: dots and marks below the baseline may fall just outside them.
        px, py = round(0.1 * label["size_px"]), round(0.25 * label["size_px"])
        crop = ink[max(0, top - py) : bottom + py, max(0, left - px) : right + px]
        verdict = judge(crop, text, font_path, label["size_px"])
        if verdict is None:
            problems.append(
                Problem(rel(png, root), where, "no ink where the label should be", "rebuild the chart", NAME)
            )
            continue
        if verdict.ok:
            continue
        wrong, score = verdict.best_wrong
        correct = verdict.scores["correct"]
        if correct + MARGIN < score:
            what = (
                f"the label's pixels match the {wrong} rendering ({score:.2f}) better than the correct one "
                f"({correct:.2f})"
            )
            fix = (
                "pass logical text to a renderer that shapes (matplotlib >= 3.11) and pre-shaped text only to "
                "one that does not: use textprep.for_renderer(text, 'matplotlib')"
            )
        else:
            what = f"the label's pixels do not look like {text!r} in {family} (match {correct:.2f} < {MIN_SCORE})"
            fix = "check that the chart is drawn in the configured font (no fallback) and the manifest is current"
        problems.append(Problem(rel(png, root), where, what, fix, NAME))
    return problems


def check(
    out_dir: Path, config: Config, only: Container[str] | None = None, pending: Container[str] = ()
) -> list[Problem]:
    return [p for m in select_files(out_dir, "*.labels.json", only) for p in check_manifest(m, out_dir)]


register(
    Check(
        NAME,
        check,
        article=True,
        describe="each Arabic chart label's pixels match a shaped, right-to-left rendering",
    )
)
