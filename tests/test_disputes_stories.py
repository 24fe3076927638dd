"""Disputes on invented multi-report stories (tests/disputes_stories.py): each class of issue 12
(totals vs parts, ranges, time windows, stages, done vs planned, two people's statements, speaker
spellings, publication vs event date, a toll revised upward, who asserts a status, wire copies)
through the real pipeline and fuser, scored card by card against the stories' own gold."""

from __future__ import annotations

import random

import pytest

import disputes_stories as ds


@pytest.fixture(scope="module")
def told():
    """Story name -> its analyses (parsed once for the module)."""
    return {s["name"]: ds.analyses(s) for s in ds.STORIES}


def _story(name: str) -> dict:
    return next(s for s in ds.STORIES if s["name"] == name)


def _cards(told, name: str) -> list[dict]:
    return ds.cards(told[name])


def test_every_card_on_the_stories_is_a_real_disagreement(told):
    right = wrong = found = gold = 0
    for story in ds.STORIES:
        r, w, f, g = ds.score(story, _cards(told, story["name"]))
        right, wrong, found, gold = right + r, wrong + w, found + f, gold + g
        assert w == 0, (story["name"], _cards(told, story["name"]))
    # one gold item is known to be missed: the story linker puts the report giving a day's count beside a
    # two-week window in a story of its own (the claim itself is the day's: test_disputes.py)
    assert found >= gold - 1 and right >= 9


@pytest.mark.parametrize("name", ["totals-arrests", "totals-ferry", "windows-offensive", "revised-toll",
                                  "two-speakers", "speaker-spellings", "windows-detentions", "roles-agree",
                                  "responses-agree"])
def test_stories_without_a_disagreement_raise_no_card(told, name):
    assert _cards(told, name) == []


def test_a_part_told_alone_is_no_rival_total_but_another_total_is(told):
    # "14 students were arrested" against "112 arrested, among them 14 students": silent
    assert not _cards(told, "totals-arrests")
    # 31 killed against "23 killed, among them nine children": a card, and nine children is no side
    [card] = [c for c in _cards(told, "totals-market") if c["slot"] == "number"]
    assert card["hard"] and {v["value"] for v in card["values"]} == {"23", "31"}


def test_one_figure_with_and_without_a_hedge_agrees(told):
    from factfinder.derive.claims import report_claims
    from factfinder.derive.disputes import same_figure

    a, b, c = (next(x for x in report_claims(an) if x.slot == "number") for an in told["windows-offensive"])
    assert same_figure(b, c)  # "120" and "at least 120"
    assert not same_figure(a, b)  # 40 in the first week, another window and another figure


def test_a_range_keeps_both_ends(told):
    from factfinder.derive.claims import report_claims

    first = next(c for c in report_claims(told["ranges-flood"][0]) if c.slot == "number")
    assert (first.lo, first.hi, first.precision, first.value) == (2000.0, 3000.0, "range", "2,000 to 3,000")
    [card] = _cards(told, "ranges-flood")
    assert card["hard"] and any("9,000" in v["value"] for v in card["values"])


def test_a_toll_revised_upward_is_no_dispute_but_a_lower_one_is():
    from factfinder.derive.disputes import ReportClaims, find_disputes
    from factfinder.pipeline import analyse
    from factfinder.records import Report

    def claims(rid: str, text: str, published: str) -> ReportClaims:
        from factfinder.derive.claims import report_claims

        return ReportClaims(rid, "s", rid, rid, tuple(report_claims(analyse(Report(id=rid, text=text,
                                                                                   published=published)))), published)

    first = claims("u-1", "A landslide buried a village in Nepal on Monday, killing 14 people, police said.",
                   "2026-08-04")
    up = claims("u-2", "The death toll from Monday's landslide in Nepal has risen to 26, police said.", "2026-08-05")
    down = claims("u-3", "The death toll from Monday's landslide in Nepal has risen to 9, police said.", "2026-08-05")
    assert not [d for d in find_disputes([first, up]) if d.slot == "number"]
    assert [d for d in find_disputes([first, down]) if d.slot == "number"]


def test_counts_as_of_two_days_are_one_count_at_two_times(told):
    from factfinder.derive.claims import report_claims

    # "40 by Tuesday" and "52 by Friday": one toll that rose; "35 by Friday" against both clashes
    # (a count as of a later day cannot be lower, nor two counts as of one day differ)
    [card] = _cards(told, "windows-as-of")
    assert card["slot"] == "number" and card["hard"]
    assert {v["value"] for v in card["values"]} == {"35", "40", "52"}
    first = next(c for c in report_claims(told["windows-as-of"][0]) if c.slot == "number")
    assert first.stage == "as of 2026-06-02"
    # the day a count stood is not the day the floods happened
    assert not [c for an in told["windows-as-of"] for c in report_claims(an) if c.slot == "date"]
    # without the window the two detention counts published three days apart would be rivals
    assert not _cards(told, "windows-detentions")


def test_a_later_higher_count_without_a_window_or_revision_word_is_still_a_dispute():
    from factfinder.derive.claims import report_claims
    from factfinder.derive.disputes import ReportClaims, find_disputes
    from factfinder.pipeline import analyse
    from factfinder.records import Report

    def claims(rid: str, text: str, published: str) -> ReportClaims:
        return ReportClaims(rid, "s", rid, rid, tuple(report_claims(analyse(Report(id=rid, text=text,
                                                                                   published=published)))), published)

    a = claims("w-1", "Gunmen killed 11 villagers in northern Nigeria on Sunday, police said.", "2026-10-05")
    b = claims("w-2", "Gunmen killed 19 villagers in northern Nigeria on Sunday, residents said.", "2026-10-07")
    c = claims("w-3", "Gunmen had killed 19 villagers in northern Nigeria by Tuesday, residents said.", "2026-10-07")
    assert [d for d in find_disputes([a, b]) if d.slot == "number" and d.hard]
    assert not [d for d in find_disputes([a, c]) if d.slot == "number"]


def test_doers_seen_in_uniforms_against_doers_named_is_a_soft_dispute(told):
    from factfinder.derive.claims import report_claims
    from factfinder.pipeline import analyse
    from factfinder.records import Report

    [card] = _cards(told, "doers-by-appearance")
    assert card["slot"] == "actor" and not card["hard"]
    seen = next(v for v in card["values"] if "uniforms" in v["value"])
    assert {r["id"] for r in seen["reports"]} == {"ap-2", "ap-3"}  # "wearing" and "dressed in" are one value
    # clothing that names nothing decides nothing; a named group's armbands name it
    def doer(text: str) -> list[str]:
        an = analyse(Report(id="ap-x", text=text, published="2026-11-03"))
        return [c.key for c in report_claims(an) if c.predicate == "perpetrator"]
    assert doer("Men in black clothes shot dead four traders at a market in Kaduna on Friday, witnesses said.") == []
    assert doer("Three aid workers were seized on Monday by armed men wearing Free Valley Front armbands, "
                "their agency said.") == ["named free valley front (by appearance)"]


def test_a_day_after_publication_is_no_stated_day(told):
    # "shells hit the town market on Tuesday" read as next Tuesday: no day-of-the-happening card
    assert not [c for c in _cards(told, "totals-market") if c["slot"] == "date"]
    [card] = _cards(told, "pubdate-fire")  # the undated report takes no part; Monday vs Sunday does
    assert card["slot"] == "date" and {r["id"] for v in card["values"] for r in v["reports"]} == {"pd-2", "pd-3"}


def test_a_date_belongs_to_the_act_before_it(told):
    from factfinder.derive.claims import report_claims

    done = report_claims(told["planned-release"][1])  # "detained ... on Saturday were released on Monday"
    days = {c.subject: c.key for c in done if c.slot == "date"}
    assert days == {"happening": "2026-10-03", "release": "2026-10-05"}
    assert not [c for c in _cards(told, "planned-release") if c["slot"] == "date"]


def test_each_side_names_its_asserter(told):
    [card] = _cards(told, "asserter-hostages")
    sides = {v["value"]: {(r["id"], (r["asserter"] or "").lower()) for r in v["reports"]} for v in card["values"]}
    assert ("as-3", "the rebels") in sides["released"] and ("as-3", "employer") in sides["in custody"]
    assert ("as-2", "families") in sides["in custody"]
    assert "as-3 reports both" in card["reason"]


def test_wire_copies_count_once_and_the_outlet_speaks_when_no_one_is_quoted(told):
    [card] = _cards(told, "wire-copies")
    by = {v["value"]: v for v in card["values"]}
    assert by["11"]["support"] == 1 and len(by["11"]["reports"]) == 3
    assert all(r["asserter"] for v in card["values"] for r in v["reports"])


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_ids_and_cards_do_not_depend_on_input_order(told, seed):
    for story in ds.STORIES:
        an = told[story["name"]]
        want = sorted((c["id"], c["slot"], c["hard"], tuple(v["value"] for v in c["values"]))
                      for c in ds.cards(an))
        order = random.Random(seed).sample(range(len(an)), len(an))
        got = sorted((c["id"], c["slot"], c["hard"], tuple(v["value"] for v in c["values"]))
                     for c in ds.cards(an, order))
        assert got == want, story["name"]


def test_short_and_long_spellings_of_one_speaker_are_one_identity():
    from factfinder.derive.disputes import ReportClaims, find_disputes, same_identity
    from factfinder.pipeline import analyse
    from factfinder.records import Report
    from factfinder.derive.claims import report_claims

    assert same_identity("A. K. Mbeleko", "A. K. Mbeleko Tarawa")
    assert same_identity("J. Orlen", "J. Orlen Vasquez")
    assert not same_identity("A. K. Mbeleko", "Teodor Amsel")
    texts = {
        "sh-1": "\"We will rebuild every school the water took from this district,\" said R. T. Kolvane, the mayor.",
        "sh-2": "\"We will rebuild each school that the water took from this district,\" said R. T. Kolvane Brask, "
                "the mayor of the town.",
        "sh-3": "\"We will rebuild all the schools the water took from our district,\" Mayor Kolvane Brask said.",
    }
    rc = [ReportClaims(k, "s", k, k, tuple(report_claims(analyse(Report(id=k, text=t, published="2026-01-20")))))
          for k, t in texts.items()]
    cards = find_disputes(rc)
    assert not [d for d in cards if d.slot == "attribution"]  # one speaker, spelt short and long
    assert [d for d in cards if d.slot == "quote_wording"]  # the words do differ


def test_a_person_given_another_office_or_rank_is_a_soft_role_card(told):
    # "deputy minister for roads" (and "Mr Mensah, the deputy roads minister") against "the roads
    # minister": one person, two ranks; "Mr Mensah" is the "Kofi Adjei Mensah" of the other reports
    [card] = _cards(told, "roles-office")
    assert card["slot"] == "attribution" and not card["hard"]
    sides = {v["value"]: {r["id"] for r in v["reports"]} for v in card["values"]}
    assert sides["roads minister"] == {"ro-2"} and {"ro-1", "ro-3"} in sides.values()
    # the camp manager in one report, the secretary of the camp committee in another: two posts
    [card] = _cards(told, "roles-camp")
    assert {v["value"] for v in card["values"]} == {"camp manager", "secretary of the camp committee"}


def test_a_higher_count_is_a_revision_only_when_told_as_one(told):
    # the convention (docs/architecture.md, derive/disputes.py): "has risen to 31" after "12 killed"
    # is one toll updated; 14 told a day after the wire's 11 with no revision word is a rival figure;
    # and a rise told first does not explain a lower count another outlet gives later
    assert _cards(told, "revised-toll") == []
    [card] = [c for c in _cards(told, "wire-copies") if c["slot"] == "number"]
    assert card["hard"] and {v["value"] for v in card["values"]} == {"11", "14"}
    [card] = _cards(told, "revised-then-lower")
    assert card["hard"] and card["slot"] == "number"


def test_one_party_answering_three_ways_is_one_soft_card(told):
    # a denial, "no information" and no comment, each from the army as another outlet tells it
    [card] = _cards(told, "responses-school")
    assert card["slot"] == "attribution" and not card["hard"]
    assert {v["value"] for v in card["values"]} == {"denied", "no information", "declined to comment"}


# ---------------------------------------------------------------- session 8: precision first, then the open classes

SURFACE_ONLY = ["p-rounding", "p-subcounts", "p-update", "p-dayparts", "p-titles"]
OPEN_CLASSES = ["c-response-owner", "c-response-army", "c-response-director",  # another party's answer
                "c-daypart-zone", "c-daypart-lastnight", "c-daypart-small-hours",  # evening / next small hours
                "c-update-toll", "c-update-rose-on", "c-update-bodies"]  # the day of an update


@pytest.mark.parametrize("name", SURFACE_ONLY + OPEN_CLASSES)
def test_surface_differences_raise_no_card(told, name):
    assert _cards(told, name) == []


@pytest.mark.parametrize("name,between", [("c-group-province", "ga-1"), ("c-group-night", "gb-2"),
                                           ("c-group-region", "gc-1")])
def test_a_value_agreeing_with_two_clashing_values_takes_no_side(told, name, between):
    # a province holding two far-apart towns, "early Sunday" between "Saturday night" and "Sunday evening":
    # the clash of the two is a card, and the value agreeing with both is on neither side
    [card] = [c for c in _cards(told, name) if c["slot"] in ("place", "date")]
    assert card["hard"] and ds.finds(card, _story(name)["gold"][0])
    assert between not in {r["id"] for v in card["values"] for r in v["reports"]}


@pytest.mark.parametrize("name,values", [("c-subgroup-exceeds", {"15", "21"}), ("c-subgroup-civilians", {"12", "15"})])
def test_tolls_naming_the_dead_differently_are_rival_tolls(told, name, values):
    # "12 civilians" / "15 people" of one strike: a card, as the development gold marks such pairs
    [card] = [c for c in _cards(told, name) if c["slot"] == "number"]
    assert card["hard"] and {v["value"] for v in card["values"]} == values


def test_a_response_cue_with_another_subject_is_not_the_speakers_answer(told):
    from factfinder.derive.claims import report_claims

    owner, _ = told["c-response-owner"]
    assert not [c for c in report_claims(owner) if c.subject.startswith("response of: ")]
    # the speaker's own answer, told with a pronoun, stays his
    _, spokesman = told["c-response-director"]
    [answer] = [c for c in report_claims(spokesman) if c.subject.startswith("response of: ")]
    assert answer.value == "no information" and answer.ref == "A ministry spokesman"


def test_rounding_is_no_dispute_but_a_bound_and_far_figure_are():
    from factfinder.derive.disputes import rounded
    from factfinder.records import SlotClaim, Span

    def n(value, lo, hi, precision, qualifier=None):
        return SlotClaim("r", "people", "killed", "number", value, f"{lo:g}-{hi:g}", Span("r", 0, 1, "x"),
                         lo=lo, hi=hi, precision=precision, qualifier=qualifier)
    exact = n("47", 47, 47, "exact")
    assert rounded(exact, n("about 50", 42.5, 57.5, "approximate", "about"))
    assert rounded(n("nearly 50", 25, 57.5, "upper bound", "nearly"), exact)
    assert not rounded(n("nearly 50", 25, 57.5, "upper bound", "nearly"), n("53", 53, 53, "exact"))
    assert not rounded(exact, n("about 70", 60, 80, "approximate", "about"))
    assert not rounded(n("45", 45, 45, "exact"), n("at least 37", 37, 37, "lower bound", "at least"))


@pytest.mark.parametrize("sentence, direction", [
    ("the death toll from the flood in teluria had risen to 23, police said.", "up"),
    ("the toll from the varnok blast climbed to 38 on wednesday.", "up"),
    ("officials revised the toll from the crash near dremvale down to 14.", "down"),
    ("the ministry lowered the toll from the storm to 8.", "down"),
    ("the number of dead from the korvath fire now stands at 27.", "level"),
    ("the number of dead was corrected to 30 after a review.", "level"),
    ("homes in ostrel were reduced to rubble, 12 people were killed.", None),
    ("floods killed 12 people in the valley.", None),
    ("crowds raised banners in varnok as police detained 40 people.", None),
    ("the party rose to power after the coup as troops detained 40 people.", None),
])
def test_a_revision_is_read_with_its_direction(sentence, direction):
    from factfinder.derive.claims import revision

    at = next(i for i, ch in enumerate(sentence) if ch.isdigit())
    assert revision(sentence, at) == direction


@pytest.mark.parametrize("name", ["revision-down", "revision-had-risen", "revision-in-one-report"])
def test_revisions_told_in_other_words_raise_no_card(told, name):
    # "revised down to 14" after 18, "had risen to 23" / "now stands at 27" after nine, and one report
    # telling 12 then "the toll had climbed to 17" beside outlets giving 12 and 17: later counts of one slot
    assert _cards(told, name) == []


def test_a_toll_without_a_unit_is_a_claim_about_people(told):
    from factfinder.derive.claims import report_claims

    for an in told["revision-had-risen"][1:]:
        [c] = [c for c in report_claims(an) if c.slot == "number"]
        assert (c.subject, c.predicate, c.precision) == ("people", "killed", "revised")
    # "now stands at 27" tells the day a count is given, not a day of the fire
    assert not [c for c in report_claims(told["revision-had-risen"][2]) if c.slot == "date"]


def test_a_report_revising_its_own_count_claims_the_revised_one(told):
    from factfinder.derive.claims import report_claims
    from factfinder.derive.disputes import ReportClaims, find_disputes

    first = told["revision-in-one-report"][0]
    values = [c.value for c in report_claims(first) if c.slot == "number"]
    assert values == ["12", "revised 17"]
    # against a count published a week later of the first figure alone, the report's word is its 17
    later = ReportClaims("x-2", "s", "x-2", "Later Outlet", tuple(report_claims(told["revision-in-one-report"][1])),
                         "2026-10-20")
    mine = ReportClaims("x-1", "s", "x-1", "Teluria Times", tuple(report_claims(first)), "2026-10-12")
    [card] = [d for d in find_disputes([mine, later]) if d.slot == "number"]
    assert {v.value for v in card.values} == {"12", "revised 17"}


def test_two_revisions_the_same_day_disagree_and_a_revision_down_cannot_rise(told):
    [card] = _cards(told, "revision-rivals")
    assert card["hard"] and {v["value"] for v in card["values"]} == {"revised 31", "revised 44"}
    [card] = _cards(told, "revision-down-below")  # "revised down to 14" after ten killed
    assert card["hard"] and {v["value"] for v in card["values"]} == {"10", "revised 14"}


def test_revisions_a_day_apart_are_one_toll_but_reversed_they_clash():
    from factfinder.derive.disputes import ReportClaims, find_disputes
    from factfinder.pipeline import analyse
    from factfinder.records import Report

    def claims(rid: str, text: str, published: str) -> ReportClaims:
        from factfinder.derive.claims import report_claims

        return ReportClaims(rid, "s", rid, rid, tuple(report_claims(analyse(Report(id=rid, text=text,
                                                                                   published=published)))), published)

    monday = claims("w-1", "The death toll from the storm in Teluria has risen to 20, officials said.", "2026-02-02")
    tuesday = claims("w-2", "The death toll from the storm in Teluria rose to 35, officials said.", "2026-02-03")
    early = claims("w-3", "The death toll from the storm in Teluria rose to 35, officials said.", "2026-02-01")
    assert not [d for d in find_disputes([monday, tuesday]) if d.slot == "number"]
    # 35 a day before 20, both told as rises: the later cannot have risen from the earlier
    assert [d for d in find_disputes([monday, early]) if d.slot == "number"]


@pytest.mark.parametrize("name", ["revision-in-one-report", "revision-rivals", "revision-down"])
def test_copies_of_a_revising_report_change_support_never_existence(told, name):
    from factfinder.derive.claims import report_claims
    from factfinder.derive.disputes import ReportClaims, find_disputes

    base = [ReportClaims(a.report.id, "s", a.report.id, a.report.outlet, tuple(report_claims(a)), a.report.published)
            for a in told[name]]
    copies = [ReportClaims(f"{base[0].report_id}-copy-{n}", "s", base[0].report_id, f"Copy Outlet {n}",
                           base[0].claims, base[0].published) for n in range(4)]
    before = {d.id: (d.hard, [v.support for v in d.values]) for d in find_disputes(base)}
    after = {d.id: (d.hard, [v.support for v in d.values]) for d in find_disputes(base + copies)}
    assert before == after
    assert bool(before) == (name == "revision-rivals")


@pytest.mark.parametrize("text, predicate", [
    ("The number of injured in the Varnok blast climbed to 64 on Tuesday, doctors said.", "wounded"),
    ("The tally of displaced families in Ostrel rose to 1,200, aid workers said.", "displaced"),
    ("The death toll from the storm off Pellaro, Mozambique, has risen to 31, the navy said.", "killed"),
])
def test_a_toll_noun_tells_what_a_unitless_revised_figure_counts(text, predicate):
    from factfinder.derive.claims import report_claims
    from factfinder.pipeline import analyse
    from factfinder.records import Report

    [c] = [c for c in report_claims(analyse(Report(id="t-1", text=text, published="2026-04-01"))) if c.slot == "number"]
    assert (c.subject, c.predicate, c.precision) == ("people", predicate, "revised")
