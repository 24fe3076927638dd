"""Events: source -> action -> target, coded in PLOVER with a CAMEO code, from the dependency parse.

All lexical knowledge (verbs, particles/prepositions, object classes, nouns, complement verbs,
modality cues) lives in ``ontology/plover.json``; this module only walks the parse:

1. one pass over tokens: a verb is looked up (particle > preposition[:object class] > object >
   default), a light verb ("hold talks", "impose a curfew") takes its object noun's type, a noun
   names an event when it has an actor or is the subject of an occurrence verb ("protests erupted");
2. complement verbs (threaten/refuse/urge/promise/plan to ...) absorb the event they embed and take
   their mode from it;
3. modality: negation, planned (will, plan to, ready to), conditional (if/unless), reported (inside
   a speech verb's clause); planned cooperation becomes AGREE and planned force THREATEN (PLOVER:
   "cooperative actions reported in future tense are taken to imply intentions"); a negated
   cooperative act becomes REJECT.

Confidence is higher for main-clause verbs than for embedded or nominal events, so "the main event
of a sentence" is simply the most confident non-OTHER one.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..ontology import load as load_table
from ..ontology.cameo import event_args, plover
from ..records import Actor, Analysis, Attribution, Event, Magnitude, Place, Span, TimeValue
from .coref import links_by_start
from .entities import country_of, country_phrase, resolve_actor
from .places import DATELINE_END, event_place_for, past_dateline
from .quotes import attribution_for

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

NAME = "factfinder.events.rules.v13"
REQUIRES: tuple[str, ...] = ("mentions", "actors", "coref", "dates", "places", "magnitudes", "quotes", "claims")
ASSIGNS: tuple[str, ...] = ("events",)

Triple = tuple[str, str | None, str | None]  # (PLOVER type, mode, CAMEO code)

_SUBJ = ("nsubj", "csubj")
_PASS_SUBJ = ("nsubjpass", "csubjpass")
_CLAUSE_EDGES = ("ccomp", "xcomp", "advcl", "relcl", "acl", "pcomp", "csubj")
_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "it", "its", "they", "them", "their", "we", "us", "our",
             "i", "me", "my", "you", "your", "itself", "themselves", "himself", "herself"}
_NON_ACTOR_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"}
# event_args classes of people
_PERSON_CLASSES = frozenset({"labour", "employee", "armed", "crowd", "official_visitor"})
_MEANS_CLASSES = frozenset({"weapon", "aircraft", "crowd_control"})  # event_args classes of what an act is done with


# ---------------------------------------------------------------- lexicon
@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, Any]
    nouns: dict[str, list[Any]]
    lemma_class: dict[str, str]
    light: frozenset[str]
    experiencer: frozenset[str]
    occurrence: frozenset[str]
    speech: frozenset[str]
    obligation: frozenset[str]
    future_aux: frozenset[str]
    conditional: frozenset[str]
    hedges: frozenset[str]
    legal_venues: frozenset[str]
    willing: frozenset[str]
    evaluation: frozenset[str]
    positive: frozenset[str]
    negative: frozenset[str]
    cooperative: frozenset[str]
    future_shift: dict[str, str]
    negation_shift: dict[str, str]
    embedded_mode: dict[str, dict[str, str]]
    embedded_by_mode: dict[str, str]
    sector_words: dict[str, str]
    actor_nouns: frozenset[str]
    quantifiers: frozenset[str]
    partitive: frozenset[str]
    containers: frozenset[str]
    igo_names: tuple[str, ...] = ()
    mode_cues: dict[str, list[tuple[str, frozenset[str]]]] = field(default_factory=dict)
    raw: dict[str, Any] = field(repr=False, default_factory=dict)


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for k, v in extra.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def expanded_verbs(d: dict[str, Any]) -> dict[str, Any]:
    """The verb table with the codebook verb classes (``verb_classes``) spread over their members:
    a member takes the class's object/preposition/particle patterns, and its own entry adds to them."""
    verbs = dict(d["verbs"])
    for name, cls in d.get("verb_classes", {}).items():
        if name.startswith("_"):
            continue
        spec = {k: v for k, v in cls.items() if k not in ("about", "verbs")}
        for v in cls["verbs"]:
            verbs[v] = _merge(spec, verbs.get(v, {}))
    return verbs


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    d = plover()
    lemma_class: dict[str, str] = {}
    for cls, words in d["classes"].items():
        for w in words:
            lemma_class.setdefault(w, cls)
    sector_words = {w: sector for sector, words in d["sectors"].items() for w in words}
    fs = frozenset
    return Lexicon(
        verbs=expanded_verbs(d), nouns=d["nouns"], lemma_class=lemma_class, light=fs(d["light_verbs"]),
        experiencer=fs(d["experiencer_verbs"]), occurrence=fs(d["occurrence_verbs"]), speech=fs(d["speech_verbs"]),
        obligation=fs(d["obligation_aux"]), future_aux=fs(d["future_aux"]), conditional=fs(d["conditional_marks"]),
        hedges=fs(d["hedges"]), legal_venues=fs(d["legal_venue_words"]), willing=fs(d["willing_adjectives"]),
        evaluation=fs(d["evaluation_verbs"]),
        positive=fs(d["evaluation_positive"]), negative=fs(d["evaluation_negative"]), cooperative=fs(d["cooperative"]),
        future_shift=d["future_shift"], negation_shift=d["negation_shift"], embedded_mode=d["embedded_mode"],
        embedded_by_mode=d["embedded_mode_by_child_mode"], sector_words=sector_words,
        actor_nouns=fs(d["actor_nouns"]), quantifiers=fs(d["quantifiers"]), partitive=fs(d["partitive_heads"]),
        containers=fs(d["container_nouns"]), igo_names=tuple(d["igo_names"]),
        mode_cues={t: [(m, fs(ws)) for m, ws in v] for t, v in d["mode_cues"].items()}, raw=d,
    )


def _coded(name: str) -> Triple:
    """A derived event's (type, mode, CAMEO code), from plover.json ``coded_events``."""
    t = lexicon().raw["coded_events"][name]
    return (t[0], t[1], t[2])


def _threat_cameo(threatened: str | None) -> str:
    """CAMEO code of a threat by the type of what it threatens (plover.json ``threat_cameo``)."""
    table = lexicon().raw["threat_cameo"]
    return str(table.get(threatened or "", table["*"]))


def sector_codes() -> dict[str, str]:
    return dict(plover()["sector_codes"])


# ---------------------------------------------------------------- argument classes and word sense
@dataclass(frozen=True)
class ArgTable:
    """``ontology/event_args.json``: which head nouns belong to which argument class, and the sense
    rules of verbs/nouns whose PLOVER type depends on their arguments ('missiles struck' vs 'workers struck')."""
    classes: dict[str, frozenset[str]]
    entity_classes: dict[str, tuple[str, ...]]
    verb_senses: dict[str, list[dict[str, Any]]]
    noun_senses: dict[str, list[dict[str, Any]]]
    patient_nouns: frozenset[str]
    participation: frozenset[str]
    consequence: frozenset[str]
    anaphoric: frozenset[str]
    reciprocal: frozenset[str]
    offence_preps: frozenset[str] = frozenset()
    offence_heads: frozenset[str] = frozenset()
    time_preps: frozenset[str] = frozenset()
    representative: frozenset[str] = frozenset()
    authority_acts: frozenset[str] = frozenset()
    authority_sectors: frozenset[str] = frozenset()
    spokesperson: frozenset[str] = frozenset()
    statement_nouns: frozenset[str] = frozenset()


@functools.lru_cache(maxsize=1)
def arg_table() -> ArgTable:
    d = event_args()
    return ArgTable(
        classes={k: frozenset(v) for k, v in d["classes"].items()},
        entity_classes={k: tuple(v) for k, v in d["entity_classes"].items()},
        verb_senses=d["verb_senses"], noun_senses=d["noun_senses"],
        patient_nouns=frozenset(d["patient_nouns"]), participation=frozenset(d["participation_heads"]),
        consequence=frozenset(d["consequence_verbs"]), anaphoric=frozenset(d["anaphoric_determiners"]),
        reciprocal=frozenset(d["reciprocal_preps"]), offence_preps=frozenset(d["offence_preps"]),
        offence_heads=frozenset(d["offence_heads"]), time_preps=frozenset(d["time_preps"]),
        representative=frozenset(d["representative_nouns"]), authority_acts=frozenset(d["authority_acts"]),
        authority_sectors=frozenset(d["authority_sectors"]), spokesperson=frozenset(d["spokesperson_nouns"]),
        statement_nouns=frozenset(d["statement_nouns"]),
    )


def arg_classes(tok: "Token | None") -> frozenset[str]:
    """Semantic classes of an argument head: its lemma (or modifier + lemma, 'tear gas'), else its entity
    text ('the Harbour Staff Union' -> labour). A coordinated argument takes its first conjunct's class."""
    if tok is None:
        return frozenset()
    tab = arg_table()
    lem = _lemma(tok)
    if {lem, tok.lower_} & (lexicon().quantifiers | lexicon().containers) or tok.pos_ == "NUM":
        # "thousands of dock workers", "a group of gunmen": the class of what is counted
        inner = next((po for p in _children(tok, "prep") if _lemma(p) == "of" for po in _children(p, "pobj")), None)
        if inner is not None:
            return arg_classes(inner)
    keys = {lem, tok.lower_} | {f"{_lemma(c)} {lem}" for c in tok.children if c.dep_ in ("compound", "amod")}
    out = {name for name, words in tab.classes.items() if keys & words}
    if tok.ent_type_ in ("ORG", "NORP"):
        ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
        words = f" {ent.text.lower()} " if ent is not None else ""
        out |= {name for name, cues in tab.entity_classes.items() if any(f" {c}" in words for c in cues)}
    return frozenset(out)


def _modifier_classes(noun: "Token") -> frozenset[str]:
    """Classes of what modifies a nominal event: 'missile strikes', 'a strike by dockworkers', 'workers' strike'."""
    out: set[str] = set()
    for c in noun.children:
        if c.dep_ in ("compound", "amod", "nmod", "poss") and c.i < noun.i:
            out |= arg_classes(c)
        elif c.dep_ in ("prep", "agent") and _lemma(c) == "by":
            out |= arg_classes(_first(c, "pobj"))
    if noun.dep_ == "dobj" and _verb_lemma(noun.head, lexicon()) in lexicon().light:
        # "its forces carried out a strike", "dockers staged a strike": the light verb's subject does it
        out |= arg_classes(_subject(noun.head))
    return frozenset(out)


def _sense_subject(tok: "Token") -> "Token | None":
    """Who acts, for sense: the by-agent of a passive, else the grammatical subject."""
    if _is_passive(tok):
        for p in _children(tok, "agent", "prep"):
            if _lemma(p) == "by":
                return _first(p, "pobj")
        return None
    subj = _prenominal_agent(tok) or _subject(tok)
    return subj if subj is not None else (tok.head if tok.dep_ in ("acl", "relcl") else None)


def _prenominal_agent(tok: "Token") -> "Token | None":
    """'striking dock workers', 'protesting farmers', 'rioting prisoners': an active participle right before
    a plural noun of people describes what those people do (the parser may make the noun its head, its
    object or its compound). 'protesting the decision' has an object, not an agent."""
    if tok.tag_ != "VBG":
        return None
    noun = tok.head if tok.dep_ in ("amod", "compound") else _first(tok, "dobj")
    if noun is None or noun.i <= tok.i or noun.tag_ != "NNS":
        return None
    if any(t.dep_ in ("det", "poss", "nummod") or t.pos_ in ("DET", "PRON", "NUM") for t in tok.doc[tok.i + 1:noun.i]):
        return None
    lex = lexicon()
    people = (_lemma(noun) in lex.sector_words or _lemma(noun) in lex.actor_nouns
              or bool(arg_classes(noun) & _PERSON_CLASSES))
    return noun if people else None


def _rule_holds(rule: dict[str, Any], tok: "Token", *, noun: bool) -> bool:
    if "subj" in rule and rule["subj"] not in arg_classes(_sense_subject(tok)):
        return False
    if "obj" in rule:
        obj = _first(tok, "dobj") or (_first(tok, *_PASS_SUBJ) if _is_passive(tok) else None)
        if obj is None and _is_passive(tok) and tok.dep_ in ("acl", "relcl"):
            obj = tok.head  # "mortar shells fired by militants": the noun the participle describes
        if rule["obj"] not in arg_classes(obj):
            return False
    if "has_obj" in rule and (_first(tok, "dobj") is not None) != bool(rule["has_obj"]):
        return False
    if "mod" in rule and rule["mod"] not in _modifier_classes(tok):
        return False
    clauses = _children(tok, "xcomp", "ccomp", "advcl")
    if "clause" in rule and bool(clauses) != bool(rule["clause"]):
        return False
    wanted = rule.get("clause_lemma")
    if isinstance(wanted, str):  # a named class of clause verbs (event_args clause_classes)
        wanted = event_args()["clause_classes"][wanted]
    if wanted is not None and not any(_lemma(c) in wanted for c in clauses):
        return False
    # "holds the minister responsible": the predicate the verb assigns its object
    if "pred_lemma" in rule and not any(_lemma(c) in rule["pred_lemma"] for c in tok.children
                                        if c.dep_ in ("oprd", "acomp", "xcomp", "ccomp", "advmod", "dobj", "amod")
                                        for c in [c] + [g for g in c.children if g.dep_ in ("amod", "acomp")]):
        return False
    # "a post signed by the embassy": a participle describing a thing, not an act reported
    attributive = tok.dep_ == "acl" or (tok.tag_ == "VBN" and tok.dep_ in ("advcl", "amod")
                                        and not _children(tok, "aux", "auxpass", "nsubj", "nsubjpass"))
    if "attributive" in rule and attributive != bool(rule["attributive"]):
        return False
    # "asked me who was paying me": a question put, not a request
    if "clause_wh" in rule and any(t.tag_ in ("WP", "WRB", "WDT")
                                   or (t.dep_ == "mark" and _lemma(t) in event_args()["question_marks"])
                                   for c in _children(tok, "ccomp") for t in c.subtree
                                   if t.i < c.i) != bool(rule["clause_wh"]):
        return False
    if "agentless" in rule and (_sense_subject(tok) is not None) == bool(rule["agentless"]):
        return False
    # "a hunger strike on Monday": a time is not what a preposition rule asks about
    preps = [c for c in tok.children if c.dep_ in ("prep", "agent", "prt", "advmod")
             and not any(po.ent_type_ in ("DATE", "TIME") for po in _children(c, "pobj"))]
    if "prep" in rule and not any(_lemma(p) in rule["prep"] for p in preps):
        return False
    if "pobj" in rule:
        pobjs = [_first(p, "pobj") for p in preps if _lemma(p) in rule.get("preps", ())]
        if not any(rule["pobj"] in arg_classes(po) for po in pobjs):
            return False
    return True


def _sense(table: dict[str, list[dict[str, Any]]], lem: str, tok: "Token", *, noun: bool
           ) -> tuple[Triple | None, str] | None:
    """(triple or None for 'not an event', rule tag) from the first sense rule that holds, else None."""
    for i, rule in enumerate(table.get(lem, ())):
        if _rule_holds(rule, tok, noun=noun):
            t = rule["t"]
            if t == "table":
                return None
            tag = "+".join(f"{k}:{v}" for k, v in rule.items() if k not in ("t", "preps")) or str(i)
            return (None if t == "none" else (t[0], t[1], t[2])), tag
    return None


# ---------------------------------------------------------------- candidates
@dataclass
class _Cand:
    tok: "Token"
    triple: Triple | None
    rule: str
    kind: str  # verb/light/noun/amod/complement/evaluation/obligation
    complement: str | None = None
    consumed: set[int] = field(default_factory=set)  # token ids whose meaning this event took
    src_tok: "Token | None" = None  # override of where sources come from
    tgt_toks: list["Token"] = field(default_factory=list)
    subj_is_target: bool = False
    embedded: "_Cand | None" = None
    conf_adj: float = 0.0


def _lemma(tok: "Token") -> str:
    return tok.lemma_.lower()


def _children(tok: "Token", *deps: str) -> list["Token"]:
    return [c for c in tok.children if c.dep_ in deps]


def _first(tok: "Token", *deps: str) -> "Token | None":
    for c in tok.children:
        if c.dep_ in deps:
            return c
    return None


def _finite_child(tok: "Token") -> bool:
    """A finite verb with no subject of its own below ``tok``, or after it under the same head: the
    predicate the small model split from the subject ``tok`` modifies."""
    after = [c for c in tok.head.children if c.i > tok.i]
    return any(c.tag_ in ("VBD", "VBZ", "VBP") and c.dep_ in ("advcl", "conj", "ccomp")
               and _first(c, "nsubj", "nsubjpass") is None for c in [*tok.children, *after])


def _is_passive(tok: "Token") -> bool:
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children):
        return True
    if tok.dep_ == "conj" and tok.tag_ == "VBN" and tok.head is not tok and _is_passive(tok.head):
        return True  # "... were driven into exile or jailed"
    # "65,000 people arrested": a bare past participle with a subject reads as passive -- unless it has
    # its own object ("Lornstad, 4 May -- riot police detained 30 people": the small model makes
    # the verb a participle of the dateline's appositive)
    if _first(tok, "dobj") is not None:
        return False
    if (tok.dep_ == "ccomp" and tok.head.tag_ in ("VBD", "VBZ", "VBP") and _lemma(tok.head) in lexicon().speech
            and not _finite_child(tok)):
        # "witnesses said soldiers fired on the crowd": a clause told by a finite verb of speech is
        # finite too (prose would say "were fired"); the small model tags a regular past as VBN.
        # With a finite verb of its own below it ("said the two men shot there died after ..."),
        # the participle is a reduced relative and the finite verb the clause's predicate.
        return False
    return tok.tag_ == "VBN" and tok.dep_ in ("ccomp", "acl", "pcomp", "advcl", "relcl") and not any(
        c.dep_ == "aux" and _lemma(c) == "have" for c in tok.children)


def _object_inner(obj: "Token") -> "Token":
    """What a container, quantity or count noun is of ('a cloud of ammonia', '200 litres of fuel'); the noun
    itself otherwise."""
    lex = lexicon()
    if _lemma(obj) in lex.containers or obj.lower_ in lex.quantifiers or _lemma(obj) in lex.raw["count_nouns"] or (
            obj.pos_ == "NUM"):
        inner = next((po for p in _children(obj, "prep") if _lemma(p) == "of" for po in _children(p, "pobj")), None)
        if inner is not None:
            return inner
    return obj


def _object(tok: "Token") -> "Token | None":
    obj = _first(tok, "dobj", "attr", "oprd")
    if obj is None and _is_passive(tok):
        obj = _first(tok, "nsubjpass", "nsubj")
    # "700 kg of medicine", "a state of emergency", "carried out dozens of arrests": the of-phrase names
    # what is acted on
    return _object_inner(obj) if obj is not None else None


def _noun_key(noun: "Token", lex: Lexicon) -> list[str]:
    """Lookup keys for a noun: two-word compound first ("hunger strike"), then lemma, then class."""
    lem = _lemma(noun)
    keys = [f"{_lemma(c)} {lem}" for c in noun.children if c.dep_ in ("compound", "amod") and c.i < noun.i]
    keys.append(lem)
    if lem in lex.lemma_class:
        keys.append(lex.lemma_class[lem])
    for c in noun.children:  # "aid deliveries", "mediation efforts": the modifier names the class
        if c.dep_ == "compound" and c.i < noun.i:
            keys.append(_lemma(c))
            if _lemma(c) in lex.lemma_class:
                keys.append(lex.lemma_class[_lemma(c)])
    return keys


def _resolve_spec(spec: Any, tok: "Token", lex: Lexicon, rule: str, depth: int = 0) -> tuple[Any, str, set[int]]:
    """Descend a verb entry: particle > preposition[:class] > object > default. Returns (leaf, rule, used ids)."""
    if not isinstance(spec, dict) or depth > 3:
        return spec, rule, set()
    for c in tok.children:
        if c.dep_ in ("prt", "prep", "advmod") and "prt" in spec and _lemma(c) in spec["prt"]:
            leaf, r, used = _resolve_spec(spec["prt"][_lemma(c)], tok, lex, f"{rule}+prt_{_lemma(c)}", depth + 1)
            if leaf is not None:
                return leaf, r, used | {c.i}
    if "prep" in spec:
        # "called for the two to be released": the parser makes 'for' the mark of the infinitive clause
        marks = [m for c in _children(tok, "advcl") for m in _children(c, "mark") if m.i < c.i]
        for p in _children(tok, "prep", "agent") + marks:
            pobj = _first(p, "pobj", "pcomp")
            if pobj is not None and pobj.ent_type_ in ("DATE", "TIME"):
                continue  # "called a strike for Friday": when, not what for
            keys = [f"{_lemma(p)}:{k}" for k in (_noun_key(pobj, lex) if pobj is not None else [])] + [_lemma(p)]
            for k in keys:
                if k in spec["prep"]:
                    leaf, r, used = _resolve_spec(spec["prep"][k], tok, lex, f"{rule}+prep_{k}", depth + 1)
                    used = used | {p.i} | ({pobj.i} if pobj is not None and ":" in k else set())
                    return leaf, r, used
    if "obj" in spec:
        obj = _object(tok)
        if obj is not None:
            for k in _noun_key(obj, lex):
                if k in spec["obj"]:
                    leaf = spec["obj"][k]
                    return leaf, f"{rule}+dobj:{k}", {obj.i}
    if "c" in spec:
        return spec, rule, set()
    return spec.get("t"), rule, set()


def _natural_force(tok: "Token | None", lex: Lexicon) -> bool:
    """A natural force or a disease: a common noun of natural_forces ('the storm', 'the virus') or the name of
    a disease or its agent ('Ebola', 'yellow fever', 'the H7N9 strain'), which news writes as a doer of harm
    although no party acts."""
    if tok is None:
        return False
    if _lemma(tok) in lex.raw["natural_forces"] or tok.lower_ in lex.raw["natural_forces"]:
        return True
    # the noun alone or with its name words ("Ebola", "yellow fever"); a disease naming another noun's kind
    # ("the anthrax attacks") leaves that noun what it is
    words = [c.lower_ for c in tok.lefts if c.dep_ in ("compound", "amod")] + [tok.lower_]
    names = {tok.lower_, " ".join(words)}
    return bool(names & _disease_names(lex)) or any(
        re.match(p, n) for p in lex.raw["disease_name_patterns"] for n in names)


@functools.lru_cache(maxsize=4)
def _disease_names_of(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(names)


def _disease_names(lex: Lexicon) -> frozenset[str]:
    return _disease_names_of(tuple(lex.raw["disease_names"]))


def _verb_lemma(tok: "Token", lex: Lexicon) -> str:
    """The lemma, or a suffix-stripped form the tables know when the lemmatiser slipped
    ("staged" -> "stag" instead of "stage")."""
    lem = _lemma(tok)
    if lem in lex.verbs or lem in lex.light:
        return lem
    w = tok.lower_
    forms = {"VBD": (w[:-1], w[:-2]), "VBN": (w[:-1], w[:-2]), "VBG": (w[:-3] + "e", w[:-3]), "VBZ": (w[:-1],)}
    return next((f for f in forms.get(tok.tag_, ()) if f in lex.verbs or f in lex.light), lem)


def _verb_cand(tok: "Token", lex: Lexicon) -> _Cand | None:
    lem = _verb_lemma(tok, lex)
    doer, done = _sense_subject(tok), _first(tok, "dobj")
    if any(_natural_force(t, lex) for t in (doer, done)):
        return None  # "an earthquake struck", "floods destroyed 200 homes", "battled the blaze": no one's act
    if _effect_of_failure(tok, lex):
        return None  # "the roof caved in, injuring six": what a failure did
    if doer is not None and _first(tok, "dobj") is None and (
            lem in lex.raw["accident_verbs"] and _thing_fails(tok, lex)):
        return None  # "a warehouse caught fire", "the ferry broke apart": a thing failing by itself is no one's act
    if _toxic_thing(doer, lex):
        return None  # "tainted alcohol killed 20": harm by a substance no party aimed
    if _harm_by_mishap(tok, lex):
        return None  # "killed in a bus crash", "injured when the stand collapsed": harm no one did
    if _harms_animals(tok, lex):
        return None  # "culled 20,000 chickens", "slaughtered their cattle": animals are no party to an event
    sensed = _sense(arg_table().verb_senses, lem, tok, noun=False)
    if sensed is not None:
        trip, tag = sensed
        return _Cand(tok, trip, f"sense:{lem}+{tag}", "verb") if trip is not None else None
    entry = lex.verbs.get(lem)
    if entry is not None and lem in lex.raw["objection_verbs"] and _objection(tok, lex):
        # "the ministry protested the detention", "the envoy protested that ...": an objection voiced, not a
        # demonstration held (CAMEO 111)
        cand = _Cand(tok, _coded("disapprove"), f"objection:{lem}", "verb")
        cand.tgt_toks = [t for t in (_first(tok, "dobj"),) if t is not None] + _prep_targets(tok)
        return cand
    if entry is not None and not _entry_fits(entry, tok, lex):
        return None  # "shares rallied", "the constitution guarantees ...", "analysts agreed that ...": another sense
    if entry is not None:
        leaf, rule, used = _resolve_spec(entry, tok, lex, f"verb:{lem}")
        if leaf is entry.get("t") and not used and not _own_event_holds(entry, tok, lex):
            leaf = None  # 'gathered information', 'received support', 'released a statement': another sense
        hosted = _first(tok, "dobj")
        if (entry.get("actor_object") and hosted is not None
                and lex.lemma_class.get(_lemma(hosted)) in ("talks", "visit")):
            used = used | {hosted.i}  # "hosted talks between ...": one meeting, hosted
        if isinstance(leaf, dict) and "c" in leaf and lem in lex.light and not _children(tok, "xcomp", "ccomp"):
            # "ordered patrols", "undertook a mediation mission": no clause to embed, the object names the event
            light = _light_cand(tok, lex)
            if light is not None:
                return light
        if isinstance(leaf, dict) and "c" in leaf:
            trip = tuple(leaf["t"]) if leaf.get("t") else None
            return _Cand(tok, trip, rule, "complement", complement=leaf["c"], consumed=used,  # type: ignore[arg-type]
                         conf_adj=float(entry.get("conf", 0.0)))
        if isinstance(leaf, list):
            return _Cand(tok, (leaf[0], leaf[1], leaf[2]), rule, "verb", consumed=used,
                         conf_adj=float(entry.get("conf", 0.0)))
    return (_light_cand(tok, lex) or _evaluation_cand(tok, lex) or _judgement_cand(tok, lex)
            or _stance_phrase_cand(tok, lex))


def _stance_phrase_cand(tok: "Token", lex: Lexicon) -> _Cand | None:
    """'spoke in support of the bill', 'wrote in defence of the officers', 'voted in favour of X': a verb that
    is no event of its own, with a phrase stating its doer's stance, is support for what the phrase names."""
    if tok.pos_ != "VERB":
        return None
    for p in _children(tok, "prep"):
        if _lemma(p) != "in":
            continue
        for stance in _children(p, "pobj"):
            if _lemma(stance) not in lex.raw["stance_phrases"]:
                continue
            cand = _Cand(tok, _coded("endorse"), f"stance_phrase:{_lemma(stance)}", "verb")
            cand.tgt_toks = [o for q in _children(stance, "prep") if _lemma(q) in ("of", "with") for o in _pobjs(q)]
            cand.consumed = cand.consumed | {stance.i}
            return cand
    return None


def _entry_fits(entry: dict[str, Any], tok: "Token", lex: Lexicon) -> bool:
    """Constraints of a verb entry on every one of its senses (plover.json ``verbs``):
    ``agent_acts`` (a stated doer must be able to act: 'the rebels retreated', not 'shares retreated' or 'the
    constitution guarantees ...'), ``not_objects`` and ``not_particles`` (object lemmas or particles that make
    it another verb: 'offered his condolences', 'accepted the award', 'was sworn in'), ``not_from`` (a place or
    state left that makes it another act: 'released from hospital', 'withdrew from the race'), ``fact_clause`` (a
    that-clause stating how things are is an opinion:
    'analysts agreed that the economy was slowing', not 'agreed that talks would resume')."""
    if entry.get("agent_acts"):
        doer = _sense_subject(tok)
        if doer is not None and not _doer_can_act(doer, lex):
            return False
    # what is acted on: the object, or the subject of a passive ("specimens were examined")
    obj = _first(tok, "dobj") or (_first(tok, *_PASS_SUBJ) if _is_passive(tok) else None)
    if obj is not None and (_lemma(obj) in entry.get("not_objects", ()) or obj.lower_ in entry.get("not_objects", ())):
        return False
    left = entry.get("not_from", ())
    if left and any(_lemma(po) in left for po in _left_places(tok)):
        return False  # "released from hospital", "withdrew from the race", "pulled out of the tournament"
    if any(_lemma(c) in entry.get("not_particles", ()) for c in _children(tok, "prt")):
        return False  # "was sworn in": an inauguration, no pledge
    if entry.get("party_partner") and not any(
            _institution(po, lex) for p in _children(tok, "prep") if _lemma(p) == "with" for po in _pobjs(p)):
        return False  # "worked with the ministry", "is working with X on a deal" -- not "worked with children"
    if entry.get("transitive_only") and not (_children(tok, "xcomp", "dobj", "ccomp") or _is_passive(tok)):
        return False  # "exports declined", "cases will decline to 600": a fall, no refusal
    if entry.get("act_complement") and not any(
            _verb_lemma(x, lex) in lex.verbs or _lemma(x) in lex.light or _lemma(x) in lex.raw["duty_verbs"]
            for x in _children(tok, "xcomp")):
        return False  # "failed to win a seat", "failed to become ill": no act left undone
    if entry.get("party_host") and not _party_hosts(tok, obj, lex):
        return False  # "visited the festival", "toured a factory": a place seen, no party met
    if entry.get("not_met_by_force") and _met_by_force(tok, lex):
        return False  # "the convoy was met by gunfire", "protesters were met with tear gas": no meeting
    if entry.get("question_sense") and _asks_question(tok, lex):
        return False  # "asked about the delay", "asked whether talks would resume": a question, no appeal
    return not (entry.get("fact_clause") and _states_fact(tok, lex))


def _party_hosts(tok: "Token", obj: "Token | None", lex: Lexicon) -> bool:
    """A visit (CAMEO 042) is made to a party: a state, city or region by its name, a body or a person. The
    visited, when stated (the object, or 'to ...'), must be one; a venue or a sight ('the festival', 'a
    factory', 'the affected areas') was seen, not visited as a party."""
    host = obj or next((po for p in _children(tok, "prep") if _lemma(p) == "to" for po in _pobjs(p)), None)
    return host is None or host.ent_type_ in ("GPE", "LOC", "FAC") or _can_act(host, lex) or (
        _lemma(host) in _state_place_nouns() or host.lower_ in _state_place_nouns())


@functools.lru_cache(maxsize=1)
def _state_place_nouns() -> frozenset[str]:
    """'visited the country', 'toured the capital', 'a visit to the region': a state or one of its seats and
    divisions named by a common noun (event_args ``host_place_nouns``), whose people or government are the host."""
    return frozenset(event_args()["host_place_nouns"])


def _met_by_force(tok: "Token", lex: Lexicon) -> bool:
    """'met by gunfire', 'met with tear gas and batons', 'met with criticism': what meets is a weapon, force or a
    reaction, not a party to talk with."""
    met = [po for p in _children(tok, "agent", "prep") if _lemma(p) in ("by", "with") for po in _pobjs(p)]
    met += [c for po in list(met) for c in _children(po, "conj")]
    return any(arg_classes(m) & _MEANS_CLASSES or lex.lemma_class.get(_lemma(m)) in ("fire", "attack")
               or lex.nouns.get(_lemma(m), (None,))[0] == "ASSAULT" or _lemma(m).endswith("fire")  # gunfire
               or _lemma(m) in lex.raw["reaction_nouns"] for m in met)


def _asks_question(tok: "Token", lex: Lexicon) -> bool:
    """'asked about the shortage', 'asked whether the border would reopen', 'asked why', 'when asked to
    comment', 'asked questions': what is asked for is an answer, not an act."""
    if any(_lemma(p) == "about" for p in _children(tok, "prep")):
        return True
    if any(_lemma(o) == "question" for o in _children(tok, "dobj")):
        return True
    for c in _children(tok, "ccomp", "advcl", "xcomp"):
        first = next(iter(c.subtree))
        if first.lower_ in lex.raw["question_words"] and first.i < c.i:
            return True
        if c.dep_ == "xcomp" and _lemma(c) in lex.raw["comment_verbs"]:
            return True
    return False


def _left_places(tok: "Token") -> list["Token"]:
    """What a verb of leaving leaves: the object of 'from' or 'out of' ('released from hospital', 'pulled out
    of the race'), however the parser hangs 'of' on 'out'."""
    out: list["Token"] = []
    for p in _children(tok, "prep", "prt", "advmod"):
        if _lemma(p) == "from" or (_lemma(p) == "of" and any(_lemma(c) == "out" for c in tok.children)):
            out += _children(p, "pobj")
        if _lemma(p) == "out":
            out += [po for q in _children(p, "prep") if _lemma(q) == "of" for po in _children(q, "pobj")]
    return out


def _doer_can_act(doer: "Token", lex: Lexicon) -> bool:
    """A subject that can do an act: a party ('the rebels', 'it'), armed forces or their means, a count of
    people ('hundreds', 'thousands of teachers', 'two of them'); not a thing ('shares', 'the glacier',
    'the constitution', 'the report')."""
    if doer.pos_ == "NUM" or _lemma(doer) in lex.quantifiers or doer.lower_ in lex.quantifiers or (
            _lemma(doer) in lex.containers):
        inner = next((po for p in _children(doer, "prep") if _lemma(p) == "of" for po in _children(p, "pobj")), None)
        return inner is None or _doer_can_act(inner, lex)
    if doer.pos_ == "PROPN" and doer.ent_type_ not in {"LAW", "WORK_OF_ART", "PRODUCT", "EVENT"} | _NON_ACTOR_ENTS:
        return True  # a name ('Interpol', 'the Kremlin')
    if any(c.dep_ in ("compound", "nmod", "appos", "amod") and (
            c.ent_type_ in ("ORG", "GPE", "NORP", "PERSON") or c.pos_ == "PROPN") for c in doer.children):
        return True  # a named body ('the APEC forum', 'the Nordic council')
    return _can_act(doer, lex) or bool(arg_classes(doer) & (_MEANS_CLASSES | {"armed"}))


def _states_fact(tok: "Token", lex: Lexicon) -> bool:
    """The verb's only complement is a that-clause in the indicative with no modal or future auxiliary
    ('agreed that the plan was flawed', 'accepted that mistakes had been made')."""
    if _children(tok, "xcomp", "dobj", "dative") or any(
            _lemma(p) in ("to", "on", "upon") for p in _children(tok, "prep")):
        return False
    clauses = _children(tok, "ccomp")
    if not clauses:
        return False
    modal = lex.future_aux | lex.obligation | frozenset(lex.raw["possibility_aux"]) | {"can", "ca"}
    for c in clauses:
        auxes = [a for a in c.children if a.dep_ in ("aux", "auxpass")]
        if any(_lemma(a) in modal or a.lower_ in modal for a in auxes) or c.tag_ in ("VB",):
            return False
    return True


def _objection(tok: "Token", lex: Lexicon) -> bool:
    """'protested that the report was biased', 'the ministry protested the arrest': protesting a
    statement or, by one body or person, a thing done, is objecting to it; crowds protesting ('students
    protested the fee rise', 'thousands protested against ...') demonstrate."""
    if _children(tok, "ccomp"):
        return True
    if _first(tok, "dobj") is None and not any(_lemma(p) in ("against", "over") for p in _children(tok, "prep")):
        return False
    subj = _first(tok, *_SUBJ)
    if subj is None or subj.tag_ in ("NNS", "NNPS") or subj.lower_ in ("they", "we", "them", "us") or (
            subj.pos_ == "NUM"):
        return False
    if _lemma(subj) in lex.quantifiers or subj.lower_ in lex.quantifiers or _lemma(subj) in lex.partitive:
        return False  # "a crowd of farmers", "hundreds"
    return not arg_classes(subj) & {"crowd", "labour", "employee"}


def _effect_of_failure(tok: "Token", lex: Lexicon) -> bool:
    """'A crane collapsed, killing four', 'the ferry capsized, drowning 30', 'floods swept the valley,
    killing 12': a participle clause with no subject of its own tells what the clause it hangs on did; when
    that is a thing failing by itself (an intransitive accident verb) or a natural force, no one acted."""
    if tok.dep_ == "conj" and tok.tag_ == "VBG" and tok.head.tag_ == "VBG" and tok.head is not tok:
        return _effect_of_failure(tok.head, lex)  # "..., killing 12 and wounding 40"
    if tok.dep_ != "advcl" or tok.tag_ != "VBG" or _first(tok, *_SUBJ) is not None:
        return False
    head = tok.head
    return head.i != tok.i and head.tag_.startswith("VB") and _thing_fails(head, lex)


def _thing_fails(verb: "Token", lex: Lexicon) -> bool:
    """'the roof collapsed', 'the dam gave way', 'the ferry sank', 'a storm hit': a thing failing by itself
    (an accident verb with no object) or a natural force at work."""
    prt = _first(verb, "prt") or next((a for a in _children(verb, "advmod") if a.lower_ == "apart"), None)
    keys = {_lemma(verb)} | ({f"{_lemma(verb)} {prt.lower_}"} if prt is not None else set())
    obj = _first(verb, "dobj")
    if obj is not None and f"{_lemma(verb)} {obj.lower_}" in lex.raw["accident_verbs"]:
        keys.add(f"{_lemma(verb)} {obj.lower_}")  # "gave way", "caught fire": the object is part of the verb
        obj = None
    subj = _first(verb, *_SUBJ)
    if subj is not None and (subj.pos_ in ("PRON", "NUM") or _lemma(subj) == "one") and any(
            rule.get("subj") == "weapon" for rule in arg_table().verb_senses.get(_lemma(verb), ())):
        # "then the first one exploded", "it fell on the market": a verb a weapon can be the subject of, with
        # a subject told elsewhere, may be an attack ("the roof ... when it collapsed" stays a failure)
        return False
    if obj is None and keys & set(lex.raw["accident_verbs"]):
        # a weapon crashing or bursting, or a thing brought down by a force, is an attack, not a failure
        return not any(arg_classes(t) & {"weapon", "armed"}
                       for t in [subj] + [o for p in _children(verb, "prep") for o in _children(p, "pobj")])
    return _natural_force(subj, lex)


def _mishap_clause(clause: "Token", lex: Lexicon) -> bool:
    """'when the roof collapsed', 'as the ferry sank', 'after a storm hit': a time clause telling of a thing
    failing by itself or of a natural force at work."""
    # the parser gives "when" as a mark or an advmod of the clause
    return any(m.dep_ in ("mark", "advmod") and _lemma(m) in lex.raw["mishap_marks"]
               for m in clause.children) and _thing_fails(clause, lex)


def _toxic_thing(tok: "Token | None", lex: Lexicon) -> bool:
    """'tainted alcohol', 'contaminated water', 'toxic fumes': a substance described by its harm. As the doer
    of harm it names no party; as an object ('seized tainted milk') it is only what was acted on."""
    return tok is not None and tok.pos_ in ("NOUN", "PROPN") and any(
        c.dep_ in ("amod", "compound") and (_lemma(c) in lex.raw["toxic_modifiers"]
                                            or c.lower_ in lex.raw["toxic_modifiers"]) for c in tok.children)


def _shared_object(tok: "Token") -> "Token | None":
    """'culled and buried 30,000 ducks', 'shot and buried 300 feral camels': verbs coordinated before one
    object all act on it; the parser hangs the object on the last of them."""
    obj = _object(tok)
    if obj is not None:
        return obj
    later = [c for c in tok.subtree if c.dep_ == "conj" and c.i > tok.i and c.pos_ == "VERB"
             and c.head.pos_ == "VERB"]
    last = later[-1] if later else None
    return _object(last) if last is not None and not _first(tok, "prep", "advcl") else None


def _harms_animals(tok: "Token", lex: Lexicon) -> bool:
    """'inspectors killed 8,000 ducks', 'thousands of birds were killed', 'farmers slaughtered their
    cattle': harm whose only patient is animals is no assault (a disease-control cull is told by the
    restriction that orders it, when the text states one). Armed or hostile doers ('raiders shot the camels
    of a rival clan', 'militiamen slaughtered the herds') are attacking the animals' owners: that stays an assault."""
    obj = _shared_object(tok)
    if obj is None or _lemma(obj) not in lex.raw["animal_nouns"]:
        return False
    if lex.verbs.get(_verb_lemma(tok, lex), {}).get("t", [None])[0] != "ASSAULT":
        return False
    doer = _first(_first(tok, "agent") or tok, "pobj") if _is_passive(tok) else _subject(tok)
    return doer is None or not (arg_classes(doer) & {"armed"} or _lemma(doer) in lex.actor_nouns)


def _harm_by_mishap(tok: "Token", lex: Lexicon) -> bool:
    """'nineteen passengers were killed in a derailment', 'six miners died or were injured when a shaft collapsed',
    'hurt during the storm': harm whose stated cause is an accident or a natural force, and which names no
    doer, is no one's act (PLOVER codes disasters as a context, not an assault). A stated doer keeps the act
    ('soldiers killed them in the stampede they caused' is still theirs)."""
    doer = _first(tok, "agent") if _is_passive(tok) else _first(tok, *_SUBJ)
    if doer is not None:
        return False
    for p in _children(tok, "prep"):
        if _lemma(p) in lex.raw["mishap_cause_preps"] and any(
                _natural_force(o, lex) for o in _children(p, "pobj")):
            return True
    # the clause can hang on the first of two coordinated harms ("died and 30 were injured when ...")
    holders = [tok] + ([tok.head] if tok.dep_ == "conj" and tok.head is not tok else [])
    return any(_mishap_clause(c, lex) for h in holders for c in _children(h, "advcl"))


def _own_event_holds(entry: dict[str, Any], tok: "Token", lex: Lexicon) -> bool:
    """Whether a verb's own event ('t') fits its direct object, by the entry's object constraints:
    ``intransitive`` (no object: 'protesters gathered', not 'gathered information'), ``actor_object``
    (a party or a meeting: 'received the envoy', 'hosted talks', not 'received support'),
    ``not_information`` (not information: 'released the hostages', not 'released a statement'),
    ``own_objects`` (an object, when there is one, of these classes: 'signed a treaty', 'the accord signed in
    March', not 'a bill signed by the minister' or 'a post signed with the embassy's name')."""
    obj = _first(tok, "dobj") or (_first(tok, *_PASS_SUBJ) if _is_passive(tok) else None)
    if obj is None and _is_passive(tok) and tok.dep_ in ("acl", "relcl"):
        obj = tok.head  # "images released of the crash site"
    direct = _first(tok, "dobj")
    if entry.get("intransitive") and direct is not None and not _misparsed_place(direct):
        return False
    if entry.get("actor_object") and obj is not None and not (
            _can_act(obj, lex) or lex.lemma_class.get(_lemma(obj)) in ("talks", "visit")):
        return False  # hosting or receiving a party or a meeting ('hosted the summit'), not 'received support'
    if entry.get("own_objects") and obj is not None and lex.lemma_class.get(_lemma(obj)) not in entry["own_objects"]:
        return False
    if entry.get("intransitive") and _children(tok, "ccomp"):
        return False  # "the results demonstrate that ...": a finding, not a demonstration
    # every passive subject is a candidate: a dateline the parser made one is not what was acted on
    acted_on = ([direct] if direct is not None else _children(tok, *_PASS_SUBJ) if _is_passive(tok) else []) or [obj]
    if entry.get("not_classes") and obj is not None and all(
            arg_classes(_object_inner(o)) & set(entry["not_classes"]) for o in acted_on):
        return False  # 'releasing toxic chemicals', 'released a cloud of ammonia': a substance let out, no one freed
    if entry.get("party_object") and obj is not None and not any(
            _can_act(o, lex) or arg_classes(o) & (_MEANS_CLASSES | {"armed"}) or _lemma(o) in _people_lemmas()
            or _lemma(o) in _state_place_nouns() for o in acted_on):
        # forces or envoys withdrawn, not 'withdrew her candidacy', 'withdrew the lawsuit'; a state recognised,
        # not 'recognised the marriage as valid'
        return False
    if entry.get("not_measure") and obj is not None and (
            _lemma(obj) in lex.raw["measure_nouns"] or _lemma(obj) in lex.raw["information_nouns"]):
        return False  # 'the assembly sanctioned a decree': approving a text or a plan, not punishing
    if entry.get("with_partner") and not (any(_lemma(p) == "with" for p in _children(tok, "prep"))
                                         or _several_doers(_sense_subject(tok))):
        return False  # 'shared intelligence with X', 'the two states will share the cost', not 'she shared a photo'
    not_by = entry.get("not_by")
    doer = _sense_subject(tok) if not_by else None
    if doer is not None and ({_lemma(doer), doer.lower_} & (lex.containers | lex.quantifiers) or doer.pos_ == "NUM"):
        # "a group of pupils", "dozens of fans": the doers are what is counted
        doer = next((po for p in _children(doer, "prep") if _lemma(p) == "of" for po in _pobjs(p)), doer)
    if doer is not None and (_lemma(doer) in not_by or lex.sector_words.get(_lemma(doer)) in not_by):
        return False  # 'the senate blocked the bill', 'police blocked the road': a ruling or a cordon, no protest
    return not (entry.get("not_information") and obj is not None and _lemma(obj) in lex.raw["information_nouns"])


def _several_doers(subj: "Token | None") -> bool:
    """A plural or coordinated subject, who can do a thing among themselves ('the allies', 'X and Y')."""
    return subj is not None and (subj.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subj.children))


def _misparsed_place(obj: "Token") -> bool:
    """'gathered outside parliament': the small model can make the place after a spatial word the
    verb's object; a named place is never what is gathered or yielded."""
    return obj.ent_type_ in ("GPE", "LOC", "FAC") or any(
        c.lower_ in ("outside", "near", "inside", "opposite", "behind") for c in obj.children if c.i < obj.i)


def _can_act(tok: "Token", lex: Lexicon) -> bool:
    """A noun phrase that can be a party to an event: a named person, group or state, a pronoun of
    people, or a noun of people or bodies ('the envoy', 'a delegation', 'refugees')."""
    lem = _lemma(tok)
    return (tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or tok.lower_ in _PRONOUNS
            or lem in lex.sector_words or lem in lex.actor_nouns or lem in lex.partitive
            or bool(arg_classes(tok) & (_PERSON_CLASSES | {"official_visitor", "people_hosted"})))


def _judgement_cand(tok: "Token", lex: Lexicon) -> _Cand | None:
    """'a UN panel found that his detention was arbitrary', 'the lawyer said the arrest was unlawful':
    a source stating or finding that something is wrong disapproves of it (CAMEO 111)."""
    if _lemma(tok) not in lex.speech and _lemma(tok) not in lex.raw["finding_verbs"]:
        return None
    for c in _children(tok, "ccomp"):
        preds = [p for p in c.children if p.dep_ in ("acomp", "attr") and _lemma(p) in lex.negative]
        if preds and not _negated(c):
            cand = _Cand(tok, _coded("disapprove"), f"judge:{_lemma(tok)}+{_lemma(preds[0])}", "evaluation")
            cand.tgt_toks = _children(c, "nsubj", "nsubjpass")
            return cand
    return None


def _stance_cand(tok: "Token", lex: Lexicon) -> _Cand | None:
    """'the agency said it was alarmed by accounts of ...', 'the EU is deeply concerned about the arrests':
    a source declaring itself dismayed at something disapproves of it (CAMEO 111). The one who feels it
    acts; what it is felt about is the target."""
    if tok.lower_ not in lex.raw["disapproval_states"] and _lemma(tok) not in lex.raw["disapproval_states"]:
        return None
    if not (tok.dep_ == "acomp" or (tok.tag_ == "VBN" and _first(tok, "auxpass") is not None)):
        return None
    who = _first(tok, "nsubjpass", "nsubj") or (_first(tok.head, "nsubj") if tok.dep_ == "acomp" else None)
    if who is None or _negated(tok) or (tok.dep_ == "acomp" and _negated(tok.head)):
        return None
    cand = _Cand(tok, _coded("disapprove"), f"stance:{tok.lower_}", "stance", src_tok=who)
    # the parser hangs "by ..." on the copula as often as on the adjective ('was "alarmed" by reports of ...')
    holders = [tok] + ([tok.head] if tok.dep_ == "acomp" else [])
    cand.tgt_toks = [po for h in holders for p in _children(h, "prep", "agent")
                     if _lemma(p) in event_args()["stance_target_preps"] for po in _children(p, "pobj")]
    # dismay is disapproval of what a party did or is ("concerned about the arrests", "alarmed by the
    # government"), or an institution's statement of alarm ("the foreign ministry said it was gravely
    # alarmed"); a person's worry about a risk, the weather or oneself ("I am concerned about the weather",
    # "disappointed in myself") is no act towards anyone
    # what it is felt about can also be a clause ("concerned the army will postpone the election")
    about = cand.tgt_toks + [subj for h in holders for c in _children(h, "ccomp")
                             if (subj := _first(c, *_SUBJ, *_PASS_SUBJ)) is not None]
    if not any(_party_or_act(t, lex) for t in about) and not _institution(_teller(who), lex):
        return None
    return cand


def _teller(who: "Token") -> "Token":
    """'The ministry said it was alarmed': a pronoun subject of a reported clause stands for the one who
    reports it."""
    cur = who.head
    for _ in range(3):
        if who.lower_ not in _PRONOUNS or cur.head is cur:
            break
        if cur.dep_ == "ccomp":
            subj = _first(cur.head, *_SUBJ)
            return subj if subj is not None else who
        cur = cur.head
    return who


def _institution(tok: "Token", lex: Lexicon) -> bool:
    """A state, an organisation or an office speaking as one ('the ministry', 'Teluria', 'the Varnok mission')."""
    return (tok.ent_type_ in ("ORG", "GPE", "NORP") or lex.sector_words.get(_lemma(tok)) in ("government", "igo")
            or any(c.ent_type_ in ("ORG", "GPE") for c in tok.children if c.dep_ in ("compound", "nmod", "amod")))


def _party_or_act(tok: "Token", lex: Lexicon) -> bool:
    """A party ('the ministry', 'Teluria') or what a party does ('the arrests', 'reports of torture')."""
    if tok.lower_ in lex.raw["reflexive_pronouns"]:
        return False
    return (_can_act(tok, lex) or _lemma(tok) in lex.nouns or _names_act(tok, lex)
            or any(c.dep_ == "poss" and _can_act(c, lex) for c in tok.children)  # "the ministry's refusal"
            or any(_lemma(po) in lex.nouns for p in _children(tok, "prep") if _lemma(p) == "of" for po in _pobjs(p)))


def _light_cand(tok: "Token", lex: Lexicon) -> _Cand | None:
    """'hold talks', 'impose a curfew', 'faced a severe crackdown': the object noun names the event."""
    lem = _verb_lemma(tok, lex)
    if lem not in lex.light:
        return None
    obj = _object(tok)
    if obj is None:
        return None
    spec = _noun_spec(obj, lex)
    if spec is None:
        return None
    trip, key = spec
    counted = _first(tok, "dobj")  # "made scores of arrests": the count is not whom it is done to
    cand = _Cand(tok, trip, f"light:{lem}+dobj:{key}", "light", consumed={obj.i} | ({counted.i} if counted else set()),
                 subj_is_target=lem in lex.experiencer)
    # "reiterated its demand that X ease ...": the noun embeds a clause like its verb would
    cand.complement = _NOUN_COMPLEMENT.get(trip[0]) if lem not in lex.experiencer else None
    cand.tgt_toks = _prep_targets(obj) + _prep_targets(tok)
    return cand


_NOUN_COMPLEMENT = {"REQUEST": "request", "REJECT": "reject", "THREATEN": "threaten"}


def _evaluation_cand(tok: "Token", lex: Lexicon) -> _Cand | None:
    """'described the referral as a monumental step' -> SUPPORT; '... as an ugly crime' -> ACCUSE."""
    lem = _lemma(tok)
    if lem not in lex.evaluation:
        return None
    obj = _first(tok, "dobj")
    # the judgement: an as-phrase on the verb or (as the small model often attaches it) on its object;
    # for naming verbs the second noun phrase ('called the reports fabrications', parsed inside the object)
    spots = [p for p in list(tok.children) + (list(obj.children) if obj is not None else [])
             if p.dep_ in ("prep", "oprd") and _lemma(p) == "as" or p.dep_ == "oprd"]
    if obj is not None and lem in ("call", "term", "label", "brand") and any(
            c.dep_ in ("nmod", "compound", "amod") for c in obj.children):
        spots.append(obj)
    for p in spots:
        words = {_lemma(t) for t in p.subtree}
        if words & frozenset(lex.raw.get("evaluation_dismissive", ())):
            return _Cand(tok, _coded("dismiss"), f"eval:{lem}+as_dismissive", "evaluation")
        if words & lex.negative:
            return _Cand(tok, _coded("disapprove"), f"eval:{lem}+as_negative", "evaluation")
        if words & lex.positive:
            return _Cand(tok, _coded("praise"), f"eval:{lem}+as_positive", "evaluation")
    return None


def _noun_spec(noun: "Token", lex: Lexicon) -> tuple[Triple, str] | None:
    if _goods(noun, lex):
        return None  # "its supply of insulin", "holding shipments", "the vaccine stock": things, no act
    compound = _noun_key(noun, lex)[0]
    # a listed compound ("hunger strike") is its own sense; a bare noun takes its sense from its arguments
    sensed = (None if compound in lex.nouns and compound != _lemma(noun)
              else _sense(arg_table().noun_senses, _lemma(noun), noun, noun=True))
    if sensed is not None:
        return (sensed[0], f"{_lemma(noun)}+{sensed[1]}") if sensed[0] is not None else None
    keys = _noun_key(noun, lex)
    if not _act_head(noun, lex):
        # "the asylum system", "the investigation service": a modifier names the kind of a thing, not an act
        lem = _lemma(noun)
        keys = [k for k in keys if k == keys[0] or k == lem or k == lex.lemma_class.get(lem)]
    for k in keys:
        if k in lex.nouns:
            v = lex.nouns[k]
            return (v[0], v[1], v[2]), k
    return None


def _act_head(noun: "Token", lex: Lexicon) -> bool:
    """A head noun that takes its act from its modifier ('aid deliveries', 'mediation efforts', 'a rescue
    mission'): one the tables know as an act or a class of acts, or a word for an undertaking (act_heads)."""
    lem = _lemma(noun)
    return lem in lex.nouns or lem in lex.lemma_class or lem in lex.raw["act_heads"]


def _goods(noun: "Token", lex: Lexicon) -> bool:
    """A thing that is given, not the giving (goods_nouns): what a verb of giving hands over ('sent food',
    'delivered water': aid) names no act by itself or as a light verb's object ('the water supply', 'took water
    from the river'). A noun the tables know as an act keeps its sense ('water deliveries', 'food aid')."""
    goods = lex.raw["goods_nouns"]
    lem = _lemma(noun)
    if lem in goods:
        return True
    known = lem in lex.nouns or lem in lex.lemma_class
    return not known and any(c.dep_ == "compound" and _lemma(c) in goods for c in noun.children)


def _noun_actor_tok(noun: "Token") -> "Token | None":
    """The actor a nominal event carries: its possessor, 'by X', or a national/org modifier."""
    poss = _first(noun, "poss")
    if poss is not None:
        return poss
    for p in _children(noun, "prep", "agent"):
        if _lemma(p) == "by":
            return _first(p, "pobj")
    for c in noun.children:
        if c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE"):
            return c
    return None


def _noun_roles(noun: "Token") -> tuple["Token | None", list["Token"], str]:
    """Source and targets a nominal event states, and how:
    - a patient noun ('X's arrest', 'the detention of X by Y', 'the release of X'): the possessor and the
      of-object are who it is done to, the by-object who does it;
    - a reciprocal event ('talks between X and Y', 'clashes between X and Y'): the first party acts, the
      others are targets;
    - participation ('X was involved in the deportation of Y', "X's role in the attack"): the participant acts;
    - otherwise the possessor, by-object or national modifier acts ('Russia's invasion', 'an Israeli raid')."""
    tab = arg_table()
    src: "Token | None" = None
    tgts: list["Token"] = []
    by = next((_first(p, "pobj") for p in _children(noun, "prep", "agent") if _lemma(p) == "by"), None)
    if _lemma(noun) in tab.patient_nouns:
        poss = _first(noun, "poss")
        of = [po for p in _children(noun, "prep") if _lemma(p) == "of" for po in _children(p, "pobj")]
        if poss is not None and of and by is None:
            # "Velmark's expulsion of the envoy", "the army's detention of reporters": with an of-object
            # the possessor is the agent, as in "Russia's invasion of Ukraine"
            return poss, of + _prep_targets(noun), "patient+poss_agent"
        tgts = ([poss] if poss is not None else []) + of
        src, how = by, "patient"
    else:
        src, how = _noun_actor_tok(noun), "actor"
    for p in _children(noun, "prep"):
        if _lemma(p) in tab.reciprocal:
            parties = [t for po in _children(p, "pobj") for t in _coordinated(po)]
            if parties:
                src, tgts, how = (src or parties[0], tgts + [t for t in parties if t is not (src or parties[0])],
                                  "between")
    if src is None:
        part = _participant(noun)
        if part is not None:
            src, how = part, how + "+participant"
    return src, tgts + [t for t in _prep_targets(noun) if t not in tgts], how


def _participant(noun: "Token") -> "Token | None":
    """'X was involved in / took part in / is responsible for the N': X."""
    tab = arg_table()
    prep = noun.head if noun.dep_ == "pobj" else None
    if prep is None or _lemma(prep) not in ("in", "for", "of"):
        return None
    head = prep.head
    if _lemma(head) not in tab.participation:
        return None
    if head.pos_ in ("NOUN", "PROPN"):  # "X's role in", "X had a hand in"
        poss = _first(head, "poss")
        if poss is not None:
            return poss
        head = head.head
    while head.pos_ in ("ADJ", "AUX") and head.dep_ in ("acomp", "attr") and head.head is not head:
        head = head.head  # "X is complicit in", "X was responsible for"
    return _first(head, "nsubj", "nsubjpass") or _subject(head)


def _noun_cand(tok: "Token", lex: Lexicon) -> _Cand | None:
    # "riot police", "attack helicopters", "protest leaders": a noun modifying a noun names a kind, not an event
    if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ == "compound":
        return None
    if _lemma(tok) in lex.sector_words or arg_classes(tok) & _PERSON_CLASSES:
        return None  # "riot police", "strike leaders": people, whatever their modifier names
    spec = _noun_spec(tok, lex)
    if spec is None:
        return None
    trip, key = spec
    if tok.dep_ == "pobj" and _lemma(tok.head) in lex.raw["background_preps"]:
        return None  # "shrank under Western sanctions", "despite the truce": a standing state, not an act told
    actor, targets, how = _noun_roles(tok)
    occurs = tok.dep_ in _SUBJ and _lemma(tok.head) in lex.occurrence
    if actor is None and not occurs and not (how.startswith("patient") and targets):
        return None
    if not occurs and lex.lemma_class.get(_lemma(tok)) in lex.raw["standing_classes"]:
        return None  # "our deals with X are paying off": an arrangement that stands; reaching one is a verb's event
    if trip is not None and trip[1] == "visit" and not _party_hosts(tok, None, lex):
        return None  # "her first visit to the restaurant": a venue seen, as with the verb
    cand = _Cand(tok, trip, f"noun:{key}" + ("+occur" if occurs and actor is None else f"+{how}"), "noun",
                 src_tok=actor)
    cand.tgt_toks = targets
    return cand


def _amod_cand(tok: "Token", lex: Lexicon) -> _Cand | None:
    """'imprisoned opposition figures': a participle that names the event (flagged 'amod' in the table)."""
    entry = lex.verbs.get(_lemma(tok))
    agent = _hyphen_agent(tok)
    if agent is not None and isinstance(entry, dict) and entry.get("t") and not entry.get("c"):
        # "Iran-backed militias", "a UN-brokered truce": the name before the hyphen does the act to the noun
        t = entry["t"]
        cand = _Cand(tok, (t[0], t[1], t[2]), f"amod:{_lemma(tok)}+hyphen_agent", "amod", src_tok=agent)
        cand.tgt_toks = [tok.head]
        return cand
    if not isinstance(entry, dict) or not entry.get("amod") or not entry.get("t"):
        return None
    t = entry["t"]
    cand = _Cand(tok, (t[0], t[1], t[2]), f"amod:{_lemma(tok)}", "amod")
    cand.tgt_toks = [_copula_subject(tok.head) or tok.head]
    return cand


def _hyphen_agent(tok: "Token") -> "Token | None":
    """The named agent of a hyphenated participle ('Rwanda-backed' -> Rwanda)."""
    if tok.tag_ != "VBN":
        return None
    for c in tok.children:
        if (c.dep_ in ("npadvmod", "compound", "nmod") and c.i < tok.i and c.ent_type_ in ("GPE", "NORP", "ORG")
                and any(h.tag_ == "HYPH" for h in tok.doc[c.i + 1:tok.i])):
            return c
    return None


def _copula_subject(noun: "Token") -> "Token | None":
    """'X is among several imprisoned figures' -> X."""
    head = noun.head
    if noun.dep_ == "pobj" and _lemma(head) in ("among", "of") and head.head.lemma_ == "be":
        return _first(head.head, "nsubj")
    if noun.dep_ == "attr" and head.lemma_ == "be":
        return _first(head, "nsubj")
    return None


def _prep_targets(tok: "Token") -> list["Token"]:
    out = []
    for p in _children(tok, "prep"):
        if _lemma(p) in ("against", "on", "upon", "with", "into", "toward", "towards"):
            pobj = _first(p, "pobj")
            if pobj is not None and pobj.ent_type_ not in _NON_ACTOR_ENTS:
                out.append(pobj)
    return out


def _candidate(tok: "Token", lex: Lexicon) -> _Cand | None:
    stance = _stance_cand(tok, lex)
    if stance is not None:
        return stance
    if tok.dep_ == "amod" and _prenominal_agent(tok) is not None:
        return _verb_cand(tok, lex)  # "striking workers": the noun does the act
    if tok.dep_ == "amod" or (tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.pos_ in ("NOUN", "PROPN")
                              and not list(tok.children)):
        return _amod_cand(tok, lex)
    if _participle_as_noun(tok):
        return None  # "treated dozens of wounded", "the injured were flown out": the people, not an act
    if _generic_doer(tok, lex):
        return None  # "will punish anyone who joins the strike": an act no one is said to have done
    if tok.pos_ in ("VERB", "AUX") or (tok.tag_.startswith("VB") and tok.pos_ != "NOUN"):
        return _verb_cand(tok, lex)
    if tok.pos_ == "ADJ" and _lemma(tok) in lex.willing and _first(tok, "xcomp") is not None:
        return _Cand(tok, None, f"adj:{_lemma(tok)}", "complement", complement="intent")
    return _noun_cand(tok, lex)


def _generic_doer(tok: "Token", lex: Lexicon) -> bool:
    """The trigger is in a relative clause on a free-choice pronoun ('anyone who blocks the road', 'whoever
    organises a rally'), or names the act of one ('anyone who organised a strike'): a case a rule or a threat
    covers, not a happening."""
    generic = frozenset(lex.raw["generic_pronouns"])
    if any(c.lower_ in generic for c in tok.children if c.dep_ in _SUBJ):
        return True
    return any((t.dep_ in ("relcl", "acl") and t.head.lower_ in generic) or t.lower_ in generic
               for t in [tok] + list(tok.ancestors)[:3])


def _participle_as_noun(tok: "Token") -> bool:
    """A past participle standing as a noun phrase of its own ('the wounded', 'dozens of injured'): an
    argument slot, a determiner or an of-phrase before it, and no clause of its own (no auxiliary, subject,
    object or agent)."""
    if tok.tag_ != "VBN" or tok.dep_ not in ("pobj", "dobj", "nsubj", "nsubjpass"):
        return False
    if any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass", "dobj", "agent", "prep", "advmod", "npadvmod")
           for c in tok.children):
        return False
    return tok.dep_ == "pobj" or any(c.dep_ == "det" for c in tok.children)


# ---------------------------------------------------------------- complements
def _embedded_of(cand: _Cand, cands: dict[int, _Cand], lex: Lexicon) -> _Cand | None:
    """What a complement verb embeds: its xcomp/ccomp clause, 'for'/'to' noun, or object noun."""
    tok = cand.tok
    for c in tok.children:
        if c.dep_ in ("xcomp", "ccomp") and c.i in cands:
            return cands[c.i]
        # "pushed the government to release ...": the parser often attaches the infinitive as advcl
        if c.dep_ == "advcl" and c.i in cands and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            return cands[c.i]
    for p in _children(tok, "prep"):
        if _lemma(p) in ("for", "to", "on", "upon"):
            for pc in p.children:
                if pc.dep_ == "pcomp" and pc.i in cands:
                    return cands[pc.i]
                if pc.dep_ == "pobj":
                    sub = cands.get(pc.i) or _bare_noun(pc, lex)
                    if sub is not None:
                        return sub
                    xc = _first(tok, "xcomp")
                    if xc is not None and xc.i in cands:
                        return cands[xc.i]
    obj = _first(tok, "dobj")
    if obj is not None:
        sub = cands.get(obj.i) or _bare_noun(obj, lex)
        if sub is not None:
            return sub
        # "urged the EU to support ...": object control
        for c in obj.children:
            if c.dep_ in ("acl", "relcl") and c.i in cands:
                return cands[c.i]
    return None


def _bare_noun(noun: "Token", lex: Lexicon) -> _Cand | None:
    spec = _noun_spec(noun, lex)
    if spec is None:
        return None
    cand = _Cand(noun, spec[0], f"noun:{spec[1]}", "noun")
    # the roles the noun states, for the verb that embeds it ("demanded the release of X")
    src, cand.tgt_toks, _ = _noun_roles(noun)
    if src is None and _lemma(noun) not in arg_table().patient_nouns:
        # "the withdrawal of the garrison", "the resignation of the minister": the of-object does the act
        src = next((po for p in _children(noun, "prep") if _lemma(p) == "of" for po in _children(p, "pobj")), None)
    cand.src_tok = src
    return cand


def _embedded_clauses(tok: "Token") -> list["Token"]:
    """The clauses a complement verb embeds and their conjuncts: 'called on X to halt the raids and to release Y'."""
    heads = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp")
             or (c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children))]
    out: list["Token"] = []
    for h in heads:
        out.append(h)
        out += [c for c in h.conjuncts if c.i > h.i]
    return out


def _apply_complement(cand: _Cand, cands: dict[int, _Cand], lex: Lexicon) -> None:
    emb = _embedded_of(cand, cands, lex)
    cls = cand.complement or ""
    if cls == "intent":
        return  # the embedded event stands, marked planned (see _modality)
    clauses = [cands[c.i] for c in _embedded_clauses(cand.tok) if c.i in cands and c.i != cand.tok.i]
    if emb is None and clauses:
        emb = clauses[0]  # "called on X to halt the raids and to release Y": the first clause that is an event
    # one speech act: what else it demands, threatens or refuses in coordinated clauses is part of it
    for other in clauses:
        cand.consumed |= {other.tok.i} | other.consumed
    if emb is not None:
        cand.consumed |= {emb.tok.i} | emb.consumed
        cand.embedded = emb
        cand.rule += f"+{emb.tok.dep_}:{_lemma(emb.tok)}"
    etype = emb.triple[0] if emb is not None and emb.triple else None
    emode = emb.triple[1] if emb is not None and emb.triple else None
    if cls == "request" and _insisted_fact(cand.tok, lex):
        # "insisted that the economy was recovering": a claim about how things are, not a demand;
        # what the clause reports stands on its own
        cand.triple, cand.consumed, cand.embedded = None, set(), None
        return
    if cls == "commissive":
        if etype and etype not in lex.cooperative and etype in lex.embedded_mode["threaten"]:
            mode = lex.embedded_by_mode.get(emode or "") or lex.embedded_mode["threaten"].get(etype)
            cand.triple = ("THREATEN", mode, _threat_cameo(etype))
        else:
            cand.triple = ("AGREE", None, _agree_cameo(emb))
    elif cls == "threaten" and _warning_of_risk(cand.tok, lex):
        # "warned that cholera is a growing danger", "warned that the river could burst its banks": a danger
        # no party brings about -- neither a threat nor a criticism of anyone
        cand.triple, cand.consumed, cand.embedded = None, set(), None
        return
    elif cls == "threaten" and _warning_as_criticism(cand.tok, lex):
        # "warned that the draft law breaches ...": a judgement of the present, no repercussion
        # announced -- PLOVER's threats carry a consequence the source will bring about
        cand.triple = _coded("disapprove")
        cand.rule += "+warn_that_present"
    elif cls == "threaten":
        mode = lex.embedded_by_mode.get(emode or "") or lex.embedded_mode["threaten"].get(etype or "")
        cand.triple = ("THREATEN", mode, _threat_cameo(etype))
    elif cls == "request" and _court_addressed(cand.tok, lex):
        # "asked the Constitutional Court to review ...": a request put to a court is a legal action (CAMEO 115)
        cand.triple = _coded("court_request")
        cand.rule += "+to_court"
    elif cls in ("request", "reject"):
        base = cand.triple or _coded("demand" if cls == "request" else "reject")
        mode = lex.embedded_mode[cls].get(etype or "", "change") if etype else base[1]
        cand.triple = (base[0], mode, base[2])


def _insisted_fact(tok: "Token", lex: Lexicon) -> bool:
    """A verb that demands with a subjunctive that-clause ('insisted that the minister resign', '... should
    resign') but asserts with an indicative one ('insisted that the economy was recovering', '... had not
    been paid'): the clause verb, or an auxiliary of it, carries past or present tense."""
    if _lemma(tok) not in lex.raw["claim_or_demand_verbs"] or _children(tok, "xcomp", "dobj", "dative"):
        return False
    clauses = _children(tok, "ccomp")
    if not clauses:
        return False
    tensed = ("VBD", "VBZ")
    for c in clauses:
        auxes = [a for a in c.children if a.dep_ in ("aux", "auxpass")]
        if any(_lemma(a) in lex.obligation or _lemma(a) in lex.future_aux for a in auxes):
            return False
        if not (c.tag_ in tensed or any(a.tag_ in tensed or a.lower_ in ("are", "have") for a in auxes)):
            return False
    return True


def _warning_of_risk(tok: "Token", lex: Lexicon) -> bool:
    """A warning whose that-clause is about a danger with no party behind it: its subject is a natural
    force or a disease, or a word naming a risk ('warned that cholera is a growing danger', 'warned that the
    outbreak could reach the coast', 'warned that the risk of a landslide is high')."""
    if _lemma(tok) not in lex.raw["warning_verbs"]:
        return False
    for c in _children(tok, "ccomp"):
        subj = _first(c, *_SUBJ, *_PASS_SUBJ)
        if subj is not None and (_natural_force(subj, lex) or _lemma(subj) in lex.raw["risk_nouns"]):
            return True
    return False


def _warning_as_criticism(tok: "Token", lex: Lexicon) -> bool:
    """A warning verb whose that-clause states how things are (no will/would/could, no condition) and
    that embeds no act: 'warned that the draft law breaches the charter' -- not 'warned that it would retaliate'."""
    if _lemma(tok) not in lex.raw["warning_verbs"]:
        return False
    clauses = _children(tok, "ccomp")
    if not clauses or _children(tok, "xcomp"):
        return False
    modal = lex.future_aux | frozenset(lex.raw["possibility_aux"])
    for c in clauses:
        if any(_lemma(a) in modal or (a.dep_ == "mark" and _lemma(a) in lex.conditional)
               for t in c.subtree for a in [t] if a.dep_ in ("aux", "mark")):
            return False
    return True


def _court_addressed(tok: "Token", lex: Lexicon) -> bool:
    """The one asked is a court ('asked the Supreme Court to annul', 'petitioned the tribunal')."""
    for who in _children(tok, "dobj", "dative"):
        if {w.lower_ for w in who.subtree if w.i <= who.i} & lex.legal_venues:
            return True
    return False


def _agree_cameo(emb: _Cand | None) -> str:
    table = lexicon().raw["agree_cameo"]
    if emb is None or emb.triple is None:
        return str(table["*"])
    return str(table.get(emb.triple[0], table["*"]))


def _speech_obligation(tok: "Token", cands: dict[int, _Cand], lex: Lexicon) -> _Cand | None:
    """'X said Y must hand over ...' -> REQUEST from X to Y."""
    if _lemma(tok) not in lex.speech:
        return None
    for c in _children(tok, "ccomp"):
        if any(a.dep_ == "aux" and _lemma(a) in lex.obligation for a in c.children):
            emb = cands.get(c.i)
            cand = _Cand(tok, _coded("demand"), f"speech:{_lemma(tok)}+ccomp_{c.lemma_.lower()}+must",
                         "obligation", consumed={c.i})
            if emb is not None and emb.triple:
                mode = lex.embedded_mode["request"].get(emb.triple[0], "change")
                cand.triple = ("REQUEST", mode, _coded("demand")[2])
                cand.consumed |= emb.consumed
            cand.tgt_toks = _children(c, "nsubj", "nsubjpass")
            return cand
    return None


def _denial(c: _Cand, cands: dict[int, _Cand], lex: Lexicon) -> _Cand | None:
    """'Officials said they had not arrested anybody', 'the army said its units did not fire': a source
    saying that it or its own side did not do an act denies it (CAMEO 120 on the speech verb). Not when the
    speech verb codes an act itself ('denied', 'rejected'), nor when someone else's omission is reported
    ('the union said the company had not paid': an accusation)."""
    tok = c.tok
    if c.triple is None or c.triple[0] in lex.cooperative or not _negated(tok) or tok.dep_ != "ccomp":
        return None
    speech = tok.head
    if _lemma(speech) not in lex.speech or speech.i in cands:
        return None
    modal = lex.future_aux | lex.obligation | frozenset(lex.raw["possibility_aux"])
    if any(a.dep_ == "aux" and (_lemma(a) in modal or a.lower_ in ("can", "ca")) for a in tok.children):
        return None  # "we will not be intimidated", "you cannot fire people": defiance, not a denial of an act
    subj = _first(tok, *_SUBJ)
    own_side = (subj is None and _is_passive(tok)) or (subj is not None and (
        subj.lower_ in _PRONOUNS or bool(arg_classes(subj) & {"armed"})
        or lex.sector_words.get(_lemma(subj)) in ("police", "military")))
    if not own_side:
        return None
    cand = _Cand(speech, _coded("reject"), f"denial:{_lemma(speech)}+ccomp:{_lemma(tok)}", "verb",
                 consumed={d.i for d in speech.children if d.dep_ in ("dobj", "dative")})
    cand.tgt_toks = []
    return cand


# ---------------------------------------------------------------- modality
def _clause_chain(tok: "Token") -> list["Token"]:
    """The token and the verbs governing it, up to the root."""
    out = [tok]
    while out[-1].head is not out[-1] and len(out) < 12:
        out.append(out[-1].head)
    return out


def _negated(tok: "Token") -> bool:
    if any(c.dep_ == "neg" or _lemma(c) in ("never",) for c in tok.children):
        return True
    if _none_of(tok):
        return True  # "there were no clashes", "no arrests": the act named by a noun is denied
    # "made no arrests", "fired no shots", "no shots were fired", "no one was detained": the act's object
    # (or a passive's subject) is denied
    if tok.pos_ in ("VERB", "AUX") and any(_none_of(c) for c in tok.children if c.dep_ in ("dobj", "nsubjpass")):
        return True
    # "did not agree to withdraw": negation on the governing verb of an xcomp
    return tok.dep_ == "xcomp" and any(c.dep_ == "neg" for c in tok.head.children)


def _none_of(tok: "Token") -> bool:
    """'no arrests', 'no one', 'nobody', 'none': a noun phrase that denies there is any."""
    return tok.lower_ in ("nobody", "none", "nothing") or any(
        c.dep_ == "det" and c.lower_ == "no" for c in tok.children) or (
        tok.lower_ == "one" and any(c.lower_ == "no" for c in tok.children))


def _modality(cand: _Cand, lex: Lexicon, intent_heads: set[int]) -> str:
    tok = cand.tok
    auxes = {_lemma(c) for c in tok.children if c.dep_ in ("aux", "auxpass")}
    chain = _clause_chain(tok)
    conditional = any(_lemma(m) in lex.conditional for v in chain[:3] for c in v.children if c.dep_ == "advcl"
                      for m in c.children if m.dep_ == "mark")
    conditional = conditional or any(_lemma(m) in lex.conditional for m in tok.children if m.dep_ == "mark")
    future = bool(auxes & lex.future_aux) or (tok.dep_ == "xcomp" and tok.head.i in intent_heads
                                              and not _performative(tok, lex))
    if tok.dep_ == "xcomp" and _lemma(tok.head) == "go" and any(_lemma(c) == "be" for c in tok.head.children):
        future = True
    if conditional and (auxes & {"would", "could", "might", "may"} or future or _protasis(tok, lex)):
        return "conditional"
    if future:
        return "planned"
    if _reporting_verb_of_conj(tok) is not None:
        chain = _clause_chain(_reporting_verb_of_conj(tok))  # "said X had ... and vowed": the vow is told as fact
    for child, head in zip(chain, chain[1:], strict=False):
        if child.dep_ == "ccomp" and _lemma(head) in lex.speech:
            return "reported"
    return "asserted"


def _performative(tok: "Token", lex: Lexicon) -> bool:
    """'I want to thank the volunteers', 'we wish to apologise to the families': a speaker saying they want to
    thank, apologise or condemn is doing it as they speak, not announcing a plan."""
    head = tok.head
    subj = _first(head, *_SUBJ)
    return (_lemma(head) in lex.raw["performative_heads"] and subj is not None
            and subj.lower_ in lex.raw["first_person"] and _lemma(tok) in lex.raw["performative_verbs"])


def _protasis(tok: "Token", lex: Lexicon) -> bool:
    """The event is the condition itself ('... if it is attacked'), or inside it ('warned of consequences
    if the attacks continued'), not what would follow from it."""
    clause = tok
    for _ in range(4):  # up to the verb of the trigger's own clause
        if any(m.dep_ == "mark" and _lemma(m) in lex.conditional for m in clause.children):
            return True
        nominal = clause.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "attr")  # "if the shelling stops"
        if (clause.pos_ in ("VERB", "AUX") and not nominal) or clause.head is clause:
            return False
        clause = clause.head
    return False


def _depth(tok: "Token", lex: Lexicon) -> int:
    """Clause boundaries between the trigger and the root; a speech verb's clause does not count."""
    n = 0
    for child, head in zip(_clause_chain(tok), _clause_chain(tok)[1:], strict=False):
        if child.dep_ in _CLAUSE_EDGES and not (child.dep_ == "ccomp" and _lemma(head) in lex.speech):
            n += 1
        elif child.dep_ in ("prep", "pobj", "dobj", "nsubj", "nsubjpass", "conj", "appos"):
            n += 0 if child.dep_ == "conj" else 1 if child.dep_ in ("pobj",) else 0
    return n


# ---------------------------------------------------------------- arguments
def _past_dateline(tok: "Token") -> "Token | None":
    return past_dateline(tok)  # the places stage records where the dateline ends


def _dateline_end(doc: "Doc") -> int:
    return int(doc.user_data.get(DATELINE_END, 0))


def _subject(tok: "Token") -> "Token | None":
    """Grammatical subject, inherited through conj/xcomp/advcl participles."""
    seen = 0
    cur = _reporting_verb_of_conj(tok) or tok
    while seen < 6:
        subjects = _children(cur, *_SUBJ)
        # "KYIV, Ukraine -- Russian drones hit ...": the parser can give the verb the dateline as a
        # second subject; the one after the dateline is the real one
        after = [t for t in subjects if t.idx >= _dateline_end(t.doc)]
        subj = after[0] if after else (subjects[0] if subjects else None)
        if subj is not None and not (_is_passive(cur) and cur is tok):
            if subj.tag_ in ("WDT", "WP") and cur.dep_ == "relcl" and cur.head is not cur:
                subj = cur.head  # "the junta, which seized power": the relative pronoun stands for its noun
            return _past_dateline(subj)
        if subj is None and cur.tag_ == "VBG" and (pre := next((c for c in cur.children if c.dep_ == "compound"
                                                                and c.tag_ == "NNS" and c.i == cur.i - 1), None)):
            return _past_dateline(pre)  # "fired at nurses marching to ...": the parser made the marchers a compound
        if subj is None and cur.dep_ == "acl" and cur.tag_ == "VBD" or (
                cur.dep_ == "acl" and _first(cur, "dobj") is not None and cur.head.pos_ in ("NOUN", "PROPN")):
            return _past_dateline(cur.head)  # the noun an active participle hangs from is its subject
        # "the rebels say they are willing to withdraw": climb from the infinitive through its adjective too
        if cur.dep_ in ("conj", "xcomp", "advcl", "acomp") and cur.head is not cur:
            cur = cur.head
            seen += 1
            continue
        return None
    return None


def _reporting_verb_of_conj(tok: "Token") -> "Token | None":
    """'The army said rebels had shelled the town and promised to protect civilians': a simple-past verb
    conjoined to a past-perfect reported clause continues the reporting sentence (the parser hangs it on
    the clause). Returns the speech verb whose subject it shares."""
    if tok.dep_ != "conj" or tok.tag_ != "VBD" or _children(tok, "aux", "auxpass", *_SUBJ, *_PASS_SUBJ):
        return None
    head = tok.head
    if head.dep_ != "ccomp" or _lemma(head.head) not in lexicon().speech:
        return None
    perfect = head.tag_ == "VBN" and any(a.dep_ == "aux" and a.lower_ == "had" for a in head.children)
    # "the company said its tests showed no harm and accused the activists": a thing cannot do what the
    # second verb says, so it too continues the reporting sentence
    said_of_thing = (s := _first(head, *_SUBJ)) is not None and s.pos_ == "NOUN" and not _doer_can_act(s, lexicon())
    return head.head if perfect or said_of_thing else None


def _sources_targets(cand: _Cand, lex: Lexicon) -> tuple[list["Token"], list["Token"]]:
    tok = cand.tok
    if cand.kind in ("noun", "amod", "stance"):
        return ([cand.src_tok] if cand.src_tok is not None else []), list(cand.tgt_toks)
    if _is_passive(tok):
        agent = None
        for p in _children(tok, "agent", "prep"):
            if _lemma(p) == "by":
                agent = _first(p, "pobj")
        # as for active subjects: the dateline parsed as a second subject is not the patient
        patients = [t for t in _children(tok, *_PASS_SUBJ, "nsubj") if t.idx >= _dateline_end(t.doc)]
        patient = patients[0] if patients else (_first(tok, *_PASS_SUBJ) or _first(tok, "nsubj"))
        if tok.dep_ in ("acl", "relcl") and (patient is None or patient.tag_ in ("WP", "WDT")):
            patient = tok.head  # "the reporters who were detained": the noun the relative pronoun stands for
        if patient is None and tok.dep_ == "conj":
            patient = _first(tok.head, *_PASS_SUBJ)
        if (agent is None and patient is not None and cand.triple is not None and cand.triple[0] == "MOBILIZE"
                and (_armed(patient) or lex.sector_words.get(_lemma(patient)) in ("police", "military"))):
            # "troops were deployed to the border", "police were put on alert": PLOVER's MOBILIZE codes the
            # force that mobilises as its actor, and the sentence names no one else
            return [patient], []
        preps = _children(tok, "prep")
        aimed = [po for p in preps if _lemma(p) in _AIMED_PREPS for po in _pobjs(p)]
        if patient is not None and aimed and "weapon" in arg_classes(patient):
            # "two cruise missiles were fired at the port": the weapon is the means, whom it is aimed at the
            # at/on/into phrase (a drone shot down stays the patient)
            return ([agent] if agent is not None else []), aimed
        if patient is not None and patient.i in cand.consumed:
            # "specimens were flown to a laboratory", "arms were supplied to the rebels": the patient is what
            # names the act (as a consumed object is in the active), whom it went to the recipient phrase
            # (with no recipient named the patient stays, so that the act is not folded into another one)
            recipients = [po for p in _children(tok, "prep", "dative")
                          if _lemma(p) in ("to", "for", "toward", "towards") for po in _pobjs(p)]
            return ([agent] if agent is not None else []), recipients or [patient]
        return ([agent] if agent is not None else []), ([patient] if patient is not None else [])
    pre = _prenominal_agent(tok)
    if pre is not None:
        return [pre], _prep_targets(tok)
    subj = _subject(tok)
    if cand.kind == "obligation":
        return ([subj] if subj is not None else []), list(cand.tgt_toks)
    sources = [subj] if subj is not None else []
    if cand.subj_is_target:
        return [], sources + list(cand.tgt_toks)
    targets: list["Token"] = []
    for c in tok.children:
        if c.dep_ in ("dobj", "dative") and c.i not in cand.consumed and not _own(c):
            targets.append(c)
    if cand.complement in ("request", "reject"):
        for p in _children(tok, "prep"):
            if _lemma(p) in ("on", "upon"):
                targets += _pobjs(p)  # "called on the army", not "on Tuesday"
        if cand.complement == "request" and not targets:
            # "demanded that the US match ...": the addressee is the embedded clause's subject
            targets += [s for c in _children(tok, "ccomp") for s in _children(c, "nsubj")]
    if not targets and cand.triple is not None and cand.triple[0] == "ACCUSE":
        # "holds the minister responsible", "charged that the army had shelled ...": who is blamed is the
        # subject of the judgement or of the act the clause alleges
        targets += [s for c in _children(tok, "ccomp", "oprd") for s in _children(c, "nsubj", "nsubjpass")]
    if not targets:
        # "rejected demands by the union", "accepted the rebels' offer": the statement the verb answers
        # (consumed as the event's object noun) names whom the act answers
        targets += [inner for c in _children(tok, "dobj") if c.i in cand.consumed
                    and _lemma(c) in arg_table().statement_nouns and (inner := _inner_actor(c)) is not None]
    if not targets and cand.embedded is not None and cand.embedded.tok.i != tok.i:
        emb_sources, targets = _sources_targets(cand.embedded, lex)
        if not targets and cand.complement == "request" and cand.embedded.kind == "noun":
            targets = emb_sources  # "demanded the withdrawal of the garrison": who is asked to act
    if not targets:
        targets = [t for t in cand.tgt_toks] or _prep_targets(tok)
        if not targets:
            # the recipient: "offered its troops to X", "aid for X", also on the consumed object noun
            # ("urged an embargo on X": the noun hangs from the consumed preposition) -- unless
            # that noun says whose it is ("to expel the front's envoys to X": the front)
            consumed = [t for t in tok.doc if t.i in cand.consumed and t.i != tok.i and t.pos_ in ("NOUN", "VERB")]
            targets = [inner for t in consumed if t.pos_ == "NOUN" and (inner := _inner_actor(t)) is not None]
            heads = [tok] + [t for t in tok.children if _own(t)] + consumed
            targets = targets or [po for h in heads for p in _children(h, "prep") if _lemma(p) in _RECIPIENT_PREPS
                                  and p.i not in cand.consumed for po in _pobjs(p)]
        if not targets and cand.kind == "complement":
            targets = _complement_targets(tok)
    elif all(arg_classes(t) & _MEANS_CLASSES for t in targets):
        # "fired tear gas at protesters", "fired two rockets at the base": the object is the means (its
        # owner may still be named), whom it is aimed at is the at/on/into phrase
        targets += [po for p in _children(tok, "prep") if _lemma(p) in _AIMED_PREPS for po in _children(p, "pobj")]
    return sources, targets


_AIMED_PREPS = ("at", "on", "upon", "into", "against")


def _pobjs(prep: "Token") -> list["Token"]:
    """The objects of a preposition that can name whom an act is done to: not a date or a number ('on
    Tuesday', 'by Friday', 'for three days' say when or how long)."""
    return [po for po in _children(prep, "pobj") if po.ent_type_ not in _NON_ACTOR_ENTS]


_COMPLEMENT_PREPS = ("to", "for", "against", "with", "on", "upon", "into", "at", "toward", "towards")


def _instrument_free(recipients: list["Token"], tok: "Token", ptype: str) -> list["Token"]:
    """'struck a bus with stones', 'beat the men with sticks', 'attacked the village with mortars': when an act
    of force has its patient as object, its 'with' phrase is what it was done with, never whom it was done to
    ('clashed with police' has no object, and there the 'with' phrase is the other side)."""
    if ptype not in ("ASSAULT", "COERCE") or _first(tok, "dobj") is None:
        return recipients
    return [r for r in recipients if not (r.dep_ == "pobj" and _lemma(r.head) == "with" and r.head.head.i == tok.i)]


def _recipients(tok: "Token", cand: _Cand) -> list["Token"]:
    """The recipient phrases of an act and of its objects ('aid to X', 'talks with X'), and of the
    infinitive it governs."""
    heads = [tok] + [o for o in _children(tok, "dobj") if not _own(o)]
    out = [po for h in heads for p in _children(h, "prep") if _lemma(p) in _COMPLEMENT_PREPS
           and p.i not in cand.consumed for po in _pobjs(p)]
    return out + [t for t in _complement_targets(tok) if t not in out]


def _complement_targets(tok: "Token") -> list["Token"]:
    """'vowed to halt fuel shipments to X', 'agreed to send food to X', 'refused to allow X': whom
    the infinitive's act is done to names whom the threat, promise or refusal concerns -- its object, or the
    recipient of its object or of the act itself (a place the act happens 'in' is not a recipient)."""
    out: list["Token"] = []
    for x in _children(tok, "xcomp"):
        heads = [x] + _children(x, "dobj")
        # its object only when it names someone ('refused to allow the envoys'), not a thing ('ties')
        out += [o for o in _children(x, "dobj", "dative") if not _own(o) and (
            o.pos_ == "PROPN" or o.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
            or arg_classes(o) & _PERSON_CLASSES or _lemma(o) in lexicon().actor_nouns)]
        out += [po for h in heads for p in _children(h, "prep") if _lemma(p) in _COMPLEMENT_PREPS
                for po in _pobjs(p)]
    return out


_RECIPIENT_PREPS = ("to", "for", "from", "against", "with", "between", "toward", "towards", "on", "upon", "into", "in",
                    "at")


def _own(tok: "Token") -> bool:
    """'its troops', 'their borders': the actor's own forces or territory, not a recipient."""
    return any(c.dep_ == "poss" and c.lower_ in ("its", "their", "his", "her", "our") for c in tok.children)


def _coordinated(tok: "Token") -> list["Token"]:
    """The argument head and everything coordinated or in apposition with it."""
    out, todo = [], [tok]
    while todo and len(out) < 12:
        t = todo.pop(0)
        if t in out:
            continue
        out.append(t)
        # "X, a spokeswoman for the ministry", "X, a neighbouring state": a common noun apposed to a name
        # describes it (a title, a kind), it is no second party (an apposed name still is: "the president
        # of X, Alexander Y")
        described = [c for c in t.children if c.dep_ == "appos" and (t.ent_type_ or t.pos_ == "PROPN")
                     and c.pos_ == "NOUN" and not c.ent_type_]
        todo += [c for c in t.children if c.dep_ in ("conj", "appos") and c not in described]
        todo += [c for d in described for c in d.children if c.dep_ == "conj"]  # "X, a nurse, and two others"
        # "the president of X, Alexander Y, ...": an apposed name parsed as a conjunct of X
        for p in t.children:
            if p.dep_ == "prep" and _lemma(p) == "of":
                for pobj in _children(p, "pobj"):
                    todo += [c for c in pobj.children if c.dep_ == "conj" and c.ent_type_ == "PERSON"
                             and pobj.ent_type_ != "PERSON"]
    return sorted(out, key=lambda t: t.i)


_NP_DROP = ("conj", "cc", "appos", "punct", "relcl", "acl", "advcl", "prep", "det", "predet", "case")


def _np_bounds(head: "Token") -> tuple[int, int]:
    """Character bounds of a noun phrase: the head with its modifiers, without coordination or clauses."""
    lo, hi = head.idx, head.idx + len(head.text)
    for c in head.children:
        if c.dep_ == "prep" and _lemma(c) == "of" and c.i > head.i:
            pobj = _first(c, "pobj")
            if pobj is not None:
                hi = max(hi, _np_bounds(pobj)[1])
            continue
        if c.dep_ in _NP_DROP:
            continue
        sub = list(c.subtree)
        lo = min(lo, sub[0].idx)
        hi = max(hi, sub[-1].idx + len(sub[-1].text))
    return lo, hi


def _name_bounds(head: "Token") -> tuple[int, int]:
    """Character bounds of the phrase that names an actor: the noun phrase without its count ('at least
    12 people' -> 'people', 'two reporters' -> 'reporters': the number is a magnitude, not part of the
    name, nor is 'several' in 'several journalists') and without a date or dateline glued before it
    ('TOWN, May 2 - Police' -> 'Police')."""
    lo, hi = _np_bounds(head)
    if head.pos_ in ("NUM", "PROPN") or head.ent_type_ in _NON_ACTOR_ENTS:
        return lo, hi
    # -- nor a quantifier that counts it ('several journalists', 'many residents', 'some protesters')
    quantifiers = lexicon().quantifiers if head.tag_ == "NNS" else frozenset()
    cut = [c for c in head.children if c.i < head.i and (c.dep_ in lexicon().raw["name_drop_deps"]
                                                       or c.ent_type_ in ("DATE", "TIME")
                                                       or (c.dep_ in ("amod", "det") and c.lower_ in quantifiers
                                                           and not c.ent_type_))]
    cut += [t for t in head.doc[head.left_edge.i:head.i] if t.is_punct and t.text in "–—-:"]
    if cut:
        lo = max(max(t.idx + len(t.text) for c in cut for t in ([c] if c.is_punct else c.subtree)), lo)
        lo = next((t.idx for t in head.doc[head.left_edge.i:head.i + 1] if t.idx >= lo and not t.is_punct
                   and not t.is_space), head.idx)
    return lo, hi


def _asks_which(head: "Token") -> bool:
    """'how many people', 'which units': a question about an actor names none."""
    return any(t.tag_ in ("WDT", "WP", "WRB") for t in head.subtree if t.i < head.i)


def _relative_speaker(tok: "Token") -> "Token | None":
    """'students who said they had been beaten', 'the farmers, who say they were driven out': a pronoun
    subject of what a relative clause's speaker says is that speaker -- the noun 'who' stands for."""
    if tok.lower_ not in ("they", "he", "she", "we") or tok.dep_ not in (*_SUBJ, *_PASS_SUBJ):
        return None
    clause = tok.head
    while clause.dep_ == "conj" and clause.head is not clause:
        clause = clause.head
    speech = clause.head
    if clause.dep_ != "ccomp" or _lemma(speech) not in lexicon().speech or speech.dep_ != "relcl":
        return None
    if not any(c.dep_ in _SUBJ and c.tag_ == "WP" for c in speech.children):
        return None
    return speech.head if speech.head.pos_ in ("NOUN", "PROPN") else None


def _armed_antecedent(tok: "Token", doc: "Doc", analysis: Analysis) -> Actor | None:
    """'Fighters of the X Front seized the town ... The gunmen later ...', 'the X rebel alliance said ... The
    rebels have denied ...': a definite description by a non-state armed noun (event_args
    nonstate_armed_nouns) that the coreference stage left without an actor is the last group named before it
    whose own phrase calls it such ('fighters of X', 'X rebels', 'the X rebel alliance')."""
    nouns = event_args()["nonstate_armed_nouns"]
    if (_lemma(tok) not in nouns or tok.tag_ != "NNS" or tok.ent_type_
            or not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)):
        return None
    if _coref_actor(tok, analysis) is not None:
        return None
    best: tuple[int, Actor] | None = None
    for actor in analysis.actors:
        if actor.kind in _PLACE_KINDS or actor.kind in ("person", "state", "government", "igo"):
            continue
        for m in actor.mentions:
            if m.end > tok.idx or (best is not None and m.start <= best[0]):
                continue
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            root = span.root
            near = [root, *root.children]
            if root.dep_ in ("compound", "nmod", "poss", "appos"):
                near.append(root.head)
            if root.dep_ == "pobj" and root.head.dep_ == "prep" and _lemma(root.head) == "of":
                near.append(root.head.head)  # "fighters of X"
            if any(_lemma(t) in nouns and t.i != tok.i for t in near):
                best = (m.start, actor)
    return best[1] if best is not None else None


@dataclass(frozen=True)
class _ActorRef:
    name: str
    country: str | None
    sector: str | None


def _coref_actor(tok: "Token", analysis: Analysis) -> Actor | None:
    """The actor the coreference stage resolved this word to (a pronoun, "the ministry", "the
    prosecutor"), if it did: one resolver for every stage."""
    link = links_by_start(analysis).get(tok.idx)
    if link is None or link.antecedent_actor_id is None:
        return None
    actor = next((a for a in analysis.actors if a.id == link.antecedent_actor_id), None)
    if actor is not None and actor.kind in _PLACE_KINDS:
        return None  # a town or a building does not act; the antecedent phrase may still name who did
    return actor


def _actor_ref_of(actor: Actor, tok: "Token", doc: "Doc", analysis: Analysis) -> _ActorRef:
    lo, hi = _np_bounds(tok)
    text = analysis.report.text
    country = (actor.country or _igo_code(text[lo:hi], actor.kind, actor.sector)
               or _country(text[lo:hi], doc, lo, hi) or _located_in(tok, doc, text))
    return _ActorRef(actor.canonical, country, actor.sector or lexicon().sector_words.get(_lemma(tok)))


def _unlinked_pronoun(tok: "Token", doc: "Doc", analysis: Analysis) -> _ActorRef | None:
    """A pronoun the coreference stage linked to a phrase that names no actor ("a colleague ... he")
    acts through that phrase; one it left unresolved has no actor."""
    link = links_by_start(analysis).get(tok.idx)
    if link is None or link.antecedent is None:
        return None
    span = doc.char_span(link.antecedent.start, link.antecedent.end, alignment_mode="expand")
    return _actor_ref(span.root, doc, analysis, 1) if span is not None else None


def _actor_ref(tok: "Token", doc: "Doc", analysis: Analysis, depth: int = 0, patient: bool = False
               ) -> _ActorRef | None:
    lex = lexicon()
    text = analysis.report.text
    if depth == 0 and (said_by := _relative_speaker(tok)) is not None:
        return _actor_ref(said_by, doc, analysis, 0, patient)
    if depth == 0 and (linked := _coref_actor(tok, analysis)) is not None:
        spoken = _spoken_for(linked, tok, doc, analysis) if linked.kind == "person" and _inanimate(tok) else None
        return spoken or _actor_ref_of(linked, tok, doc, analysis)
    if tok.lower_ in _PRONOUNS and depth == 0:
        return _unlinked_pronoun(tok, doc, analysis)  # also one linked to a place: its antecedent phrase
    if depth == 0 and (group := _armed_antecedent(tok, doc, analysis)) is not None:
        return _actor_ref_of(group, tok, doc, analysis)
    owner = _owner_of_forces(tok, doc, analysis) if depth == 0 else None
    if owner is not None:
        return owner
    body = _representative_body(tok) if not _named(tok) else None
    if body is not None:  # "a commander of the faction denied ...": an unnamed representative acts as its body
        ref = _actor_ref(body, doc, analysis, 0 if body.lower_ in _PRONOUNS else depth)
        if ref is not None:
            return ref
    lo, hi = _np_bounds(tok)
    ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
    # the head with its left modifiers first; the whole phrase only for partitive heads
    # ("members of his government"), not for "residents of Belarus"
    h_lo, h_hi = (ent.start_char, ent.end_char) if ent is not None else (lo, tok.idx + len(tok.text))
    actor: Actor | None = resolve_actor(analysis, h_lo, h_hi)
    if actor is None and _lemma(tok) in lex.partitive:
        actor = resolve_actor(analysis, lo, hi)
    sector = lex.sector_words.get(_lemma(tok))
    if actor is not None:
        # a person or group without a country of its own takes it from its phrase
        # ("Lebanon's new President Elias Hrawi", "UN refugee agency" -> IGO)
        country = (actor.country or _igo_code(text[lo:hi], actor.kind, actor.sector)
                   or _country(text[lo:hi], doc, lo, hi) or _located_in(tok, doc, text))
        group = _national_group(tok, actor, sector)
        if group is not None:
            return _ActorRef(_owner_name(tok, patient) or _strip_det(text[h_lo:h_hi]), country, group)
        return _ActorRef(_country_for_capital(actor.canonical), country, actor.sector or sector)
    if tok.ent_type_ in _NON_ACTOR_ENTS:
        return None
    kinds = arg_classes(tok) & _PERSON_CLASSES
    if sector is None and kinds:
        sector = "military" if "armed" in kinds else "civilians"
    if (ent is None and sector is None and _lemma(tok) not in lex.actor_nouns and tok.pos_ != "PROPN"
            and not (patient and _lemma(tok) in _people_lemmas())):
        if _lemma(tok) in lex.quantifiers:  # "many of them" -> what they quantify
            inner = next((po for p in _children(tok, "prep") for po in _children(p, "pobj")), None)
            return _actor_ref(inner, doc, analysis, depth, patient) if inner is not None else None
        # who an act is done to need not be an agent: "two reporters were freed", "shelled villages";
        # a plural noun names the people or things it befell (a singular abstract one, "power", does not)
        # -- nor is the weapon fired or launched: it is the means ("shells were fired")
        # -- nor is a statement or an act ("rejected calls by X", "condemned the attacks"): who made it may be
        if not (patient and tok.tag_ == "NNS" and _lemma(tok) not in lex.containers
                and not arg_classes(tok) & _MEANS_CLASSES and not _names_act(tok, lex)):
            return None
    if ent is None and _asks_which(tok):
        return None
    n_lo, n_hi = _name_bounds(tok)
    name = ent.text if ent is not None and ent.label_ in ("PERSON", "ORG", "GPE") else text[n_lo:n_hi]
    name = _owner_name(tok, patient) or _strip_det(name)
    if not name:
        return None
    country = _country(text[lo:hi], doc, lo, hi) or _igo_code(text[lo:hi], None, sector) or _located_in(tok, doc, text)
    if ent is None and (body := _state_force(tok)) and (state := country or _report_state(analysis)) is not None:
        # "police fired tear gas", "troops shelled ...", "police in <town>": no owner named, the state forces of
        # the country they are in or the report is about (PLOVER codes the state); "the authorities" are
        # that state's government
        # -- the force keeps the name the text gives it ('police'; its code is the state's), a body of
        # government is named as the state's government
        if body == "government":
            return _ActorRef(f"{country_phrase(state).removeprefix('the ')} government", state, "government")
        return _ActorRef(name, state, sector)
    return _ActorRef(name, country, sector)


def _state_force(tok: "Token") -> str | None:
    """'the police', 'soldiers', 'riot police', 'security forces' ('force'), 'the authorities' ('government'):
    a state force or body with no owner, no national or group modifier and no 'of' phrase of its own."""
    args = event_args()
    lem = _lemma(tok)
    if tok.lower_ in args["state_body_nouns"]:
        kind = "government"
    elif lem in args["state_force_nouns"] or tok.lower_ in args["state_force_nouns"]:
        kind = "force"
    else:
        return None
    mods = [c for c in tok.children if c.i < tok.i and c.dep_ in ("compound", "amod", "nmod", "poss")]
    if any(c.dep_ == "poss" or (c.lower_ not in args["state_force_modifiers"] and _lemma(c) not in
                                args["state_force_modifiers"]) for c in mods):
        return None
    if lem == "force" and not mods:
        return None
    if any(c.dep_ == "prep" and _lemma(c) in ("of", "from", "under") for c in tok.children):
        return None
    return kind


def _report_state(analysis: Analysis) -> str | None:
    """alpha3 of the country most of the report's resolved places are in (dateline and country names count
    half, as the places stage weighs them)."""
    votes: dict[str, float] = {}
    for p in analysis.places:
        if p.country and p.feature is not None:
            weight = 0.5 if p.role == "dateline" or p.feature == "country" else 1.0
            votes[p.country] = votes.get(p.country, 0.0) + weight
    if not votes:
        return None
    from ..ontology.countries import by_code

    found = by_code(max(votes, key=lambda c: votes[c]))
    return found.iso3 if found is not None else None


@functools.lru_cache(maxsize=1)
def _people_lemmas() -> frozenset[str]:
    """Nouns for people by their lot or calling ('a vendor', 'the shopkeeper'), singular: who an act is done to
    though the table of agents does not list them. One source with the claims' counted people
    (disputes.json ``people_nouns``), so a calling added there is a victim here too."""
    words = {w for members in load_table("disputes")["people_nouns"].values() for w in members}
    words |= set(event_args()["victim_nouns"])
    return frozenset(w[:-1] if w.endswith("s") and not w.endswith("ss") else w for w in words)


def _names_act(noun: "Token", lex: Lexicon) -> bool:
    """A noun naming a statement, an act or an offence, not people or things: 'calls', 'claims', 'attacks',
    'crimes'."""
    return (_lemma(noun) in arg_table().statement_nouns or "offence" in arg_classes(noun)
            or _noun_spec(noun, lex) is not None)


def _spokesperson_role(tok: "Token") -> "Token | None":
    """The spokesperson title of ``tok``: the word itself ('a police spokesman, Inspector X'), or the title
    apposed to or compounded with a name ('X, a spokeswoman for the ministry', 'Police spokesman X')."""
    words = arg_table().spokesperson
    if _lemma(tok) in words or tok.lower_ in words:
        return tok
    role = next((c for c in tok.children if c.dep_ in ("appos", "compound") and
                 (_lemma(c) in words or c.lower_ in words)), None)
    if role is None and tok.dep_ == "appos" and (_lemma(tok.head) in words or tok.head.lower_ in words):
        role = tok.head
    return role


def _mouthpiece_body(tok: "Token") -> "Token | None":
    """The body a spokesperson's title says they speak for (event_args spokesperson_nouns), read by
    ``_spoken_for`` when 'it' or 'the ministry' resolves to that person: 'for/of the ministry', 'the army's',
    or the organisation or sector word compounded before the title ('Police spokesman X')."""
    role = _spokesperson_role(tok)
    if role is None:
        return None
    for p in _children(role, "prep"):
        if _lemma(p) in ("for", "of", "from") and (po := _first(p, "pobj")) is not None:
            return po
    if (poss := _first(role, "poss")) is not None and poss.lower_ not in _PRONOUNS:
        return poss
    lex = lexicon()
    # the modifier of the title: a child of the title, or (names glued into one compound chain) the word before it
    mods = [c for c in role.children if c.dep_ in ("compound", "amod", "nmod") and c.i < role.i]
    if not mods and role.i > 0 and role.doc[role.i - 1].dep_ in ("compound", "amod"):
        mods = [role.doc[role.i - 1]]
    for c in mods:
        if c.ent_type_ in ("ORG", "NORP", "GPE") or _lemma(c) in lex.sector_words or arg_classes(c) & {"armed"}:
            return c
    return None


def _inanimate(tok: "Token") -> bool:
    """'it', 'the ministry', 'the statement': a word that cannot stand for a person."""
    if tok.lower_ in ("it", "its", "itself"):
        return True
    return (tok.pos_ == "NOUN" and tok.ent_type_ != "PERSON" and _lemma(tok) not in arg_table().representative
            and not arg_classes(tok) & _PERSON_CLASSES)


def _spoken_for(person: Actor, tok: "Token", doc: "Doc", analysis: Analysis) -> _ActorRef | None:
    """'A ministry spokesman, X, said ... Later the ministry asked ...': a word that cannot stand for a
    person ('it', 'the ministry') resolved to a spokesperson stands for the body the spokesperson speaks for
    (event_args spokesperson_nouns); a named spokesperson who is the phrase's head acts as themselves."""
    body = None
    for m in person.mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and (body := _mouthpiece_body(span.root)) is not None:
            break
    return _body_ref(body, doc, analysis)


def _body_ref(body: "Token | None", doc: "Doc", analysis: Analysis) -> _ActorRef | None:
    """The actor a spokesperson's body names; the word itself when it lies inside the person's own
    mention ('Police spokesman Inspector X': 'Police')."""
    if body is None:
        return None
    ref = _actor_ref(body, doc, analysis, 1)
    owner = resolve_actor(analysis, body.idx, body.idx + len(body.text))
    if ref is not None and owner is not None and owner.kind == "person":
        ref = _ActorRef(_strip_det(body.text), None, lexicon().sector_words.get(_lemma(body)))
    return ref


def _representative_body(role: "Token") -> "Token | None":
    """The body a representative speaks or acts for: 'a spokesman for the ministry', 'the army's
    spokesman', 'an army spokesman', 'a commander of the faction', 'a police official'."""
    if _lemma(role) not in arg_table().representative or role.ent_type_ == "PERSON" or role.tag_ != "NN":
        return None  # "union officials", "officials of the ministry": plural, they are a group themselves
    for p in _children(role, "prep"):
        if _lemma(p) in ("for", "of", "from") and (po := _first(p, "pobj")) is not None:
            return po
    poss = _first(role, "poss")
    if poss is not None:
        return poss
    lex = lexicon()
    for c in role.children:
        if c.dep_ in ("compound", "amod", "nmod") and c.i < role.i and (
                c.ent_type_ in ("ORG", "NORP", "GPE") or _lemma(c) in lex.sector_words or arg_classes(c) & {"armed"}):
            return c
    return None


def _armed(tok: "Token") -> bool:
    """An armed body: its head or a modifier is ('the rebel alliance', 'a militia group', 'troops')."""
    return any(arg_classes(t) & {"armed"} for t in [tok] + [c for c in tok.children if c.dep_ in ("amod", "compound")])


def _named(role: "Token") -> bool:
    """A representative with a name ('an army spokesman, Col. X', 'Police spokesman Inspector X'): the
    named person acts."""
    if role.ent_type_ == "PERSON" or (role.dep_ in ("compound", "appos") and role.head.ent_type_ == "PERSON"):
        return True
    return any(c.dep_ == "appos" and (c.ent_type_ == "PERSON" or c.pos_ == "PROPN") for c in role.children)


def _speaker_body(actor_id: str, doc: "Doc", analysis: Analysis) -> tuple[_ActorRef, bool] | None:
    """The body a reported clause's speaker stands for, and whether it is an authority or an armed body
    (event_args authority_sectors): an organisation speaks for itself, a person for the body their title
    names ('Dizon, a spokesman for the city police' -> the city police)."""
    actor = next((a for a in analysis.actors if a.id == actor_id), None)
    if actor is None:
        return None
    tab = arg_table()
    for m in actor.mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        if actor.kind != "person":
            ref = _actor_ref_of(actor, root, doc, analysis)
            authority = (actor.kind in ("state", "government") or (ref.sector or "") in tab.authority_sectors
                         or _armed(root))
            return ref, authority
        roles = [c for c in root.children if c.dep_ in ("appos", "compound")]
        roles += [root.head] if root.dep_ in ("appos", "compound") else []
        for role in roles:
            body = _representative_body(role)
            ref = _actor_ref(body, doc, analysis) if body is not None else None
            if body is not None and ref is not None and ref.name == actor.canonical:
                # "Police spokesman Inspector X": the modifier lies inside the person's own mention
                ref = _ActorRef(_strip_det(body.text), None, lexicon().sector_words.get(_lemma(body)))
            if body is not None and ref is not None:
                return ref, (ref.sector or "") in tab.authority_sectors or _armed(body)
    return None


def _authority_agent(ptype: str, mode: str | None, attribution: Attribution | None, doc: "Doc",
                     analysis: Analysis) -> _ActorRef | None:
    """'Four suspects have been arrested, police said', 'the hostages will be freed, the rebels said': an
    authority or armed body reporting, in the agentless passive, an act of the kind it does (arrests,
    charges, releases, deployments, inquiries; event_args authority_acts) reports its own act."""
    acts = arg_table().authority_acts
    if ptype not in acts and f"{ptype}:{mode}" not in acts:
        return None
    if attribution is None or attribution.kind == "outlet":
        return None
    found = _speaker_body(attribution.actor_id, doc, analysis) if attribution.actor_id else None
    if found is None and attribution.cue is not None:
        found = _cue_speaker_body(attribution.cue, doc, analysis)
    return found[0] if found is not None and found[1] else None


def _cue_speaker_body(cue: Span, doc: "Doc", analysis: Analysis) -> tuple[_ActorRef, bool] | None:
    """A speaker no actor stands for ('the military governor of the province said', 'according to the
    city police'): the phrase itself, an authority when its head names one."""
    verb = next((t for t in doc if t.idx == cue.start), None)
    if verb is None:
        return None
    who = (next((po for p in verb.subtree if _lemma(p) == "to" for po in _children(p, "pobj")), None)
           if _lemma(verb) == "accord" else _subject(verb))
    if who is None or who.lower_ in _PRONOUNS:
        return None
    body = _representative_body(who) if not _named(who) else None
    head = body if body is not None else who
    ref = _actor_ref(head, doc, analysis)
    if ref is None:
        return None
    return ref, (ref.sector or "") in arg_table().authority_sectors or _armed(head)


def _owner_name(tok: "Token", patient: bool) -> str | None:
    """'Myanmar military aircraft dropped ...', 'government warplanes bombed ...': a weapon or aircraft that
    acts stands for whoever fields it, named by its modifiers ('Myanmar military', 'government')."""
    if patient or not arg_classes(tok) & _MEANS_CLASSES:
        return None
    lex = lexicon()
    mods = [c for c in tok.children if c.i < tok.i and c.dep_ in ("compound", "amod", "nmod")
            and not arg_classes(c) & _MEANS_CLASSES
            and (c.ent_type_ in ("NORP", "GPE", "ORG") or _lemma(c) in lex.sector_words or arg_classes(c) & {"armed"})]
    if not mods:
        return None
    lo = min(t.i for m in mods for t in m.subtree)
    hi = max(m.i for m in mods)
    return _strip_det(tok.doc[lo:hi + 1].text) or None


def _owner_of_forces(tok: "Token", doc: "Doc", analysis: Analysis) -> _ActorRef | None:
    """'its forces', 'their fighters', 'its units': a state's or group's own armed force acts as that
    state or group (PLOVER codes the state), so the owner the possessive pronoun refers to is the actor."""
    if not arg_classes(tok) & {"armed"}:
        return None
    poss = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ in event_args()["owner_pronouns"]), None)
    if poss is None:
        return None
    owner = _coref_actor(poss, analysis)
    if owner is not None:
        return _actor_ref_of(owner, poss, doc, analysis)
    # unlinked, inside what a source says ("the ministry said its forces had ..."): the speaker's own forces
    for child, head in zip(_clause_chain(tok), _clause_chain(tok)[1:], strict=False):
        if child.dep_ == "ccomp" and _lemma(head) in lexicon().speech:
            speaker = _subject(head)
            if speaker is not None and speaker.lower_ not in _PRONOUNS:
                return _actor_ref(speaker, doc, analysis, 1)
            break
    return None


_PLACE_KINDS = frozenset({"location", "facility"})
_GROUP_SECTORS = ("military", "police", "civilians", "opposition", "media")


def _national_group(tok: "Token", actor: Actor, sector: str | None) -> str | None:
    """'Chilean soldiers', 'Peruvian riot police', 'Ghanaian nurses': the country is only the modifier, the
    actor is the group (named by its phrase; the country stays its code). Returns the group's sector."""
    if any(m.start <= tok.idx < m.end for m in actor.mentions):
        return None  # the head itself is the actor's mention ("the Ecuadorian government")
    kinds = arg_classes(tok) & _PERSON_CLASSES
    if sector in _GROUP_SECTORS:
        return sector
    if kinds:
        return "military" if "armed" in kinds else "civilians"
    return None


def _country_for_capital(name: str) -> str:
    """A capital acting stands for its state ('Ankara denied ...' -> Turkey), as PLOVER codes it."""
    a3 = _capitals().get(name)
    return country_phrase(a3).removeprefix("the ") if a3 else name


def _located_in(tok: "Token", doc: "Doc", text: str) -> str | None:
    """'opposition groups in Zimbabwe', 'students throughout Indonesia': a group placed in a country.
    ``text`` is the report's text (doc.text rebuilds it from the tokens on every read)."""
    for p in _children(tok, "prep"):
        if _lemma(p) in ("in", "throughout", "across", "from", "inside"):
            pobj = _first(p, "pobj")
            if pobj is not None and pobj.ent_type_ == "GPE":
                lo, hi = _np_bounds(pobj)
                found = _country(text[lo:hi], doc, lo, hi)
                if found:
                    return found
    return None


def _igo_code(np_text: str, kind: str | None, sector: str | None) -> str | None:
    """PLOVER's non-state actor code IGO for intergovernmental organisations (manual, 'Actor codes')."""
    if kind == "igo" or sector == "igo":
        return "IGO"
    words = f" {np_text.lower().replace('.', '')} "
    return "IGO" if any(f" {n} " in words for n in lexicon().igo_names) else None


def _strip_det(name: str) -> str:
    for det in ("the ", "The ", "a ", "an ", "A ", "An "):
        if name.startswith(det):
            return _adjectival(name[len(det):].strip())
    return _adjectival(name.strip(" ,"))


def _adjectival(name: str) -> str:
    """'Mali's armed forces' -> 'Malian armed forces': a country's body named with the country's adjective,
    the form a name takes in lists and registers (and the one that matches 'the Malian army')."""
    for mark in ("'s ", "’s "):
        owner, sep, rest = name.partition(mark)
        if sep and rest and owner.strip():
            found = _alpha3(country_of(owner))
            demonym = _demonyms().get(found or "")
            if demonym and demonym[:4].lower() == owner.strip()[:4].lower():  # not 'Myanmar's' -> 'Burmese'
                return f"{demonym} {rest}"
    return name


@functools.lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    """alpha3 -> the country's adjective ('MLI' -> 'Malian'), from ontology/countries.json."""
    from ..ontology.countries import countries

    return {c.iso3: c.demonyms[0] for c in countries() if c.demonyms}


def _country(np_text: str, doc: "Doc", lo: int, hi: int) -> str | None:
    for ent in doc.ents:
        if ent.start_char >= lo and ent.end_char <= hi and ent.label_ in ("GPE", "NORP"):
            code = _alpha3(country_of(ent.text)) or _capitals().get(ent.text)
            if code:
                return code
    for word in np_text.split():
        w = word.strip(",.'’").removesuffix("'s").removesuffix("’s")
        code = _alpha3(country_of(w)) or _capitals().get(w)
        if code:
            return code
    return None


@functools.lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    """Capital city -> alpha3 ("Khartoum government" -> SDN), from ontology/countries.json."""
    from ..ontology.countries import countries

    return {c.capital: c.iso3 for c in countries() if c.capital}


def _alpha3(found: Any) -> str | None:
    """entities.country_of gives (alpha3, name); accept a bare code too."""
    if not found:
        return None
    return str(found[0]) if isinstance(found, (tuple, list)) else str(found)



# ---------------------------------------------------------------- facts around the event
def _date_for(analysis: Analysis, sent_lo: int, sent_hi: int, at: int, trigger: "Token | None" = None
              ) -> TimeValue | None:
    from . import lookup  # the rules live in lookup.py (questions stages ask of an Analysis)

    return lookup.date_of_clause(analysis, sent_lo, sent_hi, at, trigger, extractor=NAME)


def _governing_verb(tok: "Token") -> "Token":
    """The nearest verb at or above ``tok`` (the clause a phrase belongs to)."""
    cur = tok
    for _ in range(20):
        if cur.pos_ in ("VERB", "AUX") or cur.head is cur:
            return cur
        cur = cur.head
    return cur


def _date_in_clause(trigger: "Token", lo: int, hi: int) -> bool:
    from . import lookup

    return lookup.in_clause(trigger, lo, hi)


def _magnitude_for(analysis: Analysis, lo: int, hi: int, at: int) -> Magnitude | None:
    from . import lookup

    return lookup.magnitude_of_clause(analysis, lo, hi, at)


def _clause_bounds(cand: _Cand) -> tuple[int, int]:
    """Characters of the trigger's clause: its subtree, or its head noun's for participles."""
    tok = cand.tok
    root = tok.head if tok.dep_ in ("acl", "amod") else tok
    sub = list(root.subtree)
    return sub[0].idx, sub[-1].idx + len(sub[-1].text)


# ---------------------------------------------------------------- what a speaker alleges
def _alleged_by(tok: "Token") -> "Token | None":
    """Whom a reported hostile act is laid on: the agent of the passive ('had been beaten by police'), or
    whoever holds the place it came from ('the shells were fired from positions held by the front')."""
    for p in _children(tok, "agent", "prep"):
        if _lemma(p) == "by" and (agent := _first(p, "pobj")) is not None:
            return agent
    holding = event_args()["holding_verbs"]
    preps = _children(tok, "prep")
    origin = next((p.i for p in preps if _lemma(p) == "from"), None)
    for p in preps:
        # the origin, and what places it after the origin ("from hills near the town held by X"); not where
        # the act landed ("fired into a camp held by X")
        if origin is None or not (p.i == origin or (p.i > origin and _lemma(p) in _ORIGIN_PLACING)):
            continue
        for place in _children(p, "pobj"):
            # "from hills near the river held by X": the participle may hang from any noun of the phrase
            for held in [t for t in place.subtree if t.dep_ == "acl"]:
                if _lemma(held) in holding:
                    agent = next((po for a in _children(held, "agent", "prep") if _lemma(a) == "by"
                                  for po in _children(a, "pobj")), None)
                    if agent is not None:
                        return agent
    return None


def _news_medium(tok: "Token", lex: Lexicon) -> bool:
    """'the newspaper', 'state television', 'the news agency Varnok Press', 'Radio Teluria': a speaker that is
    a medium, by its own word or the words named with it (sectors.media)."""
    # the modifiers with their own modifiers: "the Teluria news agency Varnok Press" hangs "news" on "agency"
    near = [tok, *(t for c in tok.children if c.dep_ in ("compound", "appos", "amod", "nmod") for t in c.subtree)]
    if tok.dep_ == "appos":
        near.append(tok.head)
    words = {_lemma(t) for t in near} | {t.lower_ for t in near}
    if "agency" in words:  # "the agency" alone is as often a state's: a news agency says so
        return bool(words & set(lex.raw["news_words"]))
    return any(lex.sector_words.get(w) == "media" for w in words)


_ORIGIN_PLACING = ("near", "above", "around", "outside", "beyond", "across", "behind", "on")


def _reported_accusation(c: _Cand, cands: dict[int, _Cand], lex: Lexicon) -> _Cand | None:
    """'Protesters who said they had been beaten by police', 'a local official said the shells were fired
    from positions held by the front': a speaker laying a hostile act (event_args alleged_acts) done to
    someone on a named party accuses that party (CAMEO 112 on the speech verb; the act stays an event too).
    Only a passive with its doer named or a place held by someone: an active clause ('the army said rebels
    had shelled the town') is the report of the act itself."""
    tok = c.tok
    if (c.triple is None or c.triple[0] not in event_args()["alleged_acts"] or not _is_passive(tok)
            or _negated(tok) or c.kind != "verb"):
        return None
    clause = tok
    while clause.dep_ == "conj" and clause.head is not clause:
        clause = clause.head
    if clause.dep_ != "ccomp":
        return None
    speech = clause.head
    if _lemma(speech) not in lex.speech or speech.i in cands:
        return None
    if any(a.dep_ == "aux" and _lemma(a) in lex.future_aux for a in tok.children):
        return None  # "said they would be detained by the army": what is expected, not laid on anyone
    speaker, accused = _subject(speech), _alleged_by(tok)
    if speaker is None or accused is None or accused.lower_ in _PRONOUNS:
        return None
    if _news_medium(speaker, lex):
        return None  # "the agency reported", "a local newspaper said": a medium tells the act, it accuses no one
    t = lex.verbs["accuse"]["t"]
    return _Cand(speech, (t[0], t[1], t[2]), f"alleged:{_lemma(speech)}+ccomp:{_lemma(tok)}", "noun",
                 src_tok=speaker, tgt_toks=[accused])


# ---------------------------------------------------------------- main
def _collect(doc: "Doc", lex: Lexicon) -> list[_Cand]:
    cands: dict[int, _Cand] = {}
    for tok in doc:
        c = _candidate(tok, lex)
        if c is not None:
            cands[tok.i] = c
    for tok in doc:  # speech + must: a demand
        if tok.i not in cands:
            ob = _speech_obligation(tok, cands, lex)
            if ob is not None:
                cands[tok.i] = ob
    for c in list(cands.values()):  # "said its guards had not opened fire": a denial
        denial = _denial(c, cands, lex)
        if denial is not None:
            cands[denial.tok.i] = denial
    for c in list(cands.values()):  # "who said they had been beaten by police": an accusation
        alleged = _reported_accusation(c, cands, lex)
        if alleged is not None:
            cands[alleged.tok.i] = alleged
    for i in [i for i, c in cands.items() if _describes_argument(c, cands, lex)]:
        del cands[i]  # nor is it what the other event embeds
    consumed: set[int] = set(_offence_clauses(cands)) | {i for i, c in cands.items() if _time_gerund(c.tok)}
    for c in sorted(cands.values(), key=lambda c: len(list(c.tok.ancestors))):
        if c.complement:
            _apply_complement(c, cands, lex)
        consumed |= c.consumed - {c.tok.i}
    out = []
    for i, c in cands.items():
        if i in consumed and c.kind != "complement":
            continue
        if c.triple is None and c.complement != "intent":
            continue
        out.append(c)
    return out


def _describes_argument(c: _Cand, cands: dict[int, _Cand], lex: Lexicon) -> bool:
    """'turned down the contract proposed by the ministry', 'refused the compensation promised by the
    council': a passive participle after a thing (not a party) that another event of the clause is about
    says which thing, not a second act. After people it is one ('freed the journalists detained last week')."""
    tok = c.tok
    if tok.dep_ != "acl" or tok.tag_ != "VBN":
        return False
    noun = tok.head
    if noun.pos_ not in ("NOUN", "PROPN") or _can_act(noun, lex):
        return False
    while noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head  # "allowances and promotions promised under ..."
    gov = noun.head.head if noun.dep_ == "pobj" else noun.head
    return gov.i != noun.i and gov.i in cands and noun.dep_ in (*_SUBJ, *_PASS_SUBJ, "dobj", "pobj")


def _offence_clauses(cands: dict[int, _Cand]) -> list[int]:
    """'detained for blocking a road', 'convicted of plotting a coup': the clause a coercive or punitive
    act is for is the alleged offence -- the reason the report gives, not a second event it asserts."""
    tab = arg_table()
    out = []
    for c in cands.values():
        if c.triple is None or c.triple[0] not in tab.offence_heads:
            continue
        for p in _children(c.tok, "prep"):
            if _lemma(p) in tab.offence_preps:
                # the whole clause: "of attempting to seize power" takes "seize" with it
                out += [t.i for pc in p.children if pc.dep_ in ("pcomp", "pobj") and pc.tag_ == "VBG"
                        for t in pc.subtree if t.i in cands]
    return out


def _time_gerund(tok: "Token") -> bool:
    """'freed after questioning': a gerund with no arguments after a time preposition marks when, not what."""
    return (tok.tag_ == "VBG" and tok.dep_ in ("pcomp", "pobj") and _lemma(tok.head) in arg_table().time_preps
            and not any(c.dep_ in ("nsubj", "dobj", "prep", "agent", "poss") for c in tok.children))


# deverbal nouns name acts and their results, not people: 'the ruling', 'the decision', 'the judgment'
_ACT_SUFFIXES = ("ing", "ion", "ment", "ure", "ance", "ence")


def _speaker_nouns(toks: list["Token"], doc: "Doc", text: str, lex: Lexicon) -> list[_ActorRef]:
    """'The senator praised ...', 'the ombudsman criticised ...', 'researchers warned ...': whoever praises,
    criticises, denies or asks is a party, so the common noun that does it is the source even when no table
    knows it as one -- unless it names a text or an act ('the report criticised', 'the ruling rejected'),
    whose author is the party, not the words."""
    tab = arg_table()
    out = []
    for t in toks:
        lem = _lemma(t)
        if (t.pos_ != "NOUN" or t.ent_type_ or lem in tab.statement_nouns or _names_act(t, lex)
                or arg_classes(t) & {"document"} or lem.endswith(_ACT_SUFFIXES)
                or any(lem in lex.raw[key] for key in ("information_nouns", "natural_forces", "text_nouns"))):
            continue
        lo, hi = _name_bounds(t)
        out.append(_ActorRef(_strip_det(text[lo:hi]), _located_in(t, doc, text), None))
    return out


def _finalise(c: _Cand, doc: "Doc", analysis: Analysis, lex: Lexicon, intent_heads: set[int]) -> Event | None:
    if c.complement == "intent":
        return None
    assert c.triple is not None
    ptype, mode, cameo = c.triple
    modality = _modality(c, lex, intent_heads)
    negated = _negated(c.tok)
    rule = c.rule
    shift = lex.future_shift.get(f"{ptype}:{mode}") or lex.future_shift.get(ptype)
    shift = None if shift == ptype else shift  # a planned legal step keeps its type
    protasis = _protasis(c.tok, lex)
    passive = c.kind == "verb" and _is_passive(c.tok)
    if protasis:
        return None  # "... if convicted", "... unless the army withdraws": a condition put, nothing that happened
    if passive and negated and modality == "planned":
        return None  # "we will not be intimidated": defiance, not an act anyone does
    # a planned act of its subject is its intention (PLOVER: future cooperation is AGREE, future force
    # THREATEN); a planned passive ("they would be released", "the 14 will be charged") says what will be
    # done to its subject -- the act itself, by whoever does it, and no intention of the subject's
    if (modality in ("planned", "conditional") and c.kind not in ("noun", "complement") and shift and not protasis
            and not passive):
        new = shift
        doer = _subject(c.tok)
        if (new == "AGREE" and _lemma(c.tok) in lex.raw["enabling_verbs"] and doer is not None
                and not _doer_can_act(doer, lex)):
            return None  # "the new bridge will allow farmers to ...": what a thing makes possible, no intention
        if new == "THREATEN":
            mode = lex.embedded_by_mode.get(mode or "") or lex.embedded_mode["threaten"].get(ptype)
            cameo = _threat_cameo(ptype)
        else:
            mode, cameo = None, _agree_cameo(c)
        rule += f"+{modality}->{new}"
        ptype = new
    if negated and ptype in lex.negation_shift:
        rule += f"+neg->{lex.negation_shift[ptype]}"
        ptype, mode, cameo, negated = lex.negation_shift[ptype], None, _coded("reject")[2], False
    if ptype in lex.mode_cues and (mode is None or ptype == "MOBILIZE"):
        cued = _cued_mode(ptype, c, lex)
        if cued:
            mode, rule = cued, rule + f"+mode:{cued}"
    src_toks, tgt_toks = _sources_targets(c, lex)
    sources = _refs(src_toks, doc, analysis)
    if not sources and ptype in lex.raw["speech_act_types"] and c.kind in ("verb", "complement"):
        sources = _speaker_nouns(src_toks, doc, analysis.report.text, lex)
    tok = c.tok
    attribution = _attribution(analysis, tok.idx, tok.idx + len(tok.text))
    # a relative clause describes ("a base where troops were deployed"); it is not the speaker's report of its act
    if (not sources and passive and tok.dep_ not in ("relcl", "acl")
            and (agent := _authority_agent(ptype, mode, attribution, doc, analysis)) is not None):
        sources, rule = [agent], rule + "+speaker_agent"
    targets = [t for t in _refs(tgt_toks, doc, analysis, patient=True) if t.name not in {s.name for s in sources}]
    if not targets and c.kind in ("verb", "complement"):
        # "would suspend grants to X", "will stop gas deliveries to X": the object names no one, so the act's
        # recipient is whom it is done to
        targets = [t for t in _refs(_instrument_free(_recipients(tok, c), tok, ptype), doc, analysis, patient=True)
                   if t.name not in {s.name for s in sources}]
    if mode == "legal action":
        # The court a case is brought to is where the action goes, not whom it is against.
        targets = [t for t in targets
                   if t.sector != "judiciary" and not set(t.name.lower().split()) & lex.legal_venues]
    if ptype == "OTHER" and not (sources or targets):
        return None
    if negated and modality == "reported" and ptype not in lex.cooperative:
        # "saying its forces did not fire": a denial -- the act it denies did not happen by its
        # speaker's account, and the denial is coded on the speech act ('rejected', 'denied')
        return None
    text = analysis.report.text
    rid = analysis.report.id
    t_lo, t_hi = tok.idx, tok.idx + len(tok.text)
    sent = tok.sent
    s_lo, s_hi = sent.start_char, sent.end_char
    hedged = bool(attribution is not None and attribution.hedges) or any(
        _lemma(t) in lex.hedges for t in sent if t.i <= tok.i + 3)
    conf = 0.8 if c.kind in ("verb", "complement", "obligation", "light") else 0.7 if c.kind == "evaluation" else 0.55
    conf += c.conf_adj - 0.12 * _depth(tok, lex) + (0.05 if sources else 0.0) + (0.03 if targets else 0.0)
    conf = round(max(0.05, min(0.99, conf)), 3)
    c_lo, c_hi = _clause_bounds(c)
    return Event(
        trigger=Span(rid, t_lo, t_hi, text[t_lo:t_hi]),
        sentence=Span(rid, s_lo, s_hi, text[s_lo:s_hi]),
        plover=ptype, mode=mode, context=_context(modality, lex), cameo=cameo,
        sources=tuple(dict.fromkeys(s.name for s in sources)),
        targets=tuple(dict.fromkeys(t.name for t in targets)),
        source_countries=tuple(dict.fromkeys(s.country for s in sources if s.country)),
        target_countries=tuple(dict.fromkeys(t.country for t in targets if t.country)),
        date=_date_for(analysis, s_lo, s_hi, t_lo, tok),
        place=_place(analysis, t_lo, t_hi, doc),
        magnitude=_magnitude_for(analysis, c_lo, c_hi, t_lo),
        attribution=attribution, hedged=hedged, negated=negated, modality=modality,
        confidence=conf, rule=rule, extractor=NAME,
        source_sectors=tuple(s.sector or "" for s in sources),
        target_sectors=tuple(t.sector or "" for t in targets),
    )


def _cued_mode(ptype: str, c: _Cand, lex: Lexicon) -> str | None:
    """PLOVER modes named by the means: the weapon of an ASSAULT (anywhere in the sentence: 'killed in
    a car bomb blast'), police rather than troops for a MOBILIZE (in the trigger's clause)."""
    toks = list(c.tok.sent) if ptype == "ASSAULT" else list((c.tok.head if c.kind == "amod" else c.tok).subtree)
    words = {_lemma(t) for t in toks} | {t.lower_ for t in toks}
    words |= {f"{a.lower_} {b.lower_}" for a, b in zip(toks, toks[1:], strict=False)}
    for mode, cues in lex.mode_cues[ptype]:
        if words & cues:
            return mode
    return None


def _context(modality: str, lex: Lexicon) -> str | None:
    return {"planned": "future", "conditional": "hypothetical"}.get(modality)


def _refs(toks: list["Token"], doc: "Doc", analysis: Analysis, patient: bool = False) -> list[_ActorRef]:
    out: list[_ActorRef] = []
    for head in toks:
        for t0 in _coordinated(head):
            t = _past_dateline(t0)  # the dateline names where the report was filed, never who acted
            if t is None or (out and _is_part(t)):
                continue
            if (pair := _both_parties(t, doc, analysis)) is not None:
                out += [r for r in pair if r.name not in {o.name for o in out}]
                continue
            if patient:
                t = _carried(t) or t
            ref = _actor_ref(t, doc, analysis, patient=patient)
            if patient and ref is not None and arg_classes(t) & _MEANS_CLASSES and t.text in ref.name:
                # "fired two missiles": the weapon is the means, never whom it is aimed at -- though its
                # owner can be ("blamed Ukrainian drones" -> Ukraine)
                continue
            if ref is None:  # "the state's suppression", "the withdrawal of the garrison", "calls by X"
                inner = _inner_actor(t)
                ref = _actor_ref(inner, doc, analysis) if inner is not None else None
            if ref is not None and ref.name not in {r.name for r in out}:
                out.append(ref)
    return out


_SITE_PREPS = ("in", "near", "outside", "around", "at", "inside")


def _place_name(tok: "Token") -> bool:
    return tok.ent_type_ in ("GPE", "LOC") or (tok.pos_ == "PROPN" and tok.ent_type_ not in ("PERSON", "NORP"))


@functools.lru_cache(maxsize=1)
def _struck_sites() -> frozenset[str]:
    return frozenset(event_args()["struck_sites"])


def _site_text(tok: "Token") -> str:
    lo, hi = _name_bounds(tok)
    return tok.doc.text[lo:hi]


def _sites(heads: list["Token"]) -> list["Token"]:
    """The named places the phrases at ``heads`` are located in: 'a market in X', 'near the town of X'."""
    out: list["Token"] = []
    for h in heads:
        for p in _children(h, "prep"):
            if _lemma(p) not in _SITE_PREPS:
                continue
            for po in _pobjs(p):
                if not _place_name(po):  # "the town of X", "the province of X"
                    po = next((o for q in _children(po, "prep") if _lemma(q) == "of" for o in _pobjs(q)
                               if _place_name(o)), None)
                if po is not None and po not in out:
                    out.append(po)
    return out


_STATE_NOUNS = frozenset({"country", "nation", "state", "government"})
_SIDE_NOUNS = frozenset({"side", "party"})


def _both_parties(tok: "Token", doc: "Doc", analysis: Analysis) -> list[_ActorRef] | None:
    """'both countries', 'the two governments': the two states the report has named before; 'the two
    sides', 'both parties': the two actors last named together ('talks between X and Y', 'X and Y
    met'). None when the phrase is not of that kind or the report does not name exactly such a pair."""
    lem = _lemma(tok)
    if tok.tag_ != "NNS" or lem not in _STATE_NOUNS | _SIDE_NOUNS or not any(
            c.lower_ in ("both", "two") and c.dep_ in ("det", "nummod", "predet", "amod") for c in tok.children):
        return None
    if lem in _STATE_NOUNS:
        states = [a for a in analysis.actors if a.kind == "state" and any(m.start < tok.idx for m in a.mentions)]
        if len({a.country or a.canonical for a in states}) == 2:
            return [_ActorRef(a.canonical, a.country, a.sector) for a in
                    sorted(states, key=lambda a: min(m.start for m in a.mentions))]
    for head in reversed([t for t in doc[:tok.i] if t.dep_ in ("nsubj", "pobj", "dobj")]):
        conj = next((c for c in head.children if c.dep_ == "conj"), None)
        if conj is None:
            continue
        if any(c.dep_ == "conj" for c in conj.children) or sum(c.dep_ == "conj" for c in head.children) > 1:
            return None  # three or more named together: not 'both'
        refs = [_actor_ref(head, doc, analysis), _actor_ref(conj, doc, analysis)]
        if all(r is not None for r in refs) and refs[0].name != refs[1].name:  # type: ignore[union-attr]
            return [r for r in refs if r is not None]
    return None


def _carried(vehicle: "Token") -> "Token | None":
    """'hit a truck carrying soldiers': the people a struck vehicle carries (event_args carrier_verbs)."""
    verbs = event_args()["carrier_verbs"]
    for c in vehicle.children:
        if c.dep_ == "acl" and c.tag_ == "VBG" and _lemma(c) in verbs:
            obj = _first(c, "dobj")
            if obj is not None and obj.tag_ == "NNS":
                return obj
    return None


def _is_part(tok: "Token") -> bool:
    """'killing 14 traders, among them three children', '..., including two nurses': a part of a group
    already named is not a second target."""
    if tok.dep_ == "pobj" and tok.head.lower_ in ("including", "among"):
        return True
    return any(_lemma(p) in ("among", "including") and any(po.lower_ in _PRONOUNS for po in _children(p, "pobj"))
               for p in _children(tok, "prep"))


def _inner_actor(noun: "Token") -> "Token | None":
    """The actor a non-actor noun phrase carries: its possessor, or the object of of/by/from."""
    if noun.pos_ not in ("NOUN", "PROPN"):
        return None
    poss = _first(noun, "poss")
    if poss is not None and poss.lower_ not in _PRONOUNS:
        return poss
    for p in _children(noun, "prep", "agent"):
        if _lemma(p) in ("of", "by", "from"):
            pobj = _first(p, "pobj")
            if pobj is not None:
                return pobj
    # "crimes committed by Croat forces", "abuses carried out by the militia": the participle's agent
    for acl in _children(noun, "acl"):
        if acl.tag_ == "VBN":
            for p in _children(acl, "agent", "prep"):
                if _lemma(p) == "by" and (pobj := _first(p, "pobj")) is not None:
                    return pobj
    return None


def _attribution(analysis: Analysis, lo: int, hi: int) -> Attribution | None:
    return attribution_for(analysis, lo, hi)


def _place(analysis: Analysis, lo: int, hi: int, doc: "Doc") -> Place | None:
    return event_place_for(analysis, lo, hi, doc=doc)


def _dedupe(events: list[Event], doc: "Doc | None" = None) -> list[Event]:
    """One event per (sentence, type, sources); a nominal restatement of a verbal event in the report
    ("Lithuania's referral" after "Lithuania referred ...") is dropped."""
    best: dict[tuple[Any, ...], Event] = {}
    governs = _governing_pairs(events, doc) if doc is not None else set()
    for e in events:
        key: tuple[Any, ...] = (e.sentence.start, e.plover, e.sources)
        if key in best and _distinct_acts(best[key], e, governs):
            key = key + (e.trigger.start,)  # "blamed X and accused Y": two acts of one source
        if key not in best or e.confidence > best[key].confidence:
            if key in best:
                merged = tuple(dict.fromkeys(best[key].targets + e.targets))
                e = dataclasses.replace(e, targets=merged)
            best[key] = e
        else:
            old = best[key]
            best[key] = dataclasses.replace(old, targets=tuple(dict.fromkeys(old.targets + e.targets)))
    verbal = {(e.plover, e.sources) for e in best.values() if not e.rule.startswith("noun:") and e.sources}
    token_at = {t.idx: t for t in doc} if doc is not None else {}
    out = [e for e in best.values() if not (e.rule.startswith("noun:") and (e.plover, e.sources) in verbal)
           or (e.trigger.start in token_at and _other_happening(token_at[e.trigger.start]))]
    return sorted(out, key=lambda e: e.trigger.start)


def _distinct_acts(a: Event, b: Event, governs: set[tuple[int, int]]) -> bool:
    """Two verbs of one type and source in a sentence are two acts when each has its own, different
    target ('it blamed Kyiv and accused local officials of ...'); a nominal restatement is not, nor is a
    purpose clause ('blocked the road to protest against ...': one protest)."""
    return (not a.rule.startswith("noun:") and not b.rule.startswith("noun:") and a.trigger.text != b.trigger.text
            and bool(a.targets) and bool(b.targets) and not _names_overlap(a.targets, b.targets)
            and (a.trigger.start, b.trigger.start) not in governs and (b.trigger.start, a.trigger.start) not in governs)


def _governing_pairs(events: list[Event], doc: "Doc") -> set[tuple[int, int]]:
    """(start of a trigger, start of a trigger in a clause it governs other than by coordination)."""
    starts = {e.trigger.start for e in events}
    toks = [t for t in doc if t.idx in starts]
    out = set()
    for t in toks:
        cur, subordinate = t, False
        while cur.head.i != cur.i:
            subordinate = subordinate or cur.dep_ in _CLAUSE_EDGES
            cur = cur.head
            if cur.idx in starts and subordinate:
                out.add((cur.idx, t.idx))
    return out


def _head_word(e: Event) -> str:
    """The word an event was coded from: the event noun of a light verb ('held talks' -> talks), else the
    trigger lemma."""
    parts = e.rule.split("+")
    for p in parts[1:]:
        if parts[0].startswith("light:") and p.startswith("dobj:"):
            return p[5:]
    return parts[0].split(":", 1)[-1]


def _names_overlap(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    wa = {w for n in a for w in n.lower().split() if len(w) > 2}
    wb = {w for n in b for w in n.lower().split() if len(w) > 2}
    return bool(wa & wb)


def _same_happening(k: Event, e: Event, k_sent: int, e_sent: int, anaphoric: bool) -> bool:
    """Is ``e`` (later) another mention of ``k``? Same type, same stance (negation, plan/condition),
    actors that do not conflict, and either the same kind of act ('detained' ... 'were arrested';
    'rockets struck' ... 'the rockets had been launched') anywhere in the report unless a stated day tells
    them apart, a consequence stated without its own agent right after ('struck ..., killing
    nine'; '... Nine were killed'), or a definite nominal that refers back ('the attack', 'the detentions')."""
    if k.plover != e.plover or k.negated != e.negated or (k.modality in ("planned", "conditional")) != (
            e.modality in ("planned", "conditional")):
        return False
    e_src, k_src = _stated_sources(e), _stated_sources(k)
    gap = e_sent - k_sent
    # "Police arrested 60 people ... officers had detained the protesters": close by, one kind of act by
    # generic forces on generic people is the same one told again in other words
    paraphrase = (gap <= 2 and k.mode is not None and k.mode == e.mode and k.cameo == e.cameo
                  and _same_force(e_src, k_src) and _generic_people(e) and _generic_people(k)
                  and not _told_apart(k, e) and not _placed_apart(k, e) and not _counted_apart(k, e))
    if e_src and k_src and not _names_overlap(e_src, k_src) and not paraphrase:
        return False
    if e_src and not k_src and _names_overlap(e_src, k.targets):
        return False  # the one it was done to does it back: a second act
    if paraphrase:
        return True
    if e.rule.startswith("amod:") and k.mode == e.mode and not e_src and not _told_apart(k, e):
        return True  # "the detained protesters", "the wounded men": an act already told, named by its result
    same_word = _head_word(k) == _head_word(e)
    ordnance = k.mode is not None and _mode_family(k.mode) == _mode_family(e.mode) == "ordnance"
    # close by, one mode and code is one kind of act ('detained' ... 'were arrested'); further apart only
    # the same word or the same ordnance ('rockets struck' ... 'the rockets had been launched'): an arrest and
    # a later charge are two steps
    same_kind = same_word or ordnance or (k.mode is not None and k.mode == e.mode and k.cameo == e.cameo)
    if anaphoric and e.rule.startswith("noun:") and same_kind:
        return True
    if e.rule.startswith("noun:") and same_word and not e_src and not _told_apart(k, e):
        return True  # "fighting broke out ... the fighting near the marsh": the same noun again, no new agent
    targets_agree = not e.targets or not k.targets or _names_overlap(e.targets, k.targets)
    if same_kind and targets_agree and (gap <= 2 or ((same_word or ordnance) and not _told_apart(k, e))):
        return True
    if not e.sources and _head_word(e) in arg_table().consequence and gap <= 1:
        return True
    # an agentless restatement right after ('A bomb hit a truck ... The blast struck as ...')
    return (not e.sources and gap <= 2 and (not e.targets or not k.targets)
            and k.mode is not None and _mode_family(k.mode) == _mode_family(e.mode))


def _told_apart(k: Event, e: Event) -> bool:
    """Two mentions a stated day tells apart ('detained 30 on Monday' ... 'on Thursday detained 12 more').
    Only days stated in the text count; places do not ('shells struck the camp' ... 'were fired from
    hills near the town' name where they came from)."""
    kd, ed = k.date, e.date
    if kd is None or ed is None or kd.span is None or ed.span is None or not kd.value or not ed.value:
        return False
    return not (kd.value.startswith(ed.value) or ed.value.startswith(kd.value))


def _force_family(names: tuple[str, ...]) -> str | None:
    """The family of one unnamed state force told by a common noun ('police', 'the officers', 'riot police',
    'soldiers'): police, military, or either (an 'officer' can be both); None for anything else."""
    words = [w.lower() for n in names for w in n.split()]
    if len(names) != 1 or not 0 < len(words) <= 2:
        return None
    head = words[-1] if words[-1] in _security_nouns() else words[-1].removesuffix("s")
    return _security_nouns().get(head)


def _same_force(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    fa, fb = _force_family(a), _force_family(b)
    return fa is not None and fb is not None and (fa == fb or "either" in (fa, fb))


def _placed_apart(k: Event, e: Event) -> bool:
    """Two mentions whose stated places differ ('in X' ... 'in Y')."""
    return (k.place is not None and e.place is not None and k.place.name != e.place.name)


def _counted_apart(k: Event, e: Event) -> bool:
    """Two mentions whose stated counts differ ('arrested 60' ... 'arrested 20')."""
    return (k.magnitude is not None and e.magnitude is not None and k.magnitude.quantity != e.magnitude.quantity)


@functools.lru_cache(maxsize=1)
def _security_nouns() -> dict[str, str]:
    return dict(event_args()["security_nouns"])


def _generic_people(e: Event) -> bool:
    """Whom an act was done to, told only by a common noun ('60 people', 'the protesters', 'the men')."""
    words = e.targets[0].split() if len(e.targets) == 1 else []
    return 0 < len(words) <= 2 and all(w.islower() for w in words) and e.target_sectors in (("civilians",), ("",))


def _stated_sources(e: Event) -> tuple[str, ...]:
    """The sources the text states; one inferred from who reports the act ('+speaker_agent') gives way."""
    return () if "+speaker_agent" in e.rule else e.sources


def _mode_family(mode: str | None) -> str | None:
    """Shells, rockets and bombs are one means for telling mentions apart ('fired' ... 'landed' ... 'exploded')."""
    return "ordnance" if mode in ("heavy-weapons", "explosives") else mode


def _merge_mentions(events: list[Event], doc: "Doc") -> list[Event]:
    """One event per happening: a repeated mention is folded into the first one, which keeps its span
    and gains the actors only the later mention names."""
    tab = arg_table()
    sent_of = {s.start_char: i for i, s in enumerate(doc.sents)}
    starts = {e.trigger.start for e in events}
    token_at = {t.idx: t for t in doc if t.idx in starts}  # one pass over the doc, not one per event
    kept: list[tuple[Event, int]] = []
    for e in sorted(events, key=lambda e: e.trigger.start):
        e_sent = sent_of.get(e.sentence.start, 0)
        tok = token_at.get(e.trigger.start)
        anaphoric = tok is not None and any(c.dep_ == "det" and _lemma(c) in tab.anaphoric for c in tok.children)
        if tok is not None and _other_happening(tok):
            kept.append((e, e_sent))  # "another attack", "a second raid": said to be a new one
            continue
        told = _told_by(tok, kept) if tok is not None else None
        if told is None and tok is not None and _refers_back(tok):
            # "the assailants opened fire", "the explosion destroyed stalls", "the shells hit homes": the doer
            # is the earlier act, its means or its doers, named again -- the latest act of that type nearby
            told = next((k for k, k_sent in reversed(kept) if k.plover == e.plover and k.negated == e.negated
                         and 0 <= e_sent - k_sent <= 3), None)
        for i, (k, k_sent) in enumerate(kept):
            if (k is told and k.plover == e.plover and k.negated == e.negated) or (
                    told is None and _same_happening(k, e, k_sent, e_sent, anaphoric)):
                mine = bool(_stated_sources(k)) or not _stated_sources(e)  # a stated source beats an inferred one
                kept[i] = (dataclasses.replace(
                    k, sources=k.sources if mine and k.sources else e.sources,
                    source_countries=k.source_countries if mine and k.sources else e.source_countries,
                    source_sectors=k.source_sectors if mine and k.sources else e.source_sectors,
                    targets=k.targets or e.targets, target_countries=k.target_countries or e.target_countries,
                    target_sectors=k.target_sectors if k.targets else e.target_sectors,
                    magnitude=k.magnitude or e.magnitude, confidence=max(k.confidence, e.confidence)), k_sent)
                break
        else:
            kept.append((e, e_sent))
    return [k for k, _ in kept]


def _refers_back(tok: "Token") -> bool:
    """The act's doer is a definite description of an earlier act, of its means or of its doers known only
    by the act: 'the explosion', 'the shells', 'the assailants' (plover.json ``perpetrator_nouns``)."""
    tab = arg_table()
    lex = lexicon()
    doer = _sense_subject(tok) if tok.pos_ in ("VERB", "AUX") else None
    if doer is None or not any(c.dep_ == "det" and _lemma(c) in tab.anaphoric for c in doer.children):
        return False
    lem = _lemma(doer)
    return (lem in lex.nouns or lem in lex.raw["perpetrator_nouns"] or lem in lex.raw["blast_nouns"]
            or bool(arg_classes(doer) & (_MEANS_CLASSES | {"happening"})))


def _other_happening(tok: "Token") -> bool:
    """A mention marked as a further happening: 'another attack', 'a second raid', 'fresh clashes', a verb
    whose subject is one ('another attack hit a school'), or a verb placed after what was told ('later')."""
    marks = frozenset(lexicon().raw["other_happening_modifiers"])
    if tok.pos_ in ("VERB", "AUX") and any(
            c.dep_ == "advmod" and c.lower_ in lexicon().raw["sequence_adverbs"] for c in tok.children):
        return True  # 'the gunmen later shot a guard': the same doers did something after
    nouns = [tok] if tok.pos_ == "NOUN" else _children(tok, *_SUBJ, *_PASS_SUBJ, "dobj")  # 'carried out a second raid'
    return any(c.dep_ in ("det", "amod") and _lemma(c) in marks for n in nouns if n.pos_ == "NOUN" for c in n.children)


def _told_by(tok: "Token", kept: list[tuple[Event, int]]) -> Event | None:
    """'a rocket launched by the militia hit the depot, wounding seven', 'troops stormed the camp,
    killing four': a consequence participle with no subject of its own tells what the clause it hangs on did;
    it is a mention of the event of that clause (its verb, or an event named in its subject), not a new one."""
    if tok.dep_ != "advcl" or tok.tag_ != "VBG" or _first(tok, *_SUBJ) is not None:
        return None
    if _lemma(tok) not in arg_table().consequence:
        return None
    head = tok.head
    spots = {head.idx} | {t.idx for s in _children(head, *_SUBJ, *_PASS_SUBJ) for t in s.subtree}
    return next((k for k, _ in reversed(kept) if k.trigger.start in spots), None)


def _inherit_agents(events: list[Event], doc: "Doc") -> list[Event]:
    """'Soldiers executed 23 men ... The men were rounded up at the market': an agentless passive whose
    patient refers back ('the men') to whom an earlier act with a stated source was done, within two
    sentences, was done by the same hands."""
    tab = arg_table()
    sent_of = {s.start_char: i for i, s in enumerate(doc.sents)}
    token_at = {t.idx: t for t in doc}
    out: list[Event] = []
    for e in events:
        tok = token_at.get(e.trigger.start)
        if not e.sources and e.targets and tok is not None and _is_passive(tok):
            patient = _first(tok, *_PASS_SUBJ)
            definite = patient is not None and any(
                c.dep_ == "det" and _lemma(c) in tab.anaphoric for c in patient.children)
            here = sent_of.get(e.sentence.start, 0)
            donor = next((k for k in reversed(out) if definite and _stated_sources(k) and k.targets
                          and 0 < here - sent_of.get(k.sentence.start, 0) <= 2
                          and _names_overlap(k.targets, e.targets)), None)
            if donor is not None:
                e = dataclasses.replace(e, sources=donor.sources, source_countries=donor.source_countries,
                                        source_sectors=donor.source_sectors, rule=e.rule + "+inherited_agent")
        out.append(e)
    return out


_PURPOSE_PATH = ("advcl", "acl", "xcomp", "dobj", "pobj", "prep", "npadvmod")


def _purpose_of(tok: "Token", protest: "Token") -> bool:
    """'went on strike to press X', 'marched through the capital demanding ...', 'staged a sit-in calling
    for ...': ``tok`` heads a clause (within three steps up through the protest's objects and phrases)
    that states what the protest at ``protest`` is for."""
    if tok.tag_ not in ("VB", "VBG") or tok.dep_ not in ("advcl", "acl", "xcomp"):
        return False
    cur = tok
    for _ in range(4):
        if cur.dep_ not in _PURPOSE_PATH or cur.head is cur:
            return False
        cur = cur.head
        if cur.i == protest.i:
            return True
        if cur.pos_ == "VERB" and cur.dep_ not in ("acl",):
            return False  # another verb's clause: its purpose, not the protest's
    return False


def _protest_demands(events: list[Event], doc: "Doc") -> list[Event]:
    """A protest and the demand its purpose clause states ('nurses marched demanding the resignation of
    X', 'farmers blocked roads to press X for ...') share their parties: whom the demand is made of is
    whom the protest is against, and the protesters make the demand."""
    token_at = {t.idx: t for t in doc}
    out = list(events)
    for i, p in enumerate(out):
        if p.plover != "PROTEST" or (p_tok := token_at.get(p.trigger.start)) is None:
            continue
        for j, r in enumerate(out):
            r_tok = token_at.get(r.trigger.start)
            if r.plover != "REQUEST" or r_tok is None or r.sentence != p.sentence or not _purpose_of(r_tok, p_tok):
                continue
            if not r.sources and p.sources:
                out[j] = r = dataclasses.replace(r, sources=p.sources, source_countries=p.source_countries,
                                                 source_sectors=p.source_sectors, rule=r.rule + "+protesters")
            if not p.targets and r.targets:
                out[i] = p = dataclasses.replace(p, targets=r.targets, target_countries=r.target_countries,
                                                 target_sectors=r.target_sectors, rule=p.rule + "+demand_target")
    return out


def _protest_state(events: list[Event], analysis: Analysis) -> list[Event]:
    """'students rallied outside parliament', 'thousands marched through the capital': a demonstration or riot
    that names no one it is against is against the government of the country it happens in (of the report's
    country when it has no place), as PLOVER and the CAMEO manual code a protest with no named target."""
    out = []
    for e in events:
        if e.plover == "PROTEST" and not e.targets and e.mode in _STATE_PROTEST_MODES:
            from ..ontology.countries import by_code

            found = by_code(e.place.country) if e.place is not None and e.place.country else None
            state = found.iso3 if found is not None else _report_state(analysis)
            if state is not None and not any(
                    sec == "government" for sec in e.source_sectors):
                e = dataclasses.replace(e, targets=(f"{country_phrase(state).removeprefix('the ')} government",),
                                        target_countries=(state,), target_sectors=("government",),
                                        rule=e.rule + "+state_target")
        out.append(e)
    return out


_STATE_PROTEST_MODES = (None, "demo", "riot", "obstruct", "strike-hun")


def _assault_sites(events: list[Event], doc: "Doc", analysis: Analysis) -> list[Event]:
    """'shelled the airport outside X', 'bombed a market in X', 'blocked roads in X', 'lifted the curfew in X':
    an act done to a building or a thing, with no one named as struck (also by the acts merged into it), is
    done to the place it stands in (PLOVER codes the place); force against such a thing in no named place
    is against the thing itself ('shelled the market')."""
    token_at = {t.idx: t for t in doc}
    out = []
    for e in events:
        tok = token_at.get(e.trigger.start)
        if e.plover in _SITE_TYPES and tok is not None and tok.pos_ == "VERB":
            struck = _children(tok, *_PASS_SUBJ) if _is_passive(tok) else _children(tok, "dobj")
            objects = [o for o in struck if not _own(o)]
            things = [o for c in objects for o in _coordinated(c) if _thing(o)]
            thing_names = {r.name for r in _refs(things, doc, analysis, patient=True)}
            if e.targets and not (things and set(e.targets) <= thing_names):
                out.append(e)
                continue
            heads = objects + [tok]
            # the place keeps its own name: a capital struck is the city, though a capital acting is its state
            refs = [dataclasses.replace(r, name=_place_text(p)) if _place_text(p) else r for p in _sites(heads)
                    for r in _refs([p], doc, analysis, patient=True)[:1] if r.name not in e.sources]
            # no named place: the building, settlement or vehicle struck is the target ("shelled the market")
            if not refs and e.plover == "ASSAULT" and not e.targets:
                refs = [_ActorRef(name, _located_in(o, doc, analysis.report.text), None) for o in objects
                        if _lemma(o) in _struck_sites() and (name := _strip_det(_site_text(o)))
                        and name not in e.sources]
            if refs:
                e = dataclasses.replace(e, targets=tuple(dict.fromkeys(r.name for r in refs)),
                                        target_countries=tuple(dict.fromkeys(r.country for r in refs if r.country)),
                                        target_sectors=tuple(r.sector or "" for r in refs), rule=e.rule + "+site")
        out.append(e)
    return out


# acts done to things: the place the thing is in is whom the act is done to
_SITE_TYPES = frozenset({"ASSAULT", "COERCE", "PROTEST", "CONCEDE", "SUPPORT", "SANCTION"})


def _place_text(tok: "Token") -> str:
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end and e.label_ in ("GPE", "LOC")), None)
    return _strip_det(ent.text) if ent is not None else ""


def _thing(tok: "Token") -> bool:
    """A common noun naming a thing, not people or an agent: 'roads', 'power lines', 'the curfew'."""
    lex = lexicon()
    lem = _lemma(tok)
    # whose it is, when it says so ('Palestinian homes', 'the army's positions', 'positions of the rebels'),
    # is whom the act is done to, not where the thing stands
    owned = any(c.dep_ == "poss" or (c.dep_ in ("compound", "amod", "nmod") and c.ent_type_ in ("NORP", "GPE", "ORG"))
                or (c.dep_ == "prep" and _lemma(c) == "of") for c in tok.children)
    return (tok.pos_ == "NOUN" and not tok.ent_type_ and not owned and not arg_classes(tok) & _PERSON_CLASSES
            and "people_hosted" not in arg_classes(tok) and lem not in lex.actor_nouns
            and lem not in lex.sector_words and lem not in _people_lemmas() and lem not in lex.quantifiers)


def extract(doc: "Doc", analysis: Analysis) -> tuple[Event, ...]:
    lex = lexicon()
    cands = _collect(doc, lex)
    intent_heads = {c.tok.i for c in cands if c.complement == "intent"}
    events = [e for e in (_finalise(c, doc, analysis, lex, intent_heads) for c in cands) if e is not None]
    events = _inherit_agents(_merge_mentions(_dedupe(events, doc), doc), doc)
    return tuple(_protest_state(_assault_sites(_protest_demands(events, doc), doc, analysis), analysis))


def run(doc: "Doc", analysis: Analysis) -> Analysis:
    return dataclasses.replace(analysis, events=extract(doc, analysis))


def main_event(events: tuple[Event, ...] | list[Event], lo: int = 0, hi: int | None = None) -> Event | None:
    """The main event of a stretch of text: the most confident coded (non-OTHER) event, else any."""
    inside = [e for e in events if e.trigger.start >= lo and (hi is None or e.trigger.end <= hi)]
    if not inside:
        return None
    return max(inside, key=lambda e: (e.plover != "OTHER", e.confidence, -e.trigger.start))
