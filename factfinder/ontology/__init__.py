"""Ontologies and pattern tables as data files, read through one loader.

``load(name)`` reads ``factfinder/ontology/<name>.json`` (package data, via importlib.resources), checks
it against its declared schema (``schema.TABLES``) and caches it: every caller gets the same parsed
table, and a broken table fails with one ``OntologyError`` naming the file, the key path and the fix.
The returned tables are shared, so they are read-only all the way down (``ReadOnlyDict`` /
``ReadOnlyList``): a caller that tries to change one gets an ``OntologyError`` instead of silently
changing it for every stage. ``dict(table)``, ``list(words)`` or ``copy.deepcopy(table)`` give a
private copy to change.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any, NoReturn

from ..errors import OntologyError
from .schema import TABLES

__all__ = ["OntologyError", "ReadOnlyDict", "ReadOnlyList", "clear_cache", "load", "load_text", "names",
           "path_of", "word_set"]

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


def _refuse(where: str, what: str) -> NoReturn:
    raise OntologyError(f"{where}: loaded tables are shared by every stage and read-only (tried to {what}). "
                        "Change a private copy instead: dict(table) or list(words).")


class ReadOnlyDict(dict[str, Any]):
    """A loaded mapping. Still a dict (``isinstance`` checks, ``json.dumps``, ``dict(...)`` copies keep
    working), but every mutating method raises ``OntologyError``."""

    __slots__ = ("_where",)

    def __init__(self, items: dict[str, Any], where: str) -> None:
        super().__init__(items)
        self._where = where

    def __reduce__(self) -> tuple[Any, ...]:  # copy.deepcopy / pickle give a plain, private copy
        return (dict, (dict(self),))

    def __setitem__(self, key: str, value: Any) -> None:
        _refuse(self._where, f"set {key!r}")

    def __delitem__(self, key: str) -> None:
        _refuse(self._where, f"delete {key!r}")

    def __ior__(self, other: Any) -> NoReturn:  # type: ignore[override,misc]
        _refuse(self._where, "update it")

    def clear(self) -> None:
        _refuse(self._where, "clear it")

    def pop(self, *args: Any) -> Any:
        _refuse(self._where, "pop a key")

    def popitem(self) -> tuple[str, Any]:
        _refuse(self._where, "pop a key")

    def setdefault(self, *args: Any) -> Any:
        _refuse(self._where, "set a default")

    def update(self, *args: Any, **kwargs: Any) -> None:
        _refuse(self._where, "update it")


class ReadOnlyList(list[Any]):
    """A loaded word list or sequence: still a list, but every mutating method raises ``OntologyError``."""

    __slots__ = ("_where",)

    def __init__(self, items: list[Any], where: str) -> None:
        super().__init__(items)
        self._where = where

    def __reduce__(self) -> tuple[Any, ...]:
        return (list, (list(self),))

    def __setitem__(self, index: Any, value: Any) -> None:
        _refuse(self._where, "replace an item")

    def __delitem__(self, index: Any) -> None:
        _refuse(self._where, "delete an item")

    def __iadd__(self, other: Any) -> NoReturn:  # type: ignore[override,misc]
        _refuse(self._where, "extend it")

    def __imul__(self, other: Any) -> NoReturn:  # type: ignore[override,misc]
        _refuse(self._where, "repeat it")

    def append(self, item: Any) -> None:
        _refuse(self._where, "append to it")

    def extend(self, items: Any) -> None:
        _refuse(self._where, "extend it")

    def insert(self, index: Any, item: Any) -> None:
        _refuse(self._where, "insert into it")

    def pop(self, index: Any = -1) -> Any:
        _refuse(self._where, "pop an item")

    def remove(self, item: Any) -> None:
        _refuse(self._where, "remove an item")

    def clear(self) -> None:
        _refuse(self._where, "clear it")

    def sort(self, *args: Any, **kwargs: Any) -> None:
        _refuse(self._where, "sort it in place")

    def reverse(self) -> None:
        _refuse(self._where, "reverse it in place")


def _read_only(value: Any, where: str) -> Any:
    """The parsed JSON with every dict and list made read-only (strings and numbers already are)."""
    if isinstance(value, dict):
        return ReadOnlyDict({k: _read_only(v, where) for k, v in value.items()}, where)
    if isinstance(value, list):
        return ReadOnlyList([_read_only(v, where) for v in value], where)
    return value


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
    frozen: dict[str, Any] = _read_only(data, path_of(stem))
    return frozen
