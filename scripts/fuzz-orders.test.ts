/**
 * Fuzzing the order-history readers: order exports made from the column contract
 * (sim/calibrate/orders.ts — canonical, Chinese or shuffled headers; comma, semicolon, tab; BOM;
 * valid cells with nasty ones mixed in; truncation and random bytes), fed to `jitsim calibrate`
 * (with `--out`, `--columns` and `--catalog` now and then) and `jitsim backtest` (with
 * `--fit-rates` on a copied scenario). Exit 0, 1 or 2 only, nothing written outside the case's
 * folder (see scripts/fuzz-support.ts for the seed and scale).
 */
import fc from 'fast-check';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HEADER_ALIASES, ORDER_COLUMNS } from '../sim/calibrate/orders.ts';
import { PROJECT_DIR, tempDir } from '../sim/testing/fixtures.ts';
import { FuzzTally, fuzzTimeout, listing, runs } from './fuzz-support.ts';

const tally = new FuzzTally('fuzz-orders.test.ts');
afterAll(() => console.log(tally.line()));

const nasty = fc.oneof(
  fc.constantFrom('', ' ', 'NaN', 'Infinity', '-1', '0', '1e999', '1e-320', '9'.repeat(400), '2024-02-30', '2024-13-45 25:61:61', '0000-00-00', '9999-12-31', '1970-01-01', '-0001-01-01', '__proto__', 'constructor', '=1+1', '"', 'a,b', '\u0000', '是', '否', 'yes', 'XX', 'ZZZ', '中国', 'jit', 'warehouse', 'direct', 'boat', '0.0000001', '100000', '3.5e3', '1,5'),
  fc.string({ maxLength: 10 }),
);
const day = fc.integer({ min: 0, max: 900 }).map((d) => new Date(Date.UTC(2024, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
const valid: Record<(typeof ORDER_COLUMNS)[number], fc.Arbitrary<string>> = {
  order_id: fc.integer({ min: 1, max: 60 }).map((n) => String(8_100_000_000_000 + n)),
  order_time: fc.tuple(day, fc.option(fc.constantFrom(' 00:00:00', ' 14:11:44', 'T23:59:59'), { nil: '' })).map(([d, t]) => d + t),
  destination: fc.constantFrom('ES', 'FR', 'IT', 'DE', 'PL', 'US', 'BR', 'MX', '意大利', '法国', 'Spain', 'es'),
  sku: fc.constantFrom('summer-dress', 'phone-case', 'lamp', 'A1', ''),
  quantity: fc.integer({ min: 1, max: 5 }).map(String),
  weight_kg: fc.double({ min: 0.01, max: 30, noNaN: true }).map((x) => x.toFixed(3)),
  order_value: fc.double({ min: 0, max: 500, noNaN: true }).map((x) => x.toFixed(2)),
  currency: fc.constantFrom('USD', 'EUR', 'CNY', 'usd', ''),
  shipping_cost: fc.double({ min: 0, max: 80, noNaN: true }).map((x) => x.toFixed(2)),
  returned: fc.constantFrom('yes', 'no', '是', '否', 'true', 'false', '1', '0', ''),
  mode: fc.constantFrom('direct', 'jit', 'warehouse', ''),
};

const orderCsv = fc.record({
  sep: fc.constantFrom(',', ';', '\t', '|'),
  // canonical names, the first Chinese alias, or a shuffled subset with unknown and duplicate names
  header: fc.oneof(
    { weight: 4, arbitrary: fc.constant([...ORDER_COLUMNS] as string[]) },
    { weight: 2, arbitrary: fc.constant(ORDER_COLUMNS.map((c) => HEADER_ALIASES[c].find((a) => /[^\x00-\x7f]/.test(a)) ?? c)) },
    { weight: 1, arbitrary: fc.shuffledSubarray([...ORDER_COLUMNS, 'extra', '__proto__', 'order_id', '重量(g)'], { minLength: 1 }) },
  ),
  rows: fc.array(fc.tuple(fc.boolean(), fc.array(nasty, { minLength: ORDER_COLUMNS.length + 5, maxLength: ORDER_COLUMNS.length + 5 }), fc.tuple(...ORDER_COLUMNS.map((c) => valid[c])), fc.array(fc.nat(40), { minLength: ORDER_COLUMNS.length + 5, maxLength: ORDER_COLUMNS.length + 5 })), { maxLength: 40 }),
  quote: fc.boolean(),
  bom: fc.boolean(),
  cut: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { freq: 6 }),
  tail: fc.oneof({ weight: 6, arbitrary: fc.constant(new Uint8Array()) }, { weight: 1, arbitrary: fc.uint8Array({ maxLength: 32 }) }),
  command: fc.constantFrom('calibrate', 'calibrate', 'backtest'),
  extra: fc.nat(3),
});

describe('fuzzing the order-history readers: calibrate and backtest end with exit 0, 1 or 2', () => {
  it('order exports from the column contract, then corrupted', async () => {
    const dir = await tempDir('jitsim-fuzz-');
    let i = 0;
    await fc.assert(
      fc.asyncProperty(orderCsv, async (c) => {
        const work = join(dir, `case-${i++}`);
        await mkdir(work);
        const q = (s: string) => (c.quote ? `"${s.replace(/"/g, '""')}"` : s);
        // a row: the valid cell of each header column, one in forty a nasty one; a misaligned row (row[0]) now and then
        const lines = c.rows.map(([misaligned, bad, good, dice]) =>
          (misaligned && dice[0]! < 4 ? bad : c.header.map((h, j) => {
            const col = ORDER_COLUMNS.find((k) => k === h || HEADER_ALIASES[k].includes(h));
            return dice[j]! === 0 || !col ? bad[j]! : good[ORDER_COLUMNS.indexOf(col)]!;
          })).map(q).join(c.sep),
        );
        let text = [c.header.join(c.sep), ...lines].join('\n');
        if (c.cut !== null) text = text.slice(0, Math.floor(text.length * c.cut));
        const file = join(work, 'orders.csv');
        await writeFile(file, Buffer.concat([c.bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text), Buffer.from(c.tail)]));
        if (c.extra === 2) await writeFile(join(work, 'columns.json'), JSON.stringify({ order_id: c.header[0], order_time: c.header[1] ?? 'x', weight_kg: '重量' }));
        const before = await listing(work);
        if (c.command === 'calibrate') {
          const argv = ['calibrate', file, '--json', '--out', join(work, 'client.json')];
          if (c.extra === 1) argv.push('--catalog', join(PROJECT_DIR, 'data/samples/skus.csv'));
          if (c.extra === 2) argv.push('--columns', join(work, 'columns.json'));
          if (c.extra === 3) argv.push('--mode', 'jit');
          await tally.run('calibrate', argv);
          expect((await listing(work)).filter((p) => !before.includes(p) && p !== 'client.json')).toEqual([]);
        } else {
          const scenario = join(work, 'scenario.json');
          await copyFile(join(PROJECT_DIR, 'data/scenarios/apparel-europe.json'), scenario);
          before.push('scenario.json');
          const argv = ['backtest', scenario, file, '--json', ...(c.extra === 1 ? ['--fit-rates'] : []), ...(c.extra === 2 ? ['--mode', 'warehouse'] : [])];
          await tally.run('backtest', argv);
          expect((await listing(work)).filter((p) => !before.includes(p))).toEqual([]);
        }
      }),
      runs(40),
    );
  }, fuzzTimeout());
});
