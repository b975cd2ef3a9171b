// `neo4j-admin database import full` from the local jars (org.neo4j.cli.AdminTool), into the
// store of the project's local Neo4j. The launcher runs Neo4j with its home in the data
// directory (src/neo4j/local.ts), so the admin tool gets that directory as NEO4J_HOME and the
// store lands where the next start finds it.
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalNeo4jConfig } from '../config.js';
import { ThreatGraphError } from '../errors.js';
import { launcherClasspath, localStatus, requireJava } from './local.js';

export interface ImportOptions {
  /** The `--nodes`/`--relationships` (and format) arguments. */
  args: string[];
  /** Where the tool's configuration and bad-entry report go (its log goes beside the store). */
  workDir: string;
  /** Replace an existing (empty) database. */
  overwrite: boolean;
}

/** Imports CSV files into the stopped local store's `neo4j` database; resolves with the tool's summary line. */
export async function adminImport(config: LocalNeo4jConfig, options: ImportOptions): Promise<string> {
  if (localStatus(config).running) {
    throw new ThreatGraphError('neo4j', `the local Neo4j in ${config.dataDir} is running: stop it (npx threatgraph neo4j stop) before a bulk import`);
  }
  requireJava();
  const classpath = launcherClasspath();
  const confDir = join(options.workDir, 'conf');
  mkdirSync(confDir, { recursive: true });
  writeFileSync(join(confDir, 'neo4j.conf'), '');
  // beside the store, so that it outlives the temporary CSV folder when the import fails
  mkdirSync(config.dataDir, { recursive: true });
  const logPath = join(config.dataDir, 'import.log');
  const log = openSync(logPath, 'w');
  const args = [
    `-Xmx${config.heap}`, '-cp', classpath, 'org.neo4j.cli.AdminTool', 'database', 'import', 'full',
    ...options.args,
    `--overwrite-destination=${options.overwrite}`,
    `--report-file=${join(options.workDir, 'import.report')}`,
    'neo4j',
  ];
  const code = await new Promise<number>((done, fail) => {
    const child = spawn('java', args, {
      cwd: options.workDir,
      env: { ...process.env, NEO4J_HOME: config.dataDir, NEO4J_CONF: confDir },
      stdio: ['ignore', log, log],
    });
    child.once('error', fail);
    child.once('exit', (c) => done(c ?? -1));
  });
  closeSync(log);
  const output = readFileSync(logPath, 'utf8');
  if (code !== 0) {
    const lines = output.split('\n').map((line) => line.trim()).filter(Boolean);
    const reason = lines.find((line) => /Exception|Error|error:|Invalid|already|Unknown|Missing/i.test(line)) ?? lines[0] ?? `exit code ${code}`;
    throw new ThreatGraphError('neo4j', `neo4j-admin database import failed: ${reason} (log: ${logPath})`);
  }
  return output.match(/IMPORT DONE in [^\n]*/)?.[0]?.trim() ?? 'IMPORT DONE';
}
