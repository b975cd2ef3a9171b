// The pointer on a big canvas (src/explorer/page/pointer.ts): cytoscape's hit test runs only on
// the links within reach of the pointer and must answer exactly as cytoscape's own over every
// element; a press on a link that starts a pan changes no style (so cytoscape's cached picture of
// the canvas is kept), while a click on a link still selects it and opens its evidence.
import type { EdgeSingular } from 'cytoscape';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ingestSampleCorpus } from '../helpers/graph.js';
import { extraLinks, idle, openExplorer } from './browser.js';
import { explorerServer } from './server.js';

const env = explorerServer(ingestSampleCorpus);

/**
 * At `count` points over the view (and around links, where a hit is likely), what the
 * explorer's hit test and cytoscape's own find, for a mouse and for a touch.
 */
async function compareHits(page: Page, count: number): Promise<{ points: number; hits: number; linkHits: number; differ: string[] }> {
  return page.evaluate((n) => {
    type Hit = (x: number, y: number, interactive: boolean, touch: boolean) => { id(): string; isEdge(): boolean }[];
    const cy = window.__cy!;
    const renderer = (cy as unknown as { renderer(): { findNearestElements: Hit } }).renderer();
    const own = (Object.getPrototypeOf(renderer) as { findNearestElements: Hit }).findNearestElements;
    const extent = cy.extent();
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const edges = cy.edges(':visible');
    const differ: string[] = [];
    let hits = 0;
    let linkHits = 0;
    for (let i = 0; i < n; i++) {
      let x = extent.x1 + random() * extent.w;
      let y = extent.y1 + random() * extent.h;
      if (i % 2) {
        // Beside a link, at up to 30 px on screen from a point of it: its line, arrowhead or label.
        const edge = edges[Math.floor(random() * edges.length)]!;
        const a = edge.sourceEndpoint();
        const b = edge.targetEndpoint();
        const t = random();
        x = a.x + t * (b.x - a.x) + ((random() - 0.5) * 60) / cy.zoom();
        y = a.y + t * (b.y - a.y) + ((random() - 0.5) * 60) / cy.zoom();
      }
      for (const touch of [false, true]) {
        const mine = renderer.findNearestElements(x, y, true, touch);
        const theirs = own.call(renderer, x, y, true, touch);
        const key = (found: { id(): string }[]) => found.map((e) => e.id()).join(',');
        if (key(mine) !== key(theirs)) {
          const odd = [...theirs.filter((e) => !mine.includes(e)), ...mine.filter((e) => !theirs.includes(e))][0] as unknown as EdgeSingular;
          const rs = (odd as unknown as { _private: { rscratch: Record<string, unknown> } })._private.rscratch;
          differ.push(
            `${x.toFixed(1)},${y.toFixed(1)} at zoom ${cy.zoom().toFixed(2)} touch ${touch}: ${key(mine)} vs ${key(theirs)}; ` +
              JSON.stringify({
                bb: odd.boundingBox(),
                type: rs.edgeType,
                pts: rs.allpts,
                label: [rs.labelX, rs.labelY],
                ends: [odd.source().id(), odd.target().id()],
              }),
          );
        }
        if (theirs.length) hits++;
        if (theirs.some((e) => e.isEdge())) linkHits++;
      }
    }
    return { points: n, hits, linkHits, differ };
  }, count);
}

describe('the pointer on a big canvas', () => {
  it('finds exactly what cytoscape finds, testing only the links within reach', async () => {
    const { page, errors } = await openExplorer(env.browser, env.url, { hash: '#x=State%3ARUS' });
    expect(await extraLinks(page, 1200, true)).toBeGreaterThan(1200);
    await page.evaluate(() => {
      window.__cy!.fit(undefined, 20);
    });
    await page.waitForTimeout(300);
    // Zoomed out, then zoomed in far enough that links' labels are drawn (and can be hit).
    for (const zoom of [null, 1.6]) {
      if (zoom) {
        await page.evaluate((z) => {
          const cy = window.__cy!;
          cy.zoom(z);
          cy.center(cy.getElementById('State:RUS'));
        }, zoom);
        await page.waitForTimeout(300);
      }
      const result = await compareHits(page, 1500);
      expect(result.differ).toEqual([]);
      // Enough of the points fall on something, links included, for the comparison to mean something.
      expect(result.linkHits).toBeGreaterThan(300);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('pans from a press on a link without restyling it; a click on a link still selects it', async () => {
    const { page, errors } = await openExplorer(env.browser, env.url, { hash: '#x=State%3ARUS' });
    await extraLinks(page, 1200, true);
    await page.evaluate(() => {
      const cy = window.__cy!;
      cy.fit(undefined, 20);
      const w = window as unknown as { __styled: string[] };
      w.__styled = [];
      cy.on('style', 'edge', (event) => {
        w.__styled.push((event.target as { id(): string }).id());
      });
    });
    await page.waitForTimeout(300);
    // A point on one of Russia's links (not an added one) that cytoscape's own test finds alone.
    const press = await page.evaluate(() => {
      const cy = window.__cy!;
      type Hit = (x: number, y: number, interactive: boolean, touch: boolean) => { id(): string }[];
      const renderer = (cy as unknown as { renderer(): object }).renderer();
      const own = (Object.getPrototypeOf(renderer) as { findNearestElements: Hit }).findNearestElements;
      const box = cy.container()!.getBoundingClientRect();
      for (const edge of cy.edges(':visible').not('[id ^= "extra-"]')) {
        const a = edge.sourceEndpoint();
        const b = edge.targetEndpoint();
        for (const t of [0.5, 0.4, 0.6, 0.3, 0.7]) {
          const m = { x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y) };
          const found = own.call(renderer, m.x, m.y, true, false);
          if (found.length !== 1 || found[0]!.id() !== edge.id()) continue;
          const r = { x: m.x * cy.zoom() + cy.pan().x, y: m.y * cy.zoom() + cy.pan().y };
          if (r.x < 100 || r.y < 100 || r.x > cy.width() - 300 || r.y > cy.height() - 200) continue;
          return { id: edge.id(), x: box.left + r.x, y: box.top + r.y };
        }
      }
      throw new Error('no link of Russia alone under a point');
    });
    const before = await page.evaluate(() => ({ ...window.__cy!.pan() }));
    await page.mouse.move(press.x, press.y);
    await page.mouse.down();
    expect(await page.evaluate((id) => window.__cy!.getElementById(id).active(), press.id)).toBe(false);
    for (let i = 1; i <= 10; i++) await page.mouse.move(press.x + i * 10, press.y + i * 5);
    await page.mouse.up();
    const after = await page.evaluate(() => ({ ...window.__cy!.pan() }));
    // The view moved with the pointer (100, 50 px), the link was not selected, and no link was restyled.
    expect(after.x - before.x).toBeCloseTo(100, 0);
    expect(after.y - before.y).toBeCloseTo(50, 0);
    expect(await page.evaluate((id) => window.__cy!.getElementById(id).selected(), press.id)).toBe(false);
    expect(await page.evaluate(() => (window as unknown as { __styled: string[] }).__styled)).toEqual([]);

    // A click on the same link (now 100, 50 px further) selects it and opens its panel.
    await page.evaluate(() => {
      window.__cy!.edges('[id ^= "extra-"]').remove();
    });
    await page.mouse.click(press.x + 100, press.y + 50);
    await idle(page);
    expect(await page.evaluate((id) => window.__cy!.getElementById(id).selected(), press.id)).toBe(true);
    // A press on an entity still marks it active (cytoscape's overlay while it is held).
    const node = await page.evaluate(() => {
      const cy = window.__cy!;
      const rus = cy.getElementById('State:RUS');
      const p = rus.renderedPosition();
      const box = cy.container()!.getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    });
    await page.mouse.move(node.x, node.y);
    await page.mouse.down();
    expect(await page.evaluate(() => window.__cy!.getElementById('State:RUS').active())).toBe(true);
    await page.mouse.up();
    expect(errors).toEqual([]);
    await page.close();
  });
});
