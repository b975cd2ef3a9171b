// `threatgraph search TEXT`: entities whose names or aliases match, best first (the API's
// full-text search).
import { Command } from 'commander';
import { SearchEntitiesDocument } from '../client/generated.js';
import { entityTypeOption, intOption, type ReadOptions, readOptions, withApi } from './api-session.js';
import { outputFormat, printRows } from './output.js';

export function searchCommand(): Command {
  return readOptions(
    new Command('search')
      .description('find entities by name or alias (tolerant of case, accents and small typos)')
      .argument('<text>', 'a name, part of one, or an alias')
      .option('--type <type>', 'only this entity type (Actor, State, Group, Case, Place)')
      .option('--first <n>', 'at most this many results, 1 to 100', '10'),
  )
    .addHelpText('after', '\nExample:\n  npx threatgraph search "wagner" --type Group')
    .action(async (text: string, options: ReadOptions & { type?: string; first: string }) => {
      const format = outputFormat(options);
      const type = entityTypeOption(options.type);
      const first = intOption('--first', options.first, 1, 100, 10);
      await withApi(options, async ({ client }) => {
        const { search } = await client.request(SearchEntitiesDocument, { text, types: type ? [type] : null, first });
        const rows = search.edges.map(({ score, node }) => ({
          name: node.name,
          type: node.type,
          kind: 'groupKind' in node ? node.groupKind : 'caseKind' in node ? node.caseKind : null,
          mentions: node.mentionCount,
          articles: node.articleCount,
          lastSeen: node.lastSeen,
          id: node.id,
          score,
        }));
        if (rows.length === 0 && format === 'table') {
          console.error(`no entity matches "${text}"`);
          return;
        }
        printRows(
          format,
          rows,
          [
            { key: 'name', max: 50 },
            { key: 'type' },
            { key: 'kind' },
            { key: 'mentions' },
            { key: 'articles' },
            { key: 'lastSeen', title: 'last seen' },
            { key: 'id', max: 50 },
            { key: 'score' },
          ],
          search.edges.map(({ score, node }) => ({ ...node, score })),
        );
      });
    });
}
