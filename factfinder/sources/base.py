"""Shared helpers for the input readers: decoding, ids, dates, datelines, Report assembly.

Decoding policy (one place, used by every reader):

* A byte-order mark decides: UTF-8-SIG, UTF-16 LE/BE and UTF-32 LE/BE are decoded and the BOM dropped.
* Text with NUL bytes but no BOM is accepted only when it is unmistakably UTF-16 (NULs on every other
  byte, as ASCII text saved as UTF-16 looks); any other NUL-bearing file is binary and quarantined.
* Files that start with a known binary signature (PDF, ZIP/DOCX, images, gzip, ...) are quarantined
  with what they look like.
* Otherwise strict UTF-8 is tried first. When it fails, an encoding the input declares (HTTP
  Content-Type charset from a WARC, ``<?xml encoding=...?>``, ``<meta charset=...>``) is used if the
  bytes decode under it. Failing that, the one legacy encoding we accept without a declaration is
  Windows-1252 (a superset of printable Latin-1, the usual legacy encoding of Western news text),
  and only on evidence: the bytes hold no UTF-8 sequence (a file mixing UTF-8 and a legacy encoding
  is quarantined), decode under cp1252 without C0/C1 controls, and the non-ASCII letters sit in
  words the way Western European accents do ("à Genève", "Müller", "São") rather than forming whole
  words of accented letters, which is how Cyrillic or Greek text looks when read as cp1252 (no
  currency or other symbols inside words either). A statistical guesser is not asked: on short
  texts it mistakes cp1252 for cp1250 ("ŕ Genčve"). Anything else is quarantined with "re-save it
  as UTF-8": guessing wrong would silently corrupt quotes and names, which is worse than asking the
  user. (Known limit: undeclared Central European cp1250 text whose letters also exist in cp1252
  decodes as cp1252.)
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from functools import cache
from typing import Any

from ..errors import BadInput
from ..ontology import load
from ..records import Quarantined, Report
from ..settings import MAX_BYTES
from .dateline import parse as parse_dateline

STAGE = "ingest"

# A UTF-8 multi-byte sequence: in a file that is not valid UTF-8, evidence of mixed encodings.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_LETTERS = re.compile(r"[^\W\d_]+")
# Symbols that never sit between two letters of a word in Western text (cp1250/cp1251 read as cp1252 do).
_SYMBOL_IN_WORD = re.compile(r"(?<=[^\W\d_])[\u00a2-\u00a9\u00ac\u00ae-\u00b9\u00bc-\u00bf\u00d7\u00f7\u2020-\u2030](?=[^\W\d_])")
_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")  # C0 and C1 controls: binary or mis-decoded
_WS = re.compile(r"\s+")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])")


@dataclass(frozen=True, slots=True)
class SourceItem:
    """One thing read from an input: a Report (with the original bytes it came from) or a quarantine."""

    report: Report | None
    raw: bytes | None
    quarantined: Quarantined | None

    @classmethod
    def ok(cls, report: Report, raw: bytes) -> SourceItem:
        return cls(report=report, raw=raw, quarantined=None)

    @classmethod
    def bad(cls, error: BadInput, raw: bytes | None = None, raw_sha256: str | None = None) -> SourceItem:
        return cls(report=None, raw=None, quarantined=quarantine(error, raw, raw_sha256))


@dataclass(frozen=True, slots=True)
class Options:
    """What the caller (CLI) knows about a batch; input metadata always wins over it."""

    outlet: str | None = None
    published: str | None = None  # already normalised to YYYY-MM-DD
    max_bytes: int = MAX_BYTES


@cache
def table() -> dict[str, Any]:
    """The sources pattern table (ontology/sources.json), loaded once."""
    return load("sources")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def normalise_for_id(text: str) -> str:
    """NFC, whitespace runs collapsed to one space, stripped: what makes two copies 'the same text'."""
    return _WS.sub(" ", unicodedata.normalize("NFC", text)).strip()


def report_id(text: str) -> str:
    """'r' + the first 16 hex digits of sha256 of the normalised text; stable across runs."""
    return "r" + sha256(normalise_for_id(text).encode("utf-8"))[:16]


def utc_now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def clean_text(text: str) -> str:
    """Body text as stored: NFC, Unix newlines, no BOM, outer whitespace stripped. Inner text untouched."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return text.lstrip("\ufeff").strip()


# ---------------------------------------------------------------- decoding


def binary_kind(data: bytes) -> str | None:
    """What a binary file looks like ('a PDF document'), or None when it may be text."""
    for signature, kind in table()["binary_signatures"].items():
        if data.startswith(signature.encode("latin-1")):
            return kind
    return None


def decode(data: bytes, source: str, hint: str | None = None) -> str:
    """Bytes -> str under the policy in the module docstring; raises BadInput when it cannot."""
    if not data.strip():
        raise BadInput(
            source, "the file is empty.", "Check that the download or export finished, then ingest it again."
        )
    for bom, codec in (
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if data.startswith(bom):
            return _decode_strict(data[len(bom) :], codec.replace("-sig", ""), source)
    kind = binary_kind(data)
    if kind:
        raise BadInput(
            source,
            f"this is {kind}, not text.",
            "Extract the article text (e.g. save it as .txt or .html) and ingest that instead.",
        )
    if b"\x00" in data:
        codec = _bomless_utf16(data)
        if codec is None:
            raise BadInput(
                source,
                "binary content (NUL bytes), not text.",
                "Pass a text, HTML, JSONL, feed or WARC file; convert other formats to text first.",
            )
        return _decode_strict(data, codec, source)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = _decode_legacy(data, source, hint, exc)
    return _check_text(text, source)


_DECLARED = re.compile(rb"""(?:<\?xml[^>]*encoding|<meta[^>]*charset)\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


def declared_encoding(data: bytes) -> str | None:
    """The encoding an XML declaration or HTML <meta charset> names in the first 2 KB, if any."""
    m = _DECLARED.search(data[:2048])
    return m[1].decode("ascii") if m else None


def _decode_strict(data: bytes, codec: str, source: str) -> str:
    try:
        return _check_text(data.decode(codec), source)
    except UnicodeDecodeError as exc:
        raise BadInput(
            source,
            f"the byte-order mark says {codec} but byte {exc.start} is invalid in it.",
            "Re-save the file as UTF-8.",
        ) from exc


def _bomless_utf16(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NULs sit on (nearly) every odd/even byte, else None."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    evens, odds = sample[0::2], sample[1::2]
    if odds.count(0) >= 0.9 * len(odds) and evens.count(0) == 0:
        return "utf-16-le"
    if evens.count(0) >= 0.9 * len(evens) and odds.count(0) == 0:
        return "utf-16-be"
    return None


def _decode_legacy(data: bytes, source: str, hint: str | None, exc: UnicodeDecodeError) -> str:
    """A declared charset (HTTP header, XML/HTML declaration) is trusted; else cp1252 on evidence only."""
    declared = [_codec_name(c) for c in (hint, declared_encoding(data))]
    for codec in (c for c in declared if c and c != "utf_8"):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    where = f"bad byte 0x{data[exc.start]:02x} at offset {exc.start}"
    if _UTF8_SEQUENCE.search(data):
        raise BadInput(
            source,
            f"not valid UTF-8 ({where}) but it also holds UTF-8 characters: it mixes two encodings.",
            "Re-save the file as UTF-8, fixing the characters around that offset, and ingest it again.",
        )
    text = _western(data)
    if text is None:
        raise BadInput(
            source,
            f"not valid UTF-8 ({where}) and the encoding could not be detected reliably (it does not read "
            "as Windows-1252/Latin-1 text).",
            "Re-save the file as UTF-8 (e.g. `iconv -f <encoding> -t utf-8`) and ingest it again.",
        )
    return text


def _western(data: bytes) -> str | None:
    """The cp1252 reading of ``data`` when it looks like Western European text, else None."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8d, 0x8f, 0x90, 0x9d are unassigned in cp1252
        return None
    if _CONTROL.search(text) or _SYMBOL_IN_WORD.search(text):
        return None
    accented = [w for w in _LETTERS.findall(text) if not w.isascii()]
    # Whole words (4+ letters) mostly of accented letters: another script read as cp1252.
    foreign = sum(1 for w in accented if len(w) >= 4 and 2 * sum(not c.isascii() for c in w) > len(w))
    return text if foreign * 10 <= len(accented) else None


def display_name(value: object) -> str:
    """A path or name as printable, storable text: bytes that are not UTF-8 (kept by Python as lone
    surrogates) become ``\\xNN`` escapes, so messages and the store never fail on a file name."""
    text = str(value)
    if not _SURROGATE.search(text):
        return text
    try:
        return os.fsencode(text).decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that is not from a file name (e.g. a JSON escape)
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def lone_surrogate(text: str) -> int | None:
    """The offset of the first lone UTF-16 surrogate in ``text`` (valid in JSON escapes, not Unicode)."""
    m = _SURROGATE.search(text)
    return m.start() if m else None


def _codec_name(name: str | None) -> str | None:
    import codecs

    if not name:
        return None
    try:
        return codecs.lookup(name).name.replace("-", "_")
    except LookupError:
        return None


def _check_text(text: str, source: str) -> str:
    """Reject decoded 'text' that is mostly control characters (a binary file that happened to decode)."""
    sample = text[:20000]
    if sample and len(_CONTROL.findall(sample)) > max(2, len(sample) // 100):
        raise BadInput(
            source,
            "binary content (control characters), not text.",
            "Pass a text, HTML, JSONL, feed or WARC file; convert other formats to text first.",
        )
    if not text.strip():
        raise BadInput(
            source, "the file is empty.", "Check that the download or export finished, then ingest it again."
        )
    return text


# ---------------------------------------------------------------- dates and datelines


def normalise_date(value: Any) -> str | None:
    """Any date-ish value (ISO string, RFC 2822, datetime, struct_time, 'September 30, 2024') -> YYYY-MM-DD."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "tm_year"):  # time.struct_time from feedparser
        return f"{value.tm_year:04d}-{value.tm_mon:02d}-{value.tm_mday:02d}"
    text = str(value).strip()
    m = _ISO_DATE.match(text)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    return _dateparser(text)


def _dateparser(text: str) -> str | None:
    import dateparser

    parsed = dateparser.parse(
        text,
        languages=["en"],
        settings={"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past"},
    )
    return parsed.date().isoformat() if parsed else None


def detect_dateline(text: str) -> str | None:
    """The dateline place at the opening ('KYIV, Ukraine (AP) — ...' -> 'KYIV, Ukraine'), or None.

    One recogniser for every reader and stage: :func:`factfinder.sources.dateline.parse`. The text
    itself is left unchanged, so spans computed on it stay valid.
    """
    found = parse_dateline(text)
    return found.place if found else None


# ---------------------------------------------------------------- assembly


def make_report(
    text: str,
    raw: bytes,
    source: str,
    options: Options,
    *,
    id: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    published: Any = None,
    dateline: str | None = None,
    title: str | None = None,
    captured_at: str | None = None,
    language: str | None = None,
    story: str | None = None,
) -> Report:
    """A Report with provenance; input metadata wins, CLI options fill what the input lacks."""
    if not text.strip():
        raise BadInput(source, "no report text.", "Provide the article text.")
    return Report(
        id=id or report_id(text),
        text=text,
        url=_blank_to_none(url),
        outlet=_blank_to_none(outlet) or options.outlet,
        published=normalise_date(published) or options.published,
        dateline=_blank_to_none(dateline) or detect_dateline(text),
        title=_one_line(title),
        raw_sha256=sha256(raw),
        captured_at=captured_at or utc_now(),
        language=language or "en",
        source=source,
        story=_blank_to_none(story),
    )


def quarantine(error: BadInput, raw: bytes | None = None, raw_sha256: str | None = None) -> Quarantined:
    """A Quarantined record for a BadInput; message is one line naming the input, problem and fix."""
    return Quarantined(
        source=error.source,
        stage=STAGE,
        error=type(error).__name__,
        message=" ".join(str(error).split()),
        raw_sha256=raw_sha256 or (sha256(raw) if raw is not None else None),
    )


def _blank_to_none(value: Any) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def _one_line(value: Any) -> str | None:
    value = _blank_to_none(value)
    return " ".join(value.split()) if value else None
