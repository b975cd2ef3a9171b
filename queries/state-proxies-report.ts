// An investigation as a script: for every State the articles mention, the proxies it uses
// (USES_PROXY) and the cases each proxy is tied to (RESPONSIBLE_FOR, PARTY_TO, TARGETED), as a
// report. It talks to a running API through the typed client, so every field is checked
// against schema.graphql at compile time (`npx tsc --noEmit`).
//
//   npx threatgraph serve &                       # the API at http://localhost:4000/graphql
//   npx tsx queries/state-proxies-report.ts [--endpoint URL] [--json]
//
// THREATGRAPH_API_KEY is sent as the bearer key when the server requires one.
import { parseArgs } from 'node:util';
import { ArticleStatesDocument, StateProxiesDocument, type ArticleStatesQuery, type StateProxiesQuery } from '../src/client/generated.js';
import { DEFAULT_ENDPOINT, ThreatGraphClient } from '../src/client/index.js';

type ProxyEdge = NonNullable<StateProxiesQuery['entity']>['relations']['edges'][number];

export interface StateReport {
  state: { id: string; name: string };
  proxies: {
    id: string;
    name: string;
    type: string;
    confidence: number;
    claim: string | null;
    cases: { id: string; name: string; kind: string | null; date: string | null; relation: string; direction: string }[];
  }[];
}

/** Every State mentioned by some article, by name. */
async function listStates(client: ThreatGraphClient): Promise<{ id: string; name: string }[]> {
  const states = new Map<string, string>();
  let after: string | null = null;
  do {
    const { articles }: ArticleStatesQuery = await client.request(ArticleStatesDocument, { first: 100, after });
    for (const edge of articles.edges) {
      for (const { entity } of edge.node.entities) if (entity.type === 'State') states.set(entity.id, entity.name);
    }
    after = articles.pageInfo.hasNextPage ? articles.pageInfo.endCursor : null;
  } while (after);
  return [...states].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}

function proxyOf(edge: ProxyEdge): StateReport['proxies'][number] {
  return {
    id: edge.other.id,
    name: edge.other.name,
    type: edge.other.type,
    confidence: edge.node.confidence,
    claim: edge.node.claim,
    cases: edge.other.relations.edges
      .filter((r) => r.other.type === 'Case')
      .map((r) => ({
        id: r.other.id,
        name: r.other.name,
        kind: 'caseKind' in r.other ? (r.other.caseKind ?? null) : null,
        date: 'date' in r.other ? (r.other.date ?? null) : null,
        relation: r.node.type,
        direction: r.direction,
      })),
  };
}

export async function stateProxiesReport(client: ThreatGraphClient): Promise<StateReport[]> {
  const reports: StateReport[] = [];
  for (const state of await listStates(client)) {
    const { entity } = await client.request(StateProxiesDocument, { id: state.id });
    if (!entity) continue;
    reports.push({ state, proxies: entity.relations.edges.map(proxyOf) });
  }
  return reports;
}

export function formatReport(reports: StateReport[], endpoint: string): string {
  const withProxies = reports.filter((r) => r.proxies.length > 0);
  const lines = [
    'States, the proxies they use, and the cases tied to those proxies',
    `(${endpoint}, ${new Date().toISOString().slice(0, 10)}: ${reports.length} States, ${withProxies.length} with proxies)`,
    '',
  ];
  for (const { state, proxies } of withProxies) {
    lines.push(`${state.name} (${state.id}): ${proxies.length} prox${proxies.length === 1 ? 'y' : 'ies'}`);
    for (const p of proxies) {
      lines.push(`  - ${p.name} (${p.type}), confidence ${p.confidence.toFixed(2)}${p.claim ? `, ${p.claim.toLowerCase()}` : ''}`);
      if (p.cases.length === 0) lines.push('      no case tied to it yet');
      for (const c of p.cases) {
        const link = c.direction === 'OUT' ? `${c.relation} →` : `← ${c.relation}`;
        lines.push(`      ${link} ${c.name}${c.kind ? ` [${c.kind}]` : ''}${c.date ? ` ${c.date}` : ''}`);
      }
    }
    lines.push('');
  }
  const without = reports.filter((r) => r.proxies.length === 0).map((r) => r.state.name);
  if (without.length) lines.push(`No proxies recorded for: ${without.join(', ')}`);
  return lines.join('\n') + '\n';
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { endpoint: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean' } } });
  if (values.help) {
    console.log('usage: npx tsx queries/state-proxies-report.ts [--endpoint URL] [--json]');
    return;
  }
  const endpoint = values.endpoint ?? process.env.THREATGRAPH_ENDPOINT ?? DEFAULT_ENDPOINT;
  const client = new ThreatGraphClient({ endpoint });
  const reports = await stateProxiesReport(client);
  process.stdout.write(values.json ? JSON.stringify(reports, null, 2) + '\n' : formatReport(reports, endpoint));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: Error) => {
    console.error(error.message);
    process.exitCode = 1;
  });
}
