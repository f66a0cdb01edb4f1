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
import { text, type Lang } from '../../sim/i18n/index.ts';
import { RATE_CARD_COLUMNS } from '../../sim/data/rate-card.ts';
import { loadDataSet } from '../../sim/data/data-set.ts';
import { slug } from '../../reports/render/safe.ts';
import { writeFileAtomic } from '../../reports/render/atomic.ts';
import { EXIT } from '../exit-codes.ts';
import { paint, type Io } from '../io.ts';
import { displayPath, userPath } from './shared.ts';

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
const bad = (en: string, zh: string, fixEn: string, fixZh: string) => new UserInputError(text(en, zh), text(fixEn, fixZh));

function positive(flag: string, v: string): number {
  const x = Number(v);
  if (!(x > 0) || !Number.isFinite(x)) throw bad(`${flag} ${v} is not a number above 0`, `${flag} ${v} 不是大于 0 的数`, `write e.g. ${flag} 50`, `请写成如 ${flag} 50`);
  return x;
}

/** "ES:0.6,FR:0.4" → destinations with shares summing to 1. */
export function parseDestinations(v: string): { country: string; share: number }[] {
  const out = v.split(',').map((part) => {
    const [cc, share] = part.trim().split(':');
    if (!cc || !/^[A-Za-z]{2}$/.test(cc)) throw bad(`"${part}" is not COUNTRY:SHARE`, `"${part}" 不是 国家:占比`, 'write e.g. ES:0.6,FR:0.4', '请写成如 ES:0.6,FR:0.4');
    return { country: cc.toUpperCase(), share: share === undefined ? NaN : Number(share) };
  });
  if (out.length === 1 && Number.isNaN(out[0]!.share)) out[0]!.share = 1;
  const sum = out.reduce((a, d) => a + d.share, 0);
  if (out.some((d) => !(d.share > 0)) || Math.abs(sum - 1) > 1e-6) throw bad(`destination shares must be above 0 and add up to 1 (they add up to ${sum})`, `目的国占比须大于 0 且合计为 1（当前合计 ${sum}）`, 'write e.g. ES:0.6,FR:0.4', '请写成如 ES:0.6,FR:0.4');
  return out;
}

function nextMonthStart(): string {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
}

export async function run(io: Io, [folderArg]: string[], o: InitOptions): Promise<number> {
  const zh = o.lang === 'zh';
  const folder = userPath(io, folderArg!);
  if (existsSync(folder) && readdirSync(folder).length > 0) throw bad(`${displayPath(io, folder)} is not empty`, `${displayPath(io, folder)} 不是空目录`, 'give a new folder (init never overwrites a client\'s files)', '请指定一个新目录（init 从不覆盖客户文件）');
  const data = await loadDataSet(PROJECT_DIR);
  const num = (k: string) => {
    const p = data.modes.params[k];
    if (!p || typeof p.value !== 'number') throw new Error(`data/modes.json lacks ${k}`);
    return p.value;
  };
  // the essentials: flags first; on a terminal (and without --yes) asked, with the flag or default offered
  const ask = !o.yes && io.ask ? io.ask : undefined;
  const q = async (en: string, zhq: string, given: string | undefined, def: string) => (ask ? ask(zh ? zhq : en, given ?? def) : (given ?? def));
  const name = await q('Client name:', '客户名称：', o.name, basename(folder));
  const opd = positive('--orders-per-day', await q('Orders per day today:', '当前日订单量：', o.ordersPerDay, String(num('quoteDailyOrders'))));
  const destinations = parseDestinations(await q('Destinations with shares (e.g. ES:0.6,FR:0.4):', '目的国及占比（如 ES:0.6,FR:0.4）：', o.destinations, 'ES:1'));
  const category = await q(`Main category (${CATEGORIES.join(', ')}):`, `主营类目（${CATEGORIES.join('、')}）：`, o.category, 'other');
  if (!CATEGORIES.includes(category)) throw bad(`unknown category "${category}"`, `未知类目 "${category}"`, `use one of: ${CATEGORIES.join(', ')}`, `请使用以下之一：${CATEGORIES.join('、')}`);
  const weightKg = positive('--weight-kg', await q('Typical parcel weight, kg:', '典型包裹重量（千克）：', o.weightKg, '0.5'));
  const priceCny = positive('--price-cny', await q('Typical selling price, CNY:', '典型售价（元）：', o.priceCny, String(num('quotePriceCny'))));
  const unitCostCny = positive('--unit-cost-cny', await q('Typical unit cost, CNY:', '典型单件成本（元）：', o.unitCostCny, String(num('quoteUnitCostCny'))));
  const months = positive('--months', await q('Horizon, months:', '模拟期（月）：', o.months, '12'));
  const start = await q('Start date (YYYY-MM-DD):', '开始日期（YYYY-MM-DD）：', o.start, nextMonthStart());
  if (!/^\d{4}-\d{2}-\d{2}$/.test(start) || Number.isNaN(Date.parse(start))) throw bad(`"${start}" is not a date YYYY-MM-DD`, `"${start}" 不是 YYYY-MM-DD 格式的日期`, 'write e.g. --start 2026-01-01', '请写成如 --start 2026-01-01');
  if (!Number.isInteger(months)) throw bad(`--months ${months} is not a whole number`, `--months ${months} 不是整数`, 'write e.g. --months 12', '请写成如 --months 12');

  const r = (x: number) => Math.round(x * 100) / 100;
  const scenario = {
    $schema: relative(folder, join(PROJECT_DIR, 'data', 'schema', 'scenario.schema.json')).split('\\').join('/'),
    name: slug(basename(folder)) || 'client',
    title: name,
    description: { en: `${name}: first draft made by jitsim init — replace every figure marked in README.md with the client's own.`, zh: `${name}：由 jitsim init 生成的初稿——请按 README.md 将各项数字换成客户自己的数据。` },
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
  const readme = clientReadme(name, scenario.name);
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
    io.out(zh ? `下一步：阅读 ${displayPath(io, join(folder, 'README.md'))}，然后运行 jitsim simulate ${displayPath(io, join(folder, 'scenario.json'))}` : `Next: read ${displayPath(io, join(folder, 'README.md'))}, then run jitsim simulate ${displayPath(io, join(folder, 'scenario.json'))}`);
  }
  return EXIT.ok;
}

/** The client folder's README: what each file is, and every scenario field explained (scenario.json is strict JSON, without comments). */
function clientReadme(name: string, id: string): string {
  const fields: [string, string, string][] = [
    ['name', 'Short id of the scenario (report folder name).', '场景简称（报告目录名）。'],
    ['title', 'Client name shown as the report title.', '报告标题中的客户名称。'],
    ['description.en / .zh', 'One paragraph on the client, in both languages; shown under the title.', '客户简介（中英文），显示在标题下。'],
    ['startDate', 'First simulated day (YYYY-MM-DD).', '模拟首日（YYYY-MM-DD）。'],
    ['horizonMonths', 'Months simulated.', '模拟月数。'],
    ['newSeller', 'true for a store new to JIT: the first month\'s base fee is waived (FEE-A1).', '新开通JIT的店铺为 true：首月免基础服务费（FEE-A1）。'],
    ['demand.ordersPerDay', 'Orders per day today. Drafted as PERT (−25 % / today / +30 %): replace the spread with the client\'s own range.', '当前日订单量。初稿为 PERT（−25% / 当前 / +30%）：请换成客户自己的区间。'],
    ['demand.monthlyGrowth', 'Growth per month as a fraction (0.03 = 3 %). Drafted as 0.', '月增长率（0.03 = 3%）。初稿为 0。'],
    ['demand.weekly / yearly / dispersion', 'Optional: 7 weekday factors, 12 month factors, day-to-day over-dispersion.', '可选：7个周内系数、12个月度系数、逐日离散度。'],
    ['destinations[]', 'Countries (ISO codes), share of orders (adding up to 1), service economy | standard | express.', '目的国（ISO 代码）、订单占比（合计为 1）、服务等级 economy | standard | express。'],
    ['skus[]', 'Products: id, category, share of orders, weightKg, unitCostCny, priceCny, jitTagged; optional volumeLitres, oversize, certificates. Any number may be a distribution.', '商品：编号、类目、订单占比、重量、单件成本、售价、是否已打JIT标；可选体积、超尺寸、认证。任何数字都可写成分布。'],
    ['returns.jitRate', 'The client\'s return rate under JIT. Drafted as the industry average from data/modes.json (industryReturnRate, [ENABLE]).', '客户在JIT下的退货率。初稿取 data/modes.json 的行业均值（industryReturnRate，[ENABLE]）。'],
    ['sync.mode', '"api" (ERP/API, real time) or "manual" with sync.uploadIntervalHours (routes some days SYNC-LATE).', '"api"（ERP/API 实时）或 "manual"（需填 sync.uploadIntervalHours，部分日期会 SYNC-LATE）。'],
    ['jit.designatedBox', 'true when parcels go in the designated JIT box (DSC-2 rebate).', '使用指定JIT箱型时为 true（DSC-2 减免）。'],
    ['jit.nonPreferredShare', 'Share of orders routed to a non-preferred JIT warehouse (SUR-2). Drafted as 0.', '分配至非优选仓的订单占比（SUR-2）。初稿为 0。'],
    ['store (optional)', 'The store profile; without it admission is not checked. Same fields as store.json.', '店铺资料；不填则不检查准入。字段同 store.json。'],
    ['warehouse.sites (optional)', 'Self-run warehouse sites and the countries each serves, e.g. {"PL": ["PL","DE"]}.', '自营仓及其覆盖国家，如 {"PL": ["PL","DE"]}。'],
    ['overrides (optional)', 'Replace a shipped figure of data/modes.json or data/warehouse.json with the client\'s, e.g. "warehouse.ES.rentCnyPerM3Month": 40; the report shows both.', '用客户数据替换 data/ 中的内置数字，如 "warehouse.ES.rentCnyPerM3Month": 40；报告会并列显示。'],
  ];
  return `# ${name}

Client folder made by \`jitsim init\`. 由 \`jitsim init\` 生成的客户目录。

| file | what it is | 说明 |
|---|---|---|
| \`scenario.json\` | the simulation scenario (strict JSON; fields explained below) | 模拟场景（严格 JSON，字段说明见下） |
| \`store.json\` | store profile template for \`jitsim check store\` — fill in the client's figures | 店铺资料模板，用于 \`jitsim check store\`，请填入客户数据 |
| \`skus.csv\` | catalogue template for \`jitsim check catalog\` — one row per SKU | 商品目录模板，用于 \`jitsim check catalog\`，每个SKU一行 |
| \`rates/rate-card-template.csv\` | the client's quoted rates, one row per lane and weight bracket, each with its basis (\`source:\` quote and date) | 客户的报价运价表：每条线路、每个重量段一行，注明依据 |

Run / 运行:

\`\`\`sh
npx jitsim simulate ${id === '' ? 'scenario.json' : 'scenario.json'} --trials 2000
npx jitsim report scenario.json --format pdf,xlsx
npx jitsim check store store.json --lang zh
npx jitsim check catalog skus.csv
\`\`\`

## scenario.json, field by field / 逐字段说明

| field | meaning | 含义 |
|---|---|---|
${fields.map(([f, en, zhx]) => `| \`${f}\` | ${en} | ${zhx} |`).join('\n')}

Any number may be a distribution: \`{ "dist": "pert", "min": 40, "mode": 60, "max": 90 }\`, \`uniform\` (min, max),
\`triangular\`, \`normal\` (mean, sd), \`lognormal\`, \`discrete\` (values, weights). 任何数字都可写成分布。
The full schema: \`data/schema/scenario.schema.json\` of jitsim (your editor validates while you type through \`$schema\`).
`;
}
