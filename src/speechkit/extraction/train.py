"""``speechkit train``: reproduce the shipped model from annotated documents.

An annotated document is a ``NAME.gold.json`` file in the format of ``shared/gold`` (ANNOTATION.md) whose
``doc`` names its source, relative to the JSON file's folder or to the folder above it. Candidates of every
document are labelled by the same Dice matching the scorer uses, so the model learns exactly the spans
ANNOTATION.md asks for. Training is deterministic: files are taken in sorted order, the solver is seeded,
and the model file records the SHA-256 of all training data.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..document import Document
from ..errors import InputError, SpeechkitError
from .candidates import Candidates, build
from .items import KINDS
from .matching import bigrams, dice, locate, match
from .model import Head, KindModel, fit_head


@dataclass(frozen=True)
class Annotated:
    """A document with its gold items (dicts as in the gold JSON)."""

    path: Path
    doc: Document
    items: tuple[dict[str, Any], ...]


def find_gold_files(paths: Iterable[str | Path]) -> list[Path]:
    """All ``*.gold.json`` under the given files or folders, sorted."""
    out: set[Path] = set()
    for p in map(Path, paths):
        if p.is_dir():
            out.update(p.rglob("*.gold.json"))
        elif p.name.endswith(".json"):
            out.add(p)
    return sorted(out, key=lambda p: str(p.resolve()))  # one order however the folders are written


def resolve_source(gold_path: Path, doc: str) -> Path:
    """Where a gold file's ``doc`` lives: beside the gold file, or relative to its parent folder."""
    for base in (gold_path.parent, gold_path.parent.parent):
        cand = base / doc
        if cand.exists():
            return cand
    raise InputError(str(gold_path), f"source document {doc!r} not found")


def load_annotated(paths: Iterable[str | Path]) -> list[Annotated]:
    """Read every annotated document under ``paths``."""
    from ..load import read

    out = []
    for g in find_gold_files(paths):
        try:
            data = json.loads(g.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise InputError(str(g), f"not a gold JSON file: {exc}") from exc
        src = resolve_source(g, data["doc"])
        doc = read(src)
        out.append(Annotated(g, doc, tuple(data["items"])))
    return out


def _labels(texts: Sequence[str], gold: Sequence[dict[str, Any]], kinds: Sequence[str]) -> list[str | None]:
    """Label of each candidate: the kind of the required gold item it matches one-to-one (scorer's
    matching), ``None`` (skip) when it matches only an optional one, ``"none"`` otherwise."""
    labels: list[str | None] = ["none"] * len(texts)
    for kind in kinds:
        g = [x for x in gold if x["kind"] == kind]
        if not g:
            continue
        for i, j, _s in match(texts, [x["text"] for x in g], [bool(x.get("optional")) for x in g]):
            if labels[i] != "none":
                continue
            labels[i] = None if g[j].get("optional") else kind
    return labels


def _loose_labels(texts: Sequence[str], gold: Sequence[dict[str, Any]], kind: str) -> list[str | None]:
    """Positive where a candidate matches any gold item of ``kind`` (Dice ≥ 0.5): overlapping candidate
    shapes of the same target are all right answers."""
    g = [(bigrams(x["text"]), bool(x.get("optional"))) for x in gold if x["kind"] == kind]
    out: list[str | None] = []
    for t in texts:
        b = bigrams(t)
        best_req = max((dice(b, gb) for gb, opt in g if not opt), default=0.0)
        best_opt = max((dice(b, gb) for gb, opt in g if opt), default=0.0)
        out.append(kind if best_req >= 0.5 else (None if best_opt >= 0.5 else "none"))
    return out


def sentence_labels(
    text: str, sents: Sequence[tuple[int, int]], gold: Sequence[dict[str, Any]]
) -> list[str | None]:
    """B/I/O labels of sentences for problems stated in running text: ``B`` opens a gold problem,
    ``I`` continues one, ``O`` is outside every problem, ``None`` (skip) overlaps an optional one."""
    spans: list[tuple[int, int, bool]] = []
    for g in gold:
        if g["kind"] != "problem":
            continue
        loc = locate(text, g["text"])
        if loc is not None:
            spans.append((loc[0], loc[1], bool(g.get("optional"))))
    out: list[str | None] = []
    for a, b in sents:
        label: str | None = "O"
        for gs, ge, opt in spans:
            overlap = min(b, ge) - max(a, gs)
            if overlap <= 0.5 * (b - a):
                continue
            if opt:
                label = None
                continue
            label = "B" if gs >= a - 2 else "I"
            break
        out.append(label)
    return out


@dataclass
class TrainingSet:
    unit_records: list[str]
    unit_dense: list[np.ndarray]
    unit_labels: list[str]
    sent_records: list[str]
    sent_dense: list[np.ndarray]
    sent_labels: list[str]
    clause_records: list[str]
    clause_dense: list[np.ndarray]
    clause_labels: list[str]


def examples(docs: Sequence[Annotated]) -> TrainingSet:
    """Labelled candidates of all documents."""
    ts = TrainingSet([], [], [], [], [], [], [], [], [])
    for a in docs:
        c: Candidates = build(a.doc)
        text = a.doc.text
        utexts = [text[u.start : u.end] for u in c.units]
        ulabels = _labels(utexts, a.items, ("task", "problem", "target"))
        for rec, row, lab in zip(c.unit_records, c.unit_dense, ulabels):
            if lab is not None:
                ts.unit_records.append(rec)
                ts.unit_dense.append(row)
                ts.unit_labels.append(lab)
        slabels = sentence_labels(text, [(s, e) for s, e, _ in c.sents], a.items)
        for (_s, _e, ui), rec, row, lab in zip(c.sents, c.sent_records, c.sent_dense, slabels):
            if lab is None or ulabels[ui] == "problem":
                continue
            ts.sent_records.append(rec)
            ts.sent_dense.append(row)
            ts.sent_labels.append(lab)
        clabels = _loose_labels([text[s:e] for s, e, _, _ in c.clauses], a.items, "target")
        for rec, row, lab in zip(c.clause_records, c.clause_dense, clabels):
            if lab is not None:
                ts.clause_records.append(rec)
                ts.clause_dense.append(row)
                ts.clause_labels.append(lab)
    return ts


def data_hash(docs: Sequence[Annotated]) -> str:
    """SHA-256 over every gold file and its document's canonical text, in sorted order."""
    h = hashlib.sha256()
    for a in sorted(docs, key=lambda d: d.path.name):
        h.update(a.path.name.encode())
        h.update(a.path.read_bytes())
        h.update(a.doc.text.encode("utf-8"))
    return h.hexdigest()


def fit_heads(docs: Sequence[Annotated]) -> dict[str, Head]:
    """The three heads fitted on the labelled candidates of ``docs`` (deterministic)."""
    ts = examples(docs)
    return {
        "unit": fit_head(ts.unit_records, np.asarray(ts.unit_dense), ts.unit_labels, c=4.0, balanced=False),
        "sentence": fit_head(ts.sent_records, np.asarray(ts.sent_dense), ts.sent_labels, c=4.0),
        "clause": fit_head(ts.clause_records, np.asarray(ts.clause_dense), ts.clause_labels, c=8.0),
    }


def train(paths: Iterable[str | Path], *, dev: Iterable[str | Path] = ()) -> KindModel:
    """Train the three heads on every annotated document under ``paths``; with ``dev`` gold files (never
    trained on), their scores are written into the model's ``info`` beside the training data's hash.

    >>> # speechkit.extraction.train.train(["corpora/train", "../shared/train"]).save("model.json.gz")
    """
    docs = load_annotated(paths)
    if not docs:
        raise SpeechkitError("no annotated documents (*.gold.json) found to train on")
    ts = examples(docs)
    import sklearn

    model = KindModel(fit_heads(docs), {})
    model.info = {
        "documents": [a.path.name for a in sorted(docs, key=lambda d: d.path.name)],
        "training_data_sha256": data_hash(docs),
        "examples": {
            "unit": dict(sorted(Counter(ts.unit_labels).items())),
            "sentence": dict(sorted(Counter(ts.sent_labels).items())),
            "clause": dict(sorted(Counter(ts.clause_labels).items())),
        },
        "gold_items": dict(
            sorted(Counter(i["kind"] for a in docs for i in a.items if i["kind"] in KINDS).items())
        ),
        "sklearn": sklearn.__version__,
    }
    dev_files = find_gold_files(dev)
    if dev_files:
        model.info["dev_scores"] = dev_scores(model, dev_files)
    return model


def dev_scores(model: KindModel, gold_files: Sequence[Path]) -> dict[str, Any]:
    """F1 per kind and micro of ``model`` on gold files, per file and in total."""
    from ..evaluate import Evaluation, evaluate_file

    total = Evaluation("total")
    out: dict[str, Any] = {}
    for g in gold_files:
        ev = evaluate_file(g, model=model)
        total.add(ev)
        out[ev.name] = {k: s.f1 for k, s in [*ev.kinds.items(), ("micro", ev.micro)]}
    out["total"] = {k: s.f1 for k, s in [*total.kinds.items(), ("micro", total.micro)]}
    return out
