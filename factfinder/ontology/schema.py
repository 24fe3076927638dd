"""A small declarative schema language for the ontology tables, and the declared shape of each table.

A spec checks one JSON value and yields ``(key path, what was expected, what was found)`` for every
mismatch. ``Record`` is an object with named fields (keys starting with ``_`` are comments and always
allowed); ``Map`` an object whose keys are data (lemmas, codes); ``Row`` a fixed-length list. Unknown
keys of a ``Record`` are not load errors (another branch may add a key before its schema line lands);
``undeclared`` lists them and tests/test_ontology.py fails on any.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

Problem = tuple[str, str, str]  # (key path, expected, found)


def _found(value: Any) -> str:
    text = repr(value)
    return f"{type(value).__name__} {text[:60]}{'...' if len(text) > 60 else ''}"


class Spec:
    expected = "a value"

    def problems(self, value: Any, path: str) -> Iterator[Problem]:
        if not self.fits(value):
            yield path, self.expected, _found(value)

    def fits(self, value: Any) -> bool:
        return True


@dataclass(frozen=True)
class Scalar(Spec):
    kinds: tuple[type, ...]
    expected: str = "a value"

    def fits(self, value: Any) -> bool:
        if isinstance(value, bool) and bool not in self.kinds:
            return False
        return isinstance(value, self.kinds)


STR = Scalar((str,), "a string")
NUM = Scalar((int, float), "a number")
INT = Scalar((int,), "an integer")
BOOL = Scalar((bool,), "true or false")
NULL = Scalar((type(None),), "null")
ANY = Spec()


@dataclass(frozen=True)
class Opt(Spec):
    """The spec, or null."""

    inner: Spec

    def problems(self, value: Any, path: str) -> Iterator[Problem]:
        if value is not None:
            yield from self.inner.problems(value, path)


@dataclass(frozen=True)
class Either(Spec):
    options: tuple[Spec, ...]

    def __init__(self, *options: Spec) -> None:
        object.__setattr__(self, "options", options)

    def problems(self, value: Any, path: str) -> Iterator[Problem]:
        found = [list(o.problems(value, path)) for o in self.options]
        if all(found):
            yield min(found, key=len)[0]


@dataclass(frozen=True)
class List(Spec):
    item: Spec
    expected: str = "a list"

    def problems(self, value: Any, path: str) -> Iterator[Problem]:
        if not isinstance(value, list):
            yield path, self.expected, _found(value)
            return
        for i, v in enumerate(value):
            yield from self.item.problems(v, f"{path}[{i}]")


@dataclass(frozen=True)
class Row(Spec):
    """A fixed-length list, one spec per position."""

    items: tuple[Spec, ...]

    def __init__(self, *items: Spec) -> None:
        object.__setattr__(self, "items", items)

    def problems(self, value: Any, path: str) -> Iterator[Problem]:
        if not isinstance(value, list) or len(value) != len(self.items):
            yield path, f"a list of {len(self.items)} items", _found(value)
            return
        for i, (spec, v) in enumerate(zip(self.items, value, strict=True)):
            yield from spec.problems(v, f"{path}[{i}]")


@dataclass(frozen=True)
class Map(Spec):
    """An object whose keys are data; every value has the same spec."""

    value: Spec

    def problems(self, value: Any, path: str) -> Iterator[Problem]:
        if not isinstance(value, dict):
            yield path, "an object", _found(value)
            return
        for k, v in value.items():
            if not k.startswith("_"):
                yield from self.value.problems(v, f"{path}.{k}" if path else k)


@dataclass(frozen=True)
class Record(Spec):
    """An object with named fields; ``optional`` fields may be absent."""

    fields: dict[str, Spec]
    optional: frozenset[str] = frozenset()

    def problems(self, value: Any, path: str) -> Iterator[Problem]:
        if not isinstance(value, dict):
            yield path, "an object", _found(value)
            return
        for name, spec in self.fields.items():
            where = f"{path}.{name}" if path else name
            if name in value:
                yield from spec.problems(value[name], where)
            elif name not in self.optional:
                yield where, "a required key", "nothing"

    def undeclared(self, value: dict[str, Any]) -> list[str]:
        return [k for k in value if not k.startswith("_") and k not in self.fields]


@dataclass(frozen=True)
class Ref(Spec):
    """A spec defined later (recursive pattern entries)."""

    get: Callable[[], Spec]

    def problems(self, value: Any, path: str) -> Iterator[Problem]:
        yield from self.get().problems(value, path)


def optional(fields: dict[str, Spec]) -> Record:
    return Record(fields, frozenset(fields))


WORDS = List(STR)
WORD_LISTS = Map(WORDS)
# [PLOVER type, mode or null, CAMEO code or null]
TRIPLE = Row(STR, Opt(STR), Opt(STR))
# A verb entry of plover.json: its own event, a complement class, particle/preposition/object tables.
PATTERN: Record = optional({
    "t": TRIPLE, "c": STR, "amod": BOOL, "conf": NUM,
    # evt: the verb's own event ('t') only without a direct object ('gathered' vs 'gathered information'),
    # only with a direct object naming an actor ('received the envoy' vs 'received support'), or not with
    # an object naming information (information_nouns: 'released the hostages' vs 'released a statement'),
    # or only with an object of the named classes, when it has one ('signed a treaty' vs 'a bill signed by')
    "intransitive": BOOL, "actor_object": BOOL, "not_information": BOOL, "own_objects": WORDS,
    # evt: the with-partner must be a state or an organisation ('worked with the ministry', not 'worked with children');
    # party_host: the visited, when stated, is a named place or a party ('visited Teluria', not 'toured a factory')
    "party_partner": BOOL, "party_host": BOOL,
    # evt: not when what is acted on is of one of these event_args classes ('released toxic chemicals')
    "not_classes": WORDS,
    # evt: not when it asks a question ('asked about the delay', 'asked whether ...', 'when asked to comment')
    "question_sense": BOOL,
    # evt: not when what meets is force or a reaction ('met by gunfire', 'met with criticism')
    "not_met_by_force": BOOL,
    # evt: only with an infinitive naming an act or a duty ('failed to comply', not 'failed to win')
    "act_complement": BOOL,
    # evt: only with an object or an infinitive ('declined the offer', 'declined to comment', not 'exports declined')
    "transitive_only": BOOL,
    # evt: constraints on every sense (a doer able to act, object lemmas or particles of another verb, an
    # indicative that-clause as opinion, doers for whom it is another act) and on the own event (an object
    # that is a party or its forces, not a text or plan, a with-partner)
    "agent_acts": BOOL, "not_objects": WORDS, "not_particles": WORDS, "not_from": WORDS, "fact_clause": BOOL,
    "not_by": WORDS,
    "party_object": BOOL, "not_measure": BOOL, "with_partner": BOOL,
    "prt": Map(Either(TRIPLE, Ref(lambda: PATTERN))),
    "prep": Map(Either(TRIPLE, Ref(lambda: PATTERN))),
    "obj": Map(Either(TRIPLE, Ref(lambda: PATTERN))),
})
VERB_CLASS = Record({**PATTERN.fields, "about": STR, "verbs": WORDS},
                    frozenset(PATTERN.fields))
SENSE = optional({
    "t": Either(TRIPLE, STR), "subj": STR, "obj": STR, "pobj": STR, "mod": STR, "has_obj": BOOL,
    "preps": WORDS, "prep": WORDS, "clause": BOOL, "clause_lemma": Either(WORDS, STR), "agentless": BOOL,
})
STATUTE_ENTRY = Record({"id": STR, "article": STR, "label": STR, "elements": WORDS}, frozenset({"elements"}))
LEGAL_RULE = Record({"element": STR, "confidence": NUM, "reason": STR, "plover": Either(STR, WORDS),
                     "modes": WORDS, "words": WORDS, "court_words": WORDS, "min_quantity": NUM, "after": STR},
                    frozenset({"plover", "modes", "words", "court_words", "min_quantity", "after"}))
COUNTRY = Record({
    "iso2": STR, "iso3": STR, "numeric": Opt(STR), "fips": Opt(STR), "geonameid": Opt(INT), "name": STR,
    "iso_name": STR, "official_name": Opt(STR), "names": WORDS, "aliases": WORDS, "demonyms": WORDS,
    "place_adjectives": WORDS, "capital": Opt(STR),
})

TABLES: dict[str, Record] = {
    "admin_areas": Record({"rows": List(Row(STR, STR, NUM, NUM, INT, ANY))}),
    "coref": Record({
        "named_modifier_kinds": WORDS, "continuation_verbs": WORDS, "framed_continuations": WORDS,
        "speaking_nouns": WORDS,
        "definite_determiners": WORDS,
        "quantifying_words": WORDS, "person_titles": WORDS,
        "pronouns": WORD_LISTS, "reflexives": WORDS, "possessives": WORDS, "pleonastic_heads": WORDS,
        "honorifics": WORD_LISTS, "given_names": WORD_LISTS, "surname_suffixes": WORD_LISTS,
        "gendered_nouns": WORD_LISTS, "person_nouns": WORDS, "kinship": WORDS, "collective_nouns": WORDS,
        "voice_nouns": WORDS, "head_verbs": WORD_LISTS,
        "descriptions": Map(Record({"names": WORDS, "kinds": WORDS, "sectors": WORDS})),
        "issued_nouns": WORDS, "issue_verbs": WORDS, "speech_verbs": WORDS, "issued_preps": WORDS,
        "source_preps": WORDS, "voice_preps": WORDS, "channel_nouns": WORDS,
    }),
    "countries": Record({"countries": List(COUNTRY)}),
    "datelines": Record({
        "separators": WORDS, "colon_needs_caps": BOOL, "max_head_chars": INT, "max_outlet_chars": INT,
        "max_place_words": INT, "max_region_parts": INT, "max_lines_before": INT,
        "max_line_chars_before": INT, "months": WORDS, "not_places": WORDS, "particles": WORDS,
    }),
    "dates": Record({
        "numbers": Map(NUM), "vague_numbers": WORDS, "ordinals": Map(NUM), "months": Map(NUM),
        "months_ambiguous": WORDS, "weekdays": Map(NUM), "seasons": Map(Row(STR, INT)),
        "parts_of_day": Map(STR), "units": Map(Row(STR, NUM, BOOL)), "unit_plurals": Map(STR),
        "qualifiers_before": Map(STR), "qualifiers_after": Map(STR), "position_mods": Map(STR),
        "refs": Map(STR), "refs_strict": WORDS, "day_words": Map(INT), "relative": Map(INT), "ago": Map(NUM),
        "prepositions": WORDS, "future_aux": WORDS, "future_cues": WORDS, "past_aux": WORDS,
        "future_preps": WORDS, "abbreviations": WORDS, "sets": Map(STR),
        "holidays": Map(optional({"fixed": STR, "easter": STR, "offset": INT, "table": STR, "any_of": WORDS,
                                  "precision": STR, "next_year": BOOL})),
        "holiday_names": Map(STR), "holiday_tables": Map(Map(STR)),
        "anaphors": Map(Row(STR, INT, INT)), "day_parts": Map(Row(INT, STR)), "report_verbs": WORDS,
        "act_cues": WORDS, "unscheduled_acts": WORDS, "holiday_not_before": WORDS,
        "day_offset_words": Map(Row(STR, INT)),
        "stretch_refs": WORDS, "spanning_preps": WORDS, "spanning_refs": WORDS, "open_start_preps": WORDS,
        "unit_adjectives": WORDS, "present_day_refs": WORDS, "few_days_offset": INT, "age_person_heads": WORDS,
    }),
    "disputes": Record({
        "predicates": WORD_LISTS, "nominal_cues": WORDS, "happening": WORDS, "attack_cues": WORDS,
        "disaster_cues": WORDS,
        "people_nouns": WORD_LISTS,
        "part_cues": WORDS, "speech_cues": WORDS, "release_cues": WORDS, "custody_cues": WORDS,
        "custody_states": WORDS, "detention_places": WORDS,
        "planned_cues": WORDS, "planned_release_cues": WORDS, "charge_states": WORD_LISTS, "charge_weapons": WORDS,
        "charge_negators": WORDS, "request_cues": WORDS,
        "negation_cues": WORDS,
        "excluded_units": WORDS,
        "release_objects": WORDS, "background_cues": WORDS, "window_cues": WORDS, "start_cues": WORDS,
        "processes": WORD_LISTS,
        "document_speakers": WORDS, "opening_verbs": WORDS, "stages": WORD_LISTS, "submission_cues": WORDS,
        "affiliation_suffixes": WORDS, "perpetrator_classes": WORD_LISTS, "force_branches": WORD_LISTS,
        "no_figure_cues": WORDS,
        "appearance_cues": WORDS, "appearance_items": WORDS,
        "means": WORD_LISTS, "means_families": Map(STR), "contested_verbs": WORDS, "contested_nouns": WORDS,
        "anonymity_cues": WORDS, "occupancy_nouns": WORDS, "role_rank_words": WORDS,
        "role_equivalents": List(WORDS), "role_non_heads": WORDS,
        "role_heads_compared": WORD_LISTS, "appearance_doers": WORDS,
        "responses": WORD_LISTS, "revision_cues": WORD_LISTS, "toll_nouns": WORDS,
        "damage_predicates": WORD_LISTS, "thing_synonyms": List(WORDS), "animal_nouns": WORDS,
        "people_only_cues": WORDS, "magnitude_cues": WORDS, "zero_counts": WORD_LISTS, "zero_predicates": WORDS,
    }),
    "entities": Record({
        "kept_labels": WORDS, "definite_countries": WORDS, "demonym_plural_endings": WORDS, "gov_nouns": WORDS,
        "gov_anaphora_nouns": WORDS,
        "security_nouns": WORDS, "law_heads": WORDS, "embassy_heads": WORDS, "generic_names": WORDS,
        "status_words": Map(STR), "title_modifiers": WORDS, "sectors": WORD_LISTS, "group_sectors": WORD_LISTS,
        "igo_patterns": WORDS,
        "igo_acronyms": WORDS, "acronym_stopwords": WORDS, "person_possessives": WORDS,
        "division_phrases": WORDS, "role_nouns": WORDS,
        "person_role_nouns": WORDS, "honorifics": WORDS, "name_honorifics": WORDS, "division_nouns_full": WORDS,
        "division_nouns_named": WORDS, "settlement_nouns": WORDS, "facility_heads": WORDS,
        "natural_heads": WORDS, "human_verbs": WORDS, "locative_preps": WORDS, "org_heads": WORDS,
        "ministry_portfolios": WORDS, "not_org_acronyms": WORDS, "division_name_blocklist": WORDS,
        "thoroughfare_heads": WORDS, "collective_org_nouns": WORDS, "weekdays": WORDS,
        "facility_nouns": WORDS, "place_of_nouns": WORDS, "member_nouns": WORDS,
        "outlet_heads": WORDS, "institution_nouns": WORDS, "site_nouns": WORDS, "broadcaster_words": WORDS,
        "postnominals": WORDS, "medium_cues": WORDS, "membership_nouns": WORDS,
        "staff_nouns": WORDS, "staff_plurals": WORDS, "caption_words": WORDS, "disease_heads": WORDS,
    }),
    "event_args": Record({
        "clause_classes": WORD_LISTS, "offence_preps": WORDS, "offence_heads": WORDS, "time_preps": WORDS,
        "stance_target_preps": WORDS, "owner_pronouns": WORDS, "question_marks": WORDS,
        "classes": WORD_LISTS, "entity_classes": WORD_LISTS, "verb_senses": Map(List(SENSE)),
        "noun_senses": Map(List(SENSE)), "patient_nouns": WORDS, "participation_heads": WORDS,
        "consequence_verbs": WORDS, "anaphoric_determiners": WORDS, "reciprocal_preps": WORDS,
        "representative_nouns": WORDS, "authority_acts": WORDS, "authority_sectors": WORDS, "carrier_verbs": WORDS,
        "spokesperson_nouns": WORDS, "statement_nouns": WORDS, "alleged_acts": WORDS, "holding_verbs": WORDS,
        "nonstate_armed_nouns": WORDS,
        "victim_nouns": WORDS,
        "struck_sites": WORDS,
        "state_force_nouns": WORDS,
        "security_nouns": Map(STR),  # evt: one unnamed force told again in other words -> its family
        "state_force_modifiers": WORDS, "state_body_nouns": WORDS, "host_place_nouns": WORDS,
    }),
    "exports": Record({"fatality_words": WORDS, "geo_precision": Map(INT), "formula_leads": WORDS}),
    "fusion": Record({
        "magnitude_lower_bound": WORDS, "magnitude_upper_bound": WORDS, "magnitude_approximate": WORDS,
        "magnitude_scale_words": WORDS, "approximate_tolerance": NUM,
        "bound_headroom": NUM, "date_open_qualifiers": WORDS,
    }),
    "grammar": Record({
        "indefinite_articles": WORDS, "articles": WORDS, "anaphoric_determiners": WORDS, "present_aux": WORDS,
        "not_present_aux": WORDS, "perfect_aux": WORDS, "progressive_present_aux": WORDS,
    }),
    "identities": Record({
        "families": WORD_LISTS, "government_kinds": WORDS, "chars": Map(STR), "fold": List(Row(STR, STR)),
        "surname_final_vowel": List(Row(STR, STR)), "gender_suffixes": List(Row(STR, STR)),
        "name_suffixes": WORDS, "stopwords": WORDS, "person_given_ratio": NUM, "person_surname_ratio": NUM,
        "name_ratio": NUM, "block_letters": Map(INT),
    }),
    "legal_mapping": Record({
        "about": STR, "event_rules": List(LEGAL_RULE), "persecution_target_sectors": WORDS,
        "persecution_target_words": WORDS, "persecution": LEGAL_RULE, "attack_scale": LEGAL_RULE,
        "temporal": LEGAL_RULE, "territorial": LEGAL_RULE, "referral": LEGAL_RULE,
        "characterisation_terms": List(Record({"terms": WORDS, "element": STR})),
    }),
    "magnitudes": Record({
        "qualifiers": Map(BOOL), "vague": Map(NUM), "number_words": Map(NUM), "multipliers": Map(NUM),
        "skip_ents": WORDS, "skip_after": WORDS, "skip_before": WORDS, "light_verbs": WORDS,
        "participles": Map(STR), "skip_before_patterns": WORDS, "currency_symbols": WORDS,
        "currencies": WORDS, "currency_names": Map(STR), "glued_units": WORDS, "measures": WORDS,
        "measure_names": Map(STR), "age_after": STR, "age_before": STR, "pronoun_numbers": WORDS,
        "ordinal_determiners": WORDS, "ordinals": Map(INT), "ordinal_not_series": WORDS,
        "duration_pattern": STR, "part_cue": STR, "revised_to": STR, "revised_from": STR,
        "non_count_units": WORDS, "state_participles": WORDS, "toll_words": STR, "glued_multipliers": Map(NUM),
        "vague_determiners": WORDS, "post_qualifiers": Map(BOOL), "street_words": WORDS,
        "skip_after_capitalised": WORDS, "pronoun_one_before": WORDS,
        "fractions": Map(NUM), "fraction_not_after": WORDS,
    }),
    "places": Record({
        "country_centres": Map(Row(NUM, NUM)),
        "admin1": List(Row(STR, STR, NUM, NUM)), "regions": List(Row(STR, Opt(STR), NUM, NUM, STR)),
        "place_nouns": WORDS, "place_aliases": Map(Row(STR, STR, STR)),
        "division_suffixes": WORDS, "dateline_state_abbreviations": Map(STR),
        "ambiguous_countries": WORD_LISTS, "subdivision_type_words": WORDS, "admin_name_stopwords": WORDS,
        "compass_variants": Map(STR), "city_nouns": WORDS, "fold_articles": WORDS,
        "organisation_datelines": WORDS, "fold_digraphs": List(Row(STR, STR)), "blocs": WORDS,
        "site_nouns": WORDS, "site_modifiers": WORDS, "site_connectors": WORDS, "division_cues": WORDS,
        "building_heads": WORDS,
    }),
    "plover": Record({
        "name_drop_deps": WORDS, "finding_verbs": WORDS, "disapproval_states": WORDS, "possibility_aux": WORDS,
        "warning_verbs": WORDS, "claim_or_demand_verbs": WORDS,
        "types": Map(Record({"quad": STR, "modes": WORDS, "recipient_required": BOOL, "description": STR})),
        "contexts": WORDS, "classes": WORD_LISTS, "verbs": Map(PATTERN), "verb_classes": Map(VERB_CLASS),
        "nouns": Map(TRIPLE), "light_verbs": WORDS, "experiencer_verbs": WORDS, "occurrence_verbs": WORDS,
        "embedded_mode": Map(Map(STR)), "embedded_mode_by_child_mode": Map(STR), "cooperative": WORDS,
        "future_shift": Map(STR), "negation_shift": Map(STR), "speech_verbs": WORDS, "obligation_aux": WORDS,
        "future_aux": WORDS, "conditional_marks": WORDS, "hedges": WORDS, "willing_adjectives": WORDS,
        "evaluation_verbs": WORDS, "evaluation_positive": WORDS, "evaluation_negative": WORDS,
        "evaluation_dismissive": WORDS, "sectors": WORD_LISTS, "container_nouns": WORDS, "actor_nouns": WORDS,
        "partitive_heads": WORDS, "quantifiers": WORDS, "sector_codes": Map(STR), "igo_names": WORDS,
        "mode_cues": Map(List(Row(STR, WORDS))), "gsr_legacy_types": Map(Row(STR, Opt(STR))),
        "mode_aliases": Map(STR), "crosswalk_overrides": Map(Row(STR, STR)), "legal_venue_words": WORDS,
        "coded_events": Map(TRIPLE), "threat_cameo": Map(STR), "agree_cameo": Map(STR),
        "count_nouns": WORDS,  # evt: nouns that count their of-object ('scores of arrests')
        "natural_forces": WORDS,  # evt: a disaster is a context, not a source
        "disease_names": WORDS,  # evt: "Ebola has killed 2,000": a disease is a context, like natural_forces
        "disease_name_patterns": WORDS,  # evt: influenza subtypes (H5N1)
        "question_words": WORDS,  # evt: "asked whether ...": a question, no request
        "comment_verbs": WORDS,  # evt: "asked to comment": a question
        "news_words": WORDS,  # evt: "the news agency reported": a medium, no accuser
        "goods_nouns": WORDS,  # evt: things given are aid only as a giving verb's object
        "act_heads": WORDS,  # evt: "mediation efforts": heads that take their act from a modifier
        "reaction_nouns": WORDS,  # evt: "was met with criticism": a reception, no meeting
        "duty_verbs": WORDS,  # evt: "failed to comply": a refusal
        "accident_verbs": WORDS,  # evt: a thing failing by itself, whose effects no one did
        "toxic_modifiers": WORDS,  # evt: "tainted alcohol killed 20": a harmful substance, no party
        "mishap_cause_preps": WORDS,  # evt: "killed in a crash": the cause of harm
        "mishap_marks": WORDS,  # evt: "injured when the roof collapsed"
        "performative_heads": WORDS,  # evt: "I want to thank ...": done by saying it
        "first_person": WORDS,
        "reflexive_pronouns": WORDS,
        "risk_nouns": WORDS,  # evt: "warned that the risk is high": no party's act
        "enabling_verbs": WORDS,  # evt: "the bridge will allow ...": a thing's effect
        "animal_nouns": WORDS,  # evt: animals are no party to an event
        "speech_act_types": WORDS,  # evt: the doer of a speech act is a party
        "text_nouns": WORDS,  # evt: a text speaks for its author, it is no party
        "stance_phrases": WORDS,  # evt: "spoke in support of X"
        "performative_verbs": WORDS,
        "information_nouns": WORDS,  # evt: what is released or handed out as information, not people
        "objection_verbs": WORDS,  # evt: protesting a statement or an act is objecting to it
        "measure_nouns": WORDS,  # evt: texts and plans an authority approves
        "other_happening_modifiers": WORDS,  # evt: 'another attack' is a further happening
        "sequence_adverbs": WORDS,  # evt: 'the gunmen later shot' is a new act of the same doers
        "background_preps": WORDS, "standing_classes": WORDS,  # evt: 'under sanctions', 'our deals'
        "generic_pronouns": WORDS,  # evt: 'anyone who joins the strike' is no happening
        "perpetrator_nouns": WORDS, "blast_nouns": WORDS,  # evt: 'the assailants', 'the explosion' refer back
    }),
    "quotes": Record({
        "accusation_preps": WORDS, "directive_verbs": WORDS, "author_preps": WORDS, "gloss_nouns": WORDS,
        "complementizers": WORDS, "medium_nouns": WORDS, "unit_nouns": WORDS, "naming_verbs": WORDS,
        "naming_preps": WORDS, "naming_nouns": WORDS,
        "speech_verbs": WORDS, "speech_verbs_need_clause": WORDS, "accusation_verbs": WORDS,
        "according_to": WORDS, "statement_markers": WORDS, "hearsay_verbs": WORDS, "hedges": WORDS,
        "certainty_markers": WORDS, "legal_terms": WORD_LISTS, "pronouns": WORD_LISTS,
        "document_nouns": WORDS, "state_heads": WORDS, "group_kinds": WORDS,
        "framed_verbs": Map(STR), "written_nouns": WORDS, "receiver_verbs": WORDS, "addressee_verbs": WORDS,
    }),
    "rome_statute": Record({
        "source": STR, "contextual": List(STATUTE_ENTRY), "acts": List(STATUTE_ENTRY),
        "liability": List(STATUTE_ENTRY), "jurisdiction": List(STATUTE_ENTRY), "not_covered": List(STATUTE_ENTRY),
    }),
    "organizations": Record({
        "spelling": List(Row(STR, STR)),
        "organizations": List(Record({"name": STR, "acronyms": WORDS, "variants": WORDS,
                                      "kind": STR, "country": Opt(STR)})),
    }),
    "sources": Record({
        "dateline": Record({"dashes": WORDS, "max_chars": INT, "agency_tag_max_chars": INT, "months": WORDS}),
        "binary_signatures": Map(STR),
    }),
}
