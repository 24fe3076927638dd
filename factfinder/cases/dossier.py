"""Dossiers: HTML, PDF (WeasyPrint), Markdown and JSON from an assembled case.

Every quoted sentence carries a footnote to its source span (outlet, date, URL, sha256 of the
original, capture time, report id and character offsets) and its assertion status.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from .. import __version__
from ..errors import FactfinderError, MissingExtra
from ..records import to_dict
from .case import CaseFile, Evidence
from .ontology import elements

FORMATS = ("html", "pdf", "md", "json")


def assertion(ev: Evidence) -> str:
    m = ev.mapping
    if m.assertion == "fact":
        return f"reported as fact by {m.asserted_by}"
    if m.assertion == "hedged":
        return f"hedged, asserted by {m.asserted_by}"
    return f"attributed to {m.asserted_by}"


class _Footnotes:
    """Numbers source spans once each, in order of first use."""

    def __init__(self, case: CaseFile) -> None:
        self.items: list[dict[str, Any]] = []
        self.index: dict[tuple[str, int, int], int] = {}
        self.reports = {a.report.id: a.report for a in case.reports}

    def number(self, report_id: str, start: int, end: int) -> int:
        key = (report_id, start, end)
        if key not in self.index:
            r = self.reports.get(report_id)
            self.items.append({"report_id": report_id, "start": start, "end": end,
                               "outlet": r.outlet if r else None, "published": r.published if r else None,
                               "url": r.url if r else None, "raw_sha256": r.raw_sha256 if r else None,
                               "captured_at": r.captured_at if r else None})
            self.index[key] = len(self.items)
        return self.index[key]


def context(case: CaseFile) -> dict[str, Any]:
    fns = _Footnotes(case)
    by_element: dict[str, list[Evidence]] = {}
    for row in case.grid:
        items = sorted((ev for ev in case.evidence if ev.mapping.element == row["element"]),
                       key=lambda ev: (ev.mapping.kind, -ev.mapping.confidence))
        for ev in items:
            sp = ev.mapping.evidence
            ev.fn = fns.number(sp.report_id, sp.start, sp.end)  # type: ignore[attr-defined]
        by_element[row["element"]] = items
    timeline = []
    for t in case.timeline:
        start, end = t["sentence"]
        timeline.append({**t, "fn": fns.number(t["report_id"], start, end)})
    for p in case.perpetrators:
        p["fns"] = []
        for a in case.reports:
            actor = next((x for x in a.actors if x.canonical == p["name"] and x.mentions), None)
            if actor is not None:
                m = actor.mentions[0]
                p["fns"].append(fns.number(m.report_id, m.start, m.end))
    outlets = sorted({a.report.outlet or "?" for a in case.reports})
    return {
        "case": case, "by_element": by_element, "timeline": timeline, "footnotes": fns.items,
        "outlets": outlets, "assertion": assertion, "version": __version__,
        "generated": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "reviewed": sum(ev.status != "unreviewed" for ev in case.evidence),
        "covered": [r for r in case.grid if r["items"]], "gaps": [r for r in case.grid if not r["items"]],
        "not_covered": [e for e in elements().values() if e["group"] == "not_covered"],
    }


def render_html(case: CaseFile) -> str:
    env = Environment(loader=PackageLoader("factfinder.cases", "templates"),
                      autoescape=select_autoescape(["html", "j2"]))
    return env.get_template("dossier.html.j2").render(**context(case))


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")  # inline syntax anywhere; block syntax only at the start


def md(value: Any) -> str:
    """Text from reports (or users) as inert Markdown: HTML is escaped to entities (so no tag or script
    survives a CommonMark renderer), Markdown punctuation is backslash-escaped (no links, images or
    emphasis smuggled in) and line breaks become spaces (nothing leaves its table cell or quote)."""
    text = " ".join(str(value if value is not None else "").split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = re.sub(r"^(\d+)([.)])", r"\1\\\2", text)  # "1. " would open a numbered list
    return "\\" + text if text[:1] in ("-", "+", "#", "=") else text


def md_url(url: str | None) -> str:
    """A link only for a plain http(s) URL; anything else is shown as inert text."""
    if url and re.fullmatch(r"https?://[^\s<>()\[\]\"'`]+", url):
        return f"<{url}>"
    return md(url) if url else ""


def render_md(case: CaseFile) -> str:
    ctx = context(case)
    out = [f"# {md(case.spec.name)}", "", f"Case {md(case.spec.id)}; {len(case.reports)} reports from "
           f"{len(ctx['outlets'])} outlets; {len(case.evidence)} evidence items ({ctx['reviewed']} reviewed).", "",
           "## Element-by-evidence grid", "",
           "| Element | Characterisations | Supporting facts | Jurisdiction | Sources | Status |",
           "|---|---|---|---|---|---|"]
    for r in case.grid:
        out.append(f"| {md(r['article'])} {md(r['label'])} | {r['characterisations']} | {r['supporting_facts']} | "
                   f"{r['jurisdiction']} | {md('; '.join(r['sources']))} | {md(r['status'])} |")
    out += ["", "## Timeline", ""]
    for t in ctx["timeline"]:
        out.append(f"- {md(t['date'])} {md(t['plover'])}: {md(t['text'])} [^{t['fn']}]")
    out += ["", "## Evidence by element", ""]
    for r in case.grid:
        items = ctx["by_element"][r["element"]]
        if not items:
            continue
        out += [f"### {md(r['article'])} {md(r['label'])}", ""]
        for ev in items:
            flag = "**UNREVIEWED**" if ev.status == "unreviewed" else ev.status
            out.append(f"> {md(ev.mapping.evidence.text)} [^{ev.fn}]")  # type: ignore[attr-defined]
            out.append(f"\n{md(ev.mapping.kind.replace('_', ' '))}; {md(assertion(ev))}; {md(ev.mapping.reason)};"
                       f" {flag}\n")
    out += ["", "## Sources", ""]
    for i, f in enumerate(ctx["footnotes"], 1):
        out.append(f"[^{i}]: {md(f['outlet'] or 'unknown outlet')}, {md(f['published'] or 'undated')}"
                   f"{', ' + md_url(f['url']) if f['url'] else ''}; report {md(f['report_id'])},"
                   f" characters {f['start']}–{f['end']}; sha256 {md(f['raw_sha256'] or 'n/a')};"
                   f" captured {md(f['captured_at'] or 'n/a')}")
    return "\n".join(out) + "\n"


def render_json(case: CaseFile) -> str:
    ctx = context(case)
    return json.dumps({
        "case": to_dict(case.spec), "reports": [a.report.id for a in case.reports], "grid": case.grid,
        "evidence": [{**to_dict(ev.mapping), "status": ev.status, "footnote": ev.fn,  # type: ignore[attr-defined]
                      "assertion_text": assertion(ev)} for ev in case.evidence if hasattr(ev, "fn")],
        "timeline": ctx["timeline"], "perpetrators": case.perpetrators, "victims": case.victims,
        "contradictions": case.contradictions, "footnotes": ctx["footnotes"],
    }, ensure_ascii=False, indent=2, default=str)


def build(case: CaseFile, fmt: str, out: str | Path) -> Path:
    out = Path(out)
    if fmt == "html":
        out.write_text(render_html(case), encoding="utf-8")
    elif fmt == "md":
        out.write_text(render_md(case), encoding="utf-8")
    elif fmt == "json":
        out.write_text(render_json(case), encoding="utf-8")
    elif fmt == "pdf":
        try:
            from weasyprint import HTML
        except ImportError as exc:
            raise MissingExtra("PDF dossiers", "pdf") from exc
        HTML(string=render_html(case)).write_pdf(str(out))
    else:
        raise FactfinderError(f"unknown dossier format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return out
