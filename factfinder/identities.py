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

Comparison is blocked by family + first letters of the folded surname/name, never all pairs. Work is
incremental and crash-safe like fusion: actors without an identity row are the work left, written in
one transaction. Identity ids are ``i`` + a hash of the founding actor's id (the earliest actor, in
store order), so the same inputs give the same ids and a new variant joins an existing identity.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from rapidfuzz import fuzz

from .ontology import load as load_table
from .store import Store

__all__ = ["ActorName", "describe", "fold_token", "same_actor", "update_identities", "identity_of"]


@cache
def _rules() -> dict[str, Any]:
    data = dict(load_table("identities"))  # a copy: the loaded table is shared
    data["_fold"] = [(re.compile(p), r) for p, r in data["fold"]]
    data["_final"] = [(re.compile(p), r) for p, r in data["surname_final_vowel"]]
    data["_family"] = {k: fam for fam, kinds in data["families"].items() for k in kinds}
    return data


def _plain(text: str) -> str:
    """Lower case without accents; letters NFKD leaves alone (ł, ø, ß ...) mapped by the table."""
    chars = _rules()["chars"]
    text = "".join(chars.get(c, c) for c in text.lower())
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


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

    @property
    def is_gov(self) -> bool:
        return self.kind in _rules()["government_kinds"]


def _person_parts(canonical: str) -> tuple[str | None, str]:
    toks = [re.sub(r"[^a-z0-9]", "", t) for t in _tokens(canonical)]
    toks = [t for t in toks if t]
    while len(toks) > 1 and toks[-1] in _rules()["name_suffixes"]:
        toks.pop()
    if not toks:
        return None, ""
    return (toks[0] if len(toks) > 1 else None), toks[-1]


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
        given, surname = _person_parts(canonical)
        key = fold_token(surname)
        return ActorName(actor_id, canonical, kind, family, country, given, surname, key,
                         block=_block(family, key))
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
    """Surnames agree once folded, the final a/o too (only called when the given names agree)."""
    if a.key == b.key or _fold_final(a.key) == _fold_final(b.key):
        return True
    if _gendered(a.surname, b.surname) or _gendered(a.key, b.key):
        return False
    return a.key[:2] == b.key[:2] and fuzz.ratio(a.key, b.key) >= _rules()["person_surname_ratio"]


def _full_match(a: ActorName, b: ActorName) -> bool:
    """Two persons with given names: given names and surnames agree."""
    return bool(a.given and b.given and _given_agree(a.given, b.given) and _surname_agree(a, b))


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
    """x joins ident: a given-named member matches fully and no given-named member contradicts."""
    named = ident.named
    if not named or not any(_full_match(x, m) for m in named):
        return False
    return all(_given_agree(x.given or "", m.given or "") for m in named)


def _with_surname(idents: list[_Identity], key: str) -> list[_Identity]:
    return [i for i in idents if any(m.key == key for m in i.members)]


def _assign_person(x: ActorName, idents: list[_Identity]) -> _Identity | None:
    if x.given:
        full = [i for i in idents if _person_fits(x, i)]
        if full:
            return full[0]
        # A surname-only identity is this person's when the surname is unique in the block.
        same = _with_surname(idents, x.key)
        if len(same) == 1 and not same[0].named:
            return same[0]
        return None
    same = _with_surname(idents, x.key)
    return same[0] if len(same) == 1 else None


def _absorb(target: _Identity, idents: list[_Identity]) -> None:
    """A full name arrived: a surname-only identity with its exact surname, unique in the block, joins it."""
    for key in sorted({m.key for m in target.named}):
        same = _with_surname(idents, key)
        loners = [i for i in same if i is not target and not i.named]
        if len(same) == 2 and len(loners) == 1:
            target.members.extend(loners[0].members)
            idents.remove(loners[0])


def assign_block(existing: list[tuple[ActorName, str]], new: list[ActorName]) -> dict[str, str]:
    """Identity ids for the actors of one block: existing (actor, identity) pairs first, then the new ones.

    New persons with a given name are placed before surname-only ones, so a surname meets its full name
    whatever the order the reports came in. Returns actor_id -> identity_id for every actor of the block.
    """
    idents: list[_Identity] = []
    by_id: dict[str, _Identity] = {}
    for actor, iid in existing:
        if iid not in by_id:
            by_id[iid] = _Identity(iid)
            idents.append(by_id[iid])
        by_id[iid].members.append(actor)
    for x in sorted(new, key=lambda a: 0 if (a.family != "person" or a.given) else 1):
        if x.family == "person":
            ident = _assign_person(x, idents)
        else:
            ident = next((i for i in idents if any(same_actor(x, m) for m in i.members)), None)
        if ident is None:
            ident = _Identity(_new_id(x))
            idents.append(ident)
        ident.members.append(x)
        if x.family == "person" and x.given:
            _absorb(ident, idents)
    return {m.actor_id: i.id for i in idents for m in i.members}


# -- store ------------------------------------------------------------------------------------------
def _describe_row(row: Any) -> ActorName:
    aliases = json.loads(row["data"]).get("aliases") or ()
    return describe(row["id"], row["canonical"], row["kind"], row["country"], aliases)


def _display_name(canonicals: list[str]) -> str:
    """The most frequent canonical name; ties go to the longest, then alphabetical order."""
    counts = Counter(canonicals)
    return min(counts, key=lambda n: (-counts[n], -len(n), n))


def update_identities(store: Store) -> int:
    """Link actors stored since the last run to identities; returns how many actors were linked."""
    conn = store.conn
    todo = [_describe_row(r) for r in conn.execute(
        "SELECT id, canonical, kind, country, data FROM actors"
        " WHERE id NOT IN (SELECT actor_id FROM actor_identities) ORDER BY rowid")]
    if not todo:
        return 0
    blocks: dict[str, list[ActorName]] = defaultdict(list)
    for a in todo:
        blocks[a.block].append(a)
    assigned: dict[str, tuple[str, str]] = {}  # actor_id -> (identity_id, block)
    for block, new in blocks.items():
        existing = [(_describe_row(r), r["identity_id"]) for r in conn.execute(
            "SELECT a.id, a.canonical, a.kind, a.country, a.data, i.identity_id FROM actor_identities i"
            " JOIN actors a ON a.id = i.actor_id WHERE i.block = ? ORDER BY a.rowid", (block,))]
        for actor_id, iid in assign_block(existing, new).items():
            assigned[actor_id] = (iid, block)
    with conn:  # one transaction: a crash leaves the actors without a row, to redo next time
        for actor_id, (iid, block) in assigned.items():
            conn.execute("INSERT OR REPLACE INTO actor_identities (actor_id, identity_id, name, block)"
                         " VALUES (?, ?, ?, ?)", (actor_id, iid, "", block))
        for iid in sorted({iid for iid, _ in assigned.values()}):
            names = [r[0] for r in conn.execute(
                "SELECT a.canonical FROM actor_identities i JOIN actors a ON a.id = i.actor_id"
                " WHERE i.identity_id = ?", (iid,))]
            conn.execute("UPDATE actor_identities SET name = ? WHERE identity_id = ?", (_display_name(names), iid))
    return len(todo)


def identity_of(store: Store, names: Iterable[str], threshold: int = 90) -> set[str]:
    """Ids of actors sharing an identity with any actor named like one of ``names`` (canonical or alias)."""
    wanted = [n for n in names if n.strip()]
    if not wanted:
        return set()
    ids: set[str] = set()
    for row in store.conn.execute(
            "SELECT a.canonical, a.data, i.identity_id FROM actors a JOIN actor_identities i ON i.actor_id = a.id"):
        variants = [row["canonical"], *(json.loads(row["data"]).get("aliases") or ())]
        if any(fuzz.token_set_ratio(w, v) >= threshold for w in wanted for v in variants):
            ids.add(row["identity_id"])
    if not ids:
        return set()
    marks = ",".join("?" for _ in ids)
    return {r[0] for r in store.conn.execute(
        f"SELECT actor_id FROM actor_identities WHERE identity_id IN ({marks})", tuple(sorted(ids)))}
