/**
 * The exit codes of every jitsim command (one table, also in the README and in every `--help`).
 * Commands return these; only scripts/cli.ts maps thrown errors to them.
 */
export const EXIT = { ok: 0, failed: 1, badInput: 2, internal: 3 } as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The table as printed at the end of every `--help`, in the help's language. */
export function exitCodesHelp(lang: 'en' | 'zh'): string {
  return (lang === 'zh'
    ? ['退出码：', '  0  成功', '  1  规则、规则测试或检查未通过', '  2  输入有误：文件或参数无法读取或无效（给出位置，无堆栈）', '  3  内部错误（jitsim 的缺陷）']
    : ['Exit codes:', '  0  ok', '  1  a rule, rule test or check failed', '  2  bad input: an unreadable or invalid file or flag (a located message, no stack trace)', '  3  internal error: a bug in jitsim']
  ).join('\n');
}
