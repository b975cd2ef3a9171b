// Expansion by choice: what an entity's neighbourhood holds, counted by relation type, entity
// type and direction before anything is drawn, and the choice of which neighbours to add (the
// N most confident of the chosen kinds). What a choice or a cap leaves out is always counted.
import { ENTITY_TYPES } from '../../ontology.js';
import type { EntitySummary, RelationSummary, Subgraph } from './documents.js';
import { h } from './dom.js';
import { TYPE_STYLE } from './style.js';

export type ExpandDirection = 'OUT' | 'IN' | 'BOTH';

export interface ExpandChoice {
  relationTypes: string[] | null;
  entityTypes: string[] | null;
  direction: ExpandDirection;
  /** The next this many neighbours not on the canvas yet, most confident first. */
  limit: number;
}

/** One neighbour of the centre, as the candidates show it. */
export interface Neighbour {
  entity: EntitySummary;
  /** The centre's links to it: relation type and direction seen from the centre. */
  links: { type: string; direction: 'OUT' | 'IN'; confidence: number }[];
}

export interface Candidates {
  centre: EntitySummary;
  neighbours: Neighbour[];
  edges: RelationSummary[];
  /** The centre's links the API counts (filters applied) but the node cap kept out, if any. */
  unfetchedLinks: number;
}

export function candidatesOf(id: string, subgraph: Subgraph, totalLinks: number | null, entityTypesNarrowed: boolean): Candidates | null {
  const centre = subgraph.nodes.find((n) => n.id === id);
  if (!centre) return null;
  const byId = new Map(subgraph.nodes.map((n) => [n.id, n]));
  const neighbours = new Map<string, Neighbour>();
  let fetched = 0;
  for (const edge of subgraph.edges) {
    const out = edge.source.id === id;
    if (!out && edge.target.id !== id) continue;
    fetched++;
    const other = byId.get(out ? edge.target.id : edge.source.id);
    if (!other || other.id === id) continue;
    const n = neighbours.get(other.id) ?? { entity: other, links: [] };
    n.links.push({ type: edge.type, direction: out ? 'OUT' : 'IN', confidence: edge.confidence });
    neighbours.set(other.id, n);
  }
  // The count of the centre's links is exact only when no entity type was left out.
  const unfetchedLinks = totalLinks !== null && !entityTypesNarrowed ? Math.max(0, totalLinks - fetched) : 0;
  return { centre, neighbours: [...neighbours.values()], edges: subgraph.edges, unfetchedLinks };
}

function matches(n: Neighbour, choice: ExpandChoice): { type: string; direction: 'OUT' | 'IN'; confidence: number }[] {
  if (choice.entityTypes && !choice.entityTypes.includes(n.entity.type)) return [];
  return n.links.filter(
    (l) => (!choice.relationTypes || choice.relationTypes.includes(l.type)) && (choice.direction === 'BOTH' || l.direction === choice.direction),
  );
}

export interface ChoiceResult {
  /** Neighbours to add, most confident first. */
  chosen: Neighbour[];
  /** Neighbours that fit the choice and are not on the canvas, but are over the limit. */
  overLimit: Neighbour[];
  /** Neighbours that fit the choice and are on the canvas already. */
  present: number;
}

export function applyChoice(candidates: Candidates, choice: ExpandChoice, onCanvas: (id: string) => boolean): ChoiceResult {
  const fitting = candidates.neighbours.map((n) => ({ n, links: matches(n, choice) })).filter((x) => x.links.length > 0);
  const absent = fitting
    .filter((x) => !onCanvas(x.n.entity.id))
    .sort(
      (a, b) =>
        Math.max(...b.links.map((l) => l.confidence)) - Math.max(...a.links.map((l) => l.confidence)) ||
        b.n.entity.mentionCount - a.n.entity.mentionCount ||
        a.n.entity.id.localeCompare(b.n.entity.id),
    );
  return {
    chosen: absent.slice(0, choice.limit).map((x) => x.n),
    overLimit: absent.slice(choice.limit).map((x) => x.n),
    present: fitting.length - absent.length,
  };
}

/** "50 Groups, 26 Cases": neighbours counted by entity type. */
export function countByType(neighbours: readonly Neighbour[]): string {
  const counts = new Map<string, number>();
  for (const n of neighbours) counts.set(n.entity.type, (counts.get(n.entity.type) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([type, count]) => `${count} ${type}${count === 1 ? '' : 's'}`)
    .join(', ');
}

/** The expansion panel: counts per relation type, entity type and direction, then Expand. */
export function expandPanel(candidates: Candidates, onCanvas: (id: string) => boolean, run: (choice: ExpandChoice) => void, cancel: () => void): HTMLElement {
  const relationCounts = new Map<string, Set<string>>();
  const typeCounts = new Map<string, number>();
  const directionCounts = { OUT: new Set<string>(), IN: new Set<string>() };
  for (const n of candidates.neighbours) {
    typeCounts.set(n.entity.type, (typeCounts.get(n.entity.type) ?? 0) + 1);
    for (const l of n.links) {
      relationCounts.set(l.type, (relationCounts.get(l.type) ?? new Set()).add(n.entity.id));
      directionCounts[l.direction].add(n.entity.id);
    }
  }
  const box = (group: string, value: string, label: string | Node, count: number) => {
    const input = h('input', { type: 'checkbox', name: group, value, checked: true, id: `expand-${group}-${value}` });
    return { input, element: h('label', { class: 'check', for: input.id }, input, ' ', label, h('span', { class: 'count' }, ` ${count}`)) };
  };
  const relations = [...relationCounts.entries()].sort((a, b) => b[1].size - a[1].size).map(([type, ids]) => box('rel', type, type, ids.size));
  const types = ENTITY_TYPES.filter((t) => typeCounts.has(t)).map((t) =>
    box('type', t, h('span', { style: `color:${TYPE_STYLE[t].colour}` }, t), typeCounts.get(t)!),
  );
  const direction = h(
    'select',
    { id: 'expand-direction' },
    h('option', { value: 'BOTH' }, `both directions (${candidates.neighbours.length})`),
    h('option', { value: 'OUT' }, `outgoing (${directionCounts.OUT.size})`),
    h('option', { value: 'IN' }, `incoming (${directionCounts.IN.size})`),
  );
  const limit = h('input', { type: 'number', id: 'expand-limit', min: '1', max: '500', value: '25' });
  const preview = h('p', { id: 'expand-preview', class: 'muted', role: 'status' });
  const read = (): ExpandChoice | { error: string } => {
    const n = Number(limit.value);
    if (!Number.isInteger(n) || n < 1 || n > 500) return { error: 'How many: a whole number from 1 to 500.' };
    return {
      relationTypes: relations.filter((r) => r.input.checked).map((r) => r.input.value),
      entityTypes: types.filter((t) => t.input.checked).map((t) => t.input.value),
      direction: direction.value as ExpandDirection,
      limit: n,
    };
  };
  const update = () => {
    const choice = read();
    if ('error' in choice) {
      preview.textContent = choice.error;
      return;
    }
    const result = applyChoice(candidates, choice, onCanvas);
    preview.textContent =
      `Adds ${result.chosen.length} (${countByType(result.chosen) || 'none'})` +
      (result.overLimit.length ? `; leaves out ${result.overLimit.length} over the limit (${countByType(result.overLimit)})` : '') +
      (result.present ? `; ${result.present} already on the canvas` : '') +
      '.';
  };
  for (const control of [...relations, ...types].map((c) => c.input)) control.addEventListener('change', update);
  direction.addEventListener('change', update);
  limit.addEventListener('input', update);
  update();
  const go = h(
    'button',
    {
      type: 'button',
      id: 'expand-run',
      onclick: () => {
        const choice = read();
        if ('error' in choice) preview.textContent = choice.error;
        else run(choice);
      },
    },
    'Expand',
  );
  return h(
    'article',
    { class: 'panel', 'data-panel': 'expand', 'aria-label': `Expand ${candidates.centre.name}` },
    h('h2', { tabindex: '-1' }, `Expand ${candidates.centre.name}`),
    h(
      'p',
      { class: 'muted' },
      `${candidates.neighbours.length} neighbours pass the filters` +
        (candidates.unfetchedLinks ? `; ${candidates.unfetchedLinks} more links are beyond the API's 500-entity neighbourhood and not counted here` : '') +
        '.',
    ),
    h('fieldset', {}, h('legend', {}, 'Relation types (neighbours)'), ...relations.map((r) => r.element)),
    h('fieldset', {}, h('legend', {}, 'Entity types'), ...types.map((t) => t.element)),
    h('div', { class: 'field' }, h('label', { for: 'expand-direction' }, 'Direction'), direction),
    h('div', { class: 'field' }, h('label', { for: 'expand-limit' }, 'How many, most confident first'), limit),
    preview,
    h('div', { class: 'row' }, go, h('button', { type: 'button', onclick: cancel }, 'Cancel')),
  );
}
