"""read_projects on the team's 青禾县 table and on small tables: headers, problems, sources, round trips.

The expected figures of the 青禾县 table are literals counted from the generator's own records
(corpora/projects/README.md), not recomputed with speechkit.
"""

from __future__ import annotations

import doctest
import io
import json
import re
import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from speechkit.cli import main
from speechkit.errors import InputError
from speechkit.tracking import projects as projects_module
from speechkit.tracking.db import write_projects
from speechkit.tracking.projects import CANONICAL, ProjectTable, RowProblem, read_projects


@pytest.fixture(scope="module")
def zs(zhaoshang_xlsx: Path) -> ProjectTable:
    return read_projects(zhaoshang_xlsx)


def _between(s: pd.Series, a: str, b: str) -> pd.Series:
    return (s >= pd.Timestamp(a)) & (s < pd.Timestamp(b))


# ----------------------------------------------------------------------------- the 青禾县 table


def test_schema_contract(zs: ProjectTable) -> None:
    f = zs.frame
    assert list(f.columns[: len(CANONICAL)]) == list(CANONICAL)
    assert list(f.columns[len(CANONICAL) :]) == ["序号", "亿元以上", "备注"]  # unmapped, original headers
    assert f["investment"].dtype == "float64"
    assert all(f[c].dtype == "datetime64[ns]" for c in ("signed", "started", "finished"))
    assert f["row"].dtype == "int64"
    for c in ("project_id", "name", "company", "status", "industry", "location", "owner_unit", "leader"):
        assert f[c].dtype == object
        assert all(v is None or isinstance(v, str) for v in f[c])
    assert f["project_id"].is_unique and f["name"].notna().all()


def test_expected_projects_and_problems(zs: ProjectTable) -> None:
    assert len(zs) == 320
    assert [(p.row, p.column) for p in zs.problems] == [
        (61, "项目名称"),
        (127, "协议引资额（万元）"),
        (192, "签约时间"),
        (254, "项目状态"),
        (325, "项目名称"),
    ]
    msgs = [p.message for p in zs.problems]
    assert msgs[0] == "no project name: row dropped"
    assert msgs[1] == "amount not yet given (待定)" and zs.problems[1].value == "待定"
    assert msgs[2] == "impossible date '2024.13.08'"
    assert msgs[3] == "unknown status '协调中'"
    assert msgs[4] == "合计/小计 row dropped"
    assert zs.source.endswith("zhaoshang_2024.xlsx")


def test_bad_rows_are_kept_with_the_cell_empty(zs: ProjectTable) -> None:
    f = zs.frame.set_index("row")
    assert 61 not in f.index and 325 not in f.index
    assert pd.isna(f.loc[127, "investment"]) and f.loc[127, "name"] == "嘉禾茶叶精制项目"
    assert pd.isna(f.loc[192, "signed"]) and f.loc[192, "name"] == "润泽民宿集群扩建项目"
    assert f.loc[254, "status"] is None and f.loc[254, "name"] == "鼎力温泉康养扩建项目"


def test_first_row_every_column(zs: ProjectTable) -> None:
    r = zs.records()[0]
    assert r == {
        "project_id": "QH2024-001",
        "name": "中易50MW生物质热电联产项目",
        "company": "湖北中易新能源科技有限公司",
        "investment": 6910.0,
        "status": "竣工",  # 建成
        "signed": "2023-10-25",
        "started": "2023-12-21",
        "finished": "2024-04-17",  # an Excel serial number, 45399
        "industry": "新能源",
        "location": "北山乡",
        "owner_unit": "县发改委",
        "leader": "陈立华",
        "row": 4,
        "序号": "1",
        "亿元以上": None,
        "备注": None,
    }


def test_hand_counted_figures(zs: ProjectTable) -> None:
    f = zs.frame
    assert _between(f["signed"], "2024-01-01", "2024-07-01").sum() == 94
    assert _between(f["signed"], "2024-07-01", "2025-01-01").sum() == 48
    assert (f["signed"].dt.year == 2023).sum() == 147
    big = f[f["investment"] >= 10000]
    assert _between(big["started"], "2024-01-01", "2024-07-01").sum() == 27
    assert _between(big["started"], "2024-07-01", "2025-01-01").sum() == 20
    assert zs.status_counts() == {
        "洽谈": 30,
        "签约": 50,
        "注册": 25,
        "开工": 45,
        "在建": 71,
        "竣工": 29,
        "投产": 40,
        "停工": 15,
        "流失": 14,
        "未知": 1,
    }
    assert f.loc[f["signed"].dt.year == 2024, "investment"].sum() == pytest.approx(2869490.0)
    assert zs.total_investment() == pytest.approx(6030870.0)
    assert (f["亿元以上"] == "是").sum() == 146


def test_amount_forms_and_year_from_title(zs: ProjectTable) -> None:
    f = zs.frame.set_index("project_id")
    assert f.loc["QH2024-002", "investment"] == 20000.0  # 约2亿
    assert f.loc["QH2024-021", "investment"] == 16000.0  # 1.6亿元
    assert f.loc["QH2024-023", "signed"] == pd.Timestamp("2024-04-03")  # 4月3日, the title says 2024
    assert f.loc["QH2024-094", "started"] == pd.Timestamp("2024-01-13")  # 1月13日


def test_gbk_csv_twin_gives_the_same_frame(zs: ProjectTable, zhaoshang_csv: Path) -> None:
    csv = read_projects(zhaoshang_csv)
    pd.testing.assert_frame_equal(csv.frame.drop(columns="row"), zs.frame.drop(columns="row"))
    assert (csv.frame["row"] - zs.frame["row"]).eq(2).all()  # the header record spans three lines
    assert [p.row - 2 for p in csv.problems] == [p.row for p in zs.problems]
    assert [p.message for p in csv.problems] == [p.message for p in zs.problems]


def test_json_round_trip(zs: ProjectTable, tmp_path: Path) -> None:
    path = tmp_path / "projects.json"
    path.write_bytes(zs.to_json())
    back = read_projects(path)
    pd.testing.assert_frame_equal(back.frame, zs.frame)
    assert back.problems == ()
    bare = tmp_path / "list.json"
    bare.write_text(json.dumps(zs.records(), ensure_ascii=False), encoding="utf-8")
    pd.testing.assert_frame_equal(read_projects(bare).frame, zs.frame)


def test_sqlite_round_trip(zs: ProjectTable, tmp_path: Path) -> None:
    db = tmp_path / "zs.db"
    assert write_projects(zs, f"sqlite:///{db}", "qinghe") == 320
    pd.testing.assert_frame_equal(read_projects(f"sqlite:///{db}", table="qinghe").frame, zs.frame)
    write_projects(zs, db)  # a plain .db path, the default table name
    pd.testing.assert_frame_equal(read_projects(db).frame, zs.frame)


def test_second_sheet_by_name(zhaoshang_xlsx: Path) -> None:
    with pytest.raises(InputError, match="no recognisable header row"):
        read_projects(zhaoshang_xlsx, table="外出招商活动")  # trips, not projects
    with pytest.raises(InputError, match="no sheet '签约项目'"):
        read_projects(zhaoshang_xlsx, table="签约项目")


# ----------------------------------------------------------------------------- small tables


def _xlsx(rows: list[list[object]], tmp_path: Path, name: str = "t.xlsx") -> Path:
    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    path = tmp_path / name
    wb.save(path)
    return path


def _csv(text: str, tmp_path: Path, encoding: str = "utf-8", name: str = "t.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_csv_encodings(encoding: str, tmp_path: Path) -> None:
    t = read_projects(
        _csv("序号,项目名称,总投资（亿元）,项目状态\n1,青禾光伏电站,3.5,在谈\n", tmp_path, encoding)
    )
    assert t.records()[0] | {} == {
        **{c: None for c in CANONICAL},
        "project_id": "1",
        "name": "青禾光伏电站",
        "investment": 35000.0,
        "status": "洽谈",
        "row": 2,
    }


def test_header_found_under_banner_rows_with_units_and_breaks(tmp_path: Path) -> None:
    rows = [
        ["柳河镇2024年重点项目台账", None, None, None],
        [None, None, None, "单位：亿元"],
        ["项目\n名称", "计划 总投资", "建设地点", "包保领导"],
        ["柳河镇农旅融合项目", 1.2, "柳河镇", "王某"],
        ["小计", 1.2, None, None],
        [None, None, None, None],
        ["石桥镇物流园", "8000万元", "石桥镇", "李某"],
    ]
    t = read_projects(_xlsx(rows, tmp_path))
    assert t.frame[["name", "investment", "location", "leader", "row"]].values.tolist() == [
        ["柳河镇农旅融合项目", 12000.0, "柳河镇", "王某", 4],
        ["石桥镇物流园", 8000.0, "石桥镇", "李某", 7],
    ]
    assert t.problems == (RowProblem(5, "项目名称", "小计", "合计/小计 row dropped"),)


def test_two_row_header(tmp_path: Path) -> None:
    rows = [
        ["项目名称", "总投资（万元）", "时间节点", None],
        [None, None, "签约时间", "开工时间"],
        ["白沙乡光伏项目", 5000, "2024.3", "2024年6月"],
    ]
    r = read_projects(_xlsx(rows, tmp_path)).records()[0]
    assert (r["signed"], r["started"], r["row"]) == ("2024-03-01", "2024-06-01", 3)


def test_excel_date_cells(tmp_path: Path) -> None:
    import datetime as dt

    rows = [["项目名称", "签约日期", "开工日期"], ["云溪镇项目", dt.datetime(2024, 7, 15), 45489]]
    r = read_projects(_xlsx(rows, tmp_path)).records()[0]
    assert (r["signed"], r["started"]) == ("2024-07-15", "2024-07-16")


def test_month_without_a_year_and_no_title_is_reported(tmp_path: Path) -> None:
    t = read_projects(_csv("项目名称,签约时间\n东岭镇项目,7月15日\n", tmp_path))
    assert pd.isna(t.frame.loc[0, "signed"])
    assert [str(p) for p in t.problems] == [
        "2: 签约时间: date '7月15日' has no year and the table names none"
    ]


def test_mapping_dict_and_files(tmp_path: Path) -> None:
    path = _csv("项目,投资规模(亿元),推进情况说明\n北山乡项目,2,已开工\n", tmp_path)
    plain = read_projects(path)
    assert pd.isna(plain.frame.loc[0, "investment"]) and "投资规模(亿元)" in plain.frame.columns
    mapping = {"投资规模": "investment", "推进情况说明": "status"}
    files = [_json_file(tmp_path, mapping)] + (
        [_toml_file(tmp_path, mapping)] if sys.version_info >= (3, 11) else []
    )
    for m in (mapping, *files):
        r = read_projects(path, mapping=m).records()[0]
        assert (r["investment"], r["status"]) == (20000.0, "开工")
    with pytest.raises(InputError, match="maps to 'budget'"):
        read_projects(path, mapping={"投资规模": "budget"})
    with pytest.raises(InputError, match="cannot read mapping file"):
        read_projects(path, mapping=tmp_path / "missing.json")


def _json_file(tmp_path: Path, mapping: dict[str, str]) -> Path:
    p = tmp_path / "map.json"
    p.write_text(json.dumps(mapping, ensure_ascii=False), encoding="utf-8")
    return p


def _toml_file(tmp_path: Path, mapping: dict[str, str]) -> Path:
    p = tmp_path / "map.toml"
    p.write_text("[columns]\n" + "".join(f'"{k}" = "{v}"\n' for k, v in mapping.items()), encoding="utf-8")
    return p


def test_ids_without_a_number_column_are_stable_hashes(tmp_path: Path) -> None:
    a = read_projects([{"项目名称": "青禾 冷链物流园"}, {"项目名称": "青禾冷链物流园"}])
    pid = a.frame.loc[0, "project_id"]
    assert pid.startswith("P") and len(pid) == 11
    assert a.frame["project_id"].tolist() == [pid, f"{pid}-2"]  # same normalised name
    assert [p.message.split(":")[0] for p in a.problems] == [f"duplicate project_id {pid} (first in row 1)"]
    assert read_projects([{"项目名称": "青禾冷链物流园"}]).frame.loc[0, "project_id"] == pid


def test_two_columns_for_one_canonical_name(tmp_path: Path) -> None:
    t = read_projects(_csv("项目名称,投资额,总投资\n甲,100,200\n", tmp_path))
    assert t.frame.loc[0, "investment"] == 200.0  # 总投资 is listed first in headers.tsv
    assert t.frame.loc[0, "投资额"] == "100"


def test_stream_and_tab_separated() -> None:
    t = read_projects(io.BytesIO("项目名称\t状态\n甲\t续建\n".encode()))
    assert t.frame.loc[0, "status"] == "在建"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"", "empty file"),
        (b"PK\x03\x04broken", "not a readable Excel workbook"),
        ("甲,乙\n1,2\n".encode(), "no recognisable header row"),
        (b"[1, 2]", "expected a list of records"),
        (b'{"projects": 3}', "expected a list of records"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "legacy .xls"),
    ],
    ids=["missing", "empty", "corrupt-xlsx", "no-header", "json-scalars", "json-dict", "xls"],
)
def test_unreadable_sources(content: bytes | None, message: str, tmp_path: Path) -> None:
    path = tmp_path / "台账.csv"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError, match=message) as exc:
        read_projects(path)
    assert exc.value.source == str(path)


def test_missing_database_and_table(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such database file"):
        read_projects(f"sqlite:///{tmp_path / 'none.db'}")
    db = tmp_path / "zs.db"
    write_projects(read_projects([{"项目名称": "甲"}]), db)
    with pytest.raises(InputError, match=r"no table 'qinghe' \(tables: projects\)"):
        read_projects(db, table="qinghe")


def test_doctests() -> None:
    assert doctest.testmod(projects_module).failed == 0


# ----------------------------------------------------------------------------- command line


def test_cli_summary_and_problems(zhaoshang_xlsx: Path) -> None:
    result = CliRunner().invoke(main, ["projects", str(zhaoshang_xlsx)], catch_exceptions=False)
    assert result.exit_code == 0
    assert "320 projects" in result.stdout
    assert re.search(r"^在建\s+71\s", result.stdout, re.M)
    assert "6,030,870" in result.stdout
    assert result.stderr.splitlines() == [
        f"{zhaoshang_xlsx}:61: 项目名称: no project name: row dropped",
        f"{zhaoshang_xlsx}:127: 协议引资额（万元）: amount not yet given (待定)",
        f"{zhaoshang_xlsx}:192: 签约时间: impossible date '2024.13.08'",
        f"{zhaoshang_xlsx}:254: 项目状态: unknown status '协调中'",
        f"{zhaoshang_xlsx}:325: 项目名称: 合计/小计 row dropped",
    ]


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_cli_output_reads_back(fmt: str, zs: ProjectTable, zhaoshang_xlsx: Path, tmp_path: Path) -> None:
    out = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(
        main, ["projects", str(zhaoshang_xlsx), "-o", str(out)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.stderr
    pd.testing.assert_frame_equal(read_projects(out).frame, zs.frame)


def test_cli_unreadable_file_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["projects", str(tmp_path / "none.xlsx")])
    assert result.exit_code != 0
    assert result.stderr.strip() == f"error: {tmp_path / 'none.xlsx'}: no such file"
