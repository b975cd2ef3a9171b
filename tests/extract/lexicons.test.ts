// The word lists the extractor reads from data/lexicons: every list says why it exists and
// gives an example, so an analyst can extend it without reading the code.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const casePhrases = JSON.parse(readFileSync(new URL('../../data/lexicons/case-phrases.json', import.meta.url), 'utf8')) as Record<string, unknown>;

describe('data/lexicons/case-phrases.json', () => {
  const lists = Object.entries(casePhrases).filter(([k]) => k !== 'about');

  it('holds the fifteen lists the case finder reads', () => {
    expect(lists.map(([k]) => k).sort()).toEqual(
      [
        'actingPeople',
        'aims',
        'auxiliaries',
        'comparatives',
        'electoralCampaigns',
        'eventParticiples',
        'genericModifiers',
        'hyphenParticiples',
        'purposeStop',
        'quantifiers',
        'seriesNouns',
        'stopLeft',
        'targetingHeads',
        'verbalBefore',
        'victimHeads',
      ].sort(),
    );
  });

  it.each(lists)('%s has a reason, an example and lower-case words', (_key, list) => {
    const { reason, example, words } = list as { reason: string; example: string; words: string[] };
    expect(reason.length).toBeGreaterThan(20);
    expect(example.length).toBeGreaterThan(5);
    expect(words.length).toBeGreaterThan(0);
    for (const w of words) expect(w).toBe(w.toLowerCase());
  });
});

describe('the modules that read the lexicons', () => {
  it('load on their own: the parse-based relations read victimHeads without importing the case finder, which imports them', async () => {
    const syntax = await import('../../src/extract/relations/syntax.js');
    expect(typeof syntax.syntaxRelations).toBe('function');
    const words = await import('../../src/extract/case-words.js');
    expect(words.VICTIM_HEAD.test('poisoning')).toBe(true);
    expect(words.VICTIM_HEAD.test('sanctions')).toBe(false);
  });
});
