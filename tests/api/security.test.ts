// Who may do what, what one request may ask, what a client is told when it errs, that text in
// any argument never becomes Cypher, and GraphQL-over-HTTP conformance (graphql-http audits).
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeysFromEnv, IN_PROCESS, isLoopback, resolveCaller } from '../../src/api/context.js';
import { ThreatGraphError } from '../../src/errors.js';
import { createApi, type Api } from '../../src/api/server.js';
import { createDriver, GraphExecutor } from '../../src/graph/executor.js';
import { freePort } from '../../src/neo4j/local.js';
import { data, gql, sampleCorpusApi } from './helpers.js';

let graph: GraphExecutor;
let open: Api;
beforeAll(async () => ({ graph, api: open } = await sampleCorpusApi()));
afterAll(() => graph.close());

const keys = apiKeysFromEnv({ THREATGRAPH_API_KEYS: 'reader-key-123:reader,analyst-key-123:analyst:alice,ingest-key-123:ingestor,admin-key-1234:admin' });
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const ALIAS = 'mutation { addAlias(entity: "State:RUS", alias: "Rossiya test alias") { id aliases } }';

describe('roles and API keys', () => {
  it('reads API keys from THREATGRAPH_API_KEYS and refuses malformed ones with the variable named', () => {
    expect(keys?.get('analyst-key-123')).toEqual({ role: 'analyst', name: 'alice' });
    expect(() => apiKeysFromEnv({ THREATGRAPH_API_KEYS: 'short:reader' })).toThrow(/THREATGRAPH_API_KEYS entry 1: an API key must be/);
    expect(() => apiKeysFromEnv({ THREATGRAPH_API_KEYS: 'long-enough-key:superuser' })).toThrow(
      /role "superuser" is not one of reader, analyst, ingestor, admin/,
    );
    expect(() => apiKeysFromEnv({ THREATGRAPH_API_KEYS_FILE: '/no/such/keys.json' })).toThrow(/THREATGRAPH_API_KEYS_FILE \/no\/such\/keys.json/);
    expect(apiKeysFromEnv({})).toBeNull();
  });

  it('without keys serves loopback clients as admin and refuses others', async () => {
    expect(isLoopback('127.0.0.1') && isLoopback('::1') && isLoopback('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopback('10.0.0.5')).toBe(false);
    expect(resolveCaller(null, { inProcess: false, address: '127.0.0.1', proxied: false }, null)).toEqual({ role: 'admin', name: 'local' });
    expect(resolveCaller(null, IN_PROCESS, null)).toEqual({ role: 'admin', name: 'local' });
    const local = await gql(open, '{ viewer { role } }', undefined, {}, { req: { socket: { remoteAddress: '127.0.0.1' } } });
    expect(local.body.data).toEqual({ viewer: { role: 'admin' } });
    const remote = await gql(open, '{ viewer { role } }', undefined, {}, { req: { socket: { remoteAddress: '203.0.113.9' } } });
    expect(remote.status).toBe(403);
    expect(remote.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(remote.body.errors?.[0]?.message).toMatch(/THREATGRAPH_API_KEYS/);
  });

  it('without keys, a socket whose address is gone (the client reset the connection) is not loopback', async () => {
    expect(resolveCaller(null, { inProcess: false, address: undefined, proxied: false }, null)).toMatchObject({ role: null, reason: 'FORBIDDEN' });
    const reset = await gql(open, '{ viewer { role } }', undefined, {}, { req: { socket: {} } });
    expect(reset.status).toBe(403);
    expect(reset.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const write = await gql(open, ALIAS, undefined, {}, { req: { socket: { remoteAddress: undefined } } });
    expect(write.status).toBe(403);
    const [russia] = await graph.read<{ aliases: string[] }>({ cypher: 'MATCH (n:Entity {id: "State:RUS"}) RETURN n.aliases AS aliases' });
    expect(russia?.aliases).not.toContain('Rossiya test alias');
  });

  it('without keys, a request a proxy on this machine forwards is not local', async () => {
    const headers: Record<string, string>[] = [{ 'x-forwarded-for': '203.0.113.9' }, { forwarded: 'for=203.0.113.9' }];
    for (const header of headers) {
      const proxied = await gql(open, '{ viewer { role } }', undefined, header, { req: { socket: { remoteAddress: '127.0.0.1' } } });
      expect(proxied.status).toBe(403);
      expect(proxied.body.errors?.[0]?.message).toMatch(/through a proxy is not local; set THREATGRAPH_API_KEYS/);
    }
  });

  it('health names the database only to admins, and an unreachable database is not described to readers', async () => {
    const api = createApi({ graph, apiKeys: keys });
    const reader = await gql(api, '{ health { neo4j articles } }', undefined, bearer('reader-key-123'));
    expect(reader.body.data?.health.neo4j).toBeNull();
    expect(reader.body.data?.health.articles).toBeGreaterThan(30);
    const admin = await gql(api, '{ health { neo4j } }', undefined, bearer('admin-key-1234'));
    expect(admin.body.data?.health.neo4j).toBe(graph.uri);

    const down = {
      ...graph,
      uri: graph.uri,
      read: async () => {
        throw new ThreatGraphError('neo4j', `no Neo4j answers at ${graph.uri}: start it (\`npx threatgraph neo4j start\`) or fix NEO4J_URI`, {
          code: 'NEO4J_UNAVAILABLE',
        });
      },
    } as unknown as GraphExecutor;
    const downApi = createApi({ graph: down, apiKeys: keys });
    const refused = await gql(downApi, '{ search(text: "russia") { edges { cursor } } }', undefined, bearer('reader-key-123'));
    expect(refused.status).toBe(503);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(refused.body.errors?.[0]?.message).toMatch(/graph database is not reachable/);
    expect(JSON.stringify(refused.body)).not.toMatch(/bolt|neo4j start|NEO4J_URI|127\.0\.0\.1/);
    const told = await gql(downApi, '{ search(text: "russia") { edges { cursor } } }', undefined, bearer('admin-key-1234'));
    expect(told.body.errors?.[0]?.message).toContain(graph.uri);
  });

  it('with the database down, a request fails within seconds, not after half a minute of retries', async () => {
    const port = await freePort();
    const down = new GraphExecutor(createDriver(`bolt://127.0.0.1:${port}`, 'neo4j', 'not-used'), `bolt://127.0.0.1:${port}`);
    try {
      const started = performance.now();
      const r = await gql(createApi({ graph: down, apiKeys: null }), '{ search(text: "russia") { edges { cursor } } }');
      const ms = performance.now() - started;
      expect(r.status).toBe(503);
      expect(r.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(ms).toBeLessThan(10_000);
    } finally {
      await down.close();
    }
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
    expect(refused.body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/addAlias needs the analyst role; this API key has the reader role/),
      extensions: { code: 'FORBIDDEN' },
    });
    const [unchanged] = await graph.read<{ aliases: string[] }>({ cypher: 'MATCH (n:Entity {id: "State:RUS"}) RETURN n.aliases AS aliases' });
    expect(unchanged?.aliases).not.toContain('Rossiya test alias');

    const ingestor = await gql(api, ALIAS, undefined, bearer('ingest-key-123'));
    expect(ingestor.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const suggestions = await gql(api, '{ mergeSuggestions { score } }', undefined, bearer('reader-key-123'));
    expect(suggestions.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // A fragment does not hide a mutation's root field from the check.
    const hidden = await gql(
      api,
      'mutation { ...F } fragment F on Mutation { addAlias(entity: "State:RUS", alias: "RF") { id } }',
      undefined,
      bearer('reader-key-123'),
    );
    expect(hidden.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const allowed = await gql(api, ALIAS, undefined, bearer('analyst-key-123'));
    expect(allowed.body.data?.addAlias.aliases).toContain('Rossiya test alias');
    const admin = await gql(api, '{ mergeSuggestions { score } }', undefined, bearer('admin-key-1234'));
    expect(admin.body.errors).toBeUndefined();
  });
});

describe('browsers: origins, CORS and form posts', () => {
  const post = (api: Api, body: BodyInit, headers: Record<string, string>, url = 'http://localhost/graphql') =>
    (api.fetch as (url: string, init: RequestInit, context: Record<string, unknown>) => Promise<Response>)(
      url,
      { method: 'POST', headers, body },
      { req: { socket: { remoteAddress: '127.0.0.1' } } },
    );
  const aliases = async () =>
    (await graph.read<{ aliases: string[] }>({ cypher: 'MATCH (n:Entity {id: "State:RUS"}) RETURN n.aliases AS aliases' }))[0]?.aliases ?? [];
  const FORM_ALIAS = 'mutation{addAlias(entity:"State:RUS",alias:"form post alias"){id}}';

  it('a preflight from another origin gets no CORS headers, and never credentials', async () => {
    const preflight = await open.fetch('http://localhost/graphql', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('a request that says it comes from another origin is refused before it runs', async () => {
    const before = await aliases();
    const r = await post(open, JSON.stringify({ query: ALIAS }), { 'content-type': 'application/json', origin: 'https://evil.example' });
    expect(r.status).toBe(403);
    expect(((await r.json()) as { errors: { message: string }[] }).errors[0]?.message).toMatch(/origin https:\/\/evil\.example may not call this API/);
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
    const sandboxed = await post(open, JSON.stringify({ query: '{ viewer { role } }' }), { 'content-type': 'application/json', origin: 'null' });
    expect(sandboxed.status).toBe(403);
    const script = await open.fetch('http://localhost/graphql?query=%7Bviewer%7Brole%7D%7D', {
      headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors' },
    });
    expect(script.status).toBe(403);
    expect(await aliases()).toEqual(before);
  });

  it("the server's own pages and the configured origins are served; CORS names the origin and sends no credentials", async () => {
    const same = await post(open, JSON.stringify({ query: '{ viewer { role } }' }), { 'content-type': 'application/json', origin: 'http://localhost' });
    expect(await same.json()).toEqual({ data: { viewer: { role: 'admin' } } });
    const api = createApi({ graph, apiKeys: keys, allowedOrigins: ['https://tg.example.org'] });
    const preflight = await api.fetch('http://localhost/graphql', {
      method: 'OPTIONS',
      headers: { origin: 'https://tg.example.org', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://tg.example.org');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    const read = await post(api, JSON.stringify({ query: '{ viewer { role } }' }), {
      'content-type': 'application/json',
      origin: 'https://tg.example.org',
      ...bearer('reader-key-123'),
    });
    expect(read.headers.get('access-control-allow-origin')).toBe('https://tg.example.org');
    expect(await read.json()).toEqual({ data: { viewer: { role: 'reader' } } });
    expect(() => createApi({ graph, env: { THREATGRAPH_ALLOWED_ORIGINS: 'https://tg.example.org/graphql' } })).toThrow(
      /THREATGRAPH_ALLOWED_ORIGINS "https:\/\/tg.example.org\/graphql" is not an origin/,
    );
  });

  it('refuses form-encoded, multipart and text/plain POSTs (what an HTML form or a simple request can send)', async () => {
    const before = await aliases();
    const form = new URLSearchParams({ query: FORM_ALIAS });
    const multipart = new FormData();
    multipart.set('query', FORM_ALIAS);
    const attempts: [BodyInit, Record<string, string>][] = [
      [form.toString(), { 'content-type': 'application/x-www-form-urlencoded' }],
      [multipart, {}],
      [JSON.stringify({ query: FORM_ALIAS }), { 'content-type': 'text/plain' }],
      [JSON.stringify({ query: FORM_ALIAS }), {}],
    ];
    for (const [body, headers] of attempts) {
      const r = await post(open, body, headers);
      expect(r.status, JSON.stringify(headers)).toBe(415);
      const error = ((await r.json()) as { errors: { message: string; extensions: { code: string } }[] }).errors[0];
      expect(error?.extensions.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(error?.message).toMatch(/must have content-type application\/json/);
    }
    expect(await aliases()).toEqual(before);
    expect(await aliases()).not.toContain('form post alias');
  });

  it('without keys, answers only to a local host name (a re-pointed DNS name is refused)', async () => {
    const rebound = await post(
      open,
      JSON.stringify({ query: '{ viewer { role } }' }),
      { 'content-type': 'application/json' },
      'http://evil.example:4000/graphql',
    );
    expect(rebound.status).toBe(403);
    expect(((await rebound.json()) as { errors: { message: string }[] }).errors[0]?.message).toMatch(/answers only to a local name/);
    for (const host of ['127.0.0.1:4000', '[::1]:4000', 'localhost:4000']) {
      const local = await post(open, JSON.stringify({ query: '{ viewer { role } }' }), { 'content-type': 'application/json' }, `http://${host}/graphql`);
      expect(local.status, host).toBe(200);
    }
  });

  it('serves GraphiQL from the npm package: no script from another host, a content security policy', async () => {
    const page = await open.fetch('http://localhost/graphql', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('renderYogaGraphiQL');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href="https?:/);
    expect(html).not.toMatch(/unpkg\.com|cdn\.jsdelivr/);
    const policy = page.headers.get('content-security-policy') ?? '';
    expect(policy).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(policy).toContain("connect-src 'self'");
    expect(policy).not.toMatch(/https?:/);
  });
});

describe('limits and errors', () => {
  it('refuses too deep, too costly, too many aliases and too long queries before running them', async () => {
    const deep =
      '{ entity(id: "State:RUS") { relations { edges { node { source { relations { edges { node { target { relations { edges { node { evidence { edges { node { article { id } } } } } } } } } } } } } } } } }';
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
    const broken = {
      ...graph,
      read: async () => {
        throw new Error('secret internal detail at bolt://db:7687');
      },
    } as unknown as GraphExecutor;
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

describe('error shapes', () => {
  it('limit refusals are 400 with a code and no "Syntax Error" prefix', async () => {
    const deep =
      '{ entity(id: "State:RUS") { relations { edges { node { source { relations { edges { node { target { relations { edges { node { evidence { edges { node { article { id } } } } } } } } } } } } } } } } }';
    const aliases = `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: health { articles }`).join(' ')} }`;
    const tokens = `{ search(text: "x") { edges { node { ${Array.from({ length: 3500 }, () => 'id').join(' ')} } } } }`;
    const costly = createApi({ graph, apiKeys: null, limits: { maxCost: 5 } });
    for (const [api, query, what] of [
      [open, deep, /depth/i],
      [open, aliases, /aliases/i],
      [open, tokens, /token/i],
      [costly, '{ search(text: "russia") { edges { node { id name aliases } } } }', /cost/i],
    ] as const) {
      const r = await gql(api, query);
      expect(r.status, query.slice(0, 40)).toBe(400);
      expect(r.body.data).toBeUndefined();
      expect(r.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
      expect(r.body.errors?.[0]?.message).toMatch(what);
      expect(r.body.errors?.[0]?.message).not.toMatch(/Syntax Error/);
    }
  });

  it('a response with data is 200 even when a field failed; the error keeps its code', async () => {
    const r = await gql(open, '{ health { articles } entity(id: "") { id } }');
    expect(r.status).toBe(200);
    expect(r.body.data?.health.articles).toBeGreaterThan(0);
    expect(r.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.body.data?.entity).toBeNull();
    // No data at all (a non-null field failed): the error's status stands.
    const only = await gql(open, '{ health { articles } neighbourhood(id: "State:RUS", depth: 9) { truncated } }');
    expect(only.body.data).toBeNull();
    expect(only.status).toBe(400);
  });

  it('variables of the wrong type are BAD_USER_INPUT (400)', async () => {
    const r = await gql(open, 'query($d: Int!) { neighbourhood(id: "State:RUS", depth: $d) { truncated } }', { d: 'two' });
    expect(r.status).toBe(400);
    expect(r.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.body.errors?.[0]?.message).toMatch(/\$d/);
  });

  it('a thousand duplicate fields get a message that says what is wrong', async () => {
    const r = await gql(open, `{ ${Array.from({ length: 1000 }, () => 'health').join(' ')} }`);
    expect(r.status).toBe(400);
    expect(r.body.errors?.[0]?.extensions?.code).toMatch(/QUERY_TOO_COMPLEX|GRAPHQL_VALIDATION_FAILED/);
    expect(r.body.errors?.[0]?.message).not.toBe('Validation aborted.');
    expect(r.body.errors?.[0]?.message).toMatch(/field|token|limit/i);
  });

  it('401 says how to authenticate (WWW-Authenticate)', async () => {
    const api = createApi({ graph, apiKeys: keys });
    const response = await api.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ viewer { role } health { articles } }' }),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="threatgraph"/);
  });
});

describe('injection', () => {
  const payloads = [
    'x"}) DETACH DELETE n //',
    "Robert'); MATCH (n) DETACH DELETE n;--",
    '`) DETACH DELETE n //',
    '\\"} MATCH (n) SET n.pwned = true //',
    'x*~^"(){}[]:\\/ AND OR NOT',
  ];
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
    const count = async () =>
      (
        await graph.read<{ n: number; r: number; pwned: number }>({
          cypher: 'MATCH (n) WITH count(n) AS n, sum(CASE WHEN n.pwned IS NULL THEN 0 ELSE 1 END) AS pwned MATCH ()-[r]->() RETURN n, count(r) AS r, pwned',
        })
      )[0]!;
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
