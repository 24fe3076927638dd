"""Input readers: every input kind on real or written files, and every kind of bad input."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
from pathlib import Path

import pytest
from conftest import CORPUS, need_shared

from factfinder.errors import BadInput
from factfinder.sources import SUPPORTED, count_inputs, load, report_id
from factfinder.sources.base import detect_dateline, normalise_date

SAMPLES = Path(__file__).resolve().parents[1] / "factfinder" / "samples"


def items(*paths: Path | str, **kw):  # type: ignore[no-untyped-def]
    return list(load(list(paths), **kw))


def reports(*paths: Path | str, **kw):  # type: ignore[no-untyped-def]
    out = items(*paths, **kw)
    bad = [i.quarantined for i in out if i.quarantined]
    assert not bad, bad
    return [i.report for i in out]


def only_quarantine(path: Path | str, **kw):  # type: ignore[no-untyped-def]
    out = items(path, **kw)
    assert len(out) == 1 and out[0].report is None and out[0].quarantined is not None, out
    q = out[0].quarantined
    assert q.stage == "ingest" and q.error == "BadInput"
    assert "\n" not in q.message
    assert str(path) in q.message  # names the input
    return q


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ---------------------------------------------------------------- text


def test_text_sample_with_header_and_dateline():
    path = SAMPLES / "valdora-protest-detentions.txt"
    (r,) = reports(path)
    assert r.title == "Police detain more than 200 people as families march in Valdora"
    assert r.outlet == "Halvard Post" and r.published == "2025-03-10"
    assert r.url and r.url.startswith("https://")
    assert r.dateline == "VALDORA, Marenia"
    assert r.text.startswith("VALDORA, Marenia — Police")  # dateline kept in the text
    assert "Title:" not in r.text
    assert r.raw_sha256 == sha(path.read_bytes())
    assert r.source == str(path)
    assert r.captured_at and r.captured_at.endswith("Z")
    assert r.id == report_id(r.text)


def test_text_title_line_and_cli_fallbacks(tmp_path):
    p = tmp_path / "a.txt"
    body = "KYIV, Ukraine (AP) — Officials said on Monday that 12 people were detained.\nMore later."
    p.write_text("Twelve detained in overnight raids\n\n" + body + "\n", encoding="utf-8")
    (r,) = reports(p, outlet="CLI Outlet", published="3 March 2025")
    assert r.title == "Twelve detained in overnight raids"
    assert r.text == body
    assert r.dateline == "KYIV, Ukraine"
    assert r.outlet == "CLI Outlet" and r.published == "2025-03-03"  # input had none
    (r2,) = reports(SAMPLES / "valdora-protest-detentions.txt", outlet="CLI Outlet", published="2020-01-01")
    assert r2.outlet == "Halvard Post" and r2.published == "2025-03-10"  # input wins


def test_markdown_heading_is_title(tmp_path):
    p = tmp_path / "note.md"
    p.write_text(
        "# Court hears appeal\n\nThe appeal court in the capital heard the case on Friday.\n", encoding="utf-8"
    )
    (r,) = reports(p)
    assert r.title == "Court hears appeal" and r.text.startswith("The appeal court")
    assert r.dateline is None


def test_sentence_first_line_is_not_a_title(tmp_path):
    p = tmp_path / "b.txt"
    text = "Police detained 40 people on Sunday.\n\nThe ministry confirmed the figure."
    p.write_text(text, encoding="utf-8")
    (r,) = reports(p)
    assert r.title is None and r.text == text


# ---------------------------------------------------------------- html


def test_html_sample_article():
    path = SAMPLES / "kestria-icc-referral.html"
    (r,) = reports(path)
    assert r.title == "Kestria refers Marenia crackdown to the International Criminal Court"
    assert r.published == "2025-03-11"
    assert r.url == "https://ledger.example.org/world/2025/03/11/kestria-icc-referral"
    assert r.outlet == "The Valdora Ledger"
    assert r.text.startswith("THE HAGUE, Netherlands — Kestria on Tuesday")
    assert r.dateline == "THE HAGUE, Netherlands"
    for boilerplate in ("Subscribe", "Most read", "All rights reserved", "Markets rally"):
        assert boilerplate not in r.text
    assert "“the first real step toward accountability.”" in r.text
    assert r.raw_sha256 == sha(path.read_bytes())


def test_html_without_article_text_is_quarantined(tmp_path):
    p = tmp_path / "login.html"
    p.write_text("<html><head><title>Sign in</title></head><body><script>app()</script></body></html>")
    q = only_quarantine(p)
    assert "no article text" in q.message and "Save the article page" in q.message
    assert q.raw_sha256 == sha(p.read_bytes())


# ---------------------------------------------------------------- feeds


def test_rss_sample_one_report_per_entry():
    path = SAMPLES / "rights-monitor-feed.xml"
    rs = reports(path)
    assert [r.source for r in rs] == [f"{path}#1", f"{path}#2"]
    assert [r.published for r in rs] == ["2025-03-14", "2025-03-13"]
    assert all(r.outlet == "Rights Monitor Digest" for r in rs)
    assert rs[0].title == "Hunger strike spreads to second detention centre"
    assert rs[0].text.startswith("VALDORA, Marenia — At least 40 detainees")  # content:encoded, not summary
    assert "<p>" not in rs[0].text and "\n" in rs[0].text  # one line per paragraph
    assert rs[1].dateline == "GENEVA"
    assert rs[1].url == "https://rightsmonitor.example.org/2025/03/13/un-experts-call-for-release"
    assert all(r.raw_sha256 == sha(path.read_bytes()) for r in rs)
    assert rs[0].id != rs[1].id


def test_atom_feed_and_entry_without_text(tmp_path):
    p = tmp_path / "feed.atom"
    p.write_text(
        """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Court Watch</title>
<entry><title>Verdict</title><link href="https://cw.example.org/1"/><updated>2025-02-01T10:00:00Z</updated>
<content type="html">&lt;p&gt;The court on Friday sentenced five activists.&lt;/p&gt;</content></entry>
<entry><title>Empty</title><link href="https://cw.example.org/2"/><updated>2025-02-02T10:00:00Z</updated></entry>
</feed>""",
        encoding="utf-8",
    )
    out = items(p)
    assert out[0].report and out[0].report.text == "The court on Friday sentenced five activists."
    assert out[0].report.published == "2025-02-01" and out[0].report.outlet == "Court Watch"
    q = out[1].quarantined
    assert q and q.source == f"{p}#2" and "no text" in q.message and "Ingest the linked article" in q.message


def test_xml_that_is_not_a_feed(tmp_path):
    p = tmp_path / "config.xml"
    p.write_text("<?xml version='1.0'?><settings><colour>blue</colour></settings>", encoding="utf-8")
    q = only_quarantine(p)
    assert "not an RSS or Atom feed" in q.message


# ---------------------------------------------------------------- jsonl


def test_real_corpus_jsonl():
    path = need_shared(CORPUS)
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rs = reports(path)
    assert [r.id for r in rs] == [d["id"] for d in lines]  # ids kept
    assert all(r.text == d["text"] for r, d in zip(rs, lines, strict=True))  # text byte-for-byte
    assert [r.source for r in rs] == [f"{path}:{n}" for n in range(1, len(lines) + 1)]
    seed = rs[0]
    assert seed.dateline == "BRUSSELS" and seed.published == "2024-09-30" and seed.outlet == "Associated Press"
    assert all(r.story for r in rs)
    raw_lines = path.read_bytes().splitlines()
    assert seed.raw_sha256 == sha(raw_lines[0])


def test_sample_jsonl_three_reports():
    rs = reports(SAMPLES / "marenia-reports.jsonl")
    assert len(rs) == 3
    assert all(r.outlet and r.published and r.url for r in rs)
    assert rs[0].story == rs[1].story != rs[2].story
    assert rs[1].dateline is None  # explicit null and no dateline in the text
    assert rs[0].dateline == "ISTREL"


def test_jsonl_bad_lines_are_quarantined_and_others_go_on(tmp_path):
    p = tmp_path / "mixed.jsonl"
    p.write_text(
        '{"text": "First report about 10 arrests.", "outlet": "A"}\n'
        '{"text": "broken\n'
        "\n"
        '{"title": "no text here"}\n'
        '["a", "list"]\n'
        '{"id": "keep-me", "text": "Last report.", "published": "Mon, 10 Mar 2025 08:00:00 +0000"}\n',
        encoding="utf-8",
    )
    out = items(p)
    assert [i.report.id if i.report else i.quarantined.source for i in out] == [
        report_id("First report about 10 arrests."),
        f"{p}:2",
        f"{p}:4",
        f"{p}:5",
        "keep-me",
    ]
    assert (
        "line 2 is not valid JSON" in out[1].quarantined.message
        and "Fix or remove that line" in out[1].quarantined.message
    )
    assert 'line 4 has no "text" field' in out[2].quarantined.message
    assert out[2].quarantined.raw_sha256 == sha(b'{"title": "no text here"}')
    assert "not an object" in out[3].quarantined.message
    assert out[4].report.published == "2025-03-10"


def test_jsonl_line_over_max_bytes(tmp_path):
    p = tmp_path / "big.jsonl"
    p.write_text(json.dumps({"text": "x" * 5000}) + "\n" + json.dumps({"text": "small"}) + "\n")
    out = items(p, max_bytes=1000)
    assert out[0].quarantined and "line 1 is longer than --max-bytes" in out[0].quarantined.message
    assert out[1].report and out[1].report.text == "small"


# ---------------------------------------------------------------- warc


def _write_warc(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    page = (SAMPLES / "kestria-icc-referral.html").read_bytes()
    plain = "GENEVA — UN experts said on Thursday that 60 detainees were ill-treated.".encode()

    def http(status: str, ctype: str) -> StatusAndHeaders:
        return StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")

    request = StatusAndHeaders("GET /a HTTP/1.1", [("Host", "ledger.example.org")], is_http_request=True)
    with path.open("wb") as out:
        w = WARCWriter(out, gzip=True)
        records = [
            ("https://ledger.example.org/a", "request", b"", request),
            ("https://ledger.example.org/a", "response", page, http("200 OK", "text/html; charset=utf-8")),
            ("https://ledger.example.org/logo.png", "response", b"\x89PNG....", http("200 OK", "image/png")),
            ("https://ledger.example.org/old", "response", b"<html>moved</html>", http("301 Moved", "text/html")),
            ("https://un.example.org/b.txt", "response", plain, http("200 OK", "text/plain")),
        ]
        for uri, kind, payload, headers in records:
            rec = w.create_warc_record(
                uri,
                kind,
                payload=io.BytesIO(payload),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2025-03-11T10:00:00Z"},
            )
            w.write_record(rec)


def test_gzipped_warc(tmp_path):
    p = tmp_path / "crawl.warc.gz"
    _write_warc(p)
    rs = reports(p)
    assert [r.url for r in rs] == [
        "https://ledger.example.org/world/2025/03/11/kestria-icc-referral",
        "https://un.example.org/b.txt",
    ]
    assert [r.source for r in rs] == ["https://ledger.example.org/a", "https://un.example.org/b.txt"]
    assert all(r.captured_at == "2025-03-11T10:00:00Z" for r in rs)
    assert rs[0].title.startswith("Kestria refers") and rs[0].dateline == "THE HAGUE, Netherlands"
    assert rs[0].raw_sha256 == sha((SAMPLES / "kestria-icc-referral.html").read_bytes())
    assert rs[1].dateline == "GENEVA"
    # The same page read from its file gives the same report id.
    (from_file,) = reports(SAMPLES / "kestria-icc-referral.html")
    assert rs[0].id == from_file.id


def test_corrupt_warc(tmp_path):
    good = tmp_path / "good.warc.gz"
    _write_warc(good)
    p = tmp_path / "broken.warc.gz"
    p.write_bytes(good.read_bytes()[:1000])  # cut inside the HTML response record
    out = items(p)
    q = out[-1].quarantined
    assert q and str(p) in q.message and "not a readable WARC" in q.message and "warcio check" in q.message
    assert "https://ledger.example.org/a is truncated" in q.message
    flipped = bytearray(good.read_bytes())
    flipped[700:720] = bytes(b ^ 0xFF for b in flipped[700:720])
    garbled = tmp_path / "garbled.warc.gz"
    garbled.write_bytes(bytes(flipped))
    q = items(garbled)[-1].quarantined
    assert q and "not a readable WARC" in q.message
    junk = tmp_path / "junk.warc"
    junk.write_bytes(b"this is not a warc file at all\r\n\r\n")
    q = only_quarantine(junk)
    assert "not a readable WARC" in q.message


# ---------------------------------------------------------------- folders, order, ids


def test_folder_recursive_sorted_skips_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Second report on Monday.")
    (tmp_path / "a.txt").write_text("First report on Sunday.")
    (tmp_path / ".hidden.txt").write_text("Hidden.")
    (tmp_path / ".git" / "x.txt").write_text("Hidden too.")
    assert count_inputs([tmp_path]) == 2
    rs = reports(tmp_path)
    assert [Path(r.source).name for r in rs] == ["a.txt", "two.txt"]


def test_samples_folder_counts_and_ids_are_deterministic():
    assert count_inputs([SAMPLES]) == len([p for p in SAMPLES.iterdir() if not p.name.startswith(".")])
    first = [r.id for r in reports(SAMPLES)]
    second = [r.id for r in reports(SAMPLES)]
    assert first == second and len(first) == len(set(first)) >= 7


def test_report_id_normalises_whitespace_and_unicode():
    a = report_id("Café  said\n on Monday ")
    assert a == report_id("Cafe\u0301 said on Monday")
    assert a != report_id("Café said on Tuesday")
    assert a.startswith("r") and len(a) == 17


@pytest.mark.parametrize(
    ("opening", "dateline"),
    [
        ("BRUSSELS — Lithuania on Monday referred", "BRUSSELS"),
        ("KYIV, Ukraine (AP) — Russian forces", "KYIV, Ukraine"),
        ("LONDON, March 3 (Reuters) - Britain said", "LONDON"),
        ("NEW YORK -- A jury on Friday", "NEW YORK"),
        ("(CN) – Although the court", None),
        ("The government said — in a statement", None),
        ("30 September 2024 marks a day", None),
    ],
)
def test_dateline_detection(opening, dateline):
    assert detect_dateline(opening) == dateline


def test_normalise_date_formats():
    assert normalise_date("2024-09-30T12:00:00Z") == "2024-09-30"
    assert normalise_date("Mon, 30 Sep 2024 08:00:00 +0000") == "2024-09-30"
    assert normalise_date("September 30, 2024") == "2024-09-30"
    assert normalise_date("2024-13-45") is None
    assert normalise_date("soon") is None


# ---------------------------------------------------------------- bad input


def test_empty_file(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"  \n")
    q = only_quarantine(p)
    assert "empty" in q.message and "ingest it again" in q.message


def test_binary_file_with_nul_bytes(tmp_path):
    p = tmp_path / "blob.txt"
    p.write_bytes(bytes(range(256)) * 4)
    q = only_quarantine(p)
    assert "binary" in q.message and "convert" in q.message
    assert q.raw_sha256 == sha(p.read_bytes())


def test_pdf_named_txt(tmp_path):
    p = tmp_path / "report.txt"
    p.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    q = only_quarantine(p)
    assert "a PDF document" in q.message and "save it as .txt" in q.message


def test_legacy_encodings_are_decoded(tmp_path):
    text = "Café owner “Ana” said on Monday that 20 people were held."
    cp = tmp_path / "cp1252.txt"
    cp.write_bytes(text.encode("cp1252"))
    u16 = tmp_path / "utf16.txt"
    u16.write_bytes(text.encode("utf-16"))  # with BOM
    u16le = tmp_path / "utf16le.txt"
    u16le.write_bytes(text.encode("utf-16-le"))  # no BOM: NULs on every other byte
    sig = tmp_path / "bom.txt"
    sig.write_bytes(b"\xef\xbb\xbf" + text.encode())
    rs = reports(cp, u16, u16le, sig)
    assert [r.text for r in rs] == [text] * 4
    assert len({r.id for r in rs}) == 1  # same text -> same id, whatever the encoding
    assert len({r.raw_sha256 for r in rs}) == 4  # but the originals differ


def test_undecodable_bytes_are_quarantined(tmp_path):
    p = tmp_path / "mystery.txt"
    p.write_bytes(b"Hello \x81\x8d\x8f\x90\x9d world")
    q = only_quarantine(p)
    assert "not valid UTF-8" in q.message and "Re-save the file as UTF-8" in q.message


def test_unknown_extension_lists_supported(tmp_path):
    p = tmp_path / "scan.docx"
    p.write_bytes(b"PK\x03\x04")
    q = only_quarantine(p)
    assert ".docx" in q.message
    assert all(ext in q.message for ext in SUPPORTED)


def test_file_over_max_bytes_is_not_read(tmp_path, monkeypatch):
    p = tmp_path / "huge.txt"
    with p.open("wb") as f:
        f.truncate(50_000_000)  # sparse 50 MB file: cheap to make

    def refuse(self):  # type: ignore[no-untyped-def]
        raise AssertionError("read the whole file before checking its size")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    q = only_quarantine(p)
    assert "50,000,000 bytes" in q.message and "raise --max-bytes" in q.message and "Split it" in q.message


def test_nonexistent_and_unreadable_paths(tmp_path, monkeypatch):
    missing = tmp_path / "nope.txt"
    q = only_quarantine(missing)
    assert "no such file" in q.message and "Check the path" in q.message
    locked = tmp_path / "locked.html"
    locked.write_text("<p>x</p>")

    import os

    real_open = os.open

    def denied(path, *a, **k):  # type: ignore[no-untyped-def]
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *a, **k)

    monkeypatch.setattr(os, "open", denied)
    q = only_quarantine(locked)
    assert "cannot be read" in q.message and "permissions" in q.message


def test_unexpected_reader_failure_is_quarantined(tmp_path, monkeypatch):
    from factfinder.sources import text

    def boom(*a, **k):  # type: ignore[no-untyped-def]
        raise RuntimeError("parser exploded")

    monkeypatch.setattr(text, "read", boom)
    p = tmp_path / "a.txt"
    p.write_text("Some text.")
    q = only_quarantine(p)
    assert "RuntimeError" in q.message and "report this" in q.message


def test_reader_failing_part_way_marks_the_input_incomplete(tmp_path, monkeypatch):
    from factfinder.sources import text

    real = text.read

    def one_then_boom(*a, **k):  # type: ignore[no-untyped-def]
        yield from real(*a, **k)
        raise RuntimeError("parser exploded")

    monkeypatch.setattr(text, "read", one_then_boom)
    p = tmp_path / "a.txt"
    p.write_text("Some text.")
    first, second = items(p)
    assert first.report is not None
    q = second.quarantined
    assert q is not None and q.error == "IncompleteRead"  # the summary must not claim the rest was read
    assert "after 1 item(s)" in q.message and "not read" in q.message


def test_batch_goes_on_past_bad_inputs(tmp_path):
    bad = tmp_path / "a.bin"
    bad.write_bytes(b"\x00\x01")
    good = tmp_path / "b.txt"
    good.write_text("Police detained 12 people.")
    out = items(tmp_path, tmp_path / "missing.jsonl")
    assert [bool(i.report) for i in out] == [False, True, False]
    assert count_inputs([tmp_path, tmp_path / "missing.jsonl"]) == 3


def test_bad_published_option_fails_fast():
    with pytest.raises(BadInput, match="--published"):
        load([SAMPLES], published="someday")


def test_gzip_named_txt(tmp_path):
    p = tmp_path / "x.txt"
    p.write_bytes(gzip.compress(b"hello"))
    assert "gzip archive" in only_quarantine(p).message


def test_declared_encoding_is_used(tmp_path):
    page = tmp_path / "legacy.html"
    body = "<p>MOSCOW - Полиция задержала 30 человек в понедельник, сообщили правозащитники в своём заявлении.</p>"
    page.write_bytes(
        f'<html><head><meta charset="koi8-r"></head><body><article>{body}</article></body></html>'.encode("koi8-r")
    )
    (r,) = reports(page)
    assert r.text.startswith("MOSCOW - Полиция задержала 30") and r.dateline == "MOSCOW"
    feed_path = tmp_path / "legacy.rss"
    feed_path.write_bytes(
        '<?xml version="1.0" encoding="windows-1252"?><rss version="2.0"><channel><title>Café Wire</title>'
        "<item><title>Trial</title><description>The court in the capital heard “new” evidence on Friday.</description>"
        "</item></channel></rss>".encode("cp1252")
    )
    (r,) = reports(feed_path)
    assert r.text == "The court in the capital heard “new” evidence on Friday." and r.outlet == "Café Wire"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'{"id": "s1", "text": "From a pipe."}\n', "s1"),
        (b"BRUSSELS \xe2\x80\x94 Plain text on standard input.", "text"),
        ((SAMPLES / "rights-monitor-feed.xml").read_bytes(), "feed"),
    ],
)
def test_stdin_is_sniffed(monkeypatch, data, expected):
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    rs = reports("-")
    assert all(r.source.startswith("<stdin>") for r in rs)
    if expected == "s1":
        assert [r.id for r in rs] == ["s1"]
    elif expected == "text":
        assert rs[0].dateline == "BRUSSELS" and rs[0].raw_sha256 == sha(data)
    else:
        assert len(rs) == 2


def test_utf16_jsonl_on_stdin_is_read_line_by_line(monkeypatch):
    import sys

    data = "\n".join(json.dumps({"id": f"w{n}", "text": f"Line {n} of a wide file."})
                     for n in range(3)).encode("utf-16")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert [r.id for r in reports("-")] == ["w0", "w1", "w2"]


@pytest.mark.parametrize("text", [
    "à Genève",  # short: a statistical guesser calls this cp1250 ("ŕ Genčve")
    "Le procès s'est ouvert à Genève lundi.",
    "Die Polizei in Zürich nahm 12 Demonstranten fest, sagte Sprecherin Müller.",
    "Em São Paulo, a polícia deteve 30 pessoas — disseram testemunhas.",
    "El ministro habló “con firmeza” en la reunión de Bogotá.",
])
def test_undeclared_western_text_is_read_as_cp1252(tmp_path, text):
    p = tmp_path / "legacy.txt"
    p.write_bytes(text.encode("cp1252"))
    (r,) = reports(p)
    assert r.text == text


@pytest.mark.parametrize(("text", "codec"), [
    ("Полиция задержала сорок студентов в столице в пятницу", "cp1251"),
    ("Η αστυνομία συνέλαβε σαράντα φοιτητές την Παρασκευή", "cp1253"),
    ("Policja w Łodzi zatrzymała czterdziestu studentów", "cp1250"),
])
def test_undeclared_text_that_does_not_read_as_western_is_quarantined(tmp_path, text, codec):
    p = tmp_path / "legacy.txt"
    p.write_bytes(text.encode(codec))
    q = only_quarantine(p)
    assert "could not be detected reliably" in q.message and "Re-save the file as UTF-8" in q.message


def test_utf8_mixed_with_a_legacy_encoding_is_quarantined(tmp_path):
    p = tmp_path / "mixed.txt"
    p.write_bytes("Réunion à Genève,".encode() + " puis à Zürich.".encode("cp1252"))
    q = only_quarantine(p)
    assert "mixes two encodings" in q.message and "Re-save" in q.message
