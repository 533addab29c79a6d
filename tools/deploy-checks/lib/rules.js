'use strict';
// Prometheus recording and alerting rules under deploy/, wherever they are written: a rule file
// (groups: [{ rules: [...] }]), a PrometheusRule object (spec.groups) or the prometheus chart's
// serverFiles in an Argo CD Application's Helm values. Their expressions are PromQL that must parse
// and use emitted metric names like the dashboards'; a recording rule's name becomes a name the
// other expressions may use.

const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

function yamlFiles(dir, out = []) {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) { if (e.name !== 'node_modules') yamlFiles(full, out); } else if (/\.ya?ml$/.test(e.name)) out.push(full);
  }
  return out;
}

// The rule groups a YAML document holds, with where they are.
function groupsOf(doc) {
  if (!doc || typeof doc !== 'object') return [];
  if (Array.isArray(doc.groups)) return [{ where: 'groups', groups: doc.groups }];
  if (doc.kind === 'PrometheusRule' && Array.isArray(doc.spec?.groups)) return [{ where: `PrometheusRule/${doc.metadata?.name}`, groups: doc.spec.groups }];
  const serverFiles = doc.kind === 'Application' ? doc.spec?.source?.helm?.valuesObject?.serverFiles : null;
  return Object.entries(serverFiles ?? {})
    .filter(([, content]) => Array.isArray(content?.groups))
    .map(([name, content]) => ({ where: `Application/${doc.metadata?.name} serverFiles ${name}`, groups: content.groups }));
}

// Returns { expressions: [{ file, where, expr }], recorded: Set<name> }.
function ruleExpressions(deployDir) {
  const expressions = [];
  const recorded = new Set();
  for (const file of yamlFiles(deployDir)) {
    let docs;
    // logLevel error: Helm templates ({{ .Values.x }} as keys) parse with warnings and hold no rules.
    try { docs = YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'), { logLevel: 'error' }).map((d) => d.toJS()); } catch { continue; } // yamllint reports it
    for (const { where, groups } of docs.flatMap(groupsOf)) {
      for (const group of groups) {
        for (const rule of group?.rules ?? []) {
          if (typeof rule?.expr !== 'string') continue;
          const name = rule.record ? `recording rule ${rule.record}` : `alert ${rule.alert}`;
          expressions.push({ file: path.relative(deployDir, file), where: `${where} group "${group.name}" ${name}`, expr: rule.expr });
          if (rule.record) recorded.add(rule.record);
        }
      }
    }
  }
  return { expressions, recorded };
}

module.exports = { ruleExpressions };
