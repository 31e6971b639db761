"use strict";
// The demo e-tjänst: everything it asks comes from ListQuestions, everything it shows from the answers.
// Plain DOM, no framework; every text node is set with textContent (nothing from an answer becomes markup).

const state = { token: "", kommun: "", kommuner: [], questions: [] };
const $ = (id) => document.getElementById(id);

function el(tag, attributes = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function asOf() {
  const value = $("datum").value;
  if (!value) return null;
  const [year, month, day] = value.split("-").map(Number);
  return { year, month, day };
}

async function api(path, body) {
  const response = await fetch(path, {
    method: body === undefined ? "GET" : "POST",
    headers: { Authorization: "Bearer " + state.token, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(json.message || "Något gick fel. Försök igen.");
  return json;
}

function showError(message) {
  const box = $("fel");
  box.textContent = message;
  box.hidden = !message;
}

async function loadKommuner() {
  state.kommuner = await (await fetch("/demo/kommuner")).json();
  for (const k of state.kommuner) $("kommun").append(el("option", { value: k.code }, k.name));
}

async function chooseKommun() {
  showError("");
  $("svar").hidden = true;
  $("questions").replaceChildren();
  state.kommun = $("kommun").value;
  if (!state.kommun) return;
  try {
    state.token = (await (await fetch("/demo/token/" + state.kommun, { method: "POST" })).json()).token;
    const date = asOf();
    const query = date ? `?asOf.year=${date.year}&asOf.month=${date.month}&asOf.day=${date.day}` : "";
    state.questions = (await api(`/v1/municipalities/${state.kommun}/questions${query}`)).questions || [];
    renderQuestions();
  } catch (e) {
    showError(e.message);
  }
}

function help(q, id) {
  const onlyWhen = [...new Set((q.uses || []).map((u) => u.onlyWhen).filter(Boolean))];
  const when = onlyWhen.length ? `Frågan gäller bara ${onlyWhen.map((w) => w.toLowerCase()).join(" eller ")}.` : "";
  return el("p", { id, class: "help" }, [q.help, when].filter(Boolean).join(" "));
}

function renderQuestions() {
  const container = $("questions");
  container.replaceChildren(el("h2", {}, "Frågor"));
  state.questions.forEach((q, i) => {
    const id = "q" + i;
    if (q.type === "FACT_TYPE_YES_NO") {
      const set = el("fieldset", { "aria-describedby": id + "-hjalp" });
      set.append(el("legend", {}, q.text));
      for (const [value, text] of [["ja", "Ja"], ["nej", "Nej"], ["", "Vet inte"]]) {
        const radio = el("input", { type: "radio", name: id, id: `${id}-${value || "vet-inte"}`, value });
        if (value === "") radio.checked = true;
        set.append(radio, el("label", { for: radio.id }, text));
      }
      set.append(help(q, id + "-hjalp"));
      container.append(set);
    } else if (q.type === "FACT_TYPE_AGE") {
      const field = el("div", { class: "field" });
      field.append(el("label", { for: id }, q.text),
        el("input", { id, name: id, type: "number", min: "0", max: "130", inputmode: "numeric", "aria-describedby": id + "-hjalp" }),
        help(q, id + "-hjalp"));
      container.append(field);
    } else {
      const field = el("div", { class: "field" });
      const select = el("select", { id, name: id, "aria-describedby": id + "-hjalp" });
      select.append(el("option", { value: "" }, "Vet inte / vill inte svara"));
      for (const k of state.kommuner) select.append(el("option", { value: k.code }, k.name));
      select.append(el("option", { value: "annan" }, "En annan kommun"));
      field.append(el("label", { for: id }, q.text), select, help(q, id + "-hjalp"));
      const other = el("div", { class: "field", hidden: "" });
      other.append(el("label", { for: id + "-kod" }, "Kommunkod (fyra siffror)"),
        el("input", { id: id + "-kod", inputmode: "numeric", pattern: "[0-9]{4}", maxlength: "4" }));
      select.addEventListener("change", () => { other.hidden = select.value !== "annan"; });
      field.append(other);
      container.append(field);
    }
  });
}

/** Puts an answer where the question's field says ("facts.child.age" → facts.child.statedAge). */
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

function readFacts() {
  const facts = {};
  state.questions.forEach((q, i) => {
    const id = "q" + i;
    if (q.type === "FACT_TYPE_YES_NO") {
      const chosen = document.querySelector(`input[name="${id}"]:checked`);
      if (chosen && chosen.value) put(facts, q, chosen.value === "ja");
    } else if (q.type === "FACT_TYPE_AGE") {
      const value = $(id).value;
      if (value !== "") put(facts, q, Number(value));
    } else {
      const value = $(id).value === "annan" ? $(id + "-kod").value : $(id).value;
      if (value) put(facts, q, value);
    }
  });
  return facts;
}

async function why(name, button, target) {
  if (button.getAttribute("aria-expanded") === "true") {
    button.setAttribute("aria-expanded", "false");
    target.hidden = true;
    return;
  }
  const answer = await api(`/v1/${name}:checkEligibility`, { asOf: asOf(), facts: readFacts() });
  const list = el("ul");
  for (const c of answer.conditions || []) {
    const status = { CONDITION_STATUS_MET: "Uppfyllt", CONDITION_STATUS_NOT_MET: "Inte uppfyllt" }[c.status] || "Vet inte";
    const item = el("li");
    item.append(el("strong", {}, `${c.description}: ${status}. `), document.createTextNode(`${c.explanation} `), el("span", { class: "paragraph" }, `(Källa: ${c.source})`));
    list.append(item);
  }
  target.replaceChildren(el("p", {}, answer.explanation), list);
  target.hidden = false;
  button.setAttribute("aria-expanded", "true");
}

async function submit(event) {
  event.preventDefault();
  showError("");
  if (!state.kommun) {
    showError("Välj en kommun först.");
    $("kommun").focus();
    return;
  }
  try {
    const answer = await api(`/v1/municipalities/${state.kommun}:listDirectInterventions`, { asOf: asOf(), facts: readFacts() });
    const result = $("resultat");
    result.replaceChildren();
    const eligible = answer.eligible || [];
    const possible = answer.possible || [];
    if (eligible.length) {
      result.append(el("h3", {}, "Det här kan du använda direkt"));
      const list = el("ul", { class: "ok" });
      eligible.forEach((s, i) => {
        const item = el("li");
        const details = el("div", { id: `varfor-${i}`, hidden: "" });
        const button = el("button", { type: "button", "aria-expanded": "false", "aria-controls": details.id }, `Visa varför: ${s.displayName}`);
        button.addEventListener("click", () => why(s.intervention, button, details).catch((e) => showError(e.message)));
        item.append(el("span", {}, s.displayName + " "), button, details);
        list.append(item);
      });
      result.append(list);
    }
    if (possible.length) {
      result.append(el("h3", {}, "Det här kan du kanske använda – svara på fler frågor"));
      const list = el("ul", { class: "maybe" });
      for (const s of possible) {
        const item = el("li", {}, s.displayName);
        const missing = el("ul");
        for (const m of s.missing || []) missing.append(el("li", {}, m.question));
        item.append(missing);
        list.append(item);
      }
      result.append(list);
    }
    if (!eligible.length && !possible.length) {
      result.append(el("p", {}, "Inget stöd kan användas direkt med dina svar den dagen."));
    }
    $("information").textContent = answer.information?.text || "";
    $("paragraf").textContent = answer.information?.paragraph ? `Enligt ${answer.information.paragraph}.` : "";
    $("svar").hidden = false;
    $("svar-rubrik").focus();
  } catch (e) {
    showError(e.message);
  }
}

document.addEventListener("DOMContentLoaded", () => {
  $("kommun").addEventListener("change", chooseKommun);
  $("datum").addEventListener("change", chooseKommun);
  $("fragor").addEventListener("submit", submit);
  loadKommuner().catch((e) => showError(e.message));
});
