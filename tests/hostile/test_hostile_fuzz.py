"""Property fuzz of every reader (text, HTML, feed, JSONL, WARC, standard input): whatever the bytes,
``load`` never raises, every item is a report or a quarantine (never both, never neither), a report's
text and metadata are storable Unicode (no lone surrogates, no Python reprs), a quarantine message is
one line naming its input, and the store accepts every item. For JSONL, every non-blank line yields
exactly one item: nothing one line holds can stop the others."""

from __future__ import annotations

import gzip
import io
import json
import sys
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factfinder.records import Analysis
from factfinder.sources import load
from factfinder.store import open_store

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
STORE = open_store(":memory:")

# Text with the awkward characters: lone surrogates, NUL, controls, BOMs, combining marks, RTL.
AWKWARD = st.sampled_from(["\ud800", "\udfff", "\x00", "\x1b", "\ufeff", "\u0301", "\u202e", "\u2028", "é", "€", "—"])
TEXT = st.lists(st.one_of(st.text(max_size=30), AWKWARD), max_size=12).map("".join)
CODECS = st.sampled_from(["utf-8", "utf-16", "utf-16-le", "cp1252", "latin-1", "cp1251", "utf-32"])


@st.composite
def encoded_text(draw) -> bytes:  # type: ignore[no-untyped-def]
    codec = draw(CODECS)
    keep_surrogates = codec.startswith("utf") and draw(st.booleans())
    return draw(TEXT).encode(codec, "surrogatepass" if keep_surrogates else "ignore")


RAW = st.one_of(st.binary(max_size=600), encoded_text())
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=12,
)


def _check(items, source: str | tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    assert items, "a reader yielded nothing for an input (it must report or quarantine it)"
    for item in items:
        assert (item.report is None) != (item.quarantined is None), item
        if item.report is not None:
            r = item.report
            assert r.text.strip()
            for value in (r.id, r.text, r.url, r.outlet, r.title, r.source, r.dateline, r.story, r.published):
                if value is not None:
                    assert isinstance(value, str)
                    value.encode("utf-8")  # strict: no lone surrogates
                    assert not value.startswith(("['", "{'")), value
            assert STORE.write_analysis(Analysis(report=r, versions={}), item.raw) in (True, False)
        else:
            q = item.quarantined
            assert "\n" not in q.message and q.message.startswith(source), q.message
            STORE.quarantine(q)


def _load_file(name: str, data: bytes, *also: str) -> list:
    """Items of one file; messages name the file (or, for an archived record, its URL: ``also``)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        items = list(load([path], max_bytes=100_000))
        _check(items, (str(path), *also))
        return items


@FUZZ
@given(RAW)
def test_text_reader(data: bytes) -> None:
    _load_file("fuzz.txt", data)


@FUZZ
@given(st.one_of(RAW, TEXT.map(lambda t: f"<html><body><article><p>{t}</p><p>{t}</p></article></body></html>"
                                .encode("utf-8", "surrogatepass"))))
def test_html_reader(data: bytes) -> None:
    _load_file("fuzz.html", data)


@FUZZ
@given(st.one_of(RAW, st.tuples(TEXT, TEXT).map(
    lambda tt: (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{tt[0]}</title><item><title>{tt[0]}'
                f"</title><description>{tt[1]}</description></item></channel></rss>"
                ).encode("utf-8", "surrogatepass"))))
def test_feed_reader(data: bytes) -> None:
    _load_file("fuzz.rss", data)


@st.composite
def jsonl_lines(draw) -> list[bytes]:  # type: ignore[no-untyped-def]
    lines = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["record", "value", "garbage", "deep", "bignum"]))
        if kind == "record":
            rec = draw(st.dictionaries(st.sampled_from(["id", "url", "outlet", "published", "title", "story"]),
                                       JSON, max_size=4))
            rec["text"] = draw(st.one_of(TEXT, JSON))
            lines.append(json.dumps(rec).encode())
        elif kind == "value":
            lines.append(json.dumps(draw(JSON)).encode())
        elif kind == "garbage":
            lines.append(draw(st.binary(max_size=80)).replace(b"\n", b" ").replace(b"\x00", b" "))
        elif kind == "deep":
            depth = draw(st.integers(1000, 60_000))
            lines.append(b"[" * depth + b"]" * depth)
        else:
            lines.append(b'{"text": "x", "n": ' + b"9" * draw(st.integers(4000, 6000)) + b"}")
    return lines


@FUZZ
@given(jsonl_lines())
def test_jsonl_reader_reads_every_line(lines: list[bytes]) -> None:
    first = json.dumps({"id": "fuzz-first", "text": "A first record keeps the file in UTF-8."}).encode()
    items = _load_file("fuzz.jsonl", b"\n".join([first, *lines]) + b"\n")
    expected = 1 + sum(1 for line in lines if line.strip())
    assert len(items) == expected


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(["text/html", "text/plain", "image/png"]), RAW), min_size=1, max_size=3),
       st.booleans(), st.integers(0, 400))
def test_warc_reader(records, compress: bool, cut: int) -> None:  # type: ignore[no-untyped-def]
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=compress)
    for n, (ctype, payload) in enumerate(records):
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://fuzz.example/{n}", "response",
                                                      payload=io.BytesIO(payload), http_headers=headers))
    data = buf.getvalue()
    _load_file("fuzz.warc.gz" if compress else "fuzz.warc", data[: len(data) - cut] if cut else data,
               "https://fuzz.example/")


@FUZZ
@given(RAW.filter(lambda b: not b.startswith(b"\x1f\x8b")).map(lambda b: gzip.compress(b)))
def test_gzipped_garbage_named_warc(data: bytes) -> None:
    _load_file("fuzz.warc.gz", data)


@FUZZ
@given(st.one_of(RAW, jsonl_lines().map(b"\n".join)))
def test_stdin_reader(data: bytes) -> None:
    real = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(data))
    try:
        items = list(load(["-"], max_bytes=100_000))
    finally:
        sys.stdin = real
    _check(items, "<stdin>")
