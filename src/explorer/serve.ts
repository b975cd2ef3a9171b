// The graph explorer's HTTP side, as a yoga plugin: the page at `/`, its assets at
// `/explorer/*` and the saved investigations at `/queries` (read-only). `/graphql` stays the
// API: the page itself only speaks GraphQL.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import type { Plugin } from 'graphql-yoga';
import { BUNDLE_DIR, BUNDLED, PROJECT_ROOT } from '../config.js';
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
  'content-security-policy':
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

const STATIC: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/explorer/explorer.css': { file: 'explorer.css', type: 'text/css; charset=utf-8' },
};

/** The bundle as sent: an ETag for revalidation, and brotli and gzip copies made once. */
interface ServedBundle {
  etag: string;
  plain: Uint8Array;
  br: Uint8Array;
  gzip: Uint8Array;
}

function served(js: string): ServedBundle {
  const plain = Buffer.from(js, 'utf8');
  return {
    etag: `"${createHash('sha256').update(plain).digest('base64url').slice(0, 27)}"`,
    plain,
    br: brotliCompressSync(plain, { params: { [zlib.BROTLI_PARAM_QUALITY]: 9, [zlib.BROTLI_PARAM_SIZE_HINT]: plain.length } }),
    gzip: gzipSync(plain, { level: 9 }),
  };
}

/** The best encoding the client accepts (q=0 refuses one). */
function encodingFor(acceptEncoding: string | null): 'br' | 'gzip' | null {
  const accepted = new Map(
    (acceptEncoding ?? '').split(',').map((part) => {
      const [name, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return [name ?? '', q === undefined ? 1 : Number(q)] as const;
    }),
  );
  if ((accepted.get('br') ?? 0) > 0) return 'br';
  if ((accepted.get('gzip') ?? 0) > 0) return 'gzip';
  return null;
}

/** The page as `npm run build` bundled it (minified), read from dist/bundle/explorer. */
async function builtExplorer(): Promise<ExplorerBundle> {
  const started = performance.now();
  const [js, workerJs] = await Promise.all(['explorer.js', 'layout-worker.js'].map((f) => readFile(join(BUNDLE_DIR, 'explorer', f), 'utf8')));
  return { js: js!, workerJs: workerJs!, buildMs: performance.now() - started };
}

export function useExplorer(options: ExplorerOptions = {}): Plugin {
  const queriesDir = options.queriesDir ?? join(PROJECT_ROOT, 'queries');
  // Compressed once per server, on first request: the page `npm run build` made when this runs
  // from the bundle (dist/bundle/explorer), else bundled now; a failure is retried on the next one.
  let bundle: Promise<Record<string, ServedBundle>> | undefined;
  const getBundle = () => {
    bundle ??= (BUNDLED && options.minify !== false ? builtExplorer() : bundleExplorer({ minify: options.minify }))
      .then((b: ExplorerBundle) => ({
        '/explorer/explorer.js': served(b.js),
        '/explorer/layout-worker.js': served(b.workerJs),
      }))
      .catch((error: unknown) => {
        bundle = undefined;
        throw error;
      });
    return bundle;
  };

  return {
    async onRequest({ request, url, fetchAPI, endResponse }) {
      const path = url.pathname;
      if (!(path === '/' || path.startsWith('/explorer/') || path === '/queries' || path.startsWith('/queries/'))) return;
      const respond = (status: number, body: string | Uint8Array | null, type: string, extra: Record<string, string> = {}) =>
        endResponse(
          new fetchAPI.Response(request.method === 'HEAD' ? null : (body as BodyInit | null), {
            status,
            headers: { 'content-type': type, ...SECURITY_HEADERS, ...extra },
          }),
        );
      const notFound = (what: string) => respond(404, `[threatgraph] [explorer] ${what}\n`, 'text/plain; charset=utf-8');

      if (request.method !== 'GET' && request.method !== 'HEAD') {
        return respond(405, `[threatgraph] [explorer] ${path} is read-only: use GET\n`, 'text/plain; charset=utf-8', { allow: 'GET, HEAD' });
      }
      try {
        const asset = STATIC[path];
        if (asset) return respond(200, await readFile(join(PAGE_DIR, asset.file), 'utf8'), asset.type, { 'cache-control': 'no-cache' });
        if (path === '/explorer/explorer.js' || path === '/explorer/layout-worker.js') {
          // Revalidated on every load (no-cache) but sent again only when it changed (ETag),
          // compressed when the browser accepts it (the page's script is 700 KB plain).
          const script = (await getBundle())[path]!;
          const headers = { 'cache-control': 'no-cache', etag: script.etag, vary: 'Accept-Encoding' };
          const known = request.headers
            .get('if-none-match')
            ?.split(',')
            .map((t) => t.trim().replace(/^W\//, ''));
          if (known?.includes(script.etag) || known?.includes('*')) return respond(304, null, 'text/javascript; charset=utf-8', headers);
          const encoding = encodingFor(request.headers.get('accept-encoding'));
          const body = encoding ? script[encoding] : script.plain;
          return respond(200, body, 'text/javascript; charset=utf-8', { ...headers, ...(encoding ? { 'content-encoding': encoding } : {}) });
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
