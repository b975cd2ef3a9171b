// `threatgraph path FROM TO`: how two entities are connected, each link printed with the
// sentence (and article) behind it, so every step of the chain can be checked.
import { Command } from 'commander';
import { PathsDocument, type PathsQuery } from '../client/generated.js';
import { type ReadOptions, readOptions, routeBounds, routeEnds, routeOptions, type RouteWords, withApi } from './api-session.js';
import { evidenceCells, evidenceLines, outputFormat, printJson, renderCsv } from './output.js';

type Path = PathsQuery['paths'][number];

const PATHS: RouteWords = { route: 'path', hop: 'relation', limit: 5 };

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
  return readOptions(routeOptions(new Command('path')
    .description('paths between two entities, with the sentence behind every link')
    .argument('<from>', 'name, alias or id of the entity the paths start from')
    .argument('<to>', 'name, alias or id of the entity the paths end at')
    .option('--strongest', 'rank paths by the evidence behind their links instead of taking the shortest'), PATHS), 'one row per link')
    .addHelpText('after', '\nExamples:\n  npx threatgraph path Russia "parcel fires"\n  npx threatgraph path Iran "Hells Angels" --strongest --max-hops 3')
    .action(async (fromName: string, toName: string, options: ReadOptions & { maxHops: string; strongest?: boolean; limit: string }) => {
      const format = outputFormat(options);
      const { maxHops, limit } = routeBounds(options, PATHS);
      await withApi(options, async ({ client }) => {
        const { from, to } = await routeEnds(client, 'path', fromName, toName);
        const { paths } = await client.request(PathsDocument, {
          from: from.id, to: to.id, maxHops, limit, strategy: options.strongest ? 'STRONGEST' : 'ALL_SHORTEST',
        });
        if (format === 'json') return printJson({ from, to, paths: paths.map((p) => ({ ...p, steps: steps(p) })) });
        if (format === 'csv') {
          return void process.stdout.write(renderCsv(paths.flatMap((p, i) => steps(p).map((s, j) => ({ path: i + 1, step: j + 1, ...s })))));
        }
        if (paths.length === 0) {
          console.log(`no path from ${from.name} to ${to.name} within ${maxHops} hops`);
          return;
        }
        const out = [`${paths.length} path${paths.length > 1 ? 's' : ''} from ${from.name} to ${to.name} (${options.strongest ? 'strongest' : 'shortest'} first):`, ''];
        paths.forEach((p, i) => {
          const chain = steps(p);
          out.push(`${i + 1}. ${[chain[0]?.from ?? from.name, ...chain.map((s) => `${s.link} ${s.to}`)].join(' ')}`);
          out.push(`   ${p.length} hop${p.length > 1 ? 's' : ''}, score ${p.score.toFixed(3)}`);
          for (const s of chain) {
            out.push(`   ${s.from} ${s.link} ${s.to}  (confidence ${s.confidence.toFixed(2)}${s.claim ? `, ${s.claim}` : ''}, ${s.sentences} sentence${s.sentences === 1 ? '' : 's'})`);
            out.push(...evidenceLines(s));
          }
          out.push('');
        });
        process.stdout.write(out.join('\n'));
      });
    });
}
