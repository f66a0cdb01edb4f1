/** The battery texts other areas show (their own catalogue is imported as M there): each from this area's catalogue. */
import type { Text } from '../i18n/index.ts';
import { M } from './messages.ts';

/** Why a parcel lane refuses a battery class. */
export const refusedText = (cls: string, leg: 'direct' | 'warehouseLastMile', country: string): Text => (leg === 'direct' ? M.refusedDirect(cls, country) : M.refusedLastMile(cls, country));
/** Why a head-haul freight option refuses a battery class. */
export const refusedHeadhaulText = (cls: string, freight: string, site: string): Text => M.refusedHeadhaul(cls, freight, site);
/** A rate card's battery cell that cannot be read, and how to fix it. */
export const cardCellProblem = (col: string, cell: string): [Text, Text] => [M.cardCell(col, cell), M.cardCellFix];
/** A scenario SKU with a battery class but `containsLithiumBattery: false`, and how to fix it. */
export const batteryWithoutLithium = (): [Text, Text] => [M.batteryWithoutLithium, M.batteryWithoutLithiumFix];
/** quote --battery: the heading, the JIT ban line, an accepted lane. */
export const quoteBatteryTitle = (cls: string): Text => M.quoteBattery(cls);
export const quoteJitBanned = (): Text => M.quoteJitBanned;
export const quoteAccepted = (leg: string, amount: string, basis: string): Text => M.quoteAccepted(leg, amount, basis);
