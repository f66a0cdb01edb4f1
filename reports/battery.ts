/**
 * The report's "Lithium-battery SKUs" section (HTML and Markdown): per mode the share of the demand
 * its lanes refuse (those orders are excluded from the mode and their margin counted as lost) and the
 * battery surcharges it pays; per battery SKU, each mode's lane per destination — accepted with its
 * surcharge, or refused with the reason. Absent when no SKU holds a lithium battery.
 */
import type { Lang, Text } from '../sim/i18n/index.ts';
import type { BatterySummary, BatteryLaneVerdict } from '../sim/battery/summary.ts';
import { MODES, type Mode } from '../sim/engine/layout.ts';
import { MODE_LABEL } from './model.ts';
import { escapeHtml as e } from './render/safe.ts';

const L: Record<string, Text> = {
  title: { en: 'Lithium-battery SKUs', zh: '含锂电池SKU' },
  lead: {
    en: 'SKUs with lithium-ion batteries (UN3481 in or with equipment, UN3480 batteries alone) ship only on lanes that accept their class (data/battery.json, or a client rate card\'s battery columns); what JIT admits is the catalogue rules\' (BAN-1: under the JIT mode these SKUs ship direct). An order a mode\'s lane refuses is excluded from that mode: no fulfilment cost, and its margin (price − unit cost) is counted as lost (component "battery SKUs refused"). Surcharges are per parcel (direct, last mile) or per kg (head-haul). Means per simulation, CNY.',
    zh: '含锂离子电池的SKU（UN3481：装在设备中或随设备；UN3480：单独电池）只能走接受其类别的线路（data/battery.json，或客户运价表的电池列）；JIT 接收什么由目录规则决定（BAN-1：JIT 模式下这些SKU改为直发）。某模式线路拒收的订单不计入该模式：没有履约成本，其毛利（售价 − 货值）计为损失（成本项“电池SKU无线路承运”）。附加费按件（直发、尾程）或按公斤（头程）计。每次模拟均值，单位元。',
  },
  mode: { en: 'Mode', zh: '模式' },
  refusedShare: { en: 'Demand it cannot serve', zh: '无法服务的需求' },
  refusedOrders: { en: 'Orders refused', zh: '拒收订单' },
  margin: { en: 'Lost margin', zh: '损失毛利' },
  surcharge: { en: 'Battery surcharges', zh: '电池附加费' },
  unavailable: { en: 'not available: its lanes refuse every order', zh: '不可用：其线路拒收全部订单' },
  sku: { en: 'SKU', zh: 'SKU' },
  cls: { en: 'Class', zh: '类别' },
  lanes: { en: 'Lanes per destination', zh: '各目的国线路' },
  perParcel: { en: 'CNY/parcel', zh: '元/件' },
  perKg: { en: 'CNY/kg', zh: '元/公斤' },
  jitRules: { en: 'JIT (the catalogue rules admit it)', zh: 'JIT（目录规则允许）' },
};

const LEG: Record<BatteryLaneVerdict['leg'], Text> = { direct: { en: 'direct', zh: '直发' }, jit: { en: 'JIT', zh: 'JIT' }, warehouseLastMile: { en: 'last mile', zh: '尾程' }, warehouseHeadhaul: { en: 'head-haul', zh: '头程' } };
const money = (x: number) => Math.round(x).toLocaleString('en-US');

function verdictText(v: BatteryLaneVerdict, lang: Lang): string {
  if (!v.accepted) return v.reason![lang];
  const unit = v.unit === 'kg' ? L.perKg![lang] : L.perParcel![lang];
  return `${v.destination} ${LEG[v.leg][lang]}${v.freight ? ` ${v.freight}` : ''} +${v.surchargeCny} ${unit}`;
}

function modeRows(b: BatterySummary, lang: Lang, avail: readonly Mode[]): string[][] {
  return MODES.map((m) => {
    const x = b.modes[m];
    const label = MODE_LABEL[m][lang];
    if (!avail.includes(m) && b.unservedShare[m] >= 1 - 1e-9) return [label, L.unavailable![lang], money(x.refusedOrders), money(x.refusedMarginCny), '—'];
    return [label, `${(x.refusedShare * 100).toFixed(1)} %`, money(x.refusedOrders), money(x.refusedMarginCny), money(x.surchargeCny)];
  });
}

/** Battery SKUs listed in the report (every one is in summary.json → battery.skus). */
const SKUS_SHOWN = 12;

function skuRows(b: BatterySummary, lang: Lang): string[][] {
  const rows = b.skus.slice(0, SKUS_SHOWN).flatMap((k) => MODES.map((m) => [k.id, k.battery, MODE_LABEL[m][lang], k.modes[m].map((v) => verdictText(v, lang)).join(lang === 'zh' ? '；' : '; ')]));
  const rest = b.skus.length - SKUS_SHOWN;
  if (rest > 0) rows.push([lang === 'zh' ? `另有 ${rest} 个电池SKU` : `… ${rest} more battery SKUs`, '', '', lang === 'zh' ? '见 summary.json → battery.skus' : 'see summary.json → battery.skus']);
  return rows;
}

export function batteryHtml(b: BatterySummary, lang: Lang, avail: readonly Mode[]): string {
  if (b.skus.length === 0) return '';
  const t = (k: string) => e(L[k]![lang]);
  const head = `<tr><th>${t('mode')}</th><th>${t('refusedShare')}</th><th>${t('refusedOrders')}</th><th>${t('margin')}</th><th>${t('surcharge')}</th></tr>`;
  const body = modeRows(b, lang, avail).map(([a, ...r]) => `<tr><th>${e(a!)}</th>${r.map((c) => `<td>${e(c)}</td>`).join('')}</tr>`).join('\n');
  const skus = skuRows(b, lang).map((r) => `<tr>${r.map((c) => `<td>${e(c)}</td>`).join('')}</tr>`).join('\n');
  return `<h2 id="battery">${t('title')}</h2>
<p class="sub">${t('lead')}</p>
<table class="battery"><thead>${head}</thead><tbody>
${body}
</tbody></table>
<table class="battery-skus"><thead><tr><th>${t('sku')}</th><th>${t('cls')}</th><th>${t('mode')}</th><th>${t('lanes')}</th></tr></thead><tbody>
${skus}
</tbody></table>`;
}

/** `mdText` of reports/markdown.ts, passed in (markdown.ts imports this module). */
export function batteryMarkdown(b: BatterySummary, lang: Lang, mdText: (x: string) => string, avail: readonly Mode[]): string[] {
  if (b.skus.length === 0) return [];
  const t = (k: string) => L[k]![lang];
  return [
    `## ${t('title')}`,
    '',
    mdText(t('lead')),
    '',
    `| ${t('mode')} | ${t('refusedShare')} | ${t('refusedOrders')} | ${t('margin')} | ${t('surcharge')} |`,
    '|---|---:|---:|---:|---:|',
    ...modeRows(b, lang, avail).map((r) => `| ${r.map(mdText).join(' | ')} |`),
    '',
    `| ${t('sku')} | ${t('cls')} | ${t('mode')} | ${t('lanes')} |`,
    '|---|---|---|---|',
    ...skuRows(b, lang).map((r) => `| ${r.map(mdText).join(' | ')} |`),
    '',
  ];
}
