// What another web page can do to the API in a real browser (Debian's chromium): a page served
// from another origin tries to read the graph with fetch and to write it with plain HTML forms,
// as the analyst's browser would if they visited it while the API runs on their machine. Also
// GraphiQL with every other host unreachable, opened from the explorer's link.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi, listen } from '../../src/api/server.js';
import type { GraphExecutor } from '../../src/graph/executor.js';
import { ingestSampleCorpus, testGraph } from '../helpers/graph.js';
import { launchChromium } from './browser.js';

let graph: GraphExecutor;
let browser: Browser;
let api: { server: Server; url: string };
/** The same graph served to a server that lists the attacker's origin as allowed: the control. */
let trusting: { server: Server; url: string };
let evil: Server;
let evilOrigin: string;

const MUTATION = (alias: string) => `mutation{addAlias(entity:"State:RUS",alias:"${alias}"){id}}`;

/** The other origin's page: reads with fetch, writes with fetch and with forms into an iframe. */
function evilPage(target: string, control: string): string {
  return `<!doctype html><html><body>
<iframe name="sink"></iframe>
<form id="urlencoded" method="POST" action="${target}" target="sink"><input name="query" value='${MUTATION('csrf urlencoded')}'></form>
<form id="multipart" method="POST" action="${target}" target="sink" enctype="multipart/form-data"><input name="query" value='${MUTATION('csrf multipart')}'></form>
<form id="plain" method="POST" action="${target}" target="sink" enctype="text/plain"><input name='{"query":"${MUTATION('csrf plain').replace(/"/g, '\\"')}","x":"' value='"}'></form>
<script>
  const read = (url) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ viewer { role } health { articles } }' }) })
    .then((r) => r.json()).then((body) => JSON.stringify(body.data)).catch((e) => 'blocked: ' + e.message);
  window.attack = async () => ({
    read: await read(${JSON.stringify(target)}),
    control: await read(${JSON.stringify(control)}),
    write: await fetch(${JSON.stringify(target)}, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: ${JSON.stringify(MUTATION('csrf fetch'))} }) })
      .then(() => 'sent').catch((e) => 'blocked: ' + e.message),
    simple: await fetch(${JSON.stringify(target)}, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: ${JSON.stringify(MUTATION('csrf no-cors'))} }) })
      .then((r) => r.type).catch((e) => 'blocked: ' + e.message),
  });
</script></body></html>`;
}

async function aliasesOfRussia(): Promise<string[]> {
  const [row] = await graph.read<{ aliases: string[] }>({ cypher: 'MATCH (n:Entity {id: "State:RUS"}) RETURN n.aliases AS aliases' });
  return row?.aliases ?? [];
}

beforeAll(async () => {
  graph = await testGraph();
  await ingestSampleCorpus(graph);
  evil = createServer((req, res) => {
    const target = `${api.url}/graphql`;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(evilPage(target, `${trusting.url}/graphql`));
  });
  await new Promise<void>((done) => evil.listen(0, '127.0.0.1', done));
  evilOrigin = `http://127.0.0.1:${(evil.address() as AddressInfo).port}`;
  // Keyless: loopback browsers are admin, which is what makes a foreign page dangerous.
  api = await listen(createApi({ graph, apiKeys: null, allowedOrigins: [] }), 0);
  trusting = await listen(createApi({ graph, apiKeys: null, allowedOrigins: [evilOrigin] }), 0);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  for (const server of [api?.server, trusting?.server, evil]) {
    server?.closeAllConnections();
    await new Promise((done) => (server ? server.close(done) : done(undefined)));
  }
  await graph?.close();
});

describe('a page on another origin', () => {
  it('cannot read the graph or write it, by fetch or by a plain HTML form', async () => {
    const before = await aliasesOfRussia();
    const page = await browser.newPage();
    // What the API server answered, as it sent it (the browser hides preflights from the page).
    const statuses: string[] = [];
    api.server.on('request', (req, res) => res.on('finish', () => statuses.push(`${req.method} ${res.statusCode}`)));
    await page.goto(`${evilOrigin}/`);
    const result = await page.evaluate(() => (window as unknown as { attack(): Promise<Record<string, string>> }).attack());
    // The control: the same page may read a server that lists its origin, so a refusal is the server's.
    expect(JSON.parse(result.control!)).toMatchObject({ viewer: { role: 'admin' } });
    expect(result.read).toMatch(/^blocked/);
    expect(result.write).toMatch(/^blocked/);
    expect(result.simple).toBe('opaque');

    for (const form of ['urlencoded', 'multipart', 'plain']) {
      await Promise.all([
        page.waitForEvent('requestfinished', (r) => r.url().startsWith(api.url) && r.method() === 'POST'),
        page.evaluate((id) => (document.getElementById(id) as HTMLFormElement).submit(), form),
      ]);
    }
    await expect.poll(() => statuses.length).toBe(6);
    expect(await aliasesOfRussia()).toEqual(before);
    // Preflights refused (403); the no-cors POST and the three forms refused before running.
    expect(statuses.filter((s) => s.startsWith('OPTIONS'))).toEqual(['OPTIONS 403', 'OPTIONS 403']);
    expect(statuses.filter((s) => s.startsWith('POST'))).toEqual(['POST 403', 'POST 403', 'POST 403', 'POST 403']);
    await page.close();
  });
});

describe('GraphiQL', () => {
  /** Opens a page that can reach nothing but the API server; returns the hosts it tried. */
  async function offline(page: Page): Promise<string[]> {
    const elsewhere: string[] = [];
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.origin === api.url || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
      elsewhere.push(url.host);
      return route.abort();
    });
    return elsewhere;
  }

  it("opens from the explorer's link and runs a query with no other host reachable", async () => {
    const page = await browser.newPage();
    const elsewhere = await offline(page);
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(`${api.url}/`);
    await page.click('#graphiql-link');
    await page.waitForURL(`${api.url}/graphql`);
    await page.locator('.graphiql-container').first().waitFor({ timeout: 30_000 });
    // A query in the address, as GraphiQL shares them; then run it.
    await page.goto(`${api.url}/graphql?query=${encodeURIComponent('{ viewer { role } }')}`);
    const run = page.locator('.graphiql-execute-button');
    await run.waitFor({ timeout: 30_000 });
    await run.click();
    await expect.poll(() => page.locator('.graphiql-response').textContent(), { timeout: 20_000 }).toMatch(/"role":\s*"admin"/);
    expect(elsewhere).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();
  });
});
