// Saved investigations (queries/*.graphql, listed by GET /queries): a form for the
// operation's variables, then the result drawn on the canvas. Any entity or relation the
// result contains is drawn, wherever it sits in the result, so a new query needs no code.
import { Kind, parse, print, valueFromASTUntyped, visit, type FieldNode, type OperationDefinitionNode, type SelectionSetNode, type TypeNode } from 'graphql';
import { isEntityType } from '../../ontology.js';
import { errorMessage, gql } from './api.js';
import { loadByIds, type EntitySummary, type RelationSummary } from './documents.js';
import { clear, h } from './dom.js';
import { EntitySuggest } from './suggest.js';

export interface SavedQuery {
  name: string;
  description: string;
  text: string;
}

interface Variable {
  name: string;
  /** The named type under any list / non-null wrappers. */
  typeName: string;
  list: boolean;
  required: boolean;
  defaultValue: unknown;
}

export interface PatternResult {
  entities: EntitySummary[];
  relations: RelationSummary[];
}

/** Loads the list of saved queries from the server. */
export async function loadSavedQueries(): Promise<SavedQuery[]> {
  let response: Response;
  try {
    response = await fetch('/queries', { headers: { accept: 'application/json' } });
  } catch {
    throw new Error('Cannot reach the ThreatGraph server to list the saved investigations.');
  }
  if (!response.ok) throw new Error(`Listing the saved investigations failed (HTTP ${response.status}).`);
  const body = (await response.json()) as { queries?: SavedQuery[] };
  return body.queries ?? [];
}

/** The operation's variables; throws with the parser's message when the file is not valid GraphQL. */
export function variablesOf(query: SavedQuery): { operation: OperationDefinitionNode; variables: Variable[]; comments: Record<string, unknown> } {
  let document;
  try {
    document = parse(query.text);
  } catch (error) {
    throw new Error(`The saved query ${query.name} is not valid GraphQL: ${errorMessage(error)}`);
  }
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation) throw new Error(`The saved query ${query.name} has no operation`);
  const variables = (operation.variableDefinitions ?? []).map((definition) => {
    let type: TypeNode = definition.type;
    const required = type.kind === Kind.NON_NULL_TYPE;
    let list = false;
    while (type.kind !== Kind.NAMED_TYPE) {
      if (type.kind === Kind.LIST_TYPE) list = true;
      type = type.type;
    }
    return {
      name: definition.variable.name.value,
      typeName: type.name.value,
      list,
      required: required && !definition.defaultValue,
      defaultValue: definition.defaultValue ? valueFromASTUntyped(definition.defaultValue) : undefined,
    };
  });
  // A `# variables: {...}` comment line gives example values (e.g. which entity to start from).
  let comments: Record<string, unknown> = {};
  const line = /^#\s*variables:\s*(\{.*\})\s*$/im.exec(query.text);
  if (line?.[1]) {
    try {
      comments = JSON.parse(line[1]) as Record<string, unknown>;
    } catch {
      comments = {};
    }
  }
  return { operation, variables, comments };
}

export interface VariableForm {
  element: HTMLElement;
  /** The values entered, or an error naming the first missing or malformed one. */
  read(): { values: Record<string, unknown> } | { error: string };
}

/** A labelled input per variable: entity search for IDs, numbers, checkboxes, comma lists, JSON for input objects. */
export function variableForm(query: SavedQuery, initial: Record<string, unknown>, report: (m: string, k: 'error' | 'info') => void): VariableForm {
  const { variables, comments } = variablesOf(query);
  const readers: (() => { name: string; value: unknown } | { error: string } | null)[] = [];
  const fields = variables.map((variable) => {
    const id = `pattern-var-${variable.name}`;
    const start = initial[variable.name] ?? comments[variable.name] ?? variable.defaultValue;
    const label = h(
      'label',
      { for: id },
      `${variable.name}${variable.required ? ' *' : ''}`,
      h('span', { class: 'muted' }, ` ${variable.list ? `[${variable.typeName}]` : variable.typeName}`),
    );
    const scalar = ['ID', 'String', 'Int', 'Float', 'Boolean'].includes(variable.typeName) || /Type$|Strategy$|Direction$|Kind$/.test(variable.typeName);
    if (variable.typeName === 'Boolean' && !variable.list) {
      const box = h('input', { id, type: 'checkbox' });
      box.checked = start === true;
      readers.push(() => ({ name: variable.name, value: box.checked }));
      return h('div', { class: 'field inline' }, box, label);
    }
    if (variable.typeName === 'ID' && !variable.list) {
      const input = h('input', { id, type: 'text', placeholder: 'search an entity' });
      const wrap = h('div', { class: 'field combo' }, label, input);
      const suggest = new EntitySuggest({ input, onChoose: () => undefined, report });
      let startId = typeof start === 'string' ? start : '';
      input.value = startId;
      input.addEventListener('input', () => {
        startId = '';
      });
      readers.push(() => {
        const value = suggest.chosen?.id ?? (startId || input.value.trim());
        if (!value) return variable.required ? { error: `Choose an entity for ${variable.name}.` } : null;
        return { name: variable.name, value };
      });
      return wrap;
    }
    const input = scalar
      ? h('input', {
          id,
          type: variable.typeName === 'Int' || variable.typeName === 'Float' ? 'number' : 'text',
          step: variable.typeName === 'Float' ? 'any' : undefined,
        })
      : h('textarea', { id, rows: '3', placeholder: 'JSON' });
    if (start !== undefined) input.value = scalar ? (Array.isArray(start) ? start.join(', ') : String(start)) : JSON.stringify(start);
    readers.push(() => {
      const raw = input.value.trim();
      if (!raw) return variable.required ? { error: `Fill in ${variable.name}.` } : null;
      if (!scalar) {
        try {
          return { name: variable.name, value: JSON.parse(raw) as unknown };
        } catch {
          return { error: `${variable.name} must be JSON (${variable.typeName}).` };
        }
      }
      const convert = (text: string): unknown => {
        if (variable.typeName === 'Int' || variable.typeName === 'Float') {
          const n = Number(text);
          if (!Number.isFinite(n) || (variable.typeName === 'Int' && !Number.isInteger(n)))
            throw new Error(`${variable.name} must be ${variable.typeName === 'Int' ? 'a whole number' : 'a number'}.`);
          return n;
        }
        return text;
      };
      try {
        const value = variable.list
          ? raw
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean)
              .map(convert)
          : convert(raw);
        return { name: variable.name, value };
      } catch (error) {
        return { error: errorMessage(error) };
      }
    });
    return h('div', { class: 'field' }, label, input);
  });
  return {
    element: h('div', { class: 'pattern-vars' }, ...fields),
    read() {
      const values: Record<string, unknown> = {};
      for (const reader of readers) {
        const result = reader();
        if (result === null) continue;
        if ('error' in result) return { error: result.error };
        values[result.name] = result.value;
      }
      return { values };
    },
  };
}

/** Runs a saved query and gathers every entity and relation in its result, completing partial ones. */
export async function runPattern(query: SavedQuery, variables: Record<string, unknown>): Promise<PatternResult> {
  const data = await gql<unknown>(withTypenames(query.text), variables);
  const entities = new Map<string, Partial<EntitySummary> & { id: string }>();
  const relations = new Set<string>();
  const walk = (value: unknown, depth: number) => {
    if (depth > 20 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) walk(item, depth + 1);
      return;
    }
    const o = value as Record<string, unknown>;
    if (typeof o.id === 'string') {
      if (o.id.startsWith('r_')) relations.add(o.id);
      else if (isEntityType(o.type) || isEntityType(o.__typename)) entities.set(o.id, { ...entities.get(o.id), ...(o as Partial<EntitySummary>), id: o.id });
    }
    for (const child of Object.values(o)) walk(child, depth + 1);
  };
  walk(data, 0);
  // Relations are fetched whole (with both ends); entities only when the query left fields out.
  const complete = new Map<string, EntitySummary>();
  for (const [id, e] of entities) {
    if (typeof e.name === 'string' && isEntityType(e.type) && typeof e.mentionCount === 'number') complete.set(id, e as EntitySummary);
  }
  const missing = [...entities.keys()].filter((id) => !complete.has(id));
  const fetched = await loadByIds(missing, [...relations]);
  const relationList: RelationSummary[] = [];
  for (const [id, entity] of fetched.entities) if (entity) complete.set(id, entity);
  for (const relation of fetched.relations.values()) {
    if (!relation) continue;
    complete.set(relation.source.id, relation.source);
    complete.set(relation.target.id, relation.target);
    relationList.push(relation);
  }
  return { entities: [...complete.values()], relations: relationList };
}

const TYPENAME: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };

/** The query with `__typename` in every selection, so entities are recognised wherever they appear. */
function withTypenames(text: string): string {
  const document = visit(parse(text), {
    SelectionSet(node: SelectionSetNode) {
      if (node.selections.some((s) => s.kind === Kind.FIELD && s.name.value === '__typename')) return undefined;
      return { ...node, selections: [...node.selections, TYPENAME] };
    },
  });
  return print(document);
}

/** Renders the saved-query picker into `container`; `onRun` draws the result. */
export function patternSection(
  container: HTMLElement,
  report: (message: string, kind: 'error' | 'info') => void,
  onRun: (query: SavedQuery, variables: Record<string, unknown>) => Promise<void>,
): { load(): Promise<void>; run(name: string, variables: Record<string, unknown>): Promise<void> } {
  let queries: SavedQuery[] = [];
  let form: VariableForm | null = null;
  const select = h('select', { id: 'pattern-select' });
  const description = h('p', { class: 'muted', id: 'pattern-description' });
  const vars = h('div', {});
  const run = h('button', { type: 'button', id: 'pattern-run' }, 'Run pattern');
  clear(container);
  container.append(h('label', { for: 'pattern-select' }, 'Saved investigation'), select, description, vars, run);

  const show = (name: string, initial: Record<string, unknown>) => {
    const query = queries.find((q) => q.name === name);
    clear(vars);
    form = null;
    description.textContent = query?.description ?? '';
    if (!query) return;
    try {
      form = variableForm(query, initial, report);
      vars.append(form.element);
    } catch (error) {
      report(errorMessage(error), 'error');
    }
  };
  select.addEventListener('change', () => show(select.value, {}));
  run.addEventListener('click', () => {
    const query = queries.find((q) => q.name === select.value);
    if (!query || !form) {
      report('Choose a saved investigation first.', 'info');
      return;
    }
    const values = form.read();
    if ('error' in values) {
      report(values.error, 'error');
      return;
    }
    void onRun(query, values.values);
  });

  return {
    async load() {
      queries = await loadSavedQueries();
      clear(select);
      if (!queries.length) {
        select.append(h('option', { value: '' }, 'No saved investigations in queries/'));
        select.disabled = true;
        run.disabled = true;
        return;
      }
      select.append(...queries.map((q) => h('option', { value: q.name }, q.name.replace(/\.graphql$/, ''))));
      show(select.value, {});
    },
    async run(name, variables) {
      if (!queries.length) await this.load();
      const query = queries.find((q) => q.name === name);
      if (!query) throw new Error(`No saved investigation named “${name}” in queries/.`);
      select.value = name;
      show(name, variables);
      await onRun(query, variables);
    },
  };
}
