// On a canvas of more than 300 links, links drawn at half their size or less are drawn plain,
// solid and without arrowheads (src/explorer/page/link-detail.ts): in software rendering the
// dashes and arrowheads of 2,000 links are most of a redraw, and at that size they cannot be
// read. Zoomed in, both are back; a small canvas keeps them at any zoom.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { ingestSampleCorpus } from '../helpers/graph.js';
import { extraLinks, openExplorer } from './browser.js';
import { explorerServer } from './server.js';

const ARTIFACTS = process.env.THREATGRAPH_UPDATE_SCREENSHOT === '1' ? join(PROJECT_ROOT, 'docs') : join(PROJECT_ROOT, 'tests', 'artifacts');
const env = explorerServer(ingestSampleCorpus);

/** Counts, from here on, the dashed strokes and the arrowheads cytoscape draws on any canvas. */
async function countDrawing(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __dashes: number; __arrows: number };
    w.__dashes = 0;
    w.__arrows = 0;
    // cytoscape draws on the page's canvases and on offscreen ones (its cached layers).
    for (const proto of [CanvasRenderingContext2D.prototype, OffscreenCanvasRenderingContext2D.prototype]) {
      const setLineDash = proto.setLineDash;
      proto.setLineDash = function (segments: number[]) {
        if (segments.length) w.__dashes++;
        setLineDash.call(this, segments);
      };
    }
    const renderer = (window.__cy as unknown as { renderer(): { drawArrowShape(...args: unknown[]): void } }).renderer();
    const drawArrowShape = renderer.drawArrowShape;
    renderer.drawArrowShape = function (...args: unknown[]) {
      w.__arrows++;
      drawArrowShape.apply(this, args);
    };
  });
}

/** Zooms to `level` around Russia and counts what the redraw drew. */
async function drawnAt(page: Page, level: number): Promise<{ dashes: number; arrows: number }> {
  await page.evaluate((zoom) => {
    const w = window as unknown as { __dashes: number; __arrows: number };
    w.__dashes = 0;
    w.__arrows = 0;
    const cy = window.__cy!;
    cy.zoom(zoom);
    cy.center(cy.getElementById('State:RUS'));
  }, level);
  await page.waitForTimeout(500);
  return page.evaluate(() => {
    const w = window as unknown as { __dashes: number; __arrows: number };
    return { dashes: w.__dashes, arrows: w.__arrows };
  });
}

describe('links drawn small', () => {
  it('on a big canvas, are drawn solid and without arrowheads at half size or less, dashed and with arrowheads once zoomed in', async () => {
    const { page, errors } = await openExplorer(env.browser, env.url, { hash: '#x=State%3ARUS' });
    // Some of Russia's links are alleged or suspected: drawn dashed at full size.
    expect(await page.evaluate(() => window.__cy!.edges('[claim = "ALLEGED"], [claim = "SUSPECTED"]').length)).toBeGreaterThan(0);
    // The explorer's drawing of links is in place on this cytoscape's renderer.
    const own = await page.evaluate(() => {
      const renderer = (window.__cy as unknown as { renderer(): object }).renderer();
      return ['drawEdgePath', 'drawArrowheads'].filter((step) => Object.prototype.hasOwnProperty.call(renderer, step));
    });
    expect(own).toEqual(['drawEdgePath', 'drawArrowheads']);
    await countDrawing(page);

    // Russia's few dozen links: dashes and arrowheads at any zoom.
    const small = await drawnAt(page, 0.45);
    expect(small.dashes).toBeGreaterThan(0);
    expect(small.arrows).toBeGreaterThan(0);

    // Over 300 links: plain when zoomed out…
    expect(await extraLinks(page, 320)).toBeGreaterThan(300);
    expect(await drawnAt(page, 0.45)).toEqual({ dashes: 0, arrows: 0 });
    await page.screenshot({ path: join(ARTIFACTS, 'explorer-links-plain.png') });
    // …and in full once zoomed in.
    const zoomedIn = await drawnAt(page, 0.8);
    expect(zoomedIn.dashes).toBeGreaterThan(0);
    expect(zoomedIn.arrows).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'explorer-links-full.png') });

    // The extra links gone, the small canvas is drawn in full again when zoomed out.
    expect(await extraLinks(page, 0)).toBeLessThan(300);
    const again = await drawnAt(page, 0.45);
    expect(again.dashes).toBeGreaterThan(0);
    expect(again.arrows).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('on a screen of 2 pixels per CSS pixel, are plain by their size in CSS pixels, as on any screen', async () => {
    const { page, errors } = await openExplorer(env.browser, env.url, {
      hash: '#x=State%3ARUS',
      deviceScaleFactor: 2,
    });
    expect(await page.evaluate(() => window.devicePixelRatio)).toBe(2);
    await countDrawing(page);
    await extraLinks(page, 320);
    // Drawn into canvases of 0.9 and 1.6 pixels per model unit: plain at 0.45 CSS pixels, in full at 0.8.
    expect(await drawnAt(page, 0.45)).toEqual({ dashes: 0, arrows: 0 });
    const zoomedIn = await drawnAt(page, 0.8);
    expect(zoomedIn.dashes).toBeGreaterThan(0);
    expect(zoomedIn.arrows).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
