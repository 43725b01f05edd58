"""Owners of a task: the responsibility clause that closes it in plans, or the actors its sentences charge.

>>> c = find_responsibility_clause("落实失业保险待遇。（人力资源社会保障部、医保局负责）")
>>> c.lead, c.owners
(['人力资源社会保障部'], ['人力资源社会保障部', '医保局'])
>>> find_actor_owners("各级党委和有关部门要正视这些问题，采取管用的措施，抓紧解决好。")
['各级党委和有关部门']
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from speechkit.errors import RuleFileError

from .numbers import _read_data_table

__all__ = ["Clause", "canonical_unit", "find_actor_owners", "find_responsibility_clause", "split_units"]


@dataclass(frozen=True)
class Clause:
    """A responsibility clause: ``text[start:end] == raw`` (brackets included when it has them).

    ``lead``: the leading units (牵头 / 牵头单位, else the first one listed: plans state
    "列第一位者为牵头单位"); ``support``: units that 配合 / 参与 / 协助 or are joined by 会同;
    ``owners``: every unit once, lead first, then the rest in the order written.

    >>> c = find_responsibility_clause("…（省发展改革委牵头，各市州政府负责）")
    >>> c.lead, c.support, c.owners
    (['省发展改革委'], [], ['省发展改革委', '各市州政府'])
    """

    start: int
    end: int
    lead: list[str]
    support: list[str]
    owners: list[str]
    raw: str


# ---------------------------------------------------------------------------------------------
# splitting a list of units

_UNIT_END = "部委局厅办署会院行府心司处所站队社联团室组馆位门区县市省州旗镇乡村军"
_ROLE_TAIL = re.compile(
    r"(?:按照?职责分工|按职责|分工|共同|分别|牵头|具体|主要)?"
    r"(?:负责落实|负责实施|负责推进|牵头负责|负责|牵头|配合|参与|协助|协办|指导|落实)$"
)
_ROLE_HEAD = re.compile(r"^(?:由|会同|请|并)")
_SPLIT = re.compile(r"[、，,；;／/]|以及|及(?!时|早)")
_DENG = re.compile(rf"(?<=[{_UNIT_END}])等(?:和|及|、)?")
_HUITONG = re.compile(r"会同")
_HE = re.compile(r"和|与")
_GENERIC_RIGHT = re.compile(r"^(?:有关|相关|其他|其它|各有关|各相关)?(?:单位|部门|机构|企业|组织|政府|方面)")
_SPLIT_KEEP = re.compile(f"({_SPLIT.pattern})")
_BARE_LEVEL = re.compile(r"各?[省市区县乡镇]")
_BARE_GENERIC = frozenset({"部门", "单位", "机构", "方面", "等部门", "等单位", "有关方面"})
_NOTES = re.compile(
    r"[，,；;。]\s*(?:(?:列|排在?|排名)第一位|适用范围[：:]|以下均|以下|下同|不再列出).*$", re.S
)


def _strip_unit(u: str) -> str:
    u = u.strip(" \t\u3000“”\"'：:。.")
    for _ in range(3):
        before = u
        u = _ROLE_HEAD.sub("", u)
        u = _ROLE_TAIL.sub("", u)
        u = re.sub(r"(?:按照?职责分工|按职责)$", "", u)
        u = u.removesuffix("等").strip()
        if u == before:
            break
    return u


def _split_he(part: str) -> list[str]:
    """Split ``A和B`` only where both sides are whole units (财政局和税务局), not 工业和信息化部 or
    各有关部门和单位 or 党委和政府."""
    out: list[str] = []
    rest = part
    pos = 0
    while True:
        m = _HE.search(rest, pos)
        if m is None:
            break
        left, right = rest[: m.start()], rest[m.end() :]
        if (
            len(left) >= 2
            and left[-1] in _UNIT_END
            and len(right) >= 3
            and right[-1] in _UNIT_END
            and not _GENERIC_RIGHT.match(right)
        ):
            out.append(left)
            rest, pos = right, 0
        else:
            pos = m.end()
    out.append(rest)
    return out


def split_units(s: str) -> list[str]:
    """The units named in a list: split on 、，,；及 以及 会同 等(+和), and on 和/与 only between two
    whole units; 按职责分工负责, 负责, 牵头, 配合, 由, trailing 等 are stripped. Each unit once.

    >>> split_units("人力资源社会保障部等有关部门和单位负责")
    ['人力资源社会保障部', '有关部门和单位']
    >>> split_units("工业和信息化部、财政局和税务局按职责分工负责")
    ['工业和信息化部', '财政局', '税务局']
    """
    out: list[str] = []
    tokens = _SPLIT_KEEP.split(s)  # part, separator, part, …
    parts = tokens[::2]
    # 各区、县人民政府 is one unit as written: a bare level before 、 shares the name after it
    for i in range(len(parts) - 2, -1, -1):
        if tokens[2 * i + 1] == "、" and _BARE_LEVEL.fullmatch(parts[i].strip()):
            parts[i : i + 2] = [parts[i] + "、" + parts[i + 1]]
    for part in parts:
        for piece in _DENG.split(_strip_unit(part)):
            for sub in _HUITONG.split(piece):
                for unit in _split_he(_strip_unit(sub)):
                    unit = _strip_unit(unit)
                    if unit and unit not in _BARE_GENERIC and unit not in out:
                        out.append(unit)
    return out


# ---------------------------------------------------------------------------------------------
# canonical unit names


@functools.cache
def _aliases() -> dict[str, str]:
    name = "unit_aliases.tsv"
    table: dict[str, str] = {}
    where: dict[str, int] = {}
    for lineno, (alias, canonical) in _read_data_table(name, 2):
        if alias in where:
            raise RuleFileError(f"{name}:{lineno}: alias {alias!r} already listed on line {where[alias]}")
        table[alias], where[alias] = canonical, lineno
    for canonical in list(table.values()):
        table.setdefault(canonical, canonical)
    return table


@functools.cache
def _alias_re() -> re.Pattern[str]:
    keys = sorted(_aliases(), key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, keys)) + r")\Z")


def canonical_unit(name: str) -> str:
    """The full name of a unit, from ``data/unit_aliases.tsv``; an alias matches the end of ``name`` and
    what stands before it (县, 市, 国家, a place name) is kept. Unknown names come back stripped.

    >>> canonical_unit("县发改局"), canonical_unit("国家发展改革委"), canonical_unit("市人社局")
    ('县发展和改革局', '国家发展和改革委员会', '市人力资源和社会保障局')
    """
    name = name.strip()
    if not name:
        return name
    m = _alias_re().search(name)
    if m is None:
        return name
    prefix, canonical = name[: m.start()], _aliases()[m.group(0)]
    for dup in ("国家", "中国"):
        if prefix.endswith(dup) and canonical.startswith(dup):
            prefix = prefix[: -len(dup)]
    return prefix + canonical


# ---------------------------------------------------------------------------------------------
# responsibility clauses

_LABELS = {
    "牵头单位": "lead", "牵头部门": "lead", "主办单位": "lead", "牵头领导": "lead_person",
    "责任单位": "resp", "责任部门": "resp", "负责单位": "resp", "负责部门": "resp", "实施单位": "resp",
    "主责单位": "resp", "主责部门": "resp", "责任股室": "resp", "责任科室": "resp", "责任处室": "resp",
    "牵头处室": "lead", "牵头科室": "lead", "牵头股室": "lead",
    "配合股室": "support", "配合科室": "support", "配合处室": "support",
    "配合单位": "support", "配合部门": "support", "协办单位": "support", "参与单位": "support",
    "协助单位": "support", "协同单位": "support",
    "完成时限": "other", "完成时间": "other", "时间节点": "other", "时限": "other", "责任领导": "other",
    "包联领导": "other", "适用范围": "other",
}  # fmt: skip
_LABEL_RE = re.compile("(" + "|".join(sorted(_LABELS, key=len, reverse=True)) + ")[：:]")
# a unit may hold a bracket of its own: 【责任单位：市人社局，各县（区）人民政府】
_BRACKETED = re.compile(
    r"[（(【\[]((?:[^（）()【】\[\]\n]|[（(][^（）()【】\[\]\n]{1,10}[）)]){2,400})[）)】\]]"
)
_TAIL_OK = re.compile(r"[\s。；;，,.!！]*\Z")
# labelled lines at the end: 责任单位：…, on one line or one label a line (责任单位：…\n完成时限：…)
_LABELLED_TAIL = re.compile(
    r"(?:(?<=[\s。；;！!？?）)】\]，,:：])|^)(?:"
    + _LABEL_RE.pattern
    + r")(?:[^\n]*\n(?="
    + _LABEL_RE.pattern
    + r"))*[^\n]*?[\s。；;，,]*\Z"
)
_SEG_SPLIT = re.compile(r"[，,；;]")
# a time limit after the units: （县民政局牵头，县财政局配合；2025年底前完成）
_TIME_SEG = re.compile(
    r"(?:(?:19|20)\d\d年|今年|明年|年底|年内|上半年|下半年|长期|持续|[一二三四]季度|\d{1,2}月)"
)
_OTHER_LABEL = re.compile(r"(?:完成时限|完成时间|时间节点|时限|责任领导|包联领导|适用范围)[：:]")
_SEG_ROLE = re.compile(
    r"(?P<lead>牵头负责|牵头)$|(?P<support>配合|参与|协助|协办)$"
    r"|(?P<resp>(?:按照?职责分工|按职责|分工|共同|分别|具体)?(?:负责落实|负责实施|负责推进|负责)|指导|组织实施|落实)$"
)


def _owners(lead: list[str], rest: list[str]) -> list[str]:
    out: list[str] = []
    for u in [*lead, *rest]:
        if u not in out:
            out.append(u)
    return out


def _parse_labelled(body: str) -> tuple[list[str], list[str], list[str]] | None:
    marks = list(_LABEL_RE.finditer(body))
    if not marks:
        return None
    lead: list[str] = []
    resp: list[str] = []
    support: list[str] = []
    order: list[str] = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(body)
        role = _LABELS[m.group(1)]
        if role in ("lead_person", "other"):
            continue
        units = split_units(body[m.end() : end].strip(" ；;，,。\n"))
        {"lead": lead, "resp": resp, "support": support}[role].extend(units)
        order.extend(units)
    if not order:
        return None
    if not lead:
        lead = (resp or support)[:1]
    return lead, _owners([], support), _owners(lead, order)


def _parse_plain(body: str) -> tuple[list[str], list[str], list[str]] | None:
    body = _NOTES.sub("", body).split("。")[0].strip()
    segments = [
        s.strip()
        for s in _SEG_SPLIT.split(body)
        if s.strip() and not _OTHER_LABEL.match(s.strip()) and not _TIME_SEG.match(s.strip())
    ]
    if not segments:
        return None
    roles: list[str | None] = []
    for seg in segments:
        m = _SEG_ROLE.search(seg)
        roles.append(m.lastgroup if m else None)
    if roles[-1] is None:
        return None  # a clause ends with its verb: …负责 / …牵头 / …配合
    # a list without its own verb shares the next one's (A、B，各省级人民政府按职责分工负责)
    for i in range(len(roles) - 2, -1, -1):
        if roles[i] is None:
            roles[i] = roles[i + 1]
    explicit_lead: list[str] = []
    support: list[str] = []
    order: list[str] = []
    for seg, role in zip(segments, roles, strict=True):
        heads = _HUITONG.split(seg, maxsplit=1)
        units = split_units(heads[0])
        joined = split_units(heads[1]) if len(heads) > 1 else []
        if len(heads) > 1 and units:
            explicit_lead.extend(units if role != "support" else [])
            support.extend(joined)
        elif role == "lead":
            explicit_lead.extend(units)
        elif role == "support":
            support.extend(units)
        order.extend(units + joined)
    if not order:
        return None
    if any(len(u) > 40 for u in order):
        return None
    lead = explicit_lead or order[:1]
    return _owners([], lead), _owners([], [u for u in support if u not in lead]), _owners(lead, order)


def find_responsibility_clause(text: str) -> Clause | None:
    """The responsibility clause closing ``text``, or None.

    Bracketed — （人力资源社会保障部、财政部负责。列第一位者为牵头单位，下同）, （…按职责分工负责）,
    （省发展改革委牵头，各市州政府负责）, （牵头单位：…，责任单位：…）, （负责部门：…，适用范围：…） — or
    labelled at the end: 责任单位：县发改局、县财政局 / 牵头单位：…；配合单位：…. Only punctuation and
    space may follow it.

    >>> c = find_responsibility_clause("牵头单位：县发改局；配合单位：县财政局、县住建局")
    >>> c.lead, c.support, c.owners
    (['县发改局'], ['县财政局', '县住建局'], ['县发改局', '县财政局', '县住建局'])
    """
    if not text:
        return None
    for m in reversed(list(_BRACKETED.finditer(text))):
        if not _TAIL_OK.match(text, m.end()):
            break
        body = m.group(1)
        parsed = _parse_labelled(_NOTES.sub("", body)) or _parse_plain(body)
        if parsed:
            lead, support, owners = parsed
            return Clause(m.start(), m.end(), lead, support, owners, m.group(0))
        break
    m = _LABELLED_TAIL.search(text) if _LABEL_RE.search(text) else None  # (a cheap scan first)
    if m:
        raw = m.group(0).rstrip(" \t\r\n。；;，,")
        parsed = _parse_labelled(_NOTES.sub("", raw))
        if parsed:
            lead, support, owners = parsed
            return Clause(m.start(), m.start() + len(raw), lead, support, owners, raw)
    return None


# ---------------------------------------------------------------------------------------------
# actors charged by a task's own sentences

_LEVEL = r"(?:各级|各|全体|全市|全县|全区|全省|全州|全旗|有关|相关|其他|中央|国家|贫困县|贫困地区|基层|地方|[省市县区]直|[省市县区乡镇村]{1,5}(?:[一二三四五六两]级)?|[省市县区乡]级)"
_CORE = (
    r"(?:领导干部|党员干部|党政干部|干部职工|党员|干部|班子成员|领导班子|政府班子|班子|一把手|主要负责同志|主要领导|负责同志|书记"
    r"|党委政府|党委和政府|党政机关|党委|党组|人民政府|政府|党政|部门|单位|科局|机关|纪检监察机关|地区|各地|地方"
    r"|政府组成人员|政府工作人员|工作人员|组成人员|省区市|省份|财政|职业院校|院校|学校|企业|机构|行业协会|成员单位"
    r"|联席会议|领导小组|联防联控机制|乡镇|街道|社区|村|镇|乡|县区|县市区|区县|镇街|党组织|基层党组织"
    r"|自贸试验区|试验区|开发区|园区|新区"
    r"|中央层面|中央|省里|市县|省|市|县|区)"
)
# the head of a body: 各乡镇党委书记, 各企业主要负责同志
_HEAD = r"(?:主要负责同志|主要负责人|主要领导|党组织书记|党支部书记|党委书记|党组书记|书记|负责同志)"
# an actor may carry a bracketed alternative (各级党委（党组）) and run on without a joiner (各地区各部门)
_ACTOR = rf"(?:{_LEVEL}*{_CORE}{_HEAD}?(?:（[^（）]{{1,8}}）{_CORE}?)?)(?:(?:和|及|与|、|特别是)?(?:{_LEVEL}+{_CORE}{_HEAD}?(?:（[^（）]{{1,8}}）)?|(?:和|及|与|、|特别是){_CORE}{_HEAD}?))*"
_ORG = r"[\u4e00-\u9fff]{1,14}?(?:部门|部|委|局|厅|办|署|中心|委员会|办公室|督查室|人民政府|政府|党委|党组|领导小组|指挥部|工作组|单位|大队|支队|支行|分行|集团|学校|公司|工会|银行|机构|企业|医院|专班|办事处)(?:主要负责同志|主要负责人|主要领导)?"
_NOT_ORG = re.compile(
    r"^(?:全部|内部|外部|局部|东部|西部|中部|北部|南部|基层部|头部|本部|干部)$"
    r"|(?:布|格|大|全|结|时|僵|开|胜|棋|残|变|终|破|当)局$|(?:举|创|承|兴|督|包|代|查|主|协|开|申|操|照|置|筹|分|合)办$"
    r"|(?:部|签|公|官|专)署$|(?:大|客|餐|展|前|门|舞)厅$|[的了在对把将是从向被这那由要让使为以于等其每]"
    r"|^(?:全面|提升|提高|鼓励|成立|设立|组建|支持|推动|加强|引导|建立|完善|推进|促进|深化|强化|落实|坚持|实施|发挥"
    r"|组织|开展|督促|指导|要求|建设|打造|培育|优化|健全|加快|积极|进一步|不断|切实|充分|认真|继续|大力|着力|努力"
    r"|坚决|严格|依法|统筹|协调|通过|按照|根据|围绕|加大|做好|抓好|用好|配合|会同|依托|联合|授权|委托|经|请|报)"
)
_MODAL = (
    r"[，,]?(?:都|也|还|更|一定|首先)?"
    r"(?:要(?!素|求|点|件|案|闻|塞|害|职|务)|必须|应当|应该|应(?!急|对|用|届|收|付|有|变|聘|试)|务必|需要|负责|负总责|负主体责任"
    r"|牵头|带头|全员|作为|一起抓|抓落实|统筹|切实|可以|定期"
    r"|对[^，。；]{1,20}?负(?:总责|主体责任|全责|责)"
    r"|是[^，。；]{0,16}?(?:第一责任人|责任主体|实施主体|直接责任人)|具体(?:实施|负责|落实))"
)
_BOUND = r"(?:^|(?<=[。；;！!？?\n，,：:、\s…“”]))"
_ACTOR_FULL = re.compile(_ACTOR)
_ACTOR_MODAL = re.compile(
    rf"{_BOUND}(?:今年|明年|同时|此外|另外|目前|当前|下一步|全年)?(?P<a>(?:{_ACTOR}|{_ORG})(?:、(?:{_ACTOR}|{_ORG}))*)(?={_MODAL})"
)
# a unit stating what it will do, at a clause start: 县财政将…列入预算, 市委督查室每季度…督查
_ACTOR_WILL = re.compile(
    rf"(?:^|(?<=[。；;！!？?\n，,]))(?P<a>(?:{_ACTOR}|{_ORG})(?:、(?:{_ACTOR}|{_ORG}))*)"
    r"(?=将(?!来|近|会|其|这|此|要)|每(?:年|季度|半年|月))"
)
_BY = re.compile(rf"由(?P<a>{_ACTOR}|{_ORG})(?=负责|牵头|承担)")
_ROLE_WORD = r"(?:整体|主体|带头|表率|示范|先锋模范|模范|先锋|战斗堡垒|核心|牵头|统筹|主导|引领|骨干|主力军)"
_FAXUI = re.compile(rf"发挥(?:好)?(?P<a>{_ACTOR})(?=(?:的)?{_ROLE_WORD}作用|[^，。；的]{{1,20}}的作用)")
# units the actor works with: 县发改局要牵头，会同县财政局、县住建局… (gold lists them after the actor)
_JOINED = re.compile(r"(?:都|也)?(?:要|必须|应当|应|将)?(?:牵头[，,]?)?会同(?P<b>[^，,；;。！？\n]{2,80})")
_UNIT_FULL = re.compile(rf"{_ACTOR}|{_ORG}")
_JOINED_GENERIC = re.compile(r"^(?:有关|相关|其他|其它)(?:部门|单位|方面)")
# where the work after the partners begins (会同县税务局研究出台…): no unit name runs on past it
_WORK_STARTS = re.compile(
    r"研究|出台|开展|制定|加强|做好|推进|建立|完善|落实|实施|督促|抓好|加快|围绕|按照|采取|梳理|排查|清理|对接"
    r"|联合|共同|定期|逐个|逐项|提出|编制|拟定|设立|整合|统筹|协调|摸清|全面|认真|切实|加大|健全|推动|确保|及时"
)


def _units_at(text: str, pos: int) -> list[tuple[int, str]]:
    """The units listed from ``pos`` on (A、B、C…), each the longest name that stands there: 会同区统计局把…
    gives 区统计局, 会同县住建局、县市场监管局出台… both. Generic ones (有关部门) are left out."""
    out: list[tuple[int, str]] = []
    for piece in text[pos:].split("、"):
        best = ""
        work = _WORK_STARTS.search(piece, 2)
        for e in range(min(len(piece), 24, work.start() if work else 24), 1, -1):
            cand = piece[:e]
            if _UNIT_FULL.fullmatch(cand) and not (_NOT_ORG.search(cand) and not _ACTOR_FULL.fullmatch(cand)):
                best = cand
                break
        if not best:
            break
        if not _JOINED_GENERIC.match(best):
            out.append((pos, best))
        if best != piece:
            break
        pos += len(piece) + 1
    return out


_TOPIC = re.compile(
    rf"(?:^|(?<=[。；;！!？?\n]))(?P<a>{_ACTOR})(?=[^。；;！!？?\n]{{1,40}}?[，,](?:都|也|还)?要)"
)


class _Bounded:
    """A pattern ``(?:^|(?<=[MARKS]))BODY`` searched as ``[MARKS]BODY``, its own match at 0 tried apart.

    The same matches of the group ``a``, found faster: a pattern that opens with a character class lets
    the scan skip to the marks, where one opening with a look-behind tries every place. It holds for a
    BODY that never ends with a mark (an actor ends with a Chinese character or a bracket), so that no
    match ends on the mark the next one needs. (At 0 the pattern's ``^`` holds, so its match there is
    BODY's.)
    """

    _FORM = re.compile(r"\(\?:\^\|\(\?<=\[(?P<marks>[^\]]+)\]\)\)(?P<body>.+)", re.S)

    def __init__(self, plain: re.Pattern[str]) -> None:
        form = self._FORM.fullmatch(plain.pattern)
        if form is None:
            raise ValueError(f"not a pattern of the form (?:^|(?<=[MARKS]))BODY: {plain.pattern[:40]}")
        self.plain = plain
        self._after = f"[{form.group('marks')}]{form.group('body')}"

    @functools.cached_property
    def after_mark(self) -> re.Pattern[str]:
        return re.compile(self._after)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        first = self.plain.match(text)
        if first is not None:
            yield first
        yield from self.after_mark.finditer(text, first.end() if first is not None else 0)


_ACTOR_MODAL_FAST = _Bounded(_ACTOR_MODAL)
_TOPIC_FAST = _Bounded(_TOPIC)
_LIST_SEP = re.compile(r"、(?![^（）()]*[）)])")  # not inside a bracket: 各县（市、区）党委
_ACTOR_WILL_FAST = _Bounded(_ACTOR_WILL)


def find_actor_owners(text: str) -> list[str]:
    """Units or people a task's own sentences charge with it, in order, each once.

    SUBJECT + 要/必须/应当/负责/牵头/务必… at the start of a clause, where SUBJECT is an actor (领导干部,
    班子成员, 各级党委和有关部门, 各地, 中央有关部门, 贫困县党委和政府 …) or an organisation (…部/委/局/厅/
    办/中心/人民政府); 由X负责/牵头; 发挥X…作用; a sentence opening with an actor and going on to ，要….

    >>> find_actor_owners("同时要充分发挥班子成员整体作用，带动全体职工谋招商、抓招商。")
    ['班子成员']
    >>> find_actor_owners("…处处靠前指挥。领导干部要切实在招商引资工作上，做到要以身作则")
    ['领导干部']
    """
    if not text:
        return []
    found: list[tuple[int, str]] = []
    for rx in (_ACTOR_MODAL_FAST, _BY, _FAXUI, _TOPIC_FAST, _ACTOR_WILL_FAST):
        for m in rx.finditer(text):
            pos = m.start("a")
            parts = _LIST_SEP.split(m.group("a"))
            # 区财政局、区税务局要…: each unit an owner; 省、市、县 and 党员、干部 stay one
            if not all(len(x) >= 3 or x.startswith("各") for x in parts):
                parts = [m.group("a")]
            for part in parts:
                # 县消防救援大队和县武装部: two organisations (not 党委和政府, 各级党委和有关部门)
                if _NOT_ORG.search(part) and not _ACTOR_FULL.fullmatch(part):
                    pos += len(part) + 1
                    continue
                for a in [part] if _ACTOR_FULL.fullmatch(part) else _split_he(part):
                    found.append((pos, a))
                    pos += len(a) + 1
            if rx is _ACTOR_MODAL_FAST:
                j = _JOINED.match(text, m.end("a"))
                if j is not None:
                    found.extend(_units_at(text[: j.end("b")], j.start("b")))
    out: list[str] = []
    taken: list[tuple[int, int]] = []
    for start, a in sorted(found, key=lambda t: (t[0], -len(t[1]))):
        if any(s <= start < e for s, e in taken):
            continue
        taken.append((start, start + len(a)))
        if a not in out:
            out.append(a)
    return out
