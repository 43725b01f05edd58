"""Extraction: candidates (units, sentences, clauses) → kinds (model) → items with attributes (rules)."""

from __future__ import annotations

from .items import KINDS, Item
from .pipeline import extract

__all__ = ["KINDS", "Item", "extract"]
