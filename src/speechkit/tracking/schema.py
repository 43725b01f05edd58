"""The column contracts of tracking, in one light module (no pandas): what a project table, a tracking
frame and a figures frame hold. Readers, ``track`` and the report all name their columns from here.

>>> PROJECT_COLUMNS[:3], TRACKING_COLUMNS[:2], STATES[-1]
(('project_id', 'name', 'company'), ('item_id', 'kind'), '无数据')
"""

from __future__ import annotations

PROJECT_COLUMNS: tuple[str, ...] = (
    "project_id",
    "name",
    "company",
    "investment",
    "status",
    "signed",
    "started",
    "finished",
    "industry",
    "location",
    "owner_unit",
    "leader",
    "row",
)
"""A project table's canonical columns, in order (see :mod:`speechkit.tracking.projects`)."""

TRACKING_COLUMNS: tuple[str, ...] = (
    "item_id",
    "kind",
    "indicator",
    "current_value",
    "previous_value",
    "unit",
    "status",
    "progress",
    "projects",
    "link_score",
    "evidence",
)
"""One row per item of :attr:`speechkit.tracking.track.Tracking.frame`."""

FIGURE_COLUMNS: tuple[str, ...] = ("item_id", "indicator", "period", "value", "unit", "status")
"""One row per item, indicator and period of ``Tracking.figures`` (what the history stores)."""

STATES: tuple[str, ...] = ("未开始", "进行中", "已完成", "滞后", "无数据")
"""The status of an item in a ledger (状态)."""
