/**
 * Safe text: the one function through which every piece of user-supplied text passes before it
 * reaches the terminal, Markdown, CSV, SVG, PNG or HTML. Characters that could act on a terminal or
 * make text read differently from what it is are shown as visible escapes (`\u001b`), never emitted:
 * - C0 controls U+0000–U+001F (newline and tab only where the caller allows them) and DEL U+007F,
 * - C1 controls U+0080–U+009F (U+009B is a one-byte CSI on some terminals),
 * - bidirectional overrides, embeddings, isolates and marks: U+202A–U+202E, U+2066–U+2069,
 *   U+200E, U+200F, U+061C,
 * - invisible characters that make two ids look the same: U+200B (zero-width space), U+2060 (word
 *   joiner), U+FEFF (zero-width no-break space), and the line/paragraph separators U+2028, U+2029.
 * The escapes are also valid JSON string escapes, so the function can be applied to JSON text.
 */

/** Every character {@link visible} escapes (newline and tab included; callers may allow them). */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g;
// eslint-disable-next-line no-control-regex
const UNSAFE_TEST = /[\u0000-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff]/;

export interface VisibleOptions {
  /** Control characters the format allows as they are, e.g. `'\n\t'` for Markdown or `'\n\t\r'` for a progress line. Default: none. */
  allow?: string;
}

/** `\u001b` for ESC, `\u202e` for RIGHT-TO-LEFT OVERRIDE. */
export function escapeChar(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * User text made safe to show: control characters, bidirectional controls and invisible characters
 * replaced by visible escapes. Idempotent (its output has none of them).
 * @example visible('SKU\u001b[31m1') // => 'SKU\\u001b[31m1'
 * @example visible('a\nb', { allow: '\n' }) // => 'a\nb'
 */
export function visible(s: string, o: VisibleOptions = {}): string {
  if (!UNSAFE_TEST.test(s)) return s;
  const allow = o.allow ?? '';
  return s.replace(UNSAFE, (c) => (allow.includes(c) ? c : escapeChar(c)));
}

/** Whether `s` holds any character {@link visible} would escape (newline and tab count unless allowed). */
export function hasUnsafeText(s: string, allow = ''): boolean {
  if (!UNSAFE_TEST.test(s)) return false;
  for (const m of s.matchAll(UNSAFE)) if (!allow.includes(m[0])) return true;
  return false;
}

/** The unsafe characters of `s`, each as its escape (`\u001b`), once each in order of appearance. */
export function unsafeChars(s: string, allow = ''): string[] {
  const out = new Set<string>();
  for (const m of s.matchAll(UNSAFE)) if (!allow.includes(m[0])) out.add(escapeChar(m[0]));
  return [...out];
}

/** {@link UNSAFE_TEST} without newline and tab (which {@link terminalSafe} always lets through). */
// eslint-disable-next-line no-control-regex
const UNSAFE_BUT_LAYOUT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff]/;

/** The colour sequences jitsim itself writes (see `paint` in scripts/io.ts): SGR 0, 1, 2, 31, 32, 33. */
// eslint-disable-next-line no-control-regex
const OWN_SGR = /\u001b\[(?:0|1|2|31|32|33)m/g;

/**
 * The final net at the terminal: everything written to stdout or stderr passes here. Newline and
 * tab stay; `\r` only for progress lines (`allowCr`); jitsim's own colour codes only when colours
 * are on. Any other control character — from user text that slipped past {@link visible} — is escaped.
 */
export function terminalSafe(s: string, o: { color: boolean; allowCr?: boolean }): string {
  // newline and tab always stay: a text with nothing else to escape (most output, however long) is returned as it is
  if (!UNSAFE_BUT_LAYOUT.test(s)) return s;
  const allow = o.allowCr ? '\n\t\r' : '\n\t';
  if (!o.color) return visible(s, { allow });
  // keep exactly jitsim's own SGR sequences, escape everything else
  let out = '';
  let last = 0;
  for (const m of s.matchAll(OWN_SGR)) {
    out += visible(s.slice(last, m.index), { allow }) + m[0];
    last = m.index! + m[0].length;
  }
  return out + visible(s.slice(last), { allow });
}

/**
 * A deep copy of `value` with every string (and object key) passed through {@link visible}; for
 * models built from user files. Newline and tab are kept in strings (formats decide about them).
 */
export function visibleDeep<T>(value: T, allow = '\n\t'): T {
  if (typeof value === 'string') return visible(value, { allow }) as T;
  if (Array.isArray(value)) return value.map((v) => visibleDeep(v, allow)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[visible(k)] = visibleDeep(v, allow);
    return out as T;
  }
  return value;
}

/**
 * Neutralises a CSV cell that a spreadsheet would run as a formula (starting with = + - @, or a
 * tab/carriage return) by prefixing a single quote, after making control and bidirectional
 * characters visible (`visible()`). Numbers are written as numbers, untouched.
 * @example csvSafe('=HYPERLINK("http://x")') // => "'=HYPERLINK(\"http://x\")"
 */
export function csvSafe(v: string | number | boolean | null | undefined): string | number | boolean | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') return v;
  const s = visible(v);
  return /^[=+\-@\t\r]/.test(v) ? `'${s}` : s;
}
