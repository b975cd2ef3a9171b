// What the investigation commands print: aligned tables on a terminal, JSON when piped or with
// --json (so `threatgraph search X | jq` just works), CSV on request.
import { ThreatGraphError } from '../errors.js';
import { csvField } from '../export/csv.js';

export const OUTPUT_FORMATS = ['table', 'json', 'csv'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface Column {
  key: string;
  title?: string;
  /** Longest cell before it is cut with an ellipsis (ids and --wide are never cut). @default 60 */
  max?: number;
}

export type Row = Record<string, unknown>;

/** --format wins, then --json, then: a table on a terminal, JSON otherwise. */
export function outputFormat(options: { json?: boolean; format?: string }, stream: { isTTY?: boolean } = process.stdout): OutputFormat {
  if (options.format !== undefined) {
    const found = OUTPUT_FORMATS.find((f) => f === options.format);
    if (!found) throw new ThreatGraphError('cli', `--format must be one of ${OUTPUT_FORMATS.join(', ')}, got "${options.format}"`);
    return found;
  }
  if (options.json) return 'json';
  return stream.isTTY ? 'table' : 'json';
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/** Tables cut long cells unless --wide (a root option, set before any command runs). */
let wide = false;
export function setWide(value: boolean): void {
  wide = value;
}

/** One cell's text: lists joined, a nested object by its name, sentence or id, else its fields. */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(3).replace(/0+$/, '').replace(/\.$/, '');
  if (Array.isArray(value)) return value.map(cell).filter(Boolean).join(', ');
  if (typeof value === 'object') {
    const row = unwrapEdge(value) as Row;
    const named = row.name ?? row.sentence ?? row.id;
    if (named !== undefined && named !== null) return cell(named);
    return Object.entries(row)
      .filter(([k, v]) => k !== '__typename' && v !== null && v !== undefined)
      .map(([k, v]) => `${k}=${cell(v)}`)
      .join('; ');
  }
  return String(value).replace(/\s+/g, ' ');
}

/** Ids are never cut: a cut id cannot be pasted into the next command. */
const isIdColumn = (key: string) => key === 'id' || key.endsWith('.id') || key.endsWith('Id') || key === 'ids';

function columnsOf(rows: Row[]): Column[] {
  const keys: string[] = [];
  for (const row of rows) for (const key of Object.keys(row)) if (!keys.includes(key)) keys.push(key);
  return keys.map((key) => ({ key }));
}

/** Rows as an aligned text table; numbers right-aligned. */
export function renderTable(rows: Row[], columns: Column[] = columnsOf(rows)): string {
  if (rows.length === 0) return '(no rows)\n';
  const cut = (text: string, max: number) => (text.length > max ? text.slice(0, max - 1) + '…' : text);
  const grid = rows.map((row) => columns.map((c) => (wide || isIdColumn(c.key) ? cell(row[c.key]) : cut(cell(row[c.key]), c.max ?? 60))));
  const titles = columns.map((c) => c.title ?? c.key);
  const widths = titles.map((t, i) => Math.max(t.length, ...grid.map((r) => r[i]!.length)));
  const numeric = columns.map((c) => rows.every((r) => r[c.key] === null || r[c.key] === undefined || typeof r[c.key] === 'number'));
  const line = (cells: string[]) =>
    cells
      .map((text, i) => (numeric[i] ? text.padStart(widths[i]!) : text.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(titles), widths.map((w) => '-'.repeat(w)).join('  '), ...grid.map(line)].join('\n') + '\n';
}

export function renderCsv(rows: Row[], columns: Column[] = columnsOf(rows)): string {
  const field = (text: string) => (text === '' ? '' : csvField(text));
  return [columns.map((c) => field(c.title ?? c.key)).join(','), ...rows.map((r) => columns.map((c) => field(cell(r[c.key]))).join(','))].join('\n') + '\n';
}

/** Prints rows in the chosen format; JSON gets `json` when given (the richer, unflattened data). */
export function printRows(format: OutputFormat, rows: Row[], columns?: Column[], json: unknown = rows): void {
  if (format === 'json') printJson(json);
  else process.stdout.write(format === 'csv' ? renderCsv(rows, columns) : renderTable(rows, columns));
}

/**
 * A GraphQL result as tables: every list of the result (not inside another list) is one
 * section named by its path ("state.proxies"); connection edges are unwrapped to their node
 * (and what sits beside it), nested objects become dotted columns ("other.name"). A result
 * without lists is one row.
 */
export function resultSections(data: unknown): { title: string; rows: Row[] }[] {
  const sections: { title: string; rows: Row[] }[] = [];
  const walk = (value: unknown, path: string[]) => {
    if (Array.isArray(value)) {
      sections.push({ title: path.filter((p) => p !== 'edges').join('.'), rows: value.map((item) => flatten(unwrapEdge(item))) });
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
    }
  };
  walk(data, []);
  return sections.length > 0 ? sections : [{ title: '', rows: [flatten(data)] }];
}

function unwrapEdge(item: unknown): unknown {
  if (item && typeof item === 'object' && 'node' in item) {
    const { node, cursor: _cursor, ...rest } = item as Row;
    return node && typeof node === 'object' ? { ...(node as Row), ...rest } : item;
  }
  return item;
}

/** A short text for an item of a nested list: its name, id or sentence, else JSON. */
function label(item: unknown): unknown {
  const v = unwrapEdge(item);
  if (!v || typeof v !== 'object') return v;
  const row = v as Row;
  return row.name ?? row.sentence ?? row.id ?? JSON.stringify(v);
}

function flatten(value: unknown, prefix = '', out: Row = {}): Row {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k === '__typename' || k === 'pageInfo') continue;
      flatten(v, prefix ? `${prefix}.${k}` : k, out);
    }
  } else if (Array.isArray(value)) {
    out[prefix.replace(/\.edges$/, '')] = value.map(label);
  } else {
    out[prefix || 'value'] = value;
  }
  return out;
}

/** The evidence behind a link as path and tied print it: its sentence and where it was read. */
export interface EvidenceCells {
  sentence: string | null;
  article: string | null;
  url: string | null;
}

type ArticleRef = { title?: string | null; published?: string | null; url?: string | null; source?: string | null };

export function evidenceCells(ev: { sentence: string; article?: ArticleRef | null } | null | undefined): EvidenceCells {
  return {
    sentence: ev?.sentence ?? null,
    article: ev?.article ? [ev.article.title, ev.article.published].filter(Boolean).join(', ') : null,
    url: ev?.article?.url ?? ev?.article?.source ?? null,
  };
}

/** The lines under a printed link: the sentence in quotes, then its article. */
export function evidenceLines(e: EvidenceCells): string[] {
  const lines = [e.sentence ? `     "${e.sentence.replace(/\s+/g, ' ')}"` : '     (no sentence: added by an analyst or imported)'];
  if (e.article || e.url) lines.push(`     — ${[e.article, e.url].filter(Boolean).join(' ')}`);
  return lines;
}
