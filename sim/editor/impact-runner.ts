/**
 * The money impact of the editor's draft on every sample scenario, with `jitsim impact`'s own code
 * (sim/impact.ts: the same seed and order flows under the saved and the draft rules, paired
 * difference with its 95 % CI): first a quick run with few trials, then refined in the background.
 * Only the newest draft is worked on; an older run stops at the next scenario.
 */
import { cp, mkdir, readdir, rm, symlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { text, type Text } from '../i18n/index.ts';
import type { ScenarioImpact } from '../impact.ts';
import { Tinypool } from 'tinypool';
import { JitsimError } from '../errors.ts';
import type { ImpactTask } from './impact-task.ts';
import type { Workspace } from './workspace.ts';

export interface ImpactOptions {
  quickTrials: number;
  refinedTrials: number;
  /** The same seed for both rule sets and both stages (jitsim impact's --seed). */
  seed: number;
  /** Trials of the break-even search in the refined run (0 to skip it); the quick run skips it. */
  breakEvenTrials: number;
}

export interface ImpactView {
  fingerprint: string;
  /** quick: the first, rough figures are coming in; refining: the background run; done. */
  stage: 'quick' | 'refining' | 'done' | 'failed';
  trials: number;
  seed: number;
  scenarios: (ScenarioImpact & { eligibilityChange: Text | null })[];
  error: Text | null;
}

/** "electronics-3c-lithium loses JIT (ADM-3)", or null when eligibility did not change. */
export function eligibilityChange(s: ScenarioImpact): Text | null {
  const name = s.scenario;
  if (s.eligibility.base && !s.eligibility.head) return text(`${name} loses JIT (${s.eligibility.headFailures.join(', ')})`, `${name} 失去JIT资格（${s.eligibility.headFailures.join('、')}）`);
  if (!s.eligibility.base && s.eligibility.head) return text(`${name} gains JIT`, `${name} 获得JIT资格`);
  return null;
}

export class ImpactRunner {
  private views = new Map<string, ImpactView>();
  private latest: string | null = null;
  private chain: Promise<void> = Promise.resolve();
  private n = 0;
  private pool: Tinypool | null = null;
  constructor(
    private readonly ws: Workspace,
    private readonly o: ImpactOptions,
  ) {}

  /** The scenario files impact runs on: data/scenarios/*.json of the project. */
  async scenarios(): Promise<string[]> {
    const dir = join(this.ws.projectDir, 'data', 'scenarios');
    if (!existsSync(dir)) return [];
    return (await readdir(dir)).filter((n) => n.endsWith('.json')).sort().map((n) => join(dir, n));
  }

  /** Starts (or keeps) the runs for the current draft, whose rule set is valid and has this fingerprint. */
  async request(fingerprint: string): Promise<void> {
    if (this.latest === fingerprint) return;
    this.latest = fingerprint;
    if (this.views.has(fingerprint)) return;
    // snapshots: typing on does not change what this run sees
    const root = join(this.ws.tmpRoot, 'jobs', String(++this.n));
    for (const [from, to] of [[this.ws.baseDir, join(root, 'base', 'rules')], [this.ws.draftDir, join(root, 'head', 'rules')]] as const) {
      await mkdir(dirname(to), { recursive: true });
      await cp(from, to, { recursive: true });
      await symlink(join(this.ws.projectDir, 'data'), join(dirname(to), 'data'));
    }
    const view: ImpactView = { fingerprint, stage: 'quick', trials: this.o.quickTrials, seed: this.o.seed, scenarios: [], error: null };
    this.views.set(fingerprint, view);
    this.chain = this.chain.then(() => this.run(view, root)).finally(() => rm(root, { recursive: true, force: true }));
  }

  private async run(view: ImpactView, root: string): Promise<void> {
    const files = await this.scenarios();
    try {
      for (const [stage, trials] of [['quick', this.o.quickTrials], ['refining', this.o.refinedTrials]] as const) {
        view.stage = stage;
        for (const [i, f] of files.entries()) {
          if (this.latest !== view.fingerprint) {
            // a newer draft took over: forget this one, it will be recomputed if the user comes back
            this.views.delete(view.fingerprint);
            return;
          }
          const s = await this.one({ baseRulesDir: join(root, 'base', 'rules'), headRulesDir: join(root, 'head', 'rules'), scenarioFile: f, options: { seed: this.o.seed, trials, workers: 1, breakEvenTrials: stage === 'quick' ? 0 : this.o.breakEvenTrials } });
          const entry = { ...s, eligibilityChange: eligibilityChange(s) };
          if (stage === 'quick') view.scenarios.push(entry);
          else {
            const next = [...view.scenarios];
            next[i] = entry;
            view.scenarios = next;
          }
        }
        view.trials = trials;
      }
      view.stage = 'done';
    } catch (e) {
      view.stage = 'failed';
      view.error = e instanceof JitsimError ? text(e.message, e.message) : text(`impact run failed: ${String(e)}`, `影响计算失败：${String(e)}`);
    }
  }

  /** One scenario in the worker thread (the server's thread stays free to answer the page). */
  private one(task: ImpactTask): Promise<ScenarioImpact> {
    this.pool ??= new Tinypool({ filename: new URL('./impact-worker.mjs', import.meta.url).href, minThreads: 1, maxThreads: 1, idleTimeout: 120_000 });
    return this.pool.run(task) as Promise<ScenarioImpact>;
  }

  get(fingerprint: string): ImpactView | null {
    return this.views.get(fingerprint) ?? null;
  }

  /** Waits until the runs queued so far have finished (tests). */
  async settled(): Promise<void> {
    await this.chain.catch(() => {});
  }

  /** Stops after the scenario in progress and waits for it (shutdown). */
  async stop(): Promise<void> {
    this.latest = null;
    await this.settled();
    await this.pool?.destroy();
    this.pool = null;
  }
}
