"""The reviewed view as typed tables -- events, quotes, actors -- for spreadsheets (XLSX) and pandas.

The events table is the CSV export's (``export.ACLED_COLUMNS``, the same rows: rejected facts gone,
amendments applied, a ``review`` column) with typed values instead of text: the event day and the
publication day as dates, counts, offsets and codes as integers, coordinates and confidence as
floats, flags as booleans, unknown as empty (None). Quotes carry their review status too; actors are
one row per identity (every spelling folded, see factfinder.derive.identities) with how often the
reviewed events and quotes name it. Spreadsheet cells keep text as text: a name that looks like a
formula is stored as a string cell, never as a formula.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path
from typing import IO, Any

from .store import Store

# Column types of the events table (every other column is text).
EVENT_TYPES = {
    "event_date": "date", "published": "date", "year": "int", "time_precision": "int", "iso": "int",
    "latitude": "float", "longitude": "float", "geo_precision": "int", "fatalities": "int", "hedged": "bool",
    "negated": "bool", "confidence": "float", "start": "int", "end": "int", "num_articles": "int",
}
QUOTE_COLUMNS = ["fact_id", "report_id", "review", "speaker", "speaker_identity", "cue", "direct", "quote",
                 "start", "end", "outlet", "published", "url", "extractor"]
QUOTE_TYPES = {"direct": "bool", "start": "int", "end": "int", "published": "date"}
ACTOR_COLUMNS = ["identity_id", "name", "kinds", "countries", "spellings", "reports", "events_as_actor",
                 "events_as_recipient", "quotes"]
ACTOR_TYPES = {"reports": "int", "events_as_actor": "int", "events_as_recipient": "int", "quotes": "int"}
# Characters XML 1.0 (and so XLSX) cannot hold; they are dropped from text cells.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass
class Table:
    """One sheet: column names, their types (date/int/float/bool; text when absent) and typed rows."""

    columns: list[str]
    types: dict[str, str]
    rows: list[dict[str, Any]] = field(default_factory=list)


def typed(value: Any, kind: str | None) -> Any:
    """A CSV cell value as its type: '' and None are None; a date is a ``date`` when it names a day."""
    if value is None or value == "":
        return None
    if kind == "date":
        try:
            return Date.fromisoformat(str(value)[:10])
        except ValueError:
            return None  # not a day (a month, a season, a range): the text stays in date_text
    if kind == "int":
        return int(value)
    if kind == "float":
        return float(value)
    if kind == "bool":
        return bool(value)
    return value


def _row(values: dict[str, Any], columns: list[str], types: dict[str, str]) -> dict[str, Any]:
    return {c: typed(values.get(c), types.get(c)) for c in columns}


@dataclass
class _Identity:
    name: str
    kinds: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    spellings: set[str] = field(default_factory=set)
    reports: set[str] = field(default_factory=set)
    as_actor: int = 0
    as_recipient: int = 0
    quotes: int = 0


def reviewed_tables(store: Store, reviewed_only: bool = False) -> dict[str, Table]:
    """The reviewed view as three typed tables: ``events``, ``quotes`` and ``actors``."""
    from .export import ACLED_COLUMNS, _event_row, _identities, _telling, _tellings

    events = Table(list(ACLED_COLUMNS), EVENT_TYPES)
    quotes = Table(QUOTE_COLUMNS, QUOTE_TYPES)
    ident = _identities(store)
    people: dict[str, _Identity] = {}

    def identity(report_id: str, name: str) -> _Identity:
        key, display, kind, country = ident.get((report_id, name), ("a:" + name, name, None, None))
        found = people.setdefault(key, _Identity(display))
        found.spellings.add(name)
        found.reports.add(report_id)
        found.kinds.update([kind] if kind else [])
        found.countries.update([country] if country else [])
        return found

    for report_id, canonical in ident:
        identity(report_id, canonical)
    tellings = _tellings(store)
    for rv in store.reviewed_analyses(reviewed_only):
        r = rv.analysis.report
        for f in rv.events:
            e = f.record
            row = _event_row(rv, f.id, f.review, e, _telling(tellings, e, r), ident)
            events.rows.append(_row(row, events.columns, events.types))
            for name in e.sources:
                identity(r.id, name).as_actor += 1
            for name in e.targets:
                identity(r.id, name).as_recipient += 1
        for f in rv.quotes:
            q = f.record
            who = identity(r.id, q.speaker) if q.speaker else None
            if who is not None:
                who.quotes += 1
            quotes.rows.append(_row({
                "fact_id": f.id, "report_id": r.id, "review": f.review, "speaker": q.speaker,
                "speaker_identity": who.name if who else None, "cue": q.cue, "direct": q.direct,
                "quote": q.span.text, "start": q.span.start, "end": q.span.end, "outlet": r.outlet,
                "published": r.published, "url": r.url, "extractor": q.extractor}, quotes.columns, quotes.types))
    actors = Table(ACTOR_COLUMNS, ACTOR_TYPES)
    for key, p in sorted(people.items(), key=lambda kv: (-len(kv[1].reports), kv[1].name)):
        actors.rows.append(_row({
            "identity_id": key, "name": p.name, "kinds": "; ".join(sorted(p.kinds)),
            "countries": "; ".join(sorted(p.countries)), "spellings": "; ".join(sorted(p.spellings)),
            "reports": len(p.reports), "events_as_actor": p.as_actor, "events_as_recipient": p.as_recipient,
            "quotes": p.quotes}, actors.columns, actors.types))
    return {"events": events, "quotes": quotes, "actors": actors}


# -- XLSX ------------------------------------------------------------------------------------------------
def write_xlsx(store: Store, out: IO[bytes] | str | Path, reviewed_only: bool = False) -> dict[str, int]:
    """Write the events, quotes and actors sheets (frozen header row, typed cells); rows per sheet."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    written: dict[str, int] = {}
    for name, table in reviewed_tables(store, reviewed_only).items():
        ws = wb.create_sheet(name)
        ws.freeze_panes = "A2"
        header = []
        for c in table.columns:
            cell = WriteOnlyCell(ws, value=c)
            cell.font = Font(bold=True)
            header.append(cell)
        ws.append(header)
        for row in table.rows:
            ws.append([_cell(ws, row[c], WriteOnlyCell) for c in table.columns])
        written[name] = len(table.rows)
    wb.save(out)
    return written


def _cell(ws: Any, value: Any, make: Any) -> Any:
    if isinstance(value, Date):
        cell = make(ws, value=value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    if isinstance(value, str):
        cell = make(ws, value=_ILLEGAL.sub("", value))
        cell.data_type = "s"  # text stays text: "=HYPERLINK(...)" is a name here, not a formula
        return cell
    return value


# -- pandas ----------------------------------------------------------------------------------------------
_DTYPES = {"int": "Int64", "float": "Float64", "bool": "boolean"}


def to_pandas(store: Store | str | Path, reviewed_only: bool = False) -> dict[str, Any]:
    """The reviewed view as pandas DataFrames ``{"events", "quotes", "actors"}``: dates as datetime64,
    integers as nullable Int64, floats as Float64, flags as nullable boolean, text as strings."""
    import pandas as pd

    if not isinstance(store, Store):
        from .store import open_store

        with open_store(store) as opened:
            return to_pandas(opened, reviewed_only)
    frames: dict[str, Any] = {}
    for name, table in reviewed_tables(store, reviewed_only).items():
        df = pd.DataFrame(table.rows, columns=table.columns)
        for col in table.columns:
            kind = table.types.get(col)
            if kind == "date":
                df[col] = pd.to_datetime(df[col])
            elif kind in _DTYPES:
                df[col] = df[col].astype(_DTYPES[kind])
            else:
                df[col] = df[col].astype("string")
        frames[name] = df
    return frames
