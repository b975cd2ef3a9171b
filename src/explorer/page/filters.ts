// The filter controls: entity types, relation types, minimum confidence, date range and
// rejected links. They apply to the whole canvas and to every later expansion.
import { ENTITY_TYPES } from '../../ontology.js';
import { h } from './dom.js';
import { TYPE_STYLE } from './style.js';
import { defaultFilters, FILTER_RELATION_TYPES, type Filters } from './view-state.js';

export interface FilterControls {
  element: HTMLElement;
  read(): Filters;
  write(filters: Filters): void;
}

export function filterControls(onChange: () => void): FilterControls {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, 250);
  };
  const checkbox = (group: string, value: string, label: string | Node) => {
    const input = h('input', { type: 'checkbox', name: group, value, id: `filter-${group}-${value}` });
    input.addEventListener('change', changed);
    return { input, element: h('label', { class: 'check', for: input.id }, input, ' ', label) };
  };
  const types = ENTITY_TYPES.map((type) => checkbox('type', type, h('span', { style: `color:${TYPE_STYLE[type].colour}` }, type)));
  const relations = FILTER_RELATION_TYPES.map((type) => checkbox('rel', type, type === 'ASSOCIATED_WITH' ? 'ASSOCIATED_WITH (same sentence)' : type));
  const confidence = h('input', { type: 'range', id: 'filter-confidence', min: '0', max: '1', step: '0.05', value: '0' });
  const confidenceOut = h('output', { for: 'filter-confidence', id: 'filter-confidence-value' }, '0.00');
  confidence.addEventListener('input', () => {
    confidenceOut.textContent = Number(confidence.value).toFixed(2);
    changed();
  });
  const since = h('input', { type: 'date', id: 'filter-since' });
  const until = h('input', { type: 'date', id: 'filter-until' });
  since.addEventListener('change', changed);
  until.addEventListener('change', changed);
  const rejected = checkbox('status', 'rejected', 'Show rejected links');
  const reset = h('button', { type: 'button', id: 'filter-reset' }, 'Reset filters');

  const controls: FilterControls = {
    element: h(
      'div',
      { class: 'filters' },
      h('fieldset', {}, h('legend', {}, 'Entity types'), ...types.map((t) => t.element)),
      h('fieldset', {}, h('legend', {}, 'Relation types'), ...relations.map((r) => r.element)),
      h('div', { class: 'field' }, h('label', { for: 'filter-confidence' }, 'Minimum confidence '), confidenceOut, confidence),
      h('div', { class: 'field two' }, h('label', { for: 'filter-since' }, 'Seen from'), since, h('label', { for: 'filter-until' }, 'to'), until),
      rejected.element,
      reset,
    ),
    read() {
      return {
        entityTypes: types.filter((t) => t.input.checked).map((t) => t.input.value) as Filters['entityTypes'],
        relationTypes: relations.filter((r) => r.input.checked).map((r) => r.input.value),
        minConfidence: Number(confidence.value) || 0,
        since: since.value,
        until: until.value,
        includeRejected: rejected.input.checked,
      };
    },
    write(filters) {
      for (const t of types) t.input.checked = (filters.entityTypes as string[]).includes(t.input.value);
      for (const r of relations) r.input.checked = filters.relationTypes.includes(r.input.value);
      confidence.value = String(filters.minConfidence);
      confidenceOut.textContent = filters.minConfidence.toFixed(2);
      since.value = filters.since;
      until.value = filters.until;
      rejected.input.checked = filters.includeRejected;
    },
  };
  reset.addEventListener('click', () => {
    controls.write(defaultFilters());
    changed();
  });
  return controls;
}
