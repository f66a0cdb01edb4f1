import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../sim/testing/fixtures.ts';
import { STEPS } from './ci.ts';
import { memoryIo } from './io.ts';

const workflow = parse(readFileSync(join(PROJECT_DIR, '.github/workflows/reports.yml'), 'utf8'));

describe('the reports workflow', () => {
  const steps: { uses?: string; run?: string; if?: string }[] = workflow.jobs.reports.steps;

  it('triggers on the paths that change a report, and pins every action version', () => {
    for (const on of [workflow.on.pull_request, workflow.on.push]) expect(on.paths).toEqual(expect.arrayContaining(['rules/**', 'data/**', 'sim/**', 'reports/**', 'package-lock.json']));
    for (const s of steps.filter((x) => x.uses)) expect(s.uses).toMatch(/@v\d+\.\d+\.\d+$/);
    expect(steps.find((s) => s.uses?.startsWith('actions/setup-node'))).toMatchObject({ with: { cache: 'npm', 'node-version': 20 } });
  });

  it('runs exactly the scripts/ci.ts steps, in order, after npm ci', () => {
    const runs = steps.filter((s) => s.run).map((s) => s.run!);
    expect(runs[0]).toBe('npm ci');
    const called = runs.slice(1).map((r) => /^npx tsx scripts\/ci\.ts ([\w-]+)/.exec(r)?.[1]);
    expect(called).toEqual(Object.keys(STEPS));
    expect(steps.at(-1)).toMatchObject({ if: "github.event_name == 'pull_request'" });
    expect(steps.at(-1)!.run).toContain('>> "$GITHUB_STEP_SUMMARY"');
    expect(steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))).toMatchObject({ with: { path: 'reports/out/' } });
  });

  it('its quick steps pass here, through the same functions', async () => {
    for (const step of ['validate', 'rules-test'] as const) {
      const io = memoryIo(PROJECT_DIR);
      expect(await STEPS[step](io), step).toBe(0);
    }
    const io = memoryIo(PROJECT_DIR);
    expect(await STEPS['pr-summary'](io)).toBe(2);
  });
});
