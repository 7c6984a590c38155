"""Spans with logarithmic look-ups: "does this span overlap one of them?", "is this position inside one?"

Extraction asks that for every match of every rule. A scan of a list of spans per match is quadratic in
the number of matches: a 100 KB line of `x-5x-5…` (one blocked identifier every 3 characters) took 70 s
that way; with bisection it is linear.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from collections.abc import Iterable


class Disjoint:
    """Spans `[s, e)` that never overlap one another, kept sorted by start (so also by end)."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        self.ends = [e for _, e in ordered]

    def overlaps(self, s: int, e: int) -> bool:
        """Whether some span `[a, b)` has `a < e` and `s < b` (for an empty `[s, s)`: strictly inside one)."""
        i = bisect_left(self.starts, e) - 1  # the last span starting before `e` ends furthest right
        return i >= 0 and self.ends[i] > s

    def holds(self, p: int) -> bool:
        """Whether position `p` is inside one of the spans."""
        i = bisect_right(self.starts, p) - 1
        return i >= 0 and p < self.ends[i]

    def find(self, p: int) -> int:
        """The index of the span holding `p`, or -1."""
        i = bisect_right(self.starts, p) - 1
        return i if i >= 0 and p < self.ends[i] else -1

    def extend(self, spans: Iterable[tuple[int, int]]) -> None:
        """Add spans that overlap neither each other nor the ones held (checked by the caller)."""
        merged = sorted([*zip(self.starts, self.ends, strict=True), *spans])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]


class Cover:
    """Is a position inside any of these spans? O(log n) per question (spans may overlap), so scans stay
    linear-ish on long run-on text instead of checking every span for every match."""

    __slots__ = ("_ends", "_starts")

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self._starts = [a for a, _ in spans]
        self._ends = list(itertools.accumulate((b for _, b in spans), max))

    def __call__(self, pos: int) -> bool:
        i = bisect_right(self._starts, pos) - 1
        return i >= 0 and self._ends[i] > pos
