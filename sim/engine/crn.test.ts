/**
 * Common random numbers across volume multipliers (break-even runs): one seed's cost-versus-volume
 * curve must be monotone and smooth, which needs every Poisson count drawn by inversion of one
 * uniform (sim/random/poisson.ts `poissonQuantile`), so the stream does not shift with the volume.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { poissonQuantile } from '../random/poisson.ts';
import { scenarioSpec, writeScenario } from '../scenario/testing.ts';
import { RULES_DIR } from '../testing/fixtures.ts';
import { BREAK_EVEN_GRID } from './break-even.ts';
import { MODES } from './layout.ts';
import { preparePlan } from './prepare.ts';
import { column, totals } from './records.ts';
import { createRunner } from './runner.ts';

describe('common random numbers across volumes', () => {
  it('poissonQuantile is nondecreasing in the uniform and in the mean, and has the Poisson mean and variance', () => {
    fc.assert(
      // within each method's range (exact inversion below λ = 64, Cornish–Fisher from 64 on) ...
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.oneof(fc.double({ min: 0.01, max: 30, noNaN: true }), fc.double({ min: 64, max: 2000, noNaN: true })), fc.double({ min: 1, max: 2.1, noNaN: true }), (u, lam, k) => {
        expect(poissonQuantile(u, lam * k)).toBeGreaterThanOrEqual(poissonQuantile(u, lam));
        expect(poissonQuantile(Math.min(1, u + 0.01), lam)).toBeGreaterThanOrEqual(poissonQuantile(u, lam));
      }),
    );
    // ... and across the seam at most one count apart
    for (let i = 0; i <= 1000; i++) expect(poissonQuantile(i / 1000, 64) - poissonQuantile(i / 1000, 63.999)).toBeGreaterThanOrEqual(-1);
    for (const lam of [0.3, 7, 63, 64, 200, 5000]) {
      const n = 20000;
      let s = 0;
      let s2 = 0;
      for (let i = 0; i < n; i++) {
        const x = poissonQuantile((i + 0.5) / n, lam);
        s += x;
        s2 += x * x;
      }
      const mean = s / n;
      expect(Math.abs(mean - lam) / Math.sqrt(lam)).toBeLessThan(0.02);
      expect((s2 / n - mean * mean) / lam).toBeCloseTo(1, 1);
    }
  });

  it('keeps each trial\'s cost-versus-volume curve monotone and smooth (property over seeds)', async () => {
    const spec = scenarioSpec({
      horizonMonths: 3,
      demand: { ordersPerDay: { dist: 'uniform', min: 20, max: 60 }, dispersion: 0.3, monthlyGrowth: 0.02 },
      destinations: [
        { country: 'ES', share: 2, service: 'standard' },
        { country: 'FR', share: 1, service: 'economy' },
      ],
      skus: [
        { id: 'a', category: 'apparel', share: 3, weightKg: { dist: 'uniform', min: 0.2, max: 0.6 }, unitCostCny: 30, priceCny: 90, jitTagged: true },
        { id: 'b', category: 'home', share: 1, weightKg: 1.5, unitCostCny: 50, priceCny: 150, jitTagged: false },
      ],
      returns: { jitRate: { dist: 'uniform', min: 0.01, max: 0.03 } },
      jit: { designatedBox: false, nonPreferredShare: 0.1 },
    });
    const plan = await preparePlan({ rulesDir: RULES_DIR, scenarioFile: await writeScenario(spec) });
    const runner = createRunner(plan, null);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), async (seed) => {
        const runs = await Promise.all(BREAK_EVEN_GRID.map((v) => runner.run(seed, 0, 3, { volumeMultiplier: v })));
        for (let i = 0; i < 3; i++) {
          const orders = runs.map((r) => column(r, plan.layout, plan.layout.modes.jit.orders)[i]!);
          for (let g = 1; g < orders.length; g++) expect(orders[g]!).toBeGreaterThanOrEqual(orders[g - 1]!);
          for (const m of MODES) {
            const t = runs.map((r) => totals(r, plan.layout, m)[i]!);
            for (let g = 1; g < t.length; g++) expect(t[g]!).toBeGreaterThanOrEqual(t[g - 1]! - 1e-6);
          }
          // smooth: doubling the volume roughly doubles the orders (no jump from a shifted stream)
          for (let g = 2; g < orders.length; g++) {
            if (orders[g - 2]! < 200) continue;
            const ratio = orders[g]! / orders[g - 2]!;
            expect(ratio).toBeGreaterThan(1.7);
            expect(ratio).toBeLessThan(2.3);
          }
        }
      }),
      { numRuns: 8 },
    );
  });
});
