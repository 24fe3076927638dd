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
  place -> GPE or LOC, organization -> ORG);
- per type, *precision* (of the gold named mentions we found and gave that type's label, the share
  whose gold kind is that type), *recall_typed* (of the gold named mentions of the type, the share
  found and typed right) and their *f1*.

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
from .gum import _head, documents, read_conllu

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
    text, raw = read_conllu(path)
    out = []
    for _ent, attrs, start, end, toks, lo, hi in sorted(raw, key=lambda r: (r[2], -r[3])):
        kind = attrs.lstrip("-").split("-", 1)[0]
        head = _head(toks[lo:hi + 1], lo)
        if kind in TYPES and head.upos == "PROPN":
            out.append(NamedMention(kind, start, end, (head.start, head.end), text[start:end]))
    return GumNames(Path(path).stem, text, tuple(out))


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


def by_our_label(doc: GumNames, mentions: tuple[Mention, ...]) -> dict[str, list[int]]:
    """Per kind of OUR label (PERSON -> person, GPE/LOC -> place, ORG -> organization): [our mentions
    found for a gold named mention, of them of the gold's kind]. Their ratio is the per-type precision
    among named mentions (a name of ours that GUM does not annotate as named is not counted)."""
    kind_of = {label: kind for kind, labels in TYPES.items() for label in labels}
    rows = {k: [0, 0] for k in TYPES}
    for g in doc.mentions:
        ours = _ours(mentions, g)
        kind = kind_of.get(ours.label) if ours is not None else None
        if kind is not None:
            rows[kind][0] += 1
            rows[kind][1] += kind == g.kind
    return rows


def score(folder: str | Path, half: str | None = None) -> tuple[dict[str, Any], list[str]]:
    from ..extract import entities
    from ..nlp import load as load_nlp
    from ..records import Analysis

    nlp = load_nlp()
    totals = {k: [0, 0, 0] for k in TYPES}
    ours_totals = {k: [0, 0] for k in TYPES}
    errors: list[str] = []
    for path in documents(folder, half):
        doc = load(path)
        report = Report(id=doc.id, text=doc.text)
        analysis = entities.run(nlp(doc.text), Analysis(report=report))
        rows, errs = score_doc(doc, analysis.mentions)
        errors.extend(errs)
        for k, (kf, kr) in by_our_label(doc, analysis.mentions).items():
            ours_totals[k] = [ours_totals[k][0] + kf, ours_totals[k][1] + kr]
        for k, row in rows.items():
            totals[k] = [a + b for a, b in zip(totals[k], row, strict=True)]
    n, found, right = (sum(r[i] for r in totals.values()) for i in range(3))
    scores: dict[str, Any] = {"gum.names.n": n, "gum.names.recall": _ratio(found, n),
                              "gum.names.type_accuracy": _ratio(right, found), "gum.names.right": _ratio(right, n)}
    for k, (kn, kf, kr) in totals.items():
        scores[f"gum.names.{k}.recall"] = _ratio(kf, kn)
        scores[f"gum.names.{k}.type_accuracy"] = _ratio(kr, kf)
        precision = _ratio(ours_totals[k][1], ours_totals[k][0])
        scores[f"gum.names.{k}.precision"] = precision
        recall = _ratio(kr, kn)  # found AND typed right, of the gold named mentions of the kind
        scores[f"gum.names.{k}.recall_typed"] = recall
        scores[f"gum.names.{k}.f1"] = (round(2 * precision * recall / (precision + recall), 4)
                                       if precision and recall else None)
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
