"""Quotes, reported speech, attribution and claims.

Direct quotes are found by their marks (straight, curly, low-9 and guillemets); each gets the cue
verb that governs it, follows it or introduces it, and that verb's subject as the speaker. Indirect
speech ("X said (that) ...", "... according to X", "X accused Y of ...") is kept as a Quote with
``direct=False`` whose span is the reported clause. Those spans are the attribution regions that
``attribution_for`` looks up, so later stages (events) ask "who asserts this span?" from the
Analysis alone. Legal characterisations and hedged sentences become Claims of whoever makes them.

A reported clause ends before a speech act joined to it in the cue's verb form ("said its troops had
not fired and accused ...") and before the outlet's gloss (", a claim residents rejected"); a
sentence-final cue clause (", residents said.") reports the sentence before its comma; a directive's
to-infinitive ("urged X to end the shelling") is what the speaker asks for. Speakers are named as
full names are written: no counts ("one survivor"), a named owner after its institution ("interior
ministry of X"), a unit as its owner ("X's press office"), a document as its author ("a tally compiled
by X"), and the name a relative clause gives ("a shopkeeper who asked to be identified only as X").
A paragraph that opens with a quote and gives it no cue goes on with the last speaker of the paragraph
before it; a quote run over paragraphs (each opens with a mark, only the last closes) is one utterance,
and a piece of it without a cue takes the speaker named at the run's end.

Only sentences holding a quote mark or a cue word are inspected; the Doc is already parsed.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..ontology import load as load_table, word_set
from ..records import Actor, Analysis, Attribution, Claim, CorefLink, Quote, Span
from .coref import links_by_start, word_before_appositive
from ..ontology.countries import countries as country_table
from .places import DATELINE_END, past_dateline

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

NAME = "factfinder.quotes.rules.v11"
REQUIRES = ("mentions", "actors", "coref")
ASSIGNS = ("quotes", "claims")

OUTLET_FALLBACK = "the outlet"
_MARKS = "\"“”„«»‟"
_MARK_RE = re.compile(f"[{_MARKS}]")
_OPEN_CONTEXT = set(" \t\n([{—–-/:")
_CLOSE_CONTEXT = set(" \t\n.,;:!?)]}—–-")
_GAP = r"[\s\"“”„«»‘’]+"
_TERMINATOR = re.compile(r"[.!?](?:\s|$)")
# The cue clause between two quotes of one speaker (", said Rev. Jon Doe, the priest. "): no sentence end
# inside it except after a short capitalised abbreviation (Rev., Dr., Gen.).
_ABBR = r"\b[A-Z][a-z]{0,3}\."
_ONE_CLAUSE = re.compile(rf"(?:{_ABBR}|[^.!?\n])*[.!?]\s*")
_CUE_CLAUSE = re.compile(rf"(?:{_ABBR}|[^.!?\n“”\"„«»])*[.!?]?\s*")
# Subtrees that are not part of the phrase naming a speaker ("X, who has lived in Y, said").
# Clauses joined to a verb rather than arguments of it.
_JOINED_DEPS = {"conj", "cc", "parataxis"}
_NOT_NAME_DEPS = {"relcl", "acl", "appos", "punct", "advcl", "parataxis", "cc", "conj", "prep", "poss"}


# ---------------------------------------------------------------------------------------------
# Lexicon (ontology/quotes.json)


@dataclass(frozen=True)
class Lexicon:
    speech_verbs: frozenset[str]
    need_clause: frozenset[str]
    accusation_verbs: frozenset[str]
    statement_markers: tuple[str, ...]
    hearsay_verbs: frozenset[str]
    hedge_re: re.Pattern[str]
    certainty_re: re.Pattern[str]
    legal: tuple[tuple[str, re.Pattern[str]], ...]
    pronouns: dict[str, str]  # pronoun -> female/male/neuter/plural
    group_kinds: frozenset[str]
    document_nouns: frozenset[str]
    state_heads: frozenset[str]
    unit_nouns: frozenset[str]
    naming_verbs: frozenset[str]
    naming_preps: frozenset[str]
    naming_nouns: frozenset[str]
    accusation_preps: frozenset[str]
    author_preps: frozenset[str]
    directive_verbs: frozenset[str]
    gloss_nouns: frozenset[str]
    according_to: tuple[tuple[str, ...], ...]  # multi-word cues, as lower-case words
    according_phrases: tuple[str, ...]
    framed_verbs: dict[str, str]  # lemma -> the one frame in which it is a cue ("punct", "document")
    written_nouns: frozenset[str]
    receiver_verbs: frozenset[str]
    addressee_verbs: frozenset[str]
    complementizers: tuple[str, ...]
    medium_nouns: frozenset[str]


def _phrase_re(phrases: Iterable[str]) -> re.Pattern[str]:
    # Longest first so "reasonable grounds to believe" wins over "reasonable grounds".
    alts = sorted({p.lower() for p in phrases}, key=len, reverse=True)
    # Words may be split by quote marks: there are “reasonable grounds” to believe.
    joined = [_GAP.join(re.escape(w) for w in a.split()) for a in alts]
    return re.compile(r"\b(?:" + "|".join(joined) + r")\b", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load ontology/quotes.json once."""
    raw: dict[str, Any] = load_table("quotes")
    legal = tuple(
        (label, re.compile(r"\b(?:" + "|".join(pats) + r")\b", re.IGNORECASE))
        for label, pats in raw["legal_terms"].items()
    )
    return Lexicon(
        speech_verbs=frozenset(raw["speech_verbs"]),
        need_clause=frozenset(raw["speech_verbs_need_clause"]),
        accusation_verbs=frozenset(raw["accusation_verbs"]),
        statement_markers=tuple(raw["statement_markers"]),
        hearsay_verbs=frozenset(raw["hearsay_verbs"]),
        hedge_re=_phrase_re(raw["hedges"]),
        certainty_re=_phrase_re(raw["certainty_markers"]),
        legal=legal,
        pronouns={p: g for g, ps in raw["pronouns"].items() for p in ps},
        group_kinds=frozenset(raw["group_kinds"]),
        document_nouns=frozenset(raw["document_nouns"]),
        state_heads=frozenset(raw["state_heads"]),
        unit_nouns=frozenset(raw["unit_nouns"]),
        naming_verbs=frozenset(raw["naming_verbs"]),
        naming_preps=frozenset(raw["naming_preps"]),
        naming_nouns=frozenset(raw["naming_nouns"]),
        accusation_preps=frozenset(raw["accusation_preps"]),
        author_preps=frozenset(raw["author_preps"]),
        directive_verbs=frozenset(raw["directive_verbs"]),
        gloss_nouns=frozenset(raw["gloss_nouns"]),
        according_to=tuple(tuple(p.split()) for p in raw["according_to"]),
        according_phrases=tuple(raw["according_to"]),
        complementizers=tuple(raw["complementizers"]),
        medium_nouns=frozenset(raw["medium_nouns"]),
        framed_verbs=dict(raw["framed_verbs"]),
        written_nouns=frozenset(raw["written_nouns"]),
        receiver_verbs=frozenset(raw["receiver_verbs"]),
        addressee_verbs=frozenset(raw["addressee_verbs"]),
    )


# ---------------------------------------------------------------------------------------------
# Quote marks


@dataclass(frozen=True, slots=True)
class Marked:
    """A quoted stretch: ``open``/``close`` are the mark offsets (close may be a paragraph end)."""

    open: int
    start: int
    end: int
    close: int


def _mark_role(text: str, i: int) -> str:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    ch = text[i]
    if ch in "„«":
        return "open"
    if ch == "»":
        return "close"
    opener = prev in _OPEN_CONTEXT and not nxt.isspace()
    closer = nxt in _CLOSE_CONTEXT and not prev.isspace() or (nxt in _MARKS and not prev.isspace())
    if opener and not closer:
        return "open"
    if closer and not opener:
        return "close"
    return "either" if opener else "none"


def find_marked(text: str) -> list[Marked]:
    """Pair quote marks by context. A quote left open at a paragraph end that is followed by a new
    opening mark closes there (the convention for multi-paragraph quotes)."""
    out: list[Marked] = []
    open_at: int | None = None

    def close_at(opened: int, end: int, close: int) -> None:
        s, e = _strip(text, opened + 1, end)
        if e > s:
            out.append(Marked(opened, s, e, close))

    for m in _MARK_RE.finditer(text):
        i = m.start()
        role = _mark_role(text, i)
        if open_at is None:
            if role in ("open", "either"):
                open_at = i
            continue
        if role in ("close", "either"):
            close_at(open_at, i, i)
            open_at = None
        elif role == "open" and "\n" in text[open_at:i]:
            par_end = text.rfind("\n", open_at, i)
            close_at(open_at, par_end, par_end)
            open_at = i
    if open_at is not None:
        par_end = text.find("\n", open_at)
        par_end = len(text) if par_end < 0 else par_end
        close_at(open_at, par_end, par_end)
    return out


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# ---------------------------------------------------------------------------------------------
# Actors by offset


@dataclass(frozen=True, slots=True)
class Ref:
    """Who a phrase refers to: an actor (actor_id set) or a bare noun phrase."""

    name: str
    actor_id: str | None
    category: str  # person/group/plural/thing (a common noun)/animate (a speaker of unknown kind)/other


class ActorIndex:
    """Actor mention spans, looked up by character offsets."""

    def __init__(self, analysis: Analysis, group_kinds: frozenset[str]) -> None:
        self.by_id = {a.id: a for a in analysis.actors}
        spans: dict[tuple[int, int], Actor] = {}
        for actor in analysis.actors:
            for sp in actor.mentions:
                spans.setdefault((sp.start, sp.end), actor)
        for mention in analysis.mentions:
            actor = self.by_id.get(mention.actor_id or "")
            if actor is not None:
                spans.setdefault((mention.span.start, mention.span.end), actor)
        # Narrowest first, so a pronoun mention beats a long one that happens to cover it.
        self.spans = sorted(spans.items(), key=lambda kv: kv[0][1] - kv[0][0])
        self.group_kinds = group_kinds

    def covering(self, start: int, end: int) -> Actor | None:
        for (s, e), actor in self.spans:
            if s <= start and end <= e:
                return actor
        return None

    def speaker(self, actor: Actor) -> Actor:
        """A government speaks for its state: "The Lithuanian government asserted" is the state's
        assertion, so speakers of kind state-government are reported as that state when the report
        names it (the government stays a separate actor for events). A capital that speaks ("Moscow
        said", "Kyiv denied") is its state too."""
        if actor.kind in ("state-government", "government") and actor.country:
            for other in self.by_id.values():
                if other.kind == "state" and other.country == actor.country:
                    return other
        capital = _capitals().get(actor.canonical.lower()) if actor.kind == "location" else None
        if capital is not None:
            iso3, name = capital
            state = next((o for o in self.by_id.values() if o.kind == "state" and o.country == iso3), None)
            return state or dataclasses.replace(actor, canonical=name, kind="state", country=iso3)
        return actor

    def ref(self, actor: Actor) -> Ref:
        if actor.kind == "person":
            cat = "person"
        elif actor.kind in self.group_kinds:
            cat = "group"
        elif actor.kind == "group":
            cat = "plural"
        else:
            cat = "other"
        return Ref(actor.canonical, actor.id, cat)


def _tok_end(tok: "Token") -> int:
    return tok.idx + len(tok.text)


@functools.lru_cache(maxsize=1)
def _capitals() -> dict[str, tuple[str, str]]:
    """Capital city (lower case) -> (ISO alpha-3, country name): "Moscow said" is Russia speaking."""
    return {c.capital.lower(): (c.iso3, c.name) for c in country_table() if c.capital}


# ---------------------------------------------------------------------------------------------
# References: subjects, pronouns, noun phrases


class Resolver:
    """Resolves speaker tokens to actors. Pronouns, titles, descriptions ("the ministry") and issued
    texts ("the statement") take the antecedent the coreference stage gave them (``Analysis.coref``);
    names and other noun phrases are read here."""

    def __init__(self, doc: "Doc", index: ActorIndex, lex: Lexicon, quoted: "QuotedText",
                 links: "dict[int, CorefLink]") -> None:
        self.doc = doc
        self.index = index
        self.lex = lex
        self.quoted = quoted
        self.links = links
        self.cache: dict[int, Ref | None] = {}

    def resolve(self, tok: "Token") -> Ref | None:
        if tok.i in self.cache:
            return self.cache[tok.i]
        ref = self._linked(tok)
        if ref is None and tok.lower_ not in self.lex.pronouns:
            ref = self._phrase(tok)
        self.cache[tok.i] = ref
        return ref

    def _linked(self, tok: "Token") -> Ref | None:
        """The coreference stage's answer for this token, if it gave one."""
        link = self.links.get(tok.idx)
        if link is None:
            return None
        actor = self.index.by_id.get(link.antecedent_actor_id or "")
        if actor is not None:
            return self.index.ref(actor)
        if link.antecedent is not None:  # "a colleague ... he said", "Mali's armed forces ... the army said"
            return Ref(self._span_name(link.antecedent), None, "animate")
        return None

    def _span_name(self, span: Span) -> str:
        """An antecedent phrase named the way ``_noun_phrase`` names a speaker."""
        found = self.doc.char_span(span.start, span.end, alignment_mode="expand")
        if found is None or not len(found) or found.root.pos_ not in ("NOUN", "PROPN"):
            return span.text
        return _name_form(found.root, found.start, found.end - 1)

    def speaker(self, tok: "Token | None") -> Ref | None:
        """``resolve`` for the subject of a cue: governments are reported as their state."""
        ref = self.resolve(tok) if tok is not None else None
        actor = self.index.by_id.get(ref.actor_id or "") if ref is not None else None
        if actor is None:
            return ref
        return self.index.ref(self.index.speaker(actor))

    def _phrase(self, tok: "Token") -> Ref | None:
        actor = self._actor_near(tok)
        if actor is not None:
            return self.index.ref(actor)
        if tok.dep_ in ("amod", "compound") and tok.head.lemma_.lower() in self.lex.speech_verbs:
            # "the ruling states": the modifier names the source, the mis-tagged cue does not.
            left = min(t.i for t in tok.head.subtree)
            return Ref(tok.doc[left : tok.i + 1].text, None, "other")
        if tok.pos_ not in ("NOUN", "PROPN"):
            return None
        owner = self._document_owner(tok) or self._unit_owner(tok) or self._named_in_clause(tok)
        if owner is not None:
            return owner
        name = _noun_phrase(tok)
        cat = "plural" if tok.tag_ in ("NNS", "NNPS") else "thing" if tok.pos_ == "NOUN" else "other"
        return Ref(name, None, cat)

    def _document_owner(self, tok: "Token") -> Ref | None:
        """"Lithuania's referral asserts" / "according to X's statistics" / "according to a tally
        compiled by X" / "a report by X said": the author speaks."""
        if tok.lemma_.lower() not in self.lex.document_nouns and tok.lower_ not in self.lex.document_nouns:
            return None
        for child in tok.children:
            if child.dep_ == "poss":
                ref = self.resolve(child)
                if ref is not None and ref.actor_id is not None:
                    return ref
                if ref is not None and child.pos_ == "PROPN":
                    return ref  # a name the NER missed is still the owner ("Acme Weekly's survey concluded")
        for author in self._authors(tok):
            ref = self.resolve(author)
            if ref is not None:
                return ref
        return None

    def _authors(self, tok: "Token") -> Iterator["Token"]:
        """Objects of "by"/"from" after a document noun, directly or through the participle that
        qualifies it ("figures released by X")."""
        # "a memo seen by X", "a report obtained by X": X holds the text; it did not write it
        heads = [tok] + [c for c in tok.children if c.dep_ == "acl" and c.i > tok.i
                         and c.lemma_.lower() not in self.lex.receiver_verbs]
        for head in heads:
            for prep in head.children:
                if prep.dep_ in ("prep", "agent") and prep.lower_ in self.lex.author_preps:
                    yield from (g for g in prep.children if g.dep_ == "pobj")

    def _unit_owner(self, tok: "Token") -> Ref | None:
        """"the junta's information team said", "its press office said", "the president's office
        said": a unit speaks for whoever owns it."""
        if tok.lemma_.lower() not in self.lex.unit_nouns:
            return None
        for child in tok.children:
            if child.dep_ == "poss":
                ref = self.resolve(child)
                if ref is not None and ref.actor_id is not None:
                    return ref
        return None

    def _named_in_clause(self, tok: "Token") -> Ref | None:
        """"said a shopkeeper who asked to be identified only as Jon", "a nurse who gave her name as
        Ama", "a nurse, who gave only her first name, Sara,": the name the speaker's own relative clause
        gives is the speaker."""
        doc = tok.doc
        for clause in (c for c in tok.children if c.dep_ in ("relcl", "acl")):
            for t in clause.subtree:
                if t.lemma_.lower() in self.lex.naming_nouns and t.pos_ == "NOUN" and t.i + 2 < len(doc) \
                        and doc[t.i + 1].text == "," and doc[t.i + 2].pos_ == "PROPN" \
                        and {t.head.lemma_.lower(), t.head.head.lemma_.lower()} & self.lex.naming_verbs:
                    name = doc[t.i + 2]  # the name set off by a comma right after "name"
                    actor = self.index.covering(name.idx, _tok_end(name))
                    return self.index.ref(actor) if actor is not None else Ref(_noun_phrase(name), None, "person")
                if t.lower_ in self.lex.naming_preps and t.head.lemma_.lower() in self.lex.naming_verbs:
                    name = next((g for g in t.children if g.dep_ == "pobj" and g.pos_ == "PROPN"), None)
                    if name is not None:
                        actor = self.index.covering(name.idx, _tok_end(name))
                        return self.index.ref(actor) if actor is not None else Ref(_noun_phrase(name), None, "person")
        return None

    def _name_before(self, tok: "Token") -> Actor | None:
        """The body an appositive set off by a comma describes (coref.word_before_appositive)."""
        word = word_before_appositive(tok)
        actor = self.index.covering(word.idx, _tok_end(word)) if word is not None else None
        return actor if actor is not None and actor.kind not in ("person", "location") else None

    def _state_by_adjective(self, tok: "Token") -> Actor | None:
        """"The Lithuanian government/side" -> the state actor whose name the adjective extends."""
        if tok.lemma_.lower() not in self.lex.state_heads:
            return None
        for child in tok.children:
            if child.dep_ in ("amod", "compound") and child.text[:1].isupper() and len(child.text) >= 5:
                for actor in self.index.by_id.values():
                    if actor.kind == "state" and child.text[:5].lower() == actor.canonical[:5].lower():
                        return actor
        return None

    def _apposed_person(self, tok: "Token") -> Actor | None:
        """"said the Chief Fire Officer, Jane Doe": a title the tagger read as an organisation's name,
        with the person's name apposed to it, is that person's title; the person speaks."""
        if tok.lemma_.lower() not in word_set("entities", "role_nouns"):
            return None
        for child in tok.children:
            if child.dep_ == "appos":
                actor = self.index.covering(child.idx, _tok_end(child))
                if actor is not None and actor.kind == "person":
                    return actor
        return None

    def _titled_name(self, tok: "Token") -> Actor | None:
        """"Danish historian and broadcaster Jon Doe said": the parser makes the name a conjunct of the
        bare title before it. A title with no determiner or owner is no second speaker ("the minister and
        Jon Doe said" is two), so the named person speaks, not the state of the demonym."""
        if tok.pos_ not in ("NOUN", "ADJ") or not _bare(tok):
            return None
        for child in tok.children:
            if child.dep_ == "conj" and child.pos_ == "PROPN":
                actor = self.index.covering(child.idx, _tok_end(child))
                if actor is not None and actor.kind == "person":
                    return actor
        return None

    def _actor_near(self, tok: "Token") -> Actor | None:
        actor = self.index.covering(tok.idx, _tok_end(tok))
        if actor is not None and actor.kind != "person" and (person := self._apposed_person(tok)) is not None:
            return person
        if actor is not None:
            return actor
        # "the Valley Front, the group's affiliate, which said": the name the appositive describes
        if tok.dep_ == "appos":
            actor = self.index.covering(tok.head.idx, _tok_end(tok.head)) or self._name_before(tok)
            if actor is not None:
                return actor
        for child in tok.children:  # "the president of X, Name" -> Name
            if child.dep_ == "appos":
                for t in child.subtree:
                    actor = self.index.covering(t.idx, _tok_end(t))
                    if actor is not None:
                        return actor
        person = self._titled_name(tok)
        if person is not None:
            return person
        for child in tok.children:  # "The Lithuanian government" -> the state
            if child.dep_ in ("compound", "amod", "nmod"):
                actor = self.index.covering(child.idx, _tok_end(child))
                if actor is not None and (actor.kind != "group" or not _state_head(tok, self.lex)):
                    return actor
        return self._state_by_adjective(tok)


def _state_head(tok: "Token", lex: Lexicon) -> bool:
    return tok.lemma_.lower() in lex.state_heads


def _noun_phrase(tok: "Token") -> str:
    """The words naming ``tok``: its subtree minus clauses, appositions and punctuation."""
    drop: set[int] = set()
    for child in tok.children:
        if child.dep_ in _NOT_NAME_DEPS - {"prep"}:
            drop.update(t.i for t in child.subtree)
    keep = [t for t in tok.subtree if t.i not in drop]
    left = right = tok.i
    ids = {t.i for t in keep}
    while left - 1 in ids:
        left -= 1
    while right + 1 in ids:
        right += 1
    return _name_form(tok, left, right)


def _name_form(head: "Token", left: int, right: int) -> str:
    """The phrase doc[left:right+1] as a speaker's name: a count is no part of who speaks ("one
    survivor" is a survivor), and a named owner goes after its institution, as full names are written
    ("Ruritania's interior ministry" -> "interior ministry of Ruritania")."""
    doc = head.doc
    while left < head.i and doc[left].dep_ == "nummod" and doc[left].head.i == head.i:
        left += 1
    owner = next((c for c in head.children if c.dep_ == "poss" and left <= c.i < head.i and c.pos_ == "PROPN"), None)
    if owner is None or any(t.dep_ == "poss" and t.i != owner.i for t in doc[left:head.i]):
        return doc[left : right + 1].text.strip(" ,")
    owned = [t for t in owner.subtree if t.dep_ != "case"]
    after = [t for t in doc[max(t.i for t in owner.subtree) + 1 : right + 1]]
    before = doc[left : owned[0].i].text.strip()  # a determiner of the owner ("the")
    rest = "".join(t.text_with_ws for t in after).strip(" ,")
    owner_text = (before + " " if before else "") + "".join(t.text_with_ws for t in owned).strip()
    return f"{rest} of {owner_text}" if rest else owner_text


# ---------------------------------------------------------------------------------------------
# Cues and speakers


class QuotedText:
    """Offsets inside direct quotes (the marks included)."""

    def __init__(self, marked: list[Marked]) -> None:
        self.marked = marked

    def inside(self, pos: int) -> bool:
        return any(m.open <= pos <= m.close for m in self.marked)

    def covers(self, start: int, end: int) -> bool:
        return any(m.open <= start and end <= m.close + 1 for m in self.marked)


def _according_len(tok: "Token") -> int:
    """How many words the multi-word cue opening at ``tok`` has ("according to X", "in the words of X":
    ontology/quotes.json "according_to"); 0 when none opens there."""
    doc = tok.doc
    return next((len(words) for words in lexicon().according_to
                 if tok.i + len(words) <= len(doc) and all(doc[tok.i + k].lower_ == w for k, w in enumerate(words))),
                0)


def _is_according(tok: "Token") -> bool:
    return _according_len(tok) > 0


def _source_word(tok: "Token") -> "Token":
    """The last word of a multi-word cue, the preposition whose object is the source ("to", "of")."""
    return tok.doc[tok.i + _according_len(tok) - 1]


def _is_cue(tok: "Token", lex: Lexicon, quoted: QuotedText) -> bool:
    if quoted.inside(tok.idx):
        return False
    if _is_according(tok):
        return True
    frame = lex.framed_verbs.get(tok.lemma_.lower())
    # a word with a subject is a verb, whatever the tagger says ("“...,” the statement read." as a noun)
    if frame is not None and (tok.pos_ in ("VERB", "AUX") or any(c.dep_ == "nsubj" for c in tok.children)):
        return _in_frame(tok, frame, lex, quoted)
    if tok.lemma_.lower() not in lex.speech_verbs:
        return False
    has_clause = (any(c.dep_ == "ccomp" for c in tok.children) or _directive_clause(tok, lex) is not None
                  or _medium_clause(tok, lex) is not None)
    if tok.pos_ in ("VERB", "AUX"):
        # "rejected the claims as “pure propaganda”": a quote inside the verb's own phrase also makes it speech
        return tok.lemma_.lower() not in lex.need_clause or has_clause or any(
            quoted.inside(t.idx) for t in _own_phrase(tok) if t.i > tok.i)
    # Tagger slips: ", “ comments minister X" / "," the ruling states." parsed as nouns.
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    after_quote = prev is not None and prev.text in _MARKS and quoted.inside(prev.idx)  # '...,” comments X'
    return has_clause or after_quote or nxt is None or nxt.text in ".,;" or nxt.lower_ == "in"


def _in_frame(tok: "Token", frame: str, lex: Lexicon, quoted: QuotedText) -> bool:
    """A framed verb (ontology/quotes.json "framed_verbs") in the one frame where it reports speech:
    'punct' -- "She continued: “...”", "He went on, “...”" (particles may come between);
    'document' -- "The letter reads “...”", "“...,” the letter read": its subject is a text beside a quote;
    'phrase' -- "the board recommending “rest”": the quote is the verb's object;
    'quote' -- the 'punct' frame, or a quote closes just before the verb or its subject ("“...?” she
    asked", "“...!” shouted X"): verbs of asking and crying out report speech only next to the words;
    'clause' -- "X believes that “...”": a verb of opinion reports the words a quote right after it (or
    after its "that") gives, and is no cue otherwise ("police believe the man fled")."""
    doc = tok.doc
    k = tok.i + 1
    if frame == "quote":
        return _in_frame(tok, "punct", lex, quoted) or _after_closing(tok, quoted)
    if frame == "punct":
        while k < len(doc) and doc[k].dep_ == "prt":
            k += 1
        return k + 1 < len(doc) and doc[k].text in ":," and quoted.inside(doc[k + 1].idx)
    if frame == "document":
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        nouns = lex.written_nouns | lex.document_nouns | lex.medium_nouns
        while k < len(doc) and doc[k].is_punct and not quoted.inside(doc[k].idx):
            k += 1
        # "“...,” the letter read.": the text may also follow the words it holds
        return subj is not None and subj.lemma_.lower() in nouns and (
            (k < len(doc) and quoted.inside(doc[k].idx)) or _after_closing(tok, quoted))
    if frame == "phrase":
        return any(c.dep_ == "dobj" and quoted.inside(c.idx) for c in tok.children)
    if frame == "clause":
        while k < len(doc) and (doc[k].lower_ == "that" or (doc[k].is_punct and not quoted.inside(doc[k].idx))):
            k += 1
        return k < len(doc) and quoted.inside(doc[k].idx)
    return False


def _after_closing(tok: "Token", quoted: QuotedText) -> bool:
    """A quote closes right before the verb, with nothing between but the verb's own subject and
    punctuation ("“...?” asked X", "“...?” X asked", "“...!” the crowd shouted")."""
    subject = {t.i for c in tok.children if c.dep_ == "nsubj" for t in c.subtree}
    for k in range(tok.i - 1, tok.sent.start - 1, -1):
        t = tok.doc[k]
        if quoted.inside(t.idx):
            return t.text in _MARKS
        if k not in subject and not (t.is_punct and t.text in ",-—–"):
            return False
    prev = tok.doc[tok.sent.start - 1] if tok.sent.start > 0 else None  # the parser ended the sentence at "?"
    return prev is not None and quoted.inside(prev.idx) and prev.text in _MARKS and (
        not subject or min(subject) == tok.sent.start)


def _own_phrase(tok: "Token") -> Iterator["Token"]:
    """The verb's own arguments, not a clause joined to it: in "guards had not charged the marchers but
    had “moved along” pickets" the quote belongs to "pushed", so "charged" is no speech cue."""
    for child in tok.children:
        if child.dep_ not in _JOINED_DEPS:
            yield from child.subtree


def _speaker_token(v: "Token", quoted: QuotedText) -> "Token | None":
    """The subject of a cue verb; climbs conjunctions ("X confirmed ... and said ...") and the
    preposition of a gerund ("X left after saying ...")."""
    if _is_according(v):
        to = _source_word(v)
        return next((g for g in to.children if g.dep_ == "pobj"), None) or _inverted_subject(to, quoted)
    if v.pos_ == "NOUN":  # "the ruling states."
        prev = v.doc[v.i - 1] if v.i > 0 else None
        if prev is not None and prev.pos_ in ("NOUN", "PROPN", "VERB") and not quoted.inside(prev.idx):
            return prev
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in v.children):
        for c in v.children:  # "was reported by X"
            if c.dep_ == "agent":
                return next((g for g in c.children if g.dep_ == "pobj"), None)
        return None
    if v.dep_ == "acl" and v.tag_ == "VBG" and v.head.pos_ in ("NOUN", "PROPN") and not quoted.inside(v.head.idx) \
            and not any(c.dep_ == "nsubj" for c in v.children):
        return v.head  # "with witnesses saying the car was “...”": the noun the gerund qualifies speaks
    head = v
    for _ in range(4):
        # "X was quoted as saying ...", "X was heard saying ...": climbed to a passive verb, its subject speaks
        deps = ("nsubj",) if head is v else ("nsubj", "nsubjpass")
        subj = [c for c in head.children if c.dep_ in deps and not quoted.inside(c.idx)]
        if subj:
            if subj[0].tag_ in ("WDT", "WP") and head.dep_ == "relcl":
                return past_dateline(head.head)  # "X, which said ...": the relative pronoun stands for X
            # "MAKURDI — ... the police command said": the dateline glued on as a second subject
            after = [t for t in subj if t.idx >= t.doc.user_data.get(DATELINE_END, 0)]
            if after and len(subj) > 1:
                named = [t for t in after[1:] if t.pos_ == "PROPN"]
                # "French engineer and inventor Jon Doe wrote": the bare title split off as a subject of its own
                if named and after[0].pos_ in ("NOUN", "ADJ") and _bare(after[0]):
                    return named[0]
                return after[0]
            return past_dateline(subj[0])
        if head.dep_ == "pcomp" and head.head.dep_ == "prep" and head.head.head.pos_ in ("VERB", "AUX"):
            head = head.head.head  # "X defended the plan while promising “...”": the subject of the clause
            continue
        if head is not v and quoted.inside(head.idx) and head.head is not head:
            head = head.head  # 'X said “...,” adding that ...': the parser hung the participle on the quote's verb
            continue
        if head.dep_ not in ("conj", "xcomp", "advcl") or head.head is head:
            break
        head = head.head
    return _inverted_subject(v, quoted) or _trailing_subject(v, quoted)


def _bare(tok: "Token") -> bool:
    """A noun with no determiner, owner or count: a title before a name, not a speaker of its own."""
    return tok.tag_ in ("NN", "JJ") and not any(c.dep_ in ("det", "poss", "nummod") for c in tok.children)


def _trailing_comma(v: "Token", quoted: QuotedText) -> "Token | None":
    """The comma before a sentence-final cue clause ("..., residents said on Monday."): the cue is
    followed only by adjuncts, and the words between comma and cue hold no verb."""
    sent = v.sent
    after = [t for t in v.doc[v.i + 1 : sent.end] if not t.is_punct]
    # a clause the cue itself governs after it ("..., the minister said he would resign") is what it says,
    # and a verb outside the cue's phrase means the sentence goes on; the cue's own adjuncts with verbs of
    # their own ("said after the rally ended", "reported, citing two officials") close it
    own = {t.i for c in v.children if c.dep_ in ("ccomp", "xcomp", "dobj", "conj") and c.i > v.i for t in c.subtree}
    mine = {t.i for t in v.subtree}
    if any((t.pos_ in ("VERB", "AUX") and (t.i in own or t.i not in mine)) or quoted.inside(t.idx) for t in after):
        return None
    for k in range(v.i - 1, sent.start, -1):
        t = v.doc[k]
        if t.text == "," and not quoted.inside(t.idx):
            between = v.doc[k + 1 : v.i]
            ok = len(between) and not any(x.pos_ in ("VERB", "AUX") or quoted.inside(x.idx) for x in between)
            return t if ok else None
    return None


def _trailing_subject(v: "Token", quoted: QuotedText) -> "Token | None":
    """"..., residents and a local group said." parsed without a subject: the first head noun between
    the comma and the cue."""
    comma = _trailing_comma(v, quoted)
    if comma is None:
        return None
    for t in v.doc[comma.i + 1 : v.i]:
        if t.pos_ in ("NOUN", "PROPN", "PRON") and t.dep_ not in ("compound", "amod", "poss", "nmod", "det"):
            return t
    return None


def _inverted_subject(v: "Token", quoted: QuotedText) -> "Token | None":
    """'..., said Name' / '..., comments minister X': the first noun after the cue."""
    end = v.sent.end
    last = v.doc[end - 1]
    if end < len(v.doc) and len(last.text) > 2 and last.text.endswith(".") and last.text[0].isupper():
        end = v.doc[end].sent.end  # "said Rev. Jon Doe": the parser ended the sentence at the title
    # "... and told the police, “...”": who is told is no speaker
    told = {t.i for c in v.children if c.dep_ in ("dobj", "dative") for t in c.subtree} \
        if v.lemma_.lower() in lexicon().addressee_verbs else set()
    for tok in v.doc[v.i + 1 : end]:
        if tok.is_punct and tok.text in ".;":
            break
        if quoted.inside(tok.idx):
            break
        if tok.i in told:
            continue
        if tok.pos_ in ("PROPN", "NOUN", "PRON"):
            while tok.dep_ == "compound" and tok.head.i > tok.i and tok.head.pos_ in ("PROPN", "NOUN"):
                tok = tok.head  # "said Rev. Jon Doe", "said Minister Jon Doe": the name, not its title
            return tok
    return None


def _first_token(doc: "Doc", pos: int) -> "Token | None":
    span = doc.char_span(pos, pos + 1, alignment_mode="expand")
    return doc[span.start] if span is not None and len(span) else None


def _denied(cue: "Token") -> bool:
    """"did not comment", "would not say who fired": a negated speech act reports nothing, so it neither
    introduces a quote outside its own clause nor makes its clause ("who fired") the speaker's claim."""
    return any(g.dep_ == "neg" for g in cue.children)


def _cue_for(m: Marked, doc: "Doc", text: str, cues: list["Token"], quoted: QuotedText) -> "Token | None":
    first = _first_token(doc, m.start)
    if first is not None:  # (a) the quote sits in the cue's clause: X said there are “...”
        ancestors = [anc for anc in first.ancestors if anc in cues]
        if ancestors:
            # "X said the water “...”, the paper reported.": the closing clause reports the whole sentence,
            # and the speaker is the one whose clause holds the quote
            inner = ancestors[0]
            outer = [a for a in ancestors[1:] if _tok_end(a) < m.open]
            if inner.idx > m.close and outer and _trailing_comma(inner, quoted) is not None:
                return outer[0]
            return inner
    cues = [c for c in cues if not _denied(c)]
    after = [c for c in cues if c.idx > m.close]
    if after:  # (b) “...,” she said / said X
        gap = text[m.close + 1 : after[0].idx]
        if not _TERMINATOR.search(gap) and "\n" not in gap and not _MARK_RE.search(gap) \
                and not _opens_new_report(m, text, after[0]):
            return after[0]
    before = [c for c in cues if _tok_end(c) < m.open]
    if before:  # (c) X stated, „...“ / X described Y as “...”
        gap = text[_tok_end(before[-1]) : m.open]
        ok_newline = "\n" not in gap or gap.rstrip().endswith(":")
        if not _TERMINATOR.search(gap) and ok_newline and not _MARK_RE.search(gap):
            return before[-1]
        # (d) "..., said X, title. «...»" / split quotes: “A,” she said. “B.”
        if _ONE_CLAUSE.fullmatch(gap) and not _MARK_RE.search(gap):
            return before[-1]
    return None


def _opens_new_report(m: Marked, text: str, cue: "Token") -> bool:
    """“... nobody was warned.” The paper reports that ...: a quote closed by its own full stop ends its
    sentence, and a cue after it that reports a clause of its own starts a new statement."""
    return text[m.end - 1 : m.end] == "." and any(c.dep_ == "ccomp" for c in cue.children)


def _defined_term(m: Marked, text: str) -> bool:
    """("ICC" or the "Court"): a short name defined in parentheses, not a quote."""
    if len(text[m.start : m.end].split()) > 4:
        return False
    line_start = text.rfind("\n", 0, m.open) + 1
    before = text[line_start : m.open]
    after = text[m.close + 1 : m.close + 60]
    return before.count("(") > before.count(")") and ")" in after.split("(")[0]


def _continues(prev: Marked, m: Marked, text: str) -> bool:
    """A quote that only follows the previous quote and its cue clause continues it."""
    gap = text[prev.close + 1 : m.open]
    return _CUE_CLAUSE.fullmatch(gap) is not None


# ---------------------------------------------------------------------------------------------
# Stage


def run(doc: "Doc", analysis: Analysis) -> Analysis:
    lex = lexicon()
    text = analysis.report.text
    marked = find_marked(text)
    quoted = QuotedText(marked)
    index = ActorIndex(analysis, lex.group_kinds)
    cues = [t for t in _candidate_tokens(doc, lex, marked) if _is_cue(t, lex, quoted)]
    resolver = Resolver(doc, index, lex, quoted, links_by_start(analysis))
    rid = analysis.report.id

    indirect = _indirect_quotes(doc, text, rid, cues, quoted, resolver, lex)
    quotes = _direct_quotes(doc, text, rid, marked, cues, quoted, resolver, indirect) + indirect
    quotes = _dedupe(quotes)
    with_quotes = dataclasses.replace(analysis, quotes=tuple(quotes))
    claims = list(_legal_claims(with_quotes, lex)) + list(_hedged_claims(doc, with_quotes, lex))
    return dataclasses.replace(analysis, quotes=tuple(quotes), claims=tuple(claims))


def _candidate_tokens(doc: "Doc", lex: Lexicon, marked: list[Marked]) -> Iterator["Token"]:
    """Tokens of sentences that hold a quote mark or a cue word; the rest are never inspected."""
    for sent in doc.sents:
        lo, hi = sent.start_char, sent.end_char
        has_mark = any(lo <= m.open < hi or lo <= m.close < hi for m in marked)
        if has_mark or any(t.lemma_.lower() in lex.speech_verbs or t.lemma_.lower() in lex.framed_verbs
                           or _is_according(t) for t in sent):  # framed verbs: "“...?” she asked."
            yield from sent


def _span(rid: str, text: str, start: int, end: int) -> Span:
    return Span(rid, start, end, text[start:end])


def _tok_span(rid: str, text: str, tok: "Token") -> Span:
    return _span(rid, text, tok.idx, _tok_end(tok))


def _cue_span(rid: str, text: str, cue: "Token") -> Span:
    if _is_according(cue):
        return _span(rid, text, cue.idx, _tok_end(_source_word(cue)))
    return _tok_span(rid, text, cue)


def _direct_quotes(
    doc: "Doc", text: str, rid: str, marked: list[Marked], cues: list["Token"], quoted: QuotedText, resolver: Resolver,
    indirect: list[Quote],
) -> list[Quote]:
    out: list[Quote] = []
    kept: list[Marked] = []
    cued: list[bool] = []  # the piece has a cue of its own
    prev: tuple[Marked, Quote] | None = None
    for m in marked:
        if _defined_term(m, text):
            continue
        kept.append(m)
        cue = _cue_for(m, doc, text, cues, quoted)
        cued.append(cue is not None)
        span = _span(rid, text, m.start, m.end)
        if cue is not None:
            subj = _speaker_token(cue, quoted)
            ref = resolver.speaker(subj)
            cue_span = _cue_span(rid, text, cue)
            q = Quote(
                span=span,
                speaker=ref.name if ref else None,
                speaker_id=ref.actor_id if ref else None,
                cue=cue_span.text,
                cue_span=cue_span,
                direct=True,
                extractor=NAME,
            )
        elif prev is not None and prev[1].speaker and _continues(prev[0], m, text):
            q = dataclasses.replace(prev[1], span=span)
        elif (before := _previous_paragraph_quote(text, m, out + indirect)) is not None:
            q = dataclasses.replace(before, span=span, direct=True)
        else:
            ref = (_statement_before(doc, text, m, quoted, resolver)
                   or _paragraph_speaker(doc, text, m, quoted, resolver))
            q = Quote(span=span, speaker=ref.name if ref else None, speaker_id=ref.actor_id if ref else None,
                      direct=True, extractor=NAME)
        out.append(q)
        prev = (m, q)
    return _run_on_speakers(text, kept, out, cued)


def _run_on_speakers(text: str, marked: list[Marked], quotes: list[Quote], cued: list[bool]) -> list[Quote]:
    """A quote run over several paragraphs (each paragraph opens with a mark, only the last one closes)
    is one utterance, attributed once, often at its end: "“We lost the warehouses.\n\n“We cannot reach
    the villages,” she said." An open piece without a cue of its own takes the speaker of the piece
    after it, over a guess from the paragraph before ("Residents described the night.")."""
    out = list(quotes)
    for i in range(len(out) - 2, -1, -1):
        m, nxt = marked[i], marked[i + 1]
        if cued[i] or not out[i + 1].speaker or text[m.close:m.close + 1] in _MARKS:
            continue  # spoken for, nothing to take, or closed by its own mark
        between = text[m.close:nxt.open]
        if between.strip() or "\n" not in between:
            continue  # the next piece must open the very next paragraph
        out[i] = dataclasses.replace(out[i + 1], span=out[i].span, direct=out[i].direct)
    return out


def _previous_paragraph_quote(text: str, m: Marked, found: list[Quote]) -> Quote | None:
    """A paragraph that opens with a quote and gives it no cue goes on with the last speaker of the
    paragraph before it (wire copy attributes a quote once and runs on: "..., said X.\n\n“More.”")."""
    par_start = text.rfind("\n", 0, m.open) + 1
    if text[par_start : m.open].strip(" \t\"“„«'‘"):
        return None
    prev_end = len(text[:par_start].rstrip())
    if prev_end == 0:
        return None
    prev_start = text.rfind("\n", 0, prev_end) + 1
    said = [q for q in found if q.speaker and prev_start <= (q.cue_span or q.span).start < prev_end]
    return max(said, key=lambda q: (q.cue_span or q.span).start) if said else None


def _statement_before(doc: "Doc", text: str, m: Marked, quoted: QuotedText, resolver: Resolver) -> Ref | None:
    """A quote that opens a sentence right after "X issued a statement on the ruling." (same paragraph,
    no cue of its own) is that statement: X speaks."""
    par_start = text.rfind("\n", 0, m.open) + 1
    before = text[par_start : m.open].rstrip()
    if not before.endswith((".", ":")):
        return None
    last = _first_token(doc, par_start + len(before) - 1)
    if last is None or quoted.inside(last.sent.start_char) or last.sent.start_char < par_start:
        return None
    root = last.sent.root
    if not any(c.dep_ == "dobj" and c.lemma_.lower() in resolver.lex.medium_nouns for c in root.children):
        return None
    subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
    ref = resolver.speaker(subj) if subj is not None else None
    return ref if ref is not None and ref.actor_id else None


def _paragraph_speaker(doc: "Doc", text: str, m: Marked, quoted: QuotedText, resolver: Resolver) -> Ref | None:
    """A quote without a cue in a paragraph whose first sentence has a person as its subject
    ("Jane Doe lost her shop in the flood. “We have nothing left.”"): that person speaks."""
    par_start = text.rfind("\n", 0, m.open) + 1
    first = _first_token(doc, par_start)
    if first is None or first.sent.end_char > m.open or quoted.inside(first.sent.start_char):
        return None
    root = first.sent.root
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    ref = resolver.speaker(subj) if subj is not None else None
    return ref if ref is not None and ref.actor_id and ref.category == "person" else None


def _indirect_quotes(
    doc: "Doc", text: str, rid: str, cues: list["Token"], quoted: QuotedText, resolver: Resolver, lex: Lexicon
) -> list[Quote]:
    out: list[Quote] = []
    for v in cues:
        if _is_according(v) or _denied(v) or v.lemma_.lower() in lex.framed_verbs:
            continue  # a framed verb introduces direct quotes only
        par_start = text.rfind("\n", 0, v.idx) + 1
        par_end = text.find("\n", v.idx) % (len(text) + 1)
        for start, end in _reported_clauses(v, lex, quoted):
            end = _before_own_tag(v, start, end, cues, quoted)
            start, end = _trim(text, max(start, par_start), min(end, par_end))
            if end <= start or quoted.covers(start, end):
                continue
            subj = _speaker_token(v, quoted)
            ref = resolver.speaker(subj)
            out.append(Quote(_span(rid, text, start, end), ref.name if ref else None,
                             ref.actor_id if ref else None, v.text, _tok_span(rid, text, v), False, NAME))
    for acc in (c for c in cues if _is_according(c)):
        q = _according_quote(acc, text, rid, resolver)
        if q is not None:
            out.append(q)
    return out


def _before_own_tag(v: "Token", start: int, end: int, cues: list["Token"], quoted: QuotedText) -> int:
    """'X said: “...,” he said.': the parser makes the quote and its own tag the clause of the first verb;
    the clause ends where a cue tagging the quote just before it begins (its subject first), so that
    what is left is the quote itself, given once, as a direct quote."""
    for c in cues:
        if c is not v and start < c.idx < end and _after_closing(c, quoted):
            subject = [t.idx for s in c.children if s.dep_ == "nsubj" for t in s.subtree]
            return min([c.idx, *subject])
    return end


def _closing_report(v: "Token", lex: Lexicon, quoted: QuotedText) -> "Token | None":
    """The comma before "..., the paper reported." when the parser hung that closing clause on the speech
    verb before it ("X said Y, the paper reported": "reported" as the ccomp of "said")."""
    if v.dep_ != "ccomp" or v.head.i >= v.i or v.lemma_.lower() not in lex.speech_verbs:
        return None
    return _trailing_comma(v, quoted)


def _reported_clauses(v: "Token", lex: Lexicon, quoted: QuotedText) -> Iterator[tuple[int, int]]:
    closing = _closing_report(v, lex, quoted)
    if closing is not None:  # the outlet reports the whole sentence before its comma
        yield max(v.sent.start_char, v.doc.user_data.get(DATELINE_END, 0)), closing.idx
        return
    medium = _medium_clause(v, lex)
    if medium is not None:  # "said in a statement that ...": the clause the parser hung on the noun
        yield _clause_range(medium, lex)
    elif not any(c.dep_ == "ccomp" for c in v.children) and v.dep_ != "parataxis":
        comma = _trailing_comma(v, quoted)
        if comma is not None:  # "Gunmen killed 17 people, the police command said." parsed without a ccomp
            start = max(v.sent.start_char, v.doc.user_data.get(DATELINE_END, 0))
            yield start, comma.idx
    directive = _directive_clause(v, lex)
    if directive is not None:  # "urged the army to end its shelling": what the speaker asks for
        yield _subtree_range(directive)
    for c in v.children:
        if c.dep_ == "ccomp":
            comma = _closing_report(c, lex, quoted)
            if comma is not None and v.i + 1 < comma.i:  # "X said Y, the paper reported": X said Y
                yield v.doc[v.i + 1].idx, comma.idx
            elif not _second_speech_act(v, c, lex):
                yield _clause_range(c, lex)
        if c.dep_ == "prep" and c.lower_ in lex.accusation_preps and v.lemma_.lower() in lex.accusation_verbs:
            for g in c.children:
                if g.dep_ in ("pobj", "pcomp"):
                    yield _subtree_range(g)
    if v.dep_ == "parataxis":  # "The aim, they say, is ..."
        yield _subtree_range(v.head)


def _second_speech_act(v: "Token", c: "Token", lex: Lexicon) -> bool:
    """'X said the mine was safe, the paper reported it was not': a second complement of the cue that is a
    speech verb with its own subject and its own clause, after a comma and an earlier complement, is
    another speaker's statement (read when that verb is the cue), not part of what X said."""
    if c.lemma_.lower() not in lex.speech_verbs or not any(g.dep_ == "nsubj" for g in c.children):
        return False
    if not any(g.dep_ == "ccomp" for g in c.children):
        return False
    earlier = [o for o in v.children if o.dep_ == "ccomp" and v.i < o.i < c.i]
    return bool(earlier) and any(t.text == "," for t in v.doc[earlier[-1].i:c.i])


def _clause_range(head: "Token", lex: Lexicon) -> tuple[int, int]:
    """What a reported clause says, without what the speaker or the outlet adds after it:
    - a speech act joined to the clause's verb with no subject of its own, in the cue's verb form
      and not the clause verb's, is the speaker's next act, not part of what was said ("the board said
      its staff had not cut the pipe and accused the council of ...": the parser hangs "accused" on "cut", but
      "accused" is in the form of "said"; in "they said troops arrived and accused them of ..." both
      verbs share one form and the accusation is what was said);
    - a noun phrase after a comma that names the clause as a claim is the outlet's gloss ("..., a
      claim residents rejected", "..., an account the ministry denies")."""
    start, end = _subtree_range(head)
    doc = head.doc
    acts = lex.speech_verbs | lex.accusation_verbs
    for t in head.subtree:
        joined_act = (t.dep_ == "conj" and t.head.i == head.i and t.pos_ == "VERB" and t.lemma_.lower() in acts
                      and t.tag_ == head.head.tag_ != head.tag_
                      and not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children))
        if not (joined_act or (t.dep_ in ("npadvmod", "appos", "conj") and _is_gloss(t, lex))):
            continue
        k = t.left_edge.i - 1
        while k > head.left_edge.i and (doc[k].dep_ == "cc" or doc[k].text in ",;—–-"):
            k -= 1
        end = min(end, _tok_end(doc[k]))
    return start, end


def _medium_clause(v: "Token", lex: Lexicon) -> "Token | None":
    """The that-clause of "said in a statement that ...", "told reporters in an interview that ...": the
    parser makes it a clause of the medium noun (acl/relcl/ccomp) instead of the verb's ccomp. Only a
    clause opened by a complementizer counts; "in a statement that was posted online" is a relative
    clause whose "that" is its subject, not a mark, and says nothing."""
    for prep in v.children:
        if prep.dep_ != "prep":
            continue
        for noun in prep.children:
            if noun.dep_ != "pobj" or noun.lemma_.lower() not in lex.medium_nouns:
                continue
            for c in noun.children:
                if c.dep_ in ("acl", "relcl", "ccomp") and any(
                        m.dep_ == "mark" and m.lower_ in lex.complementizers for m in c.children):
                    return c
    return None


def _directive_clause(v: "Token", lex: Lexicon) -> "Token | None":
    """The to-infinitive of a directive speech verb ("urged X to end", "called on X to stop"; the
    parser makes the latter an adverbial clause after the addressee's preposition, which a purpose
    clause — "called a meeting to discuss" — lacks)."""
    if v.lemma_.lower() not in lex.directive_verbs:
        return None
    for c in v.children:
        if not any(g.tag_ == "TO" for g in c.children):
            continue
        addressed = any(p.dep_ == "prep" and p.i < c.i for p in v.children)
        if c.dep_ == "xcomp" or (c.dep_ == "advcl" and addressed):
            return c
    return None


def _is_gloss(tok: "Token", lex: Lexicon) -> bool:
    """", a claim residents rejected": a claim noun set off by a comma."""
    left = tok.left_edge.i
    return tok.lemma_.lower() in lex.gloss_nouns and left > 0 and tok.doc[left - 1].text == ","


def _subtree_range(tok: "Token") -> tuple[int, int]:
    toks = list(tok.subtree)
    return toks[0].idx, _tok_end(toks[-1])


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    start, end = _strip(text, start, end)
    while end > start and text[end - 1] in ".,;:":
        end -= 1
    lowered = text[start:end].lower()
    for word in lexicon().complementizers:  # "said that ...": the clause, not its complementizer
        if lowered.startswith(word + " "):
            start += len(word) + 1
            break
    return start, end


def _according_quote(acc: "Token", text: str, rid: str, resolver: Resolver) -> Quote | None:
    to = _source_word(acc)
    src = next((g for g in to.children if g.dep_ == "pobj"), None)
    if src is None:
        src = next((t for t in acc.doc[to.i + 1 : acc.sent.end] if t.pos_ in ("PROPN", "NOUN")), None)
    if src is None:
        return None
    sent = acc.sent
    phrase_end = max(_tok_end(src), _subtree_range(src)[1])
    if acc.i == sent.start or text[sent.start_char : acc.idx].strip() == "":
        start, end = phrase_end, sent.end_char  # "According to X, ..."
    else:
        start, end = sent.start_char, acc.idx  # "..., according to X."
        if any(m.open >= _tok_end(src) and not text[_tok_end(src) : m.open].strip(" ,:")
               for m in resolver.quoted.marked):
            return None  # "The wreck was, in the words of X, “a disaster”": the cue is the quote's
    start, end = _trim(text, start, end)
    start = _skip_punct(text, start, end)
    if end <= start or resolver.quoted.covers(start, end):
        return None  # '“...,” according to X': the direct quote already has X as its speaker
    ref = resolver.speaker(src)
    cue_end = _tok_end(to)
    return Quote(_span(rid, text, start, end), ref.name if ref else None, ref.actor_id if ref else None,
                 text[acc.idx : cue_end], _span(rid, text, acc.idx, cue_end), False, NAME)


def _skip_punct(text: str, start: int, end: int) -> int:
    while start < end and (text[start] in ",;:-–—" or text[start].isspace()):
        start += 1
    return start


def _dedupe(quotes: list[Quote]) -> list[Quote]:
    seen: set[tuple[int, int, bool]] = set()
    out = []
    for q in sorted(quotes, key=lambda q: (q.span.start, -q.span.end)):
        key = (q.span.start, q.span.end, q.direct)
        if key not in seen:
            seen.add(key)
            out.append(q)
    return out


# ---------------------------------------------------------------------------------------------
# Attribution


def attribution_for(analysis: Analysis, start: int, end: int) -> Attribution:
    """Who asserts report.text[start:end]: the speaker of the innermost quote or reported clause
    holding it, else the outlet. Hedges and certainty markers of that clause go in ``hedges``."""
    lex = lexicon()
    text = analysis.report.text
    holder = _innermost(analysis.quotes, start, end)
    if holder is None:
        s, e = sentence_bounds(text, start, end)
        outlet = analysis.report.outlet or OUTLET_FALLBACK
        return Attribution(outlet, "outlet", None, None, _markers(text[s:e], lex))
    hedges = list(_markers(holder.span.text, lex))
    if holder.cue and holder.cue.lower() in lex.hearsay_verbs and holder.speaker_id is None:
        hedges.append(f"{holder.speaker} {holder.cue}")  # "opposition leaders say": unnamed, plural
    return Attribution(holder.speaker or OUTLET_FALLBACK, _kind(holder, text, lex), holder.speaker_id, holder.cue_span,
                       tuple(dict.fromkeys(hedges)))


def is_hedged(attribution: Attribution) -> bool:
    """True when the attribution carries a hedge, not merely a certainty marker."""
    lex = lexicon()
    return any(not lex.certainty_re.fullmatch(h) for h in attribution.hedges)


def _innermost(quotes: Iterable[Quote], start: int, end: int) -> Quote | None:
    best: Quote | None = None
    for q in quotes:
        if q.speaker and q.span.start <= start and end <= q.span.end:
            if best is None or q.span.end - q.span.start < best.span.end - best.span.start:
                best = q
    return best


def _kind(q: Quote, text: str, lex: Lexicon) -> str:
    if q.cue and any(q.cue.lower().startswith(p) for p in lex.according_phrases):
        return "according_to"
    if q.direct:
        return "quote"
    if q.cue_span is not None:
        s, e = sentence_bounds(text, q.cue_span.start, q.cue_span.end)
        sent = text[s:e].lower()
        if any(marker in sent for marker in lex.statement_markers):
            return "statement"
    return "reported_speech"


def _markers(clause: str, lex: Lexicon) -> tuple[str, ...]:
    found = [_clean(m.group(0)) for m in lex.hedge_re.finditer(clause)]
    found += [_clean(m.group(0)) for m in lex.certainty_re.finditer(clause)]
    return tuple(dict.fromkeys(found))


def _clean(phrase: str) -> str:
    """'reasonable grounds” to believe' -> 'reasonable grounds to believe' (marks and case dropped)."""
    return " ".join(re.sub(f"[{_MARKS}‘’]", " ", phrase).split()).lower()


_SENT_END = re.compile(r"[.!?][\"”’»]?(?=\s+[\"“„«A-Z0-9])|\n")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """A sentence around [start, end) from punctuation alone (attribution has no Doc)."""
    s = 0
    for m in _SENT_END.finditer(text, 0, start):
        s = m.end()
    m2 = _SENT_END.search(text, end)
    e = m2.end() if m2 else len(text)
    return _strip(text, s, e)


# ---------------------------------------------------------------------------------------------
# Claims


def _legal_claims(analysis: Analysis, lex: Lexicon) -> Iterator[Claim]:
    text = analysis.report.text
    rid = analysis.report.id
    for label, pattern in lex.legal:
        for m in pattern.finditer(text):
            if _is_name_part(text, m.start()):
                continue
            yield Claim(_span(rid, text, m.start(), m.end()), "legal_characterisation", label,
                        attribution_for(analysis, m.start(), m.end()), NAME)


def _is_name_part(text: str, start: int) -> bool:
    """'Convention against Torture': a capitalised term mid-sentence is part of a name."""
    if not text[start].isupper():
        return False
    before = text[:start].rstrip()
    return bool(before) and before[-1] not in ".!?\n\"“„«‘–—:"


def _hedged_claims(doc: "Doc", analysis: Analysis, lex: Lexicon) -> Iterator[Claim]:
    text = analysis.report.text
    rid = analysis.report.id
    seen: set[tuple[int, str]] = set()
    for m in lex.hedge_re.finditer(text):
        sent = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if sent is None:
            continue
        par_start = text.rfind("\n", 0, m.start()) + 1
        par_end = text.find("\n", m.end()) % (len(text) + 1)
        s, e = _strip(text, max(sent.sent.start_char, par_start), min(sent.sent.end_char, par_end))
        label = _clean(m.group(0))
        if (s, label) in seen:
            continue
        seen.add((s, label))
        yield Claim(_span(rid, text, s, e), "hedged_assertion", label,
                    attribution_for(analysis, m.start(), m.end()), NAME)
    done = {s for s, _label in seen}
    for q in analysis.quotes:  # "opposition leaders say ...": hearsay from an unnamed source
        if not q.direct and q.speaker and q.speaker_id is None and q.cue and q.cue.lower() in lex.hearsay_verbs:
            if q.span.start not in done and (q.cue_span is None or q.cue_span.start not in done):
                done.add(q.span.start)
                yield Claim(q.span, "hedged_assertion", f"{q.speaker} {q.cue}",
                            attribution_for(analysis, q.span.start, q.span.end), NAME)
