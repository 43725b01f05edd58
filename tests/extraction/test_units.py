"""Candidate units and sub-unit candidates: how much text an item covers (ANNOTATION.md)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import speechkit
from speechkit.extraction.clauses import clause_candidates, sentence_candidates
from speechkit.extraction.units import sentences, units


def _units(text: str) -> list[tuple[str, str]]:
    doc = speechkit.from_text(text)
    return [(u.role, doc.text[u.start : u.end]) for u in units(doc)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "一、抓实招商引资。主要存在两个不足。一是考核成绩差。得分偏低。二是推进效率慢。大家要找差距。",
            [
                ("section", "一、抓实招商引资。主要存在两个不足。"),
                ("point", "一是考核成绩差。得分偏低。"),
                ("point", "二是推进效率慢。"),
                ("chunk", "大家要找差距。"),
            ],
            id="section-points-and-transition",
        ),
        pytest.param(
            "一、2023年工作回顾\n过去一年，我们完成投资50亿元。\n二、2024年工作安排\n今年主要预期目标是：增长6%。\n"
            "（一）打好三大攻坚战。要坚决完成任务。\n打好防范化解重大风险攻坚战。严控债务。\n打好污染防治攻坚战。治理污染。",
            [
                ("chunk", "过去一年，我们完成投资50亿元。"),
                ("paragraph", "今年主要预期目标是：增长6%。"),
                ("section", "（一）打好三大攻坚战。要坚决完成任务。"),
                ("paragraph", "打好防范化解重大风险攻坚战。严控债务。"),
                ("paragraph", "打好污染防治攻坚战。治理污染。"),
            ],
            id="report-part-headings-and-lead-sentence-paragraphs",
        ),
        pytest.param(
            "一、支持企业稳定发展\n（一）加大稳岗支持力度。返还失业保险费。（人力资源社会保障部、财政部负责）\n"
            "各地要抓好落实，确保政策落地。",
            [
                ("section", "一、支持企业稳定发展"),
                ("point", "（一）加大稳岗支持力度。返还失业保险费。（人力资源社会保障部、财政部负责）"),
                ("chunk", "各地要抓好落实，确保政策落地。"),
            ],
            id="plan-clause-closes-a-task",
        ),
        pytest.param(
            "二、2026年工作安排\n（一）加大改革攻坚力度\n坚持把改革贯穿发展全过程。深化审批制度改革，提高效率。\n"
            "（二）增进民生福祉\n坚持民生为本。办好民生实事。\n扩大就业。新增就业3000人。\n稳定物价。保障供应。",
            [
                ("chunk", "二、2026年工作安排"),  # a lone part heading at the top reads as the title
                # a bare heading with one body paragraph is one point (rule 1: marker to the next marker)
                ("point", "（一）加大改革攻坚力度\n坚持把改革贯穿发展全过程。深化审批制度改革，提高效率。"),
                # with several lead-sentence paragraphs, each is a task of its own (report rule 8)
                ("section", "（二）增进民生福祉"),
                ("paragraph", "坚持民生为本。办好民生实事。"),
                ("paragraph", "扩大就业。新增就业3000人。"),
                ("paragraph", "稳定物价。保障供应。"),
            ],
            id="heading-with-one-body-paragraph",
        ),
    ],
)
def test_units(text: str, expected: list[tuple[str, str]]) -> None:
    assert _units(text) == expected


def test_review_is_flagged() -> None:
    doc = speechkit.from_text(
        "一、2023年工作回顾\n过去一年，完成投资50亿元。\n二、2024年工作安排\n要增长6%。"
    )
    flags = {doc.text[u.start : u.end]: u.in_review for u in units(doc)}
    assert flags["过去一年，完成投资50亿元。"] is True
    assert flags["要增长6%。"] is False


@pytest.mark.parametrize(
    ("text", "shape", "expected"),
    [
        (
            "目标是：项目数量“多”、产业集聚“高”、开工活跃“热围绕目标",
            "list",
            ["项目数量“多”", "产业集聚“高”", "开工活跃“热"],
        ),
        (
            "城镇新增就业人数、城镇登记失业率、节能减排等约束性指标完成市定目标",
            "names",
            ["城镇新增就业人数", "城镇登记失业率", "节能减排"],
        ),
        (
            "地区生产总值增长6%左右；一般公共预算收入增长6%。",
            "one",
            ["地区生产总值增长6%左右", "一般公共预算收入增长6%"],
        ),
    ],
    ids=["quoted-levels", "indicator-names", "semicolon-list"],
)
def test_clause_candidates(text: str, shape: str, expected: list[str]) -> None:
    got = [text[a:b] for a, b, s in clause_candidates(text, 0, len(text)) if s == shape]
    assert [g for g in got if g in expected] == expected


def test_semicolon_pieces_are_sentence_candidates() -> None:
    text = "还存在一些问题：有的学习不深入；有的学用脱节，不善转化；有的光说不练。"
    assert [text[a:b] for a, b in sentence_candidates(text, 0, len(text))] == [
        "有的学习不深入；",
        "有的学用脱节，不善转化；",
        "有的光说不练。",
    ]


# the reference definition of a sentence, as one regex (quadratic on long lines without an end mark):
# sentences() must give exactly its matches, leading spaces dropped
_REFERENCE = re.compile(r"[^。！？!?\n]*(?:[。！？!?]+[”’」』]?|$)")


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from("问题差。！？!?”」 \na"), max_size=60), st.integers(0, 60), st.integers(0, 60))
def test_sentences_match_the_reference_regex(text: str, i: int, j: int) -> None:
    start, end = sorted((min(i, len(text)), min(j, len(text))))
    want = []
    for m in _REFERENCE.finditer(text, start, end):
        s, e = m.span()
        while s < e and text[s] in " \n":
            s += 1
        if e > s:
            want.append((s, e))
    assert list(sentences(text, start, end)) == want
