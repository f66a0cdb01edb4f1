/**
 * Loading stage of the pipeline: `rules/*.json` ──read, parse, schema, semantics──▶ {@link RuleSet}.
 * Every problem in every file is collected before anything is thrown, so an editor sees all of
 * them at once.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ValidateFunction } from 'ajv';
import { DiagnosticsError, UserInputError, type Diagnostic } from '../errors.ts';
import { text } from '../i18n/index.ts';
import { namedValidator, readValidJson, type JsonDocument } from '../io/index.ts';
import { ruleSchemaJson } from './schema/emit.ts';
import type { RuleFiles } from './rule-files.ts';
import { RULE_FILE_KINDS, type RuleFileKind } from './schema/index.ts';
import { semanticDiagnostics } from './semantic.ts';

export type { RuleFiles } from './rule-files.ts';

/** A validated rule folder: the typed files, their parsed documents (for locations) and a fingerprint. */
export interface RuleSet {
  dir: string;
  /** Folder against which `data/…` paths in rule files are resolved: the parent of `dir`. */
  projectDir: string;
  files: RuleFiles;
  docs: Record<RuleFileKind, JsonDocument>;
  /** sha256 over the canonical JSON of every file: formatting changes do not change it. */
  fingerprint: string;
}

/** The outcome of reading a rule folder: the set when it is valid, and every diagnostic either way. */
export interface RuleLoadResult {
  ruleSet?: RuleSet;
  diagnostics: Diagnostic[];
}

function validatorFor(kind: RuleFileKind): ValidateFunction {
  return namedValidator(`rules/${kind}`, () => ruleSchemaJson(kind));
}

/** JSON with object keys sorted, so that key order and whitespace never change a hash. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/**
 * Reads, parses and validates every rule file of a folder.
 * @throws {UserInputError} when the folder itself cannot be read (exit 2).
 */
export async function readRuleSet(dir: string, opts: { projectDir?: string } = {}): Promise<RuleLoadResult> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json'));
  } catch (cause) {
    throw new UserInputError(
      text(`cannot read the rules folder ${dir}: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}`, `无法读取规则目录 ${dir}：${(cause as NodeJS.ErrnoException).code ?? String(cause)}`),
      text('give the path of a folder that holds admission.json, catalogue.json, fees.json …', '请给出包含 admission.json、catalogue.json、fees.json 等文件的目录路径'),
      { cause, code: 'CANNOT_READ' },
    );
  }
  const diagnostics: Diagnostic[] = [];
  const docs: Partial<Record<RuleFileKind, JsonDocument>> = {};
  const files: Partial<Record<RuleFileKind, unknown>> = {};
  // files that parsed but failed their schema still get the semantic checks (below), so an editor
  // sees a gap in a band table and a negative fee in the same run
  const parsedDocs: Partial<Record<RuleFileKind, JsonDocument>> = {};
  const parsedFiles: Partial<Record<RuleFileKind, unknown>> = {};
  const known = new Set<string>(RULE_FILE_KINDS.map((k) => `${k}.json`));
  for (const n of names.filter((n) => !known.has(n)).sort()) {
    diagnostics.push({
      location: { file: join(dir, n), line: 1, col: 1, pointer: '' },
      message: text(`unexpected rule file ${n}`, `多余的规则文件 ${n}`),
      remedy: text(`rule files are ${[...known].join(', ')}; move tests to rules/tests/`, `规则文件为 ${[...known].join('、')}；测试请放在 rules/tests/`),
      severity: 'error',
    });
  }
  for (const kind of RULE_FILE_KINDS) {
    const file = join(dir, `${kind}.json`);
    if (!names.includes(`${kind}.json`)) {
      diagnostics.push({ location: { file, line: 1, col: 1, pointer: '' }, message: text(`missing rule file ${kind}.json`, `缺少规则文件 ${kind}.json`), remedy: text(`restore ${kind}.json (git checkout -- ${file})`, `请恢复 ${kind}.json（git checkout -- ${file}）`), severity: 'error' });
      continue;
    }
    const { doc, valid } = await readValidJson(file, validatorFor(kind), diagnostics);
    if (doc) {
      parsedDocs[kind] = doc;
      parsedFiles[kind] = doc.value;
    }
    if (doc && valid) {
      docs[kind] = doc;
      files[kind] = doc.value;
    }
  }
  const projectDir = opts.projectDir ?? projectDirFor(dir);
  diagnostics.push(...semanticsBesideSchemaErrors(diagnostics, parsedFiles, parsedDocs, files, docs, projectDir));
  const complete = RULE_FILE_KINDS.every((k) => files[k] !== undefined);
  if (!complete || diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  const hash = createHash('sha256');
  for (const kind of RULE_FILE_KINDS) hash.update(`${kind}\n${canonicalJson(files[kind])}\n`);
  return {
    diagnostics,
    ruleSet: { dir, projectDir, files: files as unknown as RuleFiles, docs: docs as Record<RuleFileKind, JsonDocument>, fingerprint: hash.digest('hex') },
  };
}

/**
 * The folder against which a rule folder's `data/…` paths are resolved: the parent of the rules
 * folder when it has a data/ folder, else the project jitsim ships with (so a draft rules folder
 * anywhere is checked against the shipped data).
 */
export function projectDirFor(rulesDir: string): string {
  const besideRules = dirname(resolve(rulesDir));
  return existsSync(join(besideRules, 'data')) ? besideRules : dirname(DEFAULT_RULES_DIR);
}

/**
 * The project folder for a `--data <dir>` flag: a folder named `data`, or a folder that holds one.
 * @throws {UserInputError} when neither.
 */
export function projectDirOfDataFlag(dataDir: string): string {
  const abs = resolve(dataDir);
  if (existsSync(join(abs, 'data', 'modes.json'))) return abs;
  if (existsSync(join(abs, 'modes.json'))) return dirname(abs);
  throw new UserInputError(
    text(`--data ${dataDir} is not a data folder (no modes.json in it or in ${join(dataDir, 'data')})`, `--data ${dataDir} 不是数据目录（其中及 ${join(dataDir, 'data')} 中均无 modes.json）`),
    text('give the data/ folder of a jitsim project (holding modes.json, warehouse.json and rates/), or the project folder', '请给出 jitsim 项目的 data/ 目录（含 modes.json、warehouse.json 与 rates/），或项目目录'),
    { code: 'BAD_DATA_DIR' },
  );
}

/**
 * Semantic diagnostics of every parsed file, including files with schema errors — except where a
 * schema error already points (a wrong type there would only produce noise). If a malformed file
 * breaks the semantic checks themselves, they run on the schema-valid files only.
 */
function semanticsBesideSchemaErrors(
  schemaErrors: readonly Diagnostic[],
  parsedFiles: Partial<Record<RuleFileKind, unknown>>,
  parsedDocs: Partial<Record<RuleFileKind, JsonDocument>>,
  files: Partial<Record<RuleFileKind, unknown>>,
  docs: Partial<Record<RuleFileKind, JsonDocument>>,
  projectDir: string,
): Diagnostic[] {
  let sem: Diagnostic[];
  try {
    sem = semanticDiagnostics(parsedFiles as Partial<RuleFiles>, parsedDocs, projectDir);
  } catch {
    return semanticDiagnostics(files as Partial<RuleFiles>, docs, projectDir);
  }
  const related = (a: string, b: string) => a === b || (b !== '' && a.startsWith(`${b}/`)) || (a !== '' && b.startsWith(`${a}/`));
  return sem.filter((d) => !schemaErrors.some((e) => e.location.file === d.location.file && related(e.location.pointer, d.location.pointer)));
}

/**
 * Loads a rule folder for use.
 * @throws {DiagnosticsError} listing every problem, when any file is invalid.
 */
export async function loadRuleSet(dir: string): Promise<RuleSet> {
  const { ruleSet, diagnostics } = await readRuleSet(dir);
  if (!ruleSet) throw new DiagnosticsError(diagnostics.filter((d) => d.severity === 'error'));
  return ruleSet;
}

/** The default rules folder: `rules/` in the project. */
export const DEFAULT_RULES_DIR = fileURLToPath(new URL('../../rules', import.meta.url));
