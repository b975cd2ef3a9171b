// The extractor's version: a hash of everything that decides what it extracts (its code, its
// gazetteers, lexicons and trained model, the parser worker and its pinned requirements). Each article keeps
// the version that read it, so `threatgraph reextract` knows which articles an improved
// extractor has not read yet, with no version number anyone must remember to bump.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PROJECT_ROOT as ROOT } from '../config.js';

/** The files and folders whose content is the extractor's version. */
export const EXTRACTOR_INPUTS = ['src/extract', 'data/gazetteers', 'data/lexicons', 'data/models', 'python/worker.py', 'python/requirements.txt'];

function files(path: string): string[] {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return [];
  }
  if (!stat.isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => (name.startsWith('.') ? [] : files(join(path, name))));
}

let cached: string | undefined;

/** `x-` and 12 hex digits, the same for the same extractor on every machine. */
export function extractorVersion(): string {
  if (cached) return cached;
  const hash = createHash('sha256');
  for (const input of EXTRACTOR_INPUTS) {
    for (const file of files(join(ROOT, input))) {
      hash.update(relative(ROOT, file).split('\\').join('/')).update('\0').update(readFileSync(file)).update('\0');
    }
  }
  return (cached = `x-${hash.digest('hex').slice(0, 12)}`);
}
