// Writes the sample corpus of ingest/ from ../shared/corpus/dev: one Markdown file per
// article with its title, date, source and licence in front matter, annotations left out.
// Run once by hand (`node scripts/build-sample-corpus.mjs`); its output is committed.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const devDir = process.argv[2] ?? '../shared/corpus/dev';
const outDir = 'ingest';
const SEED_LICENCE = 'Seed page of the ThreatGraph project (shared/corpus/seed); quoted for analysis';

const yamlString = (value) => JSON.stringify(String(value)); // JSON strings are valid YAML

for (const file of readdirSync(devDir)
  .filter((f) => f.endsWith('.json'))
  .sort()) {
  const doc = JSON.parse(readFileSync(join(devDir, file), 'utf8'));
  const front = [
    `id: ${yamlString(doc.id)}`,
    `title: ${yamlString(doc.title.replace(/\u00a0/g, ' '))}`,
    doc.published ? `published: ${yamlString(doc.published)}` : null,
    `source: ${yamlString(doc.source)}`,
    /^https?:/.test(doc.source) ? `url: ${yamlString(doc.source)}` : null,
    `license: ${yamlString(doc.license ?? SEED_LICENCE)}`,
  ].filter(Boolean);
  writeFileSync(join(outDir, basename(file, '.json') + '.md'), `---\n${front.join('\n')}\n---\n\n${doc.text.trim()}\n`);
}
