// Shared pieces of the read and curation Cypher: input checks that name the argument, the
// projections every query returns, and relationship-type and label expressions built only
// from the ontology's closed lists (text never reaches a Cypher string).
import { ThreatGraphError } from '../../errors.js';
import { ASSOCIATED_WITH, ENTITY_TYPES, RELATION_TYPES, type EntityType, type GraphRelationType } from '../../ontology.js';

export const GRAPH_RELATION_TYPES: readonly GraphRelationType[] = [...RELATION_TYPES, ASSOCIATED_WITH];

/** A bad argument: the API turns this into a BAD_USER_INPUT error (HTTP 400). */
export function badInput(message: string): ThreatGraphError {
  return new ThreatGraphError('api', message, { code: 'BAD_USER_INPUT' });
}

export function notFound(message: string): ThreatGraphError {
  return new ThreatGraphError('api', message, { code: 'NOT_FOUND' });
}

/** An integer argument within [min, max], or a BAD_USER_INPUT error naming it. */
export function intIn(name: string, value: number | null | undefined, min: number, max: number, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < min || v > max) throw badInput(`${name} must be an integer from ${min} to ${max}, got ${v}`);
  return v;
}

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
  if (!types || types.length === 0) return [...RELATION_TYPES];
  const out: GraphRelationType[] = [];
  for (const t of types) {
    const found = GRAPH_RELATION_TYPES.find((known) => known === t);
    if (!found) throw badInput(`${name}: "${String(t).slice(0, 40)}" is not a relation type (${GRAPH_RELATION_TYPES.join(', ')})`);
    if (!out.includes(found)) out.push(found);
  }
  return out;
}

export function entityTypesArg(name: string, types: readonly string[] | null | undefined): EntityType[] | null {
  if (!types || types.length === 0) return null;
  const out: EntityType[] = [];
  for (const t of types) {
    const found = ENTITY_TYPES.find((known) => known === t);
    if (!found) throw badInput(`${name}: "${String(t).slice(0, 40)}" is not an entity type (${ENTITY_TYPES.join(', ')})`);
    if (!out.includes(found)) out.push(found);
  }
  return out;
}

/** `:A|B` for a relationship pattern; every name comes from the closed list. */
export function relTypeExpr(types: readonly GraphRelationType[]): string {
  for (const t of types) if (!GRAPH_RELATION_TYPES.includes(t)) throw new ThreatGraphError('graph', `unknown relation type ${t}`);
  return ':' + types.join('|');
}

/** `:A|B` for a node pattern, or '' for any entity; every name comes from the closed list. */
export function labelExpr(types: readonly EntityType[] | null): string {
  if (!types) return ':Entity';
  for (const t of types) if (!ENTITY_TYPES.includes(t)) throw new ThreatGraphError('graph', `unknown entity type ${t}`);
  return ':' + types.join('|');
}

export type Direction = 'OUT' | 'IN' | 'BOTH';

/** The relationship part of a pattern: `-[r:T]->`, `<-[r:T]-` or `-[r:T]-`. */
export function relPattern(variable: string, types: readonly GraphRelationType[], direction: Direction): string {
  if (!/^[a-z]\w*$/.test(variable)) throw new ThreatGraphError('graph', `bad variable ${variable}`);
  const inner = `[${variable}${relTypeExpr(types)}]`;
  if (direction === 'OUT') return `-${inner}->`;
  if (direction === 'IN') return `<-${inner}-`;
  if (direction === 'BOTH') return `-${inner}-`;
  throw new ThreatGraphError('graph', `unknown direction ${String(direction)}`);
}

/**
 * Cypher condition on relationship `r` shared by every traversal: confidence, status, dates.
 * Given the filter's values, only the conditions that can exclude something are written, so
 * the common case (any confidence, no dates) reads one property per relationship.
 */
export function relFilter(r: string, active?: { minConfidence?: number | null; includeRejected?: boolean | null; since?: string | null; until?: string | null }): string {
  const all = active === undefined;
  const parts: string[] = [];
  if (all || (active.minConfidence ?? 0) > 0) parts.push(`coalesce(${r}.confidence, 0.0) >= $minConfidence`);
  if (all) parts.push(`($includeRejected OR coalesce(${r}.status, 'auto') <> 'REJECTED')`);
  else if (!active.includeRejected) parts.push(`coalesce(${r}.status, 'auto') <> 'REJECTED'`);
  if (all || active.since) parts.push(`($since IS NULL OR ${r}.lastSeen IS NULL OR ${r}.lastSeen >= $since)`);
  if (all || active.until) parts.push(`($until IS NULL OR ${r}.firstSeen IS NULL OR ${r}.firstSeen <= $until)`);
  return parts.length > 0 ? parts.join(' AND ') : 'true';
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

/** Projection of an entity node: its properties, without the index-only text. */
export function entityMap(n: string): string {
  return `${n} {.*, aliasText: null}`;
}

/** Projection of a relationship: properties plus type and end ids. */
export function relationMap(r: string): string {
  return `${r} {.*, type: type(${r}), sourceId: startNode(${r}).id, targetId: endNode(${r}).id}`;
}

/**
 * What each field of the API's Relation type reads: its own property, or the type and end ids;
 * `evidence` reads the relation's id, projected always.
 */
const RELATION_FIELD_PROJECTIONS: Record<string, (r: string) => string | null> = {
  id: () => null, evidence: () => null, __typename: () => null,
  type: (r) => `type: type(${r})`, source: (r) => `sourceId: startNode(${r}).id`, target: (r) => `targetId: endNode(${r}).id`,
  ...Object.fromEntries(['confidence', 'claim', 'evidenceCount', 'weight', 'firstSeen', 'lastSeen', 'updatedAt', 'status', 'note', 'origin', 'rules']
    .map((f) => [f, (r: string) => `.${f}`])),
};

/**
 * Projection of a relationship reading only what `fields` (the Relation fields a client asked
 * for) need: a thousand relationships cost their properties, so a drawing that asks for five
 * fields reads five. Null, or a field outside the closed list, projects everything (relationMap).
 */
export function relationFieldsMap(r: string, fields: readonly string[] | null): string {
  if (!fields || fields.some((f) => !Object.hasOwn(RELATION_FIELD_PROJECTIONS, f))) return relationMap(r);
  const parts = [...new Set(fields.map((f) => RELATION_FIELD_PROJECTIONS[f]!(r)).filter((x): x is string => x !== null))].sort();
  return `${r} {.id${parts.map((p) => `, ${p}`).join('')}}`;
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
