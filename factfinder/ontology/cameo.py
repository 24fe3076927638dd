"""Accessors for the PLOVER ontology/pattern tables (``plover.json``) and the bundled
CAMEO→PLOVER crosswalk (``CAMEO2PLOVER-2021.txt``, OEDA, CC BY-SA 4.0).

Crosswalk line format: ``CAMEOcode: PLOVER_EVENT, MODE, context # description``. Blank fields are
``None``; several contexts are separated by ``;``. Two-digit header lines (``03: AGREE``) only name a
cue category and are kept as rows too, with no mode or context.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from ..errors import OntologyError
from . import load, load_text

CROSSWALK = "CAMEO2PLOVER-2021.txt"

# The 16 PLOVER event types, in the order of the PLOVER manual (plover.json "types").
PLOVER_TYPES: tuple[str, ...] = tuple(load("plover")["types"])


@dataclass(frozen=True, slots=True)
class CrosswalkRow:
    cameo: str
    plover: str
    mode: str | None
    contexts: tuple[str, ...]
    description: str


@functools.lru_cache(maxsize=1)
def plover() -> dict[str, Any]:
    """The PLOVER types/modes/contexts and the verb/noun pattern tables."""
    return load("plover")


def parse_crosswalk_line(line: str) -> CrosswalkRow | None:
    """One crosswalk line -> row; comments, blanks and the closing rule give None."""
    line = line.strip()
    if not line or line.startswith("#") or line.startswith("~") or ":" not in line:
        return None
    code, rest = line.split(":", 1)
    code = code.strip()
    if not code.isdigit():
        return None
    body, _, desc = rest.partition("#")
    fields = [f.strip() for f in body.split(",")]
    event = fields[0].upper()
    mode = fields[1] if len(fields) > 1 and fields[1] else None
    ctx = tuple(c.strip() for c in fields[2].split(";") if c.strip()) if len(fields) > 2 else ()
    return CrosswalkRow(code, event, mode, ctx, desc.strip())


@functools.lru_cache(maxsize=1)
def crosswalk() -> dict[str, CrosswalkRow]:
    """CAMEO code -> row. Where the table lists a code twice (175), the first row wins."""
    lines = load_text(CROSSWALK).splitlines()
    declared = set(plover()["contexts"])
    out: dict[str, CrosswalkRow] = {}
    for number, line in enumerate(lines, 1):
        row = parse_crosswalk_line(line)
        if row is None or row.plover not in PLOVER_TYPES:
            continue
        unknown = [c for c in row.contexts if c not in declared]
        if unknown:
            raise OntologyError(f"factfinder/ontology/{CROSSWALK}:{number}: context {unknown[0]!r} of CAMEO "
                                f"{row.cameo} is not declared in plover.json \"contexts\"; declare it there.")
        out.setdefault(row.cameo, row)
    return out


def plover_of_cameo(code: str | None) -> str | None:
    """PLOVER type for a CAMEO code: exact row, else the nearest shorter prefix (e.g. 1413 -> 141)."""
    if not code:
        return None
    overrides = plover().get("crosswalk_overrides", {})
    if code in overrides:
        return str(overrides[code][0])
    table = crosswalk()
    for n in range(len(code), 1, -1):
        row = table.get(code[:n])
        if row is not None:
            return row.plover
    return None


@functools.lru_cache(maxsize=1)
def event_args() -> dict[str, Any]:
    """Argument semantic classes and the sense rules that read them (``event_args.json``)."""
    return load("event_args")
