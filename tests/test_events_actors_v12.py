"""Event actors, events.rules.v12: a clause told by a finite verb of speech is finite, so a regular
past the small model tags as a participle ("witnesses said soldiers fired on ...") is active and its
subject the doer; a participle with a finite verb of its own after it ("said the two men shot there
died after ...") stays a reduced relative. Every sentence is invented."""

from __future__ import annotations

import pytest

from event_probe import one as _one


@pytest.mark.parametrize("text, trigger, source", [
    ("Witnesses said police stationed nearby fired on the crowd.", "fired", "police"),
    ("The mayor said soldiers stationed nearby fired on the protesters.", "fired", "soldiers"),
    ("A doctor said police stationed nearby fired at the bus.", "fired", "police"),
])
def test_the_subject_of_a_told_clause_is_its_doer(text, trigger, source):
    ev = _one(text, trigger)
    assert source in " ".join(ev.sources).lower() and source not in " ".join(ev.targets).lower(), (
        ev.sources, ev.targets)


def test_a_participle_with_a_finite_verb_after_it_is_a_reduced_relative():
    ev = _one("Relatives said the two men killed at the checkpoint died after a shell hit their car.", "killed")
    assert not any("men" in s for s in ev.sources), ev.sources
