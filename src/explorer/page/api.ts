// The page's only way to data: POST /graphql. Every failure becomes an ApiError whose
// message an analyst can read (network down, HTTP error, GraphQL errors).
export const GRAPHQL_ENDPOINT = '/graphql';
const API_KEY_STORAGE = 'threatgraph.apiKey';

export type ApiErrorKind = 'network' | 'http' | 'graphql';

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The API key this tab sends (kept for the tab's session only), or null for the server's default role. */
export function apiKey(): string | null {
  try {
    return sessionStorage.getItem(API_KEY_STORAGE);
  } catch {
    return null;
  }
}

export function setApiKey(key: string | null): void {
  try {
    if (key) sessionStorage.setItem(API_KEY_STORAGE, key);
    else sessionStorage.removeItem(API_KEY_STORAGE);
  } catch {
    // Storage refused (private mode): the key lasts until reload.
  }
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** Runs one GraphQL operation; resolves with `data` or rejects with an ApiError. */
export async function gql<T>(query: string, variables: Record<string, unknown> = {}, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json, application/json',
  };
  const key = apiKey();
  if (key) headers.authorization = `Bearer ${key}`;
  let response: Response;
  try {
    response = await fetch(GRAPHQL_ENDPOINT, { method: 'POST', headers, body: JSON.stringify({ query, variables }), signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError('network', 'Cannot reach the ThreatGraph server: is `threatgraph serve` still running?');
  }
  const text = await response.text();
  let body: GraphQLResponse<T> | undefined;
  try {
    body = JSON.parse(text) as GraphQLResponse<T>;
  } catch {
    body = undefined;
  }
  if (body?.errors?.length) {
    const messages = [...new Set(body.errors.map((e) => e.message))].join('; ');
    throw new ApiError('graphql', `The server could not answer: ${messages}`);
  }
  if (!response.ok || !body || body.data == null) {
    const detail = text.trim().slice(0, 160);
    throw new ApiError(
      'http',
      `The server failed (HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''})${detail ? `: ${detail}` : ''}`,
    );
  }
  return body.data;
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
