// `threatgraph query FILE.graphql --var key=value`: runs a saved investigation (any GraphQL
// operation file; a bare name looks in queries/) through the API, and prints the result as a
// table, JSON or CSV. Variables are checked against the operation before anything runs.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { GraphQLError, Kind, parse, print, type DocumentNode, type OperationDefinitionNode, type TypeNode } from 'graphql';
import { ThreatGraphError } from '../errors.js';
import { PROJECT_ROOT } from '../config.js';
import { withApi } from './api-session.js';
import { outputFormat, printJson, renderCsv, renderTable, resultSections } from './output.js';

/** FILE as given, else queries/FILE(.graphql) in the project. */
export function findQueryFile(file: string): string {
  const candidates = [file, join(PROJECT_ROOT, 'queries', file), join(PROJECT_ROOT, 'queries', `${file}.graphql`)];
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new ThreatGraphError('query', `${file}: no such file (nor queries/${file.replace(/\.graphql$/, '')}.graphql)`);
  return found;
}

export function parseQueryFile(file: string, text: string): DocumentNode {
  try {
    return parse(text);
  } catch (error) {
    if (error instanceof GraphQLError) {
      const at = error.locations?.[0];
      throw new ThreatGraphError('query', `${file}${at ? `:${at.line}:${at.column}` : ''}: ${error.message}`);
    }
    throw error;
  }
}

function pickOperation(file: string, document: DocumentNode, name: string | undefined): OperationDefinitionNode {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length === 0) throw new ThreatGraphError('query', `${file} holds no operation (only fragments?)`);
  const names = operations.map((o) => o.name?.value ?? '(anonymous)');
  if (name) {
    const found = operations.find((o) => o.name?.value === name);
    if (!found) throw new ThreatGraphError('query', `${file} has no operation "${name}" (it has ${names.join(', ')})`);
    return found;
  }
  if (operations.length > 1)
    throw new ThreatGraphError('query', `${file} holds ${operations.length} operations (${names.join(', ')}): choose one with --operation NAME`);
  return operations[0]!;
}

function namedType(type: TypeNode): { name: string; list: boolean; required: boolean } {
  if (type.kind === Kind.NON_NULL_TYPE) return { ...namedType(type.type), required: true };
  if (type.kind === Kind.LIST_TYPE) return { ...namedType(type.type), list: true, required: false };
  return { name: type.name.value, list: false, required: false };
}

/** `--var key=value` pairs as the operation's variables: strings stay strings, the rest is JSON. */
export function parseVariables(file: string, operation: OperationDefinitionNode, pairs: string[]): Record<string, unknown> {
  const declared = new Map((operation.variableDefinitions ?? []).map((d) => [d.variable.name.value, d]));
  const variables: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new ThreatGraphError('query', `--var "${pair}" must be key=value (e.g. --var name=Russia)`);
    const key = pair.slice(0, eq).trim();
    const raw = pair.slice(eq + 1);
    const definition = declared.get(key);
    if (!definition) {
      const known = [...declared.keys()].map((k) => `$${k}`).join(', ') || 'none';
      throw new ThreatGraphError('query', `--var ${key}: ${file} declares no $${key} (it declares ${known})`);
    }
    const type = namedType(definition.type);
    const shown = print(definition.type);
    if (!type.list && (type.name === 'String' || type.name === 'ID')) {
      variables[key] = raw;
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      // An enum value (Group, STRONGEST) needs no quotes; anything else must be JSON.
      if (!type.list && !['Int', 'Float', 'Boolean'].includes(type.name) && /^[A-Za-z_]\w*$/.test(raw)) value = raw;
      else throw new ThreatGraphError('query', `--var ${key}: $${key} is ${shown}, and "${raw}" is not a JSON value of that type`);
    }
    const bad =
      (type.name === 'Int' && !type.list && !Number.isInteger(value)) ||
      (type.name === 'Float' && !type.list && typeof value !== 'number') ||
      (type.name === 'Boolean' && !type.list && typeof value !== 'boolean');
    if (bad) throw new ThreatGraphError('query', `--var ${key}: $${key} is ${shown}, got "${raw}"`);
    variables[key] = value;
  }
  for (const [key, definition] of declared) {
    if (definition.type.kind === Kind.NON_NULL_TYPE && !definition.defaultValue && !(key in variables)) {
      throw new ThreatGraphError('query', `${file} needs --var ${key}=… ($${key}: ${print(definition.type)})`);
    }
  }
  return variables;
}

export function queryCommand(): Command {
  return new Command('query')
    .description('run a saved investigation (a .graphql file, or a name in queries/) through the API')
    .argument('<file>', 'a .graphql file, or the name of one in queries/')
    .option(
      '--var <key=value>',
      'a variable of the operation (repeatable); strings as they are, other types as JSON',
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .option('--operation <name>', 'which operation, when the file holds several')
    .option('--format <format>', 'table, json or csv (default: table on a terminal, json when piped)')
    .option('--json', 'same as --format json')
    .option('--endpoint <url>', 'use the API at this URL instead of the graph in this process')
    .addHelpText(
      'after',
      '\nExamples:\n  npx threatgraph query queries/state-proxies.graphql --var state=Russia\n  npx threatgraph query my-investigation.graphql --var depth=2 --var types=\'["Group"]\' --format csv',
    )
    .action(async (file: string, options: { var: string[]; operation?: string; format?: string; json?: boolean; endpoint?: string }) => {
      const format = outputFormat(options);
      const path = findQueryFile(file);
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch (error) {
        throw new ThreatGraphError('query', `cannot read ${path}: ${(error as Error).message}`, { cause: error });
      }
      const document = parseQueryFile(path, text);
      const operation = pickOperation(path, document, options.operation);
      const variables = parseVariables(path, operation, options.var);
      if (operation.operation !== 'query')
        throw new ThreatGraphError('query', `${path}: "${operation.name?.value ?? 'anonymous'}" is a ${operation.operation}; \`query\` runs read-only queries`);
      // Send the chosen operation with the fragments the file defines.
      const sent = print({ ...document, definitions: document.definitions.filter((d) => d === operation || d.kind === Kind.FRAGMENT_DEFINITION) });
      await withApi(options, async ({ client }) => {
        const data = await client.request(sent, variables);
        if (format === 'json') return printJson(data);
        const sections = resultSections(data);
        if (format === 'csv') {
          // One CSV: a `section` column tells the lists apart when there are several.
          const rows = sections.flatMap((s) => s.rows.map((r) => (sections.length > 1 ? { section: s.title, ...r } : r)));
          return void process.stdout.write(renderCsv(rows));
        }
        process.stdout.write(sections.map((s) => (s.title ? `${s.title}:\n` : '') + renderTable(s.rows)).join('\n'));
      });
    });
}
