"""Numbers, quantities, units: table tests for the hard cases, a property test for offsets."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from speechkit.errors import RuleFileError
from speechkit.extraction import numbers
from speechkit.extraction.attributes import (
    chinese_to_number,
    find_quantities,
    target_strength,
    to_base,
    unit_info,
)

SRC = Path(__file__).resolve().parents[2] / "src"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("五", 5),
        ("十二", 12),
        ("十", 10),
        ("一千两百万", 12_000_000),
        ("三千零四十六", 3046),
        ("三千零六", 3006),
        ("三千五", 3500),
        ("一百零五", 105),
        ("两", 2),
        ("两万五千", 25_000),
        ("一万二", 12_000),
        ("三亿五千万", 350_000_000),
        ("一万亿", 1_000_000_000_000),
        ("1.4万", 14_000),
        ("1.4万亿", 1_400_000_000_000),
        ("3千", 3000),
        ("零点五", 0.5),
        ("五点五", 5.5),
        ("〇", 0),
        ("二〇二四", 2024),
        ("壹佰贰拾", 120),
        ("1,200", 1200),
        ("１２３", 123),
        ("12.5", 12.5),
    ],
    ids=lambda v: str(v),
)
def test_chinese_to_number(text: str, expected: float) -> None:
    assert chinese_to_number(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "十四五", "四五", "百分之五", "五个", "abc", "1.2.3", "点五"],
    ids=[
        "empty",
        "plan-name",
        "four-or-five",
        "percentage",
        "with-classifier",
        "latin",
        "two-dots",
        "no-int",
    ],
)
def test_chinese_to_number_rejects(text: str) -> None:
    assert chinese_to_number(text) is None


Q = tuple[str, float, str | None, str | None, float | None]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("增长5.5%", [("5.5%", 5.5, "%", None, None)]),
        ("提高百分之五点五", [("百分之五点五", 5.5, "%", None, None)]),
        ("粮食产量保持在1.4万亿斤以上", [("1.4万亿斤以上", 1.4, "万亿斤", "以上", None)]),
        ("投资1.5亿元", [("1.5亿元", 1.5, "亿元", None, None)]),
        ("安排3000万元", [("3000万元", 3000, "万元", None, None)]),
        ("脱贫3000多万人", [("3000多万人", 3000, "万人", "以上", None)]),
        ("惠及1000余家企业", [("1000余家", 1000, "家", "以上", None)]),
        ("建设保障房1.4万多套", [("1.4万多套", 1.4, "万套", "以上", None)]),
        ("一千两百万人", [("一千两百万人", 1200, "万人", None, None)]),
        ("增长4.5%至5%", [("4.5%至5%", 4.5, "%", "区间", 5)]),
        ("增长4.5%—5%", [("4.5%—5%", 4.5, "%", "区间", 5)]),
        ("增长4.5-5%", [("4.5-5%", 4.5, "%", "区间", 5)]),
        ("投资5000万至1亿元", [("5000万至1亿元", 5000, "万元", "区间", 10_000)]),
        ("16—24岁失业青年", [("16—24岁", 16, "岁", "区间", 24)]),
        ("增长6%左右", [("6%左右", 6, "%", "左右", None)]),
        ("约5%", [("约5%", 5, "%", "左右", None)]),
        ("5%以上", [("5%以上", 5, "%", "以上", None)]),
        ("不低于5%", [("不低于5%", 5, "%", "不低于", None)]),
        ("不少于100家", [("不少于100家", 100, "家", "不低于", None)]),
        ("超过2000亿元", [("超过2000亿元", 2000, "亿元", "以上", None)]),
        ("达到3000万元以上", [("3000万元以上", 3000, "万元", "以上", None)]),
        ("3%以内", [("3%以内", 3, "%", "以内", None)]),
        ("控制在3%以内", [("3%以内", 3, "%", "以内", None)]),
        ("5岁以下", [("5岁以下", 5, "岁", "以内", None)]),
        ("不超过5%", [("不超过5%", 5, "%", "不超过", None)]),
        ("不高于3.5%", [("不高于3.5%", 3.5, "%", "不超过", None)]),
        ("增长7.5%", [("7.5%", 7.5, "%", None, None)]),
        ("下降0.5个百分点", [("0.5个百分点", 0.5, "个百分点", None, None)]),
        ("新建2所公立幼儿园", [("2所", 2, "所", None, None)]),
        ("完成4000户的改造任务", [("4000户", 4000, "户", None, None)]),
        ("水冲式公厕30座", [("30座", 30, "座", None, None)]),
        ("新增１２３人", [("１２３人", 123, "人", None, None)]),
        ("新增1,200万人", [("1,200万人", 1200, "万人", None, None)]),
        ("达到1.4万", [("1.4万", 14_000, None, None, None)]),
        ("5年内完成", [("5年", 5, "年", None, None)]),
        ("三年行动", [("三年", 3, "年", None, None)]),
        ("占七成", [("七成", 7, "成", None, None)]),
        ("节约5%", [("5%", 5, "%", None, None)]),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_find_quantities(sentence: str, expected: list[Q]) -> None:
    got = [(q.text, q.value, q.unit, q.comparator, q.value_high) for q in find_quantities(sentence)]
    assert got == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "2024年是关键之年",
        "二〇二四年",
        "2018—2020年",
        "一、加强组织领导",
        "（二）完善政策",
        "1.加强领导",
        "第一，要抓好",
        "第3批",
        "一个时期",
        "一年来",
        "三番五次",
        "“十四五”时期",
        "成立75周年",
        "九十年代",
        "PM2.5浓度",
        "5G基站",
        "国发〔2018〕38号",
        "增长7.5",
    ],
)
def test_not_quantities(sentence: str) -> None:
    assert find_quantities(sentence) == []


def test_several_quantities_keep_offsets() -> None:
    s = "城乡居民人均可支配收入分别增长4.2%、5.9%，新增就业1100万人以上"
    qs = find_quantities(s)
    assert [q.text for q in qs] == ["4.2%", "5.9%", "1100万人以上"]
    assert all(s[q.start : q.end] == q.text for q in qs)


def test_scale_and_base() -> None:
    q = find_quantities("力争粮食产量1.4万亿斤")[0]
    assert (q.scale_unit, q.base_value, q.base_unit, q.dimension) == (
        "万亿",
        700_000_000_000,
        "千克",
        "weight",
    )
    q = find_quantities("脱贫3000多万人")[0]
    assert (q.base_value, q.base_unit) == (30_000_000, "人")
    assert find_quantities("增长5%")[0].scale_unit is None


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (1.5, "亿元", (150_000_000, "元")),
        (3000, "万元", (30_000_000, "元")),
        (2, "万亿元", (2_000_000_000_000, "元")),
        (5.5, "%", (5.5, "%")),
        (3, "成", (30, "%")),
        (3000, "万人", (30_000_000, "人")),
        (1.2, "公里", (1200, "米")),
        (2, "千米", (2000, "米")),
        (15, "万吨", (150_000_000, "千克")),
        (1, "平方公里", (1_000_000, "平方米")),
        (1, "万千瓦", (10_000_000, "瓦")),
        (2, "周", (14, "天")),
        (1.5, "亿美元", (150_000_000, "美元")),
    ],
    ids=lambda v: str(v),
)
def test_to_base(value: float, unit: str, expected: tuple[float, str]) -> None:
    assert to_base(value, unit) == expected


def test_to_base_unknown_unit() -> None:
    assert to_base(1, "光年") is None
    assert unit_info("光年") is None


def test_unit_info() -> None:
    info = unit_info("亿元")
    assert info is not None
    assert (info.dimension, info.factor, info.base, info.scale) == ("money", 1e8, "元", "亿")
    assert unit_info("亩") is not None and unit_info("亩").base == "平方米"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("确保完成全年目标任务", "确保"),
        ("力争年内建成，确保按期投用", "确保"),
        ("力争增长6%", "力争"),
        ("争取三年内基本完成", "力争"),
        ("努力实现6%左右的增长", "努力"),
        ("约束性指标全面完成", "约束性"),
        ("预期性指标", "预期性"),
        ("务必如期完成", "确保"),
        ("加强组织领导", None),
    ],
    ids=lambda v: v if isinstance(v, str) else "none",
)
def test_target_strength(text: str, expected: str | None) -> None:
    assert target_strength(text) == expected


# ---- data files ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "where"),
    [
        ("# header\n元\tmoney\t1\t元\n", "units.tsv:2"),
        ("元\tmoney\t1\t元\ty\n万\t\t1\t元\ty\n", "units.tsv:2"),
    ],
    ids=["too-few-fields", "empty-field"],
)
def test_malformed_table_names_file_and_line(content: str, where: str) -> None:
    with pytest.raises(RuleFileError, match=where):
        numbers._parse_table(content, "units.tsv", 5)


@pytest.mark.parametrize(
    ("content", "where"),
    [
        ("元\tmoney\tlots\t元\ty\n", "units.tsv:1"),
        ("元\tmoney\t1\t元\ty\n元\tmoney\t1\t元\ty\n", "units.tsv:2"),
        ("元\tmoney\t1\t元\tmaybe\n", "units.tsv:1"),
        ("亿元\tmoney\t1e8\t元\ty\n", "units.tsv:1"),
    ],
    ids=["bad-factor", "duplicate", "bad-scalable", "unlisted-base"],
)
def test_bad_unit_rows(content: str, where: str) -> None:
    with pytest.raises(RuleFileError, match=where):
        numbers._build_unit_table(numbers._parse_table(content, "units.tsv", 5), "units.tsv")


def test_no_data_loaded_at_import() -> None:
    code = (
        "from speechkit.extraction import attributes, numbers, owners\n"
        "assert numbers._unit_table.cache_info().currsize == 0\n"
        "assert owners._aliases.cache_info().currsize == 0\n"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)


# ---- properties ------------------------------------------------------------------------------

_ALPHABET = (
    "0123456789０１２３.,，、%％-—～~至到多余以上下内左右约不低于超过万亿千百十元人户个年月日"
    "零〇一二两三四五六七八九点分之第成倍亩斤吨公里岁周代和及的是要确保力争 \n（）“”"
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_find_quantities_offsets(text: str) -> None:
    for q in find_quantities(text):
        assert text[q.start : q.end] == q.text
        assert q.start < q.end
        assert q.value == q.value  # not NaN
        if q.value_high is not None:
            assert q.comparator == "区间"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_ALPHABET + "最高突破逾大约小少制节约", max_size=40))
def test_quantity_pattern_gives_the_matches_of_its_body(text: str) -> None:
    # the leading lookahead (every character a quantity can begin with) only skips places: the
    # pattern without it finds exactly the same matches
    pattern = numbers._quantity_re()
    assert pattern.pattern.startswith("(?=[")
    body = re.compile(pattern.pattern[pattern.pattern.index("]") + 2 :])
    assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in body.finditer(text)]
