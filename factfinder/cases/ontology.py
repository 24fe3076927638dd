"""Thin loaders for the legal ontology and mapping tables (data in factfinder/ontology/)."""

from __future__ import annotations

import functools
from typing import Any

from ..ontology import load


def statute() -> dict[str, Any]:
    return load("rome_statute")


def mapping_rules() -> dict[str, Any]:
    return load("legal_mapping")


@functools.lru_cache(maxsize=1)
def elements() -> dict[str, dict[str, Any]]:
    """Element id -> entry with its group (contextual/acts/liability/jurisdiction/not_covered)."""
    out: dict[str, dict[str, Any]] = {}
    for group in ("contextual", "acts", "liability", "jurisdiction", "not_covered"):
        for entry in statute()[group]:
            out[entry["id"]] = {**entry, "group": group}
    return out


def title(element_id: str) -> str:
    e = elements()[element_id]
    return f"{e['article']} {e['label']}"
