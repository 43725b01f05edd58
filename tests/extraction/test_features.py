"""Features: the vectorised n-gram keys are exactly the analyzer's n-grams; dense features per span."""

from __future__ import annotations

from collections import Counter

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from speechkit.extraction.features import (
    DENSE_SIZE,
    ROLES,
    Spec,
    char_ngrams,
    dense_matrix,
    gram_key,
    gram_keys,
)

# a record is a candidate's text, then \x00 and its context (no \x00 in either: it never occurs in text)
_TEXT = st.text(st.sampled_from("要加强项目不足问题确保年底前完成。，、：“”12%\x01\x02"), max_size=200)
_RECORD = st.one_of(_TEXT, st.builds(lambda a, b: a + "\x00" + b, _TEXT, _TEXT))


@settings(max_examples=200, deadline=None)
@given(st.lists(_RECORD, min_size=1, max_size=6))
def test_gram_keys_match_the_analyzer(records: list[str]) -> None:
    rows, keys = gram_keys(records)
    for r, record in enumerate(records):
        want = Counter(gram_key(g) for g in char_ngrams(record))
        got = Counter(keys[rows == r].tolist())
        assert got == want


def test_dense_counts_cues_inside_each_span() -> None:
    t = "存在三个不足：一是项目少。二是要加快进度，确保年底前完成。"
    a, b = t.index("一是"), t.index("二是")
    c, d = b, len(t)
    m = dense_matrix(t, [Spec(a, b, 0, a, "sentence", 2), Spec(c, d, 0, c, "point", 1)], genre="speech")
    assert m.shape == (2, DENSE_SIZE)
    assert m[0, ROLES.index("sentence")] == 1.0 and m[1, ROLES.index("point")] == 1.0
    base = len(ROLES) + 3
    announce_ctx, year_ahead, yao = base + 9, base + 13, base + 7
    assert m[0, announce_ctx] == 1.0  # 存在三个不足 announces the first point
    assert m[1, year_ahead] == 1.0 and m[0, year_ahead] == 0.0  # 确保/年底 only in the second
    assert m[1, yao] > 0 and m[0, yao] == 0


def test_empty_spec_list() -> None:
    assert dense_matrix("文本", [], genre=None).shape == (0, DENSE_SIZE)
    assert np.all(dense_matrix("文本", [Spec(0, 2, 0, 0, "chunk", 0)], genre=None)[:, :6].sum(axis=1) == 1)
