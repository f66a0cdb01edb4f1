/**
 * Every error the tool raises on purpose. Each has a stable `code`, and user mistakes carry a
 * location and a remedy. Only the CLI entry point turns them into a message and an exit code:
 * {@link UserInputError} and {@link DiagnosticsError} exit 2 without a stack trace.
 */
import type { Text } from './i18n/index.ts';

/** Where in a file a problem is: 1-based line and column, and the RFC 6901 JSON pointer (or CSV row/column). */
export interface SourceLocation {
  file: string;
  line: number;
  col: number;
  /** JSON pointer such as `/rules/2/conditions/all/0/value`, or `row 7, column weight_kg` for CSV. */
  pointer: string;
}

/** One located problem: what is wrong and how to fix it, in both languages. */
export interface Diagnostic {
  location: SourceLocation;
  message: Text;
  remedy: Text;
  /** `error` blocks the run; `warning` is reported and the run goes on. */
  severity: 'error' | 'warning';
}

/** Base class: a stable machine-readable code, optional cause. */
export class JitsimError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** A user mistake found in input files: one or more located diagnostics. Exit code 2. */
export class DiagnosticsError extends JitsimError {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[], options?: { cause?: unknown }) {
    super('BAD_INPUT', diagnostics.map((d) => `${formatLocation(d.location)}: ${d.message.en} — ${d.remedy.en}`).join('\n'), options);
    this.diagnostics = diagnostics;
  }
}

/** A user mistake that has no file location (a bad flag value, a missing file). Exit code 2. */
export class UserInputError extends JitsimError {
  readonly text: Text;
  readonly remedy: Text;
  constructor(message: Text, remedy: Text, options?: { cause?: unknown; code?: string }) {
    super(options?.code ?? 'BAD_ARGUMENT', `${message.en} — ${remedy.en}`, options);
    this.text = message;
    this.remedy = remedy;
  }
}

/** `file:line:col (pointer)`, the prefix of every located message. */
export function formatLocation(loc: SourceLocation): string {
  return `${loc.file}:${loc.line}:${loc.col} (${loc.pointer || '/'})`;
}

/** Formats a diagnostic as `file:line:col (JSON pointer): what is wrong — how to fix it`. */
export function formatDiagnostic(d: Diagnostic, lang: 'en' | 'zh' = 'en'): string {
  return `${formatLocation(d.location)}: ${d.message[lang]} — ${d.remedy[lang]}`;
}
