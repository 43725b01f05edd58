"""normalize: one table per step, then the whole chain on the seed and on the shared speeches."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from speechkit.normalize import (
    clean_invisible,
    collapse_blank_lines,
    drop_cjk_spaces,
    join_wrapped_lines,
    normalize,
    remove_boilerplate,
    remove_chunk_markers,
    strip_markdown,
    unify_widths,
)

SEED_TITLE = "在2024年上半年招商引资工作总结暨下半年工作安排部署会议上的讲话"
SEED_BOILERPLATE = (
    f"《{SEED_TITLE}.docx》由会员分享,可在线阅读,更多相关《{SEED_TITLE}.docx(4页珍藏版)》请在课桌文档上搜索。"
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("一、\r\n抓实\r招商", "一、\n抓实\n招商", id="crlf-and-cr"),
        pytest.param("\ufeff同志们：", "同志们：", id="bom"),
        pytest.param("抓实\u200b招\u200d商\u2060引\u00ad资", "抓实招商引资", id="zero-width"),
        pytest.param("区长\u00a0杨国宏\u3000\t", "区长 杨国宏  ", id="nbsp-ideographic-space-tab"),
        pytest.param("招商\x00引\x07资\x1f", "招商引资", id="control-chars"),
    ],
)
def test_clean_invisible(raw: str, expected: str) -> None:
    assert clean_invisible(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(SEED_BOILERPLATE + "\n1、同志们：", "\n1、同志们：", id="seed-member-share"),
        pytest.param(
            "《讲话.doc》由用户“abc”分享，可在线阅读，全文请下载。\n同志们：", "\n同志们：", id="user-share"
        ),
        pytest.param(
            "同志们：\n更多内容请到课桌文档免费下载\n一、抓实招商", "同志们：\n\n一、抓实招商", id="site-line"
        ),
        pytest.param("正文。\n第 3 页 共 12 页\n续文。", "正文。\n\n续文。", id="page-x-of-y"),
        pytest.param("正文。\n- 7 -\n续文。", "正文。\n\n续文。", id="page-dash-number"),
        pytest.param("本文档由用户上传，如有侵权请联系删除。同志们：", "同志们：", id="uploaded-by-user"),
        pytest.param(
            "同志们：课桌文档是一个网站。", "同志们：课桌文档是一个网站。", id="site-name-in-body-kept"
        ),
    ],
)
def test_remove_boilerplate(raw: str, expected: str) -> None:
    assert remove_boilerplate(raw) == expected


# a document-sharing site cuts the text into pages of hundreds of characters
PAGE = "招商引资工作是事关发展、事关全局的重中之重，任何时候抓招商工作的态度、招商工作的地位都不会改变，"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(
            PAGE + "被认定新签约\n2、项目少，" + PAGE + "与\n3、企业构建关系。",
            PAGE + "被认定新签约项目少，" + PAGE + "与企业构建关系。",
            id="mid-word-chunks",
        ),
        pytest.param(
            "1、讲话同志们:" + PAGE + "被认定新签约\n2、项目少。" + PAGE + "与\n3、企业构建关系。",
            "讲话同志们:" + PAGE + "被认定新签约项目少。" + PAGE + "与企业构建关系。",
            id="leading-1-dropped-with-run",
        ),
        pytest.param(
            PAGE + "被认定新签约\n2、项目少，" + PAGE + "与\n5、企业构建关系。",
            PAGE + "被认定新签约项目少，" + PAGE + "与企业构建关系。",
            id="gap-where-chunk-fell-on-sentence-end",
        ),
        pytest.param(
            "工作要求：\n1、加强组织。\n2、加强领导。",
            "工作要求：\n1、加强组织。\n2、加强领导。",
            id="real-list",
        ),
        pytest.param(
            PAGE + "被认定新签约\n2、项目少，" + PAGE + "与\n3、企业构建关系。\n任务如下。\n2、加强领导",
            PAGE + "被认定新签约项目少，" + PAGE + "与企业构建关系。\n任务如下。\n2、加强领导",
            id="real-item-after-sentence-end-stays",
        ),
        pytest.param("被认定新签约\n2、项目少。", "被认定新签约\n2、项目少。", id="single-marker-is-no-run"),
        pytest.param("GDP\n2、项目\n3、企业", "GDP\n2、项目\n3、企业", id="after-latin-kept"),
    ],
)
def test_remove_chunk_markers(raw: str, expected: str) -> None:
    assert remove_chunk_markers(raw) == expected


def test_unpunctuated_numbered_headings_are_not_chunk_markers() -> None:
    raw = "保障措施\n1、加强组织领导\n2、强化资金保障\n3、严格督查考核\n各地要抓好落实。"
    assert normalize(raw) == raw


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("增长５．５％", "增长5.5%", id="fullwidth-digits-percent"),
        pytest.param("ＧＤＰ增长", "GDP增长", id="fullwidth-latin"),
        pytest.param("确保完成,力争超额", "确保完成，力争超额", id="comma-between-cjk"),
        pytest.param("要求:一是", "要求：一是", id="colon-between-cjk"),
        pytest.param("好!坏?", "好！坏？", id="bang-question-at-line-end"),
        pytest.param("增长5%;下降3%", "增长5%；下降3%", id="semicolon-after-percent"),
        pytest.param("确保(一)完成", "确保（一）完成", id="parens-around-cjk"),
        pytest.param("2024年(含)以前", "2024年（含）以前", id="parens-after-year"),
        pytest.param("Hello, world", "Hello, world", id="latin-context-kept"),
        pytest.param("A,B", "A,B", id="latin-pair-kept"),
        pytest.param("规模(GDP)", "规模(GDP)", id="latin-parens-kept"),
        pytest.param("增长3.5个百分点", "增长3.5个百分点", id="decimal-point-kept"),
    ],
)
def test_unify_widths(raw: str, expected: str) -> None:
    assert unify_widths(raw) == expected


@pytest.mark.parametrize("raw", ["投资1,000万元", "上午10:30召开"], ids=["thousands-separator", "clock-time"])
def test_unify_widths_keeps_punctuation_inside_numbers(raw: str) -> None:
    assert unify_widths(raw) == raw


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("政 府 工 作 报 告", "政府工作报告", id="letter-spaced-title"),
        pytest.param("  政府工作报告  \n  各位代表：", "政府工作报告\n各位代表：", id="indents-and-trailing"),
        pytest.param("各位代表 ： 现在", "各位代表：现在", id="around-fullwidth-punct"),
        pytest.param("使用 GDP 指标", "使用 GDP 指标", id="around-latin-kept"),
        pytest.param("增长 5%", "增长 5%", id="before-digit-kept"),
    ],
)
def test_drop_cjk_spaces(raw: str, expected: str) -> None:
    assert drop_cjk_spaces(raw) == expected


_PARA = (
    "今年以来全区上下坚持稳中求进工作总基调完整准确全面贯彻新发展理念加快构建新发展格局着力推动高质量发展"
    "经济运行总体回升向好民生福祉持续改善社会大局和谐稳定各项事业取得新的进展。"
)


def _wrap(text: str, width: int) -> str:
    return "\n".join(text[i : i + width] for i in range(0, len(text), width))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(_wrap(_PARA * 2, 20), _PARA * 2, id="fixed-width-20"),
        pytest.param(_wrap(_PARA, 24) + "\n" + _wrap(_PARA, 24), _PARA + "\n" + _PARA, id="two-paragraphs"),
        pytest.param(
            _wrap(_PARA, 20) + "\n一、总体要求\n" + _wrap(_PARA, 20),
            _PARA + "\n一、总体要求\n" + _PARA,
            id="numbered-heading-not-joined",
        ),
        pytest.param(
            "一、总体要求\n坚持稳中求进工作总基调\n完整准确全面贯彻新发展理念\n加快构建新发展格局着力推动高质量发展\n"
            "经济运行总体回升向好\n民生福祉持续改善社会大局和谐稳定",
            "一、总体要求\n坚持稳中求进工作总基调\n完整准确全面贯彻新发展理念\n加快构建新发展格局着力推动高质量发展\n"
            "经济运行总体回升向好\n民生福祉持续改善社会大局和谐稳定",
            id="ragged-lines-no-width",
        ),
        pytest.param(
            "坚持稳中求进工作总基调推动发展\n完整准确全面贯彻新发展理念加快\n构建新格局",
            "坚持稳中求进工作总基调推动发展\n完整准确全面贯彻新发展理念加快\n构建新格局",
            id="too-few-lines-for-a-width",
        ),
    ],
)
def test_join_wrapped_lines(raw: str, expected: str) -> None:
    assert join_wrapped_lines(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("**政府工作报告**", "政府工作报告", id="bold"),
        pytest.param("__重点任务__", "重点任务", id="underscore-bold"),
        pytest.param("正文<!-- 来源：某网站 -->续", "正文续", id="html-comment"),
        pytest.param("<!-- 多行\n注释 -->正文", "正文", id="multiline-comment"),
        pytest.param("> 新华社北京3月12日电", "新华社北京3月12日电", id="blockquote"),
        pytest.param("![图为会场](img/1.jpg)各位代表：", "各位代表：", id="image"),
        pytest.param("# 政府工作报告", "# 政府工作报告", id="heading-kept"),
    ],
)
def test_strip_markdown(raw: str, expected: str) -> None:
    assert strip_markdown(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(
            "各位代表：\n3月5日，第十四届全国人民代表大会第一次会议在北京人民大会堂开幕。这是习近平等在主席台上。"
            " 新华社记者 鞠鹏/摄\n现在，我代表国务院向大会报告工作。",
            "各位代表：\n现在，我代表国务院向大会报告工作。",
            id="caption-paragraph",
        ),
        pytest.param(
            "谱写了人类反贫困历史新篇章。2020年3月6日，习近平在北京出席决战决胜脱贫攻坚座谈会并发表重要讲话。"
            " 新华社记者 鞠鹏/摄第一，创造了我国减贫史上最好成绩。",
            "谱写了人类反贫困历史新篇章。第一，创造了我国减贫史上最好成绩。",
            id="caption-glued-inline",
        ),
        pytest.param(
            "2023年4月3日，习近平总书记出席会议并发表重要讲话。 新华社记者 李学仁、鞠鹏 摄\n同志们：",
            "同志们：",
            id="two-photographers",
        ),
        pytest.param(
            "图为会议现场。人民日报记者 张三 摄\n一、总体要求",
            "图为会议现场。\n一、总体要求",
            id="byline-only",
        ),
        pytest.param(
            "据新华社记者报道，今年粮食产量创新高。",
            "据新华社记者报道，今年粮食产量创新高。",
            id="reporter-in-text-kept",
        ),
    ],
)
def test_news_photo_captions(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("\n\n一、总体要求\n\n\n二、主要任务\n\n", "一、总体要求\n二、主要任务", id="runs"),
        pytest.param("一\n二", "一\n二", id="single-kept"),
    ],
)
def test_collapse_blank_lines(raw: str, expected: str) -> None:
    assert collapse_blank_lines(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(
            SEED_BOILERPLATE
            + "\n1、同志们:"
            + PAGE
            + "被认定新签约\n2、项目少,"
            + PAGE
            + "与\n3、企业构建关系。",
            "同志们：" + PAGE + "被认定新签约项目少，" + PAGE + "与企业构建关系。",
            id="seed-head",
        ),
        pytest.param(
            "**政 府 工 作 报 告**\r\n\r\n各位代表:", "政府工作报告\n各位代表：", id="md-spaces-widths"
        ),
        pytest.param(
            "  （一）指导思想\n\n\n  （二）基本原则  ", "（一）指导思想\n（二）基本原则", id="indents"
        ),
    ],
)
def test_normalize_chain(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_normalize_is_idempotent_on_the_seed(seed_text: str) -> None:
    once = normalize(seed_text)
    assert normalize(once) == once


def test_seed_canonical_text(seed_text: str) -> None:
    text = normalize(seed_text)
    assert text.startswith(SEED_TITLE + "同志们：")
    for noise in ("由会员分享", "课桌文档", "\n2、", "\n7、", ","):
        assert noise not in text
    for joined in (
        "被认定新签约项目少",
        "与企业构建良好的关系",
        "又要在精神状态上找差距",
        "下定决心进行招商引资",
    ):
        assert joined in text


def test_shared_speeches_lose_photo_captions(shared_dir) -> None:
    speeches = shared_dir / "corpora" / "speeches"
    if not speeches.is_dir():
        pytest.skip("../shared/corpora/speeches is not present")
    import speechkit

    for path in sorted(speeches.glob("xi_*.txt")):
        text = speechkit.read(path).text
        assert "新华社记者" not in text, path.name
        assert "/摄" not in text, path.name


def test_headings_of_one_length_are_no_wrap_width() -> None:
    # five section headings happen to share a length and end without a mark: the text is not wrapped
    heads = ["（一）坚持项目为王，稳住经济增长基本盘", "（二）坚持工业强县，加快产业转型升级", "（三）坚持精准施策，打赢脱贫攻坚战役",
             "（四）坚持城乡统筹，建设宜居美丽乡村", "（五）坚持民生优先，提升群众幸福指数"]  # fmt: skip
    text = "\n".join(f"{h}\n全年实施重点项目80个，完成投资60亿元以上。" for h in heads)
    assert normalize(text).split("\n")[0] == heads[0]


# ---- fast paths: each step gives what its plain form gives ----------------------------------------

_RAW = st.text(st.sampled_from("政府工作报告要，。、“”（）  \t\u3000\u3000\n,;:!?()<>!*_-[]12a"), max_size=60)


@settings(max_examples=400, deadline=None)
@example("要\u3000\u3000强化 政 府 ,好:坏!\n\n**加** > 引 __ ![图](a)")
@given(_RAW)
def test_steps_give_what_their_plain_forms_give(text: str) -> None:
    from speechkit import normalize as n

    space = re.compile(rf"(?<=[{n._CJK}，。、；：！？“”（）《》])[ ]+(?=[{n._CJK}，。、；：！？“”（）《》])")
    assert n._SPACE_RE.sub("", text) == space.sub("", text)
    assert collapse_blank_lines(text) == re.sub(r"\n{2,}", "\n", text).strip("\n")
    assert strip_markdown(text) == n._MD_NOISE.sub("", text)
    widths = text.translate(n._FW_TABLE) if n._FULL_WIDTH.search(text) else text
    widths = n._PUNCT_RE.sub(n._full_punct, widths)
    assert unify_widths(text) == n._PAREN_RE.sub(lambda m: f"（{m.group(1)}）", widths)
    plain = text.replace("\r\n", "\n").replace("\r", "\n")
    plain = re.sub("[\ufeff\u200b\u200c\u200d\u2060\u00ad]", "", plain)
    plain = re.sub("(?<=[^\n\u3000 ])[ \t]*\u3000{2,}", "\n", plain)
    plain = plain.replace("\u00a0", " ").replace("\u3000", " ").replace("\t", " ")
    assert clean_invisible(text) == re.sub("[\x00-\x08\x0b-\x1f\x7f]", "", plain)
