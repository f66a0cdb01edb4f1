import { describe, expect, it } from 'vitest';
import { cholesky, copulaUniforms, correlateInPlace } from '../random/copula.ts';
import { compileDist, type DistJson } from '../random/dist.ts';
import { normalQuantile } from '../random/normal.ts';
import { Xoshiro128 } from '../random/rng.ts';
import type { UncertainInput } from '../scenario/inputs.ts';
import { makeSampler, sampleAll, sampleDrawn } from './input-sampler.ts';

const input = (pointer: string, json: DistJson): UncertainInput => ({ pointer, json, min: 0, max: Infinity, dist: compileDist(json) });

describe('input sampler (the trial’s draws as flat arrays)', () => {
  const inputs = [
    input('/a', 3),
    input('/b', { dist: 'pert', min: 0.4, mode: 0.5, max: 0.7 }),
    input('/c', { dist: 'triangular', min: 0.4, mode: 0.5, max: 0.7 }),
    input('/d', { dist: 'uniform', min: 2, max: 5 }),
    input('/e', { dist: 'fixed', value: 7 }),
    input('/f', { dist: 'normal', mean: 10, sd: 2, min: 5, max: 15 }),
    input('/g', { dist: 'lognormal', mean: 1, sd: 0.3 }),
    input('/h', { dist: 'discrete', values: [1, 2, 4], weights: [1, 1, 2] }),
    input('/i', { dist: 'pert', min: 0.8, mode: 1, max: 1.3 }),
    input('/j', { dist: 'pert', min: 0.4, mode: 0.5, max: 0.7 }),
  ];
  const s = makeSampler(inputs);

  it('draws only the uncertain inputs and keeps the fixed ones’ values', () => {
    expect(Array.from(s.drawn)).toEqual([1, 2, 3, 5, 6, 7, 8, 9]);
    expect(s.fixedValue[0]).toBe(3);
    expect(s.fixedValue[4]).toBe(7);
    expect(Number.isNaN(s.fixedValue[1]!)).toBe(true);
    // one table per distinct PERT distribution
    expect(s.knots.length).toBe(2 * 4097);
  });

  it('gives each distribution’s quantile bit for bit, at the ends and in between', () => {
    const rng = new Xoshiro128(11);
    const ps = [0, 1e-12, 0.1, 0.5, 0.9, 1 - 1e-12, ...Array.from({ length: 2000 }, () => rng.next())];
    s.drawn.forEach((i, j) => {
      for (const p of ps) expect(sampleDrawn(s, j, p)).toBe(inputs[i]!.dist.quantile(p));
    });
    // the trial's loop gives the same values
    for (const p of ps) {
      const u = new Float64Array(inputs.length).fill(p);
      const values = Float64Array.from(s.fixedValue);
      sampleAll(s, u, values);
      inputs.forEach((x, i) => expect(values[i]).toBe(x.dist.quantile(p)));
    }
  });
});

describe('copula in place', () => {
  it('correlates the factor’s inputs as the full copula does, and leaves every other uniform as it was', () => {
    const n = 6;
    const idx = Int32Array.from([1, 4]);
    const l = cholesky(Float64Array.from([1, 0.6, 0.6, 1]), 2)!;
    const f = { n, idx, l };
    const rng = new Xoshiro128(5);
    for (let t = 0; t < 200; t++) {
      const u = Float64Array.from({ length: n }, () => rng.next() || 0.5);
      const z = Float64Array.from(u, (x) => normalQuantile(x));
      const full = new Float64Array(n);
      copulaUniforms(f, z, full);
      const mine = Float64Array.from(u);
      correlateInPlace(f, mine, new Float64Array(2));
      for (const i of idx) expect(mine[i]).toBe(full[i]);
      for (let i = 0; i < n; i++) if (!idx.includes(i)) expect(mine[i]).toBe(u[i]);
    }
  });
});
