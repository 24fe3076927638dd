"""An invented wire report (invented people, group and outlet; real states, because state actors and the
gazetteer are what it exercises) and the gold we wrote for it: the integration report the seed sections of
test_entities, test_events and test_quotes run on, in place of a development-set story."""

from __future__ import annotations

from factfinder.records import Report

TEXT = (
    "VIENNA — Estonia on Monday referred the president of Turkmenistan, Berdy Oraznazarov, and members of his "
    "government to the International Criminal Court, accusing them of committing crimes against humanity by "
    "driving their own people out of the country.\n"
    "Opposition groups in Turkmenistan have faced a harsh crackdown since nationwide protests erupted in 2021, "
    "after disputed election results gave Oraznazarov a fourth term in office. Tens of thousands of people fled "
    "the country and opposition leaders were either forced into exile or sent to prison.\n"
    "In its referral to the ICC, Estonia said there are “reasonable grounds” to believe that Oraznazarov’s "
    "government, police and armed forces have been involved in “deportation, persecution and other inhumane "
    "acts” against Turkmenistan civilians for more than three years.\n"
    "It said the Turkmenistan authorities have “expelled tens of thousands of lawful residents of Turkmenistan "
    "to neighbouring states,” several of which are parties to the Rome Statute on which the court is founded.\n"
    "The Estonian government asserted that the aim of the Turkmenistan authorities was “to silence every critic "
    "at home and abroad. All direct perpetrators and their superiors were clearly aware of the attack.”\n"
    "Estonia said this “amounts to a widespread and systematic attack on the civilian population.”\n"
    "In a statement, ICC chief prosecutor Helena Dorsey confirmed that she had received Estonia’s referral and "
    "said that she would conduct a preliminary investigation to decide whether to open a case.\n"
    "As Oraznazarov seeks a fifth term next year, opposition leaders in exile say he is ramping up the pressure "
    "on Turkmens who moved abroad.\n"
    "More than 40,000 people have been arrested since the protests, with many of them severely beaten, "
    "according to the Turkmen human rights group Adalat Rights Centre.\n"
    "Exiled Turkmen opposition leader Aylar Myratova, who has been living in Estonia, described the referral as "
    "“a first real step towards justice for Turkmenistan.”\n"
    "“The crimes committed by this regime, from mass expulsions to illegal arrests and torture, cannot go "
    "unpunished,” she said in a statement.\n"
    "Myratova said she and her supporters will gather on Wednesday at the Estonian Embassy in The Hague, where "
    "the ICC is based. She called on other countries to join Estonia in holding the Turkmenistan authorities to "
    "account.\n"
    "Her husband, Serdar Myratov, is among several imprisoned Turkmen opposition figures whom relatives say have "
    "not been heard from in a year or more.\n"
)

REPORT = Report(id="invented-estonia-icc", text=TEXT, outlet="Halvard Post", published="2025-06-02",
                dateline="VIENNA")


def _e(text: str, type_: str, canonical: str | None = None) -> dict[str, str]:
    return {"text": text, "type": type_, "canonical": canonical or text}


def _ev(source: str, plover: str, mode: str | None, target: str, asserted_by: str, hedged: bool = False) -> dict:
    return {"source_actor": source, "plover": plover, "mode": mode, "target_actor": target,
            "asserted_by": asserted_by, "hedged": hedged, "date": None, "place": None}


# Our own annotation of TEXT, in the gold format of the development sets (DESIGN.md "Gold conventions").
GOLD = {
    "id": REPORT.id,
    "published": REPORT.published,
    "entities": [
        _e("VIENNA", "GPE", "Vienna"), _e("Estonia", "GPE"), _e("Turkmenistan", "GPE"),
        _e("Berdy Oraznazarov", "PERSON"), _e("Oraznazarov", "PERSON", "Berdy Oraznazarov"),
        _e("International Criminal Court", "ORG"), _e("ICC", "ORG", "International Criminal Court"),
        _e("Rome Statute", "LAW"), _e("Helena Dorsey", "PERSON"), _e("Turkmens", "NORP", "Turkmenistan"),
        _e("Turkmen", "NORP", "Turkmenistan"), _e("Estonian", "NORP", "Estonia"),
        _e("Adalat Rights Centre", "ORG"), _e("Aylar Myratova", "PERSON"),
        _e("Myratova", "PERSON", "Aylar Myratova"), _e("Estonian Embassy", "ORG", "Embassy of Estonia"),
        _e("The Hague", "GPE"), _e("Serdar Myratov", "PERSON"),
    ],
    "actors": [
        {"canonical": "Berdy Oraznazarov", "kind": "person",
         "mentions": ["the president of Turkmenistan, Berdy Oraznazarov", "Oraznazarov", "he"]},
        {"canonical": "Helena Dorsey", "kind": "person", "mentions": ["ICC chief prosecutor Helena Dorsey", "she"]},
        {"canonical": "Aylar Myratova", "kind": "person",
         "mentions": ["Exiled Turkmen opposition leader Aylar Myratova", "Myratova", "she"]},
        {"canonical": "Serdar Myratov", "kind": "person", "mentions": ["Her husband, Serdar Myratov"]},
        {"canonical": "Adalat Rights Centre", "kind": "organization",
         "mentions": ["the Turkmen human rights group Adalat Rights Centre"]},
        {"canonical": "Estonia", "kind": "state", "mentions": ["Estonia", "It", "its"]},
        {"canonical": "Turkmenistan government", "kind": "state-government",
         "mentions": ["Oraznazarov’s government, police and armed forces", "the Turkmenistan authorities",
                      "this regime"]},
    ],
    "quotes": [
        {"quote": "reasonable grounds", "speaker": "Estonia", "verb": "said"},
        {"quote": "deportation, persecution and other inhumane acts", "speaker": "Estonia", "verb": "said"},
        {"quote": "expelled tens of thousands of lawful residents of Turkmenistan to neighbouring states,",
         "speaker": "Estonia", "verb": "said"},
        {"quote": "to silence every critic at home and abroad. All direct perpetrators and their superiors were "
                  "clearly aware of the attack.", "speaker": "Estonia", "verb": "asserted"},
        {"quote": "amounts to a widespread and systematic attack on the civilian population.", "speaker": "Estonia",
         "verb": "said"},
        {"quote": "a first real step towards justice for Turkmenistan.", "speaker": "Aylar Myratova",
         "verb": "described"},
        {"quote": "The crimes committed by this regime, from mass expulsions to illegal arrests and torture, cannot "
                  "go unpunished,", "speaker": "Aylar Myratova", "verb": "said"},
    ],
    "events": [
        _ev("Estonia", "ACCUSE", "legal action", "Berdy Oraznazarov; Turkmenistan government", "Halvard Post"),
        _ev("Turkmen protesters", "PROTEST", "demonstrate", "Turkmenistan government", "Halvard Post"),
        _ev("Turkmenistan government", "COERCE", "deport", "lawful residents of Turkmenistan", "Estonia", True),
        _ev("Helena Dorsey", "ACCUSE", "investigate", "Turkmenistan government", "Helena Dorsey"),
        _ev("Berdy Oraznazarov", "COERCE", None, "Turkmens abroad", "opposition leaders in exile", True),
        _ev("Turkmenistan government", "COERCE", "arrest", "Turkmen protesters", "Adalat Rights Centre"),
        _ev("Turkmenistan government", "ASSAULT", "beat", "Turkmen protesters", "Adalat Rights Centre"),
        _ev("Aylar Myratova", "SUPPORT", "praise", "Estonia", "Aylar Myratova"),
        _ev("Aylar Myratova", "PROTEST", "demonstrate", "Turkmenistan government", "Aylar Myratova"),
        _ev("Aylar Myratova", "REQUEST", None, "other countries", "Halvard Post"),
        _ev("Turkmenistan government", "COERCE", "arrest", "Serdar Myratov", "Halvard Post"),
    ],
}
