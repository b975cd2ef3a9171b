// The graph explorer's HTTP side, as a yoga plugin: the page at `/`, its assets at
// `/explorer/*` and the saved investigations at `/queries` (read-only). `/graphql` stays the
// API: the page itself only speaks GraphQL.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Plugin } from 'graphql-yoga';
import { PROJECT_ROOT } from '../neo4j/local.js';
import { bundleExplorer, PAGE_DIR, type ExplorerBundle } from './bundle.js';
import { listSavedQueries, readSavedQuery } from './saved-queries.js';

export interface ExplorerOptions {
  /** Where the saved investigations live. @default PROJECT_ROOT/queries */
  queriesDir?: string;
  /** Minify the bundle. @default true */
  minify?: boolean;
}

// The page loads only its own script and style; exported PNGs are data/blob URLs.
const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

const STATIC: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/explorer/explorer.css': { file: 'explorer.css', type: 'text/css; charset=utf-8' },
};

export function useExplorer(options: ExplorerOptions = {}): Plugin {
  const queriesDir = options.queriesDir ?? join(PROJECT_ROOT, 'queries');
  // Bundled once per server, on first request: a failed build is retried on the next one.
  let bundle: Promise<ExplorerBundle> | undefined;
  const getBundle = () => {
    bundle ??= bundleExplorer({ minify: options.minify }).catch((error: unknown) => {
      bundle = undefined;
      throw error;
    });
    return bundle;
  };

  return {
    async onRequest({ request, url, fetchAPI, endResponse }) {
      const path = url.pathname;
      if (!(path === '/' || path.startsWith('/explorer/') || path === '/queries' || path.startsWith('/queries/'))) return;
      const respond = (status: number, body: string, type: string, extra: Record<string, string> = {}) =>
        endResponse(new fetchAPI.Response(request.method === 'HEAD' ? null : body, {
          status,
          headers: { 'content-type': type, ...SECURITY_HEADERS, ...extra },
        }));
      const notFound = (what: string) => respond(404, `[threatgraph] [explorer] ${what}\n`, 'text/plain; charset=utf-8');

      if (request.method !== 'GET' && request.method !== 'HEAD') {
        return respond(405, `[threatgraph] [explorer] ${path} is read-only: use GET\n`, 'text/plain; charset=utf-8', { allow: 'GET, HEAD' });
      }
      try {
        const asset = STATIC[path];
        if (asset) return respond(200, await readFile(join(PAGE_DIR, asset.file), 'utf8'), asset.type, { 'cache-control': 'no-cache' });
        if (path === '/explorer/explorer.js') {
          const { js } = await getBundle();
          return respond(200, js, 'text/javascript; charset=utf-8', { 'cache-control': 'no-cache' });
        }
        if (path === '/queries') {
          const queries = await listSavedQueries(queriesDir);
          return respond(200, JSON.stringify({ queries }), 'application/json; charset=utf-8', { 'cache-control': 'no-cache' });
        }
        if (path.startsWith('/queries/')) {
          const name = path.slice('/queries/'.length);
          const query = await readSavedQuery(queriesDir, name);
          if (!query) return notFound(`no saved query named ${JSON.stringify(name)} (names look like russia-proxies.graphql)`);
          return respond(200, query.text, 'application/graphql; charset=utf-8', { 'cache-control': 'no-cache' });
        }
        return notFound(`no explorer asset at ${path}`);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        console.error(message);
        return respond(500, `${message.startsWith('[threatgraph]') ? message : `[threatgraph] [explorer] ${message}`}\n`, 'text/plain; charset=utf-8');
      }
    },
  };
}
