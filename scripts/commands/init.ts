/**
 * `jitsim init <folder>`: scaffolds a new client — scenario.json (strict JSON; every field explained
 * in the README beside it), a store profile and a catalogue template for the checks, a rate-card
 * template, and a README. Asks for the essentials on a terminal; takes flags (and defaults from
 * data/modes.json) otherwise. The scenario validates and simulates as written.
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserInputError } from '../../sim/errors.ts';
import type { Lang, Text } from '../../sim/i18n/index.ts';
import { RATE_CARD_COLUMNS } from '../../sim/data/rate-card.ts';
import { loadDataSet } from '../../sim/data/data-set.ts';
import { slug } from '../../reports/render/safe.ts';
import { writeFileAtomic } from '../../reports/render/atomic.ts';
import { EXIT } from '../exit-codes.ts';
import { paint, type Io } from '../io.ts';
import { displayPath, userPath } from './shared.ts';
import { M } from './messages.ts';
import { INIT_README_FIELDS } from './messages.ts';

export interface InitOptions {
  json?: boolean;
  lang: Lang;
  name?: string;
  ordersPerDay?: string;
  destinations?: string;
  category?: string;
  weightKg?: string;
  priceCny?: string;
  unitCostCny?: string;
  months?: string;
  start?: string;
  yes?: boolean;
}

const PROJECT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CATEGORIES = ['apparel', '3c', 'home', 'beauty', 'other'];
const bad = (message: Text, fix: Text) => new UserInputError(message, fix);

function positive(flag: string, v: string): number {
  const x = Number(v);
  if (!(x > 0) || !Number.isFinite(x)) throw bad(M.notPositive(flag, v), M.writeEg(`${flag} 50`));
  return x;
}

/** "ES:0.6,FR:0.4" → destinations with shares summing to 1. */
export function parseDestinations(v: string): { country: string; share: number }[] {
  const out = v.split(',').map((part) => {
    const [cc, share] = part.trim().split(':');
    if (!cc || !/^[A-Za-z]{2}$/.test(cc)) throw bad(M.notCountryShare(part), M.writeEg('ES:0.6,FR:0.4'));
    return { country: cc.toUpperCase(), share: share === undefined ? NaN : Number(share) };
  });
  if (out.length === 1 && Number.isNaN(out[0]!.share)) out[0]!.share = 1;
  const sum = out.reduce((a, d) => a + d.share, 0);
  if (out.some((d) => !(d.share > 0)) || Math.abs(sum - 1) > 1e-6) throw bad(M.sharesNotOne(sum), M.writeEg('ES:0.6,FR:0.4'));
  return out;
}

function nextMonthStart(): string {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
}

export async function run(io: Io, [folderArg]: string[], o: InitOptions): Promise<number> {
  const zh = o.lang === 'zh';
  const folder = userPath(io, folderArg!);
  if (existsSync(folder) && readdirSync(folder).length > 0) throw bad(M.notEmpty(displayPath(io, folder)), M.notEmptyFix);
  const data = await loadDataSet(PROJECT_DIR);
  const num = (k: string) => {
    const p = data.modes.params[k];
    if (!p || typeof p.value !== 'number') throw new Error(`data/modes.json lacks ${k}`);
    return p.value;
  };
  // the essentials: flags first; on a terminal (and without --yes) asked, with the flag or default offered
  const ask = !o.yes && io.ask ? io.ask : undefined;
  const q = async (question: Text, given: string | undefined, def: string) => (ask ? ask(question[o.lang === 'zh' ? 'zh' : 'en'], given ?? def) : (given ?? def));
  const name = await q(M.askName, o.name, basename(folder));
  const opd = positive('--orders-per-day', await q(M.askOrders, o.ordersPerDay, String(num('quoteDailyOrders'))));
  const destinations = parseDestinations(await q(M.askDestinations, o.destinations, 'ES:1'));
  const category = await q(M.askCategory(CATEGORIES), o.category, 'other');
  if (!CATEGORIES.includes(category)) throw bad(M.unknownCategory(category), M.useOneOf(CATEGORIES));
  const weightKg = positive('--weight-kg', await q(M.askWeight, o.weightKg, '0.5'));
  const priceCny = positive('--price-cny', await q(M.askPrice, o.priceCny, String(num('quotePriceCny'))));
  const unitCostCny = positive('--unit-cost-cny', await q(M.askUnitCost, o.unitCostCny, String(num('quoteUnitCostCny'))));
  const months = positive('--months', await q(M.askMonths, o.months, '12'));
  const start = await q(M.askStart, o.start, nextMonthStart());
  if (!/^\d{4}-\d{2}-\d{2}$/.test(start) || Number.isNaN(Date.parse(start))) throw bad(M.notStartDate(start), M.writeEg('--start 2026-01-01'));
  if (!Number.isInteger(months)) throw bad(M.monthsNotWhole(months), M.writeEg('--months 12'));

  const r = (x: number) => Math.round(x * 100) / 100;
  const scenario = {
    $schema: relative(folder, join(PROJECT_DIR, 'data', 'schema', 'scenario.schema.json')).split('\\').join('/'),
    name: slug(basename(folder)) || 'client',
    title: name,
    description: M.initDescription(name),
    startDate: start,
    horizonMonths: months,
    newSeller: true,
    demand: {
      ordersPerDay: { dist: 'pert', min: r(opd * 0.75), mode: opd, max: r(opd * 1.3) },
      monthlyGrowth: 0,
    },
    destinations: destinations.map((d) => ({ country: d.country, share: d.share, service: 'standard' })),
    skus: [{ id: 'main-product', category, share: 1, weightKg, unitCostCny, priceCny, jitTagged: true }],
    returns: { jitRate: num('industryReturnRate') },
    sync: { mode: 'api' },
    jit: { designatedBox: false, nonPreferredShare: 0 },
  };
  const readme = clientReadme(name);
  const files = new Map<string, string>([
    ['scenario.json', JSON.stringify(scenario, null, 2) + '\n'],
    ['README.md', readme],
    ['store.json', JSON.stringify({ storeType: 'enterprise', realNameVerified: false, positiveRate90d: 0, disputeRate: 0, providers: [{ name: 'Cainiao', certified: false, integration: 'none' }], failedReviews: 0 }, null, 2) + '\n'],
    ['skus.csv', 'sku,category,jit_tagged,weight_kg,has_composition_label,ce_fcc_cert,medical_cert,contains_lithium_battery\nmain-product,' + category + ',yes,' + weightKg + ',no,no,no,no\n'],
    ['rates/rate-card-template.csv', `${RATE_CARD_COLUMNS.join(',')}\n${destinations.map((d) => `${d.country},0.5,standard,,,,assumption:TEMPLATE — the client's quoted price for ≤ 0.5 kg (fill in price_cny and days, then cite the quote: source:<carrier quote, date>)`).join('\n')}\n`],
  ]);
  // the folder is absent or empty (checked above) and becomes the client's own: plain files, no jitsim marker
  for (const [rel, data] of files) await writeFileAtomic(join(folder, rel), data);
  if (o.json) io.out(JSON.stringify({ ok: true, folder: displayPath(io, folder), files: [...files.keys()].sort() }, null, 2));
  else {
    io.out(`${paint(io, 'green', '✓')} ${displayPath(io, folder)}: ${[...files.keys()].join(', ')}`);
    io.out(M.initNext(displayPath(io, join(folder, 'README.md')), displayPath(io, join(folder, 'scenario.json')))[zh ? 'zh' : 'en']);
  }
  return EXIT.ok;
}

/** The client folder's README: what each file is, and every scenario field explained (scenario.json is strict JSON, without comments). */
function clientReadme(name: string): string {
  return M.initReadme(name, INIT_README_FIELDS.map(([f, en, zhx]) => `| \`${f}\` | ${en} | ${zhx} |`).join('\n')).en;
}
