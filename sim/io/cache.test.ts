import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheGet, cacheKey, cacheSet, pruneCache } from './cache.ts';

describe('on-disk cache size limit', () => {
  const dirs: string[] = [];
  const saved = { dir: process.env.JITSIM_CACHE_DIR, max: process.env.JITSIM_CACHE_MAX_MB, off: process.env.JITSIM_CACHE };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
    for (const [k, v] of [['JITSIM_CACHE_DIR', saved.dir], ['JITSIM_CACHE_MAX_MB', saved.max], ['JITSIM_CACHE', saved.off]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it('deletes the oldest entries when the folder exceeds its limit, down to three quarters, and nothing it did not write', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jitsim-cache-'));
    dirs.push(dir);
    const kb = 'x'.repeat(1000);
    // ten 1,000-byte entries written at t = 1 … 10 s, and a user's file (never an entry)
    const keys = Array.from({ length: 10 }, (_, i) => cacheKey('test', String(i)));
    keys.forEach((k, i) => {
      writeFileSync(join(dir, `${k}.json`), kb);
      utimesSync(join(dir, `${k}.json`), i + 1, i + 1);
    });
    writeFileSync(join(dir, 'notes.txt'), kb.repeat(20));
    utimesSync(join(dir, 'notes.txt'), 0, 0);
    pruneCache(dir, 10_000); // 10,000 bytes of entries: at the limit, nothing to do
    expect(readdirSync(dir).length).toBe(11);
    pruneCache(dir, 8_000); // over: delete the oldest until ≤ 6,000 bytes → 4 oldest go
    const left = readdirSync(dir).sort();
    expect(left).toContain('notes.txt');
    for (const k of keys.slice(0, 4)) expect(existsSync(join(dir, `${k}.json`))).toBe(false);
    for (const k of keys.slice(4)) expect(existsSync(join(dir, `${k}.json`))).toBe(true);
  });

  it('a process prunes at its first write to the folder (JITSIM_CACHE_MAX_MB), keeping the entry it just wrote', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jitsim-cache-'));
    dirs.push(dir);
    // a folder left over the limit by earlier runs: eight 3,002-byte entries, written at t = 1 … 8 s
    const big = 'y'.repeat(3000);
    for (let i = 0; i < 8; i++) {
      const f = join(dir, `${cacheKey('old', String(i))}.json`);
      writeFileSync(f, JSON.stringify(big));
      utimesSync(f, i + 1, i + 1);
    }
    delete process.env.JITSIM_CACHE;
    process.env.JITSIM_CACHE_DIR = dir;
    process.env.JITSIM_CACHE_MAX_MB = '0.01'; // 10,486 bytes
    cacheSet(cacheKey('new', '0'), big);
    const entries = readdirSync(dir).filter((n) => n.endsWith('.json'));
    expect(entries.length).toBeLessThanOrEqual(3);
    expect(cacheGet<string>(cacheKey('new', '0'))).toBe(big);
    expect(cacheGet<string>(cacheKey('old', '7'))).toBe(big);
    expect(cacheGet<string>(cacheKey('old', '0'))).toBeUndefined();
  });
});
