// Text in: formats, typography, sentences, and the file reader's front matter.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extract } from '../../src/extract/index.js';
import { detectFormat, normaliseTypography } from '../../src/extract/normalise.js';
import { readArticleFile } from '../../src/sources/file.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-extract-in-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('typography', () => {
  it('straightens quotes and drops a closing quote that was never opened', () => {
    expect(normaliseTypography('labels like Jihadist violence” or far-right violence” don’t fit')).toBe(
      "labels like Jihadist violence or far-right violence don't fit",
    );
    expect(normaliseTypography('he said “no” and left')).toBe('he said "no" and left');
  });
  it('normalises dashes and spaces', () => {
    expect(normaliseTypography('under 18 — a rise\u00a0of 3–4 times')).toBe('under 18 - a rise of 3-4 times');
  });
  it("opens an editor's bracket around part of a name, and leaves other brackets", () => {
    expect(normaliseTypography('joined by FBI Director [James] Comey and Mr. [Nikolai] Patrushev')).toBe(
      'joined by FBI Director James Comey and Mr. Nikolai Patrushev',
    );
    expect(normaliseTypography('the defendant [sic] said [that] Smith left')).toBe('the defendant [sic] said [that] Smith left');
  });
});

describe('formats', () => {
  it('guesses HTML, Markdown and plain text', () => {
    expect(detectFormat('<html><body><p>x</p></body></html>')).toBe('html');
    expect(detectFormat('# Title\n\nSome **bold** text')).toBe('markdown');
    expect(detectFormat('Just words.')).toBe('text');
  });

  it('takes the article out of an HTML page with Readability, not the navigation', () => {
    const body = Array.from(
      { length: 6 },
      () =>
        '<p>Canadian police are investigating the arson attack in Montreal, which officials linked to Iranian intelligence services working with local criminals.</p>',
    ).join('');
    const html = `<!doctype html><html><head><title>Arson in Montreal</title></head><body><nav><a href="/">Home</a> <a href="/nk">North Korea news</a></nav><article><h1>Arson in Montreal</h1>${body}</article><footer>Cookies and Sweden</footer></body></html>`;
    const p = path.join(dir, 'page.html');
    fs.writeFileSync(p, html);
    const x = extract(readArticleFile(p));
    const got = x.entities.map((e) => `${e.type}:${e.name}`);
    expect(got).toContain('Place:Montreal');
    expect(got).toContain('State:Canada');
    expect(got).not.toContain('State:North Korea');
    expect(got).not.toContain('State:Sweden');
    expect(x.title).toBe('Arson in Montreal');
  });

  it('reads Markdown with front matter: title, date, source', () => {
    const p = path.join(dir, 'note.md');
    fs.writeFileSync(
      p,
      '---\ntitle: Sabotage in Gdansk\ndate: 2024-05-02\nsource: wire\n---\n# Heading\n\nThe **Polish** ABW said the [arson attack](http://x) in Gdansk was Russian sabotage.\n',
    );
    const a = readArticleFile(p);
    expect(a).toMatchObject({ id: 'note', title: 'Sabotage in Gdansk', published: '2024-05-02', source: 'wire', format: 'markdown' });
    const x = extract(a);
    expect(x.text).not.toContain('**');
    expect(x.text).not.toContain('](');
    expect(x.entities.map((e) => e.name)).toContain('Poland');
  });

  it('reads ONTOLOGY JSON and ignores its annotations', () => {
    const p = path.join(dir, 'doc.json');
    fs.writeFileSync(
      p,
      JSON.stringify({ id: 'doc-7', title: 'T', text: 'Hamas attacked Israel.', published: '2024-01-01', entities: [{ name: 'Nope', type: 'Actor' }] }),
    );
    const a = readArticleFile(p);
    expect(a).toEqual({ id: 'doc-7', title: 'T', text: 'Hamas attacked Israel.', published: '2024-01-01', source: undefined, url: undefined });
    expect(extract(a).entities.map((e) => e.name)).not.toContain('Nope');
  });

  it('puts the title first as its own sentence and splits the body into sentences', () => {
    const x = extract({
      id: 's',
      title: 'Spies in Vienna',
      text: 'Mr. Smith met the U.S. envoy. He left at 5 p.m. on Monday.\n\nA new paragraph starts here.',
    });
    expect(x.sentences.map((s) => s.text)).toEqual([
      'Spies in Vienna',
      'Mr. Smith met the U.S. envoy.',
      'He left at 5 p.m. on Monday.',
      'A new paragraph starts here.',
    ]);
    for (const s of x.sentences) expect(x.text.slice(s.start, s.end)).toBe(s.text);
  });
});
