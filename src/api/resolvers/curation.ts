// Curation: Mutation.* and the analyst's queries (mergeSuggestions, mergeRecords). Roles are
// checked by the roles plugin before any of this runs; the caller's name is recorded.
import * as curate from '../../graph/curate.js';
import type { EntityRecord } from '../../graph/read.js';
import { resolutionSuggestions } from '../../ingest/resolve.js';
import { badInput, intIn } from '../../graph/queries/common.js';
import { confidenceArg, entityTypesArg, idArg, textArg } from '../args.js';
import { isRelationType } from '../../ontology.js';
import type { ApiContext } from '../context.js';
import { ingestOne, type ArticleFields, type IngestOne } from '../ingest.js';

export interface CurationOptions {
  /** Ingests one article; defaults to the ingest pipeline. */
  ingest?: IngestOne;
}

function callerName(context: ApiContext): string {
  return context.caller.role === null ? 'anonymous' : context.caller.name;
}

export function curationResolvers(options: CurationOptions = {}) {
  const ingest = options.ingest ?? ingestOne;
  return {
    Query: {
      mergeSuggestions: async (
        _: unknown,
        args: { types?: string[] | null; minScore?: number | null; first?: number | null },
        { graph, loaders }: ApiContext,
      ) => {
        const types = entityTypesArg('types', args.types);
        const minScore = confidenceArg('minScore', args.minScore ?? 0.5);
        const first = intIn('first', args.first, 1, 100, 20);
        const [byName, incidents] = await Promise.all([curate.mergeSuggestions(graph, types, minScore, first), resolutionSuggestions(graph, types, minScore)]);
        loaders.primeEntities(byName.flatMap((r) => [r.keep, r.remove]));
        // one entry per pair: the incident comparison's reasons join the name's
        const rows = new Map(byName.map((r) => [[r.keep.id, r.remove.id].sort().join('|'), r]));
        const ends = await loaders.entity.loadMany(incidents.slice(0, first).flatMap((p) => [p.keepId, p.removeId]));
        incidents.slice(0, first).forEach((p, i) => {
          const [keep, remove] = [ends[2 * i], ends[2 * i + 1]];
          if (!keep || !remove || keep instanceof Error || remove instanceof Error) return;
          const key = [p.keepId, p.removeId].sort().join('|');
          const known = rows.get(key);
          if (known) rows.set(key, { ...known, score: Math.max(known.score, p.score), reasons: [...new Set([...known.reasons, ...p.reasons])] });
          else rows.set(key, { keep: keep as EntityRecord, remove: remove as EntityRecord, score: p.score, reasons: p.reasons });
        });
        return [...rows.values()].sort((a, b) => b.score - a.score || a.keep.id.localeCompare(b.keep.id)).slice(0, first);
      },
      mergeRecords: (_: unknown, args: { entity?: string | null; first?: number | null }, { graph }: ApiContext) =>
        curate.mergeRecords(graph, args.entity ? idArg('entity', args.entity) : null, intIn('first', args.first, 1, 100, 20)),
    },
    Mutation: {
      ingestArticle: async (_: unknown, args: { input: ArticleFields }, context: ApiContext) => {
        const { articleId, created } = await ingest(context.graph, args.input);
        const article = await context.loaders.article.load(articleId);
        if (!article) throw badInput('the article was not stored: its text may be empty once normalised');
        return { article, created };
      },
      mergeEntities: async (_: unknown, args: { keep: string; remove: string; reason?: string | null }, context: ApiContext) => {
        const reason = args.reason == null ? null : textArg('reason', args.reason, 2000);
        const result = await curate.mergeEntities(context.graph, idArg('keep', args.keep), idArg('remove', args.remove), { by: callerName(context), reason });
        context.loaders.forgetEntities();
        context.loaders.primeEntities([result.entity]);
        return result;
      },
      splitEntity: async (_: unknown, args: { mergeId: string }, context: ApiContext) => {
        const result = await curate.splitEntity(context.graph, idArg('mergeId', args.mergeId), callerName(context));
        context.loaders.forgetEntities();
        context.loaders.primeEntities([result.kept, result.restored]);
        return result;
      },
      addAlias: async (_: unknown, args: { entity: string; alias: string }, context: ApiContext) => {
        const entity = await curate.addAlias(context.graph, idArg('entity', args.entity), args.alias);
        context.loaders.primeEntities([entity]);
        return entity;
      },
      setRelationStatus: async (_: unknown, args: { id: string; status: 'auto' | 'CONFIRMED' | 'REJECTED'; note?: string | null }, context: ApiContext) => {
        const relation = await curate.setRelationStatus(context.graph, idArg('id', args.id), args.status, args.note ?? null, callerName(context));
        context.loaders.relation.clear(relation.id).prime(relation.id, relation);
        return relation;
      },
      addRelation: async (
        _: unknown,
        args: { input: { source: string; type: string; target: string; note: string; claim?: string | null; confidence?: number | null } },
        context: ApiContext,
      ) => {
        const { input } = args;
        if (!isRelationType(input.type))
          throw badInput(`input.type: ${String(input.type).slice(0, 40)} is not a typed relation (ASSOCIATED_WITH is the pipeline's own)`);
        const relation = await curate.addRelation(
          context.graph,
          {
            source: idArg('input.source', input.source),
            type: input.type,
            target: idArg('input.target', input.target),
            note: input.note,
            claim: input.claim ?? 'asserted',
            confidence: input.confidence ?? 1,
          },
          callerName(context),
        );
        context.loaders.relation.clear(relation.id).prime(relation.id, relation);
        return relation;
      },
    },
    types: {
      IngestResult: {
        entities: async (result: { article: { id: string } }, _: unknown, { loaders }: ApiContext) =>
          (await loaders.articleEntities.load(result.article.id)).map((m) => m.entity),
        relations: async (result: { article: { id: string } }, _: unknown, { loaders }: ApiContext) => {
          const facts = await loaders.articleFacts(0, 100).load(result.article.id);
          const ids = [...new Set(facts.page.map((ev) => ev.relationId))];
          return (await loaders.relation.loadMany(ids)).filter((r) => r && !(r instanceof Error));
        },
      },
    },
  };
}
