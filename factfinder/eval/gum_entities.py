"""GUM news (Wikinews, CorefUD CoNLL-U): how well the entities stage finds and types named mentions.

An outside check on the name rules that is not the challenge set. Gold mentions come from the
``Entity=`` brackets of the MISC column (``(12-person-...``); only *named* mentions are scored: those
whose head token (the token whose syntactic head lies outside the mention) is a proper noun, of the
types person, place and organization. The text is rebuilt from the tokens exactly as
``factfinder.eval.gum`` does, so offsets agree with that loader.

- *recall*: a gold named mention is found when one of our mentions overlaps its head token and lies
  inside the gold mention (a longer mention of ours that swallows it names something else); one we
  tag NORP ("Muslims", GUM's people) is left out, the two schemes not being comparable there;
- *type accuracy*: of the found ones, our label maps to the gold type (person -> PERSON,
  place -> GPE or LOC, organization -> ORG).

Only the entities stage runs (it needs nothing but the parse).
Usage: ``python -m factfinder.eval.gum_entities ../shared/dev/gum_news [--half tune|check] [--errors]``
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import EvalError
from ..records import Mention, Report
from .gum import _ENTITY, _Tok, _entity_field, _head, documents

TYPES = {"person": ("PERSON",), "place": ("GPE", "LOC"), "organization": ("ORG",)}


@dataclass(frozen=True, slots=True)
class NamedMention:
    kind: str  # person/place/organization
    start: int
    end: int
    head: tuple[int, int]
    text: str


@dataclass(frozen=True, slots=True)
class GumNames:
    id: str
    text: str
    mentions: tuple[NamedMention, ...]


def load(path: str | Path) -> GumNames:
    """One CoNLL-U document -> text + its named person/place/organization mentions."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvalError(f"{path}: cannot read GUM file ({exc}); expected ../shared/dev/gum_news/*.conllu") from exc
    parts: list[str] = []
    pos = 0
    pending = ""
    sent: list[_Tok] = []
    open_: dict[str, list[tuple[int, int, str]]] = {}
    raw: list[tuple[str, int, int, list[_Tok], int, int]] = []  # kind, start, end, sentence, first, last
    range_span: tuple[int, int] | None = None
    skip_until = 0

    def emit(form: str, space_after: bool) -> tuple[int, int]:
        nonlocal pos, pending
        parts.append(pending)
        pos += len(pending)
        start = pos
        parts.append(form)
        pos += len(form)
        pending = " " if space_after else ""
        return start, pos

    for line in lines:
        if line.startswith("# newpar") and not line.startswith("# newpar_"):
            if pos:
                pending = "\n"
            continue
        if not line.strip():
            sent = []
            continue
        cols = line.split("\t")
        if line.startswith("#") or len(cols) < 10 or "." in cols[0]:
            continue
        space_after = "SpaceAfter=No" not in cols[9]
        if "-" in cols[0]:  # a multi-word token: the surface form is here, its words follow
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
        for m in _ENTITY.finditer(_entity_field(cols[9])):
            if m.group(1):
                kind = m.group(2).lstrip("-").split("-", 1)[0]
                if m.group(3):
                    raw.append((kind, start, end, sent, len(sent) - 1, len(sent) - 1))
                else:
                    open_.setdefault(m.group(1), []).append((start, len(sent) - 1, kind))
            elif open_.get(m.group(4)):
                s, first, kind = open_[m.group(4)].pop()
                raw.append((kind, s, end, sent, first, len(sent) - 1))
    text = "".join(parts)
    out = []
    for kind, start, end, toks, lo, hi in sorted(raw, key=lambda r: (r[1], -r[2])):
        head = _head(toks[lo:hi + 1], lo)
        if kind in TYPES and head.upos == "PROPN":
            out.append(NamedMention(kind, start, end, (head.start, head.end), text[start:end]))
    return GumNames(path.stem, text, tuple(out))


def _ours(mentions: tuple[Mention, ...], gold: NamedMention) -> Mention | None:
    """Our smallest mention overlapping the gold head and lying inside the gold mention."""
    best = None
    for m in mentions:
        sp = m.span
        if sp.start < gold.head[1] and gold.head[0] < sp.end and gold.start <= sp.start and sp.end <= gold.end:
            if best is None or sp.end - sp.start < best.span.end - best.span.start:
                best = m
    return best


def score_doc(doc: GumNames, mentions: tuple[Mention, ...]) -> tuple[dict[str, list[int]], list[str]]:
    """Per gold kind: [gold named mentions, found, typed right]; and one line per error."""
    rows = {k: [0, 0, 0] for k in TYPES}
    errors = []
    for g in doc.mentions:
        row = rows[g.kind]
        row[0] += 1
        ours = _ours(mentions, g)
        if ours is None:
            errors.append(f"{doc.id}\tmissed\t{g.kind}\t{g.text!r}")
            continue
        if ours.label == "NORP":  # "Muslims", "Democrats": GUM's people, our nationality/group class
            row[0] -= 1
            continue
        row[1] += 1
        if ours.label in TYPES[g.kind]:
            row[2] += 1
        else:
            errors.append(f"{doc.id}\ttyped {ours.label}\t{g.kind}\t{g.text!r} (ours {ours.span.text!r})")
    return rows, errors


def score(folder: str | Path, half: str | None = None) -> tuple[dict[str, Any], list[str]]:
    from ..extract import entities
    from ..nlp import load as load_nlp
    from ..records import Analysis

    nlp = load_nlp()
    totals = {k: [0, 0, 0] for k in TYPES}
    errors: list[str] = []
    for path in documents(folder, half):
        doc = load(path)
        report = Report(id=doc.id, text=doc.text)
        analysis = entities.run(nlp(doc.text), Analysis(report=report))
        rows, errs = score_doc(doc, analysis.mentions)
        errors.extend(errs)
        for k, row in rows.items():
            totals[k] = [a + b for a, b in zip(totals[k], row)]
    n, found, right = (sum(r[i] for r in totals.values()) for i in range(3))
    scores: dict[str, Any] = {"gum.names.n": n, "gum.names.recall": _ratio(found, n),
                              "gum.names.type_accuracy": _ratio(right, found), "gum.names.right": _ratio(right, n)}
    for k, (kn, kf, kr) in totals.items():
        scores[f"gum.names.{k}.recall"] = _ratio(kf, kn)
        scores[f"gum.names.{k}.type_accuracy"] = _ratio(kr, kf)
    return scores, errors


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m factfinder.eval.gum_entities", description=__doc__.split("\n")[0])
    ap.add_argument("folder")
    ap.add_argument("--half", choices=("tune", "check"))
    ap.add_argument("--errors", action="store_true", help="also print one line per missed or mistyped mention")
    args = ap.parse_args(argv)
    try:
        scores, errors = score(args.folder, args.half)
    except EvalError as exc:
        print(f"gum_entities: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(scores, indent=1))
    if args.errors:
        print("\n".join(errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
