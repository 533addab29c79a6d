'use strict';
// Strict schema check of rendered objects: each one becomes an object literal typed as its
// kubernetes-models interface (Kubernetes, Argo CD, External Secrets, CloudNativePG, Strimzi) and
// `tsc --noEmit` checks them. TypeScript's excess-property check rejects a misspelled field, which
// the models' runtime validate() lets through. A kind with no model is itself a finding.

const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { label } = require('./render');

const MODULES = path.join(__dirname, '..', 'node_modules');
const CRD_PACKAGES = {
  'argoproj.io': '@kubernetes-models/argo-cd',
  'external-secrets.io': '@kubernetes-models/external-secrets',
  'postgresql.cnpg.io': '@kubernetes-models/cloudnative-pg',
  'kafka.strimzi.io': '@kubernetes-models/strimzi-kafka-operator',
};

// "apps/v1" + "Deployment" -> "kubernetes-models/apps/v1/Deployment", or null without a model.
function modelFor(apiVersion, kind) {
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || !/^[A-Za-z0-9]+$/.test(kind)) return null;
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const base = group === '' ? `kubernetes-models/${version}` : CRD_PACKAGES[group] ? `${CRD_PACKAGES[group]}/${group}/${version}` : `kubernetes-models/${group}/${version}`;
  return fs.existsSync(path.join(MODULES, `${base}/${kind}.d.ts`)) ? `${base}/${kind}` : null;
}

function checkSchemas(docs) {
  const findings = [];
  const imports = new Map();
  const lines = [];
  const owners = []; // [firstLine, lastLine, doc]
  for (const doc of docs) {
    const { apiVersion, kind } = doc.object;
    const model = modelFor(apiVersion, kind);
    if (!model) {
      findings.push({ check: 'schema', file: doc.rel, message: `${label(doc)}: no schema for ${apiVersion} ${kind} (kubernetes-models, argo-cd, external-secrets, cloudnative-pg, strimzi)` });
      continue;
    }
    if (!imports.has(model)) imports.set(model, `T${imports.size}`);
    const body = JSON.stringify(doc.object, null, 2).split('\n');
    const first = lines.length + 1;
    lines.push(`export const d${owners.length}: ${imports.get(model)} = ${body[0]}`, ...body.slice(1));
    lines[lines.length - 1] += ';';
    owners.push([first, lines.length, doc]);
  }
  if (owners.length === 0) return findings;
  const header = [...imports].map(([model, alias]) => `import type { I${model.split('/').pop()} as ${alias} } from "${model}";`);
  const dir = fs.mkdtempSync(path.join(__dirname, '..', '.typecheck-'));
  try {
    fs.writeFileSync(path.join(dir, 'docs.ts'), [...header, ...lines].join('\n') + '\n');
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, skipLibCheck: true, module: 'esnext', moduleResolution: 'bundler', target: 'es2022', types: [], noErrorTruncation: true },
      files: ['docs.ts'],
    }));
    const tsc = path.join(MODULES, 'typescript', 'bin', 'tsc');
    const run = spawnSync(process.execPath, [tsc, '-p', '.', '--pretty', 'false'], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 300000 });
    if (run.error) throw run.error;
    for (const line of run.stdout.split('\n')) {
      const m = line.match(/^docs\.ts\((\d+),(\d+)\): error (TS\d+): (.*)$/);
      if (!m) continue;
      const at = Number(m[1]) - header.length;
      const owner = owners.find(([a, b]) => at >= a && at <= b);
      const doc = owner ? owner[2] : null;
      const field = owner ? lines[at - 1].trim().slice(0, 80) : '';
      findings.push({ check: 'schema', file: doc ? doc.rel : 'docs.ts', message: `${doc ? label(doc) : '?'}: ${m[4]} (at "${field}")` });
    }
    if (run.status !== 0 && findings.length === 0) findings.push({ check: 'schema', file: '.', message: `tsc failed: ${(run.stdout + run.stderr).trim().split('\n')[0]}` });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return findings;
}

module.exports = { checkSchemas, modelFor };
