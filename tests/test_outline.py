"""outline: marker families, nesting, in-paragraph enumerations, stray markers, offsets; the seed."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import speechkit
from speechkit.document import Section
from speechkit.outline import cn_int, heading_title, outline, paragraphs


def tree(sections: Sequence[Section], depth: int = 0) -> list[str]:
    """The outline as lines ``marker title``, indented two spaces a level."""
    out = []
    for s in sections:
        out.append(f"{'  ' * depth}{s.marker} {s.title}")
        out.extend(tree(s.children, depth + 1))
    return out


def assert_offsets(text: str, sections: Sequence[Section]) -> None:
    """Every node's span lies in the text, starts with its marker and nests inside its parent."""
    for s in sections:
        assert 0 <= s.start <= s.head_end <= s.end <= len(text)
        assert text[s.start : s.end].startswith(s.marker), (s.marker, text[s.start : s.start + 10])
        for c in s.children:
            assert s.start < c.start and c.end <= s.end
        assert_offsets(text, s.children)
    for a, b in pairwise(sections):
        assert a.end <= b.start


CASES = [
    pytest.param(
        "一、总体要求\n（一）指导思想\n1.坚持稳中求进\n（1）稳增长\n①稳投资\n②稳消费\n（2）促改革\n2.坚持问题导向\n"
        "（二）基本原则\n二、主要任务\n（一）深化改革",
        [
            "一、 总体要求",
            "  （一） 指导思想",
            "    1. 坚持稳中求进",
            "      （1） 稳增长",
            "        ① 稳投资",
            "        ② 稳消费",
            "      （2） 促改革",
            "    2. 坚持问题导向",
            "  （二） 基本原则",
            "二、 主要任务",
            "  （一） 深化改革",
        ],
        id="five-levels",
    ),
    pytest.param(
        "一、总体要求\n1、坚持稳中求进。\n2、坚持问题导向。\n二、主要任务",
        ["一、 总体要求", "  1、 坚持稳中求进", "  2、 坚持问题导向", "二、 主要任务"],
        id="num-with-dunhao",
    ),
    pytest.param(
        "一、抓实招商引资。一是考核成绩差。二是推进效率慢。三是招商频率低。",
        ["一、 抓实招商引资", "  一是 考核成绩差", "  二是 推进效率慢", "  三是 招商频率低"],
        id="yi-shi-in-paragraph",
    ),
    pytest.param(
        "要做好三项工作。第一，抓好招商引资。第二，抓好项目建设。第三，抓好营商环境。",
        ["第一 抓好招商引资", "第二 抓好项目建设", "第三 抓好营商环境"],
        id="di-yi-comma",
    ),
    pytest.param(
        "我讲三点意见。首先，要提高认识。其次，要突出重点。最后，要狠抓落实。",
        ["首先 要提高认识", "其次 要突出重点", "最后 要狠抓落实"],
        id="shouxian-qici-zuihou",
    ),
    pytest.param(
        "第一个问题：关于形势。形势严峻。\n第二个问题：关于任务。任务繁重。",
        ["第一个问题 关于形势", "第二个问题 关于任务"],
        id="di-yi-ge-wenti",
    ),
    pytest.param(
        "# 政府工作报告\n## 过去一年工作回顾\n正文。\n## 今年工作安排\n### 稳增长\n正文。",
        ["# 政府工作报告", "  ## 过去一年工作回顾", "  ## 今年工作安排", "    ### 稳增长"],
        id="markdown-headings",
    ),
    pytest.param(
        "一、总体要求\n（一）指导思想\n（二）基本原则\n二、主要任务\n（三）深化改革\n（四）扩大开放",
        [
            "一、 总体要求",
            "  （一） 指导思想",
            "  （二） 基本原则",
            "二、 主要任务",
            "  （三） 深化改革",
            "  （四） 扩大开放",
        ],
        id="numbering-runs-on-across-parents",
    ),
    pytest.param(
        "一、总体要求。今年要抓好三、四件大事。\n二、主要任务",
        ["一、 总体要求", "二、 主要任务"],
        id="stray-san-inside-sentence",
    ),
    pytest.param(
        "一、总体要求。要坚持原则。三、不是第二点。\n二、主要任务",
        ["一、 总体要求", "二、 主要任务"],
        id="stray-san-out-of-sequence",
    ),
    pytest.param(
        "2024年3月1日，会议召开。要抓好“三、四”两项工作。",
        [],
        id="no-points",
    ),
    pytest.param(
        "一、关于前一段疫情防控工作新冠肺炎疫情发生后，党中央高度重视。\n二、关于下一步工作要求。",
        ["一、 关于前一段疫情防控工作", "二、 关于下一步工作要求"],
        id="heading-with-lost-line-break",
    ),
    pytest.param(
        "（一）指导思想\n（二）基本原则\n（三）工作目标",
        ["（一） 指导思想", "（二） 基本原则", "（三） 工作目标"],
        id="paren-cn-at-top",
    ),
    pytest.param(
        "第一部分 总体要求\n一、指导思想\n二、基本原则\n第二部分 主要任务\n一、深化改革",
        ["第一部分 总体要求", "  一、 指导思想", "  二、 基本原则", "第二部分 主要任务", "  一、 深化改革"],
        id="parts-above-cn",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_outline_tree(text: str, expected: list[str]) -> None:
    assert tree(outline(text)) == expected


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_outline_offsets(text: str, expected: list[str]) -> None:
    assert_offsets(text, outline(text))


@pytest.mark.parametrize(
    ("text", "levels", "inline"),
    [
        pytest.param("一、总体要求\n（一）指导思想", [1, 2], [False, False], id="line-start"),
        pytest.param("一、抓实招商引资。一是考核成绩差。", [1, 2], [False, True], id="in-paragraph"),
    ],
)
def test_levels_and_inline(text: str, levels: list[int], inline: list[bool]) -> None:
    nodes = list(speechkit.from_text(text).sections())
    assert [n.level for n in nodes] == levels
    assert [n.inline for n in nodes] == inline


COMMA_LIST = "主要问题是：一是考核成绩差，二是推进效率慢，三是招商频率低。"


def test_yi_shi_after_commas() -> None:
    nodes = outline(COMMA_LIST)
    assert [n.marker for n in nodes] == ["一是", "二是", "三是"]
    assert [COMMA_LIST[n.start : n.end] for n in nodes] == [
        "一是考核成绩差，",
        "二是推进效率慢，",
        "三是招商频率低。",
    ]


def test_yi_shi_after_commas_titles_have_no_trailing_comma() -> None:
    assert [n.title for n in outline(COMMA_LIST)] == ["考核成绩差", "推进效率慢", "招商频率低"]


def test_in_paragraph_enumeration_ends_at_transition() -> None:
    text = "一、抓实招商引资。一是考核成绩差。二是推进效率慢。同志们，形势逼人。"
    (top,) = outline(text)
    last = top.children[-1]
    assert text[last.start : last.end] == "二是推进效率慢。"


@pytest.mark.parametrize(
    ("after_marker", "title"),
    [
        pytest.param("考核成绩差。在重特大产业项目招引考核中", "考核成绩差", id="first-sentence"),
        pytest.param(
            "关于前一段疫情防控工作新冠肺炎疫情发生后，党中央高度重视",
            "关于前一段疫情防控工作",
            id="lost-break",
        ),
        pytest.param("总体要求\n坚持稳中求进", "总体要求", id="line"),
        pytest.param("“三个不足”：", "三个不足", id="quotes-stripped"),
        pytest.param(
            "坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神和中央经济工作会议精神。",
            "坚持以习近平新时代中国特色社会主义思想为指导",
            id="long-cut-at-comma",
        ),
    ],
)
def test_heading_title(after_marker: str, title: str) -> None:
    assert heading_title(after_marker) == title


@pytest.mark.parametrize(("s", "n"), [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("九十九", 99)])
def test_cn_int(s: str, n: int) -> None:
    assert cn_int(s) == n


def test_paragraph_spans() -> None:
    text = "一、总体要求\n\n要坚持问题导向。\n"
    assert [text[p.start : p.end] for p in paragraphs(text)] == ["一、总体要求", "要坚持问题导向。"]


SEED_CHILDREN = [
    ["考核成绩差", "推进效率慢", "招商频率低"],
    ["突出招商优势", "破解招商制约", "锚定招商重点"],
    ["专项推进", "突出节点", "优化服务"],
    ["有闯劲", "有干劲", "有狠劲"],
]


def test_seed_outline(seed_path) -> None:
    doc = speechkit.read(seed_path)
    assert [s.marker for s in doc.outline] == ["一、", "二、", "三、", "四、"]
    assert [s.title[-6:] for s in doc.outline] == [
        "抓实招商引资",
        "抓细招商引资",
        "抓牢招商引资",
        "抓严招商引资",
    ]
    assert [[c.title for c in s.children] for s in doc.outline] == SEED_CHILDREN
    assert all(
        c.marker == m for s in doc.outline for c, m in zip(s.children, ["一是", "二是", "三是"], strict=True)
    )
    assert all(not c.children for s in doc.outline for c in s.children)
    assert_offsets(doc.text, doc.outline)


def test_seed_canonical_text(seed_path) -> None:
    text = speechkit.read(seed_path).text
    assert "由会员分享" not in text
    assert "课桌文档" not in text
    assert "被认定新签约项目少" in text
    assert "与企业构建良好的关系" in text


def test_shared_covid_speech_lost_line_breaks(shared_dir) -> None:
    path = shared_dir / "corpora" / "speeches" / "xi_covid_econ_deployment_meeting_2020.txt"
    if not path.is_file():
        pytest.skip(f"{path} is not present")
    doc = speechkit.read(path)
    assert [s.marker for s in doc.outline] == ["一、", "二、", "三、", "四、"]
    assert doc.outline[0].title == "关于前一段疫情防控工作"
    assert_offsets(doc.text, doc.outline)


# ---- the marker patterns are written to scan fast; they find what their first forms found ----------

_CN = "[一二三四五六七八九十]{1,3}"
_FIRST_FORMS = {
    "part": rf"第(?P<n>{_CN})(?:部分|章|篇)[、，：:\s]?",
    "question": rf"第(?P<n>{_CN})个(?:问题|方面)[，：:、]",
    "cn": rf"(?P<n>{_CN})、",
    "paren_cn": rf"[（(](?P<n>{_CN})[）)]",
    "num": r"(?P<n>\d{1,2})(?:[.．](?!\d)|、)",
    "ordinal_di": rf"第(?P<n>{_CN})[，,、：:](?!个)",
    "ordinal_is": rf"(?P<n>{_CN})(?:是|要)(?![的否求素])",
}


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from("一二三十四第部分个问题方面、，：（）(1234.．是要的# \t\n标题"), max_size=40))
def test_marker_patterns_match_like_their_first_forms(text: str) -> None:
    from speechkit.outline import _FAMILIES, _MD_HEADING

    for style, first in _FIRST_FORMS.items():
        want = [(m.span(), m.group("n")) for m in re.finditer(first, text)]
        assert [(m.span(), m.group("n")) for m in _FAMILIES[style][1].finditer(text)] == want, style
    want_md = [m.groups() for m in re.finditer(r"(?P<hashes>#{1,6})[ \t]+(?P<rest>[^\n]*)", text)]
    assert [m.groups() for m in _MD_HEADING.finditer(text)] == want_md


def test_numerals_counted_off_are_no_marker() -> None:
    text = (
        "报告\n一、过去一年工作回顾\n经济平稳。\n二、2026年主要目标和任务\n地区生产总值增长6%。"
        "一、二、三产增加值分别增长5%、8%和7%。\n（一）抓实工业。要扩大投资。\n（二）加快城镇化。要提质。"
    )
    secs = outline(text)
    assert [s.marker for s in secs] == ["一、", "二、"]
    assert [c.marker for c in secs[1].children] == ["（一）", "（二）"]
