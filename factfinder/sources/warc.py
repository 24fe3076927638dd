"""Web archives (.warc, .warc.gz) via warcio: one Report per archived article.

``response`` records (and ``resource`` records, as warcio writes for local files) whose content type
is HTML go through the HTML reader, ``text/plain`` through the text reader; other records (requests,
metadata, images, scripts) are not reports and are passed over, as are non-2xx responses (redirects,
errors). A record's URL is its WARC-Target-URI, which is also its source; captured_at is its
WARC-Date; its raw original is the HTTP payload. ``max_bytes`` limits each payload, not the archive,
which is streamed. A corrupt archive quarantines what is left of it; records already read stand.

A gzipped archive is inflated here (member by member), not by warcio, so what it expands to is
bounded: more than ``MAX_RATIO`` times the compressed bytes read so far (plus ``SLACK``) stops the
archive as a likely decompression bomb (a few KB of gzip can inflate to gigabytes of zeros), and
the records already read stand. Ordinary WARCs of web pages compress 5-20 times.
"""

from __future__ import annotations

import zlib
import io
from collections.abc import Iterator
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..errors import BadInput, IncompleteRead
from . import html, text
from .base import Options, SourceItem

EXTENSIONS = (".warc", ".warc.gz")
_READERS = {"text/html": html, "application/xhtml+xml": html, "text/plain": text}
MAX_RATIO = 100
SLACK = 1 << 20  # the first MB of output is free: tiny archives of headers compress very well
_IN_CHUNK = 1 << 14
_OUT_CHUNK = 1 << 18


class _Bomb(Exception):
    pass


class _BoundedGunzip(io.RawIOBase):
    """Inflates a (multi-member) gzip stream, refusing output beyond MAX_RATIO x input + SLACK."""

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw
        self._inflate = zlib.decompressobj(wbits=31)
        self._pending = b""  # compressed bytes not yet given to the inflater
        self._out = b""
        self.read_in = 0
        self.written = 0
        self._eof = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._out and not self._eof:
            self._fill()
        n = min(len(buffer), len(self._out))
        buffer[:n] = self._out[:n]
        self._out = self._out[n:]
        return n

    def _fill(self) -> None:
        if not self._pending:
            chunk = self._raw.read(_IN_CHUNK)
            if not chunk:  # a cut member just ends: warcio then finds the record short and says which
                self._eof = True
                return
            self.read_in += len(chunk)
            self._pending = chunk
        if self._inflate.eof:  # next gzip member (WARC.gz is one member per record)
            self._pending = self._inflate.unused_data + self._pending
            self._inflate = zlib.decompressobj(wbits=31)
        data = self._inflate.decompress(self._pending, _OUT_CHUNK)
        self._pending = self._inflate.unconsumed_tail
        if self._inflate.eof and self._inflate.unused_data:
            self._pending = self._inflate.unused_data + self._pending
            self._inflate = zlib.decompressobj(wbits=31)
        self.written += len(data)
        if self.written > MAX_RATIO * self.read_in + SLACK:
            raise _Bomb()
        self._out = data


def _archive_stream(stream: IO[bytes]) -> IO[bytes]:
    """The archive's uncompressed bytes: gzip is inflated by _BoundedGunzip, plain WARC passes through."""
    head = stream.read(2)
    stream.seek(0)
    if head != b"\x1f\x8b":
        return stream
    return io.BufferedReader(_BoundedGunzip(stream), buffer_size=1 << 16)  # type: ignore[return-value]


def read_stream(stream: IO[bytes], source: str, options: Options) -> Iterator[SourceItem]:
    """Items for the HTML and text records of the archive in ``stream``."""
    found = 0
    try:
        records = iter(ArchiveIterator(_archive_stream(stream)))
    except (ArchiveLoadFailed, zlib.error, EOFError, OSError, _Bomb) as exc:
        raise _corrupt(source, found, f"{type(exc).__name__}") from exc
    while True:
        try:
            record = next(records, None)
            if record is None:
                break
            if not str(record.format).startswith("warc"):  # warcio would read junk as a legacy ARC record
                raise _corrupt(source, found, "no 'WARC/1.x' record header")
            item = _record_item(record, source, options)
        except _Truncated as exc:
            raise _corrupt(source, found, f"record {exc.uri} is truncated") from exc
        except _Bomb as exc:
            after = f" after {found} article record(s)" if found else ""
            raise (IncompleteRead if found else BadInput)(
                source,
                f"the compressed archive inflates to more than {MAX_RATIO} times its size{after}; reading stopped "
                "(a decompression bomb, or not a web archive).",
                "Check it with `warcio check`; re-crawl it if it is damaged.",
            ) from exc
        except (ArchiveLoadFailed, zlib.error, EOFError, ValueError, OSError, AttributeError, TypeError) as exc:
            # warcio raises assorted exception types on corrupt input (AttributeError on a cut header).
            raise _corrupt(source, found, f"{type(exc).__name__}: {_printable(str(exc))}") from exc
        if item is not None:
            found += 1
            yield item
    if not found:
        raise BadInput(
            source,
            "the WARC holds no HTML or plain-text responses.",
            "Archive the article pages themselves (HTTP 200 text/html responses).",
        )


class _Truncated(Exception):
    def __init__(self, uri: str) -> None:
        super().__init__(uri)
        self.uri = uri


def _corrupt(source: str, found: int, problem: str) -> BadInput:
    after = f" after {found} article record(s)" if found else ""
    return (IncompleteRead if found else BadInput)(
        source,
        f"not a readable WARC file{after} ({problem}).",
        "Re-download or re-crawl it, or check it with `warcio check`.",
    )


def _printable(text: str) -> str:
    """Exception text from corrupt archives can hold raw bytes; keep a short printable summary."""
    clean = "".join(c if c.isprintable() and c.isascii() else "?" for c in " ".join(text.split()))[:120]
    return "unreadable record data" if clean.count("?") > len(clean) // 4 else clean


def _record_item(record: Any, source: str, options: Options) -> SourceItem | None:
    content_type = _content_type(record)
    mime = content_type.split(";")[0].strip().lower()
    reader = _READERS.get(mime)
    uri = (
        record.rec_headers.get_header("WARC-Target-URI")
        or f"{source}@{record.rec_headers.get_header('WARC-Record-ID')}"
    )
    if reader is None or not _is_ok(record):
        _drain(record, uri)
        return None
    payload = record.content_stream().read(options.max_bytes + 1)
    if len(payload) > options.max_bytes:
        problem = f"archived record in {source} is larger than --max-bytes ({options.max_bytes:,} bytes)."
        return SourceItem.bad(BadInput(uri, problem, "Raise --max-bytes to read it."))
    if getattr(record.raw_stream, "limit", 0) > 0:  # the archive ended before the record did
        raise _Truncated(uri)
    meta = {"url": record.rec_headers.get_header("WARC-Target-URI"), "captured_at": _warc_date(record)}
    try:
        return next(reader.read(payload, uri, options, _charset(content_type), **meta))
    except BadInput as exc:
        return SourceItem.bad(exc, payload)


def _drain(record: Any, uri: str) -> None:
    """Read a skipped record to its end, so a truncated archive is noticed even there."""
    while record.raw_stream.read(1 << 16):
        pass
    if getattr(record.raw_stream, "limit", 0) > 0:
        raise _Truncated(uri)


def _content_type(record: Any) -> str:
    if record.rec_type == "response" and record.http_headers is not None:
        return record.http_headers.get_header("Content-Type") or ""
    if record.rec_type == "resource":
        return record.rec_headers.get_header("Content-Type") or ""
    return ""


def _is_ok(record: Any) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return True
    status = record.http_headers.get_statuscode() or ""
    return status.startswith("2")


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _warc_date(record: Any) -> str | None:
    value = record.rec_headers.get_header("WARC-Date")
    return value.strip() if value else None
