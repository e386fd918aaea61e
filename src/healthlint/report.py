"""`healthlint report`: one self-contained HTML page for editors (no network, no CDN).

Totals per category and per rule, a bar chart as inline SVG, the files with the most findings,
and every finding with its sentence and the span highlighted, filterable by category (the
filter also reads `#category=NAME` from the address, so a link can open it filtered). A rule of
healthlint's packs links to its documentation page (a link, never a resource the page loads).
"""

from __future__ import annotations

import html
from collections import Counter

from healthlint import __version__
from healthlint.docs import help_url
from healthlint.findings import RunResult

_STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;color:#222;padding:0 1em}
table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border-bottom:1px solid #ddd;padding:.3em .6em;
text-align:left;vertical-align:top}td.n{text-align:right}mark{background:#ffd54f}
.sev-error{color:#b71c1c}.sev-warning{color:#8a6d00}.sev-info{color:#01579b}
#findings td.sentence{max-width:40em}svg text{font-size:12px}
"""
_SCRIPT = """
function applyFilter(category){
  var rows=document.querySelectorAll('#findings tbody tr'),shown=0;
  rows.forEach(function(row){var on=!category||category==='all'||row.dataset.category===category;
    row.hidden=!on;if(on)shown++;});
  document.getElementById('visible-count').textContent=String(shown);
  document.getElementById('category-filter').value=category||'all';
}
document.getElementById('category-filter').addEventListener('change',function(e){applyFilter(e.target.value);});
var m=location.hash.match(/category=([\\w-]+)/);applyFilter(m?m[1]:'all');
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _rule(rule_id: str, result: RunResult) -> str:
    """A rule id, linked to its page when it has one."""
    info = result.rules.get(rule_id)
    url = help_url(info) if info is not None else None
    return f'<a href="{_e(url)}">{_e(rule_id)}</a>' if url else _e(rule_id)


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


def render(result: RunResult) -> str:
    """The report page for one run."""
    findings = result.findings
    by_category = Counter(f.category for f in findings).most_common()
    by_rule = Counter((f.rule, f.category) for f in findings).most_common()
    by_file = Counter(f.path for f in findings).most_common(10)
    rows = []
    for f in findings:
        source = result.sources.get(f.path, "")
        start, end = min(f.sentence_start, f.offset), max(f.sentence_end, f.end_offset)
        context = (f"{_e(source[start:f.offset])}<mark>{_e(source[f.offset:f.end_offset])}</mark>"
                   f"{_e(source[f.end_offset:end])}")
        rows.append(
            f'<tr data-category="{_e(f.category)}" data-rule="{_e(f.rule)}"><td>{_e(f.path)}:{f.line}:{f.column}</td>'
            f'<td class="sev-{_e(f.severity)}">{_e(f.severity)}</td><td>{_rule(f.rule, result)}</td>'
            f'<td class="sentence">{context}<br><small>{_e(f.message)}'
            f'{" Suggestion: " + _e(f.suggestion) if f.suggestion else ""}</small></td></tr>')
    options = "".join(f'<option value="{_e(c)}">{_e(c)} ({n})</option>' for c, n in by_category)
    category_rows = "".join(f'<tr data-category="{_e(c)}" data-count="{n}"><td>{_e(c)}</td><td class="n">{n}</td></tr>'
                            for c, n in by_category)
    rule_rows = "".join(f'<tr data-rule="{_e(r)}" data-count="{n}"><td>{_rule(r, result)}</td><td>{_e(c)}</td>'
                        f'<td class="n">{n}</td></tr>' for (r, c), n in by_rule)
    file_rows = "".join(f'<tr data-count="{n}"><td>{_e(p)}</td><td class="n">{n}</td></tr>' for p, n in by_file)
    errors = "".join(f"<li>{_e(e.message)}</li>" for e in result.errors)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>healthlint report</title>
<meta name="viewport" content="width=device-width,initial-scale=1"><style>{_STYLE}</style></head>
<body>
<h1>healthlint report</h1>
<p id="summary"><span id="total">{len(findings)}</span> findings in
<span id="files-with-findings">{len({f.path for f in findings})}</span> of
<span id="files-checked">{result.files}</span> files (healthlint {_e(__version__)}).</p>
{f'<h2>Errors</h2><ul id="errors">{errors}</ul>' if errors else ''}
<h2>By category</h2>
{_chart(by_category)}
<table id="by-category"><thead><tr><th>Category</th><th>Findings</th></tr></thead><tbody>{category_rows}</tbody></table>
<h2>By rule</h2>
<table id="by-rule"><thead><tr><th>Rule</th><th>Category</th><th>Findings</th></tr></thead><tbody>{rule_rows}</tbody></table>
<h2>Files with the most findings</h2>
<table id="top-files"><thead><tr><th>File</th><th>Findings</th></tr></thead><tbody>{file_rows}</tbody></table>
<h2>Findings</h2>
<p><label>Category <select id="category-filter"><option value="all">all</option>{options}</select></label>
showing <span id="visible-count">{len(findings)}</span></p>
<table id="findings"><thead><tr><th>Where</th><th>Severity</th><th>Rule</th><th>Sentence</th></tr></thead>
<tbody>{"".join(rows)}</tbody></table>
<script>{_SCRIPT}</script>
</body></html>
"""
