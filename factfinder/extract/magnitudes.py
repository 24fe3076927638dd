"""Magnitudes: quantities of people and things ("more than 65,000 people arrested"), with what they count.

A quantity grammar over the tables of ``ontology/magnitudes.json``:

- a number phrase: an optional qualifier ("more than", "nearly", "up to", "another"), then digits
  ("65,000", "10 000", "1.2 million", "2 lakh"), number words ("two", "twenty-five", "two dozen",
  "one hundred and twenty") or a vague plural ("dozens of", "hundreds of thousands", "several hundred",
  "a few thousand"), then an optional qualifier after the figure ("5,000-plus", "40 or so"). A vague
  plural counts its unit (dozens = 12, hundreds = 100, the gold convention) as a lower bound, and the
  phrase is its own qualifier;
- what it counts, from the dependency parse: the counted noun (the noun the number modifies, or the
  object of "of" after the quantity) plus the governing verb as a past participle ("people fled"). A
  number standing alone as an argument ("wounding four", "14 were detained", "three of them") counts
  what the last counted phrase before it counted;
- the kind of quantity, named in the unit: ages ("Jane Roe, 41", "a 38-year-old", "aged 14") are
  "years of age"; percentages "percent"; money its currency; measures their unit ("about 5km",
  "a nine-storey block"); ordinals of a series ("the third such attack") count the series; durations
  come from the dates stage ("for six hours" -> 6 hours, the dates stage keeps the ISO value);
- shares: a fraction of something named ("half of the residents", "nearly a third of the crop", "about
  half stayed", "cut by half") is its fraction (0.5, 1/3) with the unit "share of" the noun; not a count;
- relations between quantities: a range gives both ends ("between 20 and 30 people", "20-30 houses"); a part counts
  what its total counts ("killing 14 people, including three children" -> children killed); a revision
  marks the new and the earlier figure ("the toll rose to 19 from 14").

Numbers inside points in time (dates, clock times "0300 GMT", "10 pm"), identifiers ("Article 7",
"Resolution 2231"), street addresses ("12 Elm Street"), list markers ("1.", "(2)") and bare years
("the 2022 invasion", but not "2000 people") are not quantities; a month word makes a number a date only
when capitalised ("300 may have died" is a count).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..ontology import load, word_set
from ..records import Analysis, Magnitude, Span, TimeValue

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span as SpacySpan, Token

NAME = "factfinder.magnitudes.rules.v4"
REQUIRES: tuple[str, ...] = ("dates",)
ASSIGNS: tuple[str, ...] = ("magnitudes",)

ARG_DEPS = {"nsubj", "nsubjpass", "dobj", "obj", "attr", "oprd"}
ALONE_DEPS = ARG_DEPS | {"pobj", "appos", "conj", "npadvmod"}  # a number that stands for what it counts
VERB_GAP = 3  # a verb this many tokens after the noun still belongs to the phrase ("people were arrested")
AGE, PERCENT = "years of age", "percent"


@functools.lru_cache(maxsize=1)
def table() -> dict[str, Any]:
    return load("magnitudes")


@functools.lru_cache(maxsize=1)
def vague() -> dict[str, float]:
    """Vague plurals ("dozens", "tens of thousands") and a vague determiner before one or two multipliers
    ("several hundred", "a few thousand", "several hundred thousand"): phrase -> the floor it implies."""
    t = table()
    out = {k.casefold(): float(v) for k, v in t["vague"].items()}
    mults = {k: float(v) for k, v in t["multipliers"].items()}
    for det in t["vague_determiners"]:
        for m1, v1 in mults.items():
            out[f"{det} {m1}"] = v1
            for m2, v2 in mults.items():
                if v2 > v1 >= 12:  # "several hundred thousand"
                    out[f"{det} {m1} {m2}"] = v1 * v2
    return out


def _alt(words: Any) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def pattern() -> re.Pattern[str]:
    t = table()
    word = _alt(t["number_words"])
    mult = _alt(t["multipliers"])
    # thousands grouped by commas, or by (thin, no-break) spaces as many outlets print them ("10 000")
    digits = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,.])|\d+(?:\.\d+)?"
    words = rf"(?:{word})(?:[- ](?:{word}))*"
    # "two thousand five hundred", "one hundred and twenty": after a multiplier a smaller group may follow;
    # the group after "and" takes no multiplier of its own ("two hundred and three hundred" is a range)
    grouped = rf"{words}(?:\s+(?:{mult}))+(?:\s+{words}(?:\s+(?:{mult}))+)*(?:\s+and\s+{words}(?!\s+(?:{mult})\b))?"
    number = rf"(?:{digits}(?:\s+(?:{mult}))*|{grouped}|{words})(?:\s+and\s+a\s+half)?"
    return re.compile(
        # a hyphen before the number glues it to a name ("F-16", "COVID-19") unless a digit precedes
        # it: the second end of a range ("20-30")
        rf"(?<![\w.,])(?<![^\d\s]-)(?:(?P<qual>{_alt(t['qualifiers'])})\s+)?(?:(?P<cur>{_alt(t['currency_symbols'])})"
        r"(?:(?<=[A-Za-z.])\s)?)?"  # "Rs 500", "USD 2 million": a currency code may stand apart
        rf"(?:(?P<vague>{_alt(vague())})|(?P<num>{number}))(?:(?P<pct>\s?%)|(?P<glued>{_alt(t['glued_units'])}))?"
        rf"(?P<post>\s*(?:{_alt(t['post_qualifiers'])}))?(?![\w%])",
        re.IGNORECASE,
    )


@functools.lru_cache(maxsize=1)
def ordinal_pattern() -> re.Pattern[str]:
    t = table()
    return re.compile(rf"(?<![\w-])(?P<det>{_alt(t['ordinal_determiners'])})\s+"
                      rf"(?P<ord>{_alt(t['ordinals'])}|(?!1st)\d{{1,4}}(?:st|nd|rd|th))"
                      rf"(?:\s+such)?\s+(?=[a-z])", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Figure:
    value: float
    qualifier: str | None
    lower_bound: bool


def parse_number(text: str) -> float | None:
    """'65,000' -> 65000, '1.2 million' -> 1.2e6, 'twenty-five' -> 25, 'two dozen' -> 24, 'a dozen' -> 12."""
    t = table()
    half = re.search(r"\s+and\s+a\s+half$", text.strip(), re.IGNORECASE)
    if half:
        whole = parse_number(text.strip()[: half.start()])
        return None if whole is None else whole + 0.5
    text = re.sub(r"(?<=\d)[ \u00a0\u202f](?=\d{3}\b)", "", text.strip())  # "10 000"
    words = re.split(r"[\s-]+", text.casefold())
    value, total = 0.0, 0.0
    i = 0
    while i < len(words):
        w = words[i]
        n = next((n for n in range(min(5, len(words) - i), 1, -1)  # "a quarter of a million", "a dozen"
                  if " ".join(words[i : i + n]) in t["number_words"]), 0)
        if n:
            value += t["number_words"][" ".join(words[i : i + n])]
            i += n
            continue
        if w == "and" and i and words[i - 1] in t["multipliers"]:  # "one hundred and twenty"
            i += 1
            continue
        if re.fullmatch(r"[\d,\u00a0\u202f]+(?:\.\d+)?", w):
            value += float(re.sub(r"[,\u00a0\u202f]", "", w))
        elif w in t["multipliers"] and value:  # "two dozen", "three hundred"
            m = t["multipliers"][w]
            value *= m
            if m >= 1000:  # "two hundred thousand": close the group at thousand and above
                total, value = total + value, 0.0
        elif w in t["number_words"]:
            value += t["number_words"][w]
        elif w in t["multipliers"]:
            value = float(t["multipliers"][w])
        else:
            return None
        i += 1
    return total + value


def figure(match: re.Match[str]) -> Figure | None:
    t = table()
    qual = match.group("qual")
    if match.group("vague"):
        phrase = re.sub(r"\s+", " ", match.group("vague").casefold())
        return Figure(vague()[phrase], (qual.casefold() + " " if qual else "") + phrase, True)
    value = parse_number(match.group("num"))
    if value is None:
        return None
    q = qual.casefold() if qual else None
    post = (match.group("post") or "").casefold().strip()
    if post and not q:  # "5,000-plus", "30-odd", "200 or so"
        return Figure(value, post.strip("-+ ") or "plus", t["post_qualifiers"][post])
    return Figure(value, q, bool(q and t["qualifiers"].get(q)))


# ---------------------------------------------------------------- what is not a quantity


def _in_any(start: int, end: int, ranges: Sequence[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in ranges)


def _skipped(tokens: "SpacySpan", text: str, start: int, end: int) -> bool:
    t = table()
    if any(tok.ent_type_ in t["skip_ents"] for tok in tokens):
        return True
    after = text[end : end + 16].casefold().lstrip()
    if any(re.match(rf"{re.escape(s)}(?![a-z])", after) for s in t["skip_after"]):
        return True
    after_raw = text[end : end + 16].lstrip()  # "12 May" is a date; "300 may have died" is not
    if any(re.match(rf"{re.escape(s)}(?![a-z])", after_raw) for s in t["skip_after_capitalised"]):
        return True
    before = text[max(0, start - 40) : start].casefold().rstrip()
    months = {w.casefold() for w in t["skip_after_capitalised"]}
    day_or_year = bool(re.fullmatch(r"\d{1,2}|\d{4}", text[start:end].strip()))
    if any(re.search(rf"(?<![a-z]){re.escape(s)}$", before) for s in t["skip_before"]
           if day_or_year or s not in months):  # "March 12" is a date, "in March 300 families fled" a count
        return True
    if any(re.search(p, before) for p in t["skip_before_patterns"]):
        return True
    return _clock(tokens.text) or _numeric_date(text, start) or _address(text, end) or _list_marker(text, start, end)


def _year_like(tokens: "SpacySpan", noun: "Token | None") -> bool:
    """A year-like number is a date the NER missed ("the 2022 invasion") unless it counts a plural noun
    ("2000 people")."""
    return bool(re.fullmatch(r"1[89]\d\d|20\d\d", tokens.text.strip())) and not (
        noun is not None and noun.tag_ in ("NNS", "NNPS"))


def _clock(num: str) -> bool:
    """Four digits with a leading zero ("0300 GMT") are a clock time."""
    return bool(re.fullmatch(r"0\d{3}", num.strip()))


def _numeric_date(text: str, start: int) -> bool:
    """"12/03/2025", "3.11.2024": a day, month and year in digits (a byline or timestamp), not counts."""
    return bool(re.compile(r"\d{1,4}([./-])\d{1,2}\1\d{2,4}(?!\d)").match(text, start))


@functools.lru_cache(maxsize=1)
def _street_pattern() -> re.Pattern[str]:
    return re.compile(rf"\s+(?:[A-Z][\w'-]*\s+){{1,3}}(?:{_alt(table()['street_words'])})(?![\w])")


def _address(text: str, end: int) -> bool:
    """"12 Elm Street": a number before capitalised words ending in a street word is an address."""
    return bool(_street_pattern().match(text, end))


def _list_marker(text: str, start: int, end: int) -> bool:
    """"1. Police ...", "2) The army ...": a number opening a line and closed by '.' or ')' numbers a list."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[start - 1 : start] == "(" and text[end : end + 1] == ")" \
            and re.fullmatch(r"\d{1,2}", text[start:end]):  # "(1)"; "Jane Roe (41)" is an age; "(10km)" a measure
        return not re.search(r"[A-Z][\w'-]+\s*$", text[: start - 1])
    return not text[line_start:start].strip() and bool(re.match(r"[.)]\s", text[end:end + 2]))


# ---------------------------------------------------------------- what is counted


def _phrase_head(tokens: "SpacySpan") -> "Token":
    return next((t for t in tokens if not (tokens.start <= t.head.i < tokens.end) or t.head == t), tokens.root)


def counted_noun(tokens: "SpacySpan") -> tuple["Token | None", "Token"]:
    """(noun counted, top token of the whole noun phrase) for a number phrase."""
    head = _phrase_head(tokens)
    if head.dep_ in ("nummod", "quantmod", "amod", "compound") and head.head.pos_ in ("NOUN", "PROPN") \
            and head.head.i >= tokens.end:
        return head.head, head.head
    if head.dep_ == "quantmod" and head.head.pos_ == "NUM" and head.head.head.pos_ in ("NOUN", "PROPN") \
            and re.match(r"\s*of\s*$", tokens.doc[tokens.end:head.head.i].text + " ") \
            and head.head.head.i > head.head.i:  # "six of 28 wells": six of the wells
        return head.head.head, head.head.head
    tok = head
    while _is_quantity(tok):  # "hundreds of thousands of people": follow "of" while it counts
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if obj is None or obj.pos_ not in ("NOUN", "PROPN", "NUM") and obj.lower_ not in table()["state_participles"]:
            return None, head
        tok = obj
    return (tok if tok is not head else None), head


def _is_quantity(tok: "Token") -> bool:
    t = table()
    word = tok.lower_
    return tok.like_num or word in t["multipliers"] or word in t["number_words"] or any(
        word in v.split() for v in t["vague"])


def participle(verb: "Token") -> str:
    if verb.lower_ in table()["state_participles"]:
        return verb.lower_  # "still missing" is a state, not "missed"
    t = table()["participles"]
    lemma = verb.lemma_.casefold()
    if lemma in t:
        return t[lemma]
    if verb.tag_ in ("VBN", "VBD"):
        return verb.text.casefold()
    if lemma.endswith("e"):
        return lemma + "d"
    if re.search(r"[^aeiou]y$", lemma):
        return lemma[:-1] + "ied"
    return lemma + "ed"


def governing_verb(noun: "Token | None", top: "Token") -> "Token | None":
    """The verb whose argument the counted phrase is, or a participle modifying the noun."""
    light = set(table()["light_verbs"])
    while top.dep_ == "conj" and top.head.pos_ in ("NOUN", "PROPN", "NUM"):  # "ten soldiers and three civilians died"
        top = top.head
    # a participle on the noun ("people arrested"), or on a bare number ("12 injured", "the 30 detained")
    acl = next((c for c in (noun if noun is not None else top).children if c.dep_ == "acl" and c.tag_ == "VBN"
                and c.lemma_.casefold() not in light), None)
    if acl is not None:
        return acl
    if top.dep_ in ("dobj", "obj") and top.head.pos_ == "VERB":  # "left 11 dead": the state is the count's
        state = next((c for c in top.head.children if c.dep_ in ("oprd", "acomp", "xcomp") and c.i > top.i
                      and c.lower_ in table()["state_participles"]), None)
        if state is not None:
            return state
    if top.dep_ in ARG_DEPS and top.head.pos_ == "VERB" and top.head.lemma_.casefold() not in light:
        return top.head
    return None  # e.g. "were killed by ...": a count inside the agent phrase is not the verb's


def _noun_text(noun: "Token") -> str:
    compounds = [c.text for c in noun.lefts if c.dep_ == "compound" and c.pos_ == "NOUN"]
    return " ".join([*compounds, noun.text])


def _unit(noun: "Token | None", verb: "Token | None") -> str | None:
    parts = []
    if noun is not None:
        parts.append(_noun_text(noun))
    if verb is not None:
        parts.append(participle(verb))
    return " ".join(parts) or None


def _span_end(doc: "Doc", tokens: "SpacySpan", noun: "Token | None", verb: "Token | None") -> int:
    """End of the phrase: the number, then the counted noun after it, then a verb close behind."""
    last = doc[tokens.end - 1]
    if noun is not None and noun.i >= tokens.end:
        last = noun
    if verb is not None and last.i < verb.i <= last.i + VERB_GAP:
        last = verb
    return last.idx + len(last.text)


def _label(doc: "Doc", tokens: "SpacySpan", m: re.Match[str], skip: Sequence[tuple[int, int]] = ()) -> bool:
    """A number after a capitalised noun is a label ("Regulation 45", "Camp 4"), not a count; a
    capitalised word of a time expression before it is not ("By Friday nine people had died")."""
    prev = doc[tokens.start - 1] if tokens.start > 0 else None
    if prev is not None and _in_any(prev.idx, prev.idx + len(prev.text), skip):
        return False
    return prev is not None and prev.is_title and prev.pos_ in ("NOUN", "PROPN") and not m.group("qual") \
        and not (prev.ent_type_ == "PERSON" or prev.i + 1 < len(doc) and doc[prev.i + 1].text == ",")


def _alone(head: "Token", m: re.Match[str]) -> bool:
    """A number with nothing counted after it stands for people or things named before ("wounding
    four", "14 were detained", "three of them", "rose to 19"), unless it is a bare "one"."""
    if m.group("vague"):
        return True
    num = (m.group("num") or "").casefold()
    if num in table()["pronoun_numbers"]:  # "killed one", "one was wounded"; not "one said", "no one"
        prev = head.doc[head.i - 1].lower_ if head.i else ""
        return head.dep_ in ("dobj", "nsubjpass") and head.head.pos_ == "VERB" \
            and head.head.lemma_.casefold() not in table()["light_verbs"] \
            and prev not in table()["pronoun_one_before"]
    return head.dep_ in ALONE_DEPS or head.dep_ == "ROOT"


def _state(top: "Token") -> "Token | None":
    """"3 dead", "two missing": the state adjective the parser hangs a bare number on."""
    states = table()["state_participles"]
    head = top.head
    if top.dep_ in ("nummod", "quantmod") and head.i > top.i and head.lower_ in states:
        return head
    return next((c for c in top.children if c.dep_ in ("amod", "acl") and c.lower_ in states), None)


def _partitive_one(m: re.Match[str], text: str) -> bool:
    """"one of the guards" picks a person out; it is not a count."""
    return (m.group("num") or "").casefold() in table()["pronoun_numbers"] and bool(
        re.match(r"\s+of\b", text[m.end():]))


def _range_start(m: re.Match[str], text: str) -> bool:
    """"10 to 15 youths": the first end of a range counts what the second does."""
    gap = re.match(r"\s*(?:to|and|or)\s+|\s*[-\u2013]\s*(?=\d)", text[m.end():])
    nxt = pattern().match(text, m.end() + gap.end()) if gap else None
    return nxt is not None and bool(nxt.group("num") or nxt.group("vague"))


def _range_end(m: re.Match[str], text: str) -> bool:
    """"200-300 people", "20 to 30": the second end of a range (the parser often hangs it on the first)."""
    return bool(re.search(r"\d\s*[-\u2013]\s*$|\d\s+(?:to|or)\s+$", text[max(0, m.start() - 12):m.start()]))


# ---------------------------------------------------------------- kinds of quantity


def _kind(doc: "Doc", tokens: "SpacySpan", m: re.Match[str], text: str) -> str | None:
    """age / percent / money / measure / None (a count), from the words around the number."""
    t = table()
    after = text[m.end() : m.end() + 24].casefold()
    before = text[max(0, m.start() - 24) : m.start()].casefold()  # "aged between 16 and 19"
    if re.match(t["age_after"], after) or re.search(t["age_before"], before) or _apposed_age(doc, tokens, m):
        return "age"
    if m.group("pct") or re.match(r"\s*(?:%|percent\b|per\s+cent\b)", after):
        return "percent"
    if m.group("cur") or re.match(rf"(?:\s*|-)(?:{_alt(t['currencies'])})\b", after):  # "a 30,000-euro fine"
        return "money"
    if (m.group("glued") and _glued_multiplier(doc, tokens, m) is None
            or re.match(rf"[\s-]*(?:{_alt(t['measures'])})\b", after)):
        return "measure"
    return None


def _glued_multiplier(doc: "Doc", tokens: "SpacySpan", m: re.Match[str]) -> float | None:
    """"1.5m people", "$2bn": a glued m/bn before a counted noun or after a currency is a multiplier."""
    mult = table()["glued_multipliers"].get((m.group("glued") or "").casefold())
    if mult is None:
        return None
    nxt = doc[tokens.end] if tokens.end < len(doc) else None
    if m.group("cur") or (nxt is not None and nxt.tag_ in ("NNS", "NNPS") and m.string[m.end():m.end() + 1] == " "):
        return float(mult)
    return None


def _apposed_age(doc: "Doc", tokens: "SpacySpan", m: re.Match[str]) -> bool:
    """"Jane Roe, 41, was ...", "Jane Roe (41)": a bare number between commas or in brackets after a name."""
    if m.group("qual") or m.group("vague") or not re.fullmatch(r"\d{1,3}", m.group("num") or ""):
        return False
    i, j = tokens.start - 1, tokens.end
    bracketed = i >= 1 and doc[i].text == "(" and j < len(doc) and doc[j].text == ")"  # "Jane Roe (41)"
    if not bracketed and (i < 1 or doc[i].text != "," or (j < len(doc) and doc[j].text not in (",", ".", ")", ";"))):
        return False
    name = doc[i - 1]
    return name.ent_type_ == "PERSON" or (name.pos_ == "PROPN" and name.is_title)


def _kind_unit(kind: str, doc: "Doc", tokens: "SpacySpan", m: re.Match[str], text: str) -> tuple[str, int]:
    """(unit, end of span) for a quantity that is not a count."""
    t = table()
    end = m.end()
    if kind == "age":
        tail = re.match(t["age_after"], text[end : end + 24], re.IGNORECASE)
        return AGE, end + (tail.end() if tail else 0)
    word_m = (re.match(r"\s*(?:%|percent|per\s+cent)", text[end:], re.IGNORECASE) if kind == "percent" else
              re.match(rf"(?:\s*|-)(?:{_alt(t['currencies'])})\b", text[end:], re.IGNORECASE) if kind == "money"
              and not m.group("cur") else
              re.match(rf"[\s-]*(?:{_alt(t['measures'])})\b", text[end:], re.IGNORECASE) if kind == "measure"
              and not m.group("glued") else None)
    word = (word_m.group(0).strip(" -") if word_m else (m.group("cur") or m.group("glued") or "")).casefold()
    if word_m:
        end += word_m.end()
    word = PERCENT if kind == "percent" else t["currency_names"].get(word, word) if kind == "money" else \
        t["measure_names"].get(word, word)
    span = doc.char_span(m.start(), end, alignment_mode="expand")
    noun = _modified_noun(span) if span is not None else None
    if noun is not None:
        end = max(end, noun.idx + len(noun.text))
    return (f"{word} {noun.text}" if noun is not None else word), end


def _modified_noun(span: "SpacySpan") -> "Token | None":
    """The noun a measure modifies ("a nine-storey block", "a 7 percent pay rise")."""
    head = span[-1]
    while head.dep_ in ("compound", "nummod", "amod") and head.head.i > head.i and head.head.i - span.end < 4:
        head = head.head
    return head if head.i >= span.end and head.pos_ in ("NOUN", "PROPN") else None


# ---------------------------------------------------------------- the passes


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    quantity: float
    qualifier: str | None
    unit: str | None
    lower_bound: bool
    counts: bool  # a count of people/things (not an age, measure, duration)
    noun: str | None = None  # what a count counts ("people"), and the verb of its event ("killed")
    verb: str | None = None
    part: bool = False  # a part of the count before it ("including three children")

    def unit_text(self) -> str | None:
        return " ".join(p for p in (self.noun, self.verb) if p) or self.unit if self.counts else self.unit


def _numbers(doc: "Doc", skip: Sequence[tuple[int, int]]) -> list[_Found]:
    text = doc.text
    out: list[_Found] = []
    for m in pattern().finditer(text):
        if m.group("vague") and m.group("vague").casefold() == "some":
            continue
        num_start = m.start("vague") if m.group("vague") else m.start("num")
        num_end = m.end("num") if m.group("num") else m.end()
        # a point in time holds the number, unless the number phrase holds the time expression the
        # dates stage read out of it ("a quarter of a million" is not "a quarter")
        if any(s < num_end and num_start < e and not (num_start <= s and e < num_end) for s, e in skip):
            continue
        tokens = doc.char_span(num_start, m.end(), alignment_mode="expand")
        if tokens is None or _skipped(tokens, text, m.start(), m.end()):
            continue
        fig = figure(m)
        if fig is None or fig.value <= 0:
            continue
        mult = _glued_multiplier(doc, tokens, m)
        if mult is not None:
            fig = dataclasses.replace(fig, value=fig.value * mult)
        kind = _kind(doc, tokens, m, text)
        if kind is not None:
            if kind == "measure" and re.match(r"-[a-z]+-old", text[m.end():], re.I):
                continue
            unit, end = _kind_unit(kind, doc, tokens, m, text)
            out.append(_Found(m.start(), end, fig.value, fig.qualifier, unit, fig.lower_bound, False))
            continue
        denominator = re.match(r"[\s-](\w+)", text[m.end() : m.end() + 12])
        if denominator and f"{m.group('num') or ''} {denominator[1]}".casefold() in table()["fractions"]:
            continue  # "one tenth of the doses": a fraction, read by _fractions
        if re.match(r"-[a-z]", text[m.end() : m.end() + 2], re.I):  # "50-page", "two-thirds": see measures
            continue
        noun, top = counted_noun(tokens)
        if noun is not None and "(" in text[m.end() : noun.idx]:  # "killed 15 (nine men ...)": the
            noun, top = None, noun  # noun in brackets is a part's; the number stands in the noun's place
        if noun is None and tokens.end < len(doc) and doc[tokens.end].tag_ in ("NNS", "NNPS") \
                and _in_any(top.head.idx, top.head.idx + 1, skip) and not _year_like(tokens, None):
            noun = top = doc[tokens.end]  # "on Sunday 40 people were held": the parser hung the number on the day
        if _label(doc, tokens, m, skip) or _partitive_one(m, text) or _year_like(tokens, noun):
            continue
        state = _state(top) if noun is None else None
        if noun is None and not (state is not None or _alone(top, m) or _range_start(m, text) or _range_end(m, text)):
            continue
        verb = state if state is not None else governing_verb(noun, top)
        end = max(m.end(), _span_end(doc, tokens, noun, verb))
        out.append(_Found(m.start(), end, fig.value, fig.qualifier, _unit(noun, verb), fig.lower_bound, True,
                          _noun_text(noun) if noun is not None else None,
                          participle(verb) if verb is not None else None))
    return out


def _ordinals(doc: "Doc", skip: Sequence[tuple[int, int]]) -> list[_Found]:
    """"the third such attack", "its fifth day": the count of a series so far."""
    t = table()
    out = []
    for m in ordinal_pattern().finditer(doc.text):
        if _in_any(m.start("ord"), m.end("ord"), skip):
            continue
        span = doc.char_span(m.start(), m.end("ord"), alignment_mode="expand")
        if span is None:
            continue
        noun = span[-1].head
        if noun.pos_ not in ("NOUN",) or noun.i < span.end or noun.lower_ in t["ordinal_not_series"]:
            continue
        out.append(_Found(m.start(), noun.idx + len(noun.text), _ordinal_value(m["ord"]),
                          "ordinal", noun.text, False, False))
    return out


@functools.lru_cache(maxsize=1)
def fraction_pattern() -> re.Pattern[str]:
    t = table()
    return re.compile(rf"(?<![\w-])(?:(?P<qual>{_alt(t['qualifiers'])}|by)\s+)?(?P<frac>{_alt(t['fractions'])})"
                      r"(?![\w-])(?P<next>(?=\s+(?:of|the|their|its|all|our|his|her|these|those)\b))?",
                      re.IGNORECASE)


def _fractions(doc: "Doc", skip: Sequence[tuple[int, int]], taken: Sequence[tuple[int, int]]) -> list[_Found]:
    """"half of the residents", "nearly a third of the crop", "cut by half": a share of what is named,
    its value the fraction."""
    t = table()
    out = []
    for m in fraction_pattern().finditer(doc.text):
        if _in_any(m.start("frac"), m.end("frac"), [*skip, *taken]):
            continue
        before = doc.text[max(0, m.start() - 12) : m.start()].casefold().split()
        if before and before[-1] in t["fraction_not_after"]:
            continue
        qual = (m.group("qual") or "").casefold()
        q = qual if qual in t["qualifiers"] else None
        span = doc.char_span(m.start("frac"), m.end("frac"), alignment_mode="expand")
        subject = span is not None and span.root.dep_ in ("nsubj", "nsubjpass", "npadvmod") \
            and span.root.head.pos_ == "VERB" and span.root.head.i > span.root.i  # "about half stayed"
        if m.group("next") is None and qual != "by" and not subject:  # "a third (attack)", "half-life"
            continue
        noun = None
        if span is not None:
            of = next((c for c in span.root.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            noun = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            if noun is None and span.root.head.pos_ == "NOUN" and span.root.head.i >= span.end:
                noun = span.root.head  # "half the victims"
        end = noun.idx + len(noun.text) if noun is not None and noun.pos_ in ("NOUN", "PROPN") else m.end()
        unit = f"share of {noun.text}" if noun is not None and noun.pos_ in ("NOUN", "PROPN") else "share"
        out.append(_Found(m.start(), end, t["fractions"][re.sub(r"\s+", " ", m.group("frac").casefold())], q, unit,
                          bool(q and t["qualifiers"][q]), False))
    return out


def _ordinal_value(word: str) -> float:
    known = table()["ordinals"].get(word.casefold())
    return float(known if known is not None else int(re.sub(r"\D", "", word)))


def _durations(doc: "Doc", dates: Sequence[TimeValue]) -> list[_Found]:
    """A stated length of time is a quantity too ("for six hours" -> 6 hours); the dates stage found it."""
    out = []
    for d in dates:
        if d.precision != "duration" or d.span is None or not (d.value or "").startswith("P") or "X" in (d.value or ""):
            continue
        m = re.search(table()["duration_pattern"], d.span.text, re.IGNORECASE)
        if m is None:
            continue
        n = 1.0 if m["n"].casefold() in word_set("grammar", "indefinite_articles") else parse_number(m["n"])
        if n is None:
            continue
        unit = m["unit"].casefold().rstrip("s") + "s"
        q = re.match(rf"(?:\w+\s+)?(?P<q>{_alt(table()['qualifiers'])})\s", d.span.text, re.IGNORECASE)
        qualifier = q["q"].casefold() if q else None  # as written ("up to"), like the count qualifiers
        out.append(_Found(d.span.start, d.span.end, n, qualifier, unit,
                          bool(qualifier and table()["qualifiers"].get(qualifier)), False))
    return out


def _relate(found: list[_Found], doc: "Doc") -> list[_Found]:
    """Ranges, parts of a total, numbers standing alone and revised figures take their meaning from
    the counts before them."""
    t = table()
    text = doc.text
    counts = [f for f in found if f.counts]
    for i, f in enumerate(counts):
        before = text[max(0, f.start - 30) : f.start].casefold()
        prev = counts[i - 1] if i else None
        named = next((c for c in reversed(counts[:i]) if c.noun and not c.part and f.start - c.end < 400), None)
        if prev is not None and re.search(t["part_cue"], before):
            f.part = True
            f.verb = f.verb or prev.verb  # "killing 14 people, including three children": children killed
        if f.noun is None and named is not None:
            f.noun = named.noun  # "wounding four", "nine of them": people
        revised = re.search(t["revised_to"], before)
        earlier = not revised and re.search(t["revised_from"], before)
        if revised or earlier:
            f.qualifier = f.qualifier or ("revised" if revised else "earlier figure")
        if (revised or earlier or re.search(r"\b(?:at|to|of)\s+$", before)) and f.noun is None \
                and re.search(t["toll_words"], text[max(0, f.start - 60) : f.start], re.IGNORECASE):
            f.noun, f.verb = "people", "killed"  # a toll, stated, raised or lowered, counts the dead
        f.unit = f.unit_text()
    _ranges(counts, text)
    return found


def _num_text(text: str, f: _Found) -> str:
    m = pattern().match(text, f.start)
    return m.group(0) if m else ""


def _ranges(counts: list[_Found], text: str) -> None:
    """"between 200 and 300 households", "10 to 15 people": both ends, the first counting what the second does."""
    for a, b in zip(counts, counts[1:], strict=False):
        gap = text[a.start + len(_num_text(text, a)) : b.start]
        if not re.fullmatch(r"\s*(?:and|to|-|–|or)\s*", gap):
            continue
        head = text[max(0, a.start - 9) : a.start].casefold()
        if "and" in gap and "between" not in head:
            continue
        a.end = max(a.end, b.end)
        a.qualifier = a.qualifier or (f"{'between ' if 'between' in head else ''}"
                                      f"{_num_text(text, a)}{gap}{_num_text(text, b)}").strip()
        a.noun, a.unit = a.noun or b.noun, b.unit or a.unit
        b.qualifier = b.qualifier or "up to"


def extract(doc: "Doc", report_id: str, dates: Sequence[TimeValue] | None = None) -> list[Magnitude]:
    """Quantities of a parsed text; ``dates`` (the dates stage's output) mark points in time to skip and
    durations to count (computed here, undated, when not given)."""
    if dates is None:
        from . import dates as dates_stage

        dates = dates_stage.extract(doc, report_id, None)
    text = doc.text
    spans = [(d.span.start, d.span.end) for d in dates if d.span is not None]
    found = _numbers(doc, spans) + _ordinals(doc, spans) + _durations(doc, dates)
    found += _fractions(doc, spans, [(f.start, f.end) for f in found])
    found.sort(key=lambda f: f.start)
    found = _relate(found, doc)
    return [Magnitude(span=Span(report_id, f.start, f.end, text[f.start:f.end]), quantity=f.quantity,
                      qualifier=f.qualifier, unit=f.unit, lower_bound=f.lower_bound, extractor=NAME)
            for f in found]


def is_count(m: Magnitude) -> bool:
    """A count of people or things (what an event's magnitude is), not an age, share, sum, measure,
    length of time or ordinal."""
    t = table()
    unit = (m.unit or "").casefold()
    if m.qualifier == "ordinal" or unit.startswith(AGE) or unit.startswith(PERCENT):
        return False
    first = unit.split(" ", 1)[0]
    money = {c.casefold() for c in t["currencies"]} | set(t["currency_names"].values())  # "yuan", "francs"
    return first not in t["non_count_units"] and first not in money


def run(doc: "Doc", analysis: Analysis) -> Analysis:
    return dataclasses.replace(analysis, magnitudes=tuple(extract(doc, analysis.report.id, analysis.dates)))
