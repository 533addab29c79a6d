'use strict';
// Renders every kustomization under a deploy/ tree with `kubectl kustomize` (offline) and parses
// the result. Targets: k8s/overlays/<env> (written by the generator), argocd/<env> (the app of
// apps Terraform's root Application syncs) and observability/**/overlays/<env>.

const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const YAML = require('yaml');

const ENVS = ['dev', 'prod'];

function isKustomization(dir) {
  return ['kustomization.yaml', 'kustomization.yml', 'Kustomization'].some((f) => fs.existsSync(path.join(dir, f)));
}

function subdirs(dir) {
  return fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort() : [];
}

// Every kustomization to render: { group, env, dir }. Missing required ones become findings.
function targets(deployDir, findings) {
  const out = [];
  const k8s = path.join(deployDir, 'k8s');
  if (!fs.existsSync(k8s)) {
    findings.push({ check: 'generated', file: 'k8s', message: 'deploy/k8s does not exist: run the generator (deploy/k8s/README.md) so the Platform Application has something to sync' });
  } else {
    for (const env of ENVS) {
      if (!isKustomization(path.join(k8s, 'overlays', env))) findings.push({ check: 'kustomize', file: `k8s/overlays/${env}`, message: 'overlay missing (no kustomization.yaml)' });
    }
    for (const env of subdirs(path.join(k8s, 'overlays'))) {
      if (isKustomization(path.join(k8s, 'overlays', env))) out.push({ group: 'k8s', env, dir: path.join(k8s, 'overlays', env) });
    }
  }
  const argocd = path.join(deployDir, 'argocd');
  for (const env of ENVS) {
    if (!isKustomization(path.join(argocd, env))) findings.push({ check: 'kustomize', file: `argocd/${env}`, message: 'app-of-apps overlay missing (no kustomization.yaml)' });
  }
  for (const env of subdirs(argocd)) {
    if (env !== 'base' && isKustomization(path.join(argocd, env))) out.push({ group: 'argocd', env, dir: path.join(argocd, env) });
  }
  const walk = (dir) => {
    for (const name of subdirs(dir)) {
      const full = path.join(dir, name);
      if (name === 'overlays') {
        for (const env of subdirs(full)) if (isKustomization(path.join(full, env))) out.push({ group: 'observability', env, dir: path.join(full, env) });
      } else {
        walk(full);
      }
    }
  };
  walk(path.join(deployDir, 'observability'));
  return out;
}

function render(target, deployDir) {
  const run = spawnSync('kubectl', ['kustomize', target.dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 120000 });
  const rel = path.relative(deployDir, target.dir);
  if (run.error) return { error: { check: 'kustomize', file: rel, message: `kubectl could not run: ${run.error.message}` } };
  if (run.status !== 0) return { error: { check: 'kustomize', file: rel, message: (run.stderr || `exit ${run.status}`).trim().split('\n').slice(-1)[0] } };
  const objects = YAML.parseAllDocuments(run.stdout).map((d) => d.toJSON()).filter((o) => o && typeof o === 'object');
  return { objects: objects.map((o) => ({ ...target, rel, object: o })) };
}

// Every file a kustomization under `dir` uses (resources, patches, generators' files).
function referencedFiles(dir, out = new Set()) {
  for (const name of subdirs(dir)) referencedFiles(path.join(dir, name), out);
  const file = ['kustomization.yaml', 'kustomization.yml'].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
  if (!file) return out;
  let k;
  try { k = YAML.parse(fs.readFileSync(file, 'utf8')) ?? {}; } catch { return out; } // kustomize reports it
  const add = (p) => { if (typeof p === 'string') out.add(path.resolve(dir, p.includes('=') ? p.split('=').pop() : p)); };
  for (const r of [...(k.resources ?? []), ...(k.patchesStrategicMerge ?? []), ...(k.components ?? [])]) add(r);
  for (const p of [...(k.patches ?? []), ...(k.patchesJson6902 ?? [])]) add(p?.path);
  for (const g of [...(k.configMapGenerator ?? []), ...(k.secretGenerator ?? [])]) for (const f of g.files ?? []) add(f);
  return out;
}

// A YAML file in a kustomize tree that no kustomization uses is never applied by Argo CD.
function orphans(deployDir) {
  const findings = [];
  for (const tree of ['k8s', 'argocd', 'observability'].map((t) => path.join(deployDir, t)).filter((t) => fs.existsSync(t))) {
    const used = referencedFiles(tree);
    const walk = (dir) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) walk(full);
        else if (/\.ya?ml$/.test(e.name) && !/^kustomization\.ya?ml$/.test(e.name) && !used.has(full)) {
          findings.push({ check: 'kustomize', file: path.relative(deployDir, full), message: 'no kustomization uses this file, so Argo CD never applies it' });
        }
      }
    };
    walk(tree);
  }
  return findings;
}

// Renders every target; returns [{ group, env, rel, object }] plus findings.
function renderDeploy(deployDir) {
  const findings = orphans(deployDir);
  const docs = [];
  for (const target of targets(deployDir, findings)) {
    const r = render(target, deployDir);
    if (r.error) findings.push(r.error);
    else docs.push(...r.objects);
  }
  return { docs, findings };
}

const label = (d) => `${d.rel}: ${d.object.kind}/${d.object.metadata?.name ?? '?'}`;

module.exports = { renderDeploy, label, ENVS };
