/** `jitsim rules validate [dir]`: every schema and semantic problem of a rule folder, located. */
import { formatDiagnostic } from '../../sim/errors.ts';
import { validateProjectSnapshot } from '../../sim/models/context-snapshot.ts';
import { projectDirOfDataFlag } from '../../sim/rules/rule-set.ts';
import { RULE_FILE_KINDS } from '../../sim/rules/schema/index.ts';
import { EXIT } from '../exit-codes.ts';
import { paint, type CommonOptions, type Io } from '../io.ts';
import { diagnosticsJson, displayPath, resolveRulesDir, userPath } from './shared.ts';
import { M } from './messages.ts';

export async function run(io: Io, [dir]: string[], opts: CommonOptions & { data?: string }): Promise<number> {
  const shown = resolveRulesDir(io, dir);
  const projectDir = opts.data === undefined ? undefined : projectDirOfDataFlag(userPath(io, opts.data));
  // remembered by content: unchanged rule and data files (and jitsim) give the same answer without re-checking
  const { diagnostics, fingerprint, dataProjectDir } = await validateProjectSnapshot(shown, projectDir === undefined ? {} : { projectDir });
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const lang = opts.lang;
  if (opts.json) {
    io.out(JSON.stringify({ ok: errors.length === 0, dir: shown, files: RULE_FILE_KINDS.map((k) => `${k}.json`), data: dataProjectDir !== undefined ? displayPath(io, dataProjectDir) : null, fingerprint: fingerprint ?? null, errors: errors.length, warnings: diagnostics.length - errors.length, diagnostics: diagnosticsJson(diagnostics, lang) }, null, 2));
  } else {
    for (const d of diagnostics) io.out(`${paint(io, d.severity === 'error' ? 'red' : 'yellow', (d.severity === 'error' ? M.severityError : M.severityWarning)[lang])} ${formatDiagnostic(d, lang)}`);
    io.out(
      errors.length === 0
        ? paint(io, 'green', M.rulesValid(shown, RULE_FILE_KINDS.length)[lang])
        : paint(io, 'red', M.rulesInvalid(shown, errors.length)[lang]),
    );
  }
  // an invalid rule or data file is bad input, as in every other command
  return errors.length === 0 ? EXIT.ok : EXIT.badInput;
}
