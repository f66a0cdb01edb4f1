/**
 * Output safety: jitsim replaces or deletes only what jitsim wrote.
 *
 * Every folder jitsim writes (a report, a compare report, a `simulate` output) carries jitsim's
 * marker: a `manifest.json` with `"tool": "jitsim"`, the kind of output, the jitsim version and the
 * SHA-256 of every file it wrote. Before any work, a command checks each destination:
 * - a report or compare folder may replace `<out>/<name>` only when it is absent, an empty folder,
 *   or a previous jitsim output of the same kind whose files are all listed in its manifest and
 *   unchanged (a file a user added or edited there is never deleted);
 * - `simulate --out` writes only into an absent or empty folder, or a previous `simulate` output, and
 *   never overwrites a file its manifest does not list (or that changed since);
 * - the filesystem root is never an output folder, and the folder must be writable.
 * A refusal is a {@link UserInputError} (exit 2) naming the path and how to go on.
 *
 * Working folders and files (`.<name>.jitsim-<pid>-<host>.building|old|tmp`) are registered while
 * they exist, removed on SIGINT/SIGTERM/SIGHUP ({@link installSignalCleanup}), and a later run
 * removes those of a process that is gone on the same host ({@link sweepStale}).
 */
import { createHash } from 'node:crypto';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { access, constants, lstat, mkdtemp, readFile, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { hostname } from 'node:os';
import { dirname, join, parse, relative, resolve, sep } from 'node:path';
import { JitsimError, UserInputError } from '../errors.ts';
import { text, type Text } from '../i18n/index.ts';

const require = createRequire(import.meta.url);
/** The jitsim version written into every manifest (package.json). */
export const JITSIM_VERSION: string = (require('../../package.json') as { version: string }).version;

/** The marker file of every jitsim output folder. */
export const MANIFEST = 'manifest.json';

export type OutputKind = 'report' | 'compare' | 'simulate';

/** What every jitsim manifest holds (reports add their inputs' fingerprints). */
export interface OutputManifest {
  tool: 'jitsim';
  kind: OutputKind;
  toolVersion: string;
  /** Relative path → SHA-256 of every file jitsim wrote into the folder (the manifest excluded). */
  files: Record<string, string>;
  [more: string]: unknown;
}

export const sha256 = (d: string | Uint8Array) => createHash('sha256').update(d).digest('hex');

/** The `files` part of a manifest: every file's SHA-256, sorted by path. */
export function fileHashes(files: ReadonlyMap<string, string | Uint8Array>, hashed: Record<string, string> = {}): Record<string, string> {
  const all = new Map<string, string>([...[...files.keys()].map((k) => [k, sha256(files.get(k)!)] as const), ...Object.entries(hashed)]);
  return Object.fromEntries([...all.keys()].filter((k) => k !== MANIFEST).sort().map((k) => [k, all.get(k)!]));
}

/** The marker of a jitsim output: tool, kind, version, then `extra` fields, then every file's hash. */
export function manifestJson(kind: OutputKind, files: ReadonlyMap<string, string | Uint8Array>, extra: Record<string, unknown> = {}, hashed: Record<string, string> = {}): string {
  return JSON.stringify({ tool: 'jitsim', kind, toolVersion: JITSIM_VERSION, ...extra, files: fileHashes(files, hashed) }, null, 2) + '\n';
}

/** Reads a folder's jitsim manifest; undefined when there is none or it is not jitsim's. */
export async function readManifest(dir: string): Promise<OutputManifest | undefined> {
  try {
    const m = JSON.parse(await readFile(join(dir, MANIFEST), 'utf8')) as Partial<OutputManifest>;
    if (!m || typeof m !== 'object' || m.tool !== 'jitsim' || !m.files || typeof m.files !== 'object') return undefined;
    // manifests written before the marker had a kind carried no `kind`: compare reports listed `scenarios`
    return { ...m, kind: m.kind ?? (Array.isArray(m.scenarios) ? 'compare' : 'report') } as OutputManifest;
  } catch {
    return undefined;
  }
}

/** Every file under `dir` (relative paths, `/`-separated); symbolic links are listed, never followed. */
async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) {
      const inner = await listFiles(dir, rel);
      out.push(...(inner.length ? inner : [`${rel}/`]));
    } else out.push(rel);
  }
  return out;
}

/** What is at an output path now. */
export type Occupant =
  | { kind: 'absent' }
  | { kind: 'empty' }
  | { kind: 'not-a-folder' }
  | { kind: 'foreign' }
  /** A jitsim output; `foreign` lists files it did not write, `changed` files edited since. */
  | { kind: 'jitsim'; manifest: OutputManifest; foreign: string[]; changed: string[] };

/** Looks at what is at `dir` without changing anything. */
export async function occupant(dir: string): Promise<Occupant> {
  let st;
  try {
    st = await lstat(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'absent' };
    throw e;
  }
  if (!st.isDirectory()) return { kind: 'not-a-folder' };
  if ((await readdir(dir)).length === 0) return { kind: 'empty' };
  // no marker: the user's, whatever it holds (not walked: it may be a large folder such as ~/projects)
  const manifest = await readManifest(dir);
  if (!manifest) return { kind: 'foreign' };
  const files = await listFiles(dir);
  const foreign: string[] = [];
  const changed: string[] = [];
  for (const f of files) {
    if (f === MANIFEST) continue;
    const want = manifest.files[f];
    if (want === undefined) {
      foreign.push(f);
      continue;
    }
    const st2 = await lstat(join(dir, f));
    // `previous`: the hash a simulate output replaces while it is being written (a run stopped there)
    const prev = (manifest.previous as Record<string, string> | undefined)?.[f];
    const have = st2.isFile() ? sha256(await readFile(join(dir, f))) : '';
    if (have !== want && have !== prev) changed.push(f);
  }
  return { kind: 'jitsim', manifest, foreign, changed };
}

const KIND_NAME: Record<OutputKind, Text> = {
  report: text('report', '报告'),
  compare: text('compare report', '对比报告'),
  simulate: text('simulate output', '模拟输出'),
};

const list = (xs: readonly string[]) => xs.slice(0, 5).join(', ') + (xs.length > 5 ? ` … (+${xs.length - 5})` : '');

/**
 * Refuses a destination folder jitsim may not replace as a whole (a report or compare folder).
 * @param how how to go on, e.g. "give --name <other> or another --out"
 * @throws {UserInputError} (exit 2) naming the path.
 */
export async function assertReplaceable(dir: string, kind: OutputKind, shown: string, how: Text): Promise<void> {
  const o = await occupant(dir);
  if (o.kind === 'absent' || o.kind === 'empty') return;
  const refuse = (en: string, zh: string): never => {
    throw new UserInputError(text(`${shown} ${en}; jitsim replaces only a previous jitsim ${KIND_NAME[kind].en} there`, `${shown} ${zh}；jitsim 只会替换它以前生成的${KIND_NAME[kind].zh}`), how, { code: 'OUTPUT_NOT_OURS' });
  };
  if (o.kind === 'not-a-folder') refuse('exists and is not a folder', '已存在且不是文件夹');
  if (o.kind === 'foreign') refuse('already exists and was not written by jitsim (it has no jitsim manifest.json)', '已存在，且不是 jitsim 生成的（没有 jitsim 的 manifest.json）');
  if (o.kind === 'jitsim') {
    if (o.manifest.kind !== kind) refuse(`is a jitsim ${KIND_NAME[o.manifest.kind].en}, not a ${KIND_NAME[kind].en}`, `是 jitsim 的${KIND_NAME[o.manifest.kind].zh}，不是${KIND_NAME[kind].zh}`);
    if (o.foreign.length) refuse(`holds files jitsim did not write (${list(o.foreign)})`, `含有不是 jitsim 写的文件（${list(o.foreign)}）`);
    if (o.changed.length) refuse(`holds files changed since jitsim wrote them (${list(o.changed)})`, `含有 jitsim 生成后被修改过的文件（${list(o.changed)}）`);
  }
}

/**
 * Refuses a `simulate` output folder unless jitsim may write `names` into it: absent, empty, or a
 * previous simulate output where each of `names` is absent or listed, unchanged, in its manifest.
 * @throws {UserInputError} (exit 2) naming the path.
 */
export async function assertSimulateOut(dir: string, names: readonly string[], shown: string): Promise<void> {
  const how = text('give another --out (an absent or empty folder), or move the files away', '请换一个 --out（不存在或空的文件夹），或把这些文件移走');
  const o = await occupant(dir);
  if (o.kind === 'absent' || o.kind === 'empty') return;
  if (o.kind === 'not-a-folder') throw new UserInputError(text(`--out ${shown} exists and is not a folder`, `--out ${shown} 已存在且不是文件夹`), how, { code: 'OUTPUT_NOT_OURS' });
  if (o.kind === 'foreign') throw new UserInputError(text(`--out ${shown} is not empty and is not a jitsim output (it has no jitsim manifest.json); jitsim writes only into an absent or empty folder or a previous simulate output`, `--out ${shown} 不是空文件夹，也不是 jitsim 的输出（没有 jitsim 的 manifest.json）；jitsim 只写入不存在或空的文件夹，或以前的模拟输出`), how, { code: 'OUTPUT_NOT_OURS' });
  if (o.kind === 'jitsim') {
    if (o.manifest.kind !== 'simulate') throw new UserInputError(text(`--out ${shown} is a jitsim ${KIND_NAME[o.manifest.kind].en}, not a simulate output`, `--out ${shown} 是 jitsim 的${KIND_NAME[o.manifest.kind].zh}，不是模拟输出`), how, { code: 'OUTPUT_NOT_OURS' });
    const blocked = names.filter((n) => o.foreign.includes(n) || o.changed.includes(n));
    if (blocked.length) throw new UserInputError(text(`${shown} holds ${list(blocked)}, which jitsim did not write or which changed since; jitsim never overwrites them`, `${shown} 中的 ${list(blocked)} 不是 jitsim 写的或已被修改；jitsim 不会覆盖它们`), how, { code: 'OUTPUT_NOT_OURS' });
  }
}

/**
 * Refuses the filesystem root, a path that is a file, and a folder that cannot be created or
 * written to (checked on the nearest existing ancestor). Run before any work.
 * @throws {UserInputError} (exit 2)
 */
export async function assertOutputRoot(dir: string, shown: string, flag = '--out'): Promise<void> {
  const abs = resolve(dir);
  if (parse(abs).root === abs) throw new UserInputError(text(`${flag} ${shown} is the filesystem root; jitsim never writes there`, `${flag} ${shown} 是文件系统根目录；jitsim 从不写入根目录`), text(`give a folder of your own, e.g. ${flag} reports/out`, `请指定自己的文件夹，如 ${flag} reports/out`), { code: 'OUTPUT_ROOT' });
  let p = abs;
  for (;;) {
    try {
      const st = await lstat(p);
      if (!st.isDirectory() && !(st.isSymbolicLink() && (await isDirFollowing(p)))) throw new UserInputError(text(`${flag} ${shown}: ${p} is a file, not a folder`, `${flag} ${shown}：${p} 是文件，不是文件夹`), text(`give a folder for ${flag}`, `请为 ${flag} 指定文件夹`), { code: 'OUTPUT_NOT_FOLDER' });
      try {
        await access(p, constants.W_OK | constants.X_OK);
        // permission bits do not bind root, and a read-only or special filesystem passes access():
        // a real probe folder, removed at once, is the only answer that holds for every user
        await rmdir(await mkdtemp(join(p, '.jitsim-probe-')));
      } catch {
        throw new UserInputError(text(`${flag} ${shown}: cannot write to ${p} (permission denied)`, `${flag} ${shown}：无法写入 ${p}（没有权限）`), text(`give a folder you can write to for ${flag}`, `请为 ${flag} 指定可写的文件夹`), { code: 'OUTPUT_NOT_WRITABLE' });
      }
      return;
    } catch (e) {
      if (e instanceof UserInputError) throw e;
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      const up = dirname(p);
      if (up === p) return;
      p = up;
    }
  }
}

async function isDirFollowing(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// working folders and files: named after the process and host, cleaned on signals and by later runs

const HOST = hostname().replace(/[^A-Za-z0-9-]+/g, '-').slice(0, 60) || 'host';
const WORK = /^\.(.+)\.jitsim-(\d+)-([A-Za-z0-9-]+)\.(building|old|tmp)$/;
/** Working names of jitsim before the host was recorded (`.name.<pid>.building`, `file.<pid>.tmp`). */
const LEGACY = /^(?:\.(.+)\.(\d+)\.(building|old)|((?:summary\.json|trials\.csv|monthly\.csv))\.(\d+)\.(tmp))$/;

/** The working path of `target` for this process: `.<name>.jitsim-<pid>-<host>.<what>` beside it. */
export function workPath(target: string, what: 'building' | 'old' | 'tmp'): string {
  const { dir, base } = parse(target);
  return join(dir, `.${base}.jitsim-${process.pid}-${HOST}.${what}`);
}

/** Working paths that exist now: removed (or, for `.old`, moved back) if the process is stopped. */
const ACTIVE = new Map<string, { restoreTo?: string }>();

/** Registers a working path for clean-up on a signal; returns a function that unregisters it. */
export function registerWork(path: string, restoreTo?: string): () => void {
  ACTIVE.set(path, restoreTo ? { restoreTo } : {});
  return () => ACTIVE.delete(path);
}

/** Removes every registered working path now (synchronously: safe in a signal handler). */
export function cleanUpWorkNow(): number {
  let n = 0;
  for (const [path, { restoreTo }] of ACTIVE) {
    try {
      if (restoreTo && !existsSync(restoreTo)) renameSync(path, restoreTo);
      else rmSync(path, { recursive: true, force: true });
      n++;
    } catch {
      /* best effort while stopping */
    }
  }
  ACTIVE.clear();
  return n;
}

let installed = false;
/**
 * On SIGINT, SIGTERM or SIGHUP: remove this run's working folders and files (a previous report
 * moved aside is moved back), say so in one line, and exit 128 + the signal number.
 */
export function installSignalCleanup(say: (line: string) => void = () => {}): void {
  if (installed) return;
  installed = true;
  const codes = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 } as const;
  for (const [sig, n] of Object.entries(codes)) {
    process.on(sig, () => {
      const removed = cleanUpWorkNow();
      say(`jitsim: stopped by ${sig}${removed ? `; removed ${removed} working folder(s)/file(s)` : ''}`);
      process.exit(128 + n);
    });
  }
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes, in `dir`, the working folders and files of jitsim runs that are gone (same host, process
 * no longer running). A previous report moved aside (`.old`) whose destination is missing is moved
 * back instead. Returns the names handled.
 */
export async function sweepStale(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const done: string[] = [];
  for (const name of names) {
    let target: string | undefined;
    let pid: number;
    let what: string;
    const m = WORK.exec(name);
    if (m) {
      if (m[3] !== HOST) continue;
      [target, pid, what] = [m[1]!, Number(m[2]), m[4]!];
    } else {
      const l = LEGACY.exec(name);
      if (!l) continue;
      [target, pid, what] = l[1] ? [l[1], Number(l[2]), l[3]!] : [l[4]!, Number(l[5]), l[6]!];
      // an old-style name is not distinctive enough (".backup.2024.old"): only a folder holding jitsim's manifest
      if (l[1] && !(await readManifest(join(dir, name)))) continue;
    }
    if (alive(pid)) continue;
    const path = join(dir, name);
    const dest = join(dir, target);
    if (what === 'old' && !existsSync(dest)) await rename(path, dest);
    else await rm(path, { recursive: true, force: true });
    done.push(name);
  }
  return done;
}

/** The one line a command prints after {@link sweepStale} removed something. */
export function sweptLine(dir: string, names: readonly string[]): Text {
  return text(
    `removed ${names.length} leftover working folder(s)/file(s) of stopped jitsim runs in ${dir}: ${list(names)}`,
    `已清理 ${dir} 中已停止的 jitsim 运行留下的 ${names.length} 个临时文件夹/文件：${list(names)}`,
  );
}

/** Whether `child` is `parent` or inside it. */
export function isInside(parent: string, child: string): boolean {
  const r = relative(resolve(parent), resolve(child));
  return r === '' || (!r.startsWith(`..${sep}`) && r !== '..' && !parse(r).root);
}

/** An internal error: a folder without jitsim's marker was about to be written. */
export function assertHasMarker(files: ReadonlyMap<string, string | Uint8Array>): void {
  const m = files.get(MANIFEST);
  let ok = false;
  try {
    const v = JSON.parse(typeof m === 'string' ? m : new TextDecoder().decode(m)) as Partial<OutputManifest>;
    ok = v.tool === 'jitsim' && typeof v.kind === 'string' && typeof v.files === 'object';
  } catch {
    ok = false;
  }
  if (!ok) throw new JitsimError('NO_MARKER', 'an output folder was about to be written without jitsim’s manifest.json marker');
}
