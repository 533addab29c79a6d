'use strict';
// Grafana provisioning under deploy/: every dashboard (*.json) is valid JSON with a unique uid,
// names only datasource uids the provisioned datasources define, has exemplars on in every
// latency panel; every PromQL expression (dashboards, variables, the Tempo datasource's
// trace-to-metrics queries, recording and alerting rules: lib/rules.js) parses with promtool
// (Debian's prometheus package) and uses only metric names the Platform emits (lib/metrics.js:
// the list the whole-system test writes from what the services really export).

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const YAML = require('yaml');
const { LIST } = require('./metrics');
const { ruleExpressions } = require('./rules');

const BUILTIN_UIDS = new Set(['grafana', '-- Grafana --', '-- Mixed --', '-- Dashboard --']);
const PROMQL_WORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'and', 'or', 'unless', 'offset', 'inf', 'nan', 'atan2', 'start', 'end']);

function files(dir, test, out = []) {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) { if (e.name !== 'node_modules') files(full, test, out); } else if (test(e.name, full)) out.push(full);
  }
  return out;
}

// Datasource provisioning files: YAML with apiVersion 1 and a datasources list.
function loadDatasources(deployDir, findings) {
  const sources = [];
  for (const file of files(deployDir, (n) => /\.ya?ml$/.test(n))) {
    let doc;
    try { doc = YAML.parse(fs.readFileSync(file, 'utf8')); } catch { continue; } // yamllint reports it
    if (!doc || doc.apiVersion !== 1 || !Array.isArray(doc.datasources)) continue;
    for (const ds of doc.datasources) {
      if (!ds.uid) findings.push({ check: 'dashboards', file: path.relative(deployDir, file), message: `datasource "${ds.name}" has no fixed uid` });
      sources.push({ ...ds, file: path.relative(deployDir, file) });
    }
  }
  return sources;
}

function datasourceUid(ds) {
  if (ds === null || ds === undefined) return null;
  if (typeof ds === 'string') return ds;
  return ds.uid ?? null;
}

function* walkPanels(panels) {
  for (const p of panels ?? []) {
    yield p;
    yield* walkPanels(p.panels);
  }
}

// Replaces Grafana's variables with values PromQL accepts, so promtool can parse the expression.
function concrete(expr) {
  return expr
    .replace(/\$__(rate_interval|interval|range)\b|\$\{__(rate_interval|interval|range)\}/g, '5m')
    .replace(/\[\$\{?\w+\}?\]/g, '[5m]')
    .replace(/\$\{[^}]+\}|\$\w+/g, 'x');
}

// Metric names an expression selects: identifiers outside strings, label matchers, grouping
// clauses and durations that are not functions, keywords or numbers.
function metricNames(expr) {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ');
  const names = new Set();
  for (const m of stripped.matchAll(/(?<![\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)(?![a-zA-Z0-9_:])(?!\s*\()/g)) {
    if (!PROMQL_WORDS.has(m[1].toLowerCase())) names.add(m[1]);
  }
  return [...names];
}

function checkDashboards(deployDir, emitted) {
  const findings = [];
  const datasources = loadDatasources(deployDir, findings);
  const uids = new Map(datasources.map((d) => [d.uid, d]));
  const promUids = new Set(datasources.filter((d) => d.type === 'prometheus').map((d) => d.uid));
  const expressions = []; // { file, where, expr }
  // The Tempo datasource's links into Prometheus are PromQL too.
  for (const ds of datasources) {
    for (const q of ds.jsonData?.tracesToMetrics?.queries ?? []) {
      expressions.push({ file: ds.file, where: `datasource ${ds.uid} tracesToMetrics "${q.name}"`, expr: q.query.replace(/\$\$__tags|\$__tags/g, 'service_name="x"') });
    }
    for (const link of [ds.jsonData?.exemplarTraceIdDestinations ?? [], ds.jsonData?.derivedFields ?? []].flat()) {
      if (link.datasourceUid && !uids.has(link.datasourceUid)) findings.push({ check: 'dashboards', file: ds.file, message: `datasource ${ds.uid} links to unknown datasource uid "${link.datasourceUid}"` });
    }
    for (const key of ['tracesToLogsV2', 'tracesToMetrics', 'serviceMap', 'lokiSearch']) {
      const uid = ds.jsonData?.[key]?.datasourceUid;
      if (uid && !uids.has(uid)) findings.push({ check: 'dashboards', file: ds.file, message: `datasource ${ds.uid} ${key} names unknown datasource uid "${uid}"` });
    }
  }
  const seenUids = new Map();
  // Dashboards are the JSON files in a dashboards/ directory (other JSON, such as the generator's
  // generation.json, is not Grafana's).
  for (const file of files(deployDir, (n, full) => n.endsWith('.json') && path.relative(deployDir, full).split(path.sep).includes('dashboards'))) {
    const rel = path.relative(deployDir, file);
    const add = (message) => findings.push({ check: 'dashboards', file: rel, message });
    let dash;
    try { dash = JSON.parse(fs.readFileSync(file, 'utf8')); } catch (err) { add(`not valid JSON: ${err.message}`); continue; }
    if (!dash.uid || !dash.title || !Array.isArray(dash.panels)) { add('not a dashboard (uid, title and panels are required)'); continue; }
    if (seenUids.has(dash.uid)) add(`uid "${dash.uid}" is also used by ${seenUids.get(dash.uid)}`);
    seenUids.set(dash.uid, rel);
    const checkUid = (where, ds) => {
      const uid = datasourceUid(ds);
      if (uid === null) return null;
      if (/^\$/.test(uid)) { add(`${where}: datasource "${uid}" is a variable, not a provisioned uid`); return null; }
      if (!uids.has(uid) && !BUILTIN_UIDS.has(uid)) add(`${where}: datasource uid "${uid}" does not exist (known: ${[...uids.keys()].join(', ')})`);
      return uid;
    };
    for (const v of dash.templating?.list ?? []) {
      const uid = checkUid(`variable ${v.name}`, v.datasource);
      const query = typeof v.query === 'string' ? v.query : v.query?.query;
      if (promUids.has(uid) && query) {
        const m = query.match(/^label_values\(\s*([^,]+?)\s*,\s*\w+\s*\)$/) || query.match(/^query_result\((.*)\)$/);
        if (m) expressions.push({ file: rel, where: `variable ${v.name}`, expr: m[1] });
        else if (!/^label_names\(|^label_values\(\s*\w+\s*\)$/.test(query)) add(`variable ${v.name}: query "${query}" is not label_values(...), label_names() or query_result(...)`);
      }
    }
    for (const panel of walkPanels(dash.panels)) {
      const where = `panel "${panel.title}"`;
      const panelUid = checkUid(where, panel.datasource);
      const latency = panel.fieldConfig?.defaults?.unit === 's' || panel.fieldConfig?.defaults?.unit === 'ms' || /latency|duration/i.test(panel.title ?? '');
      for (const t of panel.targets ?? []) {
        const uid = checkUid(`${where} target ${t.refId}`, t.datasource) ?? panelUid;
        if (!promUids.has(uid) || typeof t.expr !== 'string') continue;
        expressions.push({ file: rel, where: `${where} target ${t.refId}`, expr: t.expr });
        if (latency && t.exemplar !== true) add(`${where} target ${t.refId}: a latency panel without exemplars (set "exemplar": true)`);
      }
    }
  }
  // Recording and alerting rules are checked alike; what a recording rule records may be used.
  const rules = ruleExpressions(deployDir);
  expressions.push(...rules.expressions);
  findings.push(...checkPromQL(expressions, new Map([...emitted, ...[...rules.recorded].map((r) => [r, 'recording rule'])])));
  return findings;
}

// The emitted names that share the longest prefix of tokens with a name that is not emitted (at
// least two tokens): http_client_request_duration_bucket → http_client_request_duration_seconds_*.
function alike(name, emitted) {
  const tokens = name.split('_');
  for (let n = tokens.length - 1; n >= 2; n--) {
    const prefix = tokens.slice(0, n).join('_') + '_';
    const found = [...emitted.keys()].filter((e) => e.startsWith(prefix));
    if (found.length > 0) return found;
  }
  return [];
}

function checkPromQL(expressions, emitted) {
  const findings = [];
  if (expressions.length === 0) return findings;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'promql-'));
  try {
    const file = path.join(dir, 'rules.yml');
    const groups = expressions.map((e, i) => ({ name: `expr_${i}`, rules: [{ record: `check:expr_${i}`, expr: concrete(e.expr) }] }));
    fs.writeFileSync(file, YAML.stringify({ groups }));
    const run = spawnSync('promtool', ['check', 'rules', file], { encoding: 'utf8', timeout: 60000 });
    if (run.error) {
      findings.push({ check: 'promql', file: '.', message: `promtool could not run: ${run.error.message} (apt-get install prometheus)` });
    } else if (run.status !== 0) {
      const text = run.stdout + run.stderr;
      let attributed = false;
      for (const m of text.matchAll(/group "expr_(\d+)", rule \d+, "[^"]*": (.*)/g)) {
        const e = expressions[Number(m[1])];
        findings.push({ check: 'promql', file: e.file, message: `${e.where}: ${m[2].trim()} in: ${e.expr}` });
        attributed = true;
      }
      if (!attributed) findings.push({ check: 'promql', file: '.', message: `promtool: ${text.trim().split('\n').slice(-1)[0]}` });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  for (const e of expressions) {
    for (const name of metricNames(e.expr)) {
      if (!emitted.has(name)) findings.push({ check: 'metrics', file: e.file, message: `${e.where}: metric ${name} is not emitted by the Platform (exported metrics alike in ${LIST}: ${alike(name, emitted).join(', ') || 'none'})` });
    }
  }
  return findings;
}

module.exports = { checkDashboards, metricNames, concrete };
