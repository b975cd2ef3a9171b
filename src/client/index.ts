// A small typed client for scripts: sends operations to ThreatGraph's GraphQL API with result
// and variable types generated from schema.graphql (src/client/generated.ts, `npm run codegen`).
//
//   import { ThreatGraphClient } from '../src/client/index.js';
//   import { SearchEntitiesDocument } from '../src/client/generated.js';
//   const client = new ThreatGraphClient({ endpoint: 'http://localhost:4000/graphql' });
//   const { search } = await client.request(SearchEntitiesDocument, { text: 'Wagner' });
//
// `fetch` can be any fetch-compatible function: the CLI passes an in-process yoga's fetch, so
// scripts, the CLI and tests run the very same operations analysts send over HTTP.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';
import { ThreatGraphError } from '../errors.js';

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
  constructor(message: string, readonly errors: GraphQLErrorShape[] = [], readonly status?: number, options?: { cause?: unknown }) {
    super('client', message, { cause: options?.cause, code: errors[0]?.extensions?.code ?? (status ? `HTTP_${status}` : 'CLIENT_ERROR') });
    this.name = 'ThreatGraphClientError';
  }
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
      throw new ThreatGraphClientError(`no answer from ${this.endpoint}: ${(error as Error).message} (is \`npx threatgraph serve\` running?)`, [], undefined, { cause: error });
    }
    const text = await response.text();
    let body: { data?: TResult | null; errors?: GraphQLErrorShape[] };
    try {
      body = JSON.parse(text);
    } catch {
      throw new ThreatGraphClientError(`${this.endpoint} answered HTTP ${response.status} with something that is not GraphQL JSON: ${text.slice(0, 120)}`, [], response.status);
    }
    if (body.errors?.length) {
      const first = body.errors[0]!;
      const where = first.path?.length ? ` (at ${first.path.join('.')})` : '';
      const more = body.errors.length > 1 ? ` (+${body.errors.length - 1} more)` : '';
      throw new ThreatGraphClientError(`${first.message}${where}${more}`, body.errors, response.status);
    }
    if (body.data === undefined || body.data === null) {
      throw new ThreatGraphClientError(`${this.endpoint} answered HTTP ${response.status} without data`, [], response.status);
    }
    return body.data;
  }
}
