"""Attribute normalisers for extracted items: numbers, dates and owners, plus a target's strength.

Pure functions on strings; the work is done in :mod:`.numbers`, :mod:`.dates` and :mod:`.owners`,
re-exported here so that callers import from one place.

>>> target_strength("力争年内建成，确保完成全年目标")
'确保'
"""

from __future__ import annotations

import re

from .dates import TimeSpan, find_deadlines, find_periods, parse_doc_date, resolve
from .numbers import Quantity, UnitInfo, chinese_to_number, find_quantities, to_base, unit_info
from .owners import Clause, canonical_unit, find_actor_owners, find_responsibility_clause, split_units

__all__ = [
    "Clause",
    "Quantity",
    "TimeSpan",
    "UnitInfo",
    "canonical_unit",
    "chinese_to_number",
    "find_actor_owners",
    "find_deadlines",
    "find_periods",
    "find_quantities",
    "find_responsibility_clause",
    "parse_doc_date",
    "resolve",
    "split_units",
    "target_strength",
    "to_base",
    "unit_info",
]

_STRENGTH = re.compile(r"确保|务必|力争|争取|力求|努力|约束性|预期性")
_LABEL = {"务必": "确保", "争取": "力争", "力求": "力争"}
_WEAK = frozenset({"力争", "努力"})


def target_strength(text: str) -> str | None:
    """How firmly a target is committed: 确保 / 力争 / 努力 / 约束性 / 预期性, or None.

    The first cue in ``text`` decides (务必 counts as 确保, 争取/力求 as 力争), except that 确保 beats
    力争 and 努力 wherever it stands.

    >>> target_strength("约束性指标：单位GDP能耗下降3%"), target_strength("努力实现地区生产总值增长6%")
    ('约束性', '努力')
    """
    cues = [_LABEL.get(m.group(0), m.group(0)) for m in _STRENGTH.finditer(text)]
    if not cues:
        return None
    if "确保" in cues and cues[0] in _WEAK:
        return "确保"
    return cues[0]
