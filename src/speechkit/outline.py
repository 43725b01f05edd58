"""Canonical text → outline: the hierarchy of numbered points, with character offsets.

Marker families, from the top down (``RANK``): markdown headings; 第一部分/第一章; 一、 and 第一个问题；
（一）; 1. / 1、; （1）; ①; in-paragraph 一是 / 第一， / 首先…最后; dash bullets ——.

A marker counts at a line start, or inside a paragraph right after a sentence end (。！？；：), and only
in sequence: the first point of a family is number one, each next one the successor of an open point of
the same family (or a new list under the current point). So a stray 三、 in a quotation, a chunk
marker or a date does not open a point.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from importlib import resources

from .document import Section, Span

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
# one to three numerals, the first written apart: a pattern opening with a character class scans fast
_CN_NUM = "[一二三四五六七八九十][一二三四五六七八九十]{0,2}"


def cn_int(s: str) -> int:
    """Value of a small Chinese numeral (1–99).

    >>> cn_int("十二"), cn_int("二十"), cn_int("三")
    (12, 20, 3)
    """
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    return _CN_DIGITS.get(s, 0)


# family: (rank, inline-capable, regex with a group "n")
_FAMILIES: dict[str, tuple[float, re.Pattern[str]]] = {
    "part": (1, re.compile(rf"第(?P<n>{_CN_NUM})(?:部分|章|篇)[、，：:\s]?")),
    "question": (2, re.compile(rf"第(?P<n>{_CN_NUM})个(?:问题|方面)[，：:、]")),
    "cn": (2, re.compile(rf"(?P<n>{_CN_NUM})、")),
    "paren_cn": (3, re.compile(rf"[（(](?P<n>{_CN_NUM})[）)]")),
    "num": (4, re.compile(r"(?P<n>\d\d?)(?:[.．](?!\d)|、)")),
    "paren_num": (5, re.compile(r"[（(](?P<n>\d{1,2})[）)]")),
    "circled": (6, re.compile(r"(?P<n>[①-⑳])")),
    "ordinal_di": (7, re.compile(rf"第(?P<n>{_CN_NUM})[，,、：:](?!个)")),
    "ordinal_is": (8, re.compile(rf"(?P<n>{_CN_NUM})(?:是|要)(?![的否求素])")),
    "sequence": (9, re.compile(r"(?P<n>首先|其次|再次|然后|最后)[，,：:]")),
    "dash": (10, re.compile(r"(?P<n>——)(?!——)")),
}
_SEQUENCE = {"首先": 1, "其次": 2, "再次": 3, "然后": 3, "最后": 4}
_MD_HEADING = re.compile(r"(?P<hashes>##{0,5})[ \t]+(?P<rest>[^\n]*)")
# After these a marker may open a point inside a paragraph.
_SENTENCE_END = "。！？；：!?;:"
_CLOSE_QUOTE = "”’」』）)"


@dataclass
class _Open:
    style: str
    rank: float
    n: int
    marker: str
    start: int
    body: int  # offset just after the marker
    line_start: bool
    children: list[_Open] = field(default_factory=list)
    end: int = -1


@functools.cache
def closing_cues() -> tuple[str, ...]:
    """Paragraph openings that close a document (``data/closing_cues.txt``)."""
    path = resources.files("speechkit") / "data" / "closing_cues.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(x.strip() for x in lines if x.strip() and not x.startswith("#"))


@functools.cache
def transition_cues() -> tuple[str, ...]:
    """Sentence openings that end an in-paragraph enumeration (``data/transition_cues.txt``)."""
    path = resources.files("speechkit") / "data" / "transition_cues.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(x.strip() for x in lines if x.strip() and not x.startswith("#"))


def paragraphs(text: str) -> tuple[Span, ...]:
    """Spans of the non-empty lines of ``text``.

    >>> paragraphs("一、总体要求\\n要坚持问题导向。")
    (Span(start=0, end=6), Span(start=7, end=15))
    """
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append(Span(pos, pos + len(line)))
        pos += len(line) + 1
    return tuple(out)


_COUNTING = re.compile(r"[一二三四五六七八九十]{1,2}、")


def _candidates(text: str) -> list[tuple[int, str, float, int, str, bool]]:
    """Every place a marker may stand: (pos, style, rank, n, marker, at_line_start)."""
    found = []
    line_starts = {0} | {m.end() for m in re.finditer("\n", text)}
    for m in _MD_HEADING.finditer(text):
        if m.start() in line_starts:
            found.append((m.start(), "md", len(m.group("hashes")) * 0.1, 0, m.group("hashes"), True))
    for style, (rank, pattern) in _FAMILIES.items():
        for m in pattern.finditer(text):
            pos = m.start()
            at_line = pos in line_starts
            if not at_line:
                prev = text[pos - 1]
                if prev in _CLOSE_QUOTE and pos >= 2:
                    prev = text[pos - 2]
                if prev not in _SENTENCE_END:
                    # 一是 and dash bullets also follow a comma inside a sentence list
                    if not (style in ("ordinal_is",) and prev in "，,"):
                        continue
            raw_n = m.group("n")
            if style in ("num", "paren_num"):
                n = int(raw_n)
            elif style == "circled":
                n = ord(raw_n) - ord("①") + 1
            elif style == "sequence":
                n = _SEQUENCE[raw_n]
            elif style == "dash":
                if not at_line or re.match(r"\s*(?:19|20)\d\d年", text[m.end() : m.end() + 8]):
                    continue  # ——2025年1月7日在…会议上 is a dateline, no bullet
                n = 0
            else:
                n = cn_int(raw_n)
            if style == "num" and not at_line and not text[m.end() : m.end() + 1].strip():
                continue
            if style == "cn" and _COUNTING.match(text, m.end()):
                continue  # 一、二、三产增加值: numerals counted off, no marker
            found.append((pos, style, rank, n, m.group(0), at_line))
    found.sort(key=lambda c: (c[0], c[2]))
    # one marker per position: the highest-ranked family that matched there
    out, seen = [], set()
    for c in found:
        if c[0] in seen:
            continue
        seen.add(c[0])
        out.append(c)
    return out


def _successor(style: str, prev: int, n: int) -> bool:
    if style == "dash":
        return True
    if style == "sequence":
        return n > prev or (prev >= 2 and n == 4)
    return n == prev + 1


def _parse(text: str) -> list[_Open]:
    roots: list[_Open] = []
    stack: list[_Open] = []
    last_seen: dict[str, int] = {}  # numbering that runs on across parents (（三） under 二、)
    for pos, style, rank, n, marker, at_line in _candidates(text):
        if style == "md":
            while stack and (stack[-1].style != "md" or stack[-1].rank >= rank):
                stack.pop()
            node = _Open(style, rank, n, marker, pos, pos + len(marker), True)
            (stack[-1].children if stack else roots).append(node)
            stack.append(node)
            continue
        same = next((i for i in range(len(stack) - 1, -1, -1) if stack[i].style == style), None)
        inline = not at_line
        if same is not None and _successor(style, stack[same].n, n):
            # an inline successor must not jump out of the paragraph of a line-level list
            del stack[same:]
        elif (
            n == 1
            or style == "dash"
            or (
                at_line
                and same is None
                and style in ("paren_cn", "num", "paren_num")
                and last_seen.get(style) == n - 1
            )
        ):
            intro = text[:pos].rstrip()[-1:] in "：:"
            if intro and same is not None and stack[-1].style == style:
                pass  # a list a point introduces with a colon nests under it (七是…十件民生实事：一是…)
            elif same is not None and not any(s.rank < rank for s in stack[same + 1 :]):
                del stack[same:]  # restart of a list at the same place
            if not inline and not (intro and stack and stack[-1].style == style):
                # a line-level point cannot sit under a deeper or equal-ranked point
                while stack and stack[-1].rank >= rank and stack[-1].style not in ("md",):
                    stack.pop()
        else:
            continue
        node = _Open(style, rank, n, marker, pos, pos + len(marker), at_line)
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
        last_seen[style] = n
    return roots


def _para_end(text: str, pos: int) -> int:
    nl = text.find("\n", pos)
    return len(text) if nl < 0 else nl


def _transition_start(text: str, start: int, end: int) -> int:
    """First sentence in ``text[start:end]`` that opens with a transition cue (同志们, 大家要 …), or end."""
    cues = transition_cues()
    for m in _SENT_START.finditer(text, start, end):
        if text.startswith(cues, m.end()):
            return m.end()
    return end


_SENT_START = re.compile(r"[。！？!?…]”?")


def _close(nodes: list[_Open], end: int, text: str) -> None:
    for i, node in enumerate(nodes):
        last = i + 1 == len(nodes)
        nxt = nodes[i + 1].start if not last else end
        if not node.line_start:
            cut = min(nxt, _para_end(text, node.start))
            if last:
                cut = _transition_start(text, node.body, cut)
            # an inline point ends with its paragraph, unless children of its own run on past it
            if not node.children or node.children[-1].start < cut:
                nxt = cut
        node.end = nxt
        _close(node.children, node.end, text)


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \n":
        end -= 1
    return end


_HEAD_WORDS = re.compile(r"(?:工作|问题|情况|任务|要求|意见|建设|发展|改革|部署|形势)")


def heading_title(text: str) -> str:
    """The lead phrase of a point from the text after its marker.

    Up to the first sentence end; a heading whose line break was lost
    (关于前一段疫情防控工作新冠肺炎疫情发生后…) is cut after its head word.

    >>> heading_title("考核成绩差。在重特大产业项目招引考核中")
    '考核成绩差'
    >>> heading_title("关于前一段疫情防控工作新冠肺炎疫情发生后，党中央高度重视")
    '关于前一段疫情防控工作'
    """
    m = re.search(r"[。！？：；!?:;\n]", text)
    title = text[: m.start()] if m else text[:60]
    if title.startswith("关于") and len(title) > 14:
        h = _HEAD_WORDS.search(title, 4)
        if h and h.end() <= 30:
            return title[: h.end()]
    if len(title) > 40:
        comma = title.find("，")
        if 0 < comma <= 40:
            title = title[:comma]
        else:
            title = title[:40]
    return title.strip(' “”"，,、')


def _freeze(node: _Open, text: str, level: int, index: int) -> Section:
    end = _trim_end(text, node.start, node.end)
    children = tuple(_freeze(c, text, level + 1, i) for i, c in enumerate(node.children))
    body = node.body
    if node.style == "md":
        head_end = _para_end(text, node.start)
        title = text[body:head_end].strip()
    else:
        head_end = _para_end(text, node.start) if node.line_start else end
        title = heading_title(text[body:end])
    marker = node.marker.rstrip("，,：: \t")
    return Section(
        marker=marker,
        style=node.style,
        level=level,
        title=title,
        start=node.start,
        end=end,
        head_end=min(head_end, end),
        index=index,
        children=children,
        inline=not node.line_start,
    )


def _closing_start(text: str, roots: list[_Open]) -> int:
    """Where a closing paragraph after the last top-level point begins (or the text's end)."""
    if not roots:
        return len(text)
    last = roots[-1]
    while last.children:  # search after the last marker anywhere in the tree
        last = last.children[-1]
    cues = closing_cues()
    pos = text.find("\n", last.start)
    while pos >= 0:
        para = text[pos + 1 : pos + 40]
        if para.startswith(cues):
            return pos
        pos = text.find("\n", pos + 1)
    return len(text)


def outline(text: str) -> tuple[Section, ...]:
    """The outline of a canonical text.

    >>> secs = outline("讲话。一、抓实招商引资。一是考核成绩差。二是推进效率慢。二、抓细招商引资。要突出优势。")
    >>> [(s.marker, s.title, [c.title for c in s.children]) for s in secs]
    [('一、', '抓实招商引资', ['考核成绩差', '推进效率慢']), ('二、', '抓细招商引资', [])]
    """
    roots = _parse(text)
    _close(roots, _closing_start(text, roots), text)
    return tuple(_freeze(r, text, 1, i) for i, r in enumerate(roots))
