// Sentences and tokens. Sentences come from compromise's tokenizer (no tagger), one
// paragraph at a time, so memory and time grow linearly with the document. Tokens are
// our own: words with offsets, possessive 's and hyphens split off so that rules can
// read "Russia 's" and "Iran - backed".
import nlp from 'compromise';
import type { Sentence } from './types.js';

/** Longest paragraph handed to compromise at once; longer ones are cut at a full stop. */
const MAX_CHUNK = 20_000;

export function splitSentences(text: string, from = 0, firstIndex = 0): Sentence[] {
  const out: Sentence[] = [];
  const para = /[^\n]+/g;
  para.lastIndex = from;
  for (let m = para.exec(text); m; m = para.exec(text)) {
    for (const [chunk, base] of chunks(m[0], m.index)) {
      const docs = nlp.tokenize(chunk).json({ offset: true, terms: false } as object) as Array<{ offset?: { start: number; length: number } }>;
      for (const d of docs) {
        if (!d.offset) continue;
        let start = base + d.offset.start;
        let end = start + d.offset.length;
        while (start < end && /\s/.test(text[start] ?? '')) start++;
        while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
        if (end > start) out.push({ index: firstIndex + out.length, text: text.slice(start, end), start, end });
      }
    }
  }
  return out;
}

function* chunks(p: string, base: number): Generator<[string, number]> {
  let at = 0;
  while (p.length - at > MAX_CHUNK) {
    const cut = p.lastIndexOf('. ', at + MAX_CHUNK);
    const end = cut > at ? cut + 2 : at + MAX_CHUNK;
    yield [p.slice(at, end), base + at];
    at = end;
  }
  if (at < p.length) yield [p.slice(at), base + at];
}

export interface Token {
  text: string;
  start: number; // absolute offsets into Extraction.text
  end: number;
  /** Lower-cased, periods dropped: the key gazetteers are indexed by. */
  key: string;
  /** Starts with a capital letter or a digit. */
  cap: boolean;
  /** Every letter is a capital (and there are at least two). */
  upper: boolean;
  word: boolean;
}

// Abbreviations that keep their full stop.
const ABBREV =
  /^(?:Inc|Ltd|LTD|Co|Corp|Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Col|Lt|Sen|Rep|Prof|No|PTE|Pte|Messrs|Sgt|Capt|Adm|Gov|Jan|Feb|Mar|Apr|Aug|Sept|Oct|Nov|Dec|[A-Z])$/;
const TOKEN = /([\p{L}\p{N}]+(?:[.@][\p{L}\p{N}]+)+\.?|[\p{L}\p{N}$]+(?:['][\p{L}\p{N}]+)*)|(['](?:s|S)\b)|(\S)/gu;

export function tokenize(text: string, base = 0): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    let t = m[0];
    const start = base + m.index;
    // "D'Aloia" stays whole; "Russia's" was split by the alternation order above,
    // except when the word ends in 's': handle "'s" at the end of a word.
    if (m[1] && /['][sS]$/.test(t) && t.length > 2) {
      const stem = t.slice(0, -2);
      out.push(mk(stem, start));
      out.push(mk(t.slice(-2), start + stem.length));
      continue;
    }
    // "Merrick B. Garland" keeps its initial's period; "ISIS-K." at a sentence's end does not
    const letterEnd = /^[A-Z]$/.test(t) && (text[m.index - 1] === '-' || /^\.["'”’)\s]*$/.test(text.slice(m.index + 1)));
    if (m[1] && ABBREV.test(t) && text[m.index + t.length] === '.' && !letterEnd) {
      t += '.';
      TOKEN.lastIndex++;
    }
    out.push(mk(t, start));
  }
  return out;
}

function mk(text: string, start: number): Token {
  const word = /[\p{L}\p{N}]/u.test(text);
  const letters = text.replace(/[^\p{L}]/gu, '');
  return {
    text,
    start,
    end: start + text.length,
    key: text.toLowerCase().replace(/\./g, '').replace(/'/g, "'"),
    cap: /^[\p{Lu}\p{N}]/u.test(text),
    upper: letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase(),
    word,
  };
}

/** The gazetteer key of a name: its tokens' keys, hyphens and quotes left out. */
export function nameKey(name: string): string {
  return tokenize(name)
    .filter((t) => t.text !== '-' && t.text !== '"')
    .map((t) => t.key)
    .join(' ');
}
