/**
 * Message catalogues: the user-facing texts of one area (e.g. the CLI commands) in one file, so a
 * translator edits one file and the code that prints them stays short. An entry is a {@link Text}
 * or a function of the values it shows, declared with {@link msg} together with sample values, so
 * a test (sim/i18n/catalogue.test.ts) can render every entry and check that both languages are
 * there and show every value.
 */
import type { Text } from './text.ts';

/** A message that shows values, with sample values to render it in tests. */
export type MessageFn<A extends unknown[] = any[]> = ((...args: A) => Text) & { readonly sample: A };
export type Message = Text | MessageFn;

/**
 * A message showing values. @example msg((n: number) => text(`${n} SKUs`, `${n} 个SKU`), 12)
 */
export function msg<A extends unknown[]>(f: (...args: A) => Text, ...sample: NoInfer<A>): MessageFn<A> {
  return Object.assign(f, { sample });
}

const areas = new Map<string, Readonly<Record<string, Message>>>();

/** Registers the catalogue of an area (e.g. `commands`) and returns it as is (typed entries). */
export function defineMessages<T extends Record<string, Message>>(area: string, entries: T): T {
  areas.set(area, entries);
  return entries;
}

/** The catalogues registered so far (those whose modules were imported), by area. */
export function messageAreas(): ReadonlyMap<string, Readonly<Record<string, Message>>> {
  return areas;
}
