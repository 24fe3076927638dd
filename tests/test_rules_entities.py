"""One example per entity rule family (invented people, organisations and tribunals; real countries only
where the gazetteer is the point), parsed for real: each asserts the effect its rule exists for, so that
removing or inverting the rule fails it."""

from __future__ import annotations

from factfinder.extract import entities as E
from factfinder.records import Analysis, Report


def run(nlp, text: str) -> Analysis:
    return E.run(nlp(text), Analysis(report=Report(id="t", text=text)))


def labels(a: Analysis, text: str) -> set[str]:
    return {m.label for m in a.mentions if m.span.text == text}


def test_a_surname_that_spells_a_country_stays_the_person_named_in_full(nlp):
    # The words of a full person name in the report are that person's, not the gazetteer's.
    a = run(nlp, "Councillor Amara Jordan met the mayor on Monday. Jordan said the budget was too small.")
    assert labels(a, "Jordan") == {"PERSON"}
    assert not any(x.kind == "state" for x in a.actors)


def test_intergovernmental_bodies_by_acronym_or_by_name(nlp):
    a = run(nlp, "Inspectors of the OPCW arrived in the port on Monday. The Tribunal for the Northern Marches "
                 "said it would hear the case.")
    kinds = {x.canonical: x.kind for x in a.actors}
    assert kinds.get("Organisation for the Prohibition of Chemical Weapons") == "igo"  # named by its acronym alone
    assert kinds.get("Tribunal for the Northern Marches") == "igo"


def test_a_short_organisation_name_ending_in_a_role_is_a_title_not_an_organisation(nlp):
    a = run(nlp, "The Veldt Court Prosecutor said the charges would stand.")
    assert not any(m.label == "ORG" and m.span.text.endswith("Prosecutor") for m in a.mentions)


def test_a_body_named_after_a_statute_is_an_organisation_not_the_statute(nlp):
    # The tagger reads "... Act Monitor" as a law by its inner word; the head word makes it a body.
    for text, name in [("The Varna Rights Act Monitor said the vote was flawed.", "Varna Rights Act Monitor"),
                       ("A report by the Fisheries Act Watch Committee was published on Friday.",
                        "Fisheries Act Watch Committee"),
                       ("The Salt Conventions Commission asked for the ledgers.", "Salt Conventions Commission")]:
        a = run(nlp, text)
        found = {m.label for m in a.mentions if name in m.span.text}
        assert found == {"ORG"}, (text, found)


def test_his_government_belongs_to_the_person_named_before_it_not_one_named_after(nlp):
    # "X said his government would meet Y": the possessive goes back to X; Y comes later in the sentence.
    for text, owner, phrase in [
            ("Prime Minister Tamsin Voro of Kenya said his government would meet President Ilse Marek of Uganda.",
             "Tamsin Voro", "his government"),
            ("President Oskar Lind of Ghana said on Monday that his government had written to President "
             "Maren Holt of Togo.", "Oskar Lind", "his government"),
            ("Prime Minister Ada Ferris of Malawi said her government would send envoys to meet President "
             "Juno Okafor of Zambia.", "Ada Ferris", "her government")]:
        a = run(nlp, text)
        start = text.index(phrase)
        actor = E.resolve_actor(a, start, start + len(phrase))
        assert actor is not None and owner in actor.canonical, (text, actor)


def test_a_known_place_before_a_person_name_is_not_glued_to_it_as_a_first_name():
    # "Yerzhan" GPE + "Tulegenov" PERSON merge (no gazetteer knows "Yerzhan"); a GPE the gazetteer knows
    # ("Nairobi", "Madrid", "Houston") stays a place beside the person.
    lex = E._lex()
    for place in ("Nairobi", "Madrid", "Houston"):
        text = f"{place} Tomas Vell"
        ms = [E._M(0, len(place), "GPE", place), E._M(len(place) + 1, len(text), "PERSON", "Tomas Vell")]
        assert [m.label for m in E._merge_adjacent(ms, text, lex)] == ["GPE", "PERSON"], place
    text = "Qorvath Tulenbek"
    ms = [E._M(0, 7, "GPE", "Qorvath"), E._M(8, len(text), "PERSON", "Tulenbek")]
    assert [(m.label, m.text) for m in E._merge_adjacent(ms, text, lex)] == [("PERSON", text)]


def test_a_two_word_name_headed_by_a_statute_word_is_a_statute():
    # "Harbour Act", "Fisheries Charter": a capitalised name ending in a law word names the law itself,
    # while the law word alone ("Treaty") stays what the tagger said.
    lex = E._lex()
    for text in ("Harbour Act", "Fisheries Charter", "Quarry Code"):
        assert E._relabel(text, "ORG", lex) == "LAW", text
    assert E._relabel("Treaty", "ORG", lex) != "LAW"


def test_the_surname_of_a_person_named_in_full_is_that_person_where_it_recurs_alone(nlp):
    # The tagger misses a bare surname the report already gave in full; the full name's last word is tagged
    # as the same person wherever it recurs.
    for text, surname in [
            ("Councillor Maren Ashgrove met the traders on Monday. Later Ashgrove said the market would reopen.",
             "Ashgrove"),
            ("Farmer Liesl Brookhaven sold her land. Brookhaven will move to the coast.", "Brookhaven"),
            ("Captain Ysolde Harrowgate sailed at dawn. Harrowgate will return in June.", "Harrowgate")]:
        a = run(nlp, text)
        start = text.rindex(surname)
        found = {m.label for m in a.mentions if (m.span.start, m.span.text) == (start, surname)}
        assert found == {"PERSON"}, (text, found)


def test_a_persons_government_with_no_known_country_is_named_after_the_person(nlp):
    # "Petra Sunde's government": the report names no state for her, so the government group is hers.
    for text, owner in [("Analysts said Petra Sunde's government would fall before winter.", "Petra Sunde"),
                        ("Farmers marched against Anton Rask's government on Tuesday.", "Anton Rask"),
                        ("Reporters asked whether Lena Kovar's government had signed the deal.", "Lena Kovar")]:
        a = run(nlp, text)
        start = text.index("government")
        actor = E.resolve_actor(a, start, start + len("government"))
        assert actor is not None and (actor.canonical, actor.kind) == (f"{owner} government", "state-government"), \
            (text, actor)


def test_a_one_word_name_before_a_plural_of_staff_is_an_organisation_even_when_typed_a_person(nlp):
    # "X officials said": a person has no officials; the name is the body, wherever the report names it.
    for text, name in (("Varnex officials said the mine would reopen. Varnex has run the mine since 1990.\n",
                        "Varnex"),
                       ("Tolmaro executives said profits fell. Tolmaro will cut jobs next year.\n", "Tolmaro"),
                       ("Brisken employees said the plant was unsafe. Brisken denied it on Monday.\n", "Brisken")):
        assert labels(run(nlp, text), name) == {"ORG"}, text


def test_an_acronym_spelling_the_tail_of_a_long_name_stands_for_that_tail(nlp):
    # "the Office of the Registrar of the X Criminal Court ... the XCC": the initials spell the court, so the
    # acronym names the court, not its office; spelling the whole name, it names the whole
    def actor_of(a: Analysis, text: str) -> str | None:
        names = {x.id: x.canonical for x in a.actors}
        return next((names.get(m.actor_id) for m in a.mentions if m.span.text == text), None)

    a = run(nlp, "The Office of the Registrar of the Teluria Criminal Court opened a case on Monday. "
                 "The TCC said it would send a team.")
    assert actor_of(a, "TCC") == "Teluria Criminal Court"
    a = run(nlp, "The Varnok Water Authority cut supplies on Monday. The VWA said the pipes were old.")
    assert actor_of(a, "VWA") == "Varnok Water Authority"


def test_an_acronym_that_leaves_out_the_owning_country_or_trailing_words_names_the_long_name(nlp):
    # "the Kenyan Grain Safety Board ... a GSB spokesman": a body's acronym leaves out its country;
    # "Centers for Grain Safety and Storage (CGS)": a bracketed acronym may leave out trailing words.
    def actor_of(a: Analysis, text: str) -> str | None:
        names = {x.id: x.canonical for x in a.actors}
        return next((names.get(m.actor_id) for m in a.mentions if m.span.text == text), None)

    for text, acronym, long_name in (
            ("The Kenyan Seed Quality Board recalled the maize. A SQB inspector said the sacks were wet.",
             "SQB", "Kenyan Seed Quality Board"),
            ("The U.S. Seed Quality Board (SQB) recalled the maize. The SQB said the sacks were wet.",
             "SQB", "U.S. Seed Quality Board"),
            ("The Institute for Seed Quality and Storage (ISQ) recalled the maize. The ISQ said the sacks were wet.",
             "ISQ", "Institute for Seed Quality and Storage")):
        assert actor_of(run(nlp, text), acronym) == long_name, text
    # a bracketed acronym whose letters the name does not give in order is no definition of it
    a = run(nlp, "The Institute for Seed Quality (QSI) recalled the maize. The QSI said the sacks were wet.")
    assert actor_of(a, "QSI") != "Institute for Seed Quality"


def test_a_name_of_several_words_before_a_plural_of_staff_is_a_body(nlp):
    # "Dornick Rail workers": the model may type the name a person; a person has no workers or officials
    text = "Dornick Rail workers walked out on Monday over unpaid wages."
    assert labels(run(nlp, text), "Dornick Rail") == {"ORG"}
    # a person's full name keeps its type
    text = "Marta Kowalczyk aides said she would run."
    assert labels(run(nlp, text), "Marta Kowalczyk") == {"PERSON"}


def test_a_division_of_another_division_is_two_places(nlp):
    # the model glues "X District of Y Province" into one organisation; they are two places
    a = run(nlp, "Fighting spread to Kesh District of Varn Province on Sunday.")
    assert labels(a, "Kesh District") == {"GPE"} and labels(a, "Varn Province") == {"GPE"}


def test_the_body_named_in_a_title_is_the_persons_affiliation(nlp):
    # "X, director of the Y Agency": the organisation in the title's tail is whom X works for
    a = run(nlp, "Marta Kowalczyk, director of the Varnok Housing Agency, resigned on Monday.")
    person = next(x for x in a.actors if x.canonical == "Marta Kowalczyk")
    assert person.affiliation == "Varnok Housing Agency", person


def test_a_two_word_station_name_is_an_organisation(nlp):
    # "Radyo X": a broadcaster word before one name is a station, whatever type the model gave it
    assert labels(run(nlp, "Radyo Kestrel reported that the bridge had fallen."), "Radyo Kestrel") == {"ORG"}


def test_a_name_described_as_a_settlement_after_a_comma_is_a_place(nlp):
    # "X, a remote town in the north,": the description after the comma says what X is
    assert labels(run(nlp, "Troops entered Ubrak, a remote town in the north, at dawn."), "Ubrak") == {"GPE"}


def test_the_words_after_a_name_honorific_are_a_persons_name(nlp):
    # "Ms X Y said": the model may tag nothing; an honorific that only stands before names says it is a person
    for text, name in (("Ms Sela Marrow said she would resign.", "Sela Marrow"),
                       ("Mrs Orla Venn, a nurse, said she had seen the bodies.", "Orla Venn"),
                       ("Dr Kelso Brant told reporters the clinic was full.", "Kelso Brant")):
        assert labels(run(nlp, text), name) == {"PERSON"}, text
