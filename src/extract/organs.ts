// State organs (data/gazetteers/state-organs.json). A State's demonym or possessive followed
// by what the organ is names the organ, a Group of that State, not the State:
// "Russian military intelligence" and "Russia's military intelligence" are the GRU,
// "Iran's intelligence services" the Ministry of Intelligence and Security. The State's own
// word stays a mention of the State, so the document still names it.
import { longestOrganDescription, matchGazetteer, organDescribed, organState } from './gazetteer.js';
import { addSpan, covered, type Registry, type SentenceCtx } from './model.js';
import type { RelFact } from './relations/apply.js';

/** Replaces "demonym + description" (and "State's + description") by the organ's span. */
export function organSpans(ctx: SentenceCtx, reg: Registry): void {
  const { tokens } = ctx;
  for (const s of [...ctx.spans]) {
    if (s.ent.type !== 'State' || !s.ent.iso3 || s.via === 'pronoun' || s.via === 'alias') continue;
    let from = s.t1;
    // "Russia's intelligence services"; a bare name needs the possessive ("Russia military" is no organ)
    if (tokens[from]?.text === "'s" && s.via !== 'demonym') from++;
    else if (s.via !== 'demonym') continue;
    let found: { t1: number; name: string; kind: string } | undefined;
    let key = '';
    // "the Russian Ministry of Defence": a generic body's name after a demonym is that State's
    // organ, not the one the gazetteer knows by the bare name (the UK's Ministry of Defence)
    const named = covered(ctx, from);
    if (named && named.t0 === from && named.ent.type === 'Group') {
      const organ = organDescribed(
        s.ent.iso3,
        tokens
          .slice(named.t0, named.t1)
          .map((t) => t.key)
          .join(' '),
      );
      if (organ && organ.name !== named.ent.name) {
        const ent = reg.get('Group', organ.name, { kind: organ.kind, state: s.ent.iso3 });
        ctx.spans = ctx.spans.filter((x) => x !== named);
        addSpan(ctx, { ent, t0: s.t0, t1: named.t1, via: 'name' });
        if (!ctx.spans.includes(s)) ctx.inner.push(s);
        continue;
      }
    }
    for (let j = from; j < tokens.length && j - from < longestOrganDescription(); j++) {
      const t = tokens[j]!;
      if (!t.word || covered(ctx, j)) break;
      key = key ? `${key} ${t.key}` : t.key;
      const organ = organDescribed(s.ent.iso3, key);
      if (organ) found = { t1: j + 1, name: organ.name, kind: organ.kind };
    }
    if (!found) continue;
    const ent = reg.get('Group', found.name, { kind: found.kind, state: s.ent.iso3 });
    addSpan(ctx, { ent, t0: s.t0, t1: found.t1, via: 'name' });
    if (!ctx.spans.includes(s)) ctx.inner.push(s);
  }
}

/**
 * An organ is LOCATED_IN its State where the text ties them by demonym or possessive, as
 * ONTOLOGY.md asks: inside the organ's own phrase ("Russian military intelligence"), or right
 * before its name ("Russia's GRU", "the Iranian IRGC").
 */
export function organStates(ctxs: SentenceCtx[], reg: Pick<Registry, 'find'>): RelFact[] {
  const out: RelFact[] = [];
  const seen = new Set<string>();
  for (const ctx of ctxs) {
    for (const s of ctx.spans) {
      const iso3 = s.ent.type === 'Group' && s.via !== 'pronoun' ? organState(s.ent.name) : undefined;
      if (!iso3) continue;
      const within = ctx.inner.find((x) => x.ent.iso3 === iso3 && x.t0 >= s.t0 && x.t1 <= s.t1);
      const gap = ctx.tokens[s.t0 - 1]?.text === "'s" ? 1 : 0;
      const before = ctx.spans.find((x) => x.ent.type === 'State' && x.ent.iso3 === iso3 && x.t1 === s.t0 - gap && (gap === 1 || x.via === 'demonym'));
      // "the Russian Federal Security Service": the State's own word opens the organ's name
      const opening =
        (within ?? before)
          ? undefined
          : matchGazetteer([ctx.tokens[s.t0]!])
              .find((m) => m.t1 === 1)
              ?.entries.find((e) => e.type === 'State' && e.iso3 === iso3);
      const state = (within ?? before)?.ent ?? (opening ? reg.find('State', opening.name) : undefined);
      if (!state || seen.has(`${s.ent.id}|${ctx.sentence.index}`)) continue;
      seen.add(`${s.ent.id}|${ctx.sentence.index}`);
      out.push({ type: 'LOCATED_IN', from: s.ent, to: state, sentence: ctx.sentence.index, rule: 'state-organ', confidence: 0.65 });
    }
  }
  return out;
}
