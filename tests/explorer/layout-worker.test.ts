// Layouts run in a worker (src/explorer/page/layout-worker.ts), so the page stays responsive:
// the worker computes, the page applies the positions in one batch. The same canvas gets the
// same picture whether the worker or, when the worker cannot load, the page computes it.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../src/config.js';
import { ingestSampleCorpus } from '../helpers/graph.js';
import { idle, openExplorer } from './browser.js';
import { explorerServer } from './server.js';

const ARTIFACTS = process.env.THREATGRAPH_UPDATE_SCREENSHOT === '1' ? join(PROJECT_ROOT, 'docs') : join(PROJECT_ROOT, 'tests', 'artifacts');
const env = explorerServer(ingestSampleCorpus);

const positions = (page: Page) =>
  page.evaluate(() =>
    Object.fromEntries(
      window.__cy!.nodes().map((n) => {
        const p = (n as cytoscape.NodeSingular).position();
        return [n.id(), [Math.round(p.x), Math.round(p.y)]];
      }),
    ),
  );
const computed = (page: Page) => page.evaluate(() => ({ ...window.__layoutsComputed! }));

async function layOut(page: Page, name: string): Promise<void> {
  await page.selectOption('#layout', name);
  await page.click('#layout-run');
  await idle(page);
}

describe('layouts off the main thread', () => {
  it('computes the first drawing, force, hierarchy and rings in the worker; pinned entities stay put, the rings around them', async () => {
    const { page, errors } = await openExplorer(env.browser, env.url, { hash: '#x=State%3ARUS' });
    const workerScript = await page.evaluate(async () => (await fetch('/explorer/layout-worker.js')).status);
    expect(workerScript).toBe(200);
    await page.evaluate(() => {
      window.__cy!.getElementById('State:RUS').emit('tap');
    });
    await page.click('#pin');
    await idle(page);
    const pinned = (await positions(page))['State:RUS'];
    for (const name of ['force', 'hierarchy', 'concentric']) await layOut(page, name);
    expect(await computed(page)).toEqual({ worker: 4, page: 0 });
    expect((await positions(page))['State:RUS']).toEqual(pinned);
    // The rings are drawn around Russia where it is pinned: it is their centre.
    const rings = await page.evaluate(() => {
      const cy = window.__cy!;
      const centre = cy.getElementById('State:RUS').position();
      const others = cy
        .nodes()
        .filter((n) => n.id() !== 'State:RUS')
        .map((n) => (n as cytoscape.NodeSingular).position());
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      const xs = others.map((p) => p.x);
      return { dx: mean(xs) - centre.x, dy: mean(others.map((p) => p.y)) - centre.y, spread: Math.max(...xs) - Math.min(...xs) };
    });
    expect(rings.spread).toBeGreaterThan(200);
    expect(Math.hypot(rings.dx, rings.dy)).toBeLessThan(rings.spread / 4);
    await page.screenshot({ path: join(ARTIFACTS, 'explorer-layout-worker.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lays out on the page itself, to the same picture, when the worker cannot load', async () => {
    const withWorker = await openExplorer(env.browser, env.url, { hash: '#x=State%3ARUS' });
    await layOut(withWorker.page, 'force');
    const expected = await positions(withWorker.page);
    expect(await computed(withWorker.page)).toEqual({ worker: 2, page: 0 });
    await withWorker.page.close();

    const blocked = await openExplorer(env.browser, env.url, {
      hash: '#x=State%3ARUS',
      before: async (page) => {
        await page.route('**/explorer/layout-worker.js', (route) => route.fulfill({ status: 404, body: 'no worker here' }));
      },
    });
    await layOut(blocked.page, 'force');
    expect(await computed(blocked.page)).toEqual({ worker: 0, page: 2 });
    expect(await positions(blocked.page)).toEqual(expected);
    await blocked.page.close();
  });
});
