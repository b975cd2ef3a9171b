// The read side on the ingested sample corpus: search tolerant of case, accents and typos;
// relations as a cursor connection; neighbourhood, paths and traversal semantics; articles,
// article facts and timeline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../src/api/server.js';
import type { ProfiledPlan } from 'neo4j-driver';
import type { CypherQuery, GraphExecutor } from '../../src/graph/executor.js';
import { RELATION_TYPES, type EntityType } from '../../src/ontology.js';
import { NEIGHBOURHOOD_EDGE_LIMIT, neighbourhood } from '../../src/graph/queries/subgraph.js';
import { createApi } from '../../src/api/server.js';
import { data, gql, sampleCorpusApi } from './helpers.js';

let graph: GraphExecutor;
let api: Api;
beforeAll(async () => ({ graph, api } = await sampleCorpusApi()));
afterAll(() => graph.close());

describe('search and look-up', () => {
  it.each([
    ['russia', 'State:RUS'],
    ['RUSSIA', 'State:RUS'],
    ['Rusia', 'State:RUS'],
    ['Russsia', 'State:RUS'],
    ['Ḿoscow', 'Place:moscow'],
    ['feuerkrieg', 'Group:feuerkrieg division'],
    ['Feurkrieg Divison', 'Group:feuerkrieg division'],
  ])('search "%s" ranks %s first', async (text, id) => {
    const r = await data(api, 'query($t: String!) { search(text: $t, first: 3) { edges { score node { id } } } }', { t: text });
    expect(r.search.edges[0]?.node.id).toBe(id);
  });

  it('search filters by type and pages with cursors', async () => {
    const states = await data(
      api,
      '{ search(text: "united", types: [State], first: 1) { edges { cursor node { id type } } pageInfo { hasNextPage endCursor } } }',
    );
    expect(states.search.edges[0].node.type).toBe('State');
    expect(states.search.pageInfo.hasNextPage).toBe(true);
    const next = await data(api, 'query($after: String) { search(text: "united", types: [State], first: 1, after: $after) { edges { node { id type } } } }', {
      after: states.search.pageInfo.endCursor,
    });
    expect(next.search.edges[0].node.type).toBe('State');
    expect(next.search.edges[0].node.id).not.toBe(states.search.edges[0].node.id);
  });

  it('search with nothing searchable left (only Lucene special characters) finds nothing, without an error', async () => {
    for (const text of ['"', '*', '?', '~', '\\', '((((', '&&', '!', '-', '""', '" "', '[', ':', '/']) {
      const r = await gql(api, 'query($t: String!) { search(text: $t) { edges { node { id } } } }', { t: text });
      expect(r.body.errors, text).toBeUndefined();
      expect(r.body.data?.search.edges, text).toEqual([]);
    }
    // Specials around a name are ignored.
    const r = await data(api, 'query($t: String!) { search(text: $t, first: 1) { edges { node { id } } } }', { t: '((russia))*' });
    expect(r.search.edges[0]?.node.id).toBe('State:RUS');
  });

  it('search reads quoted text as a phrase', async () => {
    const Q = 'query($t: String!) { search(text: $t, first: 20) { edges { node { name } } } }';
    const names = async (t: string) => (await data(api, Q, { t })).search.edges.map((e: any) => e.node.name as string);
    expect((await names('"parcel fires"'))[0]).toBe('parcel fires');
    // The words in another order match as words, not as the phrase.
    expect(await names('fires parcel')).toContain('parcel fires');
    expect(await names('"fires parcel"')).not.toContain('parcel fires');
    // A phrase and a word: both must match.
    expect(await names('"parcel fires" nothingsuchword')).toEqual([]);
  });

  it('entityByName takes a name or alias, ignoring case and a leading "the"', async () => {
    const r = await data(
      api,
      '{ a: entityByName(name: "the united kingdom") { id } b: entityByName(name: "UK") { id } c: entityByName(name: "UK", type: Group) { id } d: entityByName(name: "no such name at all") { id } }',
    );
    expect(r).toEqual({ a: { id: 'State:GBR' }, b: { id: 'State:GBR' }, c: null, d: null });
  });

  it('entityByName reads a government metonym as its State and, among names and aliases, returns the most mentioned', async () => {
    const r = await data(
      api,
      '{ a: entityByName(name: "the Kremlin") { id } b: entityByName(name: "Kremlin") { id } c: entityByName(name: "Moscow") { id } d: entityByName(name: "Moscow", type: Place) { id } }',
    );
    expect(r.a).toEqual({ id: 'State:RUS' });
    expect(r.b).toEqual({ id: 'State:RUS' });
    // Russia lists Moscow among its aliases and is mentioned far more than the city.
    const [russia] = await graph.read<{ aliases: string[] }>({ cypher: 'MATCH (n:Entity {id: "State:RUS"}) RETURN n.aliases AS aliases' });
    expect(russia?.aliases).toContain('Moscow');
    expect(r.c).toEqual({ id: 'State:RUS' });
    expect(r.d).toEqual({ id: 'Place:moscow' });
    // The explorer's search for "Kremlin" finds Russia.
    const s = await data(api, '{ search(text: "Kremlin", first: 3) { edges { node { id } } } }');
    expect(s.search.edges[0]?.node.id).toBe('State:RUS');
  });
});

describe('relations', () => {
  it("pages through an entity's relations with cursors, strongest first, filtered by type and direction", async () => {
    const Q =
      'query($after: String) { entity(id: "State:RUS") { relations(first: 3, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { direction node { id confidence source { id } target { id } } } } } }';
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    const confidences: number[] = [];
    for (let page = 0; page < 20; page++) {
      const r: any = await data(api, Q, { after });
      total = r.entity.relations.totalCount;
      for (const e of r.entity.relations.edges) {
        seen.push(e.node.id);
        confidences.push(e.node.confidence);
        expect(e.direction === 'OUT' ? e.node.source.id : e.node.target.id).toBe('State:RUS');
      }
      if (!r.entity.relations.pageInfo.hasNextPage) break;
      after = r.entity.relations.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(total);
    expect(total).toBeGreaterThan(5);
    expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
    const out = await data(
      api,
      '{ entity(id: "State:RUS") { relations(direction: IN, types: [LOCATED_IN]) { edges { direction node { type target { id } } } } } }',
    );
    for (const e of out.entity.relations.edges) expect(e).toMatchObject({ direction: 'IN', node: { type: 'LOCATED_IN', target: { id: 'State:RUS' } } });
  });
});

describe('traversals', () => {
  it('neighbourhood returns the centre, nodes within depth, and only relations among them', async () => {
    const r = await data(api, '{ neighbourhood(id: "State:RUS", depth: 1, limit: 500) { truncated nodes { id } edges { source { id } target { id } type } } }');
    const ids = new Set(r.neighbourhood.nodes.map((n: any) => n.id));
    expect(ids.has('State:RUS')).toBe(true);
    expect(ids.has('Group:criminals')).toBe(true);
    for (const e of r.neighbourhood.edges) {
      expect(ids.has(e.source.id) && ids.has(e.target.id)).toBe(true);
    }
    const small = await data(api, '{ neighbourhood(id: "State:RUS", depth: 2, limit: 3, edgeLimit: 2) { truncated nodes { id } edges { id } } }');
    expect(small.neighbourhood.nodes).toHaveLength(4);
    expect(small.neighbourhood.edges.length).toBeLessThanOrEqual(2);
    expect(small.neighbourhood.truncated).toBe(true);
    const typed = await data(api, '{ neighbourhood(id: "State:RUS", depth: 2, entityTypes: [Case]) { nodes { type } } }');
    expect(typed.neighbourhood.nodes.slice(1).every((n: any) => n.type === 'Case')).toBe(true);
  });

  it(`neighbourhood returns ${NEIGHBOURHOOD_EDGE_LIMIT} links unless asked for more: the first of a larger limit's, in its order; an edgeLimit outside 1 to 5000 is refused`, async () => {
    const open = createApi({ graph, apiKeys: null, introspection: true });
    const schema = await data(open, '{ __type(name: "Query") { fields { name args { name defaultValue } } } }');
    const field = schema.__type.fields.find((f: any) => f.name === 'neighbourhood');
    expect(field.args.find((a: any) => a.name === 'edgeLimit').defaultValue).toBe('500');
    expect(NEIGHBOURHOOD_EDGE_LIMIT).toBe(500);
    const ask = (edgeLimit: number) =>
      data(api, `{ neighbourhood(id: "State:RUS", depth: 2, limit: 60, edgeLimit: ${edgeLimit}) { truncated nodes { id } edges { id } } }`);
    const all = (await ask(5000)).neighbourhood;
    expect(all.edges.length).toBeGreaterThan(20);
    for (const k of [1, 5, 20]) {
      const few = (await ask(k)).neighbourhood;
      expect(few.nodes).toEqual(all.nodes);
      expect(few.edges).toEqual(all.edges.slice(0, k));
      expect(few.truncated).toBe(true);
    }
    for (const bad of [0, 5001]) {
      const r = await gql(api, `{ neighbourhood(id: "State:RUS", depth: 2, edgeLimit: ${bad}) { edges { id } } }`);
      expect(r.body.errors?.[0]).toMatchObject({
        message: expect.stringContaining(`edgeLimit must be an integer from 1 to 5000, got ${bad}`),
        extensions: { code: 'BAD_USER_INPUT' },
      });
      expect(r.body.data?.neighbourhood ?? null).toBeNull();
    }
  });

  it('neighbourhood reads only the edge fields asked for, and answers them as when it read every property', async () => {
    const FIELDS = 'id type source { id } target { id } confidence claim evidenceCount weight firstSeen lastSeen updatedAt status note origin rules';
    const ask = (edges: string, fragment = '') => data(api, `{ neighbourhood(id: "State:RUS", depth: 2, limit: 60) { edges { ${edges} } } } ${fragment}`);
    // a directive may change the selection: every property is read, as before
    const whole = (await ask(`... @include(if: true) { ${FIELDS} }`)).neighbourhood.edges;
    const viaFragment = (await ask('...R', `fragment R on Relation { ${FIELDS} }`)).neighbourhood.edges;
    const few = (await ask('id confidence target { id }')).neighbourhood.edges;
    expect(whole.length).toBeGreaterThan(20);
    expect(viaFragment).toEqual(whole);
    expect(few).toEqual(whole.map((e: any) => ({ id: e.id, confidence: e.confidence, target: e.target })));
    const query = (edgeFields: string[] | null) =>
      neighbourhood({
        id: 'State:RUS',
        depth: 2,
        entityTypes: null,
        limit: 60,
        edgeLimit: 1000,
        edgeFields,
        types: [...RELATION_TYPES],
        minConfidence: 0,
        includeRejected: false,
        since: null,
        until: null,
      }).cypher;
    expect(query(['id', 'confidence', 'target'])).toContain('collect(r {.id, .confidence, targetId: endNode(r).id})');
    expect(query(null)).toContain('collect(r {.*, type: type(r)');
  });

  it('neighbourhood finds the same answer whether a level is read from the mentionCount index or expanded', async () => {
    const centres = await graph.read<{ id: string }>({ cypher: 'MATCH (n:Entity) RETURN n.id AS id ORDER BY COUNT { (n)--() } DESC, id LIMIT 20' });
    const shapes = [
      { depth: 2, limit: 10, edgeLimit: 50, entityTypes: null, minConfidence: 0 },
      { depth: 2, limit: 40, edgeLimit: 1000, entityTypes: null, minConfidence: 0 },
      { depth: 3, limit: 25, edgeLimit: 100, entityTypes: null, minConfidence: 0 },
      { depth: 2, limit: 8, edgeLimit: 100, entityTypes: ['Case', 'Group'] as EntityType[], minConfidence: 0 },
      { depth: 3, limit: 15, edgeLimit: 100, entityTypes: null, minConfidence: 0.7 },
      { depth: 2, limit: 500, edgeLimit: 1000, entityTypes: null, minConfidence: 0 },
    ];
    const ask = (id: string, shape: (typeof shapes)[number], quick: { minDegree: number; scan: number }) =>
      neighbourhood({ id, ...shape, types: [...RELATION_TYPES], includeRejected: false, since: null, until: null, quick });
    const EXPANDED = { minDegree: Number.MAX_SAFE_INTEGER, scan: 1 };
    const INDEXED = { minDegree: 0, scan: 100_000 };
    const SHORT = { minDegree: 0, scan: 4 }; // the prefix read holds too few: the level is expanded after all
    let compared = 0;
    for (const { id } of centres) {
      for (const shape of shapes) {
        const [expanded] = await graph.read(ask(id, shape, EXPANDED));
        expect(await graph.read(ask(id, shape, INDEXED)), `${id} ${JSON.stringify(shape)}`).toEqual([expanded]);
        expect(await graph.read(ask(id, shape, SHORT)), `${id} ${JSON.stringify(shape)}`).toEqual([expanded]);
        compared++;
      }
    }
    expect(compared).toBe(centres.length * shapes.length);
    // and each way is the one taken: the mentionCount index is read (rows from its range seek) or not
    const indexRows = async (query: CypherQuery) => {
      const session = graph.driver.session();
      try {
        const result = await session.run(`PROFILE ${query.cypher}`, query.params);
        const ops = (p: ProfiledPlan): ProfiledPlan[] => [p, ...p.children.flatMap(ops)];
        return ops(result.summary.profile as ProfiledPlan)
          .filter((o) => o.operatorType.startsWith('NodeIndexSeekByRange'))
          .reduce((n, o) => n + o.rows, 0);
      } finally {
        await session.close();
      }
    };
    const hub = centres[0]!.id;
    expect(await indexRows(ask(hub, shapes[0]!, INDEXED))).toBeGreaterThan(0);
    expect(await indexRows(ask(hub, shapes[0]!, EXPANDED))).toBe(0);
  }, 240_000);

  it("neighbourhood keeps the centre's own links first: with room for one link per neighbour, every neighbour has its link", async () => {
    const all = await data(api, '{ neighbourhood(id: "State:RUS", depth: 1, limit: 500) { nodes { id } edges { id } } }');
    const neighbours = all.neighbourhood.nodes.length - 1;
    // There are more links among Russia's neighbours than neighbours: the cut has to choose.
    expect(all.neighbourhood.edges.length).toBeGreaterThan(neighbours);
    const r = await data(
      api,
      `{ neighbourhood(id: "State:RUS", depth: 1, limit: 500, edgeLimit: ${neighbours}) { truncated nodes { id } edges { source { id } target { id } } } }`,
    );
    const linked = new Set(r.neighbourhood.edges.flatMap((e: any) => [e.source.id, e.target.id]));
    const unlinked = r.neighbourhood.nodes.map((n: any) => n.id).filter((id: string) => !linked.has(id));
    expect(unlinked).toEqual([]);
    expect(r.neighbourhood.edges.every((e: any) => e.source.id === 'State:RUS' || e.target.id === 'State:RUS')).toBe(true);
  });

  it('paths join their ends through consecutive relations; STRONGEST ranks by score; excludeHubs avoids well-connected middles', async () => {
    const Q = `query($s: PathStrategy, $hubs: Boolean, $deg: Int) { paths(from: "State:RUS", to: "State:GBR", maxHops: 4, strategy: $s, excludeHubs: $hubs, hubDegree: $deg, limit: 10) {
      length score nodes { id } relations { source { id } target { id } confidence } } }`;
    const shortest = (await data(api, Q, { s: 'SHORTEST' })).paths;
    expect(shortest).toHaveLength(1);
    const strongest = (await data(api, Q, { s: 'STRONGEST' })).paths;
    expect(strongest.length).toBeGreaterThan(0);
    expect(strongest.map((p: any) => p.score)).toEqual(strongest.map((p: any) => p.score).sort((a: number, b: number) => b - a));
    for (const path of [...shortest, ...strongest]) {
      expect(path.nodes[0].id).toBe('State:RUS');
      expect(path.nodes.at(-1).id).toBe('State:GBR');
      expect(path.length).toBe(path.relations.length);
      expect(path.length).toBeLessThanOrEqual(4);
      path.relations.forEach((r: any, i: number) => {
        expect([r.source.id, r.target.id].sort()).toEqual([path.nodes[i].id, path.nodes[i + 1].id].sort());
      });
      expect(path.score).toBeCloseTo(
        path.relations.reduce((s: number, r: any) => s * r.confidence, 1),
        6,
      );
    }
    const all = (await data(api, Q, { s: 'ALL_SHORTEST' })).paths;
    expect(all.every((p: any) => p.length === shortest[0].length)).toBe(true);

    // With hubs excluded, no middle node has more typed relations than hubDegree; mentions and
    // co-occurrence links do not count.
    const TYPED = `MATCH (n:Entity {id: id}) RETURN id, COUNT { (n)-[r]-(:Entity) WHERE type(r) IN $types } AS typed, COUNT { (n)--() } AS all`;
    const degreesOf = (ids: string[]) =>
      graph.read<{ id: string; typed: number; all: number }>({ cypher: `UNWIND $ids AS id ${TYPED}`, params: { ids, types: RELATION_TYPES } });
    const middles = [...new Set<string>(strongest.flatMap((p: any) => p.nodes.slice(1, -1).map((n: any) => n.id)))];
    const degrees = await degreesOf(middles);
    const hubDegree = Math.max(1, Math.min(...degrees.map((d) => d.typed)));
    const avoiding = (await data(api, Q, { s: 'STRONGEST', hubs: true, deg: hubDegree })).paths;
    for (const { typed } of await degreesOf(avoiding.flatMap((p: any) => p.nodes.slice(1, -1).map((n: any) => n.id))))
      expect(typed).toBeLessThanOrEqual(hubDegree);
    // Every middle of the strongest paths passes when hubDegree is its typed degree, however many
    // mentions and co-occurrences it has.
    const loosest = Math.max(...degrees.map((d) => d.typed));
    expect(degrees.some((d) => d.all > loosest)).toBe(true);
    const key = (ps: any[]) => ps.map((p) => p.nodes.map((n: any) => n.id).join('>')).sort();
    expect(key((await data(api, Q, { s: 'STRONGEST', hubs: true, deg: loosest })).paths)).toEqual(key(strongest));
  });

  it('paths says which end does not exist, and gives no path (no error) between two entities that exist', async () => {
    // the ends are looked up only when no path is found: a path found has both
    const Q = 'query($from: ID!, $to: ID!, $hops: Int = 1) { paths(from: $from, to: $to, maxHops: $hops) { nodes { id } } }';
    for (const [variables, message] of [
      [{ from: 'State:XXX', to: 'State:GBR' }, /from: no entity has id "State:XXX"/],
      [{ from: 'State:RUS', to: 'Case:nothing like it' }, /to: no entity has id "Case:nothing like it"/],
    ] as const) {
      const r = await gql(api, Q, variables);
      expect(r.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(r.body.errors?.[0]?.message).toMatch(message);
    }
    const [apart] = await graph.read<{ id: string }>({
      cypher: 'MATCH (a:Entity {id: "State:RUS"}), (b:Entity) WHERE b <> a AND NOT EXISTS { (a)--(b) } RETURN b.id AS id ORDER BY b.id LIMIT 1',
    });
    expect((await data(api, Q, { from: 'State:RUS', to: apart!.id })).paths).toEqual([]);
    expect((await data(api, Q, { from: 'State:RUS', to: 'State:GBR', hops: 4 })).paths.length).toBeGreaterThan(0);
  });

  it('traverse follows its steps in order and returns each path with its evidence', async () => {
    const r = await data(
      api,
      `{ traverse(start: "State:RUS", steps: [{relationTypes: [USES_PROXY]}, {relationTypes: [USES_PROXY], direction: IN, entityTypes: [State]}]) {
      nodes { id type } relations { type source { id } target { id } evidence(first: 1) { edges { node { sentence } } } } } }`,
    );
    // Russia → criminals ← Iran: both states use the same class of proxy.
    const ends = r.traverse.map((p: any) => `${p.nodes[1].id}→${p.nodes[2].id}`);
    expect(ends).toContain('Group:criminals→State:IRN');
    for (const p of r.traverse) {
      expect(p.relations[0]).toMatchObject({ type: 'USES_PROXY', source: { id: 'State:RUS' } });
      expect(p.relations[1]).toMatchObject({ type: 'USES_PROXY', target: { id: p.nodes[1].id } });
      expect(p.nodes[2].type).toBe('State');
      expect(p.nodes[2].id).not.toBe('State:RUS');
      for (const rel of p.relations) expect(rel.evidence.edges[0].node.sentence.length).toBeGreaterThan(0);
    }
  });
});

describe('articles and timeline', () => {
  it("lists articles newest first with filters, and each article's facts and entities", async () => {
    const r = await data(api, '{ articles(first: 100) { totalCount edges { node { id published } } } }');
    expect(r.articles.totalCount).toBe(34);
    const dates = r.articles.edges.map((e: any) => e.node.published).filter(Boolean);
    expect(dates).toEqual([...dates].sort().reverse());
    const mi5 = await data(
      api,
      '{ articles(filter: {text: "gives threat update", since: "2024-01-01"}) { totalCount edges { node { id title facts(first: 100) { totalCount edges { node { sentence relation { type } } } } entities { entity { name } count } } } } }',
    );
    expect(mi5.articles.totalCount).toBeGreaterThan(0);
    for (const e of mi5.articles.edges) expect(e.node.title).toMatch(/gives threat update/i);
    const article = mi5.articles.edges.map((e: any) => e.node).find((a: any) => a.entities.some((x: any) => x.entity.name === 'Russia'));
    expect(article).toBeDefined();
    expect(article.facts.totalCount).toBe(article.facts.edges.length);
    expect(article.facts.edges.map((e: any) => e.node.relation.type)).toContain('USES_PROXY');
    const one = await data(api, 'query($id: ID!) { article(id: $id) { id } }', { id: article.id });
    expect(one.article.id).toBe(article.id);
    const mentions = await data(api, '{ articles(filter: {mentions: "Group:criminals"}) { edges { node { entities { entity { id } } } } } }');
    for (const e of mentions.articles.edges) expect(e.node.entities.map((x: any) => x.entity.id)).toContain('Group:criminals');
  });

  it("timeline lists an entity's articles in date order with the facts about it", async () => {
    const r = await data(
      api,
      '{ timeline(entity: "State:IRN", since: "2024-01-01", until: "2025-12-31") { date mentions article { title } facts { sentence } } }',
    );
    expect(r.timeline.length).toBeGreaterThan(1);
    const dates = r.timeline.map((t: any) => t.date);
    expect(dates).toEqual([...dates].sort());
    for (const t of r.timeline) {
      expect(t.date >= '2024-01-01' && t.date <= '2025-12-31').toBe(true);
      expect(t.mentions).toBeGreaterThan(0);
    }
    expect(r.timeline.flatMap((t: any) => t.facts.map((f: any) => f.sentence)).join(' ')).toMatch(/Iran/);
  });
});
