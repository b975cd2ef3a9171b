// The extractor's version must change whenever anything the extractor reads changes: every
// data folder that src/extract reads from is among the version's inputs.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXTRACTOR_INPUTS, extractorVersion } from '../../src/ingest/version.js';

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));

describe('extractor version', () => {
  it('hashes every data folder the extractor reads', () => {
    const read = new Set<string>();
    for (const file of sources('src/extract')) {
      for (const m of readFileSync(file, 'utf8').matchAll(/['"`](?:\.\.\/)+(data\/[\w-]+)\//g)) read.add(m[1]!);
    }
    expect(read.size).toBeGreaterThanOrEqual(3); // gazetteers, lexicons, models
    for (const folder of read) expect(EXTRACTOR_INPUTS).toContain(folder);
  });
  it('is x- and 12 hex digits', () => {
    expect(extractorVersion()).toMatch(/^x-[0-9a-f]{12}$/);
  });
});
