// The explorer page: wires the search, canvas, filters, path finder, patterns, panels,
// export and the URL. Every action runs through `task`, which turns any failure into a
// message on the page (never an uncaught error) and marks the page busy for tests.
import { apiKey, errorMessage, gql, setApiKey } from './api.js';
import { Canvas, type Direction } from './canvas.js';
import {
  ATTRIBUTION, ENTITY, loadByIds, NEIGHBOURHOOD, PATHS, RELATION, SET_RELATION_STATUS, VIEWER,
  type AttributionChain,
  type EntityDetails, type EntitySummary, type EvidenceItem, type PathResult, type PathStrategy,
  type RelationDetails, type RelationStatus, type RelationSummary, type Subgraph, type TimelineEntry,
} from './documents.js';
import { byId, clear, h } from './dom.js';
import { filterControls } from './filters.js';
import { nodePanel, relationPanel } from './panels.js';
import { patternSection, runPattern, type SavedQuery } from './patterns.js';
import { legend } from './style.js';
import { EntitySuggest } from './suggest.js';
import { decodeView, defaultFilters, emptyView, encodeView, type Filters, type PathRequest, type ViewState } from './view-state.js';

declare global {
  interface Window {
    /** The cytoscape instance, for browser tests and the console. */
    __cy?: Canvas['cy'];
  }
}

const CURATOR_ROLES = new Set(['analyst', 'admin']);
const NEIGHBOURHOOD_LIMIT = 200;

let view: ViewState = emptyView();
let role: string | null = null;
let restoring = false;
let lastHash = '';
/** What the canvas holds (not the selection or filters): a change of it is a step Back returns to. */
let lastStructure = '';
let pending = 0;
let canvasProblem: string | null = null;
let panelSequence = 0;

const canvas = new Canvas(byId('cy'), {
  onSelectNode: (id) => void task(() => openEntity(id)),
  onSelectEdge: (id) => void task(() => openRelation(id)),
  onUnselect: () => closePanel(),
  // The panel of the entity just expanded shows its new links and state.
  onExpand: (id) => void task(async () => {
    await expand(id);
    if (canvas.selectedId() === id) await openEntity(id);
  }),
});
window.__cy = canvas.cy;

// ---------------------------------------------------------------------------------------------
// Messages, busy state, URL

function report(message: string, kind: 'error' | 'info' = 'error', action?: { label: string; run: () => void }): void {
  const box = byId('message');
  clear(box);
  box.className = `message ${kind}`;
  box.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  box.append(h('span', { 'data-kind': kind }, message),
    ...(action ? [' ', h('button', { type: 'button', class: 'link', 'data-action': action.label, onclick: () => { box.hidden = true; action.run(); } }, action.label)] : []),
    h('button', { type: 'button', 'aria-label': 'Dismiss message', onclick: () => { box.hidden = true; } }, '×'));
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
    }
    refreshCanvasState();
  }
}

function refreshCanvasState(): void {
  const total = canvas.cy.nodes().length;
  const visible = canvas.visibleNodeCount();
  const empty = byId('canvas-empty');
  if (visible > 0) {
    empty.hidden = true;
  } else {
    empty.hidden = false;
    empty.classList.toggle('error', Boolean(canvasProblem));
    empty.textContent = canvasProblem
      ?? (total > 0
        ? `All ${total} entities on the canvas are hidden by the filters: loosen them or reset them.`
        : 'Search for an entity to start: it comes onto the canvas with its neighbours.');
  }
  byId('counts').textContent = total
    ? `${visible} of ${total} entities, ${canvas.cy.edges().not('.filtered').length} links shown`
    : '';
}

function structureOf(state: ViewState): string {
  return JSON.stringify([state.seeds, state.expanded, state.path, state.pattern]);
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
}

// ---------------------------------------------------------------------------------------------
// Canvas actions

function neighbourhoodVariables(id: string, filters: Filters): Record<string, unknown> {
  const defaults = defaultFilters();
  const variables: Record<string, unknown> = { id, limit: NEIGHBOURHOOD_LIMIT, includeRejected: filters.includeRejected };
  if (filters.entityTypes.length !== defaults.entityTypes.length) variables.entityTypes = filters.entityTypes;
  if (filters.relationTypes.join(',') !== defaults.relationTypes.join(',')) variables.relationTypes = filters.relationTypes;
  if (filters.minConfidence > 0) variables.minConfidence = filters.minConfidence;
  return variables;
}

/** Brings an entity's neighbours onto the canvas (it too, if absent). */
async function expand(id: string, options: { quiet?: boolean } = {}): Promise<void> {
  const data = await gql<{ neighbourhood: Subgraph }>(NEIGHBOURHOOD, neighbourhoodVariables(id, view.filters));
  const { nodes, edges, truncated } = data.neighbourhood;
  const centre = nodes.find((n) => n.id === id);
  if (!centre) throw new Error(`No entity with id “${id}” is in the graph.`);
  const before = canvas.cy.nodes().length;
  await canvas.merge(nodes, edges, id);
  canvas.markExpanded(id);
  canvas.applyFilters(view.filters);
  if (!view.expanded.includes(id)) view.expanded.push(id);
  view.seeds = view.seeds.filter((s) => s !== id);
  writeHash();
  if (options.quiet) return;
  const added = canvas.cy.nodes().length - before;
  if (nodes.length === 1) report(`${centre.name} has no relations that pass the filters.`, 'info');
  else if (truncated) report(`${centre.name}: showing its ${nodes.length - 1} best-connected neighbours; more exist (narrow the filters to see others).`, 'info');
  else announce(`${centre.name}: ${nodes.length - 1} neighbours, ${added} new on the canvas.`);
}

/** Puts a chosen entity on the canvas with its neighbours and opens its panel. */
async function showEntity(entity: EntitySummary): Promise<void> {
  clearMessage();
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
  canvas.remove(id);
  view.seeds = view.seeds.filter((s) => s !== id);
  view.expanded = view.expanded.filter((s) => s !== id);
  closePanel();
  writeHash();
  refreshCanvasState();
}

function clearCanvas(): void {
  const before = location.hash;
  const count = canvas.cy.nodes().length;
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
  showPanel(nodePanel(data.entity, data.timeline, canvas.relationsOf(id), canvas.isExpanded(id), {
    expand: (entityId) => void task(async () => { await expand(entityId); await openEntity(entityId); }),
    pathFrom: (entityId) => { pathFrom.set(canvas.nodeData(entityId)); byId('path-to').focus(); },
    pathTo: (entityId) => { pathTo.set(canvas.nodeData(entityId)); byId('path-find').focus(); },
    remove: removeEntity,
    selectRelation: (relationId) => void task(() => openRelation(relationId, true)),
  }), focus);
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
    showPanel(relationPanel(relation, evidence, {
      role: role ?? 'unknown',
      setStatus: role && CURATOR_ROLES.has(role) ? (relationId, status, note) => task(() => setStatus(relationId, status, note)).then(() => undefined) : null,
      selectEntity: (entityId) => void task(async () => {
        if (!canvas.has(entityId)) await addSeeds([entityId]);
        await openEntity(entityId, true);
      }),
      loadMore: (cursor) => task(() => load(cursor)).then(() => undefined),
    }), focus && !after);
  };
  await load();
}

async function setStatus(id: string, status: RelationStatus, note: string): Promise<void> {
  const data = await gql<{ setRelationStatus: RelationSummary & { note: string | null } }>(SET_RELATION_STATUS, note ? { id, status, note } : { id, status });
  canvas.updateRelation(data.setRelationStatus);
  canvas.applyFilters(view.filters);
  const hidden = status === 'REJECTED' && !view.filters.includeRejected;
  report(
    status === 'CONFIRMED' ? 'Link confirmed.'
      : status === 'REJECTED' ? `Link rejected${hidden ? ': hidden from the canvas (tick “Show rejected links” in Filters to see it)' : ''}.`
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
  ORGAN: 'organ', PROXY: 'uses as proxy', SUPPORT: 'supports', MEMBER: 'member', RESPONSIBLE: 'responsible for',
};

/** "How are these tied?": the attribution chains drawn and listed link by link, in chain order. */
async function findChains(request: PathRequest): Promise<void> {
  const variables: Record<string, unknown> = {
    from: request.from, to: request.to, maxHops: request.maxHops, includeRejected: view.filters.includeRejected, limit: 10,
  };
  if (view.filters.minConfidence > 0) variables.minConfidence = view.filters.minConfidence;
  const data = await gql<{ attribution: AttributionChain[] }>(ATTRIBUTION, variables);
  view.path = request;
  const results = byId('path-results');
  clear(results);
  const fresh = new Set(data.attribution.flatMap((c) => c.nodes.map((n) => n.id)).filter((id) => !canvas.has(id)));
  const unknown = await addSeeds([request.from, request.to].filter((id) => !canvas.has(id)));
  if (unknown.length) throw new Error(`No entity with id ${unknown.map((u) => `“${u}”`).join(' or ')} is in the graph.`);
  const fromName = canvas.nodeData(request.from)?.name ?? request.from;
  const toName = canvas.nodeData(request.to)?.name ?? request.to;
  if (!data.attribution.length) {
    canvas.highlight(new Set());
    writeHash();
    report(`${fromName} is not tied to ${toName} through organs, proxies or responsibility within ${request.maxHops} links.`, 'info');
    return;
  }
  const relations = data.attribution.flatMap((c) => c.steps.map((s) => s.relation));
  await canvas.merge(data.attribution.flatMap((c) => c.nodes), relations, request.from);
  // the best chain drawn as a row, State first and incident last: a chain, not a star
  canvas.lineUp(data.attribution[0]!.nodes.map((n) => n.id), fresh);
  canvas.applyFilters(view.filters);
  const ids = (c: AttributionChain) => new Set([...c.nodes.map((n) => n.id), ...c.steps.map((s) => s.relation.id)]);
  canvas.highlight(new Set(data.attribution.flatMap((c) => [...ids(c)])));
  data.attribution.forEach((chain) => {
    const words = [chain.nodes[0]?.name ?? ''];
    chain.steps.forEach((step, j) => words.push(` —${ROLE_WORDS[step.role]}→ `, chain.nodes[j + 1]?.name ?? ''));
    const item = h('li', {}, h('button', { type: 'button', class: 'link', onclick: () => {
      canvas.highlight(ids(chain));
      [...results.children].forEach((child) => child.classList.remove('active'));
      item.classList.add('active');
    } }, words.join('')), h('span', { class: 'muted' }, ` · ${chain.claim?.toLowerCase() ?? 'no claim'} · score ${chain.score.toFixed(2)}`));
    const evidence = h('ul', { class: 'chain-evidence' });
    for (const step of chain.steps) {
      const said = [step.claim?.toLowerCase(), step.assertedBy.length ? `says ${step.assertedBy.join(', ')}` : '', step.firstSeen ?? ''].filter(Boolean).join(', ');
      evidence.append(h('li', { class: 'muted' }, `${ROLE_WORDS[step.role]} (${said}): “${step.evidence[0]?.sentence ?? 'added by an analyst'}”`));
    }
    item.append(evidence);
    results.append(item);
  });
  announce(`${data.attribution.length} chain${data.attribution.length === 1 ? '' : 's'} tie ${fromName} to ${toName}.`);
  writeHash();
}

async function findPaths(request: PathRequest): Promise<void> {
  clearMessage();
  if (request.strategy === 'TIED') return findChains(request);
  const variables: Record<string, unknown> = {
    from: request.from, to: request.to, strategy: request.strategy, maxHops: request.maxHops,
    excludeHubs: request.excludeHubs, includeRejected: view.filters.includeRejected, limit: 10,
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
  const unknown = await addSeeds([request.from, request.to].filter((id) => !canvas.has(id)));
  if (unknown.length) throw new Error(`No entity with id ${unknown.map((u) => `“${u}”`).join(' or ')} is in the graph.`);
  const fromName = canvas.nodeData(request.from)?.name ?? request.from;
  const toName = canvas.nodeData(request.to)?.name ?? request.to;
  if (!data.paths.length) {
    canvas.highlight(new Set());
    writeHash();
    report(`No path links ${fromName} and ${toName} within ${request.maxHops} relation${request.maxHops === 1 ? '' : 's'} with the current filters. Try more hops or looser filters.`, 'info');
    return;
  }
  await canvas.merge(data.paths.flatMap((p) => p.nodes), data.paths.flatMap((p) => p.relations), request.from);
  canvas.applyFilters(view.filters);
  const all = new Set<string>();
  data.paths.forEach((path) => {
    path.nodes.forEach((n) => all.add(n.id));
    path.relations.forEach((r) => all.add(r.id));
  });
  canvas.highlight(all);
  data.paths.forEach((path, i) => {
    const ids = new Set([...path.nodes.map((n) => n.id), ...path.relations.map((r) => r.id)]);
    const steps: string[] = [path.nodes[0]?.name ?? ''];
    path.relations.forEach((relation, j) => {
      const next = path.nodes[j + 1];
      const forward = relation.source.id === path.nodes[j]?.id;
      steps.push(forward ? ` —${relation.type}→ ` : ` ←${relation.type}— `, next?.name ?? '');
    });
    const item = h('li', {}, h('button', { type: 'button', class: 'link', onclick: () => {
      canvas.highlight(ids);
      [...results.children].forEach((child) => child.classList.remove('active'));
      item.classList.add('active');
    } }, steps.join('')), h('span', { class: 'muted' }, ` · score ${path.score.toFixed(2)}`));
    results.append(item);
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

const filters = filterControls(() => void task(async () => {
  view.filters = filters.read();
  canvas.applyFilters(view.filters);
  writeHash();
  // Re-fetch the expanded entities so loosened filters bring back what the canvas lacked.
  for (const id of [...view.expanded]) await expand(id, { quiet: true });
}));
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

// ---------------------------------------------------------------------------------------------
// Restoring a view from the URL

async function restore(hash: string): Promise<void> {
  const { view: wanted, problems } = decodeView(hash);
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
    await canvas.merge(wanted.seeds.map((id) => known.get(id)).filter((e): e is EntitySummary => Boolean(e)), []);
    view.seeds = wanted.seeds.filter((id) => known.has(id));
    for (const id of wanted.expanded) {
      if (!known.has(id)) continue;
      try {
        await expand(id, { quiet: true });
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
byId('copy-link').addEventListener('click', () => void task(async () => {
  await navigator.clipboard.writeText(location.href);
  report('Link to this view copied.', 'info');
}));
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
byId('api-key-clear').addEventListener('click', () => void task(async () => {
  setApiKey(null);
  await loadRole();
}));
byId('expand-selected').addEventListener('click', () => {
  const selected = canvas.selectedId();
  if (selected && canvas.cy.getElementById(selected).isNode()) void task(() => expand(selected));
  else report('Select an entity on the canvas first (click it, or focus the canvas and use the arrow keys).', 'info');
});
byId('fit').addEventListener('click', () => canvas.fit());
byId('zoom-in').addEventListener('click', () => canvas.zoom(1.25));
byId('zoom-out').addEventListener('click', () => canvas.zoom(0.8));
byId('clear-canvas').addEventListener('click', clearCanvas);

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
    if (canvas.cy.getElementById(selected).isNode()) void task(async () => { await expand(selected); await openEntity(selected); });
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
  }
});
window.addEventListener('hashchange', () => {
  if (location.hash === lastHash) return;
  void task(() => restore(location.hash));
});
window.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  report(`Unexpected problem: ${errorMessage(event.reason)}`, 'error');
});

void task(async () => {
  await Promise.all([
    loadRole(),
    patterns.load().catch((error: unknown) => report(errorMessage(error), 'error')),
  ]);
  if (location.hash.length > 1) await restore(location.hash);
});
refreshCanvasState();
