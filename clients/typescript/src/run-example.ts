// `npm run example`: the portal's flow (example.ts) over gRPC-web, then the same question over REST with a client
// generated from openapi/eligibility.json by openapi-typescript (src/rest, called with openapi-fetch), and a mistake
// whose google.rpc.BadRequest names the field. Against the embedded default unless told otherwise:
// SOCIALTJANST_CATALOG_REST … SOCIALTJANST_FOLLOWUP_REST (http://host:port), SOCIALTJANST_TOKEN (or
// data/dev-tokens.json), SOCIALTJANST_KOMMUN (2514). Exits non-zero when an answer is not what the contract says.
import { readFileSync } from "node:fs";
import createClient from "openapi-fetch";
import { portalFlow } from "./example.js";
import type { paths } from "./rest/eligibility.js";

const env = (name: string, fallback: string) => process.env[name] || fallback;
const kommun = env("SOCIALTJANST_KOMMUN", "2514");
const token =
  process.env.SOCIALTJANST_TOKEN ||
  (JSON.parse(readFileSync(new URL("../../../data/dev-tokens.json", import.meta.url), "utf8")) as Record<string, string>)[kommun];
const urls = {
  catalog: env("SOCIALTJANST_CATALOG_REST", "http://127.0.0.1:5111"),
  eligibility: env("SOCIALTJANST_ELIGIBILITY_REST", "http://127.0.0.1:5112"),
  documentation: env("SOCIALTJANST_DOCUMENTATION_REST", "http://127.0.0.1:5113"),
  followUp: env("SOCIALTJANST_FOLLOWUP_REST", "http://127.0.0.1:5114"),
};

function fail(message: string): never {
  console.error(message);
  return process.exit(1);
}

/** The field violations of an error answer (google.rpc.Status as JSON): each field as the request spelt it. */
export function violations(status: unknown): { field: string; description: string }[] {
  const details = (status as { details?: { "@type"?: string; fieldViolations?: { field: string; description: string }[] }[] }).details ?? [];
  return details.filter((d) => d["@type"]?.endsWith("google.rpc.BadRequest")).flatMap((d) => d.fieldViolations ?? []);
}

const lines = await portalFlow(token, kommun, urls);
for (const line of lines) console.log(`grpc-web: ${line}`);
if (lines.length < 2) fail("expected the portal flow to list at least one insats");

const rest = createClient<paths>({ baseUrl: urls.eligibility, headers: { Authorization: `Bearer ${token}` } });
const asOf = { year: 2025, month: 10, day: 1 };
const answer = await rest.POST("/v1/municipalities/{municipalities_id}:listDirectInterventions", {
  params: { path: { municipalities_id: kommun } },
  body: { asOf, facts: { statedAge: 30, registeredMunicipalityCode: kommun } },
});
if (!answer.data) fail(`REST answered ${answer.response.status}`);
console.log(`rest: ${answer.data.eligible?.length ?? 0} eligible, ${answer.data.possible?.length ?? 0} possible`);

// A typo in a field name: refused (400), the field named as spelt, its value never repeated.
const typo = await rest.POST("/v1/municipalities/{municipalities_id}:listDirectInterventions", {
  params: { path: { municipalities_id: kommun } },
  body: { asOf, facts: { statedage: 30 } },
});
const named = violations(typo.error);
console.log(`rest error: ${typo.response.status} ${named.map((v) => `${v.field}: ${v.description}`).join("; ")}`);
if (typo.response.status !== 400 || !named.some((v) => v.field === "facts.statedage")) fail("expected 400 naming facts.statedage");
console.log("ok");
