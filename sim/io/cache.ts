/**
 * A small on-disk cache of work that depends only on file contents (parsed rate cards, "this text
 * passed this schema"), so that a command does not redo it on every start. Entries are keyed by a
 * sha256 over jitsim's version, the kind of work and the inputs' text: a changed file or a new jitsim
 * version is simply a miss. Written atomically (temporary file + rename); any error reading or
 * writing the cache only means recomputing. Folder: `JITSIM_CACHE_DIR`, else
 * `node_modules/.cache/jitsim` of the project; `JITSIM_CACHE=0` turns it off. The folder is kept under
 * `JITSIM_CACHE_MAX_MB` (default 256): at a process's first write, if it is over the limit, the oldest
 * entries (by the time they were written) are deleted until it is under three quarters of it (once per
 * process, so a run that writes thousands of entries does not list the folder thousands of times); only
 * files named as this module names its entries are ever deleted.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Bump when the shape of a cached value changes. */
const CACHE_VERSION = 'jitsim-cache-1 json-rules-engine@7';

/** An entry this module wrote: a sha256 key and its extension (anything else in the folder is left alone). */
const ENTRY = /^[0-9a-f]{64}\.(json|bin)$/;

/** Default size limit of the cache folder, MB (a technical bound on disk use, not a model figure). */
const DEFAULT_MAX_MB = 256;

function maxBytes(): number {
  const v = Number(process.env.JITSIM_CACHE_MAX_MB);
  return (Number.isFinite(v) && v > 0 ? v : DEFAULT_MAX_MB) * 1024 * 1024;
}

/**
 * Keeps the folder under its limit: when its entries exceed it, deletes the oldest written until they
 * take at most three quarters of it; `keep` (the entry just written) is never deleted. Never throws (a
 * failure only leaves the folder larger).
 */
export function pruneCache(dir: string, limit = maxBytes(), keep = ''): void {
  try {
    const entries: { name: string; size: number; mtime: number }[] = [];
    let total = 0;
    for (const name of readdirSync(dir)) {
      if (!ENTRY.test(name)) continue;
      try {
        const st = statSync(join(dir, name));
        entries.push({ name, size: st.size, mtime: st.mtimeMs });
        total += st.size;
      } catch {
        // removed meanwhile by another process
      }
    }
    if (total <= limit) return;
    entries.sort((a, b) => a.mtime - b.mtime || (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      if (total <= limit * 0.75) break;
      if (e.name === keep) continue;
      try {
        unlinkSync(join(dir, e.name));
        total -= e.size;
      } catch {
        // another process removed it first
      }
    }
  } catch {
    // an unreadable folder: nothing to prune
  }
}

/** The folder this process has already pruned (at its first write there). */
let prunedDir: string | null = null;

function pruneOnce(dir: string, keep: string): void {
  if (prunedDir === dir) return;
  prunedDir = dir;
  pruneCache(dir, maxBytes(), keep);
}

function cacheDir(): string | null {
  if (process.env.JITSIM_CACHE === '0') return null;
  return process.env.JITSIM_CACHE_DIR ?? fileURLToPath(new URL('../../node_modules/.cache/jitsim/', import.meta.url));
}

/** The cache key of `kind` over `parts`. */
export function cacheKey(kind: string, ...parts: string[]): string {
  const h = createHash('sha256').update(CACHE_VERSION).update('\0').update(kind);
  for (const p of parts) h.update('\0').update(p);
  return h.digest('hex');
}

/** The cached JSON value under `key`, if any. */
export function cacheGet<T>(key: string): T | undefined {
  const dir = cacheDir();
  if (!dir) return undefined;
  try {
    return JSON.parse(readFileSync(join(dir, `${key}.json`), 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** Stores `value` (JSON) under `key`; never throws. */
export function cacheSet(key: string, value: unknown): void {
  const dir = cacheDir();
  if (!dir) return;
  try {
    mkdirSync(dir, { recursive: true });
    const tmp = join(dir, `.${key}.${randomBytes(6).toString('hex')}.tmp`);
    writeFileSync(tmp, JSON.stringify(value));
    renameSync(tmp, join(dir, `${key}.json`));
    pruneOnce(dir, `${key}.json`);
  } catch {
    // a read-only or full disk: the next run recomputes
  }
}

/** The cached bytes under `key` (a `.bin` entry), if any. */
export function cacheGetBytes(key: string): Buffer | undefined {
  const dir = cacheDir();
  if (!dir) return undefined;
  try {
    return readFileSync(join(dir, `${key}.bin`));
  } catch {
    return undefined;
  }
}

/** Stores `data` under `key` (a `.bin` entry); never throws. */
export function cacheSetBytes(key: string, data: Uint8Array): void {
  const dir = cacheDir();
  if (!dir) return;
  try {
    mkdirSync(dir, { recursive: true });
    const tmp = join(dir, `.${key}.${randomBytes(6).toString('hex')}.tmp`);
    writeFileSync(tmp, data);
    renameSync(tmp, join(dir, `${key}.bin`));
    pruneOnce(dir, `${key}.bin`);
  } catch {
    // a read-only or full disk: the next run recomputes
  }
}

/** What identifies installed files without reading them (path, size, modification time): a reinstall is a miss. */
export function fileIdentity(files: readonly string[]): string {
  return files.map((f) => {
    try {
      const st = statSync(f);
      return `${f}:${st.size}:${st.mtimeMs}`;
    } catch {
      return `${f}:missing`;
    }
  }).join('|');
}

/**
 * `make()`'s bytes, cached on disk under `kind` + `parts` (for deterministic, expensive derivations of
 * installed files — font subsets — so that a report does not redo them on every build).
 */
export async function cachedBytes(kind: string, parts: string[], make: () => Promise<Uint8Array>): Promise<Buffer> {
  const key = cacheKey(kind, ...parts);
  const hit = cacheGetBytes(key);
  if (hit) return hit;
  const made = Buffer.from(await make());
  cacheSetBytes(key, made);
  return made;
}
