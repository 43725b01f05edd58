"""The ledger: columns, typed Excel cells, CSV/JSONL, LibreOffice opening it, and an update that keeps
every edit a person made."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

import speechkit
from speechkit.cli import main
from speechkit.tracking.ledger import COLUMNS, MACHINE_SHEET, build_ledger, render_ledger, write_ledger
from speechkit.tracking.periods import Period

H2 = Period.half(2024, 2)


@pytest.fixture
def seed_ledger(seed_text: str, seed_projects: pd.DataFrame):  # type: ignore[no-untyped-def]
    doc = speechkit.from_text(seed_text)
    return build_ledger(doc, speechkit.extract(doc), seed_projects, period=H2)


def _sheet(path: Path) -> tuple[openpyxl.Workbook, dict[str, int], dict[str, int]]:
    wb = openpyxl.load_workbook(path)
    ws = wb["台账"]
    cols = {ws.cell(2, c).value: c for c in range(1, ws.max_column + 1)}
    rows = {
        ws.cell(r, cols["编号"]).value: r for r in range(3, ws.max_row + 1) if ws.cell(r, cols["编号"]).value
    }
    return wb, cols, rows


def test_xlsx_layout_and_typed_cells(seed_ledger, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "台账.xlsx"
    write_ledger(seed_ledger, path)
    wb, cols, rows = _sheet(path)
    ws = wb["台账"]
    assert [ws.cell(2, c).value for c in range(1, len(COLUMNS) + 1)] == list(COLUMNS)
    assert "目标任务台账" in ws.cell(1, 1).value and "2024年下半年" in ws.cell(1, 1).value
    assert ws.freeze_panes == "C3" and ws.auto_filter.ref.startswith("A2:")
    assert wb[MACHINE_SHEET].sheet_state == "hidden" and "指标" in wb.sheetnames
    kinds = {ws.cell(r, cols["类别"]).value for r in rows.values()}
    assert kinds == {"目标", "问题", "任务"}
    # the status drop-down
    dvs = ws.data_validations.dataValidation
    assert any(
        "未开始,进行中,已完成,滞后,无数据" in (dv.formula1 or "") and "M3" in str(dv.sqref) for dv in dvs
    )
    # typed cells: numbers with a unit format, dates as dates
    by_title = {ws.cell(r, cols["任务/目标内容"]).value: r for r in rows.values()}
    r = by_title["开工活跃“热"]
    assert ws.cell(r, cols["当前值"]).value == 4 and '"个"' in ws.cell(r, cols["当前值"]).number_format
    assert ws.cell(r, cols["序号"]).value == 4 and ws.cell(r, cols["状态"]).value == "进行中"
    deadline = ws.cell(by_title["确保2024年营商环境评价考核取得新成绩、再上新台阶"], cols["完成时限"])
    assert isinstance(deadline.value, datetime) and deadline.number_format == "yyyy-mm-dd"
    # widths count CJK characters double; the content column wraps
    assert ws.column_dimensions["C"].width >= 40 and ws.cell(3, cols["任务/目标内容"]).alignment.wrap_text
    assert all(
        ws.cell(r, cols["状态"]).value in ("未开始", "进行中", "已完成", "滞后", "无数据")
        for r in rows.values()
    )


def test_csv_and_jsonl(seed_ledger) -> None:  # type: ignore[no-untyped-def]
    data = render_ledger(seed_ledger, "csv")
    assert data.startswith("\ufeff".encode())
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert table[0] == list(COLUMNS) and len(table) == len(seed_ledger.rows) + 1
    lines = [json.loads(x) for x in render_ledger(seed_ledger, "jsonl").decode().splitlines()]
    assert list(lines[0]) == list(COLUMNS)
    assert lines[3]["当前值"] == 4 and lines[3]["类别"] == "目标"


def _edit_as_a_person(path: Path) -> dict[str, str]:
    """Fill 牵头单位, set 状态, write 进展情况, add a 备注 column and a row of one's own."""
    wb, cols, rows = _sheet(path)
    ws = wb["台账"]
    by_title = {ws.cell(r, cols["任务/目标内容"]).value[:7]: r for r in rows.values()}
    r = by_title["一是考核成绩差"]
    ws.cell(r, cols["牵头单位"]).value = "县商务局"
    ws.cell(r, cols["状态"]).value = "进行中"
    ws.cell(r, cols["进展情况"]).value = "已约谈排名靠后的乡镇"
    freq = by_title["三是招商频率低"]
    ws.cell(freq, cols["责任领导"]).value = "张副县长"
    note = ws.max_column + 1
    ws.cell(2, note).value = "备注"
    ws.cell(r, note).value = "7月调度会确定"
    extra = ws.max_row + 1
    ws.cell(extra, cols["类别"]).value = "任务"
    ws.cell(extra, cols["任务/目标内容"]).value = "临时交办：筹备秋季招商推介会"
    wb.save(path)
    return {"考核": ws.cell(r, cols["编号"]).value, "频率": ws.cell(freq, cols["编号"]).value}


def test_update_keeps_every_edit(
    seed_text: str, seed_projects: pd.DataFrame, seed_ledger, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "台账.xlsx"
    write_ledger(seed_ledger, path)
    ids = _edit_as_a_person(path)
    # a new project snapshot (P5 停工 too: 3 in 下半年) and a slightly edited speech
    snapshot = seed_projects.copy()
    snapshot.loc[snapshot["project_id"] == "P5", "status"] = "停工"
    edited = (
        seed_text.replace("、质量贡献“大”", "")
        .replace("很多外出招商引资的频率太低", "不少外出招商引资的频率太低")
        .replace(
            "直至抓出成效。",
            "直至抓出成效。四是有韧劲。要建立招商项目月调度制度，年底前实现在建项目全部复工。",
        )
    )
    doc = speechkit.from_text(edited)
    new = build_ledger(doc, speechkit.extract(doc), snapshot, period=H2)
    report = write_ledger(new, path, update=path)
    assert report is not None and report.backup and Path(report.backup).exists()
    assert report.matched_by_text >= 1 and report.added and report.removed

    wb, cols, rows = _sheet(path)
    ws = wb["台账"]
    r = rows[ids["考核"]]
    assert ws.cell(r, cols["牵头单位"]).value == "县商务局"
    assert ws.cell(r, cols["状态"]).value == "进行中"
    assert ws.cell(r, cols["进展情况"]).value == "已约谈排名靠后的乡镇"
    assert ws.cell(r, cols["备注"]).value == "7月调度会确定"
    # the edited sentence: matched by text, its new 编号 written, the person's 责任领导 kept
    assert ids["频率"] not in rows
    freq = next(r for r in rows.values() if "不少外出招商" in str(ws.cell(r, cols["任务/目标内容"]).value))
    assert ws.cell(freq, cols["责任领导"]).value == "张副县长"
    assert ws.cell(freq, cols["标记"]).value in (None, "")
    # the removed target is marked, not deleted
    gone = [r for r in rows.values() if ws.cell(r, cols["任务/目标内容"]).value == "质量贡献“大”"]
    assert len(gone) == 1 and ws.cell(gone[0], cols["标记"]).value == "原文已删除"
    # the new point is appended with the next 序号 after the person's own row, which is kept
    texts = [ws.cell(r, cols["任务/目标内容"]).value for r in range(3, ws.max_row + 1)]
    assert "临时交办：筹备秋季招商推介会" in texts
    added = [r for r in rows.values() if ws.cell(r, cols["标记"]).value == "新增"]
    assert added and any("有韧劲" in str(ws.cell(r, cols["任务/目标内容"]).value) for r in added)
    assert min(added) > texts.index("临时交办：筹备秋季招商推介会") + 3
    assert ws.cell(min(added), cols["序号"]).value == len(seed_ledger.rows) + 1
    # machine cells nobody touched follow the new snapshot: 推进效率慢 now has 停工 1 → 3
    slow = next(
        r for r in rows.values() if str(ws.cell(r, cols["任务/目标内容"]).value).startswith("二是推进效率慢")
    )
    assert "停工项目数1个，下半年3个" in ws.cell(slow, cols["进展情况"]).value
    # a second identical update changes nothing a person sees, and clears 新增
    report2 = write_ledger(new, path, update=path)
    assert report2 is not None and not report2.added and report2.matched == len(new.rows)
    wb2, cols2, rows2 = _sheet(path)
    assert wb2["台账"].cell(rows2[ids["考核"]], cols2["牵头单位"]).value == "县商务局"
    assert all(wb2["台账"].cell(r, cols2["标记"]).value != "新增" for r in rows2.values())


def test_update_without_machine_sheet_only_fills_empty_cells(seed_ledger, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "l.xlsx"
    write_ledger(seed_ledger, path)
    wb, cols, rows = _sheet(path)
    del wb[MACHINE_SHEET]
    r = next(iter(rows.values()))
    wb["台账"].cell(r, cols["进展情况"]).value = "人工填写"
    wb["台账"].cell(r, cols["指标"]).value = None
    wb.save(path)
    write_ledger(seed_ledger, path, update=path)
    wb, cols, _ = _sheet(path)
    assert wb["台账"].cell(r, cols["进展情况"]).value == "人工填写"
    assert wb["台账"].cell(r, cols["指标"]).value == "新签约项目数"


def test_libreoffice_opens_it(seed_ledger, tmp_path: Path, libreoffice_csv) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "ledger.xlsx"
    write_ledger(seed_ledger, path)
    text = libreoffice_csv(path)
    assert "任务/目标内容" in text and "项目数量“多”" in text and "新签约项目数" in text


def test_cli(tmp_path: Path, seed_path: Path, frame_of: Callable[..., pd.DataFrame]) -> None:
    runner = CliRunner()
    out = tmp_path / "台账.csv"
    res = runner.invoke(main, ["ledger", str(seed_path), "-o", str(out), "--period", "下半年"])
    assert res.exit_code == 0, res.output
    assert "2024年下半年" in res.output and out.read_bytes().startswith("\ufeff".encode())
    res = runner.invoke(main, ["ledger", str(seed_path), "--update", str(out)])
    assert res.exit_code != 0 and res.output.startswith("error:") and "Traceback" not in res.output
    res = runner.invoke(main, ["ledger", str(seed_path), "-o", str(tmp_path / "x.xlsx"), "--period", "明天"])
    assert res.exit_code != 0 and "error: " in res.output and "明天" in res.output
    res = runner.invoke(main, ["ledger", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "x.xlsx")])
    assert res.exit_code == 2 and res.output.startswith("error: ")
