// Shared pieces of the read and curation Cypher: the typed errors and bounds checks the
// builders use (the API's own argument checks and cursors are in src/api/args.ts), the
// projections every query returns, and relationship-type and label expressions built only
// from the ontology's closed lists (text never reaches a Cypher string).
import { ThreatGraphError } from '../../errors.js';
import type { EntityType, GraphRelationType } from '../../ontology.js';
import { entityLabel, graphRelationLabel } from '../closed.js';

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

/** `:A|B` for a relationship pattern; every name comes from the closed list. */
export function relTypeExpr(types: readonly GraphRelationType[]): string {
  for (const t of types) graphRelationLabel(t);
  return ':' + types.join('|');
}

/** `:A|B` for a node pattern, or '' for any entity; every name comes from the closed list. */
export function labelExpr(types: readonly EntityType[] | null): string {
  if (!types) return ':Entity';
  for (const t of types) entityLabel(t);
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
export function relFilter(
  r: string,
  active?: { minConfidence?: number | null; includeRejected?: boolean | null; since?: string | null; until?: string | null },
): string {
  const all = active === undefined;
  const parts: string[] = [];
  if (all || (active.minConfidence ?? 0) > 0) parts.push(`coalesce(${r}.confidence, 0.0) >= $minConfidence`);
  if (all) parts.push(`($includeRejected OR coalesce(${r}.status, 'auto') <> 'REJECTED')`);
  else if (!active.includeRejected) parts.push(`coalesce(${r}.status, 'auto') <> 'REJECTED'`);
  if (all || active.since) parts.push(`($since IS NULL OR ${r}.lastSeen IS NULL OR ${r}.lastSeen >= $since)`);
  if (all || active.until) parts.push(`($until IS NULL OR ${r}.firstSeen IS NULL OR ${r}.firstSeen <= $until)`);
  return parts.length > 0 ? parts.join(' AND ') : 'true';
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
  id: () => null,
  evidence: () => null,
  __typename: () => null,
  type: (r) => `type: type(${r})`,
  source: (r) => `sourceId: startNode(${r}).id`,
  target: (r) => `targetId: endNode(${r}).id`,
  ...Object.fromEntries(
    ['confidence', 'claim', 'evidenceCount', 'weight', 'firstSeen', 'lastSeen', 'updatedAt', 'status', 'note', 'origin', 'rules'].map((f) => [
      f,
      () => `.${f}`,
    ]),
  ),
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
