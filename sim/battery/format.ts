/** The lines the simulate summary prints about lithium-battery SKUs (refused demand per mode, surcharges). */
import type { Lang } from '../i18n/index.ts';
import { MODES, type Mode } from '../engine/layout.ts';
import type { BatterySummary } from './summary.ts';
import { M } from './messages.ts';

const money = (x: number) => Math.round(x).toLocaleString('en-US');

/** One line per mode that cannot serve part of the demand, one for a mode that can serve none, then the surcharges. */
export function batteryLines(b: BatterySummary | undefined, available: readonly Mode[], off: readonly Mode[], label: Record<Mode, Record<Lang, string>>, lang: Lang): { text: string; warn: boolean }[] {
  if (!b || b.skus.length === 0) return [];
  const out: { text: string; warn: boolean }[] = [];
  const reasonOf = (m: Mode) => {
    for (const k of b.skus) for (const v of k.modes[m]) if (v.reason) return `${k.id}: ${v.reason[lang]}`;
    return '';
  };
  for (const m of MODES) {
    if (off.includes(m)) continue;
    const x = b.modes[m];
    if (!available.includes(m) && b.unservedShare[m] >= 1 - 1e-9) out.push({ text: M.simUnavailable(label[m][lang], reasonOf(m))[lang], warn: true });
    else if (x.refusedOrders > 0) out.push({ text: M.simRefused(label[m][lang], `${(x.refusedShare * 100).toFixed(1)} %`, money(x.refusedOrders), money(x.refusedMarginCny), reasonOf(m))[lang], warn: true });
  }
  const list = MODES.filter((m) => available.includes(m)).map((m) => `${label[m][lang]} ${money(b.modes[m].surchargeCny)}`);
  if (list.length) out.push({ text: M.simSurcharges(list.join(', '))[lang], warn: false });
  return out;
}
