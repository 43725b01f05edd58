"""Extraction speed against plain jieba, in one run over the real corpus, and cold start.

Prints (1) characters per second of speechkit (canonical text → outline → candidates → model → attributes)
and of ``jieba.lcut`` on the same canonical texts, and their ratio; (2) where speechkit's time goes;
(3) the wall time of a fresh ``speechkit extract SEED`` process against a fresh
``python -c "import jieba; jieba.lcut(SEED)"``. Not a test: figures only.

usage: python benchmarks/bench_extract.py [--shared ../shared] [--repeat 3]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpora" / "seed_speech.txt"


def corpus_texts(shared: Path) -> list[tuple[str, str]]:
    """Raw texts of every readable document in ``shared/corpora`` (plus the seed)."""
    from speechkit.errors import SpeechkitError
    from speechkit.readers import read_raw

    out = [(SEED.name, SEED.read_text(encoding="utf-8"))]
    for path in sorted((shared / "corpora").rglob("*")):
        if not path.is_file() or path.suffix in (".zip", ".csv", ".tsv"):
            continue
        try:
            out.append((path.name, read_raw(path).text))
        except SpeechkitError:
            continue
    return out


def timed(fn, *args):  # type: ignore[no-untyped-def]
    t = time.perf_counter()
    fn(*args)
    return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    shared = Path(args.shared)

    import jieba

    from speechkit.extraction import extract, pipeline
    from speechkit.extraction.candidates import build
    from speechkit.load import from_text
    from speechkit.normalize import normalize
    from speechkit.outline import outline

    texts = (
        corpus_texts(shared)
        if (shared / "corpora").is_dir()
        else [(SEED.name, SEED.read_text(encoding="utf-8"))]
    )
    canon = [normalize(t) for _, t in texts]
    n_chars = sum(len(t) for t in canon)
    jieba.setLogLevel(60)
    jieba.lcut("预热")  # load jieba's dictionary outside the timing
    pipeline.default_model()  # load the model outside the timing
    extract(from_text(texts[0][1]))

    best_sk, best_jb = float("inf"), float("inf")
    for _ in range(args.repeat):
        best_sk = min(best_sk, sum(timed(lambda t: extract(from_text(t)), raw) for _, raw in texts))
        best_jb = min(best_jb, sum(timed(jieba.lcut, t) for t in canon))
    print(f"corpus: {len(texts)} documents, {n_chars:,} characters (canonical)")
    print(f"speechkit read-from-text + extract: {n_chars / best_sk:12,.0f} chars/s  ({best_sk:.2f} s)")
    print(f"jieba.lcut on the same texts:       {n_chars / best_jb:12,.0f} chars/s  ({best_jb:.2f} s)")
    print(f"ratio speechkit / jieba:            {best_jb / best_sk:12.2f}x")

    # where the time goes
    stages = {"normalize": 0.0, "outline+meta": 0.0, "candidates+features": 0.0, "model+attributes": 0.0}
    for _, raw in texts:
        t0 = time.perf_counter()
        text = normalize(raw)
        t1 = time.perf_counter()
        outline(text)
        doc = from_text(raw)
        t2 = time.perf_counter()
        build(doc)
        t3 = time.perf_counter()
        extract(doc)
        t4 = time.perf_counter()
        stages["normalize"] += t1 - t0
        stages["outline+meta"] += (t2 - t1) - (t1 - t0)  # from_text normalises again
        stages["candidates+features"] += t3 - t2
        stages["model+attributes"] += (t4 - t3) - (t3 - t2)  # extract builds candidates again
    total = sum(stages.values())
    print("time by stage: " + ", ".join(f"{k} {v / total:.0%}" for k, v in stages.items()))

    # cold start in fresh processes
    seed = SEED.read_text(encoding="utf-8")
    exe = [sys.executable, "-m", "speechkit.cli", "extract", str(SEED), "--format", "json"]
    base = [sys.executable, "-c", "import sys, jieba; jieba.setLogLevel(60); jieba.lcut(sys.stdin.read())"]
    runs_sk, runs_jb = [], []
    for _ in range(args.repeat):
        t = time.perf_counter()
        subprocess.run(exe, capture_output=True, check=True)
        runs_sk.append(time.perf_counter() - t)
        t = time.perf_counter()
        subprocess.run(base, input=seed.encode(), capture_output=True, check=True)
        runs_jb.append(time.perf_counter() - t)
    print(
        f"cold start: speechkit extract seed {min(runs_sk):.2f} s; python -c 'import jieba; jieba.lcut(seed)' "
        f"{min(runs_jb):.2f} s; ratio {min(runs_jb) / min(runs_sk):.2f}x"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
