// Articles as the extractor would read them, written by hand, so that tests of resolution and
// attribution do not depend on the extractor's current output: each article lists its
// sentences, the entities it names (found in the text by their names) and the relations each
// sentence proves. Written through the real resolver, planner and writer.
import type { ExtractedEntity, ExtractedRelation, Extraction } from '../../src/extract/types.js';
import type { GraphExecutor } from '../../src/graph/executor.js';
import type { EntityType, RelationType } from '../../src/ontology.js';
import { articleMeta } from '../../src/ingest/pipeline.js';
import { planArticle } from '../../src/ingest/plan.js';
import { EntityResolver } from '../../src/ingest/resolve.js';
import { writeBatch } from '../../src/ingest/store.js';

export interface HandArticle {
  title: string;
  published: string;
  sentences: string[];
  /** [type, name, kind?, iso3?]; the name (or `aliases`) must appear in the text */
  entities: Array<{ type: EntityType; name: string; kind?: string; iso3?: string; aliases?: string[] }>;
  /** [source, type, target, sentence index in `sentences`, claim?, assertedBy?] */
  relations: Array<[string, RelationType, string, number, ('asserted' | 'alleged' | 'suspected')?, string?]>;
}

export function toExtraction(a: HandArticle): Extraction {
  const text = [a.title, ...a.sentences].join('\n\n');
  const sentences = [a.title, ...a.sentences].map((s, index) => {
    const start = text.indexOf(s);
    return { index, text: s, start, end: start + s.length };
  });
  const typeOf = new Map(a.entities.map((e) => [e.name, e.type]));
  const entities: ExtractedEntity[] = a.entities.map((e) => {
    const mentions = sentences.flatMap((s) =>
      [e.name, ...(e.aliases ?? [])]
        .filter((n) => s.text.includes(n))
        .map((n) => {
          const start = s.start + s.text.indexOf(n);
          return { sentence: s.index, start, end: start + n.length, text: n };
        }),
    );
    if (!mentions.length) throw new Error(`[test] "${e.name}" is not in the text of "${a.title}"`);
    return {
      name: e.name,
      type: e.type,
      aliases: e.aliases ?? [],
      mentions,
      ...(e.kind ? { kind: e.kind as ExtractedEntity['kind'] } : {}),
      ...(e.iso3 ? { iso3: e.iso3 } : {}),
    };
  });
  const relations: ExtractedRelation[] = a.relations.map(([source, type, target, i, claim, assertedBy]) => {
    const s = sentences[i + 1]!;
    return {
      source,
      sourceType: typeOf.get(source)!,
      type,
      target,
      targetType: typeOf.get(target)!,
      evidence: s.text,
      sentence: s.index,
      start: s.start,
      end: s.end,
      rule: 'test',
      confidence: 0.8,
      claim: claim ?? 'asserted',
      ...(assertedBy ? { assertedBy } : {}),
    };
  });
  return { id: a.title, title: a.title, published: a.published, text, sentences, entities, relations };
}

/** Writes the articles one at a time through the real resolver and writer; returns the Case ids written. */
export async function writeArticles(graph: GraphExecutor, articles: HandArticle[]): Promise<string[]> {
  const cases: string[] = [];
  for (const a of articles) {
    const x = toExtraction(a);
    const meta = articleMeta({ title: a.title, text: a.sentences.join('\n\n'), published: a.published, source: 'test' });
    const resolver = await EntityResolver.load(graph);
    const plan = planArticle(meta, { ...x, id: meta.id }, resolver.resolve(x));
    await writeBatch(graph, [plan]);
    for (const e of plan.entities) if (e.type === 'Case') cases.push(e.id);
  }
  return [...new Set(cases)];
}

const RUS = { type: 'State' as const, name: 'Russia', iso3: 'RUS', aliases: ['Russian'] };
const GRU = { type: 'Group' as const, name: 'GRU', kind: 'intelligence', aliases: ['Russian military intelligence'] };

/**
 * One incident told three ways (the parcel fires, the parcel plot, the explosive parcels), the
 * GRU behind it through hired "disposable agents", and two unrelated arson attacks.
 */
export const parcelReporting: HandArticle[] = [
  {
    title: 'Prosecutors say parcel fires were a rehearsal',
    published: '2024-11-05',
    sentences: [
      'Polish prosecutors said the parcel fires in Leipzig and Birmingham were a rehearsal for attacks on cargo flights.',
      'Russian military intelligence hired disposable agents to send the parcels, prosecutors said.',
      'The disposable agents carried out the parcel fires, investigators said.',
    ],
    entities: [
      RUS,
      GRU,
      { type: 'Group', name: 'disposable agents', kind: 'criminal' },
      { type: 'Case', name: 'parcel fires', kind: 'sabotage' },
      { type: 'Place', name: 'Leipzig' },
      { type: 'Place', name: 'Birmingham' },
    ],
    relations: [
      ['parcel fires', 'OCCURRED_IN', 'Leipzig', 0],
      ['parcel fires', 'OCCURRED_IN', 'Birmingham', 0],
      ['GRU', 'LOCATED_IN', 'Russia', 1],
      ['GRU', 'USES_PROXY', 'disposable agents', 1, 'alleged', 'prosecutors'],
      ['disposable agents', 'RESPONSIBLE_FOR', 'parcel fires', 2, 'alleged', 'investigators'],
    ],
  },
  {
    title: 'GRU used Telegram recruits for the parcel plot',
    published: '2024-11-20',
    sentences: [
      'The GRU recruited disposable agents over Telegram for the parcel plot, which hit DHL depots in Leipzig.',
      'The GRU was behind the parcel plot, according to investigators.',
    ],
    entities: [
      GRU,
      { type: 'Group', name: 'disposable agents', kind: 'criminal' },
      { type: 'Group', name: 'DHL', kind: 'company' },
      { type: 'Case', name: 'parcel plot', kind: 'plot' },
      { type: 'Place', name: 'Leipzig' },
    ],
    relations: [
      ['GRU', 'USES_PROXY', 'disposable agents', 0],
      ['parcel plot', 'OCCURRED_IN', 'Leipzig', 0],
      ['parcel plot', 'TARGETED', 'DHL', 0],
      ['GRU', 'RESPONSIBLE_FOR', 'parcel plot', 1, 'suspected', 'investigators'],
    ],
  },
  {
    title: 'Lithuania charges four over explosive parcels',
    published: '2024-12-10',
    sentences: [
      'Lithuanian prosecutors charged four people over the explosive parcels sent through DHL to Leipzig and Birmingham.',
      'The disposable agents who sent the explosive parcels acted for Russian military intelligence, prosecutors alleged.',
    ],
    entities: [
      RUS,
      GRU,
      { type: 'Group', name: 'disposable agents', kind: 'criminal' },
      { type: 'Group', name: 'DHL', kind: 'company' },
      { type: 'Case', name: 'explosive parcels', kind: 'sabotage' },
      { type: 'Place', name: 'Leipzig' },
      { type: 'Place', name: 'Birmingham' },
    ],
    relations: [
      ['explosive parcels', 'OCCURRED_IN', 'Leipzig', 0],
      ['explosive parcels', 'OCCURRED_IN', 'Birmingham', 0],
      ['explosive parcels', 'TARGETED', 'DHL', 0],
      ['GRU', 'USES_PROXY', 'disposable agents', 1, 'alleged', 'prosecutors'],
      ['disposable agents', 'RESPONSIBLE_FOR', 'explosive parcels', 1, 'alleged', 'prosecutors'],
    ],
  },
  {
    title: 'Man jailed for Bristol warehouse arson',
    published: '2024-11-12',
    sentences: ['A local man was jailed for the warehouse arson attack in Bristol, which he started for the insurance money.'],
    entities: [
      { type: 'Case', name: 'warehouse arson attack', kind: 'attack' },
      { type: 'Place', name: 'Bristol' },
    ],
    relations: [['warehouse arson attack', 'OCCURRED_IN', 'Bristol', 0]],
  },
  {
    title: 'Teenagers charged over Leeds school arson',
    published: '2024-11-25',
    sentences: ['Two teenagers were charged over the school arson attack in Leeds.'],
    entities: [
      { type: 'Case', name: 'school arson attack', kind: 'attack' },
      { type: 'Place', name: 'Leeds' },
    ],
    relations: [['school arson attack', 'OCCURRED_IN', 'Leeds', 0]],
  },
];
