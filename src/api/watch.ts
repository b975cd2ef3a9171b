// The polling engine behind Subscription.watch: each poll reads the neighbourhood's relations
// changed since the last one (bounded queries; ingest may run in another process, so the graph
// is the only shared state) and returns the versions not reported yet, ADDED or CHANGED. What a
// watch remembers to tell them apart is bounded (maxRemembered). A poll reads the look-back
// window in pages with a keyset cursor (updatedAt, id), a few pages a poll, the next poll going on
// where it stopped: however many changed within the look-back, each poll gets further.
import { ThreatGraphError } from '../errors.js';
import type { GraphExecutor } from '../graph/executor.js';
import type { WatchArgs } from '../graph/queries/watch.js';
import * as read from '../graph/read.js';

export interface WatchOptions {
  /** How often the graph is polled. @default 1000 */
  intervalMs?: number;
  /** How far back each poll looks, so that changes committed slightly out of order are still seen. @default 5000 */
  lookBackMs?: number;
  /**
   * How many relations a watch remembers, to tell a CHANGED relation from an ADDED one and not
   * to report a version twice. Beyond it the least recently changed are forgotten (a later change
   * to one is reported as ADDED), except those a poll can still read (changed within the look-back),
   * which a watch must remember not to report them again. @default 10000
   */
  maxRemembered?: number;
  /** How many relations one query of a poll reads. @default 500 */
  pageSize?: number;
  /** How many pages a poll reads at most; the next poll goes on from where it stopped. @default 10 */
  pagesPerPoll?: number;
}

/** The options with their defaults, checked: a watch that could read nothing would never report. */
export function watchSettings(options: WatchOptions = {}): Required<WatchOptions> {
  const settings = {
    intervalMs: options.intervalMs ?? 1000,
    lookBackMs: options.lookBackMs ?? 5000,
    maxRemembered: options.maxRemembered ?? 10_000,
    pageSize: options.pageSize ?? 500,
    pagesPerPoll: options.pagesPerPoll ?? 10,
  };
  for (const name of ['pageSize', 'pagesPerPoll'] as const) {
    const v = settings[name];
    if (!Number.isInteger(v) || v < 1) throw new ThreatGraphError('config', `watch.${name} must be a positive integer, got ${v}`);
  }
  return settings;
}

type ChangedRow = Awaited<ReturnType<typeof read.changedRelations>>[number];

export interface RelationChange {
  kind: 'ADDED' | 'CHANGED';
  row: ChangedRow;
}

/** Where a page starts: after this `updatedAt`, or with an id, after this row in (updatedAt, id) order. */
interface Cursor {
  updatedAt: number;
  id: string | null;
}

export class RelationWatch {
  /** Relation id → the `updatedAt` last seen, least recently seen first. */
  private readonly versions = new Map<string, number>();
  private watermark = 0;
  /** The last row read when the previous poll stopped at pagesPerPoll full pages; null: the next poll starts at the look-back. */
  private resumeAfter: Cursor | null = null;

  private constructor(
    private readonly graph: GraphExecutor,
    private readonly args: WatchArgs,
    private readonly settings: Required<WatchOptions>,
  ) {}

  /**
   * A watch whose baseline is what is there now: later versions of these are CHANGED, anything
   * else ADDED. It reads the most recently changed relations (the watch remembers maxRemembered
   * of them), then pages on while they are within the look-back of the newest, since a poll
   * reads those again and must not report them; older ones a later change reports as ADDED.
   */
  static async start(graph: GraphExecutor, args: WatchArgs, options: WatchOptions = {}): Promise<RelationWatch> {
    const settings = watchSettings(options);
    const watch = new RelationWatch(graph, args, settings);
    let page = await read.latestRelations(graph, args, settings.maxRemembered);
    const rows = [...page];
    const newest = rows[0]?.relation.updatedAt ?? 0;
    for (let size = settings.maxRemembered; page.length === size; size = settings.pageSize) {
      const last = page.at(-1)!.relation;
      if ((last.updatedAt ?? 0) <= newest - settings.lookBackMs) break;
      page = await read.latestRelations(graph, args, settings.pageSize, { updatedAt: last.updatedAt ?? 0, id: last.id });
      rows.push(...page);
    }
    for (let i = rows.length - 1; i >= 0; i--) watch.see(rows[i]!);
    watch.forgetBeyondCap();
    return watch;
  }

  /** How many relations the watch remembers. */
  get remembered(): number {
    return this.versions.size;
  }

  /**
   * The relations changed since the last poll, oldest first, each version once. Versions already
   * reported fill the look-back window's first pages; paging on past them (rather than rereading
   * one page from the window's start) is what lets a poll reach the new ones.
   */
  async poll(): Promise<RelationChange[]> {
    const { pageSize, pagesPerPoll, lookBackMs } = this.settings;
    const changes: RelationChange[] = [];
    let after: Cursor = this.resumeAfter ?? { updatedAt: this.watermark - lookBackMs, id: null };
    for (let page = 0; page < pagesPerPoll; page++) {
      const rows = await read.changedRelations(this.graph, this.args, after.updatedAt, pageSize, after.id);
      for (const row of rows) {
        const kind = this.see(row);
        if (kind) changes.push({ kind, row });
      }
      this.forgetBeyondCap();
      const last = rows.at(-1);
      if (rows.length < pageSize || !last) {
        this.resumeAfter = null;
        return changes;
      }
      after = { updatedAt: last.relation.updatedAt ?? 0, id: last.relation.id };
    }
    this.resumeAfter = after;
    return changes;
  }

  /** Records the row's version as the most recently seen; says how it is news, or null when this version was seen. */
  private see(row: ChangedRow): RelationChange['kind'] | null {
    const id = row.relation.id;
    const updatedAt = row.relation.updatedAt ?? 0;
    const before = this.versions.get(id);
    this.versions.delete(id);
    if (before !== undefined && before >= updatedAt) {
      this.versions.set(id, before);
      return null;
    }
    this.versions.set(id, updatedAt);
    this.watermark = Math.max(this.watermark, updatedAt);
    return before === undefined ? 'ADDED' : 'CHANGED';
  }

  private forgetBeyondCap(): void {
    const readable = this.watermark - this.settings.lookBackMs;
    for (const [id, updatedAt] of this.versions) {
      if (this.versions.size <= this.settings.maxRemembered) return;
      if (updatedAt > readable) continue;
      this.versions.delete(id);
    }
  }
}
