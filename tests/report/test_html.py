"""The HTML report without a browser: nesting of highlights, escaping, links, tracking, the CLI command."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.etree as etree
import lxml.html
import pandas as pd
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import speechkit
from speechkit.cli import main
from speechkit.errors import InputError
from speechkit.extraction.items import Item
from speechkit.report.html import _nest, _Span, build_report, render_report, value_text, write_report


@pytest.fixture(scope="module")
def seed(seed_path: Path) -> tuple[speechkit.Document, list[Item]]:
    doc = speechkit.read(seed_path)
    return doc, speechkit.extract(doc)


@pytest.fixture(scope="module")
def seed_page(seed: tuple[speechkit.Document, list[Item]]) -> lxml.html.HtmlElement:
    doc, items = seed
    return lxml.html.fromstring(render_report(doc, items))


def _mark(i: int, start: int, end: int) -> _Span:
    return _Span(start, end, 0, f'<m id="x{i}" d="{i}">', f'<m d="{i}">', "</m>", i)


# ------------------------------------------------------------------------------------ nesting


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        ([(0, 6), (2, 4)], '<m id="x0" d="0">一二<m id="x1" d="1">三四</m>五六</m>'),
        (
            [(0, 4), (2, 6)],
            '<m id="x0" d="0">一二<m id="x1" d="1">三四</m></m><m d="1">五六</m>',
        ),
        ([(2, 4), (0, 6)], '<m id="x1" d="1">一二<m id="x0" d="0">三四</m>五六</m>'),
        ([(0, 3), (3, 6)], '<m id="x0" d="0">一二三</m><m id="x1" d="1">四五六</m>'),
        ([(0, 2), (0, 6)], '<m id="x1" d="1"><m id="x0" d="0">一二</m>三四五六</m>'),
        ([(2, 2), (-5, 99)], '<m id="x1" d="1">一二三四五六</m>'),
    ],
    ids=[
        "nested",
        "crossing",
        "outer-listed-second",
        "adjacent",
        "same-start-longer-outside",
        "empty-and-clipped",
    ],
)
def test_nest_cases(spans: list[tuple[int, int]], expected: str) -> None:
    assert _nest("一二三四五六", [_mark(i, a, b) for i, (a, b) in enumerate(spans)]) == expected


def test_nest_escapes_text_and_inserts_breaks_without_characters() -> None:
    out = _nest("a<b>&c", [], breaks=[3])
    assert out == 'a&lt;b<span class="br" aria-hidden="true"></span>&gt;&amp;c'


@settings(max_examples=150, deadline=None)
@given(
    st.text(alphabet="招商<>&\"'x\n", min_size=1, max_size=30).flatmap(
        lambda text: st.tuples(
            st.just(text),
            st.lists(
                st.tuples(st.integers(0, len(text)), st.integers(0, len(text))).map(sorted),
                max_size=6,
            ),
        )
    )
)
def test_nest_is_well_formed_and_marks_exactly_each_span(case: tuple[str, list[list[int]]]) -> None:
    text, spans = case
    out = _nest(text, [_mark(i, a, b) for i, (a, b) in enumerate(spans)], breaks=[1])
    root = etree.fromstring(f"<r>{out}</r>".encode())  # raises when tags do not nest
    assert "".join(root.itertext()) == text
    # which characters each span covers, read back from the markup
    covered: dict[str, set[int]] = {}
    pos = [0]

    def take(chars: str | None, marks: tuple[str, ...]) -> None:
        for _ in chars or "":
            for d in marks:
                covered.setdefault(d, set()).add(pos[0])
            pos[0] += 1

    def walk(el: etree._Element, open_: tuple[str, ...]) -> None:
        here = (*open_, el.get("d")) if el.tag == "m" else open_
        take(el.text, here)
        for child in el:
            walk(child, here)
            take(child.tail, here)

    walk(root, ())
    for i, (a, b) in enumerate(spans):
        assert covered.get(str(i), set()) == set(range(a, b))
    ids = root.xpath("//m/@id")
    assert sorted(ids) == sorted(f"x{i}" for i, (a, b) in enumerate(spans) if a < b)  # one anchor each


# ------------------------------------------------------------------------------------ the seed page


def test_text_content_is_the_canonical_text(seed, seed_page) -> None:
    doc, _ = seed
    (text,) = seed_page.xpath('//div[@id="text"]')
    assert text.text_content() == doc.text


def test_every_item_is_highlighted_with_its_exact_text(seed, seed_page) -> None:
    _, items = seed
    for it in items:
        pieces = seed_page.xpath(f'//mark[@data-id="{it.id}"]')
        assert pieces, it.id
        assert pieces[0].get("id") == f"i-{it.id}"
        assert pieces[0].get("class") == f"hl k-{it.kind}"
        # outermost pieces only: text of nested marks of the same item is counted once
        outer = [p for p in pieces if not any(a.get("data-id") == it.id for a in p.iterancestors("mark"))]
        assert "".join(p.text_content() for p in outer) == it.text


def test_highlights_and_rows_link_both_ways(seed, seed_page) -> None:
    _, items = seed
    ids = set(seed_page.xpath("//@id"))
    rows = seed_page.xpath("//table[@class='items']/tbody/tr")
    assert [r.get("data-id") for r in rows] == [
        it.id
        for it in sorted(items, key=lambda it: (it.start, -it.end, {"task": 0, "problem": 1}.get(it.kind, 2)))
    ]
    for row in rows:
        (link,) = row.xpath(".//a[@class='to-text']")
        assert link.get("href")[1:] in ids
        assert f"r-{row.get('data-id')}" == row.get("id")
    for mark in seed_page.xpath("//mark[@data-id]"):
        assert f"r-{mark.get('data-id')}" in ids


def test_outline_links_point_into_the_text(seed, seed_page) -> None:
    doc, _ = seed
    links = seed_page.xpath("//nav[@class='outline']//a")
    assert len(links) == sum(1 for _ in doc.sections()) == 16
    for a, section in zip(links, doc.sections()):
        (target,) = seed_page.xpath(f"//*[@id='{a.get('href')[1:]}']")
        assert target.xpath("ancestor::div[@id='text']")
        assert doc.text[section.start :].startswith(target.text_content())
        assert section.title in a.text_content()


def test_table_columns_charts_and_header(seed, seed_page) -> None:
    doc, items = seed
    heads = [th.text_content() for th in seed_page.xpath("//table[@class='items']//th")]
    assert heads == ["#", "类别", "出处", "内容", "责任单位", "时限", "指标值", "置信度"]
    owner_row = next(it for it in items if it.owner)
    (cell,) = seed_page.xpath(f"//tr[@data-id='{owner_row.id}']/td[@class='owner']")
    assert cell.xpath("span[@class='lead']")[0].text == owner_row.owner[0]
    charts = seed_page.xpath("//svg[@class='chart']")
    assert [c.xpath("string(title)").split("：")[0] for c in charts] == ["条目按类别", "条目按章节"]
    by_kind = charts[0].xpath("string(title)")
    counts = {k: sum(1 for it in items if it.kind == k) for k in ("target", "problem", "task")}
    assert by_kind == f"条目按类别：目标 {counts['target']}；问题 {counts['problem']}；任务 {counts['task']}"
    assert "一、抓实招商引资" in charts[1].xpath("string(title)")
    header = seed_page.xpath("string(//header)")
    assert doc.meta.title in header and "讲话" in header and doc.sha256[:16] in header
    assert speechkit.__version__ in header
    checkboxes = seed_page.xpath("//div[@class='filters']//input[@type='checkbox']")
    assert [c.get("value") for c in checkboxes] == ["target", "problem", "task"]


def test_page_needs_no_network(seed) -> None:
    doc, items = seed
    page = render_report(doc, items)
    without_ns = page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert not re.search(r"https?://|<link|@import|url\(|<img|@font-face|src=", without_ns)
    assert "Noto Sans CJK SC" in page and "WenQuanYi Micro Hei" in page
    assert "$" not in page.replace("$$", "")  # every template placeholder substituted


# ------------------------------------------------------------------------------------ escaping


def test_hostile_text_and_titles_are_escaped() -> None:
    text = "一、<script>alert(\"x\")</script>要求。二是“A&B”<b>加快</b>'建设'。"
    doc = speechkit.from_text(text)
    items = [
        Item(id="S-<x>", kind="task", title='<img src=x onerror="1">', text=doc.text[0:20], start=0, end=20),
        Item(
            id="T-1", kind="target", title="A&B", text=doc.text[10:30], start=10, end=30, owner=("<u>局</u>",)
        ),
    ]
    page = render_report(doc, items, title="<h1>标题</h1>")
    assert "<script>alert" not in page and "<img" not in page and "<u>局" not in page
    tree = lxml.html.fromstring(page)
    assert tree.xpath("string(//div[@id='text'])") == doc.text
    assert tree.xpath("string(//h1)") == "<h1>标题</h1>"
    assert tree.xpath("//mark[@data-id='S-_x_']")  # ids are slugged for CSS and anchors
    assert tree.xpath("string(//tr[@data-id='T-1']/td[@class='owner'])") == "<u>局</u>"


def test_items_outside_the_text_or_duplicated_are_refused() -> None:
    doc = speechkit.from_text("一、抓实招商引资。")
    bad = Item(id="T1", kind="target", title="x", text="x", start=0, end=999)
    with pytest.raises(InputError, match="outside the text"):
        render_report(doc, [bad])
    ok = Item(id="T1", kind="target", title="x", text="一", start=0, end=1)
    with pytest.raises(InputError, match="duplicate"):
        render_report(doc, [ok, ok])


def test_value_text() -> None:
    base = {"id": "T", "kind": "target", "title": "x", "text": "x", "start": 0, "end": 1}
    assert value_text(Item(**base, value=1.5, unit="万吨")) == "1.5万吨"
    assert value_text(Item(**base, value=100, unit="亿元", comparator="以上")) == "100亿元以上"
    assert value_text(Item(**base, level="再上新台阶")) == "再上新台阶"
    assert value_text(Item(**base)) == ""


# ------------------------------------------------------------------------------------ tracking


def _tracking(items: list[Item]) -> pd.DataFrame:
    statuses = ["已完成", "进行中", "滞后", "未开始", "无数据"]
    rows = [
        {
            "item_id": it.id,
            "kind": it.kind,
            "indicator": "新签约项目数",
            "current_value": 12.0 + i,
            "previous_value": 8.0 if i % 2 else float("nan"),
            "unit": "个",
            "status": statuses[i % 5],
            "progress": 0.25 if i == 0 else None,
            "projects": ["甲项目", "乙项目"] if i == 0 else [],
            "link_score": 0.8,
            "evidence": "签约台账",
        }
        for i, it in enumerate(items[:10])
    ]
    return pd.DataFrame(rows)


def test_tracking_adds_status_column_and_chart(seed) -> None:
    doc, items = seed
    frame = _tracking(items)
    page = lxml.html.fromstring(render_report(doc, items, tracking=frame))
    heads = [th.text_content() for th in page.xpath("//table[@class='items']//th")]
    assert heads[-2:] == ["状态", "当前值"]
    first = frame.iloc[0]
    row = page.xpath(f"//tr[@data-id='{first['item_id']}']")[0]
    assert row.xpath("string(.//span[@class='status'])") == "已完成"
    assert "进度 25%" in row.text_content() and "12个" in row.text_content()
    assert "甲项目、乙项目" in row.xpath(".//span[@class='status']/@title")[0]
    untracked = page.xpath(f"//tr[@data-id='{items[-1].id}']")[0]
    assert untracked.xpath("string(td[last()-1])") == "—"
    (status_chart,) = [
        c for c in page.xpath("//svg[@class='chart']") if "跟踪状态" in c.xpath("string(title)")
    ]
    assert status_chart.xpath("string(title)") == "跟踪状态：已完成 2；进行中 2；未开始 2；滞后 2；无数据 2"


def test_tracking_without_status_column_is_an_input_error(seed) -> None:
    doc, items = seed
    with pytest.raises(InputError, match="status"):
        render_report(doc, items, tracking=pd.DataFrame({"item_id": [items[0].id]}))


def test_build_report_calls_a_tracking_function(seed_path: Path, tmp_path: Path) -> None:
    seen = {}

    def track(doc, items):
        seen["n"] = len(items)
        return _tracking(list(items))

    result = build_report(seed_path, tmp_path / "out" / "r.html", tracking=track, title="自定义标题")
    assert seen["n"] == len(result.items) > 0
    page = result.path.read_text(encoding="utf-8")
    assert "跟踪状态" in page and "<title>自定义标题</title>" in page


def test_write_report_is_atomic_and_utf8(seed, tmp_path: Path) -> None:
    doc, items = seed
    path = write_report(tmp_path / "r.html", doc, items)
    assert path.read_bytes().decode("utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["r.html"]  # no temporary file left


# ------------------------------------------------------------------------------------ CLI


def test_cli_report(seed_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "seed.html"
    result = CliRunner().invoke(main, ["report", str(seed_path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "items →" in result.output
    assert "考核成绩差" in out.read_text(encoding="utf-8")


def test_cli_report_bad_file_is_one_line(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = CliRunner().invoke(main, ["report", str(empty), "-o", str(tmp_path / "x.html")])
    assert result.exit_code == 2
    assert result.output.strip().startswith(f"error: {empty}")
    assert "Traceback" not in result.output
    assert not (tmp_path / "x.html").exists()
