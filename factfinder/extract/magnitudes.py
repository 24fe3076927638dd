"""Magnitudes: counts of people and things ("more than 65,000 people arrested").

A number phrase is found with patterns compiled from ``ontology/magnitudes.json``: an optional
qualifier ("more than", "nearly"), then digits ("65,000", "1.2 million"), number words ("two",
"twenty-five") or a vague plural ("hundreds of thousands"). Vague plurals are lower bounds at their
floor: dozens = 24 (2 x 12), scores = 40, hundreds = 100, thousands = 1000, and so on; the phrase
itself is the qualifier.

The unit comes from the dependency parse: the counted noun (the noun the number modifies, or the
object of "of" after the quantity: "hundreds of thousands of people") as written, plus the
governing verb as a past participle when there is one ("people fled", "residents displaced").
Numbers inside DATE/TIME/MONEY/PERCENT/ORDINAL entities, ages, shares and identifiers are skipped.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..records import Analysis, Magnitude, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span as SpacySpan, Token

NAME = "factfinder.magnitudes.rules.v1"
REQUIRES: tuple[str, ...] = ()
ASSIGNS: tuple[str, ...] = ("magnitudes",)

DATA = Path(__file__).resolve().parents[1] / "ontology" / "magnitudes.json"
ARG_DEPS = {"nsubj", "nsubjpass", "dobj", "obj", "attr", "oprd"}
VERB_GAP = 3  # a verb this many tokens after the noun still belongs to the phrase ("people were arrested")


@functools.lru_cache(maxsize=1)
def table() -> dict[str, Any]:
    return json.loads(DATA.read_text(encoding="utf-8"))


def _alt(words: Any) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def pattern() -> re.Pattern[str]:
    t = table()
    word = _alt(t["number_words"])
    mult = _alt(t["multipliers"])
    digits = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    words = rf"(?:{word})(?:[- ](?:{word}))*"
    number = rf"(?:{digits}|{words})(?:\s+(?:{mult}))*"
    return re.compile(
        rf"(?<![\w$€£¥.,-])(?:(?P<qual>{_alt(t['qualifiers'])})\s+)?"
        rf"(?:(?P<vague>{_alt(t['vague'])})|(?P<num>{number}))(?![\w%])",
        re.IGNORECASE,
    )


@dataclass(frozen=True, slots=True)
class Figure:
    value: float
    qualifier: str | None
    lower_bound: bool


def parse_number(text: str) -> float | None:
    """'65,000' -> 65000, '1.2 million' -> 1.2e6, 'twenty-five' -> 25, 'a dozen' -> 12."""
    t = table()
    words = re.split(r"[\s-]+", text.strip().casefold())
    value, total = 0.0, 0.0
    i = 0
    while i < len(words):
        w = words[i]
        two = " ".join(words[i : i + 3]) if i + 2 < len(words) else None
        pair = " ".join(words[i : i + 2]) if i + 1 < len(words) else None
        if two and two in t["number_words"]:
            value += t["number_words"][two]
            i += 3
            continue
        if pair and pair in t["number_words"]:
            value += t["number_words"][pair]
            i += 2
            continue
        if re.fullmatch(r"[\d,]+(?:\.\d+)?", w):
            value += float(w.replace(",", ""))
        elif w in t["number_words"]:
            value += t["number_words"][w]
        elif w in t["multipliers"]:
            m = t["multipliers"][w]
            value = (value or 1) * m
            if m >= 1000:  # "two hundred thousand": close the group at thousand and above
                total, value = total + value, 0.0
        else:
            return None
        i += 1
    return total + value


def figure(match: re.Match[str]) -> Figure | None:
    t = table()
    qual = match.group("qual")
    if match.group("vague"):
        vague = match.group("vague").casefold()
        return Figure(float(t["vague"][vague]), (qual.casefold() + " " if qual else "") + vague, True)
    value = parse_number(match.group("num"))
    if value is None:
        return None
    q = qual.casefold() if qual else None
    return Figure(value, q, bool(q and t["qualifiers"].get(q)))


def _skipped(tokens: "SpacySpan", text: str, start: int, end: int) -> bool:
    t = table()
    if any(tok.ent_type_ in t["skip_ents"] for tok in tokens):
        return True
    after = text[end : end + 16].casefold().lstrip()
    if any(re.match(rf"{re.escape(s)}(?![a-z])", after) for s in t["skip_after"]) or re.match(
            r"-[a-z]", text[end : end + 2], re.I):
        return True
    before = text[max(0, start - 40) : start].casefold().rstrip()
    if any(re.search(rf"(?<![a-z]){re.escape(s)}$", before) for s in t["skip_before"]):
        return True
    if any(re.search(p, before) for p in t["skip_before_patterns"]):
        return True
    # A bare year-like number with nothing counted is a date the NER missed.
    return bool(re.fullmatch(r"1[89]\d\d|20\d\d", tokens.text.strip()))


def _phrase_head(tokens: "SpacySpan") -> "Token":
    return next((t for t in tokens if not (tokens.start <= t.head.i < tokens.end) or t.head == t), tokens.root)


def counted_noun(tokens: "SpacySpan") -> tuple["Token | None", "Token"]:
    """(noun counted, top token of the whole noun phrase) for a number phrase."""
    head = _phrase_head(tokens)
    if head.dep_ in ("nummod", "quantmod", "amod", "compound") and head.head.pos_ in ("NOUN", "PROPN") \
            and head.head.i >= tokens.end:
        return head.head, head.head
    tok = head
    while _is_quantity(tok):  # "hundreds of thousands of people": follow "of" while it counts
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if obj is None or obj.pos_ not in ("NOUN", "PROPN", "NUM"):
            return None, head
        tok = obj
    return (tok if tok is not head else None), head


def _is_quantity(tok: "Token") -> bool:
    t = table()
    word = tok.lower_
    return tok.like_num or word in t["multipliers"] or word in t["number_words"] or any(
        word in v.split() for v in t["vague"])


def participle(verb: "Token") -> str:
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
    if noun is not None:
        acl = next((c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"), None)
        if acl is not None:
            return acl
    if top.dep_ in ARG_DEPS and top.head.pos_ == "VERB" and top.head.lemma_.casefold() not in light:
        return top.head
    return None


def _unit(noun: "Token | None", verb: "Token | None") -> str | None:
    parts = []
    if noun is not None:
        compounds = [c.text for c in noun.lefts if c.dep_ == "compound" and c.pos_ == "NOUN"]
        parts.append(" ".join(compounds + [noun.text]))
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


def _not_a_count(doc: "Doc", tokens: "SpacySpan", m: re.Match[str]) -> bool:
    """Nothing counted and the number is a bare word ("one of them") or a label ("Regulation 45")."""
    if m.group("vague"):
        return False
    if not re.search(r"\d", m.group("num") or ""):
        return True
    prev = doc[tokens.start - 1] if tokens.start > 0 else None
    return prev is not None and prev.is_title and prev.pos_ in ("NOUN", "PROPN") and not m.group("qual")


def extract(doc: "Doc", report_id: str) -> list[Magnitude]:
    text = doc.text
    out: list[Magnitude] = []
    for m in pattern().finditer(text):
        if m.group("vague") and m.group("vague").casefold() == "some":
            continue
        num_start = m.start("vague") if m.group("vague") else m.start("num")
        tokens = doc.char_span(num_start, m.end(), alignment_mode="expand")
        if tokens is None or _skipped(tokens, text, m.start(), m.end()):
            continue
        fig = figure(m)
        if fig is None:
            continue
        noun, top = counted_noun(tokens)
        if noun is None and _not_a_count(doc, tokens, m):
            continue
        verb = governing_verb(noun, top)
        end = max(m.end(), _span_end(doc, tokens, noun, verb))
        out.append(Magnitude(span=Span(report_id, m.start(), end, text[m.start():end]), quantity=fig.value,
                             qualifier=fig.qualifier, unit=_unit(noun, verb), lower_bound=fig.lower_bound,
                             extractor=NAME))
    return out


def run(doc: "Doc", analysis: Analysis) -> Analysis:
    return dataclasses.replace(analysis, magnitudes=tuple(extract(doc, analysis.report.id)))
