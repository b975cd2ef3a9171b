// The API's argument checks, each naming the argument in its BAD_USER_INPUT error, and its
// offset cursors. Limits the Cypher builders enforce themselves (intIn) and the typed errors
// stay with them in src/graph/queries/common.ts.
import { GRAPH_RELATION_TYPES, ENTITY_TYPES, RELATION_TYPES, type EntityType, type GraphRelationType } from '../ontology.js';
import { badInput, intIn } from '../graph/queries/common.js';

export function confidenceArg(name: string, value: number | null | undefined): number {
  const v = value ?? 0;
  if (!Number.isFinite(v) || v < 0 || v > 1) throw badInput(`${name} must be between 0 and 1, got ${v}`);
  return v;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/;

/** True when yyyy-mm-dd names a day of the calendar (no 2024-02-30, no 2024-99-99). */
function isCalendarDay(ymd: string): boolean {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** A date argument (yyyy-mm-dd, or an ISO date-time) or null. */
export function dateArg(name: string, value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (!ISO_DATE.test(value) || Number.isNaN(Date.parse(value)) || !isCalendarDay(value.slice(0, 10))) {
    throw badInput(`${name} must be an ISO date such as 2024-11-05, got "${value.slice(0, 40)}"`);
  }
  return value.slice(0, 10);
}

export function idArg(name: string, value: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 500) throw badInput(`${name} must be an id of 1 to 500 characters`);
  return value;
}

export function textArg(name: string, value: string, max = 200): string {
  const v = typeof value === 'string' ? value.trim() : '';
  if (v.length === 0 || v.length > max) throw badInput(`${name} must be 1 to ${max} characters`);
  return v;
}

/** Relation types checked against the closed list; default: every typed relation (not ASSOCIATED_WITH). */
export function relationTypesArg(name: string, types: readonly string[] | null | undefined): GraphRelationType[] {
  return !types || types.length === 0 ? [...RELATION_TYPES] : fromClosedList(name, types, GRAPH_RELATION_TYPES, 'a relation type');
}

export function entityTypesArg(name: string, types: readonly string[] | null | undefined): EntityType[] | null {
  return !types || types.length === 0 ? null : fromClosedList(name, types, ENTITY_TYPES, 'an entity type');
}

/** The given names that are on the closed list `known`, each once, or an error naming the argument. */
function fromClosedList<T extends string>(name: string, values: readonly string[], known: readonly T[], what: string): T[] {
  const out: T[] = [];
  for (const t of values) {
    const found = known.find((k) => k === t);
    if (!found) throw badInput(`${name}: "${String(t).slice(0, 40)}" is not ${what} (${known.join(', ')})`);
    if (!out.includes(found)) out.push(found);
  }
  return out;
}

export interface RelFilterArgs {
  minConfidence?: number | null;
  includeRejected?: boolean | null;
  since?: string | null;
  until?: string | null;
}

export function relFilterParams(args: RelFilterArgs): { minConfidence: number; includeRejected: boolean; since: string | null; until: string | null } {
  const since = dateArg('since', args.since);
  const until = dateArg('until', args.until);
  if (since && until && since > until) throw badInput(`since (${since}) is after until (${until})`);
  return {
    minConfidence: confidenceArg('minConfidence', args.minConfidence),
    includeRejected: args.includeRejected ?? false,
    since,
    until,
  };
}

// Offset cursors: opaque to clients, cheap, stable for a fixed order.
export function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

export function decodeCursor(name: string, cursor: string | null | undefined): number {
  if (cursor === null || cursor === undefined || cursor === '') return 0;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^o:(\d{1,9})$/.exec(text);
  if (!match) throw badInput(`${name} is not a cursor this API gave out`);
  return Number(match[1]) + 1;
}

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export const MAX_PAGE = 100;

/** skip/limit from first/after, with the page-size cap. */
export function pageArgs(args: PageArgs, fallback: number, max = MAX_PAGE): { skip: number; first: number } {
  return { skip: decodeCursor('after', args.after), first: intIn('first', args.first, 0, max, fallback) };
}

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** A connection page from rows fetched with LIMIT first + 1. */
export function toPage<T>(rows: T[], skip: number, first: number): Page<T> {
  const shown = rows.slice(0, first);
  const edges = shown.map((node, i) => ({ cursor: encodeCursor(skip + i), node }));
  return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
}
