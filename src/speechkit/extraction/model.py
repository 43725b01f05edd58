"""The trained kind model: linear heads over character n-grams and cue features.

Training uses scikit-learn (``TfidfVectorizer`` with the module-level analyzer
:func:`~speechkit.extraction.features.char_ngrams`, ``LogisticRegression``); the result is exported to a
small JSON file (vocabulary, idf, coefficients) that inference reads with numpy alone. So extraction never
imports scikit-learn, loads no pickle, and the shipped model is a reviewable, versioned text file with
its training data's hash and scores beside it.
"""

from __future__ import annotations

import functools
import gzip
import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelError
from .features import char_ngrams, gram_key, gram_keys

SCHEMA = "speechkit-model/1"
DEFAULT_MODEL = "model.json.gz"


class KeyTable:
    """An open-addressing hash table from n-gram keys to vocabulary columns, looked up with numpy.

    Sized at 4× the vocabulary with 32-bit values: most lookups end at their first slot, and the table is
    small enough to stay in the processor's cache, which counts for more than the few further probes
    (the millions of n-grams of a corpus are looked up in random order).

    >>> t = KeyTable(np.array([5, 7], dtype=np.uint64), np.array([0, 1]))
    >>> t.lookup(np.array([7, 6, 5], dtype=np.uint64)).tolist()
    [1, -1, 0]
    """

    _MUL = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing

    def __init__(self, keys: np.ndarray, values: np.ndarray) -> None:
        bits = max(10, int(len(keys) * 4).bit_length())
        self._mask = (1 << bits) - 1
        self._shift = np.uint64(64 - bits)
        self.keys = np.zeros(1 << bits, dtype=np.uint64)  # 0 marks an empty slot: no key is 0
        self.values = np.full(1 << bits, -1, dtype=np.int32)
        slot = self._slot(keys)
        pending = np.arange(len(keys))
        while len(pending):
            s = slot[pending]
            free = self.keys[s] == 0
            # of the keys aiming at one free slot, the first takes it; the rest probe on
            _, first = np.unique(s[free], return_index=True)
            placed = pending[free][first]
            self.keys[slot[placed]] = keys[placed]
            self.values[slot[placed]] = values[placed]
            pending = np.setdiff1d(pending, placed, assume_unique=True)
            slot[pending] = (slot[pending] + 1) & self._mask

    def _slot(self, keys: np.ndarray) -> np.ndarray:
        return ((keys * self._MUL) >> self._shift).astype(np.int64)

    def lookup(self, keys: np.ndarray) -> np.ndarray:
        """The value of every key, ``-1`` where the key is not in the table."""
        slot = self._slot(keys)
        # the first probe for all keys at once: nearly every key ends there, at itself or an empty slot
        found = np.take(self.keys, slot)
        hit = found == keys
        out = np.where(hit, np.take(self.values, slot), -1)
        # further probes only for the few keys whose slot holds another key
        todo = np.flatnonzero(~hit & (found != 0))
        slot = (slot[todo] + 1) & self._mask
        while len(todo):
            found = self.keys[slot]
            hit = found == keys[todo]
            out[todo[hit]] = self.values[slot[hit]]
            more = ~hit & (found != 0)
            todo, slot = todo[more], (slot[more] + 1) & self._mask
        return out


@dataclass
class Head:
    """One linear classifier: tf-idf (sublinear tf, l2) over n-grams, then dense features, then softmax.

    ``classes_`` name the outputs; ``vocab_`` maps n-grams to columns; ``coef_`` has one row per class
    (one row for a binary head, as scikit-learn stores it).
    """

    classes_: list[str]
    vocab_: dict[str, int]
    idf_: np.ndarray
    coef_: np.ndarray
    intercept_: np.ndarray
    dense_weight: float = 1.0

    def _scores(self, records: Sequence[str], dense: np.ndarray) -> np.ndarray:
        """Linear scores, computed sparsely in one vectorised pass over all records' n-grams."""
        n_vocab = len(self.vocab_)
        scores = dense @ (self.coef_[:, n_vocab:] * self.dense_weight).T + self.intercept_
        rows, keys = gram_keys(records)
        cols = self._columns.lookup(keys)
        known = cols >= 0
        if not known.any():
            return scores
        # (row, column) pairs → counts per pair; 32-bit keys where they fit sort twice as fast
        if len(records) * n_vocab < 2**31:
            key = rows[known].astype(np.int32) * np.int32(n_vocab) + cols[known]
        else:
            key = rows[known] * n_vocab + cols[known]
        uniq, cnt = np.unique(key, return_counts=True)
        r, c = np.divmod(uniq, n_vocab)
        vals = (1.0 + np.log(cnt)) * self.idf_[c]
        norms = np.sqrt(np.bincount(r, weights=vals * vals, minlength=len(records)))[r]
        vals /= np.where(norms > 0, norms, 1.0)
        for k in range(scores.shape[1]):
            scores[:, k] += np.bincount(r, weights=vals * self.coef_[k].take(c), minlength=len(records))
        return scores

    @functools.cached_property
    def _columns(self) -> KeyTable:
        return KeyTable(
            np.fromiter((gram_key(t) for t in self.vocab_), dtype=np.uint64, count=len(self.vocab_)),
            np.fromiter(self.vocab_.values(), dtype=np.int64, count=len(self.vocab_)),
        )

    def predict_proba(self, records: Sequence[str], dense: np.ndarray) -> np.ndarray:
        """Class probabilities, one row per record, columns in ``classes_`` order."""
        if not records:
            return np.zeros((0, len(self.classes_)))
        scores = self._scores(records, dense)
        if len(self.classes_) == 2 and scores.shape[1] == 1:
            p = 1.0 / (1.0 + np.exp(-scores[:, 0]))
            return np.column_stack([1.0 - p, p])
        scores -= scores.max(axis=1, keepdims=True)
        e = np.exp(scores)
        return e / e.sum(axis=1, keepdims=True)

    def to_json(self) -> dict[str, Any]:
        terms = sorted(self.vocab_, key=self.vocab_.__getitem__)
        return {
            "classes": self.classes_,
            "terms": terms,
            "idf": [round(float(x), 4) for x in self.idf_],
            "coef": [[round(float(x), 5) for x in row] for row in self.coef_],
            "intercept": [round(float(x), 5) for x in self.intercept_],
            "dense_weight": self.dense_weight,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Head:
        return cls(
            classes_=list(d["classes"]),
            vocab_={t: i for i, t in enumerate(d["terms"])},
            idf_=np.asarray(d["idf"], dtype=np.float64),
            coef_=np.asarray(d["coef"], dtype=np.float64),
            intercept_=np.asarray(d["intercept"], dtype=np.float64),
            dense_weight=float(d.get("dense_weight", 1.0)),
        )


def fit_head(
    records: Sequence[str],
    dense: np.ndarray,
    labels: Sequence[str],
    *,
    max_features: int = 12000,
    c: float = 4.0,
    dense_weight: float = 1.0,
    seed: int = 0,
    balanced: bool = True,
) -> Head:
    """Fit one head with scikit-learn (imported here only) and return its exported form."""
    try:
        from scipy import sparse
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError as exc:  # pragma: no cover - scikit-learn is a dependency
        raise ModelError("training needs scikit-learn: pip install scikit-learn") from exc
    vec = TfidfVectorizer(
        analyzer=char_ngrams, sublinear_tf=True, min_df=2, max_features=max_features, dtype=np.float64
    )
    x_text = vec.fit_transform(records)
    x = sparse.hstack([x_text, sparse.csr_matrix(dense * dense_weight)]).tocsr()
    clf = LogisticRegression(
        C=c, max_iter=3000, class_weight="balanced" if balanced else None, random_state=seed
    )
    clf.fit(x, list(labels))
    return Head(
        classes_=[str(k) for k in clf.classes_],
        vocab_={str(k): int(v) for k, v in vec.vocabulary_.items()},
        idf_=vec.idf_.astype(np.float64),
        coef_=clf.coef_.astype(np.float64),
        intercept_=clf.intercept_.astype(np.float64),
        dense_weight=dense_weight,
    )


@dataclass
class KindModel:
    """The three heads: ``unit`` (task/problem/target/none), ``sentence`` (problem/none), ``clause``
    (target/none), with the provenance written beside them."""

    heads: dict[str, Head]
    info: dict[str, Any]

    def save(self, path: str | Path) -> None:
        """Write the model as gzipped JSON (deterministic: sorted keys, fixed mtime)."""
        payload = {
            "schema": SCHEMA,
            "info": self.info,
            "heads": {k: h.to_json() for k, h in sorted(self.heads.items())},
        }
        data = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
        path = Path(path)
        tmp = path.with_suffix(path.suffix + ".tmp")
        with open(tmp, "wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0, filename="") as gz:
            gz.write(data)
        tmp.replace(path)

    @classmethod
    def load(cls, path: str | Path | None = None) -> KindModel:
        """Load a model file; ``None`` loads the one shipped in the package."""
        try:
            if path is None:
                raw = (resources.files("speechkit") / "data" / DEFAULT_MODEL).read_bytes()
                where = f"speechkit/data/{DEFAULT_MODEL}"
            else:
                raw = Path(path).read_bytes()
                where = str(path)
            payload = json.loads(gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw)
        except (OSError, ValueError, EOFError) as exc:
            raise ModelError(f"cannot load model {path or DEFAULT_MODEL}: {exc}") from exc
        if payload.get("schema") != SCHEMA:
            raise ModelError(f"{where}: schema {payload.get('schema')!r}, expected {SCHEMA!r}")
        return cls({k: Head.from_json(v) for k, v in payload["heads"].items()}, payload.get("info", {}))
