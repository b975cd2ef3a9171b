// Errors clients can act on keep their message and get a code and HTTP status; anything
// unexpected is masked ("Unexpected error.") and logged on the server.
import type { ExecutionResult, GraphQLError } from 'graphql';
import { createGraphQLError, maskError as yogaMaskError, type Plugin, type YogaMaskedErrorOpts } from 'graphql-yoga';
import { ThreatGraphError } from '../../errors.js';

/** ThreatGraphError codes that are the client's to fix, with their code and HTTP status. */
const CLIENT_ERRORS: Record<string, { code: string; status: number }> = {
  BAD_USER_INPUT: { code: 'BAD_USER_INPUT', status: 400 },
  NOT_FOUND: { code: 'NOT_FOUND', status: 404 },
  CONFLICT: { code: 'CONFLICT', status: 409 },
  NEO4J_TIMEOUT: { code: 'TIMEOUT', status: 504 },
  NEO4J_UNAVAILABLE: { code: 'SERVICE_UNAVAILABLE', status: 503 },
};

/**
 * What a client that is not admin is told instead of the executor's message, which names the
 * database's address and how to start it (the server's business, not a reader's).
 */
const REDACTED: Record<string, string> = {
  NEO4J_UNAVAILABLE: "[threatgraph] [api] the graph database is not reachable; try again later or tell the server's administrator",
};

function clientMessage(cause: ThreatGraphError, admin: boolean): string {
  return admin ? cause.message : (REDACTED[cause.code] ?? cause.message);
}

function threatGraphCause(error: unknown): ThreatGraphError | null {
  let current: unknown = error;
  for (let i = 0; i < 5 && current; i++) {
    if (current instanceof ThreatGraphError) return current;
    current = (current as { originalError?: unknown; cause?: unknown }).originalError ?? (current as { cause?: unknown }).cause;
  }
  return null;
}

export function maskError(error: unknown, message: string, isDev?: boolean): Error {
  const cause = threatGraphCause(error);
  const known = cause ? CLIENT_ERRORS[cause.code] : undefined;
  if (cause && known) {
    // Duck-typed: the ESM and CommonJS copies of graphql do not share GraphQLError.
    const path = (error as { path?: readonly (string | number)[] }).path;
    return createGraphQLError(clientMessage(cause, false), { path, extensions: { code: known.code, http: { status: known.status } } });
  }
  return yogaMaskError(error, message, isDev);
}

export function errorMasking(): YogaMaskedErrorOpts {
  return { maskError, errorMessage: 'Unexpected error.' };
}

/** The typed client error for an expected failure, or null for anything else. */
export function clientError(error: unknown, admin = false): Error | null {
  const cause = threatGraphCause(error);
  const known = cause ? CLIENT_ERRORS[cause.code] : undefined;
  return cause && known ? createGraphQLError(clientMessage(cause, admin), { extensions: { code: known.code, http: { status: known.status } } }) : null;
}

type Resolver = (...args: unknown[]) => unknown;

/**
 * Wraps every field resolver so expected failures leave as typed client errors before yoga
 * sees them: they are neither masked nor logged as server errors. A resolver that answers at
 * once still does: made async, each of a neighbourhood's thousand edges' source, target and
 * confidence became a promise for the executor to wait on.
 */
export function withClientErrors<T extends Record<string, unknown>>(resolvers: T): T {
  const wrap =
    (fn: Resolver): Resolver =>
    (...args) => {
      const typed = (error: unknown): never => {
        const caller = (args[2] as { caller?: { role: string | null } } | undefined)?.caller;
        throw clientError(error, caller?.role === 'admin') ?? error;
      };
      try {
        const result = fn(...args);
        return typeof (result as PromiseLike<unknown> | null)?.then === 'function' ? Promise.resolve(result).catch(typed) : result;
      } catch (error) {
        return typed(error);
      }
    };
  const out: Record<string, unknown> = {};
  for (const [typeName, fields] of Object.entries(resolvers)) {
    if (typeName === 'Subscription' || !fields || typeof fields !== 'object') {
      out[typeName] = fields;
      continue;
    }
    const wrapped: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(fields as Record<string, unknown>)) {
      wrapped[field] = typeof value === 'function' && !field.startsWith('__') ? wrap(value as Resolver) : value;
    }
    out[typeName] = wrapped;
  }
  return out as T;
}

/** The same error with other extensions. */
function withExtensions(error: GraphQLError, extensions: Record<string, unknown>): GraphQLError {
  return createGraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions,
  });
}

/**
 * The HTTP shape of results, as GraphQL over HTTP asks: a response that carries data is 2xx,
 * so a field's error keeps its code but gives up its status; graphql-js's own errors for
 * variables of the wrong type get BAD_USER_INPUT (400) like every other bad argument.
 */
export function useResultShapes(): Plugin {
  const shape = (result: ExecutionResult): ExecutionResult => {
    if (!result.errors?.length) return result;
    const hasData = result.data !== null && result.data !== undefined;
    const errors = result.errors.map((error) => {
      const { http, ...extensions } = (error.extensions ?? {}) as Record<string, unknown>;
      if (hasData && http) return withExtensions(error, extensions);
      if (!hasData && !extensions.code && /^Variable "\$/.test(error.message)) {
        return withExtensions(error, { ...extensions, code: 'BAD_USER_INPUT', http: { status: 400 } });
      }
      return error;
    });
    return { ...result, errors };
  };
  return {
    // After masking (which gives typed errors their status back), before the status is chosen.
    onResultProcess({ result, setResult }) {
      if (Symbol.asyncIterator in result) return;
      setResult(Array.isArray(result) ? result.map((r) => shape(r as ExecutionResult)) : shape(result as ExecutionResult));
    },
  };
}
