"""What changed between two versions of a document, or between two years' reports: items new, kept,
dropped and changed.

Items are aligned one-to-one within the same kind:

1. by stable id (kind + hash of the normalised text: the same wording in both documents);
2. then by fuzzy text similarity: the character-bigram Dice of :mod:`speechkit.extraction.matching`
   (the measure extraction is scored with) on the texts with every number masked as ``0``, so that a
   changed value does not hide the item it belongs to; pairs at or above :data:`THRESHOLD` are taken
   greedily from the most similar down, ties in document order.

An aligned pair is *changed* when its value (value, value_high), unit, comparator, deadline or owner
differ (``changed_fields`` names them), else *kept* — a reworded text alone is kept. Deadlines count as
equal when either the words (``年底前``) or the resolved dates agree, so ``年内`` in two years' reports is
no change. Items of A without partner are *dropped*, of B *new*.

>>> from speechkit import from_text
>>> a = from_text("一、重点任务\\n（一）新建污水管网20公里，2024年6月底前完成。（二）改造老旧小区30个。")
>>> b = from_text("一、重点任务\\n（一）新建污水管网25公里，2024年9月底前完成。（二）新建公园3个。")
>>> c = compare(a, b)
>>> [(r.status, r.b.text if r.b else r.a.text, r.changed_fields) for r in c.rows if r.kind == "target"]
[('changed', '（一）新建污水管网25公里', ('value',)), ('changed', '2024年9月底前完成', ('deadline',)), ('dropped', '（二）改造老旧小区30个', ()), ('new', '（二）新建公园3个', ())]
>>> c.counts()
{'new': 2, 'kept': 0, 'dropped': 2, 'changed': 3}
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..document import Document
from ..extraction.items import Item
from ..extraction.matching import bigrams, dice, normalise
from ._common import doc_label

if TYPE_CHECKING:
    import pandas as pd

THRESHOLD = 0.5
"""Least Dice similarity (numbers masked) for two items to be the same item: the threshold extraction is
scored with (``shared/tools/score.py``)."""

STATUSES = ("new", "kept", "dropped", "changed")
FIELDS = ("value", "unit", "comparator", "deadline", "owner")
_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_ZH_NUM = re.compile(
    r"[零〇一二三四五六七八九十百千两]+(?=[万亿]?[个项家条座所批次人户元年月日天亩吨公里平方米%])"
)


@dataclass(frozen=True)
class Alignment:
    """One row of a comparison: an item of A, of B, or both, with its status."""

    status: str
    kind: str
    a: Item | None
    b: Item | None
    similarity: float = 0.0
    changed_fields: tuple[str, ...] = ()


def _masked(text: str) -> str:
    """The text as compared: numbers masked.

    >>> _masked("新建污水管网25公里，三个月内完成")
    '新建污水管网0公里，0个月内完成'
    """
    return _ZH_NUM.sub("0", _DIGITS.sub("0", text))


def _same_value(x: float | None, y: float | None) -> bool:
    if x is None or y is None:
        return x is y
    return abs(x - y) <= 1e-9 * max(1.0, abs(x), abs(y))


def changed_fields(a: Item, b: Item) -> tuple[str, ...]:
    """The fields of :data:`FIELDS` in which two aligned items differ.

    >>> x = Item("a", "task", "", "年底前完成", 0, 5, deadline="年底前", deadline_iso="2024-12-31")
    >>> y = Item("b", "task", "", "年内完成", 0, 4, deadline="年内", deadline_iso="2024-12-31", owner=("区住建局",))
    >>> changed_fields(x, y)
    ('owner',)
    """
    out = []
    if not (_same_value(a.value, b.value) and _same_value(a.value_high, b.value_high)):
        out.append("value")
    if (a.unit or None) != (b.unit or None):
        out.append("unit")
    if (a.comparator or None) != (b.comparator or None):
        out.append("comparator")
    same_words = normalise(a.deadline or "") == normalise(b.deadline or "")
    same_date = a.deadline_iso is not None and a.deadline_iso == b.deadline_iso
    if not (same_words or same_date):
        out.append("deadline")
    if tuple(normalise(o) for o in a.owner) != tuple(normalise(o) for o in b.owner):
        out.append("owner")
    return tuple(out)


def align(
    items_a: Sequence[Item], items_b: Sequence[Item], threshold: float = THRESHOLD
) -> list[tuple[int, int, float]]:
    """One-to-one pairs ``(index_a, index_b, similarity)`` of the same kind: equal ids first
    (similarity 1.0), then greedy by masked bigram Dice ≥ ``threshold``."""
    pairs: list[tuple[int, int, float]] = []
    used_a: set[int] = set()
    used_b: set[int] = set()
    by_id: dict[str, list[int]] = defaultdict(list)
    for j, it in enumerate(items_b):
        by_id[it.id].append(j)
    for i, it in enumerate(items_a):
        js = by_id.get(it.id)
        if js:
            j = js.pop(0)
            pairs.append((i, j, 1.0))
            used_a.add(i)
            used_b.add(j)
    grams_a = {i: bigrams(_masked(it.text)) for i, it in enumerate(items_a) if i not in used_a}
    grams_b = {j: bigrams(_masked(it.text)) for j, it in enumerate(items_b) if j not in used_b}
    cand = []
    for i, ga in grams_a.items():
        for j, gb in grams_b.items():
            if items_a[i].kind != items_b[j].kind:
                continue
            s = dice(ga, gb)
            if s >= threshold:
                cand.append((-s, i, j))
    cand.sort()
    for neg, i, j in cand:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        pairs.append((i, j, -neg))
    return pairs


@dataclass(frozen=True)
class Comparison:
    """The result of :func:`compare`: ``rows`` in the order of B, each dropped item after the aligned
    item that preceded it in A."""

    doc_a: Document
    doc_b: Document
    rows: tuple[Alignment, ...]
    threshold: float = THRESHOLD

    def of(self, status: str) -> list[Alignment]:
        """The rows of one status (new, kept, dropped, changed)."""
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}; expected one of {', '.join(STATUSES)}")
        return [r for r in self.rows if r.status == status]

    @property
    def new(self) -> list[Alignment]:
        return self.of("new")

    @property
    def kept(self) -> list[Alignment]:
        return self.of("kept")

    @property
    def dropped(self) -> list[Alignment]:
        return self.of("dropped")

    @property
    def changed(self) -> list[Alignment]:
        return self.of("changed")

    def counts(self) -> dict[str, int]:
        """How many rows of each status.

        >>> from speechkit import from_text
        >>> compare(from_text("一、新建公园3个。"), from_text("一、新建公园5个。")).counts()
        {'new': 0, 'kept': 1, 'dropped': 0, 'changed': 1}
        """
        return {s: sum(1 for r in self.rows if r.status == s) for s in STATUSES}

    @property
    def frame(self) -> pd.DataFrame:
        """One row per alignment: ``status, kind, similarity, changed_fields`` (comma-separated),
        ``text_a, text_b``, offsets ``start_a, end_a, start_b, end_b`` into each canonical text, and
        ``value``, ``unit``, ``comparator``, ``deadline``, ``owner`` and ``id`` of each side."""
        import pandas as pd

        def side(it: Item | None, key: str) -> Any:
            if it is None:
                return None
            if key == "owner":
                return "、".join(it.owner) or None
            return getattr(it, key)

        rows = []
        for r in self.rows:
            row: dict[str, Any] = {
                "status": r.status,
                "kind": r.kind,
                "similarity": round(r.similarity, 3),
                "changed_fields": ",".join(r.changed_fields),
                "text_a": side(r.a, "text"),
                "text_b": side(r.b, "text"),
                "start_a": side(r.a, "start"),
                "end_a": side(r.a, "end"),
                "start_b": side(r.b, "start"),
                "end_b": side(r.b, "end"),
            }
            for key in ("value", "unit", "comparator", "deadline", "owner", "id"):
                row[f"{key}_a"] = side(r.a, key)
                row[f"{key}_b"] = side(r.b, key)
            rows.append(row)
        frame = pd.DataFrame(rows, columns=_FRAME_COLUMNS)
        for col in ("start_a", "end_a", "start_b", "end_b"):
            frame[col] = frame[col].astype("Int64")
        return frame

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: both documents (source, title, date), threshold, counts and the rows."""
        import json

        def meta(doc: Document, i: int) -> dict[str, Any]:
            return {"source": doc_label(doc, i), "title": doc.meta.title, "date": doc.meta.date}

        return {
            "a": meta(self.doc_a, 0),
            "b": meta(self.doc_b, 1),
            "threshold": self.threshold,
            "counts": self.counts(),
            "rows": json.loads(self.frame.to_json(orient="records", force_ascii=False)),
        }


_FRAME_COLUMNS = [
    "status",
    "kind",
    "similarity",
    "changed_fields",
    "text_a",
    "text_b",
    "start_a",
    "end_a",
    "start_b",
    "end_b",
    *(f"{k}_{s}" for k in ("value", "unit", "comparator", "deadline", "owner", "id") for s in "ab"),
]


def compare(
    doc_a: Document,
    doc_b: Document,
    items_a: Sequence[Item] | None = None,
    items_b: Sequence[Item] | None = None,
    *,
    threshold: float = THRESHOLD,
) -> Comparison:
    """Compare the items of two documents (extracted with :func:`speechkit.extract` unless given).

    See the module for how items are aligned and what counts as changed.
    """
    from ..extraction import extract

    a = list(items_a) if items_a is not None else extract(doc_a)
    b = list(items_b) if items_b is not None else extract(doc_b)
    pairs = align(a, b, threshold)
    partner_of_a = {i: (j, s) for i, j, s in pairs}
    partner_of_b = {j: i for i, j, _s in pairs}
    keyed: list[tuple[tuple[int, int, int], Alignment]] = []
    for j, it in enumerate(b):
        if j in partner_of_b:
            i = partner_of_b[j]
            fields = changed_fields(a[i], it)
            status = "changed" if fields else "kept"
            keyed.append(((j, 0, 0), Alignment(status, it.kind, a[i], it, partner_of_a[i][1], fields)))
        else:
            keyed.append(((j, 0, 0), Alignment("new", it.kind, None, it)))
    last_b = -1  # the B index of the last aligned item of A seen so far
    for i, it in enumerate(a):
        if i in partner_of_a:
            last_b = max(last_b, partner_of_a[i][0])
        else:
            keyed.append(((last_b, 1, i), Alignment("dropped", it.kind, it, None)))
    keyed.sort(key=lambda kv: kv[0])
    return Comparison(doc_a, doc_b, tuple(al for _k, al in keyed), threshold)


_MARK = {"new": "+", "dropped": "-", "changed": "~", "kept": "="}
_KIND_ZH = {"target": "目标", "problem": "问题", "task": "任务"}


def _field_text(it: Item, name: str) -> str:
    if name in ("value", "unit", "comparator"):
        if it.value is None:
            return "—"
        v = f"{it.value:g}" if it.value_high is None else f"{it.value:g}-{it.value_high:g}"
        comp = it.comparator if it.comparator and it.comparator != "区间" else ""
        return f"{v}{it.unit or ''}{comp}"
    if name == "deadline":
        return it.deadline or "—"
    if name == "owner":
        return "、".join(it.owner) or "—"
    return str(getattr(it, name) or "—")


def describe(row: Alignment) -> str:
    """What changed in an aligned pair, as ``field: old → new`` (value, unit and comparator shown once).

    >>> a = Item("a", "target", "", "新建公园3个", 0, 7, value=3.0, unit="个")
    >>> b = Item("b", "target", "", "新建公园5个以上", 0, 9, value=5.0, unit="个", comparator="以上")
    >>> describe(Alignment("changed", "target", a, b, 0.8, ("value", "comparator")))
    'value: 3个 → 5个以上'
    """
    if row.a is None or row.b is None or not row.changed_fields:
        return ""
    parts = []
    shown_value = False
    for f in row.changed_fields:
        if f in ("value", "unit", "comparator"):
            if shown_value:
                continue
            shown_value = True
            f = "value"
        parts.append(f"{f}: {_field_text(row.a, f)} → {_field_text(row.b, f)}")
    return "; ".join(parts)


def render_comparison(comparison: Comparison, *, text_width: int = 60) -> str:
    """A terminal listing: ``+`` new, ``-`` dropped, ``~`` changed (with what changed), ``=`` kept; the
    text of B (of A for dropped items), then the counts."""
    from ._common import display_width, fit, one_line

    details = [describe(r) for r in comparison.rows]
    dw = min(50, max([0, *(display_width(d) for d in details)]))
    lines = [f"A: {doc_label(comparison.doc_a, 0)}", f"B: {doc_label(comparison.doc_b, 1)}"]
    for r, d in zip(comparison.rows, details):
        it = r.b if r.b is not None else r.a
        assert it is not None
        text = fit(one_line(it.text), text_width).rstrip()
        lines.append(f"{_MARK[r.status]} {_KIND_ZH.get(r.kind, r.kind)}  {fit(d, dw)}  {text}".rstrip())
    c = comparison.counts()
    lines.append(
        f"\n{len(comparison.rows)} rows: {c['new']} new, {c['kept']} kept, {c['dropped']} dropped, "
        f"{c['changed']} changed (threshold {comparison.threshold:g})"
    )
    return "\n".join(lines)
