/**
 * A JSON file parsed with its positions kept, so that any problem found later (by a schema, a
 * semantic check or a model) can be reported as `file:line:col (JSON pointer)`.
 */
import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { readFile, stat } from 'node:fs/promises';
import { MAX_JSON_BYTES, MAX_JSON_DEPTH, megabytes } from './limits.ts';
import { DiagnosticsError, UserInputError, type Diagnostic, type SourceLocation } from '../errors.ts';
import { text, type Text } from '../i18n/index.ts';

/** A parsed JSON file: its value, and a way back from a JSON pointer to a line and column. */
export interface JsonDocument {
  /** Path as given by the caller, used in every message. */
  file: string;
  value: unknown;
  /** Location of the value at `pointer`; falls back to the nearest existing parent. */
  locate(pointer: string): SourceLocation;
  /** A located diagnostic at `pointer`. */
  diag(pointer: string, message: Text, remedy: Text, severity?: 'error' | 'warning'): Diagnostic;
  /**
   * Numbers written in the file that are not finite once parsed (`1e309`, `-1e309` become ±Infinity):
   * their pointer and text as written. Schema validation reports them with the field's allowed range.
   */
  nonFinite: { pointer: string; raw: string }[];
}

/**
 * The first place where arrays/objects nest deeper than `max`, as a character offset (outside strings);
 * -1 when the text stays within it. Checked before parsing, so a 100,000-deep file cannot overflow the stack.
 */
export function tooDeepAt(source: string, max = MAX_JSON_DEPTH): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) return i;
    } else if (c === 125 || c === 93) depth--;
  }
  return -1;
}

/** Splits an RFC 6901 pointer into its segments. `''` is the whole document. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Joins segments into an RFC 6901 pointer. */
export function toPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** 1-based line and column of a character offset. */
export function lineCol(source: string, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < source.length; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, col: offset - start + 1 };
}

const PARSE_HINTS: Record<string, Text> = {
  CommaExpected: text('add the missing comma between two values or properties', '在两个值或属性之间补上逗号'),
  PropertyNameExpected: text('property names must be double-quoted strings; remove a trailing comma if there is one', '属性名必须用双引号；如有多余的结尾逗号请删除'),
  ValueExpected: text('write a value here (a number, "string", true/false, null, an object or an array); remove a trailing comma if there is one', '此处需要一个值；如有多余的结尾逗号请删除'),
  InvalidCommentToken: text('JSON has no comments: remove it, or put the note in a "description" field', 'JSON 不支持注释：请删除，或写进 "description" 字段'),
  InvalidSymbol: text('check quotes and brackets around this point: strings use double quotes', '检查此处附近的引号和括号：字符串须用双引号'),
};

function parseErrorMessage(e: ParseError): Diagnostic['message'] {
  const code = printParseErrorCode(e.error);
  return text(`malformed JSON: ${code}`, `JSON 格式错误：${code}`);
}

/**
 * Parses JSON text strictly (no comments, no trailing commas).
 * @throws {DiagnosticsError} with every syntax error located, if the text is not valid JSON.
 */
export function parseJsonDocument(file: string, source: string): JsonDocument {
  const deep = tooDeepAt(source);
  if (deep >= 0) {
    throw new DiagnosticsError([
      {
        location: { file, ...lineCol(source, deep), pointer: '' },
        message: text(`arrays and objects nest deeper than ${MAX_JSON_DEPTH} levels here`, `数组与对象在此处嵌套超过 ${MAX_JSON_DEPTH} 层`),
        remedy: text(`jitsim reads JSON nested at most ${MAX_JSON_DEPTH} levels deep; flatten the structure (its own files need fewer than 12)`, `jitsim 只读取最多 ${MAX_JSON_DEPTH} 层嵌套的 JSON；请减少嵌套（jitsim 自己的文件不到 12 层）`),
        severity: 'error',
      },
    ]);
  }
  // line starts, found once when the first location is asked for: a catalogue of thousands of SKUs
  // locates every SKU (a scan from the start of the text per location would grow with its square)
  let starts: Int32Array | null = null;
  const at = (offset: number, pointer: string): SourceLocation => {
    if (!starts) {
      const s = [0];
      for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) s.push(i + 1);
      starts = Int32Array.from(s);
    }
    const off = Math.max(0, Math.min(offset, source.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= off) lo = mid;
      else hi = mid - 1;
    }
    return { file, line: lo + 1, col: offset - starts[lo]! + 1, pointer };
  };
  // Fast path: valid JSON is parsed natively and the position tree is only built when a problem
  // has to be located (most files are valid, and most runs never locate anything).
  let value: unknown;
  let root: ReturnType<typeof parseTree>;
  try {
    value = JSON.parse(source);
  } catch {
    root = undefined;
  }
  const tree = () => (root ??= parseTree(source, [], { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false }));
  const errors: ParseError[] = [];
  if (value === undefined) {
    root = parseTree(source, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    if (root !== undefined && errors.length === 0) value = getNodeValue(root);
  }
  if (value === undefined) {
    const diagnostics = errors.map((e) => ({
      location: at(e.offset, ''),
      message: parseErrorMessage(e),
      remedy: PARSE_HINTS[printParseErrorCode(e.error)] ?? text('fix the JSON syntax at this point', '修正此处的 JSON 语法'),
      severity: 'error' as const,
    }));
    if (diagnostics.length === 0) {
      diagnostics.push({ location: at(0, ''), message: text('the file is empty', '文件为空'), remedy: text('write a JSON object', '请写入一个 JSON 对象'), severity: 'error' });
    }
    throw new DiagnosticsError(diagnostics);
  }
  // A member named "__proto__" becomes an own property under JSON.parse, but any code that copies
  // or indexes the object (`{...o}`, `o[k] = v`) turns it into the object's prototype. No jitsim file
  // has such a key: refuse it, located, instead of letting it reach the model.
  if (source.includes('__proto__') || source.includes('\\u')) {
    const protoAt: string[] = [];
    const find = (v: unknown, path: (string | number)[]) => {
      if (v === null || typeof v !== 'object' || protoAt.length >= 20) return;
      if (Array.isArray(v)) v.forEach((x, i) => find(x, [...path, i]));
      else
        for (const k of Object.keys(v)) {
          if (k === '__proto__') protoAt.push(toPointer([...path, k]));
          else find((v as Record<string, unknown>)[k], [...path, k]);
        }
    };
    find(value, []);
    if (protoAt.length) {
      const top = tree();
      throw new DiagnosticsError(
        protoAt.map((pointer) => {
          const segs = pointerSegments(pointer).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
          const node = top ? findNodeAtLocation(top, segs) : undefined;
          const target = node?.parent?.type === 'property' && node.parent.children?.[0] ? node.parent.children[0] : node;
          return {
            location: at(target?.offset ?? 0, pointer),
            message: text('a member named "__proto__" is not allowed', '不允许名为 "__proto__" 的成员'),
            remedy: text('remove this member (no jitsim file uses that name)', '请删除该成员（jitsim 的文件都不使用这个名称）'),
            severity: 'error' as const,
          };
        }),
      );
    }
  }
  // 1e309 parses as Infinity: remember where, so that schema validation can refuse it with the field's range
  // (the position tree is only built when the value holds such a number)
  const nonFinite: JsonDocument['nonFinite'] = [];
  const hasNonFinite = (v: unknown): boolean => (typeof v === 'number' ? !Number.isFinite(v) : v !== null && typeof v === 'object' ? Object.values(v).some(hasNonFinite) : false);
  const walk = (node: Node, path: (string | number)[]) => {
    if (node.type === 'number' && !Number.isFinite(node.value as number)) nonFinite.push({ pointer: toPointer(path), raw: source.slice(node.offset, node.offset + node.length) });
    else if (node.type === 'array') node.children?.forEach((c, i) => walk(c, [...path, i]));
    else if (node.type === 'object') for (const p of node.children ?? []) if (p.children?.[0] && p.children[1]) walk(p.children[1], [...path, p.children[0].value as string]);
  };
  if (hasNonFinite(value)) {
    const top = tree();
    if (top) walk(top, []);
  }
  const locate = (pointer: string): SourceLocation => {
    const segs: (string | number)[] = pointerSegments(pointer).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    const top = tree();
    if (!top) return at(0, pointer);
    for (let n = segs.length; n >= 0; n--) {
      const node = findNodeAtLocation(top, segs.slice(0, n));
      if (node) {
        // point at the property name for object members, so the line is the one the editor sees
        const target = node.parent?.type === 'property' && node.parent.children?.[0] ? node.parent.children[0] : node;
        return at(target.offset, pointer);
      }
    }
    return at(0, pointer);
  };
  return {
    file,
    value,
    locate,
    diag: (pointer, message, remedy, severity = 'error') => ({ location: locate(pointer), message, remedy, severity }),
    nonFinite,
  };
}

/**
 * Reads and parses a JSON file.
 * @throws {UserInputError} when the file cannot be read; {@link DiagnosticsError} when it is malformed.
 */
export async function readJsonDocument(file: string): Promise<JsonDocument> {
  let source: string;
  try {
    const size = (await stat(file)).size;
    if (size > MAX_JSON_BYTES)
      throw new DiagnosticsError([{ location: { file, line: 1, col: 1, pointer: '' }, message: text(`the file is ${megabytes(size)}, above the ${megabytes(MAX_JSON_BYTES)} limit for JSON input`, `文件大小 ${megabytes(size)}，超过 JSON 输入 ${megabytes(MAX_JSON_BYTES)} 的上限`), remedy: text('check that this is the right file; split very large inputs', '请确认文件是否正确；过大的输入请拆分'), severity: 'error' }]);
    source = await readFile(file, 'utf8');
  } catch (cause) {
    if (cause instanceof DiagnosticsError) throw cause;
    throw new UserInputError(
      text(`cannot read ${file}: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}`, `无法读取 ${file}：${(cause as NodeJS.ErrnoException).code ?? String(cause)}`),
      text('check the path and that the file exists', '请检查路径及文件是否存在'),
      { cause, code: 'CANNOT_READ' },
    );
  }
  return parseJsonDocument(file, source.replace(/^\uFEFF/, ''));
}

