"""RSS and Atom feeds (.xml, .rss, .atom): one Report per entry.

The entry's full content (``content:encoded``/Atom ``content``) is preferred over its summary; either
is HTML and becomes text with one line per block. The feed's title is the outlet when the entry has
no source of its own. Every entry keeps the feed's bytes as its raw original (feeds carry no
per-entry bytes), and its source is ``path#N`` (N = entry number, from 1).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import feedparser

from ..errors import BadInput
from .base import Options, SourceItem, decode, make_report
from .html import html_to_text

EXTENSIONS = (".xml", ".rss", ".atom")


def parse(data: bytes) -> Any:
    """feedparser's result, or None when the bytes are not a feed it recognises."""
    parsed = feedparser.parse(data)
    return parsed if parsed.get("version") and parsed.get("entries") is not None else None


def looks_like_feed(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def read(
    data: bytes, source: str, options: Options, hint: str | None = None, **meta: str | None
) -> Iterator[SourceItem]:
    """One item per feed entry; an entry without text is quarantined and the others go on."""
    decode(data, source, hint)  # same empty/binary/encoding checks as every other reader
    parsed = parse(data)
    if parsed is None:
        raise BadInput(
            source,
            "XML but not an RSS or Atom feed feedparser recognises.",
            "Pass a feed (RSS/Atom), or save the article as .html or .txt.",
        )
    if not parsed.entries:
        raise BadInput(source, "the feed has no entries.", "Fetch the feed again when it lists articles.")
    feed_title = parsed.feed.get("title")
    for n, entry in enumerate(parsed.entries, start=1):
        entry_source = f"{source}#{n}"
        text = _entry_text(entry)
        if not text:
            problem = f"feed entry {n} ({entry.get('link') or entry.get('title') or 'untitled'}) has no text."
            yield SourceItem.bad(
                BadInput(entry_source, problem, "Ingest the linked article page (.html) instead."), data
            )
            continue
        report = make_report(
            text,
            data,
            entry_source,
            options,
            url=entry.get("link"),
            outlet=(entry.get("source") or {}).get("title") or feed_title,
            published=entry.get("published_parsed") or entry.get("updated_parsed") or entry.get("published"),
            title=html_to_text(entry.get("title") or ""),
            captured_at=meta.get("captured_at"),
        )
        yield SourceItem.ok(report, data)


def _entry_text(entry: Any) -> str:
    contents = entry.get("content") or []
    for content in contents:
        text = html_to_text(content.get("value") or "")
        if text:
            return text
    return html_to_text(entry.get("summary") or entry.get("description") or "")
