// The current view in the URL's hash, so a link shows a colleague the same canvas:
// which entities are on it, which were expanded, the path asked for, the pattern run,
// the filters and the selection. Bad values in a link are reported, never guessed.
import { ENTITY_TYPES, GRAPH_RELATION_TYPES, RELATION_TYPES, isEntityType, type EntityType } from '../../ontology.js';
import { PATH_STRATEGIES, type PathStrategy } from './documents.js';
import type { ExpandChoice } from './expand-choice.js';

export const FILTER_RELATION_TYPES: readonly string[] = GRAPH_RELATION_TYPES;
const DEFAULT_RELATION_TYPES: readonly string[] = RELATION_TYPES;

export interface Filters {
  entityTypes: EntityType[];
  relationTypes: string[];
  minConfidence: number;
  since: string;
  until: string;
  includeRejected: boolean;
}

export interface PathRequest {
  from: string;
  to: string;
  strategy: PathStrategy;
  maxHops: number;
  excludeHubs: boolean;
}

export interface ViewState {
  /** Entities put on the canvas without their neighbours. */
  seeds: string[];
  /** Entities whose neighbours are on the canvas. */
  expanded: string[];
  /** How an expanded entity was expanded when the analyst chose (default: all, up to the cap). */
  choices: Record<string, ExpandChoice>;
  /** The saved workspace the canvas is, while unchanged since it was opened. */
  workspace: string | null;
  path: PathRequest | null;
  pattern: { name: string; variables: Record<string, unknown> } | null;
  /** The selected entity or relation id. */
  selected: string | null;
  filters: Filters;
}

export function defaultFilters(): Filters {
  return { entityTypes: [...ENTITY_TYPES], relationTypes: [...DEFAULT_RELATION_TYPES], minConfidence: 0, since: '', until: '', includeRejected: false };
}

export function emptyView(): ViewState {
  return { seeds: [], expanded: [], choices: {}, workspace: null, path: null, pattern: null, selected: null, filters: defaultFilters() };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function encodeView(view: ViewState): string {
  const params = new URLSearchParams();
  if (view.expanded.length) params.set('x', view.expanded.join(','));
  if (view.seeds.length) params.set('n', view.seeds.join(','));
  if (Object.keys(view.choices).length) params.set('xc', JSON.stringify(view.choices));
  if (view.workspace) params.set('ws', view.workspace);
  if (view.path) {
    const { from, to, strategy, maxHops, excludeHubs } = view.path;
    params.set('path', [from, to].join(','));
    params.set('strategy', strategy);
    params.set('hops', String(maxHops));
    if (excludeHubs) params.set('hubs', 'exclude');
  }
  if (view.pattern) {
    params.set('pattern', view.pattern.name);
    if (Object.keys(view.pattern.variables).length) params.set('vars', JSON.stringify(view.pattern.variables));
  }
  const f = view.filters;
  const defaults = defaultFilters();
  if (f.entityTypes.join(',') !== defaults.entityTypes.join(',')) params.set('types', f.entityTypes.join(','));
  if (f.relationTypes.join(',') !== defaults.relationTypes.join(',')) params.set('rels', f.relationTypes.join(','));
  if (f.minConfidence > 0) params.set('conf', String(f.minConfidence));
  if (f.since) params.set('since', f.since);
  if (f.until) params.set('until', f.until);
  if (f.includeRejected) params.set('rejected', '1');
  if (view.selected) params.set('sel', view.selected);
  const text = params.toString();
  return text ? `#${text}` : '';
}

/** Reads a hash; `problems` names every part that was ignored and why. */
export function decodeView(hash: string): { view: ViewState; problems: string[] } {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const view = emptyView();
  const problems: string[] = [];
  const ids = (key: string) =>
    (params.get(key) ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .slice(0, 500);
  view.expanded = ids('x');
  view.seeds = ids('n').filter((id) => !view.expanded.includes(id));
  view.workspace = params.get('ws');
  const choices = params.get('xc');
  if (choices !== null) {
    const parsed = readChoices(choices);
    if (typeof parsed === 'string') problems.push(parsed);
    else view.choices = parsed;
  }

  const path = params.get('path');
  if (path !== null) {
    const [from, to] = path.split(',').map((s) => s.trim());
    const strategy = params.get('strategy') ?? 'SHORTEST';
    const hops = Number(params.get('hops') ?? 4);
    if (!from || !to) problems.push(`the link's path "${path}" needs two entity ids separated by a comma`);
    else if (!(PATH_STRATEGIES as readonly string[]).includes(strategy))
      problems.push(`the link's path strategy "${strategy}" is not one of ${PATH_STRATEGIES.join(', ')}`);
    else if (!Number.isInteger(hops) || hops < 1 || hops > 6) problems.push(`the link's path length "${params.get('hops')}" is not a whole number from 1 to 6`);
    else view.path = { from, to, strategy: strategy as PathStrategy, maxHops: hops, excludeHubs: params.get('hubs') === 'exclude' };
  }

  const pattern = params.get('pattern');
  if (pattern !== null) {
    let variables: Record<string, unknown> = {};
    const raw = params.get('vars');
    let ok = true;
    if (raw) {
      try {
        const parsed: unknown = JSON.parse(raw);
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) variables = parsed as Record<string, unknown>;
        else ok = false;
      } catch {
        ok = false;
      }
    }
    if (!ok) problems.push(`the link's pattern variables are not a JSON object`);
    else view.pattern = { name: pattern, variables };
  }

  const types = params.get('types');
  if (types !== null) {
    const list = types.split(',').filter(Boolean);
    const bad = list.filter((t) => !isEntityType(t));
    if (bad.length) problems.push(`the link's entity types ${bad.map((b) => `"${b}"`).join(', ')} are not ${ENTITY_TYPES.join(', ')}`);
    view.filters.entityTypes = list.filter(isEntityType);
  }
  const rels = params.get('rels');
  if (rels !== null) {
    const list = rels.split(',').filter(Boolean);
    const bad = list.filter((t) => !FILTER_RELATION_TYPES.includes(t));
    if (bad.length) problems.push(`the link's relation types ${bad.map((b) => `"${b}"`).join(', ')} are unknown`);
    view.filters.relationTypes = list.filter((t) => FILTER_RELATION_TYPES.includes(t));
  }
  const conf = params.get('conf');
  if (conf !== null) {
    const value = Number(conf);
    if (!(value >= 0 && value <= 1)) problems.push(`the link's minimum confidence "${conf}" is not a number from 0 to 1`);
    else view.filters.minConfidence = value;
  }
  for (const key of ['since', 'until'] as const) {
    const value = params.get(key);
    if (value === null) continue;
    if (!ISO_DATE.test(value)) problems.push(`the link's ${key} date "${value}" is not yyyy-mm-dd`);
    else view.filters[key] = value;
  }
  view.filters.includeRejected = params.get('rejected') === '1';
  view.selected = params.get('sel');
  return { view, problems };
}

/** The link's expansion choices (`xc`): a JSON object from entity id to its choice. */
function readChoices(text: string): Record<string, ExpandChoice> | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return `the link's expansion choices are not JSON`;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return `the link's expansion choices are not a JSON object`;
  const choices: Record<string, ExpandChoice> = {};
  for (const [id, value] of Object.entries(parsed as Record<string, Partial<ExpandChoice>>)) {
    const list = (x: unknown) => x === null || (Array.isArray(x) && x.every((t) => typeof t === 'string'));
    if (
      !value ||
      !list(value.relationTypes ?? null) ||
      !list(value.entityTypes ?? null) ||
      !['OUT', 'IN', 'BOTH'].includes(String(value.direction)) ||
      !Number.isInteger(value.limit) ||
      value.limit! < 1 ||
      value.limit! > 500
    ) {
      return `the link's expansion choice for "${id}" needs relationTypes, entityTypes, direction OUT/IN/BOTH and a limit from 1 to 500`;
    }
    choices[id] = { relationTypes: value.relationTypes ?? null, entityTypes: value.entityTypes ?? null, direction: value.direction!, limit: value.limit! };
  }
  return choices;
}
