import { escapeHtml, formatDuration, scriptJson } from './html';
import type { RunRecord } from './run-record';
import type { ValueDigest } from './value-digest';

/** Everything the page needs is in it: styles, script and data inline, so it opens from disk with no request. */
const STYLE = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 0; color: #1a202c; background: #f7fafc; }
header { padding: 14px 20px; background: #fff; border-bottom: 1px solid #e2e8f0; }
header h1 { font-size: 18px; margin: 0 0 4px; }
.status { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; color: #fff; }
.status.succeeded { background: #2f855a; } .status.failed { background: #c53030; } .status.cached { background: #2b6cb0; }
.facts { color: #4a5568; font-size: 13px; }
main { display: flex; gap: 16px; padding: 16px 20px; align-items: flex-start; }
#graph { flex: 1 1 auto; overflow: auto; background: #fff; border: 1px solid #e2e8f0; border-radius: 6px; padding: 8px; max-height: 75vh; }
#graph svg { width: 100%; height: auto; max-height: 72vh; }
#graph g.hamilton_node { cursor: pointer; }
#graph g.hamilton_node.picked polygon, #graph g.hamilton_node.picked path, #graph g.hamilton_node.picked ellipse { stroke: #d69e2e; stroke-width: 4; }
#panel { flex: 0 0 360px; background: #fff; border: 1px solid #e2e8f0; border-radius: 6px; padding: 12px 14px; max-height: 75vh; overflow: auto; }
#panel h2 { font-size: 16px; margin: 0 0 8px; word-break: break-all; }
#panel dl { display: grid; grid-template-columns: max-content 1fr; gap: 3px 10px; margin: 0 0 8px; }
#panel dt { color: #718096; } #panel dd { margin: 0; word-break: break-word; }
section { padding: 0 20px 16px; }
section h2 { font-size: 15px; margin: 12px 0 6px; }
table { border-collapse: collapse; background: #fff; font-size: 13px; }
th, td { border: 1px solid #e2e8f0; padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #edf2f7; }
.error { margin: 16px 20px 0; padding: 10px 14px; background: #fff5f5; border: 1px solid #feb2b2; border-radius: 6px; white-space: pre-wrap; }
.failed-check td { background: #fff5f5; } .muted { color: #718096; }
`;

/** The page's script: picks a node on click and fills the panel from the embedded run, with textContent only. */
const SCRIPT = `
(function () {
  var run = JSON.parse(document.getElementById('hamilton-run').textContent);
  var byName = {};
  run.nodes.forEach(function (n) { byName[n.name] = n; });
  var panel = document.getElementById('panel');
  function el(tag, text, cls) { var e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; }
  function ms(v) { return v < 10 ? v.toFixed(2) + ' ms' : v < 1000 ? Math.round(v) + ' ms' : (v / 1000).toFixed(2) + ' s'; }
  function num(v) { return v === null || v === undefined ? 'NaN' : String(Math.round(v * 1e6) / 1e6); }
  function where(w) { if (!w) return ''; return w.executor + ', ' + w.on + (w.threadId !== undefined ? ' ' + w.threadId : '') + (w.worker ? ' ' + w.worker : ''); }
  function table(rows, header) {
    var t = el('table');
    rows.forEach(function (row, i) { var tr = el('tr'); row.forEach(function (c) { tr.appendChild(el(i === 0 && header ? 'th' : 'td', c)); }); t.appendChild(tr); });
    return t;
  }
  function valueFacts(v, facts) {
    facts.push(['value', v.kind]);
    if (v.text !== undefined) facts.push(['shown', v.text]);
    if (v.length !== undefined) facts.push(['length', String(v.length)]);
    if (v.nulls !== undefined) facts.push(['nulls', String(v.nulls)]);
    if (v.numbers) { facts.push(['min', num(v.numbers.min)], ['max', num(v.numbers.max)], ['mean', num(v.numbers.mean)]); if (v.numbers.nan) facts.push(['NaN', String(v.numbers.nan)]); }
  }
  function show(name) {
    var n = byName[name];
    if (!n) return;
    panel.textContent = '';
    panel.dataset.node = name;
    panel.appendChild(el('h2', n.name));
    var facts = [['status', n.status + (n.providedBy ? ' (' + n.providedBy + ')' : '')], ['kind', n.kind], ['type', n.type]];
    if (n.doc) facts.push(['doc', n.doc]);
    facts.push(['source', n.source ? n.source.file + ':' + n.source.line : '—']);
    if (n.durationMs !== undefined) facts.push(['duration', ms(n.durationMs)]);
    if (n.where) facts.push(['ran on', where(n.where)]);
    if (n.error) facts.push(['error', n.error]);
    if (n.value) valueFacts(n.value, facts);
    else if (n.status === 'succeeded') facts.push(['value', 'stayed where it ran (the driver did not read it)']);
    else if (n.status === 'cached') facts.push(['value', 'stored in the cache (this run did not read it)']);
    var dl = el('dl');
    facts.forEach(function (f) { dl.appendChild(el('dt', f[0])); dl.appendChild(el('dd', f[1], 'fact-' + f[0].replace(/\\W+/g, '-'))); });
    panel.appendChild(dl);
    var v = n.value;
    if (v && v.kind === 'table' && v.head) { panel.appendChild(el('h3', 'first rows')); panel.appendChild(table(v.head, true)); }
    else if (v && v.head && v.head.length) { panel.appendChild(el('h3', 'first values')); panel.appendChild(table(v.head.map(function (x) { return [x]; }), false)); }
    if (v && v.columns) {
      panel.appendChild(el('h3', 'columns'));
      var rows = [['column', 'nulls', 'min', 'max', 'mean']];
      Object.keys(v.columns).forEach(function (c) { var d = v.columns[c]; rows.push([c, String(d.nulls), d.numbers ? num(d.numbers.min) : '', d.numbers ? num(d.numbers.max) : '', d.numbers ? num(d.numbers.mean) : '']); });
      panel.appendChild(table(rows, true));
    }
    document.querySelectorAll('#graph g.hamilton_node.picked').forEach(function (g) { g.classList.remove('picked'); });
    var g = document.getElementById('node:' + name);
    if (g) g.classList.add('picked');
  }
  document.querySelectorAll('#graph g.hamilton_node').forEach(function (g) {
    g.addEventListener('click', function (e) { e.preventDefault(); show(g.id.slice('node:'.length)); });
  });
  var first = run.nodes.filter(function (n) { return n.status === 'failed'; })[0] || run.nodes.filter(function (n) { return run.outputs.indexOf(n.name) >= 0; })[0];
  if (first) show(first.name);
})();
`;

function brief(digest: ValueDigest): string {
  if (digest.text !== undefined) return digest.text;
  const parts = [digest.kind];
  if (digest.length !== undefined) parts.push(`${digest.length} ${digest.kind === 'table' ? 'rows' : 'values'}`);
  if (digest.columns) parts.push(`columns ${Object.keys(digest.columns).join(', ')}`);
  if (digest.nulls) parts.push(`${digest.nulls} nulls`);
  if (digest.numbers) parts.push(`min ${digest.numbers.min}, max ${digest.numbers.max}, mean ${Number(digest.numbers.mean.toPrecision(6))}`);
  return parts.join(' · ');
}

function valuesTable(id: string, title: string, values: Record<string, ValueDigest>): string {
  const names = Object.keys(values);
  if (names.length === 0) return `<section id="${id}"><h2>${title}</h2><p class="muted">none</p></section>`;
  const rows = names.map((n) => `<tr><td>${escapeHtml(n)}</td><td>${escapeHtml(brief(values[n]))}</td></tr>`).join('');
  return `<section id="${id}"><h2>${title}</h2><table><tr><th>name</th><th>value</th></tr>${rows}</table></section>`;
}

function checksTable(run: RunRecord): string {
  if (run.checks.length === 0) return '<section id="data-quality"><h2>Data quality</h2><p class="muted">no checks ran</p></section>';
  const failed = run.checks.filter((c) => !c.passed).length;
  const rows = run.checks.map((c) => `<tr class="${c.passed ? 'passed-check' : 'failed-check'}"><td>${escapeHtml(c.node)}</td><td>${escapeHtml(c.check)}</td>`
    + `<td>${c.importance}</td><td>${c.passed ? 'pass' : 'FAIL'}</td><td>${escapeHtml(c.message)}</td></tr>`).join('');
  return `<section id="data-quality"><h2>Data quality: ${run.checks.length} checks, ${failed} failed</h2>`
    + `<table><tr><th>node</th><th>check</th><th>importance</th><th>result</th><th>message</th></tr>${rows}</table></section>`;
}

function errorBox(run: RunRecord): string {
  if (!run.error) return '';
  const at = run.error.node ? ` at node '${run.error.node}'${run.error.location ? ` (${run.error.location})` : ''}` : '';
  return `<div class="error" id="run-error"><strong>${escapeHtml(run.error.name)}${escapeHtml(at)}</strong>\n${escapeHtml(run.error.message)}</div>`;
}

/** The SVG as it sits in HTML: without the XML prolog and doctype Graphviz writes for a standalone file. */
const inlineSvg = (svg: string): string => svg.slice(svg.indexOf('<svg'));

/** The run's self-contained HTML page: header, error, picture and node panel, checks, inputs, config, overrides. */
export function reportPage(run: RunRecord, svg: string): string {
  const title = `hamilton-ts run ${run.status}: ${run.outputs.join(', ')}`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>
<header><h1>hamilton-ts run <span class="status ${run.status}" id="run-status">${run.status}</span></h1>
<div class="facts">outputs <b>${escapeHtml(run.outputs.join(', '))}</b> · started ${escapeHtml(run.startedAt)} · took ${formatDuration(run.durationMs)} · executor ${escapeHtml(run.executor)} · run ${escapeHtml(run.runId)}</div></header>
${errorBox(run)}
<main><div id="graph">${inlineSvg(svg)}</div><aside id="panel"><p class="muted">Click a node to see it here.</p></aside></main>
${checksTable(run)}
${valuesTable('inputs', 'Inputs', run.inputs)}
${valuesTable('config', 'Config', run.config)}
${valuesTable('overrides', 'Overrides', run.overrides)}
<script type="application/json" id="hamilton-run">${scriptJson(run)}</script>
<script>${SCRIPT}</script>
</body></html>
`;
}
