// Small readers over an Extraction for test tables.
import { extract } from '../../src/extract/index.js';
import type { Extraction } from '../../src/extract/types.js';

export const run = (text: string, title?: string): Extraction => extract({ id: 't', text, title });
export const names = (x: Extraction): string[] => x.entities.map((e) => `${e.type}:${e.name}`);
export const rels = (x: Extraction): string[] => x.relations.map((r) => `${r.source} ${r.type} ${r.target}`);
