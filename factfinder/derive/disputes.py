"""Disputes: the slots of a story whose values differ across independent reports.

Input is every report's claims (derive/claims.py) with the report's story, origin (the report a
copy was copied from; itself otherwise) and outlet. Claims are grouped by (story, subject,
predicate, slot) in one pass (a dict, so cost grows with the number of claims); quotes are first
matched across reports by their words (an inverted index, not all pairs). Within a group each
report gives its first value (status: each stage it states); values are merged when they are the
same value (equal ranges, one identity spelt two ways), and each value's support is the number
of independent origins behind it — copies of one wire story count once, so adding copies changes
reports lists, never whether a dispute exists.

A dispute is raised when two values come from different origins. Hard or soft follows from the
values: number ranges that cannot overlap, days that differ, released vs in custody are hard;
a bound against a figure inside it ("at least 37" vs "45"), a reworded quote, two names for the
speaker are soft. Differences only between copies of one origin are edits (``edit=True``).

A differing count is a revision, not a dispute, only when the report tells it as one, in a
direction it keeps ("has risen to 31", "rose to 47" up; "revised the toll down to 14" down; "now
stands at 27" either way: derive/claims.py ``revision``), and was not published before every report
of the count it revised (against another revised count: as of a later day), or when both counts are
told as of stated days ("40 by Tuesday" / "52 by Friday"). A later report giving a higher figure
without such words disputes the earlier one (the development gold marks such pairs as
disagreements, hard for exact figures): a reader cannot tell an update from a rival count, so the
card shows both with their days.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from rapidfuzz import fuzz

from ..records import Dispute, DisputeReport, DisputeValue, SlotClaim
from ..ontology import load as load_table
from .claims import lexicon

NAME = "factfinder.derive.disputes.v10"

ABOUT = {
    ("happening", "date"): "day of the happening",
    ("release", "date"): "day of the release",
    ("submission", "date"): "day of the submission (referral, complaint, filing)",
    ("detained people", "release"): "whether the people detained are free",
    ("detained people", "charged"): "whether the people detained were charged",
    ("inquiry", "stage"): "stage of the inquiry",
    ("quote", "wording"): "wording of a quote",
    ("quote", "speaker"): "who said a quote",
    ("happening", "place"): "place of the happening",
    ("happening", "perpetrator"): "who did it",
    ("happening", "means"): "what it was done with",
    ("earthquake", "magnitude"): "magnitude of the earthquake",
}
HARD_STAGES = {frozenset({"released", "in custody"}), frozenset({"released", "not released"}),
               frozenset({"charged", "not charged"})}


@dataclass(frozen=True, slots=True)
class ReportClaims:
    """One report's claims with what disputes need to know about the report."""

    report_id: str
    story: str
    origin: str  # the report it copies (itself when it is no copy)
    outlet: str | None
    claims: tuple[SlotClaim, ...]
    published: str | None = None  # YYYY-MM-DD: the story's earliest report names its disputes


# --------------------------------------------------------------------------- identities, quotes


def fold(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    return "".join(c for c in text.lower() if c.isalnum())


def same_identity(a: str, b: str) -> bool:
    """Spellings of one name: equal when folded, one containing the other's surname, or close
    transliterations ("Kwame Osei-Bonsu" / "Kwame Osei Bonsu")."""
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return False
    if fa == fb or fuzz.ratio(fa, fb) >= 80:
        return True
    ta = [fold(t) for t in a.split() if len(fold(t)) > 2]
    tb = [fold(t) for t in b.split() if len(fold(t)) > 2]
    if not ta or not tb:
        return False
    return ta[-1] in tb or tb[-1] in ta


_STEM = 4
NEAR_IDENTICAL = 85  # fuzz.ratio of two quotes' words above which they are one quote whoever said it


def _content(text: str) -> set[str]:
    return {w[:_STEM] for w in re.findall(r"[a-z]+", text) if len(w) > 3}


def same_quote(a: str, b: str) -> bool:
    """The same quote, perhaps reworded: close in characters and sharing several content words."""
    return fuzz.ratio(a, b) >= 58 and len(_content(a) & _content(b)) >= 3


_FUNCTION_WORDS = frozenset(
    "a an the has have had been is are was were be that which who and of to in on at by for it its their".split())


def same_words(a: str, b: str) -> bool:
    """The same words up to spelling ("neighboring"/"neighbouring") and function words ("has"):
    every changed word is close in spelling to its counterpart, every added or dropped one is a
    function word. "the first hymn" vs "the second hymn" changes a word: a rewording."""
    ta, tb = a.split(), b.split()
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=ta, b=tb, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        if op in ("insert", "delete"):
            if not set(ta[i1:i2] + tb[j1:j2]) <= _FUNCTION_WORDS:
                return False
        elif i2 - i1 != j2 - j1 or any(fuzz.ratio(x, y) < 80 for x, y in zip(ta[i1:i2], tb[j1:j2], strict=True)):
            return False
    return True


def _quote_subjects(reports: list[ReportClaims]) -> dict[tuple[str, int], str]:
    """(report id, quote start) -> a subject naming the quote, shared by the same quote across
    reports. Copies of one origin quoting the same words count as one quote (so adding copies
    changes nothing); candidates come from an inverted index on content words, not all pairs."""
    reps: dict[tuple[str, str, str], int] = {}  # (story, origin, words) -> representative
    members: list[list[tuple[str, int]]] = []
    words: list[tuple[str, str, str]] = []
    named: list[set[str]] = []  # the named speakers each representative is quoted from
    for r in reports:
        speakers = {c.span.start: c.value for c in r.claims if c.slot == "attribution" and c.subject == "quote"}
        for c in r.claims:
            if c.slot != "quote_wording":
                continue
            k = (r.story, r.origin, c.key)
            if k not in reps:
                reps[k] = len(words)
                words.append(k)
                members.append([])
                named.append(set())
            members[reps[k]].append((r.report_id, c.span.start))
            speaker = speakers.get(c.span.start, "")
            if speaker[:1].isupper():
                named[reps[k]].add(speaker)

    def two_statements(i: int, j: int) -> bool:
        # differently worded words of two named people are two statements, not one quote told
        # twice: only near-identical words are one quote whoever it is given to
        if not named[i] or not named[j] or fuzz.ratio(words[i][2], words[j][2]) >= NEAR_IDENTICAL:
            return False
        return not any(same_identity(a, b) for a in named[i] for b in named[j])
    parent = list(range(len(words)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, (story, _origin, key) in enumerate(words):
        seen: dict[int, int] = defaultdict(int)
        for w in _content(key):
            posting = index[(story, w)]
            for j in posting[:64]:  # a word in every quote of a story decides nothing
                seen[j] += 1
            posting.append(i)
        for j, n in seen.items():
            # across origins a dispute, between copies of one origin an edit; never within a report
            other = words[j][1] != words[i][1] or not {r for r, _ in members[i]} & {r for r, _ in members[j]}
            if n >= 3 and other and find(i) != find(j) and same_quote(key, words[j][2]) and not two_statements(i, j):
                parent[find(i)] = find(j)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(words)):
        groups[find(i)].append(i)
    out = {}
    for group in groups.values():
        name = min(words[i][2] for i in group)  # order-free: the same name whatever came first
        for i in group:
            for rid, start in members[i]:
                out[(rid, start)] = "quote: " + name[:60]
    return out


def _person_subjects(reports: list[ReportClaims]) -> dict[tuple[str, str], str]:
    """(report id, subject) -> one subject per person for subjects naming a person or body,
    so spellings of one name across reports ("Jean Mbeki Tala" / "Mbeki Tala Jean") meet. Candidates
    come from an inverted index on each story's name tokens, not all pairs; the shared name is the
    smallest spelling (order-free)."""
    names: dict[tuple[str, str], int] = {}
    for r in reports:
        for c in r.claims:
            if c.subject.startswith(_PERSON_SUBJECTS):
                prefix, name = c.subject.split(": ", 1)
                names.setdefault((r.story, prefix + ": " + name), len(names))
    keys = list(names)
    parent = list(range(len(keys)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    index: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for i, (story, subject) in enumerate(keys):
        prefix, name = subject.split(": ", 1)
        tokens = {fold(t) for t in re.split(r"[\s-]+", name) if len(fold(t)) > 2}
        for t in sorted(tokens):
            posting = index[(story, prefix, t)]
            for j in posting[:64]:
                if find(i) != find(j) and _MATCHERS[prefix](name, keys[j][1].split(": ", 1)[1]):
                    parent[find(i)] = find(j)
            posting.append(i)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(keys)):
        groups[find(i)].append(i)
    out = {}
    for group in groups.values():
        shared = min(keys[i][1] for i in group)
        for i in group:
            out[keys[i]] = shared
    return out


_NAME_STOP = frozenset("the a an of for and".split())


def same_body(a: str, b: str) -> bool:
    """Two names of one body or person: every word of the shorter is in the longer ("interior
    ministry" / "Norland Interior Ministry"); "foreign ministry" and "interior ministry" are two."""
    stop = _NAME_STOP | _honorifics()  # "Mr Osei" is the "Kwame Osei" of another report
    ta = {fold(t) for t in re.split(r"[\s-]+", a) if fold(t) and fold(t) not in stop}
    tb = {fold(t) for t in re.split(r"[\s-]+", b) if fold(t) and fold(t) not in stop}
    return bool(ta and tb) and (ta <= tb or tb <= ta)


@functools.lru_cache(maxsize=1)
def _honorifics() -> frozenset[str]:
    table = load_table("entities")["honorifics"]
    return frozenset(fold(h) for h in table)


def _name_tokens(name: str) -> list[str]:
    """A person's name as folded words without honorifics or ranks ("Mr", "Dr", "Colonel")."""
    honorifics = _honorifics()
    return [t for t in (fold(w) for w in name.split()) if t and t not in honorifics]


def _same_name_word(x: str, y: str) -> bool:
    if x == y or (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y)):
        return True  # "K." and "Kwame"
    return min(len(x), len(y)) > 4 and fuzz.ratio(x, y) >= 85  # "Kavugho" / "Kavugo"


def same_person(a: str, b: str) -> bool:
    """Two names of one person: every word of the shorter (honorifics left out) matches its own
    word of the longer, in any order: "Mr Osei" and "Kwame Osei", "Osei Kwame" and "Kwame Osei",
    "K. Osei" and "Kwame Osei". "Kwame Osei" and "Ama Osei" are two people."""
    ta, tb = _name_tokens(a), _name_tokens(b)
    if not ta or not tb:
        return False
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    free = list(long_)
    for t in short:
        hit = next((u for u in free if _same_name_word(t, u)), None)
        if hit is None:
            return False
        free.remove(hit)
    return True


def _role_parts(role: str) -> tuple[str, frozenset[str]] | None:
    """(head noun, rank words) of a role: "deputy minister for roads" -> ("minister", {"deputy"}),
    "the union's chief lawyer" -> ("lawyer", {}); the head is the last word before "of"/"for"/"at"
    ..., plural and equivalent names of one office folded ("spokeswoman" = "spokesman")."""
    lex = lexicon()
    ranks = frozenset(lex["role_rank_words"])
    same = {w: words[0] for words in lex["role_equivalents"] for w in words}
    words = [w for w in re.findall(r"[a-z]+", role.lower().replace("'s", "")) if len(w) > 1]
    cut = next((k for k, w in enumerate(words) if w in _ROLE_PREPS), len(words))
    pre = [w for w in words[:cut] if w not in _ROLE_STOP]
    if not pre:
        return None
    head = pre[-1]
    head = head[:-1] if len(head) > 4 and head.endswith("s") and not head.endswith("ss") else head
    return same.get(head, head), frozenset(w for w in words if w in ranks)


def same_role(a: str, b: str) -> bool:
    """Two roles that may both be true of one person: the same office (head noun) with the same rank
    words, however else each is told ("lawyer for the union" / "the union's chief lawyer",
    "roads minister" / "minister for roads"). Another office ("administrator" / "president of the
    committee") or another rank ("minister" / "deputy minister", ontology/disputes.json
    "role_rank_words") is another role. Only two posts or two callings are compared (ontology/
    disputes.json "role_heads_compared"): "head of the cabinet" and "presidential challenger", or "a
    doctor" and "the hospital director", may both be true.
    Several roles told of a person agree when any two do."""
    same = {w: words[0] for words in lexicon()["role_equivalents"] for w in words}
    kinds = {same.get(w, w): kind for kind, words in lexicon()["role_heads_compared"].items() for w in words}
    for ra in a.split("; "):
        for rb in b.split("; "):
            pa, pb = _role_parts(ra), _role_parts(rb)
            kind = kinds.get(pa[0]) if pa is not None else None
            if pa is None or pb is None or pa == pb or kind is None or kind != kinds.get(pb[0]):
                # a role without a head word, a word that names no one post or calling ("head",
                # "leader", "challenger", "activist"), or a post beside a calling ("doctor" and
                # "hospital director") decides nothing: a person holds many such roles
                return True
    return False


_ROLE_STOP = frozenset("the a an its his her their".split())
_ROLE_PREPS = frozenset("of for at in with to on from".split())

# subjects naming a person or body, and how their spellings are matched across reports
_MATCHERS = {"figure from": same_body, "role of": same_person, "response of": same_body}
_PERSON_SUBJECTS = tuple(prefix + ": " for prefix in _MATCHERS)


# --------------------------------------------------------------------------- values and their clash


@dataclass
class _Value:
    claim: SlotClaim
    sides: list[tuple[ReportClaims, SlotClaim]]

    def origins(self) -> set[str]:
        return {r.origin for r, _ in self.sides}


def one_night(a: SlotClaim, b: SlotClaim) -> bool:
    """Two adjacent days that may be one night: the evening or night of the first and the small
    hours (early, overnight, before dawn) of the next. An evening in one time zone is the small
    hours of the next day a few zones east ("Saturday evening" / "early on Sunday"); an "early
    evening" or "early afternoon" of the next day is another day."""
    first, second = (a, b) if (a.lo or 0) < (b.lo or 0) else (b, a)
    late = (first.stage or "") in ("night", "late night", "evening", "late evening", "late", "small hours",
                                   "late small hours")
    early = (second.stage or "") in ("early", "early morning", "early night") or (
        second.stage or "").endswith("small hours")
    # "(late on) Friday night" runs past midnight: another outlet's bare "on Saturday" may be its
    # date after midnight; "Friday night" against "Saturday afternoon" still differs
    past_midnight = (first.stage or "") in _PAST_MIDNIGHT and not second.stage
    return (late and early) or past_midnight


_PAST_MIDNIGHT = ("night", "late night")


SCALE_REACH = 100  # "thousands" may be said of 65,000 but not "dozens": a scale word spans two orders
NEAR_KM = 40.0  # a town and its outskirts, a district and its city: one place told two ways


def km_apart(a: SlotClaim, b: SlotClaim) -> float:
    """Great-circle distance of two place claims (``lo``/``hi`` are latitude/longitude)."""
    lat1, lon1, lat2, lon2 = (math.radians(x or 0.0) for x in (a.lo, a.hi, b.lo, b.hi))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def same_place(a: SlotClaim, b: SlotClaim) -> bool:
    """One place, or places that may both be right: the same gazetteer entry, a city and a province
    (the gazetteer cannot tell whether one holds the other), two cities near each other. Two
    provinces, or two cities far apart or in different countries, are two places."""
    if a.key == b.key or fold(a.value) == fold(b.value):
        return True
    if a.stage and b.stage and a.stage != b.stage:
        return False
    if a.precision != b.precision:
        return True
    return a.precision == "city" and km_apart(a, b) <= NEAR_KM


_ARTICLES = frozenset({"the", "a", "an", "one", "its", "his", "her", "their"})


def told_by_role(described: SlotClaim, named: SlotClaim) -> bool:
    """"the governor" (a speaker told by role) and "Abdel Fessou" whose report calls him "county
    governor": every word of the description is among the roles the other report gives its speaker.
    "a colleague" and a named station director stay two speakers."""
    words = described.value.split()
    if not words or not (words[0].lower() in _ARTICLES or described.value[:1].islower()) or not named.qualifier:
        return False
    sentence = (described.sentence.text if described.sentence else "").lower()
    if any(cue in sentence for cue in lexicon()["anonymity_cues"]):
        return False  # "a lawyer who asked not to be named" is not the lawyer another report names
    told = {fold(w) for w in words if w.lower() not in _ARTICLES}
    roles = {fold(w) for w in re.split(r"[\s;,-]+", named.qualifier) if w}
    return bool(told) and told <= roles


def _name_stems(text: str) -> set[str]:
    return {fold(w)[:5] for w in re.findall(r"[A-Za-z]{4,}", text)}


def tied_elsewhere(person: SlotClaim, body: SlotClaim) -> bool:
    """The person's report ties them to a body ("of Interior": the interior minister) that shares no
    word with the body the other report names ("the Coastal Port Authority"): two speakers, not a body
    and its official."""
    tie = re.search(r"(?:^|;\s*)of ([^;]+)", person.qualifier or "")
    if tie is None or not body.value[:1].isupper():
        return False  # "the aid agency", "the office": a description names no other body
    return not (_name_stems(tie.group(1)) & _name_stems(f"{body.value} {body.qualifier or ''}"))


def _same_value(slot: str, a: SlotClaim, b: SlotClaim) -> bool:
    if slot == "place":
        return same_place(a, b)
    if a.predicate == "perpetrator":
        # "security forces" is the police or the military: only two branches told are two doers
        return a.key == b.key or a.key.startswith(b.key + ": ") or b.key.startswith(a.key + ": ")
    if a.predicate == "means":
        # "an air strike" is any aircraft, helicopter or drone; two specific ones are two means
        return a.key == b.key or (a.stage == b.stage and "air strike" in (a.key, b.key))
    if a.subject.startswith("figure from: "):
        return a.key == b.key  # gave a figure / no figure (the figures themselves are number claims)
    if a.subject.startswith("role of: "):
        return same_role(a.value, b.value)
    if slot == "attribution":
        # a person and an organisation (its prosecutor and the court) are two names for who spoke
        person_vs_body = (a.ref == "person") != (b.ref == "person") and None not in (a.ref, b.ref)
        if person_vs_body:
            person, body = (a, b) if a.ref == "person" else (b, a)
            return not tied_elsewhere(person, body)
        return same_identity(a.value, b.value) or told_by_role(a, b) or told_by_role(b, a)
    if slot == "quote_wording":
        # one report quoting more of the same words, or spelling them otherwise, is no rewording
        return a.key == b.key or a.key in b.key or b.key in a.key or same_words(a.key, b.key)
    if slot == "date" and a.lo is not None and b.lo is not None and abs(a.lo - b.lo) == 1:
        return one_night(a, b)
    if slot == "date" and a.precision in _START_PRECISIONS and b.precision in _START_PRECISIONS and (
            a.precision != b.precision or a.precision != "day"):
        # a year and a month inside it are one value told with more or less precision
        return a.key.startswith(b.key) or b.key.startswith(a.key)
    return a.key == b.key


_START_PRECISIONS = ("day", "month", "year")
_HEDGED = frozenset({"exact", "approximate", "lower bound", "upper bound"})


def figure(c: SlotClaim) -> float | None:
    """The figure a number claim tells, whatever its hedge: the bound of a bound, the middle of an
    approximate range ("about 2,500" is 2,125-2,875 around 2,500)."""
    if c.lo is None or c.hi is None:
        return None
    if c.precision == "lower bound":
        return c.lo
    if c.precision == "upper bound":
        return c.hi
    return (c.lo + c.hi) / 2


def same_figure(a: SlotClaim, b: SlotClaim) -> bool:
    """One figure told with and without a hedge ("at least 120" / "120", "about 2,500" / "2,500"):
    the reports agree on the number; only their caution differs. Scale words and later tolls are
    no figure of this kind."""
    if a.slot != "number" or b.slot != "number" or a.precision not in _HEDGED or b.precision not in _HEDGED:
        return False
    fa, fb = figure(a), figure(b)
    return fa is not None and fa == fb


_ROUNDING = frozenset({"about", "around", "roughly", "approximately", "some", "nearly", "almost", "close to",
                       "just under", "more or less"})
_BELOW = frozenset({"nearly", "almost", "close to", "just under"})


def rounded(a: SlotClaim, b: SlotClaim) -> bool:
    """One count told exactly and rounded ("47" / "about 50", "nearly 50"): a round figure (a multiple
    of ten, or of five from 20) with a rounding word, the exact figure within a tenth of it (below it
    for "nearly", "almost"). "at least 37" against "45" is a bound, not a rounding: still a card."""
    if a.slot != "number" or b.slot != "number":
        return False
    told = {c.value: re.fullmatch(r"[a-z ]*?([0-9][0-9,]*)", c.value) for c in (a, b)}
    if (a.qualifier or "").lower() in _ROUNDING and (b.qualifier or "").lower() in _ROUNDING:
        return told[a.value] is not None and told[b.value] is not None and (
            told[a.value].group(1) == told[b.value].group(1))  # "nearly 50" / "about 50"
    for hedged, exact in ((a, b), (b, a)):
        word = (hedged.qualifier or "").lower()
        m = told[hedged.value]
        f = float(m.group(1).replace(",", "")) if m else None
        if word not in _ROUNDING or f is None or exact.precision != "exact" or exact.lo is None:
            continue
        if not (f % 10 == 0 or (f >= 20 and f % 5 == 0)) or f == exact.lo:
            continue
        top = f if word in _BELOW else f * 1.1
        if f * 0.9 <= exact.lo <= top:
            return True
    return False


def _clash(slot: str, a: SlotClaim, b: SlotClaim) -> tuple[bool, str]:
    """(hard, reason) for two different values of one slot."""
    if slot == "number":
        if a.lo is not None and b.lo is not None and a.hi is not None and b.hi is not None:
            scale = next((c for c in (a, b) if c.precision == "scale"), None)
            if scale is not None:
                # "thousands" is a floor told without precision: any figure above it may be meant
                # ("more than 65,000" vs "thousands"); only a figure below it clashes
                other = b if scale is a else a
                if other.hi is not None and scale.lo is not None and other.hi < scale.lo:
                    return True, f"{other.value} is fewer than {scale.value}"
                if other.lo is not None and scale.lo is not None and other.lo > scale.lo * SCALE_REACH:
                    return True, f"{other.value} is far more than {scale.value}"
                return False, f"{a.value} and {b.value} differ in precision, not in fact"
            if a.hi < b.lo or b.hi < a.lo:
                return True, f"{a.value} and {b.value} cannot both hold"
        return False, f"{a.value} and {b.value} differ but may both hold (a bound or an estimate)"
    if a.predicate == "means":
        return True, f"done with {a.value} or with {b.value}: not both"
    if a.predicate == "perpetrator" and "by appearance" in (a.qualifier, b.qualifier):
        return False, f"{a.value} and {b.value}: one report tells the doers only by what they wore"
    if a.predicate == "perpetrator":
        return True, f"{a.value} ({a.key}) and {b.value} ({b.key}) cannot both have done it"
    if slot == "place":
        if a.stage and b.stage and a.stage != b.stage:
            return True, f"{a.value} and {b.value} are in different countries"
        if a.precision == "city":
            return True, f"{a.value} and {b.value} are {km_apart(a, b):,.0f} km apart"
        return True, f"{a.value} and {b.value} are different provinces"
    if slot == "date" and "planned" in (a.qualifier, b.qualifier) and a.qualifier != b.qualifier:
        return False, f"{a.value} vs {b.value}: a day set in one report, the day it happened in the other"
    if slot == "date" and "counted" in (a.qualifier, b.qualifier) and abs((a.lo or 0) - (b.lo or 0)) <= 1:
        return False, f"{a.value} and {b.value}: a day counted from another (\"nine days after\") may be one off"
    if slot == "date":
        unit = "days" if a.precision in ("day", "time") else "months" if "-" in a.key and "-" in b.key else "years"
        return True, f"{a.value} and {b.value} are different {unit}"
    if slot == "status" and a.predicate == "stage" and ("(planned)" in a.value) != ("(planned)" in b.value):
        return False, f"{a.value} vs {b.value}: planned in one report, done in the other"
    if slot == "status" and a.predicate == "stage":
        return False, f"{a.value} vs {b.value}: the stage the inquiry is said to be at"
    if slot == "status":
        hard = frozenset({a.key, b.key}) in HARD_STAGES
        return hard, f"{a.value} vs {b.value}" + ("" if hard else ": a plan or claim against an outcome")
    if slot == "actor" and a.predicate == "described as":
        return False, f"one actor described as {a.value} and as {b.value}"
    if a.subject.startswith("figure from: "):
        return True, f"{a.value} vs {b.value}: a figure and no figure from one source"
    if a.subject.startswith("role of: "):
        return False, f"{a.subject[len('role of: '):]} told as {a.value} and as {b.value}"
    if a.subject.startswith("response of: "):
        return False, f"{a.subject[len('response of: '):]} answered: {a.value} in one report, {b.value} in another"
    if slot == "attribution":
        return False, f"the same words attributed to {a.value} and to {b.value}"
    if slot == "quote_wording":
        return False, "the same quote worded differently"
    return False, f"{a.value} vs {b.value}"


def _values(slot: str, sides: list[tuple[ReportClaims, SlotClaim]],
            mentioned: Mapping[str, set[str]] | None = None) -> list[_Value]:
    mentioned = mentioned or {}

    def told_by(v: _Value, c: SlotClaim, r: ReportClaims) -> bool:
        # a report that names the other's place too does not put the happening elsewhere
        if slot != "place":
            return False
        return v.claim.key in mentioned.get(r.report_id, set()) or any(
            c.key in mentioned.get(o.report_id, set()) for o, _ in v.sides)

    # one value per key first (order-free), then values that agree merge; a value agreeing with
    # two values that clash with each other ("early Sunday" with "Saturday night" and with "Sunday
    # evening", a province with two far-apart towns in it) takes neither side: it is left out
    exact: list[_Value] = []
    for r, c in sides:
        v = next((v for v in exact if _told_alike(slot, v.claim, c)), None)
        if v is None:
            exact.append(_Value(c, [(r, c)]))
        else:
            v.sides.append((r, c))
    n = len(exact)
    agree = [[i == j or _same_value(slot, exact[i].claim, exact[j].claim) for j in range(n)] for i in range(n)]
    bridging = {i for i in range(n) if any(agree[i][j] and agree[i][k] and not agree[j][k]
                                           for j in range(n) for k in range(n))}
    values: list[_Value] = []
    for i in range(n):
        if i in bridging:
            continue
        v = next((w for w in values if _same_value(slot, w.claim, exact[i].claim)), None)
        if v is None:
            values.append(_Value(exact[i].claim, list(exact[i].sides)))
        else:
            v.sides.extend(exact[i].sides)
    # a place another report names too does not put the happening elsewhere
    merged: list[_Value] = []
    for v in values:
        w = next((w for w in merged if any(told_by(w, c, r) for r, c in v.sides)), None)
        if w is None:
            merged.append(v)
        else:
            w.sides.extend(v.sides)
    return merged


def _told_alike(slot: str, a: SlotClaim, b: SlotClaim) -> bool:
    """One value told alike: the same key (a date's day with its part of day, "Sunday evening" is not
    "early Sunday")."""
    return a.value == b.value if slot == "date" else a.key == b.key


def _first_per_report(sides: list[tuple[ReportClaims, SlotClaim]]) -> list[tuple[ReportClaims, SlotClaim]]:
    """One entry per report (its first span for the value), in report id order."""
    seen: dict[str, tuple[ReportClaims, SlotClaim]] = {}
    for r, c in sorted(sides, key=lambda rc: (rc[0].report_id, rc[1].span.start)):
        seen.setdefault(r.report_id, (r, c))
    return list(seen.values())


def story_key(reports: Iterable[ReportClaims]) -> str:
    """The story's earliest report (publication day, then id): what its dispute ids are made from.
    Unlike the story id (its first report seen) it does not depend on input order. A report joining
    the story that was published earlier (or the same day, with a smaller id) renames the story's
    disputes; copies published after their wire story never do."""
    return min((r.published or "~", r.report_id) for r in reports)[1]


def _dispute_id(story_key: str, slot: str, subject: str, predicate: str) -> str:
    return "dsp-" + hashlib.sha1(f"{story_key}|{slot}|{subject}|{predicate}".encode()).hexdigest()[:12]


_Sides = list[tuple[ReportClaims, SlotClaim]]


def _without_parts_told_alone(sides: _Sides, parts: Mapping[str, set[tuple[str, float | None]]]) -> _Sides:
    """Leave out a count that another report of the group tells as a part of its total: "14
    students were arrested" against "112 arrested, among them 14 students" tells the part alone,
    it is no rival total."""
    told: dict[tuple[str, float | None], set[str]] = defaultdict(set)  # a part -> the origins telling it
    for o in {r.report_id: r for r, _ in sides}.values():
        for part in parts.get(o.report_id, ()):
            told[part].add(o.origin)
    if not told:
        return sides

    def part_elsewhere(r: ReportClaims, c: SlotClaim) -> bool:  # one look-up per side, not all pairs
        return c.part_of is None and bool(told.get((c.predicate, figure(c)), set()) - {r.origin})
    return [(r, c) for r, c in sides if not part_elsewhere(r, c)]


def _found_dead(values: list[_Value], killed: list[tuple[ReportClaims, SlotClaim]] | None) -> bool:
    """Every two reports giving different counts of the missing also give tolls that differ by as
    much the other way ("30 dead, 12 missing" / "36 dead, 6 missing"): the missing found dead, one
    account told at two moments, not two accounts."""
    if not killed:
        return False
    toll = {r.report_id: figure(c) for r, c in killed}
    missing = [(r.report_id, figure(c)) for v in values for r, c in v.sides]
    for i, (ra, ma) in enumerate(missing):
        for rb, mb in missing[i + 1:]:
            if ma == mb:
                continue
            ka, kb = toll.get(ra), toll.get(rb)
            if None in (ma, mb, ka, kb) or (kb - ka) != (ma - mb):  # type: ignore[operator]
                return False
    return True


def revised(c: SlotClaim) -> str | None:
    """The direction a number claim is told as revised in ("up": "has risen to 31", "down": "revised
    the toll down to 14", "level": "now stands at 27"), else None."""
    q = c.qualifier or ""
    if c.slot != "number" or not q.startswith("revised"):
        return None
    return q[len("revised"):].strip() or "level"


def rose(later: SlotClaim, earlier: SlotClaim) -> bool:
    """``later`` is told as a count revised from one like the other's: up and no lower ("has risen
    to 31" after 12), down and no higher ("revised down to 14" after 18), or either way ("now
    stands at 27"). A toll updated over time, not a rival one; "risen to 9" after 14 is no rise."""
    direction = revised(later)
    if direction is None or later.lo is None or later.hi is None or earlier.lo is None or earlier.hi is None:
        return False
    if direction == "up":
        return later.lo >= earlier.lo
    if direction == "down":
        return later.hi <= earlier.hi
    return True


def rose_since(later: _Value, earlier: _Value) -> bool:
    """``rose`` between two values, told at times that allow it. Against an unrevised count, unless
    every report of the revised count was published before every report of the other: "has risen
    to 31" on Monday does not explain "12 killed" told by another outlet on Wednesday (a revision
    explains only the counts it revised). Against another revised count, only as of a later day
    ("risen to 31" on Monday, "rose to 47" on Tuesday): two outlets revising a toll to two figures
    the same day disagree. Reports without a day are taken as told at any time."""
    if not rose(later.claim, earlier.claim):
        return False
    if revised(earlier.claim) is not None:
        day_a, day_b = _as_of(later, last=False), _as_of(earlier, last=True)
        return day_a is None or day_b is None or day_a > day_b
    told = [r.published for r, _ in later.sides if r.published]
    other = [r.published for r, _ in earlier.sides if r.published]
    return not (told and other and max(told) < min(other))


def _as_of(v: _Value, last: bool) -> str | None:
    """The day a value's count is told as of: its window ("by Tuesday"), else a day its reports were
    published on (the count was made by then; ``last``: the latest of them, else the earliest)."""
    if (v.claim.stage or "").startswith("as of "):
        return (v.claim.stage or "")[len("as of "):]
    days = [r.published for r, _ in v.sides if r.published]
    return (max(days) if last else min(days)) if days else None


def counted_later(later: _Value, earlier: _Value) -> bool:
    """Counts told as of two days, one of them a window ("40 killed by Tuesday" / "52 by Friday"):
    one count at two times when the later one is no lower. Without a window the reports' days
    alone do not make it so (a later report may well dispute an earlier toll)."""
    a, b = later.claim, earlier.claim
    if a.slot != "number" or not any((c.stage or "").startswith("as of ") for c in (a, b)):
        return False
    day_a, day_b = _as_of(later, last=False), _as_of(earlier, last=True)
    return (day_a is not None and day_b is not None and day_a > day_b
            and a.lo is not None and b.hi is not None and a.lo >= b.hi)


def _told_after(later: _Value, earlier: _Value) -> str | None:
    """The last day ``earlier`` was published on, when every report of ``later`` was published after
    every report of ``earlier``; else None (no days, or told the same day or before)."""
    told = [r.published for r, _ in later.sides if r.published]
    before = [r.published for r, _ in earlier.sides if r.published]
    return max(before) if told and before and min(told) > max(before) else None


def overtaken(later: _Value, earlier: _Value) -> bool:
    """An account that can only be overtaken, told only in reports before the other: a count after a
    report's "nobody has been detained" (arrests go on); "released" after "held" or "release planned"
    ("due to be freed on Friday" on Tuesday, "were freed on Friday" on Saturday), unless its stated
    release day is before the earlier report's (it was already free when the other said it was held);
    "charged" after "not charged". Told the same day, they clash."""
    since = _told_after(later, earlier)
    a, b = later.claim, earlier.claim
    if since is None:
        return False
    if b.slot == "number":
        return b.hi == 0.0
    if b.predicate == "charged":
        return a.key == "charged" and b.key != "charged"
    if b.slot == "status" and a.key == "released" and b.key != "released":
        return a.lo is None or a.lo > date.fromisoformat(since[:10]).toordinal()
    return False


def _two_voices(values: list[_Value]) -> str:
    """A note when one report sits on two sides, each in another party's words ("the rebels said
    they were freed; their employer said they were still held"): the report tells both claims, it
    does not contradict itself."""
    told: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for v in values:
        for r, c in v.sides:
            told[r.report_id].append((v.claim.value, c.asserter or r.outlet or "the outlet"))
    both = sorted(rid for rid, sides in told.items() if len({value for value, _ in sides}) > 1)
    if not both:
        return ""
    sides = dict(told[both[0]])
    return f" ({both[0]} reports both: " + "; ".join(f"{value} per {who}" for value, who in sides.items()) + ")"


def _card(story: str, key: str, slot: str, subject: str, predicate: str, values: list[_Value],
          status: Mapping[str, str]) -> Dispute | None:
    if predicate == "described as":
        # how copies describe an actor: an edit when one origin's copies differ; independent
        # outlets naming an actor more briefly do not disagree
        by_origin: dict[str, set[int]] = defaultdict(set)
        for k, v in enumerate(values):
            for r, _ in v.sides:
                by_origin[r.origin].add(k)
        kept = sorted({k for ks in by_origin.values() if len(ks) > 1 for k in ks})
        if not kept:
            return None
        values = [values[k] for k in kept]
        origins = {o for o, ks in by_origin.items() if len(ks) > 1}
        values = [_Value(v.claim, [(r, c) for r, c in v.sides if r.origin in origins]) for v in values]
    across, edit_only = [], False
    for i, a in enumerate(values):
        for b in values[i + 1:]:
            if (rose_since(a, b) or rose_since(b, a) or same_figure(a.claim, b.claim)
                    or rounded(a.claim, b.claim) or overtaken(a, b) or overtaken(b, a)
                    or counted_later(a, b) or counted_later(b, a)):
                # "the toll has risen to 31" against an earlier 12, or 52 "by Friday" against 40
                # "by Tuesday": one count, later; "at least 120" and "120": one figure, hedged or
                # not. The values stay apart on the card, and another value may still clash with either
                continue
            if len(a.origins() | b.origins()) > 1:
                across.append((a, b))
            elif {r.report_id for r, _ in a.sides} != {r.report_id for r, _ in b.sides}:
                edit_only = True  # two copies of one origin differ: an edit
    if not across and not edit_only:
        return None
    pairs = across or [(a, b) for i, a in enumerate(values) for b in values[i + 1:]]
    judged = [_clash(slot, a.claim, b.claim) for a, b in pairs]
    hard = any(h for h, _ in judged)
    reason = next((r for h, r in judged if h == hard), judged[0][1])
    if not across:
        reason = "edit between copies of one origin: " + reason
    reason += _two_voices(values)
    ordered = sorted(values, key=lambda v: (-len(v.origins()), v.claim.value))
    supports = [len(v.origins()) for v in ordered]
    rank = (2.0 if hard else 1.0) * (1 + min(supports[:2])) * (1.0 if across else 0.5) + 0.01 * sum(supports)
    did = _dispute_id(key, slot, subject, predicate)
    about = ABOUT.get((subject, predicate)) or (subject if subject.startswith("quote") else f"{subject} {predicate}")
    if subject.startswith("quote: ") and predicate == "speaker":
        about = "who said " + subject[len("quote: "):]
    elif subject.startswith("quote: "):
        about = "wording of " + subject[len("quote: "):]
    elif subject.startswith("figure from: "):
        about = f"whether {subject[len('figure from: '):]} gave a figure of people {predicate}"
    elif subject.startswith("response of: "):
        about = "how " + subject[len("response of: "):] + " answered"
    elif subject.startswith("role of: "):
        about = "role given to " + subject[len("role of: "):]
    elif predicate == "described as":
        about = "description of " + subject[len("actor: "):]
    return Dispute(
        id=did, story=story, slot=slot, about=about, hard=hard, reason=reason, rank=round(rank, 3),
        values=tuple(DisputeValue(
            value=v.claim.value, support=len(v.origins()), minority=len(v.origins()) < supports[0],
            reports=tuple(DisputeReport(r.report_id, r.outlet, c.span.start, c.span.end,
                                        c.sentence.text if c.sentence else c.span.text, c.asserter)
                          for r, c in _first_per_report(v.sides)))
            for v in ordered),
        status=status.get(did, "open"), edit=not across, single_source=min(supports) == 1,
        extractor=NAME)


def find_disputes(reports: Iterable[ReportClaims], status: Mapping[str, str] | None = None) -> list[Dispute]:
    """Every dispute of every story, hardest and best supported first (then by id)."""
    reports = sorted(reports, key=lambda r: r.report_id)  # input order changes nothing
    quote_subject = _quote_subjects(reports)
    person_subject = _person_subjects(reports)
    groups: dict[tuple[str, str, str, str], list[tuple[ReportClaims, SlotClaim]]] = defaultdict(list)
    mentioned: dict[str, set[str]] = defaultdict(set)  # report id -> places it names anywhere
    # report id -> (predicate, figure) of each part it tells ("among them 14 students")
    parts: dict[str, set[tuple[str, float | None]]] = defaultdict(set)
    for r in reports:
        firsts: dict[tuple[str, str, str], int | None] = {}  # slot -> its index in the group
        for c in sorted(r.claims, key=lambda c: (c.span.start, c.slot)):
            if c.slot == "place" and c.predicate == "mentioned":
                mentioned[r.report_id].add(c.key)
                continue
            if c.slot == "number" and c.part_of:
                parts[r.report_id].add((c.predicate, figure(c)))
            subject = quote_subject.get((r.report_id, c.span.start), c.subject) if c.subject == "quote" else c.subject
            subject = person_subject.get((r.story, subject), subject)
            key = (subject, c.predicate, c.slot)
            group = groups[(r.story, c.slot, subject, c.predicate)]
            if c.slot != "status" and key in firsts:
                # a report's first value of a slot is its claim; later ones restate it, unless told
                # as a revision ("12 were killed on Sunday ... the toll rose to 17"): the report's
                # latest word, the first one being what the count was revised from
                if revised(c) is not None and firsts[key] is not None and revised(group[firsts[key]][1]) is None:
                    group[firsts[key]] = (r, c)
                continue
            firsts[key] = len(group) if c.slot != "status" else None
            group.append((r, c))
    by_story: dict[str, list[ReportClaims]] = defaultdict(list)
    for r in reports:
        by_story[r.story].append(r)
    keys = {story: story_key(members) for story, members in by_story.items()}
    out = []
    for (story, slot, subject, predicate), sides in groups.items():
        if len({r.report_id for r, _ in sides}) < 2:
            continue
        if slot == "number":
            sides = _without_parts_told_alone(sides, parts)
        values = _values(slot, sides, mentioned)
        if len(values) < 2:
            continue
        if predicate == "missing" and _found_dead(values, groups.get((story, slot, subject, "killed"))):
            continue  # "12 missing" then "6 missing" as the toll rose by 6: the missing were found
        card = _card(story, keys[story], slot, subject, predicate, values, status or {})
        if card is not None:
            out.append(card)
    return sorted(out, key=lambda d: (-d.rank, d.id))
