"""Invented multi-report stories for the dispute tests (tests/test_disputes_stories.py) and for
measuring cards right and wrong (``python -m tests.disputes_stories``). Every person, outlet, town
and quote here is made up for these tests; countries are real. Each story lists its reports and
the real disagreements between them (``gold``: slot and the sides' report ids with the value each
gives; a number side matches a card value holding its digits). Every other card is a false alarm.

Classes (issue 12): totals vs parts, ranges and qualifiers, time windows, process stages, done vs
planned, two people's statements, speaker spellings, publication date vs event date, a number
revised over time (up, down, "now stands at"; two revisions the same day
still disagree), who asserts a status (one party about itself vs another), doers
named outright vs doers told only by the uniforms they wore, and the role a person is given
("minister" vs "deputy minister"; "Mr X" and "John X" are one person), and how a party answered
(a denial vs "no information" vs no comment)."""

from __future__ import annotations

import json
import sys
from typing import Any


def _r(rid: str, outlet: str, published: str, text: str) -> dict[str, str]:
    return {"id": rid, "outlet": outlet, "published": published, "text": text}


def _side(report: str, value: str) -> dict[str, str]:
    return {"report": report, "value": value}


STORIES: list[dict[str, Any]] = [
    # ------------------------------------------------------------------ totals vs parts
    {"name": "totals-market", "reports": [
        _r("tp-1", "Harbour Times", "2026-04-08",
           "Shells struck the central market of Dolvar in eastern Ukraine on Tuesday, killing 23 people, "
           "among them nine children, the regional governor said. Dozens of stalls burned."),
        _r("tp-2", "Steppe Wire", "2026-04-08",
           "Nine children and 14 other people were killed when artillery shells hit a crowded market in Dolvar "
           "on Tuesday, rescuers said."),
        _r("tp-3", "Evening Ledger", "2026-04-09",
           "The attack on the Dolvar market on Tuesday killed nine children, a local school director said, "
           "calling it the worst day the town had seen."),
        _r("tp-4", "Northern Post", "2026-04-09",
           "Officials in Dolvar said 31 people were killed when shells hit the town market on Tuesday."),
    ], "gold": [
        {"slot": "number", "hard": True, "sides": [_side("tp-1", "23"), _side("tp-4", "31")]},
        {"slot": "number", "hard": True, "sides": [_side("tp-2", "23"), _side("tp-4", "31")]},
    ]},
    {"name": "totals-ferry", "reports": [
        _r("tf-1", "Coast Herald", "2026-05-02",
           "A ferry capsized on Lake Rowan in Tanzania on Friday. Forty passengers drowned, including 12 women, "
           "police said."),
        _r("tf-2", "Lake Daily", "2026-05-02",
           "Police said 40 passengers died when the ferry overturned on Friday; 12 of them were women."),
        _r("tf-3", "Regional Voice", "2026-05-03",
           "Twelve women and 28 other passengers drowned when the ferry capsized on Friday, police said."),
    ], "gold": []},
    {"name": "totals-arrests", "reports": [
        _r("ta-1", "Capital Courier", "2026-06-11",
           "Police arrested 112 people at a protest in Nairobi on Wednesday, among them 14 students, the "
           "interior ministry said."),
        _r("ta-2", "Daily Lantern", "2026-06-11",
           "Fourteen students were arrested at a protest in Nairobi on Wednesday, their union said."),
        _r("ta-3", "Rift Observer", "2026-06-12",
           "Of the 112 people arrested at the Nairobi protest on Wednesday, 14 were students, the ministry said."),
    ], "gold": []},
    # ------------------------------------------------------------------ ranges and qualifiers
    {"name": "ranges-flood", "reports": [
        _r("rg-1", "Delta Times", "2026-07-14",
           "Floods in northern Bangladesh displaced between 2,000 and 3,000 people on Sunday, aid workers said."),
        _r("rg-2", "River News", "2026-07-14",
           "About 2,500 people were displaced by the floods on Sunday, the district office said."),
        _r("rg-3", "Monsoon Weekly", "2026-07-15",
           "Thousands of people were displaced by Sunday's floods, officials said."),
        _r("rg-4", "Plains Herald", "2026-07-15",
           "More than 9,000 people were displaced by the floods on Sunday, a relief agency said."),
    ], "gold": [
        {"slot": "number", "hard": True, "sides": [_side("rg-1", "3000"), _side("rg-4", "9000")]},
        {"slot": "number", "hard": True, "sides": [_side("rg-2", "2500"), _side("rg-4", "9000")]},
    ]},
    {"name": "ranges-clinic", "reports": [
        _r("rc-1", "Sahel Today", "2026-02-03",
           "Gunmen attacked a clinic in Mali on Monday, killing at least 15 people, a health official said."),
        _r("rc-2", "West Wire", "2026-02-03",
           "Around 20 people were killed when gunmen stormed a clinic in Mali on Monday, residents said."),
        _r("rc-3", "Niger Valley Post", "2026-02-04",
           "Fewer than ten people were killed in Monday's attack on the clinic, the army said."),
    ], "gold": [
        {"slot": "number", "hard": True, "sides": [_side("rc-1", "15"), _side("rc-3", "10")]},
        {"slot": "number", "hard": True, "sides": [_side("rc-2", "20"), _side("rc-3", "10")]},
    ]},
    # ------------------------------------------------------------------ time windows
    {"name": "windows-offensive", "reports": [
        _r("tw-1", "Frontline Daily", "2026-03-30",
           "In the first week of the offensive, 40 civilians were killed in the province, a monitoring group said."),
        _r("tw-2", "Border Gazette", "2026-03-30",
           "Since March 1, 120 civilians have been killed in the province, the monitoring group said."),
        _r("tw-3", "Morning Star Wire", "2026-03-31",
           "At least 120 civilians have been killed in the province so far this year, aid groups said."),
    ], "gold": []},
    {"name": "windows-raids", "reports": [
        _r("tr-1", "Highland Post", "2026-08-20",
           "Soldiers detained 30 men in raids on villages near Kassel in Germany on Monday, police said."),
        _r("tr-2", "Valley Courier", "2026-08-21",
           "Police said 300 people had been detained in the region in the last two weeks, and 30 men on Monday."),
        _r("tr-3", "Ridge Times", "2026-08-21",
           "Officers detained 45 men in the Monday raids, a lawyer for the families said."),
    ], "gold": [
        {"slot": "number", "hard": True, "sides": [_side("tr-1", "30"), _side("tr-3", "45")]},
        {"slot": "number", "hard": True, "sides": [_side("tr-2", "30"), _side("tr-3", "45")]},
    ]},
    {"name": "windows-as-of", "reports": [
        _r("ta-1", "Southern Ledger", "2026-06-02",
           "Floods in southern Chile had killed 40 people by Tuesday, the civil defence agency said, "
           "as rivers burst their banks across the Araucania region."),
        _r("ta-2", "Andes Wire", "2026-06-05",
           "By Friday, the floods in southern Chile had killed 52 people, the civil defence agency said, "
           "as rescuers searched villages along the rivers of the Araucania region."),
        _r("ta-3", "Coastline Post", "2026-06-05",
           "The floods in southern Chile had killed 35 people by Friday, a regional governor said, "
           "as rivers in the Araucania region began to fall."),
    ], "gold": [
        {"slot": "number", "hard": True, "sides": [_side("ta-2", "52"), _side("ta-3", "35")]},
    ]},
    {"name": "windows-detentions", "reports": [
        _r("td-1", "Capital Herald", "2026-09-14",
           "As of Sunday, police in Kenya had detained 212 people during the fuel price protests in Nairobi, "
           "the interior ministry said."),
        _r("td-2", "Rift Valley Times", "2026-09-17",
           "Police in Kenya had detained 340 people by Wednesday during the fuel price protests in Nairobi, "
           "the interior ministry said."),
    ], "gold": []},
    # ------------------------------------------------------------------ doers named vs doers seen in uniforms
    {"name": "doers-by-appearance", "reports": [
        _r("ap-1", "Lakeshore Daily", "2026-11-02",
           "Soldiers abducted two nurses from a clinic near Bunia in Congo on Sunday, the clinic's director said."),
        _r("ap-2", "Hill Country Wire", "2026-11-03",
           "Two nurses were abducted from a clinic near Bunia in Congo on Sunday by men wearing army uniforms, "
           "residents said."),
        _r("ap-3", "Riverside Courier", "2026-11-03",
           "Men dressed in army uniforms abducted two nurses from a clinic near Bunia in Congo on Sunday, "
           "a local official said."),
    ], "gold": [
        {"slot": "actor", "hard": False,
         "sides": [_side("ap-1", "Soldiers"), _side("ap-2", "men wearing army uniforms")]},
    ]},
    {"name": "doers-seen-no-event", "reports": [
        _r("dz-1", "Lake Albert Times", "2026-10-09",
           "Fighters of the Kanyoro Front rebel group abducted four teachers from a school near Muvenga in "
           "Uganda on Thursday, the head teacher said."),
        _r("dz-2", "Rwenzori Wire", "2026-10-10",
           "Four teachers from a school near Muvenga in Uganda were forced into a lorry by men wearing Kanyoro "
           "Front uniforms on Thursday, a parent said."),
    ], "gold": [
        {"slot": "actor", "hard": False,
         "sides": [_side("dz-1", "Fighters of the Kanyoro Front rebel group"),
                   _side("dz-2", "men wearing Kanyoro Front uniforms")]},
    ]},
    # ------------------------------------------------------------------ process stages
    {"name": "stages-court", "reports": [
        _r("st-1", "Hague Observer", "2026-09-02",
           "The court's prosecutor opened a preliminary examination into the killings on Tuesday, her office said."),
        _r("st-2", "Justice Wire", "2026-09-02",
           "The prosecutor opened an investigation into the killings on Tuesday, her office said."),
        _r("st-3", "Law Report", "2026-09-03",
           "The prosecutor said she would decide within weeks whether to open an investigation into the killings."),
    ], "gold": [
        {"slot": "status", "hard": False, "sides": [_side("st-1", "preliminary examination"),
                                                     _side("st-2", "investigation")]},
    ]},
    # ------------------------------------------------------------------ done vs planned
    {"name": "planned-release", "reports": [
        _r("pl-1", "Island Times", "2026-10-05",
           "Police detained four reporters in Colombo on Saturday. They will be released on Monday, their "
           "lawyer said."),
        _r("pl-2", "Ocean Wire", "2026-10-06",
           "Four reporters detained in Colombo on Saturday were released on Monday, their lawyer said."),
        _r("pl-3", "Lagoon Post", "2026-10-06",
           "Four reporters detained in Colombo on Saturday remain in custody, their editor said on Monday."),
    ], "gold": [
        {"slot": "status", "hard": True, "sides": [_side("pl-2", "released"), _side("pl-3", "in custody")]},
    ]},
    # ------------------------------------------------------------------ two people's statements
    {"name": "two-speakers", "reports": [
        _r("sp-1", "Plateau News", "2026-11-10",
           "\"We did not open fire on anyone at the checkpoint that night,\" said Colonel Brann Okwemba, the "
           "army spokesman. Two men were killed at the checkpoint on Sunday."),
        _r("sp-2", "Hill Wire", "2026-11-10",
           "\"They opened fire on us at the checkpoint without any warning that night,\" said Teodor Amsel, "
           "a driver who was there. Two men were killed at the checkpoint on Sunday."),
        _r("sp-3", "Town Crier", "2026-11-11",
           "\"We did not open fire on anyone at the checkpoint that night,\" Colonel Brann Okwemba said. "
           "Two men died at the checkpoint on Sunday."),
    ], "gold": []},
    # ------------------------------------------------------------------ speaker spellings
    {"name": "speaker-spellings", "reports": [
        _r("ss-1", "Savanna Times", "2026-01-20",
           "\"The water came into the houses before anyone could carry the children out,\" said A. K. Mbeleko, "
           "the district commissioner. The floods killed six people on Monday."),
        _r("ss-2", "Rift Wire", "2026-01-20",
           "\"The water came into the houses before anyone could carry the children out,\" said A. K. Mbeleko "
           "Tarawa, the district commissioner. Six people died in Monday's floods."),
        _r("ss-3", "Lake Post", "2026-01-21",
           "\"The water came into the houses before anyone could carry the children out,\" the district "
           "commissioner, Ama Mbeleko Tarawa, said. Six people died in the floods on Monday."),
    ], "gold": []},
    # ------------------------------------------------------------------ publication date vs event date
    {"name": "pubdate-fire", "reports": [
        _r("pd-1", "Metro Ledger", "2026-12-02",
           "A fire at a textile factory killed eight workers, the fire service said."),
        _r("pd-2", "City Wire", "2026-12-02",
           "A fire at a textile factory on Monday killed eight workers, the fire service said."),
        _r("pd-3", "Harbour Bulletin", "2026-12-03",
           "Eight workers were killed in a fire at the textile factory on Sunday, the fire service said."),
    ], "gold": [
        {"slot": "date", "hard": True, "sides": [_side("pd-2", "2026-11-30"), _side("pd-3", "2026-11-29")]},
    ]},
    # ------------------------------------------------------------------ a number revised upward over time
    {"name": "revised-toll", "reports": [
        _r("rv-1", "Quake Watch", "2026-05-20",
           "An earthquake struck northern Peru on Tuesday, killing 12 people, officials said."),
        _r("rv-2", "Andes Wire", "2026-05-21",
           "The death toll from Tuesday's earthquake in northern Peru has risen to 31, officials said."),
        _r("rv-3", "Pacific Post", "2026-05-22",
           "The toll from Tuesday's earthquake rose to 47 as rescuers reached remote villages, officials said."),
    ], "gold": []},
    {"name": "revised-then-lower", "reports": [
        _r("rl-1", "Sierra Herald", "2026-05-20",
           "The death toll from Tuesday's landslide in northern Peru has risen to 31, officials said."),
        _r("rl-2", "Valley Courier", "2026-05-22",
           "Twelve people were killed in Tuesday's landslide in northern Peru, a regional official said."),
    ], "gold": [
        {"slot": "number", "hard": True, "sides": [_side("rl-1", "31"), _side("rl-2", "12")]},
    ]},
    # ------------------------------------------------------------------ revisions told in other words
    # a toll revised down, "had risen to", "now stands at": later counts of one slot, no rivals;
    # two outlets revising one toll to two figures the same day, or a revision against a count it
    # cannot come from (down to 14 after 10), still disagree
    {"name": "revision-down", "reports": [
        _r("vd-1", "Gorge Gazette", "2026-03-02",
           "A bus fell into a gorge near Dremvale in Nepal on Sunday, killing 18 people, police said."),
        _r("vd-2", "Summit Daily", "2026-03-03",
           "Police revised the death toll from Sunday's bus crash near Dremvale in Nepal down to 14, saying four "
           "bodies had been counted twice."),
    ], "gold": []},
    {"name": "revision-had-risen", "reports": [
        _r("vh-1", "Korvath Star", "2026-09-07",
           "A fire swept through a market in Korvath, Kenya, on Sunday, killing nine people, firefighters said."),
        _r("vh-2", "Highland Wire", "2026-09-08",
           "The death toll from Sunday's market fire in Korvath, Kenya, had risen to 23 by Monday evening, "
           "firefighters said."),
        _r("vh-3", "Rift Evening", "2026-09-09",
           "The number of dead from the Korvath market fire in Kenya now stands at 27, firefighters said."),
    ], "gold": []},
    {"name": "revision-in-one-report", "reports": [
        _r("vo-1", "Teluria Times", "2026-10-12",
           "Twelve miners were killed when a shaft collapsed at a gold mine near Varnok, Ghana, on Saturday, "
           "officials said. On Sunday the mine's owner said the toll had climbed to 17."),
        _r("vo-2", "Coastline Post", "2026-10-12",
           "A shaft collapse at a gold mine near Varnok, Ghana, on Saturday killed 12 miners, officials said."),
        _r("vo-3", "Gold Coast Wire", "2026-10-13",
           "Seventeen miners were killed when a shaft collapsed at a gold mine near Varnok, Ghana, on Saturday, "
           "the mine's owner said."),
    ], "gold": []},
    {"name": "revision-rivals", "reports": [
        _r("vr-1", "Delta Courier", "2026-11-16",
           "The death toll from Saturday's ferry sinking off Pellaro, Mozambique, has risen to 31, the navy said."),
        _r("vr-2", "Channel Herald", "2026-11-16",
           "The toll from Saturday's ferry sinking off Pellaro, Mozambique, climbed to 44, the navy said."),
    ], "gold": [{"slot": "number", "hard": True, "sides": [_side("vr-1", "31"), _side("vr-2", "44")]}]},
    {"name": "revision-down-below", "reports": [
        _r("vb-1", "Plateau News", "2026-01-19",
           "Floods swept through the valley town of Ostrel in Peru on Friday, killing ten people, officials said."),
        _r("vb-2", "Andean Ledger", "2026-01-20",
           "Officials revised the death toll from Friday's floods in Ostrel, Peru, down to 14."),
    ], "gold": [{"slot": "number", "hard": True, "sides": [_side("vb-1", "10"), _side("vb-2", "14")]}]},
    # ------------------------------------------------------------------ wire copies and an independent outlet
    {"name": "wire-copies", "reports": [
        _r("wc-1", "Continental Press", "2026-03-14",
           "MAPUTO, Mozambique (CP) - Gunmen attacked a bus on the coastal highway in Mozambique on Thursday, "
           "killing 11 passengers, police spokesman Elias Mucavele said. \"The attackers stopped the bus and "
           "opened fire on the people inside without a word,\" Mucavele said. Police said 17 passengers were "
           "wounded and taken to hospital in the nearby town."),
        _r("wc-2", "Indian Ocean Daily", "2026-03-14",
           "MAPUTO, Mozambique (CP) - Gunmen attacked a bus on the coastal highway in Mozambique on Thursday, "
           "killing 11 passengers, police spokesman Elias Mucavele said. \"The attackers stopped the bus and "
           "opened fire on the people inside without a word,\" Mucavele said. Police said 17 passengers were "
           "wounded and taken to hospital in the nearby town."),
        _r("wc-3", "Southern Record", "2026-03-15",
           "MAPUTO, Mozambique (CP) - Gunmen attacked a bus on the coastal highway in Mozambique on Thursday, "
           "killing 11 passengers, police spokesman Elias Mucavele said. \"The attackers stopped the bus and "
           "opened fire on the people inside without a word,\" Mucavele said. Police said 17 passengers were "
           "wounded and taken to hospital in the nearby town."),
        _r("wc-4", "Beira Sun", "2026-03-15",
           "Gunmen killed 14 passengers on a bus on the coastal highway on Thursday, a hospital director "
           "said, adding that 17 people were being treated for gunshot wounds."),
    ], "gold": [
        {"slot": "number", "hard": True, "sides": [_side("wc-1", "11"), _side("wc-4", "14")]},
    ]},
    # ------------------------------------------------------------------ the role a person is given
    {"name": "roles-office", "reports": [
        _r("ro-1", "Coast Ledger", "2026-07-06",
           "Floods closed the main road into Karvel in Ghana on Monday, said Kofi Adjei Mensah, the deputy "
           "minister for roads, who visited the site."),
        _r("ro-2", "Volta Wire", "2026-07-06",
           "The roads minister, Kofi Adjei Mensah, said on Monday that the flooded road into Karvel in Ghana "
           "would reopen within a week."),
        _r("ro-3", "Accra Evening", "2026-07-07",
           "Mr Mensah, the deputy roads minister, said crews were clearing the road into Karvel in Ghana "
           "through the night."),
    ], "gold": [
        {"slot": "attribution", "hard": False,
         "sides": [_side("ro-1", "deputy minister for roads"), _side("ro-2", "roads minister")]},
        {"slot": "attribution", "hard": False,
         "sides": [_side("ro-3", "deputy roads minister"), _side("ro-2", "roads minister")]},
    ]},
    {"name": "roles-agree", "reports": [
        _r("rq-1", "Harbour Post", "2026-08-11",
           "Police fired tear gas at striking dock workers in Sankora in Ghana on Tuesday, said Ama Serwaa "
           "Boateng, a lawyer for the dockers' union."),
        _r("rq-2", "Sankora Daily", "2026-08-11",
           "Ms Boateng, the union's lawyer, said police fired tear gas at the striking dock workers in Sankora "
           "on Tuesday."),
        _r("rq-3", "Gulf Courier", "2026-08-12",
           "Police used tear gas on striking dockers in Sankora on Tuesday, the union's chief lawyer, Ama "
           "Boateng, said."),
    ], "gold": []},
    {"name": "roles-camp", "reports": [
        _r("rk-1", "Lakeside Times", "2026-09-01",
           "Two shells hit a camp for displaced people near Kivemba in Rwanda on Friday, camp manager "
           "Theoneste Habyara said."),
        _r("rk-2", "Hills Wire", "2026-09-02",
           "Shells struck the camp near Kivemba in Rwanda on Friday, said Theoneste Habyara, secretary of the "
           "camp committee."),
    ], "gold": [
        {"slot": "attribution", "hard": False,
         "sides": [_side("rk-1", "camp manager"), _side("rk-2", "secretary of the camp committee")]},
    ]},
    # ------------------------------------------------------------------ how a party answered
    {"name": "responses-school", "reports": [
        _r("rs-1", "Delta Monitor", "2026-03-03",
           "An air strike hit a school near Wakoro in Sudan on Sunday, residents said. The Sudanese army denied "
           "hitting the school and said it had struck a rebel depot."),
        _r("rs-2", "Nile Wire", "2026-03-04",
           "A school near Wakoro in Sudan was hit in an air strike on Sunday, residents said. A spokesman for the "
           "Sudanese army told reporters there was no information yet on any school."),
        _r("rs-3", "Horn Post", "2026-03-04",
           "Residents said an air strike hit a school near Wakoro in Sudan on Sunday. The Sudanese army declined "
           "to comment."),
    ], "gold": [
        {"slot": "attribution", "hard": False, "sides": [_side("rs-1", "denied"), _side("rs-2", "no information")]},
        {"slot": "attribution", "hard": False,
         "sides": [_side("rs-1", "denied"), _side("rs-3", "declined to comment")]},
    ]},
    {"name": "responses-agree", "reports": [
        _r("rz-1", "Lagos Ledger", "2026-04-14",
           "The Nigerian police denied using live rounds against protesters in Okeni on Monday."),
        _r("rz-2", "Niger Delta Times", "2026-04-14",
           "The Nigerian police denied firing live rounds at the protest in Okeni on Monday, a spokesman said."),
    ], "gold": []},
    # ------------------------------------------------------------------ who asserts a status
    {"name": "asserter-hostages", "reports": [
        _r("as-1", "Forest Herald", "2026-06-01",
           "Rebels seized three aid workers near Mbandaka on Friday. The rebels said on Sunday that the three "
           "had been freed."),
        _r("as-2", "Congo River Wire", "2026-06-02",
           "Three aid workers seized by rebels on Friday have not been seen since, their families said on Monday."),
        _r("as-3", "Basin Times", "2026-06-02",
           "The rebels said the three aid workers seized on Friday had been freed, but their employer said they "
           "were still being held."),
    ], "gold": [
        {"slot": "status", "hard": True, "sides": [_side("as-1", "released"), _side("as-2", "in custody")]},
    ]},
]


# Session 8 (issue 12). Stories with no real disagreement, only surface differences (rounding,
# sub-counts, a later update, day parts, a title beside a name): no card may be raised.
STORIES += [
    {"name": "p-rounding", "reports": [
        _r("pr-1", "Ferry Post", "2027-03-06",
           "A bus plunged into a ravine near Tarvel in Peru on Friday, killing 47 people, the transport ministry "
           "said."),
        _r("pr-2", "Andes Signal", "2027-03-06",
           "Nearly 50 people were killed when a bus plunged into a ravine near Tarvel in Peru on Friday, police "
           "said."),
        _r("pr-3", "Lima Evening", "2027-03-07",
           "About 50 people died when the bus fell into a ravine near Tarvel on Friday, rescuers said."),
    ], "gold": []},
    {"name": "p-subcounts", "reports": [
        _r("ps-1", "Plateau Daily", "2027-04-11",
           "Gunmen killed nine people, among them four children, in an attack on the village of Moreku in "
           "Nigeria on Saturday, police said."),
        _r("ps-2", "Savanna Wire", "2027-04-11",
           "Four children were among those killed when gunmen attacked the village of Moreku in Nigeria on "
           "Saturday, residents said."),
        _r("ps-3", "Guinea Coast Times", "2027-04-12",
           "Nine villagers were killed when gunmen raided Moreku in Nigeria on Saturday, a local chief said."),
    ], "gold": []},
    {"name": "p-update", "reports": [
        _r("pu-1", "Harbour Lamp", "2027-05-02",
           "A blast at a fireworks warehouse in Sorvik, Indonesia, on Saturday killed 12 people, officials said."),
        _r("pu-2", "Island Courier", "2027-05-04",
           "On Monday, officials said the death toll from Saturday's blast at the fireworks warehouse in Sorvik, "
           "Indonesia, had risen to 23."),
    ], "gold": []},
    {"name": "p-dayparts", "reports": [
        _r("pd-1", "Metro Bulletin", "2027-06-13",
           "A fire broke out at a textile factory in Gazipur, Bangladesh, on Saturday evening, killing six "
           "workers, the fire service said."),
        _r("pd-2", "Delta Morning", "2027-06-13",
           "Six workers died in a fire that tore through a textile factory in Gazipur, Bangladesh, late on "
           "Saturday, the fire service said."),
        _r("pd-3", "River Chronicle", "2027-06-14",
           "The fire at the Gazipur textile factory in Bangladesh on Saturday night killed six workers, the fire "
           "service said."),
    ], "gold": []},
    {"name": "p-titles", "reports": [
        _r("pt-1", "Capital Voice", "2027-07-20",
           "President Ama Kostrel said on Tuesday that the flood relief fund would be doubled. \"No family will "
           "be left alone,\" President Kostrel said."),
        _r("pt-2", "Coastal Review", "2027-07-20",
           "\"No family will be left alone,\" Ms Kostrel, the president, said as she announced that the flood "
           "relief fund would be doubled."),
        _r("pt-3", "Northern Echo", "2027-07-21",
           "Ama Kostrel, the country's president, said the flood relief fund would be doubled. \"No family will "
           "be left alone,\" she said."),
    ], "gold": []},

]

# Open classes: a response whose cue has another party as its subject; an evening and the small hours
# of the next day; the day of an update; a value agreeing with two clashing values; a sub-group's count
# inside a count of all people (and one larger than it, still a card).
STORIES += [
    # A: a response whose cue has another party as its subject
    {"name": "c-response-owner", "reports": [
        _r("ra-1", "Mill Town News", "2027-02-09",
           "Police fired tear gas at striking workers outside the Velmar textile mill in Kenya on Monday. Police "
           "said the mill's owner could not be reached for comment."),
        _r("ra-2", "Lakeside Wire", "2027-02-09",
           "Police denied that officers fired live rounds at striking workers outside the Velmar textile mill in "
           "Kenya on Monday."),
    ], "gold": []},
    {"name": "c-response-army", "reports": [
        _r("rb-1", "Border Light", "2027-02-15",
           "Shells hit the market town of Ostrava Nova in Sudan on Sunday. The governor said 14 people had died; "
           "the army could not be reached for comment."),
        _r("rb-2", "Desert Herald", "2027-02-15",
           "Shells hit the market town of Ostrava Nova in Sudan on Sunday. The governor said he had no "
           "information on who fired the shells."),
    ], "gold": []},
    {"name": "c-response-director", "reports": [
        _r("rc-1", "Health Monitor", "2027-02-20",
           "Patients were turned away from the Saint Ilse clinic in Uganda on Thursday, relatives said. A "
           "ministry spokesman said the clinic's director had declined to comment."),
        _r("rc-2", "Uganda Ledger", "2027-02-20",
           "Patients were turned away from the Saint Ilse clinic in Uganda on Thursday. A ministry spokesman "
           "said he had no information about patients being sent home."),
    ], "gold": []},
    # B: day parts and report days
    {"name": "c-daypart-zone", "reports": [
        _r("db-1", "Pacific Desk", "2027-08-08",
           "An earthquake struck the coast of Chile on Saturday evening, killing three people, officials said."),
        _r("db-2", "Far East Wire", "2027-08-08",
           "An earthquake struck the coast of Chile early on Sunday, killing three people, officials said."),
    ], "gold": []},
    {"name": "c-daypart-lastnight", "reports": [
        _r("dc-1", "Town Crier", "2027-08-15",
           "A gas explosion destroyed a block of flats in Lodz, Poland, on Saturday evening, killing two "
           "residents, firefighters said."),
        _r("dc-2", "Vistula Post", "2027-08-15",
           "A gas explosion destroyed a block of flats in Lodz, Poland, before dawn on Sunday, killing two "
           "residents, firefighters said."),
    ], "gold": []},
    {"name": "c-daypart-small-hours", "reports": [
        _r("dd-1", "Gulf Times Wire", "2027-09-05",
           "Gunmen attacked a police post in northern Mali on Saturday evening, killing four officers, the army "
           "said."),
        _r("dd-2", "Sahel Courier", "2027-09-06",
           "Gunmen attacked a police post in northern Mali in the small hours of Sunday, killing four officers, "
           "the army said."),
    ], "gold": []},
    # C: the day of an update is not the day of the happening
    {"name": "c-update-toll", "reports": [
        _r("ua-1", "Harbour Lamp", "2027-05-02",
           "A blast at a fireworks warehouse in Sorvik, Indonesia, on Saturday killed 12 people, officials said."),
        _r("ua-2", "Island Courier", "2027-05-04",
           "On Monday, officials said the death toll from Saturday's blast at the fireworks warehouse in Sorvik, "
           "Indonesia, had risen to 23."),
    ], "gold": []},
    {"name": "c-update-rose-on", "reports": [
        _r("ub-1", "Plains Daily", "2027-06-05",
           "Floods killed 20 people in eastern Kenya on Friday, the Red Cross said."),
        _r("ub-2", "Rift Review", "2027-06-07",
           "On Sunday, the Red Cross said the number of people killed in Friday's floods in eastern Kenya had "
           "reached 31."),
    ], "gold": []},
    {"name": "c-update-bodies", "reports": [
        _r("uc-1", "City Beacon", "2027-07-11",
           "A residential building collapsed in Lagos, Nigeria, on Sunday, killing eight people, emergency "
           "officials said."),
        _r("uc-2", "Lagoon Times", "2027-07-13",
           "Rescuers on Tuesday pulled four more bodies from the rubble of the building in Lagos, Nigeria, that "
           "collapsed on Sunday, emergency officials said."),
    ], "gold": []},
    # D: a value agreeing with two clashing values takes no side
    {"name": "c-group-province", "reports": [
        _r("ga-1", "Congo Ledger", "2027-10-03",
           "Militiamen attacked a village in Tanganyika province in Congo on Friday, killing 11 people, the army "
           "said."),
        _r("ga-2", "Lake Post", "2027-10-03",
           "Militiamen attacked a village near Bunia in Congo on Friday, killing 11 people, the army said."),
        _r("ga-3", "Tanganyika Lantern", "2027-10-04",
           "Militiamen attacked a village near Kinshasa in Congo on Friday, killing 11 people, the army said."),
    ], "gold": [{"slot": "place", "hard": True, "sides": [_side("ga-2", "Bunia"), _side("ga-3", "Kinshasa")]}]},
    {"name": "c-group-night", "reports": [
        _r("gb-1", "Morning Wire", "2027-10-11",
           "Rebels shelled the town of Montepuez in Mozambique on Saturday night, killing five people, officials "
           "said."),
        _r("gb-2", "Indian Ocean Post", "2027-10-11",
           "Rebels shelled the town of Montepuez in Mozambique early on Sunday, killing five people, officials said."),
        _r("gb-3", "Coast Record", "2027-10-12",
           "Rebels shelled the town of Montepuez in Mozambique on Sunday evening, killing five people, officials "
           "said."),
    ], "gold": [{"slot": "date", "hard": True, "sides": [_side("gb-1", "2027-10-09"), _side("gb-3", "2027-10-10")]}]},
    {"name": "c-group-region", "reports": [
        _r("gc-1", "Steppe Daily", "2027-11-02",
           "Gunmen attacked a cattle market in Borno state, Nigeria, on Monday, killing nine traders, officials "
           "said."),
        _r("gc-2", "Hindu Kush Wire", "2027-11-02",
           "Gunmen attacked a cattle market near Maiduguri, Nigeria, on Monday, killing nine traders, officials "
           "said."),
        _r("gc-3", "Kabul Evening", "2027-11-03",
           "Gunmen attacked a cattle market near Lagos, Nigeria, on Monday, killing nine traders, officials "
           "said."),
    ], "gold": [{"slot": "place", "hard": True, "sides": [_side("gc-2", "Maiduguri"), _side("gc-3", "Lagos")]}]},
    # E: tolls naming the dead differently ("civilians" / "people") are still rival tolls: the gold marks
    # them so (a narrower group's count read as part of a larger one was tried and lost true cards)
    {"name": "c-subgroup-civilians", "reports": [
        _r("sa-1", "Frontier Post", "2027-03-14",
           "An air strike on a market in Idlib, Syria, on Saturday killed 12 civilians, a monitoring group said."),
        _r("sa-2", "Levant Wire", "2027-03-14",
           "An air strike on a market in Idlib, Syria, on Saturday killed 15 people, a monitoring group said."),
    ], "gold": [{"slot": "number", "hard": True, "sides": [_side("sa-1", "12"), _side("sa-2", "15")]}]},
    {"name": "c-subgroup-exceeds", "reports": [
        _r("sd-1", "Frontier Post", "2027-03-14",
           "An air strike on a market in Idlib, Syria, on Saturday killed 21 civilians, a monitoring group said."),
        _r("sd-2", "Levant Wire", "2027-03-14",
           "An air strike on a market in Idlib, Syria, on Saturday killed 15 people, a monitoring group said."),
    ], "gold": [{"slot": "number", "hard": True, "sides": [_side("sd-1", "21"), _side("sd-2", "15")]}]},
]


def _digits(v: str) -> set[int]:
    import re

    return {int(x) for x in re.findall(r"\d+", str(v).replace(",", ""))}


def finds(card: dict[str, Any], item: dict[str, Any]) -> bool:
    """One card puts two of the gold item's sides (different reports) under different values, each
    value holding the side's digits (the scorer's rule, ../shared/tools/score_disputes.py)."""
    if card["slot"] != item["slot"]:
        return False
    groups = [(v["value"], {r["id"] for r in v["reports"]}) for v in card["values"]]
    where = []
    for side in item["sides"]:
        want = _digits(side["value"])
        where.append((side, {k for k, (v, ids) in enumerate(groups)
                             if side["report"] in ids and (not want or want <= _digits(v))}))
    return any(a["report"] != b["report"] and ka and kb and ka != kb
               for i, (a, ka) in enumerate(where) for b, kb in where[i + 1:])


def analyses(story: dict[str, Any]) -> list[Any]:
    from factfinder.pipeline import analyse
    from factfinder.records import Report

    return [analyse(Report(**r)) for r in story["reports"]]


def cards(story_analyses: list[Any], order: list[int] | None = None) -> list[dict[str, Any]]:
    """The story's dispute cards through the real fuser (stories, wire copies, claims, disputes)."""
    from factfinder.derive.stories import Fuser
    from factfinder.records import to_dict

    fuser = Fuser()
    for i in order or range(len(story_analyses)):
        fuser.add(story_analyses[i])
    return [to_dict(d) for d in fuser.disputes()]


def score(story: dict[str, Any], got: list[dict[str, Any]]) -> tuple[int, int, int, int]:
    """(cards right, cards wrong, gold found, gold items)."""
    right = sum(1 for c in got if any(finds(c, g) for g in story["gold"]))
    found = sum(1 for g in story["gold"] if any(finds(c, g) for c in got))
    return right, len(got) - right, found, len(story["gold"])


def main(argv: list[str]) -> None:
    show = "-v" in argv
    total = [0, 0, 0, 0]
    for story in STORIES:
        if argv and not argv[0].startswith("-") and story["name"] not in argv:
            continue
        got = cards(analyses(story))
        s = score(story, got)
        total = [a + b for a, b in zip(total, s, strict=True)]
        print(f"{story['name']:20s} right {s[0]} wrong {s[1]} gold found {s[2]}/{s[3]}")
        if show:
            for c in got:
                ok = any(finds(c, g) for g in story["gold"])
                sides = " | ".join(f"{v['value']} <" + ",".join(f"{r['id']}:{r.get('asserter')}" for r in v["reports"])
                                   + ">" for v in c["values"])
                print(f"   {'OK ' if ok else 'BAD'} {c['slot']} {c['about']} hard={c['hard']} :: {sides}")
    print(json.dumps({"cards_right": total[0], "cards_wrong": total[1], "gold_found": total[2], "gold": total[3]}))


if __name__ == "__main__":
    main(sys.argv[1:])
