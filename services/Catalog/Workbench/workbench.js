"use strict";
// The nämnd's workbench: the catalog as a jurist reads it, a draft validated and evaluated before it is imported,
// and an answer looked up by its decision id. Plain DOM, no framework; every text from an answer is set with
// textContent (nothing from the server becomes markup). The catalog's REST face is this page's own origin; the
// Eligibility's (what-if, decision log) is named by /workbench/config. The token lives in memory only.

const state = { token: "", kommun: "", config: null, content: "", draft: [], valid: false, report: null, undoTo: 0 };
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

/** The buttons that need a signed-in user. */
const signedInButtons = ["download", "history-load", "import", "confirm-import", "undo"];

function signedIn(token) {
  state.token = token;
  state.kommun = kommunOf(token);
  const known = (state.config.kommuner || []).find((k) => k.code === state.kommun);
  say("who", `Inloggad för ${known ? known.name : "kommun " + state.kommun}.`);
  for (const form of ["catalog-form", "draft-form", "decision-form"]) $(form).querySelector("button[type=submit]").disabled = false;
  for (const b of signedInButtons) $(b).disabled = false;
  $("signout").hidden = false;
  $("dev-key-row").hidden = true;
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

// ---- Errors beside their fields, loading states, names.

/** Field paths the API names, mapped to this page's inputs. */
const fieldInputs = { as_of: "as-of", asOf: "as-of", content: "draft-file", name: "decision-id", decision_id: "decision-id" };

function fieldError(id, message) {
  const input = $(id);
  const box = $(id + "-fel");
  if (!input || !box) return false;
  if (message) input.setAttribute("aria-invalid", "true"); else input.removeAttribute("aria-invalid");
  box.textContent = message || "";
  box.hidden = !message;
  return true;
}

function clearFieldErrors(...ids) { for (const id of ids) fieldError(id, ""); }

/** An error: each violation beside its field when the page has it, the rest in the box. */
function problemAt(target, error) {
  const rest = [];
  let first = null;
  for (const v of error.violations || []) {
    const id = fieldInputs[v.field.split(".")[0]];
    if (id && fieldError(id, v.description)) first ||= id;
    else rest.push(v);
  }
  problem(target, { message: error.message, violations: rest });
  if (first) $(first).focus();
}

async function busy(button, statusId, text, work) {
  button.disabled = true;
  button.setAttribute("aria-busy", "true");
  if (statusId) say(statusId, text);
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.removeAttribute("aria-busy");
  }
}

/** Display names by insats id, from every catalog or draft the page has read: the page names insatser, never ids. */
const names = new Map();
function remember(interventions) { for (const iv of interventions || []) names.set(idOf(iv.name), iv.displayName); }
const idOf = (name) => (name || "").split("/").pop();
const nameOf = (nameOrId) => names.get(idOf(nameOrId)) || idOf(nameOrId);

// ---- The catalog as of a day.

const subjects = { SUBJECT_PERSON: "personen", SUBJECT_CHILD: "barnet" };
// Labels for access and documentation come from the server's law library, for the act in force on the day shown.
let labels = { access: {}, basis: {}, act: "" };
let shownCatalog = [];

async function loadLabels(dayText) {
  labels = await (await fetch("/workbench/law?day=" + encodeURIComponent(dayText))).json();
  say("law", labels.act ? `Paragraferna anges enligt ${labels.act}, lagen i kraft den ${dayText}.` : "");
}

function ageText(a) {
  const who = subjects[a.subject] || "personen";
  if (a.minYears !== undefined && a.maxYears !== undefined) return `Ålder för ${who}: ${a.minYears}–${a.maxYears} år`;
  if (a.minYears !== undefined) return `Ålder för ${who}: ${a.minYears} år eller äldre`;
  if (a.maxYears !== undefined) return `Ålder för ${who}: högst ${a.maxYears} år`;
  return `Ålder för ${who}`;
}

function conditionText(c) {
  if (c.age) return ageText(c.age);
  if (c.registered) return `Folkbokförd (${subjects[c.registered.subject] || "personen"}) i kommun ${c.registered.municipalityCode}`;
  if (c.schoolEnrolment) return `Går i skola (${subjects[c.schoolEnrolment.subject] || "personen"}) i kommun ${c.schoolEnrolment.municipalityCode}${c.schoolEnrolment.schoolForms ? " – " + c.schoolEnrolment.schoolForms : ""}`;
  if (c.guardianConsent) return "Vårdnadshavares samtycke";
  if (c.guardianInformed) return "Vårdnadshavare har informerats";
  if (c.attestedFact) return `Intygad uppgift: ${c.attestedFact.description} – frågan: ”${c.attestedFact.question || "saknas"}”`;
  if (c.all) return "Alla dessa villkor:";
  if (c.any) return "Minst ett av dessa villkor:";
  if (c.not) return "Inte detta:";
  return "Villkor";
}

function conditionNode(c) {
  const item = el("li");
  const children = c.all ? c.all.conditions : c.any ? c.any.conditions : c.not ? [c.not] : null;
  item.append(el("span", {}, conditionText(c)));
  if (c.sourceText) item.append(el("blockquote", { "aria-label": "Riktlinjens ord" }, c.sourceText));
  if (children) {
    const list = el("ul", { class: "conditions" });
    for (const child of children) list.append(conditionNode(child));
    item.append(list);
  }
  return item;
}

function conditionList(conditions) {
  if (!conditions) return el("p", {}, "Inga villkor utöver lagens.");
  const list = el("ul", { class: "conditions" });
  list.append(conditionNode(conditions));
  return list;
}

function findingBox(f) {
  const box = el("div", { class: "finding", role: "note" });
  const kind = f.code === "interpretation-unconfirmed" ? "Tolkning för nämnden att bekräfta" : "Juridisk anmärkning";
  box.append(el("strong", {}, `${kind}${f.paragraph ? " (" + f.paragraph + ")" : ""}: `));
  box.append(document.createTextNode(f.message));
  return box;
}

function contactText(c) {
  if (!c || !c.unit) return "";
  return [c.unit, c.address, c.phone && "tel. " + c.phone, c.openingHours, c.link, c.note].filter(Boolean).join(" · ");
}

function interventionCard(iv) {
  const card = el("article", { "aria-labelledby": "iv-" + iv.versionId });
  card.append(el("h3", { id: "iv-" + iv.versionId }, iv.displayName));
  for (const f of iv.findings || []) card.append(findingBox(f));
  const facts = el("dl");
  const row = (term, value) => { if (value) { facts.append(el("dt", {}, term)); facts.append(el("dd", {}, value)); } };
  row("Tillgång", labels.access[iv.access] || iv.access);
  row("Beskrivning", iv.description);
  row("Innehåll", iv.content);
  row("Målgrupp", iv.targetGroup);
  row("Kontakt", contactText(iv.contact));
  row("Dokumentation", labels.basis[iv.documentationBasis] || iv.documentationBasis);
  row("Särskilda skäl", iv.specialGrounds);
  row("Riktlinjen", iv.sourceReference);
  row("Nämndbeslut", iv.committeeDecisionReference);
  row("Gäller", `${dateText(iv.validFrom)} – ${iv.validTo ? dateText(iv.validTo) : "tills vidare"}`);
  card.append(facts);
  card.append(el("h4", {}, "Villkor"));
  card.append(conditionList(iv.conditions));
  return card;
}

function searchText(iv) {
  const parts = [iv.displayName, iv.description, iv.content, iv.targetGroup, iv.sourceReference, iv.committeeDecisionReference];
  const walk = (c) => { if (!c) return; parts.push(conditionText(c), c.sourceText); for (const child of (c.all || c.any || {}).conditions || []) walk(child); walk(c.not); };
  walk(iv.conditions);
  return parts.filter(Boolean).join(" ").toLocaleLowerCase("sv");
}

function renderCatalog() {
  const target = $("catalog");
  const words = $("filter").value.trim().toLocaleLowerCase("sv").split(/\s+/).filter(Boolean);
  const onlyFindings = $("only-findings").checked;
  const shown = shownCatalog.filter((iv) => words.every((w) => searchText(iv).includes(w)) && (!onlyFindings || (iv.findings || []).length));
  target.querySelectorAll("article.insats").forEach((a) => a.remove());
  for (const iv of shown) {
    const card = interventionCard(iv);
    card.classList.add("insats");
    target.append(card);
  }
  if (!shown.length && shownCatalog.length) target.append(Object.assign(el("p", { class: "insats" }, "Ingen insats matchar sökningen."), {}));
  return shown.length;
}

async function showCatalog(event) {
  event.preventDefault();
  const target = $("catalog");
  clearFieldErrors("as-of");
  target.replaceChildren();
  $("filter-row").hidden = true;
  const day = dateOf($("as-of"));
  await busy($("catalog-form").querySelector("button[type=submit]"), "catalog-status", "Hämtar katalogen …", async () => {
    try {
      await loadLabels($("as-of").value || new Date().toLocaleDateString("sv-SE", { timeZone: "Europe/Stockholm" }));
      const all = [];
      let token = "";
      do {
        const page = await catalogApi(`/v1/municipalities/${state.kommun}/interventions?${dateQuery("asOf", day)}&pageSize=200${token ? "&pageToken=" + encodeURIComponent(token) : ""}`);
        all.push(...(page.interventions || []));
        token = page.nextPageToken || "";
      } while (token);
      remember(all);
      shownCatalog = all;
      // The kommun's rules of the day: their findings (readings the nämnd has not confirmed, contradictions) first.
      const rules = await catalogApi(`/v1/municipalities/${state.kommun}/rules?${dateQuery("asOf", day)}`).catch(() => null);
      if (rules) {
        const card = el("article", { "aria-labelledby": "rules-heading" });
        card.append(el("h3", { id: "rules-heading" }, "Kommunens regler och kontakt"));
        for (const f of rules.findings || []) card.append(findingBox(f));
        const facts = el("dl");
        for (const [term, value] of [["Kontakt", contactText(rules.contact)], ["Information om rätten att ansöka", rules.informationText], ["Nämndbeslut", rules.committeeDecisionReference]]) {
          if (value) facts.append(el("dt", {}, term), el("dd", {}, value));
        }
        card.append(facts);
        target.append(card);
      }
      $("filter-row").hidden = !all.length;
      renderCatalog();
      // Said once the catalog is on the page, so the status never announces what is not there yet.
      const flagged = all.filter((iv) => (iv.findings || []).length > 0).length;
      say("catalog-status", all.length ? `${all.length} insatser den ${dateText(day)}; ${flagged} med juridiska anmärkningar.` : `Inga insatser i kraft den ${dateText(day)}.`);
    } catch (e) {
      say("catalog-status", "");
      problemAt(target, e);
    }
  });
}

async function download() {
  clearFieldErrors("as-of");
  await busy($("download"), "catalog-status", "Hämtar filen …", async () => {
    try {
      const day = dateOf($("as-of"));
      const file = await catalogApi(`/v1/municipalities/${state.kommun}/catalog:export?${dateQuery("asOf", day)}`);
      const link = el("a", { href: URL.createObjectURL(new Blob([file.content], { type: "application/yaml" })), download: file.fileName });
      document.body.append(link);
      link.click();
      link.remove();
      say("catalog-status", `Filen ${file.fileName} är hämtad (katalogens revision ${file.revision}).`);
    } catch (e) {
      say("catalog-status", "");
      problemAt($("catalog"), e);
    }
  });
}

// ---- A draft: validated, evaluated, shown, confirmed, imported, undone.

function tableIn(caption, headers, rows) {
  const wrap = el("div", { class: "table-wrap", role: "region", "aria-label": caption, tabindex: "0" });
  const table = el("table");
  table.append(el("caption", {}, caption));
  const head = el("tr");
  for (const h of headers) head.append(el("th", { scope: "col" }, h));
  table.append(head);
  for (const r of rows) table.append(r);
  wrap.append(table);
  return wrap;
}

function issueTable(caption, issues) {
  return tableIn(caption, ["Insats", "Rad", "Fält", "Paragraf", "Vad"], issues.map((i) => {
    const tr = el("tr");
    for (const v of [i.interventionId ? nameOf(i.interventionId) : "(filen)", i.line ? `rad ${i.line}` : "", i.field, i.paragraph, i.message]) tr.append(el("td", {}, v || ""));
    return tr;
  }));
}

const fieldNames = {
  display_name: "Namn", description: "Beskrivning", content: "Innehåll", target_group: "Målgrupp", access: "Tillgång", kind: "Slag av insats",
  conditions: "Villkor", suitable_from_15_without_consent: "Lämplig från 15 år utan samtycke", max_sessions: "Högst antal tillfällen",
  delivery: "Form", intensity_level: "Nivå", documentation_basis: "Dokumentation", special_grounds: "Särskilda skäl",
  follow_up_mode: "Uppföljning", committee_decision_reference: "Nämndbeslut", valid_from: "Gäller från", valid_to: "Gäller till",
  source_reference: "Riktlinjen", suitability_source: "Källa för lämpligheten", interpretations: "Tolkningar", contact: "Kontakt",
};
const camel = (f) => f.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

function valueText(field, iv) {
  const v = iv ? iv[camel(field)] : undefined;
  if (v === undefined || v === null || v === "") return "–";
  if (field === "access") return labels.access[v] || v;
  if (field === "documentation_basis") return labels.basis[v] || v;
  if (field === "valid_from" || field === "valid_to") return dateText(v);
  if (field === "contact") return contactText(v);
  if (typeof v === "object") return "";
  return String(v);
}

/** Each version the import would write, by insats name, with every field that changes: before and after. */
function changesView(changes) {
  const box = el("div", { class: "changes" });
  box.append(el("h3", {}, "Det här ändras"));
  if (!changes.length) { box.append(el("p", {}, "Utkastet ändrar inget i katalogen.")); return box; }
  for (const c of changes) {
    const item = el("article", { class: "change" });
    const after = state.draft.find((iv) => idOf(iv.name) === c.interventionId && dateText(iv.validFrom) === dateText(c.validFrom));
    item.append(el("h4", {}, `${c.displayName}: ${c.created ? "ny version från " + dateText(c.validFrom) : "ändras"}`));
    if (!c.created) {
      const dl = el("dl");
      for (const f of c.changedFields || []) {
        dl.append(el("dt", {}, fieldNames[f] || f));
        const dd = el("dd");
        if (f === "conditions") {
          dd.append(el("p", {}, "Före:"), conditionList(c.before.conditions), el("p", {}, "Efter:"), conditionList(after && after.conditions));
        } else {
          dd.append(el("span", {}, `Före: ${valueText(f, c.before)}`), el("br"), el("span", {}, `Efter: ${valueText(f, after)}`));
        }
        dl.append(dd);
      }
      item.append(dl);
    }
    box.append(item);
  }
  return box;
}

/** The findings a nämnd must not miss before it confirms: a rule changed under the same decision, a quote that no longer matches. */
const warningCodes = new Set(["rules-changed-under-same-decision", "quote-does-not-match-rule"]);
function warningsOf(report) {
  return (report.findings || []).filter((f) => warningCodes.has(f.code));
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
  const rows = [];
  for (const impact of impacts) {
    const shifts = impact.shifts && impact.shifts.length ? impact.shifts : [null];
    shifts.forEach((s, i) => {
      const tr = el("tr");
      if (i === 0) {
        tr.append(el("th", { scope: "row", rowspan: String(shifts.length) }, nameOf(impact.intervention)));
        tr.append(el("td", { class: "num", rowspan: String(shifts.length) }, impact.changed || 0));
      }
      tr.append(el("td", {}, s ? outcomes[s.from] || s.from : "–"));
      tr.append(el("td", {}, s ? outcomes[s.to] || s.to : "–"));
      tr.append(el("td", { class: "num" }, s ? s.profiles : 0));
      tr.append(el("td", {}, s ? s.example : "Inga svar ändras."));
      rows.push(tr);
    });
  }
  return tableIn(caption, ["Insats", `Ändrade svar (${unit})`, "Från", "Till", "Antal", "Exempel"], rows);
}

async function reviewDraft(event) {
  event.preventDefault();
  const report = $("report");
  const whatif = $("whatif");
  report.replaceChildren();
  whatif.replaceChildren();
  clearFieldErrors("draft-file");
  $("import-area").hidden = true;
  $("confirm").hidden = true;
  $("undo").hidden = true;
  say("import-status", "");
  const file = $("draft-file").files[0];
  if (!file) {
    fieldError("draft-file", "Välj en katalogfil.");
    $("draft-file").focus();
    return;
  }
  await busy($("draft-form").querySelector("button[type=submit]"), "draft-status", "Granskar utkastet …", async () => {
    try {
      state.content = await file.text();
      const validated = await catalogApi(`/v1/municipalities/${state.kommun}/catalog:validate`, { content: state.content });
      const r = validated.report;
      state.report = r;
      state.valid = !!r.valid;
      state.draft = validated.draft || [];
      remember(state.draft);
      report.append(el("div", { class: r.valid ? "ok" : "error", role: r.valid ? "status" : "alert" },
        r.valid ? `Utkastet kan importeras: ${r.created || 0} nya, ${r.updated || 0} ändrade, ${r.unchanged || 0} oförändrade versioner.`
                : `Utkastet kan inte importeras: ${(r.errors || []).length} fel.`));
      if ((r.errors || []).length) report.append(issueTable("Fel som hindrar import", r.errors));
      if (r.valid) report.append(changesView(r.changes || []));
      const warnings = warningsOf(r);
      if (warnings.length) report.append(issueTable("Varningar att ta ställning till före import", warnings));
      const other = (r.findings || []).filter((f) => !warnings.includes(f));
      if (other.length) report.append(issueTable("Juridiska anmärkningar (godtas, men bör ses över)", other));
      if ((r.committeeDecisionReferences || []).length) report.append(el("p", {}, "Nämndbeslut: " + r.committeeDecisionReferences.join("; ")));
      if (state.draft.length && r.valid) {
        say("draft-status", "Granskningen är klar. Räknar ut vad utkastet skulle ändra för invånarnas svar … det kan ta några sekunder.");
        whatif.setAttribute("aria-busy", "true");
        await evaluate(whatif);
        whatif.removeAttribute("aria-busy");
      }
      say("draft-status", "Granskningen är klar.");
      $("import-area").hidden = !state.valid || !(r.changes || []).length;
    } catch (e) {
      say("draft-status", "");
      problemAt(report, e);
    }
  });
}

async function evaluate(target) {
  const request = { put: state.draft };
  const from = dateOf($("past-from"));
  const to = dateOf($("past-to"));
  if (from) request.pastFrom = from;
  if (to) request.pastTo = to;
  try {
    const answer = await eligibilityApi(`/v1/municipalities/${state.kommun}:evaluateDraft`, request);
    target.append(el("h3", {}, "Vad utkastet skulle ändra för invånarnas svar"));
    const changed = (answer.impacts || []).filter((i) => (i.changed || 0) > 0);
    target.append(impactTable(`Mot ${answer.profiles} påhittade profiler (ålder 0–99, folkbokföring, barn, samtycke, intygade uppgifter)`, changed, "profiler"));
    if (!changed.length) target.append(el("p", {}, "Inga svar ändras mot profilerna."));
    if (answer.past) {
      const p = answer.past;
      const pastChanged = (p.impacts || []).filter((i) => (i.changed || 0) > 0);
      target.append(impactTable(`Mot ${p.questions || 0} frågor som invånare ställt under perioden`, pastChanged, "frågor"));
      if (!p.questions) target.append(el("p", {}, "Inga frågor ställdes under perioden."));
      else if (!pastChanged.length) target.append(el("p", {}, "Inget av de svar som gavs under perioden skulle bli annorlunda."));
      if (p.undecidedByAgeBand) target.append(el("p", {}, `${p.undecidedByAgeBand} frågor kan inte avgöras: utkastet drar en åldersgräns inom frågans åldersband.`));
      if (p.truncated) target.append(el("p", {}, "Perioden hade fler frågor än som lästes; siffrorna gäller de första."));
    }
  } catch (e) {
    const box = el("div");
    target.append(box);
    problem(box, e);
  }
}

function askToConfirm() {
  const r = state.report;
  say("confirm-summary", `${r.created || 0} nya och ${r.updated || 0} ändrade versioner skrivs i en ny revision av katalogen. Nämndbeslut: ${(r.committeeDecisionReferences || []).join("; ") || "inget angivet"}.`);
  const warnings = warningsOf(r);
  $("confirm-warnings").replaceChildren(...warnings.map((w) => findingBox({ message: `${w.interventionId ? nameOf(w.interventionId) + ": " : ""}${w.message}`, paragraph: w.paragraph })));
  $("confirm-check").checked = false;
  $("import-area").hidden = true;
  $("confirm").hidden = false;
  $("confirm-rubrik").focus();
}

async function importDraft() {
  if (!$("confirm-check").checked) {
    say("import-status", "Kryssa i att du har granskat ändringarna innan du importerar.");
    $("confirm-check").focus();
    return;
  }
  await busy($("confirm-import"), "import-status", "Importerar …", async () => {
    try {
      const answer = await catalogApi(`/v1/municipalities/${state.kommun}/catalog:import`, { content: state.content, requestId: crypto.randomUUID() });
      // Revisions count the kommun's writes one by one: the one before the import's is the catalog as it was.
      const before = Number(answer.report.revision || 0) - 1;
      state.undoTo = before;
      $("confirm").hidden = true;
      say("import-status", `Importerat: katalogen är nu på revision ${answer.report.revision}.`);
      $("undo").hidden = before < 1;
    } catch (e) {
      say("import-status", e.message);
    }
  });
}

async function revertTo(revision, button, statusId) {
  if (!confirm(`Ställa tillbaka katalogen som den var efter revision ${revision}? Historiken behåller allt.`)) return;
  await busy(button, statusId, "Ställer tillbaka …", async () => {
    try {
      const answer = await catalogApi(`/v1/municipalities/${state.kommun}/catalog:revert`, { revision: String(revision), requestId: crypto.randomUUID() });
      say(statusId, answer.revision && answer.revision !== "0"
        ? `Återställt till revision ${revision}: ${(answer.restored || []).map(nameOf).join(", ") || "reglerna"}. Katalogen är nu på revision ${answer.revision}.`
        : `Katalogen var redan som efter revision ${revision}.`);
      if (statusId === "import-status") $("undo").hidden = true;
    } catch (e) {
      say(statusId, e.message);
    }
  });
}

// ---- History: every write, what it did, and a way back.

const methods = {
  Seed: "Inläsning vid start", ImportCatalog: "Import", CreateIntervention: "Ny insats", UpdateIntervention: "Ändring",
  RetireIntervention: "Avslutad", RevertCatalog: "Återställning",
};

async function loadHistory() {
  const target = $("history");
  $("diff").replaceChildren();
  await busy($("history-load"), "history-status", "Hämtar historiken …", async () => {
    try {
      const page = await catalogApi(`/v1/municipalities/${state.kommun}/revisions?pageSize=50`);
      const revisions = page.revisions || [];
      say("history-status", revisions.length ? `De ${revisions.length} senaste ändringarna, nyast först.` : "Katalogen har ingen historik ännu.");
      const rows = revisions.map((r, i) => {
        const tr = el("tr");
        tr.append(el("th", { scope: "row" }, r.revision));
        tr.append(el("td", {}, new Date(r.writeTime).toLocaleString("sv-SE", { timeZone: "Europe/Stockholm" })));
        tr.append(el("td", {}, methods[r.method] || r.method));
        tr.append(el("td", {}, r.writtenBy));
        tr.append(el("td", {}, [...(r.interventions || []).map(nameOf), r.rulesChanged ? "kommunens regler" : ""].filter(Boolean).join(", ") || "–"));
        tr.append(el("td", {}, (r.committeeDecisionReferences || []).join("; ")));
        const actions = el("td");
        const show = el("button", { type: "button", class: "secondary" }, "Visa ändringar");
        show.setAttribute("aria-label", `Visa ändringar i revision ${r.revision}`);
        show.addEventListener("click", () => showDiff(Number(r.revision) - 1, Number(r.revision)));
        actions.append(show);
        if (i > 0) {
          const back = el("button", { type: "button", class: "secondary" }, "Ställ tillbaka hit");
          back.setAttribute("aria-label", `Ställ tillbaka hit, till revision ${r.revision}`);
          back.addEventListener("click", () => revertTo(r.revision, back, "history-status"));
          actions.append(back);
        }
        tr.append(actions);
        return tr;
      });
      target.replaceChildren(tableIn("Ändringar av katalogen", ["Revision", "När", "Hur", "Av (pseudonym)", "Vad", "Nämndbeslut", "Åtgärd"], rows));
    } catch (e) {
      say("history-status", "");
      problem(target, e);
    }
  });
}

async function showDiff(from, to) {
  const target = $("diff");
  try {
    const diff = await catalogApi(`/v1/municipalities/${state.kommun}/catalog:diff?fromRevision=${from}&toRevision=${to}`);
    for (const c of diff.changes || []) remember([c.before, c.after].filter(Boolean));
    const kinds = { CHANGE_KIND_ADDED: "Ny", CHANGE_KIND_REMOVED: "Borttagen", CHANGE_KIND_CHANGED: "Ändrad" };
    const rows = (diff.changes || []).map((c) => {
      const tr = el("tr");
      tr.append(el("th", { scope: "row" }, nameOf(c.name)), el("td", {}, kinds[c.kind] || c.kind));
      const fields = el("td");
      for (const f of c.changedFields || []) {
        fields.append(el("strong", {}, (fieldNames[f] || f) + ": "));
        if (f === "conditions") fields.append(conditionList(c.before.conditions), el("span", {}, "blev"), conditionList(c.after.conditions));
        else fields.append(el("span", {}, `${valueText(f, c.before)} → ${valueText(f, c.after)}`), el("br"));
      }
      tr.append(fields);
      return tr;
    });
    const heading = el("h3", { tabindex: "-1" }, `Ändringar i revision ${to}`);
    target.replaceChildren(heading, rows.length ? tableIn(`Skillnader mellan revision ${from} och ${to}`, ["Insats", "Vad", "Fält"], rows) : el("p", {}, "Revisionen ändrade inga insatser (bara kommunens regler, eller inget)."));
    heading.focus();
  } catch (e) {
    problem(target, e);
  }
}

// ---- An answer by its decision id.

async function lookUp(event) {
  event.preventDefault();
  const target = $("decision");
  target.replaceChildren();
  clearFieldErrors("decision-id");
  const id = $("decision-id").value.trim();
  if (!/^[0-9a-f]{20}-[0-9a-f]{1,16}$/.test(id)) {
    fieldError("decision-id", "Ange svarets id som e-tjänsten visade det: tjugo tecken, ett bindestreck och ett löpnummer.");
    $("decision-id").focus();
    return;
  }
  await busy($("decision-form").querySelector("button[type=submit]"), "decision-status", "Söker …", async () => {
    try {
      const d = (await eligibilityApi(`/v1/municipalities/${state.kommun}/decisions/${encodeURIComponent(id)}`)).decision;
      if (!names.has(idOf(d.intervention))) {
        const iv = await catalogApi(`/v1/${d.intervention}?${dateQuery("asOf", d.asOf)}`).catch(() => null);
        if (iv) remember([iv.intervention]);
      }
      say("decision-status", "Svaret hittades.");
      const facts = el("dl");
      const row = (term, value) => { if (value !== undefined && value !== "") { facts.append(el("dt", {}, term)); facts.append(el("dd", {}, value)); } };
      row("Givet", new Date(d.decideTime).toLocaleString("sv-SE", { timeZone: "Europe/Stockholm" }));
      row("Gällde dagen", dateText(d.asOf));
      row("Insats", nameOf(d.intervention));
      row("Katalogens revision", d.catalogRevision);
      row("Svar", outcomes[d.outcome] || d.outcome);
      const f = d.facts || {};
      row("Ålder", f.age ? (f.age.to >= 130 ? `${f.age.from} år eller äldre` : `${f.age.from}–${f.age.to} år`) : "ej angiven");
      row("Folkbokförd i", f.registeredMunicipalityCode || "ej angivet");
      if (f.childAge) row("Barnets ålder", `${f.childAge.from}–${f.childAge.to} år`);
      if (f.guardianConsent !== undefined) row("Vårdnadshavares samtycke", f.guardianConsent ? "ja" : "nej");
      if ((f.attestedFacts || []).length) row("Intygade uppgifter", f.attestedFacts.join(", "));
      target.append(facts);
      const status = { CONDITION_STATUS_MET: "uppfyllt", CONDITION_STATUS_NOT_MET: "inte uppfyllt", CONDITION_STATUS_UNKNOWN: "okänt" };
      target.append(tableIn("Villkoren som svaret prövade", ["Villkor", "Resultat", "Källa"], (d.conditions || []).map((c) => {
        const tr = el("tr");
        for (const v of [c.description, status[c.status] || c.status, c.source]) tr.append(el("td", {}, v));
        return tr;
      })));
    } catch (e) {
      say("decision-status", "");
      if (e.status === 404) problem(target, new Error("Inget svar med det id:t i din kommun."));
      else problemAt(target, e);
    }
  });
}

function signOut() {
  state.token = "";
  state.kommun = "";
  sessionStorage.removeItem("workbench.key");
  for (const id of ["catalog", "report", "whatif", "history", "diff", "decision"]) $(id).replaceChildren();
  for (const id of ["catalog-status", "draft-status", "import-status", "history-status", "decision-status", "law"]) say(id, "");
  $("confirm").hidden = true;
  $("import-area").hidden = true;
  $("undo").hidden = true;
  $("filter-row").hidden = true;
  for (const b of signedInButtons) $(b).disabled = true;
  $("signout").hidden = true;
  $("dev-key-row").hidden = state.config.signIn !== "development";
  say("who", "Du är utloggad.");
}

async function start() {
  // The handlers first: a click before the configuration arrives must not submit the forms natively.
  $("signin").addEventListener("submit", signIn);
  $("catalog-form").addEventListener("submit", showCatalog);
  $("draft-form").addEventListener("submit", reviewDraft);
  $("decision-form").addEventListener("submit", lookUp);
  $("import").addEventListener("click", askToConfirm);
  $("confirm-import").addEventListener("click", importDraft);
  $("confirm-cancel").addEventListener("click", () => { $("confirm").hidden = true; $("import-area").hidden = false; $("import").focus(); });
  $("undo").addEventListener("click", () => revertTo(state.undoTo, $("undo"), "import-status"));
  $("download").addEventListener("click", download);
  $("history-load").addEventListener("click", loadHistory);
  $("signout").addEventListener("click", signOut);
  $("filter").addEventListener("input", renderCatalog);
  $("only-findings").addEventListener("change", renderCatalog);
  for (const form of ["catalog-form", "draft-form", "decision-form"]) $(form).querySelector("button[type=submit]").disabled = true;
  for (const b of signedInButtons) $(b).disabled = true;
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
