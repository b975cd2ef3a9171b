// Query shape without a database: every `{ cypher, params }` builder is called with hostile text
// in each string argument, and its query must (1) carry that text only as a parameter, never in
// the Cypher string, (2) use every parameter it sends and send every parameter it uses, and
// (3) name only labels and relationship types from the closed lists. Labels or types from
// outside them, and numbers out of range, are refused before any Cypher is written.
import { describe, expect, it } from 'vitest';
import type { CypherQuery } from '../../src/graph/executor.js';
import { ENTITY_TYPES, GRAPH_RELATION_TYPES, type EntityType, type GraphRelationType, type RelationType } from '../../src/ontology.js';
import * as articles from '../../src/graph/queries/articles.js';
import * as attribution from '../../src/graph/queries/attribution.js';
import * as curate from '../../src/graph/queries/curate.js';
import * as entities from '../../src/graph/queries/entities.js';
import * as relations from '../../src/graph/queries/relations.js';
import * as subgraph from '../../src/graph/queries/subgraph.js';
import * as watch from '../../src/graph/queries/watch.js';
import * as workspaces from '../../src/graph/queries/workspaces.js';
import * as forget from '../../src/graph/forget.js';
import * as exportQ from '../../src/graph/export.js';
import * as resolveQ from '../../src/graph/resolve-queries.js';
import * as write from '../../src/graph/write.js';

/** Text an article or a caller could send: quotes, braces, a backtick, a comment and a clause. */
const HOSTILE = "Bad' }) `Evil` // MATCH (n) DETACH DELETE n $x";
const ID = `State:${HOSTILE}`;

/** Node labels and relationship types that are not entity or relation types. */
const NODE_LABELS = new Set<string>([...ENTITY_TYPES, 'Entity', 'Article', 'Evidence', 'MergeRecord', 'StixObject', 'Workspace']);
const REL_TYPES = new Set<string>([...GRAPH_RELATION_TYPES, 'MENTIONED_IN', 'FROM']);

/**
 * The traversal filter's values: builders send them whole and relFilter writes only the
 * conditions that can exclude something, so these may go unused (an unused parameter is
 * harmless; a used one not sent is an error at run time).
 */
const FILTER_PARAMS = new Set(['minConfidence', 'includeRejected', 'since', 'until']);
/** Builders whose arguments hold no free text (types, numbers): nothing hostile to carry. */
const NO_TEXT = new Set(['curate.mergeSuggestions']);

const filter = { minConfidence: 0.5, includeRejected: false, since: '2024-01-01', until: '2025-12-31' };
const types: GraphRelationType[] = ['USES_PROXY', 'ASSOCIATED_WITH'];

/** One call of each builder, with HOSTILE wherever a string goes. */
const builders: Record<string, () => CypherQuery | CypherQuery[]> = {
  'articles.articlesPage': () => articles.articlesPage({ text: HOSTILE, source: HOSTILE, since: '2024-01-01', until: null, mentions: ID }, 0, 10),
  'articles.articlesByIds': () => articles.articlesByIds([ID]),
  'articles.articleEntities': () => articles.articleEntities([ID]),
  'articles.articleFacts': () => articles.articleFacts([ID], 0, 10),
  'articles.timeline': () => articles.timeline(ID, '2024-01-01', null, 10),
  'attribution.attribution': () => attribution.attribution({ from: ID, to: ID, maxHops: 3, minConfidence: 0.5, includeRejected: false, limit: 5 }),
  'curate.addAlias': () => curate.addAlias(ID, HOSTILE, HOSTILE),
  'curate.setRelationStatus': () => curate.setRelationStatus(ID, 'REJECTED', HOSTILE, HOSTILE, 1),
  'curate.entityTypes': () => curate.entityTypes([ID]),
  'curate.addRelation': () =>
    curate.addRelation(
      'USES_PROXY',
      {
        id: ID,
        evidenceId: ID,
        sourceId: ID,
        targetId: ID,
        note: HOSTILE,
        claim: 'asserted',
        confidence: 0.9,
        by: HOSTILE,
      },
      1,
    ),
  'curate.mergeInputs': () => curate.mergeInputs(ID, ID),
  'curate.moveRelations': () =>
    curate.moveRelations(
      'USES_PROXY',
      [{ type: 'USES_PROXY', oldId: ID, newId: ID, sourceId: ID, targetId: ID, props: { note: HOSTILE }, evidenceIds: [ID] }],
      1,
    ),
  'curate.moveMentions': () => curate.moveMentions(ID, [{ articleId: ID, count: 1 }], 1),
  'curate.updateKept': () => curate.updateKept(ID, { name: HOSTILE }),
  'curate.deleteEntity': () => curate.deleteEntity(ID),
  'curate.mergeRecord': () => curate.mergeRecord(ID),
  'curate.mergeRecords': () => curate.mergeRecords(ID, 10),
  'curate.restoreEntity': () => curate.restoreEntity('State', { id: ID, name: HOSTILE }),
  'curate.mergeSuggestions': () => curate.mergeSuggestions(['Actor', 'Group'], 0.5, 10),
  'entities.entitiesByIds': () => entities.entitiesByIds([ID]),
  'entities.entityByName': () => entities.entityByName(HOSTILE, 'Group'),
  'entities.searchEntities': () => entities.searchEntities(HOSTILE, ['State', 'Group'], 0, 10),
  'entities.entitiesPage': () => entities.entitiesPage({ types: ['Case'], kinds: [HOSTILE], text: HOSTILE, about: ID }, 0, 10),
  'relations.relationsOf': () => relations.relationsOf([ID], { direction: 'OUT', types, ...filter, skip: 0, first: 10 }),
  'relations.relationsByIds': () => relations.relationsByIds([ID], types),
  'relations.evidenceOf': () => relations.evidenceOf([ID], 0, 10),
  'subgraph.neighbourhood': () =>
    subgraph.neighbourhood({
      id: ID,
      depth: 2,
      entityTypes: ['State', 'Group'],
      limit: 50,
      edgeLimit: 100,
      edgeFields: ['type', 'confidence'],
      types,
      ...filter,
    }),
  'subgraph.paths': () =>
    subgraph.paths({
      from: ID,
      to: ID,
      maxHops: 3,
      excludeHubs: true,
      hubDegree: 50,
      strategy: 'STRONGEST',
      limit: 5,
      types,
      ...filter,
    }),
  'subgraph.traverse': () =>
    subgraph.traverse({
      start: ID,
      withOrgans: true,
      steps: [
        { types, direction: 'OUT', entityTypes: null },
        { types, direction: 'OUT', entityTypes: ['Case'] },
      ],
      minConfidence: 0.5,
      includeRejected: false,
      limit: 5,
    }),
  'watch.changedRelations': () => watch.changedRelations({ id: ID, depth: 2, types, minConfidence: 0.5 }, 0, 100),
  'watch.latestRelations': () => watch.latestRelations({ id: ID, depth: 2, types, minConfidence: 0.5 }, 100, { updatedAt: 5, id: ID }),
  'workspaces.saveWorkspace': () => workspaces.saveWorkspace(ID, HOSTILE, HOSTILE, 3, HOSTILE, '2025-01-01'),
  'workspaces.workspace': () => workspaces.workspace(ID),
  'workspaces.deleteWorkspace': () => workspaces.deleteWorkspace(ID),
  'forget.articleRelations': () => forget.articleRelations([ID]),
  'forget.deleteArticles': () => forget.deleteArticles([ID]),
  'forget.recomputeRelations': () => forget.recomputeRelations('RESPONSIBLE_FOR', [ID], 1),
  'export.exportEntitiesQuery': () => exportQ.exportEntitiesQuery([ID]),
  'export.exportRelationsQuery': () => exportQ.exportRelationsQuery([ID]),
  'export.neighbourIdsQuery': () => exportQ.neighbourIdsQuery([ID]),
  'resolve.caseProfiles': () => resolveQ.caseProfiles([ID]),
  'resolve.articlesToReextract': () => resolveQ.articlesToReextract(HOSTILE, false, '2025-01-01', HOSTILE, 10),
  'write.existingArticles': () => write.existingArticles([ID]),
  'write.mergeRelations': () =>
    write.mergeRelations(
      [
        {
          id: ID,
          type: 'USES_PROXY',
          sourceId: ID,
          targetId: ID,
          evidenceCount: 1,
          notConfidence: 0.1,
          claim: 'asserted',
          firstSeen: null,
          lastSeen: null,
          rules: [HOSTILE],
          role: null,
        } as write.RelationRow,
      ],
      1,
    ),
  'write.mergeAssociations': () => write.mergeAssociations([{ id: ID, sourceId: ID, targetId: ID, weight: 1 }], 1),
};

const paramsUsed = (cypher: string) => new Set([...cypher.matchAll(/\$(\w+)/g)].map((m) => m[1]!));
const nodeLabels = (cypher: string) => [...cypher.matchAll(/\(\s*\w*\s*:\s*([\w|`]+)/g)].flatMap((m) => m[1]!.split('|'));
const relTypes = (cypher: string) => [...cypher.matchAll(/\[\s*\w*\s*:\s*([\w|`]+)/g)].flatMap((m) => m[1]!.split('|'));
const queriesOf = (build: () => CypherQuery | CypherQuery[]) => [build()].flat();

describe('query shape of every { cypher, params } builder', () => {
  it.each(Object.keys(builders))('%s: text only as parameters, every parameter used, closed-list names', (name) => {
    for (const { cypher, params = {} } of queriesOf(builders[name]!)) {
      expect(cypher).not.toContain('Evil');
      expect(cypher).not.toContain('DETACH DELETE n $x');
      if (!NO_TEXT.has(name)) expect(JSON.stringify(params).toLowerCase()).toContain('evil');
      const used = paramsUsed(cypher);
      expect(
        [...used].filter((p) => !(p in params)),
        'used but not sent',
      ).toEqual([]);
      expect(
        Object.keys(params).filter((p) => !used.has(p) && !FILTER_PARAMS.has(p)),
        'sent but not used',
      ).toEqual([]);
      expect(
        nodeLabels(cypher).filter((l) => !NODE_LABELS.has(l)),
        'labels off the closed list',
      ).toEqual([]);
      expect(
        relTypes(cypher).filter((t) => !REL_TYPES.has(t)),
        'types off the closed list',
      ).toEqual([]);
    }
  });

  it('the label and type checks see the names the builders write (they are not vacuous)', () => {
    const all = Object.values(builders)
      .flatMap(queriesOf)
      .map((q) => q.cypher)
      .join('\n');
    expect(nodeLabels(all)).toEqual(expect.arrayContaining(['Entity', 'Article', 'Evidence', 'MergeRecord', 'Workspace', 'State', 'Group', 'Case']));
    expect(relTypes(all)).toEqual(expect.arrayContaining(['MENTIONED_IN', 'USES_PROXY', 'ASSOCIATED_WITH', 'RESPONSIBLE_FOR']));
  });

  it('the checks themselves catch text in the string, an unsent parameter and a label off the list', () => {
    const [bad] = queriesOf(() => ({ cypher: `MATCH (n:Evil {id: '${HOSTILE}'})-[:OWNS]->() RETURN $limit`, params: { id: HOSTILE } }));
    expect(bad!.cypher).toContain('Evil');
    expect([...paramsUsed(bad!.cypher)].filter((p) => !(p in bad!.params!))).toEqual(['x', 'limit']);
    expect(nodeLabels(bad!.cypher)).toEqual(['Evil']);
    expect(relTypes(bad!.cypher)).toEqual(['OWNS']);
  });
});

describe('bad input is refused before Cypher is written', () => {
  const evilType = 'USES_PROXY`]-() DETACH DELETE n //' as GraphRelationType;
  const evilLabel = 'Group`) DETACH DELETE n //' as EntityType;

  it('relationship types off the closed list', () => {
    expect(() => relations.relationsByIds([ID], [evilType])).toThrow(/unknown relation type/);
    expect(() => relations.relationsOf([ID], { direction: 'OUT', types: [evilType], ...filter, skip: 0, first: 10 })).toThrow(/unknown relation type/);
    expect(() => curate.moveRelations(evilType, [], 1)).toThrow(/unknown relation type/);
    expect(() => write.mergeRelations([{ type: evilType as RelationType } as write.RelationRow], 1)).toThrow(/unknown relation type/);
    expect(() => forget.recomputeRelations('ASSOCIATED_WITH' as RelationType, [ID], 1)).toThrow(/unknown relation type/);
  });

  it('labels off the closed list (mergeSuggestions takes its types as a parameter, so they never reach the string)', () => {
    expect(curate.mergeSuggestions([evilLabel], 0.5, 10).cypher).not.toContain('DETACH');
    expect(() => curate.restoreEntity(evilLabel, { id: ID })).toThrow(/unknown entity type/);
    expect(() =>
      subgraph.traverse({
        start: ID,
        steps: [{ types, direction: 'OUT', entityTypes: [evilLabel] }],
        minConfidence: 0,
        includeRejected: false,
        limit: 5,
      }),
    ).toThrow(/unknown entity type/);
  });

  it('numbers out of range and unknown directions, naming the argument', () => {
    expect(() => watch.changedRelations({ id: ID, depth: 9, types, minConfidence: 0 }, 0, 10)).toThrow(/depth must be an integer from 1 to 3, got 9/);
    expect(() => subgraph.neighbourhood({ id: ID, depth: 99, entityTypes: null, limit: 50, edgeLimit: 100, types, ...filter })).toThrow(/depth/);
    expect(() => relations.relationsOf([ID], { direction: 'SIDEWAYS' as 'OUT', types, ...filter, skip: 0, first: 10 })).toThrow(/unknown direction SIDEWAYS/);
  });
});
