"""Fusion across reports: the real corpus, plus rewritten variants, a wire copy and near-miss
distractors written for these tests."""

from __future__ import annotations

import dataclasses
import random

import pytest

from factfinder.derive.stories import (
    Fuser,
    FuseOptions,
    FuserState,
    dates_compatible,
    fuse,
    stories_pairwise_f1,
)
from factfinder.records import (
    Analysis,
    Event,
    Magnitude,
    Place,
    Report,
    Span,
    TimeValue,
    from_dict,
    to_dict,
)

REFERRAL = "estonia-icc-referral-2024"  # the story of the reports written below
CORPUS_REFERRAL = "lithuania-icc-referral-2024"  # the story key of ../shared/corpus (a data key only)

# --- reports written for these tests -------------------------------------------------------------

REWRITE_1 = (
    "Tallinn has asked the International Criminal Court to investigate alleged crimes against "
    "humanity committed by the government of Turkmen leader Berdy Oraznazarov, the Estonian "
    "Justice Ministry said on Monday.\n"
    "The referral, filed with the court's prosecutor in The Hague, accuses senior Turkmen officials "
    "of deportation, persecution and other inhumane acts towards ordinary citizens, many of whom fled to "
    "neighbouring Estonia after the disputed 2020 presidential election.\n"
    "Estonia is the first state to refer the situation in Turkmenistan to the court, the ministry said. "
    "Ashgabat does not recognise the jurisdiction of the court and has called such accusations political."
)
REWRITE_2 = (
    "Estonia takes Oraznazarov regime to The Hague\n"
    "The Estonian government on Monday submitted a referral to the International Criminal Court over "
    "the situation in Turkmenistan, saying there were reasonable grounds to believe that crimes against "
    "humanity, including deportation and persecution, have been committed against Turkmen civilians "
    "since May 2020.\n"
    "Exiled opposition leader Aylar Myratova welcomed the referral as a step towards "
    "accountability for the crackdown that followed the 2020 protests, in which hundreds of thousands "
    "of Turkmens fled the country."
)
WIRE_BOILERPLATE = (
    "\nCopyright 2024 The Associated Press. All rights reserved. This material may not be published, "
    "broadcast, rewritten or redistributed without permission.\n"
    "Sign up for our morning newsletter to get the day's top stories in your inbox."
)
SAME_ACTORS_OTHER_HAPPENING = (
    "Estonia will close two of its six border checkpoints with Turkmenistan from next month, the government "
    "in Tallinn said on Tuesday, citing security threats from the regime of Berdy Oraznazarov and a "
    "sharp rise in cigarette smuggling by balloon.\n"
    "Interior ministry officials said border guards had recorded hundreds of incursions this year. "
    "Turkmen state media called the decision hostile and said trucks would queue for days at the "
    "remaining crossings. Estonian hauliers warned of losses running into millions of euros."
)
PROTEST_WEEK_1 = (
    "Thousands of protesters rallied outside parliament in Tbilisi on Sunday for a fourth consecutive "
    "week, demanding a new election after the disputed October vote. Police used water cannon to "
    "disperse the crowd late at night and detained 25 people, the interior ministry said.\n"
    "Opposition leaders vowed to keep up the demonstrations until the governing party agreed to a rerun "
    "under international supervision."
)
PROTEST_WEEK_1_B = (
    "Police in Georgia's capital fired water cannon at demonstrators outside parliament late on Sunday "
    "as thousands rallied against the disputed October election result for a fourth week running. "
    "The interior ministry said 25 people were detained in Tbilisi.\n"
    "Opposition parties have demanded a rerun of the vote under international supervision."
)
PROTEST_WEEK_2 = (
    "Tens of thousands of people marched to parliament in Tbilisi on Sunday, the fifth weekend of "
    "protests against the result of the October election. Riot police blocked the main avenue and "
    "detained 40 demonstrators, the interior ministry said, after protesters threw fireworks.\n"
    "Opposition leaders said they would not recognise the new parliament and called for a rerun."
)
PROTEST_WEEK_2_B = (
    "Georgian riot police detained 40 people in Tbilisi on Sunday as tens of thousands marched on "
    "parliament for a fifth straight weekend of protests over the October election. Some protesters "
    "threw fireworks at police lines, the interior ministry said.\n"
    "The opposition refuses to take up its seats and wants a rerun of the vote."
)


def _report(rid: str, text: str, outlet: str, published: str | None, story: str) -> Report:
    return Report(id=rid, text=text, outlet=outlet, published=published, story=story)


def _written() -> list[Report]:
    return [
        _report("t-rewrite-1", REWRITE_1, "Baltic Daily Wire", "2024-09-30", REFERRAL),
        _report("t-rewrite-2", REWRITE_2, "Eastern Europe Monitor", "2024-10-01", REFERRAL),
        _report("t-border", SAME_ACTORS_OTHER_HAPPENING, "Baltic Daily Wire", "2024-10-15", "border"),
        _report("t-protest-1a", PROTEST_WEEK_1, "Caucasus Courier", "2024-11-03", "protest-w1"),
        _report("t-protest-1b", PROTEST_WEEK_1_B, "Black Sea Post", "2024-11-03", "protest-w1"),
        _report("t-protest-2a", PROTEST_WEEK_2, "Caucasus Courier", "2024-11-10", "protest-w2"),
        _report("t-protest-2b", PROTEST_WEEK_2_B, "Tbilisi Observer", "2024-11-11", "protest-w2"),
    ]


def _wire_copy(original: Report) -> Report:
    return Report(id="t-wire-copy", text="(AP) " + original.text + WIRE_BOILERPLATE,
                  outlet="Regional Gazette", published=original.published, story=original.story)


def _plain(reports: list[Report]) -> list[Analysis]:
    return [Analysis(report=r) for r in reports]


def _gold(reports: list[Report]) -> dict[str, str]:
    return {r.id: r.story for r in reports if r.story}


def _predicted(result) -> dict[str, str]:
    return {rid: s.id for s in result.stories for rid in s.report_ids}


# --- span and event helpers for hand-built analyses ----------------------------------------------


def span(report: Report, phrase: str) -> Span:
    start = report.text.index(phrase)
    return Span(report.id, start, start + len(phrase), phrase)


def event(report: Report, trigger: str, plover: str, sources: tuple[str, ...], targets: tuple[str, ...],
          **fields) -> Event:
    return Event(trigger=span(report, trigger), sentence=span(report, trigger), plover=plover,
                 sources=sources, targets=targets, **fields)


def day(report: Report, phrase: str, value: str, precision: str = "day", qualifier: str | None = None) -> TimeValue:
    return TimeValue(span=span(report, phrase), value=value, precision=precision, qualifier=qualifier)


def count(report: Report, phrase: str, quantity: float, unit: str, qualifier: str | None = None) -> Magnitude:
    return Magnitude(span=span(report, phrase), quantity=quantity, unit=unit, qualifier=qualifier,
                     lower_bound=qualifier in ("more than", "at least"))


# --- the real corpus -----------------------------------------------------------------------------


def test_real_corpus_referral_reports_form_one_story(corpus_reports):
    result = fuse(_plain(corpus_reports))
    by_label: dict[str, set[str]] = {}
    for r in corpus_reports:
        by_label.setdefault(r.story, set()).add(next(s.id for s in result.stories if r.id in s.report_ids))
    assert len(by_label[CORPUS_REFERRAL]) == 1, "the 7 referral reports must share one story"
    referral_story = next(iter(by_label[CORPUS_REFERRAL]))
    others = [r for r in corpus_reports if r.story != CORPUS_REFERRAL]
    assert len(others) == 3
    other_stories = {next(iter(by_label[r.story])) for r in others}
    assert referral_story not in other_stories and len(other_stories) == 3
    story = next(s for s in result.stories if s.id == referral_story)
    assert story.first_report == corpus_reports[0].id
    assert story.independent_outlets == 7
    assert stories_pairwise_f1(_predicted(result), _gold(corpus_reports))["f1"] == 1.0


def test_real_corpus_is_order_robust(corpus_reports):
    """Incremental fusion depends on arrival order; most orders must still cluster perfectly."""
    gold = _gold(corpus_reports)
    scores = []
    for seed in range(20):
        reports = corpus_reports[:]
        random.Random(seed).shuffle(reports)
        scores.append(stories_pairwise_f1(_predicted(fuse(_plain(reports))), gold)["f1"])
    assert sum(scores) / len(scores) >= 0.95
    assert min(scores) >= 0.8


def test_extended_corpus_with_variants_and_near_misses(corpus_reports):
    reports = list(corpus_reports) + _written() + [_wire_copy(corpus_reports[0])]
    result = fuse(_plain(reports))
    scores = stories_pairwise_f1(_predicted(result), _gold(reports))
    assert scores["f1"] >= 0.90, scores
    pred = _predicted(result)
    assert pred["t-border"] != pred[corpus_reports[0].id], "same actors, different happening"
    assert pred["t-protest-1a"] != pred["t-protest-2a"], "same kind of happening, a different week"
    assert pred["t-protest-1a"] == pred["t-protest-1b"]


def test_extended_corpus_shuffled_floor(corpus_reports):
    reports = list(corpus_reports) + _written() + [_wire_copy(corpus_reports[0])]
    gold = _gold(reports)
    scores = []
    for seed in range(10):
        random.Random(seed).shuffle(reports)
        scores.append(stories_pairwise_f1(_predicted(fuse(_plain(reports))), gold)["f1"])
    assert sum(scores) / len(scores) >= 0.90, scores


# --- copies --------------------------------------------------------------------------------------


def test_wire_copy_is_linked_and_not_independent(corpus_reports):
    original = corpus_reports[0]
    copy = _wire_copy(original)
    result = fuse(_plain(list(corpus_reports) + [copy]))
    assert (copy.id, original.id) in result.copies
    story = next(s for s in result.stories if original.id in s.report_ids)
    assert copy.id in story.report_ids and copy.id in story.copies
    assert story.independent_outlets == 7  # the copy's outlet does not count


def test_copy_seen_first_is_relinked_to_the_earlier_original(corpus_reports):
    original = corpus_reports[0]
    early = dataclasses.replace(original, published="2024-09-30")
    late_copy = dataclasses.replace(_wire_copy(original), published="2024-10-02")
    result = fuse(_plain([late_copy, early]))
    assert result.copies == ((late_copy.id, early.id),)


def test_rewrite_is_not_a_copy(corpus_reports):
    result = fuse(_plain([corpus_reports[0], _written()[0]]))
    assert result.copies == ()


# --- incremental and state -----------------------------------------------------------------------


def test_incremental_add_joins_existing_story(corpus_reports):
    # The real corpus first (other stories in the fuser), then one written report of the referral; a
    # second written report of the same referral added on its own joins that story.
    fuser = Fuser()
    for a in _plain(corpus_reports):
        fuser.add(a)
    referral = fuser.add(_plain([_written()[0]])[0])
    n_stories = len(fuser.stories())
    rewrite = _written()[1]
    assert fuser.add(Analysis(report=rewrite)) == referral
    assert len(fuser.stories()) == n_stories
    story = next(s for s in fuser.stories() if s.id == referral)
    assert rewrite.id in story.report_ids and story.independent_outlets == 2
    border = _written()[2]
    assert fuser.add(Analysis(report=border)) != referral
    assert fuser.add(Analysis(report=rewrite)) == referral  # re-adding is idempotent


def test_state_round_trip_rebuilds_the_same_fuser(corpus_reports):
    fuser = Fuser()
    for a in _plain(corpus_reports):
        fuser.add(a)
    state = from_dict(FuserState, to_dict(fuser.state()))
    rebuilt = Fuser.from_state(state)
    assert rebuilt.stories() == fuser.stories()
    extra = Analysis(report=_written()[0])
    assert rebuilt.add(extra) == fuser.add(extra)


# --- one happening told by two reports -----------------------------------------------------------

_EE, _TM = ("Estonia",), ("Berdy Oraznazarov",)


def _referral_pair(date_b: tuple[str, str, str, str | None] | None = None) -> tuple[Analysis, Analysis]:
    """The AP-like rewrite says Monday (2024-09-30); a second rewrite gives its own date."""
    phrase, value, precision, qualifier = date_b or ("on 19 May", "2024-05-19", "day", None)
    a = _report("c-a", REWRITE_1, "Baltic Daily Wire", "2024-09-30", REFERRAL)
    text_b = REWRITE_1.replace("said on Monday", f"said. The referral was filed {phrase}").replace(
        "Tallinn has asked", "Estonia asked")
    b = _report("c-b", text_b, "Daily Digest", "2024-09-30", REFERRAL)
    ev_a = event(a, "Tallinn has asked the International Criminal Court", "REQUEST", _EE, _TM,
                 date=day(a, "Monday", "2024-09-30"))
    ev_b = event(b, "Estonia asked the International Criminal Court", "REQUEST", _EE, _TM,
                 date=day(b, phrase, value, precision, qualifier))
    return Analysis(report=a, events=(ev_a,)), Analysis(report=b, events=(ev_b,))


def test_two_reports_of_one_happening_fuse_one_event_and_no_event_field_rows():
    """Where they disagree (Monday vs 19 May) is told by disputes over claims (tests/test_disputes.py),
    not by rows comparing the fused events' fields."""
    result = fuse(_referral_pair())
    assert len(result.stories) == 1 and not hasattr(result, "contradictions")
    story = result.stories[0]
    [support] = story.event_support
    assert {s.report_id for s in support} == {"c-a", "c-b"}
    assert {s.text for s in support} == {"Tallinn has asked the International Criminal Court",
                                         "Estonia asked the International Criminal Court"}


# --- value ranges and the score ------------------------------------------------------------------


def test_value_compatibility_rules():
    tv = lambda v, p="day", q=None: TimeValue(span=None, value=v, precision=p, qualifier=q)  # noqa: E731
    assert dates_compatible(tv("2024-09-30"), tv("2024", "year"))
    assert dates_compatible(tv("2020/2024-09-30", "interval"), tv("2022-01-05"))
    assert not dates_compatible(tv("2024-09-30"), tv("2024-05-19"))
    assert not dates_compatible(tv("2024-09"), tv("2024-11", "month"))
    assert dates_compatible(tv("2024-09-30"), tv("2024-10-01"))  # a day apart: lag, not dispute
    assert dates_compatible(tv("2020", "year"), tv("2024-09-30"))  # a bare year is background


def test_pairwise_f1():
    gold = {"a": "x", "b": "x", "c": "x", "d": "y"}
    assert stories_pairwise_f1({"a": "1", "b": "1", "c": "1", "d": "2"}, gold)["f1"] == 1.0
    s = stories_pairwise_f1({"a": "1", "b": "1", "c": "2", "d": "2"}, gold)
    assert s["p"] == 0.5 and s["r"] == pytest.approx(1 / 3)
    assert stories_pairwise_f1({r: r for r in gold}, gold)["r"] == 0.0


# --- with the real extraction pipeline -----------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_analyses(corpus_reports):
    from factfinder.pipeline import analyse_many

    return list(analyse_many(corpus_reports))


def test_real_pipeline_analyses_cluster_and_spans_hold(corpus_reports, corpus_analyses):
    result = fuse(corpus_analyses)
    assert stories_pairwise_f1(_predicted(result), _gold(corpus_reports))["f1"] >= 0.9
    texts = {r.id: r.text for r in corpus_reports}
    for story in result.stories:
        for support in story.event_support:
            assert all(texts[s.report_id][s.start:s.end] == s.text for s in support)
    for d in result.disputes:
        sides = [r for v in d.values for r in v.reports]
        assert len({r.id for r in sides}) >= 2 and len(d.values) >= 2
        assert all(0 <= r.start < r.end <= len(texts[r.id]) and r.sentence for r in sides)


# --- bridging and event signatures ---------------------------------------------------------------

_A = ("Harbour police in Velmora detained the dock union leader Orsan Pelkari and two stewards of the "
      "Velmora Dockers Union on Monday after a wildcat stoppage at the Tarnholt container terminal, the union said. "
      "Pelkari was taken to the central station in a police van, colleagues said.")
_C = ("The Ministry of Transport in Queltra said ferry crossings to the Isle of Brennock would resume on Thursday "
      "after storms closed the Queltra strait, and the Brennock Ferry Company added two sailings for stranded "
      "passengers. Harbourmaster Lidewij Osterhuis said the piers at Port Sennet had been inspected.")


def _bare(rid: str, text: str, published: str = "2026-02-02"):
    from factfinder.records import Analysis, Report

    return Analysis(report=Report(id=rid, text=text, outlet=f"Outlet {rid}", published=published))


@pytest.mark.parametrize("bridge", [True, False])
def test_a_bridging_report_merges_two_stories(bridge):
    """Two reports that share nothing are two stories, until a third tells both: then (with
    bridging) they were one story all along, named by its first report."""
    fuser = Fuser(FuseOptions(bridge=bridge))
    a = fuser.add(_bare("a", _A))
    c = fuser.add(_bare("c", _C))
    assert a != c
    fuser.add(_bare("b", _A + " " + _C))
    stories = {fuser.story_of(r) for r in "abc"}
    if bridge:
        assert stories == {a}
        [story] = [s for s in fuser.stories() if s.id == a]
        assert set(story.report_ids) == {"a", "b", "c"} and story.first_report == "a"
        # the merged story is what a later report of either side finds
        assert fuser.add(_bare("d", _C.replace("Thursday", "Friday"))) == a
    else:
        assert len(stories) == 2


def test_merged_stories_survive_state_round_trip():
    fuser = Fuser()
    for rid, text in (("a", _A), ("c", _C), ("b", _A + " " + _C)):
        fuser.add(_bare(rid, text))
    again = Fuser.from_state(fuser.state())
    assert {again.story_of(r) for r in "abc"} == {fuser.story_of("a")}
    assert len(again.stories()) == 1


def test_event_signature_meets_across_spellings_and_stated_days():
    from factfinder.derive.stories import make_profile, signature_score
    from factfinder.records import Analysis, Report

    def analysis(rid, text, place, day):
        report = Report(id=rid, text=text, outlet=rid, published="2026-02-04")
        at = text.index("on ")
        when = TimeValue(Span(rid, at, at + 9, text[at:at + 9]), day, "day")
        return Analysis(report=report, places=(Place(None, "event", place, "MM", feature="city"),), dates=(when,),
                        events=(Event(Span(rid, 0, 4, text[:4]), Span(rid, 0, len(text), text), "ASSAULT"),))

    fuser = Fuser()
    opts = fuser.options
    one = make_profile(analysis("x", "Jets bombed the market on Sunday.", "Kel-Marrow", "2026-02-01"), 0,
                       opts, fuser._perms)[0]
    two = make_profile(analysis("y", "Rockets hit stalls on Sunday morning.", "Kelmarrow", "2026-02-01"), 1,
                       opts, fuser._perms)[0]
    far = make_profile(analysis("z", "Shells hit a school on Thursday.", "Ostrevin", "2026-01-22"), 2,
                       opts, fuser._perms)[0]
    assert one.stated_day == "2026-02-01"
    assert signature_score(one, two, opts.date_window_days) == pytest.approx(1.0)
    assert signature_score(one, far, opts.date_window_days) == pytest.approx(0.2)  # only the kind of act agrees


# --- persisted state: batches through the store --------------------------------------------------


def _store_partition(store) -> dict[str, str]:
    return {r[0]: r[1] for r in store.conn.execute("SELECT report_id, story_id FROM story_reports")}


def partition_so_far(store) -> dict[str, str]:
    return _store_partition(store)


def test_a_batch_reads_its_stored_candidate_stories_together(tmp_path, corpus_reports):
    """Stored stories a batch's reports are scored against come from ``stories`` (one read per
    report placed), never one ``story`` read each: ``story`` is asked only about stories not stored
    (the new story a report starts), and the partition is the one-pass partition."""
    from factfinder.ingest import fuse_stored
    from factfinder.store import open_store
    from factfinder.store.fusion import FusionTables

    analyses = _plain(list(corpus_reports) + _written())
    one = fuse(analyses)
    with open_store(tmp_path / "s.db") as store:
        together = 0
        for part in (analyses[:6], analyses[6:11], analyses[11:]):
            fresh = {a.report.id: a for a in part if store.write_analysis(a)}
            tables = FusionTables(store)
            single: list[object] = []
            many: list[str] = []
            real_one, real_many = tables.story, tables.stories
            tables.story = lambda sid, f=real_one, got=single: (r := f(sid), got.append(r))[0]  # type: ignore[method-assign]
            tables.stories = lambda ids, f=real_many, got=many: (r := f(ids), got.extend(r))[0]  # type: ignore[method-assign]
            with store.write():
                fuse_stored(store, fresh, tables=tables)
            assert all(r is None for r in single)
            together += len(many)
        assert together > 0  # later batches did meet stored stories
        assert _store_partition(store) == _predicted(one)


def test_batches_through_the_store_fuse_like_one_pass(tmp_path, corpus_reports):
    """Fusion resumed from the persisted index (blocking postings, copy bands, centroids, term
    frequencies) gives the stories, copies and disputes one in-memory pass gives, and a batch reads
    only the stored profiles it touches."""
    from factfinder.ingest import fuse_stored
    from factfinder.store import open_store
    from factfinder.store.fusion import FusionTables

    analyses = _plain(list(corpus_reports) + _written())
    one = fuse(analyses)
    with open_store(tmp_path / "f.db") as store:
        for part in (analyses[:6], analyses[6:11], analyses[11:]):
            fresh = {a.report.id: a for a in part if store.write_analysis(a)}
            read: list[str] = []
            tables = FusionTables(store)
            real = tables.profiles
            tables.profiles = lambda ids, real=real, read=read: (got := real(ids), read.extend(got))[0]  # type: ignore[method-assign]
            with store.write():
                assert fuse_stored(store, fresh, tables=tables) == len(part)
            assert not set(read) & set(fresh)  # fresh analyses are used as they are, never read back
            assert len(read) <= len(partition_so_far(store))  # only stored neighbours are read
        partition = _store_partition(store)
        copies = {r[0]: r[1] for r in store.conn.execute(
            "SELECT report_id, copy_of FROM story_reports WHERE copy_of IS NOT NULL")}
        disputes = {r[0] for r in store.conn.execute("SELECT id FROM disputes")}
        with store.write():
            assert fuse_stored(store, {}) == 0  # nothing left: re-running adds nothing
        assert _store_partition(store) == partition
    assert partition == _predicted(one)
    assert copies == dict(one.copies)
    assert disputes == {d.id for d in one.disputes}


def test_a_store_fused_before_the_index_was_kept_builds_it_once(tmp_path, corpus_reports):
    """Stores fused before migration 12 hold profiles but no index: the next run builds it from the
    profiles and goes on as if it had always been kept."""
    from factfinder.ingest import fuse_stored
    from factfinder.store import open_store

    analyses = _plain(list(corpus_reports) + _written())
    with open_store(tmp_path / "old.db") as store:
        fresh = {a.report.id: a for a in analyses[:8] if store.write_analysis(a)}
        with store.write():
            fuse_stored(store, fresh)
        with store.conn:  # what an older store looks like: profiles and stories, no index
            for table in ("fusion_meta", "fusion_terms", "fusion_bands", "fusion_postings", "fusion_stories",
                          "fusion_redirects"):
                store.conn.execute(f"DELETE FROM {table}")
        fresh = {a.report.id: a for a in analyses[8:] if store.write_analysis(a)}
        with store.write():
            assert fuse_stored(store, fresh) == len(analyses) - 8
        assert store.conn.execute("SELECT count(*) FROM fusion_bands").fetchone()[0] > 0
        assert _store_partition(store) == _predicted(fuse(analyses))


# --- copy candidates bounded per MinHash band (issue 14) -----------------------------------------
# A formula many outlets fill in (a rate bulletin, a weather notice) shares copy bands with every
# earlier one; invented bulletins below, and one wire copy of the first filed after all of them.
BULLETIN = (
    "The central bank of {land} set its reference rate at {rate} per dollar on {day}, the bank said in "
    "a statement published on its website after the close of trading. Dealers in {city} said demand for "
    "dollars from importers had been {mood} during the session, and that the bank had not intervened in "
    "the market. The bank publishes the reference rate every working day and uses it to value the "
    "reserves it holds. {who}, a dealer at a local lender, said the rate was {view} what traders expected."
)
_FILL = [("Norvania", "Port Elsin", "Mara Teodor"), ("Quelland", "Vasterby", "Ilo Brandt"),
         ("Ostravia", "Kelmo", "Dina Sarrow"), ("Lutheria", "Amsel", "Pavo Rinne"),
         ("Veridia", "Sol Marin", "Teo Halvard"), ("Carpathia", "Dunmere", "Ana Lisk")]


def _bulletins(n: int) -> list[Report]:
    out = []
    for i in range(n):
        land, city, who = _FILL[i % len(_FILL)]
        text = BULLETIN.format(land=land, rate=f"{40 + i}.{i % 7}5", day=f"{1 + i % 28} March", city=city,
                               mood=("brisk", "thin", "steady", "weak")[i % 4], who=who,
                               view=("close to", "above", "below")[i % 3])
        out.append(Report(id=f"t-bulletin-{i:02d}", text=text, outlet=f"Outlet {i % 5}",
                          published=f"2024-03-{1 + i % 28:02d}", story=f"bulletin-{i}"))
    return out


def _bulletin_copy(original: Report) -> Report:
    return Report(id="t-bulletin-copy", text="(Wire) " + original.text + WIRE_BOILERPLATE, outlet="Wire Desk",
                  published="2024-03-30", story=original.story)


def test_copy_candidates_per_band_are_bounded_and_a_copy_is_still_found():
    reports = _bulletins(24)
    analyses = _plain([*reports, _bulletin_copy(reports[0])])
    fuser = Fuser(FuseOptions(band_cap=2))
    compared: list[int] = []
    real = fuser._find_original

    def spy(entry):  # type: ignore[no-untyped-def]
        bands = fuser._band_keys(entry.hv)
        compared.append(len({r for b in bands for r in fuser._bands.get(b, [])[-2:]}))
        return real(entry)

    fuser._find_original = spy  # type: ignore[method-assign]
    for a in analyses:
        fuser.add(a)
    shared = max(len(v) for v in fuser._bands.values())
    assert shared > 2  # the bulletins do share bands, so the cap has work to do
    assert max(compared) <= 2 * len(fuser._ranges)
    assert ("t-bulletin-copy", reports[0].id) in fuser.copies()
    # the bound changes nothing here: the same stories and copies as with no bound
    unbounded = fuse(analyses, FuseOptions(band_cap=10**6))
    assert fuser.copies() == unbounded.copies
    assert sorted(s.report_ids for s in fuser.stories()) == sorted(s.report_ids for s in unbounded.stories)


def test_stored_band_hits_are_the_most_recent_reports_of_each_band(tmp_path):
    from factfinder.ingest import fuse_stored
    from factfinder.store import open_store
    from factfinder.store.fusion import FusionTables

    analyses = _plain(_bulletins(18))
    with open_store(tmp_path / "b.db") as store:
        for part in (analyses[:9], analyses[9:]):
            fresh = {a.report.id: a for a in part if store.write_analysis(a)}
            with store.write():
                fuse_stored(store, fresh)
        band, k = store.conn.execute(
            "SELECT band, count(*) FROM fusion_bands GROUP BY band ORDER BY count(*) DESC, band LIMIT 1").fetchone()
        assert k > 3
        members = [r[0] for r in store.conn.execute(
            "SELECT p.report_id FROM fusion_bands b JOIN fusion_profiles p ON p.report_id = b.report_id"
            " WHERE b.band = ? ORDER BY p.seen DESC", (band,))]
        other = store.conn.execute(  # a band none of those reports is in
            "SELECT band FROM fusion_bands WHERE report_id NOT IN (SELECT report_id FROM fusion_bands WHERE band = ?)"
            " ORDER BY band LIMIT 1", (band,)).fetchone()[0]
        got = FusionTables(store).band_hits([(band, 3), (other, 1)])
        assert set(members[:3]) <= set(got) and len(got) <= 4
        assert not set(members[3:]) & set(got)


def _pipeline_story_ids(*reports: Report) -> dict[str, str]:
    from factfinder.pipeline import analyse

    fuser = Fuser()
    return {r.id: fuser.add(analyse(r)) for r in reports}


_STRIKE = ("{CITY}, {COUNTRY} — Police fired tear gas at striking nurses outside the regional hospital in "
           "{CITY} on Tuesday, injuring several of them, the nurses' union said. The health ministry said it "
           "would meet union leaders next week. The nurses have been on strike for a month over unpaid wages.")


def test_one_template_told_in_two_countries_is_two_stories():
    """Two strikes of one kind on one day, each told in its own country with no country in common,
    are two happenings however alike their words; told again in the same country, one."""
    one = Report(id="s1", outlet="Outlet A", published="2026-04-22",
                 text=_STRIKE.format(CITY="PARAKOU", COUNTRY="Benin").replace("in PARAKOU", "in Parakou"))
    other = Report(id="s2", outlet="Outlet B", published="2026-04-22",
                   text="SOKODE, Togo — Striking nurses were tear-gassed by police outside the regional hospital "
                        "in Sokode on Tuesday, and several were hurt, their union said. The nurses, unpaid for "
                        "months, have been on strike for a month; the health ministry said it would meet their "
                        "leaders.")
    again = Report(id="s3", outlet="Outlet C", published="2026-04-23",
                   text=_STRIKE.format(CITY="PARAKOU", COUNTRY="Benin").replace("in PARAKOU", "in Parakou")
                   .replace("several of them", "a dozen of them").replace("next week", "on Friday"))
    ids = _pipeline_story_ids(one, other, again)
    assert ids["s1"] != ids["s2"] and ids["s3"] == ids["s1"]
