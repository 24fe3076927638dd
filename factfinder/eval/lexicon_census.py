"""``python -m factfinder.eval.lexicon_census``: which lexicon entry decides each event type, and how often.

An ablation census for ``ontology/plover.json`` and the sense rules of ``ontology/event_args.json``:
every final event's rule string is mapped back to the entries that decided its type (a verb, a
verb's particle/preposition/object sub-entry, a class member, a light verb + event noun, a noun, a
sense rule, or a mechanism such as a stance or a denial). Counted on three sets, tune halves only:

- ``challenge``: the challenge set's tune half (an event is *right* when its type is still unused in
  the report's gold type multiset, the scorer's rule);
- ``gsr``: the PLOVER GSR records of the tune half (the main event of a record is right when its type
  is the record's gold type);
- ``gum``: the GUM Wikinews texts of the tune half (no event gold: counts and sample sentences, to
  judge by hand whether an entry fires on ordinary news at all).

An entry that decides nothing on any set, or a single development sentence, is a candidate to go
or to be generalised to its class. Output: one JSON object (``--json``) or a table.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from ..records import Event, Report

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
# rule-string parts that record what happened after the type was decided (mode, shifts, agents)
_AFTER = ("planned->", "conditional->", "neg->", "mode:", "speaker_agent", "inherited_agent",
          "warn_that_present", "to_court")


def _entries(rule: str, obj_lemma: str | None) -> list[str]:
    """The lexicon entries a rule string names, most specific last."""
    from ..extract.events import lexicon

    lex = lexicon()
    parts = [p for p in rule.split("+") if not p.startswith(_AFTER)]
    head = parts[0]
    kind, _, lem = head.partition(":")
    if kind == "verb":
        out, spec, path = [head], lex.verbs.get(lem), head
        for p in parts[1:]:
            if not isinstance(spec, dict):
                break
            if p.startswith("prt_") and p[4:] in spec.get("prt", {}):
                spec, path = spec["prt"][p[4:]], f"{path}+{p}"
            elif p.startswith("prep_") and p[5:] in spec.get("prep", {}):
                spec, path = spec["prep"][p[5:]], f"{path}+{p}"
            elif p.startswith("dobj:") and p[5:] in spec.get("obj", {}):
                key = p[5:]
                spec, path = spec["obj"][key], f"{path}+{p}"
                if key in lex.raw["classes"] and obj_lemma:
                    out.append(f"class:{key}/{obj_lemma}")
            else:
                break
            out.append(path)
        return out
    if kind == "light":
        noun = next((p[5:] for p in parts[1:] if p.startswith("dobj:")), "?")
        return [f"light:{lem}", f"noun:{noun}"]
    if kind in ("sense", "noun"):
        return [f"{kind}:" + "+".join(parts)[len(kind) + 1:]]
    return [f"mechanism:{kind}"]


def _obj_lemma(ev: Event, doc: Any) -> str | None:
    from ..extract.events import _lemma, _object

    tok = next((t for t in doc if t.idx == ev.trigger.start), None)
    obj = _object(tok) if tok is not None else None
    return _lemma(obj) if obj is not None else None


# every sense rule that held (also the ones that say "not an event" or "use the table", which leave
# no event behind to count): (table, lemma, rule tag) -> [set, sentence]
SENSE_HITS: list[tuple[str, str, str, str]] = []


def _analyse(reports: list[Report], name: str) -> list[tuple[Report, Any, tuple[Event, ...]]]:
    from ..extract import events
    from ..nlp import load
    from ..pipeline import analyse_doc

    nlp = load()
    plain = events._sense

    def counted(table: Any, lem: str, tok: Any, *, noun: bool) -> Any:
        for i, rule in enumerate(table.get(lem, ())):
            if events._rule_holds(rule, tok, noun=noun):
                tag = "+".join(f"{k}:{v}" for k, v in rule.items() if k not in ("t", "preps")) or str(i)
                SENSE_HITS.append((f"{'noun' if noun else 'sense'}:{lem}+{tag}", str(rule["t"]), name,
                                   tok.sent.text.strip()[:160]))
                break
        return plain(table, lem, tok, noun=noun)

    out = []
    events._sense = counted  # type: ignore[assignment]
    try:
        for doc, rep in nlp.pipe(((r.text, r) for r in reports), as_tuples=True, batch_size=16):
            out.append((rep, doc, analyse_doc(doc, rep).events))
    finally:
        events._sense = plain  # type: ignore[assignment]
    return out


def _challenge() -> tuple[list[Report], dict[str, Counter[str]]]:
    from ..sources import load

    tune = ROOT / "build" / "dev" / "tune"
    if not (tune / "articles.jsonl").is_file():
        sys.exit("lexicon-census: run scripts/dev-halves first")
    reports = [it.report for it in load([tune / "articles.jsonl"]) if it.report is not None]
    gold = {}
    for line in (tune / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        gold[g["id"]] = Counter(e["plover"] for e in g.get("events", []) if e.get("plover"))
    return reports, gold


def _gsr() -> tuple[list[Report], dict[str, str]]:
    from .plover import gold_type, gsr_half, load_gsr

    recs = [r for r in load_gsr(SHARED / "eval" / "plover_gsr_cameo" / "PLOVER_GSR_CAMEO.json")
            if gsr_half(r) == "tune"]
    reports = [Report(id=str(r["id"]), text=str(r["text"]), published=r.get("date"), outlet="PLOVER GSR")
               for r in recs]
    return reports, {str(r["id"]): gold_type(r)[0] for r in recs}


def _gum() -> list[Report]:
    from . import gum

    docs = [gum.load(p) for p in gum.documents(SHARED / "dev" / "gum_news", "tune")]
    return [Report(id=d.id, text=d.text, outlet="GUM") for d in docs]


def census(sets: tuple[str, ...] = ("challenge", "gsr", "gum"), samples: int = 3,
           rows: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """entry -> {fired: {set: n}, right: {set: n}, samples: {set: [sentences]}}; ``rows`` (if given)
    receives one dict per event counted."""
    from ..extract.events import main_event

    fired: dict[str, Counter[str]] = defaultdict(Counter)  # entry -> set -> events decided
    right: dict[str, Counter[str]] = defaultdict(Counter)  # entry -> set -> of them right
    seen: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))

    def note(ev: Event, doc: Any, name: str, ok: bool | None) -> None:
        if rows is not None:
            rows.append({"set": name, "report": ev.trigger.report_id, "type": ev.plover, "mode": ev.mode,
                         "modality": ev.modality, "right": ok, "rule": ev.rule, "trigger": ev.trigger.text,
                         "sentence": ev.sentence.text.strip()})
        for entry in _entries(ev.rule, _obj_lemma(ev, doc)):
            fired[entry][name] += 1
            right[entry][name] += bool(ok)
            if len(seen[entry][name]) < samples:
                seen[entry][name].append(f"{ev.plover}: {ev.sentence.text.strip()[:160]}")

    if "challenge" in sets:
        reports, gold = _challenge()
        for rep, doc, events in _analyse(reports, "challenge"):
            left = Counter(gold.get(rep.id, Counter()))
            for ev in events:
                ok = left[ev.plover] > 0
                left[ev.plover] -= ok
                note(ev, doc, "challenge", ok)
    if "gsr" in sets:
        reports, gtype = _gsr()
        for rep, doc, events in _analyse(reports, "gsr"):
            ev = main_event(events)
            if ev is not None:
                note(ev, doc, "gsr", ev.plover == gtype[rep.id])
    if "gum" in sets:
        for _rep, doc, events in _analyse(_gum(), "gum"):
            for ev in events:
                note(ev, doc, "gum", None)
    senses: dict[str, Any] = {}
    for key, t, name, sent in SENSE_HITS:
        row = senses.setdefault(key, {"t": t, "held": Counter(), "samples": []})
        row["held"][name] += 1
        if len(row["samples"]) < samples:
            row["samples"].append(f"{name}: {sent}")
    result = {e: {"fired": dict(fired[e]), "right": dict(right[e]), "samples": {k: v for k, v in seen[e].items()}}
              for e in sorted(fired)}
    result["_senses"] = senses  # type: ignore[assignment]
    return result


def lexicon_entries() -> list[str]:
    """Every entry the census can name: verbs and their sub-entries, class members, nouns, light verbs, senses."""
    from ..extract.events import arg_table, lexicon

    lex = lexicon()
    out: list[str] = []

    def walk(spec: Any, path: str) -> None:
        out.append(path)
        if isinstance(spec, dict):
            for k, sub in spec.get("prt", {}).items():
                walk(sub, f"{path}+prt_{k}")
            for k, sub in spec.get("prep", {}).items():
                walk(sub, f"{path}+prep_{k}")
            for k, sub in spec.get("obj", {}).items():
                walk(sub, f"{path}+dobj:{k}")

    for v, spec in lex.verbs.items():
        walk(spec, f"verb:{v}")
    out += [f"noun:{n}" for n in lex.nouns] + [f"light:{v}" for v in lex.light]
    for table, kind in ((arg_table().verb_senses, "sense"), (arg_table().noun_senses, "noun")):
        for lem, rules in table.items():
            for i, r in enumerate(rules):
                tag = "+".join(f"{k}:{v}" for k, v in r.items() if k not in ("t", "preps")) or str(i)
                out.append(f"{kind}:{lem}+{tag}")
    return out


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="lexicon-census", description=__doc__.splitlines()[0])
    ap.add_argument("--sets", default="challenge,gsr,gum")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--rows", help="also write one JSON line per counted event to this file")
    args = ap.parse_args(argv)
    rows: list[dict[str, Any]] = []
    result = census(tuple(args.sets.split(",")), rows=rows)
    senses = result.pop("_senses")
    if args.rows:
        Path(args.rows).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    silent = [e for e in lexicon_entries() if e not in result and e not in senses]
    if args.json:
        print(json.dumps({"fired": result, "senses": senses, "never": silent}, indent=1, ensure_ascii=False))
        return 0
    for e, row in result.items():
        cells = "  ".join(f"{s} {row['fired'].get(s, 0)}/{row['right'].get(s, 0) if s != 'gum' else '-'}"
                          for s in ("challenge", "gsr", "gum"))
        print(f"{e:60s} {cells}")
    for e, row in senses.items():
        print(f"{e:60s} held {dict(row['held'])} -> {row['t']}")
    print(f"\n{len(silent)} entries decided nothing: " + ", ".join(silent))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
