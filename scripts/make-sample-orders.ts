#!/usr/bin/env tsx
/**
 * Writes data/samples/orders.csv: a SYNTHETIC order history (not a real client's), generated from
 * the stated true parameters SAMPLE_PARAMS in sim/calibrate/synth.ts with its seed, so that
 * `jitsim calibrate` can be tested against known answers. Destinations are written as ISO codes,
 * English and Chinese names; six bad rows are appended, one per reason calibrate counts (missing
 * weight, negative weight, unknown country, unparsable date, duplicate order id, no rate card).
 *
 *   npx tsx scripts/make-sample-orders.ts [out.csv]
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVICES, bracketIndex, cellIndex } from '../sim/data/rate-card.ts';
import { loadDataSet } from '../sim/data/data-set.ts';
import { SAMPLE_PARAMS, writeSynthOrders } from '../sim/calibrate/synth.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = process.argv[2] ?? join(root, 'data/samples/orders.csv');
const data = await loadDataSet(root);
const card = data.direct;
const std = SERVICES.indexOf('standard');
const price = (cc: string, kg: number) => card.price[cellIndex(card, card.destIndex.get(cc)!, std, bracketIndex(card.brackets, kg))]!;
const lines: string[] = [];
const n = writeSynthOrders(SAMPLE_PARAMS, price, (l) => lines.push(l));
lines.push(
  '8199999999001,2026-03-31 10:00:00,ES,basic-tee,1,,8.10,USD,2.10,no',
  '8199999999002,2026-03-31 10:05:00,FR,basic-tee,1,-0.2,8.10,USD,2.10,no',
  '8199999999003,2026-03-31 10:10:00,Atlantis,basic-tee,1,0.2,8.10,USD,2.10,no',
  '8199999999004,31/13/2026,DE,basic-tee,1,0.2,8.10,USD,2.10,no',
  `${lines[1]!.split(',')[0]},2026-03-31 10:20:00,IT,basic-tee,1,0.2,8.10,USD,2.10,no`,
  '8199999999006,2026-03-31 10:25:00,泰国,basic-tee,1,0.2,8.10,USD,2.10,no',
);
writeFileSync(out, lines.join('\n') + '\n');
console.log(`wrote ${out}: ${n} synthetic orders + 6 bad rows (seed ${SAMPLE_PARAMS.seed})`);
