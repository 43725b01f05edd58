"""Document metadata from the canonical text: title, date, speaker, occasion, genre."""

from __future__ import annotations

import re

from .document import Meta

_DATE_RE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*年\s*(?:(?P<m>1[0-2]|0?[1-9])\s*月\s*(?:(?P<d>3[01]|[12]\d|0?[1-9])\s*日)?)?"
)
_SPEECH_TITLE = re.compile(
    r"(?:关于[^。\n]{2,80}?的说明|在[^。\n]{2,80}?(?:会议|座谈会|大会|会|仪式|论坛|班|典礼)(?:上|开幕式上|闭幕式上)?的(?:讲话|致辞|报告|发言|总结讲话|动员讲话))"
)
_DOC_TITLE = re.compile(
    r"[^。\n，]{2,60}?(?:政府工作报告|工作报告|实施方案|工作方案|行动方案|行动计划|工作要点|若干措施|若干意见|指导意见|实施意见|意见|通知|规划纲要|规划|决定|办法|统计公报)"
)
_SPEAKER = re.compile(
    r"(?:^|\n|）|\))(?:[^\n。]{0,30}?(?:人民政府|委员会|国务院)?(?:代理|代)?(?:区长|市长|县长|州长|省长|主席|总理|书记|局长|主任))?\s*(?P<name>[\u4e00-\u9fff]{2,3}|[\u4e00-\u9fff] [\u4e00-\u9fff])\s*(?=\n|各位代表|同志们)"
)
_GENRE_CUES = (
    ("report", ("政府工作报告", "各位代表", "工作回顾", "预期目标", "统计公报")),
    (
        "plan",
        (
            "实施方案",
            "工作方案",
            "行动方案",
            "行动计划",
            "工作要点",
            "若干措施",
            "意见",
            "规划",
            "牵头",
            "责任单位",
        ),
    ),
    ("speech", ("讲话", "同志们", "致辞", "我讲", "我再强调", "发言", "说明")),
)


def find_date(text: str) -> str | None:
    """The document's date: a dated line near the top (（2023年4月3日）, ——2018年3月7日在…), else the
    first full date or year in the title area.

    >>> find_date("在学习贯彻…工作会议上的讲话（2023年4月3日）习近平")
    '2023-04-03'
    >>> find_date("在2024年上半年招商引资工作总结暨下半年工作安排部署会议上的讲话同志们：")
    '2024'
    """
    for part in (text[:400], text[-300:]):
        m = re.search(
            r"(?:^|\n)[（(—\s]*(?P<y>(?:19|20)\d{2})年(?P<m>1[0-2]|0?[1-9])月(?P<d>3[01]|[12]\d|0?[1-9])日[）)]?(?:\n|$)",
            part,
        )
        if m:
            return f"{int(m.group('y')):04d}-{int(m.group('m')):02d}-{int(m.group('d')):02d}"
    head = text[:400]
    for m in _DATE_RE.finditer(head):
        if m.group("d"):
            return f"{int(m.group('y')):04d}-{int(m.group('m')):02d}-{int(m.group('d')):02d}"
    m = _DATE_RE.search(text[:200])
    if m:
        if m.group("m"):
            return f"{int(m.group('y')):04d}-{int(m.group('m')):02d}"
        return m.group("y")
    return None


def find_title(text: str, container_title: str | None = None) -> str | None:
    """The document's title: a speech title (在…会议上的讲话), a report or plan title, else the first
    short line, else the container's title (HTML ``<title>``, docx core properties, front matter).

    >>> find_title("在2024年上半年招商引资工作总结暨下半年工作安排部署会议上的讲话同志们：招商引资工作是…")
    '在2024年上半年招商引资工作总结暨下半年工作安排部署会议上的讲话'
    """
    head = text[:300]
    m = _SPEECH_TITLE.search(head)
    if m and m.start() < 120:
        return m.group(0)
    lines = head.split("\n")
    if len(lines) > 1 and _DOC_TITLE.fullmatch(lines[0] + lines[1]) and len(lines[1]) < 30:
        return lines[0] + lines[1]
    for first in lines[:3]:
        first = first.strip()
        if (
            4 <= len(first) <= 60
            and not re.search("[。，；：:]", first)
            and not first.startswith(("—", "-", "（", "(", "各位", "同志", "[", ">", "#"))
            and not re.match(r"[一二三四五六七八九十]+、|第[一二三四五六七八九十]+[部章]|\d+[.、]", first)
            and not re.search(r"(?:区长|市长|县长|州长|省长|总理)", first)
            and not re.search(r"在[^。]{2,60}会议(?:[^。]{0,12})?上$|会议通过$", first)
        ):
            return first
    m = _DOC_TITLE.search(head[:120])
    if m and m.start() < 20:
        return m.group(0)
    return container_title.strip() if container_title and container_title.strip() else None


def guess_genre(text: str, title: str | None) -> str:
    """``speech``, ``report`` or ``plan`` from the title and the cues of the first pages.

    >>> guess_genre("各位代表：现在，我代表市人民政府向大会报告工作", "政府工作报告")
    'report'
    """
    t = title or ""
    if "讲话" in t or "致辞" in t or "说明" in t:
        return "speech"
    if "各位代表" in text[:1500] and ("报告" in text[:1500] or "工作回顾" in text):
        return "report"  # spoken to a people's congress: a government work report
    if "报告" in t or "公报" in t:
        return "report"
    head = text[:3000]
    scores = {g: sum(head.count(c) for c in cues) for g, cues in _GENRE_CUES}
    if any(x in t for x in ("方案", "意见", "计划", "要点", "措施", "规划", "通知")):
        scores["plan"] += 5
    best = max(scores, key=lambda g: scores[g])
    return best if scores[best] else "speech"


def find_speaker(text: str) -> str | None:
    """The speaker or reporter when a byline names one (区长　杨国宏 → 杨国宏; （2023年4月3日）习近平)."""
    m = re.search(r"[）)]\n?(?P<name>[\u4e00-\u9fff]{2,3})(?=[\s　]|此前|党的|同志们|各位)", text[:300])
    if m and not m.group("name").startswith(("在", "的", "同志")):
        return m.group("name")
    m = re.search(
        r"(?:区长|市长|县长|州长|省长|总理|主席|书记|局长|主任)[\s　]*(?P<name>[\u4e00-\u9fff](?:[\s　]*[\u4e00-\u9fff]){1,2})(?=\s*\n)",
        text[:400],
    )
    if m:
        return re.sub(r"[\s　]", "", m.group("name"))
    return None


def find_occasion(text: str, title: str | None) -> str | None:
    """The meeting or event: 在…会议上 of the title or the dateline.

    >>> find_occasion("", "在打好精准脱贫攻坚战座谈会上的讲话")
    '打好精准脱贫攻坚战座谈会'
    """
    for src in (title or "", text[:300]):
        m = re.search(
            r"在(?P<occ>[^。\n]{2,80}?(?:会议|座谈会|大会|会|仪式|论坛|班|典礼))(?:第[一二三四五六七八九十]次全体会议)?上",
            src,
        )
        if m:
            return re.sub(r"^(?:\d{4}年\d{1,2}月\d{1,2}日)", "", m.group("occ"))
    return None


def extract_meta(text: str, container: dict[str, str] | None = None) -> Meta:
    """All metadata of a canonical text; ``container`` is what the file format stated."""
    container = container or {}
    title = find_title(text, container.get("title"))
    date = container.get("date") or find_date(text)
    review = re.search(r"((?:19|20)\d{2})年(?:政府)?工作回顾", text[:3000])
    if review and (date is None or date == review.group(1)):
        date = str(int(review.group(1)) + 1)
    if date is None and title:
        m = _DATE_RE.search(title)
        date = m.group("y") if m else None
    return Meta(
        title=title,
        date=date,
        speaker=find_speaker(text),
        occasion=find_occasion(text, title),
        genre=guess_genre(text, title),
    )
