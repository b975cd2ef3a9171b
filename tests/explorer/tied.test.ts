// The explorer's "how are these tied?" view in Debian's chromium, against hand-made reporting
// (tests/helpers/reporting.ts) served by the real API: the chain Russia → GRU → hired agents
// → parcel fires is listed step by step with its sentences and drawn as a row, not a star.
import { expect, it } from 'vitest';
import { emptyGraph } from '../helpers/graph.js';
import { parcelReporting, writeArticles } from '../helpers/reporting.js';
import { idle, openExplorer } from './browser.js';
import { explorerServer } from './server.js';

const env = explorerServer(async (graph) => {
  await emptyGraph(graph);
  await writeArticles(graph, parcelReporting);
});

it("draws the attribution chain from a State to an incident in chain order, with each step's evidence", async () => {
  const hash = `#path=${encodeURIComponent('State:RUS,Case:parcel fires')}&strategy=TIED&hops=4`;
  const { page, errors } = await openExplorer(env.browser, env.url, { hash });
  await idle(page);
  expect(await page.inputValue('#path-strategy')).toBe('TIED');
  const results = await page.locator('#path-results').innerText();
  expect(results).toContain('Russia —organ→ GRU —uses as proxy→ disposable agents —responsible for→ parcel fires');
  expect(results).toMatch(/organ \(asserted, 2024-11-05\): “Russian military intelligence hired disposable agents/);
  expect(results).toMatch(/uses as proxy \(asserted, says prosecutors, 2024-11-05\): “[^”]*disposable agents/);
  expect(results).toMatch(/responsible for \(alleged, says investigators, 2024-11-05\): “The disposable agents carried out the parcel fires/);
  // a row: left to right in chain order, all at one height
  const xs = await page.evaluate(() =>
    ['State:RUS', 'Group:gru', 'Group:disposable agents', 'Case:parcel fires'].map((id) => window.__cy!.getElementById(id).position()),
  );
  expect(xs.map((p) => p.x)).toEqual([...xs.map((p) => p.x)].sort((a, b) => a - b));
  expect(new Set(xs.map((p) => Math.round(p.y))).size).toBe(1);
  expect(errors).toEqual([]);
});
