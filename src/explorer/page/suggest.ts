// Entity suggestions as you type (name, type, mention count), as an ARIA combobox:
// ArrowUp/ArrowDown move through the results, Enter chooses, Escape closes.
import { ApiError, errorMessage, gql, isAbort } from './api.js';
import { SEARCH, type EntitySummary } from './documents.js';
import { clear, h } from './dom.js';
import { typeBadge } from './style.js';

export interface SuggestOptions {
  input: HTMLInputElement;
  onChoose(entity: EntitySummary): void;
  /** Reports an error or an empty result to the page's message area. */
  report(message: string, kind: 'error' | 'info'): void;
  /** Takes back a message this box reported, if the page still shows it (a later search succeeded). */
  withdraw?(message: string): void;
}

let counter = 0;

export class EntitySuggest {
  readonly list: HTMLUListElement;
  private results: EntitySummary[] = [];
  private active = -1;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private controller: AbortController | undefined;
  private lastText = '';
  /** What this box last reported, withdrawn once a search finds something. */
  private reported: string | null = null;
  /** The entity the input currently names (set when one is chosen, cleared on typing). */
  chosen: EntitySummary | null = null;

  constructor(private readonly options: SuggestOptions) {
    const { input } = options;
    const id = `suggest-${++counter}`;
    this.list = h('ul', { id, class: 'suggestions', role: 'listbox', hidden: true });
    input.after(this.list);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', id);
    input.setAttribute('autocomplete', 'off');
    input.addEventListener('input', () => {
      this.chosen = null;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.search(), 150);
    });
    input.addEventListener('keydown', (event) => this.onKey(event));
    input.addEventListener('blur', () => setTimeout(() => this.close(), 150));
  }

  /** Shows `entity` as chosen without searching. */
  set(entity: EntitySummary | null): void {
    this.chosen = entity;
    this.options.input.value = entity?.name ?? '';
    this.close();
  }

  /** Runs the search now (e.g. Enter before the debounce fired); resolves when results are shown. */
  async search(): Promise<void> {
    const text = this.options.input.value.trim().slice(0, 200);
    this.controller?.abort();
    if (!text) {
      this.close();
      return;
    }
    const controller = new AbortController();
    this.controller = controller;
    this.lastText = text;
    try {
      const data = await gql<{ search: { edges: { node: EntitySummary }[] } }>(SEARCH, { text, first: 10 }, controller.signal);
      if (controller.signal.aborted) return;
      this.results = data.search.edges.map((e) => e.node);
      this.render();
      if (this.reported !== null) this.options.withdraw?.(this.reported);
      this.reported = null;
      if (this.results.length === 0) this.tell(`No entity matches “${text}”. Try part of a name or an alias.`, 'info');
    } catch (error) {
      if (isAbort(error) || controller.signal.aborted) return;
      this.results = [];
      this.renderNotice(`Search failed: ${errorMessage(error)}`);
      this.tell(error instanceof ApiError ? error.message : `Search failed: ${errorMessage(error)}`, 'error');
    }
  }

  private tell(message: string, kind: 'error' | 'info'): void {
    this.reported = message;
    this.options.report(message, kind);
  }

  private render(): void {
    clear(this.list);
    this.active = this.results.length ? 0 : -1;
    if (!this.results.length) {
      this.renderNotice(`No entity matches “${this.lastText}”`);
      return;
    }
    this.results.forEach((entity, i) => {
      const item = h(
        'li',
        { id: `${this.list.id}-${i}`, role: 'option', 'aria-selected': String(i === this.active), 'data-id': entity.id },
        h('span', { class: 'suggestion-name' }, entity.name),
        ' ',
        typeBadge(entity.type),
        ' ',
        h('span', { class: 'suggestion-count' }, `${entity.mentionCount} mention${entity.mentionCount === 1 ? '' : 's'}`),
      );
      item.addEventListener('mousedown', (event) => {
        event.preventDefault();
        this.choose(i);
      });
      this.list.appendChild(item);
    });
    this.open();
  }

  private renderNotice(text: string): void {
    clear(this.list);
    this.list.appendChild(h('li', { class: 'suggestion-notice', role: 'option', 'aria-disabled': 'true' }, text));
    this.open();
  }

  private open(): void {
    this.list.hidden = false;
    this.options.input.setAttribute('aria-expanded', 'true');
    this.updateActive();
  }

  private close(): void {
    this.list.hidden = true;
    this.options.input.setAttribute('aria-expanded', 'false');
    this.options.input.removeAttribute('aria-activedescendant');
  }

  private updateActive(): void {
    [...this.list.children].forEach((child, i) => child.setAttribute('aria-selected', String(i === this.active)));
    if (this.active >= 0) this.options.input.setAttribute('aria-activedescendant', `${this.list.id}-${this.active}`);
    else this.options.input.removeAttribute('aria-activedescendant');
  }

  private choose(index: number): void {
    const entity = this.results[index];
    if (!entity) return;
    this.set(entity);
    this.options.onChoose(entity);
  }

  private onKey(event: KeyboardEvent): void {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (this.list.hidden) {
        if (this.results.length) this.open();
        return;
      }
      if (!this.results.length) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      this.active = (this.active + step + this.results.length) % this.results.length;
      this.updateActive();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      clearTimeout(this.timer);
      const text = this.options.input.value.trim();
      if (!this.list.hidden && this.results.length && text.slice(0, 200) === this.lastText) this.choose(Math.max(0, this.active));
      else if (text) void this.search();
    } else if (event.key === 'Escape') {
      if (!this.list.hidden) {
        event.preventDefault();
        event.stopPropagation();
        this.close();
      }
    }
  }
}
