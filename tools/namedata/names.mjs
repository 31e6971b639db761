// Writes given-names.txt and surnames.txt: the curated Swedish lists already in the folder (kept as the
// first section) and the Latin-script person names of @faker-js/faker's locales (MIT).
import { allLocales } from '@faker-js/faker';
import { readFileSync, writeFileSync } from 'node:fs';
const out = process.argv[2];
const locales = ['sv', 'nb_NO', 'da', 'fi', 'de', 'tr', 'pl', 'vi', 'hr', 'sr_RS_latin', 'az', 'cs_CZ', 'sk', 'fr', 'es', 'it', 'en', 'lv', 'ro', 'hu', 'pt_BR', 'nl', 'id_ID', 'af_ZA', 'yo_NG', 'zu_ZA'];
const flat = x => !x ? [] : Array.isArray(x) ? x.flatMap(v => typeof v === 'string' ? [v] : (v?.value ? [v.value] : flat(v))) : typeof x === 'object' ? Object.values(x).flatMap(flat) : [];
const latin = /^[\p{Script=Latin}][\p{Script=Latin}\p{M}'’-]*$/u;
const curated = file => readFileSync(new URL(file, import.meta.url), 'utf8').split('\n').filter(l => l && !l.startsWith('#'));
for (const [file, key, curatedFile] of [['given-names.txt', 'first_name', 'given-names-curated.txt'], ['surnames.txt', 'last_name', 'surnames-curated.txt']]) {
  const names = new Set(curated(curatedFile));
  const counts = {};
  for (const code of locales) {
    const person = allLocales[code]?.person;
    if (!person) throw new Error(`no person data for ${code}`);
    const before = names.size;
    for (const full of flat(person[key])) {
      for (const token of full.normalize('NFC').split(/\s+/)) {
        if (token.length >= 2 && latin.test(token)) names.add(token);
      }
    }
    counts[code] = names.size - before;
  }
  const header = `# Person names (${key === 'first_name' ? 'given' : 'surnames'}), one a line: the curated Swedish list, then @faker-js/faker 10.6.0 (MIT) locales ${locales.join(' ')}. Built by tools/namedata/build.sh.`;
  writeFileSync(`${out}/${file}`, [header, ...[...names].sort()].join('\n') + '\n');
  console.error(file, JSON.stringify(counts));
}
