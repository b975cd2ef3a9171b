// JSON Lines: one ONTOLOGY.md article object a line, read as a stream of bytes so a large file
// costs no more memory than its longest line. Each line is held to the size limit and to
// strict UTF-8 like a file; a bad line is reported as PATH:LINE and the other lines still
// count; a file that is binary is refused once, as a whole.
import { createReadStream } from 'node:fs';
import { ThreatGraphError } from '../errors.js';
import { articleFromJson } from './parse.js';
import { DEFAULT_MAX_BYTES, type SourceItem } from './types.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

function lineItem(origin: string, bytes: Uint8Array, maxBytes: number): SourceItem {
  if (bytes.length > maxBytes) return { kind: 'failed', origin, reason: `is too large (${bytes.length} bytes; the limit is ${maxBytes})` };
  let line: string;
  try {
    line = utf8.decode(bytes);
  } catch {
    return { kind: 'failed', origin, reason: 'is not valid UTF-8 text' };
  }
  try {
    return { kind: 'article', origin, article: articleFromJson(origin, JSON.parse(line.replace(/^\uFEFF/, ''))) };
  } catch (error) {
    const reason =
      error instanceof ThreatGraphError
        ? error.message.replace(`[threatgraph] [source] ${origin}: `, '')
        : `is not valid JSON (${(error as Error).message.slice(0, 120)})`;
    return { kind: 'failed', origin, reason };
  }
}

const blank = (bytes: Uint8Array) => bytes.every((b) => b === 0x20 || b === 0x09 || b === 0x0d);

/** The lines of a text already read (stdin), each held to `maxBytes`. */
export function* jsonlItems(origin: string, text: string, maxBytes = DEFAULT_MAX_BYTES): Generator<SourceItem> {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const bytes = Buffer.from(lines[i]!);
    if (!blank(bytes)) yield lineItem(`${origin}:${i + 1}`, bytes, maxBytes);
  }
}

/** A .jsonl file line by line; lines over `maxBytes` are skipped unread and reported. */
export async function* readJsonlFile(path: string, maxBytes = DEFAULT_MAX_BYTES): AsyncGenerator<SourceItem> {
  let n = 0;
  let any = false;
  let first = true;
  let parts: Buffer[] = [];
  let size = 0; // bytes of the current line so far (kept only up to the limit)
  const lineOf = (line: number, kept: Buffer[], bytes: number): SourceItem | null => {
    const origin = `${path}:${line}`;
    if (bytes > maxBytes) return { kind: 'failed', origin, reason: `is too large (${bytes} bytes; the limit is ${maxBytes})` };
    const whole = Buffer.concat(kept);
    return blank(whole) ? null : lineItem(origin, line === 1 ? stripBom(whole) : whole, maxBytes);
  };
  try {
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
      if (first) {
        first = false;
        if (chunk.subarray(0, 8192).includes(0)) {
          yield { kind: 'failed', origin: path, reason: 'is binary (NUL bytes), not JSON Lines' };
          return;
        }
      }
      let start = 0;
      for (let nl = chunk.indexOf(0x0a, start); ; nl = chunk.indexOf(0x0a, start)) {
        const end = nl === -1 ? chunk.length : nl;
        size += end - start;
        if (size <= maxBytes) parts.push(chunk.subarray(start, end));
        if (nl === -1) break;
        const item = lineOf(++n, parts, size);
        if (item) {
          any = true;
          yield item;
        }
        parts = [];
        size = 0;
        start = nl + 1;
      }
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    yield {
      kind: 'failed',
      origin: path,
      reason: code === 'EACCES' ? 'cannot be read (permission denied)' : `cannot be read (${code ?? (error as Error).message})`,
    };
    return;
  }
  const last = size > 0 ? lineOf(++n, parts, size) : null;
  if (last) {
    any = true;
    yield last;
  }
  if (!any) yield { kind: 'failed', origin: path, reason: 'is empty' };
}

const stripBom = (b: Buffer) => (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? b.subarray(3) : b);
