// The spaCy worker pool, for real: python/worker.py in the project's .venv (npm install's
// setup-python step). Parses, keeps order, answers odd text, survives killed and dying workers,
// times out, and leaves no process behind.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createParserPool, parserAvailable, sharedParser, type ParserPool } from '../../src/extract/parser/pool.js';
import type { ParsedSentence } from '../../src/extract/parser/types.js';

const venvPython = path.resolve('.venv', 'bin', 'python');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-parser-'));
const pools: ParserPool[] = [];
const pool = (options: Parameters<typeof createParserPool>[0] = {}): ParserPool => {
  const p = createParserPool(options);
  pools.push(p);
  return p;
};
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A stand-in interpreter: a shell script that does `body`, given the worker's arguments. */
const script = (name: string, body: string): string => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return p;
};
const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const waitFor = async (cond: () => boolean): Promise<void> => {
  while (!cond()) await new Promise((r) => setTimeout(r, 20));
};
const word = (s: ParsedSentence, text: string) => s.tokens.find((t) => t.text === text)!;

describe.skipIf(!parserAvailable())('parser pool (skipped without .venv: run node scripts/setup-python.mjs)', () => {
  const shared = pool({ size: 2 });

  it('parses subject, object and proper nouns, and proposes named entities (people the cues cannot decide)', async () => {
    const text = 'The Harbour Authority fined Brightwater Logistics after the breach.';
    const [s] = await shared.parse([text], 'fines');
    const verb = word(s!, 'fined');
    expect(verb.dep).toBe('ROOT');
    expect(verb.head).toBe(verb.i);
    expect(verb.tag).toBe('VBD');
    expect(word(s!, 'Authority')).toMatchObject({ dep: 'nsubj', head: verb.i, pos: 'PROPN' });
    expect(word(s!, 'Logistics')).toMatchObject({ dep: 'dobj', head: verb.i, pos: 'PROPN' });
    expect(s!.tokens.every((t) => text.slice(t.start, t.end) === t.text)).toBe(true);
    const orgs = s!.ents.filter((e) => e.label === 'ORG').map((e) => text.slice(e.start, e.end));
    expect(orgs).toContain('Brightwater Logistics');
  });

  it('leaves NER out with THREATGRAPH_PARSER_NER=off (half of the parse time)', async () => {
    process.env.THREATGRAPH_PARSER_NER = 'off';
    const p = pool({ size: 1 });
    try {
      const [s] = await p.parse(['The Harbour Authority fined Brightwater Logistics after the breach.'], 'fines-no-ner');
      expect(s!.tokens.length).toBeGreaterThan(5);
      expect(s!.ents).toEqual([]);
    } finally {
      delete process.env.THREATGRAPH_PARSER_NER;
      await p.close();
    }
  });

  it('runs NER only on the sentences flagged for it, across chunks, and refuses flags that do not match', async () => {
    const text = 'The Harbour Authority fined Brightwater Logistics after the breach.';
    const sentences = Array.from({ length: 70 }, () => text);
    const flags = sentences.map((_, k) => k % 2 === 0);
    const docs = await shared.parse(sentences, 'flags', flags);
    expect(docs.map((d) => d.ents.length > 0)).toEqual(flags);
    expect(docs.every((d) => d.tokens.length > 5)).toBe(true);
    await expect(shared.parse([text, text], 'bad-flags', [true])).rejects.toThrow(/bad-flags: 1 NER flags for 2 sentences/);
  });

  it('keeps the order of many sentences across requests and workers', async () => {
    const sentences = Array.from({ length: 150 }, (_, k) => `Report ${k} names the ferry operator in Gdansk.`);
    const parsed = await shared.parse(sentences, 'many');
    expect(parsed).toHaveLength(150);
    parsed.forEach((s, k) => expect(s.tokens[1]!.text).toBe(String(k)));
  });

  it('offsets count UTF-16 code units, as JavaScript slices strings', async () => {
    const text = 'Alerts 🚨 went out before Halvard Shipping docked in Oslo.';
    const [s] = await shared.parse([text], 'emoji');
    expect(s!.tokens.every((t) => text.slice(t.start, t.end) === t.text)).toBe(true);
  });

  it('answers empty, control-character and 100 KB texts', async () => {
    const big = 'The courier moved the parcels through the depot and '.repeat(2000).slice(0, 100_000);
    const odd = 'a\u0000b\u0007c \u001b[31mred\u001b[0m \ud800 tab\tend';
    const [empty, control, long] = await shared.parse(['', odd, big], 'odd');
    expect(empty).toEqual({ tokens: [], ents: [] });
    expect(control!.tokens.map((t) => t.text)).toContain('tab');
    expect(long!.tokens.length).toBeGreaterThan(10_000);
  });

  it('a text too long for the parser is an error naming the article, and the pool goes on', async () => {
    await expect(shared.parse(['x '.repeat(150_000)], 'huge')).rejects.toThrow(/^\[extract\] \[parser\] huge: a text of 300000 characters/);
    expect(await shared.parse(['Ships sailed.'], 'after')).toHaveLength(1);
  });

  it('retries a request whose worker is killed mid-request, on a fresh worker', async () => {
    const one = pool({ size: 1 });
    const sentences = Array.from({ length: 40 }, (_, k) => `Crew member ${k} unloaded crates at the quay.`);
    const answer = one.parse(sentences, 'killed');
    await waitFor(() => one.pids().length === 1);
    const [victim] = one.pids();
    await new Promise((r) => setTimeout(r, 300));
    process.kill(victim!, 'SIGKILL');
    const parsed = await answer;
    expect(parsed).toHaveLength(40);
    expect(parsed[39]!.tokens[2]!.text).toBe('39');
    expect(one.pids()).not.toContain(victim);
  });

  it('a worker that always dies rejects with the article named, and the pool answers afterwards', async () => {
    const flag = path.join(dir, 'die');
    fs.writeFileSync(flag, '');
    const python = script('flaky-python', `[ -e '${flag}' ] && { echo "cannot load the model" >&2; exit 1; }\nexec '${venvPython}' "$@"`);
    const p = pool({ size: 1, python });
    const err = await p.parse(['Ships sailed.'], 'dying-article').catch((e: unknown) => e as Error);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/^\[extract\] \[parser\] dying-article: parser worker died \(exit code 1, signal null\)/);
    expect((err as Error).message).toContain('cannot load the model');
    fs.rmSync(flag);
    expect(await p.parse(['Ships sailed.'], 'recovered')).toHaveLength(1);
  });

  it('an interpreter that cannot be run rejects with the article named', async () => {
    const p = pool({ size: 1, python: path.join(dir, 'no-such-python') });
    await expect(p.parse(['Ships sailed.'], 'missing')).rejects.toThrow(
      /^\[extract\] \[parser\] missing: parser worker could not run .*no-such-python: spawn .* ENOENT/,
    );
  });

  it('a worker that never answers times out, twice, and the error says so', async () => {
    const p = pool({ size: 1, timeoutMs: 500, python: script('silent-python', 'exec sleep 600') });
    await expect(p.parse(['Ships sailed.'], 'stuck')).rejects.toThrow('[extract] [parser] stuck: timed out after 0.5 s');
    expect(p.pids()).toHaveLength(0);
  });

  it('close() leaves no worker process', async () => {
    const p = pool({ size: 2 });
    await p.parse(
      Array.from({ length: 100 }, (_, k) => `Line ${k} of the manifest.`),
      'closing',
    );
    const pids = p.pids();
    expect(pids).toHaveLength(2);
    // long enough that some of its chunks are still queued when close() runs
    const inFlight = p
      .parse(
        Array.from({ length: 2000 }, (_, k) => `Sentence ${k} of the late manifest.`),
        'late',
      )
      .catch((e: Error) => e.message);
    await p.close();
    expect(pids.filter(alive)).toEqual([]);
    expect(p.pids()).toEqual([]);
    expect(await inFlight).toContain('[extract] [parser] late: the parser pool was closed');
    await expect(p.parse(['Again.'], 'after-close')).rejects.toThrow('after-close: the parser pool was closed');
  });

  it('sharedParser(): one pool per process, none with THREATGRAPH_PARSER=off, a new one after close()', async () => {
    const first = sharedParser()!;
    expect(sharedParser()).toBe(first);
    expect(await first.parse(['Ships sailed.'], 'shared')).toHaveLength(1);
    await first.close();
    const second = sharedParser();
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    await second!.close();
    process.env.THREATGRAPH_PARSER = 'off';
    try {
      expect(sharedParser()).toBeUndefined();
    } finally {
      delete process.env.THREATGRAPH_PARSER;
    }
  });

  it('idle workers do not keep a CLI running, and an awaited close() runs to its end', () => {
    const cli = path.join(dir, 'cli.mts');
    const poolModule = path.resolve('src/extract/parser/pool.ts');
    fs.writeFileSync(
      cli,
      `import { createParserPool } from ${JSON.stringify(poolModule)};
const open = createParserPool({ size: 1 });
console.log((await open.parse(['Ships sailed.'], 'cli')).length);
const closing = createParserPool({ size: 1 });
await closing.parse(['Ships sailed.'], 'cli');
await closing.close();
console.log('closed');
`,
    );
    const run = spawnSync(process.execPath, ['--import', 'tsx', cli], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stdout).toBe('1\nclosed\n');
    expect(run.status).toBe(0);
  });
});
