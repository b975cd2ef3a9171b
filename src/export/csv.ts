// Graph rows → the two CSV files `neo4j-admin database import full` reads (and a spreadsheet
// opens): nodes.csv with `:ID` and `:LABEL`, relationships.csv with `:START_ID`, `:END_ID`
// and `:TYPE`. Lists use neo4j-admin's default array delimiter `;`; line breaks inside text
// become spaces so the import needs no --multiline-fields.
//   neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv neo4j
import type { GraphSnapshot } from './types.js';

export const ARRAY_DELIMITER = ';';

const NODE_COLUMNS = [
  'id:ID',
  ':LABEL',
  'name',
  'nameKey',
  'type',
  'kind',
  'iso3',
  'role',
  'date',
  'aliases:string[]',
  'aliasText',
  'mentionCount:int',
  'articleCount:int',
  'firstSeen',
  'lastSeen',
  'origin',
] as const;

const RELATIONSHIP_COLUMNS = [
  ':START_ID',
  ':END_ID',
  ':TYPE',
  'id',
  'confidence:double',
  'claim',
  'evidenceCount:int',
  'weight:int',
  'status',
  'note',
  'origin',
  'rules:string[]',
  'firstSeen',
  'lastSeen',
  'evidence',
] as const;

/** One CSV field: empty for null (neo4j-admin then sets no property), quoted when needed. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value).replace(/\r?\n|\r/g, ' ');
  return /[",]|^\s|\s$/.test(text) || text === '' ? `"${text.replace(/"/g, '""')}"` : text;
}

function list(values: string[]): string | null {
  const items = values.map((v) => v.split(ARRAY_DELIMITER).join(',')).filter(Boolean);
  return items.length ? items.join(ARRAY_DELIMITER) : null;
}

function rows(header: readonly string[], records: unknown[][]): string {
  return [header.join(','), ...records.map((r) => r.map(csvField).join(','))].join('\n') + '\n';
}

export function toNeo4jCsv(snapshot: GraphSnapshot): { nodes: string; relationships: string } {
  const entities = [...snapshot.entities].sort((a, b) => (a.id < b.id ? -1 : 1));
  const ids = new Set(entities.map((e) => e.id));
  const nodes = rows(
    NODE_COLUMNS,
    entities.map((e) => [
      e.id,
      `Entity${ARRAY_DELIMITER}${e.type}`,
      e.name,
      e.nameKey,
      e.type,
      e.kind,
      e.iso3,
      e.role,
      e.date,
      list(e.aliases),
      [e.name, ...e.aliases].join(' | '),
      e.mentionCount,
      e.articleCount,
      e.firstSeen,
      e.lastSeen,
      e.origin,
    ]),
  );
  const relationships = rows(
    RELATIONSHIP_COLUMNS,
    [...snapshot.relations]
      .filter((r) => ids.has(r.sourceId) && ids.has(r.targetId))
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map((r) => [
        r.sourceId,
        r.targetId,
        r.type,
        r.id,
        r.confidence,
        r.claim,
        r.evidenceCount,
        r.weight,
        r.status,
        r.note,
        r.origin,
        list(r.rules),
        r.firstSeen,
        r.lastSeen,
        r.evidence[0]?.sentence ?? null,
      ]),
  );
  return { nodes, relationships };
}
