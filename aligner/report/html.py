"""One self-contained HTML file a reviewer opens: per report, the two texts side by side as aligned
pairs, the flagged spans highlighted, the findings listed, and filters by kind.

Self-contained means no network at all: CSS and JS are inline, there are no fonts, images or
external links, and a Content-Security-Policy forbids loading anything, so a report can be
mailed or archived as CI output and opened anywhere. Every piece of text is escaped. Without
JavaScript everything is shown; the script only adds the filters (whose state it keeps in the
URL fragment, e.g. `report.html#kinds=omission&only=1`, so a filtered view can be shared).
"""

from __future__ import annotations

from collections import Counter
from html import escape
from typing import Dict, List, Mapping, Optional, Sequence, Tuple

from aligner.checks.base import RuleDoc
from aligner.document import Document
from aligner.findings import Finding, Kind
from aligner.report.locate import Names, bead_of_finding, file_paths, locate_finding, names_for, report_title
from aligner.result import Report

KINDS = tuple(kind.value for kind in Kind)

CSS = """
:root { color-scheme: light dark; --fg: #1b1f24; --bg: #ffffff; --muted: #59636e; --line: #d1d9e0;
  --omission: #ffd8a8; --addition: #e5dbff; --mistranslation: #ffc9c9; --untranslated: #a5d8ff;
  --error: #c92a2a; --warning: #b35900; --info: #1864ab; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --line: #3d444d;
    --omission: #7a4a00; --addition: #4b3b87; --mistranslation: #8a2a2a; --untranslated: #1e4f7a;
    --error: #ff8787; --warning: #ffc078; --info: #74c0fc; }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 90rem; padding: 1rem 1.5rem 3rem; color: var(--fg); background: var(--bg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .25rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1rem; margin: 1rem 0 .25rem; }
.meta, footer, .count { color: var(--muted); font-size: .9em; }
#filters { border: 1px solid var(--line); border-radius: 6px; padding: .4rem .8rem; margin: .75rem 0; }
#filters label { margin-right: 1rem; white-space: nowrap; }
table.pairs { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.pairs th, table.pairs td { border-top: 1px solid var(--line); padding: .35rem .5rem; vertical-align: top;
  text-align: left; overflow-wrap: anywhere; }
table.pairs th { font-weight: 600; color: var(--muted); }
col.num { width: 3.5rem; } col.score { width: 4.5rem; }
td.num a { color: var(--muted); text-decoration: none; }
td.score { font-variant-numeric: tabular-nums; color: var(--muted); }
td.none { color: var(--muted); font-style: italic; }
tr.flagged td.num { border-left: 3px solid var(--info); }
tr.flagged.s-warning td.num { border-left-color: var(--warning); }
tr.flagged.s-error td.num { border-left-color: var(--error); }
tr:target { outline: 2px solid var(--info); }
mark { color: inherit; border-radius: 2px; padding: 0 1px; background: var(--mark); }
mark.k-omission { --mark: var(--omission); }
mark.k-addition { --mark: var(--addition); }
mark.k-mistranslation { --mark: var(--mistranslation); }
mark.k-untranslated { --mark: var(--untranslated); }
mark.s-info { background: none; box-shadow: inset 0 -0.25em 0 var(--mark); }
mark.muted { background: none; box-shadow: none; }
ol.findings { padding-left: 1.5rem; }
ol.findings li { margin: .2rem 0; }
.sev { font-weight: 600; text-transform: uppercase; font-size: .8em; }
.sev-error { color: var(--error); } .sev-warning { color: var(--warning); } .sev-info { color: var(--info); }
.kind { display: inline-block; padding: 0 .35rem; border-radius: 3px; font-size: .85em; }
.kind.k-omission { background: var(--omission); } .kind.k-addition { background: var(--addition); }
.kind.k-mistranslation { background: var(--mistranslation); } .kind.k-untranslated { background: var(--untranslated); }
.loc { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .85em; color: var(--muted); }
dl.rule dt { font-weight: 600; margin-top: .4rem; } dl.rule dd { margin-left: 1rem; }
[hidden] { display: none !important; }
"""

# Plain ES2015, no comments with slashes, no network. It only hides and counts what is already there.
SCRIPT = """
(() => {
  "use strict";
  const filters = document.getElementById("filters");
  if (!filters) return;
  const boxes = Array.from(filters.querySelectorAll("input[name=kind]"));
  const only = document.getElementById("only-flagged");
  const kindsOf = (el) => (el.getAttribute("data-kinds") || "").split(" ").filter(Boolean);

  function readFragment() {
    const hash = decodeURIComponent(location.hash.slice(1));
    if (!/^(kinds|only)=/.test(hash)) return;
    const params = new URLSearchParams(hash);
    if (params.has("kinds")) {
      const wanted = params.get("kinds").split(",");
      boxes.forEach((box) => { box.checked = wanted.includes(box.value); });
    }
    only.checked = params.get("only") === "1";
  }

  function writeFragment() {
    const kinds = boxes.filter((box) => box.checked).map((box) => box.value).join(",");
    history.replaceState(null, "", "#kinds=" + kinds + "&only=" + (only.checked ? "1" : "0"));
  }

  function apply() {
    const shown = new Set(boxes.filter((box) => box.checked).map((box) => box.value));
    const visible = (el) => kindsOf(el).some((kind) => shown.has(kind));
    let total = 0, seen = 0;
    document.querySelectorAll("section.report").forEach((section) => {
      let here = 0;
      const items = section.querySelectorAll("li.finding");
      items.forEach((item) => { item.hidden = !visible(item); if (!item.hidden) here += 1; });
      section.querySelectorAll("tr.pair").forEach((row) => { row.hidden = only.checked && !visible(row); });
      section.querySelectorAll("mark").forEach((mark) => mark.classList.toggle("muted", !visible(mark)));
      section.hidden = only.checked && here === 0;
      const count = section.querySelector(".shown");
      if (count) count.textContent = here + " of " + items.length + " findings shown";
      total += items.length;
      seen += here;
    });
    filters.setAttribute("data-kinds", Array.from(shown).join(" "));
    filters.setAttribute("data-only", only.checked ? "1" : "0");
    const summary = document.getElementById("shown-count");
    summary.textContent = seen + " of " + total + " findings shown";
    summary.setAttribute("data-shown", String(seen));
  }

  filters.hidden = false;
  readFragment();
  filters.addEventListener("change", () => { writeFragment(); apply(); });
  apply();
  document.documentElement.setAttribute("data-filters", "ready");
})();
"""

# Nothing may be fetched: not even by a stray tag in a future change of this file.
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


Mark = Tuple[int, int, Finding]


def _marks(findings: Sequence[Finding], side: str) -> List[Mark]:
    """The spans to highlight on one side: an omission shows the missing source text (its target
    span only says where it should have gone); the other kinds show the target text at fault,
    and the source text they refer to when they name it (a changed number on both sides)."""
    marks = []
    for f in findings:
        span = f.source_span if side == "source" else f.target_span
        if side == "target" and f.kind is Kind.OMISSION:
            continue
        if side == "source" and f.kind in (Kind.ADDITION, Kind.UNTRANSLATED):
            continue
        if span and span[0] < span[1]:
            marks.append((span[0], span[1], f))
    return marks


def _highlight(doc: Document, index: int, marks: Sequence[Mark]) -> str:
    """One sentence with the marked parts in <mark>; overlapping marks split into pieces, each
    piece carrying every kind and message that covers it."""
    start, end = doc.sentences[index]
    cuts = {start, end}
    for a, b, _ in marks:
        if a < end and start < b:
            cuts.update((max(a, start), min(b, end)))
    edges = sorted(cuts)
    out = []
    for a, b in zip(edges, edges[1:]):
        piece = _e(doc.text[a:b])
        covering = [f for x, y, f in marks if x <= a and b <= y]
        if not covering:
            out.append(piece)
            continue
        kinds = list(dict.fromkeys(f.kind.value for f in covering))
        # Info findings are underlined, not filled: they are for the reader who wants everything.
        classes = " ".join(f"k-{k}" for k in kinds) + f" s-{max(f.severity for f in covering).label}"
        title = "\n".join(f"{f.rule}: {f.message}" for f in covering)
        out.append(f'<mark class="{classes}" data-kinds="{" ".join(kinds)}" title="{_e(title)}">{piece}</mark>')
    return f'<span class="sent">{"".join(out)}</span>'


def _cell(doc: Document, indices: Sequence[int], marks: Sequence[Mark]) -> str:
    if not indices:
        return '<td class="none">no counterpart</td>'
    sentences = " ".join(_highlight(doc, i, marks) for i in indices)
    return f'<td lang="{_e(doc.lang)}">{sentences}</td>'


def _pairs_table(report: Report, rid: str, by_bead: Dict[int, List[Finding]]) -> List[str]:
    source_marks = _marks(report.findings, "source")
    target_marks = _marks(report.findings, "target")
    out = ['<table class="pairs">',
           '<colgroup><col class="num"><col><col><col class="score"></colgroup>',
           (f'<thead><tr><th>pair</th><th>{_e(report.source.lang.upper())} (source)</th>'
            f'<th>{_e(report.target.lang.upper())} (target)</th><th>score</th></tr></thead>'),
           '<tbody>']
    for k, bead in enumerate(report.beads):
        findings = by_bead.get(k, [])
        kinds = list(dict.fromkeys(f.kind.value for f in findings))
        worst = max((f.severity for f in findings), default=None)
        flagged = f' class="pair flagged s-{worst.label}"' if worst is not None else ' class="pair"'
        score = f"{bead.score:.2f}" if bead.source and bead.target else "—"
        out.append(f'<tr id="{rid}-p{k + 1}"{flagged} data-kinds="{" ".join(kinds)}">'
                   f'<td class="num"><a href="#{rid}-p{k + 1}">{k + 1}</a></td>'
                   f'{_cell(report.source, bead.source, source_marks)}'
                   f'{_cell(report.target, bead.target, target_marks)}'
                   f'<td class="score">{score}</td></tr>')
    out += ["</tbody>", "</table>"]
    return out


def _findings_list(report: Report, rid: str, names: Names) -> List[str]:
    if not report.findings:
        return ['<p class="count">No findings.</p>']
    out = ['<ol class="findings">']
    for finding in report.findings:
        location = locate_finding(report, finding, names)
        pair = bead_of_finding(report, finding) + 1
        kind = finding.kind.value
        out.append(
            f'<li class="finding" data-kinds="{kind}">'
            f'<span class="sev sev-{finding.severity.label}">{finding.severity.label}</span> '
            f'<span class="kind k-{kind}">{kind}</span> '
            f'<a href="#rule-{_e(finding.rule)}"><code>{_e(finding.rule)}</code></a> '
            f'({finding.confidence:.2f}) · <a href="#{rid}-p{pair}">pair {pair}</a> · '
            f'<span class="loc">{_e(location.label)}</span><br>{_e(finding.message)}</li>')
    out.append("</ol>")
    return out


def _report_section(report: Report, k: int, names: Names) -> List[str]:
    rid = f"r{k + 1}"
    by_bead: Dict[int, List[Finding]] = {}
    for finding in report.findings:
        by_bead.setdefault(bead_of_finding(report, finding), []).append(finding)
    source, target = file_paths(report, names)
    origin = report.origin
    where = _e(source) if source == target else f"{_e(source)} → {_e(target)}"  # one bilingual file
    if origin is not None and origin.segment_id is not None:
        where += f" · segment {_e(origin.segment_id)}"
    n = len(report.findings)
    return ([f'<section class="report" id="{rid}">',
             f'<h2>{_e(report_title(report, names))}</h2>',
             (f'<p class="meta">{where} · {len(report.source)} {_e(report.source.lang.upper())} and '
              f'{len(report.target)} {_e(report.target.lang.upper())} sentences in {len(report.beads)} pairs · '
              f'<span class="shown">{_plural(n, "finding")}</span></p>')]
            + _pairs_table(report, rid, by_bead)
            + ["<h3>Findings</h3>"] + _findings_list(report, rid, names)
            + ["</section>"])


def _rule_docs(rules: Mapping[str, RuleDoc], fired: Sequence[str]) -> List[str]:
    if not fired:
        return []
    out = ['<section id="rules">', "<h2>Rules that fired</h2>"]
    for rule_id in fired:
        rule = rules.get(rule_id)
        if rule is None:
            continue
        out += [f'<div id="rule-{_e(rule.id)}">',
                f'<h3><code>{_e(rule.id)}</code> ({_e(rule.kind.value)}): {_e(rule.title)}</h3>',
                '<dl class="rule">',
                f"<dt>What it checks</dt><dd>{_e(rule.checks)}</dd>",
                f"<dt>Why it matters</dt><dd>{_e(rule.why)}</dd>",
                (f'<dt>Example</dt><dd><span lang="en">EN: {_e(rule.example_source)}</span><br>'
                 f'<span lang="de">DE: {_e(rule.example_target)}</span></dd>'),
                f"<dt>How to fix</dt><dd>{_e(rule.fix)}</dd>",
                "</dl>", "</div>"]
    out.append("</section>")
    return out


def _filters(reports: Sequence[Report]) -> List[str]:
    counts = Counter(f.kind.value for r in reports for f in r.findings)
    # Hidden until the script runs: without JavaScript the boxes would do nothing.
    out = ['<fieldset id="filters" hidden>', "<legend>Show</legend>"]
    for kind in KINDS:
        out.append(f'<label><input type="checkbox" name="kind" value="{kind}" checked> '
                   f'<span class="kind k-{kind}">{kind}</span> ({counts[kind]})</label>')
    out += ['<label><input type="checkbox" id="only-flagged"> only pairs with findings</label>', "</fieldset>"]
    return out


def render_html(reports: Sequence[Report], names: Sequence[Names] = (),
                rules: Optional[Mapping[str, RuleDoc]] = None) -> str:
    if rules is None:
        from aligner.checks.registry import all_rules

        rules = all_rules()
    total = sum(len(r.findings) for r in reports)
    severities = Counter(f.severity for r in reports for f in r.findings)
    by_severity = ", ".join(_plural(severities[s], s.label) for s in sorted(severities, reverse=True))
    title = (report_title(reports[0], names_for(names, 0)) if len(reports) == 1
             else _plural(len(reports), "report"))
    fired: List[str] = list(dict.fromkeys(f.rule for r in reports for f in r.findings))
    body: List[str] = [
        "<header>",
        f"<h1>aligner: {_e(title)}</h1>",
        (f'<p class="meta"><span id="shown-count" data-shown="{total}">{_plural(total, "finding")}</span>'
         f'{f" ({by_severity})" if by_severity else ""} in {_plural(len(reports), "report")}</p>'),
    ] + _filters(reports) + ["</header>", "<main>"]
    for k, report in enumerate(reports):
        body += _report_section(report, k, names_for(names, k))
    body += ["</main>"] + _rule_docs(rules, fired)
    signatures = list(dict.fromkeys(str(r.signature) for r in reports))
    body.append("<footer>" + "<br>".join(_e(s) for s in signatures) + "</footer>")
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>aligner: {_e(title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        *body,
        f"<script>{SCRIPT}</script>",
        "</body>",
        "</html>",
    ]) + "\n"
