// Text in: HTML and Markdown become plain paragraphs, then typography is normalised
// so that rules see one kind of quote, dash and space. Offsets everywhere refer to
// the normalised text, so nothing here needs to keep a map back to the input.
import { isProbablyReaderable, Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

export type TextFormat = 'text' | 'markdown' | 'html';

/** Guesses how a text is written when the caller did not say. */
export function detectFormat(text: string): TextFormat {
  const head = text.slice(0, 2000);
  if (/^\s*(<!doctype html|<html[\s>])/i.test(head) || /<(body|article|p|div)[\s>]/i.test(head)) return 'html';
  if (/^(#{1,6} |\* |- |> )|\[[^\]]+\]\([^)]+\)|\*\*[^*]+\*\*/m.test(head)) return 'markdown';
  return 'text';
}

/**
 * The main article of an HTML page, found by Readability on a linkedom DOM.
 * A page without an article gives empty text, not the navigation and footer.
 */
export function htmlToText(html: string): { title?: string; text: string } {
  const { document } = parseHTML(html);
  // linkedom pages parsed from a fragment lack documentElement children Readability expects.
  if (!document.body) return { text: '' };
  // a page of links, a cookie wall or a login form has no article to read
  if (!isProbablyReaderable(document as unknown as Document, { minContentLength: 100, minScore: 20 })) return { text: '' };
  const article = new Readability(document as unknown as Document, { charThreshold: 200 }).parse();
  if (!article || !article.content) return { text: '' };
  const { document: body } = parseHTML(`<html><body>${article.content}</body></html>`);
  const blocks: string[] = [];
  for (const el of body.querySelectorAll('p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, td, figcaption')) {
    // Only leaf-most blocks: a <li> holding <p>s is read through its paragraphs.
    if (el.querySelector('p, li, blockquote')) continue;
    const t = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (t) blocks.push(t);
  }
  const text = blocks.length ? blocks.join('\n\n') : (article.textContent ?? '').trim();
  return { title: article.title?.trim() || undefined, text };
}

/** Markdown to plain paragraphs: markup goes, the words stay. */
export function markdownToText(md: string): string {
  return md
    .replace(/```[\s\S]*?```/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/<[^>\n]+>/g, '')
    .replace(/^\s{0,3}#{1,6}\s+/gm, '')
    .replace(/^\s{0,3}>\s?/gm, '')
    .replace(/^\s*(?:[-*+]|\d+\.)\s+/gm, '')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[\s(])[*_]([^*_\n]+)[*_](?=[\s).,;:!?]|$)/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/^\s*(?:-{3,}|\*{3,}|_{3,})\s*$/gm, '');
}

/**
 * One kind of quote, dash and space. Curly quotes become straight ones, and a closing
 * double quote that was never opened (‘extreme right wing” don’t’) is dropped, so a
 * sentence splitter or a quote rule cannot pair it with a later one.
 */
export function normaliseTypography(text: string): string {
  const t = text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]/g, '')
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '')
    .replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000\t]/g, ' ')
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u02BC]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"')
    .replace(/(\d)\s*[\u2013\u2014]\s*(\d)/g, '$1-$2')
    .replace(/\s*[\u2013\u2014\u2015]\s*/g, ' - ')
    .replace(/[\u2010\u2011\u2012\u2212]/g, '-')
    .replace(/\u2026/g, '...')
    // "FBI Director [James] Comey": an editor's bracket around part of a name
    .replace(/\[(\p{Lu}[\p{L}.'-]*)\][ ]+(?=\p{Lu})/gu, '$1 ')
    .replace(/[ ]{2,}/g, ' ');
  return t.split('\n').map(dropStrayQuotes).join('\n');
}

// A '"' that follows a word and closes nothing is stray: drop it.
function dropStrayQuotes(line: string): string {
  if (!line.includes('"')) return line;
  let open = false;
  let out = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c !== '"') {
      out += c;
      continue;
    }
    const prev = line[i - 1] ?? ' ';
    const next = line[i + 1] ?? ' ';
    const opens = /[\s([{\-/]/.test(prev) || i === 0;
    if (open) {
      open = false;
      out += c;
    } else if (opens && /\S/.test(next)) {
      open = true;
      out += c;
    }
    // else: a closing quote with no opening one
  }
  return out;
}

/** Plain, normalised text of an article body in any of the accepted formats. */
export function toPlainText(text: string, format: TextFormat = detectFormat(text)): { title?: string; text: string } {
  if (format === 'html') {
    const r = htmlToText(text);
    return { title: r.title ? normaliseTypography(r.title) : undefined, text: normaliseTypography(r.text) };
  }
  if (format === 'markdown') return { text: normaliseTypography(markdownToText(text)) };
  return { text: normaliseTypography(text) };
}
