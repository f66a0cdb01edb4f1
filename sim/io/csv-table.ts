/**
 * CSV input with every cell located: `file:line:col (row N, column name)`. Typed cell readers
 * collect problems instead of throwing, so a user sees every bad cell at once.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { readFile, stat } from 'node:fs/promises';
import { MAX_CSV_BYTES, megabytes } from './limits.ts';
import { DiagnosticsError, UserInputError, type Diagnostic } from '../errors.ts';
import { text, type Text } from '../i18n/index.ts';
import { cacheGet, cacheKey, cacheSet } from './cache.ts';

/** A parsed CSV file: header, rows (as strings) with their line numbers, and located diagnostics. */
export interface CsvTable {
  file: string;
  header: string[];
  rows: { line: number; cells: string[] }[];
}

/**
 * Parses CSV text (UTF-8, optional BOM, header row first, empty lines skipped).
 * @throws {DiagnosticsError} when the text is not well-formed CSV, or a required column is missing.
 */
export function parseCsvTable(file: string, source: string, required: readonly string[] = []): CsvTable {
  // a file parsed before (same text, same required columns) comes from the cache
  const key = cacheKey('csv-table', source, required.join(','));
  const hit = cacheGet<Omit<CsvTable, 'file'>>(key);
  if (hit) return { file, header: hit.header, rows: hit.rows };
  const table = parseCsvSource(file, source, required);
  cacheSet(key, { header: table.header, rows: table.rows });
  return table;
}

function parseCsvSource(file: string, source: string, required: readonly string[]): CsvTable {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(source, { bom: true, info: true, skip_empty_lines: true, trim: true, relax_column_count: false }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    if (e instanceof CsvError) {
      const line = (e as CsvError & { lines?: number }).lines ?? 1;
      throw new DiagnosticsError([
        {
          location: { file, line, col: 1, pointer: `row ${line}` },
          message: text(`malformed CSV: ${e.message}`, `CSV 格式错误：${e.message}`),
          remedy: text('every row needs the same number of cells as the header; quote cells that contain commas', '每行单元格数须与表头一致；含逗号的单元格请加双引号'),
          severity: 'error',
        },
      ], { cause: e });
    }
    throw e;
  }
  const [head, ...body] = records;
  if (!head) throw new DiagnosticsError([{ location: { file, line: 1, col: 1, pointer: 'row 1' }, message: text('the CSV file is empty', 'CSV 文件为空'), remedy: text(`write a header row: ${required.join(',')}`, `请写表头：${required.join(',')}`), severity: 'error' }]);
  const header = head.record.map((h) => h.trim());
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw new DiagnosticsError(
      missing.map((c) => ({
        location: { file, line: head.info.lines, col: 1, pointer: 'row 1 (header)' },
        message: text(`missing column "${c}"`, `缺少列 "${c}"`),
        remedy: text(`the header must contain: ${required.join(', ')}`, `表头须包含：${required.join('、')}`),
        severity: 'error' as const,
      })),
    );
  }
  return { file, header, rows: body.map((r) => ({ line: r.info.lines, cells: r.record })) };
}

/** Reads and parses a CSV file. @throws {UserInputError} | {DiagnosticsError} */
export async function readCsvTable(file: string, required: readonly string[] = []): Promise<CsvTable> {
  return parseCsvTable(file, await readCsvSource(file), required);
}

/** Reads a CSV file's text. @throws {UserInputError} when it cannot be read. */
export async function readCsvSource(file: string): Promise<string> {
  try {
    const size = (await stat(file)).size;
    if (size > MAX_CSV_BYTES)
      throw new DiagnosticsError([{ location: { file, line: 1, col: 1, pointer: 'row 1' }, message: text(`the file is ${megabytes(size)}, above the ${megabytes(MAX_CSV_BYTES)} limit for CSV input`, `文件大小 ${megabytes(size)}，超过 CSV 输入 ${megabytes(MAX_CSV_BYTES)} 的上限`), remedy: text('check that this is the right file; split it into smaller files', '请确认文件是否正确；请拆分成较小的文件'), severity: 'error' }]);
    return await readFile(file, 'utf8');
  } catch (cause) {
    if (cause instanceof DiagnosticsError) throw cause;
    const code = (cause as NodeJS.ErrnoException).code ?? String(cause);
    throw new UserInputError(text(`cannot read ${file}: ${code}`, `无法读取 ${file}：${code}`), text('check the path and that the file exists', '请检查路径及文件是否存在'), { cause, code: 'CANNOT_READ' });
  }
}

const TRUE = new Set(['true', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'no', 'n', '0', '']);

/** Reads typed cells of one table, collecting located problems. */
export class CsvReader {
  readonly diagnostics: Diagnostic[] = [];
  private readonly index: Map<string, number>;
  constructor(readonly table: CsvTable) {
    this.index = new Map(table.header.map((h, i) => [h, i]));
  }

  /** A located problem at a row's cell. */
  problem(row: CsvTable['rows'][number], column: string, message: Text, remedy: Text, severity: 'error' | 'warning' = 'error'): void {
    const col = (this.index.get(column) ?? 0) + 1;
    this.diagnostics.push({ location: { file: this.table.file, line: row.line, col, pointer: `row ${row.line}, column ${column}` }, message, remedy, severity });
  }

  raw(row: CsvTable['rows'][number], column: string): string {
    return row.cells[this.index.get(column) ?? -1] ?? '';
  }

  string(row: CsvTable['rows'][number], column: string, opts: { required?: boolean } = {}): string {
    const v = this.raw(row, column);
    if (opts.required && v === '') this.problem(row, column, text(`"${column}" is empty`, `"${column}" 为空`), text(`fill in ${column}`, `请填写 ${column}`));
    return v;
  }

  bool(row: CsvTable['rows'][number], column: string): boolean {
    const v = this.raw(row, column).toLowerCase();
    if (TRUE.has(v)) return true;
    if (!FALSE.has(v)) this.problem(row, column, text(`"${this.raw(row, column)}" is not a yes/no value`, `"${this.raw(row, column)}" 不是是/否取值`), text('write true or false (yes/no, 1/0 and empty = false also work)', '请写 true 或 false（也可写 yes/no、1/0，空白视为 false）'));
    return false;
  }

  number(row: CsvTable['rows'][number], column: string, opts: { min?: number; exclusiveMin?: number; max?: number; hint?: Text } = {}): number {
    const s = this.raw(row, column);
    const v = s === '' ? NaN : Number(s);
    const hint = opts.hint ?? text('write a plain number with a dot for decimals', '请写数字，小数用点号');
    const range = [opts.exclusiveMin !== undefined ? `> ${opts.exclusiveMin}` : opts.min !== undefined ? `≥ ${opts.min}` : '', opts.max !== undefined ? `≤ ${opts.max}` : ''].filter(Boolean).join(' and ');
    if (!Number.isFinite(v)) {
      // "NaN", "Infinity" and 1e309 (which Number() turns into Infinity) are refused like any text
      const what = s !== '' && /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s) ? text(`"${s}" is not a finite number`, `"${s}" 不是有限数值`) : text(`"${s}" is not a number`, `"${s}" 不是数字`);
      this.problem(row, column, text(`${what.en} (allowed: a finite number${range ? ` ${range}` : ''})`, `${what.zh}（允许：有限数值${range ? ` ${range}` : ''}）`), hint);
      return NaN;
    }
    if ((opts.min !== undefined && v < opts.min) || (opts.exclusiveMin !== undefined && v <= opts.exclusiveMin) || (opts.max !== undefined && v > opts.max)) {
      this.problem(row, column, text(`${v} is out of range (must be ${range})`, `${v} 超出范围（须 ${range}）`), hint);
    }
    return v;
  }

  oneOf<T extends string>(row: CsvTable['rows'][number], column: string, values: readonly T[]): T {
    const v = this.raw(row, column);
    if (!values.includes(v as T)) this.problem(row, column, text(`unknown ${column} "${v}"`, `未知的 ${column} "${v}"`), text(`use one of: ${values.join(', ')}`, `请使用以下之一：${values.join('、')}`));
    return v as T;
  }

  /** @throws {DiagnosticsError} when any error was collected. */
  throwIfErrors(): void {
    const errors = this.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) throw new DiagnosticsError(errors);
  }
}
