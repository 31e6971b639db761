"use strict";
// The nämnd's workbench: the catalog as a jurist reads it, a draft validated and evaluated before it is imported,
// and an answer looked up by its decision id. Plain DOM, no framework; every text from an answer is set with
// textContent (nothing from the server becomes markup). The catalog's REST face is this page's own origin; the
// Eligibility's (what-if, decision log) is named by /workbench/config. The token lives in memory only.

const state = { token: "", kommun: "", config: null, content: "", draft: [], valid: false };
const $ = (id) => document.getElementById(id);

function el(tag, attributes = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function dateOf(input) {
  const value = input.value;
  if (!value) return null;
  const [year, month, day] = value.split("-").map(Number);
  return { year, month, day };
}

const dateText = (d) => d ? `${d.year}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}` : "";
const dateQuery = (name, d) => d ? `${name}.year=${d.year}&${name}.month=${d.month}&${name}.day=${d.day}` : "";

class ApiError extends Error {
  constructor(json, status) {
    super(json.message || `Anropet misslyckades (${status}).`);
    this.violations = (json.details || []).flatMap((d) => d.fieldViolations || []);
    this.status = status;
  }
}

async function api(url, body) {
  const response = await fetch(url, {
    method: body === undefined ? "GET" : "POST",
    headers: { Authorization: "Bearer " + state.token, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(json, response.status);
  return json;
}

const catalogApi = (path, body) => api(path, body);
const eligibilityApi = (path, body) => api(state.config.eligibility + path, body);

function say(id, text) { $(id).textContent = text; }

function problem(target, error) {
  const box = el("div", { class: "error", role: "alert" });
  box.append(el("p", {}, error.message));
  if (error.violations && error.violations.length) {
    const list = el("ul");
    for (const v of error.violations) list.append(el("li", {}, `${v.field}: ${v.description}`));
    box.append(list);
  }
  target.replaceChildren(box);
}

// ---- Sign-in: development tokens in the embedded default; the kommun's own identity provider elsewhere.

function base64Url(bytes) {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function kommunOf(token) {
  const payload = JSON.parse(atob(token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")));
  return payload.kommun || "";
}

async function signInWithProvider() {
  const signIn = state.config.signIn;
  const meta = await (await fetch(signIn.authority.replace(/\/$/, "") + "/.well-known/openid-configuration")).json();
  const verifier = base64Url(crypto.getRandomValues(new Uint8Array(32)));
  const challenge = base64Url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier))));
  const nonce = base64Url(crypto.getRandomValues(new Uint8Array(16)));
  sessionStorage.setItem("workbench.signin", JSON.stringify({ verifier, nonce, tokenEndpoint: meta.token_endpoint }));
  location.assign(meta.authorization_endpoint + "?" + new URLSearchParams({
    response_type: "code", client_id: signIn.clientId, redirect_uri: location.origin + "/workbench", scope: signIn.scope,
    code_challenge: challenge, code_challenge_method: "S256", state: nonce,
  }));
}

async function returnFromProvider() {
  const query = new URLSearchParams(location.search);
  if (query.has("error")) {
    history.replaceState(null, "", "/workbench");
    throw new Error("Inloggningen misslyckades. Försök igen eller kontakta kommunens IT-stöd.");
  }
  if (!query.has("code")) return;
  const saved = JSON.parse(sessionStorage.getItem("workbench.signin") || "null");
  sessionStorage.removeItem("workbench.signin");
  history.replaceState(null, "", "/workbench");
  if (!saved || saved.nonce !== query.get("state")) throw new Error("Inloggningen kunde inte slutföras. Logga in igen.");
  const response = await fetch(saved.tokenEndpoint, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code", code: query.get("code"), redirect_uri: location.origin + "/workbench",
      client_id: state.config.signIn.clientId, code_verifier: saved.verifier,
    }),
  });
  if (!response.ok) throw new Error("Inloggningen kunde inte slutföras. Logga in igen.");
  signedIn((await response.json()).access_token);
}

function signedIn(token) {
  state.token = token;
  state.kommun = kommunOf(token);
  const known = (state.config.kommuner || []).find((k) => k.code === state.kommun);
  say("who", `Inloggad för ${known ? known.name : "kommun " + state.kommun}.`);
  for (const form of ["catalog-form", "draft-form", "decision-form"]) $(form).querySelector("button[type=submit]").disabled = false;
}

async function signIn(event) {
  event.preventDefault();
  if (!state.config) return;
  try {
    if (state.config.signIn === "development") {
      const key = $("dev-key").value.trim() || sessionStorage.getItem("workbench.key") || "";
      const response = await fetch("/workbench/token/" + encodeURIComponent($("kommun").value), { method: "POST", headers: { "X-Workbench-Key": key } });
      if (!response.ok) throw new Error("Ingen inloggning: fel nyckel, eller ingen sådan kommun.");
      sessionStorage.setItem("workbench.key", key);
      signedIn((await response.json()).token);
    } else {
      await signInWithProvider();
    }
  } catch (e) {
    say("who", e.message);
  }
}

// ---- The catalog as of a day.

const subjects = { SUBJECT_PERSON: "personen", SUBJECT_CHILD: "barnet" };
// Labels for access and documentation come from the server's law library, for the act in force on the day shown.
let labels = { access: {}, basis: {} };

function ageText(a) {
  const who = subjects[a.subject] || "personen";
  if (a.minYears !== undefined && a.maxYears !== undefined) return `Ålder för ${who}: ${a.minYears}–${a.maxYears} år`;
  if (a.minYears !== undefined) return `Ålder för ${who}: ${a.minYears} år eller äldre`;
  if (a.maxYears !== undefined) return `Ålder för ${who}: högst ${a.maxYears} år`;
  return `Ålder för ${who}`;
}

function conditionNode(c) {
  const item = el("li");
  let text;
  let children = null;
  if (c.all) { text = "Alla dessa villkor:"; children = c.all.conditions; }
  else if (c.any) { text = "Minst ett av dessa villkor:"; children = c.any.conditions; }
  else if (c.not) { text = "Inte detta:"; children = [c.not]; }
  else if (c.age) text = ageText(c.age);
  else if (c.registered) text = `Folkbokförd (${subjects[c.registered.subject] || "personen"}) i kommun ${c.registered.municipalityCode}`;
  else if (c.schoolEnrolment) text = `Går i skola (${subjects[c.schoolEnrolment.subject] || "personen"}) i kommun ${c.schoolEnrolment.municipalityCode}${c.schoolEnrolment.schoolForms ? " – " + c.schoolEnrolment.schoolForms : ""}`;
  else if (c.guardianConsent) text = "Vårdnadshavares samtycke";
  else if (c.guardianInformed) text = "Vårdnadshavare har informerats";
  else if (c.attestedFact) text = `Intygad uppgift: ${c.attestedFact.description} (${c.attestedFact.code})`;
  else text = "Villkor";
  item.append(el("span", {}, text));
  if (c.sourceText) item.append(el("blockquote", { "aria-label": "Riktlinjens ord" }, c.sourceText));
  if (children) {
    const list = el("ul", { class: "conditions" });
    for (const child of children) list.append(conditionNode(child));
    item.append(list);
  }
  return item;
}

function findingBox(f) {
  const box = el("div", { class: "finding", role: "note" });
  const kind = f.code === "interpretation-unconfirmed" ? "Tolkning för nämnden att bekräfta" : "Juridisk anmärkning";
  box.append(el("strong", {}, `${kind}${f.paragraph ? " (" + f.paragraph + ")" : ""}: `));
  box.append(document.createTextNode(f.message));
  return box;
}

function interventionCard(iv) {
  const card = el("article", { "aria-labelledby": "iv-" + iv.versionId });
  card.append(el("h3", { id: "iv-" + iv.versionId }, iv.displayName));
  for (const f of iv.findings || []) card.append(findingBox(f));
  const facts = el("dl");
  const row = (term, value) => { if (value) { facts.append(el("dt", {}, term)); facts.append(el("dd", {}, value)); } };
  row("Tillgång", labels.access[iv.access] || iv.access);
  row("Innehåll", iv.content);
  row("Målgrupp", iv.targetGroup);
  row("Dokumentation", labels.basis[iv.documentationBasis] || iv.documentationBasis);
  row("Särskilda skäl", iv.specialGrounds);
  row("Riktlinjen", iv.sourceReference);
  row("Nämndbeslut", iv.committeeDecisionReference);
  row("Gäller", `${dateText(iv.validFrom)} – ${iv.validTo ? dateText(iv.validTo) : "tills vidare"}`);
  card.append(facts);
  card.append(el("h4", {}, "Villkor"));
  if (iv.conditions) {
    const list = el("ul", { class: "conditions" });
    list.append(conditionNode(iv.conditions));
    card.append(list);
  } else {
    card.append(el("p", {}, "Inga villkor utöver lagens."));
  }
  return card;
}

async function showCatalog(event) {
  event.preventDefault();
  const target = $("catalog");
  target.replaceChildren();
  const day = dateOf($("as-of"));
  say("catalog-status", "Hämtar katalogen …");
  try {
    const dayText = $("as-of").value || new Date().toLocaleDateString("sv-SE", { timeZone: "Europe/Stockholm" });
    labels = await (await fetch("/workbench/law?day=" + encodeURIComponent(dayText))).json();
    const all = [];
    let token = "";
    do {
      const page = await catalogApi(`/v1/municipalities/${state.kommun}/interventions?${dateQuery("asOf", day)}&pageSize=200${token ? "&pageToken=" + encodeURIComponent(token) : ""}`);
      all.push(...(page.interventions || []));
      token = page.nextPageToken || "";
    } while (token);
    const flagged = all.filter((iv) => (iv.findings || []).length > 0).length;
    say("catalog-status", `${all.length} insatser den ${dateText(day)}; ${flagged} med juridiska anmärkningar.`);
    // The kommun's rules of the day: their findings (readings the nämnd has not confirmed, contradictions) first.
    const rules = await catalogApi(`/v1/municipalities/${state.kommun}/rules?${dateQuery("asOf", day)}`).catch(() => null);
    if (rules && (rules.findings || []).length > 0) {
      const card = el("article", { "aria-labelledby": "rules-heading" });
      card.append(el("h3", { id: "rules-heading" }, "Kommunens regler för uppföljning"));
      for (const f of rules.findings) card.append(findingBox(f));
      target.append(card);
    }
    for (const iv of all) target.append(interventionCard(iv));
  } catch (e) {
    say("catalog-status", "");
    problem(target, e);
  }
}

// ---- A draft: validated, evaluated, imported on request.

function issueTable(caption, issues) {
  const table = el("table");
  table.append(el("caption", {}, caption));
  const head = el("tr");
  for (const h of ["Insats", "Fält", "Paragraf", "Vad"]) head.append(el("th", { scope: "col" }, h));
  table.append(head);
  for (const i of issues) {
    const tr = el("tr");
    for (const v of [i.interventionId || "(filen)", i.field, i.paragraph, i.message]) tr.append(el("td", {}, v || ""));
    table.append(tr);
  }
  return table;
}

const outcomes = {
  OUTCOME_ELIGIBLE: "Kan använda direkt",
  OUTCOME_NOT_ELIGIBLE: "Uppfyller inte villkoren",
  OUTCOME_UNDETERMINED: "Uppgift saknas",
  OUTCOME_REFER_TO_COMMITTEE: "Hänvisas till nämnden",
  OUTCOME_REQUIRES_APPLICATION: "Kräver ansökan",
  OUTCOME_NOT_OFFERED: "Erbjuds inte",
};

function impactTable(caption, impacts, unit) {
  const table = el("table");
  table.append(el("caption", {}, caption));
  const head = el("tr");
  for (const h of ["Insats", `Ändrade svar (${unit})`, "Från", "Till", "Antal", "Exempel"]) head.append(el("th", { scope: "col" }, h));
  table.append(head);
  for (const impact of impacts) {
    const id = impact.intervention.split("/").pop();
    const shifts = impact.shifts && impact.shifts.length ? impact.shifts : [null];
    shifts.forEach((s, i) => {
      const tr = el("tr");
      if (i === 0) {
        tr.append(el("th", { scope: "row", rowspan: String(shifts.length) }, id));
        tr.append(el("td", { class: "num", rowspan: String(shifts.length) }, impact.changed || 0));
      }
      tr.append(el("td", {}, s ? outcomes[s.from] || s.from : "–"));
      tr.append(el("td", {}, s ? outcomes[s.to] || s.to : "–"));
      tr.append(el("td", { class: "num" }, s ? s.profiles : 0));
      tr.append(el("td", {}, s ? s.example : "Inga svar ändras."));
      table.append(tr);
    });
  }
  return table;
}

async function reviewDraft(event) {
  event.preventDefault();
  const report = $("report");
  const whatif = $("whatif");
  report.replaceChildren();
  whatif.replaceChildren();
  $("import-area").hidden = true;
  say("import-status", "");
  const file = $("draft-file").files[0];
  if (!file) return;
  say("draft-status", "Granskar utkastet …");
  try {
    state.content = await file.text();
    const validated = await catalogApi(`/v1/municipalities/${state.kommun}/catalog:validate`, { content: state.content });
    const r = validated.report;
    state.valid = !!r.valid;
    state.draft = validated.draft || [];
    report.append(el("div", { class: r.valid ? "ok" : "error", role: r.valid ? "status" : "alert" },
      r.valid ? `Utkastet kan importeras: ${r.created || 0} nya, ${r.updated || 0} ändrade, ${r.unchanged || 0} oförändrade versioner.`
              : `Utkastet kan inte importeras: ${(r.errors || []).length} fel.`));
    if ((r.errors || []).length) report.append(issueTable("Fel som hindrar import", r.errors));
    if ((r.findings || []).length) {
      report.append(issueTable("Juridiska anmärkningar (godtas, men bör ses över)", r.findings));
      report.lastChild.classList.add("findings");
    }
    if ((r.committeeDecisionReferences || []).length) report.append(el("p", {}, "Nämndbeslut: " + r.committeeDecisionReferences.join("; ")));
    say("draft-status", "Granskningen är klar.");
    if (state.draft.length) await evaluate(whatif);
    $("import-area").hidden = !state.valid;
  } catch (e) {
    say("draft-status", "");
    problem(report, e);
  }
}

async function evaluate(target) {
  const request = { put: state.draft };
  const from = dateOf($("past-from"));
  const to = dateOf($("past-to"));
  if (from) request.pastFrom = from;
  if (to) request.pastTo = to;
  try {
    const answer = await eligibilityApi(`/v1/municipalities/${state.kommun}:evaluateDraft`, request);
    target.append(el("h3", {}, "Vad utkastet skulle ändra"));
    const changed = (answer.impacts || []).filter((i) => (i.changed || 0) > 0);
    target.append(impactTable(`Mot ${answer.profiles} påhittade profiler (ålder 0–99, folkbokföring, barn, samtycke, intygade uppgifter)`,
      changed.length ? changed : [], "profiler"));
    if (!changed.length) target.append(el("p", {}, "Inga svar ändras mot profilerna."));
    if (answer.past) {
      const p = answer.past;
      target.append(impactTable(`Mot ${p.questions || 0} frågor som invånare ställt under perioden`, (p.impacts || []).filter((i) => (i.changed || 0) > 0), "frågor"));
      if (p.undecidedByAgeBand) target.append(el("p", {}, `${p.undecidedByAgeBand} frågor kan inte avgöras: utkastet drar en åldersgräns inom frågans åldersband.`));
      if (p.truncated) target.append(el("p", {}, "Perioden hade fler frågor än som lästes; siffrorna gäller de första."));
    }
  } catch (e) {
    const box = el("div");
    target.append(box);
    problem(box, e);
  }
}

async function importDraft() {
  say("import-status", "Importerar …");
  $("import").disabled = true;
  try {
    const answer = await catalogApi(`/v1/municipalities/${state.kommun}/catalog:import`, { content: state.content, requestId: crypto.randomUUID() });
    say("import-status", `Importerat: katalogen är nu på revision ${answer.report.revision}.`);
  } catch (e) {
    say("import-status", e.message);
  } finally {
    $("import").disabled = false;
  }
}

// ---- An answer by its decision id.

async function lookUp(event) {
  event.preventDefault();
  const target = $("decision");
  target.replaceChildren();
  say("decision-status", "Söker …");
  try {
    const d = (await eligibilityApi(`/v1/municipalities/${state.kommun}/decisions/${encodeURIComponent($("decision-id").value.trim())}`)).decision;
    say("decision-status", "Svaret hittades.");
    const facts = el("dl");
    const row = (term, value) => { if (value !== undefined && value !== "") { facts.append(el("dt", {}, term)); facts.append(el("dd", {}, value)); } };
    row("Givet", new Date(d.decideTime).toLocaleString("sv-SE", { timeZone: "Europe/Stockholm" }));
    row("Gällde dagen", dateText(d.asOf));
    row("Insats", d.intervention.split("/").pop());
    row("Katalogens revision", d.catalogRevision);
    row("Svar", outcomes[d.outcome] || d.outcome);
    const f = d.facts || {};
    row("Ålder", f.age ? (f.age.to >= 130 ? `${f.age.from} år eller äldre` : `${f.age.from}–${f.age.to} år`) : "ej angiven");
    row("Folkbokförd i", f.registeredMunicipalityCode || "ej angivet");
    if (f.childAge) row("Barnets ålder", `${f.childAge.from}–${f.childAge.to} år`);
    if (f.guardianConsent !== undefined) row("Vårdnadshavares samtycke", f.guardianConsent ? "ja" : "nej");
    if ((f.attestedFacts || []).length) row("Intygade uppgifter", f.attestedFacts.join(", "));
    target.append(facts);
    const table = el("table");
    table.append(el("caption", {}, "Villkoren som svaret prövade"));
    const head = el("tr");
    for (const h of ["Villkor", "Resultat", "Källa"]) head.append(el("th", { scope: "col" }, h));
    table.append(head);
    const status = { CONDITION_STATUS_MET: "uppfyllt", CONDITION_STATUS_NOT_MET: "inte uppfyllt", CONDITION_STATUS_UNKNOWN: "okänt" };
    for (const c of d.conditions || []) {
      const tr = el("tr");
      for (const v of [c.description, status[c.status] || c.status, c.source]) tr.append(el("td", {}, v));
      table.append(tr);
    }
    target.append(table);
  } catch (e) {
    say("decision-status", "");
    problem(target, e.status === 404 ? new Error("Inget svar med det id:t i din kommun.") : e);
  }
}

async function start() {
  // The handlers first: a click before the configuration arrives must not submit the forms natively.
  $("signin").addEventListener("submit", signIn);
  $("catalog-form").addEventListener("submit", showCatalog);
  $("draft-form").addEventListener("submit", reviewDraft);
  $("decision-form").addEventListener("submit", lookUp);
  $("import").addEventListener("click", importDraft);
  for (const form of ["catalog-form", "draft-form", "decision-form"]) $(form).querySelector("button[type=submit]").disabled = true;
  state.config = await (await fetch("/workbench/config")).json();
  for (const k of state.config.kommuner || []) $("kommun").append(el("option", { value: k.code }, k.name));
  // The development key comes in the address the suite printed (#key=…): kept for this tab, taken out of the address.
  const fromAddress = new URLSearchParams(location.hash.slice(1)).get("key");
  if (fromAddress) {
    sessionStorage.setItem("workbench.key", fromAddress);
    history.replaceState(null, "", location.pathname + location.search);
  }
  $("dev-key-row").hidden = state.config.signIn !== "development" || !!sessionStorage.getItem("workbench.key");
  if (state.config.signIn !== "development") {
    $("kommun").closest("form").querySelector("label").hidden = true;
    $("kommun").hidden = true;
    $("kommun").required = false; // the kommun comes from the provider's token
  }
  $("as-of").value = new Date().toLocaleDateString("sv-SE", { timeZone: "Europe/Stockholm" });
  try {
    await returnFromProvider();
  } catch (e) {
    say("who", e.message);
  }
  document.body.dataset.ready = "true";
}

start();
