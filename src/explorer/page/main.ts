// The explorer page: wires the search, canvas, filters, path finder, patterns, panels,
// export and the URL. Every action runs through `task`, which turns any failure into a
// message on the page (never an uncaught error) and marks the page busy for tests.
import { apiKey, errorMessage, gql, setApiKey } from './api.js';
import type cytoscape from 'cytoscape';
import type { EdgeSingular } from 'cytoscape';
import { Canvas, type Direction } from './canvas.js';
import {
  ADD_ALIAS,
  ADD_RELATION,
  ATTRIBUTION,
  DELETE_WORKSPACE,
  EXPORT_SELECTION,
  MERGE_ENTITIES,
  SPLIT_ENTITY,
  ENTITY,
  evidenceQuery,
  loadByIds,
  NEIGHBOURHOOD,
  PATHS,
  RELATION,
  SAVE_WORKSPACE,
  SET_RELATION_STATUS,
  VIEWER,
  WORKSPACE,
  WORKSPACES,
  type AttributionChain,
  type NeighbourhoodAnswer,
  type WorkspaceSummary,
  type EntityDetails,
  type EntitySummary,
  type EvidenceItem,
  type PathResult,
  type PathStrategy,
  type RelationDetails,
  type RelationStatus,
  type RelationSummary,
  type TimelineEntry,
} from './documents.js';
import { byId, clear, h } from './dom.js';
import { applyChoice, candidatesOf, countByType, expandPanel, type Candidates, type ExpandChoice } from './expand-choice.js';
import { isLayoutName, LAYOUTS } from './layouts.js';
import { canvasSvg, reportHtml, type ReportLink } from './report.js';
import { ENTITY_TYPES } from '../../ontology.js';
import { parseState, UndoStack, workspaceSection, type WorkspaceState } from './workspace.js';
import { curationBlock } from './curation.js';
import { Timeline } from './timeline.js';
import { filterControls } from './filters.js';
import { nodePanel, relationPanel } from './panels.js';
import { patternSection, runPattern, type SavedQuery } from './patterns.js';
import { layoutsComputed } from './run-layout.js';
import { legend } from './style.js';
import { EntitySuggest } from './suggest.js';
import { decodeView, defaultFilters, emptyView, encodeView, type Filters, type PathRequest, type ViewState } from './view-state.js';

declare global {
  interface Window {
    /** The cytoscape instance, for browser tests and the console. */
    __cy?: Canvas['cy'];
    /** The label layer (which entities are labelled, where), for browser tests and the benchmark. */
    __labels?: Canvas['labels'];
    /** How many layouts the worker and the page itself computed. */
    __layoutsComputed?: typeof layoutsComputed;
  }
}

const CURATOR_ROLES = new Set(['analyst', 'admin']);
/** Candidates fetched per expansion (the API's neighbourhood maximum). */
const CANDIDATE_LIMIT = 500;
/** A plain expansion (double-click, Enter) adds at most this many neighbours, most confident first. */
const DEFAULT_CAP = 200;
/** Above this many entities on the canvas, an expanded entity's leaves are folded into it. */
const FOLD_ABOVE = 150;

let view: ViewState = emptyView();
let role: string | null = null;
let restoring = false;
let lastHash = '';
/** What the canvas holds (not the selection or filters): a change of it is a step Back returns to. */
let lastStructure = '';
let pending = 0;
let canvasProblem: string | null = null;
let panelSequence = 0;
/** Notes on entities and links, kept with the workspace. */
let notes: Record<string, string> = {};
const undoStack = new UndoStack();
/** The canvas as each address was last seen: Back and Forward redraw it at once, as it was. */
const seen = new Map<string, WorkspaceState>();
/** Set once the page is wired (refreshCanvasState runs before). */
let timeline: Timeline | null = null;

const canvas = new Canvas(byId('cy'), {
  onSelectNode: (id) => void task(() => openEntity(id)),
  onSelectEdge: (id) => void task(() => openRelation(id)),
  onUnselect: () => closePanel(),
  // The panel of the entity just expanded shows its new links and state.
  onExpand: (id) =>
    void task(async () => {
      checkpoint();
      await expand(id);
      if (canvas.selectedId() === id) await openEntity(id);
    }),
  onFoldTap: (id) => {
    checkpoint();
    const members = canvas.unfold(id);
    announce(`${members.length} entities unfolded.`);
    remember();
    refreshCanvasState();
  },
});
// A drag is one undoable action; a click (a grab that moves nothing) is none.
let beforeDrag: { state: WorkspaceState; x: number; y: number } | null = null;
canvas.cy.on('grab', 'node', (event) => {
  if (restoring) return;
  const { x, y } = (event.target as cytoscape.NodeSingular).position();
  beforeDrag = { state: currentState(), x, y };
});
canvas.cy.on('dragfree', 'node', (event) => {
  const { x, y } = (event.target as cytoscape.NodeSingular).position();
  if (beforeDrag && (beforeDrag.x !== x || beforeDrag.y !== y)) {
    undoStack.record(beforeDrag.state);
    view.workspace = null;
  }
  beforeDrag = null;
  remember();
  refreshCanvasState();
});
window.__cy = canvas.cy;
window.__labels = canvas.labels;
window.__layoutsComputed = layoutsComputed;

// ---------------------------------------------------------------------------------------------
// Messages, busy state, URL

function report(message: string, kind: 'error' | 'info' = 'error', action?: { label: string; run: () => void }): void {
  const box = byId('message');
  clear(box);
  box.className = `message ${kind}`;
  box.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  box.append(
    h('span', { 'data-kind': kind }, message),
    ...(action
      ? [
          ' ',
          h(
            'button',
            {
              type: 'button',
              class: 'link',
              'data-action': action.label,
              onclick: () => {
                box.hidden = true;
                action.run();
              },
            },
            action.label,
          ),
        ]
      : []),
    h(
      'button',
      {
        type: 'button',
        'aria-label': 'Dismiss message',
        onclick: () => {
          box.hidden = true;
        },
      },
      '×',
    ),
  );
  box.hidden = false;
  if (kind === 'error') canvasProblem = message;
  refreshCanvasState();
}

/** Hides the message if it is still `message` (its cause went away). */
function withdraw(message: string): void {
  const box = byId('message');
  if (box.hidden || box.querySelector('span')?.textContent !== message) return;
  clearMessage();
  refreshCanvasState();
}

function clearMessage(): void {
  byId('message').hidden = true;
  canvasProblem = null;
}

function announce(text: string): void {
  byId('status').textContent = text;
}

/** Runs an action; failures become page messages. Resolves with the action's result or undefined. */
async function task<T>(action: () => Promise<T>): Promise<T | undefined> {
  pending++;
  document.body.dataset.busy = 'true';
  byId('busy').hidden = false;
  try {
    return await action();
  } catch (error) {
    report(errorMessage(error), 'error');
    return undefined;
  } finally {
    pending--;
    if (pending === 0) {
      delete document.body.dataset.busy;
      byId('busy').hidden = true;
      remember();
    }
    refreshCanvasState();
  }
}

function refreshCanvasState(): void {
  const total = canvas.entityIds().length;
  const visible = canvas.visibleNodeCount();
  const empty = byId('canvas-empty');
  if (visible > 0) {
    empty.hidden = true;
  } else {
    empty.hidden = false;
    empty.classList.toggle('error', Boolean(canvasProblem));
    empty.textContent =
      canvasProblem ??
      (total > 0
        ? `All ${total} entities on the canvas are hidden by the filters: loosen them or reset them.`
        : 'Search for an entity to start: it comes onto the canvas with its neighbours.');
  }
  const folded = canvas.cy.nodes('.folded').length;
  byId('counts').textContent = total
    ? `${visible} of ${total} entities${folded ? ` (${folded} folded)` : ''}, ${canvas.cy.edges().not('.filtered, .fold').length} links shown`
    : '';
  timeline?.update(
    canvas.cy
      .edges()
      .not('.fold')
      .map((e) => ({ firstSeen: e.data('firstSeen') ?? null, lastSeen: e.data('lastSeen') ?? null })),
    view.filters,
  );
  byId<HTMLButtonElement>('undo').disabled = !undoStack.canUndo;
  byId<HTMLButtonElement>('redo').disabled = !undoStack.canRedo;
  const busy = canvas.busyHidden();
  const badges = byId('busy-badges');
  clear(badges);
  badges.hidden = busy.length === 0;
  if (busy.length) {
    badges.append(
      h('span', { class: 'muted' }, 'Hidden busy entities: '),
      ...busy.map((b) =>
        h(
          'button',
          {
            type: 'button',
            class: 'badge',
            'data-id': b.id,
            title: `Show ${b.name} again`,
            onclick: () => {
              checkpoint();
              canvas.showBusy(b.id);
              refreshCanvasState();
            },
          },
          b.name,
        ),
      ),
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Undo, redo, Back and Forward: whole states of the canvas

function currentState(): WorkspaceState {
  return { version: 1, view: structuredClone(view), canvas: canvas.snapshot(), notes: { ...notes }, entities: canvas.entityIds() };
}

/** Records the state before a canvas action, for Undo. */
function checkpoint(): void {
  if (restoring) return;
  undoStack.record(currentState());
  // The canvas no longer is the saved workspace as opened.
  view.workspace = null;
}

/** Keeps the canvas as this address shows it, for Back and Forward. */
function remember(): void {
  if (restoring || !location.hash) return;
  seen.delete(location.hash);
  seen.set(location.hash, currentState());
  if (seen.size > 30) seen.delete(seen.keys().next().value!);
}

function applyState(state: WorkspaceState): void {
  canvas.load(state.canvas);
  view = structuredClone(state.view);
  notes = { ...state.notes };
  filters.write(view.filters);
  clear(byId('path-results'));
  const selected = view.selected && canvas.has(view.selected) ? view.selected : null;
  if (!selected) closePanel();
  else if (canvas.nodeData(selected)) void task(() => openEntity(selected));
  else void task(() => openRelation(selected));
  refreshCanvasState();
}

function undoOrRedo(which: 'undo' | 'redo'): void {
  const state = which === 'undo' ? undoStack.undo(currentState()) : undoStack.redo(currentState());
  if (!state) {
    report(`Nothing to ${which}.`, 'info');
    return;
  }
  applyState(state);
  writeHash();
  announce(which === 'undo' ? 'Undone.' : 'Redone.');
}

function structureOf(state: ViewState): string {
  return JSON.stringify([state.seeds, state.expanded, state.choices, state.path, state.pattern, state.workspace]);
}

/**
 * Puts the view in the address bar: a new history entry when the canvas's content changed
 * (Back then returns to the canvas before), the same entry for a selection or a filter.
 */
function writeHash(options: { replace?: boolean } = {}): void {
  if (restoring) return;
  view.selected = canvas.selectedId();
  const hash = encodeView(view);
  if (hash === lastHash) return;
  const structure = structureOf(view);
  const url = `${location.pathname}${location.search}${hash}`;
  if (structure !== lastStructure && lastHash !== '' && !options.replace) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
  lastHash = hash;
  lastStructure = structure;
  remember();
}

// ---------------------------------------------------------------------------------------------
// Canvas actions

function neighbourhoodVariables(id: string, filters: Filters): Record<string, unknown> {
  const defaults = defaultFilters();
  const variables: Record<string, unknown> = { id, limit: CANDIDATE_LIMIT, edgeLimit: 5000, includeRejected: filters.includeRejected };
  if (filters.entityTypes.length !== defaults.entityTypes.length) variables.entityTypes = filters.entityTypes;
  if (filters.relationTypes.join(',') !== defaults.relationTypes.join(',')) variables.relationTypes = filters.relationTypes;
  if (filters.minConfidence > 0) variables.minConfidence = filters.minConfidence;
  return variables;
}

/** What an entity's neighbourhood holds under the filters, counted, before anything is drawn. */
async function fetchCandidates(id: string): Promise<Candidates> {
  const data = await gql<NeighbourhoodAnswer>(NEIGHBOURHOOD, neighbourhoodVariables(id, view.filters));
  const candidates = candidatesOf(id, data.neighbourhood, data.centre?.links.totalCount ?? null, view.filters.entityTypes.length !== ENTITY_TYPES.length);
  if (!candidates) throw new Error(`No entity with id “${id}” is in the graph.`);
  return candidates;
}

const ALL: ExpandChoice = { relationTypes: null, entityTypes: null, direction: 'BOTH', limit: DEFAULT_CAP };

/**
 * Brings an entity's neighbours onto the canvas (it too, if absent): those the choice names,
 * the most confident first up to its limit. Whatever fits but is left out is counted in a message.
 * Returns the neighbourhood as fetched.
 */
async function expand(id: string, options: { quiet?: boolean; choice?: ExpandChoice } = {}): Promise<Candidates> {
  const candidates = await fetchCandidates(id);
  const choice = options.choice ?? view.choices[id] ?? ALL;
  const result = applyChoice(candidates, choice, (n) => canvas.has(n));
  const before = canvas.entityIds().length;
  await canvas.merge([candidates.centre, ...result.chosen.map((n) => n.entity)], candidates.edges, id);
  const complete = choice === ALL && result.overLimit.length === 0 && candidates.unfetchedLinks === 0;
  canvas.markExpanded(id);
  canvas.cy.getElementById(id).toggleClass('partial', !complete);
  if (canvas.entityIds().length > FOLD_ABOVE) canvas.foldLeaves([id]);
  canvas.applyFilters(view.filters);
  if (!view.expanded.includes(id)) view.expanded.push(id);
  if (options.choice) view.choices[id] = options.choice;
  view.seeds = view.seeds.filter((s) => s !== id);
  writeHash();
  if (options.quiet) return candidates;
  const added = canvas.entityIds().length - before;
  const name = candidates.centre.name;
  const leftOut = [
    result.overLimit.length ? `${result.overLimit.length} over the limit of ${choice.limit} (${countByType(result.overLimit)})` : '',
    candidates.unfetchedLinks ? `${candidates.unfetchedLinks} links beyond the API's ${CANDIDATE_LIMIT}-entity neighbourhood` : '',
  ].filter(Boolean);
  if (candidates.neighbours.length === 0) report(`${name} has no relations that pass the filters.`, 'info');
  else if (leftOut.length) {
    report(
      `${name}: ${added} neighbours added${result.chosen.length ? ` (${countByType(result.chosen)})` : ''}; left out: ${leftOut.join('; ')}. Use “Expand…” to choose which.`,
      'info',
      { label: 'Expand…', run: () => void task(() => openExpandPanel(id)) },
    );
  } else announce(`${name}: ${candidates.neighbours.length} neighbours, ${added} new on the canvas.`);
  return candidates;
}

/**
 * The expansion panel: counts per relation type, entity type and direction; the analyst chooses.
 * `fetched`: the neighbourhood an expansion just fetched, counted again rather than asked for twice.
 */
async function openExpandPanel(id: string, fetched?: Candidates): Promise<void> {
  const candidates = fetched ?? (await fetchCandidates(id));
  const sequence = ++panelSequence;
  if (!canvas.has(id)) await canvas.merge([candidates.centre], []);
  canvas.select(id);
  if (sequence !== panelSequence) return;
  showPanel(
    expandPanel(
      candidates,
      (n) => canvas.has(n),
      (choice) =>
        void task(async () => {
          checkpoint();
          await openExpandPanel(id, await expand(id, { choice }));
        }),
      () => closePanel(),
    ),
    true,
  );
}

/** Puts a chosen entity on the canvas with its neighbours and opens its panel. */
async function showEntity(entity: EntitySummary): Promise<void> {
  clearMessage();
  checkpoint();
  await expand(entity.id);
  canvas.select(entity.id);
  if (!pathFrom.chosen) pathFrom.set(entity);
  await openEntity(entity.id);
}

async function addSeeds(ids: readonly string[]): Promise<string[]> {
  const unknown: string[] = [];
  if (!ids.length) return unknown;
  const { entities } = await loadByIds(ids);
  const found: EntitySummary[] = [];
  for (const [id, entity] of entities) {
    if (entity) found.push(entity);
    else unknown.push(id);
  }
  await canvas.merge(found, []);
  for (const entity of found) if (!view.seeds.includes(entity.id) && !view.expanded.includes(entity.id)) view.seeds.push(entity.id);
  canvas.applyFilters(view.filters);
  return unknown;
}

function removeEntity(id: string): void {
  checkpoint();
  canvas.remove(id);
  delete view.choices[id];
  view.seeds = view.seeds.filter((s) => s !== id);
  view.expanded = view.expanded.filter((s) => s !== id);
  closePanel();
  writeHash();
  refreshCanvasState();
}

function clearCanvas(): void {
  const before = location.hash;
  const count = canvas.entityIds().length;
  checkpoint();
  canvas.clear();
  view = { ...emptyView(), filters: view.filters };
  clear(byId('path-results'));
  closePanel();
  clearMessage();
  writeHash();
  if (count > 0 && before.length > 1) {
    report(`Canvas cleared (${count} entities).`, 'info', { label: 'Undo', run: () => void task(() => restore(before)) });
  }
}

// ---------------------------------------------------------------------------------------------
// Panels

function closePanel(): void {
  panelSequence++;
  canvas.select(null);
  const details = byId('details');
  clear(details);
  details.append(h('p', { class: 'muted' }, 'Click an entity for its aliases, properties, mentions and articles; click a link for the sentences behind it.'));
  writeHash();
}

function showPanel(panel: HTMLElement, focus: boolean): void {
  const details = byId('details');
  clear(details);
  details.append(panel);
  if (focus) panel.querySelector<HTMLElement>('h2')?.focus({ preventScroll: true });
}

async function openEntity(id: string, focus = false): Promise<void> {
  const sequence = ++panelSequence;
  canvas.select(id);
  writeHash();
  const data = await gql<{ entity: EntityDetails | null; timeline: TimelineEntry[] }>(ENTITY, { id });
  if (sequence !== panelSequence) return;
  if (!data.entity) throw new Error(`No entity with id “${id}” is in the graph (it may have been merged into another).`);
  showPanel(
    nodePanel(data.entity, data.timeline, canvas.relationsOf(id), canvas.isExpanded(id), {
      expand: (entityId) =>
        void task(async () => {
          await expand(entityId);
          await openEntity(entityId);
        }),
      pathFrom: (entityId) => {
        pathFrom.set(canvas.nodeData(entityId));
        byId('path-to').focus();
      },
      pathTo: (entityId) => {
        pathTo.set(canvas.nodeData(entityId));
        byId('path-find').focus();
      },
      remove: removeEntity,
      selectRelation: (relationId) => void task(() => openRelation(relationId, true)),
    }),
    focus,
  );
  addPanelExtras(id, data.entity.name);
}

/** Under a panel: the analyst's note (kept with the workspace) and, for an entity, pin. */
function addPanelExtras(id: string, name: string): void {
  const panel = byId('details').querySelector('.panel');
  if (!panel) return;
  const note = h('textarea', { id: 'note', rows: '3', maxlength: '2000', placeholder: 'A note, saved with the workspace' });
  note.value = notes[id] ?? '';
  note.addEventListener('change', () => {
    if (note.value.trim()) notes[id] = note.value.trim();
    else delete notes[id];
    remember();
  });
  const extras = h('div', { class: 'panel-extras' }, h('label', { for: 'note' }, `Note on ${name}`), note);
  const entity = canvas.nodeData(id);
  if (entity && role && CURATOR_ROLES.has(role)) {
    const others = canvas
      .entityIds()
      .filter((o) => o !== id)
      .map((o) => canvas.nodeData(o)!)
      .sort((a, b) => a.name.localeCompare(b.name));
    extras.append(
      curationBlock(entity, others, {
        addAlias: (alias) => void task(() => addAlias(entity, alias)),
        mergeInto: (keepId) => void task(() => mergeInto(entity, keepId)),
        link: (type, otherId, outgoing, note) => void task(() => addLink(entity, type, otherId, outgoing, note)),
      }),
    );
  }
  if (canvas.cy.getElementById(id).isNode()) {
    const pinned = canvas.isPinned(id);
    extras.append(
      h(
        'div',
        { class: 'row' },
        h(
          'button',
          {
            type: 'button',
            id: 'pin',
            onclick: () => {
              checkpoint();
              canvas.pin(id, !pinned);
              addPanelExtrasAgain(id, name);
            },
          },
          pinned ? 'Unpin' : 'Pin here',
        ),
        h('button', { type: 'button', id: 'expand-choose-panel', onclick: () => void task(() => openExpandPanel(id)) }, 'Expand…'),
      ),
    );
  }
  panel.append(extras);
}

function addPanelExtrasAgain(id: string, name: string): void {
  byId('details').querySelector('.panel-extras')?.remove();
  addPanelExtras(id, name);
  remember();
}

// ---------------------------------------------------------------------------------------------
// Curation from the canvas

async function addAlias(entity: EntitySummary, alias: string): Promise<void> {
  if (!alias) throw new Error('Type the alias first.');
  await gql(ADD_ALIAS, { entity: entity.id, alias });
  report(`Alias “${alias}” added to ${entity.name}.`, 'info');
  await openEntity(entity.id);
}

/** Merges `entity` into `keepId`; Undo splits the merge and redraws the canvas as it was. */
async function mergeInto(entity: EntitySummary, keepId: string): Promise<void> {
  const keep = canvas.nodeData(keepId);
  if (!keep) throw new Error('Choose the entity to merge into from the list.');
  const before = currentState();
  const data = await gql<{ mergeEntities: { record: { id: string }; entity: EntitySummary } }>(MERGE_ENTITIES, {
    keep: keepId,
    remove: entity.id,
    reason: 'merged from the explorer canvas',
  });
  checkpoint();
  canvas.remove(entity.id);
  view.seeds = view.seeds.filter((s) => s !== entity.id);
  view.expanded = view.expanded.filter((s) => s !== entity.id);
  await expand(keepId, { quiet: true });
  await openEntity(keepId);
  report(`${entity.name} merged into ${keep.name}.`, 'info', {
    label: 'Undo merge',
    run: () =>
      void task(async () => {
        await gql(SPLIT_ENTITY, { mergeId: data.mergeEntities.record.id });
        restoring = true;
        try {
          applyState(before);
        } finally {
          restoring = false;
        }
        writeHash();
        report(`Merge undone: ${entity.name} is its own entity again.`, 'info');
      }),
  });
}

async function addLink(entity: EntitySummary, type: string, otherId: string, outgoing: boolean, note: string): Promise<void> {
  if (!note) throw new Error('Say why in the note: it is kept as the link’s note and evidence.');
  const input = { source: outgoing ? entity.id : otherId, target: outgoing ? otherId : entity.id, type, note };
  const data = await gql<{ addRelation: RelationSummary }>(ADD_RELATION, { input });
  checkpoint();
  await canvas.merge([], [data.addRelation]);
  canvas.applyFilters(view.filters);
  report(`Link ${type} added (confirmed, with your note).`, 'info');
}

async function openRelation(id: string, focus = false): Promise<void> {
  const sequence = ++panelSequence;
  canvas.select(id);
  writeHash();
  let evidence: EvidenceItem[] = [];
  const load = async (after?: string) => {
    const data = await gql<{ relation: RelationDetails | null }>(RELATION, after ? { id, after } : { id });
    if (sequence !== panelSequence) return;
    if (!data.relation) throw new Error(`No relation with id “${id}” is in the graph.`);
    const relation = data.relation;
    evidence = [...evidence, ...relation.evidence.edges.map((e) => e.node)];
    showPanel(
      relationPanel(relation, evidence, {
        role: role ?? 'unknown',
        setStatus: role && CURATOR_ROLES.has(role) ? (relationId, status, note) => task(() => setStatus(relationId, status, note)).then(() => undefined) : null,
        selectEntity: (entityId) =>
          void task(async () => {
            if (!canvas.has(entityId)) await addSeeds([entityId]);
            await openEntity(entityId, true);
          }),
        loadMore: (cursor) => task(() => load(cursor)).then(() => undefined),
      }),
      focus && !after,
    );
    addPanelExtras(id, `${relation.source.name} ${relation.type} ${relation.target.name}`);
  };
  await load();
}

async function setStatus(id: string, status: RelationStatus, note: string): Promise<void> {
  const data = await gql<{ setRelationStatus: RelationSummary & { note: string | null } }>(SET_RELATION_STATUS, note ? { id, status, note } : { id, status });
  canvas.updateRelation(data.setRelationStatus);
  canvas.applyFilters(view.filters);
  const hidden = status === 'REJECTED' && !view.filters.includeRejected;
  report(
    status === 'CONFIRMED'
      ? 'Link confirmed.'
      : status === 'REJECTED'
        ? `Link rejected${hidden ? ': hidden from the canvas (tick “Show rejected links” in Filters to see it)' : ''}.`
        : 'Decision cleared: the link is as extracted.',
    'info',
  );
  await openRelation(id);
}

// ---------------------------------------------------------------------------------------------
// Path finder

const pathFrom = new EntitySuggest({ input: byId<HTMLInputElement>('path-from'), onChoose: () => byId('path-to').focus(), report, withdraw });
const pathTo = new EntitySuggest({ input: byId<HTMLInputElement>('path-to'), onChoose: () => byId('path-find').focus(), report, withdraw });

function readPathRequest(): PathRequest | { error: string } {
  const from = pathFrom.chosen;
  const to = pathTo.chosen;
  if (!from || !to) return { error: `Choose both ends of the path from the suggestions (${!from ? '“From”' : '“To”'} is not chosen yet).` };
  if (from.id === to.id) return { error: 'The two ends of a path must be different entities.' };
  const hops = Number(byId<HTMLInputElement>('path-hops').value);
  if (!Number.isInteger(hops) || hops < 1 || hops > 6) return { error: 'Max hops must be a whole number from 1 to 6.' };
  return {
    from: from.id,
    to: to.id,
    strategy: byId<HTMLSelectElement>('path-strategy').value as PathStrategy,
    maxHops: hops,
    excludeHubs: byId<HTMLInputElement>('path-hubs').checked,
  };
}

// How each step of an attribution chain reads, from the State towards the incident
const ROLE_WORDS: Record<AttributionChain['steps'][number]['role'], string> = {
  ORGAN: 'organ',
  PROXY: 'uses as proxy',
  SUPPORT: 'supports',
  MEMBER: 'member',
  RESPONSIBLE: 'responsible for',
};

/** Puts a path's two ends on the canvas and names them; an end the graph does not hold is an error. */
async function pathEnds(request: PathRequest): Promise<{ fromName: string; toName: string }> {
  const unknown = await addSeeds([request.from, request.to].filter((id) => !canvas.has(id)));
  if (unknown.length) throw new Error(`No entity with id ${unknown.map((u) => `“${u}”`).join(' or ')} is in the graph.`);
  return { fromName: canvas.nodeData(request.from)?.name ?? request.from, toName: canvas.nodeData(request.to)?.name ?? request.to };
}

/** "How are these tied?": the attribution chains drawn and listed link by link, in chain order. */
async function findChains(request: PathRequest): Promise<void> {
  const variables: Record<string, unknown> = {
    from: request.from,
    to: request.to,
    maxHops: request.maxHops,
    includeRejected: view.filters.includeRejected,
    limit: 10,
  };
  if (view.filters.minConfidence > 0) variables.minConfidence = view.filters.minConfidence;
  const data = await gql<{ attribution: AttributionChain[] }>(ATTRIBUTION, variables);
  view.path = request;
  const results = byId('path-results');
  clear(results);
  const fresh = new Set(data.attribution.flatMap((c) => c.nodes.map((n) => n.id)).filter((id) => !canvas.has(id)));
  const { fromName, toName } = await pathEnds(request);
  if (!data.attribution.length) {
    canvas.highlight(new Set());
    writeHash();
    report(`${fromName} is not tied to ${toName} through organs, proxies or responsibility within ${request.maxHops} links.`, 'info');
    return;
  }
  const relations = data.attribution.flatMap((c) => c.steps.map((s) => s.relation));
  await canvas.merge(
    data.attribution.flatMap((c) => c.nodes),
    relations,
    request.from,
  );
  // the best chain drawn as a row, State first and incident last: a chain, not a star
  canvas.lineUp(
    data.attribution[0]!.nodes.map((n) => n.id),
    fresh,
  );
  canvas.applyFilters(view.filters);
  const ids = (c: AttributionChain) => new Set([...c.nodes.map((n) => n.id), ...c.steps.map((s) => s.relation.id)]);
  canvas.highlight(new Set(data.attribution.flatMap((c) => [...ids(c)])));
  data.attribution.forEach((chain) => {
    const words = [chain.nodes[0]?.name ?? ''];
    chain.steps.forEach((step, j) => words.push(` —${ROLE_WORDS[step.role]}→ `, chain.nodes[j + 1]?.name ?? ''));
    const item = routeItem(results, words.join(''), ids(chain), ` · ${chain.claim?.toLowerCase() ?? 'no claim'} · score ${chain.score.toFixed(2)}`);
    const evidence = h('ul', { class: 'chain-evidence' });
    for (const step of chain.steps) {
      const said = [step.claim?.toLowerCase(), step.assertedBy.length ? `says ${step.assertedBy.join(', ')}` : '', step.firstSeen ?? '']
        .filter(Boolean)
        .join(', ');
      evidence.append(h('li', { class: 'muted' }, `${ROLE_WORDS[step.role]} (${said}): “${step.evidence[0]?.sentence ?? 'added by an analyst'}”`));
    }
    item.append(evidence);
    results.append(item);
  });
  announce(`${data.attribution.length} chain${data.attribution.length === 1 ? '' : 's'} tie ${fromName} to ${toName}.`);
  writeHash();
}

/** One found path or chain in the results list: a button that highlights it on the canvas, then a note. */
function routeItem(results: HTMLElement, text: string, ids: Set<string>, note: string): HTMLElement {
  const item = h(
    'li',
    {},
    h(
      'button',
      {
        type: 'button',
        class: 'link',
        onclick: () => {
          canvas.highlight(ids);
          [...results.children].forEach((child) => child.classList.remove('active'));
          item.classList.add('active');
        },
      },
      text,
    ),
    h('span', { class: 'muted' }, note),
  );
  return item;
}

async function findPaths(request: PathRequest): Promise<void> {
  clearMessage();
  if (request.strategy === 'TIED') return findChains(request);
  const variables: Record<string, unknown> = {
    from: request.from,
    to: request.to,
    strategy: request.strategy,
    maxHops: request.maxHops,
    excludeHubs: request.excludeHubs,
    includeRejected: view.filters.includeRejected,
    limit: 10,
  };
  const defaults = defaultFilters();
  if (view.filters.relationTypes.join(',') !== defaults.relationTypes.join(',')) variables.relationTypes = view.filters.relationTypes;
  if (view.filters.minConfidence > 0) variables.minConfidence = view.filters.minConfidence;
  if (view.filters.since) variables.since = view.filters.since;
  if (view.filters.until) variables.until = view.filters.until;
  const data = await gql<{ paths: PathResult[] }>(PATHS, variables);
  view.path = request;
  const results = byId('path-results');
  clear(results);
  const { fromName, toName } = await pathEnds(request);
  if (!data.paths.length) {
    canvas.highlight(new Set());
    writeHash();
    report(
      `No path links ${fromName} and ${toName} within ${request.maxHops} relation${request.maxHops === 1 ? '' : 's'} with the current filters. Try more hops or looser filters.`,
      'info',
    );
    return;
  }
  await canvas.merge(
    data.paths.flatMap((p) => p.nodes),
    data.paths.flatMap((p) => p.relations),
    request.from,
  );
  canvas.applyFilters(view.filters);
  const all = new Set<string>();
  data.paths.forEach((path) => {
    path.nodes.forEach((n) => all.add(n.id));
    path.relations.forEach((r) => all.add(r.id));
  });
  canvas.highlight(all);
  data.paths.forEach((path) => {
    const ids = new Set([...path.nodes.map((n) => n.id), ...path.relations.map((r) => r.id)]);
    const steps: string[] = [path.nodes[0]?.name ?? ''];
    path.relations.forEach((relation, j) => {
      const next = path.nodes[j + 1];
      const forward = relation.source.id === path.nodes[j]?.id;
      steps.push(forward ? ` —${relation.type}→ ` : ` ←${relation.type}— `, next?.name ?? '');
    });
    results.append(routeItem(results, steps.join(''), ids, ` · score ${path.score.toFixed(2)}`));
  });
  announce(`${data.paths.length} path${data.paths.length === 1 ? '' : 's'} from ${fromName} to ${toName} highlighted.`);
  writeHash();
}

// ---------------------------------------------------------------------------------------------
// Patterns

async function drawPattern(query: SavedQuery, variables: Record<string, unknown>): Promise<void> {
  clearMessage();
  const result = await runPattern(query, variables);
  view.pattern = { name: query.name, variables };
  const label = query.name.replace(/\.graphql$/, '');
  if (!result.entities.length) {
    canvas.highlight(new Set());
    writeHash();
    report(`The pattern “${label}” found nothing for these values.`, 'info');
    return;
  }
  await canvas.merge(result.entities, result.relations);
  for (const entity of result.entities) if (!view.seeds.includes(entity.id) && !view.expanded.includes(entity.id)) view.seeds.push(entity.id);
  canvas.applyFilters(view.filters);
  canvas.highlight(new Set([...result.entities.map((e) => e.id), ...result.relations.map((r) => r.id)]));
  report(`Pattern “${label}”: ${result.entities.length} entities and ${result.relations.length} links, highlighted.`, 'info');
  writeHash();
}

const patterns = patternSection(byId('pattern-section'), report, (query, variables) => task(() => drawPattern(query, variables)).then(() => undefined));

// ---------------------------------------------------------------------------------------------
// Filters

const filters = filterControls(
  () =>
    void task(async () => {
      view.filters = filters.read();
      canvas.applyFilters(view.filters);
      writeHash();
      // Re-fetch the expanded entities so loosened filters bring back what the canvas lacked.
      for (const id of [...view.expanded]) await expand(id, { quiet: true });
    }),
);
byId('filter-section').append(filters.element);

// ---------------------------------------------------------------------------------------------
// Export

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function exportName(extension: string): string {
  return `threatgraph-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.${extension}`;
}

function exportCanvas(kind: 'png' | 'json'): void {
  if (canvas.cy.nodes().empty()) {
    report('Nothing to export: the canvas is empty.', 'info');
    return;
  }
  if (kind === 'png') download(canvas.png(), exportName('png'));
  else {
    const json = { exportedAt: new Date().toISOString(), link: location.href, filters: view.filters, ...canvas.toJson() };
    download(new Blob([JSON.stringify(json, null, 2)], { type: 'application/json' }), exportName('json'));
  }
}

function reportTitle(): string {
  return byId<HTMLInputElement>('report-title').value.trim() || 'ThreatGraph: what the canvas shows';
}

function exportSvg(): void {
  if (canvas.visibleNodeCount() === 0) {
    report('Nothing to export: no entity is shown.', 'info');
    return;
  }
  download(new Blob([canvasSvg(canvas.cy, reportTitle())], { type: 'image/svg+xml' }), exportName('svg'));
}

/** Every link shown, with its evidence (20 strongest sentences each), a few links per request. */
/** The report of what is shown (reportHtml), or null when nothing is shown (and the page says so). */
async function buildReport(): Promise<{ html: string; links: number } | null> {
  if (canvas.visibleNodeCount() === 0) {
    report('Nothing to report: no entity is shown.', 'info');
    return null;
  }
  const edges = canvas.cy
    .edges()
    .filter((e) => e.visible() && !e.hasClass('fold'))
    .toArray() as EdgeSingular[];
  const ids = edges.map((e) => e.id());
  const evidence = new Map<string, { totalCount: number; edges: { node: ReportLink['evidence'][number] }[] }>();
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += 10) batches.push(ids.slice(i, i + 10));
  let next = 0;
  // Two requests at a time: the API runs at most a few traversals per caller, and these are many.
  await Promise.all(
    [0, 1].map(async () => {
      while (next < batches.length) {
        const batch = batches[next++]!;
        const data = await gql<Record<string, { id: string; evidence: { totalCount: number; edges: { node: ReportLink['evidence'][number] }[] } } | null>>(
          evidenceQuery(batch.length),
          Object.fromEntries(batch.map((id, i) => [`r${i}`, id])),
        );
        batch.forEach((id, i) => {
          const r = data[`r${i}`];
          if (r) evidence.set(id, r.evidence);
        });
      }
    }),
  );
  const name = (id: string) => String(canvas.cy.getElementById(id).data('name') ?? id);
  const links: ReportLink[] = edges
    .map((e) => {
      const ev = evidence.get(e.id());
      return {
        id: e.id(),
        type: String(e.data('type')),
        source: name(e.source().id()),
        target: name(e.target().id()),
        confidence: Number(e.data('confidence')),
        claim: e.data('claim') ?? null,
        status: String(e.data('status') ?? 'AUTO'),
        note: e.data('note') ?? null,
        evidenceTotal: ev?.totalCount ?? 0,
        evidence: ev?.edges.map((x) => x.node) ?? [],
      };
    })
    .sort((a, b) => b.confidence - a.confidence);
  const f = view.filters;
  const filterText = [
    f.entityTypes.length === ENTITY_TYPES.length ? 'all entity types' : f.entityTypes.join(', '),
    f.minConfidence > 0 ? `confidence ≥ ${f.minConfidence}` : '',
    f.since ? `from ${f.since}` : '',
    f.until ? `to ${f.until}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const html = reportHtml({
    title: reportTitle(),
    svg: canvasSvg(canvas.cy, reportTitle()),
    link: location.href,
    filters: filterText,
    entityCount: canvas.visibleNodeCount(),
    links,
    notes: Object.entries(notes).map(([id, text]) => {
      const edge = canvas.cy.getElementById(id) as unknown as EdgeSingular;
      return {
        on:
          edge.nonempty() && edge.isEdge()
            ? `${name(edge.source().id())} ${String(edge.data('type'))} ${name(edge.target().id())}`
            : (canvas.nodeData(id)?.name ?? id),
        text,
      };
    }),
  });
  return { html, links: links.length };
}

async function exportReport(): Promise<void> {
  const built = await buildReport();
  if (!built) return;
  download(new Blob([built.html], { type: 'text/html' }), exportName('html'));
  announce(`Report with ${built.links} links and their evidence exported.`);
}

/**
 * The report as PDF: printed from a frame of this page (no pop-up to block), with the report's
 * print styles; the browser's print dialog saves it as PDF.
 */
async function printReport(): Promise<void> {
  const built = await buildReport();
  if (!built) return;
  document.getElementById('report-print')?.remove();
  const frame = h('iframe', { id: 'report-print', class: 'offscreen', title: 'Report to print', 'aria-hidden': 'true' });
  await new Promise<void>((loaded) => {
    frame.addEventListener('load', () => loaded(), { once: true });
    frame.srcdoc = built.html;
    document.body.append(frame);
  });
  frame.contentWindow!.print();
  report(`Report with ${built.links} links ready to print: choose “Save as PDF” as the printer.`, 'info');
}

/**
 * GraphML or STIX of the canvas through the API: every entity the filters let through (folded
 * leaves and hidden busy entities included: they are on the canvas, drawn compactly) and the
 * links among them, by id, so the files hold exactly that.
 */
async function exportThroughApi(format: 'GRAPHML' | 'STIX'): Promise<void> {
  const entities = canvas.cy.nodes().not('.fold, .filtered');
  if (entities.empty()) {
    report(`Nothing to export: no entity is on the canvas${canvas.entityIds().length ? ' under the filters' : ''}.`, 'info');
    return;
  }
  const ids = new Set(entities.map((n) => n.id()));
  const links = canvas.cy
    .edges()
    .not('.fold, .filtered')
    .filter((e) => ids.has(e.data('source') as string) && ids.has(e.data('target') as string));
  const data = await gql<{ exportSelection: { entityCount: number; relationCount: number; files: { name: string; content: string }[] } }>(EXPORT_SELECTION, {
    format,
    entities: [...ids],
    relations: links.map((e) => e.id()),
    cooccurrence: links.some((e) => e.data('type') === 'ASSOCIATED_WITH'),
  });
  const result = data.exportSelection;
  for (const file of result.files) {
    download(
      new Blob([file.content], { type: format === 'STIX' ? 'application/json' : 'application/xml' }),
      `${exportName(format.toLowerCase()).replace(/\.\w+$/, '')}-${file.name}`,
    );
  }
  const hidden = entities.filter((n) => n.hasClass('folded') || n.hasClass('busy-hidden')).length;
  report(
    `${format === 'STIX' ? 'STIX 2.1 bundle' : 'GraphML'} of the canvas exported through the API: ${result.entityCount} entities, ${result.relationCount} links${hidden ? ` (${hidden} of them folded or hidden as busy)` : ''}.`,
    'info',
  );
}

// ---------------------------------------------------------------------------------------------
// Workspaces

const workspaces = workspaceSection({
  save: (name) =>
    task(async () => {
      if (!name) throw new Error('Name the workspace first.');
      if (canvas.entityIds().length === 0) throw new Error('Nothing to save: the canvas is empty.');
      const state = currentState();
      const data = await gql<{ saveWorkspace: WorkspaceSummary }>(SAVE_WORKSPACE, { name, state: JSON.stringify(state) });
      view.workspace = data.saveWorkspace.id;
      writeHash({ replace: true });
      report(`Workspace “${name}” saved (${data.saveWorkspace.entityCount} entities).`, 'info');
      await listWorkspaces();
    }).then(() => undefined),
  open: (w) =>
    void task(async () => {
      checkpoint();
      await openWorkspace(w.id);
    }),
  share: (w) =>
    void task(async () => {
      const link = `${location.origin}${location.pathname}#ws=${encodeURIComponent(w.id)}`;
      await navigator.clipboard.writeText(link).catch(() => undefined);
      report(`Link to “${w.name}”: ${link}`, 'info');
    }),
  remove: (w) =>
    void task(async () => {
      await gql(DELETE_WORKSPACE, { id: w.id });
      report(`Workspace “${w.name}” deleted.`, 'info');
      await listWorkspaces();
    }),
  refresh: () => void task(listWorkspaces),
});
byId('workspace-section').append(workspaces.element);

timeline = new Timeline(byId('timeline'), {
  onRange: (since, until) => {
    view.filters = { ...view.filters, since, until };
    filters.write(view.filters);
    canvas.applyFilters(view.filters);
    writeHash();
    refreshCanvasState();
  },
});

async function listWorkspaces(): Promise<void> {
  const data = await gql<{ workspaces: WorkspaceSummary[] }>(WORKSPACES);
  workspaces.show(data.workspaces, Boolean(role && CURATOR_ROLES.has(role)));
}

/** Draws a saved workspace exactly as it was saved (no other request than the workspace's). */
async function openWorkspace(id: string): Promise<void> {
  const data = await gql<{ workspace: (WorkspaceSummary & { state: string }) | null }>(WORKSPACE, { id });
  if (!data.workspace) throw new Error(`No saved workspace has the id “${id}” (it may have been deleted).`);
  const state = parseState(data.workspace.state, data.workspace.name);
  restoring = true;
  try {
    clearMessage();
    applyState(state);
    view.workspace = id;
  } finally {
    restoring = false;
  }
  writeHash({ replace: location.hash.includes('ws=') });
  byId<HTMLInputElement>('workspace-name').value = data.workspace.name;
  announce(`Workspace “${data.workspace.name}” opened: ${state.entities.length} entities.`);
}

// ---------------------------------------------------------------------------------------------
// Restoring a view from the URL

async function restore(hash: string): Promise<void> {
  const { view: wanted, problems } = decodeView(hash);
  if (wanted.workspace) {
    await openWorkspace(wanted.workspace);
    return;
  }
  restoring = true;
  let failed = true;
  try {
    canvas.clear();
    clear(byId('path-results'));
    clearMessage();
    view = { ...emptyView(), filters: wanted.filters };
    filters.write(wanted.filters);
    const ids = [...new Set([...wanted.seeds, ...wanted.expanded, ...(wanted.path ? [wanted.path.from, wanted.path.to] : [])])];
    const known = new Map<string, EntitySummary>();
    if (ids.length) {
      const { entities } = await loadByIds(ids);
      for (const [id, entity] of entities) {
        if (entity) known.set(id, entity);
        else problems.push(`No entity with id “${id}” is in the graph (from the link).`);
      }
    }
    await canvas.merge(
      wanted.seeds.map((id) => known.get(id)).filter((e): e is EntitySummary => Boolean(e)),
      [],
    );
    view.seeds = wanted.seeds.filter((id) => known.has(id));
    for (const id of wanted.expanded) {
      if (!known.has(id)) continue;
      try {
        await expand(id, { quiet: true, choice: wanted.choices[id] });
      } catch (error) {
        problems.push(errorMessage(error));
      }
    }
    if (wanted.path) {
      const from = known.get(wanted.path.from);
      const to = known.get(wanted.path.to);
      pathFrom.set(from ?? null);
      pathTo.set(to ?? null);
      byId<HTMLSelectElement>('path-strategy').value = wanted.path.strategy;
      byId<HTMLInputElement>('path-hops').value = String(wanted.path.maxHops);
      byId<HTMLInputElement>('path-hubs').checked = wanted.path.excludeHubs;
      if (from && to) await findPaths(wanted.path);
    }
    if (wanted.pattern) {
      try {
        await patterns.run(wanted.pattern.name, wanted.pattern.variables);
      } catch (error) {
        problems.push(errorMessage(error));
      }
    }
    canvas.applyFilters(view.filters);
    if (wanted.selected && canvas.has(wanted.selected)) {
      if (canvas.cy.getElementById(wanted.selected).isNode()) await openEntity(wanted.selected);
      else await openRelation(wanted.selected);
    }
    failed = problems.length > 0;
  } finally {
    restoring = false;
    if (failed) {
      // The link stays as it was given (to retry, or to share on): only what was reached is drawn.
      lastHash = location.hash;
      lastStructure = structureOf(view);
    } else {
      // The entry being restored (a link, Back, Undo) is rewritten in place, not added again.
      writeHash({ replace: true });
    }
  }
  if (problems.length) report(problems.join(' '), 'error');
}

// ---------------------------------------------------------------------------------------------
// Role and API key

async function loadRole(): Promise<void> {
  const label = byId('role');
  try {
    const data = await gql<{ viewer: { role: string } }>(VIEWER);
    role = data.viewer.role;
    label.textContent = `role: ${role}`;
  } catch (error) {
    role = null;
    label.textContent = apiKey() ? 'API key refused' : 'no role';
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Wiring

new EntitySuggest({ input: byId<HTMLInputElement>('search'), onChoose: (entity) => void task(() => showEntity(entity)), report, withdraw });
byId('legend').append(legend());

byId('path-find').addEventListener('click', () => {
  const request = readPathRequest();
  if ('error' in request) report(request.error, 'error');
  else void task(() => findPaths(request));
});
byId('path-clear').addEventListener('click', () => {
  canvas.highlight(new Set());
  clear(byId('path-results'));
  view.path = null;
  view.pattern = null;
  writeHash();
});
byId('export-png').addEventListener('click', () => void task(async () => exportCanvas('png')));
byId('export-json').addEventListener('click', () => void task(async () => exportCanvas('json')));
byId('copy-link').addEventListener(
  'click',
  () =>
    void task(async () => {
      await navigator.clipboard.writeText(location.href);
      report('Link to this view copied.', 'info');
    }),
);
byId('api-key-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void task(async () => {
    const key = byId<HTMLInputElement>('api-key').value.trim();
    if (!key) throw new Error('Type an API key first.');
    setApiKey(key);
    byId<HTMLInputElement>('api-key').value = '';
    await loadRole();
    report(`API key accepted: role ${role}.`, 'info');
  });
});
byId('api-key-clear').addEventListener(
  'click',
  () =>
    void task(async () => {
      setApiKey(null);
      await loadRole();
    }),
);
byId('expand-selected').addEventListener('click', () => {
  const selected = canvas.selectedId();
  if (selected && canvas.cy.getElementById(selected).isNode()) void task(() => expand(selected));
  else report('Select an entity on the canvas first (click it, or focus the canvas and use the arrow keys).', 'info');
});
byId('fit').addEventListener('click', () => canvas.fit());
byId('zoom-in').addEventListener('click', () => canvas.zoom(1.25));
byId('zoom-out').addEventListener('click', () => canvas.zoom(0.8));
byId('clear-canvas').addEventListener('click', clearCanvas);

byId('expand-choose').addEventListener('click', () => {
  const selected = canvas.selectedId();
  if (selected && canvas.nodeData(selected)) void task(() => openExpandPanel(selected));
  else report('Select an entity on the canvas first, then choose what to expand.', 'info');
});
byId('undo').addEventListener('click', () => undoOrRedo('undo'));
byId('redo').addEventListener('click', () => undoOrRedo('redo'));
byId('fold-leaves').addEventListener('click', () => {
  checkpoint();
  const made = canvas.foldLeaves();
  if (made) announce(`${made} groups of leaves folded into their hubs.`);
  else report('No entity has enough leaves of one type to fold (at least 6 linked to it alone).', 'info');
  remember();
  refreshCanvasState();
});
byId('hide-busy').addEventListener('click', () => {
  checkpoint();
  const hidden = canvas.hideBusy();
  if (!hidden.length) report('No busy entity is shown (10 links or more on the canvas, and four times the mean).', 'info');
  else announce(`${hidden.length} busy entities hidden: ${hidden.map((b) => b.name).join(', ')}.`);
  remember();
  refreshCanvasState();
});
const layoutSelect = byId<HTMLSelectElement>('layout');
for (const layout of LAYOUTS) layoutSelect.append(h('option', { value: layout.name }, layout.label));
byId('layout-run').addEventListener(
  'click',
  () =>
    void task(async () => {
      const name = layoutSelect.value;
      if (!isLayoutName(name)) throw new Error(`Unknown layout “${name}”.`);
      if (canvas.entityIds().length === 0) {
        report('Nothing to lay out: the canvas is empty.', 'info');
        return;
      }
      checkpoint();
      await canvas.layout(name);
    }),
);
byId('export-svg').addEventListener('click', () => void task(async () => exportSvg()));
byId('export-report').addEventListener('click', () => void task(() => exportReport()));
byId('export-pdf').addEventListener('click', () => void task(() => printReport()));
for (const format of ['GRAPHML', 'STIX'] as const) {
  byId(`export-${format.toLowerCase()}`).addEventListener('click', () => void task(() => exportThroughApi(format)));
}

const ARROWS: Record<string, Direction> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };
byId('cy').addEventListener('keydown', (event) => {
  const direction = ARROWS[event.key];
  const selected = canvas.selectedId();
  if (direction) {
    event.preventDefault();
    const id = canvas.step(direction);
    if (id) {
      announce(`${canvas.nodeData(id)?.name ?? id} selected`);
      void task(() => openEntity(id));
    }
  } else if (event.key === 'Enter' && selected) {
    event.preventDefault();
    if (canvas.cy.getElementById(selected).isNode())
      void task(async () => {
        await expand(selected);
        await openEntity(selected);
      });
  } else if ((event.key === 'Delete' || event.key === 'Backspace') && selected && canvas.cy.getElementById(selected).isNode()) {
    event.preventDefault();
    removeEntity(selected);
  } else if (event.key === '+' || event.key === '=') canvas.zoom(1.25);
  else if (event.key === '-') canvas.zoom(0.8);
  else if (event.key === '0') canvas.fit();
});
document.addEventListener('keydown', (event) => {
  const target = event.target as HTMLElement;
  const typing = target.matches('input, textarea, select');
  if (event.key === '/' && !typing) {
    event.preventDefault();
    byId('search').focus();
  } else if (event.key === 'Escape' && !typing) {
    closePanel();
  } else if ((event.ctrlKey || event.metaKey) && !typing && event.key.toLowerCase() === 'z') {
    event.preventDefault();
    undoOrRedo(event.shiftKey ? 'redo' : 'undo');
  } else if ((event.ctrlKey || event.metaKey) && !typing && event.key.toLowerCase() === 'y') {
    event.preventDefault();
    undoOrRedo('redo');
  }
});
window.addEventListener('hashchange', () => {
  if (location.hash === lastHash) return;
  const known = seen.get(location.hash);
  if (known) {
    // Back or Forward to a view this page drew: drawn again at once, exactly as it was.
    restoring = true;
    try {
      applyState(known);
    } finally {
      restoring = false;
    }
    lastHash = location.hash;
    lastStructure = structureOf(view);
    return;
  }
  void task(() => restore(location.hash));
});
window.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  report(`Unexpected problem: ${errorMessage(event.reason)}`, 'error');
});

void task(async () => {
  await Promise.all([loadRole(), patterns.load().catch((error: unknown) => report(errorMessage(error), 'error'))]);
  await listWorkspaces().catch((error: unknown) => report(errorMessage(error), 'error'));
  if (location.hash.length > 1) await restore(location.hash);
});
refreshCanvasState();
