// npm run eval -- DIR [--out PRED.jsonl] [--verbose]
// Runs extract() on every gold file in DIR and scores it as ONTOLOGY.md says, with
// the same figures as ../shared/tools/score.mjs on the same predictions.
import fs from 'node:fs';
import path from 'node:path';
import { extract } from '../src/extract/index.js';
import { formatScores, scoreDocuments, type GoldDoc } from '../src/extract/score.js';

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--'));
if (!dir) {
  console.error('usage: npm run eval -- GOLD_DIR [--out PRED.jsonl] [--verbose]');
  process.exit(2);
}
const outAt = args.indexOf('--out');
const outFile = outAt >= 0 ? args[outAt + 1] : undefined;
const gold: GoldDoc[] = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => {
  const doc = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as GoldDoc;
  return { ...doc, id: doc.id ?? path.basename(f, '.json') };
});
const preds = gold.map((g) => {
  const x = extract({ id: String(g.id), title: g.title, text: g.text, published: g.published });
  return { id: x.id, entities: x.entities, relations: x.relations };
});
if (outFile) fs.writeFileSync(outFile, preds.map((p) => JSON.stringify(p)).join('\n') + '\n');
const scores = scoreDocuments(gold, preds, args.includes('--verbose'));
if (scores.errors.length) console.error(scores.errors.join('\n'));
console.log(formatScores(scores));
