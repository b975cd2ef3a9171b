// Helpers shared by the sources: bytes to text (refusing binary and invalid UTF-8), dates,
// ONTOLOGY.md JSON articles, and an HTML page's publication date.
import { extname, resolve } from 'node:path';
import { readFileSync, statSync } from 'node:fs';
import matter from 'gray-matter';
import { ThreatGraphError } from '../errors.js';
import { readArticleFile } from './file.js';
import type { SourceArticle } from './types.js';

const fail = (origin: string, reason: string, cause?: unknown) => new ThreatGraphError('source', `${origin}: ${reason}`, { cause, code: 'BAD_SOURCE' });

/** UTF-8 text from bytes, or an error naming `origin` when they are empty, binary or not UTF-8. */
export function decodeText(origin: string, bytes: Uint8Array): string {
  if (bytes.length === 0) throw fail(origin, 'is empty');
  if (bytes.subarray(0, 8192).includes(0)) throw fail(origin, 'is binary, not text');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw fail(origin, 'is not valid UTF-8 text', error);
  }
  if (!text.trim()) throw fail(origin, 'is empty');
  return text.replace(/^\uFEFF/, '');
}

/** yyyy-mm-dd from a date or date-time (string or Date); undefined when it is not a date. */
export function isoDate(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  if (typeof value !== 'string' || !value.trim()) return undefined;
  const exact = /^(\d{4}-\d{2}-\d{2})/.exec(value.trim());
  if (exact) return exact[1];
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed.toISOString().slice(0, 10);
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/** An article object in the ONTOLOGY.md JSON format (only `text` is required). */
export function articleFromJson(origin: string, value: unknown): SourceArticle {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw fail(origin, 'is not a JSON object');
  const o = value as Record<string, unknown>;
  if (typeof o.text !== 'string') throw fail(origin, 'has no "text" string');
  if (!o.text.trim()) throw fail(origin, 'has an empty "text"');
  const format = o.format === 'text' || o.format === 'markdown' || o.format === 'html' ? o.format : undefined;
  return {
    id: str(o.id),
    title: str(o.title),
    text: o.text,
    published: isoDate(o.published ?? o.date),
    source: str(o.source) ?? origin,
    url: str(o.url),
    license: str(o.license),
    format,
    key: o.id != null && String(o.id).trim() ? `id:${String(o.id).trim()}` : undefined,
  };
}

const META_DATE = /<meta[^>]+(?:property|name|itemprop)=["'](?:article:published_time|datePublished|date|dc\.date|pubdate)["'][^>]*>/i;

/** An HTML page's publication date from its meta tags, when it states one. */
export function htmlPublished(html: string): string | undefined {
  const tag = META_DATE.exec(html.slice(0, 50_000))?.[0];
  const content = tag && /content=["']([^"']+)["']/i.exec(tag)?.[1];
  return isoDate(content);
}

/**
 * One article file through readArticleFile (the extractor's reader), with what ingestion adds:
 * a size limit, the path as source when the file names none, a Markdown file's license, and
 * an HTML page's date.
 */
export function readSourceFile(path: string, maxBytes?: number): SourceArticle {
  if (maxBytes !== undefined) {
    let size = 0;
    try {
      size = statSync(path).size;
    } catch {
      // readArticleFile reports the unreadable file.
    }
    if (size > maxBytes) throw fail(path, `is too large (${size} bytes; the limit is ${maxBytes})`);
  }
  const article: SourceArticle = readArticleFile(path);
  const ext = extname(path).toLowerCase();
  // An id the file states (front matter, JSON) names the article across edits, as a url does;
  // otherwise the file's own path does.
  let statedId: string | undefined;
  if (ext === '.md' || ext === '.markdown') {
    if (!article.text.trim()) throw fail(path, 'has no text after its front matter');
    const data = matter(readFileSync(path, 'utf8')).data as Record<string, unknown>;
    article.license = str(data.license);
    statedId = str(data.id) ?? (typeof data.id === 'number' ? String(data.id) : undefined);
  }
  if (ext === '.json') {
    const data = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    article.license = str(data.license);
    statedId = data.id != null ? String(data.id) : undefined;
  }
  if (ext === '.html' || ext === '.htm') article.published = htmlPublished(article.text);
  article.key = statedId ? `id:${statedId}` : `file:${resolve(path)}`;
  article.published = isoDate(article.published);
  article.source ??= path;
  return article;
}
