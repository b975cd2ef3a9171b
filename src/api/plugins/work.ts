// Bounds on the work behind an operation, beyond its size (limits.ts): the traversals' cost
// grows with hops × fan-out, which graphql-armor's per-field cost cannot see, and a caller may
// not run more than a few of them at once, nor keep more than a few `watch` streams open.
// Checked before anything runs, from the arguments' values (variables included); every alias
// of an expensive field counts on its own.
import { Kind, type FieldNode, type GraphQLSchema, type OperationDefinitionNode, type ValueNode } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import type { ApiContext } from '../context.js';
import { rootFieldNodes, selectedOperation } from './auth.js';

export interface WorkOptions {
  /** Most estimated work units per operation (see WORK). @default 20000 */
  maxWork?: number;
  /** Traversals (paths, traverse, neighbourhood, attribution) one caller may run at once. @default 4 */
  maxConcurrentPerCaller?: number;
  /** Open `watch` subscriptions per caller. @default 5 */
  maxWatchesPerCaller?: number;
  /** Open `watch` subscriptions in all (each polls the graph every second). @default 20 */
  maxWatches?: number;
}

/** Entities one step is assumed to reach from each entity: typed relations are few per entity, co-occurrences many. */
const TYPED_FAN_OUT = 10;
const ASSOCIATED_FAN_OUT = 100;
/** One hop of a shortest-path search (which explores breadth-first from both ends). */
const PATH_HOP = 1000;
/** One hop of an attribution chain: a few relation types, followed one way. */
const ATTRIBUTION_FAN_OUT = 5;
/** Starting from a State and its organs: a State has a few. */
const ORGANS = 5;

type Args = Record<string, unknown>;
// GraphQL lets a single value stand for a list of one.
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value == null ? [] : [value]);
const overAssociations = (types: unknown) => list(types).includes('ASSOCIATED_WITH');
const int = (value: unknown, fallback: number) => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);

/**
 * Estimated work of each expensive root field, from its arguments (the resolvers' defaults when
 * absent; out-of-range values are the resolvers' to refuse, so they are clamped here).
 */
export const WORK: Record<string, (args: Args) => number> = {
  traverse: (args) => {
    const steps = list(args.steps) as (Args | null)[];
    const fanOut = steps.reduce((w, step) => w * (overAssociations(step?.relationTypes) ? ASSOCIATED_FAN_OUT : TYPED_FAN_OUT), 1);
    return fanOut * (args.withOrgans ? ORGANS : 1);
  },
  paths: (args) => Math.min(6, Math.max(1, int(args.maxHops, 4))) * PATH_HOP * (overAssociations(args.relationTypes) ? ASSOCIATED_FAN_OUT / TYPED_FAN_OUT : 1),
  neighbourhood: (args) =>
    Math.min(3, Math.max(1, int(args.depth, 1))) * Math.min(500, Math.max(1, int(args.limit, 200))) * (overAssociations(args.relationTypes) ? 2 : 1),
  attribution: (args) => ATTRIBUTION_FAN_OUT ** Math.min(6, Math.max(1, int(args.maxHops, 4))),
};

function tooComplex(message: string) {
  return createGraphQLError(`[threatgraph] [api] ${message}`, { extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } } });
}

function tooMany(message: string) {
  return createGraphQLError(`[threatgraph] [api] ${message}`, {
    extensions: { code: 'TOO_MANY_REQUESTS', http: { status: 429, headers: { 'Retry-After': '1' } } },
  });
}

interface Planned {
  field: string;
  work: number;
}

/**
 * An argument's value as plain data, variables (as sent, or their defaults) put in. Read without
 * graphql-js's coercion, whose type checks fail when the schema was built by another copy of
 * graphql (as in tests); what is wrongly typed is refused by execution itself.
 */
function valueOf(node: ValueNode, variables: Record<string, unknown>): unknown {
  switch (node.kind) {
    case Kind.VARIABLE:
      return variables[node.name.value];
    case Kind.INT:
      return Number.parseInt(node.value, 10);
    case Kind.FLOAT:
      return Number.parseFloat(node.value);
    case Kind.STRING:
    case Kind.ENUM:
      return node.value;
    case Kind.BOOLEAN:
      return node.value;
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return node.values.map((v) => valueOf(v, variables));
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((f) => [f.name.value, valueOf(f.value, variables)]));
  }
}

/** The expensive root fields an operation selects, each alias once, with its estimated work. */
function plan(schema: GraphQLSchema, operation: OperationDefinitionNode, fields: FieldNode[], sent: Record<string, unknown> | undefined): Planned[] {
  const root = operation.operation === 'query' ? schema.getQueryType() : null;
  if (!root) return [];
  const variables: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    variables[name] = sent && name in sent ? sent[name] : definition.defaultValue ? valueOf(definition.defaultValue, {}) : undefined;
  }
  const out: Planned[] = [];
  for (const node of fields) {
    const estimate = WORK[node.name.value];
    const definition = root.getFields()[node.name.value];
    if (!estimate || !definition) continue;
    const args: Args = {};
    for (const arg of definition.args) {
      const given = node.arguments?.find((a) => a.name.value === arg.name);
      args[arg.name] = given ? valueOf(given.value, variables) : arg.defaultValue;
    }
    out.push({ field: node.alias ? `${node.alias.value}: ${node.name.value}` : node.name.value, work: estimate(args) });
  }
  return out;
}

/** Counts per caller (and in all) of something held, with a ceiling each. */
class Slots {
  private readonly held = new Map<string, number>();
  total = 0;
  constructor(
    private readonly perCaller: number,
    private readonly overall = Infinity,
  ) {}
  count(caller: string): number {
    return this.held.get(caller) ?? 0;
  }
  /** Takes n for the caller, or says which ceiling it would pass. */
  take(caller: string, n: number): 'caller' | 'total' | null {
    if (this.count(caller) + n > this.perCaller) return 'caller';
    if (this.total + n > this.overall) return 'total';
    this.held.set(caller, this.count(caller) + n);
    this.total += n;
    return null;
  }
  give(caller: string, n: number): void {
    const left = this.count(caller) - n;
    if (left > 0) this.held.set(caller, left);
    else this.held.delete(caller);
    this.total -= n;
  }
}

export function useWork(options: WorkOptions = {}): Plugin<ApiContext> {
  const maxWork = options.maxWork ?? 20_000;
  const perCaller = options.maxConcurrentPerCaller ?? 4;
  const running = new Slots(perCaller);
  const watchesPerCaller = options.maxWatchesPerCaller ?? 5;
  const maxWatches = options.maxWatches ?? 20;
  const watches = new Slots(watchesPerCaller, maxWatches);
  return {
    onExecute({ args, executeFn, setExecuteFn, setResultAndStopExecution }) {
      const caller = args.contextValue.caller;
      const operation = selectedOperation(args.document, args.operationName);
      if (caller.role === null || !operation) return; // useRoles answers these
      const planned = plan(args.schema, operation, rootFieldNodes(args.document, operation), args.variableValues as Record<string, unknown> | undefined);
      if (planned.length === 0) return;
      const total = planned.reduce((sum, p) => sum + p.work, 0);
      if (total > maxWork) {
        const worst = [...planned].sort((a, b) => b.work - a.work)[0]!;
        setResultAndStopExecution({
          errors: [
            tooComplex(
              `the query would do about ${total.toLocaleString('en')} units of graph work, more than the ${maxWork.toLocaleString('en')} allowed (${worst.field}: ${worst.work.toLocaleString('en')}; a traverse step costs ×${TYPED_FAN_OUT}, ×${ASSOCIATED_FAN_OUT} over ASSOCIATED_WITH, paths ${PATH_HOP} a hop); use fewer steps or hops, or split the query`,
            ),
          ],
        });
        return;
      }
      const who = caller.name;
      if (running.take(who, planned.length)) {
        setResultAndStopExecution({
          errors: [
            tooMany(
              `${planned.map((p) => p.field).join(', ')}: ${planned.length} more traversals (paths, traverse, neighbourhood, attribution; each alias counts) than a caller may run at once (${perCaller}, ${running.count(who)} running now); ask for fewer, or retry when those finish`,
            ),
          ],
        });
        return;
      }
      // Given back once: after execution (or its failure), or when a later plugin stops it first.
      let released = false;
      const release = () => {
        if (!released) {
          released = true;
          running.give(who, planned.length);
        }
      };
      setExecuteFn(async (executeArgs) => {
        try {
          return await executeFn(executeArgs);
        } finally {
          release();
        }
      });
      return { onExecuteDone: release };
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const caller = args.contextValue.caller;
      const operation = selectedOperation(args.document, args.operationName);
      if (caller.role === null || !operation) return;
      const n = rootFieldNodes(args.document, operation).filter((f) => f.name.value === 'watch').length;
      if (n === 0) return;
      const who = caller.name;
      const refused = watches.take(who, n);
      if (refused) {
        setResultAndStopExecution({
          errors: [
            tooMany(
              refused === 'caller'
                ? `watch: a caller may keep ${watchesPerCaller} subscriptions open and ${watches.count(who)} are; close one first`
                : `watch: the server keeps at most ${maxWatches} subscriptions open and all are taken; retry later`,
            ),
          ],
        });
        return;
      }
      let released = false;
      const release = () => {
        if (!released) {
          released = true;
          watches.give(who, n);
        }
      };
      return {
        onSubscribeResult({ result }) {
          if (!(Symbol.asyncIterator in Object(result))) {
            release();
            return;
          }
          return { onEnd: release };
        },
        onSubscribeError: release,
      };
    },
  };
}
