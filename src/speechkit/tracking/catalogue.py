"""The indicator catalogue: phrases speeches use (新签约项目, 协议引资额, 停工和流失 …) → figures computed
from a canonical project frame (see :mod:`speechkit.tracking.projects`) for a :class:`Period`.

The catalogue is data, ``data/indicators.toml``; this module is the mechanism. A figure is a count, a
sum, a share or a concentration over the projects that pass the entry's filters (status, 亿元以上 =
investment ≥ 10000 万元, the entry's date column inside the period). What the data cannot say is
"no data" (``value is None``), never a made-up 0:

* the table lacks a column the entry needs (外出招商次数 needs ``trips``);
* the period lies outside the span of dates the table carries (a 2023 figure from a 2024 table);
* a snapshot entry (在建项目数, 专人负责占比: current statuses) asked for a period that ended before the
  table's latest date — the table cannot tell what the statuses were then;
* a sum or share over rows whose values are all unknown, a share of no rows.

>>> import pandas as pd
>>> frame = pd.DataFrame({"project_id": ["P1", "P2"], "name": ["甲项目", "乙项目"],
...     "investment": [12000.0, 800.0], "status": ["开工", "签约"],
...     "signed": pd.to_datetime(["2024-03-01", "2024-08-01"]),
...     "started": pd.to_datetime(["2024-05-01", None]), "finished": pd.to_datetime([None, None])})
>>> figure("signed_count", frame, Period.half(2024, 2)).value
1.0
>>> figure("started_count_large", frame, Period.half(2024, 1)).value
1.0
>>> figure("trips", frame, Period.year(2024)).value is None
True
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import TYPE_CHECKING, Any

from ..errors import RuleFileError
from .periods import Period

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "STATUSES",
    "Catalogue",
    "Figure",
    "Indicator",
    "Period",
    "amount_text",
    "catalogue",
    "compare",
    "compare_halves",
    "data_as_of",
    "figure",
    "figures",
]

STATUSES = ("洽谈", "签约", "注册", "开工", "在建", "竣工", "投产", "停工", "流失")
DATE_COLUMNS = ("signed", "started", "finished")
_AGGREGATES = ("count", "sum", "share", "top_share")
_DATES = (*DATE_COLUMNS, "last", "none")
# statuses that imply an event happened: a row in one of them with no date is an unknown, not a zero
_IMPLIES = {
    "signed": frozenset(STATUSES[1:]),
    "started": frozenset(("开工", "在建", "竣工", "投产")),
    "finished": frozenset(("竣工", "投产")),
}
GAP = "…"
_GAP_RE = r"[^，。；！？：,.;!?:\n]{0,8}?"
WEAK = 0.6
GAPPED = 0.9


@dataclass(frozen=True)
class Phrase:
    """One wording of an indicator: ``新开工…亿元以上`` (``…`` = up to 8 characters of the same clause).

    >>> p = Phrase("新开工…亿元以上", 0.9)
    >>> m = p.pattern.search("新开工、新竣工亿元以上项目少")
    >>> m.group(0)
    '新开工、新竣工亿元以上'
    """

    text: str
    weight: float = 1.0

    @functools.cached_property
    def pattern(self) -> re.Pattern[str]:
        return re.compile(_GAP_RE.join(re.escape(part) for part in self.text.split(GAP)))

    @property
    def core(self) -> int:
        """Characters the phrase itself matches (gaps excluded): longer is more specific."""
        return len(self.text.replace(GAP, ""))


@dataclass(frozen=True)
class Indicator:
    """One catalogue entry (see ``data/indicators.toml`` for the fields).

    >>> ind = catalogue()["stalled_count"]
    >>> ind.label, ind.unit, ind.direction
    ('停工项目数', '个', 'down')
    """

    id: str
    label: str
    unit: str
    aggregate: str
    date: str
    direction: str = "up"
    statuses: frozenset[str] | None = None
    exclude: frozenset[str] = frozenset()
    min_investment: float | None = None
    share_of: str | None = None
    column: str = "investment"
    requires: tuple[str, ...] = ()
    narrows: tuple[str, ...] = ()
    phrases: tuple[Phrase, ...] = ()

    @property
    def basis(self) -> str:
        """How the figure is computed, in Chinese, for the ledger's 依据 column.

        >>> catalogue()["started_count_large"].basis
        '开工日期在期内，投资额≥10000万元，计数'
        """
        parts = []
        if self.date in DATE_COLUMNS:
            parts.append({"signed": "签约", "started": "开工", "finished": "竣工"}[self.date] + "日期在期内")
        elif self.date == "last":
            parts.append("最近日期在期内")
        else:
            parts.append("当前状态")
        if self.statuses:
            parts.append("状态为" + "/".join(s for s in STATUSES if s in self.statuses))
        if self.exclude:
            parts.append("不含" + "/".join(s for s in STATUSES if s in self.exclude))
        if self.min_investment:
            parts.append(f"投资额≥{self.min_investment:g}万元")
        parts.append(
            {"count": "计数", "sum": "合计", "share": "占比", "top_share": "最多一类占比"}[self.aggregate]
        )
        return "，".join(parts)


@dataclass(frozen=True)
class Catalogue:
    """The indicators in file order; ``cat["signed_count"]`` looks one up."""

    indicators: tuple[Indicator, ...]

    def __getitem__(self, indicator_id: str) -> Indicator:
        for ind in self.indicators:
            if ind.id == indicator_id:
                return ind
        raise KeyError(indicator_id)

    def __iter__(self) -> Iterator[Indicator]:
        return iter(self.indicators)

    def __len__(self) -> int:
        return len(self.indicators)

    def __contains__(self, indicator_id: object) -> bool:
        return any(ind.id == indicator_id for ind in self.indicators)


def _load_toml(text: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    return tomllib.loads(text)


def parse_catalogue(text: str, name: str = "indicators.toml") -> Catalogue:
    """Parse and check a catalogue file; a bad entry raises :class:`RuleFileError` naming it."""
    try:
        data = _load_toml(text)
    except ValueError as exc:  # tomllib.TOMLDecodeError carries the line
        raise RuleFileError(f"{name}: {exc}") from exc
    out: list[Indicator] = []
    seen: set[str] = set()
    for k, entry in enumerate(data.get("indicator", []), 1):
        where = f"{name}: indicator #{k} ({entry.get('id', '?')})"
        try:
            ind = Indicator(
                id=str(entry["id"]),
                label=str(entry["label"]),
                unit=str(entry["unit"]),
                aggregate=str(entry["aggregate"]),
                date=str(entry.get("date", "none")),
                direction=str(entry.get("direction", "up")),
                statuses=frozenset(entry["status"]) if "status" in entry else None,
                exclude=frozenset(entry.get("exclude", ())),
                min_investment=float(entry["min_investment"]) if "min_investment" in entry else None,
                share_of=entry.get("share_of"),
                column=str(entry.get("column", "investment")),
                requires=tuple(entry.get("requires", ())),
                narrows=tuple(entry.get("narrows", ())),
                phrases=tuple(Phrase(p, GAPPED if GAP in p else 1.0) for p in entry.get("phrases", ()))
                + tuple(Phrase(p, WEAK) for p in entry.get("weak", ())),
            )
        except KeyError as exc:
            raise RuleFileError(f"{where}: missing field {exc.args[0]!r}") from exc
        except (TypeError, ValueError) as exc:
            raise RuleFileError(f"{where}: {exc}") from exc
        if ind.id in seen:
            raise RuleFileError(f"{where}: duplicate id")
        if ind.aggregate not in _AGGREGATES:
            raise RuleFileError(
                f"{where}: aggregate {ind.aggregate!r} is not one of {', '.join(_AGGREGATES)}"
            )
        if ind.date not in _DATES:
            raise RuleFileError(f"{where}: date {ind.date!r} is not one of {', '.join(_DATES)}")
        if ind.direction not in ("up", "down"):
            raise RuleFileError(f"{where}: direction must be up or down")
        if ind.aggregate in ("share", "top_share") and not ind.share_of:
            raise RuleFileError(f"{where}: a {ind.aggregate} needs share_of")
        bad = (set(ind.statuses or ()) | ind.exclude) - set(STATUSES)
        if bad:
            raise RuleFileError(f"{where}: unknown status {sorted(bad)}; expected {'/'.join(STATUSES)}")
        if not ind.phrases:
            raise RuleFileError(f"{where}: no phrases")
        seen.add(ind.id)
        out.append(ind)
    for ind in out:
        for other in ind.narrows:
            if other not in seen:
                raise RuleFileError(f"{name}: {ind.id} narrows unknown indicator {other!r}")
    return Catalogue(tuple(out))


@functools.cache
def catalogue() -> Catalogue:
    """The bundled catalogue, ``data/indicators.toml``, loaded once."""
    path = resources.files("speechkit") / "data" / "indicators.toml"
    return parse_catalogue(path.read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------------------------
# figures


@dataclass(frozen=True)
class Figure:
    """One indicator's value for one period. ``value is None`` means no data; ``note`` says why, or
    what is uncertain (``2个项目投资额未知``). ``rows`` is the number of projects counted, ``unknown`` the
    number that might belong but lack a date or an amount.

    >>> Figure("signed_count", "新签约项目数", Period.year(2024), 12.0, "个", 12).text
    '12个'
    """

    indicator: str
    label: str
    period: Period
    value: float | None
    unit: str
    rows: int = 0
    unknown: int = 0
    note: str = ""

    @property
    def has_data(self) -> bool:
        return self.value is not None

    @property
    def text(self) -> str:
        """The value with its unit (``12个``, ``35000万元``, ``62.5%``), or ``无数据``."""
        if self.value is None:
            return "无数据"
        return amount_text(self.value, self.unit)


def amount_text(value: float, unit: str) -> str:
    """A figure as people write it: at most one decimal, no exponent, 万元 from 1亿 on in 亿元.

    >>> amount_text(2869490.0, "万元"), amount_text(305930.0, "万元"), amount_text(8000.0, "万元")
    ('286.95亿元', '30.59亿元', '8000万元')
    >>> amount_text(26.056, "%"), amount_text(142.0, "个")
    ('26.1%', '142个')
    """
    if unit == "万元" and abs(value) >= 10000:
        return f"{value / 10000:.2f}".rstrip("0").rstrip(".") + "亿元"
    return f"{value:.1f}".rstrip("0").rstrip(".") + unit


def _dates(frame: pd.DataFrame) -> list[pd.Series]:
    import pandas as pd

    return [pd.to_datetime(frame[c], errors="coerce") for c in DATE_COLUMNS if c in frame.columns]


def data_as_of(frame: pd.DataFrame) -> date | None:
    """The latest date the project table carries (its snapshot date, as far as the data tells), or None.

    >>> import pandas as pd
    >>> data_as_of(pd.DataFrame({"signed": pd.to_datetime(["2024-03-01", "2024-09-30"])}))
    datetime.date(2024, 9, 30)
    """
    latest = [s.max() for s in _dates(frame) if s.notna().any()]
    return max(latest).date() if latest else None


def _coverage(frame: pd.DataFrame) -> tuple[date, date] | None:
    spans = [(s.min(), s.max()) for s in _dates(frame) if s.notna().any()]
    if not spans:
        return None
    return min(a for a, _ in spans).date(), max(b for _, b in spans).date()


def figure(
    indicator_id: str | Indicator,
    frame: pd.DataFrame,
    period: Period,
    *,
    as_of: date | None = None,
) -> Figure:
    """The value of one indicator over ``frame`` for ``period``.

    ``as_of`` is the date the project table describes (default: its latest date); snapshot indicators
    (``date = "none"``) have a value only for periods that reach it.

    >>> import pandas as pd
    >>> f = pd.DataFrame({"project_id": ["P1", "P2", "P3"], "name": ["甲", "乙", "丙"],
    ...     "investment": [5000.0, None, 3000.0], "status": ["签约", "签约", "停工"],
    ...     "signed": pd.to_datetime(["2024-02-01", "2024-03-01", "2024-04-01"]),
    ...     "started": pd.NaT, "finished": pd.NaT, "leader": ["张三", None, None]})
    >>> fig = figure("signed_investment", f, Period.half(2024, 1))
    >>> fig.value, fig.unknown, fig.note
    (8000.0, 1, '1个项目投资额未知')
    >>> round(figure("leader_share", f, Period.half(2024, 1)).value, 1)
    33.3
    """
    import pandas as pd

    ind = indicator_id if isinstance(indicator_id, Indicator) else catalogue()[indicator_id]

    def none(note: str) -> Figure:
        return Figure(ind.id, ind.label, period, None, ind.unit, note=note)

    missing = [c for c in ind.requires if c not in frame.columns]
    if missing:
        return none(f"项目数据中没有{'、'.join(missing)}")
    if len(frame) == 0:
        return none("项目数据为空")
    needed = [c for c in ("status",) if c not in frame.columns and (ind.statuses or ind.exclude)]
    if needed:
        return none("项目数据中没有status")
    rows = frame
    if ind.statuses is not None:
        rows = rows[rows["status"].isin(ind.statuses)]
    if ind.exclude:
        rows = rows[~rows["status"].isin(ind.exclude)]
    unknown = 0
    if ind.date == "none":
        latest = as_of or data_as_of(frame)
        if latest is not None and period.end < latest:
            return none(f"现状指标，项目数据截至{latest.isoformat()}，不反映{period.label}")
    else:
        cover = _coverage(frame)
        if cover is None:
            return none("项目数据中没有日期")
        if period.end < cover[0] or period.start > cover[1]:
            return none(
                f"项目数据的日期（{cover[0].isoformat()}至{cover[1].isoformat()}）不覆盖{period.label}"
            )
        if ind.date == "last":
            present = [c for c in DATE_COLUMNS if c in rows.columns]
            when = pd.concat([pd.to_datetime(rows[c], errors="coerce") for c in present], axis=1).max(axis=1)
        else:
            if ind.date not in rows.columns:
                return none(f"项目数据中没有{ind.date}")
            when = pd.to_datetime(rows[ind.date], errors="coerce")
            if "status" in rows.columns:
                implied = rows["status"].isin(_IMPLIES[ind.date])
                unknown += int((when.isna() & implied).sum())
        inside = (when >= pd.Timestamp(period.start)) & (when <= pd.Timestamp(period.end))
        rows = rows[inside.fillna(False).astype(bool)]
    if ind.min_investment is not None:
        inv = pd.to_numeric(rows.get("investment"), errors="coerce") if "investment" in rows else None
        if inv is None:
            return none("项目数据中没有investment")
        unknown += int(inv.isna().sum())
        rows = rows[inv >= ind.min_investment]
    notes = []
    value: float | None
    if ind.aggregate == "count":
        value = float(len(rows))
    elif ind.aggregate == "sum":
        vals = pd.to_numeric(rows[ind.column], errors="coerce")
        n_unknown = int(vals.isna().sum())
        unknown += n_unknown
        if n_unknown:
            notes.append(f"{n_unknown}个项目{'投资额' if ind.column == 'investment' else ind.column}未知")
        value = float(vals.sum()) if len(vals) == 0 or vals.notna().any() else None
    else:
        col = ind.share_of or ""
        if col not in rows.columns:
            return none(f"项目数据中没有{col}")
        filled = rows[col].notna() & (rows[col].astype(str).str.strip() != "")
        if ind.aggregate == "share":
            value = 100.0 * float(filled.sum()) / len(rows) if len(rows) else None
        else:
            known = rows.loc[filled, col].astype(str).str.strip()
            value = 100.0 * float(known.value_counts().iloc[0]) / len(known) if len(known) else None
            if len(known):
                notes.append(f"最多的一类：{known.value_counts().index[0]}")
        if value is None:
            notes.append("期内没有项目")
    if ind.min_investment is not None and unknown and not notes:
        notes.append(f"{unknown}个项目投资额或日期未知")
    elif unknown and ind.aggregate == "count":
        notes.append(f"{unknown}个项目日期未知")
    return Figure(ind.id, ind.label, period, value, ind.unit, len(rows), unknown, "；".join(notes))


def _select(indicators: Iterable[str] | None) -> Sequence[Indicator]:
    cat = catalogue()
    return list(cat) if indicators is None else [cat[i] for i in indicators]


def figures(
    frame: pd.DataFrame,
    period: Period,
    *,
    indicators: Iterable[str] | None = None,
    as_of: date | None = None,
) -> pd.DataFrame:
    """Every catalogue indicator (or the ``indicators`` given) for ``period``, one row each:
    ``indicator, label, period, start, end, value, unit, rows, unknown, note`` (``value`` NaN = no data).
    """
    import pandas as pd

    rows = []
    for ind in _select(indicators):
        f = figure(ind, frame, period, as_of=as_of)
        rows.append(
            {
                "indicator": f.indicator,
                "label": f.label,
                "period": period.label,
                "start": period.start,
                "end": period.end,
                "value": f.value,
                "unit": f.unit,
                "rows": f.rows,
                "unknown": f.unknown,
                "note": f.note,
            }
        )
    out = pd.DataFrame(rows)
    out["value"] = out["value"].astype(float)
    return out


def trend(ind: Indicator, current: float | None, previous: float | None) -> str | None:
    """``改善``/``恶化``/``持平`` of ``current`` against ``previous``, read by the indicator's direction.

    >>> trend(catalogue()["stalled_count"], 5, 3), trend(catalogue()["signed_count"], 5, 3)
    ('恶化', '改善')
    """
    if current is None or previous is None:
        return None
    if abs(current - previous) < 1e-9:
        return "持平"
    better = current > previous if ind.direction == "up" else current < previous
    return "改善" if better else "恶化"


def compare(
    frame: pd.DataFrame,
    period: Period,
    previous: Period | None = None,
    *,
    indicators: Iterable[str] | None = None,
    as_of: date | None = None,
) -> pd.DataFrame:
    """This period against the previous one (default ``period.previous()``), one row per indicator:
    ``indicator, label, unit, previous_period, previous, period, current, change, trend``.

    >>> import pandas as pd
    >>> f = pd.DataFrame({"project_id": ["P1", "P2", "P3"], "name": ["甲", "乙", "丙"], "investment": 1.0,
    ...     "status": ["签约", "签约", "签约"], "started": pd.NaT, "finished": pd.NaT,
    ...     "signed": pd.to_datetime(["2024-02-01", "2024-08-01", "2024-09-01"])})
    >>> row = compare(f, Period.half(2024, 2), indicators=["signed_count"]).iloc[0]
    >>> float(row.previous), float(row.current), row.trend
    (1.0, 2.0, '改善')
    """
    import pandas as pd

    previous = previous or period.previous()
    rows = []
    for ind in _select(indicators):
        cur = figure(ind, frame, period, as_of=as_of).value
        prev = figure(ind, frame, previous, as_of=as_of).value
        rows.append(
            {
                "indicator": ind.id,
                "label": ind.label,
                "unit": ind.unit,
                "previous_period": previous.label,
                "previous": prev,
                "period": period.label,
                "current": cur,
                "change": None if cur is None or prev is None else cur - prev,
                "trend": trend(ind, cur, prev),
            }
        )
    out = pd.DataFrame(rows)
    for c in ("previous", "current", "change"):
        out[c] = out[c].astype(float)
    return out


def compare_halves(
    frame: pd.DataFrame, year: int, *, indicators: Iterable[str] | None = None
) -> pd.DataFrame:
    """下半年 against 上半年 of ``year``: :func:`compare` with those two periods."""
    return compare(frame, Period.half(year, 2), Period.half(year, 1), indicators=indicators)
