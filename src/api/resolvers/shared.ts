// Mappings between graph records and GraphQL values shared by the resolver files.
import { CASE_KINDS, CLAIMS, GROUP_KINDS } from '../../ontology.js';
import { toPage } from '../args.js';
import type { EntityRecord, RelationRecord } from '../../graph/read.js';
import type { ApiContext } from '../context.js';

/** Internal values of the schema's enums (the graph stores the ontology's spelling). */
export const enumValues = {
  Claim: { ASSERTED: 'asserted', ALLEGED: 'alleged', SUSPECTED: 'suspected' },
  RelationStatus: { AUTO: 'auto', CONFIRMED: 'CONFIRMED', REJECTED: 'REJECTED' },
  Origin: { EXTRACTED: 'extracted', ANALYST: 'analyst', STIX: 'stix' },
};

export function claimOrNull(value: unknown): string | null {
  return typeof value === 'string' && (CLAIMS as readonly string[]).includes(value) ? value : null;
}

export function kindOrNull(type: 'Group' | 'Case', value: unknown): string | null {
  const kinds: readonly string[] = type === 'Group' ? GROUP_KINDS : CASE_KINDS;
  return typeof value === 'string' && kinds.includes(value) ? value : null;
}

export function originOf(value: unknown): string {
  return value === 'analyst' || value === 'stix' ? value : 'extracted';
}

export function isoTime(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value).toISOString();
  if (typeof value === 'string') return value;
  return null;
}

/** Prime the request's caches with what a traversal returned, so nested fields load nothing. */
export function primeSubgraph(context: ApiContext, nodes: EntityRecord[], relations: RelationRecord[]): void {
  context.loaders.primeEntities(nodes);
  context.loaders.primeRelations(relations);
}

export function connection<T>(rows: T[], skip: number, first: number, totalCount?: number) {
  return { ...toPage(rows, skip, first), ...(totalCount === undefined ? {} : { totalCount }) };
}
