"""An invented wire report (invented people, groups, company and outlet; a real country and real cities,
because the gazetteer and state actors are what it exercises) and the gold we wrote for it: the
integration report the seed sections of test_entities, test_events and test_quotes run on, in place of a
development-set story. It tells of unrest around a mine in a highlands province: a protest and arrests, a
shelling, an aid delivery, a company's denial, a threatened strike, a planned march."""

from __future__ import annotations

from factfinder.records import Report

TEXT = (
    "GOROKA, Papua New Guinea — Police in the Eastern Highlands arrested at least 60 people on Tuesday after a "
    "protest against the Kumbara copper mine turned violent, the provincial governor said.\n"
    "Governor Tobias Ruke told reporters that officers had detained the protesters after they set fire to a "
    "fuel depot run by the mine’s operator, Toraval Mining. “Nobody is above the law, and those who burned the "
    "depot will be charged,” Ruke said.\n"
    "Villagers have blockaded the only road to the mine since earlier this month, saying that waste from the "
    "pit has poisoned the Korume River, on which some 9,000 people depend for drinking water.\n"
    "Toraval Mining denied the claim. In a statement on Wednesday, the company said its own water tests “show "
    "no contamination of any kind” and accused “outside agitators” of stirring up the villagers.\n"
    "The unrest has spread beyond the mine. On Sunday, soldiers shelled camps of the Yagari Defence Force, a "
    "militia that says it protects landowners, near the village of Hengano, killing between eight and 12 "
    "fighters, according to an army officer who declined to be named.\n"
    "The militia allegedly ambushed a police convoy on March 2, an attack its commander, Joseph Wamp, has "
    "denied.\n"
    "Doctors at Mabuli District Hospital said they had treated 34 wounded people since Sunday, most of them "
    "with gunshot wounds. “We are running out of blood and antibiotics,” said a nurse at the hospital, who "
    "asked not to be named because she was not allowed to speak to the press.\n"
    "About 4,000 residents have fled their homes, the Pacific Relief Programme, a United Nations agency, said "
    "on Wednesday. It delivered 15 tonnes of rice and medicine to Goroka on Monday and called on all sides to "
    "let its trucks reach the villages.\n"
    "“Families are sleeping in churches and schools. They need food and clean water now,” said Miriam Tovue, "
    "who heads the agency’s office in the province.\n"
    "The Highlands Justice Forum, a local rights group, described the shelling as “collective punishment” and "
    "said it may amount to a war crime.\n"
    "Residents say the police beat several of the detained protesters, a charge the governor rejected as “lies "
    "spread by people who want chaos.”\n"
    "The Kumbara Mineworkers Union threatened to strike from March 20 if the company did not stop dumping "
    "waste in the river. Union secretary Peter Aipo said his 1,200 members would “walk off the job and stay "
    "off” until the water was clean.\n"
    "Australia, the country’s largest aid donor, urged the government in Port Moresby to open an inquiry into "
    "the shelling.\n"
    "Landowners will march on the provincial assembly in Goroka on Friday, their spokeswoman, Grace Yandu, "
    "said.\n"
)

# Published on a Thursday: "on Tuesday" is 2026-03-10, "On Sunday" 2026-03-08, "on Friday" 2026-03-13.
REPORT = Report(id="invented-highlands-mine", text=TEXT, outlet="Halvard Post", published="2026-03-12",
                dateline="GOROKA, Papua New Guinea")


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
        _e("GOROKA", "GPE", "Goroka"), _e("Papua New Guinea", "GPE"), _e("Eastern Highlands", "GPE"),
        _e("Kumbara", "FAC"), _e("Tobias Ruke", "PERSON"), _e("Ruke", "PERSON", "Tobias Ruke"),
        _e("Toraval Mining", "ORG"), _e("Korume River", "LOC"), _e("Yagari Defence Force", "ORG"),
        _e("Hengano", "GPE"), _e("Joseph Wamp", "PERSON"), _e("Mabuli District Hospital", "ORG"),
        _e("Pacific Relief Programme", "ORG"), _e("United Nations", "ORG"), _e("Goroka", "GPE"),
        _e("Miriam Tovue", "PERSON"), _e("Highlands Justice Forum", "ORG"),
        _e("Kumbara Mineworkers Union", "ORG"), _e("Peter Aipo", "PERSON"), _e("Australia", "GPE"),
        _e("Port Moresby", "GPE"), _e("Grace Yandu", "PERSON"),
    ],
    "actors": [
        {"canonical": "Tobias Ruke", "kind": "person",
         "mentions": ["the provincial governor", "Governor Tobias Ruke", "Ruke", "the governor"]},
        {"canonical": "Toraval Mining", "kind": "organization",
         "mentions": ["the mine’s operator, Toraval Mining", "Toraval Mining", "the company", "its"]},
        {"canonical": "Yagari Defence Force", "kind": "organization",
         "mentions": ["the Yagari Defence Force, a militia that says it protects landowners", "The militia", "its"]},
        {"canonical": "Joseph Wamp", "kind": "person", "mentions": ["its commander, Joseph Wamp"]},
        {"canonical": "Mabuli District Hospital", "kind": "organization", "mentions": ["Mabuli District Hospital",
                                                                                      "the hospital"]},
        {"canonical": "Pacific Relief Programme", "kind": "igo",
         "mentions": ["the Pacific Relief Programme, a United Nations agency", "It", "its", "the agency’s"]},
        {"canonical": "Miriam Tovue", "kind": "person",
         "mentions": ["Miriam Tovue, who heads the agency’s office in the province"]},
        {"canonical": "Highlands Justice Forum", "kind": "organization",
         "mentions": ["The Highlands Justice Forum, a local rights group"]},
        {"canonical": "Kumbara Mineworkers Union", "kind": "organization",
         "mentions": ["The Kumbara Mineworkers Union"]},
        {"canonical": "Peter Aipo", "kind": "person", "mentions": ["Union secretary Peter Aipo", "his"]},
        {"canonical": "Grace Yandu", "kind": "person", "mentions": ["their spokeswoman, Grace Yandu"]},
        {"canonical": "Australia", "kind": "state", "mentions": ["Australia, the country’s largest aid donor"]},
        {"canonical": "Papua New Guinea government", "kind": "state-government",
         "mentions": ["the government in Port Moresby"]},
    ],
    "quotes": [
        {"quote": "Nobody is above the law, and those who burned the depot will be charged,",
         "speaker": "Tobias Ruke", "verb": "said"},
        {"quote": "show no contamination of any kind", "speaker": "Toraval Mining", "verb": "said"},
        {"quote": "outside agitators", "speaker": "Toraval Mining", "verb": "accused"},
        {"quote": "We are running out of blood and antibiotics,", "speaker": "a nurse at the hospital",
         "verb": "said"},
        {"quote": "Families are sleeping in churches and schools. They need food and clean water now,",
         "speaker": "Miriam Tovue", "verb": "said"},
        {"quote": "collective punishment", "speaker": "Highlands Justice Forum", "verb": "described"},
        {"quote": "lies spread by people who want chaos.", "speaker": "Tobias Ruke", "verb": "rejected"},
        {"quote": "walk off the job and stay off", "speaker": "Peter Aipo", "verb": "said"},
    ],
    "events": [
        _ev("Police", "COERCE", "arrest", "protesters", "Tobias Ruke"),
        _ev("protesters", "PROTEST", "demo", "Toraval Mining", "Halvard Post"),
        _ev("protesters", "ASSAULT", "destroy", "Toraval Mining", "Tobias Ruke"),
        _ev("", "COERCE", "arrest", "protesters", "Tobias Ruke"),  # "will be charged": planned, no agent named
        _ev("Villagers", "PROTEST", "obstruct", "Toraval Mining", "Halvard Post"),
        _ev("Toraval Mining", "REJECT", None, "Villagers", "Halvard Post"),
        _ev("Toraval Mining", "ACCUSE", "allege", "outside agitators", "Toraval Mining"),
        _ev("soldiers", "ASSAULT", "heavy-weapons", "Yagari Defence Force", "an army officer"),
        _ev("soldiers", "ASSAULT", "heavy-weapons", "fighters", "an army officer"),
        _ev("Yagari Defence Force", "ASSAULT", None, "police convoy", "Halvard Post", True),
        _ev("Joseph Wamp", "REJECT", None, "", "Halvard Post"),
        _ev("Pacific Relief Programme", "AID", "humanitarian", "residents", "Halvard Post"),
        _ev("Pacific Relief Programme", "REQUEST", None, "all sides", "Halvard Post"),
        _ev("Highlands Justice Forum", "ACCUSE", "disapprove", "soldiers", "Highlands Justice Forum"),
        _ev("police", "ASSAULT", "beat", "detained protesters", "Residents", True),
        _ev("Tobias Ruke", "REJECT", None, "Residents", "Halvard Post"),
        _ev("Kumbara Mineworkers Union", "THREATEN", None, "Toraval Mining", "Halvard Post"),
        _ev("members", "PROTEST", "strike-gen", "Toraval Mining", "Peter Aipo"),
        _ev("Australia", "REQUEST", "change", "Papua New Guinea government", "Halvard Post"),
        _ev("Landowners", "PROTEST", "demo", "provincial assembly", "Grace Yandu"),
    ],
}
