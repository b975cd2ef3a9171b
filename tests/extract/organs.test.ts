// State organs (data/gazetteers/state-organs.json): a demonym or possessive with what the organ
// is names the organ, a Group of its kind, and the State stays mentioned; collective phrases
// stay the State (ONTOLOGY.md). Sentences written for this test, not from the dev set.
import { describe, expect, it } from 'vitest';
import { recogniseNames } from '../../src/extract/names.js';
import { recordMention, Registry, type SentenceCtx } from '../../src/extract/model.js';
import { organStates } from '../../src/extract/organs.js';
import { tokenize } from '../../src/extract/sentences.js';
import { names, run } from './helpers.js';

interface Row {
  text: string;
  has: string[];
  not?: string[];
  kind?: [string, string];
}

const rows: Row[] = [
  { text: 'Investigators said Russian military intelligence hired the couriers.', has: ['Group:GRU', 'State:Russia'], kind: ['GRU', 'intelligence'] },
  { text: "Prosecutors said Russia's military intelligence agency paid the men.", has: ['Group:GRU', 'State:Russia'] },
  // an organ's name as the text writes it is its name (ONTOLOGY.md: as the text names it); the gazetteer's short name is an alias
  {
    text: 'The Main Directorate of the General Staff denied the report.',
    has: ['Group:Main Directorate of the General Staff'],
    not: ['Group:GRU'],
    kind: ['Main Directorate of the General Staff', 'intelligence'],
  },
  { text: 'The GRU, the Main Directorate of the General Staff, denied the report.', has: ['Group:GRU'], not: ['Group:Main Directorate of the General Staff'] },
  // a name that carries its State is the organ's own name (ONTOLOGY.md: no State of its own)
  {
    text: "China's Ministry of State Security recruited the engineer.",
    has: ['Group:Ministry of State Security'],
    kind: ['Ministry of State Security', 'intelligence'],
  },
  { text: "Iran's Revolutionary Guards directed the plot, officials said.", has: ['Group:IRGC'], kind: ['IRGC', 'military'] },
  {
    text: "Iran's intelligence ministry hired the gang.",
    has: ['Group:Ministry of Intelligence and Security', 'State:Iran'],
    kind: ['Ministry of Intelligence and Security', 'intelligence'],
  },
  {
    text: 'North Korean state media reported the launch.',
    has: ['Group:Korean Central News Agency', 'State:North Korea'],
    kind: ['Korean Central News Agency', 'media'],
  },
  { text: 'The Iranian foreign ministry summoned the ambassador.', has: ['Group:Ministry of Foreign Affairs of Iran', 'State:Iran'] },
  { text: "Russia's defence ministry denied it.", has: ['Group:Russian Ministry of Defence', 'State:Russia'] },
  // a generic body's own name after a State's word is that State's organ, not the UK's Ministry of Defence
  {
    text: 'The Silver Fox unit was set up by the Russian Ministry of Defence, the British Ministry of Defence said.',
    has: ['Group:Russian Ministry of Defence', 'Group:Ministry of Defence'],
  },
  { text: "Russia's Ministry of Defence denied it.", has: ['Group:Russian Ministry of Defence'], not: ['Group:Ministry of Defence'] },
  { text: 'Chinese police detained the activist.', has: ['Group:Ministry of Public Security', 'State:China'] },
  // false positives: a collective phrase is the State acting; a demonym before other nouns stays the State
  { text: 'Russian intelligence services have turned to criminals.', has: ['State:Russia'], not: ['Group:GRU', 'Group:FSB', 'Group:SVR'] },
  { text: 'Russian diplomats were expelled from Poland.', has: ['State:Russia'], not: ['Group:GRU', 'Group:Russian Armed Forces'] },
  { text: 'The Russia military exercise ended.', has: ['State:Russia'], not: ['Group:Russian Armed Forces'] },
  // "the Iranian military" is what annotators name it, not the organ's formal name; "armed forces" names the organ
  { text: 'He conspired with officials in the Iranian military.', has: ['State:Iran'], not: ['Group:Iranian Armed Forces'] },
  { text: 'The Iranian armed forces fired missiles.', has: ['Group:Iranian Armed Forces', 'State:Iran'] },
];

describe('state organs named by description', () => {
  for (const row of rows) {
    it(row.text, () => {
      const x = run(row.text);
      const found = names(x);
      for (const h of row.has) expect(found).toContain(h);
      for (const n of row.not ?? []) expect(found).not.toContain(n);
      if (row.kind) expect(x.entities.find((e) => e.name === row.kind![0])?.kind).toBe(row.kind[1]);
    });
  }

  it('keeps the description as an alias of the organ', () => {
    const gru = run('Officials blamed Russian military intelligence for the fires.').entities.find((e) => e.name === 'GRU');
    expect(gru?.aliases).toContain('Russian military intelligence');
  });
});

/** One sentence through name recognition, its mentions recorded, as extract() does. */
function sentenceAndRegistry(text: string): { ctxs: SentenceCtx[]; reg: Registry } {
  const reg = new Registry();
  const ctx: SentenceCtx = { sentence: { index: 1, text, start: 0, end: text.length }, tokens: tokenize(text, 0), spans: [], inner: [], titleCase: false };
  recogniseNames(ctx, reg);
  for (const s of [...ctx.spans, ...ctx.inner]) recordMention(ctx, s);
  return { ctxs: [ctx], reg };
}

describe('organStates: an organ LOCATED_IN its State where the text ties them', () => {
  it.each([
    ["Iran's intelligence ministry hired the gang.", 'Ministry of Intelligence and Security', 'Iran'],
    ['Russian military intelligence paid the couriers.', 'GRU', 'Russia'],
    ["Russia's GRU denied it.", 'GRU', 'Russia'],
    ['Chinese state media praised the verdict.', 'Chinese state media', 'China'],
    // the State's own word opens the organ's name, and the text names the State
    ['Russia denied it; the Russian Federal Security Service said nothing.', 'FSB', 'Russia'],
  ])('%s', (text, organ, state) => {
    const { ctxs, reg } = sentenceAndRegistry(text);
    const facts = organStates(ctxs, reg);
    expect(facts.map((f) => `${f.from.name} ${f.type} ${f.to.name} ${f.rule}`)).toEqual([`${organ} LOCATED_IN ${state} state-organ`]);
  });

  it('does not tie an organ to a State the sentence only names elsewhere', () => {
    const { ctxs, reg } = sentenceAndRegistry('The GRU denied the report, and Russia said nothing.');
    expect(organStates(ctxs, reg)).toEqual([]);
  });
});
