// The working model of one document while it is read: entities keyed by (type, name),
// and per sentence its tokens and the spans of tokens that name an entity.
import type { EntityType } from '../ontology.js';
import type { Sentence } from './types.js';
import { nameKey, type Token } from './sentences.js';

export type SpanVia = 'name' | 'demonym' | 'metonym' | 'cue' | 'alias' | 'pronoun' | 'case';

export interface Ent {
  id: number;
  name: string;
  type: EntityType;
  kind?: string;
  iso3?: string;
  state?: string; // ISO3 of the State a Group or Place belongs to (gazetteer knowledge)
  memberOf?: string; // parent organisation (gazetteer knowledge)
  role?: string;
  /** Named by the form the text uses most (ATT&CK groups have many equal names). */
  preferSurface?: boolean;
  /** Named by an analysts' convention ("FBI New York Field Office"), kept when the text writes it otherwise. */
  conventionalName?: boolean;
  aliases: Set<string>;
  mentions: Array<{ sentence: number; start: number; end: number; text: string }>;
}

export interface Span {
  ent: Ent;
  t0: number; // token range [t0, t1) in the sentence
  t1: number;
  via: SpanVia;
}

export interface SentenceCtx {
  sentence: Sentence;
  tokens: Token[];
  spans: Span[];
  /** Mentions inside a case phrase ("Hamas" in "Hamas attacks on Israel"): still mentions. */
  inner: Span[];
  /** Headline style: every word capitalised, so capitals say nothing about names. */
  titleCase: boolean;
  /** The article's title line. */
  headline?: boolean;
}

export class Registry {
  readonly entities: Ent[] = [];
  private readonly byKey = new Map<string, Ent>();

  key(type: EntityType, name: string): string {
    return `${type}|${nameKey(name)}`;
  }

  find(type: EntityType, name: string): Ent | undefined {
    return this.byKey.get(this.key(type, name));
  }

  get(type: EntityType, name: string, props: Partial<Omit<Ent, 'id' | 'name' | 'type' | 'aliases' | 'mentions'>> = {}): Ent {
    const k = this.key(type, name);
    let e = this.byKey.get(k);
    if (!e) {
      e = { id: this.entities.length, name, type, aliases: new Set(), mentions: [] };
      this.entities.push(e);
      this.byKey.set(k, e);
    }
    for (const [p, v] of Object.entries(props)) {
      if (v !== undefined && (e as unknown as Record<string, unknown>)[p] === undefined) (e as unknown as Record<string, unknown>)[p] = v;
    }
    return e;
  }

  /** Another name for an existing entity: later lookups by it find the same one. */
  alias(e: Ent, name: string): void {
    const k = this.key(e.type, name);
    if (!this.byKey.has(k)) this.byKey.set(k, e);
    if (name !== e.name) e.aliases.add(name);
  }

  remove(e: Ent): void {
    const i = this.entities.indexOf(e);
    if (i >= 0) this.entities.splice(i, 1);
    for (const [k, v] of this.byKey) if (v === e) this.byKey.delete(k);
  }
}

export function spanText(ctx: SentenceCtx, t0: number, t1: number): string {
  const a = ctx.tokens[t0];
  const b = ctx.tokens[t1 - 1];
  if (!a || !b) return '';
  return ctx.sentence.text.slice(a.start - ctx.sentence.start, b.end - ctx.sentence.start);
}

/** Puts `ent` over tokens t0..t1 in place of `span`: a name read narrower or wider than first found. */
export function replaceSpan(ctx: SentenceCtx, span: Span, ent: Ent, t0: number, t1: number): void {
  ctx.spans = ctx.spans.filter((x) => x !== span);
  addSpan(ctx, { ent, t0, t1, via: span.via });
}

export function addSpan(ctx: SentenceCtx, span: Span): void {
  // Spans never overlap: a new span replaces those it covers entirely, and is dropped
  // when it would cut into another.
  const clash = ctx.spans.filter((s) => s.t0 < span.t1 && span.t0 < s.t1);
  if (clash.some((s) => !(span.t0 <= s.t0 && s.t1 <= span.t1))) return;
  if (clash.length && clash.every((s) => s.t0 === span.t0 && s.t1 === span.t1)) return;
  if (span.via === 'case') ctx.inner.push(...clash.filter((s) => s.ent !== span.ent && s.via !== 'pronoun'));
  ctx.spans = ctx.spans.filter((s) => !clash.includes(s));
  ctx.spans.push(span);
  ctx.spans.sort((x, y) => x.t0 - y.t0);
}

export function covered(ctx: SentenceCtx, i: number): Span | undefined {
  return ctx.spans.find((s) => s.t0 <= i && i < s.t1);
}

export function recordMention(ctx: SentenceCtx, span: Span): void {
  const a = ctx.tokens[span.t0]!;
  const b = ctx.tokens[span.t1 - 1]!;
  const text = spanText(ctx, span.t0, span.t1);
  span.ent.mentions.push({ sentence: ctx.sentence.index, start: a.start, end: b.end, text });
  if (span.via !== 'pronoun' && text.replace(/^the /i, '') !== span.ent.name) span.ent.aliases.add(text);
}
