import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The compliance documents prove each claim with a link to code and to a test: every link must lead to
// a file that exists (to a heading in it, where one is named), and a test name quoted after a test's
// link must be in that test.

/** GitHub's anchor for a Markdown heading: lower case, punctuation dropped, spaces as dashes. */
const anchorOf = (heading: string) =>
  `#${heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} -]/gu, '')
    .replace(/ /g, '-')}`;
const anchorsIn = (file: string) => new Set([...readFileSync(file, 'utf8').matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchorOf(m[1]!)));

const ROOT = path.resolve(import.meta.dirname, '../..');
const DOCS = ['SECURITY.md', ...readdirSync(path.join(ROOT, 'docs/compliance')).map((f) => `docs/compliance/${f}`)];

describe.each(DOCS)('%s', (doc) => {
  const text = readFileSync(path.join(ROOT, doc), 'utf8');
  const links = [...text.matchAll(/\]\(([^)#\s]+)(#[^)\s]*)?\)(?:\s+"([^"]+)")?/g)].filter((m) => !/^[a-z]+:/.test(m[1]!));

  it('links only to files that exist', () => {
    expect(links.length).toBeGreaterThan(0);
    const missing = links.map((m) => path.join(path.dirname(path.join(ROOT, doc)), m[1]!)).filter((target) => !existsSync(target));
    expect(missing.map((m) => path.relative(ROOT, m))).toEqual([]);
  });

  it('links only to headings that exist', () => {
    const anchored = links.filter((m) => m[2] && m[1]!.endsWith('.md'));
    const broken = anchored.filter((m) => !anchorsIn(path.join(path.dirname(path.join(ROOT, doc)), m[1]!)).has(m[2]!));
    expect(broken.map((m) => `${m[1]}${m[2]}`)).toEqual([]);
  });

  it('names only tests that exist in the linked test file', () => {
    const named = links.filter((m) => m[3] && m[1]!.includes('test/'));
    const absent = named.filter((m) => !readFileSync(path.join(path.dirname(path.join(ROOT, doc)), m[1]!), 'utf8').includes(m[3]!));
    expect(absent.map((m) => `${m[1]} "${m[3]}"`)).toEqual([]);
  });
});
