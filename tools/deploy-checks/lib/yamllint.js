'use strict';
// yamllint (Debian's package) over every YAML file under deploy/, with the repository's rules
// (tools/deploy-checks/yamllint.yaml).

const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

function checkYamllint(deployDir) {
  if (!fs.existsSync(deployDir)) return [{ check: 'yamllint', file: '.', message: `${deployDir} does not exist` }];
  const config = path.join(__dirname, '..', 'yamllint.yaml');
  const run = spawnSync('yamllint', ['-c', config, '-f', 'parsable', '.'], { cwd: deployDir, encoding: 'utf8', timeout: 120000 });
  if (run.error) return [{ check: 'yamllint', file: '.', message: `yamllint could not run: ${run.error.message} (apt-get install yamllint)` }];
  const findings = [];
  for (const line of run.stdout.split('\n').filter(Boolean)) {
    const m = line.match(/^\.?\/?(.*?):(\d+):(\d+): (.*)$/);
    findings.push({ check: 'yamllint', file: m ? m[1] : '.', message: m ? `${m[2]}:${m[3]} ${m[4]}` : line });
  }
  if (run.status !== 0 && findings.length === 0) findings.push({ check: 'yamllint', file: '.', message: (run.stderr || `exit ${run.status}`).trim() });
  return findings;
}

module.exports = { checkYamllint };
