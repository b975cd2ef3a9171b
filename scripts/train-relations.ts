// npm run train:relations [-- --out PAIRS.jsonl]
// Writes what the relation classifier learns from: every ordered pair of entities that share
// a parsed sentence in the training documents (the corpus/docs train split; never validation,
// and not the shared dev set, whose rules were tuned on it), with its parse features and the gold relation between the two, if
// any. python/train_relations.py then fits data/models/relation-classifier.json. The rules
// run alone here (no shipped model), so the model learns what to add to them.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { RELATION_TYPES, relationEndsAllowed } from '../src/ontology.js';
import { extractWithParser } from '../src/extract/index.js';
import type { PairCandidate } from '../src/extract/relations/learned.js';
import { sharedParser } from '../src/extract/parser/pool.js';
import { splitOf } from '../src/extract/split.js';
import { normName, readGoldDocs, type GoldDoc } from '../src/extract/score.js';

const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const out = outAt >= 0 ? args[outAt + 1]! : '.cache/relation-pairs.jsonl';
const docs: GoldDoc[] = readGoldDocs('corpus/docs').filter((d) => splitOf(String(d.id)) === 'train');
const parser = sharedParser();
if (!parser) throw new Error('[train] the dependency parser is needed (npm install sets up .venv/)');
fs.mkdirSync(path.dirname(out), { recursive: true });
const lines: string[] = [];
for (const g of docs) {
  const id = String(g.id);
  const pairs: PairCandidate[] = [];
  const x = await extractWithParser({ id, title: g.title, text: g.text, published: g.published }, parser, { relationModel: null, pairs });
  // relations are matched on names as the scorer matches them: the first gold entity of that name
  const gents = g.entities.map((e) => new Set([e.name, ...(e.aliases ?? [])].map(normName)));
  const key = (name: string): string => {
    const i = gents.findIndex((names) => names.has(normName(name)));
    return i >= 0 ? String(i) : `x:${normName(name)}`;
  };
  const gold = [...new Set(g.relations.map((r) => `${key(r.source)}|${r.type}|${key(r.target)}`))];
  const rules = [...new Set(x.relations.map((r) => `${key(r.source)}|${r.type}|${key(r.target)}`))];
  const candidates = pairs.map((c) => {
    const s = key(c.from.name);
    const t = key(c.to.name);
    const labels = gold.filter((k) => k.startsWith(`${s}|`) && k.endsWith(`|${t}`)).map((k) => k.split('|')[1]);
    const allowed = RELATION_TYPES.filter((type) => relationEndsAllowed(type, c.from.type, c.to.type));
    return { s, t, allowed, sentence: c.sentence, label: labels[0] ?? 'NONE', features: c.features };
  });
  lines.push(JSON.stringify({ doc: id, gold, rules, candidates }));
}
void parser.close();
fs.writeFileSync(out, lines.join('\n') + '\n');
console.error(`[train] ${docs.length} documents, ${lines.length} written to ${out}`);
if (!args.includes('--pairs-only')) {
  const python = path.resolve('.venv/bin/python');
  const fit = spawnSync(python, ['python/train_relations.py', out, 'data/models/relation-classifier.json'], { stdio: 'inherit' });
  process.exit(fit.status ?? 1);
}
