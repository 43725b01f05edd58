"""Analyses researchers run over documents and corpora: keywords, concordance, series, comparisons.

- :mod:`~speechkit.analysis.keywords`: term frequencies and TF-IDF keywords (speechkit's jieba, a policy
  stop-word list);
- :mod:`~speechkit.analysis.kwic`: keyword in context with offsets and outline sections;
- :mod:`~speechkit.analysis.series`: quantified targets across a series of reports, indicator names
  normalised, and the indicator × year pivot;
- :mod:`~speechkit.analysis.compare`: items new, kept, dropped and changed between two documents.

Every result is a pandas DataFrame (or a :class:`Comparison` with a ``.frame``) whose offsets point into
each document's canonical text.
"""

from __future__ import annotations

from .compare import Comparison, compare
from .keywords import frequencies, tfidf_keywords
from .kwic import kwic
from .series import series_table, target_series

__all__ = [
    "Comparison",
    "compare",
    "frequencies",
    "kwic",
    "series_table",
    "target_series",
    "tfidf_keywords",
]
