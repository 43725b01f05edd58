"""Issue 4 done-when: the seed speech plus the team's project table, through the command line, gives a
ledger LibreOffice opens with figures on the targets and problems; a person's edits survive an update
with a new snapshot; every run's figures land in the history database, which the CLI lists and plots.

The figures below were counted independently of speechkit: a short openpyxl script read the cells of
corpora/projects/zhaoshang_2024.xlsx (sheet 项目台账, header row 3) with its own date parser (ISO,
2024.7.15, 2024年7月, 20240715, Excel serials and date cells, 7月15日 in the title's year 2024; the
impossible 2024.13.08 left out) and its own reading of the status words (停工/停建/暂停/缓建 = 停工,
流失/撤资/终止/退出 = 流失), and counted, for 2024年上半年 and 下半年:
  signed (签约时间 in the half)                         94 | 48
  started (开工时间 in the half)                        59 | 53
  started with 协议引资额 ≥ 10000 万元                   27 | 20
  停工 whose latest of 签约/开工/竣工 dates is in the half  5 |  8
  流失, likewise                                         6 |  4
The seed is a mid-year meeting (上半年…总结暨下半年工作安排部署), tracked by default over 下半年 against
上半年 (see speechkit.tracking.track).
"""

from __future__ import annotations

import warnings
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from speechkit.cli import main
from speechkit.tracking.history import history

TABLE = Path(__file__).resolve().parents[2] / "corpora" / "projects" / "zhaoshang_2024.xlsx"


def _rows(path: Path) -> tuple[openpyxl.Workbook, dict[str, int], dict[str, int]]:
    """The workbook, column numbers by header, and sheet rows by the first 7 characters of the item."""
    wb = openpyxl.load_workbook(path)
    ws = wb["台账"]
    cols = {ws.cell(2, c).value: c for c in range(1, ws.max_column + 1)}
    rows = {
        str(ws.cell(r, cols["任务/目标内容"]).value)[:7]: r
        for r in range(3, ws.max_row + 1)
        if ws.cell(r, cols["编号"]).value
    }
    return wb, cols, rows


def _cell(wb: openpyxl.Workbook, cols: dict[str, int], row: int, column: str) -> object:
    return wb["台账"].cell(row, cols[column]).value


def _ledger(args: list[str]) -> str:
    res = CliRunner().invoke(main, ["ledger", *args])
    assert res.exit_code == 0, res.output
    return res.output


def test_seed_ledger_has_the_hand_counted_figures(seed_path: Path, tmp_path: Path, libreoffice_csv) -> None:  # type: ignore[no-untyped-def]
    out, db = tmp_path / "ledger.xlsx", tmp_path / "tracking.db"
    log = _ledger([str(seed_path), "--projects", str(TABLE), "-o", str(out), "--history", str(db)])
    assert "2024年下半年" in log and "run 1" in log
    wb, cols, rows = _rows(out)
    assert "2024年下半年" in wb["台账"].cell(1, 1).value

    many = rows["项目数量“多”"]  # target 项目数量“多”
    assert _cell(wb, cols, many, "指标") == "新签约项目数"
    assert _cell(wb, cols, many, "当前值") == 48
    assert _cell(wb, cols, many, "进展情况") == "2024年上半年新签约项目数94个，下半年48个，减少46个"
    assert _cell(wb, cols, many, "状态") == "滞后"

    hot = rows["开工活跃“热"]  # target 开工活跃“热”
    assert (_cell(wb, cols, hot, "指标"), _cell(wb, cols, hot, "当前值")) == ("新开工项目数", 53)
    assert "新开工项目数59个，下半年53个" in _cell(wb, cols, hot, "进展情况")

    slow = rows["二是推进效率慢"]  # problem: 新开工、新竣工亿元以上项目少 … 停工和流失的项目逐渐增多
    assert _cell(wb, cols, slow, "指标") == "新开工亿元以上项目数"
    assert _cell(wb, cols, slow, "当前值") == 20
    progress = _cell(wb, cols, slow, "进展情况")
    assert "2024年上半年新开工亿元以上项目数27个，下半年20个，减少7个" in progress
    assert "2024年上半年停工项目数5个，下半年8个，增加3个" in progress
    assert "2024年上半年流失项目数6个，下半年4个，减少2个" in progress
    assert progress.index("停工") < progress.index("新开工亿元以上")  # the worst change first
    assert _cell(wb, cols, slow, "状态") == "滞后"

    exam = rows["一是考核成绩差"]  # problem: 被认定新签约项目少 … 协议引资额太小
    assert "新签约项目数94个，下半年48个" in _cell(wb, cols, exam, "进展情况")
    assert "协议引资额" in _cell(wb, cols, exam, "进展情况")

    trips = rows["三是招商频率低"]  # the table has no trips column: no data, not 0
    assert _cell(wb, cols, trips, "当前值") is None and _cell(wb, cols, trips, "状态") == "无数据"

    # 专人负责 is named outright: the looser 重大项目 (→ 亿元以上签约项目数, down) does not judge the task;
    # all 306 projects not 流失 (the 合计 row aside) have a 包联领导
    special = rows["一是专项推进。"]
    assert (
        _cell(wb, cols, special, "指标") == "有专人负责的项目占比"
        and _cell(wb, cols, special, "当前值") == 100
    )
    assert _cell(wb, cols, special, "状态") == "进行中"
    assert "亿元以上签约" not in _cell(wb, cols, special, "进展情况")

    # LibreOffice opens it and reads the same figures
    text = libreoffice_csv(out)
    assert "项目数量“多”" in text and "2024年上半年新签约项目数94个，下半年48个，减少46个" in text
    assert "2024年上半年停工项目数5个，下半年8个，增加3个" in text

    # the run's figures are in the history database
    h = history(db, indicator="started_count_large")
    assert set(zip(h["period"], h["value"])) == {("2024年上半年", 27.0), ("2024年下半年", 20.0)}
    assert set(h["run_period"]) == {"2024年下半年"} and len(h["sha256"].iloc[0]) == 64


# rows of 项目台账 (sheet rows) that are 在建 with 开工时间 in 2024年下半年 and no 竣工 date: moved to 停工 in
# the new snapshot, so 停工 in 下半年 goes from 8 to 11
MOVED_TO_STOPPED = (19, 22, 23)


def _new_snapshot(path: Path) -> Path:
    wb = openpyxl.load_workbook(TABLE)
    ws = wb["项目台账"]
    head = {str(c.value).replace("\n", "").replace(" ", ""): c.column for c in ws[3] if c.value}
    for r in MOVED_TO_STOPPED:
        assert ws.cell(r, head["项目状态"]).value in ("建设中", "在建中", "在建")
        ws.cell(r, head["项目状态"]).value = "停工"
    wb.save(path)
    return path


def _edit_as_a_person(path: Path) -> None:
    wb, cols, rows = _rows(path)
    ws = wb["台账"]
    slow, many, exam = rows["二是推进效率慢"], rows["项目数量“多”"], rows["一是考核成绩差"]
    ws.cell(slow, cols["牵头单位"]).value = "县发改委"
    ws.cell(slow, cols["责任领导"]).value = "陈立华"
    ws.cell(exam, cols["状态"]).value = "进行中"
    ws.cell(many, cols["进展情况"]).value = "8月新签约12个，已报县政府"
    note = ws.max_column + 1
    ws.cell(2, note).value = "备注"
    ws.cell(slow, note).value = "9月专题调度"
    own = ws.max_row + 1
    ws.cell(own, cols["类别"]).value = "任务"
    ws.cell(own, cols["任务/目标内容"]).value = "县长交办：停工项目逐个约谈"
    wb.save(path)


def test_round_trip_through_the_cli_with_a_new_snapshot(seed_path: Path, tmp_path: Path) -> None:
    out, db = tmp_path / "台账.xlsx", tmp_path / "tracking.db"
    _ledger([str(seed_path), "--projects", str(TABLE), "-o", str(out), "--history", str(db)])
    _edit_as_a_person(out)
    snapshot = _new_snapshot(tmp_path / "项目台账_12月.xlsx")
    log = _ledger([str(seed_path), "--projects", str(snapshot), "--update", str(out), "--history", str(db)])
    assert "23 by 编号" in log and "0 new" in log and "run 2" in log
    backups = list(tmp_path.glob("台账.bak-*.xlsx"))
    assert len(backups) == 1
    assert _rows(backups[0])[0]["台账"].cell(2, 18).value == "备注"  # the edited file, as it was

    wb, cols, rows = _rows(out)
    slow, many, exam = rows["二是推进效率慢"], rows["项目数量“多”"], rows["一是考核成绩差"]
    # no edit lost
    assert _cell(wb, cols, slow, "牵头单位") == "县发改委"
    assert _cell(wb, cols, slow, "责任领导") == "陈立华"
    assert _cell(wb, cols, exam, "状态") == "进行中"
    assert _cell(wb, cols, many, "进展情况") == "8月新签约12个，已报县政府"
    assert _cell(wb, cols, slow, "备注") == "9月专题调度"
    texts = [wb["台账"].cell(r, cols["任务/目标内容"]).value for r in range(3, wb["台账"].max_row + 1)]
    assert "县长交办：停工项目逐个约谈" in texts
    # machine cells nobody touched follow the new snapshot
    assert "2024年上半年停工项目数5个，下半年11个，增加6个" in _cell(wb, cols, slow, "进展情况")
    assert _cell(wb, cols, slow, "状态") == "滞后" and _cell(wb, cols, slow, "当前值") == 20
    assert _cell(wb, cols, many, "当前值") == 48  # the person wrote 进展情况, not 当前值
    # the history holds both runs: 停工 in 下半年 8, then 11
    h = history(db, indicator="stalled_count")
    h2 = h[h["period"] == "2024年下半年"].drop_duplicates("run_id")
    assert h2["value"].tolist() == [8.0, 11.0]


def test_history_command_and_plot(seed_path: Path, tmp_path: Path) -> None:
    db = tmp_path / "tracking.db"
    for n, table in enumerate((TABLE, _new_snapshot(tmp_path / "new.xlsx"))):
        _ledger([str(seed_path), "--projects", str(table), "-o", str(tmp_path / f"l{n}.csv"),
                 "--history", f"sqlite:///{db}"])  # fmt: skip
    runner = CliRunner()
    res = runner.invoke(main, ["history", str(db), "--indicator", "停工项目数"])
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert lines[0].split() == [
        "run",
        "at",
        "run_period",
        "item_id",
        "indicator",
        "period",
        "value",
        "status",
    ]
    assert any(line.split()[-3:] == ["2024年下半年", "11个", "滞后"] for line in lines)
    res = runner.invoke(main, ["history", str(db), "--indicator", "stalled_count", "--format", "csv"])
    assert res.exit_code == 0 and res.output.count("stalled_count") == len(lines) - 1
    png = tmp_path / "停工.png"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = runner.invoke(main, ["history", str(db), "--indicator", "停工项目数", "--plot", str(png)])
    assert res.exit_code == 0, res.output
    assert png.read_bytes().startswith(b"\x89PNG")
    assert not [w for w in caught if "missing from font" in str(w.message) or "Glyph" in str(w.message)]
    res = runner.invoke(main, ["history", str(tmp_path / "typo.db")])
    assert res.exit_code == 2 and res.output.startswith("error: ") and "no such database file" in res.output
    res = runner.invoke(main, ["history", str(db), "--plot", str(png)])
    assert res.exit_code != 0 and "--plot needs --indicator" in res.output


def test_history_on_postgresql(seed_path: Path, tmp_path: Path, pg_url: str) -> None:
    _ledger([str(seed_path), "--projects", str(TABLE), "-o", str(tmp_path / "l.jsonl"), "--history", pg_url])
    res = CliRunner().invoke(
        main, ["history", pg_url, "--indicator", "新开工亿元以上项目数", "--format", "json"]
    )
    assert res.exit_code == 0, res.output
    import json

    records = json.loads(res.output)
    assert {(r["period"], r["value"]) for r in records} == {("2024年上半年", 27.0), ("2024年下半年", 20.0)}


def test_report_with_projects(seed_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "seed.html"
    res = CliRunner().invoke(
        main, ["report", str(seed_path), "--projects", str(TABLE), "--period", "2024H2", "-o", str(out)]
    )
    assert res.exit_code == 0, res.output
    page = out.read_text(encoding="utf-8")
    assert "跟踪状态" in page and "滞后" in page and "新开工亿元以上项目数" in page
    res = CliRunner().invoke(main, ["report", str(seed_path), "--period", "2024H2", "-o", str(out)])
    assert res.exit_code != 0 and "--period needs --projects" in res.output


def test_public_tracking_api_is_lazy() -> None:
    import subprocess
    import sys

    names = ["read_projects", "track", "follow", "build_ledger", "write_ledger", "render_report"]
    code = (
        "import sys, speechkit; assert 'pandas' not in sys.modules and 'sqlalchemy' not in sys.modules; "
        f"names = {names!r}; assert set(names) <= set(speechkit.__all__); "
        "print(all(callable(getattr(speechkit, n)) for n in names))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert proc.returncode == 0 and proc.stdout.strip() == "True", proc.stderr
