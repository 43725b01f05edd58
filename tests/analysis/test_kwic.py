"""KWIC: offsets into the canonical text, sections from the outline, regexes, CJK-aligned lines."""

from __future__ import annotations

import pytest

from speechkit import from_text
from speechkit.analysis._common import display_width
from speechkit.analysis.kwic import kwic, render_kwic, section_at
from speechkit.errors import InputError

SPEECH = (
    "同志们：\n一、抓实招商引资\n（一）招商引资是一把手工程。GDP增长要靠招商引资。\n"
    "（二）优化营商环境\n以营商环境促进招商引资，2025年新签约项目30个。\n二、强化保障\n各部门要支持招商引资。"
)


@pytest.fixture(scope="module")
def doc():  # type: ignore[no-untyped-def]
    return from_text(SPEECH, source="speech.txt")


def test_every_match_points_into_the_text(doc) -> None:  # type: ignore[no-untyped-def]
    k = kwic(doc, "招商引资", width=5)
    assert len(k) == doc.text.count("招商引资") == 5
    for row in k.itertuples():
        assert doc.text[row.start : row.end] == row.match == "招商引资"
        assert row.left == doc.text[max(0, row.start - 5) : row.start]
        assert row.right == doc.text[row.end : row.end + 5]
    assert set(k["path"]) == {"speech.txt"}


def test_the_section_of_a_match(doc) -> None:  # type: ignore[no-untyped-def]
    k = kwic(doc, "招商引资")
    assert k["section"].tolist()[1:] == [
        "招商引资是一把手工程",
        "招商引资是一把手工程",
        "优化营商环境",
        "强化保障",
    ]
    assert section_at(doc, 0) is None  # the salutation stands before the first point


def test_regex_and_literal(doc) -> None:  # type: ignore[no-untyped-def]
    assert kwic(doc, r"\d+个", regex=True)["match"].tolist() == ["30个"]
    assert kwic(doc, r"\d+个").empty  # a literal pattern is no regex
    assert kwic(doc, "营商环境|保障", regex=True)["match"].tolist() == ["营商环境", "营商环境", "保障"]


@pytest.mark.parametrize("pattern", ["", "(未闭合"], ids=["empty", "bad-regex"])
def test_bad_patterns(doc, pattern: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError):
        kwic(doc, pattern, regex=True)


def test_several_documents() -> None:
    k = kwic([from_text("抓实招商引资。"), from_text("招商引资见实效。招商引资要提速。")], "招商引资")
    assert k["path"].tolist() == ["#0", "#1", "#1"]


def _at_column(line: str, col: int) -> str:
    """What stands from display column ``col`` on."""
    for i in range(len(line) + 1):
        if display_width(line[:i]) == col:
            return line[i:]
    raise AssertionError(f"no character starts at column {col}: {line!r}")


def test_lines_align_the_match_in_display_columns(doc) -> None:  # type: ignore[no-untyped-def]
    k = kwic(doc, "招商引资", width=6)  # left contexts mix ASCII (GDP), Chinese and line breaks
    assert any(c.isascii() and c.isalpha() for x in k["left"] for c in x)
    lines = render_kwic(k, width=6).splitlines()
    assert len(lines) == len(k)
    for line in lines:  # left context in 2 × 6 columns, two spaces, then the match
        assert _at_column(line, 14).startswith("招商引资"), line
    assert render_kwic(k.iloc[:0]) == ""
