"""meta: title, date, speaker, occasion and genre of short synthetic document heads."""

from __future__ import annotations

import pytest

import speechkit
from speechkit.meta import extract_meta, find_date, find_speaker, find_title, guess_genre

SPEECH = "在全市优化营商环境工作会议上的讲话\n（2023年4月3日）\n同志们：\n今天召开会议，我讲三点意见。"
SPEECH_ONE_LINE = "在全市优化营商环境工作会议上的讲话（2023年4月3日）李明同志们：今天召开会议，我讲三点意见。"
REPORT = (
    "政府工作报告\n——2018年3月7日在北京市东城区第十六届人民代表大会第三次会议上\n区长　杨国宏\n各位代表：\n"
    "现在，我代表区人民政府向大会报告工作，请予审议。"
)
REPORT_SPACED_NAME = (
    "政府工作报告\n——2023年1月10日在市第十六届人民代表大会第二次会议上\n市长 王 强\n各位代表："
)
REPORT_REVIEW = "政府工作报告\n各位代表：\n一、2023年工作回顾\n过去一年，经济运行总体回升向好。"
PLAN = (
    "2024年青河区营商环境优化提升行动方案\n为持续优化营商环境，制定本方案。\n一、工作目标\n"
    "到2025年底，营商环境评价进入全省前列。\n二、保障措施\n各责任单位要加强组织领导。\n青河区人民政府办公室\n2024年3月15日"
)
OPINION = "关于进一步加强安全生产工作的实施意见\n各镇人民政府：\n为加强安全生产工作，提出如下意见。\n一、总体要求\n牵头单位：区应急局。"
EXPLANATION = "关于《全市国土空间总体规划》的说明\n同志们：\n受市委委托，我就规划起草情况作说明。"
SEED_HEAD = "在2024年上半年招商引资工作总结暨下半年工作安排部署会议上的讲话同志们：招商引资工作是事关发展、事关全局的重中之重。"

META = [
    pytest.param(
        SPEECH,
        {
            "title": "在全市优化营商环境工作会议上的讲话",
            "date": "2023-04-03",
            "speaker": None,
            "occasion": "全市优化营商环境工作会议",
            "genre": "speech",
        },
        id="speech-date-line",
    ),
    pytest.param(
        SPEECH_ONE_LINE,
        {
            "title": "在全市优化营商环境工作会议上的讲话",
            "date": "2023-04-03",
            "speaker": "李明",
            "occasion": "全市优化营商环境工作会议",
            "genre": "speech",
        },
        id="speech-glued-byline",
    ),
    pytest.param(
        SEED_HEAD,
        {
            "title": "在2024年上半年招商引资工作总结暨下半年工作安排部署会议上的讲话",
            "date": "2024",
            "speaker": None,
            "occasion": "2024年上半年招商引资工作总结暨下半年工作安排部署会议",
            "genre": "speech",
        },
        id="seed-head-year-only",
    ),
    pytest.param(
        REPORT,
        {
            "title": "政府工作报告",
            "date": "2018-03-07",
            "speaker": "杨国宏",
            "occasion": "北京市东城区第十六届人民代表大会第三次会议",
            "genre": "report",
        },
        id="report-dateline-and-district-head",
    ),
    pytest.param(
        REPORT_SPACED_NAME,
        {
            "title": "政府工作报告",
            "date": "2023-01-10",
            "speaker": "王强",
            "occasion": "市第十六届人民代表大会第二次会议",
            "genre": "report",
        },
        id="report-spaced-name",
    ),
    pytest.param(
        REPORT_REVIEW,
        {"title": "政府工作报告", "date": "2024", "speaker": None, "occasion": None, "genre": "report"},
        id="report-year-after-review",
    ),
    pytest.param(
        PLAN,
        {
            "title": "2024年青河区营商环境优化提升行动方案",
            "date": "2024-03-15",
            "speaker": None,
            "occasion": None,
            "genre": "plan",
        },
        id="plan-date-line-at-end",
    ),
    pytest.param(
        OPINION,
        {
            "title": "关于进一步加强安全生产工作的实施意见",
            "date": None,
            "speaker": None,
            "occasion": None,
            "genre": "plan",
        },
        id="plan-opinion-no-date",
    ),
    pytest.param(
        EXPLANATION,
        {
            "title": "关于《全市国土空间总体规划》的说明",
            "date": None,
            "speaker": None,
            "occasion": None,
            "genre": "speech",
        },
        id="explanation-is-a-speech",
    ),
]


@pytest.mark.parametrize(("head", "expected"), META)
def test_meta(head: str, expected: dict[str, str | None]) -> None:
    assert speechkit.from_text(head).meta.to_dict() == expected


def test_speaker_on_own_line_after_date() -> None:
    text = "在全市优化营商环境工作会议上的讲话\n（2023年4月3日）\n张明\n同志们：\n今天召开会议。"
    assert find_speaker(text) == "张明"


@pytest.mark.parametrize(
    ("text", "date"),
    [
        pytest.param("在学习贯彻…工作会议上的讲话（2023年4月3日）习近平", "2023-04-03", id="paren-date"),
        pytest.param("政府工作报告\n——2018年3月7日在区人民代表大会上", "2018-03-07", id="dash-dateline"),
        pytest.param(
            "实施方案\n一、目标\n到2030年全面建成。\n某某办公室\n2024年3月5日", "2024-03-05", id="date-at-end"
        ),
        pytest.param("2022年12月工作要点\n一、任务", "2022-12", id="year-month"),
        pytest.param("同志们：今天召开会议。", None, id="no-date"),
    ],
)
def test_find_date(text: str, date: str | None) -> None:
    assert find_date(text) == date


@pytest.mark.parametrize(
    ("text", "container", "title"),
    [
        pytest.param(
            "在打好精准脱贫攻坚战座谈会上的讲话（2018年2月12日）",
            None,
            "在打好精准脱贫攻坚战座谈会上的讲话",
            id="speech-title",
        ),
        pytest.param(
            "2024年政府\n工作报告\n各位代表：", None, "2024年政府工作报告", id="title-over-two-lines"
        ),
        pytest.param(
            "各位代表：现在，我代表市人民政府向大会报告工作。",
            "市政府工作报告",
            "市政府工作报告",
            id="container-title-as-fallback",
        ),
        pytest.param("各位代表：现在，我代表市人民政府向大会报告工作。", None, None, id="none"),
    ],
)
def test_find_title(text: str, container: str | None, title: str | None) -> None:
    assert find_title(text, container) == title


@pytest.mark.parametrize(
    ("text", "title", "genre"),
    [
        pytest.param("", "在全县安全生产工作会议上的讲话", "speech", id="speech-title"),
        pytest.param("", "2023年国民经济和社会发展统计公报", "report", id="bulletin"),
        pytest.param("各位代表：现在，我代表市人民政府向大会报告工作。", None, "report", id="report-cues"),
        pytest.param("一、工作目标\n牵头单位：区发改委\n责任单位：各镇", None, "plan", id="plan-cues"),
        pytest.param("今天天气很好。", None, "speech", id="default"),
    ],
)
def test_guess_genre(text: str, title: str | None, genre: str) -> None:
    assert guess_genre(text, title) == genre


def test_container_date_wins() -> None:
    meta = extract_meta("在全市工作会议上的讲话（2023年4月3日）", {"date": "2023-04-04"})
    assert meta.date == "2023-04-04"
