// Limits on what one operation may ask: depth, cost, aliases, directives and tokens
// (graphql-armor), checked before execution. Page sizes are capped where arguments are read
// (src/graph/queries/common.ts) and every database call has the executor's timeout.
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import type { Plugin } from 'graphql-yoga';

export interface LimitsOptions {
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

export function useLimits(options: LimitsOptions = {}): Plugin {
  return EnvelopArmorPlugin({
    maxDepth: { n: options.maxDepth ?? 15, ignoreIntrospection: true, flattenFragments: true },
    costLimit: { maxCost: options.maxCost ?? 150_000, ignoreIntrospection: true },
    maxAliases: { n: options.maxAliases ?? 15 },
    maxDirectives: { n: options.maxDirectives ?? 50 },
    maxTokens: { n: options.maxTokens ?? 3000 },
    // Suggestions ("did you mean ...") help developers; keep them (the schema is public anyway).
    blockFieldSuggestion: { enabled: false },
  }) as Plugin;
}
