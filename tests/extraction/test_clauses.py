"""Clause and sentence candidates: the stretches a target or problem can cover."""

from __future__ import annotations

import pytest

from speechkit.extraction.clauses import clause_candidates, sentence_candidates


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
