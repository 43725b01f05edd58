"""Report-to-report tracking: this year's targets, next year's stated results.

A government work report sets the year's targets (预期目标: 国内生产总值增长5%左右，城镇新增就业1200万人以上
…); the next year's report states the results in its review part (过去一年: 国内生产总值增长5%，城镇新增
就业1256万人 …). :func:`follow` pairs them and judges each target:

- targets are the indicator statements (:func:`speechkit.extraction.indicators.parse_statement`) of report N's targets paragraphs (a paragraph
  outside the review part that names 预期目标/主要目标/主要指标), plus statements inside items the extractor
  calls targets elsewhere, when the indicator is one of ``data/indicators/names.tsv``. One target per
  (indicator, measure, unit), the first stated;
- results are the statements of report N+1's review part (:mod:`speechkit.extraction.units` flags it;
  a statistical communique is all results), for the year of report N;
- a result is evidence only for the same indicator (a narrower one — 农村居民人均可支配收入 for 居民人均可支配收入,
  规模以上工业增加值 for 工业增加值 — is another indicator) and the same measure: a level (1256万人) and a
  change (增长5%) are two targets; units are compared in their base (万亿斤 and 亿斤 both in 斤);
- the verdict follows the comparator and which way the indicator is good (``indicators/names.tsv``):

  ========================  ===============================================================
  以上, 不低于               result ≥ target
  以内, 不超过 (控制在…以内)  result ≤ target
  左右                       within a tolerance on the bad side: ±0.2 percentage points for a
                             rate (%, 个百分点) below 10, else 2 % of the target; on the good
                             side any value (6% on a 5%左右 growth target is achieved; 0.2% on a
                             3%左右 price cap is achieved); both sides for an indicator with no
                             good direction
  区间 (4.5%至5%)            at least the low end (up), at most the high end (down), or inside
  none (增长8%)              the target itself on the bad side, no tolerance
  ========================  ===============================================================

  A change is signed (下降2.7% is −2.7): 单位GDP能耗降低2.5%左右 is achieved by 降幅超过3% (−3 ≤ −2.3).
  A result stated with a comparator (降幅超过3%) counts at its number.

>>> import speechkit
>>> n = speechkit.from_text("一、今年主要预期目标\\n今年主要预期目标是：地区生产总值增长6%左右；城镇新增就业1万人以上。")
>>> n1 = speechkit.from_text("一、过去一年工作回顾\\n过去一年，地区生产总值增长5.9%，城镇新增就业9800人。")
>>> [(p.target.indicator, p.result.value if p.result else None, p.verdict) for p in follow(n, n1)]
[('地区生产总值', 5.9, 'achieved'), ('城镇新增就业', 9800.0, 'missed')]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..document import Document, Section
from ..extraction.indicators import Statement, format_value, parse_statement, vocabulary
from ..extraction.items import Item
from ..extraction.numbers import unit_info
from ..extraction.units import units

__all__ = ["Pair", "Result", "Target", "follow", "format_table", "judge", "pairs_to_dict"]

VERDICTS = ("achieved", "missed", "no_evidence")
_TARGET_CUE = re.compile(r"(?:预期|主要|发展|经济社会发展)目标|主要指标|预期性指标|约束性指标")
_COMMUNIQUE = re.compile(r"统计公报")
_RATE_TOL = 0.2  # percentage points, for a rate below 10
_REL_TOL = 0.02  # of the target, otherwise


@dataclass(frozen=True)
class Target:
    """A target of report N: ``doc_n.text[start:end] == text``; a change's value is signed (%)."""

    text: str
    start: int
    end: int
    indicator: str
    value: float
    unit: str
    measure: str = "level"
    comparator: str | None = None
    value_high: float | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "indicator": self.indicator,
            "value": self.value,
            "unit": self.unit,
        }


@dataclass(frozen=True)
class Result:
    """A result stated in report N+1's review part: ``doc_next.text[start:end] == text``."""

    text: str
    start: int
    end: int
    value: float
    unit: str
    comparator: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "unit": self.unit,
        }


@dataclass(frozen=True)
class Pair:
    """A target, the result that answers it (or None) and the verdict: achieved, missed or no_evidence."""

    target: Target
    result: Result | None
    verdict: str

    def to_dict(self) -> dict[str, object]:
        return {
            "target": self.target.to_dict(),
            "result": None if self.result is None else self.result.to_dict(),
            "verdict": self.verdict,
        }


def _year(doc: Document) -> int | None:
    m = re.match(r"((?:19|20)\d\d)", doc.meta.date or "")
    return int(m.group(1)) if m else None


def _review_spans(doc: Document) -> list[tuple[int, int]]:
    spans: list[list[int]] = []
    for u in sorted((u for u in units(doc) if u.in_review), key=lambda u: u.start):
        if spans and u.start <= spans[-1][1] + 3:
            spans[-1][1] = max(spans[-1][1], u.end)
        else:
            spans.append([u.start, u.end])
    return [(a, b) for a, b in spans]


def _inside(pos: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def _key(s: Statement) -> tuple[str, str, str]:
    return (s.indicator or s.name, s.measure, s.base[1])


def _target(doc: Document, s: Statement) -> Target:
    return Target(
        text=doc.text[s.start : s.end],
        start=s.start,
        end=s.end,
        indicator=s.indicator or s.name,
        value=s.value,
        unit=s.unit,
        measure=s.measure,
        comparator=s.comparator,
        value_high=s.value_high,
    )


def _headings(sections: Sequence[Section], pos: int) -> list[str]:
    """Titles of the outline sections around ``pos``, outermost first."""
    for sec in sections:
        if sec.start <= pos < sec.end:
            return [sec.title, *_headings(sec.children, pos)]
    return []


def _annual(text: str, found: list[Statement], year: int | None) -> list[Statement]:
    """Drop statements of sentences about several years or another year (到2026年…, 年均…, 十四五…)."""
    skip = vocabulary().skip
    out = []
    for s in found:
        a = max(text.rfind(c, 0, s.start) for c in "。！？\n") + 1
        ends = [i for i in (text.find(c, s.end) for c in "。！？\n") if i >= 0]
        sentence = text[a : min(ends, default=len(text))]
        years = {int(y) for y in re.findall(r"((?:19|20)\d\d)年", sentence)}
        if any(w in sentence for w in skip) or (year is not None and years - {year}):
            continue
        out.append(s)
    return out


def targets(doc: Document, items: Sequence[Item] | None = None) -> list[Target]:
    """The quantified targets of a work report (see the module docstring), in document order.

    >>> import speechkit
    >>> doc = speechkit.from_text("今年主要预期目标是：粮食产量1.3万亿斤以上，单位国内生产总值能耗降低2.5%左右。")
    >>> [(t.indicator, t.measure, t.value, t.unit, t.comparator) for t in targets(doc)]
    [('粮食产量', 'level', 1.3, '万亿斤', '以上'), ('单位地区生产总值能耗', 'change', -2.5, '%', '左右')]
    """
    if items is None:
        from ..extraction import extract

        items = extract(doc)
    year = _year(doc)
    review = _review_spans(doc)
    found: list[Statement] = []
    covered: list[tuple[int, int]] = []
    for p in doc.paragraphs:
        if _inside(p.start, review) or not _TARGET_CUE.search(doc.text, p.start, p.end):
            continue
        covered.append((p.start, p.end))
        found += _annual(doc.text, parse_statement(doc.text, p.start, p.end, year=year), year)
    skip = vocabulary().skip
    for it in items:
        if it.kind != "target" or _inside(it.start, review) or _inside(it.start, covered):
            continue
        if any(w in title for title in _headings(doc.outline, it.start) for w in skip):
            continue  # a target of the plan for the term (今后五年主要目标任务), not of the year
        para = next((p for p in doc.paragraphs if p.start <= it.start < p.end), None)
        a, b = (para.start, para.end) if para else (it.start, it.end)
        stated = [s for s in parse_statement(doc.text, a, b, year=year) if it.start <= s.q_start < it.end]
        found += _annual(doc.text, stated, year)
    seen: set[tuple[str, str, str]] = set()
    out = []
    for s in sorted(found, key=lambda s: s.q_start):
        if _key(s) in seen:
            continue
        seen.add(_key(s))
        out.append(_target(doc, s))
    return out


def results(doc: Document, year: int | None = None) -> list[Statement]:
    """The indicator statements of a report's review part (of all of a statistical communique)."""
    if _COMMUNIQUE.search(doc.meta.title or "") or _COMMUNIQUE.search(doc.text[:200]):
        spans = [(0, len(doc.text))]
    else:
        spans = _review_spans(doc)
    out: list[Statement] = []
    for a, b in spans:
        out += parse_statement(doc.text, a, b, year=year)
    return out


def _tolerance(value: float, unit: str) -> float:
    info = unit_info(unit) if unit else None
    if info and info.dimension in ("percent", "percentage_point") and abs(value) < 10:
        return _RATE_TOL
    return abs(value) * _REL_TOL


def judge(target: Target, value: float, direction: str) -> str:
    """achieved or missed: ``value`` (in the target's unit) against the target, for an indicator whose
    good direction is ``direction`` (up, down or -).

    >>> t = Target("城镇调查失业率5.5%左右", 0, 13, "城镇调查失业率", 5.5, "%", "level", "左右")
    >>> judge(t, 5.1, "down"), judge(t, 5.8, "down"), judge(t, 5.7, "down")
    ('achieved', 'missed', 'achieved')
    """
    v, comp = target.value, target.comparator
    eps = 1e-9 * max(1.0, abs(v))
    tol = _tolerance(v, target.unit) + eps
    if comp == "区间" and target.value_high is not None:
        lo, hi = sorted((v, target.value_high))
        ok = {"up": value >= lo - eps, "down": value <= hi + eps}.get(
            direction, lo - eps <= value <= hi + eps
        )
    elif comp in ("以上", "不低于"):
        ok = value >= v - eps
    elif comp in ("以内", "不超过"):
        ok = value <= v + eps
    else:
        slack = tol if comp == "左右" else eps
        if direction == "up":
            ok = value >= v - slack
        elif direction == "down":
            ok = value <= v + slack
        else:
            ok = abs(value - v) <= tol
    return "achieved" if ok else "missed"


def _in_target_unit(result: Statement, target: Target) -> float:
    from ..extraction.numbers import to_base

    rb = result.base[0]
    tb = to_base(1.0, target.unit)
    return rb / tb[0] if tb else result.value


def follow(doc_n: Document, doc_next: Document, *, items_n: Sequence[Item] | None = None) -> list[Pair]:
    """Pair the targets of report ``doc_n`` with the results stated in report ``doc_next``.

    ``items_n``: the extracted items of ``doc_n`` when already at hand (else :func:`speechkit.extract`
    runs). Every target gives one :class:`Pair`; ``verdict`` is achieved, missed or no_evidence (no
    result for the same indicator and measure). Offsets point into each report's canonical text.
    """
    voc = vocabulary()
    year = _year(doc_n)
    stated = results(doc_next, year)
    pairs = []
    for t in targets(doc_n, items_n):
        key = (t.indicator, t.measure, _base_unit(t.unit))
        match = next((s for s in stated if _key(s) == key), None)
        if match is None:
            pairs.append(Pair(t, None, "no_evidence"))
            continue
        value = _in_target_unit(match, t)
        res = Result(
            text=doc_next.text[match.start : match.end],
            start=match.start,
            end=match.end,
            value=match.value,
            unit=match.unit,
            comparator=match.comparator,
        )
        pairs.append(Pair(t, res, judge(t, value, voc.direction(t.indicator, t.measure))))
    return pairs


def _base_unit(unit: str) -> str:
    info = unit_info(unit) if unit else None
    return info.base if info else unit


def pairs_to_dict(pairs: Sequence[Pair]) -> dict[str, list[dict[str, object]]]:
    """``{"pairs": [{"target": {...}, "result": {...} | None, "verdict": ...}]}``, JSON-ready."""
    return {"pairs": [p.to_dict() for p in pairs]}


def _fmt(value: float, unit: str, comparator: str | None = None, measure: str = "level") -> str:
    """A value as the report would say it: 增长5%左右, 下降3%以上, 1256万人 (:func:`format_value`)."""
    return format_value(value, unit, comparator, measure)


def format_table(pairs: Sequence[Pair]) -> str:
    """A terminal table: indicator, measure, target, result, verdict, and the two clauses."""
    rows = [("indicator", "measure", "target", "result", "verdict")]
    for p in pairs:
        t, r = p.target, p.result
        rows.append(
            (
                t.indicator,
                t.measure,
                _fmt(t.value, t.unit, t.comparator, t.measure),
                "—" if r is None else _fmt(r.value, r.unit, r.comparator, t.measure),
                p.verdict,
            )
        )

    def width(s: str) -> int:
        return sum(2 if "\u2e80" <= c <= "\uffef" else 1 for c in s)

    widths = [max(width(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        lines.append("  ".join(c + " " * (w - width(c)) for c, w in zip(row, widths, strict=True)).rstrip())
    counts = {v: sum(p.verdict == v for p in pairs) for v in VERDICTS}
    lines.append(f"{len(pairs)} targets: " + ", ".join(f"{n} {v}" for v, n in counts.items()))
    return "\n".join(lines)
