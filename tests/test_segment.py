"""segment: sentence spans, token offsets, our own jieba Tokenizer, the spaCy pipeline on top."""

from __future__ import annotations

from itertools import pairwise

import pytest

from speechkit.segment import sentence_spans, tokenizer, tokens


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        pytest.param(
            "一是考核成绩差。得分偏低！\n二是推进效率慢",
            ["一是考核成绩差。", "得分偏低！", "二是推进效率慢"],
            id="marks-and-line-break",
        ),
        pytest.param(
            "他说：“要抓落实。”然后走了。", ["他说：“要抓落实。”", "然后走了。"], id="closing-quote-stays"
        ),
        pytest.param("真的吗？！是的……好", ["真的吗？！", "是的……好"], id="mark-runs-ellipsis-inside"),
        pytest.param("  第一段。\n\n  第二段？  ", ["第一段。", "第二段？"], id="whitespace-trimmed"),
        pytest.param("增长5.5%。到2025年", ["增长5.5%。", "到2025年"], id="decimal-point-no-break"),
        pytest.param("", [], id="empty"),
        pytest.param("\n \n", [], id="blank"),
        pytest.param("。。", ["。。"], id="marks-only"),
    ],
)
def test_sentence_spans(text: str, sentences: list[str]) -> None:
    spans = sentence_spans(text)
    assert [text[s.start : s.end] for s in spans] == sentences
    assert all(a.end <= b.start for a, b in pairwise(spans))


@pytest.mark.parametrize(
    ("text", "words"),
    [
        pytest.param("抓实招商引资", ["抓实", "招商引资"], id="userdict-word"),
        pytest.param("优化营商环境", ["优化", "营商环境"], id="userdict-yingshang"),
        pytest.param("倒排工期、挂图作战", ["倒排工期", "、", "挂图作战"], id="userdict-verbs"),
        pytest.param("增长 5.5%\n好", None, id="mixed-with-space-and-newline"),
    ],
)
def test_tokens_cover_text_with_offsets(text: str, words: list[str] | None) -> None:
    toks = tokens(text)
    assert "".join(w for w, _s, _e in toks) == text
    pos = 0
    for w, s, e in toks:
        assert (s, e) == (pos, pos + len(w))
        assert text[s:e] == w
        pos = e
    if words is not None:
        assert [w for w, _s, _e in toks] == words


def test_own_tokenizer_is_built_once_and_is_not_jieba_dt() -> None:
    import jieba

    assert tokenizer() is tokenizer()
    assert tokenizer() is not jieba.dt


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        pytest.param("优化营商环境", "营商环境", id="yingshang-huanjing"),
        pytest.param("协议引资额太小", "协议引资额", id="xieyi-yinzi-e"),
        pytest.param("细化任务分解表", "任务分解表", id="renwu-fenjiebiao"),
    ],
)
def test_user_dictionary_does_not_leak_into_jieba_dt(sentence: str, word: str) -> None:
    import jieba

    assert word in tokenizer().lcut(sentence)  # our tokenizer knows the word, built first
    assert word not in jieba.lcut(sentence)  # the process-wide one does not …
    assert not jieba.dt.FREQ.get(word)  # … not even in its dictionary (prefixes are stored with 0)
    assert word in tokenizer().lcut(sentence)  # and building jieba.dt did not change ours


def test_spacy_pipeline_uses_our_tokenizer() -> None:
    pytest.importorskip("spacy")
    from speechkit.segment import nlp

    text = "抓实招商引资工作，优化营商环境。"
    doc = nlp()(text)
    assert [t.text for t in doc] == [w for w, _s, _e in tokens(text)]
    assert doc.text == text
    assert [t.idx for t in doc] == [s for _w, s, _e in tokens(text)]
    assert nlp() is nlp()


def test_spacy_single_space_becomes_trailing_whitespace() -> None:
    pytest.importorskip("spacy")
    from speechkit.segment import nlp

    doc = nlp()("要坚持 GDP 导向")
    assert doc.text == "要坚持 GDP 导向"
    assert " " not in [t.text for t in doc]


@pytest.mark.parametrize(
    "text", ["一、总体要求\n要坚持问题导向。", "GDP  增长5%"], ids=["newline", "double-space"]
)
def test_spacy_doc_text_is_the_canonical_text(text: str) -> None:
    pytest.importorskip("spacy")
    from speechkit.segment import nlp

    doc = nlp()(text)
    assert doc.text == text
    assert all(text[t.idx : t.idx + len(t.text)] == t.text for t in doc)
