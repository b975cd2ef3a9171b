// The one check of a label or relationship type before it is written into a Cypher string:
// only names from the ontology's closed lists pass (values are always parameters).
import { ThreatGraphError } from '../errors.js';
import { GRAPH_RELATION_TYPES, isEntityType, isRelationType, type EntityType, type GraphRelationType, type RelationType } from '../ontology.js';

/** An entity label from the closed list, or an error naming the area that asked. */
export function entityLabel<T extends EntityType>(type: T, area = 'graph'): T {
  if (!isEntityType(type)) throw new ThreatGraphError(area, `unknown entity type ${String(type)}`);
  return type;
}

/** A typed relation (not ASSOCIATED_WITH) from the closed list. */
export function relationLabel<T extends RelationType>(type: T, area = 'graph'): T {
  if (!isRelationType(type)) throw new ThreatGraphError(area, `unknown relation type ${String(type)}`);
  return type;
}

/** Any relationship type the graph holds, ASSOCIATED_WITH included. */
export function graphRelationLabel<T extends GraphRelationType>(type: T, area = 'graph'): T {
  if (!GRAPH_RELATION_TYPES.includes(type)) throw new ThreatGraphError(area, `unknown relation type ${String(type)}`);
  return type;
}
