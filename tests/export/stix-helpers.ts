// Shared by the STIX tests and the CLI tests: OASIS's validator and what a round trip keeps.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StixBundle } from '../../src/export/stix.js';
import type { GraphExecutor } from '../../src/graph/executor.js';
import { PROJECT_ROOT } from '../../src/config.js';

/** What must survive a round trip: each entity and relationship, by ThreatGraph id. */
export function essentials(b: StixBundle) {
  const entities: Record<string, unknown> = {};
  const relationships: Record<string, unknown> = {};
  for (const o of b.objects) {
    // ThreatGraph's identity, extension, reports and a State's actor facet are made from the rest.
    if (!o.x_threatgraph_id || o.x_threatgraph_facet) continue;
    if (o.type === 'relationship') {
      relationships[o.x_threatgraph_id as string] = {
        stixId: o.id,
        relationship_type: o.relationship_type,
        source_ref: o.source_ref,
        target_ref: o.target_ref,
        type: o.x_threatgraph_type,
        source: o.x_threatgraph_source_id,
        target: o.x_threatgraph_target_id,
        claim: o.x_threatgraph_claim ?? null,
        confidence: Number(((o.x_threatgraph_confidence as number) ?? 0).toFixed(9)),
        status: o.x_threatgraph_status,
        note: o.x_threatgraph_note ?? null,
        weight: o.x_threatgraph_weight ?? null,
        description: o.description ?? null,
      };
    } else {
      entities[o.x_threatgraph_id as string] = {
        stixId: o.id,
        stixType: o.type,
        name: o.name,
        type: o.x_threatgraph_type,
        kind: o.x_threatgraph_kind ?? null,
        iso3: o.x_threatgraph_iso3 ?? null,
        role: o.x_threatgraph_role ?? null,
        date: o.x_threatgraph_date ?? null,
        aliases: [...((o.x_threatgraph_aliases as string[]) ?? [])].sort(),
        firstSeen: o.x_threatgraph_first_seen ?? null,
        lastSeen: o.x_threatgraph_last_seen ?? null,
      };
    }
  }
  return { entities, relationships };
}

// One run with every check; warnings carry their check's code ("{202} …").
const VALIDATOR_SCRIPT = `
import json, re, sys
from stix2validator import validate_file, ValidationOptions
r = validate_file(sys.argv[1], ValidationOptions(version='2.1', silent=True))
errors, warnings = [], []
for o in r.object_results:
    errors += ['%s: %s' % (o.object_id, e) for e in (o.errors or [])]
    warnings += ['%s: %s' % (o.object_id, w) for w in (o.warnings or [])]
by_code = {}
for code in sys.argv[2].split(','):
    if code:
        by_code[code] = [w for w in warnings if '{%s}' % code in w]
print(json.dumps({'valid': r.is_valid, 'errors': errors, 'warnings': len(warnings), 'byCode': by_code}))
`;

export interface ValidatorReport {
  valid: boolean;
  errors: string[];
  /** Warnings of every kind. */
  warnings: number;
  /** The warnings of each check asked for, by code (202 relationship types, 223 region, 401 extensions). */
  byCode: Record<string, string[]>;
}

/** OASIS's stix2-validator (PyPI, installed into .venv by scripts/setup-python.mjs) on a bundle. */
export function runStixValidator(bundle: StixBundle, codes: string[]): ValidatorReport {
  const python = join(PROJECT_ROOT, '.venv', 'bin', 'python');
  const dir = mkdtempSync(join(tmpdir(), 'threatgraph-stix-'));
  const file = join(dir, 'bundle.json');
  try {
    writeFileSync(file, JSON.stringify(bundle));
    const run = spawnSync(python, ['-c', VALIDATOR_SCRIPT, file, codes.join(',')], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (run.status !== 0) {
      throw new Error(
        `stix2-validator did not run (${python}): ${run.error?.message ?? run.stderr.slice(-500)}; install it with node scripts/setup-python.mjs`,
      );
    }
    return JSON.parse(run.stdout) as ValidatorReport;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Removes what STIX imports in a test made: the given entities, kept STIX objects, the bundles' articles and their evidence. */
export async function removeStixImports(graph: GraphExecutor, entityIds: string[]): Promise<void> {
  await graph.write({
    cypher: `MATCH (n) WHERE (n:Entity AND n.id IN $ids) OR n:StixObject OR (n:Article AND n.source STARTS WITH 'stix:')
             OPTIONAL MATCH (ev:Evidence)-[:FROM]->(n)
             DETACH DELETE ev, n`,
    params: { ids: entityIds },
  });
}
