"""The ``speechkit`` command: a thin shell over the library. One command, one library call."""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .errors import SpeechkitError

T = TypeVar("T")


def _fail(message: str, code: int = 1) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def _guard(name: str, fn: Callable[[], T], debug: bool) -> T | None:
    """Run ``fn``; a SpeechkitError or any other failure becomes one line on stderr, never a traceback."""
    try:
        return fn()
    except SpeechkitError as exc:
        msg = str(exc)
        click.echo(f"error: {msg if msg.startswith(name) else f'{name}: {msg}'}", err=True)
    except MemoryError:
        click.echo(f"error: {name}: out of memory", err=True)
    except Exception as exc:  # a user's file must never produce a traceback
        if debug:
            raise
        click.echo(
            f"error: {name}: internal error ({type(exc).__name__}: {exc}); rerun with --debug", err=True
        )
    return None


def _read(path: str, debug: bool) -> Any:
    from .load import read

    return _guard(path, lambda: read(path), debug)


def _sha256(path: str) -> str | None:
    if path == "-":
        return None
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="speechkit")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """speechkit: Chinese policy speeches and reports as data (目标、问题、任务).

    \b
    Examples:
      speechkit extract 讲话.docx
      speechkit extract 报告.txt --format json -o items.json
      speechkit outline 方案.html
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


@main.command()
@click.argument("file")
@click.pass_context
def text(ctx: click.Context, file: str) -> None:
    """Print the canonical text of FILE (boilerplate, chunk markers and wrapping removed)."""
    doc = _read(file, ctx.obj["debug"])
    if doc is None:
        sys.exit(2)
    click.echo(doc.text)


def _tree(sections: Sequence[Any], depth: int = 0) -> list[str]:
    out = []
    for s in sections:
        out.append(f"{'  ' * depth}{s.marker} {s.title}  [{s.start}:{s.end}]")
        out.extend(_tree(s.children, depth + 1))
    return out


@main.command()
@click.argument("file")
@click.option("--format", "fmt", type=click.Choice(["tree", "json"]), default="tree", show_default=True)
@click.pass_context
def outline(ctx: click.Context, file: str, fmt: str) -> None:
    """Print the outline of FILE (一、→（一）→1.→（1）→①, 一是…, 第一，…) with character offsets."""
    doc = _read(file, ctx.obj["debug"])
    if doc is None:
        sys.exit(2)
    if fmt == "json":
        click.echo(json.dumps(doc.outline_dict(), ensure_ascii=False, indent=1))
    else:
        head = " ".join(x for x in (doc.meta.title, doc.meta.date) if x)
        click.echo("\n".join(([head] if head else []) + _tree(doc.outline)))


@main.command()
@click.argument("files", nargs=-1, required=True)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=True), help="Output file (a folder for several inputs)."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "jsonl", "csv", "xlsx", "md"]),
    default=None,
    help="Output format (default: table, or from the output file's extension).",
)
@click.option(
    "--model",
    "model_path",
    type=click.Path(exists=True, dir_okay=False),
    help="A model file from `speechkit train`.",
)
@click.pass_context
def extract(
    ctx: click.Context, files: tuple[str, ...], output: str | None, fmt: str | None, model_path: str | None
) -> None:
    """Extract targets (目标), problems (问题) and tasks (任务) from FILES.

    Several files are processed one by one; a bad file is reported and the run goes on
    (exit code 2 when any file failed).
    """
    from .export import atomic_write, render
    from .extraction import extract as run_extract
    from .extraction.model import KindModel

    debug = ctx.obj["debug"]
    if fmt is None:
        ext = Path(output).suffix.lstrip(".").lower() if output else ""
        fmt = ext if ext in ("json", "jsonl", "csv", "xlsx", "md") else "table"
    if fmt == "xlsx" and not output:
        _fail("xlsx output needs -o FILE.xlsx")
    model = None
    if model_path:
        model = _guard(model_path, lambda: KindModel.load(model_path), debug)
        if model is None:
            sys.exit(2)
    several = len(files) > 1
    if several and output and Path(output).suffix:
        _fail(f"{output}: with several inputs, -o names a folder")
    failed = 0
    for f in files:
        doc = _read(f, debug)
        if doc is None:
            failed += 1
            continue
        items = _guard(f, lambda doc=doc: run_extract(doc, model=model), debug)
        if items is None:
            failed += 1
            continue
        data = render(doc, items, fmt, source_sha256=_sha256(f))
        if output:
            target = (
                Path(output) / (Path(f).stem + "." + fmt.replace("table", "txt")) if several else Path(output)
            )
            atomic_write(target, data)
            click.echo(f"{f}: {len(items)} items → {target}", err=True)
        else:
            if several and fmt == "table":
                click.echo(f"== {f}")
            click.echo(data.decode(), nl=False)
    if failed:
        if several:
            click.echo(f"{failed} of {len(files)} files failed", err=True)
        sys.exit(2)


@main.command()
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--errors", is_flag=True, help="List misses and false alarms side by side.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--model", "model_path", type=click.Path(exists=True, dir_okay=False))
@click.pass_context
def evaluate(
    ctx: click.Context, gold: tuple[str, ...], errors: bool, fmt: str, model_path: str | None
) -> None:
    """Score extraction against GOLD files (*.gold.json, or folders of them), as shared/tools/score.py does."""
    from .evaluate import Evaluation, evaluate_file
    from .extraction.model import KindModel
    from .extraction.train import find_gold_files

    debug = ctx.obj["debug"]
    model = KindModel.load(model_path) if model_path else None
    total = Evaluation("total")
    results = []
    for g in find_gold_files(gold):
        ev = _guard(str(g), lambda g=g: evaluate_file(g, model=model), debug)
        if ev is None:
            continue
        total.add(ev)
        results.append(ev)
    if fmt == "json":
        click.echo(
            json.dumps(
                {"files": {e.name: e.to_dict() for e in results}, "total": total.to_dict()},
                ensure_ascii=False,
                indent=1,
            )
        )
        return
    click.echo(f"{'file':44s} {'kind':8s} {'P':>6s} {'R':>6s} {'F1':>6s}  tp/fp/fn")
    for ev in [*results, total]:
        for k, s in [*ev.kinds.items(), ("micro", ev.micro)]:
            click.echo(f"{ev.name[:44]:44s} {k:8s} {s.p:6.3f} {s.r:6.3f} {s.f1:6.3f}  {s.tp}/{s.fp}/{s.fn}")
    attrs = ", ".join(f"{a} {h}/{n}" for a, (h, n) in total.attributes.items())
    click.echo(f"attribute accuracy on matched items: {attrs}")
    if errors:
        for ev in results:
            click.echo(f"\n=== {ev.name}")
            for m in ev.misses:
                click.echo(f"  MISS  {m['kind']:8s} {m['id']}: {m['text'][:90]}")
            for f in ev.false_alarms:
                click.echo(f"  FALSE {f['kind']:8s} {f['via']} {f['confidence']}: {f['text'][:90]}")


@main.command()
@click.argument("corpus", nargs=-1, required=True, type=click.Path(exists=True))
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False), help="Model file to write (.json.gz)."
)
@click.option(
    "--dev",
    multiple=True,
    type=click.Path(exists=True),
    help="Gold files or folders to score the new model on (never trained on); the scores go into the model file.",
)
@click.pass_context
def train(ctx: click.Context, corpus: tuple[str, ...], output: str, dev: tuple[str, ...]) -> None:
    """Train the kind model on annotated documents (*.gold.json with their sources) in CORPUS folders."""
    from .extraction.train import train as run_train

    model = _guard(" ".join(corpus), lambda: run_train(corpus, dev=dev), ctx.obj["debug"])
    if model is None:
        sys.exit(2)
    model.save(output)
    ex = model.info["examples"]
    click.echo(
        f"trained on {len(model.info['documents'])} documents; examples {ex}; data sha256 "
        f"{model.info['training_data_sha256'][:16]}… → {output}"
    )
    if "dev_scores" in model.info:
        click.echo(f"dev scores (F1): {model.info['dev_scores']['total']}")


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
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default=None,
    help="Output format (default: table, or from the output file's extension).",
)
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
    from .export import atomic_write
    from .tracking.projects import read_projects

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
    from .report.html import build_report

    tracking = None
    if projects:
        from .tracking.track import project_tracker

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
    from .tracking.ledger import run_ledger

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
    from .export import atomic_write
    from .tracking.follow import follow, format_table, pairs_to_dict

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
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default=None,
    help="Output format (default: table, or from the output file's extension).",
)
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
    from .export import atomic_write
    from .tracking.history import figure_history, format_history

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
        from .report.plots import save_history_plot

        if _guard(plot, lambda: save_history_plot(frame, plot, indicator=indicator), debug) is None:
            sys.exit(2)
# --------------------------------------------------------------------------- batch (corpus scale)


@main.command()
@click.argument("source", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(),
    help="items.parquet (a dataset folder of parts), items.csv or items.jsonl.",
)
@click.option(
    "--jobs", "-j", type=int, default=0, show_default=True, help="Worker processes (0 = every core)."
)
@click.option(
    "--errors",
    "errors_path",
    type=click.Path(dir_okay=False),
    help="Write the bad files (path, reason) as CSV.",
)
@click.option("--no-resume", is_flag=True, help="Start over instead of skipping documents already done.")
@click.option("--scheduler", help="Run on a Dask cluster, e.g. tcp://HOST:8786 (needs speechkit[dask]).")
@click.option(
    "--manifest",
    type=click.Path(exists=True, dir_okay=False),
    help="A MANIFEST.tsv to join (default: the folder's own).",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.pass_context
def batch(
    ctx: click.Context,
    source: tuple[str, ...],
    output: str,
    jobs: int,
    errors_path: str | None,
    no_resume: bool,
    scheduler: str | None,
    manifest: str | None,
    quiet: bool,
) -> None:
    """Extract items from every document of SOURCE (folders, globs, .zip archives, files) into one table.

    Runs on all cores (or a Dask cluster), streams results to OUTPUT, reports bad files at the end
    without stopping, and resumes where an interrupted run stopped (documents keyed by content hash;
    the state is kept in OUTPUT.done).

    \b
    Examples:
      speechkit batch 讲话/ -o items.parquet
      speechkit batch reports.zip -o items.csv --jobs 2 --errors errors.csv
      speechkit batch "docs/**/*.docx" -o items.jsonl --scheduler tcp://10.0.0.5:8786
    """
    from .corpus.batch import run as run_batch

    spec: Any = source[0] if len(source) == 1 else list(source)
    try:
        result = _guard(
            " ".join(source),
            lambda: run_batch(
                spec,
                output,
                jobs=jobs,
                errors=errors_path,
                resume=not no_resume,
                quiet=quiet,
                manifest=manifest,
                scheduler=scheduler,
            ),
            ctx.obj["debug"],
        )
    except KeyboardInterrupt:
        click.echo(f"interrupted: {output} holds what was committed; run again to resume", err=True)
        sys.exit(130)
    if result is None:
        sys.exit(2)
    click.echo(result.summary(), err=True)
    if result.failed:
        for path, reason in result.errors[:20]:
            click.echo(f"error: {path}: {reason}", err=True)
        if len(result.errors) > 20:
            more = f"; all in {errors_path}" if errors_path else "; --errors FILE lists them all"
            click.echo(f"… {len(result.errors) - 20} more{more}", err=True)
        sys.exit(2)


if __name__ == "__main__":  # pragma: no cover
    main()


# ----------------------------------------------------------------------------- analyses


def _read_all(files: Sequence[str], debug: bool) -> tuple[list[Any], int]:
    """Documents of FILES; a bad file is reported and skipped. Returns the documents and the failures."""
    docs = []
    for f in files:
        doc = _read(f, debug)
        if doc is not None:
            docs.append(doc)
    return docs, len(files) - len(docs)


@main.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--top", default=20, show_default=True, type=click.IntRange(min=1), help="Terms per document.")
@click.option("--tfidf", is_flag=True, help="TF-IDF keywords, the IDF fitted on FILES, instead of counts.")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True
)
@click.pass_context
def keywords(ctx: click.Context, files: tuple[str, ...], top: int, tfidf: bool, fmt: str) -> None:
    """Most frequent terms (or TF-IDF keywords) of each of FILES.

    Terms are speechkit's jieba tokens without stop words (同志们, 我们, 要, 进一步, 切实 …), single
    characters and numbers.
    """
    from .analysis._common import frame_bytes
    from .analysis.keywords import frequencies, tfidf_keywords

    debug = ctx.obj["debug"]
    docs, failed = _read_all(files, debug)
    if docs:
        frame = _guard(
            " ".join(files),
            lambda: tfidf_keywords(docs, top) if tfidf else frequencies(docs, top, by_doc=True),
            debug,
        )
        if frame is None:
            sys.exit(2)
        if fmt == "table":
            frame = frame.round(4)
            if len(docs) == 1:
                frame = frame.drop(columns="path")
        click.echo(frame_bytes(frame, fmt).decode("utf-8"), nl=False)
    if failed:
        sys.exit(2)


@main.command()
@click.argument("pattern")
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--width", default=20, show_default=True, type=click.IntRange(min=0), help="Characters either side."
)
@click.option("--regex", is_flag=True, help="PATTERN is a regular expression.")
@click.option(
    "--format", "fmt", type=click.Choice(["lines", "csv", "json"]), default="lines", show_default=True
)
@click.pass_context
def kwic(ctx: click.Context, pattern: str, files: tuple[str, ...], width: int, regex: bool, fmt: str) -> None:
    """Keyword in context: every occurrence of PATTERN in FILES, aligned (a Chinese character is two
    columns wide), with offsets and section in csv/json."""
    from .analysis._common import frame_bytes
    from .analysis.kwic import kwic as run_kwic
    from .analysis.kwic import render_kwic

    debug = ctx.obj["debug"]
    docs, failed = _read_all(files, debug)
    if docs:
        frame = _guard("pattern", lambda: run_kwic(docs, pattern, width=width, regex=regex), debug)
        if frame is None:
            sys.exit(2)
        if fmt != "lines":
            click.echo(frame_bytes(frame, fmt).decode("utf-8"), nl=False)
        else:
            for path, part in frame.groupby("path", sort=False):
                if len(docs) > 1:
                    click.echo(f"== {path}")
                click.echo(render_kwic(part, width))
            click.echo(f"{len(frame)} matches", err=True)
    if failed:
        sys.exit(2)


@main.command()
@click.argument("a")
@click.argument("b")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Output file.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default=None,
    help="Output format (default: table, or from the output file's extension).",
)
@click.pass_context
def compare(ctx: click.Context, a: str, b: str, output: str | None, fmt: str | None) -> None:
    """Compare the items of two documents A and B (two drafts, or two years' reports): new, kept,
    dropped and changed (value, unit, deadline, owner) targets, problems and tasks."""
    from .analysis._common import frame_bytes
    from .analysis.compare import compare as run_compare
    from .analysis.compare import render_comparison
    from .export import atomic_write

    debug = ctx.obj["debug"]
    if fmt is None:
        ext = Path(output).suffix.lstrip(".").lower() if output else ""
        fmt = ext if ext in ("json", "csv") else "table"
    doc_a, doc_b = _read(a, debug), _read(b, debug)
    if doc_a is None or doc_b is None:
        sys.exit(2)
    result = _guard(f"{a} vs {b}", lambda: run_compare(doc_a, doc_b), debug)
    if result is None:
        sys.exit(2)
    if fmt == "json":
        data = (json.dumps(result.to_dict(), ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    elif fmt == "csv":
        data = frame_bytes(result.frame, "csv")
    else:
        data = (render_comparison(result) + "\n").encode("utf-8")
    if output:
        atomic_write(output, data)
        counts = ", ".join(f"{n} {s}" for s, n in result.counts().items())
        click.echo(f"{a} → {b}: {counts} → {output}", err=True)
    else:
        click.echo(data.decode("utf-8"), nl=False)
