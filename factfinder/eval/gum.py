"""GUM news (Wikinews, CorefUD CoNLL-U): how well the coreference stage resolves anaphors.

The text of each document is rebuilt from its tokens (``SpaceAfter=No`` honoured, one paragraph per
``# newpar``, the heading first) and run through the whole pipeline. Gold mentions come from the
``Entity=`` brackets of the MISC column; mentions with the same entity id corefer.

Anaphors scored:

- *pronoun*: a third-person personal pronoun (he/she/it/they and their forms) that has an earlier
  mention of its entity;
- *nominal*: a definite common-noun phrase ("the ministry", "the team") that has an earlier mention
  of its entity.

A coreference link is matched to a gold anaphor when its mention overlaps the anaphor's head token.
It is right when its antecedent actor has a mention (other than the anaphor itself) overlapping a
gold mention of the same entity. ``accuracy`` counts every gold anaphor (unresolved = wrong);
``precision`` counts only the anaphors we resolved; ``actor_accuracy`` counts only anaphors whose
entity some actor of the report covers (the ones an actor-level resolver can get right at all).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import EvalError
from ..records import Analysis, CorefLink, Report

_ENTITY = re.compile(r"\((\d+)([^()]*)(\))?|(\d+)\)")
_PRONOUNS = {"he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself",
             "they", "them", "their", "theirs", "themselves"}


@dataclass(frozen=True, slots=True)
class GoldMention:
    entity: str
    start: int
    end: int
    head: tuple[int, int]  # character span of the head token
    kind: str  # pronoun/nominal/other
    first: bool  # the entity's first mention


@dataclass(frozen=True, slots=True)
class GumDoc:
    id: str
    text: str
    mentions: tuple[GoldMention, ...]


@dataclass(slots=True)
class _Tok:
    form: str
    upos: str
    lemma: str
    head: int  # 1-based index in the sentence, 0 = root
    start: int = 0
    end: int = 0


_Raw = tuple[str, str, int, int, list[_Tok], int, int]  # entity, attrs, start, end, sentence toks, first, last


def read_conllu(path: str | Path) -> tuple[str, list[_Raw]]:
    """One CoNLL-U document -> its rebuilt text and every bracketed ``Entity=`` mention with offsets
    (the one reader both GUM scorers share, so their offsets agree)."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvalError(f"{path}: cannot read GUM file ({exc}); expected ../shared/dev/gum_news/*.conllu") from exc
    parts: list[str] = []
    pos = 0
    open_: dict[str, list[tuple[int, int, str]]] = {}  # entity -> stack of (start, sentence tok index, attrs)
    raw: list[_Raw] = []
    sent: list[_Tok] = []
    skip_until = 0
    pending_space = ""

    def emit(form: str, space_after: bool) -> tuple[int, int]:
        nonlocal pos, pending_space
        parts.append(pending_space)
        pos += len(pending_space)
        start = pos
        parts.append(form)
        pos += len(form)
        pending_space = " " if space_after else ""
        return start, pos

    range_span: tuple[int, int] | None = None
    for line in lines:
        if line.startswith("# newpar") and not line.startswith("# newpar_"):
            if pos:
                pending_space = "\n"
            continue
        if not line.strip():
            sent = []
            continue
        cols = line.split("\t")
        if line.startswith("#") or len(cols) < 10 or "." in cols[0]:
            continue
        misc = cols[9]
        space_after = "SpaceAfter=No" not in misc
        if "-" in cols[0]:  # multi-word token: the surface form is here, the words follow
            range_span = emit(cols[1], space_after)
            skip_until = int(cols[0].split("-")[1])
            continue
        idx = int(cols[0])
        if idx <= skip_until and range_span is not None:
            start, end = range_span
        else:
            start, end = emit(cols[1], space_after)
            range_span = None
        sent.append(_Tok(cols[1], cols[3], cols[2].lower(), int(cols[6]) if cols[6].isdigit() else 0, start, end))
        for m in _ENTITY.finditer(_entity_field(misc)):
            if m.group(1):
                ent, attrs = m.group(1), m.group(2)
                if m.group(3):
                    raw.append((ent, attrs, start, end, sent, len(sent) - 1, len(sent) - 1))
                else:
                    open_.setdefault(ent, []).append((start, len(sent) - 1, attrs))
            elif open_.get(m.group(4)):
                s, first_i, attrs = open_[m.group(4)].pop()
                raw.append((m.group(4), attrs, s, end, sent, first_i, len(sent) - 1))
    return "".join(parts), raw


def load(path: str | Path) -> GumDoc:
    """One CoNLL-U document -> text + gold mentions."""
    text, raw = read_conllu(path)
    mentions = _classify([(ent, start, end, toks, lo, hi) for ent, _attrs, start, end, toks, lo, hi in raw])
    return GumDoc(Path(path).stem, text, mentions)


def _entity_field(misc: str) -> str:
    for item in misc.split("|"):
        if item.startswith("Entity="):
            return item[len("Entity="):]
    return ""


def _classify(raw: list[tuple[str, int, int, list[_Tok], int, int]]) -> tuple[GoldMention, ...]:
    seen: set[str] = set()
    out = []
    for ent, start, end, sent, lo, hi in sorted(raw, key=lambda r: (r[1], -r[2])):
        toks = sent[lo:hi + 1]
        head = _head(toks, lo)
        kind = "other"
        if len(toks) == 1 and toks[0].upos == "PRON" and toks[0].form.lower() in _PRONOUNS:
            kind = "pronoun"
        elif toks and toks[0].form.lower() == "the" and head.upos == "NOUN":
            kind = "nominal"
        out.append(GoldMention(ent, start, end, (head.start, head.end), kind, ent not in seen))
        seen.add(ent)
    return tuple(out)


def _head(toks: list[_Tok], offset: int) -> _Tok:
    """The mention's token whose syntactic head lies outside the mention."""
    inside = range(offset + 1, offset + len(toks) + 1)
    for t in toks:
        if t.head not in inside:
            return t
    return toks[-1]


def documents(folder: str | Path, half: str | None = None) -> list[Path]:
    folder = Path(folder)
    if not folder.is_dir():
        raise EvalError(f"{folder}: not a folder; expected ../shared/dev/gum_news/")
    files = sorted(folder.glob("*.conllu"))
    if half:
        split = json.loads(resources.files("factfinder.eval").joinpath("splits.json").read_text())["gum_news"]
        if half not in split:
            raise EvalError(f"--half {half}: unknown; use one of {sorted(k for k in split if k != 'about')}")
        files = [f for f in files if f.stem in set(split[half])]
    if not files:
        raise EvalError(f"{folder}: no .conllu files{' in half ' + half if half else ''}")
    return files


def _link_for(links: list[CorefLink], head: tuple[int, int]) -> CorefLink | None:
    best = None
    for link in links:
        if link.span.start < head[1] and head[0] < link.span.end:
            if best is None or link.span.end - link.span.start < best.span.end - best.span.start:
                best = link
    return best


def score_doc(doc: GumDoc, analysis: Analysis) -> dict[str, list[int]]:
    """Per kind: [anaphors, resolved to an actor, right, coverable, right and coverable,
    resolved to any phrase, right phrase]."""
    by_entity: dict[str, list[GoldMention]] = {}
    for m in doc.mentions:
        by_entity.setdefault(m.entity, []).append(m)
    actors = {a.id: a for a in analysis.actors}
    links = list(analysis.coref)
    out: dict[str, list[int]] = {"pronoun": [0] * 7, "nominal": [0] * 7}
    for m in doc.mentions:
        if m.kind not in out or m.first:
            continue
        others = [g for g in by_entity[m.entity] if g is not m and g.start < m.start]
        if not others:
            continue
        row = out[m.kind]
        row[0] += 1
        coverable = any(_overlaps(sp, g) for a in actors.values() for sp in a.mentions
                        if not _overlaps(sp, m) for g in others)
        row[3] += coverable
        link = _link_for(links, m.head)
        if link is None:
            continue
        if link.antecedent_actor_id is None:
            # linked to a phrase that names no actor: right when that phrase is a mention of the entity
            if link.antecedent is not None:
                row[5] += 1
                row[6] += any(_overlaps(link.antecedent, g) for g in others)
            continue
        row[1] += 1
        actor = actors.get(link.antecedent_actor_id)
        if actor is None:
            continue
        right = any(_overlaps(sp, g) for sp in actor.mentions if not _overlaps(sp, m) for g in others)
        row[2] += right
        row[4] += right and coverable
        row[5] += 1
        row[6] += right
    return out


def _overlaps(sp: Any, g: GoldMention) -> bool:
    return sp.start < g.end and g.start < sp.end


def score_gum(folder: str | Path, half: str | None = None) -> dict[str, Any]:
    from ..pipeline import analyse

    totals: dict[str, list[int]] = {"pronoun": [0] * 7, "nominal": [0] * 7}
    for path in documents(folder, half):
        doc = load(path)
        analysis = analyse(Report(id=doc.id, text=doc.text))
        for kind, row in score_doc(doc, analysis).items():
            totals[kind] = [a + b for a, b in zip(totals[kind], row, strict=True)]
    scores: dict[str, Any] = {}
    for kind, (n, resolved, right, coverable, right_cov, _linked, right_any) in totals.items():
        scores[f"coref.{kind}.accuracy"] = _ratio(right, n)
        scores[f"coref.{kind}.precision"] = _ratio(right, resolved)
        scores[f"coref.{kind}.actor_accuracy"] = _ratio(right_cov, coverable)
        scores[f"coref.{kind}.phrase_accuracy"] = _ratio(right_any, n)
        scores[f"coref.{kind}.n"] = n
        scores[f"coref.{kind}.n_actor"] = coverable
    return scores


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None
