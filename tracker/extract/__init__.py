"""Extraction: forward-looking events and commitments from an article, with who, what, when, where.

`extract_items(doc)` is the entry point; see `core` for the pipeline.
"""
from __future__ import annotations

from .core import extract_items

__all__ = ["extract_items"]
