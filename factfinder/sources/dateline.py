"""The dateline of a news report, recognised once for every reader and stage.

A dateline opens the report (or the line after a headline) and says where, and sometimes when and by
whom, it was filed: ``KHARKIV, Ukraine —``, ``KHARKIV, Ukraine (Outlet) -``, ``KHARKIV:``,
``KISANGANI, Congo, Oct. 3 (Outlet) —``, ``BAMAKO (Outlet) -``, ``NEW YORK —``, ``Kutaisi, 3 December —``.
Its shape: a place (all capitals, or title case when a date, an outlet, a region or a line break
confirms it), up to two regions or countries after commas, an optional date, an optional outlet in
parentheses, then a dash or (after an all-caps place) a colon.

:func:`parse` returns the pieces with character offsets into the text (the text is never changed),
so the entity stage can tag the city and country as places and the outlet as an organisation, the
places stage can give the city the role ``dateline``, and the actor stages can skip everything before
:attr:`Dateline.end`. Tables: ``ontology/datelines.json``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from ..ontology import load


@dataclass(frozen=True, slots=True)
class Piece:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Dateline:
    """One recognised dateline; ``end`` is just past its dash or colon."""

    start: int
    end: int
    city: Piece
    regions: tuple[Piece, ...] = ()
    date: Piece | None = None
    outlet: Piece | None = None

    @property
    def place(self) -> str:
        """The place as written: 'KHARKIV, Ukraine'."""
        return ", ".join(p.text for p in (self.city, *self.regions))

    @property
    def place_end(self) -> int:
        return (self.regions[-1] if self.regions else self.city).end


@functools.lru_cache(maxsize=1)
def table() -> dict[str, Any]:
    return load("datelines")


@functools.lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    t = table()
    months = "|".join(sorted(t["months"], key=len, reverse=True))
    # A dash separates when spaced (" - ", " -- ") or when it is a long dash ("KHARKIV—"); a colon follows
    # the place directly. The separator is followed by a space or the end of the line.
    long_dashes = "|".join(re.escape(s) for s in t["separators"] if len(s) == 1 and s not in "-:")
    sep = rf"(?:\s*(?:{long_dashes})|[ \t]+--?|:)(?=\s|$)"
    date = (rf",?\s*(?:(?:{months})\.?\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+(?:{months})\.?(?:,?\s+\d{{4}})?)"
            r"\s*$")
    return re.compile(sep), re.compile(date)


def _letters(word: str) -> str:
    return "".join(c for c in word if c.isalpha())


def _all_caps(words: list[str]) -> bool:
    letters = "".join(_letters(w) for w in words)
    return bool(letters) and letters.isupper()


def _title_case(words: list[str]) -> bool:
    particles = set(table()["particles"])
    return all(w[:1].isupper() or w in particles for w in words if _letters(w)) and bool(_letters(words[0]))


def _region_ok(part: str) -> bool:
    words = part.split()
    return 0 < len(words) <= 4 and _title_case(words) and not any(c.isdigit() for c in part)


def _strip_piece(text: str, start: int, end: int) -> Piece:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in " \t,":
        end -= 1
    return Piece(start, end, text[start:end])


def _parse_at(text: str, pos: int) -> Dateline | None:
    t = table()
    sep_re, date_re = _patterns()
    line_end = text.find("\n", pos)
    line_end = len(text) if line_end < 0 else line_end
    head_end = min(line_end, pos + t["max_head_chars"])
    m = sep_re.search(text, pos, head_end)
    if m is None:
        return None
    sep = m.group().strip()
    pre_end = m.start()
    outlet = None
    close = pre_end
    while close > pos and text[close - 1].isspace():
        close -= 1
    if close > pos and text[close - 1] == ")":
        open_ = text.rfind("(", pos, close)
        if open_ < 0 or close - open_ - 2 > t["max_outlet_chars"] or close - open_ < 3:
            return None
        outlet = _strip_piece(text, open_ + 1, close - 1)
        pre_end = open_
    date = None
    dm = date_re.search(text, pos, pre_end)
    if dm is not None:
        lead = len(dm.group()) - len(dm.group().lstrip(", \t"))
        date = _strip_piece(text, dm.start() + lead, dm.end())
        pre_end = dm.start()
    parts: list[Piece] = []
    cursor = pos
    for chunk in text[pos:pre_end].split(","):
        parts.append(_strip_piece(text, cursor, cursor + len(chunk)))
        cursor += len(chunk) + 1
    if not parts or not parts[0].text or len(parts) > 1 + t["max_region_parts"] or any(not p.text for p in parts):
        return None
    city, regions = parts[0], tuple(parts[1:])
    words = city.text.split()
    if len(words) > t["max_place_words"] or any(c.isdigit() for c in city.text) or "(" in city.text:
        return None
    labels = set(t["not_places"])
    if city.text.upper() in labels or any(w.upper().strip(".:") in labels for w in words) \
            or not all(_region_ok(r.text) for r in regions):
        return None
    caps = _all_caps(words)
    if caps:
        # a lone short capital word is more likely an acronym lead-in ("UN - ...") than a place
        if len(_letters(city.text)) < 3 and not (regions or date or outlet):
            return None
    else:
        at_line_end = not text[m.end():line_end].strip()
        if not _title_case(words) or (sep == ":" and t["colon_needs_caps"]):
            return None
        if not (date or outlet or regions or at_line_end):
            return None
    return Dateline(start=city.start, end=m.end(), city=city, regions=regions, date=date, outlet=outlet)


def _line_starts(text: str) -> list[int]:
    """Where a dateline may start: the text's start, and the starts of the next few lines while the
    lines before them are short (a headline, a byline)."""
    t = table()
    starts = [len(text) - len(text.lstrip())]
    pos = starts[0]
    for _ in range(t["max_lines_before"]):
        nl = text.find("\n", pos)
        if nl < 0 or nl - pos > t["max_line_chars_before"]:
            break
        pos = nl + 1
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos >= len(text):
            break
        starts.append(pos)
    return starts


def parse(text: str, dateline: str | None = None) -> Dateline | None:
    """The report's dateline, if it opens the text (or follows a headline line); else the metadata
    ``dateline`` string when it occurs near the start; else None."""
    for start in _line_starts(text):
        found = _parse_at(text, start)
        if found is not None:
            return found
    if dateline and dateline.strip():
        d = dateline.strip()
        i = text.find(d, 0, 200 + len(d))
        if i >= 0:
            city = d.split(",")[0].strip()
            regions = []
            cursor = i + len(d.split(",")[0]) + 1
            for chunk in d.split(",")[1:]:
                regions.append(_strip_piece(text, cursor, cursor + len(chunk)))
                cursor += len(chunk) + 1
            return Dateline(start=i, end=i + len(d), city=Piece(i, i + len(city), city), regions=tuple(regions))
    return None


def end_of(text: str, dateline: str | None = None) -> int:
    """Character offset just past the opening dateline (0 if none): nothing before it is an actor."""
    found = parse(text, dateline)
    return found.end if found else 0
