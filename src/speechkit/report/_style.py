"""Labels and colours the HTML report and the matplotlib plots share.

Colours come from the Okabe–Ito palette, which stays distinguishable with the common colour-vision
deficiencies; the report never relies on colour alone (every kind also has its own underline style and
a text label).
"""

from __future__ import annotations

KIND_ORDER = ("target", "problem", "task")
KIND_LABEL = {"target": "目标", "problem": "问题", "task": "任务"}
# strong colour (bars, borders, badges) per kind
KIND_COLOUR = {"target": "#009E73", "problem": "#D55E00", "task": "#0072B2"}

STATUS_ORDER = ("已完成", "进行中", "未开始", "滞后", "无数据")
STATUS_COLOUR = {
    "已完成": "#009E73",
    "进行中": "#0072B2",
    "未开始": "#E69F00",
    "滞后": "#D55E00",
    "无数据": "#8C8C8C",
}
GENRE_LABEL = {"speech": "讲话", "report": "报告", "plan": "方案"}

# The font stack of the HTML report: local CJK fonts first, never a web font.
CJK_FONT_STACK = (
    '"Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Micro Hei", "Source Han Sans SC", '
    '"Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "SimHei", sans-serif'
)


def short_title(marker: str, title: str, width: int = 12) -> str:
    """A section's label for a chart axis: marker plus title, a long title cut to its last clause.

    >>> short_title("一、", "以“等不起、慢不得、坐不住”的姿态，抓实招商引资")
    '一、抓实招商引资'
    >>> short_title("（二）", "优化营商环境")
    '（二）优化营商环境'
    """
    body = title.rsplit("，", 1)[-1] if len(title) > width else title
    return marker + body
