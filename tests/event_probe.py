"""One invented sentence through the whole pipeline, and the event a trigger word makes: shared by the
event-actor and event-argument tests."""

from __future__ import annotations

from factfinder.records import Event, Report


def events(text: str) -> tuple[Event, ...]:
    from factfinder.pipeline import analyse

    return analyse(Report(id="t", text=text, published="2025-03-04", outlet="Test Wire")).events


def one(text: str, trigger: str) -> Event:
    found = [e for e in events(text) if e.trigger.text == trigger]
    assert found, f"no event triggered by {trigger!r}: {[e.trigger.text for e in events(text)]}"
    return found[0]
