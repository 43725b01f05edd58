"""All candidates of one document, with their feature records, shared by training and extraction."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from ..document import Document
from .clauses import RESULT_END, clause_candidates, sentence_candidates
from .cues import lexicon
from .features import DENSE_SIZE, Occurrences, Spec, dense_matrix, unit_context
from .units import Unit, units

_CLAUSE_HINT = re.compile(  # the lookahead names every first character: a fast skip, the same matches
    r"(?=[\d一二三四五六七八九十两百千万亿“全确力只稳持基明显率实达建完提下降增突改])"
    r"(?:\d+|[一二三四五六七八九十两百千万亿]+(?:个|项|所|座|条|户|家|万|亿|倍|年)|“[^”]{1,6}”|全覆盖|全部|确保|力争|只减不增|稳步|持续|基本|明显|显著|率先|全面完成|实现|达到|建成|完成|提高|提升|下降|降低|增长|突破|改善|提质)"
)


@dataclass
class Candidates:
    """Units, sentences and clauses of a document, each with an n-gram record and dense features."""

    doc: Document
    units: list[Unit]
    unit_records: list[str] = field(default_factory=list)
    unit_dense: np.ndarray = field(default_factory=lambda: np.zeros((0, DENSE_SIZE)))
    sents: list[tuple[int, int, int]] = field(default_factory=list)
    sent_records: list[str] = field(default_factory=list)
    sent_dense: np.ndarray = field(default_factory=lambda: np.zeros((0, DENSE_SIZE)))
    clauses: list[tuple[int, int, int, str]] = field(default_factory=list)
    clause_records: list[str] = field(default_factory=list)
    clause_dense: np.ndarray = field(default_factory=lambda: np.zeros((0, DENSE_SIZE)))


def clause_hints(text: str, spans: list[tuple[int, int]]) -> np.ndarray:
    """Cheap filter: only clauses with a number, a quoted level or a result verb can be targets. Judged
    for all ``spans`` of ``text`` at once: the hint patterns are matched once over the whole text and
    counted per span (a clause starts after a punctuation mark, so no match runs across its start).

    >>> t = "地区生产总值增长6%左右，坚持问题导向"
    >>> clause_hints(t, [(0, 11), (12, 18)]).tolist()
    [True, False]
    """
    if not spans:
        return np.zeros(0, dtype=bool)
    a = np.fromiter((x[0] for x in spans), dtype=np.int64, count=len(spans))
    b = np.fromiter((x[1] for x in spans), dtype=np.int64, count=len(spans))
    hint = Occurrences(_CLAUSE_HINT, text).count(a, b) > 0
    return hint | (Occurrences(lexicon("target").pattern, text).count(a, b) > 0)


def build(doc: Document) -> Candidates:
    """Every candidate of ``doc`` with its features."""
    text = doc.text
    us = units(doc)
    c = Candidates(doc, us)
    specs = []
    for u in us:
        parent = us[u.parent] if u.parent is not None and 0 <= u.parent < len(us) else None
        ca, cb = unit_context(u, parent)
        c.unit_records.append(text[u.start : u.end] + "\x00" + text[ca:cb])
        inline = bool(u.marker) and u.marker.endswith("是")
        specs.append(Spec(u.start, u.end, ca, cb, u.role, u.depth, u.in_review, u.has_children, inline))
    sent_specs, clause_specs = [], []
    raw: list[tuple[int, int, int, str]] = []
    problem = lexicon("problem")
    for ui, u in enumerate(us):
        # a unit without any shortcoming cue has no problem sentence: skip its sentences
        has_problem_cue = problem.pattern.search(text, u.start, u.end) is not None
        for a, b in sentence_candidates(text, u.start, u.end) if has_problem_cue else ():
            if (a, b) == (u.start, u.end) or problem.pattern.search(text, a, b) is None:
                continue  # only sentences with a shortcoming cue can be (part of) a problem
            if u.marker and a == u.start:
                continue  # the heading sentence of a numbered point belongs to the point (rule 1)
            ca = max(u.start, a - 60)
            c.sents.append((a, b, ui))
            c.sent_records.append(text[a:b] + "\x00" + text[ca:a])
            sent_specs.append(Spec(a, b, ca, a, "sentence", u.depth + 1, u.in_review))
        if not u.in_review:  # what was already done is no target (ANNOTATION rule 7)
            raw.extend((a, b, ui, shape) for a, b, shape in clause_candidates(text, u.start, u.end))
    for (a, b, ui, shape), hinted in zip(raw, clause_hints(text, [(a, b) for a, b, _, _ in raw]).tolist()):
        if shape in ("one", "two") and not hinted and not (shape == "one" and RESULT_END.search(text, a, b)):
            continue  # no number, level or result verb; a stated result (总量保持全区领先) passes too
        u = us[ui]
        ca = max(u.start, a - 30)
        c.clauses.append((a, b, ui, shape))
        c.clause_records.append(text[a:b] + "\x00" + text[ca:a] + "\x01" + shape)
        clause_specs.append(Spec(a, b, ca, a, "clause", u.depth + 1, inline=shape == "list"))
    # one pass of every cue pattern over the document serves all candidates
    m = dense_matrix(text, specs + sent_specs + clause_specs, genre=doc.meta.genre)
    n_units, n_sents = len(specs), len(sent_specs)
    c.unit_dense, c.sent_dense, c.clause_dense = np.split(m, [n_units, n_units + n_sents])
    return c
