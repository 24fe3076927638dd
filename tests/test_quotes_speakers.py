"""Quote speakers (quotes v6) on small reports we wrote, parsed for real: a capital that speaks is its
state, and an appositive set off by a comma describes the name just before it."""

from __future__ import annotations

import pytest

from factfinder.extract import quotes
from factfinder.pipeline import analyse
from factfinder.records import Analysis, Report


def run(text: str) -> Analysis:
    return analyse(Report(id="t", text=text))


def speaker_of(a: Analysis, words: str) -> str | None:
    hits = [q for q in a.quotes if words in q.span.text]
    assert hits, f"no quote with {words!r}: {[q.span.text for q in a.quotes]}"
    return hits[0].speaker


def test_version_bumped():
    assert quotes.NAME == "factfinder.quotes.rules.v6"


@pytest.mark.parametrize("text, words, state", [
    ("Moscow said on Monday that the new sanctions were illegal.\n", "sanctions were illegal", "Russia"),
    ("Paris warned that it would recall its ambassador.\n", "recall its ambassador", "France"),
    ("Nairobi insisted the election had been fair.\n", "election had been fair", "Kenya"),
])
def test_a_capital_that_speaks_is_its_state(text, words, state):
    assert speaker_of(run(text), words) == state


def test_a_capital_speaks_as_the_state_the_report_names():
    a = run("Norland and Ruritania traded accusations. Later Beijing said the patrols were routine, and China "
            "asked for calm.\n")
    assert speaker_of(a, "patrols were routine") == "China"


def test_a_city_that_is_no_capital_is_not_a_state():
    a = run("Lyon said the tram line would reopen on Monday.\n")
    assert speaker_of(a, "tram line") != "France"


@pytest.mark.parametrize("text, words, name", [
    # the parser hangs "the union of the port" on "blockade"; the comma still ties it to the name before it
    ("The blockade was claimed on Tuesday by the Tessaly Dockers' Union (TDU), the union of the port, which "
     "said the owners had ignored safety rules.\n", "ignored safety rules", "Tessaly Dockers' Union"),
    ("The ambush was claimed on Friday by the Halvor Liberation Front (HLF), the rebels' armed wing in the "
     "north, which said its fighters had seized the depot.\n", "seized the depot", "Halvor Liberation Front"),
    ("The kidnapping was claimed late on Monday by the Kessian People's Army (KPA), the group's military arm "
     "in the hills, which said the hostages were alive.\n", "hostages were alive", "Kessian People's Army"),
])
def test_an_appositive_with_a_relative_clause_speaks_for_the_name_before_it(text, words, name):
    assert speaker_of(run(text), words) == name
