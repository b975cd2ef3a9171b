// The one owner of the Neo4j driver: managed read/write transactions (retried by the
// driver on transient errors), sessions closed in finally, Neo4j errors mapped to
// messages that say what to do. All Cypher in ThreatGraph runs through here.
import net, { type Socket } from 'node:net';
import tls from 'node:tls';
import neo4j, { type Driver, type ManagedTransaction, Neo4jError, type RecordShape } from 'neo4j-driver';
import { ThreatGraphError } from '../errors.js';

/** A Cypher statement and its parameters; values never enter the statement text. */
export interface CypherQuery {
  cypher: string;
  params?: Record<string, unknown>;
}

export interface GraphExecutorOptions {
  database?: string;
  /** Server-side timeout of each transaction. @default 15000 */
  timeoutMs?: number;
}

export class GraphExecutor {
  readonly database: string | undefined;
  private readonly timeoutMs: number;

  constructor(
    readonly driver: Driver,
    readonly uri: string,
    options: GraphExecutorOptions = {},
  ) {
    this.database = options.database;
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  /**
   * Runs a query in a read transaction and returns its records as plain objects. One query needs
   * no transaction of its own: it runs as an auto-commit transaction in a read session (RUN and
   * PULL, one round trip; the server refuses writes in it, Neo.ClientError.Statement.AccessMode),
   * where a managed one costs BEGIN, RUN, PULL and a COMMIT that waits for its own reply. On a
   * 10,000-article graph, 100 runs alternating (load 2.6-2.8), p50 / p95 ms: `RETURN 1` 5.1 / 20.0
   * managed, 3.3 / 11.9 auto-commit; search 9.6 / 27.8 and 6.8 / 17.4. An error the driver would
   * retry (a lost connection, a transient server error) runs it again the managed way, retried.
   */
  async read<T = RecordShape>(query: CypherQuery): Promise<T[]> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
    try {
      const result = await session.run(query.cypher, query.params ?? {}, { timeout: this.timeoutMs });
      return result.records.map((record) => record.toObject() as T);
    } catch (error) {
      if (!neo4j.isRetriableError(error)) throw graphError(error, this.uri);
    } finally {
      await session.close();
    }
    return this.readTx((tx) => run<T>(tx, query));
  }

  /** Runs a query in a write transaction and returns its records as plain objects. */
  async write<T = RecordShape>(query: CypherQuery): Promise<T[]> {
    return this.writeTx((tx) => run<T>(tx, query));
  }

  /** A read transaction; `timeoutMs` for the few bulk reads (exports) that may take longer than a query. */
  async readTx<T>(work: (tx: ManagedTransaction) => Promise<T>, options: { timeoutMs?: number } = {}): Promise<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
    try {
      return await session.executeRead(work, { timeout: options.timeoutMs ?? this.timeoutMs });
    } catch (error) {
      throw graphError(error, this.uri);
    } finally {
      await session.close();
    }
  }

  async writeTx<T>(work: (tx: ManagedTransaction) => Promise<T>, options: { timeoutMs?: number } = {}): Promise<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      return await session.executeWrite(work, { timeout: options.timeoutMs ?? this.timeoutMs * 4 });
    } catch (error) {
      throw graphError(error, this.uri);
    } finally {
      await session.close();
    }
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}

/** Runs one query inside a transaction the caller manages. */
export async function run<T = RecordShape>(tx: ManagedTransaction, query: CypherQuery): Promise<T[]> {
  const result = await tx.run(query.cypher, query.params ?? {});
  return result.records.map((record) => record.toObject() as T);
}

/** Like run, with what the query created: the write paths count new nodes and relationships. */
export async function runCounting(
  tx: ManagedTransaction,
  query: CypherQuery,
): Promise<{ records: Array<Record<string, unknown>>; nodesCreated: number; relationshipsCreated: number }> {
  const result = await tx.run(query.cypher, query.params ?? {});
  const c = result.summary.counters.updates();
  return {
    records: result.records.map((r) => r.toObject() as Record<string, unknown>),
    nodesCreated: c.nodesCreated,
    relationshipsCreated: c.relationshipsCreated,
  };
}

/** Maps driver errors to one line that says what is wrong and what to do; keeps the cause. */
export function graphError(error: unknown, uri: string): Error {
  if (error instanceof ThreatGraphError) return error;
  if (error instanceof Neo4jError) {
    if (error.code === 'Neo.ClientError.Security.Unauthorized') {
      return new ThreatGraphError('neo4j', `authentication failed at ${uri}: check NEO4J_USER and NEO4J_PASSWORD`, { cause: error, code: 'NEO4J_AUTH' });
    }
    if (error.code === 'ServiceUnavailable' || error.code === 'SessionExpired') {
      return new ThreatGraphError('neo4j', `no Neo4j answers at ${uri}: start it (\`npx threatgraph neo4j start\`) or fix NEO4J_URI`, {
        cause: error,
        code: 'NEO4J_UNAVAILABLE',
      });
    }
    if (error.code === 'Neo.ClientError.Database.DatabaseNotFound') {
      return new ThreatGraphError('neo4j', `database not found at ${uri}: check NEO4J_DATABASE`, { cause: error, code: 'NEO4J_DATABASE' });
    }
    if (error.code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut') || error.code.includes('TransactionTimedOut')) {
      return new ThreatGraphError('neo4j', 'the query took too long and was stopped; narrow it (fewer hops, a lower limit)', {
        cause: error,
        code: 'NEO4J_TIMEOUT',
      });
    }
  }
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * The driver writes a Bolt message in chunks of 1,400 bytes, one socket write each, on sockets
 * it leaves with Nagle's algorithm on: the second write of any statement longer than that (the
 * neighbourhood's is 4.5 KB) waits for the server's delayed ACK, 40 ms on Linux. Measured on a
 * 1,000-article graph: a 45-byte lookup padded to 3 KB took 46 ms against 3 ms, and the
 * neighbourhood at depth 2, 86 ms against 36 ms with no delay. The driver has no option for
 * it, so the sockets it opens (through net.connect and tls.connect) are set to send at once;
 * Node's HTTP sockets are so already.
 */
let noDelayInstalled = false;
function sendBoltWritesAtOnce(): void {
  if (noDelayInstalled) return;
  noDelayInstalled = true;
  for (const mod of [net, tls] as const) {
    const connect = mod.connect as (...args: unknown[]) => Socket;
    Object.defineProperty(mod, 'connect', {
      value: function (this: unknown, ...args: unknown[]): Socket {
        return connect.apply(this, args).setNoDelay(true);
      },
      writable: true,
      configurable: true,
    });
  }
}

export function createDriver(uri: string, user: string, password: string): Driver {
  sendBoltWritesAtOnce();
  return neo4j.driver(uri, neo4j.auth.basic(user, password), {
    // Counts and offsets in this graph fit in JS numbers; plain numbers keep every layer simple.
    disableLosslessIntegers: true,
    connectionAcquisitionTimeout: 20_000,
    // A lost server is noticed in seconds rather than after the driver's 30 s default per attempt.
    connectionTimeout: 5_000,
    // Managed transactions are retried on transient errors for this long (driver default 30 s):
    // with the database down, a request then fails after seconds, not half a minute. Ingest
    // has its own retries with backoff on top (--retries).
    maxTransactionRetryTime: 3_000,
    maxConnectionPoolSize: 50,
    logging: { level: 'error', logger: () => {} },
  });
}
