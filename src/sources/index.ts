// Every source `threatgraph ingest` accepts, as one stream of articles and failures:
// files and folders (recursively), http(s) pages and RSS/Atom feeds, and `-` for stdin.
import { readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { ThreatGraphError } from '../errors.js';
import { articleFromJson, decodeText, htmlPublished, readSourceFile } from './parse.js';
import { feedItems } from './feed.js';
import { fetchText, isHttpUrl, looksLikeFeed } from './http.js';
import { jsonlItems, readJsonlFile } from './jsonl.js';
import { DEFAULT_MAX_BYTES, type SourceItem, type SourceOptions } from './types.js';

export type { SourceArticle, SourceItem, SourceOptions } from './types.js';

const EXTENSIONS = new Set<string>(['.txt', '.md', '.markdown', '.html', '.htm', '.json', '.jsonl', '.ndjson']);

const reasonOf = (error: unknown, origin: string): string => {
  const message = error instanceof Error ? error.message : String(error);
  // "[threatgraph] [area] ORIGIN: reason" → "reason": the item already names its origin.
  const prefix = /^(\[threatgraph\] )?\[[\w-]+\] /.exec(message)?.[0] ?? '';
  const rest = message.slice(prefix.length);
  return rest.startsWith(origin + ': ') ? rest.slice(origin.length + 2) : rest;
};

/** Files under a folder that look like articles, in a stable (sorted) order; hidden entries skipped. */
export function listArticleFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (EXTENSIONS.has(extname(entry.name).toLowerCase())) out.push(path);
    }
  };
  walk(dir);
  return out;
}

async function* fileItems(path: string, options: SourceOptions): AsyncGenerator<SourceItem> {
  const ext = extname(path).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') {
    yield* readJsonlFile(path);
    return;
  }
  try {
    yield { kind: 'article', origin: path, article: readSourceFile(path, options.maxBytes ?? DEFAULT_MAX_BYTES) };
  } catch (error) {
    yield { kind: 'failed', origin: path, reason: reasonOf(error, path) };
  }
}

async function* urlItems(url: string, options: SourceOptions): AsyncGenerator<SourceItem> {
  let fetched;
  try {
    fetched = await fetchText(url, options);
  } catch (error) {
    yield { kind: 'failed', origin: url, reason: reasonOf(error, url) };
    return;
  }
  if (looksLikeFeed(fetched)) {
    try {
      yield* feedItems(url, fetched.text, options);
    } catch (error) {
      yield { kind: 'failed', origin: url, reason: reasonOf(error, url) };
    }
    return;
  }
  const html = /html/.test(fetched.contentType) || /^\s*</.test(fetched.text);
  yield {
    kind: 'article', origin: url,
    article: { text: fetched.text, format: html ? 'html' : 'text', url: fetched.url, source: new URL(fetched.url).hostname, published: html ? htmlPublished(fetched.text) : undefined },
  };
}

async function readAll(stream: NodeJS.ReadableStream, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > maxBytes) throw new ThreatGraphError('source', `stdin: is too large (over ${maxBytes} bytes)`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** Standard input: JSON Lines, one JSON article, or the text of one article. */
async function* stdinItems(options: SourceOptions): AsyncGenerator<SourceItem> {
  let text: string;
  try {
    text = decodeText('stdin', await readAll(options.stdin ?? process.stdin, 64 * (options.maxBytes ?? DEFAULT_MAX_BYTES)));
  } catch (error) {
    yield { kind: 'failed', origin: 'stdin', reason: reasonOf(error, 'stdin') };
    return;
  }
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    const lines = trimmed.split('\n').filter((l) => l.trim());
    if (lines.length > 1 && lines.every((l) => l.trim().startsWith('{'))) {
      yield* jsonlItems('stdin', text);
      return;
    }
    try {
      yield { kind: 'article', origin: 'stdin', article: articleFromJson('stdin', JSON.parse(trimmed)) };
    } catch (error) {
      yield { kind: 'failed', origin: 'stdin', reason: reasonOf(error, 'stdin') };
    }
    return;
  }
  yield { kind: 'article', origin: 'stdin', article: { text, source: 'stdin' } };
}

/**
 * Articles from every spec in turn. Nothing here throws for bad input: each unreadable
 * source becomes a `failed` item naming it, and the rest continue. `onExpect` hears how
 * many articles a spec is about to give, when that is known (files), for a progress bar.
 */
export async function* readSources(specs: string[], options: SourceOptions & { onExpect?: (count: number) => void } = {}): AsyncGenerator<SourceItem> {
  for (const spec of specs) {
    if (spec === '-') {
      yield* stdinItems(options);
    } else if (isHttpUrl(spec)) {
      options.onExpect?.(1);
      yield* urlItems(spec, options);
    } else {
      let isDir = false;
      try {
        isDir = statSync(spec).isDirectory();
      } catch (error) {
        options.onExpect?.(1);
        yield { kind: 'failed', origin: spec, reason: `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
        continue;
      }
      const files = isDir ? listArticleFiles(spec) : [spec];
      if (isDir && files.length === 0) {
        yield { kind: 'failed', origin: spec, reason: `holds no article files (${[...EXTENSIONS].join(', ')})` };
        continue;
      }
      options.onExpect?.(files.filter((f) => !/\.(jsonl|ndjson)$/i.test(f)).length);
      for (const file of files) yield* fileItems(file, options);
    }
  }
}
