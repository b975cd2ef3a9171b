// `threatgraph show NAME`: one entity (by name, alias or id) with its relations, each with
// its confidence, claim and how many pieces of evidence support it.
import { Command } from 'commander';
import { ShowEntityDocument } from '../client/generated.js';
import { ThreatGraphError } from '../errors.js';
import { entityTypeOption, type ReadOptions, readOptions, resolveEntity, withApi } from './api-session.js';
import { outputFormat, printJson, renderCsv, renderTable } from './output.js';

export function showCommand(): Command {
  return readOptions(
    new Command('show')
      .description('an entity with its relations and evidence counts')
      .argument('<name>', 'the entity\'s name, an alias, or its id (e.g. "State:RUS")')
      .option('--type <type>', 'when several entities share the name: Actor, State, Group, Case or Place'),
    'the relations',
  )
    .addHelpText('after', '\nExamples:\n  npx threatgraph show Russia\n  npx threatgraph show "parcel fires" --json')
    .action(async (name: string, options: ReadOptions & { type?: string }) => {
      const format = outputFormat(options);
      const type = entityTypeOption(options.type);
      await withApi(options, async ({ client }) => {
        const { id } = await resolveEntity(client, 'show', name, type);
        const { entity } = await client.request(ShowEntityDocument, { id, first: 100 });
        if (!entity) throw new ThreatGraphError('show', `entity ${id} vanished while reading it`);
        if (format === 'json') return printJson(entity);
        const rows = entity.relations.edges.map(({ direction, other, node }) => ({
          direction: direction === 'OUT' ? '->' : '<-',
          relation: node.type,
          other: other.name,
          otherType: other.type,
          confidence: node.confidence,
          claim: node.claim?.toLowerCase() ?? null,
          evidence: node.evidenceCount,
          status: node.status === 'AUTO' ? '' : node.status.toLowerCase(),
          lastSeen: node.lastSeen,
        }));
        if (format === 'csv') return void process.stdout.write(renderCsv(rows));
        const kind = 'groupKind' in entity ? entity.groupKind : 'caseKind' in entity ? entity.caseKind : null;
        const facts = [
          `${entity.name}  (${entity.type}${kind ? `, ${kind}` : ''})  ${entity.id}`,
          entity.aliases.length ? `aliases: ${entity.aliases.join(', ')}` : null,
          `mentioned ${entity.mentionCount} times in ${entity.articleCount} articles` +
            (entity.firstSeen ? `, ${entity.firstSeen} to ${entity.lastSeen ?? entity.firstSeen}` : '') +
            (entity.origin !== 'EXTRACTED' ? `; origin ${entity.origin.toLowerCase()}` : ''),
          'date' in entity && entity.date ? `date: ${entity.date}` : null,
          'role' in entity && entity.role ? `role: ${entity.role}` : null,
          'iso3' in entity ? `iso3: ${entity.iso3}` : null,
          '',
          `${entity.relations.totalCount} relations${entity.relations.totalCount > rows.length ? ` (the ${rows.length} strongest shown)` : ''}:`,
        ].filter((line) => line !== null);
        process.stdout.write(
          facts.join('\n') +
            '\n' +
            renderTable(rows, [
              { key: 'direction', title: '' },
              { key: 'relation' },
              { key: 'other', max: 50 },
              { key: 'otherType', title: 'type' },
              { key: 'confidence' },
              { key: 'claim' },
              { key: 'evidence' },
              { key: 'status' },
              { key: 'lastSeen', title: 'last seen' },
            ]),
        );
      });
    });
}
