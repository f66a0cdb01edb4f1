/**
 * Why a mode is not recommended, in words (sim/landed/summary.ts `recommend`): one sentence per
 * reason from the inventory catalogue, so the simulate summary, --json and every report say the same.
 */
import type { Text } from '../i18n/index.ts';
import { M } from './messages.ts';

type Name = { en: string; zh: string };
const pct1 = (x: number) => `${(x * 100).toFixed(1)} %`;

export const exclusionText = {
  switchedOff: (mode: Name): Text => M.exSwitchedOff(mode),
  ineligible: (mode: Name): Text => M.exIneligible(mode),
  serviceLevel: (mode: Name, percentile: number, days: number, maxDays: number): Text => M.exServiceLevel(mode, Math.round(percentile * 100), days, maxDays),
  stockouts: (mode: Name, fillRate: number, minFillRate: number): Text => M.exStockouts(mode, pct1(fillRate), pct1(minFillRate)),
};
