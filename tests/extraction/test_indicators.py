"""speechkit.extraction.indicators: the one indicator vocabulary and statement parser (clauses written
for these tests), and the target attributes the extractor takes from it."""

from __future__ import annotations

import doctest
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import speechkit
from speechkit.extraction import indicators as indicators_mod
from speechkit.extraction.indicators import (
    canonical_indicator,
    clean_name,
    format_value,
    parse_statement,
    vocabulary,
)

# text → [(name as written, canonical, measure, value, value_high, unit, comparator)]
CASES = [
    # level vs change vs points
    ("城镇新增就业1.2万人以上", [("城镇新增就业", "城镇新增就业", "level", 1.2, None, "万人", "以上")]),
    ("地区生产总值增长6%左右", [("地区生产总值", "地区生产总值", "change", 6.0, None, "%", "左右")]),
    (
        "地区生产总值增长8%，达到296亿元",
        [
            ("地区生产总值", "地区生产总值", "change", 8.0, None, "%", None),
            ("地区生产总值", "地区生产总值", "level", 296.0, None, "亿元", None),
        ],
    ),
    (
        "常住人口城镇化率提高1.5个百分点",
        [("常住人口城镇化率", "常住人口城镇化率", "points", 1.5, None, "个百分点", None)],
    ),
    ("森林覆盖率提高到62%", [("森林覆盖率", "森林覆盖率", "level", 62.0, None, "%", None)]),
    ("经济增长预期目标为6%左右", [("经济增长", "地区生产总值", "change", 6.0, None, "%", "左右")]),
    ("居民消费价格涨幅3%左右", [("居民消费价格", "居民消费价格", "change", 3.0, None, "%", "左右")]),
    # signs: a fall is negative and its comparator reads on the signed value
    (
        "单位地区生产总值能耗降低2.5%",
        [("单位地区生产总值能耗", "单位地区生产总值能耗", "change", -2.5, None, "%", None)],
    ),
    ("单位GDP能耗下降3%以上", [("单位GDP能耗", "单位地区生产总值能耗", "change", -3.0, None, "%", "以内")]),
    ("涉企行政检查次数减少30%以上", [("涉企行政检查次数", None, "change", -30.0, None, "%", "以内")]),
    ("综合融资成本下降0.3个百分点", [("综合融资成本", None, "points", -0.3, None, "个百分点", None)]),
    # 分别: one statement per qualifier and value
    (
        "城乡居民人均可支配收入分别增长7%和8%左右",
        [
            ("城乡居民人均可支配收入", "城镇居民人均可支配收入", "change", 7.0, None, "%", None),
            ("城乡居民人均可支配收入", "农村居民人均可支配收入", "change", 8.0, None, "%", "左右"),
        ],
    ),
    (
        "城镇、农村居民人均可支配收入均增长6%",
        [
            ("城镇、农村居民人均可支配收入", "城镇居民人均可支配收入", "change", 6.0, None, "%", None),
            ("城镇、农村居民人均可支配收入", "农村居民人均可支配收入", "change", 6.0, None, "%", None),
        ],
    ),
    (
        "新建和改造道路分别为10公里和20公里",
        [
            ("新建和改造道路", None, "level", 10.0, None, "公里", None),
            ("新建和改造道路", None, "level", 20.0, None, "公里", None),
        ],
    ),
    # 控制在 / 超 / 不超过 / 以内 / 以上 / 区间
    ("城镇调查失业率控制在5.5%", [("城镇调查失业率", "城镇调查失业率", "level", 5.5, None, "%", "以内")]),
    ("城镇登记失业率控制在4%以内", [("城镇登记失业率", "城镇登记失业率", "level", 4.0, None, "%", "以内")]),
    ("旅游总收入超60亿元", [("旅游总收入", "旅游总收入", "level", 60.0, None, "亿元", "以上")]),
    ("审批时间不超过5个工作日", [("审批时间", None, "level", 5.0, None, "个工作日", "不超过")]),
    ("固定资产投资增长4.5%至5%", [("固定资产投资", "固定资产投资", "change", 4.5, 5.0, "%", "区间")]),
    ("粮食产量1.3万亿斤以上", [("粮食产量", "粮食产量", "level", 1.3, None, "万亿斤", "以上")]),
    # qualifiers: 城镇/农村/人均/规模以上, and accounting words that are no part of the name
    ("规上工业增加值增长8%", [("规上工业增加值", "规模以上工业增加值", "change", 8.0, None, "%", None)]),
    ("工业增加值增长8%", [("工业增加值", "工业增加值", "change", 8.0, None, "%", None)]),
    (
        "农村居民人均可支配收入增长9%",
        [("农村居民人均可支配收入", "农村居民人均可支配收入", "change", 9.0, None, "%", None)],
    ),
    (
        "居民人均可支配收入增长7%",
        [("居民人均可支配收入", "居民人均可支配收入", "change", 7.0, None, "%", None)],
    ),
    (
        "一般公共财政预算收入按可比口径增长7.5%",
        [("一般公共财政预算收入", "一般公共预算收入", "change", 7.5, None, "%", None)],
    ),
    ("全年新签约项目50个以上", [("新签约项目", None, "level", 50.0, None, "个", "以上")]),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_statements(text: str, expected: list[tuple[object, ...]]) -> None:
    got = parse_statement(text, all_values=True)
    assert [
        (s.name, s.indicator, s.measure, s.value, s.value_high, s.unit, s.comparator) for s in got
    ] == expected
    for s in got:
        assert text[s.start : s.name_end] == s.name
        assert s.start <= s.q_start < s.q_end == s.end <= len(text)


@pytest.mark.parametrize(
    "text",
    [
        "人均地区生产总值增长5%",
        "服务业占地区生产总值比重达到55%",
        "服务贸易进出口增长8%",
        "地区生产总值年均增长8%",
    ],
)
def test_no_statement_of_the_indicator(text: str) -> None:
    """Another measure (人均…, 占…比重), a narrower unknown indicator, another period: tracking reads none."""
    assert parse_statement(text) == []


def test_offsets_with_a_start() -> None:
    text = "一、主要目标。今年地区生产总值增长5%。"
    (s,) = parse_statement(text, 7)
    assert text[s.q_start : s.q_end] == "5%" and text[s.start : s.name_end] == "地区生产总值"


@pytest.mark.parametrize(
    ("name", "canonical", "broad"),
    [
        ("国内生产总值", "地区生产总值", "地区生产总值"),
        ("城镇常住居民人均可支配收入", "城镇居民人均可支配收入", "城镇居民人均可支配收入"),
        ("农民人均可支配收入", "农村居民人均可支配收入", "农村居民人均可支配收入"),
        ("规模以上工业企业增加值", "规模以上工业增加值", "规模以上工业增加值"),
        ("区本级固定资产投资", "本级固定资产投资", "固定资产投资"),
        ("全社会固定资产投资", "固定资产投资", "固定资产投资"),
        ("新增就业", "城镇新增就业", "城镇新增就业"),
        ("农民人均纯收入", "农民人均纯收入", "农民人均纯收入"),  # a statistic of its own, before 2013
        ("数字经济核心产业增加值", None, None),
        ("完成", None, None),
        ("", None, None),
    ],
)
def test_canonical_indicator(name: str, canonical: str | None, broad: str | None) -> None:
    assert canonical_indicator(name) == canonical
    assert canonical_indicator(name, scope=False) == broad


def test_loose_synonyms_are_not_read_in_text() -> None:
    """新增就业 lines up a series, but a 新增就业 clause is no 城镇新增就业 result for tracking."""
    assert parse_statement("新增就业5650人") == []


def test_vocabulary_is_consistent() -> None:
    v = vocabulary()
    assert all(v.names[c] == c for c in v.directions)
    assert set(v.names.values()) == set(v.directions)
    assert v.direction("农村居民人均可支配收入", "change") == "up"
    assert v.direction("城镇登记失业率", "level") == "down"
    assert clean_name("全区地区生产总值均") == "地区生产总值"


def test_format_value() -> None:
    assert format_value(-2.5, "%", "以内", "change") == "下降2.5%以上"
    assert format_value(1.5, "个百分点", None, "points") == "提高1.5个百分点"
    assert format_value(5.5, "%", "以内") == "5.5%以内"


# --- the extractor's target attributes --------------------------------------------------------------


def _targets(text: str) -> list[speechkit.Item]:
    doc = speechkit.from_text(text)
    return [it for it in speechkit.extract(doc) if it.kind == "target" and it.value is not None]


def test_extractor_target_attributes() -> None:
    items = _targets(
        "今年经济社会发展主要预期目标是：地区生产总值增长6%左右；城镇新增就业1.2万人以上；"
        "城镇调查失业率控制在5.5%；单位地区生产总值能耗降低2.5%；城乡居民人均可支配收入分别增长7%和8%左右。"
    )
    got = {it.indicator: (it.measure, it.value, it.unit, it.comparator) for it in items}
    assert got["地区生产总值"] == ("change", 6.0, "%", "左右")
    assert got["城镇新增就业"] == ("level", 1.2, "万人", "以上")
    assert got["城镇调查失业率"] == ("level", 5.5, "%", "以内")
    assert got["单位地区生产总值能耗"] == ("change", -2.5, "%", None)
    both = next(it for it in items if it.indicator == "城乡居民人均可支配收入")
    assert (both.value, both.value_high, both.comparator) == (7.0, None, None)
    assert both.extra["values"] == "城镇居民人均可支配收入 增长7%；农村居民人均可支配收入 增长8%左右"
    for it in items:
        assert it.to_dict()["measure"] == it.measure


def test_doctests() -> None:
    result = doctest.testmod(indicators_mod)
    assert result.failed == 0 and result.attempted > 0


def test_a_planned_rate_keeps_its_name() -> None:
    from speechkit.extraction.pipeline import _target_attrs

    text = "今年赤字率拟按4%左右安排"
    attrs = _target_attrs(text, 0, len(text), "2025-03-05")
    assert (attrs["indicator"], attrs["value"], attrs["comparator"]) == ("赤字率", 4.0, "左右")


@pytest.mark.parametrize(
    "text,name",
    [
        ("新增3个电商产业园", "新增电商产业园"),
        ("打造100个左右省级“和美乡村”", "打造省级“和美乡村”"),
        ("新建5G基站1万个", "新建5G基站"),
        ("投资10.6亿元", "投资"),
    ],
)
def test_an_action_before_a_count_takes_the_counted_thing(text: str, name: str) -> None:
    from speechkit.extraction.pipeline import _target_attrs

    assert _target_attrs(text, 0, len(text), "2024-01-16")["indicator"] == name


# ---- the vocabulary's patterns are tries; they find what the longest-first alternations found ------


def _words_text(words: list[str]) -> st.SearchStrategy[str]:
    chars = sorted({c for w in words for c in w} | {"，", "增", "长", "g", "d", "p"})
    return st.text(st.sampled_from(chars), max_size=40) | st.lists(
        st.sampled_from(words) | st.sampled_from(chars), max_size=12
    ).map("".join)


def test_vocabulary_patterns_match_like_the_alternations() -> None:
    v = indicators_mod.vocabulary()
    # the word lists as vocabulary() reads them: names not marked ~ (looked up only), cue words
    names = []
    for _, (ident, _level, _change, synonyms) in indicators_mod._rows("names.tsv", 4):
        if not ident.startswith("~"):
            names += [w for w in {ident, *synonyms.split("|")} if not w.startswith("~")]
    kinds = ("neutral", "filler", "rate_noun", "up", "down")
    known = [w for _, (kind, w, _value) in indicators_mod._rows("cues.tsv", 3) if kind in kinds]
    name_ref = re.compile(indicators_mod._alternation(names), re.IGNORECASE)
    known_ref = re.compile(indicators_mod._alternation(known))
    starts_ref = re.compile(f"(?=(?:{indicators_mod._alternation(v.predicates)}))")

    @settings(max_examples=300, deadline=None)
    @given(_words_text(names + known + list(v.predicates)))
    def check(text: str) -> None:
        for got, ref in ((v.name_re, name_ref), (v.known_re, known_ref)):
            assert [m.span() for m in got.finditer(text)] == [m.span() for m in ref.finditer(text)]
            assert got.sub("", text) == ref.sub("", text)
            assert bool(got.fullmatch(text)) == bool(ref.fullmatch(text))
        starts = indicators_mod._starts_of(v.predicates)
        assert [m.start() for m in starts.finditer(text)] == [m.start() for m in starts_ref.finditer(text)]

    check()


@pytest.mark.parametrize(
    ("words", "text"),
    [(["GDP", "gdp增速"], "GDP增速"), (["Ab", "aBc"], "abc")],
)
def test_words_differing_in_case_keep_the_alternation(words: list[str], text: str) -> None:
    pattern = re.compile(indicators_mod._longest_first(words, re.IGNORECASE), re.IGNORECASE)
    ref = re.compile(indicators_mod._alternation(words), re.IGNORECASE)
    assert pattern.pattern == ref.pattern
    assert pattern.search(text).span() == ref.search(text).span()


def test_opens_with_is_the_first_longest_word_with_more_after_it() -> None:
    neutral = indicators_mod.vocabulary().neutral
    chars = sorted({c for w in neutral for c in w})

    @settings(max_examples=300, deadline=None)
    @given(
        st.lists(st.sampled_from(neutral) | st.sampled_from(chars), max_size=6).map("".join),
        st.integers(0, 8),
    )
    def check(head: str, i: int) -> None:
        want = next((w for w in neutral if head.startswith(w, i) and len(head) > i + len(w)), None)
        assert indicators_mod._opens_with(head, i, neutral) == want

    check()


@settings(max_examples=300, deadline=None)
@given(
    st.text(st.sampled_from("增长，,；。：\n6%"), max_size=30),
    st.integers(0, 30),
    st.integers(0, 30),
    st.integers(0, 30),
    st.integers(0, 30),
)
def test_last_mark_is_the_last_clause_end(text: str, i: int, j: int, k: int, m: int) -> None:
    s, lo, hi, e = sorted(min(x, len(text)) for x in (i, j, k, m))
    want = max(text.rfind(c, lo, hi) for c in indicators_mod._CLAUSE_END)
    assert indicators_mod._last_mark(text, s, e, lo, hi) == want
