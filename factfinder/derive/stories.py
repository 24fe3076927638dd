"""Fusion across reports: copies, stories, fused events and the stories' disputes.

One happening is told by many reports. ``Fuser`` takes analyses one at a time and

1. links **copies** (syndicated wire text, reposts with boilerplate) to their original with MinHash
   over word 5-shingles and an LSH index; a copy never counts as independent corroboration;
2. puts each report in a **story**: candidate stories come from blocking only (the copy LSH, plus
   inverted indexes on lede keywords, actor names and (event type, actor)), each candidate is
   scored on a few of its reports (TF-IDF cosine, weighted name overlap, event agreement, a time
   separation penalty), and the report joins the best story above a threshold or starts one;
3. fuses the events of a story (same PLOVER type + overlapping actors) keeping every supporting
   span; where the story's reports disagree is told by **disputes** over their claims
   (derive/claims.py, derive/disputes.py), not by comparing fused events field by field.

Cost per added report is bounded (postings keep the most recent stories per key, a fixed number
of candidate stories and members are scored), so fusing n reports grows near-linearly.
State is kept in plain records (``Fuser.state()`` / ``Fuser.from_state()``). Between ingests the
state lives in the store: ``Fuser(tables=...)`` reads through ``StoryTables`` only what a batch
touches (its terms' frequencies, the postings of its keys, reports sharing its copy bands, candidate
stories' centroids and sampled members) and ``changes()`` returns what to write back, so adding a
batch costs what it touches, not what the store holds. Without tables it is all in memory.
"""

from __future__ import annotations

import functools
import hashlib
import math
import re
import unicodedata
import zlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

import numpy as np
from datasketch import MinHash, MinHashLSH
from rapidfuzz import fuzz

from .claims import happening_days, report_claims
from .disputes import ReportClaims, find_disputes
from ..errors import FactfinderError
from ..ontology import load as load_table
from ..records import (
    Analysis,
    Dispute,
    Event,
    Magnitude,
    Quote,
    SlotClaim,
    Story,
    TimeValue,
    from_dict,
)

NAME = "factfinder.fuse.blocking.v3"


class FusionError(FactfinderError):
    """Fusion was given inconsistent input (e.g. the same report id twice with different text)."""


# --------------------------------------------------------------------------- options and state


@dataclass(frozen=True, slots=True)
class FuseOptions:
    """Knobs of the fuser; defaults were tuned on the corpus plus written variants (see tests)."""

    shingle: int = 5  # words per shingle for copy detection
    num_perm: int = 128
    # MinHash Jaccard at or above which a report is a copy (or a near-copy: a wire story updated)
    copy_threshold: float = 0.6
    # copy candidates read per MinHash band: its most recent reports only. A band shared by many
    # reports (a template, an agency's formula: text that is no copy) otherwise makes every new report
    # compare against all of them, so a batch's cost grew with the store. A copy is missed only when
    # every band it shares with its original holds band_cap newer reports (a copy at J=.9 shares ~15
    # of the 25 bands, one just over the threshold ~2: those are at risk; see bench/README.md)
    band_cap: int = 16
    join_threshold: float = 0.32  # pair score at or above which a report joins a story
    date_window_days: int = 3  # happenings further apart than this are different happenings
    separation_factor: float = 0.3  # score multiplier for time-separated reports
    posting_cap: int = 16  # most recent stories kept per blocking key
    max_candidate_stories: int = 8
    members_per_story: int = 3  # first + most recent members scored per candidate story
    lede_chars: int = 600
    top_terms: int = 120  # terms kept per report for TF-IDF
    key_terms: int = 10  # lede keywords used as blocking keys
    key_names: int = 8  # name stems used as blocking keys
    min_key_hits: int = 2
    centroid_cap: int = 300
    same_day_bonus: float = 0.1  # both reports date the happening to the same day and share an event key
    name_floor: float = 0.15  # name cosine below which the score is scaled down  # terms kept in a story's centroid
    stem: int = 6  # prefix stemming: "referred"/"referral", "Belarus"/"Belarusian"
    w_text: float = 0.45
    w_names: float = 0.35
    w_events: float = 0.20
    w_signature: float = 0.30  # event signature: kind of act, place and stated day
    bridge: bool = True  # a report that joins two stories merges them ...
    bridge_threshold: float = 0.45  # ... when it scores at least this with each (a join is 0.32)


@dataclass(frozen=True, slots=True)
class Profile:
    """What fusion keeps of one report: enough to re-index it and to fuse its facts."""

    report_id: str
    seen: int
    outlet: str | None
    published: str | None
    title: str | None
    story_id: str
    copy_of: str | None
    hashvalues: tuple[int, ...]
    terms: tuple[str, ...]
    term_weights: tuple[float, ...]  # 1 + log(tf)
    lede_terms: tuple[str, ...]
    names: tuple[str, ...]
    name_weights: tuple[float, ...]  # 1 + log(tf), names in the lede count twice
    when: str | None  # the happening's day (ISO), if known
    events: tuple[Event, ...] = ()
    magnitudes: tuple[Magnitude, ...] = ()
    quotes: tuple[Quote, ...] = ()
    persons: tuple[str, ...] = ()  # normalised names of the report's person actors
    places: tuple[str, ...] = ()  # folded names of the places the report names (dateline included)
    stated_day: str | None = None  # the happening's day as the text states it (never the publication date)
    kinds: tuple[str, ...] = ()  # PLOVER types of the acts the report tells (not speech acts)
    countries: tuple[str, ...] = ()  # ISO-2 codes of every place the report names (dateline included)
    claims: tuple[SlotClaim, ...] = ()  # SlotClaim records (derive/claims.py), for disputes


@dataclass(frozen=True, slots=True)
class FuserState:
    options: FuseOptions
    profiles: tuple[Profile, ...]


@dataclass(frozen=True, slots=True)
class FusionResult:
    stories: tuple[Story, ...]
    copies: tuple[tuple[str, str], ...]  # (copy report id, original report id)
    disputes: tuple[Dispute, ...] = ()


# --------------------------------------------------------------------------- lexicon and text


@functools.lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The qualifier tables in ontology/fusion.json."""
    return load_table("fusion")


@functools.lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | {"said", "says", "told", "according", "also", "news", "reported"}


_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
_NAME = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:of|the|de|al|von|van|for|and)?\s*[A-Z][\w'’.-]*)*")


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()


def words(text: str) -> list[str]:
    return [w.split("'")[0] for w in _WORD.findall(normalise(text))]


def _content(tokens: Iterable[str], stem: int) -> list[str]:
    stop = _stopwords()
    return [t[:stem] for t in tokens if len(t) > 2 and not t.isdigit() and t not in stop]


def _stems(names: Iterable[str], stem: int) -> set[str]:
    return set(_content((w for n in names for w in words(n)), stem))


def shingles(tokens: Sequence[str], k: int) -> list[bytes]:
    if len(tokens) < k:
        return [" ".join(tokens).encode()]
    return [" ".join(tokens[i : i + k]).encode() for i in range(len(tokens) - k + 1)]


def _text_names(text: str) -> list[str]:
    """Capitalised sequences: a model-free fallback for names when extraction found few actors."""
    stop = _stopwords()
    out = []
    for m in _NAME.finditer(text):
        name = m.group(0)
        if " " not in name and name.lower() in stop:
            continue
        out.append(name)
    return out


# --------------------------------------------------------------------------- value ranges


@functools.lru_cache(maxsize=65536)
def _day_range(value: str) -> tuple[date, date] | None:
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value.strip())
    if not m:
        return None
    y = int(m.group(1))
    try:
        if m.group(3):
            d = date(y, int(m.group(2)), int(m.group(3)))
            return d, d
        if m.group(2):
            mo = int(m.group(2))
            end = date(y + (mo == 12), mo % 12 + 1, 1)
            return date(y, mo, 1), date.fromordinal(end.toordinal() - 1)
        return date(y, 1, 1), date(y, 12, 31)
    except ValueError:
        return None


def date_range(tv: TimeValue | None) -> tuple[date, date] | None:
    """The days a time value may denote, or None when it is open-ended or not a calendar value."""
    if tv is None or not tv.value or tv.value.startswith("P"):
        return None
    opens = lexicon()["date_open_qualifiers"]
    if tv.qualifier and any(q in tv.qualifier.lower() for q in opens):
        return None
    said = normalise(tv.span.text) if tv.span else ""
    if any(said.startswith(q + " ") for q in opens):  # "since May 1, 2020" is a start, not the day
        return None
    if "/" in tv.value:
        a, _, b = tv.value.partition("/")
        ra, rb = _day_range(a), _day_range(b)
        return (ra[0], rb[1]) if ra and rb else None
    return _day_range(tv.value)


def dates_compatible(a: TimeValue | None, b: TimeValue | None, tolerance_days: int = 1) -> bool:
    """Overlapping day ranges agree. A bare year is too coarse to contradict a day (it is mostly a
    background clause), and a day apart is publication lag or a time zone, not a dispute."""
    ra, rb = date_range(a), date_range(b)
    if ra is None or rb is None or (a and a.precision == "year") or (b and b.precision == "year"):
        return True
    return (ra[0] - rb[1]).days <= tolerance_days and (rb[0] - ra[1]).days <= tolerance_days


def _names_overlap(a: Sequence[str], b: Sequence[str], stem: int) -> bool:
    return bool(_stems(a, stem) & _stems(b, stem))


# --------------------------------------------------------------------------- per-report entry


class _Entry:
    """Compact in-memory form of a Profile (numpy arrays instead of tuples of strings)."""

    __slots__ = ("profile", "hv", "term_ids", "ltf", "name_ids", "nltf", "ev_ids", "evw", "event_names")

    def __init__(self, profile: Profile, hv: np.ndarray, terms: tuple[np.ndarray, np.ndarray],
                 names: tuple[np.ndarray, np.ndarray], events: tuple[np.ndarray, np.ndarray],
                 event_names: tuple[tuple[str, frozenset[str]], ...]) -> None:
        self.profile = profile
        self.hv = hv
        self.term_ids, self.ltf = terms
        self.name_ids, self.nltf = names
        self.ev_ids, self.evw = events
        self.event_names = event_names


class _Vocab:
    """Term ids and document frequencies, grown incrementally so IDF stays current.

    Ids are global and never reused: a term keeps the id it got when first seen, in or out of
    memory. With ``tables`` (persisted fusion state) only the terms a batch touches are held;
    ``ensure`` fetches their ids and frequencies before they are read, ``dirty`` lists the ids whose
    frequency changed (what to write back)."""

    def __init__(self, space: str = "", tables: "StoryTables | None" = None, n_docs: int = 0,
                 next_id: int = 0) -> None:
        self.space = space
        self.tables = tables
        self.ids: dict[str, int] = {}
        self.terms: dict[int, str] = {}
        self.df = np.zeros(max(1024, next_id + 1), dtype=np.float64)
        self.n_docs = n_docs
        self.next_id = next_id
        self.dirty: set[int] = set()
        self._asked: set[str] = set()

    def ensure(self, terms: Iterable[str]) -> None:
        """Fetch the stored id and frequency of terms not held yet (nothing without tables)."""
        if self.tables is None:
            return
        wanted = [t for t in dict.fromkeys(terms) if t not in self.ids and t not in self._asked]
        if not wanted:
            return
        self._asked.update(wanted)
        for term, (i, df) in self.tables.terms(self.space, wanted).items():
            self._grow(i)
            self.ids[term], self.terms[i] = i, term
            self.df[i] = df

    def _grow(self, i: int) -> None:
        if i >= len(self.df):
            self.df = np.concatenate([self.df, np.zeros(max(len(self.df), i + 1 - len(self.df)))])

    def add(self, terms: Iterable[str]) -> np.ndarray:
        terms = list(terms)
        self.ensure(terms)
        ids = []
        for t in terms:
            i = self.ids.get(t)
            if i is None:
                i = self.ids[t] = self.next_id
                self.next_id += 1
                self.terms[i] = t
                self._grow(i)
            ids.append(i)
        arr = np.array(sorted(set(ids)), dtype=np.int64)
        self.df[arr] += 1
        self.dirty.update(int(i) for i in arr)
        self.n_docs += 1
        return arr

    def known(self, terms: Iterable[str]) -> np.ndarray:
        """Sorted ids of terms already counted (a stored profile's terms: no frequency change)."""
        terms = list(terms)
        self.ensure(terms)
        return np.array(sorted({self.ids[t] for t in terms if t in self.ids}), dtype=np.int64)

    def idf(self, ids: np.ndarray) -> np.ndarray:
        return np.log((self.n_docs + 1) / (self.df[ids] + 1)) + 1.0

    def lookup(self, terms: Iterable[str]) -> np.ndarray:
        return np.array([self.ids.get(t, -1) for t in terms], dtype=np.int64)

    def changed(self) -> list[tuple[str, str, int, int]]:
        """(space, term, id, df) of every term whose frequency changed since loading."""
        return [(self.space, self.terms[i], i, int(self.df[i])) for i in sorted(self.dirty)]


def _happening_day(analysis: Analysis, lede_chars: int) -> str | None:
    """The day the report's main happening took place: first day-precise event date, else a
    day-precise date in the lede, else the publication date."""
    for ev in analysis.events:
        if ev.date and ev.date.precision == "day" and date_range(ev.date):
            return ev.date.value[:10]  # type: ignore[index]
    for tv in analysis.dates:
        if tv.precision == "day" and tv.span and tv.span.start < lede_chars and date_range(tv):
            return tv.value[:10]  # type: ignore[index]
    return analysis.report.published


def _names_of(analysis: Analysis) -> list[str]:
    names: list[str] = []
    for a in analysis.actors:
        names.append(a.canonical)
        names.extend(a.aliases)
    for ev in analysis.events:
        names.extend(ev.sources)
        names.extend(ev.targets)
    names.extend(p.name for p in analysis.places if p.role != "dateline")
    names.extend(_text_names(analysis.report.title or ""))
    names.extend(_text_names(analysis.report.text))
    return names


def make_profile(analysis: Analysis, seen: int, opts: FuseOptions, perms: Any) -> tuple[Profile, list[bytes]]:
    """Turn an analysis into the Profile fusion keeps (story and copy links filled in later)."""
    report = analysis.report
    toks = words(report.text)
    sh = shingles(toks, opts.shingle)
    mh = MinHash(opts.num_perm, permutations=perms, scheme="affine32", hashfunc=zlib.crc32)
    mh.update_batch(sh)
    title_toks = words(report.title or "")
    tf = Counter(_content(title_toks + toks, opts.stem))
    top = sorted(tf.items(), key=lambda kv: -kv[1])[: opts.top_terms]
    lede = _content(title_toks + words(report.text[: opts.lede_chars]), opts.stem)
    names = Counter(_content(words(" | ".join(_names_of(analysis))), opts.stem))
    lede_names = _text_names((report.title or "") + " " + report.text[: opts.lede_chars])
    names.update(_content(words(" | ".join(lede_names)), opts.stem))
    profile = Profile(
        report_id=report.id,
        seen=seen,
        outlet=report.outlet,
        published=report.published,
        title=report.title or headline(report.text, report.dateline),
        story_id="",
        copy_of=None,
        hashvalues=tuple(int(x) for x in mh.hashvalues),
        terms=tuple(t for t, _ in top),
        term_weights=tuple(1.0 + math.log(c) for _, c in top),
        lede_terms=tuple(dict.fromkeys(lede)),
        names=tuple(n for n, _ in names.most_common()),
        name_weights=tuple(1.0 + math.log(c) for _, c in names.most_common()),
        when=_happening_day(analysis, opts.lede_chars),
        events=tuple(ev for ev in analysis.events if not ev.negated),
        magnitudes=analysis.magnitudes,
        quotes=analysis.quotes,
        persons=tuple(sorted({normalise(n) for a in analysis.actors if a.kind == "person"
                              for n in (a.canonical, *a.aliases)})),
        places=tuple(sorted({fold(p.name) for p in analysis.places
                             if p.feature not in ("country", "continent") and fold(p.name)})),
        stated_day=stated_day(analysis),
        kinds=tuple(sorted({ev.plover for ev in analysis.events if ev.plover in _ACT_KINDS})),
        countries=tuple(sorted({p.country for p in analysis.places if p.country})),
        claims=tuple(report_claims(analysis)),
    )
    return profile, sh


_ACT_KINDS = frozenset({"ASSAULT", "COERCE", "PROTEST", "FIGHT", "MOBILIZE", "SANCTION", "AID", "RETREAT", "SEIZE"})


def fold(name: str) -> str:
    """A name without accents, case, spaces or punctuation: "Port-Velmar" and "Portvelmar" meet."""
    text = unicodedata.normalize("NFKD", name)
    return "".join(c for c in text.lower() if c.isalpha() or c.isdigit())


def stated_day(analysis: Analysis) -> str | None:
    """The happening's day as the text states it: the first day-precise date outside the dateline
    that is not the day someone spoke ("said on Wednesday"). None when the text states no day."""
    for day, _tv in happening_days(analysis):
        return day
    return None


def signature_score(a: Profile, b: Profile, window: int) -> float | None:
    """Agreement of two reports' event signatures in [0, 1]: a place named by both (spellings
    folded and compared fuzzily), the stated days, and the kinds of act. None when either report
    states neither a place nor a day (then the signal is left out)."""
    if not (a.places or a.stated_day) or not (b.places or b.stated_day):
        return None
    place = 0.0
    if a.places and b.places:
        place = 1.0 if any(x == y or (min(len(x), len(y)) >= 5 and fuzz.ratio(x, y) >= 85)
                           for x in a.places for y in b.places) else 0.0
    gap = _days_apart(a.stated_day, b.stated_day)
    day = 0.0 if gap is None else (1.0 if gap <= 1 else 0.5 if gap <= window else 0.0)
    ka, kb = set(a.kinds), set(b.kinds)
    kinds = len(ka & kb) / len(ka | kb) if ka and kb else 0.0
    return 0.4 * place + 0.4 * day + 0.2 * kinds


def story_id_for(report_id: str) -> str:
    return "story-" + hashlib.sha1(report_id.encode("utf-8")).hexdigest()[:12]


# --------------------------------------------------------------------------- the fuser


_EMPTY = (np.zeros(0, dtype=np.int64), np.zeros(0))


@dataclass
class _StoryAcc:
    """A story under construction: members plus a capped centroid of their term and name vectors
    (a story's reports together cover more of its vocabulary than any one of them). A story read
    back from persisted state holds only its first and latest members (what scoring samples);
    ``size`` counts them all."""

    id: str
    members: list[str] = field(default_factory=list)
    terms: tuple[np.ndarray, np.ndarray] = _EMPTY
    names: tuple[np.ndarray, np.ndarray] = _EMPTY
    events: tuple[np.ndarray, np.ndarray] = _EMPTY
    cached: Story | None = None
    first_seen: int = -1
    size: int = 0

    def absorb(self, entry: "_Entry", cap: int) -> None:
        if self.first_seen < 0 or entry.profile.seen < self.first_seen:
            self.first_seen = entry.profile.seen
        self.members.append(entry.profile.report_id)
        self.size += 1
        self.terms = _add_sparse(self.terms, (entry.term_ids, entry.ltf), cap)
        self.names = _add_sparse(self.names, (entry.name_ids, entry.nltf), cap)
        self.events = _add_sparse(self.events, (entry.ev_ids, entry.evw), cap)
        self.cached = None


def _add_sparse(a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray],
                cap: int) -> tuple[np.ndarray, np.ndarray]:
    """Sum of two sparse vectors (sorted ids, weights), keeping the ``cap`` heaviest entries."""
    ids = np.union1d(a[0], b[0])
    w = np.zeros(len(ids))
    w[np.searchsorted(ids, a[0])] += a[1]
    w[np.searchsorted(ids, b[0])] += b[1]
    if len(ids) > cap:
        keep = np.sort(np.argsort(-w, kind="stable")[:cap])
        ids, w = ids[keep], w[keep]
    return ids, w


class StoryTables(Protocol):
    """Persisted fusion state, read as plain data (``store/fusion.py`` implements it). With it a
    Fuser reads only what a batch touches: the batch's terms, the stories its blocking keys and
    copy bands point at, and their sampled members, so a batch costs what it touches."""

    def size(self) -> int: ...  # reports fused so far
    def next_ids(self) -> Mapping[str, int]: ...  # vocabulary space -> next free term id
    def terms(self, space: str, terms: Sequence[str]) -> Mapping[str, tuple[int, int]]: ...  # term -> (id, df)
    def profiles(self, report_ids: Sequence[str]) -> Mapping[str, Mapping[str, Any]]: ...  # id -> Profile as a dict
    # (band, n): the n most recent reports stored under each band -> their MinHash (uint64 LE)
    def band_hits(self, bands: Sequence[tuple[int, int]]) -> Mapping[str, bytes]: ...
    def postings(self, keys: Sequence[str]) -> Mapping[str, Sequence[str]]: ...  # key -> story ids, oldest first
    def redirects(self, story_ids: Sequence[str]) -> Mapping[str, str]: ...  # merged story -> the story it went into
    def story(self, story_id: str) -> Mapping[str, Any] | None: ...  # StoryCentroid as a dict, members sampled
    def stories(self, story_ids: Sequence[str]) -> Mapping[str, Mapping[str, Any]]: ...  # ``story`` of many, at once
    def members(self, story_id: str) -> Sequence[str]: ...  # every member, in fusion order
    def copies_of(self, original: str) -> Sequence[str]: ...


@dataclass(frozen=True, slots=True)
class StoryCentroid:
    """What fusion keeps of a story between batches: first member, size, capped centroid vectors
    (term, weight), and (when read back) the members scoring samples: the first and the latest."""

    story_id: str
    first_seen: int
    size: int
    terms: tuple[tuple[str, float], ...]
    names: tuple[tuple[str, float], ...]
    events: tuple[tuple[str, float], ...]
    members: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class StoryChanges:
    """Everything one batch changed: the fusion state to persist, and the derived rows of the
    stories it touched (rebuilt whole), so writing costs what the batch touched."""

    size: int
    next_ids: tuple[tuple[str, int], ...]
    terms: tuple[tuple[str, str, int, int], ...]  # (space, term, id, df)
    profiles: tuple[Profile, ...]  # new reports, full
    links: tuple[tuple[str, str, str | None], ...]  # (report, story, copy_of) of stored reports that moved
    bands: tuple[tuple[int, str], ...]  # (copy band, report) of new reports
    postings: tuple[tuple[str, tuple[str, ...]], ...]
    redirects: tuple[tuple[str, str], ...]
    centroids: tuple[StoryCentroid, ...]
    dropped: tuple[str, ...]  # stories merged into others
    stories: tuple[Story, ...]
    copies: tuple[tuple[str, str], ...]  # (copy, original) within the touched stories
    disputes: tuple[Dispute, ...]


class Fuser:
    """Incremental fusion. ``add`` places one report; ``stories``/``disputes`` are built on
    demand (and cached per story until a new report joins it). Given ``tables`` (persisted state)
    the fuser starts where the last batch stopped and ``changes()`` says what to write back."""

    def __init__(self, options: FuseOptions | None = None, tables: StoryTables | None = None) -> None:
        self.options = options or FuseOptions()
        o = self.options
        self._perms = MinHash(o.num_perm, seed=1).permutations
        # candidates from a lower LSH threshold (bands tuned for J=0.6 miss a third of the pairs
        # at 0.68); each candidate is then checked against copy_threshold on all permutations
        self._ranges = MinHashLSH(threshold=max(0.3, o.copy_threshold - 0.15), num_perm=o.num_perm).hashranges
        self._tables = tables
        size = tables.size() if tables is not None else 0
        nxt = dict(tables.next_ids()) if tables is not None else {}
        self._size = size
        self._terms = _Vocab("t", tables, size, nxt.get("t", 0))
        self._names = _Vocab("n", tables, size, nxt.get("n", 0))
        self._events = _Vocab("e", tables, size, nxt.get("e", 0))
        self._term_units = _UnitCache(self._terms)
        self._name_units = _UnitCache(self._names)
        self._event_units = _UnitCache(self._events)
        self._bands: dict[int, list[str]] = {}
        self._entries: dict[str, _Entry] = {}
        self._stories: dict[str, _StoryAcc] = {}
        self._postings: dict[str, dict[str, None]] = {}
        self._copy_of: dict[str, str] = {}
        self._redirect: dict[str, str] = {}  # merged story -> the story it went into
        self._asked: set[tuple[str, str]] = set()  # (kind, id) already looked up in the tables
        # what changed since the tables were read
        self._new: list[str] = []
        self._moved: set[str] = set()
        self._touched: dict[str, None] = {}
        self._dropped: dict[str, None] = {}
        self._new_bands: list[tuple[int, str]] = []
        self._dirty_keys: set[str] = set()

    # ---- public API

    def add(self, analysis: Analysis) -> str:
        """Place one report; returns the id of the story it joined or started. Re-adding a known
        report id is a no-op that returns its story."""
        rid = analysis.report.id
        known = self._entry(rid)
        if known is not None:
            return known.profile.story_id
        profile, sh = make_profile(analysis, self._size, self.options, self._perms)
        entry = self._index(profile)
        original = self._find_original(entry)
        story_id = self._entry(original).profile.story_id if original else self._best_story(entry)  # type: ignore[union-attr]
        if story_id is None:
            story_id = story_id_for(rid)
        self._commit(entry, story_id, original)
        return story_id

    def stories(self) -> tuple[Story, ...]:
        return tuple(self._built(s) for s in self._stories.values())

    def copies(self) -> tuple[tuple[str, str], ...]:
        return tuple(sorted(self._copy_of.items()))

    def story_of(self, report_id: str) -> str:
        entry = self._entry(report_id)
        if entry is None:
            raise KeyError(report_id)
        return entry.profile.story_id

    def result(self, status: Mapping[str, str] | None = None) -> FusionResult:
        return FusionResult(self.stories(), self.copies(), tuple(self.disputes(status)))

    def disputes(self, status: Mapping[str, str] | None = None) -> list[Dispute]:
        """Disputes over every story's claims (``status``: dispute id -> confirmed/dismissed)."""
        return self._disputes((e.profile for e in self._entries.values()), status)

    def _disputes(self, profiles: Iterable[Profile], status: Mapping[str, str] | None) -> list[Dispute]:
        return find_disputes((ReportClaims(p.report_id, p.story_id, self._copy_of.get(p.report_id, p.report_id),
                                           p.outlet, p.claims, p.published) for p in profiles), status)

    def state(self) -> FuserState:
        """Plain records the store can persist; ``from_state`` rebuilds the same fuser."""
        return FuserState(self.options, tuple(self._full(e) for e in self._entries.values()))

    def _full(self, e: _Entry) -> Profile:
        """The entry's profile with the vectors it keeps as arrays put back as plain tuples."""
        return _with(
            e.profile,
            hashvalues=tuple(int(x) for x in e.hv),
            terms=tuple(self._terms.terms[i] for i in e.term_ids),
            term_weights=tuple(float(w) for w in e.ltf),
            names=tuple(self._names.terms[i] for i in e.name_ids),
            name_weights=tuple(float(w) for w in e.nltf),
        )

    @classmethod
    def from_state(cls, state: FuserState) -> "Fuser":
        fuser = cls(state.options)
        for profile in sorted(state.profiles, key=lambda p: p.seen):
            entry = fuser._index(profile)
            fuser._commit(entry, profile.story_id, profile.copy_of, relink=False)
        return fuser

    def changes(self, status: Mapping[str, str] | None = None) -> StoryChanges:
        """What changed since the tables were read (everything, without tables): the state to
        persist and the touched stories rebuilt whole, with their disputes."""
        live = [sid for sid in self._touched if sid in self._stories]
        built: list[Story] = []
        members: list[Profile] = []
        for sid in live:
            story = self._stories[sid]
            built.append(self._built(story))
            members.extend(self._entries[r].profile for r in self._all_members(story))
        copies = tuple(sorted((p.report_id, self._copy_of[p.report_id])
                              for p in members if p.report_id in self._copy_of))
        vec = lambda vocab, v: tuple((vocab.terms[int(i)], float(w)) for i, w in zip(*v, strict=False))  # noqa: E731
        return StoryChanges(
            size=self._size,
            next_ids=tuple((v.space, v.next_id) for v in (self._terms, self._names, self._events)),
            terms=tuple(t for v in (self._terms, self._names, self._events) for t in v.changed()),
            profiles=tuple(self._full(self._entries[r]) for r in self._new),
            links=tuple((r, self._entries[r].profile.story_id, self._entries[r].profile.copy_of)
                        for r in sorted(self._moved - set(self._new))),
            bands=tuple(self._new_bands),
            postings=tuple((k, tuple(self._postings[k])) for k in sorted(self._dirty_keys)),
            redirects=tuple(sorted(self._redirect.items())),
            centroids=tuple(StoryCentroid(s.id, s.first_seen, s.size, vec(self._terms, s.terms),
                                          vec(self._names, s.names), vec(self._events, s.events))
                            for s in (self._stories[sid] for sid in live)),
            dropped=tuple(self._dropped),
            stories=tuple(built),
            copies=copies,
            disputes=tuple(self._disputes(members, status)),
        )

    # ---- reading persisted state

    def _entry(self, rid: str | None) -> "_Entry | None":
        if rid is None:
            return None
        entry = self._entries.get(rid)
        if entry is None and self._tables is not None:
            self._load([rid])
            entry = self._entries.get(rid)
        return entry

    def _load(self, rids: Iterable[str]) -> None:
        """Read stored profiles not held yet (one query for all)."""
        if self._tables is None:
            return
        wanted = [r for r in dict.fromkeys(rids) if r not in self._entries and ("r", r) not in self._asked]
        if not wanted:
            return
        self._asked.update(("r", r) for r in wanted)
        profiles = [p for data in self._tables.profiles(wanted).values()
                    if (p := from_dict(Profile, data)) is not None]  # type: ignore[arg-type]
        # the terms of every profile read in one query per vocabulary, not one per profile
        events = [self._event_terms(p) for p in profiles]
        self._terms.ensure(t for p in profiles for t in p.terms)
        self._names.ensure(n for p in profiles for n in p.names)
        self._events.ensure(k for _, ev_terms in events for k in ev_terms)
        for profile, ev in zip(profiles, events, strict=True):
            self._restore(profile, ev)

    def _restore(self, profile: Profile, events: tuple[tuple[tuple[str, frozenset[str]], ...], Counter[str]]) -> None:
        """A stored profile back in memory; its terms were counted when it was fused (``events``:
        its ``_event_terms``; ``_load`` fetched every term it holds)."""
        terms = _counted(self._terms, profile.terms, profile.term_weights)
        names = _counted(self._names, profile.names, profile.name_weights)
        event_names, ev_terms = events
        events_vec = _counted(self._events, tuple(ev_terms), tuple(1.0 + math.log(c) for c in ev_terms.values()))
        entry = _Entry(profile, np.array(profile.hashvalues, dtype=np.uint64), terms, names, events_vec, event_names)
        entry.profile = _with(profile, hashvalues=(), terms=(), term_weights=(), names=(), name_weights=())
        self._entries[profile.report_id] = entry
        if profile.copy_of:
            self._copy_of[profile.report_id] = profile.copy_of

    def _story(self, sid: str, create: bool = False) -> "_StoryAcc | None":
        story = self._stories.get(sid)
        if story is None and self._tables is not None and ("s", sid) not in self._asked and sid not in self._dropped:
            self._asked.add(("s", sid))
            row = self._tables.story(sid)
            if row is not None:
                story = self._held_story(row)
        if story is None and create:
            story = self._stories[sid] = _StoryAcc(sid)
        return story

    def _load_stories(self, sids: Iterable[str]) -> None:
        """Read stored stories not held yet: one read for all, and their vectors' terms in one
        query per vocabulary (a batch meets hundreds of candidate stories in a large store)."""
        if self._tables is None:
            return
        wanted = [s for s in dict.fromkeys(sids)
                  if s not in self._stories and ("s", s) not in self._asked and s not in self._dropped]
        if not wanted:
            return
        self._asked.update(("s", s) for s in wanted)
        rows = self._tables.stories(wanted)
        for vocab, key in ((self._terms, "terms"), (self._names, "names"), (self._events, "events")):
            vocab.ensure(str(t) for row in rows.values() for t, _ in row[key])
        for sid in wanted:  # the order asked, as one ``_story`` at a time would have held them
            if sid in rows:
                self._held_story(rows[sid])

    def _held_story(self, row: Mapping[str, Any]) -> _StoryAcc:
        c = from_dict(StoryCentroid, row)  # type: ignore[arg-type]
        story = self._stories[c.story_id] = _StoryAcc(
            c.story_id, list(c.members), _stored_vec(self._terms, c.terms), _stored_vec(self._names, c.names),
            _stored_vec(self._events, c.events), None, c.first_seen, c.size)
        return story

    def _all_members(self, story: _StoryAcc) -> list[str]:
        """Every member of a story, in fusion order (reading the stored ones when held in part)."""
        if self._tables is None:
            return list(story.members)
        if len(story.members) == story.size:
            self._load(story.members)
            return list(story.members)
        rids = list(dict.fromkeys([*self._tables.members(story.id), *story.members]))
        self._load(rids)
        held = [r for r in rids if r in self._entries and self._entries[r].profile.story_id == story.id]
        return sorted(held, key=lambda r: self._entries[r].profile.seen)

    def _load_postings(self, keys: Sequence[str]) -> None:
        if self._tables is None:
            return
        wanted = [k for k in keys if k not in self._postings and ("k", k) not in self._asked]
        if not wanted:
            return
        self._asked.update(("k", k) for k in wanted)
        for key, sids in self._tables.postings(wanted).items():
            self._postings[key] = dict.fromkeys(sids)

    def _load_redirects(self, sids: Iterable[str]) -> None:
        while self._tables is not None:
            wanted = [s for s in dict.fromkeys(sids) if s not in self._redirect and s not in self._stories
                      and ("d", s) not in self._asked]
            if not wanted:
                return
            self._asked.update(("d", s) for s in wanted)
            found = self._tables.redirects(wanted)
            self._redirect.update(found)
            sids = list(found.values())  # follow chains of merges

    # ---- indexing

    def _event_terms(self, profile: Profile) -> tuple[tuple[tuple[str, frozenset[str]], ...], Counter[str]]:
        event_names = tuple(
            (ev.plover, frozenset(_stems(ev.sources + ev.targets, self.options.stem))) for ev in profile.events
        )
        return event_names, Counter(f"{plover}:{n}" for plover, names in event_names for n in sorted(names))

    def _index(self, profile: Profile) -> _Entry:
        """Build the in-memory entry and update the IDF tables (not yet searchable)."""
        self._terms.ensure((*profile.terms, *profile.lede_terms))
        terms = _weighted(self._terms, profile.terms, profile.term_weights)
        names = _weighted(self._names, profile.names, profile.name_weights)
        event_names, ev_terms = self._event_terms(profile)
        hv = np.array(profile.hashvalues, dtype=np.uint64)
        events = _weighted(self._events, tuple(ev_terms), tuple(1.0 + math.log(c) for c in ev_terms.values()))
        return _Entry(profile, hv, terms, names, events, event_names)

    def _keys(self, entry: _Entry) -> list[str]:
        """Blocking keys: the lede's rarest terms, the report's heaviest names (tf-idf), and
        (event type, actor) pairs."""
        o = self.options
        p = entry.profile
        lede = [t for t in p.lede_terms if t in self._terms.ids]
        idf = self._terms.idf(self._terms.lookup(lede)) if lede else np.zeros(0)
        top_terms = [lede[i] for i in np.argsort(-idf, kind="stable")[: o.key_terms]]
        known = [(n, w) for n, w in zip(p.names, p.name_weights, strict=False) if n in self._names.ids]
        weight = np.array([w for _, w in known]) * self._names.idf(self._names.lookup(n for n, _ in known))
        top_names = [known[i][0] for i in np.argsort(-weight, kind="stable")[: o.key_names]]
        keys = [f"t:{t}" for t in top_terms] + [f"n:{n}" for n in top_names]
        keys += [f"e:{plover}:{n}" for plover, names in entry.event_names for n in sorted(names)]
        # the event signature blocks too: a rewrite that shares few words and names still names the
        # place of the happening (spellings folded), so it reaches the story's candidates
        keys += [f"p:{place}" for place in p.places]
        return list(dict.fromkeys(keys))

    def _commit(self, entry: _Entry, story_id: str, original: str | None, relink: bool = True) -> None:
        p = entry.profile
        entry.profile = profile = _with(p, story_id=story_id, copy_of=original)
        rid = profile.report_id
        self._entries[rid] = entry
        self._new.append(rid)
        self._size += 1
        for band in self._band_keys(entry.hv):
            self._bands.setdefault(band, []).append(rid)
            self._new_bands.append((band, rid))
        story = self._story(story_id, create=True)
        story.absorb(entry, self.options.centroid_cap)  # type: ignore[union-attr]
        self._touched[story_id] = None
        if original:
            self._link_copy(rid, original, relink)
        cap = self.options.posting_cap
        keys = self._keys(entry)
        self._load_postings(keys)
        for key in keys:
            posting = self._postings.setdefault(key, {})
            posting.pop(story_id, None)
            posting[story_id] = None
            if len(posting) > cap:
                del posting[next(iter(posting))]
            self._dirty_keys.add(key)
        # the arrays hold these; tuples of Python numbers would cost ~10 KB a report
        entry.profile = _with(entry.profile, hashvalues=(), terms=(), term_weights=(), names=(), name_weights=())

    def _relabel(self, entry: _Entry, **changes: Any) -> None:
        entry.profile = _with(entry.profile, **changes)
        self._moved.add(entry.profile.report_id)
        self._touched[entry.profile.story_id] = None

    # ---- copies

    def _band_keys(self, hv: np.ndarray) -> list[int]:
        """The copy-detection bands of a MinHash (LSH: reports sharing a band are copy candidates)."""
        return [int.from_bytes(hashlib.blake2b(hv[a:b].tobytes(), digest_size=8).digest(), "big", signed=True)
                for a, b in self._ranges]

    def _find_original(self, entry: _Entry) -> str | None:
        bands = self._band_keys(entry.hv)
        cap = self.options.band_cap
        # the ``band_cap`` most recent reports of each band: this batch's first, then stored ones
        recent = {band: self._bands.get(band, [])[-cap:] for band in bands}
        found = {rid: self._entries[rid].hv for band in bands for rid in recent[band]}
        if self._tables is not None:  # stored candidates are checked on their MinHash alone
            rest = [(band, cap - len(recent[band])) for band in dict.fromkeys(bands) if len(recent[band]) < cap]
            for rid, raw in (self._tables.band_hits(rest).items() if rest else ()):
                if rid not in found:
                    found[rid] = self._entries[rid].hv if rid in self._entries else np.frombuffer(raw, dtype="<u8")
        if not found:
            return None
        # every candidate's MinHash agreement in one comparison: a text written from a common model
        # (a template, an agency's formula) shares bands with many stored reports that are no copies
        rids = sorted(found)
        agree = (np.stack([found[rid] for rid in rids]) == entry.hv).sum(axis=1) / len(entry.hv)
        over = np.flatnonzero(agree >= self.options.copy_threshold)
        if not len(over):
            return None
        best = rids[int(over[np.argmax(agree[over])])]  # the most alike; on a tie the first in id order
        held = self._entry(best)
        if held is None:
            return None
        return self._copy_of.get(best, best)

    def _link_copy(self, rid: str, original: str, relink: bool) -> None:
        """Link ``rid`` to ``original``; if ``rid`` was published earlier it becomes the original."""
        self._copy_of[rid] = original
        if not relink or not self._earlier(rid, original):
            return
        if self._tables is not None:
            self._load(self._tables.copies_of(original))
        group = [c for c, o in self._copy_of.items() if o == original] + [original]
        for member in group:
            if member != rid:
                self._copy_of[member] = rid
        del self._copy_of[rid]
        for member in group:
            e = self._entries[member]
            self._relabel(e, copy_of=self._copy_of.get(member))

    def _earlier(self, a: str, b: str) -> bool:
        ea, eb = self._entry(a), self._entry(b)
        pa, pb = ea.profile.published if ea else None, eb.profile.published if eb else None
        return bool(pa and pb and pa < pb)

    # ---- story assignment

    def _best_story(self, entry: _Entry) -> str | None:
        o = self.options
        keys = self._keys(entry)
        self._load_postings(keys)
        self._load_redirects(s for key in keys for s in self._postings.get(key, ()))
        hits: Counter[str] = Counter()
        for key in keys:
            # a shared (event type, actor) pair is worth two keywords: rewrites keep the act and
            # its target while their wording and quoted names differ
            for sid in {self._live(s) for s in self._postings.get(key, ())}:
                hits[sid] += 2 if key.startswith("e:") else 1
        # ties broken by story id, not by the order the postings' set was walked in (that order follows
        # the string hash seed, so the candidate cut-off made runs of one input disagree)
        ranked = sorted(hits.items(), key=lambda kv: (-kv[1], kv[0]))[: o.max_candidate_stories]
        self._load_stories(s for s, n in ranked if n >= o.min_key_hits)
        candidates = [s for s, n in ranked if n >= o.min_key_hits and self._story(s) is not None]
        if self._tables is not None:  # one read for every member scoring samples
            self._load(m for sid in candidates for m in self._sample(self._stories[sid]))
        scored = sorted(((self.story_score(entry, self._stories[sid]), sid) for sid in candidates),
                        key=lambda x: (-x[0], self._stories[x[1]].first_seen))
        joined = [sid for score, sid in scored if score >= o.join_threshold]
        if not joined:
            return None
        bridged = [sid for score, sid in scored if score >= o.bridge_threshold]
        if o.bridge and len(bridged) > 1 and bridged[0] == joined[0]:
            # the report clearly tells the happening of several stories: they were one story all
            # along (told apart until a report bridged them); the oldest story keeps its id. A
            # report that only just joins two stories is not evidence enough to merge them.
            return self._merge(bridged)
        return joined[0]

    def _merge(self, story_ids: list[str]) -> str:
        """Merge stories into the one first seen; members, centroids and postings move over."""
        into_id = min(story_ids, key=lambda sid: self._stories[sid].first_seen)
        into = self._stories[into_id]
        for sid in story_ids:
            if sid == into_id:
                continue
            other = self._stories[sid]
            moving = self._all_members(other)
            del self._stories[sid]
            for rid in moving:
                e = self._entries[rid]
                self._relabel(e, story_id=into_id)
                into.absorb(e, self.options.centroid_cap)
            self._load(into.members)
            into.members.sort(key=lambda r: self._entries[r].profile.seen)
            self._redirect[sid] = into_id
            self._dropped[sid] = None
            self._touched.pop(sid, None)
        self._touched[into_id] = None
        return into_id

    def _live(self, sid: str) -> str:
        while sid in self._redirect:
            sid = self._redirect[sid]
        return sid

    def _sample(self, story: _StoryAcc) -> list[str]:
        """The members a story is scored on: its first and most recent reports."""
        k = self.options.members_per_story
        return list(dict.fromkeys(story.members[:1] + story.members[-(k - 1):]))

    def story_score(self, entry: _Entry, story: _StoryAcc) -> float:
        """The better of: similarity to the story's centroid, or to its first/most recent reports."""
        first = self._entries[story.members[0]]
        n = story.size
        centroid = self._combine(
            _sparse_cosine(self._term_vec(entry), self._term_units.get(("s", story.id), story.terms, n)),
            _sparse_cosine(self._name_vec(entry), self._name_units.get(("s", story.id), story.names, n)),
            self._event_cosine(entry, ("s", story.id), story.events, n),
            self._separated(entry.profile, first.profile),
        )
        return max([centroid] + [self.pair_score(entry, self._entries[m]) for m in self._sample(story)])

    def _combine(self, text: float, names: float, events: float | None, separated: bool,
                 same_day: bool = False, signature: float | None = None) -> float:
        o = self.options
        score = (o.w_text * text + o.w_names * names) / (o.w_text + o.w_names)
        if signature is not None:
            # the same kind of act at the same place on the same stated day: rewrites that share
            # few words (other quotes, other spellings of the names) still tell one happening
            score = max(score, (o.w_text * text + o.w_names * names + o.w_signature * signature)
                        / (o.w_text + o.w_names + o.w_signature))
        if events is not None:
            # extracted events vary between rewrites, so agreement may raise the score, never lower it
            with_events = ((o.w_text * text + o.w_names * names + o.w_events * events)
                           / (o.w_text + o.w_names + o.w_events))
            score = max(score, with_events)
            if same_day and events > 0:
                # the same kind of act against the same actors dated to the same day: a rewrite
                # with other wording and other quoted names is still the same happening
                score += o.same_day_bonus
        if names < o.name_floor:
            # the same template told of other actors (another protest, another referral) is
            # another happening: without shared names, text alone cannot carry a join
            score *= names / o.name_floor
        return score * o.separation_factor if separated else score

    def pair_score(self, a: _Entry, b: _Entry) -> float:
        """How likely two reports tell the same happening, in [0, 1]."""
        o = self.options
        if float(np.mean(a.hv == b.hv)) >= o.copy_threshold:
            return 1.0
        return self._combine(
            self._cosine(a, b),
            self._name_overlap(a, b),
            self._event_cosine(a, ("r", b.profile.report_id), (b.ev_ids, b.evw)),
            self._separated(a.profile, b.profile),
            same_day=_days_apart(a.profile.when, b.profile.when) == 0,
            signature=signature_score(a.profile, b.profile, o.date_window_days),
        )

    def _term_vec(self, e: _Entry) -> tuple[np.ndarray, np.ndarray]:
        return self._term_units.get(("r", e.profile.report_id), (e.term_ids, e.ltf))

    def _name_vec(self, e: _Entry) -> tuple[np.ndarray, np.ndarray]:
        return self._name_units.get(("r", e.profile.report_id), (e.name_ids, e.nltf))

    def _event_cosine(self, a: _Entry, key: tuple[str, str], other: tuple[np.ndarray, np.ndarray],
                      version: int = 0) -> float | None:
        """TF-IDF cosine of (event type, actor) keys; None when either side has no events (then the
        signal is left out). IDF keeps common pairs ("REQUEST" + a court) from deciding."""
        if not len(a.ev_ids) or not len(other[0]):
            return None
        mine = self._event_units.get(("r", a.profile.report_id), (a.ev_ids, a.evw))
        return _sparse_cosine(mine, self._event_units.get(key, other, version))

    def _cosine(self, a: _Entry, b: _Entry) -> float:
        return _sparse_cosine(self._term_vec(a), self._term_vec(b))

    def _name_overlap(self, a: _Entry, b: _Entry) -> float:
        return _sparse_cosine(self._name_vec(a), self._name_vec(b))

    def _separated(self, a: Profile, b: Profile) -> bool:
        """Different happenings of the same kind: a weekly protest (their days differ by more than
        the window, and the reports were not published together: then the day is disputed), or
        one strike told in one country and another in another (no country named by both reports)."""
        if a.countries and b.countries and not set(a.countries) & set(b.countries):
            return True
        w = self.options.date_window_days
        gap = _days_apart(a.when, b.when)
        if gap is None or gap <= w:
            return False
        pub_gap = _days_apart(a.published, b.published)
        return pub_gap is None or pub_gap > w

    # ---- story building

    def _built(self, story: _StoryAcc) -> Story:
        if story.cached is None:
            entries = [self._entries[r].profile for r in self._all_members(story)]
            story.cached = build_story(story.id, entries, self.options.stem)
        return story.cached


def _counted(vocab: _Vocab, terms: tuple[str, ...], weights: tuple[float, ...]) -> tuple[np.ndarray, np.ndarray]:
    """Sorted term ids and their weights for terms already counted (a stored profile)."""
    ids = vocab.known(terms)
    by_term = dict(zip(terms, weights, strict=False))
    return ids, np.array([by_term[vocab.terms[int(i)]] for i in ids], dtype=np.float64)


def _stored_vec(vocab: _Vocab, pairs: Iterable[Sequence[Any]]) -> tuple[np.ndarray, np.ndarray]:
    """A persisted (term, weight) vector back as sorted ids and weights."""
    pairs = list(pairs)
    vocab.ensure(str(t) for t, _ in pairs)
    got = sorted((vocab.ids[t], float(w)) for t, w in pairs if t in vocab.ids)
    return (np.array([i for i, _ in got], dtype=np.int64), np.array([w for _, w in got], dtype=np.float64))


def _weighted(vocab: _Vocab, terms: tuple[str, ...], weights: tuple[float, ...]) -> tuple[np.ndarray, np.ndarray]:
    """Sorted term ids and their weights, registering the terms' document frequency."""
    ids = vocab.add(terms)
    by_term = dict(zip(terms, weights, strict=False))
    return ids, np.array([by_term[vocab.terms[i]] for i in ids], dtype=np.float64)


def _unit(vocab: _Vocab, v: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Sorted ids and their unit-length tf-idf weights under the vocabulary's current IDF."""
    w = v[1] * vocab.idf(v[0])
    norm = float(np.sqrt(w @ w))
    return v[0], (w / norm if norm else w)


def _sparse_cosine(a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray]) -> float:
    if not len(a[0]) or not len(b[0]):
        return 0.0
    pos = np.searchsorted(b[0], a[0])
    pos[pos == len(b[0])] = 0
    hit = b[0][pos] == a[0]
    return float(a[1][hit] @ b[1][pos[hit]])


class _UnitCache:
    """Unit tf-idf vectors of entries and stories, recomputed only when IDF has drifted (the
    document count grew by more than ``drift``) or the vector changed."""

    def __init__(self, vocab: _Vocab, drift: float = 0.05) -> None:
        self.vocab = vocab
        self.drift = drift
        self.cache: dict[tuple[str, str], tuple[int, int, tuple[np.ndarray, np.ndarray]]] = {}

    def get(self, key: tuple[str, str], v: tuple[np.ndarray, np.ndarray],
            version: int = 0) -> tuple[np.ndarray, np.ndarray]:
        hit = self.cache.get(key)
        n = self.vocab.n_docs
        if hit is not None and hit[1] == version and n - hit[0] <= hit[0] * self.drift:
            return hit[2]
        unit = _unit(self.vocab, v)
        self.cache[key] = (n, version, unit)
        return unit


def _with(p: Profile, **changes: Any) -> Profile:
    import dataclasses

    return dataclasses.replace(p, **changes)


def _days_apart(a: str | None, b: str | None) -> int | None:
    ra, rb = (_day_range(a[:10]) if a else None), (_day_range(b[:10]) if b else None)
    if ra is None or rb is None:
        return None
    return abs((ra[0] - rb[0]).days)


# --------------------------------------------------------------------------- fused events


@dataclass
class _Fused:
    key: str
    event: Event
    supports: list[tuple[Profile, Event]] = field(default_factory=list)

    def reports(self) -> set[str]:
        return {p.report_id for p, _ in self.supports}


def _event_key(ev: Event) -> str:
    return f"{ev.plover}:{'+'.join(sorted(ev.sources)) or '?'}->{'+'.join(sorted(ev.targets)) or '?'}"


def _actors_match(a: Event, b: Event, stem: int) -> bool:
    src = bool(a.sources and b.sources and _names_overlap(a.sources, b.sources, stem))
    tgt = bool(a.targets and b.targets and _names_overlap(a.targets, b.targets, stem))
    if src or tgt:
        return True
    # Agentless events ("65,000 people arrested") name no one to compare: within one story the same
    # predicate with the same mode is the same happening told twice, unless both name other sources.
    same_predicate = a.mode == b.mode and _stems([a.trigger.text], stem) == _stems([b.trigger.text], stem)
    return same_predicate and bool(_stems([a.trigger.text], stem)) and not (a.sources and b.sources)


def fuse_events(profiles: Sequence[Profile], stem: int) -> list[_Fused]:
    """Group the events of a story's reports: same PLOVER type and overlapping sources or targets.
    A report's event prefers a fused event whose date it agrees with; it falls back to one it
    disagrees with only when that one came from other reports (a disputed date, not a new event)."""
    fused: list[_Fused] = []
    for p in profiles:
        for ev in p.events:
            cands = [f for f in fused if f.event.plover == ev.plover and _actors_match(f.event, ev, stem)]
            agree = [f for f in cands if all(dates_compatible(e.date, ev.date) for _, e in f.supports)]
            others = [f for f in cands if p.report_id not in f.reports()]
            target = agree[0] if agree else (others[0] if others else None)
            if target is None:
                target = _Fused(_event_key(ev), ev)
                fused.append(target)
            target.supports.append((p, ev))
    return fused


def build_story(story_id: str, profiles: Sequence[Profile], stem: int = 6) -> Story:
    """The Story record for a set of reports (where they disagree: disputes, derive/disputes.py)."""
    profiles = sorted(profiles, key=lambda p: p.seen)
    first = profiles[0]
    fused = fuse_events(profiles, stem)
    copies = tuple(p.report_id for p in profiles if p.copy_of)
    outlets = {p.outlet or f"?{p.report_id}" for p in profiles if not p.copy_of}
    story = Story(
        id=story_id,
        title=first.title,
        first_report=first.report_id,
        report_ids=tuple(p.report_id for p in profiles),
        independent_outlets=len(outlets),
        copies=copies,
        events=tuple(f.event for f in fused),
        event_keys=tuple(f.key for f in fused),
        event_support=tuple(tuple(ev.sentence for _, ev in f.supports) for f in fused),
        extractor=NAME,
    )
    return story



def headline(text: str, dateline: str | None = None, limit: int = 120) -> str | None:
    """A title for an untitled report: its first sentence without the dateline, cut at a word."""
    first = re.split(r"(?<=[.!?])\s+|\n", text.strip(), maxsplit=1)[0]
    if dateline and first.upper().startswith(dateline.upper()):
        first = re.sub(r"^[^—–-]{0,80}?[—–-]+\s*", "", first, count=1)
    first = first.strip()
    if len(first) > limit:
        first = first[:limit].rsplit(" ", 1)[0] + " …"
    return first or None


# --------------------------------------------------------------------------- batch API and scoring


def fuse(analyses: Iterable[Analysis], options: FuseOptions | None = None) -> FusionResult:
    """Fuse a batch in the given order (the first report of a story names it)."""
    fuser = Fuser(options)
    for a in analyses:
        fuser.add(a)
    return fuser.result()


def stories_pairwise_f1(predicted: Mapping[str, Any], gold: Mapping[str, str]) -> dict[str, float]:
    """Pairwise precision/recall/F1 over report pairs, on reports present in both mappings.
    ``predicted`` maps report id to a story id or a Story."""
    ids = [r for r in gold if r in predicted]
    pred = {r: getattr(predicted[r], "id", predicted[r]) for r in ids}
    cells = Counter((pred[r], gold[r]) for r in ids)
    pairs = lambda counts: sum(n * (n - 1) // 2 for n in counts)  # noqa: E731
    tp = pairs(cells.values())
    n_pred = pairs(Counter(pred.values()).values())
    n_gold = pairs(Counter(gold[r] for r in ids).values())
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f1": f1}
