/**
 * The smallest text change that turns a JSON file's value into another value, made with jsonc-parser
 * `modify` + `applyEdits`: only the leaves that differ are rewritten, so formatting, key order and
 * the rest of the file stay byte for byte (one changed number is a one-line git diff).
 */
import { applyEdits, modify, type FormattingOptions, type JSONPath } from 'jsonc-parser';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Indentation and line ending of a file, guessed from its text (two spaces and \n by default). */
export function formattingOf(source: string): FormattingOptions {
  const indent = /\n([ \t]+)\S/.exec(source)?.[1] ?? '  ';
  return { insertSpaces: !indent.startsWith('\t'), tabSize: indent.startsWith('\t') ? 1 : indent.length, eol: source.includes('\r\n') ? '\r\n' : '\n' };
}

/** Every path whose value must be rewritten to go from `a` to `b` (deepest possible, in document order). */
export function changedPaths(a: unknown, b: unknown, path: JSONPath = []): { path: JSONPath; value: unknown }[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  if (isObject(a) && isObject(b)) {
    const out: { path: JSONPath; value: unknown }[] = [];
    for (const k of Object.keys(a)) out.push(...(k in b ? changedPaths(a[k], b[k], [...path, k]) : [{ path: [...path, k], value: undefined }]));
    for (const k of Object.keys(b)) if (!(k in a)) out.push({ path: [...path, k], value: b[k] });
    return out;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) return a.flatMap((x, i) => changedPaths(x, b[i], [...path, i]));
  // a different length (a row added, removed or moved): the array is rewritten as a whole
  return [{ path, value: b }];
}

/**
 * The text of `source` (whose parsed value is `before`) changed so that it parses to `after`,
 * touching only what differs. Returns `source` unchanged when the values are equal.
 */
export function minimalEdit(source: string, before: unknown, after: unknown): string {
  const formattingOptions = formattingOf(source);
  let out = source;
  for (const { path, value } of changedPaths(before, after)) {
    if (path.length === 0) return JSON.stringify(after, null, formattingOptions.insertSpaces ? formattingOptions.tabSize : '\t') + formattingOptions.eol!;
    out = applyEdits(out, modify(out, path, value, { formattingOptions }));
  }
  return out;
}
