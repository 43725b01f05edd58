"""Leave-one-document-out cross-validation of the kind model over the real training documents.

Each real document of ``../shared/train`` is scored by a model trained on every other annotated
document (the team's ``corpora/train`` included), so the figures say how extraction does on a document
the model has not seen — a steadier measure than the four files of ``../shared/gold`` alone.

usage: python benchmarks/crossval.py [--shared ../shared] [--jobs 2] [--dump DIR]

With ``--dump DIR`` each fold's model is kept as ``DIR/NAME.model.json.gz``, for error analysis of the
held-out document: ``speechkit evaluate ../shared/train/NAME.gold.json --model DIR/NAME.model.json.gz --errors``.
"""

from __future__ import annotations

import argparse
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from speechkit.evaluate import Evaluation, score_items
from speechkit.extraction import extract
from speechkit.extraction.model import KindModel
from speechkit.extraction.train import find_gold_files, fit_heads, load_annotated

ROOT = Path(__file__).resolve().parents[1]


def _fold(args: tuple[list[str], str, dict[str, float], str | None]) -> Evaluation:
    paths, held_out, thresholds, dump = args
    from speechkit.extraction import pipeline

    for name, value in thresholds.items():
        setattr(pipeline, name, value)

    docs = [a for a in load_annotated(paths)]
    test = [a for a in docs if a.path.name == held_out]
    rest = [a for a in docs if a.path.name != held_out]
    model = _fit(rest)
    if dump:
        model.save(Path(dump) / held_out.replace(".gold.json", ".model.json.gz"))
    ev = Evaluation(held_out.removesuffix(".gold.json"))
    for a in test:
        ev.add(score_items(extract(a.doc, model=model), list(a.items)))
    return ev


def _fit(docs: list) -> KindModel:
    return KindModel(fit_heads(docs), {})


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override a threshold of speechkit.extraction.pipeline, e.g. CLAUSE_MIN_P=0.45",
    )
    ap.add_argument("--dump", metavar="DIR", help="keep each fold's model in DIR")
    args = ap.parse_args()
    if args.dump:
        Path(args.dump).mkdir(parents=True, exist_ok=True)
    shared = Path(args.shared)
    if not (shared / "train").is_dir():
        print(f"no {shared / 'train'}: nothing to cross-validate", file=sys.stderr)
        return 1
    paths = [str(ROOT / "corpora" / "train"), str(shared / "train")]
    held = [p.name for p in find_gold_files([shared / "train"])]
    with ProcessPoolExecutor(args.jobs) as pool:
        thresholds = {k: float(v) for k, v in (x.split("=", 1) for x in args.set)}
        results = list(pool.map(_fold, [(paths, h, thresholds, args.dump) for h in held]))
    total = Evaluation("total")
    print(f"{'document':58s} {'target':>7s} {'problem':>8s} {'task':>6s} {'micro':>6s}")
    for ev in results:
        total.add(ev)
        k = ev.kinds
        print(
            f"{ev.name[:58]:58s} {k['target'].f1:7.3f} {k['problem'].f1:8.3f} {k['task'].f1:6.3f} {ev.micro.f1:6.3f}"
        )
    k = total.kinds
    print(
        f"{'ALL (micro over documents)':58s} {k['target'].f1:7.3f} {k['problem'].f1:8.3f} {k['task'].f1:6.3f} {total.micro.f1:6.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
