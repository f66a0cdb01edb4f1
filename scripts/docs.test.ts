import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../sim/testing/fixtures.ts';

/** The Markdown files of the repository (tracked or new, never ignored ones such as reports/out). */
function markdownFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.md', '**/*.md'], { cwd: PROJECT_DIR, encoding: 'utf8' });
  return [...new Set(out.split('\n').filter((f) => f && !f.includes('node_modules/')))];
}

/** Inline links and images `[text](target)` and reference definitions `[id]: target`, outside code. */
function links(markdown: string): string[] {
  const text = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  const inline = [...text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!);
  // a reference definition is the whole line: `[id]: target` and an optional quoted title
  const refs = [...text.matchAll(/^ {0,3}\[[^\]]+\]:[ \t]*<?([^\s>]+)>?(?:[ \t]+(?:"[^"]*"|'[^']*'|\([^)]*\)))?[ \t]*$/gm)].map((m) => m[1]!);
  return [...inline, ...refs];
}

describe('documentation a clone needs', () => {
  const files = markdownFiles();

  it('finds the Markdown files', () => {
    expect(files).toEqual(expect.arrayContaining(['README.md', 'docs/DOMAIN.md', 'data/README.md']));
  });

  it('every relative Markdown link resolves to a file inside the repository; no link points outside it', () => {
    const bad: string[] = [];
    for (const file of files) {
      for (const target of links(readFileSync(resolve(PROJECT_DIR, file), 'utf8'))) {
        if (target.startsWith('#')) continue;
        // web addresses cite public sources; any other scheme (file:, …) or an absolute path points at one machine
        if (/^https?:\/\//i.test(target) || /^mailto:/i.test(target)) continue;
        if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('/')) {
          bad.push(`${file}: ${target} leaves the repository`);
          continue;
        }
        const path = resolve(PROJECT_DIR, dirname(file), decodeURIComponent(target.split('#')[0]!));
        const rel = relative(PROJECT_DIR, path);
        if (rel.startsWith('..') || resolve(PROJECT_DIR, rel) !== path) bad.push(`${file}: ${target} points outside the repository`);
        else if (!existsSync(path)) bad.push(`${file}: ${target} does not exist`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('no document or schema points at a file outside the repository (../shared/…)', () => {
    // git grep exits 1 when nothing matches
    const r = spawnSync('git', ['grep', '-n', '-I', '--untracked', '-e', '\\.\\./shared', '-e', 'shared/DOMAIN', '-e', '/work/shared', '--', '.', ':!scripts/docs.test.ts'], { cwd: PROJECT_DIR, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toBe('');
  }, 30_000);

  it('every fact id a rule file cites is defined in docs/DOMAIN.md', () => {
    const guide = readFileSync(resolve(PROJECT_DIR, 'docs/DOMAIN.md'), 'utf8');
    const defined = new Set([...guide.matchAll(/^\| ([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*) \|/gm)].map((m) => m[1]!));
    const cited = new Set<string>();
    for (const f of execFileSync('git', ['ls-files', 'rules/*.json'], { cwd: PROJECT_DIR, encoding: 'utf8' }).split('\n').filter((x) => x && !x.includes('/schema/'))) {
      for (const m of readFileSync(resolve(PROJECT_DIR, f), 'utf8').matchAll(/"domainId":\s*"([^"]+)"/g)) cited.add(m[1]!);
    }
    expect(cited.size).toBeGreaterThan(30);
    expect([...cited].filter((id) => !defined.has(id))).toEqual([]);
  });
});
