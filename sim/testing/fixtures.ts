/**
 * Test factories (json-rules-engine's rule-factory idea): copies of the shipped rules with one value
 * changed, and valid check inputs with fields overridden — instead of JSON pasted into every test.
 */
import { cp, mkdtemp, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExitInput, ReentryInput, RoutingInput, StoreInput } from '../checks/inputs.ts';
import type { RuleFiles } from '../rules/rule-set.ts';

export const PROJECT_DIR = fileURLToPath(new URL('../..', import.meta.url));

/** Temporary folders made by these factories; `sim/testing/cleanup.ts` removes them after each test file. */
export const TEMP_DIRS: string[] = [];

/** A new temporary folder, removed after the test file. */
export async function tempDir(prefix = 'jitsim-test-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  TEMP_DIRS.push(dir);
  return dir;
}
export const RULES_DIR = join(PROJECT_DIR, 'rules');

/** The shipped rule files as plain JSON, to mutate. */
export type MutableRules = { -readonly [K in keyof RuleFiles]: any };

/**
 * A temporary project folder holding a copy of `rules/` (each file rewritten after `mutate`) and a
 * link to the real `data/`. Returns the project folder and its rules folder.
 */
export async function copyRules(mutate: (files: MutableRules) => void = () => {}): Promise<{ root: string; rulesDir: string }> {
  const root = await tempDir('jitsim-rules-');
  const rulesDir = join(root, 'rules');
  await cp(RULES_DIR, rulesDir, { recursive: true });
  await symlink(join(PROJECT_DIR, 'data'), join(root, 'data'));
  const files: Record<string, unknown> = {};
  for (const n of (await readdir(rulesDir)).filter((n) => n.endsWith('.json'))) files[n.replace(/\.json$/, '')] = JSON.parse(await readFile(join(rulesDir, n), 'utf8'));
  mutate(files as MutableRules);
  for (const [k, v] of Object.entries(files)) await writeFile(join(rulesDir, `${k}.json`), JSON.stringify(v, null, 2) + '\n');
  return { root, rulesDir };
}

/** Replaces a rule file of a copied folder with raw text (for malformed-JSON tests). */
export async function writeRuleText(rulesDir: string, kind: string, text: string): Promise<void> {
  await writeFile(join(rulesDir, `${kind}.json`), text);
}

/** Finds a rule by id in a mutable rule file's `rules` array. */
export function ruleById(file: { rules: { id: string }[] }, id: string): any {
  const r = file.rules.find((x) => x.id === id);
  if (!r) throw new Error(`no rule ${id}`);
  return r;
}

export const storeInput = (over: Partial<StoreInput> = {}): StoreInput => ({
  storeType: 'enterprise',
  realNameVerified: true,
  positiveRate90d: 0.97,
  disputeRate: 0.002,
  providers: [{ name: 'Cainiao', certified: true, integration: 'api' }],
  failedReviews: 0,
  ...over,
});

export const exitInput = (over: Partial<ExitInput> = {}): ExitInput => ({
  orders: [{ id: 'A1', status: 'completed', hoursSinceCreated: 300 }],
  unsettledFeesCny: 0,
  boundProviders: [],
  ...over,
});

export const reentryInput = (over: Partial<ReentryInput> = {}): ReentryInput => ({ dsr30d: 4.8, logisticsViolations90d: 0, providers: [], ...over });

export const routingInput = (over: Partial<RoutingInput> = {}): RoutingInput => ({
  storeQualified: true,
  skuTagged: true,
  syncMode: 'api',
  uploadIntervalHours: 0,
  destinationSaturated: false,
  billOverdue: false,
  ...over,
});

/** A temporary file with the given content; returns its path. */
export async function tempFile(name: string, content: string): Promise<string> {
  const dir = await tempDir('jitsim-input-');
  const p = join(dir, name);
  await writeFile(p, content);
  return p;
}
