"""speechkit.tracking.follow: targets of report N against the results report N+1 states.

Synthetic report pairs written for these tests (tables of target clause, result clause, verdict), offset
invariants, the JSON shape of ``speechkit follow``, and hand-checked verdicts on the real report pairs
in ``../shared`` (docs/follow_check.md), which skip when ``../shared`` is absent.
"""

from __future__ import annotations

import doctest
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import speechkit
from speechkit.cli import main
from speechkit.extraction import indicators as indicators_mod
from speechkit.extraction.indicators import parse_statement
from speechkit.tracking import follow as follow_mod
from speechkit.tracking.follow import Pair, Target, follow, judge, targets


def _reports(target_clauses: str, result_clauses: str) -> tuple[speechkit.Document, speechkit.Document]:
    """A report N with a targets paragraph, and a report N+1 whose review part states results and whose
    own targets paragraph (a trap: no result) names the GDP again."""
    n = speechkit.from_text(
        "一、2023年工作回顾\n过去一年，各项工作稳步推进，经济运行总体平稳。\n"
        f"二、2024年工作安排\n今年经济社会发展主要预期目标是：{target_clauses}。\n"
        "三、加强政府自身建设\n各级政府要坚持依法行政。\n"
    )
    n1 = speechkit.from_text(
        f"一、2024年工作回顾\n过去一年，{result_clauses}。\n"
        "二、2025年工作安排\n今年经济社会发展主要预期目标是：地区生产总值增长9%左右，城镇新增就业2万人以上。\n"
    )
    return n, n1


def _verdicts(pairs: list[Pair]) -> dict[tuple[str, str], str]:
    return {(p.target.indicator, p.target.measure): p.verdict for p in pairs}


def _check_offsets(n: speechkit.Document, n1: speechkit.Document, pairs: list[Pair]) -> None:
    for p in pairs:
        assert n.text[p.target.start : p.target.end] == p.target.text
        if p.result is not None:
            assert n1.text[p.result.start : p.result.end] == p.result.text
        assert (p.result is None) == (p.verdict == "no_evidence")


CASES = [
    # levels and rates of one indicator are two targets, each judged on its own measure
    (
        "地区生产总值增长6%，达到300亿元",
        "地区生产总值完成290亿元，同比增长6.5%",
        {("地区生产总值", "change"): "achieved", ("地区生产总值", "level"): "missed"},
    ),
    # a level result is no evidence for a growth target
    (
        "社会消费品零售总额增长8%",
        "社会消费品零售总额达到500亿元",
        {("社会消费品零售总额", "change"): "no_evidence"},
    ),
    # a narrower indicator is another indicator
    (
        "居民人均可支配收入增长7%",
        "农村居民人均可支配收入增长8%",
        {("居民人均可支配收入", "change"): "no_evidence"},
    ),
    ("工业增加值增长8%", "规模以上工业增加值增长9%", {("工业增加值", "change"): "no_evidence"}),
    ("规上工业增加值增长8%", "规模以上工业增加值增长7.9%", {("规模以上工业增加值", "change"): "missed"}),
    # a name inside another measure is no statement of the indicator
    (
        "地区生产总值增长6%",
        "人均地区生产总值增长7%，服务业占地区生产总值比重达到55%",
        {("地区生产总值", "change"): "no_evidence"},
    ),
    # 左右: ±0.2 percentage points on the bad side, anything on the good side
    ("地区生产总值增长6%左右", "地区生产总值增长5.8%", {("地区生产总值", "change"): "achieved"}),
    ("地区生产总值增长6%左右", "地区生产总值增长5.7%", {("地区生产总值", "change"): "missed"}),
    ("地区生产总值增长6%左右", "地区生产总值增长7.2%", {("地区生产总值", "change"): "achieved"}),
    # 左右 on a level: 2 % of the target
    ("城镇新增就业1万人左右", "城镇新增就业9850人", {("城镇新增就业", "level"): "achieved"}),
    ("城镇新增就业1万人左右", "城镇新增就业9700人", {("城镇新增就业", "level"): "missed"}),
    # no comparator: the target itself
    ("地区生产总值增长8%", "地区生产总值增长7.9%", {("地区生产总值", "change"): "missed"}),
    # 以上 / 不低于
    ("城镇新增就业1.2万人以上", "城镇新增就业11900人", {("城镇新增就业", "level"): "missed"}),
    ("城镇新增就业不低于1.2万人", "城镇新增就业1.25万人", {("城镇新增就业", "level"): "achieved"}),
    # 以内 caps, and 左右 on a capped indicator
    ("城镇登记失业率控制在4%以内", "城镇登记失业率为4.2%", {("城镇登记失业率", "level"): "missed"}),
    ("城镇登记失业率控制在4%以内", "城镇登记失业率控制在3.9%", {("城镇登记失业率", "level"): "achieved"}),
    ("居民消费价格涨幅控制在3%左右", "居民消费价格上涨0.5%", {("居民消费价格", "change"): "achieved"}),
    ("居民消费价格涨幅控制在3%左右", "居民消费价格上涨3.5%", {("居民消费价格", "change"): "missed"}),
    # 区间
    ("地区生产总值增长4.5%至5%", "地区生产总值增长4.4%", {("地区生产总值", "change"): "missed"}),
    ("地区生产总值增长4.5%-5%", "地区生产总值增长4.6%", {("地区生产总值", "change"): "achieved"}),
    # a decline is a signed change: 降低2.5%左右 is met by 降幅超过3%
    (
        "单位地区生产总值能耗降低3%左右",
        "单位GDP能耗下降2.9%",
        {("单位地区生产总值能耗", "change"): "achieved"},
    ),
    ("单位地区生产总值能耗降低3%左右", "单位GDP能耗下降2.5%", {("单位地区生产总值能耗", "change"): "missed"}),
    # units in their base: 万亿斤 against 亿吨
    ("粮食产量1.3万亿斤以上", "粮食产量达到7亿吨", {("粮食产量", "level"): "achieved"}),
    ("粮食产量1.3万亿斤以上", "粮食产量达到6亿吨", {("粮食产量", "level"): "missed"}),
    # 城乡…分别 splits into 城镇 and 农村; coordinated qualifiers share the head
    (
        "城乡居民人均可支配收入分别增长7.5%",
        "城镇、农村居民人均可支配收入分别增长6.5%和9.4%",
        {("城镇居民人均可支配收入", "change"): "missed", ("农村居民人均可支配收入", "change"): "achieved"},
    ),
    # a percentage-point change of a rate
    (
        "常住人口城镇化率提高1个百分点以上",
        "城镇化率提高1.2个百分点",
        {("常住人口城镇化率", "points"): "achieved"},
    ),
    # results of other periods are no evidence
    ("地区生产总值增长6%", "地区生产总值年均增长8%", {("地区生产总值", "change"): "no_evidence"}),
    ("地区生产总值增长6%", "一季度地区生产总值同比增长6.5%", {("地区生产总值", "change"): "no_evidence"}),
    # an increment in money is no growth rate
    (
        "一般公共预算收入增长5%",
        "一般公共预算收入比上年增加3亿元",
        {("一般公共预算收入", "change"): "no_evidence"},
    ),
    # the indicator is inherited by the clauses after it, not across another measure
    (
        "一般公共预算收入增长5%",
        "一般公共预算收入完成20亿元，按可比口径增长6%",
        {("一般公共预算收入", "change"): "achieved"},
    ),
    (
        "一般公共预算收入增长5%",
        "一般公共预算收入完成20亿元，税收收入增长6%",
        {("一般公共预算收入", "change"): "no_evidence"},
    ),
    # a value followed by 的 + a noun is a threshold describing something else
    ("财政总收入达到12亿元", "财政总收入过10亿元的县达到9个", {("财政总收入", "level"): "no_evidence"}),
    # 分别 over a list with a name we cannot read: whose value is whose is unknown
    (
        "社会消费品零售总额增长8%",
        "地区生产总值、新兴产业增加值、社会消费品零售总额分别增长4.6%、5%、9.5%",
        {("社会消费品零售总额", "change"): "no_evidence"},
    ),
    # missing result: nothing stated
    ("地区生产总值增长6%", "各项工作稳步推进", {("地区生产总值", "change"): "no_evidence"}),
]


@pytest.mark.parametrize(("target", "result", "expected"), CASES, ids=[f"{t}→{r}" for t, r, _ in CASES])
def test_synthetic_pairs(target: str, result: str, expected: dict[tuple[str, str], str]) -> None:
    n, n1 = _reports(target, result)
    pairs = follow(n, n1)
    assert _verdicts(pairs) == expected
    _check_offsets(n, n1, pairs)


def test_next_reports_targets_are_no_results() -> None:
    n, n1 = _reports("城镇新增就业1万人以上", "各项工作稳步推进")
    (pair,) = follow(n, n1)
    assert pair.verdict == "no_evidence" and pair.result is None


def test_target_fields() -> None:
    n, _ = _reports("单位地区生产总值能耗降低2.5%以上，城镇新增就业1.1万人以上", "")
    got = [(t.indicator, t.measure, t.value, t.unit, t.comparator) for t in targets(n)]
    # a decline is negative and its comparator turns round: at least 2.5 % less is at most −2.5
    assert got == [
        ("单位地区生产总值能耗", "change", -2.5, "%", "以内"),
        ("城镇新增就业", "level", 1.1, "万人", "以上"),
    ]


def test_judge_directions() -> None:
    t = Target("x", 0, 1, "城镇调查失业率", 5.5, "%", "level", "左右")
    assert [judge(t, v, "down") for v in (4.0, 5.7, 5.75)] == ["achieved", "achieved", "missed"]
    assert [judge(t, v, "-") for v in (5.2, 5.4, 5.6)] == ["missed", "achieved", "achieved"]
    band = Target("x", 0, 1, "居民消费价格", 2.0, "%", "change", "区间", 3.0)
    assert [judge(band, v, "down") for v in (3.0, 3.1)] == ["achieved", "missed"]
    assert [judge(band, v, "-") for v in (1.9, 2.5, 3.1)] == ["missed", "achieved", "missed"]


def test_statements_distribution() -> None:
    text = "一、二、三产增加值分别增长7%、11%和8.5%；固定资产投资、社会消费品零售总额均增长10%。"
    got = [(s.indicator, s.value) for s in parse_statement(text)]
    assert got == [
        ("第一产业增加值", 7.0),
        ("第二产业增加值", 11.0),
        ("第三产业增加值", 8.5),
        ("固定资产投资", 10.0),
        ("社会消费品零售总额", 10.0),
    ]
    for s in parse_statement(text):
        assert text[s.q_start : s.q_end].rstrip("%") in text[s.start : s.end]


def test_doctests() -> None:
    for mod in (follow_mod, indicators_mod):
        result = doctest.testmod(mod)
        assert result.failed == 0 and result.attempted > 0


def test_cli_json_shape(tmp_path: Path) -> None:
    n_path, n1_path = tmp_path / "n.txt", tmp_path / "n1.txt"
    n, n1 = _reports("地区生产总值增长6%左右，城镇新增就业1万人以上", "地区生产总值增长6.1%")
    n_path.write_text(n.text, encoding="utf-8")
    n1_path.write_text(n1.text, encoding="utf-8")
    out = tmp_path / "follow.json"
    res = CliRunner().invoke(main, ["follow", str(n_path), str(n1_path), "--format", "json", "-o", str(out)])
    assert res.exit_code == 0, res.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert list(data) == ["pairs"]
    first, second = data["pairs"]
    assert set(first) == {"target", "result", "verdict"}
    assert set(first["target"]) == {"text", "start", "end", "indicator", "value", "unit"}
    assert set(first["result"]) == {"text", "start", "end", "value", "unit"}
    assert (first["verdict"], second["verdict"], second["result"]) == ("achieved", "no_evidence", None)
    table = CliRunner().invoke(main, ["follow", str(n_path), str(n1_path)])
    assert table.exit_code == 0 and "地区生产总值" in table.output and "no_evidence" in table.output


def test_cli_bad_file(tmp_path: Path) -> None:
    good = tmp_path / "n.txt"
    good.write_text("今年主要预期目标是：地区生产总值增长6%。", encoding="utf-8")
    res = CliRunner().invoke(main, ["follow", str(good), str(tmp_path / "missing.txt")])
    assert res.exit_code != 0
    assert "error:" in res.output and "Traceback" not in res.output


# --- real report pairs, checked by hand in docs/follow_check.md ------------------------------------

REAL = [
    (
        "national_gwr_2024.txt",
        "national_gwr_2025.txt",
        {
            ("地区生产总值", "change"): "achieved",
            ("城镇新增就业", "level"): "achieved",
            ("城镇调查失业率", "level"): "achieved",
            ("居民消费价格", "change"): "achieved",
            ("粮食产量", "level"): "achieved",
            ("单位地区生产总值能耗", "change"): "achieved",
        },
    ),
    (
        "hailar_district_gwr_2018.txt",
        "hailar_district_gwr_2019.txt",
        {
            ("地区生产总值", "change"): "achieved",
            ("一般公共预算收入", "change"): "no_evidence",
            ("城镇居民人均可支配收入", "change"): "missed",
            ("农村居民人均可支配收入", "change"): "achieved",
        },
    ),
    (
        "liupanshui_city_gwr_2022.md",
        "liupanshui_city_gwr_2023.md",
        {("地区生产总值", "change"): "missed", ("城镇新增就业", "level"): "achieved"},
    ),
    (
        "shenzhen_city_gwr_2024.md",
        "shenzhen_city_gwr_2025.md",
        {("地区生产总值", "change"): "achieved", ("固定资产投资", "change"): "no_evidence"},
    ),
]


@pytest.mark.parametrize(("name_n", "name_n1", "expected"), REAL, ids=[r[0] for r in REAL])
def test_real_pairs(
    shared_dir: Path, name_n: str, name_n1: str, expected: dict[tuple[str, str], str]
) -> None:
    folder = shared_dir / "corpora" / "reports"
    if not (folder / name_n).exists() or not (folder / name_n1).exists():
        pytest.skip("../shared/corpora/reports is not available")
    n, n1 = speechkit.read(folder / name_n), speechkit.read(folder / name_n1)
    pairs = follow(n, n1)
    got = _verdicts(pairs)
    assert {k: got.get(k) for k in expected} == expected
    _check_offsets(n, n1, pairs)
