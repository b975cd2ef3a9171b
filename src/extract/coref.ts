// Coreference within one document: later short names ("McCallum", "Garland") and the
// acronyms and aliases the text introduced find the entity already named; two forms of
// one person's name ("Merrick B. Garland", "Merrick Garland") become one entity; a
// pronoun or "the group" stands for the last compatible entity, for relations only.
import { lexTags } from './gazetteer.js';
import { addSpan, covered, type Ent, type Registry, type SentenceCtx } from './model.js';
import { nameKey } from './sentences.js';

/** Merges entities that are one person, and re-points spans. */
export function mergePeople(reg: Registry, ctxs: SentenceCtx[]): void {
  const actors = reg.entities.filter((e) => e.type === 'Actor');
  const firstLast = (e: Ent): string => {
    const w = e.name.split(/\s+/).filter((x) => !/^[A-Z]\.$/.test(x));
    return w.length >= 2 ? `${w[0]} ${w.at(-1)}`.toLowerCase() : e.name.toLowerCase();
  };
  const by = new Map<string, Ent>();
  const into = new Map<Ent, Ent>();
  for (const a of actors) {
    const k = firstLast(a);
    const prev = by.get(k);
    if (!prev) {
      by.set(k, a);
      continue;
    }
    // the shorter (no middle initial) is the canonical name, as news text usually writes it
    const [keep, drop] = a.name.length < prev.name.length ? [a, prev] : [prev, a];
    into.set(drop, keep);
    by.set(k, keep);
  }
  for (const [drop, keep] of into) {
    reg.alias(keep, drop.name);
    for (const al of drop.aliases) keep.aliases.add(al);
    keep.role ??= drop.role;
    for (const m of drop.mentions) keep.mentions.push(m);
    reg.remove(drop);
  }
  if (into.size)
    for (const c of ctxs)
      for (const s of c.spans) {
        const k = into.get(s.ent);
        if (k) s.ent = k;
      }
}

/** Short names and defined aliases, found again in uncovered tokens of every sentence. */
export function resolveShortNames(reg: Registry, ctxs: SentenceCtx[]): void {
  const short = new Map<string, Ent | null>();
  const put = (k: string, e: Ent): void => {
    const p = short.get(k);
    short.set(k, p === undefined || p === e ? e : null);
  };
  for (const e of reg.entities) {
    if (e.type === 'Actor') {
      const w = e.name.split(/\s+/);
      if (w.length >= 2) put(nameKey(w.at(-1)!), e);
    }
    if (e.type === 'Group' && !e.name.includes(' ') && /^[A-Z]/.test(e.name) && !lexTags(e.name).length) put(nameKey(e.name), e);
    for (const a of e.aliases) if (!a.includes(' ') && /^[A-Z][A-Za-z0-9-]*[A-Z0-9]$|^[A-Z][a-z]+$/.test(a) && e.type !== 'Case') put(nameKey(a), e);
    // "Tenet Media" is "Tenet" later on, "Acme Labs" is "Acme"
    const m =
      e.type === 'Group'
        ? /^([A-Z][\w-]+) (Media|Labs|Networks|Technologies|Technology|Holdings|Group|Systems|Solutions|Capital|Markets|Exchange)$/.exec(e.name)
        : null;
    if (m && !lexTags(m[1]!).length) put(nameKey(m[1]!), e);
  }
  for (const ctx of ctxs) {
    for (let i = 0; i < ctx.tokens.length; i++) {
      const t = ctx.tokens[i]!;
      if (!t.cap || !t.word) continue;
      const e = short.get(t.key);
      const c = covered(ctx, i);
      // a short name known in this document beats a guess from a preposition ("in Tenet")
      if (c && !(e && c.via === 'cue' && c.t1 - c.t0 === 1 && c.ent.type === 'Place')) continue;
      if (e) {
        if (c) ctx.spans = ctx.spans.filter((x) => x !== c);
        addSpan(ctx, { ent: e, t0: i, t1: i + 1, via: 'alias' });
      }
    }
  }
}

// What a pronoun or a definite description may stand for. "the network" is an entity
// that is a network, "the company" a company; "it" and "they" any group or State.
type Fits = (e: Ent) => boolean;
const anyGroupOrState: Fits = (e) => e.type === 'Group' || e.type === 'State';
const groupOf =
  (kinds: RegExp, noun?: RegExp): Fits =>
  (e) =>
    e.type === 'Group' && (kinds.test(e.kind ?? '') || (noun?.test(e.name) ?? false));
const PRONOUNS: Record<string, Fits> = {
  it: anyGroupOrState,
  they: anyGroupOrState,
  he: (e) => e.type === 'Actor',
  she: (e) => e.type === 'Actor',
  'the group': groupOf(/^(terrorist|militant|criminal|intelligence|other)$/, /\bgroup\b/i),
  'the organisation': groupOf(/^(terrorist|militant|criminal|ngo|research|other)$/),
  'the organization': groupOf(/^(terrorist|militant|criminal|ngo|research|other)$/),
  'the company': groupOf(/^company$/),
  'the firm': groupOf(/^company$/),
  'the network': groupOf(/^criminal$/, /\bnetwork\b/i),
  'the agency': groupOf(/^(government|intelligence)$/),
  'the department': groupOf(/^$/, /\bDepartment\b/),
  'the ministry': groupOf(/^$/, /\bMinistry\b/),
  'the council': groupOf(/^$/, /\bCouncil\b/),
  'the court': groupOf(/^court$/),
  'the militia': groupOf(/^militant$/),
  'the gang': groupOf(/^criminal$/),
  its: (e) => e.type === 'Group',
  their: (e) => e.type === 'Group',
  'the country': (e) => e.type === 'State',
  'the regime': (e) => e.type === 'State',
};

// "the Wagner Group and its owner, Yevgeny Prigozhin", "its leader is Stanislav Vorobyev": a group's
// possessive before the noun of who leads or owns it points at the group, wherever it stands
const POSSESSIVES = new Set(['its', 'their']);
const LEADER_NOUN = /^(?:leader|leaders|founder|founders|co-founder|owner|owners|head|chief|commander|chairman)$/;

/**
 * Pronoun spans that point at the last compatible entity seen, when the pronoun is a
 * subject (sentence start or after a comma). They are never entities of their own.
 */
export function resolvePronouns(ctx: SentenceCtx, recent: Ent[]): void {
  const { tokens } = ctx;
  for (let i = 0; i < tokens.length; i++) {
    const one = tokens[i]!.key;
    const two = `${one} ${tokens[i + 1]?.key ?? ''}`;
    const [phrase, len] = PRONOUNS[two] ? [two, 2] : PRONOUNS[one] ? [one, 1] : [undefined, 0];
    if (!phrase || covered(ctx, i)) continue;
    if (POSSESSIVES.has(phrase) && !LEADER_NOUN.test(tokens[i + 1]?.key ?? '')) continue;
    // "the Department's designation of …": a described possessor is a subject too ("it's" is no possessor)
    const subject =
      POSSESSIVES.has(phrase) ||
      i === 0 ||
      tokens[i - 1]!.text === ',' ||
      tokens[i - 1]!.key === 'and' ||
      tokens[i - 1]!.key === 'but' ||
      (len === 2 && tokens[i + len]?.text === "'s");
    if (!subject) continue;
    const fits = PRONOUNS[phrase]!;
    // the most recent compatible entity, earlier in this sentence first
    const before = ctx.spans.filter((s) => s.t1 <= i && fits(s.ent) && s.via !== 'pronoun').at(-1);
    // "it" and "they" prefer a group to a State mentioned after it ("X is an Iranian group. It …")
    const back = [...recent].reverse();
    const ent = before?.ent ?? back.find((e) => fits(e) && e.type !== 'State') ?? back.find(fits);
    if (ent) addSpan(ctx, { ent, t0: i, t1: i + len, via: 'pronoun' });
  }
  for (const s of ctx.spans) {
    if (s.via === 'pronoun') continue;
    const at = recent.indexOf(s.ent);
    if (at >= 0) recent.splice(at, 1);
    recent.push(s.ent);
    if (recent.length > 20) recent.shift();
  }
}
