/**
 * The exit codes of every jitsim command (one table, also in the README and in every `--help`).
 * Commands return these; only scripts/cli.ts maps thrown errors to them.
 */
export const EXIT = { ok: 0, failed: 1, badInput: 2, internal: 3 } as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The table as printed at the end of every `--help` (English and Chinese). */
export const EXIT_CODES_HELP = [
  'Exit codes / 退出码:',
  '  0  ok / 成功',
  '  1  a rule, rule test or check failed / 规则、规则测试或检查未通过',
  '  2  bad input: an unreadable or invalid file or flag (a located message, no stack trace) / 输入有误：文件或参数无法读取或无效',
  '  3  internal error: a bug in jitsim / 内部错误（jitsim 的缺陷）',
].join('\n');
