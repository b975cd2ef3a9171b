// State organs (data/gazetteers/state-organs.json). A State's demonym or possessive followed
// by what the organ is names the organ, a Group of that State, not the State:
// "Russian military intelligence" and "Russia's military intelligence" are the GRU,
// "Iran's intelligence services" the Ministry of Intelligence and Security. The State's own
// word stays a mention of the State, so the document still names it.
import { longestOrganDescription, organDescribed, organState } from './gazetteer.js';
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
 * An organ is LOCATED_IN its State wherever the document names both: in the sentence that
 * names both when one does, else at the organ's first mention.
 */
export function organStates(reg: Registry, ctxs: SentenceCtx[]): RelFact[] {
  const out: RelFact[] = [];
  for (const e of reg.entities) {
    const iso3 = e.type === 'Group' && e.mentions.length ? organState(e.name) : undefined;
    const state = iso3 ? reg.entities.find((x) => x.type === 'State' && x.iso3 === iso3 && x.mentions.length) : undefined;
    if (!state) continue;
    const names = (c: SentenceCtx, x: typeof e): boolean => [...c.spans, ...c.inner].some((s) => s.ent === x && s.via !== 'pronoun');
    const both = ctxs.find((c) => names(c, e) && names(c, state));
    out.push({
      type: 'LOCATED_IN', from: e, to: state, sentence: both?.sentence.index ?? e.mentions[0]!.sentence,
      rule: 'state-organ', confidence: both ? 0.65 : 0.5,
    });
  }
  return out;
}
