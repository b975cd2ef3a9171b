// `threatgraph forget ARTICLE_ID...`: removes articles and every fact only they supported.
import { Command } from 'commander';
import { ThreatGraphError } from '../errors.js';
import { openGraphWithRetry } from '../ingest/connect.js';
import { forgetArticles } from '../ingest/store.js';

export function forgetCommand(): Command {
  return new Command('forget')
    .description('remove articles (by id, a_…) and every entity, relation and evidence only they supported')
    .argument('<ids...>', 'article ids')
    .option('--json', 'print the result as JSON')
    .action(async (ids: string[], options: { json?: boolean }) => {
      for (const id of ids) {
        if (!/^a_[0-9a-f]{16}$/.test(id)) throw new ThreatGraphError('forget', `"${id}" is not an article id (a_ and 16 hex digits)`);
      }
      const { graph, close } = await openGraphWithRetry({ attached: true });
      try {
        const result = await forgetArticles(graph, ids);
        const missing = ids.filter((id) => !result.forgotten.includes(id));
        if (options.json) console.log(JSON.stringify({ ...result, missing }));
        else {
          console.log(
            `Forgot ${result.forgotten.length} article(s): ${result.relationsDeleted} relations and ${result.entitiesDeleted} entities left without support were removed.`,
          );
        }
        if (missing.length) {
          console.error(`[threatgraph] [forget] no article ${missing.join(', ')} in the graph`);
          process.exitCode = 1;
        }
      } finally {
        await close();
      }
    });
}
