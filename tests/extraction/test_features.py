"""Features: the vectorised n-gram keys are exactly the analyzer's n-grams; dense features per span."""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from speechkit.extraction.cues import combined, lexicon
from speechkit.extraction.features import (
    _COUNTED,
    _DIGITS,
    ANNOUNCE,
    DENSE_SIZE,
    ROLES,
    Spec,
    _char_counts,
    announces,
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


# ---------------------------------------------------------------------------------------------
# fast paths against the simple forms they replace: the same matches, the same values

_ANNOUNCE_REFERENCE = re.compile(
    r"(?:存在|有|表现在|体现在|包括|讲|谈|强调)(?:以下|如下|[一二三四五六七八九十几两\d]+(?:个|方面|点|类))[^。！？]{0,12}(?:不足|问题|短板|方面|差距|弱项|意见)?[。：:]?$|[：:]$"
)
_NUMBER_REFERENCE = re.compile(r"\d+|[一二三四五六七八九十百千万亿]+(?:个|项|所|座|条|户|万|亿)")
_ANNOUNCE_CHARS = "存在有表现体包括讲谈强调以下如下三十2个方面点类不足问题意见要。！：:\n，"
# random texts, and announcements with the longest tails the pattern allows (list word, 12 characters,
# a closing word, an end mark, a line break) after random text
_ANNOUNCE_TEXT = st.text(st.sampled_from(_ANNOUNCE_CHARS), max_size=60) | st.builds(
    lambda *parts: "".join(parts),
    st.text(st.sampled_from(_ANNOUNCE_CHARS), max_size=10),
    st.sampled_from(["存在", "有", "表现在", "包括", "强调"]),
    st.sampled_from(["以下", "如下", "三个", "十2方面", "两点", "几类"]),
    st.text(st.sampled_from("要加快项目，"), max_size=14)
    | st.text(st.sampled_from("要项，个下"), max_size=14),
    st.sampled_from(["", "不足", "方面", "意见"]),
    st.sampled_from(["", "。", "：", ":"]),
    st.sampled_from(["", "\n"]),
)


@settings(max_examples=300, deadline=None)
# the list word 17 characters before the end
@example("存在三个" + "要加快项目要加快项目，，" + "不足。\n", [(0, 20)])
@given(_ANNOUNCE_TEXT, st.lists(st.tuples(st.integers(0, 70), st.integers(0, 70)), min_size=1, max_size=8))
def test_announce_flags_are_the_pattern_searched_in_each_span(text: str, ends: list[tuple[int, int]]) -> None:
    spans = [(0, len(text))] + [tuple(sorted((min(i, len(text)), min(j, len(text))))) for i, j in ends]
    a = np.array([s for s, _ in spans], dtype=np.int64)
    b = np.array([e for _, e in spans], dtype=np.int64)
    want = [_ANNOUNCE_REFERENCE.search(text, s, e) is not None for s, e in spans]
    assert announces(text, a, b).tolist() == want
    assert [ANNOUNCE.search(text, s, e) is not None for s, e in spans] == want


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from("12３一二十百万亿个项户年要，"), max_size=40))
def test_number_patterns_give_the_reference_matches(text: str) -> None:
    got = sorted([m.span() for m in _DIGITS.finditer(text)] + [m.span() for m in _COUNTED.finditer(text)])
    assert got == [m.span() for m in _NUMBER_REFERENCE.finditer(text)]


@settings(max_examples=200, deadline=None)
@given(st.text(st.sampled_from("。！？要a\n"), max_size=40), st.sampled_from(["。！？", "要"]))
def test_char_counts_are_prefix_counts(text: str, chars: str) -> None:
    counts = _char_counts(np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32), chars)
    assert counts.tolist() == [float(sum(c in chars for c in text[:k])) for k in range(len(text) + 1)]


@pytest.mark.parametrize("names", [("task",), ("problem",), ("target",), ("review",), ("part_heading",)])
def test_cue_tries_match_like_the_longest_first_alternation(names: tuple[str, ...]) -> None:
    words = sorted(lexicon(names[0]).weights, key=len, reverse=True)
    reference = re.compile("|".join(map(re.escape, words)))
    chars = sorted({c for w in words for c in w})

    @settings(max_examples=200, deadline=None)
    @given(st.text(st.sampled_from(chars), max_size=40) | st.lists(st.sampled_from(words)).map("".join))
    def check(text: str) -> None:
        want = [m.span() for m in reference.finditer(text)]
        assert [m.span() for m in lexicon(names[0]).pattern.finditer(text)] == want

    check()


def test_combined_cues_match_like_the_longest_first_alternation() -> None:
    pattern, weights = combined(("task", "problem", "target"))
    words = sorted(weights, key=len, reverse=True)
    reference = re.compile("|".join(map(re.escape, words)))
    chars = sorted({c for w in words for c in w})

    @settings(max_examples=200, deadline=None)
    @given(st.text(st.sampled_from(chars), max_size=40) | st.lists(st.sampled_from(words)).map("".join))
    def check(text: str) -> None:
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in reference.finditer(text)]

    check()
