// Reads one article file into an ArticleInput: .txt, .md (front matter: title, date or
// published, source, url), .html and .json (ONTOLOGY format: id, title, text,
// published; annotations ignored). Bad files fail with "[extract] PATH: reason".
import fs from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import type { ArticleInput } from '../extract/types.js';

export const MAX_FILE_BYTES = 20 * 1024 * 1024;

const fail = (file: string, reason: string, cause?: unknown): Error => new Error(`[extract] ${file}: ${reason}`, { cause });

const isoDate = (v: unknown): string | undefined => {
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString().slice(0, 10);
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
};
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

export function readArticleFile(file: string): ArticleInput {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    throw fail(file, 'cannot read the file', error);
  }
  if (!stat.isFile()) throw fail(file, 'not a regular file');
  if (stat.size === 0) throw fail(file, 'the file is empty');
  if (stat.size > MAX_FILE_BYTES) throw fail(file, `the file is ${(stat.size / 1048576).toFixed(1)} MB, over the ${MAX_FILE_BYTES / 1048576} MB limit`);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw fail(
      file,
      code === 'EACCES' || code === 'EPERM' ? 'cannot be read (permission denied)' : `cannot be read (${code ?? (error as Error).message})`,
      error,
    );
  }
  const sample = bytes.subarray(0, 65536);
  if (sample.includes(0)) throw fail(file, 'binary content (NUL bytes), not a text article');
  let raw: string;
  try {
    raw = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw fail(file, 'not valid UTF-8 text', error);
  }
  raw = raw.replace(/^\uFEFF/, '');
  if (!raw.trim()) throw fail(file, 'the file holds only white space');
  const ext = path.extname(file).toLowerCase();
  const id = path.basename(file, ext);
  switch (ext) {
    case '.json': {
      let doc: unknown;
      try {
        doc = JSON.parse(raw);
      } catch (error) {
        throw fail(file, `invalid JSON: ${(error as Error).message}`, error);
      }
      if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw fail(file, 'expected one JSON object with a "text" field');
      const d = doc as Record<string, unknown>;
      if (typeof d.text !== 'string') throw fail(file, 'field "text" is missing or not a string');
      return {
        id: d.id != null ? String(d.id) : id,
        title: str(d.title),
        text: d.text,
        published: isoDate(d.published),
        source: str(d.source),
        url: str(d.url),
      };
    }
    case '.md':
    case '.markdown': {
      let fm: matter.GrayMatterFile<string>;
      try {
        fm = matter(raw);
      } catch (error) {
        throw fail(file, `invalid front matter: ${(error as Error).message}`, error);
      }
      const data = fm.data as Record<string, unknown>;
      return {
        id: str(data.id) ?? id,
        title: str(data.title),
        text: fm.content,
        published: isoDate(data.published ?? data.date),
        source: str(data.source),
        url: str(data.url),
        format: 'markdown',
      };
    }
    case '.html':
    case '.htm':
      return { id, text: raw, format: 'html' };
    case '.txt':
    case '':
      return { id, text: raw, format: 'text' };
    default:
      throw fail(file, `unsupported file type "${ext}" (use .txt, .md, .html or .json)`);
  }
}
