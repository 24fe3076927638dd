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


def test_seed_gold_event_scores(seed_analysis):
    from factfinder.eval import score_gold
    from factfinder.export import to_gold

    gold = invented.GOLD
    scores = score_gold({gold["id"]: to_gold(seed_analysis)}, {gold["id"]: gold})
    # measured on the gold we wrote (events.rules.v10): actor match 15 of 20, type F1 .82, attribution 12 of 15.
    # v9's .90 held a lucky match: "its own water tests" was coded AID and filled the gold AID slot of the
    # relief agency's work, which no rule finds; goods are no act now (events.rules.v10), so the slot is
    # empty and AID scores 0 of 1 -- what is left is real: that AID missed, the false REJECT of "not allowed
    # to speak", the shelling described as a crime (ACCUSE) missed.
    assert scores["events.actor_match"] >= 0.75
    assert scores["events.type_f1"] >= 0.81
    assert scores["events.attribution_accuracy"] >= 0.8


def test_seed_arrests_are_dated_placed_counted_and_the_governors(seed_analysis):
    ev = _one(seed_analysis.events, "arrested")
    assert (ev.plover, ev.mode, ev.cameo) == ("COERCE", "arrest", "173")
    # an unowned police force is the state's of the country the report is about (events.rules.v8)
    assert ev.sources == ("Police",) and ev.source_countries == ("PNG",)
    assert ev.magnitude is not None and (ev.magnitude.quantity, ev.magnitude.qualifier) == (60, "at least")
    assert ev.date is not None and ev.date.value == "2026-03-10"  # "on Tuesday" in a Thursday's report
    assert ev.place is not None and ev.place.name == "Eastern Highlands" and ev.place.country == "PG"
    assert ev.attribution is not None and ev.attribution.kind == "reported_speech"
    assert "governor" in ev.attribution.asserted_by
    text = seed_analysis.report.text
    assert text[ev.trigger.start:ev.trigger.end] == ev.trigger.text


@pytest.mark.xfail(strict=True, reason="a referral whose object is a long enumeration (the president, "
                                       "members of his government, officials and officers) is parsed without "
                                       "its 'to the court' and is not found")
def test_a_referral_of_a_long_list_of_people_is_still_a_referral():
    text = ("Latvia on Friday referred the authoritarian leader of Kyrgyzstan, Almaz Toktobekov, ministers in "
            "his cabinet, border commanders and prison wardens to the International Criminal Court.\n")
    assert _one(_events(text), "referred").plover == "ACCUSE"


def test_seed_shelling_with_a_range_of_dead_according_to_an_unnamed_officer(seed_analysis):
    ev = _one(seed_analysis.events, "shelled")
    assert (ev.plover, ev.mode, ev.cameo) == ("ASSAULT", "heavy-weapons", "194")
    assert ev.sources == ("soldiers",) and ev.source_countries == ("PNG",) and len(ev.targets) == 1
    assert "Yagari Defence Force" in ev.targets[0]
    assert ev.date is not None and ev.date.value == "2026-03-08"
    assert ev.place is not None and ev.place.name == "Hengano"
    assert ev.magnitude is not None and (ev.magnitude.quantity, ev.magnitude.qualifier) == (8, "between eight and 12")
    assert ev.attribution is not None
    assert (ev.attribution.asserted_by, ev.attribution.kind) == ("an army officer", "according_to")


@pytest.mark.xfail(strict=True, reason="the participle clause 'killing ...' takes the militia of the relative "
                                       "clause before it as its agent and as the one who says it, not the "
                                       "soldiers of the main clause and the officer cited for the sentence")
def test_seed_killing_is_the_shellers_and_the_officers_report(seed_analysis):
    ev = _one(seed_analysis.events, "killing")
    assert ev.sources == ("soldiers",)
    assert ev.attribution is not None and ev.attribution.asserted_by == "an army officer"


def test_seed_alleged_ambush_is_hedged_and_dated(seed_analysis):
    ev = _one(seed_analysis.events, "ambushed")
    assert ev.plover == "ASSAULT" and ev.hedged
    assert ev.sources == ("Yagari Defence Force",) and ev.targets == ("police convoy",)
    assert ev.date is not None and ev.date.value == "2026-03-02"


def test_seed_protests_blockade_strike_and_planned_march(seed_analysis):
    blockade = _one(seed_analysis.events, "blockaded")
    assert (blockade.plover, blockade.mode) == ("PROTEST", "obstruct") and blockade.sources == ("Villagers",)
    assert blockade.date is not None and blockade.date.value == "2026-03"  # "since earlier this month"
    strike = _one(seed_analysis.events, "walk")
    assert (strike.plover, strike.mode, strike.modality) == ("PROTEST", "strike-gen", "planned")
    march = _one(seed_analysis.events, "march")
    assert march.plover == "PROTEST" and march.modality == "planned" and march.sources == ("Landowners",)
    assert march.date is not None and march.date.value == "2026-03-13"
    assert march.place is not None and march.place.name == "Goroka"
    assert march.attribution is not None and march.attribution.asserted_by == "Grace Yandu"


def test_seed_beating_is_the_residents_hedged_claim(seed_analysis):
    ev = _one(seed_analysis.events, "beat")
    assert (ev.plover, ev.mode) == ("ASSAULT", "beat") and ev.sources == ("police",)
    assert ev.modality == "reported" and ev.hedged
    assert ev.attribution is not None and ev.attribution.asserted_by == "Residents"


def test_seed_threat_denial_and_requests(seed_analysis):
    assert _one(seed_analysis.events, "threatened").sources == ("Kumbara Mineworkers Union",)
    assert _one(seed_analysis.events, "threatened").plover == "THREATEN"
    denied = [e for e in seed_analysis.events if e.trigger.text == "denied"]
    assert [(e.plover, e.sources) for e in denied] == [("REJECT", ("Toraval Mining",)), ("REJECT", ("Joseph Wamp",))]
    call = _one(seed_analysis.events, "called")
    assert call.plover == "REQUEST" and call.sources == ("Pacific Relief Programme",) and call.targets == ("sides",)
    urge = _one(seed_analysis.events, "urged")
    assert (urge.plover, urge.mode) == ("REQUEST", "change")
    assert urge.sources == ("Australia",) and urge.source_countries == ("AUS",)


@pytest.mark.xfail(strict=True, reason="a count and a river in a relative clause about who drinks from it are "
                                       "taken as the blockade's size and place")
def test_seed_the_blockade_has_no_size_and_is_not_on_the_river(seed_analysis):
    ev = _one(seed_analysis.events, "blockaded")
    assert ev.magnitude is None and (ev.place is None or ev.place.name != "Korume River")


@pytest.mark.xfail(strict=True, reason="a denial in an appositive about an attack takes the attack's date and its "
                                       "hedge ('allegedly ... on March 2'), though only the attack is alleged")
def test_seed_the_denial_of_an_alleged_attack_is_not_itself_hedged(seed_analysis):
    ev = [e for e in seed_analysis.events if e.trigger.text == "denied" and e.sources == ("Joseph Wamp",)][0]
    assert not ev.hedged and (ev.date is None or ev.date.value != "2026-03-02")


def test_seed_a_criminal_charge_is_coercion(seed_analysis):
    ev = _one(seed_analysis.events, "charged")
    assert ev.plover == "COERCE" and ev.modality == "planned"


@pytest.mark.xfail(strict=True, reason="'they' in 'after they set fire to a fuel depot' is read as the officers of "
                                       "the main clause, not the protesters just named")
def test_seed_the_arson_is_the_protesters(seed_analysis):
    assert _one(seed_analysis.events, "set").sources == ("protesters",)


@pytest.mark.xfail(strict=True, reason="a negated 'allowed to speak' in the description of an unnamed source is "
                                       "coded REJECT, though nobody refuses anything in the story")
def test_seed_a_sources_description_is_no_event(seed_analysis):
    assert not [e for e in seed_analysis.events if e.trigger.text == "allowed"]


@pytest.mark.xfail(strict=True, reason="'the government in Port Moresby' is taken for the government of the "
                                       "sentence's subject (Australia), not of the state whose capital is named")
def test_seed_a_demand_on_a_government_named_by_its_capital(seed_analysis):
    urge = _one(seed_analysis.events, "urged")
    assert urge.targets == ("Papua New Guinea government",) and urge.target_countries == ("PNG",)


@pytest.mark.xfail(strict=True, reason="'delivered' with goods as its object is no AID verb in the tables: the "
                                       "aid delivery is not found")
def test_seed_aid_delivery(seed_analysis):
    ev = _one(seed_analysis.events, "delivered")
    assert ev.plover == "AID" and ev.sources == ("Pacific Relief Programme",)


def test_seed_descriptive_nouns_are_no_aid_events(seed_analysis):
    # goods ("water tests") and a person named by an act word ("an aid donor") are no acts (events.rules.v10)
    assert not [e.trigger.text for e in seed_analysis.events if e.plover == "AID"]


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
    ev = _one(_events("As the governor seeks a second term next year, critics say he has stepped up arrests "
                      "of reporters."), "stepped")
    assert ev.plover == "COERCE" and ev.date is not None and ev.date.value == "2024-09-30"


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

    ev = _one(seed_analysis.events, "arrested")
    rec = plover_record(ev, seed_analysis.report)
    assert rec["event"] == ["COERCE"] and rec["mode"] == ["arrest"] and rec["cameo"] == "173"
    assert rec["actor"][0] == {"actor_text": "Police", "code": "PNG", "sector": "COP"}
    assert rec["date"] == "2026-03-10" and rec["event_loc"]["cc3"] == "PNG"
    row = cameo_row(ev, seed_analysis.report)
    assert len(row) == len(CAMEO_TSV_COLUMNS)
    cols = dict(zip(CAMEO_TSV_COLUMNS, row, strict=True))
    assert (cols["EventCode"], cols["EventRootCode"], cols["QuadClass"]) == ("173", "17", "4")
    assert cols["SQLDATE"] == "20260310" and cols["Actor1Type1Code"] == "COP"
    assert cols["ActionGeo_CountryCode"] == "PP"  # FIPS 10-4, as GDELT writes it
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
