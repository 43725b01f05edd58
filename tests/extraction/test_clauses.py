"""Clause candidates: the generator gives exactly what its first, plainer form gave."""

from __future__ import annotations

from collections.abc import Iterator

from hypothesis import example, given, settings
from hypothesis import strategies as st

from speechkit.extraction import clauses as c


def _first_form(text: str, start: int, end: int) -> Iterator[tuple[int, int, str]]:
    spans = c.clause_spans(text, start, end)
    for i, (a, b) in enumerate(spans):
        m = c._LEAD_NOISE.match(text, a, b)
        a2 = m.end() if m else a
        if 2 <= b - a2 <= 80:
            yield a2, b, "one"
        if i + 1 < len(spans):
            cc, d = spans[i + 1]
            gap = text[b:cc]
            if b - a2 <= 24 and not c._HARD_GAP.search(gap) and d - a2 <= 90:
                yield a2, d, "two"
        if text.find("“", a, b) >= 0:
            elements = [c._Shifted(e, a) for e in c._QUOTED_LEVEL.finditer(text[a:b])]
            if len(elements) >= 2 and any(text[e.end() : e.end() + 1] == "、" for e in elements):
                for e in elements:
                    yield e.start(), e.end(), "list"
        if text.find("、", a, b) < 0:
            continue
        pieces = text[a:b].split("、")
        if sum(1 for x in pieces if c._COUNTED.search(x)) >= 2:
            pos = a
            for piece in pieces:
                if c._COUNTED.search(piece) and len(piece) >= 3:
                    yield pos, pos + len(piece), "items"
                pos += len(piece) + 1
        named = c._NAMED_LIST.search(text, a, b) if text.find("指标", a, b) >= 0 else None
        if named:
            pos = named.start("names")
            for name in named.group("names").split("、"):
                if 2 <= len(name) <= 16:
                    yield pos, pos + len(name), "names"
                pos += len(name) + 1


_PIECES = [
    "同时",
    "并且",
    "增长6%",
    "项目数量“多”",
    "、",
    "，",
    "。",
    "；",
    "：",
    "\n",
    "3年要实现脱贫3000万人",
    "等指标",
    "确保",
]


@settings(max_examples=300, deadline=None)
@example("同时增长6%，并且增长6%，3年要实现脱贫3000万人；确保", 0, 31)
@example("一" * 24 + "，" + "二" * 65, 0, 90)  # a first clause of 24 characters, a pair of 90
@example("一" * 80 + "，" + "二" * 2, 0, 83)
@given(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join), st.integers(0, 10), st.integers(0, 200))
def test_clause_candidates_match_the_first_form(text: str, start: int, end: int) -> None:
    start, end = min(start, len(text)), min(max(start, end), len(text))
    assert list(c.clause_candidates(text, start, end)) == list(_first_form(text, start, end))
