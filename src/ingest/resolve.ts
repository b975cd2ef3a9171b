// Entity resolution across articles. An extracted entity becomes the graph node it names:
// States by ISO code; others by name key, then by the aliases the graph already knows;
// Actors conservatively (a bare surname joins a full name only when exactly one Actor has that
// surname and something ties them); Cases by name unless place or date say it is another
// incident. Every decision that joins two names is returned as a MergeRow, and merges recorded
// earlier (an analyst's above all) redirect their removed id to the kept one.
import { cues, isFunctionWord, lexTags } from '../extract/gazetteer.js';
import type { ExtractedEntity, Extraction } from '../extract/types.js';
import { mergeEntitiesInBatches, type MergeRecordView } from '../graph/curate.js';
import type { GraphExecutor } from '../graph/executor.js';
import { entityId, mergeRecordId, nameKey } from '../graph/ids.js';
import { resolutionVersion, type EntityRow } from '../graph/write.js';
import {
  actorGroups,
  caseProfiles,
  casePlaces,
  entityKeys,
  mergeRedirects,
  personProfiles,
  undoneMergePairs,
  markIncidentsChecked,
} from '../graph/resolve-queries.js';
import type { MergeRow } from '../graph/write.js';
import { dateInSentence } from '../extract/dates.js';
import type { EntityType } from '../ontology.js';

interface Known {
  type: EntityType;
  name: string;
  aliasKeys: Set<string>;
  date?: string;
  role?: string;
}

/** The article's entities as graph nodes: an entity row's identity and names, and what the article says of it. */
export interface ResolvedEntity extends Pick<EntityRow, 'id' | 'type' | 'name' | 'nameKey' | 'aliases' | 'aliasKeys'> {
  kind?: string;
  iso3?: string;
  role?: string;
  date?: string;
  /** The extracted entities (type|name) this node stands for in the article. */
  from: ExtractedEntity[];
}

export interface Resolution {
  entities: Map<string, ResolvedEntity>;
  /** `${type}|${name}` of an extracted entity → its node id. */
  idOf: Map<string, string>;
  merges: MergeRow[];
}

// Order of resolution: Cases last, so their places are known; Actors after Groups, for ties.
const ORDER: EntityType[] = ['State', 'Place', 'Group', 'Actor', 'Case'];
/** Two reports of one incident more than this many days apart are two incidents. */
const CASE_DATE_DAYS = 60;

/** Kinds of incident that run for months or years: dated only by what the text writes. */
const LONG_RUNNING = new Set(['conflict', 'influence', 'legal', 'investigation']);

/**
 * A Case's date: one its own sentence writes (a year alone only when the article is of another
 * year), else the article's date for incidents that happen at a moment (attacks, plots, hacks).
 */
export function caseDate(e: ExtractedEntity, x: Pick<Extraction, 'sentences' | 'published'>): string | undefined {
  if (e.date) return e.date;
  const published = x.published && /^\d{4}-\d{2}-\d{2}/.test(x.published) ? x.published.slice(0, 10) : undefined;
  for (const sentence of [...new Set(e.mentions.map((m) => m.sentence))].sort((a, b) => a - b)) {
    const text = x.sentences.find((s) => s.index === sentence)?.text;
    const written = text ? dateInSentence(text, published) : undefined;
    if (!written) continue;
    if (written.precision !== 'year' || !published || published.slice(0, 4) !== written.date.slice(0, 4)) return written.date;
  }
  return e.kind && LONG_RUNNING.has(e.kind) ? undefined : published;
}

// "X, also known as Y", "X (a.k.a. Y)", "X, dubbed Y", "X, which researchers track as Y"
const AKA =
  /^[\s,(–—-]*(?:(?:also|otherwise|better|widely|commonly|sometimes|publicly)\s+)?(?:known|referred to|tracked|identified|designated)\s+as\s*$|^[\s,(–—-]*(?:also\s+)?(?:a\.?k\.?a\.?|alias|dubbed|nicknamed|also called|which (?:researchers|analysts|\w+) (?:track|call|name)s? as)\s*$/i;

/**
 * Names the article itself says are one entity's ("GRU Unit 26165, also known as APT28"):
 * `type|Y` → `type|X` for two mentions of one type with only such words between them.
 */
export function statedAliases(x: Pick<Extraction, 'entities' | 'text'>): Map<string, string> {
  const mentions = x.entities
    .filter((e) => e.type !== 'State')
    .flatMap((e) => e.mentions.map((m) => ({ e, m })))
    .sort((a, b) => a.m.start - b.m.start);
  const out = new Map<string, string>();
  for (let i = 0; i + 1 < mentions.length; i++) {
    const a = mentions[i]!;
    const b = mentions[i + 1]!;
    if (a.e === b.e || a.e.type !== b.e.type || a.m.sentence !== b.m.sentence || b.m.start < a.m.end) continue;
    if (!AKA.test(x.text.slice(a.m.end, b.m.start))) continue;
    const [main, other] = [`${a.e.type}|${a.e.name}`, `${b.e.type}|${b.e.name}`];
    if (!out.has(main) && !out.has(other) && ![...out.values()].includes(other)) out.set(other, main);
  }
  return out;
}

const SUFFIXES = /^(jr|sr|ii|iii|iv)$/;

/** First name, middle names or initials, surname of a person's name key. */
function personParts(key: string): { first: string; middles: string[]; last: string } | undefined {
  const words = key.split(' ').filter((w) => !SUFFIXES.test(w));
  return words.length >= 2 ? { first: words[0]!, middles: words.slice(1, -1), last: words.at(-1)! } : undefined;
}

/** "john a smith" and "john b smith": both write a middle initial, and they differ. */
export function initialsConflict(a: string, b: string): boolean {
  const [x, y] = [personParts(a), personParts(b)];
  if (!x || !y || !x.middles.length || !y.middles.length) return false;
  return x.middles.some((m, i) => y.middles[i] !== undefined && m[0] !== y.middles[i]![0]);
}

// Words that name whoever leads a body: "head of MI5" and "Director General" are one post.
const LEADS = new Set([
  'head',
  'chief',
  'director',
  'leader',
  'boss',
  'chair',
  'chairman',
  'chairwoman',
  'commander',
  'president',
  'secretary',
  'minister',
  'governor',
]);

/** Two roles that share no word ("solicitor" and "Director General") are two people's. */
export function rolesConflict(a?: string, b?: string): boolean {
  if (!a || !b) return false;
  const words = (r: string) =>
    new Set(
      nameKey(r)
        .split(' ')
        .filter((w) => w.length > 2)
        .map((w) => (LEADS.has(w) ? 'lead' : w)),
    );
  const wb = words(b);
  return ![...words(a)].some((w) => wb.has(w));
}

const surnameOf = (key: string): string | undefined => {
  const words = key.split(' ');
  return words.length >= 2 ? words.at(-1) : undefined;
};

/** "merrick b garland" and "merrick garland" → "merrick garland": middle initials and Jr. left out. */
const firstLastOf = (key: string): string | undefined => {
  const words = key.split(' ').filter((w) => w.length > 1 && !/^(jr|sr|ii|iii)$/.test(w));
  return words.length >= 2 ? `${words[0]} ${words.at(-1)}` : undefined;
};

/** Why an entity joins another, and how sure that is. */
type Tie = { reason: string; score: number };

const ref = (type: EntityType, name: string) => `${type}|${name}`;

/** The article's entities in resolution order, each with the names stated as its aliases ("X, also known as Y") and those left out. */
function withStatedAliases(x: Extraction, aka: Map<string, string>): ExtractedEntity[] {
  return [...x.entities]
    .filter((e) => !aka.has(ref(e.type, e.name)))
    .map((e) => {
      const others = x.entities.filter((o) => aka.get(ref(o.type, o.name)) === ref(e.type, e.name));
      return others.length ? { ...e, aliases: [...e.aliases, ...others.flatMap((o) => [o.name, ...o.aliases])] } : e;
    })
    .sort((a, b) => ORDER.indexOf(a.type) - ORDER.indexOf(b.type));
}

/** The places this article says a Case occurred in, by graph id. */
function placesOf(e: ExtractedEntity, x: Extraction, idOf: Map<string, string>): Set<string> {
  const places = new Set<string>();
  for (const r of x.relations) {
    if (r.type === 'OCCURRED_IN' && r.source === e.name && r.sourceType === 'Case') {
      const p = idOf.get(ref(r.targetType, r.target));
      if (p) places.add(p);
    }
  }
  return places;
}

/** The Groups this article says a person belongs to, by graph id (none for other types). */
function memberOf(e: ExtractedEntity, x: Extraction, idOf: Map<string, string>): Set<string> {
  const groups = new Set<string>();
  if (e.type !== 'Actor') return groups;
  for (const r of x.relations) {
    if (r.type !== 'MEMBER_OF' || r.sourceType !== 'Actor' || r.source !== e.name || r.targetType !== 'Group') continue;
    const g = idOf.get(ref('Group', r.target));
    if (g) groups.add(g);
  }
  return groups;
}

/** Adds an extracted entity to the article's node for `id` (named as the graph knows it). */
function addToNode(
  entities: Map<string, ResolvedEntity>,
  id: string,
  knownName: string | undefined,
  e: ExtractedEntity,
  aliasKeys: string[],
  date: string | undefined,
): void {
  let node = entities.get(id);
  if (!node) {
    node = { id, type: e.type, name: knownName ?? e.name, nameKey: nameKey(knownName ?? e.name), aliases: [], aliasKeys: [], from: [] };
    entities.set(id, node);
  }
  node.from.push(e);
  for (const a of [e.name, ...e.aliases]) if (a !== node.name && !node.aliases.includes(a)) node.aliases.push(a);
  for (const k of [node.nameKey, ...aliasKeys]) if (!node.aliasKeys.includes(k)) node.aliasKeys.push(k);
  node.kind ??= e.kind;
  node.iso3 ??= e.iso3;
  node.role ??= e.role;
  node.date ??= date;
}

export class EntityResolver {
  private readonly known = new Map<string, Known>();
  private readonly byKey = new Map<string, Set<string>>(); // type|name or alias key → ids
  private readonly byName = new Map<string, Set<string>>(); // type|name key → ids
  private readonly bySurname = new Map<string, Set<string>>(); // surname key → full-name Actor ids
  private readonly byFirstLast = new Map<string, Set<string>>(); // "first last" → Actor ids
  private readonly redirects = new Map<string, string>();
  private readonly autoRedirects = new Set<string>(); // removed ids whose redirect no analyst made
  private readonly vetoes = new Set<string>(); // removedId|keepId of undone merges
  private readonly places = new Map<string, Set<string>>(); // Case id → place ids
  private readonly groups = new Map<string, Set<string>>(); // Actor id → Group ids
  /**
   * The resolution lock's version this resolver knows the graph at (src/graph/write.ts):
   * read before the graph, so a write that lands in between makes it stale, never current.
   */
  version = 0;

  /** The resolver primed with what the graph holds. */
  static async load(graph: GraphExecutor): Promise<EntityResolver> {
    const r = new EntityResolver();
    r.version = (await graph.read<{ version: number }>(resolutionVersion()))[0]?.version ?? 0;
    const [entities, merges, places, groups] = await Promise.all([
      graph.read<{ id: string; type: EntityType; name: string; aliasKeys: string[]; date: string | null; role: string | null }>(entityKeys()),
      graph.read<{ keepId: string; removedId: string; undone: boolean; by: string | null }>(mergeRedirects()),
      graph.read<{ id: string; places: string[] }>(casePlaces()),
      graph.read<{ id: string; groups: string[] }>(actorGroups()),
    ]);
    for (const e of entities) r.remember(e.id, e.type, e.name, e.aliasKeys, e.date ?? undefined, e.role ?? undefined);
    for (const m of merges) {
      if (m.undone) {
        r.vetoes.add(`${m.removedId}|${m.keepId}`);
        if (r.redirects.get(m.removedId) === m.keepId) r.redirects.delete(m.removedId);
      } else {
        r.redirects.set(m.removedId, m.keepId);
        if ((m.by ?? 'auto') === 'auto') r.autoRedirects.add(m.removedId);
        else r.autoRedirects.delete(m.removedId);
      }
    }
    for (const p of places) r.places.set(p.id, new Set(p.places));
    for (const g of groups) r.groups.set(g.id, new Set(g.groups));
    return r;
  }

  private remember(id: string, type: EntityType, name: string, aliasKeys: Iterable<string>, date?: string, role?: string): void {
    let k = this.known.get(id);
    if (!k) {
      k = { type, name, aliasKeys: new Set(), date, role };
      this.known.set(id, k);
      const key = nameKey(name);
      this.set(this.byName, `${type}|${key}`, id);
      const surname = type === 'Actor' ? surnameOf(key) : undefined;
      if (surname) this.set(this.bySurname, surname, id);
      const firstLast = type === 'Actor' ? firstLastOf(key) : undefined;
      if (firstLast) this.set(this.byFirstLast, firstLast, id);
    }
    k.date ??= date;
    k.role ??= role;
    for (const a of aliasKeys) {
      k.aliasKeys.add(a);
      this.set(this.byKey, `${type}|${a}`, id);
    }
  }

  private set(map: Map<string, Set<string>>, key: string, id: string): void {
    let s = map.get(key);
    if (!s) map.set(key, (s = new Set()));
    s.add(id);
  }

  private redirect(id: string): string {
    const seen = new Set<string>();
    while (this.redirects.has(id) && !seen.has(id)) {
      seen.add(id);
      id = this.redirects.get(id)!;
    }
    return id;
  }

  /** A Case id already taken by another incident (other places, or a date far apart) gets a qualified id. */
  private caseId(id: string, places: Set<string>, date?: string): string {
    const known = this.known.get(id);
    if (!known) return id;
    const knownPlaces = this.places.get(id);
    if (places.size && knownPlaces?.size && ![...places].some((p) => knownPlaces.has(p))) {
      const place = [...places].sort()[0]!;
      return this.caseId(`${id} ${place.slice(place.indexOf(':') + 1).toLowerCase()}`, places, date);
    }
    if (date && known.date && Math.abs(Date.parse(date) - Date.parse(known.date)) > CASE_DATE_DAYS * 86_400_000) {
      return this.caseId(`${id} ${date}`, places, date);
    }
    return id;
  }

  private compatibleCase(id: string, places: Set<string>, date?: string): boolean {
    return this.caseId(id, places, date) === id;
  }

  resolve(x: Extraction): Resolution {
    const entities = new Map<string, ResolvedEntity>();
    const idOf = new Map<string, string>();
    const merges: MergeRow[] = [];
    // "X, also known as Y": Y is another name of X, resolved with it as one entity
    const aka = statedAliases(x);
    for (const e of withStatedAliases(x, aka)) {
      const key = nameKey(e.name);
      if (!key) continue;
      const aliasKeys = [...new Set([key, ...e.aliases.map(nameKey)].filter(Boolean))];
      const date = e.type === 'Case' ? caseDate(e, x) : undefined;
      const { id, base, merge } = this.match(e, x, idOf, key, aliasKeys, date);
      if (merge && id !== base) {
        merges.push({
          id: mergeRecordId(id, base),
          keepId: id,
          removedId: base,
          reason: merge.reason,
          score: merge.score,
          removedSnapshot: JSON.stringify({
            id: base,
            name: e.name,
            type: e.type,
            aliases: e.aliases,
            kind: e.kind ?? null,
            iso3: e.iso3 ?? null,
            article: x.id,
          }),
        });
      }
      addToNode(entities, id, this.known.get(id)?.name, e, aliasKeys, date);
      idOf.set(ref(e.type, e.name), id);
    }

    for (const [other, main] of aka) {
      const id = idOf.get(main);
      const e = x.entities.find((o) => ref(o.type, o.name) === other);
      if (!id || !e) continue;
      idOf.set(other, id);
      entities.get(id)!.from.push(e);
    }
    this.learn(x, entities, merges, idOf);
    return { entities, idOf, merges };
  }

  /**
   * The graph id an extracted entity resolves to (`base` is its own id), with the merge that
   * joins it there: a Case by incident, a bare surname by what the article ties it to, any
   * other non-State by a name or alias the graph knows, or an earlier merge of the name.
   */
  private match(
    e: ExtractedEntity,
    x: Extraction,
    idOf: Map<string, string>,
    key: string,
    aliasKeys: string[],
    date: string | undefined,
  ): { id: string; base: string; merge?: Tie } {
    let base = entityId(e.type, e.name, e.iso3);
    const bareSurname = e.type === 'Actor' && !key.includes(' ');
    // A bare surname follows no automatic merge: only what this article ties it to (below).
    let id = bareSurname && this.autoRedirects.has(base) ? base : this.redirect(base);
    let found: { id: string; merge: Tie } | undefined;
    if (e.type === 'Case') {
      const places = placesOf(e, x, idOf);
      const incident = this.caseId(id, places, date);
      // Another incident under the same words: its own qualified id, not a merge.
      if (incident !== id && id === base) base = incident;
      id = incident;
      if (!this.known.has(id)) found = this.sameIncident(key, aliasKeys, base, places, date);
    } else if (!this.known.has(id) && bareSurname) {
      found = this.sameBySurname(key, base, e.role, memberOf(e, x, idOf));
    } else if (!this.known.has(id) && e.type !== 'State') {
      found = this.sameByName(e, key, aliasKeys, base, memberOf(e, x, idOf));
    }
    if (found) return { ...found, base };
    return { id, base, merge: id !== base ? { reason: 'an earlier merge of this name', score: 1 } : undefined };
  }

  private sameIncident(key: string, aliasKeys: string[], base: string, places: Set<string>, date: string | undefined): { id: string; merge: Tie } | undefined {
    const found = this.candidates('Case', key, aliasKeys, base).filter((c) => this.compatibleCase(c, places, date));
    if (found.length !== 1) return undefined;
    return { id: found[0]!, merge: { reason: 'same incident: a name the graph knows for it (alias), no other place or date', score: 0.8 } };
  }

  /**
   * A bare surname: only the one full-name Actor with it, and only when this article ties
   * it to that person (a Group both belong to, or the same role) with nothing against it.
   */
  private sameBySurname(key: string, base: string, role: string | undefined, groups: Set<string>): { id: string; merge: Tie } | undefined {
    const found = [...(this.bySurname.get(key) ?? [])].filter((c) => !this.vetoes.has(`${base}|${c}`));
    if (found.length !== 1) return undefined;
    const c = found[0]!;
    const tie = this.personTie(c, role, groups);
    return tie ? { id: c, merge: tie } : undefined;
  }

  /** A name or alias the graph knows; for a person, the same first and last name. */
  private sameByName(e: ExtractedEntity, key: string, aliasKeys: string[], base: string, groups: Set<string>): { id: string; merge: Tie } | undefined {
    // A person is looked up by full names only: a bare surname among the aliases is shared by relatives and namesakes.
    const lookupKeys = e.type === 'Actor' ? aliasKeys.filter((k) => k.includes(' ')) : aliasKeys;
    // a person is never joined to one whose initials, role or employer say otherwise
    const fits = (c: string) => e.type !== 'Actor' || !this.personConflict(c, key, e.role, groups);
    const found = this.candidates(e.type, key, lookupKeys, base).filter(fits);
    const firstLast = e.type === 'Actor' ? firstLastOf(key) : undefined;
    const sameName = firstLast ? [...(this.byFirstLast.get(firstLast) ?? [])].filter((c) => !this.vetoes.has(`${base}|${c}`) && fits(c)) : [];
    if (found.length === 1) return { id: found[0]!, merge: { reason: 'a name or alias the graph already knows for it', score: 0.9 } };
    if (found.length === 0 && sameName.length === 1) {
      return { id: sameName[0]!, merge: { reason: 'the same first and last name (a middle initial or suffix apart)', score: 0.85 } };
    }
    return undefined;
  }

  /** What this article teaches the resolver, for the articles after it. */
  private learn(x: Extraction, entities: Map<string, ResolvedEntity>, merges: MergeRow[], idOf: Map<string, string>): void {
    for (const n of entities.values()) this.remember(n.id, n.type, n.name, n.aliasKeys, n.date, n.role);
    for (const m of merges) {
      this.redirects.set(m.removedId, m.keepId);
      this.autoRedirects.add(m.removedId);
    }
    for (const r of x.relations) {
      const s = idOf.get(ref(r.sourceType, r.source));
      const t = idOf.get(ref(r.targetType, r.target));
      if (!s || !t) continue;
      if (r.type === 'OCCURRED_IN' && r.sourceType === 'Case') this.set(this.places, s, t);
      if (r.type === 'MEMBER_OF' && r.sourceType === 'Actor' && r.targetType === 'Group') this.set(this.groups, s, t);
    }
  }

  /** What ties a bare surname in an article to the one full-name Actor with it, if anything. */
  private personTie(c: string, role: string | undefined, memberOf: Set<string>): { reason: string; score: number } | undefined {
    const known = this.known.get(c)!;
    const theirs = this.groups.get(c) ?? new Set<string>();
    if (rolesConflict(role, known.role)) return undefined;
    const shared = [...memberOf].filter((g) => theirs.has(g));
    if (memberOf.size && theirs.size && !shared.length) return undefined;
    if (shared.length)
      return {
        reason: `surname of the only Actor with it, and the article makes this person a member of ${shared.map((g) => this.known.get(g)?.name ?? g).join(', ')} as that Actor is`,
        score: 0.8,
      };
    if (role && known.role) return { reason: `surname of the only Actor with it, with the same role (${known.role})`, score: 0.75 };
    return undefined;
  }

  /** Evidence that a person is not the Actor `c`: other initials, another role or another employer. */
  private personConflict(c: string, key: string, role: string | undefined, memberOf: Set<string>): boolean {
    const known = this.known.get(c);
    if (!known) return false;
    if (initialsConflict(key, nameKey(known.name))) return true;
    if (rolesConflict(role, known.role)) return true;
    const theirs = this.groups.get(c);
    return memberOf.size > 0 && (theirs?.size ?? 0) > 0 && ![...memberOf].some((g) => theirs!.has(g));
  }

  /**
   * Nodes of this type that know the entity's name as one of theirs, or whose own name is one
   * of the entity's aliases; minus merges an analyst undid. Two aliases alike prove nothing
   * ("IS" is Islamic State's and an Intelligence Service's).
   */
  private candidates(type: EntityType, key: string, aliasKeys: string[], base: string): string[] {
    const out = new Set<string>();
    for (const id of this.byKey.get(`${type}|${key}`) ?? []) out.add(this.redirect(id));
    for (const k of aliasKeys) for (const id of this.byName.get(`${type}|${k}`) ?? []) out.add(this.redirect(id));
    return [...out].filter((c) => !this.vetoes.has(`${base}|${c}`));
  }
}

// ---------------------------------------------------------------------------------------------
// One Case per incident across articles. Articles name one incident differently ("the parcel
// fires", "the parcel plot", "the incendiary parcels"), so after each ingest run the Cases it
// touched are compared with every other Case: kind, places, dates, participants and the
// distinctive words of their names. Above SAME_INCIDENT the two become one through the
// analyst's own merge (a MergeRecord by 'auto' with score and reasons, undone by splitEntity);
// below it, mergeSuggestions lists the pair with the same reasons.

/** What tells one incident from another (src/graph/resolve-queries.ts caseProfiles). */
export interface CaseProfile {
  id: string;
  name: string;
  aliases: string[];
  kind: string | null;
  date: string | null;
  places: string[];
  participants: { id: string; name: string }[];
  articles: string[];
  /** Names of the people, groups and places its articles mention (what its name may be told by). */
  context?: string[];
  /** Already compared with every other Case (by the run that wrote it, or a later one). */
  checked?: boolean;
}

/** A pair of Cases at or above this score is merged automatically. */
export const SAME_INCIDENT = 0.7;

const GENERIC_CASE_WORDS = new Set([
  ...Object.keys(cues.caseHeads).flatMap((h) => h.toLowerCase().split(' ')),
  ...cues.weakCaseHeads,
  ...cues.caseModifiersDropped,
  'case',
  'cases',
  'event',
  'events',
  'test',
  'tests',
  'run',
  'runs',
  'suspect',
  'suspects',
  'wave',
  'series',
  'string',
  'spate',
]);
const stem = (w: string): string => w.replace(/(?:ies)$/, 'y').replace(/(?:es|s)$/, (m, i: number) => (i > 3 ? '' : m));

/** The words of a Case's names that tell it apart: no case heads, function words, demonyms, months or years. */
export function distinctiveWords(names: string[]): Set<string> {
  const out = new Set<string>();
  for (const n of names) {
    for (const w of n.toLowerCase().match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu) ?? []) {
      if (w.length < 3 || GENERIC_CASE_WORDS.has(w) || GENERIC_CASE_WORDS.has(stem(w)) || isFunctionWord(w)) continue;
      // a year dates an incident, it does not tell it apart ("2024 Estlink 2 incident", "2024 Baltic
      // Sea submarine cable disruptions"): the dates are compared on their own
      if (/^(?:1[89]|20)\d\d$/.test(w)) continue;
      if (lexTags(w).some((t) => /Demonym|Month|WeekDay|Country/.test(t))) continue;
      out.add(stem(w));
    }
  }
  return out;
}

const DAY = 86_400_000;
// A plot, an attack and the sabotage it was are told of one event; a fraud and a war are not.
const KIND_FAMILIES = [
  ['attack', 'plot', 'sabotage'],
  ['legal', 'investigation'],
];

// A run compares every pair of Cases: what each profile is compared by is read once, not once
// per pair (a 3,000-article load compares 550,000 pairs).
interface ProfileIndex {
  own: Set<string>;
  /** Its participants' and context's names, by each word of theirs. */
  namesByWord: Map<string, Array<{ name: string; words: Set<string> }>>;
  /** The keys of its places, participants among them. */
  placeKeys: string[];
  participantIds: Set<string>;
  articles: Set<string>;
}
const profileIndexes = new WeakMap<CaseProfile, ProfileIndex>();
function indexOf(p: CaseProfile): ProfileIndex {
  let words = profileIndexes.get(p);
  if (!words) {
    const namesByWord = new Map<string, Array<{ name: string; words: Set<string> }>>();
    for (const name of new Set([...p.participants.map((x) => x.name), ...(p.context ?? [])])) {
      const named = { name, words: distinctiveWords([name]) };
      for (const w of named.words) {
        const list = namesByWord.get(w) ?? [];
        list.push(named);
        namesByWord.set(w, list);
      }
    }
    const placeKeys = [
      ...new Set([...p.places, ...p.participants.map((x) => x.id)].filter((id) => id.startsWith('Place:')).map((id) => id.slice(id.indexOf(':') + 1))),
    ];
    words = {
      own: distinctiveWords([p.name, ...p.aliases]),
      namesByWord,
      placeKeys,
      participantIds: new Set(p.participants.map((x) => x.id)),
      articles: new Set(p.articles),
    };
    profileIndexes.set(p, words);
  }
  return words;
}
// and each place's words once per process
const placeWords = new Map<string, Set<string>>();
function wordsOfPlace(key: string): Set<string> {
  let words = placeWords.get(key);
  if (!words) placeWords.set(key, (words = distinctiveWords([key])));
  return words;
}

/** How two Cases' kinds stand: the same, of one family, in conflict, or unknown ('other' or none). */
function kindRelation(a: CaseProfile, b: CaseProfile): 'same' | 'related' | 'conflict' | undefined {
  if (!a.kind || !b.kind || a.kind === 'other' || b.kind === 'other') return undefined;
  if (a.kind === b.kind) return 'same';
  const family = (k: string) => KIND_FAMILIES.findIndex((f) => f.includes(k));
  return family(a.kind) >= 0 && family(a.kind) === family(b.kind) ? 'related' : 'conflict';
}

/** Whole days between two Cases' dates, or undefined when either has none or one does not parse. */
function daysApart(a: CaseProfile, b: CaseProfile): number | undefined {
  if (!a.date || !b.date) return undefined;
  const days = Math.round(Math.abs(Date.parse(a.date) - Date.parse(b.date)) / DAY);
  return Number.isFinite(days) ? days : undefined;
}

/** Whether one article reports both Cases (two incidents of one text are two). */
const shareAnArticle = (a: CaseProfile, b: CaseProfile): boolean => {
  const inB = indexOf(b).articles;
  return a.articles.some((x) => inB.has(x));
};

/** How alike two Cases are, in [0, 1], with the reasons an analyst reads. */
export function caseSimilarity(
  a: CaseProfile,
  b: CaseProfile,
): { score: number; reasons: string[]; nameWords: number; sharedParticipants: number; conflict: boolean } {
  const reasons: string[] = [];
  let score = 0;
  // what says two incidents, whatever else agrees: never merged automatically
  let conflict = false;
  const [pa, pb] = [indexOf(a), indexOf(b)];
  const [wa, wb] = [pa.own, pb.own];
  const words = [...wa].filter((w) => wb.has(w));
  if (words.length) {
    score += 0.4 * Math.min(1, words.length / Math.min(wa.size, wb.size));
    reasons.push(`distinctive words shared: ${words.join(', ')}`);
  }
  const kinds = kindRelation(a, b);
  if (kinds === 'same') {
    score += 0.15;
    reasons.push(`same kind: ${a.kind}`);
  } else if (kinds === 'related') {
    score += 0.05;
    reasons.push(`related kinds: ${a.kind} / ${b.kind}`);
  } else if (kinds === 'conflict') {
    score -= 0.25;
    conflict = true;
    reasons.push(`different kinds: ${a.kind} / ${b.kind}`);
  }
  const places = a.places.filter((p) => b.places.includes(p));
  // "the Kyiv drone strike" and "the Paris ransomware attack": each name says where it happened,
  // and not the same place, whatever places their articles also mention
  const [na, nb] = [namedPlaces(wa, a, b), namedPlaces(wb, a, b)];
  if (na.length && nb.length && !na.some((p) => nb.includes(p))) {
    score -= 0.35;
    conflict = true;
    reasons.push(`different places: their names name ${na.join(', ')} / ${nb.join(', ')}`);
  } else if (places.length) {
    score += 0.2;
    reasons.push(
      `same place: ${places
        .map((p) => p.slice(p.indexOf(':') + 1))
        .sort()
        .join(', ')}`,
    );
  } else if (a.places.length && b.places.length) {
    score -= 0.35;
    conflict = true;
    reasons.push('different places');
  }
  const days = daysApart(a, b);
  if (days !== undefined && days <= CASE_DATE_DAYS) {
    score += 0.1;
    reasons.push(`dates ${days} days apart`);
  } else if (days !== undefined) {
    score -= 0.4;
    conflict = true;
    reasons.push(`dates ${days} days apart (more than ${CASE_DATE_DAYS})`);
  }
  // "the Salisbury poisoning" and "the Skripal poisoning": a word of one's name names a place
  // or a participant of the other (Salisbury, Sergei Skripal)
  const named = (words: Set<string>, other: ProfileIndex) => [...words].flatMap((w) => other.namesByWord.get(w) ?? []);
  const crossNamed = [...new Set([...named(wa, pb), ...named(wb, pa)].filter((n) => !words.some((w) => n.words.has(w))).map((n) => n.name))];
  if (crossNamed.length) {
    score += 0.3;
    reasons.push(`one's name names a place or participant of the other: ${crossNamed.sort().join(', ')}`);
  }
  const shared = a.participants.filter((p) => pb.participantIds.has(p.id) && !places.includes(p.id));
  if (shared.length) {
    // a State takes part in many incidents; a named group, person or site in few
    score += Math.min(
      0.3,
      shared.reduce((sum, p) => sum + (p.id.startsWith('State:') ? 0.05 : 0.1), 0),
    );
    reasons.push(
      `shared participants: ${shared
        .map((p) => p.name)
        .sort()
        .join(', ')}`,
    );
  }
  return { score: Math.max(0, Math.min(1, Math.round(score * 100) / 100)), reasons, nameWords: words.length, sharedParticipants: shared.length, conflict };
}

/** The places of either Case (by key) that a Case's name words name: "Kyiv" in "the Kyiv drone strike". */
function namedPlaces(words: Set<string>, a: CaseProfile, b: CaseProfile): string[] {
  const keys = new Set([...indexOf(a).placeKeys, ...indexOf(b).placeKeys]);
  return [...keys]
    .filter((k) => {
      const w = wordsOfPlace(k);
      return w.size > 0 && [...w].every((x) => words.has(x));
    })
    .sort();
}

export interface IncidentPair {
  keepId: string;
  removeId: string;
  score: number;
  reasons: string[];
  automatic: boolean;
}

/**
 * Two Cases compared: automatic when the score reaches SAME_INCIDENT, the names or at least two
 * participants agree, nothing says two incidents (dates too far apart, different places or
 * kinds), the two never share an article (inside one article the extractor has already
 * decided) and nobody split them before. The better attested (then the first reported) Case
 * is kept.
 */
export function incidentPair(a: CaseProfile, b: CaseProfile, undone: Set<string>): IncidentPair {
  const sim = caseSimilarity(a, b);
  const mentions = (p: CaseProfile) => p.articles.length;
  const first = mentions(a) - mentions(b) || (a.date ?? '9').localeCompare(b.date ?? '9') * -1 || (a.id < b.id ? 1 : -1);
  const [keep, remove] = first > 0 ? [a, b] : [b, a];
  const sharesArticle = shareAnArticle(a, b);
  const split = undone.has(`${keep.id}|${remove.id}`) || undone.has(`${remove.id}|${keep.id}`);
  const automatic = sim.score >= SAME_INCIDENT && (sim.nameWords > 0 || sim.sharedParticipants >= 2) && !sim.conflict && !sharesArticle && !split;
  return { keepId: keep.id, removeId: remove.id, score: sim.score, reasons: sim.reasons, automatic };
}

/** Pairs of Cases that look like one incident, best first; with `touched`, only pairs with one of those in them. */
export function incidentPairs(profiles: CaseProfile[], touched: Set<string> | null, undone: Set<string>, minScore: number): IncidentPair[] {
  const out: IncidentPair[] = [];
  for (let i = 0; i < profiles.length; i++) {
    for (let j = i + 1; j < profiles.length; j++) {
      const a = profiles[i]!;
      const b = profiles[j]!;
      if (touched && !touched.has(a.id) && !touched.has(b.id)) continue;
      const pair = incidentPair(a, b, undone);
      if (pair.score >= minScore) out.push(pair);
    }
  }
  return out.sort((x, y) => y.score - x.score || x.keepId.localeCompare(y.keepId) || x.removeId.localeCompare(y.removeId));
}

/**
 * The place keys (of any Case in `profiles`) that a Case's own names name, as namedPlaces
 * decides it: every distinctive word of the place is a word of the Case's names.
 */
function placesNamedBy(profiles: CaseProfile[]): Array<Set<string>> {
  const keysByWord = new Map<string, Set<string>>();
  for (const p of profiles) {
    for (const k of indexOf(p).placeKeys) {
      for (const w of wordsOfPlace(k)) {
        const keys = keysByWord.get(w) ?? new Set<string>();
        keys.add(k);
        keysByWord.set(w, keys);
      }
    }
  }
  return profiles.map((p) => {
    const own = indexOf(p).own;
    const named = new Set<string>();
    for (const w of own) for (const k of keysByWord.get(w) ?? []) if ([...wordsOfPlace(k)].every((x) => own.has(x))) named.add(k);
    return named;
  });
}

/**
 * The automatic pairs of incidentPairs, best first, without comparing every pair. Only pairs
 * that can be automatic are compared:
 * - two dated Cases more than CASE_DATE_DAYS apart never are (their dates conflict), so dated
 *   Cases are swept in date order within that window; undated ones (or dates that do not parse)
 *   are compared with Cases of any date;
 * - two Cases whose names each name a place of their own ("the Kyiv drone strike" at Kyiv, "the
 *   Paris arson attack" at Paris) are only when one place is named by both names: otherwise
 *   namedPlaces finds a place for each name (at least its own) and none for both, which is the
 *   conflict 'different places' (a place named by both would be a distinctive word both names
 *   share). So such Cases are compared within each place their names name (an index from place
 *   key to Cases), and a Case whose name names none of its places is compared with every Case.
 * Pairs that a cheap look says conflict (kinds, places, dates) or share an article are not
 * scored. Each pair is compared as incidentPairs compares it (the one earlier in `profiles`
 * first), so the pairs, scores and reasons are the same.
 */
export function automaticIncidentPairs(profiles: CaseProfile[], touched: Set<string> | null, undone: Set<string>): IncidentPair[] {
  const out: IncidentPair[] = [];
  const compare = (i: number, j: number) => {
    const [a, b] = i < j ? [profiles[i]!, profiles[j]!] : [profiles[j]!, profiles[i]!];
    if (touched && !touched.has(a.id) && !touched.has(b.id)) return;
    if (cannotBeAutomatic(a, b)) return;
    const pair = incidentPair(a, b, undone);
    if (pair.automatic) out.push(pair);
  };
  const named = placesNamedBy(profiles);
  // names a place of its own: compared only with Cases that name one of the places it names
  const namesOwn = profiles.map((p, i) => indexOf(p).placeKeys.some((k) => named[i]!.has(k)));
  const dated: Array<{ i: number; t: number }> = [];
  const undated: number[] = [];
  profiles.forEach((p, i) => {
    const t = p.date ? Date.parse(p.date) : NaN;
    if (Number.isFinite(t)) dated.push({ i, t });
    else undated.push(i);
  });
  dated.sort((x, y) => x.t - y.t);
  // positions in `dated` (so in date order) of the Cases that name their own places, by each place named, and of the others
  const byPlace = new Map<string, number[]>();
  const others: number[] = [];
  dated.forEach(({ i }, x) => {
    if (!namesOwn[i]) return void others.push(x);
    for (const k of named[i]!) {
      const list = byPlace.get(k) ?? [];
      list.push(x);
      byPlace.set(k, list);
    }
  });
  // a window a day wider than the rule's: incidentPair decides on the rounded days itself
  const window = (CASE_DATE_DAYS + 1) * DAY;
  const within = (x: number, y: number) => dated[y]!.t - dated[x]!.t <= window;
  const seen = new Int32Array(profiles.length).fill(-1); // the Case a candidate was last found for
  const cursor = new Map<string, number>(); // where each place's list is at in the sweep
  let other = 0; // first of `others` after the Case swept
  for (let x = 0; x < dated.length; x++) {
    const i = dated[x]!.i;
    while (other < others.length && others[other]! <= x) other++;
    if (!namesOwn[i]) {
      for (let y = x + 1; y < dated.length && within(x, y); y++) compare(i, dated[y]!.i);
      continue;
    }
    for (const k of named[i]!) {
      const list = byPlace.get(k)!;
      const at = (cursor.get(k) ?? -1) + 1; // this Case's place in the list
      cursor.set(k, at);
      for (let n = at + 1; n < list.length && within(x, list[n]!); n++) {
        const j = dated[list[n]!]!.i;
        if (seen[j] === i) continue; // found under another place
        seen[j] = i;
        compare(i, j);
      }
    }
    for (let n = other; n < others.length && within(x, others[n]!); n++) compare(i, dated[others[n]!]!.i);
  }
  // undated: with each Case of any date that could pair, and with each other undated one once
  const isUndated = new Set(undated);
  const allByPlace = new Map<string, number[]>();
  const allOthers: number[] = [];
  profiles.forEach((_, j) => {
    if (!namesOwn[j]) return void allOthers.push(j);
    for (const k of named[j]!) {
      const list = allByPlace.get(k) ?? [];
      list.push(j);
      allByPlace.set(k, list);
    }
  });
  for (const u of undated) {
    const candidates = namesOwn[u] ? [...[...named[u]!].flatMap((k) => allByPlace.get(k)!), ...allOthers] : profiles.map((_, j) => j);
    const found = new Set<number>();
    for (const j of candidates) {
      if (j === u || (isUndated.has(j) && j < u) || found.has(j)) continue;
      found.add(j);
      compare(u, j);
    }
  }
  return out.sort((x, y) => y.score - x.score || x.keepId.localeCompare(y.keepId) || x.removeId.localeCompare(y.removeId));
}

/**
 * What incidentPair would find a conflict in or a shared article, read without scoring: kinds
 * of different families, places of their own and none shared, dates more than CASE_DATE_DAYS
 * apart. Such a pair is never automatic.
 */
function cannotBeAutomatic(a: CaseProfile, b: CaseProfile): boolean {
  if (kindRelation(a, b) === 'conflict') return true;
  if (a.places.length && b.places.length && !a.places.some((p) => b.places.includes(p))) return true;
  if ((daysApart(a, b) ?? 0) > CASE_DATE_DAYS) return true;
  return shareAnArticle(a, b);
}

/**
 * The merges that make one Case per incident: automatic pairs, best first, join two groups of
 * Cases only when every Case of one pairs automatically with every Case of the other, so that
 * no merge chains through a third Case (A like B and B like C does not make A and C one
 * incident). Each group is kept as its best attested (then first reported) Case; every other
 * Case of it is merged in with the score and reasons of its own pair with the kept one.
 */
export function incidentMerges(profiles: CaseProfile[], touched: Set<string>, undone: Set<string>): IncidentPair[] {
  const byId = new Map(profiles.map((p) => [p.id, p]));
  const group = new Map<string, string[]>(profiles.map((p) => [p.id, [p.id]]));
  const cache = new Map<string, IncidentPair>();
  const pairOf = (x: string, y: string): IncidentPair => {
    const key = x < y ? `${x}|${y}` : `${y}|${x}`;
    let pair = cache.get(key);
    if (!pair) cache.set(key, (pair = incidentPair(byId.get(x)!, byId.get(y)!, undone)));
    return pair;
  };
  for (const p of automaticIncidentPairs(profiles, touched, undone)) {
    const [ga, gb] = [group.get(p.keepId)!, group.get(p.removeId)!];
    if (ga === gb || !ga.every((x) => gb.every((y) => pairOf(x, y).automatic))) continue;
    const joined = [...ga, ...gb];
    for (const id of joined) group.set(id, joined);
  }
  const out: IncidentPair[] = [];
  for (const members of new Set(group.values())) {
    if (members.length < 2) continue;
    const keep = members.reduce((k, id) => (pairOf(k, id).keepId === k ? k : id));
    for (const id of members.filter((m) => m !== keep).sort()) {
      const pair = pairOf(keep, id);
      out.push({ ...pair, keepId: keep, removeId: id });
    }
  }
  return out.sort((x, y) => x.removeId.localeCompare(y.removeId));
}

/** Same-incident pairs as merges made by 'auto', with the pair's score and reasons (the transactional and the bulk path alike). */
export function sameIncidentMerges(pairs: IncidentPair[]): Array<{ keepId: string; removeId: string; by: string; score: number; reason: string }> {
  return pairs.map((pair) => ({
    keepId: pair.keepId,
    removeId: pair.removeId,
    by: 'auto',
    score: pair.score,
    reason: `same incident across articles: ${pair.reasons.join('; ')}`,
  }));
}

async function readIncidents(graph: GraphExecutor): Promise<{ profiles: CaseProfile[]; undone: Set<string> }> {
  const [profiles, undone] = await Promise.all([
    graph.read<CaseProfile>(caseProfiles(null)),
    graph.read<{ keepId: string; removedId: string }>(undoneMergePairs()),
  ]);
  return { profiles, undone: new Set(undone.map((u) => `${u.keepId}|${u.removedId}`)) };
}

/** Near-duplicate Cases for mergeSuggestions, with their reasons (automatic ones are already merged). */
export async function incidentSuggestions(graph: GraphExecutor, minScore: number): Promise<IncidentPair[]> {
  const { profiles, undone } = await readIncidents(graph);
  return incidentPairs(profiles, null, undone, minScore);
}

/**
 * Merges the Cases of one incident that an ingest run touched (incidentMerges: each one merged
 * only into a Case it pairs with itself, never through a third), recorded and undoable.
 */
export async function mergeSameIncidents(graph: GraphExecutor, touched: Iterable<string>): Promise<MergeRecordView[]> {
  const ids = new Set(touched);
  if (!ids.size) return [];
  const { profiles, undone } = await readIncidents(graph);
  // Cases an interrupted run wrote and never compared are compared now, so that stopping and
  // resuming a run ends with the graph one uninterrupted run gives
  for (const p of profiles) if (!p.checked) ids.add(p.id);
  const merges = incidentMerges(profiles, ids, undone);
  const records = await mergeEntitiesInBatches(graph, sameIncidentMerges(merges));
  const removed = new Set(merges.map((m) => m.removeId));
  await graph.write(markIncidentsChecked([...ids].filter((id) => !removed.has(id))));
  return records;
}

// ---------------------------------------------------------------------------------------------
// One Actor per person whatever the order of the articles. A bare surname written before the
// full name (in an earlier article, or an earlier run) became an Actor of its own; once an
// article brings the full name, the pair is compared as resolution compares it going forward:
// the full name is the only one with that surname, the surname's articles tie it to that
// person (a Group both belong to, or the same role), and nothing says otherwise (another role,
// another employer). Such pairs are merged through mergeEntities (a MergeRecord by 'auto',
// undone by splitEntity); the others are listed by mergeSuggestions with score and reasons.

export interface PersonProfile {
  id: string;
  name: string;
  nameKey: string;
  role: string | null;
  groups: string[];
  groupNames: string[];
  neighbours: { id: string; name: string }[];
  articles: string[];
}

/** Bare surnames and the full-name Actors with that surname, scored with the reasons an analyst reads. */
export function personPairs(profiles: PersonProfile[], undone: Set<string>, minScore: number): IncidentPair[] {
  const bySurname = new Map<string, PersonProfile[]>();
  for (const p of profiles) {
    const surname = surnameOf(p.nameKey);
    if (!surname) continue;
    const list = bySurname.get(surname) ?? [];
    list.push(p);
    bySurname.set(surname, list);
  }
  const names = new Map(profiles.flatMap((p) => p.groups.map((g, i) => [g, p.groupNames[i] ?? g] as const)));
  const out: IncidentPair[] = [];
  for (const s of profiles) {
    if (!s.nameKey || s.nameKey.includes(' ')) continue;
    const fulls = bySurname.get(s.nameKey) ?? [];
    for (const f of fulls) {
      const reasons = [`"${s.name}" is the surname of ${f.name}`];
      let score = 0.4;
      if (fulls.length === 1) {
        score += 0.1;
        reasons.push('the only person in the graph with that surname');
      }
      const shared = s.groups.filter((g) => f.groups.includes(g));
      const roleConflict = rolesConflict(s.role ?? undefined, f.role ?? undefined);
      const groupConflict = s.groups.length > 0 && f.groups.length > 0 && !shared.length;
      if (shared.length) {
        score += 0.3;
        // sorted: the order of a person's groups is the store's, which differs between two graphs of the same articles
        reasons.push(
          `both members of ${shared
            .map((g) => names.get(g) ?? g.slice(g.indexOf(':') + 1))
            .sort()
            .join(', ')}`,
        );
      }
      if (s.role && f.role && !roleConflict) {
        score += 0.15;
        reasons.push(`same role: ${f.role}`);
      }
      if (roleConflict) {
        score -= 0.5;
        reasons.push(`different roles: ${s.role} / ${f.role}`);
      }
      if (groupConflict) {
        score -= 0.4;
        reasons.push('members of different Groups');
      }
      const theirs = new Set(f.neighbours.map((n) => n.id));
      const common = s.neighbours.filter((n) => theirs.has(n.id) && !shared.includes(n.id));
      if (common.length) {
        score += Math.min(0.15, 0.05 * common.length);
        reasons.push(
          `linked to the same entities: ${common
            .map((n) => n.name)
            .sort()
            .slice(0, 5)
            .join(', ')}`,
        );
      }
      const rounded = Math.max(0, Math.min(1, Math.round(score * 100) / 100));
      if (rounded < minScore) continue;
      const tie = shared.length > 0 || (s.role !== null && f.role !== null && !roleConflict);
      const split = undone.has(`${f.id}|${s.id}`) || undone.has(`${s.id}|${f.id}`);
      const automatic = fulls.length === 1 && tie && !roleConflict && !groupConflict && !split;
      out.push({ keepId: f.id, removeId: s.id, score: rounded, reasons, automatic });
    }
  }
  return out.sort((x, y) => y.score - x.score || x.keepId.localeCompare(y.keepId) || x.removeId.localeCompare(y.removeId));
}

async function readPeople(graph: GraphExecutor): Promise<{ profiles: PersonProfile[]; undone: Set<string> }> {
  const [profiles, undone] = await Promise.all([
    graph.read<PersonProfile>(personProfiles()),
    graph.read<{ keepId: string; removedId: string }>(undoneMergePairs()),
  ]);
  return { profiles, undone: new Set(undone.map((u) => `${u.keepId}|${u.removedId}`)) };
}

/**
 * The merges that make one Actor per person: each bare surname into its best automatic pair,
 * made by 'auto' with the pair's score and reasons, in that order (the transactional and the
 * bulk path alike).
 */
export function samePeopleMerges(
  profiles: PersonProfile[],
  undone: Set<string>,
): Array<{ keepId: string; removeId: string; by: string; score: number; reason: string }> {
  const byRemoved = new Map<string, IncidentPair>();
  for (const p of personPairs(profiles, undone, 0)) if (p.automatic && !byRemoved.has(p.removeId)) byRemoved.set(p.removeId, p);
  return [...byRemoved.values()].map((p) => ({
    keepId: p.keepId,
    removeId: p.removeId,
    by: 'auto',
    score: p.score,
    reason: `same person across articles: ${p.reasons.join('; ')}`,
  }));
}

/** After a run that wrote Actors: merges the bare surnames the articles now tie to one person (retroactively, recorded, undoable). */
export async function mergeSamePeople(graph: GraphExecutor, touched: Iterable<string>): Promise<MergeRecordView[]> {
  if (!new Set(touched).size) return [];
  const { profiles, undone } = await readPeople(graph);
  // every pair, not only the run's: one an interrupted run left is merged by the run that
  // finishes it, as one uninterrupted run would have merged it (the comparison is linear);
  // a pair another ingest process merged first is skipped. Each surname goes to its best pair.
  return mergeEntitiesInBatches(graph, samePeopleMerges(profiles, undone));
}

/** Likely duplicates for mergeSuggestions beyond shared names: incidents told differently, and surnames with their people. */
export async function resolutionSuggestions(graph: GraphExecutor, types: EntityType[] | null, minScore: number): Promise<IncidentPair[]> {
  const [incidents, people] = await Promise.all([
    types && !types.includes('Case') ? [] : incidentSuggestions(graph, minScore),
    types && !types.includes('Actor') ? [] : readPeople(graph).then(({ profiles, undone }) => personPairs(profiles, undone, minScore)),
  ]);
  return [...incidents, ...people].sort((x, y) => y.score - x.score || x.keepId.localeCompare(y.keepId));
}
