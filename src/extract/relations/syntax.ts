// Relations from predicate–argument structure: the dependency parse of a sentence (spaCy,
// through the parser pool) tells who did what to whom, so an apposition, a list or a
// relative clause between two names no longer hides the verb that links them.
//
// The predicates are data (data/lexicons/predicates.json): verb, adjective and noun
// classes, each mapping argument roles to an ONTOLOGY.md relation type. This file only
// finds the roles in a parse: logical subject and object (passives turned round), the
// objects of prepositions, subjects shared through coordination, relative clauses,
// participles and raising verbs ("is believed to be behind"), and the possessor and
// complements of event nouns ("X's attack on Y"). The ontology's end types then keep
// every link honest.
import { readFileSync } from 'node:fs';
import { relationEndsAllowed, type Claim, type EntityType, type RelationType } from '../../ontology.js';
import { addSpan, type Ent, type Registry, type SentenceCtx, type Span } from '../model.js';
import type { ParsedSentence, ParsedToken } from '../parser/types.js';
import { VICTIM_HEAD } from '../case-words.js';
import type { RelFact } from './apply.js';

interface Link {
  type: RelationType;
  from: string;
  to: string;
  claim?: Claim;
  /** Narrower than the ontology allows: only these types at this end. */
  fromTypes?: EntityType[];
  toTypes?: EntityType[];
}

interface PredicateClass {
  id: string;
  lemmas: string[];
  links: Link[];
  /** Only when the direct object is one of these nouns ("claimed responsibility for"). */
  objectNouns?: string[];
  reason: string;
  example: string;
}

interface Lexicon {
  verbs: PredicateClass[];
  adjectives: PredicateClass[];
  nouns: PredicateClass[];
  principalNouns: string[];
  transparentNouns: string[];
  involvementNouns: string[];
  quantityNouns: string[];
  lightVerbs: string[];
  proxyPeople: string[];
  coSubjectMarkers: { adverbs: string[]; prepositions: string[]; nouns: string[] };
  hedges: { suspected: string[]; alleged: string[] };
  assessingVerbs: { lemmas: string[] };
}

const lexicon = JSON.parse(readFileSync(new URL('../../../data/lexicons/predicates.json', import.meta.url), 'utf8')) as Lexicon;

function index(classes: PredicateClass[]): Map<string, PredicateClass[]> {
  const byLemma = new Map<string, PredicateClass[]>();
  for (const c of classes) for (const l of c.lemmas) byLemma.set(l, [...(byLemma.get(l) ?? []), c]);
  return byLemma;
}
const VERBS = index(lexicon.verbs);
const ADJECTIVES = index(lexicon.adjectives);
const NOUNS = index(lexicon.nouns);
const PRINCIPAL = new Set(lexicon.principalNouns);
const TRANSPARENT = new Set(lexicon.transparentNouns);
const INVOLVEMENT = new Set(lexicon.involvementNouns);
const QUANTITY = new Set(lexicon.quantityNouns);
const LIGHT_VERBS = new Set(lexicon.lightVerbs);
const PROXY_PEOPLE = new Set(lexicon.proxyPeople);
const GENERIC_PEOPLE = /^(?:man|woman|people|person|individual|national|citizen|member|group|network|organi[sz]ation|worker|student)$/i;
const CO_ADVERBS = new Set(lexicon.coSubjectMarkers.adverbs);
const CO_PREPOSITIONS = new Set(lexicon.coSubjectMarkers.prepositions);
const CO_NOUNS = new Set(lexicon.coSubjectMarkers.nouns);
const PROXY_VERBS = new Set(lexicon.verbs.filter((c) => c.links.some((l) => l.type === 'USES_PROXY' && l.from === 'subject')).flatMap((c) => c.lemmas));
const PROXY_NOUNS = new Set(lexicon.nouns.filter((c) => c.links.some((l) => l.type === 'USES_PROXY' && l.from === 'possessor')).flatMap((c) => c.lemmas));
// nouns that stand for the article's own case when it has one ("investigated the case")
const CASE_WORDS = new Set(['case', 'matter', 'investigation', 'prosecution', 'scheme', 'conspiracy', 'crime', 'offence', 'offense']);
const SAY = /^(say|state|announce|confirm|claim|report|tell|warn|add|note|allege|assess|conclude|believe)$/;
const JOINED_PARTICIPLE =
  /^(?:designated|sanctioned|proscribed|listed|banned|backed|sponsored|funded|financed|controlled|directed|supported|linked|aligned|affiliated)$/i;
const ASSESSING = new Set(lexicon.assessingVerbs.lemmas);
const SUSPECTING = new Set(lexicon.hedges.suspected);
const ALLEGING = new Set(lexicon.hedges.alleged);

const SUBJECT = new Set(['nsubj', 'csubj']);
const PASSIVE_SUBJECT = new Set(['nsubjpass', 'csubjpass']);
const CONFIDENCE = 0.7;

/** A sentence's parse tied to the extractor's mention spans. */
export class Frame {
  readonly toks: ParsedToken[];
  readonly children: number[][];
  /** The span each parse token lies in, if any. */
  private readonly spanOf: Array<Span | undefined>;

  constructor(
    readonly ctx: SentenceCtx,
    parse: ParsedSentence,
    readonly salientCase?: Ent,
    readonly recent: readonly Ent[] = [],
  ) {
    this.toks = parse.tokens;
    this.children = this.toks.map(() => []);
    for (const t of this.toks) if (t.head !== t.i) this.children[t.head]?.push(t.i);
    const base = ctx.sentence.start;
    this.spanOf = this.toks.map((t) => {
      const a = base + t.start;
      const b = base + t.end;
      // the smallest mention holding the token: "Russia" in "Russia's war against Ukraine" is Russia, not the war
      return [...ctx.spans, ...ctx.inner]
        .filter((s) => {
          const s0 = ctx.tokens[s.t0]!.start;
          const s1 = ctx.tokens[s.t1 - 1]!.end;
          return a < s1 && s0 < b;
        })
        .sort((x, y) => x.t1 - x.t0 - (y.t1 - y.t0))[0];
    });
  }

  kids(i: number, ...deps: string[]): ParsedToken[] {
    return (this.children[i] ?? []).map((k) => this.toks[k]!).filter((k) => deps.length === 0 || deps.includes(k.dep));
  }

  span(i: number): Span | undefined {
    return this.spanOf[i];
  }

  /**
   * The entities a token stands for: its own mention, the mentions listed with it
   * ("Iran and Russia"), the name in apposition ("a group, APT40,"), and through a
   * noun that only describes people of an entity ("GRU officers", "officers of the GRU").
   */
  entities(i: number, depth = 0): Span[] {
    if (depth > 4) return [];
    const t = this.toks[i];
    if (!t) return [];
    const out: Span[] = [];
    const own = this.span(i);
    const lower = t.lemma.toLowerCase();
    if (own) out.push(own);
    else if (
      this.salientCase &&
      CASE_WORDS.has(lower) &&
      this.kids(i, 'det').some((d) => /^(the|this)$/i.test(d.text)) &&
      !this.kids(i, 'prep', 'amod', 'compound').length
    ) {
      // "The FBI investigated the case": in a text about one case, that case
      out.push({ ent: this.salientCase, t0: 0, t1: 0, via: 'case' });
    } else if (t.dep === 'appos' && this.span(t.head)) out.push(this.span(t.head)!);
    else if ((t.tag === 'WDT' || t.tag === 'WP' || t.lemma === 'that') && this.relativeHead(i) !== undefined) {
      out.push(...this.entities(this.relativeHead(i)!, depth + 1));
    } else if (t.pos === 'PRON' && /^(it|its|they|their|them|we|he|his|she|her|him)$/i.test(t.text)) {
      // "the Department says it is designating …": the pronoun is the one who says
      const verb = this.toks[t.head]!;
      if (verb.dep === 'ccomp' && SAY.test(this.toks[verb.head]!.lemma.toLowerCase())) {
        for (const s of this.kids(verb.head, 'nsubj')) out.push(...this.entities(s.i, depth + 1));
      }
      // otherwise the last entity of a fitting kind named before it in this sentence or the ones before
      if (!out.length) {
        const person = /^(he|his|she|her|him)$/i.test(t.text);
        const before = [...this.ctx.spans]
          .filter((x) => x.via !== 'pronoun' && this.ctx.tokens[x.t1 - 1]!.end <= this.ctx.sentence.start + t.start)
          .map((x) => x.ent);
        const fits = (e: Ent): boolean => (person ? e.type === 'Actor' : e.type === 'Group' || e.type === 'State');
        const ent = [...this.recent, ...before].reverse().find(fits);
        if (ent) out.push({ ent, t0: 0, t1: 0, via: 'pronoun' });
      }
    } else if (QUANTITY.has(lower) || QUANTITY.has(t.text.toLowerCase())) {
      // "a series of attacks", "one of the groups"
      for (const p of this.kids(i, 'prep')) if (p.lemma === 'of') for (const o of this.kids(p.i, 'pobj')) out.push(...this.entities(o.i, depth + 1));
    } else {
      for (const a of this.kids(i, 'appos')) out.push(...this.entities(a.i, depth + 1));
      if (out.length === 0 && (TRANSPARENT.has(lower) || TRANSPARENT.has(t.text.toLowerCase()))) {
        // "X is a group that …", "X, a group working for …": the entity the noun describes
        if (t.dep === 'attr' || (t.dep === 'appos' && depth === 0)) out.push(...described(this, i));
        if (out.length === 0) {
          for (const m of this.kids(i, 'compound', 'amod', 'poss', 'nmod')) {
            const s = this.span(m.i);
            if (s) out.push(s);
          }
        }
        if (out.length === 0) {
          for (const p of this.kids(i, 'prep')) {
            const group = p.lemma === 'in' || p.lemma === 'at';
            if (p.lemma !== 'of' && p.lemma !== 'from' && !group) continue;
            for (const o of this.kids(p.i, 'pobj')) out.push(...this.entities(o.i, depth + 1).filter((s) => !group || s.ent.type === 'Group'));
          }
        }
        // "hackers working on behalf of the Chinese government": the principal stands for them
        if (out.length === 0) for (const v of this.kids(i, 'acl')) out.push(...verbRoles(this, v.i).principal.flatMap((k) => this.entities(k, depth + 1)));
      }
    }
    // examples of a class: "threats such as the Elderwood Group", "groups like Boko Haram", "actors including APT40"
    if (!own) {
      for (const p of this.kids(i, 'prep')) {
        const example = p.lemma === 'like' || p.lemma === 'including' || (p.lemma === 'as' && this.toks[p.i - 1]?.lemma === 'such');
        if (example) for (const o of this.kids(p.i, 'pobj')) out.push(...this.entities(o.i, depth + 1));
      }
    }
    // coordination: "Iran and Russia", "APT40, APT41 and APT31"
    for (const c of this.kids(i, 'conj')) out.push(...this.entities(c.i, depth + 1));
    return [...new Set(out)];
  }

  /** The noun a relative pronoun stands for ("the group, which …" → group). */
  relativeHead(i: number): number | undefined {
    let v = this.toks[i]!.head;
    for (let k = 0; k < 3; k++) {
      const t = this.toks[v]!;
      if (t.dep === 'relcl') return t.head;
      if (t.head === v) return undefined;
      v = t.head;
    }
    return undefined;
  }

  /** Whether a predicate is negated ("did not attack", "never carried out"). */
  negated(i: number): boolean {
    return this.kids(i, 'neg').length > 0 || this.kids(i, 'advmod').some((k) => k.lemma === 'never');
  }
}

interface Roles {
  subject: number[];
  object: number[];
  preps: Map<string, number[]>;
  principal: number[];
}

/** The objects of prepositions under token `i` (and under its direct objects), by preposition. */
function prepositions(f: Frame, i: number, into: Map<string, number[]>): void {
  for (const p of f.kids(i, 'prep', 'agent', 'dative')) {
    const key = p.dep === 'agent' ? 'by' : p.lemma.toLowerCase();
    for (const o of f.kids(p.i, 'pobj')) into.set(key, [...(into.get(key) ?? []), o.i]);
    // "on behalf of X", "in connection with X": a two-word preposition
    for (const o of f.kids(p.i, 'pobj')) {
      for (const q of f.kids(o.i, 'prep'))
        for (const oo of f.kids(q.i, 'pobj')) {
          const k2 = `${key} ${o.lemma.toLowerCase()} ${q.lemma.toLowerCase()}`;
          into.set(k2, [...(into.get(k2) ?? []), oo.i]);
        }
    }
  }
  for (const pc of f.kids(i, 'prepc', 'pcomp')) for (const o of f.kids(pc.i, 'pobj')) into.set(pc.lemma, [...(into.get(pc.lemma) ?? []), o.i]);
}

/** The subject a verb has, or shares with the verb it hangs from. */
function subjectsOf(f: Frame, v: number, depth = 0): { subject: number[]; passiveSubject: number[] } {
  const t = f.toks[v]!;
  const subject = f.kids(v, ...SUBJECT).map((k) => k.i);
  const passiveSubject = f.kids(v, ...PASSIVE_SUBJECT).map((k) => k.i);
  if (subject.length || passiveSubject.length || depth > 3) return { subject, passiveSubject };
  // "… hacked the network and stole data": a coordinated verb shares the subject
  // "sought to attack", "is believed to be behind": the subject of the verb it depends on
  // "… , imposing sanctions on X": a participle clause shares the subject of its verb
  if ((t.dep === 'conj' || t.dep === 'xcomp' || (t.dep === 'advcl' && t.tag === 'VBG')) && t.head !== v) {
    const up = subjectsOf(f, t.head, depth + 1);
    // "X was believed to be behind": the raised passive subject is the doer of the complement,
    // unless the complement is passive too ("X are set to be banned by Y": X is banned)
    if (t.dep === 'xcomp' && up.passiveSubject.length) {
      return f.kids(v, 'auxpass').length ? { subject: [], passiveSubject: up.passiveSubject } : { subject: up.passiveSubject, passiveSubject: [] };
    }
    // "the explosions killed two people and were later attributed to X": a passive verb's shared subject is its patient
    if (t.dep === 'conj' && f.kids(v, 'auxpass').length && up.subject.length && !up.passiveSubject.length) return { subject: [], passiveSubject: up.subject };
    return up;
  }
  // "X was arrested for acting as an agent of Y", "police charged X with spying", "X admitted to
  // spying": a gerund after a preposition is done by whom its verb is about
  if (t.dep === 'pcomp' && t.tag === 'VBG') {
    const prep = f.toks[t.head]!;
    if (prep.pos === 'ADP' && prep.head !== prep.i) {
      // "pleaded guilty to providing", "faces charges of conspiring": through the adjective or noun to its verb
      let v = f.toks[prep.head]!;
      for (let k = 0; k < 2 && v.pos !== 'VERB' && v.pos !== 'AUX' && ['acomp', 'dobj', 'attr'].includes(v.dep) && v.head !== v.i; k++) v = f.toks[v.head]!;
      const up = subjectsOf(f, v.i, depth + 1);
      const object = v.i === prep.head ? f.kids(v.i, 'dobj').map((k) => k.i) : [];
      return { subject: up.passiveSubject.length ? up.passiveSubject : object.length ? object : up.subject, passiveSubject: [] };
    }
  }
  // "a group working for Iran", "the attack carried out by X": a participle modifies its subject (or object)
  if (t.dep === 'acl' || t.dep === 'relcl') {
    if (t.tag === 'VBN') return { subject: [], passiveSubject: [t.head] };
    if (t.dep === 'acl') return { subject: [t.head], passiveSubject: [] };
  }
  return { subject, passiveSubject };
}

function verbRoles(f: Frame, v: number): Roles {
  const t = f.toks[v]!;
  const { subject, passiveSubject } = subjectsOf(f, v);
  const preps = new Map<string, number[]>();
  prepositions(f, v, preps);
  // "the parcels sent by the couriers" is passive; "the first time that China has recruited agents" is not
  const reducedPassive =
    t.tag === 'VBN' && (t.dep === 'acl' || t.dep === 'relcl') && !f.kids(v, 'nsubj').length && !f.kids(v, 'aux').some((a) => a.lemma.toLowerCase() === 'have');
  const passive = passiveSubject.length > 0 || f.kids(v, 'auxpass').length > 0 || reducedPassive;
  const objects = f.kids(v, 'dobj', 'attr', 'oprd').map((k) => k.i);
  for (const o of objects) prepositions(f, o, preps);
  const role: Roles = { subject: [], object: [], preps, principal: [] };
  if (passive) {
    // "designated as a terrorist group by the US": the parser hangs the agent on the "as" noun
    const asBy = [...preps].find(([k]) => /^as \S+ by$/.test(k))?.[1];
    role.subject = preps.get('by') ?? asBy ?? [];
    role.object = [...passiveSubject, ...objects];
  } else {
    role.subject = subject;
    role.object = objects;
  }
  // "The UK, together with the US, exposed …", "alongside Canada", "in coordination with Estonia": the partners act too
  if (role.subject.length) {
    const up = ['conj', 'xcomp', 'advcl'].includes(t.dep) && t.head !== v ? coSubjects(f, t.head) : [];
    role.subject = [...role.subject, ...coSubjects(f, v), ...up];
  }
  // "acting on behalf of X", "at the direction of X", "under the control of X"
  for (const [k, objs] of preps) {
    const [, noun, of] = k.split(' ');
    if (noun && PRINCIPAL.has(noun) && (of === 'of' || of === 'from')) role.principal.push(...objs);
  }
  return role;
}

function coSubjects(f: Frame, v: number): number[] {
  const out: number[] = [];
  const objectsOf = (p: ParsedToken): number[] => f.kids(p.i, 'pobj').map((o) => o.i);
  for (const p of f.kids(v, 'prep')) {
    if (CO_PREPOSITIONS.has(p.lemma.toLowerCase())) out.push(...objectsOf(p));
    // "together with X", "jointly with X" with the adverb hanging from "with"
    if (p.lemma === 'with' && f.kids(p.i, 'advmod').some((a) => CO_ADVERBS.has(a.lemma.toLowerCase()))) out.push(...objectsOf(p));
    // "in coordination with X"
    for (const n of f.kids(p.i, 'pobj'))
      if (CO_NOUNS.has(n.lemma.toLowerCase())) for (const w of f.kids(n.i, 'prep')) if (w.lemma === 'with') out.push(...objectsOf(w));
  }
  for (const a of f.kids(v, 'advmod'))
    if (CO_ADVERBS.has(a.lemma.toLowerCase())) for (const w of f.kids(a.i, 'prep')) if (w.lemma === 'with') out.push(...objectsOf(w));
  // "is, jointly with the UK, imposing …": the adverb and "with" both hang from the verb
  if (f.kids(v, 'advmod').some((a) => CO_ADVERBS.has(a.lemma.toLowerCase())))
    for (const w of f.kids(v, 'prep')) if (w.lemma === 'with') out.push(...objectsOf(w));
  // "together with" may hang from the subject itself
  for (const s of f.kids(v, 'nsubj')) {
    for (const a of f.kids(s.i, 'advmod'))
      if (CO_ADVERBS.has(a.lemma.toLowerCase())) for (const w of f.kids(a.i, 'prep')) if (w.lemma === 'with') out.push(...objectsOf(w));
    for (const w of f.kids(s.i, 'prep'))
      if (w.lemma === 'with' && f.kids(w.i, 'advmod').some((a) => CO_ADVERBS.has(a.lemma.toLowerCase()))) out.push(...objectsOf(w));
  }
  return out;
}

function pick(f: Frame, roles: Roles, role: string): number[] {
  if (role === 'subject') return roles.subject;
  if (role === 'object') return roles.object;
  if (role === 'principal') return roles.principal;
  if (role.startsWith('prep:'))
    return role
      .slice(5)
      .split('|')
      .flatMap((p) => roles.preps.get(p) ?? [])
      .flatMap((i) => throughInvolvement(f, i));
  return [];
}

/** "accused X of involvement in the attacks": the involvement stands for what it is in. */
function throughInvolvement(f: Frame, i: number): number[] {
  const t = f.toks[i]!;
  if (f.span(i) || !INVOLVEMENT.has(t.lemma.toLowerCase())) return [i];
  const inner = f
    .kids(i, 'prep')
    .filter((p) => /^(in|for|behind|with|to)$/.test(p.lemma))
    .flatMap((p) => f.kids(p.i, 'pobj').map((o) => o.i));
  return inner.length ? inner : [i];
}

/** How sure the text is of a predicate: "believed to be behind", "accused of". */
function hedgeOf(f: Frame, v: number): Claim | undefined {
  let i = v;
  for (let k = 0; k < 4; k++) {
    const t = f.toks[i]!;
    const lemma = t.lemma.toLowerCase();
    if (k > 0 && ALLEGING.has(lemma)) return 'alleged';
    if (k > 0 && SUSPECTING.has(lemma)) return 'suspected';
    if (f.kids(i, 'advmod').some((a) => /^(allegedly|reportedly|likely|probably|possibly)$/i.test(a.text))) {
      return /^allegedly$/i.test(f.kids(i, 'advmod').find((a) => /^(allegedly|reportedly|likely|probably|possibly)$/i.test(a.text))!.text)
        ? 'alleged'
        : 'suspected';
    }
    if (!['xcomp', 'ccomp', 'conj', 'relcl', 'advcl'].includes(t.dep) || t.head === i) break;
    i = t.head;
  }
  return undefined;
}

function emit(out: RelFact[], ctx: SentenceCtx, link: Link, from: Span[], to: Span[], rule: string, claim?: Claim): void {
  for (const a of from)
    for (const b of to) {
      if (a.ent === b.ent || !relationEndsAllowed(link.type, a.ent.type, b.ent.type)) continue;
      if ((link.fromTypes && !link.fromTypes.includes(a.ent.type)) || (link.toTypes && !link.toTypes.includes(b.ent.type))) continue;
      const fact: RelFact = { type: link.type, from: a.ent, to: b.ent, sentence: ctx.sentence.index, rule, confidence: CONFIDENCE };
      const c = link.claim ?? claim;
      if (c) fact.claim = c;
      out.push(fact);
    }
}

/** Keys a verb is known by: its lemma, with its particle ("carry out"), or its object noun ("take place"). */
function verbKeys(f: Frame, v: number): string[] {
  const lemma = f.toks[v]!.lemma.toLowerCase();
  const keys = [lemma];
  for (const p of f.kids(v, 'prt')) keys.unshift(`${lemma} ${p.lemma.toLowerCase()}`);
  for (const o of f.kids(v, 'dobj')) if (o.lemma === 'place') keys.unshift(`${lemma} place`);
  return keys;
}

/** The entities a noun describes: "X is a member of", "X, a member of", "a member of Y, X". */
function described(f: Frame, n: number): Span[] {
  const t = f.toks[n]!;
  const out: Span[] = [];
  if (t.dep === 'attr' || t.dep === 'oprd') {
    const { subject, passiveSubject } = subjectsOf(f, t.head);
    for (const s of [...subject, ...passiveSubject]) out.push(...f.entities(s));
  }
  // "the Silver Fox militia, a … group": the name may sit in the head's compound before its kind noun
  const headName =
    f.span(t.head) ??
    f
      .kids(t.head, 'compound')
      .map((k) => f.span(k.i))
      .find((x) => x !== undefined);
  if (t.dep === 'appos' && headName) out.push(headName);
  for (const a of f.kids(n, 'appos')) if (f.span(a.i)) out.push(f.span(a.i)!);
  // "acting as an agent of X" (the subject), "designated X as a terrorist group" (the object)
  if (t.dep === 'pobj' && f.toks[t.head]!.lemma === 'as') {
    const verb = f.toks[t.head]!.head;
    const roles = verbRoles(f, verb);
    const who = roles.object.length ? roles.object : roles.subject;
    for (const w of who) out.push(...f.entities(w));
  }
  // "Hamas leader Ismail Haniyeh" is the name recogniser's job; "leader Haniyeh": compound
  return out;
}

/** Relations of one parsed sentence. */
export function syntaxRelations(f: Frame): RelFact[] {
  const { ctx, salientCase, recent } = f;
  if (ctx.spans.length + ctx.inner.length < (salientCase ? 1 : 2) && !recent.length) return [];
  const out: RelFact[] = [];
  for (const t of f.toks) {
    if (f.negated(t.i)) continue;
    if (t.pos === 'VERB' || t.pos === 'AUX') {
      const classes = verbKeys(f, t.i).flatMap((k) => VERBS.get(k) ?? []);
      if (!classes.length) continue;
      const roles = verbRoles(f, t.i);
      const claim = hedgeOf(f, t.i);
      for (const c of classes) {
        if (c.objectNouns && !f.kids(t.i, 'dobj').some((o) => c.objectNouns!.includes(o.lemma.toLowerCase()))) continue;
        for (const link of c.links) {
          const from = pick(f, roles, link.from).flatMap((i) => f.entities(i));
          const to = pick(f, roles, link.to).flatMap((i) => f.entities(i));
          emit(out, ctx, link, from, to, c.id, claim);
        }
      }
      caseWithPlace(f, ctx, roles, out);
    } else if (t.pos === 'ADJ') {
      const classes = ADJECTIVES.get(t.lemma.toLowerCase()) ?? [];
      if (!classes.length) continue;
      // "X was responsible for", "held X responsible for", "the group responsible for"
      const head = f.toks[t.head]!;
      let subjects: number[] = [];
      if (t.dep === 'acomp') subjects = subjectsOf(f, t.head).subject.concat(subjectsOf(f, t.head).passiveSubject);
      else if (t.dep === 'oprd' || t.dep === 'ccomp')
        subjects = f
          .kids(t.head, 'dobj')
          .map((k) => k.i)
          .concat(f.kids(t.i, 'nsubj').map((k) => k.i));
      else if (t.dep === 'amod') subjects = [head.i];
      const preps = new Map<string, number[]>();
      prepositions(f, t.i, preps);
      const roles: Roles = { subject: subjects, object: [], preps, principal: [] };
      const claim = hedgeOf(f, t.head);
      for (const c of classes)
        for (const link of c.links) {
          emit(
            out,
            ctx,
            link,
            pick(f, roles, link.from).flatMap((i) => f.entities(i)),
            pick(f, roles, link.to).flatMap((i) => f.entities(i)),
            c.id,
            claim,
          );
        }
    } else if (t.pos === 'NOUN' || t.pos === 'PROPN') {
      const classes = NOUNS.get(t.lemma.toLowerCase()) ?? [];
      if (classes.length) nounRelations(f, ctx, t, classes, out);
      groupIn(f, ctx, t, out);
      sponsoredBy(f, ctx, t, out);
    }
  }
  return out;
}

/** "X's attack on Y", "the designation of Y by X", "X, a member of Y". */
function nounRelations(f: Frame, ctx: SentenceCtx, t: ParsedToken, classes: PredicateClass[], out: RelFact[]): void {
  const preps = new Map<string, number[]>();
  prepositions(f, t.i, preps);
  const self = f.span(t.i);
  const possessor = [
    ...f.kids(t.i, 'poss').map((k) => k.i),
    ...(preps.get('by') ?? []),
    // "the Russian attack", "a Hamas attack": a demonym or name right before the noun (inside a
    // case's own name the case finder has already read its modifiers as doer or victim)
    ...f
      .kids(t.i, 'amod', 'compound', 'nmod')
      .filter((k) => f.span(k.i) && f.span(k.i) !== self && !self)
      .map((k) => k.i),
  ];
  // "the Treasury imposed sanctions on X", "State announced the designation of X": the
  // subject of a light verb is the noun's doer
  const governor = f.toks[t.head]!;
  if (f.negated(governor.i)) return;
  const light = (t.dep === 'dobj' || t.dep === 'nsubjpass') && LIGHT_VERBS.has(governor.lemma.toLowerCase());
  if (possessor.length === 0 && light) possessor.push(...verbRoles(f, governor.i).subject);
  // "imposed sanctions today on X": the parse may hang the noun's complement on the light verb
  if (light) {
    const verbPreps = new Map<string, number[]>();
    prepositions(f, governor.i, verbPreps);
    for (const [prep, objs] of verbPreps) if (!preps.has(prep)) preps.set(prep, objs);
  }
  // "a U.S.-designated terrorist organization": a State joined to a participle is no base (sponsoredBy reads it)
  const joined = (k: number): boolean =>
    (f.toks[k + 1]?.text === '-' && JOINED_PARTICIPLE.test(f.toks[k + 2]?.text ?? '')) || JOINED_PARTICIPLE.test(f.toks[k]!.text.split('-').at(-1)!);
  const modifiers = f
    .kids(t.i, 'amod', 'compound', 'nmod', 'poss')
    .filter((k) => f.span(k.i) && f.span(k.i) !== self && !joined(k.i))
    .map((k) => k.i);
  const claim = hedgeOf(f, t.head);
  // "Navalny's poisoning": a person owns what was done to them ("Smith's killing of his wife": Smith did it)
  const victimOwns = VICTIM_HEAD.test(t.text.toLowerCase()) && !preps.has('of');
  const owners = possessor.flatMap((i) => f.entities(i));
  const victims = victimOwns ? f.kids(t.i, 'poss').flatMap((k) => f.entities(k.i).filter((s) => s.ent.type === 'Actor')) : [];
  if (self && victims.length) emit(out, ctx, { type: 'TARGETED', from: 'self', to: 'possessor' }, [self], victims, 'syn-owner-victim', claim);
  for (const c of classes)
    for (const link of c.links) {
      const side = (role: string): Span[] => {
        if (role === 'self') return self ? [self] : [];
        if (role === 'modifier') return modifiers.flatMap((i) => f.entities(i));
        if (role === 'possessor') return owners.filter((s) => !victims.some((v) => v.ent === s.ent));
        if (role === 'described') return described(f, t.i);
        if (role === 'of')
          return (preps.get('of') ?? []).concat(preps.get('at') ?? [], preps.get('for') ?? [], preps.get('in') ?? []).flatMap((i) => f.entities(i));
        if (role.startsWith('complement:'))
          return role
            .slice(11)
            .split('|')
            .flatMap((p) => preps.get(p) ?? [])
            .flatMap((i) => f.entities(i));
        return [];
      };
      // a noun that is not itself a case links its possessor to its complement directly
      // ("Russia's attacks on Ukraine" with no Case named: Russia TARGETED Ukraine)
      if (link.from === 'self' && !self) continue;
      if (link.to === 'self' && !self) {
        if (link.type === 'RESPONSIBLE_FOR') {
          const target = c.links.find((l) => l.type === 'TARGETED');
          if (target) emit(out, ctx, { type: 'TARGETED', from: 'possessor', to: target.to }, side('possessor'), side(target.to), c.id, claim);
        }
        continue;
      }
      emit(out, ctx, link, side(link.from), side(link.to), c.id, claim);
    }
}

/**
 * "Lazarus Group, a DPRK state-sponsored hacking group", "a Russian government-funded
 * paramilitary company": the State before a sponsorship word supports (or, "-controlled",
 * uses as a proxy) the group the noun describes (ONTOLOGY.md: "state-sponsored" is SUPPORTS).
 */
function sponsoredBy(f: Frame, ctx: SentenceCtx, t: ParsedToken, out: RelFact[]): void {
  const mods = f.kids(t.i, 'amod', 'compound', 'nmod', 'npadvmod');
  designatedBy(f, ctx, t, mods, out);
  const sponsor = mods.find(
    (m) =>
      /(?:^|-)(?:sponsored|funded|backed|financed|controlled|directed|run)$/i.test(m.text) ||
      /^(?:state|government)-?(?:sponsored|funded|backed|controlled)$/i.test(m.text),
  );
  if (!sponsor) return;
  // "a U.S.-designated North Korean state-sponsored group": the designating State sponsors nothing
  const states = mods.flatMap((m) => (f.span(m.i) && !DESIGNATION.test(designationWord(f, m)) ? [f.span(m.i)!] : [])).filter((x) => x.ent.type === 'State');
  if (!states.length) return;
  const described0 = described(f, t.i).filter((x) => x.ent.type === 'Group');
  if (!described0.length) return;
  const type = /controlled|directed|run$/i.test(sponsor.text) ? 'USES_PROXY' : 'SUPPORTS';
  emit(out, ctx, { type, from: 'x', to: 'y' }, states, described0, 'syn-state-sponsored');
}

const DESIGNATION = /^(?:designated|sanctioned|proscribed|listed|banned)$/i;
/** The word a name is hyphen-joined to: "EU", "-", "sanctioned" or one token "U.S.-designated". */
const designationWord = (f: Frame, m: ParsedToken): string =>
  f.toks[m.i + 1]?.text === '-' ? (f.toks[m.i + 2]?.text ?? '') : m.text.includes('-') ? m.text.split('-').at(-1)! : '';

/**
 * "Hezbollah, a U.S.-designated terrorist organization", "the EU-sanctioned Wagner Group": the
 * State or body joined to a designation word opposes the group (ONTOLOGY.md: designations are OPPOSES).
 */
function designatedBy(f: Frame, ctx: SentenceCtx, t: ParsedToken, mods: ParsedToken[], out: RelFact[]): void {
  const by = [...mods, ...mods.flatMap((m) => f.kids(m.i, 'npadvmod', 'compound', 'nmod', 'amod'))]
    .filter((m) => f.span(m.i) && DESIGNATION.test(designationWord(f, m)))
    .map((m) => f.span(m.i)!)
    .filter((x) => x.ent.type === 'State' || x.ent.type === 'Group');
  if (!by.length) return;
  // the group is the noun's own name ("the EU-sanctioned Wagner Group", "the … Amber Wolf network") or the one it describes
  const own = [f.span(t.i), ...f.kids(t.i, 'compound').map((k) => f.span(k.i))].find((x) => x?.ent.type === 'Group' && !by.includes(x));
  const groups = own ? [own] : described(f, t.i).filter((x) => x.ent.type === 'Group');
  emit(out, ctx, { type: 'OPPOSES', from: 'x', to: 'y' }, by, groups, 'syn-x-designated');
}

/** "Houthi militants in Yemen", "a security institute in the United States": a group is where the text puts it. */
function groupIn(f: Frame, ctx: SentenceCtx, t: ParsedToken, out: RelFact[]): void {
  const ins = f.kids(t.i, 'prep').filter((p) => p.lemma === 'in' || p.lemma === 'inside');
  if (!ins.length) return;
  const groups = f.entities(t.i).filter((s) => s.ent.type === 'Group');
  // only the last token of the group's own mention, or a noun standing for it
  if (!groups.length || (f.span(t.i) && f.span(t.i)!.ent.type !== 'Group')) return;
  const places = ins
    .flatMap((p) => f.kids(p.i, 'pobj'))
    .flatMap((o) => f.entities(o.i))
    .filter((s) => s.ent.type === 'State' && s.via === 'name');
  emit(out, ctx, { type: 'LOCATED_IN', from: 'x', to: 'y' }, groups, places, 'syn-group-in');
}

/** A case that a verb's subject or object names happened where the verb says ("… attacked the depot in Leipzig"). */
function caseWithPlace(f: Frame, ctx: SentenceCtx, roles: Roles, out: RelFact[]): void {
  const cases = [...roles.subject, ...roles.object].flatMap((i) => f.entities(i)).filter((s) => s.ent.type === 'Case');
  if (!cases.length) return;
  const places = ['in', 'at', 'near', 'across']
    .flatMap((p) => roles.preps.get(p) ?? [])
    .flatMap((i) => f.entities(i))
    .filter((s) => s.ent.type === 'Place' || (s.ent.type === 'State' && s.via !== 'demonym'));
  emit(out, ctx, { type: 'OCCURRED_IN', from: 'x', to: 'y' }, cases, places, 'syn-case-in-place');
}

/**
 * Classes of people a State or group recruits, pays or uses ("the GRU hired so-called
 * disposable agents", "Iran's use of criminal gangs") become Groups named by the text's
 * own noun phrase (ONTOLOGY.md), so "the couriers, who started the fires" can be tied to
 * the fires. Later mentions of the same phrase in the document are the same Group.
 * Runs before syntaxRelations, on the same parse.
 */
export function proxyClassSpans(ctx: SentenceCtx, parse: ParsedSentence, reg: Registry, known: Set<Ent>): void {
  const f = new Frame(ctx, parse);
  const phraseOf = (n: ParsedToken): { a: number; b: number; text: string } | undefined => {
    if (f.span(n.i) || n.pos !== 'NOUN' || !n.tag.endsWith('S') || !PROXY_PEOPLE.has(n.lemma.toLowerCase())) return undefined;
    // modifiers before the noun that are words of the class, not names or determiners ("disposable", "drug")
    let a = n.i;
    for (let k = n.i - 1; k >= 0; k--) {
      const m = f.toks[k]!;
      if (m.head !== n.i && f.toks[m.head]?.head !== n.i) break;
      if (
        !['amod', 'compound', 'nmod'].includes(m.dep) ||
        f.span(k) ||
        !/^[a-z]/.test(m.text) ||
        /^(so|call|called|alleged|suspected|several|many|other|such|more|some|these|those)$/.test(m.text.toLowerCase())
      )
        break;
      a = k;
    }
    // "men", "people", "nationals" alone name no class: "local men", "Ukrainian nationals" do, without the demonym
    if (a === n.i && GENERIC_PEOPLE.test(n.lemma)) return undefined;
    const s0 = f.toks[a]!.start;
    return { a: s0, b: n.end, text: ctx.sentence.text.slice(s0, n.end) };
  };
  const mark = (n: ParsedToken, ent?: Ent): void => {
    const p = phraseOf(n);
    if (!p) return;
    const base = ctx.sentence.start;
    const t0 = ctx.tokens.findIndex((t) => t.start >= base + p.a);
    let t1 = t0;
    while (t1 < ctx.tokens.length && ctx.tokens[t1]!.end <= base + p.b) t1++;
    if (t0 < 0 || t1 <= t0) return;
    const group = ent ?? reg.get('Group', p.text, { kind: /crimin|gang|traffick|smuggl|dealer|thug|crook/.test(p.text) ? 'criminal' : 'other' });
    known.add(group);
    addSpan(ctx, { ent: group, t0, t1, via: 'cue' });
  };
  for (const t of f.toks) {
    const lemma = t.lemma.toLowerCase();
    if ((t.pos === 'VERB' && PROXY_VERBS.has(lemma)) || (t.pos === 'NOUN' && PROXY_NOUNS.has(lemma))) {
      const roles = t.pos === 'VERB' ? verbRoles(f, t.i) : undefined;
      const doers = roles ? roles.subject.flatMap((i) => f.entities(i)) : f.kids(t.i, 'poss').flatMap((k) => f.entities(k.i));
      if (!doers.some((d) => d.ent.type === 'State' || d.ent.type === 'Group')) continue;
      const objects = roles
        ? roles.object
        : f
            .kids(t.i, 'prep')
            .filter((p) => p.lemma === 'of')
            .flatMap((p) => f.kids(p.i, 'pobj').map((o) => o.i));
      for (const o of objects) for (const n of [f.toks[o]!, ...f.kids(o, 'conj')]) mark(n);
    }
  }
  // "the couriers" again: a class already named in this document
  for (const t of f.toks) {
    const p = phraseOf(t);
    if (!p) continue;
    // the same phrase, or the same head noun when one class has it ("the agents" for "disposable agents")
    const sameHead = [...known].filter((k) => k.name.split(' ').at(-1) === p.text.split(' ').at(-1));
    const ent = reg.find('Group', p.text) ?? (sameHead.length === 1 ? sameHead[0] : undefined);
    if (ent && known.has(ent)) mark(t, ent);
  }
}

/** Whether a sentence names a class of people that may be a proxy ("the couriers"): worth parsing with one mention. */
const PEOPLE_WORD = new RegExp(`\\b(?:${[...PROXY_PEOPLE].map((w) => w.replace(/y$/, '(?:y|ie)')).join('|')})s\\b`, 'i');
export const mentionsPeopleClass = (sentence: string): boolean => PEOPLE_WORD.test(sentence);

/** The predicate classes, for tests and documentation. */
export const predicateClasses = (): Array<Pick<PredicateClass, 'id' | 'reason' | 'example'>> =>
  [...lexicon.verbs, ...lexicon.adjectives, ...lexicon.nouns].map(({ id, reason, example }) => ({ id, reason, example }));

/** Lemmas of the verbs whose subject is RESPONSIBLE_FOR their object ("carry out", "orchestrate"). */
export const perpetrationLemmas = (): string[] =>
  lexicon.verbs.filter((c) => c.links.some((l) => l.type === 'RESPONSIBLE_FOR' && l.from === 'subject' && l.to === 'object')).flatMap((c) => c.lemmas);

export type { Ent };

/**
 * "Estonian officials concluded that the Grey Heron unit carried out the bombing": the
 * subject of an assessing verb investigates both ends of each RESPONSIBLE_FOR fact that its
 * clause gives (`facts`: this sentence's relations from every layer).
 */
export function attributionsBy(f: Frame, facts: ReadonlyArray<Pick<RelFact, 'type' | 'from' | 'to' | 'sentence'>>): RelFact[] {
  const { ctx } = f;
  const made = facts.filter((x) => x.type === 'RESPONSIBLE_FOR' && x.sentence === ctx.sentence.index);
  if (!made.length) return [];
  const out: RelFact[] = [];
  for (const t of f.toks) {
    if (t.pos !== 'VERB' || !ASSESSING.has(t.lemma.toLowerCase()) || f.negated(t.i)) continue;
    const clauses = f.kids(t.i, 'ccomp');
    if (!clauses.length) continue;
    const inClause = new Set<Ent>();
    for (const c of clauses) for (const i of subtree(f, c.i)) for (const span of f.entities(i)) inClause.add(span.ent);
    const assessors = verbRoles(f, t.i).subject.flatMap((i) => f.entities(i));
    for (const fact of made) {
      if (!inClause.has(fact.from) && !inClause.has(fact.to)) continue;
      const ends = [fact.from, fact.to].map((ent) => ({ ent, t0: 0, t1: 0, via: 'name' as const }));
      emit(out, ctx, { type: 'INVESTIGATES', from: 'subject', to: 'object' }, assessors, ends, 'syn-assessed');
    }
  }
  return out;
}

function subtree(f: Frame, i: number): number[] {
  const out = [i];
  for (let k = 0; k < out.length && k < 200; k++) for (const c of f.kids(out[k]!)) out.push(c.i);
  return out;
}
