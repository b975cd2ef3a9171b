// Cases: incidents named by a head noun ("attack", "fires", "breach", "invasion") and
// the qualifiers around it: entity modifiers before it ("ISKP attack", "Iran-backed
// plots"), a possessor ("Russia's invasion"), and prepositional phrases after it
// ("in Moscow", "on Israel", "of Ukraine"). The entities inside a case phrase give its
// first relations: who did it, where, and against whom. Legal cases are "A v B".
import type { RelationType } from '../ontology.js';
import { cues, lexTags, wholeNameMatch } from './gazetteer.js';
import { addSpan, covered, spanText, type Ent, type Registry, type SentenceCtx, type Span } from './model.js';
import nlp from 'compromise';
import { perpetrationLemmas } from './relations/syntax.js';
import type { Token } from './sentences.js';
import { officeAt, spanFor } from './names.js';
import { VICTIM_HEAD, wordsOf, wordsRegExp } from './case-words.js';

export interface CaseFact {
  type: RelationType;
  from: Ent;
  to: Ent;
  sentence: number;
  rule: string;
  role?: string;
}

const STOP_LEFT = new Set(wordsOf('stopLeft'));
const WEAK = new Set(cues.weakCaseHeads);
const DROPPED = new Set(cues.caseModifiersDropped);
const MONTH = /^(january|february|march|april|may|june|july|august|september|october|november|december)$/;
const QUANTIFIER = new Set(wordsOf('quantifiers'));
const VERBAL_BEFORE = new Set(wordsOf('verbalBefore'));
/** "backed" in "Iran-backed plots": participles that join a name to the noun it modifies. */
export const HYPHEN_PARTICIPLES = wordsOf('hyphenParticiples');
const BY_HYPHEN = wordsRegExp(HYPHEN_PARTICIPLES);
const TARGETING_OF = wordsRegExp(wordsOf('targetingHeads'));
const VICTIM_KIND = /^(company|government|ngo|media|research|court)$/;
const WEEKDAY = /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/;
const NAMED_BATTLE = /^(battle|siege)$/;
const CONFLICT = /^(war|invasion|conflict|occupation|offensive|insurgency)$/;

// A word that can stand before a head noun: an adjective or noun, not a verb or
// function word ("commit intrusions", "mount attacks" are verb phrases).
const isModifier = (w: string): boolean => {
  const tags = lexTags(w);
  if (cues.caseHeads[w.toLowerCase()]) return true; // "hacking campaign", "bombing plot"
  if (tags.some((t) => /Adjective|Singular|Plural|Noun/.test(t)) && !tags.some((t) => /Determiner|Preposition|Pronoun|Conjunction|Copula|Modal/.test(t)))
    return true;
  if (tags.length) return false;
  return !/(?:ing|ed)$/.test(w) || /^[A-Z]/.test(w);
};
const DETERMINER = new Set(['the', 'a', 'an', 'its', 'their', 'his', 'her', 'our', 'more', 'than', 'over', 'some', 'about']);
const NUMBER_WORD = /^(?:\d[\d,.]*|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|thousands)$/;

/**
 * The end of a plain noun phrase starting at token `k` ("two men", "members of the
 * military", "a U.S.-based journalist and human rights activist"), or `k` when none starts
 * there. Names inside are kept ("the UK's networks"); a verb, a clause word or a second
 * preposition other than one "of" ends it.
 */
function plainObject(ctx: SentenceCtx, k: number, targets?: Span[]): number {
  const { tokens } = ctx;
  let i = k;
  if (/^(kind|sort|type|own)$/.test(tokens[k + 1]?.key ?? '')) return k; // "of its kind", "of their own"
  while (i < tokens.length && (DETERMINER.has(tokens[i]!.key) || NUMBER_WORD.test(tokens[i]!.key))) i++;
  let nouns = 0;
  let ofs = 0;
  const limit = k + 10;
  while (i < tokens.length && i < limit) {
    const t = tokens[i]!;
    const span = covered(ctx, i);
    if (span) {
      // a person or group inside the object is its target ("members of the Burkina Faso military");
      // a place that is not a modifier ("an Iranian dissident", "Burkina Faso's military") ends
      // it, so that its own links ("Odesa, Ukraine") stay readable
      if (span.t0 !== i || span.ent.type === 'Case' || span.via === 'pronoun') break;
      const after = tokens[span.t1];
      // ("a Ukrainian-linked commercial property": a State joined to a participle modifies the noun too)
      const joined = after?.text === '-' && BY_HYPHEN.test(tokens[span.t1 + 1]?.key ?? '');
      const modifies =
        after !== undefined && (joined || /^['’]s$/.test(after.text) || (after.word && !after.cap && isModifier(after.text) && !isStructural(after.text)));
      if ((span.ent.type === 'Place' || span.ent.type === 'State') && !modifies) break;
      if (span.ent.type === 'Group' || span.ent.type === 'Actor') targets?.push(span);
      i = span.t1;
      nouns++;
      // "the killing of Sir David Amess shocked Parliament": a plain word after a person's name belongs to the clause
      if (span.ent.type === 'Actor' && after?.word && !after.cap && after.key !== 'and') break;
      continue;
    }
    if (/^['’]s$/.test(t.text) && nouns) {
      i++;
      continue;
    }
    // "attacks on September 18": a date says when, not against whom
    if (MONTH.test(t.key) || /^(worth|valued|totalling|totaling)$/.test(t.key)) break;
    if (t.text === '-' && tokens[i + 1]?.word && nouns) {
      i += 2;
      continue;
    }
    if (t.key === 'of' && nouns && ofs === 0) {
      ofs++;
      let j = i + 1;
      while (j < tokens.length && (DETERMINER.has(tokens[j]!.key) || NUMBER_WORD.test(tokens[j]!.key))) j++;
      // "of its kind", "of their own": no object follows
      if (!tokens[j]?.word || STOP_LEFT.has(tokens[j]!.key) || isStructural(tokens[j]!.text) || /^(kind|sort|type|own)$/.test(tokens[j]!.key)) break;
      i = j;
      continue;
    }
    // "a journalist and human rights activist": a second noun phrase joined to the first
    // ("the Olympic and Paralympic Games": two capitalised words joined inside one name)
    const joined = tokens[i + 1]?.cap ? tokens[i - 1]!.cap : isModifier(tokens[i + 1]?.text ?? '');
    if (t.key === 'and' && nouns && tokens[i + 1]?.word && joined && !isStructural(tokens[i + 1]!.text)) {
      i++;
      continue;
    }
    if (!t.word || STOP_LEFT.has(t.key) || isStructural(t.text)) break;
    // a people word ("councillor", "journalists") is a noun here too
    if (!t.cap && !isModifier(t.text) && !lexTags(t.text).includes('Actor')) break;
    if (lexTags(t.text).some((x) => /Verb|Adverb/.test(x)) && !lexTags(t.text).some((x) => /Noun|Singular|Plural/.test(x))) break;
    i++;
    nouns++;
  }
  // the phrase ends on a word, not on "'s" or a joining word
  while (i > k && (/^['’]s$/.test(tokens[i - 1]!.text) || ['and', 'of'].includes(tokens[i - 1]!.key) || DETERMINER.has(tokens[i - 1]!.key))) i--;
  return nouns ? i : k;
}

const PURPOSE_STOP = new Set(wordsOf('purposeStop'));
const ACTING_PEOPLE = new Set(wordsOf('actingPeople'));
const AIMS = new Set(wordsOf('aims'));
const GENERIC_MODIFIER = wordsRegExp(wordsOf('genericModifiers'));
const COPULA = new Set(['was', 'were', 'is', 'are', 'be', 'been']);
const AUXILIARY = new Set(wordsOf('auxiliaries'));
const SERIES = new Set(wordsOf('seriesNouns'));
const EVENT_PARTICIPLE = new Set(wordsOf('eventParticiples'));
const COMPARATIVE = new Set(wordsOf('comparatives'));
const ELECTORAL = new Set(wordsOf('electoralCampaigns'));
// "attacks against commercial vessels": words that are not verbs or function words
const isStructural = (w: string): boolean => lexTags(w).some((t) => /Determiner|Preposition|Conjunction|Pronoun|Copula|Modal|Auxiliary|QuestionWord/.test(t));
const DEFINITE = new Set(['the', 'this', 'that', 'these', 'those', 'its', 'their', 'his', 'her', 'our', "'s"]);

type Role = 'pre' | 'by' | 'in' | 'on' | 'of';
interface Part {
  span: Span;
  role: Role;
  /** one of two sides joined by a dash ("the Iran–Iraq war"): a party, not a victim */
  side?: boolean;
}
/**
 * A case phrase being read: the head noun at token `h`, the phrase's tokens [l, r), the
 * entities inside it with their roles, a possessor ("Russia's invasion") and whether a count
 * or quantifier makes it generic ("43 attack plots", "several attacks").
 */
interface Phrase {
  h: number;
  head: string;
  l: number;
  r: number;
  inside: Part[];
  possessor?: Span;
  quantified: boolean;
}

// "Russia - Ukraine war" is the normalised text's form of "Russia–Ukraine war"
const dashedName = (name: string): string => name.replace(/(\p{Lu}\p{L}*) - (?=\p{Lu})/gu, '$1–');

/** Left of the head: modifiers, entity modifiers ("ISKP attack"), "X-backed", a possessor. */
function readLeft(ctx: SentenceCtx, p: Phrase): void {
  const { tokens } = ctx;
  const { h, inside } = p;
  let l = h;
  let mods = 0;
  while (l > 0 && mods < 4) {
    const t = tokens[l - 1]!;
    const span = covered(ctx, l - 1);
    if (span && span.ent.type !== 'Case') {
      if (span.via === 'pronoun') break;
      inside.push({ span, role: 'pre' });
      l = span.t0;
      mods++;
      // "Bangladesh Bank robbery": a name read as two mentions is one name before the head
      const before = covered(ctx, l - 1);
      if (before && before.ent.type !== 'Case' && before.via === 'name' && before.t1 === l && tokens[l]!.cap) {
        inside.push({ span: before, role: 'pre' });
        l = before.t0;
      }
      // "the Russia–Ukraine war", "the Iran-Iraq war": two parties joined by a dash
      const other = /^[-–—]$/.test(tokens[l - 1]?.text ?? '') ? covered(ctx, l - 2) : undefined;
      if (other && other.t1 === l - 1 && other.ent.type !== 'Case' && other.via !== 'pronoun') {
        inside.at(-1)!.side = true;
        inside.push({ span: other, role: 'pre', side: true });
        l = other.t0;
      }
      if (/^\d{4}$/.test(tokens[l - 1]?.text ?? '')) l--; // "2024 Baltic Sea cable disruptions"
      break;
    }
    // "the October 7 attacks"; "the 13 January defacements" (a day before its month is a date, not a count)
    if (/^\d{1,2}$/.test(t.text) && MONTH.test(tokens[l - 2]?.key ?? '')) {
      l -= 2;
      mods++;
      continue;
    }
    if (MONTH.test(t.key) && /^\d{1,2}$/.test(tokens[l - 2]?.text ?? '')) {
      l -= 2;
      mods++;
      continue;
    }
    if (t.text === "'s") {
      p.possessor = possessorBefore(ctx, l - 1);
      break;
    }
    if (BY_HYPHEN.test(t.key) && tokens[l - 2]?.text === '-') {
      const by = covered(ctx, l - 3);
      if (by && by.ent.type !== 'Case') {
        inside.push({ span: by, role: 'by' });
        l = by.t0;
        mods++;
        continue;
      }
    }
    // "murder-for-hire plot", "late-stage attack": a hyphenated compound is one modifier
    if (t.text === '-' && tokens[l - 2]?.word) {
      l -= 2;
      continue;
    }
    if (/^\d{4}$/.test(t.text)) {
      l--;
      mods++;
      continue;
    }
    // a count ("43 attack plots") makes a phrase generic; an amount ("$1.5bn heist") does not
    if (!t.word || /^\d/.test(t.text)) {
      p.quantified = /^\d+$/.test(t.text) && !/^[$£€]$/.test(tokens[l - 2]?.text ?? '');
      break;
    }
    if (STOP_LEFT.has(t.key)) break;
    if (QUANTIFIER.has(t.key)) {
      p.quantified = true;
      break;
    }
    if (!isLeftModifier(ctx, p, l - 1)) break;
    l--;
    mods++;
  }
  while (l < h && tokens[l]!.text === '-') l++;
  p.l = l;
}

/** The owner before "'s" at token `s`, if an entity other than a case. */
function possessorBefore(ctx: SentenceCtx, s: number): Span | undefined {
  // "the Iranian regime's repression", "the Chinese government's campaign": the State is the possessor
  const ruler = /^(?:regime|government|state|leadership|authorities)$/.test(ctx.tokens[s - 1]?.key ?? '') ? covered(ctx, s - 2) : undefined;
  const owner = covered(ctx, s - 1) ?? (ruler?.ent.type === 'State' ? ruler : undefined);
  return owner && owner.ent.type !== 'Case' ? owner : undefined;
}

/** Whether the plain word at token `i`, left of the phrase read so far, modifies the head. */
function isLeftModifier(ctx: SentenceCtx, p: Phrase, i: number): boolean {
  const { tokens } = ctx;
  const t = tokens[i]!;
  const l = i + 1;
  // a capital at the start says nothing, unless it opens a name ("Sony Pictures hack")
  if (t.cap && !ctx.titleCase && i === 0 && !(l < p.h && tokens[l]!.cap)) return false;
  // an unknown -ing word right before the head, after an article: "the phishing campaign"
  const gerundNoun = l === p.h && /ing$/.test(t.key) && !lexTags(t.text).length && ['the', 'a', 'an'].includes(tokens[i - 1]?.key ?? '');
  if (!t.cap && !isModifier(t.text) && !gerundNoun && !EVENT_PARTICIPLE.has(t.key)) return false;
  // "has exposed malign activity": a participle after an auxiliary is the verb, not a modifier
  return !(/(?:ed|en)$/.test(t.key) && AUXILIARY.has(tokens[i - 1]?.key ?? ''));
}

/** Right of the head: its objects and places, what it is made of, its purpose, its target. */
function readRight(ctx: SentenceCtx, p: Phrase): void {
  const { tokens } = ctx;
  const { h } = p;
  objectsAfter(ctx, p);
  while (p.r > h + 1 && /^['’]s$/.test(tokens[p.r - 1]!.text)) p.r--; // "into the UK's …" ends on the UK
  placeAfter(ctx, p);
  madeOf(ctx, p);
  purposeClause(ctx, p);
  targetAfter(ctx, p);
}

const OBJECT_PREP = ['in', 'on', 'against', 'of', 'targeting', 'across', 'into'];

/** "in X", "on X", "against X", "of X" (and lists "X, Y and Z"), or a plain noun phrase object. */
function objectsAfter(ctx: SentenceCtx, p: Phrase): void {
  const { h, head, inside } = p;
  const prep = ctx.tokens[h + 1]?.key;
  if (!prep || !OBJECT_PREP.includes(prep)) return;
  const k = objectStart(ctx, p, prep);
  const first = covered(ctx, k);
  if (first && first.t0 === k && first.ent.type !== 'Case') {
    listedObjects(ctx, p, prep, k, first);
  } else if (
    !first &&
    (prep === 'on' || prep === 'against' || prep === 'into' || (prep === 'of' && TARGETING_OF.test(head))) &&
    !inside.some((x) => x.role === 'by')
  ) {
    // "the murder of two men", "an intrusion into the UK's networks": the event's object
    // is a plain noun phrase; the name runs to its end (an "X-backed" event is named
    // by its sponsor already: "the Iran-backed plots")
    const targets: Span[] = [];
    const end = plainObject(ctx, h + 2, targets);
    if (end > h + 2) {
      p.r = end;
      for (const span of targets) inside.push({ span, role: 'on' });
    }
  }
}

/** The token where the object after the preposition at `h + 1` starts. */
function objectStart(ctx: SentenceCtx, p: Phrase, prep: string): number {
  const { tokens } = ctx;
  let k = p.h + 2;
  // "attacks against commercial vessels in the Red Sea": a plain object, then the place
  if ((prep === 'against' || prep === 'on') && !covered(ctx, k) && !covered(ctx, k + 1)) {
    let m = k;
    while (m < tokens.length && m < k + 4 && tokens[m]!.word && !tokens[m]!.cap && !STOP_LEFT.has(tokens[m]!.key) && !isStructural(tokens[m]!.text)) m++;
    if (m > k && ['in', 'across'].includes(tokens[m]?.key ?? '')) {
      k = m + 1;
    }
  }
  if (tokens[k]?.key === 'the') k++;
  // "the poisoning of former spy Sergei Skripal": a description before the person
  if (TARGETING_OF.test(p.head) && (prep === 'of' || prep === 'on' || prep === 'against') && !covered(ctx, k)) {
    let m = k;
    while (m < tokens.length && m < k + 3 && tokens[m]!.word && !tokens[m]!.cap && !isStructural(tokens[m]!.text)) m++;
    if (m > k && covered(ctx, m)?.ent.type === 'Actor' && covered(ctx, m)?.t0 === m) k = m;
  }
  return k;
}

/** The entities after the preposition, starting at `first` (token `k`): "in Moscow", "on Israel, Jordan and Egypt". */
function listedObjects(ctx: SentenceCtx, p: Phrase, prep: string, k: number, first: Span): void {
  const { tokens } = ctx;
  const inAt = tokens[k - 1]?.key === 'the' ? tokens[k - 2]?.key : tokens[k - 1]?.key;
  const role = inAt === 'in' || inAt === 'across' || prep === 'in' || prep === 'across' ? 'in' : prep === 'of' ? 'of' : 'on';
  for (;;) {
    // "the killing of Iranian General Soleimani": the person, not the demonym
    const personAt = [covered(ctx, first.t1), covered(ctx, first.t1 + 1), covered(ctx, first.t1 + 2)].find((x) => x?.ent.type === 'Actor');
    if (first.via === 'demonym' && personAt) first = personAt;
    p.inside.push({ span: first, role });
    p.r = first.t1;
    // "a campaign of Russian malicious cyber activity": a demonym names a party to the noun after it
    if (first.via === 'demonym' && role !== 'on') p.r = wordsAfter(ctx, p.r, 4, (t) => !isStructural(t.text));
    // "the assassination of the Saudi Arabian Ambassador": a demonym and an office name its holder
    if (first.via === 'demonym' && p.r === first.t1 && !covered(ctx, p.r)) p.r = officeAt(ctx, p.r)?.t1 ?? p.r;
    // "against UK parliamentarians", "on U.S. telecommunications companies"
    if (role === 'on' && (first.ent.type === 'State' || first.via === 'demonym')) p.r = wordsAfter(ctx, p.r, 3, (t) => isModifier(t.text));
    let n = first.t1;
    if (tokens[n]?.text === ',') n++;
    if (tokens[n]?.key === 'and') n++;
    if (tokens[n]?.key === 'the') n++;
    const next = covered(ctx, n);
    // "in Lyon, the French police opened …": a demonym after a name starts a new clause, not the list
    const listed = next && next.t0 === n && next.ent.type !== 'Case' && (next.via !== 'demonym' || first.via === 'demonym');
    // "in Tunis, Tunisia": a place list may mix places and States; "in the Middle East, FinCEN urges …" is a new clause
    const place = (e: Ent): boolean => e.type === 'Place' || e.type === 'State';
    if (n > first.t1 && next && listed && (next.ent.type === first.ent.type || (role === 'in' && place(next.ent) && place(first.ent)))) first = next;
    else break;
  }
}

/** The end of up to `most` lower-case content words from token `k` that pass `ok`. */
function wordsAfter(ctx: SentenceCtx, k: number, most: number, ok: (t: Token) => boolean): number {
  const { tokens } = ctx;
  let i = k;
  while (i < tokens.length && i < k + most && tokens[i]!.word && !tokens[i]!.cap && !STOP_LEFT.has(tokens[i]!.key) && ok(tokens[i]!)) i++;
  return i;
}

/** "the attack on the concert hall in Moscow": a second phrase giving the place. */
function placeAfter(ctx: SentenceCtx, p: Phrase): void {
  const { tokens } = ctx;
  if (p.r > p.h + 1 && ['in', 'near'].includes(tokens[p.r]?.key ?? '')) {
    const k = tokens[p.r + 1]?.key === 'the' ? p.r + 2 : p.r + 1;
    const where = covered(ctx, k);
    if (where && where.t0 === k && (where.ent.type === 'Place' || where.ent.type === 'State')) {
      p.inside.push({ span: where, role: 'in' });
      p.r = where.t1;
    }
  }
}

/** "campaign of media manipulation and distortion of facts": what the campaign is made of. */
function madeOf(ctx: SentenceCtx, p: Phrase): void {
  const { tokens } = ctx;
  const { r } = p;
  if (r === p.h + 1 && /^(campaign|campaigns|operation|acts|scheme|schemes)$/.test(p.head) && tokens[r]?.key === 'of') {
    let k = r + 1;
    // "Russia's campaign of subversion poses a serious challenge": a word before an article is the clause's verb
    const isVerbBeforeArticle = (i: number): boolean => i > r + 1 && ['a', 'an', 'the'].includes(tokens[i + 1]?.key ?? '');
    while (
      k < tokens.length &&
      k < r + 9 &&
      tokens[k]!.word &&
      !tokens[k]!.cap &&
      (['and', 'of'].includes(tokens[k]!.key) || (isModifier(tokens[k]!.text) && !isVerbBeforeArticle(k)))
    )
      k++;
    while (k > r + 1 && ['and', 'of'].includes(tokens[k - 1]!.key)) k--;
    if (k > r + 1) p.r = k;
  }
}

/** "plot to assassinate a politician": a purpose clause names a plot. */
function purposeClause(ctx: SentenceCtx, p: Phrase): void {
  const { tokens } = ctx;
  const { r } = p;
  if (
    r === p.h + 1 &&
    /^(plot|plots|scheme|conspiracy|attempts|efforts|campaign)$/.test(p.head) &&
    tokens[r]?.key === 'to' &&
    lexTags(tokens[r + 1]?.text ?? '').some((t) => /Infinitive/.test(t))
  ) {
    let k = r + 2;
    // "to kidnap a U.S.-based journalist": a hyphenated word is one word
    const inWord = (t: Token): boolean => t.word || (t.text === '-' && k > r + 2);
    while (k < tokens.length && k < r + 12 && inWord(tokens[k]!) && !PURPOSE_STOP.has(tokens[k]!.key)) k++;
    while (k > r + 2 && tokens[k - 1]!.text === '-') k--;
    if (k > r + 2) p.r = k;
  }
}

/** "a campaign of hostile activity against the UK": the target after the phrase. */
function targetAfter(ctx: SentenceCtx, p: Phrase): void {
  const { tokens } = ctx;
  const { h } = p;
  while (p.r > h + 1 && ['against', 'on', 'of', 'in', 'to', 'and', 'targeting'].includes(tokens[p.r - 1]!.key)) p.r--;
  if (p.r > h + 1 && ['against', 'targeting', 'on'].includes(tokens[p.r]?.key ?? '')) {
    const k = tokens[p.r + 1]?.key === 'the' ? p.r + 2 : p.r + 1;
    const target = covered(ctx, k);
    if (target && target.t0 === k && target.ent.type !== 'Case' && target.via !== 'pronoun') {
      p.inside.push({ span: target, role: 'on' });
      p.r = target.t1;
    }
  }
}

/**
 * An event the text names by a word of its own before the head: a date ("the September 11
 * attacks") or a capitalised word that is no known entity ("the WannaCry attack").
 */
function isNamedEvent(ctx: SentenceCtx, p: Phrase): boolean {
  if (ctx.titleCase) return false;
  const { tokens } = ctx;
  for (let i = p.l; i < p.h; i++) {
    const t = tokens[i]!;
    if (MONTH.test(t.key) && /^\d{1,2}$/.test(tokens[i + 1]?.text ?? '')) return true;
    // "the 2018 Salisbury poisoning of …": a year and a place before the head name the event
    if (/^(?:19|20)\d{2}$/.test(t.text) && tokens.slice(i + 1, p.h).some((_, k) => covered(ctx, i + 1 + k)?.ent.type === 'Place')) return true;
    if (i > 0 && t.word && /^\p{Lu}/u.test(t.text) && !covered(ctx, i) && !MONTH.test(t.key) && !WEEKDAY.test(t.key)) return true;
  }
  return false;
}

/**
 * "Navalny's poisoning", "Dawn Sturgess's death": a person owns what was done to them
 * ("Smith's killing of his wife" has its victim after "of": there Smith did it).
 */
function ownedByVictim(ctx: SentenceCtx, p: Phrase): boolean {
  return p.possessor?.ent.type === 'Actor' && VICTIM_HEAD.test(p.head) && ctx.tokens[p.h + 1]?.key !== 'of';
}

/** The capitalised words before the head that no entity covers: the event's own name ("WannaCry"). */
function ownName(ctx: SentenceCtx, p: Phrase): string | undefined {
  const words = ctx.tokens
    .slice(p.l, p.h)
    .filter((t, k) => t.word && /^\p{Lu}/u.test(t.text) && !covered(ctx, p.l + k) && !MONTH.test(t.key) && !WEEKDAY.test(t.key));
  return words.length ? words.map((t) => t.key).join(' ') : undefined;
}

/** "the fires were Russian sabotage": a predicate about a case already named, not a new one. */
function isPredicate(ctx: SentenceCtx, p: Phrase): boolean {
  const { l } = p;
  return COPULA.has(ctx.tokens[l - 1]?.key ?? '') && p.inside.some((x) => x.span.via === 'demonym') && ctx.spans.some((x) => x.ent.type === 'Case' && x.t1 < l);
}

/** A weak head ("activity", "actions") with too little around it to name an event. */
function isBareWeakHead(ctx: SentenceCtx, p: Phrase): boolean {
  const { tokens } = ctx;
  const { h, l, r, head, inside, possessor } = p;
  if (!WEAK.has(head)) return false;
  // "the death of Alexei Navalny": a death is an event when the text names whose
  if (head === 'death') return !inside.some((x) => x.role === 'of' && x.span.ent.type === 'Actor');
  const hasEntity = inside.length > 0 || possessor !== undefined;
  // "the hacking operation", "intrusion campaigns": a strong head as modifier makes a weak head an event
  const strongMod = h > l && !WEAK.has(tokens[h - 1]!.key) && cues.caseHeads[tokens[h - 1]!.key] !== undefined;
  if (!hasEntity && !strongMod && !(tokens[l - 1]?.key === 'of' && SERIES.has(tokens[l - 2]?.key ?? ''))) return true;
  // "the GRU's actions", "Iran's attempt": a weak head needs more than its owner to be an event
  return inside.length === 0 && possessor !== undefined && !strongMod && h - l === 0 && r === h + 1;
}

// "orchestrated", "carried out": the past forms of the verbs of perpetration (data/lexicons/predicates.json)
const PERPETRATED = new Set(
  perpetrationLemmas()
    .map((l) => (nlp(l).verbs() as unknown as { conjugate(): Array<{ PastTense?: string }> }).conjugate()[0]?.PastTense?.toLowerCase())
    .filter((f): f is string => f !== undefined),
);

/** Without a named party or place, only a definite or well-qualified phrase names an event. */
function namesEventAlone(ctx: SentenceCtx, p: Phrase): boolean {
  const { tokens } = ctx;
  const { h, l, r, head } = p;
  const nMods = h - l;
  if (ctx.titleCase) return false;
  const det = tokens[l - 1]?.key ?? '';
  const singular = !/s$/.test(head) || /ss$/.test(head);
  // "a series of parcel fires", "a wave of arson attacks": one set of events
  const series = det === 'of' && SERIES.has(tokens[l - 2]?.key ?? '');
  // a headline drops its articles: "Parcel fires were sabotage"
  const headline = ctx.sentence.index === 0 && l <= 1;
  // "Russian military intelligence orchestrated parcel fires": what someone carried out is one set of events
  const perpetrated = PERPETRATED.has(det) || PERPETRATED.has(`${tokens[l - 2]?.key ?? ''} ${det}`);
  const ok =
    DEFINITE.has(det) || series
      ? nMods >= 1 || r > h + 1
      : ((det === 'a' || det === 'an') && singular && nMods >= 1) || ((headline || perpetrated) && nMods >= 1);
  if (!ok) return false;
  // "the cyber attacks", "a data breach": with no party, place or complement, a phrase of
  // generic words names no particular event
  // ("the data breach" in an article about it stays: a definite singular points at one event)
  return !(r === h + 1 && !(DEFINITE.has(det) && singular) && tokens.slice(l, h).every((t) => !t.word || GENERIC_MODIFIER.test(t.key)));
}

// `named`: the text gave the case a name ("Battle of Mosul"); a later description does not rename it
interface CaseRec {
  ent: Ent;
  head: string;
  ents: Set<Ent>;
  sentence: number;
  named?: boolean;
  /** the capitalised words of its own that name it ("WannaCry"), lower-cased */
  ownName?: string;
}

export class CaseFinder {
  readonly facts: CaseFact[] = [];
  private readonly cases: CaseRec[] = [];

  constructor(private readonly reg: Registry) {}

  find(ctx: SentenceCtx): void {
    this.legalCases(ctx);
    this.namedOperations(ctx);
    if (ctx.headline) this.titleEvent(ctx);
    // a headline capitalises every word: its phrases ("Iranian Plots to Commit Crimes") are read in the body
    if (ctx.titleCase) return;
    const { tokens } = ctx;
    for (let i = 0; i < tokens.length; i++) {
      const tok = tokens[i]!;
      const head = tok.key;
      const kind = cues.caseHeads[head];
      if (!kind) continue;
      const over = covered(ctx, i);
      if (over) {
        // "in the Gulf Campaign": a place guessed from the preposition may be an event's name
        if (tok.cap && i > 0 && over.ent.type === 'Place' && over.via === 'cue' && over.t1 === i + 1) this.namedEvent(ctx, i, kind);
        continue;
      }
      if (tok.cap && !ctx.titleCase && i > 0) {
        this.namedEvent(ctx, i, kind); // "the Iraq War", "the Defence Personnel Data Breach"
        continue; // otherwise part of a name we did not know
      }
      const prevTok = tokens[i - 1];
      if (prevTok && VERBAL_BEFORE.has(prevTok.key)) continue;
      // "arson attack": the last of two head nouns heads the phrase
      if (tokens[i + 1] && cues.caseHeads[tokens[i + 1]!.key] && !tokens[i + 1]!.cap) continue;
      // "a murder-for-hire scheme", "a hack-and-leak operation": a head inside a hyphenated compound modifies what follows
      if (tokens[i + 1]?.text === '-' && tokens[i + 2]?.word && tokens[i + 2]!.start === tokens[i + 1]!.end) continue;
      // "a hacking group", "the bombing suspects": the head noun modifies the people who act
      if (ACTING_PEOPLE.has(tokens[i + 1]?.key ?? '')) continue;
      // "economic espionage and foreign intelligence objectives": a coordinated modifier of an aim
      if (['and', 'or'].includes(tokens[i + 1]?.key ?? '') && tokens.slice(i + 2, i + 6).some((t) => AIMS.has(t.key))) continue;
      this.phrase(ctx, i, head, kind);
    }
    this.defineBySubject(ctx);
  }

  /**
   * A case phrase around head noun `h`: read its left and right qualifiers, decide whether it
   * names an event, then register the case and the relations its entities give.
   */
  private phrase(ctx: SentenceCtx, h: number, head: string, kind: string): void {
    const p: Phrase = { h, head, l: h, r: h + 1, inside: [], quantified: false };
    readLeft(ctx, p);
    const named = isNamedEvent(ctx, p);
    readRight(ctx, p);
    // "the Republican presidential campaign": a campaign for an election is no event (ONTOLOGY.md)
    if (/^campaigns?$/.test(head) && ctx.tokens.slice(p.l, h).some((t) => ELECTORAL.has(t.key))) return;
    // "the WannaCry ransomware campaign": a name of its own makes a weak head an event
    if (isPredicate(ctx, p) || (!named && isBareWeakHead(ctx, p))) return;
    if (this.comparison(ctx, p) || this.leadDescription(ctx, p)) return;
    // "the ongoing conflict in the Middle East" is named "conflict in the Middle East"
    while (p.l < h && DROPPED.has(ctx.tokens[p.l]!.key)) p.l++;
    if (p.quantified && !p.inside.some((x) => x.role === 'by' || x.role === 'pre')) return;
    const hasEntity = p.inside.length > 0 || p.possessor !== undefined;
    if (!hasEntity && h === p.l && p.r === h + 1) {
      this.anaphor(ctx, h, head);
      return;
    }
    if (!hasEntity && !namesEventAlone(ctx, p)) return;
    // "Russia's destabilising activities", "Russia's illegal war against Ukraine": the possessor is part of the name
    const from = p.possessor && !named ? p.possessor.t0 : p.l;
    // "the 1980 Oktoberfest bombing in Munich" is named "1980 Oktoberfest bombing": its place
    // and target stay relations, not part of a name the text has already given
    let to = named ? h + 1 : p.r;
    // "… against Government departments - ***": a dash or comma closes the phrase, it is no part of the name
    while (to > h + 1 && !ctx.tokens[to - 1]!.word) to--;
    const name = dashedName(spanText(ctx, from, to).replace(/^(the|a|an) /i, ''));
    if (name.split(' ').length > 14) return;
    const ent = this.caseEntity(ctx, name, new Set(p.inside.map((x) => x.span.ent)), head.replace(/s$/, ''), kind, named ? ownName(ctx, p) : undefined);
    addSpan(ctx, { ent, t0: from, t1: to, via: 'case' });
    this.phraseFacts(ctx, ent, p);
  }

  /**
   * The case a phrase names: one seen before with the same head and the same (or no) entities,
   * or a new one. A more specific phrase for a case already seen becomes its name.
   */
  private caseEntity(ctx: SentenceCtx, name: string, ents: Set<Ent>, lemma: string, kind: string, own?: string): Ent {
    const lname = name.toLowerCase();
    // "the WannaCry ransomware campaign", later "the WannaCry ransomware incident": one event by its own name, whatever the head
    const byOwnName = own ? this.cases.find((c) => c.ownName === own) : undefined;
    if (byOwnName) {
      this.reg.alias(byOwnName.ent, name);
      return byOwnName.ent;
    }
    const same =
      [...this.cases]
        .reverse()
        .find(
          (c) =>
            ents.size === 0 && c.ents.size === 0 && c.head === lemma && (c.ent.name.toLowerCase().endsWith(lname) || lname.endsWith(c.ent.name.toLowerCase())),
        ) ??
      [...this.cases].reverse().find((c) => c.head === lemma && ents.size > 0 && [...ents].every((e) => c.ents.has(e))) ??
      [...this.cases].reverse().find((c) => c.head === lemma && ents.size > 0 && c.ents.size === 0 && c.sentence >= ctx.sentence.index - 3);
    if (!same) {
      const ent = this.reg.get('Case', name, { kind });
      this.cases.push({ ent, head: lemma, ents, sentence: ctx.sentence.index, ownName: own });
      return ent;
    }
    const ent = same.ent;
    // "the Halle synagogue shooting" after "the synagogue shooting": the more specific phrase names it
    const moreSpecific = lname.length > same.ent.name.length && lname.endsWith(same.ent.name.toLowerCase());
    if ((same.ents.size < ents.size || moreSpecific) && !same.named) {
      this.reg.alias(ent, name);
      ent.aliases.add(ent.name);
      ent.aliases.delete(name);
      ent.name = name;
      for (const e of ents) same.ents.add(e);
    } else this.reg.alias(ent, name);
    return ent;
  }

  /** The relations a case phrase gives: who did it, where, and against whom. */
  private phraseFacts(ctx: SentenceCtx, ent: Ent, p: Phrase): void {
    const { head, inside, possessor } = p;
    const s = ctx.sentence.index;
    const fact = (type: RelationType, from: Ent, to: Ent, rule: string): void => {
      this.facts.push({ type, from, to, sentence: s, rule });
    };
    const by: Part[] = possessor ? [{ span: possessor, role: 'by' }] : [];
    for (const { span, role, side } of [...inside, ...by]) {
      const e = span.ent;
      const named = e.type === 'State' && span.via === 'name' && role === 'pre';
      // a State before a war's head is its victim ("the Ukraine invasion"), unless it is one of two sides: then its place
      if ((role === 'pre' || role === 'by') && (e.type === 'Place' || (named && (side || !CONFLICT.test(head))))) {
        fact('OCCURRED_IN', ent, e, 'case-place-modifier');
      } else if (role === 'pre' && e.type === 'Group' && VICTIM_KIND.test(e.kind ?? '')) {
        // "the Bybit hack", "the Electoral Commission compromise": a company or public body before the head is the victim
        fact('TARGETED', ent, e, 'case-victim-modifier');
      } else if (role === 'pre' && ((e.type === 'State' && span.via === 'name' && CONFLICT.test(head)) || (e.type === 'Actor' && VICTIM_HEAD.test(head)))) {
        // "the Ukraine invasion", "the Macron e-mail leaks": the name before such a head is the victim
        fact('TARGETED', ent, e, 'case-victim-modifier');
      } else if (possessor === span && ownedByVictim(ctx, p)) {
        fact('TARGETED', ent, e, 'case-possessor-victim');
      } else if (role === 'pre' || role === 'by') {
        fact('RESPONSIBLE_FOR', e, ent, possessor === span ? 'case-possessor' : role === 'by' ? 'case-x-backed' : 'case-actor-modifier');
      } else if (role === 'in') fact('OCCURRED_IN', ent, e, 'case-in-place');
      else if (role === 'on') fact('TARGETED', ent, e, 'case-on-target');
      else if (role === 'of' && TARGETING_OF.test(head)) fact('TARGETED', ent, e, 'case-of-victim');
      else if (role === 'of' && CONFLICT.test(head) && e.type !== 'Actor') fact('OCCURRED_IN', ent, e, 'case-of-place');
    }
    // "Russia's invasion of Ukraine": the invader opposes the invaded
    if (CONFLICT.test(head)) {
      const doers = [...inside.filter((x) => x.role === 'by' || (x.role === 'pre' && x.span.via === 'demonym')), ...by]
        .filter((x) => x.span.ent.type === 'State')
        .map((x) => x.span.ent);
      const victims = inside.filter((x) => x.role === 'of' && x.span.ent.type === 'State').map((x) => x.span.ent);
      for (const d of doers)
        for (const v of victims)
          if (d !== v) {
            fact('OPPOSES', d, v, 'conflict-opposes');
            fact('TARGETED', ent, v, 'case-of-victim');
          }
    }
  }

  /**
   * "Operation Aurora", "Operation Ababil": an operation's code name is a Case. "the Battle
   * of Bakhmut", "the siege of Mariupol": a battle named by its place is a Case that
   * occurred there.
   */
  private namedOperations(ctx: SentenceCtx): void {
    const { tokens } = ctx;
    for (let i = 0; i + 1 < tokens.length; i++) {
      const battle = NAMED_BATTLE.test(tokens[i]!.key) && tokens[i + 1]!.key === 'of';
      if (tokens[i]!.text !== 'Operation' && !battle) continue;
      const first = battle ? i + 2 : i + 1;
      if (!tokens[first]?.cap || !tokens[first]!.word) continue;
      let j = first;
      while (j < tokens.length && tokens[j]!.cap && tokens[j]!.word && j < first + 3) j++;
      const clash = ctx.spans.filter((x) => x.t0 < j && i < x.t1);
      if (clash.some((x) => x.ent.type === 'Case' || x.t0 < i || x.t1 > j)) continue;
      const places = clash.filter((x) => battle && (x.ent.type === 'Place' || x.ent.type === 'State'));
      ctx.spans = ctx.spans.filter((x) => !clash.includes(x));
      ctx.inner.push(...places);
      const ent = this.reg.get('Case', spanText(ctx, i, j), { kind: battle ? 'conflict' : 'other' });
      this.cases.push({ ent, head: battle ? 'battle' : 'operation', ents: new Set(places.map((x) => x.ent)), sentence: ctx.sentence.index, named: true });
      addSpan(ctx, { ent, t0: i, t1: j, via: 'case' });
      for (const where of places) this.facts.push({ type: 'OCCURRED_IN', from: ent, to: where.ent, sentence: ctx.sentence.index, rule: 'case-named-battle' });
    }
  }

  /**
   * "Titan Rain was a series of coordinated attacks on …", "Operation Aurora was a series of
   * cyber attacks": a definition names the case by its subject; the description is an alias.
   */
  defineBySubject(ctx: SentenceCtx): void {
    const { tokens } = ctx;
    let k = tokens[0]?.key === 'the' ? 1 : 0;
    const s0 = k;
    while (k < tokens.length && tokens[k]!.cap && (tokens[k]!.word || /^\d+$/.test(tokens[k]!.text)) && k < s0 + 5) k++;
    // "The Office of Personnel Management data breach was a 2015 data breach": a case phrase as the whole subject
    const caseSubject = ctx.spans.find((x) => x.ent.type === 'Case' && x.t0 === s0 && x.t1 > k);
    if (caseSubject) k = caseSubject.t1;
    if (k === s0 || !['was', 'is'].includes(tokens[k]?.key ?? '') || !['a', 'an'].includes(tokens[k + 1]?.key ?? '')) return;
    const described = ctx.spans.find((x) => x.ent.type === 'Case' && x.via === 'case' && x.t0 >= k + 1 && x.t0 <= k + 6);
    if (!described) return;
    const subject = ctx.spans.filter((x) => x.t0 < k && x.t1 > s0);
    // "Operation Aurora was a series of cyber attacks": the description is another name of the named case
    const named = subject.length === 1 && subject[0]!.ent.type === 'Case' && subject[0]!.t0 === s0 && subject[0]!.t1 === k ? subject[0]!.ent : undefined;
    if (named && named !== described.ent) {
      const old = described.ent;
      if (this.cases.some((c) => c.ent === old && c.sentence !== ctx.sentence.index)) return; // named elsewhere too: keep both
      this.reg.alias(named, old.name);
      described.ent = named;
      for (const f of this.facts) {
        if (f.from === old) f.from = named;
        if (f.to === old) f.to = named;
      }
      for (const c of this.cases) if (c.ent === old) c.ent = named;
      this.reg.remove(old);
      return;
    }
    if (subject.some((x) => x.ent.type === 'Case' || x.t0 < s0 || x.t1 > k || x.via === 'pronoun')) return;
    // a person or a State as subject is no code name ("Russia is a threat")
    if (subject.some((x) => x.ent.type === 'Actor' || x.ent.type === 'State')) return;
    const name = spanText(ctx, s0, k);
    const ent = described.ent;
    this.reg.alias(ent, ent.name);
    ent.aliases.add(ent.name);
    ent.name = name;
    this.reg.alias(ent, name);
    ent.aliases.delete(name);
    ctx.spans = ctx.spans.filter((x) => !subject.includes(x));
    addSpan(ctx, { ent, t0: s0, t1: k, via: 'case' });
  }

  /**
   * A title that is a noun phrase ending in a case head names the article's incident, the way
   * an encyclopaedia names its entries: "Defence Personnel Data Breach", "Salisbury Incident",
   * "2018 Amesbury poisonings". A headline with a verb ("Minister condemns … for WannaCry
   * attacks") or a preposition is read as a sentence instead. The names inside stay mentions of
   * their own and give the relations they give in any case phrase.
   */
  private titleEvent(ctx: SentenceCtx): void {
    const { tokens } = ctx;
    const t0 = tokens[0]?.key === 'the' ? 1 : 0;
    const t1 = tokens.length - (tokens.at(-1)?.word ? 0 : 1);
    const head = tokens[t1 - 1]?.key ?? '';
    const kind = cues.caseHeads[head];
    if (!kind || t1 - t0 < 2 || t1 - t0 > 8 || ctx.spans.some((s) => s.ent.type === 'Case')) return;
    for (let i = t0; i < t1 - 1; i++) {
      const t = tokens[i]!;
      if (!t.word && !/^\d+$/.test(t.text) && t.text !== '-') return;
      if (covered(ctx, i)) continue;
      const tags = lexTags(t.text);
      if (tags.some((g) => /Verb|Preposition|Conjunction|Determiner|Pronoun|Adverb/.test(g)) && !tags.some((g) => /Noun|Adjective/.test(g))) return;
    }
    const inside = ctx.spans.filter((s) => s.t0 >= t0 && s.t1 <= t1);
    if (inside.some((s) => s.t0 === t0 && s.t1 === t1)) return;
    const ent = this.reg.get('Case', spanText(ctx, t0, t1), { kind });
    this.cases.push({ ent, head: head.replace(/s$/, ''), ents: new Set(inside.map((s) => s.ent)), sentence: ctx.sentence.index, named: true });
    ctx.spans = ctx.spans.filter((s) => !inside.includes(s));
    ctx.inner.push(...inside);
    addSpan(ctx, { ent, t0, t1, via: 'case' });
    // the names before the head say what they say in any case phrase ("Macron e-mail leaks", "Wagner Group rebellion")
    this.phraseFacts(ctx, ent, { h: t1 - 1, head, l: t0, r: t1, inside: inside.map((span) => ({ span, role: 'pre' as const })), quantified: false });
  }

  /**
   * "the deadliest terrorist attack in Iran since …", "the biggest attack on the Royal Navy for
   * decades": a superlative ranks the article's incident, it names no new one. The phrase is
   * another mention of that incident (or of the last case with its head), and its place and
   * target are that incident's.
   */
  private comparison(ctx: SentenceCtx, p: Phrase): boolean {
    const { tokens } = ctx;
    let k = p.l - 1;
    while (k >= 0 && k >= p.l - 4 && (tokens[k]!.key === 'and' || (tokens[k]!.word && !STOP_LEFT.has(tokens[k]!.key) && !COMPARATIVE.has(tokens[k]!.key)))) k--;
    if (k < 0 || !COMPARATIVE.has(tokens[k]!.key) || !DEFINITE.has(tokens[k - 1]?.key ?? '')) return false;
    if (tokens[k]!.key === 'most' && tokens[k + 1]?.key === 'recent') return false; // "the most recent attack on Viasat" dates one, it ranks none
    // the incident the article opens with (its title or lead), else the last case with this head
    const lemma = p.head.replace(/s$/, '');
    const opening = this.cases.find((c) => c.sentence <= 1);
    const prev = opening ?? [...this.cases].reverse().find((c) => c.head === lemma);
    if (prev) {
      addSpan(ctx, { ent: prev.ent, t0: k - 1, t1: p.r, via: 'case' });
      this.phraseFacts(ctx, prev.ent, { ...p, possessor: undefined, inside: p.inside.filter((x) => x.role !== 'pre') });
    }
    return true;
  }

  /**
   * "On 11 December 2018, a terrorist attack occurred in Strasbourg, France": in the lead of an
   * article whose title names one incident, an indefinite phrase of the same kind describes that
   * incident (ONTOLOGY.md: one event, many phrasings); its place and target are the incident's.
   */
  private leadDescription(ctx: SentenceCtx, p: Phrase): boolean {
    const opening = this.cases.find((c) => c.sentence === 0 && c.named);
    if (!opening || ctx.sentence.index > 3 || ctx.spans.some((s) => s.ent.type === 'Case')) return false;
    const det = ctx.tokens[p.l - 1]?.key ?? '';
    if (!['a', 'an'].includes(det) && !NUMBER_WORD.test(det)) return false;
    if (cues.caseHeads[p.head] !== opening.ent.kind) return false;
    addSpan(ctx, { ent: opening.ent, t0: p.l - 1, t1: p.r, via: 'case' });
    this.phraseFacts(ctx, opening.ent, p);
    return true;
  }

  /** "the breach" after "a data breach": the same case, found again. */
  private anaphor(ctx: SentenceCtx, h: number, head: string): void {
    const lemma = head.replace(/s$/, '');
    const before = ctx.tokens[h - 1]?.key ?? '';
    // "his poisoning" after "the poisoning of Alexei Navalny": an owner's pronoun names the case with that head
    const owner = ['his', 'her', 'its', 'their'].includes(before);
    if (before !== 'the' && !owner) return;
    // "the plot" after "the parcel fires" in an article about one incident: that incident
    // (ONTOLOGY.md: one event, many phrasings); with two incidents named, only the same head
    const incidents = new Set(this.cases.map((c) => c.ent));
    const prev = [...this.cases].reverse().find((c) => c.head === lemma) ?? (incidents.size === 1 && !owner ? this.cases[0] : undefined);
    if (prev) addSpan(ctx, { ent: prev.ent, t0: h - 1, t1: h + 1, via: 'case' });
  }

  /** "Osbourne v Persons Unknown", "D'Aloia v Persons Unknown & Others". */
  /**
   * A capitalised head noun closing a run of capitalised words after an article ("the Iraq War",
   * "the Defence Personnel Data Breach") names an event: one Case, the whole run; a State's name
   * inside it is no State of its own (ONTOLOGY.md). A capital after the head ("World War II", "Fraud
   * Task Force") makes the run some other name.
   */
  private namedEvent(ctx: SentenceCtx, h: number, kind: string): void {
    const { tokens } = ctx;
    if (tokens[h + 1]?.cap && tokens[h + 1]!.word) return;
    let a = h;
    // a State inside, or a place guessed from a preposition ("in the Gulf Campaign"), gives way
    const givesWay = (s: Span | undefined): boolean => !s || s.ent.type === 'State' || (s.ent.type === 'Place' && s.via === 'cue');
    for (;;) {
      if (a > 0 && tokens[a - 1]!.word && tokens[a - 1]!.cap && givesWay(covered(ctx, a - 1))) a--;
      // "the Iran–Iraq War": two States joined by a dash
      else if (a > 1 && a < h && /^[-–—]$/.test(tokens[a - 1]!.text) && tokens[a - 2]!.cap && covered(ctx, a - 2)?.ent.type === 'State') a--;
      else break;
    }
    if (a === h || a === 0 || tokens[a - 1]?.key !== 'the') return;
    const ent = this.reg.get('Case', dashedName(spanText(ctx, a, h + 1)), { kind });
    const inside = ctx.spans.filter((s) => s.t0 >= a && s.t1 <= h + 1);
    ctx.spans = ctx.spans.filter((s) => !inside.includes(s));
    addSpan(ctx, { ent, t0: a, t1: h + 1, via: 'case' });
  }

  /** The Group or State a gazetteer knows by exactly this name ("SEC", "CFTC"), if any. */
  private knownBody(name: string): Ent | undefined {
    const entry = wholeNameMatch(name)?.entries.find((e) => e.type === 'Group' || e.type === 'State');
    return entry && spanFor(this.reg, entry);
  }

  private legalCases(ctx: SentenceCtx): void {
    const { tokens } = ctx;
    for (let i = 1; i + 1 < tokens.length; i++) {
      const v = tokens[i]!;
      if (!/^(v|v\.|vs|vs\.)$/.test(v.text) || !tokens[i - 1]!.cap) continue;
      let a = i;
      while (a > 0 && tokens[a - 1]!.word && tokens[a - 1]!.cap) a--;
      while (a < i - 1 && lexTags(tokens[a]!.text).some((t) => /Verb|Preposition|Determiner|Adverb|Conjunction/.test(t))) a++;
      let b = i + 1;
      while (b < tokens.length && (tokens[b]!.cap || /^[()&.,]$/.test(tokens[b]!.text) || /^\d$/.test(tokens[b]!.text))) {
        // a case is known by its first party on each side: "SEC v. Coinbase, Inc." is SEC v. Coinbase
        // "Approximately 225,364,961 USDT": a comma between groups of digits is part of the number
        const inNumber = /^\d+$/.test(tokens[b - 1]?.text ?? '') && /^\d{3}$/.test(tokens[b + 1]?.text ?? '');
        if (tokens[b]!.text === ',' && !inNumber && (!tokens[b + 1]?.cap || b > i + 1)) break;
        b++;
      }
      // "Piroozzadeh v Persons Unknown Category A & Ors": unknown defendants end the usual title
      const unknown = tokens.findIndex((t, k) => k > i && k < b && t.key === 'unknown' && /^persons?$/.test(tokens[k - 1]!.key));
      if (unknown > 0) b = unknown + 1;
      while (b > i + 1 && /^[(&,.]$/.test(tokens[b - 1]!.text)) b--;
      if (b <= i + 1) continue;
      const name = spanText(ctx, a, b);
      const ent = this.reg.get('Case', name, { kind: 'legal' });
      // parties: the claimant before "v"; named defendants after it, not "Persons Unknown"
      const left = ctx.spans.filter((s) => s.t0 >= a && s.t1 <= i && s.ent.type !== 'Case');
      const leftName = spanText(ctx, left.length ? left[0]!.t0 : a, i).replace(/^\(\d\)\s*/, '');
      // a known body written short in a headline, where acronyms are not taken ("SEC v. Bittrex")
      const known = leftName ? this.knownBody(leftName) : undefined;
      const claimant = left[0]?.ent ?? known ?? (leftName ? this.reg.get(/ (Inc|Ltd|LLC|plc)\.?$/.test(leftName) ? 'Group' : 'Actor', leftName) : undefined);
      const right = ctx.spans.filter((s) => s.t0 > i && s.t1 <= b && s.ent.type !== 'Case');
      for (const s of right)
        this.facts.push({ type: 'PARTY_TO', from: s.ent, to: ent, sentence: ctx.sentence.index, rule: 'legal-case-defendant', role: 'defendant' });
      if (claimant && claimant.type !== 'Case') {
        this.facts.push({ type: 'PARTY_TO', from: claimant, to: ent, sentence: ctx.sentence.index, rule: 'legal-case-claimant', role: 'claimant' });
        if (!left.length) claimant.mentions.push({ sentence: ctx.sentence.index, start: tokens[a]!.start, end: tokens[i - 1]!.end, text: leftName });
      }
      ctx.inner.push(...ctx.spans.filter((s) => s.t0 >= a && s.t1 <= b));
      ctx.spans = ctx.spans.filter((s) => s.t1 <= a || s.t0 >= b);
      addSpan(ctx, { ent, t0: a, t1: b, via: 'case' });
      i = b;
    }
  }
}
