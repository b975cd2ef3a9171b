// Several ingest processes against one Neo4j (issue 14 item 3): three real `threatgraph ingest`
// processes on overlapping folders of the sample corpus write each article once and resolve
// entities as one process would, and a process killed mid-run leaves no half-written article.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { addAlias } from '../../src/graph/curate.js';
import type { GraphExecutor } from '../../src/graph/executor.js';
import { resolutionVersion, takeResolutionLock } from '../../src/graph/write.js';
import { ingestArticles, ingestSources, type IngestSummary } from '../../src/ingest/pipeline.js';
import { createExtractor, type Extractor } from '../../src/ingest/pool.js';
import { readSources, type SourceArticle } from '../../src/sources/index.js';
import { runCli } from '../helpers/cli.js';
import { emptyGraph, testEnv, testGraph } from '../helpers/graph.js';

const CORPUS = join(PROJECT_ROOT, 'ingest');
const FILES = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.md'))
  .sort();
// Three folders that overlap: every article is in one to three of them.
const FOLDERS: Record<string, (i: number) => boolean> = {
  a: (i) => i < 16,
  b: (i) => i >= 9 && i < 27,
  c: (i) => i >= 19 || i < 5,
};

let graph: GraphExecutor;
let dir: string;
beforeAll(async () => {
  graph = await testGraph();
  dir = mkdtempSync(join(tmpdir(), 'threatgraph-scale-out-'));
  for (const [name, holds] of Object.entries(FOLDERS)) {
    mkdirSync(join(dir, name));
    FILES.forEach((f, i) => holds(i) && copyFileSync(join(CORPUS, f), join(dir, name, f)));
  }
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await graph.close();
});

/** What two runs must agree on: entities (ids and names), typed relationships, articles and their evidence. */
async function graphOf() {
  const entities = await graph.read<{ id: string; name: string }>({ cypher: 'MATCH (e:Entity) RETURN e.id AS id, e.name AS name ORDER BY id' });
  const relations = await graph.read<{ key: string }>({
    cypher: "MATCH (:Entity)-[r]->(:Entity) WHERE NOT r:ASSOCIATED_WITH RETURN type(r) + ' ' + r.id AS key ORDER BY key",
  });
  const articles = await graph.read<{ id: string; evidence: number; mentions: number }>({
    cypher: `MATCH (a:Article) RETURN a.id AS id, COUNT { (:Evidence)-[:FROM]->(a) } AS evidence,
      COUNT { (:Entity)-[:MENTIONED_IN]->(a) } AS mentions ORDER BY id`,
  });
  const [totals] = await graph.read<{ evidence: number; merges: number }>({
    cypher: 'CALL { MATCH (e:Evidence) RETURN count(e) AS evidence } CALL { MATCH (m:MergeRecord) RETURN count(m) AS merges } RETURN evidence, merges',
  });
  return { entities, relations: relations.map((r) => r.key), articles, ...totals! };
}

const ingestJson = async (args: string[]) => {
  const r = await runCli(['ingest', '--json', ...args], testEnv());
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { articles: Record<string, number>; results: Array<{ source: string; id: string; status: string }> };
};

/**
 * Worker Y ingests `fillers`, then `later`, one article a batch, and its extraction of `later`
 * waits until `meanwhile` has run, once Y's fillers and the `before` articles already there are
 * written: Y resolves `later` with a resolver loaded before whatever `meanwhile` writes.
 */
/** A one-sentence article of the test's news site, by its slug. */
const newsArticle = (slug: string, published: string, text: string): SourceArticle => ({ url: `https://news.test/${slug}`, published, source: 'test', text });

async function ingestAround(fillers: string[], later: SourceArticle, before: number, meanwhile: () => Promise<unknown>): Promise<IngestSummary> {
  const real = await createExtractor(0);
  let open!: () => void;
  const gate = new Promise<void>((r) => (open = r));
  const gated: Extractor = {
    threads: 0,
    run: async (inputs) => {
      if (inputs.some((i) => i.url === later.url)) await gate;
      return real.run(inputs);
    },
    close: () => real.close(),
  };
  const y = (async function* () {
    for await (const item of readSources(fillers)) if (item.kind === 'article') yield item.article;
    yield later;
  })();
  try {
    const yRun = ingestArticles(graph, y, { extractor: gated, batchArticles: 1, count: fillers.length + 1 });
    const articles = async () => (await graph.read<{ n: number }>({ cypher: 'MATCH (a:Article) RETURN count(a) AS n' }))[0]!.n;
    while ((await articles()) < fillers.length + before) await new Promise((r) => setTimeout(r, 50));
    await meanwhile();
    open();
    return await yRun;
  } finally {
    await real.close();
  }
}

describe('three ingest processes at once', () => {
  it('write each article once and build the graph one process builds from the articles in the order they were written', async () => {
    await emptyGraph(graph);
    await ingestJson([CORPUS]);
    const single = await graphOf();
    expect(single.articles).toHaveLength(FILES.length);

    await emptyGraph(graph);
    // small batches, so that the three take turns many times
    const runs = await Promise.all(Object.keys(FOLDERS).map((name) => ingestJson(['--batch-articles', '3', join(dir, name)])));
    const together = await graphOf();
    // each article written by exactly one of them; the others found it there
    expect(runs.reduce((n, r) => n + r.articles.new!, 0)).toBe(FILES.length);
    expect(runs.reduce((n, r) => n + r.articles.unchanged!, 0)).toBe(runs.reduce((n, r) => n + r.results.length, 0) - FILES.length);
    expect(together.articles.map((a) => a.id)).toEqual(single.articles.map((a) => a.id));
    expect(together.evidence).toBe(single.evidence);
    expect(together.articles).toEqual(single.articles);

    // One process reading the articles in the order the three wrote them (their batches took
    // the resolution lock in ingestedAt order; inside a batch, in the order of their folder)
    // builds the same graph, ids and names included. A name two articles write differently
    // ("Merrick B. Garland", "Merrick Garland") is named by the first, in one process as in three.
    const fileOf = new Map(runs.flatMap((r) => r.results.map((x) => [x.id, basename(x.source)] as const)));
    const written = await graph.read<{ id: string; at: string }>({ cypher: 'MATCH (a:Article) RETURN a.id AS id, a.ingestedAt AS at' });
    const order = written
      .sort((x, y) => x.at.localeCompare(y.at) || fileOf.get(x.id)!.localeCompare(fileOf.get(y.id)!))
      .map((w) => join(CORPUS, fileOf.get(w.id)!));
    await emptyGraph(graph);
    await ingestJson(order);
    expect(together).toEqual(await graphOf());
  }, 600_000);

  it('leaves no half-written article when one is killed mid-run, and running it again ends with the graph of one run', async () => {
    await emptyGraph(graph);
    await ingestJson([CORPUS]);
    const single = await graphOf();

    await emptyGraph(graph);
    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin', 'threatgraph.mjs'), 'ingest', '--json', '--batch-articles', '2', CORPUS], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...testEnv() },
      stdio: 'ignore',
    });
    const exited = new Promise<string | null>((r) => child.on('close', (_code, signal) => r(signal)));
    const articles = async () => (await graph.read<{ n: number }>({ cypher: 'MATCH (a:Article) RETURN count(a) AS n' }))[0]!.n;
    const deadline = Date.now() + 180_000;
    while ((await articles()) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    // every article there is whole: no claim left pending, its evidence and mentions all written
    const partial = await graphOf();
    expect(partial.articles.length).toBeGreaterThan(0);
    expect(partial.articles.length).toBeLessThan(FILES.length);
    const [pending] = await graph.read<{ n: number }>({ cypher: 'MATCH (a:Article) WHERE a.pending IS NOT NULL RETURN count(a) AS n' });
    expect(pending!.n).toBe(0);
    const whole = new Map(single.articles.map((a) => [a.id, a]));
    for (const a of partial.articles) expect(a).toEqual(whole.get(a.id));

    const rest = await ingestJson([CORPUS]);
    expect(rest.articles).toMatchObject({ new: FILES.length - partial.articles.length, unchanged: partial.articles.length, failed: 0 });
    expect(await graphOf()).toEqual(single);
  }, 600_000);

  it('resolves a batch again when another process wrote a name it did not know when it read the graph', async () => {
    // Y read the graph (and wrote 8 articles), then X wrote "Star Blizzard, also known as
    // Callisto Group"; Y's next article names "Callisto Group": resolved with what Y read, it
    // would become a second Group. Y's extraction of it waits until X is done.
    const fillers = FILES.slice(0, 8).map((f) => join(CORPUS, f));
    const stated = newsArticle(
      'star-blizzard',
      '2025-02-01',
      'Microsoft said the Russian hacking group Star Blizzard, also known as Callisto Group, targeted British MPs in a phishing campaign.',
    );
    const later = newsArticle('callisto', '2025-03-01', 'Security researchers said Callisto Group targeted British MPs again in March.');
    const groups = (g: { entities: Array<{ id: string }> }) => g.entities.filter((e) => e.id === 'Group:star blizzard' || e.id === 'Group:callisto group');

    await emptyGraph(graph);
    await ingestSources(graph, fillers, { workers: 0 });
    await ingestArticles(graph, [stated], { workers: 0 });
    await ingestArticles(graph, [later], { workers: 0 });
    const single = await graphOf();
    expect(groups(single)).toHaveLength(1);

    await emptyGraph(graph);
    const ySummary = await ingestAround(fillers, later, 0, () => ingestArticles(graph, [stated], { workers: 0 }));
    expect(ySummary.articles).toMatchObject({ new: fillers.length + 1, failed: 0 });
    const together = await graphOf();
    expect(groups(together)).toHaveLength(1);
    expect(together).toEqual(single);
  }, 600_000);

  it("an analyst's addAlias takes the resolution lock: it waits for a batch in flight, and a batch resolved before it resolves again", async () => {
    const stated = newsArticle(
      'grey-harrier',
      '2025-02-01',
      'Microsoft said the Russian hacking group Grey Harrier targeted British MPs in a phishing campaign.',
    );
    const later = newsArticle('copper-vole', '2025-03-01', 'Security researchers said the hacking group Copper Vole targeted British MPs again in March.');
    // eight: one extraction task (TASK_SIZE), so the later article is extracted in a task of its own
    const fillers = FILES.slice(0, 8).map((f) => join(CORPUS, f));
    const version = async () => (await graph.read<{ version: number }>(resolutionVersion()))[0]!.version;
    const groups = (g: { entities: Array<{ id: string }> }) => g.entities.filter((e) => e.id === 'Group:grey harrier' || e.id === 'Group:copper vole');
    // the Groups the later article mentions: Grey Harrier by its alias, or a second Group (neither name is in a gazetteer)
    const laterMentions = async () =>
      (
        await graph.read<{ id: string }>({
          cypher: 'MATCH (e:Group)-[:MENTIONED_IN]->(:Article {url: $url}) RETURN e.id AS id ORDER BY id',
          params: { url: later.url },
        })
      ).map((r) => r.id);

    // One process, one step after another: the alias is known when the later article is resolved.
    await emptyGraph(graph);
    await ingestArticles(graph, [stated], { workers: 0 });
    await ingestSources(graph, fillers, { workers: 0 });
    await addAlias(graph, 'Group:grey harrier', 'Copper Vole');
    await ingestArticles(graph, [later], { workers: 0 });
    const single = await graphOf();
    expect(groups(single)).toEqual([{ id: 'Group:grey harrier', name: 'Grey Harrier' }]);
    expect(await laterMentions()).toEqual(['Group:grey harrier']);

    // While another transaction holds the lock, addAlias waits for it, then counts a version.
    await emptyGraph(graph);
    await ingestArticles(graph, [stated], { workers: 0 });
    const before = await version();
    const session = graph.driver.session();
    const holder = session.beginTransaction();
    let added = false;
    let pending: Promise<unknown>;
    try {
      await holder.run(takeResolutionLock().cypher);
      pending = addAlias(graph, 'Group:grey harrier', 'Harrier Team').then(() => (added = true));
      await new Promise((r) => setTimeout(r, 1500));
      expect(added).toBe(false);
      await holder.commit();
    } finally {
      await session.close();
    }
    await pending;
    expect(await version()).toBe(before + 2);

    // Y read the graph and wrote its fillers; then the analyst says Copper Vole is Grey Harrier;
    // Y's next article names Copper Vole. Resolved with what Y read, it would be a second Group:
    // the alias's version tells Y to resolve that batch again.
    await emptyGraph(graph);
    await ingestArticles(graph, [stated], { workers: 0 });
    const ySummary = await ingestAround(fillers, later, 1, () => addAlias(graph, 'Group:grey harrier', 'Copper Vole'));
    expect(ySummary.articles).toMatchObject({ new: fillers.length + 1, failed: 0 });
    const together = await graphOf();
    expect(await laterMentions()).toEqual(['Group:grey harrier']);
    expect(groups(together)).toEqual(groups(single));
    expect(together).toEqual(single);
  }, 600_000);
});
