/**
 * A loaded and compiled cost context (rules validated, data read and checked, fee tables compiled),
 * kept on disk between runs so that `jitsim quote` does not redo ~100 ms of reading, validation and
 * compilation on every start. The snapshot is keyed by:
 *
 * - the build of jitsim (`JITSIM_BUILD_ID`, a hash of the bundled sources set by scripts/build.ts):
 *   any code change is a miss; run from the TypeScript sources (tsx, tests), there is no build id and
 *   no snapshot unless the caller passes one;
 * - the working folder, the rules folder and the project folder it resolves to (messages and rate-card
 *   keys carry paths);
 * - the content (not the time stamps) of every file the context is built from: the rule files, the
 *   top-level data files, everything under data/rates/ and any rate card a fee schedule names.
 *
 * A changed byte anywhere is a miss, and a miss is simply the full load (whose problems are reported
 * exactly as without the snapshot; nothing invalid is ever stored). Stored with `v8.serialize`
 * (Maps and typed arrays kept); the rule files' located documents are re-parsed only if something
 * asks for a location. Storage is the on-disk cache of sim/io/cache.ts (`JITSIM_CACHE=0` turns it off).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { cacheGetBytes, cacheKey, cacheSetBytes } from '../io/cache.ts';
import { parseJsonDocument, type JsonDocument } from '../io/json-document.ts';
import type { Diagnostic } from '../errors.ts';
import type { CostContext } from './context.ts';

declare const JITSIM_BUILD_ID: string | undefined;

/** The build id of the bundled CLI, or undefined when run from the TypeScript sources. */
export function buildId(): string | undefined {
  return typeof JITSIM_BUILD_ID === 'string' ? JITSIM_BUILD_ID : undefined;
}

/** The shipped project (jitsim's own rules/ and data/): the fallback of a rules folder with no data/ beside it. */
const SHIPPED_PROJECT = fileURLToPath(new URL('../..', import.meta.url));

/** Same decision as `projectDirFor` (sim/rules/rule-set.ts), without loading the rule modules. */
function projectDirOf(rulesDir: string): string {
  const beside = dirname(resolve(rulesDir));
  return existsSync(join(beside, 'data')) ? beside : resolve(SHIPPED_PROJECT);
}

function filesIn(dir: string, recursive: boolean): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const p = join(dir, e.name);
    if (e.isFile()) out.push(p);
    else if (recursive && e.isDirectory()) out.push(...filesIn(p, true));
  }
  return out;
}

/** The snapshot key over everything the context is built from; undefined when the rules folder cannot be read (the full load reports why). */
export function snapshotKey(rulesDir: string, build: string, kind = 'cost-context-v8', projectDir?: string): string | undefined {
  const rules = resolve(rulesDir);
  const project = projectDir === undefined ? projectDirOf(rulesDir) : resolve(projectDir);
  const ruleFiles = filesIn(rules, false).filter((f) => f.endsWith('.json'));
  if (ruleFiles.length === 0) return undefined;
  const files = new Set([...ruleFiles, ...filesIn(join(project, 'data'), false), ...filesIn(join(project, 'data', 'rates'), true)]);
  // rate cards a fee schedule names outside data/rates/
  try {
    const fees = JSON.parse(readFileSync(join(rules, 'fees.json'), 'utf8')) as { schedules?: { logistics?: { rateCard?: unknown } }[] };
    for (const s of Array.isArray(fees.schedules) ? fees.schedules : []) {
      const card = s?.logistics?.rateCard;
      if (typeof card === 'string') files.add(isAbsolute(card) ? card : join(project, card));
    }
  } catch {
    return undefined; // unreadable or invalid: the full load reports it
  }
  const h = createHash('sha256');
  for (const f of [...files].sort()) {
    h.update(f).update('\0');
    try {
      h.update(readFileSync(f));
    } catch {
      h.update('\0missing');
    }
    h.update('\0');
  }
  return cacheKey(kind, build, process.cwd(), rules, project, h.digest('hex'));
}

interface Stored {
  context: Omit<CostContext, 'rules'> & { rules: Omit<CostContext['rules'], 'docs'> };
  docFiles: Record<string, string>;
}

/** The rule documents, each parsed from its file when first asked for (the snapshot key guarantees the file is unchanged). */
function lazyDocs(docFiles: Record<string, string>): Record<string, JsonDocument> {
  const docs: Record<string, JsonDocument> = {};
  for (const [kind, file] of Object.entries(docFiles)) {
    let doc: JsonDocument | undefined;
    Object.defineProperty(docs, kind, { enumerable: true, get: () => (doc ??= parseJsonDocument(file, readFileSync(file, 'utf8'))) });
  }
  return docs;
}

/**
 * The cost context of `rulesDir` from the snapshot when it is current, else loaded in full (and
 * stored for the next run). `build` defaults to the bundle's build id; without one, always loads in full.
 * @throws {DiagnosticsError} as `loadCostContext`
 */
export async function loadCostContextSnapshot(rulesDir: string, build = buildId()): Promise<CostContext> {
  const load = async () => (await import('./context.ts')).loadCostContext(rulesDir);
  if (build === undefined) return load();
  let key: string | undefined;
  try {
    key = snapshotKey(rulesDir, build);
  } catch {
    key = undefined;
  }
  return snapshotted(
    key,
    load,
    (stored: Stored) => ({ ...stored.context, rules: { ...stored.context.rules, docs: lazyDocs(stored.docFiles) as CostContext['rules']['docs'] } }),
    (ctx) => {
      const { docs, ...rules } = ctx.rules;
      return { context: { ...ctx, rules }, docFiles: Object.fromEntries(Object.entries(docs).map(([k, d]) => [k, d.file])) } satisfies Stored;
    },
  );
}

/** What `jitsim rules validate` reports of a project: its problems, and the fingerprint and data folder when it loaded. */
export interface ProjectCheck {
  diagnostics: Diagnostic[];
  fingerprint?: string;
  dataProjectDir?: string;
}

/**
 * `validateProject` (sim/models/context.ts) of `rulesDir`, remembered under the same content key as
 * the cost context: unchanged files and an unchanged jitsim give the same diagnostics, so a policy
 * editor re-running validate after an edit to another folder does not wait for the full check.
 */
export async function validateProjectSnapshot(rulesDir: string, opts: { projectDir?: string } = {}, build = buildId()): Promise<ProjectCheck> {
  const check = async (): Promise<ProjectCheck> => {
    const { context, diagnostics } = await (await import('./context.ts')).validateProject(rulesDir, opts);
    return { diagnostics, ...(context ? { fingerprint: context.rules.fingerprint, dataProjectDir: context.data.projectDir } : {}) };
  };
  if (build === undefined) return check();
  let key: string | undefined;
  try {
    key = snapshotKey(rulesDir, build, 'project-check-v8', opts.projectDir);
  } catch {
    key = undefined;
  }
  return snapshotted(key, check, (stored: ProjectCheck) => stored, (result) => result);
}

/**
 * The value under `key` in the on-disk cache (`fromStored` of what was stored), else `compute()`'s,
 * stored (`toStored`) for the next run. A damaged entry is computed again and overwritten; a value
 * that cannot be serialized is simply not stored. Without a key, always computes.
 */
async function snapshotted<T, S>(key: string | undefined, compute: () => Promise<T>, fromStored: (stored: S) => T, toStored: (value: T) => S): Promise<T> {
  if (key) {
    const bytes = cacheGetBytes(key);
    if (bytes) {
      try {
        return fromStored(deserialize(bytes) as S);
      } catch {
        // a damaged entry: compute in full and overwrite it
      }
    }
  }
  const value = await compute();
  if (key) {
    try {
      cacheSetBytes(key, serialize(toStored(value)));
    } catch {
      // something in the value cannot be serialized: no snapshot, nothing lost
    }
  }
  return value;
}
