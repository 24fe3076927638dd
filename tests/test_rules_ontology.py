"""Loaded ontology tables are shared by every stage, so they are read-only all the way down."""

from __future__ import annotations

import copy
import json

import pytest

from factfinder.ontology import OntologyError, load, names


def _nested(value):
    """Every dict and list inside a loaded table (the table itself first)."""
    yield value
    for child in (value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()):
        yield from _nested(child)


def test_a_loaded_table_refuses_every_change():
    table = load("quotes")
    key, words = next((k, v) for k, v in table.items() if isinstance(v, list) and v)
    before = list(words)
    for change in (lambda: table.__setitem__("extra", 1), lambda: table.pop(next(iter(table))),
                   lambda: table.update(extra=1), lambda: table.setdefault("extra", []), table.clear,
                   lambda: words.append("extra"), lambda: words.extend(["extra"]), lambda: words.remove(words[0]),
                   lambda: words.__setitem__(0, "extra"), words.sort, words.clear):
        with pytest.raises(OntologyError, match="quotes.json.*read-only"):
            change()
    assert "extra" not in load("quotes") and load("quotes")[key] == before


def test_every_table_is_read_only_at_every_depth_and_still_reads_as_json():
    for name in names():
        table = load(name)
        for part in _nested(table):
            if isinstance(part, dict):
                with pytest.raises(OntologyError):
                    part["extra"] = 1
            elif isinstance(part, list):
                with pytest.raises(OntologyError):
                    part.append("extra")
        assert json.loads(json.dumps(table)) == table  # still a plain JSON value for exports and caches


def test_a_copy_is_private_and_changeable():
    table = load("quotes")
    mine = copy.deepcopy(table)
    key = next(k for k, v in mine.items() if isinstance(v, list) and v)
    mine[key].append("extra")
    mine["extra"] = 1
    shallow = dict(table)
    shallow["extra"] = 2
    assert "extra" not in load("quotes") and "extra" not in load("quotes")[key]
