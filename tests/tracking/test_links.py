"""Items → indicators by phrases, items → projects by names, 简称, industries and places."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest

import speechkit
from speechkit.extraction.items import Item
from speechkit.tracking.links import ProjectIndex, link, link_indicators, short_names


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("新开工亿元以上项目少", ["新开工亿元以上项目数"]),
        ("停工和流失的项目逐渐增多", ["停工项目数", "流失项目数"]),
        ("被认定新签约项目少", ["新签约项目数"]),
        ("协议引资额太小", ["协议引资额"]),
        ("新开工、新竣工亿元以上项目少", ["新开工亿元以上项目数", "新竣工亿元以上项目数"]),
        ("确保每一个项目都有专人盯、专人负责", ["有专人负责的项目占比"]),
        ("外出招商引资的频率太低", ["外出招商次数"]),
        ("项目数量“多”", ["新签约项目数"]),
        ("开工活跃“热", ["新开工项目数"]),
        ("营商环境评价考核取得新成绩", []),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_indicator_phrases(text: str, labels: list[str]) -> None:
    assert [x.label for x in link_indicators(text)] == labels


def test_evidence_spans_point_into_the_document() -> None:
    doc = speechkit.read("corpora/seed_speech.txt")
    items = speechkit.extract(doc)
    links = link(items, doc=doc)
    problem = next(it for it in items if it.title == "推进效率慢")
    got = links.get(problem.id)
    assert {"stalled_count", "lost_count", "started_count_large"} <= {x.indicator for x in got.indicators}
    for x in got.indicators:
        assert problem.start <= x.start < x.end <= problem.end
        assert doc.text[x.start : x.end] == x.phrase
    # items without any link are listed, not hidden
    assert links.unmatched
    unmatched = {it.id: it for it in items if it.id in links.unmatched}
    assert any("营商环境" in it.text for it in unmatched.values())
    assert all(not links.get(i).linked for i in links.unmatched)


def test_short_names() -> None:
    assert "清河新能源电池" in short_names("清河县年产5万吨新能源电池项目")
    assert short_names("河口镇农产品冷链物流中心")[-1] == "农产品冷链物流中心"
    assert "汽车零部件" in short_names("清河县年产10万套汽车零部件项目")


def test_project_names_and_short_names(seed_projects: pd.DataFrame) -> None:
    index = ProjectIndex(seed_projects)
    text = "要加快清河新能源项目和汽车零部件项目建设，盯紧冷链物流中心。"
    got = {x.project_id: x for x in index.find(text, offset=100)}
    assert {"P1", "P6", "P2"} <= set(got)
    assert got["P1"].via == "name" and got["P1"].score >= 0.6
    a, b = got["P1"].start - 100, got["P1"].end - 100
    assert "清河新能源" in text[a:b]
    # a generic 项目 mention links nothing
    assert index.find("签约项目中仅少量项目开工建设") == []


def test_industry_and_place(seed_projects: pd.DataFrame) -> None:
    got = ProjectIndex(seed_projects).find("加快河口镇项目建设")
    assert {x.project_id for x in got} == {"P2", "P4", "P9"}
    assert {x.via for x in got} == {"location"} and all(x.score == 0.5 for x in got)
    by_industry = ProjectIndex(seed_projects).find("壮大现代物流产业")
    assert {x.project_id for x in by_industry} == {"P2", "P9"}


def test_link_with_projects(seed_projects: pd.DataFrame, frame_of: Callable[..., pd.DataFrame]) -> None:
    items = [
        Item(id="S-1", kind="task", title="推进", text="推进清河县储能电站项目开工建设", start=10, end=25),
        Item(id="S-2", kind="task", title="作风", text="大兴真抓实干之风", start=30, end=38),
    ]
    links = link(items, seed_projects)
    first = links.get("S-1")
    assert first.projects[0].project_id == "P7" and first.projects[0].score == 1.0
    assert first.projects[0].start == 12 and first.projects[0].mention == "清河县储能电站项目"
    assert links.unmatched == ("S-2",)
    # without a frame, indicators still link
    assert link(items).get("S-1").indicators[0].indicator == "started_count"
    with pytest.raises(ValueError):
        link(items, doc=speechkit.from_text("完全不同的文本"))
