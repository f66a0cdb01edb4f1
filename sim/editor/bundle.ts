/**
 * The editor's front end (React + react-jsonschema-form, sim/editor/app/) bundled with esbuild when
 * the server starts — no build output is committed and nothing is fetched at run time. The bundle
 * is cached in node_modules/.cache/jitsim-editor/, keyed by a hash of the app's sources and the
 * versions of the bundled packages, so only the first start after a change pays the ~1 s build.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const APP_DIR = fileURLToPath(new URL('./app', import.meta.url));
const PROJECT_DIR = fileURLToPath(new URL('../..', import.meta.url));
const PACKAGES = ['react', 'react-dom', '@rjsf/core', '@rjsf/utils', '@rjsf/validator-ajv8', 'esbuild'];

let memo: Promise<string> | undefined;

async function key(): Promise<string> {
  const h = createHash('sha256');
  for (const n of (await readdir(APP_DIR)).sort()) h.update(`${n}\n`).update(await readFile(join(APP_DIR, n)));
  for (const p of PACKAGES) {
    const pj = join(PROJECT_DIR, 'node_modules', p, 'package.json');
    h.update(`${p}@${existsSync(pj) ? (JSON.parse(await readFile(pj, 'utf8')) as { version: string }).version : '?'}\n`);
  }
  return h.digest('hex').slice(0, 20);
}

/** The front end as one minified script (an IIFE), built once per change of its sources. */
export function appBundle(): Promise<string> {
  memo ??= (async () => {
    const cacheDir = join(PROJECT_DIR, 'node_modules', '.cache', 'jitsim-editor');
    const debug = process.env.JITSIM_EDITOR_DEBUG === '1';
    const file = join(cacheDir, `app-${await key()}${debug ? '-debug' : ''}.js`);
    if (existsSync(file) && !debug) return readFile(file, 'utf8');
    const r = await build({
      entryPoints: [join(APP_DIR, 'main.ts')],
      bundle: true,
      minify: !debug,
      sourcemap: debug ? 'inline' : false,
      format: 'iife',
      platform: 'browser',
      target: 'es2020',
      charset: 'utf8',
      write: false,
      legalComments: 'none',
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'silent',
    });
    const code = r.outputFiles[0]!.text;
    await mkdir(cacheDir, { recursive: true }).catch(() => {});
    // written beside and renamed: two servers starting at once never read half a file
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, code).then(() => rename(tmp, file)).catch(() => {});
    return code;
  })();
  memo.catch(() => (memo = undefined));
  return memo;
}
