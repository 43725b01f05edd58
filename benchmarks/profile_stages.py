"""Where extraction's time goes, step by step, over the same corpus as ``bench_extract.py``.

Wraps the steps of ``load.from_text`` and ``extraction`` in timers (process time, best of ``--repeat``
passes) and prints seconds per step. The steps nest: ``build`` contains ``dense`` and ``units``,
``decide`` contains ``model`` and ``problem runs``. Not a test: figures only.

usage: python benchmarks/profile_stages.py [--shared ../shared] [--repeat 5]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_extract import ROOT, SEED, corpus_texts

TIMES: dict[str, float] = defaultdict(float)


def _wrap(owner: Any, name: str, label: str) -> None:
    fn: Callable[..., Any] = getattr(owner, name)

    def timed(*args: Any, **kwargs: Any) -> Any:
        t = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            TIMES[label] += time.process_time() - t

    setattr(owner, name, timed)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    shared = Path(args.shared)

    from speechkit import load
    from speechkit.extraction import candidates, extract, pipeline
    from speechkit.extraction.model import Head

    texts = (
        [t for _, t in corpus_texts(shared)]
        if (shared / "corpora").is_dir()
        else [SEED.read_text(encoding="utf-8")]
    )
    pipeline.default_model()
    extract(load.from_text(texts[0]))
    steps = (
        (load, "normalize", "normalize"),
        (load, "outline", "outline"),
        (load, "extract_meta", "meta"),
        (pipeline, "build", "build (candidates + features)"),
        (candidates, "units", "  units"),
        (candidates, "dense_matrix", "  dense cue features"),
        (pipeline, "decide", "decide (kinds)"),
        (Head, "predict_proba", "  model heads"),
        (pipeline, "_problem_runs", "  problem runs"),
        (pipeline, "_target_attrs", "target attributes"),
        (pipeline, "_task_attrs", "task attributes"),
    )
    for owner, name, label in steps:
        _wrap(owner, name, label)
    best: tuple[float, dict[str, float]] | None = None
    for _ in range(args.repeat):
        TIMES.clear()
        t = time.process_time()
        for raw in texts:
            extract(load.from_text(raw))
        total = time.process_time() - t
        if best is None or total < best[0]:
            best = (total, dict(TIMES))
    assert best is not None
    print(
        f"{len(texts)} documents, {sum(map(len, texts)):,} raw characters; total {best[0]:.3f} s (process time)"
    )
    for _, _, label in steps:
        print(f"{label:32s} {best[1].get(label, 0.0):7.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
