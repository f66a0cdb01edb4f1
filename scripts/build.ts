/**
 * `npm run build` (also run by `npm ci` through the `prepare` script): bundles the CLI into
 * `dist/` with esbuild so that a command starts in plain Node, without transpiling TypeScript:
 *
 * - `dist/jitsim.mjs` (the package `bin`) and `dist/worker.mjs` (the simulator's worker threads),
 *   code split so that each command loads only its own modules (vega, resvg, the simulator …);
 * - every named JSON Schema validator (`sim/io/validators.ts`) generated as ajv standalone code, so
 *   that no schema is compiled at start-up;
 * - npm packages stay external (loaded from node_modules), except ajv's small runtime helpers that
 *   the generated validators use; `import.meta.url` keeps meaning the source file's location, so
 *   rules/, data/ and the fonts are found as from the source.
 *
 * `tsx scripts/build.ts [outdir]` (default `dist`). Generated output: ignored by git.
 */
import { build, type Plugin } from 'esbuild';
import { createHash } from 'node:crypto';
import { chmod, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { INPUT_SCHEMAS, inputJsonSchema } from '../sim/checks/inputs.ts';
import { DATA_SCHEMAS } from '../sim/data/data-set.ts';
import { createAjv } from '../sim/io/schema-check.ts';
import { schemaHash } from '../sim/io/validators.ts';
import { RULE_FILE_SCHEMAS } from '../sim/rules/schema/files.ts';
import { ruleSchemaJson } from '../sim/rules/schema/emit.ts';
import { scenarioJsonSchema } from '../sim/scenario/load.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Every schema the CLI validates with, by the name `namedValidator` is called with. */
export function namedSchemas(): Record<string, () => Record<string, unknown>> {
  const out: Record<string, () => Record<string, unknown>> = {};
  for (const kind of [...(Object.keys(RULE_FILE_SCHEMAS) as (keyof typeof RULE_FILE_SCHEMAS)[]), 'rule-test' as const]) out[`rules/${kind}`] = () => ruleSchemaJson(kind);
  Object.assign(out, DATA_SCHEMAS);
  for (const [name, schema] of Object.entries(INPUT_SCHEMAS)) out[name] = () => inputJsonSchema(name, schema);
  out.scenario = scenarioJsonSchema;
  return out;
}

/**
 * Writes one ajv standalone validator per schema into `<out>/validators/` — a self-contained CommonJS
 * file (ajv's runtime helpers bundled in) and the schema as JSON — and an index exporting
 * `PRECOMPILED`, whose entries load their validator on first use (a command compiles only the few
 * validators it calls, not 1.6 MB of generated code for every schema); returns the index path.
 */
async function generateValidators(out: string, tmp: string): Promise<string> {
  const { default: standaloneCode } = (await import('ajv/dist/standalone/index.js')) as unknown as { default: { default: (ajv: unknown, v: unknown) => string } };
  const standalone = (standaloneCode as unknown as { default?: unknown }).default ?? standaloneCode;
  const dir = join(out, 'validators');
  await mkdir(dir, { recursive: true });
  await mkdir(tmp, { recursive: true });
  const entries: string[] = [];
  const sources: Record<string, string> = {};
  let i = 0;
  for (const [name, schema] of Object.entries(namedSchemas())) {
    const ajv = createAjv({ code: { source: true, esm: false } });
    const json = schema();
    const code = (standalone as (ajv: unknown, v: unknown) => string)(ajv, ajv.compile(json));
    await writeFile(join(tmp, `v${i}.cjs`), code);
    await writeFile(join(dir, `v${i}.json`), JSON.stringify(json));
    sources[`v${i}`] = join(tmp, `v${i}.cjs`);
    entries.push(`  ${JSON.stringify(name)}: entry('v${i}', ${JSON.stringify(schemaHash(json))}),`);
    i++;
  }
  await build({ absWorkingDir: ROOT, entryPoints: sources, outdir: dir, outExtension: { '.js': '.cjs' }, bundle: true, format: 'cjs', platform: 'node', target: 'node20', minifyWhitespace: true, minifySyntax: true, logLevel: 'warning' });
  const index = join(tmp, 'index.mjs');
  await writeFile(
    index,
    `import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
const req = createRequire(import.meta.url);
const entry = (file, hash) => ({
  hash,
  get validate() { return req('./validators/' + file + '.cjs'); },
  get schema() { return JSON.parse(readFileSync(new URL('./validators/' + file + '.json', import.meta.url), 'utf8')); },
});
export const PRECOMPILED = {\n${entries.join('\n')}\n};\n`,
  );
  return index;
}

/** Packages loaded from node_modules at run time: native code, their own worker or data files, or large and used by few commands. */
const EXTERNAL = new Set(['@resvg/resvg-js', '@embedpdf/fonts-sc', 'tinypool', 'vega', 'vega-lite', 'arquero', '@uwdata/flechette', 'tsx', 'esbuild', 'typescript', 'vitest', 'playwright-core', 'fast-check', 'yaml', 'bullmq', 'ioredis', 'subset-font', 'harfbuzzjs', 'exceljs']);

/** The bundle: source files keep their own `import.meta.url`; validators come from the generated code. */
function jitsimPlugin(outdir: string, validatorsIndex: string): Plugin {
  return {
    name: 'jitsim',
    setup(b) {
      b.onResolve({ filter: /validators-precompiled\.ts$/ }, () => ({ path: validatorsIndex }));
      // small npm packages are bundled (one file read instead of dozens of module resolutions); the
      // large, native or file-dependent ones load from node_modules, and ajv only in the rare case
      // of a schema the build did not pre-compile
      b.onResolve({ filter: /^[^./]/ }, (a) => {
        if (a.path.startsWith('node:')) return { path: a.path, external: true };
        const pkg = a.path.startsWith('@') ? a.path.split('/').slice(0, 2).join('/') : a.path.split('/')[0]!;
        if (pkg === 'ajv' && !a.importer.includes('.validators')) return { path: a.path, external: true };
        return EXTERNAL.has(pkg) ? { path: a.path, external: true } : undefined;
      });
      b.onLoad({ filter: /\.(ts|mjs)$/ }, async (a) => {
        if (a.path.includes('node_modules') || a.path.startsWith(resolve(outdir))) return undefined;
        let src = (await readFile(a.path, 'utf8')).replace(/^#!.*\n/, ''); // the banner gives dist/jitsim.mjs its own
        if (src.includes('import.meta.url')) {
          const rel = relative(outdir, a.path).split('\\').join('/');
          src = src.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, import.meta.url).href`);
        }
        return { contents: src, loader: a.path.endsWith('.ts') ? 'ts' : 'js' };
      });
    },
  };
}

/**
 * A hash over the sources the bundle is made of (sim/, scripts/, reports/ and package-lock.json):
 * `JITSIM_BUILD_ID` in the bundle, part of the key of every snapshot a build may reuse (the cost
 * context of `jitsim quote`), so that a changed line of code is never served a stale result.
 */
export async function sourceHash(): Promise<string> {
  const h = createHash('sha256');
  const files: string[] = ['package-lock.json'];
  for (const dir of ['sim', 'scripts', 'reports']) {
    for (const e of await readdir(join(ROOT, dir), { recursive: true, withFileTypes: true })) {
      const p = relative(ROOT, join(e.parentPath, e.name)).split('\\').join('/');
      if (e.isFile() && /\.(ts|mjs|js|json)$/.test(e.name) && !e.name.endsWith('.test.ts') && !p.startsWith('reports/out/')) files.push(p);
    }
  }
  for (const f of files.sort()) h.update(f).update('\0').update(await readFile(join(ROOT, f))).update('\0');
  return h.digest('hex').slice(0, 32);
}

/** Builds the bundle into `outdir` (absolute or relative to the project). */
export async function buildCli(outdir = join(ROOT, 'dist')): Promise<void> {
  const out = resolve(ROOT, outdir);
  await rm(out, { recursive: true, force: true });
  const index = await generateValidators(out, join(out, '.validators'));
  const runner = join(ROOT, 'sim/engine/runner.ts');
  const result = await build({
    metafile: true,
    absWorkingDir: ROOT,
    entryPoints: { jitsim: 'scripts/jitsim.ts', worker: 'sim/engine/worker-task.ts' },
    outdir: out,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outExtension: { '.js': '.mjs' },
    chunkNames: '[name]-[hash]', // beside the entries: the import.meta.url rewrite assumes one folder
    // CommonJS packages inside an ES module bundle need `require` for Node's built-in modules
    banner: { js: "#!/usr/bin/env node\nimport { createRequire as __jitsimRequire } from 'node:module';\nconst require = __jitsimRequire(import.meta.url);" },
    // only isValid() is used: the entry without the 100 locale files
    mainFields: ['module', 'main'], // ES builds where packages have them (jsonc-parser's UMD build cannot be bundled)
    alias: { 'i18n-iso-countries': 'i18n-iso-countries/index.js' },
    define: { JITSIM_BUNDLED_WORKER: JSON.stringify(relative(dirname(runner), join(out, 'worker.mjs')).split('\\').join('/')), JITSIM_BUILD_ID: JSON.stringify(await sourceHash()) },
    plugins: [jitsimPlugin(out, index)],
    // less to parse at start-up; identifiers are kept so that a bug's stack trace stays readable
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'warning',
  });
  await rm(join(out, '.validators'), { recursive: true, force: true });
  // which source files went into which chunk (for `npm run bench`'s start-up section and profiling)
  await writeFile(join(out, 'meta.json'), JSON.stringify(result.metafile));
  await chmod(join(out, 'jitsim.mjs'), 0o755); // the package bin (npx jitsim runs it directly)
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t = performance.now();
  await buildCli(process.argv[2]);
  process.stderr.write(`jitsim: built ${relative(process.cwd(), resolve(ROOT, process.argv[2] ?? 'dist')) || '.'}/jitsim.mjs in ${Math.round(performance.now() - t)} ms\n`);
}
