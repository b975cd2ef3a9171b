// What the export mappers read: plain rows of the graph (src/graph/export.ts reads them in
// one read transaction). The mappers are pure, so every format is tested without Neo4j too.
import type { EntityRow } from '../graph/write.js';
import type { GraphRelationType } from '../ontology.js';

/** An Entity node as read back (the properties the ingest writes, see EntityRow), plus what drives its STIX type. */
export interface ExportEntity extends Omit<EntityRow, 'aliasKeys' | 'nameKey'> {
  /** Null on nodes written by hand or by older versions. */
  nameKey: string | null;
  origin: string | null;
  /** Kinds of the Cases this entity is RESPONSIBLE_FOR (drives the STIX object type). */
  responsibleFor: string[];
  /** ISO3 codes of the States it is LOCATED_IN (a Place's country in STIX). */
  locatedIn: string[];
}

export interface ExportEvidence {
  sentence: string;
  articleId: string | null;
  articleTitle: string | null;
  articleUrl: string | null;
  articleSource: string | null;
  published: string | null;
  rule: string | null;
  confidence: number | null;
}

export interface ExportRelation {
  id: string;
  type: GraphRelationType;
  sourceId: string;
  targetId: string;
  confidence: number | null;
  claim: string | null;
  evidenceCount: number;
  /** ASSOCIATED_WITH only: sentences shared. */
  weight: number | null;
  firstSeen: string | null;
  lastSeen: string | null;
  status: string | null;
  note: string | null;
  origin: string | null;
  rules: string[];
  /** The strongest few pieces of evidence (not all of them: see evidenceCount). */
  evidence: ExportEvidence[];
}

/** A whole graph or one entity's neighbourhood: relations only between listed entities. */
export interface GraphSnapshot {
  entities: ExportEntity[];
  relations: ExportRelation[];
  /** The centre entity and depth for a neighbourhood export. */
  scope: { entityId: string; depth: number } | null;
}

export const EXPORT_FORMATS = ['stix', 'graphml', 'csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
