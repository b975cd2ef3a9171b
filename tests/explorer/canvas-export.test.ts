// GraphML and STIX of the canvas through the API (exportSelection): exactly the entities the
// filters let through (folded leaves included) and the links among them, in Chromium; an id the
// graph does not hold, and more ids than an export takes, get a message naming them. The report
// as PDF: printed from a frame of the page with the report's print styles.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../src/config.js';
import { ingestSampleCorpus } from '../helpers/graph.js';
import { idle, openExplorer } from './browser.js';
import { explorerServer } from './server.js';

const ARTIFACTS = process.env.THREATGRAPH_UPDATE_SCREENSHOT === '1' ? join(PROJECT_ROOT, 'docs') : join(PROJECT_ROOT, 'tests', 'artifacts');
const env = explorerServer(ingestSampleCorpus);

/** The entities and links the export must hold: not filtered, folds are not entities. */
const onCanvas = (page: Page) =>
  page.evaluate(() => {
    const cy = window.__cy!;
    const entities = cy
      .nodes()
      .not('.fold, .filtered')
      .map((n) => n.id())
      .sort();
    const links = cy
      .edges()
      .not('.fold, .filtered')
      .map((e) => e.id())
      .sort();
    return { entities, links, folded: cy.nodes('.folded').length };
  });

async function download(page: Page, button: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  return readFile((await file.path())!, 'utf8');
}

describe('GraphML and STIX of the canvas', () => {
  it('exports exactly the entities and links on the canvas, folded leaves included', async () => {
    const { page, errors } = await openExplorer(env.browser, env.url, { hash: '#x=State%3ARUS' });
    await page.click('#fold-leaves');
    await page.click('summary:has-text("Export and share")');
    const expected = await onCanvas(page);
    expect(expected.folded).toBeGreaterThan(0);
    expect(expected.links.length).toBeGreaterThan(10);

    const xml = await download(page, '#export-graphml');
    expect([...xml.matchAll(/<node id="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&')).sort()).toEqual(expected.entities);
    expect([...xml.matchAll(/<edge id="([^"]+)"/g)].map((m) => m[1]!).sort()).toEqual(expected.links);
    await expect
      .poll(() => page.locator('#message').textContent())
      .toMatch(
        new RegExp(
          `GraphML of the canvas exported through the API: ${expected.entities.length} entities, ${expected.links.length} links \\(\\d+ of them folded`,
        ),
      );

    const bundle = JSON.parse(await download(page, '#export-stix')) as { type: string; objects: { type: string; x_threatgraph_id?: string }[] };
    expect(bundle.type).toBe('bundle');
    const described = new Set(bundle.objects.map((o) => o.x_threatgraph_id).filter(Boolean));
    expect([...described].sort()).toEqual([...expected.entities, ...expected.links].sort());
    expect(errors).toEqual([]);
    await page.close();
  });

  it('names an id the graph does not hold and refuses more ids than an export takes, in the page and through the API', async () => {
    const { page } = await openExplorer(env.browser, env.url, { hash: '#x=State%3ARUS' });
    await page.click('summary:has-text("Export and share")');
    // An entity the graph does not hold (deleted since it was drawn, say) is named.
    await page.evaluate(() => {
      window.__cy!.add({ group: 'nodes', data: { id: 'Actor:nobody-at-all', name: 'Nobody', type: 'Actor', size: 1 }, position: { x: 0, y: 0 } });
    });
    await page.click('#export-graphml');
    await idle(page);
    await expect.poll(() => page.locator('#message').textContent()).toMatch(/entities: no entity with id "Actor:nobody-at-all" in the graph/);
    await page.screenshot({ path: join(ARTIFACTS, 'explorer-export-unknown.png') });

    // More entities than an export of a selection takes: the count and the limit are said.
    await page.evaluate(() => {
      window.__cy!.add(
        Array.from({ length: 2_001 }, (_, i) => ({
          group: 'nodes' as const,
          data: { id: `Actor:many-${i}`, name: `Many ${i}`, type: 'Actor', size: 1 },
          position: { x: i, y: 0 },
        })),
      );
    });
    await page.click('#export-stix');
    await idle(page);
    await expect.poll(() => page.locator('#message').textContent()).toMatch(/entities: 2,\d{3} ids, more than the 2,000 an export of a selection takes/);
    await page.close();

    // Through the API: a link id that is not between the entities given, and an empty list.
    const ask = async (variables: Record<string, unknown>) => {
      const response = await fetch(`${env.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'query($e: [ID!]!, $r: [ID!]) { exportSelection(format: GRAPHML, entities: $e, relations: $r) { entityCount relationCount } }',
          variables,
        }),
      });
      return (await response.json()) as {
        data?: { exportSelection: { entityCount: number; relationCount: number } };
        errors?: { message: string; extensions?: { code?: string } }[];
      };
    };
    const stray = await ask({ e: ['State:RUS'], r: ['r_not_a_relation'] });
    expect(stray.errors?.[0]?.message).toMatch(/relations: no relation with id "r_not_a_relation" between the entities given/);
    expect(stray.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await ask({ e: [] })).errors?.[0]?.message).toMatch(/entities: give at least one entity id/);
    const alone = await ask({ e: ['State:RUS', 'State:RUS'], r: [] });
    expect(alone.data?.exportSelection).toEqual({ entityCount: 1, relationCount: 0 });
  });
});

describe('the report as PDF', () => {
  it('prints the report from a frame with print styles; Chromium makes a PDF of several A4 pages from it', async () => {
    const { page, errors } = await openExplorer(env.browser, env.url, { hash: '#x=State%3ARUS' });
    await page.click('summary:has-text("Export and share")');
    await page.fill('#report-title', 'Russia and its proxies');
    await page.click('#export-pdf');
    await idle(page);
    await expect.poll(() => page.locator('#message').textContent()).toMatch(/Report with \d+ links ready to print: choose “Save as PDF” as the printer/);
    const html = await page.evaluate(() => (document.getElementById('report-print') as HTMLIFrameElement).srcdoc);
    expect(html).toContain('<h1>Russia and its proxies</h1>');
    expect(html).toContain('@media print');
    expect(html).not.toMatch(/<script/i);
    const links = (html.match(/<section class="link"/g) ?? []).length;
    expect(links).toBe(await page.evaluate(() => window.__cy!.edges().filter((e) => e.visible() && !e.hasClass('fold')).length));

    const paper = await env.browser.newPage({ viewport: { width: 794, height: 1123 } });
    await paper.setContent(html);
    await paper.emulateMedia({ media: 'print' });
    await paper.screenshot({ path: join(ARTIFACTS, 'explorer-report-print.png') });
    const pdf = await paper.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBeGreaterThan(1);
    await paper.close();

    // Nothing shown: nothing to print, and the page says so.
    const empty = await openExplorer(env.browser, env.url);
    await empty.page.click('summary:has-text("Export and share")');
    await empty.page.click('#export-pdf');
    await idle(empty.page);
    await expect.poll(() => empty.page.locator('#message').textContent()).toMatch(/Nothing to report: no entity is shown/);
    expect(await empty.page.evaluate(() => document.getElementById('report-print'))).toBeNull();
    await empty.page.close();
    expect(errors).toEqual([]);
    await page.close();
  });
});
