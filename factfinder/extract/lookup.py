"""Questions stages ask of an Analysis about one stretch of text: when did the happening of this clause
take place, how many did it count, where does its sentence start and end.

Not a stage (nothing is assigned): later stages (events, and anything that dates or counts a clause)
call these with the parse and the facts earlier stages found, so the rules live in one place.

- Date of a clause: a time expression of the trigger's own clause, or of a clause governing it, in
  the same sentence ("As X seeks a new term next year, ... he is ramping up the pressure" gives "next
  year" to "seeks" only; a verb's subordinate clauses keep their dates, a noun's modifiers date it). Without one, an event told in the present ("is ramping up", "has detained",
  "now") happens at the report date; an event told in the past without a stated date carries none.
- Magnitude of a clause: the count of people or things in the clause nearest the trigger (ages,
  measures, sums and lengths of time are not an event's magnitude).
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from ..ontology import word_set
from ..records import Analysis, Magnitude, TimeValue
from .magnitudes import is_count

if TYPE_CHECKING:
    from spacy.tokens import Token

PRESENT_TAGS = ("VBZ", "VBP")


def sentence_bounds(tok: "Token") -> tuple[int, int]:
    """Character offsets of the sentence holding ``tok``."""
    sent = tok.sent
    return sent.start_char, sent.end_char


def governing_verb(tok: "Token") -> "Token":
    """The nearest verb at or above ``tok`` (the clause a phrase belongs to)."""
    cur = tok
    for _ in range(20):
        if cur.pos_ in ("VERB", "AUX") or cur.head.i == cur.i:
            return cur
        cur = cur.head
    return cur


def in_clause(trigger: "Token", lo: int, hi: int) -> bool:
    """Whether the text at [lo, hi) belongs to the trigger's clause or a clause governing it."""
    span = trigger.doc.char_span(lo, hi, alignment_mode="expand")
    if span is None:
        return True
    root = span.root
    gov = governing_verb(root)
    if gov.i == trigger.i or any(a.i == gov.i for a in trigger.ancestors):
        return True
    # A noun's own modifiers date it ("the arrest on Monday"); a verb's subordinate clauses date
    # their own verbs ("as the council prepares for elections in 2026, police are arresting ...").
    return trigger.pos_ not in ("VERB", "AUX") and trigger.left_edge.i <= root.i <= trigger.right_edge.i


def _dates_a_clause(d: TimeValue) -> bool:
    """Values that can date an event: points, intervals and durations that cover a known stretch."""
    if not d.value or d.span is None or d.value in ("PAST_REF", "FUTURE_REF"):
        return False
    return d.precision != "duration" or bool(d.interval)


def told_in_present(trigger: "Token") -> bool:
    """"is ramping up", "has detained", "say": the text places the happening at the time of the report."""
    verb = governing_verb(trigger)
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if aux & word_set("grammar", "not_present_aux"):
        return False
    return verb.tag_ in PRESENT_TAGS or bool(aux & word_set("grammar", "present_aux"))


def date_of_clause(analysis: Analysis, sent_lo: int, sent_hi: int, at: int, trigger: "Token | None" = None,
                   extractor: str = "") -> TimeValue | None:
    """The date of the happening whose trigger is at ``at`` in the sentence [sent_lo, sent_hi)."""
    inside = [d for d in analysis.dates if _dates_a_clause(d) and d.span is not None
              and sent_lo <= d.span.start and d.span.end <= sent_hi
              and (trigger is None or in_clause(trigger, d.span.start, d.span.end))]
    pub = analysis.report.published
    if inside:
        best = min(inside, key=lambda d: (d.precision == "duration", abs(d.span.start - at)))  # type: ignore[union-attr]
        if best.value == "PRESENT_REF":
            return _report_date(pub, extractor)
        if best.precision == "duration":
            return dataclasses.replace(best, value=best.interval, precision="interval")
        return best
    if trigger is not None and told_in_present(trigger):
        return _report_date(pub, extractor)
    return None


def _report_date(pub: str | None, extractor: str) -> TimeValue | None:
    if not pub:
        return None
    return TimeValue(span=None, value=pub, precision="day", anchor=pub, extractor=extractor)


def magnitude_of_clause(analysis: Analysis, lo: int, hi: int, at: int) -> Magnitude | None:
    """The count in the clause [lo, hi) nearest the trigger at ``at``."""
    inside = [m for m in analysis.magnitudes if lo <= m.span.start and m.span.end <= hi and is_count(m)]
    return min(inside, key=lambda m: abs(m.span.start - at)) if inside else None
