"""Review: a person accepts, rejects or amends an extracted fact or a suggested legal mapping.

Each decision is one append-only audit row (who, when, before, after, why; triggers forbid UPDATE,
DELETE and REPLACE; each row is hash-chained to the one before, see store/integrity.py) plus the
current state in `reviews` for fast filtering. Stored facts are never edited: an amendment's value
lives in the review. This is the one writer of decisions, used by the CLI, the API
and the pages.
"""

from __future__ import annotations

import difflib
import json
import re
from typing import Any

from .errors import FactfinderError
from .ontology import countries
from .ontology.cameo import PLOVER_TYPES
from .store import Store, now

REVIEW_ACTIONS = {"accept": "accepted", "reject": "rejected", "amend": "amended"}
# Stored fact tables, plus legal mappings, which are computed (their ids are stable, see cases/mapping.py).
FACT_TABLES = ("events", "quotes", "claims", "mentions", "actors", "dates", "places", "magnitudes")
TARGET_TABLES = (*FACT_TABLES, "legal_mappings", "disputes")  # disputes: derive/disputes.py (stable ids)


EVENT_TYPES = (*PLOVER_TYPES, "OTHER")
MODALITIES = ("asserted", "planned", "conditional", "reported")
DATE_RE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
# What an editor may amend, per table, and the type each value must have (checked by validate_change).
AMENDABLE: dict[str, dict[str, type | tuple[type, ...]]] = {
    "events": {"plover": str, "mode": str, "sources": list, "targets": list, "hedged": bool, "negated": bool,
               "modality": str},
    "quotes": {"speaker": str, "cue": str, "direct": bool},
    "legal_mappings": {"element": str, "kind": str, "asserted_by": str, "assertion": str, "reason": str},
}


class InvalidValue(FactfinderError):
    """A value given by a user (CLI option, API parameter, amendment) is not one we accept."""


# -- shared validation (the CLI and the API both call these) -------------------------------------------
def _suggest(value: str, choices: tuple[str, ...] | list[str]) -> str:
    close = difflib.get_close_matches(value.upper(), [c.upper() for c in choices], n=1, cutoff=0.6)
    return f" (did you mean {close[0]}?)" if close else ""


def validate_event_type(value: str) -> str:
    """A PLOVER type (any case) -> its upper-case name; anything else is an error naming the closest."""
    up = value.strip().upper()
    if up not in EVENT_TYPES:
        raise InvalidValue(f"unknown event type {value!r}{_suggest(up, EVENT_TYPES)}; "
                           f"PLOVER types: {', '.join(EVENT_TYPES)}")
    return up


def validate_date(value: str, what: str = "date") -> str:
    """YYYY, YYYY-MM or YYYY-MM-DD (a real calendar day)."""
    v = value.strip()
    if not DATE_RE.match(v):
        raise InvalidValue(f"{what} {value!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD")
    if len(v) == 10:
        from datetime import date

        try:
            date.fromisoformat(v)
        except ValueError:
            raise InvalidValue(f"{what} {value!r} is not a calendar day") from None
    return v


def resolve_country(value: str, strict: bool = True) -> tuple[str, str] | None:
    """An ISO 3166 code (alpha-2/alpha-3) or an English name -> (alpha-3, alpha-2), through the one
    country resolver (factfinder.ontology.countries).

    ``strict``: an unknown country is an error naming the closest names; else None.
    """
    found = countries.resolve(value)
    if found is not None:
        return found.iso3, found.iso2
    if not strict:
        return None
    close = countries.close_names(value)
    hint = f" (did you mean {' or '.join(repr(n.title()) for n in close)}?)" if close else ""
    raise InvalidValue(f"unknown country {value!r}{hint}; give an ISO 3166 code (BLR, BY) or an English name")


def table_of(target_id: str) -> str:
    """The table a fact id belongs to, from its shape: ``<report>:<kind>:<n>`` is a fact of table
    ``kind``; ``<fact or report:span>@<element>`` is a legal mapping."""
    if "@" in target_id:
        return "legal_mappings"
    parts = target_id.rsplit(":", 2)
    if len(parts) == 3 and parts[2].isdigit() and parts[1] in FACT_TABLES:
        return parts[1]
    raise InvalidValue(f"{target_id!r} is not a fact id: fact ids look like REPORT:events:3, legal mappings "
                       "like REPORT:events:3@7-1-e (see `factfinder show REPORT --json` or the case grid)")


def validate_change(table: str, value: dict[str, Any]) -> dict[str, Any]:
    """An amendment's fields: known for the table, of the right type, enums and types valid."""
    fields = AMENDABLE.get(table)
    if fields is None:
        raise InvalidValue(f"facts of {table!r} cannot be amended; amend {', '.join(AMENDABLE)}")
    if not isinstance(value, dict) or not value:
        raise InvalidValue("an amendment is a JSON object of the fields to change, e.g. '{\"plover\": \"COERCE\"}'")
    unknown = sorted(set(value) - set(fields))
    if unknown:
        raise InvalidValue(f"cannot amend {', '.join(unknown)} of {table}; amendable: {', '.join(fields)}")
    out = dict(value)
    for key, v in value.items():
        if not isinstance(v, fields[key]) or (fields[key] is list and not all(isinstance(x, str) and x.strip()
                                                                                 for x in v)):
            kind = "a list of names" if fields[key] is list else fields[key].__name__  # type: ignore[union-attr]
            raise InvalidValue(f"{key} must be {kind}, not {json.dumps(v)}")
    if table == "legal_mappings" and "element" in out:
        from .cases.ontology import elements

        if out["element"] not in elements():
            hint = _suggest(out["element"], list(elements()))
            raise InvalidValue(f"unknown Rome Statute element {out['element']!r}{hint}")
    if table == "events":
        if "plover" in out:
            out["plover"] = validate_event_type(out["plover"])
        if "modality" in out and out["modality"] not in MODALITIES:
            raise InvalidValue(f"unknown modality {out['modality']!r}; use one of {', '.join(MODALITIES)}")
    return out


def _mapping_exists(store: Store, target_id: str) -> bool:
    """A legal mapping id names an existing report (and fact, when it is built on one)."""
    from .cases.ontology import elements

    fact, element = target_id.split("@", 1)
    if element not in elements():
        return False
    try:
        table = table_of(fact)
    except InvalidValue:
        table = None
    if table is not None:
        return store.fact_exists(table, fact)
    return store.has_report(fact.rsplit(":", 1)[0])


def _text(value: str | None) -> str | None:
    """Text safe for SQLite: lone surrogates (valid in JSON escapes, not in UTF-8) become '?'."""
    return None if value is None else value.encode("utf-8", "replace").decode("utf-8")


def record_review(store: Store, who: str, action: str, table: str, target_id: str,
                  why: str | None = None, value: dict[str, Any] | None = None) -> int | None:
    """Record one decision; returns the audit row id, or None when the fact does not exist.

    ``before`` is the value in force (the amended value when already amended, else the stored
    record); ``after`` is the value in force afterwards.
    """
    if action not in REVIEW_ACTIONS:
        raise FactfinderError(f"unknown review action {action!r}; use one of {', '.join(REVIEW_ACTIONS)}")
    if table not in TARGET_TABLES:
        raise FactfinderError(f"cannot review {table!r}; reviewable: {', '.join(TARGET_TABLES)}")
    if action == "amend" and not value:
        raise FactfinderError("amend needs the new value (JSON), e.g. --value '{\"element\": \"7-1-e\"}'")
    if not who.strip():
        raise FactfinderError("a review needs the reviewer's name (--who NAME)")
    if value is not None and action == "amend":
        value = validate_change(table, value)
    stored: dict[str, Any] | None = None
    if table == "legal_mappings" and not _mapping_exists(store, target_id):
        return None
    if table in FACT_TABLES:
        stored = store.fact_data(table, target_id)
        if stored is None:
            return None
    current = store.current_review(table, target_id)
    amended = current[1] if current else None
    before = amended if amended is not None else stored
    after = {**(before or {}), **(value or {})} if action == "amend" else before
    kept = json.dumps(after) if action == "amend" else (json.dumps(amended) if amended and action != "reject" else None)
    return store.write_review({
        "at": now(), "who": who, "action": action, "target_table": table, "target_id": target_id,
        "before": json.dumps(before) if before is not None else None,
        "after": json.dumps(after) if after is not None else None, "why": _text(why)},
        REVIEW_ACTIONS[action], kept)


def review_fact(store: Store, who: str, table: str, fact_id: str, action: str,
                value: dict[str, Any] | None = None, why: str | None = None) -> dict[str, Any] | None:
    """A decision on an event or a quote (what the API and the pages review); the audit row, or None
    when the fact does not exist or is not reviewable here."""
    from .store.reads import REVIEW_TABLES

    if table not in REVIEW_TABLES:
        return None
    audit_id = record_review(store, who, action, table, fact_id, why, value)
    return None if audit_id is None else store.audit_row(audit_id)


def review_state(store: Store, table: str) -> dict[str, dict[str, Any]]:
    """target id -> current status, value, who, when, why (Store.review_decisions)."""
    return store.review_decisions(table)


def audit_log(store: Store, target_id: str | None = None) -> list[dict[str, Any]]:
    """The audit rows (about ``target_id``, when given), oldest first (Store.audit_log)."""
    return store.audit_log(target_id)
