// The saved investigations in queries/ answer their questions on the sample corpus, ingested
// once with the real pipeline and asked through the API (yoga.fetch).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../src/api/server.js';
import type { GraphExecutor } from '../../src/graph/executor.js';
import { PROJECT_ROOT } from '../../src/config.js';
import { data, gql, sampleCorpusApi } from './helpers.js';

let graph: GraphExecutor;
let api: Api;
beforeAll(async () => ({ graph, api } = await sampleCorpusApi()));
afterAll(() => graph.close());

const saved = (name: string) => readFileSync(join(PROJECT_ROOT, 'queries', `${name}.graphql`), 'utf8');
const names = (edges: { other: { name: string } }[]) => edges.map((e) => e.other.name);

type Edge = {
  other: { id: string; name: string; type: string };
  node: { evidence: { edges: { node: { sentence: string; article: { title: string } | null } }[] } };
};
const sentences = (edge: Edge) => edge.node.evidence.edges.map((e) => e.node.sentence);

describe('saved investigations', () => {
  it('russia-proxies: Russia uses criminals and private intelligence operatives, and the parcel fires are reachable from Russia, each link with its sentence', async () => {
    const r = await data(api, saved('russia-proxies'));
    const proxies: Edge[] = r.state.proxies.edges;
    expect(names(proxies)).toEqual(expect.arrayContaining(['criminals', 'private intelligence operatives']));
    for (const edge of proxies) expect(sentences(edge).length).toBeGreaterThan(0);
    const criminals = proxies.find((e) => e.other.name === 'criminals')!;
    expect(sentences(criminals).join(' ')).toMatch(/proxies/i);
    // Reachable: directly responsible, or through a proxy (USES_PROXY → RESPONSIBLE_FOR).
    const cases: Edge[] = r.state.cases.edges;
    const reached = [...names(cases), ...r.proxyCases.map((p: { nodes: { name: string }[] }) => p.nodes.at(-1)!.name)];
    expect(reached).toContain('parcel fires');
    // directly, with the sentence that names the fires, or through a proxy: Russia → proxy → fires
    const fires = cases.find((e) => e.other.name === 'parcel fires');
    const throughProxy = r.proxyCases.find((p: { nodes: { name: string }[] }) => p.nodes.at(-1)!.name === 'parcel fires');
    if (fires) expect(sentences(fires).join(' ')).toMatch(/parcel|fires/i);
    else expect(throughProxy.nodes.length).toBeGreaterThanOrEqual(3);
    for (const path of r.proxyCases) {
      expect(path.nodes[0].id).toBe('State:RUS');
      expect(path.nodes.at(-1).type).toBe('Case');
    }
  });

  it('who-targets: what targets the United Kingdom, each with a sentence that names the UK', async () => {
    const r = await data(api, saved('who-targets'));
    expect(r.target.name).toBe('United Kingdom');
    const edges: Edge[] = r.target.targetedBy.edges;
    expect(edges.length).toBeGreaterThan(0);
    expect(r.target.targetedBy.totalCount).toBe(edges.length);
    for (const edge of edges) expect(sentences(edge).join(' ')).toMatch(/\bUK\b|United Kingdom|Britain|British/);
    const other = await data(api, saved('who-targets'), { target: 'State:USA' });
    expect(other.target.name).toBe('United States');
  });

  it("iran-proxies: Iran uses criminals (the same node as Russia's) and drug traffickers", async () => {
    const r = await data(api, saved('iran-proxies'));
    const proxies: Edge[] = r.state.proxies.edges;
    expect(names(proxies)).toContain('criminals');
    expect(proxies.find((e) => e.other.name === 'criminals')!.other.id).toBe('Group:criminals');
    expect(names(proxies).some((n) => /drug traffickers/i.test(n))).toBe(true);
    for (const edge of proxies) expect(sentences(edge).join(' ')).toMatch(/Iran/);
  });

  it('plots-by-group: terrorist groups with the attacks they are responsible for (ISKP → the ISKP attack in Moscow)', async () => {
    const r = await data(api, saved('plots-by-group'));
    const groups = r.groups.edges.map((e: { node: { name: string; kind: string; cases: { edges: Edge[] } } }) => e.node);
    expect(groups.length).toBeGreaterThan(3);
    for (const g of groups) expect(g.kind).toBe('terrorist');
    expect(groups.map((g: { name: string }) => g.name)).toEqual(expect.arrayContaining(['ISKP', 'Hamas', 'Islamic State']));
    const iskp = groups.find((g: { name: string }) => g.name === 'ISKP');
    expect(names(iskp.cases.edges)).toContain('ISKP attack in Moscow');
    const militant = await data(api, saved('plots-by-group'), { kind: 'militant' });
    for (const e of militant.groups.edges) expect(e.node.kind).toBe('militant');
  });

  it('crypto-fraud-cases: legal and fraud cases from crypto articles, with their parties', async () => {
    const r = await data(api, saved('crypto-fraud-cases'));
    const cases = r.cases.edges.map((e: { node: { name: string; kind: string; parties: { edges: Edge[] } } }) => e.node);
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) expect(['legal', 'fraud']).toContain(c.kind);
    expect(cases.some((c: { name: string }) => /Persons Unknown/.test(c.name))).toBe(true);
    expect(cases.some((c: { parties: { edges: Edge[] } }) => c.parties.edges.length > 0)).toBe(true);
    const none = await data(api, saved('crypto-fraud-cases'), { topic: 'no such topic anywhere' });
    expect(none.cases.edges).toEqual([]);
  });

  it('a saved query with a bad variable gets a typed error, not a crash', async () => {
    const r = await gql(api, saved('plots-by-group'), { kind: 'x"}) DETACH DELETE n //' });
    expect(r.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.body.errors?.[0]?.message).toMatch(/filter.kinds/);
  });
});
