"""Candidate units: the stretches of text that can become one item.

ANNOTATION.md fixes how much text an item covers; this module turns a document's outline and
paragraphs into exactly those stretches, before anyone decides their kind:

- ``point``: a numbered point without children, marker to the next marker of the same or higher level;
- ``section``: a numbered point with children: its heading sentence plus the lead-in before the first child;
- ``paragraph``: a paragraph under a part heading, or a lead-sentence paragraph of a report section;
- ``chunk``: text before the first or after the last point of a list, split at paragraphs and transitions;
- ``sentence``: one sentence of a paragraph or chunk (for problems stated without numbers).

Part headings that only name a period or topic (一、2024年工作回顾) give no unit; review parts are flagged,
since what was already done is no target.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

from ..document import Document, Section
from ..errors import RuleFileError
from ..outline import transition_cues

# where a sentence ends: a run of end marks (with a closing quote), or a line break
_SENT_END = re.compile(r"[。！？!?]+[”’」』]?|\n")


@dataclass(frozen=True)
class Unit:
    """A candidate stretch ``[start, end)`` of the canonical text, with its place in the outline.

    >>> Unit(0, 9, "point", "一.1", None, "考核成绩差", 2, False, "一是").role
    'point'
    """

    start: int
    end: int
    role: str
    section: str | None
    parent: int | None
    title: str
    depth: int
    in_review: bool
    marker: str | None = None
    has_children: bool = False


@functools.cache
def _lines(name: str) -> tuple[str, ...]:
    path = resources.files("speechkit") / "data" / "cues" / name
    return tuple(
        x.strip()
        for x in path.read_text(encoding="utf-8").splitlines()
        if x.strip() and not x.startswith("#")
    )


@functools.cache
def part_heading_patterns() -> tuple[re.Pattern[str], ...]:
    """Patterns of titles that only name a period or topic (``data/cues/part_heading.txt``)."""
    out = []
    for lineno, line in enumerate(_lines("part_heading.txt"), 1):
        try:
            out.append(re.compile(line))
        except re.error as exc:
            raise RuleFileError(f"cues/part_heading.txt:{lineno}: {exc}") from exc
    return tuple(out)


def is_part_heading(section: Section, text: str) -> bool:
    """True for a heading that only names a period or topic: 一、2024年工作回顾, 二、2025年工作安排.

    >>> from speechkit.document import Section
    >>> is_part_heading(Section("一、", "cn", 1, "2017年工作回顾", 0, 12, 12, 0), "一、2017年工作回顾")
    True
    """
    if section.inline:
        return False
    head = text[section.start : section.head_end]
    body = head[len(section.marker) :].strip().rstrip("。：:")
    if "。" in body or len(body) > 24:
        return False
    return any(p.search(body) for p in part_heading_patterns())


_PAST_MARK = re.compile(r"了|同比|比上年|较上年|累计|首次|荣获|被评为|达到\d|增长\d|下降\d|完成\d|实现\d")
_AHEAD_MARK = re.compile(r"要|将|力争|确保|今年|明年|加快|推动|坚持")


def is_review(section: Section, text: str = "", genre: str | None = None) -> bool:
    """A report's review part: a heading with a review cue (工作回顾, 过去一年…), or, in a report, a top
    part whose heading claims results (…取得新成绩) and whose text reads as done rather than to do.

    >>> from speechkit.document import Section
    >>> is_review(Section("一、", "cn", 1, "2022年政府工作回顾", 0, 12, 12, 0))
    True
    """
    if any(cue in section.title for cue in _lines("review.txt")):
        return True
    if genre not in ("report", "speech") or section.level != 1 or section.index != 0 or not text:
        return False
    if re.search(r"今年|明年|安排|任务|目标|计划|展望|(?:19|20)\d\d年(?:主要|重点)?工作$", section.title):
        return False
    body = text[section.start : min(section.end, section.start + 4000)]
    past = len(_PAST_MARK.findall(body))
    ahead = len(_AHEAD_MARK.findall(body))
    return past >= 10 and past > 1.5 * ahead


def sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentence spans inside ``text[start:end]`` (ends at 。！？ and line breaks).

    >>> list(sentences("一是考核成绩差。得分偏低。", 0, 13))
    [(0, 8), (8, 13)]
    """
    out = []
    pos = start
    for m in _SENT_END.finditer(text, start, end):
        a, b = m.span()
        if text[a] != "\n":
            out.append((pos, b))
        elif a == end - 1 and a > pos:
            out.append((pos, a))  # a fragment before the final line break still ends a sentence
        # any other line break drops the fragment before it: a line without an end mark is no sentence
        pos = b
    if pos < end:
        out.append((pos, end))
    for s, e in out:
        while s < e and text[s] == " ":
            s += 1
        if s < e:
            yield s, e


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \n":
        start += 1
    while end > start and text[end - 1] in " \n":
        end -= 1
    return start, end


def _label(section: Section) -> str:
    m = section.marker
    if section.style in ("cn", "question", "part"):
        return re.sub(r"[^一二三四五六七八九十]", "", m.replace("第", "").replace("个问题", "")) or m
    if section.style in ("paren_cn", "paren_num"):
        return m.replace("(", "（").replace(")", "）")
    if section.style == "num":
        return re.sub(r"\D", "", m)
    return str(section.index + 1)


def _chunks(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Paragraphs of ``text[start:end]``, each split again where a transition sentence begins."""
    cues = transition_cues()
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        cut = pos
        for s, _e in sentences(text, pos, stop):
            if s > pos and text.startswith(cues, s):
                a, b = _trim(text, cut, s)
                if b > a:
                    yield a, b
                cut = s
        a, b = _trim(text, cut, stop)
        if b > a:
            yield a, b
        pos = stop + 1


# a responsibility clause closes a plan's task: （人力资源社会保障部、财政部负责）
_CLOSES_TASK = re.compile(r"[（(][^（）()\n]{2,120}(?:负责|牵头|配合|落实)[^（）()\n]{0,30}[）)]。?$")
# signature, dateline and publication notes: never items
_SIGNATURE = re.compile(
    r"(?:[\u4e00-\u9fff]{2,20}(?:人民政府|办公厅|办公室|委员会|国务院|中共中央|部|局|厅))|"
    r"(?:(?:19|20)\d{2}年\d{1,2}月\d{1,2}日)|[（(](?:此件[^）)]{0,10}|联系人[^）)]{0,30})[）)]"
)


def _lead_sentence(text: str, start: int, end: int) -> bool:
    """A paragraph that opens with a short lead sentence (实施扩大内需战略。…)."""
    m = re.match(r"[^。！？\n]{2,34}[。！]", text[start:end])
    return bool(m) and m.end() < end - start and m.group(0).count("，") <= 1


def _heading_only(text: str, start: int, end: int, marker: str) -> bool:
    body = text[start + len(marker) : end]
    return "。" not in body.rstrip("。") and len(body) <= 40


class _Builder:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.text = doc.text
        self.units: list[Unit] = []

    def add(
        self,
        start: int,
        end: int,
        role: str,
        section: str | None,
        parent: int | None,
        title: str,
        depth: int,
        review: bool,
        marker: str | None = None,
        has_children: bool = False,
    ) -> int:
        start, end = _trim(self.text, start, end)
        if end - start < 2 or _SIGNATURE.fullmatch(self.text, start, end):
            return -1
        self.units.append(Unit(start, end, role, section, parent, title, depth, review, marker, has_children))
        return len(self.units) - 1

    def loose(
        self, start: int, end: int, section: str | None, parent: int | None, depth: int, review: bool
    ) -> None:
        for a, b in _chunks(self.text, start, end):
            title = re.split(r"[，。：；！？]", self.text[a:b], maxsplit=1)[0][:30]
            self.add(a, b, "chunk", section, parent, title, depth, review)

    def node(self, sec: Section, path: str | None, parent: int | None, depth: int, review: bool) -> None:
        text = self.text
        label = _label(sec)
        here = f"{path}.{label}" if path else label
        review = review or is_review(sec, text, self.doc.meta.genre)
        part = is_part_heading(sec, text)
        if sec.children:
            first = sec.children[0].start
            if part:
                uid = parent
                head_end = min(sec.head_end, first)
                for a, b in _chunks(text, head_end, first):
                    self.add(a, b, "paragraph", here, parent, text[a:b][:30], depth, review)
            else:
                uid = self.add(
                    sec.start, first, "section", here, parent, sec.title, depth, review, sec.marker, True
                )
                uid = parent if uid < 0 else uid
            for child in sec.children:
                self.node(child, here, uid, depth + 1, review)
            tail = sec.children[-1].end
            if tail < sec.end:
                self.loose(tail, sec.end, here, uid, depth + 1, review)
            return
        if part:
            self.loose(sec.head_end, sec.end, here, parent, depth, review)
            return
        paras = [(p.start, p.end) for p in self.doc.paragraphs if sec.start <= p.start < sec.end]
        if not sec.inline and len(paras) > 1:
            rest = paras[1:]
            head_only = _heading_only(text, paras[0][0], paras[0][1], sec.marker)
            leads = sum(_lead_sentence(text, a, min(b, sec.end)) for a, b in rest)
            # report rule 8: lead-sentence paragraphs are tasks of their own; other paragraphs are the
            # body of the point (a bare heading line with its body is one item)
            if len(rest) >= 2 and leads * 2 >= len(rest) and (head_only or leads >= 1):
                uid = self.add(
                    sec.start,
                    paras[0][1],
                    "section",
                    here,
                    parent,
                    sec.title,
                    depth,
                    review,
                    sec.marker,
                    True,
                )
                uid = parent if uid < 0 else uid
                for a, b in rest:
                    b = min(b, sec.end)
                    self.add(
                        a,
                        b,
                        "paragraph",
                        here,
                        uid,
                        re.split(r"[。！]", text[a:b], maxsplit=1)[0][:34],
                        depth + 1,
                        review,
                    )
                return
        if not sec.inline and len(paras) > 1 and _CLOSES_TASK.search(text, paras[0][0], paras[0][1]):
            self.add(sec.start, paras[0][1], "point", here, parent, sec.title, depth, review, sec.marker)
            self.loose(paras[1][0], sec.end, path, parent, depth, review)
            return
        self.add(sec.start, sec.end, "point", here, parent, sec.title, depth, review, sec.marker)


def units(doc: Document) -> list[Unit]:
    """All candidate units of a document, in document order (sentences not included).

    >>> from speechkit.load import from_text
    >>> doc = from_text("同志们：\\n一、抓实招商引资。存在三个不足。一是考核成绩差。二是推进效率慢。大家要找差距。")
    >>> [(u.role, u.title) for u in units(doc)]
    [('chunk', '同志们'), ('section', '抓实招商引资'), ('point', '考核成绩差'), ('point', '推进效率慢'), ('chunk', '大家要找差距')]
    """
    b = _Builder(doc)
    roots = doc.outline
    if not roots:
        b.loose(0, len(doc.text), None, None, 0, False)
        return b.units
    b.loose(0, roots[0].start, None, None, 0, False)
    for sec in roots:
        b.node(sec, None, None, 0, False)
    b.loose(roots[-1].end, len(doc.text), None, None, 0, False)
    # gaps between top-level points (text the outline left out)
    for prev, nxt in itertools.pairwise(roots):
        if nxt.start - prev.end > 2:
            b.loose(prev.end, nxt.start, None, None, 0, False)
    b.units.sort(key=lambda u: u.start)
    return b.units
