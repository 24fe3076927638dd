"""Cross-report actor identities: one identity per real actor, whatever the spelling in each report.

Actors are canonical only within a report (table ``actors``). This module links them across reports
into ``actor_identities`` (actor_id -> identity_id, display name). Rules, in data
(``ontology/identities.json``) where they are tables:

* Only kinds of one family are compared (person / state+government / organization+igo / group);
  other kinds (law, location, ...) share an identity only with the same folded name.
* Names are folded: NFKD without accents, lower case, then transliteration folds (x/ks, kh/h, ou/u,
  ia/ya/ja, iy/y, ...), so spellings from Russian, Belarusian, Polish or English sources meet.
* Persons need surname AND given-name agreement. A surname's final a/o (Belarusian -ka, Russian -ko)
  is folded only when the given names agree; masculine/feminine endings (-ski/-skaya, -ov/-ova,
  Aleksandr/Aleksandra) never match by fuzzy similarity, so spouses stay apart. A surname alone
  (no given name) joins the one identity carrying that exact folded surname, and stays alone when
  several people share it.
* States and governments with an ISO code are one identity per (state or government, code);
  without a code they match by folded name.
* Organisations match by folded name, an acronym alias equal to the other's name, or a conservative
  rapidfuzz ratio with the same numbers in both names.

* A surname of several words ("J. Quintanar Olmedo") agrees with its first word(s) used alone
  ("Brisa Quintanar"), and a joining name must agree in given name and surname with every named member.

Comparison is blocked by family + first letters of the folded surname/name, never all pairs; a
surname of several words is also indexed under its first word's block, and a batch's blocks joined
so are read and decided together. Work is
incremental and crash-safe like fusion: actors without an identity row are the work left, written in
one transaction. Identity ids are ``i`` + a hash of the founding actor's id (the earliest actor, in
store order), so the same inputs give the same ids and a new variant joins an existing identity.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Protocol

from rapidfuzz import fuzz, process

from ..ontology import load as load_table

__all__ = ["ActorName", "IdentityChanges", "StoredActor", "assign_block", "describe", "display_name", "fold_token",
           "further_blocks", "link", "same_actor"]


@cache
def _rules() -> dict[str, Any]:
    data = dict(load_table("identities"))  # a copy: the loaded table is shared
    data["_fold"] = [(re.compile(p), r) for p, r in data["fold"]]
    data["_final"] = [(re.compile(p), r) for p, r in data["surname_final_vowel"]]
    data["_family"] = {k: fam for fam, kinds in data["families"].items() for k in kinds}
    return data


@functools.lru_cache(maxsize=65536)  # pure; a block's stored names are described again each batch
def _plain(text: str) -> str:
    """Lower case without accents; letters NFKD leaves alone (ł, ø, ß ...) mapped by the table."""
    chars = _rules()["chars"]
    text = "".join(chars.get(c, c) for c in text.lower())
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


@functools.lru_cache(maxsize=65536)  # pure, and every comparison in a block folds the same names again
def fold_token(token: str) -> str:
    """A name token with transliteration variants folded (``Aleksandr`` and ``Alexander`` meet)."""
    tok = re.sub(r"[^a-z0-9]", "", _plain(token))
    for pattern, repl in _rules()["_fold"]:
        tok = pattern.sub(repl, tok)
    return tok


def _fold_final(surname: str) -> str:
    for pattern, repl in _rules()["_final"]:
        surname = pattern.sub(repl, surname)
    return surname


def _tokens(name: str) -> list[str]:
    return [t for t in re.split(r"[\s\-‐–]+", _plain(name)) if re.search(r"[a-z0-9]", t)]


@functools.lru_cache(maxsize=65536)
def _gendered(a: str, b: str) -> bool:
    """True if a and b differ only by a masculine/feminine ending pair (different people)."""
    if a == b:
        return False
    for m, f in _rules()["gender_suffixes"]:
        for x, y in ((a, b), (b, a)):
            if x.endswith(m) and y.endswith(f):
                stem = x[: len(x) - len(m)] if m else x
                if stem and y == stem + f:
                    return True
    return False


@dataclass(frozen=True, slots=True)
class ActorName:
    """What identity linking needs to know about one stored per-report actor."""

    actor_id: str
    canonical: str
    kind: str
    family: str
    country: str | None = None
    given: str | None = None  # persons: raw (accent-stripped) first given name; None when absent
    surname: str = ""  # persons: raw (accent-stripped) surname
    key: str = ""  # folded name (persons: folded surname)
    alias_keys: tuple[str, ...] = ()  # acronym and multi-word aliases, folded
    block: str = ""
    parts: tuple[str, ...] = ()  # persons: folded surname words after the given name, middle initials dropped
    also: tuple[str, ...] = ()  # further blocks: persons with a surname of several words, its first word's

    @property
    def first(self) -> str:
        """Persons: the first word of a surname of several words ("Garcia" of "Garcia Lopez"), else the key."""
        return self.parts[0] if self.parts else self.key

    @property
    def blocks(self) -> tuple[str, ...]:
        return (self.block, *self.also)

    @property
    def is_gov(self) -> bool:
        return self.kind in _rules()["government_kinds"]


def _person_parts(canonical: str) -> tuple[str | None, str, tuple[str, ...]]:
    """(first given name, surname, the folded surname words): the surname is the last word; with a
    given name, the surname words are those after the first written word (a hyphenated given name
    "Anne-Marie" is one word), middle initials left out, so "J. Ortega Ruiz" has (ortega, ruiz)."""
    words = [w for w in _plain(canonical).split() if re.search(r"[a-z0-9]", w)]
    clean = [[t for t in (re.sub(r"[^a-z0-9]", "", x) for x in re.split(r"[\-‐–]+", w)) if t] for w in words]
    clean = [w for w in clean if w]
    toks = [t for w in clean for t in w]
    while len(toks) > 1 and toks[-1] in _rules()["name_suffixes"]:
        toks.pop()
    if not toks:
        return None, "", ()
    if len(toks) == 1:
        return None, toks[0], ()
    rest = [t for w in clean[1:] for t in w]
    while rest and rest[-1] in _rules()["name_suffixes"]:
        rest.pop()
    parts = tuple(fold_token(t) for t in rest if len(t) > 1 and fold_token(t))
    return toks[0], toks[-1], parts


def _name_key(name: str) -> str:
    stop = set(_rules()["stopwords"])
    return " ".join(fold_token(t) for t in _tokens(name) if t not in stop and fold_token(t))


def _block(family: str, key: str) -> str:
    letters = _rules()["block_letters"]
    n = letters.get(family, letters["default"])
    return f"{family}:{key.replace(' ', '')[:n]}"


def describe(actor_id: str, canonical: str, kind: str | None, country: str | None,
             aliases: Iterable[str] = ()) -> ActorName:
    """Fold an actor's name and put it in its comparison block."""
    kind = kind or "unknown"
    family = _rules()["_family"].get(kind, kind)
    if family == "person":
        given, surname, parts = _person_parts(canonical)
        key = fold_token(surname)
        block = _block(family, key)
        also = tuple(b for b in {_block(family, parts[0])} if b != block) if len(parts) > 1 else ()
        return ActorName(actor_id, canonical, kind, family, country, given, surname, key,
                         block=block, parts=parts if len(parts) > 1 else (), also=also)
    key = _name_key(canonical)
    alias_keys = tuple(sorted({_name_key(a) for a in aliases if _useful_alias(a)} - {key, ""}))
    if family == "state" and country:
        gov = kind in _rules()["government_kinds"]
        return ActorName(actor_id, canonical, kind, family, country, key=key, alias_keys=alias_keys,
                         block=f"state:{'gov' if gov else 'state'}:{country}")
    return ActorName(actor_id, canonical, kind, family, country, key=key, alias_keys=alias_keys,
                     block=_block(family, key))


def _useful_alias(alias: str) -> bool:
    """Acronyms and multi-word names identify; a lone common word ('Court', 'the regime') does not."""
    words = alias.split()
    if len(words) == 1:
        return alias.isupper() and len(alias) >= 2
    return not alias[:1].islower()


# -- pairwise rules -----------------------------------------------------------------------------------
def _given_agree(a: str, b: str) -> bool:
    if len(a) == 1 or len(b) == 1:  # an initial agrees with a name it starts
        return a[0] == b[0]
    fa, fb = fold_token(a), fold_token(b)
    if fa == fb:
        return True
    if _gendered(a, b) or _gendered(fa, fb):
        return False
    return fa[:1] == fb[:1] and fuzz.ratio(fa, fb) >= _rules()["person_given_ratio"]


def _surname_agree(a: ActorName, b: ActorName) -> bool:
    """Surnames agree once folded, the final a/o too, or one is the first word(s) of the other's
    surname of several words ("Ortega" of "Ortega Ruiz"; only called when the given names agree)."""
    if a.key == b.key or _fold_final(a.key) == _fold_final(b.key):
        return True
    if _leading(a, b) or _leading(b, a):
        return True
    if _gendered(a.surname, b.surname) or _gendered(a.key, b.key):
        return False
    return a.key[:2] == b.key[:2] and fuzz.ratio(a.key, b.key) >= _rules()["person_surname_ratio"]


def _leading(a: ActorName, b: ActorName) -> bool:
    """a's surname words begin b's longer surname (the first of a double surname used alone)."""
    mine = a.parts or (a.key,)
    return len(b.parts) > len(mine) and b.parts[:len(mine)] == mine


def _full_match(a: ActorName, b: ActorName) -> bool:
    """Two persons with given names: given names and surnames agree."""
    # surnames first: within a block most pairs differ there, and the given-name rules cost more
    return bool(a.given and b.given and _surname_agree(a, b) and _given_agree(a.given, b.given))


def _digits(text: str) -> list[str]:
    return re.findall(r"\d+", text)


def _same_named(a: ActorName, b: ActorName) -> bool:
    """Non-person actors of one family: same state/government code, or the same name written differently."""
    if a.family == "state" and (a.is_gov != b.is_gov):
        return False
    if a.country and b.country:
        if a.country != b.country:
            return False
        if a.family == "state":
            return True
    if not a.key or not b.key:
        return False
    if a.key == b.key or a.key in b.alias_keys or b.key in a.alias_keys:
        return True
    if _digits(a.key) != _digits(b.key) or min(len(a.key), len(b.key)) < 6:
        return False
    return fuzz.ratio(a.key, b.key) >= _rules()["name_ratio"]


def same_actor(a: ActorName, b: ActorName) -> bool:
    """The pairwise rule (persons need given names on both sides; see ``_assign_person`` for surnames alone)."""
    if a.family != b.family:
        return False
    if a.family == "person":
        return _full_match(a, b)
    if a.family in _rules()["families"]:
        return _same_named(a, b)
    return a.key == b.key and a.kind == b.kind  # law, location, ...: only the same name


# -- assignment within a block --------------------------------------------------------------------
@dataclass
class _Identity:
    id: str
    members: list[ActorName] = field(default_factory=list)

    @property
    def named(self) -> list[ActorName]:
        return [m for m in self.members if m.given]


def _new_id(founder: ActorName) -> str:
    return "i" + hashlib.sha1(founder.actor_id.encode("utf-8")).hexdigest()[:12]


def _person_fits(x: ActorName, ident: _Identity) -> bool:
    """x joins ident: a given-named member matches fully and no given-named member contradicts, in
    the given name or the surname ("Julia Ruiz" stays out of "J. Ortega Ruiz" once "Julia Ortega"
    joined it: one initial does not make two surnames one person)."""
    named = ident.named
    if not named or not any(_full_match(x, m) for m in named):
        return False
    return all(_given_agree(x.given or "", m.given or "") and _surname_agree(x, m) for m in named)


class _Block:
    """The identities of one block, with the surname keys of their members indexed: a person is
    compared only with identities whose surnames could agree with theirs (equal, equal after the
    final-vowel fold, or a rapidfuzz ratio at the rule's threshold, looked up in one C call), so a
    block of many identities costs little per new actor. Decisions are those of the pairwise rules."""

    def __init__(self) -> None:
        self.idents: list[_Identity] = []
        self.pos: dict[int, int] = {}  # id(identity) -> creation order (the list order)
        self.gone: set[int] = set()
        self.by_key: dict[str, list[_Identity]] = defaultdict(list)
        self.named_by_key: dict[str, list[_Identity]] = defaultdict(list)
        self.named_keys: list[str] = []
        self.finals: dict[str, set[str]] = defaultdict(set)

    def new(self, iid: str) -> _Identity:
        ident = _Identity(iid)
        self.pos[id(ident)] = len(self.pos)
        self.idents.append(ident)
        return ident

    def add(self, ident: _Identity, members: Iterable[ActorName]) -> None:
        for m in list(members):
            ident.members.append(m)
            for key in dict.fromkeys((m.key, m.first)):  # a double surname is found by its first word too
                self.by_key[key].append(ident)
                if m.given:
                    if key not in self.named_by_key:
                        self.named_keys.append(key)
                        self.finals[_fold_final(key)].add(key)
                    self.named_by_key[key].append(ident)

    def remove(self, ident: _Identity) -> None:
        self.gone.add(id(ident))
        self.idents.remove(ident)

    def _live(self, idents: Iterable[_Identity]) -> list[_Identity]:
        unique = {id(i): i for i in idents if id(i) not in self.gone}
        return sorted(unique.values(), key=lambda i: self.pos[id(i)])

    def with_surname(self, key: str) -> list[_Identity]:
        return self._live(self.by_key.get(key, ()))

    def could_agree(self, x: ActorName) -> list[_Identity]:
        """Identities with a given-named member whose surname may agree with x's (a superset of
        those ``_surname_agree`` accepts), in block order."""
        keys = {k for k, _, _ in process.extract(x.key, self.named_keys, scorer=fuzz.ratio, limit=None,
                                                 score_cutoff=_rules()["person_surname_ratio"])}
        keys |= self.finals.get(_fold_final(x.key), set())
        keys |= {x.key, x.first}
        return self._live(i for k in keys for i in self.named_by_key.get(k, ()))


def _assign_person(x: ActorName, block: _Block) -> _Identity | None:
    if x.given:
        full = [i for i in block.could_agree(x) if _person_fits(x, i)]
        if full:
            return full[0]
        # A surname-only identity is this person's when the surname is unique in the block.
        same = block.with_surname(x.key)
        if len(same) == 1 and not same[0].named:
            return same[0]
        return None
    same = block.with_surname(x.key)
    return same[0] if len(same) == 1 else None


def _absorb(target: _Identity, block: _Block) -> None:
    """A full name arrived: a surname-only identity with its exact surname, unique in the block, joins it."""
    for key in sorted({k for m in target.named for k in (m.key, m.first)}):
        same = block.with_surname(key)
        loners = [i for i in same if i is not target and not i.named]
        if len(same) == 2 and len(loners) == 1:
            block.remove(loners[0])
            block.add(target, loners[0].members)


def assign_block(existing: list[tuple[ActorName, str]], new: list[ActorName]) -> dict[str, str]:
    """Identity ids for the actors of one block: existing (actor, identity) pairs first, then the new ones.

    New persons with a given name are placed before surname-only ones, so a surname meets its full name
    whatever the order the reports came in. Returns actor_id -> identity_id for every actor of the block.
    """
    block = _Block()
    by_id: dict[str, _Identity] = {}
    for actor, iid in existing:
        if iid not in by_id:
            by_id[iid] = block.new(iid)
        block.add(by_id[iid], [actor])
    for x in sorted(new, key=lambda a: 0 if (a.family != "person" or a.given) else 1):
        if x.family == "person":
            ident = _assign_person(x, block)
        else:
            ident = next((i for i in block.idents if any(same_actor(x, m) for m in i.members)), None)
        if ident is None:
            ident = block.new(_new_id(x))
        block.add(ident, [x])
        if x.family == "person" and x.given:
            _absorb(ident, block)
    idents = block.idents
    return {m.actor_id: i.id for i in idents for m in i.members}


# -- linking a batch ----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class StoredActor:
    """A per-report actor as identity linking reads it (the store's row, plain data)."""

    actor_id: str
    canonical: str
    kind: str | None
    country: str | None
    aliases: tuple[str, ...] = ()
    rowid: int = 0  # store order: the founder of an identity is its earliest actor


@dataclass(frozen=True, slots=True)
class IdentityChanges:
    """What linking a batch decided (``store/identities.py`` writes it in one transaction)."""

    assigned: tuple[tuple[str, str, str], ...]  # (new actor id, identity id, block)
    merged: tuple[tuple[str, str], ...]  # (identity id, the identity it joined): a surname met its full name
    names: tuple[tuple[str, str], ...]  # (identity id, display name) of every identity touched
    also: tuple[tuple[str, str], ...] = ()  # (new actor id, a further block its description is indexed under)


class IdentityTables(Protocol):
    """Stored identities, read by block (``store/identities.py`` implements it)."""

    def variants(self, block: str) -> Sequence[tuple[StoredActor, str]]: ...  # (actor, identity), store order
    def name_counts(self, identity_ids: Sequence[str]) -> Mapping[str, Mapping[str, int]]: ...


def _actor_name(a: StoredActor) -> ActorName:
    return _described(a.actor_id, a.canonical, a.kind, a.country, a.aliases)


# pure, and a block's stored descriptions are read and described again each batch (ingest derives in
# rounds in one process; the API serves many): the rows read still grow with the block, their folding not
_described = functools.lru_cache(maxsize=65536)(describe)


def further_blocks(a: StoredActor) -> tuple[str, ...]:
    """The blocks besides its own a stored actor's description is indexed under (a double surname's
    first word's), for rebuilding the variant index."""
    return _actor_name(a).also


def display_name(counts: Mapping[str, int]) -> str:
    """The most frequent canonical name; ties go to the longest, then alphabetical order."""
    return min(counts, key=lambda n: (-counts[n], -len(n), n))


def link(new: Iterable[StoredActor], tables: IdentityTables) -> IdentityChanges:
    """Identities for actors not linked yet. Reads only the blocks of the new actors (each stored
    identity's distinct descriptions once), so the cost follows the batch, not the store."""
    groups = _groups([(_actor_name(a), a) for a in new])
    assigned: list[tuple[str, str, str]] = []
    also: list[tuple[str, str]] = []
    merged: dict[str, str] = {}
    added: dict[str, Counter[str]] = defaultdict(Counter)
    for keys, todo in groups:
        seen: dict[tuple[str, str], tuple[ActorName, str]] = {}
        for block in keys:  # a description indexed under two of the group's blocks is read once
            for a, iid in tables.variants(block):
                if (a.actor_id, iid) not in seen:
                    seen[(a.actor_id, iid)] = (_actor_name(a), iid)
        existing = list(seen.values())
        after = assign_block(existing, [x for x, _ in todo])
        for x, iid in existing:
            if after[x.actor_id] != iid:
                merged[iid] = after[x.actor_id]
        for x, a in todo:
            assigned.append((a.actor_id, after[a.actor_id], x.block))
            also.extend((a.actor_id, b) for b in x.also)
            added[after[a.actor_id]][a.canonical] += 1
    touched = sorted(set(added) | set(merged.values()))
    stored = tables.name_counts(sorted(set(touched) | set(merged)))
    names = []
    for iid in touched:
        counts: Counter[str] = Counter(stored.get(iid, {}))
        for old, into in merged.items():
            if into == iid:
                counts.update(stored.get(old, {}))
        counts.update(added[iid])
        names.append((iid, display_name(counts)))
    return IdentityChanges(tuple(assigned), tuple(sorted(merged.items())), tuple(names), tuple(also))


def _groups(named: list[tuple[ActorName, StoredActor]]) -> list[tuple[list[str], list[tuple[ActorName, StoredActor]]]]:
    """The batch's actors in groups compared together: actors sharing a block, joined through the
    further blocks of double surnames ("J. Ortega Ruiz" in the blocks of Ruiz and of Ortega), each
    group with its blocks in first-seen order and its actors in batch order."""
    parent: dict[str, str] = {}

    def find(b: str) -> str:
        while parent.setdefault(b, b) != b:
            parent[b] = parent[parent[b]]
            b = parent[b]
        return b

    for x, _a in named:
        for b in x.also:
            ra, rb = find(x.block), find(b)
            if ra != rb:
                parent[rb] = ra
    out: dict[str, tuple[list[str], list[tuple[ActorName, StoredActor]]]] = {}
    for x, a in named:
        keys, todo = out.setdefault(find(x.block), ([], []))
        for b in x.blocks:
            if b not in keys:
                keys.append(b)
        todo.append((x, a))
    return list(out.values())
