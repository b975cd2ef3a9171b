// Bundles the explorer's browser code (page/main.ts with cytoscape) with esbuild, in memory:
// no build output is committed and nothing is fetched from a CDN.
import { fileURLToPath } from 'node:url';
import { ThreatGraphError } from '../errors.js';

export const PAGE_DIR = fileURLToPath(new URL('./page/', import.meta.url));

export interface ExplorerBundle {
  js: string;
  /** The layout worker (page/layout-worker.ts), a classic script. */
  workerJs: string;
  /** Milliseconds esbuild took. */
  buildMs: number;
}

export async function bundleExplorer(options: { minify?: boolean } = {}): Promise<ExplorerBundle> {
  const started = performance.now();
  // loaded here, not with the server: the bundle serves the page `npm run build` made, without esbuild
  const { build } = await import('esbuild');
  const one = async (entry: string, format: 'esm' | 'iife') => {
    const result = await build({
      entryPoints: [`${PAGE_DIR}${entry}`],
      bundle: true,
      write: false,
      format,
      platform: 'browser',
      target: 'es2022',
      minify: options.minify ?? true,
      legalComments: 'none',
      logLevel: 'silent',
    });
    const file = result.outputFiles[0];
    if (!file) throw new Error(`esbuild produced no output for ${entry}`);
    return file.text;
  };
  try {
    const [js, workerJs] = await Promise.all([one('main.ts', 'esm'), one('layout-worker.ts', 'iife')]);
    return { js, workerJs, buildMs: performance.now() - started };
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ThreatGraphError('explorer', `cannot bundle the page (src/explorer/page/main.ts, layout-worker.ts): ${detail}`, { cause: error });
  }
}
