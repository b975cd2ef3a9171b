// The dev set as a regression guard: every gold file of ../shared/corpus/dev through
// the whole extraction (rules and the dependency parser) and the ONTOLOGY.md scoring. It
// fails when entity or strict relation F1 drops below the floor (the figures reached, less
// a small margin), and when `npm run eval` and the reference scorer disagree on the same
// predictions. The dev set is no judge of generalisation (rules were once tuned on it; the
// validation split of corpus/ is, in corpus.test.ts): the floor only catches breakage.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extract, extractWithParser } from '../../src/extract/index.js';
import { createParserPool } from '../../src/extract/parser/pool.js';
import { readGoldDocs, scoreDocuments, type GoldDoc, type PredDoc } from '../../src/extract/score.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const shared = path.resolve(root, '..', 'shared');
const devDir = path.join(shared, 'corpus', 'dev');

// Reached with the parser: entity F1 0.885, strict relation F1 0.573; margin about 0.02.
const ENTITY_F1_FLOOR = 0.865;
const RELATION_F1_FLOOR = 0.55;

const gold: GoldDoc[] = readGoldDocs(devDir);
const preds: PredDoc[] = [];
const parser = createParserPool();
beforeAll(async () => {
  for (const g of gold) {
    const x = await extractWithParser({ id: String(g.id), title: g.title, text: g.text, published: g.published }, parser);
    preds.push({ id: x.id, entities: x.entities, relations: x.relations });
  }
}, 180_000);
afterAll(() => parser.close());

describe('dev set', () => {
  it('has the 34 annotated documents', () => {
    expect(gold.length).toBe(34);
  });

  it(`keeps entity F1 >= ${ENTITY_F1_FLOOR} and strict relation F1 >= ${RELATION_F1_FLOOR}`, () => {
    const s = scoreDocuments(gold, preds);
    expect(s.missingDocs).toBe(0);
    expect(s.entities.all!.f1).toBeGreaterThanOrEqual(ENTITY_F1_FLOOR);
    expect(s.relationsStrict.f1).toBeGreaterThanOrEqual(RELATION_F1_FLOOR);
  });

  it('scores exactly as the reference scorer does on the same predictions', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tg-eval-')), 'pred.jsonl');
    // a line that is not JSON must be skipped by both
    const withNoise = preds
      .map((p) => JSON.stringify(p))
      .concat(['not json'])
      .join('\n');
    fs.writeFileSync(file, withNoise + '\n');
    const ref = JSON.parse(execFileSync(process.execPath, [path.join(shared, 'tools', 'score.mjs'), devDir, file, '--json'], { encoding: 'utf8' }));
    const ours = scoreDocuments(gold, preds);
    expect(ours.entities).toEqual(ref.entities);
    expect(ours.relationsStrict).toEqual(ref.relationsStrict);
    expect(ours.relationsRelaxed).toEqual(ref.relationsRelaxed);
    expect(ours.relationsByType).toEqual(ref.relationsByType);
  });

  it('emits only ONTOLOGY types, allowed relation ends, and offsets into the text', () => {
    for (const g of gold.slice(0, 10)) {
      const x = extract({ id: String(g.id), title: g.title, text: g.text });
      for (const r of x.relations) {
        const from = x.entities.find((e) => e.name === r.source && e.type === r.sourceType);
        const to = x.entities.find((e) => e.name === r.target && e.type === r.targetType);
        expect(from && to, `${r.source} -${r.type}-> ${r.target}`).toBeTruthy();
        expect(x.text.slice(r.start, r.end)).toBe(r.evidence);
        expect(x.sentences[r.sentence]!.text).toBe(r.evidence);
        expect(['asserted', 'alleged', 'suspected']).toContain(r.claim);
      }
    }
  });
});
