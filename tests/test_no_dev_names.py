"""No test, rule, table or comment names what the development data names: a multi-word capitalised name
(a person, group, outlet) of ../shared/dev/challenge/*/articles.jsonl, ../shared/corpus or ../shared/gold
that also occurs under factfinder/, tests/, scripts/, bench/ or docs/ is a sign of fitting to those
reports. Skipped when ../shared is absent."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT, SHARED

# Generic names every news system meets, which the development reports share with the rest of the world.
ALLOWED = {
    # institutions and treaties named by the legal ontology and the case files
    "International Criminal Court", "Criminal Court", "Rome Statute", "State Party", "Security Council",
    "United Nations", "European Union", "Secretary General", "Supreme Court", "Constitutional Court",
    # a government department or a body named by its kind
    "Foreign Ministry", "Interior Ministry", "Justice Ministry", "Defence Ministry", "Ports Authority",
    "Rights Monitor", "Relief Alliance", "Local Government Area", "Government Area",
    # bodies of ontology/organizations.json (chosen from the UN system chart and treaty bodies' own lists:
    # the names every news report uses for them, not names taken from the development reports)
    "African Union", "Amnesty International", "World Food Programme", "Food Programme", "Human Rights",
    "International Organization",
    # holidays named by the date tables
    "New Year's Eve", "Year's Eve", "Palm Sunday",
    # a real wire service: dateline credits "(AP)" and boilerplate in the source tests
    "Associated Press",
}
SKIP_FILES = {"admin_areas.json", "countries.json", "world-110m.topo.json"}  # generated gazetteer tables
SKIP_SUFFIXES = {".pyc", ".png", ".jpg", ".pdf", ".gz", ".db", ".ico", ".woff", ".woff2", ".zip", ".warc"}
AREAS = ("factfinder", "tests", "scripts", "bench", "docs")

_WORD = r"[A-Z][A-Za-z'’.\-]*[a-z][A-Za-z'’\-]*"
_RUN = re.compile(rf"\b{_WORD}(?: {_WORD})+")
# words that open a sentence or a phrase without belonging to the name after them
_LEADING = {"the", "a", "an", "in", "on", "at", "of", "for", "to", "by", "from", "with", "and", "but", "or", "as",
            "if", "when", "while", "after", "before", "since", "this", "that", "these", "those", "it", "its",
            "he", "she", "they", "we", "his", "her", "their", "our", "mr", "ms", "mrs", "dr", "said", "says",
            "meanwhile", "according", "last", "next"}


def _runs(text: str) -> Iterator[list[str]]:
    """Runs of two or more capitalised words, without the function word that opens a sentence."""
    for m in _RUN.finditer(text):
        words = m.group(0).split(" ")
        while words and words[0].lower() in _LEADING:
            words = words[1:]
        if len(words) >= 2:
            yield words


def dev_names(text: str) -> set[str]:
    """A name of the development text and its shorter tails ("President X Y" -> "X Y")."""
    return {" ".join(w[i:]) for w in _runs(text) for i in range(len(w) - 1)}


def repo_names(text: str) -> set[str]:
    """Every run of two or more capitalised words inside a longer one."""
    return {" ".join(w[i:j]) for w in _runs(text) for i in range(len(w)) for j in range(i + 2, len(w) + 1)}


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _development_names() -> set[str]:
    files = [*SHARED.glob("dev/challenge/*/articles.jsonl"), *SHARED.glob("corpus/*.jsonl"),
             *SHARED.glob("gold/*.json"), *SHARED.glob("gold/*.jsonl")]
    out: set[str] = set()
    for path in files:
        text = path.read_text(encoding="utf-8")
        for chunk in text.splitlines() if path.suffix == ".jsonl" else [text]:
            if chunk.strip():
                for s in _strings(json.loads(chunk)):
                    out |= dev_names(s)
    return out


def _repo_files() -> Iterator[Path]:
    for area in AREAS:
        for path in sorted((ROOT / area).rglob("*")):
            if (path.is_file() and path.name not in SKIP_FILES and path.suffix not in SKIP_SUFFIXES
                    and "__pycache__" not in path.parts and path != Path(__file__)):
                yield path


def _repo_texts() -> Iterator[tuple[str, str]]:
    """(path relative to the repo, text) of every checked file that is text."""
    for path in _repo_files():
        try:
            yield str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue


def _gazetteer_entry(name: str) -> bool:
    """A real country, region or city the gazetteer knows ("United States", "Red Sea")."""
    from factfinder.extract import places

    return places.resolve([name])[0] is not None


def test_name_helpers_find_names_and_their_tails():
    assert dev_names("In a statement, ICC prosecutor Ilse Varga said.") == {"Ilse Varga"}
    assert dev_names("The Orvik Farmers Union said") == {"Orvik Farmers Union", "Farmers Union"}
    assert "Farmers Union" in repo_names("the Orvik Farmers Union Hall") and "Orvik" not in repo_names("Orvik")


def test_no_development_name_in_code_tests_tables_or_docs():
    if not (SHARED / "corpus").exists():
        pytest.skip(f"{SHARED} not found: nothing to compare with")
    dev = _development_names() - ALLOWED
    found: dict[str, set[str]] = {}
    for path, text in _repo_texts():
        for name in repo_names(text) & dev:
            found.setdefault(name, set()).add(path)
    found = {n: files for n, files in found.items() if not _gazetteer_entry(n)}
    assert not found, "development-set names outside ../shared (use invented ones): " + "; ".join(
        f"{n!r} in {', '.join(sorted(files))}" for n, files in sorted(found.items()))


# ---------------------------------------------------------------- development sentences
N_GRAM = 7
_WORDS = re.compile(r"[a-z0-9]+")
# Generic language the development texts share with the rest of the world; a 7-gram that contains one of
# these phrases, or lies inside one, is allowed.
ALLOWED_PHRASES = (
    # statutory text the legal ontology quotes (Rome Statute arts. 7, 15, 53)
    "widespread or systematic attack directed against any civilian population",
    "reasonable grounds to believe",
    "office of the prosecutor of the international criminal court",
    # a body's official name (ontology/organizations.json)
    "office of the united nations high commissioner for refugees",
    # wire boilerplate quotes.json patterns on
    "who asked to be identified only as",
    "the interior ministry said in a statement",
    "did not respond to a request for comment",
)


def grams(text: str) -> set[str]:
    """Every run of N_GRAM lower-cased words (punctuation dropped)."""
    ws = _WORDS.findall(text.lower())
    return {" ".join(ws[i:i + N_GRAM]) for i in range(len(ws) - N_GRAM + 1)}


def _allowed(gram: str) -> bool:
    return any(p in gram or gram in p for p in ALLOWED_PHRASES)


def _development_grams() -> set[str]:
    out: set[str] = set()
    for path in [*SHARED.glob("dev/challenge/*/articles.jsonl"), *SHARED.glob("corpus/*.jsonl")]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                for s in _strings(json.loads(line)):
                    out |= grams(s)
    for path in SHARED.glob("dev/gum_news/*.conllu"):
        out |= {g for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("# text = ")
                for g in grams(line[9:])}
    gsr = SHARED / "eval" / "plover_gsr_cameo" / "PLOVER_GSR_CAMEO.json"
    if gsr.exists():
        out |= {g for s in _strings(json.loads(gsr.read_text(encoding="utf-8"))) if len(s) > 40 for g in grams(s)}
    return out


def test_grams_ignore_case_and_punctuation():
    assert grams("One, two THREE four-five six seven.") == {"one two three four five six seven"}
    assert _allowed("there are reasonable grounds to believe that") and not _allowed("a b c d e f g")


def test_no_development_sentence_in_code_tests_tables_or_docs():
    if not (SHARED / "corpus").exists():
        pytest.skip(f"{SHARED} not found: nothing to compare with")
    dev = _development_grams()
    found: dict[str, set[str]] = {}
    for path, text in _repo_texts():
        for gram in grams(text) & dev:
            if not _allowed(gram):
                found.setdefault(gram, set()).add(path)
    assert not found, "development-set sentences outside ../shared (write your own text): " + "; ".join(
        f"{g!r} in {', '.join(sorted(files))}" for g, files in sorted(found.items()))
