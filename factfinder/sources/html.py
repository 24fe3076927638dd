"""HTML article pages (.html, .htm): body, title, date, URL and site name.

trafilatura's ``bare_extraction(with_metadata=True)`` does the work. If trafilatura cannot be
imported (trafilatura 2.x needs the ``lxml_html_clean`` package since lxml 5.2 split it out), a small
lxml extractor takes over: ``<article>``/``<main>`` paragraphs, ``og:``/``<title>`` metadata and
htmldate for the date, so ingest still works, with a little less boilerplate removal.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from ..errors import BadInput
from .base import Options, SourceItem, clean_text, decode, make_report, table

EXTENSIONS = (".html", ".htm", ".xhtml")
log = logging.getLogger(__name__)

_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article"}
_DROP = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "button", "svg")
# Fewer words than this is a menu or a stub, not an article (trafilatura falls back to such text).
_MIN_ARTICLE_WORDS = 8
_MIN_PARAGRAPH = 40  # chars: shorter <p>s outside an <article> are usually captions, bylines, links


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
    return _block_text(root)


def _extract(page: str, url: str | None) -> dict[str, Any]:
    bare = _trafilatura()
    if bare is not None:
        doc = bare(page, url=url, with_metadata=True, include_comments=False, include_tables=False)
        if doc is None:
            return {}
        get = doc.get if isinstance(doc, dict) else lambda k: getattr(doc, k, None)
        return {k: get(k) for k in ("text", "title", "date", "url", "sitename")}
    return _lxml_extract(page)


@cache
def _trafilatura() -> Any:
    """trafilatura.bare_extraction, or None when trafilatura cannot be imported here."""
    try:
        from trafilatura import bare_extraction
    except ImportError as exc:
        log.warning("trafilatura unavailable (%s); using the built-in lxml HTML extractor", exc)
        return None
    return bare_extraction


# ---------------------------------------------------------------- lxml fallback


def _lxml_extract(page: str) -> dict[str, Any]:
    try:
        # Bytes plus an explicit parser encoding: the page is already decoded, and lxml would
        # otherwise obey a stale <meta charset> and decode our UTF-8 a second time.
        root = lxml_html.document_fromstring(page.encode("utf-8"), parser=_utf8_parser())
    except (etree.ParserError, ValueError):
        return {}
    meta = _meta(root)
    for bad in root.xpath("|".join(f"//{t}" for t in _DROP)):
        bad.drop_tree()
    for bad in [el for el in root.iter() if isinstance(el.tag, str) and _is_boilerplate(el)]:
        bad.drop_tree()
    return {
        "text": _main_text(root),
        "title": meta.get("og:title") or _first(root, "//h1") or _first(root, "//title"),
        "date": meta.get("article:published_time") or meta.get("date") or _htmldate(page),
        "url": meta.get("canonical") or meta.get("og:url"),
        "sitename": meta.get("og:site_name"),
    }


def _is_boilerplate(el: Any) -> bool:
    """Bylines, captions, share bars ...: recognised by class/id words listed in ontology/sources.json."""
    words = re.split(r"[\s_\-]+", f"{el.get('class') or ''} {el.get('id') or ''}".lower())
    return el.tag not in ("html", "body", "article", "main") and bool(set(words) & _boilerplate_markers())


@cache
def _boilerplate_markers() -> frozenset[str]:
    return frozenset(table()["html_boilerplate_markers"])


def _utf8_parser() -> lxml_html.HTMLParser:
    return lxml_html.HTMLParser(encoding="utf-8")  # a fresh one: lxml parsers are not thread-safe


def _meta(root: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    for el in root.xpath("//meta[@content]"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        if key and key not in out:
            out[key] = el.get("content").strip()
    for el in root.xpath("//link[@rel='canonical'][@href]"):
        out.setdefault("canonical", el.get("href").strip())
    return out


def _main_text(root: Any) -> str:
    """Paragraphs of the <article> (or <main>, or the whole body when neither exists)."""
    for xpath in ("//article", "//main", "//*[@itemprop='articleBody']"):
        containers = root.xpath(xpath)
        if containers:
            paras = [_block_text(p) for p in containers[0].xpath(".//p|.//blockquote")]
            text = "\n".join(p for p in paras if p)
            if text:
                return text
            return _block_text(containers[0])
    paras = [_block_text(p) for p in root.xpath("//p")]
    return "\n".join(p for p in paras if len(p) >= _MIN_PARAGRAPH)


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


def _first(root: Any, xpath: str) -> str | None:
    found = root.xpath(xpath)
    return " ".join(found[0].text_content().split()) if found else None


def _htmldate(page: str) -> str | None:
    try:
        from htmldate import find_date
    except ImportError:
        return None
    return find_date(page, extensive_search=False, original_date=True)
