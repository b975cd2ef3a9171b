// Named entities in one sentence: gazetteer matches first, then capitalised runs read
// with cues (organisation suffixes and heads, person titles and first names, locative
// prepositions), then acronyms that the text defines. compromise's tagger is asked
// only about runs the cues leave undecided.
import nlp from 'compromise';
import { cues, isFunctionWord, lexTags, matchGazetteer, type GazEntry } from './gazetteer.js';
import { addSpan, covered, replaceSpan, spanText, type Ent, type Registry, type SentenceCtx, type Span } from './model.js';
import { organSpans } from './organs.js';
import type { Token } from './sentences.js';

const LOCATIVE = new Set(['in', 'at', 'near', 'outside', 'across', 'throughout', 'around', 'into', 'from', 'to', 'via', 'inside', 'within']);
// "a strike on Kyiv": a capital under attack is a place
const TARGET_PREP = new Set(['on', 'over', 'against', 'of']);
const TOWARD_OR_WITHIN = new Set(['toward', 'towards', 'visited', 'visit', 'visiting', 'central', 'downtown', 'northern', 'southern', 'eastern', 'western']);
const CONNECTORS = new Set(['of', 'the', 'for', 'and', 'on', '&', 'de', 'du', 'des', 'al', 'el', 'bin', 'ut', 'ul', 'und', 'fur']);
// Names of documents and categories, not of organisations or places ("Executive Order",
// "the Superseding Indictment", "a Foreign Terrorist Organization")
const DOCUMENT_WORD =
  /^(Order|Act|Acts|Law|Regulation|Regulations|Directive|Decree|Report|Agreement|Convention|Treaty|Indictment|Complaint|Statement|Strategy|Review|Bill|Code|Schedule|Framework|Policy|Action|Plan)$/;
// Words that own an organisation's name with 's: "Attorney's Office", "People's Army"
const OWNER_WORD =
  /^(Prosecutor|Attorney|Attorneys|People|Peoples|Children|Women|Workers|Veterans|Solicitor|Sheriff|Marshal|Governor|President|Chancellor|King|Queen|Majesty)$/;
const COMPASS = /^(North|South|East|West|Nation|Internet|Parliament|Government|English)$/;
const MONTHS =
  /^(January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/;
const NOT_NAMES = new Set([
  'persons unknown',
  'individuals unknown',
  'others',
  'persons',
  'unknown',
  // offices a parliament addresses by title, not people's names
  'speaker',
  'deputy speaker',
  'lord speaker',
  'lord chancellor',
  'lord president',
]);
// "a U.S.-designated Foreign Terrorist Organization": a list's category, not a body (data/gazetteers/cues.json)
const DESIGNATION_CATEGORIES = new Set(cues.designationCategories.map((c) => c.toLowerCase()));
const PERSON_TITLES = [...cues.personTitles].sort((a, b) => b.split(' ').length - a.split(' ').length);
const HONORIFIC = /^(Mr|Mrs|Ms|Dr|Sir|Dame|Lord|Lady|Prof)\.?$/;
// "ARMSTRONG" → "Armstrong": a word a caption or a judgment's header writes in capitals, read in title case
const titleCaseWord = (w: string): string => (w.length > 1 && w === w.toUpperCase() && /\p{L}/u.test(w) ? w.charAt(0) + w.slice(1).toLowerCase() : w);

const isFirstName = (w: string): boolean => lexTags(w).some((t) => /FirstName|MaleName|FemaleName/.test(t));
// a first name the lexicon knows, or a capitalised word it does not know at all ("Aleksey")
const isFirstNameShaped = (w: string): boolean => isFirstName(w) || (/^\p{Lu}\p{Ll}+$/u.test(w) && !lexTags(w).length);
const suffixKind = (t: Token | undefined): string | undefined => (t ? (cues.orgSuffixes[t.text] ?? cues.orgSuffixes[t.text.replace(/\.$/, '')]) : undefined);

/** Picks one gazetteer reading of a match from its context. */
function chooseEntry(ctx: SentenceCtx, t0: number, t1: number, entries: GazEntry[]): GazEntry {
  const prev = ctx.tokens[t0 - 1]?.key === 'the' ? ctx.tokens[t0 - 2] : ctx.tokens[t0 - 1];
  const metonym = entries.find((e) => e.via === 'metonym');
  const place = entries.find((e) => e.type === 'Place');
  // "in Moscow" is a place; "Moscow denied it" is the Russian government; "the Moscow
  // concert hall attack" happened there (ONTOLOGY.md: the city where something happened)
  // "visited Moscow", "marched toward Moscow", "in central Moscow": a destination or a part of the city is the place
  if (metonym && place)
    return (prev && (LOCATIVE.has(prev.key) || TARGET_PREP.has(prev.key) || TOWARD_OR_WITHIN.has(prev.key))) || namesAttackSite(ctx, t1) ? place : metonym;
  const rank = (e: GazEntry): number =>
    e.type === 'State' && e.via === 'name' ? 0 : e.type === 'Group' ? 1 : e.type === 'Case' ? 2 : e.type === 'State' ? 3 : 4;
  return [...entries].sort((a, b) => rank(a) - rank(b))[0]!;
}

/** A city name before an attack's head noun, with up to three words between ("Kabul airport bombing"). */
function namesAttackSite(ctx: SentenceCtx, t1: number): boolean {
  for (let j = t1; j < ctx.tokens.length && j <= t1 + 3; j++) {
    const t = ctx.tokens[j]!;
    if (!t.word || (t.cap && j > t1)) return false;
    if (cues.caseHeads[t.key] === 'attack') return true;
  }
  return false;
}

/** The registry entity a gazetteer entry names. */
export function spanFor(reg: Registry, e: GazEntry): Span['ent'] {
  if (e.type === 'State') return reg.get('State', e.name, { iso3: e.iso3 });
  return reg.get(e.type, e.name, { kind: e.kind, state: e.state, memberOf: e.memberOf, preferSurface: e.preferSurface });
}

export interface Run {
  t0: number;
  t1: number;
}

const LEGAL_ROLE = /^(?:plaintiffs?|defendants?|petitioners?|respondents?|appellants?|appellees?|claimants?|intervenors?)$/;
const YEAR = /^(?:1[89]|20)\d\d$/;

// Particles of transliterated Arabic, Persian and Urdu names ("al-", "-e-", "-i-", "ul-", "wal-")
const ARTICLE_PARTICLE = /^(?:al|el|ad|an|ar|as|ash|at|az)$/;
const NAME_PARTICLE = /^(?:al|el|ad|an|ar|as|ash|at|az|i|e|ul|ut|ud|wal|bin|ibn|bint|abu)$/;
// "Rostov-on-Don", "Stratford-upon-Avon": a place's particles between hyphens, beside the names' own
const isHyphenParticle = (w: string): boolean => NAME_PARTICLE.test(w) || /^(?:on|upon|sur|en)$/.test(w);
// a short lower-case word joined by a hyphen, no space either side, that is no English word
// ("Jong-nam", not "Iran-backed" or "Russia-linked")
const isSecondSyllable = (tokens: Token[], j: number): boolean => {
  const [before, hyphen, after] = [tokens[j - 1], tokens[j], tokens[j + 1]];
  if (!before?.cap || !after?.word || after.cap || after.text.length > 4 || !/^[a-z]+$/.test(after.text)) return false;
  if (hyphen!.start !== before.end || after.start !== hyphen!.end) return false;
  return lexTags(after.text).every((t) => t === 'Pronoun');
};

/** Capitalised runs, with lower-case connectors inside ("Ministry of State Security"). */
function capitalRuns(tokens: Token[]): Run[] {
  const runs: Run[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    // "al-Nusra Front", "al-Qaeda": a transliterated article opens the name
    const article = ARTICLE_PARTICLE.test(t.key) && !t.cap && tokens[i + 1]?.text === '-' && tokens[i + 2]?.cap === true;
    if (!(t.word && t.cap) && !article) {
      i++;
      continue;
    }
    let j = article ? i + 3 : i + 1;
    for (;;) {
      const n = tokens[j];
      if (n && n.word && n.cap) {
        j++;
        continue;
      }
      // "Tehrik-i-Taliban", "Lashkar-e-Taiba", "Rostov-on-Don": a particle between hyphens joins two words of one name
      if (n && n.text === '-' && isHyphenParticle(tokens[j + 1]?.key ?? '') && tokens[j + 2]?.text === '-' && tokens[j + 3]?.cap) {
        j += 4;
        continue;
      }
      // "Kim Jong-nam", "Choe Son-hui": a Korean given name's second syllable, lower case after a hyphen
      if (n && n.text === '-' && isSecondSyllable(tokens, j)) {
        j += 2;
        continue;
      }
      // "Nasr al-Islam wal-Muslimin": a particle with a hyphen before a capital
      if (n && NAME_PARTICLE.test(n.key) && !n.cap && tokens[j + 1]?.text === '-' && tokens[j + 2]?.cap) {
        j += 3;
        continue;
      }
      // a connector counts only with a capital word after it
      // … but "Acme Ltd. and Borealis Inc." are two names
      // … and "Lord Polak and I" ends before the pronoun
      if (
        n &&
        (CONNECTORS.has(n.key) || n.text === '-') &&
        // "Today the Justice Department": "the" joins only after another connector ("Bank of the South")
        !(n.key === 'the' && !CONNECTORS.has(tokens[j - 1]?.key ?? '')) &&
        // "Alexander Litvinenko on 23 November", "John Smith and 23 others": a number after a connector word is no part of the name ("Storm-1516" is)
        tokens[j + 1]?.cap &&
        (n.text === '-' || /^\p{Lu}/u.test(tokens[j + 1]!.text)) &&
        tokens[j + 1]?.word &&
        tokens[j + 1]?.text !== 'I' &&
        !(n.key === 'and' && suffixKind(tokens[j - 1]) === 'company')
      ) {
        j += 2;
        continue;
      }
      if (n && n.key === 'the' && CONNECTORS.has(tokens[j - 1]?.key ?? '') && tokens[j + 1]?.cap) {
        j += 2;
        continue;
      }
      // "the Federal Prosecutor's Office", "the U.S. Attorney's Office"
      if (n && n.text === "'s" && OWNER_WORD.test(tokens[j - 1]?.text ?? '') && tokens[j + 1]?.cap && tokens[j + 1]?.word) {
        j += 2;
        continue;
      }
      // "Co., LTD." and "Foreign, Commonwealth and Development Office"
      if (n && n.text === ',' && suffixKind(tokens[j + 1]) === 'company') {
        j += 2;
        continue;
      }
      // "Kenneth A. Polite, Jr.": a generational suffix belongs to the name
      if (n && n.text === ',' && /^(?:Jr|Sr)\.?$/.test(tokens[j + 1]?.text ?? '')) {
        j += 2;
        continue;
      }
      break;
    }
    runs.push({ t0: i, t1: j });
    i = j;
  }
  return runs;
}

const orgKindOfRun = (tokens: Token[], r: Run): string | undefined => {
  if (r.t1 - r.t0 < 2) return undefined;
  const last = tokens[r.t1 - 1];
  const k = suffixKind(last);
  if (k) return k;
  for (let i = r.t0; i < r.t1 - 1; i++) {
    const head = cues.orgHeads[tokens[i]!.text];
    if (head && tokens[i + 1]?.key === 'of') return head;
  }
  return undefined;
};

/** The person title that ends right before token i, if any ("MI5 Director General" → "Director General"). */
export function titleBefore(ctx: SentenceCtx, i: number): { title: string; t0: number } | undefined {
  const end = ctx.tokens[i - 1]?.text === ',' ? i - 1 : i; // "Secretary General, Jane Doe"
  const words = ctx.tokens.slice(Math.max(0, end - 6), end).map((t) => t.text);
  const joined = words.join(' ');
  for (const title of PERSON_TITLES) {
    if (joined === title || joined.endsWith(' ' + title)) return { title, t0: end - title.split(' ').length };
  }
  return undefined;
}

/** The office written with capitals that starts at token i, if any ("Ambassador", "Foreign Minister"), and where it ends. */
export function officeAt(ctx: SentenceCtx, i: number): { title: string; t1: number } | undefined {
  const words = ctx.tokens.slice(i, i + 6).map((t) => t.text);
  const title = PERSON_TITLES.find((p) => /^\p{Lu}\p{Ll}/u.test(p) && !p.endsWith('.') && p.split(' ').every((w, k) => words[k] === w));
  return title ? { title, t1: i + title.split(' ').length } : undefined;
}

/**
 * Names in one sentence. Returns the person-like runs that no cue decided; the caller
 * hands all of a document's such runs to compromise's tagger at once (decidePeople).
 */
export function recogniseNames(ctx: SentenceCtx, reg: Registry): Run[] {
  const { tokens } = ctx;
  // 1. gazetteers
  for (const m of matchGazetteer(tokens, ctx.titleCase)) {
    const e = chooseEntry(ctx, m.t0, m.t1, m.entries);
    // "Aleksey Navalny": a known person's surname after a first name the list spells otherwise is one mention
    const first = tokens[m.t0 - 1];
    // (a transliteration keeps the first letters, "Aleksey" and "Alexei"; "Yulia Skripal" is another person)
    const sameStart = (w: string): boolean => e.name.slice(0, 2).toLowerCase() === w.slice(0, 2).toLowerCase();
    const spelled =
      e.type === 'Actor' &&
      m.t1 - m.t0 === 1 &&
      m.t0 > 1 &&
      first?.word &&
      first.cap &&
      !covered(ctx, m.t0 - 1) &&
      isFirstNameShaped(first.text) &&
      sameStart(first.text);
    addSpan(ctx, { ent: spanFor(reg, e), t0: spelled ? m.t0 - 1 : m.t0, t1: m.t1, via: e.via });
  }
  // "Russian military intelligence": the State's organ, not the State
  organSpans(ctx, reg);
  const runs = capitalRuns(tokens);
  const undecided: Run[] = [];
  for (let r of runs) {
    // Sentence-initial function words are capitalised too ("Since", "The").
    // A court filing's caption names each party by its role: "Plaintiff Securities and Exchange Commission".
    // A year opening a run dates what follows ("the 2015 Office of Personnel Management data breach").
    while (
      r.t0 < r.t1 &&
      (tokens[r.t0]!.key === 'the' || LEGAL_ROLE.test(tokens[r.t0]!.key) || YEAR.test(tokens[r.t0]!.text) || (r.t0 === 0 && isFunctionWord(tokens[r.t0]!.text)))
    )
      r = { t0: r.t0 + 1, t1: r.t1 };
    if (r.t0 >= r.t1) continue;
    const text = spanText(ctx, r.t0, r.t1);
    // 2. organisations by suffix or head: "Ozone Networks Inc.", "Ministry of Public Security"
    // "designated as a Foreign Terrorist Organization": after "a", a category, not a name
    const kind =
      ctx.titleCase || ['a', 'an'].includes(tokens[r.t0 - 1]?.key ?? '') || DESIGNATION_CATEGORIES.has(text.toLowerCase())
        ? undefined
        : orgKindOfRun(tokens, r);
    if (kind) {
      // "Jane Roe of Acme Chambers": the organisation is what follows "of" when
      // nothing before it names an organisation
      const of = tokens.slice(r.t0, r.t1).findIndex((t) => t.key === 'of') + r.t0;
      if (of > r.t0 && !tokens.slice(r.t0, of).some((t) => cues.orgHeads[t.text] || suffixKind(t) || covered(ctx, tokens.indexOf(t)))) {
        const org = { t0: of + 1, t1: r.t1 };
        if (tokens[org.t0]?.key === 'the') org.t0++;
        addSpan(ctx, { ent: reg.get('Group', spanText(ctx, org.t0, org.t1), { kind }), t0: org.t0, t1: org.t1, via: 'cue' });
        for (const sub of freeRuns(ctx, { t0: r.t0, t1: of })) {
          const u = recogniseFree(ctx, reg, sub);
          if (u) undecided.push(u);
        }
        continue;
      }
      const first = covered(ctx, r.t0);
      // "the Russian Ministry of Defense": the demonym stays the State's, the rest is the Group.
      if (first && first.ent.type === 'State' && first.t1 < r.t1 && cues.orgHeads[tokens[first.t1]!.text]) {
        addSpan(ctx, { ent: reg.get('Group', spanText(ctx, first.t1, r.t1), { kind }), t0: first.t1, t1: r.t1, via: 'cue' });
      } else if (!(first && first.t0 === r.t0 && first.t1 === r.t1)) {
        addSpan(ctx, { ent: reg.get('Group', text, { kind }), t0: r.t0, t1: r.t1, via: 'cue' });
      }
      continue;
    }
    for (const sub of freeRuns(ctx, r)) {
      const u = recogniseFree(ctx, reg, sub);
      if (u) undecided.push(u);
    }
  }
  // "Jane Roe, John Doe and Li Wei": a name-like run listed with a person is one too
  for (const r of undecided) {
    if (covered(ctx, r.t0)) continue;
    // ("Kiya Sadeghi, and Omid Noori": a serial comma before the last)
    const before = tokens[r.t0 - 1]?.key === 'and' && tokens[r.t0 - 2]?.text === ',' ? r.t0 - 3 : r.t0 - 2;
    const near = [covered(ctx, before), covered(ctx, r.t1 + 1), covered(ctx, r.t1 + 2)];
    const linked = (k: number): boolean => [',', 'and'].includes(tokens[k]?.key ?? '');
    if ((linked(r.t0 - 1) && near[0]?.ent.type === 'Actor') || (linked(r.t1) && (near[1]?.ent.type === 'Actor' || near[2]?.ent.type === 'Actor'))) {
      addSpan(ctx, { ent: reg.get('Actor', spanText(ctx, r.t0, r.t1)), t0: r.t0, t1: r.t1, via: 'cue' });
    }
  }
  defineAcronyms(ctx, reg);
  return undecided.filter((r) => !covered(ctx, r.t0));
}

/**
 * compromise's tagger decides the person-like runs the cues left, in one parse of short
 * windows around them (a few words of context each): far cheaper than tagging sentences.
 */
export function decidePeople(runs: Array<{ ctx: SentenceCtx; run: Run }>, reg: Registry): void {
  if (!runs.length) return;
  const windows = runs.map(({ ctx, run }) => {
    const a = ctx.tokens[Math.max(0, run.t0 - 4)]!;
    const b = ctx.tokens[Math.min(ctx.tokens.length - 1, run.t1 + 3)]!;
    return ctx.sentence.text.slice(a.start - ctx.sentence.start, b.end - ctx.sentence.start).replace(/[.!?]+$/, '');
  });
  // in batches, so a huge document never builds one huge parse
  const found: string[] = [];
  for (let i = 0; i < windows.length; i += 400) {
    for (const p of nlp(windows.slice(i, i + 400).join('.\n\n'))
      .people()
      .out('array') as string[])
      found.push(p);
  }
  const people = found.join(' | ');
  for (const { ctx, run } of runs) {
    const text = spanText(ctx, run.t0, run.t1);
    if (!covered(ctx, run.t0) && !NOT_NAMES.has(text.toLowerCase()) && (people.includes(text) || looksLikePersonName(text)))
      addSpan(ctx, { ent: reg.get('Actor', text), t0: run.t0, t1: run.t1, via: 'cue' });
  }
}

// "Merrick B. Garland", "Kenneth A. Polite, Jr.": a known first name, middle initials, a surname
const INITIALS_NAME = /^(\p{Lu}[\p{Ll}'-]+)(?: \p{Lu}\.)+ \p{Lu}[\p{L}'-]+(?:,? (?:Jr|Sr)\.?| III?)?$/u;
const PEERAGE = /^(?:Lord|Baroness|Lady)$/;
// "the Lord Chancellor", "the Lord Speaker": an office, not a peer
const isOffice = (w: string): boolean =>
  lexTags(w).some((t) => /Actor|Noun|Singular|Plural/.test(t)) || /^(?:Speaker|Chancellor|Chief|Advocate|President|Mayor|Lieutenant)$/.test(w);
// "Lord Ahmad of Wimbledon", "Baroness Suttie": peers are known by their titles
const PEER = /^(?:Lord|Baroness|Lady|Dame|Sir|Viscount|Earl)(?: \p{Lu}[\p{L}'-]+){1,2}(?: of(?: \p{Lu}[\p{L}'-]+){1,2})?$/u;

/** Name shapes that are people whatever compromise says: initials after a first name, peers' titles. */
function looksLikePersonName(text: string): boolean {
  const m = INITIALS_NAME.exec(text);
  if (m && isFirstName(m[1]!)) return true;
  return PEER.test(text);
}

/**
 * The parts of a run that no gazetteer name covers, with person titles taken off
 * their front ("MI5 Director General Ken McCallum" → "Ken McCallum", title kept).
 * A first name followed by a one-word place or country is a person ("Lisa Monaco").
 */
function freeRuns(ctx: SentenceCtx, r: Run): Array<Run & { title?: string }> {
  const out: Array<Run & { title?: string }> = [];
  let i = r.t0;
  while (i < r.t1) {
    const s = covered(ctx, i);
    if (s) {
      i = s.t1;
      continue;
    }
    let j = i;
    for (;;) {
      if (j < r.t1 && !covered(ctx, j)) {
        j++;
        continue;
      }
      const s2 = covered(ctx, j);
      // "Lisa Monaco", "Jordan Peterson": a first name absorbs a one-word name after it
      // … also after a middle initial ("Lisa O. Monaco")
      const firstBefore =
        isFirstName(ctx.tokens[j - 1]!.text) || (/^[A-Z]\.$/.test(ctx.tokens[j - 1]!.text) && j - 1 > i && isFirstName(ctx.tokens[j - 2]!.text));
      if (s2 && j < r.t1 && s2.t1 - s2.t0 === 1 && j > i && firstBefore && (s2.ent.type === 'State' || s2.ent.type === 'Place') && s2.via === 'name') {
        ctx.spans = ctx.spans.filter((x) => x !== s2);
        j++;
        continue;
      }
      // "Abdul Malik al-Houthi": a name after "al-" inside a person's name is the family name, not the group
      if (s2 && j <= r.t1 && j - i >= 3 && ctx.tokens[j - 1]?.text === '-' && NAME_PARTICLE.test(ctx.tokens[j - 2]?.key ?? '') && s2.t1 - s2.t0 === 1) {
        ctx.spans = ctx.spans.filter((x) => x !== s2);
        j = s2.t1;
        continue;
      }
      // "Lord Alton of Liverpool": a peer's territorial designation is part of the title
      if (
        s2 &&
        j <= r.t1 &&
        ctx.tokens[j - 1]?.key === 'of' &&
        PEERAGE.test(ctx.tokens[i]!.text) &&
        j - i >= 3 &&
        (s2.ent.type === 'State' || s2.ent.type === 'Place')
      ) {
        ctx.spans = ctx.spans.filter((x) => x !== s2);
        j = s2.t1;
        continue;
      }
      break;
    }
    // take a title off the front
    let t0 = i;
    let title: string | undefined;
    // the longest front part that ends in a title: "U.S. District Judge", "Assistant Attorney General"
    for (let k = Math.min(j - 1, i + 8); k > i; k--) {
      const words = ctx.tokens
        .slice(i, k)
        .map((t) => t.text)
        .join(' ');
      const hit = PERSON_TITLES.find((p) => words === p || words.endsWith(' ' + p));
      if (hit) {
        title = words;
        t0 = k;
        break;
      }
    }
    // "Under Secretary … for Terrorism and Financial Intelligence Brian E. Nelson": a title we do
    // not list still ends where a "First M. Last" name begins
    if (j - t0 > 3 && isFirstName(ctx.tokens[j - 3]!.text) && /^[A-Z]\.$/.test(ctx.tokens[j - 2]!.text) && ctx.tokens[j - 1]!.cap) {
      title = spanText(ctx, i, j - 3);
      t0 = j - 3;
    }
    // "Lord Ahmad of Wimbledon", "Baroness Suttie": a peer is known by the title, not a first name
    // … and always with a territorial designation ("Lord Ahmad of Wimbledon") or one name ("Lord Cameron")
    const designated = ctx.tokens.slice(t0, j).some((t) => t.key === 'of');
    if (title && PEERAGE.test(title) && (designated || (j - t0 === 1 && !isOffice(ctx.tokens[t0]!.text)) || !isFirstName(ctx.tokens[t0]?.text ?? ''))) {
      t0 = i;
      title = undefined;
    }
    // "Foreign Office Minister Lord Ahmad of Wimbledon": an office before a peer is the title, the peerage stays the name's
    else if (title && t0 - 1 > i && PEERAGE.test(ctx.tokens[t0 - 1]!.text) && (designated || !isFirstName(ctx.tokens[t0]?.text ?? ''))) {
      t0--;
      title = spanText(ctx, i, t0);
    }
    // people are listed with "and": "Jane Roe and John Doe" is two names
    let from = t0;
    for (let k = t0; k <= j; k++) {
      const nextWord = ctx.tokens[k + 1]?.text ?? '';
      // … and "Eric Holder and FBI Director Robert Mueller" is a name, then another body's officer
      const splitsNames =
        ctx.tokens[k]?.key === 'and' && (isFirstName(nextWord) || !lexTags(nextWord).length || ctx.tokens[k + 1]?.upper === true || isOffice(nextWord));
      if (k === j || splitsNames) {
        let to = k;
        while (to > from && CONNECTORS.has(ctx.tokens[to - 1]!.key)) to--; // a name never ends on "and" or "of"
        // "Assistant Attorney General for National Security John C. Demers": a listed title with
        // more words than the list knows still ends where a "First [M.] Last" name begins
        const name = titledName(ctx, from === t0 ? i : from, to);
        if (name) out.push(name);
        else if (from < to) out.push({ t0: from, t1: to, title: from === t0 ? title : undefined });
        from = k + 1;
      }
    }
    i = j;
  }
  return out;
}

/** A run that opens with a listed title and ends in "First [M.] Last": the name, and the rest as its title. */
function titledName(ctx: SentenceCtx, from: number, to: number): { t0: number; t1: number; title: string } | undefined {
  const { tokens } = ctx;
  const initial = /^[A-Z]\.$/.test(tokens[to - 2]?.text ?? '');
  const at = initial ? to - 3 : to - 2;
  if (at - from < 3 || !isFirstName(tokens[at]!.text) || !tokens[to - 1]!.cap) return undefined;
  const front = spanText(ctx, from, at);
  if (!PERSON_TITLES.some((p) => front.startsWith(`${p} `) || front.includes(` ${p} `))) return undefined;
  return { t0: at, t1: to, title: front };
}

// "Jane Roe, 38," and "Li Wei (李伟), 38;": a name followed by an age
const AGE_AFTER = (ctx: SentenceCtx, i: number): boolean => {
  let k = i;
  if (ctx.tokens[k]?.text === '(') {
    while (k < ctx.tokens.length && ctx.tokens[k]!.text !== ')') k++;
    k++;
  }
  return ctx.tokens[k]?.text === ',' && /^\d{2}$/.test(ctx.tokens[k + 1]?.text ?? '');
};
// "Boris Berezovsky, a Russian businessman,", "Jane Roe, the group's leader": an appositive that says a person
const PERSON_NOUN = new Set(cues.personNouns);
const PERSON_APPOSITIVE = (ctx: SentenceCtx, i: number): boolean => {
  const { tokens } = ctx;
  if (tokens[i]?.text !== ',' || !['a', 'an', 'the'].includes(tokens[i + 1]?.key ?? '')) return false;
  for (let k = i + 2; k < tokens.length && k < i + 8; k++) {
    const t = tokens[k]!;
    if (t.text === ',' || (!t.word && t.text !== '-' && t.text !== "'s")) return false;
    if (PERSON_NOUN.has(t.key) && !t.cap) return true;
  }
  return false;
};
// "24-year-old Anis Amri": an age before a name
const AGE_BEFORE = (ctx: SentenceCtx, i: number): boolean =>
  ctx.tokens[i - 1]?.key === 'old' && ctx.tokens[i - 3]?.key === 'year' && /^\d{1,3}$/.test(ctx.tokens[i - 5]?.text ?? '');
// "the island of Gotland", "the port city of Odesa"
const PLACE_NOUN = new Set([
  'island',
  'city',
  'town',
  'village',
  'port',
  'region',
  'province',
  'district',
  'county',
  'state',
  'municipality',
  'oblast',
  'neighbourhood',
  'neighborhood',
  'borough',
  'suburb',
  'capital',
]);
// "the telecommunications company Elisa", "the exchange Binance", "Ginco, a … company"
const ORG_NOUN = new Set([
  'club',
  'gang',
  'militia',
  'movement',
  'party',
  'faction',
  'company',
  'firm',
  'operator',
  'exchange',
  'provider',
  'bank',
  'startup',
  'start-up',
  'manufacturer',
  'developer',
  'contractor',
  'subsidiary',
  'platform',
  'outlet',
  'broadcaster',
  'newspaper',
  'carrier',
  'shipowner',
  'insurer',
  'conglomerate',
  'group',
  'organisation',
  'organization',
  'agency',
  'charity',
  'network',
  'vendor',
]);

// the kinds of body a name may be followed by ("the Red Kestrel group")
const GROUP_KIND_AFTER = new Set([
  'group',
  'cell',
  'militia',
  'ring',
  'network',
  'gang',
  'unit',
  'brigade',
  'battalion',
  'faction',
  'movement',
  'organisation',
  'organization',
  'club',
  'syndicate',
  'crew',
  'cartel',
  'collective',
  'mafia',
]);

function appositiveOrgNoun(ctx: SentenceCtx, from: number): boolean {
  for (let k = from; k < Math.min(ctx.tokens.length, from + 10); k++) {
    const t = ctx.tokens[k]!;
    if (t.text === ',' || t.text === '.' || t.key === 'that' || t.key === 'which' || t.key === 'who') return false;
    if (ORG_NOUN.has(t.key) && !t.cap) return true;
  }
  return false;
}

/** A run with no gazetteer name: an organisation, person or place by its cues, or undecided. */
function recogniseFree(ctx: SentenceCtx, reg: Registry, r: Run & { title?: string }): Run | undefined {
  const { tokens } = ctx;
  const text = spanText(ctx, r.t0, r.t1);
  if (NOT_NAMES.has(text.toLowerCase()) || MONTHS.test(tokens[r.t0]!.text) || /^\d/.test(text)) return undefined;
  const words = tokens.slice(r.t0, r.t1).filter((w, k, all) => w.text !== '-' && !(w.text === ',' && /^(?:Jr|Sr)\.?$/.test(all[k + 1]?.text ?? '')));
  if (!words.length || words.some((w) => !w.word)) return undefined;
  // threat-intelligence designations: "Storm-1516", "UNC4899", "DEV-0537", "TA453"
  if (/^(?:Storm|DEV|UNC|TA|TAG|UAC|UAT|APT|FIN|TEMP)\s?-?\s?\d{2,5}$/.test(text)) {
    addSpan(ctx, { ent: reg.get('Group', text.replace(/\s/g, ''), { kind: 'other' }), t0: r.t0, t1: r.t1, via: 'cue' });
    return undefined;
  }
  // a service named by its web address: "Sinbad.io", "Blender.io", "Garantex.org"
  if (/^\p{Lu}[\p{L}\d-]*\.(?:io|com|net|org|co|xyz|app|cc|to|ru|su|me|exchange|finance)$/u.test(text)) {
    addSpan(ctx, { ent: reg.get('Group', text, { kind: 'company' }), t0: r.t0, t1: r.t1, via: 'cue' });
    return undefined;
  }
  // military and intelligence units by number: "Unit 29155", "Unit 61398", the FSB's "Centre 18"
  if (/^(?:Unit \d{3,6}|Cent(?:re|er) \d{1,3})$/.test(text)) {
    addSpan(ctx, { ent: reg.get('Group', text, { kind: 'intelligence' }), t0: r.t0, t1: r.t1, via: 'cue' });
    return undefined;
  }
  // "the Terrorism Act 2000": a document's name may end in its year
  const lastWord = /^\d{4}$/.test(words.at(-1)!.text) && words.length > 1 ? words.at(-2)! : words.at(-1)!;
  if (PERSON_TITLES.includes(text) || DOCUMENT_WORD.test(lastWord.text)) return undefined;
  // "(Assistant Director) for Cyber Operations": what is left of a title is no name
  if (!words[0]!.cap) return undefined;
  // "charging ISHAN WAHI, a former manager": prosecutors write defendants' names in capitals
  if (
    words.length >= 2 &&
    words.length <= 3 &&
    words.every((w) => w.upper && w.text.length > 2) &&
    !ctx.titleCase &&
    isFirstName(titleCaseWord(words[0]!.text))
  ) {
    addSpan(ctx, { ent: reg.get('Actor', words.map((w) => titleCaseWord(w.text)).join(' ')), t0: r.t0, t1: r.t1, via: 'cue' });
    return undefined;
  }
  if (PEER.test(text) && !ctx.titleCase && !isOffice(words[1]?.text ?? '')) {
    addSpan(ctx, { ent: reg.get('Actor', text), t0: r.t0, t1: r.t1, via: 'cue' });
    return undefined;
  }
  const title = r.title ?? titleBefore(ctx, r.t0)?.title;
  const n = words.length;
  // "JD Vance": two capitals as initials may open a name
  const personLike =
    n >= 1 && n <= 4 && words.every((w, k) => !suffixKind(w) && (!w.upper || (k === 0 && n > 1 && w.text.length <= 2)) && !MONTHS.test(w.text));
  // people: after a title, a known first name, "First M. Last", or "Name, 38,"
  if (
    personLike &&
    n >= 2 &&
    !ctx.titleCase &&
    (title ||
      isFirstName(words[0]!.text) ||
      /^[A-Z]\.$/.test(words[1]?.text ?? '') ||
      AGE_AFTER(ctx, r.t1) ||
      AGE_BEFORE(ctx, r.t0) ||
      PERSON_APPOSITIVE(ctx, r.t1))
  ) {
    // "the Amber Wolf network": a first name, then the kind of body it is, names that body
    const kindNoun = tokens[r.t1];
    if (!title && kindNoun && !kindNoun.cap && GROUP_KIND_AFTER.has(kindNoun.key)) {
      addSpan(ctx, { ent: reg.get('Group', text, { kind: 'other' }), t0: r.t0, t1: r.t1, via: 'cue' });
      return undefined;
    }
    const ent = reg.get('Actor', text);
    if (title && !HONORIFIC.test(title) && /^\p{Lu}/u.test(title)) ent.role ??= title;
    addSpan(ctx, { ent, t0: r.t0, t1: r.t1, via: 'cue' });
    return undefined;
  }
  // "General Soleimani", "Mr Smith": one name after a capitalised title
  if (personLike && n === 1 && title && /^\p{Lu}/u.test(title) && !ctx.titleCase && !lexTags(text).length) {
    addSpan(ctx, { ent: reg.get('Actor', text), t0: r.t0, t1: r.t1, via: 'cue' });
    return undefined;
  }
  // organisations named by the noun before or after them
  const prev = tokens[r.t0 - 1]?.key === 'the' ? tokens[r.t0 - 2] : tokens[r.t0 - 1];
  // "the Black Lantern cell", "the Iron Owl group": a name, then the kind of body it is
  const kindAfter = tokens[r.t1];
  if (
    !ctx.titleCase &&
    tokens[r.t0 - 1]?.key === 'the' &&
    kindAfter &&
    !kindAfter.cap &&
    GROUP_KIND_AFTER.has(kindAfter.key) &&
    n <= 4 &&
    !isFirstName(words[0]!.text)
  ) {
    const kind = /^(gang|ring|cartel|syndicate|crew|mafia)$/.test(kindAfter.key)
      ? 'criminal'
      : /^(militia|brigade|battalion)$/.test(kindAfter.key)
        ? 'militant'
        : 'other';
    addSpan(ctx, { ent: reg.get('Group', text, { kind }), t0: r.t0, t1: r.t1, via: 'cue' });
    return undefined;
  }
  if (
    !ctx.titleCase &&
    ((prev && ORG_NOUN.has(prev.key) && !prev.cap) ||
      (tokens[r.t1]?.text === ',' && /^(a|an)$/.test(tokens[r.t1 + 1]?.key ?? '') && appositiveOrgNoun(ctx, r.t1 + 2)))
  ) {
    addSpan(ctx, { ent: reg.get('Group', text, { kind: 'company' }), t0: r.t0, t1: r.t1, via: 'cue' });
    return undefined;
  }
  // places: "in Hartlepool", "the Kursk region", "Khar, Pakistan", "the island of Gotland",
  // "Jane Roe, 61, of the Bronx", "Manhattan's Chinatown"
  const next = tokens[r.t1];
  const after = covered(ctx, r.t1 + 1);
  const placeCue =
    (prev && LOCATIVE.has(prev.key) && prev.key !== 'to' && prev.key !== 'from' && !COMPASS.test(text)) ||
    (next && cues.placeSuffixes.includes(next.text)) ||
    // ("Preet Bharara, U.S. Attorney for …": a State before a title is the title's, not a place's)
    (next?.text === ',' && after?.ent.type === 'State' && after.via === 'name' && !TITLE_EDGE.has(tokens[after.t1]?.key ?? '')) ||
    (prev?.key === 'of' && PLACE_NOUN.has(tokens[r.t0 - 2]?.key ?? '')) ||
    (prev?.key === 'of' && tokens[r.t0 - 2]?.text === ',' && (/^\d{2}$/.test(tokens[r.t0 - 3]?.text ?? '') || covered(ctx, r.t0 - 3)?.ent.type === 'Actor')) ||
    (tokens[r.t0 - 1]?.text === "'s" && covered(ctx, r.t0 - 2)?.ent.type === 'Place');
  // "the attack on the Crocus City Hall": the site of an incident, whatever its words
  // ("the attack on the Christmas market": a capitalised word before a common noun only describes it)
  const siteCue =
    tokens[r.t0 - 1]?.key === 'the' &&
    ['on', 'at'].includes(tokens[r.t0 - 2]?.key ?? '') &&
    cues.caseHeads[tokens[r.t0 - 3]?.key ?? ''] !== undefined &&
    !(
      next?.word &&
      !next.cap &&
      !isFunctionWord(next.text) &&
      !/(?:ed|ing|ly)$/.test(next.key) &&
      !lexTags(next.text).some((t) => /Verb|Tense|Adverb/.test(t))
    );
  const plain = words.every(
    (w) =>
      !w.upper &&
      !isFunctionWord(w.text) &&
      !lexTags(w.text).some((t) => /Noun|Adjective|Verb|Demonym|Language/.test(t) && !/ProperNoun|Place|City|Region|Country/.test(t)),
  );
  // "Special Agent in Charge Omar Castell": a title's last word after "in" opens no place
  if (((placeCue && plain) || siteCue) && n <= 3 && r.t0 > 0 && !isFirstName(words[0]!.text) && !ctx.titleCase && !TITLE_EDGE.has(words[0]!.key)) {
    addSpan(ctx, { ent: reg.get('Place', text), t0: r.t0, t1: r.t1, via: 'cue' });
    return undefined;
  }
  return personLike && n >= 2 && r.t0 > 0 && !ctx.titleCase ? r : undefined;
}

/** "the Islamic State Khorasan Province (ISKP)": the acronym becomes a name of the entity before it. */
/**
 * "Hizb ut-Tahrir Britain", "Hezbollah Germany": a movement's name with a State's name
 * right after it names its branch in that State, one Group that is a member of the movement.
 */
export function regionalBranches(ctx: SentenceCtx, reg: Registry): void {
  for (const a of [...ctx.spans]) {
    const b = ctx.spans.find((x) => x.t0 === a.t1);
    if (!b || b.ent.type !== 'State' || b.via !== 'name' || a.ent.type !== 'Group' || a.via === 'pronoun') continue;
    if (!/^(?:terrorist|militant|ngo|other)$/.test(a.ent.kind ?? '') || ctx.titleCase) continue;
    const ent = reg.get('Group', `${a.ent.name} ${spanText(ctx, b.t0, b.t1)}`, { kind: a.ent.kind, memberOf: a.ent.name });
    addSpan(ctx, { ent, t0: a.t0, t1: b.t1, via: 'cue' });
  }
}

function defineAcronyms(ctx: SentenceCtx, reg: Registry): void {
  const { tokens } = ctx;
  for (let i = 1; i + 2 < tokens.length; i++) {
    if (tokens[i]!.text !== '(' || tokens[i + 2]!.text !== ')') continue;
    const abbr = tokens[i + 1]!;
    if (!abbr.upper && !/^[A-Z][A-Za-z0-9]*[A-Z0-9]$/.test(abbr.text)) continue;
    const before = ctx.spans.find((s) => s.t1 === i);
    const inner = covered(ctx, i + 1);
    if (before && inner && before.ent !== inner.ent && before.ent.type === inner.ent.type) {
      // two readings of one organisation: keep the gazetteer's
      const keep = inner.via === 'name' ? inner.ent : before.ent;
      const drop = keep === inner.ent ? before : inner;
      reg.alias(keep, drop.ent.name);
      drop.ent = keep;
    } else if (before && !inner && before.ent.type !== 'Actor') {
      reg.alias(before.ent, abbr.text);
      addSpan(ctx, { ent: before.ent, t0: i + 1, t1: i + 2, via: 'alias' });
    } else if (!before && !inner) {
      // an unknown name whose initials make the acronym: "the Baltic Cable Alliance (BCA)"
      const run = capitalRuns(tokens.slice(0, i)).at(-1);
      if (run && run.t1 === i) {
        const caps = tokens.slice(run.t0, run.t1).filter((t) => t.word && t.cap);
        const initials = caps.map((t) => t.text[0]).join('');
        if (
          caps.length >= 2 &&
          !DOCUMENT_WORD.test(caps.at(-1)!.text) &&
          !DESIGNATION_CATEGORIES.has(spanText(ctx, run.t0, run.t1).toLowerCase()) &&
          initials.toUpperCase() === abbr.text.replace(/[^A-Za-z]/g, '').toUpperCase()
        ) {
          const ent = reg.get('Group', spanText(ctx, run.t0, run.t1), { kind: 'other' });
          reg.alias(ent, abbr.text);
          ctx.spans = ctx.spans.filter((s) => s.t1 <= run.t0 || s.t0 >= run.t1);
          addSpan(ctx, { ent, t0: run.t0, t1: run.t1, via: 'cue' });
          addSpan(ctx, { ent, t0: i + 1, t1: i + 2, via: 'alias' });
        }
      }
    } else if (!before && inner) {
      // an unknown long name before a known acronym: "Advanced Persistent Threat 27 (APT27)"
      const run = capitalRuns(tokens.slice(0, i)).at(-1);
      if (run && run.t1 === i && run.t1 - run.t0 >= 2) {
        reg.alias(inner.ent, spanText(ctx, run.t0, run.t1));
        addSpan(ctx, { ent: inner.ent, t0: run.t0, t1: run.t1, via: 'alias' });
      }
    }
  }
}

// Words of a title or office that a name run may have swallowed at its edges
// ("U.S. Attorney Damian Williams", "Special Agent in Charge Douglas S. DePodesta",
// "Chief of the General Staff Valery Gerasimov", "Matthew R. Galeotti Head of …").
const TITLE_EDGE = new Set(cues.titleEdgeWords);

/**
 * People whose name run kept a word of their title at either edge get the bare name
 * ("Attorney Damian Williams" → Damian Williams); a run opening on a connector ("for
 * Cyber") or left with one word is no person.
 */
export function tidyPeople(ctxs: SentenceCtx[], reg: Registry): void {
  for (const ctx of ctxs) {
    for (const span of [...ctx.spans]) {
      if (span.ent.type !== 'Actor' || span.via === 'pronoun' || span.via === 'alias') continue;
      let { t0, t1 } = span;
      while (t1 - t0 > 2 && TITLE_EDGE.has(ctx.tokens[t0]!.key)) t0++;
      while (t1 - t0 > 2 && TITLE_EDGE.has(ctx.tokens[t1 - 1]!.key)) t1--;
      const first = ctx.tokens[t0]!;
      if (!first.cap) {
        ctx.spans = ctx.spans.filter((x) => x !== span);
        if (!ctxs.some((c) => c.spans.some((x) => x.ent === span.ent))) reg.remove(span.ent);
        continue;
      }
      if (t0 === span.t0 && t1 === span.t1) continue;
      const ent = reg.get('Actor', spanText(ctx, t0, t1));
      if (span.ent.role && !ent.role) ent.role = span.ent.role;
      replaceSpan(ctx, span, ent, t0, t1);
    }
  }
}

/**
 * "Sergei and Yulia Skripal": two first names joined by "and" before one person's name are two
 * people of that surname. The first one's mention is its first name alone.
 */
export function sharedSurnames(ctxs: SentenceCtx[], reg: Registry): void {
  for (const ctx of ctxs) {
    const { tokens } = ctx;
    for (const person of [...ctx.spans]) {
      if (person.ent.type !== 'Actor' || person.via === 'pronoun') continue;
      const words = person.ent.name.split(' ');
      const surname = words.at(-1)!;
      // the second first name is the person's own ("Yulia Skripal") or written just before it ("Yulia" + "Skripal")
      const secondAt = words.length >= 2 && tokens[person.t0]!.text === words[0] ? person.t0 : person.t0 - 1;
      const second = tokens[secondAt];
      const first = tokens[secondAt - 2];
      if (!second?.cap || !first?.cap || tokens[secondAt - 1]?.key !== 'and' || covered(ctx, secondAt - 2)) continue;
      if (secondAt < person.t0 && covered(ctx, secondAt)) continue;
      // the first is a bare first name, not the end of a name before it ("Konstantine Kalashnikov and Elena Afanasyeva")
      if (!isFirstName(first.text) || (tokens[secondAt - 3]?.cap && tokens[secondAt - 3]?.word)) continue;
      if (isFunctionWord(first.text) || isOffice(first.text)) continue;
      const named = reg.get('Actor', `${second.text} ${surname}`);
      replaceSpan(ctx, person, named, secondAt, person.t1);
      addSpan(ctx, { ent: reg.get('Actor', `${first.text} ${surname}`), t0: secondAt - 2, t1: secondAt - 1, via: 'name' });
      if (!ctxs.some((c) => c.spans.some((x) => x.ent === person.ent))) reg.remove(person.ent);
    }
  }
}

// "Mr Justice Trower", "Lady Justice King": a judge of England and Wales is known by the style, not the surname alone
const JUDICIAL_STYLE = /^(?:Mr|Mrs|Ms|Lord|Lady)\.?$/i;

/** A person after a judicial style ("Mr Justice", "Lord Justice") is named with it, as courts and annotators name judges. */
export function judgesByStyle(ctxs: SentenceCtx[], reg: Registry): void {
  for (const ctx of ctxs) {
    const { tokens } = ctx;
    for (const span of [...ctx.spans]) {
      if (span.ent.type !== 'Actor' || span.via === 'pronoun' || span.t0 < 2) continue;
      if (tokens[span.t0 - 1]!.text !== 'Justice' || !JUDICIAL_STYLE.test(tokens[span.t0 - 2]!.text) || covered(ctx, span.t0 - 1)) continue;
      const named = reg.get('Actor', `${tokens[span.t0 - 2]!.text} Justice ${span.ent.name}`, { role: 'judge' });
      replaceSpan(ctx, span, named, span.t0 - 2, span.t1);
      if (!ctxs.some((c) => c.spans.some((x) => x.ent === span.ent))) reg.remove(span.ent);
    }
    // "Lady Justice King": a surname the lexicon knows as a word is still the judge's, after the style
    for (let i = 1; i + 1 < tokens.length; i++) {
      if (!/^(?:Justice|JUSTICE)$/.test(tokens[i]!.text) || covered(ctx, i)) continue;
      // "MR. JUSTICE": the style's full stop is a token of its own
      const style = tokens[i - 1]!.text === '.' && i >= 2 ? i - 2 : i - 1;
      if (!JUDICIAL_STYLE.test(tokens[style]!.text) || covered(ctx, style)) continue;
      let j = i + 1;
      while (j < tokens.length && j < i + 3 && tokens[j]!.cap && tokens[j]!.word && !covered(ctx, j) && !JUDICIAL_STYLE.test(tokens[j]!.text)) j++;
      if (j === i + 1) continue;
      // a judgment's header writes the judge in capitals ("MR. JUSTICE BRYAN"): the name keeps the style, in title case
      const name = [tokens[style]!, ...tokens.slice(i, j)].map((t) => titleCaseWord(t.text).replace(/\.$/, '')).join(' ');
      addSpan(ctx, { ent: reg.get('Actor', name, { role: 'judge', conventionalName: true }), t0: style, t1: j, via: 'cue' });
    }
  }
}

// "MR D ARMSTRONG KC and MISS R MULDOON (instructed by Giambrone & Partners LLP) appeared on behalf
// of the Claimant": a judgment's list of appearances names counsel and the solicitors instructing them
const COUNSEL_HONORIFIC = /^(?:Mr|Mrs|Ms|Miss|Sir|Dame)\.?$/i;
const SILK = /^(?:QC|KC)$/;

/**
 * Counsel and solicitors in a judgment's appearances: each person after an honorific up to the
 * silk's letters, and the firm after "instructed by", with the role the text gives them
 * (ONTOLOGY.md: counsel are PARTY_TO the case with their role).
 */
export function counselAppearances(ctxs: SentenceCtx[], reg: Registry): void {
  for (const ctx of ctxs) {
    const { tokens } = ctx;
    for (let i = 1; i + 2 < tokens.length; i++) {
      if (tokens[i]!.key !== 'instructed' || tokens[i + 1]!.key !== 'by' || tokens[i - 1]!.text !== '(') continue;
      // the firm: up to the closing bracket, a bracket inside the name kept ("Cooley (UK) LLP")
      let j = i + 2;
      let depth = 0;
      while (j < tokens.length && (tokens[j]!.text !== ')' || depth > 0)) {
        if (tokens[j]!.text === '(') depth++;
        if (tokens[j]!.text === ')') depth--;
        j++;
      }
      const f0 = tokens[i + 2]!.key === 'the' ? i + 3 : i + 2; // "instructed by the Government Legal Department"
      if (j >= tokens.length || j <= f0 || !tokens[f0]!.cap) continue;
      const firmName = ctx.sentence.text.slice(tokens[f0]!.start - ctx.sentence.start, tokens[j - 1]!.end - ctx.sentence.start);
      const inside = ctx.spans.filter((s) => s.t0 >= f0 && s.t1 <= j);
      const firm = inside.length === 1 && inside[0]!.t0 === f0 && inside[0]!.t1 === j ? inside[0]!.ent : reg.get('Group', firmName, { kind: 'company' });
      ctx.spans = ctx.spans.filter((s) => !inside.includes(s) || s.ent === firm);
      addSpan(ctx, { ent: firm, t0: f0, t1: j, via: 'cue' });
      firm.role = 'solicitors';
      // counsel: back from the bracket to the previous bracket or the sentence's start
      let a = i - 2;
      while (a >= 0 && tokens[a]!.text !== ')') a--;
      for (let k = a + 1; k < i - 1; k++) {
        if (!COUNSEL_HONORIFIC.test(tokens[k]!.text)) continue;
        let n = k + 1;
        if (tokens[n]?.text === '.') n++;
        const start = n;
        while (n < i - 1 && tokens[n]!.cap && !SILK.test(tokens[n]!.text) && tokens[n]!.key !== 'and' && !COUNSEL_HONORIFIC.test(tokens[n]!.text)) {
          n++;
          if (tokens[n]?.text === '.' && tokens[n - 1]!.text.length === 1) n++; // "A. MAGUIRE"
        }
        if (n === start) continue;
        const words = tokens.slice(start, n).map((t) => titleCaseWord(t.text));
        const name = ctx.sentence.text.slice(tokens[start]!.start - ctx.sentence.start, tokens[n - 1]!.end - ctx.sentence.start);
        const person = reg.get('Actor', name === name.toUpperCase() ? words.join(' ').replace(/ \./g, '.') : name, { role: 'counsel', conventionalName: true });
        person.role = 'counsel'; // the appearances say what they are, whatever a title before the list said
        ctx.spans = ctx.spans.filter((s) => !(s.t0 < n && start < s.t1));
        addSpan(ctx, { ent: person, t0: start, t1: n, via: 'cue' });
        k = n - 1;
      }
    }
  }
}

const KIN = new Set(cues.kinNouns);

/**
 * "Sergei Skripal and his daughter Yulia", "his 33-year-old daughter Yulia": a first name after a
 * possessive and a noun of family is a relative who shares the person's surname.
 */
export function relativesByFirstName(ctxs: SentenceCtx[], reg: Registry): void {
  for (const ctx of ctxs) {
    const { tokens } = ctx;
    for (let i = 1; i < tokens.length; i++) {
      if (!KIN.has(tokens[i]!.key)) continue;
      const name = tokens[i + 1];
      if (!name?.cap || !name.word || covered(ctx, i + 1) || (tokens[i + 2]?.cap && tokens[i + 2]!.word) || !isFirstNameShaped(name.text)) continue;
      // back over "his" and an age ("his 33-year-old daughter") to the person it belongs to
      let k = i - 1;
      while (k > 0 && (/^\d+$/.test(tokens[k]!.text) || ['-', 'year', 'old', 'years'].includes(tokens[k]!.key))) k--;
      if (!['his', 'her'].includes(tokens[k]!.key)) continue;
      const owner = [...ctx.spans].reverse().find((s) => s.t1 <= k && s.ent.type === 'Actor' && s.via !== 'pronoun' && s.ent.name.includes(' '));
      if (!owner) continue;
      const surname = owner.ent.name.split(' ').at(-1)!;
      addSpan(ctx, { ent: reg.get('Actor', `${name.text} ${surname}`), t0: i + 1, t1: i + 2, via: 'name' });
    }
  }
}

// "Moscow Oblast", "Sar-e Pol Province", "Abbs airfield": the kind of place after its name is part of it
const PLACE_TAIL = new Set(cues.placeTails);

const FACILITY_HEADS = cues.facilityHeads.map((h) => h.split(' ')).sort((a, b) => b.length - a.length);

/**
 * "Kuala Lumpur International Airport", "Bolling Air Force Base", "Evin Prison": a capitalised
 * name ending in the head noun of a building or site is one Place; a place or State named inside
 * it is part of its name, not a Place of its own (ONTOLOGY.md: a short noun phrase, as the text names it).
 */
export function facilityNames(ctxs: SentenceCtx[], reg: Registry): void {
  for (const ctx of ctxs) {
    if (ctx.titleCase) continue;
    const { tokens } = ctx;
    for (let i = 1; i < tokens.length; i++) {
      const head = FACILITY_HEADS.find((h) => h.every((w, k) => tokens[i + k]?.text === w));
      if (!head) continue;
      const end = i + head.length;
      if (tokens[end]?.cap && tokens[end]!.word) continue; // "Station Road": the head is inside another name
      // left over capitalised words, initials and places; never over a person or an organisation
      let a = i;
      while (a > 0 && a > i - 5) {
        const t = tokens[a - 1]!;
        const s = covered(ctx, a - 1);
        if (s && s.ent.type !== 'Place' && s.ent.type !== 'State') break;
        if (!(t.cap && (t.word || /^[A-Z]\.$/.test(t.text))) && !(t.text === "'s" && a - 1 > 0)) break;
        if (!s && isFunctionWord(t.text)) break; // "The Glasgow Airport attack": the article opens no name
        a = s ? Math.min(s.t0, a - 1) : a - 1;
      }
      if (a === i || tokens[a]!.text === "'s") continue;
      // a head inside a span already read whole stays there ("Eastern District of New York")
      const clash = ctx.spans.filter((s) => s.t0 < end && a < s.t1);
      if (clash.some((s) => s.t0 < a || s.t1 > end || (s.ent.type !== 'Place' && s.ent.type !== 'State' && s.t0 < i))) continue;
      ctx.spans = ctx.spans.filter((s) => !clash.includes(s));
      addSpan(ctx, { ent: reg.get('Place', spanText(ctx, a, end)), t0: a, t1: end, via: 'cue' });
    }
  }
}

/** A Place named with the kind of place after it ("Voronezh Oblast") is named whole. */
export function placesWithTheirKind(ctxs: SentenceCtx[], reg: Registry): void {
  for (const ctx of ctxs) {
    for (const span of [...ctx.spans]) {
      if (span.ent.type !== 'Place' || (span.via !== 'name' && span.via !== 'cue')) continue;
      const next = ctx.tokens[span.t1];
      if (!next || !PLACE_TAIL.has(next.key) || covered(ctx, span.t1)) continue;
      // "the Kursk region" is Kursk in a region; "Kursk Region" and "Hainan Province" are names
      if (!next.cap && !['airfield', 'garrison', 'peninsula', 'airport', 'synagogue', 'outpost', 'airbase'].includes(next.key)) continue;
      const ent = reg.get('Place', spanText(ctx, span.t0, span.t1 + 1));
      replaceSpan(ctx, span, ent, span.t0, span.t1 + 1);
    }
  }
}

// "the U.S. District Court for the District of Columbia", "the U.S. Attorney's Office for the
// Southern District of New York": a court's or prosecutor's district is part of its name
const DISTRICT_BODY = /^(?:court|office|attorney's office|division)$/i;

/** A court or prosecutor's office named with its district is one Group, with no Place inside it. */
export function bodiesWithTheirDistrict(ctxs: SentenceCtx[], reg: Registry): void {
  for (const ctx of ctxs) {
    const { tokens } = ctx;
    for (const span of [...ctx.spans]) {
      if (span.ent.type !== 'Group' || !DISTRICT_BODY.test(tokens[span.t1 - 1]!.key)) continue;
      let k = span.t1;
      if (!['for', 'in'].includes(tokens[k]?.key ?? '')) continue;
      k++;
      if (tokens[k]?.key === 'the') k++;
      if (/^(southern|northern|eastern|western|central|middle)$/.test(tokens[k]?.key ?? '')) k++;
      if (tokens[k]?.key !== 'district' || tokens[k + 1]?.key !== 'of') continue;
      k += 2;
      const place = covered(ctx, k);
      let end = place && place.t0 === k ? place.t1 : k;
      if (end === k) while (end < tokens.length && tokens[end]!.cap && tokens[end]!.word) end++;
      if (end === k) continue;
      const ent = reg.get('Group', spanText(ctx, span.t0, end), { kind: span.ent.kind, state: span.ent.state });
      ctx.spans = ctx.spans.filter((x) => !(x.t0 >= span.t0 && x.t1 <= end));
      addSpan(ctx, { ent, t0: span.t0, t1: end, via: span.via });
    }
  }
}

// "the New York Field Office of the FBI", "the FBI's San Diego Field Office": a field office
// is named with its agency's short name ("FBI New York Field Office"), as analysts write it
const FIELD_OFFICE = /\bField Office$/;

/** A field office named with the agency the text ties it to ("of the FBI", "the FBI's"). */
export function fieldOfficesOfTheirAgency(ctxs: SentenceCtx[], reg: Registry): void {
  const agencyOf = new Map<Ent, Ent>();
  for (const ctx of ctxs) {
    const { tokens } = ctx;
    for (const span of ctx.spans) {
      if (span.ent.type !== 'Group' || !FIELD_OFFICE.test(span.ent.name) || agencyOf.has(span.ent)) continue;
      const after = tokens[span.t1]?.key === 'of' ? covered(ctx, tokens[span.t1 + 1]?.key === 'the' ? span.t1 + 2 : span.t1 + 1) : undefined;
      const before = tokens[span.t0 - 1]?.text === "'s" || tokens[span.t0 - 1]?.text === '’s' ? covered(ctx, span.t0 - 2) : undefined;
      const agency = [after, before].find((x) => x && x.ent.type === 'Group' && x.ent !== span.ent)?.ent;
      if (agency) agencyOf.set(span.ent, agency);
    }
  }
  for (const [office, agency] of agencyOf) {
    const short = [agency.name, ...agency.aliases].find((n) => /^[A-Z]{2,6}$/.test(n)) ?? agency.name;
    const name = `${short} ${office.name}`;
    if (reg.find('Group', name)) continue;
    reg.alias(office, name);
    office.aliases.add(office.name);
    office.name = name;
    office.memberOf ??= agency.name;
    office.conventionalName = true;
  }
}

const SPEECH_HEAD = new Set(cues.speechHeadWords);
const NAME_WORD = /^(?:\p{Lu}[\p{L}'-]+|\p{Lu}\.)$/u;

/**
 * "Attorney General Merrick B. Garland Delivers Remarks …", "Director Christopher Wray's Remarks …":
 * a speech's headline capitalises every word, but a title, then two to four name words, then
 * the word of the speech name its speaker, with the title as role.
 */
export function speakerOfHeadline(ctx: SentenceCtx, reg: Registry): void {
  if (!ctx.titleCase) return;
  const { tokens } = ctx;
  const v = tokens.findIndex((t, i) => SPEECH_HEAD.has(t.text) || (/^['’]s$/.test(t.text) && SPEECH_HEAD.has(tokens[i + 1]?.text ?? '')));
  if (v < 2) return;
  for (let j = Math.max(1, v - 4); j <= v - 2; j++) {
    const name = tokens.slice(j, v);
    if (!name.every((t) => NAME_WORD.test(t.text)) || name.some((_, k) => covered(ctx, j + k))) continue;
    const before = tokens
      .slice(Math.max(0, j - 8), j)
      .map((t) => t.text)
      .join(' ');
    const title = PERSON_TITLES.find((p) => before === p || before.endsWith(' ' + p));
    if (!title || HONORIFIC.test(title)) continue;
    const ent = reg.get('Actor', spanText(ctx, j, v));
    ent.role ??= title;
    addSpan(ctx, { ent, t0: j, t1: v, via: 'cue' });
    return;
  }
}

/**
 * "The Council today adopted …" in a text that has named the EU: a body written by one word
 * after "the" is the body of the organisation the text names (cues.json `bodiesByShortName`).
 */
export function bodiesByShortName(ctxs: SentenceCtx[], reg: Registry): void {
  for (const body of cues.bodiesByShortName) {
    const parent = reg.find('Group', body.parent) ?? reg.find('State', body.parent);
    if (!parent || !ctxs.some((c) => c.spans.some((s) => s.ent === parent))) continue;
    for (const ctx of ctxs) {
      if (ctx.titleCase) continue;
      const { tokens } = ctx;
      for (let i = 1; i < tokens.length; i++) {
        const t = tokens[i]!;
        // "the Council of Europe", "the Council Decision", "the Security Council": another body or a thing
        if (t.text !== body.short || tokens[i - 1]!.key !== 'the' || covered(ctx, i) || tokens[i + 1]?.cap || tokens[i + 1]?.key === 'of') continue;
        const ent = reg.get('Group', body.name, { kind: body.kind });
        reg.alias(ent, body.short);
        ent.conventionalName = true; // named as analysts know it, not "Council"
        addSpan(ctx, { ent, t0: i, t1: i + 1, via: 'alias' });
      }
    }
  }
}

// "Bangladesh Bank", "the Estonian Parliament" is not this: a State's name and one head word make one name
const HEAD_AFTER_STATE = new Set(['bank', 'army', 'navy', 'parliament', 'police', 'guard', 'railways', 'airlines', 'telecom', 'post']);

// Capitalised words after a State's name that do not make a name with it ("the UK Government", "Iran Tuesday")
const NOT_A_NAME_AFTER_STATE =
  /^(?:government|governments|minister|ministers|president|prime|secretary|state|attorney|attorneys|district|magistrate|judge|democracy|today|said|says|and|or|the)$/;
const TITLE_WORDS = new Set(cues.personTitles.map((t) => t.toLowerCase()));

/**
 * "Iran International", "Malaysia Airlines": a State's name followed by capitalised words no list
 * knows is one name, a Group, not a State (ONTOLOGY.md: a country word inside a name is no State).
 */
export function namesAfterState(ctxs: SentenceCtx[], reg: Registry): void {
  for (const ctx of ctxs) {
    if (ctx.titleCase) continue;
    const { tokens } = ctx;
    for (const state of [...ctx.spans]) {
      if (state.ent.type !== 'State' || state.via !== 'name' || state.t0 === 0) continue;
      let end = state.t1;
      while (
        end < tokens.length &&
        tokens[end]!.word &&
        tokens[end]!.cap &&
        !tokens[end]!.upper &&
        !/^\d/.test(tokens[end]!.text) &&
        !covered(ctx, end) &&
        !NOT_A_NAME_AFTER_STATE.test(tokens[end]!.key) &&
        !TITLE_WORDS.has(tokens[end]!.key) &&
        !MONTHS.test(tokens[end]!.text) &&
        !isFunctionWord(tokens[end]!.text) // "an ally of the U.S. In defense of …"
      )
        end++;
      // "West Azerbaijan Province": a kind of place after it names a place, left to the place readers
      if (end === state.t1 || PLACE_TAIL.has(tokens[end - 1]!.key)) continue;
      // "the US Congressional-Executive Commission", "U.S. F-16s": a hyphenated word is not cut in two
      if (tokens[end]?.text === '-' && tokens[end]!.start === tokens[end - 1]!.end) continue;
      // "the Iraq War", "the Ukraine Invasion": a named event is the case finder's
      if (cues.caseHeads[tokens[end - 1]!.key] !== undefined) continue;
      const ent = reg.get('Group', spanText(ctx, state.t0, end), { kind: 'other', state: state.ent.iso3 });
      ctx.spans = ctx.spans.filter((x) => x !== state);
      addSpan(ctx, { ent, t0: state.t0, t1: end, via: 'name' });
    }
  }
}

/** A State's name followed by a lone organisation head ("Bangladesh Bank") names one Group. */
export function statePlusHead(ctxs: SentenceCtx[], reg: Registry): void {
  for (const ctx of ctxs) {
    for (const span of [...ctx.spans]) {
      if (span.ent.type !== 'Group' || span.t1 - span.t0 !== 1 || !HEAD_AFTER_STATE.has(ctx.tokens[span.t0]!.key)) continue;
      const state = covered(ctx, span.t0 - 1);
      if (!state || state.ent.type !== 'State' || state.via !== 'name' || state.t1 !== span.t0) continue;
      const ent = reg.get('Group', spanText(ctx, state.t0, span.t1), { kind: span.ent.kind, state: state.ent.iso3 });
      // ONTOLOGY.md: a country word inside an organisation's name makes no State of its own
      ctx.spans = ctx.spans.filter((x) => x !== span && x !== state);
      addSpan(ctx, { ent, t0: state.t0, t1: span.t1, via: 'name' });
    }
  }
}

// "Pakistani security forces", "the Iraqi military", "U.S. naval forces": a State's armed body
const FORCE_KIND = new Set(['security', 'naval', 'government', 'armed', 'special', 'ground', 'air', 'coalition', 'separatist', 'military']);

/**
 * A State (by name or demonym) followed by "military" or "… forces" names a military Group of
 * that State ("the Iraqi military", "Pakistani security forces"); the State keeps its mention.
 * "Troops" and "soldiers" stay the State's people, as ONTOLOGY.md reads demonyms.
 */
export function stateForces(ctxs: SentenceCtx[], reg: Registry): void {
  for (const ctx of ctxs) {
    const { tokens } = ctx;
    for (const state of [...ctx.spans]) {
      if (state.ent.type !== 'State' || !state.ent.iso3) continue;
      let k = state.t1;
      if (tokens[k]?.text === "'s") continue; // "Burkina Faso's military" is the State's possession, read elsewhere
      let end = -1;
      if (tokens[k]?.key === 'military' && !covered(ctx, k)) {
        // "Russian military intelligence", "military officers": the word modifies a noun after it
        const next = tokens[k + 1];
        if (!next || !next.word || isFunctionWord(next.text) || !lexTags(next.text).some((t) => /Noun|Singular|Plural|Actor/.test(t))) end = k + 1;
      } else {
        if (FORCE_KIND.has(tokens[k]?.key ?? '') && !tokens[k]!.cap) k++;
        if (tokens[k]?.key === 'forces' && !tokens[k]!.cap && !covered(ctx, k)) end = k + 1;
      }
      if (end < 0 || covered(ctx, end - 1)) continue;
      const ent = reg.get('Group', spanText(ctx, state.t0, end), { kind: 'military', state: state.ent.iso3 });
      ctx.spans = ctx.spans.filter((x) => x !== state);
      ctx.inner.push(state);
      addSpan(ctx, { ent, t0: state.t0, t1: end, via: 'cue' });
    }
  }
}

const JUDICIAL_DIRECTION = new Set(['northern', 'southern', 'eastern', 'western', 'middle', 'central']);

/**
 * "the U.S. Attorney for the Southern District of New York", "the District Court for the
 * District of Columbia": a federal judicial district is part of a title or a court's name, not
 * a place the article is about.
 */
export function judicialDistricts(ctxs: SentenceCtx[], reg: Registry): void {
  for (const ctx of ctxs) {
    const { tokens } = ctx;
    const districts: Array<{ t0: number; t1: number }> = [];
    ctx.spans = ctx.spans.filter((span) => {
      if (span.ent.type !== 'Place' && span.ent.type !== 'State') return true;
      if (tokens[span.t0 - 1]?.key !== 'of' || tokens[span.t0 - 2]?.key !== 'district') return true;
      const k = span.t0 - 3;
      const before = tokens.slice(Math.max(0, k - 5), k + 1).map((t) => t.key);
      // in a title or a court's name ("the U.S. Attorney for the Southern District of New York")
      const titled = before.some((w) => /^(attorney|attorneys|court|office|judge|prosecutor|prosecutors)$/.test(w));
      // "the Southern District of New York" is a judicial district wherever it stands
      if (JUDICIAL_DIRECTION.has(tokens[k]?.key ?? '') && tokens[k]!.cap) {
        if (!titled) districts.push({ t0: k, t1: span.t1 });
        return false;
      }
      if (titled) return false;
      // "a complaint filed in the District of New Jersey": the district where a case is brought
      if (tokens[k]?.key === 'the' && ['in', 'for'].includes(tokens[k - 1]?.key ?? '') && tokens[span.t0 - 2]!.cap) {
        districts.push({ t0: span.t0 - 2, t1: span.t1 });
        return false;
      }
      return true;
    });
    // standing alone, the district is the prosecuting office the releases name by it (a Group)
    for (const d of districts) {
      if (ctx.spans.some((s) => s.t0 < d.t1 && d.t0 < s.t1 && !(s.ent.type === 'Place' && s.t1 - s.t0 === 1))) continue;
      ctx.spans = ctx.spans.filter((s) => !(s.t0 >= d.t0 && s.t1 <= d.t1));
      addSpan(ctx, { ent: reg.get('Group', spanText(ctx, d.t0, d.t1), { kind: 'government' }), t0: d.t0, t1: d.t1, via: 'cue' });
    }
  }
}

/**
 * spaCy's NER proposes people the cues could not decide ("Konstantin Mirzayants, a purported
 * leader"); a proposal is taken only when it is a name's shape: two to four capitalised words,
 * none covered by another mention, none a known non-name. The parse offsets are the sentence's.
 */
export function proposedPeople(ctx: SentenceCtx, ents: ReadonlyArray<{ start: number; end: number; label: string }>, reg: Registry): void {
  const { tokens } = ctx;
  if (ctx.titleCase) return; // a headline capitalises every word
  for (const e of ents) {
    if (e.label !== 'PERSON') continue;
    const t0 = tokens.findIndex((t) => t.start - ctx.sentence.start === e.start);
    const t1 = tokens.findIndex((t) => t.end - ctx.sentence.start === e.end) + 1;
    if (t0 < 0 || t1 <= t0 || t1 - t0 < 2 || t1 - t0 > 4) continue;
    const words = tokens.slice(t0, t1);
    if (!words.every((t) => t.word && /^\p{Lu}\p{Ll}/u.test(t.text) && /^\p{Script=Latin}+/u.test(t.text)) || words.some((_, k) => covered(ctx, t0 + k)))
      continue;
    const text = spanText(ctx, t0, t1);
    if (NOT_NAMES.has(text.toLowerCase()) || words.some((t) => lexTags(t.text).some((g) => /Place|Country|Organization|Month|WeekDay/.test(g)))) continue;
    // "the Amber Wolf network": a name followed by the kind of body it is names that body
    if (GROUP_KIND_AFTER.has(tokens[t1]?.key ?? '') || ORG_NOUN.has(tokens[t1]?.key ?? '')) continue;
    // "Tornado Cash", "Revenue Officer": a last word the lexicon knows as anything but a name is no surname
    const last = lexTags(words.at(-1)!.text);
    if (last.length && !last.some((g) => /Name|Person/.test(g))) continue;
    addSpan(ctx, { ent: reg.get('Actor', text), t0, t1, via: 'cue' });
  }
}
