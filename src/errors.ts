// Errors that say where they come from and what to do: "[threatgraph] [neo4j] ...".
// `ThreatGraphError` is an expected failure (bad input, bad configuration): the CLI
// prints its message in one line and exits non-zero, without a stack trace.
export class ThreatGraphError extends Error {
  constructor(
    readonly area: string,
    message: string,
    options?: { cause?: unknown; code?: string },
  ) {
    super(`[threatgraph] [${area}] ${message}`, { cause: options?.cause });
    this.name = 'ThreatGraphError';
    this.code = options?.code ?? 'THREATGRAPH_ERROR';
  }
  readonly code: string;
}
