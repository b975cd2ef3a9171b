// Gazetteers: every name the extractor knows before it reads a document, loaded once
// from data/gazetteers (generated from ../shared/data and the country and city
// packages by scripts/build-gazetteers.ts, plus the curated files an analyst edits).
// Names are indexed by their token key ("al qaeda" for Al-Qaeda and Al Qaeda) for a
// longest-match scan over a sentence's tokens.
import fs from 'node:fs';
import nlp from 'compromise';
import type { EntityType } from '../ontology.js';
import { normaliseTypography } from './normalise.js';
import { nameKey, tokenize, type Token } from './sentences.js';

const dataDir = new URL('../../data/gazetteers/', import.meta.url);
const load = <T>(file: string): T => JSON.parse(fs.readFileSync(new URL(file, dataDir), 'utf8')) as T;

export type Via = 'name' | 'demonym' | 'metonym';

export interface GazEntry {
  name: string; // canonical name
  type: EntityType;
  kind?: string;
  iso3?: string; // State
  state?: string; // ISO3 of the State a Group or Place belongs to
  memberOf?: string;
  via: Via;
  /** Must be written exactly so (acronyms like IS, US, RT; names that are also common words). */
  exact: boolean;
  /** A common English word: not taken at the start of a sentence. */
  common: boolean;
  /** One of many equal names (ATT&CK): the document's own form names the entity. */
  preferSurface?: boolean;
}

interface OrgRecord {
  name: string;
  aliases: string[];
  kind?: string;
  state?: string;
  memberOf?: string;
  attackId?: string;
}
interface Cues {
  orgSuffixes: Record<string, string>;
  orgHeads: Record<string, string>;
  personTitles: string[];
  personNouns: string[];
  caseHeads: Record<string, string>;
  weakCaseHeads: string[];
  caseModifiersDropped: string[];
  placeSuffixes: string[];
  genericGroups: string[];
  titleOrgs: Record<string, string[]>;
  titleEdgeWords: string[];
  placeTails: string[];
  doerNouns: string[];
  targetsListedAfter: string[];
  targetsListedBefore: string[];
  bodiesByShortName: Array<{ short: string; parent: string; name: string; kind: string }>;
  speechHeadWords: string[];
  designationCategories: string[];
  kinNouns: string[];
  facilityHeads: string[];
}

export const cues = load<Cues>('cues.json');

/** A cue word or phrase as a regular-expression source: its characters literal, any run of spaces between its words. */
export const phraseSource = (phrase: string): string =>
  phrase
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\s+');

const lexicon = (nlp.model() as { one: { lexicon: Record<string, string | string[] | undefined> } }).one.lexicon;
export function lexTags(word: string): string[] {
  const t = lexicon[word.toLowerCase()];
  return Array.isArray(t) ? t : t ? [t] : [];
}
/** A word that only builds sentences: verbs of being, prepositions, articles, pronouns. */
export const isFunctionWord = (w: string): boolean =>
  lexTags(w).some((t) => /Verb|Adverb|Preposition|Determiner|Conjunction|Pronoun|Modal|Copula|QuestionWord|Auxiliary/.test(t));
const isCommonWord = (w: string): boolean => {
  const tags = lexTags(w);
  return tags.length > 0 && !tags.some((t) => /ProperNoun|Country|City|Region|Place|Organization|Demonym|Acronym/.test(t));
};

const index = new Map<string, GazEntry[]>();
let maxLen = 1;
const canonicalByIso = new Map<string, string>();

// Transliterations write one particle several ways: "Tehrik-i-Taliban", "Tehrik-e Taliban";
// and a few names several ways: "Kata'ib Hizballah" is "Kataib Hezbollah", "al-Qa'ida" "al-Qaeda"
const foldParticles = (key: string): string =>
  key
    .replace(/(^| )i(?= |$)/g, '$1e')
    .replace(/(^| )h[ei]zb[aou]ll?ah(?= |$)/g, '$1hizballah')
    .replace(/(^| )qa ?[ie]da(?= |$)/g, '$1qaida')
    .replace(/(\p{L})'(?=\p{L})/gu, '$1');

function add(written: string, entry: Omit<GazEntry, 'exact' | 'common'>): void {
  const surface = normaliseTypography(written);
  const key = foldParticles(nameKey(surface.replace(/^the /i, '')));
  if (!key) return;
  const bare = surface.replace(/^the /i, '');
  const letters = bare.replace(/[^\p{L}]/gu, '');
  const single = !key.includes(' ');
  // States, their demonyms and known people are taken even where they open a sentence
  // ("Polish prosecutors…", "Turkey said…"); other common words are not.
  // an acronym is written in capitals even when its letters spell a word ("MPS" is no "MPs")
  const acronym = letters.length <= 6 && letters === letters.toUpperCase();
  const common = !acronym && single && isCommonWord(bare) && entry.type !== 'State' && entry.type !== 'Actor';
  const exact = acronym || common;
  const list = index.get(key) ?? [];
  if (list.some((e) => e.name === entry.name && e.type === entry.type && e.via === entry.via)) return;
  list.push({ ...entry, exact, common });
  index.set(key, list);
  maxLen = Math.max(maxLen, key.split(' ').length);
}

// --- States (world-countries + curated additions) -----------------------------------
interface StateRecord {
  iso3: string;
  name: string;
  aliases: string[];
  demonyms: string[];
}
const states = load<{ states: StateRecord[] }>('states.json').states;
const extra = load<{
  canonical: Record<string, string>;
  aliases: Record<string, string[]>;
  demonyms: Record<string, string[]>;
  metonyms: Record<string, string>;
}>('states-extra.json');
const writtenByIso = new Map<string, string[]>();
for (const s of states) {
  const name = extra.canonical[s.iso3] ?? s.name;
  canonicalByIso.set(s.iso3, name);
  const names = new Set([name, s.name, ...s.aliases, ...(extra.aliases[s.iso3] ?? [])]);
  const demonyms = new Set([...s.demonyms, ...(extra.demonyms[s.iso3] ?? [])]);
  for (const n of names) add(n, { name, type: 'State', iso3: s.iso3, via: 'name' });
  for (const d of demonyms) add(d, { name, type: 'State', iso3: s.iso3, via: 'demonym' });
  writtenByIso.set(s.iso3, [...names, ...demonyms].map(normaliseTypography));
}

/** Every way the gazetteer writes a State: names, abbreviations and demonyms ("U.S.", "American"). */
export const stateForms = (iso3: string): readonly string[] => writtenByIso.get(iso3) ?? [];
for (const [m, iso3] of Object.entries(extra.metonyms)) {
  const name = canonicalByIso.get(iso3);
  if (name) add(m, { name, type: 'State', iso3, via: 'metonym' });
}

// --- Groups: curated organisations, then MITRE ATT&CK and designated lists ----------
// Records merge when they share a name or alias; the first (curated) keeps its name.
const orgs: OrgRecord[] = [];
const orgByKey = new Map<string, OrgRecord>();
function mergeOrg(r: OrgRecord, from: 'curated' | 'list'): void {
  // Short or common-word aliases from the big lists mislead ("PA", "RS", "Play").
  const aliases = from === 'curated' ? r.aliases : r.aliases.filter((a) => a.replace(/[^\p{L}\p{N}]/gu, '').length > 2);
  const keys = [r.name, ...aliases].map((n) => nameKey(n.replace(/^the /i, ''))).filter(Boolean);
  const hit = keys.map((k) => orgByKey.get(k)).find(Boolean);
  const rec = hit ?? { ...r, aliases: [] };
  if (!hit) orgs.push(rec);
  for (const n of [r.name, ...aliases]) if (n !== rec.name && !rec.aliases.includes(n)) rec.aliases.push(n);
  rec.kind ??= r.kind;
  rec.attackId ??= r.attackId;
  rec.state ??= r.state;
  for (const k of keys) if (!orgByKey.has(k)) orgByKey.set(k, rec);
}
for (const r of load<{ organisations: OrgRecord[] }>('organisations.json').organisations) mergeOrg(r, 'curated');

// --- State organs: intelligence services, armed forces, ministries, police, state media ----
// Each is a Group of its State; its descriptions name it after the State's demonym or
// possessive ("Russian military intelligence", "Russia's intelligence services": src/extract/organs.ts).
interface OrganRecord {
  name: string;
  aliases: string[];
  descriptions: string[];
  kind: string;
  iso3: string;
}
export interface Organ {
  name: string;
  kind: string;
  iso3: string;
}
const organByDescription = new Map<string, Organ>();
const organNames = new Map<string, string>(); // canonical name → ISO3 of its State
let maxDescriptionWords = 1;
for (const r of load<{ organs: OrganRecord[] }>('state-organs.json').organs) {
  mergeOrg({ name: r.name, aliases: r.aliases, kind: r.kind, state: r.iso3 }, 'curated');
  const rec = orgByKey.get(nameKey(r.name.replace(/^the /i, '')))!;
  organNames.set(rec.name, r.iso3);
  for (const d of r.descriptions) {
    const key = nameKey(d);
    if (!key || organByDescription.has(`${r.iso3}|${key}`)) continue;
    organByDescription.set(`${r.iso3}|${key}`, { name: rec.name, kind: rec.kind ?? r.kind, iso3: r.iso3 });
    maxDescriptionWords = Math.max(maxDescriptionWords, key.split(' ').length);
  }
}
/** The organ a State's demonym or possessive followed by these words names ("RUS", "military intelligence" → GRU). */
export const organDescribed = (iso3: string, key: string): Organ | undefined => organByDescription.get(`${iso3}|${key}`);
/** The ISO3 of the State whose organ this Group (by canonical name) is. */
export const organState = (name: string): string | undefined => organNames.get(name);
export const longestOrganDescription = (): number => maxDescriptionWords;
const mitre = load<{ groups: OrgRecord[]; campaigns: OrgRecord[] }>('mitre-groups.json');
// "Sandworm Team" and "Lazarus Group" are written "Sandworm" and "Lazarus" as often
for (const r of mitre.groups) {
  const short = r.name.replace(/ (Team|Group)$/, '');
  mergeOrg(short !== r.name && !isCommonWord(short) ? { ...r, aliases: [...r.aliases, short] } : r, 'list');
}
for (const r of load<{ organisations: OrgRecord[] }>('designated.json').organisations) mergeOrg(r, 'list');
for (const o of orgs) {
  for (const n of [o.name, ...o.aliases]) {
    add(n, {
      name: o.name,
      type: 'Group',
      kind: o.kind ?? 'other',
      state: o.state,
      memberOf: o.memberOf,
      via: 'name',
      preferSurface: o.attackId !== undefined,
    });
  }
}
for (const c of mitre.campaigns) {
  for (const n of [c.name, ...c.aliases]) add(n, { name: c.name, type: 'Case', kind: 'cyber', via: 'name' });
}

// --- People news text names by surname alone ---------------------------------------
for (const p of load<{ people: Array<{ name: string; aliases: string[] }> }>('people.json').people) {
  for (const n of [p.name, ...p.aliases]) add(n, { name: p.name, type: 'Actor', via: 'name' });
}

// --- Places: cities (generated) and curated regions ---------------------------------
interface PlaceRecord {
  name: string;
  aliases?: string[];
  state?: string;
}
for (const file of ['places-curated.json', 'places.json']) {
  for (const p of load<{ places: PlaceRecord[] }>(file).places) {
    for (const n of [p.name, ...(p.aliases ?? [])]) add(n, { name: p.name, type: 'Place', state: p.state, via: 'name' });
  }
}

// Arabic names keep their article in lower case before a hyphen: "al-Qaeda", "ash-Shabaab".
const ARABIC_ARTICLE = /^(?:al|el|ad|ar|as|ash|at|az|an)$/;
const startsWithArticle = (tokens: Token[], i: number): boolean =>
  ARABIC_ARTICLE.test(tokens[i]!.text) && tokens[i + 1]?.text === '-' && tokens[i + 2]?.cap === true;

export interface GazMatch {
  t0: number;
  t1: number;
  entries: GazEntry[];
}

/**
 * Longest gazetteer matches, left to right, over a sentence's tokens. A match must
 * start with a capital (or be an exact-case acronym); names that are common words are
 * not taken at the start of the sentence, where every word has a capital.
 */
export function matchGazetteer(tokens: Token[], allCaps = false): GazMatch[] {
  const out: GazMatch[] = [];
  for (let i = 0; i < tokens.length;) {
    const first = tokens[i]!;
    if (!first.word || !(first.cap || startsWithArticle(tokens, i))) {
      i++;
      continue;
    }
    let found: GazMatch | undefined;
    let key = '';
    let n = 0;
    for (let j = i; j < tokens.length && n < maxLen; j++) {
      const t = tokens[j]!;
      if (t.text === '-' || t.text === '"') continue;
      key = key ? `${key} ${t.key}` : t.key;
      n++;
      const entries = index.get(foldParticles(key));
      if (!entries) continue;
      const surface = tokens.slice(i, j + 1);
      // a name of several words ends in a capital or a number: "Russia today" is no "Russia Today"
      if (j > i && t.word && !t.cap && !/^\d/.test(t.text) && lexTags(t.text).length) continue;
      const ok = entries.filter((e) => {
        if (e.exact) {
          const written = surface.map((s) => s.text.replace(/\.$/, '')).join(' ');
          const wantUpper = /^[\p{Lu}\p{N}\s.&-]+$/u.test(written);
          if (e.common && (i === 0 || allCaps)) return false;
          if (!e.common && !wantUpper && written !== e.name) return false;
          if (!e.common && allCaps && written.length <= 3) return false;
        }
        return true;
      });
      if (ok.length) found = { t0: i, t1: j + 1, entries: ok };
    }
    if (found) {
      out.push(found);
      i = found.t1;
    } else i++;
  }
  return out;
}

/** The gazetteer match that covers a whole name, if any ("Islamic State of Iraq and the Levant", "SEC"). */
export function wholeNameMatch(name: string): GazMatch | undefined {
  const tokens = tokenize(name, 0);
  const [m] = matchGazetteer(tokens);
  return m && m.t0 === 0 && m.t1 === tokens.length ? m : undefined;
}
