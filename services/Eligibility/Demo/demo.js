"use strict";
// The demo e-tjänst, the flow a portal can copy: one question at a time, only the questions that still decide
// something (ListDirectInterventions' nextQuestions, given the answers so far), a summary with "ändra", and the
// answer with each insats' description, where to turn, the 11 kap. 6 § information and the answer's id.
// Everything it asks and shows comes from the API; every text node is set with textContent (no markup from an answer).

const state = {
  kommuner: [], kommun: "", token: "", asOf: null, generation: 0,
  answers: new Map(), // question code -> { question, value } (value null: "vet inte")
  asked: [],          // codes in the order asked, for "Tillbaka"
  current: null,      // the question on screen
  last: null,         // the last list answer
};
const $ = (id) => document.getElementById(id);

function el(tag, attributes = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** An API error, with the field violations the API sent (google.rpc.BadRequest), in its own Swedish words. */
class ApiError extends Error {
  constructor(json, status) {
    super(json.message || (status >= 500 ? "Tjänsten svarar inte just nu. Försök igen om en stund." : "Något gick fel. Försök igen."));
    this.violations = (json.details || []).flatMap((d) => d.fieldViolations || []);
  }
}

async function api(path, body) {
  const response = await fetch(path, {
    method: body === undefined ? "GET" : "POST",
    headers: { Authorization: "Bearer " + state.token, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(json, response.status);
  return json;
}

function showError(message) {
  $("fel").textContent = message || "";
  $("fel").hidden = !message;
}

function fieldError(id, message) {
  const input = $(id);
  const box = $(id + "-fel");
  if (input && message) input.setAttribute("aria-invalid", "true");
  else if (input) input.removeAttribute("aria-invalid");
  if (box) { box.textContent = message || ""; box.hidden = !message; }
}

/** Shows an error in the words the API sent: beside the field it names when it is on screen, else above. */
function showApiError(e, fieldFor) {
  const shown = [];
  for (const v of e.violations || []) {
    const id = fieldFor(v.field);
    if (id && $(id)) { fieldError(id, v.description); shown.push(id); }
    else showError(v.description);
  }
  if (shown.length) $(shown[0]).focus();
  else if (!(e.violations || []).length) showError(e.message);
}

function busy(button, on) {
  button.disabled = on;
  button.setAttribute("aria-busy", on ? "true" : "false");
}

function show(section) {
  for (const id of ["start", "fraga", "sammanfattning", "svar"]) $(id).hidden = id !== section;
}

function dateFromInput() {
  const value = $("datum").value;
  if (!value) return null;
  const [year, month, day] = value.split("-").map(Number);
  return { year, month, day };
}

// ---- Step 1: the kommun and the day ----

async function loadKommuner() {
  state.kommuner = await (await fetch("/demo/kommuner")).json();
  for (const k of state.kommuner) $("kommun").append(el("option", { value: k.code }, k.name));
}

async function start(event) {
  event.preventDefault();
  showError("");
  fieldError("kommun", "");
  fieldError("datum", "");
  if (!$("kommun").value) {
    fieldError("kommun", "Välj en kommun.");
    $("kommun").focus();
    return;
  }
  const generation = ++state.generation; // a later start wins over an earlier one still on its way
  busy($("borja"), true);
  try {
    const response = await fetch("/demo/token/" + $("kommun").value, { method: "POST" });
    if (!response.ok) throw new ApiError({ message: "Kommunen kan inte användas just nu." }, response.status);
    const token = (await response.json()).token;
    if (generation !== state.generation) return;
    Object.assign(state, { kommun: $("kommun").value, token, asOf: dateFromInput(), answers: new Map(), asked: [], current: null, last: null });
    await advance();
  } catch (e) {
    if (generation === state.generation) showApiError(e, (field) => (field === "as_of" || field.startsWith("asOf") || field.startsWith("as_of") ? "datum" : null));
  } finally {
    busy($("borja"), false);
  }
}

// ---- The facts from the answers so far ----

/** Puts an answer where the question's field says ("facts.child.age" -> facts.child.statedAge). */
function put(facts, q, value) {
  if (q.field === "facts.attested") {
    (facts.attested ||= {})[q.code.slice("fact:".length)] = value;
    return;
  }
  const path = q.field.replace(/^facts\./, "").split(".").map((p) => p.replace(/_([a-z])/g, (_, c) => c.toUpperCase()));
  if (path[path.length - 1] === "age") path[path.length - 1] = "statedAge";
  let target = facts;
  for (const p of path.slice(0, -1)) target = target[p] ||= {};
  target[path[path.length - 1]] = value;
}

function facts() {
  const result = {};
  for (const { question, value } of state.answers.values()) if (value !== null) put(result, question, value);
  return result;
}

/** Asks the API what is still open and goes to the next question, or to the summary when nothing is left to ask. */
async function advance() {
  const generation = state.generation;
  const answer = await api(`/v1/municipalities/${state.kommun}:listDirectInterventions`, { asOf: state.asOf, facts: facts() });
  if (generation !== state.generation) return;
  state.last = answer;
  const next = (answer.nextQuestions || []).find((q) => !state.answers.has(q.code));
  if (next) {
    askQuestion(next, (answer.nextQuestions || []).filter((q) => !state.answers.has(q.code)).length);
  } else if (!(answer.eligible || []).length && !(answer.possible || []).length && state.answers.size === 0) {
    showNothingOffered(answer);
  } else {
    showSummary();
  }
}

// ---- Step 2: one question ----

function inputFor(q, value) {
  const id = "svar-falt";
  const wrap = el("div", { class: "field" });
  const describedBy = `${id}-hjalp ${id}-fel`;
  if (q.type === "FACT_TYPE_YES_NO") {
    const set = el("fieldset", { "aria-describedby": describedBy, id });
    set.append(el("legend", { id: "fraga-rubrik", tabindex: "-1" }, q.text));
    for (const [v, text] of [["ja", "Ja"], ["nej", "Nej"], ["", "Vet inte"]]) {
      const radio = el("input", { type: "radio", name: "svar", id: `${id}-${v || "vet-inte"}`, value: v });
      radio.checked = (value === true && v === "ja") || (value === false && v === "nej") || ((value === null || value === undefined) && v === "");
      set.append(radio, el("label", { for: radio.id }, text));
    }
    wrap.append(set);
  } else if (q.type === "FACT_TYPE_AGE") {
    wrap.append(el("label", { for: id, id: "fraga-rubrik", class: "question-label", tabindex: "-1" }, q.text));
    const input = el("input", { id, name: "svar", type: "number", min: "0", max: "130", inputmode: "numeric", autocomplete: "off", "aria-describedby": describedBy });
    if (typeof value === "number") input.value = String(value);
    wrap.append(input);
    wrap.append(el("p", { id: `${id}-tomt`, class: "help" }, "Lämna tomt om du inte vill svara."));
    input.setAttribute("aria-describedby", `${describedBy} ${id}-tomt`);
  } else {
    wrap.append(el("label", { for: id, id: "fraga-rubrik", class: "question-label", tabindex: "-1" }, q.text));
    const select = el("select", { id, name: "svar", "aria-describedby": describedBy });
    select.append(el("option", { value: "" }, "Vet inte / vill inte svara"));
    for (const k of state.kommuner) select.append(el("option", { value: k.code }, k.name));
    select.append(el("option", { value: "annan" }, "En annan kommun"));
    if (value) select.value = state.kommuner.some((k) => k.code === value) ? value : "annan";
    wrap.append(select);
  }
  wrap.append(el("p", { id: `${id}-hjalp`, class: "help" }, q.help));
  wrap.append(el("p", { id: `${id}-fel`, class: "field-error", hidden: "" }));
  return wrap;
}

function askQuestion(q, remaining) {
  state.current = q;
  if (!state.asked.includes(q.code)) state.asked.push(q.code);
  const number = state.asked.indexOf(q.code) + 1;
  $("steg").textContent = `Fråga ${number} av högst ${Math.max(number, state.answers.size + remaining)}`;
  $("fraga-falt").replaceChildren(inputFor(q, state.answers.get(q.code)?.value));
  show("fraga");
  showError("");
  $("fraga-rubrik").focus();
}

function readAnswer(q) {
  if (q.type === "FACT_TYPE_YES_NO") {
    const chosen = document.querySelector('input[name="svar"]:checked');
    return chosen && chosen.value ? chosen.value === "ja" : null;
  }
  const value = $("svar-falt").value;
  if (value === "") return null;
  if (q.type === "FACT_TYPE_AGE") return Number(value);
  // "Another kommun": 0000 is no kommun's code (they start at 0114), so it meets no condition on a kommun here.
  return value === "annan" ? "0000" : value;
}

async function next(event) {
  event.preventDefault();
  const q = state.current;
  fieldError("svar-falt", "");
  showError("");
  const value = readAnswer(q); // checked by the API, whose words are shown beside the field
  const before = state.answers.get(q.code);
  state.answers.set(q.code, { question: q, value });
  busy($("nasta"), true);
  try {
    await advance();
  } catch (e) {
    if (before) state.answers.set(q.code, before); else state.answers.delete(q.code);
    showApiError(e, () => "svar-falt"); // one question on screen: the error is about its answer
  } finally {
    busy($("nasta"), false);
  }
}

function back() {
  const i = state.asked.indexOf(state.current?.code);
  if (i <= 0) {
    show("start");
    $("steg").textContent = "";
    $("start-rubrik").focus();
    return;
  }
  const previous = state.answers.get(state.asked[i - 1]);
  askQuestion(previous.question, 0);
}

// ---- Step 3: the summary ----

function answerText(q, value) {
  if (value === null || value === undefined) return "Vet inte";
  if (q.type === "FACT_TYPE_YES_NO") return value ? "Ja" : "Nej";
  if (q.type === "FACT_TYPE_AGE") return `${value} år`;
  return state.kommuner.find((k) => k.code === value)?.name || "En annan kommun";
}

function showSummary() {
  const list = $("svarslista");
  list.replaceChildren();
  for (const code of state.asked) {
    const entry = state.answers.get(code);
    if (!entry) continue;
    const row = el("div");
    const change = el("button", { type: "button", class: "link" }, "Ändra");
    change.setAttribute("aria-label", `Ändra svaret på: ${entry.question.text}`);
    change.addEventListener("click", () => askQuestion(entry.question, 0));
    const dd = el("dd");
    dd.append(el("span", {}, answerText(entry.question, entry.value) + " "), change);
    row.append(el("dt", {}, entry.question.text), dd);
    list.append(row);
  }
  if (!list.children.length) list.append(el("p", {}, "Kommunen behövde inga svar från dig."));
  $("steg").textContent = "Sammanfattning";
  show("sammanfattning");
  $("sammanfattning-rubrik").focus();
}

function showNothingOffered(answer) {
  $("resultat").replaceChildren(el("p", {}, "Kommunen har inga stöd som kan användas direkt den dagen. Du kan alltid ansöka om stöd."));
  showInformation(answer);
  $("steg").textContent = "";
  show("svar");
  $("svar-rubrik").focus();
}

// ---- Step 4: the answer ----

function contactBlock(contact, heading) {
  const box = el("div", { class: "contact" });
  if (!contact || !contact.unit) return box;
  box.append(el("p", {}, `${heading}: ${contact.unit}`));
  if (contact.address) box.append(el("p", {}, `Adress: ${contact.address}`));
  if (contact.phone) {
    const p = el("p", {}, "Telefon: ");
    p.append(el("a", { href: "tel:" + contact.phone.replace(/[^0-9+]/g, "") }, contact.phone));
    box.append(p);
  }
  if (contact.openingHours) box.append(el("p", {}, `Öppettider: ${contact.openingHours}`));
  if (contact.link && contact.link.startsWith("https://")) {
    const p = el("p");
    p.append(el("a", { href: contact.link }, "Läs mer på kommunens webbplats"));
    box.append(p);
  }
  if (contact.note) box.append(el("p", { class: "help" }, contact.note));
  return box;
}

function showInformation(answer) {
  $("information").textContent = answer.information?.text || "";
  $("paragraf").textContent = answer.information?.paragraph ? `Enligt ${answer.information.paragraph}.` : "";
  const where = $("kommunkontakt");
  where.replaceChildren();
  if (answer.contact?.unit) {
    where.append(el("h3", {}, "Vart du vänder dig"), contactBlock(answer.contact, "Kontakt"));
  }
}

function whyList(check) {
  const details = el("details");
  details.append(el("summary", {}, "Varför?"));
  details.append(el("p", {}, check.explanation));
  const list = el("ul");
  for (const c of check.conditions || []) {
    const status = { CONDITION_STATUS_MET: "Uppfyllt", CONDITION_STATUS_NOT_MET: "Inte uppfyllt" }[c.status] || "Vet inte";
    const item = el("li");
    item.append(el("strong", {}, `${c.description}: ${status}. `), document.createTextNode(`${c.explanation} `), el("span", { class: "paragraph" }, `(Källa: ${c.source})`));
    list.append(item);
  }
  details.append(list);
  return details;
}

async function showAnswer() {
  showError("");
  busy($("visa"), true);
  try {
    // Each insats the person can use is checked on its own: the check is the answer the kommun keeps, with its id.
    const body = { asOf: state.asOf, facts: facts() };
    const answer = await api(`/v1/municipalities/${state.kommun}:listDirectInterventions`, body);
    const checks = await Promise.all((answer.eligible || []).map((s) => api(`/v1/${s.intervention}:checkEligibility`, body)));
    const result = $("resultat");
    result.replaceChildren();
    if (checks.length) {
      result.append(el("p", {}, "Du kan använda de här stöden direkt, utan att ansöka. Kontakta verksamheten när du vill börja."));
    } else {
      result.append(el("p", {}, "Med dina svar finns inget stöd som du kan använda direkt den dagen. Du kan alltid ansöka om stöd."));
    }
    (answer.eligible || []).forEach((s, i) => {
      const check = checks[i];
      const item = el("article", { class: "insats", "aria-labelledby": `insats-${i}` });
      item.append(el("h3", { id: `insats-${i}` }, s.displayName));
      if (s.description) item.append(el("p", {}, s.description));
      if (s.contact?.unit && s.contact.unit !== answer.contact?.unit) item.append(contactBlock(s.contact, "Vänd dig till"));
      const id = el("p", {}, "Svarets id: ");
      id.append(el("span", { class: "answer-id" }, check.decisionId));
      id.append(document.createTextNode(". Ange det om du kontaktar kommunen om svaret."));
      item.append(id, whyList(check));
      result.append(item);
    });
    if ((answer.possible || []).length) {
      result.append(el("h3", {}, "Det här kan du kanske använda"));
      result.append(el("p", {}, "Du svarade \"vet inte\" på en fråga som avgör de här. Kontakta kommunen, eller ändra ditt svar."));
      for (const s of answer.possible) {
        const item = el("div", { class: "insats maybe" });
        item.append(el("h4", {}, s.displayName));
        if (s.description) item.append(el("p", {}, s.description));
        result.append(item);
      }
    }
    showInformation(answer);
    $("steg").textContent = "Ditt svar";
    show("svar");
    $("svar-rubrik").focus();
  } catch (e) {
    showApiError(e, () => null);
  } finally {
    busy($("visa"), false);
  }
}

function restart() {
  state.generation++;
  Object.assign(state, { answers: new Map(), asked: [], current: null, last: null });
  $("resultat").replaceChildren();
  $("steg").textContent = "";
  show("start");
  $("start-rubrik").focus();
}

document.addEventListener("DOMContentLoaded", () => {
  $("start").addEventListener("submit", start);
  $("fraga").addEventListener("submit", next);
  $("tillbaka").addEventListener("click", back);
  $("visa").addEventListener("click", showAnswer);
  $("skriv-ut").addEventListener("click", () => window.print());
  $("andra-svar").addEventListener("click", showSummary);
  $("borja-om").addEventListener("click", restart);
  // A changed kommun or day starts over: answers given for one kommun's questions do not carry to another's.
  $("kommun").addEventListener("change", () => { state.generation++; fieldError("kommun", ""); });
  $("datum").addEventListener("change", () => { state.generation++; });
  loadKommuner().catch(() => showError("Kommunerna kunde inte hämtas. Ladda om sidan."));
});
