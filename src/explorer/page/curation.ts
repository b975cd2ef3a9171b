// Curation from the canvas (the `analyst` role): on an entity's panel, add an alias, merge it
// into another entity on the canvas (undone by splitting the merge), or link it to another
// entity with a note. The API does the work; main.ts redraws.
import { RELATION_TYPES } from '../../ontology.js';
import { h } from './dom.js';

export interface CurationActions {
  addAlias(alias: string): void;
  mergeInto(keepId: string): void;
  link(type: string, otherId: string, outgoing: boolean, note: string): void;
}

/** The curation block of an entity panel; `others` are the other entities on the canvas. */
export function curationBlock(
  entity: { id: string; name: string; type: string },
  others: readonly { id: string; name: string; type: string }[],
  actions: CurationActions,
): HTMLElement {
  const alias = h('input', { id: 'curate-alias', type: 'text', maxlength: '200', placeholder: `Another name for ${entity.name}` });
  const sameType = others.filter((o) => o.type === entity.type);
  const keep = h(
    'select',
    { id: 'curate-merge-into' },
    ...(sameType.length ? sameType.map((o) => h('option', { value: o.id }, o.name)) : [h('option', { value: '' }, `no other ${entity.type} on the canvas`)]),
  );
  const type = h('select', { id: 'curate-link-type' }, ...RELATION_TYPES.map((t) => h('option', { value: t }, t)));
  const direction = h(
    'select',
    { id: 'curate-link-direction' },
    h('option', { value: 'out' }, `${entity.name} → other`),
    h('option', { value: 'in' }, `other → ${entity.name}`),
  );
  const other = h('select', { id: 'curate-link-other' }, ...others.map((o) => h('option', { value: o.id }, `${o.name} (${o.type})`)));
  const note = h('input', { id: 'curate-link-note', type: 'text', maxlength: '2000', placeholder: 'Why (kept as the link’s note and evidence)' });
  return h(
    'details',
    { class: 'curate' },
    h('summary', {}, 'Curate'),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'curate-alias' }, 'Add an alias'),
      h('div', { class: 'row' }, alias, h('button', { type: 'button', id: 'curate-alias-add', onclick: () => actions.addAlias(alias.value.trim()) }, 'Add')),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'curate-merge-into' }, `Merge ${entity.name} into`),
      h(
        'div',
        { class: 'row' },
        keep,
        h('button', { type: 'button', id: 'curate-merge', disabled: !sameType.length, onclick: () => actions.mergeInto(keep.value) }, 'Merge'),
      ),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'curate-link-type' }, 'Add a link'),
      direction,
      type,
      other,
      note,
      h(
        'button',
        {
          type: 'button',
          id: 'curate-link-add',
          disabled: !others.length,
          onclick: () => actions.link(type.value, other.value, direction.value === 'out', note.value.trim()),
        },
        'Add link',
      ),
    ),
  );
}
