/**
 * The one colour map of every chart, keyed by id (mode key, cost-component key), never by label or
 * position: JIT is the same blue and "logistics" the same colour in the English and the Chinese
 * report, for every client and on every page (single reports and comparisons).
 */
import type { ModeKey } from '../model.ts';

export const MODE_COLOR: Readonly<Record<ModeKey, string>> = { jit: '#2563eb', warehouse: '#f59e0b', direct: '#10b981', tpl: '#9333ea' };

/** Cost components (sim/engine/layout.ts, rules/fees.json adjustments): one distinct colour each. */
export const COMPONENT_COLOR: Readonly<Record<string, string>> = {
  baseFee: '#1e3a8a',
  operation: '#3b82f6',
  processing: '#93c5fd',
  logistics: '#0d9488',
  operationDiscount: '#a3e635',
  logisticsDiscount: '#4d7c0f',
  designatedBox: '#84cc16',
  oversize: '#be185d',
  crossWarehouse: '#f472b6',
  returns: '#dc2626',
  routedDirect: '#7c3aed',
  directLogistics: '#a78bfa',
  directReturns: '#fca5a5',
  headhaul: '#92400e',
  lastMile: '#f59e0b',
  staff: '#fcd34d',
  rent: '#78716c',
  system: '#0ea5e9',
  startup: '#111827',
  capital: '#a16207',
  writeOff: '#d6d3d1',
  stockout: '#e11d48',
  inbound: '#155e75',
  storage: '#c2410c',
  longTermStorage: '#7f1d1d',
  pickPack: '#e879f9',
  label: '#4338ca',
  battery: '#facc15',
  batteryRefused: '#57534e',
};

/** Colour of a component id; ids without an entry get a neutral grey (a test keeps the map complete). */
export const componentColor = (id: string): string => COMPONENT_COLOR[id] ?? '#9ca3af';
