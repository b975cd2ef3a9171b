// Shared by the STIX tests and the CLI tests: the schema check and what a round trip keeps.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { StixBundle } from '../../src/export/stix.js';

export const SCHEMA = JSON.parse(readFileSync(join(import.meta.dirname, 'stix-2.1-subset.schema.json'), 'utf8'));

export function stixValidator() {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, strictTypes: false });
  // ajv-formats is CommonJS: its function is the default export's `default` under NodeNext.
  const addFormats = ((addFormatsModule as { default?: unknown }).default ?? addFormatsModule) as typeof addFormatsModule.default;
  addFormats(ajv);
  return ajv.compile(SCHEMA);
}

/** What must survive a round trip: each entity and relationship, by ThreatGraph id. */
export function essentials(b: StixBundle) {
  const entities: Record<string, unknown> = {};
  const relationships: Record<string, unknown> = {};
  for (const o of b.objects) {
    if (o.type === 'relationship') {
      relationships[o.x_threatgraph_id as string] = {
        stixId: o.id, relationship_type: o.relationship_type, source_ref: o.source_ref, target_ref: o.target_ref,
        type: o.x_threatgraph_type, source: o.x_threatgraph_source_id, target: o.x_threatgraph_target_id,
        claim: o.x_threatgraph_claim ?? null, confidence: Number((o.x_threatgraph_confidence as number ?? 0).toFixed(9)),
        status: o.x_threatgraph_status, note: o.x_threatgraph_note ?? null, weight: o.x_threatgraph_weight ?? null,
        description: o.description ?? null,
      };
    } else {
      entities[o.x_threatgraph_id as string] = {
        stixId: o.id, stixType: o.type, name: o.name, type: o.x_threatgraph_type, kind: o.x_threatgraph_kind ?? null,
        iso3: o.x_threatgraph_iso3 ?? null, role: o.x_threatgraph_role ?? null, date: o.x_threatgraph_date ?? null,
        aliases: [...((o.x_threatgraph_aliases as string[]) ?? [])].sort(),
        firstSeen: o.x_threatgraph_first_seen ?? null, lastSeen: o.x_threatgraph_last_seen ?? null,
      };
    }
  }
  return { entities, relationships };
}

