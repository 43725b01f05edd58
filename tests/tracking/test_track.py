"""Status, figures and progress per item, on the hand-counted frame of ``conftest.py``."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

import speechkit
from speechkit.extraction.items import Item
from speechkit.tracking.periods import Period
from speechkit.tracking.track import FRAME_COLUMNS, track

H1, H2 = Period.half(2024, 1), Period.half(2024, 2)


def _item(text: str, kind: str = "task", **kw: object) -> Item:
    return Item(id=kw.pop("id", f"X-{abs(hash(text)) % 10**6}"), kind=kind, title=text[:6], text=text,
                start=0, end=len(text), **kw)  # type: ignore[arg-type]  # fmt: skip


def test_seed_targets_and_problems_get_half_year_figures(seed_projects: pd.DataFrame) -> None:
    doc = speechkit.read("corpora/seed_speech.txt")
    items = speechkit.extract(doc)
    t = track(items, seed_projects, doc=doc, period=H2)
    assert list(t.frame.columns[: len(FRAME_COLUMNS)]) == list(FRAME_COLUMNS)
    assert len(t.frame) == len(items)
    rows = {it.title: row for it, row in zip(items, t.frame.to_dict("records"))}
    many = rows["项目数量“多”"]
    assert (many["indicator"], many["previous_value"], many["current_value"]) == ("新签约项目数", 5, 5)
    assert many["progress"] == "2024年上半年新签约项目数5个，下半年5个，持平"
    hot = rows["开工活跃“热"]
    assert (hot["previous_value"], hot["current_value"], hot["status"]) == (2, 4, "进行中")
    slow = rows["推进效率慢"]  # 停工 1 → 2: the problem got worse
    assert slow["status"] == "滞后" and "停工项目数1个，下半年2个，增加1个" in slow["progress"]
    assert rows["招商频率低"]["status"] == "无数据"  # no trips in the data: no made-up 0
    assert pd.isna(rows["招商频率低"]["current_value"])
    # every target and problem with an indicator has figures for both halves
    figs = t.figures
    assert list(figs.columns[:6]) == ["item_id", "indicator", "period", "value", "unit", "status"]
    for it in items:
        if it.kind in ("target", "problem") and t.links.get(it.id).indicators:
            periods = set(figs.loc[figs["item_id"] == it.id, "period"])
            assert periods == {"2024年上半年", "2024年下半年"}, it.title
    assert figs.loc[figs["role"] == "previous", "status"].isna().all()
    # 营商环境 has no indicator in the catalogue: listed, status 无数据
    unmatched = [it for it in items if it.id in t.unmatched]
    assert any("营商环境" in it.text for it in unmatched)
    assert set(t.frame.loc[t.frame["item_id"].isin(t.unmatched), "status"]) == {"无数据"}


@pytest.mark.parametrize(
    ("value", "status"), [(10, "已完成"), (20, "进行中"), (30, "滞后")], ids=["reached", "on-pace", "behind"]
)
def test_numeric_target_pro_rata(seed_projects: pd.DataFrame, value: int, status: str) -> None:
    # 10 projects signed in 2024; on 2024-06-30 about half the year is gone
    target = _item(f"全年新签约项目{value}个", "target", value=float(value), unit="个")
    t = track([target], seed_projects, period=Period.year(2024), as_of=date(2024, 6, 30))
    assert t.frame.loc[0, "current_value"] == 10
    assert t.frame.loc[0, "status"] == status


def test_upper_bound_target(seed_projects: pd.DataFrame) -> None:
    target = _item("停工项目控制在2个以内", "target", value=2.0, unit="个", comparator="以内")
    assert track([target], seed_projects, period=H2).frame.loc[0, "status"] == "进行中"
    assert (
        track([target], seed_projects, period=H2, as_of=date(2025, 1, 5)).frame.loc[0, "status"] == "已完成"
    )
    strict = _item("停工项目控制在1个以内", "target", value=1.0, unit="个", comparator="以内")
    assert track([strict], seed_projects, period=H2).frame.loc[0, "status"] == "滞后"


def test_money_target_in_yi(seed_projects: pd.DataFrame) -> None:
    # 协议引资额 2024: 39000 + 64000 = 103000 万元 = 10.3 亿元 ≥ 10 亿元
    target = _item("协议引资额达到10亿元", "target", value=10.0, unit="亿元")
    t = track([target], seed_projects, period=Period.year(2024))
    assert t.frame.loc[0, "current_value"] == 103000 and t.frame.loc[0, "status"] == "已完成"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("推进清河县储能电站项目尽快落地", "未开始"),  # P7 签约
        ("推动河口镇农产品冷链物流中心复工", "滞后"),  # P2 停工
        ("做好清河县年产5万吨新能源电池项目达效服务", "已完成"),  # P1 投产
        ("加快清河县高端装备制造产业园项目建设", "进行中"),  # P3 在建
    ],
    ids=["signed", "stalled", "producing", "building"],
)
def test_task_status_from_projects(seed_projects: pd.DataFrame, text: str, status: str) -> None:
    t = track([_item(text)], seed_projects, period=H2)
    assert t.frame.loc[0, "status"] == status
    assert len(t.frame.loc[0, "projects"]) >= 1


def test_deadline_passed_makes_a_task_late(seed_projects: pd.DataFrame) -> None:
    task = _item(
        "加快清河县高端装备制造产业园项目建设", deadline="9月底前", deadline_iso="2024-01-01/2024-09-30"
    )
    t = track([task], seed_projects, period=H2)  # the data runs to 2024-11-30
    assert t.as_of == date(2024, 11, 30)
    assert t.frame.loc[0, "status"] == "滞后"


def test_without_projects_everything_is_no_data() -> None:
    t = track([_item("停工和流失的项目逐渐增多", "problem")], None, period=H2)
    assert t.frame.loc[0, "status"] == "无数据"
    assert t.frame.loc[0, "indicator"] == "停工项目数"
    assert "无数据" in t.frame.loc[0, "progress"]
    assert t.unmatched == ()  # linked to indicators, only without figures


def test_default_period(seed_projects: pd.DataFrame) -> None:
    doc = speechkit.from_text("2024年7月10日\n同志们：一、抓实招商引资。一是停工项目增多。")
    assert track([], seed_projects, doc=doc).period == Period.year(2024)
    t = track([], seed_projects)
    assert (t.period.start, t.period.end) == (date(2024, 2, 10), date(2024, 11, 30))
    t2 = track([_item("新签约项目少", "problem")], seed_projects, period=H2, previous=Period.quarter(2024, 1))
    assert t2.frame.loc[0, "previous_value"] == 2  # P1 P2 signed in 一季度
    # an item's own period wins when none is given
    own = _item("上半年新签约项目5个", "target", value=5.0, unit="个", period_iso="2024-01-01/2024-06-30")
    assert track([own], seed_projects).frame.loc[0, "period"] == "2024年上半年"
