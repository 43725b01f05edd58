"""Keywords of speeches and reports: term frequencies and TF-IDF keywords per document.

Terms are tokens of speechkit's own jieba ``Tokenizer`` with the policy user dictionary
(:mod:`speechkit.segment`; the process-wide ``jieba.dt`` is never touched), filtered by

- a stop-word list for policy speech (``data/stopwords.txt``: function words and the filler of 讲话 and
  工作报告 — 同志们, 我们, 要, 进一步, 切实 …); a phrase jieba splits (同志们 → 同志 + 们) still goes as a
  whole, because up to four neighbouring tokens are joined to look it up;
- length: single characters go unless ``min_len=1``;
- numbers: pure numbers (``296``, ``9.1%``, ``二〇二五``, and counts like ``十个``, ``五年``) go unless ``numbers=True``;
- optionally part of speech: ``pos={"n", "v"}`` keeps tokens whose jieba tag starts with one of the given
  prefixes (tagging costs about four times the plain segmentation, so it is off by default).

>>> frequencies("同志们，我们要抓实招商引资，切实优化营商环境。招商引资是一把手工程。", top=3)
   rank  word  count  docs     share
0     1  招商引资      2     1  0.333333
1     2    优化      1     1  0.166667
2     3  营商环境      1     1  0.166667
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

from ..errors import RuleFileError
from ._common import DocsLike, as_documents, doc_label

if TYPE_CHECKING:
    import pandas as pd

_NUMBER_RE = re.compile(
    r"[0-9.,%‰+\-−]*[0-9][0-9.,%‰]*"  # 296, 9.1%, 2,500
    r"|[零〇一二三四五六七八九十百千万亿两几点]+[个项家条座所批次年月日天人名位种类]?"  # 二〇二五, 十个, 五年
)
_MAX_PHRASE_TOKENS = 4


@functools.cache
def default_stopwords() -> frozenset[str]:
    """The stop words shipped with speechkit (``data/stopwords.txt``), loaded once.

    >>> {"同志们", "进一步", "切实"} <= default_stopwords()
    True
    """
    path = resources.files("speechkit") / "data" / "stopwords.txt"
    words: set[str] = set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.split("#", 1)[0]
        for w in line.split():
            if not any(unicodedata.category(c)[0] in "LN" for c in w):
                raise RuleFileError(f"{path.name}:{n}: {w!r} is no word")
            words.add(unicodedata.normalize("NFKC", w))
    return frozenset(words)


@functools.cache
def _pos_tokenizer():  # type: ignore[no-untyped-def]
    import jieba.posseg

    from ..segment import tokenizer

    return jieba.posseg.POSTokenizer(tokenizer())


def _is_number(word: str) -> bool:
    return _NUMBER_RE.fullmatch(word) is not None


@dataclass(frozen=True)
class TermFilter:
    """Which tokens count as terms; calling it on a text gives the terms (a TF-IDF analyzer).

    ``stopwords=None`` uses :func:`default_stopwords`; ``pos`` keeps only tokens whose jieba POS tag
    starts with one of its prefixes (``None``: no tagging).

    >>> TermFilter()("切实抓好2025年重点项目建设")
    ['重点项目', '建设']
    >>> TermFilter(numbers=True, min_len=1)("切实抓好2025年重点项目建设")
    ['2025', '年', '重点项目', '建设']
    """

    min_len: int = 2
    numbers: bool = False
    stopwords: frozenset[str] | None = None
    pos: frozenset[str] | None = None

    def __call__(self, text: str) -> list[str]:
        return [w for w, _s, _e in self.terms(text)]

    def terms(self, text: str) -> list[tuple[str, int, int]]:
        """Terms with offsets into ``text``: ``(word, start, end)``."""
        stop = default_stopwords() if self.stopwords is None else self.stopwords
        toks = _tagged(text) if self.pos is not None else [(w, s, e, "") for w, s, e in _plain(text)]
        starts = _phrase_starts(stop)
        pos_prefixes = tuple(self.pos or ())
        out = []
        i = 0
        while i < len(toks):
            word, s, e, tag = toks[i]
            if word in starts:
                n = _phrase_length(toks, i, stop)
                if n:
                    i += n
                    continue
            i += 1
            word = unicodedata.normalize("NFKC", word)
            if _is_number(word):
                if self.numbers:
                    out.append((word, s, e))
                continue
            if (
                len(word) < self.min_len
                or word in stop
                or not any(unicodedata.category(c)[0] == "L" for c in word)
                or (self.pos is not None and not tag.startswith(pos_prefixes))
            ):
                continue
            out.append((word, s, e))
        return out


def _phrase_length(toks: list[tuple[str, int, int, str]], i: int, stop: frozenset[str]) -> int:
    """How many tokens from ``i`` on join into a stop phrase (2 to 4), or 0."""
    for n in range(min(_MAX_PHRASE_TOKENS, len(toks) - i), 1, -1):
        if "".join(t[0] for t in toks[i : i + n]) in stop:
            return n
    return 0


@functools.lru_cache(maxsize=8)
def _phrase_starts(stop: frozenset[str]) -> frozenset[str]:
    """Every proper prefix of a stop word: a token that may begin a phrase jieba splits."""
    return frozenset(w[:k] for w in stop for k in range(1, len(w)))


def _plain(text: str) -> list[tuple[str, int, int]]:
    from ..segment import tokens

    return tokens(text)


def _tagged(text: str) -> list[tuple[str, int, int, str]]:
    out = []
    pos = 0
    for pair in _pos_tokenizer().cut(text):
        out.append((pair.word, pos, pos + len(pair.word), pair.flag))
        pos += len(pair.word)
    return out


def _filter(
    min_len: int, numbers: bool, stopwords: Collection[str] | None, pos: Collection[str] | None
) -> TermFilter:
    return TermFilter(
        min_len=min_len,
        numbers=numbers,
        stopwords=None
        if stopwords is None
        else frozenset(unicodedata.normalize("NFKC", w) for w in stopwords),
        pos=None if pos is None else frozenset(pos),
    )


def terms(
    text: str,
    *,
    min_len: int = 2,
    numbers: bool = False,
    stopwords: Collection[str] | None = None,
    pos: Collection[str] | None = None,
) -> list[tuple[str, int, int]]:
    """The terms of ``text`` with offsets, as :func:`frequencies` counts them.

    >>> terms("进一步优化营商环境")
    [('优化', 3, 5), ('营商环境', 5, 9)]
    """
    return _filter(min_len, numbers, stopwords, pos).terms(text)


def frequencies(
    doc_or_docs: DocsLike,
    top: int | None = 20,
    *,
    by_doc: bool = False,
    min_len: int = 2,
    numbers: bool = False,
    stopwords: Collection[str] | None = None,
    pos: Collection[str] | None = None,
) -> pd.DataFrame:
    """The ``top`` most frequent terms (all with ``top=None``).

    Over all documents together: columns ``rank, word, count, docs`` (how many documents use it) and
    ``share`` (of all terms counted). With ``by_doc=True`` one ranking per document: ``path, rank, word,
    count, share``. Ties keep the order of first use.

    >>> f = frequencies(["抓实招商引资。", "招商引资要提速，营商环境要优化。"], top=2)
    >>> f[["word", "count", "docs"]].values.tolist()
    [['招商引资', 2, 2], ['提速', 1, 1]]
    >>> frequencies(["抓实招商引资。", "优化营商环境。"], top=1, by_doc=True)[["path", "word"]].values.tolist()
    [['#0', '招商引资'], ['#1', '优化']]
    """
    import pandas as pd

    filt = _filter(min_len, numbers, stopwords, pos)
    docs = as_documents(doc_or_docs)
    counts = [Counter(filt(d.text)) for d in docs]
    if by_doc:
        rows = []
        for i, (d, c) in enumerate(zip(docs, counts)):
            total = sum(c.values())
            for rank, (w, n) in enumerate(c.most_common(top), 1):
                rows.append((doc_label(d, i), rank, w, n, n / total))
        return pd.DataFrame(rows, columns=["path", "rank", "word", "count", "share"])
    allc: Counter[str] = Counter()
    dfreq: Counter[str] = Counter()
    for c in counts:
        allc.update(c)
        dfreq.update(c.keys())
    total = sum(allc.values())
    rows2 = [(rank, w, n, dfreq[w], n / total) for rank, (w, n) in enumerate(allc.most_common(top), 1)]
    return pd.DataFrame(rows2, columns=["rank", "word", "count", "docs", "share"])


def tfidf_keywords(
    docs: DocsLike,
    top: int | None = 10,
    *,
    min_len: int = 2,
    numbers: bool = False,
    stopwords: Collection[str] | None = None,
    pos: Collection[str] | None = None,
) -> pd.DataFrame:
    """TF-IDF keywords, ``top`` per document: one row per document × keyword with columns ``path, rank,
    word, score, count``.

    The IDF is fitted on the documents given (scikit-learn's ``TfidfVectorizer`` defaults: raw term
    counts, smooth idf ``ln((1+n)/(1+df)) + 1``, rows l2-normalised), the terms are those of
    :func:`frequencies`. A term every document uses ranks below one only this document uses; ties keep
    the order of first use.

    >>> kw = tfidf_keywords(["招商引资要提速。", "招商引资要见效，营商环境要优化。"], top=2)
    >>> kw[["path", "word"]].values.tolist()
    [['#0', '提速'], ['#0', '招商引资'], ['#1', '见效'], ['#1', '营商环境']]
    """
    import numpy as np
    import pandas as pd
    from scipy.sparse import csr_matrix
    from sklearn.feature_extraction.text import TfidfTransformer

    filt = _filter(min_len, numbers, stopwords, pos)
    documents = as_documents(docs)
    columns = ["path", "rank", "word", "score", "count"]
    # Counts by hand (one segmentation pass, terms in order of first use), weights by scikit-learn:
    # CountVectorizer + TfidfTransformer is TfidfVectorizer
    counts = [Counter(filt(d.text)) for d in documents]  # Counter keeps first-use order
    vocab: dict[str, int] = {}
    rows_i, cols_j, data = [], [], []
    for i, c in enumerate(counts):
        for w, n in c.items():
            rows_i.append(i)
            cols_j.append(vocab.setdefault(w, len(vocab)))
            data.append(n)
    if not vocab:
        return pd.DataFrame([], columns=columns)
    tf = csr_matrix((np.array(data, dtype=float), (rows_i, cols_j)), shape=(len(documents), len(vocab)))
    weights = TfidfTransformer(sublinear_tf=True).fit_transform(tf).tocsr()
    words = list(vocab)
    rows = []
    for i, (d, c) in enumerate(zip(documents, counts)):
        score = {words[j]: float(v) for j, v in zip(weights.getrow(i).indices, weights.getrow(i).data)}
        ranked = sorted(c, key=lambda w: -score[w])  # stable: ties keep the order of first use
        for rank, w in enumerate(ranked[:top] if top is not None else ranked, 1):
            rows.append((doc_label(d, i), rank, w, score[w], c[w]))
    return pd.DataFrame(rows, columns=columns)
