"""Time expressions: find them, then normalise them against the report's published date.

Candidates come from regex skeletons built over the lexicon in ``ontology/dates.json`` (number
words, month/weekday/season names, units -> ISO letters); spaCy DATE/TIME entities are the
evidence that admits the ambiguous ones (bare "May", "years", "once"). Overlaps keep the longest
expression that normalises. A leading preposition (on/in/for/over/since/...) joins the span.

Values follow TimeML/TIMEX3 conventions so they can be scored against TempEval-3:

========================  =====================  ==========  =======================================
text                      value                  precision   notes
========================  =====================  ==========  =======================================
on Monday                 2024-09-30             day         weekday resolved by the verb's tense:
                                                             past looks back; will/would, plans and
                                                             a scheduling present ("meets") ahead
Monday morning            2024-09-30             day         the part of day (TIMEX3 ...TMO) is kept
                                                             for TimeML only (``extract_timex``)
March 3-5 / 1-2 July      2024-03-03/2024-03-05  interval    also "between March and May",
                                                             "from 2019 to 2021"
Eid al-Fitr / Easter      2024-04-10             day         holiday tables + Easter computus;
Ramadan                   2024-03                month       year stated, else by tense
January last year         2023-01                month
over the weekend          2024-W39-WE            week        the weekend before (after, if future)
this weekend              2024-W40-WE            week        the one just past when told in the past
last night / this morning 2024-09-29 / 09-30     day
on the 9th                (month last dated)     day         the month of the text's last date
the previous evening      (last day in text) -1  day         anaphors count from the text's last
a day after (clause)      (day of sentence) -1   day         resolved day; TimeML keeps P1D
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
now / currently           2024-09-30             day         the report's day (TimeML: PRESENT_REF)
recently / in future      PAST_REF/FUTURE_REF    ref
the past few days         2024-W39               week        the ISO week of those days (TimeML: PXD)
a 20 minute walk          PT20M                  duration    also "a month-long siege", "ten working
                                                             days"; "N days before <event>" the text
                                                             does not date keeps its stretch
the summer of 2019        2019-SU                season
========================  =====================  ==========  =======================================

Relative expressions keep ``value=None`` when the report has no published date; the span is still
recorded. Durations keep their value but get no interval then. Anaphors that find no earlier date
("the next day" opening a text) are dropped rather than guessed. A date written without a year
takes the year its sentence states as an adjunct ("a December 6-8 sweep ... last year").
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..ontology import load, word_set
from ..records import Analysis, Span, TimeValue

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span as SpacySpan, Token

NAME = "factfinder.dates.rules.v7"
REQUIRES: tuple[str, ...] = ()
ASSIGNS: tuple[str, ...] = ("dates",)

PAST, FUTURE = "past", "future"
AFTER_ACT = "after-act"  # the complement of a past act (agreed to, was asked to): after the act, near the report


@functools.cache
def lexicon() -> dict[str, Any]:
    """The word tables of ontology/dates.json (loaded once)."""
    return load("dates")


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
    timex: str | None = None  # the TimeML (TIMEX3) value when our gold convention differs from it
    anaphor: str | None = None  # resolved in context against an earlier date (see _in_context)
    shift: int = 0  # days from the date an anaphor resolves against
    yearless: bool = False  # the year was guessed from the anchor; a year stated in the sentence wins
    night: bool = False  # the expression names a night (so "at dawn" after it is the next day)
    holiday: str | None = None  # the holiday named, to re-date it when the sentence states a year
    stretch: bool = False  # an anaphor that, left unresolved, is still a stated stretch ("ten days before the summit")


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
    return (anchor.year + (1 if month < anchor.month and ahead <= 6 else 0)
            - (1 if month > anchor.month and ahead > 6 else 0))


def _duration(n: float | None, unit: str) -> str:
    letter, mult, is_time = lexicon()["units"][unit]
    t = "T" if is_time else ""
    if n is None:
        return f"P{t}X{'DE' if mult == 10 else 'CE' if mult == 100 else letter}"
    total = n * mult
    if total != int(total):  # half a year -> P6M, three and a half years -> P3Y6M, half a day -> PT12H
        if letter == "Y":
            years, months = int(total), round((total - int(total)) * 12)
            return f"P{years}Y{months}M" if years else f"P{months}M"
        if letter == "D":
            return f"PT{int(total * 24)}H"
        return f"P{t}{total:g}{letter}"
    return f"P{t}{int(total)}{letter}"


# --------------------------------------------------------------------------- holidays


def _easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _orthodox_easter(year: int) -> dt.date:
    """Orthodox Easter Sunday (Meeus' Julian computus, shifted to the Gregorian calendar, 1900-2099)."""
    d = (19 * (year % 19) + 15) % 30
    e = (2 * (year % 4) + 4 * (year % 7) - d + 34) % 7
    month, day = divmod(d + e + 114, 31)
    return dt.date(year, month, day + 1) + dt.timedelta(days=13)


def _holiday_key(text: str) -> str:
    return re.sub(r"[\s-]+", " ", text.lower().replace("’", "").replace("'", "")).strip()


@functools.cache
def _holiday_names() -> dict[str, str]:
    """Normalised surface form -> holiday key."""
    return {_holiday_key(k): v for k, v in lexicon()["holiday_names"].items()}


def _holiday_rule(name: str) -> dict[str, Any]:
    rule: dict[str, Any] = lexicon()["holidays"][name]
    return rule


def _holiday_precision(name: str) -> str:
    return str(_holiday_rule(name).get("precision", "day"))


def holiday_in(name: str, year: int) -> str | None:
    """The ISO value of a holiday (key as in ontology/dates.json "holidays") in one year, if known."""
    rule = _holiday_rule(name)
    offset = dt.timedelta(days=int(rule.get("offset", 0)))
    if "fixed" in rule:
        month, day = (int(x) for x in rule["fixed"].split("-"))
        return dt.date(year, month, day).isoformat()
    if "easter" in rule:
        base = _orthodox_easter(year) if rule["easter"] == "orthodox" else _easter(year)
        return (base + offset).isoformat()
    table = lexicon()["holiday_tables"][rule["table"]]
    if "next_year" in rule:  # Passover falls 163 days before the following Rosh Hashanah
        year += 1
    if str(year) not in table:
        return None
    d = dt.date.fromisoformat(f"{year}-{table[str(year)]}") + offset
    return d.strftime("%Y-%m") if rule.get("precision") == "month" else d.isoformat()


def _nearest_holiday(name: str, anchor: dt.date, tense: str | None) -> str | None:
    """The occurrence the tense points to: the last on/before the anchor (past), the next on/after it
    (future), else the nearest; "Eid" alone is whichever of its kinds is nearest."""
    names = _holiday_rule(name).get("any_of", [name])
    found = []
    for n in names:
        for year in (anchor.year - 1, anchor.year, anchor.year + 1):
            v = holiday_in(n, year)
            if v is not None:
                found.append(v)
    if not found:
        return None

    def start(v: str) -> dt.date:
        return dt.date.fromisoformat(v if len(v) == 10 else v + "-01")

    if tense == FUTURE:
        ahead = [v for v in found if start(v) >= anchor]
        return min(ahead, key=start) if ahead else None
    if tense == PAST:
        behind = [v for v in found if start(v) <= anchor]
        return max(behind, key=start) if behind else None
    return min(found, key=lambda v: abs((start(v) - anchor).days))


def _holiday_alt() -> str:
    """Holiday names as a regex; spaces and hyphens interchangeable, apostrophes optional."""
    names = sorted(lexicon()["holiday_names"], key=len, reverse=True)
    return "|".join(re.escape(n).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]+").replace("'", "['’]?")
                    for n in names)


# --------------------------------------------------------------------------- regex skeletons


def _lex_alts() -> dict[str, str]:
    lx = lexicon()
    tens = [w for w, v in lx["numbers"].items() if isinstance(v, int) and v % 10 == 0 and 20 <= v <= 90]
    articles = word_set("grammar", "indefinite_articles")  # "a"/"an" count 1 but never as "twenty-a"
    ones = [w for w, v in lx["numbers"].items() if isinstance(v, int) and 1 <= v <= 9 and w not in articles]
    return {
        "NUM": rf"(?:(?:\d+(?:\.\d+)?|(?:{_alt(tens)})-(?:{_alt(ones)})|{_alt(lx['numbers'])})(?:\s+and\s+a\s+half)?|"
               rf"{_alt(lx['vague_numbers'])})",
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
        "HOL": _holiday_alt(),
        "ANA": _alt(lx["anaphors"]),
        "DAYP": _alt(lx["day_parts"]),
        "HOLNOT": _alt(lx["holiday_not_before"]),
        "UADJ": _alt(lx["unit_adjectives"]),
        "UNIT1": _alt(lx["units"]),
    }


def _num(word: str) -> float | None:
    """Number word or digits -> number; None for vague amounts ("several")."""
    lx = lexicon()
    w = re.sub(r"\s+", " ", word.lower())
    if w.endswith(" and a half"):  # "three and a half years"
        whole = _num(w[: -len(" and a half")])
        return None if whole is None else whole + 0.5
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
    g = m.groupdict().get(group)  # a handler may read a group another pattern does not have
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
        year = _guess_year(ctx, month)
    try:
        return _Norm(dt.date(year, month, day).isoformat(), "day", yearless=not m["y"])
    except ValueError:
        return None


def _guess_year(ctx: _Ctx, month: int) -> int:
    assert ctx.anchor is not None
    if month == ctx.anchor.month:  # same month: the day decides the side
        return ctx.anchor.year
    return _month_year(ctx.anchor, month, None, ctx.tense)


def _h_day_range(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    """"March 3-5", "1-2 July 2022", "between 3 and 5 March": an interval of days."""
    month, d1, d2 = _month(m["mon"]), int(m["d"]), int(m["d2"])
    if d2 <= d1 or (m["sep"].lower() == "and" and not m["btw"]):
        return None  # "May 3 and 5" are two days, not a range
    if m["y"]:
        year = int(m["y"])
    elif ctx.anchor is None:
        return _Norm(None, "interval")
    else:
        year = _guess_year(ctx, month)
    try:
        a, b = dt.date(year, month, d1), dt.date(year, month, d2)
    except ValueError:
        return None
    return _Norm(f"{a.isoformat()}/{b.isoformat()}", "interval", yearless=not m["y"],
                 timex=a.isoformat())


def _h_month_range(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    """"between March and May", "from January to June 2021": an interval of months."""
    m1, m2 = _month(m["m1"]), _month(m["m2"])
    y2 = int(m["y2"]) if m["y2"] else None
    y1 = int(m["y1"]) if m["y1"] else y2
    if y1 is None:
        if ctx.anchor is None:
            return _Norm(None, "interval")
        y1 = _month_year(ctx.anchor, m1, None, ctx.tense)
    if y2 is None:
        y2 = y1 if m2 >= m1 else y1 + 1
    if (y2, m2) <= (y1, m1):
        return None
    return _Norm(f"{y1:04d}-{m1:02d}/{y2:04d}-{m2:02d}", "interval", timex=f"{y1:04d}-{m1:02d}")


def _h_year_range(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    """"from 2019 to 2021", "between 2010 and 2015": an interval of years."""
    y1, y2 = int(m["y1"]), int(m["y2"])
    if y2 <= y1 or y2 - y1 > 100:
        return None
    return _Norm(f"{y1:04d}/{y2:04d}", "interval", timex=f"{y1:04d}")


def _h_month_rel_year(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    """"January last year", "March of next year": the month of the year named relatively."""
    if ctx.anchor is None:
        return _Norm(None, "month")
    return _Norm(f"{ctx.anchor.year + (_rel(m) or 0):04d}-{_month(m['mon']):02d}", "month")


def _h_weekend(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    """"over the weekend": the weekend before the anchor (after it when the verb looks ahead)."""
    if ctx.anchor is None:
        return _Norm(None, "week")
    ahead = ctx.tense in (FUTURE, AFTER_ACT)
    saturday = _weekday_date(ctx.anchor, 6, +1 if ahead else -1, strict=False)
    if not ahead and ctx.anchor.isoweekday() == 6:
        saturday = ctx.anchor
    return _Norm(_week(saturday) + "-WE", "week")


def _h_holiday(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    """A named holiday (fixed, Easter-based, or from the lunar-calendar tables) in the year the text
    states, else the occurrence nearest the anchor on the side the tense points to."""
    if not m["hol"][0].isupper():
        return None  # news capitalises holidays; "easter" or "new year" in lower case is something else
    name = _holiday_names().get(_holiday_key(m["hol"]))
    if name is None:
        return None
    if m["y"]:
        value = holiday_in(name, int(m["y"]))
        return None if value is None else _Norm(value, _holiday_precision(name))
    if ctx.anchor is None:
        return _Norm(None, _holiday_precision(name))
    value = _nearest_holiday(name, ctx.anchor, ctx.tense)
    return None if value is None else _Norm(value, _holiday_precision(name), yearless=True, holiday=name)


def _h_anaphor(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    """"the next day", "the previous evening", "overnight", "at dawn": dated from the text's last
    resolved day (see _in_context)."""
    kind, shift, night = lexicon()["anaphors"][_low(m, "ana") or ""]
    return _Norm(None, "day", anaphor=kind, shift=int(shift), night=bool(night))


def _h_days_apart(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    """"two days after <event>", "a week later": a day counted from another dated event."""
    n = _num(m["num"])
    if n is None or n != int(n):
        return None
    days = int(n) * (7 if _unit(m["unit"]).startswith("week") else 1)
    kind, sign = lexicon()["day_offset_words"][m["dir"].lower()]
    return _Norm(None, "day", anaphor=kind, shift=sign * days, timex=_duration(n, _unit(m["unit"])),
                 stretch=_names_an_event(m, ctx))


def _names_an_event(m: re.Match[str], ctx: _Ctx) -> bool:
    """"before the summit" names an event (a stretch to it, if the text dates neither); "after it ended",
    "after leaving" is a clause that refers back to a told event, whose day is not the report's."""
    if ctx.token is None:
        return False
    nxt = next((t for t in ctx.token.doc if t.idx >= m.end() and not t.is_space), None)
    return nxt is not None and nxt.pos_ in ("DET", "NOUN", "PROPN", "ADJ", "NUM") and nxt.dep_ not in (
        "nsubj", "nsubjpass")


def _h_month_year(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    return _Norm(f"{int(m['y']):04d}-{_month(m['mon']):02d}", "month", _pos_mod(m))


def _h_season_year(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    """"the summer of 2019", "autumn 2018": the season of the year stated."""
    code, _ = lexicon()["seasons"][m["season"].lower()]
    if m["season"].lower() == "fall" and not (ctx.prep or m.group(0).lower().startswith("the") or m["pos"]):
        return None  # "prices fall 2019 ..." is the verb
    return _Norm(f"{int(m['y']):04d}-{code}", "season", _pos_mod(m))


def _h_age(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    """"a 300 year old custom", "the 12-year-old bridge": the age of a thing, a duration; a person's
    age ("a 41-year-old woman", "the 14-year-old") is no date."""
    n = _num(m["num"])
    if n is None or ctx.token is None:
        return None
    head = next((t for t in ctx.token.doc if t.idx >= m.end() and not t.is_space), None)
    if head is None or head.pos_ != "NOUN" or head.ent_type_:
        return None
    while head.dep_ == "compound" and head.head.i > head.i:
        head = head.head
    if head.lemma_.lower() in _age_people() or head.ent_type_ == "PERSON":
        return None
    return _Norm(_duration(n, "year"), "duration")


@functools.lru_cache(maxsize=1)
def _age_people() -> frozenset[str]:
    coref = load("coref")
    return frozenset([*lexicon()["age_person_heads"], *coref["person_nouns"], *coref["kinship"],
                      *(w for ws in coref["gendered_nouns"].values() for w in ws)])


def _h_unit_long(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    """"a month-long siege", "the year-long inquiry": one unit of time."""
    return _Norm(_duration(1.0, _unit(m["unit"])), "duration")


def _day(d: dt.date, suffix: str = "", **kw: Any) -> _Norm:
    """A day; the part of day or clock time ("Monday night") stays in the TimeML value only, because
    the gold convention dates an event by its day."""
    return _Norm(d.isoformat(), "day", timex=d.isoformat() + suffix if suffix else None,
                 night=suffix == "TNI", **kw)


def _named_weekday(m: re.Match[str], ctx: _Ctx, name: str) -> _Norm:
    pod = _low(m, "pod")
    suffix = f"T{lexicon()['parts_of_day'][pod]}" if pod else ""
    if ctx.anchor is None:
        return _Norm(None, "day")
    rel = _rel(m)
    wd = int(lexicon()["weekdays"][name])
    if rel == 1:
        d = _weekday_date(ctx.anchor, wd, +1, strict=True)
    elif rel == -1:  # "last Friday" said on a Friday is a week ago
        d = _weekday_date(ctx.anchor, wd, -1, strict=True)
    elif ctx.tense in (FUTURE, AFTER_ACT):
        d = _weekday_date(ctx.anchor, wd, +1, strict=False)
    else:  # past tense, present or unknown: news reports mostly look back
        d = _weekday_date(ctx.anchor, wd, -1, strict=False)
    return _day(d, suffix)


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
    lx = lexicon()
    if raw_rel in lx["stretch_refs"]:
        return True
    return prep in lx["spanning_preps"] and raw_rel.startswith(tuple(lx["spanning_refs"]))


def _h_rel_unit(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    """this/last/next week|month|year|weekend|quarter|decade|century."""
    unit = _unit(m["unit"])
    rel = _rel(m) or 0
    if _reads_as_duration(unit, _low(m, "rel") or "this", rel, ctx.prep):
        return _as_duration(1.0, unit, rel, ctx)
    if ctx.anchor is None:
        return _Norm(None, "week" if "week" in unit else unit)
    a = ctx.anchor
    if unit == "weekend" and rel == 0 and ctx.tense == PAST:
        return _h_weekend(m, ctx)  # "spoke at the fair this weekend" (told on a Tuesday): the one just past
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


def _h_year_end(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    """"by year end", "at year-end": the end of the report's year (of the year before, told in the past)."""
    if ctx.anchor is None:
        return _Norm(None, "year", "end")
    return _Norm(f"{ctx.anchor.year + (-1 if ctx.tense == PAST else 0):04d}", "year", "end")


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
    spans_time = rel is not None or ctx.prep in word_set("dates", "spanning_preps") \
        or ctx.prep in word_set("dates", "open_start_preps")
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
    if (n is not None and n > 1 and unit == m["unit"].lower() and not m["unit"].lower().endswith("s")
            and m["sep"] == " " and (not _modifies_noun(_unit_token(m, ctx))
                                     or re.fullmatch(r"1[6-9]\d\d|20\d\d", m["num"]))):
        return None  # "two year" without plural or hyphen is not a duration, unless it modifies a noun
    if n is None and unit == "day" and _rel(m) == -1 and ctx.anchor is not None:
        return _few_days_back(ctx)
    return _as_duration(n, unit, _rel(m), ctx, qualifier)


def _unit_token(m: re.Match[str], ctx: _Ctx) -> "Token | None":
    if ctx.token is None:
        return None
    span = ctx.token.doc.char_span(m.start("unit"), m.end("unit"), alignment_mode="expand")
    return span[-1] if span is not None and len(span) else None


def _modifies_noun(tok: "Token | None") -> bool:
    """"a 20 minute walk", "a 12 month cycle", "the 60 year Asian calendar": the unit word modifies a
    noun phrase after it (read from the next word, which survives a parse that misses the compound)."""
    if tok is None or tok.i + 1 >= len(tok.doc):
        return False
    nxt = tok.nbor(1)
    return nxt.pos_ in ("NOUN", "ADJ", "PROPN") and nxt.lower_ != "old" and nxt.ent_type_ not in ("DATE", "TIME")


def _few_days_back(ctx: _Ctx) -> _Norm:
    """"in the past few days", "in recent days": the ISO week of those days; TimeML keeps PXD."""
    assert ctx.anchor is not None
    back = ctx.anchor - dt.timedelta(days=int(lexicon()["few_days_offset"]))
    return _Norm(_week(back), "week", timex="PXD")


def _h_plural(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    """Vague plural durations: "recent weeks", "years", "months of"."""
    unit = _unit(m["unit"])
    if ctx.anchor is not None and _low(m, "rel") == "this" and unit in ("week", "month", "year"):
        return _h_rel_unit(m, ctx)  # "this years budget" ("these years" is the plural): a lost apostrophe
    if ctx.anchor is not None and _rel(m) == -1 and unit == "day" and m["rel"].lower() == "recent":
        return _few_days_back(ctx)
    n = _as_duration(None, unit, _rel(m), ctx)
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
    if re.match(r"[\s-]+years?[\s-]+old\b", m.string[m.end():], re.IGNORECASE):
        return None  # "a 2000 year old custom" is an age, not the year 2000
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
    if ctx.anchor is not None and word in lexicon()["present_day_refs"]:
        # "the petition now has 500 names": the state on the report's day; TimeML keeps PRESENT_REF
        return _Norm(ctx.anchor.isoformat(), "day", timex=lexicon()["refs"][word], needs_ent=needs)
    return _Norm(lexicon()["refs"][word], "ref", needs_ent=needs)


def _h_dayword(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    word = _low(m, "dw") or ""
    pod = _low(m, "pod")
    suffix = "TNI" if word == "tonight" else f"T{lexicon()['parts_of_day'][pod]}" if pod else ""
    if ctx.anchor is None:
        return _Norm(None, "day")
    return _day(ctx.anchor + dt.timedelta(days=int(lexicon()["day_words"][word])), suffix)


def _h_daypart(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    """"last night", "this morning": a part of a day named relative to the report's."""
    offset, pod = lexicon()["day_parts"][_low(m, "dp") or ""]
    if ctx.anchor is None:
        return _Norm(None, "day")
    return _day(ctx.anchor + dt.timedelta(days=int(offset)), f"T{pod}")


def _h_weekday_range(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    """"between Monday and Wednesday": the end by the tense, the start the named day before it."""
    if ctx.anchor is None:
        return _Norm(None, "interval")
    wd1, wd2 = (int(lexicon()["weekdays"][m[g].lower()]) for g in ("w1", "w2"))
    end = _weekday_date(ctx.anchor, wd2, +1 if ctx.tense in (FUTURE, AFTER_ACT) else -1, strict=False)
    start = _weekday_date(end, wd1, -1, strict=False)
    return _Norm(f"{start.isoformat()}/{end.isoformat()}", "interval", timex=start.isoformat())


def _h_day_of_month(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    """"on the 11th": a day of the month the text last dated (see _in_context)."""
    pod = _low(m, "pod")
    return _Norm(None, "day", anaphor="month_day", shift=int(m["d"]), night=pod == "night")


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
    direction = +1 if ctx.tense in (FUTURE, AFTER_ACT) else -1
    return _day(_weekday_date(ctx.anchor, wd, direction, strict=False), clock)


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
        (rf"(?P<h>\d{{1,2}})(?::(?P<mi>\d{{2}}))?\s*(?P<ampm>a\.m\.|p\.m\.|am|pm)?(?:\s+(?:GMT|UTC|EST|EDT|ET|"
         rf"local\s+time))?,?\s+(?:on\s+)?(?P<wd>{a['WD']})", _h_clock_day),
        (rf"(?P<wd>{a['WD']}),?\s+(?:at\s+)?(?P<h>\d{{1,2}})(?::(?P<mi>\d{{2}}))?\s*(?P<ampm>a\.m\.|p\.m\.|am|pm)?"
         rf"(?:\s+(?:GMT|UTC|EST|EDT|ET|local\s+time))?", _h_clock_day),
        (rf"(?:(?:every|each)\s+(?:single\s+)?(?P<what>{a['UNIT']}|{a['POD']}|{a['WD']})|"
         rf"(?P<what2>annually|yearly))", _h_set),
        (rf"(?P<num>\d+|{a['NUM']})(?=(?:\s+(?:and|to|or)\s+|\s*-\s*){a['NUM']}(?:\s+|"
         rf"-)(?P<unit>{a['PLURAL']}))", _h_range_first),
        (r"(?<=(?P<c>1[6-9]|20)\d\d-)(?P<yy>\d\d)", _h_year_tail),
        (rf"(?:(?P<btw>between)\s+|from\s+)?(?P<mon>{a['MONTH']})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*(?P<sep>-|–|"
         rf"to|through|until|and)\s*(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{{4}}))?(?![\d:])", _h_day_range),
        (rf"(?:(?P<btw>between)\s+|from\s+)?(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*(?P<sep>-|–|to|through|until|"
         rf"and)\s*(?:the\s+)?(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{a['MONTH']})"
         rf"\.?(?:,?\s+(?P<y>\d{{4}}))?", _h_day_range),
        (rf"(?:between|from)\s+(?P<m1>{a['MONTH']})(?:\s+(?P<y1>\d{{4}}))?\s+(?:and|to|until|through|till)\s+"
         rf"(?P<m2>{a['MONTH']})(?:,?\s+(?P<y2>\d{{4}}))?", _h_month_range),
        (r"(?:between|from)\s+(?P<y1>1[6-9]\d\d|20\d\d)\s+(?:and|to|until|through|till)\s+"
         r"(?P<y2>1[6-9]\d\d|20\d\d)", _h_year_range),
        (rf"(?P<mon>{a['MONTH']})\.?\s+(?:of\s+)?(?P<rel>last|next|this)\s+year", _h_month_rel_year),
        (r"the\s+weekend", _h_weekend),
        (rf"(?P<hol>{a['HOL']})(?!\s+(?:{a['HOLNOT']})\b)(?:,?\s+(?:in\s+|of\s+)?(?P<y>\d{{4}}))?", _h_holiday),
        (rf"(?P<ana>{a['ANA']})", _h_anaphor),
        (rf"(?P<num>{a['NUM']})\s+(?P<unit>days?|weeks?)\s+(?P<dir>"
         rf"{_alt(lexicon()['day_offset_words'])})(?!\s+(?:than|that)\b)", _h_days_apart),
        (rf"(?:(?:{a['WD']}),?\s+)?(?P<mon>{a['MONTH']})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?"
         rf"(?:,?\s+(?P<y>\d{{4}}))?(?!\d)", _h_full),
        (rf"(?:(?:{a['WD']}),?\s+)?(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{a['MONTH']})"
         rf"\.?(?:,?\s+(?P<y>\d{{4}}))?", _h_full),
        (rf"(?:(?P<pos>{a['POS']})(?:\s+|-))?(?P<mon>{a['MONTH']})\.?,?\s+(?:of\s+)?(?P<y>\d{{4}})", _h_month_year),
        (rf"(?:the\s+)?(?:(?P<pos>{a['POS']})(?:\s+|-)(?:of\s+)?)?(?:the\s+)?(?P<season>{a['SEASON']}),?\s+(?:of\s+)?"
         rf"(?P<y>1[6-9]\d\d|20\d\d)(?!\d)", _h_season_year),
        (rf"(?:(?:a|an|the)\s+)?(?P<unit>{a['UNIT1']})-long", _h_unit_long),
        (rf"(?P<num>{a['NUM']})[\s-]+years?[\s-]+old\b", _h_age),
        (rf"(?:(?P<pos>{a['POS']})(?:\s+|-)(?:of\s+)?)?(?:(?P<rel>{a['REL']})\s+)?(?P<name>{a['MONTH']}|{a['WD']}|"
         rf"{a['SEASON']})\.?(?:\s+(?P<pod>{a['POD']}))?", _h_named),
        (rf"(?:(?P<pos>{a['POS']})\s+(?:of\s+)?)?(?:(?P<rel>{a['REL']})\s+)(?:fiscal\s+|calendar\s+)?(?P<unit>week|"
         rf"weekend|month|year|quarter|decade|century)", _h_rel_unit),
        (r"(?P<pos>the\s+(?:end|beginning|start|middle)\s+of)\s+(?:the\s+)?year", _h_end_of_year),
        (r"(?:the\s+)?year[\s-]end", _h_year_end),
        (rf"(?:(?P<qb>{a['QB']})\s+)?(?:the\s+)?(?:(?P<rel>{a['REL']})\s+)?\[?(?P<num>{a['NUM']})\]?(?P<sep>\s+|-)"
         rf"(?:(?:{a['UADJ']})\s+)?(?P<unit>{a['UNIT']})(?!-old|\s+(?:and\s+)?old)(?:'|’)?(?:\s+(?P<ago>{a['AGO']}))?"
         rf"(?:\s+(?P<qa>{a['QA']}))?", _h_duration),
        (rf"(?:(?P<rel>{a['REL']})\s+)?(?:(?:several|few|many)\s+)?(?P<unit>"
         rf"{a['PLURAL']})(?!\s+(?:and\s+)?old|\s+of\s+(?:the\s+)?(?:{a['WD']}|{a['MONTH']}|\d))", _h_plural),
        (r"(?:the\s+)?(?:(?P<pos>early|late|mid)(?:\s+|-))?(?:(?P<dec>\d{3}0)'?s|"
         r"(?P<apos>['’])?(?P<dec2>\d0)s)", _h_decade),
        (rf"(?:the\s+)?(?:(?P<pos>early|late|mid)(?:\s+|-))?(?P<ord>\d{{1,2}}(?:st|nd|rd|th)"
         rf"|{a['ORD']})[\s-]+century", _h_century),
        (rf"(?:(?P<pos>{a['POS']})(?:\s+|-))?(?:the\s+year\s+)?(?P<y>1[6-9]\d\d|20\d\d)(?![\d%]|,\d|\.\d)", _h_year),
        (rf"(?P<dw>{a['DAYW']})(?:\s+(?P<pod>{a['POD']}))?", _h_dayword),
        (rf"(?P<dp>{a['DAYP']})", _h_daypart),
        (rf"(?:between|from)\s+(?P<w1>{a['WD']})\s+(?:and|to|until|through|"
         rf"till)\s+(?P<w2>{a['WD']})", _h_weekday_range),
        (rf"(?:the\s+(?P<pod>{a['POD']})\s+of\s+)?the\s+(?P<d>[1-9]|[12]\d|3[01])(?:st|nd|rd|"
         rf"th)(?!\s+(?!of\s)[A-Za-z])", _h_day_of_month),
        (rf"(?P<ref>{a['REF']})", _h_ref),
        (r"(?P<h>\d{1,2})(?::(?P<mi>\d{2}))?(?::(?P<s>\d{2}))?\s*(?P<ampm>a\.m\.|p\.m\.|am|pm)?(?:\s+(?:GMT|UTC|"
         r"EST|EDT|ET|local\s+time))?", _h_clock),
    ]
    return tuple((re.compile(lead + rx + tail, re.IGNORECASE), h) for rx, h in table)


# --------------------------------------------------------------------------- context from the parse


def _of_unscheduled_act(tok: "Token | None") -> bool:
    """A day owned by an act no one schedules ("after Sunday's bombing", "Monday's blast"):
    told by a report, such an act has happened, whatever tense the clause around it takes
    ("threatened to block roads after Friday's attack" is no Friday to come). Scheduled events
    ("ahead of Friday's vote") keep the clause's tense."""
    if tok is None or tok.dep_ != "poss":
        return False
    return tok.head.lemma_.lower() in lexicon()["unscheduled_acts"]


def _tense(tok: "Token | None") -> str | None:
    """Past/future from the verb governing a time expression (None: present or no verb)."""
    lx = lexicon()
    verb = tok
    via_noun = False  # the date modifies a noun on the way up ("the ruling of the court on July 8")
    for _ in range(6):
        if verb is None or verb.pos_ in ("VERB", "AUX") or verb.tag_.startswith("VB"):
            break
        if verb is not tok and verb.pos_ in ("NOUN", "PROPN") and verb.ent_type_ not in ("DATE", "TIME"):
            via_noun = True
        verb = verb.head if verb.head is not verb else None
    if verb is None:
        return None
    chain = [verb, *list(verb.ancestors)[:3]]
    for i, v in enumerate(chain):
        kids = {c.lower_ for c in v.children if c.dep_ in ("aux", "auxpass")}
        if kids & set(lx["future_aux"]):
            return FUTURE
        # An intention verb puts the time of its complement ahead ("plans to vote in May"), not its own
        # ("threatened on Monday to expel": Monday is when the threat was made).
        if v.lemma_.lower() in lx["future_cues"] and (i > 0 or v.tag_ not in ("VBD",)):
            return FUTURE
        # An act of agreeing or asking was itself in the past: its complement follows the act, which
        # puts a weekday ahead of the report ("agreed to meet on Wednesday") but not a month.
        if i > 0 and v.lemma_.lower() in lx["act_cues"]:
            return AFTER_ACT
        if v.tag_ == "VBD" or (v.tag_ == "VBN" and kids & set(lx["past_aux"])):
            return PAST
        if i == 0 and not via_noun and _scheduled_present(v, kids):
            return FUTURE  # the verb's own time, not that of a noun's event it mentions
        if _finite(v, kids):
            break  # a clause with its own present tense ("they have given ... until Friday") is not the matrix's
        if v.dep_ not in ("xcomp", "ccomp", "advcl", "conj"):
            break
    return None


def _scheduled_present(v: "Token", aux: set[str]) -> bool:
    """"The council meets on Thursday", "the minister is visiting on Friday": news tells what is
    scheduled in the present; what has happened is told in the past (or the perfect, not counted)."""
    if v.lemma_.lower() in lexicon()["report_verbs"] or aux & word_set("grammar", "perfect_aux"):
        return False
    progressive = word_set("grammar", "progressive_present_aux")
    return v.tag_ in ("VBZ", "VBP") or (v.tag_ == "VBG" and bool(aux & progressive))


def _finite(v: "Token", aux: set[str]) -> bool:
    if "to" in aux:
        return False  # "to be released", "to have died": an infinitive takes its time from the verb it completes
    return v.tag_ in ("VBZ", "VBP", "MD") or bool(aux)


@dataclass(frozen=True, slots=True)
class _Cand:
    start: int
    end: int
    norm: _Norm
    prep: str | None
    prep_start: int


def _prep_before(text: str, start: int) -> tuple[str | None, int]:
    """The preposition right before a match ("on Monday", "as of May"), and where it starts."""
    j = start
    while j > 0 and text[j - 1].isspace():
        j -= 1
    if j == start:
        return None, start  # no space right before the match: the pattern's "\s+$" cannot match
    # Search only a window that can hold the longest preposition (a search from offset 0 per candidate
    # is quadratic in the text); a window with irregular spacing might cut a multi-word one: search all.
    lo = max(0, j - _prep_reach())
    if _IRREGULAR_SPACE.search(text, lo, j):
        lo = 0
    m = _prep_re().search(text, lo, start)
    if m is None:
        return None, start
    return re.sub(r"\s+", " ", m["p"].lower()), m.start("p")


_IRREGULAR_SPACE = re.compile(r"[^\S ]|  ")


@functools.cache
def _prep_reach() -> int:
    """Twice the longest preposition, single-spaced: any match ending where the window ends fits in it
    unless the window has irregular spacing."""
    return 2 * max(len(w) for w in lexicon()["prepositions"])


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
            tense = PAST if _of_unscheduled_act(tok) else (
                _tense(tok) or (FUTURE if prep in lexicon()["future_preps"] else None))
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
    return dataclasses.replace(c, norm=dataclasses.replace(n, value=f"{n.value}/{anchor.isoformat()}",
                                                           precision="interval"))


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


def _timed(doc: "Doc", report_id: str, published: str | None) -> list[tuple[TimeValue, _Norm]]:
    anchor = _anchor(published)
    text = doc.text
    out = []
    kept = [_since(c, anchor) for c in _select(list(_candidates(doc, anchor))) if not _ordinal_not_time(doc, c.end)]
    for c in _in_context(kept, doc, anchor):
        start = c.prep_start if c.prep else c.start
        n = c.norm
        tv = TimeValue(
            span=Span(report_id, start, c.end, text[start : c.end]),
            value=n.value,
            precision=n.precision,
            qualifier=n.qualifier,
            anchor=anchor.isoformat() if anchor else None,
            interval=n.interval,
            extractor=NAME,
        )
        out.append((tv, n))
    return out


def extract_timex(doc: "Doc", report_id: str, published: str | None) -> list[tuple[TimeValue, str | None]]:
    """Every time expression with its TimeML (TIMEX3) value beside our own, for TempEval scoring."""
    return [(tv, n.timex if n.timex is not None else n.value) for tv, n in _timed(doc, report_id, published)]


def extract(doc: "Doc", report_id: str, published: str | None) -> tuple[TimeValue, ...]:
    """All normalised time expressions of a parsed text; an anaphor with nothing to count from
    ("the next day" with no day before it) is dropped rather than guessed."""
    return tuple(tv for tv, n in _timed(doc, report_id, published)
                 if not (n.anaphor and n.value is None and tv.anchor is not None))


# --------------------------------------------------------------------------- context


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _in_context(cands: list[_Cand], doc: "Doc", anchor: dt.date | None) -> list[_Cand]:
    """Second pass in text order: a yearless date takes the year its sentence states ("December 6-8
    ... last year"); anaphors count from the last day the text resolved ("the previous evening"),
    a day apart from an event from the day of its sentence ("freed on Tuesday, a day after ...")."""
    text = doc.text  # read once: spaCy rebuilds it from the tokens on every read
    starts = [s.start_char for s in doc.sents]
    sent_of = [bisect.bisect_right(starts, c.start) - 1 for c in cands]
    years: dict[int, set[str]] = {}
    for c, sid in zip(cands, sent_of, strict=True):
        # a year stated as the clause's time ("in 2018", "last year"), not a modifier ("a 2017 deal")
        adjunct = c.prep is not None or re.match(r"(?:last|this|next)\b", text[c.start:c.end], re.I)
        if c.norm.precision == "year" and c.norm.value and re.fullmatch(r"\d{4}", c.norm.value) and adjunct:
            years.setdefault(sid, set()).add(c.norm.value)
    out: list[_Cand] = []
    last: tuple[dt.date, bool] | None = None
    for i, c in enumerate(cands):
        n = c.norm
        stated = years.get(sent_of[i], set())
        if n.yearless and n.value and len(stated) == 1:
            n = _in_year(n, int(next(iter(stated))))
        if n.anaphor and (anchor is not None or n.anaphor == "event"):  # "a week later" needs no report date
            n = _resolve_anaphor(n, last, anchor, cands, out, sent_of, i)
        if n.value and _DAY.fullmatch(n.value) and n.precision == "day" and n.timex != "PRESENT_REF":
            last = (dt.date.fromisoformat(n.value), n.night)  # "now" tells no day an anaphor counts from
        out.append(dataclasses.replace(c, norm=n))
    return out


def _in_year(n: _Norm, year: int) -> _Norm:
    if n.holiday:
        value = holiday_in(n.holiday, year)
        return n if value is None else dataclasses.replace(n, value=value, timex=None)
    value = re.sub(r"\b\d{4}-", f"{year:04d}-", n.value or "")
    try:
        for part in value.split("/"):
            dt.date.fromisoformat(part)
    except ValueError:
        return n  # 29 February in a year without one
    timex = value.split("/")[0] if n.timex is not None else None
    return dataclasses.replace(n, value=value, timex=timex)


def _resolve_anaphor(n: _Norm, last: tuple[dt.date, bool] | None, anchor: dt.date | None, cands: list[_Cand],
                     done: list[_Cand], sent_of: list[int], i: int) -> _Norm:
    base: dt.date | None = None
    shift = n.shift
    if anchor is None and n.anaphor != "event":
        return n  # the others count from the report's day
    if n.anaphor == "event":
        base = last[0] if last else None
        if base is None and n.timex is not None and n.timex.startswith("P"):
            # "four days later", "two weeks earlier" with no day told before: the offset itself, a duration
            # (as TimeML codes it), rather than a date no one can read
            return dataclasses.replace(n, value=n.timex, precision="duration", anaphor=None)
    elif n.anaphor == "report":
        # "overnight" is the night before the report, or the night after an earlier day the text told
        if last is None:
            base = anchor
        else:
            base, shift = (min(last[0], anchor + dt.timedelta(days=shift)), 0) if shift < 0 else (last[0], shift)
    elif n.anaphor == "dawn":
        base = last[0] if last else anchor
        shift += 1 if last and last[1] else 0
    elif n.anaphor == "apart":
        base, shift = _apart_base(n.shift, cands, done, sent_of, i)
        if base is None and n.stretch:  # "ten days before the summit", no day stated: the stretch itself
            return dataclasses.replace(n, value=n.timex, precision="duration", anaphor=None)
    elif n.anaphor == "month_day":
        return _month_day(n, last[0] if last else None, anchor)
    if base is None:
        return n
    return dataclasses.replace(n, value=(base + dt.timedelta(days=shift)).isoformat())


def _month_day(n: _Norm, last: dt.date | None, anchor: dt.date) -> _Norm:
    """The day of the month the text last dated; with none, of the report's month (or the one before,
    when that day is still to come)."""
    ref = last or anchor
    year, month = ref.year, ref.month
    if last is None and n.shift > anchor.day:
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    try:
        return dataclasses.replace(n, value=dt.date(year, month, n.shift).isoformat())
    except ValueError:
        return n


def _apart_base(days: int, cands: list[_Cand], done: list[_Cand], sent_of: list[int], i: int
                ) -> tuple[dt.date | None, int]:
    """"X on D, two days after Y": Y is D - 2. "Two days after Y on D, X": X is D + 2."""
    for j in range(i - 1, -1, -1):
        if sent_of[j] != sent_of[i]:
            break
        v = done[j].norm.value
        if v and _DAY.fullmatch(v) and done[j].norm.precision == "day":
            return dt.date.fromisoformat(v), -days
    for j in range(i + 1, len(cands)):
        if sent_of[j] != sent_of[i]:
            break
        v = cands[j].norm.value
        if v and _DAY.fullmatch(v) and cands[j].norm.precision == "day" and not cands[j].norm.anaphor:
            return dt.date.fromisoformat(v), days
    return None, 0


def _ordinal_not_time(doc: "Doc", end: int) -> bool:
    """'a second file', 'the second round': the unit word modifies a noun, so it is an ordinal."""
    span = doc.char_span(end - 1, end, alignment_mode="expand")
    last = span[-1] if span is not None and len(span) else None
    return last is not None and last.lower_ == "second" and last.dep_ == "amod"


def run(doc: "Doc", analysis: Analysis) -> Analysis:
    report = analysis.report
    return dataclasses.replace(analysis, dates=extract(doc, report.id, report.published))
