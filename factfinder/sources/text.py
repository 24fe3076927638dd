"""Plain text and Markdown reports (.txt, .text, .md).

The whole file is one report. Two optional conventions carry metadata without touching the body:

* a header block of ``Key: value`` lines (Title, URL, Outlet, Published, Dateline) ended by a blank
  line, e.g. ``Published: 2025-03-10``;
* otherwise a first paragraph that is a single short line without sentence-final punctuation (or a
  Markdown ``# heading``) is the title.

The rest is the report text; a dateline at its opening ("BRUSSELS — ...") is detected, not removed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .base import Options, SourceItem, clean_text, decode, detect_dateline, make_report

EXTENSIONS = (".txt", ".text", ".md")
_HEADER_KEYS = {"title", "url", "outlet", "published", "date", "dateline", "source"}
_HEADER_LINE = re.compile(r"^(?P<key>[A-Za-z]+):\s*(?P<value>.*\S)\s*$")
_TITLE_MAX = 150


def read(
    data: bytes, source: str, options: Options, hint: str | None = None, **meta: str | None
) -> Iterator[SourceItem]:
    """One Report from the bytes of a text file. ``meta`` (url, captured_at) comes from a WARC wrapper."""
    text = clean_text(decode(data, source, hint))
    header, body = _split_header(text)
    title = header.get("title")
    if title is None:
        title, body = _split_title(body)
    report = make_report(
        body,
        data,
        source,
        options,
        url=header.get("url") or meta.get("url"),
        outlet=header.get("outlet") or header.get("source"),
        published=header.get("published") or header.get("date"),
        dateline=header.get("dateline"),
        title=title,
        captured_at=meta.get("captured_at"),
    )
    yield SourceItem.ok(report, data)


def _split_header(text: str) -> tuple[dict[str, str], str]:
    """``Key: value`` lines before the first blank line, when every one of them is a known key."""
    block, sep, rest = text.partition("\n\n")
    lines = block.split("\n")
    matches = [_HEADER_LINE.match(line) for line in lines]
    if not sep or not all(m and m["key"].lower() in _HEADER_KEYS for m in matches):
        return {}, text
    return {m["key"].lower(): m["value"] for m in matches if m}, rest.strip()


def _split_title(text: str) -> tuple[str | None, str]:
    first, sep, rest = text.partition("\n\n")
    if not sep or "\n" in first or not rest.strip():
        return None, text
    line = first.strip()
    if line.startswith("#"):
        return line.lstrip("#").strip() or None, rest.strip()
    if len(line) > _TITLE_MAX or line[-1] in '.!?"”’:;,' or detect_dateline(line + " "):
        return None, text
    return line, rest.strip()
