// Validates rendered manifests (stdin: `kubectl kustomize …`): every object against its Kubernetes API schema
// (kubernetes-models), then the suite's own rules for a fleet. Exits 1 naming every problem.
import { readFileSync } from "node:fs";
import { parse, parseAllDocuments } from "yaml";

const required = JSON.parse(readFileSync(new URL("./required-settings.json", import.meta.url), "utf8"));
const missing = (service, keys) =>
  [...required.all, ...(required[service] || [])].filter((need) => !need.split("|").some((k) => keys.has(k)));

const docs = parseAllDocuments(readFileSync(0, "utf8")).map((d) => d.toJS()).filter(Boolean);
const problems = [];
const where = (o) => `${o.kind}/${o.metadata?.name}`;

for (const o of docs) {
  const [group, version] = o.apiVersion.includes("/") ? o.apiVersion.split("/") : ["", o.apiVersion];
  const module = `kubernetes-models/${group ? group + "/" : ""}${version}/${o.kind}`;
  try {
    const { [o.kind]: Model } = await import(module);
    new Model(o).validate();
  } catch (e) {
    problems.push(`${where(o)}: ${e.code === "ERR_MODULE_NOT_FOUND" ? "no schema for " + o.apiVersion : e.message}`);
  }
}

const secretish = /(key|secret|password|token|connectionstring)/i;
const of = (kind) => docs.filter((o) => o.kind === kind);
const env = (container) => Object.fromEntries((container.env || []).map((e) => [e.name, e]));
// What a container gets: its ConfigMaps (envFrom) and its env, which wins.
const settings = (container) => ({
  ...Object.fromEntries(of("ConfigMap").filter((m) => (container.envFrom || []).some((f) => f.configMapRef?.name === m.metadata.name))
    .flatMap((m) => Object.entries(m.data || {}).map(([k, v]) => [k, { name: k, value: v }]))),
  ...env(container),
});
for (const d of of("Deployment")) {
  const name = d.metadata.name;
  const pod = d.spec.template.spec;
  const must = (ok, what) => { if (!ok) problems.push(`${where(d)}: ${what}`); };
  must(d.spec.replicas >= 2, "fewer than 2 replicas");
  must(pod.securityContext?.runAsNonRoot === true, "not runAsNonRoot");
  must(pod.automountServiceAccountToken === false, "mounts a service account token it does not use");
  for (const c of pod.containers) {
    must(c.securityContext?.readOnlyRootFilesystem === true, `${c.name}: root filesystem not read-only`);
    must(c.securityContext?.allowPrivilegeEscalation === false, `${c.name}: privilege escalation allowed`);
    must(c.resources?.requests && c.resources?.limits, `${c.name}: no resource requests and limits`);
    must(c.livenessProbe && c.readinessProbe, `${c.name}: no liveness and readiness probes`);
    must(c.livenessProbe?.httpGet?.path !== c.readinessProbe?.httpGet?.path, `${c.name}: liveness is readiness (a database outage would restart every pod)`);
    const e = env(c);
    for (const [k, v] of Object.entries(e)) {
      must(!(secretish.test(k) && !/(File|Path)$/.test(k) && v.value !== undefined), `${c.name}: ${k} is a literal; take it from a Secret`);
    }
    must(settings(c).Database__Migrations?.value === "Check", `${c.name}: pods must not migrate at start (Database__Migrations: Check; the Job migrates)`);
    must(e.Catalog__Seed__Enabled?.value !== "true", `${c.name}: seed import at pod start`);
  }
  const config = new Set(of("ConfigMap").filter((m) => pod.containers.some((c) => (c.envFrom || []).some((f) => f.configMapRef?.name === m.metadata.name))).flatMap((m) => Object.keys(m.data || {})));
  const keys = new Set([...config, ...pod.containers.flatMap((c) => (c.env || []).map((e) => e.name))]);
  for (const need of missing(name, keys)) problems.push(`${where(d)}: a setting it cannot start without is not given: ${need}`);
  for (const [kind, test] of [
    ["PodDisruptionBudget", (p) => p.spec.selector.matchLabels?.["app.kubernetes.io/name"] === name],
    ["HorizontalPodAutoscaler", (h) => h.spec.scaleTargetRef.name === name],
    ["NetworkPolicy", (n) => n.spec.podSelector.matchLabels?.["app.kubernetes.io/name"] === name && (n.spec.ingress || []).every((i) => i.from?.length)],
    ["Service", (s) => s.spec.clusterIP === "None" && s.spec.selector?.["app.kubernetes.io/name"] === name],
  ]) {
    must(of(kind).some(test), `no ${kind === "Service" ? "headless Service (client-side balancing over HTTP/2)" : kind + " (that admits only named callers)"}`);
  }
  // A voluntary disruption (a node drain) takes one pod of the service at a time, whatever the replicas.
  must(of("PodDisruptionBudget").some((p) => p.spec.selector.matchLabels?.["app.kubernetes.io/name"] === name && p.spec.maxUnavailable === 1),
    "no PodDisruptionBudget with maxUnavailable: 1");
  must((pod.topologySpreadConstraints || []).some((t) => t.topologyKey === "kubernetes.io/hostname"), "replicas not spread over nodes (topologySpreadConstraints)");
}
// A migration Job migrates and exits: Database__Migrations Only, and the settings a migration needs (nothing else).
for (const j of of("Job")) {
  for (const c of j.spec.template.spec.containers) {
    const s = settings(c);
    if (s.Database__Migrations?.value !== "Only") problems.push(`${where(j)}: a migration Job runs with Database__Migrations: Only`);
    for (const need of required["migration-job"].filter((need) => !need.split("|").some((k) => k in s))) {
      problems.push(`${where(j)}: a setting the migration cannot run without is not given: ${need}`);
    }
  }
}
if (of("Deployment").length < 4) problems.push(`${of("Deployment").length} Deployments: every service has its own`);

// docker-compose.yml (argument): every service gets the settings it cannot start without.
if (process.argv[2]) {
  const compose = parse(readFileSync(process.argv[2], "utf8"));
  for (const service of Object.keys(required).filter((k) => !k.startsWith("_") && k !== "all" && k !== "migration-job")) {
    const environment = compose.services?.[service]?.environment;
    if (!environment) {
      problems.push(`docker-compose: no service ${service}`);
      continue;
    }
    const keys = new Set(Array.isArray(environment) ? environment.map((e) => e.split("=")[0]) : Object.keys(environment));
    for (const need of missing(service, keys)) problems.push(`docker-compose ${service}: a setting it cannot start without is not given: ${need}`);
  }
}

for (const p of problems) console.error("manifest: " + p);
console.log(`${docs.length} objects, ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
