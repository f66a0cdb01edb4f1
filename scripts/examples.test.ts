/** The shipped examples of sharded runs (docs/examples/) stay consistent with the CLI. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PROJECT_DIR } from '../sim/testing/fixtures.ts';
import { main } from './cli.ts';
import { memoryIo } from './io.ts';

const load = async (f: string) => parse(await readFile(join(PROJECT_DIR, 'docs/examples', f), 'utf8'));
const help = async (...argv: string[]) => {
  const io = memoryIo(PROJECT_DIR);
  expect(await main([...argv, '--help'], io)).toBe(0);
  return io.stdout;
};

describe('docs/examples', () => {
  it('the GitHub Actions matrix runs every shard k/n once, with options jitsim has', async () => {
    const wf = await load('portfolio-matrix.yml');
    const n = Number(wf.env.SHARDS);
    expect(wf.jobs.portfolio.strategy.matrix.shard).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    const runs = wf.jobs.portfolio.steps.map((s: { run?: string }) => s.run ?? '').join('\n');
    expect(runs).toMatch(/npm run reports -- --portfolio "\$PORTFOLIO" --shard \$\{\{ matrix.shard \}\}\/\$SHARDS/);
    expect(runs).toMatch(/\.\/jitsim impact .* --portfolio .* --shard /);
    expect(await help('impact')).toMatch(/--portfolio <spec>[\s\S]*--shard <k\/n>/);
    const tail = wf.jobs['tail-risk'].steps.map((s: { run?: string }) => s.run ?? '').join('\n');
    expect(tail).toMatch(/simulate .* --shard \$\{\{ matrix.shard \}\}\/4/);
    expect(wf.jobs['tail-risk'].strategy.matrix.shard).toHaveLength(4);
    expect(wf.jobs.merge.steps.map((s: { run?: string }) => s.run ?? '').join('\n')).toMatch(/\.\/jitsim merge partials\/\*\.partial/);
    expect(await help('simulate')).toMatch(/--shard <k\/n>/);
  });

  it('the Kubernetes Indexed Job maps JOB_COMPLETION_INDEX 0…n-1 to shards 1…n', async () => {
    const job = await load('portfolio-indexed-job.yaml');
    expect(job.kind).toBe('Job');
    expect(job.spec.completionMode).toBe('Indexed');
    const c = job.spec.template.spec.containers[0];
    const shards = Number(c.env.find((e: { name: string }) => e.name === 'SHARDS').value);
    expect(job.spec.completions).toBe(shards);
    expect(c.args.join(' ')).toContain('--shard $((JOB_COMPLETION_INDEX + 1))/$SHARDS');
  });
});
