"""Features of candidate units, sentences and clauses for the kind model.

Each candidate becomes a *record*: a string for character n-grams (the candidate's text, then
``\\x00`` and its context: the lead-in that introduces it) and a short vector of dense cue features.
Both functions are module-level so a trained pipeline refers to them by name.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from itertools import repeat
from operator import add
from typing import NamedTuple

import numpy as np

from .cues import combined as combined_cues
from .units import Unit

ROLES = ("point", "section", "paragraph", "chunk", "sentence", "clause")
GENRES = ("speech", "report", "plan")
_PROBLEM_ANNOUNCE = re.compile(  # the lookahead names every first character (a fast skip)
    r"(?=[存面还仍依突主不问短差])(?:(?:存在|面临|还有|仍有|依然|突出|主要)[^。]{0,12}(?:不足|问题|短板|差距|困难|挑战|弱项)|(?:不足|问题|短板|差距)(?:主要)?(?:是|有|表现在))"
)
_DIRECTIVE_HEAD = re.compile(  # used with .match(text, start): anchored there
    r"(?:[一二三四五六七八九十\d（）()、.是第，]{0,6})?(?:以|要|在|着力|坚持|加快|加强|推进|推动|深化|实施|强化|完善|健全|建立|提升|提高|优化|抓|做好|做实|打好|打造|构建|促进|扩大|支持|鼓励|全面|大力|持续|切实|积极|扎实|狠抓|突出|聚焦|培育|发展|落实|保障|统筹|创新|严格|规范|巩固|防范|开展|实行|守住|增强|营造|壮大|用好|建设)"
)
# a number: digits, or numerals with a counter (三个, 五万); two patterns whose matches never overlap,
# each opening with a character class (a fast scan): together the matches of \d+|[一…亿]+(?:个|…|亿)
_DIGITS = re.compile(r"\d\d*")
_COUNTED = re.compile(
    r"[一二三四五六七八九十百千万亿][一二三四五六七八九十百千万亿]*(?:个|项|所|座|条|户|万|亿)"
)
_PERCENT = re.compile(r"%|百分之|个百分点")
# a sentence that only announces a list (主要存在三个不足。/ 主要表现在以下方面：)
ANNOUNCE = re.compile(  # the lookahead names every first character (a fast skip)
    r"(?=[存有表体包讲谈强：:])"
    r"(?:(?:存在|有|表现在|体现在|包括|讲|谈|强调)(?:以下|如下|[一二三四五六七八九十几两\d]+(?:个|方面|点|类))[^。！？]{0,12}(?:不足|问题|短板|方面|差距|弱项|意见)?[。：:]?$|[：:]$)"
)
# a permission or benefit of a policy (可申请最高不超过15万元), not an outcome to reach
_PROVISION = re.compile(
    r"可(?:申请|享受|按|给予|获得)|最高|给予|补贴|补助|奖励|符合[^，。]{0,20}条件|对[^，。]{2,30}的，"
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


_SHIFT = np.uint64(21)  # every code point fits in 21 bits


def gram_key(gram: str) -> int:
    """The integer key of one n-gram (1–3 characters): its code points packed 21 bits each.

    Distinct strings get distinct keys because no gram holds ``\\x00``. ``gram_keys`` computes the same
    keys for all of a batch's n-grams at once.

    >>> gram_key("要") == ord("要"), gram_key("要加") == (ord("要") << 21) | ord("加")
    (True, True)
    """
    key = 0
    for ch in gram:
        key = (key << 21) | ord(ch)
    return key


def _codes(parts: list[str]) -> np.ndarray:
    """Code points of ``parts`` joined by ``\\x00`` (and ended by one), as uint64."""
    joined = "\x00".join(parts) + "\x00"
    return np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)


def _pair_keys(codes: np.ndarray, prefix: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Keys of adjacent pairs (optionally behind a prefix character) and the positions they start at."""
    a, b = codes[:-1], codes[1:]
    pos = np.flatnonzero((a != 0) & (b != 0))
    keys = (a[pos] << _SHIFT) | b[pos]
    if prefix is not None:
        keys |= np.uint64(prefix) << np.uint64(42)
    return keys, pos


def gram_keys(records: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Every n-gram of every record as ``(row, key)`` arrays: exactly the multiset :func:`char_ngrams`
    gives, keyed by :func:`gram_key`, computed with numpy over the whole batch instead of per string.

    >>> rows, keys = gram_keys(["要加强\\x00存在"])
    >>> sorted(keys.tolist()) == sorted(gram_key(g) for g in char_ngrams("要加强\\x00存在"))
    True
    """
    bodies, heads, ctxs = [], [], []
    for record in records:
        text, _, context = record.partition("\x00")
        bodies.append(text[:BODY] + ("\x02" + text[-TAIL:] if len(text) > BODY + TAIL else ""))
        heads.append(text[:9])
        ctxs.append(context[-40:])
    n = len(records)
    row_ids = np.arange(n, dtype=np.int64)
    out_rows, out_keys = [], []
    # body: 1-, 2- and 3-grams
    c = _codes(bodies)
    row_of = np.repeat(row_ids, [len(b) + 1 for b in bodies])
    uni = np.flatnonzero(c)
    out_rows.append(row_of[uni])
    out_keys.append(c[uni])
    k2, p2 = _pair_keys(c)
    out_rows.append(row_of[p2])
    out_keys.append(k2)
    a, b, d = c[:-2], c[1:-1], c[2:]
    p3 = np.flatnonzero((a != 0) & (b != 0) & (d != 0))
    out_rows.append(row_of[p3])
    out_keys.append((a[p3] << np.uint64(42)) | (b[p3] << _SHIFT) | d[p3])
    # ^ opening bigrams and @ context bigrams
    for parts, mark in ((heads, "^"), (ctxs, "@")):
        c = _codes(parts)
        row_of = np.repeat(row_ids, [len(x) + 1 for x in parts])
        k, p = _pair_keys(c, ord(mark))
        out_rows.append(row_of[p])
        out_keys.append(k)
    return np.concatenate(out_rows), np.concatenate(out_keys)


class Spec(NamedTuple):
    """Where a candidate sits: its span, the span of the context that introduces it, and its place.

    A named tuple, not a dataclass: a document has thousands of candidates, and ``dense_matrix`` reads
    the fields of all of them as columns at once.
    """

    start: int
    end: int
    ctx_start: int
    ctx_end: int
    role: str
    depth: int
    in_review: bool = False
    has_children: bool = False
    inline: bool = False


class Occurrences:
    """The matches of one pattern over a whole document, to count those inside many spans at once.

    Matches are found once, left to right without overlap, so a count for ``[a, b)`` is the number of the
    document's matches lying inside it (a match running across ``a`` is not counted).
    """

    def __init__(self, pattern: re.Pattern[str], text: str, weights: dict[str, float] | None = None) -> None:
        if weights is None:
            spans = [m.span() for m in pattern.finditer(text)]
            self.groups: list[str] = []
        else:
            ms = list(pattern.finditer(text))
            spans = [m.span() for m in ms]
            self.groups = [m.group(0) for m in ms]
        self.starts = np.array([a for a, _ in spans], dtype=np.int64)
        self.ends = np.array([b for _, b in spans], dtype=np.int64)

    def _range(self, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        i = np.searchsorted(self.starts, a, "left")
        j = np.searchsorted(self.ends, b, "right")
        return i, np.maximum(j, i)

    def count(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        i, j = self._range(a, b)
        return (j - i).astype(np.float64)

    def weighted(self, a: np.ndarray, b: np.ndarray, weights: np.ndarray) -> np.ndarray:
        """Sums of per-match weight rows (``weights[k]`` for the k-th match) inside each span."""
        cum = np.vstack([np.zeros((1, weights.shape[1])), np.cumsum(weights, axis=0)])
        i, j = self._range(a, b)
        return cum[j] - cum[i]


def _char_counts(codes: np.ndarray, chars: str) -> np.ndarray:
    """Prefix counts of ``chars`` in a text given as code points: ``out[b] - out[a]`` is their number in
    ``text[a:b]``."""
    hits = codes == ord(chars[0])
    for c in chars[1:]:
        hits |= codes == ord(c)
    out = np.zeros(len(codes) + 1, dtype=np.float64)
    np.cumsum(hits, out=out[1:])
    return out


# the last character of the list word of an ANNOUNCE match (以下, 如下, N个, 方面, N点, N类), or a colon
_ANNOUNCE_LAST = "下个面点类：:"
_ANNOUNCE_REACH = 18  # that character stands at most 17 characters before the span's end


def announces(text: str, a: np.ndarray, b: np.ndarray, codes: np.ndarray | None = None) -> np.ndarray:
    """``ANNOUNCE.search(text, a, b) is not None`` for many spans ``[a, b)`` at once.

    A match ends at ``b`` (its ``$``), and its list word or colon ends at most 17 characters before:
    the pattern runs only on the spans that hold one of those last characters there.

    >>> t = "主要存在三个不足。一是考核成绩差。"
    >>> announces(t, np.array([0, 9]), np.array([9, 17])).tolist()
    [True, False]
    """
    if codes is None:
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    cum = _char_counts(codes, _ANNOUNCE_LAST)
    maybe = cum[b] > cum[np.maximum(a, b - _ANNOUNCE_REACH)]
    out = np.zeros(len(a), dtype=bool)
    for k in np.flatnonzero(maybe).tolist():
        out[k] = ANNOUNCE.search(text, int(a[k]), int(b[k])) is not None
    return out


@functools.cache
def _cue_table() -> tuple[dict[str, int], np.ndarray]:
    """Each cue's row in a matrix of its task, problem and target weights."""
    _, weights = combined_cues(("task", "problem", "target"))
    rows = list(weights)
    table = np.array([weights[w] for w in rows], dtype=np.float64).reshape(-1, 3)
    return {w: k for k, w in enumerate(rows)}, table


def dense_matrix(text: str, specs: Sequence[Spec], *, genre: str | None) -> np.ndarray:
    """The dense cue features (all roughly in [0, 3]) of many candidates of one document at once.

    Patterns are matched once over the whole text and counted per span with numpy, instead of once per
    candidate.

    >>> t = "存在三个不足：一是项目少。二是要加快进度，确保年底前完成。"
    >>> m = dense_matrix(t, [Spec(7, 13, 0, 7, "sentence", 2)], genre="speech")
    >>> m.shape == (1, DENSE_SIZE), float(m[0, ROLES.index("sentence")])
    (True, 1.0)
    """
    n = len(specs)
    out = np.zeros((n, DENSE_SIZE), dtype=np.float64)
    if n == 0:
        return out
    starts, ends, ctx_starts, ctx_ends, roles, depths, in_review, has_children, inline = zip(*specs)
    a = np.array(starts, dtype=np.int64)
    b = np.array(ends, dtype=np.int64)
    cb = np.array(ctx_ends, dtype=np.int64)
    ca = np.maximum(np.array(ctx_starts, dtype=np.int64), cb - 60)
    length = (b - a).astype(np.float64)
    role_of = np.array(roles)
    for k, role in enumerate(ROLES):
        out[:, k] = role_of == role
    if genre in GENRES:
        out[:, len(ROLES) + GENRES.index(genre)] = 1.0
    col = len(ROLES) + len(GENRES)

    def occ(pattern: re.Pattern[str]) -> Occurrences:
        return Occurrences(pattern, text)

    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    pattern, weights = combined_cues(("task", "problem", "target"))
    cues = Occurrences(pattern, text, weights)
    row_of, table = _cue_table()
    w = table[[row_of[g] for g in cues.groups]]
    task, problem, target = cues.weighted(a, b, w).T
    sents = np.maximum(1.0, np.diff(_char_counts(codes, "。！？")[np.stack([a, b])], axis=0)[0])
    yao = np.diff(_char_counts(codes, "要")[np.stack([a, b])], axis=0)[0]
    norm = np.sqrt(np.maximum(length, 1.0) / 20.0)
    announce = occ(_PROBLEM_ANNOUNCE)
    past = occ(_PAST)
    first = codes[np.minimum(a, len(text) - 1)]
    columns = [
        np.array(in_review, dtype=np.float64),
        np.array(has_children, dtype=np.float64),
        np.minimum(np.array(depths, dtype=np.int64), 4) / 4.0,
        np.log1p(length) / 7.0,
        np.minimum(task / norm, 6.0) / 2.0,
        np.minimum(problem / norm, 6.0) / 2.0,
        np.minimum(target / norm, 6.0) / 2.0,
        np.minimum(yao / sents, 3.0),
        [_DIRECTIVE_HEAD.match(text, s, e) is not None for s, e in zip(starts, ends)],
        announce.count(ca, cb) > 0,
        announce.count(a, np.minimum(b, a + 80)) > 0,
        (occ(_DIGITS).count(a, b) > 0) | (occ(_COUNTED).count(a, b) > 0),
        occ(_PERCENT).count(a, b) > 0,
        occ(_YEAR_AHEAD).count(a, b) > 0,
        np.array(inline, dtype=np.float64),
        announces(text, a, b, codes),
        np.minimum(past.count(a, b) / sents, 3.0),
        np.minimum(past.count(ca, cb), 3.0) / 3.0,
        (occ(_PROVISION).count(a, b) > 0) | (first == ord("可")),
        occ(_STATE).count(a, b) > 0,
        occ(_RHETORIC).count(a, b) > 0,
        np.minimum(occ(_RESOLVED).count(a, b), 3.0) / 3.0,
    ]
    for k, values in enumerate(columns):
        out[:, col + k] = values
    return out


DENSE_SIZE = len(ROLES) + len(GENRES) + 22


def unit_context(unit: Unit, parent: Unit | None) -> tuple[int, int]:
    """The span of what announces a unit (存在三个不足): the end of its parent's lead-in, else the 60
    characters before it."""
    if parent is None:
        return max(0, unit.start - 60), unit.start
    return max(parent.start, parent.end - 60), parent.end
