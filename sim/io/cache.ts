/**
 * A small on-disk cache of work that depends only on file contents (parsed rate cards, "this text
 * passed this schema"), so that a command does not redo it on every start. Entries are keyed by a
 * sha256 over jitsim's version, the kind of work and the inputs' text: a changed file or a new jitsim
 * version is simply a miss. Written atomically (temporary file + rename); any error reading or
 * writing the cache only means recomputing. Folder: `JITSIM_CACHE_DIR`, else
 * `node_modules/.cache/jitsim` of the project; `JITSIM_CACHE=0` turns it off.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Bump when the shape of a cached value changes. */
const CACHE_VERSION = 'jitsim-cache-1 json-rules-engine@7';

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
