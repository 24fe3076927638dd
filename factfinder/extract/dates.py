"""Time expressions: find them, then normalise them against the report's published date.

Candidates come from regex skeletons built over the lexicon in ``ontology/dates.json`` (number
words, month/weekday/season names, units -> ISO letters); spaCy DATE/TIME entities are the
evidence that admits the ambiguous ones (bare "May", "years", "once"). Overlaps keep the longest
expression that normalises. A leading preposition (on/in/for/over/since/...) joins the span.

Values follow TimeML/TIMEX3 conventions so they can be scored against TempEval-3:

========================  =====================  ==========  =======================================
text                      value                  precision   notes
========================  =====================  ==========  =======================================
on Monday                 2024-09-30             day         weekday resolved by the verb's tense
Monday morning            2024-09-30TMO          time        part of day as TIMEX3 MO/AF/EV/NI
this week / last week     2024-W40 / 2024-W39    week        ISO week
September / in May        2024-09 / 2025-05      month       year from tense, else nearest month
next year / in 2020       2025 / 2020            year
the 1990s / 20th century  199 / 19               decade /    TimeML truncated form (not "1990s")
                                                 century
last summer               2023-SU                season
since 2020                2020/2024-09-30        interval    start/anchor
for more than four years  P4Y                    duration    qualifier "more than", interval
                                                             2020-09-30/2024-09-30
months of                 PXM                    duration    unknown amount, TimeML style
three years ago           2021                   year
now / recently / future   PRESENT_REF/PAST_REF/  ref
                          FUTURE_REF
========================  =====================  ==========  =======================================

Relative expressions keep ``value=None`` when the report has no published date; the span is still
recorded. Durations keep their value but get no interval then.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..records import Analysis, Span, TimeValue

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span as SpacySpan, Token

NAME = "factfinder.dates.rules.v1"
REQUIRES: tuple[str, ...] = ()
ASSIGNS: tuple[str, ...] = ("dates",)

PAST, FUTURE = "past", "future"
_LEXICON = Path(__file__).resolve().parents[1] / "ontology" / "dates.json"


@functools.cache
def lexicon() -> dict[str, Any]:
    """The word tables of ontology/dates.json (loaded once)."""
    return json.loads(_LEXICON.read_text(encoding="utf-8"))


def _alt(words: Any) -> str:
    """Regex alternation, longest first so "a few" beats "a"."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


# --------------------------------------------------------------------------- normalised result


@dataclass(frozen=True, slots=True)
class _Norm:
    value: str | None
    precision: str
    qualifier: str | None = None
    interval: str | None = None
    needs_ent: bool = False  # only kept when spaCy also sees a DATE/TIME here


@dataclass(frozen=True, slots=True)
class _Ctx:
    """What a handler may look at beyond its match."""

    anchor: dt.date | None
    tense: str | None
    prep: str | None
    in_ent: bool
    token: "Token | None"


Handler = Callable[[re.Match[str], _Ctx], _Norm | None]


# --------------------------------------------------------------------------- date arithmetic


def _add_months(d: dt.date, months: int) -> dt.date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(d.day, last))


def _shift(d: dt.date, letter: str, n: int, time_unit: bool = False) -> dt.date:
    if time_unit:
        return d  # hours/minutes do not move the day we can express
    if letter == "Y":
        return _add_months(d, 12 * n)
    if letter == "M":
        return _add_months(d, n)
    if letter == "W":
        return d + dt.timedelta(weeks=n)
    return d + dt.timedelta(days=n)


def _week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _fmt(d: dt.date, letter: str) -> tuple[str, str]:
    """A date at the granularity of a unit letter -> (value, precision)."""
    if letter == "Y":
        return f"{d.year:04d}", "year"
    if letter == "M":
        return f"{d.year:04d}-{d.month:02d}", "month"
    if letter == "W":
        return _week(d), "week"
    return d.isoformat(), "day"


def _weekday_date(anchor: dt.date, weekday: int, direction: int, strict: bool) -> dt.date:
    """The weekday (1=Monday) on/before (direction -1) or on/after (+1) the anchor."""
    delta = (weekday - anchor.isoweekday()) % 7 if direction > 0 else -((anchor.isoweekday() - weekday) % 7)
    if strict and delta == 0:
        delta = 7 * direction
    return anchor + dt.timedelta(days=delta)


def _month_year(anchor: dt.date, month: int, rel: int | None, tense: str | None) -> int:
    """The year of a month named without one: by "last/next", else tense, else the nearest."""
    if rel == 0:
        return anchor.year
    if rel == -1 or (rel is None and tense == PAST):
        return anchor.year if month < anchor.month or (rel is None and month == anchor.month) else anchor.year - 1
    if rel == 1 or (rel is None and tense == FUTURE):
        return anchor.year if month > anchor.month or (rel is None and month == anchor.month) else anchor.year + 1
    ahead = (month - anchor.month) % 12
    return anchor.year + (1 if month < anchor.month and ahead <= 6 else 0) - (1 if month > anchor.month and ahead > 6 else 0)


def _duration(n: float | None, unit: str) -> str:
    letter, mult, is_time = lexicon()["units"][unit]
    t = "T" if is_time else ""
    if n is None:
        return f"P{t}X{'DE' if mult == 10 else 'CE' if mult == 100 else letter}"
    total = n * mult
    if total != int(total):  # half a year -> P6M, half a day -> PT12H
        if letter == "Y":
            return f"P{int(total * 12)}M"
        if letter == "D":
            return f"PT{int(total * 24)}H"
        return f"P{t}{total:g}{letter}"
    return f"P{t}{int(total)}{letter}"


# --------------------------------------------------------------------------- regex skeletons


def _lex_alts() -> dict[str, str]:
    lx = lexicon()
    tens = [w for w, v in lx["numbers"].items() if isinstance(v, int) and v % 10 == 0 and 20 <= v <= 90]
    ones = [w for w, v in lx["numbers"].items() if isinstance(v, int) and 1 <= v <= 9 and w not in ("a", "an")]
    return {
        "NUM": rf"(?:\d+(?:\.\d+)?|(?:{_alt(tens)})-(?:{_alt(ones)})|{_alt(lx['numbers'])}|{_alt(lx['vague_numbers'])})",
        "UNIT": _alt(list(lx["units"]) + list(lx["unit_plurals"])),
        "PLURAL": _alt(lx["unit_plurals"]),
        "MONTH": _alt(lx["months"]),
        "WD": _alt(lx["weekdays"]),
        "SEASON": _alt(lx["seasons"]),
        "POD": _alt(lx["parts_of_day"]),
        "QB": _alt(lx["qualifiers_before"]),
        "QA": _alt(lx["qualifiers_after"]),
        "POS": _alt(lx["position_mods"]),
        "REL": _alt(lx["relative"]),
        "AGO": _alt(lx["ago"]),
        "REF": _alt(lx["refs"]),
        "DAYW": _alt(lx["day_words"]),
        "ORD": _alt(lx["ordinals"]),
    }


def _num(word: str) -> float | None:
    """Number word or digits -> number; None for vague amounts ("several")."""
    lx = lexicon()
    w = re.sub(r"\s+", " ", word.lower())
    if re.fullmatch(r"\d+(?:\.\d+)?", w):
        return float(w)
    if w in lx["numbers"]:
        return float(lx["numbers"][w])
    if "-" in w:
        a, b = w.split("-", 1)
        if a in lx["numbers"] and b in lx["numbers"]:
            return float(lx["numbers"][a] + lx["numbers"][b])
    return None


def _unit(word: str) -> str:
    w = word.lower()
    return lexicon()["unit_plurals"].get(w, w)


def _low(m: re.Match[str], group: str) -> str | None:
    g = m.group(group)
    return re.sub(r"\s+", " ", g.lower()) if g else None


def _rel(m: re.Match[str]) -> int | None:
    r = _low(m, "rel")
    return None if r is None else int(lexicon()["relative"][r])


def _pos_mod(m: re.Match[str]) -> str | None:
    p = _low(m, "pos")
    return None if p is None else lexicon()["position_mods"].get(p.rstrip("-"), p)


def _month(word: str) -> int:
    return int(lexicon()["months"][word.lower().rstrip(".")])


# --------------------------------------------------------------------------- handlers


def _h_iso(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    try:
        d = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    return _Norm(d.isoformat(), "day")


def _h_full(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    """Month + day (+ year): "September 30", "30 September 2024", "Feb. 28"."""
    month, day = _month(m["mon"]), int(m["d"])
    if m["y"]:
        year = int(m["y"])
    elif ctx.anchor is None:
        return _Norm(None, "day")
    else:
        year = _month_year(ctx.anchor, month, None, ctx.tense)
        if month == ctx.anchor.month:  # same month: the day decides the side
            year = ctx.anchor.year
    try:
        return _Norm(dt.date(year, month, day).isoformat(), "day")
    except ValueError:
        return None


def _h_month_year(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    return _Norm(f"{int(m['y']):04d}-{_month(m['mon']):02d}", "month", _pos_mod(m))


def _named_weekday(m: re.Match[str], ctx: _Ctx, name: str) -> _Norm:
    pod = _low(m, "pod")
    suffix = f"T{lexicon()['parts_of_day'][pod]}" if pod else ""
    prec = "time" if pod else "day"
    if ctx.anchor is None:
        return _Norm(None, prec)
    rel = _rel(m)
    wd = int(lexicon()["weekdays"][name])
    if rel == 1:
        d = _weekday_date(ctx.anchor, wd, +1, strict=True)
    elif rel == -1:  # "last Friday" said on a Friday is a week ago
        d = _weekday_date(ctx.anchor, wd, -1, strict=True)
    elif ctx.tense == FUTURE:
        d = _weekday_date(ctx.anchor, wd, +1, strict=False)
    else:  # past tense, present or unknown: news reports mostly look back
        d = _weekday_date(ctx.anchor, wd, -1, strict=False)
    return _Norm(d.isoformat() + suffix, prec)


def _named_season(m: re.Match[str], ctx: _Ctx, name: str) -> _Norm | None:
    code, start = lexicon()["seasons"][name]
    if m["rel"] is None and m["pos"] is None and not ctx.in_ent:
        return None
    if ctx.anchor is None:
        return _Norm(None, "season", _pos_mod(m))
    rel = _rel(m)
    a = ctx.anchor
    if rel == -1 or (rel is None and ctx.tense == PAST):
        year = a.year if start + 2 < a.month else a.year - 1
    elif rel == 1 or (rel is None and ctx.tense == FUTURE):
        year = a.year if start > a.month else a.year + 1
    else:
        year = a.year
    return _Norm(f"{year:04d}-{code}", "season", _pos_mod(m))


def _h_named(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    """A month, weekday or season name with optional last/next and early/late."""
    name = m["name"].lower().rstrip(".")
    lx = lexicon()
    if name in lx["weekdays"]:
        return _named_weekday(m, ctx, name)
    if name in lx["seasons"]:
        return _named_season(m, ctx, name)
    if m["rel"] is None and m["pos"] is None and name in lx["months_ambiguous"]:
        tok = ctx.token
        if not m["name"][0].isupper() or tok is None or tok.pos_ != "PROPN":
            return None
    if m["pod"]:
        return None
    if ctx.anchor is None:
        return _Norm(None, "month", _pos_mod(m))
    month = _month(name)
    year = _month_year(ctx.anchor, month, _rel(m), ctx.tense)
    return _Norm(f"{year:04d}-{month:02d}", "month", _pos_mod(m))


def _reads_as_duration(unit: str, raw_rel: str, rel: int, prep: str | None) -> bool:
    """TimeML reads "the past year", "the next decade", "over the last month" as durations,
    but "last year", "the last week" (no spanning preposition) as calendar dates."""
    if unit not in lexicon()["units"]:
        return False  # "the past weekend" has no ISO duration unit
    if unit in ("decade", "century") and rel != 0:
        return True
    if raw_rel in ("past", "the past", "recent"):
        return True
    spanning = prep in ("for", "over", "during", "throughout", "within")
    return spanning and raw_rel.startswith(("the last", "the next", "the coming", "the following"))


def _h_rel_unit(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    """this/last/next week|month|year|weekend|quarter|decade|century."""
    unit = m["unit"].lower()
    rel = _rel(m) or 0
    if _reads_as_duration(unit, _low(m, "rel") or "this", rel, ctx.prep):
        return _as_duration(1.0, unit, rel, ctx)
    if ctx.anchor is None:
        return _Norm(None, "week" if "week" in unit else unit)
    a = ctx.anchor
    if unit in ("week", "weekend"):
        val = _week(a + dt.timedelta(weeks=rel)) + ("-WE" if unit == "weekend" else "")
        return _Norm(val, "week", _pos_mod(m))
    if unit == "month":
        return _Norm(_fmt(_add_months(a, rel), "M")[0], "month", _pos_mod(m))
    if unit == "quarter":
        q = (a.month - 1) // 3 + rel
        y, q = a.year + q // 4, q % 4
        return _Norm(f"{y:04d}-Q{q + 1}", "quarter", _pos_mod(m))
    if unit == "decade":
        return _Norm(str(a.year // 10), "decade", _pos_mod(m))
    if unit == "century":
        return _Norm(str(a.year // 100), "century", _pos_mod(m))
    return _Norm(f"{a.year + rel:04d}", "year", _pos_mod(m))


def _h_end_of_year(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    if ctx.anchor is None:
        return _Norm(None, "year", _pos_mod(m))
    return _Norm(f"{ctx.anchor.year + (-1 if ctx.tense == PAST else 0):04d}", "year", _pos_mod(m))


def _interval(anchor: dt.date, letter: str, n: int, is_time: bool, forward: bool) -> str:
    other = _shift(anchor, letter, n if forward else -n, is_time)
    a, b = (anchor, other) if forward else (other, anchor)
    return f"{a.isoformat()}/{b.isoformat()}"


def _as_duration(
    n: float | None, unit: str, rel: int | None, ctx: _Ctx, qualifier: str | None = None
) -> _Norm:
    value = _duration(n, unit)
    letter, mult, is_time = lexicon()["units"][unit]
    interval = None
    spans_time = rel is not None or ctx.prep in ("for", "over", "during", "throughout", "within", "since")
    if ctx.anchor is not None and n is not None and n == int(n) and spans_time and not is_time:
        forward = rel == 1 or (rel is None and ctx.tense == FUTURE)
        interval = _interval(ctx.anchor, letter, int(n * mult), is_time, forward)
    return _Norm(value, "duration", qualifier, interval)


def _h_duration(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    """[qualifier] [the past|next] N unit[s] [ago|later] [or more]."""
    unit = _unit(m["unit"])
    n = _num(m["num"])
    lx = lexicon()
    qb = _low(m, "qb") or ""
    if qb in lx["prepositions"] and re.match(r"\w+\s+the\b", m.group(0), re.IGNORECASE):
        qb, ctx = "", dataclasses.replace(ctx, prep=qb)  # "over the last four years": a preposition
    qualifier = lx["qualifiers_before"].get(qb) or lx["qualifiers_after"].get(_low(m, "qa") or "")
    ago = _low(m, "ago")
    if ago:
        sign = int(lx["ago"][ago])
        if n is None:
            return _Norm("PAST_REF" if sign < 0 else "FUTURE_REF", "ref", qualifier)
        letter, mult, is_time = lx["units"][unit]
        if ctx.anchor is None:
            return _Norm(None, "year", qualifier)
        if is_time or n != int(n):
            return _Norm(ctx.anchor.isoformat(), "day", qualifier)
        value, prec = _fmt(_shift(ctx.anchor, letter, sign * int(n * mult)), letter)
        return _Norm(value, prec, qualifier)
    if n is not None and n > 1 and unit == m["unit"].lower() and not m["unit"].lower().endswith("s") and m["sep"] == " ":
        return None  # "two year" without plural or hyphen is not a duration ("two year-old")
    return _as_duration(n, unit, _rel(m), ctx, qualifier)


def _h_plural(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    """Vague plural durations: "recent weeks", "years", "months of"."""
    n = _as_duration(None, _unit(m["unit"]), _rel(m), ctx)
    return dataclasses.replace(n, needs_ent=m["rel"] is None and ctx.prep != "for")


def _h_decade(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    if m["dec"]:
        return _Norm(m["dec"][:3], "decade", _pos_mod(m))
    if not m["apos"] and not m.group(0).lower().startswith("the"):
        return None  # "in their 50s" is an age; "the 90s" and "'90s" are decades
    two = int(m["dec2"])
    century = 19 if ctx.anchor is None or two > ctx.anchor.year % 100 else 20
    return _Norm(f"{century}{two // 10}", "decade", _pos_mod(m))


def _h_century(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    raw = m["ord"].lower()
    n = int(re.sub(r"\D", "", raw)) if raw[0].isdigit() else lexicon()["ordinals"].get(raw)
    return _Norm(f"{n - 1:02d}", "century", _pos_mod(m)) if n else None


def _h_year(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    tok = ctx.token
    if tok is not None and not ctx.in_ent:
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        prev = tok.nbor(-1) if tok.i > 0 else None
        if (nxt is not None and nxt.tag_ == "NNS") or (prev is not None and prev.tag_ == "$"):
            return None  # "1800 soldiers", "$2020"
    return _Norm(m["y"], "year", _pos_mod(m))


def _h_ref(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    word = _low(m, "ref") or ""
    needs = word in lexicon()["refs_strict"]
    return _Norm(lexicon()["refs"][word], "ref", needs_ent=needs)


def _h_dayword(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    word = _low(m, "dw") or ""
    pod = _low(m, "pod")
    suffix = "TNI" if word == "tonight" else f"T{lexicon()['parts_of_day'][pod]}" if pod else ""
    prec = "time" if suffix else "day"
    if ctx.anchor is None:
        return _Norm(None, prec)
    d = ctx.anchor + dt.timedelta(days=int(lexicon()["day_words"][word]))
    return _Norm(d.isoformat() + suffix, prec)


def _h_clock(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    """A clock time (8 p.m., 15:00 GMT) on the anchor day; H:MM:SS reads as a duration."""
    if m["s"]:
        return _Norm(f"PT{int(m['h'])}H{int(m['mi'])}M{int(m['s'])}S", "duration")
    clock = _clock_suffix(m)
    if clock is None:
        return None
    if ctx.anchor is None:
        return _Norm(None, "time")
    return _Norm(ctx.anchor.isoformat() + clock, "time")


def _clock_suffix(m: re.Match[str]) -> str | None:
    h, mi = int(m["h"]), int(m["mi"] or 0)
    ampm = (m["ampm"] or "").lower().replace(".", "")
    if ampm == "pm" and h < 12:
        h += 12
    elif ampm == "am" and h == 12:
        h = 0
    if h > 23 or mi > 59:
        return None
    return f"T{h:02d}:{mi:02d}" if m["mi"] else f"T{h:02d}"


def _h_clock_day(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    """"15:00 GMT Saturday", "Monday at 8 p.m.": the weekday's date plus the clock time."""
    if not (m["ampm"] or m["mi"]):
        return None
    clock = _clock_suffix(m)
    if clock is None:
        return None
    if ctx.anchor is None:
        return _Norm(None, "time")
    wd = int(lexicon()["weekdays"][m["wd"].lower()])
    direction = +1 if ctx.tense == FUTURE else -1
    return _Norm(_weekday_date(ctx.anchor, wd, direction, strict=False).isoformat() + clock, "time")


def _h_set(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    """TimeML SETs: "every week" -> P1W, "every morning" -> XXXX-XX-XXTMO, "annually" -> P1Y."""
    lx = lexicon()
    word = _low(m, "what") or _low(m, "what2") or ""
    if word in lx["sets"] and lx["sets"][word] != "each":
        return _Norm(lx["sets"][word], "set")
    if word in lx["parts_of_day"]:
        return _Norm(f"XXXX-XX-XXT{lx['parts_of_day'][word]}", "set")
    if word in lx["weekdays"]:
        return _Norm(f"XXXX-WXX-{lx['weekdays'][word]}", "set")
    if word in lx["units"]:
        return _Norm(_duration(1.0, word), "set")
    return None


def _h_range_first(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    """The first number of "between 12 and 18 months" is a duration in the second's unit."""
    n = _num(m["num"])
    return None if n is None else _Norm(_duration(n, _unit(m["unit"])), "duration")


def _h_year_tail(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    """"1957-58": the abbreviated second year of a range."""
    return _Norm(f"{m['c']}{m['yy']}", "year")


@functools.cache
def _patterns() -> tuple[tuple[re.Pattern[str], Handler], ...]:
    a = _lex_alts()
    lead = r"(?<!\w)(?<![A-Za-z]-)"
    tail = r"(?![\w])"
    table: list[tuple[str, Handler]] = [
        (r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})", _h_iso),
        (rf"(?P<h>\d{{1,2}})(?::(?P<mi>\d{{2}}))?\s*(?P<ampm>a\.m\.|p\.m\.|am|pm)?(?:\s+(?:GMT|UTC|EST|EDT|ET|local\s+time))?,?\s+(?:on\s+)?(?P<wd>{a['WD']})", _h_clock_day),
        (rf"(?P<wd>{a['WD']}),?\s+(?:at\s+)?(?P<h>\d{{1,2}})(?::(?P<mi>\d{{2}}))?\s*(?P<ampm>a\.m\.|p\.m\.|am|pm)?(?:\s+(?:GMT|UTC|EST|EDT|ET|local\s+time))?", _h_clock_day),
        (rf"(?:(?:every|each)\s+(?:single\s+)?(?P<what>{a['UNIT']}|{a['POD']}|{a['WD']})|(?P<what2>annually|yearly))", _h_set),
        (rf"(?P<num>\d+|{a['NUM']})(?=(?:\s+(?:and|to|or)\s+|\s*-\s*){a['NUM']}(?:\s+|-)(?P<unit>{a['PLURAL']}))", _h_range_first),
        (r"(?<=(?P<c>1[6-9]|20)\d\d-)(?P<yy>\d\d)", _h_year_tail),
        (rf"(?:(?:{a['WD']}),?\s+)?(?P<mon>{a['MONTH']})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{{4}}))?(?!\d)", _h_full),
        (rf"(?:(?:{a['WD']}),?\s+)?(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{a['MONTH']})\.?(?:,?\s+(?P<y>\d{{4}}))?", _h_full),
        (rf"(?:(?P<pos>{a['POS']})(?:\s+|-))?(?P<mon>{a['MONTH']})\.?,?\s+(?:of\s+)?(?P<y>\d{{4}})", _h_month_year),
        (rf"(?:(?P<pos>{a['POS']})(?:\s+|-)(?:of\s+)?)?(?:(?P<rel>{a['REL']})\s+)?(?P<name>{a['MONTH']}|{a['WD']}|{a['SEASON']})\.?(?:\s+(?P<pod>{a['POD']}))?", _h_named),
        (rf"(?:(?P<pos>{a['POS']})\s+(?:of\s+)?)?(?:(?P<rel>{a['REL']})\s+)(?:fiscal\s+|calendar\s+)?(?P<unit>week|weekend|month|year|quarter|decade|century)", _h_rel_unit),
        (r"(?P<pos>the\s+(?:end|beginning|start|middle)\s+of)\s+(?:the\s+)?year", _h_end_of_year),
        (rf"(?:(?P<qb>{a['QB']})\s+)?(?:the\s+)?(?:(?P<rel>{a['REL']})\s+)?(?P<num>{a['NUM']})(?P<sep>\s+|-)(?P<unit>{a['UNIT']})(?!-old|\s+(?:and\s+)?old)(?:'|’)?(?:\s+(?P<ago>{a['AGO']}))?(?:\s+(?P<qa>{a['QA']}))?", _h_duration),
        (rf"(?:(?P<rel>{a['REL']})\s+)?(?:(?:several|few|many)\s+)?(?P<unit>{a['PLURAL']})(?!\s+(?:and\s+)?old)", _h_plural),
        (r"(?:the\s+)?(?:(?P<pos>early|late|mid)(?:\s+|-))?(?:(?P<dec>\d{3}0)'?s|(?P<apos>['’])?(?P<dec2>\d0)s)", _h_decade),
        (rf"(?:the\s+)?(?:(?P<pos>early|late|mid)(?:\s+|-))?(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|{a['ORD']})[\s-]+century", _h_century),
        (rf"(?:(?P<pos>{a['POS']})(?:\s+|-))?(?:the\s+year\s+)?(?P<y>1[6-9]\d\d|20\d\d)(?![\d%]|,\d|\.\d)", _h_year),
        (rf"(?P<dw>{a['DAYW']})(?:\s+(?P<pod>{a['POD']}))?", _h_dayword),
        (rf"(?P<ref>{a['REF']})", _h_ref),
        (r"(?P<h>\d{1,2})(?::(?P<mi>\d{2}))?(?::(?P<s>\d{2}))?\s*(?P<ampm>a\.m\.|p\.m\.|am|pm)?(?:\s+(?:GMT|UTC|EST|EDT|ET|local\s+time))?", _h_clock),
    ]
    return tuple((re.compile(lead + rx + tail, re.IGNORECASE), h) for rx, h in table)


# --------------------------------------------------------------------------- context from the parse


def _tense(tok: "Token | None") -> str | None:
    """Past/future from the verb governing a time expression (None: present or no verb)."""
    lx = lexicon()
    verb = tok
    for _ in range(6):
        if verb is None or verb.pos_ in ("VERB", "AUX") or verb.tag_.startswith("VB"):
            break
        verb = verb.head if verb.head is not verb else None
    if verb is None:
        return None
    chain = [verb, *list(verb.ancestors)[:3]]
    for v in chain:
        kids = {c.lower_ for c in v.children if c.dep_ in ("aux", "auxpass")}
        if kids & set(lx["future_aux"]) or v.lemma_.lower() in lx["future_cues"]:
            return FUTURE
        if v.tag_ == "VBD" or (v.tag_ == "VBN" and kids & set(lx["past_aux"])):
            return PAST
        if v.dep_ not in ("xcomp", "ccomp", "advcl", "conj"):
            break
    return None


@dataclass(frozen=True, slots=True)
class _Cand:
    start: int
    end: int
    norm: _Norm
    prep: str | None
    prep_start: int


def _prep_before(text: str, start: int) -> tuple[str | None, int]:
    """The preposition right before a match ("on Monday", "as of May"), and where it starts."""
    m = _prep_re().search(text, 0, start)
    if m is None:
        return None, start
    return re.sub(r"\s+", " ", m["p"].lower()), m.start("p")


@functools.cache
def _prep_re() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?P<p>{_alt(lexicon()['prepositions'])})\s+$", re.IGNORECASE)


def _trim_dot(text: str, start: int, end: int) -> int:
    """"on Monday." ends a sentence; "Sept." and "p.m." keep their dot."""
    if text[end - 1] != ".":
        return end
    word = re.search(r"([\w.]+)\.$", text[start:end])
    keep = word is not None and word.group(1).lower() in lexicon()["abbreviations"]
    return end if keep else end - 1


def _ent_ranges(doc: "Doc") -> list[tuple[int, int]]:
    return [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("DATE", "TIME")]


def _candidates(doc: "Doc", anchor: dt.date | None) -> Iterator[_Cand]:
    text = doc.text
    ents = _ent_ranges(doc)
    for rx, handler in _patterns():
        for m in rx.finditer(text):
            start, end = m.span()
            end = _trim_dot(text, start, end)
            if start == end:
                continue
            span: "SpacySpan | None" = doc.char_span(start, end, alignment_mode="expand")
            tok = span.root if span is not None and len(span) else None
            if tok is not None and tok.is_punct and span is not None:
                tok = span[0]
            prep, prep_start = _prep_before(text, start)
            in_ent = any(s < end and start < e for s, e in ents)
            tense = _tense(tok) or (FUTURE if prep in lexicon()["future_preps"] else None)
            ctx = _Ctx(anchor, tense, prep, in_ent, tok)
            norm = handler(m, ctx)
            if norm is None or (norm.needs_ent and not in_ent):
                continue
            if handler is _h_clock and not (m["ampm"] or m["mi"]):
                continue  # a bare number is not a time
            yield _Cand(start, end, norm, prep, prep_start)


def _since(c: _Cand, anchor: dt.date | None) -> _Cand:
    """"since 2020" -> interval 2020/anchor."""
    n = c.norm
    if c.prep != "since" or anchor is None or n.value is None or n.precision in ("duration", "ref", "time"):
        return c
    return dataclasses.replace(c, norm=dataclasses.replace(n, value=f"{n.value}/{anchor.isoformat()}", precision="interval"))


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Longest expression wins an overlap; ties go to the earlier (more specific) pattern."""
    order = sorted(range(len(cands)), key=lambda i: (-(cands[i].end - cands[i].start), i))
    kept: list[_Cand] = []
    for i in order:
        c = cands[i]
        if all(c.end <= k.start or k.end <= c.start for k in kept):
            kept.append(c)
    return sorted(kept, key=lambda c: c.start)


def _anchor(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def extract(doc: "Doc", report_id: str, published: str | None) -> tuple[TimeValue, ...]:
    """All normalised time expressions of a parsed text."""
    anchor = _anchor(published)
    text = doc.text
    out = []
    for c in _select(list(_candidates(doc, anchor))):
        if _ordinal_not_time(doc, c.end):
            continue
        c = _since(c, anchor)
        start = c.prep_start if c.prep else c.start
        n = c.norm
        out.append(
            TimeValue(
                span=Span(report_id, start, c.end, text[start : c.end]),
                value=n.value,
                precision=n.precision,
                qualifier=n.qualifier,
                anchor=anchor.isoformat() if anchor else None,
                interval=n.interval,
                extractor=NAME,
            )
        )
    return tuple(out)


def _ordinal_not_time(doc: "Doc", end: int) -> bool:
    """'a second file', 'the second round': the unit word modifies a noun, so it is an ordinal."""
    span = doc.char_span(end - 1, end, alignment_mode="expand")
    last = span[-1] if span is not None and len(span) else None
    return last is not None and last.lower_ == "second" and last.dep_ == "amod"


def run(doc: "Doc", analysis: Analysis) -> Analysis:
    report = analysis.report
    return dataclasses.replace(analysis, dates=extract(doc, report.id, report.published))
