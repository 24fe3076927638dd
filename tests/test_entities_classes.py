"""Classes of entity errors, each with invented sentences parsed for real (no development text): a
newspaper named after a sea or a region, an institution written before its lower-case noun, and a
sentence's first word glued to the demonym after it."""

from __future__ import annotations

import pytest

from factfinder.extract import entities as E
from factfinder.records import Analysis, Report


def run(nlp, text: str) -> Analysis:
    return E.run(nlp(text), Analysis(report=Report(id="t", text=text)))


def labels(a: Analysis, text: str) -> set[str]:
    return {m.label for m in a.mentions if m.span.text == text}


# --- a capitalised run ending in a newspaper's head word is the outlet, not the sea or region it names


@pytest.mark.parametrize(("text", "outlet"), [
    ("A fisherman told the Caspian Sea Ledger that the harbour was closed.", "Caspian Sea Ledger"),
    ("An editor at the Aegean Coast Gazette said the story was right.", "Aegean Coast Gazette"),
    ("She told the Tarvel Lake Herald that the road was closed.", "Tarvel Lake Herald"),
])
def test_a_newspaper_named_after_a_place_is_one_organisation(nlp, text, outlet):
    a = run(nlp, text)
    assert labels(a, outlet) == {"ORG"}
    start = text.index(outlet)
    # nothing of the paper's name is left as a place, a demonym or a second mention
    assert [m.span.text for m in a.mentions if start <= m.span.start < start + len(outlet)] == [outlet]


def test_a_person_whose_surname_is_a_newspaper_word_is_not_made_an_outlet(nlp):
    a = run(nlp, "Councillor Maren Courier said the bridge would reopen.")
    assert not labels(a, "Maren Courier") - {"PERSON"}


# --- "the X hospital": a name no gazetteer knows before a lower-case institution noun is the institution


@pytest.mark.parametrize(("text", "name"), [
    ("The wounded were taken to the Mercy Kiviri hospital, officials said.", "Mercy Kiviri hospital"),
    ("Victims were treated at the Saint Odile clinic on Sunday.", "Saint Odile clinic"),
    ("Patients at the Bondeni Faraja clinic were moved.", "Bondeni Faraja clinic"),
    # an acronym and a word the model left untagged before the noun: one name
    ("Two patients were moved to the MSF Kiviri hospital by road.", "MSF Kiviri hospital"),
    ("Doctors at the UNHCR Kalemie clinic treated the children.", "UNHCR Kalemie clinic"),
])
def test_a_name_before_an_institution_noun_is_that_institution(nlp, text, name):
    a = run(nlp, text)
    assert labels(a, name) == {"ORG"}
    assert not any(m.label == "PERSON" for m in a.mentions)


def test_a_known_place_before_an_institution_noun_stays_the_place(nlp):
    a = run(nlp, "The wounded were taken to a Kabul hospital on Monday.")
    assert labels(a, "Kabul") == {"GPE"}
    assert not any(m.span.text.endswith("hospital") for m in a.mentions)


# --- "Displaced Somali herders": the sentence's first word is no part of a name; the demonym is NORP


@pytest.mark.parametrize(("text", "demonym"), [
    ("Prices rose. Displaced Somali herders crossed the river.", "Somali"),
    ("The court ruled on Friday. Exiled Turkmen opposition figure Aman Orazov called it a sham.", "Turkmen"),
    ("Prices rose. Returning Kazakh workers crossed the river.", "Kazakh"),
    ("Prices rose. Unpaid Eritrean workers crossed the river.", "Eritrean"),
])
def test_a_word_opening_a_sentence_before_a_demonym_is_no_name(nlp, text, demonym):
    a = run(nlp, text)
    assert labels(a, demonym) == {"NORP"}
    opener = text.split(". ", 1)[1].split()[0]
    assert not any(m.span.text.startswith(opener) for m in a.mentions)


# --- "the X site": a name typed a place that no gazetteer knows, before a site noun, is a facility


@pytest.mark.parametrize(("text", "name"), [
    ("Shells hit the Kanyaruchinya site, which shelters displaced families.", "Kanyaruchinya"),
    ("Bombs fell on the Lushagala displacement site on Wednesday, killing three.", "Lushagala"),
    ("Drones struck the Okondo Hills airstrip at dawn, officials said.", "Okondo Hills"),
])
def test_a_place_name_before_a_site_noun_is_a_facility(nlp, text, name):
    a = run(nlp, text)
    assert labels(a, name) == {"FAC"}


def test_a_known_town_before_a_site_noun_stays_a_place(nlp):
    a = run(nlp, "Aid reached the Goma site on Monday.")
    assert labels(a, "Goma") == {"GPE"}


# --- a name opening with a broadcaster's word ("Radyo X") is the station, not a person


@pytest.mark.parametrize(("text", "station"), [
    ("Ana Ruiz, 41, and Mae Dela Cruz, 29, both of Radyo Bandila, were charged on Monday.", "Radyo Bandila"),
    ("Salma Akter was released. Juan Dela Paz of Radyo Bayan was not.", "Radyo Bayan"),
    ("Two hosts of Radyo Kalayaan, Ben Cruz and Liza Paz, were detained.", "Radyo Kalayaan"),
    ("Lina Paz was questioned by police. Staff at Radyo Kalayaan were told to leave.", "Radyo Kalayaan"),
])
def test_a_name_opening_with_a_broadcaster_word_is_a_station(nlp, text, station):
    a = run(nlp, text)
    assert labels(a, station) == {"ORG"}


# --- "the Polish interior ministry": a demonym before a portfolio ministry is part of the one body


@pytest.mark.parametrize(("text", "ministry", "demonym"), [
    ("Officials at the Qatari Interior Ministry gave no figure.", "Qatari Interior Ministry", "Qatari"),
    ("The Polish interior ministry said the fence would be extended.", "Polish interior ministry", "Polish"),
    ("A spokesman for the Chadian health ministry said 12 people had died.", "Chadian health ministry", "Chadian"),
])
def test_a_demonym_before_a_portfolio_ministry_is_part_of_its_name(nlp, text, ministry, demonym):
    a = run(nlp, text)
    assert labels(a, ministry) == {"ORG"}
    assert not labels(a, demonym)


def test_a_demonym_before_a_ministry_without_an_article_stays_a_demonym(nlp):
    a = run(nlp, "Polish health ministry officials were questioned on Monday.")
    assert labels(a, "Polish") == {"NORP"}


# --- an acronym the model ran into a person's name ("Pro-Kyiv NRP's") is the body's: the name is the
# body, and the acronym is no word of a person's name that turns every mention of the body into a person


@pytest.mark.parametrize(("text", "run_in", "acronym"), [
    ("Results were mixed. Pro-Kyiv NRP's Olena Brat won easily, while Marco Vell of NRP lost. "
     "NRP's Ida Korr also won.", "Pro-Kyiv NRP", "NRP"),
    ("Voters backed the bloc. Pro-Warsaw KNP's Zofia Lis won easily, while Marek Dab of KNP lost.",
     "Pro-Warsaw KNP", "KNP"),
])
def test_a_name_ending_in_a_body_acronym_is_the_body(nlp, text, run_in, acronym):
    a = run(nlp, text)
    assert labels(a, run_in) == {"ORG"}
    assert labels(a, acronym) == {"ORG"}


def test_a_post_nominal_after_a_name_keeps_the_person(nlp):
    a = run(nlp, "Henry Quill said the vote was fair. Ada Brine QC disagreed.")
    assert labels(a, "Ada Brine QC") == {"PERSON"}


# --- "posted on X", "messages on X": a one-word name a publishing word governs through "on" is the
# platform (ORG) wherever the report names it, whatever the model guessed; a known place stays a place


@pytest.mark.parametrize(("text", "medium"), [
    ("The video was posted on Zelpo and shared more than a million times by Friday. Zelpo later removed it.",
     "Zelpo"),
    ("Activists used Vimmo to organise the march. The messages on Vimmo were seen by thousands.", "Vimmo"),
    ("The hashtag on Flikto had become an international rallying cry by Thursday.", "Flikto"),
])
def test_a_name_published_on_is_a_platform(nlp, text, medium):
    a = run(nlp, text)
    assert labels(a, medium) == {"ORG"}


def test_a_known_place_after_a_publishing_word_stays_a_place(nlp):
    a = run(nlp, "Observers said the messages on Kenya were misleading.")
    assert labels(a, "Kenya") == {"GPE"}


# --- "the president of the X region, Carlo Neri,": a comma after a noun that has a name of its own
# introduces someone else (here the president), not the noun's name: the person is no place


@pytest.mark.parametrize(("text", "person"), [
    ("The governor of the Tavira district, Rui Mendes, said the bridge would reopen in May.", "Rui Mendes"),
    ("A spokesman for the Alvor province, Duarte Pires, denied that the clinic had closed.", "Duarte Pires"),
])
def test_a_name_after_a_named_place_noun_is_not_the_place(nlp, text, person):
    a = run(nlp, text)
    assert labels(a, person) == {"PERSON"}


# --- a body's name whose first word is also a given name ("Star", "Peace", "Golden") stays the body's
# when the report writes it after "the" or it ends in a body's noun ("Corps", "Brotherhood", "Fellowship")


@pytest.mark.parametrize(("text", "body"), [
    ("Members of the Star Corps live a strict life. He left the Star Corps in 2010.", "Star Corps"),
    ("The Victory Brotherhood said its members had been arrested.", "Victory Brotherhood"),
    ("A spokesman for the Golden Crescent said aid would arrive. The Golden Crescent has 40 staff there.",
     "Golden Crescent"),
    ("Police said the Grace Fellowship had paid the fines. Grace Fellowship leaders declined to comment.",
     "Grace Fellowship"),
])
def test_a_body_named_like_a_person_stays_a_body(nlp, text, body):
    a = run(nlp, text)
    assert labels(a, body) == {"ORG"}


# --- "members of X": a name a membership noun governs through "of" is a body wherever the report names
# it, whatever the model typed (and tagged if the model left it out); a people or a known place stays


@pytest.mark.parametrize(("text", "body"), [
    ("Members of the Sun Org live a strict lifestyle. He left the Sun Org in 2009.", "Sun Org"),
    ("Police arrested three members of Kaltara on Tuesday. Kaltara denied any role in the attack.", "Kaltara"),
    ("Two members of the Blue Veil were detained at the border.", "Blue Veil"),
])
def test_a_name_with_members_is_a_body(nlp, text, body):
    a = run(nlp, text)
    assert labels(a, body) == {"ORG"}
    assert len([m for m in a.mentions if m.span.text == body]) == text.count(body)


def test_members_of_a_people_or_a_place_keep_their_type(nlp):
    a = run(nlp, "Three members of the Hazara community were killed. Members of Mopti's council resigned.")
    assert labels(a, "Hazara") == {"NORP"}
    assert labels(a, "Mopti") == {"GPE"}


# --- "Zelpo founder Ana Brix", "X officials": a one-word name before a noun for a body's people is the
# body; a known place, a people, a common noun or a word of a person's full name is not


@pytest.mark.parametrize(("text", "body"), [
    ("Lumenology officials have stated they did nothing wrong. He read about Lumenology online.", "Lumenology"),
    ("Zelpo founder Ana Brix said the site would stay open.", "Zelpo"),
    ("Support came from Vimmo chief Lena Okafor and others.", "Vimmo"),
])
def test_a_name_before_a_body_s_people_is_the_body(nlp, text, body):
    a = run(nlp, text)
    assert labels(a, body) == {"ORG"}
    assert len([m for m in a.mentions if m.span.text == body]) == text.count(body)


def test_a_place_a_people_or_a_person_before_a_staff_noun_keep_their_type(nlp):
    a = run(nlp, "Nairobi officials said the road was closed. Kenyan officials agreed. "
                 "William Ruto spoke. Ruto spokesman Hussein Kadi said the talks were over.")
    assert labels(a, "Nairobi") == {"GPE"}
    assert labels(a, "Kenyan") == {"NORP"}
    assert labels(a, "Ruto") == {"PERSON"}


# --- a picture credit the model ran into a name ("in Lisbon Portugal Image: ..."): the caption word and
# its colon belong to no name, and the credited body after the colon is a name of its own


@pytest.mark.parametrize(("text", "name", "glued"), [
    ("The summit was held this week in Lisbon Image: Council of Europe. Leaders met for two days.",
     "Lisbon", "Lisbon Image"),
    ("Delegates gathered on Monday in Lisbon Portugal Image: Foreign Office Portugal. The talks lasted two days.",
     "Lisbon Portugal", "Lisbon Portugal Image"),
    ("Workers rebuilt the bridge at Durban Harbour Photo: Coastal Works Trust. Traffic resumed.",
     "Durban Harbour", "Durban Harbour Photo"),
])
def test_a_picture_credit_word_is_cut_off_a_name(nlp, text, name, glued):
    a = run(nlp, text)
    texts = {m.span.text for m in a.mentions}
    assert name in texts
    assert not any(glued in t or ":" in t for t in texts)


def test_a_title_with_a_colon_is_not_cut(nlp):
    from spacy.tokens import Span as SpacySpan

    doc = nlp("She read Justice: A Reader to the class.")
    ent = SpacySpan(doc, 2, 6, label="WORK_OF_ART")
    assert [p.text for p in E._unglued(ent, E._lex())] == ["Justice: A Reader"]
