'use strict';
// Offline checks over Terraform: parse every file with @cdktf/hcl2json (the HCL parser
// terraform itself uses, compiled to WebAssembly), then check what `terraform validate`
// would need a provider download for, plus the Platform's own rules.

const fs = require('node:fs');
const path = require('node:path');
const { parse } = require('@cdktf/hcl2json');
const { checkFormat } = require('./fmt');

const SKIP_DIRS = new Set(['.terraform', 'node_modules', '.git', 'bin', 'obj']);
const HCL_FILE = /\.(tf|tfvars|tfvars\.example|hcl|hcl\.example)$/;
const SECRET_NAME = /(^|_)(password|passwd|secret|token|api_key|apikey|private_key|client_secret|secret_string)$/i;
const ES_ACTIONS = ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'];

function walk(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) walk(path.join(dir, entry.name), out);
    } else if (HCL_FILE.test(entry.name)) {
      out.push(path.join(dir, entry.name));
    }
  }
  return out;
}

// Every string in a parsed document, with the attribute path that holds it.
function* strings(node, trail = []) {
  if (typeof node === 'string') {
    yield { value: node, trail };
  } else if (Array.isArray(node)) {
    for (const item of node) yield* strings(item, trail);
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) yield* strings(value, [...trail, key]);
  }
}

// The HCL expression text inside "${...}", without the comments it may carry.
function expressionText(value) {
  return value.replace(/(^|\s)(#|\/\/)[^\n]*/g, '$1');
}

function references(value, kind) {
  const re = new RegExp(`(?<![\\w.])${kind}\\.([A-Za-z_][A-Za-z0-9_-]*)`, 'g');
  const found = [];
  if (!value.includes('${')) return found;
  for (const m of expressionText(value).matchAll(re)) found.push(m[1]);
  return found;
}

function blocks(doc, kind) {
  // doc[kind] = { name: [ body ] } for variable/output/module; resource/data are one level deeper.
  const out = [];
  for (const [name, bodies] of Object.entries(doc[kind] ?? {})) {
    for (const body of bodies) out.push({ name, body });
  }
  return out;
}

function typedBlocks(doc, kind) {
  const out = [];
  for (const [type, byName] of Object.entries(doc[kind] ?? {})) {
    for (const [name, bodies] of Object.entries(byName)) {
      for (const body of bodies) out.push({ type, name, body });
    }
  }
  return out;
}

function isLiteral(value) {
  return typeof value === 'string' && !value.includes('${') && value.trim() !== '';
}

// "${var.x}" -> "var.x"
function bareExpression(value) {
  const m = typeof value === 'string' && value.match(/^\$\{([\s\S]*)\}$/);
  return m ? m[1].trim() : null;
}

function isPinnedConstraint(version, { allowLowerBound }) {
  if (typeof version !== 'string' || version.trim() === '') return false;
  if (version.includes('${')) return false;
  const parts = version.split(',').map((p) => p.trim());
  const exactOrPessimistic = parts.some((p) => /^(=\s*)?v?\d+(\.\d+){0,2}(-[\w.]+)?$/.test(p) || /^~>\s*\d+\.\d+/.test(p));
  if (exactOrPessimistic) return true;
  // Reusable modules state only a lower bound; the roots that use them pin the range.
  return allowLowerBound && parts.some((p) => /^>=\s*\d+/.test(p));
}

function isLocalSource(source) {
  return source.startsWith('./') || source.startsWith('../');
}

function isRegistrySource(source) {
  // namespace/name/provider (optionally host/namespace/name/provider), not git::, http(s)://, s3::, etc.
  return !isLocalSource(source) && !source.includes('::') && !/^[a-z]+:\/\//.test(source) &&
    /^([\w.-]+\/)?[\w-]+\/[\w-]+\/[\w-]+(\/\/.*)?$/.test(source);
}

// Value of `count`, for a given value of var.use_oci_chart, when count is written
// as `var.use_oci_chart ? A : B` (or with `!`). Returns null when it is not that shape.
function evaluateToggleCount(expr, flag) {
  const m = expr.match(/^(!?)\s*var\.use_oci_chart\s*\?\s*(\d+)\s*:\s*(\d+)$/);
  if (!m) return null;
  const effective = m[1] === '!' ? !flag : flag;
  return Number(effective ? m[2] : m[3]);
}

async function parseAll(root) {
  const findings = [];
  const parsed = [];
  for (const file of walk(root)) {
    const rel = path.relative(root, file);
    try {
      const text = fs.readFileSync(file, 'utf8');
      const doc = await parse(path.basename(file), text);
      findings.push(...checkFormat(rel, text));
      parsed.push({ file, rel, dir: path.dirname(file), doc });
    } catch (err) {
      findings.push({ check: 'parse', file: rel, message: String(err.message ?? err).split('\n')[0] });
    }
  }
  return { findings, parsed };
}

function checkVariables(modules, findings) {
  for (const mod of modules) {
    const declared = new Map();
    for (const { rel, doc } of mod.tf) {
      for (const { name, body } of blocks(doc, 'variable')) {
        declared.set(name, rel);
        if (body.type === undefined) findings.push({ check: 'variables', file: rel, message: `variable "${name}" has no type` });
        if (!isLiteral(body.description)) findings.push({ check: 'variables', file: rel, message: `variable "${name}" has no description` });
      }
    }
    const used = new Set();
    for (const { rel, doc } of mod.tf) {
      const seen = new Set();
      for (const { value } of strings(doc)) {
        for (const name of references(value, 'var')) {
          used.add(name);
          if (!declared.has(name) && !seen.has(name)) {
            seen.add(name);
            findings.push({ check: 'variables', file: rel, message: `var.${name} is used but not declared in ${mod.relDir || '.'}` });
          }
        }
      }
    }
    // What tflint calls terraform_unused_declarations: an input nobody reads misleads its user.
    for (const [name, rel] of declared) {
      if (!used.has(name)) findings.push({ check: 'variables', file: rel, message: `variable "${name}" is declared but never used` });
    }
    for (const { rel, doc } of mod.vars) {
      for (const key of Object.keys(doc)) {
        if (!declared.has(key)) findings.push({ check: 'variables', file: rel, message: `"${key}" is set but no variable "${key}" is declared in ${mod.relDir || '.'}` });
      }
    }
  }
}

function checkModuleSources(modules, root, findings) {
  for (const mod of modules) {
    for (const { rel, dir, doc } of mod.tf) {
      for (const { name, body } of blocks(doc, 'module')) {
        const source = body.source;
        if (typeof source !== 'string') {
          findings.push({ check: 'modules', file: rel, message: `module "${name}" has no literal source` });
        } else if (isLocalSource(source)) {
          const target = path.resolve(dir, source);
          const hasTf = fs.existsSync(target) && fs.statSync(target).isDirectory() &&
            fs.readdirSync(target).some((f) => f.endsWith('.tf'));
          if (!hasTf) findings.push({ check: 'modules', file: rel, message: `module "${name}": local source ${source} does not exist or has no .tf files` });
        } else if (isRegistrySource(source)) {
          if (!isPinnedConstraint(body.version, { allowLowerBound: false })) {
            findings.push({ check: 'pinning', file: rel, message: `module "${name}" (${source}) is not version-pinned (use version = "~> X.Y" or an exact version)` });
          }
        } else if (!/[?&]ref=/.test(source)) {
          findings.push({ check: 'pinning', file: rel, message: `module "${name}" (${source}) has no ?ref= pin` });
        }
      }
    }
  }
}

function checkProviders(modules, findings) {
  for (const mod of modules) {
    const terraformBlocks = mod.tf.flatMap(({ rel, doc }) => (doc.terraform ?? []).map((body) => ({ rel, body })));
    const isRoot = terraformBlocks.some(({ body }) => body.backend !== undefined);
    const usesProviders = mod.tf.some(({ doc }) => doc.resource || doc.data || doc.provider);
    if (usesProviders && !terraformBlocks.some(({ body }) => body.required_providers)) {
      findings.push({ check: 'pinning', file: mod.relDir || '.', message: 'no required_providers block: provider versions are not pinned' });
    }
    if (usesProviders && !terraformBlocks.some(({ body }) => typeof body.required_version === 'string')) {
      findings.push({ check: 'pinning', file: mod.relDir || '.', message: 'no required_version for terraform' });
    }
    // The S3 backend's use_lockfile is experimental before Terraform 1.11.
    const lockfile = terraformBlocks.some(({ body }) => /"use_lockfile":\s*true/.test(JSON.stringify(body.backend ?? [])));
    for (const { rel, body } of terraformBlocks.filter(() => lockfile)) {
      const m = typeof body.required_version === 'string' && body.required_version.match(/>=?\s*(\d+)\.(\d+)/);
      if (typeof body.required_version === 'string' && (!m || Number(m[1]) < 1 || (Number(m[1]) === 1 && Number(m[2]) < 11))) {
        findings.push({ check: 'pinning', file: rel, message: `required_version "${body.required_version}" allows Terraform before 1.11, where the S3 backend's use_lockfile is experimental` });
      }
    }
    for (const { rel, body } of terraformBlocks) {
      for (const providers of body.required_providers ?? []) {
        for (const [name, spec] of Object.entries(providers)) {
          if (typeof spec !== 'object' || !spec.source) {
            findings.push({ check: 'pinning', file: rel, message: `provider "${name}" has no source` });
          }
          if (!isPinnedConstraint(spec?.version, { allowLowerBound: !isRoot })) {
            findings.push({ check: 'pinning', file: rel, message: `provider "${name}" is not version-pinned${isRoot ? ' (a root module must use "~> X.Y" or an exact version)' : ''}` });
          }
        }
      }
    }
    for (const { rel, doc } of mod.tf) {
      for (const { type, name, body } of typedBlocks(doc, 'resource')) {
        if (type === 'helm_release' && body.version === undefined) {
          findings.push({ check: 'pinning', file: rel, message: `helm_release "${name}" (${body.chart}) has no chart version` });
        }
        // Left empty, the argo-cd chart stamps admin.passwordMtime with the current time on every
        // upgrade, which logs every admin out.
        if (type === 'helm_release' && body.chart === 'argo-cd' && !JSON.stringify(body).includes('argocdServerAdminPasswordMtime')) {
          findings.push({ check: 'pinning', file: rel, message: `helm_release "${name}" (argo-cd) does not pin configs.secret.argocdServerAdminPasswordMtime` });
        }
      }
    }
  }
}

function checkSecrets(modules, findings) {
  for (const mod of modules) {
    for (const { rel, doc } of mod.tf) {
      for (const { value, trail } of strings(doc)) {
        const key = trail[trail.length - 1] ?? '';
        // Skip declarations (variable defaults are caught below, descriptions are prose).
        if (trail[0] === 'variable' && key !== 'default') continue;
        if (['description', 'error_message'].includes(key)) continue;
        if (SECRET_NAME.test(key) && isLiteral(value)) {
          findings.push({ check: 'secrets', file: rel, message: `${trail.join('.')} is assigned a literal secret` });
        }
        if (value.includes('${')) {
          const literal = expressionText(value).match(/\b(\w*(password|passwd|secret|token)\w*)\s*[=:]\s*"([^"$]+)"/i);
          if (literal) findings.push({ check: 'secrets', file: rel, message: `${trail.join('.')}: "${literal[1]}" is assigned a literal secret inside an expression` });
        }
      }
      for (const { name, body } of blocks(doc, 'variable')) {
        if (SECRET_NAME.test(name) && isLiteral(body.default)) {
          findings.push({ check: 'secrets', file: rel, message: `variable "${name}" has a literal secret default` });
        }
      }
      for (const { name, body } of blocks(doc, 'output')) {
        // References only (random_password.x.result, module.m.some_password...), not prose in a string.
        const exposes = /random_password\.|\.result\b|bcrypt_hash|secret_string|\.\w*(password|token)\w*/i.test(expressionText(String(body.value ?? '')));
        if (exposes && body.sensitive !== true) {
          findings.push({ check: 'secrets', file: rel, message: `output "${name}" exposes a secret and is not marked sensitive` });
        }
      }
    }
    for (const { rel, doc } of mod.vars) {
      for (const [key, value] of Object.entries(doc)) {
        if (SECRET_NAME.test(key) && value !== null && value !== '') {
          findings.push({ check: 'secrets', file: rel, message: `"${key}" in a tfvars file: secrets are generated into Secrets Manager, never written here` });
        }
      }
    }
  }
}

function resolveLocal(mod, value) {
  const expr = bareExpression(value);
  const m = expr && expr.match(/^local\.([\w-]+)$/);
  if (!m) return value;
  for (const { doc } of mod.tf) {
    for (const locals of doc.locals ?? []) {
      if (m[1] in locals) return locals[m[1]];
    }
  }
  return value;
}

function checkExternalSecretsPolicy(modules, findings) {
  let found = 0;
  for (const mod of modules) {
    for (const { rel, doc } of mod.tf) {
      for (const { name, body } of blocks(doc, 'module')) {
        if (body.attach_external_secrets_policy === true) {
          findings.push({ check: 'external-secrets', file: rel, message: `module "${name}" attaches the built-in External Secrets policy (it also grants ListSecrets, BatchGetSecretValue and SSM reads): use a custom policy with only GetSecretValue/DescribeSecret on the prefix` });
        }
      }
      for (const { type, name, body } of typedBlocks(doc, 'data')) {
        if (type !== 'aws_iam_policy_document') continue;
        const statements = body.statement ?? [];
        const touchesSecrets = statements.some((s) => (s.actions ?? []).some((a) => /^secretsmanager:/i.test(a) || a === '*'));
        if (!/external.?secrets/i.test(name) && !touchesSecrets) continue;
        found++;
        for (const s of statements) {
          if ((s.effect ?? 'Allow') !== 'Allow') continue;
          const actions = [...(s.actions ?? [])].sort();
          if (JSON.stringify(actions) !== JSON.stringify(ES_ACTIONS) && !actions.every((a) => ES_ACTIONS.includes(a))) {
            findings.push({ check: 'external-secrets', file: rel, message: `policy "${name}" allows ${actions.join(', ')}: only ${ES_ACTIONS.join(' and ')} are allowed` });
          }
          if (s.not_actions || s.not_resources) {
            findings.push({ check: 'external-secrets', file: rel, message: `policy "${name}" uses not_actions/not_resources` });
          }
          for (const raw of s.resources ?? []) {
            const resource = String(resolveLocal(mod, raw));
            const scoped = /:secretsmanager:/.test(resource) && /:secret:[^*]+\/\*$/.test(resource);
            if (!scoped) {
              findings.push({ check: 'external-secrets', file: rel, message: `policy "${name}" resource ${resource} is not scoped to a secret prefix (arn:...:secretsmanager:...:secret:<prefix>/*)` });
            }
          }
        }
      }
    }
  }
  if (found === 0) {
    findings.push({ check: 'external-secrets', file: '.', message: 'no External Secrets IAM policy document found (data "aws_iam_policy_document" "external_secrets")' });
  }
}

function checkOciToggle(modules, findings) {
  for (const mod of modules) {
    const declaration = mod.tf.flatMap(({ rel, doc }) => blocks(doc, 'variable').filter((v) => v.name === 'use_oci_chart').map((v) => ({ rel, ...v })));
    if (declaration.length === 0) continue;
    const { rel: declRel, body: declBody } = declaration[0];
    if (declBody.type !== '${bool}' && declBody.type !== 'bool') {
      findings.push({ check: 'oci-toggle', file: declRel, message: 'variable "use_oci_chart" must be of type bool' });
    }
    let passedOn = false;
    let ternaries = 0;
    const toggled = [];
    for (const { rel, doc } of mod.tf) {
      for (const { body } of blocks(doc, 'module')) {
        if (bareExpression(body.use_oci_chart) === 'var.use_oci_chart') passedOn = true;
      }
      const counted = [
        ...typedBlocks(doc, 'resource').map((b) => ({ ...b, label: `${b.type}.${b.name}` })),
        ...blocks(doc, 'module').map((b) => ({ ...b, label: `module.${b.name}` })),
      ];
      for (const block of counted) {
        const expr = bareExpression(block.body.count);
        if (expr && expr.includes('var.use_oci_chart')) toggled.push({ rel, label: block.label, expr });
      }
      for (const { value } of strings(doc)) {
        const text = expressionText(value);
        for (const m of text.matchAll(/(!?)\s*var\.use_oci_chart\s*\?\s*([\w.[\]"-]+)\s*:\s*([\w.[\]"-]+)/g)) {
          if (/^\d+$/.test(m[2]) && /^\d+$/.test(m[3])) continue; // a count, handled above
          if (m[2] === m[3]) {
            findings.push({ check: 'oci-toggle', file: rel, message: `var.use_oci_chart ? ${m[2]} : ${m[3]} selects the same source either way` });
          } else if (/source/i.test(m[2] + m[3])) {
            ternaries++;
          }
        }
      }
    }
    for (const t of toggled) {
      if (evaluateToggleCount(t.expr, true) === null) {
        findings.push({ check: 'oci-toggle', file: t.rel, message: `${t.label}: count = ${t.expr} is not of the form var.use_oci_chart ? 1 : 0` });
      }
    }
    const evaluable = toggled.filter((t) => evaluateToggleCount(t.expr, true) !== null);
    if (evaluable.length > 0) {
      for (const flag of [true, false]) {
        const active = evaluable.filter((t) => evaluateToggleCount(t.expr, flag) > 0);
        if (active.length !== 1) {
          findings.push({ check: 'oci-toggle', file: mod.relDir || '.', message: `with use_oci_chart = ${flag}, ${active.length} sources are active (${active.map((t) => t.label).join(', ') || 'none'}): exactly one must be` });
        }
      }
    }
    if (!passedOn && ternaries === 0 && evaluable.length === 0) {
      findings.push({ check: 'oci-toggle', file: declRel, message: 'use_oci_chart is declared but selects no source (no count pair, no var.use_oci_chart ? <oci source> : <git source>, not passed to a module)' });
    }
  }
}

async function checkTerraform(root) {
  const { findings, parsed } = await parseAll(root);
  const byDir = new Map();
  for (const p of parsed) {
    if (!byDir.has(p.dir)) byDir.set(p.dir, { dir: p.dir, relDir: path.relative(root, p.dir), tf: [], vars: [] });
    const mod = byDir.get(p.dir);
    if (p.file.endsWith('.tf')) mod.tf.push(p);
    else if (/\.tfvars(\.example)?$/.test(p.file)) mod.vars.push(p);
  }
  const modules = [...byDir.values()].filter((m) => m.tf.length > 0);
  if (modules.length === 0) findings.push({ check: 'parse', file: '.', message: 'no .tf files found' });
  checkVariables(modules, findings);
  checkModuleSources(modules, root, findings);
  checkProviders(modules, findings);
  checkSecrets(modules, findings);
  checkExternalSecretsPolicy(modules, findings);
  checkOciToggle(modules, findings);
  return { findings, files: parsed.length };
}

module.exports = { checkTerraform };
