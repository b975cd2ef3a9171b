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
  /** Where the tool's configuration, log and bad-entry report go. */
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
  const logPath = join(options.workDir, 'import.log');
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
    const reason = output.split('\n').find((line) => /Exception|Error|error:|Invalid|already/i.test(line))?.trim() ?? `exit code ${code}`;
    throw new ThreatGraphError('neo4j', `neo4j-admin database import failed: ${reason} (log: ${logPath})`);
  }
  return output.match(/IMPORT DONE in [^\n]*/)?.[0]?.trim() ?? 'IMPORT DONE';
}
