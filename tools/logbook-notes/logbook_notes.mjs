// Writes the eighth labelled set, tests/Documentation.Tests/corpus/logbook-notes.jsonl (npm install && node logbook_notes.mjs > FILE).
//
// Written apart from the scanner and from the other sets' generators: another language (JavaScript), other note
// types (telephone logs, letters with a greeting and a signature block, contact tables written with pipes, child-
// investigation paragraphs with ages, numbered lists, chat-like lower-case lines) and other name sources: chance.js
// 1.1.13's name lists (MIT) and fakerator 0.3.6's locales (MIT), both from npm. Every label carries its form.
// Offsets are UTF-16 code units, as JavaScript strings count them and as the scanner reports them.
import Chance from 'chance';
import Fakerator from 'fakerator';

const chance = new Chance(2032);
const pick = (list) => list[chance.integer({ min: 0, max: list.length - 1 })];
const int = (min, max) => chance.integer({ min, max });

const fakerators = Object.fromEntries(['sv-SE', 'nb-NO', 'hu-HU', 'cs-CZ', 'pl-PL', 'sk-SK'].map((l) => [l, Fakerator(l)]));
for (const f of Object.values(fakerators)) f.seed(2032);
const chanceLast = ['en', 'it', 'nl', 'uk', 'de', 'es', 'fr'];
const chanceFirst = ['en', 'it', 'nl', 'fr'];

function person() {
  const r = int(0, 9);
  if (r < 5) {
    const locale = r < 3 ? 'sv-SE' : pick(Object.keys(fakerators));
    const f = fakerators[locale];
    return { given: f.names.firstName(), family: f.names.lastName(), origin: `fakerator-${locale}` };
  }
  const nat = pick(chanceLast);
  const firstNat = chanceFirst.includes(nat) ? nat : pick(chanceFirst);
  return { given: chance.first({ nationality: firstNat }), family: chance.last({ nationality: nat }), origin: `chance-${nat}` };
}

const full = (p) => `${p.given} ${p.family}`;
const clean = (p) => /^[\p{L}' -]+$/u.test(p.given + p.family) && !/\s/.test(p.given) && !/\s/.test(p.family);
function someone() { for (;;) { const p = person(); if (clean(p)) return p; } }

class Note {
  constructor() { this.text = ''; this.labels = []; }
  t(s) { this.text += s; return this; }
  put(detector, s, form, origin) {
    const label = { detector, start: this.text.length, length: s.length };
    if (origin) label.origin = origin;
    label.form = form;
    this.labels.push(label);
    this.text += s;
    return this;
  }
  name(s, p, form) { return this.put('name', s, form, p.origin); }
}

function luhn(nine) {
  let sum = 0;
  for (let i = 0; i < 9; i++) { let d = Number(nine[i]) * (i % 2 === 0 ? 2 : 1); if (d > 9) d -= 9; sum += d; }
  return (10 - (sum % 10)) % 10;
}
function identity(coordination) {
  const year = int(1940, 2021), month = int(1, 12), day = int(1, 28) + (coordination ? 60 : 0);
  const nine = String(year % 100).padStart(2, '0') + String(month).padStart(2, '0') + String(day).padStart(2, '0') + String(int(0, 999)).padStart(3, '0');
  const d = nine + luhn(nine);
  const form = pick(['dash', 'long-dash', 'long', 'plus-dash']);
  const century = String(Math.floor(year / 100));
  const s = form === 'dash' ? `${d.slice(0, 6)}-${d.slice(6)}` : form === 'long-dash' ? `${century}${d.slice(0, 6)}-${d.slice(6)}` : form === 'long' ? `${century}${d}` : `${d.slice(0, 6)}-${d.slice(6)}`;
  return { s, form: form === 'plus-dash' ? 'dash' : form, kind: coordination ? 'samordningsnummer' : 'personnummer' };
}
function phone() {
  const mob = `07${pick(['0', '2', '3', '6'])}`;
  const n = () => String(int(0, 99)).padStart(2, '0');
  return pick([
    [`${mob}-${int(100, 999)} ${n()} ${n()}`, 'mobile'],
    [`${mob} - ${int(100, 999)} ${n()} ${n()}`, 'spaced-dash'],
    [`+46-${mob.slice(1)}-${int(1000000, 9999999)}`, 'international'],
    [`08–${int(100, 999)} ${n()} ${n()}`, 'en-dash'],
    [`0${pick(['31', '40', '46', '90', '920'])}-${int(10, 99)} ${n()} ${n()}`, 'landline'],
  ]);
}
const ascii = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z]/g, '');
function mail(p) {
  return pick([`${ascii(p.given)}.${ascii(p.family)}@${pick(['gmail.com', 'hotmail.com', 'kommun.se', 'skola.kommun.se', 'bredband.net'])}`, `${ascii(p.family)}${int(1, 99)}@${pick(['live.se', 'telia.com'])}`]);
}
const streets = ['Vallgatan', 'Skolgatan', 'Ängsvägen', 'Furuvägen', 'Kvarngatan', 'Björkstigen', 'Hagagatan', 'Lövängsvägen', 'Tingsgatan'];
const places = ['Lerum', 'Kalix', 'Borås', 'Falun', 'Nyköping', 'Karlstad', 'Örebro', 'Kiruna', 'Ystad'];
function address() {
  const st = pick(streets), no = int(1, 80);
  return pick([
    [`${st} ${no} B lgh ${int(1001, 1304)}, ${int(100, 989)} ${String(int(0, 99)).padStart(2, '0')} ${pick(places)}`, 'apartment-postal'],
    [`${st} ${no}A`, 'letter'],
    [`${st} ${no}, ${pick(places)}`, 'ort'],
    [`${st.toUpperCase()} ${no}`, 'caps'],
    [`${st.toLowerCase()} ${no}`, 'lower'],
  ]);
}
const roles = ['socialsekreterare', 'biståndshandläggare', 'LSS-handläggare', 'familjebehandlare', 'enhetschef'];
const kin = ['mamma', 'pappa', 'mormor', 'farfar', 'moster', 'styvpappa', 'storasyster'];

function phoneLog(n) {
  const a = someone(), b = someone();
  n.t(`${int(8, 16)}.${String(int(0, 59)).padStart(2, '0')} Tel.samtal in fr. `).name(full(a), a, 'full').t(` (${pick(kin)} till `).name(b.given, b, 'first-alone').t(') ang. korttids. ');
  const [ph, form] = phone();
  n.t('Återuppringning på ').put('phone', ph, form).t('. ');
}
function letter(n) {
  const to = someone(), me = someone();
  n.t('Hej ').name(to.given, to, 'greeting').t('!\nTack för samtalet i tisdags. Bifogar beslutet.\nVänliga hälsningar\n').name(full(me), me, 'signature-block').t(`\n${pick(roles)}\n`);
  const [ph, form] = phone();
  n.t('Tfn: ').put('phone', ph, form).t('\nE-post: ').put('email', mail(me), 'plain').t('\n');
}
function table(n) {
  n.t('Namn | Roll | Telefon\n');
  for (let i = 0; i < int(2, 3); i++) {
    const p = someone(); const [ph, form] = phone();
    n.name(full(p), p, 'table').t(` | ${pick(kin)} | `).put('phone', ph, form).t('\n');
  }
}
function investigation(n) {
  const child = someone(), mother = someone(), father = someone();
  n.t('Barnets behov. ').name(child.given, child, 'first-alone').t(` (${int(2, 17)} år) bor växelvis hos mamma `).name(full(mother), mother, 'full')
    .t(' och pappa ').name(`${father.given} ${child.family}`, father, 'full').t('. ');
  const id = identity(int(0, 3) === 0);
  n.t(`${pick(['Pnr', 'Personnr', 'Barnets pnr'])} `).put(id.kind, id.s, id.form).t('. ');
  n.name(`${child.given}s`, child, 'possessive').t(` skola har ${int(5, 30)} % frånvaro. `);
}
function numbered(n) {
  n.t('Åtgärder:\n');
  const a = someone(), b = someone(), c = someone();
  n.t('1) Kontakt med ').name(`${a.given[0]}. ${a.family}`, a, 'initial').t(' på BUP.\n');
  n.t('2) Hembesök hos ').name(b.family, b, 'surname-alone').t(' v. ').t(String(int(1, 52))).t('.\n');
  const [addr, form] = address();
  n.t('3) Ny adress: ').put('address', addr, form).t('.\n');
  n.t('4) ').name(c.given, c, 'first-alone').t(' återkommer.\n');
}
function chat(n) {
  const a = someone(), b = someone();
  n.t('pratat m ').name(a.given.toLowerCase(), a, 'lower').t(' idag, hon ringer tillbaka. ');
  n.t(`${pick(kin)} (`).name(b.given.toLowerCase(), b, 'lower-in-brackets').t(') var med. ');
  n.t('mejl från ').put('email', mail(a), 'plain').t(' kl 9. ');
}
function hyphenated(n) {
  const a = someone(), b = someone();
  const g = `${a.given}-${pick(['Karin', 'Marie', 'Lena', 'Göran', 'Erik', 'Maria'])}`;
  n.t('Närvarande: ').name(`${g} ${a.family}`, a, 'hyphenated-given').t(', ').name(`${b.given} ${b.family}-${pick(['Lind', 'Berg', 'Holm', 'Ek'])}`, b, 'hyphenated-surname').t('. ');
}
function decoys(n) {
  n.t(pick([
    'Pnr ÅÅMMDD-NNNN saknas i ansökan. ',
    'Beslut enl. 4 kap. 1 § SoL t.o.m. 2026-06-30. ',
    'F.d. make bor kvar i huset. Vi ses v. 12. ',
    'Kostnad 3 450 kr/mån, varav hyra 2 100 kr. ',
    'Läkemedel: Sertralin 50 mg, Melatonin 3 mg till natten. ',
    'Hon (lärare) berättar att det gått bättre. ',
    'Ärende 2025/1234 SN. Ref. nr 55-1234. ',
    'Diagnoser: F84.0, F90.0. Utredning på BUP klar i mars. ',
  ]));
}

const frames = [phoneLog, letter, table, investigation, numbered, chat, hyphenated];
for (let i = 0; i < 500; i++) {
  const n = new Note();
  const count = int(1, 3);
  for (let k = 0; k < count; k++) pick(frames)(n);
  for (let k = 0; k < int(0, 2); k++) decoys(n);
  const text = n.text.replace(/\s+$/, '');
  const labels = n.labels.filter((l) => l.start + l.length <= text.length).sort((x, y) => x.start - y.start);
  console.log(JSON.stringify({ text, labels }));
}
