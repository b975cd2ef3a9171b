#!/usr/bin/env node
// The `threatgraph` CLI. It runs the bundle `npm run build` made (dist/bundle; `prepare` builds
// it at install and before publishing, `npm test` before the tests) while no file or folder
// under src/ has changed since that build; after an edit it runs the TypeScript sources through
// tsx instead, so an edit is never ignored (and `npm run build` makes the start fast again).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runAgainWithBulkHeap } from './heap.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

// `ingest --bulk` merges the whole load in memory: run again with a larger heap (bin/heap.mjs)
runAgainWithBulkHeap(fileURLToPath(import.meta.url), process.argv.slice(2));

/** When the bundle was built (ms), or null when there is none. */
function builtAt() {
  try {
    return JSON.parse(readFileSync(join(root, 'dist', 'bundle', 'build.json'), 'utf8')).builtAt;
  } catch {
    return null;
  }
}

/** Whether something under src/ changed after `time`: a folder's time covers files added, removed or renamed in it. */
function sourcesChangedSince(time) {
  const src = join(root, 'src');
  if (statSync(src).mtimeMs > time) return true;
  // a file gone between the listing and its stat counts as a change
  return readdirSync(src, { recursive: true }).some((path) => (statSync(join(src, path), { throwIfNoEntry: false })?.mtimeMs ?? Infinity) > time);
}

// An installed package (in node_modules) is not edited, and npm gives its files the install's time.
const installed = root.split(/[\\/]/).includes('node_modules');
const built = builtAt();
let main;
if (built !== null && (installed || !sourcesChangedSince(built))) {
  ({ main } = await import('../dist/bundle/main.js'));
} else {
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch (error) {
    console.error('[threatgraph] src/ changed since the last build (or there is none) and tsx is not installed: run npm run build');
    throw error;
  }
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
await main(process.argv);
