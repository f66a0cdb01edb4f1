/** Output safety: HTML escaping, CSV cell neutralisation, paths that stay inside the output folder. */
import { isAbsolute, normalize, sep } from 'node:path';
import { UserInputError } from '../../sim/errors.ts';
import { text } from '../../sim/i18n/index.ts';
import { visible } from '../../sim/io/safe-text.ts';

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes a user-supplied string for HTML text and attribute values (and SVG/XML); control and
 * bidirectional characters are made visible first (`visible()`).
 * @example escapeHtml('<img src=x onerror=alert(1)>') // => '&lt;img src=x onerror=alert(1)&gt;'
 */
export function escapeHtml(s: string): string {
  return visible(s, { allow: '\n\t' }).replace(/[&<>"']/g, (c) => HTML[c]!);
}

/** JSON for a `<script type="application/json">` block: `<`, `>`, `&` and line separators escaped so no tag can close it. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export { csvSafe } from '../../sim/io/safe-text.ts';

/**
 * A relative path checked to stay inside its output folder.
 * @throws {UserInputError} for an absolute path or one that climbs out with `..`.
 */
export function insideOutput(rel: string): string {
  const n = normalize(rel);
  if (isAbsolute(n) || n === '..' || n.startsWith(`..${sep}`) || n.includes(`${sep}..${sep}`))
    throw new UserInputError(text(`refusing to write outside the output folder: ${rel}`, `拒绝写到输出目录之外：${rel}`), text('use a plain file name', '请使用普通文件名'));
  return n;
}

/** A file-system-safe slug for folder names derived from user text. */
export function slug(s: string): string {
  return (
    s
      .normalize('NFKD')
      .replace(/[^\w.-]+/g, '-')
      .replace(/^[-.]+|[-.]+$/g, '')
      .toLowerCase()
      .slice(0, 80) || 'scenario'
  );
}
