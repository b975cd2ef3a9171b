// Graph rows → one JSON document of the subgraph: entities as nodes, relations as edges with
// their strongest evidence. The layout of the API's Subgraph, for scripts and notebooks.
import type { ExportEntity, ExportRelation, GraphSnapshot } from './types.js';

export interface JsonSubgraph {
  format: 'threatgraph-subgraph';
  version: 1;
  scope: GraphSnapshot['scope'];
  nodes: Omit<ExportEntity, 'responsibleFor' | 'locatedIn'>[];
  edges: ExportRelation[];
}

export function toJsonSubgraph(snapshot: GraphSnapshot): JsonSubgraph {
  const nodes = [...snapshot.entities].sort((a, b) => (a.id < b.id ? -1 : 1)).map(({ responsibleFor: _r, locatedIn: _l, ...node }) => node);
  const ids = new Set(nodes.map((n) => n.id));
  const edges = [...snapshot.relations].filter((r) => ids.has(r.sourceId) && ids.has(r.targetId)).sort((a, b) => (a.id < b.id ? -1 : 1));
  return { format: 'threatgraph-subgraph', version: 1, scope: snapshot.scope, nodes, edges };
}
