// The graph model (README "Graph model") as neo4j-admin CSV files, for the bulk path
// (`threatgraph ingest --bulk`, src/ingest/bulk.ts). Every node and relationship carries the
// properties the transactional writes of write.ts give it, so that the imported graph is the one
// the transactional path builds from the same articles. Labels and relationship types come from
// the ontology's closed lists; numbers are doubles, as the driver writes JavaScript numbers.
import { closeSync, createReadStream, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { entityLabel, relationLabel } from './closed.js';
import type { CypherQuery } from './executor.js';
import type { ArticleRow, AssociationRow, EntityRow, EvidenceRow, MentionRow, MergeRow, RelationRow } from './write.js';

type Kind = 'string' | 'double' | 'boolean' | 'string[]' | 'double[]';
type Columns<R> = Array<[name: string, kind: Kind, value: (row: R) => unknown]>;

/** Between the elements of an array cell: a control character no article text keeps. */
const ARRAY_DELIMITER = '\u001f';
const FLUSH_BYTES = 1 << 20;

const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;

function cell(kind: Kind, value: unknown, where: string): string {
  if (value === null || value === undefined) return '';
  if (kind === 'double') {
    const n = Number(value);
    if (!Number.isFinite(n)) throw new Error(`[threatgraph] [bulk] ${where} is not a finite number: ${String(value)}`);
    return String(n);
  }
  if (kind === 'boolean') return value ? 'true' : 'false';
  if (kind === 'string') return quote(String(value));
  const list = value as unknown[];
  // An empty array cell imports as no property; bulkFixups() sets those to [] afterwards.
  if (!list.length) return '';
  const items = list.map(String);
  if (items.some((x) => x.includes(ARRAY_DELIMITER))) throw new Error(`[threatgraph] [bulk] ${where} holds the array delimiter U+001F`);
  return quote(items.join(ARRAY_DELIMITER));
}

/** Columns that copy a row's fields of these names. */
const fields = <R>(spec: Array<[string, Kind]>): Columns<R> => spec.map(([name, kind]) => [name, kind, (row: R) => (row as Record<string, unknown>)[name]]);

/** One CSV file written in 1 MiB chunks. Every field of a row must have its column (or be its key). */
class CsvFile<R extends object> {
  private readonly fd: number;
  private buffer: string;
  private readonly known: Set<string>;
  rows = 0;
  /** Some text cell holds a line break (the import must read this file's fields across lines). */
  multiline = false;

  constructor(
    readonly path: string,
    private readonly key: (row: R) => string[],
    keyHeader: string,
    private readonly columns: Columns<R>,
    keyFields: string[],
  ) {
    this.fd = openSync(path, 'w');
    this.buffer = [keyHeader, ...columns.map(([name, kind]) => (kind === 'string' ? name : `${name}:${kind}`))].join(',') + '\n';
    this.known = new Set([...keyFields, ...columns.map(([name]) => name)]);
  }

  write(row: R): void {
    if (this.rows === 0) {
      // the graph model grew a field this file does not write: say so rather than lose it
      const missing = Object.keys(row).filter((k) => !this.known.has(k));
      if (missing.length) throw new Error(`[threatgraph] [bulk] ${this.path}: no column for ${missing.join(', ')} (src/graph/bulk-csv.ts)`);
    }
    const cells = this.key(row).map((k) => quote(k));
    for (const [name, kind, value] of this.columns) {
      const v = value(row);
      if (!this.multiline && typeof v === 'string' && /[\r\n]/.test(v)) this.multiline = true;
      cells.push(cell(kind, v, `${this.path} ${name}`));
    }
    this.buffer += cells.join(',') + '\n';
    this.rows++;
    if (this.buffer.length >= FLUSH_BYTES) this.flush();
  }

  private flush(): void {
    writeSync(this.fd, this.buffer);
    this.buffer = '';
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

const ARTICLE = fields<ArticleRow & { ingestedAt: string }>([
  ['contentHash', 'string'],
  ['url', 'string'],
  ['key', 'string'],
  ['title', 'string'],
  ['published', 'string'],
  ['source', 'string'],
  ['license', 'string'],
  ['sentenceCount', 'double'],
  ['text', 'string'],
  ['textGz', 'string'],
  ['format', 'string'],
  ['extractorVersion', 'string'],
  ['extractedAt', 'string'],
  ['assocIds', 'string[]'],
  ['assocWeights', 'double[]'],
  ['ingestedAt', 'string'],
]);

/**
 * A mention a merge moved to the kept entity in an article it had no mention in: the store gives
 * it a count and no name lists (queries/curate.ts moveMentions), so bulkFixups() must not set
 * them; the marker is removed by the fix-ups.
 */
export type BulkMentionRow = MentionRow & { bulkListsUnset?: true };

const MENTION = fields<BulkMentionRow>([
  ['count', 'double'],
  ['aliases', 'string[]'],
  ['aliasKeys', 'string[]'],
  ['bulkListsUnset', 'boolean'],
]);

const EVIDENCE = fields<EvidenceRow>([
  ['relationId', 'string'],
  ['relationType', 'string'],
  ['sourceId', 'string'],
  ['targetId', 'string'],
  ['articleId', 'string'],
  ['sentence', 'string'],
  ['sentenceIndex', 'double'],
  ['start', 'double'],
  ['end', 'double'],
  ['rule', 'string'],
  ['confidence', 'double'],
  ['claim', 'string'],
  ['assertedBy', 'string'],
  ['role', 'string'],
]);

/** An entity as the bulk path writes it: merges made on the rows add the names merged in, and Cases compared are marked. */
export type BulkEntityRow = EntityRow & { mergedAliases?: string[]; mergedAliasSources?: string[]; incidentChecked?: boolean };

const entityColumns = (createdAt: number): Columns<BulkEntityRow> => [
  [':LABEL', 'string', (r) => `Entity${ARRAY_DELIMITER}${entityLabel(r.type, 'bulk')}`],
  ...fields<BulkEntityRow>([
    ['name', 'string'],
    ['nameKey', 'string'],
    ['type', 'string'],
    ['aliases', 'string[]'],
    ['aliasKeys', 'string[]'],
    ['kind', 'string'],
    ['iso3', 'string'],
    ['role', 'string'],
    ['date', 'string'],
    ['mentionCount', 'double'],
    ['articleCount', 'double'],
    ['firstSeen', 'string'],
    ['lastSeen', 'string'],
    ['mergedAliases', 'string[]'],
    ['mergedAliasSources', 'string[]'],
    ['incidentChecked', 'boolean'],
  ]),
  ['origin', 'string', () => 'extracted'],
  ['aliasText', 'string', (r) => [r.name, ...r.aliases].join(' | ')],
  ['createdAt', 'double', () => createdAt],
  // merged into without a name of its own to add: the store holds empty lists, which bulkFixups() sets
  ['bulkEmptyMerged', 'boolean', (r) => (r.mergedAliases?.length === 0 ? true : null)],
];

const relationColumns = (updatedAt: number): Columns<RelationRow> => [
  [':TYPE', 'string', (r) => relationLabel(r.type, 'bulk')],
  ...fields<RelationRow>([
    ['id', 'string'],
    ['evidenceCount', 'double'],
    ['claim', 'string'],
    ['firstSeen', 'string'],
    ['lastSeen', 'string'],
    ['rules', 'string[]'],
    ['role', 'string'],
  ]),
  ['confidence', 'double', (r) => 1.0 - r.notConfidence],
  ['status', 'string', () => 'auto'],
  ['origin', 'string', () => 'extracted'],
  ['updatedAt', 'double', () => updatedAt],
];

const associationColumns = (updatedAt: number): Columns<AssociationRow> => [
  ...fields<AssociationRow>([
    ['id', 'string'],
    ['weight', 'double'],
  ]),
  ['updatedAt', 'double', () => updatedAt],
];

/** A merge record: resolution's, or one of a merge made on the rows, which is written as mergeEntities writes it. */
export type BulkMergeRow = Omit<MergeRow, 'reason' | 'score'> & {
  reason: string | null;
  score: number | null;
  removedName?: string;
  by?: string;
  at?: string;
  undone?: boolean;
};

const mergeColumns = (at: string): Columns<BulkMergeRow> => [
  ...fields<BulkMergeRow>([
    ['keepId', 'string'],
    ['removedId', 'string'],
    ['removedName', 'string'],
    ['removedSnapshot', 'string'],
    ['reason', 'string'],
    ['score', 'double'],
  ]),
  ['by', 'string', (r) => r.by ?? 'auto'],
  ['at', 'string', (r) => r.at ?? at],
  ['undone', 'boolean', (r) => r.undone ?? false],
];

/** Lists the store holds empty once bulkFixups() ran (an empty CSV cell is no property). */
const LISTS_FIXED = new Set(['aliases', 'aliasKeys', 'mergedAliases', 'mergedAliasSources']);

/** A row's properties as the store holds them after the import and bulkFixups(): what a merge's snapshot reads. */
function storedProperties<R>(columns: Columns<R>, row: R, id: string): Record<string, unknown> {
  const props: Record<string, unknown> = { id };
  for (const [name, , value] of columns) {
    if (name.startsWith(':') || name.startsWith('bulk')) continue;
    const v = value(row);
    if (v === null || v === undefined) continue;
    if (Array.isArray(v) && v.length === 0 && !LISTS_FIXED.has(name)) continue;
    props[name] = Array.isArray(v) ? [...(v as unknown[])] : v;
  }
  return props;
}

export const entityProperties = (row: BulkEntityRow, createdAt: number) => storedProperties(entityColumns(createdAt), row, row.id);
export const relationProperties = (row: RelationRow, updatedAt: number) => storedProperties(relationColumns(updatedAt), row, row.id);
export const associationProperties = (row: AssociationRow, updatedAt: number) => storedProperties(associationColumns(updatedAt), row, row.id);

export interface BulkFiles {
  /** The `--nodes`, `--relationships` and parsing arguments of `neo4j-admin database import full`. */
  args: string[];
  nodes: number;
  relationships: number;
}

/**
 * The CSV files of one bulk load in `dir`: articles with their mentions and evidence streamed as
 * they come (per article, never aggregated), then the aggregated entities, relationships,
 * associations and merge records once every article is in.
 */
export class BulkCsv {
  private readonly articles: CsvFile<ArticleRow & { ingestedAt: string }>;
  private readonly mentions: CsvFile<BulkMentionRow>;
  private readonly evidence: CsvFile<EvidenceRow>;
  private readonly from: CsvFile<EvidenceRow>;

  constructor(private readonly dir: string) {
    this.articles = new CsvFile(join(dir, 'articles.csv'), (r) => [r.id], 'id:ID(Article)', ARTICLE, ['id']);
    this.mentions = new CsvFile(join(dir, 'mentioned_in.csv'), (r) => [r.entityId, r.articleId], ':START_ID(Entity),:END_ID(Article)', MENTION, [
      'entityId',
      'articleId',
    ]);
    this.evidence = new CsvFile(join(dir, 'evidence.csv'), (r) => [r.id], 'id:ID(Evidence)', EVIDENCE, ['id']);
    this.from = new CsvFile(
      join(dir, 'from.csv'),
      (r) => [r.id, r.articleId],
      ':START_ID(Evidence),:END_ID(Article)',
      [],
      ['id', ...EVIDENCE.map(([name]) => name)],
    );
  }

  addArticle(article: ArticleRow, mentions: MentionRow[], evidence: EvidenceRow[], ingestedAt: string): void {
    this.articles.write({ ...article, ingestedAt });
    this.addMentions(mentions);
    this.addEvidence(evidence);
  }

  addMentions(mentions: Iterable<BulkMentionRow>): void {
    for (const m of mentions) this.mentions.write(m);
  }

  addEvidence(evidence: Iterable<EvidenceRow>): void {
    for (const ev of evidence) {
      this.evidence.write(ev);
      this.from.write(ev);
    }
  }

  finish(
    totals: { entities: Iterable<BulkEntityRow>; relations: Iterable<RelationRow>; associations: Iterable<AssociationRow>; merges: Iterable<BulkMergeRow> },
    now: number,
  ): BulkFiles {
    const entities = new CsvFile(join(this.dir, 'entities.csv'), (r) => [r.id], 'id:ID(Entity)', entityColumns(now), ['id']);
    const relations = new CsvFile(join(this.dir, 'relations.csv'), (r) => [r.sourceId, r.targetId], ':START_ID(Entity),:END_ID(Entity)', relationColumns(now), [
      'sourceId',
      'targetId',
      'type',
      'notConfidence',
    ]);
    const associations = new CsvFile(
      join(this.dir, 'associated_with.csv'),
      (r) => [r.sourceId, r.targetId],
      ':START_ID(Entity),:END_ID(Entity)',
      associationColumns(now),
      ['sourceId', 'targetId'],
    );
    const merges = new CsvFile(join(this.dir, 'merge_records.csv'), (r) => [r.id], 'id:ID(MergeRecord)', mergeColumns(new Date(now).toISOString()), ['id']);
    for (const e of totals.entities) entities.write(e);
    for (const r of totals.relations) relations.write(r);
    for (const a of totals.associations) associations.write(a);
    for (const m of totals.merges) merges.write(m);
    const files = [this.articles, this.mentions, this.evidence, this.from, entities, relations, associations, merges];
    for (const f of files) f.close();
    const multiline = files.filter((f) => f.multiline).map((f) => f.path);
    return {
      args: [
        `--nodes=Article=${this.articles.path}`,
        `--nodes=${entities.path}`,
        `--nodes=Evidence=${this.evidence.path}`,
        `--nodes=MergeRecord=${merges.path}`,
        `--relationships=MENTIONED_IN=${this.mentions.path}`,
        `--relationships=FROM=${this.from.path}`,
        `--relationships=${relations.path}`,
        `--relationships=ASSOCIATED_WITH=${associations.path}`,
        '--array-delimiter=U+001F',
        // only the files with line breaks in their text are read as one stream; the rest in parallel
        ...(multiline.length ? [`--multiline-fields=${multiline.join(',')}`, '--multiline-fields-format=v2'] : ['--multiline-fields=false']),
      ],
      nodes: this.articles.rows + entities.rows + this.evidence.rows + merges.rows,
      relationships: this.mentions.rows + this.from.rows + relations.rows + associations.rows,
    };
  }
}

/**
 * Evidence rows held back until merges made on the rows say which relationship each belongs to:
 * written to a file of JSON lines as they come, read back once with the ends they end up with.
 */
export class HeldEvidenceFile {
  private readonly fd: number;
  private buffer = '';

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w');
  }

  write(row: EvidenceRow): void {
    this.buffer += JSON.stringify(row) + '\n';
    if (this.buffer.length >= FLUSH_BYTES) {
      writeSync(this.fd, this.buffer);
      this.buffer = '';
    }
  }

  /** Closes the file and reads it back, row by row. */
  async *rows(): AsyncGenerator<EvidenceRow> {
    writeSync(this.fd, this.buffer);
    this.buffer = '';
    closeSync(this.fd);
    for await (const line of createInterface({ input: createReadStream(this.path), crlfDelay: Infinity })) {
      if (line) yield JSON.parse(line) as EvidenceRow;
    }
  }
}

/**
 * Empty lists, which a CSV cell cannot hold, set as the transactional writes leave them. Each
 * statement does at most 50,000 at a time and returns how many: run it until that is 0.
 */
export function bulkFixups(): CypherQuery[] {
  return [
    { cypher: 'MATCH (e:Entity) WHERE e.aliases IS NULL WITH e LIMIT 50000 SET e.aliases = [] RETURN count(e) AS n' },
    { cypher: 'MATCH (e:Entity) WHERE e.aliasKeys IS NULL WITH e LIMIT 50000 SET e.aliasKeys = [] RETURN count(e) AS n' },
    { cypher: 'MATCH (a:Article) WHERE a.assocIds IS NULL WITH a LIMIT 50000 SET a.assocIds = [], a.assocWeights = [] RETURN count(a) AS n' },
    {
      cypher:
        'MATCH (e:Entity) WHERE e.bulkEmptyMerged IS NOT NULL WITH e LIMIT 50000 SET e.mergedAliases = [], e.mergedAliasSources = [] REMOVE e.bulkEmptyMerged RETURN count(e) AS n',
    },
    { cypher: 'MATCH ()-[m:MENTIONED_IN]->() WHERE m.aliases IS NULL AND m.bulkListsUnset IS NULL WITH m LIMIT 50000 SET m.aliases = [] RETURN count(m) AS n' },
    {
      cypher:
        'MATCH ()-[m:MENTIONED_IN]->() WHERE m.aliasKeys IS NULL AND m.bulkListsUnset IS NULL WITH m LIMIT 50000 SET m.aliasKeys = [] RETURN count(m) AS n',
    },
    { cypher: 'MATCH ()-[m:MENTIONED_IN]->() WHERE m.bulkListsUnset IS NOT NULL WITH m LIMIT 50000 REMOVE m.bulkListsUnset RETURN count(m) AS n' },
  ];
}

/** What a store holds, before a bulk load into it (counts come from Neo4j's count store). */
export function storeContents(): CypherQuery {
  return { cypher: 'CALL { MATCH (a:Article) RETURN count(a) AS articles } CALL { MATCH (n) RETURN count(n) AS nodes } RETURN articles, nodes' };
}
