// The saved investigations in queries/ as the explorer lists them: read-only, and only
// plain file names (lower-case letters, digits and dashes, ending .graphql) so no request
// can name a file outside the folder.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export const SAVED_QUERY_NAME = /^[a-z0-9-]+\.graphql$/;

export interface SavedQuery {
  /** File name, e.g. `russia-proxies.graphql`. */
  name: string;
  /** The leading `#` comment lines, joined: what the investigation asks. */
  description: string;
  /** The GraphQL document. */
  text: string;
}

/** The saved queries in `dir`, by name; an absent folder is an empty list. */
export async function listSavedQueries(dir: string): Promise<SavedQuery[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const queries: SavedQuery[] = [];
  for (const name of names.filter((n) => SAVED_QUERY_NAME.test(n)).sort()) {
    const query = await readSavedQuery(dir, name);
    if (query) queries.push(query);
  }
  return queries;
}

/** One saved query, or null when the name is not a saved query's name or no such file exists. */
export async function readSavedQuery(dir: string, name: string): Promise<SavedQuery | null> {
  if (!SAVED_QUERY_NAME.test(name)) return null;
  let text: string;
  try {
    text = await readFile(join(dir, name), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR') return null;
    throw error;
  }
  return { name, description: leadingComment(text), text };
}

function leadingComment(text: string): string {
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' && lines.length === 0) continue;
    if (!trimmed.startsWith('#')) break;
    lines.push(trimmed.replace(/^#+\s?/, ''));
  }
  return lines.join(' ').trim();
}
