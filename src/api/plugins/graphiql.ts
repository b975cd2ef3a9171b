// GraphiQL from the npm package (@graphql-yoga/render-graphiql inlines its scripts), so it
// works without internet and loads nothing from a CDN; a content security policy allows only
// that inline script (by hash), its blob: workers and requests to this server.
import { createHash } from 'node:crypto';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { Plugin } from 'graphql-yoga';

type GraphiQLOptions = Parameters<typeof renderGraphiQL>[0];

export interface GraphiQLPage {
  /** For createYoga's `renderGraphiQL`. */
  render: (options?: GraphiQLOptions) => string;
  /** Puts the content security policy on the page. */
  plugin: Plugin;
}

export function graphiqlPage(endpoint = '/graphql'): GraphiQLPage {
  // The page is about 9 MB of inlined script: rendered once per set of options.
  const pages = new Map<string, { html: string; policy: string }>();
  let lastPolicy = '';
  const render = (options?: GraphiQLOptions) => {
    const key = JSON.stringify(options ?? {});
    let page = pages.get(key);
    if (!page) {
      const html = renderGraphiQL({ title: 'ThreatGraph GraphiQL', ...options });
      const hashes = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`);
      const policy = [
        "default-src 'self'",
        `script-src ${hashes.join(' ')}`,
        "worker-src 'self' blob:",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
      ].join('; ');
      page = { html, policy };
      pages.set(key, page);
    }
    lastPolicy = page.policy;
    return page.html;
  };
  return {
    render,
    plugin: {
      onResponse({ request, response }) {
        const url = new URL(request.url);
        if ((url.pathname === endpoint || url.pathname === `${endpoint}/`) && response.headers.get('content-type')?.startsWith('text/html')) {
          response.headers.set('content-security-policy', lastPolicy);
          response.headers.set('x-content-type-options', 'nosniff');
          response.headers.set('referrer-policy', 'no-referrer');
        }
      },
    },
  };
}
