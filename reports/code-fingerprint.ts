/**
 * A fingerprint of jitsim's own code (every non-test .ts/.mjs file under sim/, reports/ and
 * scripts/, plus package-lock.json), so that a report built by different code is rebuilt even when
 * the version number did not change. Deterministic: sorted paths, file contents only.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = join(dir, n);
      if (statSync(p).isDirectory()) return n === 'node_modules' || n === 'out' ? [] : files(p);
      return /\.(ts|mjs)$/.test(n) && !n.endsWith('.test.ts') ? [p] : [];
    });
}

let cached: string | undefined;

/** sha256 over jitsim's source files and lock file. */
export function codeFingerprint(): string {
  if (cached) return cached;
  const hash = createHash('sha256');
  for (const f of [...['sim', 'reports', 'scripts'].flatMap((d) => files(join(ROOT, d))), join(ROOT, 'package-lock.json')]) {
    hash.update(`${relative(ROOT, f)}\n`);
    hash.update(readFileSync(f));
  }
  cached = hash.digest('hex');
  return cached;
}
