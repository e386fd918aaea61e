"""`healthlint report`: one self-contained HTML page for editors (no network, no CDN).

The run (date, commit, configuration), totals per category and per rule with a bar chart as
inline SVG, then one section per article: its findings in reading order, each with the sentence
around it and the span marked, filterable by file, severity, rule, category and (with a
baseline) status; the filters also read the address (`#category=hype&severity=error`), so a
link can open the page filtered. Each finding links to its rule's explanation further down the
page (what it flags, why, how to fix it, examples), and a rule of healthlint's packs links to its
documentation page (a link, never a resource the page loads). With a baseline, each finding is
new or unchanged, and the baseline's findings that are gone are listed as fixed.
"""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from healthlint import __version__
from healthlint.output.docs import help_url
from healthlint.output.findings import Finding, RunResult
from healthlint.rules import RuleInfo

_STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;color:#222;padding:0 1em}
table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border-bottom:1px solid #ddd;padding:.3em .6em;
text-align:left;vertical-align:top}td.n{text-align:right}mark{background:#ffd54f}
.sev-error{color:#b71c1c}.sev-warning{color:#8a6d00}.sev-info{color:#01579b}
td.sentence{max-width:44em}svg text{font-size:12px}dl#run{display:grid;grid-template-columns:max-content auto;
gap:.1em 1em}dl#run dt{font-weight:600}#filters label{margin-right:1em}section.article h3{margin-bottom:.2em}
.status-new{font-weight:600;color:#b71c1c}.status-unchanged{color:#666}section.rule{border-top:1px solid #ddd}
"""
_SCRIPT = """
var FILTERS=['file','severity','rule','category','status'];
function filterOf(name){return document.getElementById(name+'-filter');}
function applyFilters(){
  var wanted={},shown=0;
  FILTERS.forEach(function(n){var s=filterOf(n);wanted[n]=s?s.value:'all';});
  document.querySelectorAll('section.article').forEach(function(article){
    var inArticle=0;
    article.querySelectorAll('tr.finding').forEach(function(row){
      var on=FILTERS.every(function(n){return wanted[n]==='all'||row.dataset[n]===wanted[n];});
      row.hidden=!on;if(on){inArticle++;shown++;}
    });
    article.hidden=inArticle===0;
  });
  document.getElementById('visible-count').textContent=String(shown);
}
function filtersFromAddress(){
  var hash=location.hash.replace(/^#/,'');
  if(hash.indexOf('=')<0)return;
  hash.split('&').forEach(function(pair){
    var i=pair.indexOf('='),name=pair.slice(0,i),value=decodeURIComponent(pair.slice(i+1)),s=filterOf(name);
    if(s&&FILTERS.indexOf(name)>=0&&Array.prototype.some.call(s.options,function(o){return o.value===value;}))s.value=value;
  });
}
FILTERS.forEach(function(n){var s=filterOf(n);if(s)s.addEventListener('change',applyFilters);});
window.addEventListener('hashchange',function(){filtersFromAddress();applyFilters();});
filtersFromAddress();applyFilters();
"""


@dataclass
class RunInfo:
    """What the page says about the run it reports."""

    date: str
    commit: str | None = None
    config: str | None = None
    baseline: str | None = None


@dataclass
class Comparison:
    """Findings against a baseline: which are new (the rest are unchanged), and which are fixed."""

    new: set[int] = field(default_factory=set)  # id() of each new finding
    fixed: list[Finding] = field(default_factory=list)  # one per baseline entry whose finding is gone


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _anchor(rule_id: str) -> str:
    return f"rule-{rule_id}"


def _rule_link(rule_id: str) -> str:
    """A rule id, linked to its explanation on this page."""
    return f'<a class="rule-link" href="#{_e(_anchor(rule_id))}">{_e(rule_id)}</a>'


def _chart(counts: list[tuple[str, int]]) -> str:
    """Horizontal bars, one per category, as inline SVG."""
    if not counts:
        return '<svg id="chart" width="600" height="20" role="img" aria-label="no findings"></svg>'
    top = max(n for _, n in counts)
    bar_height, label_width, width = 22, 190, 600
    rows = []
    for i, (category, count) in enumerate(counts):
        length = max(1, round((width - label_width - 50) * count / top))
        y = i * (bar_height + 6)
        rows.append(
            f'<g><text x="0" y="{y + 15}">{_e(category)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{length}" height="{bar_height}" fill="#5c6bc0" '
            f'data-category="{_e(category)}" data-count="{count}"></rect>'
            f'<text x="{label_width + length + 6}" y="{y + 15}">{count}</text></g>')
    height = len(counts) * (bar_height + 6)
    return (f'<svg id="chart" width="{width}" height="{height}" role="img" '
            f'aria-label="findings per category">{"".join(rows)}</svg>')


def _select(name: str, label: str, values: list[tuple[str, int]]) -> str:
    options = "".join(f'<option value="{_e(v)}">{_e(v)} ({n})</option>' for v, n in values)
    return f'<label>{label} <select id="{name}-filter"><option value="all">all</option>{options}</select></label>'


def _row(f: Finding, source: str, rule: RuleInfo | None, status: str | None) -> str:
    start, end = min(f.sentence_start, f.offset), max(f.sentence_end, f.end_offset)
    sentence = (f"{_e(source[start:f.offset])}<mark>{_e(source[f.offset:f.end_offset])}</mark>"
                f"{_e(source[f.end_offset:end])}")
    # The rule's own message and suggestion are on the page once, in its explanation; a finding
    # repeats only what is particular to it.
    notes = [text for text, usual in ((f.message, rule.message if rule else None),
                                      (f.suggestion, rule.suggestion if rule else None)) if text and text != usual]
    extra = f'<br><small>{" ".join(_e(n) for n in notes)}</small>' if notes else ""
    status_cell = f'<td class="status-{_e(status)}">{_e(status)}</td>' if status else ""
    status_data = f' data-status="{_e(status)}"' if status else ""
    return (f'<tr class="finding" data-file="{_e(f.path)}" data-severity="{_e(f.severity)}" data-rule="{_e(f.rule)}" '
            f'data-category="{_e(f.category)}"{status_data}>'
            f'<td>{f.line}:{f.column}</td><td class="sev-{_e(f.severity)}">{_e(f.severity)}</td>'
            f'<td>{_rule_link(f.rule)}</td>{status_cell}<td class="sentence">{sentence}{extra}</td></tr>')


def _articles(result: RunResult, comparison: Comparison | None) -> str:
    """One section per file with findings, in the order the files were checked, findings in
    reading order."""
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for f in result.findings:
        by_path[f.path].append(f)
    order = list(dict.fromkeys([*result.checked, *by_path]))
    sections = []
    for number, path in enumerate(p for p in order if by_path.get(p)):
        findings = sorted(by_path[path], key=lambda f: (f.offset, f.end_offset, f.rule))
        source = result.sources.get(path, "")
        rows = "".join(
            _row(f, source, result.rules.get(f.rule),
                 None if comparison is None else "new" if id(f) in comparison.new else "unchanged")
            for f in findings)
        sections.append(f'<section class="article" id="article-{number}" data-file="{_e(path)}">'
                        f'<h3>{_e(path)} <small>({len(findings)})</small></h3>'
                        f'<table class="findings"><tbody>{rows}</tbody></table></section>')
    return "".join(sections)


def _explanation(rule_id: str, info: RuleInfo | None) -> str:
    """A rule's explanation: what it flags, why, how to fix it, examples, its documentation page."""
    parts = [f'<section class="rule" id="{_e(_anchor(rule_id))}"><h3>{_e(rule_id)}</h3>']
    if info is None:
        return parts[0] + "</section>"
    parts.append(f"<p>{_e(info.category)} · default severity {_e(info.severity)}</p><p>{_e(info.message)}</p>")
    if info.rationale:
        parts.append(f"<p><strong>Why it matters.</strong> {_e(info.rationale.strip())}</p>")
    if info.suggestion:
        parts.append(f"<p><strong>How to fix it.</strong> {_e(info.suggestion)}</p>")
    for title, examples in (("Flagged", info.bad), ("Not flagged", info.good)):
        if examples:
            parts.append(f"<p>{title}:</p><ul>{''.join(f'<li><q>{_e(x)}</q></li>' for x in examples)}</ul>")
    url = help_url(info)
    if url:
        parts.append(f'<p><a class="docs-link" href="{_e(url)}">The rule\'s documentation page</a></p>')
    return "".join(parts) + "</section>"


def _run(info: RunInfo | None) -> str:
    rows = [("Date", info.date if info else None), ("Commit", info.commit if info else None),
            ("Configuration", (info.config if info else None) or "none"),
            ("Baseline", info.baseline if info else None), ("healthlint", __version__)]
    return '<dl id="run">' + "".join(f'<dt>{k}</dt><dd id="run-{k.lower()}">{_e(v)}</dd>'
                                     for k, v in rows if v is not None) + "</dl>"


def render(result: RunResult, info: RunInfo | None = None, comparison: Comparison | None = None) -> str:
    """The report page for one run (with a baseline comparison, when given)."""
    findings = result.findings
    by_category = Counter(f.category for f in findings).most_common()
    by_rule = Counter((f.rule, f.category) for f in findings).most_common()
    by_file = Counter(f.path for f in findings).most_common(10)
    category_rows = "".join(f'<tr data-category="{_e(c)}" data-count="{n}"><td>{_e(c)}</td><td class="n">{n}</td></tr>'
                            for c, n in by_category)
    rule_rows = "".join(f'<tr data-rule="{_e(r)}" data-count="{n}"><td>{_rule_link(r)}</td><td>{_e(c)}</td>'
                        f'<td class="n">{n}</td></tr>' for (r, c), n in by_rule)
    file_rows = "".join(f'<tr data-count="{n}"><td>{_e(p)}</td><td class="n">{n}</td></tr>' for p, n in by_file)
    errors = "".join(f"<li>{_e(e.message)}</li>" for e in result.errors)
    filters = [_select("file", "File", Counter(f.path for f in findings).most_common()),
               _select("severity", "Severity", Counter(f.severity for f in findings).most_common()),
               _select("rule", "Rule", sorted(Counter(f.rule for f in findings).items())),
               _select("category", "Category", by_category)]
    comparison_html = ""
    if comparison is not None:
        new = len(comparison.new)
        filters.append(_select("status", "Status", [("new", new), ("unchanged", len(findings) - new)]))
        fixed = "".join(f"<li>{_e(f.path)}: {_e(f.message)}</li>" for f in comparison.fixed)
        comparison_html = (f'<h2>Against the baseline</h2><p id="comparison"><span id="new-count">{new}</span> new, '
                           f'<span id="unchanged-count">{len(findings) - new}</span> unchanged, '
                           f'<span id="fixed-count">{len(comparison.fixed)}</span> fixed.</p>'
                           f'<ul id="fixed">{fixed}</ul>')
    explained = sorted({f.rule for f in findings})
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>healthlint report</title>
<meta name="viewport" content="width=device-width,initial-scale=1"><style>{_STYLE}</style></head>
<body>
<h1>healthlint report</h1>
<p id="summary"><span id="total">{len(findings)}</span> findings in
<span id="files-with-findings">{len({f.path for f in findings})}</span> of
<span id="files-checked">{result.files}</span> files.</p>
{_run(info)}
{f'<h2>Errors</h2><ul id="errors">{errors}</ul>' if errors else ''}
{comparison_html}
<h2>By category</h2>
{_chart(by_category)}
<table id="by-category"><thead><tr><th>Category</th><th>Findings</th></tr></thead><tbody>{category_rows}</tbody></table>
<h2>By rule</h2>
<table id="by-rule"><thead><tr><th>Rule</th><th>Category</th><th>Findings</th></tr></thead><tbody>{rule_rows}</tbody></table>
<h2>Files with the most findings</h2>
<table id="top-files"><thead><tr><th>File</th><th>Findings</th></tr></thead><tbody>{file_rows}</tbody></table>
<h2>Findings, article by article</h2>
<p id="filters">{"".join(filters)} showing <span id="visible-count">{len(findings)}</span></p>
<div id="articles">{_articles(result, comparison)}</div>
<h2>The rules</h2>
<div id="rules">{"".join(_explanation(r, result.rules.get(r)) for r in explained)}</div>
<script>{_SCRIPT}</script>
</body></html>
"""
