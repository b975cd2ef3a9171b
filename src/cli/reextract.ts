// `threatgraph reextract [--since VERSION] [--all] [--json]`: stored articles read again by the
// current extractor and rewritten as a replacement is; analysts' merges, aliases and judged
// links stay. Exit code 1 when an article failed, 130 on Ctrl-C.
import { Command, Option } from 'commander';
import { ThreatGraphError } from '../errors.js';
import { openGraphWithRetry } from '../ingest/connect.js';
import { reextractArticles, type ReextractSummary } from '../ingest/reextract.js';
import { extractorVersion } from '../ingest/version.js';
import { stopOnSigint } from './exit.js';

export function reextractLine(s: ReextractSummary): string {
  const textless = s.articles.textless
    ? ` ${s.articles.textless} articles keep no text (ingested before texts were kept): ingest them again to re-extract them.`
    : '';
  return (
    `${s.interrupted ? 'Interrupted after re-extracting' : 'Re-extracted'} ${s.articles.reextracted} articles with extractor ${s.version} in ${s.seconds.toFixed(1)} s` +
    ` (${s.seconds > 0 ? (s.articles.reextracted / s.seconds).toFixed(1) : '0'} articles/s), ${s.articles.failed} failed; ` +
    `entities ${s.entities.created} created, ${s.entities.deleted} removed; relations ${s.relations.created} created, ${s.relations.deleted} removed; ${s.merges} merges.${textless}`
  );
}

export function reextractCommand(): Command {
  return new Command('reextract')
    .description(
      `extract stored articles again with the current extractor (${extractorVersion()}) and update the graph as a replacement does, keeping analysts' merges, aliases and judged links`,
    )
    .option('--since <version>', 'only articles read by this extractor version or a later one')
    .option('--all', 'every article, also those the current extractor already read')
    .option('--json', 'print the summary as JSON on stdout')
    .addOption(
      new Option('--workers <n>', 'extraction threads (0: the main thread)').argParser((v) => {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 0) throw new ThreatGraphError('reextract', `--workers "${v}" is not a whole number`);
        return n;
      }),
    )
    .action(async (options: { since?: string; all?: boolean; json?: boolean; workers?: number }) => {
      if (options.since !== undefined && !/^x-[0-9a-f]{12}$/.test(options.since)) {
        throw new ThreatGraphError(
          'reextract',
          `--since "${options.since}" is not an extractor version (x- and 12 hex digits, as Article.extractorVersion holds)`,
        );
      }
      const { graph, close } = await openGraphWithRetry({ attached: true });
      const { signal, release } = stopOnSigint('\nStopping after the batch in flight (re-extracted articles stay; run the same command again to finish).');
      try {
        const summary = await reextractArticles(graph, { since: options.since, all: options.all, workers: options.workers, signal });
        for (const f of summary.failures) console.error(`[threatgraph] [reextract] ${f.id}: ${f.reason}`);
        console.log(options.json ? JSON.stringify(summary) : reextractLine(summary));
        if (summary.interrupted) process.exitCode = 130;
        else if (summary.articles.failed > 0) process.exitCode = 1;
      } finally {
        release();
        await close();
      }
    });
}
