// `threatgraph neighbours NAME [--depth N] [--type T]`: the entities within N hops of one
// entity, nearest first, each with the relations that reach it.
import { Command } from 'commander';
import { NeighbourhoodDocument, type RelationType } from '../client/generated.js';
import { ThreatGraphError } from '../errors.js';
import { GRAPH_RELATION_TYPES } from '../ontology.js';
import { entityTypeOption, intOption, type ReadOptions, readOptions, resolveEntity, withApi } from './api-session.js';
import { outputFormat, printRows } from './output.js';

function relationTypes(values: string[]): RelationType[] | null {
  if (values.length === 0) return null;
  const known: readonly string[] = GRAPH_RELATION_TYPES;
  return values.map((v) => {
    const found = known.find((k) => k === v.toUpperCase());
    if (!found) throw new ThreatGraphError('cli', `--relation must be one of ${known.join(', ')}, got "${v}"`);
    return found as RelationType;
  });
}

export function neighboursCommand(): Command {
  return readOptions(
    new Command('neighbours')
      .alias('neighbors')
      .description('the entities within N hops of an entity, nearest first, with the relations that reach them')
      .argument('<name>', "the entity's name, an alias, or its id")
      .option('--depth <n>', 'hops from the entity, 1 to 3', '1')
      .option('--type <type>', 'only neighbours of this type (Actor, State, Group, Case, Place)')
      .option('--relation <type>', 'follow only this relation type (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
      .option('--limit <n>', 'at most this many entities, 1 to 500', '200'),
  )
    .addHelpText(
      'after',
      '\nExamples:\n  npx threatgraph neighbours Russia --type Group\n  npx threatgraph neighbours "Islamic State" --depth 2 --relation MEMBER_OF',
    )
    .action(async (name: string, options: ReadOptions & { depth: string; type?: string; relation: string[]; limit: string }) => {
      const format = outputFormat(options);
      const depth = intOption('--depth', options.depth, 1, 3, 1);
      const limit = intOption('--limit', options.limit, 1, 500, 200);
      const type = entityTypeOption(options.type);
      const relations = relationTypes(options.relation);
      await withApi(options, async ({ client }) => {
        const centre = await resolveEntity(client, 'neighbours', name);
        const { neighbourhood } = await client.request(NeighbourhoodDocument, {
          id: centre.id,
          depth,
          limit,
          entityTypes: type ? [type] : null,
          relationTypes: relations,
        });
        // Hops from the centre over the returned edges (breadth first), and the links that reach each node.
        const hops = new Map([[centre.id, 0]]);
        const via = new Map<string, string[]>();
        const names = new Map(neighbourhood.nodes.map((n) => [n.id, n.name]));
        for (let frontier = [centre.id]; frontier.length > 0;) {
          const next: string[] = [];
          for (const e of neighbourhood.edges) {
            for (const [from, to, arrow] of [
              [e.source.id, e.target.id, '->'],
              [e.target.id, e.source.id, '<-'],
            ] as const) {
              if (!frontier.includes(from) || (hops.has(to) && hops.get(to) !== hops.get(from)! + 1)) continue;
              if (!hops.has(to)) {
                hops.set(to, hops.get(from)! + 1);
                next.push(to);
              }
              // Read from the nearer entity: "Russia -USES_PROXY->", "Russia <-LOCATED_IN-".
              via.set(to, [...(via.get(to) ?? []), `${names.get(from) ?? from} ${arrow === '->' ? `-${e.type}->` : `<-${e.type}-`}`]);
            }
          }
          frontier = next;
        }
        const nodes = neighbourhood.nodes
          .filter((n) => n.id !== centre.id)
          .map((n) => ({ node: n, hops: hops.get(n.id) ?? null }))
          .sort((a, b) => (a.hops ?? 99) - (b.hops ?? 99) || b.node.mentionCount - a.node.mentionCount || a.node.name.localeCompare(b.node.name));
        const rows = nodes.map(({ node, hops: h }) => ({
          hops: h,
          name: node.name,
          type: node.type,
          kind: 'groupKind' in node ? node.groupKind : 'caseKind' in node ? node.caseKind : null,
          mentions: node.mentionCount,
          via: via.get(node.id) ?? [],
          id: node.id,
        }));
        if (format === 'table')
          console.log(
            `${rows.length} neighbours of ${centre.name} within ${depth} hop${depth > 1 ? 's' : ''}${neighbourhood.truncated ? ' (cut at --limit)' : ''}:`,
          );
        printRows(
          format,
          rows,
          [{ key: 'hops' }, { key: 'name', max: 45 }, { key: 'type' }, { key: 'kind' }, { key: 'mentions' }, { key: 'via', max: 70 }, { key: 'id', max: 50 }],
          { centre, depth, truncated: neighbourhood.truncated, neighbours: rows, edges: neighbourhood.edges },
        );
      });
    });
}
