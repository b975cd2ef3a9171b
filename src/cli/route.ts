// What `path` and `tied` share: two entities (the second may be left open), routes of links
// between them bounded by --max-hops and --limit, printed as JSON, CSV (one row per link) or
// numbered text. Each command says only how it finds its routes and how one reads.
import { Command } from 'commander';
import type { ThreatGraphClient } from '../client/index.js';
import { ThreatGraphError } from '../errors.js';
import { intOption, type ReadOptions, readOptions, resolveEntity, withApi } from './api-session.js';
import { outputFormat, printJson, renderCsv } from './output.js';

type Entity = Awaited<ReturnType<typeof resolveEntity>>;

export interface RouteCommandSpec {
  name: string;
  description: string;
  /**
   * What the two ends name ("the entity the paths start from"); with `toDefault` (what an open
   * end stands for), `[to]` may be left open, else `<to>` is required.
   */
  ends: { from: string; to: string; toDefault?: string };
  /** What --max-hops and --limit speak of: what one route and one hop are called ("path", "relation"), and how many routes are listed by default. */
  routes: { noun: string; hop: string; limit: number };
  /** What one CSV row is. */
  csvRow: string;
  examples: string[];
}

export interface RouteRequest<O> {
  client: ThreatGraphClient;
  from: Entity;
  to: Entity | null;
  maxHops: number;
  limit: number;
  options: ReadOptions & O;
}

/** The routes a command found, how each splits into rows (one per link), and its text. */
export interface RoutesFound<R> {
  routes: R[];
  /** JSON: the key of the routes ("paths") and of each route's rows ("steps"). */
  keys: { routes: string; rows: string };
  rows: (route: R) => Record<string, unknown>[];
  /** The line printed when there is no route. */
  none: string;
  /** The text output when there are routes. */
  text: () => string[];
}

export function routeCommand<O extends object, R extends object>(spec: RouteCommandSpec, find: (request: RouteRequest<O>) => Promise<RoutesFound<R>>): Command {
  const { ends } = spec;
  const command = new Command(spec.name)
    .description(spec.description)
    .argument('<from>', `name, alias or id of ${ends.from}`)
    .argument(ends.toDefault ? '[to]' : '<to>', `name, alias or id of ${ends.to}${ends.toDefault ? ` (default: ${ends.toDefault})` : ''}`)
    .option('--max-hops <n>', `longest ${spec.routes.noun}, 1 to 6 ${spec.routes.hop}s`, '4')
    .option('--limit <n>', `at most this many ${spec.routes.noun}s, 1 to 50`, String(spec.routes.limit));
  return readOptions(command, spec.csvRow)
    .addHelpText('after', `\nExamples:\n${spec.examples.map((e) => `  npx threatgraph ${spec.name} ${e}`).join('\n')}`)
    .action(async (fromName: string, toName: string | undefined, options: ReadOptions & O & { maxHops: string; limit: string }) => {
      const format = outputFormat(options);
      const maxHops = intOption('--max-hops', options.maxHops, 1, 6, 4);
      const limit = intOption('--limit', options.limit, 1, 50, spec.routes.limit);
      await withApi(options, async ({ client }) => {
        const from = await resolveEntity(client, spec.name, fromName);
        const to = toName === undefined ? null : await resolveEntity(client, spec.name, toName);
        if (to && from.id === to.id) throw new ThreatGraphError(spec.name, `"${fromName}" and "${toName}" are the same entity (${from.id})`);
        const found = await find({ client, from, to, maxHops, limit, options });
        if (format === 'json') {
          return printJson({ from, to, [found.keys.routes]: found.routes.map((r) => ({ ...r, [found.keys.rows]: found.rows(r) })) });
        }
        if (format === 'csv') {
          const rows = found.routes.flatMap((r, i) => found.rows(r).map((row, j) => ({ [spec.routes.noun]: i + 1, step: j + 1, ...row })));
          return void process.stdout.write(renderCsv(rows));
        }
        if (found.routes.length === 0) console.log(found.none);
        else process.stdout.write(found.text().join('\n'));
      });
    });
}
