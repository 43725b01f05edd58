"""``extract``: a Document → targets, problems and tasks, each with its exact span and attributes.

How rules and the model combine (docs/architecture.md says more):

1. *Structure is rules.* ``units`` cuts the text into the stretches ANNOTATION.md defines (numbered
   points, sections with their lead-in, report paragraphs, loose chunks) from the outline; part headings
   that only name a period give none.
2. *Kinds are the model's.* The ``unit`` head labels each unit task / problem / target / none; the
   ``sentence`` head finds problems stated sentence by sentence in unnumbered paragraphs; the ``clause``
   head finds targets, one per indicator, inside any unit outside a report's review. Overlapping clause
   candidates keep the most probable. ``confidence`` is the head's probability, ``via`` names the head.
3. *Attributes are rules again:* owners from responsibility clauses or the sentences' own subjects,
   deadlines and periods resolved against the document date, numbers with units and comparators.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import re

import numpy as np

from ..document import Document
from .attributes import (
    find_actor_owners,
    find_deadlines,
    find_periods,
    find_quantities,
    find_responsibility_clause,
    target_strength,
)
from .candidates import Candidates, build
from .clauses import RESULT_END
from .cues import lexicon
from .features import ANNOUNCE
from .indicators import Statement, format_value, parse_statement, vocabulary
from .items import Item
from .model import KindModel

UNIT_MIN_P = 0.5
SENT_MIN_P = 0.5
CLAUSE_MIN_P = 0.6
_GOAL_LEAD = re.compile(
    r"目标(?:是|为|就是要实现|就是|主要是)?[：:]|目标就是要实现|(?:预期|主要)目标(?:是|为)"
)
# a goal passage: a paragraph that opens on the period it aims at (到2020年，/ 经过5—10年左右时间，/
# 具体指标：到2022年，) or a goal lead (今后五年政府工作的目标是：); every result it states is a target
_GOAL_OPEN = re.compile(
    r"(?:[^，。：:\n]{0,10}[：:])?(?:力争|争取|再)?(?:到|至|经过|用)[^，。\n]{0,12}?"
    r"(?:(?:19|20)\d\d年(?:底|末|前)?|[一二三四五六七八九十两\d—\-－~～]+年(?:左右)?(?:的)?(?:时间|努力)?)[，,]"
)
# a level without a name of its own (…增长7.5%，达到309亿元): it belongs to the target before it
_NAMELESS_LEVEL = re.compile(r"(?:力争|预计|总量|规模)?(?:达到|突破|超过|达)[\d.]+[^，。；、]{0,6}")
_COMMIT = re.compile(r"(?:确保|力争|努力实现|争取)")  # 确保主要污染物排放稳定下降，生态环境质量稳步提高
_CLOSING = re.compile(r"而(?:不懈|共同|继续)?(?:奋斗|努力)$")  # 为实现…目标而不懈奋斗
_GRANT = re.compile(r"可(?:申请|享受|获得|按规定)|最高不超过")
_PURPOSE = re.compile(r"(?:为|以|使|让|在|围绕|按照|坚持|着力|推动|推进|加强|加快推进|深化)")
_FIRM = re.compile(
    r"(?:确保|力争|争取)[^，。；]{0,30}?(?:(?:19|20)\d\d年|\d+(?:\.\d+)?(?:%|个|项|亿|万|家|所|座|户|人|公里|亩|吨))"
)
_ID_NOISE = re.compile(r"[\W_]+")  # punctuation and spaces do not change an item's id
_PREFIX = {"target": "T", "problem": "P", "task": "S"}
_ONLY_TIME = re.compile(
    r"(?:力争|确保|争取|预计)?(?:到|至|在|截至|截止到?)?(?:(?:19|20)\d\d|今|明|本)年(?:度|底|末|内|前|底前|年底前)?(?:前)?"
    r"|(?:力争|确保)?(?:到|至)?“?十[一二三四五六]五”?(?:期末|末|时期|期间)?"
)
# line breaks inside a task that split it into paragraphs (chosen by cross-validation)
PARAGRAPH_SPLIT_MIN = 4
_NOT_VALUE_UNITS = frozenset({"年", "个月", "月", "天", "日", "周", "小时", "个工作日", "岁"})
_QUALIFIES = re.compile(r"(?:以上|以下|及以上|以内)?的")
_LIST_MARKER = re.compile(
    r"^(?:\d{1,2}[.．、]|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|[①-⑳])"
)
_LEAD_VERB = re.compile(r"^(?:确保|力争|努力|要|争取|全力|力求|实现|全年|今年|年内)+")
_FRAME = re.compile(r"^(?:以|在|围绕|按照|立足于?|针对|坚持以)[^，]{2,30}[，,](?=.{3,})")
_IND_SPLIT = re.compile(
    r"(?:分别)?(?:增长|提高到|提升到|提高|提升|下降|降低到|降低|达到|突破|超过|控制在|保持在|稳定在|不低于|不少于|不超过|完成|实现|新增|新建|建成|改造|只减不增|稳步|持续|力争|确保)"
)


@functools.cache
def default_model() -> KindModel:
    """The model shipped in the package, loaded once."""
    return KindModel.load()


def _title(title: str) -> str:
    title = _FRAME.sub("", title).strip('“”" ')
    return title[:40]


def _stable_id(kind: str, text: str, taken: set[str]) -> str:
    """An id that stays the same across re-runs and small edits elsewhere in the document."""
    # the first 80 characters left after dropping punctuation and spaces (of the opening 100, unless
    # they are too few: dropping characters one by one, the opening gives the same first 80)
    kept = _ID_NOISE.sub("", text[:100])
    if len(kept) < 80 and len(text) > 100:
        kept = _ID_NOISE.sub("", text)
    digest = hashlib.sha1(f"{kind}|{kept[:80]}".encode()).hexdigest()
    base = f"{_PREFIX[kind]}-{digest[:8]}"
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    taken.add(ident)
    return ident


@functools.lru_cache(maxsize=4)
def _sentence_marks(text: str) -> list[int]:
    """Where 。！？ and line breaks stand in ``text``, in order: one scan a document serves all its
    targets (a search back or forth for a mark the text lacks would run to its start or end)."""
    return [m.start() for m in re.finditer("[。！？\n]", text)]


def _sentence_start(text: str, pos: int) -> int:
    """The start of the sentence holding ``text[pos]``: just after the last 。！？ or line break before it."""
    marks = _sentence_marks(text)
    k = bisect.bisect_left(marks, pos)
    return marks[k - 1] + 1 if k else 0


def _sentence_end(text: str, pos: int) -> int:
    """Just after the first 。！？ or line break from ``pos`` on, else the end of ``text``."""
    marks = _sentence_marks(text)
    k = bisect.bisect_left(marks, pos)
    return marks[k] + 1 if k < len(marks) else len(text)


@functools.lru_cache(maxsize=64)
def _statements(text: str, start: int, end: int) -> list[Statement]:
    """The statements of one sentence, parsed once for all the targets in it (a goal paragraph is often
    one long sentence of many targets)."""
    return parse_statement(text, start, end, all_values=True)


_COUNTED_THING = re.compile(r"(?:以上|左右|以内|多|余)?(?:的)?([^，。；、：:（(\n]{2,16})")


def _counted_name(text: str, st: Statement, end: int) -> str | None:
    """The indicator as written; a bare action verb before a count takes the counted thing after it
    (新增3个电商产业园 → 新增电商产业园, 建设3—5个市域产教联合体 → 建设市域产教联合体)."""
    name = text[st.start : st.name_end]
    if name in vocabulary().actions:
        m = _COUNTED_THING.match(text, st.q_end, end)
        if m:
            return name + m.group(1)
    return name or None


def _target_attrs(doc_text: str, a: int, b: int, doc_date: str | None) -> dict[str, object]:
    """Attributes of the target ``doc_text[a:b]``: the first value of the clause with its indicator as
    written, measure, sign and comparator (:func:`.indicators.parse_statement`, read from the start of
    the sentence so a value after its indicator's clause keeps the name: 地区生产总值增长8%，|达到296亿元|),
    else a level in words (项目数量“多”).

    Where the clause states several values for one name or a list of names (城乡居民人均可支配收入分别增长7%
    和8%左右), ``value`` is the first and ``extra["values"]`` lists them all, one per indicator.
    """
    text = doc_text[a:b]
    body = _LEAD_VERB.sub("", _LIST_MARKER.sub("", text))
    out: dict[str, object] = {"strength": target_strength(text)}
    # a number inside quotes names a slogan (“三个一批”, “四个不摘”), not a value to reach
    qs = [
        q
        for q in find_quantities(text)
        if (q.unit != "年" or q.value < 100) and text.rfind("“", 0, q.start) <= text.rfind("”", 0, q.start)
    ]
    # where the clause has a count or amount, a span of time (三年…, 3个月内) or an age is no value; nor is
    # a number that qualifies the name (10万元以上的村占比达到55%)
    qs = [q for q in qs if q.unit not in _NOT_VALUE_UNITS] or qs
    qs = [q for q in qs if not _QUALIFIES.match(text, q.end)] or qs
    if qs:
        q = qs[0]
        out.update(value=q.value, unit=q.unit, comparator=q.comparator, value_high=q.value_high)
        sentence = _sentence_start(doc_text, a)
        stated = _statements(doc_text, sentence, _sentence_end(doc_text, b))
        first = next((s for s in stated if s.q_start == a + q.start), None)
        if sentence < a and (first is None or (first.indicator is None and first.start < a)):
            # a name outside the vocabulary is read inside the item only
            stated = parse_statement(doc_text, a, b, all_values=True)
            first = next((s for s in stated if s.q_start == a + q.start), None)
        if first is not None:
            out.update(
                indicator=_counted_name(doc_text, first, b),
                measure=first.measure,
                value=first.value,
                value_high=first.value_high,
                comparator=first.comparator,
            )
            same = [
                s
                for s in stated
                if (s.start, s.name_end) == (first.start, first.name_end) and a <= s.q_start < b
            ]
            if len(same) > 1:
                out["extra"] = {
                    "values": "；".join(
                        f"{s.indicator or s.name} {format_value(s.value, s.unit, s.comparator, s.measure)}"
                        for s in same
                    )
                }
        else:
            out.update(measure="level")
    else:
        m = re.match(r"(?P<ind>[^“”]{2,12})“(?P<lvl>[^”]{1,8})”?", body)
        if m:
            out.update(indicator=m.group("ind"), level=m.group("lvl"))
        else:
            m = _IND_SPLIT.search(body)
            if m and m.start() >= 2:
                out.update(indicator=body[: m.start()].strip("，、 "), level=body[m.start() :])
            else:
                out.update(indicator=body[:20] or None)
    periods = find_periods(text, doc_date)
    if periods:
        out.update(period=periods[0].text, period_iso=periods[0].iso)
    out.update(_deadline(text, doc_date, periods) or _leading_deadline(doc_text, a, doc_date))
    return out


def _leading_deadline(doc_text: str, a: int, doc_date: str | None) -> dict[str, object]:
    """A deadline the sentence states before the target ``doc_text[a:…]`` (年底前，A达到…，B达到…): the
    last one between the sentence start and the target, when the target states none itself."""
    sentence = _sentence_start(doc_text, a)
    if sentence >= a:
        return {}
    before = [
        d
        for d in find_deadlines(doc_text[sentence:a], doc_date)
        if _DUE_BY.search(d.text) and not _DURATION.search(d.text) and not _NOT_AHEAD.match(d.text)
    ]
    if not before:
        return {}
    return {"deadline": before[-1].text, "deadline_iso": before[-1].iso}


def _task_attrs(text: str, doc_date: str | None) -> dict[str, object]:
    out: dict[str, object] = {}
    clause = find_responsibility_clause(text)
    if clause is not None:
        out["owner"] = tuple(clause.owners)
        out["support"] = tuple(clause.support)
    else:
        owners = find_actor_owners(text)
        if owners:
            out["owner"] = tuple(owners)
    out.update(_deadline(text, doc_date))
    return out


# a period that also bounds the work: 年内, 今年, 全年, 上半年, 今年年底 (a task "今年" is done by year end)
_BOUNDING_PERIOD = re.compile(
    r"^(?:今年|本年|全年|年内|一年内|今年年内|今年年底|年底|上半年|下半年|[一二三四]季度|本季度|明年)$"
)


# a date the work is due by (年底前, 年内), not a span (今后五年, 到2025年底)
_DUE_BY = re.compile(r"(?:前|内)$")
_NOT_AHEAD = re.compile(r"(?:去年|上年|前年|今后|近)")
_DURATION = re.compile(r"(?:个工作日|天|日|小时|分钟|周|[\d一二三四五六七八九十两半](?:年|个月))(?:以)?内$")


def _deadline(text: str, doc_date: str | None, periods: list | None = None) -> dict[str, object]:  # type: ignore[type-arg]
    """The time limit of an item as written: a deadline (年底前, 6月底前, 到2027年), else a period of
    the coming year that bounds it (年内, 今年, 上半年)."""
    deadlines = find_deadlines(text, doc_date)
    if deadlines:
        # a service time limit (15个工作日以内, 30分钟内) gives way to a date the work is due by
        due = [d for d in deadlines if not _DURATION.search(d.text)] or deadlines
        return {"deadline": due[0].text, "deadline_iso": due[0].iso}
    for span in periods if periods is not None else find_periods(text, doc_date):
        if _BOUNDING_PERIOD.match(span.text):
            return {"deadline": span.text, "deadline_iso": span.iso}
    return {}


def _nms(spans: list[tuple[float, int, int, int]]) -> list[tuple[float, int, int, int]]:
    """Keep the most probable of overlapping spans."""
    kept: list[tuple[float, int, int, int]] = []
    starts: list[int] = []  # of the kept spans, which never overlap: sorted by start, so by end too
    ends: list[int] = []
    for p, a, b, i in sorted(spans, key=lambda x: (-x[0], x[1])):
        k = bisect.bisect_right(starts, a)
        if (k > 0 and ends[k - 1] > a) or (k < len(starts) and starts[k] < b):
            continue
        starts.insert(k, a)
        ends.insert(k, b)
        kept.append((p, a, b, i))
    return sorted(kept, key=lambda x: x[1])


def _problem_runs(
    c: Candidates, model: KindModel, unit_kind: dict[int, str]
) -> list[tuple[str, int, int, int | None, float, str]]:
    """Problems stated in running text: a sentence that opens one (B) and the sentences that continue
    it (I), decoded left to right inside each unit."""
    head = model.heads["sentence"]
    probs = head.predict_proba(c.sent_records, c.sent_dense)
    # a head trained without continuation examples has no I column: its probability is 0
    probs = np.column_stack([np.zeros(len(probs)), probs])
    col = {k: head.classes_.index(k) + 1 if k in head.classes_ else 0 for k in ("B", "I", "O")}
    out = []
    run: list[float] | None = None
    start = end = 0
    current_unit = -1

    def flush() -> None:
        if run is not None:
            out.append(("problem", start, end, current_unit, float(np.mean(run)), "model:sentence"))

    text = c.doc.text
    for (a, b, ui), row in zip(c.sents, probs):
        if ui != current_unit or (run is not None and text[end:a].strip()):
            flush()  # a new unit, or a sentence without a cue between: the run ends
            run, current_unit = None, ui
        pb, pi, po = row[col["B"]], row[col["I"]], row[col["O"]]
        if ANNOUNCE.search(c.doc.text, a, b):
            pb = pi = 0.0  # an announcement (主要存在三个不足。) is no problem itself
        if pb >= SENT_MIN_P or (pb > pi and pb > po):
            flush()
            run, start, end = [float(pb)], a, b
        elif run is not None and pi > po and pi >= pb:
            run.append(float(pi))
            end = b
        else:
            flush()
            run = None
    flush()
    return out


_ELABORATION = re.compile(r"(?:有的|一些|有些|有个|比如|例如|一位|有篇|媒体)")


def _examples_between(text: str, a: int, b: int) -> bool:
    """Nothing but up to two example sentences (有的…。) between two runs."""
    gap = text[a:b]
    if not gap.strip("。！？ "):
        return True
    parts = [x for x in re.split(r"(?<=[。！？])", gap) if x.strip()]
    return len(parts) <= 2 and "\n" not in gap and all(_ELABORATION.match(x) for x in parts)


def _elaborations(
    text: str, runs: list[tuple[str, int, int, int | None, float, str]]
) -> list[tuple[str, int, int, int | None, float, str]]:
    """A shortcoming stated in a sentence and illustrated in the sentences after it (管理不精细问题依然存在。
    一些部门…。有的…。) is one problem: a run that opens on an example (有的/一些/比如…) right after the
    sentence end of another joins it. Pieces of one sentence (有的…；有的…；) stay apart."""
    out: list[tuple[str, int, int, int | None, float, str]] = []
    for r in runs:
        if (
            out
            and out[-1][3] == r[3]
            and text[r[1] - 1 : r[1]] in "。！？"
            and text[r[2] - 1 : r[2]] in "。！？"  # a whole sentence, not the first piece of 有的…；有的…；
            and _examples_between(text, out[-1][2], r[1])
            and _ELABORATION.match(text, r[1])
        ):
            k, a, _b, ui, p, _via = out[-1]
            out[-1] = (k, a, r[2], ui, max(p, r[4]), "rule:elaboration")
            continue
        out.append(r)
    return out


_CONTRAST = re.compile(r"[，,；;](?:但是|但|而是|而|然而|不过)")


def _contrast_trim(
    text: str, run: tuple[str, int, int, int | None, float, str]
) -> tuple[str, int, int, int | None, float, str]:
    """A one-sentence problem that turns on 但/而 keeps the side that states the shortcoming
    (一些传统行业受冲击较大，而…新兴产业展现出强大成长潜力 → the first clause)."""
    kind, a, b, ui, p, via = run
    m = _CONTRAST.search(text, a, b)
    if m is None or _CONTRAST.search(text, m.end(), b):
        return run
    problem = lexicon("problem")
    before, after = problem.score(text[a : m.start()]), problem.score(text[m.end() : b])
    if before > after:
        return (kind, a, m.start(), ui, p, via)
    if after > before:
        start = m.start() + 1
        return (kind, start, b, ui, p, via)
    return run


def _paragraph_split(
    text: str, kind: str, a: int, b: int, ui: int, p: float
) -> list[tuple[str, int, int, int | None, float, str]]:
    """A task of five or more paragraphs is its first paragraph (heading and lead-in) and one task per
    further paragraph: no annotated item crosses a line break, and a point of many paragraphs (学思想，就是要…
    / 强党性，就是要…) is annotated as a section with its paragraphs."""
    if kind != "task" or text.count("\n", a, b) < PARAGRAPH_SPLIT_MIN:
        return [(kind, a, b, ui, p, "model:unit")]
    out: list[tuple[str, int, int, int | None, float, str]] = []
    pos = a
    while pos < b:
        nl = text.find("\n", pos, b)
        end = b if nl < 0 else nl
        if end > pos:
            out.append((kind, pos, end, ui, p, "model:unit" if not out else "rule:paragraph"))
        pos = end + 1
    return out


def decide(c: Candidates, model: KindModel) -> list[tuple[str, int, int, int | None, float, str]]:
    """Kinds for the candidates: ``(kind, start, end, unit_index, confidence, via)``."""
    out: list[tuple[str, int, int, int | None, float, str]] = []
    text = c.doc.text
    unit_kind: dict[int, str] = {}
    if c.units:
        head = model.heads["unit"]
        probs = head.predict_proba(c.unit_records, c.unit_dense)
        for i, (u, row) in enumerate(zip(c.units, probs)):
            k = int(np.argmax(row))
            kind, p = head.classes_[k], float(row[k])
            if kind != "none" and p >= UNIT_MIN_P:
                unit_kind[i] = kind
                out.extend(_paragraph_split(text, kind, u.start, u.end, i, p))
    if c.sents:
        runs = _elaborations(text, _problem_runs(c, model, unit_kind))
        runs = [r if r[5] == "rule:elaboration" else _contrast_trim(text, r) for r in runs]
        per_unit: dict[int, list[int]] = {}
        for r in runs:
            per_unit.setdefault(r[3], []).append(r[2] - r[1])  # type: ignore[arg-type]
        # a problems paragraph without numbers gives one problem per shortcoming (ANNOTATION rule 2):
        # when shortcoming sentences make up most of a paragraph judged a problem, they replace it
        split = {
            ui
            for ui, lens in per_unit.items()
            if len(lens) >= 2
            and unit_kind.get(ui) == "problem"
            and c.units[ui].role in ("chunk", "paragraph")
            and sum(lens) >= 0.6 * (c.units[ui].end - c.units[ui].start)
        }
        out = [x for x in out if not (x[5] == "model:unit" and x[3] in split)]
        out.extend(r for r in runs if unit_kind.get(r[3]) != "problem" or r[3] in split)  # type: ignore[arg-type]
    if c.clauses:
        head = model.heads["clause"]
        probs = head.predict_proba(c.clause_records, c.clause_dense)
        col = head.classes_.index("target")
        spans = []
        via: dict[int, str] = {}  # clauses a rule made targets, where the model alone would not
        for i, ((a, b, _ui, shape), p) in enumerate(zip(c.clauses, probs[:, col].tolist())):
            if text[b : b + 1] in "：:":
                continue  # the lead of a list (目标就是要实现：…) is no target itself
            rules = []
            if shape == "one" and _FIRM.match(text, a, b):
                rules.append((0.75, "firm"))  # rule 5: 确保/力争 with a year or a number: a concrete result
            if shape in ("list", "names") and _GOAL_LEAD.search(text, max(0, a - 80), a):
                rules.append((0.9, "goal-list"))  # the elements of a stated goal list are targets
            elif (
                shape == "one"
                and text[a - 1 : a] in "：；"
                and _GOAL_LEAD.search(
                    text, max(text.rfind("。", 0, a), text.rfind("\n", 0, a), a - 120, 0), a
                )
            ):
                rules.append((0.8, "goal-list"))  # 预期目标是：A；B；C
            elif shape == "one" and RESULT_END.search(text, a, b) and not _PURPOSE.match(text, a, b):
                if _in_goal_passage(text, a):
                    rules.append((0.7, "goal-passage"))  # a goal passage's results, with or without numbers
            if rules and max(rules)[0] > p:
                p, name = max(rules)
                via[i] = "rule:" + name
            if p < CLAUSE_MIN_P:
                continue
            if text[b - 1] == "的" or _GRANT.search(text, a, b) or _CLOSING.search(text, a, b):
                continue  # a condition (…签订劳动合同的，), a grant (可申请…贷款) or a closing call is no outcome
            if _ONLY_TIME.fullmatch(text, a, b) or (
                shape == "two" and _ONLY_TIME.fullmatch(text, max(text.rfind("，", a, b), a) + 1, b)
            ):
                continue  # a clause that only names the period (到2020年，…) is no target, nor ends one
            spans.append((p, a, b, i))
        # one target per indicator: a clause pair only stands where neither of its clauses is a target
        # (到2020年，…); a clause of several counted items gives way when two of its items are targets
        ones = {(a, b) for p, a, b, i in spans if c.clauses[i][3] == "one"}
        starts = {a for a, _ in ones}
        ends = {b for _, b in ones}
        spans = [x for x in spans if c.clauses[x[3]][3] != "two" or not (x[1] in starts or x[2] in ends)]
        items = [(a, b) for p, a, b, i in spans if c.clauses[i][3] == "items"]
        spans = [
            x
            for x in spans
            if c.clauses[x[3]][3] == "items" or sum(1 for a, b in items if x[1] <= a and b <= x[2]) < 2
        ]
        taken_units = {(s, e) for k, s, e, *_ in out if k == "target"}
        targets: list[tuple[str, int, int, int | None, float, str]] = []
        for p, a, b, i in _nms(spans):
            if any(not (b <= s or a >= e) for s, e in taken_units):
                continue
            last = targets[-1] if targets else None
            if last and last[2] == a - 1 and text[a - 1] in "，," and _NAMELESS_LEVEL.fullmatch(text, a, b):
                # 地区生产总值增长7.5%，|达到309亿元: the level joins the target before it
                targets[-1] = (*last[:2], b, last[3], max(last[4], p), last[5])
                continue
            targets.append(("target", a, b, c.clauses[i][2], p, via.get(i, "model:clause")))
        out.extend(targets)
    return sorted(out, key=lambda x: (x[1], -x[2]))


def _in_goal_passage(text: str, pos: int) -> bool:
    """Whether ``pos`` lies in a paragraph that opens on a target period, or in a sentence after a goal lead.

    >>> _in_goal_passage("到2020年，农机作业条件加快改善。", 8)
    True
    """
    start = text.rfind("\n", 0, pos) + 1
    if _GOAL_OPEN.match(text, start):
        return True
    sentence = max(start, text.rfind("。", 0, pos) + 1)
    # the clause itself may open on its commitment (确保贫困县全部摘帽): look three characters into it
    return (
        _GOAL_LEAD.search(text, sentence, pos) is not None
        or _COMMIT.search(text, sentence, pos + 3) is not None
    )


def _enclosing_item(c: Candidates, unit_item: dict[int, str], ui: int | None) -> str | None:
    """The item id of the nearest unit from ``ui`` upwards that became an item."""
    while ui is not None and ui not in unit_item:
        ui = c.units[ui].parent
    return unit_item.get(ui) if ui is not None else None


def extract(doc: Document, *, model: KindModel | None = None) -> list[Item]:
    """Targets, problems and tasks of ``doc``, in document order.

    Every item satisfies ``item.text == doc.text[item.start:item.end]``.

    >>> from speechkit.load import from_text
    >>> doc = from_text("同志们：一、抓实招商引资。当前主要存在三个不足。一是考核成绩差。得分偏低。"
    ...                 "二是推进效率慢。项目进展缓慢。二、抓细招商引资。要加强服务，确保2024年营商环境评价取得新成绩。")
    >>> sorted({it.kind for it in extract(doc)})
    ['problem', 'target', 'task']
    """
    model = model or default_model()
    c = build(doc)
    text = doc.text
    date = doc.meta.date
    taken: set[str] = set()
    items: list[Item] = []
    unit_item: dict[int, str] = {}
    decided = decide(c, model)
    for kind, a, b, ui, p, via in decided:
        u = c.units[ui] if ui is not None else None
        body = text[a:b]
        iid = _stable_id(kind, body, taken)
        parent = None
        if u is not None:
            # a unit's item hangs under the nearest enclosing unit that became an item; a sentence or
            # clause under its own unit's item, else under that unit's nearest item
            own = unit_item.get(ui) if via != "model:unit" else None
            parent = own or _enclosing_item(c, unit_item, u.parent)
            if via == "model:unit":
                unit_item[ui] = iid
        if via == "model:unit" and u is not None:
            title = _title(u.title)
        elif kind == "target":
            title = _LEAD_VERB.sub("", body)[:40]
        else:
            title = re.split(r"[，。；：]", body, maxsplit=1)[0][:40]
        attrs = (
            _target_attrs(text, a, b, date)
            if kind == "target"
            else _task_attrs(body, date)
            if kind == "task"
            else {}
        )
        items.append(
            Item(
                id=iid,
                kind=kind,
                title=title,
                text=body,
                start=a,
                end=b,
                section=u.section if u is not None else None,
                parent=parent,
                confidence=round(p, 3),
                via=via,
                **attrs,  # type: ignore[arg-type]
            )
        )
    return items
