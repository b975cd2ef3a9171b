// Leaves folded into their hub: the entities whose only link on the canvas goes to one hub are
// hidden behind one node per hub and type ("23 Cases of Russia"), which a click opens again.
// The leaves stay on the canvas (class `folded`, display: none) with their positions, so
// opening a fold puts them back exactly where they were.
import type { Core, NodeSingular } from 'cytoscape';

/** A hub gets a fold for a type once it has at least this many leaves of it. */
export const FOLD_MIN = 6;

const PLURAL: Record<string, string> = { Actor: 'Actors', State: 'States', Group: 'Groups', Case: 'Cases', Place: 'Places' };

export interface Fold {
  hub: string;
  type: string;
  members: string[];
}

export function foldId(hub: string, type: string): string {
  return `fold:${hub}|${type}`;
}

/** The entities on the canvas that are shown (not filtered, folded or hidden as busy). */
export function shownEntities(cy: Core) {
  return cy.nodes().not('.fold, .filtered, .folded, .busy-hidden');
}

/**
 * Folds the leaves of `hubs` (every shown entity when omitted). A leaf is an entity whose
 * shown links all go to one hub; selected entities and those on a highlighted path stay out.
 * Returns the folds made.
 */
export function foldLeaves(cy: Core, hubs?: readonly string[], min = FOLD_MIN): Fold[] {
  const shown = shownEntities(cy);
  const groups = new Map<string, Fold>();
  shown.forEach((node) => {
    if (node.selected() || node.hasClass('path') || node.hasClass('expanded') || node.locked()) return;
    // The one entity at the other end of every shown link, if there is one. A loop over the
    // links by id, not collection operations: at 500 entities those cost about 100 ms.
    const id = node.id();
    let hub = null as string | null;
    let leaf = true;
    node.connectedEdges().forEach((edge) => {
      if (edge.hasClass('filtered') || edge.hasClass('fold')) return;
      const other = edge.source().id() === id ? edge.target() : edge.source();
      if (other.id() === id || other.hasClass('folded') || other.hasClass('busy-hidden')) return;
      if (hub !== null && hub !== other.id()) {
        leaf = false;
        return false;
      }
      hub = other.id();
    });
    if (!leaf || hub === null) return;
    if (hubs && !hubs.includes(hub)) return;
    const type = String(node.data('type'));
    const key = foldId(hub, type);
    const fold = groups.get(key) ?? { hub, type, members: [] };
    fold.members.push(node.id());
    groups.set(key, fold);
  });
  const made: Fold[] = [];
  cy.batch(() => {
    for (const fold of groups.values()) {
      const existing = cy.getElementById(foldId(fold.hub, fold.type));
      const members = existing.nonempty() ? [...new Set([...(existing.data('members') as string[]), ...fold.members])] : fold.members;
      if (members.length < min) continue;
      existing.remove();
      made.push(addFold(cy, { ...fold, members }));
    }
  });
  return made;
}

/** Draws a fold (its members hidden) near its members' centre. */
export function addFold(cy: Core, fold: Fold): Fold {
  const hub = cy.getElementById(fold.hub);
  const members = cy.collection();
  for (const id of fold.members) members.merge(cy.getElementById(id));
  if (hub.empty() || members.empty()) return fold;
  let sx = 0;
  let sy = 0;
  members.forEach((m) => {
    sx += (m as NodeSingular).position('x');
    sy += (m as NodeSingular).position('y');
  });
  const centre = { x: sx / members.length, y: sy / members.length };
  const hubAt = (hub as NodeSingular).position();
  // Halfway between the hub and its leaves: the fold reads as part of the hub.
  const position = { x: (hubAt.x + centre.x) / 2, y: (hubAt.y + centre.y) / 2 };
  const id = foldId(fold.hub, fold.type);
  const name = `${members.length} ${members.length === 1 ? fold.type : (PLURAL[fold.type] ?? fold.type)} of ${String(hub.data('name'))}`;
  members.addClass('folded');
  cy.add([
    {
      group: 'nodes',
      data: { id, name, hub: fold.hub, type: fold.type, members: members.map((m) => m.id()), size: Math.min(80, 10 + members.length) },
      classes: 'fold',
      position,
    },
    { group: 'edges', data: { id: `${id}|edge`, source: fold.hub, target: id, width: 2 }, classes: 'fold' },
  ]);
  return { ...fold, members: members.map((m) => m.id()) };
}

/** Opens a fold: its members come back where they were. Returns their ids. */
export function unfold(cy: Core, id: string): string[] {
  const fold = cy.getElementById(id);
  if (fold.empty() || !fold.hasClass('fold')) return [];
  const members = (fold.data('members') as string[]).filter((m) => cy.getElementById(m).nonempty());
  cy.batch(() => {
    for (const m of members) cy.getElementById(m).removeClass('folded');
    fold.remove();
  });
  return members;
}

/** Opens every fold holding one of `ids` (a path or a selection must be visible). */
export function unfoldHolding(cy: Core, ids: Iterable<string>): void {
  const wanted = new Set(ids);
  cy.nodes('.fold').forEach((fold) => {
    if ((fold.data('members') as string[]).some((m) => wanted.has(m))) unfold(cy, fold.id());
  });
}

export function folds(cy: Core): Fold[] {
  return cy.nodes('.fold').map((f) => ({ hub: String(f.data('hub')), type: String(f.data('type')), members: [...(f.data('members') as string[])] }));
}
