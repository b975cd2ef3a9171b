// The timeline under the canvas: the links shown, counted by the month their evidence was
// first seen. Dragging across it (a range brush) keeps the canvas to that range (the date
// filters); Play shows the graph grow month by month; "All dates" lifts the range.
import { clear, h } from './dom.js';

export interface Dated {
  firstSeen: string | null;
  lastSeen: string | null;
}

export interface TimelineEvents {
  /** A range was brushed (yyyy-mm-dd, inclusive) or lifted (empty strings). */
  onRange(since: string, until: string): void;
}

const SVG = 'http://www.w3.org/2000/svg';
const HEIGHT = 54;
const AXIS = 14;

function months(from: string, to: string): string[] {
  const list: string[] = [];
  let [y, m] = from.slice(0, 7).split('-').map(Number) as [number, number];
  const end = to.slice(0, 7);
  for (let guard = 0; guard < 1200; guard++) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    list.push(key);
    if (key >= end) break;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return list;
}

function lastDay(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

export class Timeline {
  private buckets: string[] = [];
  private playing = false;
  private readonly svg: SVGSVGElement;
  private readonly caption: HTMLElement;
  private readonly play: HTMLButtonElement;

  constructor(
    readonly element: HTMLElement,
    private readonly events: TimelineEvents,
  ) {
    this.svg = document.createElementNS(SVG, 'svg');
    this.svg.setAttribute('height', String(HEIGHT));
    this.svg.setAttribute('role', 'img');
    this.svg.classList.add('timeline-chart');
    this.caption = h('span', { class: 'muted', id: 'timeline-caption' });
    this.play = h('button', { type: 'button', id: 'timeline-play', onclick: () => void this.run() }, 'Play');
    const all = h(
      'button',
      {
        type: 'button',
        id: 'timeline-all',
        onclick: () => {
          this.playing = false;
          this.events.onRange('', '');
        },
      },
      'All dates',
    );
    element.append(h('div', { class: 'timeline-bar' }, this.play, all, this.caption), this.svg);
    this.brush();
  }

  /** Redraws the bars for the links on the canvas, the chosen range shaded. */
  update(links: readonly Dated[], range: { since: string; until: string }): void {
    const dated = links
      .map((l) => l.firstSeen)
      .filter((d): d is string => Boolean(d))
      .sort();
    clear(this.svg as unknown as Element);
    const width = this.svg.getBoundingClientRect().width || 600;
    this.svg.setAttribute('viewBox', `0 0 ${width} ${HEIGHT}`);
    if (!dated.length) {
      this.buckets = [];
      this.caption.textContent = 'No dated link on the canvas.';
      this.svg.setAttribute('aria-label', 'Timeline: no dated link');
      return;
    }
    this.buckets = months(dated[0]!, dated[dated.length - 1]!);
    const counts = new Map<string, number>();
    for (const d of dated) counts.set(d.slice(0, 7), (counts.get(d.slice(0, 7)) ?? 0) + 1);
    const most = Math.max(...counts.values());
    const step = width / this.buckets.length;
    const inRange = (m: string) => (!range.since || lastDay(m) >= range.since) && (!range.until || `${m}-01` <= range.until);
    this.buckets.forEach((m, i) => {
      const count = counts.get(m) ?? 0;
      const bar = document.createElementNS(SVG, 'rect');
      const height = count ? Math.max(2, ((HEIGHT - AXIS - 4) * count) / most) : 0;
      bar.setAttribute('x', (i * step + 1).toFixed(1));
      bar.setAttribute('width', Math.max(1, step - 2).toFixed(1));
      bar.setAttribute('y', (HEIGHT - AXIS - height).toFixed(1));
      bar.setAttribute('height', height.toFixed(1));
      bar.setAttribute('fill', inRange(m) ? '#2471a3' : '#c8d1da');
      bar.setAttribute('data-month', m);
      bar.setAttribute('data-count', String(count));
      const title = document.createElementNS(SVG, 'title');
      title.textContent = `${m}: ${count} link${count === 1 ? '' : 's'} first seen`;
      bar.append(title);
      this.svg.append(bar);
    });
    for (const i of [0, this.buckets.length - 1]) {
      const label = document.createElementNS(SVG, 'text');
      label.setAttribute('x', String(i === 0 ? 2 : width - 2));
      label.setAttribute('y', String(HEIGHT - 2));
      label.setAttribute('font-size', '11');
      label.setAttribute('text-anchor', i === 0 ? 'start' : 'end');
      label.textContent = this.buckets[i]!;
      this.svg.append(label);
    }
    this.svg.setAttribute('aria-label', `Timeline of ${dated.length} dated links, ${this.buckets[0]} to ${this.buckets[this.buckets.length - 1]}`);
    this.caption.textContent =
      `${dated.length} dated links by month first seen` +
      (range.since || range.until
        ? ` · showing ${range.since || 'the start'} to ${range.until || 'the end'} (drag to change)`
        : ' · drag across to keep a range');
  }

  /** The months from the first to `until`, one at a time: the graph grows as it did. */
  private async run(): Promise<void> {
    if (this.playing || !this.buckets.length) return;
    this.playing = true;
    this.play.disabled = true;
    try {
      for (const m of this.buckets) {
        if (!this.playing) break;
        this.events.onRange('', lastDay(m));
        await new Promise((done) => setTimeout(done, 350));
      }
    } finally {
      this.playing = false;
      this.play.disabled = false;
    }
  }

  private brush(): void {
    let start: number | null = null;
    const monthAt = (event: MouseEvent) => {
      const box = this.svg.getBoundingClientRect();
      const i = Math.floor(((event.clientX - box.left) / Math.max(1, box.width)) * this.buckets.length);
      return Math.min(this.buckets.length - 1, Math.max(0, i));
    };
    this.svg.addEventListener('mousedown', (event) => {
      if (!this.buckets.length) return;
      start = monthAt(event);
      event.preventDefault();
    });
    window.addEventListener('mouseup', (event) => {
      if (start === null) return;
      const end = monthAt(event);
      const [a, b] = [Math.min(start, end), Math.max(start, end)];
      start = null;
      this.playing = false;
      this.events.onRange(`${this.buckets[a]}-01`, lastDay(this.buckets[b]!));
    });
  }
}
