// `threatgraph tied STATE [CASE]`: how a State (or group) is tied to an incident, or to every
// incident it is tied to: chains through its organs and proxies, each step with its claim,
// who asserts it, its dates and the sentence behind it.
import { Command } from 'commander';
import { AttributionDocument, type AttributionQuery } from '../client/generated.js';
import { evidenceCells, evidenceLines } from './output.js';
import { routeCommand } from './route.js';

type Chain = AttributionQuery['attribution'][number];

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
      from: s.from.name,
      role: s.role.toLowerCase(),
      verb: VERB[s.role],
      to: s.to.name,
      relation: s.relation.type,
      claim: s.claim?.toLowerCase() ?? null,
      assertedBy: s.assertedBy.join('; ') || null,
      firstSeen: s.firstSeen ?? null,
      lastSeen: s.lastSeen ?? null,
      ...evidenceCells(ev),
    };
  });
}

export function tiedCommand(): Command {
  return routeCommand<object, Chain>(
    {
      name: 'tied',
      description: 'how a State or group is tied to an incident (or to every incident): chains through its organs and proxies, with evidence',
      ends: { from: 'the State, group or person', to: 'the incident', toDefault: 'every incident it is tied to' },
      routes: { noun: 'chain', hop: 'link', limit: 10 },
      csvRow: 'one row per step',
      examples: ['Russia "parcel fires"', 'Iran --max-hops 3'],
    },
    async ({ client, from, to, maxHops, limit }) => {
      const { attribution } = await client.request(AttributionDocument, { from: from.id, to: to?.id ?? null, maxHops, limit });
      return {
        routes: attribution,
        keys: { routes: 'chains', rows: 'rows' },
        rows,
        none: `${from.name} is tied to ${to ? to.name : 'no incident'} by no chain of organs, proxies and responsibility within ${maxHops} links`,
        text: () => {
          const out = [
            `${attribution.length} chain${attribution.length > 1 ? 's' : ''} from ${from.name} to ${to ? to.name : 'the incidents it is tied to'} (shortest, then strongest, first):`,
            '',
          ];
          attribution.forEach((c, i) => {
            out.push(
              `${i + 1}. ${[from.name, ...c.steps.map((s) => `→ ${s.to.name}`)].join(' ')}   (${c.length} link${c.length > 1 ? 's' : ''}, score ${c.score.toFixed(3)}${c.claim ? `, ${c.claim.toLowerCase()}` : ''})`,
            );
            for (const r of rows(c)) {
              const seen = [r.firstSeen, r.lastSeen].filter(Boolean);
              out.push(
                `   ${r.from} ${r.verb} ${r.to}  [${r.relation}${r.claim ? `, ${r.claim}` : ''}${r.assertedBy ? `, says ${r.assertedBy}` : ''}${seen.length ? `, ${[...new Set(seen)].join(' to ')}` : ''}]`,
              );
              out.push(...evidenceLines(r));
            }
            out.push('');
          });
          return out;
        },
      };
    },
  );
}
