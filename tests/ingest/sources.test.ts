// Every kind of source, good and bad, in one run: each bad one is reported with its path or URL
// and the reason, the good ones are all written, and the exit code says something failed.
// Pages and feeds are served on 127.0.0.1 by node:http.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphExecutor } from '../../src/graph/executor.js';
import { freePort } from '../../src/neo4j/local.js';
import { runCli } from '../helpers/cli.js';
import { emptyGraph, testEnv, testGraph } from '../helpers/graph.js';
import { counts } from './helpers.js';

const page = (title: string, body: string, date = '2024-11-05') => `<!doctype html><html><head><title>${title}</title>
  <meta property="article:published_time" content="${date}T09:00:00Z"></head>
  <body><nav>Home | World | Contact</nav><article><h1>${title}</h1><p>${body}</p><p>${body}</p></article><footer>(c) news</footer></body></html>`;

let graph: GraphExecutor;
let server: Server;
let base: string;
let dir: string;

beforeAll(async () => {
  graph = await testGraph();
  await emptyGraph(graph);
  dir = mkdtempSync(join(tmpdir(), 'threatgraph-sources-'));
  const d = join(dir, 'articles');
  mkdirSync(join(d, 'nested'), { recursive: true });
  writeFileSync(
    join(d, 'good.md'),
    `---\ntitle: "MI5 threat update"\npublished: 2024-10-08\nurl: "https://news.test/mi5"\nlicense: "test"\n---\n\nMI5 Director General Ken McCallum said Iran had backed more than 20 plots in Britain.\n`,
  );
  writeFileSync(join(d, 'nested', 'good.txt'), 'North Korea sent troops to Kursk to support Russia, officials in Ukraine said.');
  writeFileSync(
    join(d, 'good.html'),
    page(
      'Hackers indicted',
      "The Justice Department charged seven hackers working for APT31, a group run by China's Ministry of State Security, over a campaign that targeted critics of Beijing for fourteen years.",
    ),
  );
  writeFileSync(
    join(d, 'good.json'),
    JSON.stringify({
      id: 'x',
      title: 'Houthis designated',
      published: '2025-03-04',
      text: 'The United States designated the Houthis as a Foreign Terrorist Organization.',
    }),
  );
  writeFileSync(
    join(d, 'lines.jsonl'),
    [
      JSON.stringify({ title: 'Sanctions', text: 'The United Kingdom sanctioned the Zindashti network for targeting dissidents on behalf of Iran.' }),
      JSON.stringify({ title: 'Cables', text: 'Finland said the Eagle S damaged the Estlink 2 cable in the Baltic Sea.' }),
      '{"title": "broken line", "text": ',
    ].join('\n'),
  );
  writeFileSync(join(d, 'empty.txt'), '');
  writeFileSync(join(d, 'blank.txt'), '   \n\n  ');
  writeFileSync(join(d, 'binary.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0x10, 0x00]));
  writeFileSync(join(d, 'latin1.txt'), Buffer.from('R\xe9sum\xe9 of the caf\xe9 attack in Paris', 'latin1'));
  writeFileSync(join(d, 'big.txt'), 'Russia sanctioned. '.repeat(2000));
  symlinkSync(join(d, 'does-not-exist.md'), join(d, 'broken.md'));

  server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/article.html')
      return res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(
          page(
            'Pagers',
            'Bellingcat traced the exploding pagers used against Hezbollah in Lebanon to a company in Hungary, and said Israel was responsible for the attack on the group.',
          ),
        );
    if (url === '/item1.html')
      return res
        .writeHead(200, { 'content-type': 'text/html' })
        .end(
          page(
            'Salt Typhoon',
            'The Treasury sanctioned Sichuan Juxinhe Network Technology for its role in Salt Typhoon, a hacking campaign run by China against American telecommunications companies.',
          ),
        );
    if (url === '/feed.xml') {
      return res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Test feed</title>
        <item><title>Salt Typhoon</title><link>${base}/item1.html</link><pubDate>Fri, 17 Jan 2025 10:00:00 GMT</pubDate></item>
        <item><title>Wayback</title><link>${base}/gone.html</link><pubDate>Thu, 10 Oct 2024 10:00:00 GMT</pubDate>
          <description>Hackers breached the Internet Archive and stole the data of 31 million users of the Wayback Machine.</description></item>
      </channel></rss>`);
    }
    if (url === '/bad-feed.xml') return res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('this is <not xml at all');
    if (url === '/slow') return; // never answers
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
  await graph.close();
});

describe('ingesting from every kind of source', () => {
  it('writes the good ones, reports each bad one with its path or URL and reason, and exits 1', async () => {
    const d = join(dir, 'articles');
    const run = await runCli(
      [
        'ingest',
        '--json',
        '--timeout',
        '1',
        '--max-size',
        '20000',
        d,
        `${base}/article.html`,
        `${base}/feed.xml`,
        `${base}/missing.html`,
        `${base}/slow`,
        `${base}/bad-feed.xml`,
      ],
      testEnv(),
    );
    expect(run.code).toBe(1);
    const summary = JSON.parse(run.stdout);
    const failures = Object.fromEntries(summary.failures.map((f: { source: string; reason: string }) => [f.source, f.reason]));
    expect(failures).toEqual({
      [join(d, 'big.txt')]: 'is too large (38000 bytes; the limit is 20000)',
      [join(d, 'binary.txt')]: expect.stringContaining('binary'),
      [join(d, 'blank.txt')]: expect.stringMatching(/white space|empty/),
      [join(d, 'broken.md')]: expect.stringContaining('cannot read'),
      [join(d, 'empty.txt')]: expect.stringContaining('empty'),
      [join(d, 'latin1.txt')]: expect.stringContaining('not valid UTF-8'),
      [`${join(d, 'lines.jsonl')}:3`]: expect.stringContaining('is not valid JSON'),
      [`${base}/missing.html`]: 'HTTP 404 Not Found',
      [`${base}/slow`]: 'timed out after 1 s',
      [`${base}/bad-feed.xml`]: expect.stringContaining('is not an RSS or Atom feed'),
    });
    // Each failure is also on stderr, one line each, naming the source.
    for (const source of Object.keys(failures)) expect(run.stderr).toContain(`[threatgraph] [ingest] ${source}: `);
    // md, txt (nested), html, json, two jsonl lines, a page, and both feed items (one from its summary).
    expect(summary.articles).toEqual({ new: 9, unchanged: 0, replaced: 0, failed: 10 });
    expect((await counts(graph)).articles).toBe(9);
    const articles = await graph.read<{ url: string | null; published: string | null; title: string | null; source: string; license: string | null }>({
      cypher:
        'MATCH (a:Article) RETURN a.url AS url, a.published AS published, a.title AS title, a.source AS source, a.license AS license ORDER BY a.source, a.url',
    });
    expect(articles).toEqual(
      expect.arrayContaining([
        { url: 'https://news.test/mi5', published: '2024-10-08', title: 'MI5 threat update', source: join(d, 'good.md'), license: 'test' },
        { url: `${base}/article.html`, published: '2024-11-05', title: 'Pagers', source: '127.0.0.1', license: null },
        { url: null, published: '2024-11-05', title: 'Hackers indicted', source: join(d, 'good.html'), license: null },
        { url: `${base}/item1.html`, published: '2025-01-17', title: 'Salt Typhoon', source: 'Test feed', license: null },
        { url: `${base}/gone.html`, published: '2024-10-10', title: 'Wayback', source: 'Test feed', license: null },
        { url: null, published: null, title: null, source: join(d, 'nested', 'good.txt'), license: null },
      ]),
    );
    const [feedFacts] = await graph.read<{ n: number }>({
      cypher: 'MATCH (e:Entity)-[:MENTIONED_IN]->(a:Article {url: $url}) RETURN count(e) AS n',
      params: { url: `${base}/gone.html` },
    });
    expect(feedFacts!.n).toBeGreaterThan(0);
  });

  it('reads one article, or JSON lines, from standard input', async () => {
    const one = await runCli(['ingest', '--json', '-'], testEnv(), 'Poland expelled Russian diplomats after the arson attack in Warsaw, officials said.');
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout).articles).toEqual({ new: 1, unchanged: 0, replaced: 0, failed: 0 });
    const lines = await runCli(
      ['ingest', '--json', '-'],
      testEnv(),
      [
        JSON.stringify({ text: 'Estonia blamed Russia for the cable sabotage in the Baltic Sea.', url: 'https://news.test/estonia' }),
        JSON.stringify({ text: 'Lithuania said Russia was behind the arson attack in Vilnius.', published: '2024-05-20' }),
      ].join('\n'),
    );
    expect(lines.code).toBe(0);
    expect(JSON.parse(lines.stdout).articles).toEqual({ new: 2, unchanged: 0, replaced: 0, failed: 0 });
    const empty = await runCli(['ingest', '--json', '-'], testEnv(), '');
    expect(empty.code).toBe(1);
    expect(JSON.parse(empty.stdout).failures).toEqual([{ source: 'stdin', reason: 'is empty' }]);
  });

  it('reports a path that does not exist, and a folder with no articles', async () => {
    mkdirSync(join(dir, 'nothing-here'));
    const run = await runCli(['ingest', join(dir, 'no-such-dir'), join(dir, 'nothing-here')], testEnv());
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`[threatgraph] [ingest] ${join(dir, 'no-such-dir')}: cannot be read (ENOENT)`);
    expect(run.stderr).toContain(`[threatgraph] [ingest] ${join(dir, 'nothing-here')}: holds no article files`);
  });
});

describe('when Neo4j cannot be reached', () => {
  it('retries with backoff, then says what is wrong and writes nothing', async () => {
    const port = await freePort();
    const run = await runCli(['ingest', '--retries', '2', 'ingest'], { NEO4J_URI: `bolt://127.0.0.1:${port}`, NEO4J_PASSWORD: 'whatever' });
    expect(run.code).toBe(5); // Neo4j did not answer (src/cli/exit.ts)
    expect(run.stderr).toContain('retry 1/2 in 0.5 s');
    expect(run.stderr).toContain('retry 2/2 in 1.0 s');
    expect(run.stderr).toContain(`[threatgraph] [neo4j] no Neo4j answers at bolt://127.0.0.1:${port}`);
    expect(run.stderr).toContain('gave up after 3 attempts');
    expect(run.stdout).toBe('');
  });
});
