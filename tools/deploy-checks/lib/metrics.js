'use strict';
// The Prometheus names of the metrics the Platform emits, derived from the code: every instrument
// the services and libraries create (Meter.Create*("name", unit)), translated the way the
// OpenTelemetry Collector's Prometheus exporters do (dots to underscores, the unit as a suffix
// (s -> seconds, By -> bytes; annotations in braces dropped), _total for counters and
// _bucket/_sum/_count for histograms). To them are added the instruments of the libraries the
// services use and the collector's spanmetrics connector, which no project code creates.

const fs = require('node:fs');
const path = require('node:path');

const SOURCE_DIRS = ['services', 'src', 'ServiceDefaults'];
const SKIP = new Set(['bin', 'obj', 'node_modules', '.git']);

// Instruments defined outside the repository's code (name, kind, unit, where they come from).
const EXTERNAL = [
  ['http.server.request.duration', 'histogram', 's', 'ASP.NET Core (OpenTelemetry.Instrumentation.AspNetCore)'],
  ['http.client.request.duration', 'histogram', 's', 'System.Net.Http (OpenTelemetry.Instrumentation.Http)'],
  ['traces.span.metrics.duration', 'histogram', 's', 'collector spanmetrics connector'],
  ['traces.span.metrics.calls', 'counter', '', 'collector spanmetrics connector'],
];

const UNITS = { s: 'seconds', ms: 'milliseconds', By: 'bytes', KiBy: 'kibibytes', MiBy: 'mebibytes', '1': 'ratio', '%': 'percent' };

function prometheusNames(name, kind, unit) {
  let base = name.replace(/[^a-zA-Z0-9_:]/g, '_');
  const suffix = unit && !unit.startsWith('{') ? (UNITS[unit] ?? unit.replace(/[^a-zA-Z0-9]/g, '_')) : '';
  if (suffix && !(suffix === 'ratio' && kind !== 'gauge') && !base.endsWith(`_${suffix}`)) base += `_${suffix}`;
  if (kind === 'counter') return [base.endsWith('_total') ? base : `${base}_total`];
  if (kind === 'histogram') return [`${base}_bucket`, `${base}_sum`, `${base}_count`];
  return [base];
}

function kindOf(method) {
  if (/Histogram/.test(method)) return 'histogram';
  if (/^Create(Observable)?Counter$/.test(method)) return 'counter';
  return 'gauge'; // gauges and up-down counters keep their name
}

function csFiles(dir, out = []) {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) { if (!SKIP.has(e.name)) csFiles(full, out); } else if (e.name.endsWith('.cs')) out.push(full);
  }
  return out;
}

// Returns Map<prometheus name, description of its origin>.
function emittedMetrics(root) {
  const names = new Map();
  for (const [name, kind, unit, origin] of EXTERNAL) for (const n of prometheusNames(name, kind, unit)) names.set(n, origin);
  for (const file of SOURCE_DIRS.flatMap((d) => csFiles(path.join(root, d)))) {
    const text = fs.readFileSync(file, 'utf8');
    const constants = new Map([...text.matchAll(/const\s+string\s+(\w+)\s*=\s*"([^"]+)"/g)].map((m) => [m[1], m[2]]));
    for (const m of text.matchAll(/\.(Create(?:Observable)?(?:Counter|Histogram|Gauge|UpDownCounter))\s*(?:<[^>]+>)?\s*\(([\s\S]*?)\)\s*;/g)) {
      const args = m[2];
      const first = args.match(/^\s*(?:name:\s*)?(?:"([^"]+)"|(\w+))/);
      const name = first && (first[1] ?? constants.get(first[2]));
      if (!name) continue;
      const named = args.match(/unit:\s*"([^"]*)"/);
      // Positional: Create*<T>(name, unit, description) or CreateObservable*(name, callback, unit, description).
      const strings = [...args.matchAll(/(?<!:\s*)"([^"]*)"/g)].map((s) => s[1]);
      const positional = first[1] ? strings[1] : strings[0];
      const unit = named ? named[1] : (positional !== undefined && positional.length <= 16 && !/\s/.test(positional) ? positional : '');
      for (const n of prometheusNames(name, kindOf(m[1]), unit)) names.set(n, path.relative(root, file));
    }
  }
  return names;
}

module.exports = { emittedMetrics, prometheusNames };
