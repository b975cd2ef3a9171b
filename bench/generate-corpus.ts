// A seeded generator of news-like threat-intelligence articles about a known set of entities,
// for benchmarks and large-graph tests: the same seed gives the same articles, with no network.
// Articles run 2-4 KB, like the sample corpus, and mix sentences the extractor's rules type
// (attribution, sanctions, membership, places) with ordinary reporting.
import type { SourceArticle } from '../src/sources/types.js';
import { seededRandom } from '../src/seeded-random.js';

export const CORPUS_ENTITIES = {
  State: [
    'Russia',
    'Iran',
    'China',
    'North Korea',
    'United Kingdom',
    'United States',
    'Ukraine',
    'Germany',
    'France',
    'Poland',
    'Israel',
    'Belarus',
    'Lithuania',
    'Finland',
    'Estonia',
  ],
  Group: [
    'MI5',
    'NCSC',
    'FBI',
    'GRU',
    'Europol',
    'Islamic State',
    'Hamas',
    'Hezbollah',
    'Wagner Group',
    'APT28',
    'Sandworm',
    'Lazarus Group',
    'CISA',
    'Bellingcat',
    'Interpol',
    'Al-Shabaab',
    'Houthis',
    'Salt Typhoon',
  ],
  Place: [
    'Moscow',
    'Kyiv',
    'London',
    'Leipzig',
    'Warsaw',
    'Gaza',
    'Kursk',
    'Birmingham',
    'Vilnius',
    'Helsinki',
    'Tallinn',
    'Berlin',
    'Paris',
    'Minsk',
    'Tehran',
  ],
  Actor: [
    'Anna Kowalski',
    'David Harrow',
    'Elena Marchetti',
    'Tomas Lindqvist',
    'Sarah Okafor',
    'Pavel Brodsky',
    'Miriam Cohen',
    'James Whitfield',
    'Laura Jensen',
    'Omar Haddad',
    'Nina Petrova',
    'Robert Quayle',
  ],
  CaseKind: [
    'arson attack',
    'parcel fires',
    'cable sabotage',
    'ransomware attack',
    'bomb plot',
    'data breach',
    'drone strike',
    'hacking campaign',
    'assassination plot',
    'disinformation campaign',
  ],
} as const;

// A long tail, as in real reporting: most people and companies appear in a few articles only.
const FIRST_NAMES = [
  'Adrian',
  'Beatrix',
  'Casimir',
  'Dagny',
  'Emil',
  'Freya',
  'Gustav',
  'Hana',
  'Igor',
  'Jolanta',
  'Kasper',
  'Lidia',
  'Marek',
  'Nadia',
  'Oskar',
  'Paula',
  'Rafael',
  'Sabine',
  'Teodor',
  'Ursula',
  'Viktor',
  'Wanda',
  'Yannick',
  'Zofia',
  'Anton',
  'Bruno',
  'Clara',
  'Dmitri',
  'Edith',
  'Felix',
];
const SURNAMES = [
  'Abramczyk',
  'Brennholt',
  'Castellane',
  'Drozdova',
  'Eberhardt',
  'Falkenrath',
  'Grabowski',
  'Halvorsen',
  'Ilyushkin',
  'Jankowiak',
  'Kessler',
  'Lindgren',
  'Moravec',
  'Nordqvist',
  'Orlovsky',
  'Pietrzak',
  'Quesnel',
  'Rautio',
  'Sokolova',
  'Tarkanian',
  'Ulbricht',
  'Vasquez',
  'Wojcik',
  'Yermolov',
  'Zielinski',
  'Arkwright',
  'Bellamy',
  'Carrick',
  'Dunmore',
  'Ellery',
  'Fairbairn',
  'Gorrell',
  'Hathersage',
  'Ingleby',
  'Jessop',
  'Kilbride',
  'Loxley',
  'Marchbank',
  'Nettleton',
  'Oakhurst',
];
const COMPANY_STEMS = [
  'Baltic',
  'Northgate',
  'Silverline',
  'Kestrel',
  'Meridian',
  'Harbour',
  'Quartz',
  'Ironbridge',
  'Lumen',
  'Corvid',
  'Aster',
  'Bastion',
  'Cobalt',
  'Drava',
  'Everfield',
  'Fjord',
  'Granite',
  'Helix',
  'Ivory',
  'Juniper',
  'Kettle',
  'Lodestar',
  'Marlin',
  'Nimbus',
  'Onyx',
  'Pioneer',
  'Quill',
  'Redwood',
  'Sable',
  'Tundra',
];
const COMPANY_SUFFIXES = ['Logistics Ltd', 'Networks', 'Shipping Ltd', 'Markets', 'Exchange', 'Holdings Inc'];
const TAIL_PEOPLE = FIRST_NAMES.flatMap((f) => SURNAMES.map((l) => `${f} ${l}`));
const TAIL_COMPANIES = COMPANY_STEMS.flatMap((c) => COMPANY_SUFFIXES.map((s) => `${c} ${s}`));

type Pick = <T>(list: readonly T[]) => T;

const ROLES = ['spokesperson', 'director', 'senior analyst', 'deputy head', 'chief investigator'];

const FILLER = [
  'Officials declined to comment further while the investigation continues.',
  'The statement did not say how many people had been questioned.',
  'Analysts said the pattern matched activity seen over the past two years.',
  'Security services have warned repeatedly that such operations are becoming more frequent.',
  'A court hearing is expected later this year, according to people familiar with the matter.',
  'The ministry published a short summary of its findings on Tuesday.',
  'Several of the suspects were recruited online and paid in cryptocurrency.',
  'Researchers who tracked the activity said the operators reused infrastructure from earlier incidents.',
  'Insurance companies have begun to ask about exposure to similar incidents.',
  'Lawmakers called for a review of how critical infrastructure is protected.',
  'The authorities said there was no immediate risk to the public.',
  'Experts cautioned that attribution in such cases can take months.',
];

interface Cast {
  state: string;
  state2: string;
  group: string;
  group2: string;
  agency: string;
  place: string;
  actor: string;
  incident: string;
  person: string;
  company: string;
}

function sentenceFor(pick: Pick, rnd: () => number, c: Cast): string {
  const templates = [
    () => `${c.person}, a director at ${c.company}, was charged over the ${c.incident}.`,
    () => `${c.company} said its systems in ${c.place} had been targeted in the ${c.incident}.`,
    () => `${c.state} was behind the ${c.incident}, ${c.agency} said.`,
    () => `${c.agency} investigators said the ${c.incident} targeted ${c.group2} in ${c.place}.`,
    () => `${c.actor}, a ${pick(ROLES)} at ${c.agency}, said that ${c.state} had recruited criminals as proxies.`,
    () => `${c.state2} sanctioned ${c.group} over the ${c.incident}.`,
    () => `The ${c.incident} took place in ${c.place} earlier this month.`,
    () => `${c.group} claimed responsibility for the ${c.incident}.`,
    () => `${c.state}-backed ${c.group} has been linked to several attacks in ${c.place}.`,
    () => `${c.agency} is investigating the ${c.incident} together with police in ${c.place}.`,
    () => `${c.state} denied any involvement in the ${c.incident}.`,
    () => `According to ${c.agency}, ${c.group} operates on behalf of ${c.state}.`,
    () => `${c.actor} told reporters in ${c.place} that ${c.group} remained a serious threat.`,
    () => `${c.state2} expelled diplomats from ${c.state} after the ${c.incident}.`,
  ];
  return templates[Math.floor(rnd() * templates.length)]!();
}

export interface CorpusOptions {
  articles: number;
  seed?: number;
}

/** The articles, one at a time (a 100,000-article corpus need not sit in memory). */
export function* generateCorpus(options: CorpusOptions): Generator<SourceArticle> {
  const rnd = seededRandom(options.seed ?? 42);
  const pick: Pick = (list) => list[Math.floor(rnd() * list.length)]!;
  const E = CORPUS_ENTITIES;
  // Skewed towards the start of the list: a few names recur, most are rare.
  const tail = (list: readonly string[]) => list[Math.floor(list.length * rnd() ** 2)]!;
  for (let i = 0; i < options.articles; i++) {
    const place = pick(E.Place);
    const incident = `${place} ${pick(E.CaseKind)}`;
    const c = {
      state: pick(E.State),
      state2: pick(E.State),
      group: pick(E.Group),
      group2: pick(E.Group),
      agency: pick(['MI5', 'NCSC', 'FBI', 'Europol', 'CISA', 'Interpol']),
      place,
      actor: pick(E.Actor),
      incident,
      person: tail(TAIL_PEOPLE),
      company: tail(TAIL_COMPANIES),
    };
    const paragraphs: string[] = [];
    const count = 6 + Math.floor(rnd() * 4);
    for (let p = 0; p < count; p++) {
      const sentences: string[] = [];
      const n = 4 + Math.floor(rnd() * 3);
      for (let s = 0; s < n; s++) {
        if (rnd() < 0.45) sentences.push(pick(FILLER));
        else {
          // Each sentence may bring in another state, group or place, as real reports do.
          const local = { ...c, state2: pick(E.State), group2: pick(E.Group), place: rnd() < 0.7 ? c.place : pick(E.Place) };
          sentences.push(sentenceFor(pick, rnd, local));
        }
      }
      paragraphs.push(sentences.join(' '));
    }
    const day = new Date(Date.UTC(2023, 0, 1) + Math.floor(rnd() * 900) * 86_400_000).toISOString().slice(0, 10);
    yield {
      title: `${c.state} linked to ${incident} (report ${i + 1})`,
      text: paragraphs.join('\n\n'),
      published: day,
      source: 'bench corpus',
      url: `https://news.example/bench/${options.seed ?? 42}/${i + 1}`,
      format: 'text',
    };
  }
}
