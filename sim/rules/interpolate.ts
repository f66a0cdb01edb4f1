/**
 * Fills `{name}` and `{name:%}` placeholders in rule messages from the rule's `params`, so a text
 * never repeats a number that lives in the conditions (change the param, the text follows).
 */
import type { Text } from '../i18n/index.ts';

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)(:%)?\}/g;

/** Formats a fraction as a percentage without float noise: 0.005 → "0.5%". */
export function percent(rate: number): string {
  return `${Number((rate * 100).toFixed(6))}%`;
}

/**
 * @example interpolate({ en: 'at least {min:%}', zh: '不低于{min:%}' }, { min: 0.95 }) // => { en: 'at least 95%', zh: '不低于95%' }
 */
export function interpolate(t: Text, params: Record<string, number> | undefined): Text {
  const fill = (s: string) => s.replace(PLACEHOLDER, (whole, name: string, pct?: string) => {
    const v = params?.[name];
    return v === undefined ? whole : pct ? percent(v) : String(v);
  });
  return { en: fill(t.en), zh: fill(t.zh) };
}

/** Names of the placeholders a text uses. */
export function placeholders(t: Text): string[] {
  return [...`${t.en}\n${t.zh}`.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}
