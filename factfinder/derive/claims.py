"""Claims: what one report states about the slots of its story, with typed values and spans.

A claim is keyed by (subject, predicate, slot) — ("people", "killed", number), ("happening",
"date", date), ("detained people", "release", status), a quote's wording and its speaker — so
claims of different reports about the same thing meet in one group (derive/disputes.py). Values
are typed: a number range with its qualifier, a day, a stage. Only what the text states becomes a
claim: an event date filled in from the publication date has no span of its own and never takes
part; a date someone spoke on ("said on Wednesday") is not the happening's date.

Pure functions over ``Analysis`` records; the cue tables live in ontology/disputes.json.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from typing import Any

from rapidfuzz import fuzz

from ..ontology import load as load_table
from ..records import Analysis, Event, Magnitude, Place, Span, SlotClaim, TimeValue

NAME = "factfinder.derive.claims.v10"

SLOTS = ("date", "number", "place", "actor", "attribution", "quote_wording", "status")


@functools.lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    return load_table("disputes")


@functools.lru_cache(maxsize=1)
def _fusion_lexicon() -> dict[str, Any]:
    return load_table("fusion")


_SENT_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n\s*\n")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})


@functools.lru_cache(maxsize=64)  # each stage of one report lower-cases the same text
def _low(text: str) -> str:
    return text.translate(_QUOTES).lower()


@functools.lru_cache(maxsize=64)  # every claim kind of one report splits the same text
def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence boundaries by punctuation (enough to bound the context of a value)."""
    out, start = [], 0
    for m in _SENT_END.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


def _sentence_of(bounds: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for s, e in bounds:
        if s <= pos < e or pos == e:
            return s, e
    return bounds[-1]


@functools.lru_cache(maxsize=256)
def _cue_regex(cues: tuple[str, ...]) -> re.Pattern[str]:
    """One alternation for a cue list (longest first), matched at word starts."""
    alts = "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True))
    return re.compile(r"(?<![\w])(?:" + alts + ")")


def _cue_positions(low: str, cues: list[str]) -> list[tuple[int, str]]:
    """Where each cue starts at a word start in ``low`` (already lower-cased)."""
    return [(m.start(), m.group(0)) for m in _cue_regex(tuple(cues)).finditer(low)]


def _any_cue(text: str, cues: list[str]) -> bool:
    return _cue_regex(tuple(cues)).search(text) is not None


def _predicate_near(low: str, pos: int, end: int, classes: dict[str, list[str]], reach: int = 80) -> str | None:
    """The predicate class whose cue is nearest to [pos, end) within ``reach`` characters."""
    best: tuple[int, str] | None = None
    for cls, cues in classes.items():
        for at, cue in _cue_positions(low, cues):
            if pos <= at < end:
                d = 0
            else:
                d = pos - (at + len(cue)) if at < pos else at - end
            if 0 <= d <= reach and (best is None or d < best[0]):
                best = (d, cls)
    return best[1] if best else None


def _verb_before(low: str, pos: int, classes: dict[str, list[str]], reach: int = 60) -> str | None:
    """The predicate class of the nearest cue before ``pos`` in the same clause (no comma, colon or
    semicolon between): a date follows the act it dates ("detained in Colombo on Saturday were
    released on Monday": Saturday is the detention's), however near a cue after it is."""
    best: tuple[int, str] | None = None
    for cls, cues in classes.items():
        for at, cue in _cue_positions(low[max(0, pos - reach):pos], cues):
            at += max(0, pos - reach)
            if re.search(r"[,;:()]", low[at + len(cue):pos]) is None and (best is None or at > best[0]):
                best = (at, cls)
    return best[1] if best else None


def _dateline_end(text: str) -> int:
    """Where a dateline ("CITY, Country —", "CITY, 3 May -", "CITY:") ends; 0 when there is none."""
    m = re.match(r"[^\n.]{2,80}?(\s[—–-]+\s|\s*[—–]\s*|:\s)", text)
    return m.end() if m else 0


def _day(tv: TimeValue) -> str | None:
    if tv.precision not in ("day", "time") or not tv.value:
        return None
    m = re.match(r"(\d{4}-\d{2}-\d{2})", tv.value)
    return m.group(1) if m else None


@functools.lru_cache(maxsize=1)
def _present_refs() -> frozenset[str]:
    return frozenset(load_table("dates")["present_day_refs"])


def happening_days(analysis: Analysis) -> Iterator[tuple[str, TimeValue]]:
    """Stated day-precise dates in text order, without the dateline's and without the days someone
    spoke on ("said on Wednesday", "in a statement on Sunday night")."""
    text = analysis.report.text
    low = _low(text)
    cut = _dateline_end(text)
    speech = lexicon()["speech_cues"]
    for tv in sorted((t for t in analysis.dates if t.span), key=lambda t: t.span.start):  # type: ignore[union-attr]
        span = tv.span
        assert span is not None
        day = _day(tv)
        if day is None or span.start < cut or _low(span.text).strip() in _present_refs():
            continue  # "the toll now stands at 27": the day a count is told, not the happening's
        if _clock_only(tv):
            continue  # "shortly after 9 p.m.": the day is the publication's, filled in, not told
        before = low[max(0, span.start - 28):span.start]
        if any(re.search(r"(?<![\w])" + re.escape(c) + r"\b", before) for c in speech):
            continue
        if is_window(low, span.start, span.end):
            continue  # "40 killed by Tuesday": the day a count stood, not the day it happened
        s = max(low.rfind(". ", 0, span.start) + 2, low.rfind("\n", 0, span.start) + 1)
        if revision(low[s:span.start], span.start - s) is not None:
            continue  # "the toll rose to 19 on Friday": the day a count was told
        yield day, tv


_DAY_TELLING = ("last", "night", "overnight", "morning", "afternoon", "evening")  # "last night at 10"


def _clock_only(tv: TimeValue) -> bool:
    """A time of day told with no day ("after 9 p.m.", "at 14:30"): its date was filled in."""
    if tv.precision != "time" or tv.span is None:
        return False
    words = set(re.findall(r"[a-z]+", _low(tv.span.text)))
    told = load_table("dates")
    return not (words & {*told["weekdays"], *told["months"], *told["day_words"], *_DAY_TELLING}) and not re.search(
        r"\d{4}|\d{1,2}\s*/\s*\d{1,2}", tv.span.text)


# a day followed by another counted from it ("on Friday, three days after the blast")
_RECKONED_FROM = re.compile(r",?\s+(?:[a-z]+|\d+|a)(?:\s+and\s+a\s+half)?\s+(?:days?|weeks?|months?|hours?)\s+"
                            r"(?:after|since)\b")


def _ordinal(day: str) -> float | None:
    try:
        return float(date.fromisoformat(day).toordinal())
    except ValueError:
        return None


_PARTS = {"TNI": "night", "TMO": "morning", "TAF": "afternoon", "TEV": "evening"}


def part_of_day(tv: TimeValue, said: str, after: str = "") -> str | None:
    """night/morning/afternoon/evening, and "early"/"late" when the text says so: the window a day
    stands for ("late on Tuesday night" and "early on Wednesday" can be one night)."""
    part = next((name for code, name in _PARTS.items() if tv.value and tv.value.endswith(code)), None)
    if part is None:  # an extractor that keeps "on Saturday night" at day precision: read the words
        part = next((name for name in _PARTS.values() if re.search(rf"\b{name}\b", said)), None)
    own = _low(tv.span.text) if tv.span else ""
    if re.match(r"\s+(?:into|to|on|before|until)\b", after):
        own = ""  # "overnight into Sunday" names the small hours of the day it gives
    for word in ("overnight", "before dawn", "dawn", "midnight", "small hours"):
        if word in said:
            part = "small hours"
    if "overnight" in own:
        # a bare "overnight" is dated by the evening it began (extract/dates.py): that day's night,
        # not the small hours of it (which would be the night before)
        part = "night"
    for word in ("early", "late"):
        if re.search(rf"\b{word}\b", said):
            return f"{word} {part}" if part else word
    return part


# "nine days after", "a week earlier", "two days ago": a day counted from another ("after Friday" is not)
_CLAUSE_REACH = 110  # characters a date's verb may stand before it in one clause
_COUNTED_DAY = re.compile(r"\b(?:days?|weeks?|months?|hours?|nights?)\s+(?:after|before|later|earlier)\b|\bago\b")


def date_claims(analysis: Analysis) -> list[SlotClaim]:
    """The day of the happening (a violent act, a detention) and of a release, as stated."""
    lex = lexicon()
    text = analysis.report.text
    low = _low(text)
    bounds = sentences(text)
    rid = analysis.report.id
    happening = {c: lex["predicates"][c] for c in lex["happening"] if c in lex["predicates"]}
    happening["attacked"] = lex["attack_cues"]
    happening["disaster"] = lex["disaster_cues"]
    release = {"release": lex["release_cues"], "submission": lex["submission_cues"]}
    out = []
    # a day right after a noun ("mourned their dead on Friday") dates no act: only verb-like cues
    # tie a day to the act before it
    verbal = {c: [w for w in cues if w not in lex["nominal_cues"]] for c, cues in happening.items()}
    days = list(happening_days(analysis))
    # a sentence that dates the happening by a possessive ("Saturday's blast", "Friday's floods"),
    # or that tells a day right after the act's verb ("the building that collapsed on Sunday"),
    # dates it by that day: its other days are the days of an update ("On Monday, officials said the
    # toll from Saturday's blast had risen", "Rescuers on Tuesday pulled more bodies from ...")
    dated: set[int] = set()
    cut = _dateline_end(text)
    for tv in analysis.dates:
        if tv.span is None or _day(tv) is None or tv.span.start < cut:
            continue
        s, e = _sentence_of(bounds, tv.span.start)
        if _act_day(text, low, s, tv.span, verbal) and not _COUNTED_DAY.search(_low(tv.span.text)):
            dated.add(s)
    for day, tv in days:
        span = tv.span
        assert span is not None
        s, e = _sentence_of(bounds, span.start)
        sent = low[s:e]
        rel_pos, rel_end = span.start - s, span.end - s
        # the act's verb may stand a long object before its day ("lodged an appeal with the Supreme Court
        # of the Northern Province on Monday"): the whole clause is read, as far as a comma
        pred = _verb_before(sent, rel_pos, {**verbal, **release}, reach=_CLAUSE_REACH)
        if pred is None and not _RECKONED_FROM.match(low, span.end):
            # "on Friday, three days after the blast": the act after "after" is dated by the count,
            # the day itself belongs to its own clause's act, whose verb came before it
            pred = _predicate_near(sent, rel_pos, rel_end, {**happening, **release})
        if pred is None or (s in dated and pred not in release and not _COUNTED_DAY.search(_low(span.text))
                            and not _act_day(text, low, s, span, verbal)):
            continue
        subject = pred if pred in ("release", "submission") else "happening"
        o = _ordinal(day)
        if subject == "happening" and _after_publication(day, analysis.report.published):
            continue  # a weekday read forward ("hit on Tuesday" as next Tuesday): a past act cannot postdate its report
        part = part_of_day(tv, sent[max(0, rel_pos - 22):rel_end], sent[rel_end:rel_end + 12])
        value = f"{day} ({part})" if part else day
        qualifier = tv.qualifier
        if subject != "happening" and _has_cue_before(sent[max(0, rel_pos - 40):rel_pos], lex["planned_cues"]):
            # "will be released on Monday": the day set for it, not the day it happened
            qualifier, value = "planned", value + " (planned)"
        elif _COUNTED_DAY.search(_low(span.text)):
            qualifier = "counted"  # "nine days after": reckoned from another day, often off by one
        out.append(SlotClaim(
            report_id=rid, subject=subject, predicate="date", slot="date",
            value=value, key=day, stage=part,  # the same day set and done is no dispute
            span=span, sentence=Span(rid, s, e, text[s:e]), lo=o, hi=o, precision=tv.precision,
            qualifier=qualifier, extractor=NAME))
    return out


def _act_day(text: str, low: str, s: int, span: Span, verbs: dict[str, list[str]]) -> bool:
    """A day told as an act's own: a possessive ("Saturday's blast"), a day right after a verb in
    the past ("the building that collapsed on Sunday", "struck on Friday"), or after a cue verb of
    the same clause ("detained in the capital on Saturday")."""
    if re.match(r"['’]s\b", text[span.end:span.end + 3]):
        return True
    before = low[max(s, span.start - 30):span.start]
    verb = re.search(r"\b([a-z]{3,}ed)\s+$", before)
    if verb and _any_cue(verb.group(1), [c for cues in verbs.values() for c in cues]):
        return True  # "struck on Friday", "collapsed on Sunday"; "warned on Monday" is no act's day
    return _verb_before(low[s:span.end], span.start - s, verbs) is not None


def _after_publication(day: str, published: str | None) -> bool:
    """A day later than the report's publication day (both ISO; False when either is unknown)."""
    return bool(published) and len(published or "") >= 10 and day > (published or "")[:10]


def _start_value(tv: TimeValue) -> tuple[str, str] | None:
    """(value, precision) of a day-, month- or year-precise start: "on Saturday", "in April 2023", "since 2019"."""
    if not tv.value:
        return None
    first = tv.value.split("/")[0]
    if tv.precision in ("day", "interval") and re.fullmatch(r"\d{4}-\d{2}-\d{2}", first):
        return first, "day"  # "since the storm began on Sunday"
    if re.fullmatch(r"\d{4}-\d{2}", first):
        return first, "month"
    if re.fullmatch(r"\d{4}", first):
        return first, "year"
    return None


_ANAPHORIC_SUBJECTS = ("it", "which", "that")
_ANAPHOR_REACH = 14  # words before the pronoun searched for the process it stands for


def start_claims(analysis: Analysis) -> list[SlotClaim]:
    """When a process began ("since the war began in April 2023", "protests that started in
    2019"): month or year, keyed by the kind of process named just before the start cue."""
    lex = lexicon()
    text = analysis.report.text
    low = _low(text)
    bounds = sentences(text)
    rid = analysis.report.id
    out = []
    for tv in analysis.dates:
        span = tv.span
        start = _start_value(tv) if span else None
        if start is None or span is None or _low(span.text).strip() in _present_refs():
            continue  # "has now killed 90": the day it is told, no start
        before = low[max(0, span.start - 60):span.start + (6 if low[span.start:span.start + 6] == "since " else 0)]
        cues = _cue_positions(before, lex["start_cues"])
        if not cues:
            continue
        at = cues[-1][0]
        if any(re.search(r"(?<![\w])" + re.escape(c) + r"\b", before[at:]) for c in lexicon()["speech_cues"]):
            continue  # "the storm began on Sunday, officials said on Monday": the day they spoke
        process = None
        told = re.findall(r"[a-z-]+", before[:at])[-4:]
        if told and told[-1] in _ANAPHORIC_SUBJECTS:
            # "an epidemic ... since it began in March", "the epidemic, which began in May": the
            # process is the noun the pronoun stands for, earlier in the sentence
            s0 = _sentence_of(bounds, span.start)[0]
            cue_at = max(0, span.start - 60) + at
            told = re.findall(r"[a-z-]+", low[s0:cue_at])[-_ANAPHOR_REACH:]
        for k in range(len(told) - 1, -1, -1):
            process = next((p for p, words in lex["processes"].items() if told[k] in words), None)
            if process:
                break
        if process is None:
            continue
        if process == "detention" and (k == 0 or told[k - 1] not in ("been", "in", "remains", "remained")):
            continue  # "has been held since 2021" starts a detention; "detained 300 since January" counts
        value, precision = start
        s, e = _sentence_of(bounds, span.start)
        out.append(SlotClaim(
            report_id=rid, subject=f"start of the {process}", predicate="date", slot="date", value=value,
            key=value, span=span, sentence=Span(rid, s, e, text[s:e]), precision=precision, extractor=NAME))
    return out


def stage_claims(analysis: Analysis) -> list[SlotClaim]:
    """The stage an inquiry is said to be opened at ("opened a preliminary examination" vs "opened
    an investigation"); a stage only considered or planned ("whether to open", "will open") is
    marked so, and a call for one ("urged ... to open") states nothing."""
    lex = lexicon()
    text = analysis.report.text
    low = _low(text)
    rid = analysis.report.id
    out = []
    bounds = sentences(text)
    for at, verb in _cue_positions(low, lex["opening_verbs"]):
        s, e = _sentence_of(bounds, at)
        after = low[at + len(verb):min(e, at + len(verb) + 40)]  # its object, never the next sentence's
        found = None
        for stage, phrases in lex["stages"].items():
            for m in _cue_regex(tuple(phrases)).finditer(after):
                if found is None or m.start() < found[0]:
                    found = (m.start(), m.group(0), stage)
        if found is None:
            continue
        before = low[max(s, at - 30):at]
        if _any_cue(before, lex["request_cues"]):
            continue
        stage = found[2]
        if re.search(r"\b(?:basis|grounds|reason|bid|power|authority|mandate|request|calls?) to $", before):
            continue  # "a reasonable basis to open an investigation": a step named, neither taken nor planned
        if _has_cue_before(before, lex["planned_cues"]) or _any_cue(
                before, ["whether to", "decide", "consider", "could", "may", "might"]):
            stage += " (planned)"
        start = at + len(verb) + found[0]
        out.append(SlotClaim(rid, "inquiry", "stage", "status", stage, stage,
                             Span(rid, start, start + len(found[1]), text[start:start + len(found[1])]),
                             Span(rid, s, e, text[s:e]), stage=stage, extractor=NAME))
    # the passive: "an inquiry would be opened", "an investigation has been opened"
    for stage, phrases in lex["stages"].items():
        for m in _cue_regex(tuple(phrases)).finditer(low):
            p = _PASSIVE_OPENING.match(low, m.end())
            if p is None or any(c.span.start == m.start() for c in out):
                continue
            s, e = _sentence_of(bounds, m.start())
            value = stage + (" (planned)" if p.group(1) in ("would", "will", "is to", "was to") else "")
            out.append(SlotClaim(rid, "inquiry", "stage", "status", value, value,
                                 Span(rid, m.start(), m.end(), text[m.start():m.end()]), Span(rid, s, e, text[s:e]),
                                 stage=value, extractor=NAME))
    return sorted(out, key=lambda c: c.span.start)


_PASSIVE_OPENING = re.compile(
    r"\w*\s+(?:into [^.,;]{1,40}?\s+)?(has|had|have|was|were|would|will|is to|was to)\s+(?:been\s+|be\s+)?"
    r"(?:opened|launched|started|initiated|ordered)\b")


def _subject_of(unit_words: list[str]) -> str | None:
    nouns = lexicon()["people_nouns"]
    for w in unit_words:
        for cls, members in nouns.items():
            if w in members:
                return cls
    for w in unit_words:
        if _person_plural(w):
            return "people"
    return None


def _people_only(unit_words: list[str]) -> str | None:
    """"people" when the count's unit is a noun told with an act only people undergo ("two of the
    crew were injured", "injuring one ranger"; ontology/disputes.json "people_only_cues"),
    though no people table lists the noun; animals and units of measure are no people."""
    noun = _counted_noun(unit_words)
    lex = lexicon()
    if noun is None or noun in lex["animal_nouns"] or noun in lex["excluded_units"]:
        return None
    tail = " ".join(unit_words[unit_words.index(noun) + 1:])
    return "people" if tail and _any_cue(tail, lex["people_only_cues"]) else None


def _people_before(before: str) -> str | None:
    """The class of the last people noun before "N of them" in its sentence ("riot police charged at marching
    miners ..., hurting five of them": the miners')."""
    for w in reversed(re.findall(r"[a-z]+", before)):
        cls = _subject_of([w])
        if cls is not None:
            return cls
    return None


@functools.lru_cache(maxsize=1)
def _person_nouns() -> frozenset[str]:
    return frozenset(load_table("coref")["person_nouns"])


def _person_plural(word: str) -> bool:
    """A plural of a noun for a person (ontology/coref.json "person_nouns": "herders", "spokesmen",
    "detectives"): a count of people, though the count table does not list the word."""
    singular = {word[:-3] + "man"} if word.endswith("men") else {word[:-1], word[:-2]} if word.endswith("s") else set()
    return bool(singular & _person_nouns())


_TOLL_REACH = 140  # characters between a toll noun and its figure


def _explains_revision(claims: list[SlotClaim], s: int, sent: str, rel: int) -> bool:
    """The figure at ``sent[rel:]`` stands in an "after" clause following a revised count of the same
    sentence ("the toll rose to 31 after two more bodies were found"): it counts the rise."""
    for c in claims:
        if c.sentence is None or c.sentence.start != s or not (c.qualifier or "").startswith("revised"):
            continue
        between = sent[c.span.end - s:rel]
        if re.search(r"\b(?:after|when|as)\b", between) and not re.search(r"[;.]", between):
            return True
    return False


def _state_after(sent: str, start: int, verb: str, preds: dict[str, list[str]]) -> str | None:
    """The predicate a state verb after the count is completed by ("nurses ... remain in police
    custody", "were taken into custody", "placed under arrest"): the verb the extractor put in the
    count's unit, then in/into/under and a predicate cue."""
    m = re.compile(rf"\b{re.escape(verb[:4])}\w*\s+(?:in|into|under)\s+").search(sent, start, start + 60)
    if m is None:
        return None
    nxt = re.match(r"(?:(?:the|police|pre-trial|military)\s+)?", sent[m.end():])  # "in police custody"
    return _predicate_near(sent[m.end() + (nxt.end() if nxt else 0):m.end() + 30], 0, 0, preds, reach=0)


# "were found | dead", "were admitted for | burns", "were taken to hospital with | wounds"
_AUXILIARIES = re.compile(r"\s*(?:(?:have|has|had|been|were|was|are|is|now|still)\s+)*(?:(?:for|with)\s+)?")


def _names_other_act(unit_words: list[str]) -> bool:
    """The extractor's unit ends in a participle that is no predicate cue ("people attended")."""
    if len(unit_words) < 2:
        return False
    tail = unit_words[-1]
    people = {w for members in lexicon()["people_nouns"].values() for w in members}
    return tail not in people and re.search(r"(ed|en)$", tail) is not None


@functools.lru_cache(maxsize=1)
def _occupancy_regex() -> re.Pattern[str]:
    nouns = "|".join(re.escape(w) for w in lexicon()["occupancy_nouns"])
    return re.compile(rf"\b(?:{nouns})\s+(?:(?:built|meant|designed)\s+for|with|holding|for)\s+"
                      rf"(?:up to\s+|more than\s+|about\s+|some\s+|at least\s+|over\s+)?$")


def _occupancy(before: str) -> bool:
    """The count follows a room-like noun and "with"/"holding"/"for" ("cells with 40 people", "a tent
    holding a dozen families", "a ward built for 20"): it tells how many a place holds."""
    return _occupancy_regex().search(before) is not None


def _rounding_unit(q: float) -> float:
    """10 ** (trailing zeros) of a whole figure: 30 -> 10, 58,000 -> 1,000, 45 -> 1."""
    if q < 10 or not float(q).is_integer():
        return 1.0
    n, unit = int(q), 1
    while n % 10 == 0:
        n, unit = n // 10, unit * 10
    return float(unit)


def number_range(m: Magnitude, said: str) -> tuple[float, float, str]:
    """The quantities a magnitude allows and its precision (exact/approximate/bound/scale)."""
    lex = _fusion_lexicon()
    q = float(m.quantity)
    qual = f" {(m.qualifier or '').lower()} {said} "
    has = lambda key: any(f" {w} " in qual for w in lex[key])  # noqa: E731
    if any(w in qual for w in lex["magnitude_scale_words"]):
        return q, q * 10, "scale"
    approx = has("magnitude_approximate")
    spread = q * lex["approximate_tolerance"] if approx else 0.0
    if approx:
        # "around thirty" is a figure rounded to tens: it stands for anything that rounds to it
        # (25 to 35), however small the share of the figure that is
        spread = max(spread, min(_rounding_unit(q) / 2, q * 0.2))
    lo, hi = q - spread, q + spread
    precision = "approximate" if approx else "exact"
    if m.qualifier == "revised":
        precision = "revised"  # "the toll has risen to 31": a later count, not a rival one
    if m.lower_bound or has("magnitude_lower_bound"):
        hi, precision = q * (1 + lex["bound_headroom"]), "lower bound"
    if has("magnitude_upper_bound"):
        lo, precision = q * (1 - lex["bound_headroom"]), "upper bound"
    return lo, hi, precision


def _range_ends(magnitudes: tuple[Magnitude, ...]) -> dict[int, Magnitude]:
    """Lower end's start -> upper end, for ranges the magnitude stage gives as two figures, the
    upper one ("up to") inside the lower one's span: "between 40 and 60 people", "200 to 300"."""
    out: dict[int, Magnitude] = {}
    for m in magnitudes:
        for top in magnitudes:
            if (top is not m and top.qualifier == "up to" and m.span.start < top.span.start < m.span.end
                    and top.quantity > m.quantity):
                out.setdefault(m.span.start, top)
    return out


def _figure(m: Magnitude) -> str:
    q = int(m.quantity) if float(m.quantity).is_integer() else m.quantity
    return f"{q:,}"


def _show_number(m: Magnitude) -> str:
    q = int(m.quantity) if float(m.quantity).is_integer() else m.quantity
    qual = (m.qualifier or "").strip()
    if any(w in qual.lower() for w in _fusion_lexicon()["magnitude_scale_words"]):
        return qual  # "hundreds of thousands" is the value as told; its number is only a floor
    if not qual and m.lower_bound:
        qual = "at least"
    return f"{qual} {q:,}".strip() if isinstance(q, int) else f"{qual} {q}".strip()


_OBJECT_PRONOUN = re.compile(r"\s*(?:them|him|her)\b")


def _anaphoric_predicate(after: str, preds: dict[str, list[str]]) -> str | None:
    """The predicate of a later clause whose object points back at the count ("three staff members
    have not been heard of since gunmen seized them", "... after being detained"): what happened to
    the people counted."""
    for cls, cues in preds.items():
        for at, cue in _cue_positions(after, cues):
            rest = after[at + len(cue):]
            word_end = re.match(r"[a-z]*", rest)
            rest = rest[word_end.end():] if word_end else rest
            if (cue.endswith(" them") or _OBJECT_PRONOUN.match(rest)
                    or re.search(r"\b(?:after|since) (?:being|having been)\s+$", after[:at])):
                return cls
    return None


def _window_days(analysis: Analysis, bounds: list[tuple[int, int]], low: str) -> dict[int, str]:
    """Sentence start -> the day its counts are told as of: a stated day right after a window cue
    ("40 killed by Tuesday", "as of Friday, 212 people had been detained")."""
    out: dict[int, str] = {}
    for tv in sorted((t for t in analysis.dates if t.span), key=lambda t: t.span.start):  # type: ignore[union-attr]
        assert tv.span is not None
        day = _day(tv)
        if day is not None and is_window(low, tv.span.start, tv.span.end):
            out.setdefault(_sentence_of(bounds, tv.span.start)[0], day)
    return out


def is_window(low: str, start: int, end: int) -> bool:
    """The day at low[start:end] ends a window counts are told as of ("by Tuesday", "as of Sunday"),
    the cue before the date or opening its span."""
    told = low[max(0, start - 16):start] + low[start:end]
    cut = len(low[max(0, start - 16):start])
    return any(re.search(r"(?<![\w])" + re.escape(c) + r"$", told[:cut]) or told[cut:].startswith(c)
               for c in lexicon()["window_cues"])


def number_claims(analysis: Analysis) -> list[SlotClaim]:
    """Counts of people (killed, wounded, detained, displaced, housed ...), totals and parts."""
    lex = lexicon()
    text = analysis.report.text
    low = _low(text)
    bounds = sentences(text)
    rid = analysis.report.id
    preds = lex["predicates"]
    excluded = set(lex["excluded_units"])
    out: list[SlotClaim] = []
    totals: list[SlotClaim] = []
    upper = _range_ends(analysis.magnitudes)
    tops = {id(m) for m in upper.values()}
    windows = _window_days(analysis, bounds, low)
    for m in sorted(analysis.magnitudes, key=lambda m: m.span.start):
        if id(m) in tops:
            continue  # the upper end of a range told with its lower end
        unit_words = re.findall(r"[a-z]+", _low(m.unit or ""))
        if excluded & set(unit_words):
            continue
        s, e = _sentence_of(bounds, m.span.start)
        sent = low[s:e]
        rel, rel_end = m.span.start - s, m.span.end - s
        # the words right after the figure, up to a comma: "22, police said" counts no police
        after_words = re.findall(r"[a-z]+", re.split(r"[,;:.()]", sent[rel_end:rel_end + 30])[0])[:2]
        # the toll noun is the clause's subject, often told with its where and what before the verb
        # ("the death toll from the ferry sinking off X, on the main route to Y, has risen to 31")
        toll = _toll_before(sent, rel, reach=_TOLL_REACH) if not unit_words else None
        of_them = re.match(r"\s*of (?:them|those)\b", sent[rel_end:]) is not None and len(unit_words) <= 1
        subject = (_subject_of(unit_words) or _subject_of(after_words) or ("people" if toll is not None else None)
                   or _people_only(unit_words) or (_people_before(sent[:rel]) if of_them else None))
        if subject is None:
            continue
        if re.match(r"\s*(?:said|say|says|told|added)\b", sent[rel_end:]):
            continue  # "two officials said 20 were killed": the people who told it, not a count of the act
        before = sent[max(0, rel - 26):rel]
        if _occupancy(before):
            continue  # "held in cells with more than 30 people": how full a place is, no count of the act
        if _explains_revision(out, s, sent, rel):
            continue  # "rose to 31 after two more bodies were found": the rise, not a rival count
        is_part = any(re.search(r"(?<![\w])" + re.escape(c) + r"\b", before) for c in lex["part_cues"]) or bool(
            re.match(r"\s*(?:of them|of whom)\b", sent[rel_end:]) or re.search(
                r"^\S+\s+(?:of them|of whom)\b", _low(m.span.text)))  # "eleven killed, seven of them children"
        if of_them and not any(t.sentence and t.sentence.start == s for t in totals):
            is_part = False  # "charged at marching miners, hurting five of them": a count of no total told
        pred = _predicate_near(" ".join(unit_words) + " ", 0, 0, preds, reach=40) if unit_words else None
        if is_part:
            # "..., including seven children": a part of the total just told, about the same act
            prior = [t for t in totals if t.sentence and t.sentence.start == s] or totals[:1]
            pred = prior[-1].predicate if prior else _predicate_near(sent, rel, rel_end, preds)
        elif pred is None and unit_words and _any_cue(unit_words[-1], lex["release_cues"]):
            # "two journalists were freed, a day after fighters detained them": the people freed
            # are the people the same sentence says were taken
            pred = _anaphoric_predicate(sent[rel_end:], preds) or "released"
        elif pred is None and _names_other_act(unit_words):
            # "200 people attended", "300 people crossed": a count of another act; unless a cue
            # follows the figure right away ("15 workers were found dead", "drove 900
            # residents from their homes": the verb the extractor took is an auxiliary or a causer)
            aux = _AUXILIARIES.match(sent, rel_end)
            tail = re.search(r"[a-z]+$", sent[rel:rel_end])  # the span's own last word may open the cue ("took | part")
            pred = (_predicate_near(sent[aux.end():aux.end() + 30], 0, 0, preds, reach=0) if aux else None) or (
                _state_after(sent, rel_end, unit_words[-1], preds)) or (
                _predicate_near(sent[rel + tail.start():rel_end + 30], 0, 0, preds, reach=0) if tail else None)
            if pred is None:
                continue
        elif pred is None:
            # "the death toll ...", "the number of people detained ...": what the toll counts
            pred = (_predicate_near(sent[toll:rel], 0, 0, preds, reach=40) if toll is not None else None) or (
                _predicate_near(sent, rel, rel_end, preds, reach=60) or _anaphoric_predicate(sent[rel_end:], preds))
        if pred is None:
            continue
        told = _cue_regex(tuple(lex["custody_cues"])).sub(" ", sent)  # "not seen since X" dates X itself
        if pred in lex["happening"] and (any(c in told for c in lex["background_cues"]) and not _day_count(
                analysis, low, s, e, m.span.start) or _past_year(low, s, e, m, analysis.report.published)):
            # a cumulative toll ("since January") or one of past years ("killed 40 in 2021") meets
            # only such tolls, not the happening's
            pred += " overall"
        if _negated_after(sent[rel_end:], preds):
            continue  # "the four had not been detained": no count of the act
        claim = _count_claim(m, upper.get(m.span.start), sent, rel, Span(rid, s, e, text[s:e]), subject, pred,
                             windows.get(s), is_part)
        out.append(claim)
        if not is_part:
            totals.append(claim)
    return _coordinated_totals(out, text)


def _count_claim(m: Magnitude, top: Magnitude | None, sent: str, rel: int, sentence: Span, subject: str,
                 pred: str, window: str | None, is_part: bool = False) -> SlotClaim:
    """The number claim of the figure ``m`` at ``sent[rel:]``: its range and hedge, told as a revision
    when the clause says so, as a range with ``top`` its upper end, as of a window day."""
    lo, hi, precision = number_range(m, _low(m.span.text))
    value = _show_number(m)
    qualifier = m.qualifier
    direction = revision(sent, rel) or ("up" if m.qualifier == "revised" else None)
    if direction == "level" and m.qualifier in ("up to", "down to"):
        direction = m.qualifier.split()[0]  # "revised the toll up to 33": the figure's own span says up
    if direction is not None:
        # "has risen to 31", "revised the toll down to 14": a later count of the same slot
        if m.qualifier in ("up to", "down to", "revised") or precision == "exact":
            lo = hi = float(m.quantity)  # "revised up to 33" is 33, not a bound
            precision, value = "revised", f"revised {_figure(m)}"
        qualifier = "revised" if direction == "level" else f"revised {direction}"
    if top is not None:
        # "between 2,000 and 3,000", "200 to 300": the range's two ends, any figure between
        hi, precision = max(hi, number_range(top, _low(top.span.text))[1]), "range"
        value = f"{value.split(' ')[0] if m.qualifier and not re.search(r'[0-9]', m.qualifier) else ''} " \
                f"{_figure(m)} to {_figure(top)}".strip()
    return SlotClaim(
        report_id=sentence.report_id, subject=subject, predicate=pred, slot="number", value=value,
        key=f"{lo:g}-{hi:g}", span=m.span, sentence=sentence, lo=lo, hi=hi,
        qualifier=qualifier, precision=precision, stage=f"as of {window}" if window else None,
        part_of=f"people {pred}" if is_part else None, extractor=NAME)


# "six hamlets remain | cut off", "80 kiosks burned | down": words between a count and its state
_STATE_AUX = re.compile(r"\s*(?:(?:have|has|had|be|been|being|were|was|are|is|now|still|remain|remains|remained)\s+)*")


def _plural(noun: str) -> str:
    """A count's noun in its plural, the form it is keyed by ("one house" meets "12 houses")."""
    if noun.endswith("s"):
        return noun
    if re.search(r"(?:x|ch|sh)$", noun):
        return noun + "es"
    return noun[:-1] + "ies" if re.search(r"[^aeiou]y$", noun) else noun + "s"


@functools.lru_cache(maxsize=1)
def _thing_keys() -> dict[str, str]:
    return {w: row[0] for row in lexicon()["thing_synonyms"] for w in row}


@functools.lru_cache(maxsize=1)
def _act_cues() -> tuple[str, ...]:
    """Cues of what was done to a counted thing or person: a unit's last word among them is its verb."""
    lex = lexicon()
    return (*(c for cues in lex["damage_predicates"].values() for c in cues), *lex["people_only_cues"])


def _counted_noun(unit_words: list[str]) -> str | None:
    """The noun a count's unit names. The magnitude stage gives a unit as the noun, then the verb
    governing the count when there is one ("brick homes destroyed", "hamlets cut", "kiosks"): the
    word before a final participle or act cue, else the last word."""
    if not unit_words:
        return None
    last = unit_words[-1]
    verb = re.search(r"(?:ed|en)$", last) is not None or any(
        last.startswith(c) or c.startswith(last + " ") for c in _act_cues())
    if verb:
        return unit_words[-2] if len(unit_words) >= 2 else None
    return last


def _damage_of(sent: str, rel: int, rel_end: int, unit_words: list[str]) -> str | None:
    """What was done to the counted things (ontology/disputes.json "damage_predicates"): the verb in
    the count's own unit ("eight tankers were burned"), a state right after it ("six hamlets remain cut
    off"), or the verb right before the figure ("set fire to five tankers", "destroying about 90 huts")."""
    damage = lexicon()["damage_predicates"]
    noun = _counted_noun(unit_words)
    tail = " ".join(unit_words[unit_words.index(noun) + 1:]) if noun in unit_words else ""
    told = _predicate_near(tail + " ", 0, 0, damage, reach=0) if tail else None
    if told is None:
        aux = _STATE_AUX.match(sent, rel_end)
        told = _predicate_near(sent[aux.end():aux.end() + 30], 0, 0, damage, reach=0) if aux else None
    if told is None:
        before = sent[max(0, rel - 40):rel]
        for cls, cues in damage.items():
            for at, cue in _cue_positions(before, cues):
                # the cue's word, a particle ("burned down", "cut off"), "to": then the figure
                if re.fullmatch(r"[a-z]*(?:\s+(?:down|off|out|up|to))*\s+", before[at + len(cue):]):
                    told = cls
    if told is not None:
        told = _either_state(sent[max(0, rel - 40):rel_end + 40], told, damage)
    return told


def _either_state(window: str, told: str, damage: dict[str, list[str]]) -> str:
    """Two damage classes joined by "or"/"and" ("some 70 kiosks were damaged or destroyed"): one
    count of both, its own class, never compared with a count of either alone."""
    for at, cue in _cue_positions(window, damage[told]):
        m = re.match(r"[a-z]*\s+(?:or|and|and/or)\s+", window[at + len(cue):])
        other = _predicate_near(window[at + len(cue) + m.end():] + " ", 0, 0, damage, reach=0) if m else None
        before = re.search(r"([a-z]+)\s+(?:or|and|and/or)\s+$", window[:at])
        prior = _predicate_near(before.group(1) + " ", 0, 0, damage, reach=0) if before else None
        for cls in (other, prior):
            if cls is not None and cls != told:
                return " or ".join(sorted((cls, told)))
    return told


def _is_people(noun: str) -> bool:
    return _subject_of([noun]) is not None or _person_plural(noun)


def damage_claims(analysis: Analysis) -> list[SlotClaim]:
    """Counts of things an act or a disaster destroyed, damaged, looted or cut off ("razed about
    90 huts" / "some 60 huts were razed"), keyed by the things (one plural for words outlets
    use alike: homes, houses) and what was done to them. Things counted with no such verb ("some 30
    tankers stood in the yard") are no claim; nor are people, counted in number_claims."""
    lex = lexicon()
    text = analysis.report.text
    low = _low(text)
    bounds = sentences(text)
    rid = analysis.report.id
    excluded = set(lex["excluded_units"]) | set(lex["toll_nouns"])
    windows = _window_days(analysis, bounds, low)
    upper = _range_ends(analysis.magnitudes)
    tops = {id(m) for m in upper.values()}
    out = []
    for m in sorted(analysis.magnitudes, key=lambda m: m.span.start):
        unit_words = re.findall(r"[a-z]+", _low(m.unit or ""))
        noun = _counted_noun(unit_words)
        if id(m) in tops or noun is None or noun in excluded or noun in lex["animal_nouns"] or _is_people(noun):
            continue
        if any(w in lex["magnitude_cues"] for w in unit_words):
            continue  # a quake's magnitude (seismic_claims)
        s, e = _sentence_of(bounds, m.span.start)
        sent = low[s:e]
        rel, rel_end = m.span.start - s, m.span.end - s
        pred = _damage_of(sent, rel, rel_end, unit_words)
        if pred is None or _negated_after(sent[rel_end:], lex["damage_predicates"]):
            continue
        if any(c in sent for c in lex["background_cues"]) or _past_year(low, s, e, m,
                                                                        analysis.report.published):
            # "since March, 500 huts have been razed", "razed 90 huts in 2018"
            pred += " overall"
        subject = _thing_keys().get(_plural(noun), _plural(noun))
        out.append(_count_claim(m, upper.get(m.span.start), sent, rel, Span(rid, s, e, text[s:e]), subject, pred,
                                windows.get(s)))
    return out


def is_thing_count(m: Magnitude, sent: str, rel: int) -> bool:
    """The figure counts things something was done to ("scores of kiosks were burned"), not people."""
    unit_words = re.findall(r"[a-z]+", _low(m.unit or ""))
    noun = _counted_noun(unit_words)
    return noun is not None and not _is_people(noun) and _damage_of(sent, rel, rel + len(m.span.text),
                                                                      unit_words) is not None


_SEISMIC = re.compile(r"(?<![\w.])\d(?:\.\d)?(?![\w.])")


def seismic_claims(analysis: Analysis) -> list[SlotClaim]:
    """An earthquake's magnitude as told ("a magnitude 6.6 quake", "a 4.9-magnitude earthquake",
    "measured 5.2 on the Richter scale"): a figure below ten with a magnitude cue beside it."""
    lex = lexicon()
    text = analysis.report.text
    low = _low(text)
    bounds = sentences(text)
    rid = analysis.report.id
    cue = _cue_regex(tuple(lex["magnitude_cues"]))
    out = []
    for m in _SEISMIC.finditer(low):
        near = low[max(0, m.start() - 12):m.start()] + " " + low[m.end():m.end() + 24]
        if cue.search(near) is None:
            continue
        s, e = _sentence_of(bounds, m.start())
        if not re.search(r"\b(?:earthquake|quake|tremor)", low[s:e]) or re.search(r"\baftershock", near):
            continue  # the magnitude of something else, or of an aftershock: not the quake's
        q = float(m.group(0))
        out.append(SlotClaim(
            report_id=rid, subject="earthquake", predicate="magnitude", slot="number", value=f"{q:g}",
            key=f"{q:g}-{q:g}", span=Span(rid, m.start(), m.end(), text[m.start():m.end()]),
            sentence=Span(rid, s, e, text[s:e]), lo=q, hi=q, precision="exact", extractor=NAME))
    return out


_OTHER_INCIDENT = re.compile(r"\b(?:in|by|during|from|at)\s+(?:that|this|the second|a second|the other|another|"
                             r"the latest|the earlier|the first|either)\b")


def zero_claims(analysis: Analysis) -> list[SlotClaim]:
    """A report's word that no one suffered an act ("nobody has been detained yet", "there were no
    arrests", "no one was arrested"): a count of none, as of the report. A person word needs the act's
    cue right after its auxiliaries ("no one knows how many died" counts nothing)."""
    lex = lexicon()
    text = analysis.report.text
    low = _low(text)
    bounds = sentences(text)
    rid = analysis.report.id
    preds = lex["predicates"]
    out = []
    for cls, cues in lex["zero_counts"].items():
        for at, cue in _whole_positions(low, cues):
            pred: str | None = cls
            if cls == "people":
                aux = _STATE_AUX.match(low, at + len(cue))
                pred = _predicate_near(low[aux.end():aux.end() + 30], 0, 0, preds, reach=0) if aux else None
            s, e = _sentence_of(bounds, at)
            if pred not in lex["zero_predicates"] or _OTHER_INCIDENT.search(re.split(r"[,;:]", low[at:e])[0]):
                continue  # "a second raid followed; nobody was detained in that one": another incident's
            out.append(SlotClaim(
                report_id=rid, subject="people", predicate=pred, slot="number", value="none", key="0-0",
                span=Span(rid, at, at + len(cue), text[at:at + len(cue)]), sentence=Span(rid, s, e, text[s:e]),
                lo=0.0, hi=0.0, qualifier="none", precision="exact", extractor=NAME))
    return out


_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def _past_year(low: str, s: int, e: int, m: Magnitude, published: str | None) -> bool:
    """The clause of the figure ``m`` names a year before the report's own ("a militia razed
    90 huts in 2018", "killed 40 people in 2019"): a count of an earlier happening."""
    if not published or not published[:4].isdigit():
        return False
    at, end = m.span.start, m.span.end  # "2,000": the figure's own comma ends no clause
    cs = max(low.rfind(",", s, at), low.rfind(";", s, at), s - 1) + 1
    ends = [k for k in (low.find(",", end, e), low.find(";", end, e)) if k >= 0]
    clause = low[cs:min(ends) if ends else e]
    opening = re.match(r"[^,;]{0,24},", low[s:cs])  # "In 2019, soldiers seized ...": the sentence's own time
    clause += " " + (opening.group(0) if opening else "")
    year = int(published[:4])
    # a report early in a year may tell last year's happening as its own ("killed 12 in December 2025")
    recent = year - 1 if published[5:7].isdigit() and int(published[5:7]) <= 3 else year
    return any(int(y) < recent for y in _YEAR.findall(clause))


_NEGATED = re.compile(r"\s*(?:(?:have|has|had|were|was|are|is|been|be|would|will|could|did|do|does)\s+)*"
                      r"(?:not|never)\b(?!\s+only\b)|\s*[a-z]+n't\b")


def _negated_after(after: str, cues: dict[str, list[str]]) -> bool:
    """The count's own act is negated ("the four had not been detained", "nine huts were not
    damaged"): the count tells no act. A negation further on is another clause's ("200 families
    sheltered in a school that was not shelled"), and one of another verb tells the act by its
    absence ("three drivers have not been seen since gunmen took them")."""
    m = _NEGATED.match(after)
    if m is None:
        return False
    rest = _STATE_AUX.match(after, m.end())
    return _predicate_near(after[rest.end() if rest else m.end():][:30] + " ", 0, 0, cues, reach=0) is not None


def revision(sent: str, rel: int, reach: int = 80) -> str | None:
    """"up", "down" or "level" when the clause before the figure at ``sent[rel:]`` tells it as a
    revised count ("the toll had risen to 23", "revised the death toll from the crash down to 14",
    "now stands at 27"; ontology/disputes.json "revision_cues"), else None. The nearest cue decides;
    a cue with no direction ("revised", "updated") takes one from "up"/"down" after it. The cue
    either ends right before the figure ("rose to 38", "rose on Monday to 38") or a toll noun is told
    before the figure ("lowered the toll to 8"). A comma or
    semicolon between cue and figure ends the clause ("homes were reduced to rubble, 12 killed"),
    unless the figure follows "to" or "at" ("revised the toll from the floods in Ostrel, Peru, down
    to 14")."""
    start = max(0, rel - reach)
    before = sent[start:rel]
    joined = re.search(r"\b(?:to|at)\s+$", before) is not None
    toll = _toll_before(sent, rel, reach) is not None
    best: tuple[int, str, str] | None = None
    for direction, cues in lexicon()["revision_cues"].items():
        for at, cue in _cue_positions(before, cues):
            between = before[at + len(cue):]
            if ";" in between or (not joined and "," in between):
                continue
            if not toll and not (re.search(r"\b(?:to|at)$", cue) and len(between.strip()) <= 20):
                continue  # "raised banners as police detained 40": a revision names its toll or ends at the figure
            if best is None or at > best[0]:
                best = (at, cue, direction)
    if best is None:
        return None
    at, cue, direction = best
    if direction == "level":
        told = re.search(r"\b(up|down)(?:wards?)?\b", before[at + len(cue):])
        direction = told.group(1) if told else direction
    return direction


def _toll_before(sent: str, rel: int, reach: int = 80) -> int | None:
    """A toll noun before the figure, in its sentence and no semicolon between ("the death toll
    from the sinking off Pellaro, Mozambique, has risen to 31", "the number of dead stands at 27"):
    the figure counts people though it has no unit of its own. Where in ``sent`` it starts, else None."""
    start = max(0, rel - reach)
    before = sent[start:rel]
    told = [start + at for at, cue in _cue_positions(before, lexicon()["toll_nouns"])
            if ";" not in before[at + len(cue):]]
    return told[0] if told else None


def _day_count(analysis: Analysis, low: str, s: int, e: int, at: int) -> bool:
    """The count at ``at`` stands in a clause of its own that gives a day and no background cue ("300
    detained in the last two weeks, and 30 men on Monday"): that day's count, not the cumulative one
    the sentence's other clause tells."""
    cs = max(low.rfind(",", s, at), low.rfind(";", s, at), s - 1) + 1
    ends = [k for k in (low.find(",", at, e), low.find(";", at, e)) if k >= 0]
    ce = min(ends) if ends else e
    clause = low[cs:ce]
    if any(c in clause for c in lexicon()["background_cues"]):
        return False
    return any(tv.span is not None and cs <= tv.span.start < ce and _day(tv) is not None for tv in analysis.dates)


_REMAINDER = re.compile(r"\b(?:others|other|more)\b")
_COORDINATION = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)")


def _coordinated_totals(claims: list[SlotClaim], text: str) -> list[SlotClaim]:
    """Counts joined by "and" ending in a remainder are parts of one total: "seven children and five
    others" tells twelve people killed (seven of them children), not five. The parts keep their own
    subject; the remainder is only part of the sum."""
    out: list[SlotClaim] = []
    run: list[SlotClaim] = []

    def close() -> None:
        joined = len(run) >= 2 and "and" in text[run[-2].span.end:run[-1].span.start].split()
        # only a remainder ("five others", "five other people", "12 more") makes the parts a whole:
        # "14 officers and nine protesters were injured" is told against "nine protesters were
        # injured" part by part, not as 23 people
        rest = joined and _REMAINDER.search(_low(run[-1].span.text)) is not None
        if not rest:  # "of the 112 arrested, 14 were women": a comma alone joins no parts either
            out.extend(run)
            return
        first, last = run[0], run[-1]
        lo, hi = sum(c.lo or 0.0 for c in run), sum(c.hi or 0.0 for c in run)
        exact = all(c.lo == c.hi for c in run) and float(lo).is_integer()
        value = f"{int(lo):,} (" + " + ".join(c.value for c in run) + ")" if exact else " + ".join(c.value for c in run)
        span = Span(first.report_id, first.span.start, last.span.end, text[first.span.start:last.span.end])
        precisions = {c.precision for c in run}
        out.append(replace(first, subject="people", value=value,
                           key=f"{lo:g}-{hi:g}", span=span, lo=lo, hi=hi, qualifier=None,
                           precision="exact" if precisions == {"exact"} else "approximate", part_of=None,
                           ref=None))
        out.extend(replace(c, part_of=f"people {c.predicate}") for c in run if c.subject != "people")

    for c in claims:
        prev = run[-1] if run else None
        if (prev is not None and c.part_of is None and c.predicate == prev.predicate and c.sentence == prev.sentence
                and c.span.start >= prev.span.end and _COORDINATION.fullmatch(text[prev.span.end:c.span.start])):
            run.append(c)
            continue
        close()
        run = [c] if c.part_of is None else []
        if c.part_of is not None:
            out.append(c)
    close()
    return out


def _word_cue(low: str, cues: list[str]) -> list[tuple[int, str]]:
    return sorted(_cue_positions(low, cues))


def _has_cue_before(before: str, cues: list[str]) -> bool:
    """A cue (as a whole word or phrase) anywhere in ``before``."""
    return any(re.search(r"(?<![\w])" + re.escape(c.strip()) + r"\b", before) for c in cues)


@functools.lru_cache(maxsize=1)
def _contested_regex() -> re.Pattern[str]:
    lex = lexicon()
    verbs = "|".join(re.escape(v) for v in sorted(lex["contested_verbs"], key=len, reverse=True))
    nouns = "|".join(re.escape(n) for n in sorted(lex["contested_nouns"], key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?:{verbs})\s+(?:[\w/-]+\s+){{0,3}}?(?:{nouns})\s+that\b[^.;:]*$")


def _contested(before: str) -> bool:
    """The words before a cue open a clause the report disputes ("denying reports that they had
    been freed", "casting doubt on rebel assurances that ..."): the status told there is not its own."""
    return _contested_regex().search(before) is not None


def _whole_positions(low: str, cues: list[str]) -> list[tuple[int, str]]:
    """Where each cue stands as whole words in ``low`` (not as a prefix of a longer word)."""
    return [(m.start(), m.group(0)) for m in _words_regex(tuple(cues)).finditer(low)]


@functools.lru_cache(maxsize=1)
def _custody_state_regex() -> re.Pattern[str]:
    lex = lexicon()
    states = "|".join(re.escape(w) for w in sorted(lex["custody_states"], key=len, reverse=True))
    places = "|".join(re.escape(w) for w in sorted(lex["detention_places"], key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?:{states})\s+(?:in|at)\s+(?:(?:a|an|the|his|her|their)\s+)?"
                      rf"(?:[a-z-]+\s+){{0,2}}?(?:{places})\b")


def _custody_states(low: str) -> list[tuple[int, str]]:
    """A state of being held in a place of detention ("remains in a military detention facility",
    "is being held at a police station"): the person is in custody, however the place is named."""
    return [(m.start(), m.group(0)) for m in _custody_state_regex().finditer(low)]


_WHO_CLAUSE = re.compile(r"([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*),\s+who\s+[^,.;:]*$")


def _people_taken(analysis: Analysis) -> str:
    """The words naming whom the report's coercive acts were done to (arrests, abductions), lower case."""
    return " ".join(t for ev in analysis.events if ev.plover == "COERCE" for t in ev.targets).lower()


def _state_of_another(text: str, at: int, taken: str) -> bool:
    """The state at ``at`` is told in a "who" clause about a named person none of the report's coercive
    acts was done to ("30 were detained at a march for Jane Doe, who has been held since June"):
    that person's own story, not the state of the people detained. A report telling no such act may
    be about that person's detention ("calls to free Jane Doe, who remains in custody"): kept."""
    start = max(text.rfind(". ", 0, at), text.rfind("\n", 0, at), 0)
    m = _WHO_CLAUSE.search(text, start, at)
    if m is None or not taken:
        return False  # with no act telling whom it took, the named person may be the one held
    surname = m.group(1).split()[-1].lower()
    return surname not in taken


def status_claims(analysis: Analysis) -> list[SlotClaim]:
    """Whether the people detained are free: released, release planned, not released, in custody.
    A call for their release ("urged ... to free") states no status and is left out."""
    lex = lexicon()
    text = analysis.report.text
    low = _low(text)
    rid = analysis.report.id
    out = []
    taken = _people_taken(analysis)
    custody = [(at, cue) for at, cue in sorted({*_whole_positions(low, lex["custody_cues"]), *_custody_states(low)})
               if not _state_of_another(text, at, taken)]
    release = [(at, cue) for at, cue in _whole_positions(low, lex["release_cues"])  # "freedom" frees no one
               if not _state_of_another(text, at, taken)]
    # "will free the crew on Friday": a base form is a release only as a plan
    release += [(at, cue) for at, cue in _whole_positions(low, lex["planned_release_cues"])
                if _has_cue_before(low[max(0, at - 16):at], lex["planned_cues"])
                and not re.match(r"\s+(?:up|to|of|from)\b", low[at + len(cue):])  # "free to leave", "free up funds"
                and not _state_of_another(text, at, taken)]
    if not custody and not release:
        return out
    bounds = sentences(text)
    by_sentence: dict[tuple[int, int], tuple[list[tuple[int, str]], list[tuple[int, str]]]] = {}
    for at, cue in custody:
        by_sentence.setdefault(_sentence_of(bounds, at), ([], []))[0].append((at, cue))
    for at, cue in release:
        by_sentence.setdefault(_sentence_of(bounds, at), ([], []))[1].append((at, cue))
    for (s, e), (held, freed) in sorted(by_sentence.items()):
        sent = low[s:e]
        found: list[tuple[int, int, str]] = [(at - s, at - s + len(cue), "in custody") for at, cue in held]
        for at, cue in freed:
            at -= s
            after = sent[at + len(cue):at + len(cue) + 28]
            # "released a statement" publishes something; it frees no one
            if (any(a <= at < b for a, b, _ in found)
                    or any(re.search(r"\b" + w + r"\b", after) for w in lex["release_objects"])):
                continue
            if _any_cue(sent[max(0, at - 40):at], lex["request_cues"]) or _contested(sent[max(0, at - 90):at]):
                continue
            near = sent[max(0, at - 16):at]
            if _has_cue_before(near, lex["negation_cues"]):
                stage = "not released"
            elif _has_cue_before(near, lex["planned_cues"]):
                stage = "release planned"
            else:
                stage = "released"
            found.append((at, at + len(cue), stage))
        for a, b, stage in sorted(found):
            day = _day_after(analysis, s + b, e) if stage == "released" else None
            out.append(SlotClaim(
                report_id=rid, subject="detained people", predicate="release", slot="status",
                value=stage, key=stage, span=Span(rid, s + a, s + b, text[s + a:s + b]),
                sentence=Span(rid, s, e, text[s:e]), lo=day, hi=day, stage=stage, extractor=NAME))
    return out


_ACTIVE_CHARGE = re.compile(r"\bcharged\s+(?!at\b|into\b)(?:[a-z'-]+\s+){1,4}?with\b")


def charge_claims(analysis: Analysis) -> list[SlotClaim]:
    """Whether the people detained were charged: charged, not charged, or charge planned
    (ontology/disputes.json "charge_states"). The longest cue at a place decides ("have not been
    charged" is not charged; "will be charged" a plan); a cue inside a call ("urged prosecutors to drop
    charges") or a contested claim states nothing."""
    lex = lexicon()
    text = analysis.report.text
    low = _low(text)
    bounds = sentences(text)
    rid = analysis.report.id
    found: dict[int, tuple[int, str]] = {}
    told = [(state, at, cue) for state, cues in lex["charge_states"].items() for at, cue in _cue_positions(low, cues)]
    # the active voice with its object ("police have charged the nine cyclists with ..."), unless what
    # follows "with" is what a police charge is made with ("charged the crowd with batons")
    for m in _ACTIVE_CHARGE.finditer(low):
        if not any(low[m.end():].lstrip().startswith(w) for w in lex["charge_weapons"]):
            told.append(("charged", m.start(), m.group(0)))
    for state, at, cue in told:
        end = at + len(cue)
        # "have not been charged" holds "been charged"; "to be charged" holds "be charged": the
        # longest cue over a stretch is its state
        overlaps = [k for k, (e, _) in found.items() if k < end and at < e]
        if any(found[k][0] - k >= len(cue) for k in overlaps):
            continue
        for k in overlaps:
            del found[k]
        found[at] = (end, state)
    out = []
    for at, (end, state) in sorted(found.items()):
        if _any_cue(low[max(0, at - 40):at], lex["request_cues"]) or _contested(low[max(0, at - 90):at]):
            continue
        clause = re.split(r"[,;:.]", low[max(0, at - 40):at])[-1]
        if state == "charged" and _has_cue_before(clause, lex["charge_negators"]):
            state = "not charged"  # "none of the marchers has been charged"
        if re.match(r"\s+(?:at|into|toward|towards|through)\b", low[end:]):
            continue  # "the riders had not charged at the marchers": a police charge, no charge of an offence
        s, e = _sentence_of(bounds, at)
        out.append(SlotClaim(
            report_id=rid, subject="detained people", predicate="charged", slot="status", value=state, key=state,
            span=Span(rid, at, end, text[at:end]), sentence=Span(rid, s, e, text[s:e]), stage=state,
            extractor=NAME))
    return out


def _day_after(analysis: Analysis, start: int, end: int, reach: int = 40) -> float | None:
    """The day told right after a release cue ("was released on Wednesday"), as an ordinal: a
    release told as of a day before another report's "still held" contradicts it; one after, not."""
    for tv in analysis.dates:
        day = _day(tv)
        if tv.span is not None and day is not None and start <= tv.span.start < min(end, start + reach):
            return _ordinal(day)
    return None


def _is_document(speaker: str) -> bool:
    words = re.findall(r"[a-z]+", _low(speaker))
    return len(words) <= 4 and bool(words) and words[-1] in lexicon()["document_speakers"]


@functools.lru_cache(maxsize=1)
def _body_heads() -> frozenset[str]:
    told = load_table("entities")
    return frozenset({*told["org_heads"], *told["collective_org_nouns"], *told["gov_nouns"], *_BODY_NOUNS})


_BODY_NOUNS = ("office", "ministry", "department", "organisation", "organization", "agency", "police")


def _described_kind(speaker: str) -> str | None:
    """The kind of a speaker no actor stands for: a description headed by a body's noun ("the aid
    agency", "the governor's office") is an organization, another lower-case description ("a
    witness") a person; a name is unknown."""
    if not speaker[:1].islower():
        return None
    words = re.findall(r"[a-z]+", speaker.lower())
    return "organization" if words and words[-1] in _body_heads() else "person"


def quote_claims(analysis: Analysis) -> list[SlotClaim]:
    """Direct quotes: their wording, and their speaker. Which quotes of other reports are the same
    quote is decided across reports (derive/disputes.py), so the subject is left open here."""
    rid = analysis.report.id
    text = analysis.report.text
    bounds = sentences(text)
    kinds = {a.id: a.kind for a in analysis.actors}
    # the roles, and the body the report ties the speaker to ("of Interior"): a person is one
    # speaker with a body that issues the same words only when nothing ties them to another one
    roles = {a.id: "; ".join([*a.roles, *([f"of {a.affiliation}"] if a.affiliation else [])])
             for a in analysis.actors if a.roles or a.affiliation}
    out = []
    for q in analysis.quotes:
        words = q.span.text.strip(" ,.;:\"'“”‘’")
        if not q.direct or len(words) < 24:
            continue
        s, e = _sentence_of(bounds, q.span.start)
        sent = Span(rid, s, e, text[s:e])
        out.append(SlotClaim(rid, "quote", "wording", "quote_wording", words, _low(re.sub(r"\W+", " ", words)).strip(),
                             q.span, sent, extractor=NAME))
        if q.speaker and not _is_document(q.speaker):
            # the quote's span, so the speaker claim stays tied to the words it is about; ``ref``
            # is the speaker's kind (a person and their organisation are two names, not two sources)
            kind = kinds.get(q.speaker_id or "") or _described_kind(q.speaker)
            # ``qualifier``: the roles the report gives the speaker ("county governor"), so that
            # another report's "the governor said" is the same speaker told by role
            out.append(SlotClaim(rid, "quote", "speaker", "attribution", q.speaker, q.speaker, q.span, sent,
                                 ref=kind, qualifier=roles.get(q.speaker_id or ""), extractor=NAME))
    return out


def affiliation_claims(analysis: Analysis) -> list[SlotClaim]:
    """How the report describes a named actor's affiliation ("the Norland-backed Free Hills Front"), and the
    first mention of that name without it. Compared only between copies of one origin (an edit of
    the wire text); independent outlets naming an actor more briefly do not disagree."""
    text = analysis.report.text
    rid = analysis.report.id
    bounds = sentences(text)
    suffixes = "|".join(lexicon()["affiliation_suffixes"])
    described = re.compile(rf"\b([A-Z][\w.]*(?:[- ][A-Z][\w.]*)*-(?:{suffixes}))\s+"
                           r"((?:[A-Z0-9][\w/.-]*)(?:\s+[A-Z0-9][\w/.-]*)*)")
    out = []
    named: dict[str, str] = {}
    for m in described.finditer(text):
        named.setdefault(m.group(2), m.group(1))
    actors = {a.canonical for a in analysis.actors if len(a.canonical) > 1 and a.kind != "person"}
    for name in [*named, *sorted(actors - set(named))]:
        for m in re.finditer(rf"(?<![\w-])(?:([\w.-]+)\s+)?{re.escape(name)}\b", text):
            modifier = (m.group(1) if m.group(1) and m.group(1).endswith(tuple("-" + x for x in suffixes.split("|")))
                        else None)
            if name in named and not modifier:
                continue
            value = f"{modifier} {name}" if modifier else name  # as told: "Norland-backed Front" / "Front"
            s, e = _sentence_of(bounds, m.start())
            start = m.start(1) if modifier else m.start() + (len(m.group(0)) - len(name))
            out.append(SlotClaim(rid, "actor: " + name, "described as", "actor", value, _low(value),
                                 Span(rid, start, m.end(), text[start:m.end()]), Span(rid, s, e, text[s:e]),
                                 extractor=NAME))
            if modifier or name not in named:
                break  # the first description given is the report's; else its first mention
    return out


_HAPPENING_TYPES = ("ASSAULT", "COERCE")
_COMPASS = re.compile(r"(?:the\s+)?(?:far\s+|middle\s+)?(?:north|south|east|west)(?:ern)?"
                      r"(?:\s*-?\s*(?:north|south|east|west)(?:ern)?)?")


def place_claims(analysis: Analysis) -> list[SlotClaim]:
    """Where the happening took place: the located place (a city or a province of the gazetteer)
    of the report's happening event (``_happening_event``). Countries take no part: a country given as
    an event's place is often the actor's. Every located place the report mentions also becomes a
    ``mentioned`` claim, so that a report naming the other's place too is no side against it
    (derive/disputes.py). ``ref`` is the gazetteer id (or folded name), ``stage`` the country,
    ``precision`` the feature, ``lo``/``hi`` latitude and longitude."""
    text = analysis.report.text
    rid = analysis.report.id
    bounds = sentences(text)
    out = []

    def claim(place: Place, predicate: str) -> SlotClaim | None:
        span = place.span
        if span is None or place.lat is None or place.lon is None or place.feature not in ("city", "admin1"):
            return None
        if _COMPASS.fullmatch(_low(span.text)) or not span.text[:1].isupper():
            return None  # "the West", "the north": a direction or a region of the world, no town
        told, named = re.sub(r"\W+", "", _low(span.text)), re.sub(r"\W+", "", _low(place.name))
        if told not in named and named not in told and fuzz.ratio(told, named) < 80:
            return None  # the gazetteer's nearest spelling of an unknown town is a guess, no place
        s, e = _sentence_of(bounds, span.start)
        ref = str(place.geonames_id) if place.geonames_id else re.sub(r"\W+", "", _low(place.name))
        return SlotClaim(rid, "happening", predicate, "place", place.name, ref, span, Span(rid, s, e, text[s:e]),
                         lo=place.lat, hi=place.lon, precision=place.feature, ref=ref,
                         stage=(place.country or "").upper() or None, extractor=NAME)

    ev = _happening_event(analysis)
    c = claim(ev.place, "place") if ev is not None and ev.place is not None else None
    if c is not None and _REFERENCE_POINT.search(_low(text[max(0, c.span.start - 30):c.span.start])):
        # "in Ardmore, north of the capital", "on the outskirts of Y": the city named last only
        # locates the place named before it, which is the happening's when the gazetteer has it
        before = [p for p in analysis.places if p.span is not None and p.role != "dateline"
                  and c.sentence is not None and c.sentence.start <= p.span.start < c.span.start]
        named = [k for k in (claim(p, "place") for p in before) if k is not None]
        c = named[-1] if named else None
    if c is not None:
        out.append(c)
    for place in analysis.places:
        if place.role != "dateline":
            c = claim(place, "mentioned")
            if c is not None:
                out.append(c)
    return out


_REFERENCE_POINT = re.compile(r"(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of|outskirts\s+of|"
                              r"\d+\s*(?:km|kilometres|kilometers|miles)\s+(?:\w+\s+)?(?:of|from))\s+(?:the\s+)?$")


def _happening_event(analysis: Analysis) -> Event | None:
    """The report's happening: its first violent or coercive event told as fact or report (not
    planned, not denied, not background dated to a year or a span). A later one (a spokesman's "we
    only target ...", a past raid) is another act."""
    for ev in sorted(analysis.events, key=lambda ev: ev.trigger.start):
        if ev.plover not in _HAPPENING_TYPES or ev.negated or ev.modality not in ("asserted", "reported"):
            continue
        if ev.date is not None and ev.date.precision not in ("day", "time"):
            continue  # "burned homes in 2021": background, not this happening
        return ev
    return None


@functools.lru_cache(maxsize=16)
def _words_regex(words: tuple[str, ...]) -> re.Pattern[str]:
    """Whole words or phrases (not prefixes), longest first."""
    alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(r"(?<![\w])(?:" + alts + r")(?![\w])")


def perpetrator_class(name: str) -> str | None:
    """state forces / armed group, from the words naming a doer (ontology/disputes.json); None
    when the words decide nothing ("gunmen"). State words match only as written in lower case, so
    a proper name ("the Free Hills Army") is no state army; a sentence-initial capital is lowered."""
    words = name.split()
    if not words:
        return None
    low = " ".join([words[0].lower(), *words[1:]])
    classes = lexicon()["perpetrator_classes"]
    if _words_regex(tuple(classes["armed group"])).search(low.lower()):
        return "armed group"  # checked first: "fighters of the X rebel group" is no army
    if _words_regex(tuple(classes["state forces"])).search(low):
        return "state forces"
    return None


def force_branch(name: str) -> str | None:
    """police / military, from the words naming a state doer (ontology/disputes.json
    "force_branches"); None when they name neither ("security forces")."""
    words = name.split()
    if not words:
        return None
    low = " ".join([words[0].lower(), *words[1:]])
    for branch, members in lexicon()["force_branches"].items():
        if _words_regex(tuple(members)).search(low):
            return branch
    return None


def _doer_key(cls: str, name: str) -> str:
    branch = force_branch(name) if cls == "state forces" else None
    return f"{cls}: {branch}" if branch else cls


def perpetrator_claims(analysis: Analysis) -> list[SlotClaim]:
    """Who did the happening: the doer of the report's happening event, by class (state forces vs
    an armed group; police vs military within the state's). Only a doer the words classify takes
    part. When the happening's first telling names no such doer, a later telling of the same act
    may ("marchers died when troops fired on them"), or the means it was done with ("an army
    drone struck"), or an accusation of it ("blamed the attack on rebels")."""
    ev = _happening_event(analysis)
    if ev is None:
        return _doers_seen(analysis)
    if _stated(ev):
        first = _named_doer(analysis, ev)
        if first is not None:
            return first
    for later in [ev, *_tellings(analysis, ev)]:
        found = _classified_doer(analysis, later)
        if found:
            return found
    return _blamed_doer(analysis) or _doers_seen(analysis)


def _stated(ev: Event) -> bool:
    """The event's doer is told, not inferred from who reported the act ("police said 30 were
    arrested": extract/events.py '+speaker_agent'): only values the text states take part."""
    return bool(ev.sources) and "+speaker_agent" not in ev.rule


def _named_doer(analysis: Analysis, ev: Event) -> list[SlotClaim] | None:
    """The first source of ``ev`` as a claim (told by appearance when only its clothing classes it);
    [] when the words decide nothing and no clothing is told, None when nothing is to be had."""
    name = ev.sources[0]
    cls = perpetrator_class(name)
    text = analysis.report.text
    rid = analysis.report.id
    s, e = ev.sentence.start, ev.sentence.end
    at = text.find(name, s, e)
    qualifier = None
    if cls is None and at >= 0:
        worn = _appearance(text[at + len(name):e])
        if worn is None:
            return None
        # "men wearing army uniforms": the doer only as seen; the clothing's words class it
        # (army: state forces) or name it ("X uniforms": the group X)
        told, what = worn
        cls = perpetrator_class(what) or "named " + " ".join(re.findall(r"[a-z0-9]+", _low(what)))
        name, qualifier = name + told, "by appearance"
    if cls is None:
        return None
    span = Span(rid, at, at + len(name), name) if at >= 0 else ev.trigger
    key = f"{cls} ({qualifier})" if qualifier else _doer_key(cls, name)  # a doer seen in uniforms is not a doer named
    return [SlotClaim(rid, "happening", "perpetrator", "actor", name, key, span, Span(rid, s, e, text[s:e]),
                      qualifier=qualifier, stage=cls, ref=name, extractor=NAME)]


def _tellings(analysis: Analysis, ev: Event) -> list[Event]:
    """Later violent or coercive events of the happening's sentence that may tell the same act
    ("marchers died when troops fired on them"): same type, told as fact or report, on no other day."""
    day = ev.date.value if ev.date is not None else None
    out = []
    for other in sorted(analysis.events, key=lambda x: x.trigger.start):
        if other is ev or other.trigger.start < ev.trigger.start or other.plover != ev.plover:
            continue
        if other.sentence.start != ev.sentence.start:
            continue  # another sentence may tell another act (and its pronouns are guesses)
        if other.negated or other.modality not in ("asserted", "reported"):
            continue
        if day is not None and other.date is not None and other.date.value != day:
            continue
        out.append(other)
    return out


def _classified_doer(analysis: Analysis, ev: Event) -> list[SlotClaim]:
    """The doer of ``ev`` when its words classify it: its first source, or the means right before its
    verb when it has none ("an army helicopter hit the convoy": the military)."""
    text = analysis.report.text
    rid = analysis.report.id
    s, e = ev.sentence.start, ev.sentence.end
    if _stated(ev):
        name = ev.sources[0]
        at = text.find(name, s, e)
    else:
        found = _means_phrase(text, s, e)
        if found is None:
            return []
        name, at = found
    cls = perpetrator_class(name)
    if cls is None or at < 0:
        return []
    return [SlotClaim(rid, "happening", "perpetrator", "actor", name, _doer_key(cls, name),
                      Span(rid, at, at + len(name), name), Span(rid, s, e, text[s:e]), stage=cls, ref=name,
                      extractor=NAME)]


def _means_phrase(text: str, s: int, e: int) -> tuple[str, int] | None:
    """The first means of text[s:e] with the words right before it that class a doer ("a military
    drone", "an army helicopter"), and where it starts; None when no such phrase is told."""
    means = {w for words in lexicon()["means"].values() for w in words}
    tokens = list(re.finditer(r"[A-Za-z-]+", text[s:e]))
    for k, tok in enumerate(tokens):
        if tok.group(0).lower() not in means or k == 0:
            continue
        window = tokens[max(0, k - 2):k + 1]
        cut = max((j + 1 for j, w in enumerate(window) if w.group(0).lower() in _PHRASE_OPENERS), default=0)
        window = window[cut:]
        name = text[s + window[0].start():s + tok.end()]
        if len(window) >= 2 and perpetrator_class(name) is not None:
            return name, s + window[0].start()
    return None


_PHRASE_OPENERS = frozenset({"a", "an", "the", "when", "as", "after", "while", "and", "that", "which", "its", "their"})


def _blamed_doer(analysis: Analysis) -> list[SlotClaim]:
    """The doer a party in the report blames the happening on ("the ministry blamed the attack on
    rebels", "relatives accuse troops of the raid"): an accusation whose verb is "blame", or
    "accuse" in a sentence telling a violent act, and whose target the words classify."""
    text = analysis.report.text
    rid = analysis.report.id
    lex = lexicon()
    acts = [c for cls in lex["happening"] for c in lex["predicates"].get(cls, [])] + lex["attack_cues"]
    for ev in sorted(analysis.events, key=lambda x: x.trigger.start):
        if ev.plover != "ACCUSE" or not ev.targets or ev.negated:
            continue
        verb = _low(ev.trigger.text)
        if not verb.startswith("blam") and not (
                verb.startswith("accus") and _any_cue(_low(ev.sentence.text), acts)):
            continue  # "accused X of corruption" lays another act on X; "accuse X of the attack" this one
        name = ev.targets[0]
        cls = perpetrator_class(name)
        s, e = ev.sentence.start, ev.sentence.end
        at = text.find(name, s, e)
        if cls is None or at < 0:
            continue
        return [SlotClaim(rid, "happening", "perpetrator", "actor", name, _doer_key(cls, name),
                          Span(rid, at, at + len(name), name), Span(rid, s, e, text[s:e]), stage=cls, ref=name,
                          extractor=NAME)]
    return []


def _doers_seen(analysis: Analysis) -> list[SlotClaim]:
    """The doers told only by what they wore when no event names them: the first "men wearing X
    uniforms" (ontology/disputes.json "appearance_doers", "appearance_cues") that is an act's agent
    ("were forced into a car by men wearing ...") or stands in a sentence telling a violent or
    coercive act ("gunmen in police uniforms stormed ..."). Its key is the clothing's class or name,
    told "by appearance", as for an event's doer (``perpetrator_claims``)."""
    lex = lexicon()
    text = analysis.report.text
    low = _low(text)
    rid = analysis.report.id
    bounds = sentences(text)
    doers = "|".join(re.escape(w) for w in sorted(lex["appearance_doers"], key=len, reverse=True))
    acts = [c for cls in lex["happening"] for c in lex["predicates"].get(cls, [])] + lex["attack_cues"]
    for m in re.finditer(rf"(?<![\w])(by\s+)?((?:(?!by\s)[a-z]+\s+){{0,2}}?(?:{doers}))\b", low):
        worn = _appearance(text[m.end():])
        if worn is None:
            continue
        s, e = _sentence_of(bounds, m.start())
        if not m.group(1) and not _any_cue(low[s:e], acts):
            continue
        told, what = worn
        start = m.start(2)
        name = text[start:m.end()] + told
        cls = perpetrator_class(what) or "named " + " ".join(re.findall(r"[a-z0-9]+", _low(what)))
        return [SlotClaim(rid, "happening", "perpetrator", "actor", name, f"{cls} (by appearance)",
                          Span(rid, start, start + len(name), name), Span(rid, s, e, text[s:e]),
                          qualifier="by appearance", stage=cls, ref=name, extractor=NAME)]
    return []


def _appearance(after: str) -> tuple[str, str] | None:
    """(the words telling it, what was worn) when a doer's name is followed by its clothing
    (" wearing M23 uniforms", " dressed in police uniforms"), else None. Only a worn thing that
    names something (a class word or a capitalised name) counts: "men in black" decides nothing."""
    lex = lexicon()
    cues = "|".join(re.escape(c) for c in sorted(lex["appearance_cues"], key=len, reverse=True))
    items = "|".join(re.escape(c) for c in sorted(lex["appearance_items"], key=len, reverse=True))
    m = re.match(r"\s+(?:" + cues + r")\s+(?:(?:the|a|an)\s+)?(?P<what>[^,.;:()]{1,40}?)\s+(?:" + items + r")\b",
                 after)
    if m is None:
        return None
    what = m.group("what")
    if perpetrator_class(what) is None and not re.search(r"(?:^|\s)(?:[A-Z][\w/-]*|\w*\d\w*)", what):
        return None
    return after[:m.end()], what


def _count_predicate(m: Magnitude, sent: str, rel: int, rel_end: int) -> str | None:
    """What a count counts (killed, detained ...): its unit's words, else the nearest cue."""
    preds = lexicon()["predicates"]
    unit = " ".join(re.findall(r"[a-z]+", _low(m.unit or "")))
    return (_predicate_near(unit + " ", 0, 0, preds, reach=40) if unit else None) or _predicate_near(
        sent, rel, rel_end, preds, reach=40)


def _source_before(analysis: Analysis, start: int, end: int) -> str | None:
    """The actor a clause in [start, end) is about: its pronoun or description resolved by coref,
    else the last actor named there."""
    names = {a.id: a.canonical for a in analysis.actors}
    for link in analysis.coref:
        if start <= link.span.start < end and link.antecedent_actor_id in names:
            return names[link.antecedent_actor_id]
    words = analysis.report.text[start:end].split()
    if 1 <= len(words) <= 6 and all(w[:1].isalpha() for w in words):
        # a short subject phrase is the source as told ("The French interior ministry"), better
        # than the one name inside it ("French" -> France)
        return " ".join(words[1:] if words[0].lower() in ("the", "a", "an") else words)
    best = None
    for a in analysis.actors:
        for m in a.mentions:
            if start <= m.start < end and (best is None or m.start > best[0]):
                best = (m.start, a.canonical)
    return best[1] if best else None


def figure_source_claims(analysis: Analysis) -> list[SlotClaim]:
    """Who gave a count, and who is said to give none: "the ministry said 37 had been detained"
    against "It [the ministry] did not say how many people were detained". The subject is the
    source (spellings meet across reports in derive/disputes.py), the predicate what is counted;
    the value is whether that source gave a figure."""
    lex = lexicon()
    text = analysis.report.text
    low = _low(text)
    rid = analysis.report.id
    bounds = sentences(text)
    out = []
    by_start = {ev.magnitude.span.start: ev for ev in analysis.events if ev.magnitude is not None}
    for m in analysis.magnitudes:
        ev = by_start.get(m.span.start)
        att = ev.attribution if ev is not None else None
        if att is None or att.kind == "outlet" or not att.asserted_by:
            continue
        unit_words = re.findall(r"[a-z]+", _low(m.unit or ""))
        counted = _subject_of(unit_words) or (
            unit_words and _predicate_near(unit_words[0] + " ", 0, 0, lex["predicates"], 0))
        s, e = _sentence_of(bounds, m.span.start)
        if not counted or is_thing_count(m, low[s:e], m.span.start - s):
            continue  # "two laptops seized", "scores of kiosks were burned": no count of people
        pred = _count_predicate(m, low[s:e], m.span.start - s, m.span.end - s)
        if pred is None:
            continue
        out.append(SlotClaim(rid, "figure from: " + att.asserted_by, pred, "attribution",
                             f"{_show_number(m)} ({att.asserted_by})", "gave a figure", m.span,
                             Span(rid, s, e, text[s:e]), ref=att.asserted_by, extractor=NAME))
    for at, cue in _cue_positions(low, lex["no_figure_cues"]):
        s, e = _sentence_of(bounds, at)
        pred = _predicate_near(low[at:e], 0, len(cue), lex["predicates"], reach=50)
        source = _source_before(analysis, s, at)
        if pred is None or source is None:
            continue
        out.append(SlotClaim(rid, "figure from: " + source, pred, "attribution", f"no figure ({source})",
                             "no figure", Span(rid, at, at + len(cue), text[at:at + len(cue)]),
                             Span(rid, s, e, text[s:e]), ref=source, extractor=NAME))
    return out


def response_claims(analysis: Analysis) -> list[SlotClaim]:
    """How a party answered ("the army denied hitting the school", "a police spokesman said he had
    no information", "the ministry declined to comment"): the response class (ontology/disputes.json
    "responses") and the party that gave it — the speaker of the quote holding the cue, else the
    source of an event triggered there, else the speaker quoted in the sentence. The outlet's own
    "could not confirm" is no party's response. Subject ``response of: <party>`` (spellings meet
    across reports as for figure sources)."""
    lex = lexicon()
    text = analysis.report.text
    low = _low(text)
    rid = analysis.report.id
    bounds = sentences(text)
    out = []
    for response, cues in lex["responses"].items():
        for at, cue in _cue_positions(low, cues):
            s, e = _sentence_of(bounds, at)
            if _contested(low[max(s, at - 90):at]) or _any_cue(low[max(s, at - 40):at], lex["request_cues"]):
                continue
            held = [q for q in analysis.quotes if q.speaker and q.span.start <= at < q.span.end]
            party = min(held, key=lambda q: q.span.end - q.span.start).speaker if held else None
            if party is None:
                party = next((ev.sources[0] for ev in analysis.events
                              if ev.sources and ev.trigger.start <= at < ev.trigger.end), None)
            if party is None:
                near = [q for q in analysis.quotes if q.speaker and s <= q.span.start < e]
                party = near[0].speaker if near else None
            if party is None or party == analysis.report.outlet or not party[:1].isupper():
                continue
            if not _answer_of(low[s:at], party):
                continue  # "police said the owner could not be reached": the owner's answer, not the police's
            out.append(SlotClaim(rid, "response of: " + party, "response", "attribution", response, response,
                                 Span(rid, at, at + len(cue), text[at:at + len(cue)]), Span(rid, s, e, text[s:e]),
                                 ref=party, extractor=NAME))
    return sorted(out, key=lambda c: c.span.start)


_CLAUSE_START = re.compile(r"[,;:\"(]|\b(?:said|says|told|added|that|and|but|while|as)\b")
_SUBJECT_FILLER = frozenset(
    "the a an he she they it we i its his her their also not still had has have was were is are would "
    "could did does do been so far yet repeatedly however later earlier initially previously flatly strongly "
    "firmly again there reporters journalists us me yet".split())


def _answer_of(before: str, party: str) -> bool:
    """Whether a response cue's own clause leaves it to ``party``: the words of the clause before the
    cue (after "said", "that", a comma) are a pronoun or auxiliary ("he had no information"), or
    name the party ("a police spokesman declined" for police). Another subject ("the mill's owner
    could not be reached", "the army could not be reached" in the governor's sentence) answers for
    itself, and the party the sentence quotes did not give that answer."""
    starts = [m.end() for m in _CLAUSE_START.finditer(before)]
    clause = before[starts[-1]:] if starts else before
    words = {w for w in re.findall(r"[a-z]+", clause) if w not in _SUBJECT_FILLER}
    if not words:
        return True
    named = {w for w in re.findall(r"[a-z]+", _low(party)) if w not in _SUBJECT_FILLER}
    return bool(named) and bool(words & named)


_APPOSITIVE_ROLE = re.compile(
    r",\s+(?:(?:the|a|an)\s+)?(?P<role>[a-z][a-z'’-]*(?:\s+[a-z][a-z'’-]*){0,6}?)\s*(?=,|\.|;|\s+(?:who|said|says|told)\b)")


def _appositive_role(text: str, mentions: tuple[Span, ...]) -> tuple[int, int] | None:
    """Where a role told beside a name lies: "Kwame Osei, the deputy minister for roads, said",
    "Ama Osei, a nurse at the clinic." (lower-case words only, so no name or outlet is taken for a
    role; a clause "who ..." or a verb "said" is no role)."""
    stop = frozenset(lexicon()["role_non_heads"])
    for m in sorted(mentions, key=lambda m: m.start):
        found = _APPOSITIVE_ROLE.match(text, m.end)
        if found is None:
            continue
        words = found.group("role").split()
        if words[0] in stop or any(w in stop for w in words[:1]):
            continue
        return found.start("role"), found.end("role")
    return None


def role_claims(analysis: Analysis) -> list[SlotClaim]:
    """The role a report gives a named person ("the camp administrator", "a deputy minister"): one
    claim per person the report names with a role, subject ``role of: <name>`` (spellings of one
    name, "Mr Osei" and "Kwame Osei", meet across reports in derive/disputes.py). The span is where
    the role is told, else the person's first mention."""
    text = analysis.report.text
    low = _low(text)
    rid = analysis.report.id
    bounds = sentences(text)
    out = []
    for a in analysis.actors:
        if a.kind != "person" or not a.mentions:
            continue
        roles = [r for r in a.roles if re.search(r"[a-z]", r)]
        told = None if roles else _appositive_role(text, a.mentions)
        if told is not None:
            start, end = told
            roles = [text[start:end]]
        if not roles:
            continue
        first = min(a.mentions, key=lambda m: m.start)
        at = low.find(_low(roles[0]))
        start, end = (at, at + len(roles[0])) if at >= 0 else (first.start, first.end)
        s, e = _sentence_of(bounds, start)
        value = "; ".join(roles)
        out.append(SlotClaim(rid, "role of: " + a.canonical, "role", "attribution", value, _low(value),
                             Span(rid, start, end, text[start:end]), Span(rid, s, e, text[s:e]),
                             ref=a.canonical, extractor=NAME))
    return sorted(out, key=lambda c: c.span.start)


def means_claims(analysis: Analysis) -> list[SlotClaim]:
    """What the happening was done with (ontology/disputes.json "means"): the first platform or
    fire word of the happening event's sentence ("aircraft", "a helicopter", "shelling")."""
    ev = _happening_event(analysis)
    if ev is None:
        return []
    lex = lexicon()
    text = analysis.report.text
    rid = analysis.report.id
    s, e = ev.sentence.start, ev.sentence.end
    sent = _low(text[s:e])
    found = None
    for cls, words in lex["means"].items():
        m = _words_regex(tuple(words)).search(sent)
        if m and (found is None or m.start() < found[0]):
            found = (m.start(), m.end(), cls)
    if found is None:
        return []
    a, b, cls = found
    # the most specific name the report gives this means: a model before one of its class words
    # ("the Mi-35 gunship", "a TB2 drone"), anywhere in the report
    model = re.search(r"\b([A-Z][A-Za-z]{0,4}-?\d+[A-Z]?)\s+(?i:" + "|".join(
        re.escape(w) for w in sorted(lex["means"][cls], key=len, reverse=True)) + r")\b", text)
    value = f"{cls} ({model.group(1)})" if model else cls
    return [SlotClaim(rid, "happening", "means", "actor", value, cls, Span(rid, s + a, s + b, text[s + a:s + b]),
                      Span(rid, s, e, text[s:e]), stage=lex["means_families"][cls], extractor=NAME)]


def asserter_of(analysis: Analysis, span: Span) -> str | None:
    """Who the report says states what lies at ``span``: the speaker of the quote or reported clause
    holding it ("the three had been freed, the rebels said"), else the cited source of an event told
    in its sentence ("according to the ministry"), else the speaker of a quote in its sentence, else
    the outlet itself. A card names it on each side, so one party's claim about itself is never
    shown as the outlet's own word against another's."""
    bounds = sentences(analysis.report.text)
    s, e = _sentence_of(bounds, span.start)
    held = [q for q in analysis.quotes if q.speaker and q.span.start <= span.start < q.span.end]
    if held:
        return min(held, key=lambda q: q.span.end - q.span.start).speaker  # the innermost clause
    for ev in analysis.events:
        att = ev.attribution
        if att is not None and att.kind != "outlet" and att.asserted_by and s <= ev.trigger.start < e:
            return att.asserted_by
    near = [q for q in analysis.quotes if q.speaker and s <= q.span.start < e]
    if near:
        return near[0].speaker
    return analysis.report.outlet


def report_claims(analysis: Analysis) -> list[SlotClaim]:
    """Every claim of one report, in text order within each slot, each with its asserter."""
    claims = [*date_claims(analysis), *start_claims(analysis), *number_claims(analysis), *status_claims(analysis),
              *damage_claims(analysis), *seismic_claims(analysis), *zero_claims(analysis), *charge_claims(analysis),
              *stage_claims(analysis), *quote_claims(analysis), *affiliation_claims(analysis),
              *place_claims(analysis), *perpetrator_claims(analysis),
              *figure_source_claims(analysis), *means_claims(analysis), *role_claims(analysis),
              *response_claims(analysis)]
    return [replace(c, asserter=asserter_of(analysis, c.span)) for c in claims]
