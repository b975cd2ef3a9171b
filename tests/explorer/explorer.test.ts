// The graph explorer in a real browser (Debian's chromium via playwright-core) on the sample
// corpus ingested into the test Neo4j, served by the real API on 127.0.0.1.
import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi, listen } from '../../src/api/server.js';
import type { GraphExecutor } from '../../src/graph/executor.js';
import { PROJECT_ROOT } from '../../src/config.js';
import { ingestSampleCorpus, testGraph } from '../helpers/graph.js';
import { choose, clickEdge, idle, launchChromium, openExplorer, screenPoint } from './browser.js';

let graph: GraphExecutor;
let server: Server;
let url: string;
let browser: Browser;
let russia: string;
let parcelFires: string;

async function graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data: T; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

async function idOf(name: string, type: string): Promise<string> {
  const data = await graphql<{ entityByName: { id: string } | null }>(
    `
      query ($name: String!, $type: EntityType) {
        entityByName(name: $name, type: $type) {
          id
        }
      }
    `,
    { name, type },
  );
  if (!data.entityByName) throw new Error(`the ingested corpus has no ${type} "${name}"`);
  return data.entityByName.id;
}

beforeAll(async () => {
  graph = await testGraph();
  const summary = await ingestSampleCorpus(graph);
  expect(summary.articles.new).toBeGreaterThan(30);
  ({ server, url } = await listen(createApi({ graph }), 0));
  browser = await launchChromium();
  russia = await idOf('Russia', 'State');
  parcelFires = await idOf('parcel fires', 'Case');
});

afterAll(async () => {
  await browser?.close();
  server?.closeAllConnections();
  await new Promise((done) => (server ? server.close(done) : done(undefined)));
  await graph?.close();
});

describe('an analyst follows Russia to the parcel fires', () => {
  let sharedHash = '';

  it('searches, expands, finds the path, reads the evidence behind a link', async () => {
    const { page, errors } = await openExplorer(browser, url);
    await expect.poll(() => page.locator('#canvas-empty').textContent()).toMatch(/Search for an entity/);

    // Suggestions as you type: name, type and mention count.
    await page.fill('#search', 'Russia');
    const suggestion = page.locator(`#search + ul.suggestions li[data-id="${russia}"]`);
    await suggestion.waitFor();
    await expect.poll(() => suggestion.textContent()).toContain('State');
    await expect.poll(() => suggestion.textContent()).toMatch(/\d+ mentions/);
    await suggestion.click();
    await idle(page);
    const afterSearch = await page.evaluate(
      (id) => ({
        nodes: window.__cy!.nodes().length,
        expanded: window.__cy!.getElementById(id).hasClass('expanded'),
        shape: window.__cy!.getElementById(id).style('shape'),
      }),
      russia,
    );
    expect(afterSearch.expanded).toBe(true);
    expect(afterSearch.nodes).toBeGreaterThan(3);
    expect(afterSearch.shape).toBe('hexagon');
    await expect.poll(() => page.locator('[data-panel="entity"] h2').textContent()).toContain('Russia');
    // The entity panel: aliases, the State's ISO code, mentions over time, the articles.
    const facts = await graphql<{ entity: { aliases: string[]; articleCount: number } }>(
      `
        query ($id: ID!) {
          entity(id: $id) {
            aliases
            articleCount
          }
        }
      `,
      { id: russia },
    );
    const entityPanel = page.locator('[data-panel="entity"]');
    for (const alias of facts.entity.aliases) await expect.poll(() => entityPanel.textContent()).toContain(alias);
    await expect.poll(() => entityPanel.textContent()).toContain('RUS');
    expect(await entityPanel.locator('svg.chart rect').count()).toBeGreaterThan(0);
    expect(await entityPanel.locator('svg.chart').getAttribute('aria-label')).toMatch(/^Mentions per (month|year): \d{4}/);
    expect(await entityPanel.locator('.article-list li').count()).toBe(facts.entity.articleCount);

    // Expand a neighbour by double-click: what was placed stays where it was.
    const neighbour = await page.evaluate((id) => window.__cy!.getElementById(id).neighborhood('node').first().id(), russia);
    const before = await page.evaluate(() => Object.fromEntries(window.__cy!.nodes().map((n) => [n.id(), { ...n.position() }])));
    const point = await screenPoint(page, neighbour);
    await page.mouse.dblclick(point.x, point.y);
    await idle(page);
    const after = await page.evaluate(() => Object.fromEntries(window.__cy!.nodes().map((n) => [n.id(), { ...n.position() }])));
    expect(await page.evaluate((id) => window.__cy!.getElementById(id).hasClass('expanded'), neighbour)).toBe(true);
    for (const [id, position] of Object.entries(before)) expect(after[id], `${id} moved`).toEqual(position);

    // Path finder: From is Russia (the searched entity), To is chosen by typing.
    await expect.poll(() => page.locator('#path-from').inputValue()).toBe('Russia');
    await choose(page, '#path-to', 'parcel fires', parcelFires);
    await page.click('#path-find');
    await idle(page);
    const path = await page.evaluate(() => ({
      edges: window.__cy!.edges('.path').map((e) => ({ id: e.id(), source: e.source().id(), target: e.target().id() })),
      nodes: window.__cy!.nodes('.path').map((n) => n.id()),
    }));
    expect(path.edges.length).toBeGreaterThan(0);
    expect(path.nodes).toContain(russia);
    expect(path.nodes).toContain(parcelFires);
    await expect.poll(() => page.locator('#path-results li').count()).toBe(1);
    await expect.poll(() => page.locator('#path-results li').first().textContent()).toContain('parcel fires');

    // Click the highlighted link that reaches the parcel fires: the evidence panel shows its sentences.
    const edge = path.edges.find((e) => e.source === parcelFires || e.target === parcelFires) ?? path.edges[0]!;
    await clickEdge(page, edge.id);
    await idle(page);
    const panel = page.locator('[data-panel="relation"]');
    await panel.waitFor({ state: 'visible' });
    const relation = await graphql<{ relation: { evidence: { edges: { node: { sentence: string; article: { title: string } } }[] } } }>(
      `
        query ($id: ID!) {
          relation(id: $id) {
            evidence(first: 50) {
              edges {
                node {
                  sentence
                  article {
                    title
                  }
                }
              }
            }
          }
        }
      `,
      { id: edge.id },
    );
    const evidence = relation.relation.evidence.edges.map((e) => e.node);
    expect(evidence.length).toBeGreaterThan(0);
    const sentences = await panel.locator('blockquote.sentence').allTextContents();
    expect(sentences).toEqual(evidence.map((e) => e.sentence));
    await panel.locator('blockquote.sentence mark').first().waitFor({ state: 'visible' });
    await expect.poll(() => panel.textContent()).toContain(evidence[0]!.article.title);
    await expect.poll(() => panel.textContent()).toMatch(/rule \S+ · confidence \d\.\d\d/);

    await page.evaluate(() => {
      window.__cy!.fit(undefined, 40);
    });
    await page.waitForTimeout(300);
    // Saved beside the test results; THREATGRAPH_UPDATE_SCREENSHOT=1 refreshes README's copy in docs/.
    const screenshot = process.env.THREATGRAPH_UPDATE_SCREENSHOT === '1' ? join(PROJECT_ROOT, 'docs') : join(PROJECT_ROOT, 'tests', 'artifacts');
    await page.screenshot({ path: join(screenshot, 'explorer.png') });
    sharedHash = new URL(page.url()).hash;
    expect(sharedHash).toContain('path=');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps the view in the URL: the link opens the same canvas, path and selected link', async () => {
    expect(sharedHash).not.toBe('');
    const { page, errors } = await openExplorer(browser, url, { hash: sharedHash });
    const view = await page.evaluate(() => ({
      nodes: window.__cy!.nodes().length,
      path: window.__cy!.edges('.path').length,
      selected: window.__cy!.$(':selected').map((e) => e.id()),
    }));
    expect(view.nodes).toBeGreaterThan(3);
    expect(view.path).toBeGreaterThan(0);
    expect(view.selected).toHaveLength(1);
    await page.locator('[data-panel="relation"] blockquote.sentence').first().waitFor({ state: 'visible' });
    expect(errors).toEqual([]);
    await page.close();
  });
});

it('finds the strongest paths, lists them with their scores and highlights each one', async () => {
  const hash = `#path=${encodeURIComponent(`${russia},${parcelFires}`)}&strategy=STRONGEST&hops=3`;
  const { page, errors } = await openExplorer(browser, url, { hash });
  expect(await page.inputValue('#path-strategy')).toBe('STRONGEST');
  const listed = await page.locator('#path-results li').count();
  expect(listed).toBeGreaterThan(0);
  const scores = (await page.locator('#path-results li').allTextContents()).map((t) => Number(/score (\d\.\d\d)/.exec(t)?.[1]));
  expect(scores).toEqual([...scores].sort((a, b) => b - a));
  await page.locator('#path-results li button').last().click();
  const highlighted = await page.evaluate(() => window.__cy!.nodes('.path').map((n) => n.id()));
  expect(highlighted).toContain(russia);
  expect(highlighted).toContain(parcelFires);
  expect(errors).toEqual([]);
  await page.close();
});

describe('broken input shows a clear message, never a blank canvas or an uncaught error', () => {
  it('an unknown entity in the URL', async () => {
    const { page, errors } = await openExplorer(browser, url, { hash: '#x=Actor%3Anobody-at-all' });
    await expect.poll(() => page.locator('#message').textContent()).toContain('No entity with id “Actor:nobody-at-all” is in the graph');
    await page.locator('#canvas-empty').waitFor({ state: 'visible' });
    await expect.poll(() => page.locator('#canvas-empty').textContent()).toContain('Actor:nobody-at-all');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('malformed values in the URL are named', async () => {
    const { page, errors } = await openExplorer(browser, url, { hash: '#types=Planet&conf=7&path=State%3ARUS' });
    await expect.poll(() => page.locator('#message').textContent()).toContain('"Planet"');
    await expect.poll(() => page.locator('#message').textContent()).toContain('minimum confidence "7"');
    await expect.poll(() => page.locator('#message').textContent()).toContain('needs two entity ids');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a server error', async () => {
    const { page, errors } = await openExplorer(browser, url, {
      before: async (p) => {
        await p.route('**/graphql', (route) => route.fulfill({ status: 500, contentType: 'text/plain', body: 'database unavailable' }));
      },
    });
    await expect.poll(() => page.locator('#message').textContent()).toContain('The server failed (HTTP 500');
    await page.fill('#search', 'Russia');
    await expect.poll(() => page.locator('#search + ul.suggestions').textContent()).toContain('Search failed: The server failed (HTTP 500');
    await expect.poll(() => page.locator('#message').textContent()).toContain('database unavailable');
    await page.locator('#canvas-empty').waitFor({ state: 'visible' });
    await expect.poll(() => page.locator('#canvas-empty').textContent()).toContain('HTTP 500');
    // The browser itself logs each failed response; nothing else may reach the console.
    expect(errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
    await page.close();
  });

  it('a server that cannot be reached', async () => {
    const { page, errors } = await openExplorer(browser, url);
    await page.route('**/graphql', (route) => route.abort('connectionrefused'));
    await page.fill('#search', 'Russia');
    await expect.poll(() => page.locator('#message').textContent()).toContain('Cannot reach the ThreatGraph server');
    expect(errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
    await page.close();
  });

  it('an empty search result', async () => {
    const { page, errors } = await openExplorer(browser, url);
    await page.fill('#search', 'qzxv nothing like this');
    // The first full-text search of a fresh server takes 1.6-2.3 s on a loaded machine: more than poll's default second.
    await expect
      .poll(() => page.locator('#search + ul.suggestions').textContent(), { timeout: 10_000 })
      .toContain('No entity matches “qzxv nothing like this”');
    await expect.poll(() => page.locator('#message').textContent()).toContain('No entity matches');
    await page.locator('#canvas-empty').waitFor({ state: 'visible' });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a search of quotes or other special characters is no error; a failed search's error goes once a search succeeds", async () => {
    const { page, errors } = await openExplorer(browser, url);
    await page.fill('#search', '"');
    await expect.poll(() => page.locator('#search + ul.suggestions').textContent()).toContain('No entity matches');
    expect(await page.locator('#message.error').count()).toBe(0);
    await page.route('**/graphql', (route) =>
      route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ errors: [{ message: 'Unexpected error.' }] }) }),
    );
    await page.fill('#search', 'Russ');
    await page.locator('#message.error').waitFor();
    await page.unroute('**/graphql');
    await page.fill('#search', 'Russia');
    await page.locator(`#search + ul.suggestions li[data-id="${russia}"]`).waitFor();
    await expect.poll(() => page.locator('#message').isVisible()).toBe(false);
    expect(errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
    await page.close();
  });

  it('a path finder without both ends, with too many hops, and a path that does not exist', async () => {
    // An entity two relations away from Russia and not one: no path of one hop links them.
    const around = await graphql<{ one: { nodes: { id: string }[] }; two: { nodes: { id: string; name: string }[] } }>(
      `
        query ($id: ID!) {
          one: neighbourhood(id: $id, depth: 1, limit: 500) {
            nodes {
              id
            }
          }
          two: neighbourhood(id: $id, depth: 2, limit: 500) {
            nodes {
              id
              name
            }
          }
        }
      `,
      { id: russia },
    );
    const direct = new Set(around.one.nodes.map((n) => n.id));
    let far: { id: string; name: string } | undefined;
    for (const candidate of around.two.nodes.filter((n) => !direct.has(n.id))) {
      // One that the search box finds by its name, so the test can pick it as a user would.
      const found = await graphql<{ search: { edges: { node: { id: string } }[] } }>(
        `
          query ($text: String!) {
            search(text: $text, first: 10) {
              edges {
                node {
                  id
                }
              }
            }
          }
        `,
        { text: candidate.name },
      );
      if (found.search.edges.some((e) => e.node.id === candidate.id)) {
        far = candidate;
        break;
      }
    }
    expect(far, 'an entity two hops from Russia').toBeDefined();

    const { page, errors } = await openExplorer(browser, url);
    await page.click('#path-find');
    await expect.poll(() => page.locator('#message').textContent()).toContain('Choose both ends of the path');
    await choose(page, '#path-from', 'Russia', russia);
    await choose(page, '#path-to', far!.name, far!.id);
    await page.fill('#path-hops', '9');
    await page.click('#path-find');
    await expect.poll(() => page.locator('#message').textContent()).toContain('Max hops must be a whole number from 1 to 6');
    await page.fill('#path-hops', '1');
    await page.click('#path-find');
    await idle(page);
    await expect.poll(() => page.locator('#message').textContent()).toContain(`No path links Russia and ${far!.name} within 1 relation`);
    // Both ends are drawn, so the canvas is not blank.
    expect(
      await page.evaluate(() =>
        window
          .__cy!.nodes()
          .map((n) => n.id())
          .sort(),
      ),
    ).toEqual([russia, far!.id].sort());
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('history, undo and links', () => {
  const nodeIds = (page: Page) =>
    page.evaluate(() =>
      window
        .__cy!.nodes()
        .map((n) => n.id())
        .sort(),
    );

  it('a double-click expand refreshes the open panel; Back returns to the canvas before; Clear can be undone', async () => {
    const { page, errors } = await openExplorer(browser, url);
    await choose(page, '#search', 'Russia', russia);
    await idle(page);
    const first = page.url();
    const before = await nodeIds(page);
    expect(before).toContain(parcelFires);

    // Double-click a neighbour: it is selected (its panel opens) and expanded; the panel follows.
    const point = await screenPoint(page, parcelFires);
    await page.mouse.dblclick(point.x, point.y);
    await idle(page);
    expect(await page.evaluate((id) => window.__cy!.getElementById(id).hasClass('expanded'), parcelFires)).toBe(true);
    const panel = page.locator('[data-panel="entity"]');
    await expect.poll(() => panel.locator('h2').textContent()).toContain('parcel fires');
    await expect.poll(() => panel.locator('.panel-actions button').first().textContent()).toBe('Expand again');
    expect(page.url()).not.toBe(first);

    // Back: the canvas as it was before that expansion, still in the explorer.
    await page.goBack();
    await idle(page);
    // The same expansions as before (the selection is not a step of its own).
    const expandedIn = (link: string) => new URLSearchParams(new URL(link).hash.slice(1)).get('x');
    expect(new URL(page.url()).origin).toBe(new URL(first).origin);
    expect(expandedIn(page.url())).toBe(expandedIn(first));
    expect(await page.evaluate((id) => window.__cy!.getElementById(id).hasClass('expanded'), parcelFires)).toBe(false);
    expect(await nodeIds(page)).toEqual(before);

    await page.click('#clear-canvas');
    expect(await nodeIds(page)).toEqual([]);
    await page.click('#message button[data-action="Undo"]');
    await idle(page);
    expect(await nodeIds(page)).toEqual(before);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a reload, or the same link in another window of the same size, draws the same layout', async () => {
    const hash = `#${new URLSearchParams({ x: [russia, parcelFires].join(',') })}`;
    const positions = (page: Page) =>
      page.evaluate(() => Object.fromEntries(window.__cy!.nodes().map((n) => [n.id(), [Math.round(n.position('x')), Math.round(n.position('y'))]])));
    const { page, errors } = await openExplorer(browser, url, { hash });
    const first = await positions(page);
    expect(Object.keys(first).length).toBeGreaterThan(10);
    await page.reload();
    await idle(page);
    expect(await positions(page)).toEqual(first);
    const other = await openExplorer(browser, url, { hash });
    expect(await positions(other.page)).toEqual(first);
    expect([...errors, ...other.errors]).toEqual([]);
    await page.close();
    await other.page.close();
  });

  it('a shared link that cannot be opened stays in the address bar', async () => {
    const hash = `#x=${encodeURIComponent(russia)}`;
    const { page } = await openExplorer(browser, url, {
      hash,
      before: async (p) => {
        await p.route('**/graphql', (route) =>
          route.fulfill({
            status: 503,
            contentType: 'application/json',
            body: JSON.stringify({ errors: [{ message: 'the graph database is not reachable', extensions: { code: 'SERVICE_UNAVAILABLE' } }] }),
          }),
        );
      },
    });
    await page.locator('#message.error').waitFor();
    expect(new URL(page.url()).hash).toBe(hash);
    await page.close();
  });
});

it('is usable by keyboard: / to search, arrows through suggestions and the canvas, Enter, Escape', async () => {
  const { page, errors } = await openExplorer(browser, url);
  await page.keyboard.press('/');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('search');
  await page.keyboard.type('Russia');
  const list = page.locator('#search + ul.suggestions');
  await list.locator('li[role="option"]').first().waitFor();
  await expect.poll(() => page.locator('#search').getAttribute('aria-expanded')).toBe('true');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => page.locator('#search').getAttribute('aria-activedescendant')).toMatch(/-0$/);
  await page.keyboard.press('Enter');
  await idle(page);
  expect(await page.evaluate((id) => window.__cy!.getElementById(id).hasClass('expanded'), russia)).toBe(true);

  await page.focus('#cy');
  // Arrow keys move to the nearest entity in that direction (whichever side has one).
  let selected: string[] = [];
  for (const key of ['ArrowRight', 'ArrowLeft', 'ArrowDown', 'ArrowUp']) {
    await page.keyboard.press(key);
    await idle(page);
    selected = await page.evaluate(() => window.__cy!.$('node:selected').map((n) => n.id()));
    if (selected[0] !== russia) break;
  }
  expect(selected).toHaveLength(1);
  const stepped = selected[0]!;
  expect(stepped).not.toBe(russia);
  await page.locator('[data-panel="entity"]').waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  await idle(page);
  expect(await page.evaluate((id) => window.__cy!.getElementById(id).hasClass('expanded'), stepped)).toBe(true);
  await page.keyboard.press('Escape');
  await expect.poll(() => page.locator('[data-panel]').count()).toBe(0);
  expect(await page.evaluate(() => window.__cy!.$(':selected').length)).toBe(0);
  expect(errors).toEqual([]);
  await page.close();
});

it('filters apply to the whole canvas and travel in the URL', async () => {
  const { page, errors } = await openExplorer(browser, url, { hash: `#x=${encodeURIComponent(russia)}` });
  const types = await page.evaluate(() => [...new Set(window.__cy!.nodes().map((n) => String(n.data('type'))))]);
  expect(types).toContain('Case');
  await page.click('summary:has-text("Filters")');
  await page.uncheck('#filter-type-Case');
  await page.waitForFunction(() => window.__cy!.nodes('[type = "Case"]').not('.filtered').length === 0);
  await idle(page);
  expect(await page.evaluate(() => window.__cy!.nodes('[type = "State"]').not('.filtered').length)).toBeGreaterThan(0);
  expect(new URL(page.url()).hash).toContain('types=Actor%2CState%2CGroup%2CPlace');
  // A date range hides what was only seen outside it; undated entities and links stay.
  await page.fill('#filter-since', '2099-01-01');
  await page.waitForFunction((id) => window.__cy!.getElementById(id).hasClass('filtered'), russia);
  await idle(page);
  const datedShown = await page.evaluate(
    () =>
      window
        .__cy!.elements()
        .not('.filtered')
        .filter((e) => e.data('lastSeen') != null).length,
  );
  expect(datedShown).toBe(0);
  for (const type of ['Actor', 'State', 'Group', 'Place']) await page.uncheck(`#filter-type-${type}`);
  await page.waitForFunction(() => window.__cy!.nodes().not('.filtered').length === 0);
  await idle(page);
  await expect.poll(() => page.locator('#canvas-empty').textContent()).toContain('hidden by the filters');
  await page.click('#filter-reset');
  await page.waitForFunction(() => window.__cy!.nodes('[type = "Case"]').not('.filtered').length > 0);
  await idle(page);
  expect(errors).toEqual([]);
  await page.close();
});

it('confirms and rejects a link from the evidence panel, and the canvas follows', async () => {
  const { page, errors } = await openExplorer(browser, url, { hash: `#x=${encodeURIComponent(russia)}` });
  const edgeId = await page.evaluate((target) => window.__cy!.edges(`[target = "${target}"], [source = "${target}"]`).first().id(), parcelFires);
  expect(edgeId).toMatch(/^r_/);
  await clickEdge(page, edgeId);
  await idle(page);
  const panel = page.locator('[data-panel="relation"]');
  await panel.locator('#curation-note').fill('Checked against the prosecutors’ statement');
  await panel.locator('button.confirm').click();
  await idle(page);
  expect(await page.evaluate((id) => window.__cy!.getElementById(id).data('status'), edgeId)).toBe('CONFIRMED');
  await expect.poll(() => page.locator('[data-panel="relation"]').textContent()).toContain('Checked against the prosecutors’ statement');
  const stored = await graphql<{ relation: { status: string; note: string } }>(
    `
      query ($id: ID!) {
        relation(id: $id) {
          status
          note
        }
      }
    `,
    { id: edgeId },
  );
  expect(stored.relation).toEqual({ status: 'CONFIRMED', note: 'Checked against the prosecutors’ statement' });

  // Rejecting hides the link from the canvas (unless rejected links are shown) and says so.
  await page.locator('[data-panel="relation"] button.reject').click();
  await idle(page);
  expect(await page.evaluate((id) => [window.__cy!.getElementById(id).data('status'), window.__cy!.getElementById(id).hasClass('filtered')], edgeId)).toEqual([
    'REJECTED',
    true,
  ]);
  await expect.poll(() => page.locator('#message').textContent()).toContain('Link rejected: hidden from the canvas');
  await graphql(
    `
      mutation ($id: ID!) {
        setRelationStatus(id: $id, status: AUTO) {
          id
        }
      }
    `,
    { id: edgeId },
  );
  expect(errors).toEqual([]);
  await page.close();
});

it('exports the canvas as JSON and PNG', async () => {
  const { page, errors } = await openExplorer(browser, url, { hash: `#x=${encodeURIComponent(russia)}` });
  await page.click('summary:has-text("Export and share")');
  const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  const exported = JSON.parse(await readFile((await jsonDownload.path())!, 'utf8')) as {
    nodes: { id: string }[];
    edges: { id: string; source: { id: string } }[];
    link: string;
  };
  const onCanvas = await page.evaluate(() => ({
    nodes: window
      .__cy!.nodes()
      .map((n) => n.id())
      .sort(),
    edges: window.__cy!.edges().length,
  }));
  expect(exported.nodes.map((n) => n.id).sort()).toEqual(onCanvas.nodes);
  expect(exported.edges).toHaveLength(onCanvas.edges);
  expect(exported.link).toContain('#x=');
  const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.click('#export-png')]);
  const png = await readFile((await pngDownload.path())!);
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(errors).toEqual([]);
  await page.close();
});

it('runs a saved investigation from queries/ and draws its result', async () => {
  const { page, errors } = await openExplorer(browser, url);
  await page.click('summary:has-text("Pattern")');
  await page.selectOption('#pattern-select', 'russia-proxies.graphql');
  await expect.poll(() => page.locator('#pattern-description').textContent()).toContain('proxies');
  await page.click('#pattern-run');
  await idle(page);
  const drawn = await page.evaluate(() => ({
    nodes: window.__cy!.nodes().map((n) => n.id()),
    highlighted: window.__cy!.edges('.path').map((e) => String(e.data('type'))),
  }));
  expect(drawn.nodes).toContain(russia);
  expect(drawn.highlighted).toContain('USES_PROXY');
  await expect.poll(() => page.locator('#message').textContent()).toContain('Pattern “russia-proxies”');
  expect(new URL(page.url()).hash).toContain('pattern=russia-proxies.graphql');
  expect(errors).toEqual([]);
  await page.close();
});

describe('with API keys configured', () => {
  let keyed: Server;
  let keyedUrl: string;
  beforeAll(async () => {
    const apiKeys = new Map([['reader-key-123', { role: 'reader' as const, name: 'reader' }]]);
    ({ server: keyed, url: keyedUrl } = await listen(createApi({ graph, apiKeys }), 0));
  });
  afterAll(async () => {
    keyed.closeAllConnections();
    await new Promise((done) => keyed.close(done));
  });

  it('asks for a key, then lets a reader read the evidence but not curate it', async () => {
    const { page, errors } = await openExplorer(browser, keyedUrl);
    await expect.poll(() => page.locator('#message').textContent()).toContain('an API key is required');
    await expect.poll(() => page.locator('#canvas-empty').textContent()).toContain('an API key is required');

    await page.click('summary:has-text("Access")');
    await page.fill('#api-key', 'reader-key-123');
    await page.press('#api-key', 'Enter');
    await idle(page);
    await expect.poll(() => page.locator('#role').textContent()).toBe('role: reader');

    await choose(page, '#search', 'Russia', russia);
    await idle(page);
    const edgeId = await page.evaluate((target) => window.__cy!.edges(`[target = "${target}"], [source = "${target}"]`).first().id(), parcelFires);
    await clickEdge(page, edgeId);
    await idle(page);
    const panel = page.locator('[data-panel="relation"]');
    await panel.locator('blockquote.sentence').first().waitFor();
    await expect.poll(() => panel.textContent()).toContain('needs the analyst role; this session has the reader role');
    expect(await panel.locator('button.confirm, button.reject').count()).toBe(0);
    // The server-error filter: the 401 of the first, keyless request is logged by the browser.
    expect(errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
    await page.close();
  });
});
