// The graph's row types for export and STIX import, beside the ingest's in ./write.ts: what
// src/graph/export.ts reads and src/graph/import-stix.ts writes. The export mappers
// (src/export) and the STIX import planner (src/import) depend on these, never the reverse.
import type { Claim, GraphRelationType } from '../ontology.js';
import type { EntityRow } from './write.js';

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
  /** The centre entity and depth for a neighbourhood export; the ids for a selection (the explorer's canvas). */
  scope: { entityId: string; depth: number } | { entityIds: string[] } | null;
  /** The articles behind the entities (STIX reports); empty when not read. */
  articles?: ExportArticle[];
  /** STIX objects an import kept but ThreatGraph does not model (software, markings, producers), as JSON text. */
  stixObjects?: string[];
}

// STIX import (src/import/stix.ts plans these, ./import-stix.ts writes them)

/** An entity a STIX bundle adds; counts are null when the bundle states none. */
export interface ImportEntity extends Omit<EntityRow, 'aliasKeys' | 'mentionCount' | 'articleCount'> {
  mentionCount: number | null;
  articleCount: number | null;
  stixId: string;
  /** A ThreatGraph export's object: where the graph has it already, it adds nothing. */
  restated: boolean;
  /** What the graph keeps of the STIX object (null for ThreatGraph's own objects). */
  stix: StixProvenance | null;
}

export interface ImportRelation {
  id: string;
  type: GraphRelationType;
  sourceId: string;
  targetId: string;
  confidence: number;
  claim: Claim | null;
  status: string;
  note: string | null;
  weight: number | null;
  firstSeen: string | null;
  lastSeen: string | null;
  /** The text the evidence keeps: the STIX description, or one made from the relationship. */
  sentence: string;
  /** Position of the relationship in the bundle (the evidence's sentenceIndex). */
  index: number;
  stixId: string;
  stixRelationshipType: string;
  /** A ThreatGraph export's relationship: where the graph has it, its evidence is counted already. */
  restated: boolean;
  stix: StixProvenance | null;
}

/** A STIX object the graph does not model, kept as its JSON text. */
export interface KeptStixObject {
  id: string;
  type: string;
  json: string;
}

export interface StixImportPlan {
  file: string;
  bundleId: string;
  entities: ImportEntity[];
  relations: ImportRelation[];
  /** Objects not imported as entities or relations, by STIX type (kept ones included). */
  skipped: Record<string, number>;
  /** Objects kept as they are for export (software, markings, producers, …). */
  kept: KeptStixObject[];
  /** Revoked and deprecated objects, left out. */
  revoked: number;
  deprecated: number;
  warnings: string[];
}
