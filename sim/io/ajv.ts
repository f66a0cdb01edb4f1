/** The ajv factory (options shared with the validators generated at build time). */
import type { Ajv } from 'ajv';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The options of every ajv instance (also those of the validators generated at build time). */
export const AJV_OPTIONS = { allErrors: true, strict: false, allowUnionTypes: true } as const;

/**
 * A new ajv instance: all errors, formats (date, uri …), schema keywords for docs allowed. ajv is
 * loaded on first use only (the bundled CLI never needs it: its validators are generated at build time).
 */
export function createAjv(extra: Record<string, unknown> = {}): Ajv {
  const { Ajv: AjvClass } = require('ajv') as typeof import('ajv');
  const addFormats = require('ajv-formats') as (ajv: Ajv) => Ajv;
  const ajv = new AjvClass({ ...AJV_OPTIONS, ...extra });
  addFormats(ajv);
  return ajv;
}
