"""JSON Lines reports (.jsonl, .ndjson), the format of DESIGN.md:

    {"id", "url", "outlet", "published", "dateline", "title", "text", "story"}

Only ``text`` is required. A record's ``id`` is kept (gold files refer to it); without one the id is
derived from the text. ``text`` is kept byte-for-byte, so offsets computed by others stay valid.
The file is streamed line by line: ``max_bytes`` limits each line, not the file. A bad line is
quarantined as ``path:LINE`` and the other lines go on, whatever is wrong with it (not JSON, nested
too deep, a number too long to convert, a lone UTF-16 surrogate such as ``"\\ud800"`` in any field,
a field of the wrong type). Each report's raw original is its line.

Field types are checked, never turned into Python reprs: a string is kept; a JSON number in a
metadata field (``"id": 17``) is converted explicitly to its JSON text (``"17"``); an object, array
or boolean there quarantines the line, naming the field. A file that starts with a UTF-16 or UTF-32
byte-order mark (or is BOM-less UTF-16, NULs on every other byte) is decoded as such, line by line.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import IO, Any

from ..errors import BadInput, IncompleteRead
from .base import Options, SourceItem, decode, lone_surrogate, make_report

EXTENSIONS = (".jsonl", ".ndjson")
FIELDS = "id, url, outlet, published, dateline, title, text, story"
_META = ("id", "url", "outlet", "published", "dateline", "title", "captured_at", "language", "story")
_CHUNK = 1 << 20
_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def read_stream(stream: IO[bytes], source: str, options: Options) -> Iterator[SourceItem]:
    """One item per non-blank line of ``stream``."""
    seen_any = False
    for n, raw, line in _lines(stream, options.max_bytes, source):
        line_source = f"{source}:{n}"
        if raw is None:
            problem = f"line {n} is longer than --max-bytes ({options.max_bytes:,} bytes)."
            yield SourceItem.bad(BadInput(line_source, problem, "Split the record or raise --max-bytes."))
            seen_any = True
            continue
        if not raw.strip() or (line is not None and not line.strip()):
            continue
        seen_any = True
        yield _item(raw, line, n, line_source, options)
    if not seen_any:
        raise BadInput(
            source,
            "the file is empty (no JSON lines).",
            'Write one JSON report per line, with at least a "text" field.',
        )


def _item(raw: bytes, line: str | None, n: int, source: str, options: Options) -> SourceItem:
    """One line -> a report or its quarantine; nothing one line holds can stop the others."""
    try:
        return SourceItem.ok(_report(raw, line, n, source, options), raw)
    except BadInput as exc:
        return SourceItem.bad(exc, raw)
    except Exception as exc:  # noqa: BLE001 - a line must never abort the file
        problem = f"line {n} could not be read ({type(exc).__name__}: {' '.join(str(exc).split())[:160]})."
        return SourceItem.bad(BadInput(source, problem, "Fix or remove that line; the other lines were read."), raw)


def _lines(stream: IO[bytes], limit: int, source: str) -> Iterator[tuple[int, bytes | None, str | None]]:
    """(line number, raw bytes, decoded text or None for byte lines); raw None for a line over ``limit``."""
    codec, skip = wide_codec(stream)
    if codec is None:
        for n, raw in _byte_lines(stream, limit):
            yield n, raw, None
        return
    stream.read(skip)
    # surrogatepass: a lone surrogate code unit becomes a lone surrogate, which quarantines its line only.
    text = io.TextIOWrapper(stream, encoding=codec, errors="surrogatepass", newline="")  # type: ignore[arg-type]
    chars = max(1, limit // (4 if "32" in codec else 2))
    n = 0
    while True:
        try:
            line = text.readline(chars + 1)
        except UnicodeDecodeError as exc:
            raise (IncompleteRead if n else BadInput)(
                f"{source}:{n + 1}", f"line {n + 1} and after are not valid {codec} ({exc.reason}).",
                "Re-save the file as UTF-8; the lines before it were read.") from exc
        if not line:
            return
        n += 1
        if len(line.rstrip("\r\n")) > chars:
            while line and not line.endswith("\n"):
                line = text.readline(_CHUNK)
            yield n, None, None
            continue
        body = line.rstrip("\r\n")
        yield n, body.encode(codec), body


def wide_codec(stream: IO[bytes]) -> tuple[str | None, int]:
    """('utf-16-le', 2) etc. when the stream is UTF-16/32 text (BOM, or NULs on every other byte)."""
    if not stream.seekable():
        return None, 0
    head = stream.read(4096)
    stream.seek(0)
    for bom, codec in _WIDE_BOMS:
        if head.startswith(bom):
            return codec, len(bom)
    if len(head) >= 4:
        evens, odds = head[0::2], head[1::2]
        if odds.count(0) >= 0.9 * len(odds) and evens.count(0) == 0:
            return "utf-16-le", 0
        if evens.count(0) >= 0.9 * len(evens) and odds.count(0) == 0:
            return "utf-16-be", 0
    return None, 0


def _byte_lines(stream: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) pairs; bytes is None for a line over ``limit`` (skipped without loading it)."""
    n = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        n += 1
        if len(line.rstrip(b"\r\n")) > limit:
            _skip_rest_of_line(stream, line)
            yield n, None
            continue
        yield n, line.rstrip(b"\r\n")


def _skip_rest_of_line(stream: IO[bytes], line: bytes) -> None:
    while line and not line.endswith(b"\n"):
        line = stream.readline(_CHUNK)


def _report(raw: bytes, line: str | None, n: int, source: str, options: Options) -> Any:
    text = (line if line is not None else decode(raw, source)).lstrip("\ufeff")
    record = _parse(text, n, source)
    if not isinstance(record, dict):
        raise BadInput(
            source,
            f"line {n} is a JSON {_json_type(record)}, not an object.",
            f"Write one object per line with fields {FIELDS}.",
        )
    body = record.get("text")
    if not isinstance(body, str) or not body.strip():
        what = 'has no "text" field' if "text" not in record else 'has an empty or non-string "text"'
        raise BadInput(source, f"line {n} {what}.", f'Every line needs "text" (the report body); fields: {FIELDS}.')
    _no_surrogates("text", body, n, source)
    meta = {name: _field(record, name, n, source) for name in _META}
    return make_report(body, raw, source, options, **meta)


def _parse(text: str, n: int, source: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadInput(
            source,
            f"line {n} is not valid JSON ({exc.msg} at column {exc.colno}).",
            "Fix or remove that line (one JSON object per line); the other lines were read.",
        ) from exc
    except RecursionError as exc:
        raise BadInput(source, f"line {n} is nested too deep to read (thousands of levels of [ or {{).",
                       "Fix or remove that line; the other lines were read.") from exc
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        raise BadInput(source, f"line {n} holds a value that cannot be read ({' '.join(str(exc).split())[:120]}).",
                       "Write very long numbers as strings, or remove them; the other lines were read.") from exc


def _field(record: dict[str, Any], name: str, n: int, source: str) -> str | None:
    """A metadata field as text: strings kept, numbers converted explicitly, other types refused."""
    value = record.get(name)
    if value is None:
        return None
    if isinstance(value, str):
        _no_surrogates(name, value, n, source)
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return json.dumps(value)
    raise BadInput(source, f'line {n}: "{name}" is a JSON {_json_type(value)}, not a string.',
                   f'Write "{name}" as a string (or leave it out); the other lines were read.')


def _no_surrogates(name: str, value: str, n: int, source: str) -> None:
    at = lone_surrogate(value)
    if at is not None:
        raise BadInput(
            source,
            f'line {n}: "{name}" holds a lone UTF-16 surrogate (\\u{ord(value[at]):04x} at character {at}), '
            "which is not a character.",
            "Re-export the record with the surrogate pair complete (or the escape removed); the other lines were read.",
        )


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    return {dict: "object", list: "array", str: "string", int: "number", float: "number"}.get(type(value), "value")
