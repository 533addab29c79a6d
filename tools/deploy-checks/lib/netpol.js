'use strict';
// NetworkPolicy edges of the rendered Platform: deny by default, and for every Service exactly
// its callers may reach it (ingress on the Service's pods, egress on the callers' pods). A
// caller is a workload whose configuration names the Service's host: an environment value, a
// ConfigMap it loads, or the template of the ExternalSecret whose Secret it loads
// (services__checkout__http__0=http://checkout:8080, Host=..., redis:6379,...). Peers that are
// not pods of the namespace (DNS, the collector in observability, the load balancer's ipBlock)
// are outside this check.

const { label } = require('./render');

function matches(selector, labels) {
  if (!selector) return false;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    if (e.operator === 'In' && !(has && e.values.includes(labels[e.key]))) return false;
    if (e.operator === 'NotIn' && has && e.values.includes(labels[e.key])) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

const isEmptySelector = (s) => s && Object.keys(s.matchLabels ?? {}).length === 0 && (s.matchExpressions ?? []).length === 0;

function referencesHost(text, host, namespace) {
  const h = host.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const ns = `(\\.${namespace.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\.svc(\\.cluster\\.local)?)?)?`;
  return new RegExp(`(://${h}${ns}([:/]|$))|((^|[\\s,;=@])${h}${ns}:\\d+)|(host=${h}${ns}(;|$))`, 'im').test(text);
}

function collect(docs) {
  const ns = (o) => o.metadata?.namespace ?? 'default';
  const configMaps = new Map();
  const secretTemplates = new Map();
  for (const { object: o } of docs) {
    if (o.kind === 'ConfigMap') configMaps.set(`${ns(o)}/${o.metadata.name}`, Object.values(o.data ?? {}).join('\n'));
    if (o.kind === 'ExternalSecret') {
      const target = o.spec?.target?.name ?? o.metadata.name;
      secretTemplates.set(`${ns(o)}/${target}`, Object.values(o.spec?.target?.template?.data ?? {}).join('\n'));
    }
  }
  const workloads = [];
  for (const doc of docs) {
    const o = doc.object;
    if (!['Deployment', 'StatefulSet', 'DaemonSet'].includes(o.kind)) continue;
    const pod = o.spec?.template ?? {};
    const texts = [];
    for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
      for (const e of c.env ?? []) {
        if (typeof e.value === 'string') texts.push(e.value);
        if (e.valueFrom?.configMapKeyRef) texts.push(configMaps.get(`${ns(o)}/${e.valueFrom.configMapKeyRef.name}`) ?? '');
        if (e.valueFrom?.secretKeyRef) texts.push(secretTemplates.get(`${ns(o)}/${e.valueFrom.secretKeyRef.name}`) ?? '');
      }
      for (const f of c.envFrom ?? []) {
        if (f.configMapRef) texts.push(configMaps.get(`${ns(o)}/${f.configMapRef.name}`) ?? '');
        if (f.secretRef) texts.push(secretTemplates.get(`${ns(o)}/${f.secretRef.name}`) ?? '');
      }
      texts.push(...(c.args ?? []), ...(c.command ?? []));
    }
    workloads.push({ doc, name: o.metadata.name, namespace: ns(o), labels: pod.metadata?.labels ?? {}, text: texts.join('\n') });
  }
  const services = docs.filter((d) => d.object.kind === 'Service' && d.object.spec?.selector).map((doc) => ({
    doc, name: doc.object.metadata.name, namespace: ns(doc.object), selector: doc.object.spec.selector, ports: doc.object.spec.ports ?? [],
  }));
  const policies = docs.filter((d) => d.object.kind === 'NetworkPolicy').map((doc) => ({ doc, namespace: ns(doc.object), spec: doc.object.spec ?? {} }));
  const ingressBackends = new Set();
  for (const { object: o } of docs) {
    if (o.kind !== 'Ingress') continue;
    const backends = [o.spec?.defaultBackend, ...(o.spec?.rules ?? []).flatMap((r) => (r.http?.paths ?? []).map((p) => p.backend))];
    for (const b of backends) if (b?.service?.name) ingressBackends.add(`${ns(o)}/${b.service.name}`);
  }
  return { workloads, services, policies, ingressBackends };
}

const types = (p) => p.spec.policyTypes ?? (p.spec.egress ? ['Ingress', 'Egress'] : ['Ingress']);

function portMatches(rulePorts, service) {
  if (!rulePorts || rulePorts.length === 0) return true;
  return rulePorts.some((rp) => service.ports.some((sp) => rp.port === undefined || rp.port === sp.targetPort || rp.port === sp.port || rp.port === sp.name));
}

// The workloads of `namespace` the peers of a rule select; `all` when the rule admits anything.
function peersOf(peers, namespace, workloads) {
  if (peers === undefined || peers.length === 0) return { all: true, set: new Set() };
  const set = new Set();
  for (const peer of peers) {
    if (peer.podSelector && !peer.namespaceSelector) {
      for (const w of workloads) if (w.namespace === namespace && matches(peer.podSelector, w.labels)) set.add(w.name);
    }
  }
  return { all: false, set };
}

function checkNetworkPolicies(docs) {
  const findings = [];
  const { workloads, services, policies, ingressBackends } = collect(docs);
  const add = (doc, message) => findings.push({ check: 'netpol', file: doc.rel, message: `${label(doc)}: ${message}` });
  const namespaces = new Set(workloads.map((w) => w.namespace));
  for (const namespace of namespaces) {
    const deny = policies.find((p) => p.namespace === namespace && isEmptySelector(p.spec.podSelector) && types(p).includes('Ingress') && types(p).includes('Egress') && !(p.spec.ingress ?? []).length && !(p.spec.egress ?? []).length);
    if (!deny) findings.push({ check: 'netpol', file: workloads.find((w) => w.namespace === namespace).doc.rel, message: `namespace ${namespace}: no default-deny NetworkPolicy (podSelector {}, policyTypes Ingress and Egress, no rules)` });
  }
  for (const s of services) {
    const targets = workloads.filter((w) => w.namespace === s.namespace && matches({ matchLabels: s.selector }, w.labels));
    if (targets.length === 0) {
      add(s.doc, 'selects no workload');
      continue;
    }
    // Policies select pods, not Services: the callers of S are the callers of every Service that
    // fronts the same pods (a StatefulSet's headless Service and its client Service).
    const siblings = services.filter((o) => o.namespace === s.namespace && workloads.some((w) => targets.includes(w) && matches({ matchLabels: o.selector }, w.labels)));
    const expected = new Set(workloads.filter((w) => !targets.includes(w) && siblings.some((o) => referencesHost(w.text, o.name, o.namespace))).map((w) => w.name));
    // Ingress allowed to the Service's pods.
    const allowedIn = new Set();
    for (const p of policies.filter((p) => p.namespace === s.namespace && types(p).includes('Ingress') && targets.some((t) => matches(p.spec.podSelector, t.labels)))) {
      for (const rule of p.spec.ingress ?? []) {
        if (!portMatches(rule.ports, s)) continue;
        const peers = peersOf(rule.from, s.namespace, workloads);
        if (peers.all && !ingressBackends.has(`${s.namespace}/${s.name}`)) add(p.doc, `an ingress rule admits every source to ${s.name}'s pods, not only its callers`);
        for (const name of peers.set) allowedIn.add(name);
      }
    }
    for (const caller of expected) if (!allowedIn.has(caller)) add(s.doc, `${caller} calls ${s.name} but no NetworkPolicy ingress rule admits it`);
    for (const name of allowedIn) if (!expected.has(name) && !targets.some((t) => t.name === name)) add(s.doc, `a NetworkPolicy admits ${name} to ${s.name}, which ${name} never calls`);
    // Egress allowed from each caller to the Service's pods.
    for (const w of workloads.filter((w) => !targets.includes(w) && w.namespace === s.namespace)) {
      let allowed = false;
      for (const p of policies.filter((p) => p.namespace === w.namespace && types(p).includes('Egress') && matches(p.spec.podSelector, w.labels))) {
        for (const rule of p.spec.egress ?? []) {
          if (!portMatches(rule.ports, s)) continue;
          const peers = peersOf(rule.to, s.namespace, workloads);
          if (peers.all || targets.some((t) => peers.set.has(t.name))) allowed = true;
        }
      }
      if (expected.has(w.name) && !allowed) add(w.doc, `calls ${s.name} but no NetworkPolicy egress rule lets it`);
      if (!expected.has(w.name) && allowed && isPodEgress(policies, w, targets)) add(w.doc, `a NetworkPolicy lets it reach ${s.name}, which it never calls`);
    }
  }
  return findings;
}

// True when a rule names the target pods explicitly (a rule open to everything is reported once,
// on the ingress side, not for every Service).
function isPodEgress(policies, w, targets) {
  return policies.some((p) => p.namespace === w.namespace && matches(p.spec.podSelector, w.labels) &&
    (p.spec.egress ?? []).some((rule) => (rule.to ?? []).some((peer) => peer.podSelector && !peer.namespaceSelector && targets.some((t) => matches(peer.podSelector, t.labels)))));
}

module.exports = { checkNetworkPolicies, referencesHost, matches };
