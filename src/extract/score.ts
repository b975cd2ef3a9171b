// Extraction scoring exactly as ONTOLOGY.md says (and as ../shared/tools/score.mjs
// computes it): entities matched on type and gold name or alias, relations strict on
// (source, type, target) and relaxed on the unordered pair; micro-averaged.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ENTITY_TYPES } from '../ontology.js';

export interface GoldDoc {
  id?: string;
  title?: string;
  text: string;
  published?: string;
  entities: Array<{ name: string; type: string; aliases?: string[] }>;
  relations: Array<{ source: string; type: string; target: string }>;
}
/** The gold documents of a folder, in file-name order; a file without an id is named by its file, as the reference scorer does. */
export function readGoldDocs(dir: string): GoldDoc[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const doc = JSON.parse(readFileSync(join(dir, f), 'utf8')) as GoldDoc;
      return { ...doc, id: doc.id ?? basename(f, '.json') };
    });
}

export interface PredDoc {
  id: string;
  entities: Array<{ name: string; type: string }>;
  relations: Array<{ source: string; type: string; target: string }>;
}
interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
export interface Prf extends Counts {
  p: number;
  r: number;
  f1: number;
}
export interface Scores {
  docs: number;
  missingDocs: number;
  entities: Record<string, Prf>;
  relationsStrict: Prf;
  relationsRelaxed: Prf;
  relationsByType: Record<string, Prf>;
  errors: string[];
}

export const normName = (s: unknown): string =>
  String(s ?? '')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’'`"“”‘]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/^the /, '');

const zero = (): Counts => ({ tp: 0, fp: 0, fn: 0 });
const round = (x: number): number => +x.toFixed(3);
const prf = ({ tp, fp, fn }: Counts): Prf => {
  const p = tp + fp ? tp / (tp + fp) : 0;
  const r = tp + fn ? tp / (tp + fn) : 0;
  return { p: round(p), r: round(r), f1: round(p + r ? (2 * p * r) / (p + r) : 0), tp, fp, fn };
};

export function scoreDocuments(gold: GoldDoc[], predictions: PredDoc[], verbose = false): Scores {
  const TYPES: readonly string[] = ENTITY_TYPES;
  const preds = new Map(predictions.map((p) => [String(p.id), p]));
  const ent: Record<string, Counts> = Object.fromEntries([...TYPES, 'all', 'untyped'].map((t) => [t, zero()]));
  const relStrict = zero();
  const relRelaxed = zero();
  const relByType: Record<string, Counts> = {};
  const errors: string[] = [];
  let missingDocs = 0;

  for (const g of gold) {
    const id = String(g.id);
    const p = preds.get(id);
    if (!p) missingDocs++;
    const pents = p?.entities ?? [];
    const prels = p?.relations ?? [];
    const gents = g.entities.map((e, i) => ({ i, type: e.type, names: new Set([e.name, ...(e.aliases ?? [])].map(normName)) }));
    const lookup = (name: string, type?: string) => gents.filter((e) => e.names.has(normName(name)) && (type == null || e.type === type));

    const seen = new Set<string>();
    const matched = new Set<number>();
    for (const e of pents) {
      const key = normName(e.name) + '|' + e.type;
      if (!e.name || seen.has(key)) continue;
      seen.add(key);
      const t = TYPES.includes(e.type) ? e.type : null;
      const cands = lookup(e.name, e.type).filter((c) => !matched.has(c.i));
      if (cands.length) {
        matched.add(cands[0]!.i);
        ent.all!.tp++;
        if (t) ent[t]!.tp++;
      } else {
        ent.all!.fp++;
        if (t) ent[t]!.fp++;
        if (verbose) errors.push(`${id}  FP entity  ${e.type}:${e.name}`);
      }
    }
    for (const ge of gents) {
      if (!matched.has(ge.i)) {
        ent.all!.fn++;
        if (ent[ge.type]) ent[ge.type]!.fn++;
        if (verbose) errors.push(`${id}  FN entity  ${ge.type}:${g.entities[ge.i]!.name}`);
      }
    }
    const seenU = new Set<string>();
    const matchedU = new Set<number>();
    for (const e of pents) {
      const key = normName(e.name);
      if (!key || seenU.has(key)) continue;
      seenU.add(key);
      const c = lookup(e.name).filter((x) => !matchedU.has(x.i));
      if (c.length) {
        matchedU.add(c[0]!.i);
        ent.untyped!.tp++;
      } else ent.untyped!.fp++;
    }
    ent.untyped!.fn += gents.length - matchedU.size;

    const gname = (name: string): number | null => {
      const c = lookup(name);
      return c.length ? c[0]!.i : null;
    };
    const gStrict = new Set(g.relations.map((r) => `${gname(r.source)}|${r.type}|${gname(r.target)}`));
    const gPairs = new Set(g.relations.map((r) => [gname(r.source), gname(r.target)].map(String).sort().join('~')));
    const pStrict = new Set<string>();
    const pPairs = new Set<string>();
    for (const r of prels) {
      if (r.type === 'ASSOCIATED_WITH' || r.type === 'MENTIONED_IN') continue;
      const s = gname(r.source);
      const t = gname(r.target);
      const k = `${s ?? 'x:' + normName(r.source)}|${r.type}|${t ?? 'x:' + normName(r.target)}`;
      if (pStrict.has(k)) continue;
      pStrict.add(k);
      const byType = (relByType[r.type] ??= zero());
      if (s != null && t != null && gStrict.has(`${s}|${r.type}|${t}`)) {
        relStrict.tp++;
        byType.tp++;
      } else {
        relStrict.fp++;
        byType.fp++;
        if (verbose) errors.push(`${id}  FP rel  ${r.source} -${r.type}-> ${r.target}`);
      }
      if (s != null && t != null) {
        const pk = [s, t].map(String).sort().join('~');
        if (!pPairs.has(pk)) {
          pPairs.add(pk);
          if (gPairs.has(pk)) relRelaxed.tp++;
          else relRelaxed.fp++;
        }
      } else relRelaxed.fp++;
    }
    for (const r of g.relations) {
      const k = `${gname(r.source)}|${r.type}|${gname(r.target)}`;
      if (!pStrict.has(k)) {
        relStrict.fn++;
        (relByType[r.type] ??= zero()).fn++;
        if (verbose) errors.push(`${id}  FN rel  ${r.source} -${r.type}-> ${r.target}`);
      }
    }
    relRelaxed.fn += [...gPairs].filter((k) => !pPairs.has(k)).length;
  }
  return {
    docs: gold.length,
    missingDocs,
    entities: Object.fromEntries(Object.entries(ent).map(([k, v]) => [k, prf(v)])),
    relationsStrict: prf(relStrict),
    relationsRelaxed: prf(relRelaxed),
    relationsByType: Object.fromEntries(Object.entries(relByType).map(([k, v]) => [k, prf(v)])),
    errors,
  };
}

export function formatScores(s: Scores): string {
  const lines = [`docs ${s.docs} (no prediction for ${s.missingDocs})`];
  for (const [k, v] of Object.entries(s.entities)) lines.push(`entities ${k.padEnd(8)} P ${v.p} R ${v.r} F1 ${v.f1}  (tp ${v.tp} fp ${v.fp} fn ${v.fn})`);
  for (const [k, v] of Object.entries(s.relationsByType))
    lines.push(`relation ${k.padEnd(16)} P ${v.p} R ${v.r} F1 ${v.f1}  (tp ${v.tp} fp ${v.fp} fn ${v.fn})`);
  const st = s.relationsStrict;
  const rl = s.relationsRelaxed;
  lines.push(`relations strict  P ${st.p} R ${st.r} F1 ${st.f1}`);
  lines.push(`relations relaxed P ${rl.p} R ${rl.r} F1 ${rl.f1}`);
  lines.push(`summary entityF1=${s.entities.all!.f1} relationF1=${st.f1} relaxedF1=${rl.f1}`);
  return lines.join('\n');
}
