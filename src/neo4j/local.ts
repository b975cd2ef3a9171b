// The project's own Neo4j: Neo4j Community 5.26 embedded in the JVM launcher of neo4j/,
// Bolt on 127.0.0.1 only, its store in a data directory the project owns.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { existsSync, mkdirSync, openSync, readFileSync, readdirSync, statSync, writeFileSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT, type LocalNeo4jConfig } from '../config.js';
import { ThreatGraphError } from '../errors.js';

const LAUNCHER_DIR = join(PROJECT_ROOT, 'neo4j');
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 60_000;

export interface LocalNeo4jStatus {
  running: boolean;
  pid: number | null;
  uri: string;
  dataDir: string;
  storeBytes: number;
}

export interface RunningNeo4j {
  uri: string;
  user: 'neo4j';
  password: string;
  /** Present when this process started the JVM as its child; `stop()` ends it. */
  child: ChildProcess | null;
  startedMs: number;
}

const pidFile = (dataDir: string) => join(dataDir, 'launcher.pid');
const logFile = (dataDir: string) => join(dataDir, 'launcher.log');
const passwordFile = (dataDir: string) => join(dataDir, 'password');

/** The password of the local store: NEO4J_PASSWORD if given, else one generated on first start. */
export function localPassword(dataDir: string, fromEnv: string | null): string {
  if (fromEnv) return fromEnv;
  const file = passwordFile(dataDir);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const generated = randomBytes(18).toString('base64url');
  writeFileSync(file, generated + '\n', { mode: 0o600 });
  return generated;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function runningPid(dataDir: string): number | null {
  const file = pidFile(dataDir);
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : null;
}

function directoryBytes(dir: string): number {
  if (!existsSync(dir)) return 0;
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += directoryBytes(path);
    else if (entry.isFile()) total += statSync(path).size;
  }
  return total;
}

export function localStatus(config: LocalNeo4jConfig): LocalNeo4jStatus {
  const pid = runningPid(config.dataDir);
  return {
    running: pid !== null,
    pid,
    uri: `bolt://127.0.0.1:${config.port}`,
    dataDir: config.dataDir,
    storeBytes: directoryBytes(join(config.dataDir, 'data')),
  };
}

function portFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => done(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => done(true)));
  });
}

/** A free TCP port on 127.0.0.1, for tests and throw-away instances. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export function launcherClasspath(): string {
  const classes = join(LAUNCHER_DIR, 'target', 'classes');
  if (!existsSync(join(classes, 'threatgraph', 'Launcher.class')) || !existsSync(join(LAUNCHER_DIR, 'target', 'lib'))) {
    throw new ThreatGraphError('neo4j', 'the local Neo4j is not installed: run `npm install` (it resolves the jars with mvn), or set NEO4J_URI to use an existing Neo4j');
  }
  return `${classes}:${join(LAUNCHER_DIR, 'target', 'lib', '*')}`;
}

export function requireJava(): void {
  if (spawnSync('java', ['-version'], { stdio: 'ignore' }).error) {
    throw new ThreatGraphError('neo4j', 'java is not on PATH: install Java 17, or set NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD to use an existing Neo4j');
  }
}

/**
 * Starts the local Neo4j unless it already runs, and waits until Bolt answers.
 * `attached`: the JVM is this process's child and ends with it (npm start, tests);
 * otherwise it is detached and outlives the CLI (`threatgraph neo4j start`).
 */
export async function startLocal(config: LocalNeo4jConfig, options: { password: string | null; attached: boolean }): Promise<RunningNeo4j> {
  const started = Date.now();
  const uri = `bolt://127.0.0.1:${config.port}`;
  const password = localPassword(config.dataDir, options.password);
  if (runningPid(config.dataDir) !== null) return { uri, user: 'neo4j', password, child: null, startedMs: 0 };

  requireJava();
  const classpath = launcherClasspath();
  if (!(await portFree(config.port))) {
    throw new ThreatGraphError('neo4j', `port ${config.port} on 127.0.0.1 is already in use: stop what listens there, or set NEO4J_LOCAL_PORT to another port (or NEO4J_URI to use that server)`);
  }
  mkdirSync(config.dataDir, { recursive: true });
  const log = openSync(logFile(config.dataDir), 'w');
  const child = spawn('java', [`-Xmx${config.heap}`, '-XX:+UseG1GC', '-cp', classpath, 'threatgraph.Launcher', config.dataDir, String(config.port)], {
    cwd: config.dataDir,
    env: {
      ...process.env,
      TG_NEO4J_PASSWORD: password,
      TG_NEO4J_PAGECACHE: config.pageCache,
      TG_WATCH_STDIN: options.attached ? '1' : '0',
    },
    stdio: [options.attached ? 'pipe' : 'ignore', log, log],
    detached: !options.attached,
  });
  closeSync(log);
  if (!options.attached) child.unref();

  await waitForReady(config.dataDir, child);
  return { uri, user: 'neo4j', password, child: options.attached ? child : null, startedMs: Date.now() - started };
}

async function waitForReady(dataDir: string, child: ChildProcess): Promise<void> {
  let exitCode: number | null = null;
  child.once('exit', (code) => { exitCode = code ?? -1; });
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const log = readFileSync(logFile(dataDir), 'utf8');
    if (log.includes('READY bolt://')) return;
    if (exitCode !== null) {
      const reason = log.split('\n').find((line) => /Exception|Error|must be/.test(line)) ?? `exit code ${exitCode}`;
      throw new ThreatGraphError('neo4j', `the local Neo4j did not start: ${reason.trim()} (log: ${logFile(dataDir)})`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGTERM');
  throw new ThreatGraphError('neo4j', `the local Neo4j did not answer within ${START_TIMEOUT_MS / 1000} s (log: ${logFile(dataDir)})`);
}

/** Stops the local Neo4j cleanly (its shutdown hook closes the store); true if one was running. */
export async function stopLocal(config: LocalNeo4jConfig): Promise<boolean> {
  const pid = runningPid(config.dataDir);
  if (pid === null) return false;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (isAlive(pid)) {
    if (Date.now() > deadline) {
      throw new ThreatGraphError('neo4j', `the local Neo4j (pid ${pid}) did not stop within ${STOP_TIMEOUT_MS / 1000} s`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

/** Stops a JVM this process started attached, and waits for it to exit. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}
