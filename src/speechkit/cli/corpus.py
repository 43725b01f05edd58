"""Corpus and analysis commands: ``batch``, ``keywords``, ``kwic``, ``compare``."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from . import _guard, _read, main

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
    from ..corpus.batch import run as run_batch

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
    from ..analysis._common import frame_bytes
    from ..analysis.keywords import frequencies, tfidf_keywords

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
    from ..analysis._common import frame_bytes
    from ..analysis.kwic import kwic as run_kwic
    from ..analysis.kwic import render_kwic

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
    from ..analysis._common import frame_bytes
    from ..analysis.compare import compare as run_compare
    from ..analysis.compare import render_comparison
    from ..export import atomic_write

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
