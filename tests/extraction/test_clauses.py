"""Clause and sentence candidates: the stretches a target or problem can cover; the generator gives exactly
what its first, plainer form gave."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from speechkit.extraction import clauses as c
from speechkit.extraction.clauses import clause_candidates, sentence_candidates


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
        named = [x for x in pieces if c._COUNTED.search(x) and len(x) >= 3 and not c._BARE.fullmatch(x)]
        if len(named) >= 2:
            pos = a
            for piece in pieces:
                if piece in named:
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
    "98.5%",
    "183人全部脱贫",
]


@settings(max_examples=300, deadline=None)
@example("同时增长6%，并且增长6%，3年要实现脱贫3000万人；确保", 0, 31)
@example("一" * 24 + "，" + "二" * 65, 0, 90)  # a first clause of 24 characters, a pair of 90
@example("一" * 80 + "，" + "二" * 2, 0, 83)
@given(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join), st.integers(0, 10), st.integers(0, 200))
def test_clause_candidates_match_the_first_form(text: str, start: int, end: int) -> None:
    start, end = min(start, len(text)), min(max(start, end), len(text))
    assert list(c.clause_candidates(text, start, end)) == list(_first_form(text, start, end))


def _shapes(text: str, shape: str) -> list[str]:
    return [text[a:b] for a, b, s in clause_candidates(text, 0, len(text)) if s == shape]


def test_counted_items_are_one_target_each() -> None:
    text = "新增主板上市企业1家、“新三板”挂牌企业2家。"
    assert _shapes(text, "items") == ["新增主板上市企业1家", "“新三板”挂牌企业2家"]
    text = "实施36个老旧小区节能改造、45个老旧小区基础设施改造。"  # a count before its name still names it
    assert _shapes(text, "items") == ["实施36个老旧小区节能改造", "45个老旧小区基础设施改造"]


@pytest.mark.parametrize(
    "text",
    [
        "到2027年底前实现农村贫困人口96户、183人全部稳定脱贫。",  # two counts of one subject
        "学前三年毛入园率、九年义务教育巩固率分别达到95.5%、98.5%。",  # values of a 分别 list
        "分别完成交通、水利投资118亿元以上、27亿元以上。",
    ],
)
def test_a_piece_opening_on_its_number_names_nothing(text: str) -> None:
    assert _shapes(text, "items") == []


def test_two_short_clauses_make_one_candidate() -> None:
    text = "3年要实现脱贫3000多万人，平均每年1000多万人。"
    assert "3年要实现脱贫3000多万人，平均每年1000多万人" in _shapes(text, "two")


def test_semicolon_pieces_are_sentences_of_their_own() -> None:
    text = "有的干部作风漂浮；有的学用脱节；"
    assert [text[a:b] for a, b in sentence_candidates(text, 0, len(text))] == [
        "有的干部作风漂浮；",
        "有的学用脱节；",
    ]
