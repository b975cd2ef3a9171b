// The explorer at an analyst's scale, in Chromium on the sample corpus: expansion by choice
// with counts shown first, leaves folded into their hub, decluttered labels, layouts to choose,
// workspaces saved and reopened, undo/redo and Back, and the report and SVG exports. Each test
// saves a screenshot under tests/artifacts/ (README shows them).
import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi, listen } from '../../src/api/server.js';
import type { GraphExecutor } from '../../src/graph/executor.js';
import { PROJECT_ROOT } from '../../src/config.js';
import { ingestSampleCorpus, testGraph } from '../helpers/graph.js';
import { idle, launchChromium, openExplorer } from './browser.js';

// Saved beside the test results; THREATGRAPH_UPDATE_SCREENSHOT=1 refreshes README's copies in docs/.
const ARTIFACTS = process.env.THREATGRAPH_UPDATE_SCREENSHOT === '1' ? join(PROJECT_ROOT, 'docs') : join(PROJECT_ROOT, 'tests', 'artifacts');
let graph: GraphExecutor;
let server: Server;
let url: string;
let browser: Browser;
const savedWorkspaces: string[] = [];

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

/** Russia's neighbours over typed relations, by relation type, as the API counts them. */
async function russiaNeighbours(): Promise<Map<string, Set<string>>> {
  const byType = new Map<string, Set<string>>();
  let after: string | null = null;
  do {
    const data: {
      entity: { relations: { pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { other: { id: string }; node: { type: string } }[] } };
    } = await graphql(
      `
        query ($after: String) {
          entity(id: "State:RUS") {
            relations(first: 100, after: $after) {
              pageInfo {
                hasNextPage
                endCursor
              }
              edges {
                other {
                  id
                }
                node {
                  type
                }
              }
            }
          }
        }
      `,
      { after },
    );
    for (const e of data.entity.relations.edges) byType.set(e.node.type, (byType.get(e.node.type) ?? new Set()).add(e.other.id));
    after = data.entity.relations.pageInfo.hasNextPage ? data.entity.relations.pageInfo.endCursor : null;
  } while (after);
  return byType;
}

const entityIds = (page: Page) =>
  page.evaluate(() =>
    window
      .__cy!.nodes()
      .not('.fold')
      .map((n) => n.id())
      .sort(),
  );
const positions = (page: Page) =>
  page.evaluate(() =>
    Object.fromEntries(
      window
        .__cy!.nodes()
        .not('.fold')
        .map((n) => [n.id(), [Math.round((n as cytoscape.NodeSingular).position('x')), Math.round((n as cytoscape.NodeSingular).position('y'))]]),
    ),
  );

beforeAll(async () => {
  graph = await testGraph();
  await ingestSampleCorpus(graph);
  ({ server, url } = await listen(createApi({ graph }), 0));
  browser = await launchChromium();
});

afterAll(async () => {
  await graph?.write({ cypher: 'MATCH (w:Workspace) WHERE w.id IN $ids DETACH DELETE w', params: { ids: savedWorkspaces } });
  await browser?.close();
  server?.closeAllConnections();
  await new Promise((done) => (server ? server.close(done) : done(undefined)));
  await graph?.close();
});

describe('expansion by choice', () => {
  it('shows the count per relation type before expanding, adds the N most confident of the chosen kind and names what it left out', async () => {
    const api = await russiaNeighbours();
    const all = new Set([...api.values()].flatMap((s) => [...s]));
    const { page, errors } = await openExplorer(browser, url, { hash: '#n=State%3ARUS&sel=State%3ARUS' });
    await page.click('#expand-choose');
    const panel = page.locator('[data-panel="expand"]');
    await panel.waitFor();
    await expect.poll(() => panel.locator('p.muted').first().textContent()).toContain(`${all.size} neighbours pass the filters`);
    // Each relation type's box shows how many neighbours it reaches, as the API counts them.
    for (const [type, ids] of api) {
      await expect.poll(() => panel.locator(`label[for="expand-rel-${type}"] .count`).textContent()).toBe(` ${ids.size}`);
    }
    const [busiest, reached] = [...api.entries()].sort((a, b) => b[1].size - a[1].size)[0]!;
    expect(reached.size).toBeGreaterThan(2);
    for (const [type] of api) if (type !== busiest) await panel.locator(`#expand-rel-${type}`).uncheck();
    await page.fill('#expand-limit', '2');
    await expect.poll(() => page.locator('#expand-preview').textContent()).toMatch(new RegExp(`^Adds 2 .*leaves out ${reached.size - 2} over the limit`));
    await page.screenshot({ path: join(ARTIFACTS, 'explorer-expand-choice.png') });
    await page.click('#expand-run');
    await idle(page);
    const added = (await entityIds(page)).filter((id) => id !== 'State:RUS');
    expect(added).toHaveLength(2);
    for (const id of added) expect(reached.has(id), `${id} is reached by ${busiest}`).toBe(true);
    await expect.poll(() => page.locator('#message').textContent()).toMatch(new RegExp(`left out: ${reached.size - 2} over the limit of 2`));
    // The choice is in the link: opened elsewhere, the same two come back.
    const hash = new URL(page.url()).hash;
    expect(hash).toContain('xc=');
    const again = await openExplorer(browser, url, { hash });
    expect(await entityIds(again.page)).toEqual(await entityIds(page));
    expect(errors).toEqual([]);
    expect(again.errors).toEqual([]);
    await again.page.close();
    await page.close();
  });
});

/** The labels the label layer drew (container pixels), and the pairs of them that overlap. */
async function drawnLabels(page: Page) {
  return page.evaluate(() => {
    const boxes = window.__labels!.boxes();
    const overlaps: string[] = [];
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        if (a.x1 < b.x2 && a.x2 > b.x1 && a.y1 < b.y2 && a.y2 > b.y1) overlaps.push(`${a.id} / ${b.id}`);
      }
    return { count: boxes.length, ids: boxes.map((b) => b.id), heights: [...new Set(boxes.map((b) => Math.round(b.y2 - b.y1)))], overlaps, boxes };
  });
}

describe('readable when large', () => {
  it('folds leaves into their hub, opens a fold on click, declutters labels and lays out by hierarchy, around a centre or by time', async () => {
    const { page, errors } = await openExplorer(browser, url, { hash: '#x=State%3ARUS' });
    const total = (await entityIds(page)).length;
    await page.click('#fold-leaves');
    const folds = await page.evaluate(() =>
      window.__cy!.nodes('.fold').map((f) => ({ id: f.id(), name: String(f.data('name')), members: (f.data('members') as string[]).length })),
    );
    expect(folds.length).toBeGreaterThan(0);
    for (const fold of folds) expect(fold.name).toMatch(new RegExp(`^${fold.members} \\w+ of Russia$`));
    // Folded entities stay on the canvas (counted), hidden behind their fold.
    expect((await entityIds(page)).length).toBe(total);
    await expect.poll(() => page.locator('#counts').textContent()).toMatch(/\(\d+ folded\)/);
    const shown = await page.evaluate(() => window.__cy!.nodes().filter((n) => n.visible()).length);
    expect(shown).toBeLessThan(total);

    // Labels: drawn for some, never two overlapping, the busiest (Russia) always (once the view is still).
    await page.waitForTimeout(500);
    const labels = await drawnLabels(page);
    expect(labels.count).toBeGreaterThan(3);
    expect(labels.overlaps).toEqual([]);
    expect(labels.ids).toContain('State:RUS');
    await page.screenshot({ path: join(ARTIFACTS, 'explorer-folded.png') });

    // A click on a fold puts its members back.
    const fold = folds[0]!;
    await page.evaluate((id) => {
      window.__cy!.getElementById(id).emit('tap');
    }, fold.id);
    expect(await page.evaluate((id) => window.__cy!.getElementById(id).empty(), fold.id)).toBe(true);
    expect(await page.evaluate(() => window.__cy!.nodes('.folded').length)).toBe(folds.reduce((n, f) => n + f.members, 0) - fold.members);

    // Hierarchical: every State above every other entity.
    await page.selectOption('#layout', 'hierarchy');
    await page.click('#layout-run');
    await idle(page);
    const rows = await page.evaluate(() => {
      const shownNodes = window.__cy!.nodes().filter((n) => n.visible() && !n.hasClass('fold'));
      const ys = (state: boolean) => shownNodes.filter((n) => (n.data('type') === 'State') === state).map((n) => (n as cytoscape.NodeSingular).position('y'));
      return { states: Math.max(...ys(true)), others: Math.min(...ys(false)) };
    });
    expect(rows.states).toBeLessThan(rows.others);
    await page.screenshot({ path: join(ARTIFACTS, 'explorer-hierarchy.png') });

    // Concentric around the selected entity: it is nearest the middle of the drawing.
    await page.evaluate(() => {
      window.__cy!.getElementById('State:RUS').select();
    });
    await page.selectOption('#layout', 'concentric');
    await page.click('#layout-run');
    await idle(page);
    const rings = await page.evaluate(() => {
      const cy = window.__cy!;
      const russia = cy.getElementById('State:RUS');
      const centre = russia.position();
      const d = (n: cytoscape.NodeSingular) => Math.hypot(n.position('x') - centre.x, n.position('y') - centre.y);
      const near = russia.neighborhood('node').filter((n) => n.visible());
      const far = cy
        .nodes()
        .filter((n) => n.visible() && !n.same(russia))
        .difference(near);
      return { near: Math.max(...near.map(d)), far: far.empty() ? Infinity : Math.min(...far.map(d)) };
    });
    expect(rings.near).toBeLessThanOrEqual(rings.far);

    // Time-ordered: left to right by the date first seen.
    await page.selectOption('#layout', 'time');
    await page.click('#layout-run');
    await idle(page);
    const order = await page.evaluate(() =>
      window
        .__cy!.nodes()
        .filter((n) => n.visible() && Boolean(n.data('firstSeen')))
        .map((n) => ({ date: String(n.data('firstSeen')), x: (n as cytoscape.NodeSingular).position('x') }))
        .sort((a, b) => a.x - b.x)
        .map((n) => n.date),
    );
    expect(order).toEqual([...order].sort());
    expect(errors).toEqual([]);
    await page.close();
  });

  it('hides busy entities on request and shows each again from its badge', async () => {
    const { page, errors } = await openExplorer(browser, url, { hash: '#x=State%3ARUS,State%3AGBR' });
    const degrees = await page.evaluate(() => window.__cy!.nodes().map((n) => ({ id: n.id(), degree: n.connectedEdges().filter((e) => e.visible()).length })));
    const mean = degrees.reduce((sum, d) => sum + d.degree, 0) / degrees.length;
    const busy = degrees
      .filter((d) => d.degree >= Math.max(10, 4 * mean))
      .map((d) => d.id)
      .sort();
    expect(busy).toContain('State:RUS');
    await page.click('#hide-busy');
    expect(
      await page.evaluate(() =>
        window
          .__cy!.nodes('.busy-hidden')
          .map((n) => n.id())
          .sort(),
      ),
    ).toEqual(busy);
    await expect.poll(() => page.locator('#busy-badges button').count()).toBe(busy.length);
    await page.locator(`#busy-badges button[data-id="${busy[0]}"]`).click();
    expect(await page.evaluate((id) => window.__cy!.getElementById(id).visible(), busy[0]!)).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps labels 11 px on screen through a zoom: they follow the gesture and are chosen again once it ends, restyling no element', async () => {
    const { page, errors } = await openExplorer(browser, url, { hash: '#x=State%3ARUS,State%3AGBR' });
    await page.waitForTimeout(400);
    const before = await drawnLabels(page);
    expect(before.count).toBeGreaterThan(3);
    // 11 px letters and a 2 px outline above and below, whatever the zoom.
    expect(before.heights).toEqual([15]);
    const zoomBefore = await page.evaluate(() => window.__cy!.zoom());
    // From here on, count restyled elements (a label drawn by cytoscape restyles its node, and
    // cytoscape then recomputes every link of it), and note where the layer is while the view moves.
    await page.evaluate(() => {
      const w = window as unknown as { __restyled: number; __moving: string[] };
      w.__restyled = 0;
      w.__moving = [];
      const layer = document.querySelector<HTMLElement>('#cy > .label-layer')!;
      window.__cy!.on('style', () => w.__restyled++);
      window.__cy!.on('viewport', () => w.__moving.push(layer.style.transform));
    });
    const box = (await page.locator('#cy').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0; i < 4; i++) await page.mouse.wheel(0, -150);
    await page.waitForTimeout(500);
    const after = await drawnLabels(page);
    const state = await page.evaluate(() => {
      const w = window as unknown as { __restyled: number; __moving: string[] };
      const cy = window.__cy!;
      const layer = document.querySelector<HTMLElement>('#cy > .label-layer')!;
      // Each label centred under its entity, as drawn now.
      const offCentre = window
        .__labels!.boxes()
        .filter((b) => {
          const node = cy.getElementById(b.id);
          const at = node.renderedPosition();
          return Math.abs((b.x1 + b.x2) / 2 - at.x) > 1 || b.y1 < at.y;
        })
        .map((b) => b.id);
      return { zoom: cy.zoom(), restyled: w.__restyled, moving: w.__moving, transform: layer.style.transform, offCentre };
    });
    expect(state.zoom).toBeGreaterThan(zoomBefore * 1.2);
    // While the view moved, the drawn labels were moved and scaled with it, not drawn again…
    expect(state.moving.length).toBeGreaterThan(0);
    expect(state.moving.every((t) => /^translate\(.+\) scale\(.+\)$/.test(t))).toBe(true);
    // …and once it stopped they were chosen and drawn again for the new view, at 11 px.
    expect(state.transform).toBe('');
    expect(after.count).toBeGreaterThan(0);
    expect(after.heights).toEqual([15]);
    expect(after.overlaps).toEqual([]);
    expect(state.offCentre).toEqual([]);
    expect(after.boxes).not.toEqual(before.boxes);
    expect(state.restyled).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'explorer-labels-zoomed.png') });

    // The PNG export draws the same labels with cytoscape, for the image alone.
    await page.click('summary:has-text("Export and share")');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-png')]);
    const png = await readFile((await download.path())!);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    await download.saveAs(join(ARTIFACTS, 'explorer-labels-export.png'));
    expect(await page.evaluate(() => window.__cy!.nodes('.export-label').length)).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('workspaces, undo and Back', () => {
  it('saves the canvas with positions, pins and notes under a name, reopens it exactly from its link, undoes and redoes, goes Back', async () => {
    const { page, errors } = await openExplorer(browser, url, { hash: '#x=State%3ARUS&sel=State%3ARUS' });
    await page.locator('[data-panel="entity"] #note').waitFor();
    await page.fill('#note', 'Start here: the proxies.');
    await page.locator('#note').blur();
    await page.click('#pin');
    expect(await page.evaluate(() => window.__cy!.getElementById('State:RUS').locked())).toBe(true);
    // A node dragged by hand keeps its place in the workspace.
    await page.evaluate(() => {
      const node = window.__cy!.nodes().not('[id = "State:RUS"]').first() as cytoscape.NodeSingular;
      node.emit('grab');
      node.position({ x: node.position('x') + 200, y: node.position('y') + 120 });
      node.emit('dragfree');
    });
    const drawn = await positions(page);
    await page.fill('#workspace-name', 'Russia at scale (test)');
    await page.click('#workspace-save');
    await idle(page);
    await expect.poll(() => page.locator('#message').textContent()).toContain('Workspace “Russia at scale (test)” saved');
    const listed = page.locator('#workspace-list li', { hasText: 'Russia at scale (test)' });
    await listed.waitFor();
    const id = await listed.getAttribute('data-id');
    expect(id).toMatch(/^ws_/);
    savedWorkspaces.push(id!);
    expect(new URL(page.url()).hash).toContain(`ws=${encodeURIComponent(id!)}`);

    const other = await openExplorer(browser, url, { hash: `#ws=${encodeURIComponent(id!)}` });
    expect(await positions(other.page)).toEqual(drawn);
    expect(await other.page.evaluate(() => window.__cy!.getElementById('State:RUS').hasClass('pinned'))).toBe(true);
    await expect.poll(() => other.page.locator('#note').inputValue()).toBe('Start here: the proxies.');
    await other.page.screenshot({ path: join(ARTIFACTS, 'explorer-workspace.png') });
    expect(other.errors).toEqual([]);
    await other.page.close();

    // Undo and redo: remove an entity, undo puts it back where it was, redo removes it again.
    const victim = Object.keys(drawn).find((n) => n !== 'State:RUS')!;
    await page.evaluate((n) => {
      window.__cy!.getElementById(n).emit('tap');
    }, victim);
    await idle(page);
    await page.focus('#cy');
    await page.keyboard.press('Delete');
    expect(await entityIds(page)).not.toContain(victim);
    await page.click('#undo');
    expect((await positions(page))[victim]).toEqual(drawn[victim]);
    await page.keyboard.press('Control+Shift+Z');
    expect(await entityIds(page)).not.toContain(victim);

    // Back returns to the canvas before the last change, at once and as it was drawn.
    const beforeExpand = await entityIds(page);
    const gbr = await page.evaluate(() => window.__cy!.getElementById('State:GBR').nonempty());
    const next = gbr ? 'State:GBR' : (await entityIds(page)).find((n) => n !== 'State:RUS')!;
    await page.evaluate((n) => {
      window.__cy!.getElementById(n).emit('dbltap');
    }, next);
    await idle(page);
    expect((await entityIds(page)).length).toBeGreaterThan(beforeExpand.length);
    await page.goBack();
    await idle(page);
    await expect.poll(() => entityIds(page)).toEqual(beforeExpand);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});

describe('reports', () => {
  it('exports an HTML report (picture with title and legend, every link with its evidence, sources, confidence) and an SVG', async () => {
    const parcel = await graphql<{ entityByName: { id: string } }>(`
      {
        entityByName(name: "parcel fires", type: Case) {
          id
        }
      }
    `);
    const { page, errors } = await openExplorer(browser, url, { hash: `#x=${encodeURIComponent(parcel.entityByName.id)}` });
    await page.click('summary:has-text("Export and share")');
    await page.fill('#report-title', 'Parcel fires: who is behind them');
    const edges = await page.evaluate(() =>
      window
        .__cy!.edges()
        .filter((e) => e.visible())
        .map((e) => e.id()),
    );
    expect(edges.length).toBeGreaterThan(0);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-report')]);
    const html = await readFile((await download.path())!, 'utf8');
    expect(html).toContain('<h1>Parcel fires: who is behind them</h1>');
    expect(html).toMatch(/<svg[^>]*aria-label="Parcel fires: who is behind them"/);
    expect(html).toContain('>Legend</text>');
    expect(html.match(/<section class="link"/g)).toHaveLength(edges.length);
    for (const id of edges) {
      const relation = await graphql<{ relation: { confidence: number; evidence: { edges: { node: { sentence: string; article: { title: string } } }[] } } }>(
        `
          query ($id: ID!) {
            relation(id: $id) {
              confidence
              evidence(first: 20) {
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
        { id },
      );
      expect(html).toContain(`confidence ${relation.relation.confidence.toFixed(2)}`);
      for (const { node } of relation.relation.evidence.edges) {
        expect(html).toContain(node.sentence.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;'));
        expect(html).toContain(node.article.title.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/"/g, '&quot;'));
      }
    }
    expect(html).not.toMatch(/<script/i);
    const [svgDownload] = await Promise.all([page.waitForEvent('download'), page.click('#export-svg')]);
    const svg = await readFile((await svgDownload.path())!, 'utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg.match(/<line /g)!.length).toBeGreaterThanOrEqual(edges.length);
    expect(svg).toContain('parcel fires');

    // GraphML and STIX of the canvas through the API: tests/explorer/canvas-export.test.ts.

    const view = await browser.newPage({ viewport: { width: 1200, height: 1400 } });
    await view.setContent(html);
    await view.screenshot({ path: join(ARTIFACTS, 'explorer-report.png') });
    await view.close();
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('time', () => {
  it('shows the links by month first seen under the canvas; a brushed range filters the canvas; Play shows the graph grow', async () => {
    const { page, errors } = await openExplorer(browser, url, { hash: '#x=State%3ARUS,State%3AGBR' });
    const dated = await page.evaluate(() =>
      window
        .__cy!.edges()
        .not('.fold')
        .filter((e) => Boolean(e.data('firstSeen')))
        .map((e) => String(e.data('firstSeen'))),
    );
    expect(dated.length).toBeGreaterThan(3);
    const bars = page.locator('#timeline svg rect');
    const counts = await bars.evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('data-count'))));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(dated.length);

    // Drag across the first half of the bars: the canvas keeps that range.
    const box = (await page.locator('#timeline svg').boundingBox())!;
    await page.mouse.move(box.x + 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.up();
    await idle(page);
    const hash = new URLSearchParams(new URL(page.url()).hash.slice(1));
    const since = hash.get('since')!;
    const until = hash.get('until')!;
    expect(since).toMatch(/^\d{4}-\d{2}-01$/);
    expect(until >= since).toBe(true);
    const shown = await page.evaluate(() =>
      window
        .__cy!.edges()
        .not('.fold')
        .filter((e) => e.visible())
        .map((e) => ({ first: e.data('firstSeen') as string | null, last: e.data('lastSeen') as string | null })),
    );
    for (const link of shown) {
      if (link.first) expect(link.first <= until).toBe(true);
      if (link.last) expect(link.last >= since).toBe(true);
    }
    expect(shown.length).toBeLessThan(await page.evaluate(() => window.__cy!.edges().not('.fold').length));
    await expect.poll(() => page.locator('#timeline-caption').textContent()).toContain(`showing ${since} to ${until}`);
    await page.screenshot({ path: join(ARTIFACTS, 'explorer-timeline.png') });

    // Play: from the first month to the last, the links shown only grow.
    await page.click('#timeline-all');
    await page.evaluate(() => {
      const w = window as unknown as { __shown: number[] };
      w.__shown = [];
      setInterval(
        () =>
          w.__shown.push(
            window
              .__cy!.edges()
              .not('.fold')
              .filter((e) => e.visible()).length,
          ),
        50,
      );
    });
    await page.click('#timeline-play');
    await page.waitForFunction(() => !(document.getElementById('timeline-play') as HTMLButtonElement).disabled, undefined, { timeout: 60_000 });
    const series = await page.evaluate(() => (window as unknown as { __shown: number[] }).__shown);
    expect(Math.min(...series)).toBeLessThan(Math.max(...series));
    const grows = series.slice(series.indexOf(Math.min(...series)));
    expect(grows).toEqual([...grows].sort((a, b) => a - b));
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});

describe('curation from the canvas', () => {
  it('adds an alias, adds a link with a note, merges two entities and undoes the merge', async () => {
    const { page, errors } = await openExplorer(browser, url, { hash: '#x=State%3ARUS&sel=State%3ARUS' });
    await page.click('summary:has-text("Curate")');
    await page.fill('#curate-alias', 'Rossiya (scale test)');
    await page.click('#curate-alias-add');
    await idle(page);
    const aliases = await graphql<{ entity: { aliases: string[] } }>(`
      {
        entity(id: "State:RUS") {
          aliases
        }
      }
    `);
    expect(aliases.entity.aliases).toContain('Rossiya (scale test)');

    await page.click('summary:has-text("Curate")');
    await page.selectOption('#curate-link-type', 'SUPPORTS');
    await page.selectOption('#curate-link-other', 'State:UKR');
    await page.fill('#curate-link-note', 'Added from the canvas by the scale test');
    await page.click('#curate-link-add');
    await idle(page);
    const added = await page.evaluate(() =>
      window.__cy!.edges('[origin = "ANALYST"]').map((e) => ({ id: e.id(), source: e.source().id(), target: e.target().id(), type: String(e.data('type')) })),
    );
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ source: 'State:RUS', target: 'State:UKR', type: 'SUPPORTS' });
    const stored = await graphql<{ relation: { note: string; status: string } }>(
      `
        query ($id: ID!) {
          relation(id: $id) {
            note
            status
          }
        }
      `,
      { id: added[0]!.id },
    );
    expect(stored.relation).toEqual({ note: 'Added from the canvas by the scale test', status: 'CONFIRMED' });

    // Merge trolls into influencers, then undo: trolls is its own entity again, on the canvas.
    await page.evaluate(() => {
      window.__cy!.getElementById('Group:trolls').emit('tap');
    });
    await idle(page);
    await page.click('summary:has-text("Curate")');
    await page.selectOption('#curate-merge-into', 'Group:influencers');
    await page.click('#curate-merge');
    await idle(page);
    expect(await page.evaluate(() => window.__cy!.getElementById('Group:trolls').empty())).toBe(true);
    expect(
      (
        await graphql<{ entity: { id: string } | null }>(`
          {
            entity(id: "Group:trolls") {
              id
            }
          }
        `)
      ).entity,
    ).toBeNull();
    await page.screenshot({ path: join(ARTIFACTS, 'explorer-curation.png') });
    await page.click('#message button[data-action="Undo merge"]');
    await idle(page);
    expect(await page.evaluate(() => window.__cy!.getElementById('Group:trolls').nonempty())).toBe(true);
    expect(
      (
        await graphql<{ entity: { id: string } | null }>(`
          {
            entity(id: "Group:trolls") {
              id
            }
          }
        `)
      ).entity,
    ).toEqual({ id: 'Group:trolls' });

    await graph.write({
      cypher: 'MATCH ()-[r {id: $id}]->() DELETE r WITH 1 AS done MATCH (ev:Evidence {relationId: $id}) DETACH DELETE ev',
      params: { id: added[0]!.id },
    });
    await graph.write({
      cypher: `MATCH (n:Entity {id: 'State:RUS'}) SET n.aliases = [a IN n.aliases WHERE a <> $alias], n.analystAliases = [a IN coalesce(n.analystAliases, []) WHERE a <> $alias]`,
      params: { alias: 'Rossiya (scale test)' },
    });
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
