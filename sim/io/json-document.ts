/**
 * A JSON file parsed with its positions kept, so that any problem found later (by a schema, a
 * semantic check or a model) can be reported as `file:line:col (JSON pointer)`.
 */
import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { readFile } from 'node:fs/promises';
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
  const errors: ParseError[] = [];
  const root = parseTree(source, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const at = (offset: number, pointer: string): SourceLocation => ({ file, ...lineCol(source, offset), pointer });
  if (errors.length > 0 || root === undefined) {
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
  const value: unknown = getNodeValue(root);
  const locate = (pointer: string): SourceLocation => {
    const segs: (string | number)[] = pointerSegments(pointer).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    for (let n = segs.length; n >= 0; n--) {
      const node = findNodeAtLocation(root, segs.slice(0, n));
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
  };
}

/**
 * Reads and parses a JSON file.
 * @throws {UserInputError} when the file cannot be read; {@link DiagnosticsError} when it is malformed.
 */
export async function readJsonDocument(file: string): Promise<JsonDocument> {
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (cause) {
    throw new UserInputError(
      text(`cannot read ${file}: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}`, `无法读取 ${file}：${(cause as NodeJS.ErrnoException).code ?? String(cause)}`),
      text('check the path and that the file exists', '请检查路径及文件是否存在'),
      { cause, code: 'CANNOT_READ' },
    );
  }
  return parseJsonDocument(file, source.replace(/^\uFEFF/, ''));
}

