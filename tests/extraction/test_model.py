"""The model's numpy inference: the n-gram hash table and the sparse scores against plain forms."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from speechkit.extraction.features import char_ngrams
from speechkit.extraction.model import Head, KeyTable

_KEYS = st.integers(1, 2**63 - 1)


@settings(max_examples=200, deadline=None)
@given(st.sets(_KEYS, min_size=1, max_size=3000), st.lists(_KEYS, max_size=200), st.randoms())
def test_key_table_is_a_dict(keys: set[int], others: list[int], rnd: object) -> None:
    # thousands of keys in a table of 4× their number: first slots collide, probes run on
    table = dict(zip(sorted(keys), range(len(keys))))
    t = KeyTable(np.array(list(table), dtype=np.uint64), np.array(list(table.values()), dtype=np.int64))
    queries = list(table) + others
    rnd.shuffle(queries)  # type: ignore[attr-defined]
    got = t.lookup(np.array(queries, dtype=np.uint64)).tolist()
    assert got == [table.get(k, -1) for k in queries]


def _dense_scores(head: Head, records: list[str], dense: np.ndarray) -> np.ndarray:
    """The scores as scikit-learn computes them: a tf-idf row (sublinear tf, l2) per record, dotted."""
    n_vocab = len(head.vocab_)
    x = np.zeros((len(records), n_vocab))
    for r, record in enumerate(records):
        for gram in char_ngrams(record):
            if gram in head.vocab_:
                x[r, head.vocab_[gram]] += 1
    x = np.where(x > 0, 1.0 + np.log(np.where(x > 0, x, 1.0)), 0.0) * head.idf_
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    x = x / np.where(norms > 0, norms, 1.0)
    return (
        x @ head.coef_[:, :n_vocab].T
        + dense @ (head.coef_[:, n_vocab:] * head.dense_weight).T
        + head.intercept_
    )


_RECORD = st.text(st.sampled_from("要加强项目不足问题确保\x00"), max_size=40)


@settings(max_examples=100, deadline=None)
@given(st.lists(_RECORD, min_size=1, max_size=8), st.integers(1, 4))
def test_sparse_scores_are_the_dense_tf_idf_product(records: list[str], n_classes: int) -> None:
    vocab = ["要", "加", "强", "项目", "不足", "问题", "确保", "要加强", "@项目", "^要加", "目不"]
    rng = np.random.default_rng(len(records) * 7 + n_classes)
    n_dense = 3
    head = Head(
        classes_=[f"c{k}" for k in range(max(n_classes, 2))],
        vocab_={g: i for i, g in enumerate(vocab)},
        idf_=rng.uniform(1.0, 3.0, len(vocab)),
        coef_=rng.normal(size=(n_classes, len(vocab) + n_dense)),
        intercept_=rng.normal(size=n_classes),
        dense_weight=0.5,
    )
    dense = rng.uniform(0.0, 1.0, (len(records), n_dense))
    assert np.allclose(head._scores(records, dense), _dense_scores(head, records, dense))
