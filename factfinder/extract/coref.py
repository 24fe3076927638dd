"""Coreference: what each pronoun, title, definite description and organisation-issued text refers to.

Computed once, right after entities, so every later stage (quotes, events, ...) reads the same
answer from ``Analysis.coref`` instead of resolving pronouns on its own.

One pass over the report in reading order keeps a list of discourse referents: every actor mention,
every other noun-phrase head (a "colleague", "the plan"), and every anaphor already resolved (so a
chain of "she ... she ..." keeps its referent salient). Each anaphor is resolved against it:

- personal pronouns: agreement in gender (honorifics, given names — the curated list, then a table
  derived from Faker's locales, ``given_names_gender.tsv`` —, surname endings, gendered role nouns,
  earlier pronouns; an honorific makes a person whatever kind the tagger gave the name) and number,
  then salience: sentence distance, subjects and main clauses first, parallel role, named actors over
  bare nouns, a relative clause's antecedent for a pronoun inside it ("X, which ... its"); non-reflexive
  objects never take their own clause's subject, nor that subject's actor named earlier ("X bought a
  mine. X sold it"); pleonastic "it" ("it is clear that") stays unresolved;
- titles ("the prosecutor", "the spokeswoman"): the last person holding that role, from the entities
  stage's roles or from appositives and relative clauses read here ("X, the pastor,", "X, who heads
  Y,"); a voice noun with its organisation ("a spokesman for Y", "Y's spokeswoman") speaks for Y;
- definite descriptions ("the ministry", "the group"): an organisation named inside the phrase ("the
  X rebel alliance"), else the last actor whose name holds the head noun or one of its synonyms, or an
  earlier phrase with that head and number, not a quantified one ("every team"; a noun in apposition
  to a name, "X, a charity that ...", is a mention of X), failing that the last actor of a compatible
  kind or sector; plural people ("the rebels") follow a name holding the word or a synonym, or an
  earlier name the word modified in lower case ("the X rebel group", "the militant group X"; a word of
  the name is not: "the X Port Authority" is not "the port"), and are never guessed by kind; a
  synonym listed in its plural form ("forces" for "the army") crosses number, after any phrase of the
  description's own number, and the singular description then makes the chain an "it";
- "he added"/"she reiterated": the last speaker, even past a person named in between;
- issued texts ("the statement said", "in a release", "a statement from X", "a ministry statement"):
  the owner, the author named by from/by or by a description word before it, the subject of the verb
  it is attached to, or the last issuer of such a text;
- the dateline: marked, never an antecedent, and the phrase the parser hangs on it is the subject;
- a description's naming modifier must fit ("the Syrian team" is not "the Afghan team"), and of
  several earlier phrases with its head one in its own paragraph wins, then the most mentioned (on
  the GUM tune half, ranking by distance alone instead loses 6 of 30 right descriptions; the paragraph
  rule changes none);
- a name the tagger called a person that nothing shows to be one may be an "it" ("Dredger X").

Word lists live in ``ontology/coref.json``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from ..ontology import load as load_table
from ..records import Actor, Analysis, CorefLink, Span
from .places import dateline_end

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

NAME = "factfinder.coref.rules.v9"
REQUIRES = ("mentions", "actors")
ASSIGNS = ("coref",)

_SUBJ = ("nsubj", "nsubjpass", "csubj")
_NP_DEPS = ("nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "conj", "dative", "oprd", "npadvmod", "ROOT")
_ORG_KINDS = ("organization", "organisation", "igo", "state-government", "government", "state")
_MARKS = "\"“”„«»"
_WINDOW = 3  # sentences back a pronoun looks
_DESC_WINDOW = 12  # sentences back a description looks


@dataclass(frozen=True)
class Lexicon:
    pronouns: dict[str, str]
    reflexives: frozenset[str]
    possessives: frozenset[str]
    pleonastic_heads: frozenset[str]
    honorifics: dict[str, str]
    given_names: dict[str, str]
    name_genders: dict[str, str]  # derived from Faker's locales (given_names_gender.tsv); given_names outrank it
    surname_suffixes: tuple[tuple[str, str], ...]  # longest first
    gendered_nouns: dict[str, str]
    person_nouns: frozenset[str]
    collective_nouns: frozenset[str]
    kinship: frozenset[str]
    voice_nouns: frozenset[str]
    head_verbs: dict[str, tuple[str, ...]]
    descriptions: dict[str, dict[str, tuple[str, ...]]]
    issued_nouns: frozenset[str]
    issue_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    issued_preps: frozenset[str]
    channel_nouns: frozenset[str]
    source_preps: frozenset[str]
    voice_preps: frozenset[str]
    named_modifier_kinds: frozenset[str]
    continuation_verbs: frozenset[str]
    framed_continuations: frozenset[str]
    speaking_nouns: frozenset[str]
    definite_determiners: frozenset[str]
    quantifying_words: frozenset[str]
    person_titles: frozenset[str]


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load ontology/coref.json once."""
    raw: dict[str, Any] = load_table("coref")

    def by_value(table: dict[str, list[str]]) -> dict[str, str]:
        return {w: g for g, ws in table.items() for w in ws}

    suffixes = sorted(((s, g) for g, ss in raw["surname_suffixes"].items() for s in ss), key=lambda x: -len(x[0]))
    return Lexicon(
        pronouns=by_value(raw["pronouns"]),
        reflexives=frozenset(raw["reflexives"]),
        possessives=frozenset(raw["possessives"]),
        pleonastic_heads=frozenset(raw["pleonastic_heads"]),
        honorifics=by_value(raw["honorifics"]),
        given_names=by_value(raw["given_names"]),
        name_genders=_name_genders(),
        surname_suffixes=tuple(suffixes),
        gendered_nouns=by_value(raw["gendered_nouns"]),
        person_nouns=frozenset(raw["person_nouns"]),
        collective_nouns=frozenset(raw["collective_nouns"]),
        kinship=frozenset(raw["kinship"]),
        voice_nouns=frozenset(raw["voice_nouns"]),
        head_verbs={k: tuple(v) for k, v in raw["head_verbs"].items()},
        descriptions={k: {f: tuple(v.get(f, ())) for f in ("names", "kinds", "sectors")}
                      for k, v in raw["descriptions"].items()},
        issued_nouns=frozenset(raw["issued_nouns"]),
        issue_verbs=frozenset(raw["issue_verbs"]),
        speech_verbs=frozenset(raw["speech_verbs"]),
        issued_preps=frozenset(raw["issued_preps"]),
        channel_nouns=frozenset(raw["channel_nouns"]),
        source_preps=frozenset(raw["source_preps"]),
        voice_preps=frozenset(raw["voice_preps"]),
        named_modifier_kinds=frozenset(raw["named_modifier_kinds"]),
        continuation_verbs=frozenset(raw["continuation_verbs"]),
        framed_continuations=frozenset(raw["framed_continuations"]),
        speaking_nouns=frozenset(raw["speaking_nouns"]),
        definite_determiners=frozenset(raw["definite_determiners"]),
        quantifying_words=frozenset(raw["quantifying_words"]),
        person_titles=frozenset(raw["person_titles"]),
    )


def _name_genders() -> dict[str, str]:
    """ontology/given_names_gender.tsv (scripts/given-names-gender): a given name and the gender the
    locales that list it agree on. Read only for people already known to be people: a place or a body
    whose name opens with such a word ("Victoria Falls") is not made a person by it."""
    from ..ontology import load_text

    out: dict[str, str] = {}
    for line in load_text("given_names_gender.tsv").splitlines():
        if line and not line.startswith("#"):
            name, _, gender = line.partition("\t")
            out[name] = gender
    return out


def _given_name_gender(lex: Lexicon, word: str) -> str | None:
    """The gender a person's given name gives: the curated list first, then the derived table."""
    word = word.lower()
    return lex.given_names.get(word) or lex.name_genders.get(word)


# ---------------------------------------------------------------------------------------------
# Referents


@dataclass(slots=True)
class Referent:
    """Something a later anaphor may point back to."""

    start: int
    end: int
    sent: int
    tok: int  # index of the head token
    actor_id: str | None
    category: str  # person/org/plural/thing
    gender: str | None  # male/female/None
    role: str  # subj/obj/other
    main: bool
    kind: str = ""  # the actor's kind, or "collective" for a noun like "team" (it or they)
    speaker: bool = False  # subject of a speech verb: "he said" most often continues the last speaker


@dataclass
class _State:
    doc: "Doc"
    analysis: Analysis
    lex: Lexicon
    actors: dict[str, Actor]
    spans: list[tuple[int, int, Actor]]  # actor mention spans, narrowest first
    sent_of: dict[int, int]  # token index -> sentence number
    dl_end: int
    quoted: list[tuple[int, int]]
    gender: dict[str, str] = field(default_factory=dict)  # actor id -> male/female
    titles: dict[str, set[str]] = field(default_factory=dict)  # actor id -> role nouns it holds
    voice_of: dict[str, str] = field(default_factory=dict)  # person actor id -> organisation actor id
    referents: list[Referent] = field(default_factory=list)
    issuers: list[tuple[int, str, str]] = field(default_factory=list)  # (pos, noun lemma, actor id)
    links: dict[int, CorefLink] = field(default_factory=dict)  # head token index -> link
    voices: dict[str, str] = field(default_factory=dict)  # voice noun -> organisation of the last unnamed one
    voice_sent: dict[str, int] = field(default_factory=dict)  # voice noun -> sentence of that one
    sent_starts: list[int] = field(default_factory=list)  # char offset of each sentence (doc.sents is rebuilt per read)
    text: str = ""  # doc.text, read once (spaCy joins every token's text on each read)

    def actor_at(self, start: int, end: int) -> Actor | None:
        if start < self.dl_end:
            return None  # the dateline's place, glued by the parser to the first subject, is nobody's antecedent
        for s, e, actor in self.spans:
            if s <= start and end <= e:
                return actor
        return None

    def span(self, start: int, end: int) -> Span:
        text = self.analysis.report.text
        return Span(self.analysis.report.id, start, end, text[start:end])

    def in_quote(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.quoted)


def _tok_end(tok: "Token") -> int:
    return tok.idx + len(tok.text)


def _lemma(tok: "Token") -> str:
    return tok.lemma_.lower()


def _quoted_ranges(text: str) -> list[tuple[int, int]]:
    from .quotes import find_marked

    return [(m.open, m.close + 1) for m in find_marked(text)]


def _category(actor: Actor) -> str:
    if actor.kind == "person":
        return "person"
    if actor.kind == "group":
        return "plural"
    if actor.kind in _ORG_KINDS:
        return "org"
    return "thing"


def _role(tok: "Token") -> str:
    if tok.dep_ in _SUBJ:
        return "subj"
    if tok.dep_ in ("dobj", "dative", "attr"):
        return "obj"
    return "other"


def _slot(st: "_State", tok: "Token") -> tuple[str, bool]:
    """A phrase's grammatical role and whether it is in the main clause. The first phrase after the
    dateline, which the parser hangs on the dateline ("KYIV — Police detained ..." with "Police" an
    appositive of "KYIV"), is the opening sentence's subject."""
    if tok.dep_ == "appos" and tok.head.idx < st.dl_end:
        return "subj", True
    return _role(tok), _is_main(tok)


def _is_main(tok: "Token") -> bool:
    head = tok.head
    while head.dep_ in ("conj",) and head.head is not head:
        head = head.head
    return head.dep_ == "ROOT"


def _actor_gender(st: _State, actor: Actor, derived: bool = True) -> str | None:
    """Gender of a person from what the report says about them; None when it does not say. ``derived``:
    the given-name table derived from Faker counts too (it genders a person, but does not show that a
    name is one: storms and ships bear given names)."""
    if actor.id in st.gender:
        return st.gender[actor.id]
    lex = st.lex
    text = st.analysis.report.text
    for sp in actor.mentions:
        before = text[max(0, sp.start - 14):sp.start].split()
        if before and before[-1].lower().rstrip(".") in {h.rstrip(".") for h in lex.honorifics}:
            word = before[-1].lower()
            return lex.honorifics.get(word) or lex.honorifics.get(word.rstrip("."))
        first = sp.text.split()[0].lower().rstrip(".") if sp.text.split() else ""
        if first in lex.honorifics:
            return lex.honorifics[first]
    for title in sorted(st.titles.get(actor.id, ())):  # read here from appositives: "X, the spokeswoman,"
        if title in lex.gendered_nouns:
            return lex.gendered_nouns[title]
    words = [w for w in re.split(r"[\s]+", actor.canonical) if w]
    if words and (g := _given_name_gender(lex, words[0]) if derived else lex.given_names.get(words[0].lower())):
        return g
    if len(words) > 1:
        last = words[-1].lower()
        for suffix, g in lex.surname_suffixes:
            if last.endswith(suffix) and len(last) > len(suffix) + 2:
                return g
    for role in actor.roles:  # the entities stage's roles last, kinship aside: "his mother, X" can land there
        word = _role_head(role) if role.split() else ""
        if word in lex.gendered_nouns and word not in lex.kinship:
            return lex.gendered_nouns[word]
    return None


def _named_person(st: _State, tok: "Token") -> str | None:
    """A name marked as a person's by an honorific or a known given name before it ("Ms Jana Bank",
    "Mr Karl Lake"): the gender, "" when the honorific has none, None when nothing marks it. This
    outranks what the name's last word suggests (a bank, a lake) and what the tagger said."""
    names = [t for t in tok.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
    for t in names + [tok.doc[tok.i - len(names) - 1]] if tok.i - len(names) > 0 else names:
        word = t.lower_.rstrip(".")
        if word in st.lex.honorifics or word + "." in st.lex.honorifics:
            return st.lex.honorifics.get(word) or st.lex.honorifics.get(word + ".") or ""
    if names and names[0].lower_ in st.lex.given_names:
        return st.lex.given_names[names[0].lower_]
    return None


def _untagged_person(st: _State, tok: "Token") -> str | None:
    """A name the tagger missed that is a person's: after an honorific or a known given name, or the
    subject of a speech verb. Returns the gender ("" when unknown), None when it is not a person."""
    named = _named_person(st, tok)
    if named is not None:
        return named
    if tok.dep_ == "nsubj" and _lemma(tok.head) in st.lex.speech_verbs:
        return ""
    return None


def _honorific_gender(st: _State, actor: Actor) -> str | None:
    """The gender an honorific before one of the actor's mentions gives ("" when it gives none), None
    when no mention has one: "Ms Jana Bank" is a woman whatever kind the tagger gave the name."""
    text = st.analysis.report.text
    for sp in actor.mentions:
        before = text[max(0, sp.start - 14):sp.start].split()
        for word in ([before[-1]] if before else []) + sp.text.split()[:1]:
            word = word.lower()
            if word.rstrip(".") in st.lex.kinship:
                continue  # "the Sister Cities Fund": a kinship title is also a word of names
            g = st.lex.honorifics.get(word, st.lex.honorifics.get(word.rstrip(".")))
            if g is not None:
                return g
    return None


def _referent_for_actor(st: _State, actor: Actor, start: int, end: int, head: "Token") -> Referent:
    span = st.doc.char_span(start, end, alignment_mode="expand")
    if span is not None and len(span) and span.root.i != head.i and span.start <= head.i < span.end:
        head = span.root  # "spokeswoman, Jane Doe, told": the phrase's role is its root's
    cat = _category(actor)
    if cat != "person" and any(c.dep_ == "appos" and c.like_num for c in head.children):
        cat = "person"  # "Jane Doe, 52,": an age in apposition makes a person, whatever the tagger said
    if cat != "person" and _honorific_gender(st, actor) is not None:
        cat = "person"  # "Ms Jana Bank", "Mr Karl Lake": the honorific outranks the tagger's kind
    gender = _actor_gender(st, actor) if cat == "person" else None
    return Referent(start, end, st.sent_of[head.i], head.i, actor.id, cat, gender, *_slot(st, head),
                    actor.kind)


def _noun_referent(st: _State, tok: "Token") -> Referent | None:
    """A noun-phrase head that names no actor: "a colleague", "the plan", "residents"."""
    if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ not in _NP_DEPS:
        return None
    if tok.ent_type_ in ("DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"):
        return None  # "last month, its 39th mission": times and amounts are not what pronouns name
    lemma = _lemma(tok)
    if tok.tag_ in ("NNS", "NNPS"):
        cat, gender = "plural", None
    elif lemma in st.lex.person_nouns or lemma in st.lex.gendered_nouns:
        cat, gender = "person", st.lex.gendered_nouns.get(lemma)
    elif tok.pos_ == "PROPN" and (person := _named_person(st, tok)) is not None:
        cat, gender = "person", person or None  # before the name's last word: "Ms Jana Bank" is no bank
    elif lemma in st.lex.collective_nouns:  # "the team ... they", "the team ... its"
        cat, gender = "org", None
    elif lemma in st.lex.descriptions:  # "Norway's coast guard": an organisation, not a thing
        cat, gender = "org", None
    elif tok.ent_type_ == "PERSON":  # a name the entities stage left out
        cat, gender = "person", _given_gender(st, tok)
    elif tok.pos_ == "PROPN" and (person := _untagged_person(st, tok)) is not None:
        cat, gender = "person", person or None
    else:
        cat, gender = "thing", None
    left = [t for t in tok.lefts if t.dep_ in ("det", "amod", "compound", "nummod", "poss")]
    start = min([tok.idx] + [t.idx for t in left])
    kind = "collective" if lemma in st.lex.collective_nouns else ""
    return Referent(start, _tok_end(tok), st.sent_of[tok.i], tok.i, None, cat, gender, *_slot(st, tok),
                    kind)


def _with_apposed_actor(st: _State, ref: Referent, tok: "Token") -> Referent:
    """"the Orvan Relief Fund, a charity that ...": a noun in apposition to a name is a mention of
    that name's actor, so "the charity" later finds the actor, not a bare phrase."""
    actor = st.actor_at(tok.head.idx, _tok_end(tok.head)) if tok.dep_ == "appos" else None
    if actor is None and tok.dep_ == "appos":
        actor = _name_before_comma(st, tok)
    if actor is None:
        actor = next((a for c in tok.children if c.dep_ == "appos" and c.i > tok.i
                      and (a := st.actor_at(c.idx, _tok_end(c))) is not None), None)
    if actor is None or ref.category == "thing":
        return ref
    if (actor.kind == "person") != (ref.category == "person"):
        return ref  # "Jon Doe, a company": the tagger's slip, not a mention of one referent
    return replace(ref, actor_id=actor.id, kind=actor.kind)


def word_before_appositive(tok: "Token") -> "Token | None":
    """"... by the Halvor Front (HF), the rebels' political wing, which said": the last word before the
    comma that opens ``tok``'s phrase, which that appositive describes wherever the parser hung it
    (shared with the quotes stage, which looks the word up in its own actor index)."""
    doc = tok.doc
    first = next((t for t in tok.subtree if not t.is_punct), None)
    if first is None:
        return None
    k = first.i - 1
    if k < 0 or doc[k].text != ",":
        return None
    while k >= 0 and doc[k].is_punct:
        k -= 1
    return doc[k] if k >= 0 else None


def _name_before_comma(st: _State, tok: "Token") -> Actor | None:
    """The body an appositive set off by a comma describes (``word_before_appositive``); never a person or place."""
    word = word_before_appositive(tok)
    actor = st.actor_at(word.idx, _tok_end(word)) if word is not None else None
    return actor if actor is not None and actor.kind not in ("person", "location") else None


def _given_gender(st: _State, tok: "Token") -> str | None:
    names = [t for t in tok.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
    return _given_name_gender(st.lex, names[0].lower_) if names else None


# ---------------------------------------------------------------------------------------------
# Learning roles from appositives and relative clauses


def _learn_roles(st: _State) -> None:
    """"X, the pastor," / "the spokeswoman, X," / "spokesman X" / "X, who heads Y,": X holds the
    role, and speaks for Y when the role is a voice noun."""
    for tok in st.doc:
        if tok.pos_ != "NOUN":
            continue
        lemma = _lemma(tok)
        if lemma not in st.lex.person_nouns:
            continue
        person = None
        if tok.dep_ == "appos":
            person = st.actor_at(tok.head.idx, _tok_end(tok.head))
        if person is None:
            for child in tok.children:
                if child.dep_ in ("appos", "compound") and child.i > tok.i or child.dep_ == "appos":
                    person = st.actor_at(child.idx, _tok_end(child))
                    if person is not None:
                        break
        if person is None and tok.dep_ == "compound" and tok.head.pos_ == "PROPN":
            person = st.actor_at(tok.head.idx, _tok_end(tok.head))  # "spokesman Jon Doe"
        if person is None or person.kind != "person":
            continue
        st.titles.setdefault(person.id, set()).add(lemma)
        org = _organisation_of(st, tok)
        if org is not None and org.id != person.id:
            st.voice_of.setdefault(person.id, org.id)
    text = st.analysis.report.text
    for actor in st.actors.values():  # "Inspector X ... the inspector said": a title written before the name
        if actor.kind in _ORG_KINDS:
            continue  # a person's title before any other kind of name makes it a person's (person_titles)
        for sp in actor.mentions:
            line = text[text.rfind("\n", 0, sp.start) + 1:sp.start].split()
            for word in ([line[-1]] if line else []) + sp.text.split()[:1]:
                word = word.lower()
                if word in st.lex.person_titles and word in st.lex.person_nouns:
                    st.titles.setdefault(actor.id, set()).add(word)
    for tok in st.doc:  # X, who heads Y,
        if tok.dep_ != "relcl" or _lemma(tok) not in st.lex.head_verbs:
            continue
        person = st.actor_at(tok.head.idx, _tok_end(tok.head))
        if person is None or person.kind != "person":
            continue
        st.titles.setdefault(person.id, set()).update(st.lex.head_verbs[_lemma(tok)])
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        org = st.actor_at(obj.idx, _tok_end(obj)) if obj is not None else None
        if org is not None:
            st.voice_of.setdefault(person.id, org.id)


def _named_by_word(st: _State, tok: "Token") -> Actor | None:
    """The last organisation whose name holds a description word or its synonyms ("ministry" -> the
    Orvan Health Ministry named before), as "the ministry" would find it."""
    table = st.lex.descriptions.get(_lemma(tok))
    if table is None:
        return None
    own, synonyms = {_lemma(tok), tok.lower_}, set(table["names"])
    return _last_actor(st, tok.idx, lambda a: _named_by(a, own, synonyms), _DESC_WINDOW, st.sent_of[tok.i])


def _organisation_of(st: _State, tok: "Token") -> Actor | None:
    """The organisation a role noun belongs to: "Y's spokesman", "a Y spokesman", "spokesman for Y"."""
    for child in tok.children:
        if child.dep_ == "poss" or (child.dep_ in ("compound", "amod", "nmod") and child.i < tok.i):
            actor = st.actor_at(child.idx, _tok_end(child))
            if actor is None and child.dep_ == "poss":
                link = st.links.get(child.i)
                actor = st.actors.get(link.antecedent_actor_id or "") if link else None
            if actor is None and child.dep_ == "compound" and child.pos_ == "NOUN":
                actor = _named_by_word(st, child)  # "a ministry spokesman": the ministry named before
            if actor is not None and actor.kind != "person":
                return actor
        if child.dep_ == "prep" and _lemma(child) in st.lex.voice_preps:
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                actor = st.actor_at(pobj.idx, _tok_end(pobj))
                if actor is None:
                    # "a spokesperson for the authority": the description after the voice noun is read
                    # later in reading order, so it is resolved here
                    link = st.links.get(pobj.i) or (_description_link(st, pobj) if pobj.pos_ == "NOUN" else None)
                    actor = st.actors.get(link.antecedent_actor_id or "") if link else None
                if actor is not None and actor.kind != "person":
                    return actor
    return None


# ---------------------------------------------------------------------------------------------
# Pronouns


def _pleonastic(tok: "Token", lex: Lexicon) -> bool:
    """"It is clear that ...", "it seems", "it took years to ...": an empty subject."""
    if tok.lower_ != "it" or tok.dep_ not in ("nsubj", "expl", "nsubjpass"):
        return tok.dep_ == "expl"
    head = tok.head
    if _lemma(head) not in lex.pleonastic_heads:
        return False
    kids = {c.dep_ for c in head.children}
    if kids & {"ccomp", "xcomp", "csubj"}:
        return True
    return any(c.dep_ == "acomp" and any(g.dep_ in ("xcomp", "ccomp") for g in c.children) for c in head.children)


def _compatible(ref: Referent, want: str) -> bool:
    if want in ("male", "female"):
        return ref.category == "person" and ref.gender in (None, want)
    if want == "neuter":
        return ref.category in ("org", "thing")
    return ref.category == "plural" or (ref.category == "org" and ref.kind != "state")


def _in_relative_clause(tok: "Token", cand: "Token") -> bool:
    """"The Meridian, which is being readied for its last voyage": the pronoun sits in a relative clause
    of the candidate, whose relative pronoun stands for it."""
    return _relative_pronoun(tok, cand) is not None


def _relative_pronoun(tok: "Token", cand: "Token") -> "Token | None":
    """The relative pronoun ("which", "who", "that") of the relative clause of ``cand`` that holds the
    pronoun ``tok``, or the clause's verb when it has none; None when ``tok`` is in no such clause."""
    for anc in tok.ancestors:
        if anc.dep_ == "relcl" and anc.head.i == cand.i:
            rel = next((c for c in anc.children if c.tag_ in ("WDT", "WP", "WP$")
                        or (c.lower_ == "that" and c.dep_ in _SUBJ)), None)
            return rel if rel is not None else anc
        if anc.i == cand.i:
            return None
    return None


def _inside_phrase(tok: "Token", cand: "Token") -> bool:
    """The pronoun is part of the candidate's phrase ("his brother", "a photo of it", "the times they
    met"): a phrase never contains its own antecedent."""
    return any(anc.i == cand.i for anc in (tok, *tok.ancestors))


def _binds(tok: "Token", ref: Referent, doc: "Doc", lex: Lexicon) -> bool:
    """Binding: a non-reflexive object pronoun is never its own clause's subject ("she thanked her");
    a reflexive is ("he defended himself"); nothing refers to a phrase that contains it."""
    cand = doc[ref.tok]
    if ref.actor_id is None and _inside_phrase(tok, cand):
        return False  # "his brother": not the phrase the pronoun sits in
    if any(a.dep_ == "appos" and a.head.i == cand.i for a in tok.ancestors):
        return False  # "Brightline, its main rival": not the name its own appositive describes
    if tok.lower_ in lex.reflexives:
        return cand.head == tok.head and cand.dep_ in _SUBJ
    if tok.lower_ in lex.possessives and not (tok.tag_ == "PRP" and tok.dep_ in ("dobj", "dative", "pobj")):
        return True  # "her" is a possessive only before a noun: "thanked her mother", not "thanked her"
    if tok.dep_ in _SUBJ and cand.dep_ == "pobj" and cand.head.head == tok.head and cand.head.dep_ == "prep":
        return False  # "In a statement, it said": the verb's own adjunct is not its subject
    if tok.dep_ in ("dobj", "dative", "pobj") and cand.dep_ in _SUBJ:
        verb = tok.head.head if tok.dep_ == "pobj" else tok.head
        return cand.head != verb
    return True


def _speaks(tok: "Token", lex: Lexicon) -> bool:
    """The pronoun is the subject of a speech verb: "it said", "they told", "she continued: “...”"."""
    return tok.dep_ == "nsubj" and (_lemma(tok.head) in lex.speech_verbs or _framed_continuation(tok.head, lex))


def _framed_continuation(verb: "Token", lex: Lexicon) -> bool:
    """"She continued: ...", "he went on, ...": the verb goes on with speech only before a colon or comma."""
    if _lemma(verb) not in lex.framed_continuations:
        return False
    doc = verb.doc
    k = verb.i + 1
    while k < len(doc) and doc[k].dep_ == "prt":
        k += 1
    return k < len(doc) and doc[k].text in ":,"


def _score(tok: "Token", ref: Referent, here: int, want: str, st: _State) -> float:
    d = here - ref.sent
    score = -1.0 * d
    if ref.role == "subj":
        score += 0.8 + (0.3 if ref.main else 0.0)
    elif ref.role == "obj":
        score += 0.3
    if ref.role == "subj" and tok.dep_ in _SUBJ:
        score += 0.2
    if ref.actor_id is not None:
        score += 0.4
    if ref.speaker and _speaks(tok, st.lex):
        score += 0.6  # speaker continuity: "..., said X. ... he said"
        if _lemma(tok.head) in st.lex.continuation_verbs or _framed_continuation(tok.head, st.lex):
            score += 1.5  # "he added" presupposes an earlier utterance of the same speaker
    if want in ("male", "female") and ref.gender == want:
        score += 0.5
    if want == "plural" and ref.category == "org" and ref.kind != "collective":
        score -= 0.6  # "they" for an organisation is rarer than for people or forces
    if d == 0:
        score += 0.05 * (ref.tok - tok.i) / max(1, len(tok.sent))  # nearer is a little better
        rel = _relative_pronoun(tok, st.doc[ref.tok])
        if rel is not None:
            score += 1.0  # the relative pronoun's antecedent is the clause's own subject
            if rel.dep_ in _SUBJ:
                score += 0.6  # ... and it is the subject: "X, which is being readied for its voyage"
    if st.in_quote(tok.idx) != st.in_quote(ref.start):
        score -= 0.3
    return score


def _resolve_pronoun(st: _State, tok: "Token") -> CorefLink:
    lex = st.lex
    want = lex.pronouns[tok.lower_]
    span = st.span(tok.idx, _tok_end(tok))
    if want == "neuter" and _pleonastic(tok, lex):
        return CorefLink(span, None, "pronoun", "pleonastic it", None, NAME)
    here = st.sent_of[tok.i]
    cata = _cataphor(st, tok, want)
    if cata is not None:
        return _link_to(st, span, "pronoun", cata, f"cataphora: subject after a fronted {tok.lower_}")
    best = _best(st, tok, want, here, _WINDOW, named_only=False)
    if best is None and want in ("male", "female"):  # a person named long before: named people only
        best = _best(st, tok, want, here, 10**6, named_only=True)
    if best is None:
        return CorefLink(span, None, "pronoun", f"no {want} antecedent within {_WINDOW} sentences", None, NAME)
    ref = best[1]
    where = "same sentence" if ref.sent == here else f"{here - ref.sent} sentence(s) back"
    return _link_to(st, span, "pronoun", ref, f"{want}, {ref.role} {where}")


def _best(st: _State, tok: "Token", want: str, here: int, window: int,
          named_only: bool) -> tuple[float, Referent] | None:
    best: tuple[float, Referent] | None = None
    bound = _clause_subject_actors(st, tok)
    for ref in st.referents:
        if ref.start >= tok.idx or here - ref.sent > window or (named_only and ref.actor_id is None):
            continue
        weak = want == "neuter" and _unproven_person(st, ref)
        # "Dredger X, which is being fitted for its first season": "which" shows a thing
        rel = _relative_pronoun(tok, st.doc[ref.tok]) if weak else None
        shown = rel is not None and rel.lower_ in ("which", "that")
        if not (_compatible(ref, want) or weak) or not _binds(tok, ref, st.doc, st.lex):
            continue
        if _speaks(tok, st.lex) and not _can_speak(st, ref):
            continue  # a speaker is someone, or a text that speaks ("the report said")
        if ref.actor_id is not None and ref.actor_id in bound:
            continue  # "X bought the mine. X sold it": an object is not its own clause's subject, named again
        s = _score(tok, ref, here, want, st) - (1.0 if weak and not shown else 0.0)
        if best is None or s > best[0] or (s == best[0] and ref.start > best[1].start):
            best = (s, ref)
    return best


def _clause_subject_actors(st: _State, tok: "Token") -> set[str]:
    """The actors a non-reflexive object pronoun cannot be: its own clause's subject, whichever earlier
    mention of that actor it is matched with ("Kessa Mining bought a mine. Kessa Mining sold it": not
    the company; "Rostek thanked her": not Rostek)."""
    lex = st.lex
    if tok.lower_ in lex.reflexives or tok.dep_ not in ("dobj", "dative", "pobj") or tok.tag_ != "PRP":
        return set()
    verb = tok.head
    if tok.dep_ == "pobj":
        if verb.dep_ != "prep":
            return set()
        verb = verb.head
    out: set[str] = set()
    for subj in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
        actor = st.actor_at(subj.idx, _tok_end(subj))
        link = st.links.get(subj.i)
        aid = actor.id if actor is not None else (link.antecedent_actor_id if link is not None else None)
        if aid:
            out.add(aid)
    return out


def _unproven_person(st: _State, ref: Referent) -> bool:
    """A name the tagger called a person that nothing in the report shows to be one: no honorific,
    given name or gendered word, no role or title, never a speaker, never a he or she. "Dredger
    Orla Brant ... when it sailed", "the Marisa Glacier ... its edge": such a name may be an "it"."""
    actor = st.actors.get(ref.actor_id or "")
    if actor is None or ref.category != "person" or actor.kind != "person":
        return False
    if st.gender.get(actor.id) or _actor_gender(st, actor, derived=False) or actor.roles or st.titles.get(actor.id):
        return False
    if _titled(st, actor):
        return False
    tok = st.doc[ref.tok]  # "X and Y, both reporters": a person beside other people is one
    near = [c for c in tok.children if c.dep_ in ("conj", "appos")] + ([tok.head] if tok.dep_ == "conj" else [])
    if any(_animacy(st, t) == "person" for t in near):
        return False
    return not any(r.speaker for r in st.referents if r.actor_id == actor.id)


def _role_head(role: str) -> str:
    """The noun a role is: its last word, or the word before "of" ("director of the housing agency" is a
    director, "sister of the minister" a sister, not a minister)."""
    words = role.lower().split(" of ")[0].split()
    return words[-1] if words else ""


def _titled(st: _State, actor: Actor) -> bool:
    """A title before a mention ("Dr X", "Gen. X") or in apposition ("X, the surgeon,") shows a person."""
    text = st.analysis.report.text
    for sp in actor.mentions:
        before = text[max(0, sp.start - 16):sp.start].split()
        words = ([before[-1].lower()] if before else []) + [w.lower() for w in sp.text.split()[:1]]
        if any(w in st.lex.person_titles or w.rstrip(".") in st.lex.person_titles for w in words):
            return True
        span = st.doc.char_span(sp.start, sp.end, alignment_mode="expand")
        if span is not None and len(span) and any(
                c.dep_ == "appos" and c.pos_ == "NOUN" and c.tag_ == "NN" for c in span.root.children):
            return True
    return False


def _can_speak(st: _State, ref: Referent) -> bool:
    """Things do not speak, whether one or many: "they said" is not "two laptops" but people, a named
    group or organisation, or texts ("the reports said")."""
    if ref.category not in ("thing", "plural") or ref.actor_id is not None:
        return True
    lemma = _lemma(st.doc[ref.tok])
    lex = st.lex
    if ref.category == "plural" and (st.doc[ref.tok].pos_ == "PROPN" or lemma in lex.person_nouns
                                     or lemma in lex.collective_nouns or lemma in lex.descriptions):
        return True
    return lemma in lex.issued_nouns or lemma in lex.speaking_nouns or st.doc[ref.tok].lower_ in lex.speaking_nouns


def _cataphor(st: _State, tok: "Token", want: str) -> Referent | None:
    """"In its statement, the ministry said": a possessive in a phrase fronted before the subject."""
    if tok.lower_ not in st.lex.possessives:
        return None
    verb = tok.sent.root
    subj = next((c for c in verb.children if c.dep_ in _SUBJ), None)
    if subj is None or subj.i <= tok.i:
        return None
    anc = [a for a in tok.ancestors]
    if not any(a.dep_ in ("prep", "advcl", "npadvmod") and a.head == verb and a.i < subj.i for a in anc):
        return None
    actor = st.actor_at(subj.idx, _tok_end(subj))
    link = st.links.get(subj.i)
    if actor is None and link is None:
        desc = _description_link(st, subj)
        if desc is not None and desc.antecedent_actor_id:
            actor = st.actors.get(desc.antecedent_actor_id)
    if actor is None and link is not None and link.antecedent_actor_id:
        actor = st.actors.get(link.antecedent_actor_id)
    if actor is None:
        return None
    ref = _referent_for_actor(st, actor, subj.idx, _tok_end(subj), subj)
    return ref if _compatible(ref, want) else None


def _link_to(st: _State, span: Span, kind: str, ref: Referent, reason: str) -> CorefLink:
    ante = st.span(ref.start, ref.end)
    if ref.actor_id is None:
        reason += "; the antecedent names no actor"
    return CorefLink(span, ref.actor_id, kind, reason, ante, NAME)


# ---------------------------------------------------------------------------------------------
# Titles, descriptions, issued texts


def _definite(tok: "Token") -> bool:
    dets = lexicon().definite_determiners
    return any(c.dep_ == "det" and c.lower_ in dets for c in tok.children)


def _np_start(st: _State, tok: "Token") -> int:
    left = [t for t in tok.lefts if t.dep_ in ("det", "amod", "compound", "nummod", "poss", "nmod")]
    start = min([tok.idx] + [min(x.idx for x in t.subtree) for t in left])
    par = st.text.rfind("\n", 0, tok.idx) + 1
    return max(start, par)  # the parser can hang a heading's last word on the next paragraph's name


def _naming_modifiers(tok: "Token") -> list["Token"]:
    """Capitalised modifiers that say which one a phrase is: "the Afghan team", "the Orvan ministry"."""
    return [c for c in tok.children if c.dep_ in ("amod", "compound", "nmod") and c.i < tok.i
            and c.text[:1].isupper() and c.pos_ in ("PROPN", "ADJ")]


def _same_word(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    n = min(len(a), len(b))
    return a == b or (n >= 4 and a[:n - 1] == b[:n - 1])  # "Afghan" ~ "Afghanistan"


def _modifiers_clash(st: _State, tok: "Token", ante: "Token | None", actor: Actor | None) -> bool:
    """A description whose naming modifier another antecedent lacks is about another one: "the Syrian
    team" is not "the Afghan team" named before, nor the actor "Team Estonia". A modifier that is an
    actor's name ("Afghan" for Afghanistan) also fits an actor of that actor's country."""
    mods = _naming_modifiers(tok)
    if not mods:
        return False
    if ante is not None:
        theirs = _naming_modifiers(ante) + ([ante] if ante.pos_ == "PROPN" else [])
        words = [t.text for t in theirs]
    else:
        words = []
    if actor is not None:
        words += [w for name in _names(actor) for w in re.findall(r"[\w-]+", name)]
    if not words and actor is None:
        return False  # "the Afghan team" after "a team": the later phrase may add what the first left out
    for m in mods:
        if any(_same_word(m.text, w) for w in words):
            continue
        named = st.actor_at(m.idx, _tok_end(m))
        if actor is not None and named is not None and named.country and named.country == actor.country:
            continue
        if named is not None or ante is not None:
            return True
    return False


def _last_actor(st: _State, pos: int, pred: Any, window: int, here: int) -> Actor | None:
    """The actor with the latest mention before ``pos`` (within ``window`` sentences) that ``pred`` accepts."""
    best: tuple[int, Actor] | None = None
    sent_starts = st.sent_starts
    lo_sent = max(0, here - window)
    lo = sent_starts[lo_sent] if lo_sent < len(sent_starts) else 0
    for s, e, actor in st.spans:
        if e <= pos and s >= lo and s >= st.dl_end and pred(actor):
            if best is None or s > best[0]:
                best = (s, actor)
    return best[1] if best else None


def _names(actor: Actor) -> list[str]:
    # the canonical name and capitalised aliases: an alias such as "the team" is a description, not a name
    return [actor.canonical, *(a for a in actor.aliases if a[:1].isupper() and not a.startswith("The "))]


_FORCES = ("armed forces", "defence forces", "defense forces")


def _name_words(actor: Actor) -> set[str]:
    words: set[str] = set()
    for name in _names(actor):
        words.update(w.lower() for w in re.findall(r"[\w-]+", name))
        low = name.lower()
        words.update(p for p in _FORCES if p in low)
    return words


def _named_by(actor: Actor, own: set[str], synonyms: set[str]) -> bool:
    """Whether a description with head word ``own`` (lemma and surface form) or one of its synonyms
    names ``actor``: the word anywhere in the name ("the police" -> "Federal Police Service")."""
    return actor.kind != "person" and bool(_name_words(actor) & (own | synonyms))


def _appositive_actor(st: _State, tok: "Token") -> Actor | None:
    """"the company, Acme Mining," / "the mission in X, ABC,": the name beside the description."""
    for child in tok.children:
        if child.dep_ == "appos":
            actor = st.actor_at(child.idx, _tok_end(child))
            if actor is not None:
                return actor
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.i > tok.i):  # "the mission in X, ABC,"
        for pobj in (g for g in prep.children if g.dep_ == "pobj"):
            for child in pobj.children:
                if child.dep_ == "appos":
                    actor = st.actor_at(child.idx, _tok_end(child))
                    if actor is not None and actor.kind != "state":
                        return actor
    return None


def _name_after(st: _State, tok: "Token") -> Actor | None:
    """"spokesman Jon Doe": the title is a compound of the name that follows it."""
    if tok.dep_ == "compound" and tok.head.i > tok.i:
        return st.actor_at(tok.head.idx, _tok_end(tok.head))
    return None


def _appositive_name(tok: "Token") -> "Token | None":
    """A one-word proper name in apposition: "the mission in X, ABC," -> ABC."""
    heads = [tok] + [g for c in tok.children if c.dep_ == "prep" and c.i > tok.i
                     for g in c.children if g.dep_ == "pobj"]
    for h in heads:
        for child in h.children:
            if child.dep_ == "appos" and child.pos_ == "PROPN" and child.text.isupper() and len(child.text) > 2:
                return child
    return None


def _description_link(st: _State, tok: "Token") -> CorefLink | None:
    lemma = _lemma(tok)
    table = st.lex.descriptions.get(lemma) or st.lex.descriptions.get(tok.lower_)
    plural_people = lemma in st.lex.person_nouns and tok.tag_ in ("NNS", "NNPS") and table is not None
    if not _definite(tok) or tok.pos_ != "NOUN" or (lemma in st.lex.person_nouns and not plural_people):
        return None
    span = st.span(_np_start(st, tok), _tok_end(tok))
    named = _appositive_actor(st, tok) or _modifier_organisation(st, tok)
    if named is not None:
        return CorefLink(span, named.id, "description", "the name in apposition", None, NAME)
    name = _appositive_name(tok)
    if name is not None:  # a name the tagger missed still names the description better than any guess
        return CorefLink(span, None, "description", "a name in apposition that is no actor",
                         st.span(name.idx, _tok_end(name)), NAME)
    if any(c.dep_ == "prep" and _lemma(c) == "of" for c in tok.children):
        return None  # "the ministry of X" names itself
    here = st.sent_of[tok.i]
    if table is None:  # any other definite noun: an earlier phrase with the same head
        return _same_head(st, tok, span, here, {lemma}, emit_unresolved=False)
    names = set(table["names"]) | {lemma}
    own = {lemma, tok.lower_}

    def by_name(a: Actor) -> bool:
        return _named_by(a, own, names) and not _modifiers_clash(st, tok, None, a)

    def by_kind(a: Actor) -> bool:
        return a.kind != "person" and (a.kind in table["kinds"] or (a.sector or "") in table["sectors"])

    actor = _last_actor(st, span.start, by_name, _DESC_WINDOW, here)
    # people ("the rebels") follow a phrase with their own head only: "the army" a sentence before may
    # be the rebels' enemy, while an actor's name holding a synonym ("X Liberation Army") names them
    phrase = _same_head(st, tok, span, here, {lemma} if plural_people else names, emit_unresolved=False)
    named = _last_span(actor, span.start, st) if actor is not None else None
    if phrase is not None and (named is None
                               or (phrase.antecedent is not None and phrase.antecedent.start > named.start)):
        return phrase  # the nearer of the two: a phrase with the same head, or a name holding it
    if actor is not None:
        return CorefLink(span, actor.id, "description", f"'{lemma}' in the name of the last such actor",
                         named, NAME)
    if plural_people:  # "the rebels": people, not any organisation of a fitting kind
        return CorefLink(span, None, "description", f"no earlier name or phrase fits '{tok.lower_}'", None, NAME)
    actor = _last_actor(st, span.start, by_kind, _DESC_WINDOW, here)
    if actor is not None:
        return CorefLink(span, actor.id, "description", f"'{lemma}': last actor of kind {actor.kind}",
                         _last_span(actor, span.start, st), NAME)
    return CorefLink(span, None, "description", f"no earlier actor fits '{lemma}'", None, NAME)


def _modifier_organisation(st: _State, tok: "Token") -> Actor | None:
    """"the Halvor rebel alliance", "the Brellin mining company": an organisation's name modifying the
    description's head is the description's referent (a state's is not: "the Ruritanian government"
    is that state's government, an actor of its own)."""
    for left in (t for t in tok.subtree if t.i < tok.i and t.dep_ in ("compound", "nmod")):
        actor = st.actor_at(left.idx, _tok_end(left))
        if actor is not None and actor.kind in st.lex.named_modifier_kinds:
            return actor
    return None


def _same_head(st: _State, tok: "Token", span: Span, here: int, heads: set[str],
               emit_unresolved: bool) -> CorefLink | None:
    """An earlier phrase whose head is the description's head (or a synonym): "Mali's armed forces
    ... the army", "a new plan ... the plan"; an actor named by such a phrase wins. Of several such
    phrases the most salient wins: one in the description's own paragraph first (a paragraph that
    brings in a second committee goes on about that one), then the one mentioned most, less a little
    for each sentence back (the team a report is about, not another team named once in between)."""
    par = st.text.rfind("\n", 0, tok.idx) + 1
    found: list[tuple[bool, float, int, Referent]] = []
    for n, ref in enumerate(reversed(st.referents)):
        if ref.start >= span.start or here - ref.sent > _DESC_WINDOW:
            continue
        head = st.doc[ref.tok]
        if not found and ref.actor_id is not None and _kind_word_before(st, ref, head, tok):
            reason = f"earlier phrase with the modifier '{_lemma(tok)}'"  # "the X rebel group ... the rebels"
            return CorefLink(span, ref.actor_id, "description", reason, st.span(ref.start, ref.end), NAME)
        if (_lemma(head) in heads or head.lower_ in heads) and _can_point_back(st, tok, head, heads) \
                and not _modifiers_clash(st, tok, head, st.actors.get(ref.actor_id or "")):
            crossed = (head.tag_ in ("NNS", "NNPS")) != (tok.tag_ in ("NNS", "NNPS"))
            # a phrase of the description's own number first: "the group" is the group named before,
            # not "security forces" named since, though the table lists "forces" for armed groups
            found.append((not crossed, ref.start >= par, _chain_size(st, ref) - 0.3 * (here - ref.sent), -n, ref))
    if found:
        ref = max(found, key=lambda f: f[:4])[4]
        reason = f"earlier phrase with the head '{_lemma(st.doc[ref.tok])}'"
        return CorefLink(span, ref.actor_id, "description", reason, st.span(ref.start, ref.end), NAME)
    if emit_unresolved:
        return CorefLink(span, None, "description", "no earlier phrase with this head", None, NAME)
    return None


def _kind_word_before(st: _State, ref: Referent, head: "Token", tok: "Token") -> bool:
    """The description's word is a common noun or adjective before a body's name that says what it is
    ("the militant group X ... the group", "the X rebel group ... the rebels"), not a capitalised word
    of the name that says what the body runs ("the X Port Authority ... the port"), and not a word of a
    person's title ("X camp councillor Y ... the camp")."""
    actor = st.actors.get(ref.actor_id or "")
    if actor is None or actor.kind == "person":
        return False
    return any(c.dep_ in ("compound", "amod") and _lemma(c) == _lemma(tok) and c.pos_ in ("NOUN", "ADJ")
               and c.text.islower() for c in head.children)


def _chain_size(st: _State, ref: Referent) -> int:
    """How often a referent was mentioned so far: its actor's mentions, or the phrase's chain."""
    if ref.actor_id is not None:
        return sum(1 for r in st.referents if r.actor_id == ref.actor_id)
    return sum(1 for r in st.referents if r.start == ref.start)


def _can_point_back(st: _State, tok: "Token", head: "Token", heads: set[str] | None = None) -> bool:
    """A definite description points back to a phrase of its own number that names one referent: "the
    team" is not "teams" or "every team", "the country" not "different countries" ("the X rebel group
    ... the rebels" crosses number through the modifier rule above, not through the head). A synonym
    the table lists in its plural form names one body whatever its number: "the country's armed forces
    ... the army", "security forces ... the military"."""
    if any(c.lower_ in st.lex.quantifying_words for c in head.children if c.dep_ in ("det", "amod", "advmod")):
        return False
    if heads is not None and head.lower_ in heads and _lemma(head) not in heads:
        return True
    return (head.tag_ in ("NNS", "NNPS")) == (tok.tag_ in ("NNS", "NNPS"))


def _last_span(actor: Actor, pos: int, st: _State) -> Span | None:
    before = [sp for sp in actor.mentions if sp.end <= pos]
    return max(before, key=lambda sp: sp.start) if before else None


def _title_link(st: _State, tok: "Token") -> CorefLink | None:
    """"the prosecutor", "the ministry's spokeswoman", "a spokesman for Y"."""
    lemma = _lemma(tok)
    if not (tok.pos_ == "NOUN" or _capitalised_title(st, tok)) or lemma not in st.lex.person_nouns:
        return None
    span = st.span(_np_start(st, tok), _tok_end(tok))
    here = st.sent_of[tok.i]
    if tok.tag_ in ("NNS", "NNPS"):  # "officials at the ministry said", "ministry officials said"
        org = _organisation_of(st, tok) if lemma in st.lex.voice_nouns else None
        if org is None:
            return None
        st.voices[lemma], st.voice_sent[lemma] = org.id, here
        return CorefLink(span, org.id, "title", f"unnamed {tok.lower_} speak for {org.canonical}",
                         _last_span(org, span.end + 1, st), NAME)
    org = _organisation_of(st, tok)
    definite = _definite(tok) or any(c.dep_ == "poss" for c in tok.children)
    named = _appositive_actor(st, tok) or _name_after(st, tok)
    if named is not None and named.kind == "person":  # "a police spokesman, Jon Doe," / "spokesman Jon Doe"
        return CorefLink(span, named.id, "title", "the name in apposition", None, NAME)
    # "Officials at Y said ... an official told reporters": an unnamed voice that speaks just after
    # Y's unnamed voices is one of them
    recent = org is None and _speaks(tok, st.lex) and here - st.voice_sent.get(lemma, -99) <= _WINDOW
    if not definite and not recent and not (org is not None and lemma in st.lex.voice_nouns):
        return None

    def holds(a: Actor) -> bool:
        if a.kind != "person" and (a.kind in _ORG_KINDS or a.id not in st.titles):
            return False
        roles = {_role_head(r) for r in a.roles if r.split()} | st.titles.get(a.id, set())
        if lemma not in roles:
            return False
        return org is None or st.voice_of.get(a.id) in (None, org.id) or a.affiliation is None

    person = _last_actor(st, span.start, holds, _DESC_WINDOW, here) if definite or org is not None else None
    if person is None and (definite or recent) and lemma in st.voices:  # "a spokesman for Y ... the spokesman"
        org = st.actors.get(st.voices[lemma])
        if org is not None:
            return CorefLink(span, org.id, "title", f"the {lemma} who spoke for {org.canonical} earlier",
                             _last_span(org, span.start, st), NAME)
    if person is not None:
        return CorefLink(span, person.id, "title", f"last person holding the role '{lemma}'",
                         _last_span(person, span.start, st), NAME)
    if org is not None and lemma in st.lex.voice_nouns:
        st.voices[lemma], st.voice_sent[lemma] = org.id, here
        return CorefLink(span, org.id, "title", f"an unnamed {lemma} speaks for {org.canonical}",
                         _last_span(org, span.end + 1, st), NAME)
    return CorefLink(span, None, "title", f"no earlier person holds the role '{lemma}'", None, NAME)


def _issued_link(st: _State, tok: "Token") -> CorefLink | None:
    """"the statement said", "said in a release", "a statement from X", "its report"."""
    lemma = _lemma(tok)
    if tok.pos_ != "NOUN" or lemma not in st.lex.issued_nouns:
        return None
    span = st.span(_np_start(st, tok), _tok_end(tok))
    owner, reason = _issuer(st, tok)
    if owner is None and _definite(tok) and tok.dep_ in _SUBJ:
        same = [(p, a) for p, n, a in st.issuers if p < tok.idx and n == lemma]
        anyn = [(p, a) for p, n, a in st.issuers if p < tok.idx]
        pick = same or anyn
        if pick:
            owner = st.actors.get(pick[-1][1])
            reason = f"the last issuer of a {lemma if same else 'text'}"
    if owner is None:
        author = _author_phrase(st, tok)
        if author is not None:  # "a statement from the Veldorian army": an author who is no actor (yet)
            return CorefLink(span, None, "issued_text", "author named by the phrase, not an actor", author, NAME)
        if tok.dep_ in _SUBJ or tok.head.lemma_.lower() in st.lex.speech_verbs or tok.dep_ == "pobj":
            return CorefLink(span, None, "issued_text", f"no issuer found for the {lemma}", None, NAME)
        return None
    st.issuers.append((tok.idx, lemma, owner.id))
    return CorefLink(span, owner.id, "issued_text", reason, _last_span(owner, span.end + 1, st), NAME)


def _author_phrase(st: _State, tok: "Token") -> Span | None:
    for child in tok.children:
        if child.dep_ == "prep" and _lemma(child) in st.lex.source_preps:
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ in ("NOUN", "PROPN"):
                return st.span(_np_start(st, pobj), _tok_end(pobj))
    return None


def _resolved_actor(st: _State, tok: "Token", own_phrase: bool = False) -> Actor | None:
    """The actor a phrase names or refers to. ``own_phrase``: a description met for the first time
    ("a statement from the Veldorian army") is its own author, not the state its adjective names."""
    actor = st.actor_at(tok.idx, _tok_end(tok))
    if actor is not None:
        return actor
    link = st.links.get(tok.i)
    if link is None:
        link = _description_link(st, tok) or _title_link(st, tok)
    if link is not None and link.antecedent_actor_id:
        actor = st.actors.get(link.antecedent_actor_id)
        if actor is not None and actor.kind == "person" and actor.id in st.voice_of and link.kind == "title":
            return actor
        return actor
    if own_phrase and link is not None and link.kind == "description":
        return None
    for child in tok.children:  # "the Uruguayan government" -> the state
        if child.dep_ in ("compound", "amod"):
            actor = st.actor_at(child.idx, _tok_end(child))
            if actor is not None and actor.kind != "person":
                return actor
    return None


def _channel_owner(st: _State, tok: "Token") -> Actor | None:
    """'a notice on the water board's website', 'a post on her account': a text put on a body's or a
    person's own channel (coref.json ``channel_nouns``) is theirs."""
    holders = [tok, *(c for c in tok.children if c.dep_ == "acl")]
    for prep in (c for h in holders for c in h.children if c.dep_ == "prep" and _lemma(c) == "on"):
        channel = next((g for g in prep.children if g.dep_ == "pobj"), None)
        if channel is None or _lemma(channel) not in st.lex.channel_nouns:
            continue
        for owner in (c for c in channel.children if c.dep_ in ("poss", "compound") and c.i < channel.i):
            actor = _resolved_actor(st, owner)
            if actor is not None:
                return actor
    return None


def _issuer(st: _State, tok: "Token") -> tuple[Actor | None, str]:
    for child in tok.children:
        if child.dep_ == "poss":
            actor = _resolved_actor(st, child)
            if actor is not None:
                return actor, "owner of the text"
        if child.dep_ == "prep" and _lemma(child) in st.lex.source_preps:
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                actor = _resolved_actor(st, pobj, own_phrase=True)
                if actor is not None:
                    return actor, f"a {_lemma(tok)} {child.lower_} its author"
        if child.dep_ in ("compound", "amod") and child.i < tok.i:
            actor = _resolved_actor(st, child)
            if actor is None and child.dep_ == "compound" and child.pos_ == "NOUN":
                actor = _named_by_word(st, child)  # "a ministry statement": the ministry named before
            if actor is not None and actor.kind != "person":
                return actor, f"named in the {_lemma(tok)}"
    on_channel = _channel_owner(st, tok)
    if on_channel is not None:
        return on_channel, f"a {_lemma(tok)} on its own channel"
    verb = None
    if tok.dep_ == "pobj" and _lemma(tok.head) in st.lex.issued_preps:
        verb = tok.head.head  # "said in a statement"
    elif tok.dep_ in ("dobj",) and _lemma(tok.head) in st.lex.issue_verbs:
        verb = tok.head  # "X issued a statement"
    if verb is not None and verb.pos_ in ("VERB", "AUX"):
        head = verb
        for _ in range(3):
            subj = next((c for c in head.children if c.dep_ in ("nsubj",)), None)
            if subj is not None:
                actor = _resolved_actor(st, subj)
                return actor, f"subject of '{verb.text}'"
            if head.dep_ != "conj":
                break
            head = head.head
    return None, ""


# ---------------------------------------------------------------------------------------------
# Stage


def run(doc: "Doc", analysis: Analysis) -> Analysis:
    lex = lexicon()
    text = analysis.report.text
    spans = sorted(((sp.start, sp.end, a) for a in analysis.actors for sp in a.mentions),
                   key=lambda x: (x[1] - x[0], x[0]))
    sents = list(doc.sents)
    sent_of = {t.i: n for n, s in enumerate(sents) for t in s}
    st = _State(doc, analysis, lex, {a.id: a for a in analysis.actors}, spans, sent_of,
                dateline_end(text, analysis.report.dateline), _quoted_ranges(text),
                sent_starts=[s.start_char for s in sents], text=doc.text)
    _learn_roles(st)
    out: list[CorefLink] = []
    if st.dl_end > 0:
        out.append(CorefLink(st.span(0, st.dl_end), None, "dateline",
                             "the dateline names where the report was filed; never an antecedent", None, NAME))
    by_start = sorted(spans, key=lambda x: (x[0], -(x[1] - x[0])))
    entered: set[tuple[int, int]] = set()
    for tok in doc:
        if tok.idx < st.dl_end:
            continue
        for s, e, actor in by_start:  # actor mentions whose head is this token enter the referents
            if s <= tok.idx < e and (s, e) not in entered and _tok_end(tok) >= e - 1:
                entered.add((s, e))
                if tok.lower_ in lex.pronouns:
                    continue  # the entities stage linked a pronoun: it is resolved below like any other
                _add(st, _referent_for_actor(st, actor, s, e, tok), tok)
        link = _link_token(st, tok)
        if link is not None:
            st.links[tok.i] = link
            out.append(link)
            _remember(st, tok, link)
        elif st.actor_at(tok.idx, _tok_end(tok)) is None:
            ref = _noun_referent(st, tok)
            if ref is not None:
                _add(st, _with_apposed_actor(st, ref, tok), tok)
    return replace(analysis, coref=tuple(out))


def _animacy(st: _State, tok: "Token") -> str | None:
    """"person" for a person's name or a noun for people, "org" for an organisation or state, None else."""
    actor = st.actor_at(tok.idx, _tok_end(tok))
    if actor is not None:
        cat = _category(actor)
        return "person" if cat in ("person", "plural") else "org" if cat == "org" else None
    lemma = _lemma(tok)
    if lemma in st.lex.person_nouns or lemma in st.lex.gendered_nouns or lemma in st.lex.speaking_nouns \
            or lemma in st.lex.voice_nouns:
        return "person"
    if tok.ent_type_ == "PERSON":
        return "person"
    return "org" if lemma in st.lex.collective_nouns or lemma in st.lex.descriptions else None


def _link_token(st: _State, tok: "Token") -> CorefLink | None:
    if tok.lower_ in st.lex.pronouns and tok.pos_ in ("PRON", "DET"):
        return _resolve_pronoun(st, tok)
    if st.actor_at(tok.idx, _tok_end(tok)) is not None:
        return None
    if _capitalised_title(st, tok):
        return _title_link(st, tok)
    if tok.pos_ != "NOUN":
        return None
    return _issued_link(st, tok) or _title_link(st, tok) or _description_link(st, tok)


def _capitalised_title(st: _State, tok: "Token") -> bool:
    """"The President said", "the Minister added": a title written with a capital, which the tagger
    makes a proper noun, after a definite article and not followed by a name ("President Jon Doe")."""
    return (tok.pos_ == "PROPN" and tok.lower_ in st.lex.person_nouns and _definite(tok)
            and tok.dep_ != "compound")


def _add(st: _State, ref: Referent, tok: "Token") -> None:
    """Enter a referent mentioned at ``tok``."""
    ref.speaker = tok.dep_ in ("nsubj",) and _lemma(tok.head) in st.lex.speech_verbs
    st.referents.append(ref)


def _remember(st: _State, tok: "Token", link: CorefLink) -> None:
    """A resolved anaphor is itself a mention of its referent: it keeps it salient, and a he/she
    fixes the gender of the person it names."""
    actor = st.actors.get(link.antecedent_actor_id or "")
    want = st.lex.pronouns.get(tok.lower_)
    if actor is not None and actor.kind == "person" and want in ("male", "female"):
        st.gender.setdefault(actor.id, want)
    start, end = link.span.start, link.span.end
    if actor is not None:
        ref = _referent_for_actor(st, actor, start, end, tok)
        if link.kind == "title" and actor.kind != "person" and tok.tag_ in ("NNS", "NNPS"):
            ref = replace(ref, category="plural", gender=None)  # "officials at Y": people who speak for Y
        elif link.kind == "title" and actor.kind != "person":  # "a spokesman for Y": a person who speaks for Y
            ref = replace(ref, category="person", gender=st.lex.gendered_nouns.get(_lemma(tok)))
        elif link.kind in ("description", "issued_text") and ref.category == "person":
            # the description says what it is, whatever kind the tagger gave the name
            ref = replace(ref, category="plural" if tok.tag_ in ("NNS", "NNPS") else "org", gender=None)
    elif link.antecedent is not None:
        prior = next((r for r in reversed(st.referents) if r.start == link.antecedent.start), None)
        if prior is None:
            return
        # the chain keeps the phrase that names the referent, and takes this mention's salience
        ref = replace(prior, sent=st.sent_of[tok.i], role=_role(tok), main=_is_main(tok))
        if link.kind == "description" and prior.category == "plural" and tok.tag_ not in ("NNS", "NNPS"):
            # "the country's armed forces ... the army said its units": the singular description is
            # now how the report names the body, an "it" (or a "they", as any collective body)
            ref = replace(ref, category="org", gender=None, kind="collective")
    else:
        ref = _noun_referent(st, tok) if tok.pos_ == "NOUN" else None
        if ref is None:
            return
    _add(st, ref, tok)


def links_by_start(analysis: Analysis) -> dict[int, CorefLink]:
    """Coreference links keyed by the start offset of their phrase's last word (its head): how a
    later stage finds the link of a token (``links_by_start(a).get(tok.idx)``)."""
    out: dict[int, CorefLink] = {}
    for link in analysis.coref:
        if link.kind == "dateline":
            continue
        head = link.span.text.rfind(" ") + 1
        out[link.span.start + head] = link
    return out
