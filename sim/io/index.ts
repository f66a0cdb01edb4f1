export * from './csv-table.ts';
export * from './json-document.ts';
export * from './schema-check.ts';
export * from './safe-text.ts';
export * from './validators.ts';
export * from './cache.ts';
