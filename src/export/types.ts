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
  /** When the graph first held it (ms), and the last time an article mentioning it was ingested. */
  createdAt: number | null;
  lastIngestedAt: string | null;
  /** What a STIX import kept of the object it came from (null for extracted entities). */
  stix: StixProvenance | null;
}

/** A STIX object's own id, type and what ThreatGraph does not model, kept through an import. */
export interface StixProvenance {
  id: string;
  type: string;
  description: string | null;
  /** external_references as JSON text. */
  externalReferences: string | null;
  markings: string[];
  createdBy: string | null;
  created: string | null;
  modified: string | null;
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
  /** When its first evidence was ingested, and when it last changed (ms). */
  firstIngestedAt: string | null;
  updatedAt: number | null;
  stix: StixProvenance | null;
}

/** An article, for STIX's report per article: what it mentions and the relations it is evidence of. */
export interface ExportArticle {
  id: string;
  title: string | null;
  url: string | null;
  source: string | null;
  published: string | null;
  ingestedAt: string | null;
  entityIds: string[];
  relationIds: string[];
}

/** A whole graph or one entity's neighbourhood: relations only between listed entities. */
export interface GraphSnapshot {
  entities: ExportEntity[];
  relations: ExportRelation[];
  /** The centre entity and depth for a neighbourhood export. */
  scope: { entityId: string; depth: number } | null;
  /** The articles behind the entities (STIX reports); empty when not read. */
  articles?: ExportArticle[];
  /** STIX objects an import kept but ThreatGraph does not model (software, markings, producers), as JSON text. */
  stixObjects?: string[];
}

export interface ExportOptions {
  /** STIX: include ASSOCIATED_WITH (co-occurrence) as related-to. @default false */
  cooccurrence?: boolean;
}

export const EXPORT_FORMATS = ['stix', 'graphml', 'csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
