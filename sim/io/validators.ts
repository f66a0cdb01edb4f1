/**
 * Named JSON Schema validators. The bundled CLI (`npm run build`, run by `npm ci` through `prepare`)
 * carries every named validator as ajv standalone code generated at build time, so a command never
 * compiles a schema at start-up; run from the TypeScript source (tsx, vitest) a validator is compiled
 * with ajv on first use. Both are the same ajv code for the same schema, so they report the same errors.
 */
import type { ValidateFunction } from 'ajv';
import { createHash } from 'node:crypto';
import { createAjv } from './ajv.ts';
import { PRECOMPILED } from './validators-precompiled.ts';

const cache = new Map<string, ValidateFunction>();
const hashes = new WeakMap<ValidateFunction, string>();

/** sha256 of a schema's JSON: identifies what a validator checks (for the result cache). */
export function schemaHash(schema: unknown): string {
  return createHash('sha256').update(JSON.stringify(schema)).digest('hex');
}

/** The validator of the schema named `name` (pre-compiled when the build made one). */
export function namedValidator(name: string, schema: () => Record<string, unknown>): ValidateFunction {
  let v = cache.get(name);
  if (!v) {
    const pre = PRECOMPILED[name] as { validate: ValidateFunction; hash: string; schema: Record<string, unknown> } | undefined;
    if (pre) {
      // the generated code (and the schema, read for messages) loads on the first call: a document
      // that passed this schema before (the cache) never needs it
      let real: ValidateFunction | undefined;
      let schema: Record<string, unknown> | undefined;
      const lazy = function (this: unknown, data: unknown, ctx?: unknown) {
        real ??= pre.validate;
        const ok = (real as (this: unknown, d: unknown, c?: unknown) => boolean).call(this, data, ctx);
        lazy.errors = real.errors;
        return ok;
      } as unknown as ValidateFunction;
      Object.defineProperty(lazy, 'schema', { get: () => (schema ??= pre.schema), set: (s: Record<string, unknown>) => (schema = s), enumerable: true });
      v = lazy;
      hashes.set(v, pre.hash);
    } else {
      const json = schema();
      v = createAjv().compile(json);
      hashes.set(v, schemaHash(json));
    }
    cache.set(name, v);
  }
  return v;
}

/** The schema hash of a validator made by {@link namedValidator} (undefined for others). */
export function validatorHash(v: ValidateFunction): string | undefined {
  return hashes.get(v);
}

/** Whether `name` comes from the build's generated code (for tests of the bundle). */
export function isPrecompiled(name: string): boolean {
  return name in PRECOMPILED;
}
