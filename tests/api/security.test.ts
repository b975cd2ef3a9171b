// Who may do what, what one request may ask, what a client is told when it errs, that text in
// any argument never becomes Cypher, and GraphQL-over-HTTP conformance (graphql-http audits).
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeysFromEnv, isLoopback, resolveCaller } from '../../src/api/context.js';
import { createApi, type Api } from '../../src/api/server.js';
import type { GraphExecutor } from '../../src/graph/executor.js';
import { ingestSampleCorpus, testGraph } from '../helpers/graph.js';
import { data, gql } from './helpers.js';

let graph: GraphExecutor;
let open: Api;
beforeAll(async () => {
  graph = await testGraph();
  await ingestSampleCorpus(graph);
  open = createApi({ graph, apiKeys: null });
});
afterAll(async () => { await graph.close(); });

const keys = apiKeysFromEnv({ THREATGRAPH_API_KEYS: 'reader-key-123:reader,analyst-key-123:analyst:alice,ingest-key-123:ingestor,admin-key-1234:admin' });
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const ALIAS = 'mutation { addAlias(entity: "State:RUS", alias: "Rossiya test alias") { id aliases } }';

describe('roles and API keys', () => {
  it('reads API keys from THREATGRAPH_API_KEYS and refuses malformed ones with the variable named', () => {
    expect(keys?.get('analyst-key-123')).toEqual({ role: 'analyst', name: 'alice' });
    expect(() => apiKeysFromEnv({ THREATGRAPH_API_KEYS: 'short:reader' })).toThrow(/THREATGRAPH_API_KEYS entry 1: an API key must be/);
    expect(() => apiKeysFromEnv({ THREATGRAPH_API_KEYS: 'long-enough-key:superuser' })).toThrow(/role "superuser" is not one of reader, analyst, ingestor, admin/);
    expect(() => apiKeysFromEnv({ THREATGRAPH_API_KEYS_FILE: '/no/such/keys.json' })).toThrow(/THREATGRAPH_API_KEYS_FILE \/no\/such\/keys.json/);
    expect(apiKeysFromEnv({})).toBeNull();
  });

  it('without keys serves loopback clients as admin and refuses others', async () => {
    expect(isLoopback('127.0.0.1') && isLoopback('::1') && isLoopback('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopback('10.0.0.5')).toBe(false);
    expect(resolveCaller(null, '127.0.0.1', null)).toEqual({ role: 'admin', name: 'local' });
    const local = await gql(open, '{ viewer { role } }', undefined, {}, { req: { socket: { remoteAddress: '127.0.0.1' } } });
    expect(local.body.data).toEqual({ viewer: { role: 'admin' } });
    const remote = await gql(open, '{ viewer { role } }', undefined, {}, { req: { socket: { remoteAddress: '203.0.113.9' } } });
    expect(remote.status).toBe(403);
    expect(remote.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(remote.body.errors?.[0]?.message).toMatch(/THREATGRAPH_API_KEYS/);
  });

  it('with keys: no key or a wrong key is UNAUTHENTICATED (401), a reader may read but not curate, an analyst may curate', async () => {
    const api = createApi({ graph, apiKeys: keys });
    const none = await gql(api, '{ entity(id: "State:RUS") { name } }');
    expect(none.status).toBe(401);
    expect(none.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const wrong = await gql(api, '{ entity(id: "State:RUS") { name } }', undefined, bearer('not-a-key-at-all'));
    expect(wrong.status).toBe(401);
    const read = await gql(api, '{ entity(id: "State:RUS") { name } viewer { role } }', undefined, bearer('reader-key-123'));
    expect(read.body.data).toEqual({ entity: { name: 'Russia' }, viewer: { role: 'reader' } });

    const refused = await gql(api, ALIAS, undefined, bearer('reader-key-123'));
    expect(refused.status).toBe(403);
    expect(refused.body.errors?.[0]).toMatchObject({ message: expect.stringMatching(/addAlias needs the analyst role; this API key has the reader role/), extensions: { code: 'FORBIDDEN' } });
    const [unchanged] = await graph.read<{ aliases: string[] }>({ cypher: 'MATCH (n:Entity {id: "State:RUS"}) RETURN n.aliases AS aliases' });
    expect(unchanged?.aliases).not.toContain('Rossiya test alias');

    const ingestor = await gql(api, ALIAS, undefined, bearer('ingest-key-123'));
    expect(ingestor.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const suggestions = await gql(api, '{ mergeSuggestions { score } }', undefined, bearer('reader-key-123'));
    expect(suggestions.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // A fragment does not hide a mutation's root field from the check.
    const hidden = await gql(api, 'mutation { ...F } fragment F on Mutation { addAlias(entity: "State:RUS", alias: "RF") { id } }', undefined, bearer('reader-key-123'));
    expect(hidden.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const allowed = await gql(api, ALIAS, undefined, bearer('analyst-key-123'));
    expect(allowed.body.data?.addAlias.aliases).toContain('Rossiya test alias');
    const admin = await gql(api, '{ mergeSuggestions { score } }', undefined, bearer('admin-key-1234'));
    expect(admin.body.errors).toBeUndefined();
  });
});

describe('limits and errors', () => {
  it('refuses too deep, too costly, too many aliases and too long queries before running them', async () => {
    const deep = '{ entity(id: "State:RUS") { relations { edges { node { source { relations { edges { node { target { relations { edges { node { evidence { edges { node { article { id } } } } } } } } } } } } } } } } }';
    const tooDeep = await gql(open, deep);
    expect(tooDeep.body.data).toBeUndefined();
    expect(tooDeep.body.errors?.[0]?.message).toMatch(/depth/i);
    const aliases = `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: health { articles }`).join(' ')} }`;
    expect((await gql(open, aliases)).body.errors?.[0]?.message).toMatch(/aliases/i);
    const tokens = `{ search(text: "x") { edges { node { ${Array.from({ length: 3500 }, () => 'id').join(' ')} } } } }`;
    expect((await gql(open, tokens)).body.errors?.[0]?.message).toMatch(/token/i);
  });

  it('caps page sizes and hops with BAD_USER_INPUT errors that name the argument', async () => {
    const cases: [string, RegExp][] = [
      ['{ search(text: "russia", first: 1000) { edges { cursor } } }', /first must be an integer from 0 to 100/],
      ['{ neighbourhood(id: "State:RUS", depth: 4) { truncated } }', /depth must be an integer from 1 to 3/],
      ['{ paths(from: "State:RUS", to: "State:GBR", maxHops: 7) { length } }', /maxHops must be an integer from 1 to 6/],
      ['{ neighbourhood(id: "State:RUS", minConfidence: 2) { truncated } }', /minConfidence must be between 0 and 1/],
      ['{ articles(after: "bm90LWEtY3Vyc29y") { totalCount } }', /after is not a cursor/],
      ['{ timeline(entity: "State:RUS", since: "yesterday") { date } }', /since must be an ISO date/],
      ['{ entity(id: "State:RUS") { relations(first: 101) { totalCount } } }', /first must be an integer from 0 to 100/],
    ];
    for (const [query, message] of cases) {
      const r = await gql(open, query);
      expect(r.body.errors?.[0]?.extensions?.code, query).toBe('BAD_USER_INPUT');
      expect(r.body.errors?.[0]?.message, query).toMatch(message);
    }
    const missing = await gql(open, '{ neighbourhood(id: "State:XXX") { truncated } }');
    expect(missing.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('masks unexpected errors', async () => {
    const broken = { ...graph, read: async () => { throw new Error('secret internal detail at bolt://db:7687'); } } as unknown as GraphExecutor;
    const r = await gql(createApi({ graph: broken, apiKeys: null }), '{ search(text: "russia") { edges { cursor } } }');
    expect(r.body.errors?.[0]?.message).toBe('Unexpected error.');
    expect(JSON.stringify(r.body)).not.toMatch(/secret|bolt/);
  });

  it('turns introspection off when configured', async () => {
    const closed = createApi({ graph, apiKeys: null, introspection: false, env: {} });
    expect((await gql(closed, '{ __schema { queryType { name } } }')).body.errors?.[0]?.message).toMatch(/introspection/i);
    expect((await gql(open, '{ __schema { queryType { name } } }')).body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    expect(() => createApi({ graph, apiKeys: null, env: { THREATGRAPH_GRAPHIQL: 'maybe' } })).toThrow(/THREATGRAPH_GRAPHIQL "maybe" is not a boolean/);
  });
});

describe('injection', () => {
  const payloads = ['x"}) DETACH DELETE n //', "Robert'); MATCH (n) DETACH DELETE n;--", '`) DETACH DELETE n //', '\\"} MATCH (n) SET n.pwned = true //', 'x*~^"(){}[]:\\/ AND OR NOT'];
  const operations = (p: string): [string, Record<string, unknown>][] => [
    ['query($v: ID!) { entity(id: $v) { id } }', { v: p }],
    ['query($v: String!) { entityByName(name: $v) { id } }', { v: p }],
    ['query($v: String!) { search(text: $v) { edges { node { id } } } }', { v: p }],
    ['query($v: ID!) { relation(id: $v) { id } }', { v: p }],
    ['query($v: ID!) { neighbourhood(id: $v) { truncated } }', { v: p }],
    ['query($v: ID!) { paths(from: $v, to: "State:GBR") { length } }', { v: p }],
    ['query($v: ID!) { paths(from: "State:RUS", to: $v) { length } }', { v: p }],
    ['query($v: ID!) { traverse(start: $v, steps: [{}]) { length } }', { v: p }],
    ['query($v: String) { articles(filter: {text: $v, source: $v, mentions: $v}) { totalCount } }', { v: p }],
    ['query($v: String) { articles(after: $v) { totalCount } }', { v: p }],
    ['query($v: ID!) { article(id: $v) { id } }', { v: p }],
    ['query($v: ID!) { timeline(entity: $v) { date } }', { v: p }],
    ['query($v: String) { entities(filter: {text: $v, about: $v}) { edges { cursor } } }', { v: p }],
    ['query($v: String!) { entities(filter: {kinds: [$v]}) { edges { cursor } } }', { v: p }],
    ['query($v: ID) { mergeRecords(entity: $v) { id } }', { v: p }],
    ['query($v: String) { entity(id: "State:RUS") { relations(since: $v) { totalCount } } }', { v: p }],
    ['mutation($v: String!) { addAlias(entity: "Group:criminals", alias: $v) { id } }', { v: p }],
    ['mutation($v: ID!) { addAlias(entity: $v, alias: "x") { id } }', { v: p }],
    ['mutation($v: ID!) { setRelationStatus(id: $v, status: REJECTED, note: "n") { id } }', { v: p }],
    ['mutation($v: ID!) { mergeEntities(keep: $v, remove: "Group:criminals") { record { id } } }', { v: p }],
    ['mutation($v: ID!) { mergeEntities(keep: "Group:trolls", remove: $v, reason: "r") { record { id } } }', { v: p }],
    ['mutation($v: ID!) { splitEntity(mergeId: $v) { kept { id } } }', { v: p }],
    ['mutation($v: String!) { addRelation(input: {source: "State:RUS", type: USES_PROXY, target: "Group:trolls", note: $v}) { id } }', { v: p }],
    ['mutation($v: ID!) { addRelation(input: {source: $v, type: USES_PROXY, target: "Group:trolls", note: "n"}) { id } }', { v: p }],
  ];

  it('text in every string argument stays data: the graph keeps every node and relationship', async () => {
    const count = async () => (await graph.read<{ n: number; r: number; pwned: number }>({
      cypher: 'MATCH (n) WITH count(n) AS n, sum(CASE WHEN n.pwned IS NULL THEN 0 ELSE 1 END) AS pwned MATCH ()-[r]->() RETURN n, count(r) AS r, pwned',
    }))[0]!;
    const before = await count();
    for (const p of payloads) {
      for (const [query, variables] of operations(p)) {
        const r = await gql(open, query, variables);
        expect(r.status, query).toBeLessThan(500);
        for (const e of r.body.errors ?? []) expect(e.message, query).not.toBe('Unexpected error.');
      }
    }
    const after = await count();
    expect(after.pwned).toBe(0);
    // Analyst links and aliases were added (one Evidence node per note, the alias on criminals), nothing removed.
    expect(after.n).toBeGreaterThanOrEqual(before.n);
    expect(after.r).toBeGreaterThanOrEqual(before.r);
    const aliases = await data(open, '{ entity(id: "Group:criminals") { aliases } }');
    expect(aliases.entity.aliases).toEqual(expect.arrayContaining(payloads));
  });
});

describe('GraphQL over HTTP conformance', () => {
  it('passes every graphql-http server audit', async () => {
    const audits = serverAudits({
      url: 'http://localhost/graphql',
      fetchFn: (input: string, init?: RequestInit) => (open.fetch as (url: string, init?: RequestInit) => Promise<Response>)(input, init),
    });
    const failures: string[] = [];
    for (const audit of audits) {
      const result = await audit.fn();
      if (result.status !== 'ok') failures.push(`${audit.id} ${audit.name}: ${result.status} ${'reason' in result ? result.reason : ''}`);
    }
    expect(failures).toEqual([]);
    expect(audits.length).toBeGreaterThan(20);
  });
});
