// The details panel: an entity (aliases, its type's properties, mentions over time, the
// articles that mention it) or a relation (every sentence behind it with both names
// highlighted, where each comes from, the rule and confidence, and curation buttons).
import type { ArticleRef, EntityDetails, EvidenceItem, RelationDetails, RelationStatus, TimelineEntry } from './documents.js';
import { h } from './dom.js';
import { typeBadge } from './style.js';

export interface NodePanelActions {
  expand(id: string): void;
  pathFrom(id: string): void;
  pathTo(id: string): void;
  remove(id: string): void;
  selectRelation(id: string): void;
}

export function nodePanel(
  entity: EntityDetails,
  timeline: readonly TimelineEntry[],
  canvasRelations: readonly { id: string; type: string; otherName: string; outgoing: boolean }[],
  expanded: boolean,
  actions: NodePanelActions,
): HTMLElement {
  const properties: [string, string | null | undefined][] = [
    ['Type', entity.type],
    ['Aliases', entity.aliases.length ? entity.aliases.join(', ') : 'none'],
    ['Role', entity.role],
    ['ISO 3166 code', entity.iso3],
    ['Kind', entity.groupKind ?? entity.caseKind],
    ['Date', entity.date],
    ['Mentions', `${entity.mentionCount} in ${entity.articleCount} article${entity.articleCount === 1 ? '' : 's'}`],
    ['First seen', entity.firstSeen],
    ['Last seen', entity.lastSeen],
    ['Origin', entity.origin],
    ['Id', entity.id],
  ];
  return h(
    'article',
    { class: 'panel', 'aria-label': `Entity ${entity.name}`, 'data-panel': 'entity' },
    h('h2', { tabindex: '-1' }, typeBadge(entity.type), ' ', entity.name),
    h(
      'div',
      { class: 'panel-actions' },
      h('button', { type: 'button', onclick: () => actions.expand(entity.id) }, expanded ? 'Expand again' : 'Expand neighbours'),
      h('button', { type: 'button', onclick: () => actions.pathFrom(entity.id) }, 'Path from here'),
      h('button', { type: 'button', onclick: () => actions.pathTo(entity.id) }, 'Path to here'),
      h('button', { type: 'button', onclick: () => actions.remove(entity.id) }, 'Remove from canvas'),
    ),
    definitionList(properties),
    h('h3', {}, 'Mentions over time'),
    mentionsChart(timeline),
    h('h3', {}, `Relations on the canvas (${canvasRelations.length})`),
    listOrNote(
      h('ul', { class: 'relation-list' }),
      canvasRelations.map((r) =>
        h(
          'li',
          {},
          h(
            'button',
            { type: 'button', class: 'link', onclick: () => actions.selectRelation(r.id) },
            r.outgoing ? `${entity.name} —${r.type}→ ${r.otherName}` : `${r.otherName} —${r.type}→ ${entity.name}`,
          ),
        ),
      ),
      'None shown: expand it to bring in its neighbours.',
    ),
    h('h3', {}, `Articles that mention it (${timeline.length})`),
    listOrNote(
      h('ul', { class: 'article-list' }),
      timeline.map((entry) =>
        h('li', {}, articleLine(entry.article), h('span', { class: 'muted' }, ` · ${entry.mentions} mention${entry.mentions === 1 ? '' : 's'}`)),
      ),
      'No article mentions it (added by an analyst or imported).',
    ),
  );
}

export interface RelationPanelActions {
  /** Null when the viewer's role may not curate. */
  setStatus: ((id: string, status: RelationStatus, note: string) => Promise<void>) | null;
  role: string;
  selectEntity(id: string): void;
  loadMore(after: string): Promise<void>;
}

export function relationPanel(relation: RelationDetails, evidence: readonly EvidenceItem[], actions: RelationPanelActions): HTMLElement {
  const names = [
    { className: 'mark-source', names: [relation.source.name, ...relation.source.aliases] },
    { className: 'mark-target', names: [relation.target.name, ...relation.target.aliases] },
  ];
  const properties: [string, string | null | undefined][] = [
    ['Claim', relation.claim?.toLowerCase() ?? (relation.type === 'ASSOCIATED_WITH' ? 'co-occurrence' : null)],
    ['Confidence', relation.type === 'ASSOCIATED_WITH' ? `${relation.weight ?? 0} shared sentence(s)` : relation.confidence.toFixed(2)],
    ['Evidence', String(relation.evidenceCount)],
    ['Status', relation.status],
    ['Analyst note', relation.note],
    ['Rules', relation.rules.join(', ')],
    ['First seen', relation.firstSeen],
    ['Last seen', relation.lastSeen],
    ['Origin', relation.origin],
  ];
  let curation: HTMLElement;
  if (actions.setStatus) {
    const setStatus = actions.setStatus;
    const note = h('textarea', { id: 'curation-note', rows: '2', maxlength: '2000', placeholder: 'Why (kept with the decision)' });
    note.value = relation.note ?? '';
    const decide = (status: RelationStatus) => async (event: Event) => {
      const buttons = (event.currentTarget as HTMLElement).parentElement?.querySelectorAll('button') ?? [];
      buttons.forEach((b) => {
        b.disabled = true;
      });
      try {
        await setStatus(relation.id, status, note.value.trim());
      } finally {
        buttons.forEach((b) => {
          b.disabled = false;
        });
      }
    };
    curation = h(
      'div',
      { class: 'curation' },
      h('label', { for: 'curation-note' }, 'Note'),
      note,
      h(
        'div',
        { class: 'panel-actions' },
        h('button', { type: 'button', class: 'confirm', onclick: decide('CONFIRMED'), disabled: relation.status === 'CONFIRMED' }, 'Confirm link'),
        h('button', { type: 'button', class: 'reject', onclick: decide('REJECTED'), disabled: relation.status === 'REJECTED' }, 'Reject link'),
        relation.status !== 'AUTO' && h('button', { type: 'button', onclick: decide('AUTO') }, 'Clear decision'),
      ),
    );
  } else {
    curation = h('p', { class: 'muted' }, `Confirming or rejecting links needs the analyst role; this session has the ${actions.role} role.`);
  }
  const more = relation.evidence.pageInfo.hasNextPage && relation.evidence.pageInfo.endCursor;
  return h(
    'article',
    { class: 'panel', 'aria-label': `Relation ${relation.source.name} ${relation.type} ${relation.target.name}`, 'data-panel': 'relation' },
    h(
      'h2',
      { tabindex: '-1' },
      h('button', { type: 'button', class: 'link', onclick: () => actions.selectEntity(relation.source.id) }, relation.source.name),
      ` —${relation.type}→ `,
      h('button', { type: 'button', class: 'link', onclick: () => actions.selectEntity(relation.target.id) }, relation.target.name),
    ),
    definitionList(properties),
    curation,
    h('h3', {}, `Evidence (${relation.evidence.totalCount} sentence${relation.evidence.totalCount === 1 ? '' : 's'})`),
    listOrNote(
      h('ol', { class: 'evidence-list' }),
      evidence.map((item) => evidenceItem(item, names)),
      'No sentence: an analyst added this link (see the note).',
    ),
    more &&
      h(
        'button',
        {
          type: 'button',
          onclick: (event: Event) => {
            (event.currentTarget as HTMLButtonElement).disabled = true;
            void actions.loadMore(more);
          },
        },
        'More evidence',
      ),
  );
}

function evidenceItem(item: EvidenceItem, names: { className: string; names: string[] }[]): HTMLElement {
  const meta: (string | Node)[] = [];
  if (item.article) meta.push(articleLine(item.article));
  return h(
    'li',
    { class: 'evidence' },
    h('blockquote', { class: 'sentence' }, ...highlight(item.sentence, names)),
    h('p', { class: 'evidence-meta' }, ...meta),
    h(
      'p',
      { class: 'evidence-meta muted' },
      `rule ${item.rule} · confidence ${item.confidence.toFixed(2)}`,
      item.claim ? ` · ${item.claim.toLowerCase()}` : '',
      item.assertedBy ? ` · according to ${item.assertedBy}` : '',
      item.role ? ` · role: ${item.role}` : '',
    ),
  );
}

function articleLine(article: ArticleRef): HTMLElement {
  const title = article.title || article.source || article.id;
  const link =
    article.url && /^https?:\/\//i.test(article.url)
      ? h('a', { href: article.url, target: '_blank', rel: 'noopener noreferrer' }, title)
      : h('span', { class: 'article-title' }, title);
  return h(
    'span',
    { class: 'article' },
    article.published ? h('time', { datetime: article.published }, article.published) : h('span', { class: 'muted' }, 'undated'),
    ' ',
    link,
    article.source && article.source !== title ? h('span', { class: 'muted' }, ` — ${article.source}`) : null,
  );
}

/** Splits a sentence into text and <mark>s around each entity's names (longest first, case-insensitive). */
export function highlight(sentence: string, groups: { className: string; names: string[] }[]): (string | HTMLElement)[] {
  const lower = sentence.toLowerCase();
  const spans: { start: number; end: number; className: string }[] = [];
  const candidates = groups
    .flatMap((g) => g.names.filter((n) => n.trim().length > 1).map((name) => ({ name: name.toLowerCase(), className: g.className })))
    .sort((a, b) => b.name.length - a.name.length);
  for (const { name, className } of candidates) {
    let from = 0;
    for (let at = lower.indexOf(name, from); at >= 0; at = lower.indexOf(name, from)) {
      const end = at + name.length;
      from = end;
      const wordStart = at === 0 || !/[\p{L}\p{N}]/u.test(lower[at - 1] ?? '');
      const wordEnd = end === lower.length || !/[\p{L}\p{N}]/u.test(lower[end] ?? '');
      if (!wordStart || !wordEnd) continue;
      if (spans.some((s) => at < s.end && end > s.start)) continue;
      spans.push({ start: at, end, className });
    }
  }
  spans.sort((a, b) => a.start - b.start);
  const parts: (string | HTMLElement)[] = [];
  let cursor = 0;
  for (const span of spans) {
    if (span.start > cursor) parts.push(sentence.slice(cursor, span.start));
    parts.push(h('mark', { class: span.className }, sentence.slice(span.start, span.end)));
    cursor = span.end;
  }
  if (cursor < sentence.length) parts.push(sentence.slice(cursor));
  return parts;
}

/** `list` holding `items`, or, when there are none, a muted note that says why. */
function listOrNote(list: HTMLElement, items: HTMLElement[], note: string): HTMLElement {
  if (!items.length) return h('p', { class: 'muted' }, note);
  list.append(...items);
  return list;
}

function definitionList(rows: [string, string | null | undefined][]): HTMLElement {
  const list = h('dl', { class: 'properties' });
  for (const [label, value] of rows) {
    if (value === null || value === undefined || value === '') continue;
    list.append(h('dt', {}, label), h('dd', {}, value));
  }
  return list;
}

/** Mentions per month (per year over long spans) as a small bar chart in inline SVG. */
export function mentionsChart(timeline: readonly TimelineEntry[]): Element {
  const dated = timeline.filter((e): e is TimelineEntry & { date: string } => typeof e.date === 'string' && /^\d{4}-\d{2}/.test(e.date));
  if (!dated.length) return h('p', { class: 'muted' }, timeline.length ? 'The articles that mention it carry no dates.' : 'No mentions yet.');
  const months = dated.map((e) => e.date.slice(0, 7)).sort();
  const first = months[0] ?? '';
  const last = months[months.length - 1] ?? '';
  const span = monthIndex(last) - monthIndex(first);
  const byYear = span > 36;
  const buckets: string[] = [];
  if (byYear) for (let y = Number(first.slice(0, 4)); y <= Number(last.slice(0, 4)); y++) buckets.push(String(y));
  else for (let m = monthIndex(first); m <= monthIndex(last); m++) buckets.push(`${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`);
  const counts = new Map<string, number>(buckets.map((b) => [b, 0]));
  for (const entry of dated) {
    const key = byYear ? entry.date.slice(0, 4) : entry.date.slice(0, 7);
    counts.set(key, (counts.get(key) ?? 0) + entry.mentions);
  }
  const max = Math.max(1, ...counts.values());
  const width = 280;
  const height = 70;
  const barWidth = width / buckets.length;
  const svgNs = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height + 14}`);
  svg.setAttribute('class', 'chart');
  svg.setAttribute('role', 'img');
  svg.setAttribute(
    'aria-label',
    `Mentions per ${byYear ? 'year' : 'month'}: ${[...counts]
      .filter(([, c]) => c > 0)
      .map(([k, c]) => `${k}: ${c}`)
      .join(', ')}`,
  );
  buckets.forEach((bucket, i) => {
    const count = counts.get(bucket) ?? 0;
    const barHeight = (count / max) * height;
    const rect = document.createElementNS(svgNs, 'rect');
    rect.setAttribute('x', String(i * barWidth + 1));
    rect.setAttribute('y', String(height - barHeight));
    rect.setAttribute('width', String(Math.max(1, barWidth - 2)));
    rect.setAttribute('height', String(Math.max(count ? 1 : 0, barHeight)));
    const title = document.createElementNS(svgNs, 'title');
    title.textContent = `${bucket}: ${count} mention${count === 1 ? '' : 's'}`;
    rect.appendChild(title);
    svg.appendChild(rect);
  });
  for (const [text, anchor, x] of [
    [buckets[0] ?? '', 'start', 0],
    [buckets[buckets.length - 1] ?? '', 'end', width],
  ] as const) {
    const label = document.createElementNS(svgNs, 'text');
    label.setAttribute('x', String(x));
    label.setAttribute('y', String(height + 12));
    label.setAttribute('text-anchor', anchor);
    label.textContent = text;
    svg.appendChild(label);
  }
  return svg;
}

function monthIndex(yearMonth: string): number {
  return Number(yearMonth.slice(0, 4)) * 12 + Number(yearMonth.slice(5, 7)) - 1;
}
