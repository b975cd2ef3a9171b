// How the CLI ends: an exit code by cause, so scripts can tell a typo from a missing entity
// from a database that is down, and a quiet exit when the reader of its output goes away
// (`threatgraph search x | head -1`).
import { ThreatGraphError } from '../errors.js';

/** Exit codes (README, "Scripted investigations"). */
export const EXIT = {
  /** Anything else: a bug or an unexpected failure (the message, or its stack). */
  FAILURE: 1,
  /** A usage mistake or bad input: unknown option, bad value, malformed file. */
  USAGE: 2,
  /** What was asked for is not in the graph (an entity name, an id). */
  NOT_FOUND: 4,
  /** Neo4j or the API did not answer (not running, wrong address, timed out). */
  UNREACHABLE: 5,
  /** Wrong credentials, or an API key without the role the command needs. */
  NOT_ALLOWED: 6,
} as const;

const BY_CODE: Record<string, number> = {
  USAGE: EXIT.USAGE,
  AMBIGUOUS: EXIT.USAGE,
  BAD_USER_INPUT: EXIT.USAGE,
  BAD_STIX: EXIT.USAGE,
  GRAPHQL_VALIDATION_FAILED: EXIT.USAGE,
  NOT_FOUND: EXIT.NOT_FOUND,
  NEO4J_UNAVAILABLE: EXIT.UNREACHABLE,
  NEO4J_TIMEOUT: EXIT.UNREACHABLE,
  SERVICE_UNAVAILABLE: EXIT.UNREACHABLE,
  TIMEOUT: EXIT.UNREACHABLE,
  NEO4J_AUTH: EXIT.NOT_ALLOWED,
  UNAUTHENTICATED: EXIT.NOT_ALLOWED,
  FORBIDDEN: EXIT.NOT_ALLOWED,
};

/** The exit code for an error that ended a command: by its code, else by where it arose. */
export function exitCodeOf(error: unknown): number {
  for (let current = error, depth = 0; current && depth < 5; current = (current as Error).cause, depth++) {
    if (!(current instanceof ThreatGraphError)) continue;
    const byCode = BY_CODE[current.code];
    if (byCode !== undefined) return byCode;
    if (current.name === 'UnreachableError' || /^HTTP_5\d\d$/.test(current.code)) return EXIT.UNREACHABLE;
    // Option checks in the CLI (src/cli/api-session.ts, output.ts) are usage mistakes.
    if (current.area === 'cli') return EXIT.USAGE;
  }
  return EXIT.FAILURE;
}

/** A closed pipe on standard output ends the command quietly instead of with a stack trace. */
export function installBrokenPipeHandler(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
}

/**
 * Ctrl-C once stops after the batch in flight (`signal` aborts and `message` says what stays);
 * Ctrl-C again quits at once with 130. `release` removes the handler.
 */
export function stopOnSigint(message: string): { signal: AbortSignal; release: () => void } {
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    console.error(message);
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  return { signal: controller.signal, release: () => process.off('SIGINT', onSigint) };
}
