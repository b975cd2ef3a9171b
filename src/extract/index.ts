// extract(article) → Extraction: the ONTOLOGY.md entities and relations of one article,
// with the mentions, evidence sentences, rules, confidences and claims the graph keeps.
// Pure: no I/O beyond the gazetteers read once at import.
import { claimOf } from './claims.js';
import { CaseFinder } from './cases.js';
import { mergePeople, resolvePronouns, resolveShortNames } from './coref.js';
import { covered, recordMention, Registry, type Ent, type SentenceCtx } from './model.js';
import { lexTags, wholeNameMatch } from './gazetteer.js';
import { organStates } from './organs.js';
import {
  bodiesWithTheirDistrict,
  bodiesByShortName,
  speakerOfHeadline,
  fieldOfficesOfTheirAgency,
  decidePeople,
  judicialDistricts,
  namesAfterState,
  placesWithTheirKind,
  facilityNames,
  proposedPeople,
  recogniseNames,
  regionalBranches,
  sharedSurnames,
  relativesByFirstName,
  judgesByStyle,
  counselAppearances,
  stateForces,
  statePlusHead,
  tidyPeople,
  type Run,
} from './names.js';
import { normaliseTypography, toPlainText } from './normalise.js';
import {
  advisories,
  assertion,
  attributions,
  documentRelations,
  leadPlaces,
  pairRelations,
  perpetrators,
  chargedWithIncident,
  proxyClasses,
  victimsListed,
  type RelFact,
} from './relations/apply.js';
import { splitSentences, tokenize, type Token } from './sentences.js';
import type { ParsedSentence, SentenceParser } from './parser/types.js';
import { attributionsBy, Frame, mentionsPeopleClass, proxyClassSpans, syntaxRelations } from './relations/syntax.js';
import { learnedRelations, pairCandidates, shippedRelationModel, type PairCandidate, type RelationModel } from './relations/learned.js';
import type { ArticleInput, ExtractedEntity, ExtractedRelation, Extraction, Sentence } from './types.js';

export type { ArticleInput, Extraction, ExtractedEntity, ExtractedRelation, Mention, Sentence } from './types.js';

const ENGLISH = new Set([
  'the',
  'and',
  'of',
  'to',
  'in',
  'a',
  'is',
  'that',
  'for',
  'on',
  'was',
  'with',
  'by',
  'as',
  'has',
  'have',
  'it',
  'are',
  'said',
  'from',
  'be',
  'were',
  'which',
  'this',
  'an',
  'at',
]);

/** Whether a text reads as English: enough of its commonest words among the first thousand. */
export function looksEnglish(text: string): boolean {
  const words =
    text
      .slice(0, 20_000)
      .toLowerCase()
      .match(/\p{L}+/gu) ?? [];
  if (words.length < 30) return true; // too short to judge: let the gazetteers decide
  const sample = words.slice(0, 1000);
  return sample.filter((w) => ENGLISH.has(w)).length / sample.length >= 0.08;
}

const FUNCTION_WORDS = new Set([
  'with',
  'from',
  'that',
  'this',
  'into',
  'over',
  'after',
  'about',
  'than',
  'their',
  'they',
  'have',
  'were',
  'will',
  'when',
  'what',
  'which',
  'while',
  'under',
  'upon',
  'onto',
  'amid',
  'near',
  'also',
  'been',
  'being',
  'such',
  'some',
  'more',
  'most',
]);

// Headline style: verbs, adverbs and adjectives are capitalised too ("Treasury Sanctions
// Company Tied To Hackers"). Nouns are left out of the count, because names of
// organisations are nouns with capitals in any sentence.
const isTitleCase = (ctx: { tokens: SentenceCtx['tokens']; headline?: boolean }): boolean => {
  const words = ctx.tokens.filter((t, i) => {
    if (i === 0 || !t.word || t.text.length < 4 || t.upper) return false;
    const tags = lexTags(t.text);
    return (
      tags.some((g) => /Verb|Adverb|Adjective|Gerund|Participle|Infinitive|PastTense|PresentTense/.test(g)) &&
      !tags.some((g) => /ProperNoun|Name|Place|Country|City|Region|Organization|Demonym|Preposition|Determiner|Conjunction/.test(g))
    );
  });
  // a headline's own line: most of its longer words capitalised
  const long = ctx.tokens.filter((t) => t.word && t.text.length > 3);
  // a sentence with many official names still writes its own words in lower case, if only one
  // ("Merrick B. Garland, the Attorney General of the United States, announced the charges";
  // "… has designated Muhammad al-Ghazali, Abukar Ali Adan, and Wanas al-Faqih as Specially
  // Designated Global Terrorists" has a single one)
  const lowerContent = long.filter((t) => !t.cap && !FUNCTION_WORDS.has(t.key)).length;
  const mostlyCapitals = long.length > 0 && long.filter((t) => t.cap).length / long.length >= 0.6 && lowerContent === 0;
  if (words.length >= 2 && words.filter((t) => t.cap).length / words.length >= 0.75 && mostlyCapitals) return true;
  return ctx.headline === true && long.length >= 4 && long.filter((t) => t.cap).length / long.length >= 0.7;
};

/** What the first pass over a document found: sentences, names and cases, before relations. */
interface Reading {
  base: Extraction;
  reg: Registry;
  ctxs: SentenceCtx[];
  cases: CaseFinder;
}

const isReading = (r: Reading | Extraction | Error): r is Reading => !(r instanceof Error) && 'reg' in r;

export interface ExtractOptions {
  /** Dependency parses of sentences, by sentence index (see sentencesToParse). */
  parses?: ReadonlyMap<number, ParsedSentence>;
  /** The relation classifier: the shipped one when absent, none when null (training reads the rules alone). */
  relationModel?: RelationModel | null;
  /** Receives every ordered pair of entities in a parsed sentence, with its features (for training). */
  pairs?: PairCandidate[];
}

/**
 * The whole extraction of one article: the pure first pass, the dependency parse of the
 * sentences that need one (through `parser`, a pool of spaCy workers), then relations.
 * Without a parser the rules alone run.
 */
export async function extractWithParser(
  input: ArticleInput,
  parser: SentenceParser | undefined,
  options: Omit<ExtractOptions, 'parses'> = {},
): Promise<Extraction> {
  const reading = read(input);
  if (!isReading(reading)) return reading;
  if (!parser) return finish(reading, new Map(), options);
  const wanted = toParse(reading);
  const parsed = wanted.length
    ? await parser.parse(
        wanted.map((c) => c.sentence.text),
        reading.base.id,
        wanted.map(wantsPeopleProposed),
      )
    : [];
  return finish(reading, new Map(wanted.map((c, k) => [c.sentence.index, parsed[k]!])), options);
}

/**
 * Several articles with one parse request for all their sentences (fewer round trips to the
 * parser's processes). An article that fails gives its Error in its place; when the shared
 * request fails, each article is parsed on its own so the failure stays with its article.
 */
export async function extractAllWithParser(inputs: ArticleInput[], parser: SentenceParser | undefined): Promise<Array<Extraction | Error>> {
  const readings = inputs.map((input): Reading | Extraction | Error => {
    try {
      return read(input);
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  });
  const wanted = readings.map((r) => (isReading(r) && parser ? toParse(r) : []));
  const all = wanted.flat();
  let parsed: ParsedSentence[] | undefined;
  if (parser && all.length) {
    try {
      parsed = await parser.parse(
        all.map((c) => c.sentence.text),
        inputs.length === 1 ? (inputs[0]!.id ?? 'article') : `${inputs.length} articles`,
        all.map(wantsPeopleProposed),
      );
    } catch (error) {
      if (inputs.length === 1) return [error instanceof Error ? error : new Error(String(error))];
      return Promise.all(inputs.map(async (input) => extractWithParser(input, parser).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))))));
    }
  }
  let k = 0;
  return readings.map((r, i) => {
    if (!isReading(r)) return r;
    const parses = new Map<number, ParsedSentence>();
    for (const c of wanted[i]!) parses.set(c.sentence.index, parsed![k++]!);
    try {
      return finish(r, parses);
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  });
}

/** The sentences that a parse can add relations to: two or more mentions, or one and a pronoun. */
export function sentencesToParse(input: ArticleInput): Sentence[] {
  const reading = read(input);
  return isReading(reading) ? toParse(reading).map((c) => c.sentence) : [];
}

/**
 * Whether spaCy's NER should read a sentence: only where two capitalised words that the lexicon
 * knows as nothing but names stand together and no mention covers them, the people the cues
 * could not decide (NER is half of the parser's time).
 */
function wantsPeopleProposed(ctx: SentenceCtx): boolean {
  if (ctx.titleCase) return false;
  const { tokens } = ctx;
  // a word the lexicon knows as anything but a name ("The", "Court", "Monday") opens no unknown name
  const name = (t: Token): boolean => t.word && /^\p{Lu}\p{Ll}/u.test(t.text) && lexTags(t.text).every((g) => /Name|Person/.test(g));
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (name(tokens[i]!) && name(tokens[i + 1]!) && !covered(ctx, i) && !covered(ctx, i + 1)) return true;
  }
  return false;
}

const REFERRING =
  /\b(?:it|its|they|their|them|he|his|she|her|who|which|whose)\b|\bthe (?:group|company|agency|department|ministry|campaign|attack|operation|plot|network|gang|organi[sz]ation|regime|service|court|case|matter|investigation|prosecution)\b/i;

function toParse(reading: Reading): SentenceCtx[] {
  return reading.ctxs.filter((c) => {
    const n = c.spans.length + c.inner.length;
    return n >= 2 || (n === 1 && (REFERRING.test(c.sentence.text) || mentionsPeopleClass(c.sentence.text))) || wantsPeopleProposed(c);
  });
}

export function extract(input: ArticleInput, options: ExtractOptions = {}): Extraction {
  const reading = read(input);
  return isReading(reading) ? finish(reading, options.parses ?? new Map(), options) : reading;
}

/** The first pass: sentences, names, people, short names and cases; the empty extraction when there is nothing to read. */
// "WASHINGTON – The Department of Justice …": a wire dateline is no part of the first name
const DATELINE = /^[A-Z][A-Z.' ]{2,30}(?:,\s*[A-Z][A-Za-z.' ]{1,20})?\s+[-–—]\s+/;

function read(input: ArticleInput): Reading | Extraction {
  const id = input.id ?? 'article';
  if (typeof input.text !== 'string') throw new Error(`[extract] ${id}: text must be a string`);
  const bad = (input.text.slice(0, 100_000).match(/[\u0000-\u0008\u000E-\u001F\uFFFD]/g) ?? []).length;
  if (bad > 16 && bad / Math.min(input.text.length, 100_000) > 0.01) {
    throw new Error(`[extract] ${id}: text holds binary or undecodable bytes, not an article`);
  }
  const plain = toPlainText(input.text, input.format);
  const title = normaliseTypography(input.title ?? plain.title ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  const body = plain.text.trim().replace(DATELINE, '');
  const text = title ? (body ? `${title}\n\n${body}` : title) : body;
  const base: Extraction = {
    id,
    title: title || undefined,
    published: input.published,
    source: input.source,
    url: input.url,
    text,
    sentences: [],
    entities: [],
    relations: [],
  };
  if (!text || !looksEnglish(text)) return base;

  const sentences: Sentence[] = [];
  if (title) sentences.push({ index: 0, text: title, start: 0, end: title.length });
  for (const s of splitSentences(text, title ? title.length : 0, sentences.length)) sentences.push(s);
  base.sentences = sentences;

  const reg = new Registry();
  const ctxs: SentenceCtx[] = sentences.map((s) => {
    const tokens = tokenize(s.text, s.start);
    const headline = title !== '' && s.index === 0;
    return { sentence: s, tokens, spans: [], inner: [], titleCase: isTitleCase({ tokens, headline }), headline };
  });
  const undecided: Array<{ ctx: SentenceCtx; run: Run }> = [];
  for (const ctx of ctxs) for (const run of recogniseNames(ctx, reg)) undecided.push({ ctx, run });
  if (ctxs[0]?.headline) speakerOfHeadline(ctxs[0], reg);
  decidePeople(undecided, reg);
  tidyPeople(ctxs, reg);
  sharedSurnames(ctxs, reg);
  relativesByFirstName(ctxs, reg);
  judgesByStyle(ctxs, reg);
  counselAppearances(ctxs, reg);
  placesWithTheirKind(ctxs, reg);
  facilityNames(ctxs, reg);
  bodiesWithTheirDistrict(ctxs, reg);
  namesAfterState(ctxs, reg);
  statePlusHead(ctxs, reg);
  stateForces(ctxs, reg);
  judicialDistricts(ctxs, reg);
  mergePeople(reg, ctxs);
  resolveShortNames(reg, ctxs);
  fieldOfficesOfTheirAgency(ctxs, reg);
  bodiesByShortName(ctxs, reg);
  for (const ctx of ctxs) regionalBranches(ctx, reg);
  const cases = new CaseFinder(reg);
  for (const ctx of ctxs) cases.find(ctx);
  return { base, reg, ctxs, cases };
}

/** The second pass: relations from rules and, where given, from dependency parses. */
function finish({ base, reg, ctxs, cases }: Reading, parses: ReadonlyMap<number, ParsedSentence>, options: ExtractOptions = {}): Extraction {
  const model = options.relationModel === undefined ? shippedRelationModel() : options.relationModel;
  const sentences = base.sentences;
  const facts: RelFact[] = cases.facts.map((f) => ({ ...f, confidence: 0.75 }));
  const recent: Ent[] = [];
  const proxyClassesSeen = new Set<Ent>();
  const salientCase = mostMentionedCase(ctxs);
  const assertedBy = new Map<number, Ent>();
  const pairs: PairCandidate[] = [];
  const authors = new Map<Ent, Ent[]>();
  for (const f of cases.facts) if (f.type === 'RESPONSIBLE_FOR') authors.set(f.to, [...(authors.get(f.to) ?? []), f.from]);
  for (const ctx of ctxs) {
    const recentBefore = [...recent];
    resolvePronouns(ctx, recent);
    const a = assertion(ctx);
    if (a.by) assertedBy.set(ctx.sentence.index, a.by);
    const parsed = parses.get(ctx.sentence.index);
    if (parsed?.ents.length) proposedPeople(ctx, parsed.ents, reg);
    const sentenceFacts = [
      ...pairRelations(ctx, authors),
      ...proxyClasses(ctx, reg),
      ...advisories(ctx),
      ...attributions(ctx),
      ...perpetrators(ctx, salientCase),
      ...chargedWithIncident(ctx, salientCase),
      ...victimsListed(ctx, salientCase),
      ...a.facts,
    ];
    const parse = parses.get(ctx.sentence.index);
    if (parse) {
      proxyClassSpans(ctx, parse, reg, proxyClassesSeen);
      // one frame (the parse tied to the mentions) serves both readings of the sentence
      const frame = new Frame(ctx, parse, salientCase, recentBefore);
      sentenceFacts.push(...syntaxRelations(frame));
      sentenceFacts.push(...attributionsBy(frame, [...sentenceFacts, ...cases.facts]));
      pairs.push(...pairCandidates(frame));
    }
    for (const f of sentenceFacts) facts.push(f);
  }
  for (const ctx of ctxs) for (const s of [...ctx.spans, ...ctx.inner]) if (s.via !== 'pronoun') recordMention(ctx, s);
  for (const e of reg.entities) if (e.preferSurface) preferSurface(reg, e);
  for (const e of reg.entities) if (e.type === 'Group' || e.type === 'Actor' || e.type === 'Place') nameAsWritten(reg, e);
  for (const f of documentRelations(reg, ctxs)) facts.push(f);
  for (const f of leadPlaces(ctxs)) facts.push(f);
  for (const f of organStates(ctxs, reg)) facts.push(f);
  for (const f of commaChains(ctxs)) facts.push(f);
  for (const f of placesOfStates(facts)) facts.push(f);
  // the classifier adds what the rules did not say, last, so that it sees every rule's link
  if (model) {
    const learned = learnedRelations(pairs, model, facts);
    facts.push(...learned);
    // a learned "occurred in Halle" reaches Halle's State as a rule's does
    facts.push(...placesOfStates(facts, learned));
  }
  options.pairs?.push(...pairs);

  // "(instructed by Birnberg Peirce)": solicitors instruct counsel, they use no proxy
  const kept = facts.filter((f) => !(f.type === 'USES_PROXY' && f.from.role === 'solicitors'));
  const live = reg.entities.filter((e) => e.mentions.length > 0);
  base.entities = live.map(toEntity);
  base.relations = toRelations(kept, sentences, assertedBy, new Set(live));
  return base;
}

/**
 * A case happens in the State of each place it happens in, wherever the text ties the place
 * to that State ("the knife attack in Mosul, Iraq" occurred in Iraq too; so did "the Mosul
 * knife attack" when another sentence says "in Mosul, Iraq"). A group's place gives its
 * State only in the same sentence.
 */
function placesOfStates(facts: RelFact[], from: RelFact[] = facts): RelFact[] {
  const out: RelFact[] = [];
  for (const occ of from) {
    // "the knife attack in Mosul, Iraq"; "the Elderwood Group based in Beijing, China" is in China too
    const caseIn = occ.type === 'OCCURRED_IN';
    const groupIn = occ.type === 'LOCATED_IN' && occ.from.type === 'Group';
    if ((!caseIn && !groupIn) || occ.to.type !== 'Place') continue;
    for (const loc of facts) {
      if (loc.type === 'LOCATED_IN' && loc.from === occ.to && loc.to.type === 'State' && (caseIn || loc.sentence === occ.sentence)) {
        out.push({
          ...occ,
          to: loc.to,
          rule: caseIn ? 'case-in-place-of-state' : 'group-in-place-of-state',
          confidence: Math.min(occ.confidence, loc.confidence),
        });
      }
    }
  }
  return out;
}

/** "in Halle, Saxony-Anhalt, Germany": every place of a comma chain ending in a State lies in it. */
function commaChains(ctxs: SentenceCtx[]): RelFact[] {
  const out: RelFact[] = [];
  for (const ctx of ctxs) {
    const spans = ctx.spans.filter((s) => s.via !== 'pronoun');
    for (let i = 0; i < spans.length; i++) {
      const chain = [spans[i]!];
      let k = i + 1;
      while (k < spans.length && ctx.tokens[spans[k]!.t0 - 1]?.text === ',' && spans[k]!.t0 === chain.at(-1)!.t1 + 1 && spans[k]!.ent.type === 'Place')
        chain.push(spans[k++]!);
      const last = spans[k];
      if (
        chain.length < 2 ||
        !last ||
        last.ent.type !== 'State' ||
        last.via !== 'name' ||
        ctx.tokens[last.t0 - 1]?.text !== ',' ||
        last.t0 !== chain.at(-1)!.t1 + 1
      )
        continue;
      for (const p of chain)
        if (p.ent.type === 'Place')
          out.push({ type: 'LOCATED_IN', from: p.ent, to: last.ent, sentence: ctx.sentence.index, rule: 'place-comma-chain', confidence: 0.8 });
      i = k;
    }
  }
  return out;
}

/**
 * The case an article is about: named most often, and at least twice more than any other; or
 * the one its title names ("Christchurch mosque shootings"), when no other is named more often.
 */
function mostMentionedCase(ctxs: SentenceCtx[]): Ent | undefined {
  const counts = new Map<Ent, number>();
  for (const c of ctxs) for (const s of c.spans) if (s.ent.type === 'Case') counts.set(s.ent, (counts.get(s.ent) ?? 0) + 1);
  const [first, second] = [...counts].sort((a, b) => b[1] - a[1]);
  if (first && !(second && first[1] < second[1] + 2)) return first[0];
  const titled = ctxs[0]?.headline ? ctxs[0].spans.find((s) => s.ent.type === 'Case')?.ent : undefined;
  return titled && counts.get(titled) === first?.[1] ? titled : undefined;
}

/**
 * A gazetteer's name the text never writes gives way to the fullest form it does write
 * ("Hizballah" in a State Department text, not "Hezbollah"; "ISIL" stays findable as an
 * alias): the name an analyst reads is the article's, and the gazetteer's joins the aliases.
 */
function nameAsWritten(reg: Registry, e: Ent): void {
  // a name fixed by convention (a judge's style, an EU body) stays as it is
  if (e.conventionalName) return;
  // a name, not a description: "EU Council" may name the Council, "Russian military intelligence" stays the GRU's alias
  const nameLike = (t: string): boolean =>
    t.split(/\s+/).every((w) => /^[\p{Lu}\p{N}&]/u.test(w) || /^(?:of|and|for|the|on|de|al|bin)$|^(?:al|el|ad|as|ash|at|bin|ibn)-/.test(w));
  // "China's State Security Ministry", "the MPS and Ministry of State Security": an owner or a list is no name
  const written = e.mentions
    .map((m) => m.text.replace(/^the\s+/i, ''))
    .filter((t) => nameLike(t) && !/['’]s\b/.test(t) && (!/\sand\s/.test(t) || wholeNameMatch(t) !== undefined));
  if (!written.length || written.some((t) => t.toLowerCase() === e.name.toLowerCase())) return;
  const fullest = written.sort((a, b) => b.length - a.length)[0]!;
  // an acronym ("MSS") does not replace a full name: only a word or a form at least as long, or any form of a person
  if (e.type === 'Group' && fullest.length < e.name.length && /^[\p{Lu}\p{N}&.-]+$/u.test(fullest)) return;
  // "Putin" alone stays "Vladimir Putin": a person's name needs more than a surname
  if (e.type === 'Actor' && !/\s/.test(fullest)) return;
  reg.alias(e, e.name);
  e.aliases.add(e.name);
  e.name = fullest;
  e.aliases.delete(fullest);
}

/** The surface form the text uses most becomes the name ("APT27" rather than "Threat Group-3390"). */
function preferSurface(reg: Registry, e: Ent): void {
  const counts = new Map<string, number>();
  for (const m of e.mentions) if (/^[\p{Lu}\p{N}]/u.test(m.text)) counts.set(m.text, (counts.get(m.text) ?? 0) + 1);
  const top = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (!top || top === e.name) return;
  reg.alias(e, e.name);
  e.aliases.add(e.name);
  e.name = top;
  e.aliases.delete(top);
}

function toEntity(e: Ent): ExtractedEntity {
  const aliases = [...e.aliases].filter((a) => a !== e.name);
  const out: ExtractedEntity = { name: e.name, type: e.type, aliases: [...new Set(aliases)], mentions: e.mentions.sort((a, b) => a.start - b.start) };
  if (e.kind) out.kind = e.kind as ExtractedEntity['kind'];
  if (e.iso3) out.iso3 = e.iso3;
  if (e.role) out.role = e.role;
  return out;
}

function toRelations(facts: RelFact[], sentences: Sentence[], assertedBy: Map<number, Ent>, live: Set<Ent>): ExtractedRelation[] {
  const best = new Map<string, RelFact>();
  for (const f of facts) {
    if (f.from === f.to || !live.has(f.from) || !live.has(f.to)) continue;
    const k = `${f.from.id}|${f.type}|${f.to.id}`;
    const prev = best.get(k);
    if (!prev || f.confidence > prev.confidence || (!prev.role && f.role)) best.set(k, prev && !f.role ? { ...f, role: prev.role } : f);
  }
  return [...best.values()].map((f) => {
    const s = sentences[f.sentence]!;
    // where a thing is and whom a person works for are facts of the world, not claims
    const claim = f.claim ?? (f.type === 'LOCATED_IN' || f.type === 'MEMBER_OF' ? 'asserted' : claimOf(s.text));
    const by = assertedBy.get(f.sentence);
    const r: ExtractedRelation = {
      source: f.from.name,
      sourceType: f.from.type,
      type: f.type,
      target: f.to.name,
      targetType: f.to.type,
      evidence: s.text,
      sentence: s.index,
      start: s.start,
      end: s.end,
      rule: f.rule,
      confidence: Math.round(f.confidence * (claim === 'asserted' ? 1 : 0.85) * 100) / 100,
      claim,
    };
    if (by && by !== f.from && by !== f.to) r.assertedBy = by.name;
    if (f.role) r.role = f.role;
    return r;
  });
}
