// Limits on what one operation may ask: depth, cost, aliases, directives and tokens
// (graphql-armor), checked before execution. The graph work behind traversals and how many run
// at once are bounded in work.ts; page sizes are capped where arguments are read
// (src/graph/queries/common.ts) and every database call has the executor's timeout.
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import type { GraphQLError } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import type { WorkOptions } from './work.js';

export interface LimitsOptions extends WorkOptions {
  /** Deepest selection. @default 15 */
  maxDepth?: number;
  /** graphql-armor's cost (objects 2, scalars 1, times depth). @default 150000 */
  maxCost?: number;
  /** @default 15 */
  maxAliases?: number;
  /** @default 50 */
  maxDirectives?: number;
  /** Tokens in the query text. @default 3000 */
  maxTokens?: number;
}

/**
 * graphql-armor words a refusal as a "Syntax Error" with no code, which yoga answers with 200:
 * it leaves instead as QUERY_TOO_COMPLEX (400), the limit named.
 */
function refuse(_context: unknown, error: GraphQLError): never {
  throw createGraphQLError(`[threatgraph] [api] ${error.message.replace(/^Syntax Error: /, '')}`, {
    extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } },
  });
}

/**
 * graphql-js gives up checking that many fields of one name can merge ("Validation aborted.",
 * e.g. a thousand `health` fields): say so, as a refusal of the query's size.
 */
function explainAbortedValidation(): Plugin {
  return {
    onValidate() {
      return ({ result, setResult }) => {
        if (!result.some((e) => e.message === 'Validation aborted.')) return;
        setResult([
          createGraphQLError(
            '[threatgraph] [api] the query repeats too many fields for them to be checked (graphql-js gave up comparing them); ask for each field once',
            {
              extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } },
            },
          ),
        ]);
      };
    },
  };
}

export function useLimits(options: LimitsOptions = {}): Plugin {
  const onReject = [refuse];
  const armor = EnvelopArmorPlugin({
    maxDepth: { n: options.maxDepth ?? 15, ignoreIntrospection: true, flattenFragments: true, onReject },
    costLimit: { maxCost: options.maxCost ?? 150_000, ignoreIntrospection: true, onReject },
    maxAliases: { n: options.maxAliases ?? 15, onReject },
    maxDirectives: { n: options.maxDirectives ?? 50, onReject },
    maxTokens: { n: options.maxTokens ?? 3000, onReject },
    // Suggestions ("did you mean ...") help developers; keep them (the schema is public anyway).
    blockFieldSuggestion: { enabled: false },
  }) as Plugin;
  return {
    onPluginInit({ addPlugin }) {
      addPlugin(armor);
      addPlugin(explainAbortedValidation());
    },
  };
}
