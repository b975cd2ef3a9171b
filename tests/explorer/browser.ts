// Drives Debian's chromium (installed by .ci/run) with playwright-core: no browser download.
import { existsSync } from 'node:fs';
import type { EdgeSingular } from 'cytoscape';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`[threatgraph] [explorer-test] no chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export interface OpenedPage {
  page: Page;
  /** Uncaught page errors and console errors, as they happen. */
  errors: string[];
}

/** Opens the explorer and waits until it has loaded and finished its first requests. */
export async function openExplorer(
  browser: Browser,
  url: string,
  options: { hash?: string; before?: (page: Page) => Promise<void>; deviceScaleFactor?: number } = {},
): Promise<OpenedPage> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, acceptDownloads: true, deviceScaleFactor: options.deviceScaleFactor ?? 1 });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  if (options.before) await options.before(page);
  await page.goto(`${url}/${options.hash ?? ''}`);
  await idle(page);
  return { page, errors };
}

/** Waits until the page has no request in flight (main.ts marks body[data-busy]). */
export async function idle(page: Page): Promise<void> {
  await page.waitForFunction(() => Boolean(window.__cy) && document.body.dataset.busy === undefined, undefined, { timeout: 30_000 });
}

/** Where a node's centre is on the screen. */
export async function screenPoint(page: Page, id: string): Promise<{ x: number; y: number }> {
  return page.evaluate((nodeId) => {
    const cy = window.__cy!;
    const node = cy.getElementById(nodeId);
    if (node.empty() || !node.isNode()) throw new Error(`${nodeId} is not a node on the canvas`);
    const point = node.renderedPosition();
    const box = cy.container()!.getBoundingClientRect();
    return { x: box.left + point.x, y: box.top + point.y };
  }, id);
}

/**
 * Puts `count` extra links among the entities on the canvas in place of the last ones (0 removes
 * them) and returns how many links the canvas then holds: alleged and plain by default, or of
 * varied types, claims and widths (some dashed, with labels) when `varied`.
 */
export async function extraLinks(page: Page, count: number, varied = false): Promise<number> {
  return page.evaluate(
    ([n, mixed]) => {
      const cy = window.__cy!;
      cy.edges('[?extra]').remove();
      const ids = cy
        .nodes()
        .not('.fold')
        .map((node) => node.id());
      cy.add(
        Array.from({ length: n }, (_, i) => ({
          group: 'edges' as const,
          data: {
            id: `extra-${i}`,
            extra: true,
            source: ids[i % ids.length],
            target: ids[(i * 7 + 3) % ids.length],
            type: mixed && i % 2 === 0 ? 'ASSOCIATED_WITH' : 'TARGETED',
            claim: mixed && i % 3 === 0 ? 'ASSERTED' : 'ALLEGED',
            width: mixed ? 1 + (i % 12) : 1,
          },
        })),
      );
      return cy.edges().length;
    },
    [count, varied] as const,
  );
}

/** Types into a suggestion box and clicks the suggestion for `id`. */
export async function choose(page: Page, input: string, text: string, id: string): Promise<void> {
  await page.fill(input, text);
  const option = page.locator(`${input} + ul.suggestions li[data-id="${id}"]`);
  await option.waitFor({ state: 'visible', timeout: 15_000 });
  await option.click();
}

/**
 * Clicks an edge as a user would: zoomed to its two ends, at a point of the edge that no
 * node, label or other edge covers (cytoscape's own hit test decides).
 */
export async function clickEdge(page: Page, id: string): Promise<void> {
  const point = await page.evaluate((edgeId) => {
    const cy = window.__cy!;
    const edge = cy.getElementById(edgeId) as unknown as EdgeSingular;
    if (edge.empty()) throw new Error(`${edgeId} is not on the canvas`);
    cy.fit(edge.connectedNodes(), 150);
    const renderer = (
      cy as unknown as { renderer(): { findNearestElement(x: number, y: number, interactive: boolean, touch: boolean): { id(): string } | null } }
    ).renderer();
    const a = edge.sourceEndpoint();
    const b = edge.targetEndpoint();
    const box = cy.container()!.getBoundingClientRect();
    for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]) {
      const model = { x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y) };
      if (renderer.findNearestElement(model.x, model.y, true, false)?.id() !== edgeId) continue;
      return { x: box.left + model.x * cy.zoom() + cy.pan().x, y: box.top + model.y * cy.zoom() + cy.pan().y };
    }
    throw new Error(`every point of ${edgeId} is covered by another element`);
  }, id);
  await page.mouse.click(point.x, point.y);
}
