"""Events stage: gold events of an invented wire report, grammar (negation, passive, coordination,
modality) on sentences written here, the CAMEO crosswalk loader, a PLOVER gold-standard floor, export rows."""

from __future__ import annotations


import pytest

import invented_report as invented
from conftest import EVAL, need_shared
from factfinder.records import Event, Report


def _events(text: str, published: str = "2024-09-30") -> tuple[Event, ...]:
    from factfinder.pipeline import analyse

    return analyse(Report(id="t", text=text, published=published, outlet="Test Wire")).events


def _one(events: tuple[Event, ...], trigger: str) -> Event:
    found = [e for e in events if e.trigger.text == trigger]
    assert found, f"no event triggered by {trigger!r} in {[(e.trigger.text, e.plover) for e in events]}"
    return found[0]


# ---------------------------------------------------------------- seed
@pytest.fixture(scope="module")
def seed_analysis():
    """An invented wire report (tests/invented_report.py), in place of a development-set story."""
    from factfinder.pipeline import analyse

    return analyse(invented.REPORT)


def test_seed_all_gold_events_found(seed_analysis):
    from factfinder.eval import score_gold
    from factfinder.export import to_gold

    gold = invented.GOLD
    scores = score_gold({gold["id"]: to_gold(seed_analysis)}, {gold["id"]: gold})
    assert scores["events.actor_match"] >= 0.66
    assert scores["events.type_f1"] >= 0.9
    assert scores["events.attribution_accuracy"] >= 0.75


def test_seed_referral_is_legal_accusation_with_both_targets(seed_analysis):
    ev = _one(seed_analysis.events, "referred")
    assert (ev.plover, ev.mode) == ("ACCUSE", "legal action")
    assert ev.sources == ("Estonia",) and ev.source_countries == ("EST",)
    assert "Berdy Oraznazarov" in ev.targets and "Turkmenistan government" in ev.targets
    assert ev.rule == "verb:refer+prep_to:court"
    assert ev.date is not None and ev.date.value == "2025-06-02"
    text = seed_analysis.report.text
    assert text[ev.trigger.start:ev.trigger.end] == ev.trigger.text


@pytest.mark.xfail(strict=True, reason="a referral whose object is a long enumeration (the president, "
                                       "members of his government, officials and officers) is parsed without "
                                       "its 'to the court' and is not found")
def test_a_referral_of_a_long_list_of_people_is_still_a_referral():
    text = ("Latvia on Friday referred the authoritarian leader of Kyrgyzstan, Almaz Toktobekov, ministers in "
            "his cabinet, border commanders and prison wardens to the International Criminal Court.\n")
    assert _one(_events(text), "referred").plover == "ACCUSE"


def test_seed_arrests_and_beatings(seed_analysis):
    arrest = _one(seed_analysis.events, "arrested")
    assert (arrest.plover, arrest.mode, arrest.cameo) == ("COERCE", "arrest", "173")
    assert arrest.magnitude is not None and arrest.magnitude.quantity == 40000
    assert arrest.attribution is not None and "Adalat Rights Centre" in arrest.attribution.asserted_by
    beaten = _one(seed_analysis.events, "beaten")
    assert (beaten.plover, beaten.mode) == ("ASSAULT", "beat")


def test_seed_planned_gathering(seed_analysis):
    ev = _one(seed_analysis.events, "gather")
    assert ev.plover == "PROTEST" and ev.modality == "planned"
    assert ev.date is not None and ev.date.value == "2025-06-04"
    assert "Aylar Myratova" in ev.sources


def test_seed_nominal_and_request_events(seed_analysis):
    assert _one(seed_analysis.events, "protests").plover == "PROTEST"
    req = _one(seed_analysis.events, "called")
    assert req.plover == "REQUEST" and req.targets == ("other countries",)
    inv = _one(seed_analysis.events, "conduct")
    assert (inv.plover, inv.mode, inv.modality) == ("ACCUSE", "investigate", "planned")
    assert inv.sources == ("Helena Dorsey",)


# ---------------------------------------------------------------- grammar on our own sentences
def test_negation_and_negated_cooperation():
    ev = _one(_events("The army did not attack the village on Sunday."), "attack")
    assert ev.plover == "ASSAULT" and ev.negated
    rej = _one(_events("The ministry said it would not release the prisoners."), "release")
    assert rej.plover == "REJECT" and not rej.negated


def test_passive_with_and_without_agent():
    ev = _one(_events("Three journalists were arrested by the police in the capital."), "arrested")
    assert ev.plover == "COERCE" and ev.mode == "arrest"
    assert ev.sources == ("police",) or "police" in " ".join(ev.sources).lower()
    assert any("journalists" in t for t in ev.targets)
    bare = _one(_events("Dozens of students were detained overnight."), "detained")
    assert bare.plover == "COERCE" and bare.sources == ()


def test_coordinated_targets_and_particle_verbs():
    ev = _one(_events("Germany condemned Russia, Iran and Syria on Friday."), "condemned")
    assert (ev.plover, ev.mode) == ("ACCUSE", "disapprove")
    assert {"RUS", "IRN", "SYR"} <= set(ev.target_countries)
    pull = _one(_events("France pulled out its troops from Mali."), "pulled")
    assert (pull.plover, pull.mode) == ("RETREAT", "withdraw")


def test_modality_planned_conditional_and_complements():
    planned = _one(_events("Japan will send food aid to the refugees next week."), "send")
    assert planned.plover == "AGREE" and planned.modality == "planned"
    threat = _one(_events("Iran threatened to shell the border towns."), "threatened")
    assert (threat.plover, threat.mode) == ("THREATEN", "violence")
    cond = _one(_events("The union said it would strike if the government cut wages."), "strike")
    assert cond.modality == "conditional"
    refuse = _one(_events("Pakistan refused to deploy peacekeepers in the region."), "refused")
    assert refuse.plover == "REJECT"
    urge = _one(_events("The UN urged both sides to hold talks."), "urged")
    assert (urge.plover, urge.mode) == ("REQUEST", "meet")


def test_reported_speech():
    ev = _one(_events("Officials said rebels attacked a convoy near the border."), "attacked")
    assert ev.plover == "ASSAULT" and ev.modality == "reported"


def test_date_only_from_the_events_own_clause():
    ev = _one(_events("As the president seeks a new term next year, critics say he is ramping up the pressure "
                      "on reporters."), "ramping")
    assert ev.plover == "COERCE" and ev.date is not None and ev.date.value == "2024-09-30"


def test_seed_pressure_event_not_dated_by_another_clause(seed_analysis):
    ev = _one(seed_analysis.events, "ramping")
    assert ev.date is not None and ev.date.value == seed_analysis.report.published


def test_actor_codes_capitals_and_igo():
    ev = _one(_events("Moscow condemned NATO on Friday."), "condemned")
    assert ev.source_countries == ("RUS",) and ev.target_countries == ("IGO",)


def test_recipients_of_demands_and_offers():
    dem = _one(_events("France demanded that Iran release the sailors."), "demanded")
    assert (dem.plover, dem.mode) == ("REQUEST", "yield") and dem.target_countries == ("IRN",)
    offer = _one(_events("Japan offered aid to the Philippines."), "offered")
    assert offer.plover == "AGREE" and offer.target_countries == ("PHL",)


def test_mobilize_and_modes_from_means():
    alert = _one(_events("The government put the army on alert."), "put")
    assert (alert.plover, alert.mode) == ("MOBILIZE", "troops")
    police = _one(_events("Police were deployed in the capital."), "deployed")
    assert (police.plover, police.mode) == ("MOBILIZE", "police")
    bomb = _one(_events("Rebels killed five soldiers with a car bomb."), "killed")
    assert (bomb.plover, bomb.mode) == ("ASSAULT", "explosives")
    demo = _one(_events("Tens of thousands of students staged demonstrations."), "staged")  # lemma "stag"
    assert demo.plover == "PROTEST"


def test_condition_is_not_the_main_event():
    from factfinder.extract.events import main_event

    # the condition put ("if Sweden is attacked") is no event at all: nothing happened, nothing is threatened
    events = _events("Norway will send troops if Sweden is attacked.")
    assert not [e for e in events if e.trigger.text == "attacked"]
    assert main_event(events).trigger.text == "send"


# ---------------------------------------------------------------- ontology
def test_crosswalk_loader():
    from factfinder.ontology.cameo import crosswalk, parse_crosswalk_line, plover_of_cameo

    row = parse_crosswalk_line("1822: ASSAULT, torture,    # Torture")
    assert row is not None and (row.cameo, row.plover, row.mode) == ("1822", "ASSAULT", "torture")
    assert parse_crosswalk_line("# comment") is None
    table = crosswalk()
    assert table["173"].plover == "COERCE" and table["173"].mode == "arrest"
    assert table["094"].contexts == ("military", "legal")
    assert plover_of_cameo("14131") == "PROTEST"  # falls back to the nearest prefix


def test_pattern_tables_agree_with_crosswalk():
    """Every CAMEO code in the verb/noun tables maps to the same PLOVER type in the crosswalk
    (or is a documented override)."""
    from factfinder.ontology.cameo import PLOVER_TYPES, plover, plover_of_cameo

    d = plover()
    leaves: list[list] = []

    def walk(x):
        if isinstance(x, list) and len(x) == 3 and x[0] in PLOVER_TYPES:
            leaves.append(x)
        elif isinstance(x, dict):
            for v in x.values():
                walk(v)

    from factfinder.extract.events import expanded_verbs

    walk(expanded_verbs(d))
    walk(d["nouns"])
    assert len(leaves) > 300
    bad = [(t, c) for t, _, c in leaves if c and plover_of_cameo(c) != t and t != "AGREE"]
    assert not bad, bad
    assert set(d["types"]) == set(PLOVER_TYPES)


# ---------------------------------------------------------------- PLOVER gold standard
def test_plover_gsr_floor():
    from factfinder.eval.plover import score_plover

    path = need_shared(EVAL / "plover_gsr_cameo" / "PLOVER_GSR_CAMEO.json")
    scores = score_plover(path)
    assert scores["events.n"] == 322
    assert scores["events.type_f1"] >= 0.82
    assert scores["events.mode_accuracy"] >= 0.64
    assert scores["events.source_country_accuracy"] >= 0.63
    assert scores["events.target_country_accuracy"] >= 0.39


# ---------------------------------------------------------------- export
def test_export_rows(seed_analysis):
    from factfinder.export_events import CAMEO_TSV_COLUMNS, cameo_row, cameo_tsv, plover_record

    ev = _one(seed_analysis.events, "referred")
    rec = plover_record(ev, seed_analysis.report)
    assert rec["event"] == ["ACCUSE"] and rec["cameo"] == "115"
    assert {k: v for k, v in rec["actor"][0].items() if k != "sector"} == {"actor_text": "Estonia", "code": "EST"}
    assert rec["date"] == "2025-06-02"
    row = cameo_row(ev, seed_analysis.report)
    assert len(row) == len(CAMEO_TSV_COLUMNS)
    cols = dict(zip(CAMEO_TSV_COLUMNS, row, strict=True))
    assert (cols["EventCode"], cols["EventRootCode"], cols["QuadClass"]) == ("115", "11", "3")
    assert cols["SQLDATE"] == "20250602" and cols["Actor1CountryCode"] == "EST"
    tsv = cameo_tsv([(e, seed_analysis.report) for e in seed_analysis.events])
    dated = [e for e in seed_analysis.events if cameo_row(e, seed_analysis.report) is not None]
    assert tsv.count("\n") == len(dated) + 1


def test_dateline_is_never_an_actor():
    """The parser makes 'THE HAGUE, Netherlands' the subject; the actor is the appositive after it."""
    from factfinder.pipeline import analyse
    from factfinder.records import Report

    text = ("THE HAGUE, Netherlands — Kestria on Tuesday asked the International Criminal Court to "
            "investigate senior officials, accusing them of driving opponents into exile.")
    events = analyse(Report(id="t", text=text, published="2025-01-07", dateline="THE HAGUE, Netherlands")).events
    asked = next(e for e in events if e.trigger.text == "asked")
    assert asked.sources == ("Kestria",)
    assert all("Hague" not in " ".join(e.sources + e.targets) for e in events)
