"""Comparing two documents: a synthetic speech in two versions (corpora/versions) and real consecutive
reports (structure and invariants only)."""

from __future__ import annotations

from pathlib import Path

import pytest

import speechkit
from speechkit.analysis.compare import (
    FIELDS,
    STATUSES,
    THRESHOLD,
    Alignment,
    Comparison,
    align,
    changed_fields,
    compare,
)
from speechkit.extraction.items import Item

VERSIONS = Path(__file__).resolve().parents[2] / "corpora" / "versions"


@pytest.fixture(scope="module")
def versions() -> Comparison:
    return compare(speechkit.read(VERSIONS / "speech_v1.txt"), speechkit.read(VERSIONS / "speech_v2.txt"))


def _rows(c: Comparison, status: str, kind: str, word: str) -> list[Alignment]:
    return [
        r
        for r in c.of(status)
        if r.kind == kind and word in ((r.b.text if r.b else "") + (r.a.text if r.a else ""))
    ]


def invariants(c: Comparison, items_a: list[Item], items_b: list[Item]) -> None:
    """Every item of each side appears exactly once; statuses agree with partners and fields."""
    seen_a = [r.a for r in c.rows if r.a is not None]
    seen_b = [r.b for r in c.rows if r.b is not None]
    key = lambda x: (x.start, x.end, x.id)  # noqa: E731
    assert sorted(map(key, seen_a)) == sorted(map(key, items_a))
    assert sorted(map(key, seen_b)) == sorted(map(key, items_b))
    for r in c.rows:
        assert r.status in STATUSES
        if r.status == "new":
            assert r.a is None and r.b is not None
        elif r.status == "dropped":
            assert r.b is None and r.a is not None
        else:
            assert r.a is not None and r.b is not None
            assert r.a.kind == r.b.kind == r.kind
            assert r.similarity >= c.threshold
            assert bool(r.changed_fields) == (r.status == "changed")
            assert set(r.changed_fields) <= set(FIELDS)
    frame = c.frame
    assert len(frame) == len(c.rows)
    assert frame["status"].value_counts().to_dict() == {k: v for k, v in c.counts().items() if v}
    for row in frame.itertuples():
        if isinstance(row.text_a, str):
            assert c.doc_a.text[row.start_a : row.end_a] == row.text_a
        if isinstance(row.text_b, str):
            assert c.doc_b.text[row.start_b : row.end_b] == row.text_b


def test_the_synthetic_edits_are_found(versions: Comparison) -> None:
    # v2: 管网 20 → 25 公里, 老旧小区 10月底前 → 11月底前, 户厕 owner changed, 河道 task dropped,
    # 绿化覆盖率 target added
    assert [r.changed_fields for r in _rows(versions, "changed", "target", "污水管网")] == [("value",)] * 2
    assert _rows(versions, "changed", "task", "老旧小区")[0].changed_fields == ("deadline",)
    assert _rows(versions, "changed", "task", "户厕")[0].changed_fields == ("owner",)
    assert _rows(versions, "dropped", "task", "河道")
    assert _rows(versions, "new", "target", "绿化覆盖率")
    assert _rows(versions, "kept", "target", "生活垃圾无害化处理率")
    assert versions.counts() == {"new": 1, "kept": 11, "dropped": 2, "changed": 5}


def test_the_synthetic_invariants(versions: Comparison) -> None:
    invariants(versions, speechkit.extract(versions.doc_a), speechkit.extract(versions.doc_b))


def test_rows_follow_b_with_dropped_items_in_place(versions: Comparison) -> None:
    starts = [r.b.start for r in versions.rows if r.b is not None]
    assert starts == sorted(starts)
    order = [r.status for r in versions.rows]
    dropped_at = order.index("dropped")
    before = versions.rows[dropped_at - 1]
    assert before.a is not None and before.a.start < versions.dropped[0].a.start  # type: ignore[union-attr]


def test_a_document_against_itself_keeps_everything(versions: Comparison) -> None:
    c = compare(versions.doc_a, versions.doc_a)
    assert c.counts()["kept"] == len(c.rows) > 0
    assert all(r.similarity == 1.0 for r in c.rows)


def _item(i: str, text: str, kind: str = "target", **kw: object) -> Item:
    return Item(i, kind, text, text, 0, len(text), **kw)  # type: ignore[arg-type]


def test_alignment_is_one_to_one_greedy_and_within_a_kind() -> None:
    a = [_item("a1", "新建污水管网20公里"), _item("a2", "新建污水管网20公里", kind="task")]
    b = [_item("b1", "新建污水管网25公里"), _item("b2", "新建污水管网30公里")]
    pairs = align(a, b)
    assert [(i, j) for i, j, _s in pairs] == [(0, 0)]  # masked numbers: equal similarity, document order
    assert align([_item("x", "开展河道清理")], [_item("y", "新建城市公园")]) == []
    assert THRESHOLD == 0.5


def test_ids_come_first() -> None:
    a = [_item("same", "完成老旧小区改造30个"), _item("a2", "完成老旧小区改造31个")]
    b = [_item("b2", "完成老旧小区改造32个"), _item("same", "完成老旧小区改造30个")]
    assert [(i, j, s) for i, j, s in align(a, b)] == [(0, 1, 1.0), (1, 0, 1.0)]


@pytest.mark.parametrize(
    ("a", "b", "fields"),
    [
        ({"value": 20.0, "unit": "公里"}, {"value": 25.0, "unit": "公里"}, ("value",)),
        ({"value": 20.0, "unit": "公里"}, {"value": 20.0, "unit": "千米"}, ("unit",)),
        ({"value": 6.0, "comparator": "左右"}, {"value": 6.0, "comparator": "以上"}, ("comparator",)),
        (
            {"deadline": "年底前", "deadline_iso": "2024-12-31"},
            {"deadline": "年内", "deadline_iso": "2024-12-31"},
            (),
        ),
        (
            {"deadline": "年内", "deadline_iso": "2024-12-31"},
            {"deadline": "年内", "deadline_iso": "2025-12-31"},
            (),
        ),
        ({"deadline": "6月底前"}, {"deadline": "9月底前"}, ("deadline",)),
        ({"owner": ("区住建局", "区水务局")}, {"owner": ("区水务局", "区住建局")}, ("owner",)),
        ({}, {"owner": ("区住建局",)}, ("owner",)),
    ],
    ids=["value", "unit", "comparator", "same-date", "same-words", "deadline", "lead-owner", "new-owner"],
)
def test_changed_fields(a: dict[str, object], b: dict[str, object], fields: tuple[str, ...]) -> None:
    assert changed_fields(_item("a", "x", **a), _item("b", "x", **b)) == fields


@pytest.mark.parametrize(
    "pair",
    [
        ("hailar_district_gwr_2018.txt", "hailar_district_gwr_2019.txt"),
        ("shenzhen_city_gwr_2024.md", "shenzhen_city_gwr_2025.md"),
    ],
    ids=["hailar-2018-2019", "shenzhen-2024-2025"],
)
def test_consecutive_real_reports(shared_dir: Path, pair: tuple[str, str]) -> None:
    paths = [shared_dir / "corpora" / "reports" / p for p in pair]
    if not all(p.exists() for p in paths):
        pytest.skip("../shared is absent")
    doc_a, doc_b = (speechkit.read(p) for p in paths)
    items_a, items_b = speechkit.extract(doc_a), speechkit.extract(doc_b)
    c = compare(doc_a, doc_b, items_a, items_b)
    invariants(c, items_a, items_b)
    counts = c.counts()
    assert counts["new"] > 0 and counts["dropped"] > 0  # a new year brings new work
    assert counts["kept"] + counts["changed"] > 0
    # the growth target of the economy is in both reports, aligned with itself
    gdp = [r for r in c.rows if r.kind == "target" and r.b is not None and "地区生产总值增长" in r.b.text]
    assert gdp and all(r.a is not None and "地区生产总值增长" in r.a.text for r in gdp)
    assert any("value" in r.changed_fields for r in c.changed if r.kind == "target")
