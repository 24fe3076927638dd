"""The list commands (`factfinder events`, `quotes`, `claims`) share one output shape: JSON or a line a row."""

from __future__ import annotations

import json

from factfinder.cli.common import show_rows as show
from factfinder.cli.facts import _claim_line, _event_line, _quote_line

EVENT = {"date": "2025-03-02", "negated": True, "plover": "ASSAULT", "mode": "beat", "sources": "Police",
         "targets": "Protesters", "source_names": ["Police"], "target_names": ["Protesters"],
         "report_id": "r1", "start": 10, "end": 17, "asserted_by": "Harbour Courier"}
QUOTE = {"speaker": "Mira Tolvanen", "cue": "said", "direct": False, "text": "the talks would resume",
         "report_id": "r2"}
CLAIM = {"asserted_by": "Ostrava Rights Watch", "kind": "legal_characterisation", "label": "persecution",
         "text": "a campaign of persecution", "report_id": "r3"}


def test_rows_print_one_line_each_or_as_json(capsys):
    show([EVENT, EVENT], False, _event_line)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and "NOT ASSAULT/beat Police -> Protesters" in lines[0] and "[r1 10:17]" in lines[0]
    show([QUOTE, CLAIM], True, _quote_line)
    assert json.loads(capsys.readouterr().out) == [QUOTE, CLAIM]
    show([QUOTE], False, _quote_line)
    assert capsys.readouterr().out.strip() == "Mira Tolvanen said: (indirect) the talks would resume  [r2]"
    show([CLAIM], False, _claim_line)
    assert "Ostrava Rights Watch: legal_characterisation 'persecution'" in capsys.readouterr().out


def test_case_list_and_audit_print_through_the_same_row_helper(capsys):
    from factfinder.cli.cases import _audit_line, _case_line

    case = {"id": "c0a1", "name": "Orvik 2025", "created_at": "2025-04-01T10:00:00+00:00"}
    show([case], False, _case_line)
    assert capsys.readouterr().out.strip() == "c0a1  Orvik 2025  2025-04-01T10:00:00+00:00"
    show([], False, _case_line, empty="no cases yet")
    assert capsys.readouterr().out.strip() == "no cases yet"
    row = {"id": 1, "at": "2025-04-01", "who": "alice", "action": "accept", "target_table": "events",
           "target_id": "r1:events:0", "why": None}
    show([row], False, _audit_line)
    assert capsys.readouterr().out.strip() == "1  2025-04-01  alice  accept  events:r1:events:0"
    show([row], True, _audit_line)
    assert json.loads(capsys.readouterr().out) == [row]
