"""Thin loaders for the legal ontology and mapping tables (data in factfinder/ontology/)."""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any


@functools.lru_cache(maxsize=None)
def _load(name: str) -> dict[str, Any]:
    return json.loads(resources.files("factfinder.ontology").joinpath(name).read_text(encoding="utf-8"))


def statute() -> dict[str, Any]:
    return _load("rome_statute.json")


def mapping_rules() -> dict[str, Any]:
    return _load("legal_mapping.json")


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
