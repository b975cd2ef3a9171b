// `threatgraph ingest [--json] PATH|URL|- ...`: articles into the graph, with a progress bar
// on a terminal and a summary at the end; exit code 1 when any source failed, 130 on Ctrl-C.
import { Command, Option } from 'commander';
import { ThreatGraphError } from '../errors.js';
import { bulkIngestSources } from '../ingest/bulk.js';
import { openGraphWithRetry } from '../ingest/connect.js';
import { ingestSources, type IngestProgress } from '../ingest/pipeline.js';
import { progressBar, summaryJson, summaryLine } from '../ingest/report.js';
import { stopOnSigint } from './exit.js';

const positiveInt =
  (name: string) =>
  (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new ThreatGraphError('ingest', `${name} "${value}" is not a whole number`);
    return n;
  };

interface IngestFlags {
  json?: boolean;
  timeout: number;
  workers?: number;
  maxSize?: number;
  retries: number;
  bulk?: boolean;
  batchArticles?: number;
}

export function ingestCommand(): Command {
  return new Command('ingest')
    .description('read articles from files, folders (recursively), http(s) pages, RSS/Atom feeds or - (stdin) into the graph')
    .argument('<sources...>', 'paths, URLs, or - for standard input')
    .option('--json', 'print the summary as JSON on stdout')
    .option(
      '--timeout <seconds>',
      'time allowed for each HTTP request',
      (v) => {
        const n = Number(v);
        if (!(n > 0)) throw new ThreatGraphError('ingest', `--timeout "${v}" is not a positive number of seconds`);
        return n;
      },
      10,
    )
    .addOption(
      new Option('--workers <n>', 'extraction threads (0: the main thread; default: the cores, or 0 for small runs)').argParser(positiveInt('--workers')),
    )
    .addOption(
      new Option('--batch-articles <n>', 'articles per write transaction at most (default 250; fewer lets several processes take turns sooner)').argParser(
        positiveInt('--batch-articles'),
      ),
    )
    .addOption(new Option('--max-size <bytes>', 'largest file or page accepted').argParser(positiveInt('--max-size')))
    .option('--bulk', 'load an archive into an empty, stopped local store with neo4j-admin import (README "Bulk load")')
    .addOption(new Option('--retries <n>', 'attempts to reach Neo4j after the first, with backoff').argParser(positiveInt('--retries')).default(4))
    .action(async (sources: string[], options: IngestFlags) => {
      if (options.bulk) return bulkCommand(sources, options);
      const { graph, close } = await openGraphWithRetry({
        attached: true,
        retries: options.retries,
        onRetry: (attempt, wait) => console.error(`[threatgraph] [neo4j] not reachable; retry ${attempt}/${options.retries} in ${(wait / 1000).toFixed(1)} s`),
      });
      const { signal, release } = stopOnSigint(
        '\nStopping after the batch in flight (committed articles stay; run the same command again to finish). Ctrl-C again to quit now.',
      );
      const bar = progressBar();
      try {
        const summary = await ingestSources(graph, sources, { ...readingOptions(options, bar), batchArticles: options.batchArticles || undefined, signal });
        bar.stop();
        for (const f of summary.failures) console.error(`[threatgraph] [ingest] ${f.source}: ${f.reason}`);
        if (options.json) console.log(JSON.stringify(summaryJson(summary)));
        else console.log(summaryLine(summary));
        if (summary.interrupted) process.exitCode = 130;
        else if (summary.articles.failed > 0) process.exitCode = 1;
      } finally {
        bar.stop();
        release();
        await close();
      }
    });
}

/** How both ingest paths read their sources: the command's limits, progress on the bar. */
function readingOptions(options: { timeout: number; workers?: number; maxSize?: number }, bar: ReturnType<typeof progressBar>) {
  return { timeoutMs: options.timeout * 1000, workers: options.workers, maxBytes: options.maxSize, onProgress: (p: IngestProgress) => bar.update(p) };
}

/** `ingest --bulk`: no transactions, so Ctrl-C simply stops before the import and writes nothing. */
async function bulkCommand(sources: string[], options: { json?: boolean; timeout: number; workers?: number; maxSize?: number }): Promise<void> {
  const bar = progressBar();
  try {
    const summary = await bulkIngestSources(sources, readingOptions(options, bar));
    bar.stop();
    for (const f of summary.failures) console.error(`[threatgraph] [ingest] ${f.source}: ${f.reason}`);
    if (options.json) console.log(JSON.stringify(summaryJson(summary)));
    else {
      const s = summary.stages;
      console.log(summaryLine(summary));
      console.log(
        `Bulk stages: extraction and CSV ${s.extract.toFixed(1)} s, neo4j-admin import ${s.import.toFixed(1)} s, schema ${s.schema.toFixed(1)} s, same-incident merges ${s.incidents.toFixed(1)} s.`,
      );
    }
    if (summary.articles.failed > 0) process.exitCode = 1;
  } finally {
    bar.stop();
  }
}
