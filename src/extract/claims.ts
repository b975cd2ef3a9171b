// Hedges and sources: how sure the text is of what a sentence says, and who says it.
import type { Claim } from '../ontology.js';

// "were charged", "allegedly", "the indictment alleges": a legal accusation.
const ALLEGED =
  /\b(alleged(ly)?|allege[sd]?|accus(ed|es|ing)|charg(ed|es|ing)|indict(ed|ment)|prosecutors (say|said|allege)|according to (the )?(indictment|complaint|charging documents|court documents))\b/i;
// "suspected", "believed to", "likely": an attribution held with doubt.
const SUSPECTED =
  /\b(suspected|suspects? (?:that|of)|believed to|thought to|likely|possibly|probably|reportedly|may have|might have|could have|appears? to|apparently|presumably|unconfirmed)\b/i;

export function claimOf(sentence: string): Claim {
  if (ALLEGED.test(sentence)) return 'alleged';
  if (SUSPECTED.test(sentence)) return 'suspected';
  return 'asserted';
}

// "…, Polish prosecutors say." / "according to MI5" / "researchers said": the part of
// the sentence that names the party making the claim.
const SAY_AFTER =
  /(?:,|\bas)\s+((?:the\s+)?[A-Z][\w'.-]*(?:\s+[\w'.-]+){0,4}?|(?:the\s+)?(?:[a-z]+\s+)?(?:researchers|investigators|prosecutors|officials|authorities|police|analysts|experts))\s+(?:say|says|said|allege|alleges|alleged|claim|claims|claimed|believe|believes|reported|reports|warned|warns|found)\b/;
const ACCORDING = /\baccording to\s+((?:the\s+)?[\w'.-]+(?:\s+[\w'.-]+){0,5}?)(?=[,.;]|$)/i;
const SAY_BEFORE =
  /^((?:the\s+)?[A-Z][\w'.-]*(?:\s+[\w'.-]+){0,4}?)\s+(?:said|says|say|alleges|allege|claimed|claims|believes|reported|found|assessed|assesses)\b/;

/** The phrase naming who makes the sentence's claim, with its offset in the sentence. */
export function assertionSource(sentence: string): { text: string; index: number } | undefined {
  for (const re of [SAY_AFTER, ACCORDING, SAY_BEFORE]) {
    const m = re.exec(sentence);
    if (m?.[1]) return { text: m[1], index: m.index + m[0].indexOf(m[1]) };
  }
  return undefined;
}

/** Sources whose saying so is itself an investigation ("prosecutors say"). */
export const INVESTIGATING_SOURCE = /\b(prosecutors?|investigators?|police|detectives|authorities|researchers|analysts)\b/i;
