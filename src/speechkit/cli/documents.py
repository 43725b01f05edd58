"""Commands on one document: ``text``, ``outline``, ``extract``, ``evaluate``, ``train``."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from . import _fail, _guard, _read, _sha256, main


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
    from ..export import atomic_write, render
    from ..extraction import extract as run_extract
    from ..extraction.model import KindModel

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
    from ..evaluate import Evaluation, evaluate_file
    from ..extraction.model import KindModel
    from ..extraction.train import find_gold_files

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
    from ..extraction.train import train as run_train

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
