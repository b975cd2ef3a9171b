// npm run eval -- DIR [--split train|validation] [--out PRED.jsonl] [--verbose] [--no-parser]
// Runs extract() on every gold file in DIR and scores it as ONTOLOGY.md says, with
// the same figures as ../shared/tools/score.mjs on the same predictions.
import fs from 'node:fs';
import { extractWithParser } from '../src/extract/index.js';
import { sharedParser } from '../src/extract/parser/pool.js';
import { splitOf, type Split } from '../src/extract/split.js';
import { formatScores, readGoldDocs, scoreDocuments, type GoldDoc } from '../src/extract/score.js';

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--'));
if (!dir) {
  console.error('usage: npm run eval -- GOLD_DIR [--out PRED.jsonl] [--verbose]');
  process.exit(2);
}
const outAt = args.indexOf('--out');
const outFile = outAt >= 0 ? args[outAt + 1] : undefined;
const splitAt = args.indexOf('--split');
const split = splitAt >= 0 ? (args[splitAt + 1] as Split) : undefined;
if (split && split !== 'train' && split !== 'validation') {
  console.error(`--split must be train or validation, not ${String(split)}`);
  process.exit(2);
}
const gold: GoldDoc[] = readGoldDocs(dir).filter((doc) => !split || splitOf(String(doc.id)) === split);
console.error(`${gold.length} documents${split ? ` (${split} split)` : ''}`);
// The dependency parser runs unless THREATGRAPH_PARSER=off (or the venv is missing).
const parser = args.includes('--no-parser') ? undefined : sharedParser();
const preds = [];
for (const g of gold) {
  const x = await extractWithParser({ id: String(g.id), title: g.title, text: g.text, published: g.published }, parser);
  preds.push({ id: x.id, entities: x.entities, relations: x.relations });
}
void parser?.close(); // the workers are unref'd: the process ends with the script
if (outFile) fs.writeFileSync(outFile, preds.map((p) => JSON.stringify(p)).join('\n') + '\n');
const scores = scoreDocuments(gold, preds, args.includes('--verbose'));
if (scores.errors.length) console.error(scores.errors.join('\n'));
console.log(formatScores(scores));
