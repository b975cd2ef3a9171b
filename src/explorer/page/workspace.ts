// What a workspace holds (the canvas drawn exactly, the view, notes on entities and links),
// the undo/redo stacks of those states, and the Workspaces section of the sidebar.
import type { CanvasSnapshot } from './canvas.js';
import type { WorkspaceSummary } from './documents.js';
import { clear, h } from './dom.js';
import type { ViewState } from './view-state.js';

export interface WorkspaceState {
  version: 1;
  view: ViewState;
  canvas: CanvasSnapshot;
  /** Notes on entities and links, by id. */
  notes: Record<string, string>;
  /** The entity ids on the canvas (the API counts them for lists). */
  entities: string[];
}

/** Reads a saved state, naming what is wrong with it. */
export function parseState(text: string, name: string): WorkspaceState {
  let state: Partial<WorkspaceState>;
  try {
    state = JSON.parse(text) as Partial<WorkspaceState>;
  } catch {
    throw new Error(`The workspace “${name}” is not JSON: it cannot be opened.`);
  }
  if (state.version !== 1 || !state.view || !state.canvas || !Array.isArray(state.canvas.nodes)) {
    throw new Error(`The workspace “${name}” was not saved by this explorer (no version 1 canvas).`);
  }
  return { notes: {}, entities: [], ...state } as WorkspaceState;
}

/** Undo and redo over whole states (every canvas action records the state before it). */
export class UndoStack {
  private readonly undoList: WorkspaceState[] = [];
  private redoList: WorkspaceState[] = [];

  constructor(private readonly depth = 50) {}

  record(before: WorkspaceState): void {
    this.undoList.push(before);
    if (this.undoList.length > this.depth) this.undoList.shift();
    this.redoList = [];
  }

  undo(current: WorkspaceState): WorkspaceState | null {
    const state = this.undoList.pop();
    if (state) this.redoList.push(current);
    return state ?? null;
  }

  redo(current: WorkspaceState): WorkspaceState | null {
    const state = this.redoList.pop();
    if (state) this.undoList.push(current);
    return state ?? null;
  }

  get canUndo(): boolean {
    return this.undoList.length > 0;
  }
  get canRedo(): boolean {
    return this.redoList.length > 0;
  }
}

export interface WorkspaceActions {
  save(name: string): Promise<void>;
  open(workspace: WorkspaceSummary): void;
  share(workspace: WorkspaceSummary): void;
  remove(workspace: WorkspaceSummary): void;
  refresh(): void;
}

export function workspaceSection(actions: WorkspaceActions): { element: HTMLElement; show(list: readonly WorkspaceSummary[], canWrite: boolean): void } {
  const name = h('input', { id: 'workspace-name', type: 'text', maxlength: '200', placeholder: 'Name this investigation' });
  const save = h('button', { type: 'submit', id: 'workspace-save' }, 'Save');
  const form = h('form', { class: 'row' }, name, save);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void actions.save(name.value.trim());
  });
  const list = h('ul', { id: 'workspace-list', class: 'workspace-list' });
  const element = h(
    'div',
    { class: 'section' },
    h('label', { for: 'workspace-name' }, 'Save the canvas (entities, positions, pins, folds, filters, notes)'),
    form,
    list,
    h('button', { type: 'button', class: 'link', onclick: () => actions.refresh() }, 'Refresh list'),
  );
  return {
    element,
    show(workspaces, canWrite) {
      save.disabled = !canWrite;
      save.title = canWrite ? '' : 'Saving needs the analyst role';
      clear(list);
      if (!workspaces.length) list.append(h('li', { class: 'muted' }, 'No saved workspaces yet.'));
      for (const w of workspaces) {
        list.append(
          h(
            'li',
            { 'data-id': w.id },
            h('button', { type: 'button', class: 'link', 'data-action': 'open', onclick: () => actions.open(w) }, w.name),
            h('span', { class: 'muted' }, ` ${w.entityCount} entities · ${w.savedBy} · ${w.savedAt.slice(0, 16).replace('T', ' ')} `),
            h('button', { type: 'button', class: 'link', 'data-action': 'share', onclick: () => actions.share(w) }, 'link'),
            canWrite ? h('button', { type: 'button', class: 'link', 'data-action': 'delete', onclick: () => actions.remove(w) }, 'delete') : null,
          ),
        );
      }
    },
  };
}
