"""Ontologies and pattern tables as data files, read through one loader.

``load(name)`` reads ``factfinder/ontology/<name>.json`` (package data, via importlib.resources), checks
it against its declared schema (``schema.TABLES``) and caches it: every caller gets the same parsed
table, and a broken table fails with one ``OntologyError`` naming the file, the key path and the fix.
The returned tables are shared: callers must not mutate them.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

from ..errors import OntologyError
from .schema import TABLES

__all__ = ["OntologyError", "clear_cache", "load", "load_text", "names", "path_of", "word_set"]

_PACKAGE = "factfinder.ontology"


def path_of(name: str) -> str:
    """The table's file as shown in messages (relative to the repository)."""
    return f"factfinder/ontology/{_file(name)}"


def _file(name: str) -> str:
    return name if "." in name else f"{name}.json"


def names() -> list[str]:
    """Every declared table."""
    return sorted(TABLES)


def load_text(name: str) -> str:
    """A bundled non-JSON ontology file (the CAMEO→PLOVER crosswalk), as text."""
    try:
        return resources.files(_PACKAGE).joinpath(name).read_text(encoding="utf-8")
    except OSError as exc:
        raise OntologyError(f"{path_of(name)}: cannot read it ({exc}). Restore it from git or reinstall "
                            "factfinder.") from exc


def load(name: str) -> dict[str, Any]:
    """The table ``name`` (``"plover"`` or ``"plover.json"``), checked against its schema, loaded once."""
    return _load(name.removesuffix(".json"))


@functools.lru_cache(maxsize=None)
def word_set(name: str, key: str) -> frozenset[str]:
    """A word list of a table as a set, for membership tests in hot paths."""
    return frozenset(load(name)[key])


def clear_cache() -> None:
    """Forget loaded tables (tests that swap a table's text)."""
    _load.cache_clear()
    word_set.cache_clear()


@functools.lru_cache(maxsize=None)
def _load(stem: str) -> dict[str, Any]:
    schema = TABLES.get(stem)
    if schema is None:
        raise OntologyError(f"{path_of(stem)}: no such ontology table is declared (known: {', '.join(names())}). "
                            "Add its schema to factfinder/ontology/schema.py TABLES.")
    try:
        data = json.loads(load_text(_file(stem)))
    except ValueError as exc:
        raise OntologyError(f"{path_of(stem)}: not valid JSON ({exc}). Fix the syntax at that line.") from exc
    for where, expected, found in schema.problems(data, ""):
        what = "the required key is missing" if found == "nothing" else f"expected {expected}, found {found}"
        raise OntologyError(f"{path_of(stem)}: at {where or 'the top level'}: {what}. Fix the table, or if its "
                            f"shape changed on purpose, its schema in factfinder/ontology/schema.py TABLES[{stem!r}].")
    return data
