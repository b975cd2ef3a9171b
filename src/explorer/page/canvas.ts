// The canvas: cytoscape, laid out with fCoSE in a worker. Nodes already placed never move when others arrive:
// new nodes start beside their placed neighbours and only they are laid out, with the
// placed nodes around them held fixed. Filters hide elements (display: none) in one batch.
import cytoscape, { type Core, type EdgeSingular, type ElementDefinition, type NodeCollection, type NodeSingular } from 'cytoscape';
import type { EntitySummary, RelationSummary } from './documents.js';
import { addFold, foldLeaves, folds, shownEntities, unfold, unfoldHolding, type Fold } from './folds.js';
import { FONT_PX, LabelLayer } from './labels.js';
import { plainSmallLinks } from './link-detail.js';
import { quickHitTest, quietLinkPress } from './pointer.js';
import { relayout, type LayoutName } from './layouts.js';
import { runLayout } from './run-layout.js';
import { stylesheet } from './style.js';
import type { Filters } from './view-state.js';

export interface CanvasEvents {
  onSelectNode(id: string): void;
  onSelectEdge(id: string): void;
  onUnselect(): void;
  onExpand(id: string): void;
  /** A fold ("23 Cases of Russia") was clicked: the caller opens it (an undoable action). */
  onFoldTap(id: string): void;
}

export type Direction = 'left' | 'right' | 'up' | 'down';

/** Above this many new nodes at once, they are placed in a fan instead of by the force layout. */
const FORCE_LAYOUT_MAX_NEW = 80;
/** A first drawing of more nodes than this gets fCoSE's draft (spectral) quality. */
const DRAFT_ABOVE = 300;
/** At most this many placed nodes are held fixed around new ones during a force layout. */
const FIXED_MAX = 150;
/** Above this many links, Fit jumps instead of animating. */
const ANIMATE_MAX_EDGES = 1000;

export interface CanvasJson {
  nodes: (EntitySummary & { expanded: boolean; pinned: boolean; position: { x: number; y: number } })[];
  edges: RelationSummary[];
}

/** Everything needed to draw the canvas again exactly: for undo, redo and saved workspaces. */
export interface CanvasSnapshot extends CanvasJson {
  folds: Fold[];
  busy: string[];
  viewport: { zoom: number; pan: { x: number; y: number } };
}

/** An entity is "busy" (hidden on request) with at least this many links shown… */
export const BUSY_DEGREE = 10;
/** …and this many times the mean of the entities shown. */
export const BUSY_FACTOR = 4;

export function busyThreshold(meanDegree: number): number {
  return Math.max(BUSY_DEGREE, BUSY_FACTOR * meanDegree);
}

export class Canvas {
  readonly cy: Core;
  /** The decluttered entity labels, drawn over cytoscape's canvas (labels.ts). */
  readonly labels: LabelLayer;

  constructor(container: HTMLElement, events: CanvasEvents) {
    this.cy = cytoscape({
      container,
      style: stylesheet,
      // Large canvases stay responsive: pan and zoom move a texture and hide edges, links drawn
      // small are drawn plain (link-detail.ts), and the pointer costs little (pointer.ts).
      textureOnViewport: true,
      hideEdgesOnViewport: true,
      motionBlur: false,
      boxSelectionEnabled: false,
      selectionType: 'single',
      minZoom: 0.05,
      maxZoom: 4,
    });
    plainSmallLinks(this.cy);
    quickHitTest(this.cy);
    quietLinkPress(this.cy);
    this.cy.on('tap', 'node', (event) => {
      const node = event.target as NodeSingular;
      if (node.hasClass('fold')) events.onFoldTap(node.id());
      else events.onSelectNode(node.id());
    });
    this.cy.on('tap', 'edge', (event) => events.onSelectEdge((event.target as EdgeSingular).id()));
    this.cy.on('tap', (event) => {
      if (event.target === this.cy) events.onUnselect();
    });
    this.cy.on('dbltap', 'node', (event) => {
      if (!(event.target as NodeSingular).hasClass('fold')) events.onExpand((event.target as NodeSingular).id());
    });
    // Labels follow the view as it moves and are chosen again once it stops.
    this.labels = new LabelLayer(this.cy, container);
    // Edges sharing their two ends are drawn as beziers side by side, the rest straight.
    let marking = false;
    this.cy.on('add remove', 'edge', () => {
      if (marking) return;
      marking = true;
      queueMicrotask(() => {
        marking = false;
        markParallel(this.cy);
      });
    });
    // cytoscape only notices window resizes; panels and narrow screens resize the container too.
    new ResizeObserver(() => this.cy.resize()).observe(container);
  }

  has(id: string): boolean {
    return this.cy.getElementById(id).nonempty();
  }

  nodeData(id: string): EntitySummary | null {
    const node = this.cy.getElementById(id);
    return node.nonempty() && node.isNode() && !node.hasClass('fold') ? (node.data() as EntitySummary) : null;
  }

  visibleNodeCount(): number {
    return this.cy.nodes().not('.filtered, .fold').length;
  }

  /** The entities on the canvas (folds are not entities). */
  entityIds(): string[] {
    return this.cy
      .nodes()
      .not('.fold')
      .map((n) => n.id());
  }

  declutter(): number {
    return this.labels.declutter();
  }

  /** Folds the leaves of `hubs` (or of every entity); returns how many folds were made. */
  foldLeaves(hubs?: readonly string[]): number {
    const made = foldLeaves(this.cy, hubs);
    if (made.length) this.declutter();
    return made.length;
  }

  unfold(id: string): string[] {
    const members = unfold(this.cy, id);
    this.declutter();
    return members;
  }

  isFold(id: string): boolean {
    return this.cy.getElementById(id).hasClass('fold');
  }

  /**
   * Hides the busy entities: those with at least BUSY_DEGREE links shown and four times the
   * shown entities' mean. Returns them, busiest first.
   */
  hideBusy(): { id: string; name: string; degree: number }[] {
    const degree = (n: NodeSingular) => n.connectedEdges().filter((e: EdgeSingular) => e.visible()).length;
    const shown = shownEntities(this.cy);
    const mean = shown.empty() ? 0 : shown.reduce((sum, n) => sum + degree(n as NodeSingular), 0) / shown.length;
    const threshold = busyThreshold(mean);
    const busy = shown.filter((n: NodeSingular) => !n.selected() && !n.hasClass('path') && degree(n) >= threshold);
    const list = busy.map((n: NodeSingular) => ({ id: n.id(), name: String(n.data('name')), degree: degree(n) })).sort((a, b) => b.degree - a.degree);
    busy.addClass('busy-hidden');
    this.declutter();
    return list;
  }

  showBusy(id?: string): void {
    (id ? this.cy.getElementById(id) : this.cy.nodes('.busy-hidden')).removeClass('busy-hidden');
    this.declutter();
  }

  busyHidden(): { id: string; name: string }[] {
    return this.cy.nodes('.busy-hidden').map((n) => ({ id: n.id(), name: String(n.data('name')) }));
  }

  pin(id: string, pinned: boolean): void {
    const node = this.cy.getElementById(id);
    if (node.empty() || !node.isNode()) return;
    node.toggleClass('pinned', pinned);
    if (pinned) node.lock();
    else node.unlock();
  }

  isPinned(id: string): boolean {
    return this.cy.getElementById(id).hasClass('pinned');
  }

  async layout(name: LayoutName): Promise<void> {
    await relayout(this.cy, name, this.selectedId());
    this.declutter();
  }

  /**
   * Adds what is not on the canvas yet (updating what is) and lays out only the new nodes.
   * Relations whose ends are not both on the canvas are skipped. Returns the new node ids.
   */
  async merge(nodes: readonly EntitySummary[], edges: readonly RelationSummary[], anchorId?: string): Promise<string[]> {
    const cy = this.cy;
    const fresh: ElementDefinition[] = [];
    cy.batch(() => {
      for (const node of nodes) {
        const existing = cy.getElementById(node.id);
        if (existing.nonempty()) existing.data(nodeData(node));
        else fresh.push({ group: 'nodes', data: nodeData(node) });
      }
    });
    const added = fresh.length ? cy.add(fresh).nodes() : cy.collection();
    cy.batch(() => {
      const newEdges: ElementDefinition[] = [];
      for (const edge of edges) {
        const existing = cy.getElementById(edge.id);
        if (existing.nonempty()) existing.data(edgeData(edge));
        else if (this.has(edge.source.id) && this.has(edge.target.id)) newEdges.push({ group: 'edges', data: edgeData(edge) });
      }
      if (newEdges.length) cy.add(newEdges);
    });
    await this.placeNew(added, anchorId);
    this.declutter();
    return added.map((n) => n.id());
  }

  /**
   * Lays a chain's newly drawn nodes out in a row, in chain order, from the first of its nodes
   * that was already drawn (nodes already drawn never move), so a chain reads as a chain.
   */
  lineUp(ids: readonly string[], fresh: ReadonlySet<string>): void {
    const cy = this.cy;
    const at = ids.findIndex((id) => !fresh.has(id) && this.has(id));
    const extent = cy.extent();
    const origin = at >= 0 ? cy.getElementById(ids[at]!).position() : { x: extent.x1 + extent.w / 6, y: extent.y1 + extent.h / 2 };
    const from = Math.max(at, 0);
    cy.batch(() =>
      ids.forEach((id, i) => {
        if (fresh.has(id) && this.has(id)) cy.getElementById(id).position({ x: origin.x + (i - from) * 220, y: origin.y });
      }),
    );
    this.fit();
  }

  updateRelation(relation: RelationSummary): void {
    const edge = this.cy.getElementById(relation.id);
    if (edge.nonempty()) edge.data(edgeData(relation));
  }

  markExpanded(id: string, expanded = true): void {
    this.cy.getElementById(id).toggleClass('expanded', expanded);
  }

  isExpanded(id: string): boolean {
    return this.cy.getElementById(id).hasClass('expanded');
  }

  remove(id: string): void {
    this.cy.getElementById(id).remove();
    // A fold loses the member; a fold left without members goes.
    this.cy.nodes('.fold').forEach((fold) => {
      const members = (fold.data('members') as string[]).filter((m) => m !== id);
      if (members.length) fold.data('members', members);
      else fold.remove();
    });
  }

  clear(): void {
    this.cy.elements().remove();
  }

  /** Hides (display: none) what the filters exclude, on the whole canvas. */
  applyFilters(filters: Filters): void {
    const types = new Set<string>(filters.entityTypes);
    const relations = new Set(filters.relationTypes);
    const inRange = (first: unknown, last: unknown) =>
      (!filters.since || typeof last !== 'string' || last >= filters.since) && (!filters.until || typeof first !== 'string' || first <= filters.until);
    this.cy.batch(() => {
      this.cy
        .nodes()
        .not('.fold')
        .forEach((node) => {
          const d = node.data() as EntitySummary;
          node.toggleClass('filtered', !(types.has(d.type) && inRange(d.firstSeen, d.lastSeen)));
        });
      this.cy
        .edges()
        .not('.fold')
        .forEach((edge) => {
          const d = edge.data() as EdgeData;
          const shown =
            relations.has(d.type) &&
            d.confidence >= filters.minConfidence &&
            (filters.includeRejected || d.status !== 'REJECTED') &&
            inRange(d.firstSeen, d.lastSeen) &&
            !edge.source().hasClass('filtered') &&
            !edge.target().hasClass('filtered');
          edge.toggleClass('filtered', !shown);
        });
    });
    this.declutter();
  }

  /** Highlights the given elements and dims the rest; an empty set clears the highlight. */
  highlight(ids: ReadonlySet<string>): void {
    unfoldHolding(this.cy, ids);
    this.cy.batch(() => {
      this.cy.elements().removeClass('path dimmed');
      if (ids.size === 0) return;
      this.cy.elements().forEach((element) => {
        element.addClass(ids.has(element.id()) ? 'path' : 'dimmed');
      });
    });
    this.declutter();
  }

  highlightedEdgeIds(): string[] {
    return this.cy.edges('.path').map((e) => e.id());
  }

  select(id: string | null): void {
    this.cy.elements(':selected').unselect();
    if (!id) return;
    const element = this.cy.getElementById(id);
    if (element.empty()) return;
    const ends = element.isEdge() ? (element as unknown as EdgeSingular).connectedNodes() : element;
    unfoldHolding(
      this.cy,
      ends.map((n) => n.id()),
    );
    ends.removeClass('busy-hidden');
    element.select();
    if (element.isNode()) this.reveal(element);
    this.declutter();
  }

  selectedId(): string | null {
    const selected = this.cy.elements(':selected');
    return selected.nonempty() ? selected.first().id() : null;
  }

  /** Selects the nearest visible node in a direction from the selected one (keyboard navigation). */
  step(direction: Direction): string | null {
    const visible = shownEntities(this.cy);
    if (visible.empty()) return null;
    const current = this.cy.nodes(':selected').first();
    let origin: { x: number; y: number };
    if (current.nonempty()) origin = current.position();
    else {
      const extent = this.cy.extent();
      origin = { x: (extent.x1 + extent.x2) / 2, y: (extent.y1 + extent.y2) / 2 };
    }
    let best: NodeSingular | null = null;
    let bestScore = Infinity;
    visible.forEach((node) => {
      if (node.same(current)) return;
      const { x, y } = node.position();
      const dx = x - origin.x;
      const dy = y - origin.y;
      const along = direction === 'right' ? dx : direction === 'left' ? -dx : direction === 'down' ? dy : -dy;
      const across = direction === 'left' || direction === 'right' ? Math.abs(dy) : Math.abs(dx);
      if (current.nonempty() && along <= 0) return;
      const score = Math.abs(along) + 2 * across;
      if (score < bestScore) {
        bestScore = score;
        best = node;
      }
    });
    const chosen = best as NodeSingular | null;
    if (!chosen) return null;
    this.select(chosen.id());
    return chosen.id();
  }

  /** The ids of relations on the canvas that touch an entity, with the other end's name. */
  relationsOf(id: string): { id: string; type: string; otherName: string; outgoing: boolean }[] {
    const node = this.cy.getElementById(id);
    if (node.empty() || !node.isNode()) return [];
    return node
      .connectedEdges()
      .not('.filtered, .fold')
      .map((edge: EdgeSingular) => {
        const outgoing = edge.source().id() === id;
        const other = outgoing ? edge.target() : edge.source();
        return { id: edge.id(), type: String(edge.data('type')), otherName: String(other.data('name')), outgoing };
      });
  }

  fit(): void {
    // The shown entities, by class: their links lie between them, and asking for the links'
    // bounds (or for visible(), the style) computes them now, not once at the next frame.
    const shown = this.cy.nodes().not('.filtered, .folded, .busy-hidden');
    // Each frame of an animation is a full redraw: on a large canvas, two or three long frames.
    if (this.cy.edges().length > ANIMATE_MAX_EDGES) this.cy.fit(shown, 40);
    else this.cy.animate({ fit: { eles: shown, padding: 40 } }, { duration: 200 });
  }

  zoom(factor: number): void {
    const extent = this.cy.extent();
    this.cy.zoom({ level: this.cy.zoom() * factor, position: { x: (extent.x1 + extent.x2) / 2, y: (extent.y1 + extent.y2) / 2 } });
  }

  toJson(): CanvasJson {
    return {
      nodes: this.cy
        .nodes()
        .not('.fold')
        .map((n: NodeSingular) => {
          const { size: _size, ...entity } = n.data() as EntitySummary & { size: number };
          return { ...entity, expanded: n.hasClass('expanded'), pinned: n.hasClass('pinned'), position: { ...n.position() } };
        }),
      edges: this.cy
        .edges()
        .not('.fold')
        .map((e) => {
          const { source, target, width: _width, ...relation } = e.data() as EdgeData;
          return { ...relation, source: { id: source }, target: { id: target } };
        }),
    };
  }

  snapshot(): CanvasSnapshot {
    return { ...this.toJson(), folds: folds(this.cy), busy: this.busyHidden().map((b) => b.id), viewport: { zoom: this.cy.zoom(), pan: { ...this.cy.pan() } } };
  }

  /** Draws a snapshot in place of the canvas: same entities, links, positions, pins, folds. */
  load(snapshot: CanvasSnapshot): void {
    const cy = this.cy;
    cy.batch(() => {
      cy.elements().remove();
      cy.add(
        snapshot.nodes.map(({ expanded, pinned, position, ...entity }) => ({
          group: 'nodes' as const,
          data: nodeData(entity),
          position: { ...position },
          classes: [expanded ? 'expanded' : '', pinned ? 'pinned' : ''].join(' ').trim(),
        })),
      );
      cy.add(snapshot.edges.filter((e) => this.has(e.source.id) && this.has(e.target.id)).map((e) => ({ group: 'edges' as const, data: edgeData(e) })));
      cy.nodes('.pinned').lock();
      for (const fold of snapshot.folds) addFold(cy, fold);
      for (const id of snapshot.busy) cy.getElementById(id).addClass('busy-hidden');
    });
    cy.viewport({ zoom: snapshot.viewport.zoom, pan: { ...snapshot.viewport.pan } });
    this.declutter();
  }

  /**
   * The whole drawing as a PNG, with the labels shown on screen: cytoscape draws the image, so
   * for it alone the labelled entities get cytoscape labels of the same size on screen.
   */
  png(): Blob {
    const cy = this.cy;
    const labelled = cy.collection();
    for (const id of this.labels.labelled()) labelled.merge(cy.getElementById(id));
    const zoom = cy.zoom();
    cy.batch(() => labelled.data({ fs: FONT_PX / zoom, ow: 2 / zoom }).addClass('export-label'));
    // The labels' sizes are needed now, not at the next frame (a collection method cytoscape's types omit).
    (labelled as unknown as { recalculateRenderedStyle(useCache: boolean): void }).recalculateRenderedStyle(false);
    try {
      return cy.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff', maxWidth: 6000, maxHeight: 6000 });
    } finally {
      cy.batch(() => labelled.removeClass('export-label').removeData('fs ow'));
    }
  }

  private reveal(node: NodeSingular): void {
    const extent = this.cy.extent();
    const { x, y } = node.position();
    if (x < extent.x1 || x > extent.x2 || y < extent.y1 || y > extent.y2) {
      this.cy.animate({ center: { eles: node } }, { duration: 200 });
    }
  }

  /**
   * A few new nodes: start each beside its placed neighbours (or the anchor), then let fCoSE
   * settle them among the placed nodes nearby, which are held exactly where they are.
   */
  private async settle(added: NodeCollection, placed: NodeCollection, anchor: { x: number; y: number } | null): Promise<void> {
    const cy = this.cy;
    const extent = cy.extent();
    const centre = anchor ?? { x: (extent.x1 + extent.x2) / 2, y: (extent.y1 + extent.y2) / 2 };
    const radius = 80 + 12 * Math.sqrt(added.length);
    cy.batch(() => {
      added.forEach((node, i) => {
        const neighbours = node.neighborhood('node').difference(added);
        let base = centre;
        if (neighbours.nonempty()) {
          let sx = 0;
          let sy = 0;
          neighbours.forEach((n) => {
            sx += n.position('x');
            sy += n.position('y');
          });
          base = { x: sx / neighbours.length, y: sy / neighbours.length };
        }
        const angle = (2 * Math.PI * i) / added.length;
        node.position({ x: base.x + radius * Math.cos(angle), y: base.y + radius * Math.sin(angle) });
      });
    });
    // Fixed-node constraints cost fCoSE dearly: hold only the placed nodes closest to the new ones.
    const box = added.boundingBox({});
    const mid = { x: (box.x1 + box.x2) / 2, y: (box.y1 + box.y2) / 2 };
    const margin = 250;
    const nearby = placed
      .filter((n: NodeSingular) => {
        const { x, y } = n.position();
        return x >= box.x1 - margin && x <= box.x2 + margin && y >= box.y1 - margin && y <= box.y2 + margin;
      })
      .sort((a, b) => distance((a as NodeSingular).position(), mid) - distance((b as NodeSingular).position(), mid))
      .slice(0, FIXED_MAX);
    const nodes = added.union(nearby);
    const edges = nodes.connectedEdges().filter((e: EdgeSingular) => nodes.contains(e.source()) && nodes.contains(e.target()));
    await runLayout(
      this.cy,
      nodes.union(edges),
      'fcose',
      {
        randomize: false,
        quality: 'proof',
        packComponents: false,
        fixedNodeConstraint: nearby.map((n: NodeSingular) => ({ nodeId: n.id(), position: { ...n.position() } })),
      },
      { animate: true, animationDuration: 250 },
    );
  }

  /**
   * Many new nodes (a hub's neighbourhood): a force layout among hundreds of held nodes would
   * freeze the page, so they go on arcs in a fan beyond the drawing, on the anchor's side,
   * best connected (the API's order) nearest. Linear time.
   */
  private fan(added: NodeCollection, placed: NodeCollection, anchor: { x: number; y: number } | null): void {
    const box = placed.boundingBox({});
    const centre = { x: (box.x1 + box.x2) / 2, y: (box.y1 + box.y2) / 2 };
    const from = anchor ?? centre;
    let ux = from.x - centre.x;
    let uy = from.y - centre.y;
    const length = Math.hypot(ux, uy);
    if (length < 1) {
      ux = 1;
      uy = 0;
    } else {
      ux /= length;
      uy /= length;
    }
    // The first arc starts just beyond the drawing's edge along that direction.
    const reach = (Math.abs(ux) * box.w) / 2 + (Math.abs(uy) * box.h) / 2 + 90;
    const origin = { x: centre.x + ux * (reach - 60), y: centre.y + uy * (reach - 60) };
    const heading = Math.atan2(uy, ux);
    const spread = (150 * Math.PI) / 180;
    const spacing = 55;
    let ring = 0;
    let index = 0;
    const nodes = added.toArray();
    this.cy.batch(() => {
      while (index < nodes.length) {
        const radius = 60 + ring * spacing;
        const capacity = Math.max(1, Math.floor((radius * spread) / spacing));
        const count = Math.min(capacity, nodes.length - index);
        for (let k = 0; k < count; k++) {
          const angle = heading - spread / 2 + (count === 1 ? spread / 2 : (spread * k) / (count - 1));
          nodes[index++]!.position({ x: origin.x + radius * Math.cos(angle), y: origin.y + radius * Math.sin(angle) });
        }
        ring++;
      }
    });
  }

  private async placeNew(added: NodeCollection, anchorId?: string): Promise<void> {
    const cy = this.cy;
    if (added.empty()) return;
    const placed = cy.nodes().difference(added);
    if (placed.empty()) {
      // Spectral placement alone for big first drawings: the force refinement costs seconds there.
      await runLayout(
        cy,
        cy.elements(),
        'fcose',
        {
          randomize: true,
          quality: added.length > DRAFT_ABOVE ? 'draft' : 'default',
          packComponents: true,
        },
        { fit: true, padding: 40 },
      );
      return;
    }
    const anchor = anchorId ? cy.getElementById(anchorId) : cy.collection();
    if (added.length > FORCE_LAYOUT_MAX_NEW) this.fan(added, placed, anchor.nonempty() && anchor.isNode() ? anchor.position() : null);
    else await this.settle(added, placed, anchor.nonempty() && anchor.isNode() ? anchor.position() : null);
    const after = cy.extent();
    const outside = added.some((n) => {
      const { x, y } = (n as NodeSingular).position();
      return x < after.x1 || x > after.x2 || y < after.y1 || y > after.y2;
    });
    if (outside) this.fit();
  }
}

type EdgeData = Omit<RelationSummary, 'source' | 'target'> & { source: string; target: string; width: number };

// `size` and `width` feed the style's mapData (which needs numbers); the rest is the API's data.
function nodeData(node: EntitySummary): Record<string, unknown> {
  return { ...node, size: Math.max(1, node.mentionCount ?? 1) };
}

function edgeData(edge: RelationSummary): EdgeData {
  const width = edge.type === 'ASSOCIATED_WITH' ? edge.weight : edge.evidenceCount;
  return { ...edge, source: edge.source.id, target: edge.target.id, width: Math.max(1, width ?? 1) };
}

/** Classes `parallel` the edges that share both ends with another edge (either direction). */
export function markParallel(cy: Core): void {
  const edges = cy.edges();
  const count = new Map<string, number>();
  const key = (e: EdgeSingular) => {
    const a = e.data('source') as string;
    const b = e.data('target') as string;
    return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
  };
  edges.forEach((e) => {
    const k = key(e);
    count.set(k, (count.get(k) ?? 0) + 1);
  });
  cy.batch(() => {
    edges.forEach((e) => {
      const parallel = (count.get(key(e)) ?? 0) > 1;
      if (parallel !== e.hasClass('parallel')) e.toggleClass('parallel', parallel);
    });
  });
}

function distance(a: { x: number; y: number }, b: { x: number; y: number }): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}
