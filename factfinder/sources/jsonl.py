"""JSON Lines reports (.jsonl, .ndjson), the format of DESIGN.md:

    {"id", "url", "outlet", "published", "dateline", "title", "text", "story"}

Only ``text`` is required. A record's ``id`` is kept (gold files refer to it); without one the id is
derived from the text. ``text`` is kept byte-for-byte, so offsets computed by others stay valid.
The file is streamed line by line: ``max_bytes`` limits each line, not the file. A bad line is
quarantined as ``path:LINE`` and the other lines go on. Each report's raw original is its line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

from ..errors import BadInput
from .base import Options, SourceItem, decode, make_report

EXTENSIONS = (".jsonl", ".ndjson")
FIELDS = "id, url, outlet, published, dateline, title, text, story"
_CHUNK = 1 << 20


def read_stream(stream: IO[bytes], source: str, options: Options) -> Iterator[SourceItem]:
    """One item per non-blank line of ``stream``."""
    seen_any = False
    for n, raw in _lines(stream, options.max_bytes):
        line_source = f"{source}:{n}"
        if raw is None:
            problem = f"line {n} is longer than --max-bytes ({options.max_bytes:,} bytes)."
            yield SourceItem.bad(BadInput(line_source, problem, "Split the record or raise --max-bytes."))
            seen_any = True
            continue
        if not raw.strip():
            continue
        seen_any = True
        try:
            yield SourceItem.ok(_report(raw, n, line_source, options), raw)
        except BadInput as exc:
            yield SourceItem.bad(exc, raw)
    if not seen_any:
        raise BadInput(
            source,
            "the file is empty (no JSON lines).",
            'Write one JSON report per line, with at least a "text" field.',
        )


def _lines(stream: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | None]]:
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


def _report(raw: bytes, n: int, source: str, options: Options) -> Any:
    text = decode(raw, source).lstrip("\ufeff")
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadInput(
            source,
            f"line {n} is not valid JSON ({exc.msg} at column {exc.colno}).",
            "Fix or remove that line (one JSON object per line); the other lines were read.",
        ) from exc
    if not isinstance(record, dict):
        raise BadInput(
            source,
            f"line {n} is a JSON {type(record).__name__}, not an object.",
            f"Write one object per line with fields {FIELDS}.",
        )
    body = record.get("text")
    if not isinstance(body, str) or not body.strip():
        what = 'has no "text" field' if "text" not in record else 'has an empty or non-string "text"'
        raise BadInput(source, f"line {n} {what}.", f'Every line needs "text" (the report body); fields: {FIELDS}.')
    return make_report(
        body,
        raw,
        source,
        options,
        id=_str(record.get("id")),
        url=_str(record.get("url")),
        outlet=_str(record.get("outlet")),
        published=record.get("published"),
        dateline=_str(record.get("dateline")),
        title=_str(record.get("title")),
        captured_at=_str(record.get("captured_at")),
        language=_str(record.get("language")),
        story=_str(record.get("story")),
    )


def _str(value: Any) -> str | None:
    return None if value is None else str(value)
