// JSON Lines: one ONTOLOGY.md article object a line, read as a stream so a large file costs
// no more memory than its longest line. A bad line is reported as PATH:LINE and the other
// lines still count.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { ThreatGraphError } from '../errors.js';
import { articleFromJson } from './parse.js';
import type { SourceItem } from './types.js';

function lineItem(origin: string, line: string): SourceItem {
  try {
    return { kind: 'article', origin, article: articleFromJson(origin, JSON.parse(line)) };
  } catch (error) {
    const reason = error instanceof ThreatGraphError
      ? error.message.replace(`[threatgraph] [source] ${origin}: `, '')
      : `is not valid JSON (${(error as Error).message})`;
    return { kind: 'failed', origin, reason };
  }
}

export function* jsonlItems(origin: string, text: string): Generator<SourceItem> {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line) yield lineItem(`${origin}:${i + 1}`, line);
  }
}

export async function* readJsonlFile(path: string): AsyncGenerator<SourceItem> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let n = 0;
  let any = false;
  try {
    for await (const raw of lines) {
      n++;
      const line = raw.replace(/^\uFEFF/, '').trim();
      if (!line) continue;
      any = true;
      yield lineItem(`${path}:${n}`, line);
    }
  } catch (error) {
    yield { kind: 'failed', origin: path, reason: `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
    return;
  }
  if (!any) yield { kind: 'failed', origin: path, reason: 'is empty' };
}
