// `npm run build` (run by `prepare` at install, and by `npm test`): the CLI and the explorer's
// page built once into dist/bundle, so that neither a CLI start (tsx compiling the TypeScript
// sources) nor the explorer's first request (esbuild bundling the page) pays for it.
// bin/threatgraph.mjs runs the bundle only while it is newer than everything under src/.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { BUNDLE_DIR, PROJECT_ROOT } from '../src/config.js';
import { bundleExplorer } from '../src/explorer/bundle.js';

const DIST = join(PROJECT_ROOT, 'dist');
// Built beside dist/bundle and swapped in whole, so that a CLI starting meanwhile finds the old bundle or the new one.
const BUILDING = join(DIST, `bundle.building-${process.pid}`);

/**
 * Modules find their data next to their source (`new URL('../../data/…', import.meta.url)`):
 * in the bundle, `import.meta.url` is each module's own source file again, relative to
 * dist/bundle so that the checkout or package can move.
 */
const sourceUrls: Plugin = {
  name: 'source-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\/src\/.*\.ts$/ }, ({ path }) => {
      const text = readFileSync(path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const own = `new URL(${JSON.stringify(relative(BUNDLE_DIR, path))}, import.meta.url).href`;
      return { contents: text.replaceAll('import.meta.url', own), loader: 'ts' };
    });
  },
};

const started = Date.now();
const commands = readdirSync(join(PROJECT_ROOT, 'src', 'cli'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => ({ in: join(PROJECT_ROOT, 'src', 'cli', f), out: f.slice(0, -3) }));
await build({
  // one file per sub-command (main.ts loads only the one asked for) and the extraction workers'
  // entry, all in one folder with their shared chunks (so one relative path leads back to src/)
  entryPoints: [...commands, { in: join(PROJECT_ROOT, 'src', 'ingest', 'extract-task.ts'), out: 'extract-task' }],
  outdir: BUILDING,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  define: { THREATGRAPH_BUNDLE: 'true' },
  plugins: [sourceUrls],
  logLevel: 'warning',
});
const page = await bundleExplorer();
mkdirSync(join(BUILDING, 'explorer'));
writeFileSync(join(BUILDING, 'explorer', 'explorer.js'), page.js);
writeFileSync(join(BUILDING, 'explorer', 'layout-worker.js'), page.workerJs);
// bin/threatgraph.mjs runs the bundle only while no file under src/ is newer than this
writeFileSync(join(BUILDING, 'build.json'), JSON.stringify({ builtAt: started }) + '\n');
const old = `${BUNDLE_DIR}.old-${process.pid}`;
if (existsSync(BUNDLE_DIR)) renameSync(BUNDLE_DIR, old);
renameSync(BUILDING, BUNDLE_DIR);
rmSync(old, { recursive: true, force: true });
console.log(`[threatgraph] [build] dist/bundle (the CLI and the explorer's page) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
