// The work of one extraction task, in a worker thread or in-process: a few articles at a time,
// so that messages between threads stay few. A failure is one article's, never the task's.
import { extract } from '../extract/index.js';
import type { ArticleInput, Extraction } from '../extract/types.js';

export type TaskResult = { ok: true; extraction: Extraction } | { ok: false; reason: string };

export function extractMany(inputs: ArticleInput[]): TaskResult[] {
  return inputs.map((input) => {
    try {
      return { ok: true, extraction: extract(input) };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, reason: message.replace(/^\[extract\] [^:]*: /, '') };
    }
  });
}
