"""HTML article pages (.html, .htm): body, title, date, URL and site name.

trafilatura's ``bare_extraction(with_metadata=True)`` does the work (it needs the pinned
``lxml_html_clean`` since lxml 5.2 split it out). Feed entries' HTML fragments become text here too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from lxml import etree
from lxml import html as lxml_html
from trafilatura import bare_extraction

from ..errors import BadInput
from .base import Options, SourceItem, clean_text, decode, make_report

EXTENSIONS = (".html", ".htm", ".xhtml")

_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article"}
_DROP = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "button", "svg")
# Fewer words than this is a menu or a stub, not an article (trafilatura falls back to such text).
_MIN_ARTICLE_WORDS = 8


def read(
    data: bytes, source: str, options: Options, hint: str | None = None, **meta: str | None
) -> Iterator[SourceItem]:
    """One Report from an HTML page; BadInput when no article text can be found."""
    page = decode(data, source, hint)
    extracted = _extract(page, meta.get("url"))
    text = _drop_leading_title(clean_text(extracted.get("text") or ""), extracted.get("title"))
    if len(text.split()) < _MIN_ARTICLE_WORDS:
        raise BadInput(
            source,
            f"no article text found in the HTML (the extractor returned {len(text.split())} word(s); is it an "
            "index, login or script-only page?).",
            "Save the article page itself, or pass the article text as a .txt file.",
        )
    report = make_report(
        text,
        data,
        source,
        options,
        url=extracted.get("url") or meta.get("url"),
        outlet=extracted.get("sitename"),
        published=extracted.get("date"),
        title=extracted.get("title"),
        captured_at=meta.get("captured_at"),
        language=None,
    )
    yield SourceItem.ok(report, data)


def _drop_leading_title(text: str, title: str | None) -> str:
    """Extractors keep the headline as line one; it is the title, and it would hide the dateline."""
    first, _, rest = text.partition("\n")
    if title and rest.strip() and " ".join(first.split()).casefold() == " ".join(title.split()).casefold():
        return rest.strip()
    return text


def html_to_text(fragment: str) -> str:
    """An HTML fragment (feed summary, paragraph) -> plain text with one line per block."""
    if not fragment.strip():
        return ""
    if "<" not in fragment:
        return clean_text(fragment)
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return clean_text(fragment)
    for bad in root.xpath("|".join(f".//{t}" for t in _DROP)):
        bad.drop_tree()  # scripts, styles, navigation: not the entry's words
    return _block_text(root)


def _extract(page: str, url: str | None) -> dict[str, Any]:
    """Body, title, date, canonical URL and site name, by trafilatura."""
    doc = bare_extraction(page, url=url, with_metadata=True, include_comments=False, include_tables=False)
    if doc is None:
        return {}
    get = doc.get if isinstance(doc, dict) else lambda k: getattr(doc, k, None)
    return {k: get(k) for k in ("text", "title", "date", "url", "sitename")}


# ---------------------------------------------------------------- fragments


def _block_text(el: Any) -> str:
    """Text of an element with a newline around each block-level child, whitespace tidied per line."""
    parts: list[str] = []
    _collect(el, parts)
    lines = (re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _collect(el: Any, parts: list[str]) -> None:
    block = isinstance(el.tag, str) and el.tag in _BLOCKS
    if block:
        parts.append("\n")
    if el.text and isinstance(el.tag, str):
        parts.append(el.text)
    for child in el:
        _collect(child, parts)
        if child.tail:
            parts.append(child.tail)
    if block:
        parts.append("\n")

