"""The learned event coder: the rule coder proposes, a trained classifier disposes.

The rule coder (``events.rules``) finds event candidates and their arguments; on text it was not written
against it also codes many that annotators do not (a meeting of minds coded as an agreement, one denial
counted at each mention) and gives some the wrong type. This stage re-decides each candidate's PLOVER type,
or drops it (class ``NONE``), with a multinomial logistic regression over features of the candidate: its
trigger lemma and syntax, the type the rules gave and the rule that gave it, its arguments' kinds, whether
it sits in a quote, and how many events of its type the report already has.

The weights are data (``factfinder/models/events.learned.v1.json``), trained by ``scripts/train-event-coder``
from the tune halves of our development gold only (recipe: ``factfinder/eval/train_events.py``); prediction
is a dot product, deterministic and CPU-only. Arguments, dates, places and attribution stay the rules'.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import OntologyError
from ..records import Analysis, Event
from . import events as rules

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

NAME = "factfinder.events.learned.v1"
REQUIRES: tuple[str, ...] = rules.REQUIRES
ASSIGNS: tuple[str, ...] = ("events",)

MODEL_PATH = Path(__file__).resolve().parent.parent / "models" / "events.learned.v1.json"
NONE = "NONE"


@dataclasses.dataclass(frozen=True)
class Model:
    classes: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]

    def scores(self, feats: list[str]) -> list[float]:
        out = list(self.bias)
        for f in feats:
            w = self.weights.get(f)
            if w is not None:
                out = [a + b for a, b in zip(out, w, strict=True)]
        return out

    drop_at: float = 0.5
    retype_at: float = 0.5

    def probabilities(self, feats: list[str]) -> dict[str, float]:
        s = self.scores(feats)
        top = max(s)
        exp = [math.exp(x - top) for x in s]
        total = sum(exp)
        return {c: v / total for c, v in zip(self.classes, exp, strict=True)}

    def decide(self, feats: list[str], proposed: str) -> tuple[str, float]:
        """Keep the proposed type unless the model is sure enough it is no event (``drop_at``) or another
        type (``retype_at``): with a few hundred training rows the rules' type is the better prior."""
        probs = self.probabilities(feats)
        if probs.get(NONE, 0.0) >= self.drop_at:
            return NONE, probs[NONE]
        best = max((c for c in self.classes if c != NONE), key=lambda c: (probs[c], c))
        if best != proposed and probs[best] >= self.retype_at:
            return best, probs[best]
        return proposed, probs.get(proposed, 0.0)


@functools.lru_cache(maxsize=4)
def load_model(path: Path = MODEL_PATH) -> Model:
    try:
        obj = json.loads(path.read_text(encoding="utf-8"))
        classes = tuple(obj["classes"])
        weights = {f: tuple(w) for f, w in obj["weights"].items()}
        bias = tuple(obj["bias"])
        drop_at, retype_at = float(obj["drop_at"]), float(obj["retype_at"])
    except (OSError, ValueError, KeyError) as exc:
        raise OntologyError(f"{path}: cannot read the learned event model ({exc}); "
                            "rebuild it with scripts/train-event-coder") from exc
    if any(len(w) != len(classes) for w in weights.values()) or len(bias) != len(classes):
        raise OntologyError(f"{path}: weight rows do not match the {len(classes)} classes; rebuild it")
    return Model(classes, bias, weights, drop_at, retype_at)


def _arg_kind(tok: "Token | None") -> str:
    if tok is None:
        return "none"
    if tok.ent_type_:
        return tok.ent_type_
    if tok.pos_ == "PRON":
        return "PRON"
    return "noun" if tok.pos_ in ("NOUN", "PROPN") else tok.pos_


def _dep_child(tok: "Token", deps: tuple[str, ...]) -> "Token | None":
    return next((c for c in tok.children if c.dep_ in deps), None)


def features(event: Event, tok: "Token | None", seen: dict[str, int], in_quote: bool, sent_index: int) -> list[str]:
    """The classifier's view of one candidate. Only general properties: no report, name or place."""
    t = event.plover
    rule = event.rule.split("+", 1)[0] if event.rule else "-"
    out = [f"type={t}", f"mode={t}:{event.mode}", f"rule={rule}", f"rule_type={rule}:{t}",
           f"modality={event.modality}", f"neg={event.negated}", f"hedged={event.hedged}",
           f"src={bool(event.sources)}", f"tgt={bool(event.targets)}",
           f"src_sector={t}:{event.source_sectors[0] if event.source_sectors else '-'}",
           f"tgt_sector={t}:{event.target_sectors[0] if event.target_sectors else '-'}",
           f"quote={in_quote}", f"quote_type={in_quote}:{t}",
           f"repeat={min(seen.get(t, 0), 2)}", f"repeat_type={t}:{min(seen.get(t, 0), 2)}",
           f"sent={min(sent_index, 3)}"]
    if tok is not None:
        lem = tok.lemma_.lower()
        subj = _dep_child(tok, ("nsubj", "nsubjpass", "agent"))
        obj = _dep_child(tok, ("dobj", "attr", "pobj"))
        out += [f"lem={lem}", f"lem_type={lem}:{t}", f"pos={tok.pos_}", f"dep={tok.dep_}",
                f"pos_type={tok.pos_}:{t}", f"tag={tok.tag_}",
                f"subj={_arg_kind(subj)}", f"subj_type={_arg_kind(subj)}:{t}",
                f"obj={_arg_kind(obj)}", f"obj_type={_arg_kind(obj)}:{t}",
                f"head_pos={tok.head.pos_ if tok.head is not tok else 'ROOT'}"]
        if obj is not None and not obj.ent_type_:
            out.append(f"obj_lem={lem}:{obj.lemma_.lower()}")
        if subj is not None and not subj.ent_type_ and subj.pos_ != "PRON":
            out.append(f"subj_lem={subj.lemma_.lower()}:{t}")
    return out


def candidate_features(doc: "Doc", analysis: Analysis, events: tuple[Event, ...]) -> list[list[str]]:
    """Features of each rule event, in order (the training recipe calls this too, so both see the same)."""
    quotes = [(q.span.start, q.span.end) for q in analysis.quotes if q.direct]
    sent_starts = sorted(s.start_char for s in doc.sents)
    by_start = {t.idx: t for t in doc}
    seen: dict[str, int] = {}
    out = []
    for e in events:
        in_quote = any(a <= e.trigger.start < b for a, b in quotes)
        sent_index = sum(1 for s in sent_starts if s <= e.sentence.start) - 1
        out.append(features(e, by_start.get(e.trigger.start), seen, in_quote, sent_index))
        seen[e.plover] = seen.get(e.plover, 0) + 1
    return out


def recode(event: Event, label: str, prob: float) -> Event | None:
    """The candidate as the model decided it: dropped, kept, or given another type (its mode and CAMEO
    code then no longer apply, so they are cleared rather than left contradicting the type)."""
    if label == NONE:
        return None
    if label == event.plover:
        return dataclasses.replace(event, extractor=NAME, confidence=round(prob, 3))
    return dataclasses.replace(event, plover=label, mode=None, cameo=None, extractor=NAME,
                               confidence=round(prob, 3), rule=f"{event.rule}+learned:{event.plover}")


def extract(doc: "Doc", analysis: Analysis, model: Model | None = None) -> tuple[Event, ...]:
    model = model or load_model()
    proposed = rules.extract(doc, analysis)
    out = []
    for e, feats in zip(proposed, candidate_features(doc, analysis, proposed), strict=True):
        label, prob = model.decide(feats, e.plover)
        kept = recode(e, label, prob)
        if kept is not None:
            out.append(kept)
    return tuple(out)


def run(doc: "Doc", analysis: Analysis) -> Analysis:
    return dataclasses.replace(analysis, events=extract(doc, analysis))


def describe(model: Model) -> dict[str, Any]:
    return {"classes": list(model.classes), "features": len(model.weights)}
