// The work of one extraction task, in a worker thread or in-process: a few articles at a time,
// so that messages between threads stay few. A failure is one article's, never the task's.
// Sentences are parsed by spaCy worker processes (src/extract/parser): one process per
// extraction thread, or one per core when extraction runs in the main thread.
import { isMainThread } from 'node:worker_threads';
import { extractAllWithParser } from '../extract/index.js';
import { createParserPool, parserAvailable, sharedParser } from '../extract/parser/pool.js';
import type { SentenceParser } from '../extract/parser/types.js';
import type { ArticleInput, Extraction } from '../extract/types.js';

export type TaskResult = { ok: true; extraction: Extraction } | { ok: false; reason: string };

let threadParser: SentenceParser | undefined;
function parserForTask(): SentenceParser | undefined {
  if (isMainThread) return sharedParser();
  if (process.env.THREATGRAPH_PARSER === 'off' || !parserAvailable()) return undefined;
  return (threadParser ??= createParserPool({ size: 1 }));
}

export async function extractMany(inputs: ArticleInput[]): Promise<TaskResult[]> {
  const results = await extractAllWithParser(inputs, parserForTask());
  return results.map((r): TaskResult => {
    if (!(r instanceof Error)) return { ok: true, extraction: r };
    return { ok: false, reason: r.message.replace(/^\[extract\] (?:\[parser\] )?[^:]*: /, '') };
  });
}
