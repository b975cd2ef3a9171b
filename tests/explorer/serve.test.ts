// The explorer's HTTP side, in-process through yoga.fetch: the page at /, its bundle and style
// at /explorer/*, saved queries at /queries (read-only, no way out of queries/), and /graphql
// still the API.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createYoga } from 'graphql-yoga';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src/api/server.js';
import { TYPE_STYLE } from '../../src/explorer/page/style.js';
import { useExplorer } from '../../src/explorer/serve.js';
import { listSavedQueries, readSavedQuery } from '../../src/explorer/saved-queries.js';
import type { GraphExecutor } from '../../src/graph/executor.js';
import { emptyGraph, testGraph } from '../helpers/graph.js';

let graph: GraphExecutor;
let api: ReturnType<typeof createApi>;
beforeAll(async () => {
  graph = await testGraph();
  await emptyGraph(graph);
  api = createApi({ graph });
});
afterAll(async () => {
  await graph.close();
});

const get = (path: string, init: RequestInit = {}) => api.fetch(`http://localhost${path}`, init);

describe('the API server serves the explorer', () => {
  it('serves the page at / with its script and style, and a strict content policy', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await page.text();
    expect(html).toContain('<script type="module" src="/explorer/explorer.js">');
    expect(html).toContain('href="/explorer/explorer.css"');

    const script = await get('/explorer/explorer.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    const js = await script.text();
    expect(js.length).toBeGreaterThan(100_000); // cytoscape is bundled in, nothing comes from a CDN
    expect(js).not.toMatch(/https?:\/\/(cdn|unpkg|jsdelivr)/);

    // The layout worker: its own classic script, with cytoscape and fCoSE, and its own ETag.
    const worker = await get('/explorer/layout-worker.js');
    expect(worker.status).toBe(200);
    expect(worker.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await worker.text()).length).toBeGreaterThan(100_000);
    expect(worker.headers.get('etag')).not.toBe(script.headers.get('etag'));
    expect((await get('/explorer/layout-worker.js', { headers: { 'if-none-match': worker.headers.get('etag')! } })).status).toBe(304);
    expect((await get('/explorer/layout-workers.js')).status).toBe(404);

    const style = await get('/explorer/explorer.css');
    expect(style.status).toBe(200);
    expect(style.headers.get('content-type')).toMatch(/^text\/css/);
  });

  it('sends the bundle compressed, with an ETag, and not again while it is unchanged', async () => {
    const plain = await get('/explorer/explorer.js');
    const bytes = Buffer.from(await plain.arrayBuffer());
    const etag = plain.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(plain.headers.get('vary')).toMatch(/Accept-Encoding/);
    for (const [encoding, decode] of [
      ['br', brotliDecompressSync],
      ['gzip', gunzipSync],
    ] as const) {
      const response = await get('/explorer/explorer.js', { headers: { 'accept-encoding': `${encoding}, deflate` } });
      expect(response.headers.get('content-encoding')).toBe(encoding);
      expect(response.headers.get('etag')).toBe(etag);
      const body = Buffer.from(await response.arrayBuffer());
      expect(body.length).toBeLessThan(bytes.length / 3);
      expect(decode(body).equals(bytes)).toBe(true);
    }
    const refused = await get('/explorer/explorer.js', { headers: { 'accept-encoding': 'br;q=0, gzip;q=0' } });
    expect(refused.headers.get('content-encoding')).toBeNull();
    const again = await get('/explorer/explorer.js', { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    expect((await again.arrayBuffer()).byteLength).toBe(0);
  });

  it('colours meet WCAG AA: white type badges on every type colour, links in the accent colour', async () => {
    const luminance = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)) as [
        number,
        number,
        number,
      ];
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const contrast = (a: string, b: string) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
      return (hi + 0.05) / (lo + 0.05);
    };
    for (const [type, { colour }] of Object.entries(TYPE_STYLE)) expect(contrast(colour, '#ffffff'), type).toBeGreaterThanOrEqual(4.5);
    const css = await (await get('/explorer/explorer.css')).text();
    const variable = (name: string) => new RegExp(`--${name}:\\s*(#[0-9a-f]{6})`, 'i').exec(css)?.[1];
    for (const [fg, bg] of [
      ['accent', '#ffffff'],
      ['accent', variable('panel')],
      ['muted', '#ffffff'],
      ['muted', variable('panel')],
      ['ink', variable('panel')],
    ]) {
      expect(contrast(variable(fg!)!, bg!), `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('keeps /graphql as the API', async () => {
    const response = await get('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ health { articles } }' }),
    });
    expect(await response.json()).toEqual({ data: { health: { articles: 0 } } });
  });

  it('answers unknown assets and writes with clear errors', async () => {
    const missing = await get('/explorer/nothing.js');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe('[threatgraph] [explorer] no explorer asset at /explorer/nothing.js\n');
    const post = await get('/', { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect(await post.text()).toContain('[threatgraph] [explorer] / is read-only');
  });

  it('lists the saved investigations of queries/ and serves each one', async () => {
    const list = await get('/queries');
    expect(list.status).toBe(200);
    const { queries } = (await list.json()) as { queries: { name: string; description: string; text: string }[] };
    const names = queries.map((q) => q.name);
    expect(names).toContain('russia-proxies.graphql');
    for (const name of names) expect(name).toMatch(/^[a-z0-9-]+\.graphql$/);
    const russia = queries.find((q) => q.name === 'russia-proxies.graphql')!;
    expect(russia.description).toMatch(/^Russia's proxies/);
    const one = await get('/queries/russia-proxies.graphql');
    expect(one.status).toBe(200);
    expect(await one.text()).toBe(russia.text);
  });

  it.each([
    ['/queries/..%2Fpackage.json'],
    ['/queries/%2E%2E%2Fpackage.json'],
    ['/queries/..%5Cpackage.json'],
    ['/queries/Russia-Proxies.graphql'],
    ['/queries/russia-proxies.graphql%00.txt'],
    ['/queries/sub/russia-proxies.graphql'],
    ['/queries/no-such-query.graphql'],
    ['/queries/'],
  ])('refuses %s: only plain names of files in queries/', async (path) => {
    const response = await get(path);
    expect(response.status).toBe(404);
    expect(await response.text()).toMatch(/^\[threatgraph\] \[explorer\] no saved query named /);
  });
});

describe('saved queries on disk', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'threatgraph-queries-'));
    writeFileSync(join(dir, 'who-funds.graphql'), '# Who funds whom.\n# Second line.\nquery WhoFunds { health { articles } }\n');
    writeFileSync(join(dir, 'Bad Name.graphql'), 'query { health { articles } }');
    writeFileSync(join(dir, 'notes.txt'), 'not a query');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists only .graphql files with plain names, with their leading comment as description', async () => {
    expect(await listSavedQueries(dir)).toEqual([
      {
        name: 'who-funds.graphql',
        description: 'Who funds whom. Second line.',
        text: '# Who funds whom.\n# Second line.\nquery WhoFunds { health { articles } }\n',
      },
    ]);
    expect(await readSavedQuery(dir, 'Bad Name.graphql')).toBeNull();
    expect(await readSavedQuery(dir, '../who-funds.graphql')).toBeNull();
  });

  it('an absent folder lists nothing', async () => {
    expect(await listSavedQueries(join(dir, 'absent'))).toEqual([]);
  });

  it('a yoga server with useExplorer({ queriesDir }) serves that folder', async () => {
    const yoga = createYoga({
      schema: makeExecutableSchema({ typeDefs: 'type Query { ok: Boolean }' }),
      plugins: [useExplorer({ queriesDir: dir })],
    });
    const response = await yoga.fetch('http://localhost/queries');
    expect(((await response.json()) as { queries: { name: string }[] }).queries.map((q) => q.name)).toEqual(['who-funds.graphql']);
  });
});
