"""Cue lexicons (``data/cues/*.txt``), compiled once into one regex per kind, matched on characters.

Segmentation would break many cues (抓实 in 抓实招商引资, 不到位), so cues match the raw characters.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

from ..errors import RuleFileError
from .numbers import _trie_regex


@dataclass(frozen=True)
class Lexicon:
    """A weighted cue list: ``score(text)`` sums the weights of every cue occurrence.

    >>> lex = Lexicon("demo", {"不足": 2.0, "滞后": 2.0})
    >>> lex.score("存在三个不足，进度滞后")
    4.0
    """

    name: str
    weights: dict[str, float]

    @functools.cached_property
    def pattern(self) -> re.Pattern[str]:
        """Any cue, the longest where several begin at one place (as a trie: one step per character
        instead of one try per cue)."""
        return re.compile(_trie_regex(self.weights)) if self.weights else re.compile("(?!)")

    def score(self, text: str) -> float:
        return float(sum(self.weights[m.group(0)] for m in self.pattern.finditer(text)))

    def count(self, text: str) -> int:
        return sum(1 for _ in self.pattern.finditer(text))

    def first(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text)


@functools.cache
def lexicon(name: str) -> Lexicon:
    """Load ``data/cues/NAME.txt`` (``word<TAB>weight`` lines; ``#`` comments).

    Raises :class:`~speechkit.errors.RuleFileError` with file:line on a malformed line.
    """
    path = resources.files("speechkit") / "data" / "cues" / f"{name}.txt"
    weights: dict[str, float] = {}
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        word, _, weight = line.partition("\t")
        try:
            weights[word.strip()] = float(weight) if weight.strip() else 1.0
        except ValueError as exc:
            raise RuleFileError(f"cues/{name}.txt:{lineno}: weight {weight!r} is not a number") from exc
    return Lexicon(name, weights)


@functools.cache
def combined(names: tuple[str, ...]) -> tuple[re.Pattern[str], dict[str, tuple[float, ...]]]:
    """One pattern for several lexicons (longest cue first) and each cue's weight in each of them."""
    weights: dict[str, list[float]] = {}
    for k, name in enumerate(names):
        for word, w in lexicon(name).weights.items():
            weights.setdefault(word, [0.0] * len(names))[k] = w
    return re.compile(_trie_regex(weights)), {w: tuple(v) for w, v in weights.items()}


def scores(text: str, names: tuple[str, ...] = ("task", "problem", "target")) -> list[float]:
    """The scores of several lexicons in one pass over ``text`` (the longest cue of any of them wins at a place).

    >>> scores("确保完成任务，解决不足")
    [1.0, 2.0, 2.5]
    """
    pattern, weights = combined(names)
    out = [0.0] * len(names)
    for m in pattern.finditer(text):
        for k, w in enumerate(weights[m.group(0)]):
            out[k] += w
    return out
