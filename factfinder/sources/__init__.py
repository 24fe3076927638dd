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
the problem and the fix. Whole-file readers check the size before reading (and never read more than
``max_bytes``); streamed kinds (JSONL, WARC) apply ``max_bytes`` to each record. Decoding rules are
in ``factfinder.sources.base``.

Only regular files are read. Inside a folder, a dangling symlink, a FIFO, a device, a socket or a
subfolder that cannot be listed is quarantined (never skipped in silence); a named input that is not
a regular file (a FIFO, ``/dev/zero`` or a link to it) is quarantined before it is opened, so no
read can block or run without limit. Symlinked folders are followed once (a loop is quarantined).
File names that are not valid UTF-8 are read; they are named with ``\\xNN`` escapes in messages and
in the store. An input read only in part (a reader failing, or a WARC corrupt, after some items)
quarantines the rest with error ``IncompleteRead``, which the ingest summary counts as
"unaccounted", so it never claims more than it read.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import ModuleType
from typing import IO

from ..errors import BadInput, IncompleteRead
from ..settings import MAX_BYTES
from . import feed, html, jsonl, text, warc
from .base import Options, SourceItem, display_name, normalise_date, report_id

__all__ = ["SourceItem", "load", "count_inputs", "report_id", "display_name", "SUPPORTED", "STDIN", "INCOMPLETE"]

# Quarantine error name for an input read only in part: what followed was not read.
INCOMPLETE = IncompleteRead.__name__

STDIN = "-"
_WHOLE_FILE: tuple[ModuleType, ...] = (text, html, feed)
_STREAMED: tuple[ModuleType, ...] = (jsonl, warc)
SUPPORTED: tuple[str, ...] = tuple(ext for mod in _WHOLE_FILE + _STREAMED for ext in mod.EXTENSIONS)


def load(
    paths: Iterable[str | Path],
    outlet: str | None = None,
    published: str | None = None,
    max_bytes: int = MAX_BYTES,
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
        if isinstance(path, BadInput):
            yield SourceItem.bad(path)
            continue
        yield from _guarded(display_name(path), _read_input(path, options))


def _expand(paths: Iterable[str | Path]) -> Iterator[Path | str | BadInput]:
    """Named inputs in order; folders become their visible entries, sorted; what cannot be read, a BadInput."""
    for p in paths:
        if str(p) == STDIN:
            yield STDIN
            continue
        path = Path(p)
        if path.is_dir():
            yield from _walk(path, set())
        else:
            yield path


def _walk(folder: Path, visited: set[tuple[int, int]]) -> Iterator[Path | BadInput]:
    """Entries of ``folder`` (recursively, sorted by relative path); nothing is skipped but hidden names."""
    try:
        info = folder.stat()
        key = (info.st_dev, info.st_ino)
        if key in visited:
            yield BadInput(display_name(folder), "this folder links back to a folder already read (a symlink loop).",
                           "Remove the link; its files were read once.")
            return
        visited.add(key)
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: os.fsencode(e.name))
    except OSError as exc:
        yield BadInput(display_name(folder), f"the folder cannot be listed ({_why(exc)}); its files were not read.",
                       "Check its permissions (chmod +rx) and ingest it again.")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir()  # follows symlinks
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(path, visited)
        else:
            yield path  # regular or not: _read_input checks and names what it is


def _why(exc: OSError) -> str:
    return f"{type(exc).__name__}: {exc.strerror or exc}"


def _guarded(source: str, items: Iterator[SourceItem]) -> Iterator[SourceItem]:
    """Drain one input's (lazy) reader; whatever goes wrong becomes a quarantine item, the batch goes on."""
    count = 0
    try:
        for item in items:
            count += 1
            yield item
    except BadInput as exc:
        yield SourceItem.bad(exc)
    except Exception as exc:  # noqa: BLE001 - contract: bad input never raises out of load()
        if count:
            problem = (f"the reader stopped unexpectedly after {count} item(s) ({type(exc).__name__}: "
                       f"{' '.join(str(exc).split())[:200]}); the rest of this input was not read.")
            error: BadInput = IncompleteRead(source, problem, "Check the file; if it looks fine, report this with "
                                             "the file attached.")
        else:
            problem = f"the reader failed unexpectedly ({type(exc).__name__}: {' '.join(str(exc).split())[:200]})."
            error = BadInput(source, problem, "Check the file; if it looks fine, report this with the file attached.")
        yield SourceItem.bad(error)


def _read_input(path: Path | str, options: Options) -> Iterator[SourceItem]:
    if path == STDIN:
        yield from _read_stdin(options)
        return
    path = Path(path)
    source = display_name(path)
    size = _regular_size(path, source)
    reader = _reader_for(path.name)
    if reader is None:
        suffix = "".join(path.suffixes[-2:]) or "no extension"
        raise BadInput(
            source,
            f"unsupported file type ({display_name(suffix)}).",
            f"Supported: {' '.join(SUPPORTED)}; rename the file if it is one of these, or convert it to text.",
        )
    if reader in _STREAMED:
        with _open(path, source) as stream:
            yield from reader.read_stream(stream, source, options)
        return
    if size > options.max_bytes:
        raise BadInput(
            source,
            f"the file is {size:,} bytes, over the --max-bytes limit of {options.max_bytes:,}.",
            "Split it into smaller files or raise --max-bytes.",
        )
    data = _read_bytes(path, source, options.max_bytes)
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


_NOT_REGULAR = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


def _regular_size(path: Path, source: str) -> int:
    """The size of a regular file (following symlinks); BadInput for anything we must not open."""
    try:
        info = path.stat()
    except FileNotFoundError as exc:
        if path.is_symlink():
            raise BadInput(source, f"a symbolic link to {display_name(os.readlink(path))}, which does not exist.",
                           "Fix or remove the link.") from exc
        raise BadInput(source, "no such file or folder.",
                       "Check the path (and that the disk or share is mounted).") from exc
    except OSError as exc:
        raise BadInput(source, f"cannot be read ({_why(exc)}).", "Check the path and its permissions.") from exc
    if not stat.S_ISREG(info.st_mode):
        kind = next((what for test, what in _NOT_REGULAR if test(info.st_mode)), "not a regular file")
        link = " (through a symbolic link)" if path.is_symlink() else ""
        raise BadInput(source, f"this is {kind}{link}, not a file; it was not read.",
                       "Pass regular files (write a stream to a file first, or pipe it to `factfinder ingest -`).")
    return info.st_size


def _open(path: Path, source: str) -> IO[bytes]:
    """Open without blocking (a FIFO swapped in after the check must not hang us), then re-check the type."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise BadInput(source, f"cannot be read ({_why(exc)}).", "Check the path and its permissions.") from exc
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise BadInput(source, "this is not a regular file (it changed while being read); it was not read.",
                       "Pass regular files.")
    return os.fdopen(fd, "rb")


def _read_bytes(path: Path, source: str, limit: int) -> bytes:
    with _open(path, source) as stream:
        try:
            data = stream.read(limit + 1)
        except OSError as exc:
            raise BadInput(source, f"cannot be read ({_why(exc)}).", "Check the file and the disk.") from exc
    if len(data) > limit:  # it grew since we checked its size
        raise BadInput(source, f"the file is over the --max-bytes limit of {limit:,}.",
                       "Split it into smaller files or raise --max-bytes.")
    return data


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
    wide, _ = jsonl.wide_codec(io.BytesIO(data))  # UTF-16/32 JSON Lines piped in
    if head == b"{" or (wide and data.decode(wide, "ignore").lstrip("\ufeff \t\r\n")[:1] == "{"):
        yield from jsonl.read_stream(io.BytesIO(data), "<stdin>", options)
        return
    reader = feed if feed.looks_like_feed(data) else html if head == b"<" else text
    yield from _read_bytes_with(reader, data, "<stdin>", options)
