'use strict';
// The app of apps (deploy/argocd/<env>, rendered): every Helm chart pinned to an exact version,
// every git path present in the repository, one repository URL (Terraform's gitops_repo_url),
// sync waves that put operators before the ClusterSecretStore before what uses it, automated
// sync with prune, self-heal and retries, and a ClusterSecretStore aws-secrets-manager in
// Terraform's region.

const fs = require('node:fs');
const path = require('node:path');
const { label } = require('./render');

const EXACT_VERSION = /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

function tfvar(terraformDir, env, name) {
  const file = path.join(terraformDir, 'envs', env, 'terraform.tfvars.example');
  if (!fs.existsSync(file)) return null;
  const m = fs.readFileSync(file, 'utf8').match(new RegExp(`^\\s*${name}\\s*=\\s*"([^"]*)"`, 'm'));
  return m ? m[1] : null;
}

// The secrets Terraform's platform-secrets module writes: name -> the JSON properties it holds.
function terraformSecrets(terraformDir) {
  const file = path.join(terraformDir, 'modules', 'platform-secrets', 'main.tf');
  if (!fs.existsSync(file)) return null;
  const text = fs.readFileSync(file, 'utf8');
  const secrets = new Map();
  const locals = text.match(/secrets\s*=\s*\{([\s\S]*?)\n\s*\}/);
  for (const m of (locals ? locals[1] : '').matchAll(/^\s*([\w-]+)\s*=/gm)) secrets.set(m[1], new Set());
  for (const m of text.matchAll(/secret_id\s*=\s*aws_secretsmanager_secret\.this\["([\w-]+)"\]\.id\s*secret_string\s*=\s*jsonencode\(\{([\s\S]*?)\}\)/g)) {
    for (const p of m[2].matchAll(/^\s*([\w-]+)\s*=/gm)) secrets.get(m[1])?.add(p[1]);
  }
  return secrets;
}

const wave = (o) => Number(o.metadata?.annotations?.['argocd.argoproj.io/sync-wave'] ?? 0);

function checkGitOps(docs, { repoRoot, deployDir, terraformDir }) {
  const findings = [];
  const add = (doc, message) => findings.push({ check: 'gitops', file: doc.rel, message: `${label(doc)}: ${message}` });
  // Every ExternalSecret reads a secret, and a property of it, that Terraform really writes.
  const secrets = terraformSecrets(terraformDir);
  for (const doc of docs.filter((d) => d.object.kind === 'ExternalSecret' && secrets)) {
    for (const d of doc.object.spec?.data ?? []) {
      const key = String(d.remoteRef?.key ?? '');
      const name = key.slice(`platform/${doc.env}/`.length);
      if (!key.startsWith(`platform/${doc.env}/`)) continue; // reported by the policy check
      if (!secrets.has(name)) add(doc, `remote key ${key}: Terraform writes no secret "${name}" (modules/platform-secrets: ${[...secrets.keys()].join(', ')})`);
      else if (d.remoteRef.property && !secrets.get(name).has(d.remoteRef.property)) add(doc, `remote key ${key} has no property "${d.remoteRef.property}" (Terraform writes ${[...secrets.get(name)].join(', ')})`);
    }
  }
  const byEnv = new Map();
  for (const doc of docs.filter((d) => d.group === 'argocd')) {
    if (!byEnv.has(doc.env)) byEnv.set(doc.env, []);
    byEnv.get(doc.env).push(doc);
  }
  for (const [env, envDocs] of byEnv) {
    const apps = envDocs.filter((d) => d.object.kind === 'Application');
    const repoUrl = tfvar(terraformDir, env, 'gitops_repo_url');
    const region = tfvar(terraformDir, env, 'region');
    for (const doc of apps) {
      const spec = doc.object.spec ?? {};
      const sources = spec.sources ?? (spec.source ? [spec.source] : []);
      if (sources.length === 0) add(doc, 'has no source');
      for (const s of sources) {
        if (s.chart) {
          if (!EXACT_VERSION.test(String(s.targetRevision ?? ''))) add(doc, `chart ${s.chart} is not pinned to an exact version (targetRevision "${s.targetRevision ?? ''}")`);
        } else if (s.path !== undefined) {
          if (repoUrl && s.repoURL !== repoUrl) add(doc, `git source ${s.repoURL} is not Terraform's gitops_repo_url ${repoUrl} (envs/${env}/terraform.tfvars.example)`);
          const target = path.join(repoRoot, s.path);
          const generated = path.relative(path.join(deployDir, 'k8s'), path.join(deployDir, path.relative('deploy', s.path)));
          if (!fs.existsSync(target)) {
            // deploy/k8s is written by the generator: its absence is reported once, as "generated".
            if (generated.startsWith('..') || fs.existsSync(path.join(deployDir, 'k8s'))) add(doc, `path ${s.path} does not exist in the repository`);
          } else if (!s.path.includes(`/${env}`) && !s.path.endsWith(env)) {
            add(doc, `path ${s.path} is not the ${env} environment's`);
          }
        } else if (!s.ref) {
          add(doc, 'source has neither chart nor path');
        }
      }
      const sync = spec.syncPolicy ?? {};
      if (!sync.automated) add(doc, 'sync is not automated');
      else if (sync.automated.prune !== true || sync.automated.selfHeal !== true) add(doc, 'automated sync without prune and selfHeal');
      if (!sync.retry || !(sync.retry.limit > 0)) add(doc, 'no sync retry');
      if (doc.object.metadata?.namespace !== 'argocd') add(doc, 'is not in the argocd namespace');
    }
    const stores = envDocs.filter((d) => d.object.kind === 'ClusterSecretStore');
    const store = stores.find((d) => d.object.metadata?.name === 'aws-secrets-manager');
    if (!store) {
      findings.push({ check: 'gitops', file: `argocd/${env}`, message: 'no ClusterSecretStore aws-secrets-manager' });
    } else {
      const aws = store.object.spec?.provider?.aws ?? {};
      if (aws.service !== 'SecretsManager') add(store, 'provider is not AWS SecretsManager');
      if (region && aws.region !== region) add(store, `region ${aws.region} is not Terraform's region ${region} (envs/${env}/terraform.tfvars.example)`);
      if (aws.auth) add(store, 'has an auth block: External Secrets authenticates through its EKS Pod Identity');
    }
    // Waves: operators (charts bringing CRDs) < ClusterSecretStore < everything that uses them.
    const operatorCharts = new Set(['cloudnative-pg', 'strimzi-kafka-operator', 'external-secrets']);
    const operators = apps.filter((d) => (d.object.spec?.source?.chart && operatorCharts.has(d.object.spec.source.chart)));
    for (const chart of operatorCharts) if (!operators.some((d) => d.object.spec.source.chart === chart)) findings.push({ check: 'gitops', file: `argocd/${env}`, message: `no Application installs the ${chart} chart` });
    const lastOperator = Math.max(...operators.map((d) => wave(d.object)));
    if (store && wave(store.object) <= lastOperator) add(store, `sync wave ${wave(store.object)} is not after the operators' (${lastOperator})`);
    for (const doc of apps.filter((d) => !operators.includes(d))) {
      const limit = store ? wave(store.object) : lastOperator;
      if (wave(doc.object) <= limit) add(doc, `sync wave ${wave(doc.object)} is not after the operators and the ClusterSecretStore (${limit})`);
    }
  }
  return findings;
}

module.exports = { checkGitOps, terraformSecrets };
