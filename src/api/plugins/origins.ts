// Which web pages may call the API. A browser sends any page's requests to localhost with the
// analyst's network position (loopback is admin without keys), so /graphql answers only its own
// origin and the origins configured, sends no CORS credentials, and refuses what a plain HTML
// form or a "simple" cross-site request can send (form-encoded, multipart, text/plain POSTs).
import type { Plugin } from 'graphql-yoga';
import { ThreatGraphError } from '../../errors.js';

export interface OriginsOptions {
  /** Browser origins besides the server's own that may call /graphql, e.g. "https://tg.example.org". @default [] */
  allowedOrigins?: readonly string[];
  /**
   * The server trusts loopback peers (no API keys): the Host header must then be a loopback
   * name or an allowed origin's host, so a page whose name was re-pointed at 127.0.0.1 (DNS
   * rebinding) is refused too. @default false
   */
  loopbackTrusted?: boolean;
  /** @default /graphql */
  endpoint?: string;
}

/**
 * POST bodies a page can only send after a CORS preflight (the browser asks first and, with no
 * CORS headers in the answer, never sends). application/json is what every client here sends.
 */
const POST_TYPES = ['application/json', 'application/graphql-response+json', 'application/graphql'];

/** THREATGRAPH_ALLOWED_ORIGINS: comma-separated origins (scheme://host[:port], no path). */
export function allowedOriginsFromEnv(env: Record<string, string | undefined>): string[] {
  const value = env.THREATGRAPH_ALLOWED_ORIGINS?.trim();
  if (!value) return [];
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((origin) => {
      let url: URL | null = null;
      try {
        url = new URL(origin);
      } catch {
        // reported below
      }
      if (!url || !/^https?:$/.test(url.protocol) || url.origin !== origin.replace(/\/$/, '')) {
        throw new ThreatGraphError(
          'config',
          `THREATGRAPH_ALLOWED_ORIGINS "${origin}" is not an origin such as https://tg.example.org or http://localhost:5173 (scheme, host and port only)`,
        );
      }
      return url.origin;
    });
}

function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

function refuse(fetchAPI: { Response: typeof Response }, status: number, code: string, message: string): Response {
  return new fetchAPI.Response(JSON.stringify({ errors: [{ message: `[threatgraph] [api] ${message}`, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', vary: 'Origin' },
  });
}

export function useOrigins(options: OriginsOptions = {}): Plugin {
  const allowed = new Set(options.allowedOrigins ?? []);
  const allowedHosts = new Set([...allowed].map((o) => new URL(o).host));
  const endpoint = options.endpoint ?? '/graphql';
  /** The Origin header when it is another origin the configuration allows, else null. */
  const crossAllowed = (request: Request, url: URL) => {
    const origin = request.headers.get('origin');
    return origin && origin !== url.origin && allowed.has(origin) ? origin : null;
  };

  return {
    onRequest({ request, url, fetchAPI, endResponse }) {
      if (url.pathname !== endpoint && url.pathname !== `${endpoint}/`) return;
      const origin = request.headers.get('origin');
      const allowedCross = crossAllowed(request, url);

      if (options.loopbackTrusted && !isLoopbackHost(url.hostname) && !allowedHosts.has(url.host)) {
        return endResponse(
          refuse(
            fetchAPI,
            403,
            'FORBIDDEN',
            `this server has no API keys and answers only to a local name (localhost, 127.0.0.1, [::1]), not "${url.host}": set THREATGRAPH_API_KEYS, or list the name in THREATGRAPH_ALLOWED_ORIGINS`,
          ),
        );
      }
      if (request.method === 'OPTIONS') {
        // A preflight: only an allowed other origin gets CORS headers (and never credentials).
        if (!allowedCross)
          return endResponse(refuse(fetchAPI, 403, 'FORBIDDEN', `origin ${origin ?? '(none)'} may not call this API (THREATGRAPH_ALLOWED_ORIGINS)`));
        return endResponse(
          new fetchAPI.Response(null, {
            status: 204,
            headers: {
              'content-length': '0',
              'access-control-allow-origin': allowedCross,
              'access-control-allow-methods': 'GET, POST',
              'access-control-allow-headers': 'content-type, authorization, accept',
              'access-control-max-age': '600',
              vary: 'Origin',
            },
          }),
        );
      }
      if (origin !== null && origin !== url.origin && !allowedCross) {
        return endResponse(
          refuse(
            fetchAPI,
            403,
            'FORBIDDEN',
            `origin ${origin} may not call this API: only pages of ${url.origin}${allowed.size ? ` and ${[...allowed].join(', ')}` : ''} (THREATGRAPH_ALLOWED_ORIGINS)`,
          ),
        );
      }
      // No Origin but the browser says another site asked (a <script> or <img> GET): refused,
      // except a top-level navigation (someone following a link to GraphiQL).
      const site = request.headers.get('sec-fetch-site');
      if (origin === null && (site === 'cross-site' || site === 'same-site') && request.headers.get('sec-fetch-mode') !== 'navigate') {
        return endResponse(refuse(fetchAPI, 403, 'FORBIDDEN', 'requests from other sites may not call this API'));
      }
      if (request.method === 'POST') {
        const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
        if (!POST_TYPES.includes(type)) {
          return endResponse(
            refuse(
              fetchAPI,
              415,
              'UNSUPPORTED_MEDIA_TYPE',
              `a POST to ${endpoint} must have content-type application/json, not "${type || '(none)'}" (form posts are refused: they could come from any web page)`,
            ),
          );
        }
      }
    },
    onResponse({ request, response }) {
      const url = new URL(request.url);
      const allowedCross = crossAllowed(request, url);
      if (allowedCross && (url.pathname === endpoint || url.pathname === `${endpoint}/`)) {
        response.headers.set('access-control-allow-origin', allowedCross);
        response.headers.append('vary', 'Origin');
      }
    },
  };
}
