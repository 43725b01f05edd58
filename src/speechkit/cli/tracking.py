"""Tracking commands: ``projects``, ``report``, ``ledger``, ``follow``, ``history``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import _fail, _guard, _read, _table_format, main

# ----------------------------------------------------------------------------- projects (tracking)


@main.command()
@click.argument("data")
@click.option(
    "--mapping",
    type=click.Path(exists=True, dir_okay=False),
    help="JSON or TOML file mapping other headers to canonical columns (投资规模 = investment).",
)
@click.option(
    "--table", "table_name", help="Sheet of an .xlsx, or table of a database URL (default: projects)."
)
@_table_format
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Output file.")
@click.pass_context
def projects(
    ctx: click.Context,
    data: str,
    mapping: str | None,
    table_name: str | None,
    fmt: str | None,
    output: str | None,
) -> None:
    """Read a 招商引资/重点项目 台账 (CSV, XLSX, JSON or a database URL such as sqlite:///台账.db) into
    speechkit's canonical project table and show it.

    The table format prints projects and investment (万元) per status; csv and json write the canonical
    table. Every row problem goes to stderr as DATA:ROW: column: message. The exit code is non-zero only
    when DATA cannot be read.
    """
    from ..export import atomic_write
    from ..tracking.projects import read_projects

    if fmt is None:
        ext = Path(output).suffix.lstrip(".").lower() if output else ""
        fmt = ext if ext in ("csv", "json") else "table"
    result = _guard(data, lambda: read_projects(data, mapping=mapping, table=table_name), ctx.obj["debug"])
    if result is None:
        sys.exit(2)
    for p in result.problems:
        click.echo(f"{data}:{p.row}: {p.column}: {p.message}", err=True)
    if fmt == "csv":
        out = result.to_csv()
    elif fmt == "json":
        out = result.to_json()
    else:
        lines = [
            f"{result.source}: {len(result)} projects, {len(result.problems)} problems",
            f"{'status':<6s}  {'projects':>8s}  {'investment/万元':>14s}",
        ]

        def cell(word: str) -> str:  # a CJK character takes two columns in a terminal
            return word.ljust(6 - sum(1 for c in word if ord(c) > 0x2E80))

        for status, n, wan in result.summary():
            lines.append(f"{cell(status)}  {n:>8d}  {wan:>16,.0f}")
        lines.append(f"{cell('合计')}  {len(result):>8d}  {result.total_investment():>16,.0f}")
        out = ("\n".join(lines) + "\n").encode("utf-8")
    if output:
        atomic_write(output, out)
        click.echo(f"{data}: {len(result)} projects → {output}", err=True)
    else:
        click.echo(out.decode("utf-8-sig"), nl=False)


# --- report (HTML) ----------------------------------------------------------------------------------------


@main.command()
@click.argument("file")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="HTML file to write (default: FILE's name with .report.html, in the current folder).",
)
@click.option("--title", help="Title of the report (default: the document's title).")
@click.option(
    "--projects",
    "projects",
    help="Project table (XLSX, CSV, JSON or a database URL): adds a tracking status per item and the status chart.",
)
@click.option(
    "--period",
    help="Tracking period with --projects: 2024H2, 2024Q3, 下半年 … (default: as speechkit ledger).",
)
@click.pass_context
def report(
    ctx: click.Context,
    file: str,
    output: str | None,
    title: str | None,
    projects: str | None,
    period: str | None,
) -> None:
    """Write a self-contained HTML report of FILE: the text with targets, problems and tasks
    highlighted, the outline, a filterable item table and charts. Opens offline in any browser.

    \b
    Example:
      speechkit report 讲话.docx -o 讲话.html
      speechkit report 讲话.docx --projects 项目台账.xlsx --period 2024H2
    """
    from ..report.html import build_report

    tracking = None
    if projects:
        from ..tracking.track import project_tracker

        tracking = project_tracker(projects, period=period)
    elif period:
        _fail("--period needs --projects")
    target = output or (Path(file).stem if file != "-" else "stdin") + ".report.html"
    result = _guard(
        file, lambda: build_report(file, target, title=title, tracking=tracking), ctx.obj["debug"]
    )
    if result is None:
        sys.exit(2)
    click.echo(f"{file}: {len(result.items)} items → {result.path}", err=True)


# ---------------------------------------------------------------------------------------------
# speechkit ledger (tracking)


@main.command()
@click.argument("speech")
@click.option(
    "--projects", "projects", help="Project table (Excel/CSV) to compute figures and link projects."
)
@click.option(
    "--period", help="Reporting period: 2024, 2024H2, 2024Q3, 2024-07, 下半年 … (default: the speech's year)."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Ledger file: .xlsx, .csv or .jsonl (default: --update).",
)
@click.option(
    "--update",
    type=click.Path(exists=True, dir_okay=False),
    help="An edited .xlsx ledger to merge into; people's edits are kept, the old file is backed up.",
)
@click.option(
    "--history",
    help="Store this run's figures in a history database (tracking.db, sqlite:///…, postgresql://…).",
)
@click.pass_context
def ledger(
    ctx: click.Context,
    speech: str,
    projects: str | None,
    period: str | None,
    output: str | None,
    update: str | None,
    history: str | None,
) -> None:
    """Write the 督查督办 ledger (任务台账) of SPEECH: one row per target, problem and task, with owners,
    deadline, indicator, current value, progress and status.

    \b
    Examples:
      speechkit ledger 讲话.docx --projects 项目表.xlsx --period 2024H2 -o 台账.xlsx
      speechkit ledger 讲话.docx --projects 新项目表.xlsx --update 台账.xlsx
    """
    from ..tracking.ledger import run_ledger

    target = output or update
    if not target:
        _fail("give -o FILE (.xlsx, .csv, .jsonl) or --update LEDGER.xlsx")
    result = _guard(
        speech,
        lambda: run_ledger(speech, target, projects=projects, period=period, update=update, history=history),
        ctx.obj["debug"],
    )
    if result is None:
        sys.exit(2)
    led, report = result
    states = led.tracking.frame["status"].value_counts()
    summary = "，".join(f"{s}{n}" for s, n in states.items())
    click.echo(
        f"{speech}: {len(led.rows)} items ({summary}); {led.tracking.period.label} → {target}", err=True
    )
    if update and report is not None:
        click.echo(
            f"merged into {update}: {report.matched} by 编号, {report.matched_by_text} by text, "
            f"{len(report.added)} new, {len(report.removed)} marked 原文已删除, {len(report.kept)} edited cells kept"
            + (f"; backup {report.backup}" if report.backup else ""),
            err=True,
        )
    if result.run_id is not None:
        click.echo(f"figures stored as run {result.run_id} in {history}", err=True)


# --- speechkit follow: report-to-report tracking -------------------------------------------------


@main.command(name="follow")
@click.argument("report_n")
@click.argument("report_n1")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default=None,
    help="Output format (default: json when -o ends in .json, else table).",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="File to write.")
@click.pass_context
def follow_cmd(
    ctx: click.Context, report_n: str, report_n1: str, fmt: str | None, output: str | None
) -> None:
    """Pair the targets of REPORT_N with the results REPORT_N1 states for them.

    \b
    Each target of REPORT_N (国内生产总值增长5%左右, 城镇新增就业1200万人以上 …) is matched to the
    value the next year's report gives in its review part for the same indicator and measure, and
    judged achieved, missed or no_evidence.
      speechkit follow 报告2024.txt 报告2025.txt
      speechkit follow 报告2024.txt 报告2025.txt --format json -o follow.json
    """
    from ..export import atomic_write
    from ..tracking.follow import follow, format_table, pairs_to_dict

    debug = ctx.obj["debug"]
    doc_n = _read(report_n, debug)
    doc_n1 = _read(report_n1, debug)
    if doc_n is None or doc_n1 is None:
        sys.exit(2)
    pairs = _guard(report_n, lambda: follow(doc_n, doc_n1), debug)
    if pairs is None:
        sys.exit(1)
    if fmt is None:
        fmt = "json" if output and output.lower().endswith(".json") else "table"
    if fmt == "json":
        out = json.dumps(pairs_to_dict(pairs), ensure_ascii=False, indent=1)
    else:
        out = format_table(pairs)
    if output:
        atomic_write(output, (out + "\n").encode("utf-8"))
    else:
        click.echo(out)


# --- speechkit history: tracking figures across runs -------------------------------------------


@main.command(name="history")
@click.argument("db")
@click.option("--item", "item_id", help="Only this item (its 编号, e.g. P-82ea3f66).")
@click.option(
    "--indicator", help="Only this indicator: its id (started_count_large) or name (新开工亿元以上项目数)."
)
@_table_format
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="File to write (.csv, .json).")
@click.option(
    "--plot",
    type=click.Path(dir_okay=False),
    help="Also draw the indicator across runs to this image (.png, .svg, .pdf); needs --indicator.",
)
@click.pass_context
def history_cmd(
    ctx: click.Context,
    db: str,
    item_id: str | None,
    indicator: str | None,
    fmt: str | None,
    output: str | None,
    plot: str | None,
) -> None:
    """List the figures that `speechkit ledger --history DB` stored, oldest run first.

    DB is a database URL (sqlite:///tracking.db, postgresql://…) or a .db file.

    \b
    Examples:
      speechkit history tracking.db --indicator 停工项目数
      speechkit history tracking.db --item P-82ea3f66 --format csv -o 推进效率慢.csv
      speechkit history tracking.db --indicator 新签约项目数 --plot 签约.png
    """
    from ..export import atomic_write
    from ..tracking.history import figure_history, format_history

    debug = ctx.obj["debug"]
    if plot and not indicator:
        _fail("--plot needs --indicator")
    frame = _guard(db, lambda: figure_history(db, item_id=item_id, indicator=indicator), debug)
    if frame is None:
        sys.exit(2)
    if fmt is None:
        ext = Path(output).suffix.lstrip(".").lower() if output else ""
        fmt = ext if ext in ("csv", "json") else "table"
    data = format_history(frame, fmt)
    if output:
        atomic_write(output, data)
        click.echo(f"{db}: {len(frame)} figures → {output}", err=True)
    else:
        click.echo(data.decode("utf-8-sig"), nl=False)
    if plot:
        from ..report.plots import save_history_plot

        if _guard(plot, lambda: save_history_plot(frame, plot, indicator=indicator), debug) is None:
            sys.exit(2)
