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
