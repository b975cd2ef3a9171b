// Bad input: each case gives an empty extraction or a clear error naming the file,
// never a crash or a hang.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extract } from '../../src/extract/index.js';
import { readArticleFile } from '../../src/sources/file.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-extract-bad-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Buffer): string => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
};

describe('bad input', () => {
  it('empty text: an empty extraction from extract(), a named error from the file reader', () => {
    const x = extract({ id: 'empty', text: '' });
    expect(x.entities).toEqual([]);
    expect(x.relations).toEqual([]);
    expect(extract({ id: 'blank', text: ' \n\t \n' }).sentences).toEqual([]);
    const p = file('empty.txt', '');
    expect(() => readArticleFile(p)).toThrow(`[extract] ${p}: the file is empty`);
  });

  it('binary bytes: a named error', () => {
    const p = file('image.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
    expect(() => readArticleFile(p)).toThrow(`[extract] ${p}: binary content`);
    const junk = String.fromCharCode(...Array.from({ length: 400 }, (_, i) => (i * 7) % 32));
    expect(() => extract({ id: 'junk', text: junk })).toThrow('[extract] junk: text holds binary');
  });

  it('invalid UTF-8: a named error', () => {
    const p = file('latin1.txt', Buffer.from('Caf\xe9 in Moscow \xff\xfe was attacked.', 'latin1'));
    expect(() => readArticleFile(p)).toThrow(`[extract] ${p}: not valid UTF-8 text`);
  });

  it('a 10 MB text: finishes, with bounded output', () => {
    const para = 'Russian hackers attacked the ministry in Kyiv, Ukrainian officials said. ';
    const text = para.repeat(Math.ceil((10 * 1024 * 1024) / para.length));
    const t0 = Date.now();
    const x = extract({ id: 'big', text });
    expect(Date.now() - t0).toBeLessThan(120_000);
    expect(x.entities.map((e) => e.name)).toContain('Russia');
    expect(x.entities.length).toBeLessThan(20);
  }, 180_000);

  it('an oversized file: a named error', () => {
    const p = path.join(dir, 'huge.txt');
    fs.writeFileSync(p, '');
    fs.truncateSync(p, 21 * 1024 * 1024);
    expect(() => readArticleFile(p)).toThrow(/^\[extract\] .*huge\.txt: the file is 21\.0 MB, over the 20 MB limit$/);
  });

  it('an HTML page without an article: an empty extraction', () => {
    const html =
      '<!doctype html><html><head><title>Home</title></head><body><nav><a href="/">Home</a> <a href="/x">Russia</a></nav><footer>© 2024</footer></body></html>';
    const x = extract(readArticleFile(file('nav.html', html)));
    expect(x.entities).toEqual([]);
    expect(x.relations).toEqual([]);
  });

  it('a non-English article: an empty extraction', () => {
    const fr =
      'Les services de renseignement ont déclaré que la Russie avait mené une campagne de sabotage contre des entrepôts en Pologne et en Allemagne. ' +
      'Selon les procureurs, les colis piégés étaient des essais destinés à des vols vers le Canada et les États-Unis, et l’enquête se poursuit dans plusieurs pays européens.';
    const x = extract({ id: 'fr', text: fr });
    expect(x.entities).toEqual([]);
    expect(x.relations).toEqual([]);
  });

  it('a JSON file without text: a named error that names the field', () => {
    const p = file('doc.json', JSON.stringify({ id: 'x', title: 'No body' }));
    expect(() => readArticleFile(p)).toThrow(`[extract] ${p}: field "text" is missing or not a string`);
  });

  it('an unsupported file type: a named error', () => {
    const p = file('doc.pdf', '%PDF-1.4 not really');
    expect(() => readArticleFile(p)).toThrow(`[extract] ${p}: unsupported file type ".pdf"`);
  });

  it('odd text never throws: unbalanced quotes, brackets, lone punctuation, long tokens', () => {
    const odd = ['"""', '( ( ( ', "'s 's 's", '-'.repeat(5000), 'A'.repeat(100_000), '— – ” “ ‘ ’', 'Mr. . . v v v (ABC) (', 'The the THE tHe'];
    for (const t of odd) expect(() => extract({ id: 'odd', text: t })).not.toThrow();
  });
});
