"""Span matching the way extraction is judged (``shared/tools/score.py``): character-bigram Dice ≥ 0.5
on texts normalised with NFKC and stripped of punctuation, symbols, spaces and controls; greedy one-to-one
by descending similarity, required gold first, optional gold absorbing leftovers."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Sequence

THRESHOLD = 0.5


def normalise(text: str) -> str:
    """NFKC, letters and digits only.

    >>> normalise("项目数量“多”")
    '项目数量多'
    """
    text = unicodedata.normalize("NFKC", text or "")
    return "".join(c for c in text if unicodedata.category(c)[0] not in "PZSC")


def bigrams(text: str) -> Counter[str]:
    t = normalise(text)
    return Counter(t[i : i + 2] for i in range(len(t) - 1)) if len(t) > 1 else Counter([t])


def dice(a: Counter[str], b: Counter[str]) -> float:
    """Dice coefficient of two bigram multisets.

    >>> round(dice(bigrams("招商引资工作"), bigrams("招商引资")), 3)
    0.75
    """
    if not a or not b:
        return 0.0
    return 2 * sum((a & b).values()) / (sum(a.values()) + sum(b.values()))


def match(pred: Sequence[str], gold: Sequence[str], optional: Sequence[bool]) -> list[tuple[int, int, float]]:
    """One-to-one pairs ``(pred_index, gold_index, dice)``, as ``score.py`` forms them."""
    p = [bigrams(x) for x in pred]
    g = [bigrams(x) for x in gold]
    cand = sorted(((dice(p[i], g[j]), i, j) for i in range(len(p)) for j in range(len(g))), reverse=True)
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for want_optional in (False, True):
        for s, i, j in cand:
            if s < THRESHOLD or i in used_p or j in used_g or bool(optional[j]) != want_optional:
                continue
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j, s))
    return pairs


def locate(text: str, needle: str, start: int = 0) -> tuple[int, int] | None:
    """Where ``needle`` stands in ``text`` when both are compared as :func:`normalise` does
    (widths, punctuation and spaces ignored): ``(start, end)`` offsets into ``text``, or ``None``.

    >>> t = "同志们：项目数量“多”、产业集聚“高”"
    >>> a, b = locate(t, '产业集聚"高"')
    >>> t[a:b]
    '产业集聚“高'
    """
    keep = []
    chars = []
    for i in range(start, len(text)):
        n = normalise(text[i])
        if n:
            keep.extend([i] * len(n))
            chars.append(n)
    hay = "".join(chars)
    want = normalise(needle)
    if not want:
        return None
    pos = hay.find(want)
    if pos < 0:
        return None
    return keep[pos], keep[pos + len(want) - 1] + 1
