'use strict';
// The Prometheus names of the metrics the Platform emits: the committed list
// deploy/observability/exported-metrics.txt, which the whole-system test
// tests/EndToEnd.Tests/ExportedMetricsTests.cs writes from what the services really export over OTLP
// (in the Collector's Prometheus naming, with the spanmetrics connector's metrics and target_info)
// and fails on when it is stale. One series a line, its name in the first column; '#' starts a comment.

const fs = require('node:fs');
const path = require('node:path');

const LIST = path.join('observability', 'exported-metrics.txt');

// Returns { names: Map<prometheus name, where it comes from>, findings }.
function emittedMetrics(deployDir) {
  const file = path.join(deployDir, LIST);
  if (!fs.existsSync(file)) {
    return { names: new Map(), findings: [{ check: 'metrics', file: LIST, message: 'the list of exported metrics is missing (UPDATE_EXPORTED_METRICS=1 dotnet test tests/EndToEnd.Tests --filter ExportedMetricsTests writes it)' }] };
  }
  const names = new Map();
  const findings = [];
  fs.readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
    if (line.trim() === '' || line.startsWith('#')) return;
    const [name, instrument = '', services = ''] = line.split('\t');
    if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(name)) findings.push({ check: 'metrics', file: LIST, message: `line ${i + 1}: "${name}" is not a Prometheus metric name` });
    else names.set(name, `${instrument} from ${services}`.trim());
  });
  return { names, findings };
}

module.exports = { emittedMetrics, LIST };
