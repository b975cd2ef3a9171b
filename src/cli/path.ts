// `threatgraph path FROM TO`: how two entities are connected, each link printed with the
// sentence (and article) behind it, so every step of the chain can be checked.
import { Command } from 'commander';
import { PathsDocument, type PathsQuery } from '../client/generated.js';
import { evidenceCells, evidenceLines } from './output.js';
import { routeCommand } from './route.js';

type Path = PathsQuery['paths'][number];

/** One row per link: the link in path order, with the arrow following the relation's direction. */
function steps(path: Path) {
  return path.relations.map((r, i) => {
    const from = path.nodes[i]!;
    const to = path.nodes[i + 1]!;
    const forward = r.source.id === from.id;
    const evidence = r.evidence.edges[0]?.node;
    return {
      from: from.name,
      link: forward ? `-[${r.type}]->` : `<-[${r.type}]-`,
      to: to.name,
      relation: r.type,
      confidence: r.confidence,
      claim: r.claim?.toLowerCase() ?? null,
      sentences: r.evidence.totalCount,
      ...evidenceCells(evidence),
    };
  });
}

export function pathCommand(): Command {
  return routeCommand<{ strongest?: boolean }, Path>(
    {
      name: 'path',
      description: 'paths between two entities, with the sentence behind every link',
      ends: { from: 'the entity the paths start from', to: 'the entity the paths end at' },
      routes: { noun: 'path', hop: 'relation', limit: 5 },
      csvRow: 'one row per link',
      examples: ['Russia "parcel fires"', 'Iran "Hells Angels" --strongest --max-hops 3'],
    },
    async ({ client, from, to, maxHops, limit, options }) => {
      const end = to!; // <to> is required
      const strategy = options.strongest ? 'STRONGEST' : 'ALL_SHORTEST';
      const { paths } = await client.request(PathsDocument, { from: from.id, to: end.id, maxHops, limit, strategy });
      return {
        routes: paths,
        keys: { routes: 'paths', rows: 'steps' },
        rows: steps,
        none: `no path from ${from.name} to ${end.name} within ${maxHops} hops`,
        text: () => {
          const out = [
            `${paths.length} path${paths.length > 1 ? 's' : ''} from ${from.name} to ${end.name} (${options.strongest ? 'strongest' : 'shortest'} first):`,
            '',
          ];
          paths.forEach((p, i) => {
            const chain = steps(p);
            out.push(`${i + 1}. ${[chain[0]?.from ?? from.name, ...chain.map((s) => `${s.link} ${s.to}`)].join(' ')}`);
            out.push(`   ${p.length} hop${p.length > 1 ? 's' : ''}, score ${p.score.toFixed(3)}`);
            for (const s of chain) {
              out.push(
                `   ${s.from} ${s.link} ${s.to}  (confidence ${s.confidence.toFixed(2)}${s.claim ? `, ${s.claim}` : ''}, ${s.sentences} sentence${s.sentences === 1 ? '' : 's'})`,
              );
              out.push(...evidenceLines(s));
            }
            out.push('');
          });
          return out;
        },
      };
    },
  ).option('--strongest', 'rank paths by the evidence behind their links instead of taking the shortest');
}
