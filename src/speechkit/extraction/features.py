"""Features of candidate units, sentences and clauses for the kind model.

Each candidate becomes a *record*: a string for character n-grams (the candidate's text, then
``\\x00`` and its context: the lead-in that introduces it) and a short vector of dense cue features.
Both functions are module-level so a trained pipeline refers to them by name.
"""

from __future__ import annotations

import math
import re
from itertools import repeat
from operator import add

from .cues import scores as cue_scores
from .units import Unit

ROLES = ("point", "section", "paragraph", "chunk", "sentence", "clause")
GENRES = ("speech", "report", "plan")
_PROBLEM_ANNOUNCE = re.compile(
    r"(?:存在|面临|还有|仍有|依然|突出|主要)[^。]{0,12}(?:不足|问题|短板|差距|困难|挑战|弱项)|(?:不足|问题|短板|差距)(?:主要)?(?:是|有|表现在)"
)
_DIRECTIVE_HEAD = re.compile(
    r"^(?:[一二三四五六七八九十\d（）()、.是第，]{0,6})?(?:以|要|在|着力|坚持|加快|加强|推进|推动|深化|实施|强化|完善|健全|建立|提升|提高|优化|抓|做好|做实|打好|打造|构建|促进|扩大|支持|鼓励|全面|大力|持续|切实|积极|扎实|狠抓|突出|聚焦|培育|发展|落实|保障|统筹|创新|严格|规范|巩固|防范|开展|实行|守住|增强|营造|壮大|用好|建设)"
)
_NUMBER = re.compile(r"\d|[一二三四五六七八九十百千万亿]+(?:个|项|所|座|条|户|万|亿)")
_PERCENT = re.compile(r"%|百分之|个百分点")
# a sentence that only announces a list (主要存在三个不足。/ 主要表现在以下方面：)
ANNOUNCE = re.compile(
    r"(?:存在|有|表现在|体现在|包括|讲|谈|强调)(?:以下|如下|[一二三四五六七八九十几两\d]+(?:个|方面|点|类))[^。！？]{0,12}(?:不足|问题|短板|方面|差距|弱项|意见)?[。：:]?$|[：:]$"
)
# a permission or benefit of a policy (可申请最高不超过15万元), not an outcome to reach
_PROVISION = re.compile(
    r"^可|可(?:申请|享受|按|给予|获得)|最高|给予|补贴|补助|奖励|符合[^，。]{0,20}条件|对[^，。]{2,30}的，"
)
# the present state (仍在3%以上, 还有3046万人, 占比超过16%): a fact, not a commitment
_STATE = re.compile(r"仍|还有|尚有|目前|当前|现有|截至|占比|比例|贫困发生率|已经|已")
# closing rhetoric: 为实现…目标而不懈奋斗
_RHETORIC = re.compile(r"而(?:不懈)?奋斗|而努力|具有[^，。]{0,10}意义|之年")
# a shortcoming already overcome (出行难…问题普遍解决, 生态环境明显改善): an achievement, no problem
_RESOLVED = re.compile(
    r"(?:普遍|总体|基本|明显|显著|得到|有效|逐步|初步)(?:解决|改善|提升|提高|缓解|消除|好转|增强|加强)"
)
_PAST = re.compile(r"了|已经|已|累计|共计|比上年|同比|取得|创造|实现了|完成了|过去|以来|成效|成绩")
_YEAR_AHEAD = re.compile(
    r"今年|明年|下半年|年内|年底|到20\d\d|20\d\d年(?:底|前|内)|今后|十[四五六]五|力争|确保"
)


BODY, TAIL = 100, 30  # characters of a candidate that give n-grams: its opening and its end


def char_ngrams(record: str) -> list[str]:
    """Character 1–3-grams of the candidate (the opening ``BODY`` characters and the last ``TAIL``), plus context bigrams.

    >>> char_ngrams("要加强\\x00存在")[:4]
    ['要', '加', '强', '要加']
    """
    text, _, context = record.partition("\x00")
    body = text[:BODY] + ("\x02" + text[-TAIL:] if len(text) > BODY + TAIL else "")
    pairs = list(map(add, body, body[1:]))
    grams = [*body, *pairs, *map(add, pairs, body[2:])]
    head = text[:9]
    grams += map(add, repeat("^"), map(add, head, head[1:]))
    ctx = context[-40:]
    grams += map(add, repeat("@"), map(add, ctx, ctx[1:]))
    return grams


def _norm(score: float, length: int) -> float:
    return score / math.sqrt(max(length, 1) / 20.0)


def dense(
    text: str,
    role: str,
    *,
    genre: str | None,
    in_review: bool,
    has_children: bool,
    depth: int,
    context: str,
    inline: bool,
) -> list[float]:
    """The dense cue features of one candidate (all roughly in [0, 3])."""
    n = len(text)
    task, problem, target = cue_scores(text)
    sents = max(1, len(re.findall(r"[。！？]", text)))
    feats = [1.0 if role == r else 0.0 for r in ROLES]
    feats += [1.0 if genre == g else 0.0 for g in GENRES]
    feats += [
        1.0 if in_review else 0.0,
        1.0 if has_children else 0.0,
        min(depth, 4) / 4.0,
        math.log1p(n) / 7.0,
        min(_norm(task, n), 6.0) / 2.0,
        min(_norm(problem, n), 6.0) / 2.0,
        min(_norm(target, n), 6.0) / 2.0,
        min(text.count("要") / sents, 3.0),
        1.0 if _DIRECTIVE_HEAD.match(text) else 0.0,
        1.0 if _PROBLEM_ANNOUNCE.search(context[-60:]) else 0.0,
        1.0 if _PROBLEM_ANNOUNCE.search(text[:80]) else 0.0,
        1.0 if _NUMBER.search(text) else 0.0,
        1.0 if _PERCENT.search(text) else 0.0,
        1.0 if _YEAR_AHEAD.search(text) else 0.0,
        1.0 if inline else 0.0,
        1.0 if ANNOUNCE.search(text) else 0.0,
        min(len(_PAST.findall(text)) / sents, 3.0),
        min(len(_PAST.findall(context[-60:])), 3.0) / 3.0,
        1.0 if _PROVISION.search(text) else 0.0,
        1.0 if _STATE.search(text) else 0.0,
        1.0 if _RHETORIC.search(text) else 0.0,
        min(len(_RESOLVED.findall(text)), 3.0) / 3.0,
    ]
    return feats


DENSE_SIZE = len(ROLES) + len(GENRES) + 22


def unit_context(text: str, unit: Unit, parent: Unit | None) -> str:
    """The last sentence of the parent's lead-in: what announces this candidate (存在三个不足)."""
    if parent is None:
        before = text[max(0, unit.start - 60) : unit.start]
        return before
    lead = text[parent.start : parent.end]
    return lead[-60:]
