// Query.entity, entityByName, search, relation, and the Entity, Relation and Evidence types.
import { badInput, type Direction } from '../../graph/queries/common.js';
import { entityTypesArg, idArg, pageArgs, relationTypesArg, relFilterParams, textArg, type RelFilterArgs } from '../args.js';
import * as read from '../../graph/read.js';
import type { EntityRecord, EvidenceRecord, RelationRecord } from '../../graph/read.js';
import { CASE_KINDS, GROUP_KINDS, isEntityType } from '../../ontology.js';
import type { ApiContext } from '../context.js';
import { claimOrNull, connection, enumValues, isoTime, kindOrNull, originOf } from './shared.js';

interface RelationsArgs extends RelFilterArgs {
  direction?: Direction | null;
  types?: string[] | null;
  first?: number | null;
  after?: string | null;
}

const entityFields = {
  aliases: (e: EntityRecord) => e.aliases ?? [],
  aliasDetails: (e: EntityRecord) => {
    const analyst = new Set(e.analystAliases ?? []);
    const merged = e.mergedAliases ?? [];
    const sources = e.mergedAliasSources ?? [];
    return (e.aliases ?? []).map((name) => {
      const m = merged.indexOf(name);
      if (analyst.has(name)) return { name, origin: 'ANALYST', fromEntity: null };
      if (m >= 0) return { name, origin: 'MERGED', fromEntity: sources[m] ?? null };
      return { name, origin: 'EXTRACTED', fromEntity: null };
    });
  },
  mentionCount: (e: EntityRecord) => e.mentionCount ?? 0,
  articleCount: (e: EntityRecord) => e.articleCount ?? 0,
  origin: (e: EntityRecord) => originOf(e.origin),
  relations: async (e: EntityRecord, args: RelationsArgs, { loaders }: ApiContext) => {
    const { skip, first } = pageArgs(args, 20);
    const filter = relFilterParams(args);
    const row = await loaders
      .relationsOf({
        direction: args.direction ?? 'BOTH',
        types: relationTypesArg('types', args.types),
        minConfidence: filter.minConfidence,
        includeRejected: filter.includeRejected,
        since: filter.since,
        until: filter.until,
        skip,
        first,
      })
      .load(e.id);
    const page = connection(row.page, skip, first, row.total);
    return {
      ...page,
      edges: page.edges.map(({ cursor, node }) => ({
        cursor,
        node: node.relation,
        other: node.other,
        direction: node.relation.sourceId === e.id ? 'OUT' : 'IN',
      })),
    };
  },
};

export const entityResolvers = {
  Query: {
    entity: (_: unknown, args: { id: string }, { loaders }: ApiContext) => loaders.entity.load(idArg('id', args.id)),
    entityByName: async (_: unknown, args: { name: string; type?: string | null }, { graph, loaders }: ApiContext) => {
      const type = args.type && isEntityType(args.type) ? args.type : null;
      const entity = await read.entityByName(graph, textArg('name', args.name), type);
      if (entity) loaders.primeEntities([entity]);
      return entity;
    },
    search: async (
      _: unknown,
      args: { text: string; types?: string[] | null; first?: number | null; after?: string | null },
      { graph, loaders }: ApiContext,
    ) => {
      const { skip, first } = pageArgs(args, 10);
      const rows = await read.searchEntities(graph, textArg('text', args.text), entityTypesArg('types', args.types), skip, first);
      loaders.primeEntities(rows.map((r) => r.entity));
      const page = connection(rows, skip, first);
      return { ...page, edges: page.edges.map(({ cursor, node }) => ({ cursor, node: node.entity, score: node.score })) };
    },
    entities: async (
      _: unknown,
      args: {
        filter?: { types?: string[] | null; kinds?: string[] | null; text?: string | null; about?: string | null } | null;
        first?: number | null;
        after?: string | null;
      },
      { graph, loaders }: ApiContext,
    ) => {
      const { skip, first } = pageArgs(args, 20);
      const f = args.filter ?? {};
      const kinds = f.kinds?.length ? f.kinds : null;
      for (const kind of kinds ?? []) {
        if (!(GROUP_KINDS as readonly string[]).includes(kind) && !(CASE_KINDS as readonly string[]).includes(kind)) {
          throw badInput(`filter.kinds: "${kind.slice(0, 40)}" is not a Group or Case kind (${[...GROUP_KINDS, ...CASE_KINDS].join(', ')})`);
        }
      }
      const rows = await read.entitiesPage(
        graph,
        {
          types: entityTypesArg('filter.types', f.types),
          kinds,
          text: f.text ? textArg('filter.text', f.text) : null,
          about: f.about ? textArg('filter.about', f.about) : null,
        },
        skip,
        first,
      );
      loaders.primeEntities(rows);
      return connection(rows, skip, first);
    },
    relation: (_: unknown, args: { id: string }, { loaders }: ApiContext) => loaders.relation.load(idArg('id', args.id)),
  },
  Entity: {
    __resolveType: (e: EntityRecord) => (isEntityType(e.type) ? e.type : null),
  },
  Actor: { ...entityFields },
  State: { ...entityFields, iso3: (e: EntityRecord) => (typeof e.iso3 === 'string' ? e.iso3 : e.id.replace(/^State:/, '')) },
  Group: { ...entityFields, kind: (e: EntityRecord) => kindOrNull('Group', e.kind) },
  Case: { ...entityFields, kind: (e: EntityRecord) => kindOrNull('Case', e.kind) },
  Place: { ...entityFields },
  Relation: {
    // Ends a traversal already returned are taken synchronously from the request's cache.
    source: (r: RelationRecord, _: unknown, { loaders }: ApiContext) => loaders.known(r.sourceId) ?? loaders.entity.load(r.sourceId),
    target: (r: RelationRecord, _: unknown, { loaders }: ApiContext) => loaders.known(r.targetId) ?? loaders.entity.load(r.targetId),
    confidence: (r: RelationRecord) => r.confidence ?? 0,
    claim: (r: RelationRecord) => claimOrNull(r.claim),
    evidenceCount: (r: RelationRecord) => r.evidenceCount ?? 0,
    weight: (r: RelationRecord) => r.weight ?? null,
    updatedAt: (r: RelationRecord) => isoTime(r.updatedAt),
    status: (r: RelationRecord) => (r.status === 'CONFIRMED' || r.status === 'REJECTED' ? r.status : 'auto'),
    origin: (r: RelationRecord) => originOf(r.origin),
    rules: (r: RelationRecord) => r.rules ?? [],
    evidence: async (r: RelationRecord, args: { first?: number | null; after?: string | null }, { loaders }: ApiContext) => {
      const { skip, first } = pageArgs(args, 5);
      const row = await loaders.evidenceOf(skip, first).load(r.id);
      return connection(
        row.page.map((p) => p.evidence),
        skip,
        first,
        row.total,
      );
    },
  },
  Evidence: {
    claim: (ev: EvidenceRecord) => claimOrNull(ev.claim),
    confidence: (ev: EvidenceRecord) => ev.confidence ?? 0,
    rule: (ev: EvidenceRecord) => ev.rule ?? 'unknown',
    article: (ev: EvidenceRecord, _: unknown, { loaders }: ApiContext) => (ev.articleId ? loaders.article.load(ev.articleId) : null),
    relation: (ev: EvidenceRecord, _: unknown, { loaders }: ApiContext) => loaders.relation.load(ev.relationId),
  },
  ...enumValues,
};
