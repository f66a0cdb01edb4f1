/**
 * Placeholder for the validators generated at build time: `scripts/build.ts` replaces this module in
 * the bundle with ajv standalone code for every schema in `scripts/build-validators.ts`. Run from the
 * source, nothing is pre-compiled and `namedValidator` compiles on first use.
 */
export const PRECOMPILED: Record<string, unknown> = {};
