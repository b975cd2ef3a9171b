// Coreference within one document: later short names ("McCallum", "Garland") and the
// acronyms and aliases the text introduced find the entity already named; two forms of
// one person's name ("Merrick B. Garland", "Merrick Garland") become one entity; a
// pronoun or "the group" stands for the last compatible entity, for relations only.
import type { EntityType } from '../ontology.js';
import { lexTags } from './gazetteer.js';
import { addSpan, covered, type Ent, type Registry, type SentenceCtx, type Span } from './model.js';
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
    if (!prev) { by.set(k, a); continue; }
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
  if (into.size) for (const c of ctxs) for (const s of c.spans) { const k = into.get(s.ent); if (k) s.ent = k; }
}

/** Short names and defined aliases, found again in uncovered tokens of every sentence. */
export function resolveShortNames(reg: Registry, ctxs: SentenceCtx[]): void {
  const short = new Map<string, Ent | null>();
  const put = (k: string, e: Ent): void => { const p = short.get(k); short.set(k, p === undefined || p === e ? e : null); };
  for (const e of reg.entities) {
    if (e.type === 'Actor') {
      const w = e.name.split(/\s+/);
      if (w.length >= 2) put(nameKey(w.at(-1)!), e);
    }
    for (const a of e.aliases) if (!a.includes(' ') && /^[A-Z][A-Za-z0-9-]*[A-Z0-9]$|^[A-Z][a-z]+$/.test(a) && e.type !== 'Case') put(nameKey(a), e);
    // "Tenet Media" is "Tenet" later on, "Acme Labs" is "Acme"
    const m = e.type === 'Group' ? /^([A-Z][\w-]+) (Media|Labs|Networks|Technologies|Technology|Holdings|Group|Systems|Solutions|Capital|Markets|Exchange)$/.exec(e.name) : null;
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

const PRONOUNS: Record<string, EntityType[]> = {
  it: ['Group', 'State'], they: ['Group', 'State'], he: ['Actor'], she: ['Actor'],
  'the group': ['Group'], 'the organisation': ['Group'], 'the organization': ['Group'], 'the company': ['Group'],
  'the network': ['Group'], 'the agency': ['Group'], 'the firm': ['Group'], 'the militia': ['Group'], 'the gang': ['Group'],
  'the country': ['State'], 'the regime': ['State'],
};

/**
 * Pronoun spans that point at the last compatible entity seen, when the pronoun is a
 * subject (sentence start or after a comma). They are never entities of their own.
 */
export function resolvePronouns(ctx: SentenceCtx, last: Map<EntityType, Ent>): void {
  const { tokens } = ctx;
  for (let i = 0; i < tokens.length; i++) {
    const one = tokens[i]!.key;
    const two = `${one} ${tokens[i + 1]?.key ?? ''}`;
    const [phrase, len] = PRONOUNS[two] ? [two, 2] : PRONOUNS[one] ? [one, 1] : [undefined, 0];
    if (!phrase || covered(ctx, i)) continue;
    const subject = i === 0 || tokens[i - 1]!.text === ',' || tokens[i - 1]!.key === 'and' || tokens[i - 1]!.key === 'but';
    if (!subject) continue;
    const types = PRONOUNS[phrase]!;
    // the most recent of the compatible types, earlier in this sentence first
    const before = ctx.spans.filter((s) => s.t1 <= i && types.includes(s.ent.type) && s.via !== 'pronoun').at(-1);
    const ent = before?.ent ?? types.map((t) => last.get(t)).find(Boolean);
    if (ent) addSpan(ctx, { ent, t0: i, t1: i + len, via: 'pronoun' });
  }
  for (const s of ctx.spans) if (s.via !== 'pronoun') last.set(s.ent.type, s.ent);
}

export type { Span };
