// Saved workspaces through the API (yoga.fetch, the real Neo4j): an analyst saves the canvas
// under a name, anyone with a key lists and reopens it, a reader cannot write, bad state is
// refused naming the field. Each test deletes the workspaces it saved, by id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeysFromEnv } from '../../src/api/context.js';
import { createApi, type Api } from '../../src/api/server.js';
import type { GraphExecutor } from '../../src/graph/executor.js';
import { gql } from '../api/helpers.js';
import { testGraph } from '../helpers/graph.js';

const keys = apiKeysFromEnv({ THREATGRAPH_API_KEYS: 'reader-key-123:reader,analyst-key-123:analyst:alice' });
const as = (key: string) => ({ authorization: `Bearer ${key}` });
const SAVE = `mutation($name: String!, $state: String!) { saveWorkspace(name: $name, state: $state) { id name state savedBy savedAt entityCount } }`;

let graph: GraphExecutor;
let api: Api;
const made: string[] = [];

beforeAll(async () => {
  graph = await testGraph();
  api = createApi({ graph, apiKeys: keys });
});
afterAll(async () => {
  await graph.write({ cypher: 'MATCH (w:Workspace) WHERE w.id IN $ids DETACH DELETE w', params: { ids: made } });
  await graph.close();
});

describe('workspaces', () => {
  it('an analyst saves a workspace, a reader lists and reopens it with the same state, saving the name again replaces it', async () => {
    const state = JSON.stringify({ version: 1, entities: [{ id: 'State:RUS', x: 10, y: 20, pinned: true }], notes: { 'State:RUS': 'start here' } });
    const saved = await gql(api, SAVE, { name: 'Russia proxies (test)', state }, as('analyst-key-123'));
    expect(saved.body.errors).toBeUndefined();
    const workspace = saved.body.data.saveWorkspace;
    made.push(workspace.id);
    expect(workspace).toMatchObject({ name: 'Russia proxies (test)', state, savedBy: 'alice', entityCount: 1 });
    expect(workspace.id).toMatch(/^ws_[0-9a-f-]{36}$/);

    const list = await gql(api, `{ workspaces { id name state entityCount } }`, undefined, as('reader-key-123'));
    expect(list.body.data.workspaces).toContainEqual({ id: workspace.id, name: 'Russia proxies (test)', state: null, entityCount: 1 });
    const one = await gql(api, `query($id: ID!) { workspace(id: $id) { state } }`, { id: workspace.id }, as('reader-key-123'));
    expect(JSON.parse(one.body.data.workspace.state)).toEqual(JSON.parse(state));

    const again = await gql(api, SAVE, { name: 'Russia proxies (test)', state: JSON.stringify({ entities: [] }) }, as('analyst-key-123'));
    expect(again.body.data.saveWorkspace.id).toBe(workspace.id);
    expect(again.body.data.saveWorkspace.entityCount).toBe(0);
  });

  it('a reader may not save or delete; bad names and states are refused naming the field', async () => {
    const refused = await gql(api, SAVE, { name: 'not mine', state: '{}' }, as('reader-key-123'));
    expect(refused.status).toBe(403);
    expect(refused.body.errors?.[0]?.message).toMatch(/saveWorkspace needs the analyst role/);
    const deleting = await gql(api, `mutation { deleteWorkspace(id: "ws_x") }`, undefined, as('reader-key-123'));
    expect(deleting.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    for (const [variables, message] of [
      [{ name: 'x', state: 'not json' }, /state is not JSON/],
      [{ name: 'x', state: '[1,2]' }, /state must be a JSON object/],
      [{ name: '   ', state: '{}' }, /name must be 1 to 200 characters/],
    ] as const) {
      const bad = await gql(api, SAVE, variables, as('analyst-key-123'));
      expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(bad.body.errors?.[0]?.message).toMatch(message);
    }
    expect((await graph.read({ cypher: `MATCH (w:Workspace {name: 'x'}) RETURN w` })).length).toBe(0);
  });

  it('deletes by id, and says false for an id it does not know', async () => {
    const saved = await gql(api, SAVE, { name: 'to delete (test)', state: '{}' }, as('analyst-key-123'));
    const id = saved.body.data.saveWorkspace.id as string;
    made.push(id);
    const first = await gql(api, `mutation($id: ID!) { deleteWorkspace(id: $id) }`, { id }, as('analyst-key-123'));
    expect(first.body.data.deleteWorkspace).toBe(true);
    const second = await gql(api, `mutation($id: ID!) { deleteWorkspace(id: $id) }`, { id }, as('analyst-key-123'));
    expect(second.body.data.deleteWorkspace).toBe(false);
    const gone = await gql(api, `query($id: ID!) { workspace(id: $id) { id } }`, { id }, as('reader-key-123'));
    expect(gone.body.data.workspace).toBeNull();
  });
});
