// The word lists the case finder reads (data/lexicons/case-phrases.json), each with its reason
// and example. A module of its own so that the parse-based relations can read a list too
// without importing the case finder (which imports them).
import { readFileSync } from 'node:fs';
import { phraseSource } from './gazetteer.js';

interface WordList {
  reason: string;
  example: string;
  words: string[];
}

const caseWords = JSON.parse(readFileSync(new URL('../../data/lexicons/case-phrases.json', import.meta.url), 'utf8')) as Record<string, WordList>;

export const wordsOf = (key: string): string[] => {
  const list = caseWords[key];
  if (!list) throw new Error(`data/lexicons/case-phrases.json: no word list "${key}"`);
  return list.words;
};

export const wordsRegExp = (words: string[]): RegExp => new RegExp(`^(?:${words.map(phraseSource).join('|')})$`);

/** Event nouns whose name modifier, or a person who owns them, is the victim ("the Skripal poisoning", "Navalny's poisoning"). */
export const VICTIM_HEAD = wordsRegExp(wordsOf('victimHeads'));
