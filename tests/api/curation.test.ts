// Curation through the API on the ingested sample corpus: ingestArticle, decisions on relations
// that survive re-ingest, analysts' own links, aliases, merges that split back, and the watch
// subscription over server-sent events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi, type Api } from '../../src/api/server.js';
import type { GraphExecutor } from '../../src/graph/executor.js';
import { data, gql, readWatcher, sampleCorpusApi } from './helpers.js';

let graph: GraphExecutor;
let api: Api;
beforeAll(async () => ({ graph, api } = await sampleCorpusApi()));
afterAll(() => graph.close());

const PROXY_SENTENCE =
  'He also highlighted a shift in Russian state actors turning to proxies including private intelligence operatives and criminals from both the UK and third countries.';
const INGEST = `mutation($input: ArticleInput!) { ingestArticle(input: $input) { created article { id title published } entities { id name } relations { id type source { name } target { name } } } }`;
const RUSSIA_PROXIES = `query($rejected: Boolean) { entity(id: "State:RUS") { relations(direction: OUT, types: [USES_PROXY], includeRejected: $rejected) { edges { other { name } node { id status note evidenceCount } } } } }`;

async function russiaCriminals(rejected = true) {
  const r = await data(api, RUSSIA_PROXIES, { rejected });
  return r.entity.relations.edges.find((e: any) => e.other.name === 'criminals')?.node;
}

describe('relation status', () => {
  it('a rejected link is hidden from traversals and stays rejected when the same fact is ingested again', async () => {
    const link = await russiaCriminals();
    expect(link).toBeDefined();
    const set = await data(
      api,
      `mutation($id: ID!) { setRelationStatus(id: $id, status: REJECTED, note: "criminals are a class, not a proxy we can name") { id status note } }`,
      { id: link.id },
    );
    expect(set.setRelationStatus).toEqual({ id: link.id, status: 'REJECTED', note: 'criminals are a class, not a proxy we can name' });
    expect(await russiaCriminals(false)).toBeUndefined();
    const paths = await data(api, `{ traverse(start: "State:RUS", steps: [{relationTypes: [USES_PROXY]}]) { nodes { name } } }`);
    expect(paths.traverse.map((p: any) => p.nodes[1].name)).not.toContain('criminals');

    const again = await data(api, INGEST, { input: { title: 'Threat update, repeated', text: PROXY_SENTENCE, published: '2025-01-15', source: 'test' } });
    expect(again.ingestArticle.created).toBe(true);
    expect(again.ingestArticle.article.published).toBe('2025-01-15');
    expect(again.ingestArticle.entities.map((e: any) => e.id)).toContain('Group:criminals');
    const after = await russiaCriminals();
    expect(after.evidenceCount).toBe(link.evidenceCount + 1);
    expect(after.status).toBe('REJECTED');
    expect(after.note).toBe('criminals are a class, not a proxy we can name');

    const same = await data(api, INGEST, { input: { title: 'Threat update, repeated', text: PROXY_SENTENCE, published: '2025-01-15', source: 'test' } });
    expect(same.ingestArticle.created).toBe(false);
  });

  it('refuses bad input to ingestArticle and setRelationStatus with typed errors, storing nothing', async () => {
    const before = await data(api, '{ health { articles } }');
    const empty = await gql(api, INGEST, { input: { text: '   ' } });
    expect(empty.body.errors?.[0]).toMatchObject({ message: expect.stringMatching(/input.text is empty/), extensions: { code: 'BAD_USER_INPUT' } });
    const url = await gql(api, INGEST, { input: { text: 'Russia.', url: 'javascript:alert(1)' } });
    expect(url.body.errors?.[0]?.message).toMatch(/input.url/);
    for (const published of ['2024-99-99', '2024-02-30', '2024-13-01', 'yesterday']) {
      const date = await gql(api, INGEST, { input: { text: 'Russia backed the group.', published } });
      expect(date.body.errors?.[0], published).toMatchObject({
        message: expect.stringMatching(/input.published must be an ISO date/),
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    const missing = await gql(api, 'mutation { setRelationStatus(id: "r_nope", status: CONFIRMED) { id } }');
    expect(missing.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await data(api, '{ health { articles } }')).health.articles).toBe(before.health.articles);
  });
});

describe('analyst links and aliases', () => {
  it('addRelation adds a confirmed link with the note as its evidence and the analyst as its source; ends must fit the ontology', async () => {
    const r = await data(
      api,
      `mutation { addRelation(input: {source: "State:RUS", type: USES_PROXY, target: "Group:trolls", note: "Seen in our own reporting", confidence: 0.9}) {
      type status origin note source { name } target { name } evidence { edges { node { sentence rule assertedBy article { id } } } } } }`,
    );
    expect(r.addRelation).toMatchObject({
      type: 'USES_PROXY',
      status: 'CONFIRMED',
      note: 'Seen in our own reporting',
      source: { name: 'Russia' },
      target: { name: 'trolls' },
    });
    expect(r.addRelation.evidence.edges.map((e: any) => e.node)).toContainEqual({
      sentence: 'Seen in our own reporting',
      rule: 'analyst',
      assertedBy: 'local',
      article: null,
    });
    const wrong = await gql(api, `mutation { addRelation(input: {source: "Group:trolls", type: OCCURRED_IN, target: "State:RUS", note: "x"}) { id } }`);
    expect(wrong.body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/OCCURRED_IN does not go from a Group to a State/),
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const noNote = await gql(api, `mutation { addRelation(input: {source: "State:RUS", type: SUPPORTS, target: "Group:trolls", note: " "}) { id } }`);
    expect(noNote.body.errors?.[0]?.message).toMatch(/note must be/);
  });

  it('addAlias keeps where the alias came from and makes it findable', async () => {
    const r = await data(api, `mutation { addAlias(entity: "Group:private intelligence operatives", alias: "hired spies") { aliasDetails { name origin } } }`);
    expect(r.addAlias.aliasDetails).toContainEqual({ name: 'hired spies', origin: 'ANALYST' });
    const found = await data(api, '{ entityByName(name: "Hired Spies") { id } search(text: "hired spies") { edges { node { id } } } }');
    expect(found.entityByName.id).toBe('Group:private intelligence operatives');
    expect(found.search.edges[0].node.id).toBe('Group:private intelligence operatives');
    // Ingesting the entity again keeps the analyst's alias and where it came from.
    await data(api, INGEST, {
      input: { title: 'Operatives', text: 'Russian state actors keep turning to proxies including private intelligence operatives.', published: '2025-03-01' },
    });
    const again = await data(api, '{ entity(id: "Group:private intelligence operatives") { aliasDetails { name origin } } }');
    expect(again.entity.aliasDetails).toContainEqual({ name: 'hired spies', origin: 'ANALYST' });
  });
});

describe('merge and split', () => {
  const VIEW = `query($id: ID!) { entity(id: $id) { id name aliases aliasDetails { name origin fromEntity } mentionCount
    relations(first: 100) { totalCount edges { other { id } node { id type evidenceCount } } } } }`;

  /** Everything stored on an entity and its relationships, but the time of the last write. */
  const stored = async (id: string) =>
    (
      await graph.read<{ entity: Record<string, unknown>; relations: Record<string, unknown>[] }>({
        cypher: `MATCH (n:Entity {id: $id})
             RETURN n {.*} AS entity,
                    COLLECT { MATCH (n)-[r]-(:Entity) RETURN r {.*, type: type(r), updatedAt: null} AS rel ORDER BY r.id } AS relations`,
        params: { id },
      })
    )[0];

  it('mergeEntities moves aliases, mentions, relations and evidence; splitEntity restores both sides', async () => {
    // An analyst's undated link on the kept side that the merge joins with the removed side's dated one.
    await data(
      api,
      'mutation { addRelation(input: {source: "State:RUS", type: USES_PROXY, target: "Group:influencers", note: "same operators as the trolls"}) { id } }',
    );
    await data(api, INGEST, {
      input: {
        title: 'Proxies',
        published: '2025-02-03',
        text: 'Russian state actors are turning to proxies including trolls and criminals from third countries.',
      },
    });
    const storedBefore = { keep: await stored('Group:influencers'), removed: await stored('Group:trolls') };
    const dated = storedBefore.removed!.relations.find((r) => r.type === 'USES_PROXY' && r.firstSeen);
    expect(dated, 'the removed side has a dated USES_PROXY link from Russia').toBeDefined();
    const keepBefore = (await data(api, VIEW, { id: 'Group:influencers' })).entity;
    const removeBefore = (await data(api, VIEW, { id: 'Group:trolls' })).entity;
    expect(removeBefore.relations.totalCount).toBeGreaterThan(0);

    const merged = await data(
      api,
      `mutation { mergeEntities(keep: "Group:influencers", remove: "Group:trolls", reason: "same paid accounts") {
      entity { id aliases mentionCount } record { id keepId removedId removedName reason by undone } } }`,
    );
    expect(merged.mergeEntities.record).toMatchObject({
      keepId: 'Group:influencers',
      removedId: 'Group:trolls',
      removedName: 'trolls',
      reason: 'same paid accounts',
      by: 'local',
      undone: false,
    });
    expect(merged.mergeEntities.entity.mentionCount).toBe(keepBefore.mentionCount + removeBefore.mentionCount);
    expect((await data(api, VIEW, { id: 'Group:trolls' })).entity).toBeNull();
    const keepMerged = (await data(api, VIEW, { id: 'Group:influencers' })).entity;
    expect(keepMerged.aliasDetails).toContainEqual({ name: 'trolls', origin: 'MERGED', fromEntity: 'Group:trolls' });
    const russia = keepMerged.relations.edges.filter((e: any) => e.other.id === 'State:RUS' && e.node.type === 'USES_PROXY');
    expect(russia).toHaveLength(1);
    const evidenceTotal = (entity: any) => entity.relations.edges.reduce((n: number, e: any) => n + e.node.evidenceCount, 0);
    expect(evidenceTotal(keepMerged)).toBeGreaterThanOrEqual(evidenceTotal(keepBefore));

    const records = await data(api, '{ mergeRecords(entity: "Group:influencers") { id removedName undone } }');
    expect(records.mergeRecords).toContainEqual({ id: merged.mergeEntities.record.id, removedName: 'trolls', undone: false });

    const split = await data(api, `mutation($id: ID!) { splitEntity(mergeId: $id) { kept { id aliases } restored { id name } } }`, {
      id: merged.mergeEntities.record.id,
    });
    expect(split.splitEntity.restored).toEqual({ id: 'Group:trolls', name: 'trolls' });
    expect(split.splitEntity.kept.aliases).not.toContain('trolls');
    const keepAfter = (await data(api, VIEW, { id: 'Group:influencers' })).entity;
    const removeAfter = (await data(api, VIEW, { id: 'Group:trolls' })).entity;
    const ids = (entity: any) => entity.relations.edges.map((e: any) => `${e.node.id}:${e.node.evidenceCount}`).sort();
    expect(ids(keepAfter)).toEqual(ids(keepBefore));
    expect(ids(removeAfter)).toEqual(ids(removeBefore));
    expect(removeAfter.mentionCount).toBe(removeBefore.mentionCount);
    expect(keepAfter.mentionCount).toBe(keepBefore.mentionCount);
    // Exactly as before: every property of both entities and of their relationships (dates,
    // confidence, rules, no empty leftovers such as mergedAliases: []).
    expect(await stored('Group:influencers')).toEqual(storedBefore.keep);
    expect(await stored('Group:trolls')).toEqual(storedBefore.removed);

    const twice = await gql(api, `mutation($id: ID!) { splitEntity(mergeId: $id) { kept { id } } }`, { id: merged.mergeEntities.record.id });
    expect(twice.body.errors?.[0]).toMatchObject({ message: expect.stringMatching(/already undone/), extensions: { code: 'CONFLICT' } });
  });

  it("mergeSuggestions proposes a pair once an alias of one is the other's name, with the reason, best attested kept", async () => {
    await data(api, 'mutation { addAlias(entity: "Group:influencers", alias: "Trolls") { id } }');
    const r = await data(api, '{ mergeSuggestions(types: [Group], minScore: 0.5) { score reasons keep { id mentionCount } remove { id mentionCount } } }');
    const pair = r.mergeSuggestions.find((s: any) => [s.keep.id, s.remove.id].sort().join() === 'Group:influencers,Group:trolls');
    expect(pair).toBeDefined();
    expect(pair.score).toBeGreaterThanOrEqual(0.8);
    expect(pair.reasons.join(' ')).toMatch(/alias of influencers/);
    expect(pair.keep.mentionCount).toBeGreaterThanOrEqual(pair.remove.mentionCount);
    const bad = await gql(api, '{ mergeSuggestions(minScore: 3) { score } }');
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('a merge holds when an article names the removed entity again: ingest follows the MergeRecord', async () => {
    const merged = await data(
      api,
      `mutation { mergeEntities(keep: "Group:international drug traffickers", remove: "Group:low level crooks") { record { id } } }`,
    );
    expect(merged.mergeEntities.record.id).toMatch(/^mr_/);
    await data(api, INGEST, {
      input: { title: 'Crooks', text: 'Iranian state actors are also using criminals as proxies including low-level crooks.', published: '2025-04-01' },
    });
    expect((await data(api, '{ entity(id: "Group:low level crooks") { id } }')).entity).toBeNull();
    const kept = await data(api, '{ entity(id: "Group:international drug traffickers") { aliases } }');
    expect(kept.entity.aliases).toContain('low-level crooks');
  });

  it('refuses to merge an entity into itself, across types, or one that does not exist', async () => {
    const cases: [string, RegExp, string][] = [
      ['mutation { mergeEntities(keep: "State:RUS", remove: "State:RUS") { record { id } } }', /same entity/, 'BAD_USER_INPUT'],
      ['mutation { mergeEntities(keep: "State:RUS", remove: "Group:trolls") { record { id } } }', /cannot merge a Group into a State/, 'BAD_USER_INPUT'],
      ['mutation { mergeEntities(keep: "State:RUS", remove: "State:ZZZ") { record { id } } }', /remove: no entity has id "State:ZZZ"/, 'NOT_FOUND'],
    ];
    for (const [query, message, code] of cases) {
      const r = await gql(api, query);
      expect(r.body.errors?.[0]?.message).toMatch(message);
      expect(r.body.errors?.[0]?.extensions?.code).toBe(code);
    }
    expect((await data(api, '{ entity(id: "Group:trolls") { id } }')).entity).toEqual({ id: 'Group:trolls' });
  });
});

describe('watch', () => {
  it('pushes a new link in the watched neighbourhood over server-sent events when an article is ingested', async () => {
    // The subscription's first look at the neighbourhood (its newest relations, latestRelations
    // with no cursor) is its baseline: an article ingested before that look ends is part of it
    // and pushes nothing.
    const watcher = readWatcher(graph, (query) => query.params !== undefined && 'beforeAt' in query.params && query.params.beforeAt === null);
    const watching = createApi({ graph: watcher.graph, apiKeys: null, watch: { intervalMs: 200 } });
    const controller = new AbortController();
    const response = await watching.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({
        query:
          'subscription { watch(entity: "Group:criminals", depth: 1) { kind at relation { type source { name } target { name } evidence { edges { node { sentence } } } } } }',
      }),
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    const events: any[] = [];
    const reading = (async () => {
      let buffer = '';
      while (events.length === 0) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        for (const block of buffer.split('\n\n').slice(0, -1)) {
          const line = block.split('\n').find((l) => l.startsWith('data: '));
          if (line && block.includes('event: next')) events.push(JSON.parse(line.slice(6)));
        }
        buffer = buffer.slice(buffer.lastIndexOf('\n\n') + 2);
      }
    })();
    await watcher.answered;
    await data(api, INGEST, {
      input: { title: 'Proxies', text: 'Chinese state actors are turning to proxies including criminals and private hackers.', published: '2025-02-01' },
    });
    await Promise.race([reading, new Promise((r) => setTimeout(r, 10_000))]);
    controller.abort();
    expect(events.length).toBeGreaterThan(0);
    const change = events[0].data.watch;
    expect(change.kind).toBe('ADDED');
    expect([change.relation.source.name, change.relation.target.name]).toContain('criminals');
    expect(change.relation.evidence.edges[0].node.sentence).toMatch(/criminals/);
  });
});
