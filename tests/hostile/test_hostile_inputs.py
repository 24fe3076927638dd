"""Hostile inputs through the real CLI: one folder holding every class of input that used to abort a
batch or lose items silently. Each test checks one class: the item is stored, stored as a sighting,
or quarantined with a one-line message naming it and the fix; the batch goes on; exit code 1 (some
inputs quarantined); no traceback on stderr; the summary is true."""

from __future__ import annotations

import gzip
import json
import os
import stat
from pathlib import Path

import pytest

from hostile_util import assert_clean_stderr, cli, quarantine_messages, rows, summary_of

SENT = "Police detained {n} students in the Norland capital on Friday, witnesses told the Vesk Courier."


def _line(**fields: object) -> str:
    return json.dumps(fields)


def _raw_line(body: str) -> str:
    """A JSON line written by hand (escapes such as \\ud800 that json.dumps would not produce)."""
    return body


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    folder = root / "in"
    folder.mkdir()
    # 1. Lone surrogates (valid JSON escapes, not characters) in text, outlet and id; then a good line.
    (folder / "surrogates.jsonl").write_text("\n".join([
        '{"id": "sur-1", "text": "Police said \\ud800 forty people were held."}',
        '{"id": "sur-2", "outlet": "\\ud800 Wire", "text": "Troops left the border town on Monday."}',
        '{"id": "\\udfff", "text": "The minister resigned on Tuesday, aides said."}',
        _line(id="sur-ok", text=SENT.format(n=11)),
    ]) + "\n")
    # 2. Records without an id, one of them broken: the lines after it must still be read.
    (folder / "noid.jsonl").write_text("\n".join([
        _line(text=SENT.format(n=12)),
        '{"text": "A broken \\udc80 record without an id."}',
        _line(text=SENT.format(n=13)),
    ]) + "\n")
    # 3. A line nested very deep and a 5,000-digit integer between good lines.
    (folder / "deep.jsonl").write_text("\n".join([
        _line(id="deep-1", text=SENT.format(n=14)),
        "[" * 200_000 + "]" * 200_000,
        '{"id": "deep-big", "count": ' + "7" * 5000 + ', "text": "A number too long."}',
        _line(id="deep-2", text=SENT.format(n=15)),
    ]) + "\n")
    # 4. A file name that is not valid UTF-8.
    with open(os.fsencode(folder) + b"/caf\xe9-report.txt", "w", encoding="utf-8") as fh:
        fh.write(SENT.format(n=16))
    # 5. Same id, different text; 6. the same text from another outlet (a sighting).
    (folder / "ids.jsonl").write_text("\n".join([
        _line(id="same-1", outlet="Vesk Courier", text=SENT.format(n=17)),
        _line(id="same-1", outlet="Vesk Courier", text="A different report that reuses the id of another one."),
        _line(id="seen-1", outlet="Alpha Wire", url="https://alpha.example/1", text=SENT.format(n=18)),
        _line(id="seen-1", outlet="Beta Post", url="https://beta.example/9", captured_at="2025-02-03T04:05:06Z",
              text=SENT.format(n=18)),
    ]) + "\n")
    # 7. Things in a folder that are not regular files.
    os.symlink(root / "gone.txt", folder / "dangling.txt")
    os.mkfifo(folder / "pipe.txt")
    os.symlink("/dev/zero", folder / "zero.txt")
    # 8. UTF-16 JSONL with a BOM: every line, not only the first.
    (folder / "utf16.jsonl").write_bytes("\n".join(
        _line(id=f"u16-{n}", text=SENT.format(n=20 + n) + " Café owners agreed.") for n in range(3)
    ).encode("utf-16"))
    # 9. Non-string fields: numbers converted explicitly, objects/arrays/booleans refused.
    (folder / "types.jsonl").write_text("\n".join([
        '{"id": 19, "title": 42, "text": "' + SENT.format(n=19) + '"}',
        _line(id="typ-list", title=["a", "b"], text=SENT.format(n=30)),
        _line(id="typ-obj", outlet={"name": "x"}, text=SENT.format(n=31)),
        _line(id="typ-bool", story=True, text=SENT.format(n=32)),
    ]) + "\n")
    # 10. Legacy encodings: Western cp1252 decoded by evidence; Cyrillic and mixed files quarantined.
    (folder / "geneve.txt").write_bytes("Le procès s'est ouvert à Genève, a déclaré l'avocat.".encode("cp1252"))
    (folder / "cyrillic.txt").write_bytes("Полиция задержала сорок студентов в столице".encode("cp1251"))
    (folder / "mixed.txt").write_bytes("Réunion à Genève".encode() + " et à Zürich".encode("cp1252"))
    # 11. A decompression bomb named like a web archive.
    (folder / "zeros.warc.gz").write_bytes(gzip.compress(b"\0" * 50_000_000, 9))
    db = root / "hostile.db"
    proc = cli("ingest", folder, "--db", db, "--no-progress", "--json", timeout=240)
    return {"root": root, "folder": folder, "db": db, "proc": proc, "summary": summary_of(proc),
            "stderr": assert_clean_stderr(proc)}


def _message(batch, needle: str) -> str:
    found = [m for m in quarantine_messages(batch["db"]) if needle in m]
    assert len(found) == 1, (needle, quarantine_messages(batch["db"]))
    return found[0]


def _ids(batch) -> set[str]:
    return {r[0] for r in rows(batch["db"], "SELECT id FROM reports")}


def test_batch_finishes_with_exit_1_a_true_summary_and_no_traceback(batch):
    assert batch["proc"].returncode == 1  # some inputs quarantined, the rest stored
    s = batch["summary"]
    assert s["complete"] is True and s["incomplete_inputs"] == 0
    assert s["quarantined"] == len(quarantine_messages(batch["db"]))
    # Every failure is printed as one error line naming its input.
    assert sum(1 for line in batch["stderr"] if line.startswith("error: ")) == s["quarantined"]
    assert all("\n" not in m and m.startswith(str(batch["folder"])) for m in quarantine_messages(batch["db"]))


def test_lone_surrogates_quarantine_their_line_only(batch):
    for n, field in ((1, '"text"'), (2, '"outlet"'), (3, '"id"')):
        msg = _message(batch, f"surrogates.jsonl:{n}:")
        assert "lone UTF-16 surrogate" in msg and field in msg and "Re-export" in msg
    assert "sur-ok" in _ids(batch)


def test_records_without_id_do_not_stop_the_file(batch):
    msg = _message(batch, "noid.jsonl:2:")
    assert "surrogate" in msg
    texts = {r[0] for r in rows(batch["db"], "SELECT text FROM reports WHERE source LIKE '%noid.jsonl%'")}
    assert texts == {SENT.format(n=12), SENT.format(n=13)}


def test_deep_nesting_and_huge_integers_do_not_drop_later_lines(batch):
    assert "nested too deep" in _message(batch, "deep.jsonl:2:")
    assert "cannot be read" in _message(batch, "deep.jsonl:3:")
    assert {"deep-1", "deep-2"} <= _ids(batch)


def test_non_utf8_file_name_is_read_and_named_with_escapes(batch):
    (source,) = [r[0] for r in rows(batch["db"], "SELECT source FROM reports WHERE text = ?", (SENT.format(n=16),))]
    assert source.endswith("caf\\xe9-report.txt")


def test_same_id_different_text_is_stored_under_a_derived_id_with_a_note(batch):
    same = rows(batch["db"], "SELECT id, text FROM reports WHERE id LIKE 'same-1%' ORDER BY id")
    assert [r[0] for r in same][0] == "same-1" and len(same) == 2
    derived = same[1][0]
    assert derived.startswith("same-1~") and same[1][1].startswith("A different report")
    notes = [line for line in batch["stderr"] if line.startswith("note: ")]
    assert any("same-1" in n and derived in n and "ids.jsonl:1" in n and "ids.jsonl:2" in n for n in notes), notes
    assert batch["summary"]["renamed"] == 1


def test_same_text_from_another_outlet_is_kept_as_a_sighting(batch):
    assert rows(batch["db"], "SELECT outlet, url FROM reports WHERE id = 'seen-1'") == [
        ("Alpha Wire", "https://alpha.example/1")]
    assert rows(batch["db"], "SELECT outlet, url, captured_at, source LIKE '%ids.jsonl:4' FROM sightings"
                             " WHERE report_id = 'seen-1'") == [
        ("Beta Post", "https://beta.example/9", "2025-02-03T04:05:06Z", 1)]
    assert batch["summary"]["sightings"] == 1


def test_dangling_links_fifos_and_devices_in_a_folder_are_quarantined(batch):
    assert "does not exist" in _message(batch, "dangling.txt")
    assert "a FIFO" in _message(batch, "pipe.txt")
    msg = _message(batch, "zero.txt")
    assert "a character device" in msg and "symbolic link" in msg


def test_unreadable_subfolder_is_quarantined(tmp_path, monkeypatch):
    """Run as root, chmod 000 does not stop a listing, so the refusal is simulated at os.scandir."""
    from factfinder import sources
    from factfinder.sources import load

    (tmp_path / "a.txt").write_text(SENT.format(n=40))
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text(SENT.format(n=41))
    real = os.scandir

    def scandir(path):  # type: ignore[no-untyped-def]
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(sources.os, "scandir", scandir)
    out = list(load([tmp_path]))
    assert [i.report.text for i in out if i.report] == [SENT.format(n=40)]
    (q,) = [i.quarantined for i in out if i.quarantined]
    assert str(locked) in q.message and "cannot be listed" in q.message and "chmod" in q.message


@pytest.mark.skipif(os.geteuid() == 0, reason="root can list any folder")
def test_unreadable_subfolder_for_real(tmp_path):  # pragma: no cover - not run as root
    from factfinder.sources import load

    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text(SENT.format(n=41))
    locked.chmod(0)
    try:
        (item,) = load([tmp_path])
        assert item.quarantined and "cannot be listed" in item.quarantined.message
    finally:
        locked.chmod(stat.S_IRWXU)


def test_utf16_jsonl_is_read_to_the_end(batch):
    got = rows(batch["db"], "SELECT id, text FROM reports WHERE id LIKE 'u16-%' ORDER BY id")
    assert [r[0] for r in got] == ["u16-0", "u16-1", "u16-2"]
    assert all(r[1].endswith("Café owners agreed.") for r in got)


def test_non_string_fields_are_converted_explicitly_or_refused(batch):
    assert rows(batch["db"], "SELECT title FROM reports WHERE id = '19'") == [("42",)]
    assert '"title" is a JSON array' in _message(batch, "types.jsonl:2:")
    assert '"outlet" is a JSON object' in _message(batch, "types.jsonl:3:")
    assert '"story" is a JSON boolean' in _message(batch, "types.jsonl:4:")
    for row in rows(batch["db"], "SELECT id, url, outlet, title, story_label, source FROM reports"):
        assert not any(isinstance(v, str) and v[:2] in ("['", "{'") for v in row), row  # never a Python repr


def test_legacy_encoding_is_decoded_by_evidence_or_quarantined_with_the_fix(batch):
    assert rows(batch["db"], "SELECT text FROM reports WHERE source LIKE '%geneve.txt'") == [
        ("Le procès s'est ouvert à Genève, a déclaré l'avocat.",)]
    msg = _message(batch, "cyrillic.txt")
    assert "Re-save the file as UTF-8" in msg and "not valid UTF-8" in msg
    msg = _message(batch, "mixed.txt")
    assert "mixes two encodings" in msg and "Re-save" in msg


def test_decompression_bomb_is_stopped(batch):
    msg = _message(batch, "zeros.warc.gz")
    assert "inflates to more than" in msg and "warcio check" in msg


def test_named_fifo_and_dev_zero_link_are_refused_without_reading(tmp_path):
    fifo = tmp_path / "stream.jsonl"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.jsonl"
    os.symlink("/dev/zero", zero)
    good = tmp_path / "good.txt"
    good.write_text(SENT.format(n=50))
    odd = os.fsdecode(os.fsencode(tmp_path) + b"/r\xe9sum\xe9.txt")  # a named input whose name is not UTF-8
    Path(odd).write_text(SENT.format(n=51))
    db = tmp_path / "named.db"
    proc = cli("ingest", fifo, zero, good, odd, "--db", db, "--no-progress", "--json", timeout=120)  # a hang fails
    assert proc.returncode == 1
    assert_clean_stderr(proc)
    s = summary_of(proc)
    assert s["stored"] == 2 and s["quarantined"] == 2 and s["complete"]
    assert rows(db, "SELECT count(*) FROM reports WHERE source LIKE '%r\\xe9sum\\xe9.txt'") == [(1,)]
    messages = quarantine_messages(db)
    assert any("stream.jsonl" in m and "a FIFO" in m for m in messages)
    assert any("zero.jsonl" in m and "a character device" in m for m in messages)


def test_reingesting_the_hostile_batch_adds_nothing(batch, tmp_path):
    before = {t: rows(batch["db"], f"SELECT count(*) FROM {t}")[0][0]
              for t in ("reports", "sightings", "quarantine", "originals")}
    proc = cli("ingest", batch["folder"], "--db", batch["db"], "--no-progress", "--json", timeout=240)
    assert_clean_stderr(proc)
    s = summary_of(proc)
    assert s["stored"] == 0 and s["sightings"] == 0 and s["complete"]
    after = {t: rows(batch["db"], f"SELECT count(*) FROM {t}")[0][0] for t in before}
    assert after == before


def test_summary_never_claims_an_input_read_only_in_part(tmp_path, monkeypatch):
    from factfinder.ingest import ingest
    from factfinder.sources import text
    from factfinder.store import open_store

    real = text.read

    def one_then_boom(*a, **k):  # type: ignore[no-untyped-def]
        yield from real(*a, **k)
        raise MemoryError("reader ran out of memory")

    monkeypatch.setattr(text, "read", one_then_boom)
    (tmp_path / "a.txt").write_text(SENT.format(n=60))
    with open_store(tmp_path / "s.db") as store:
        s = ingest(store, [tmp_path / "a.txt"], progress=False)
    assert s.stored == 1 and s.incomplete_inputs == 1 and not s.complete
    assert s.lines()[-1].startswith("WARNING") and "inputs not read to the end: 1" in "\n".join(s.lines())
