// Relations a trained classifier reads off the dependency path between two mentions.
//
// The hand-written rules (rules.ts, syntax.ts) fire where a pattern someone wrote down
// matches; most gold links between two entities of one sentence are phrased some other way.
// This layer describes every ordered pair of mentions in a parsed sentence by features of
// the parse (the path of dependency labels and lemmas from one to the other, the word that
// governs both, each end's role, the words between, the types at the ends) and scores them
// with a multinomial logistic regression trained on the corpus's train split
// (scripts/train-relations.ts writes the features, python/train_relations.py fits the model
// into data/models/relation-classifier.json). A feature counts only if it occurs in two or
// more training documents, the same bar a hand-written rule must pass. The ontology's end
// types keep every link honest, as they do for the rules.
import { readFileSync } from 'node:fs';
import { RELATION_TYPES, relationEndsAllowed, type RelationType } from '../../ontology.js';
import type { Ent, Span } from '../model.js';
import type { ParsedToken } from '../parser/types.js';
import type { RelFact } from './apply.js';
import type { Frame } from './syntax.js';

/** One ordered pair of entities in a sentence, described for the classifier. */
export interface PairCandidate {
  from: Ent;
  to: Ent;
  sentence: number;
  features: string[];
}

/** The trained model: per feature, a weight for each class (sparse), and a bias per class. */
export interface RelationModel {
  /** 'NONE' and relation types, in the order of `bias` */
  classes: string[];
  bias: number[];
  /** feature → { class index → weight } */
  weights: Record<string, Record<string, number>>;
  /** a link is kept when its class's probability reaches this */
  threshold: number;
  /** adds links only between entities the rules left unlinked */
  onlyNewPairs?: boolean;
  about?: Record<string, unknown>;
}

const MAX_PATH = 6; // longer paths say little that the words between do not
const NO_PATH = 99; // two mentions the parse does not join (a parse of two roots)

/** The tokens of each entity mention, and the one that heads them in the parse. */
function mentionHeads(f: Frame): Map<Span, number> {
  const tokensOf = new Map<Span, number[]>();
  f.toks.forEach((t, i) => {
    const s = f.span(i);
    if (s) tokensOf.set(s, [...(tokensOf.get(s) ?? []), i]);
  });
  const heads = new Map<Span, number>();
  for (const [s, idx] of tokensOf) {
    const inside = new Set(idx);
    heads.set(s, idx.find((i) => f.toks[i]!.head === i || !inside.has(f.toks[i]!.head)) ?? idx[0]!);
  }
  return heads;
}

function ancestors(toks: ParsedToken[], i: number): number[] {
  const chain = [i];
  for (let k = i; toks[k]!.head !== k && chain.length < 60; k = toks[k]!.head) chain.push(toks[k]!.head);
  return chain;
}

// names and numbers by their tag, so that a feature says how a sentence links, not whom
const word = (t: ParsedToken): string => (t.pos === 'PROPN' || t.pos === 'NUM' ? t.pos : t.lemma.toLowerCase());

/** Features of the path from mention head `a` to mention head `b`, and its length in edges (capped at MAX_PATH + 1). */
function pathFeatures(f: Frame, a: number, b: number, types: string): { features: string[]; edges: number } {
  const toks = f.toks;
  const up = ancestors(toks, a);
  const down = ancestors(toks, b);
  const lcaAt = up.findIndex((i) => down.includes(i));
  if (lcaAt < 0) return { features: [`nolca|${types}`], edges: NO_PATH };
  const lca = up[lcaAt]!;
  const upPath = up.slice(0, lcaAt + 1); // a … lca
  const downPath = down.slice(0, down.indexOf(lca)).reverse(); // below lca … b
  const edges = Math.min(upPath.length - 1 + downPath.length, MAX_PATH + 1);
  const out: string[] = [`len|${edges}`];
  const lcaTok = toks[lca]!;
  const lcaWord = lca === a || lca === b ? 'END' : word(lcaTok);
  out.push(`lca|${lcaWord}|${types}`, `lca|${lcaWord}`, `lcapos|${lcaTok.pos}|${types}`);
  const da = toks[a]!.dep;
  const db = toks[b]!.dep;
  out.push(`da|${da}|${types}`, `db|${db}|${types}`, `dab|${da}|${db}|${types}`);
  if (edges > MAX_PATH) return { features: [...out, `long|${types}`], edges };
  // the path as labels, up from a (^) and down to b (v): "nsubj^vdobj"; then with the words it
  // passes through: "nsubj^ claim vdobj"
  const labels: string[] = [];
  const lexical: string[] = [];
  for (let k = 0; k < upPath.length - 1; k++) {
    const t = toks[upPath[k]!]!;
    labels.push(`${t.dep}^`);
    lexical.push(`${t.dep}^`, k + 1 < upPath.length - 1 ? word(toks[upPath[k + 1]!]!) : '');
  }
  if (lca !== a && lca !== b) lexical.push(lcaWord);
  for (const i of downPath) {
    const t = toks[i]!;
    labels.push(`v${t.dep}`);
    lexical.push(`v${t.dep}`, i !== b ? word(t) : '');
  }
  const labelPath = labels.join('');
  const lexPath = lexical.filter(Boolean).join(' ');
  out.push(`dp|${labelPath}|${types}`, `lp|${lexPath}`, `lp|${lexPath}|${types}`);
  // every word the path passes through, and whether a negation hangs off it
  for (const i of [...upPath.slice(1), ...downPath.slice(0, -1)]) {
    if (i === a || i === b) continue;
    const t = toks[i]!;
    out.push(`w|${word(t)}|${types}`, `w|${word(t)}`);
    if (f.kids(i, 'neg').length) out.push('neg');
  }
  return { features: out, edges };
}

/** Every ordered pair of two entities named in a parsed sentence, with its features. */
export function pairCandidates(f: Frame): PairCandidate[] {
  const heads = mentionHeads(f);
  const spans = [...heads.keys()];
  // an entity named twice in a sentence is read where it sits nearest to the other
  const best = new Map<string, { a: Span; b: Span; features: string[]; edges: number }>();
  for (const a of spans) {
    for (const b of spans) {
      if (a.ent === b.ent) continue;
      const possible = RELATION_TYPES.some((t) => relationEndsAllowed(t, a.ent.type, b.ent.type));
      if (!possible) continue;
      const types = `${a.ent.type}>${b.ent.type}`;
      const ha = heads.get(a)!;
      const hb = heads.get(b)!;
      const path = pathFeatures(f, ha, hb, types);
      const features = [`t|${types}`, ...path.features];
      const kindA = a.ent.kind ?? '-';
      const kindB = b.ent.kind ?? '-';
      features.push(`k|${kindA}>${kindB}|${types}`, `va|${a.via}`, `vb|${b.via}`);
      const aFirst = a.t0 < b.t0;
      features.push(`ord|${aFirst ? 'ab' : 'ba'}|${types}`);
      const nested = (a.t0 >= b.t0 && a.t1 <= b.t1) || (b.t0 >= a.t0 && b.t1 <= a.t1);
      if (nested) features.push(`nest|${a.t1 - a.t0 < b.t1 - b.t0 ? 'a-in-b' : 'b-in-a'}|${types}`);
      // the words between the two mentions, when they are few
      const [l, r] = aFirst ? [a, b] : [b, a];
      const between = f.ctx.tokens.slice(l.t1, r.t0).filter((t) => t.word);
      if (between.length <= 8) {
        for (const t of between) features.push(`b|${t.key}`, `b|${t.key}|${types}`);
        if (between.length === 0) features.push(`adjacent|${types}`);
      } else features.push(`far|${types}`);
      const key = `${a.ent.id}>${b.ent.id}`;
      const prev = best.get(key);
      if (!prev || path.edges < prev.edges) best.set(key, { a, b, features, edges: path.edges });
    }
  }
  return [...best.values()].map(({ a, b, features }) => ({ from: a.ent, to: b.ent, sentence: f.ctx.sentence.index, features }));
}

/** The class probabilities of one candidate (softmax of the linear scores). */
export function classProbabilities(model: RelationModel, features: readonly string[]): number[] {
  const scores = [...model.bias];
  for (const feature of new Set(features)) {
    const w = model.weights[feature];
    if (!w) continue;
    for (const k in w) scores[Number(k)]! += w[k]!;
  }
  const top = Math.max(...scores);
  const exps = scores.map((s) => Math.exp(s - top));
  const sum = exps.reduce((x, y) => x + y, 0);
  return exps.map((e) => e / sum);
}

/** The links the model is sure enough of, among the types the ontology allows at the ends. */
export function learnedRelations(candidates: readonly PairCandidate[], model: RelationModel, ruleFacts: readonly RelFact[] = []): RelFact[] {
  const linked = new Set(ruleFacts.flatMap((f) => [`${f.from.id}>${f.to.id}`, `${f.to.id}>${f.from.id}`]));
  const out: RelFact[] = [];
  for (const c of candidates) {
    if (model.onlyNewPairs && linked.has(`${c.from.id}>${c.to.id}`)) continue;
    const p = classProbabilities(model, c.features);
    let bestK = -1;
    for (let k = 0; k < p.length; k++) {
      const type = model.classes[k]!;
      if (type === 'NONE' || !relationEndsAllowed(type as RelationType, c.from.type, c.to.type)) continue;
      if (bestK < 0 || p[k]! > p[bestK]!) bestK = k;
    }
    // likely enough, and likelier than no relation at all (python/train_relations.py decides the same way)
    const none = p[model.classes.indexOf('NONE')]!;
    if (bestK < 0 || p[bestK]! < model.threshold || p[bestK]! <= none) continue;
    const confidence = Math.round(Math.min(0.9, p[bestK]!) * 100) / 100;
    out.push({ type: model.classes[bestK] as RelationType, from: c.from, to: c.to, sentence: c.sentence, rule: 'learned-path', confidence });
  }
  return out;
}

/** A model read from JSON, checked field by field; `file` names it in errors. */
export function parseRelationModel(json: string, file: string): RelationModel {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw new Error(`[extract] ${file}: not JSON (${(error as Error).message})`);
  }
  const m = raw as Partial<RelationModel>;
  const bad = (field: string, why: string): never => {
    throw new Error(`[extract] ${file}: ${field} ${why}`);
  };
  if (!m || typeof m !== 'object') bad('model', 'must be an object');
  if (!Array.isArray(m.classes) || !m.classes.includes('NONE')) bad('classes', "must be a list that holds 'NONE'");
  for (const c of m.classes!)
    if (c !== 'NONE' && !(RELATION_TYPES as readonly string[]).includes(c)) bad('classes', `holds ${JSON.stringify(c)}, not a relation type`);
  if (!Array.isArray(m.bias) || m.bias.length !== m.classes!.length || !m.bias.every(Number.isFinite)) bad('bias', 'must hold one number per class');
  if (typeof m.threshold !== 'number' || !(m.threshold > 0 && m.threshold <= 1)) bad('threshold', 'must be a number in (0, 1]');
  if (!m.weights || typeof m.weights !== 'object') bad('weights', 'must be an object of feature → { class: weight }');
  for (const [feature, w] of Object.entries(m.weights!)) {
    for (const [k, v] of Object.entries(w)) {
      if (!(Number(k) >= 0 && Number(k) < m.classes!.length) || !Number.isFinite(v))
        bad(`weights[${JSON.stringify(feature)}]`, `has ${k}: ${String(v)}, not a class index and a number`);
    }
  }
  return m as RelationModel;
}

const SHIPPED = new URL('../../../data/models/relation-classifier.json', import.meta.url);
let loaded: RelationModel | undefined;
/** The model shipped in data/models, read once. */
export function shippedRelationModel(): RelationModel {
  loaded ??= parseRelationModel(readFileSync(SHIPPED, 'utf8'), 'data/models/relation-classifier.json');
  return loaded;
}
