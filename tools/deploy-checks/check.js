#!/usr/bin/env node
'use strict';
// Offline deploy checks. Usage (from anywhere):
//   node tools/deploy-checks/check.js [all|terraform|workflows|shell|deploy] [--root DIR] [--json]
// terraform checks DIR/infra/terraform, workflows DIR/.github/workflows, shell every *.sh under DIR,
// deploy the tree DIR/deploy (kustomize renders, schemas, policies, NetworkPolicy edges, the app of
// apps, Grafana dashboards and their PromQL, yamllint; --only schema,policy,... runs a subset).
// A path given with --terraform-dir/--workflow-dir/--deploy-dir/--manifest overrides the default
// location (used by the tests to point a check at a broken fixture). Exit code 1 when anything is found.

const path = require('node:path');
const { checkTerraform } = require('./lib/terraform');
const { checkWorkflows } = require('./lib/workflows');
const { checkShell } = require('./lib/shell');
const { checkDeploy } = require('./lib/deploy');

function option(args, name, fallback) {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
}

async function main(args) {
  const what = args[0] && !args[0].startsWith('--') ? args[0] : 'all';
  const root = path.resolve(option(args, '--root', path.join(__dirname, '..', '..')));
  const json = args.includes('--json');
  const results = {};
  if (what === 'all' || what === 'terraform') {
    results.terraform = await checkTerraform(path.resolve(option(args, '--terraform-dir', path.join(root, 'infra', 'terraform'))));
  }
  if (what === 'all' || what === 'workflows') {
    results.workflows = await checkWorkflows(
      path.resolve(option(args, '--workflow-dir', path.join(root, '.github', 'workflows'))),
      path.resolve(option(args, '--manifest', path.join(root, 'deploy', 'aspire-manifest.json'))));
  }
  if (what === 'all' || what === 'shell') {
    results.shell = checkShell(path.resolve(option(args, '--shell-dir', root)));
  }
  if (what === 'all' || what === 'deploy') {
    const only = option(args, '--only', null);
    results.deploy = checkDeploy({
      deployDir: path.resolve(option(args, '--deploy-dir', path.join(root, 'deploy'))),
      terraformDir: path.resolve(option(args, '--terraform-dir', path.join(root, 'infra', 'terraform'))),
      only: only ? new Set(only.split(',')) : null,
    });
  }
  if (Object.keys(results).length === 0) throw new Error(`unknown check "${what}" (all, terraform, workflows, shell, deploy)`);
  const findings = Object.values(results).flatMap((r) => r.findings);
  if (json) {
    process.stdout.write(JSON.stringify({ findings, files: Object.fromEntries(Object.entries(results).map(([k, r]) => [k, r.files])) }, null, 2) + '\n');
  } else {
    for (const [name, r] of Object.entries(results)) console.log(`${name}: ${r.files} file(s), ${r.findings.length} finding(s)`);
    for (const f of findings) console.log(`  [${f.check}] ${f.file}: ${f.message}`);
  }
  return findings.length === 0 ? 0 : 1;
}

// Exit explicitly: the WebAssembly runtimes keep timers alive for a second or two after the work
// is done. (stdout to a pipe or file is written synchronously on Linux, so nothing is lost.)
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => { console.error(err.stack ?? String(err)); process.exit(2); },
);
