// What the export mappers read: plain rows of the graph, declared in src/graph/rows.ts
// (src/graph/export.ts reads them in one read transaction). The mappers are pure, so every
// format is tested without Neo4j too.
export type { ExportArticle, ExportEntity, ExportEvidence, ExportRelation, GraphSnapshot, StixProvenance } from '../graph/rows.js';

export interface ExportOptions {
  /** STIX: include ASSOCIATED_WITH (co-occurrence) as related-to. @default false */
  cooccurrence?: boolean;
}

export const EXPORT_FORMATS = ['stix', 'graphml', 'csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
