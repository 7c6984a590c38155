"""`spans.Disjoint` answers exactly what the scans it replaced answered (they were quadratic, issue 18)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reportgen.extract.spans import Disjoint


@st.composite
def disjoint_spans(draw: st.DrawFn) -> list[tuple[int, int]]:
    cuts = sorted(set(draw(st.lists(st.integers(0, 200), max_size=40))))
    spans = [(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False) if draw(st.booleans())]
    return draw(st.permutations(spans))


@given(disjoint_spans(), st.integers(-5, 210), st.integers(0, 30))
def test_overlaps_is_the_old_scan(spans: list[tuple[int, int]], s: int, width: int) -> None:
    e = s + width
    assert Disjoint(spans).overlaps(s, e) == any(s < b and a < e for a, b in spans)


@given(disjoint_spans(), st.integers(-5, 210))
def test_holds_and_find_are_the_old_scans(spans: list[tuple[int, int]], p: int) -> None:
    d = Disjoint(spans)
    assert d.holds(p) == any(a <= p < b for a, b in spans)
    i = d.find(p)
    assert (i >= 0) == d.holds(p)
    if i >= 0:
        assert d.starts[i] <= p < d.ends[i]


@given(disjoint_spans(), disjoint_spans())
def test_extend_keeps_them_sorted(first: list[tuple[int, int]], more: list[tuple[int, int]]) -> None:
    d = Disjoint(first)
    new = [m for m in more if not d.overlaps(*m)]
    d.extend(new)
    assert list(zip(d.starts, d.ends, strict=True)) == sorted(first + new)
