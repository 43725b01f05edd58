"""``speechkit evaluate``: P/R/F1 per kind against gold files, scored exactly as ``shared/tools/score.py``,
plus attribute accuracy on matched items and, for error analysis, the misses and false alarms."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .extraction.items import KINDS, Item
from .extraction.matching import match, normalise


@dataclass
class KindScore:
    """Counts and rates for one kind (or ``micro``)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def p(self) -> float:
        return round(self.tp / (self.tp + self.fp), 3) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        return round(self.tp / (self.tp + self.fn), 3) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = (
            self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0,
            self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0,
        )
        return round(2 * p * r / (p + r), 3) if p + r else 0.0

    def add(self, other: KindScore) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def to_dict(self) -> dict[str, float]:
        return {"p": self.p, "r": self.r, "f1": self.f1, "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Evaluation:
    """The score of one document (or the sum of several)."""

    name: str
    kinds: dict[str, KindScore] = field(default_factory=lambda: {k: KindScore() for k in KINDS})
    attributes: dict[str, list[int]] = field(
        default_factory=lambda: {"owner": [0, 0], "deadline": [0, 0], "value": [0, 0]}
    )
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_alarms: list[dict[str, Any]] = field(default_factory=list)

    @property
    def micro(self) -> KindScore:
        total = KindScore()
        for s in self.kinds.values():
            total.add(s)
        return total

    def add(self, other: Evaluation) -> None:
        for k in KINDS:
            self.kinds[k].add(other.kinds[k])
        for a, (hit, n) in other.attributes.items():
            self.attributes[a][0] += hit
            self.attributes[a][1] += n

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {k: v.to_dict() for k, v in self.kinds.items()}
        d["micro"] = self.micro.to_dict()
        d["attributes"] = {
            a: {"correct": h, "compared": n, "accuracy": round(h / n, 3) if n else None}
            for a, (h, n) in self.attributes.items()
        }
        return d


def _same_owner(pred: Sequence[str], gold: Sequence[str]) -> bool:
    return [normalise(x) for x in pred] == [normalise(x) for x in gold]


def _num(v: object) -> float | None:
    try:
        return float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def score_items(
    pred: Sequence[Item] | Sequence[dict[str, Any]], gold: Sequence[dict[str, Any]], name: str = ""
) -> Evaluation:
    """Score predicted items against gold items (dicts as in a gold file)."""
    ev = Evaluation(name)
    preds = [p.to_dict() if isinstance(p, Item) else dict(p) for p in pred]
    for kind in KINDS:
        p = [x for x in preds if x.get("kind") == kind]
        g = [x for x in gold if x.get("kind") == kind]
        pairs = match(
            [x.get("text", "") for x in p], [x["text"] for x in g], [bool(x.get("optional")) for x in g]
        )
        used_p = {i for i, _, _ in pairs}
        used_g = {j for _, j, _ in pairs}
        ks = ev.kinds[kind]
        ks.tp = sum(1 for _, j, _ in pairs if not g[j].get("optional"))
        ks.fp = len(p) - len(used_p)
        ks.fn = sum(1 for j, x in enumerate(g) if not x.get("optional") and j not in used_g)
        for i, j, _ in pairs:
            gi, pi = g[j], p[i]
            if gi.get("owner"):
                ev.attributes["owner"][1] += 1
                ev.attributes["owner"][0] += _same_owner(pi.get("owner") or [], gi["owner"])
            if gi.get("deadline"):
                ev.attributes["deadline"][1] += 1
                ev.attributes["deadline"][0] += normalise(pi.get("deadline") or "") == normalise(
                    gi["deadline"]
                )
            if gi.get("value") is not None:
                ev.attributes["value"][1] += 1
                gv, pv = _num(gi.get("value")), _num(pi.get("value"))
                if pv is not None and pv < 0 and pi.get("measure") in ("change", "points"):
                    pv = -pv  # gold states a fall's magnitude (indicator …降幅); speechkit signs it
                ev.attributes["value"][0] += gv is not None and pv is not None and abs(gv - pv) < 1e-6
        for j, x in enumerate(g):
            if not x.get("optional") and j not in used_g:
                ev.misses.append({"kind": kind, "id": x.get("id"), "text": x["text"]})
        for i, x in enumerate(p):
            if i not in used_p:
                ev.false_alarms.append(
                    {
                        "kind": kind,
                        "id": x.get("id"),
                        "text": x.get("text", ""),
                        "via": x.get("via"),
                        "confidence": x.get("confidence"),
                    }
                )
    return ev


def evaluate_file(gold_path: str | Path, *, model: Any = None) -> Evaluation:
    """Read a gold file's source document, extract, and score."""
    from .extraction import extract
    from .extraction.train import resolve_source
    from .load import read

    gold_path = Path(gold_path)
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    doc = read(resolve_source(gold_path, gold["doc"]))
    items = extract(doc, model=model)
    return score_items(items, gold["items"], name=gold_path.name.removesuffix(".gold.json"))
