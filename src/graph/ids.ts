// The graph model's keys (README "Graph model"): every id is derived from content, so the
// same article, entity or fact gets the same id in every run and every process.
import { createHash } from 'node:crypto';
import type { EntityType } from '../ontology.js';

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

const hash16 = (text: string): string => sha256(text).slice(0, 16);

/**
 * The key names are compared by: lower-cased, accents stripped, punctuation and a leading
 * "the" dropped, spaces collapsed. Hyphens and slashes separate words ("Al-Qaeda" = "Al Qaeda");
 * dots and quotes vanish ("U.S." = "US").
 */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[-\u2010-\u2015/_&+]+/g, ' ')
    .replace(/[^\p{L}\p{N}\s]+/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^the /, '');
}

/** The text an article id is a hash of: title and body, Unicode and whitespace normalised. */
export function normalisedArticleText(title: string | undefined, text: string): string {
  const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();
  return `${norm(title ?? '')}\n${norm(text)}`;
}

export function articleIdFromHash(contentHash: string): string {
  return 'a_' + contentHash.slice(0, 16);
}

export function entityId(type: EntityType, name: string, iso3?: string): string {
  if (type === 'State' && iso3) return `State:${iso3.toUpperCase()}`;
  return `${type}:${nameKey(name)}`;
}

/** Typed relations and ASSOCIATED_WITH alike: 'r_' + hash of type, source id and target id. */
export function relationId(type: string, sourceId: string, targetId: string): string {
  return 'r_' + hash16(`${type}|${sourceId}|${targetId}`);
}

export function evidenceId(relId: string, articleId: string, sentenceIndex: number, rule: string): string {
  return 'ev_' + hash16(`${relId}|${articleId}|${sentenceIndex}|${rule}`);
}

export function mergeRecordId(keepId: string, removedId: string): string {
  return 'mr_' + hash16(`${keepId}|${removedId}`);
}
