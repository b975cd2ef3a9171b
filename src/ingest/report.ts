// How a run is shown: a progress bar on a terminal, then a summary line (or JSON).
import cliProgress from 'cli-progress';
import type { IngestProgress, IngestSummary } from './pipeline.js';

/** A progress bar on stderr when it is a terminal; otherwise nothing. */
export function progressBar(stream: NodeJS.WriteStream = process.stderr): { update(p: IngestProgress): void; stop(): void } {
  if (!stream.isTTY) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: 'ingest [{bar}] {value}/{total} articles | {rate}/s | ETA {eta_formatted}',
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 200,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  let running = false;
  return {
    update({ done, total }) {
      const rate = (done / Math.max(0.001, (Date.now() - started) / 1000)).toFixed(0);
      if (!running) {
        bar.start(Math.max(total, done, 1), done, { rate });
        running = true;
      }
      bar.setTotal(Math.max(total, done, 1));
      bar.update(done, { rate });
    },
    stop() {
      if (running) bar.stop();
    },
  };
}

export function summaryLine(s: IngestSummary): string {
  const a = s.articles;
  const seen = a.new + a.unchanged + a.replaced + a.failed;
  const rate = s.seconds > 0 ? ` (${((a.new + a.replaced) / s.seconds).toFixed(1)} written/s)` : '';
  const lost = s.error
    ? `Neo4j went away (${s.error}); ${a.new + a.replaced} articles were committed before it did and stay: run the same command again to finish.\n`
    : '';
  return (
    `${lost}${s.interrupted ? 'Interrupted after' : 'Ingested'} ${seen} articles in ${s.seconds.toFixed(1)} s${rate}: ` +
    `${a.new} new, ${a.unchanged} unchanged, ${a.replaced} replaced, ${a.failed} failed; ` +
    `entities ${s.entities.created} created, ${s.entities.updated} updated; ` +
    `relations ${s.relations.created} created, ${s.relations.updated} updated; ` +
    `${s.evidence} evidence, ${s.merges} merges.`
  );
}

/** The summary as --json prints it: counts, failures, and each article's id and outcome. */
export function summaryJson(s: IngestSummary): Record<string, unknown> {
  return { ...s, seconds: Number(s.seconds.toFixed(3)), writeSeconds: Number(s.writeSeconds.toFixed(3)) };
}
