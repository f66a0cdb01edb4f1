/**
 * A simulation result must hold finite figures only. Inputs are checked to be finite and in range
 * when they are read, so a NaN or an Infinity here is a bug in jitsim: it stops the run (exit 3)
 * before anything is printed as a cost or a probability.
 */
import { JitsimError } from '../errors.ts';

/** The JSON pointers of every non-finite number in `value` (arrays, typed arrays and plain objects). */
export function nonFinitePointers(value: unknown, at = '', out: string[] = [], limit = 10): string[] {
  if (out.length >= limit) return out;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) out.push(at || '/');
  } else if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const a = value as unknown as ArrayLike<number | bigint>;
    for (let i = 0; i < a.length && out.length < limit; i++) {
      const x = a[i]!;
      if (typeof x === 'number' && !Number.isFinite(x)) out.push(`${at}/${i}`);
    }
  } else if (Array.isArray(value)) value.forEach((v, i) => nonFinitePointers(v, `${at}/${i}`, out, limit));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) nonFinitePointers(v, `${at}/${k}`, out, limit);
  return out;
}

/**
 * @throws {JitsimError} `NON_FINITE_RESULT` (exit 3, an internal error) naming where the first
 * non-finite figures are.
 */
export function assertFiniteResult(what: string, value: unknown): void {
  const bad = nonFinitePointers(value);
  if (bad.length) throw new JitsimError('NON_FINITE_RESULT', `the ${what} holds non-finite figures (NaN or Infinity) at ${bad.join(', ')}${bad.length >= 10 ? ' …' : ''}; the inputs were accepted as finite, so this is a bug — nothing was printed or written`);
}
