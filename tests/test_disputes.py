"""Claims and disputes: typed values, independent support, the card's JSON shape, review, and
invariance to copies and to input order. Reports are written here (invented people and outlets)."""

from __future__ import annotations

import json
import random

import pytest
from click.testing import CliRunner

from factfinder.cli import main
from factfinder.derive.claims import report_claims
from factfinder.derive.disputes import ReportClaims, find_disputes, same_identity
from factfinder.records import Report

FIRST = (
    "Police in Lyon detained at least 40 people on Saturday night as they broke up a march against a new "
    "housing law, the prefecture said on Sunday. Officers fired tear gas at the crowd, witnesses said. "
    "Twelve officers were injured, the prefecture said. Among those detained was Odile Varnasse, a tenant "
    "organiser, who was fined and released on Sunday morning, her lawyer said. "
    "\"We were walking peacefully when the police charged the front of the march without any warning,\" "
    "said Marc Delbrune, a union steward who took part."
)
SECOND = (
    "Riot police detained 55 demonstrators at a rally against the housing law in Lyon on Friday night, "
    "according to the tenants' federation, whose organiser Odile Varnase remains in custody. "
    "The federation said seven police officers had been hurt. "
    "\"We were marching peacefully when the police charged the front of the procession with no warning,\" "
    "said Marc Delbrun, a union steward."
)


def _reports(tmp_path, rows):
    path = tmp_path / "r.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


ROWS = [
    {"id": "fr-1", "outlet": "Rhone Courier", "published": "2026-03-08",
     "title": "Dozens detained at Lyon housing march", "text": FIRST},
    {"id": "fr-2", "outlet": "Tenants Weekly", "published": "2026-03-09", "title": "55 held at Lyon housing rally",
     "text": SECOND},
]


def _cli(*args: str):
    res = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return res.output


def _cards(db) -> list[dict]:
    return json.loads(_cli("contradictions", "--db", str(db), "--json"))["items"]


@pytest.fixture(scope="module")
def analyses():
    from factfinder.pipeline import analyse

    return [analyse(Report(**r)) for r in ROWS]


def test_claims_are_typed_and_stated(analyses):
    first = report_claims(analyses[0])
    dates = [c for c in first if c.slot == "date"]
    # "said on Sunday" is when the prefecture spoke, not when the march was broken up
    assert [(c.key, c.stage) for c in dates if c.subject == "happening"][:1] == [("2026-03-07", "night")]
    counts = {(c.subject, c.predicate): c for c in first if c.slot == "number"}
    detained = counts[("people", "detained")]
    assert detained.lo == 40 and detained.hi > 40 and detained.precision == "lower bound"
    assert ("security forces", "wounded") in counts
    assert all(c.span.report_id == "fr-1" and c.span.end > c.span.start for c in first)


def test_no_claim_from_an_unstated_date():
    from factfinder.pipeline import analyse

    a = analyse(Report(id="nd-1", outlet="X", published="2026-03-09",
                       text="Police detained 30 people at a rally in Lyon, the prefecture said."))
    assert not [c for c in report_claims(a) if c.slot == "date"]


def test_disputes_of_two_reports(analyses):
    rc = [ReportClaims(a.report.id, "s1", a.report.id, a.report.outlet, tuple(report_claims(a))) for a in analyses]
    cards = {(d.slot, d.about): d for d in find_disputes(rc)}
    detained = cards[("number", "people detained")]
    assert not detained.hard  # "at least 40" and 55 may both hold
    hurt = cards[("number", "security forces wounded")]
    assert hurt.hard and {v.value for v in hurt.values} == {"7", "12"}
    assert cards[("date", "day of the happening")].hard
    status = cards[("status", "whether the people detained are free")]
    assert status.hard and {v.value for v in status.values} >= {"released", "in custody"}
    assert any(d.slot == "quote_wording" for d in cards.values())
    # the quote's speaker is one person spelt two ways: no attribution dispute
    assert not any(d.slot == "attribution" for d in cards.values())


def test_identities_across_spellings():
    assert same_identity("Marc Delbrune", "Marc Delbrun")
    assert same_identity("Mariam Al-Haddadi", "Mariam al Hadadi")
    assert not same_identity("Marc Delbrune", "Odile Varnasse")


def test_copies_change_support_never_existence(analyses):
    base = [ReportClaims(a.report.id, "s1", a.report.id, a.report.outlet, tuple(report_claims(a)), a.report.published)
            for a in analyses]
    # republications of the wire story, published after it
    copies = [ReportClaims(f"copy-{n}", "s1", "fr-1", f"Outlet {n}", base[0].claims, f"2026-03-{9 + n % 2}")
              for n in range(5)]
    before = {d.id: d for d in find_disputes(base)}
    after = {d.id: d for d in find_disputes(base + copies)}
    assert before.keys() == after.keys()
    for did, d in after.items():
        assert [v.support for v in d.values] == [v.support for v in before[did].values]
        assert d.hard == before[did].hard
    assert sum(len(v.reports) for v in after[next(iter(after))].values) > sum(
        len(v.reports) for v in before[next(iter(after))].values)


def test_input_order_changes_nothing(analyses):
    rc = [ReportClaims(a.report.id, "s1", a.report.id, a.report.outlet, tuple(report_claims(a))) for a in analyses]
    rc += [ReportClaims(f"copy-{n}", "s1", "fr-2", f"Outlet {n}", rc[1].claims) for n in range(3)]
    want = find_disputes(rc)
    for seed in range(4):
        shuffled = [ReportClaims(r.report_id, r.story, r.origin, r.outlet,
                                 tuple(random.Random(seed).sample(r.claims, len(r.claims))))
                    for r in random.Random(seed).sample(rc, len(rc))]
        assert find_disputes(shuffled) == want


def test_edits_between_copies_are_marked(analyses):
    a = analyses[0]
    claims = tuple(report_claims(a))
    edited = tuple(c if c.slot != "number" or c.predicate != "wounded" else
                   type(c)(**{**{f: getattr(c, f) for f in c.__slots__},
                              "value": "13", "key": "13-13", "lo": 13.0, "hi": 13.0})
                   for c in claims)
    cards = find_disputes([ReportClaims("w-1", "s", "w-1", "A", claims), ReportClaims("w-2", "s", "w-1", "B", edited)])
    assert cards and all(d.edit for d in cards)


def test_card_json_shape_paging_and_review(tmp_path):
    db = tmp_path / "d.db"
    _cli("ingest", str(_reports(tmp_path, ROWS)), "--db", str(db), "--no-progress")
    cards = _cards(db)
    assert cards
    for card in cards:
        assert {"id", "story", "slot", "about", "hard", "reason", "rank", "values", "status"} <= card.keys()
        assert card["slot"] in ("date", "number", "place", "actor", "attribution", "quote_wording", "status")
        assert isinstance(card["hard"], bool) and card["status"] == "open"
        for v in card["values"]:
            assert {"value", "support", "reports"} <= v.keys() and v["support"] >= 1
            for r in v["reports"]:
                assert set(r) == {"id", "outlet", "start", "end", "sentence", "asserter"}
                assert r["id"] in ("fr-1", "fr-2") and r["end"] > r["start"] and r["sentence"]
    assert [c["rank"] for c in cards] == sorted((c["rank"] for c in cards), reverse=True)
    whole = json.loads(_cli("contradictions", "--db", str(db), "--json"))
    assert whole["limit"] is None and whole["next_offset"] is None and len(whole["items"]) == whole["total"]
    page = json.loads(_cli("contradictions", "--db", str(db), "--json", "--limit", "1"))
    assert len(page["items"]) == 1 and page["next_offset"] == 1 and page["total"] == len(cards)
    assert "more; next page: --offset 1" in _cli("contradictions", "--db", str(db), "--limit", "1")
    hard = json.loads(_cli("contradictions", "--db", str(db), "--json", "--hard"))["items"]
    assert hard and all(c["hard"] for c in hard)

    gone = cards[0]["id"]
    kept = cards[1]["id"]
    _cli("dispute", gone, "dismiss", "--db", str(db), "--who", "editor", "--why", "same count, other rounding")
    _cli("dispute", kept, "confirm", "--db", str(db), "--who", "editor")
    # a later report of the story is ingested: ids are stable, the dismissal holds
    later = dict(ROWS[1], id="fr-3", outlet="Tenants Weekly (repost)")
    _cli("ingest", str(_reports(tmp_path, [later])), "--db", str(db), "--no-progress")
    after = {c["id"]: c for c in _cards(db)}
    assert gone not in after and after[kept]["status"] == "confirmed"
    every = {c["id"]: c for c in json.loads(_cli("contradictions", "--db", str(db), "--json", "--all"))["items"]}
    assert every[gone]["status"] == "dismissed"
    from factfinder.review import audit_log
    from factfinder.store import open_store

    from factfinder.cases.case import _contradictions

    with open_store(str(db)) as store:
        rows = audit_log(store, gone)
        in_dossier = {c["id"] for c in _contradictions(store, {"fr-1"})}
    assert rows and rows[0]["target_table"] == "disputes" and rows[0]["who"] == "editor"
    assert kept in in_dossier and gone not in in_dossier  # the dossier lists the disputes still standing
    # about the case's facts: a card whose sides lie in the sentence holding the case's evidence
    kept_card = next(c for c in cards if c["id"] == kept)
    side = next(r for v in kept_card["values"] for r in v["reports"] if r["id"] in ("fr-1", "fr-2"))
    with open_store(str(db)) as store:
        about = {c["id"] for c in _contradictions(store, {side["id"]}, {side["id"]: [(side["start"], side["end"])]})}
        elsewhere = {c["id"] for c in _contradictions(store, {side["id"]}, {side["id"]: [(10**6, 10**6 + 1)]})}
    assert kept in about and not elsewhere


def test_background_counts_apart_and_published_releases_make_no_claims():
    from factfinder.pipeline import analyse

    a = analyse(Report(id="bg-1", outlet="X", published="2026-03-09", text=(
        "The group said 60 people had been detained in the province since January. "
        "The ministry released a statement on Monday. Rebels released footage of the raid. "
        "Police detained 25 people on Sunday.")))
    claims = report_claims(a)
    # the cumulative count meets only cumulative counts, never the happening's own figure
    assert [(c.lo, c.predicate) for c in claims if c.slot == "number"] == [
        (60.0, "detained overall"), (25.0, "detained")]
    assert not [c for c in claims if c.slot == "status"]


def test_api_and_story_page_show_disputes(tmp_path):
    from fastapi.testclient import TestClient

    from factfinder.api import create_app
    from factfinder.api.auth import add_user
    from factfinder.store import open_store

    db = tmp_path / "api.db"
    _cli("ingest", str(_reports(tmp_path, ROWS)), "--db", str(db), "--no-progress")
    cards = _cards(db)
    story = cards[0]["story"]
    with open_store(str(db)) as store:
        token = add_user(store, "viewer", "viewer")
    with TestClient(create_app(str(db))) as client:
        page = client.get("/api/disputes", params={"story": story, "hard": True},
                          headers={"Authorization": f"Bearer {token}"}).json()
        assert page["items"] and all(c["hard"] and c["story"] == story for c in page["items"])
        resp = client.post("/login", data={"name": "viewer", "token": token, "next": "/"}, follow_redirects=False)
        assert resp.status_code == 303
        html = client.get(f"/stories/{story}").text
        assert "Disputes" in html and cards[0]["about"] in html


def test_start_of_a_process_year_vs_month():
    from factfinder.pipeline import analyse

    texts = {"a": "The fighting erupted in April 2023 and has displaced about two million people.",
             "b": "Since the war began in May 2023, more than two million people have fled their homes.",
             "c": "The conflict, which began in 2023, has uprooted millions."}
    rc = [ReportClaims(k, "s", k, k, tuple(report_claims(analyse(Report(id=k, text=t, published="2024-06-01")))))
          for k, t in texts.items()]
    [card] = [d for d in find_disputes(rc) if d.about == "start of the conflict date"]
    assert card.hard and {v.value for v in card.values} == {"2023-04", "2023-05"}
    # the bare year agrees with both months (less precision, not a third side), so it sides with neither
    assert sum(len(v.reports) for v in card.values) == 2
    assert "c" not in {r.id for v in card.values for r in v.reports}


@pytest.mark.parametrize("later, disputed", [
    ("Soldiers raided the village early on Sunday, residents said.", False),  # the small hours of the same night
    ("Soldiers raided the village on Sunday afternoon, residents said.", True),
    ("Soldiers raided the village on Friday night, residents said.", True),
    ("Soldiers raided the village overnight into Sunday, residents said.", False),
    ("Soldiers raided the village on Sunday night, residents said.", True),  # the next night is another night
])
def test_one_night_across_midnight(later, disputed):
    from factfinder.pipeline import analyse

    first = "Soldiers raided the village late on Saturday night, killing four people, residents said."
    rc = [ReportClaims(k, "s", k, k, tuple(report_claims(analyse(Report(id=k, text=t, published="2026-03-09")))))
          for k, t in (("n1", first), ("n2", later))]
    cards = [d for d in find_disputes(rc) if d.slot == "date"]
    assert bool(cards) == disputed, [(d.about, [v.value for v in d.values]) for d in cards]


@pytest.mark.parametrize("other, disputed", [
    ("Soldiers raided the village on Sunday night, killing four people, residents said.", False),
    ("Soldiers raided the village on Saturday night, killing four people, residents said.", True),
])
def test_overnight_is_the_night_of_the_evening_it_began(other, disputed):
    """A bare "overnight" in a Monday report is Sunday's night, not the small hours of Sunday (which
    would make it one night with Saturday's)."""
    from factfinder.pipeline import analyse

    first = "Soldiers raided the village overnight, killing four people, residents said."
    rc = [ReportClaims(k, "s", k, k, tuple(report_claims(analyse(Report(id=k, text=t, published="2026-03-09")))))
          for k, t in (("o1", first), ("o2", other))]
    cards = [d for d in find_disputes(rc) if d.slot == "date"]
    assert bool(cards) == disputed, [(d.about, [v.value for v in d.values]) for d in cards]


def test_longer_quote_of_the_same_words_is_no_rewording():
    from factfinder.records import Span, SlotClaim

    def quote(rid, words):
        span = Span(rid, 0, len(words), words)
        key = " ".join(words.lower().replace(".", " ").replace(",", " ").split())
        return (SlotClaim(rid, "quote", "wording", "quote_wording", words, key, span, span),)

    short = "We will not stop until the families know what happened to their sons"
    longer = short + ". They deserve answers from the army"
    reworded = "We won't stop until the families learn what happened to their boys"
    rc = [ReportClaims("q1", "s", "q1", "A", quote("q1", short)),
          ReportClaims("q2", "s", "q2", "B", quote("q2", longer))]
    assert not find_disputes(rc)
    rc.append(ReportClaims("q3", "s", "q3", "C", quote("q3", reworded)))
    [card] = find_disputes(rc)
    assert card.slot == "quote_wording" and len(card.values) == 2


def test_count_of_another_act_is_no_toll():
    from factfinder.pipeline import analyse

    a = analyse(Report(id="o-1", outlet="X", published="2026-03-09", text=(
        "About 300 people attended the funeral on Sunday before police detained 12 mourners.")))
    assert [(c.lo, c.subject, c.predicate) for c in report_claims(a) if c.slot == "number"] == [
        (12.0, "people", "detained")]


def test_same_words_up_to_spelling():
    from factfinder.derive.disputes import same_words

    assert same_words("they fled to neighboring countries", "they have fled to neighbouring countries")
    assert not same_words("we were singing the first hymn", "we were singing the second hymn")
    assert not same_words("the army fired on the crowd", "the army fired on the crowd and the press")


def test_stage_of_an_inquiry():
    from factfinder.pipeline import analyse

    texts = {"s1": "The court's prosecutor opened a preliminary examination into the killings in Arvenia on Monday.",
             "s2": "The prosecutor has opened an investigation into the Arvenia killings, the court said.",
             "s3": "Rights groups urged the prosecutor to open an investigation into the killings."}
    claims = {k: [c for c in report_claims(analyse(Report(id=k, text=t))) if c.predicate == "stage"]
              for k, t in texts.items()}
    assert [c.value for c in claims["s1"]] == ["preliminary examination"]
    assert [c.value for c in claims["s2"]] == ["investigation"]
    assert claims["s3"] == []  # a call for an investigation states no stage
    rc = [ReportClaims(k, "s", k, k, tuple(v)) for k, v in claims.items()]
    [card] = find_disputes(rc)
    assert card.about == "stage of the inquiry" and not card.hard


def test_day_a_referral_was_submitted():
    from factfinder.pipeline import analyse

    texts = {"k1": "Arvenia referred the situation in its northern provinces to the court on Monday, officials said.",
             "k2": "The referral was submitted on Friday, the court's registry said on Monday."}
    rc = [ReportClaims(k, "s", k, k, tuple(report_claims(analyse(Report(id=k, text=t, published="2026-03-11")))))
          for k, t in texts.items()]
    [card] = [d for d in find_disputes(rc) if d.slot == "date"]
    assert card.about.startswith("day of the submission") and card.hard
    assert {v.value for v in card.values} == {"2026-03-09", "2026-03-06"}


def test_eval_scores_cards_against_gold_sides():
    from factfinder.eval.disputes import score
    from factfinder.records import Dispute, DisputeReport, DisputeValue

    def card(slot, *values):
        return Dispute("d-" + slot, "s", slot, slot, True, "", 1.0, tuple(
            DisputeValue(v, 1, tuple(DisputeReport(r, None, 0, 1, "") for r in rids)) for v, rids in values))

    gold = [{"story": "s", "slot": "number", "hard": True,
             "sides": [{"report": "a", "value": "9"}, {"report": "b", "value": "11"}]},
            {"story": "s", "slot": "date", "hard": False,
             "sides": [{"report": "a", "value": "2026-01-02"}, {"report": "b", "value": "2026-01-03"}]}]
    found = card("number", ("9", ["a"]), ("11", ["b"]))
    wrong_value = card("date", ("2026-01-05", ["a"]), ("2026-01-03", ["b"]))  # a's side is not under its value
    stray = card("status", ("released", ["a"]), ("in custody", ["b"]))
    out = score([found, wrong_value, stray], gold, {"a", "b"})
    assert out["disputes.precision"] == round(1 / 3, 3) and out["disputes.recall_hard"] == 1.0
    assert out["disputes.recall_soft"] == 0.0


def test_copies_describing_an_actor_otherwise_are_an_edit_not_a_dispute():
    from factfinder.derive.claims import affiliation_claims
    from factfinder.pipeline import analyse

    wire = ("Shells were fired from hills held by the Orsk Front rebels, a witness said. "
            "The Orsk Front denied it in a statement.")
    edited = wire.replace("held by the Orsk Front", "held by the Velmoran-backed Orsk Front")

    def rc(rid, origin, text):
        return ReportClaims(rid, "s", origin, rid, tuple(affiliation_claims(analyse(Report(id=rid, text=text)))))

    [card] = find_disputes([rc("w1", "w1", wire), rc("w2", "w1", edited)])
    assert (card.edit and card.slot == "actor"
            and {v.value for v in card.values} == {"Orsk Front", "Velmoran-backed Orsk Front"})
    # an independent outlet naming the actor more briefly does not disagree
    assert not find_disputes([rc("w1", "w1", wire), rc("x2", "x2", edited)])


def test_a_quote_reworded_between_copies_is_an_edit():
    from factfinder.records import Span, SlotClaim

    def quote(rid, words):
        span = Span(rid, 0, len(words), words)
        return (SlotClaim(rid, "quote", "wording", "quote_wording", words, words.lower(), span, span),)

    a = "We will not stop until the families know what happened to their sons"
    b = "We won't stop until the families learn what happened to their boys"
    [card] = find_disputes([ReportClaims("c1", "s", "c1", "A", quote("c1", a)),
                            ReportClaims("c2", "s", "c1", "B", quote("c2", b))])
    assert card.edit and card.slot == "quote_wording"


@pytest.mark.parametrize("other, disputed", [
    ("Police detained 40 protesters in Grenoble on Saturday, witnesses said.", True),  # 100 km away
    ("Police detained 40 protesters in Villeurbanne on Saturday, witnesses said.", False),  # its neighbour
    ("Police detained 40 protesters in Grenoble on Saturday, the prefecture in Lyon said.", False),  # names both
    ("Police detained 40 protesters in France on Saturday, witnesses said.", False),  # a country decides nothing
])
def test_place_of_the_happening(other, disputed):
    from factfinder.pipeline import analyse

    first = "Police detained 40 protesters in Lyon on Saturday, witnesses said."
    rc = [ReportClaims(k, "s", k, k, tuple(report_claims(analyse(Report(id=k, text=t, published="2026-03-09")))))
          for k, t in (("l1", first), ("l2", other))]
    cards = [d for d in find_disputes(rc) if d.slot == "place"]
    assert bool(cards) == disputed, [(d.about, d.reason) for d in cards]
    if disputed:
        assert cards[0].hard and cards[0].about == "place of the happening"
        assert {v.value for v in cards[0].values} == {"Lyon", "Grenoble"}


@pytest.mark.parametrize("other, disputed", [
    ("Fighters of the Varna Hills Front rebel group shot dead five miners near the Kerev mine on Sunday.", True),
    ("Norland army troops shot dead five miners near the Kerev mine on Sunday, witnesses said.", False),
    ("Gunmen shot dead five miners near the Kerev mine on Sunday.", False),  # "gunmen" names no side
    ("Fighters of the Varna Hills Army shot dead five miners near the Kerev mine on Sunday.", False),  # a name
])
def test_who_did_it(other, disputed):
    from factfinder.pipeline import analyse

    first = "Soldiers shot dead five miners near the Kerev mine on Sunday, residents said."
    rc = [ReportClaims(k, "s", k, k, tuple(report_claims(analyse(Report(id=k, text=t, published="2026-03-09")))))
          for k, t in (("w1", first), ("w2", other))]
    cards = [d for d in find_disputes(rc) if d.slot == "actor"]
    assert bool(cards) == disputed, [(d.about, d.reason) for d in cards]
    if disputed:
        assert cards[0].hard and cards[0].about == "who did it"
        assert {r.id for v in cards[0].values for r in v.reports} == {"w1", "w2"}


@pytest.mark.parametrize("other, disputed", [
    ("Police broke up the march in Lyon on Saturday. The French interior ministry did not say how many "
     "people were detained.", True),
    ("Police broke up the march in Lyon on Saturday. The foreign ministry did not say how many people were "
     "detained.", False),  # another body
    ("Police broke up the march in Lyon on Saturday. The interior ministry said 30 people had been "
     "detained.", False),  # a figure from it too (the figures themselves are compared as numbers)
])
def test_a_figure_and_no_figure_from_one_source(other, disputed):
    from factfinder.pipeline import analyse

    first = "Police broke up the march in Lyon on Saturday. The interior ministry said 30 people had been detained."
    rc = [ReportClaims(k, "s", k, k, tuple(report_claims(analyse(Report(id=k, text=t, published="2026-03-09")))))
          for k, t in (("f1", first), ("f2", other))]
    cards = [d for d in find_disputes(rc) if d.about.startswith("whether")and "figure" in d.about]
    assert bool(cards) == disputed, [(d.about, [v.value for v in d.values]) for d in cards]
    if disputed:
        assert cards[0].slot == "attribution" and cards[0].hard
        assert {v.value for v in cards[0].values} == {"30 (interior ministry)", "no figure (French interior ministry)"}


@pytest.mark.parametrize("other, disputed", [
    ("The blast killed 12 people, including seven children, at the market on Sunday.", False),
    ("Seven children and five others died when the blast hit the market on Sunday.", False),
    ("The blast killed five people at the market on Sunday.", True),
])
def test_counts_joined_by_and_are_parts_of_one_total(other, disputed):
    """"seven children and five other people" tells twelve people killed, not five."""
    from factfinder.pipeline import analyse

    first = "The blast killed seven children and five other people at the market on Sunday."
    rc = [ReportClaims(k, "s", k, k, tuple(report_claims(analyse(Report(id=k, text=t, published="2026-03-09")))))
          for k, t in (("t1", first), ("t2", other))]
    cards = [d for d in find_disputes(rc) if d.slot == "number"]
    assert bool(cards) == disputed, [(d.about, [v.value for v in d.values]) for d in cards]
    if disputed:
        assert cards[0].about == "people killed" and cards[0].hard
        assert {v.value for v in cards[0].values} == {"12 (7 + 5)", "5"}


@pytest.mark.parametrize("window", [
    "Police have arrested 300 people in the last two weeks, rights groups say.",
    "After three days of protests, 300 people had been detained, rights groups say.",
])
def test_a_count_over_a_time_window_is_no_toll_of_the_happening(window):
    from factfinder.pipeline import analyse

    rc = [ReportClaims(k, "s", k, k, tuple(report_claims(analyse(Report(id=k, text=t, published="2026-03-09")))))
          for k, t in (("w1", "Police detained 40 people at the march in Lyon on Saturday."), ("w2", window))]
    assert not [d for d in find_disputes(rc) if d.slot == "number"]
    assert [c.predicate for c in rc[1].claims if c.slot == "number"] == ["detained overall"]


@pytest.mark.parametrize("first", [
    "Five aid workers were released on Friday, a week after gunmen kidnapped them near the border.",
    "Five aid workers have not been seen since gunmen took them from their compound near the border.",
])
def test_a_count_whose_later_clause_points_back_at_it(first):
    """The people freed (or missing) are the people the same sentence says were taken: a count of
    those detained, compared with another report's ("not seen since X" dates X, no time window)."""
    from factfinder.pipeline import analyse

    other = "Gunmen abducted six aid workers from their compound near the border on Thursday."
    rc = [ReportClaims(k, "s", k, k, tuple(report_claims(analyse(Report(id=k, text=t, published="2026-03-09")))))
          for k, t in (("a1", first), ("a2", other))]
    [card] = [d for d in find_disputes(rc) if d.slot == "number"]
    assert card.about == "people detained" and card.hard and {v.value for v in card.values} == {"5", "6"}


@pytest.mark.parametrize("other, value", [
    ("A military helicopter fired rockets at the market in Arvenia on Sunday, killing six people.", "helicopter"),
    ("Artillery shelling hit the market in Arvenia on Sunday, killing six people.", "ground fire"),
    ("An air strike hit the market in Arvenia on Sunday, killing six people.", None),  # any aircraft
    ("Bombs fell on the market in Arvenia on Sunday, killing six people.", None),  # any platform's
])
def test_what_it_was_done_with(other, value):
    from factfinder.pipeline import analyse

    first = ("Military aircraft dropped two bombs on the market in Arvenia on Sunday, killing six people. "
             "Witnesses said a second Su-25 jet circled overhead.")
    rc = [ReportClaims(k, "s", k, k, tuple(report_claims(analyse(Report(id=k, text=t, published="2026-03-09")))))
          for k, t in (("m1", first), ("m2", other))]
    cards = [d for d in find_disputes(rc) if d.about == "what it was done with"]
    assert bool(cards) == bool(value), [(d.about, [v.value for v in d.values]) for d in cards]
    if value:
        assert cards[0].slot == "actor" and cards[0].hard
        assert {v.value for v in cards[0].values} == {"fixed-wing aircraft (Su-25)", value}


@pytest.mark.parametrize("other, hard", [
    ("Thousands of people have been displaced since the fighting began, officials said.", False),  # a precision
    ("Dozens of people have been displaced since the fighting began, officials said.", True),  # far fewer
    ("Tens of thousands of people have been displaced since the fighting began, officials said.", False),
    ("About 5,000 people have been displaced since the fighting began, officials said.", True),
])
def test_a_scale_word_is_a_floor_told_without_precision(other, hard):
    """"more than 65,000" vs "thousands" differ in precision, not in fact (soft)."""
    from factfinder.pipeline import analyse

    first = "More than 65,000 people have fled their homes since the fighting began, the United Nations said."
    rc = [ReportClaims(k, "s", k, k, tuple(report_claims(analyse(Report(id=k, text=t, published="2026-03-09")))))
          for k, t in (("c1", first), ("c2", other))]
    [card] = [d for d in find_disputes(rc) if d.slot == "number"]
    assert card.hard == hard, card.reason


def test_a_comma_alone_joins_no_parts():
    from factfinder.pipeline import analyse

    for text, total in (("Of the 112 people arrested, 14 were women.", 112.0),
                        ("Fourteen officers and nine protesters were injured.", 9.0),  # two groups, no remainder
                        ("Eleven people were killed, seven of them children.", 11.0),
                        ("Police arrested 14 women and 98 others on Tuesday.", 112.0)):
        claims = [c for c in report_claims(analyse(Report(id="k", text=text, published="2026-05-14")))
                  if c.slot == "number" and c.subject == "people"]
        assert claims[0].lo == total, (text, claims)


@pytest.mark.parametrize("second, cards", [
    # two named people, differently worded: two statements, nothing to compare
    ('"Our families want justice for the victims of the massacre right now," said Sadia Kurma, a mother.', set()),
    # the same words given to another named person: who said it is disputed
    ('"We want justice for the victims of this massacre and we want it today," said Sadia Kurma, a mother.',
     {"attribution"}),
    # an unnamed speaker may be the same person: a reworded quote and who said it
    ('"Our families want justice for the victims of the massacre right now," said a lawyer who asked not to be named.',
     {"attribution", "quote_wording"}),
])
def test_two_peoples_statements_are_not_one_quote(second, cards):
    from factfinder.pipeline import analyse

    first = '"We want justice for the victims of this massacre and we want it today," said Tomas Reveno, a lawyer.'
    rc = [ReportClaims(k, "s", k, k, tuple(report_claims(analyse(Report(id=k, text=t, published="2026-05-14")))))
          for k, t in (("q1", first), ("q2", second))]
    found = {d.slot for d in find_disputes(rc) if d.slot in ("attribution", "quote_wording")}
    assert found == cards


def test_a_direction_is_no_place_of_the_happening():
    """"in the West" geocoded to a town called West decides no place."""
    from factfinder.pipeline import analyse

    a = analyse(Report(id="k", text="Soldiers killed 12 villagers in the West on Sunday, residents said.",
                       published="2026-03-09"))
    assert not [c for c in report_claims(a) if c.slot == "place"]


@pytest.mark.parametrize("other, disputed", [
    ("The blogger, who has been jailed since 2020, was moved to another prison on Monday.", True),
    ("The blogger, in custody since 2021, was moved to another prison on Monday.", False),  # the year of it
    ("Police have detained 300 people since January, rights groups say.", False),  # a counting window
])
def test_start_of_a_detention(other, disputed):
    from factfinder.pipeline import analyse

    first = "The blogger has been held since March 2021, his family said."
    rc = [ReportClaims(k, "s", k, k, tuple(report_claims(analyse(Report(id=k, text=t, published="2026-03-09")))))
          for k, t in (("d1", first), ("d2", other))]
    cards = [d for d in find_disputes(rc) if d.about == "start of the detention date"]
    assert bool(cards) == disputed, [(d.about, [v.value for v in d.values]) for d in cards]
    if disputed:
        assert cards[0].hard and {v.value for v in cards[0].values} == {"2021-03", "2020"}


def test_stage_told_in_the_passive_and_within_its_sentence():
    from factfinder.pipeline import analyse

    texts = {"i1": "The offensive began in 2019. The government said an inquiry would be opened.",
             "i2": "The interior minister said an investigation had been opened into the shooting."}
    claims = {k: [c for c in report_claims(analyse(Report(id=k, text=t))) if c.predicate == "stage"]
              for k, t in texts.items()}
    # "began in 2019. The government said an inquiry" is no inquiry begun: the object stays in its sentence
    assert [(c.value, c.span.text) for c in claims["i1"]] == [("investigation (planned)", "inquiry")]
    assert [c.value for c in claims["i2"]] == ["investigation"]
    [card] = find_disputes([ReportClaims(k, "s", k, k, tuple(v)) for k, v in claims.items()])
    assert not card.hard and "planned in one report" in card.reason


def test_a_gazetteer_guess_is_no_place():
    """An unknown town the gazetteer answers with its nearest spelling of another decides nothing."""
    from factfinder.pipeline import analyse

    a = analyse(Report(id="k",
                       text="Troops opened fire on protesters in the town of Karvesh on 14 March, killing six people.",
                       published="2026-03-20"))
    places = [c for c in report_claims(a) if c.slot == "place"]
    assert all(c.value.lower().startswith("karv") for c in places), [c.value for c in places]


# --------------------------------------------------------------------------- multi-report stories
# Invented stories of 3-4 reports each (several outlets, a wire copy), one class of disagreement
# or of agreement told differently per assertion: totals vs parts, qualifiers and rounding, later
# tolls, time windows, done vs planned, counted days, disputed reports, stages, speaker spellings.

STORIES = {
    "blast": [
        ("b1", "Halvard Post", "2026-04-10", None,
         "MOMBASA, Kenya (Halvard Post) - A car bomb exploded at a crowded market in the Kenyan port city of "
         "Mombasa on Thursday morning, killing 23 people, among them eight children, and wounding about 40, "
         "the county health office said.\n\n\"We have never seen anything like this in our city,\" said county "
         "governor Abdelkarim Fessou, who visited the site in the afternoon.\n\nNo group has claimed "
         "responsibility. Police said they had detained two suspects."),
        ("b2", "Coastal Daily (Halvard Post copy)", "2026-04-10", "b1",
         "MOMBASA, Kenya (Halvard Post) - A car bomb exploded at a crowded market in the Kenyan port city of "
         "Mombasa on Thursday morning, killing 23 people, among them eight children, and wounding about 40, "
         "the county health office said.\n\n\"We have never seen anything like this in our city,\" said county "
         "governor Abdelkarim Fessou."),
        ("b3", "Radio Pwani", "2026-04-11", None,
         "Eight children and 15 other people died when a car bomb went off at the Mombasa market on Thursday, "
         "hospital staff said. Dozens were wounded.\n\nGovernor Abdel-Karim Fesou said: \"We have never seen "
         "anything like this in our city.\"\n\nThe police commander, Joyce Wanjiru-Tembo, said three suspects "
         "had been arrested and would be charged."),
        ("b4", "The Harbour Standard", "2026-04-12", None,
         "The death toll from Thursday's car bombing in Mombasa has risen to 31, officials said on Saturday. "
         "Since January, attacks in the coastal region have killed more than 200 people, according to a "
         "monitoring group.\n\nMr Fessou, the governor, said the city would hold three days of mourning."),
    ],
    "fishermen": [
        ("f1", "Gulf Observer", "2026-05-03", None,
         "DOHA - Coastguards released 12 fishermen on Saturday, nine days after they were detained off the coast "
         "for fishing without a permit, the interior ministry said. \"They are all in good health and have "
         "returned to their families,\" ministry spokesman Faisal al-Marri said."),
        ("f2", "Peninsula Times", "2026-05-02", None,
         "DOHA - The 12 fishermen detained last month will be released on Monday, the interior ministry said on "
         "Friday. Spokesman Faisal Al Marri said they would be handed to their embassy."),
        ("f3", "Fishers' Voice", "2026-05-04", None,
         "The 14 fishermen seized by coastguards on April 24 remain in detention, their union said on Sunday, "
         "denying reports that they had been freed. Since January, coastguards have detained 140 fishermen "
         "from the region."),
    ],
    "inquiry": [
        ("i1", "Justice Monitor", "2026-06-02", None,
         "THE HAGUE - The prosecutor of the International Criminal Court has opened a preliminary examination "
         "into alleged crimes against civilians in the east of the country, her office said on Monday. The "
         "examination will decide whether there is a reasonable basis to open an investigation."),
        ("i2", "Global Law Wire", "2026-06-02", None,
         "THE HAGUE - The International Criminal Court prosecutor on Monday opened an investigation into alleged "
         "crimes against civilians in the east of the country, her office said. Rights groups welcomed it."),
        ("i3", "Lowland Post", "2026-06-03", None,
         "The prosecutor will open a preliminary examination into the killings, a spokesman said, after rights "
         "groups submitted a complaint on May 12."),
        ("i4", "Court Watch", "2026-06-03", None,
         "Rights groups filed their complaint with the court on May 19, a spokesman for the coalition said on "
         "Tuesday."),
    ],
    "hotel": [
        ("h1", "Horn Wire", "2026-07-08", None,
         "MOGADISHU, Somalia (Horn Wire) - Gunmen stormed a hotel in central Mogadishu on Tuesday evening, "
         "killing at least nine people, police said.\n\n\"The attackers were wearing military uniforms and came "
         "in through the kitchen,\" police spokesman Abdirahman Yusuf Warsame told reporters."),
        ("h2", "Capital Radio (Horn Wire copy)", "2026-07-08", "h1",
         "MOGADISHU, Somalia (Horn Wire) - Gunmen stormed a hotel in central Mogadishu on Tuesday evening, "
         "killing at least nine people, police said.\n\n\"The attackers were wearing military uniforms and came "
         "in through the kitchen,\" police spokesman Abdirahman Yusuf Warsame told reporters."),
        ("h3", "Shabelle Courier", "2026-07-09", None,
         "At least 11 people were killed when gunmen attacked a hotel in Mogadishu on Tuesday night, officials "
         "said.\n\nPolice spokesman Abdirahman Yussuf said: \"The attackers were wearing army uniforms and came "
         "in through the kitchen.\""),
        ("h4", "East Africa Review", "2026-07-10", None,
         "\"The attackers wore military uniforms and entered through the kitchen,\" Mr Warsame, the police "
         "spokesman, said of Tuesday's assault on the hotel, in which nine people died."),
    ],
    "governor": [
        ("g1", "Coast Wire", "2026-04-10", None,
         "A car bomb killed 23 people at a market in Mombasa on Thursday. \"We have never seen anything like this "
         "in our city,\" said county governor Abdelkarim Fessou, who visited the site."),
        ("g2", "Radio Pwani", "2026-04-11", None,
         "A car bomb killed 23 people at the Mombasa market on Thursday. \"We have never seen anything like this "
         "in our city,\" the governor said after visiting the site."),
        ("g3", "Island Post", "2026-04-11", None,
         "A car bomb killed 23 people at the Mombasa market on Thursday. \"We have never seen anything like this "
         "in our city,\" a police spokesman said."),
    ],
}


@pytest.fixture(scope="module")
def story_cards():
    """Each story's dispute cards by what they are about (several cards of one kind: a list)."""
    from factfinder.pipeline import analyse

    out = {}
    for story, rows in STORIES.items():
        rc = [ReportClaims(rid, story, origin or rid, outlet, tuple(report_claims(
            analyse(Report(id=rid, outlet=outlet, published=day, text=text)))))
            for rid, outlet, day, origin, text in rows]
        cards: dict[str, list] = {}
        for d in find_disputes(rc):
            cards.setdefault(d.about, []).append(d)
        out[story] = cards
    return out


def _values(card) -> dict[str, set[str]]:
    return {v.value: {r.id for r in v.reports} for v in card.values}


def test_story_totals_parts_later_tolls_and_windows(story_cards):
    cards = story_cards["blast"]
    # "eight children and 15 other people" is the wire's 23; the toll that "has risen to 31" is a
    # later count, not a rival: no card; "since January ... more than 200" is another window
    assert "people killed" not in cards
    assert all("200" not in v.value for d in cards.values() for c in d for v in c.values)
    # "about 40" and "dozens" differ in precision only
    assert not cards["people wounded"][0].hard
    # the governor spelt three ways and quoted in the same words by the wire and its copy: no card
    assert not [a for a in cards if a.startswith(("who said", "wording of"))]


def test_story_done_vs_planned_counted_days_and_denied_reports(story_cards):
    cards = story_cards["fishermen"]
    [free] = cards["whether the people detained are free"]
    # "denying reports that they had been freed" is what the union disputes, not what it says
    assert free.hard and _values(free)["released"] == {"f1"} and _values(free)["in custody"] == {"f3"}
    # released on Saturday vs "will be released on Monday": a day set against a day done
    [release] = cards["day of the release"]
    assert not release.hard and "(planned)" in " ".join(_values(release))
    # "nine days after" is reckoned from another day: one day off is no hard clash
    [taken] = cards["day of the happening"]
    assert not taken.hard and "counted" in taken.reason


def test_story_stages_and_submission_days(story_cards):
    cards = story_cards["inquiry"]
    [stage] = cards["stage of the inquiry"]
    values = _values(stage)
    assert not stage.hard
    assert values["preliminary examination"] == {"i1"} and values["investigation"] == {"i2"}
    # "a reasonable basis to open an investigation" opens none
    assert "i1" not in values["investigation"]
    [filed] = cards["day of the submission (referral, complaint, filing)"]
    assert filed.hard and set(_values(filed)) == {"2026-05-12", "2026-05-19"}


def test_story_speaker_spellings_and_wire_copies(story_cards):
    cards = story_cards["hotel"]
    [wording] = [d for a, ds in cards.items() if a.startswith("wording of") for d in ds]
    assert not wording.hard and {r.id for v in wording.values for r in v.reports} == {"h1", "h2", "h3", "h4"}
    # the wire and its copy count once: "at least nine" has one origin behind it
    [killed] = cards["people killed"]
    assert killed.hard and {v.value: v.support for v in killed.values}["at least 9"] == 1


def _ingested_cards(tmp_path, name, rows) -> dict[tuple[str, str], tuple]:
    """Cards after ingesting ``rows`` (in that order), keyed by what they are about: hard or soft and
    each value with its support (story ids follow the first report seen, so ids are not compared)."""
    db = tmp_path / f"{name}.db"
    _cli("ingest", str(_reports(tmp_path, rows)), "--db", str(db), "--no-progress")
    out = {}
    for c in json.loads(_cli("contradictions", "--db", str(db), "--json", "--limit", "1000"))["items"]:
        out[(c["slot"], c["about"])] = (c["hard"], tuple(sorted((v["value"], v["support"]) for v in c["values"])),
                                        frozenset(r["id"] for v in c["values"] for r in v["reports"]))
    return out


def test_copies_and_input_order_through_ingest(tmp_path):
    """Through ingest (fusion finds the copies itself): N republications of a report change no
    dispute's existence, hardness or support, only the reports listed; input order changes nothing."""
    rows = [{"id": rid, "outlet": outlet, "published": day, "text": text}
            for rid, outlet, day, origin, text in STORIES["hotel"] if origin is None]
    copies = [dict(rows[0], id=f"repost-{n}", outlet=f"Reposter {n}",
                   text=rows[0]["text"] + "\n\nThis article was republished under a content-sharing agreement.")
              for n in range(4)]
    base = _ingested_cards(tmp_path, "base", rows)
    with_copies = _ingested_cards(tmp_path, "copies", rows + copies)
    shuffled = _ingested_cards(tmp_path, "shuffled", random.Random(3).sample(rows + copies, len(rows + copies)))
    assert base and base.keys() == with_copies.keys() == shuffled.keys()
    for key, (hard, supports, reports) in base.items():
        assert with_copies[key][:2] == (hard, supports), key
        assert with_copies[key][2] >= reports
    assert shuffled == with_copies
    assert any(r.startswith("repost-") for _, _, reports in with_copies.values() for r in reports)


def test_story_a_speaker_told_by_role_is_the_named_one(story_cards):
    """"the governor said" is the county governor another report names; "a police spokesman" is
    someone else (a soft dispute about who said it)."""
    [who] = [d for a, ds in story_cards["governor"].items() if a.startswith("who said") for d in ds]
    assert not who.hard and _values(who) == {"Abdelkarim Fessou": {"g1", "g2"}, "a police spokesman": {"g3"}}


@pytest.mark.parametrize(("first", "second", "about"), [
    ("Security forces detained four lawyers in the port city of Sarnov on Monday after they defended "
     "striking dockers, their bar council said.",
     "Three lawyers who had represented striking dockers were detained in Sarnov on Monday, colleagues said.",
     "legal professionals detained"),
    ("Gunmen killed two doctors at a clinic outside Tavel on Sunday, local officials said.",
     "Three doctors were killed when gunmen stormed a clinic near Tavel on Sunday, a health official said.",
     "medical workers killed"),
    ("Five priests were abducted from a seminary in the north on Tuesday, the diocese said.",
     "Gunmen seized seven priests from a seminary in the north on Tuesday, a church official said.",
     "clergy detained"),
])
def test_counts_of_people_named_by_their_calling_are_compared(first, second, about):
    """Victims counted by profession or calling (lawyers, doctors, priests) are counts of people, and two
    outlets' different counts of them are a dispute; a total of people that includes some of them is
    another count, not the same one told differently."""
    from factfinder.pipeline import analyse

    rows = [analyse(Report(id=f"c{i}", outlet=f"Outlet {i}", published="2026-03-10", text=t))
            for i, t in enumerate((first, second))]
    rc = [ReportClaims(a.report.id, "s1", a.report.id, a.report.outlet, tuple(report_claims(a))) for a in rows]
    cards = {(d.slot, d.about): d for d in find_disputes(rc)}
    assert cards[("number", about)].hard


def test_a_total_that_includes_some_professionals_is_another_count():
    from factfinder.pipeline import analyse

    a = analyse(Report(id="t1", outlet="X", published="2026-03-10", text=(
        "Police detained 200 people at the march, including three lawyers, the monitoring group said.")))
    numbers = {(c.subject, c.predicate, c.value) for c in report_claims(a) if c.slot == "number"}
    assert numbers == {("people", "detained", "200"), ("legal professionals", "detained", "3")}


@pytest.mark.parametrize(("text", "want"), [
    ("Former detainees said they had been held in cells with more than 40 people and denied water.", set()),
    ("The detained men were kept in a tent holding about 60 people, relatives said.", set()),
    ("Police detained 25 people and held them in a classroom built for 30 students, the monitor said.",
     {("people", "detained", "25")}),
    ("Soldiers killed 12 people in a hall with 200 worshippers inside, witnesses said.",
     {("people", "killed", "12")}),
])
def test_how_many_a_room_holds_is_no_count_of_the_act(text, want):
    """A count after a room-like noun and "with"/"holding"/"built for" tells how full a place is; the
    act's verb elsewhere in the sentence must not make it a toll (it would dispute the real one)."""
    from factfinder.pipeline import analyse

    a = analyse(Report(id="room-1", outlet="X", published="2026-03-10", text=text))
    assert {(c.subject, c.predicate, c.value) for c in report_claims(a) if c.slot == "number"} == want


def test_names_of_one_person_meet_without_honorifics_and_in_any_order():
    from factfinder.derive.disputes import same_person

    assert same_person("Mr Osei", "Kwame Osei")
    assert same_person("Dr. K. Osei", "Kwame Osei")
    assert same_person("Osei Kwame Boateng", "Kwame Boateng")
    assert not same_person("Kwame Osei", "Ama Osei")
    assert not same_person("Mrs Mensah", "Mr Osei")


def test_roles_agree_by_office_and_rank_not_by_wording():
    from factfinder.derive.disputes import same_role

    assert same_role("lawyer for the union", "the union's chief lawyer")
    assert same_role("deputy roads minister", "deputy minister for roads")
    assert same_role("spokeswoman", "army spokesperson")
    assert not same_role("minister", "deputy minister")
    assert not same_role("director", "former director")
    assert not same_role("camp manager", "secretary of the camp committee")
    assert not same_role("nurse", "driver")
    assert same_role("doctor at the hospital", "hospital director")  # a calling and a post may both hold
    # roles that name no one post (a head, a description) may all be true of one person
    assert same_role("head of the transitional council", "presidential challenger")


def test_a_source_called_mr_x_is_the_named_source_of_another_report():
    from factfinder.derive.disputes import same_body

    assert same_body("Mr Osei", "Kwame Osei")
    assert not same_body("Mr Osei", "Kwame Mensah")


@pytest.mark.parametrize("text, key", [
    ("The bank in Olvana was stormed by gunmen dressed in police uniforms on Monday, witnesses said.",
     "state forces (by appearance)"),
    ("Gunmen in army fatigues opened fire on a bus near Olvana on Monday, killing two passengers.",
     "state forces (by appearance)"),
    ("Four teachers were forced into a lorry near Olvana by men wearing Kanyoro Front uniforms on Monday.",
     "named kanyoro front (by appearance)"),
    ("Men wearing black clothes were seen near the market in Olvana on Monday, residents said.", None),
    ("People wearing Unity Party uniforms marched through Olvana on Monday, singing.", None),
])
def test_doers_told_only_by_their_uniforms_are_read_when_no_event_names_them(text, key):
    from factfinder.derive.claims import _doers_seen
    from factfinder.pipeline import analyse
    from factfinder.records import Report

    a = analyse(Report(id="seen-1", url=None, outlet="Test Post", published="2026-10-10", dateline=None,
                       title=None, text=text))
    assert [c.key for c in _doers_seen(a)] == ([key] if key else [])


@pytest.mark.parametrize("text, want", [
    ("The Sudanese army denied hitting the school near Wakoro on Sunday.", [("Sudanese army", "denied")]),
    ("The Sudanese army declined to comment on the strike near Wakoro.", [("Sudanese army", "declined to comment")]),
    # the outlet's own "could not confirm" is no party's answer
    ("Test Post could not confirm the toll of the strike near Wakoro independently.", []),
])
def test_a_party_s_answer_is_read_with_the_party(text, want):
    from factfinder.derive.claims import response_claims
    from factfinder.pipeline import analyse
    from factfinder.records import Report

    a = analyse(Report(id="resp-1", url=None, outlet="Test Post", published="2026-03-04", dateline=None,
                       title=None, text=text))
    assert [(c.subject[len("response of: "):], c.value) for c in response_claims(a)] == want


@pytest.mark.parametrize("text, want", [
    ("Police said 300 people had been detained in the region in the last two weeks, and 30 men on Monday.",
     {300: "detained overall", 30: "detained"}),
    ("Since January, 40 people have been detained by the coastguard, and four on Sunday.",
     {40: "detained overall", 4: "detained"}),
    ("More than 80 people have been killed in the province this year, and nine on Tuesday.",
     {80: "killed overall", 9: "killed"}),
])
def test_a_day_s_count_beside_a_cumulative_one_is_the_day_s(text, want):
    from factfinder.derive.claims import number_claims
    from factfinder.pipeline import analyse
    from factfinder.records import Report

    a = analyse(Report(id="day-1", url=None, outlet="Test Post", published="2026-08-21", dateline=None,
                       title=None, text=text))
    got = {int(c.lo or 0): c.predicate for c in number_claims(a)}
    assert got == want  # "two weeks" counts no one
