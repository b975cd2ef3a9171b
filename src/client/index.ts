// A small typed client for scripts: sends operations to ThreatGraph's GraphQL API with result
// and variable types generated from schema.graphql (src/client/generated.ts, `npm run codegen`).
// Installed as a package, it is `threatgraph/client` (package.json `exports`):
//
//   import { ThreatGraphClient, SearchEntitiesDocument } from 'threatgraph/client';
//   const client = new ThreatGraphClient({ endpoint: 'http://localhost:4000/graphql' });
//   const { search } = await client.request(SearchEntitiesDocument, { text: 'Wagner' });
//   for await (const entity of client.searchAll('Wagner')) console.log(entity.id);
//   await client.addAlias('Group:wagner group', 'Africa Corps');       // analyst role
//
// Errors are typed by cause: NotFoundError, BadInputError, ForbiddenError (no key or too weak a
// role), UnreachableError (no answer), all ThreatGraphClientError with the API's code.
//
// `fetch` can be any fetch-compatible function: the CLI passes an in-process yoga's fetch, so
// scripts, the CLI and tests run the very same operations analysts send over HTTP.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';
import { ThreatGraphError } from '../errors.js';
import {
  AddAliasDocument,
  AddRelationDocument,
  ExportDocument,
  ImportStixDocument,
  IngestArticleDocument,
  MergeEntitiesDocument,
  SearchPageDocument,
  SetRelationStatusDocument,
  SplitEntityDocument,
  type AddRelationMutationVariables,
  type EntityType,
  type ExportFormat,
  type IngestArticleMutationVariables,
  type RelationStatus,
  type SearchPageQuery,
} from './generated.js';

export type FetchLike = (input: string, init: { method: string; headers: Record<string, string>; body: string }) => Promise<Response>;

export interface ThreatGraphClientOptions {
  /** The API's GraphQL URL. @default process.env.THREATGRAPH_ENDPOINT ?? 'http://localhost:4000/graphql' */
  endpoint?: string;
  /** Sent as `Authorization: Bearer KEY`. @default process.env.THREATGRAPH_API_KEY */
  apiKey?: string;
  /** @default globalThis.fetch */
  fetch?: FetchLike;
}

export interface GraphQLErrorShape {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

/** The API answered with errors (or not at all); `code` is the first error's extensions.code. */
export class ThreatGraphClientError extends ThreatGraphError {
  constructor(
    message: string,
    readonly errors: GraphQLErrorShape[] = [],
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super('client', message, { cause: options?.cause, code: errors[0]?.extensions?.code ?? (status ? `HTTP_${status}` : 'CLIENT_ERROR') });
    this.name = 'ThreatGraphClientError';
  }
}

/** The API has no such thing (code NOT_FOUND). */
export class NotFoundError extends ThreatGraphClientError {
  override name = 'NotFoundError';
}
/** The API refused an argument (code BAD_USER_INPUT); the message names it. */
export class BadInputError extends ThreatGraphClientError {
  override name = 'BadInputError';
}
/** No API key, or a role too weak for the operation (codes UNAUTHENTICATED, FORBIDDEN). */
export class ForbiddenError extends ThreatGraphClientError {
  override name = 'ForbiddenError';
}
/** No answer from the endpoint (not running, wrong address, network). */
export class UnreachableError extends ThreatGraphClientError {
  override name = 'UnreachableError';
}

/** The typed error for an API answer with errors. */
export function clientError(message: string, errors: GraphQLErrorShape[], status?: number): ThreatGraphClientError {
  const code = errors[0]?.extensions?.code;
  if (code === 'NOT_FOUND') return new NotFoundError(message, errors, status);
  if (code === 'BAD_USER_INPUT' || code === 'GRAPHQL_VALIDATION_FAILED') return new BadInputError(message, errors, status);
  if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN') return new ForbiddenError(message, errors, status);
  return new ThreatGraphClientError(message, errors, status);
}

/** What paginate() needs of a page: a connection with edges and pageInfo. */
export interface ConnectionLike<TNode> {
  edges: { node: TNode }[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

export const DEFAULT_ENDPOINT = 'http://localhost:4000/graphql';

export class ThreatGraphClient {
  readonly endpoint: string;
  private readonly apiKey: string | undefined;
  private readonly fetchImpl: FetchLike;

  constructor(options: ThreatGraphClientOptions = {}) {
    this.endpoint = options.endpoint ?? process.env.THREATGRAPH_ENDPOINT ?? DEFAULT_ENDPOINT;
    this.apiKey = options.apiKey ?? process.env.THREATGRAPH_API_KEY ?? undefined;
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  }

  /** Runs one operation; resolves to its `data`, or throws ThreatGraphClientError. */
  async request<TResult = Record<string, unknown>, TVariables = Record<string, unknown>>(
    document: TypedDocumentNode<TResult, TVariables> | DocumentNode | string,
    variables?: TVariables,
  ): Promise<TResult> {
    const query = typeof document === 'string' ? document : print(document);
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };
    if (this.apiKey) headers.authorization = `Bearer ${this.apiKey}`;
    let response: Response;
    try {
      response = await this.fetchImpl(this.endpoint, { method: 'POST', headers, body: JSON.stringify({ query, variables: variables ?? {} }) });
    } catch (error) {
      throw new UnreachableError(`no answer from ${this.endpoint}: ${(error as Error).message} (is \`npx threatgraph serve\` running?)`, [], undefined, {
        cause: error,
      });
    }
    const text = await response.text();
    let body: { data?: TResult | null; errors?: GraphQLErrorShape[] };
    try {
      body = JSON.parse(text);
    } catch {
      throw new ThreatGraphClientError(
        `${this.endpoint} answered HTTP ${response.status} with something that is not GraphQL JSON: ${text.slice(0, 120)}`,
        [],
        response.status,
      );
    }
    if (body.errors?.length) {
      const first = body.errors[0]!;
      const where = first.path?.length ? ` (at ${first.path.join('.')})` : '';
      const more = body.errors.length > 1 ? ` (+${body.errors.length - 1} more)` : '';
      throw clientError(`${first.message}${where}${more}`, body.errors, response.status);
    }
    if (body.data === undefined || body.data === null) {
      throw new ThreatGraphClientError(`${this.endpoint} answered HTTP ${response.status} without data`, [], response.status);
    }
    return body.data;
  }

  /**
   * Every node of a paged connection: runs `document` with `after` set to each page's endCursor
   * until the last page. `pick` finds the connection in a result.
   */
  async *paginate<TResult, TVariables extends { after?: string | null }, TNode>(
    document: TypedDocumentNode<TResult, TVariables>,
    variables: TVariables,
    pick: (result: TResult) => ConnectionLike<TNode>,
  ): AsyncGenerator<TNode> {
    let after: string | null | undefined = variables.after;
    for (;;) {
      const page = pick(await this.request(document, { ...variables, after }));
      for (const edge of page.edges) yield edge.node;
      if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor || page.pageInfo.endCursor === after) return;
      after = page.pageInfo.endCursor;
    }
  }

  /** Every entity whose name or alias matches `text`, best first, 100 a page. */
  searchAll(text: string, types?: EntityType[]): AsyncGenerator<SearchPageQuery['search']['edges'][number]['node']> {
    return this.paginate(SearchPageDocument, { text, types: types ?? null, first: 100 }, (r) => r.search);
  }

  // Curation (analyst role; ingestArticle: ingestor). Each resolves to the mutation's result.
  async ingestArticle(input: IngestArticleMutationVariables['input']) {
    return (await this.request(IngestArticleDocument, { input })).ingestArticle;
  }
  async mergeEntities(keep: string, remove: string, reason?: string) {
    return (await this.request(MergeEntitiesDocument, { keep, remove, reason: reason ?? null })).mergeEntities;
  }
  async splitEntity(mergeId: string) {
    return (await this.request(SplitEntityDocument, { mergeId })).splitEntity;
  }
  async addAlias(entity: string, alias: string) {
    return (await this.request(AddAliasDocument, { entity, alias })).addAlias;
  }
  async setRelationStatus(id: string, status: RelationStatus, note?: string) {
    return (await this.request(SetRelationStatusDocument, { id, status, note: note ?? null })).setRelationStatus;
  }
  async addRelation(input: AddRelationMutationVariables['input']) {
    return (await this.request(AddRelationDocument, { input })).addRelation;
  }
  /** A STIX 2.1 bundle (JSON text) into the graph (ingestor role). */
  async importStix(bundle: string, name?: string) {
    return (await this.request(ImportStixDocument, { bundle, name: name ?? null })).importStix;
  }
  /** The graph, or one entity's neighbourhood, as export files. */
  async export(format: ExportFormat, options: { entity?: string; depth?: number; cooccurrence?: boolean } = {}) {
    const scope = options.entity ? { entity: options.entity, depth: options.depth ?? 1 } : null;
    return (await this.request(ExportDocument, { format, scope, cooccurrence: options.cooccurrence ?? false })).export;
  }
}

export * from './generated.js';
