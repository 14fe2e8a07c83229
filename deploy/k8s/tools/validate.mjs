// Validates rendered kustomize overlays offline (called by scripts/check-k8s.sh):
//   node validate.mjs NAME=rendered.yaml [NAME=rendered.yaml ...]
// 1. every object against the Kubernetes API schemas: the ajv validators that the npm package
//    kubernetes-models generates from Kubernetes' OpenAPI spec (types, required fields, enums, formats
//    such as quantities), plus unknown fields (kubectl's strict decoding), read from the same package's
//    type declarations;
// 2. the project's rules (deploy/k8s/README.md, "What the checks check").
// Prints one "ok   ..." or "FAIL ..." line per check; exits 1 if any failed.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

// the file a module specifier names, by the packages' own "exports" maps
const resolveFile = (specifier) => fileURLToPath(import.meta.resolve(specifier));
let failures = 0;
const ok = (msg) => console.log(`ok   ${msg}`);
const fail = (msg) => { failures++; console.log(`FAIL ${msg}`); };
const check = (cond, msg, why) => (cond ? ok(msg) : fail(why ? `${msg}: ${why}` : msg));

// ---------------------------------------------------------------------------------------------- schemas
const modelsVersion = JSON.parse(fs.readFileSync(new URL("../node_modules/kubernetes-models/package.json", import.meta.url), "utf8")).version;

function modelModule(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : [null, apiVersion];
  return group ? `kubernetes-models/${group}/${version}/${kind}` : `kubernetes-models/${version}/${kind}`;
}

// The declarations (X.d.ts) hold one interface per API type: its fields, each with its type, which is a
// primitive, Array<T>, a map { [key: string]: T }, or another API type imported from another file.
const shapes = new Map();
function shapeOf(dtsFile) {
  if (shapes.has(dtsFile)) return shapes.get(dtsFile);
  shapes.set(dtsFile, null);
  const text = fs.readFileSync(dtsFile, "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
  const imports = new Map();
  for (const m of text.matchAll(/import \{ (\w+) \} from "([^"]+)";/g)) imports.set(m[1], m[2]);
  const start = text.search(/export interface I\w+( extends TypeMeta)? \{/);
  if (start < 0) return null; // an alias of a primitive (Time, Quantity, IntOrString, ...)
  let i = text.indexOf("{", start) + 1, depth = 1, body = "";
  for (; depth > 0 && i < text.length; i++) {
    const c = text[i];
    if (c === "{") depth++;
    if (c === "}") depth--;
    if (depth > 0) body += c;
  }
  const fields = new Map();
  let d = 0, cur = "";
  for (const c of body) {
    if ("{<(".includes(c)) d++;
    if ("}>)".includes(c)) d--;
    if (c === ";" && d === 0) { addField(cur); cur = ""; } else cur += c;
  }
  function addField(decl) {
    const m = decl.trim().match(/^"([^"]+)"\??:\s*([\s\S]+)$/);
    if (m) fields.set(m[1], typeOf(m[2].replace(/\s+/g, " ").trim()));
  }
  function typeOf(t) {
    let m;
    if ((m = t.match(/^Array<(.+)>$/))) return { array: typeOf(m[1]) };
    if ((m = t.match(/^\{ \[key: string\]: (.+?);? \}$/))) return { map: typeOf(m[1]) };
    if (/^\w+$/.test(t) && imports.has(t)) {
      const from = imports.get(t);
      const file = from.startsWith(".")
        ? path.resolve(path.dirname(dtsFile), from.replace(/\.js$/, ".d.ts"))
        : resolveFile(from).replace(/\.js$/, ".d.ts");
      return { ref: file };
    }
    return { leaf: t };
  }
  shapes.set(dtsFile, fields);
  return fields;
}

function unknownFields(value, type, where, out) {
  if (value === null || value === undefined) return;
  if (type.array) { if (Array.isArray(value)) value.forEach((v, i) => unknownFields(v, type.array, `${where}[${i}]`, out)); return; }
  if (type.map) { if (typeof value === "object") for (const [k, v] of Object.entries(value)) unknownFields(v, type.map, `${where}.${k}`, out); return; }
  if (!type.ref) return;
  const fields = shapeOf(type.ref);
  if (!fields || typeof value !== "object" || Array.isArray(value)) return;
  for (const [k, v] of Object.entries(value)) {
    if (!fields.has(k)) out.push(`${where}.${k}`);
    else unknownFields(v, fields.get(k), `${where}.${k}`, out);
  }
}

async function validateSchema(obj) {
  const mod = modelModule(obj.apiVersion, obj.kind);
  let Model;
  try {
    Model = (await import(mod))[obj.kind];
  } catch {
    return [`no schema for ${obj.apiVersion} ${obj.kind}`];
  }
  const errors = [];
  try {
    new Model(obj).validate();
  } catch (e) {
    errors.push(e.message);
  }
  const unknown = [];
  unknownFields(obj, { ref: resolveFile(mod).replace(/\.js$/, ".d.ts") }, "", unknown);
  for (const u of unknown) errors.push(`unknown field ${u.slice(1)}`);
  return errors;
}

// ---------------------------------------------------------------------------------------------- rules
const SECRET_LOOKING = /PASSWORD|PASSWD|SECRET|KEY|CREDENTIAL|PRIVATE/i;
const SIGNING_SECRET = /^jwt-signing-keys(-[a-z0-9]+)?$/;
const HEADROOM = 20; // connections kept free on PostgreSQL: superuser_reserved_connections, psql, backups
const SEED_ROUTES = {
  "/register": "user-service", "/login": "user-service", "/validate-token": "user-service",
  "/users": "user-service", "/.well-known": "user-service", "/products": "catalog-service",
  "/orders": "order-service", "/notifications": "notification-service",
};

const matches = (selector, labels) =>
  selector && Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels?.[k] === v);

function podSecretRefs(pod) {
  const refs = [];
  for (const v of pod.volumes ?? []) {
    if (v.secret) refs.push({ name: v.secret.secretName, keys: (v.secret.items ?? []).map((i) => i.key), optional: v.secret.optional });
    for (const s of v.projected?.sources ?? []) if (s.secret) refs.push({ name: s.secret.name, keys: (s.secret.items ?? []).map((i) => i.key), optional: s.secret.optional });
  }
  for (const c of [...(pod.initContainers ?? []), ...(pod.containers ?? [])]) {
    for (const e of c.envFrom ?? []) if (e.secretRef) refs.push({ name: e.secretRef.name, keys: [], optional: e.secretRef.optional });
    for (const e of c.env ?? []) if (e.valueFrom?.secretKeyRef) refs.push({ name: e.valueFrom.secretKeyRef.name, keys: [e.valueFrom.secretKeyRef.key], optional: e.valueFrom.secretKeyRef.optional });
  }
  return refs;
}

function podConfigMapRefs(pod) {
  const refs = [];
  for (const v of pod.volumes ?? []) if (v.configMap) refs.push({ name: v.configMap.name, keys: (v.configMap.items ?? []).map((i) => i.key), optional: v.configMap.optional });
  for (const c of [...(pod.initContainers ?? []), ...(pod.containers ?? [])]) {
    for (const e of c.envFrom ?? []) if (e.configMapRef) refs.push({ name: e.configMapRef.name, keys: [], optional: e.configMapRef.optional });
    for (const e of c.env ?? []) if (e.valueFrom?.configMapKeyRef) refs.push({ name: e.valueFrom.configMapKeyRef.name, keys: [e.valueFrom.configMapKeyRef.key], optional: e.valueFrom.configMapKeyRef.optional });
  }
  return refs;
}

function securityProblems(pod) {
  const problems = [];
  const psc = pod.securityContext ?? {};
  for (const c of [...(pod.initContainers ?? []), ...(pod.containers ?? [])]) {
    const sc = c.securityContext ?? {};
    const p = (m) => problems.push(`${c.name}: ${m}`);
    if ((sc.runAsNonRoot ?? psc.runAsNonRoot) !== true) p("runAsNonRoot is not true");
    const uid = sc.runAsUser ?? psc.runAsUser;
    if (!Number.isInteger(uid) || uid === 0) p("no numeric non-root runAsUser");
    if (sc.readOnlyRootFilesystem !== true) p("readOnlyRootFilesystem is not true");
    if (sc.allowPrivilegeEscalation !== false) p("allowPrivilegeEscalation is not false");
    if (sc.privileged) p("privileged");
    if (!(sc.capabilities?.drop ?? []).includes("ALL")) p("capabilities do not drop ALL");
    if ((sc.capabilities?.add ?? []).length) p(`capabilities added: ${sc.capabilities.add.join(",")}`);
    if ((sc.seccompProfile ?? psc.seccompProfile)?.type !== "RuntimeDefault") p("seccompProfile is not RuntimeDefault");
  }
  if (pod.hostNetwork || pod.hostPID || pod.hostIPC) problems.push("uses the host's namespaces");
  return problems;
}

function checkOverlay(name, objs) {
  const of = (kind) => objs.filter((o) => o.kind === kind);
  const deployments = of("Deployment");
  const workloads = [...deployments, ...of("StatefulSet"), ...of("DaemonSet")];
  const secrets = of("Secret"), configMaps = of("ConfigMap"), services = of("Service");
  const pdbs = of("PodDisruptionBudget"), hpas = of("HorizontalPodAutoscaler");

  check(deployments.length >= 4, `${name}: ${deployments.length} Deployments (the four services)`, "expected at least 4");

  for (const d of deployments) {
    const id = `${name}: Deployment ${d.metadata.name}`;
    const pod = d.spec.template.spec;
    const labels = d.spec.template.metadata?.labels;
    check((d.spec.replicas ?? 1) >= 2, `${id} has ${d.spec.replicas ?? 1} replicas (>= 2)`);
    const noProbe = [], noResources = [];
    for (const c of pod.containers) {
      for (const p of ["startupProbe", "livenessProbe", "readinessProbe"]) if (!c[p]) noProbe.push(`${c.name}.${p}`);
      for (const r of ["requests", "limits"]) for (const k of ["cpu", "memory"]) if (!c.resources?.[r]?.[k]) noResources.push(`${c.name} ${r}.${k}`);
    }
    check(!noProbe.length, `${id}: startup, liveness and readiness probes`, `missing ${noProbe.join(", ")}`);
    check(!noResources.length, `${id}: cpu and memory requests and limits`, `missing ${noResources.join(", ")}`);
    const sec = securityProblems(pod);
    check(!sec.length, `${id}: non-root, read-only root, no privilege escalation, capabilities dropped, RuntimeDefault seccomp`, sec.join("; "));
    const tmpOk = pod.containers.every((c) => (c.volumeMounts ?? []).some((m) => m.mountPath === "/tmp" && pod.volumes?.find((v) => v.name === m.name)?.emptyDir));
    check(tmpOk, `${id}: /tmp is an emptyDir (Tomcat's work directory on a read-only root)`);
    const javaOpts = pod.containers.map((c) => (c.env ?? []).find((e) => e.name === "JAVA_OPTS")?.value ?? "");
    const jvmOk = javaOpts.every((o) => /MaxRAMPercentage=/.test(o) && !/-Xmx|-XX:MaxHeapSize/.test(o) && /ExitOnOutOfMemoryError/.test(o));
    check(jvmOk, `${id}: the JVM sizes its heap from the memory limit (MaxRAMPercentage, no -Xmx, ExitOnOutOfMemoryError)`, javaOpts.join(" | "));
    const pdb = pdbs.filter((p) => matches(p.spec.selector?.matchLabels, labels));
    check(pdb.length === 1, `${id}: one PodDisruptionBudget (${pdb.map((p) => p.metadata.name).join(",") || "none"})`);
    const hpa = hpas.filter((h) => h.spec.scaleTargetRef?.kind === "Deployment" && h.spec.scaleTargetRef?.name === d.metadata.name);
    check(hpa.length === 1 && hpa[0].spec.minReplicas >= 2 && hpa[0].spec.maxReplicas >= hpa[0].spec.minReplicas,
      `${id}: one HorizontalPodAutoscaler, minReplicas >= 2 (${hpa.map((h) => `${h.spec.minReplicas}-${h.spec.maxReplicas}`).join(",") || "none"})`);
    check(services.some((s) => matches(s.spec.selector, labels)), `${id}: a Service selects its pods`);
  }

  for (const w of workloads.filter((w) => w.kind !== "Deployment")) {
    const sec = securityProblems(w.spec.template.spec);
    check(!sec.length, `${name}: ${w.kind} ${w.metadata.name}: non-root, read-only root, no privilege escalation, capabilities dropped, RuntimeDefault seccomp`, sec.join("; "));
  }

  // ConfigMaps hold settings only
  const leaks = [];
  for (const cm of configMaps) {
    for (const [k, v] of Object.entries({ ...(cm.data ?? {}), ...(cm.binaryData ?? {}) })) {
      if (SECRET_LOOKING.test(k)) leaks.push(`${cm.metadata.name}.${k}`);
      if (/-----BEGIN|"d"\s*:/.test(String(v))) leaks.push(`${cm.metadata.name}.${k} (a private key?)`);
    }
  }
  check(!leaks.length, `${name}: no secret-looking key (PASSWORD, SECRET, KEY, ...) or private key in any ConfigMap`, leaks.join(", "));

  // passwords reach the pods from Secrets only
  const literals = [];
  for (const w of workloads) for (const c of [...(w.spec.template.spec.initContainers ?? []), ...w.spec.template.spec.containers])
    for (const e of c.env ?? []) if (/PASSWORD|PASSWD|SECRET/i.test(e.name) && !e.valueFrom?.secretKeyRef) literals.push(`${w.metadata.name}/${c.name} ${e.name}`);
  check(!literals.length, `${name}: every password in a pod's environment comes from a Secret`, literals.join(", "));

  // every referenced Secret and ConfigMap (and key) exists
  const dangling = [];
  for (const w of workloads) {
    const pod = w.spec.template.spec;
    for (const [refs, pool, kind] of [[podSecretRefs(pod), secrets, "Secret"], [podConfigMapRefs(pod), configMaps, "ConfigMap"]]) {
      for (const r of refs) {
        const target = pool.find((o) => o.metadata.name === r.name);
        if (!target) { if (!r.optional) dangling.push(`${w.metadata.name} -> ${kind} ${r.name}`); continue; }
        const keys = new Set([...Object.keys(target.data ?? {}), ...Object.keys(target.stringData ?? {}), ...Object.keys(target.binaryData ?? {})]);
        for (const k of r.keys) if (!keys.has(k) && !r.optional) dangling.push(`${w.metadata.name} -> ${kind} ${r.name}[${k}]`);
      }
    }
  }
  check(!dangling.length, `${name}: every Secret and ConfigMap a pod names exists, with the keys it names`, dangling.join(", "));

  // the signing keys: user-service only
  const signing = secrets.filter((s) => SIGNING_SECRET.test(s.metadata.name)).map((s) => s.metadata.name);
  check(signing.length === 1, `${name}: one signing-key Secret (${signing.join(",") || "none"})`);
  const holders = workloads.filter((w) => podSecretRefs(w.spec.template.spec).some((r) => SIGNING_SECRET.test(r.name))).map((w) => w.metadata.name);
  check(holders.length === 1 && holders[0] === "user-service", `${name}: the signing-key Secret is in user-service's pod spec only`, `found in: ${holders.join(", ") || "none"}`);

  // the Ingress: the seed's paths, nothing operational
  const ingresses = of("Ingress");
  const routes = {};
  const bad = [];
  for (const ing of ingresses) for (const rule of ing.spec.rules ?? []) for (const p of rule.http?.paths ?? []) {
    routes[p.path] = p.backend.service?.name;
    if (/^\/(admin|actuator|health|metrics|docs|openapi)/.test(p.path) || p.path === "/") bad.push(p.path);
    const svc = services.find((s) => s.metadata.name === p.backend.service?.name);
    const port = p.backend.service?.port;
    if (!svc || !svc.spec.ports.some((sp) => (port?.name ? sp.name === port.name : sp.port === port?.number))) bad.push(`${p.path} -> ${p.backend.service?.name}:${port?.name ?? port?.number} (no such Service port)`);
  }
  const wrong = Object.entries(SEED_ROUTES).filter(([p, s]) => routes[p] !== s).map(([p, s]) => `${p} should go to ${s}, goes to ${routes[p] ?? "nothing"}`);
  const extra = Object.keys(routes).filter((p) => !(p in SEED_ROUTES));
  check(ingresses.length === 1 && !wrong.length && !extra.length && !bad.length,
    `${name}: one Ingress routes the seed's paths to their services, and no /admin, /actuator or catch-all`,
    [...wrong, ...extra.map((p) => `unexpected path ${p}`), ...bad.map((p) => `refused path ${p}`)].join("; "));

  // connection pools fit PostgreSQL
  let demand = 0;
  const parts = [];
  for (const d of deployments) {
    const pod = d.spec.template.spec;
    const cmNames = pod.containers.flatMap((c) => (c.envFrom ?? []).filter((e) => e.configMapRef).map((e) => e.configMapRef.name));
    const envPool = pod.containers.flatMap((c) => c.env ?? []).find((e) => e.name === "DB_POOL_SIZE")?.value;
    const pool = Number(envPool ?? cmNames.map((n) => configMaps.find((c) => c.metadata.name === n)?.data?.DB_POOL_SIZE).find((v) => v !== undefined) ?? 10);
    const hpa = hpas.find((h) => h.spec.scaleTargetRef?.name === d.metadata.name);
    const max = hpa?.spec.maxReplicas ?? d.spec.replicas ?? 1;
    const surgeRaw = d.spec.strategy?.rollingUpdate?.maxSurge ?? "25%";
    const surge = typeof surgeRaw === "string" ? Math.ceil((max * parseInt(surgeRaw, 10)) / 100) : surgeRaw;
    demand += (max + surge) * pool;
    parts.push(`${d.metadata.name} (${max}+${surge})x${pool}`);
  }
  const pg = objs.find((o) => o.kind === "StatefulSet" && /postgres/.test(o.metadata.name));
  if (pg) {
    const args = pg.spec.template.spec.containers.flatMap((c) => [...(c.command ?? []), ...(c.args ?? [])]).join(" ");
    const maxConnections = Number(args.match(/max_connections=(\d+)/)?.[1] ?? 100);
    check(demand <= maxConnections - HEADROOM,
      `${name}: connection pools fit PostgreSQL: ${parts.join(" + ")} = ${demand} <= max_connections ${maxConnections} - ${HEADROOM}`,
      "raise max_connections or lower a pool or a maxReplicas");
  } else {
    ok(`${name}: connection pools need ${demand} connections (${parts.join(" + ")}): the managed server(s) need max_connections >= ${demand + HEADROOM} in all (${HEADROOM} headroom)`);
  }
}

// ---------------------------------------------------------------------------------------------- main
for (const arg of process.argv.slice(2)) {
  const [name, file] = arg.split("=");
  const docs = parseAllDocuments(fs.readFileSync(file, "utf8"));
  const objs = [];
  for (const doc of docs) {
    if (doc.errors.length) { fail(`${name}: YAML: ${doc.errors[0].message}`); continue; }
    const o = doc.toJS();
    if (o) objs.push(o);
  }
  let invalid = 0;
  for (const o of objs) {
    const errors = await validateSchema(o);
    if (errors.length) { invalid++; fail(`${name}: ${o.kind} ${o.metadata?.name}: ${errors.join("; ")}`); }
  }
  if (!invalid) ok(`${name}: all ${objs.length} objects valid against the Kubernetes API schemas, no unknown field (kubernetes-models ${modelsVersion})`);
  checkOverlay(name, objs);
}
process.exit(failures ? 1 : 0);
