"""Coreference v8: a text put on a body's own channel ('a notice on the water board's website', 'a
statement posted on the company's page') speaks for that body, so its quotes are the body's. Every
sentence is invented."""

from __future__ import annotations

import pytest

from factfinder.pipeline import analyse
from factfinder.records import Report


def _speakers(text: str) -> list[str | None]:
    return [q.speaker for q in analyse(Report(id="t", text=text, published="2026-03-04")).quotes]


@pytest.mark.parametrize("text, body", [
    ("The Varnok Water Board shut two reservoirs on Monday. A notice on the Varnok Water Board website says: "
     "\"Supplies will be restored within two days.\"", "Varnok Water Board"),
    ("Harlan Foods closed its kitchens. A media release on the Harlan Foods website states: "
     "\"Customer safety is our first concern.\"", "Harlan Foods"),
    ("Dornick Rail cancelled all trains. An update posted on the Dornick Rail account read: "
     "\"Services will resume when the line is safe.\"", "Dornick Rail"),
])
def test_a_text_on_a_bodys_own_channel_is_the_bodys(text, body):
    assert _speakers(text) == [body]


def test_a_channel_no_one_owns_names_no_speaker():
    # no owner on the channel: the notice is left unresolved, not given to the last body named
    report = Report(id="t", text="The mill closed in May. A notice on the website said: \"Orders are suspended.\"",
                    published="2026-03-04")
    assert [q.speaker_id for q in analyse(report).quotes] == [None]
