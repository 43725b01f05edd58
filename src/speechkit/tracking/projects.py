"""Project tables in: 招商引资/重点项目 台账 from CSV, Excel, JSON or a SQL database as one canonical table.

Every source is first turned into rows of raw cells with the row number a person sees (Excel row, CSV
line, JSON record, database ``row`` column); one code path then finds the header row, maps the headers to
the canonical columns (``data/projects/headers.tsv`` plus a user's mapping), reads every cell
(:mod:`speechkit.tracking.cells`) and reports what it cannot read as a :class:`RowProblem`.

>>> import io, json
>>> t = read_projects(io.BytesIO("项目名称,总投资（亿元）,项目状态,签约时间\\n青禾光伏电站,3.5,已签约,2024.7\\n".encode()))
>>> r = t.records()[0]
>>> r["name"], r["investment"], r["status"], r["signed"]
('青禾光伏电站', 35000.0, '签约', '2024-07-01')
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO

import pandas as pd

from ..errors import InputError
from ..extraction.matching import normalise
from ..readers import load_bytes
from .cells import (
    STATUSES,
    CellError,
    cell_text,
    data_pairs,
    fold,
    is_blank,
    parse_amount,
    parse_date,
    parse_status,
    unit_factor,
)
from .schema import PROJECT_COLUMNS

CANONICAL: tuple[str, ...] = PROJECT_COLUMNS
"""The canonical columns of :attr:`ProjectTable.frame`, in order (a contract: see the module docs)."""

DATE_COLUMNS = ("signed", "started", "finished")
TEXT_COLUMNS = ("company", "industry", "location", "owner_unit", "leader")
_HEADER_SCAN = 30  # rows searched for the header row
_TOTAL_WORDS = ("合计", "小计", "总计", "共计")
_UNIT_IN_HEADER = re.compile(
    r"[(\[【]\s*(?:单位[:：]?)?\s*(亿元|万元|元)\s*[)\]】]|(?:单位[:：])?(亿元|万元)$"
)
_TABLE_UNIT = re.compile(r"单位[:：]\s*(亿元|万元|元)")
_YEAR = re.compile(r"(20\d\d|19\d\d)年")
_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]|【[^】]*】")


@dataclass(frozen=True)
class RowProblem:
    """Something in a row that could not be read: the row number a person sees, the column's header,
    the raw value and what is wrong.

    >>> str(RowProblem(17, "签约时间", "2024.13.5", "impossible date '2024.13.5'"))
    "17: 签约时间: impossible date '2024.13.5'"
    """

    row: int
    column: str
    value: str
    message: str

    def __str__(self) -> str:
        return f"{self.row}: {self.column}: {self.message}"


@dataclass(frozen=True, eq=False)
class ProjectTable:
    """A project table in canonical form: ``frame`` (one row per project, :data:`CANONICAL` columns then
    the unmapped source columns), ``problems`` (every row problem, in row order) and ``source``."""

    frame: pd.DataFrame
    problems: tuple[RowProblem, ...]
    source: str

    def __len__(self) -> int:
        return len(self.frame)

    def summary(self) -> list[tuple[str, int, float]]:
        """``(status, projects, investment in 万元)`` per canonical status in lifecycle order, then ``未知``
        for projects without a status; statuses without projects are left out.

        >>> t = read_projects([{"项目名称": "甲", "状态": "在谈", "投资额": "2亿"},
        ...                    {"项目名称": "乙", "状态": "续建", "投资额": 800}, {"项目名称": "丙"}])
        >>> t.summary()
        [('洽谈', 1, 20000.0), ('在建', 1, 800.0), ('未知', 1, 0.0)]
        """
        f = self.frame
        out = []
        for status in (*STATUSES, None):
            mask = f["status"].isna() if status is None else f["status"] == status
            n = int(mask.sum())
            if n:
                out.append((status or "未知", n, float(f.loc[mask, "investment"].sum(skipna=True))))
        return out

    def status_counts(self) -> dict[str, int]:
        """Projects per canonical status in lifecycle order, then ``未知`` for rows without one.

        >>> t = read_projects([{"项目名称": "甲", "状态": "在谈"}, {"项目名称": "乙", "状态": "续建"}])
        >>> t.status_counts()
        {'洽谈': 1, '在建': 1}
        """
        return {status: n for status, n, _ in self.summary()}

    def total_investment(self) -> float:
        """Sum of ``investment`` in 万元 over the projects that give one."""
        return float(self.frame["investment"].sum(skipna=True))

    def records(self) -> list[dict[str, Any]]:
        """The frame as JSON-ready records: dates as ISO strings, NaN/NaT as None."""
        out = []
        for rec in self.frame.to_dict("records"):
            row: dict[str, Any] = {}
            for k, v in rec.items():
                if is_blank(v):
                    row[k] = None
                elif isinstance(v, pd.Timestamp):
                    row[k] = v.date().isoformat()
                elif k == "row":
                    row[k] = int(v)
                else:
                    row[k] = v
            out.append(row)
        return out

    def to_csv(self) -> bytes:
        """The frame as CSV in UTF-8 with a BOM (for Excel), dates as ISO; ``read_projects`` reads it back."""
        buf = io.StringIO(newline="")
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(self.frame.columns)
        for rec in self.records():
            writer.writerow(["" if v is None else v for v in rec.values()])
        return buf.getvalue().encode("utf-8-sig")

    def to_json(self) -> bytes:
        """``{"source", "projects", "problems"}`` as UTF-8 JSON; ``read_projects`` reads it back."""
        doc = {
            "source": self.source,
            "projects": self.records(),
            "problems": [p.__dict__ for p in self.problems],
        }
        return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


# ----------------------------------------------------------------------------- headers


def header_key(text: Any) -> tuple[str, str | None]:
    """A header normalised for lookup, and the money unit it names.

    >>> header_key("总投资\\n（亿元）"), header_key("计划 总投资(万元)"), header_key("乡镇（园区）")
    (('总投资', '亿元'), ('计划总投资', '万元'), ('乡镇(园区)', None))
    """
    key = fold(cell_text(text) or "")
    unit = None
    m = _UNIT_IN_HEADER.search(key)
    if m:
        unit = m[1] or m[2]
        key = (key[: m.start()] + key[m.end() :]).strip()
    return key.lower(), unit


@cache
def _synonyms() -> dict[str, tuple[str, int]]:
    """Normalised header → (canonical, priority); canonical names themselves have priority -1."""
    table: dict[str, tuple[str, int]] = {c: (c, -1) for c in CANONICAL}
    for i, (canonical, header) in enumerate(data_pairs("headers.tsv")):
        if canonical not in CANONICAL:
            raise InputError("projects/headers.tsv", f"unknown canonical column {canonical!r}")
        table.setdefault(header_key(header)[0], (canonical, i))
    return table


def _lookup(key: str, mapping: Mapping[str, str]) -> tuple[str, int] | None:
    if key in mapping:
        return mapping[key], -2
    table = _synonyms()
    if key in table:
        return table[key]
    bare = _BRACKETED.sub("", key)  # 项目名称(全称) → 项目名称
    if bare and bare != key:
        return (mapping[bare], -2) if bare in mapping else table.get(bare)
    return None


def load_mapping(mapping: Mapping[str, str] | str | Path | None) -> dict[str, str]:
    """A user's header mapping (a dict, or a JSON or TOML file of ``"source header" = "canonical"``),
    normalised like headers; :class:`InputError` for a bad file or an unknown canonical name.

    >>> load_mapping({"投资规模（亿元）": "investment"})
    {'投资规模': 'investment'}
    """
    if mapping is None:
        return {}
    where = "mapping"
    if not isinstance(mapping, Mapping):
        path = Path(mapping)
        where = str(path)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise InputError(where, f"cannot read mapping file: {exc.strerror or exc}") from None
        try:
            if path.suffix.lower() == ".toml":
                try:
                    import tomllib
                except ModuleNotFoundError:  # Python 3.10
                    raise InputError(where, "TOML mapping files need Python 3.11+; use JSON") from None
                data: Any = tomllib.loads(raw.decode("utf-8-sig"))
                data = data.get("columns", data)
            else:
                data = json.loads(raw.decode("utf-8-sig"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise InputError(where, f"not a valid mapping file: {exc}") from None
        if not isinstance(data, dict):
            raise InputError(where, "a mapping file holds one table of header = canonical name")
        mapping = data
    out = {}
    for header, canonical in mapping.items():
        if canonical not in CANONICAL or canonical == "row":
            raise InputError(
                where, f"{header!r} maps to {canonical!r}, not one of {', '.join(CANONICAL[:-1])}"
            )
        out[header_key(header)[0]] = str(canonical)
    return out


# ----------------------------------------------------------------------------- sources → raw rows


@dataclass(frozen=True)
class _Raw:
    """Rows of raw cells with the row number a person sees; ``header`` is known for record sources."""

    rows: list[tuple[int, list[Any]]]
    header: list[str] | None = None


def _records_raw(records: Sequence[Mapping[str, Any]], name: str) -> _Raw:
    header: list[str] = []
    for rec in records:
        if not isinstance(rec, Mapping):
            raise InputError(name, "expected a list of records (objects)")
        header.extend(k for k in rec if k not in header)
    rows = [(i + 1, [rec.get(k) for k in header]) for i, rec in enumerate(records)]
    return _Raw(rows, [str(h) for h in header])


def _read_csv(data: bytes, name: str) -> _Raw:
    from ..readers.text import decode_bytes

    text, _ = decode_bytes(data, name=name)
    first = text.split("\n", 1)[0]
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    line = 1
    try:
        for cells in reader:
            rows.append((line, cells))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(name, f"bad CSV at line {line}: {exc}") from None
    return _Raw(rows)


def _read_xlsx(data: bytes, name: str, sheet: str | None) -> _Raw:
    import zipfile

    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError(name, f"not a readable Excel workbook ({exc})") from None
    if sheet is None:
        ws = wb.worksheets[0]
    elif sheet in wb.sheetnames:
        ws = wb[sheet]
    else:
        raise InputError(name, f"no sheet {sheet!r} (sheets: {', '.join(wb.sheetnames)})")
    rows = [(i, list(r)) for i, r in enumerate(ws.iter_rows(min_row=1, values_only=True), 1)]
    return _Raw(rows)


def _read_json(data: bytes, name: str) -> _Raw:
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(name, f"not valid JSON: {exc}") from None
    if isinstance(doc, dict) and isinstance(doc.get("projects"), list):
        doc = doc["projects"]
    if not isinstance(doc, list):
        raise InputError(name, 'expected a list of records or {"projects": [...]}')
    return _records_raw(doc, name)


def is_database_url(source: object) -> bool:
    """True for ``sqlite:///…``, ``postgresql://…`` and other SQLAlchemy URLs (``dialect[+driver]://``)."""
    return isinstance(source, str) and re.match(r"^[a-z][a-z0-9]*(\+[a-z0-9_]+)?://", source) is not None


def _read_source(source: Any, table: str | None) -> tuple[_Raw, str]:
    if isinstance(source, (list, tuple)):
        return _records_raw(source, "<records>"), "<records>"
    if is_database_url(source) or (
        isinstance(source, (str, Path)) and Path(source).suffix.lower() in (".db", ".sqlite", ".sqlite3")
    ):
        from .db import read_rows

        header, rows, name = read_rows(str(source), table or "projects")
        return _records_raw([dict(zip(header, r)) for r in rows], name), name
    if hasattr(source, "read"):
        name = str(getattr(source, "name", "<stream>"))
        data = source.read()
        data = data.encode("utf-8") if isinstance(data, str) else data
    else:
        # the readers' loader: missing files, folders, empty and over-large files give one clear error
        data, name = load_bytes(source)
    if not data.strip():
        raise InputError(name, "empty file")
    if data[:4] == b"PK\x03\x04":
        return _read_xlsx(data, name, table), name
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise InputError(name, "legacy .xls workbook: save it as .xlsx or CSV")
    if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"[", b"{"):
        return _read_json(data, name), name
    return _read_csv(data, name), name


# ----------------------------------------------------------------------------- header row


@dataclass(frozen=True)
class _Column:
    index: int
    header: str  # as shown in problems and as the name of an unmapped column
    canonical: str | None
    unit: str | None


def _classify(cells: Sequence[Any], mapping: Mapping[str, str]) -> list[tuple[str, str, int] | None]:
    out: list[tuple[str, str, int] | None] = []
    for cell in cells:
        key, unit = header_key(cell)
        hit = _lookup(key, mapping) if key else None
        out.append((hit[0], unit or "", hit[1]) if hit else None)
    return out


def _find_header(raw: _Raw, mapping: Mapping[str, str], name: str) -> tuple[int, list[_Column], int]:
    """Index of the header row in ``raw.rows``, its columns, and how many rows it spans (1 or 2)."""
    if raw.header is not None:
        return -1, _columns(raw.header, mapping), 0
    best, best_score = -1, 0
    for i, (_, cells) in enumerate(raw.rows[:_HEADER_SCAN]):
        hits = {h[0] for h in _classify(cells, mapping) if h}
        if "name" in hits and len(hits) > best_score:
            best, best_score = i, len(hits)
    if best < 0:
        seen = [cell_text(c) for _, cells in raw.rows[:5] for c in cells if cell_text(c)]
        # a few short cells, so that the message stays one readable line (a speech given by mistake is
        # one long cell per paragraph)
        shown = ", ".join(c if len(c) <= 12 else c[:12] + "…" for c in seen[:6])
        raise InputError(
            name,
            f"no recognisable header row (needs a 项目名称 column; first cells: {shown or 'none'})",
        )
    header = raw.rows[best][1]
    below = raw.rows[best + 1][1] if best + 1 < len(raw.rows) else []
    head_cls = _classify(header, mapping)
    name_col = next(j for j, h in enumerate(head_cls) if h and h[0] == "name")
    below_cls = _classify(below, mapping)
    sub = [
        j
        for j, h in enumerate(below_cls)
        if h and (j >= len(head_cls) or head_cls[j] is None) and h[0] != "name"
    ]
    name_below = below[name_col] if name_col < len(below) else None
    if sub and is_blank(name_below):  # a two-row header: 时间节点 over 签约时间 | 开工时间
        merged = [
            below[j] if j in sub else (header[j] if j < len(header) else None) for j in range(len(below))
        ]
        merged += list(header[len(below) :])
        return best, _columns(merged, mapping), 2
    return best, _columns(header, mapping), 1


def _columns(header: Sequence[Any], mapping: Mapping[str, str]) -> list[_Column]:
    cls = _classify(header, mapping)
    owner: dict[str, int] = {}
    for j, h in enumerate(cls):
        if h and (h[0] not in owner or h[2] < cls[owner[h[0]]][2]):  # type: ignore[index]
            owner[h[0]] = j
    cols, used = [], set(CANONICAL)
    for j, cell in enumerate(header):
        h = cls[j]
        canonical = h[0] if h and owner.get(h[0]) == j else None
        shown = "".join((cell_text(cell) or "").split()) or f"列{j + 1}"
        if canonical is None:
            base, n = shown, 2
            while shown in used:
                shown, n = f"{base}.{n}", n + 1
            used.add(shown)
        cols.append(_Column(j, shown, canonical, (h[1] or None) if h else None))
    return cols


def _table_context(rows: Iterable[tuple[int, list[Any]]]) -> tuple[int | None, str | None]:
    """The year a title row names (``2024年招商引资重点项目台账``) and a table-wide unit (``单位：亿元``)."""
    years, unit = set(), None
    for _, cells in rows:
        for c in cells:
            t = fold(cell_text(c) or "")
            years.update(int(y) for y in _YEAR.findall(t))
            if m := _TABLE_UNIT.search(t):
                unit = m[1]
    return (years.pop() if len(years) == 1 else None), unit


# ----------------------------------------------------------------------------- rows → frame


def _short_id(name: str) -> str:
    return "P" + hashlib.sha1(normalise(name).encode("utf-8")).hexdigest()[:10]


def _is_total(cells: Sequence[Any], cols: Sequence[_Column]) -> bool:
    look = [c.index for c in cols if c.canonical in ("name", "project_id")] + [0, 1, 2]
    for j in dict.fromkeys(look):
        t = fold(cell_text(cells[j]) or "") if j < len(cells) else ""
        if t.startswith(_TOTAL_WORDS) and len(t) <= 16:
            return True
    return False


def read_projects(
    source: str | Path | BinaryIO | Sequence[Mapping[str, Any]],
    *,
    mapping: Mapping[str, str] | str | Path | None = None,
    table: str | None = None,
) -> ProjectTable:
    """Read a 招商引资/重点项目 台账 into a :class:`ProjectTable`.

    ``source``: a CSV (UTF-8, UTF-8 with BOM, GBK/GB18030; comma or tab), an ``.xlsx`` workbook (the
    first sheet, or the sheet ``table``), JSON (a list of records or ``{"projects": [...]}``), a SQLAlchemy
    database URL (``sqlite:///台账.db``, ``postgresql://…``; ``table`` defaults to ``projects``) or a path
    ending ``.db``/``.sqlite``; also a binary stream or a list of dicts. ``mapping`` maps other headers to
    canonical names (a dict, or a JSON/TOML file). The format is sniffed from the content.

    Rows without a project name and 合计/小计 rows are dropped and reported; every other unreadable cell
    becomes NaN/NaT/None in its row and is reported. :class:`InputError` when the source cannot be read
    or has no recognisable header row.

    >>> t = read_projects([{"序号": 1, "项目名称": "青禾县农产品冷链物流园", "计划总投资": "约2亿",
    ...                     "项目进度": "续建", "开工时间": "2023年10月"},
    ...                    {"序号": 2, "项目名称": "", "计划总投资": "800"}])
    >>> r = t.records()[0]
    >>> r["project_id"], r["investment"], r["status"], r["started"]
    ('1', 20000.0, '在建', '2023-10-01')
    >>> [str(p) for p in t.problems]
    ['2: 项目名称: no project name: row dropped']
    """
    user_map = load_mapping(mapping)
    raw, name = _read_source(source, table)
    h, cols, span = _find_header(raw, user_map, name)
    year, table_unit = _table_context(raw.rows[: max(h, 0)])
    by_canon = {c.canonical: c for c in cols if c.canonical}
    extras = [c for c in cols if c.canonical is None]
    inv = by_canon.get("investment")
    factor = unit_factor((inv.unit if inv else None) or table_unit)

    problems: list[RowProblem] = []
    records: list[dict[str, Any]] = []

    def report(row: int, col: _Column | None, value: Any, message: str) -> None:
        problems.append(RowProblem(row, col.header if col else "", cell_text(value) or "", message))

    def cell(cells: list[Any], col: _Column | None) -> Any:
        return cells[col.index] if col is not None and col.index < len(cells) else None

    for rownum, cells in raw.rows[h + span :] if h >= 0 else raw.rows:
        if all(is_blank(c) for c in cells):
            continue
        rownum = _kept_row_number(cell(cells, by_canon.get("row")), rownum)
        name_col = by_canon["name"]
        if _is_total(cells, cols):
            report(rownum, name_col, cell(cells, name_col), "合计/小计 row dropped")
            continue
        project = cell_text(cell(cells, name_col))
        if project is None:
            report(rownum, name_col, None, "no project name: row dropped")
            continue
        rec: dict[str, Any] = {"name": project, "row": rownum}
        pid = cell_text(cell(cells, by_canon.get("project_id")))
        rec["project_id"] = pid if pid is not None else _short_id(project)
        for c in TEXT_COLUMNS:
            rec[c] = cell_text(cell(cells, by_canon.get(c)))
        try:
            amount = parse_amount(cell(cells, inv), factor=factor)
        except CellError as exc:
            report(rownum, inv, cell(cells, inv), str(exc))
            amount = None
        rec["investment"] = float("nan") if amount is None else amount
        col = by_canon.get("status")
        try:
            rec["status"] = parse_status(cell(cells, col))
        except CellError as exc:
            report(rownum, col, cell(cells, col), str(exc))
            rec["status"] = None
        for c in DATE_COLUMNS:
            col = by_canon.get(c)
            try:
                d = parse_date(cell(cells, col), year=year)
            except CellError as exc:
                report(rownum, col, cell(cells, col), str(exc))
                d = None
            rec[c] = pd.NaT if d is None else pd.Timestamp(d)
        for c in extras:
            rec[c.header] = cell_text(cell(cells, c))
        records.append(rec)

    _dedupe_ids(records, report, by_canon.get("project_id") or by_canon["name"])
    problems.sort(key=lambda p: p.row)
    return ProjectTable(_frame(records, [c.header for c in extras]), tuple(problems), name)


def _kept_row_number(value: Any, rownum: int) -> int:
    """A table speechkit wrote has a ``row`` column: its rows keep the row numbers of the original."""
    text = cell_text(value)
    return int(text) if text is not None and text.isdigit() else rownum


def _dedupe_ids(records: list[dict[str, Any]], report: Any, col: _Column) -> None:
    first: dict[str, int] = {}
    for rec in records:
        pid = rec["project_id"]
        if pid in first:
            n = 2
            while f"{pid}-{n}" in first:
                n += 1
            report(
                rec["row"], col, pid, f"duplicate project_id {pid} (first in row {first[pid]}): now {pid}-{n}"
            )
            pid = f"{pid}-{n}"
            rec["project_id"] = pid
        first[pid] = rec["row"]


def _frame(records: list[dict[str, Any]], extras: list[str]) -> pd.DataFrame:
    columns = [*CANONICAL, *extras]
    data: dict[str, pd.Series] = {}
    for c in columns:
        values = [r.get(c) for r in records]
        if c == "investment":
            data[c] = pd.Series(values, dtype="float64")
        elif c in DATE_COLUMNS:
            data[c] = pd.Series(pd.to_datetime(pd.Series(values, dtype="object")), dtype="datetime64[ns]")
        elif c == "row":
            data[c] = pd.Series(values, dtype="int64")
        else:
            data[c] = pd.Series(values, dtype="object")
    return pd.DataFrame(data, columns=columns)
