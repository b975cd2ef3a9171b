// Articles and feeds over http(s): one GET with a deadline and a size limit. Errors name
// the URL and what went wrong ("timed out after 10 s", "HTTP 404 Not Found").
import { ThreatGraphError } from '../errors.js';
import { decodeText } from './parse.js';
import { DEFAULT_MAX_BYTES } from './types.js';

export interface Fetched {
  url: string; // after redirects
  contentType: string;
  text: string;
}

const fail = (url: string, reason: string, cause?: unknown) => new ThreatGraphError('fetch', `${url}: ${reason}`, { cause, code: 'BAD_SOURCE' });

export function isHttpUrl(spec: string): boolean {
  return /^https?:\/\//i.test(spec);
}

export async function fetchText(url: string, options: { timeoutMs?: number; maxBytes?: number } = {}): Promise<Fetched> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    let response: Response;
    try {
      response = await fetch(url, {
        signal: controller.signal,
        redirect: 'follow',
        headers: {
          'user-agent': 'ThreatGraph/0.1 (+article ingestion)',
          accept: 'text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/xml;q=0.9, text/plain;q=0.8, */*;q=0.5',
        },
      });
    } catch (error) {
      if (controller.signal.aborted) throw fail(url, `timed out after ${formatSeconds(timeoutMs)}`, error);
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw fail(url, `cannot be fetched (${cause?.code ?? cause?.message ?? (error as Error).message})`, error);
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => {});
      throw fail(url, `HTTP ${response.status}${response.statusText ? ' ' + response.statusText : ''}`);
    }
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > maxBytes) {
      await response.body?.cancel().catch(() => {});
      throw fail(url, `is too large (${declared} bytes; the limit is ${maxBytes})`);
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
      const reader = response.body?.getReader();
      for (let part = await reader?.read(); part && !part.done; part = await reader!.read()) {
        const chunk = part.value;
        size += chunk.length;
        if (size > maxBytes) {
          controller.abort();
          throw fail(url, `is too large (over ${maxBytes} bytes)`);
        }
        chunks.push(chunk);
      }
    } catch (error) {
      if (error instanceof ThreatGraphError) throw error;
      if (controller.signal.aborted) throw fail(url, `timed out after ${formatSeconds(timeoutMs)}`, error);
      throw fail(url, `failed while reading (${(error as Error).message})`, error);
    }
    const text = decodeText(url, Buffer.concat(chunks)).toString();
    return { url: response.url || url, contentType: (response.headers.get('content-type') ?? '').toLowerCase(), text };
  } catch (error) {
    // decodeText speaks as [source]; a fetched source is reported as [fetch].
    if (error instanceof ThreatGraphError && error.message.startsWith('[threatgraph] [source] ')) {
      throw new ThreatGraphError('fetch', error.message.slice('[threatgraph] [source] '.length), { cause: error, code: 'BAD_SOURCE' });
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** Whether a response is a feed rather than a page: by its content type, else by its first tag. */
export function looksLikeFeed(fetched: Fetched): boolean {
  if (/(rss|atom)\+xml|\/xml|\+xml/.test(fetched.contentType) && !/xhtml/.test(fetched.contentType)) return true;
  return /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<(rss|feed|rdf:RDF)[\s>]/i.test(fetched.text.slice(0, 2000));
}
