"""Input readers: files and folders in, ``SourceItem``s (a Report or a quarantine record) out.

``load(paths)`` dispatches each file on its extension to one reader module:

    text   .txt .text .md        one report per file (optional ``Key: value`` header)
    html   .html .htm .xhtml     trafilatura article extraction
    feed   .xml .rss .atom       one report per RSS/Atom entry
    jsonl  .jsonl .ndjson        one report per line (DESIGN.md format), streamed
    warc   .warc .warc.gz        one report per archived HTML/text response, streamed

Folders are walked recursively in sorted order, skipping hidden files and folders; ``-`` reads
standard input and sniffs its kind. Bad input never raises out of ``load()``: it becomes a
``Quarantined`` record (stage "ingest", error "BadInput") whose one-line message names the input,
the problem and the fix. Whole-file readers check the size before reading; streamed kinds (JSONL,
WARC) apply ``max_bytes`` to each record. Decoding rules are in ``factfinder.sources.base``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import ModuleType
from typing import IO

from ..errors import BadInput
from . import feed, html, jsonl, text, warc
from .base import Options, SourceItem, normalise_date, report_id

__all__ = ["SourceItem", "load", "count_inputs", "report_id", "SUPPORTED", "STDIN"]

STDIN = "-"
_WHOLE_FILE: tuple[ModuleType, ...] = (text, html, feed)
_STREAMED: tuple[ModuleType, ...] = (jsonl, warc)
SUPPORTED: tuple[str, ...] = tuple(ext for mod in _WHOLE_FILE + _STREAMED for ext in mod.EXTENSIONS)


def load(
    paths: Iterable[str | Path],
    outlet: str | None = None,
    published: str | None = None,
    max_bytes: int = 10_000_000,
) -> Iterator[SourceItem]:
    """Items for every report in ``paths`` (files, folders, or ``-``), in a deterministic order.

    ``outlet``/``published`` fill in what an input does not say itself. Raises BadInput at once
    (before reading anything) only when ``published`` is not a date.
    """
    day = normalise_date(published) if published else None
    if published and day is None:
        raise BadInput("--published", f"'{published}' is not a date.", "Give it as YYYY-MM-DD.")
    options = Options(outlet=outlet or None, published=day, max_bytes=max_bytes)
    return _load(list(paths), options)


def count_inputs(paths: Iterable[str | Path]) -> int:
    """How many inputs ``load`` will open (files found in folders, plus named files): a progress total."""
    return sum(1 for _ in _expand(paths))


def _load(paths: list[str | Path], options: Options) -> Iterator[SourceItem]:
    for path in _expand(paths):
        yield from _guarded(str(path), _read_input(path, options))


def _expand(paths: Iterable[str | Path]) -> Iterator[Path | str]:
    """Named inputs in order; folders become their visible files, sorted."""
    for p in paths:
        if str(p) == STDIN:
            yield STDIN
            continue
        path = Path(p)
        if path.is_dir():
            yield from sorted(
                (f for f in path.rglob("*") if f.is_file() and not _hidden(f.relative_to(path))),
                key=lambda f: f.relative_to(path).as_posix(),
            )
        else:
            yield path


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def _guarded(source: str, items: Iterator[SourceItem]) -> Iterator[SourceItem]:
    """Drain one input's (lazy) reader; whatever goes wrong becomes a quarantine item, the batch goes on."""
    try:
        yield from items
    except BadInput as exc:
        yield SourceItem.bad(exc)
    except Exception as exc:  # noqa: BLE001 - contract: bad input never raises out of load()
        problem = f"the reader failed unexpectedly ({type(exc).__name__}: {' '.join(str(exc).split())[:200]})."
        yield SourceItem.bad(
            BadInput(source, problem, "Check the file; if it looks fine, report this with the file attached.")
        )


def _read_input(path: Path | str, options: Options) -> Iterator[SourceItem]:
    if path == STDIN:
        yield from _read_stdin(options)
        return
    path = Path(path)
    source = str(path)
    reader = _reader_for(path.name)
    if reader is None:
        suffix = "".join(path.suffixes[-2:]) or "no extension"
        raise BadInput(
            source,
            f"unsupported file type ({suffix}).",
            f"Supported: {' '.join(SUPPORTED)}; rename the file if it is one of these, or convert it to text.",
        )
    size = _size(path)
    if reader in _STREAMED:
        with _open(path) as stream:
            yield from reader.read_stream(stream, source, options)
        return
    if size > options.max_bytes:
        raise BadInput(
            source,
            f"the file is {size:,} bytes, over the --max-bytes limit of {options.max_bytes:,}.",
            "Split it into smaller files or raise --max-bytes.",
        )
    data = _read_bytes(path)
    yield from _read_bytes_with(reader, data, source, options)


def _read_bytes_with(reader: ModuleType, data: bytes, source: str, options: Options) -> Iterator[SourceItem]:
    try:
        yield from reader.read(data, source, options)
    except BadInput as exc:
        yield SourceItem.bad(exc, data)


def _reader_for(name: str) -> ModuleType | None:
    lower = name.lower()
    # Longest extension first so ".warc.gz" wins over any ".gz" rule.
    for mod in sorted(_WHOLE_FILE + _STREAMED, key=lambda m: -max(len(e) for e in m.EXTENSIONS)):
        if lower.endswith(mod.EXTENSIONS):
            return mod
    return None


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError as exc:
        raise BadInput(
            str(path), "no such file or folder.", "Check the path (and that the disk or share is mounted)."
        ) from exc
    except OSError as exc:
        raise BadInput(
            str(path), f"cannot be read ({type(exc).__name__}: {exc.strerror}).", "Check the path and its permissions."
        ) from exc


def _open(path: Path) -> IO[bytes]:
    try:
        return path.open("rb")
    except OSError as exc:
        raise BadInput(
            str(path), f"cannot be read ({type(exc).__name__}: {exc.strerror}).", "Check the path and its permissions."
        ) from exc


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise BadInput(
            str(path), f"cannot be read ({type(exc).__name__}: {exc.strerror}).", "Check the path and its permissions."
        ) from exc


def _read_stdin(options: Options) -> Iterator[SourceItem]:
    """Standard input: read up to max_bytes, then sniff JSONL, feed, HTML or text."""
    import io

    data = sys.stdin.buffer.read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        raise BadInput(
            "<stdin>",
            f"more than --max-bytes ({options.max_bytes:,} bytes) on standard input.",
            "Write it to files, or raise --max-bytes.",
        )
    head = data.lstrip()[:1]
    if head == b"{":
        yield from jsonl.read_stream(io.BytesIO(data), "<stdin>", options)
        return
    reader = feed if feed.looks_like_feed(data) else html if head == b"<" else text
    yield from _read_bytes_with(reader, data, "<stdin>", options)
