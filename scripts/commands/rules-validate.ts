/** `jitsim rules validate [dir]`: every schema and semantic problem of a rule folder, located. */
import { formatDiagnostic } from '../../sim/errors.ts';
import { validateProject } from '../../sim/models/context.ts';
import { projectDirOfDataFlag } from '../../sim/rules/rule-set.ts';
import { RULE_FILE_KINDS } from '../../sim/rules/schema/index.ts';
import { EXIT } from '../exit-codes.ts';
import { paint, type CommonOptions, type Io } from '../io.ts';
import { diagnosticsJson, displayPath, resolveRulesDir, userPath } from './shared.ts';

export async function run(io: Io, [dir]: string[], opts: CommonOptions & { data?: string }): Promise<number> {
  const shown = resolveRulesDir(io, dir);
  const projectDir = opts.data === undefined ? undefined : projectDirOfDataFlag(userPath(io, opts.data));
  const { context, diagnostics } = await validateProject(shown, { projectDir });
  const ruleSet = context?.rules;
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const lang = opts.lang;
  if (opts.json) {
    io.out(JSON.stringify({ ok: errors.length === 0, dir: shown, files: RULE_FILE_KINDS.map((k) => `${k}.json`), data: context ? displayPath(io, context.data.projectDir) : null, fingerprint: ruleSet?.fingerprint ?? null, errors: errors.length, warnings: diagnostics.length - errors.length, diagnostics: diagnosticsJson(diagnostics, lang) }, null, 2));
  } else {
    for (const d of diagnostics) io.out(`${paint(io, d.severity === 'error' ? 'red' : 'yellow', d.severity === 'error' ? (lang === 'zh' ? '错误' : 'error') : lang === 'zh' ? '警告' : 'warning')} ${formatDiagnostic(d, lang)}`);
    io.out(
      errors.length === 0
        ? paint(io, 'green', lang === 'zh' ? `✓ ${shown}：${RULE_FILE_KINDS.length} 个规则文件及 data/ 中的运价表与参数全部有效` : `✓ ${shown}: all ${RULE_FILE_KINDS.length} rule files, and the rate cards and parameters in data/, are valid`)
        : paint(io, 'red', lang === 'zh' ? `✗ ${shown}：${errors.length} 个错误` : `✗ ${shown}: ${errors.length} error${errors.length === 1 ? '' : 's'}`),
    );
  }
  // an invalid rule or data file is bad input, as in every other command
  return errors.length === 0 ? EXIT.ok : EXIT.badInput;
}
