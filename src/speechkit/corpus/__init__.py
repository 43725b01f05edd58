"""Corpus scale: many documents as DataFrames, batch runs on all cores or on Dask.

``Corpus`` (a folder, glob, zip or list → documents and items DataFrames) is re-exported lazily, so
``import speechkit`` stays cheap; the batch machinery lives in :mod:`speechkit.corpus.batch`.
"""

from __future__ import annotations

from typing import Any

__all__ = ["Corpus"]


def __getattr__(name: str) -> Any:
    if name == "Corpus":
        from speechkit.corpus.corpus import Corpus

        return Corpus
    raise AttributeError(name)
