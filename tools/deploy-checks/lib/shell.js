'use strict';
// Every shell script in the repository passes shellcheck (Debian's `shellcheck` package).

const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const SKIP_DIRS = new Set(['.git', 'node_modules', 'bin', 'obj', '.terraform', 'TestResults', '.apphost']);

function scripts(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) scripts(full, out);
    } else if (entry.name.endsWith('.sh')) {
      out.push(full);
    }
  }
  return out;
}

function checkShell(root) {
  const files = scripts(root);
  const findings = [];
  if (files.length === 0) return { findings, files: 0 };
  const run = spawnSync('shellcheck', ['--format=gcc', ...files], { encoding: 'utf8' });
  if (run.error) {
    return { findings: [{ check: 'shellcheck', file: '.', message: `shellcheck could not run: ${run.error.message} (apt-get install shellcheck)` }], files: files.length };
  }
  for (const line of run.stdout.split('\n').filter(Boolean)) {
    const m = line.match(/^(.*?):(\d+):(\d+): (.*)$/);
    findings.push({ check: 'shellcheck', file: m ? path.relative(root, m[1]) : '.', message: m ? `${m[2]}:${m[3]} ${m[4]}` : line });
  }
  if (run.status !== 0 && findings.length === 0) {
    findings.push({ check: 'shellcheck', file: '.', message: run.stderr.trim() || `exit ${run.status}` });
  }
  return { findings, files: files.length };
}

module.exports = { checkShell };
