/**
 * The smallest text change that turns a JSON file's value into another value, made with jsonc-parser
 * `modify` + `applyEdits`: only the leaves that differ are rewritten, so formatting, key order and
 * the rest of the file stay byte for byte (one changed number is a one-line git diff).
 */
import { applyEdits, findNodeAtLocation, modify, parseTree, type FormattingOptions, type JSONPath } from 'jsonc-parser';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Indentation and line ending of a file, guessed from its text (two spaces and \n by default). */
export function formattingOf(source: string): FormattingOptions {
  const indent = /\n([ \t]+)\S/.exec(source)?.[1] ?? '  ';
  return { insertSpaces: !indent.startsWith('\t'), tabSize: indent.startsWith('\t') ? 1 : indent.length, eol: source.includes('\r\n') ? '\r\n' : '\n' };
}

/** Every path whose value must be rewritten to go from `a` to `b` (deepest possible, in document order). */
export interface PathEdit {
  path: JSONPath;
  value: unknown;
  /** Insert `value` at this array index (the later items move up). */
  insert?: boolean;
}

export function changedPaths(a: unknown, b: unknown, path: JSONPath = []): PathEdit[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  if (isObject(a) && isObject(b)) {
    const out: PathEdit[] = [];
    for (const k of Object.keys(a)) out.push(...(Object.hasOwn(b, k) ? changedPaths(a[k], b[k], [...path, k]) : [{ path: [...path, k], value: undefined }]));
    for (const k of Object.keys(b)) if (!Object.hasOwn(a, k)) out.push({ path: [...path, k], value: b[k] });
    return out;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length === b.length) return a.flatMap((x, i) => changedPaths(x, b[i], [...path, i]));
    // rows added or removed: keep the equal rows at both ends, edit the rows in between in place,
    // then insert or remove the rest (the other rows keep their text)
    const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
    let pre = 0;
    while (pre < a.length && pre < b.length && same(a[pre], b[pre])) pre++;
    let suf = 0;
    while (suf < a.length - pre && suf < b.length - pre && same(a[a.length - 1 - suf], b[b.length - 1 - suf])) suf++;
    const ma = a.length - pre - suf;
    const mb = b.length - pre - suf;
    const out: PathEdit[] = [];
    for (let i = 0; i < Math.min(ma, mb); i++) out.push(...changedPaths(a[pre + i], b[pre + i], [...path, pre + i]));
    for (let i = Math.min(ma, mb); i < ma; i++) out.push({ path: [...path, pre + Math.min(ma, mb)], value: undefined });
    for (let i = Math.min(ma, mb); i < mb; i++) out.push({ path: [...path, pre + i], value: b[pre + i], insert: true });
    return out;
  }
  return [{ path, value: b }];
}

/**
 * The text of `source` (whose parsed value is `before`) changed so that it parses to `after`,
 * touching only what differs. Returns `source` unchanged when the values are equal.
 */
export function minimalEdit(source: string, before: unknown, after: unknown): string {
  const formattingOptions = formattingOf(source);
  let out = source;
  for (const { path, value, insert } of changedPaths(before, after)) {
    const index = path[path.length - 1];
    if (value === undefined && typeof index === 'number') {
      const next = removeItem(out, path.slice(0, -1), index);
      if (next !== null) {
        out = next;
        continue;
      }
    }
    if (insert && typeof index === 'number' && index > 0) {
      const next = insertAfter(out, path.slice(0, -1), index - 1, value, formattingOptions);
      if (next !== null) {
        out = next;
        continue;
      }
    }
    if (path.length === 0) return JSON.stringify(after, null, formattingOptions.insertSpaces ? formattingOptions.tabSize : '\t') + formattingOptions.eol!;
    // a removal is not re-formatted (formatting would reach into the neighbouring rows)
    out = applyEdits(out, modify(out, path, value, value === undefined ? {} : { formattingOptions, isArrayInsertion: insert === true }));
  }
  return out;
}

/** A value on one line, in the style of the rule files: `{ "fromLitres": 30, "toLitres": null }`. */
function inline(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(inline).join(', ')}]`;
  if (isObject(v)) {
    const entries = Object.entries(v);
    return entries.length ? `{ ${entries.map(([k, x]) => `${JSON.stringify(k)}: ${inline(x)}`).join(', ')} }` : '{}';
  }
  return JSON.stringify(v);
}

/**
 * Inserts `value` after item `prevIndex` of the array at `arrayPath`, in the style of that item
 * (on its own line with the same indentation, on one line when the item is on one line), leaving
 * every other line as it was. Null when the item cannot be found.
 */
function insertAfter(source: string, arrayPath: JSONPath, prevIndex: number, value: unknown, f: FormattingOptions): string | null {
  const prev = findNodeAtLocation(parseTree(source)!, [...arrayPath, prevIndex]);
  if (!prev) return null;
  const end = prev.offset + prev.length;
  const lineStart = source.lastIndexOf('\n', prev.offset - 1) + 1;
  const before = source.slice(lineStart, prev.offset);
  const prevText = source.slice(prev.offset, end);
  const ownLine = before.trim() === '';
  const indent = ownLine ? before : '';
  const unit = f.insertSpaces ? ' '.repeat(f.tabSize ?? 2) : '\t';
  const text = !prevText.includes('\n') ? inline(value) : JSON.stringify(value, null, unit).replace(/\n/g, `${f.eol ?? '\n'}${indent}`);
  return `${source.slice(0, end)}${ownLine ? `,${f.eol ?? '\n'}${indent}` : ', '}${text}${source.slice(end)}`;
}

/**
 * Removes item `index` of the array at `arrayPath` with its separating comma (jsonc-parser's
 * removal of a last item assumes a line break before the closing bracket).
 */
function removeItem(source: string, arrayPath: JSONPath, index: number): string | null {
  const arr = findNodeAtLocation(parseTree(source)!, arrayPath);
  const items = arr?.children;
  const item = items?.[index];
  if (!arr || arr.type !== 'array' || !items || !item) return null;
  const next = items[index + 1];
  const prev = items[index - 1];
  const [from, to] = next ? [item.offset, next.offset] : prev ? [prev.offset + prev.length, item.offset + item.length] : [arr.offset + 1, arr.offset + arr.length - 1];
  return source.slice(0, from) + source.slice(to);
}
