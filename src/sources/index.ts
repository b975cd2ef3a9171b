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

/**
 * Files under a folder that look like articles, in a stable (sorted) order; hidden entries
 * skipped. A subfolder that cannot be listed is reported in `unreadable` and the walk goes on.
 */
export function listArticleFiles(dir: string): { files: string[]; unreadable: Array<{ path: string; reason: string }> } {
  const files: string[] = [];
  const unreadable: Array<{ path: string; reason: string }> = [];
  const walk = (d: string) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      unreadable.push({
        path: d,
        reason: code === 'EACCES' || code === 'EPERM' ? 'cannot be read (permission denied)' : `cannot be read (${code ?? (error as Error).message})`,
      });
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (EXTENSIONS.has(extname(entry.name).toLowerCase())) files.push(path);
    }
  };
  walk(dir);
  return { files, unreadable };
}

async function* fileItems(path: string, options: SourceOptions): AsyncGenerator<SourceItem> {
  const ext = extname(path).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') {
    yield* readJsonlFile(path, options.maxBytes ?? DEFAULT_MAX_BYTES);
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
    kind: 'article',
    origin: url,
    article: {
      text: fetched.text,
      format: html ? 'html' : 'text',
      url: fetched.url,
      source: new URL(fetched.url).hostname,
      published: html ? htmlPublished(fetched.text) : undefined,
    },
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
async function* stdinItems(options: SourceOptions & { onExpect?: (count: number) => void }): AsyncGenerator<SourceItem> {
  // JSON Lines on stdin may hold many articles (each line held to the limit); one article may not pass it.
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let text: string;
  let bytes: Buffer;
  try {
    bytes = await readAll(options.stdin ?? process.stdin, 64 * maxBytes);
    text = decodeText('stdin', bytes);
  } catch (error) {
    yield { kind: 'failed', origin: 'stdin', reason: reasonOf(error, 'stdin') };
    return;
  }
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    const lines = trimmed.split('\n').filter((l) => l.trim());
    if (lines.length > 1 && lines.every((l) => l.trim().startsWith('{'))) {
      options.onExpect?.(lines.length);
      yield* jsonlItems('stdin', text, maxBytes);
      return;
    }
  }
  options.onExpect?.(1);
  if (bytes.length > maxBytes) {
    yield { kind: 'failed', origin: 'stdin', reason: `is too large (${bytes.length} bytes; the limit is ${maxBytes})` };
    return;
  }
  if (trimmed.startsWith('{')) {
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
      const { files, unreadable } = isDir ? listArticleFiles(spec) : { files: [spec], unreadable: [] };
      options.onExpect?.(unreadable.length);
      for (const u of unreadable) yield { kind: 'failed', origin: u.path, reason: u.reason };
      if (isDir && files.length === 0) {
        if (unreadable.length) continue;
        yield { kind: 'failed', origin: spec, reason: `holds no article files (${[...EXTENSIONS].join(', ')})` };
        continue;
      }
      options.onExpect?.(files.filter((f) => !/\.(jsonl|ndjson)$/i.test(f)).length);
      for (const file of files) yield* fileItems(file, options);
    }
  }
}
