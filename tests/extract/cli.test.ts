// `threatgraph extract` through the real CLI, and `npm run eval`'s figures.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-extract-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('threatgraph extract', () => {
  it('prints one JSON line per document with id, entities and relations', async () => {
    const txt = path.join(dir, 'story.txt');
    fs.writeFileSync(txt, 'Canada sanctioned the Wagner Group on Monday.');
    const json = path.join(dir, 'doc.json');
    fs.writeFileSync(json, JSON.stringify({ id: 'doc-42', title: 'Sanctions', text: 'Hamas was designated by the United States.', entities: [] }));
    const r = await runCli(['extract', '--json', txt, json]);
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['story', 'doc-42']);
    expect(lines[0].entities.map((e: { name: string }) => e.name)).toEqual(expect.arrayContaining(['Canada', 'Wagner Group']));
    expect(lines[0].relations).toContainEqual(expect.objectContaining({ source: 'Canada', type: 'OPPOSES', target: 'Wagner Group' }));
    expect(lines[1].relations).toContainEqual(expect.objectContaining({ source: 'United States', type: 'OPPOSES', target: 'Hamas' }));
  }, 60_000);

  it('names a bad file on stderr, still reads the good ones, and exits 1', async () => {
    const bad = path.join(dir, 'bad.txt');
    fs.writeFileSync(bad, Buffer.from([0xff, 0xfe, 0x00, 0x01]));
    const good = path.join(dir, 'good.md');
    fs.writeFileSync(good, '---\ntitle: Note\n---\nIran funds Hezbollah.');
    const r = await runCli(['extract', '--json', bad, good]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`[extract] ${bad}: binary content`);
    expect(JSON.parse(r.stdout.trim()).id).toBe('good');
  }, 60_000);
});

describe('npm run eval', () => {
  it("prints the reference scorer's figures for the predictions it writes, and refuses a bad split", () => {
    const gold = path.join(dir, 'gold');
    fs.mkdirSync(gold);
    const corpus = path.resolve('corpus/docs');
    for (const f of fs
      .readdirSync(corpus)
      .filter((f) => f.endsWith('.json'))
      .slice(0, 3))
      fs.copyFileSync(path.join(corpus, f), path.join(gold, f));
    const pred = path.join(dir, 'pred.jsonl');
    const tsx = path.resolve('node_modules/.bin/tsx');
    const out = execFileSync(tsx, ['scripts/eval.ts', gold, '--no-parser', '--out', pred], { encoding: 'utf8' });
    const summary = /summary entityF1=([\d.]+) relationF1=([\d.]+)/.exec(out);
    expect(summary).not.toBeNull();
    const ref = JSON.parse(execFileSync(process.execPath, [path.resolve('../shared/tools/score.mjs'), gold, pred, '--json'], { encoding: 'utf8' }));
    expect(Number(summary![1])).toBeCloseTo(ref.entities.all.f1, 3);
    expect(Number(summary![2])).toBeCloseTo(ref.relationsStrict.f1, 3);
    expect(ref.entities.all.tp).toBeGreaterThan(0);
    let refused = '';
    try {
      execFileSync(tsx, ['scripts/eval.ts', gold, '--split', 'test'], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      refused = String((e as { stderr: string }).stderr);
    }
    expect(refused).toContain('--split must be train or validation');
  }, 120_000);
});
