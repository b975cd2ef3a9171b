// npm run bench:extract [-- --rounds N --kb SIZE --big MB]
// Throughput of extract() and of compromise's own full parse (nlp(text).json()) on the
// same corpus in one run: the dev articles repeated up to SIZE KB. Prints KB/s and
// articles/s (medians over rounds) and their ratio, then one big document of MB
// megabytes through extract() with its time and memory growth.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nlp from 'compromise';
import { extract } from '../src/extract/index.js';
import { parserAvailable } from '../src/extract/parser/pool.js';
import { createExtractor, defaultWorkers } from '../src/ingest/pool.js';

const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const rounds = arg('rounds', 3);
const targetKb = arg('kb', 300);
const bigMb = arg('big', 5);

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const devDir = path.resolve(root, '..', 'shared', 'corpus', 'dev');
const dev = fs
  .readdirSync(devDir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(fs.readFileSync(path.join(devDir, f), 'utf8')) as { id: string; title?: string; text: string });
const corpus: Array<{ id: string; title?: string; text: string }> = [];
let bytes = 0;
for (let k = 0; bytes < targetKb * 1024; k++) {
  const d = dev[k % dev.length]!;
  corpus.push({ id: `${d.id}#${k}`, title: d.title, text: d.text });
  bytes += Buffer.byteLength((d.title ?? '') + '\n\n' + d.text);
}
const kb = bytes / 1024;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return (performance.now() - t0) / 1000;
}

// warm-up: gazetteers, compromise's lexicon, the JIT
for (const d of corpus.slice(0, 5)) {
  extract(d);
  nlp(d.text).json();
}

const tx: number[] = [];
const tc: number[] = [];
for (let r = 0; r < rounds; r++) {
  tx.push(
    time(() => {
      for (const d of corpus) extract(d);
    }),
  );
  tc.push(
    time(() => {
      for (const d of corpus) nlp((d.title ? d.title + '\n\n' : '') + d.text).json();
    }),
  );
}
const sx = median(tx);
const sc = median(tc);
const line = (name: string, s: number): string =>
  `${name.padEnd(26)} ${(kb / s).toFixed(1).padStart(8)} KB/s ${(corpus.length / s).toFixed(1).padStart(8)} articles/s  (median of ${rounds}, ${s.toFixed(2)} s)`;
console.log(`corpus: ${corpus.length} articles, ${kb.toFixed(0)} KB (dev set repeated)`);
console.log(line('extract()', sx));
console.log(line('compromise nlp().json()', sc));
console.log(`ratio extract/compromise: ${(sc / sx).toFixed(2)} (>= 1.0 means extract is at least as fast)`);

// The whole extraction as ingest runs it: worker threads on every core, each with its spaCy
// parser process, against compromise's full parse on one core (the target is >= 0.3 of it).
if (parserAvailable() && process.env.THREATGRAPH_PARSER !== 'off') {
  const workers = defaultWorkers();
  const extractor = await createExtractor(workers);
  const batch = 4;
  const runAll = async (): Promise<number> => {
    const t0 = performance.now();
    const jobs: Array<Promise<unknown>> = [];
    for (let i = 0; i < corpus.length; i += batch) jobs.push(extractor.run(corpus.slice(i, i + batch)));
    const results = (await Promise.all(jobs)) as Array<Array<{ ok: boolean }>>;
    const failed = results.flat().filter((r) => !r.ok).length;
    if (failed) console.log(`  (${failed} articles failed)`);
    return (performance.now() - t0) / 1000;
  };
  await extractor.run(corpus.slice(0, 4)); // warm-up: threads, gazetteers, spaCy models
  const tp: number[] = [];
  for (let r = 0; r < rounds; r++) tp.push(await runAll());
  await extractor.close();
  const sp = median(tp);
  console.log(line(`extract + parse (${workers} cores)`, sp));
  console.log(`ratio (extract + parse, all cores)/(compromise, 1 core): ${(sc / sp).toFixed(2)} (target >= 0.3)`);
} else {
  console.log('extract + parse: skipped (no parser: run npm install, or THREATGRAPH_PARSER is off)');
}

if (bigMb > 0) {
  const parts: string[] = [];
  let size = 0;
  for (let k = 0; size < bigMb * 1024 * 1024; k++) {
    const t = dev[k % dev.length]!.text;
    parts.push(t);
    size += t.length + 2;
  }
  const big = parts.join('\n\n');
  global.gc?.();
  const before = process.memoryUsage();
  let peak = before.rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const s = time(() => {
    const x = extract({ id: 'big', text: big });
    console.log(
      `big document: ${(big.length / 1048576).toFixed(1)} MB, ${x.sentences.length} sentences, ${x.entities.length} entities, ${x.relations.length} relations`,
    );
  });
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(
    `big document: ${s.toFixed(1)} s, ${(big.length / 1024 / s).toFixed(1)} KB/s, rss ${(before.rss / 1048576).toFixed(0)} MB -> peak ${(peak / 1048576).toFixed(0)} MB`,
  );
}
