"""Explicit configuration, passed down as one object (no module globals)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReadConfig:
    """Limits and switches for reading documents.

    ``max_bytes``: largest input file accepted (default 50 MB).
    ``max_inflated_bytes``: largest total uncompressed size of a .docx part set (zip bomb guard).
    ``max_compression_ratio``: a zip member inflating more than this many times its stored size is refused.
    """

    max_bytes: int = 50 * 1024 * 1024
    max_inflated_bytes: int = 200 * 1024 * 1024
    max_compression_ratio: float = 200.0


DEFAULT_READ_CONFIG = ReadConfig()
