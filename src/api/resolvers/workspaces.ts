// The explorer's saved workspaces: Query.workspaces / workspace (read transactions) and
// Mutation.saveWorkspace / deleteWorkspace (the `analyst` role, checked by the roles plugin).
import { randomUUID } from 'node:crypto';
import { badInput, intIn } from '../../graph/queries/common.js';
import { idArg, textArg } from '../args.js';
import * as q from '../../graph/queries/workspaces.js';
import type { ApiContext } from '../context.js';

/** A workspace's state, as JSON text, is at most this long. */
const STATE_MAX = 1_000_000;

interface WorkspaceRow {
  id: string;
  name: string;
  state: string | null;
  savedBy: string;
  savedAt: string;
  entityCount: number;
}

/** The state must be a JSON object; its `entities` list (if any) gives the count shown in lists. */
function stateArg(value: string): { text: string; entityCount: number } {
  if (typeof value !== 'string' || value.length === 0 || value.length > STATE_MAX) throw badInput(`state must be JSON text of 1 to ${STATE_MAX} characters`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (error) {
    throw badInput(`state is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw badInput('state must be a JSON object');
  const entities = (parsed as { entities?: unknown }).entities;
  return { text: value, entityCount: Array.isArray(entities) ? entities.length : 0 };
}

export const workspaceResolvers = {
  Query: {
    workspaces: (_: unknown, args: { first?: number | null }, { graph }: ApiContext) =>
      graph.read<WorkspaceRow>(q.listWorkspaces(intIn('first', args.first, 1, 100, 50))),
    workspace: async (_: unknown, args: { id: string }, { graph }: ApiContext) =>
      (await graph.read<WorkspaceRow>(q.workspace(idArg('id', args.id))))[0] ?? null,
  },
  Mutation: {
    saveWorkspace: async (_: unknown, args: { name: string; state: string }, context: ApiContext) => {
      const name = textArg('name', args.name, 200);
      const { text, entityCount } = stateArg(args.state);
      const by = context.caller.role === null ? 'anonymous' : context.caller.name;
      const [row] = await context.graph.write<WorkspaceRow>(q.saveWorkspace(`ws_${randomUUID()}`, name, text, entityCount, by, new Date().toISOString()));
      return row;
    },
    deleteWorkspace: async (_: unknown, args: { id: string }, { graph }: ApiContext) => {
      const [row] = await graph.write<{ deleted: number }>(q.deleteWorkspace(idArg('id', args.id)));
      return (row?.deleted ?? 0) > 0;
    },
  },
};
