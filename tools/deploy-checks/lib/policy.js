'use strict';
// Policy over the rendered objects of every deploy tree (the generated Platform, the app of apps,
// Grafana's provisioning): hardened pods with probes and limits, pinned images, no secret value in
// git, ExternalSecret keys under platform/<env>/ (the only prefix the IAM policy allows).

const { label } = require('./render');

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob']);
const SECRET_KEY = /(password|passwd|secret|token|api[_-]?key|private[_-]?key|credential)/i;
// A connection string or URL that carries its own password.
const SECRET_VALUE = /(password|pwd)\s*=\s*[^;$\s{}]+|:\/\/[^/\s:@]+:[^@\s{}$]+@/i;

function podSpecOf(o) {
  if (o.kind === 'CronJob') return o.spec?.jobTemplate?.spec?.template?.spec;
  return o.spec?.template?.spec;
}

function checkContainer(doc, pod, c, init, findings) {
  const at = `${label(doc)} container ${c.name}`;
  const add = (message) => findings.push({ check: 'policy', file: doc.rel, message: `${at}: ${message}` });
  const sc = c.securityContext ?? {};
  const podSc = pod.securityContext ?? {};
  if (sc.runAsNonRoot !== true && !(podSc.runAsNonRoot === true && sc.runAsNonRoot !== false)) add('runAsNonRoot is not true');
  if (sc.runAsUser === 0 || (sc.runAsUser === undefined && podSc.runAsUser === 0)) add('runs as uid 0');
  if (sc.readOnlyRootFilesystem !== true) add('readOnlyRootFilesystem is not true');
  if (sc.allowPrivilegeEscalation !== false) add('allowPrivilegeEscalation is not false');
  if (sc.privileged === true) add('is privileged');
  if (!(sc.capabilities?.drop ?? []).includes('ALL')) add('capabilities.drop does not include ALL');
  if ((sc.capabilities?.add ?? []).length > 0) add(`adds capabilities ${sc.capabilities.add.join(', ')}`);
  const r = c.resources ?? {};
  if (!r.requests?.cpu || !r.requests?.memory) add('has no cpu and memory requests');
  if (!r.limits?.memory) add('has no memory limit');
  const image = String(c.image ?? '');
  const ref = image.split('/').pop();
  if (!image.includes('@sha256:') && (!ref.includes(':') || /:latest$/.test(ref))) add(`image "${image}" is not pinned (a tag other than latest, or a digest)`);
  if (!init && ['Deployment', 'StatefulSet', 'DaemonSet'].includes(doc.object.kind)) {
    if (!c.livenessProbe) add('has no livenessProbe');
    if (!c.readinessProbe) add('has no readinessProbe');
    if (doc.object.kind === 'Deployment' && !c.startupProbe) add('has no startupProbe');
  }
  for (const e of c.env ?? []) {
    if (typeof e.value === 'string' && e.value !== '' && (SECRET_KEY.test(e.name) || SECRET_VALUE.test(e.value))) add(`env ${e.name} holds a literal secret (use a secretKeyRef to an ExternalSecret's Secret)`);
  }
}

function checkPolicies(docs) {
  const findings = [];
  for (const doc of docs) {
    const o = doc.object;
    const add = (message) => findings.push({ check: 'policy', file: doc.rel, message: `${label(doc)}: ${message}` });
    if (WORKLOADS.has(o.kind)) {
      const pod = podSpecOf(o) ?? {};
      if (pod.automountServiceAccountToken !== false && doc.group === 'k8s') add('automountServiceAccountToken is not false (the services never call the Kubernetes API)');
      if (pod.hostNetwork || pod.hostPID || pod.hostIPC) add('uses the host network, PID or IPC namespace');
      for (const c of pod.initContainers ?? []) checkContainer(doc, pod, c, true, findings);
      for (const c of pod.containers ?? []) checkContainer(doc, pod, c, false, findings);
    }
    if (o.kind === 'Secret' && (Object.keys(o.data ?? {}).length > 0 || Object.keys(o.stringData ?? {}).length > 0)) {
      add('a Secret with data is committed: secret values come from AWS Secrets Manager through an ExternalSecret');
    }
    if (o.kind === 'ConfigMap') {
      for (const [key, value] of Object.entries(o.data ?? {})) {
        if (/\.json$/.test(key)) continue; // dashboards: checked as dashboards
        if ((SECRET_KEY.test(key) && String(value).trim() !== '') || SECRET_VALUE.test(String(value))) add(`data.${key} holds a secret value in plain text`);
      }
    }
    if (o.kind === 'ExternalSecret') {
      const prefix = `platform/${doc.env}/`;
      const keys = [...(o.spec?.data ?? []).map((d) => d.remoteRef?.key), ...(o.spec?.dataFrom ?? []).map((d) => d.extract?.key ?? d.find?.name?.regexp)];
      for (const key of keys) {
        if (typeof key !== 'string' || !key.startsWith(prefix) || key.includes('..')) add(`remote key "${key}" is not under ${prefix} (the only prefix External Secrets may read)`);
      }
      const store = o.spec?.secretStoreRef ?? {};
      if (store.kind !== 'ClusterSecretStore' || store.name !== 'aws-secrets-manager') add(`secretStoreRef is ${store.kind}/${store.name}, not ClusterSecretStore/aws-secrets-manager`);
    }
  }
  return findings;
}

module.exports = { checkPolicies };
