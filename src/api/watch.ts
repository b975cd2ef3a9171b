// The polling engine behind Subscription.watch: each poll reads the neighbourhood's relations
// changed since the last one (one bounded query; ingest may run in another process, so the graph
// is the only shared state) and returns the versions not reported yet, ADDED or CHANGED. What a
// watch remembers to tell them apart is bounded (maxRemembered).
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
}

type ChangedRow = Awaited<ReturnType<typeof read.changedRelations>>[number];

export interface RelationChange {
  kind: 'ADDED' | 'CHANGED';
  row: ChangedRow;
}

const INITIAL_CAP = 5000;
const POLL_CAP = 500;

export class RelationWatch {
  /** Relation id → the `updatedAt` last seen, least recently seen first. */
  private readonly versions = new Map<string, number>();
  private watermark = 0;

  private constructor(
    private readonly graph: GraphExecutor,
    private readonly args: WatchArgs,
    private readonly lookBackMs: number,
    private readonly maxRemembered: number,
  ) {}

  /** A watch whose baseline is what is there now: later versions of these are CHANGED, anything else ADDED. */
  static async start(graph: GraphExecutor, args: WatchArgs, options: WatchOptions = {}): Promise<RelationWatch> {
    const watch = new RelationWatch(graph, args, options.lookBackMs ?? 5000, options.maxRemembered ?? 10_000);
    for (const row of await read.changedRelations(graph, args, -1, INITIAL_CAP)) watch.see(row);
    watch.forgetBeyondCap();
    return watch;
  }

  /** How many relations the watch remembers. */
  get remembered(): number {
    return this.versions.size;
  }

  /** The relations changed since the last poll, oldest first, each version once. */
  async poll(): Promise<RelationChange[]> {
    const rows = await read.changedRelations(this.graph, this.args, this.watermark - this.lookBackMs, POLL_CAP);
    const changes: RelationChange[] = [];
    for (const row of rows) {
      const kind = this.see(row);
      if (kind) changes.push({ kind, row });
    }
    this.forgetBeyondCap();
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
    const readable = this.watermark - this.lookBackMs;
    for (const [id, updatedAt] of this.versions) {
      if (this.versions.size <= this.maxRemembered) return;
      if (updatedAt > readable) continue;
      this.versions.delete(id);
    }
  }
}
