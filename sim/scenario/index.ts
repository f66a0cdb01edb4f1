export * from './inputs.ts';
export * from './load.ts';
export * from './overrides.ts';
export * from './schema.ts';
