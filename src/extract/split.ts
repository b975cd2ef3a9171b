// The corpus's train/validation split. Rules and lexicons are written from train; a change
// is judged on validation, which nobody reads to write a rule. The split is a function of
// the document id alone, so a document never changes sides as the corpus grows.
import { createHash } from 'node:crypto';

export type Split = 'train' | 'validation';

/** About 30% of documents are validation: the first hex digit of the id's SHA-256 below 5. */
export function splitOf(id: string): Split {
  const digit = parseInt(createHash('sha256').update(id).digest('hex')[0]!, 16);
  return digit < 5 ? 'validation' : 'train';
}
