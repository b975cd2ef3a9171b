// `threatgraph tied STATE [CASE]`: how a State (or group) is tied to an incident, or to every
// incident it is tied to: chains through its organs and proxies, each step with its claim,
// who asserts it, its dates and the sentence behind it.
import { Command } from 'commander';
import { AttributionDocument, type AttributionQuery } from '../client/generated.js';
import { type ReadOptions, readOptions, routeBounds, routeEnds, routeOptions, type RouteWords, withApi } from './api-session.js';
import { evidenceCells, evidenceLines, outputFormat, printJson, renderCsv } from './output.js';

type Chain = AttributionQuery['attribution'][number];

const CHAINS: RouteWords = { route: 'chain', hop: 'link', limit: 10 };

// How each role reads between the two ends of a step
const VERB: Record<Chain['steps'][number]['role'], string> = {
  ORGAN: 'has the organ',
  PROXY: 'uses as a proxy',
  SUPPORT: 'supports',
  MEMBER: 'has the member',
  RESPONSIBLE: 'is responsible for',
};

function rows(chain: Chain) {
  return chain.steps.map((s) => {
    const ev = s.evidence[0];
    return {
      from: s.from.name, role: s.role.toLowerCase(), verb: VERB[s.role], to: s.to.name, relation: s.relation.type, claim: s.claim?.toLowerCase() ?? null,
      assertedBy: s.assertedBy.join('; ') || null, firstSeen: s.firstSeen ?? null, lastSeen: s.lastSeen ?? null,
      ...evidenceCells(ev),
    };
  });
}

export function tiedCommand(): Command {
  return readOptions(routeOptions(new Command('tied')
    .description('how a State or group is tied to an incident (or to every incident): chains through its organs and proxies, with evidence')
    .argument('<from>', 'name, alias or id of the State, group or person')
    .argument('[to]', 'name, alias or id of the incident (default: every incident it is tied to)'), CHAINS), 'one row per step')
    .addHelpText('after', '\nExamples:\n  npx threatgraph tied Russia "parcel fires"\n  npx threatgraph tied Iran --max-hops 3')
    .action(async (fromName: string, toName: string | undefined, options: ReadOptions & { maxHops: string; limit: string }) => {
      const format = outputFormat(options);
      const { maxHops, limit } = routeBounds(options, CHAINS);
      await withApi(options, async ({ client }) => {
        const { from, to } = await routeEnds(client, 'tied', fromName, toName);
        const { attribution } = await client.request(AttributionDocument, { from: from.id, to: to?.id ?? null, maxHops, limit });
        if (format === 'json') return printJson({ from, to, chains: attribution.map((c) => ({ ...c, rows: rows(c) })) });
        if (format === 'csv') {
          return void process.stdout.write(renderCsv(attribution.flatMap((c, i) => rows(c).map((r, j) => ({ chain: i + 1, step: j + 1, ...r })))));
        }
        if (attribution.length === 0) {
          console.log(`${from.name} is tied to ${to ? to.name : 'no incident'} by no chain of organs, proxies and responsibility within ${maxHops} links`);
          return;
        }
        const out = [`${attribution.length} chain${attribution.length > 1 ? 's' : ''} from ${from.name} to ${to ? to.name : 'the incidents it is tied to'} (shortest, then strongest, first):`, ''];
        attribution.forEach((c, i) => {
          out.push(`${i + 1}. ${[from.name, ...c.steps.map((s) => `→ ${s.to.name}`)].join(' ')}   (${c.length} link${c.length > 1 ? 's' : ''}, score ${c.score.toFixed(3)}${c.claim ? `, ${c.claim.toLowerCase()}` : ''})`);
          for (const r of rows(c)) {
            const seen = [r.firstSeen, r.lastSeen].filter(Boolean);
            out.push(`   ${r.from} ${r.verb} ${r.to}  [${r.relation}${r.claim ? `, ${r.claim}` : ''}${r.assertedBy ? `, says ${r.assertedBy}` : ''}${seen.length ? `, ${[...new Set(seen)].join(' to ')}` : ''}]`);
            out.push(...evidenceLines(r));
          }
          out.push('');
        });
        process.stdout.write(out.join('\n'));
      });
    });
}
