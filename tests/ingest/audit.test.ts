// The gaps an audit of ingest found (issue 13), each as the input that showed it: articles
// without a url edited in place, two versions in one run, unreadable folders, oversized and
// undecodable lines, a non-English article, a graph that goes away, the summary's counts,
// worker threads for a handful of articles, and what forget leaves of a removed article's names.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDriver, GraphExecutor } from '../../src/graph/executor.js';
import { PROJECT_ROOT } from '../../src/config.js';
import { freePort } from '../../src/neo4j/local.js';
import { ingestArticles, ingestSources } from '../../src/ingest/pipeline.js';
import { summaryLine } from '../../src/ingest/report.js';
import { forgetArticles } from '../../src/ingest/store.js';
import { readSources } from '../../src/sources/index.js';
import { emptyGraph, testGraph } from '../helpers/graph.js';
import { counts } from './helpers.js';

let graph: GraphExecutor;
let dir: string;
beforeAll(async () => {
  graph = await testGraph();
  dir = mkdtempSync(join(tmpdir(), 'threatgraph-audit-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await graph.close();
});

const articleIds = async () => (await graph.read<{ id: string }>({ cypher: 'MATCH (a:Article) RETURN a.id AS id ORDER BY id' })).map((r) => r.id);
const items = async (specs: string[], options = {}) => {
  const out: Array<{ kind: string; origin: string; reason?: string }> = [];
  for await (const item of readSources(specs, options)) out.push(item.kind === 'failed' ? item : { kind: item.kind, origin: item.origin });
  return out;
};

describe('an article without a url is known across edits (item 7)', () => {
  it('replaces an edited .txt file, and a front matter id names a .md file wherever it lies', async () => {
    await emptyGraph(graph);
    const file = join(dir, 'note.txt');
    writeFileSync(file, 'Russia was behind the parcel fires in Leipzig, German investigators said.');
    expect((await ingestSources(graph, [file], { workers: 0 })).articles.new).toBe(1);
    writeFileSync(file, 'Russia was behind the parcel fires in Leipzig and Birmingham, German investigators said.');
    const edited = await ingestSources(graph, [file], { workers: 0 });
    expect(edited.articles).toEqual({ new: 0, unchanged: 0, replaced: 1, failed: 0 });
    expect((await counts(graph)).articles).toBe(1);

    const md = (where: string, text: string) => {
      mkdirSync(join(dir, where), { recursive: true });
      writeFileSync(join(dir, where, 'a.md'), `---\nid: "seed-parcel"\ntitle: "Parcel fires"\n---\n\n${text}\n`);
      return join(dir, where, 'a.md');
    };
    await ingestSources(graph, [md('one', 'Poland expelled Russian diplomats after the arson attack in Warsaw.')], { workers: 0 });
    const moved = await ingestSources(graph, [md('two', 'Poland expelled Russian diplomats after the arson attack in Warsaw, officials said.')], {
      workers: 0,
    });
    expect(moved.articles.replaced).toBe(1);
    expect((await counts(graph)).articles).toBe(2);
  });

  it('a JSON id replaces, and of two versions of one url in one run only the later is kept', async () => {
    await emptyGraph(graph);
    await ingestArticles(graph, [{ id: 'story-7', key: 'id:story-7', text: 'Estonia blamed Russia for the cable sabotage in the Baltic Sea.' }], {
      workers: 0,
    });
    const again = await ingestArticles(
      graph,
      [{ id: 'story-7', key: 'id:story-7', text: 'Estonia and Finland blamed Russia for the cable sabotage in the Baltic Sea.' }],
      { workers: 0 },
    );
    expect(again.articles.replaced).toBe(1);
    expect((await counts(graph)).articles).toBe(1);

    await emptyGraph(graph);
    const url = 'https://news.test/two-versions';
    const both = await ingestArticles(
      graph,
      [
        { url, text: 'Lithuania said Russia was behind the arson attack in Vilnius.' },
        { url, text: 'Lithuania said Russia was behind the arson attack in Vilnius on Friday.' },
      ],
      { workers: 0 },
    );
    expect(both.articles).toEqual({ new: 1, unchanged: 0, replaced: 1, failed: 0 });
    const [row] = await graph.read<{ n: number }>({ cypher: 'MATCH (a:Article {url: $url}) RETURN count(a) AS n', params: { url } });
    expect(row!.n).toBe(1);
  });
});

describe('unreadable folders and files (item 9)', () => {
  it('reports an unreadable subfolder and file by path, and reads the rest', () => {
    const d = join(dir, 'locked-tree');
    mkdirSync(join(d, 'locked'), { recursive: true });
    writeFileSync(join(d, 'locked', 'inside.txt'), 'Russia attacked.');
    writeFileSync(join(d, 'ok.txt'), 'Russia was behind the parcel fires.');
    writeFileSync(join(d, 'secret.txt'), 'Iran backed the plot.');
    chmodSync(join(d, 'locked'), 0o000);
    chmodSync(join(d, 'secret.txt'), 0o000);
    chmodSync(dir, 0o755);
    // Permissions bind only a user who is not root: the reader runs as 'nobody' when the tests run as root.
    const script = join(dir, 'read.mjs');
    writeFileSync(
      script,
      `const { readSources } = await import(${JSON.stringify(join(PROJECT_ROOT, 'src/sources/index.ts'))});
      const out = [];
      for await (const item of readSources([process.argv[2]])) out.push(item.kind === 'failed' ? item : { kind: item.kind, origin: item.origin });
      console.log(JSON.stringify(out));`,
    );
    chmodSync(script, 0o644);
    const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const run = spawnSync(process.execPath, ['--import', 'tsx', script, d], {
      ...asNobody,
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      env: { ...process.env, HOME: dir },
    });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual([
      { kind: 'failed', origin: join(d, 'locked'), reason: 'cannot be read (permission denied)' },
      { kind: 'article', origin: join(d, 'ok.txt') },
      { kind: 'failed', origin: join(d, 'secret.txt'), reason: 'cannot be read (permission denied)' },
    ]);
  });
});

describe('size limits and encodings on every path (item 10)', () => {
  it('holds stdin text and each JSONL line to the limit, refuses invalid UTF-8 lines, and a binary .jsonl once', async () => {
    const stdin = await items(['-'], { maxBytes: 1000, stdin: Readable.from([Buffer.from('Russia sanctioned. '.repeat(100))]) });
    expect(stdin).toEqual([{ kind: 'failed', origin: 'stdin', reason: 'is too large (1900 bytes; the limit is 1000)' }]);

    const jsonl = join(dir, 'lines.jsonl');
    writeFileSync(
      jsonl,
      Buffer.concat([
        Buffer.from(JSON.stringify({ text: 'Estonia blamed Russia for the cable sabotage.' }) + '\n'),
        Buffer.from(JSON.stringify({ text: 'Russia sanctioned. '.repeat(100) }) + '\n'),
        Buffer.from('{"text": "caf'),
        Buffer.from([0xe9]),
        Buffer.from(' attack in Paris"}\n'),
      ]),
    );
    expect(await items([jsonl], { maxBytes: 1000 })).toEqual([
      { kind: 'article', origin: `${jsonl}:1` },
      { kind: 'failed', origin: `${jsonl}:2`, reason: 'is too large (1911 bytes; the limit is 1000)' },
      { kind: 'failed', origin: `${jsonl}:3`, reason: 'is not valid UTF-8 text' },
    ]);

    const binary = join(dir, 'binary.jsonl');
    writeFileSync(binary, Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 37) % 256)));
    expect(await items([binary])).toEqual([{ kind: 'failed', origin: binary, reason: 'is binary (NUL bytes), not JSON Lines' }]);
  });
});

describe('what a run says (items 11-14)', () => {
  it('refuses a non-English article by name instead of storing it with no sentences (item 11)', async () => {
    await emptyGraph(graph);
    const summary = await ingestArticles(
      graph,
      [
        {
          url: 'https://news.test/de',
          text: 'Правительство Германии в понедельник ввело новые санкции против России. Кремль раскритиковал это решение, сообщили в Москве. '.repeat(3),
        },
      ],
      { workers: 0 },
    );
    expect(summary.articles.failed).toBe(1);
    expect(summary.failures[0]).toEqual({ source: 'https://news.test/de', reason: expect.stringContaining('does not read as English') });
    expect((await counts(graph)).articles).toBe(0);
  });

  it('says what was committed and to run the command again when Neo4j goes away (item 12)', async () => {
    const port = await freePort();
    const gone = new GraphExecutor(createDriver(`bolt://127.0.0.1:${port}`, 'neo4j', 'x'), `bolt://127.0.0.1:${port}`);
    try {
      const summary = await ingestArticles(gone, [{ text: 'Russia was behind the parcel fires.' }], { workers: 0 });
      expect(summary.interrupted).toBe(true);
      expect(summary.error).toContain('no Neo4j answers');
      expect(summaryLine(summary)).toMatch(/^Neo4j went away \(.*\); 0 articles were committed before it did and stay: run the same command again to finish\./);
    } finally {
      await gone.close();
    }
  });

  it('counts merge records made and entities new to the graph, not rows written (item 13)', async () => {
    await emptyGraph(graph);
    const first = await ingestArticles(
      graph,
      [
        { url: 'https://news.test/g1', text: 'Attorney General Merrick B. Garland announced charges against the hackers.' },
        { url: 'https://news.test/g2', text: 'Attorney General Merrick Garland said the United States would respond.' },
      ],
      { workers: 0 },
    );
    expect(first.merges).toBe(1);
    const second = await ingestArticles(
      graph,
      [{ url: 'https://news.test/g3', text: 'Attorney General Merrick Garland said the hackers worked for Russia.' }],
      { workers: 0 },
    );
    expect(second.merges).toBe(0);
    const [records] = await graph.read<{ n: number }>({ cypher: 'MATCH (m:MergeRecord) RETURN count(m) AS n' });
    expect(records!.n).toBe(1);

    const base = 'Estonia blamed Russia for the cable sabotage in the Baltic Sea, officials in Tallinn said.';
    await ingestArticles(graph, [{ url: 'https://news.test/cable', text: base }], { workers: 0 });
    const before = (await counts(graph)).entities;
    const replaced = await ingestArticles(graph, [{ url: 'https://news.test/cable', text: `${base} Finland said it would help.` }], { workers: 0 });
    expect(replaced.articles.replaced).toBe(1);
    const after = (await counts(graph)).entities;
    expect(replaced.entities.created).toBe(after - before);
    expect(after - before).toBe(1);
  });

  it('extracts a JSONL file of three articles on the main thread, without worker threads (item 14)', async () => {
    await emptyGraph(graph);
    const jsonl = join(dir, 'three.jsonl');
    writeFileSync(
      jsonl,
      [
        { text: 'Estonia blamed Russia for the cable sabotage in the Baltic Sea.' },
        { text: 'Lithuania said Russia was behind the arson attack in Vilnius.' },
        { text: 'Poland expelled Russian diplomats after the arson attack in Warsaw.' },
      ]
        .map((a) => JSON.stringify(a))
        .join('\n'),
    );
    const summary = await ingestSources(graph, [jsonl]);
    expect(summary.articles.new).toBe(3);
    expect(summary.threads).toBe(0);
  });
});

describe('forget and replacement take back what only the removed article brought (item 6)', () => {
  it('removes the aliases and the merge records the article alone gave', async () => {
    await emptyGraph(graph);
    const a = { url: 'https://news.test/f1', text: 'Attorney General Merrick B. Garland said the United States sanctioned Russia.' };
    const b = { url: 'https://news.test/f2', text: 'Attorney General Merrick Garland said America would respond to the cable sabotage.' };
    const run = await ingestArticles(graph, [a, b], { workers: 0 });
    const idB = run.results.find((r) => r.source === b.url)!.id!;
    const names = async (id: string) =>
      (
        await graph.read<{ aliases: string[]; keys: string[] }>({
          cypher: 'MATCH (e:Entity {id: $id}) RETURN e.aliases AS aliases, e.aliasKeys AS keys',
          params: { id },
        })
      )[0];
    expect((await names('State:USA'))!.aliases).toContain('America');
    expect((await names('Actor:merrick b garland'))!.aliases).toContain('Merrick Garland');
    expect((await graph.read({ cypher: 'MATCH (m:MergeRecord) RETURN m.id' })).length).toBe(1);

    await forgetArticles(graph, [idB]);
    expect((await names('State:USA'))!.aliases).not.toContain('America');
    expect((await names('State:USA'))!.keys).not.toContain('america');
    expect((await names('Actor:merrick b garland'))!.aliases).not.toContain('Merrick Garland');
    expect(await graph.read({ cypher: 'MATCH (m:MergeRecord) RETURN m.id' })).toEqual([]);
    expect(await articleIds()).toHaveLength(1);
  });
});
