"""Every real document in ../shared/corpora reads to non-trivial CJK text (or a clear InputError)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from speechkit.errors import InputError
from speechkit.readers import iter_zip_members, read_raw
from speechkit.readers.text import cjk_count

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
CORPORA = SHARED / "corpora"


def _files() -> list[Path]:
    if not CORPORA.is_dir():
        return []
    return sorted(p for p in CORPORA.rglob("*") if p.is_file())


def _check(raw_reader, label: str) -> None:
    try:
        raw = raw_reader()
    except InputError as e:
        assert str(e).startswith(label)
        assert e.reason and "\n" not in e.reason
        return
    assert cjk_count(raw.text) >= 100, f"{label}: only {cjk_count(raw.text)} CJK characters"
    assert "\r" not in raw.text
    if raw.meta.get("source_format") in ("html", "md+html"):
        assert "<p" not in raw.text and "<div" not in raw.text, f"{label}: markup left in the text"


@pytest.mark.parametrize("path", _files() or [None], ids=lambda p: p.name if p else "absent")
def test_corpus_file(path: Path | None) -> None:
    if path is None:
        pytest.skip("../shared/corpora is not present")
    if path.suffix == ".zip":
        members = list(iter_zip_members(path))
        assert members
        for name, data in members:
            assert re.search(r"[\u4e00-\u9fff]", name), f"member name not repaired: {name!r}"
            _check(lambda data=data, name=name: read_raw(data, name=name), name)
    else:
        _check(lambda: read_raw(path), str(path))


def test_bundle_has_thirty_reports(shared_corpora: Path) -> None:
    bundle = shared_corpora / "binary" / "gwr_31_provinces_2025_docx_bundle.zip"
    if not bundle.is_file():
        pytest.skip("bundle absent")
    names = [name for name, _ in iter_zip_members(bundle)]
    assert len(names) == 30
    assert "2025年上海市政府工作报告.docx" in names
    raws = {name: read_raw(data, name=name) for name, data in iter_zip_members(bundle)}
    assert all(raw.format == "docx" for raw in raws.values())
    assert raws["2025年广东省政府工作报告.docx"].text.startswith("2025年广东省政府工作报告\n来源")


@pytest.mark.parametrize(
    ("relative", "lines"),
    [
        pytest.param(
            "plans/guowuyuan_zongbao_zone_opinions_2019.html",
            [
                "国发〔2019〕3号",
                "一、指导思想",
                "（一）坚持深化改革，简政放权。进一步健全综合监管体系，持续改善营商环境和创新环境，"
                "有效降低市场运行成本，充分激发市场活力。",
                "（此件公开发布）",
            ],
            id="gov-cn-fragment",
        ),
        pytest.param(
            "speeches/shaanxi_gov_procurement_symposium_report_2011.html",
            ["陕西省政府采购工作座谈会日前召开"],
            id="jsp-news-page",
        ),
    ],
)
def test_html_structure(shared_corpora: Path, relative: str, lines: list[str]) -> None:
    path = shared_corpora / relative
    if not path.is_file():
        pytest.skip(f"{relative} absent")
    text_lines = read_raw(path).text.split("\n")
    for line in lines:
        assert line in text_lines


@pytest.mark.parametrize(
    ("relative", "junk"),
    [
        pytest.param("speeches/shaanxi_gov_procurement_symposium_report_2011.html", "最新新闻", id="sidebar"),
        pytest.param("speeches/shaanxi_gov_procurement_symposium_report_2011.html", "分享到", id="share"),
        pytest.param("speeches/shaanxi_gov_procurement_symposium_report_2011.html", "首页", id="breadcrumb"),
        pytest.param("projects/ningbo_329_changhong_tunnel_repair_news_2011.html", "channelId", id="script"),
    ],
)
def test_html_chrome_dropped(shared_corpora: Path, relative: str, junk: str) -> None:
    path = shared_corpora / relative
    if not path.is_file():
        pytest.skip(f"{relative} absent")
    assert junk not in read_raw(path).text


def test_markdown_front_matter(shared_corpora: Path) -> None:
    path = shared_corpora / "plans" / "national_14th_fyp_outline_2021.md"
    if not path.is_file():
        pytest.skip("absent")
    raw = read_raw(path)
    assert raw.format == "md"
    assert raw.meta["title"] == "中华人民共和国国民经济和社会发展第十四个五年规划和2035年远景目标纲要"
    assert "source:" not in raw.text[:200]
