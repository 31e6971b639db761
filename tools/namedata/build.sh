#!/usr/bin/env bash
# Rebuilds the note scanner's word and name data in services/NoteScanning/Data from packages
# (run by a developer when the sources are updated; the output is committed, CI does not run this).
#   Debian: hunspell-sv (sv_SE, LGPL-3, Göran Andersson) and hunspell-tools (unmunch)
#   npm:    @faker-js/faker (MIT) — Latin-script person names of the locales listed in names.mjs
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../../services/NoteScanning/Data"
command -v unmunch >/dev/null || apt-get install -y -qq hunspell-sv hunspell-tools >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Ordinary Swedish words: every inflected form of every lower-case entry of the sv_SE dictionary.
unmunch /usr/share/hunspell/sv_SE.dic /usr/share/hunspell/sv_SE.aff 2>/dev/null \
  | grep -E '^[a-zåäöéü][a-zåäöéü-]*$' | LC_ALL=C sort -u | gzip -9 -n > "$out/lexicon-sv.txt.gz"

# Proper nouns of the same dictionary (names and places together; the scanner tells them apart by context).
{ echo "# Proper nouns of the sv_SE hunspell dictionary (LGPL-3): names and places. Built by tools/namedata/build.sh."
  grep -E '^[A-ZÅÄÖ][^/]*' -o /usr/share/hunspell/sv_SE.dic | grep -v -E '[0-9.]' | LC_ALL=C sort -u; } > "$out/proper-nouns.txt"

# Person names of many origins from @faker-js/faker's locales.
(cd "$work" && npm init -y >/dev/null && npm install --silent @faker-js/faker@10.6.0 >/dev/null)
cp "$here/names.mjs" "$here/given-names-curated.txt" "$here/surnames-curated.txt" "$work/"
(cd "$work" && node names.mjs "$out")
echo "wrote $(zcat "$out/lexicon-sv.txt.gz" | wc -l) word forms, $(wc -l < "$out/proper-nouns.txt") proper nouns, \
$(wc -l < "$out/given-names.txt") given names, $(wc -l < "$out/surnames.txt") surnames"
