// npm postinstall: resolve the embedded Neo4j's jars from Maven Central once, into neo4j/target/lib.
// A machine without java or mvn still installs; it is told how to use an existing Neo4j instead.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const launcherDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'neo4j');
const ready = existsSync(join(launcherDir, 'target', 'classes', 'threatgraph', 'Launcher.class')) && existsSync(join(launcherDir, 'target', 'lib'));

if (process.env.THREATGRAPH_SKIP_NEO4J_SETUP === '1' || ready) process.exit(0);

const has = (cmd) => spawnSync(cmd, ['-version'], { stdio: 'ignore' }).error === undefined;
if (!has('java') || !has('mvn')) {
  console.warn(
    '[threatgraph] [neo4j] java 17 and mvn are needed to run the local Neo4j; ' +
      'without them, set NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD to use an existing Neo4j 5 server or Aura.',
  );
  process.exit(0);
}
console.log('[threatgraph] [neo4j] resolving Neo4j Community 5.26 from Maven Central (once, about 120 MB)...');
const build = spawnSync('mvn', ['-q', '-B', 'package', '-DskipTests'], { cwd: launcherDir, stdio: 'inherit' });
if (build.status !== 0) {
  console.error('[threatgraph] [neo4j] mvn package failed in neo4j/; run it there to see why, ' + 'or set NEO4J_URI to use an existing Neo4j.');
  process.exit(1);
}
console.log('[threatgraph] [neo4j] ready.');
