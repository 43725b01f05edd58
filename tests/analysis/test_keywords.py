"""Keywords: the stop-word list, term filters, frequencies and TF-IDF (checked against scikit-learn)."""

from __future__ import annotations

import pickle

import jieba
import numpy as np
import pytest

from speechkit import from_text
from speechkit.analysis.keywords import TermFilter, default_stopwords, frequencies, terms, tfidf_keywords

SPEECH = (
    "同志们，我们要进一步抓实招商引资，切实优化营商环境。招商引资是一把手工程，"
    "各级领导干部要亲自抓招商引资。2025年新签约项目30个。"
)


def test_the_stopword_list_holds_policy_filler() -> None:
    stop = default_stopwords()
    assert {"同志们", "我们", "要", "进一步", "切实", "的", "一是"} <= stop
    assert "招商引资" not in stop and "营商环境" not in stop


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("同志们，招商引资", "同志"),  # jieba cuts 同志们 into 同志 + 们: the phrase still goes as a whole
        ("我们要进一步抓实招商引资", "进一步"),
        ("切实优化营商环境", "切实"),
        ("新签约项目30个", "30"),
        ("把招商引资作为重中之重", "把"),
    ],
    ids=["phrase", "filler", "adverb", "number", "single-char"],
)
def test_filler_numbers_and_single_characters_are_no_terms(text: str, absent: str) -> None:
    words = [w for w, _s, _e in terms(text)]
    assert absent not in words
    assert any(w in words for w in ("招商引资", "营商环境", "新签约", "重中之重"))


def test_terms_point_into_the_text() -> None:
    for w, s, e in terms(SPEECH):
        assert SPEECH[s:e] == w


def test_numbers_and_single_characters_on_request() -> None:
    assert "2025" not in TermFilter()(SPEECH)
    assert "2025" in TermFilter(numbers=True)(SPEECH)
    assert "抓" not in TermFilter()(SPEECH)  # 抓 is a stop word too; 年 a single character
    assert "年" in TermFilter(min_len=1)(SPEECH)
    assert "十个" not in TermFilter()("抓好十个重点项目")


def test_own_stopwords_replace_the_list() -> None:
    assert "我们" in terms("我们抓实招商引资", stopwords=())[0]
    assert [w for w, *_ in terms("抓实招商引资", stopwords={"招商引资"})] == ["抓实"]


def test_pos_filter_keeps_nouns_only() -> None:
    plain = TermFilter()("持续优化营商环境")
    nouns = TermFilter(pos=frozenset({"n"}))("持续优化营商环境")
    assert "优化" in plain and "优化" not in nouns
    assert "营商环境" in nouns


def test_the_process_wide_jieba_is_untouched() -> None:
    frequencies(SPEECH)
    TermFilter(pos=frozenset({"n"}))(SPEECH)
    if jieba.dt.initialized:
        assert "挂图作战" not in jieba.dt.FREQ  # a word only speechkit's dictionary has
    assert jieba.dt.user_word_tag_tab.get("招商引资") is None


def test_frequencies_over_all_documents() -> None:
    f = frequencies([SPEECH, "招商引资要见实效。"], top=3)
    assert list(f.columns) == ["rank", "word", "count", "docs", "share"]
    top = f.iloc[0]
    assert (top.word, top["count"], top.docs) == ("招商引资", 4, 2)
    assert f["rank"].tolist() == [1, 2, 3]
    assert f["count"].is_monotonic_decreasing
    assert 0 < f["share"].sum() <= 1


def test_frequencies_by_document() -> None:
    docs = [
        from_text(SPEECH, source="a.txt"),
        from_text("营商环境是生产力。营商环境要优化。", source="b.txt"),
    ]
    f = frequencies(docs, top=2, by_doc=True)
    assert f["path"].tolist() == ["a.txt", "a.txt", "b.txt", "b.txt"]
    assert f.groupby("path")["share"].max()["b.txt"] > 0
    assert f[f.path == "b.txt"].iloc[0].word == "营商环境"
    assert len(frequencies(docs, top=None, by_doc=True)) > len(f)


def test_tfidf_matches_scikit_learn() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [SPEECH, "营商环境是生产力。营商环境要优化，服务要提速。", "招商引资要见实效，项目要落地。"]
    kw = tfidf_keywords(texts, top=None)
    vec = TfidfVectorizer(analyzer=TermFilter(), lowercase=False, sublinear_tf=True)
    m = vec.fit_transform(texts).toarray()
    vocab = vec.vocabulary_
    for row in kw.itertuples():
        i = int(row.path.lstrip("#"))
        assert row.score == pytest.approx(m[i, vocab[row.word]])
    assert len(kw) == int(np.count_nonzero(m))


def test_tfidf_prefers_what_only_one_document_says() -> None:
    kw = tfidf_keywords(["招商引资要提速。", "招商引资要见效。"], top=1)
    assert kw["word"].tolist() == ["提速", "见效"]
    assert list(kw.columns) == ["path", "rank", "word", "score", "count"]


def test_tfidf_without_terms_is_empty() -> None:
    assert tfidf_keywords(["我们要。", "同志们！"]).empty


def test_the_analyzer_pickles() -> None:
    filt = TermFilter(numbers=True, pos=frozenset({"n"}))
    assert pickle.loads(pickle.dumps(filt)) == filt


def test_keywords_of_a_real_report(shared_dir) -> None:  # type: ignore[no-untyped-def]
    path = shared_dir / "corpora" / "reports" / "hailar_district_gwr_2018.txt"
    if not path.exists():
        pytest.skip("../shared is absent")
    import speechkit

    f = frequencies(speechkit.read(path), top=30)
    stop = default_stopwords()
    assert len(f) == 30
    assert not set(f["word"]) & stop
    assert all(len(w) >= 2 for w in f["word"])
