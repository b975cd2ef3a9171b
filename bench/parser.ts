// npm run bench:parser [-- --rounds N]
// Throughput of the spaCy worker pool on the dev articles' sentences (title + text, split
// naively at sentence ends), with one worker and with one per core, beside compromise's own
// full parse (nlp(text).json()) of the same text on one core, in the same run. Prints KB/s and
// sentences/s (medians over rounds) and the ratio to compromise. Workers are started and their
// model loaded before timing; the start-up is printed apart.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nlp from 'compromise';
import { createParserPool, parserAvailable } from '../src/extract/parser/pool.js';

const i = process.argv.indexOf('--rounds');
const rounds = i >= 0 ? Number(process.argv[i + 1]) : 3;

if (!parserAvailable()) {
  console.error('[bench] [parser] no .venv with spaCy: run node scripts/setup-python.mjs first');
  process.exit(1);
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const devDir = path.resolve(root, '..', 'shared', 'corpus', 'dev');
const articles = fs
  .readdirSync(devDir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => {
    const d = JSON.parse(fs.readFileSync(path.join(devDir, f), 'utf8')) as { id: string; title?: string; text: string };
    const text = (d.title ? d.title + '\n\n' : '') + d.text;
    const sentences = text
      .split(/(?<=[.!?]["'”’)]?)\s+|\n+/)
      .map((s) => s.trim())
      .filter((s) => s !== '');
    return { id: d.id, text, sentences };
  });
const kb = articles.reduce((n, a) => n + Buffer.byteLength(a.text), 0) / 1024;
const sentenceCount = articles.reduce((n, a) => n + a.sentences.length, 0);

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function time(fn: () => unknown): Promise<number> {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
}
const line = (name: string, s: number): string =>
  `${name.padEnd(28)} ${(kb / s).toFixed(1).padStart(7)} KB/s ${(sentenceCount / s).toFixed(0).padStart(6)} sentences/s  (median of ${rounds}, ${s.toFixed(2)} s)`;

console.log(`corpus: ${articles.length} dev articles, ${sentenceCount} sentences, ${kb.toFixed(0)} KB; ${os.availableParallelism()} cores`);

for (const _ of articles.slice(0, 5)) nlp(_.text).json(); // compromise's lexicon and the JIT
const tc: number[] = [];
for (let r = 0; r < rounds; r++)
  tc.push(
    await time(() => {
      for (const a of articles) nlp(a.text).json();
    }),
  );
const sc = median(tc);
console.log(line('compromise nlp().json(), 1', sc));

for (const size of [...new Set([1, os.availableParallelism()])]) {
  const pool = createParserPool({ size });
  // Start every worker: as many small requests as workers, at once.
  const startup = await time(() => Promise.all(Array.from({ length: size }, (_, k) => pool.parse([`Warm-up ${k}.`], 'warm-up'))));
  const tp: number[] = [];
  for (let r = 0; r < rounds; r++) tp.push(await time(() => Promise.all(articles.map((a) => pool.parse(a.sentences, a.id)))));
  const sp = median(tp);
  console.log(`${line(`spaCy pool, ${size} worker${size > 1 ? 's' : ''}`, sp)}  ratio to compromise ${(sc / sp).toFixed(2)}, start-up ${startup.toFixed(1)} s`);
  await pool.close();
}
