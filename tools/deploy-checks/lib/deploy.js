'use strict';
// Every offline check over a deploy/ tree. The repository's root is the tree's parent, so the
// Argo CD Applications' git paths (deploy/k8s/overlays/<env>, ...) resolve against it.

const path = require('node:path');
const { renderDeploy } = require('./render');
const { checkSchemas } = require('./schema');
const { checkPolicies } = require('./policy');
const { checkNetworkPolicies } = require('./netpol');
const { checkGitOps } = require('./gitops');
const { checkDashboards } = require('./grafana');
const { emittedMetrics } = require('./metrics');
const { checkYamllint } = require('./yamllint');
const { ENVS } = require('./render');

const CHECKS = ['schema', 'policy', 'netpol', 'gitops', 'dashboards', 'yamllint'];

function checkDeploy({ deployDir, terraformDir, only }) {
  const wanted = (name) => !only || only.has(name);
  for (const name of only ?? []) if (!CHECKS.includes(name)) throw new Error(`unknown deploy check "${name}" (${CHECKS.join(', ')})`);
  const { docs, findings } = renderDeploy(deployDir);
  if (wanted('schema')) findings.push(...checkSchemas(docs));
  if (wanted('policy')) findings.push(...checkPolicies(docs));
  if (wanted('netpol')) for (const env of new Set([...ENVS, ...docs.map((d) => d.env)])) findings.push(...checkNetworkPolicies(docs.filter((d) => d.group === 'k8s' && d.env === env)));
  if (wanted('gitops')) findings.push(...checkGitOps(docs, { repoRoot: path.dirname(deployDir), deployDir, terraformDir }));
  if (wanted('dashboards')) {
    const emitted = emittedMetrics(deployDir);
    findings.push(...emitted.findings, ...checkDashboards(deployDir, emitted.names));
  }
  if (wanted('yamllint')) findings.push(...checkYamllint(deployDir));
  return { findings, files: docs.length };
}

module.exports = { checkDeploy, CHECKS };
