"""Sentences and tokens. speechkit owns its jieba ``Tokenizer`` (never the process-wide one) with a
policy-domain user dictionary (``data/userdict.txt``), built lazily once; a spaCy ``Language`` (blank
``zh`` with that tokenizer) serves later stages that want spaCy ``Doc`` objects (``pip install
'speechkit[nlp]'``).
"""

from __future__ import annotations

import functools
import re
from importlib import resources
from typing import TYPE_CHECKING, Any

from .document import Span
from .errors import MissingDependencyError

if TYPE_CHECKING:
    import jieba
    from spacy.language import Language

_SENT_RE = re.compile(r"[^。！？!?\n]+(?:[。！？!?…]+[”’」』）]?|$)|[。！？!?]+")


def sentence_spans(text: str) -> list[Span]:
    """Sentence spans of a canonical text: ends at 。！？ (with a closing quote) and at line breaks.

    >>> t = "一是考核成绩差。得分偏低！\\n二是推进效率慢"
    >>> [t[s.start:s.end] for s in sentence_spans(t)]
    ['一是考核成绩差。', '得分偏低！', '二是推进效率慢']
    """
    out = []
    for m in _SENT_RE.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append(Span(s, e))
    return out


@functools.cache
def tokenizer() -> jieba.Tokenizer:
    """speechkit's own jieba Tokenizer with the policy dictionary loaded (built once, on first use).

    >>> "招商引资" in tokenizer().lcut("抓实招商引资工作")
    True
    """
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    path = resources.files("speechkit") / "data" / "userdict.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split()
        word = parts[0]
        freq = int(parts[1]) if len(parts) > 1 else None
        tag = parts[2] if len(parts) > 2 else None
        tk.add_word(word, freq, tag)
    return tk


def tokens(text: str) -> list[tuple[str, int, int]]:
    """Tokens with character offsets: ``(word, start, end)``.

    >>> tokens("抓实招商引资")
    [('抓实', 0, 2), ('招商引资', 2, 6)]
    """
    return [(w, s, e) for w, s, e in tokenizer().tokenize(text)]


class _JiebaSpacyTokenizer:
    """A spaCy tokenizer callable over speechkit's jieba Tokenizer."""

    def __init__(self, vocab: Any) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Any:
        from spacy.tokens import Doc

        words: list[str] = []
        spaces: list[bool] = []
        for w, _s, _e in tokenizer().tokenize(text):
            if w == " " and words and not spaces[-1]:
                spaces[-1] = True  # one plain space folds into the token before; any other stays a token
                continue
            words.append(w)
            spaces.append(False)
        return Doc(self.vocab, words=words, spaces=spaces)


@functools.cache
def nlp() -> Language:
    """A blank Chinese spaCy pipeline whose tokenizer is speechkit's jieba Tokenizer.

    Needs spaCy: ``pip install 'speechkit[nlp]'``. Nothing is downloaded.

    >>> [t.text for t in nlp()("抓实招商引资")]  # doctest: +SKIP
    ['抓实', '招商引资']
    """
    try:
        import spacy
    except ImportError as exc:
        raise MissingDependencyError("spaCy is not installed: pip install 'speechkit[nlp]'") from exc
    lang = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
    lang.tokenizer = _JiebaSpacyTokenizer(lang.vocab)
    return lang
