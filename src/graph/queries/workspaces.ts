// The Cypher of the explorer's saved workspaces: small `Workspace` nodes, apart from the
// knowledge graph (no relationships), each holding the canvas's state as JSON text.
import type { CypherQuery } from '../executor.js';

const WORKSPACE_FIELDS = `w.id AS id, w.name AS name, w.savedBy AS savedBy, w.savedAt AS savedAt, w.entityCount AS entityCount`;

/** Creates or replaces the workspace called `name`; a new one gets `id`. */
export function saveWorkspace(id: string, name: string, state: string, entityCount: number, savedBy: string, savedAt: string): CypherQuery {
  return {
    cypher: `MERGE (w:Workspace {name: $name})
             ON CREATE SET w.id = $id
             SET w.state = $state, w.entityCount = $entityCount, w.savedBy = $savedBy, w.savedAt = $savedAt
             RETURN ${WORKSPACE_FIELDS}, w.state AS state`,
    params: { id, name, state, entityCount, savedBy, savedAt },
  };
}

export function listWorkspaces(first: number): CypherQuery {
  return {
    cypher: `MATCH (w:Workspace) RETURN ${WORKSPACE_FIELDS}, null AS state ORDER BY w.savedAt DESC, w.name LIMIT toInteger($first)`,
    params: { first },
  };
}

export function workspace(id: string): CypherQuery {
  return { cypher: `MATCH (w:Workspace {id: $id}) RETURN ${WORKSPACE_FIELDS}, w.state AS state`, params: { id } };
}

export function deleteWorkspace(id: string): CypherQuery {
  return { cypher: `MATCH (w:Workspace {id: $id}) DETACH DELETE w RETURN count(*) AS deleted`, params: { id } };
}
