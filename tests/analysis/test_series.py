"""Target series: indicator names normalised across years, growth vs level, the pivot; the real Hailar
series of growth targets (checked by hand against the five reports)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import speechkit
from speechkit import from_text
from speechkit.analysis.series import COLUMNS, series_name, series_table, target_series

# Three reports written for this test: the same indicators under different names each year.
REPORTS = {
    2021: "今年经济社会发展的主要预期目标是：地区生产总值增长6%左右，达到500亿元；一般公共预算收入增长5%；"
    "城镇常住居民人均可支配收入增长7%。",
    2022: "今年经济社会发展的主要预期目标是：GDP增长6.5%；公共财政预算收入增长4%；"
    "城镇居民人均可支配收入增长6.5%；全年新增就业1.2万人。",
    2023: "今年经济社会发展的主要预期目标是：经济增长5.5%左右；全社会固定资产投资增长8%；"
    "城镇居民人均可支配收入、农村居民人均可支配收入均增长6%。",
}


@pytest.fixture(scope="module")
def synthetic() -> pd.DataFrame:
    docs = [
        from_text(f"{y}年政府工作报告\n一、今年工作安排\n{t}", source=f"report_{y}.txt")
        for y, t in REPORTS.items()
    ]
    return target_series(docs)


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("GDP", "地区生产总值"),
        ("经济增长", "地区生产总值"),
        ("国内生产总值", "地区生产总值"),
        ("区本级固定资产投资", "固定资产投资"),
        ("一般公共财政预算收入按可比口径", "一般公共预算收入"),
        ("城镇常住居民人均可支配收入", "城镇居民人均可支配收入"),
        ("农村牧区常住居民人均可支配收入", "农村居民人均可支配收入"),
        ("全体居民人均可支配收入", "居民人均可支配收入"),
        ("社会消费品零售总额", "社会消费品零售总额"),
        ("农民人均纯收入", "农民人均纯收入"),
        ("数字经济核心产业增加值", "数字经济核心产业增加值"),  # 经济 matches only a whole name
        ("完成", None),
        (None, None),
    ],
)
def test_normalised_names(raw: str | None, canonical: str | None) -> None:
    assert series_name(raw) == canonical


def test_the_same_indicator_lines_up_across_years(synthetic: pd.DataFrame) -> None:
    assert list(synthetic.columns) == COLUMNS
    table = series_table(synthetic)
    assert table.columns.tolist() == [2021, 2022, 2023]
    assert table.loc["地区生产总值增长"].tolist() == [6.0, 6.5, 5.5]
    assert table.loc["城镇居民人均可支配收入增长"].tolist() == [7.0, 6.5, 6.0]
    assert table.loc["一般公共预算收入增长"].tolist()[:2] == [5.0, 4.0]
    labels = series_table(synthetic, label=True)
    assert labels.loc["地区生产总值增长"].tolist() == ["6%左右", "6.5%", "5.5%左右"]


def test_growth_and_level_are_two_series(synthetic: pd.DataFrame) -> None:
    level = synthetic[synthetic.indicator == "地区生产总值"]
    # 地区生产总值增长6%左右，达到500亿元 is one target: a change and a level, two rows
    assert level[["year", "value", "unit", "note"]].values.tolist() == [[2021, 500.0, "亿元", "split"]]


def test_completed_names(synthetic: pd.DataFrame) -> None:
    jobs = synthetic[synthetic.indicator == "城镇新增就业"]
    # the extractor names the indicator as written (新增就业); the vocabulary lines it up
    assert jobs[["value", "unit", "indicator_raw"]].values.tolist() == [[1.2, "万人", "新增就业"]]
    both = synthetic[(synthetic.note == "split") & (synthetic.year == 2023)]
    assert set(both.indicator) == {"城镇居民人均可支配收入增长", "农村居民人均可支配收入增长"}
    assert both["start"].nunique() == 1  # one target, two rows


def test_offsets_point_into_the_documents(synthetic: pd.DataFrame) -> None:
    for row in synthetic.itertuples():
        year = int(row.year)
        text = from_text(f"{year}年政府工作报告\n一、今年工作安排\n{REPORTS[year]}").text
        assert text[row.start : row.end] == row.text


def test_min_years_and_empty_input(synthetic: pd.DataFrame) -> None:
    table = series_table(synthetic, min_years=3)
    assert table.index.tolist() == ["地区生产总值增长", "城镇居民人均可支配收入增长"]
    assert series_table(synthetic.iloc[:0]).empty
    assert target_series([]).empty


# ----------------------------------------------------------------------------- the real series

HAILAR_GDP_GROWTH = {  # read by hand in the five reports (主要预期目标: 地区生产总值增长 …)
    2015: (8.0, None),
    2016: (7.5, None),
    2017: (7.5, None),
    2018: (6.0, "左右"),
    2019: (3.5, "左右"),
}


@pytest.fixture(scope="module")
def hailar(shared_dir: Path) -> pd.DataFrame:
    paths = [shared_dir / "corpora" / "reports" / f"hailar_district_gwr_{y}.txt" for y in range(2015, 2020)]
    if not all(p.exists() for p in paths):
        pytest.skip("../shared is absent")
    return target_series([speechkit.read(p) for p in paths])


def test_hailar_gdp_growth_targets_year_by_year(hailar: pd.DataFrame) -> None:
    gdp = hailar[hailar.indicator == "地区生产总值增长"].drop_duplicates("year")
    got = {
        int(r.year): (r.value, r.comparator if isinstance(r.comparator, str) else None)
        for r in gdp.itertuples()
    }
    assert got == HAILAR_GDP_GROWTH
    assert set(gdp["unit"]) == {"%"}


def test_hailar_series_lines_up_renamed_indicators(hailar: pd.DataFrame) -> None:
    table = series_table(hailar, min_years=2)
    # 公共财政预算收入 (2015–16), 一般公共财政预算收入按可比口径 (2017), 一般公共预算收入 (2018): one row
    assert table.loc["一般公共预算收入增长"].notna().sum() == 4
    # 区本级 (2015–16) and 全社会 (2017) 固定资产投资
    assert table.loc["固定资产投资增长"].notna().sum() == 3
    assert table.loc["地区生产总值"].notna().sum() == 3  # the levels after 达到
    assert set(hailar["year"]) == set(HAILAR_GDP_GROWTH)
